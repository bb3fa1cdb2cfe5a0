// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(gpu-map-parallel-loops))' | filecheck %s
// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(gpu-map-parallel-loops), convert-parallel-loops-to-gpu)' | filecheck %s --check-prefix=LAUNCH

// gpu-map-parallel-loops (MLIR's greedy mapping, output checked against iree-opt): the outer
// scf.parallel to blocks x, y, the nested one to threads, deeper ones sequential. Then
// convert-parallel-loops-to-gpu: a gpu.launch sized by the trip counts, ivs from the ids.

// CHECK-LABEL: func.func @add(
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = sequential, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = thread_y, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = block_y, map = (d0) -> (d0), bound = (d0) -> (d0)>]}

// LAUNCH-DAG: #[[COUNT:.*]] = affine_map<(d0)[s0, s1] -> ((d0 - s0) ceildiv s1)>
// LAUNCH-DAG: #[[IV:.*]] = affine_map<(d0)[s0, s1] -> (d0 * s0 + s1)>
// LAUNCH-LABEL: func.func @add(
// LAUNCH: %[[GX:.*]] = affine.apply #[[COUNT]](%{{.*}})[%{{.*}}, %[[C4:.*]]]
// LAUNCH: %[[GY:.*]] = affine.apply #[[COUNT]](%{{.*}})[%{{.*}}, %[[C4]]]
// LAUNCH: %[[TX:.*]] = affine.apply #[[COUNT]](%[[C4]])
// LAUNCH: %[[TY:.*]] = affine.apply #[[COUNT]](%[[C4]])
// LAUNCH: gpu.launch blocks(%[[BX:.*]], %[[BY:.*]], %{{.*}}) in (%{{.*}} = %[[GX]], %{{.*}} = %[[GY]], %{{.*}} = %[[ONE:[^)]*]]) threads(%[[X:.*]], %[[Y:.*]], %{{.*}}) in (%{{.*}} = %[[TX]], %{{.*}} = %[[TY]], %{{.*}} = %[[ONE]]) {
// LAUNCH-NEXT: %[[I:.*]] = affine.apply #[[IV]](%[[BX]])[%[[C4]], %{{.*}}]
// LAUNCH-NEXT: %[[J:.*]] = affine.apply #[[IV]](%[[BY]])[%[[C4]], %{{.*}}]
// LAUNCH-NEXT: %[[II:.*]] = affine.apply #[[IV]](%[[X]])
// LAUNCH-NEXT: %[[JJ:.*]] = affine.apply #[[IV]](%[[Y]])
// LAUNCH-NEXT: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// LAUNCH: memref.store
// LAUNCH: gpu.terminator
func.func @add(%A: memref<?x?xf32>, %B: memref<?x?xf32>, %C: memref<?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %M = memref.dim %A, %c0 : memref<?x?xf32>
  %N = memref.dim %A, %c1 : memref<?x?xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%M, %N) step (%c4, %c4) {
    scf.parallel (%ii, %jj) = (%c0, %c0) to (%c4, %c4) step (%c1, %c1) {
      scf.parallel (%k) = (%c0) to (%c2) step (%c1) {
        %x = arith.addi %i, %ii : index
        %y = arith.addi %j, %jj : index
        %a = memref.load %A[%x, %y] : memref<?x?xf32>
        %b = memref.load %B[%x, %y] : memref<?x?xf32>
        %s = arith.addf %a, %b : f32
        memref.store %s, %C[%x, %y] : memref<?x?xf32>
        scf.reduce
      }
      scf.reduce
    }
    scf.reduce
  }
  return
}
