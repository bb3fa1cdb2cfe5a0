// Pipeline text: nested anchors, spaces, options of every kind (quoted strings, lists, enums,
// a bare boolean, hex integers). --dump-pass-pipeline prints the parsed pipeline to stderr in
// the same syntax, every option spelled out, and that text parses back to itself.
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes -o %t --dump-pass-pipeline --pass-pipeline=' builtin.module( func.func( test-func-mark , canonicalize{max-iterations=3} ) , test-options{sizes=32,32 flag label="a b" names={x,"y z",w} mode=safe level=high number=0x10 ratio=2.5} )' 2>&1 | filecheck %s
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes -o %t --dump-pass-pipeline --pass-pipeline='builtin.module(func.func(test-func-mark{tag=func},canonicalize{max-iterations=3}),test-options{number=16 flag=true ratio=2.5 label="a b" sizes=32,32 names=x,"y z",w mode=safe level=high})' 2>&1 | filecheck %s
// CHECK:      Pass Manager with 2 passes:
// CHECK-NEXT: builtin.module(func.func(test-func-mark{tag=func},canonicalize{max-iterations=3{{( [^ }]+)*}}}),test-options{number=16 flag=true ratio=2.5 label="a b" sizes=32,32 names=x,"y z",w mode=safe level=high})

// The parsed options reach the pass: test-options records them on the module.
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes --pass-pipeline="builtin.module(test-options{label='x = {y}' sizes={} names= level=high})" | filecheck %s --check-prefix=OPTS
// OPTS: module attributes {test.options = "test-options{number=1 flag=false ratio=0.5 label=\22x = {y}\22 sizes= names= mode=fast level=high}"}

// An empty pipeline, and empty nested ones, are allowed.
// RUN: dialir-opt %s -o %t --dump-pass-pipeline --pass-pipeline='builtin.module(func.func())' 2>&1 | filecheck %s --check-prefix=EMPTY
// RUN: dialir-opt %s --pass-pipeline='builtin.module()' | filecheck %s --check-prefix=IR
// EMPTY:      Pass Manager with 1 passes:
// EMPTY-NEXT: builtin.module(func.func())
// IR:      func.func @f(%[[X:[A-Za-z0-9_$.-]+]]: i32) -> i32 {
// IR-NEXT:   %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : i32
// IR-NEXT:   %[[Y:[A-Za-z0-9_$.-]+]] = arith.addi %[[X]], %[[C0]] : i32

func.func @f(%x: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %y = arith.addi %x, %c0 : i32
  return %y : i32
}
