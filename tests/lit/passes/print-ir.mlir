// IR printing around passes, to stderr, with MLIR's headers: the op the pass ran on, or the
// whole module with --print-ir-module-scope. The output file gets the final IR as usual.
// DEFINE: %{opt} = env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes -o %t --pass-pipeline='builtin.module(func.func(test-count-ops,canonicalize),test-mark)'

// RUN: %{opt} --print-ir-before=canonicalize 2>&1 | filecheck %s --check-prefix=BEFORE
// BEFORE:      // -----// IR Dump Before Canonicalize (canonicalize) //----- //
// BEFORE-NEXT: func.func @f(%[[X:[A-Za-z0-9_$.-]+]]: i32) -> i32 {
// BEFORE-NEXT:   %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : i32
// BEFORE-NEXT:   %[[Y:[A-Za-z0-9_$.-]+]] = arith.addi %[[X]], %[[C0]] : i32
// BEFORE-NEXT:   return %[[Y]] : i32
// BEFORE-NEXT: }
// BEFORE-EMPTY:
// BEFORE-NEXT: // -----// IR Dump Before Canonicalize (canonicalize) //----- //
// BEFORE-NEXT: func.func @g() {
// BEFORE-NOT:  IR Dump

// RUN: %{opt} --mlir-print-ir-after=test-mark,test-count-ops 2>&1 | filecheck %s --check-prefix=AFTER
// AFTER:     // -----// IR Dump After TestCountOpsPass (test-count-ops) //----- //
// AFTER-NEXT: func.func @f(
// AFTER:     // -----// IR Dump After TestCountOpsPass (test-count-ops) //----- //
// AFTER-NEXT: func.func @g(
// AFTER:     // -----// IR Dump After TestMarkPass (test-mark) //----- //
// AFTER-NEXT: module attributes {test.marks = "any"} {
// AFTER-NOT: IR Dump

// RUN: %{opt} --print-ir-before-all 2>&1 | filecheck %s --check-prefix=BEFORE-ALL
// RUN: %{opt} --print-ir-after-all 2>&1 | filecheck %s --check-prefix=AFTER-ALL
// BEFORE-ALL:      IR Dump Before TestCountOpsPass (test-count-ops) //----- //
// BEFORE-ALL-NEXT: func.func @f(
// BEFORE-ALL:      IR Dump Before Canonicalize (canonicalize) //----- //
// BEFORE-ALL-NEXT: func.func @f(
// BEFORE-ALL:      IR Dump Before TestCountOpsPass (test-count-ops) //----- //
// BEFORE-ALL-NEXT: func.func @g(
// BEFORE-ALL:      IR Dump Before Canonicalize (canonicalize) //----- //
// BEFORE-ALL-NEXT: func.func @g(
// BEFORE-ALL:      IR Dump Before TestMarkPass (test-mark) //----- //
// BEFORE-ALL-NEXT: module {
// AFTER-ALL:       IR Dump After TestCountOpsPass (test-count-ops) //----- //
// AFTER-ALL:       IR Dump After Canonicalize (canonicalize) //----- //
// AFTER-ALL-NEXT:  func.func @f(%[[X:[A-Za-z0-9_$.-]+]]: i32) -> i32 {
// AFTER-ALL-NEXT:    return %[[X]] : i32
// AFTER-ALL:       IR Dump After TestCountOpsPass (test-count-ops) //----- //
// AFTER-ALL:       IR Dump After Canonicalize (canonicalize) //----- //
// AFTER-ALL:       IR Dump After TestMarkPass (test-mark) //----- //

// Only passes that changed the op they ran on: canonicalize on @f (not on @g, already
// canonical), and test-mark; test-count-ops changes nothing.
// RUN: %{opt} --print-ir-after-change 2>&1 | filecheck %s --check-prefix=CHANGE
// CHANGE-NOT:  IR Dump After TestCountOpsPass
// CHANGE:      // -----// IR Dump After Canonicalize (canonicalize) //----- //
// CHANGE-NEXT: func.func @f(%[[X:[A-Za-z0-9_$.-]+]]: i32) -> i32 {
// CHANGE-NEXT:   return %[[X]] : i32
// CHANGE-NEXT: }
// CHANGE-NOT:  IR Dump After TestCountOpsPass
// CHANGE-NOT:  IR Dump After Canonicalize
// CHANGE:      // -----// IR Dump After TestMarkPass (test-mark) //----- //
// CHANGE-NOT:  IR Dump
// With --print-ir-after, only among those passes.
// RUN: %{opt} --print-ir-after-change --print-ir-after=test-count-ops 2>&1 | filecheck %s --check-prefix=CHANGE-NONE --allow-empty
// CHANGE-NONE-NOT: IR Dump

// --print-ir-module-scope: the whole module, and the header says which op the pass ran on.
// RUN: %{opt} --print-ir-before=canonicalize --print-ir-module-scope 2>&1 | filecheck %s --check-prefix=SCOPE
// SCOPE:      // -----// IR Dump Before Canonicalize (canonicalize) ('func.func' operation: @f) //----- //
// SCOPE-NEXT: module {
// SCOPE-NEXT:   func.func @f(%[[X:[A-Za-z0-9_$.-]+]]: i32) -> i32 {
// SCOPE:      // -----// IR Dump Before Canonicalize (canonicalize) ('func.func' operation: @g) //----- //
// SCOPE-NEXT: module {
// SCOPE-NEXT:   func.func @f(%[[X]]: i32) -> i32 {
// SCOPE-NEXT:     return %[[X]] : i32

// The printing flags apply to the dumps too.
// RUN: %{opt} --print-ir-before=canonicalize --mlir-print-op-generic 2>&1 | filecheck %s --check-prefix=GENERIC
// GENERIC:      IR Dump Before Canonicalize (canonicalize) //----- //
// GENERIC-NEXT: "func.func"() <{

// A pass that fails is dumped after, marked as failed.
// RUN: not env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes --test-break-ir --print-ir-after-all 2>&1 | filecheck %s --check-prefix=FAILED
// FAILED:      // -----// IR Dump After TestBreakIRPass Failed (test-break-ir) //----- //
// FAILED-NEXT: func.func @f(%[[X:[A-Za-z0-9_$.-]+]]: i32) -> i32 {
// FAILED:      error: 'test-break-ir' pass produced invalid IR

func.func @f(%x: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %y = arith.addi %x, %c0 : i32
  return %y : i32
}
func.func @g() {
  return
}
