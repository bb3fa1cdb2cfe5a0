// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-invariant-code-motion))" | filecheck %s

// Expected output from MLIR's -affine-loop-invariant-code-motion (upstream, via iree-opt).

// CHECK-LABEL: func.func @f
// CHECK:      %[[C:.*]] = arith.constant 7.0
// CHECK-NEXT: %[[V:.*]] = arith.addf %[[C]], %[[C]]
// CHECK-NEXT: %[[W:.*]] = affine.load %{{.*}}[0]
// CHECK-NEXT: %[[X:.*]] = arith.mulf %[[V]], %[[W]]
// CHECK-NEXT: %[[Y:.*]] = arith.mulf %[[X]], %[[X]]
// CHECK-NEXT: affine.for %[[I:.*]] = 0 to 10 {
// CHECK-NEXT:   affine.for %[[J:.*]] = 0 to 10 {
// CHECK-NEXT:     affine.store %[[Y]], %{{.*}}[%[[J]]]
// CHECK-NEXT:   }
// A is written in the loop: its loads stay.
// CHECK-NEXT:   affine.load %{{.*}}[%[[I]]]
// CHECK-NEXT:   affine.store
// A loop that may run zero times keeps its loads.
// CHECK:      affine.for %[[K:.*]] = 0 to %{{.*}} {
// CHECK-NEXT:   affine.load %{{.*}}[1]
func.func @f(%A: memref<10xf32>, %B: memref<10xf32>, %n: index) {
  %c = arith.constant 7.0 : f32
  affine.for %i = 0 to 10 {
    %v = arith.addf %c, %c : f32
    %w = affine.load %B[0] : memref<10xf32>
    %x = arith.mulf %v, %w : f32
    affine.for %j = 0 to 10 {
      %y = arith.mulf %x, %x : f32
      affine.store %y, %A[%j] : memref<10xf32>
    }
    %z = affine.load %A[%i] : memref<10xf32>
    affine.store %z, %A[0] : memref<10xf32>
  }
  affine.for %k = 0 to %n {
    %t = affine.load %B[1] : memref<10xf32>
    affine.store %t, %A[%k] : memref<10xf32>
  }
  return
}
