// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(loop-invariant-code-motion))' | filecheck %s

// loop-invariant-code-motion on the loops of the affine and scf dialects (LoopLikeOpInterface):
// pure ops whose operands come from outside leave affine.for, affine.parallel, scf.for,
// scf.parallel and both regions of scf.while, innermost loops first. The checks hold what
// upstream MLIR (`iree-opt --loop-invariant-code-motion`) prints.

func.func @affine_licm(%m: memref<10xf32>, %a: f32, %n: index) {
  affine.for %i = 0 to 10 {
    %x = arith.addf %a, %a : f32
    affine.for %j = 0 to %n {
      %y = arith.mulf %x, %x : f32
      %z = arith.addf %y, %a : f32
      affine.store %z, %m[%j] : memref<10xf32>
    }
  }
  return
}

// CHECK-LABEL: func.func @affine_licm(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: f32, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG1]], %[[ARG1]] : f32
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.mulf %[[V0]], %[[V0]] : f32
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[V1]], %[[ARG1]] : f32
// CHECK-NEXT: affine.for %[[ARG3:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: affine.for %[[ARG4:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG2]] {
// CHECK-NEXT: affine.store %[[V2]], %[[ARG0]][%[[ARG4]]] : memref<10xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @scf_licm(%m: memref<10xf32>, %a: f32, %lb: index, %ub: index, %s: index) -> f32 {
  %r = scf.for %i = %lb to %ub step %s iter_args(%acc = %a) -> (f32) {
    %x = arith.mulf %a, %a : f32
    %v = memref.load %m[%i] : memref<10xf32>
    %w = arith.addf %acc, %v : f32
    %y = arith.addf %w, %x : f32
    scf.yield %y : f32
  }
  scf.parallel (%i) = (%lb) to (%ub) step (%s) {
    %c = arith.addf %a, %a : f32
    memref.store %c, %m[%i] : memref<10xf32>
  }
  affine.parallel (%i) = (0) to (10) {
    %c = arith.mulf %a, %a : f32
    affine.store %c, %m[%i] : memref<10xf32>
  }
  %c1 = arith.constant 1.0 : f32
  %w = scf.while (%b = %a) : (f32) -> f32 {
    %k = arith.addf %c1, %c1 : f32
    %cond = arith.cmpf olt, %b, %k : f32
    scf.condition(%cond) %b : f32
  } do {
  ^bb0(%b: f32):
    %k2 = arith.mulf %c1, %c1 : f32
    %n = arith.addf %b, %k2 : f32
    scf.yield %n : f32
  }
  return %r : f32
}

// CHECK-LABEL: func.func @scf_licm(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: f32, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index, %[[ARG4:[A-Za-z0-9_$.-]+]]: index) -> f32 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.mulf %[[ARG1]], %[[ARG1]] : f32
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = scf.for %[[ARG5:[A-Za-z0-9_$.-]+]] = %[[ARG2]] to %[[ARG3]] step %[[ARG4]] iter_args(%[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG1]]) -> (f32) {
// CHECK-NEXT: %[[V7:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG0]][%[[ARG5]]] : memref<10xf32>
// CHECK-NEXT: %[[V8:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG6]], %[[V7]] : f32
// CHECK-NEXT: %[[V9:[A-Za-z0-9_$.-]+]] = arith.addf %[[V8]], %[[V0]] : f32
// CHECK-NEXT: scf.yield %[[V9]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG1]], %[[ARG1]] : f32
// CHECK-NEXT: scf.parallel (%[[ARG5:[A-Za-z0-9_$.-]+]]) = (%[[ARG2]]) to (%[[ARG3]]) step (%[[ARG4]]) {
// CHECK-NEXT: memref.store %[[V2]], %[[ARG0]][%[[ARG5]]] : memref<10xf32>
// CHECK-NEXT: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.mulf %[[ARG1]], %[[ARG1]] : f32
// CHECK-NEXT: affine.parallel (%[[ARG5:[A-Za-z0-9_$.-]+]]) = (0) to (10) {
// CHECK-NEXT: affine.store %[[V3]], %[[ARG0]][%[[ARG5]]] : memref<10xf32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.addf %[[CST]], %[[CST]] : f32
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = arith.mulf %[[CST]], %[[CST]] : f32
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = scf.while (%[[ARG5:[A-Za-z0-9_$.-]+]] = %[[ARG1]]) : (f32) -> f32 {
// CHECK-NEXT: %[[V7:[A-Za-z0-9_$.-]+]] = arith.cmpf olt, %[[ARG5]], %[[V4]] : f32
// CHECK-NEXT: scf.condition(%[[V7]]) %[[ARG5]] : f32
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[ARG5:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V7:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG5]], %[[V5]] : f32
// CHECK-NEXT: scf.yield %[[V7]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V1]] : f32
// CHECK-NEXT: }
