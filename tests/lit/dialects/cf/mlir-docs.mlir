// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --split-input-file --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s

// Acceptance tests for the `cf` dialect: the examples of MLIR's own documentation
// (https://mlir.llvm.org/docs/Dialects/ControlFlowDialect/, and the block examples of
// https://mlir.llvm.org/docs/LangRef/), each made a self-contained, verifiable module.
// The checks hold what `mlir-opt` prints: values and blocks are renumbered (hence the
// `%[[X:.*]]` and `^[[BB:bb[0-9]+]]` patterns), block arguments print as `(%v : type)`
// in successor lists, and block headers carry a `// pred:` comment (not checked).

// From: https://mlir.llvm.org/docs/Dialects/ControlFlowDialect/#cfassert-cfassertop
func.func @assert(%b: i1) {
  cf.assert %b, "Expected ... to be true"
  return
}

// CHECK-LABEL: func.func @assert(
// CHECK-SAME: %[[B:.*]]: i1) {
// CHECK: cf.assert %[[B]], "Expected ... to be true"
// CHECK: return

// -----

// From: https://mlir.llvm.org/docs/Dialects/ControlFlowDialect/#cfbr-cfbranchop
// (doc typo fixed: `%2 = call @someFn()` lacks the call's type, `: () -> tensor<*xf32>`;
// the callee declaration, an entry block branching to ^bb2 and the final return are
// added around the page's two blocks)
func.func private @someFn() -> tensor<*xf32>

func.func @br() -> tensor<*xf32> {
  cf.br ^bb2
^bb2:
  %2 = call @someFn() : () -> tensor<*xf32>
  cf.br ^bb3(%2 : tensor<*xf32>)
^bb3(%3: tensor<*xf32>):
  return %3 : tensor<*xf32>
}

// CHECK-LABEL: func.func private @someFn() -> tensor<*xf32>
// CHECK-LABEL: func.func @br() -> tensor<*xf32> {
// CHECK-NEXT: cf.br ^[[BB2:bb[0-9]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: %[[V:.*]] = call @someFn() : () -> tensor<*xf32>
// CHECK-NEXT: cf.br ^[[BB3:bb[0-9]+]](%[[V]] : tensor<*xf32>)
// CHECK-NEXT: ^[[BB3]](%[[A:.*]]: tensor<*xf32>):
// CHECK-NEXT: return %[[A]] : tensor<*xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ControlFlowDialect/#cfcond_br-cfcondbranchop
func.func @select(%a: i32, %b: i32, %flag: i1) -> i32 {
  // Both targets are the same, operands differ
  cf.cond_br %flag, ^bb1(%a : i32), ^bb1(%b : i32)

^bb1(%x : i32) :
  return %x : i32
}

// CHECK-LABEL: func.func @select(
// CHECK-SAME: %[[A:.*]]: i32, %[[B:.*]]: i32, %[[FLAG:.*]]: i1) -> i32 {
// CHECK-NEXT: cf.cond_br %[[FLAG]], ^bb1(%[[A]] : i32), ^bb1(%[[B]] : i32)
// CHECK-NEXT: ^bb1(%[[X:.*]]: i32):
// CHECK-NEXT: return %[[X]] : i32

// -----

// From: https://mlir.llvm.org/docs/Dialects/ControlFlowDialect/#cfswitch-cfswitchop
// (the page shows the switch alone; the function around it and its target blocks ^bb1
// and ^bb3 are added)
func.func @switch(%flag: i32, %a: i32, %b: i32, %c: i32) -> i32 {
  cf.switch %flag : i32, [
    default: ^bb1(%a : i32),
    42: ^bb1(%b : i32),
    43: ^bb3(%c : i32)
  ]
^bb1(%x: i32):
  return %x : i32
^bb3(%y: i32):
  return %y : i32
}

// CHECK-LABEL: func.func @switch(
// CHECK-SAME: %[[FLAG:.*]]: i32, %[[A:.*]]: i32, %[[B:.*]]: i32, %[[C:.*]]: i32) -> i32 {
// CHECK-NEXT: cf.switch %[[FLAG]] : i32, [
// CHECK-NEXT: default: ^bb1(%[[A]] : i32),
// CHECK-NEXT: 42: ^bb1(%[[B]] : i32),
// CHECK-NEXT: 43: ^[[BB3:bb[0-9]+]](%[[C]] : i32)
// CHECK-NEXT: ]
// CHECK-NEXT: ^bb1(%[[X:.*]]: i32):
// CHECK-NEXT: return %[[X]] : i32
// CHECK-NEXT: ^[[BB3]](%[[Y:.*]]: i32):
// CHECK-NEXT: return %[[Y]] : i32

// -----

// From: https://mlir.llvm.org/docs/LangRef/#blocks
// (the entry block is written out with its arguments and the signature lists only types;
// the printer folds the entry block's arguments into the signature)
func.func @simple(i64, i1) -> i64 {
^bb0(%a: i64, %cond: i1): // Code dominated by ^bb0 may refer to %a
  cf.cond_br %cond, ^bb1, ^bb2

^bb1:
  cf.br ^bb3(%a: i64)    // Branch passes %a as the argument

^bb2:
  %b = arith.addi %a, %a : i64
  cf.br ^bb3(%b: i64)    // Branch passes %b as the argument

// ^bb3 receives an argument, named %c, from predecessors
// and passes it on to bb4 along with %a. %a is referenced
// directly from its defining operation and is not passed through
// an argument of ^bb3.
^bb3(%c: i64):
  cf.br ^bb4(%c, %a : i64, i64)

^bb4(%d : i64, %e : i64):
  %0 = arith.addi %d, %e : i64
  return %0 : i64   // Return is also a terminator.
}

// CHECK-LABEL: func.func @simple(
// CHECK-SAME: %[[A:.*]]: i64, %[[COND:.*]]: i1) -> i64 {
// CHECK-NEXT: cf.cond_br %[[COND]], ^bb1, ^bb2
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: cf.br ^bb3(%[[A]] : i64)
// CHECK-NEXT: ^bb2:
// CHECK-NEXT: %[[B:.*]] = arith.addi %[[A]], %[[A]] : i64
// CHECK-NEXT: cf.br ^bb3(%[[B]] : i64)
// CHECK-NEXT: ^bb3(%[[C:.*]]: i64):
// CHECK-NEXT: cf.br ^bb4(%[[C]], %[[A]] : i64, i64)
// CHECK-NEXT: ^bb4(%[[D:.*]]: i64, %[[E:.*]]: i64):
// CHECK-NEXT: %[[R:.*]] = arith.addi %[[D]], %[[E]] : i64
// CHECK-NEXT: return %[[R]] : i64
