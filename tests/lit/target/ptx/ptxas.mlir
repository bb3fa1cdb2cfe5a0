// REQUIRES: ptxas
// RUN: dialir-translate --mlir-to-ptx --chip sm_80 %s -o %t.80.ptx
// RUN: ptxas -arch=sm_80 %t.80.ptx -o %t.80.cubin
// RUN: dialir-translate --mlir-to-ptx --chip sm_90 --features +ptx78 %s -o %t.90.ptx
// RUN: ptxas -arch=sm_90 %t.90.ptx -o %t.90.cubin

// The PTX of a kernel with shuffles, barriers, workgroup memory and cf branches assembles
// with NVIDIA's ptxas for sm_80 and sm_90.
module attributes {gpu.container_module} {
  gpu.module @k {
    gpu.func @warp_sum(%x: memref<?xf32>, %out: memref<?xf32>)
        workgroup(%sh: memref<32xf32, #gpu.address_space<workgroup>>) kernel {
      %c0 = arith.constant 0 : index
      %w = arith.constant 32 : i32
      %o16 = arith.constant 16 : i32
      %tid = gpu.thread_id x
      %i = gpu.global_id x
      %n = memref.dim %x, %c0 : memref<?xf32>
      %in = arith.cmpi ult, %i, %n : index
      cf.cond_br %in, ^load, ^done
    ^load:
      %v = memref.load %x[%i] : memref<?xf32>
      %s, %ok = gpu.shuffle xor %v, %o16, %w : f32
      %t = arith.addf %v, %s : f32
      memref.store %t, %sh[%tid] : memref<32xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      %r = memref.load %sh[%c0] : memref<32xf32, #gpu.address_space<workgroup>>
      memref.store %r, %out[%i] : memref<?xf32>
      cf.br ^done
    ^done:
      gpu.return
    }
  }
}
