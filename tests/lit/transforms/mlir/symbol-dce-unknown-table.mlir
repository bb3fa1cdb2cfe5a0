// From MLIR's test-symbol-dce.mlir: an unregistered op with one region may be a symbol table
// whose uses symbol-dce cannot see: an error, as mlir-opt's.
// RUN: dialir-opt %s --allow-unregistered-dialect --symbol-dce --split-input-file --verify-diagnostics

module {
  func.func private @private_symbol()

  // expected-error@+1 {{contains potentially unknown symbol table}}
  "foo.possibly_unknown_symbol_table"() ({
  }) : () -> ()
}
