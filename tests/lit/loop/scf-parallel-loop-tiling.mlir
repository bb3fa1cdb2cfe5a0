// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(scf-parallel-loop-tiling{parallel-loop-tile-sizes=1,4}))" --split-input-file | filecheck %s
// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(scf-parallel-loop-tiling{parallel-loop-tile-sizes=4,4}))" --split-input-file | filecheck %s --check-prefix=T44

// Expected output from MLIR's -scf-parallel-loop-tiling (upstream, via iree-opt).

// CHECK: #[[MIN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1 - d2)>
// CHECK-LABEL: func.func @f
// CHECK-SAME: (%[[LB0:[^:]*]]: index, %[[LB1:[^:]*]]: index, %[[UB0:[^:]*]]: index, %[[UB1:[^:]*]]: index, %[[S0:[^:]*]]: index, %[[S1:[^:]*]]: index
// CHECK:      %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[C4:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[N0:.*]] = arith.muli %[[S0]], %[[C1]] : index
// CHECK-NEXT: %[[N1:.*]] = arith.muli %[[S1]], %[[C4]] : index
// CHECK-NEXT: scf.parallel (%[[I0:.*]], %[[J0:.*]]) = (%[[LB0]], %[[LB1]]) to (%[[UB0]], %[[UB1]]) step (%[[N0]], %[[N1]]) {
// CHECK-NEXT:   %[[M0:.*]] = affine.min #[[MIN]](%[[N0]], %[[UB0]], %[[I0]])
// CHECK-NEXT:   %[[M1:.*]] = affine.min #[[MIN]](%[[N1]], %[[UB1]], %[[J0]])
// CHECK-NEXT:   scf.parallel (%[[I1:.*]], %[[J1:.*]]) = (%[[C0]], %[[C0]]) to (%[[M0]], %[[M1]]) step (%[[S0]], %[[S1]]) {
// CHECK-NEXT:     %[[I:.*]] = arith.addi %[[I1]], %[[I0]] : index
// CHECK-NEXT:     %[[J:.*]] = arith.addi %[[J1]], %[[J0]] : index
// CHECK-NEXT:     memref.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]]
func.func @f(%lb0: index, %lb1: index, %ub0: index, %ub1: index, %s0: index, %s1: index, %A: memref<?x?xf32>) {
  %c = arith.constant 1.0 : f32
  scf.parallel (%i, %j) = (%lb0, %lb1) to (%ub0, %ub1) step (%s0, %s1) {
    memref.store %c, %A[%i, %j] : memref<?x?xf32>
  }
  return
}

// -----

// Constant bounds: a tile that divides the range needs no min (16 by 4), one that does not
// keeps it (10 by 4).
// T44-LABEL: func.func @consts
// T44:      scf.parallel (%[[I0:.*]], %{{.*}}) = (%{{.*}}, %{{.*}}) to (%{{.*}}, %{{.*}}) step (%[[N0:.*]], %[[N1:.*]]) {
// T44-NEXT:   %[[M0:.*]] = affine.min #{{.*}}(%[[N0]], %{{.*}}, %[[I0]])
// T44-NEXT:   scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%[[M0]], %[[N1]]) step
func.func @consts(%A: memref<?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c10 = arith.constant 10 : index
  %c16 = arith.constant 16 : index
  %c = arith.constant 1.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c10, %c16) step (%c1, %c1) {
    memref.store %c, %A[%i, %j] : memref<?x?xf32>
  }
  return
}
