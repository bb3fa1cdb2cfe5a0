// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(canonicalize)' | filecheck %s

// Operands that are all constants fold through the numpy reference into one nn.constant.
// CHECK-LABEL: func.func @fold_constants
// CHECK-NEXT: %[[C:.*]] = nn.constant dense<{{\[}}[2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00]]> : tensor<2x2xf32>
// CHECK-NEXT: %[[I:.*]] = nn.constant dense<[-3, 3]> : tensor<2xi32>
// CHECK-NEXT: return %[[C]], %[[I]]
func.func @fold_constants() -> (tensor<2x2xf32>, tensor<2xi32>) {
  %a = nn.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %one = nn.constant dense<1.0> : tensor<f32>
  %0 = nn.add %a, %one : (tensor<2x2xf32>, tensor<f32>) -> tensor<2x2xf32>
  %x = nn.constant dense<[-7, 7]> : tensor<2xi32>
  %two = nn.constant dense<2> : tensor<2xi32>
  %1 = nn.div %x, %two : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0, %1 : tensor<2x2xf32>, tensor<2xi32>
}

// -----

// dense_resource weights fold too; a chain of ops on constants becomes one constant.
// CHECK-LABEL: func.func @fold_resources
// CHECK-NEXT: %[[C:.*]] = nn.constant dense<[2, 6]> : tensor<2xi64>
// CHECK-NEXT: return %[[C]]
func.func @fold_resources() -> tensor<2xi64> {
  %w = nn.constant dense_resource<nn_canon_w> : tensor<3xi64>
  %s = nn.constant dense<[1]> : tensor<1xi64>
  %e = nn.constant dense<[3]> : tensor<1xi64>
  %0 = nn.slice %w, %s, %e : (tensor<3xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %1 = nn.mul %0, %0 : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  %2 = nn.sub %1, %0 : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %2 : tensor<2xi64>
}
{-#
  dialect_resources: {
    builtin: {
      nn_canon_w: "0x08000000010000000000000002000000000000000300000000000000"
    }
  }
#-}

// -----

// The shape of a tensor whose dimensions are static is a constant, whatever the tensor; with
// dynamic dimensions only a static range of them folds. Shape computations then fold away.
// CHECK-LABEL: func.func @fold_shape
// CHECK-DAG: %[[S:.*]] = nn.constant dense<12> : tensor<1xi64>
// CHECK-DAG: %[[N:.*]] = nn.constant dense<7> : tensor<1xi64>
// CHECK-DAG: %[[D:.*]] = nn.shape %{{.*}} : (tensor<?x4xf32>) -> tensor<2xi64>
// CHECK-DAG: %[[R:.*]] = nn.constant dense<4> : tensor<1xi64>
// CHECK: return %[[S]], %[[N]], %[[D]], %[[R]] :
func.func @fold_shape(%x: tensor<3x4xf32>, %y: tensor<?x4xf32>) -> (tensor<1xi64>, tensor<1xi64>, tensor<2xi64>, tensor<1xi64>) {
  %0 = nn.shape %x : (tensor<3x4xf32>) -> tensor<2xi64>
  %axes = nn.constant dense<[0]> : tensor<1xi64>
  %1 = nn.reduce_sum %0, %axes {keepdims = true} : (tensor<2xi64>, tensor<1xi64>) -> tensor<1xi64>
  %2 = nn.reduce_max %0, %axes : (tensor<2xi64>, tensor<1xi64>) -> tensor<1xi64>
  %3 = nn.mul %2, %2 : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  %4 = nn.sub %3, %2 : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  %5 = nn.shape %y : (tensor<?x4xf32>) -> tensor<2xi64>
  %6 = nn.shape %y {start = 1 : i64} : (tensor<?x4xf32>) -> tensor<1xi64>
  return %4, %1, %5, %6 : tensor<1xi64>, tensor<1xi64>, tensor<2xi64>, tensor<1xi64>
}

// -----

// Identities: x + 0, 0 + x, x - 0, x * 1, 1 * x, x / 1 where the result type is x's, and
// nn.identity.
// CHECK-LABEL: func.func @identities
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[I:.*]]: tensor<4xi32>)
// CHECK-NEXT: return %[[X]], %[[X]], %[[X]], %[[X]], %[[X]], %[[I]], %[[X]]
func.func @identities(%x: tensor<2x3xf32>, %i: tensor<4xi32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xi32>, tensor<2x3xf32>) {
  %zero = nn.constant dense<0.0> : tensor<f32>
  %one = nn.constant dense<1.0> : tensor<3xf32>
  %ione = nn.constant dense<1> : tensor<4xi32>
  %0 = nn.add %x, %zero : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %1 = nn.add %zero, %0 : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = nn.sub %1, %zero : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %3 = nn.mul %2, %one : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %4 = nn.mul %one, %3 : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = nn.div %i, %ione : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %6 = nn.identity %4 : tensor<2x3xf32>
  return %0, %1, %2, %3, %6, %5, %4 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xi32>, tensor<2x3xf32>
}

// -----

// Not identities: the constant broadcasts x to a larger type; 0 - x and 1 / x; x * 0.
// CHECK-LABEL: func.func @not_identities
// CHECK: nn.add
// CHECK: nn.sub
// CHECK: nn.div
// CHECK: nn.mul
func.func @not_identities(%x: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %zero = nn.constant dense<0.0> : tensor<2x3xf32>
  %one = nn.constant dense<1.0> : tensor<f32>
  %0 = nn.add %x, %zero : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = nn.sub %one, %x : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  %2 = nn.div %one, %x : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  %z = nn.constant dense<0.0> : tensor<f32>
  %3 = nn.mul %x, %z : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// reshape(reshape(x)) is one reshape; with a static result its shape becomes a constant. An
// outer shape that is not a constant may copy dimensions of the middle tensor: kept. Top-down
// (canonicalize's default), %2 folds to %x first, so %3 reshapes %x by [-1] directly.
// CHECK-LABEL: func.func @reshape_chain
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>, %[[D:.*]]: tensor<?x4xf32>, %[[S:.*]]: tensor<2xi64>)
// CHECK-DAG: %[[C24:.*]] = nn.constant dense<-1> : tensor<1xi64>
// CHECK-DAG: %[[C:.*]] = nn.constant dense<[2, -1]> : tensor<2xi64>
// CHECK-DAG: %[[R0:.*]] = nn.reshape %[[X]], %[[C24]] : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<24xf32>
// CHECK-DAG: %[[R1:.*]] = nn.reshape %[[D]], %[[C]] : (tensor<?x4xf32>, tensor<2xi64>) -> tensor<2x?xf32>
// CHECK-DAG: %[[M:.*]] = nn.reshape %[[D]], %{{.*}} : (tensor<?x4xf32>, tensor<2xi64>) -> tensor<?x4xf32>
// CHECK-DAG: %[[R2:.*]] = nn.reshape %[[M]], %[[S]] : (tensor<?x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
// CHECK: return %[[R0]], %[[R1]], %[[R2]], %[[X]]
func.func @reshape_chain(%x: tensor<2x3x4xf32>, %d: tensor<?x4xf32>, %s: tensor<2xi64>) -> (tensor<24xf32>, tensor<2x?xf32>, tensor<?x?xf32>, tensor<2x3x4xf32>) {
  %c = nn.constant dense<[6, 4]> : tensor<2xi64>
  %flat = nn.constant dense<[0, -1]> : tensor<2xi64>
  %back = nn.constant dense<[2, 3, 4]> : tensor<3xi64>
  %m = nn.constant dense<[2, -1]> : tensor<2xi64>
  %0 = nn.reshape %x, %c : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  %1 = nn.reshape %0, %flat : (tensor<6x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  %2 = nn.reshape %1, %back : (tensor<6x4xf32>, tensor<3xi64>) -> tensor<2x3x4xf32>
  %all = nn.constant dense<[-1]> : tensor<1xi64>
  %3 = nn.reshape %2, %all : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<24xf32>
  %4 = nn.reshape %d, %s : (tensor<?x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %5 = nn.reshape %4, %m : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<2x?xf32>
  %6 = nn.reshape %d, %flat : (tensor<?x4xf32>, tensor<2xi64>) -> tensor<?x4xf32>
  %7 = nn.reshape %6, %s : (tensor<?x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %3, %5, %7, %2 : tensor<24xf32>, tensor<2x?xf32>, tensor<?x?xf32>, tensor<2x3x4xf32>
}

// -----

// A 0 in the outer shape copies a dimension of the middle tensor: with a dynamic result the
// chain stays.
// CHECK-LABEL: func.func @reshape_chain_copy_dim
// CHECK: nn.reshape
// CHECK: nn.reshape
func.func @reshape_chain_copy_dim(%d: tensor<?x4xf32>, %s: tensor<2xi64>) -> tensor<?x?xf32> {
  %c = nn.constant dense<[0, -1]> : tensor<2xi64>
  %0 = nn.reshape %d, %s : (tensor<?x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %1 = nn.reshape %0, %c : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %1 : tensor<?x?xf32>
}

// -----

// transpose(transpose(x, p1), p2) composes; the identity permutation disappears.
// CHECK-LABEL: func.func @transpose_chain
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[T:.*]] = nn.transpose %[[X]] {perm = array<i64: 2, 1, 0>} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
// CHECK-NEXT: return %[[X]], %[[T]], %[[X]]
func.func @transpose_chain(%x: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<4x3x2xf32>, tensor<2x3x4xf32>) {
  %0 = nn.transpose %x {perm = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %1 = nn.transpose %0 {perm = array<i64: 2, 0, 1>} : (tensor<3x4x2xf32>) -> tensor<2x3x4xf32>
  %2 = nn.transpose %0 {perm = array<i64: 1, 0, 2>} : (tensor<3x4x2xf32>) -> tensor<4x3x2xf32>
  %3 = nn.transpose %x {perm = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %1, %2, %3 : tensor<2x3x4xf32>, tensor<4x3x2xf32>, tensor<2x3x4xf32>
}

// -----

// squeeze/unsqueeze pairs on the same axes cancel; a cast to the same type, clip without
// bounds, concat of one tensor, pad by zeros and where on a uniform condition are no-ops.
// CHECK-LABEL: func.func @no_ops
// CHECK-SAME: (%[[X:.*]]: tensor<3x4xf32>, %[[Y:.*]]: tensor<1x4xf32>, %[[Z:.*]]: tensor<3x4xf32>)
// CHECK-NEXT: return %[[X]], %[[Y]], %[[X]], %[[X]], %[[X]], %[[X]], %[[Z]]
func.func @no_ops(%x: tensor<3x4xf32>, %y: tensor<1x4xf32>, %z: tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<1x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) {
  %axes = nn.constant dense<[0]> : tensor<1xi64>
  %0 = nn.unsqueeze %x, %axes : (tensor<3x4xf32>, tensor<1xi64>) -> tensor<1x3x4xf32>
  %1 = nn.squeeze %0, %axes : (tensor<1x3x4xf32>, tensor<1xi64>) -> tensor<3x4xf32>
  %2 = nn.squeeze %y, %axes : (tensor<1x4xf32>, tensor<1xi64>) -> tensor<4xf32>
  %3 = nn.unsqueeze %2, %axes : (tensor<4xf32>, tensor<1xi64>) -> tensor<1x4xf32>
  %4 = nn.cast %1 : tensor<3x4xf32> to tensor<3x4xf32>
  %5 = nn.clip %4 : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %6 = nn.concat %5 {axis = 1 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %zeros = nn.constant dense<0> : tensor<4xi64>
  %7 = nn.pad %6, %zeros : (tensor<3x4xf32>, tensor<4xi64>) -> tensor<3x4xf32>
  %true = nn.constant dense<true> : tensor<3x1xi1>
  %false = nn.constant dense<false> : tensor<3x4xi1>
  %8 = nn.where %true, %7, %z : (tensor<3x1xi1>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %9 = nn.where %false, %7, %z : (tensor<3x4xi1>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %1, %3, %4, %5, %6, %8, %9 : tensor<3x4xf32>, tensor<1x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
}

// -----

// Unused pure nn ops are dead; results of dynamic type are not folded into constants.
// CHECK-LABEL: func.func @dead_and_dynamic
// CHECK-NOT: nn.relu
// CHECK: %[[R:.*]] = nn.reshape
// CHECK-NEXT: return %[[R]]
func.func @dead_and_dynamic(%x: tensor<3xf32>) -> tensor<?xf32> {
  %0 = nn.relu %x : tensor<3xf32>
  %c = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %s = nn.constant dense<[-1]> : tensor<1xi64>
  %1 = nn.reshape %c, %s : (tensor<2xf32>, tensor<1xi64>) -> tensor<?xf32>
  return %1 : tensor<?xf32>
}
