// RUN: dialir-opt %s --split-input-file --verify-diagnostics

func.func @bad_args(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'nn.elementwise' op body arguments must be the input element types (f32)}}
  %r = nn.elementwise %a : (tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%x: f16):
    %y = arith.extf %x : f16 to f32
    nn.yield %y : f32
  }
  return %r : tensor<2xf32>
}

// -----

func.func @bad_yield(%a: tensor<2xf32>) -> tensor<2xf16> {
  // expected-error@+1 {{'nn.elementwise' op body yields 'f32', but the result elements are 'f16'}}
  %r = nn.elementwise %a : (tensor<2xf32>) -> tensor<2xf16> {
  ^bb0(%x: f32):
    nn.yield %x : f32
  }
  return %r : tensor<2xf16>
}

// -----

func.func @bad_shape(%a: tensor<2x3xf32>) -> tensor<3x3xf32> {
  // expected-error@+1 {{'nn.elementwise' op operand 'inputs[0]' (tensor<2x3xf32>) does not broadcast to the result}}
  %r = nn.elementwise %a : (tensor<2x3xf32>) -> tensor<3x3xf32> {
  ^bb0(%x: f32):
    nn.yield %x : f32
  }
  return %r : tensor<3x3xf32>
}

// -----

func.func @yield_outside(%a: f32) -> f32 {
  // expected-error@+1 {{'nn.yield' op expects parent op 'nn.elementwise'}}
  nn.yield %a : f32
}
