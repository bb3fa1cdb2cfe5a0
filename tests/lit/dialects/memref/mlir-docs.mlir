// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --split-input-file --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s

// Acceptance tests for the `memref` dialect: the examples of MLIR's own documentation
// (https://mlir.llvm.org/docs/Dialects/MemRef/), each made a self-contained, verifiable
// module. Example lines are copied as written; their operands are function arguments
// named as on the page, or `"test.source"` ops. Where one example block defines a value
// twice, or uses one name with two types, it is split into several chunks. The checks
// hold what `mlir-opt` prints: names are renumbered (hence `%[[X:.*]]`), types lose
// their spaces, identity layouts and `offset: 0` are dropped, affine-map layouts are
// printed through `#map` aliases at the top of the module (those alias checks come just
// before the chunk's CHECK-LABEL, because the alias is printed before the function).

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefalloc-memrefallocop
func.func @alloc() {
  %0 = memref.alloc() : memref<8x64xf32, 1>
  "test.sink"(%0) : (memref<8x64xf32, 1>) -> ()
  return
}

// CHECK-LABEL: func.func @alloc() {
// CHECK: %[[M:.*]] = memref.alloc() : memref<8x64xf32, 1>
// CHECK: "test.sink"(%[[M]]) : (memref<8x64xf32, 1>) -> ()

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefalloc-memrefallocop
func.func @alloc_dynamic(%d: index) {
  %0 = memref.alloc(%d) : memref<8x?xf32, 1>
  "test.sink"(%0) : (memref<8x?xf32, 1>) -> ()
  return
}

// CHECK-LABEL: func.func @alloc_dynamic(
// CHECK-SAME: %[[D:.*]]: index) {
// CHECK: %[[M:.*]] = memref.alloc(%[[D]]) : memref<8x?xf32, 1>
// CHECK: "test.sink"(%[[M]]) : (memref<8x?xf32, 1>) -> ()

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefalloc-memrefallocop
func.func @alloc_symbol(%s: index) {
  %0 = memref.alloc()[%s] : memref<8x64xf32,
                            affine_map<(d0, d1)[s0] -> ((d0 + s0), d1)>, 1>
  return
}

// CHECK: #[[MAP:.*]] = affine_map<(d0, d1)[s0] -> (d0 + s0, d1)>
// CHECK-LABEL: func.func @alloc_symbol(
// CHECK-SAME: %[[S:.*]]: index) {
// CHECK: memref.alloc()[%[[S]]] : memref<8x64xf32, #[[MAP]], 1>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefalloc-memrefallocop
func.func @alloc_alignment(%s: index) {
  %0 = memref.alloc()[%s] {alignment = 8} :
    memref<8x64xf32, affine_map<(d0, d1)[s0] -> ((d0 + s0), d1)>, 1>
  return
}

// CHECK: #[[MAP:.*]] = affine_map<(d0, d1)[s0] -> (d0 + s0, d1)>
// CHECK-LABEL: func.func @alloc_alignment(
// CHECK-SAME: %[[S:.*]]: index) {
// CHECK: memref.alloc()[%[[S]]] alignment = 8 : memref<8x64xf32, #[[MAP]], 1>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefalloca-memrefallocaop
func.func @alloca(%d: index) {
  %0 = memref.alloca() : memref<8x64xf32>
  %1 = memref.alloca(%d) : memref<8x?xf32>
  "test.sink"(%0, %1) : (memref<8x64xf32>, memref<8x?xf32>) -> ()
  return
}

// CHECK-LABEL: func.func @alloca(
// CHECK-SAME: %[[D:.*]]: index) {
// CHECK: %[[A:.*]] = memref.alloca() : memref<8x64xf32>
// CHECK: %[[B:.*]] = memref.alloca(%[[D]]) : memref<8x?xf32>
// CHECK: "test.sink"(%[[A]], %[[B]]) : (memref<8x64xf32>, memref<8x?xf32>) -> ()

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefalloca-memrefallocaop
func.func @alloca_symbol(%s: index) {
  %0 = memref.alloca()[%s] : memref<8x64xf32,
                             affine_map<(d0, d1)[s0] -> ((d0 + s0), d1)>>
  return
}

// CHECK: #[[MAP:.*]] = affine_map<(d0, d1)[s0] -> (d0 + s0, d1)>
// CHECK-LABEL: func.func @alloca_symbol(
// CHECK-SAME: %[[S:.*]]: index) {
// CHECK: memref.alloca()[%[[S]]] : memref<8x64xf32, #[[MAP]]>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefdealloc-memrefdeallocop
// (doc typo fixed: the page writes `affine_map<(d0, d1) -> (d0, d1), 1>`, with the memory
// space inside the map; it belongs to the memref type. The identity layout is dropped
// by the printer.)
func.func @dealloc() {
  %0 = memref.alloc() : memref<8x64xf32, affine_map<(d0, d1) -> (d0, d1)>, 1>
  memref.dealloc %0 : memref<8x64xf32,  affine_map<(d0, d1) -> (d0, d1)>, 1>
  return
}

// CHECK-LABEL: func.func @dealloc() {
// CHECK: %[[M:.*]] = memref.alloc() : memref<8x64xf32, 1>
// CHECK: memref.dealloc %[[M]] : memref<8x64xf32, 1>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefload-memrefloadop
// (adapted: the page leaves `#layout` and `memspace0` open; a strided layout and memory
// space 1 stand in for them)
#layout = strided<[?, 1], offset: ?>
func.func @load(%A: memref<8x?xi32, #layout, 1>, %a: index, %b: index) -> i32 {
  %0 = memref.load %A[%a, %b] : memref<8x?xi32, #layout, 1>
  return %0 : i32
}

// CHECK-LABEL: func.func @load(
// CHECK-SAME: %[[M:.*]]: memref<8x?xi32, strided<[?, 1], offset: ?>, 1>, %[[I:.*]]: index, %[[J:.*]]: index) -> i32 {
// CHECK: %[[V:.*]] = memref.load %[[M]][%[[I]], %[[J]]] : memref<8x?xi32, strided<[?, 1], offset: ?>, 1>
// CHECK: return %[[V]] : i32

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefstore-memrefstoreop
// (adapted: the page leaves `#layout` and `memspace0` open; a strided layout and memory
// space 1 stand in for them)
#layout = strided<[?, 1], offset: ?>
func.func @store(%val: i32, %A: memref<8x?xi32, #layout, 1>, %a: index, %b: index) {
  memref.store %val, %A[%a, %b] : memref<8x?xi32, #layout, 1>
  return
}

// CHECK-LABEL: func.func @store(
// CHECK-SAME: %[[V:.*]]: i32, %[[M:.*]]: memref<8x?xi32, strided<[?, 1], offset: ?>, 1>, %[[I:.*]]: index, %[[J:.*]]: index) {
// CHECK: memref.store %[[V]], %[[M]][%[[I]], %[[J]]] : memref<8x?xi32, strided<[?, 1], offset: ?>, 1>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefcopy-memrefcopyop
func.func @copy(%arg0: memref<?xf32>, %arg1: memref<?xf32>) {
  memref.copy %arg0, %arg1 : memref<?xf32> to memref<?xf32>
  return
}

// CHECK-LABEL: func.func @copy(
// CHECK-SAME: %[[A:.*]]: memref<?xf32>, %[[B:.*]]: memref<?xf32>) {
// CHECK: memref.copy %[[A]], %[[B]] : memref<?xf32> to memref<?xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefdim-memrefdimop
func.func @dim(%A: memref<4x?xf32>) -> (index, index) {
  // Always returns 4, can be constant folded:
  %c0 = arith.constant 0 : index
  %x = memref.dim %A, %c0 : memref<4 x ? x f32>

  // Returns the dynamic dimension of %A.
  %c1 = arith.constant 1 : index
  %y = memref.dim %A, %c1 : memref<4 x ? x f32>
  return %x, %y : index, index
}

// CHECK-LABEL: func.func @dim(
// CHECK-SAME: %[[A:.*]]: memref<4x?xf32>) -> (index, index) {
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[X:.*]] = memref.dim %[[A]], %[[C0]] : memref<4x?xf32>
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[Y:.*]] = memref.dim %[[A]], %[[C1]] : memref<4x?xf32>
// CHECK: return %[[X]], %[[Y]] : index, index

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefdim-memrefdimop
// (the "equivalent generic form" of the example above; it prints in the custom form)
func.func @dim_generic(%A: memref<4x?xf32>) -> (index, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %x = "memref.dim"(%A, %c0) : (memref<4 x ? x f32>, index) -> index
  %y = "memref.dim"(%A, %c1) : (memref<4 x ? x f32>, index) -> index
  return %x, %y : index, index
}

// CHECK-LABEL: func.func @dim_generic(
// CHECK-SAME: %[[A:.*]]: memref<4x?xf32>) -> (index, index) {
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[X:.*]] = memref.dim %[[A]], %[[C0]] : memref<4x?xf32>
// CHECK: %[[Y:.*]] = memref.dim %[[A]], %[[C1]] : memref<4x?xf32>
// CHECK: return %[[X]], %[[Y]] : index, index

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefcast-memrefcastop
func.func @cast_to_static(%1: memref<?x?xf32>) -> memref<4x4xf32> {
  // Assert that the input dynamic shape matches the destination static shape.
  %2 = memref.cast %1 : memref<?x?xf32> to memref<4x4xf32>
  return %2 : memref<4x4xf32>
}

// CHECK-LABEL: func.func @cast_to_static(
// CHECK-SAME: %[[S:.*]]: memref<?x?xf32>) -> memref<4x4xf32> {
// CHECK: %[[C:.*]] = memref.cast %[[S]] : memref<?x?xf32> to memref<4x4xf32>
// CHECK: return %[[C]] : memref<4x4xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefcast-memrefcastop
func.func @cast_to_dynamic(%1: memref<4xf32>) -> memref<?xf32> {
  // Erase static shape information, replacing it with dynamic information.
  %3 = memref.cast %1 : memref<4xf32> to memref<?xf32>
  return %3 : memref<?xf32>
}

// CHECK-LABEL: func.func @cast_to_dynamic(
// CHECK-SAME: %[[S:.*]]: memref<4xf32>) -> memref<?xf32> {
// CHECK: %[[C:.*]] = memref.cast %[[S]] : memref<4xf32> to memref<?xf32>
// CHECK: return %[[C]] : memref<?xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefcast-memrefcastop
func.func @cast_to_static_strides(%1: memref<12x4xf32, strided<[?, ?], offset: ?>>) {
  // Assert that the input dynamic shape matches the destination static stride.
  %4 = memref.cast %1 : memref<12x4xf32, strided<[?, ?], offset: ?>> to
                        memref<12x4xf32, strided<[4, 1], offset: 5>>
  return
}

// CHECK-LABEL: func.func @cast_to_static_strides(
// CHECK-SAME: %[[S:.*]]: memref<12x4xf32, strided<[?, ?], offset: ?>>) {
// CHECK: memref.cast %[[S]] : memref<12x4xf32, strided<[?, ?], offset: ?>> to memref<12x4xf32, strided<[4, 1], offset: 5>>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefcast-memrefcastop
func.func @cast_to_dynamic_strides(%1: memref<12x4xf32, strided<[4, 1], offset: 5>>) {
  // Erase static offset and stride information, replacing it with
  // dynamic information.
  %5 = memref.cast %1 : memref<12x4xf32, strided<[4, 1], offset: 5>> to
                        memref<12x4xf32, strided<[?, ?], offset: ?>>
  return
}

// CHECK-LABEL: func.func @cast_to_dynamic_strides(
// CHECK-SAME: %[[S:.*]]: memref<12x4xf32, strided<[4, 1], offset: 5>>) {
// CHECK: memref.cast %[[S]] : memref<12x4xf32, strided<[4, 1], offset: 5>> to memref<12x4xf32, strided<[?, ?], offset: ?>>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefcast-memrefcastop
func.func @cast_from_unranked(%1: memref<*xf32>) -> memref<4x?xf32> {
  // Cast to concrete shape.
  %4 = memref.cast %1 : memref<*xf32> to memref<4x?xf32>
  return %4 : memref<4x?xf32>
}

// CHECK-LABEL: func.func @cast_from_unranked(
// CHECK-SAME: %[[S:.*]]: memref<*xf32>) -> memref<4x?xf32> {
// CHECK: %[[C:.*]] = memref.cast %[[S]] : memref<*xf32> to memref<4x?xf32>
// CHECK: return %[[C]] : memref<4x?xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefcast-memrefcastop
func.func @cast_to_unranked(%1: memref<4x?xf32>) -> memref<*xf32> {
  // Erase rank information.
  %5 = memref.cast %1 : memref<4x?xf32> to memref<*xf32>
  return %5 : memref<*xf32>
}

// CHECK-LABEL: func.func @cast_to_unranked(
// CHECK-SAME: %[[S:.*]]: memref<4x?xf32>) -> memref<*xf32> {
// CHECK: %[[C:.*]] = memref.cast %[[S]] : memref<4x?xf32> to memref<*xf32>
// CHECK: return %[[C]] : memref<*xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefsubview-memrefsubviewop
// (Example 1: consecutive subviews of a static memref)
func.func @subview_consecutive(%arg0: memref<8x8xf32, strided<[8, 1], offset: 0>>) -> memref<2x2xf32, strided<[32, 4], offset: 27>> {
  %result1 = memref.subview %arg0[1, 1][4, 4][2, 2]
  : memref<8x8xf32, strided<[8, 1], offset: 0>> to
    memref<4x4xf32, strided<[16, 2], offset: 9>>

  %result2 = memref.subview %result1[1, 1][2, 2][2, 2]
  : memref<4x4xf32, strided<[16, 2], offset: 9>> to
    memref<2x2xf32, strided<[32, 4], offset: 27>>
  return %result2 : memref<2x2xf32, strided<[32, 4], offset: 27>>
}

// CHECK-LABEL: func.func @subview_consecutive(
// CHECK-SAME: %[[A:.*]]: memref<8x8xf32, strided<[8, 1]>>) -> memref<2x2xf32, strided<[32, 4], offset: 27>> {
// CHECK: %[[R1:.*]] = memref.subview %[[A]][1, 1] [4, 4] [2, 2] : memref<8x8xf32, strided<[8, 1]>> to memref<4x4xf32, strided<[16, 2], offset: 9>>
// CHECK: %[[R2:.*]] = memref.subview %[[R1]][1, 1] [2, 2] [2, 2] : memref<4x4xf32, strided<[16, 2], offset: 9>> to memref<2x2xf32, strided<[32, 4], offset: 27>>
// CHECK: return %[[R2]] : memref<2x2xf32, strided<[32, 4], offset: 27>>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefsubview-memrefsubviewop
// (Example 3)
func.func @subview_dynamic(%0: memref<64x4xf32>, %off0: index, %off1: index, %sz0: index, %sz1: index, %str0: index, %str1: index) {
  // Subview of static memref with identity layout at dynamic offsets, sizes
  // and strides.
  %1 = memref.subview %0[%off0, %off1][%sz0, %sz1][%str0, %str1]
      : memref<64x4xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
  return
}

// CHECK-LABEL: func.func @subview_dynamic(
// CHECK-SAME: %[[M:.*]]: memref<64x4xf32>, %[[O0:.*]]: index, %[[O1:.*]]: index, %[[S0:.*]]: index, %[[S1:.*]]: index, %[[T0:.*]]: index, %[[T1:.*]]: index) {
// CHECK: memref.subview %[[M]][%[[O0]], %[[O1]]] [%[[S0]], %[[S1]]] [%[[T0]], %[[T1]]] : memref<64x4xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefsubview-memrefsubviewop
// (Example 4)
func.func @subview_static_sizes(%0: memref<?x?xf32, strided<[?, ?], offset: ?>>, %off0: index, %off1: index, %str0: index, %str1: index) {
  // Subview of dynamic memref with strided layout at dynamic offsets and
  // strides, but static sizes.
  %1 = memref.subview %0[%off0, %off1][4, 4][%str0, %str1]
      : memref<?x?xf32, strided<[?, ?], offset: ?>> to
        memref<4x4xf32, strided<[?, ?], offset: ?>>
  return
}

// CHECK-LABEL: func.func @subview_static_sizes(
// CHECK-SAME: %[[M:.*]]: memref<?x?xf32, strided<[?, ?], offset: ?>>, %[[O0:.*]]: index, %[[O1:.*]]: index, %[[T0:.*]]: index, %[[T1:.*]]: index) {
// CHECK: memref.subview %[[M]][%[[O0]], %[[O1]]] [4, 4] [%[[T0]], %[[T1]]] : memref<?x?xf32, strided<[?, ?], offset: ?>> to memref<4x4xf32, strided<[?, ?], offset: ?>>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefsubview-memrefsubviewop
// (Example 5, first subview only: the second one, `%2[3, 4, 2][1, 6, 3][1, 1, 1]` on
// `memref<8x16x4xf32>`, runs out of bounds in the last dimension (2 + 3 > 4), which the
// subview verifier rejects)
func.func @subview_rank_reducing(%0: memref<8x16x4xf32>) -> memref<16x4xf32> {
  // Rank-reducing subviews.
  %1 = memref.subview %0[0, 0, 0][1, 16, 4][1, 1, 1]
      : memref<8x16x4xf32> to memref<16x4xf32>
  return %1 : memref<16x4xf32>
}

// CHECK-LABEL: func.func @subview_rank_reducing(
// CHECK-SAME: %[[M:.*]]: memref<8x16x4xf32>) -> memref<16x4xf32> {
// CHECK: %[[S:.*]] = memref.subview %[[M]][0, 0, 0] [1, 16, 4] [1, 1, 1] : memref<8x16x4xf32> to memref<16x4xf32>
// CHECK: return %[[S]] : memref<16x4xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefsubview-memrefsubviewop
// (Example 6)
func.func @subview_identity(%0: memref<8x16x4xf32>) -> memref<8x16x4xf32> {
  // Identity subview. The subview is the full source memref.
  %1 = memref.subview %0[0, 0, 0] [8, 16, 4] [1, 1, 1]
      : memref<8x16x4xf32> to memref<8x16x4xf32>
  return %1 : memref<8x16x4xf32>
}

// CHECK-LABEL: func.func @subview_identity(
// CHECK-SAME: %[[M:.*]]: memref<8x16x4xf32>) -> memref<8x16x4xf32> {
// CHECK: %[[S:.*]] = memref.subview %[[M]][0, 0, 0] [8, 16, 4] [1, 1, 1] : memref<8x16x4xf32> to memref<8x16x4xf32>
// CHECK: return %[[S]] : memref<8x16x4xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefreinterpret_cast-memrefreinterpretcastop
// (Example 1)
func.func @reinterpret_cast_static(%arg0: memref<8x8xf32, strided<[8, 1], offset: 0>>) -> memref<2x2xf32, strided<[4, 2], offset: 0>> {
  %result1 = memref.reinterpret_cast %arg0 to
    offset: [9],
    sizes: [4, 4],
    strides: [16, 2]
  : memref<8x8xf32, strided<[8, 1], offset: 0>> to
    memref<4x4xf32, strided<[16, 2], offset: 9>>

  %result2 = memref.reinterpret_cast %result1 to
    offset: [0],
    sizes: [2, 2],
    strides: [4, 2]
  : memref<4x4xf32, strided<[16, 2], offset: 9>> to
    memref<2x2xf32, strided<[4, 2], offset: 0>>
  return %result2 : memref<2x2xf32, strided<[4, 2], offset: 0>>
}

// CHECK-LABEL: func.func @reinterpret_cast_static(
// CHECK-SAME: %[[A:.*]]: memref<8x8xf32, strided<[8, 1]>>) -> memref<2x2xf32, strided<[4, 2]>> {
// CHECK: %[[R1:.*]] = memref.reinterpret_cast %[[A]] to offset: [9], sizes: [4, 4], strides: [16, 2] : memref<8x8xf32, strided<[8, 1]>> to memref<4x4xf32, strided<[16, 2], offset: 9>>
// CHECK: %[[R2:.*]] = memref.reinterpret_cast %[[R1]] to offset: [0], sizes: [2, 2], strides: [4, 2] : memref<4x4xf32, strided<[16, 2], offset: 9>> to memref<2x2xf32, strided<[4, 2]>>
// CHECK: return %[[R2]] : memref<2x2xf32, strided<[4, 2]>>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefreinterpret_cast-memrefreinterpretcastop
// (Example 2; the results are left unnamed, as on the page)
func.func @reinterpret_cast_dynamic(%ranked: memref<?x?xf32>, %unranked: memref<*xf32>, %offset: index, %size0: index, %size1: index, %stride0: index, %stride1: index) {
  memref.reinterpret_cast %ranked to
    offset: [0],
    sizes: [%size0, 10],
    strides: [1, %stride1]
  : memref<?x?xf32> to memref<?x10xf32, strided<[1, ?], offset: 0>>

  memref.reinterpret_cast %unranked to
    offset: [%offset],
    sizes: [%size0, %size1],
    strides: [%stride0, %stride1]
  : memref<*xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
  return
}

// CHECK-LABEL: func.func @reinterpret_cast_dynamic(
// CHECK-SAME: %[[R:.*]]: memref<?x?xf32>, %[[U:.*]]: memref<*xf32>, %[[O:.*]]: index, %[[S0:.*]]: index, %[[S1:.*]]: index, %[[T0:.*]]: index, %[[T1:.*]]: index) {
// CHECK: memref.reinterpret_cast %[[R]] to offset: [0], sizes: [%[[S0]], 10], strides: [1, %[[T1]]] : memref<?x?xf32> to memref<?x10xf32, strided<[1, ?]>>
// CHECK: memref.reinterpret_cast %[[U]] to offset: [%[[O]]], sizes: [%[[S0]], %[[S1]]], strides: [%[[T0]], %[[T1]]] : memref<*xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefcollapse_shape-memrefcollapseshapeop
// (adapted: the page's `stride_spec` and `stride_spec_2` are placeholders; the identity
// layout stands in for both)
func.func @collapse_shape(%0: memref<?x?x?xf32>) -> memref<?x?xf32> {
  // Dimension collapse (i, j) -> i' and k -> k'
  %1 = memref.collapse_shape %0 [[0, 1], [2]] :
      memref<?x?x?xf32> into memref<?x?xf32>
  return %1 : memref<?x?xf32>
}

// CHECK-LABEL: func.func @collapse_shape(
// CHECK-SAME: %[[M:.*]]: memref<?x?x?xf32>) -> memref<?x?xf32> {
// CHECK: %[[C:.*]] = memref.collapse_shape %[[M]] {{\[}}[0, 1], [2]] : memref<?x?x?xf32> into memref<?x?xf32>
// CHECK: return %[[C]] : memref<?x?xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefexpand_shape-memrefexpandshapeop
func.func @expand_shape(%0: memref<?x32xf32>, %sz0: index, %sz1: index) -> memref<?x?x32xf32> {
  %r = memref.expand_shape %0 [[0, 1], [2]] output_shape [%sz0, %sz1, 32]
      : memref<?x32xf32> into memref<?x?x32xf32>
  return %r : memref<?x?x32xf32>
}

// CHECK-LABEL: func.func @expand_shape(
// CHECK-SAME: %[[M:.*]]: memref<?x32xf32>, %[[S0:.*]]: index, %[[S1:.*]]: index) -> memref<?x?x32xf32> {
// CHECK: %[[E:.*]] = memref.expand_shape %[[M]] {{\[}}[0, 1], [2]] output_shape [%[[S0]], %[[S1]], 32] : memref<?x32xf32> into memref<?x?x32xf32>
// CHECK: return %[[E]] : memref<?x?x32xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefglobal-memrefglobalop and
// https://mlir.llvm.org/docs/Dialects/MemRef/#memrefget_global-memrefgetglobalop
// (doc typos fixed: `dense<0.0,2.0>` and `dense<1, 4>` need brackets around a list,
// `dense<[0.0, 2.0]>` and `dense<[1, 4]>`; the function that reads the globals is added,
// in the style of the `memref.get_global` example `%x = memref.get_global @foo : ...`)
func.func @use_globals() {
  %x = memref.get_global @x : memref<2xf32>
  %y = memref.get_global @y : memref<4xi32>
  %z = memref.get_global @z : memref<3xf16>
  %c = memref.get_global @c : memref<2xi32>
  "test.sink"(%x, %y, %z, %c) : (memref<2xf32>, memref<4xi32>, memref<3xf16>, memref<2xi32>) -> ()
  return
}

// Private variable with an initial value.
memref.global "private" @x : memref<2xf32> = dense<[0.0, 2.0]>

// Declaration of an external variable.
memref.global "private" @y : memref<4xi32>

// Uninitialized externally visible variable.
memref.global @z : memref<3xf16> = uninitialized

// Externally visible constant variable.
memref.global constant @c : memref<2xi32> = dense<[1, 4]>

// CHECK-LABEL: func.func @use_globals() {
// CHECK: %[[X:.*]] = memref.get_global @x : memref<2xf32>
// CHECK: %[[Y:.*]] = memref.get_global @y : memref<4xi32>
// CHECK: %[[Z:.*]] = memref.get_global @z : memref<3xf16>
// CHECK: %[[C:.*]] = memref.get_global @c : memref<2xi32>
// CHECK: "test.sink"(%[[X]], %[[Y]], %[[Z]], %[[C]]) : (memref<2xf32>, memref<4xi32>, memref<3xf16>, memref<2xi32>) -> ()
// CHECK: memref.global "private" @x : memref<2xf32> = dense<[0.000000e+00, 2.000000e+00]>
// CHECK: memref.global "private" @y : memref<4xi32>{{$}}
// CHECK: memref.global @z : memref<3xf16> = uninitialized
// CHECK: memref.global constant @c : memref<2xi32> = dense<[1, 4]>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MemRef/#memrefglobal-memrefglobalop
// (doc typo fixed: `dense<0.0,2.0>` needs brackets around a list, `dense<[0.0, 2.0]>`)
func.func @use_aligned_global() -> memref<2xf32> {
  %0 = memref.get_global @x : memref<2xf32>
  return %0 : memref<2xf32>
}

// Private variable with an initial value and an alignment (power of 2).
memref.global "private" @x : memref<2xf32> = dense<[0.0, 2.0]> {alignment = 64}

// CHECK-LABEL: func.func @use_aligned_global() -> memref<2xf32> {
// CHECK: %[[X:.*]] = memref.get_global @x : memref<2xf32>
// CHECK: return %[[X]] : memref<2xf32>
// CHECK: memref.global "private" @x : memref<2xf32> = dense<[0.000000e+00, 2.000000e+00]> alignment = 64
