// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=conversion_test_passes --allow-unregistered-dialect --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(test-convert-index-to-i64{full=true})'

// Full conversion: every op must become legal, so ops the target says nothing about fail
// too, each at its location.

func.func @unknown_ops(%x: index) -> index {
  %0 = arith.addi %x, %x : index
  // expected-error@+1 {{failed to legalize operation 'test.opaque'}}
  %1 = "test.opaque"(%0) : (index) -> index
  // expected-error@+1 {{failed to legalize operation 'arith.floordivsi'}}
  %2 = arith.floordivsi %1, %x : index
  // expected-error@+1 {{failed to legalize operation 'test.region'}}
  "test.region"() ({
    // expected-error@+1 {{failed to legalize operation 'test.sink'}}
    "test.sink"(%2) : (index) -> ()
  }) : () -> ()
  return %2 : index
}

// -----

// Everything converts: no diagnostics.
func.func @fine(%x: index) -> index {
  %0 = arith.addi %x, %x : index
  return %0 : index
}
