// RUN: dialir-opt %s --pass-pipeline="builtin.module(test-memref-dependence-check)" --split-input-file --verify-diagnostics
// RUN: dialir-opt %s --pass-pipeline="builtin.module(test-affine-dependence-check)" --split-input-file --verify-diagnostics

// Cases adapted from MLIR's test/Transforms/memref-dependence-check.mlir; the distances agree
// with MLIR's except @mod_deps, where the store-to-store range is exact here ([2, 8]; MLIR:
// [2, 9]).


#set0 = affine_set<(d0) : (1 == 0)>

func.func @store_may_execute_before_load() {
  %m = memref.alloc() : memref<10xf32>
  %cf7 = arith.constant 7.0 : f32
  %c0 = arith.constant 4 : index
  affine.if #set0(%c0) {
    affine.for %i0 = 0 to 10 {
      affine.store %cf7, %m[%i0] : memref<10xf32>
      // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
      // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
      // expected-remark@-3 {{dependence from 0 to 1 at depth 1 = false}}
    }
  }
  affine.for %i1 = 0 to 10 {
    %v0 = affine.load %m[%i1] : memref<10xf32>
    // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 1 to 1 at depth 1 = false}}
    // expected-remark@-3 {{dependence from 1 to 1 at depth 2 = false}}
  }
  return
}

// -----

func.func @dependent_loops() {
  %0 = memref.alloc() : memref<10xf32>
  %cst = arith.constant 7.000000e+00 : f32
  affine.for %i0 = 0 to 10 {
    affine.store %cst, %0[%i0] : memref<10xf32>
    // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 0 to 1 at depth 1 = true}}
  }
  affine.for %i1 = 0 to 10 {
    %1 = affine.load %0[%i1] : memref<10xf32>
    // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 1 to 1 at depth 1 = false}}
    // expected-remark@-3 {{dependence from 1 to 1 at depth 2 = false}}
  }
  return
}

// -----

func.func @different_memrefs() {
  %m.a = memref.alloc() : memref<100xf32>
  %m.b = memref.alloc() : memref<100xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1.0 : f32
  affine.store %c1, %m.a[%c0] : memref<100xf32>
  // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
  // expected-remark@-2 {{dependence from 0 to 1 at depth 1 = false}}
  %v0 = affine.load %m.b[%c0] : memref<100xf32>
  // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
  // expected-remark@-2 {{dependence from 1 to 1 at depth 1 = false}}
  return
}

// -----

func.func @store_load_different_symbols(%arg0: index, %arg1: index) {
  %m = memref.alloc() : memref<100xf32>
  %c7 = arith.constant 7.0 : f32
  affine.store %c7, %m[%arg0] : memref<100xf32>
  // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
  // expected-remark@-2 {{dependence from 0 to 1 at depth 1 = true}}
  %v0 = affine.load %m[%arg1] : memref<100xf32>
  // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
  // expected-remark@-2 {{dependence from 1 to 1 at depth 1 = false}}
  return
}

// -----

func.func @store_load_affine_apply_symbol_offset(%arg0: index) {
  %m = memref.alloc() : memref<100xf32>
  %c7 = arith.constant 7.0 : f32
  %a0 = affine.apply affine_map<(d0) -> (d0)> (%arg0)
  affine.store %c7, %m[%a0] : memref<100xf32>
  // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
  // expected-remark@-2 {{dependence from 0 to 1 at depth 1 = false}}
  %a1 = affine.apply affine_map<(d0) -> (d0 + 1)> (%arg0)
  %v0 = affine.load %m[%a1] : memref<100xf32>
  // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
  // expected-remark@-2 {{dependence from 1 to 1 at depth 1 = false}}
  return
}

// -----

func.func @store_load_func_symbol(%arg0: index, %arg1: index) {
  %m = memref.alloc() : memref<100xf32>
  %c7 = arith.constant 7.0 : f32
  %c10 = arith.constant 10 : index
  affine.for %i0 = 0 to %arg1 {
    %a0 = affine.apply affine_map<(d0) -> (d0)> (%arg0)
    affine.store %c7, %m[%a0] : memref<100xf32>
    // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = [1, +inf]}}
    // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 0 to 1 at depth 1 = [1, +inf]}}
    // expected-remark@-4 {{dependence from 0 to 1 at depth 2 = true}}
    %a1 = affine.apply affine_map<(d0) -> (d0)> (%arg0)
    %v0 = affine.load %m[%a1] : memref<100xf32>
    // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = [1, +inf]}}
    // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 1 to 1 at depth 1 = false}}
    // expected-remark@-4 {{dependence from 1 to 1 at depth 2 = false}}
  }
  return
}

// -----

func.func @store_range_load_last_in_range() {
  %m = memref.alloc() : memref<100xf32>
  %c7 = arith.constant 7.0 : f32
  %c10 = arith.constant 10 : index
  affine.for %i0 = 0 to 10 {
    %a0 = affine.apply affine_map<(d0) -> (d0)> (%i0)
    affine.store %c7, %m[%a0] : memref<100xf32>
    // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 0 to 1 at depth 1 = false}}
    // expected-remark@-4 {{dependence from 0 to 1 at depth 2 = true}}
    %a1 = affine.apply affine_map<(d0) -> (d0 - 1)> (%c10)
    %v0 = affine.load %m[%a1] : memref<100xf32>
    // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = [1, 9]}}
    // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 1 to 1 at depth 1 = false}}
    // expected-remark@-4 {{dependence from 1 to 1 at depth 2 = false}}
  }
  return
}

// -----

func.func @store_range_load_first_in_range() {
  %m = memref.alloc() : memref<100xf32>
  %c7 = arith.constant 7.0 : f32
  %c0 = arith.constant 0 : index
  affine.for %i0 = 1 to 11 {
    %a0 = affine.apply affine_map<(d0) -> (d0)> (%i0)
    affine.store %c7, %m[%a0] : memref<100xf32>
    // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 0 to 1 at depth 1 = [1, 9]}}
    // expected-remark@-4 {{dependence from 0 to 1 at depth 2 = true}}
    %a1 = affine.apply affine_map<(d0) -> (d0 + 1)> (%c0)
    %v0 = affine.load %m[%a1] : memref<100xf32>
    // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 1 to 1 at depth 1 = false}}
    // expected-remark@-4 {{dependence from 1 to 1 at depth 2 = false}}
  }
  return
}

// -----

func.func @store_plus_3() {
  %m = memref.alloc() : memref<100xf32>
  %c7 = arith.constant 7.0 : f32
  affine.for %i0 = 1 to 11 {
    %a0 = affine.apply affine_map<(d0) -> (d0 + 3)> (%i0)
    affine.store %c7, %m[%a0] : memref<100xf32>
    // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 0 to 1 at depth 1 = [3, 3]}}
    // expected-remark@-4 {{dependence from 0 to 1 at depth 2 = false}}
    %a1 = affine.apply affine_map<(d0) -> (d0)> (%i0)
    %v0 = affine.load %m[%a1] : memref<100xf32>
    // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 1 to 1 at depth 1 = false}}
    // expected-remark@-4 {{dependence from 1 to 1 at depth 2 = false}}
  }
  return
}

// -----

func.func @perfectly_nested_loops_loop_carried_at_depth2() {
  %m = memref.alloc() : memref<10x10xf32>
  %c7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    affine.for %i1 = 0 to 10 {
      affine.store %c7, %m[%i0, %i1] : memref<10x10xf32>
      // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
      // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
      // expected-remark@-3 {{dependence from 0 to 0 at depth 3 = false}}
      // expected-remark@-4 {{dependence from 0 to 1 at depth 1 = false}}
      // expected-remark@-5 {{dependence from 0 to 1 at depth 2 = [0, 0][3, 3]}}
      // expected-remark@-6 {{dependence from 0 to 1 at depth 3 = false}}
      %v0 = affine.load %m[%i0, %i1 - 3] : memref<10x10xf32>
      // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
      // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
      // expected-remark@-3 {{dependence from 1 to 0 at depth 3 = false}}
      // expected-remark@-4 {{dependence from 1 to 1 at depth 1 = false}}
      // expected-remark@-5 {{dependence from 1 to 1 at depth 2 = false}}
      // expected-remark@-6 {{dependence from 1 to 1 at depth 3 = false}}
    }
  }
  return
}

// -----

func.func @one_common_loop() {
  %m = memref.alloc() : memref<10x10xf32>
  %c7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    affine.for %i1 = 0 to 10 {
      affine.store %c7, %m[%i0, %i1] : memref<10x10xf32>
      // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
      // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
      // expected-remark@-3 {{dependence from 0 to 0 at depth 3 = false}}
      // expected-remark@-4 {{dependence from 0 to 1 at depth 1 = false}}
      // expected-remark@-5 {{dependence from 0 to 1 at depth 2 = true}}
    }
    affine.for %i2 = 0 to 9 {
      %v0 = affine.load %m[%i0, %i2] : memref<10x10xf32>
      // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
      // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
      // expected-remark@-3 {{dependence from 1 to 1 at depth 1 = false}}
      // expected-remark@-4 {{dependence from 1 to 1 at depth 2 = false}}
      // expected-remark@-5 {{dependence from 1 to 1 at depth 3 = false}}
    }
  }
  return
}

// -----

func.func @negative_and_positive_direction_vectors(%arg0: index, %arg1: index) {
  %m = memref.alloc() : memref<10x10xf32>
  %c7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to %arg0 {
    affine.for %i1 = 0 to %arg1 {
      %v0 = affine.load %m[%i0 - 1, %i1 + 1] : memref<10x10xf32>
      // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
      // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
      // expected-remark@-3 {{dependence from 0 to 0 at depth 3 = false}}
      // expected-remark@-4 {{dependence from 0 to 1 at depth 1 = false}}
      // expected-remark@-5 {{dependence from 0 to 1 at depth 2 = false}}
      // expected-remark@-6 {{dependence from 0 to 1 at depth 3 = false}}
      affine.store %c7, %m[%i0, %i1] : memref<10x10xf32>
      // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = [1, 1][-1, -1]}}
      // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
      // expected-remark@-3 {{dependence from 1 to 0 at depth 3 = false}}
      // expected-remark@-4 {{dependence from 1 to 1 at depth 1 = false}}
      // expected-remark@-5 {{dependence from 1 to 1 at depth 2 = false}}
      // expected-remark@-6 {{dependence from 1 to 1 at depth 3 = false}}
    }
  }
  return
}

// -----

func.func @war_raw_waw_deps() {
  %m = memref.alloc() : memref<100xf32>
  %c7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    affine.for %i1 = 0 to 10 {
      %v0 = affine.load %m[%i1 + 1] : memref<100xf32>
      // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
      // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
      // expected-remark@-3 {{dependence from 0 to 0 at depth 3 = false}}
      // expected-remark@-4 {{dependence from 0 to 1 at depth 1 = [1, 9][1, 1]}}
      // expected-remark@-5 {{dependence from 0 to 1 at depth 2 = [0, 0][1, 1]}}
      // expected-remark@-6 {{dependence from 0 to 1 at depth 3 = false}}
      affine.store %c7, %m[%i1] : memref<100xf32>
      // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = [1, 9][-1, -1]}}
      // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
      // expected-remark@-3 {{dependence from 1 to 0 at depth 3 = false}}
      // expected-remark@-4 {{dependence from 1 to 1 at depth 1 = [1, 9][0, 0]}}
      // expected-remark@-5 {{dependence from 1 to 1 at depth 2 = false}}
      // expected-remark@-6 {{dependence from 1 to 1 at depth 3 = false}}
    }
  }
  return
}

// -----

func.func @mod_deps() {
  %m = memref.alloc() : memref<100xf32>
  %c7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    %a0 = affine.apply affine_map<(d0) -> (d0 mod 2)> (%i0)
    %v0 = affine.load %m[%a0] : memref<100xf32>
    // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 0 to 1 at depth 1 = [1, 9]}}
    // expected-remark@-4 {{dependence from 0 to 1 at depth 2 = false}}
    %a1 = affine.apply affine_map<(d0) -> ((d0 + 1) mod 2)> (%i0)
    affine.store %c7, %m[%a1] : memref<100xf32>
    // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = [1, 9]}}
    // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 1 to 1 at depth 1 = [2, 8]}}
    // expected-remark@-4 {{dependence from 1 to 1 at depth 2 = false}}
  }
  return
}

// -----

func.func @strided_no_overlap() {
  %m = memref.alloc() : memref<100xf32>
  %c7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    affine.store %c7, %m[2 * %i0] : memref<100xf32>
    // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 0 to 1 at depth 1 = false}}
    // expected-remark@-4 {{dependence from 0 to 1 at depth 2 = false}}
    %v0 = affine.load %m[2 * %i0 + 1] : memref<100xf32>
    // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 1 to 1 at depth 1 = false}}
    // expected-remark@-4 {{dependence from 1 to 1 at depth 2 = false}}
  }
  return
}

// -----

func.func @memref_ops_and_step(%n: index) {
  %m = memref.alloc() : memref<100xf32>
  %c7 = arith.constant 7.0 : f32
  %c1 = arith.constant 1 : index
  affine.for %i0 = 0 to 20 step 4 {
    %j = arith.addi %i0, %c1 : index
    memref.store %c7, %m[%j] : memref<100xf32>
    // expected-remark@-1 {{dependence from 0 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 0 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 0 to 1 at depth 1 = false}}
    // expected-remark@-4 {{dependence from 0 to 1 at depth 2 = false}}
    %v0 = memref.load %m[%i0] : memref<100xf32>
    // expected-remark@-1 {{dependence from 1 to 0 at depth 1 = false}}
    // expected-remark@-2 {{dependence from 1 to 0 at depth 2 = false}}
    // expected-remark@-3 {{dependence from 1 to 1 at depth 1 = false}}
    // expected-remark@-4 {{dependence from 1 to 1 at depth 2 = false}}
  }
  return
}
