// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(convert-nn-to-affine)' | filecheck %s
// The lowered IR verifies and parses again.
// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(convert-nn-to-affine)' | dialir-opt --split-input-file | filecheck %s

// Broadcasting: one nest over the result, the last dimension innermost; a size-1 dimension
// is read at 0, a splat constant is a scalar (constants go to the function's entry, out of
// every loop); the temporary is freed after its last use.

// CHECK-LABEL: func.func @broadcast(
// CHECK-SAME: %[[A:.*]]: memref<2x1xf32>, %[[B:.*]]: memref<3xf32>) -> memref<2x3xf32>
// CHECK-NEXT: %[[C:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT: %[[T:.*]] = memref.alloc() : memref<2x3xf32>
// CHECK-NEXT: affine.for %[[I:.*]] = 0 to 2 {
// CHECK-NEXT: affine.for %[[J:.*]] = 0 to 3 {
// CHECK-NEXT: %[[X:.*]] = affine.load %[[A]][%[[I]], 0] : memref<2x1xf32>
// CHECK-NEXT: %[[Y:.*]] = affine.load %[[B]][%[[J]]] : memref<3xf32>
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT: affine.store %[[S]], %[[T]][%[[I]], %[[J]]] : memref<2x3xf32>
// CHECK: %[[R:.*]] = memref.alloc() : memref<2x3xf32>
// CHECK: arith.mulf %{{.*}}, %[[C]] : f32
// CHECK: memref.dealloc %[[T]] : memref<2x3xf32>
// CHECK-NEXT: return %[[R]] : memref<2x3xf32>
func.func @broadcast(%a: tensor<2x1xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %c = nn.constant dense<2.0> : tensor<f32>
  %0 = nn.add %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = nn.mul %0, %c : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// A dynamic size may be 1 at run time (ONNX's multidirectional broadcasting): checked to be the
// result's or 1 once, then read at index 0 where it is 1.

// CHECK-LABEL: func.func @dynamic_broadcast(
// CHECK-SAME: %[[A:.*]]: memref<?xf32>, %[[B:.*]]: memref<4xf32>) -> memref<4xf32>
// CHECK: %[[N:.*]] = memref.dim %[[A]], %{{.*}} : memref<?xf32>
// CHECK-NEXT: %[[SAME:.*]] = arith.cmpi eq, %[[N]], %{{.*}} : index
// CHECK-NEXT: %[[ONE:.*]] = arith.cmpi eq, %[[N]], %{{.*}} : index
// CHECK-NEXT: %[[OK:.*]] = arith.ori %[[SAME]], %[[ONE]] : i1
// CHECK-NEXT: cf.assert %[[OK]], "nn.add: operand sizes are not broadcast-compatible"
// CHECK: affine.for %[[I:.*]] = 0 to 4 {
// CHECK-NEXT: %[[K:.*]] = arith.select %[[ONE]], %{{.*}}, %[[I]] : index
// CHECK-NEXT: memref.load %[[A]][%[[K]]] : memref<?xf32>
// CHECK-NEXT: affine.load %[[B]][%[[I]]] : memref<4xf32>
func.func @dynamic_broadcast(%a: tensor<?xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.add %a, %b : (tensor<?xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A fused nn.elementwise is one nest with its body inlined; unsigned elements are signless
// at the loop level and compare unsigned.

// CHECK-LABEL: func.func @fused(
// CHECK-SAME: %{{.*}}: memref<4xf32>, %{{.*}}: memref<4xi8>) -> (memref<4xf32>, memref<4xi1>)
// CHECK: affine.for
// CHECK-NOT: affine.for
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK-NEXT: affine.store
// CHECK: affine.for
// CHECK: arith.cmpi ult, %{{.*}}, %{{.*}} : i8
func.func @fused(%a: tensor<4xf32>, %u: tensor<4xui8>) -> (tensor<4xf32>, tensor<4xi1>) {
  %0 = nn.elementwise %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    %z = arith.constant 0.0 : f32
    %m = arith.maximumf %s, %z : f32
    nn.yield %m : f32
  }
  %1 = nn.less %u, %u : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xi1>
  return %0, %1 : tensor<4xf32>, tensor<4xi1>
}

// -----

// Dynamic dimensions come from memref.dim and size the allocation and the loops.

// CHECK-LABEL: func.func @dynamic(
// CHECK-SAME: %[[X:.*]]: memref<?x3xf32>) -> memref<?x3xf32>
// CHECK: %[[N:.*]] = memref.dim %[[X]], %{{.*}} : memref<?x3xf32>
// CHECK-NEXT: %[[R:.*]] = memref.alloc(%[[N]]) : memref<?x3xf32>
// CHECK-NEXT: affine.for %{{.*}} = 0 to %[[N]] {
// CHECK-NEXT: affine.for %{{.*}} = 0 to 3 {
// CHECK: math.exp
func.func @dynamic(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = nn.exp %x : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// matmul: the reduction loop is innermost, its accumulator in iter_args.

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME: %[[A:.*]]: memref<2x3x4xf32>, %[[B:.*]]: memref<4x5xf32>) -> memref<2x3x5xf32>
// CHECK: affine.for %[[N:.*]] = 0 to 2 {
// CHECK-NEXT: affine.for %[[I:.*]] = 0 to 3 {
// CHECK-NEXT: affine.for %[[J:.*]] = 0 to 5 {
// CHECK-NEXT: %[[ACC:.*]] = affine.for %[[K:.*]] = 0 to 4 iter_args(%[[S:.*]] = %{{.*}}) -> (f32) {
// CHECK-NEXT: %[[X:.*]] = affine.load %[[A]][%[[N]], %[[I]], %[[K]]] : memref<2x3x4xf32>
// CHECK-NEXT: %[[Y:.*]] = affine.load %[[B]][%[[K]], %[[J]]] : memref<4x5xf32>
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[Q:.*]] = arith.addf %[[S]], %[[P]] : f32
// CHECK-NEXT: affine.yield %[[Q]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: affine.store %[[ACC]], %{{.*}}[%[[N]], %[[I]], %[[J]]] : memref<2x3x5xf32>
func.func @matmul(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = nn.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// conv2d: rows of output channels, every tap of a kernel row in one pass along the row
// (the input values loaded once), bias first, the fused epilogue over the finished row; the
// kernel rows' padding is in the kh loop's max/min bounds, the columns whose taps reach
// into the padding get a loop per tap with static bounds (no affine.if). The conv's own
// result gets no buffer.

// CHECK-DAG: #[[LB:.*]] = affine_map<(d0) -> (0, -d0 + 1)>
// CHECK-DAG: #[[UB:.*]] = affine_map<(d0) -> (3, -d0 + 5)>
// CHECK-LABEL: func.func @conv(
// CHECK-SAME: %[[X:.*]]: memref<1x2x4x4xf32>, %[[W:.*]]: memref<3x2x3x3xf32>, %[[B:.*]]: memref<3xf32>)
// CHECK: %[[R:.*]] = memref.alloc() : memref<1x3x4x4xf32>
// CHECK-NOT: memref.alloc
// CHECK: affine.for %[[H:.*]] = 0 to 4 {
// CHECK-NEXT: affine.for %[[M:.*]] = 0 to 3 {
// CHECK-NEXT: %[[INIT:.*]] = affine.load %[[B]][%[[M]]] : memref<3xf32>
// CHECK-NEXT: affine.for %[[V0:.*]] = 0 to 4 {
// CHECK-NEXT: affine.store %[[INIT]], %[[R]][0, %[[M]], %[[H]], %[[V0]]] : memref<1x3x4x4xf32>
// CHECK: affine.for %[[C:.*]] = 0 to 2 {
// CHECK-NEXT: affine.for %[[KH:.*]] = max #[[LB]](%[[H]]) to min #[[UB]](%[[H]]) {
// CHECK-NEXT: %[[W0:.*]] = affine.load %[[W]][%[[M]], %[[C]], %[[KH]], 0] : memref<3x2x3x3xf32>
// CHECK-NEXT: %[[W1:.*]] = affine.load %[[W]][%[[M]], %[[C]], %[[KH]], 1] : memref<3x2x3x3xf32>
// CHECK-NEXT: %[[W2:.*]] = affine.load %[[W]][%[[M]], %[[C]], %[[KH]], 2] : memref<3x2x3x3xf32>
// CHECK-NEXT: affine.for %[[V:.*]] = 1 to 3 {
// CHECK-NEXT: %[[X0:.*]] = affine.load %[[X]][0, %[[C]], %[[H]] + %[[KH]] - 1, %[[V]] - 1] : memref<1x2x4x4xf32>
// CHECK-NEXT: %[[X1:.*]] = affine.load %[[X]][0, %[[C]], %[[H]] + %[[KH]] - 1, %[[V]]] : memref<1x2x4x4xf32>
// CHECK-NEXT: %[[X2:.*]] = affine.load %[[X]][0, %[[C]], %[[H]] + %[[KH]] - 1, %[[V]] + 1] : memref<1x2x4x4xf32>
// CHECK-NEXT: %[[ACC:.*]] = affine.load %[[R]][0, %[[M]], %[[H]], %[[V]]] : memref<1x3x4x4xf32>
// CHECK-NEXT: %[[P0:.*]] = arith.mulf %[[X0]], %[[W0]] fastmath<contract> : f32
// CHECK-NEXT: %[[S0:.*]] = arith.addf %[[ACC]], %[[P0]] fastmath<contract> : f32
// CHECK-NEXT: %[[P1:.*]] = arith.mulf %[[X1]], %[[W1]] fastmath<contract> : f32
// CHECK-NEXT: %[[S1:.*]] = arith.addf %[[S0]], %[[P1]] fastmath<contract> : f32
// CHECK-NEXT: %[[P2:.*]] = arith.mulf %[[X2]], %[[W2]] fastmath<contract> : f32
// CHECK-NEXT: %[[S2:.*]] = arith.addf %[[S1]], %[[P2]] fastmath<contract> : f32
// CHECK-NEXT: affine.store %[[S2]], %[[R]][0, %[[M]], %[[H]], %[[V]]] : memref<1x3x4x4xf32>
// The border columns: tap 0 at column 3, tap 1 at columns 0 and 3, tap 2 at column 0.
// CHECK: affine.for %{{.*}} = 3 to 4 {
// CHECK: affine.for %{{.*}} = 0 to 1 {
// CHECK: affine.for %{{.*}} = 3 to 4 {
// CHECK: affine.for %{{.*}} = 0 to 1 {
// CHECK-NOT: affine.if
// CHECK: affine.for %[[VE:.*]] = 0 to 4 {
// CHECK-NEXT: %[[SUM:.*]] = affine.load %[[R]][0, %[[M]], %[[H]], %[[VE]]] : memref<1x3x4x4xf32>
// CHECK-NEXT: %[[RELU:.*]] = arith.maximumf %[[SUM]], %{{.*}} : f32
// CHECK-NEXT: affine.store %[[RELU]], %[[R]][0, %[[M]], %[[H]], %[[VE]]] : memref<1x3x4x4xf32>
func.func @conv(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x3x4x4xf32> {
  %0 = nn.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  %1 = nn.elementwise %0 {epilogue} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  ^bb0(%v: f32):
    %z = arith.constant 0.0 : f32
    %r = arith.maximumf %v, %z : f32
    nn.yield %r : f32
  }
  return %1 : tensor<1x3x4x4xf32>
}

// -----

// Max pooling with ceil_mode, a row at a time: the columns whose window lies inside the
// input keep a running maximum in the output row from -inf (kernel rows bounded by max/min
// maps, a kernel row's taps unrolled, the column loop innermost); the last column's
// overhang is clamped by its bounds, its maximum carried in iter_args from -inf.

// CHECK-LABEL: func.func @max_pool(
// CHECK: %[[NEG:.*]] = arith.constant 0xFF800000 : f32
// CHECK: affine.for %[[OH:.*]] = 0 to 3 {
// CHECK-NEXT: affine.for %[[X0:.*]] = 0 to 2 {
// CHECK-NEXT: affine.store %[[NEG]], %{{.*}}[0, 0, %[[OH]], %[[X0]]]
// CHECK: affine.for %{{.*}} = max #{{.*}}(%[[OH]]) to min #{{.*}}(%[[OH]]) {
// CHECK-NEXT: affine.for %{{.*}} = 0 to 2 {
// CHECK: arith.maximumf
// CHECK: arith.maximumf
// CHECK: affine.for %[[XB:.*]] = 2 to 3 {
// CHECK-NEXT: affine.for %{{.*}} = max #{{.*}}(%[[OH]]) to min #{{.*}}(%[[OH]]) iter_args(%{{.*}} = %[[NEG]]) -> (f32) {
// CHECK-NEXT: affine.for %{{.*}} = max #{{.*}}(%[[XB]]) to min #{{.*}}(%[[XB]]) iter_args
// CHECK: arith.maximumf
func.func @max_pool(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32> {
  %0 = nn.max_pool2d %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// softmax subtracts the row maximum: three passes over the axis.

// CHECK-LABEL: func.func @softmax(
// CHECK: affine.for %[[I:.*]] = 0 to 2 {
// CHECK-NEXT: %[[MAX:.*]] = affine.for %{{.*}} = 0 to 5 iter_args
// CHECK: arith.maximumf
// CHECK: %[[SUM:.*]] = affine.for %{{.*}} = 0 to 5 iter_args
// CHECK: arith.subf %{{.*}}, %[[MAX]] : f32
// CHECK-NEXT: math.exp
// CHECK: affine.for %{{.*}} = 0 to 5 {
// CHECK: arith.divf %{{.*}}, %[[SUM]] : f32
func.func @softmax(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = nn.softmax %x : tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// Reshapes are views (no copy); constant padding fills, then copies the interior.

// CHECK-LABEL: func.func @views_and_pad(
// CHECK-SAME: %[[X:.*]]: memref<2x3xf32>)
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[X]] {{\[}}[0, 1]] : memref<2x3xf32> into memref<6xf32>
// CHECK-NEXT: %[[V:.*]] = memref.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [3, 2] : memref<6xf32> into memref<3x2xf32>
// CHECK: %[[P:.*]] = memref.alloc() : memref<4x5xf32>
// CHECK-NEXT: affine.for %{{.*}} = 0 to 4 {
// CHECK-NEXT: affine.for %{{.*}} = 0 to 5 {
// CHECK-NEXT: affine.store %{{.*}}, %[[P]]
// CHECK: affine.for %[[I:.*]] = 0 to 3 {
// CHECK-NEXT: affine.for %[[J:.*]] = 0 to 2 {
// CHECK-NEXT: %[[E:.*]] = affine.load %[[V]][%[[I]], %[[J]]] : memref<3x2xf32>
// CHECK-NEXT: affine.store %[[E]], %[[P]][%[[I]] + 1, %[[J]] + 2] : memref<4x5xf32>
func.func @views_and_pad(%x: tensor<2x3xf32>) -> tensor<4x5xf32> {
  %s = nn.constant dense<[3, 2]> : tensor<2xi64>
  %r = nn.reshape %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  %p = nn.constant dense<[1, 2, 0, 1]> : tensor<4xi64>
  %0 = nn.pad %r, %p : (tensor<3x2xf32>, tensor<4xi64>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// Weights become private constant memref.globals that keep their dense_resource blob.

// CHECK: memref.global "private" constant @__constant_w : memref<2xf32> = dense_resource<w>
// CHECK-LABEL: func.func @weights(
// CHECK: memref.get_global @__constant_w : memref<2xf32>
func.func @weights(%x: tensor<2xf32>) -> tensor<2xf32> {
  %w = nn.constant dense_resource<w> : tensor<2xf32>
  %0 = nn.add %x, %w : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F00000040"
    }
  }
#-}
