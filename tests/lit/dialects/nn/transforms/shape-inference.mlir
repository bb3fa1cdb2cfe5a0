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

// -----

// With other functions beside it a function keeps its signature (a call must keep matching
// it). A refinement an op cannot take is undone, with those its validity then needs: the
// return's operand and, since nn.relu wants its result's type equal to its input's, the
// relu's input too; the ops before them and on other paths stay refined. A call's operand
// keeps its type too.
// CHECK-LABEL: func.func @callee(%{{.*}}: tensor<2x3xf32>) -> tensor<?x?xf32>
// CHECK-NEXT: %[[T:.*]] = nn.transpose %{{.*}} : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[N:.*]] = nn.neg %[[T]] : tensor<3x2xf32>
// CHECK-NEXT: %[[R:.*]] = nn.add %[[T]], %[[N]] : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<?x?xf32>
// CHECK-NEXT: %[[S:.*]] = nn.relu %[[R]] : tensor<?x?xf32>
// CHECK-NEXT: return %[[S]] : tensor<?x?xf32>
// CHECK-LABEL: func.func @caller
// CHECK-NEXT: %[[C:.*]] = call @callee(%{{.*}}) : (tensor<2x3xf32>) -> tensor<?x?xf32>
// CHECK-NEXT: %[[U:.*]] = nn.transpose %[[C]] {{.*}} : (tensor<?x?xf32>) -> tensor<?x?xf32>
// CHECK-NEXT: %[[V:.*]] = nn.sigmoid %[[U]] : tensor<?x?xf32>
// CHECK-NEXT: nn.constant
// CHECK-NEXT: %[[W:.*]] = nn.reshape %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
// CHECK-NEXT: call @sink(%[[W]]) : (tensor<?x?xf32>) -> ()
func.func @callee(%a: tensor<2x3xf32>) -> tensor<?x?xf32> {
  %0 = nn.transpose %a {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<?x?xf32>
  %1 = nn.neg %0 : tensor<?x?xf32>
  %2 = nn.add %0, %1 : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %3 = nn.relu %2 : tensor<?x?xf32>
  return %3 : tensor<?x?xf32>
}
func.func private @sink(tensor<?x?xf32>)
func.func @caller(%a: tensor<2x3xf32>) -> tensor<?x?xf32> {
  %0 = call @callee(%a) : (tensor<2x3xf32>) -> tensor<?x?xf32>
  %1 = nn.transpose %0 {perm = array<i64: 1, 0>} : (tensor<?x?xf32>) -> tensor<?x?xf32>
  %2 = nn.sigmoid %1 : tensor<?x?xf32>
  %s = nn.constant dense<[3, 2]> : tensor<2xi64>
  %3 = nn.reshape %a, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  call @sink(%3) : (tensor<?x?xf32>) -> ()
  return %2 : tensor<?x?xf32>
}

// -----

// Alone in its module, a function's results follow what it returns, once refinements other
// ops cannot take (here arith.addf's, which wants equal operand and result types) are undone.
// CHECK-LABEL: func.func @alone(%{{.*}}: tensor<2x3xf32>) -> (tensor<?x?xf32>, tensor<2x3xf32>)
// CHECK-NEXT: nn.transpose %{{.*}} : (tensor<2x3xf32>) -> tensor<?x?xf32>
// CHECK-NEXT: arith.addf %{{.*}} : tensor<?x?xf32>
// CHECK-NEXT: nn.transpose %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}} : tensor<?x?xf32>, tensor<2x3xf32>
func.func @alone(%a: tensor<2x3xf32>) -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %0 = nn.transpose %a {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<?x?xf32>
  %1 = arith.addf %0, %0 : tensor<?x?xf32>
  %2 = nn.transpose %a {perm = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<?x?xf32>
  return %0, %2 : tensor<?x?xf32>, tensor<?x?xf32>
}
