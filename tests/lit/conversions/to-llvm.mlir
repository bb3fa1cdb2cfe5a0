// RUN: dialir-opt %s --convert-to-llvm | filecheck %s
// RUN: dialir-opt %s --convert-to-llvm | dialir-translate --mlir-to-llvmir | filecheck %s --check-prefix=LLVMIR

// One conversion for func, cf, arith, math and memref: no cast is left, and the module is
// LLVM IR that LLVM verifies. A loop over a dynamically sized buffer, with fast-math kept
// and noalias on the buffers' pointers.

// CHECK-NOT: unrealized_conversion_cast
// CHECK-LABEL: llvm.func @axpy(
// CHECK-SAME: %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64,
// CHECK: llvm.fmul %{{.*}}, %{{.*}} fastmath<fast> : f32
// CHECK: llvm.intr.exp(%{{.*}}) fastmath<fast> : (f32) -> f32

// LLVMIR: @table = private constant [4 x float] [float 0x3FF0000000000000, float 0x4000000000000000, float 0x4008000000000000, float 0x4010000000000000]
// LLVMIR-LABEL: define void @axpy(ptr noalias %arg0, ptr noalias %arg1, i64 %arg2, i64 %arg3, i64 %arg4, ptr noalias %arg5, ptr noalias %arg6, i64 %arg7, i64 %arg8, i64 %arg9, float %arg10)
// LLVMIR: getelementptr inbounds nuw float
// LLVMIR: fmul fast float
// LLVMIR: call fast float @llvm.exp.f32(float
func.func @axpy(%x: memref<?xf32> {llvm.noalias}, %y: memref<?xf32> {llvm.noalias}, %a: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  cf.br ^loop(%c0 : index)
^loop(%i: index):
  %more = arith.cmpi slt, %i, %n : index
  cf.cond_br %more, ^body, ^done
^body:
  %xi = memref.load %x[%i] : memref<?xf32>
  %yi = memref.load %y[%i] : memref<?xf32>
  %p = arith.mulf %a, %xi fastmath<fast> : f32
  %e = math.exp %p fastmath<fast> : f32
  %s = arith.addf %e, %yi fastmath<fast> : f32
  memref.store %s, %y[%i] : memref<?xf32>
  %next = arith.addi %i, %c1 : index
  cf.br ^loop(%next : index)
^done:
  return
}

// A constant table in a global, read through get_global, and a heap buffer freed again.

// CHECK: llvm.mlir.global private constant @table(dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>)
memref.global "private" constant @table : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>

// CHECK-LABEL: llvm.func @lookup(
// LLVMIR-LABEL: define float @lookup(
// LLVMIR: call ptr @malloc(
// LLVMIR: call void @free(
func.func @lookup(%i: index) -> f32 {
  %t = memref.get_global @table : memref<4xf32>
  %v = memref.load %t[%i] : memref<4xf32>
  %buf = memref.alloc() : memref<4xf32>
  memref.store %v, %buf[%i] : memref<4xf32>
  %w = memref.load %buf[%i] : memref<4xf32>
  memref.dealloc %buf : memref<4xf32>
  return %w : f32
}
