// RUN: dialir-opt %s --convert-math-to-libm | filecheck %s

// Functions LLVM has no intrinsic for call the C math library: `f`-suffixed for f32,
// declared once per module; vectors stay.

// CHECK-DAG: func.func private @tanhf(f32) -> f32
// CHECK-DAG: func.func private @erf(f64) -> f64
// CHECK-DAG: func.func private @atan2f(f32, f32) -> f32

// CHECK-LABEL: func.func @libm(
// CHECK-SAME: %[[X:.*]]: f32, %[[D:.*]]: f64, %[[V:.*]]: vector<4xf32>
func.func @libm(%x: f32, %d: f64, %v: vector<4xf32>) -> (f32, f64, vector<4xf32>) {
  // CHECK: %[[T:.*]] = call @tanhf(%[[X]]) : (f32) -> f32
  %0 = math.tanh %x : f32
  // CHECK: %[[T2:.*]] = call @tanhf(%[[T]]) : (f32) -> f32
  %1 = math.tanh %0 : f32
  // CHECK: call @atan2f(%[[T2]], %[[X]]) : (f32, f32) -> f32
  %2 = math.atan2 %1, %x : f32
  // CHECK: call @erf(%[[D]]) : (f64) -> f64
  %3 = math.erf %d : f64
  // CHECK: math.tanh %[[V]] : vector<4xf32>
  %4 = math.tanh %v : vector<4xf32>
  return %2, %3, %4 : f32, f64, vector<4xf32>
}
