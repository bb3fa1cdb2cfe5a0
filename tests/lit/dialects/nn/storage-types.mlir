// RUN: dialir-opt %s --split-input-file | filecheck %s
// REDEFINE: %{roundtrip-flags} = --split-input-file
// RUN: %roundtrip | filecheck %s

// ONNX's storage formats (MLIR's f8/f4 float types, i2/i4/ui2/ui4): nn ops move and cast
// them; nn.cast's saturate and round_mode print only when they differ from the defaults.

// CHECK-LABEL: func.func @casts
// CHECK: nn.cast %{{.*}} : tensor<4xf32> to tensor<4xf8E4M3FN>
// CHECK: nn.cast %{{.*}} {saturate = false} : tensor<4xf16> to tensor<4xf8E5M2FNUZ>
// CHECK: nn.cast %{{.*}} {round_mode = "nearest"} : tensor<4xf32> to tensor<4xf8E8M0FNU>
// CHECK: nn.cast %{{.*}} : tensor<4xf4E2M1FN> to tensor<4xf32>
// CHECK: nn.cast %{{.*}} : tensor<4xi4> to tensor<4xui2>
func.func @casts(%a: tensor<4xf32>, %b: tensor<4xf16>, %c: tensor<4xf4E2M1FN>, %d: tensor<4xi4>) {
  %0 = nn.cast %a {saturate = true, round_mode = "up"} : tensor<4xf32> to tensor<4xf8E4M3FN>
  %1 = nn.cast %b {saturate = false} : tensor<4xf16> to tensor<4xf8E5M2FNUZ>
  %2 = nn.cast %a {round_mode = "nearest"} : tensor<4xf32> to tensor<4xf8E8M0FNU>
  %3 = nn.cast %c : tensor<4xf4E2M1FN> to tensor<4xf32>
  %4 = nn.cast %d : tensor<4xi4> to tensor<4xui2>
  return
}

// -----

// CHECK-LABEL: func.func @moves
// CHECK: nn.reshape %{{.*}}, %{{.*}} : (tensor<2x3xf8E4M3FNUZ>, tensor<1xi64>) -> tensor<6xf8E4M3FNUZ>
// CHECK: nn.transpose %{{.*}} {perm = array<i64: 1, 0>} : (tensor<2x3xi4>) -> tensor<3x2xi4>
func.func @moves(%a: tensor<2x3xf8E4M3FNUZ>, %s: tensor<1xi64>, %b: tensor<2x3xi4>) {
  %0 = nn.reshape %a, %s : (tensor<2x3xf8E4M3FNUZ>, tensor<1xi64>) -> tensor<6xf8E4M3FNUZ>
  %1 = nn.transpose %b {perm = array<i64: 1, 0>} : (tensor<2x3xi4>) -> tensor<3x2xi4>
  return
}
