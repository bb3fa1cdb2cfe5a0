// loop-invariant-code-motion over LoopLikeOpInterface, with the `tloop.for` test loop
// (tests/lit/Inputs/loop_dialect.py).
// DEFINE: %{opt} = env PYTHONPATH=%S/../Inputs dialir-opt %s --load-dialect-plugin=loop_dialect --allow-unregistered-dialect --split-input-file
// RUN: %{opt} --pass-pipeline='builtin.module(loop-invariant-code-motion)' | filecheck %s
// RUN: %{opt} --pass-pipeline='builtin.module(func.func(loop-invariant-code-motion))' | filecheck %s

// Pure ops whose operands come from outside move out, in order, with the chains they start;
// ops using the induction variable, reads, writes and unknown ops stay.
// CHECK-LABEL: func.func @invariants
// CHECK-NEXT: %[[C7:.*]] = arith.constant 7 : i32
// CHECK-NEXT: %[[A:.*]] = arith.addi %arg3, %[[C7]] : i32
// CHECK-NEXT: %[[B:.*]] = arith.muli %[[A]], %[[A]] : i32
// CHECK-NEXT: "tloop.for"(%arg0, %arg1, %arg2) ({
// CHECK-NEXT: ^bb0(%[[IV:.*]]: index):
// CHECK-NEXT:   %[[I:.*]] = arith.index_cast %[[IV]] : index to i32
// CHECK-NEXT:   %[[V:.*]] = memref.load %arg4[%arg0] : memref<10xi32>
// CHECK-NEXT:   %[[S:.*]] = arith.addi %[[B]], %[[I]] : i32
// CHECK-NEXT:   %[[T:.*]] = arith.addi %[[S]], %[[V]] : i32
// CHECK-NEXT:   memref.store %[[T]], %arg4[%[[IV]]] : memref<10xi32>
// CHECK-NEXT:   %[[U:.*]] = "test.op"(%[[B]]) : (i32) -> i32
// CHECK-NEXT:   "tloop.yield"() : () -> ()
// CHECK-NEXT: }) : (index, index, index) -> ()
// CHECK-NEXT: return
func.func @invariants(%arg0: index, %arg1: index, %arg2: index, %arg3: i32, %arg4: memref<10xi32>) {
  "tloop.for"(%arg0, %arg1, %arg2) ({
  ^bb0(%iv: index):
    %c7 = arith.constant 7 : i32
    %i = arith.index_cast %iv : index to i32
    %v = memref.load %arg4[%arg0] : memref<10xi32>
    %a = arith.addi %arg3, %c7 : i32
    %b = arith.muli %a, %a : i32
    %s = arith.addi %b, %i : i32
    %t = arith.addi %s, %v : i32
    memref.store %t, %arg4[%iv] : memref<10xi32>
    %u = "test.op"(%b) : (i32) -> i32
    "tloop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

// Nested loops: the inner loop is done first, so an op invariant in both leaves the nest
// one level at a time; an op that depends on the outer induction variable stops between
// the loops. The inner loop itself has unknown effects and stays.
// CHECK-LABEL: func.func @nest
// CHECK-NEXT: %[[D:.*]] = arith.muli %arg3, %arg3 : i32
// CHECK-NEXT: "tloop.for"(%arg0, %arg1, %arg2) ({
// CHECK-NEXT: ^bb0(%[[I:.*]]: index):
// CHECK-NEXT:   %[[E:.*]] = arith.index_cast %[[I]] : index to i32
// CHECK-NEXT:   %[[F:.*]] = arith.addi %[[D]], %[[E]] : i32
// CHECK-NEXT:   "tloop.for"(%arg0, %arg1, %arg2) ({
// CHECK-NEXT:   ^bb0(%[[J:.*]]: index):
// CHECK-NEXT:     memref.store %[[F]], %arg4[%[[J]]] : memref<10xi32>
// CHECK-NEXT:     "tloop.yield"() : () -> ()
// CHECK-NEXT:   }) : (index, index, index) -> ()
// CHECK-NEXT:   "tloop.yield"() : () -> ()
// CHECK-NEXT: }) : (index, index, index) -> ()
func.func @nest(%arg0: index, %arg1: index, %arg2: index, %arg3: i32, %arg4: memref<10xi32>) {
  "tloop.for"(%arg0, %arg1, %arg2) ({
  ^bb0(%i: index):
    "tloop.for"(%arg0, %arg1, %arg2) ({
    ^bb0(%j: index):
      %d = arith.muli %arg3, %arg3 : i32
      %e = arith.index_cast %i : index to i32
      %f = arith.addi %d, %e : i32
      memref.store %f, %arg4[%j] : memref<10xi32>
      "tloop.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "tloop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

// Allocations have effects: they stay in the loop even with invariant operands.
// CHECK-LABEL: func.func @alloc
// CHECK-NEXT: "tloop.for"
// CHECK-NEXT: ^bb0
// CHECK-NEXT:   %{{.*}} = memref.alloc() : memref<4xi32>
func.func @alloc(%arg0: index) {
  "tloop.for"(%arg0, %arg0, %arg0) ({
  ^bb0(%i: index):
    %a = memref.alloc() : memref<4xi32>
    "test.use"(%a) : (memref<4xi32>) -> ()
    "tloop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

// Integer division is speculatable only by a constant that cannot trap: not zero, and for
// signed division not -1 either (INT_MIN / -1). Invariant divisions by %arg3 (unknown), 0
// and -1 (signed) stay in the loop; by 4, and -1 unsigned, they move out. Float division
// never traps and moves.
// CHECK-LABEL: func.func @divisions
// CHECK-DAG:  arith.divsi %arg3, %{{.*}} : i32
// CHECK-DAG:  arith.remui %arg3, %{{.*}} : i32
// CHECK-DAG:  arith.divf %arg4, %arg4 : f32
// CHECK:      "tloop.for"
// CHECK-DAG:  arith.divsi %arg3, %arg3 : i32
// CHECK-DAG:  arith.divui %arg3, %{{.*}} : i32
// CHECK-DAG:  arith.remsi %arg3, %{{.*}} : i32
// CHECK-DAG:  arith.floordivsi %arg3, %{{.*}} : i32
// CHECK:      "tloop.yield"
func.func @divisions(%arg0: index, %arg1: index, %arg2: index, %arg3: i32, %arg5: f32) {
  %c4 = arith.constant 4 : i32
  %c0 = arith.constant 0 : i32
  %cm1 = arith.constant -1 : i32
  "tloop.for"(%arg0, %arg1, %arg2) ({
  ^bb0(%iv: index):
    %a = arith.divsi %arg3, %c4 : i32
    %b = arith.divsi %arg3, %arg3 : i32
    %c = arith.divui %arg3, %c0 : i32
    %d = arith.remsi %arg3, %cm1 : i32
    %e = arith.remui %arg3, %cm1 : i32
    %f = arith.floordivsi %arg3, %c0 : i32
    %g = arith.divf %arg5, %arg5 : f32
    "test.use"(%a, %b, %c, %d, %e, %f, %g) : (i32, i32, i32, i32, i32, i32, f32) -> ()
    "tloop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}
