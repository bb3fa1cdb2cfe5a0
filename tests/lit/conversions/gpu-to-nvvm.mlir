// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(gpu.module(convert-gpu-to-nvvm))' | filecheck %s

// convert-gpu-to-nvvm: ids and sizes read PTX special registers (sign-extended to the 64-bit
// index), barriers become nvvm.barrier0 (nvvm.bar.warp.sync of subgroup scope), shuffles nvvm.shfl.sync with MLIR's mask and clamp,
// workgroup attributions globals in address space 3, gpu memory spaces NVPTX's; kernels are
// llvm.funcs marked nvvm.kernel, their memref arguments expanded as func-to-llvm does.

// CHECK-LABEL: gpu.module @ids
gpu.module @ids {
  // CHECK: llvm.func @k(%{{.*}}: !llvm.ptr<1>, %{{.*}}: !llvm.ptr<1>, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64)
  // CHECK-SAME: gpu.kernel
  // CHECK-SAME: nvvm.kernel
  // CHECK-SAME: nvvm.reqntid = array<i32: 64, 1, 1>
  gpu.func @k(%out: memref<?xindex, #gpu.address_space<global>>) kernel attributes {known_block_size = array<i32: 64, 1, 1>} {
    // CHECK: %[[T:.*]] = nvvm.read.ptx.sreg.tid.x : i32
    // CHECK-NEXT: %[[T64:.*]] = llvm.sext %[[T]] : i32 to i64
    %t = gpu.thread_id x
    // CHECK: nvvm.read.ptx.sreg.ntid.y : i32
    %bd = gpu.block_dim y
    // CHECK: nvvm.read.ptx.sreg.ctaid.z : i32
    %b = gpu.block_id z
    // CHECK: nvvm.read.ptx.sreg.nctaid.x : i32
    %g = gpu.grid_dim x
    // CHECK: nvvm.read.ptx.sreg.laneid : i32
    %l = gpu.lane_id
    // CHECK: %[[GB:.*]] = nvvm.read.ptx.sreg.ctaid.x : i32
    // CHECK: %[[GD:.*]] = nvvm.read.ptx.sreg.ntid.x : i32
    // CHECK: %[[GT:.*]] = nvvm.read.ptx.sreg.tid.x : i32
    // CHECK: llvm.mul
    // CHECK: llvm.add
    %gid = gpu.global_id x
    // CHECK: nvvm.barrier0
    gpu.barrier
    // CHECK-NEXT: nvvm.barrier0
    gpu.barrier memfence [#gpu.address_space<workgroup>]
    // CHECK-NEXT: %[[ALL:.*]] = llvm.mlir.constant(-1 : i32) : i32
    // CHECK-NEXT: nvvm.bar.warp.sync %[[ALL]] : i32
    gpu.barrier scope <subgroup>
    // CHECK: llvm.getelementptr {{.*}} : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, i64
    memref.store %gid, %out[%t] : memref<?xindex, #gpu.address_space<global>>
    // CHECK: llvm.return
    gpu.return
  }
}

// -----

// CHECK-LABEL: gpu.module @shared
// CHECK: llvm.mlir.global internal @__wg_k_0() {addr_space = 3 : i32, alignment = 16 : i64} : !llvm.array<4 x array<8 x f32>> {
// CHECK-NEXT: llvm.mlir.undef : !llvm.array<4 x array<8 x f32>>
// CHECK: llvm.func @k(
// CHECK: %[[A:.*]] = llvm.mlir.addressof @__wg_k_0 : !llvm.ptr<3>
// CHECK: llvm.getelementptr %[[A]][0] : (!llvm.ptr<3>) -> !llvm.ptr<3>, f32
// CHECK: llvm.insertvalue {{.*}} : !llvm.struct<(ptr<3>, ptr<3>, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: llvm.store %{{.*}}, %{{.*}} : f32, !llvm.ptr<3>
gpu.module @shared {
  gpu.func @k(%v: f32) workgroup(%w: memref<4x8xf32, #gpu.address_space<workgroup>>) kernel {
    %t = gpu.thread_id x
    %c1 = arith.constant 1 : index
    memref.store %v, %w[%c1, %t] : memref<4x8xf32, #gpu.address_space<workgroup>>
    gpu.return
  }
}

// -----

// CHECK-LABEL: gpu.module @shuffle
gpu.module @shuffle {
  gpu.func @k(%v: f32, %o: i32, %w: i32) -> f32 {
    // CHECK: %[[ONE:.*]] = llvm.mlir.constant(1 : i32) : i32
    // CHECK: %[[MINUS1:.*]] = llvm.mlir.constant(-1 : i32) : i32
    // CHECK: %[[C32:.*]] = llvm.mlir.constant(32 : i32) : i32
    // CHECK: %[[LEAD:.*]] = llvm.sub %[[C32]], %[[W:.*]] : i32
    // CHECK: %[[MASK:.*]] = llvm.lshr %[[MINUS1]], %[[LEAD]] : i32
    // CHECK: %[[CLAMP:.*]] = llvm.sub %[[W]], %[[ONE]] : i32
    // CHECK: %[[S:.*]] = nvvm.shfl.sync bfly %[[MASK]], %{{.*}}, %{{.*}}, %[[CLAMP]] {return_value_and_is_valid} : f32 -> !llvm.struct<(f32, i1)>
    // CHECK: llvm.extractvalue %[[S]][0] : !llvm.struct<(f32, i1)>
    // CHECK: llvm.extractvalue %[[S]][1] : !llvm.struct<(f32, i1)>
    %r, %ok = gpu.shuffle xor %v, %o, %w : f32
    // CHECK: nvvm.shfl.sync up
    %r2, %ok2 = gpu.shuffle up %r, %o, %w : f32
    gpu.return %r2 : f32
  }
}
