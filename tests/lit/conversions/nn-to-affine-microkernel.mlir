// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(convert-nn-to-affine{vector-width=16})' | filecheck %s
// The lowered IR verifies and parses again.
// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(convert-nn-to-affine{vector-width=16})' | dialir-opt --split-input-file | filecheck %s

// conv2d with constant weights and 16 f32 lanes: the weights are packed at compile time into
// [ceil(M/16)][C][KH][KW][16] (20 channels: two vectors, the second with 4 live lanes; the
// unpacked weights get no global), the padded input is copied into a zeroed buffer, and a
// row of 6 pixels x 2 vectors of channels is accumulated in iter_args over C x KH x KW: two
// weight vectors loaded per step, each input value broadcast once and used by two FMAs.
// The tile goes through a stack buffer to the NCHW output, the bias added on the way, for
// the 20 live channels only.

// CHECK-NOT: memref<20x3x3x3xf32>
// CHECK: memref.global "private" constant @[[PACKED:.*]] : memref<2x3x3x3x16xf32>
// CHECK-LABEL: func.func @conv(
// CHECK-SAME: %[[X:[A-Za-z0-9_]+]]: memref<1x3x6x6xf32>, %[[B:[A-Za-z0-9_]+]]: memref<20xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK: %[[W:.*]] = memref.get_global @[[PACKED]] : memref<2x3x3x3x16xf32>
// CHECK: %[[XP:.*]] = memref.alloc() : memref<1x3x8x8xf32>
// CHECK: affine.store %{{.*}}, %[[XP]][0, %{{.*}}, %{{.*}} + 1, %{{.*}} + 1] : memref<1x3x8x8xf32>
// CHECK: %[[TILE:.*]] = memref.alloca() : memref<6x32xf32>
// CHECK: affine.for %[[Y:.*]] = 0 to 6 {
// CHECK-NEXT: %[[ACC:.*]]:12 = affine.for %[[C:.*]] = 0 to 3 iter_args(%{{.*}} = %[[ZERO]],
// CHECK: affine.for %[[KH:.*]] = 0 to 3 iter_args(
// CHECK: affine.for %[[KW:.*]] = 0 to 3 iter_args(%[[A0:[A-Za-z0-9_]+]] = %{{[A-Za-z0-9_]+}}, %[[A1:[A-Za-z0-9_]+]] = %{{[A-Za-z0-9_]+}},
// CHECK-NEXT: %[[W0:.*]] = affine.vector_load %[[W]][0, %[[C]], %[[KH]], %[[KW]], 0] : memref<2x3x3x3x16xf32>, vector<16xf32>
// CHECK-NEXT: %[[W1:.*]] = affine.vector_load %[[W]][1, %[[C]], %[[KH]], %[[KW]], 0] : memref<2x3x3x3x16xf32>, vector<16xf32>
// CHECK-NEXT: %[[IN:.*]] = affine.load %[[XP]][0, %[[C]], %[[Y]] + %[[KH]], %[[KW]]] : memref<1x3x8x8xf32>
// CHECK-NEXT: %[[BC:.*]] = vector.broadcast %[[IN]] : f32 to vector<16xf32>
// CHECK-NEXT: math.fma %[[BC]], %[[W0]], %[[A0]] : vector<16xf32>
// CHECK-NEXT: math.fma %[[BC]], %[[W1]], %[[A1]] : vector<16xf32>
// CHECK: affine.vector_store %[[ACC]]#0, %[[TILE]][0, 0] : memref<6x32xf32>, vector<16xf32>
// CHECK-NEXT: affine.vector_store %[[ACC]]#1, %[[TILE]][0, 16] : memref<6x32xf32>, vector<16xf32>
// CHECK: affine.for %[[L:.*]] = 0 to 20 {
// CHECK-NEXT: %[[BV:.*]] = affine.load %[[B]][%[[L]]] : memref<20xf32>
// CHECK-NEXT: %[[T0:.*]] = affine.load %[[TILE]][0, %[[L]]] : memref<6x32xf32>
// CHECK-NEXT: arith.addf %[[T0]], %[[BV]] : f32
func.func @conv(%x: tensor<1x3x6x6xf32>, %b: tensor<20xf32>) -> tensor<1x20x6x6xf32> {
  %w = nn.constant dense<0.5> : tensor<20x3x3x3xf32>
  %0 = nn.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x6x6xf32>, tensor<20x3x3x3xf32>, tensor<20xf32>) -> tensor<1x20x6x6xf32>
  return %0 : tensor<1x20x6x6xf32>
}

// -----

// Weights that are not constant (a function argument) and groups keep the scalar kernels.

// CHECK-LABEL: func.func @not_constant(
// CHECK-NOT: vector
// CHECK: return
func.func @not_constant(%x: tensor<1x3x6x6xf32>, %w: tensor<20x3x3x3xf32>) -> tensor<1x20x6x6xf32> {
  %0 = nn.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x6x6xf32>, tensor<20x3x3x3xf32>) -> tensor<1x20x6x6xf32>
  return %0 : tensor<1x20x6x6xf32>
}

// -----

// CHECK-LABEL: func.func @groups(
// CHECK-NOT: vector
// CHECK: return
func.func @groups(%x: tensor<1x32x6x6xf32>) -> tensor<1x32x6x6xf32> {
  %w = nn.constant dense<0.5> : tensor<32x16x3x3xf32>
  %0 = nn.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>, group = 2 : i64} : (tensor<1x32x6x6xf32>, tensor<32x16x3x3xf32>) -> tensor<1x32x6x6xf32>
  return %0 : tensor<1x32x6x6xf32>
}
