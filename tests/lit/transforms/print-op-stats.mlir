// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(print-op-stats)' -o /dev/null 2>&1 | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(print-op-stats{json=true})' -o /dev/null 2>&1 | filecheck %s --check-prefix=JSON
// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(print-op-stats)' 2>/dev/null | filecheck %s --check-prefix=IR

// Sorted by name, the dialect right-aligned on the dot and the op name left-aligned, as
// mlir-opt prints it to stderr; nested ops count too. An op name without a dot has no dialect.
// CHECK:      Operations encountered:
// CHECK-NEXT: -----------------------
// CHECK-NEXT:      arith.addi     , 3
// CHECK-NEXT:      arith.constant , 1
// CHECK-NEXT:      arith.muli     , 1
// CHECK-NEXT:    builtin.module   , 1
// CHECK-NEXT:       func.func     , 2
// CHECK-NEXT:       func.return   , 2
// CHECK-NEXT:       test.region   , 1
// CHECK-NEXT:          undotted   , 1
// CHECK-EMPTY:

// JSON:      {
// JSON-NEXT:   "arith.addi" : 3,
// JSON-NEXT:   "arith.constant" : 1,
// JSON-NEXT:   "arith.muli" : 1,
// JSON-NEXT:   "builtin.module" : 1,
// JSON-NEXT:   "func.func" : 2,
// JSON-NEXT:   "func.return" : 2,
// JSON-NEXT:   "test.region" : 1,
// JSON-NEXT:   "undotted" : 1
// JSON-NEXT: }

// The IR itself is unchanged.
// IR: func.func @f
// IR: arith.muli
func.func @f(%a: i32) -> i32 {
  %c = arith.constant 2 : i32
  %0 = arith.addi %a, %c : i32
  %1 = arith.addi %0, %0 : i32
  %2 = arith.muli %1, %1 : i32
  return %2 : i32
}
func.func @g(%a: i32) -> i32 {
  "test.region"() ({
    %0 = arith.addi %a, %a : i32
    "undotted"(%0) : (i32) -> ()
  }) : () -> ()
  return %a : i32
}
