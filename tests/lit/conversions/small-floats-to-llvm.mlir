// RUN: dialir-opt %s --pass-pipeline='builtin.module(arith-expand{include-f8 include-f4e2m1}, convert-to-llvm, reconcile-unrealized-casts)' | filecheck %s
// RUN: dialir-opt %s --pass-pipeline='builtin.module(arith-expand{include-f8 include-f4e2m1}, convert-to-llvm, reconcile-unrealized-casts)' | dialir-translate --mlir-to-llvmir | filecheck %s --check-prefix=LLVMIR

// The float formats LLVM has no type for are the integers of their width (MLIR's type
// converter): memrefs of f8E4M3FN hold i8, of f4E2M1FN i4 (one per byte); arith-expand
// has turned their casts into integer ops first.

// CHECK-LABEL: llvm.func @dequantize(
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> i8
// CHECK: llvm.zext %{{.*}} : i8 to i32
// CHECK: %[[F:.*]] = llvm.bitcast %{{.*}} : i32 to f32
// CHECK: llvm.store %[[F]], %{{.*}} : f32, !llvm.ptr
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> i4
// CHECK: llvm.zext %{{.*}} : i4 to i32
// CHECK: llvm.trunc %{{.*}} : i32 to i4
// CHECK: llvm.store %{{.*}}, %{{.*}} : i4, !llvm.ptr
// LLVMIR-LABEL: define void @dequantize(
// LLVMIR: load i8, ptr
// LLVMIR: zext i8 %{{.*}} to i32
// LLVMIR: bitcast i32 %{{.*}} to float
// LLVMIR: load i4, ptr
// LLVMIR: trunc i32 %{{.*}} to i4
// LLVMIR: store i4
func.func @dequantize(%q: memref<4xf8E4M3FN>, %out: memref<4xf32>, %h: memref<4xf4E2M1FN>) {
  %c0 = arith.constant 0 : index
  %x = memref.load %q[%c0] : memref<4xf8E4M3FN>
  %f = arith.extf %x : f8E4M3FN to f32
  memref.store %f, %out[%c0] : memref<4xf32>
  %y = memref.load %h[%c0] : memref<4xf4E2M1FN>
  %g = arith.extf %y : f4E2M1FN to f32
  %s = arith.addf %g, %g : f32
  %t = arith.truncf %s : f32 to f4E2M1FN
  memref.store %t, %h[%c0] : memref<4xf4E2M1FN>
  return
}
