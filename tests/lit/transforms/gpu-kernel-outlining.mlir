// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(gpu-kernel-outlining)' | filecheck %s
// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(gpu-launch-sink-index-computations,gpu-kernel-outlining)' | filecheck %s --check-prefix=SINK

// gpu-kernel-outlining, checked against MLIR's output (iree-opt --gpu-kernel-outlining):
// ids become gpu ops at the top of the kernel, values from above become arguments in order of
// first use, constant sizes become known_block_size / known_grid_size. With
// gpu-launch-sink-index-computations first, index constants are recomputed in the kernel.

// CHECK: module attributes {gpu.container_module}
// CHECK-LABEL: func.func @launch(
// CHECK-SAME: %[[M:.*]]: memref<?xf32>, %[[F:.*]]: f32)
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[CST:.*]] = arith.constant 2.0{{.*}} : f32
// CHECK: gpu.launch_func @launch_kernel::@launch_kernel blocks in (%[[C8]], %[[C1]], %[[C1]]) threads in (%[[C8]], %[[C1]], %[[C1]]) args(%[[C4:.*]] : index, %[[M]] : memref<?xf32>, %[[CST]] : f32, %[[F]] : f32)
// SINK: gpu.launch_func @launch_kernel::@launch_kernel blocks in ({{.*}}) threads in ({{.*}}) args(%{{.*}} : memref<?xf32>, %{{.*}} : f32)
// SINK: gpu.func @launch_kernel(%{{.*}}: memref<?xf32>, %{{.*}}: f32) kernel
// SINK: gpu.block_dim z
// SINK-NEXT: arith.constant 4 : index
// SINK-NEXT: arith.constant 2.0{{.*}} : f32
// CHECK-NEXT: return
// CHECK: gpu.module @launch_kernel {
// CHECK-NEXT: gpu.func @launch_kernel(%[[K4:.*]]: index, %[[A0:.*]]: memref<?xf32>, %[[A1:.*]]: f32, %[[A2:.*]]: f32) kernel attributes {known_block_size = array<i32: 8, 1, 1>, known_grid_size = array<i32: 8, 1, 1>} {
// CHECK-NEXT: %[[BX:.*]] = gpu.block_id x
// CHECK-NEXT: gpu.block_id y
// CHECK-NEXT: gpu.block_id z
// CHECK-NEXT: %[[TX:.*]] = gpu.thread_id x
// CHECK-NEXT: gpu.thread_id y
// CHECK-NEXT: gpu.thread_id z
// CHECK-NEXT: gpu.grid_dim x
// CHECK-NEXT: gpu.grid_dim y
// CHECK-NEXT: gpu.grid_dim z
// CHECK-NEXT: %[[BDX:.*]] = gpu.block_dim x
// CHECK-NEXT: gpu.block_dim y
// CHECK-NEXT: gpu.block_dim z
// CHECK-NEXT: %[[I:.*]] = arith.muli %[[BX]], %[[BDX]] : index
// CHECK-NEXT: %[[J:.*]] = arith.addi %[[I]], %[[TX]] : index
// CHECK-NEXT: %[[K:.*]] = arith.addi %[[J]], %[[K4]] : index
// CHECK-NEXT: %[[V:.*]] = memref.load %[[A0]][%[[K]]] : memref<?xf32>
// CHECK-NEXT: %[[W:.*]] = arith.mulf %[[V]], %[[A1]] : f32
// CHECK-NEXT: %[[X:.*]] = arith.addf %[[W]], %[[A2]] : f32
// CHECK-NEXT: memref.store %[[X]], %[[A0]][%[[J]]] : memref<?xf32>
// CHECK-NEXT: gpu.return
func.func @launch(%m: memref<?xf32>, %f: f32) {
  %c8 = arith.constant 8 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c2 = arith.constant 2.0 : f32
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c8, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c8, %sy = %c1, %sz = %c1) {
    %i = arith.muli %bx, %sx : index
    %j = arith.addi %i, %tx : index
    %k = arith.addi %j, %c4 : index
    %v = memref.load %m[%k] : memref<?xf32>
    %w = arith.mulf %v, %c2 : f32
    %x = arith.addf %w, %f : f32
    memref.store %x, %m[%j] : memref<?xf32>
    gpu.terminator
  }
  return
}

// -----

// Two launches in one function: the second kernel's module name is made unique; a dynamic block size
// gives no known_block_size; multiple blocks (cf branches) move with the body.
// CHECK-LABEL: func.func @two(
// CHECK: gpu.launch_func @two_kernel::@two_kernel blocks in
// CHECK: gpu.launch_func @two_kernel_0::@two_kernel blocks in
// CHECK: gpu.module @two_kernel {
// CHECK: gpu.func @two_kernel(%{{.*}}: index) kernel attributes {known_grid_size = array<i32: 1, 1, 1>} {
// CHECK: gpu.module @two_kernel_0 {
// CHECK: gpu.func @two_kernel(%{{.*}}: i1) kernel
// CHECK: cf.cond_br
// CHECK: ^bb1:
// CHECK-NEXT: gpu.return
func.func @two(%n: index, %c: i1) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %n, %sy = %c1, %sz = %c1) {
    "test.use"(%n) : (index) -> ()
    gpu.terminator
  }
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    cf.cond_br %c, ^bb1, ^bb1
  ^bb1:
    gpu.terminator
  }
  return
}
