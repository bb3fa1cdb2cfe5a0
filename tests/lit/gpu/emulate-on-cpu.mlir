// RUN: dialir-opt %s --pass-pipeline='builtin.module(gpu-emulate-on-cpu)' | filecheck %s

// gpu-emulate-on-cpu: the kernel becomes loops over blocks, then (per segment between
// barriers) loops over threads; a value used after the barrier is kept per thread in a
// buffer indexed by the linear thread id (thread ids are recomputed instead); the workgroup
// buffer is allocated once.

// CHECK-LABEL: func.func private @__gpu_emu_k_rev(
// CHECK-SAME: %[[GX:[^:]*]]: index, %[[GY:[^:]*]]: index, %[[GZ:[^:]*]]: index, %[[BX:[^:]*]]: index, %[[BY:[^:]*]]: index, %[[BZ:[^:]*]]: index, %[[X:.*]]: memref<16xf32>)
// CHECK: %[[N:.*]] = arith.muli
// CHECK: %[[NT:.*]] = arith.muli %{{.*}}, %[[BZ]] : index
// CHECK: %[[SH:.*]] = memref.alloc() : memref<16xf32>
// CHECK: %[[KEEP:.*]] = memref.alloc(%[[NT]]) : memref<?xf32>
// CHECK: scf.for %[[B2:.*]] = %{{.*}} to %[[GZ]]
// CHECK: scf.for %[[B1:.*]] = %{{.*}} to %[[GY]]
// CHECK: scf.for %[[B0:.*]] = %{{.*}} to %[[GX]]
// CHECK: scf.for %[[T2:.*]] = %{{.*}} to %[[BZ]]
// CHECK: scf.for %[[T1:.*]] = %{{.*}} to %[[BY]]
// CHECK: scf.for %[[T0:.*]] = %{{.*}} to %[[BX]]
// CHECK: %[[V:.*]] = memref.load %[[X]][%[[T0]]]
// CHECK: memref.store %[[V]], %[[SH]][%[[T0]]]
// CHECK: memref.store %[[V]], %[[KEEP]][%[[L:.*]]] : memref<?xf32>
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for %[[U0:.*]] = %{{.*}} to %[[BX]]
// CHECK: %[[OLD:.*]] = memref.load %[[KEEP]][%{{.*}}] : memref<?xf32>
// CHECK: arith.subi %{{.*}}, %[[U0]] : index
// CHECK: %[[W:.*]] = memref.load %[[SH]]
// CHECK: %[[S:.*]] = arith.addf %[[W]], %[[OLD]] : f32
// CHECK: memref.dealloc %[[KEEP]]
// CHECK: memref.dealloc %[[SH]]
// CHECK-LABEL: func.func @main(
// CHECK: call @__gpu_emu_k_rev(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}})
// CHECK-NOT: gpu.
module attributes {gpu.container_module} {
  gpu.module @k {
    // x[t] += x[15 - t] through workgroup memory: each thread reads what another wrote, and
    // its own value from before the barrier.
    gpu.func @rev(%x: memref<16xf32>)
        workgroup(%sh: memref<16xf32, #gpu.address_space<workgroup>>) kernel {
      %c15 = arith.constant 15 : index
      %t = gpu.thread_id x
      %v = memref.load %x[%t] : memref<16xf32>
      memref.store %v, %sh[%t] : memref<16xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      %j = arith.subi %c15, %t : index
      %w = memref.load %sh[%j] : memref<16xf32, #gpu.address_space<workgroup>>
      %s = arith.addf %w, %v : f32
      memref.store %s, %x[%t] : memref<16xf32>
      gpu.return
    }
  }
  func.func @main() {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %x = memref.alloc() : memref<16xf32>
    gpu.launch_func @k::@rev blocks in (%c1, %c1, %c1) threads in (%c16, %c1, %c1)
        args(%x : memref<16xf32>)
    memref.dealloc %x : memref<16xf32>
    return
  }
}
