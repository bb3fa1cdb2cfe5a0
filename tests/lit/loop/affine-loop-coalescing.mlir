// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-coalescing))" | filecheck %s

// Expected output from MLIR's -affine-loop-coalescing (upstream, via iree-opt).

// CHECK-DAG: #[[C10:.*]] = affine_map<() -> (10)>
// CHECK-DAG: #[[C20:.*]] = affine_map<() -> (20)>
// CHECK-DAG: #[[MUL:.*]] = affine_map<(d0)[s0] -> (d0 * s0)>
// CHECK-DAG: #[[MOD:.*]] = affine_map<(d0)[s0] -> (d0 mod s0)>
// CHECK-DAG: #[[DIV:.*]] = affine_map<(d0)[s0] -> (d0 floordiv s0)>
// CHECK-LABEL: func.func @f
// CHECK:      %[[U0:.*]] = affine.apply #[[C10]]()
// CHECK-NEXT: %[[U1:.*]] = affine.apply #[[C20]]()
// CHECK-NEXT: %[[N:.*]] = affine.apply #[[MUL]](%[[U0]])[%[[U1]]]
// CHECK-NEXT: affine.for %[[IV:.*]] = 0 to %[[N]] {
// CHECK-NEXT:   %[[J:.*]] = affine.apply #[[MOD]](%[[IV]])[%[[U1]]]
// CHECK-NEXT:   %[[I:.*]] = affine.apply #[[DIV]](%[[IV]])[%[[U1]]]
// CHECK-NEXT:   affine.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]]
// CHECK:      %[[V0:.*]] = affine.apply #{{.*}}()
// CHECK-NEXT: %[[V1:.*]] = affine.apply #{{.*}}()
// CHECK-NEXT: %[[P:.*]] = affine.apply #[[MUL]](%[[V0]])[%[[V1]]]
// CHECK-NEXT: %[[V2:.*]] = affine.apply #{{.*}}()
// CHECK-NEXT: %[[Q:.*]] = affine.apply #[[MUL]](%[[P]])[%[[V2]]]
// CHECK-NEXT: affine.for %[[IV2:.*]] = 0 to %[[Q]] {
// CHECK-NEXT:   %[[K:.*]] = affine.apply #[[MOD]](%[[IV2]])[%[[V2]]]
// CHECK-NEXT:   %[[R:.*]] = affine.apply #[[DIV]](%[[IV2]])[%[[V2]]]
// CHECK-NEXT:   %[[J2:.*]] = affine.apply #[[MOD]](%[[R]])[%[[V1]]]
// CHECK-NEXT:   %[[I2:.*]] = affine.apply #[[DIV]](%[[R]])[%[[V1]]]
// CHECK-NEXT:   affine.store %{{.*}}, %{{.*}}[%[[I2]], %[[J2]] + %[[K]]]
// Not normalized: left alone.
// CHECK:      affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:   affine.for %{{.*}} = 2 to 20 step 3 {
func.func @f(%A: memref<10x20xf32>, %n: index) {
  %c = arith.constant 1.0 : f32
  affine.for %i = 0 to 10 {
    affine.for %j = 0 to 20 {
      affine.store %c, %A[%i, %j] : memref<10x20xf32>
    }
  }
  affine.for %i = 0 to 3 {
    affine.for %j = 0 to 4 {
      affine.for %k = 0 to 5 {
        affine.store %c, %A[%i, %j + %k] : memref<10x20xf32>
      }
    }
  }
  affine.for %i = 0 to 10 {
    affine.for %j = 2 to 20 step 3 {
      affine.store %c, %A[%i, %j] : memref<10x20xf32>
    }
  }
  return
}
