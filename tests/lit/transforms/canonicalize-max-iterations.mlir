// canonicalize stops after max-iterations sweeps over the IR. A sweep that changed something
// must be followed by one that changes nothing before the driver knows it has converged
// (MLIR's rule). As in MLIR, stopping early is not an error (canonicalization is best
// effort) unless test-convergence asks for one: then the pass fails, at the op it ran on.
// RUN: dialir-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=1 test-convergence}))'
// RUN: dialir-opt %s --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=1}))' 2>&1 | filecheck %s
// RUN: dialir-opt %s --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=2 test-convergence=true}))' 2>&1 | filecheck %s --check-prefix=TWO

// CHECK-NOT: warning
// CHECK-NOT: error
// CHECK:      module {
// CHECK-NEXT: func.func @changes
// CHECK-NEXT: return %arg0 : i32
// expected-error@+1 {{canonicalizer failed to converge within 1 iterations}}
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

// TWO-NOT: error
// TWO: func.func @changes
// TWO-NEXT: return %arg0 : i32
// TWO-NOT: error
