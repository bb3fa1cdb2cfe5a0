// RUN: dialir-opt %s --pass-pipeline='builtin.module(gpu-all-reduce-lowering)' | filecheck %s

// MLIR's all-reduce rewrite: a subgroup reduction by xor shuffles (over the active lanes
// when the subgroup is partial), lane 0 of each subgroup writes a 32-element workgroup
// buffer added to the kernel, a barrier, the first subgroup reduces the buffer, a barrier,
// every thread reads the result. Subgroup reductions: butterfly shuffles over the cluster.

// CHECK-LABEL: gpu.func @sum
// CHECK-SAME: workgroup(%[[BUF:.*]] : memref<32xf32, #gpu.address_space<workgroup>>)
// CHECK: arith.subi
// CHECK-NEXT: %[[ACTIVE:.*]] = arith.subi
// CHECK: %[[PARTIAL:.*]] = arith.cmpi slt, %[[ACTIVE]], %{{.*}} : i32
// CHECK: scf.if %[[PARTIAL]] -> (f32)
// CHECK: %{{.*}}, %[[VALID:.*]] = gpu.shuffle xor %{{.*}}, %{{.*}}, %[[ACTIVE]] : f32
// CHECK: scf.if %[[VALID]] -> (f32)
// CHECK: arith.addf
// CHECK: } else {
// CHECK: gpu.shuffle xor
// CHECK: scf.if
// CHECK: memref.store %{{.*}}, %[[BUF]][%{{.*}}]
// CHECK: gpu.barrier
// CHECK: memref.load %[[BUF]]
// CHECK: memref.store %{{.*}}, %[[BUF]]
// CHECK: gpu.barrier
// CHECK: %[[R:.*]] = memref.load %[[BUF]][%{{.*}}]
// CHECK: memref.store %[[R]]
// CHECK-NOT: gpu.all_reduce

// CHECK-LABEL: gpu.func @cluster
// CHECK: %[[O1:.*]] = arith.constant 2 : i32
// CHECK: %[[S1:[^,]*]], %{{.*}} = gpu.shuffle xor %[[V:.*]], %[[O1]], %{{.*}} : i32
// CHECK: %[[M1:.*]] = arith.maxsi %[[V]], %[[S1]] : i32
// CHECK: %[[O2:.*]] = arith.constant 4 : i32
// CHECK: %[[S2:[^,]*]], %{{.*}} = gpu.shuffle xor %[[M1]], %[[O2]], %{{.*}} : i32
// CHECK: arith.maxsi %[[M1]], %[[S2]] : i32
// CHECK-NOT: gpu.shuffle
// CHECK-NOT: gpu.subgroup_reduce
// CHECK: gpu.return

// 64-bit shuffles: two 32-bit halves.
// CHECK-LABEL: gpu.func @wide
// CHECK: arith.bitcast %{{.*}} : f64 to i64
// CHECK: gpu.shuffle down %{{.*}} : i32
// CHECK: gpu.shuffle down %{{.*}} : i32
// CHECK: arith.bitcast %{{.*}} : i64 to f64
module attributes {gpu.container_module} {
  gpu.module @k {
    gpu.func @sum(%x: memref<?xf32>) kernel {
      %i = gpu.global_id x
      %v = memref.load %x[%i] : memref<?xf32>
      %s = gpu.all_reduce add %v uniform {} : (f32) -> f32
      memref.store %s, %x[%i] : memref<?xf32>
      gpu.return
    }
    gpu.func @cluster(%x: memref<?xi32>) kernel {
      %i = gpu.global_id x
      %v = memref.load %x[%i] : memref<?xi32>
      %s = gpu.subgroup_reduce maxsi %v {cluster_size = 4 : i32, cluster_stride = 2 : i32} : (i32) -> i32
      memref.store %s, %x[%i] : memref<?xi32>
      gpu.return
    }
    gpu.func @wide(%x: memref<?xf64>) kernel {
      %i = gpu.global_id x
      %v = memref.load %x[%i] : memref<?xf64>
      %o = arith.constant 1 : i32
      %w = arith.constant 32 : i32
      %s, %ok = gpu.shuffle down %v, %o, %w : f64
      memref.store %s, %x[%i] : memref<?xf64>
      gpu.return
    }
  }
}
