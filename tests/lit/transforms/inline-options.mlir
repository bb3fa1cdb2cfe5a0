// RUN: not dialir-opt %s --pass-pipeline='builtin.module(inline{default-pipeline=no-such-pass})' 2>&1 | filecheck %s --check-prefix=DEFAULT
// RUN: not dialir-opt %s --pass-pipeline='builtin.module(inline{op-pipelines=func.func(cse,bogus)})' 2>&1 | filecheck %s --check-prefix=OP
// RUN: not dialir-opt %s --pass-pipeline='builtin.module(inline{max-iterations=0})' 2>&1 | filecheck %s --check-prefix=ITER
// RUN: dialir-opt %s --pass-pipeline='builtin.module(inline{op-pipelines=func.func(canonicalize,cse)})' | filecheck %s

// The pipelines in the options are checked when the pipeline text is parsed.
// DEFAULT: <pass-pipeline>:1:16: error: invalid options for pass 'inline': invalid default-pipeline 'no-such-pass': 'no-such-pass' does not refer to a registered pass
// OP: error: invalid options for pass 'inline': invalid op-pipelines entry 'func.func(cse,bogus)': 'bogus' does not refer to a registered pass
// ITER: error: invalid options for pass 'inline': max-iterations must be at least 1

// A per-op pipeline replaces the default one for that op: here it folds after inlining.
// CHECK-LABEL: func.func @caller
// CHECK-NEXT: %[[C:.*]] = arith.constant 6 : i32
// CHECK-NEXT: return %[[C]] : i32
func.func private @double(%x: i32) -> i32 {
  %y = arith.addi %x, %x : i32
  return %y : i32
}
func.func @caller() -> i32 {
  %c3 = arith.constant 3 : i32
  %0 = call @double(%c3) : (i32) -> i32
  return %0 : i32
}
