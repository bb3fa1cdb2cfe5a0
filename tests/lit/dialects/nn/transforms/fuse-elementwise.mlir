// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(nn-fuse-elementwise))' | filecheck %s

// A chain of broadcasting binary and unary ops becomes one nn.elementwise; the splat
// constant moves into the body.
// CHECK-LABEL: func.func @chain
// CHECK-NOT: nn.constant
// CHECK: %[[R:.*]] = nn.elementwise %arg0, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[H:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[S]], %[[H]] : f32
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[M]] : f32
// CHECK-NEXT: nn.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]]
func.func @chain(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %c = nn.constant dense<0.5> : tensor<f32>
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = nn.mul %0, %c : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %2 = nn.tanh %1 : tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}

// -----

// Bias addition goes into the conv, the activation becomes its epilogue.
// CHECK-LABEL: func.func @conv_bias_relu
// CHECK: %[[B:.*]] = nn.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: %[[C:.*]] = nn.conv2d %arg0, %arg1, %[[B]]
// CHECK: nn.elementwise %[[C]] {epilogue} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
// CHECK: arith.maximumf
// CHECK-NOT: nn.add
// CHECK-NOT: nn.relu
func.func @conv_bias_relu(%x: tensor<1x1x4x4xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %b = nn.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32>
  %0 = nn.conv2d %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = nn.add %0, %b : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %2 = nn.relu %1 : tensor<1x2x4x4xf32>
  return %2 : tensor<1x2x4x4xf32>
}

// -----

// matmul + bias becomes a gemm with c; the activation becomes its epilogue.
// CHECK-LABEL: func.func @matmul_bias_sigmoid
// CHECK: %[[G:.*]] = nn.gemm %arg0, %arg1, %arg2 : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
// CHECK: nn.elementwise %[[G]] {epilogue}
// CHECK: math.exp
func.func @matmul_bias_sigmoid(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = nn.matmul %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %1 = nn.add %0, %c : (tensor<3x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  %2 = nn.sigmoid %1 : tensor<3x5xf32>
  return %2 : tensor<3x5xf32>
}

// -----

// Fusion stops at a non-elementwise op (softmax): two groups, one on each side.
// CHECK-LABEL: func.func @stops_at_softmax
// CHECK: nn.elementwise
// CHECK: nn.softmax
// CHECK: nn.elementwise
// CHECK-NOT: nn.elementwise
func.func @stops_at_softmax(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = nn.exp %a : tensor<2x3xf32>
  %1 = nn.neg %0 : tensor<2x3xf32>
  %2 = nn.softmax %1 : tensor<2x3xf32>
  %3 = nn.abs %2 : tensor<2x3xf32>
  %4 = nn.sqrt %3 : tensor<2x3xf32>
  return %4 : tensor<2x3xf32>
}

// -----

// A value with a user outside the chain is not fused into it (that would compute it twice):
// %0 stays, the add and the relu fuse.
// CHECK-LABEL: func.func @multi_use
// CHECK: %[[E:.*]] = nn.exp %arg0
// CHECK: %[[F:.*]] = nn.elementwise %[[E]], %arg1
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK: nn.concat %[[E]], %[[F]]
func.func @multi_use(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %0 = nn.exp %a : tensor<2x3xf32>
  %1 = nn.add %0, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = nn.relu %1 : tensor<2x3xf32>
  %3 = nn.concat %0, %2 {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %3 : tensor<4x3xf32>
}

// -----

// A producer of a smaller (broadcast) shape is not fused: its elements would be computed
// once per broadcast copy. A lone elementwise op is left as it is.
// CHECK-LABEL: func.func @broadcast_producer
// CHECK: %[[E:.*]] = nn.exp %arg1 : tensor<3xf32>
// CHECK: nn.add %arg0, %[[E]]
// CHECK-NOT: nn.elementwise
func.func @broadcast_producer(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = nn.exp %b : tensor<3xf32>
  %1 = nn.add %a, %0 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// Comparisons, where and casts fuse too.
// CHECK-LABEL: func.func @select_cast
// CHECK: nn.elementwise %arg0, %arg1 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf16>
// CHECK: arith.cmpf ogt
// CHECK: arith.select
// CHECK: arith.truncf
func.func @select_cast(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf16> {
  %0 = nn.greater %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = nn.where %0, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = nn.cast %1 : tensor<4xf32> to tensor<4xf16>
  return %2 : tensor<4xf16>
}
