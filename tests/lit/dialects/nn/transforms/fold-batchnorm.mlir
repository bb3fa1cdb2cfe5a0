// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(nn-fold-batchnorm))' | filecheck %s

// s = scale / sqrt(var) = [2, 3]: w' = w * s, b' = (0 - mean) * s + bias = [0, -2].
// CHECK-LABEL: func.func @conv
// CHECK-DAG: %[[W:.*]] = nn.constant dense<{{\[\[\[\[}}2.000000e+00]]], {{\[\[\[}}6.000000e+00]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = nn.constant dense<[0.000000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK: %[[R:.*]] = nn.conv2d %arg0, %[[W]], %[[B]] : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
// CHECK-NOT: nn.batch_norm
// CHECK: return %[[R]]
func.func @conv(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = nn.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %s = nn.constant dense<[4.0, 3.0]> : tensor<2xf32>
  %b = nn.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %m = nn.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %v = nn.constant dense<[4.0, 1.0]> : tensor<2xf32>
  %0 = nn.conv2d %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = nn.batch_norm %0, %s, %b, %m, %v {epsilon = 0.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// An existing conv bias is scaled too: b' = (b - mean) * s + bias = [(3 - 0.5) * 2 + 1, ...].
// CHECK-LABEL: func.func @conv_bias
// CHECK-DAG: nn.constant dense<[6.000000e+00, 1.000000e+00]> : tensor<2xf32>
// CHECK-NOT: nn.batch_norm
func.func @conv_bias(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = nn.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %cb = nn.constant dense<[3.0, 1.0]> : tensor<2xf32>
  %s = nn.constant dense<[4.0, 3.0]> : tensor<2xf32>
  %b = nn.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %m = nn.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %v = nn.constant dense<[4.0, 1.0]> : tensor<2xf32>
  %0 = nn.conv2d %x, %w, %cb : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %1 = nn.batch_norm %0, %s, %b, %m, %v {epsilon = 0.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// matmul(a, b) + c followed by a batch norm becomes one gemm.
// CHECK-LABEL: func.func @matmul_add
// CHECK-DAG: %[[B:.*]] = nn.constant dense<{{\[\[}}2.000000e+00, 3.000000e+00]]> : tensor<1x2xf32>
// CHECK-DAG: %[[C:.*]] = nn.constant dense<[1.000000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK: %[[R:.*]] = nn.gemm %arg0, %[[B]], %[[C]] : (tensor<3x1xf32>, tensor<1x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
// CHECK-NOT: nn.matmul
// CHECK-NOT: nn.add
// CHECK-NOT: nn.batch_norm
// CHECK: return %[[R]]
func.func @matmul_add(%a: tensor<3x1xf32>) -> tensor<3x2xf32> {
  %w = nn.constant dense<[[1.0, 1.0]]> : tensor<1x2xf32>
  %c = nn.constant dense<[0.5, 0.0]> : tensor<2xf32>
  %s = nn.constant dense<[4.0, 3.0]> : tensor<2xf32>
  %b = nn.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %m = nn.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %v = nn.constant dense<[4.0, 1.0]> : tensor<2xf32>
  %0 = nn.matmul %a, %w : (tensor<3x1xf32>, tensor<1x2xf32>) -> tensor<3x2xf32>
  %1 = nn.add %0, %c : (tensor<3x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  %2 = nn.batch_norm %1, %s, %b, %m, %v {epsilon = 0.0 : f32} : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %2 : tensor<3x2xf32>
}

// -----

// Not folded: the conv result has another user.
// CHECK-LABEL: func.func @conv_other_user
// CHECK: nn.conv2d
// CHECK: nn.batch_norm
// CHECK: nn.add
func.func @conv_other_user(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = nn.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %p = nn.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %0 = nn.conv2d %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = nn.batch_norm %0, %p, %p, %p, %p : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %2 = nn.add %0, %1 : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %2 : tensor<1x2x4x4xf32>
}

// -----

// Not folded: the weights are not constants (a function argument).
// CHECK-LABEL: func.func @conv_dynamic_weights
// CHECK: nn.conv2d
// CHECK: nn.batch_norm
func.func @conv_dynamic_weights(%x: tensor<1x1x4x4xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %p = nn.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %0 = nn.conv2d %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = nn.batch_norm %0, %p, %p, %p, %p : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// Not folded: a batch-norm parameter is not a constant.
// CHECK-LABEL: func.func @bn_dynamic_params
// CHECK: nn.conv2d
// CHECK: nn.batch_norm
func.func @bn_dynamic_params(%x: tensor<1x1x4x4xf32>, %scale: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %w = nn.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %p = nn.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %0 = nn.conv2d %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = nn.batch_norm %0, %scale, %p, %p, %p : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}
