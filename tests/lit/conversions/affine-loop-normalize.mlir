// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-normalize))' | filecheck %s

// affine-loop-normalize: loops run from 0 with step 1; the old induction variable is an
// affine.apply at the top of the body. The CHECK lines are upstream MLIR's output for the
// same input (tools/generate_test_checks.py, `iree-opt --affine-loop-normalize`).

func.func @constant_bounds(%A: memref<100xf32>) {
  affine.for %i = 2 to 32 step 3 {
    %v = affine.load %A[%i] : memref<100xf32>
    affine.store %v, %A[%i + 1] : memref<100xf32>
  }
  return
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<(d0) -> (d0 * 3 + 2)>
// CHECK-LABEL: func.func @constant_bounds(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100xf32>) {
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP]](%[[ARG1]])
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[V0]]] : memref<100xf32>
// CHECK-NEXT: affine.store %[[V1]], %[[ARG0]][%[[V0]] + 1] : memref<100xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @already_normal(%n: index) {
  affine.for %i = 0 to %n {
    "test.use"(%i) : (index) -> ()
  }
  return
}

// CHECK-LABEL: func.func @already_normal(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG0]] {
// CHECK-NEXT: "test.use"(%[[ARG1]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @symbolic_bounds(%lb: index, %ub: index) {
  affine.for %i = %lb to min affine_map<()[s0] -> (s0, 64)>()[%ub] step 4 {
    "test.use"(%i) : (index) -> ()
  }
  return
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<()[s0, s1] -> ((s0 - s1) ceildiv 4, (-s1 + 64) ceildiv 4)>
// CHECK-DAG: #[[MAP1:[A-Za-z0-9_]+]] = affine_map<(d0)[s0] -> (d0 * 4 + s0)>
// CHECK-LABEL: func.func @symbolic_bounds(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to min #[[MAP]]()[%[[ARG1]], %[[ARG0]]] {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP1]](%[[ARG2]])[%[[ARG0]]]
// CHECK-NEXT: "test.use"(%[[V0]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @nest(%n: index) {
  affine.for %i = 1 to %n step 2 {
    affine.for %j = affine_map<(d0) -> (d0 * 2)>(%i) to affine_map<(d0) -> (d0 * 2 + 10)>(%i) step 2 {
      "test.use"(%i, %j) : (index, index) -> ()
    }
  }
  return
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<()[s0] -> ((s0 - 1) ceildiv 2)>
// CHECK-DAG: #[[MAP1:[A-Za-z0-9_]+]] = affine_map<(d0) -> (d0 * 2 + 1)>
// CHECK-DAG: #[[MAP2:[A-Za-z0-9_]+]] = affine_map<(d0, d1) -> (d0 * 2 + d1 * 2)>
// CHECK-LABEL: func.func @nest(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to #[[MAP]]()[%[[ARG0]]] {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP1]](%[[ARG1]])
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to 5 {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP2]](%[[V0]], %[[ARG2]])
// CHECK-NEXT: "test.use"(%[[V0]], %[[V1]]) : (index, index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @iter_args(%x: f32) -> f32 {
  %r = affine.for %i = 5 to 15 step 5 iter_args(%a = %x) -> f32 {
    %b = arith.addf %a, %a : f32
    affine.yield %b : f32
  }
  return %r : f32
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<(d0) -> (d0 * 5 + 5)>
// CHECK-LABEL: func.func @iter_args(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: f32) -> f32 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 2 iter_args(%[[ARG2:[A-Za-z0-9_$.-]+]] = %[[ARG0]]) -> (f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP]](%[[ARG1]])
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG2]], %[[ARG2]] : f32
// CHECK-NEXT: affine.yield %[[V2]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]] : f32
// CHECK-NEXT: }

// -----

func.func @single_iteration(%x: f32, %n: index) -> f32 {
  %r = affine.for %i = 3 to 4 iter_args(%a = %x) -> f32 {
    %c = arith.index_cast %i : index to i32
    %f = arith.sitofp %c : i32 to f32
    %b = arith.addf %a, %f : f32
    affine.yield %b : f32
  }
  affine.for %i = %n to affine_map<()[s0] -> (s0 + 1)>()[%n] {
    "test.use"(%i) : (index) -> ()
  }
  return %r : f32
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<(d0) -> (d0 + 3)>
// CHECK-DAG: #[[MAP1:[A-Za-z0-9_]+]] = affine_map<(d0)[s0] -> (d0 + s0)>
// CHECK-LABEL: func.func @single_iteration(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: f32, %[[ARG1:[A-Za-z0-9_$.-]+]]: index) -> f32 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to 1 iter_args(%[[ARG3:[A-Za-z0-9_$.-]+]] = %[[ARG0]]) -> (f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP]](%[[ARG2]])
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.index_cast %[[V1]] : index to i32
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.sitofp %[[V2]] : i32 to f32
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG3]], %[[V3]] : f32
// CHECK-NEXT: affine.yield %[[V4]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to 1 {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP1]](%[[ARG2]])[%[[ARG1]]]
// CHECK-NEXT: "test.use"(%[[V1]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]] : f32
// CHECK-NEXT: }

// -----

func.func @max_lower_bound(%n: index, %m: index) {
  affine.for %i = max affine_map<()[s0, s1] -> (s0, s1)>()[%n, %m] to 100 step 2 {
    "test.use"(%i) : (index) -> ()
  }
  return
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<()[s0, s1] -> (s0, s1)>
// CHECK-LABEL: func.func @max_lower_bound(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = max #[[MAP]]()[%[[ARG0]], %[[ARG1]]] to 100 step 2 {
// CHECK-NEXT: "test.use"(%[[ARG2]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @parallel(%n: index) {
  affine.parallel (%i, %j) = (2, %n) to (50, 100) step (2, 3) {
    "test.use"(%i, %j) : (index, index) -> ()
  }
  return
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<(d0, d1) -> (d1 * 2 + 2)>
// CHECK-DAG: #[[MAP1:[A-Za-z0-9_]+]] = affine_map<(d0, d1) -> (d0 + d1 * 3)>
// CHECK-LABEL: func.func @parallel(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.parallel (%[[ARG1:[A-Za-z0-9_$.-]+]], %[[ARG2:[A-Za-z0-9_$.-]+]]) = (0, 0) to (24, (-symbol(%[[ARG0]]) + 100) ceildiv 3) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP]](%[[ARG0]], %[[ARG1]])
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP1]](%[[ARG0]], %[[ARG2]])
// CHECK-NEXT: "test.use"(%[[V0]], %[[V1]]) : (index, index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @parallel_reduction(%A: memref<64xf32>) -> f32 {
  %r = affine.parallel (%i) = (4) to (64) step (4) reduce ("addf") -> f32 {
    %v = affine.load %A[%i] : memref<64xf32>
    affine.yield %v : f32
  }
  return %r : f32
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<(d0) -> (d0 * 4 + 4)>
// CHECK-LABEL: func.func @parallel_reduction(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<64xf32>) -> f32 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.parallel (%[[ARG1:[A-Za-z0-9_$.-]+]]) = (0) to (15) reduce ("addf") -> (f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP]](%[[ARG1]])
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[V1]]] : memref<64xf32>
// CHECK-NEXT: affine.yield %[[V2]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]] : f32
// CHECK-NEXT: }

// -----

func.func @parallel_min_max_bounds(%n: index) {
  affine.parallel (%i) = (max(2, %n)) to (50) step (2) {
    "test.use"(%i) : (index) -> ()
  }
  return
}

// CHECK-LABEL: func.func @parallel_min_max_bounds(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.parallel (%[[ARG1:[A-Za-z0-9_$.-]+]]) = (max(2, %[[ARG0]])) to (50) step (2) {
// CHECK-NEXT: "test.use"(%[[ARG1]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }
