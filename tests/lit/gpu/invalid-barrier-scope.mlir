// RUN: dialir-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(gpu.module(convert-gpu-to-nvvm))'
// RUN: dialir-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(gpu-emulate-on-cpu)'

// A barrier of cluster scope waits for every block of a cluster: dialir's nvvm dialect has no
// cluster barrier, and the CPU emulation runs the blocks one after another.

gpu.module @m {
  gpu.func @k() kernel {
    // expected-error@+1 {{'gpu.barrier' op of cluster scope}}
    gpu.barrier scope <cluster>
    gpu.return
  }
}
