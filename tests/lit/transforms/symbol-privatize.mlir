// RUN: dialir-opt %s --pass-pipeline='builtin.module(symbol-privatize)' | filecheck %s
// RUN: dialir-opt %s --pass-pipeline='builtin.module(symbol-privatize{exclude=aap,mies})' | filecheck %s --check-prefix=EXCLUDE
// RUN: dialir-opt %s --pass-pipeline='builtin.module(symbol-privatize,symbol-dce)' | filecheck %s --check-prefix=DCE

// Every top-level symbol becomes private, except the excluded ones; symbols of a nested
// symbol table keep their visibility.
// CHECK: func.func private @aap()
// CHECK: func.func private @noot()
// CHECK: func.func private @mies()
// CHECK: func.func private @already_private()
// CHECK: module @inner attributes {sym_visibility = "private"}
// CHECK-NEXT: func.func @inner_public()

// EXCLUDE: func.func @aap()
// EXCLUDE: func.func private @noot()
// EXCLUDE: func.func @mies()
// EXCLUDE: func.func private @already_private()

// Privatized, nothing is visible from outside any more, so symbol-dce erases it all.
// DCE: module
// DCE-NOT: func.func
// DCE-NOT: @inner
func.func @aap() {
  return
}
func.func @noot() {
  return
}
func.func @mies() {
  call @noot() : () -> ()
  return
}
func.func private @already_private()
module @inner {
  func.func @inner_public() {
    return
  }
}
