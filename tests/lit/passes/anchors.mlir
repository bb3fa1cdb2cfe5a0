// A nested pipeline runs on the ops of its anchor's name directly nested in the regions of
// the op its parent runs on, in pipeline order; `any` runs on every registered,
// isolated-from-above op that all its passes accept. Every op a pass ran on gets its tag
// (test-mark appends to a `test.marks` attribute).
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --allow-unregistered-dialect --load-pass-plugin=test_passes --pass-pipeline='builtin.module(test-mark{tag=m1},func.func(test-mark{tag=f1},test-func-mark{tag=f2}),builtin.module(func.func(test-mark{tag=inner})),test-mark{tag=m2})' | filecheck %s
// CHECK:      module attributes {test.marks = "m1,m2"} {
// CHECK-NEXT:   func.func @outer() attributes {test.marks = "f1,f2"} {
// CHECK:        module @nested {
// CHECK-NEXT:     func.func @inner() attributes {test.marks = "inner"} {
// CHECK:        "test.container"() ({
// CHECK-NEXT:     func.func @in_container() {

// Any op name is an anchor, registered or not.
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --allow-unregistered-dialect --load-pass-plugin=test_passes --pass-pipeline='builtin.module(test.container(test-mark{tag=c}))' | filecheck %s --check-prefix=UNREG
// UNREG: "test.container"() ({
// UNREG: }) {test.marks = "c"} : () -> ()

// any(...): test-mark runs on the function and on the nested module, test-func-mark only on
// the function; the unregistered container is not isolated from above, so neither runs there.
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --allow-unregistered-dialect --load-pass-plugin=test_passes --pass-pipeline='builtin.module(any(test-mark{tag=a}),any(test-func-mark{tag=b}))' | filecheck %s --check-prefix=ANY
// ANY:      module {
// ANY-NEXT:   func.func @outer() attributes {test.marks = "a,b"} {
// ANY:        module @nested attributes {test.marks = "a"} {
// ANY-NEXT:     func.func @inner() {
// ANY:        "test.container"() ({
// ANY-NEXT:     func.func @in_container() {
// ANY:        }) : () -> ()

// A pipeline anchored on `any` runs on whatever op it is given.
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --allow-unregistered-dialect --load-pass-plugin=test_passes --pass-pipeline='any(test-mark{tag=top})' | filecheck %s --check-prefix=TOP
// TOP: module attributes {test.marks = "top"} {

func.func @outer() {
  return
}
module @nested {
  func.func @inner() {
    return
  }
}
"test.container"() ({
  func.func @in_container() {
    return
  }
}) : () -> ()
