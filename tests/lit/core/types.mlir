// RUN: dialir-opt %s --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect | dialir-opt --allow-unregistered-dialect | filecheck %s

// CHECK: "test.types"() : () -> (i1, si8, ui16, i128, index, none, bf16, f16, f32, f64, f80, f128, tf32, f8E4M3FN)
"test.types"() : () -> (i1, si8, ui16, i128, index, none, bf16, f16, f32, f64, f80, f128, tf32, f8E4M3FN)
// CHECK: "test.shaped"() : () -> (tensor<4x?xf32>, tensor<*xi8>, tensor<f32>, tensor<2xf32, #enc.x<1>>, vector<4x[8]xf32>, vector<f32>)
"test.shaped"() : () -> (tensor<4x?xf32>, tensor<*xi8>, tensor<f32>, tensor<2xf32, #enc.x<1>>, vector<4x[8]xf32>, vector<f32>)
// CHECK: "test.memrefs"() : () -> (memref<4x4xf32, strided<[4, 1], offset: ?>>, memref<?xf32, 1>, memref<8xi8, #map, 3>, memref<*xf32, 2>)
"test.memrefs"() : () -> (memref<4x4xf32, strided<[4, 1], offset: ?>>, memref<?xf32, 1>, memref<8xi8, affine_map<(d0) -> (d0 * 2)>, 3>, memref<*xf32, 2>)
// CHECK: "test.other"() : () -> (complex<f32>, tuple<i32, f32>, tuple<>, (i32) -> (f32, i1), !llvm.struct<(i32, ptr<1>)>, !test<"x">)
"test.other"() : () -> (complex<f32>, tuple<i32, f32>, tuple<>, (i32) -> (f32, i1), !llvm.struct<(i32, ptr<1>)>, !test<"x">)
