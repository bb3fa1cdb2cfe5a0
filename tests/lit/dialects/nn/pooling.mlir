// RUN: dialir-opt %s | dialir-opt | filecheck %s
// RUN: %roundtrip | filecheck %s
// RUN: dialir-opt %s --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC

// The pooling ops: 2-D (NCHW) and 3-D (NCDHW) max and average pooling, and max pooling's
// optional `indices` result (ONNX MaxPool's Indices) in both of its forms.

// The generic form shows every attribute with a default (MLIR's DefaultValuedAttr).
// GENERIC: %{{.*}}:2 = "nn.max_pool2d"(%{{.*}}) <{ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, storage_order = 1 : i64, strides = array<i64: 2, 2>}> : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
// GENERIC: "nn.avg_pool3d"(%{{.*}}) <{ceil_mode = false, count_include_pad = true, dilations = array<i64: 1, 1, 1>, kernel_shape = array<i64: 3, 3, 3>, pads = array<i64: 1, 1, 1, 1, 1, 1>, strides = array<i64: 1, 1, 1>}> : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x8x8x8xf32>

// CHECK-LABEL: func.func @pool2d
func.func @pool2d(%x: tensor<1x3x8x8xf32>, %i: tensor<2x4x7x9xi32>, %dyn: tensor<?x3x?x16xf16>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) {
  // CHECK: nn.max_pool2d %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  %0 = nn.max_pool2d %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: %[[P:.*]]:2 = nn.max_pool2d %{{.*}} {kernel_shape = array<i64: 2, 2>, storage_order = 1 : i64, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
  %1, %2 = nn.max_pool2d %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, storage_order = 1 : i64} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
  // CHECK: nn.max_pool2d %{{.*}} {ceil_mode = true, dilations = array<i64: 1, 2>, kernel_shape = array<i64: 3, 2>, pads = array<i64: 1, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<2x4x7x9xi32>) -> (tensor<2x4x4x5xi32>, tensor<2x4x4x5xi64>)
  %3:2 = nn.max_pool2d %i {kernel_shape = array<i64: 3, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 1, 1>, dilations = array<i64: 1, 2>, ceil_mode = true} : (tensor<2x4x7x9xi32>) -> (tensor<2x4x4x5xi32>, tensor<2x4x4x5xi64>)
  // CHECK: nn.max_pool2d %{{.*}} {kernel_shape = array<i64: 3, 3>} : (tensor<?x3x?x16xf16>) -> (tensor<?x3x?x14xf16>, tensor<?x3x?x14xi64>)
  %4:2 = nn.max_pool2d %dyn {kernel_shape = array<i64: 3, 3>} : (tensor<?x3x?x16xf16>) -> (tensor<?x3x?x14xf16>, tensor<?x3x?x14xi64>)
  // CHECK: nn.avg_pool2d %{{.*}} {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x?x16xf16>) -> tensor<?x3x?x16xf16>
  %5 = nn.avg_pool2d %dyn {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x?x16xf16>) -> tensor<?x3x?x16xf16>
  // CHECK: return %[[P]]#0, %[[P]]#1
  return %1, %2 : tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>
}

// CHECK-LABEL: func.func @pool3d
func.func @pool3d(%y: tensor<1x3x8x8x8xf32>, %u: tensor<1x2x5x6x7xui8>, %dyn: tensor<?x2x?x10x10xf64>) {
  // CHECK: nn.max_pool3d %{{.*}} {kernel_shape = array<i64: 2, 2, 2>} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x7x7x7xf32>
  %0 = nn.max_pool3d %y {kernel_shape = array<i64: 2, 2, 2>} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x7x7x7xf32>
  // CHECK: nn.max_pool3d %{{.*}} {kernel_shape = array<i64: 2, 2, 2>, storage_order = 1 : i64, strides = array<i64: 2, 2, 2>} : (tensor<1x3x8x8x8xf32>) -> (tensor<1x3x4x4x4xf32>, tensor<1x3x4x4x4xi64>)
  %1:2 = nn.max_pool3d %y {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>, storage_order = 1 : i64} : (tensor<1x3x8x8x8xf32>) -> (tensor<1x3x4x4x4xf32>, tensor<1x3x4x4x4xi64>)
  // CHECK: nn.max_pool3d %{{.*}} {ceil_mode = true, dilations = array<i64: 2, 1, 1>, kernel_shape = array<i64: 2, 3, 3>, pads = array<i64: 0, 1, 0, 1, 1, 0>, strides = array<i64: 1, 2, 2>} : (tensor<1x2x5x6x7xui8>) -> tensor<1x2x4x4x3xui8>
  %2 = nn.max_pool3d %u {kernel_shape = array<i64: 2, 3, 3>, strides = array<i64: 1, 2, 2>, pads = array<i64: 0, 1, 0, 1, 1, 0>, dilations = array<i64: 2, 1, 1>, ceil_mode = true} : (tensor<1x2x5x6x7xui8>) -> tensor<1x2x4x4x3xui8>
  // CHECK: nn.avg_pool3d %{{.*}} {count_include_pad = true, kernel_shape = array<i64: 3, 3, 3>, pads = array<i64: 1, 1, 1, 1, 1, 1>} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x8x8x8xf32>
  %3 = nn.avg_pool3d %y {kernel_shape = array<i64: 3, 3, 3>, pads = array<i64: 1, 1, 1, 1, 1, 1>, count_include_pad = true} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x8x8x8xf32>
  // CHECK: nn.avg_pool3d %{{.*}} {ceil_mode = true, dilations = array<i64: 1, 2, 2>, kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 3, 3>} : (tensor<?x2x?x10x10xf64>) -> tensor<?x2x?x4x4xf64>
  %4 = nn.avg_pool3d %dyn {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 3, 3>, dilations = array<i64: 1, 2, 2>, ceil_mode = true} : (tensor<?x2x?x10x10xf64>) -> tensor<?x2x?x4x4xf64>
  return
}
