// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-parallelize{parallel-reductions}))" | filecheck %s
// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-parallelize))" | filecheck %s --check-prefix=NORED
// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-parallelize{max-nested=1}))" | filecheck %s --check-prefix=NEST

// Expected output from MLIR's -affine-parallelize (upstream, via iree-opt) on the same input.

// CHECK-LABEL: func.func @f
// CHECK:      %[[Z:.*]] = arith.constant 0.0
// A[i, j] read and A[j, i] written: i carries a dependence, j does not.
// CHECK:      affine.for %[[I:.*]] = 0 to 10 {
// CHECK-NEXT:   affine.parallel (%[[J:.*]]) = (0) to (10) {
// CHECK-NEXT:     affine.load %{{.*}}[%[[I]], %[[J]]]
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[J]], %[[I]]]
// CHECK:      %[[P:.*]] = affine.parallel (%[[K:.*]]) = (0) to (10) reduce ("addf") -> (f32) {
// CHECK-NEXT:   %[[V:.*]] = affine.load %{{.*}}[%[[K]]]
// CHECK-NEXT:   affine.yield %[[V]] : f32
// CHECK:      %[[R:.*]] = arith.addf %[[Z]], %[[P]] : f32
// B[k] = B[k - 1]: carried, stays sequential.
// CHECK:      affine.for %{{.*}} = 1 to 10 {
// CHECK:      affine.parallel (%{{.*}}) = (0) to (8) {
// CHECK-NEXT:   affine.parallel (%{{.*}}) = (0) to (8) {
// CHECK:      return %[[R]]

// NORED-LABEL: func.func @f
// NORED:     affine.for %{{.*}} = 0 to 10 iter_args

// NEST-LABEL: func.func @f
// NEST:      affine.parallel (%{{.*}}) = (0) to (8) {
// NEST-NEXT:   affine.for %{{.*}} = 0 to 8 {
func.func @f(%A: memref<10x10xf32>, %B: memref<10xf32>) -> f32 {
  %z = arith.constant 0.0 : f32
  affine.for %i = 0 to 10 {
    affine.for %j = 0 to 10 {
      %v = affine.load %A[%i, %j] : memref<10x10xf32>
      affine.store %v, %A[%j, %i] : memref<10x10xf32>
    }
  }
  %r = affine.for %k = 0 to 10 iter_args(%acc = %z) -> f32 {
    %v = affine.load %B[%k] : memref<10xf32>
    %s = arith.addf %acc, %v : f32
    affine.yield %s : f32
  }
  affine.for %k = 1 to 10 {
    %v = affine.load %B[%k - 1] : memref<10xf32>
    affine.store %v, %B[%k] : memref<10xf32>
  }
  affine.for %x = 0 to 8 {
    affine.for %y = 0 to 8 {
      %v = affine.load %A[%x, %y] : memref<10x10xf32>
      %w = arith.addf %v, %v : f32
      affine.store %w, %A[%x, %y] : memref<10x10xf32>
    }
  }
  return %r : f32
}
