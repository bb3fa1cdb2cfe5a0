// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-unroll-jam{unroll-jam-factor=4}))" --split-input-file --verify-diagnostics | filecheck %s

// Expected output from MLIR's -affine-loop-unroll-jam (upstream, via iree-opt).

// CHECK-DAG: #[[P1:.*]] = affine_map<(d0) -> (d0 + 1)>
// CHECK-DAG: #[[P2:.*]] = affine_map<(d0) -> (d0 + 2)>
// CHECK-DAG: #[[P3:.*]] = affine_map<(d0) -> (d0 + 3)>
// CHECK-LABEL: func.func @f
// CHECK:      affine.for %[[I:.*]] = 0 to 8 step 4 {
// CHECK-NEXT:   %[[X0:.*]] = affine.load %{{.*}}[%[[I]]]
// CHECK-NEXT:   %[[I1:.*]] = affine.apply #[[P1]](%[[I]])
// CHECK-NEXT:   %[[X1:.*]] = affine.load %{{.*}}[%[[I1]]]
// CHECK-NEXT:   affine.apply #[[P2]](%[[I]])
// CHECK-NEXT:   %[[X2:.*]] = affine.load
// CHECK-NEXT:   affine.apply #[[P3]](%[[I]])
// CHECK-NEXT:   %[[X3:.*]] = affine.load
// CHECK-NEXT:   affine.for %[[J:.*]] = 0 to 8 {
// CHECK-NEXT:     affine.load %{{.*}}[%[[I]], %[[J]]]
// CHECK-NEXT:     arith.addf %{{.*}}, %[[X0]]
// CHECK-NEXT:     affine.store
// CHECK-NEXT:     %[[J1:.*]] = affine.apply #[[P1]](%[[I]])
// CHECK-NEXT:     affine.load %{{.*}}[%[[J1]], %[[J]]]
// CHECK-NEXT:     arith.addf %{{.*}}, %[[X1]]
// CHECK:        }
// CHECK-NEXT:   affine.store %[[X0]], %{{.*}}[%[[I]]]
// CHECK-NEXT:   %[[S1:.*]] = affine.apply #[[P1]](%[[I]])
// CHECK-NEXT:   affine.store %[[X1]], %{{.*}}[%[[S1]]]
// CHECK:      affine.for %[[C:.*]] = 8 to 10 {
// CHECK-NEXT:   affine.load %{{.*}}[%[[C]]]
// CHECK-NEXT:   affine.for
func.func @f(%A: memref<16x16xf32>, %B: memref<16xf32>) {
  affine.for %i = 0 to 10 {
    %x = affine.load %B[%i] : memref<16xf32>
    affine.for %j = 0 to 8 {
      %v = affine.load %A[%i, %j] : memref<16x16xf32>
      %w = arith.addf %v, %x : f32
      affine.store %w, %A[%i, %j] : memref<16x16xf32>
    }
    affine.store %x, %B[%i] : memref<16xf32>
  }
  return
}

// -----

// Iteration i + 1 of the inner loop reads what iteration i wrote one column further: jammed,
// the copies of i + 1 would read A[i, j + 1] before copy i wrote it.
// CHECK-LABEL: func.func @illegal
// CHECK:      affine.for %{{.*}} = 0 to 8 {
// CHECK-NEXT:   affine.for %{{.*}} = 1 to 8 {
func.func @illegal(%A: memref<16x16xf32>) {
  // expected-remark@below {{cannot unroll-jam by 4: dependence from 'affine.store' to 'affine.load' at depth 1 = [1, 1][-1, -1]}}
  affine.for %i = 0 to 8 {
    affine.for %j = 1 to 8 {
      %v = affine.load %A[%i, %j] : memref<16x16xf32>
      affine.store %v, %A[%i + 1, %j - 1] : memref<16x16xf32>
    }
  }
  return
}
