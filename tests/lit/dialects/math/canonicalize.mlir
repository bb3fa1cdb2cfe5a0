// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(canonicalize)' | filecheck %s

// Constants fold with numpy; the results are arith.constant ops.
// CHECK-LABEL: sym_name = "fold_f32"
// CHECK-DAG: %[[SQRT:.*]] = arith.constant 1.414213{{[0-9]*(e\+00)?}} : f32
// CHECK-DAG: %[[EXP:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[LOG:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[ABS:.*]] = arith.constant 2.500000e+00 : f32
// floor and round give the same value: one (uniqued) constant.
// CHECK-DAG: %[[FLOOR:.*]] = arith.constant -3.000000e+00 : f32
// CHECK-DAG: %[[CEIL:.*]] = arith.constant -2.000000e+00 : f32
// CHECK-DAG: %[[POW:.*]] = arith.constant 8.000000e+00 : f32
// CHECK-DAG: %[[FMA:.*]] = arith.constant 7.000000e+00 : f32
// CHECK-NOT: math.
// CHECK: "test.sink"(%[[SQRT]], %[[EXP]], %[[LOG]], %[[ABS]], %[[FLOOR]], %[[CEIL]], %[[FLOOR]], %[[POW]], %[[FMA]])
"test.func"() <{sym_name = "fold_f32"}> ({
  %two = arith.constant 2.0 : f32
  %three = arith.constant 3.0 : f32
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %m = arith.constant -2.5 : f32
  %0 = math.sqrt %two : f32
  %1 = math.exp %zero : f32
  %2 = math.log %one : f32
  %3 = math.absf %m : f32
  %4 = math.floor %m : f32
  %5 = math.ceil %m : f32
  %6 = math.round %m : f32
  %7 = math.powf %two, %three : f32
  %8 = math.fma %two, %two, %three : f32
  "test.sink"(%0, %1, %2, %3, %4, %5, %6, %7, %8) : (f32, f32, f32, f32, f32, f32, f32, f32, f32) -> ()
}) : () -> ()

// -----

// Splats fold elementwise; math.sqrt of a negative number and f16 transcendentals do not
// fold (MLIR folds those only where libm computes them: f32 and f64).
// CHECK-LABEL: sym_name = "fold_limits"
// CHECK-DAG: %[[SPLAT:.*]] = arith.constant dense<3.000000e+00> : vector<4xf64>
// CHECK-DAG: %[[NEG:.*]] = math.sqrt %{{.*}} : f32
// CHECK-DAG: %[[HALF:.*]] = math.exp %{{.*}} : f16
// CHECK-DAG: %[[HALFABS:.*]] = arith.constant 1.000000e+00 : f16
// CHECK: "test.sink"(%[[SPLAT]], %[[NEG]], %[[HALF]], %[[HALFABS]])
"test.func"() <{sym_name = "fold_limits"}> ({
  %nine = arith.constant dense<9.0> : vector<4xf64>
  %m = arith.constant -4.0 : f32
  %h = arith.constant -1.0 : f16
  %0 = math.sqrt %nine : vector<4xf64>
  %1 = math.sqrt %m : f32
  %2 = math.exp %h : f16
  %3 = math.absf %h : f16
  "test.sink"(%0, %1, %2, %3) : (vector<4xf64>, f32, f16, f16) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "absi"
// CHECK-DAG: %[[A:.*]] = arith.constant 5 : i8
// CHECK-DAG: %[[MIN:.*]] = arith.constant -128 : i8
// CHECK: "test.sink"(%[[A]], %[[MIN]])
"test.func"() <{sym_name = "absi"}> ({
  %m5 = arith.constant -5 : i8
  %min = arith.constant -128 : i8
  %0 = math.absi %m5 : i8
  %1 = math.absi %min : i8
  "test.sink"(%0, %1) : (i8, i8) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "absf_absf"
// CHECK: ^bb0(%[[X:.*]]: f32):
// CHECK-NEXT: %[[A:.*]] = math.absf %[[X]] : f32
// CHECK-NEXT: "test.sink"(%[[A]])
"test.func"() <{sym_name = "absf_absf"}> ({
^bb0(%x: f32):
  %0 = math.absf %x : f32
  %1 = math.absf %0 : f32
  "test.sink"(%1) : (f32) -> ()
}) : () -> ()
