// RUN: dialir-opt %s | filecheck %s
// RUN: dialir-opt %s --mlir-print-op-generic | dialir-opt | filecheck %s

// `builtin.module`, the custom form with its dialect prefix (as xDSL prints it), with a
// name and attributes, and nested.

// CHECK:      module @outer attributes {test.flag} {
// CHECK-NEXT:   module {
// CHECK-NEXT:     func.func @f() {
builtin.module @outer attributes {test.flag} {
  builtin.module {
    func.func @f() {
      return
    }
  }
}
