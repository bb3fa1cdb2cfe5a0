// RUN: dialir-opt %s --allow-unregistered-dialect | dialir-opt --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --mlir-print-op-generic | dialir-opt --allow-unregistered-dialect | filecheck %s

// llvm types as MLIR writes them: nested llvm types lose their `!llvm.` prefix, spaces are
// normalised. The checks hold what mlir-opt prints for the same input.

"test.ptr"() : () -> (!llvm.ptr, !llvm.ptr<1>, !llvm.ptr<42>, vector<4x!llvm.ptr>)
// CHECK: "test.ptr"() : () -> (!llvm.ptr, !llvm.ptr<1>, !llvm.ptr<42>, vector<4x!llvm.ptr>)

"test.struct"() : () -> (!llvm.struct<()>, !llvm.struct<(i32)>, !llvm.struct<(i32, f32, ptr, ptr<3>)>, !llvm.struct<packed (i8, i32)>, !llvm.struct<(struct<(i8)>, array<2 x struct<packed ()>>)>)
// CHECK: "test.struct"() : () -> (!llvm.struct<()>, !llvm.struct<(i32)>, !llvm.struct<(i32, f32, ptr, ptr<3>)>, !llvm.struct<packed (i8, i32)>, !llvm.struct<(struct<(i8)>, array<2 x struct<packed ()>>)>)

"test.named"() : () -> (!llvm.struct<"a", (i32, ptr)>, !llvm.struct<"b", packed (i8, i64)>, !llvm.struct<"c", opaque>, !llvm.struct<"d", ()>, !llvm.struct<"with space", (f64)>)
// CHECK: "test.named"() : () -> (!llvm.struct<"a", (i32, ptr)>, !llvm.struct<"b", packed (i8, i64)>, !llvm.struct<"c", opaque>, !llvm.struct<"d", ()>, !llvm.struct<"with space", (f64)>)

"test.array"() : () -> (!llvm.array<4 x f32>, !llvm.array<0 x i8>, !llvm.array<2 x array<3 x vector<4xf32>>>, !llvm.array<2 x ptr>)
// CHECK: "test.array"() : () -> (!llvm.array<4 x f32>, !llvm.array<0 x i8>, !llvm.array<2 x array<3 x vector<4xf32>>>, !llvm.array<2 x ptr>)

"test.func"() : () -> (!llvm.func<void ()>, !llvm.func<i32 (f32, ptr)>, !llvm.func<void (...)>, !llvm.func<i32 (ptr, ...)>, !llvm.func<struct<(i32, f32)> (array<2 x i64>)>, !llvm.func<vector<4xf32> (i64)>)
// CHECK: "test.func"() : () -> (!llvm.func<void ()>, !llvm.func<i32 (f32, ptr)>, !llvm.func<void (...)>, !llvm.func<i32 (ptr, ...)>, !llvm.func<struct<(i32, f32)> (array<2 x i64>)>, !llvm.func<vector<4xf32> (i64)>)

"test.spacing"() : () -> (!llvm.struct< ( i32 ,f32 ) >, !llvm.array< 4x f32 >, !llvm.func< void ( i32 , ... ) >)
// CHECK: "test.spacing"() : () -> (!llvm.struct<(i32, f32)>, !llvm.array<4 x f32>, !llvm.func<void (i32, ...)>)

"test.builtin_in_llvm"() : () -> (!llvm.struct<(index, tensor<2xf32>, memref<4xf32>, f16, bf16, i1)>)
// CHECK: "test.builtin_in_llvm"() : () -> !llvm.struct<(index, tensor<2xf32>, memref<4xf32>, f16, bf16, i1)>
