// RUN: dialir-opt %s --split-input-file --verify-diagnostics

// One case per verifier rule of the nn ops: each names the operand or attribute at fault.
// Operand element types the op does not take.
func.func @f0(%a: tensor<2xi32>) {
  // expected-error@+1 {{'nn.sigmoid' op operand #0 must be ranked tensor of f16, bf16, f32 or f64 values, but got 'tensor<2xi32>'}}
  %0 = nn.sigmoid %a : tensor<2xi32>
  return
}

// -----

func.func @f1(%a: tensor<2xf32>) {
  // expected-error@+1 {{'nn.relu' op result #0 ('result') must have the same type as 'input' ('tensor<2xf32>'), but got 'tensor<2xf16>'}}
  %0 = "nn.relu"(%a) : (tensor<2xf32>) -> tensor<2xf16>
  return
}

// -----

func.func @f2(%a: tensor<2xindex>) {
  // expected-error@+1 {{'nn.add' op operand #0 must be ranked tensor of 8- to 64-bit integer or f16/bf16/f32/f64 values, but got 'tensor<2xindex>'}}
  %0 = nn.add %a, %a : (tensor<2xindex>, tensor<2xindex>) -> tensor<2xindex>
  return
}

// -----

func.func @f3(%a: tensor<*xf32>) {
  // expected-error@+1 {{'nn.exp' op operand #0 must be ranked tensor of f16, bf16, f32 or f64 values, but got 'tensor<*xf32>'}}
  %0 = nn.exp %a : tensor<*xf32>
  return
}

// -----

// Broadcasting.
func.func @f4(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'nn.add' op operands 'lhs' (tensor<2x3xf32>), 'rhs' (tensor<4xf32>) are not broadcast-compatible}}
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f5(%a: tensor<2x3xf32>, %b: tensor<3xi32>) {
  // expected-error@+1 {{'nn.mul' op operand 'rhs' must have the element type of 'lhs' (f32), but got 'tensor<3xi32>'}}
  %0 = nn.mul %a, %b : (tensor<2x3xf32>, tensor<3xi32>) -> tensor<2x3xf32>
  return
}

// -----

// Given result types must agree with the inferred ones (a ? matches any size).
func.func @f6(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{'nn.sub' op result #0 type 'tensor<3x3xf32>' is incompatible with the inferred type 'tensor<2x3xf32>'}}
  %0 = nn.sub %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @f7(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{'nn.less' op result #0 type 'tensor<2x3xf32>' is incompatible with the inferred type 'tensor<2x3xi1>'}}
  %0 = nn.less %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f8(%a: tensor<2x3xf32>) {
  // expected-error@+1 {{'nn.cast' op result #0 type 'tensor<3x2xi32>' is incompatible with the inferred type 'tensor<2x3xi32>'}}
  %0 = nn.cast %a : tensor<2x3xf32> to tensor<3x2xi32>
  return
}

// -----

func.func @f9(%c: tensor<2xi1>, %x: tensor<2xf32>, %y: tensor<2xf16>) {
  // expected-error@+1 {{'nn.where' op operand 'y' must have the element type of 'x' (f32), but got 'tensor<2xf16>'}}
  %0 = nn.where %c, %x, %y : (tensor<2xi1>, tensor<2xf32>, tensor<2xf16>) -> tensor<2xf32>
  return
}

// -----

// Clip bounds are scalars of the input's element type.
func.func @f10(%x: tensor<4xf32>, %lo: tensor<2xf32>) {
  // expected-error@+1 {{'nn.clip' op operand 'min' must be a 0-d tensor, but got 'tensor<2xf32>'}}
  %0 = nn.clip %x min %lo : (tensor<4xf32>, tensor<2xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f11(%x: tensor<4xf32>, %lo: tensor<f16>) {
  // expected-error@+1 {{'nn.clip' op operand 'max' must have the element type of 'input' (f32), but got 'tensor<f16>'}}
  %0 = nn.clip %x max %lo : (tensor<4xf32>, tensor<f16>) -> tensor<4xf32>
  return
}

// -----

// Attributes.
func.func @f12(%x: tensor<4xf32>) {
  // expected-error@+1 {{'nn.gelu' op attribute 'approximate' must be one of 'none', 'tanh', but got 'fast'}}
  %0 = nn.gelu %x {approximate = "fast"} : tensor<4xf32>
  return
}

// -----

func.func @f13(%x: tensor<4xf32>) {
  // expected-error@+1 {{'nn.leaky_relu' op attribute 'alpha' failed to satisfy constraint: 32-bit float attribute}}
  %0 = nn.leaky_relu %x {alpha = 0.5} : tensor<4xf32>
  return
}

// -----

func.func @f14(%x: tensor<4xf32>) {
  // expected-error@+1 {{'nn.softmax' op attribute 'axis' 1 is out of range [-1, 1) for rank 1}}
  %0 = nn.softmax %x {axis = 1 : i64} : tensor<4xf32>
  return
}

// -----

func.func @f15(%x: tensor<1x2x3x3xf32>) {
  // expected-error@+1 {{'nn.lrn' op attribute 'size' must be positive, but got 0}}
  %0 = nn.lrn %x {size = 0 : i64} : tensor<1x2x3x3xf32>
  return
}

// -----

func.func @f16(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'nn.lrn' op operand 'input' must be a 4-D tensor, but got 'tensor<2x3xf32>'}}
  %0 = nn.lrn %x {size = 3 : i64} : tensor<2x3xf32>
  return
}

// -----

func.func @f17(%x: tensor<1x2x3x3xf32>) {
  // expected-error@+1 {{'nn.lrn' op requires attribute 'size'}}
  %0 = nn.lrn %x : tensor<1x2x3x3xf32>
  return
}

// -----

// Matrix products.
func.func @f18(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error@+1 {{'nn.matmul' op contracting dimensions differ: 'lhs' (tensor<2x3xf32>) has 3, 'rhs' (tensor<4x5xf32>) has 4}}
  %0 = nn.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @f19(%a: tensor<2x2x3xf32>, %b: tensor<3x3x5xf32>) {
  // expected-error@+1 {{'nn.matmul' op batch dimensions of 'lhs' (tensor<2x2x3xf32>) and 'rhs' (tensor<3x3x5xf32>) do not broadcast}}
  %0 = nn.matmul %a, %b : (tensor<2x2x3xf32>, tensor<3x3x5xf32>) -> tensor<2x2x5xf32>
  return
}

// -----

func.func @f20(%a: tensor<f32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{'nn.matmul' op operands must have rank 1 or more}}
  %0 = nn.matmul %a, %b : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f21(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) {
  // expected-error@+1 {{'nn.gemm' op operand 'a' must be a 2-D tensor, but got 'tensor<2x3x4xf32>'}}
  %0 = nn.gemm %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @f22(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error@+1 {{'nn.gemm' op contracting dimensions differ: 'a' (tensor<2x3xf32>) gives 3, 'b' (tensor<4x3xf32>) gives 4}}
  %0 = nn.gemm %a, %b : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f23(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<3xf32>) {
  // expected-error@+1 {{'nn.gemm' op operand 'c' (tensor<3xf32>) does not broadcast to the result}}
  %0 = nn.gemm %a, %b, %c : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return
}

// -----

// Convolution.
func.func @f24(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op operand 'input' must be a 4-D tensor, but got 'tensor<3x8x8xf32>'}}
  %0 = nn.conv2d %x, %w : (tensor<3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f25(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op operand 'weight' must be a 4-D tensor, but got 'tensor<4x3x3xf32>'}}
  %0 = nn.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f26(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op input channels (3) must equal weight dimension 1 (2) times group (1)}}
  %0 = nn.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f27(%x: tensor<1x4x8x8xf32>, %w: tensor<3x2x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op weight dimension 0 (3) must be divisible by group (2)}}
  %0 = nn.conv2d %x, %w {group = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @f28(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op attribute 'group' must be positive, but got 0}}
  %0 = nn.conv2d %x, %w {group = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f29(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op operand 'bias' must have 4 elements (weight dimension 0), but got 'tensor<3xf32>'}}
  %0 = nn.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f30(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4x1xf32>) {
  // expected-error@+1 {{'nn.conv2d' op operand 'bias' must be a 1-D tensor, but got 'tensor<4x1xf32>'}}
  %0 = nn.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4x1xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f31(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op attribute 'strides' values must be positive, but got [0, 1]}}
  %0 = nn.conv2d %x, %w {strides = array<i64: 0, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f32(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op attribute 'dilations' must have 2 elements, but has 1}}
  %0 = nn.conv2d %x, %w {dilations = array<i64: 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f33(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op attribute 'pads' must have 4 elements, but has 2}}
  %0 = nn.conv2d %x, %w {pads = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f34(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op attribute 'pads' values must be non-negative, but got [1, -1, 0, 0]}}
  %0 = nn.conv2d %x, %w {pads = array<i64: 1, -1, 0, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f35(%x: tensor<1x3x2x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op the window (kernel 3, dilation 1) does not fit the padded input of size 2}}
  %0 = nn.conv2d %x, %w : (tensor<1x3x2x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x6xf32>
  return
}

// -----

func.func @f36(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'nn.conv2d' op result #0 type 'tensor<1x4x8x8xf32>' is incompatible with the inferred type 'tensor<1x4x6x6xf32>'}}
  %0 = nn.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

// Normalization.
func.func @f37(%x: tensor<4xf32>, %p: tensor<4xf32>) {
  // expected-error@+1 {{'nn.batch_norm' op operand 'input' must have rank 2 or more, but got 'tensor<4xf32>'}}
  %0 = nn.batch_norm %x, %p, %p, %p, %p : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f38(%x: tensor<1x3x2x2xf32>, %p: tensor<3xf32>, %q: tensor<4xf32>) {
  // expected-error@+1 {{'nn.batch_norm' op operand 'var' must have 3 elements (the input's channels), but got 'tensor<4xf32>'}}
  %0 = nn.batch_norm %x, %p, %p, %p, %q : (tensor<1x3x2x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<1x3x2x2xf32>
  return
}

// -----

func.func @f39(%x: tensor<2x8xf32>, %s: tensor<2xf32>) {
  // expected-error@+1 {{'nn.layer_norm' op operand 'scale' (tensor<2xf32>) does not broadcast to the normalized dimensions}}
  %0 = nn.layer_norm %x, %s : (tensor<2x8xf32>, tensor<2xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @f40(%x: tensor<2x8xf32>, %s: tensor<8xf32>) {
  // expected-error@+1 {{'nn.layer_norm' op expected 1 or 3 results (with Mean and InvStdDev), not 2}}
  %0:2 = nn.layer_norm %x, %s : (tensor<2x8xf32>, tensor<8xf32>) -> (tensor<2x8xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @f41(%x: tensor<2x8xf32>, %s: tensor<8xf32>) {
  // expected-error@+1 {{'nn.layer_norm' op result #1 type 'tensor<2x1xf16>' is incompatible with the inferred type 'tensor<2x1xf32>'}}
  %0:3 = nn.layer_norm %x, %s : (tensor<2x8xf32>, tensor<8xf32>) -> (tensor<2x8xf32>, tensor<2x1xf16>, tensor<2x1xf16>)
  return
}

// -----

func.func @f42(%x: tensor<2x8xf32>, %s: tensor<8xf32>) {
  // expected-error@+1 {{'nn.layer_norm' op attribute 'axis' 2 is out of range [-2, 2) for rank 2}}
  %0 = nn.layer_norm %x, %s {axis = 2 : i64} : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return
}

// -----

// Pooling.
func.func @f43(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool2d' op requires attribute 'kernel_shape'}}
  %0 = nn.max_pool2d %x : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @f44(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool2d' op attribute 'kernel_shape' must have 2 elements, but has 3}}
  %0 = nn.max_pool2d %x {kernel_shape = array<i64: 2, 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @f45(%x: tensor<3x8x8xf32>) {
  // expected-error@+1 {{'nn.avg_pool2d' op operand 'input' must be a 4-D tensor, but got 'tensor<3x8x8xf32>'}}
  %0 = nn.avg_pool2d %x {kernel_shape = array<i64: 2, 2>} : (tensor<3x8x8xf32>) -> tensor<3x7x7xf32>
  return
}

// -----

func.func @f46(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'nn.avg_pool2d' op attribute 'strides' values must be positive, but got [2, -2]}}
  %0 = nn.avg_pool2d %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, -2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @f47(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'nn.max_pool2d' op result #0 type 'tensor<1x3x4x4xf32>' is incompatible with the inferred type 'tensor<1x3x3x3xf32>'}}
  %0 = nn.max_pool2d %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @f48(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'nn.global_avg_pool' op operand 'input' must have rank 3 or more, but got 'tensor<2x3xf32>'}}
  %0 = nn.global_avg_pool %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// Reductions.
func.func @f49(%x: tensor<2x3xf32>) {
  %axes = nn.constant dense<[2]> : tensor<1xi64>
  // expected-error@+1 {{'nn.reduce_sum' op axes value 2 is out of range [-2, 2) for rank 2}}
  %0 = nn.reduce_sum %x, %axes : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f50(%x: tensor<2x3xf32>) {
  %axes = nn.constant dense<[1, -1]> : tensor<2xi64>
  // expected-error@+1 {{'nn.reduce_max' op axes must not repeat an axis, but got [1, -1]}}
  %0 = nn.reduce_max %x, %axes : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x1xf32>
  return
}

// -----

func.func @f51(%x: tensor<2x3xf32>, %axes: tensor<1x1xi64>) {
  // expected-error@+1 {{'nn.reduce_min' op operand #1 must be 1-D tensor of 64-bit signless integer values, but got 'tensor<1x1xi64>'}}
  %0 = nn.reduce_min %x, %axes : (tensor<2x3xf32>, tensor<1x1xi64>) -> tensor<2x1xf32>
  return
}

// -----

// Reshape.
func.func @f52(%x: tensor<2x3xf32>) {
  %s = nn.constant dense<[-1, -1]> : tensor<2xi64>
  // expected-error@+1 {{'nn.reshape' op shape may contain at most one -1, but got [-1, -1]}}
  %0 = nn.reshape %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return
}

// -----

func.func @f53(%x: tensor<2x3xf32>) {
  %s = nn.constant dense<[4, 2]> : tensor<2xi64>
  // expected-error@+1 {{'nn.reshape' op cannot reshape [2, 3] (6 elements) into [4, 2] (8 elements)}}
  %0 = nn.reshape %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x2xf32>
  return
}

// -----

func.func @f54(%x: tensor<2x3xf32>) {
  %s = nn.constant dense<[4, -1]> : tensor<2xi64>
  // expected-error@+1 {{'nn.reshape' op cannot reshape 6 elements into [4, -1]: the -1 dimension is not a whole number}}
  %0 = nn.reshape %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x?xf32>
  return
}

// -----

func.func @f55(%x: tensor<2x3xf32>) {
  %s = nn.constant dense<[0, -1]> : tensor<2xi64>
  // expected-error@+1 {{'nn.reshape' op shape cannot contain both 0 and -1 when allowzero is set: [0, -1]}}
  %0 = nn.reshape %x, %s {allowzero = true} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return
}

// -----

func.func @f56(%x: tensor<6xf32>) {
  %s = nn.constant dense<[2, 0]> : tensor<2xi64>
  // expected-error@+1 {{'nn.reshape' op shape value 0 at index 1 copies an input dimension, but the input has rank 1}}
  %0 = nn.reshape %x, %s : (tensor<6xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return
}

// -----

func.func @f57(%x: tensor<6xf32>) {
  %s = nn.constant dense<[-2, 3]> : tensor<2xi64>
  // expected-error@+1 {{'nn.reshape' op shape values must be >= -1, but got [-2, 3]}}
  %0 = nn.reshape %x, %s : (tensor<6xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return
}

// -----

func.func @f58(%x: tensor<6xf32>, %s: tensor<2xi32>) {
  // expected-error@+1 {{'nn.reshape' op operand #1 must be 1-D tensor of 64-bit signless integer values, but got 'tensor<2xi32>'}}
  %0 = nn.reshape %x, %s : (tensor<6xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @f59(%x: tensor<6xf32>, %s: tensor<2xi64>) {
  // expected-error@+1 {{'nn.reshape' op result #0 type 'tensor<?x?x?xf32>' is incompatible with the inferred type 'tensor<?x?xf32>'}}
  %0 = nn.reshape %x, %s : (tensor<6xf32>, tensor<2xi64>) -> tensor<?x?x?xf32>
  return
}

// -----

// Layout.
func.func @f60(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'nn.flatten' op attribute 'axis' 3 is out of range [-2, 2] for rank 2}}
  %0 = nn.flatten %x {axis = 3 : i64} : (tensor<2x3xf32>) -> tensor<6x1xf32>
  return
}

// -----

func.func @f61(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'nn.transpose' op attribute 'perm' must be a permutation of 0..1, but got [0, 0]}}
  %0 = nn.transpose %x {perm = array<i64: 0, 0>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @f62(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'nn.transpose' op requires attribute 'perm'}}
  %0 = nn.transpose %x : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f63(%x: tensor<2x3xf32>, %y: tensor<2x4xf32>) {
  // expected-error@+1 {{'nn.concat' op operand 'inputs #1' (tensor<2x4xf32>) differs from the others in dimension 1}}
  %0 = nn.concat %x, %y {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @f64(%x: tensor<2x3xf32>, %y: tensor<2xf32>) {
  // expected-error@+1 {{'nn.concat' op operand 'inputs #1' (tensor<2xf32>) must have rank 2}}
  %0 = nn.concat %x, %y {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @f65(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'nn.concat' op attribute 'axis' -3 is out of range [-2, 2) for rank 2}}
  %0 = nn.concat %x {axis = -3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f66() {
  // expected-error@+1 {{'nn.concat' op requires at least one operand}}
  %0 = "nn.concat"() <{axis = 0 : i64}> : () -> tensor<2xf32>
  return
}

// -----

func.func @f67(%x: tensor<2x3xf32>) {
  %s = nn.constant dense<[1, 1]> : tensor<2xi64>
  // expected-error@+1 {{'nn.split' op split sizes [1, 1] do not add up to dimension 1 (3)}}
  %0:2 = nn.split %x, %s {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> (tensor<2x1xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @f68(%x: tensor<2x3xf32>) {
  %s = nn.constant dense<[1, 2]> : tensor<2xi64>
  // expected-error@+1 {{'nn.split' op 'split' has 2 sizes, but the op has 3 results}}
  %0:3 = nn.split %x, %s {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> (tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x0xf32>)
  return
}

// -----

func.func @f69(%x: tensor<2x3xf32>) {
  %s = nn.constant dense<[4, -1]> : tensor<2xi64>
  // expected-error@+1 {{'nn.split' op split sizes must be non-negative, but got [4, -1]}}
  %0:2 = nn.split %x, %s {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> (tensor<2x4xf32>, tensor<2x?xf32>)
  return
}

// -----

func.func @f70(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'nn.split' op requires at least one result}}
  "nn.split"(%x) : (tensor<2x3xf32>) -> ()
  return
}

// -----

// Slice, gather, pad.
func.func @f71(%x: tensor<4xf32>) {
  %a = nn.constant dense<[0]> : tensor<1xi64>
  %z = nn.constant dense<[0]> : tensor<1xi64>
  // expected-error@+1 {{'nn.slice' op slice steps must not be 0, but got [0]}}
  %0 = nn.slice %x, %a, %a steps %z : (tensor<4xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<0xf32>
  return
}

// -----

func.func @f72(%x: tensor<4xf32>, %s: tensor<1xi64>, %e: tensor<2xi64>) {
  // expected-error@+1 {{'nn.slice' op operand 'ends' must have 1 elements like 'starts'}}
  %0 = nn.slice %x, %s, %e : (tensor<4xf32>, tensor<1xi64>, tensor<2xi64>) -> tensor<?xf32>
  return
}

// -----

func.func @f73(%x: tensor<4x4xf32>, %s: tensor<2xi64>) {
  %a = nn.constant dense<[1, -1]> : tensor<2xi64>
  // expected-error@+1 {{'nn.slice' op axes must not repeat an axis, but got [1, -1]}}
  %0 = nn.slice %x, %s, %s axes %a : (tensor<4x4xf32>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x?xf32>
  return
}

// -----

func.func @f74(%x: tensor<4xf32>, %s: tensor<2xi64>) {
  // expected-error@+1 {{'nn.slice' op 'starts' has 2 elements, more than the input's rank}}
  %0 = nn.slice %x, %s, %s : (tensor<4xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?xf32>
  return
}

// -----

func.func @f75(%x: tensor<4x3xf32>) {
  %i = nn.constant dense<[0, 4]> : tensor<2xi64>
  // expected-error@+1 {{'nn.gather' op index 4 is out of range [-4, 4) of dimension 0}}
  %0 = nn.gather %x, %i : (tensor<4x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f76(%x: tensor<4x3xf32>, %i: tensor<2xi64>) {
  // expected-error@+1 {{'nn.gather' op attribute 'axis' 2 is out of range [-2, 2) for rank 2}}
  %0 = nn.gather %x, %i {axis = 2 : i64} : (tensor<4x3xf32>, tensor<2xi64>) -> tensor<4x2xf32>
  return
}

// -----

func.func @f77(%x: tensor<4x3xf32>, %i: tensor<2xf32>) {
  // expected-error@+1 {{'nn.gather' op operand #1 must be ranked tensor of 32/64-bit signless integer values, but got 'tensor<2xf32>'}}
  %0 = nn.gather %x, %i : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f78(%x: tensor<4x3xf32>, %p: tensor<4xi64>) {
  // expected-error@+1 {{'nn.pad' op attribute 'mode' must be one of 'constant', 'reflect', 'edge', 'wrap', but got 'mirror'}}
  %0 = nn.pad %x, %p {mode = "mirror"} : (tensor<4x3xf32>, tensor<4xi64>) -> tensor<?x?xf32>
  return
}

// -----

func.func @f79(%x: tensor<4x3xf32>, %p: tensor<2xi64>) {
  // expected-error@+1 {{'nn.pad' op operand 'pads' must have 4 elements (2 per padded axis), but has 2}}
  %0 = nn.pad %x, %p : (tensor<4x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return
}

// -----

func.func @f80(%x: tensor<4x3xf32>) {
  %p = nn.constant dense<[0, -2, 0, -2]> : tensor<4xi64>
  // expected-error@+1 {{'nn.pad' op padding makes dimension 1 negative (-1)}}
  %0 = nn.pad %x, %p : (tensor<4x3xf32>, tensor<4xi64>) -> tensor<4x?xf32>
  return
}

// -----

func.func @f81(%x: tensor<4x3xf32>, %p: tensor<4xi64>, %v: tensor<2xf32>) {
  // expected-error@+1 {{'nn.pad' op operand 'constant_value' must be a 0-d tensor, but got 'tensor<2xf32>'}}
  %0 = nn.pad %x, %p value %v : (tensor<4x3xf32>, tensor<4xi64>, tensor<2xf32>) -> tensor<?x?xf32>
  return
}

// -----

// Squeeze, unsqueeze, expand.
func.func @f82(%x: tensor<2x1xf32>) {
  %a = nn.constant dense<[0]> : tensor<1xi64>
  // expected-error@+1 {{'nn.squeeze' op cannot squeeze dimension 0 of size 2}}
  %0 = nn.squeeze %x, %a : (tensor<2x1xf32>, tensor<1xi64>) -> tensor<1xf32>
  return
}

// -----

func.func @f83(%x: tensor<2x3xf32>) {
  %a = nn.constant dense<[3]> : tensor<1xi64>
  // expected-error@+1 {{'nn.unsqueeze' op axes value 3 is out of range [-3, 3) for rank 3}}
  %0 = nn.unsqueeze %x, %a : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x3x1xf32>
  return
}

// -----

func.func @f84(%x: tensor<2x3xf32>) {
  %s = nn.constant dense<[4, 3]> : tensor<2xi64>
  // expected-error@+1 {{'nn.expand' op input 'tensor<2x3xf32>' does not broadcast with shape [4, 3]}}
  %0 = nn.expand %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x3xf32>
  return
}

// -----

func.func @f85(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'nn.shape' op result #0 type 'tensor<3xi64>' is incompatible with the inferred type 'tensor<2xi64>'}}
  %0 = nn.shape %x : (tensor<2x3xf32>) -> tensor<3xi64>
  return
}

// -----

// Constants.
func.func @f86() {
  // expected-error@+1 {{'nn.constant' op value type 'tensor<2xindex>' does not have an ONNX element type}}
  %0 = nn.constant dense<1> : tensor<2xindex>
  return
}

// -----

func.func @f87() {
  // expected-error@+1 {{'nn.constant' op result #0 type 'tensor<3xf32>' is incompatible with the inferred type 'tensor<2xf32>'}}
  %0 = "nn.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  return
}

// -----

func.func @f88() {
  // expected-error@+1 {{'nn.constant' op attribute 'value' failed to satisfy constraint: dense or dense_resource tensor attribute}}
  %0 = "nn.constant"() <{value = 1.0 : f32}> : () -> tensor<f32>
  return
}

// -----

// The rules above, on the ops that share them.
func.func @f89(%a: tensor<2xui8>) {
  // expected-error@+1 {{'nn.neg' op operand #0 must be ranked tensor of signless 8- to 64-bit integer or f16/bf16/f32/f64 values, but got 'tensor<2xui8>'}}
  %0 = nn.neg %a : tensor<2xui8>
  return
}

// -----

func.func @f90(%a: tensor<2xi1>) {
  // expected-error@+1 {{'nn.abs' op operand #0 must be ranked tensor of 8- to 64-bit integer or f16/bf16/f32/f64 values, but got 'tensor<2xi1>'}}
  %0 = nn.abs %a : tensor<2xi1>
  return
}

// -----

func.func @f91(%a: tensor<2xi32>) {
  // expected-error@+1 {{'nn.tanh' op operand #0 must be ranked tensor of f16, bf16, f32 or f64 values, but got 'tensor<2xi32>'}}
  %0 = nn.tanh %a : tensor<2xi32>
  return
}

// -----

func.func @f92(%a: tensor<2xi64>) {
  // expected-error@+1 {{'nn.log' op operand #0 must be ranked tensor of f16, bf16, f32 or f64 values, but got 'tensor<2xi64>'}}
  %0 = nn.log %a : tensor<2xi64>
  return
}

// -----

func.func @f93(%a: tensor<2xi8>) {
  // expected-error@+1 {{'nn.sqrt' op operand #0 must be ranked tensor of f16, bf16, f32 or f64 values, but got 'tensor<2xi8>'}}
  %0 = nn.sqrt %a : tensor<2xi8>
  return
}

// -----

func.func @f94(%a: tensor<2xi1>) {
  // expected-error@+1 {{'nn.erf' op operand #0 must be ranked tensor of 8- to 64-bit integer or f16/bf16/f32/f64 values, but got 'tensor<2xi1>'}}
  %0 = nn.erf %a : tensor<2xi1>
  return
}

// -----

func.func @f95(%a: tensor<2xf32>) {
  // expected-error@+1 {{'nn.identity' op result #0 ('result') must have the same type as 'input' ('tensor<2xf32>'), but got 'tensor<3xf32>'}}
  %0 = "nn.identity"(%a) : (tensor<2xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f96(%a: tensor<2x3xf32>) {
  // expected-error@+1 {{'nn.log_softmax' op attribute 'axis' -3 is out of range [-2, 2) for rank 2}}
  %0 = nn.log_softmax %a {axis = -3 : i64} : tensor<2x3xf32>
  return
}

// -----

func.func @f97(%a: tensor<2x3xi32>, %b: tensor<2x2xi32>) {
  // expected-error@+1 {{'nn.div' op operands 'lhs' (tensor<2x3xi32>), 'rhs' (tensor<2x2xi32>) are not broadcast-compatible}}
  %0 = nn.div %a, %b : (tensor<2x3xi32>, tensor<2x2xi32>) -> tensor<2x3xi32>
  return
}

// -----

func.func @f98(%a: tensor<2xf32>, %b: tensor<2xi1>) {
  // expected-error@+1 {{'nn.pow' op operand #1 must be ranked tensor of 8- to 64-bit integer or f16/bf16/f32/f64 values, but got 'tensor<2xi1>'}}
  %0 = nn.pow %a, %b : (tensor<2xf32>, tensor<2xi1>) -> tensor<2xf32>
  return
}

// -----

func.func @f99(%a: tensor<2xf32>, %b: tensor<2xf32>) {
  // expected-error@+1 {{'nn.min' op result #0 type 'tensor<1xf32>' is incompatible with the inferred type 'tensor<2xf32>'}}
  %0 = nn.min %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<1xf32>
  return
}

// -----

func.func @f100(%a: tensor<2xi32>, %b: tensor<2xi64>) {
  // expected-error@+1 {{'nn.equal' op operand 'rhs' must have the element type of 'lhs' (i32), but got 'tensor<2xi64>'}}
  %0 = nn.equal %a, %b : (tensor<2xi32>, tensor<2xi64>) -> tensor<2xi1>
  return
}

// -----

func.func @f101(%a: tensor<2xi1>, %b: tensor<2xi1>) {
  // expected-error@+1 {{'nn.greater' op operand #0 must be ranked tensor of 8- to 64-bit integer or f16/bf16/f32/f64 values, but got 'tensor<2xi1>'}}
  %0 = nn.greater %a, %b : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  return
}

// -----

func.func @f102(%x: tensor<2x3xf32>) {
  %axes = nn.constant dense<[1]> : tensor<1xi64>
  // expected-error@+1 {{'nn.reduce_mean' op result #0 type 'tensor<2x1xf32>' is incompatible with the inferred type 'tensor<2xf32>'}}
  %0 = nn.reduce_mean %x, %axes {keepdims = false} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x1xf32>
  return
}
