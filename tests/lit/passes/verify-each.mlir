// After each pass the op it ran on is verified (on by default); invalid IR is reported as
// `'<pass>' pass produced invalid IR: <verifier message>` at the broken op, the pipeline
// stops, and nothing is printed on stdout. The test-break-ir pass breaks the IR on purpose.
// DEFINE: %{opt} = env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes

// RUN: not %{opt} --pass-pipeline='builtin.module(func.func(test-break-ir,test-func-mark))' 2>&1 | filecheck %s --strict-whitespace --check-prefix=TERM
// TERM:      {{^}}{{.*}}verify-each.mlir:[[# @LINE + 19]]:8: error: 'test-break-ir' pass produced invalid IR: 'arith.muli' op block with no terminator, has this op last{{$}}
// TERM-NEXT: {{^}}  %2 = arith.muli %1, %1 : i32{{$}}
// TERM-NEXT: {{^}}       ^{{$}}
// TERM-NOT:  func.func

// RUN: not %{opt} --test-break-ir=how=use-before-def 2>&1 | filecheck %s --check-prefix=DOM
// DOM:      verify-each.mlir:[[# @LINE + 12]]:8: error: 'test-break-ir' pass produced invalid IR: operand #1 does not dominate this use
// DOM:      verify-each.mlir:[[# @LINE + 10]]:9: note: operand defined here (op in the same block)
// DOM-NOT:  func.func

// --no-verify-each (or --verify-each=false) lets the broken IR through.
// RUN: %{opt} --test-break-ir --no-verify-each 2>&1 | filecheck %s --check-prefix=NOVERIFY
// RUN: %{opt} --test-break-ir --verify-each=false 2>&1 | filecheck %s --check-prefix=NOVERIFY
// NOVERIFY:      %1 = arith.muli %0, %0 : i32
// NOVERIFY-NEXT: }

func.func @f(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %1 = arith.addi %a, %c0 : i32
  %2 = arith.muli %1, %1 : i32
  return %2 : i32
}

// A bare --verify-each takes no value: the file after it is still the input.
// RUN: not env PYTHONPATH=%S/../Inputs dialir-opt --load-pass-plugin=test_passes --verify-each %s --test-break-ir 2>&1 | filecheck %s --check-prefix=BARE
// BARE: error: 'test-break-ir' pass produced invalid IR
