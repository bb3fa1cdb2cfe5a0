// RUN: dialir-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(symbol-dce))'
// RUN: dialir-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(inline))'

// symbol-dce and inline resolve symbols, so they must run on a symbol table (a module).
// expected-error@+1 {{'func.func' op was scheduled to run under}}
func.func @f() {
  return
}
