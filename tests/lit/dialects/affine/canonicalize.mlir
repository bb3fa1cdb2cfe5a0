// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --canonicalize | filecheck %s

// Folders and canonicalization patterns of the affine ops. The checks hold what upstream
// MLIR (`iree-opt --canonicalize`) prints for each chunk, line for line.

// affine.apply chains compose into their users; constant operands fold into the maps.
#map = affine_map<(d0) -> (d0 + 1)>
func.func @compose(%m: memref<100xf32>, %n: index) {
  %c3 = arith.constant 3 : index
  affine.for %i = 0 to 10 {
    %a = affine.apply #map(%i)
    %b = affine.apply affine_map<(d0)[s0] -> (d0 * 2 + s0)>(%a)[%c3]
    %v = affine.load %m[%b] : memref<100xf32>
    affine.store %v, %m[%a + %b] : memref<100xf32>
    %mn = affine.min affine_map<(d0, d1) -> (d0, d1, d0)>(%a, %i)
    %mx = affine.max affine_map<(d0) -> (d0)>(%b)
    "test.use"(%mn, %mx) : (index, index) -> ()
  }
  %k = affine.apply affine_map<()[s0] -> (s0 * 4)>()[%c3]
  affine.for %j = %k to affine_map<(d0) -> (d0 + 5)>(%k) {
    "test.use"(%j) : (index) -> ()
  }
  return
}

// CHECK-DAG: #map = affine_map<(d0) -> (d0 * 2 + 5)>
// CHECK-DAG: #map1 = affine_map<(d0) -> (d0, d0 + 1)>
// CHECK-LABEL: func.func @compose(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #map(%[[ARG2]])
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG2]] * 2 + 5] : memref<100xf32>
// CHECK-NEXT: affine.store %[[V1]], %[[ARG0]][%[[ARG2]] * 3 + 6] : memref<100xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = affine.min #map1(%[[ARG2]])
// CHECK-NEXT: "test.use"(%[[V2]], %[[V0]]) : (index, index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 12 to 17 {
// CHECK-NEXT: "test.use"(%[[ARG2]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// Folders: a lone dim or symbol is its operand, constants fold, min/max of constants fold.
func.func @fold(%n: index) -> (index, index, index, index) {
  %c2 = arith.constant 2 : index
  %c7 = arith.constant 7 : index
  %0 = affine.apply affine_map<(d0)[s0] -> (s0)>(%c2)[%n]
  %1 = affine.apply affine_map<(d0, d1) -> (d0 * 3 + d1)>(%c2, %c7)
  %2 = affine.min affine_map<(d0)[s0] -> (d0 + 4, s0 * 2, 12)>(%c2)[%c7]
  %3 = affine.max affine_map<()[s0, s1] -> (s0, s1 - 10)>()[%c2, %c7]
  return %0, %1, %2, %3 : index, index, index, index
}

// CHECK-LABEL: func.func @fold(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) -> (index, index, index, index) {
// (MLIR puts %c2 last; dialir keeps the source's constant first: see
// docs/mlir-compatibility.md, constant order.)
// CHECK-DAG: %[[C13:[A-Za-z0-9_$.-]+]] = arith.constant 13 : index
// CHECK-DAG: %[[C6:[A-Za-z0-9_$.-]+]] = arith.constant 6 : index
// CHECK-DAG: %[[C2:[A-Za-z0-9_$.-]+]] = arith.constant 2 : index
// CHECK-NEXT: return %[[ARG0]], %[[C13]], %[[C6]], %[[C2]] : index, index, index, index
// CHECK-NEXT: }

// -----

// Dims that are valid symbols become symbols; duplicate and unused operands go.
func.func @canonical_operands(%m: memref<100x100xf32>, %n: index, %p: index) {
  affine.for %i = 0 to 10 {
    %v = "affine.load"(%m, %n, %i, %n, %p) <{map = affine_map<(d0, d1, d2, d3) -> (d0 + d2, d1)>}> : (memref<100x100xf32>, index, index, index, index) -> f32
    %w = affine.min affine_map<(d0, d1)[s0] -> (d0, d1 + s0, d0)>(%i, %n)[%p]
    "test.use"(%v, %w) : (f32, index) -> ()
  }
  return
}

// CHECK-DAG: #map = affine_map<(d0)[s0, s1] -> (s0 + s1, d0)>
// CHECK-LABEL: func.func @canonical_operands(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.for %[[ARG3:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][symbol(%[[ARG1]]) * 2, %[[ARG3]]] : memref<100x100xf32>
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.min #map(%[[ARG3]])[%[[ARG2]], %[[ARG1]]]
// CHECK-NEXT: "test.use"(%[[V0]], %[[V1]]) : (f32, index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// Vector accesses and prefetches compose too.
func.func @vector_prefetch(%m: memref<100xf32>, %v: vector<4xf32>) {
  affine.for %i = 0 to 10 {
    %a = affine.apply affine_map<(d0) -> (d0 * 4)>(%i)
    %x = affine.vector_load %m[%a] : memref<100xf32>, vector<4xf32>
    affine.vector_store %v, %m[%a + 1] : memref<100xf32>, vector<4xf32>
    affine.prefetch %m[%a + 2], read, locality<3>, data : memref<100xf32>
    "test.use"(%x) : (vector<4xf32>) -> ()
  }
  return
}

// CHECK-LABEL: func.func @vector_prefetch(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: vector<4xf32>) {
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.vector_load %[[ARG0]][%[[ARG2]] * 4] : memref<100xf32>, vector<4xf32>
// CHECK-NEXT: affine.vector_store %[[ARG1]], %[[ARG0]][%[[ARG2]] * 4 + 1] : memref<100xf32>, vector<4xf32>
// CHECK-NEXT: affine.prefetch %[[ARG0]][%[[ARG2]] * 4 + 2], read, locality<3>, data : memref<100xf32>
// CHECK-NEXT: "test.use"(%[[V0]]) : (vector<4xf32>) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// Loops whose body only yields fold away; loops with no effect are dead.
func.func @empty_loops(%x: f32, %n: index) -> (f32, f32, f32) {
  %r0 = affine.for %i = 0 to 10 iter_args(%a = %x) -> (f32) {
    affine.yield %a : f32
  }
  %r1 = affine.for %i = 5 to 5 iter_args(%a = %x) -> (f32) {
    %y = arith.addf %a, %a : f32
    affine.yield %y : f32
  }
  %r2 = affine.for %i = 0 to 1 iter_args(%a = %x) -> (f32) {
    affine.yield %x : f32
  }
  affine.for %i = 0 to %n {
    %y = arith.addf %x, %x : f32
  }
  return %r0, %r1, %r2 : f32, f32, f32
}

// CHECK-LABEL: func.func @empty_loops(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: f32, %[[ARG1:[A-Za-z0-9_$.-]+]]: index) -> (f32, f32, f32) {
// CHECK-NEXT: return %[[ARG0]], %[[ARG0]], %[[ARG0]] : f32, f32, f32
// CHECK-NEXT: }

// -----

// Loop bounds: constant operands fold, producers compose, duplicate results go.
func.func @bounds(%n: index) {
  %c4 = arith.constant 4 : index
  affine.for %i = max affine_map<(d0)[s0] -> (d0, s0, d0)>(%n)[%c4] to min affine_map<()[s0, s1] -> (s0, s1 * 2)>()[%c4, %c4] {
    "test.use"(%i) : (index) -> ()
  }
  %a = affine.apply affine_map<()[s0] -> (s0 + 8)>()[%n]
  affine.for %i = 0 to %a step 2 {
    "test.use"(%i) : (index) -> ()
  }
  return
}

// CHECK-DAG: #map = affine_map<()[s0] -> (s0, 4, s0)>
// CHECK-DAG: #map1 = affine_map<()[s0] -> (s0 + 8)>
// CHECK-LABEL: func.func @bounds(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = max #map()[%[[ARG0]]] to 4 {
// CHECK-NEXT: "test.use"(%[[ARG1]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to #map1()[%[[ARG0]]] step 2 {
// CHECK-NEXT: "test.use"(%[[ARG1]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// affine.if: operands composed into the set, dead else removed, trivial sets inlined.
func.func @if(%n: index, %x: i32) -> (i32, i32) {
  %c5 = arith.constant 5 : index
  affine.for %i = 0 to 10 {
    %a = affine.apply affine_map<(d0) -> (d0 + 1)>(%i)
    affine.if affine_set<(d0)[s0, s1] : (d0 - s0 >= 0, s1 - d0 >= 0)>(%a)[%c5, %n] {
      "test.then"() : () -> ()
    } else {
    }
  }
  affine.if affine_set<() : (1 == 0)>() {
    "test.then"() : () -> ()
  }
  %0 = affine.if affine_set<() : (0 == 0)>() -> i32 {
    "test.then"() : () -> ()
    affine.yield %x : i32
  } else {
    affine.yield %x : i32
  }
  %1 = affine.if affine_set<() : (1 == 0)>() -> i32 {
    affine.yield %x : i32
  } else {
    "test.else"() : () -> ()
    affine.yield %x : i32
  }
  return %0, %1 : i32, i32
}

// CHECK-DAG: #set = affine_set<(d0)[s0] : (d0 - 4 >= 0, -d0 + s0 - 1 >= 0)>
// CHECK-LABEL: func.func @if(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: i32) -> (i32, i32) {
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: affine.if #set(%[[ARG2]])[%[[ARG0]]] {
// CHECK-NEXT: "test.then"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: "test.then"() : () -> ()
// CHECK-NEXT: "test.else"() : () -> ()
// CHECK-NEXT: return %[[ARG1]], %[[ARG1]] : i32, i32
// CHECK-NEXT: }
