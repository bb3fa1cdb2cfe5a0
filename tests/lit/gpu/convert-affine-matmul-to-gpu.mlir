// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(convert-affine-matmul-to-gpu{tile-sizes=32,32,8 thread-tile-sizes=2,2})' | filecheck %s
// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(convert-affine-matmul-to-gpu{tile-sizes=32,32,8 thread-tile-sizes=2,2}, gpu-emulate-on-cpu)' | filecheck %s --check-prefix=EMU

// C = A B (what convert-nn-to-affine writes for nn.matmul): a 16x16-thread block per 32x32
// tile of C, tiles of A (k contiguous: padded rows) and B staged in workgroup memory.

// CHECK-LABEL: func.func @matmul
// CHECK: gpu.launch_func @matmul_kernel::@matmul_kernel blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}}) args(%{{.*}} : index, %{{.*}} : memref<?x40xf32>, %{{.*}} : memref<40x48xf32>, %{{.*}} : memref<?x48xf32>)
// CHECK: gpu.module @matmul_kernel
// CHECK: gpu.func @matmul_kernel(%{{.*}}: index, %[[A:.*]]: memref<?x40xf32>, %[[B:.*]]: memref<40x48xf32>, %[[C:.*]]: memref<?x48xf32>) workgroup(%[[AS:.*]] : memref<32x9xf32, #gpu.address_space<workgroup>>, %[[BS:.*]] : memref<8x32xf32, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 16, 16, 1>}
// The K loop of 5 slices (40 = 5 x 8: no guard on k), each thread 2x2 accumulators.
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (f32, f32, f32, f32)
// Rows of A past M (dynamic) load zero.
// CHECK: scf.if %{{.*}} -> (f32)
// CHECK: memref.load %[[A]]
// CHECK: memref.store %{{.*}}, %[[AS]]
// B's tile: 48 = 1.5 x 32 columns, guarded too.
// CHECK: memref.load %[[B]]
// CHECK: memref.store %{{.*}}, %[[BS]]
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK: memref.load %[[AS]]
// CHECK: memref.load %[[BS]]
// CHECK: arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : f32
// CHECK: arith.addf %{{.*}}, %{{.*}} fastmath<contract> : f32
// CHECK: gpu.barrier
// Each element of C stored only inside C.
// CHECK: scf.if
// CHECK: memref.store %{{.*}}, %[[C]]
// CHECK: gpu.return

// EMU-LABEL: func.func @matmul
// EMU: call @__gpu_emu_matmul_kernel_matmul_kernel
func.func @matmul(%A: memref<?x40xf32>, %B: memref<40x48xf32>) -> memref<?x48xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = memref.dim %A, %c0 : memref<?x40xf32>
  %C = memref.alloc(%m) : memref<?x48xf32>
  affine.for %i = 0 to %m {
    affine.for %j = 0 to 48 {
      %acc = affine.for %k = 0 to 40 iter_args(%s = %zero) -> (f32) {
        %a = affine.load %A[%i, %k] : memref<?x40xf32>
        %b = affine.load %B[%k, %j] : memref<40x48xf32>
        %p = arith.mulf %a, %b : f32
        %t = arith.addf %s, %p : f32
        affine.yield %t : f32
      }
      affine.store %acc, %C[%i, %j] : memref<?x48xf32>
    }
  }
  return %C : memref<?x48xf32>
}

// -----

// Batched, B transposed (k contiguous in both), a bias epilogue: the batch is the grid's z;
// static sizes that are multiples of the tiles need no guards.

// CHECK-LABEL: func.func @batched
// CHECK: gpu.launch_func @batched_kernel::@batched_kernel blocks in (%{{.*}}, %{{.*}}, %{{.*}})
// CHECK: gpu.func @batched_kernel(%{{.*}}: memref<4x64x16xf32>, %{{.*}}: memref<4x32x16xf32>, %{{.*}}: memref<32xf32>, %{{.*}}: memref<4x64x32xf32>) workgroup(%{{.*}} : memref<32x9xf32, #gpu.address_space<workgroup>>, %{{.*}} : memref<32x9xf32, #gpu.address_space<workgroup>>) kernel
// CHECK: gpu.block_id z
// CHECK-NOT: scf.if
// CHECK: gpu.barrier
// CHECK-NOT: scf.if
// CHECK: gpu.barrier
// CHECK-NOT: scf.if
// CHECK: arith.addf
// CHECK: gpu.return
func.func @batched(%A: memref<4x64x16xf32>, %B: memref<4x32x16xf32>, %bias: memref<32xf32>) -> memref<4x64x32xf32> {
  %zero = arith.constant 0.0 : f32
  %C = memref.alloc() : memref<4x64x32xf32>
  affine.for %b = 0 to 4 {
    affine.for %i = 0 to 64 {
      affine.for %j = 0 to 32 {
        %acc = affine.for %k = 0 to 16 iter_args(%s = %zero) -> (f32) {
          %x = affine.load %A[%b, %i, %k] : memref<4x64x16xf32>
          %y = affine.load %B[%b, %j, %k] : memref<4x32x16xf32>
          %p = arith.mulf %x, %y : f32
          %t = arith.addf %s, %p : f32
          affine.yield %t : f32
        }
        %c = affine.load %bias[%j] : memref<32xf32>
        %r = arith.addf %acc, %c : f32
        affine.store %r, %C[%b, %i, %j] : memref<4x64x32xf32>
      }
    }
  }
  return %C : memref<4x64x32xf32>
}

// -----

// Not a matrix product (no reduction loop): left to convert-affine-for-to-gpu.
// CHECK-LABEL: func.func @copy
// CHECK: affine.for
// CHECK-NOT: gpu.launch_func
func.func @copy(%A: memref<8x8xf32>, %B: memref<8x8xf32>) {
  affine.for %i = 0 to 8 {
    affine.for %j = 0 to 8 {
      %v = affine.load %A[%i, %j] : memref<8x8xf32>
      affine.store %v, %B[%i, %j] : memref<8x8xf32>
    }
  }
  return
}
