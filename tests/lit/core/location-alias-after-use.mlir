// RUN: not dialir-opt %s --split-input-file --mlir-print-debuginfo --mlir-print-local-scope 2>/dev/null | filecheck %s
// RUN: dialir-opt %s --split-input-file --verify-diagnostics -o /dev/null

// Location aliases used before their definition, as mlir-opt's --mlir-print-debuginfo output
// has them at the end of the file; an alias may refer to another one.

// CHECK:      func.func @f(%{{.*}}: i32 loc("a.mlir":2:14)) -> i32 {
// CHECK-NEXT:   arith.addi %{{.*}} : i32 loc(callsite("a.mlir":2:14 at "a.mlir":2:3))
// CHECK-NEXT:   return %{{.*}} : i32 loc(fused["a.mlir":2:3, "x"("a.mlir":2:14)])
// CHECK-NEXT: } loc("a.mlir":2:3)
module {
  func.func @f(%a: i32 loc(#loc2)) -> i32 {
    %0 = arith.addi %a, %a : i32 loc(#loc3)
    return %0 : i32 loc(#loc4)
  } loc(#loc1)
} loc(#loc)
#loc = loc("a.mlir":1:1)
#loc1 = loc("a.mlir":2:3)
#loc2 = loc("a.mlir":2:14)
#loc3 = loc(callsite(#loc2 at #loc1))
#loc4 = loc(fused[#loc1, "x"(#loc2)])

// -----

func.func @g() {
  // expected-error@+1 {{operation location alias was never defined}}
  return loc(#nowhere)
}

// -----

func.func @h() {
  // expected-error@+1 {{expected location, but found '1 : i32'}}
  return loc(#notloc)
}
#notloc = 1 : i32
