// RUN: dialir-opt %s --pass-pipeline='builtin.module(convert-nn-to-affine{buffer-results-to-out-params})' | filecheck %s
// RUN: dialir-opt %s --pass-pipeline='builtin.module(convert-nn-to-affine)' | filecheck %s --check-prefix=RET
// RUN: dialir-opt %s --pass-pipeline='builtin.module(nn-to-loops{buffer-results-to-out-params})' | dialir-opt | filecheck %s --check-prefix=PIPE

// The two function-boundary conventions. With out-parameters (MLIR's
// buffer-results-to-out-params) a result is computed straight into the caller's buffer, and
// a result that is a view of another buffer is copied into its one; returned, the results are
// allocations the caller frees (the reshaped view keeps its buffer alive: no dealloc).

// CHECK-LABEL: func.func @f(
// CHECK-SAME: %[[X:.*]]: memref<2x3xf32>, %[[Y:.*]]: memref<3xf32>, %[[O0:.*]]: memref<2x3xf32>, %[[O1:.*]]: memref<3x2xf32>) {
// CHECK: %[[A:.*]] = memref.alloc() : memref<2x3xf32>
// CHECK: %[[V:.*]] = memref.expand_shape
// CHECK: arith.maximumf
// CHECK-NEXT: affine.store %{{.*}}, %[[O0]][%{{.*}}, %{{.*}}] : memref<2x3xf32>
// CHECK: memref.copy %[[V]], %[[O1]] : memref<3x2xf32> to memref<3x2xf32>
// CHECK-NEXT: memref.dealloc %[[A]] : memref<2x3xf32>
// CHECK-NEXT: return{{$}}

// RET-LABEL: func.func @f(
// RET-SAME: -> (memref<2x3xf32>, memref<3x2xf32>)
// RET: %[[A:.*]] = memref.alloc() : memref<2x3xf32>
// RET: %[[V:.*]] = memref.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [3, 2]
// RET: %[[B:.*]] = memref.alloc() : memref<2x3xf32>
// RET-NOT: memref.dealloc
// RET: return %[[B]], %[[V]] : memref<2x3xf32>, memref<3x2xf32>

// PIPE-LABEL: func.func @f(
// PIPE-SAME: memref<3x2xf32>) {
// PIPE-NOT: nn.
func.func @f(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3x2xf32>) {
  %s = nn.constant dense<[3, 2]> : tensor<2xi64>
  %a = nn.add %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %r = nn.reshape %a, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  %b = nn.relu %a : tensor<2x3xf32>
  return %b, %r : tensor<2x3xf32>, tensor<3x2xf32>
}
