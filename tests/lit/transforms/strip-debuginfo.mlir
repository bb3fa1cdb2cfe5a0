// RUN: dialir-opt %s --pass-pipeline='builtin.module(strip-debuginfo)' --mlir-print-debuginfo --mlir-print-local-scope | filecheck %s
// RUN: dialir-opt %s --mlir-print-debuginfo --mlir-print-local-scope | filecheck %s --check-prefix=KEPT

// Every location, of ops and of block arguments, nested or not, becomes unknown.
// CHECK-NOT: loc("
// CHECK-NOT: callsite
// CHECK-NOT: fused
// CHECK: func.func @f(%[[A:.*]]: i32 loc(unknown)) -> i32 {
// CHECK-NEXT: cf.br ^bb1(%[[A]] : i32) loc(unknown)
// CHECK-NEXT: ^bb1(%{{.*}}: i32 loc(unknown)):
// CHECK-NEXT: arith.addi {{.*}} loc(unknown)
// CHECK-NEXT: return {{.*}} loc(unknown)
// CHECK-NEXT: } loc(unknown)
// CHECK-NEXT: } loc(unknown)

// Without the pass, the locations are there (so the checks above can fail).
// KEPT: loc("a.cc":1:2)
// KEPT: loc(callsite("b.cc":3:4 at "c.cc":5:6))
// KEPT: loc(fused["d.cc":7:8, "e"])
module {
  func.func @f(%arg0: i32 loc("arg.cc":9:9)) -> i32 {
    cf.br ^bb1(%arg0 : i32) loc("a.cc":1:2)
  ^bb1(%x: i32 loc("blockarg.cc":2:2)):
    %0 = arith.addi %x, %x : i32 loc(callsite("b.cc":3:4 at "c.cc":5:6))
    return %0 : i32 loc(fused["d.cc":7:8, "e"])
  } loc("func.cc":1:1)
} loc("module.cc":1:1)
