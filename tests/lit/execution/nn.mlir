// nn ops on the interpreter, through the numpy reference of each op.
// RUN: python %S/Inputs/npz.py write %t.npz x='np.array([[-1.0, 2.0, -3.0], [4.0, -5.0, 6.0]], np.float32)' bias='np.array([0.5, 0.5, 0.5], np.float32)'
// RUN: dialir-run --interpret %s --inputs %t.npz --print | filecheck %s

// CHECK: result0: tensor<2x3xf32>
// CHECK-NEXT: {{\[\[}} 0.,  5.,  0.],
// CHECK-NEXT:  [ 9.,  0., 13.{{\]\]}}
// CHECK-NEXT: result1: tensor<3x2xf32>
// CHECK-NEXT: {{\[\[}}-1.,  4.],
// CHECK-NEXT:  [ 2., -5.],
// CHECK-NEXT:  [-3.,  6.{{\]\]}}
// CHECK-NEXT: result2: tensor<2xf32>
// CHECK-NEXT: [ 2.5, 11. ]
func.func @main(%x: tensor<2x3xf32>, %bias: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2xf32>) {
  %a = nn.add %x, %bias : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %r = nn.relu %a : tensor<2x3xf32>
  %two = nn.constant dense<2.0> : tensor<f32>
  %m = nn.mul %r, %two : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %t = nn.transpose %x {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %axes = nn.constant dense<1> : tensor<1xi64>
  %s = nn.reduce_sum %m, %axes {keepdims = false} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2xf32>
  %h = nn.constant dense<0.5> : tensor<f32>
  %half = nn.mul %s, %h : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  return %m, %t, %half : tensor<2x3xf32>, tensor<3x2xf32>, tensor<2xf32>
}
