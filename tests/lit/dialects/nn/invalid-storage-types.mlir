// RUN: dialir-opt %s --split-input-file --verify-diagnostics

func.func @f0(%a: tensor<4xf8E4M3FN>) {
  // expected-error@+1 {{'nn.add' op operand #0 must be ranked tensor of 8- to 64-bit integer or f16/bf16/f32/f64 values, but got 'tensor<4xf8E4M3FN>'}}
  %0 = nn.add %a, %a : (tensor<4xf8E4M3FN>, tensor<4xf8E4M3FN>) -> tensor<4xf8E4M3FN>
  return
}

// -----

func.func @f1(%a: tensor<4xi4>) {
  // expected-error@+1 {{'nn.relu' op operand #0 must be ranked tensor of signless 8- to 64-bit integer or f16/bf16/f32/f64 values, but got 'tensor<4xi4>'}}
  %0 = nn.relu %a : tensor<4xi4>
  return
}

// -----

func.func @f2(%a: tensor<4xf32>) {
  // expected-error@+1 {{'nn.cast' op attribute 'round_mode' must be one of up, down, nearest, but got 'sideways'}}
  %0 = nn.cast %a {round_mode = "sideways"} : tensor<4xf32> to tensor<4xf8E8M0FNU>
  return
}

// -----

func.func @f3(%a: tensor<4xi3>) {
  // expected-error@+1 {{'nn.cast' op operand #0 must be ranked tensor of ONNX element type values, but got 'tensor<4xi3>'}}
  %0 = nn.cast %a : tensor<4xi3> to tensor<4xf32>
  return
}
