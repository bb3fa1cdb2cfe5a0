// RUN: dialir-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

func.func @f(%m: memref<4x4xf32>, %i: index) {
  // expected-error@+1 {{'memref.load' op incorrect number of indices for load, expected 2 but got 1}}
  %0 = memref.load %m[%i] : memref<4x4xf32>
  return
}

// -----

func.func @f(%m: memref<4x4xf32>, %v: f32, %i: index) {
  // expected-error@+1 {{'memref.store' op store index operand count not equal to memref rank}}
  memref.store %v, %m[%i] : memref<4x4xf32>
  return
}

// -----

func.func @f(%d: index) {
  // expected-error@+1 {{'memref.alloc' op dimension operand count does not equal memref dynamic dimension count}}
  %0 = memref.alloc(%d) : memref<4xf32>
  return
}

// -----

func.func @f() {
  // expected-error@+1 {{'memref.alloc' op symbol operand count does not equal memref symbol count: expected 1, got 0}}
  %0 = memref.alloc() : memref<4xf32, affine_map<(d0)[s0] -> (d0 + s0)>>
  return
}

// -----

"test.op"() ({
  // expected-error@+1 {{'memref.alloca' op requires an ancestor op with AutomaticAllocationScope trait}}
  %0 = memref.alloca() : memref<4xf32>
}) : () -> ()

// -----

func.func @f(%x: f32) {
  // expected-error@+1 {{'memref.dealloc' op operand #0 must be ranked or unranked memref of any type values, but got 'f32'}}
  "memref.dealloc"(%x) : (f32) -> ()
  return
}

// -----

func.func @f(%m: memref<4xf32>) {
  // expected-error@+1 {{operand type 'memref<4xf32>' and result type 'memref<5xf32>' are cast incompatible}}
  %0 = memref.cast %m : memref<4xf32> to memref<5xf32>
  return
}

// -----

func.func @f(%m: memref<8x8xf32>) {
  // expected-error@+1 {{expected 2 offset values, got 1}}
  %0 = "memref.subview"(%m) <{static_offsets = array<i64: 0>, static_sizes = array<i64: 4, 4>, static_strides = array<i64: 1, 1>, operandSegmentSizes = array<i32: 1, 0, 0, 0>}> : (memref<8x8xf32>) -> memref<4x4xf32, strided<[8, 1]>>
  return
}

// -----

func.func @f(%m: memref<8x8xf32>) {
  // expected-error@+1 {{expected 1 dynamic offset values}}
  %0 = "memref.subview"(%m) <{static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 4, 4>, static_strides = array<i64: 1, 1>, operandSegmentSizes = array<i32: 1, 0, 0, 0>}> : (memref<8x8xf32>) -> memref<4x4xf32, strided<[8, 1], offset: ?>>
  return
}

// -----

// expected-error@+1 {{'memref.global' op initial value expected to be of type 'tensor<2xf32>', but was of type 'tensor<3xf32>'}}
"memref.global"() <{sym_name = "g", type = memref<2xf32>, initial_value = dense<1.0> : tensor<3xf32>}> : () -> ()

// -----

memref.global @g : memref<2xf32> = uninitialized

func.func @f() {
  // expected-error@+1 {{'memref.get_global' op result type 'memref<3xf32>' does not match type 'memref<2xf32>' of the global memref @g}}
  %0 = memref.get_global @g : memref<3xf32>
  return
}

// -----

func.func @f() {
  // expected-error@+1 {{'memref.get_global' op 'nowhere' does not reference a valid global memref}}
  %0 = memref.get_global @nowhere : memref<3xf32>
  return
}

// -----

func.func @f(%m: memref<8x8xf32>) {
  // expected-error@+1 {{'memref.collapse_shape' op expected 1 reassociation groups, but got 2}}
  %0 = memref.collapse_shape %m [[0], [1]] : memref<8x8xf32> into memref<64xf32>
  return
}

// -----

func.func @collapse_wrong_size(%m: memref<2x3xf32>) {
  // expected-error@+1 {{expected dimension 0 of collapsed type to be static value of 6}}
  %c = memref.collapse_shape %m [[0, 1]] : memref<2x3xf32> into memref<4xf32>
  return
}

// -----

func.func @expand_wrong_shape(%m: memref<6xf32>) {
  // expected-error@+1 {{invalid output shape provided at pos 0}}
  %e = memref.expand_shape %m [[0, 1]] output_shape [3, 3] : memref<6xf32> into memref<2x3xf32>
  return
}

// -----

func.func @reinterpret_wrong_size(%m: memref<4xf32>) {
  // expected-error@+1 {{expected result type with size = 6 instead of 4 in dim = 0}}
  %r = memref.reinterpret_cast %m to offset: [0], sizes: [6], strides: [1] : memref<4xf32> to memref<4xf32>
  return
}

// -----

func.func @view_layout_result(%buf: memref<2048xi8>, %c0: index) {
  // expected-error@+1 {{unsupported map for result memref type 'memref<4x4xf32, strided<[4, 1], offset: 4>>'}}
  %v = memref.view %buf[%c0][] : memref<2048xi8> to memref<4x4xf32, strided<[4, 1], offset: 4>>
  return
}

// -----

func.func @view_layout_base(%buf: memref<2048xi8, strided<[1], offset: 4>>, %c0: index) {
  // expected-error@+1 {{unsupported map for base memref type 'memref<2048xi8, strided<[1], offset: 4>>'}}
  %v = memref.view %buf[%c0][] : memref<2048xi8, strided<[1], offset: 4>> to memref<4x4xf32>
  return
}

// -----

func.func @view_sizes(%buf: memref<2048xi8>, %c0: index, %n: index) {
  // expected-error@+1 {{'memref.view' op incorrect number of dynamic sizes, has 1, expected 0}}
  %v = "memref.view"(%buf, %c0, %n) : (memref<2048xi8>, index, index) -> memref<4x4xf32>
  return
}

// -----

func.func @view_source(%buf: memref<2048xf32>, %c0: index) {
  // expected-error@+1 {{'memref.view' op operand #0 must be 1D memref of 8-bit signless integer values, but got 'memref<2048xf32>'}}
  %v = "memref.view"(%buf, %c0) : (memref<2048xf32>, index) -> memref<4x4xf32>
  return
}

// -----

func.func @view_memory_space(%buf: memref<2048xi8>, %c0: index) {
  // expected-error@+1 {{different memory spaces specified for base memref type 'memref<2048xi8>' and view memref type 'memref<4x4xf32, 1>'}}
  %v = memref.view %buf[%c0][] : memref<2048xi8> to memref<4x4xf32, 1>
  return
}
