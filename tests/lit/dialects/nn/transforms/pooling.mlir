// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(canonicalize)' | filecheck %s --check-prefix=CANON
// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(nn-shape-inference))' | filecheck %s --check-prefix=SHAPE
// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(nn-shape-inference, nn-fold-batchnorm, nn-fuse-elementwise), cse, canonicalize)' | filecheck %s --check-prefix=FUSE

// The graph passes on pooling ops with the optional `indices` result: constant folding
// gives both results, shape inference refines both, fusion leaves the two-result op alone.

// A constant input folds to the maxima and their column-major (storage_order = 1) flat
// positions: 5 at (h 0, w 1) is 0 + 1 * 2, 7 at (1, 3) is 1 + 3 * 2.
// CANON-LABEL: func.func @fold_with_indices
// CANON-DAG: %[[Y:.*]] = nn.constant dense<{{\[\[\[\[}}5.000000e+00, 7.000000e+00]]]]> : tensor<1x1x1x2xf32>
// CANON-DAG: %[[I:.*]] = nn.constant dense<{{\[\[\[\[}}2, 7]]]]> : tensor<1x1x1x2xi64>
// CANON-NOT: nn.max_pool2d
// CANON: return %[[Y]], %[[I]]
func.func @fold_with_indices() -> (tensor<1x1x1x2xf32>, tensor<1x1x1x2xi64>) {
  %c = nn.constant dense<[[[[1.0, 5.0, 2.0, 2.0], [4.0, 3.0, 0.0, 7.0]]]]> : tensor<1x1x2x4xf32>
  %y, %i = nn.max_pool2d %c {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, storage_order = 1 : i64} : (tensor<1x1x2x4xf32>) -> (tensor<1x1x1x2xf32>, tensor<1x1x1x2xi64>)
  return %y, %i : tensor<1x1x1x2xf32>, tensor<1x1x1x2xi64>
}

// -----

// 3-D pooling folds too (row-major indices into the whole 1 x 2 x 2 x 2 x 2 input; of
// channel 1's two 8s, at 8 + 0 and 8 + 3, the first one wins).
// CANON-LABEL: func.func @fold_3d
// CANON-DAG: nn.constant dense<{{\[\[\[\[\[}}7.000000e+00]]], {{\[\[\[}}8.000000e+00]]]]]> : tensor<1x2x1x1x1xf32>
// CANON-DAG: nn.constant dense<{{\[\[\[\[\[}}3]]], {{\[\[\[}}8]]]]]> : tensor<1x2x1x1x1xi64>
// CANON-DAG: nn.constant dense<{{\[\[\[\[\[}}4.000000e+00]]], {{\[\[\[}}2.500000e+00]]]]]> : tensor<1x2x1x1x1xf32>
func.func @fold_3d() -> (tensor<1x2x1x1x1xf32>, tensor<1x2x1x1x1xi64>, tensor<1x2x1x1x1xf32>) {
  %c = nn.constant dense<[[[[[1.0, 2.0], [3.0, 7.0]], [[4.0, 5.0], [6.0, 4.0]]], [[[8.0, 0.0], [0.0, 8.0]], [[0.0, 4.0], [0.0, 0.0]]]]]> : tensor<1x2x2x2x2xf32>
  %y, %i = nn.max_pool3d %c {kernel_shape = array<i64: 2, 2, 2>} : (tensor<1x2x2x2x2xf32>) -> (tensor<1x2x1x1x1xf32>, tensor<1x2x1x1x1xi64>)
  %a = nn.avg_pool3d %c {kernel_shape = array<i64: 2, 2, 2>} : (tensor<1x2x2x2x2xf32>) -> tensor<1x2x1x1x1xf32>
  return %y, %i, %a : tensor<1x2x1x1x1xf32>, tensor<1x2x1x1x1xi64>, tensor<1x2x1x1x1xf32>
}

// -----

// SHAPE-LABEL: func.func @infer
// SHAPE-SAME: -> (tensor<2x3x4x4x4xf32>, tensor<2x3x4x4x4xi64>)
// SHAPE: nn.max_pool3d %{{.*}} : (tensor<2x3x8x8x8xf32>) -> (tensor<2x3x4x4x4xf32>, tensor<2x3x4x4x4xi64>)
// FUSE-LABEL: func.func @infer
// FUSE: %[[P:.*]]:2 = nn.max_pool3d %{{.*}} : (tensor<2x3x8x8x8xf32>) -> (tensor<2x3x4x4x4xf32>, tensor<2x3x4x4x4xi64>)
// FUSE: %[[E:.*]] = nn.elementwise %[[P]]#0
// FUSE: return %[[E]], %[[P]]#1
func.func @infer(%x: tensor<2x3x8x8x8xf32>) -> (tensor<?x?x?x?x?xf32>, tensor<?x?x?x?x?xi64>) {
  %y:2 = "nn.max_pool3d"(%x) <{kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>}> : (tensor<2x3x8x8x8xf32>) -> (tensor<?x?x?x?x?xf32>, tensor<?x?x?x?x?xi64>)
  %n = nn.neg %y#0 : tensor<?x?x?x?x?xf32>
  %a = nn.abs %n : tensor<?x?x?x?x?xf32>
  return %a, %y#1 : tensor<?x?x?x?x?xf32>, tensor<?x?x?x?x?xi64>
}
