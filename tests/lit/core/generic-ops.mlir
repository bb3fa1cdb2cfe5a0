// RUN: dialir-opt %s --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC

// CHECK-LABEL: module {
// CHECK: "test.func"() <{sym_name = "f"}> ({
// CHECK-NEXT: ^bb0(%[[X:[A-Za-z0-9_$.-]+]]: i32, %[[Y:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT:   %[[A:[A-Za-z0-9_$.-]+]]:2 = "test.pair"(%[[X]], %[[Y]]) : (i32, f32) -> (i32, f32)
// CHECK-NEXT:   "test.use"(%[[A]]#1, %[[A]]#0) : (f32, i32) -> ()
// CHECK-NEXT:   "test.br"()[^bb1] : () -> ()
// CHECK-NEXT: ^bb1:
// CHECK-NEXT:   "test.return"(%[[X]]) : (i32) -> ()
// GENERIC: "builtin.module"() ({
// GENERIC: }) : () -> ()
"test.func"() <{sym_name = "f"}> ({
^bb0(%x: i32, %y: f32):
  %a:2 = "test.pair"(%x, %y) : (i32, f32) -> (i32, f32)
  "test.use"(%a#1, %a#0) : (f32, i32) -> ()
  "test.br"()[^bb1] : () -> ()
^bb1:
  "test.return"(%x) : (i32) -> ()
}) : () -> ()
