// RUN: dialir-opt %s | dialir-opt | filecheck %s
// RUN: %roundtrip | filecheck %s
// RUN: dialir-opt %s --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC

// Every nn op in its custom syntax, with static and dynamic shapes; the generic form
// spells the same ops with their properties.

// GENERIC: "nn.clip"(%{{.*}}, %{{.*}}) <{operandSegmentSizes = array<i32: 1, 0, 1>}> : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// GENERIC: "nn.conv2d"(%{{.*}}, %{{.*}}, %{{.*}}) <{pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>

// CHECK-LABEL: func.func @elementwise
func.func @elementwise(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %i: tensor<2x3xi32>, %c: tensor<2x3xi1>, %s: tensor<f32>, %d: tensor<?x3xf32>) {
  // CHECK: nn.add %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: nn.sub %{{.*}}, %{{.*}} : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %1 = nn.sub %d, %b : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  // CHECK: nn.mul %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %2 = nn.mul %a, %s : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: nn.div %{{.*}}, %{{.*}} : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  %3 = nn.div %i, %i : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  // CHECK: nn.pow %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
  %4 = nn.pow %a, %i : (tensor<2x3xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
  // CHECK: nn.max %{{.*}}, %{{.*}} : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = nn.max %d, %a : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: nn.min %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %6 = nn.min %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: nn.equal %{{.*}}, %{{.*}} : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  %7 = nn.equal %c, %c : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  // CHECK: nn.less %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %8 = nn.less %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: nn.greater %{{.*}}, %{{.*}} : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi1>
  %9 = nn.greater %i, %i : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi1>
  // CHECK: nn.where %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %10 = nn.where %c, %b, %s : (tensor<2x3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: nn.neg %{{.*}} : tensor<2x3xf32>
  %11 = nn.neg %a : tensor<2x3xf32>
  // CHECK: nn.abs %{{.*}} : tensor<2x3xi32>
  %12 = nn.abs %i : tensor<2x3xi32>
  // CHECK: nn.relu %{{.*}} : tensor<?x3xf32>
  %13 = nn.relu %d : tensor<?x3xf32>
  // CHECK: nn.sigmoid %{{.*}} : tensor<2x3xf32>
  %14 = nn.sigmoid %a : tensor<2x3xf32>
  // CHECK: nn.tanh %{{.*}} : tensor<2x3xf32>
  %15 = nn.tanh %a : tensor<2x3xf32>
  // CHECK: nn.exp %{{.*}} : tensor<2x3xf32>
  %16 = nn.exp %a : tensor<2x3xf32>
  // CHECK: nn.log %{{.*}} : tensor<2x3xf32>
  %17 = nn.log %a : tensor<2x3xf32>
  // CHECK: nn.sqrt %{{.*}} : tensor<2x3xf32>
  %18 = nn.sqrt %a : tensor<2x3xf32>
  // CHECK: nn.erf %{{.*}} : tensor<2x3xf32>
  %19 = nn.erf %a : tensor<2x3xf32>
  // CHECK: nn.identity %{{.*}} : tensor<2x3xi1>
  %20 = nn.identity %c : tensor<2x3xi1>
  // CHECK: nn.leaky_relu %{{.*}} : tensor<2x3xf32>
  %21 = nn.leaky_relu %a : tensor<2x3xf32>
  // CHECK: nn.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f32} : tensor<2x3xf32>
  %22 = nn.leaky_relu %a {alpha = 0.2 : f32} : tensor<2x3xf32>
  // CHECK: nn.gelu %{{.*}} {approximate = "tanh"} : tensor<2x3xf32>
  %23 = nn.gelu %a {approximate = "tanh"} : tensor<2x3xf32>
  // CHECK: nn.clip %{{.*}} min %{{.*}} max %{{.*}} : (tensor<2x3xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>
  %24 = nn.clip %a min %s max %s : (tensor<2x3xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: nn.clip %{{.*}} max %{{.*}} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %25 = nn.clip %a max %s : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: nn.clip %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %26 = nn.clip %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: nn.cast %{{.*}} : tensor<2x3xf32> to tensor<2x3xi32>
  %27 = nn.cast %a : tensor<2x3xf32> to tensor<2x3xi32>
  // CHECK: nn.cast %{{.*}} : tensor<?x3xf32> to tensor<?x3xf16>
  %28 = nn.cast %d : tensor<?x3xf32> to tensor<?x3xf16>
  return
}

// CHECK-LABEL: func.func @linalg
func.func @linalg(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>, %v: tensor<4xf32>, %m: tensor<3x4xf32>, %n: tensor<5x4xf32>, %c: tensor<5xf32>, %d: tensor<?x4xf32>) {
  // CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  %0 = nn.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  // CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  %1 = nn.matmul %a, %v : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  // CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<?x4xf32>, tensor<4x5xf32>) -> tensor<?x5xf32>
  %2 = nn.matmul %d, %b : (tensor<?x4xf32>, tensor<4x5xf32>) -> tensor<?x5xf32>
  // CHECK: nn.gemm %{{.*}}, %{{.*}}, %{{.*}} {trans_b = true} : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  %3 = nn.gemm %m, %n, %c {trans_b = true} : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  // CHECK: nn.gemm %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f32, beta = 0.000000e+00 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %4 = nn.gemm %m, %b {alpha = 0.5 : f32, beta = 0.0 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return
}

// CHECK-LABEL: func.func @conv_and_pool
func.func @conv_and_pool(%x: tensor<1x3x8x8xf32>, %w: tensor<16x3x3x3xf32>, %b: tensor<16xf32>, %dw: tensor<3x1x3x3xf32>, %p: tensor<3xf32>, %dyn: tensor<?x3x?x224xf32>) {
  // CHECK: nn.conv2d %{{.*}}, %{{.*}}, %{{.*}} {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  %0 = nn.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  // CHECK: nn.conv2d %{{.*}}, %{{.*}} {group = 3 : i64, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<3x1x3x3xf32>) -> tensor<1x3x3x3xf32>
  %1 = nn.conv2d %x, %dw {group = 3 : i64, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<3x1x3x3xf32>) -> tensor<1x3x3x3xf32>
  // CHECK: nn.conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>} : (tensor<?x3x?x224xf32>, tensor<16x3x3x3xf32>) -> tensor<?x16x?x220xf32>
  %2 = nn.conv2d %dyn, %w {dilations = array<i64: 2, 2>} : (tensor<?x3x?x224xf32>, tensor<16x3x3x3xf32>) -> tensor<?x16x?x220xf32>
  // CHECK: nn.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 1.000000e-03 : f32} : (tensor<1x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
  %3 = nn.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f32} : (tensor<1x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
  // CHECK: nn.max_pool2d %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  %4 = nn.max_pool2d %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: nn.max_pool2d %{{.*}} {ceil_mode = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  %5 = nn.max_pool2d %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: nn.avg_pool2d %{{.*}} {count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x?x224xf32>) -> tensor<?x3x?x224xf32>
  %6 = nn.avg_pool2d %dyn {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true} : (tensor<?x3x?x224xf32>) -> tensor<?x3x?x224xf32>
  // CHECK: nn.global_avg_pool %{{.*}} : (tensor<?x3x?x224xf32>) -> tensor<?x3x1x1xf32>
  %7 = nn.global_avg_pool %dyn : (tensor<?x3x?x224xf32>) -> tensor<?x3x1x1xf32>
  // CHECK: nn.lrn %{{.*}} {size = 5 : i64} : tensor<1x3x8x8xf32>
  %8 = nn.lrn %x {size = 5 : i64} : tensor<1x3x8x8xf32>
  return
}

// CHECK-LABEL: func.func @normalization
func.func @normalization(%x: tensor<2x8xf32>, %s: tensor<8xf32>, %y: tensor<?x4x8xf32>, %s2: tensor<4x8xf32>) {
  // CHECK: nn.softmax %{{.*}} : tensor<2x8xf32>
  %0 = nn.softmax %x : tensor<2x8xf32>
  // CHECK: nn.softmax %{{.*}} {axis = 0 : i64} : tensor<2x8xf32>
  %1 = nn.softmax %x {axis = 0 : i64} : tensor<2x8xf32>
  // CHECK: nn.log_softmax %{{.*}} {axis = 1 : i64} : tensor<?x4x8xf32>
  %2 = nn.log_softmax %y {axis = 1 : i64} : tensor<?x4x8xf32>
  // CHECK: nn.layer_norm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %3 = nn.layer_norm %x, %s, %s : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  // CHECK: nn.layer_norm %{{.*}}, %{{.*}} {epsilon = 9.99999974E-6 : f32} : (tensor<?x4x8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
  %4 = nn.layer_norm %y, %s {epsilon = 1.0e-5 : f32} : (tensor<?x4x8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
  // CHECK: %{{.*}}:3 = nn.layer_norm %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<?x4x8xf32>, tensor<4x8xf32>) -> (tensor<?x4x8xf32>, tensor<?x1x1xf32>, tensor<?x1x1xf32>)
  %5:3 = nn.layer_norm %y, %s2 {axis = 1 : i64} : (tensor<?x4x8xf32>, tensor<4x8xf32>) -> (tensor<?x4x8xf32>, tensor<?x1x1xf32>, tensor<?x1x1xf32>)
  return
}

// CHECK-LABEL: func.func @reductions
func.func @reductions(%x: tensor<2x3x4xf32>, %axes: tensor<1xi64>, %i: tensor<?x3xi32>) {
  // CHECK: nn.reduce_sum %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<?x?x?xf32>
  %0 = nn.reduce_sum %x, %axes : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<?x?x?xf32>
  // CHECK: nn.reduce_mean %{{.*}}, %{{.*}} {keepdims = false} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<?x?xf32>
  %1 = nn.reduce_mean %x, %axes {keepdims = false} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<?x?xf32>
  // CHECK: nn.reduce_max %{{.*}} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
  %2 = nn.reduce_max %x : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
  // CHECK: nn.reduce_min %{{.*}} {keepdims = false} : (tensor<?x3xi32>) -> tensor<i32>
  %3 = nn.reduce_min %i {keepdims = false} : (tensor<?x3xi32>) -> tensor<i32>
  // CHECK: nn.reduce_sum %{{.*}} {noop_with_empty_axes = true} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %4 = nn.reduce_sum %x {noop_with_empty_axes = true} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %c = nn.constant dense<[-1]> : tensor<1xi64>
  // CHECK: nn.reduce_sum %{{.*}}, %{{.*}} {keepdims = false} : (tensor<?x3xi32>, tensor<1xi64>) -> tensor<?xi32>
  %5 = nn.reduce_sum %i, %c {keepdims = false} : (tensor<?x3xi32>, tensor<1xi64>) -> tensor<?xi32>
  return
}

// CHECK-LABEL: func.func @shapes
func.func @shapes(%x: tensor<2x3x4xf32>, %d: tensor<?x3x4xf32>, %shape: tensor<2xi64>, %idx: tensor<5xi32>, %pads: tensor<6xi64>, %v: tensor<f32>) {
  %c = nn.constant dense<[0, -1]> : tensor<2xi64>
  // CHECK: nn.reshape %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x12xf32>
  %0 = nn.reshape %x, %c : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x12xf32>
  // CHECK: nn.reshape %{{.*}}, %{{.*}} : (tensor<?x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %1 = nn.reshape %d, %c : (tensor<?x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  // CHECK: nn.reshape %{{.*}}, %{{.*}} {allowzero = true} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %2 = nn.reshape %x, %shape {allowzero = true} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  // CHECK: nn.flatten %{{.*}} : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
  %3 = nn.flatten %d : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
  // CHECK: nn.flatten %{{.*}} {axis = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<1x24xf32>
  %4 = nn.flatten %x {axis = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<1x24xf32>
  // CHECK: nn.transpose %{{.*}} {perm = array<i64: 2, 0, 1>} : (tensor<?x3x4xf32>) -> tensor<4x?x3xf32>
  %5 = nn.transpose %d {perm = array<i64: 2, 0, 1>} : (tensor<?x3x4xf32>) -> tensor<4x?x3xf32>
  // CHECK: nn.concat %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<2x3x4xf32>, tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
  %6 = nn.concat %x, %d {axis = 0 : i64} : (tensor<2x3x4xf32>, tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
  // CHECK: nn.concat %{{.*}}, %{{.*}}, %{{.*}} {axis = -1 : i64} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x12xf32>
  %7 = nn.concat %x, %x, %x {axis = -1 : i64} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x12xf32>
  // CHECK: %{{.*}}:3 = nn.split %{{.*}} {axis = 2 : i64} : (tensor<2x3x4xf32>) -> (tensor<2x3x2xf32>, tensor<2x3x2xf32>, tensor<2x3x0xf32>)
  %8:3 = nn.split %x {axis = 2 : i64} : (tensor<2x3x4xf32>) -> (tensor<2x3x2xf32>, tensor<2x3x2xf32>, tensor<2x3x0xf32>)
  %sizes = nn.constant dense<[1, 2]> : tensor<2xi64>
  // CHECK: %{{.*}}:2 = nn.split %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<?x3x4xf32>, tensor<2xi64>) -> (tensor<?x1x4xf32>, tensor<?x2x4xf32>)
  %9:2 = nn.split %d, %sizes {axis = 1 : i64} : (tensor<?x3x4xf32>, tensor<2xi64>) -> (tensor<?x1x4xf32>, tensor<?x2x4xf32>)
  %starts = nn.constant dense<[1]> : tensor<1xi64>
  %ends = nn.constant dense<[-1]> : tensor<1xi64>
  %axes = nn.constant dense<[2]> : tensor<1xi64>
  %steps = nn.constant dense<[-1]> : tensor<1xi64>
  // CHECK: nn.slice %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<0x3x4xf32>
  %10 = nn.slice %x, %starts, %ends : (tensor<2x3x4xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<0x3x4xf32>
  // CHECK: nn.slice %{{.*}}, %{{.*}}, %{{.*}} axes %{{.*}} steps %{{.*}} : (tensor<?x3x4xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x3x0xf32>
  %11 = nn.slice %d, %starts, %ends axes %axes steps %steps : (tensor<?x3x4xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x3x0xf32>
  // CHECK: nn.slice %{{.*}}, %{{.*}}, %{{.*}} steps %{{.*}} : (tensor<2x3x4xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<0x3x4xf32>
  %12 = nn.slice %x, %starts, %ends steps %steps : (tensor<2x3x4xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<0x3x4xf32>
  // CHECK: nn.gather %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<?x3x4xf32>, tensor<5xi32>) -> tensor<?x5x4xf32>
  %13 = nn.gather %d, %idx {axis = 1 : i64} : (tensor<?x3x4xf32>, tensor<5xi32>) -> tensor<?x5x4xf32>
  // CHECK: nn.pad %{{.*}}, %{{.*}} value %{{.*}} : (tensor<2x3x4xf32>, tensor<6xi64>, tensor<f32>) -> tensor<?x?x?xf32>
  %14 = nn.pad %x, %pads value %v : (tensor<2x3x4xf32>, tensor<6xi64>, tensor<f32>) -> tensor<?x?x?xf32>
  %p = nn.constant dense<[1, 2]> : tensor<2xi64>
  // CHECK: nn.pad %{{.*}}, %{{.*}} axes %{{.*}} {mode = "reflect"} : (tensor<?x3x4xf32>, tensor<2xi64>, tensor<1xi64>) -> tensor<?x3x7xf32>
  %15 = nn.pad %d, %p axes %axes {mode = "reflect"} : (tensor<?x3x4xf32>, tensor<2xi64>, tensor<1xi64>) -> tensor<?x3x7xf32>
  // CHECK: nn.squeeze %{{.*}} : (tensor<1x3x1xf32>) -> tensor<3xf32>
  %u = nn.unsqueeze %x, %axes : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x3x1x4xf32>
  %sq = nn.reshape %u, %c : (tensor<2x3x1x4xf32>, tensor<2xi64>) -> tensor<2x12xf32>
  %one = nn.constant dense<1.0> : tensor<1x3x1xf32>
  %16 = nn.squeeze %one : (tensor<1x3x1xf32>) -> tensor<3xf32>
  // CHECK: nn.squeeze %{{.*}}, %{{.*}} : (tensor<1x3x1xf32>, tensor<1xi64>) -> tensor<1x3xf32>
  %17 = nn.squeeze %one, %axes : (tensor<1x3x1xf32>, tensor<1xi64>) -> tensor<1x3xf32>
  // CHECK: nn.unsqueeze %{{.*}}, %{{.*}} : (tensor<?x3x4xf32>, tensor<2xi64>) -> tensor<?x?x?x?x?xf32>
  %18 = nn.unsqueeze %d, %shape : (tensor<?x3x4xf32>, tensor<2xi64>) -> tensor<?x?x?x?x?xf32>
  %e = nn.constant dense<[5, 1, 1, 4]> : tensor<4xi64>
  // CHECK: nn.expand %{{.*}}, %{{.*}} : (tensor<?x3x4xf32>, tensor<4xi64>) -> tensor<5x?x3x4xf32>
  %19 = nn.expand %d, %e : (tensor<?x3x4xf32>, tensor<4xi64>) -> tensor<5x?x3x4xf32>
  // CHECK: nn.shape %{{.*}} : (tensor<?x3x4xf32>) -> tensor<3xi64>
  %20 = nn.shape %d : (tensor<?x3x4xf32>) -> tensor<3xi64>
  // CHECK: nn.shape %{{.*}} {end = -1 : i64, start = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<1xi64>
  %21 = nn.shape %d {start = 1 : i64, end = -1 : i64} : (tensor<?x3x4xf32>) -> tensor<1xi64>
  return
}

// CHECK-LABEL: func.func @constants
func.func @constants() -> (tensor<2x2xf32>, tensor<3xi64>, tensor<2xi1>, tensor<4xf16>) {
  // CHECK: nn.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
  %0 = nn.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  // CHECK: nn.constant dense_resource<blob_i64> : tensor<3xi64>
  %1 = nn.constant dense_resource<blob_i64> : tensor<3xi64>
  // CHECK: nn.constant dense<[true, false]> : tensor<2xi1>
  %2 = nn.constant dense<[true, false]> : tensor<2xi1>
  // CHECK: nn.constant dense<5.000000e-01> : tensor<4xf16>
  %3 = nn.constant dense<0.5> : tensor<4xf16>
  return %0, %1, %2, %3 : tensor<2x2xf32>, tensor<3xi64>, tensor<2xi1>, tensor<4xf16>
}

// CHECK: dialect_resources
// CHECK: blob_i64: "0x08000000010000000000000002000000000000000300000000000000"
{-#
  dialect_resources: {
    builtin: {
      blob_i64: "0x08000000010000000000000002000000000000000300000000000000"
    }
  }
#-}
