// The greedy driver behind canonicalize: folding to a fixed point, constants uniqued and
// hoisted, dead ops erased, the iteration limit. Region simplification has its own file
// (canonicalize-regions.mlir); the arith and math folders and patterns are tested with
// their dialects.
// DEFINE: %{opt} = env PYTHONPATH=%S/../Inputs dialir-opt %s --load-dialect-plugin=loop_dialect --allow-unregistered-dialect --split-input-file
// RUN: %{opt} --pass-pipeline='builtin.module(canonicalize)' | filecheck %s
// RUN: %{opt} --pass-pipeline='builtin.module(func.func(canonicalize))' | filecheck %s
// RUN: %{opt} --pass-pipeline='builtin.module(canonicalize{top-down=true})' | filecheck %s
// The result is a fixed point: no warning is given, and a second run changes nothing.
// RUN: %{opt} --pass-pipeline='builtin.module(canonicalize)' 2>&1 | filecheck %s --check-prefixes=CHECK,NOWARN
// RUN: %{opt} --pass-pipeline='builtin.module(canonicalize)' | env PYTHONPATH=%S/../Inputs dialir-opt --load-dialect-plugin=loop_dialect --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(canonicalize)' | filecheck %s
// NOWARN-NOT: warning

// Folds cascade: each folded op's users are looked at again.
// CHECK-LABEL: func.func @cascade
// CHECK-NEXT: %[[C:.*]] = arith.constant 20 : i32
// CHECK-NEXT: return %[[C]] : i32
func.func @cascade() -> i32 {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %0 = arith.addi %c1, %c2 : i32
  %1 = arith.muli %0, %0 : i32
  %2 = arith.addi %1, %1 : i32
  %3 = arith.addi %2, %c2 : i32
  %4 = arith.muli %3, %c1 : i32
  return %4 : i32
}

// -----

// Identities fold to an existing value; the dead ops and constants left behind go.
// CHECK-LABEL: func.func @identities
// CHECK-NEXT: return %arg0 : i32
func.func @identities(%arg0: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %0 = arith.addi %arg0, %c0 : i32
  %1 = arith.muli %0, %c1 : i32
  %2 = arith.subi %1, %c0 : i32
  %unused = arith.muli %2, %2 : i32
  return %2 : i32
}

// -----

// Constants are uniqued and hoisted to the start of the entry block of the nearest region
// isolated from above, out of nested non-isolated regions (the loop body).
// CHECK-LABEL: func.func @hoist_and_unique
// CHECK-NEXT: %[[C:.*]] = arith.constant 7 : i32
// CHECK-NEXT: "tloop.for"
// CHECK-NEXT: ^bb0(%{{.*}}: index):
// CHECK-NEXT:   "test.use"(%[[C]], %[[C]]) : (i32, i32) -> ()
// CHECK-NEXT:   "tloop.yield"() : () -> ()
// CHECK-NEXT: }) : (index, index, index) -> ()
// CHECK-NEXT: "test.use"(%[[C]]) : (i32) -> ()
// CHECK-NEXT: return
func.func @hoist_and_unique(%arg0: index) {
  "tloop.for"(%arg0, %arg0, %arg0) ({
  ^bb0(%iv: index):
    %c3 = arith.constant 3 : i32
    %c4 = arith.constant 4 : i32
    %0 = arith.addi %c3, %c4 : i32
    %c7 = arith.constant 7 : i32
    "test.use"(%0, %c7) : (i32, i32) -> ()
    "tloop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  %c7 = arith.constant 7 : i32
  "test.use"(%c7) : (i32) -> ()
  return
}

// -----

// An unregistered op might be isolated from above: constants inside it stay inside (at the
// start of its region), and are not merged with the ones outside.
// CHECK-LABEL: func.func @unregistered_region
// CHECK-NEXT: %[[C:.*]] = arith.constant 5 : i32
// CHECK-NEXT: "test.region"() ({
// CHECK-NEXT:   %[[D:.*]] = arith.constant 5 : i32
// CHECK-NEXT:   "test.use"(%[[D]]) : (i32) -> ()
// CHECK-NEXT: }) : () -> ()
// CHECK-NEXT: return %[[C]] : i32
func.func @unregistered_region() -> i32 {
  %c5 = arith.constant 5 : i32
  "test.region"() ({
    %c2 = arith.constant 2 : i32
    %c3 = arith.constant 3 : i32
    %0 = arith.addi %c2, %c3 : i32
    "test.use"(%0) : (i32) -> ()
  }) : () -> ()
  return %c5 : i32
}

// -----

// Ops with side effects (or unknown ones) stay even when their results are unused; pure and
// read-only ops without uses go.
// CHECK-LABEL: func.func @effects
// CHECK-NEXT: %[[A:.*]] = memref.alloc() : memref<4xi32>
// CHECK-NEXT: memref.store %arg0, %[[A]][%arg1] : memref<4xi32>
// CHECK-NEXT: %{{.*}} = "test.op"() : () -> i32
// CHECK-NEXT: %{{.*}} = call @ext() : () -> i32
// CHECK-NEXT: return %[[A]] : memref<4xi32>
func.func private @ext() -> i32
func.func @effects(%arg0: i32, %arg1: index) -> memref<4xi32> {
  %0 = memref.alloc() : memref<4xi32>
  %1 = memref.alloc() : memref<4xi32>
  memref.store %arg0, %0[%arg1] : memref<4xi32>
  %2 = memref.load %0[%arg1] : memref<4xi32>
  %3 = "test.op"() : () -> i32
  %4 = func.call @ext() : () -> i32
  %5 = arith.addi %arg0, %arg0 : i32
  return %0 : memref<4xi32>
}
