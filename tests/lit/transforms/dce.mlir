// dce: unreachable blocks, ops without side effects that feed nothing live (also through
// block arguments), and unused arguments of non-entry blocks.
// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(dce)' | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(func.func(dce))' | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(dce)' --pass-statistics 2>&1 >/dev/null | filecheck %s --check-prefix=STATS

// Summed over the chunks: 4 + 4 + 1 erased ops (the unreachable block's two included).
// STATS:      DCE
// STATS-NEXT: (S) 9 num-dce'd

// Pure ops, reads and allocations without uses go; writes, frees, calls and unknown ops
// stay. Nothing is folded: dce does not canonicalize.
// CHECK-LABEL: func.func @effects
// CHECK-NEXT: %[[C:.*]] = arith.constant 1 : i32
// CHECK-NEXT: %[[A:.*]] = memref.alloc() : memref<4xi32>
// CHECK-NEXT: memref.store %[[C]], %[[A]][%arg1] : memref<4xi32>
// CHECK-NEXT: memref.dealloc %[[A]] : memref<4xi32>
// CHECK-NEXT: %{{.*}} = call @ext() : () -> i32
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: %[[X:.*]] = arith.addi %arg0, %[[C]] : i32
// CHECK-NEXT: return %[[X]] : i32
func.func private @ext() -> i32
func.func @effects(%arg0: i32, %arg1: index) -> i32 {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %unused = memref.alloc() : memref<4xi32>
  %a = memref.alloc() : memref<4xi32>
  memref.store %c1, %a[%arg1] : memref<4xi32>
  %l = memref.load %a[%arg1] : memref<4xi32>
  memref.dealloc %a : memref<4xi32>
  %r = func.call @ext() : () -> i32
  "test.op"() : () -> ()
  %dead = arith.muli %arg0, %c2 : i32
  %x = arith.addi %arg0, %c1 : i32
  return %x : i32
}

// -----

// Unreachable blocks go, and with them the only use of %u; a dead value carried around a
// loop goes with its block argument.
// CHECK-LABEL: func.func @blocks
// CHECK-NEXT: cf.br ^bb1(%arg0 : i32)
// CHECK-NEXT: ^bb1(%[[I:.*]]: i32):
// CHECK-NEXT: %[[N:.*]] = arith.addi %[[I]], %arg0 : i32
// CHECK-NEXT: %[[C:.*]] = arith.cmpi slt, %[[N]], %arg1 : i32
// CHECK-NEXT: cf.cond_br %[[C]], ^bb1(%[[N]] : i32), ^bb2
// CHECK-NEXT: ^bb2:
// CHECK-NEXT: return %[[N]] : i32
// CHECK-NOT: ^bb3
func.func @blocks(%arg0: i32, %arg1: i32) -> i32 {
  %u = arith.muli %arg0, %arg0 : i32
  cf.br ^bb1(%arg0, %arg0 : i32, i32)
^bb1(%i: i32, %acc: i32):
  %next = arith.addi %i, %arg0 : i32
  %acc2 = arith.muli %acc, %next : i32
  %cond = arith.cmpi slt, %next, %arg1 : i32
  cf.cond_br %cond, ^bb1(%next, %acc2 : i32, i32), ^bb2
^bb2:
  return %next : i32
^bb3:
  "test.op"(%u) : (i32) -> ()
  return %u : i32
}

// -----

// Inside regions of other ops too; the op holding them stays (unknown effects).
// CHECK-LABEL: func.func @nested
// CHECK-NEXT: "test.holder"() ({
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: }) : () -> ()
// CHECK-NEXT: return
func.func @nested() {
  "test.holder"() ({
    %0 = arith.constant 1 : i32
    "test.op"() : () -> ()
  }) : () -> ()
  return
}
