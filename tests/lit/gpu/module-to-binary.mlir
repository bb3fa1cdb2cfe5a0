// REQUIRES: ptxas
// RUN: dialir-opt %s --pass-pipeline='builtin.module(nvvm-attach-target{chip=sm_80 features=+ptx70}, gpu.module(convert-gpu-to-nvvm), gpu-module-to-binary{format=bin})' | filecheck %s --check-prefix=BIN
// RUN: dialir-opt %s --pass-pipeline='builtin.module(nvvm-attach-target{chip=sm_90 features=+ptx78}, gpu.module(convert-gpu-to-nvvm), gpu-module-to-binary{format=fatbin})' | filecheck %s --check-prefix=FATBIN
// RUN: dialir-opt %s --pass-pipeline='builtin.module(nvvm-attach-target{chip=sm_80 features=+ptx70}, gpu.module(convert-gpu-to-nvvm), gpu-module-to-binary{format=isa})' | filecheck %s --check-prefix=ISA
// RUN: dialir-opt %s --pass-pipeline='builtin.module(nvvm-attach-target{chip=sm_80 features=+ptx70}, gpu.module(convert-gpu-to-nvvm), gpu-module-to-binary{format=bin})' | dialir-opt | filecheck %s --check-prefix=BIN
// RUN: not dialir-opt %s --pass-pipeline='builtin.module(gpu.module(convert-gpu-to-nvvm), gpu-module-to-binary{format=cubin})' 2>&1 | filecheck %s --check-prefix=BAD

// gpu-module-to-binary's formats as MLIR's: `bin` is the cubin ptxas assembles (an ELF
// file), `fatbin` what fatbinary packs (its magic 0xBA55ED50), `isa` the PTX itself. The
// bytes print as MLIR prints them (\XX escapes) and parse back.

// BIN: gpu.binary @k [#gpu.object<#nvvm.target<chip = "sm_80", features = "+ptx70">, bin = "\7FELF
// FATBIN: gpu.binary @k [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx78">, "P\EDU\BA
// ISA: gpu.binary @k [#gpu.object<#nvvm.target<chip = "sm_80", features = "+ptx70">, assembly = "//
// ISA-SAME: .target sm_80
// BAD: error: gpu-module-to-binary: unsupported format 'cubin'
module attributes {gpu.container_module} {
  gpu.module @k {
    gpu.func @scale(%x: memref<?xf32>, %a: f32) kernel {
      %i = gpu.global_id x
      %v = memref.load %x[%i] : memref<?xf32>
      %w = arith.mulf %v, %a : f32
      memref.store %w, %x[%i] : memref<?xf32>
      gpu.return
    }
  }
}
