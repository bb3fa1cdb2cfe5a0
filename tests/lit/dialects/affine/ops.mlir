// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | dialir-opt --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --mlir-print-op-generic | dialir-opt --split-input-file --allow-unregistered-dialect | filecheck %s

// The custom syntax of every affine op, in each of its forms. The checks hold what upstream
// MLIR (`iree-opt`) prints, line for line, SSA names as captures; the second and third runs
// read the printed custom and generic forms back.

// affine.for: constant, symbol and map bounds, max/min, step, iter_args, attributes.
#lb = affine_map<(d0)[s0] -> (d0, s0 + 2, 0)>
#ub = affine_map<(d0, d1) -> (d0 + 10, d1 floordiv 2)>
func.func @for(%A: memref<?xf32>, %n: index, %m: index, %init: f32) -> (f32, f32) {
  affine.for %i = 0 to 10 {
  }
  affine.for %i = -5 to %n step 3 {
    affine.for %j = max #lb(%i)[%n] to min #ub(%i, %n) {
      "test.use"(%j) : (index) -> ()
    }
    affine.for %j = affine_map<(d0) -> (d0)>(%i) to affine_map<()[s0] -> (s0 + 1)>()[%m] {
    }
  }
  %r:2 = affine.for %i = 0 to %n iter_args(%a = %init, %b = %init) -> (f32, f32) {
    %v = affine.load %A[%i] : memref<?xf32>
    %s = arith.addf %a, %v : f32
    affine.yield %s, %b : f32, f32
  }
  affine.for %i = 0 to 4 {
    affine.yield
  } {tag = "loop"}
  return %r#0, %r#1 : f32, f32
}

// CHECK-DAG: #map = affine_map<(d0)[s0] -> (d0, s0 + 2, 0)>
// CHECK-DAG: #map1 = affine_map<(d0, d1) -> (d0 + 10, d1 floordiv 2)>
// CHECK-DAG: #map2 = affine_map<(d0) -> (d0)>
// CHECK-DAG: #map3 = affine_map<()[s0] -> (s0 + 1)>
// CHECK-LABEL: func.func @for(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<?xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: f32) -> (f32, f32) {
// CHECK-NEXT: affine.for %[[ARG4:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: }
// CHECK-NEXT: affine.for %[[ARG4:[A-Za-z0-9_$.-]+]] = -5 to %[[ARG1]] step 3 {
// CHECK-NEXT: affine.for %[[ARG5:[A-Za-z0-9_$.-]+]] = max #map(%[[ARG4]])[%[[ARG1]]] to min #map1(%[[ARG4]], %[[ARG1]]) {
// CHECK-NEXT: "test.use"(%[[ARG5]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: affine.for %[[ARG5:[A-Za-z0-9_$.-]+]] = #map2(%[[ARG4]]) to #map3()[%[[ARG2]]] {
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]]:2 = affine.for %[[ARG4:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG1]] iter_args(%[[ARG5:[A-Za-z0-9_$.-]+]] = %[[ARG3]], %[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG3]]) -> (f32, f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG4]]] : memref<?xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG5]], %[[V1]] : f32
// CHECK-NEXT: affine.yield %[[V2]], %[[ARG6]] : f32, f32
// CHECK-NEXT: }
// CHECK-NEXT: affine.for %[[ARG4:[A-Za-z0-9_$.-]+]] = 0 to 4 {
// CHECK-NEXT: } {tag = "loop"}
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1 : f32, f32
// CHECK-NEXT: }

// -----

// affine.parallel: steps, reductions, max/min groups, symbols, no dims, attributes.
func.func @parallel(%A: memref<?x?xf32>, %n: index, %m: index) -> (f32, f32) {
  affine.parallel (%i, %j) = (0, 0) to (%n, 10) step (1, 2) {
  }
  %r:2 = affine.parallel (%i) = (max(%n, %m floordiv 2, 0)) to (min(%n + 32, symbol(%m) * 4)) reduce ("addf", "maximumf") -> (f32, f32) {
    %v = affine.load %A[%i, %i] : memref<?x?xf32>
    affine.yield %v, %v : f32, f32
  }
  affine.parallel (%i, %j) = (%n, symbol(%m)) to (%n + 4, 8) {
    "test.use"(%i, %j) : (index, index) -> ()
  } {tag}
  affine.parallel () = () to () {
  }
  return %r#0, %r#1 : f32, f32
}

// CHECK-LABEL: func.func @parallel(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<?x?xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) -> (f32, f32) {
// CHECK-NEXT: affine.parallel (%[[ARG3:[A-Za-z0-9_$.-]+]], %[[ARG4:[A-Za-z0-9_$.-]+]]) = (0, 0) to (%[[ARG1]], 10) step (1, 2) {
// CHECK-NEXT: }
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]]:2 = affine.parallel (%[[ARG3:[A-Za-z0-9_$.-]+]]) = (max(%[[ARG1]], %[[ARG2]] floordiv 2, 0)) to (min(%[[ARG1]] + 32, symbol(%[[ARG2]]) * 4)) reduce ("addf", "maximumf") -> (f32, f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG3]], %[[ARG3]]] : memref<?x?xf32>
// CHECK-NEXT: affine.yield %[[V1]], %[[V1]] : f32, f32
// CHECK-NEXT: }
// CHECK-NEXT: affine.parallel (%[[ARG3:[A-Za-z0-9_$.-]+]], %[[ARG4:[A-Za-z0-9_$.-]+]]) = (%[[ARG1]], symbol(%[[ARG2]])) to (%[[ARG1]] + 4, 8) {
// CHECK-NEXT: "test.use"(%[[ARG3]], %[[ARG4]]) : (index, index) -> ()
// CHECK-NEXT: } {tag}
// CHECK-NEXT: affine.parallel () = () to () {
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1 : f32, f32
// CHECK-NEXT: }

// -----

// affine.if: sets by alias and inline, symbols, else, results, attributes.
#set = affine_set<(d0, d1)[s0] : (d0 - 10 >= 0, s0 - d0 - 9 >= 0, d1 == 0)>
func.func @if(%i: index, %j: index, %n: index, %x: i32) -> i32 {
  affine.if #set(%i, %j)[%n] {
    "test.then"() : () -> ()
  }
  affine.if affine_set<(d0) : (d0 >= 0)>(%i) {
    "test.then"() : () -> ()
  } else {
    "test.else"() : () -> ()
  }
  %r = affine.if affine_set<()[s0] : (s0 - 1 >= 0)>()[%n] -> i32 {
    affine.yield %x : i32
  } else {
    affine.yield %x : i32
  } {tag = 1 : i64}
  return %r : i32
}

// CHECK-DAG: #set = affine_set<(d0, d1)[s0] : (d0 - 10 >= 0, -d0 + s0 - 9 >= 0, d1 == 0)>
// CHECK-DAG: #set1 = affine_set<(d0) : (d0 >= 0)>
// CHECK-DAG: #set2 = affine_set<()[s0] : (s0 - 1 >= 0)>
// CHECK-LABEL: func.func @if(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: i32) -> i32 {
// CHECK-NEXT: affine.if #set(%[[ARG0]], %[[ARG1]])[%[[ARG2]]] {
// CHECK-NEXT: "test.then"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: affine.if #set1(%[[ARG0]]) {
// CHECK-NEXT: "test.then"() : () -> ()
// CHECK-NEXT: } else {
// CHECK-NEXT: "test.else"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.if #set2()[%[[ARG2]]] -> i32 {
// CHECK-NEXT: affine.yield %[[ARG3]] : i32
// CHECK-NEXT: } else {
// CHECK-NEXT: affine.yield %[[ARG3]] : i32
// CHECK-NEXT: } {tag = 1 : i64}
// CHECK-NEXT: return %[[V0]] : i32
// CHECK-NEXT: }

// -----

// Loads and stores: expressions of dims and symbols, constants, 0-d memrefs, attributes.
func.func @load_store(%A: memref<?x?xf32>, %B: memref<f32>, %i: index, %j: index, %n: index) {
  %0 = affine.load %A[%i floordiv 4 + %j ceildiv 2, %j mod 3 - 1] : memref<?x?xf32>
  %1 = affine.load %A[-%i + symbol(%n) * 2, (%i + %j) * 3] : memref<?x?xf32>
  %2 = affine.load %A[%i, %i] : memref<?x?xf32>
  %3 = affine.load %A[7, symbol(%n)] : memref<?x?xf32>
  %4 = affine.load %B[] : memref<f32>
  affine.store %0, %A[%i + 1, %j] : memref<?x?xf32>
  affine.store %4, %B[] {tag} : memref<f32>
  %5 = affine.load %A[%i, %j] {nontemporal} : memref<?x?xf32>
  "test.use"(%1, %2, %3, %5) : (f32, f32, f32, f32) -> ()
  return
}

// CHECK-LABEL: func.func @load_store(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<?x?xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: memref<f32>, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index, %[[ARG4:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG2]] floordiv 4 + %[[ARG3]] ceildiv 2, %[[ARG3]] mod 3 - 1] : memref<?x?xf32>
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][-%[[ARG2]] + symbol(%[[ARG4]]) * 2, (%[[ARG2]] + %[[ARG3]]) * 3] : memref<?x?xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG2]], %[[ARG2]]] : memref<?x?xf32>
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][7, symbol(%[[ARG4]])] : memref<?x?xf32>
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG1]][] : memref<f32>
// CHECK-NEXT: affine.store %[[V0]], %[[ARG0]][%[[ARG2]] + 1, %[[ARG3]]] : memref<?x?xf32>
// CHECK-NEXT: affine.store %[[V4]], %[[ARG1]][] {tag} : memref<f32>
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG2]], %[[ARG3]]] {nontemporal} : memref<?x?xf32>
// CHECK-NEXT: "test.use"(%[[V1]], %[[V2]], %[[V3]], %[[V5]]) : (f32, f32, f32, f32) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// Vector accesses and prefetches.
func.func @vector_prefetch(%A: memref<100x100xf32>, %v: vector<4xf32>, %i: index, %n: index) {
  %0 = affine.vector_load %A[%i * 2, symbol(%n)] : memref<100x100xf32>, vector<4xf32>
  affine.vector_store %v, %A[%i, %i + 4] : memref<100x100xf32>, vector<4xf32>
  affine.prefetch %A[%i, %i + 5], write, locality<0>, instr : memref<100x100xf32>
  affine.prefetch %A[%i, symbol(%n)], read, locality<2>, data {tag} : memref<100x100xf32>
  "test.use"(%0) : (vector<4xf32>) -> ()
  return
}

// CHECK-LABEL: func.func @vector_prefetch(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: vector<4xf32>, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.vector_load %[[ARG0]][%[[ARG2]] * 2, symbol(%[[ARG3]])] : memref<100x100xf32>, vector<4xf32>
// CHECK-NEXT: affine.vector_store %[[ARG1]], %[[ARG0]][%[[ARG2]], %[[ARG2]] + 4] : memref<100x100xf32>, vector<4xf32>
// CHECK-NEXT: affine.prefetch %[[ARG0]][%[[ARG2]], %[[ARG2]] + 5], write, locality<0>, instr : memref<100x100xf32>
// CHECK-NEXT: affine.prefetch %[[ARG0]][%[[ARG2]], symbol(%[[ARG3]])], read, locality<2>, data {tag} : memref<100x100xf32>
// CHECK-NEXT: "test.use"(%[[V0]]) : (vector<4xf32>) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// affine.apply, affine.min, affine.max.
#map = affine_map<(d0, d1)[s0] -> (d0 * 4 + d1 - s0)>
func.func @maps(%i: index, %j: index, %n: index) {
  %0 = affine.apply #map(%i, %j)[%n]
  %1 = affine.apply affine_map<()[s0] -> (s0 mod 8)>()[%n]
  %2 = affine.min affine_map<(d0)[s0] -> (d0, s0, 16)>(%i)[%n]
  %3 = affine.max affine_map<(d0, d1) -> (d0 - d1, 0)>(%i, %j) {tag}
  %4 = affine.apply affine_map<() -> (42)>()
  "test.use"(%0, %1, %2, %3, %4) : (index, index, index, index, index) -> ()
  return
}

// CHECK-DAG: #map = affine_map<(d0, d1)[s0] -> (d0 * 4 + d1 - s0)>
// CHECK-DAG: #map1 = affine_map<()[s0] -> (s0 mod 8)>
// CHECK-DAG: #map2 = affine_map<(d0)[s0] -> (d0, s0, 16)>
// CHECK-DAG: #map3 = affine_map<(d0, d1) -> (d0 - d1, 0)>
// CHECK-DAG: #map4 = affine_map<() -> (42)>
// CHECK-LABEL: func.func @maps(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #map(%[[ARG0]], %[[ARG1]])[%[[ARG2]]]
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.apply #map1()[%[[ARG2]]]
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = affine.min #map2(%[[ARG0]])[%[[ARG2]]]
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = affine.max #map3(%[[ARG0]], %[[ARG1]]) {tag}
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = affine.apply #map4()
// CHECK-NEXT: "test.use"(%[[V0]], %[[V1]], %[[V2]], %[[V3]], %[[V4]]) : (index, index, index, index, index) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// Integer reduction kinds on signless integers and maxnumf/minnumf, as MLIR accepts them.
// CHECK-LABEL: func.func @parallel_reduction_kinds
// CHECK: affine.parallel (%{{.*}}) = (0) to (%{{.*}}) reduce ("maxs", "minu", "maxnumf", "minnumf") -> (i32, i32, f32, f32)
func.func @parallel_reduction_kinds(%n: index) -> (i32, i32, f32, f32) {
  %r:4 = affine.parallel (%i) = (0) to (%n) reduce ("maxs", "minu", "maxnumf", "minnumf") -> (i32, i32, f32, f32) {
    %a = arith.constant 1 : i32
    %b = arith.constant 1.0 : f32
    affine.yield %a, %a, %b, %b : i32, i32, f32, f32
  }
  return %r#0, %r#1, %r#2, %r#3 : i32, i32, f32, f32
}
