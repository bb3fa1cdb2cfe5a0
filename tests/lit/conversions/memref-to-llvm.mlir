// RUN: dialir-opt %s --split-input-file --finalize-memref-to-llvm | filecheck %s
// RUN: dialir-opt %s --split-input-file --finalize-memref-to-llvm=use-aligned-alloc=1 | filecheck %s --check-prefix=ALIGNED

// A static buffer: sizes and strides are constants, the byte size a getelementptr from
// null, the descriptor (allocated, aligned, offset, sizes, strides) filled in order.

// CHECK: llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-LABEL: func.func @static_alloc(
func.func @static_alloc() -> memref<32x18xf32> {
  // CHECK: %[[SZ0:.*]] = llvm.mlir.constant(32 : i64) : i64
  // CHECK: %[[SZ1:.*]] = llvm.mlir.constant(18 : i64) : i64
  // CHECK: %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
  // CHECK: %[[ST0:.*]] = llvm.mlir.constant(18 : i64) : i64
  // CHECK: %[[NUM:.*]] = llvm.mlir.constant(576 : i64) : i64
  // CHECK: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
  // CHECK: %[[GEP:.*]] = llvm.getelementptr %[[NULL]][%[[NUM]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK: %[[BYTES:.*]] = llvm.ptrtoint %[[GEP]] : !llvm.ptr to i64
  // CHECK: %[[PTR:.*]] = llvm.call @malloc(%[[BYTES]]) : (i64) -> !llvm.ptr
  // CHECK: %[[D0:.*]] = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK: %[[D1:.*]] = llvm.insertvalue %[[PTR]], %[[D0]][0]
  // CHECK: %[[D2:.*]] = llvm.insertvalue %[[PTR]], %[[D1]][1]
  // CHECK: %[[OFF:.*]] = llvm.mlir.constant(0 : i64) : i64
  // CHECK: %[[D3:.*]] = llvm.insertvalue %[[OFF]], %[[D2]][2]
  // CHECK: %[[D4:.*]] = llvm.insertvalue %[[SZ0]], %[[D3]][3, 0]
  // CHECK: %[[D5:.*]] = llvm.insertvalue %[[ST0]], %[[D4]][4, 0]
  // CHECK: %[[D6:.*]] = llvm.insertvalue %[[SZ1]], %[[D5]][3, 1]
  // CHECK: llvm.insertvalue %[[ONE]], %[[D6]][4, 1]
  %0 = memref.alloc() : memref<32x18xf32>
  return %0 : memref<32x18xf32>
}

// ALIGNED: llvm.func @aligned_alloc(i64, i64) -> !llvm.ptr
// ALIGNED-LABEL: func.func @static_alloc(
// ALIGNED: %[[ALIGN:.*]] = llvm.mlir.constant(16 : i64) : i64
// ALIGNED: %[[M1:.*]] = llvm.mlir.constant(15 : i64) : i64
// ALIGNED: %[[BUMP:.*]] = llvm.add %{{.*}}, %[[M1]] : i64
// ALIGNED: %[[MASK:.*]] = llvm.mlir.constant(-16 : i64) : i64
// ALIGNED: %[[ROUNDED:.*]] = llvm.and %[[BUMP]], %[[MASK]] : i64
// ALIGNED: llvm.call @aligned_alloc(%[[ALIGN]], %[[ROUNDED]]) : (i64, i64) -> !llvm.ptr

// -----

// Dynamic sizes: strides are products of the sizes inside them (the innermost dynamic size
// is its own product); an alignment pads the
// malloc and rounds the aligned pointer up; dealloc frees the allocated pointer.

// CHECK: llvm.func @free(!llvm.ptr)
// CHECK-LABEL: func.func @dynamic_alloc(
func.func @dynamic_alloc(%m: index, %n: index) {
  // CHECK-DAG: %[[N:.*]] = builtin.unrealized_conversion_cast %arg1 : index to i64
  // CHECK-DAG: %[[M:.*]] = builtin.unrealized_conversion_cast %arg0 : index to i64
  // CHECK: %[[C42:.*]] = llvm.mlir.constant(42 : i64) : i64
  // CHECK: %[[UNIT:.*]] = llvm.mlir.constant(1 : i64) : i64
  // CHECK: %[[ST0:.*]] = llvm.mul %[[N]], %[[C42]] : i64
  // CHECK: %[[COUNT:.*]] = llvm.mul %[[ST0]], %[[M]] : i64
  // CHECK: %[[END:.*]] = llvm.getelementptr %{{.*}}[%[[COUNT]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK: %[[NBYTES:.*]] = llvm.ptrtoint %[[END]] : !llvm.ptr to i64
  // CHECK: %[[A:.*]] = llvm.mlir.constant(64 : i64) : i64
  // CHECK: %[[PADDED:.*]] = llvm.add %[[NBYTES]], %[[A]] : i64
  // CHECK: %[[RAW:.*]] = llvm.call @malloc(%[[PADDED]]) : (i64) -> !llvm.ptr
  // CHECK: %[[INT:.*]] = llvm.ptrtoint %[[RAW]] : !llvm.ptr to i64
  // CHECK: %[[A2:.*]] = llvm.mlir.constant(64 : i64) : i64
  // CHECK: %[[REM:.*]] = llvm.urem %[[INT]], %[[A2]] : i64
  // CHECK: %[[GAP:.*]] = llvm.sub %[[A2]], %[[REM]] : i64
  // CHECK: %[[SHIFT:.*]] = llvm.urem %[[GAP]], %[[A2]] : i64
  // CHECK: %[[APTR:.*]] = llvm.getelementptr %[[RAW]][%[[SHIFT]]] : (!llvm.ptr, i64) -> !llvm.ptr, i8
  // CHECK: llvm.insertvalue %[[RAW]], %{{.*}}[0]
  // CHECK: llvm.insertvalue %[[APTR]], %{{.*}}[1]
  %0 = memref.alloc(%m, %n) {alignment = 64 : i64} : memref<?x42x?xf32>
  // CHECK: %[[FREE:.*]] = llvm.extractvalue %{{.*}}[0] : !llvm.struct<(ptr, ptr, i64, array<3 x i64>, array<3 x i64>)>
  // CHECK: llvm.call @free(%[[FREE]]) : (!llvm.ptr) -> ()
  memref.dealloc %0 : memref<?x42x?xf32>
  return
}

// -----

// alloca: stack memory for the element count, both pointers the same.

// CHECK-LABEL: func.func @stack(
func.func @stack() {
  // CHECK: %[[NUM:.*]] = llvm.mlir.constant(16 : i64) : i64
  // CHECK: %[[P:.*]] = llvm.alloca %[[NUM]] x f32 {alignment = 32 : i64} : (i64) -> !llvm.ptr
  // CHECK: llvm.insertvalue %[[P]], %{{.*}}[0]
  // CHECK: llvm.insertvalue %[[P]], %{{.*}}[1]
  %0 = memref.alloca() {alignment = 32 : i64} : memref<4x4xf32>
  return
}

// -----

// load and store: the aligned pointer plus the linearised index (static strides are
// constants, a unit stride multiplies by nothing).

// CHECK-LABEL: func.func @static_load_store(
func.func @static_load_store(%m: memref<10x42xf32>, %i: index, %j: index) {
  // CHECK-DAG: %[[J:.*]] = builtin.unrealized_conversion_cast %arg2 : index to i64
  // CHECK-DAG: %[[I:.*]] = builtin.unrealized_conversion_cast %arg1 : index to i64
  // CHECK-DAG: %[[D:.*]] = builtin.unrealized_conversion_cast %arg0 : memref<10x42xf32> to !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK: %[[PTR:.*]] = llvm.extractvalue %[[D]][1]
  // CHECK: %[[ST0:.*]] = llvm.mlir.constant(42 : i64) : i64
  // CHECK: %[[OFFI:.*]] = llvm.mul %[[I]], %[[ST0]] overflow<nsw, nuw> : i64
  // CHECK: %[[IDX:.*]] = llvm.add %[[OFFI]], %[[J]] overflow<nsw, nuw> : i64
  // CHECK: %[[ADDR:.*]] = llvm.getelementptr inbounds|nuw %[[PTR]][%[[IDX]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK: %[[V:.*]] = llvm.load %[[ADDR]] : !llvm.ptr -> f32
  %0 = memref.load %m[%i, %j] : memref<10x42xf32>
  // CHECK: %[[ADDR2:.*]] = llvm.getelementptr inbounds|nuw %{{.*}}[%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK: llvm.store %[[V]], %[[ADDR2]] : f32, !llvm.ptr
  memref.store %0, %m[%i, %j] : memref<10x42xf32>
  return
}

// -----

// Dynamic strides and offset come from the descriptor.

// CHECK-LABEL: func.func @strided_load(
func.func @strided_load(%m: memref<?x?xf32, strided<[?, ?], offset: ?>>, %i: index, %j: index) -> f32 {
  // CHECK: %[[PTR:.*]] = llvm.extractvalue %[[D:.*]][1]
  // CHECK: %[[OFF:.*]] = llvm.extractvalue %[[D]][2]
  // CHECK: %[[ST0:.*]] = llvm.extractvalue %[[D]][4, 0]
  // CHECK: %[[T0:.*]] = llvm.mul %{{.*}}, %[[ST0]] overflow<nsw, nuw> : i64
  // CHECK: %[[A0:.*]] = llvm.add %[[OFF]], %[[T0]] overflow<nsw, nuw> : i64
  // CHECK: %[[ST1:.*]] = llvm.extractvalue %[[D]][4, 1]
  // CHECK: %[[T1:.*]] = llvm.mul %{{.*}}, %[[ST1]] overflow<nsw, nuw> : i64
  // CHECK: %[[A1:.*]] = llvm.add %[[A0]], %[[T1]] overflow<nsw, nuw> : i64
  // CHECK: llvm.getelementptr inbounds|nuw %[[PTR]][%[[A1]]]
  %0 = memref.load %m[%i, %j] : memref<?x?xf32, strided<[?, ?], offset: ?>>
  return %0 : f32
}

// -----

// dim: a static size is a constant, a dynamic one the descriptor's.

// CHECK-LABEL: func.func @dims(
func.func @dims(%m: memref<4x?xf32>) -> (index, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // CHECK: %[[S0:.*]] = llvm.mlir.constant(4 : i64) : i64
  // CHECK: builtin.unrealized_conversion_cast %[[S0]] : i64 to index
  %0 = memref.dim %m, %c0 : memref<4x?xf32>
  // CHECK: %[[S1:.*]] = llvm.extractvalue %{{.*}}[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK: builtin.unrealized_conversion_cast %[[S1]] : i64 to index
  %1 = memref.dim %m, %c1 : memref<4x?xf32>
  return %0, %1 : index, index
}

// -----

// Globals: nested arrays of the element type; private stays private; an uninitialized
// global has an undef initializer; a rank-0 global holds a scalar.

// CHECK: llvm.mlir.global private constant @cst(dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<2 x array<3 x f32>>
memref.global "private" constant @cst : memref<2x3xf32> = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> {alignment = 64 : i64}
// CHECK: llvm.mlir.global external @buf() {addr_space = 0 : i32} : !llvm.array<4 x i32> {
// CHECK-NEXT: %[[U:.*]] = llvm.mlir.undef : !llvm.array<4 x i32>
// CHECK-NEXT: llvm.return %[[U]] : !llvm.array<4 x i32>
memref.global @buf : memref<4xi32> = uninitialized
// CHECK: llvm.mlir.global private constant @scalar(2.500000e+00 : f32) {addr_space = 0 : i32} : f32
memref.global "private" constant @scalar : memref<f32> = dense<2.5>
// CHECK: llvm.mlir.global private constant @blob(dense_resource<blob1> : tensor<2xi32>) {addr_space = 0 : i32} : !llvm.array<2 x i32>
memref.global "private" constant @blob : memref<2xi32> = dense_resource<blob1>

// get_global: the global's first element is the aligned pointer; the allocated pointer is
// 0xdeadbeef, which nobody may free.

// CHECK-LABEL: func.func @get_global(
func.func @get_global() -> memref<2x3xf32> {
  // CHECK: %[[ADDR:.*]] = llvm.mlir.addressof @cst : !llvm.ptr
  // CHECK: %[[FIRST:.*]] = llvm.getelementptr %[[ADDR]][0, 0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<2 x array<3 x f32>>
  // CHECK: %[[DEAD:.*]] = llvm.mlir.constant(3735928559 : i64) : i64
  // CHECK: %[[ALLOC:.*]] = llvm.inttoptr %[[DEAD]] : i64 to !llvm.ptr
  // CHECK: llvm.insertvalue %[[ALLOC]], %{{.*}}[0]
  // CHECK: llvm.insertvalue %[[FIRST]], %{{.*}}[1]
  %0 = memref.get_global @cst : memref<2x3xf32>
  return %0 : memref<2x3xf32>
}

{-#
  dialect_resources: {
    builtin: {
      blob1: "0x040000000100000002000000"
    }
  }
#-}

// -----

// Views: subview offsets by offset * stride and multiplies the strides by the steps;
// reinterpret_cast takes the sizes and strides it is given.

// CHECK-LABEL: func.func @subview(
func.func @subview(%m: memref<8x16xf32>, %i: index) -> memref<4x4xf32, strided<[16, 2], offset: ?>> {
  // CHECK: %[[I:.*]] = builtin.unrealized_conversion_cast %arg1 : index to i64
  // CHECK: %[[C16:.*]] = llvm.mlir.constant(16 : i64) : i64
  // CHECK: %[[OFF0:.*]] = llvm.mul %[[I]], %[[C16]] : i64
  // CHECK: %[[OFF1:.*]] = llvm.add %{{.*}}, %[[OFF0]] : i64
  // CHECK: %[[OFF2:.*]] = llvm.add %[[OFF1]], %{{.*}} : i64
  // CHECK: llvm.insertvalue %[[OFF2]], %{{.*}}[2]
  %0 = memref.subview %m[%i, 2] [4, 4] [1, 2] : memref<8x16xf32> to memref<4x4xf32, strided<[16, 2], offset: ?>>
  return %0 : memref<4x4xf32, strided<[16, 2], offset: ?>>
}

// CHECK-LABEL: func.func @reinterpret(
func.func @reinterpret(%m: memref<?xf32>, %n: index) -> memref<?x4xf32> {
  // CHECK: %[[N:.*]] = builtin.unrealized_conversion_cast %arg1 : index to i64
  // CHECK: llvm.insertvalue %[[N]], %{{.*}}[3, 0]
  %0 = memref.reinterpret_cast %m to offset: [0], sizes: [%n, 4], strides: [4, 1] : memref<?xf32> to memref<?x4xf32>
  return %0 : memref<?x4xf32>
}

// CHECK-LABEL: func.func @collapse(
func.func @collapse(%m: memref<2x?x4xf32>) -> memref<?xf32> {
  // CHECK: %[[C2:.*]] = llvm.mlir.constant(2 : i64) : i64
  // CHECK: %[[S1:.*]] = llvm.extractvalue %{{.*}}[3, 1]
  // CHECK: %[[P:.*]] = llvm.mul %[[C2]], %[[S1]] : i64
  // CHECK: %[[C4:.*]] = llvm.mlir.constant(4 : i64) : i64
  // CHECK: %[[SIZE:.*]] = llvm.mul %[[P]], %[[C4]] : i64
  // CHECK: llvm.insertvalue %[[SIZE]], %{{.*}}[3, 0]
  %0 = memref.collapse_shape %m [[0, 1, 2]] : memref<2x?x4xf32> into memref<?xf32>
  return %0 : memref<?xf32>
}

// CHECK-LABEL: func.func @expand(
func.func @expand(%m: memref<24xf32>) -> memref<2x3x4xf32> {
  // CHECK: %[[C12:.*]] = llvm.mlir.constant(12 : i64) : i64
  // CHECK: llvm.insertvalue %[[C12]], %{{.*}}[4, 0]
  %0 = memref.expand_shape %m [[0, 1, 2]] output_shape [2, 3, 4] : memref<24xf32> into memref<2x3x4xf32>
  return %0 : memref<2x3x4xf32>
}

// copy of contiguous buffers: one memcpy of the bytes.

// CHECK-LABEL: func.func @copy(
func.func @copy(%a: memref<4x?xf32>, %b: memref<4x?xf32>) {
  // CHECK: %[[BYTES:.*]] = llvm.ptrtoint
  // CHECK: "llvm.intr.memcpy"(%{{.*}}, %{{.*}}, %[[BYTES]]) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  memref.copy %a, %b : memref<4x?xf32> to memref<4x?xf32>
  return
}

// -----

// Adapted from MLIR's convert-static-memref-ops: rank 0 (a descriptor of two pointers and an
// offset), loaded and stored through the aligned pointer.

// CHECK-LABEL: func.func @zero_d_alloc()
func.func @zero_d_alloc() -> memref<f32> {
  // CHECK: %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
  // CHECK: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
  // CHECK: %[[GEP:.*]] = llvm.getelementptr %[[NULL]][%[[ONE]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK: %[[BYTES:.*]] = llvm.ptrtoint %[[GEP]] : !llvm.ptr to i64
  // CHECK: %[[P:.*]] = llvm.call @malloc(%[[BYTES]]) : (i64) -> !llvm.ptr
  // CHECK: llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64)>
  // CHECK: llvm.insertvalue %[[P]], %{{.*}}[0] : !llvm.struct<(ptr, ptr, i64)>
  // CHECK: llvm.insertvalue %[[P]], %{{.*}}[1] : !llvm.struct<(ptr, ptr, i64)>
  // CHECK: %[[C0:.*]] = llvm.mlir.constant(0 : i64) : i64
  // CHECK: llvm.insertvalue %[[C0]], %{{.*}}[2] : !llvm.struct<(ptr, ptr, i64)>
  // CHECK: unrealized_conversion_cast %{{.*}}
  %0 = memref.alloc() : memref<f32>
  return %0 : memref<f32>
}

// CHECK-LABEL: func.func @zero_d_load_store(
func.func @zero_d_load_store(%arg0: memref<f32>, %arg1: f32) -> f32 {
  // CHECK: %[[PTR:.*]] = llvm.extractvalue %{{.*}}[1] : !llvm.struct<(ptr, ptr, i64)>
  // CHECK: llvm.load %[[PTR]] : !llvm.ptr -> f32
  %0 = memref.load %arg0[] : memref<f32>
  // CHECK: %[[PTR2:.*]] = llvm.extractvalue %{{.*}}[1] : !llvm.struct<(ptr, ptr, i64)>
  // CHECK: llvm.store %{{.*}}, %[[PTR2]] : f32, !llvm.ptr
  memref.store %arg1, %arg0[] : memref<f32>
  return %0 : f32
}

// CHECK-LABEL: func.func @static_memref_dim(
func.func @static_memref_dim(%static : memref<42x32x15x13x27xf32>, %i: index) -> (index, index) {
  // CHECK: llvm.mlir.constant(13 : i64) : i64
  %c3 = arith.constant 3 : index
  %0 = memref.dim %static, %c3 : memref<42x32x15x13x27xf32>
  // A run-time index reads the sizes array back from the stack.
  // CHECK: %[[SIZES:.*]] = llvm.extractvalue %{{.*}}[3] : !llvm.struct<(ptr, ptr, i64, array<5 x i64>, array<5 x i64>)>
  // CHECK: %[[SLOT:.*]] = llvm.alloca %{{.*}} x !llvm.array<5 x i64> : (i64) -> !llvm.ptr
  // CHECK: llvm.store %[[SIZES]], %[[SLOT]] : !llvm.array<5 x i64>, !llvm.ptr
  // CHECK: %[[ADDR:.*]] = llvm.getelementptr %[[SLOT]][0, %{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, !llvm.array<5 x i64>
  // CHECK: llvm.load %[[ADDR]] : !llvm.ptr -> i64
  %1 = memref.dim %static, %i : memref<42x32x15x13x27xf32>
  return %0, %1 : index, index
}
