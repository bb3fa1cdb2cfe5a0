// RUN: dialir-opt %s --irdl-file=%S/Inputs/cmath.irdl.mlir --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --irdl-file=%S/Inputs/cmath.irdl.mlir --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s

// Ops of a dialect loaded from IRDL (Inputs/cmath.irdl.mlir) that satisfy their constraints:
// they print in the generic form, their types and attributes as `!cmath.t<...>`.

// CHECK-LABEL: func.func @cmath
// CHECK-SAME:    (%[[A:.*]]: !cmath.complex<f32>, %[[B:.*]]: !cmath.complex<f64>)
func.func @cmath(%a: !cmath.complex<f32>, %b: !cmath.complex<f64>) {
  // CHECK-NEXT: %{{.*}} = "cmath.norm"(%[[A]]) : (!cmath.complex<f32>) -> f32
  %n = "cmath.norm"(%a) : (!cmath.complex<f32>) -> f32
  // CHECK-NEXT: %{{.*}} = "cmath.norm"(%[[B]]) : (!cmath.complex<f64>) -> f64
  %n64 = "cmath.norm"(%b) : (!cmath.complex<f64>) -> f64
  // CHECK-NEXT: %{{.*}} = "cmath.mul"(%[[B]], %[[B]]) : (!cmath.complex<f64>, !cmath.complex<f64>) -> !cmath.complex<f64>
  %m = "cmath.mul"(%b, %b) : (!cmath.complex<f64>, !cmath.complex<f64>) -> !cmath.complex<f64>
  // One variadic group: its size is what the others leave.
  // CHECK-NEXT: "cmath.sum"() : () -> !cmath.complex<f32>
  %s0 = "cmath.sum"() : () -> !cmath.complex<f32>
  // CHECK-NEXT: "cmath.sum"(%[[A]], %[[A]], %[[A]])
  %s3 = "cmath.sum"(%a, %a, %a) : (!cmath.complex<f32>, !cmath.complex<f32>, !cmath.complex<f32>) -> !cmath.complex<f32>
  // Two non-single groups: operandSegmentSizes says how many each has.
  // CHECK-NEXT: "cmath.fma"(%[[A]], %[[A]], %[[A]], %[[A]]) {operandSegmentSizes = array<i32: 1, 1, 0, 2>}
  %f = "cmath.fma"(%a, %a, %a, %a) {operandSegmentSizes = array<i32: 1, 1, 0, 2>} : (!cmath.complex<f32>, !cmath.complex<f32>, !cmath.complex<f32>, !cmath.complex<f32>) -> !cmath.complex<f32>
  // CHECK-NEXT: "cmath.constant"() {im = 5.000000e-01 : f32, re = 1.000000e+00 : f32} : () -> !cmath.complex<f64>
  %k = "cmath.constant"() {re = 1.0 : f32, im = 0.5 : f32} : () -> !cmath.complex<f64>
  // CHECK-NEXT: "cmath.round"(%[[A]]) {mode = #cmath.rounding<"up">}
  %r = "cmath.round"(%a) {mode = #cmath.rounding<"up">} : (!cmath.complex<f32>) -> !cmath.complex<f32>
  // CHECK-NEXT: "cmath.map"(%[[A]]) ({
  // CHECK-NEXT: ^bb0(%[[E:.*]]: f32):
  // CHECK-NEXT:   "test.yield"(%[[E]]) : (f32) -> ()
  // CHECK-NEXT: }) : (!cmath.complex<f32>) -> !cmath.complex<f32>
  %x = "cmath.map"(%a) ({
  ^bb0(%e: f32):
    "test.yield"(%e) : (f32) -> ()
  }) : (!cmath.complex<f32>) -> !cmath.complex<f32>
  return
}
