// RUN: dialir-opt %s --allow-unregistered-dialect | dialir-opt --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s

// CHECK: memref.global "private" constant @g : memref<2xf32> = dense<[1.000000e+00, 2.000000e+00]>
// CHECK: memref.global @x : memref<4xi32> = uninitialized
// CHECK: memref.global @y : memref<4xi32> {alignment = 64 : i64}
memref.global "private" constant @g : memref<2xf32> = dense<[1.0, 2.0]>
memref.global @x : memref<4xi32> = uninitialized
memref.global @y : memref<4xi32> {alignment = 64}

// CHECK-LABEL: func.func @alloc(%d: index, %s: index) {
// CHECK-NEXT:    %a = memref.alloc(%d) : memref<?xf32>
// CHECK-NEXT:    %b = memref.alloca(%d)[%s] {alignment = 64 : i64} : memref<?xf32, #map>
// CHECK-NEXT:    %c = memref.alloc() : memref<8x8xf32>
// CHECK-NEXT:    memref.dealloc %a : memref<?xf32>
func.func @alloc(%d: index, %s: index) {
  %a = memref.alloc(%d) : memref<?xf32>
  %b = memref.alloca(%d)[%s] {alignment = 64} : memref<?xf32, affine_map<(d0)[s0] -> (d0 + s0)>>
  %c = memref.alloc() : memref<8x8xf32>
  memref.dealloc %a : memref<?xf32>
  return
}

// CHECK-LABEL: func.func @access(%m: memref<4x4xf32>, %v: memref<4xf32>, %i: index, %j: index) {
// CHECK-NEXT:    %0 = memref.load %m[%i, %j] : memref<4x4xf32>
// CHECK-NEXT:    %1 = memref.load %m[%i, %j] {nontemporal = true} : memref<4x4xf32>
// CHECK-NEXT:    memref.store %0, %v[%i] : memref<4xf32>
// CHECK-NEXT:    memref.store %1, %v[%j] {nontemporal = true} : memref<4xf32>
// CHECK-NEXT:    %2 = memref.dim %m, %i : memref<4x4xf32>
// CHECK-NEXT:    memref.copy %v, %v : memref<4xf32> to memref<4xf32>
// CHECK-NEXT:    %3 = memref.atomic_rmw addf %0, %m[%i, %j] : (f32, memref<4x4xf32>) -> f32
func.func @access(%m: memref<4x4xf32>, %v: memref<4xf32>, %i: index, %j: index) {
  %0 = memref.load %m[%i, %j] : memref<4x4xf32>
  %1 = memref.load %m[%i, %j] {nontemporal = true} : memref<4x4xf32>
  memref.store %0, %v[%i] : memref<4xf32>
  memref.store %1, %v[%j] {nontemporal = true} : memref<4xf32>
  %2 = memref.dim %m, %i : memref<4x4xf32>
  memref.copy %v, %v : memref<4xf32> to memref<4xf32>
  %3 = memref.atomic_rmw addf %0, %m[%i, %j] : (f32, memref<4x4xf32>) -> f32
  return
}

// CHECK-LABEL: func.func @views(%m: memref<8x8xf32>, %o: index, %d: index, %buf: memref<2048xi8>) {
// CHECK-NEXT:    %sv = memref.subview %m[%o, 0] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1], offset: ?>>
// CHECK-NEXT:    %ca = memref.cast %m : memref<8x8xf32> to memref<?x8xf32>
// CHECK-NEXT:    %u = memref.cast %m : memref<8x8xf32> to memref<*xf32>
// CHECK-NEXT:    %r = memref.rank %u : memref<*xf32>
// CHECK-NEXT:    %cs = memref.collapse_shape %m {{\[\[}}0, 1]] : memref<8x8xf32> into memref<64xf32>
// CHECK-NEXT:    %es = memref.expand_shape %cs {{\[\[}}0, 1]] output_shape [%d, 8] : memref<64xf32> into memref<?x8xf32>
// CHECK-NEXT:    %rc = memref.reinterpret_cast %cs to offset: [0], sizes: [2, %d], strides: [%o, 1] : memref<64xf32> to memref<2x?xf32, strided<[?, 1]>>
// CHECK-NEXT:    %gg = memref.get_global @g : memref<2xf32>
// CHECK-NEXT:    %vw = memref.view %buf[%o][%d] : memref<2048xi8> to memref<?x4xf32>
func.func @views(%m: memref<8x8xf32>, %o: index, %d: index, %buf: memref<2048xi8>) {
  %sv = memref.subview %m[%o, 0] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1], offset: ?>>
  %ca = memref.cast %m : memref<8x8xf32> to memref<?x8xf32>
  %u = memref.cast %m : memref<8x8xf32> to memref<*xf32>
  %r = memref.rank %u : memref<*xf32>
  %cs = memref.collapse_shape %m [[0, 1]] : memref<8x8xf32> into memref<64xf32>
  %es = memref.expand_shape %cs [[0, 1]] output_shape [%d, 8] : memref<64xf32> into memref<?x8xf32>
  %rc = memref.reinterpret_cast %cs to offset: [0], sizes: [2, %d], strides: [%o, 1] : memref<64xf32> to memref<2x?xf32, strided<[?, 1]>>
  %gg = memref.get_global @g : memref<2xf32>
  %vw = memref.view %buf[%o][%d] : memref<2048xi8> to memref<?x4xf32>
  return
}
