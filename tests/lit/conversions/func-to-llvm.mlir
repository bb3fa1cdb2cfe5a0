// RUN: dialir-opt %s --split-input-file --convert-func-to-llvm | filecheck %s

// A memref argument expands into its descriptor's fields, which the body packs back into the
// descriptor once, at the start of the entry block.

// CHECK-LABEL: llvm.func @memref_arg(
// CHECK-SAME: %[[ALLOC:.*]]: !llvm.ptr, %[[ALIGN:.*]]: !llvm.ptr, %[[OFF:.*]]: i64, %[[S0:.*]]: i64, %[[S1:.*]]: i64, %[[ST0:.*]]: i64, %[[ST1:.*]]: i64, %[[I:.*]]: i64) -> i64
func.func @memref_arg(%m: memref<?x?xf32>, %i: index) -> index {
  // CHECK: %[[D0:.*]] = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK: %[[D1:.*]] = llvm.insertvalue %[[ALLOC]], %[[D0]][0]
  // CHECK: %[[D2:.*]] = llvm.insertvalue %[[ALIGN]], %[[D1]][1]
  // CHECK: %[[D3:.*]] = llvm.insertvalue %[[OFF]], %[[D2]][2]
  // CHECK: %[[D4:.*]] = llvm.insertvalue %[[S0]], %[[D3]][3, 0]
  // CHECK: %[[D5:.*]] = llvm.insertvalue %[[S1]], %[[D4]][3, 1]
  // CHECK: %[[D6:.*]] = llvm.insertvalue %[[ST0]], %[[D5]][4, 0]
  // CHECK: %[[D7:.*]] = llvm.insertvalue %[[ST1]], %[[D6]][4, 1]
  // CHECK: %[[M:.*]] = builtin.unrealized_conversion_cast %[[D7]] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> to memref<?x?xf32>
  // CHECK: %[[C:.*]] = builtin.unrealized_conversion_cast %[[I]] : i64 to index
  // CHECK: %[[DIM:.*]] = memref.dim %[[M]], %[[C]]
  %0 = memref.dim %m, %i : memref<?x?xf32>
  // CHECK: %[[R:.*]] = builtin.unrealized_conversion_cast %[[DIM]] : index to i64
  // CHECK: llvm.return %[[R]] : i64
  return %0 : index
}

// -----

// Several results come back as a struct; a memref result is its descriptor. Calls expand
// memref operands into fields and extract multiple results.

// CHECK-LABEL: llvm.func @two_results(
// CHECK-SAME: %[[X:.*]]: f32, %[[Y:.*]]: i32) -> !llvm.struct<(f32, i32)>
func.func @two_results(%x: f32, %y: i32) -> (f32, i32) {
  // CHECK: %[[U:.*]] = llvm.mlir.poison : !llvm.struct<(f32, i32)>
  // CHECK: %[[P0:.*]] = llvm.insertvalue %[[X]], %[[U]][0] : !llvm.struct<(f32, i32)>
  // CHECK: %[[P1:.*]] = llvm.insertvalue %[[Y]], %[[P0]][1] : !llvm.struct<(f32, i32)>
  // CHECK: llvm.return %[[P1]] : !llvm.struct<(f32, i32)>
  return %x, %y : f32, i32
}

// CHECK-LABEL: llvm.func @identity(
// CHECK-SAME: -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
func.func @identity(%m: memref<4xf32>) -> memref<4xf32> {
  // CHECK: llvm.return %{{.*}} : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
  return %m : memref<4xf32>
}

// CHECK-LABEL: llvm.func @caller(
func.func @caller(%m: memref<4xf32>, %x: f32, %y: i32) -> i32 {
  // CHECK: %[[F0:.*]] = llvm.extractvalue %[[D:.*]][0] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
  // CHECK: %[[F1:.*]] = llvm.extractvalue %[[D]][1]
  // CHECK: %[[F2:.*]] = llvm.extractvalue %[[D]][2]
  // CHECK: %[[F3:.*]] = llvm.extractvalue %[[D]][3, 0]
  // CHECK: %[[F4:.*]] = llvm.extractvalue %[[D]][4, 0]
  // CHECK: llvm.call @identity(%[[F0]], %[[F1]], %[[F2]], %[[F3]], %[[F4]]) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
  %0 = func.call @identity(%m) : (memref<4xf32>) -> memref<4xf32>
  // CHECK: %[[S:.*]] = llvm.call @two_results(%{{.*}}, %{{.*}}) : (f32, i32) -> !llvm.struct<(f32, i32)>
  // CHECK: llvm.extractvalue %[[S]][0] : !llvm.struct<(f32, i32)>
  // CHECK: %[[B:.*]] = llvm.extractvalue %[[S]][1] : !llvm.struct<(f32, i32)>
  %a, %b = func.call @two_results(%x, %y) : (f32, i32) -> (f32, i32)
  // CHECK: llvm.return %[[B]] : i32
  return %b : i32
}

// -----

// Argument attributes follow their arguments; a memref's go to both of its pointers
// (noalias on the data pointers lets LLVM vectorise across buffers). Declarations stay
// declarations.

// CHECK: llvm.func @external(f32) -> f32
func.func private @external(f32) -> f32

// CHECK-LABEL: llvm.func @attrs(
// CHECK-SAME: %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: f32 {llvm.noundef})
func.func @attrs(%m: memref<?xf32> {llvm.noalias}, %x: f32 {llvm.noundef}) {
  return
}

// -----

// llvm.emit_c_interface: `_mlir_ciface_<name>` takes each memref by pointer to its
// descriptor, and a memref result through a pointer passed first.

// CHECK-LABEL: llvm.func @scale(
// CHECK-SAME: attributes {dialir.signature = (memref<?xf32>, f32) -> memref<?xf32>, llvm.emit_c_interface}
func.func @scale(%m: memref<?xf32>, %k: f32) -> memref<?xf32> attributes {llvm.emit_c_interface} {
  return %m : memref<?xf32>
}
// CHECK-LABEL: llvm.func @_mlir_ciface_scale(
// CHECK-SAME: %[[RES:.*]]: !llvm.ptr, %[[ARG:.*]]: !llvm.ptr, %[[K:.*]]: f32)
// CHECK: %[[DESC:.*]] = llvm.load %[[ARG]] : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
// CHECK: %[[A0:.*]] = llvm.extractvalue %[[DESC]][0]
// CHECK: %[[CALL:.*]] = llvm.call @scale(%[[A0]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[K]])
// CHECK: llvm.store %[[CALL]], %[[RES]] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>, !llvm.ptr
// CHECK: llvm.return

// -----

// A function whose body holds affine ops stays a func.func (an llvm.func is no affine scope:
// its values could no longer be dims and symbols); calls of it stay func.call, with casts
// from the converted values. Its caller converts.

// CHECK-LABEL: func.func @kept(
// CHECK-SAME: %{{.*}}: index)
// CHECK: affine.for
// CHECK: return
func.func @kept(%n: index) {
  affine.for %i = 0 to %n {
  }
  return
}
// CHECK-LABEL: llvm.func @caller(
// CHECK-SAME: %[[N:.*]]: i64)
// CHECK: %[[C:.*]] = builtin.unrealized_conversion_cast %[[N]] : i64 to index
// CHECK: call @kept(%[[C]]) : (index) -> ()
// CHECK: llvm.return
func.func @caller(%n: index) {
  call @kept(%n) : (index) -> ()
  return
}

// -----

// func.constant -> llvm.mlir.addressof (a function value is a pointer), func.call_indirect
// -> an indirect llvm.call; the branches convert with the blocks they reach.

// CHECK-LABEL: llvm.func @ext(i32) -> f32
func.func private @ext(i32) -> f32
// CHECK-LABEL: llvm.func @indirect(
// CHECK: %[[F:.*]] = llvm.mlir.addressof @ext : !llvm.ptr
// CHECK: llvm.cond_br %{{.*}}, ^bb1(%{{.*}} : i64), ^bb1(%{{.*}} : i64)
// CHECK: ^bb1(%{{.*}}: i64):
// CHECK: %[[R:.*]] = llvm.call %[[F]](%{{.*}}) : !llvm.ptr, (i32) -> f32
// CHECK: llvm.return %[[R]] : f32
func.func @indirect(%c: i1, %i: index, %x: i32) -> f32 {
  %fn = constant @ext : (i32) -> f32
  cf.cond_br %c, ^bb1(%i : index), ^bb1(%i : index)
^bb1(%j: index):
  %r = call_indirect %fn(%x) : (i32) -> f32
  return %r : f32
}
