// RUN: dialir-translate --mlir-to-llvmir %s | filecheck %s

// Aggregates and vectors: extractvalue/insertvalue on structs and arrays (the memref
// descriptor's shape), vector element access, shuffles, and constants of each kind.

// CHECK-LABEL: define { ptr, ptr, i64, [2 x i64], [2 x i64] } @descriptor(ptr %arg0, i64 %arg1)
llvm.func @descriptor(%p: !llvm.ptr, %n: i64) -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> {
  // CHECK: %v0 = insertvalue { ptr, ptr, i64, [2 x i64], [2 x i64] } undef, ptr %arg0, 0
  %0 = llvm.mlir.undef : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  %1 = llvm.insertvalue %p, %0[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK: %v1 = insertvalue { ptr, ptr, i64, [2 x i64], [2 x i64] } %v0, ptr %arg0, 1
  %2 = llvm.insertvalue %p, %1[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK: %v2 = insertvalue { ptr, ptr, i64, [2 x i64], [2 x i64] } %v1, i64 %arg1, 3, 1
  %3 = llvm.insertvalue %n, %2[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK: %v3 = extractvalue { ptr, ptr, i64, [2 x i64], [2 x i64] } %v2, 3, 1
  %4 = llvm.extractvalue %3[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK: %v4 = insertvalue { ptr, ptr, i64, [2 x i64], [2 x i64] } %v2, i64 %v3, 4, 0
  %5 = llvm.insertvalue %4, %3[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK: ret { ptr, ptr, i64, [2 x i64], [2 x i64] } %v4
  llvm.return %5 : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
}

// CHECK-LABEL: define <4 x float> @vectors(<4 x float> %arg0, float %arg1, i32 %arg2)
llvm.func @vectors(%v: vector<4xf32>, %f: f32, %i: i32) -> vector<4xf32> {
  // CHECK: %v0 = extractelement <4 x float> %arg0, i32 %arg2
  %0 = llvm.extractelement %v[%i : i32] : vector<4xf32>
  // CHECK: %v1 = insertelement <4 x float> %arg0, float %arg1, i32 %arg2
  %1 = llvm.insertelement %f, %v[%i : i32] : vector<4xf32>
  // CHECK: %v2 = shufflevector <4 x float> %v1, <4 x float> %arg0, <4 x i32> <i32 0, i32 5, i32 poison, i32 7>
  %2 = llvm.shufflevector %1, %v [0, 5, -1, 7] : vector<4xf32>
  // CHECK: %v3 = fadd <4 x float> %v2, <float 0x3FF0000000000000, float 0x3FF0000000000000, float 0x3FF0000000000000, float 0x3FF0000000000000>
  %ones = llvm.mlir.constant(dense<1.0> : vector<4xf32>) : vector<4xf32>
  %3 = llvm.fadd %2, %ones : vector<4xf32>
  // CHECK: %v4 = insertelement <4 x float> %v3, float %v0, i32 0
  %c0 = llvm.mlir.constant(0 : i32) : i32
  %4 = llvm.insertelement %0, %3[%c0 : i32] : vector<4xf32>
  llvm.return %4 : vector<4xf32>
}

// CHECK-LABEL: define void @constants(ptr %arg0)
llvm.func @constants(%p: !llvm.ptr) {
  // CHECK: store [3 x i32] [i32 1, i32 2, i32 3], ptr %arg0
  %0 = llvm.mlir.constant(dense<[1, 2, 3]> : tensor<3xi32>) : !llvm.array<3 x i32>
  llvm.store %0, %p : !llvm.array<3 x i32>, !llvm.ptr
  // CHECK: store [4 x i8] c"abc\00", ptr %arg0
  %1 = llvm.mlir.constant("abc\00") : !llvm.array<4 x i8>
  llvm.store %1, %p : !llvm.array<4 x i8>, !llvm.ptr
  // CHECK: store { i32, float } zeroinitializer, ptr %arg0
  %2 = llvm.mlir.zero : !llvm.struct<(i32, f32)>
  llvm.store %2, %p : !llvm.struct<(i32, f32)>, !llvm.ptr
  // CHECK: store i64 poison, ptr %arg0
  %3 = llvm.mlir.poison : i64
  llvm.store %3, %p : i64, !llvm.ptr
  // CHECK: store i1 true, ptr %arg0
  %4 = llvm.mlir.constant(true) : i1
  llvm.store %4, %p : i1, !llvm.ptr
  // CHECK: store double 0x7FF8000000000000, ptr %arg0
  %5 = llvm.mlir.constant(0x7FF8000000000000 : f64) : f64
  llvm.store %5, %p : f64, !llvm.ptr
  // CHECK: store float 0xFFF0000000000000, ptr %arg0
  %6 = llvm.mlir.constant(0xFF800000 : f32) : f32
  llvm.store %6, %p : f32, !llvm.ptr
  // CHECK: store <2 x i64> <i64 -1, i64 9223372036854775807>, ptr %arg0
  %7 = llvm.mlir.constant(dense<[-1, 9223372036854775807]> : vector<2xi64>) : vector<2xi64>
  llvm.store %7, %p : vector<2xi64>, !llvm.ptr
  llvm.return
}
