// mlir-opt's command line as MLIR's own RUN lines write it: llvm::cl long options with one
// dash work as their double-dash forms, and `-o=FILE` as `-o FILE`.

// RUN: dialir-opt -split-input-file -allow-unregistered-dialect -canonicalize %s | filecheck %s
// RUN: dialir-opt -split-input-file -allow-unregistered-dialect -pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=2}))' %s | filecheck %s
// RUN: dialir-opt -split-input-file -allow-unregistered-dialect -mlir-print-op-generic %s | filecheck %s --check-prefix=GENERIC
// RUN: dialir-opt -split-input-file -allow-unregistered-dialect -canonicalize %s -o=%t && filecheck %s --input-file=%t
// RUN: dialir-opt -split-input-file -verify-diagnostics -allow-unregistered-dialect %s -o /dev/null

// CHECK-LABEL: func.func @fold
// GENERIC-LABEL: "func.func"
func.func @fold(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  // CHECK-NOT: arith.addi
  // GENERIC: "arith.addi"
  %0 = arith.addi %a, %c0 : i32
  return %0 : i32
}

// -----

// CHECK: "foo.bar"() : () -> ()
// GENERIC: "foo.bar"() : () -> ()
"foo.bar"() : () -> ()
