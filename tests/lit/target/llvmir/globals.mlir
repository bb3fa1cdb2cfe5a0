// RUN: dialir-translate --mlir-to-llvmir %s | filecheck %s

// Globals: linkage, visibility, thread-local modes, address spaces, alignment, sections;
// initial values (scalars, strings, dense arrays, large dense data as bytes) and
// initializer regions folded to constants.

// CHECK: %struct.pair = type { i32, ptr }
// CHECK: %opaque = type opaque

// CHECK: @i = internal global i32 42, align 4
llvm.mlir.global internal @i(42 : i32) {alignment = 4 : i64} : i32
// CHECK: @f = private constant float 0x3FF8000000000000
llvm.mlir.global private constant @f(1.5 : f32) : f32
// CHECK: @str = internal constant [6 x i8] c"hello\00"
llvm.mlir.global internal constant @str("hello\00") : !llvm.array<6 x i8>
// CHECK: @quote = internal constant [3 x i8] c"\22\5C\0A"
llvm.mlir.global internal constant @quote("\"\\\0A") : !llvm.array<3 x i8>
// CHECK: @ext = external global float
llvm.mlir.global external @ext() : f32
// CHECK: @weak = weak hidden thread_local(initialexec) global i64 0
llvm.mlir.global weak hidden thread_local(initialexec) @weak(0 : i64) : i64
// CHECK: @shared = linkonce_odr unnamed_addr addrspace(3) global i32 0, section "data"
llvm.mlir.global linkonce_odr unnamed_addr @shared(0 : i32) {addr_space = 3 : i32, section = "data"} : i32
// CHECK: @local = internal dso_local local_unnamed_addr externally_initialized global i8 1
llvm.mlir.global internal local_unnamed_addr @local(1 : i8) {dso_local, externally_initialized} : i8
// CHECK: @vec = internal constant <4 x float> <float 0x3FF0000000000000, float 0x4000000000000000, float 0x4008000000000000, float 0x4010000000000000>
llvm.mlir.global internal constant @vec(dense<[1.0, 2.0, 3.0, 4.0]> : vector<4xf32>) : vector<4xf32>
// CHECK: @matrix = internal constant [2 x [3 x i32]] {{\[}}[3 x i32] [i32 1, i32 2, i32 3], [3 x i32] [i32 4, i32 5, i32 6]]
llvm.mlir.global internal constant @matrix(dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>) : !llvm.array<2 x array<3 x i32>>
// CHECK: @zeros = internal global [4 x [4 x float]] zeroinitializer
llvm.mlir.global internal @zeros(dense<0.0> : tensor<4x4xf32>) : !llvm.array<4 x array<4 x f32>>
// CHECK: @splat = internal global [2 x i16] [i16 7, i16 7]
llvm.mlir.global internal @splat(dense<7> : tensor<2xi16>) : !llvm.array<2 x i16>
// More than 64 elements: written as their bytes (little-endian floats 0, 1, 2, ...).
// CHECK: @big = internal constant [400 x i8] c"\00\00\00\00\00\00\80\3F\00\00\00\40\00\00\40\40{{.*}}\00\00\C6\42", align 64
llvm.mlir.global internal constant @big(dense<[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0, 40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0, 50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0, 57.0, 58.0, 59.0, 60.0, 61.0, 62.0, 63.0, 64.0, 65.0, 66.0, 67.0, 68.0, 69.0, 70.0, 71.0, 72.0, 73.0, 74.0, 75.0, 76.0, 77.0, 78.0, 79.0, 80.0, 81.0, 82.0, 83.0, 84.0, 85.0, 86.0, 87.0, 88.0, 89.0, 90.0, 91.0, 92.0, 93.0, 94.0, 95.0, 96.0, 97.0, 98.0, 99.0]> : tensor<100xf32>) {alignment = 64 : i64} : !llvm.array<100 x f32>

// An initializer region: a constant getelementptr expression.
// CHECK: @gep = internal constant ptr getelementptr inbounds (i32, ptr @i, i32 2)
llvm.mlir.global internal constant @gep() : !llvm.ptr {
  %0 = llvm.mlir.addressof @i : !llvm.ptr
  %1 = llvm.getelementptr inbounds %0[2] : (!llvm.ptr) -> !llvm.ptr, i32
  llvm.return %1 : !llvm.ptr
}

// An aggregate built by insertvalue.
// CHECK: @pair = internal global %struct.pair { i32 7, ptr @str }
llvm.mlir.global internal @pair() : !llvm.struct<"struct.pair", (i32, ptr)> {
  %0 = llvm.mlir.undef : !llvm.struct<"struct.pair", (i32, ptr)>
  %1 = llvm.mlir.constant(7 : i32) : i32
  %2 = llvm.insertvalue %1, %0[0] : !llvm.struct<"struct.pair", (i32, ptr)>
  %3 = llvm.mlir.addressof @str : !llvm.ptr
  %4 = llvm.insertvalue %3, %2[1] : !llvm.struct<"struct.pair", (i32, ptr)>
  llvm.return %4 : !llvm.struct<"struct.pair", (i32, ptr)>
}

// CHECK: @nested = internal global { [2 x i64], float } { [2 x i64] [i64 3, i64 undef], float 0x0000000000000000 }
llvm.mlir.global internal @nested() : !llvm.struct<(array<2 x i64>, f32)> {
  %0 = llvm.mlir.zero : !llvm.struct<(array<2 x i64>, f32)>
  %1 = llvm.mlir.undef : !llvm.array<2 x i64>
  %2 = llvm.insertvalue %1, %0[0] : !llvm.struct<(array<2 x i64>, f32)>
  %3 = llvm.mlir.constant(3 : i64) : i64
  %4 = llvm.insertvalue %3, %2[0, 0] : !llvm.struct<(array<2 x i64>, f32)>
  llvm.return %4 : !llvm.struct<(array<2 x i64>, f32)>
}

// CHECK: @as_int = internal global i64 ptrtoint (ptr @i to i64)
llvm.mlir.global internal @as_int() : i64 {
  %0 = llvm.mlir.addressof @i : !llvm.ptr
  %1 = llvm.ptrtoint %0 : !llvm.ptr to i64
  llvm.return %1 : i64
}

// CHECK: @handle = external global %opaque
llvm.mlir.global external @handle() : !llvm.struct<"opaque", opaque>

// CHECK-LABEL: define ptr @address()
// CHECK: ret ptr @big
llvm.func @address() -> !llvm.ptr {
  %0 = llvm.mlir.addressof @big : !llvm.ptr
  llvm.return %0 : !llvm.ptr
}
