// RUN: dialir-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// Verifier errors of the gpu ops, with MLIR's rules and messages: every case but the barrier
// outside a kernel (a rule MLIR leaves to the lowering) also passes iree-opt --verify-diagnostics.

func.func @launch_func_no_container(%sz: index) {
  // expected-error@+1 {{'gpu.launch_func' op expected the closest surrounding module to have the 'gpu.container_module' attribute}}
  gpu.launch_func @kernels::@k blocks in (%sz, %sz, %sz) threads in (%sz, %sz, %sz)
  return
}

// -----

module attributes {gpu.container_module} {
  func.func @launch_func_undefined_module(%sz: index) {
    // expected-error@+1 {{'gpu.launch_func' op kernel container 'kernels' is undefined}}
    gpu.launch_func @kernels::@k blocks in (%sz, %sz, %sz) threads in (%sz, %sz, %sz)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @kernels {
  }
  func.func @launch_func_undefined_kernel(%sz: index) {
    // expected-error@+1 {{'gpu.launch_func' op kernel function '@kernels::@k' is undefined}}
    gpu.launch_func @kernels::@k blocks in (%sz, %sz, %sz) threads in (%sz, %sz, %sz)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k() {
      gpu.return
    }
  }
  func.func @launch_func_not_kernel(%sz: index) {
    // expected-error@+1 {{'gpu.launch_func' op kernel function is missing the 'gpu.kernel' attribute}}
    gpu.launch_func @kernels::@k blocks in (%sz, %sz, %sz) threads in (%sz, %sz, %sz)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%a: f32) kernel {
      gpu.return
    }
  }
  func.func @launch_func_arg_count(%sz: index) {
    // expected-error@+1 {{'gpu.launch_func' op got 0 kernel operands but expected 1}}
    gpu.launch_func @kernels::@k blocks in (%sz, %sz, %sz) threads in (%sz, %sz, %sz)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%a: f32) kernel {
      gpu.return
    }
  }
  func.func @launch_func_arg_type(%sz: index, %x: i32) {
    // expected-error@+1 {{'gpu.launch_func' op type of function argument 0 does not match}}
    gpu.launch_func @kernels::@k blocks in (%sz, %sz, %sz) threads in (%sz, %sz, %sz) args(%x : i32)
    return
  }
}

// -----

func.func @barrier_outside_kernel() {
  // expected-error@+1 {{'gpu.barrier' op expected to be nested in a 'gpu.func', 'gpu.launch' or 'gpu.module'}}
  gpu.barrier
  return
}

// -----

gpu.module @kernels {
  gpu.func @k() kernel {
    // expected-error@+1 {{expected one of [subgroup, workgroup, cluster]}}
    gpu.barrier scope <device>
    gpu.return
  }
}

// -----

gpu.module @kernels {
  gpu.func @k() kernel {
    // expected-error@+1 {{'gpu.barrier' op attribute 'address_spaces' failed to satisfy constraint: GPU Address Space array}}
    "gpu.barrier"() <{address_spaces = [1 : i32]}> : () -> ()
    gpu.return
  }
}

// -----

gpu.module @kernels {
  // expected-error@+1 {{'gpu.func' op expected void return type for kernel function}}
  gpu.func @k(%a: f32) -> f32 kernel {
    gpu.return %a : f32
  }
}

// -----

gpu.module @kernels {
  // expected-error@+1 {{'gpu.func' op expected memref type in attribution}}
  gpu.func @k() workgroup(%w: f32) kernel {
    gpu.return
  }
}

// -----

gpu.module @kernels {
  // expected-error@+1 {{'gpu.func' op expected memory space workgroup in attribution}}
  gpu.func @k() workgroup(%w: memref<4xf32, #gpu.address_space<private>>) kernel {
    gpu.return
  }
}

// -----

gpu.module @kernels {
  gpu.func @f(%a: f32) -> f32 {
    %c = "test.make"() : () -> i32
    // expected-error@+1 {{'gpu.return' op unexpected type `'i32'' for operand #0}}
    gpu.return %c : i32
  }
}

// -----

gpu.module @kernels {
  gpu.func @k(%a: f32) kernel {
    // expected-error@+1 {{expected either an op attribute or a non-empty body}}
    %r = gpu.all_reduce %a {} : (f32) -> f32
    gpu.return
  }
}

// -----

gpu.module @kernels {
  gpu.func @k(%a: f32) kernel {
    // expected-error@+1 {{`minsi` reduction operation is not compatible with type 'f32'}}
    %r = gpu.all_reduce minsi %a {} : (f32) -> f32
    gpu.return
  }
}

// -----

gpu.module @kernels {
  gpu.func @k(%a: f32) kernel {
    // expected-error@+1 {{incorrect region argument type}}
    %r = gpu.all_reduce %a {
    ^bb0(%l: i32, %r: i32):
      gpu.yield %l : i32
    } : (f32) -> f32
    gpu.return
  }
}

// -----

gpu.module @kernels {
  gpu.func @k(%a: i32) kernel {
    // expected-error@+1 {{`maxnumf` reduction operation is not compatible with type 'i32'}}
    %r = gpu.subgroup_reduce maxnumf %a : (i32) -> i32
    gpu.return
  }
}

// -----

func.func @alloc() {
  // expected-error@+1 {{'gpu.alloc' op incorrect number of dynamic sizes, has 0, expected 1}}
  %m = gpu.alloc () : memref<?xf32, 1>
  return
}

// -----

func.func @memcpy(%a: memref<3xf32>, %b: memref<3xi32, 1>) {
  // expected-error@+1 {{'gpu.memcpy' op arguments have incompatible element type}}
  gpu.memcpy %a, %b : memref<3xf32>, memref<3xi32, 1>
  return
}

// -----

func.func @bad_dimension() {
  // expected-error@+1 {{[x, y, z]}}
  %t = gpu.thread_id w
  return
}
