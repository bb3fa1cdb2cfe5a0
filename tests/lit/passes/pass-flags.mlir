// One flag per registered pass, like mlir-opt: the passes run in command-line order on the
// module; a pass for another op (func.func) is nested under that op, consecutive ones in one
// nested pipeline. Options follow '=', as in --pass-name='opt=value opt=value'.
// DEFINE: %{opt} = env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes

// RUN: %{opt} --test-mark=tag=m1 --test-func-mark --test-func-mark='tag=f2' --canonicalize --test-module-mark='tag=m2' --test-func-mark=tag=f3 --dump-pass-pipeline 2>&1 | filecheck %s
// CHECK:      Pass Manager with 5 passes:
// CHECK-NEXT: builtin.module(test-mark{tag=m1},func.func(test-func-mark{tag=func},test-func-mark{tag=f2}),canonicalize{{(\{[^}]*\})?}},test-module-mark{tag=m2},func.func(test-func-mark{tag=f3}))
// CHECK:      module attributes {test.marks = "m1,m2"} {
// CHECK-NEXT:   func.func @f(%[[X:[A-Za-z0-9_$.-]+]]: i32) -> i32 attributes {test.marks = "func,f2,f3"} {
// CHECK-NEXT:     return %[[X]] : i32

// Several options in one flag, space-separated, lists and quoted strings included.
// RUN: %{opt} --test-options='sizes=4,8 label="a b" flag' | filecheck %s --check-prefix=OPTS
// OPTS: module attributes {test.options = "test-options{number=1 flag=true ratio=0.5 label=\22a b\22 sizes=4,8 names= mode=fast level=low}"}

func.func @f(%x: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %y = arith.addi %x, %c0 : i32
  return %y : i32
}
