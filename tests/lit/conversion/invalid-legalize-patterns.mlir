// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=conversion_test_passes --allow-unregistered-dialect --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(test-legalize-patterns)'

// Every illegal op that no pattern legalizes is reported at its location, also those after
// the first failure and those nested in other failing ops.

func.func @several(%x: i32) -> i32 {
  // expected-error@+1 {{failed to legalize operation 'test.illegal' that was explicitly marked illegal}}
  %0 = "test.illegal"(%x) : (i32) -> i32
  %1 = "test.a"(%0) : (i32) -> i32
  // expected-error@+1 {{failed to legalize operation 'test.container' that was explicitly marked illegal}}
  "test.container"() ({
    // expected-error@+1 {{failed to legalize operation 'test.illegal' that was explicitly marked illegal}}
    "test.illegal"() : () -> ()
  }) : () -> ()
  return %1 : i32
}

// -----

// Patterns that rewrite test.cycle_a and test.cycle_b into each other never reach a legal
// op: the recursion stops (a pattern is not applied again while it is applying) and the op
// fails to legalize instead of looping.
func.func @cycle(%x: i32) -> i32 {
  // expected-error@+1 {{failed to legalize operation 'test.cycle_a' that was explicitly marked illegal}}
  %0 = "test.cycle_a"(%x) : (i32) -> i32
  // expected-error@+1 {{failed to legalize operation 'test.cycle_b' that was explicitly marked illegal}}
  %1 = "test.cycle_b"(%0) : (i32) -> i32
  return %1 : i32
}

// -----

// test.dead_end is illegal and has no pattern; the test.dynamic next to it converts (in
// place) as usual.
func.func @dead_end(%x: i32) -> i32 {
  // expected-error@+1 {{failed to legalize operation 'test.dead_end' that was explicitly marked illegal}}
  %0 = "test.dead_end"(%x) : (i32) -> i32
  %1 = "test.dynamic"(%0) : (i32) -> i32
  return %1 : i32
}
