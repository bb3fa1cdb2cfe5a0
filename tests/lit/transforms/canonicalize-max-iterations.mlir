// canonicalize stops after max-iterations sweeps over the IR. A sweep that changed something
// must be followed by one that changes nothing before the driver knows it has converged
// (MLIR's rule), so with max-iterations=1 any change gives the warning, at the op the pass
// ran on; the IR is still printed and the exit status is 0.
// RUN: dialir-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=1}))'
// RUN: dialir-opt %s --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=1}))' 2>&1 | filecheck %s
// RUN: dialir-opt %s --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=2}))' 2>&1 | filecheck %s --check-prefix=TWO

// CHECK: canonicalize-max-iterations.mlir:[[# @LINE + 6]]:1: warning: greedy rewriter did not converge after 1 iteration
// CHECK-NOT: warning
// CHECK:      module {
// CHECK-NEXT: func.func @changes
// CHECK-NEXT: return %arg0 : i32
// expected-warning@+1 {{greedy rewriter did not converge after 1 iteration}}
func.func @changes(%arg0: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %0 = arith.addi %arg0, %c0 : i32
  %1 = arith.addi %0, %c0 : i32
  return %1 : i32
}

// -----

// Nothing to do: one sweep is enough.
// CHECK-LABEL: func.func @nothing
func.func @nothing(%arg0: i32) -> i32 {
  %0 = arith.addi %arg0, %arg0 : i32
  return %0 : i32
}

// TWO-NOT: warning
// TWO: func.func @changes
// TWO-NEXT: return %arg0 : i32
// TWO-NOT: warning
