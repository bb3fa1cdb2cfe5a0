// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(dce))' | filecheck %s
// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(canonicalize)' | filecheck %s --check-prefix=CANON

// An nn subgraph whose result is unused disappears (nn ops are Pure).
// CHECK-LABEL: func.func @dead_subgraph
// CHECK-NEXT: %[[R:.*]] = nn.relu %arg0
// CHECK-NEXT: return %[[R]]
func.func @dead_subgraph(%x: tensor<1x3x4x4xf32>, %w: tensor<2x3x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %0 = nn.conv2d %x, %w : (tensor<1x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = nn.sigmoid %0 : tensor<1x2x4x4xf32>
  %2 = nn.global_avg_pool %1 : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  %3 = nn.relu %x : tensor<1x3x4x4xf32>
  return %3 : tensor<1x3x4x4xf32>
}

// -----

// canonicalize folds a whole constant subgraph (transpose, add, relu, reshape) into one
// constant.
// CANON-LABEL: func.func @constant_subgraph
// CANON-NEXT: %[[C:.*]] = nn.constant dense<[1.000000e+00, 0.000000e+00, 2.000000e+00, 0.000000e+00]> : tensor<4xf32>
// CANON-NEXT: %[[R:.*]] = nn.add %arg0, %[[C]]
// CANON-NEXT: return %[[R]]
func.func @constant_subgraph(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = nn.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = nn.constant dense<[0.0, -5.0]> : tensor<2xf32>
  %s = nn.constant dense<[4]> : tensor<1xi64>
  %0 = nn.transpose %a {perm = array<i64: 1, 0>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %1 = nn.add %0, %b : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %2 = nn.relu %1 : tensor<2x2xf32>
  %3 = nn.reshape %2, %s : (tensor<2x2xf32>, tensor<1xi64>) -> tensor<4xf32>
  %4 = nn.add %x, %3 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %4 : tensor<4xf32>
}
