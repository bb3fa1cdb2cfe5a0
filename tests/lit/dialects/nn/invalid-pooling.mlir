// RUN: dialir-opt %s --split-input-file --verify-diagnostics

// One case per verifier rule of the pooling ops (nn.max_pool2d/3d, nn.avg_pool2d/3d).

func.func @rank(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool3d' op operand 'input' must be a 5-D tensor, but got 'tensor<1x3x8x8xf32>'}}
  %0 = nn.max_pool3d %x {kernel_shape = array<i64: 2, 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x7x7x7xf32>
  return
}

// -----

func.func @kernel_missing(%x: tensor<1x3x8x8x8xf32>) {
  // expected-error@+1 {{'nn.avg_pool3d' op requires attribute 'kernel_shape'}}
  %0 = nn.avg_pool3d %x : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x8x8x8xf32>
  return
}

// -----

func.func @kernel_length(%x: tensor<1x3x8x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool3d' op attribute 'kernel_shape' must have 3 elements, but has 2}}
  %0 = nn.max_pool3d %x {kernel_shape = array<i64: 2, 2>} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x7x7x7xf32>
  return
}

// -----

func.func @pads_length(%x: tensor<1x3x8x8x8xf32>) {
  // expected-error@+1 {{'nn.avg_pool3d' op attribute 'pads' must have 6 elements, but has 4}}
  %0 = nn.avg_pool3d %x {kernel_shape = array<i64: 2, 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x9x9x9xf32>
  return
}

// -----

func.func @negative_pads(%x: tensor<1x3x8x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool3d' op attribute 'pads' values must be non-negative, but got [0, 0, -1, 0, 0, 0]}}
  %0 = nn.max_pool3d %x {kernel_shape = array<i64: 2, 2, 2>, pads = array<i64: 0, 0, -1, 0, 0, 0>} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x7x7x6xf32>
  return
}

// -----

func.func @dilations(%x: tensor<1x3x8x8x8xf32>) {
  // expected-error@+1 {{'nn.avg_pool3d' op attribute 'dilations' values must be positive, but got [1, 0, 1]}}
  %0 = nn.avg_pool3d %x {kernel_shape = array<i64: 2, 2, 2>, dilations = array<i64: 1, 0, 1>} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x7x7x7xf32>
  return
}

// -----

func.func @window_too_large(%x: tensor<1x3x8x8x4xf32>) {
  // expected-error@+1 {{'nn.max_pool3d' op the window (kernel 3, dilation 2) does not fit the padded input of size 4}}
  %0 = nn.max_pool3d %x {kernel_shape = array<i64: 2, 2, 3>, dilations = array<i64: 1, 1, 2>} : (tensor<1x3x8x8x4xf32>) -> tensor<1x3x7x7x1xf32>
  return
}

// -----

func.func @result_shape(%x: tensor<1x3x8x8x8xf32>) {
  // expected-error@+1 {{'nn.avg_pool3d' op result #0 type 'tensor<1x3x4x4x4xf32>' is incompatible with the inferred type 'tensor<1x3x7x7x7xf32>'}}
  %0 = nn.avg_pool3d %x {kernel_shape = array<i64: 2, 2, 2>} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x4x4x4xf32>
  return
}

// -----

func.func @avg_int(%x: tensor<1x3x8x8x8xi32>) {
  // expected-error@+1 {{'nn.avg_pool3d' op operand #0 must be ranked tensor of f16, bf16, f32 or f64 values, but got 'tensor<1x3x8x8x8xi32>'}}
  %0 = nn.avg_pool3d %x {kernel_shape = array<i64: 2, 2, 2>} : (tensor<1x3x8x8x8xi32>) -> tensor<1x3x7x7x7xi32>
  return
}

// -----

func.func @indices_type(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool2d' op result #1 must be ranked tensor of 64-bit signless integer values, but got 'tensor<1x3x4x4xi32>'}}
  %0:2 = nn.max_pool2d %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi32>)
  return
}

// -----

func.func @indices_shape(%x: tensor<1x3x8x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool3d' op result #1 type 'tensor<1x3x4x4x3xi64>' is incompatible with the inferred type 'tensor<1x3x4x4x4xi64>'}}
  %0:2 = nn.max_pool3d %x {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>} : (tensor<1x3x8x8x8xf32>) -> (tensor<1x3x4x4x4xf32>, tensor<1x3x4x4x3xi64>)
  return
}

// -----

func.func @too_many_results(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool2d' op expected at most 2 results, but found 3}}
  %0:3 = "nn.max_pool2d"(%x) <{kernel_shape = array<i64: 2, 2>}> : (tensor<1x3x8x8xf32>) -> (tensor<1x3x7x7xf32>, tensor<1x3x7x7xi64>, tensor<1x3x7x7xi64>)
  return
}

// -----

func.func @avg_indices(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'nn.avg_pool2d' op expected 1 results, but found 2}}
  %0:2 = "nn.avg_pool2d"(%x) <{kernel_shape = array<i64: 2, 2>}> : (tensor<1x3x8x8xf32>) -> (tensor<1x3x7x7xf32>, tensor<1x3x7x7xi64>)
  return
}

// -----

func.func @storage_order(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool2d' op attribute 'storage_order' must be 0 or 1, but got 2}}
  %0:2 = nn.max_pool2d %x {kernel_shape = array<i64: 2, 2>, storage_order = 2 : i64} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x7x7xf32>, tensor<1x3x7x7xi64>)
  return
}

// -----

func.func @storage_order_type(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool2d' op attribute 'storage_order' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = nn.max_pool2d %x {kernel_shape = array<i64: 2, 2>, storage_order = 1 : i32} : (tensor<1x3x8x8xf32>) -> tensor<1x3x7x7xf32>
  return
}
