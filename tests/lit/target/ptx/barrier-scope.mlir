// RUN: dialir-translate --mlir-to-ptx %s | filecheck %s

// gpu.barrier of workgroup scope (the default) is `bar.sync 0`, of subgroup scope a sync of
// the whole warp (nvvm.bar.warp.sync of mask -1).

// CHECK-LABEL: .entry k(
// CHECK: bar.sync 0;
// CHECK: bar.warp.sync -1;
module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k(%a: memref<32xf32>) kernel {
      %t = gpu.thread_id x
      %v = memref.load %a[%t] : memref<32xf32>
      gpu.barrier
      memref.store %v, %a[%t] : memref<32xf32>
      gpu.barrier scope <subgroup>
      memref.store %v, %a[%t] : memref<32xf32>
      gpu.return
    }
  }
}
