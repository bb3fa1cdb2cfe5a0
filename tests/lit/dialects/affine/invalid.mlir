// RUN: dialir-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// Verifier and parser errors of the affine ops. The messages are MLIR's: this file also
// passes `mlir-opt --verify-diagnostics` (checked with iree-opt).

func.func @apply_operand_non_index(%arg0 : i32) {
  // expected-error@+1 {{'affine.apply' op operand #0 must be variadic of index, but got 'i32'}}
  %0 = "affine.apply"(%arg0) {map = affine_map<(d0) -> (d0)>} : (i32) -> (index)
  return
}

// -----

func.func @apply_result_non_index(%arg0 : index) {
  // expected-error@+1 {{'affine.apply' op result #0 must be index, but got 'i32'}}
  %0 = "affine.apply"(%arg0) {map = affine_map<(d0) -> (d0)>} : (index) -> (i32)
  return
}

// -----

func.func @apply_operand_count(%arg0 : index) {
  // expected-error@+1 {{'affine.apply' op operand count and affine map dimension and symbol count must match}}
  %0 = "affine.apply"(%arg0, %arg0) {map = affine_map<(d0) -> (d0)>} : (index, index) -> index
  return
}

// -----

func.func @apply_two_results(%arg0 : index) {
  // expected-error@+1 {{'affine.apply' op mapping must produce one value}}
  %0 = "affine.apply"(%arg0) {map = affine_map<(d0) -> (d0, d0)>} : (index) -> index
  return
}

// -----

func.func @apply_parse_mismatch(%arg0 : index) {
  // expected-error@+1 {{dimension or symbol index mismatch}}
  %0 = affine.apply affine_map<(d0) -> (d0)> (%arg0, %arg0)
  return
}

// -----

func.func @apply_dim_as_symbol() {
  affine.for %i = 0 to 26 {
    affine.for %j = 0 to 23 {
      // expected-error@+1 {{dimensional operand cannot be used as a symbol}}
      %0 = affine.apply affine_map<()[s0, s1] -> (s0 * 23 + s1)>()[%i, %j]
    }
  }
  return
}

// -----

#map0 = affine_map<(d0)[s0] -> (d0 + s0)>

func.func @for_lower_bound_invalid_symbol() {
  affine.for %i0 = 0 to 7 {
    // expected-error@+1 {{'affine.for' op operand cannot be used as a symbol}}
    affine.for %n0 = #map0(%i0)[%i0] to 7 {
    }
  }
  return
}

// -----

#map0 = affine_map<(d0)[s0] -> (d0 + s0)>

func.func @for_upper_bound_invalid_symbol() {
  affine.for %i0 = 0 to 7 {
    // expected-error@+1 {{'affine.for' op operand cannot be used as a symbol}}
    affine.for %n0 = 0 to #map0(%i0)[%i0] {
    }
  }
  return
}

// -----

func.func @for_shorthand_bound_not_a_symbol() {
  affine.for %i0 = 0 to 7 {
    // expected-error@+1 {{'affine.for' op operand cannot be used as a symbol}}
    affine.for %n0 = %i0 to 7 {
    }
  }
  return
}

// -----

func.func @for_invalid_dim(%arg : index) {
  affine.for %n0 = 0 to 7 {
    %dim = "test.value"() : () -> index
    // expected-error@+1 {{'affine.for' op operand cannot be used as a dimension id}}
    affine.for %n1 = 0 to affine_map<(d0) -> (d0)>(%dim) {
    }
  }
  return
}

// -----

#map = affine_map<(d0, d1) -> (d0, d1)>

func.func @for_lower_bound_needs_max(%n : index) {
  // expected-error@+1 {{lower loop bound affine map with multiple results requires 'max' prefix}}
  affine.for %i = #map(%n, %n) to 10 {
  }
  return
}

// -----

#map = affine_map<(d0, d1) -> (d0, d1)>

func.func @for_upper_bound_needs_min(%n : index) {
  // expected-error@+1 {{upper loop bound affine map with multiple results requires 'min' prefix}}
  affine.for %i = 0 to #map(%n, %n) {
  }
  return
}

// -----

func.func @for_bound_dim_count(%n : index) {
  // expected-error@+1 {{dim operand count and affine map dim count must match}}
  affine.for %i = 0 to affine_map<(d0, d1) -> (d0 + d1)>(%n) {
  }
  return
}

// -----

func.func @for_bound_symbol_count(%n : index) {
  // expected-error@+1 {{symbol operand count and affine map symbol count must match}}
  affine.for %i = 0 to affine_map<(d0)[s0] -> (d0 + s0)>(%n) {
  }
  return
}

// -----

func.func @for_negative_step() {
  // expected-error@+1 {{expected step to be representable as a positive signed integer}}
  affine.for %i = 0 to 10 step -1 {
  }
  return
}

// -----

func.func @for_zero_step() {
  // expected-error@+1 {{expected step to be representable as a positive signed integer}}
  affine.for %i = 0 to 10 step 0 {
  }
  return
}

// -----

func.func @for_step_beyond_i64() {
  // expected-error@+1 {{expected step to be representable as a positive signed integer}}
  affine.for %i = 0 to 10 step 9223372036854775808 {
  }
  return
}

// -----

func.func @parallel_step_beyond_i64() {
  // expected-error@+1 {{step 18446744073709551616 does not fit a 64-bit integer}}
  affine.parallel (%i) = (0) to (10) step (18446744073709551616) {
  }
  return
}

// -----

func.func @for_zero_step_generic() {
  // expected-error@+1 {{'affine.for' op expected step to be a positive integer, got 0}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, upperBoundMap = affine_map<() -> (10)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 0 : index}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @for_iter_args_type_count(%x : f32) {
  // expected-error@+1 {{mismatch between the number of loop-carried values and results}}
  %r = affine.for %i = 0 to 10 iter_args(%a = %x) -> (f32, f32) {
    affine.yield %a : f32
  }
  return
}

// -----

func.func @for_yield_type(%x : f32, %y : i32) {
  %r = affine.for %i = 0 to 10 iter_args(%a = %x) -> (f32) {
    // expected-error@+1 {{'affine.yield' op types mismatch between yield op and its parent}}
    affine.yield %y : i32
  }
  return
}

// -----

func.func @for_yield_count(%x : f32) {
  %r = affine.for %i = 0 to 10 iter_args(%a = %x) -> (f32) {
    // expected-error@+1 {{'affine.yield' op parent of yield must have same number of results as the yield operands}}
    affine.yield
  }
  return
}

// -----

func.func @for_no_terminator() {
  // expected-error@+2 {{'affine.for' op expects regions to end with 'affine.yield', found 'test.op'}}
  // expected-note@+1 {{in custom textual format, the absence of terminator implies 'affine.yield'}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, upperBoundMap = affine_map<() -> (10)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index}> ({
  ^bb0(%i: index):
    "test.op"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @for_iv_type() {
  // expected-error@+1 {{'affine.for' op expected body to have an index argument for the induction variable}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, upperBoundMap = affine_map<() -> (10)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index}> ({
  ^bb0(%i: i32):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @for_inits_and_args(%x: i32) {
  // expected-error@+1 {{'affine.for' op different number of inits and region iter_args: 1 != 0}}
  %0 = "affine.for"(%x) <{lowerBoundMap = affine_map<() -> (0)>, upperBoundMap = affine_map<() -> (10)>, operandSegmentSizes = array<i32: 0, 0, 1>, step = 1 : index}> ({
  ^bb0(%i: index):
    "affine.yield"(%x) : (i32) -> ()
  }) : (i32) -> i32
  return
}

// -----

func.func @for_init_type(%x: i32) {
  // expected-note@+2 {{region branch point}}
  // expected-error@+1 {{'affine.for' op along control flow edge from parent to Region #0: successor operand type #0 'i32' should match successor input type #0 'f32'}}
  %0 = "affine.for"(%x) <{lowerBoundMap = affine_map<() -> (0)>, upperBoundMap = affine_map<() -> (10)>, operandSegmentSizes = array<i32: 0, 0, 1>, step = 1 : index}> ({
  ^bb0(%i: index, %a: f32):
    "affine.yield"(%x) : (i32) -> ()
  }) : (i32) -> i32
  return
}

// -----

func.func @for_lower_bound_no_result() {
  // expected-error@+1 {{'affine.for' op expected lower bound map to have at least one result}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> ()>, upperBoundMap = affine_map<() -> (10)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @for_missing_step() {
  // expected-error@+1 {{'affine.for' op requires attribute 'step'}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, upperBoundMap = affine_map<() -> (10)>, operandSegmentSizes = array<i32: 0, 0, 0>}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

#set0 = affine_set<(i)[N] : (i >= 0, N - i >= 0)>

func.func @if_invalid_dim(%arg : index) {
  affine.for %n0 = 0 to 7 {
    %dim = "test.value"() : () -> index
    // expected-error@+1 {{'affine.if' op operand cannot be used as a dimension id}}
    affine.if #set0(%dim)[%arg] {}
  }
  return
}

// -----

#set0 = affine_set<(i)[N] : (i >= 0, N - i >= 0)>

func.func @if_pure_symbol(%arg : index) {
  affine.for %n0 = 0 to 7 {
    // A pure op on symbols is a symbol (so a dim): the induction variable is no symbol.
    %dim = arith.addi %arg, %arg : index
    // expected-error@+1 {{'affine.if' op operand cannot be used as a symbol}}
    affine.if #set0(%dim)[%n0] {}
  }
  return
}

// -----

#set0 = affine_set<(i)[N] : (i >= 0, N - i >= 0)>

func.func @if_invalid_symbol() {
  affine.for %i0 = 0 to 7 {
    // expected-error@+1 {{'affine.if' op operand cannot be used as a symbol}}
    affine.if #set0(%i0)[%i0] {}
  }
  return
}

// -----

#set0 = affine_set<(i)[N] : (i >= 0, N - i >= 0)>

func.func @if_invalid_dimop_dim(%arg0: index, %arg1: index, %arg2: index, %arg3: index) {
  affine.for %n0 = 0 to 7 {
    %0 = memref.alloc(%arg0, %arg1, %arg2, %arg3) : memref<?x?x?x?xf32>
    %c0 = arith.constant 0 : index
    %dim = memref.dim %0, %c0 : memref<?x?x?x?xf32>

    // expected-error@+1 {{'affine.if' op operand cannot be used as a symbol}}
    affine.if #set0(%dim)[%n0] {}
  }
  return
}

// -----

#set0 = affine_set<(i)[N] : (i >= 0, N - i >= 0)>

func.func @if_dim_count(%n : index) {
  // expected-error@+1 {{dim operand count and integer set dim count must match}}
  affine.if #set0(%n, %n)[%n] {}
  return
}

// -----

#set0 = affine_set<(i)[N] : (i >= 0, N - i >= 0)>

func.func @if_symbol_count(%n : index) {
  // expected-error@+1 {{symbol operand count and integer set symbol count must match}}
  affine.if #set0(%n) {}
  return
}

// -----

func.func @if_operand_count(%n : index) {
  // expected-error@+1 {{'affine.if' op operand count and condition integer set dimension and symbol count must match}}
  "affine.if"(%n, %n) <{condition = affine_set<(d0) : (d0 >= 0)>}> ({
    "affine.yield"() : () -> ()
  }, {
  }) : (index, index) -> ()
  return
}

// -----

func.func @if_yield_type(%n : index, %x : i32) {
  %0 = affine.if affine_set<(d0) : (d0 >= 0)>(%n) -> f32 {
    // expected-error@+1 {{'affine.yield' op types mismatch between yield op and its parent}}
    affine.yield %x : i32
  } else {
    affine.yield %x : i32
  }
  return
}

// -----

func.func @load_invalid_dim(%M : memref<10xi32>) {
  "unknown"() ({
  ^bb0(%arg: index):
    // expected-error@+1 {{'affine.load' op operand cannot be used as a dimension id}}
    %0 = affine.load %M[%arg] : memref<10xi32>
    cf.br ^bb1
  ^bb1:
    cf.br ^bb1
  }) : () -> ()
  return
}

// -----

func.func @load_map_results(%M : memref<10x10xi32>, %i : index) {
  // expected-error@+1 {{'affine.load' op affine map num results must equal memref rank}}
  %0 = "affine.load"(%M, %i) <{map = affine_map<(d0) -> (d0)>}> : (memref<10x10xi32>, index) -> i32
  return
}

// -----

func.func @load_subscripts(%M : memref<10xi32>, %i : index) {
  // expected-error@+1 {{'affine.load' op expects as many subscripts as affine map inputs}}
  %0 = "affine.load"(%M, %i, %i) <{map = affine_map<(d0) -> (d0)>}> : (memref<10xi32>, index, index) -> i32
  return
}

// -----

func.func @load_result_type(%M : memref<10xi32>, %i : index) {
  // expected-error@+1 {{'affine.load' op result type must match element type of memref}}
  %0 = "affine.load"(%M, %i) <{map = affine_map<(d0) -> (d0)>}> : (memref<10xi32>, index) -> f32
  return
}

// -----

func.func @store_missing_l_square(%C: memref<4096x4096xf32>) {
  %9 = arith.constant 0.0 : f32
  // expected-error@+1 {{expected '['}}
  affine.store %9, %C : memref<4096x4096xf32>
  return
}

// -----

func.func @store_value_type(%M : memref<10xi32>, %v : f32, %i : index) {
  // expected-error@+1 {{'affine.store' op value to store must have the same type as memref element type}}
  "affine.store"(%v, %M, %i) <{map = affine_map<(d0) -> (d0)>}> : (f32, memref<10xi32>, index) -> ()
  return
}

// -----

func.func @store_non_affine(%M : memref<10xi32>, %v : i32, %i : index) {
  // expected-error@+1 {{non-affine expression: at least one of the multiply operands has to be either a constant or symbolic}}
  affine.store %v, %M[%i * %i] : memref<10xi32>
  return
}

// -----

func.func @vector_load_invalid_vector_type() {
  %0 = memref.alloc() : memref<100xf32>
  affine.for %i0 = 0 to 16 step 8 {
    // expected-error@+1 {{requires memref and vector types of the same elemental type}}
    %1 = affine.vector_load %0[%i0] : memref<100xf32>, vector<8xf64>
  }
  return
}

// -----

func.func @vector_store_invalid_vector_type() {
  %0 = memref.alloc() : memref<100xf32>
  %1 = arith.constant dense<7.0> : vector<8xf64>
  affine.for %i0 = 0 to 16 step 8 {
    // expected-error@+1 {{requires memref and vector types of the same elemental type}}
    affine.vector_store %1, %0[%i0] : memref<100xf32>, vector<8xf64>
  }
  return
}

// -----

func.func @min_operand_count(%arg0 : index, %arg1 : index) {
  // expected-error@+1 {{operand count and affine map dimension and symbol count must match}}
  %0 = affine.min affine_map<(d0) -> (d0)> (%arg0, %arg1)
  return
}

// -----

func.func @min_no_results(%arg0 : index) {
  // expected-error@+1 {{'affine.min' op affine map expect at least one result}}
  %0 = "affine.min"(%arg0) <{map = affine_map<(d0) -> ()>}> : (index) -> index
  return
}

// -----

func.func @max_operand_count(%arg0 : index, %arg1 : index) {
  // expected-error@+1 {{operand count and affine map dimension and symbol count must match}}
  %0 = affine.max affine_map<()[s0] -> (s0)> (%arg0, %arg1)
  return
}

// -----

func.func @parallel_groups() {
  // expected-error@+1 {{the number of region arguments (1) and the number of map groups for lower (2) and upper bound (2), and the number of steps (2) must all match}}
  affine.parallel (%i) = (0, 0) to (100, 100) step (10, 10) {
  }
  return
}

// -----

func.func @parallel_lower_groups() {
  // expected-error@+1 {{the number of region arguments (2) and the number of map groups for lower (1) and upper bound (2), and the number of steps (2) must all match}}
  affine.parallel (%i, %j) = (0) to (100, 100) step (10, 10) {
  }
  return
}

// -----

func.func @parallel_reductions() {
  %0 = memref.alloc() : memref<100x100xf32>
  // expected-error@+1 {{a reduction must be specified for each output}}
  %1 = affine.parallel (%i, %j) = (0, 0) to (100, 100) step (10, 10) -> (f32) {
    %2 = affine.load %0[%i, %j] : memref<100x100xf32>
    affine.yield %2 : f32
  }
  return
}

// -----

func.func @parallel_bad_reduction() {
  %0 = memref.alloc() : memref<100x100xf32>
  // expected-error@+1 {{invalid reduction value: "bad"}}
  %1 = affine.parallel (%i, %j) = (0, 0) to (100, 100) step (10, 10) reduce ("bad") -> (f32) {
    %2 = affine.load %0[%i, %j] : memref<100x100xf32>
    affine.yield %2 : f32
  }
  return
}

// -----

func.func @parallel_reduction_type() {
  %0 = memref.alloc() : memref<100x100xi32>
  // expected-error@+1 {{result type cannot match reduction attribute}}
  %1 = affine.parallel (%i, %j) = (0, 0) to (100, 100) step (10, 10) reduce ("minimumf") -> (i32) {
    %2 = affine.load %0[%i, %j] : memref<100x100xi32>
    affine.yield %2 : i32
  }
  return
}

// -----

func.func @parallel_yield_type() {
  %0 = memref.alloc() : memref<100x100xi32>
  %1 = affine.parallel (%i, %j) = (0, 0) to (100, 100) step (10, 10) reduce ("minimumf") -> (f32) {
    %2 = affine.load %0[%i, %j] : memref<100x100xi32>
    // expected-error@+1 {{types mismatch between yield op and its parent}}
    affine.yield %2 : i32
  }
  return
}

// -----

func.func @parallel_steps_not_constant(%n : index) {
  // expected-error@+1 {{steps must be constant integers}}
  affine.parallel (%i) = (0) to (100) step (%n) {
  }
  return
}

// -----

func.func @parallel_invalid_symbol() {
  affine.for %i = 0 to 10 {
    // expected-error@+1 {{'affine.parallel' op operand cannot be used as a symbol}}
    affine.parallel (%j) = (0) to (symbol(%i)) {
    }
  }
  return
}

// -----

func.func @prefetch_invalid_index(%M : memref<10xi32>, %x : index) {
  %i = arith.addi %x, %x : index
  "unknown"() ({
  ^bb0(%arg: index):
    // expected-error@+1 {{'affine.prefetch' op index must be a valid dimension or symbol identifier}}
    affine.prefetch %M[%arg], read, locality<3>, data : memref<10xi32>
    "unknown.terminator"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @prefetch_map_results(%M : memref<10x10xi32>, %i : index) {
  // expected-error@+1 {{'affine.prefetch' op affine.prefetch affine map num results must equal memref rank}}
  "affine.prefetch"(%M, %i) <{isDataCache = true, isWrite = false, localityHint = 3 : i32, map = affine_map<(d0) -> (d0)>}> : (memref<10x10xi32>, index) -> ()
  return
}

// -----

func.func @yield_outside() {
  "test.region"() ({
    // expected-error@+1 {{'affine.yield' op only terminates affine.if/for/parallel regions}}
    affine.yield
  }) : () -> ()
  return
}
