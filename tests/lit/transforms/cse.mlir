// The loop dialect (tests/lit/Inputs/loop_dialect.py) gives a registered op with a region
// that is not isolated from above.
// DEFINE: %{opt} = env PYTHONPATH=%S/../Inputs dialir-opt %s --load-dialect-plugin=loop_dialect --allow-unregistered-dialect --split-input-file
// RUN: %{opt} --pass-pipeline='builtin.module(func.func(cse))' | filecheck %s
// RUN: %{opt} --pass-pipeline='builtin.module(cse)' | filecheck %s
// RUN: %{opt} --pass-pipeline='builtin.module(cse)' --pass-statistics 2>&1 >/dev/null | filecheck %s --check-prefix=STATS

// Summed over the chunks below: 7 ops merged, 1 dead op erased.
// STATS:      CSE
// STATS-NEXT: (S) 7 num-cse'd
// STATS-NEXT: (S) 1 num-dce'd

// Equal constants merge.
// CHECK-LABEL: func.func @simple_constant
// CHECK-NEXT: %[[C:.*]] = arith.constant 1 : i32
// CHECK-NEXT: return %[[C]], %[[C]] : i32, i32
func.func @simple_constant() -> (i32, i32) {
  %0 = arith.constant 1 : i32
  %1 = arith.constant 1 : i32
  return %0, %1 : i32, i32
}

// -----

// Whole expressions merge, so their users become equal and merge too.
// CHECK-LABEL: func.func @expressions
// CHECK-NEXT: %[[A:.*]] = arith.addi %arg0, %arg1 : i32
// CHECK-NEXT: %[[M:.*]] = arith.muli %[[A]], %arg0 : i32
// CHECK-NEXT: return %[[M]], %[[M]] : i32, i32
func.func @expressions(%arg0: i32, %arg1: i32) -> (i32, i32) {
  %0 = arith.addi %arg0, %arg1 : i32
  %1 = arith.muli %0, %arg0 : i32
  %2 = arith.addi %arg0, %arg1 : i32
  %3 = arith.muli %2, %arg0 : i32
  return %1, %3 : i32, i32
}

// -----

// A commutative op matches with its operands swapped; a non-commutative one does not.
// CHECK-LABEL: func.func @commutative
// CHECK-NEXT: %[[A:.*]] = arith.addi %arg0, %arg1 : i32
// CHECK-NEXT: %[[S:.*]] = arith.subi %arg0, %arg1 : i32
// CHECK-NEXT: %[[T:.*]] = arith.subi %arg1, %arg0 : i32
// CHECK-NEXT: return %[[A]], %[[A]], %[[S]], %[[T]]
func.func @commutative(%arg0: i32, %arg1: i32) -> (i32, i32, i32, i32) {
  %0 = arith.addi %arg0, %arg1 : i32
  %1 = arith.addi %arg1, %arg0 : i32
  %2 = arith.subi %arg0, %arg1 : i32
  %3 = arith.subi %arg1, %arg0 : i32
  return %0, %1, %2, %3 : i32, i32, i32, i32
}

// -----

// Different values, attributes, result types or names: no merge.
// CHECK-LABEL: func.func @different
// CHECK-NEXT: arith.constant 0 : i32
// CHECK-NEXT: arith.constant 1 : i32
// CHECK-NEXT: arith.constant 1 : i64
// CHECK-NEXT: arith.cmpi slt, %arg0, %arg1 : i32
// CHECK-NEXT: arith.cmpi ne, %arg0, %arg1 : i32
// CHECK-NEXT: arith.addi %arg0, %arg1 overflow<nsw> : i32
// CHECK-NEXT: arith.addi %arg0, %arg1 : i32
// CHECK-NEXT: arith.muli %arg0, %arg1 : i32
// CHECK-NEXT: "test.sink"
func.func @different(%arg0: i32, %arg1: i32) {
  %0 = arith.constant 0 : i32
  %1 = arith.constant 1 : i32
  %2 = arith.constant 1 : i64
  %3 = arith.cmpi slt, %arg0, %arg1 : i32
  %4 = arith.cmpi ne, %arg0, %arg1 : i32
  %5 = arith.addi %arg0, %arg1 overflow<nsw> : i32
  %6 = arith.addi %arg0, %arg1 : i32
  %7 = arith.muli %arg0, %arg1 : i32
  "test.sink"(%0, %1, %2, %3, %4, %5, %6, %7) : (i32, i32, i64, i1, i1, i32, i32, i32) -> ()
  return
}

// -----

// Ops with side effects never merge: allocations, stores, calls and unknown ops.
// CHECK-LABEL: func.func @side_effects
// CHECK-NEXT: %[[A:.*]] = memref.alloc() : memref<4xi32>
// CHECK-NEXT: %[[B:.*]] = memref.alloc() : memref<4xi32>
// CHECK-NEXT: %[[U:.*]] = "test.op"() : () -> i32
// CHECK-NEXT: %[[V:.*]] = "test.op"() : () -> i32
// CHECK-NEXT: %[[C:.*]] = call @effects() : () -> i32
// CHECK-NEXT: %[[D:.*]] = call @effects() : () -> i32
// CHECK-NEXT: return %[[A]], %[[B]], %[[U]], %[[V]], %[[C]], %[[D]]
func.func private @effects() -> i32
func.func @side_effects() -> (memref<4xi32>, memref<4xi32>, i32, i32, i32, i32) {
  %0 = memref.alloc() : memref<4xi32>
  %1 = memref.alloc() : memref<4xi32>
  %2 = "test.op"() : () -> i32
  %3 = "test.op"() : () -> i32
  %4 = func.call @effects() : () -> i32
  %5 = func.call @effects() : () -> i32
  return %0, %1, %2, %3, %4, %5 : memref<4xi32>, memref<4xi32>, i32, i32, i32, i32
}

// -----

// Two reads of the same location with nothing that may write in between merge (in one
// block); a store, or an unknown op, in between keeps the second read.
// CHECK-LABEL: func.func @reads
// CHECK-NEXT: %[[L0:.*]] = memref.load %arg0[%arg1] : memref<4xi32>
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[L0]], %[[L0]] : i32
// CHECK-NEXT: memref.store %[[S]], %arg0[%arg1] : memref<4xi32>
// CHECK-NEXT: %[[L1:.*]] = memref.load %arg0[%arg1] : memref<4xi32>
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: %[[L2:.*]] = memref.load %arg0[%arg1] : memref<4xi32>
// CHECK-NEXT: return %[[L0]], %[[L1]], %[[L2]]
func.func @reads(%arg0: memref<4xi32>, %arg1: index) -> (i32, i32, i32) {
  %0 = memref.load %arg0[%arg1] : memref<4xi32>
  %1 = memref.load %arg0[%arg1] : memref<4xi32>
  %2 = arith.addi %0, %1 : i32
  memref.store %2, %arg0[%arg1] : memref<4xi32>
  %3 = memref.load %arg0[%arg1] : memref<4xi32>
  "test.op"() : () -> ()
  %4 = memref.load %arg0[%arg1] : memref<4xi32>
  return %0, %3, %4 : i32, i32, i32
}

// -----

// A value from a dominating block replaces an equal op below it.
// CHECK-LABEL: func.func @down_propagate
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : i32
// CHECK-NEXT: cf.cond_br %arg0, ^bb1, ^bb2(%[[C1]] : i32)
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: cf.br ^bb2(%[[C1]] : i32)
// CHECK-NEXT: ^bb2(%[[A:.*]]: i32):
// CHECK-NEXT: return %[[A]] : i32
func.func @down_propagate(%arg0: i1) -> i32 {
  %c1 = arith.constant 1 : i32
  cf.cond_br %arg0, ^bb1, ^bb2(%c1 : i32)
^bb1:
  %c1_0 = arith.constant 1 : i32
  cf.br ^bb2(%c1_0 : i32)
^bb2(%a: i32):
  return %a : i32
}

// -----

// Sibling blocks do not dominate each other: nothing merges across them, and the op in the
// join block stays too (neither sibling dominates it).
// CHECK-LABEL: func.func @no_up_propagate
// CHECK: ^bb1:
// CHECK-NEXT: %[[A:.*]] = arith.addi %arg1, %arg1 : i32
// CHECK: ^bb2:
// CHECK-NEXT: %[[B:.*]] = arith.addi %arg1, %arg1 : i32
// CHECK: ^bb3(%{{.*}}: i32):
// CHECK-NEXT: %[[C:.*]] = arith.addi %arg1, %arg1 : i32
func.func @no_up_propagate(%arg0: i1, %arg1: i32) -> i32 {
  cf.cond_br %arg0, ^bb1, ^bb2
^bb1:
  %0 = arith.addi %arg1, %arg1 : i32
  cf.br ^bb3(%0 : i32)
^bb2:
  %1 = arith.addi %arg1, %arg1 : i32
  cf.br ^bb3(%1 : i32)
^bb3(%a: i32):
  %2 = arith.addi %arg1, %arg1 : i32
  %3 = arith.muli %a, %2 : i32
  return %3 : i32
}

// -----

// Ops in a nested region see the values above it; an op after the region does not see the
// ones inside it.
// CHECK-LABEL: func.func @nested_regions
// CHECK-NEXT: %[[C:.*]] = arith.constant 1 : i32
// CHECK-NEXT: "tloop.for"(%arg0, %arg0, %arg0) ({
// CHECK-NEXT: ^bb0(%{{.*}}: index):
// CHECK-NEXT:   %[[D:.*]] = arith.constant 2 : i32
// CHECK-NEXT:   "test.use"(%[[C]], %[[D]]) : (i32, i32) -> ()
// CHECK-NEXT:   "tloop.yield"() : () -> ()
// CHECK-NEXT: }) : (index, index, index) -> ()
// CHECK-NEXT: %[[E:.*]] = arith.constant 2 : i32
// CHECK-NEXT: return %[[C]], %[[E]]
func.func @nested_regions(%arg0: index) -> (i32, i32) {
  %0 = arith.constant 1 : i32
  "tloop.for"(%arg0, %arg0, %arg0) ({
  ^bb0(%iv: index):
    %1 = arith.constant 1 : i32
    %2 = arith.constant 2 : i32
    "test.use"(%1, %2) : (i32, i32) -> ()
    "tloop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  %3 = arith.constant 2 : i32
  return %0, %3 : i32, i32
}

// -----

// An unregistered op might be isolated from above (MLIR's mightHaveTrait): its regions
// start from an empty table, so the inner constant stays.
// CHECK-LABEL: func.func @unregistered_region
// CHECK-NEXT: %[[C:.*]] = arith.constant 1 : i32
// CHECK-NEXT: "test.region"() ({
// CHECK-NEXT:   %[[D:.*]] = arith.constant 1 : i32
// CHECK-NEXT:   "test.use"(%[[D]]) : (i32) -> ()
// CHECK-NEXT: }) : () -> ()
func.func @unregistered_region() -> i32 {
  %0 = arith.constant 1 : i32
  "test.region"() ({
    %1 = arith.constant 1 : i32
    "test.use"(%1) : (i32) -> ()
  }) : () -> ()
  return %0 : i32
}

// -----

// An op isolated from above (a function) starts from nothing: the constant inside the
// nested function stays.
// CHECK-LABEL: "test.isolated_holder"
// CHECK: arith.constant 5 : i32
// CHECK: func.func @inner() -> i32 {
// CHECK-NEXT: arith.constant 5 : i32
"test.isolated_holder"() ({
  %0 = arith.constant 5 : i32
  "test.use"(%0) : (i32) -> ()
  "builtin.module"() ({
    func.func @inner() -> i32 {
      %1 = arith.constant 5 : i32
      return %1 : i32
    }
  }) : () -> ()
}) : () -> ()

// -----

// A pure op with no uses is erased on the way (num-dce'd).
// CHECK-LABEL: func.func @dead
// CHECK-NEXT: return %arg0 : i32
func.func @dead(%arg0: i32) -> i32 {
  %0 = arith.addi %arg0, %arg0 : i32
  return %arg0 : i32
}
