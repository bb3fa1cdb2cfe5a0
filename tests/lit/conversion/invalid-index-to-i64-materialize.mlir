// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=conversion_test_passes --allow-unregistered-dialect --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(test-convert-index-to-i64{materialize=none})'

// The type converter's materializations refuse to build anything, so a cast the conversion
// needed and that is still used at the end is an error, with the user that keeps it alive.

func.func @unconverted_user(%x: index) -> index {
  // expected-error@+1 {{failed to legalize unresolved materialization from ('i64') to ('index') that remained live after conversion}}
  %0 = arith.addi %x, %x : index
  // expected-note@+1 {{see existing live user here: }}
  %1 = "test.opaque"(%0) : (index) -> index
  // expected-error@+2 {{failed to legalize unresolved materialization from ('index') to ('i64') that remained live after conversion}}
  // expected-note@+1 {{see existing live user here: }}
  %2 = arith.muli %1, %1 : index
  return %2 : index
}

// -----

// Casts that cancel out are folded away before materializing: no diagnostics.
func.func @all_converted(%x: index) -> index {
  %0 = arith.addi %x, %x : index
  %1 = arith.muli %0, %0 : index
  return %1 : index
}
