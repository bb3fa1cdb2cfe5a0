// --timing (or --mlir-timing): a wall-time table like -mlir-timing's, on stderr: parsing,
// each pass (summed over the ops it ran on) nested under its pipeline, printing, the rest and
// the total.
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes -o %t --pass-pipeline='builtin.module(func.func(test-count-ops,canonicalize),test-mark)' --timing 2>&1 | filecheck %s --strict-whitespace
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes -o %t --pass-pipeline='builtin.module(func.func(test-count-ops,canonicalize),test-mark)' --mlir-timing 2>&1 | filecheck %s --strict-whitespace
// CHECK:      {{^}}===-------------------------------------------------------------------------==={{$}}
// CHECK-NEXT: {{^}}                         ... Execution time report ...{{$}}
// CHECK-NEXT: {{^}}===-------------------------------------------------------------------------==={{$}}
// CHECK-NEXT: {{^}}  Total Execution Time: [[#]].[[#]] seconds{{$}}
// CHECK-EMPTY:
// CHECK-NEXT: {{^}}  ----Wall Time----  ----Name----{{$}}
// CHECK-NEXT: {{^}}  {{ *}}[[#]].[[#]] ({{ *}}[[#]].[[#]]%)  Parser{{$}}
// CHECK-NEXT: {{^}}  {{ *}}[[#]].[[#]] ({{ *}}[[#]].[[#]]%)  'func.func' Pipeline{{$}}
// CHECK-NEXT: {{^}}  {{ *}}[[#]].[[#]] ({{ *}}[[#]].[[#]]%)    TestCountOpsPass{{$}}
// CHECK-NEXT: {{^}}  {{ *}}[[#]].[[#]] ({{ *}}[[#]].[[#]]%)    Canonicalize{{$}}
// CHECK-NEXT: {{^}}  {{ *}}[[#]].[[#]] ({{ *}}[[#]].[[#]]%)  TestMarkPass{{$}}
// CHECK-NEXT: {{^}}  {{ *}}[[#]].[[#]] ({{ *}}[[#]].[[#]]%)  Output{{$}}
// CHECK-NEXT: {{^}}  {{ *}}[[#]].[[#]] ({{ *}}[[#]].[[#]]%)  Rest{{$}}
// CHECK-NEXT: {{^}}  {{ *}}[[#]].[[#]] (100.0%)  Total{{$}}

func.func @f(%x: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %y = arith.addi %x, %c0 : i32
  return %y : i32
}
func.func @g() {
  return
}
