// --pass-statistics (or --mlir-pass-statistics): every pass of the pipeline, in pipeline
// order under its nested pipeline, with its statistics summed over the ops it ran on;
// declared statistics are listed even when 0, with their description. Without
// --split-input-file the three functions are one module: test-count-ops runs on each (3 runs,
// 5 ops inside them), then on the canonicalized module (6 ops).
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes -o %t --pass-pipeline='builtin.module(func.func(test-count-ops,canonicalize),test-count-ops)' --pass-statistics 2>&1 | filecheck %s --strict-whitespace
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes -o %t --pass-pipeline='builtin.module(func.func(test-count-ops,canonicalize),test-count-ops)' --mlir-pass-statistics 2>&1 | filecheck %s --strict-whitespace
// CHECK:      {{^}}===-------------------------------------------------------------------------==={{$}}
// CHECK-NEXT: {{^}}                         ... Pass statistics report ...{{$}}
// CHECK-NEXT: {{^}}===-------------------------------------------------------------------------==={{$}}
// CHECK-NEXT: {{^}}'func.func' Pipeline{{$}}
// CHECK-NEXT: {{^}}  TestCountOpsPass{{$}}
// CHECK-NEXT: {{^}}    (S) 5 ops - Number of ops visited{{$}}
// CHECK-NEXT: {{^}}    (S) 0 never - A statistic that is never counted{{$}}
// CHECK-NEXT: {{^}}    (S) 3 runs{{$}}
// CHECK-NEXT: {{^}}  Canonicalize{{$}}
// CHECK:      {{^}}TestCountOpsPass{{$}}
// CHECK-NEXT: {{^}}  (S) 6 ops - Number of ops visited{{$}}
// CHECK-NEXT: {{^}}  (S) 0 never - A statistic that is never counted{{$}}
// CHECK-NEXT: {{^}}  (S) 1 runs{{$}}

// With --split-input-file the statistics add up over the chunks (6 + 2 ops).
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes -o %t --split-input-file --test-count-ops --pass-statistics 2>&1 | filecheck %s --check-prefix=SPLIT
// SPLIT:      TestCountOpsPass
// SPLIT-NEXT:   (S) 8 ops - Number of ops visited
// SPLIT-NEXT:   (S) 0 never - A statistic that is never counted
// SPLIT-NEXT:   (S) 2 runs

func.func @f(%x: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %y = arith.addi %x, %c0 : i32
  return %y : i32
}
func.func @g() {
  return
}

// -----

func.func @h() {
  return
}
