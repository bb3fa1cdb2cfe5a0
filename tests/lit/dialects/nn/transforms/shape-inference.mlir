// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(nn-shape-inference))' | filecheck %s

// Dynamic dims become static once operand types and constant shape operands are known,
// and the function's result type follows what it returns.
// CHECK-LABEL: func.func @refine
// CHECK-SAME: -> tensor<6x1xf32>
// CHECK: nn.add %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: nn.relu %{{.*}} : tensor<2x3xf32>
// CHECK: nn.reshape %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<6x1xf32>
// CHECK: return %{{.*}} : tensor<6x1xf32>
func.func @refine(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<?x?xf32> {
  %s = nn.constant dense<[-1, 1]> : tensor<2xi64>
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %1 = nn.relu %0 : tensor<?x3xf32>
  %2 = nn.reshape %1, %s : (tensor<?x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %2 : tensor<?x?xf32>
}

// -----

// A dimension stays dynamic where the input does not say it (batch), and becomes static
// where the weights do (channels); already static results are kept.
// CHECK-LABEL: func.func @conv_batch
// CHECK-SAME: -> tensor<?x8xf32>
// CHECK: nn.conv2d {{.*}} -> tensor<?x8x4x4xf32>
// CHECK: nn.global_avg_pool {{.*}} -> tensor<?x8x1x1xf32>
// CHECK: nn.flatten {{.*}} -> tensor<?x8xf32>
// CHECK: return {{.*}} : tensor<?x8xf32>
func.func @conv_batch(%x: tensor<?x3x6x6xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<?x?xf32> {
  %0 = nn.conv2d %x, %w : (tensor<?x3x6x6xf32>, tensor<8x3x3x3xf32>) -> tensor<?x8x4x4xf32>
  %1 = nn.global_avg_pool %0 : (tensor<?x8x4x4xf32>) -> tensor<?x?x1x1xf32>
  %2 = nn.flatten %1 : (tensor<?x?x1x1xf32>) -> tensor<?x?xf32>
  return %2 : tensor<?x?xf32>
}
