// RUN: dialir-translate --mlir-to-ptx %s | filecheck %s
// RUN: dialir-translate --mlir-to-ptx --chip sm_90 --features +ptx78 %s | filecheck %s --check-prefix=SM90
// RUN: dialir-opt %s --pass-pipeline='builtin.module(gpu-lower-to-nvvm-pipeline{cubin-chip=sm_90 cubin-features=+ptx78})' | filecheck %s --check-prefix=BINARY

// dialir-translate --mlir-to-ptx: a module at the gpu level (a launch to outline, kernels
// with workgroup memory and barriers) lowered to NVVM and printed as PTX, kernel by kernel.

// CHECK: // gpu.module @k
// CHECK: .target sm_80
// CHECK: .visible .entry block_sum(
// CHECK: .shared .align 16 .b8 __wg_block_sum_0[128];
// CHECK: bar.sync 0;
// CHECK: ld.shared
// CHECK: // gpu.module @main_kernel
// CHECK: .visible .entry main_kernel(
// CHECK: .reqntid 4, 1, 1
// SM90: .target sm_90
// SM90: .target sm_90
// BINARY: gpu.launch_func @main_kernel::@main_kernel
// BINARY: gpu.binary @k [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx78">, assembly = "{{.*}}bar.sync
// BINARY: gpu.binary @main_kernel [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx78">, assembly = "{{.*}}.entry main_kernel(
module attributes {gpu.container_module} {
  func.func @main(%x: memref<10xf32>) {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c10 = arith.constant 10 : index
    gpu.launch blocks(%bx, %by, %bz) in (%gx = %c4, %gy = %c1, %gz = %c1)
               threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) {
      %b = arith.muli %bx, %sx : index
      %i = arith.addi %b, %tx : index
      %ok = arith.cmpi ult, %i, %c10 : index
      scf.if %ok {
        %v = memref.load %x[%i] : memref<10xf32>
        %w = arith.addf %v, %v : f32
        memref.store %w, %x[%i] : memref<10xf32>
      }
      gpu.terminator
    }
    return
  }
  gpu.module @k {
    gpu.func @block_sum(%x: memref<?xf32>, %out: memref<?xf32>)
        workgroup(%sh: memref<32xf32, #gpu.address_space<workgroup>>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c5 = arith.constant 5 : index
      %c16 = arith.constant 16 : index
      %tid = gpu.thread_id x
      %bid = gpu.block_id x
      %i = gpu.global_id x
      %v = memref.load %x[%i] : memref<?xf32>
      memref.store %v, %sh[%tid] : memref<32xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      scf.for %k = %c0 to %c5 step %c1 {
        %s = arith.shrui %c16, %k : index
        %act = arith.cmpi ult, %tid, %s : index
        scf.if %act {
          %j = arith.addi %tid, %s : index
          %a = memref.load %sh[%tid] : memref<32xf32, #gpu.address_space<workgroup>>
          %b = memref.load %sh[%j] : memref<32xf32, #gpu.address_space<workgroup>>
          %r = arith.addf %a, %b : f32
          memref.store %r, %sh[%tid] : memref<32xf32, #gpu.address_space<workgroup>>
        }
        gpu.barrier
      }
      %first = arith.cmpi eq, %tid, %c0 : index
      scf.if %first {
        %r = memref.load %sh[%c0] : memref<32xf32, #gpu.address_space<workgroup>>
        memref.store %r, %out[%bid] : memref<?xf32>
      }
      gpu.return
    }
  }
}
