// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(symbol-dce)'

// An op of an unknown dialect with one region may be a symbol table whose uses nobody can
// see: symbol-dce refuses to guess.
module {
  func.func private @private_symbol()
  // expected-error@+1 {{operation contains potentially unknown symbol table, meaning that we can't reliable compute symbol uses}}
  "foo.possibly_unknown_symbol_table"() ({
  }) : () -> ()
}
