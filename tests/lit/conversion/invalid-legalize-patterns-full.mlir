// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=conversion_test_passes --allow-unregistered-dialect --verify-diagnostics --pass-pipeline='builtin.module(test-legalize-patterns{full=true})'

// Full conversion: an op the target does not mention is an error as well, with the same
// patterns that succeed in partial mode still applying to the rest.

func.func @full(%x: i32) -> i32 {
  %0 = "test.a"(%x) : (i32) -> i32
  // expected-error@+1 {{failed to legalize operation 'other.op'}}
  "other.op"() : () -> ()
  // expected-error@+1 {{failed to legalize operation 'test.illegal'}}
  %1 = "test.illegal"(%0) : (i32) -> i32
  return %1 : i32
}
