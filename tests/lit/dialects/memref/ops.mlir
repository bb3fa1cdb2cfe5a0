// RUN: dialir-opt %s --allow-unregistered-dialect | dialir-opt --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s

// CHECK: memref.global "private" constant @g : memref<2xf32> = dense<[1.000000e+00, 2.000000e+00]>
// CHECK: memref.global @x : memref<4xi32> = uninitialized
// CHECK: memref.global @y : memref<4xi32> alignment = 64
memref.global "private" constant @g : memref<2xf32> = dense<[1.0, 2.0]>
memref.global @x : memref<4xi32> = uninitialized
memref.global @y : memref<4xi32> {alignment = 64}

// CHECK-LABEL: func.func @alloc(%arg0: index, %arg1: index) {
// CHECK-NEXT:    %[[A:[A-Za-z0-9_$.-]+]] = memref.alloc(%arg0) : memref<?xf32>
// CHECK-NEXT:    %[[B:[A-Za-z0-9_$.-]+]] = memref.alloca(%arg0)[%arg1] alignment = 64 : memref<?xf32, #map>
// CHECK-NEXT:    %[[C:[A-Za-z0-9_$.-]+]] = memref.alloc() : memref<8x8xf32>
// CHECK-NEXT:    memref.dealloc %[[A]] : memref<?xf32>
func.func @alloc(%d: index, %s: index) {
  %a = memref.alloc(%d) : memref<?xf32>
  %b = memref.alloca(%d)[%s] {alignment = 64} : memref<?xf32, affine_map<(d0)[s0] -> (d0 + s0)>>
  %c = memref.alloc() : memref<8x8xf32>
  memref.dealloc %a : memref<?xf32>
  return
}

// CHECK-LABEL: func.func @access(%arg0: memref<4x4xf32>, %arg1: memref<4xf32>, %arg2: index, %arg3: index) {
// CHECK-NEXT:    %[[V0:[A-Za-z0-9_$.-]+]] = memref.load %arg0[%arg2, %arg3] : memref<4x4xf32>
// CHECK-NEXT:    %[[V1:[A-Za-z0-9_$.-]+]] = memref.load %arg0[%arg2, %arg3] {nontemporal = true} : memref<4x4xf32>
// CHECK-NEXT:    memref.store %[[V0]], %arg1[%arg2] : memref<4xf32>
// CHECK-NEXT:    memref.store %[[V1]], %arg1[%arg3] {nontemporal = true} : memref<4xf32>
// CHECK-NEXT:    %[[V2:[A-Za-z0-9_$.-]+]] = memref.dim %arg0, %arg2 : memref<4x4xf32>
// CHECK-NEXT:    memref.copy %arg1, %arg1 : memref<4xf32> to memref<4xf32>
// CHECK-NEXT:    %[[V3:[A-Za-z0-9_$.-]+]] = memref.atomic_rmw addf %[[V0]], %arg0[%arg2, %arg3] : (f32, memref<4x4xf32>) -> f32
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

// CHECK-LABEL: func.func @views(%arg0: memref<8x8xf32>, %arg1: index, %arg2: index, %arg3: memref<2048xi8>) {
// CHECK-NEXT:    %[[SV:[A-Za-z0-9_$.-]+]] = memref.subview %arg0[%arg1, 0] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1], offset: ?>>
// CHECK-NEXT:    %[[CA:[A-Za-z0-9_$.-]+]] = memref.cast %arg0 : memref<8x8xf32> to memref<?x8xf32>
// CHECK-NEXT:    %[[U:[A-Za-z0-9_$.-]+]] = memref.cast %arg0 : memref<8x8xf32> to memref<*xf32>
// CHECK-NEXT:    %[[R:[A-Za-z0-9_$.-]+]] = memref.rank %[[U]] : memref<*xf32>
// CHECK-NEXT:    %[[CS:[A-Za-z0-9_$.-]+]] = memref.collapse_shape %arg0 {{\[\[}}0, 1]] : memref<8x8xf32> into memref<64xf32>
// CHECK-NEXT:    %[[ES:[A-Za-z0-9_$.-]+]] = memref.expand_shape %[[CS]] {{\[\[}}0, 1]] output_shape [%arg2, 8] : memref<64xf32> into memref<?x8xf32>
// CHECK-NEXT:    %[[RC:[A-Za-z0-9_$.-]+]] = memref.reinterpret_cast %[[CS]] to offset: [0], sizes: [2, %arg2], strides: [%arg1, 1] : memref<64xf32> to memref<2x?xf32, strided<[?, 1]>>
// CHECK-NEXT:    %[[GG:[A-Za-z0-9_$.-]+]] = memref.get_global @g : memref<2xf32>
// CHECK-NEXT:    %[[VW:[A-Za-z0-9_$.-]+]] = memref.view %arg3[%arg1][%arg2] : memref<2048xi8> to memref<?x4xf32>
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
