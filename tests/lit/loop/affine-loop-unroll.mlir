// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-unroll{unroll-factor=4}))" | filecheck %s
// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-unroll{unroll-full unroll-full-threshold=3}))" | filecheck %s --check-prefix=FULL

// Expected output from MLIR's -affine-loop-unroll (upstream, via iree-opt) on the same input.

// CHECK-DAG: #[[P1:.*]] = affine_map<(d0) -> (d0 + 1)>
// CHECK-DAG: #[[P2:.*]] = affine_map<(d0) -> (d0 + 2)>
// CHECK-DAG: #[[P3:.*]] = affine_map<(d0) -> (d0 + 3)>
// CHECK-DAG: #[[UB:.*]] = affine_map<()[s0] -> (((s0 - 2) floordiv 4) * 4 + 2)>
// CHECK-DAG: #[[LB:.*]] = affine_map<()[s0] -> (((s0 - 2) floordiv 4) * 4 + 2, 2)>
// CHECK-LABEL: func.func @unroll
// CHECK:      affine.for %[[I:.*]] = 0 to 8 step 4 {
// CHECK-NEXT:   affine.store %{{.*}}, %{{.*}}[%[[I]]]
// CHECK-NEXT:   %[[A1:.*]] = affine.apply #[[P1]](%[[I]])
// CHECK-NEXT:   affine.store %{{.*}}, %{{.*}}[%[[A1]]]
// CHECK-NEXT:   %[[A2:.*]] = affine.apply #[[P2]](%[[I]])
// CHECK-NEXT:   affine.store %{{.*}}, %{{.*}}[%[[A2]]]
// CHECK-NEXT:   %[[A3:.*]] = affine.apply #[[P3]](%[[I]])
// CHECK-NEXT:   affine.store %{{.*}}, %{{.*}}[%[[A3]]]
// CHECK-NEXT: }
// CHECK-NEXT: affine.for %[[C:.*]] = 8 to 10 {
// CHECK-NEXT:   affine.store %{{.*}}, %{{.*}}[%[[C]]]
// CHECK:      %[[R:.*]] = affine.for %[[K:.*]] = 2 to #[[UB]]()[%[[N:.*]]] step 4 iter_args(%[[ACC:.*]] = %{{.*}}) -> (f32) {
// CHECK-NEXT:   %[[V0:.*]] = affine.load %{{.*}}[%[[K]]]
// CHECK-NEXT:   %[[S0:.*]] = arith.addf %[[ACC]], %[[V0]]
// CHECK-NEXT:   affine.apply #[[P1]](%[[K]])
// CHECK-NEXT:   %[[V1:.*]] = affine.load
// CHECK-NEXT:   %[[S1:.*]] = arith.addf %[[S0]], %[[V1]]
// CHECK-NEXT:   affine.apply #[[P2]](%[[K]])
// CHECK-NEXT:   %[[V2:.*]] = affine.load
// CHECK-NEXT:   %[[S2:.*]] = arith.addf %[[S1]], %[[V2]]
// CHECK-NEXT:   affine.apply #[[P3]](%[[K]])
// CHECK-NEXT:   %[[V3:.*]] = affine.load
// CHECK-NEXT:   %[[S3:.*]] = arith.addf %[[S2]], %[[V3]]
// CHECK-NEXT:   affine.yield %[[S3]] : f32
// CHECK:      %[[R2:.*]] = affine.for %{{.*}} = max #[[LB]]()[%[[N]]] to %[[N]] iter_args(%{{.*}} = %[[R]]) -> (f32) {
// The trip count 3 is below the factor: left alone.
// CHECK:      affine.for %{{.*}} = 0 to 3 {
// CHECK:      return %[[R2]]

// FULL-LABEL: func.func @unroll
// FULL:      affine.for %{{.*}} = 0 to 10 {
// FULL:      affine.for %{{.*}} = 2 to %{{.*}} iter_args
// FULL-NOT:  affine.for
// FULL:      affine.store %{{.*}}, %{{.*}}[%[[C0:.*]] * 2]
// FULL-NEXT: %[[J1:.*]] = affine.apply #{{.*}}(%[[C0]])
// FULL-NEXT: affine.store %{{.*}}, %{{.*}}[%[[J1]] * 2]
// FULL-NEXT: %[[J2:.*]] = affine.apply #{{.*}}(%[[C0]])
// FULL-NEXT: affine.store %{{.*}}, %{{.*}}[%[[J2]] * 2]
func.func @unroll(%A: memref<64xf32>, %n: index) -> f32 {
  %c = arith.constant 1.0 : f32
  affine.for %i = 0 to 10 {
    affine.store %c, %A[%i] : memref<64xf32>
  }
  %z = arith.constant 0.0 : f32
  %r = affine.for %k = 2 to %n iter_args(%acc = %z) -> f32 {
    %v = affine.load %A[%k] : memref<64xf32>
    %s = arith.addf %acc, %v : f32
    affine.yield %s : f32
  }
  affine.for %j = 0 to 3 {
    affine.store %c, %A[%j * 2] : memref<64xf32>
  }
  return %r : f32
}
