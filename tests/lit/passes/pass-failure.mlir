// A pass that fails (PassFailure) reports its diagnostic at the op it names; the exit status
// is 1 and the failing chunk prints nothing. With --split-input-file each chunk runs the
// pipeline on its own: the chunks around the failing one are transformed and printed.
// DEFINE: %{opt} = env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes --split-input-file

// RUN: %{opt} --test-fail --test-func-mark --verify-diagnostics
// RUN: not %{opt} --test-fail --test-func-mark 2>&1 | filecheck %s
// RUN: not %{opt} --test-fail='message="custom message"' 2>&1 | filecheck %s --check-prefix=MSG

// The diagnostics (stderr) come before the output (stdout, written at the end).
// CHECK:      pass-failure.mlir:[[# @LINE + 16]]:8: error: test-fail: deliberate failure
// CHECK-NEXT: %0 = arith.addi %a, %a {test.fail} : i32
// CHECK-NOT:  @failing
// CHECK:      func.func @before() attributes {test.marks = "func"}
// CHECK-NOT:  @failing
// CHECK:      func.func @after() attributes {test.marks = "func"}
// MSG: pass-failure.mlir:[[# @LINE + 10]]:8: error: custom message

func.func @before() {
  return
}

// -----

func.func @failing(%a: i32) -> i32 {
  // expected-error@+1 {{test-fail: deliberate failure}}
  %0 = arith.addi %a, %a {test.fail} : i32
  return %0 : i32
}

// -----

func.func @after() {
  return
}
