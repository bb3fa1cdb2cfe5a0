// RUN: dialir-opt %s --pass-pipeline='builtin.module(inline{default-pipeline= inlining-threshold=100})' | filecheck %s
// RUN: dialir-opt %s --pass-pipeline='builtin.module(inline{default-pipeline= inlining-threshold=200})' | filecheck %s --check-prefix=HIGHER
// RUN: dialir-opt %s --pass-pipeline='builtin.module(inline{default-pipeline= inlining-threshold=0})' | filecheck %s --check-prefix=NEVER

// A callee is inlined only if it has at most `inlining-threshold` percent as many ops as
// the caller: @callee1 has 4, @caller1 2 (200%), @callee2 1 (50%).
func.func @callee1(%arg : i32) -> i32 {
  %v1 = arith.addi %arg, %arg : i32
  %v2 = arith.addi %v1, %arg : i32
  %v3 = arith.addi %v2, %arg : i32
  return %v3 : i32
}

func.func @callee2(%arg : i32) -> i32 {
  return %arg : i32
}

// CHECK-LABEL: func.func @caller1
// CHECK-NEXT: call @callee1
// CHECK-NEXT: return
// HIGHER-LABEL: func.func @caller1
// HIGHER-NOT: call
// HIGHER: return
func.func @caller1(%arg0 : i32) -> i32 {
  %0 = call @callee1(%arg0) : (i32) -> i32
  return %0 : i32
}

// CHECK-LABEL: func.func @caller2
// CHECK-NEXT: return %arg0
// NEVER-LABEL: func.func @caller2
// NEVER-NEXT: call @callee2
func.func @caller2(%arg0 : i32) -> i32 {
  %0 = call @callee2(%arg0) : (i32) -> i32
  return %0 : i32
}
