// remove-dead-values: liveness across calls. Private functions lose the arguments nothing
// live needs and the results no call site uses, with the matching call operands, return
// operands and call results; public functions and functions whose address is taken keep
// their signature.
// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(remove-dead-values)' | filecheck %s

// CHECK-LABEL: func.func private @callee
// CHECK-SAME: (%[[A:.*]]: i32) -> i32 {
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[A]], %[[A]] : i32
// CHECK-NEXT: return %[[S]] : i32
// CHECK-LABEL: func.func @caller
// CHECK-SAME: (%[[X:.*]]: i32, %{{.*}}: i32) -> i32 {
// CHECK-NEXT: %[[R:.*]] = call @callee(%[[X]]) : (i32) -> i32
// CHECK-NEXT: return %[[R]] : i32
func.func private @callee(%a: i32, %b: i32) -> (i32, i32) {
  %0 = arith.addi %a, %a : i32
  %1 = arith.muli %b, %b : i32
  return %0, %1 : i32, i32
}
func.func @caller(%x: i32, %y: i32) -> i32 {
  %r:2 = func.call @callee(%x, %y) : (i32, i32) -> (i32, i32)
  %u = arith.addi %r#1, %y : i32
  return %r#0 : i32
}

// -----

// A result one call site uses stays; arguments that only feed themselves through a
// recursive call are dead.
// CHECK-LABEL: func.func private @rec() -> i32 {
// CHECK-NEXT: %[[R:.*]] = call @rec() : () -> i32
// CHECK-NEXT: return %[[R]] : i32
// CHECK-LABEL: func.func @use_rec
// CHECK-NEXT: %{{.*}} = call @rec() : () -> i32
// CHECK-NEXT: %[[S:.*]] = call @rec() : () -> i32
// CHECK-NEXT: return %[[S]] : i32
func.func private @rec(%a: i32, %b: i32) -> i32 {
  %r = func.call @rec(%a, %b) : (i32, i32) -> i32
  return %r : i32
}
func.func @use_rec(%x: i32) -> i32 {
  %0 = func.call @rec(%x, %x) : (i32, i32) -> i32
  %1 = func.call @rec(%x, %x) : (i32, i32) -> i32
  return %1 : i32
}

// -----

// Public functions and functions whose address is taken keep their signatures; dead code
// inside them still goes.
// CHECK-LABEL: func.func @public
// CHECK-SAME: (%[[A:.*]]: i32, %{{.*}}: i32) -> (i32, i32) {
// CHECK-NEXT: return %[[A]], %[[A]] : i32, i32
// CHECK-LABEL: func.func private @taken
// CHECK-SAME: (%[[B:.*]]: i32) -> i32 {
// CHECK-NEXT: return %[[B]] : i32
// CHECK-LABEL: func.func @user
// CHECK-SAME: (%[[X:.*]]: i32)
// CHECK-NEXT: %[[F:.*]] = constant @taken : (i32) -> i32
// CHECK-NEXT: "test.keep"(%[[F]])
// CHECK-NEXT: %{{.*}}:2 = call @public(%[[X]], %[[X]]) : (i32, i32) -> (i32, i32)
// CHECK-NEXT: %{{.*}} = call @taken(%[[X]]) : (i32) -> i32
func.func @public(%a: i32, %b: i32) -> (i32, i32) {
  %dead = arith.addi %b, %b : i32
  return %a, %a : i32, i32
}
func.func private @taken(%a: i32) -> i32 {
  return %a : i32
}
func.func @user(%x: i32) {
  %f = func.constant @taken : (i32) -> i32
  "test.keep"(%f) : ((i32) -> i32) -> ()
  %0:2 = func.call @public(%x, %x) : (i32, i32) -> (i32, i32)
  %1 = func.call @taken(%x) : (i32) -> i32
  return
}

// -----

// Dead block arguments go too; a call whose results are all dead stays (it may have side
// effects) but loses them.
// CHECK-LABEL: func.func private @pair() {
// CHECK-NEXT: "test.effect"() : () -> ()
// CHECK-NEXT: return
// CHECK-LABEL: func.func @blocks
// CHECK-SAME: (%[[X:.*]]: i32)
// CHECK-NEXT: call @pair() : () -> ()
// CHECK-NEXT: cf.br ^bb1
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: return %[[X]] : i32
func.func private @pair() -> (i32, i32) {
  "test.effect"() : () -> ()
  %c = arith.constant 1 : i32
  return %c, %c : i32, i32
}
func.func @blocks(%x: i32) -> i32 {
  %p:2 = func.call @pair() : () -> (i32, i32)
  cf.br ^bb1(%p#0 : i32)
^bb1(%a: i32):
  return %x : i32
}

// -----

// A private function nobody calls: its result is dead, so the return operand goes first and
// then the block argument that fed it (found by the fuzz campaign: the argument was erased
// while the return still used it).
// CHECK-LABEL: func.func private @uncalled()
// CHECK-NEXT: cf.br ^bb1
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func private @uncalled() -> i32 {
  %c = arith.constant 1 : i32
  cf.br ^bb1(%c : i32)
^bb1(%a: i32):
  return %a : i32
}
