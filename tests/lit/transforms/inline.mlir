// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(inline{default-pipeline=})' | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(inline{default-pipeline=})' --mlir-print-debuginfo --mlir-print-local-scope | filecheck %s --check-prefix=LOC
// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(inline)' | filecheck %s --check-prefix=SIMPLIFY

// A single-block callee replaces the call; its arguments become the call's operands.
func.func @func_with_arg(%c : i32) -> i32 {
  %b = arith.addi %c, %c : i32
  return %b : i32
}

// CHECK-LABEL: func.func @inline_with_arg
// CHECK-NEXT: %[[B:.*]] = arith.addi %arg0, %arg0 : i32
// CHECK-NEXT: return %[[B]] : i32
func.func @inline_with_arg(%arg0 : i32) -> i32 {
  %0 = call @func_with_arg(%arg0) : (i32) -> i32
  return %0 : i32
}

// `no_inline` on the call or on the callee keeps the call.
// CHECK-LABEL: func.func @noinline_with_arg
// CHECK-NEXT: call @func_with_arg(%arg0) {no_inline}
func.func @noinline_with_arg(%arg0 : i32) -> i32 {
  %0 = call @func_with_arg(%arg0) {no_inline} : (i32) -> i32
  return %0 : i32
}

func.func @non_inlinable_func_with_arg(%c : i32) -> i32 attributes {no_inline} {
  %b = arith.addi %c, %c : i32
  return %b : i32
}

// CHECK-LABEL: func.func @noinline_with_func_arg
// CHECK-NEXT: call @non_inlinable_func_with_arg(%arg0)
func.func @noinline_with_func_arg(%arg0 : i32) -> i32 {
  %0 = call @non_inlinable_func_with_arg(%arg0) : (i32) -> i32
  return %0 : i32
}

// A multi-block callee splits the caller's block: each return becomes a branch to the
// rest of the caller, whose block argument carries the result.
func.func @func_with_multi_return(%a : i1) -> (i32) {
  cf.cond_br %a, ^bb1, ^bb2
^bb1:
  %const_0 = arith.constant 0 : i32
  return %const_0 : i32
^bb2:
  %const_55 = arith.constant 55 : i32
  return %const_55 : i32
}

// CHECK-LABEL: func.func @inline_with_multi_return() -> i32
// CHECK-NEXT:    %[[FALSE:.*]] = arith.constant false
// CHECK-NEXT:    cf.cond_br %[[FALSE]], ^bb1, ^bb2
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    %[[C0:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    cf.br ^bb3(%[[C0]] : i32)
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    %[[C55:.*]] = arith.constant 55 : i32
// CHECK-NEXT:    cf.br ^bb3(%[[C55]] : i32)
// CHECK-NEXT:  ^bb3(%[[X:.*]]: i32):
// CHECK-NEXT:    %[[Y:.*]] = arith.addi %[[X]], %[[X]] : i32
// CHECK-NEXT:    return %[[Y]] : i32
func.func @inline_with_multi_return() -> i32 {
  %false = arith.constant false
  %x = call @func_with_multi_return(%false) : (i1) -> i32
  %y = arith.addi %x, %x : i32
  return %y : i32
}

// Inlined ops are located at `callsite(callee location at call location)`, block arguments
// included; a call-site chain is extended at its innermost caller.
func.func @func_with_locations(%c : i32) -> i32 {
  %b = arith.addi %c, %c : i32 loc("mysource.cc":10:8)
  return %b : i32 loc("mysource.cc":11:2)
}

// LOC-LABEL: func.func @inline_with_locations
// LOC-NEXT: arith.addi %{{.*}}, %{{.*}} : i32 loc(callsite("mysource.cc":10:8 at "mysource.cc":55:14))
// LOC-NEXT: return
func.func @inline_with_locations(%arg0 : i32) -> i32 {
  %0 = call @func_with_locations(%arg0) : (i32) -> i32 loc("mysource.cc":55:14)
  return %0 : i32
}

func.func @func_with_block_args_location(%arg0 : i32) -> i32 {
  cf.br ^bb1(%arg0 : i32)
^bb1(%x : i32 loc("foo")):
  %y = arith.addi %x, %x : i32 loc(callsite("inner" at "outer"))
  return %y : i32
}

// LOC-LABEL: func.func @func_with_block_args_location_caller
// LOC: ^bb{{[0-9]+}}(%{{.*}}: i32 loc(callsite("foo" at "bar"))):
// LOC-NEXT: arith.addi {{.*}} loc(callsite("inner" at callsite("outer" at "bar")))
func.func @func_with_block_args_location_caller(%arg0 : i32) -> i32 {
  %0 = call @func_with_block_args_location(%arg0) : (i32) -> i32 loc("bar")
  return %0 : i32
}

// External declarations are not inlined.
func.func private @func_external()

// CHECK-LABEL: func.func @no_inline_external
// CHECK-NEXT: call @func_external()
func.func @no_inline_external() {
  call @func_external() : () -> ()
  return
}

// Calls in inlined code are inlined too, callees first (bottom-up over the call graph).
func.func @multilevel_func_a() -> i32 {
  %c = arith.constant 7 : i32
  return %c : i32
}
func.func @multilevel_func_b() -> i32 {
  %0 = call @multilevel_func_a() : () -> i32
  return %0 : i32
}

// CHECK-LABEL: func.func @inline_multilevel
// CHECK-NOT: call
// CHECK: arith.constant 7 : i32
// CHECK-NOT: call
// CHECK: return
func.func @inline_multilevel() -> i32 {
  %0 = call @multilevel_func_b() : () -> i32
  return %0 : i32
}

// A callee containing an op of an unknown dialect gives no guarantee it can be moved.
func.func @func_with_unknown_op() {
  "test.foo"() : () -> ()
  return
}

// CHECK-LABEL: func.func @no_inline_unknown_op
// CHECK-NEXT: call @func_with_unknown_op()
func.func @no_inline_unknown_op() {
  call @func_with_unknown_op() : () -> ()
  return
}

// A multi-block callee cannot go into a region that may only hold one block.
func.func @func_with_multiple_blocks(%arg0 : i32) -> i32 {
  cf.br ^bb1(%arg0 : i32)
^bb1(%x : i32):
  return %x : i32
}

// CHECK-LABEL: func.func @multi_block_into_unknown_region
// CHECK: func.call @func_with_multiple_blocks
func.func @multi_block_into_unknown_region(%arg0 : i32) {
  "test.region"() ({
    %0 = func.call @func_with_multiple_blocks(%arg0) : (i32) -> i32
    "test.terminator"() : () -> ()
  }) : () -> ()
  return
}

// A call inside the callee's own body is never inlined (recursion), and the default
// pipeline simplifies every function before inlining into it.
// CHECK-LABEL: func.func @self_recursive
// CHECK: call @self_recursive
// SIMPLIFY-LABEL: func.func @self_recursive
// SIMPLIFY: call @self_recursive
func.func @self_recursive(%n : i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %done = arith.cmpi eq, %n, %c0 : i32
  cf.cond_br %done, ^exit, ^again
^exit:
  return %c0 : i32
^again:
  %r = call @self_recursive(%c0) : (i32) -> i32
  return %r : i32
}

// SIMPLIFY-LABEL: func.func @inline_and_fold
// SIMPLIFY-NEXT: %[[C:.*]] = arith.constant 14 : i32
// SIMPLIFY-NEXT: return %[[C]] : i32
// CHECK-LABEL: func.func @inline_and_fold
// CHECK-NEXT: %[[C7:.*]] = arith.constant 7 : i32
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %[[C7]], %[[C7]] : i32
// CHECK-NEXT: return %[[SUM]] : i32
func.func @inline_and_fold() -> i32 {
  %0 = call @multilevel_func_a() : () -> i32
  %1 = call @func_with_arg(%0) : (i32) -> i32
  return %1 : i32
}
