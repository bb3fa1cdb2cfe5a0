// RUN: dialir-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(nn-shape-inference))'

// Valid as written (`?` matches 4), but once %0 is known to be 2x3 the add cannot broadcast.
func.func @incompatible(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  // expected-error@+1 {{'nn.add' op operands 'lhs' (tensor<2x3xf32>), 'rhs' (tensor<4x3xf32>) are not broadcast-compatible}}
  %1 = nn.add %0, %c : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %1 : tensor<4x3xf32>
}

// -----

// The cast's declared 5x3 result contradicts its now static 2x3 input.
func.func @contradiction(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<?x3xf32> {
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  // expected-error@+1 {{'nn.cast' op result #0 type 'tensor<5x3xf16>' is incompatible with the inferred type 'tensor<2x3xf16>'}}
  %1 = nn.cast %0 : tensor<?x3xf32> to tensor<5x3xf16>
  %2 = nn.cast %1 : tensor<5x3xf16> to tensor<?x3xf32>
  return %2 : tensor<?x3xf32>
}
