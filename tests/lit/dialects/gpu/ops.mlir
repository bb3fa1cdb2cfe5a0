// RUN: dialir-opt %s --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect | dialir-opt --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --mlir-print-op-generic | dialir-opt --allow-unregistered-dialect | filecheck %s

// The custom syntax of the gpu ops. What is printed reads back in upstream MLIR (checked with
// iree-opt: the custom and the generic forms), and MLIR's output reads back here.

module attributes {gpu.container_module} {

  // CHECK-LABEL: func.func @launch(
  func.func @launch(%sz: index, %f: f32, %m: memref<?xf32, 1>) {
    // CHECK: %[[T:.*]] = gpu.wait async
    %t = gpu.wait async
    %c0 = arith.constant 0 : i32
    // CHECK: %{{.*}} = gpu.launch async [%[[T]]] blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %[[SZ:.*]] = %{{.*}}) dynamic_shared_memory_size %{{.*}} {
    // CHECK-NEXT: "use"(%{{.*}}, %[[TX]], %[[BX]], %[[SZ]])
    // CHECK-NEXT: gpu.terminator
    %name = gpu.launch async [%t] blocks(%bx, %by, %bz) in (%gx = %sz, %gy = %sz, %gz = %sz)
               threads(%tx, %ty, %tz) in (%sx = %sz, %sy = %sz, %sz2 = %sz)
               dynamic_shared_memory_size %c0 {
      "use"(%f, %tx, %bx, %sz2) : (f32, index, index, index) -> ()
      gpu.terminator
    }
    // CHECK: gpu.launch blocks({{.*}}) in ({{.*}}) threads({{.*}}) in ({{.*}}) module(@mod) function(@fn) {
    gpu.launch blocks(%bx, %by, %bz) in (%gx = %sz, %gy = %sz, %gz = %sz)
               threads(%tx, %ty, %tz) in (%sx = %sz, %sy = %sz, %sz2 = %sz)
               module(@mod) function(@fn) {
      gpu.terminator
    }
    return
  }

  // CHECK-LABEL: gpu.module @kernels
  gpu.module @kernels {
    // CHECK: gpu.func @kernel_1(%{{.*}}: f32, %{{.*}}: memref<?xf32, 1>) workgroup(%{{.*}} : memref<4xf32, #gpu.address_space<workgroup>>) private(%{{.*}} : memref<2xf32, #gpu.address_space<private>>) kernel attributes {known_block_size = array<i32: 32, 1, 1>} {
    gpu.func @kernel_1(%arg0 : f32, %arg1 : memref<?xf32, 1>)
        workgroup(%w: memref<4xf32, #gpu.address_space<workgroup>>)
        private(%p: memref<2xf32, #gpu.address_space<private>>)
        kernel attributes {known_block_size = array<i32: 32, 1, 1>} {
      // CHECK-NEXT: gpu.thread_id x
      %tx = gpu.thread_id x
      // CHECK-NEXT: gpu.block_id y
      %by = gpu.block_id y
      // CHECK-NEXT: gpu.block_dim z upper_bound 64
      %bd = gpu.block_dim z upper_bound 64
      // CHECK-NEXT: gpu.grid_dim x
      %gd = gpu.grid_dim x
      // CHECK-NEXT: gpu.global_id y
      %g = gpu.global_id y
      // CHECK-NEXT: gpu.lane_id
      %l = gpu.lane_id
      // CHECK-NEXT: gpu.lane_id upper_bound 32
      %l2 = gpu.lane_id upper_bound 32
      // CHECK-NEXT: gpu.subgroup_id : index
      %sg = gpu.subgroup_id : index
      // CHECK-NEXT: gpu.num_subgroups : index
      %nsg = gpu.num_subgroups : index
      // CHECK-NEXT: gpu.subgroup_size : index
      %sgs = gpu.subgroup_size : index
      // CHECK-NEXT: gpu.all_reduce add %{{.*}} {
      // CHECK-NEXT: } : (f32) -> f32
      %sum = gpu.all_reduce add %arg0 {} : (f32) -> (f32)
      // CHECK-NEXT: gpu.all_reduce max{{.*}} uniform {
      %max = gpu.all_reduce maxnumf %arg0 uniform {} : (f32) -> f32
      // CHECK: gpu.all_reduce %{{.*}} {
      // CHECK-NEXT: ^bb0(%{{.*}}: f32, %{{.*}}: f32):
      // CHECK-NEXT: arith.addf
      // CHECK-NEXT: gpu.yield %{{.*}} : f32
      // CHECK-NEXT: } : (f32) -> f32
      %sum2 = gpu.all_reduce %arg0 {
      ^bb(%lhs : f32, %rhs : f32):
        %tmp = arith.addf %lhs, %rhs : f32
        gpu.yield %tmp : f32
      } : (f32) -> (f32)
      // CHECK: gpu.subgroup_reduce add %{{.*}} uniform : (f32) -> f32
      %s = gpu.subgroup_reduce add %arg0 uniform : (f32) -> f32
      %width = arith.constant 7 : i32
      %offset = arith.constant 3 : i32
      // CHECK: gpu.shuffle xor %{{.*}}, %{{.*}}, %{{.*}} : f32
      %shfl, %pred = gpu.shuffle xor %arg0, %offset, %width : f32
      // CHECK: gpu.shuffle idx %{{.*}}, %{{.*}}, %{{.*}} : f32
      %shfl3, %pred3 = gpu.shuffle idx %arg0, %offset, %width : f32
      // CHECK: gpu.barrier
      gpu.barrier
      // The default scope (workgroup) is left out, written or not.
      // CHECK-NEXT: gpu.barrier memfence [#gpu.address_space<workgroup>]{{$}}
      gpu.barrier memfence [#gpu.address_space<workgroup>] scope <workgroup>
      // CHECK-NEXT: gpu.barrier memfence [] scope <subgroup>
      gpu.barrier memfence [] scope <subgroup>
      // CHECK-NEXT: gpu.barrier scope <cluster> {x = 1 : i64}
      gpu.barrier scope <cluster> {x = 1 : i64}
      // CHECK-NEXT: gpu.return
      gpu.return
    }

    // CHECK: gpu.func @device(%{{.*}}: f32) -> f32 {
    gpu.func @device(%x: f32) -> f32 {
      // CHECK-NEXT: gpu.return %{{.*}} : f32
      gpu.return %x : f32
    }

    // CHECK: gpu.func @empty_attribution(%{{.*}}: f32) {
    gpu.func @empty_attribution(%arg0: f32) workgroup() private() {
      gpu.return
    }
  }

  // CHECK: gpu.module @targeted [#nvvm.target<chip = "sm_90", features = "+ptx80">, #nvvm.target] {
  gpu.module @targeted [#nvvm.target<chip = "sm_90", features = "+ptx80">, #nvvm.target] {
  }

  // CHECK: gpu.binary @binary_1 [#gpu.object<#nvvm.target<chip = "sm_80">, assembly = "abc">]
  gpu.binary @binary_1 [#gpu.object<#nvvm.target<chip = "sm_80">, assembly = "abc">]
  // CHECK: gpu.binary @binary_2 <#gpu.select_object<1 : i64>> [#gpu.object<#nvvm.target, properties = {O = 3 : i32}, "">, #gpu.object<#nvvm.target<O = 3>, bin = "x">]
  gpu.binary @binary_2 <#gpu.select_object<1>> [#gpu.object<#nvvm.target, properties = {O = 3 : i32}, fatbin = "">, #gpu.object<#nvvm.target<O = 3>, bin = "x">]

  // CHECK-LABEL: func.func @host(
  func.func @host(%f: f32, %m: memref<?xf32, 1>) {
    %c8 = arith.constant 8 : index
    %c8_i64 = arith.constant 8 : i64
    %c0 = arith.constant 0 : i32
    %t0 = gpu.wait async
    // CHECK: gpu.launch_func @kernels::@kernel_1 blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}}) dynamic_shared_memory_size %{{.*}} args(%{{.*}} : f32, %{{.*}} : memref<?xf32, 1>)
    gpu.launch_func @kernels::@kernel_1 blocks in (%c8, %c8, %c8) threads in (%c8, %c8, %c8) dynamic_shared_memory_size %c0 args(%f : f32, %m : memref<?xf32, 1>)
    // CHECK: %{{.*}} = gpu.launch_func async [%{{.*}}] @kernels::@kernel_1 clusters in ({{.*}}) blocks in ({{.*}}) threads in ({{.*}}) : i64 args(
    %t1 = gpu.launch_func async [%t0] @kernels::@kernel_1 clusters in (%c8_i64, %c8_i64, %c8_i64) blocks in (%c8_i64, %c8_i64, %c8_i64) threads in (%c8_i64, %c8_i64, %c8_i64) : i64 args(%f : f32, %m : memref<?xf32, 1>)
    // CHECK: gpu.launch_func @binary_1::@k blocks in
    gpu.launch_func @binary_1::@k blocks in (%c8, %c8, %c8) threads in (%c8, %c8, %c8)
    // CHECK: %{{.*}} = gpu.alloc async [%{{.*}}] (%{{.*}}) : memref<?xf32, 1>
    %m1, %t2 = gpu.alloc async [%t0] (%c8) : memref<?xf32, 1>
    // CHECK: gpu.dealloc async [%{{.*}}] %{{.*}} : memref<?xf32, 1>
    %t3 = gpu.dealloc async [%t2] %m1 : memref<?xf32, 1>
    // CHECK: gpu.alloc host_shared () : memref<13xf32, 1>
    %m2 = gpu.alloc host_shared () : memref<13xf32, 1>
    // CHECK: gpu.memcpy %{{.*}}, %{{.*}} : memref<13xf32, 1>, memref<13xf32, 1>
    gpu.memcpy %m2, %m2 : memref<13xf32, 1>, memref<13xf32, 1>
    // CHECK: gpu.memset async [%{{.*}}] %{{.*}}, %{{.*}} : memref<13xf32, 1>, f32
    %t4 = gpu.memset async [%t3] %m2, %f : memref<13xf32, 1>, f32
    // CHECK: gpu.wait [%{{.*}}, %{{.*}}]
    gpu.wait [%t3, %t4]
    // CHECK: gpu.wait
    gpu.wait
    // CHECK: %{{.*}} = gpu.wait async [%{{.*}}]
    %t5 = gpu.wait async [%t4]
    return
  }
}
