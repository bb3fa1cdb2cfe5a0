// canonicalize's region simplification: unreachable blocks, dead code by liveness (through
// block arguments), blocks merged into their only predecessor, block arguments removed.
// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(canonicalize)' | filecheck %s
// With region-simplify=disabled dead block arguments stay.
// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(canonicalize{region-simplify=disabled})' | filecheck %s --check-prefix=OFF

// A block reached only by a plain branch merges into its predecessor; its arguments become
// the branch operands. Unreachable blocks go.
// CHECK-LABEL: func.func @merge_chain
// CHECK-NEXT: %[[A:.*]] = arith.addi %arg0, %arg1 : i32
// CHECK-NEXT: %[[B:.*]] = arith.muli %[[A]], %arg0 : i32
// CHECK-NEXT: return %[[B]] : i32
// CHECK-NOT: ^bb
// Without region simplification, unreachable blocks still go (MLIR's driver erases them
// every sweep) and cf.br's pattern merges the chain.
// OFF-LABEL: func.func @merge_chain
// OFF-NEXT: arith.addi
// OFF-NEXT: arith.muli
// OFF-NEXT: return
func.func @merge_chain(%arg0: i32, %arg1: i32) -> i32 {
  %0 = arith.addi %arg0, %arg1 : i32
  cf.br ^bb1(%0 : i32)
^bb1(%a: i32):
  %1 = arith.muli %a, %arg0 : i32
  cf.br ^bb2(%1 : i32)
^bb2(%b: i32):
  return %b : i32
^bb3:
  "test.unreachable"() : () -> ()
  cf.br ^bb2(%arg0 : i32)
}

// -----

// A block with two predecessors keeps them; an argument that gets different values stays,
// one that gets the same value from both is replaced by it, an unused one goes (with the
// operands feeding it, in both successor operand lists of cf.cond_br).
// CHECK-LABEL: func.func @arguments
// (cf.cond_br's pattern then turns the branch with identical successors into a select.)
// CHECK-NEXT: %[[D:.*]] = arith.select %arg0, %arg1, %arg2 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[D]], %arg1 : i32
// CHECK-NEXT: return %[[S]] : i32
func.func @arguments(%arg0: i1, %arg1: i32, %arg2: i32) -> i32 {
  cf.cond_br %arg0, ^bb1(%arg1, %arg1, %arg2 : i32, i32, i32), ^bb1(%arg2, %arg1, %arg1 : i32, i32, i32)
^bb1(%diff: i32, %same: i32, %unused: i32):
  %0 = arith.addi %diff, %same : i32
  return %0 : i32
}

// -----

// A value carried around a loop through a block argument but never used for anything live
// is dead, though it has uses: the argument, its operands and the ops computing it go.
// CHECK-LABEL: func.func @dead_loop_value
// CHECK-NEXT: %[[C0:.*]] = arith.constant 0 : i32
// CHECK-NEXT: cf.br ^bb1(%[[C0]] : i32)
// CHECK-NEXT: ^bb1(%[[I:.*]]: i32):
// CHECK-NEXT: %[[N:.*]] = arith.addi %[[I]], %arg0 : i32
// CHECK-NEXT: %[[C:.*]] = arith.cmpi slt, %[[N]], %arg1 : i32
// CHECK-NEXT: cf.cond_br %[[C]], ^bb1(%[[N]] : i32), ^bb2
// CHECK-NEXT: ^bb2:
// CHECK-NEXT: return %[[N]] : i32
// OFF-LABEL: func.func @dead_loop_value
// OFF: ^bb1(%{{.*}}: i32, %{{.*}}: i32):
func.func @dead_loop_value(%arg0: i32, %arg1: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  cf.br ^bb1(%c0, %c0 : i32, i32)
^bb1(%i: i32, %acc: i32):
  %next = arith.addi %i, %arg0 : i32
  %acc2 = arith.muli %acc, %next : i32
  %cond = arith.cmpi slt, %next, %arg1 : i32
  cf.cond_br %cond, ^bb1(%next, %acc2 : i32, i32), ^bb2
^bb2:
  return %next : i32
}

// -----

// A loop-carried value that is used stays, and so does a block with two predecessors.
// CHECK-LABEL: func.func @live_loop_value
// CHECK: ^bb1(%[[I:.*]]: i32, %[[ACC:.*]]: i32):
// CHECK: cf.cond_br %{{.*}}, ^bb1(%{{.*}}, %{{.*}} : i32, i32), ^bb2
// CHECK: ^bb2:
// CHECK-NEXT: return %[[ACC]] : i32
func.func @live_loop_value(%arg0: i32, %arg1: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  cf.br ^bb1(%c0, %arg0 : i32, i32)
^bb1(%i: i32, %acc: i32):
  %next = arith.addi %i, %arg0 : i32
  %acc2 = arith.muli %acc, %next : i32
  %cond = arith.cmpi slt, %next, %arg1 : i32
  cf.cond_br %cond, ^bb1(%next, %acc2 : i32, i32), ^bb2
^bb2:
  return %acc : i32
}

// -----

// Arguments of a block that a terminator dialir cannot edit branches to (an unregistered
// op) stay. (cf.switch's patterns drop the case that matches the default, the switch with
// only a default becomes a cf.br, and the block merges into its single predecessor.)
// CHECK-LABEL: func.func @uneditable
// CHECK-NEXT: "test.terminator"(%arg1)[^bb1] : (i32) -> ()
// CHECK-NEXT: ^bb1(%{{.*}}: i32):
// CHECK-NEXT: return
func.func @uneditable(%arg0: i32, %arg1: i32) {
  cf.switch %arg0 : i32, [
    default: ^bb1(%arg1 : i32),
    1: ^bb1(%arg1 : i32)
  ]
^bb1(%a: i32):
  "test.terminator"(%arg1)[^bb2] : (i32) -> ()
^bb2(%b: i32):
  return
}

// -----

// A branch to a block with other predecessors, or a conditional branch, does not merge.
// CHECK-LABEL: func.func @no_merge
// CHECK-NEXT: cf.cond_br %arg0, ^bb1, ^bb2
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: cf.br ^bb2
// CHECK-NEXT: ^bb2:
// CHECK-NEXT: return
func.func @no_merge(%arg0: i1) {
  cf.cond_br %arg0, ^bb1, ^bb2
^bb1:
  "test.op"() : () -> ()
  cf.br ^bb2
^bb2:
  return
}

// -----

// Regions nested in other ops are simplified too.
// CHECK-LABEL: "test.holder"
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: "test.end"() : () -> ()
// CHECK-NEXT: }) : () -> ()
"test.holder"() ({
  "test.op"() : () -> ()
  cf.br ^bb1
^bb1:
  "test.op"() : () -> ()
  "test.end"() : () -> ()
^bb2:
  "test.end"() : () -> ()
}) : () -> ()
