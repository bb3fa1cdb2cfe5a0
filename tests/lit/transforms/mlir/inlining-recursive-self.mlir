// MLIR's mlir/test/Transforms/inlining-recursive-self.mlir (llvm-project): input, RUN and
// CHECK lines as MLIR's.
// RUN: dialir-opt %s -inline='default-pipeline=' | filecheck %s
// RUN: dialir-opt %s --mlir-disable-threading -inline='default-pipeline=' | filecheck %s

// CHECK-LABEL: func.func @b0
func.func @b0() {
  // CHECK:         call @b0
  // CHECK-NEXT:    call @b1
  // CHECK-NEXT:    call @b0
  // CHECK-NEXT:    call @b1
  // CHECK-NEXT:    call @b0
  func.call @b0() : () -> ()
  func.call @b1() : () -> ()
  func.call @b0() : () -> ()
  func.call @b1() : () -> ()
  func.call @b0() : () -> ()
  return
}
func.func @b1() {
  func.call @b1() : () -> ()
  func.call @b1() : () -> ()
  return
}
