// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=conversion_test_passes --allow-unregistered-dialect --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(test-convert-index-to-i64)'

// Partial conversion: an op the target rejects (arith on index) that no pattern converts is
// an error, at every such op; ops the target says nothing about (test.*) may stay.

func.func @unsupported(%x: index) -> index {
  %0 = arith.addi %x, %x : index
  %1 = "test.opaque"(%0) : (index) -> index
  // expected-error@+1 {{failed to legalize operation 'arith.floordivsi' that was explicitly marked illegal}}
  %2 = arith.floordivsi %1, %x : index
  %3 = arith.muli %2, %2 : index
  // expected-error@+1 {{failed to legalize operation 'arith.ceildivsi' that was explicitly marked illegal}}
  %4 = arith.ceildivsi %3, %x : index
  return %4 : index
}

// -----

// Errors in nested regions and in several functions are all reported.
func.func @first(%x: index) -> index {
  // expected-error@+1 {{failed to legalize operation 'arith.floordivsi' that was explicitly marked illegal}}
  %0 = arith.floordivsi %x, %x : index
  return %0 : index
}
func.func @second(%x: index) {
  "test.region"() ({
    // expected-error@+1 {{failed to legalize operation 'arith.ceildivsi' that was explicitly marked illegal}}
    %0 = arith.ceildivsi %x, %x : index
    "test.sink"(%0) : (index) -> ()
  }) : () -> ()
  return
}
