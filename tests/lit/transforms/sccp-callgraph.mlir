// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(sccp)' | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(builtin.module(sccp))' | filecheck %s --check-prefix=NESTED
// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(func.func(sccp))' | filecheck %s --check-prefix=FUNC

// On a module, constants flow through the arguments and results of a private function all
// of whose callers are known.
// CHECK-LABEL: func.func private @private(
// CHECK-NEXT: %[[CST:.*]] = arith.constant 1 : i32
// CHECK-NEXT: return %[[CST]] : i32
func.func private @private(%arg0 : i32) -> i32 {
  return %arg0 : i32
}

// CHECK-LABEL: func.func @simple_private(
// CHECK: %[[CST:.*]] = arith.constant 1 : i32
// CHECK: return %[[CST]] : i32
func.func @simple_private() -> i32 {
  %1 = arith.constant 1 : i32
  %result = call @private(%1) : (i32) -> i32
  return %result : i32
}

// -----

// A `nested` function of a top-level module: every use is visible too.
// CHECK: func.func nested @nested(
// CHECK-NEXT: %[[CST:.*]] = arith.constant 1 : i32
// CHECK-NEXT: return %[[CST]] : i32
func.func nested @nested(%arg0 : i32) -> i32 {
  return %arg0 : i32
}

// CHECK-LABEL: func.func @simple_nested(
// CHECK: %[[CST:.*]] = arith.constant 1 : i32
// CHECK: return %[[CST]] : i32
func.func @simple_nested() -> i32 {
  %1 = arith.constant 1 : i32
  %result = call @nested(%1) : (i32) -> i32
  return %result : i32
}

// -----

// In a public module run on its own, a `nested` function may be called from above: its
// arguments are not tracked, its results still are.
module {
  // NESTED-LABEL: module @nested_module
  module @nested_module attributes {sym_visibility = "public"} {
    // NESTED: func.func nested @nested(
    // NESTED: %[[CST:.*]] = arith.constant 1 : i32
    // NESTED: return %[[CST]], %arg0 : i32, i32
    func.func nested @nested(%arg0 : i32) -> (i32, i32) {
      %1 = arith.constant 1 : i32
      return %1, %arg0 : i32, i32
    }

    // NESTED: func.func @nested_not_all_uses_visible(
    // NESTED: %[[CST:.*]] = arith.constant 1 : i32
    // NESTED: %[[CALL:.*]]:2 = call @nested
    // NESTED: return %[[CST]], %[[CALL]]#1 : i32, i32
    func.func @nested_not_all_uses_visible() -> (i32, i32) {
      %1 = arith.constant 1 : i32
      %result:2 = call @nested(%1) : (i32) -> (i32, i32)
      return %result#0, %result#1 : i32, i32
    }
  }
}

// -----

// A public function may have other callers: its arguments are not tracked, but what it
// returns is.
// CHECK-LABEL: func.func @public(
// CHECK: return %{{.*}}, %arg0 : i32, i32
func.func @public(%arg0 : i32) -> (i32, i32) {
  %1 = arith.constant 1 : i32
  return %1, %arg0 : i32, i32
}

// CHECK-LABEL: func.func @simple_public(
// CHECK: %[[CST:.*]] = arith.constant 1 : i32
// CHECK: %[[CALL:.*]]:2 = call @public
// CHECK: return %[[CST]], %[[CALL]]#1 : i32, i32
func.func @simple_public() -> (i32, i32) {
  %1 = arith.constant 1 : i32
  %result:2 = call @public(%1) : (i32) -> (i32, i32)
  return %result#0, %result#1 : i32, i32
}

// -----

// A function used other than by a call may be called from anywhere.
func.func private @callable(%arg0 : i32) -> (i32, i32) {
  %1 = arith.constant 1 : i32
  return %1, %arg0 : i32, i32
}

// CHECK-LABEL: func.func @non_call_users(
// CHECK: %[[CST:.*]] = arith.constant 1 : i32
// CHECK: %[[CALL:.*]]:2 = call @callable
// CHECK: return %[[CST]], %[[CALL]]#1 : i32, i32
func.func @non_call_users() -> (i32, i32) {
  %1 = arith.constant 1 : i32
  %result:2 = call @callable(%1) : (i32) -> (i32, i32)
  return %result#0, %result#1 : i32, i32
}

"live.user"() {uses = [@callable]} : () -> ()

// -----

// A return through an unknown terminator: the results are unknown.
func.func private @callable(%arg0 : i32) -> i32 {
  "unknown.return"(%arg0) : (i32) -> ()
}

// CHECK-LABEL: func.func @unknown_terminator(
// CHECK: %[[CALL:.*]] = call @callable
// CHECK: return %[[CALL]] : i32
func.func @unknown_terminator() -> i32 {
  %1 = arith.constant 1 : i32
  %result = call @callable(%1) : (i32) -> i32
  return %result : i32
}

// -----

// Call sites passing different constants make the argument, and so the results,
// overdefined.
func.func private @callable(%arg0 : i32) -> i32 {
  return %arg0 : i32
}

// CHECK-LABEL: func.func @conflicting_constant(
// CHECK: %[[CALL1:.*]] = call @callable
// CHECK: %[[CALL2:.*]] = call @callable
// CHECK: return %[[CALL1]], %[[CALL2]] : i32, i32
func.func @conflicting_constant() -> (i32, i32) {
  %1 = arith.constant 1 : i32
  %2 = arith.constant 2 : i32
  %result = call @callable(%1) : (i32) -> i32
  %result2 = call @callable(%2) : (i32) -> i32
  return %result, %result2 : i32, i32
}

// -----

// Calls, recursion and control flow together: the recursive call only ever passes 1.
// CHECK-LABEL: func.func private @complex_inner_if(
// CHECK-DAG: %[[TRUE:.*]] = arith.constant true
// CHECK-DAG: %[[CST:.*]] = arith.constant 1 : i32
// CHECK: cf.cond_br %[[TRUE]], ^bb1
// CHECK: ^bb1:
// CHECK-NEXT: return %[[CST]] : i32
func.func private @complex_inner_if(%arg0 : i32) -> i32 {
  %cst_20 = arith.constant 20 : i32
  %cond = arith.cmpi ult, %arg0, %cst_20 : i32
  cf.cond_br %cond, ^bb1, ^bb2
^bb1:
  %cst_1 = arith.constant 1 : i32
  return %cst_1 : i32
^bb2:
  %cst_1_2 = arith.constant 1 : i32
  %arg_inc = arith.addi %arg0, %cst_1_2 : i32
  return %arg_inc : i32
}

func.func private @complex_cond() -> i1

// CHECK-LABEL: func.func private @complex_callee(
// CHECK: %[[CST:.*]] = arith.constant 1 : i32
// CHECK: ^bb1:
// CHECK-NEXT: return %[[CST]] : i32
// CHECK: ^bb2:
// CHECK: call @complex_inner_if(%[[CST]]) : (i32) -> i32
// CHECK: call @complex_callee(%[[CST]]) : (i32) -> i32
// CHECK: return %[[CST]] : i32
func.func private @complex_callee(%arg0 : i32) -> i32 {
  %loop_cond = call @complex_cond() : () -> i1
  cf.cond_br %loop_cond, ^bb1, ^bb2
^bb1:
  return %arg0 : i32
^bb2:
  %updated_arg = call @complex_inner_if(%arg0) : (i32) -> i32
  %res = call @complex_callee(%updated_arg) : (i32) -> i32
  return %res : i32
}

// CHECK-LABEL: func.func @complex_caller(
// CHECK: %[[CST:.*]] = arith.constant 1 : i32
// CHECK: return %[[CST]] : i32
func.func @complex_caller(%arg0 : i32) -> i32 {
  %1 = arith.constant 1 : i32
  %result = call @complex_callee(%1) : (i32) -> i32
  return %result : i32
}

// -----

// A private function nobody calls is never executed: nothing in it is rewritten.
// CHECK-LABEL: func.func private @unreferenced_private_function
// CHECK: %[[RES:.*]] = arith.select
// CHECK: return %[[RES]] : i32
func.func private @unreferenced_private_function() -> i32 {
  %true = arith.constant true
  %cst0 = arith.constant 0 : i32
  %cst1 = arith.constant 1 : i32
  %result = arith.select %true, %cst0, %cst1 : i32
  return %result : i32
}

// -----

// Run on one function, a callee outside it is external: its result is unknown.
func.func private @foo() -> index {
  %0 = arith.constant 10 : index
  return %0 : index
}

// CHECK-LABEL: func.func @bar
// FUNC-LABEL: func.func @bar
func.func @bar(%arg0: index) -> index {
  // CHECK: %[[C10:.*]] = arith.constant 10
  %c0 = arith.constant 0 : index
  %1 = arith.constant 420 : index
  %7 = arith.cmpi eq, %arg0, %c0 : index
  cf.cond_br %7, ^bb1(%1 : index), ^bb2
// CHECK: ^bb1(%[[ARG:.*]]: index):
// FUNC: ^bb1(%[[ARG:.*]]: index):
^bb1(%8: index):
  // CHECK-NEXT: return %[[ARG]]
  // FUNC-NEXT: return %[[ARG]]
  return %8 : index
// CHECK: ^bb2
// FUNC: ^bb2
^bb2:
  // FUNC-NEXT: %[[FOO:.*]] = call @foo
  %13 = call @foo() : () -> index
  // CHECK: cf.br ^bb1(%[[C10]]
  // FUNC: cf.br ^bb1(%[[FOO]]
  cf.br ^bb1(%13 : index)
}
