// RUN: dialir-opt %s --pass-pipeline='builtin.module(nvvm-attach-target{chip=sm_80 features=+ptx70}, gpu.module(convert-gpu-to-nvvm), gpu-module-to-binary, gpu-to-llvm, reconcile-unrealized-casts)' | filecheck %s
// RUN: dialir-opt %s --pass-pipeline='builtin.module(nvvm-attach-target{chip=sm_80 features=+ptx70}, gpu.module(convert-gpu-to-nvvm), gpu-module-to-binary, gpu-to-llvm, reconcile-unrealized-casts)' | dialir-translate --mlir-to-llvmir --emit=obj -o %t.o

// gpu-to-llvm: the host side as CUDA driver calls. The PTX is embedded as a NUL-terminated
// constant; a launch loads the module, looks the kernel up by name, passes each parameter
// by address (the memref as its five descriptor fields, then the f32) and synchronizes.

// CHECK-DAG: llvm.mlir.global internal constant @k_ptx("{{.*}}.target sm_80{{.*}}.entry scale({{.*}}\00")
// CHECK-DAG: llvm.mlir.global internal constant @k_scale_name("scale\00")
// CHECK-DAG: llvm.func @cuLaunchKernel(!llvm.ptr, i32, i32, i32, i32, i32, i32, i32, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
// CHECK-LABEL: llvm.func @main(
// CHECK: llvm.call @cuMemAlloc_v2(%{{.*}}, %{{.*}}) : (!llvm.ptr, i64) -> i32
// CHECK: llvm.call @cuMemcpy(
// CHECK: %[[PTX:.*]] = llvm.mlir.addressof @k_ptx : !llvm.ptr
// CHECK: llvm.call @cuModuleLoadData(%[[MODSLOT:.*]], %[[PTX]])
// CHECK: %[[MOD:.*]] = llvm.load %[[MODSLOT]] : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.call @cuModuleGetFunction(%[[FNSLOT:.*]], %[[MOD]], %{{.*}})
// CHECK: %[[FN:.*]] = llvm.load %[[FNSLOT]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[PARAMS:.*]] = llvm.alloca %{{.*}} x !llvm.ptr
// CHECK-COUNT-6: llvm.getelementptr %[[PARAMS]]
// CHECK: llvm.call @cuLaunchKernel(%[[FN]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[PARAMS]], %{{.*}})
// CHECK-NEXT: llvm.call @cuCtxSynchronize()
// CHECK-NEXT: llvm.call @cuModuleUnload(%[[MOD]])
// CHECK: llvm.call @cuMemcpy(
// CHECK: llvm.call @cuMemFree_v2(
// CHECK: llvm.call @cuCtxSynchronize()
// CHECK-NOT: gpu.
module attributes {gpu.container_module} {
  gpu.module @k {
    gpu.func @scale(%x: memref<16xf32>, %s: f32) kernel {
      %t = gpu.thread_id x
      %v = memref.load %x[%t] : memref<16xf32>
      %w = arith.mulf %v, %s : f32
      memref.store %w, %x[%t] : memref<16xf32>
      gpu.return
    }
  }
  func.func @main(%x: memref<16xf32>, %s: f32) {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %d = gpu.alloc () : memref<16xf32>
    gpu.memcpy %d, %x : memref<16xf32>, memref<16xf32>
    gpu.launch_func @k::@scale blocks in (%c1, %c1, %c1) threads in (%c16, %c1, %c1) args(%d : memref<16xf32>, %s : f32)
    gpu.memcpy %x, %d : memref<16xf32>, memref<16xf32>
    gpu.dealloc %d : memref<16xf32>
    gpu.wait
    return
  }
}
