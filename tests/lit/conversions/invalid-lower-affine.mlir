// RUN: dialir-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(lower-affine)'

// What lower-affine cannot lower is an error at the op, found before anything changes (the
// pass fails with its input untouched). MLIR reports the same expressions and reductions
// with these messages.

func.func @floordiv_by_negative(%x: index) -> index {
  // expected-error@+1 {{division by non-positive value is not supported}}
  %0 = affine.apply affine_map<(d0) -> (d0 floordiv -2)>(%x)
  return %0 : index
}

// -----

func.func @ceildiv_by_zero_in_bound(%n: index) {
  // expected-error@+1 {{division by non-positive value is not supported}}
  affine.for %i = 0 to affine_map<()[s0] -> (s0 ceildiv 0)>()[%n] {
  }
  return
}

// -----

func.func @mod_by_negative_in_condition(%x: index) {
  // expected-error@+1 {{modulo by non-positive value is not supported}}
  affine.if affine_set<(d0) : (d0 mod -3 == 0)>(%x) {
  }
  return
}

// -----

func.func @assign_reduction(%A: memref<8xf32>) -> f32 {
  // expected-error@+1 {{Reduction operation type not supported}}
  %r = affine.parallel (%i) = (0) to (8) reduce ("assign") -> f32 {
    %w = affine.load %A[%i] : memref<8xf32>
    affine.yield %w : f32
  }
  return %r : f32
}
