// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --split-input-file --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s

// Acceptance tests for the `math` dialect: the examples of MLIR's own documentation
// (https://mlir.llvm.org/docs/Dialects/MathOps/), each wrapped in a function whose
// arguments carry the names the page uses. The checks hold what `mlir-opt` prints
// (argument names are renumbered, hence the `%[[X:.*]]` patterns).

// From: https://mlir.llvm.org/docs/Dialects/MathOps/ (dialect introduction)
// (doc typo fixed: `tensor<4x?xf8>`; `f8` is not a builtin type, `f16` is used)
func.func @absf(%b: f64, %g: vector<4xf32>, %y: tensor<4x?xf16>) {
  // Scalar absolute value.
  %a = math.absf %b : f64

  // Vector elementwise absolute value.
  %f = math.absf %g : vector<4xf32>

  // Tensor elementwise absolute value.
  %x = math.absf %y : tensor<4x?xf16>
  return
}

// CHECK-LABEL: func.func @absf(
// CHECK-SAME: %[[B:.*]]: f64, %[[G:.*]]: vector<4xf32>, %[[Y:.*]]: tensor<4x?xf16>)
// CHECK: math.absf %[[B]] : f64
// CHECK: math.absf %[[G]] : vector<4xf32>
// CHECK: math.absf %[[Y]] : tensor<4x?xf16>

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathabsi-mathabsiop
func.func @absi(%b: i64) -> i64 {
  // Scalar absolute value.
  %a = math.absi %b : i64
  return %a : i64
}

// CHECK-LABEL: func.func @absi(
// CHECK-SAME: %[[B:.*]]: i64) -> i64 {
// CHECK: %[[A:.*]] = math.absi %[[B]] : i64
// CHECK: return %[[A]] : i64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathexp-mathexpop
func.func @exp(%b: f64) -> f64 {
  // Scalar natural exponential.
  %a = math.exp %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @exp(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.exp %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathexp2-mathexp2op
func.func @exp2(%b: f64) -> f64 {
  // Scalar natural exponential.
  %a = math.exp2 %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @exp2(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.exp2 %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathlog-mathlogop
func.func @log(%x: f64) -> f64 {
  // Scalar log operation.
  %y = math.log %x : f64
  return %y : f64
}

// CHECK-LABEL: func.func @log(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.log %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathlog2-mathlog2op
func.func @log2(%x: f64) -> f64 {
  // Scalar log2 operation.
  %y = math.log2 %x : f64
  return %y : f64
}

// CHECK-LABEL: func.func @log2(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.log2 %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathlog1p-mathlog1pop
func.func @log1p(%x: f64) -> f64 {
  // Scalar log1p operation.
  %y = math.log1p %x : f64
  return %y : f64
}

// CHECK-LABEL: func.func @log1p(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.log1p %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathsqrt-mathsqrtop
func.func @sqrt(%b: f64) -> f64 {
  // Scalar square root value.
  %a = math.sqrt %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @sqrt(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.sqrt %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathrsqrt-mathrsqrtop
func.func @rsqrt(%b: f64) -> f64 {
  // Scalar reciprocal square root value.
  %a = math.rsqrt %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @rsqrt(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.rsqrt %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathtanh-mathtanhop
func.func @tanh(%b: f64) -> f64 {
  // Scalar hyperbolic tangent value.
  %a = math.tanh %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @tanh(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.tanh %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#matherf-matherfop
func.func @erf(%b: f64) -> f64 {
  // Scalar error function value.
  %a = math.erf %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @erf(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.erf %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathsin-mathsinop
func.func @sin(%b: f64) -> f64 {
  // Scalar sine value.
  %a = math.sin %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @sin(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.sin %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathcos-mathcosop
func.func @cos(%b: f64) -> f64 {
  // Scalar cosine value.
  %a = math.cos %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @cos(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.cos %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathfloor-mathfloorop
func.func @floor(%b: f64) -> f64 {
  // Scalar floor value.
  %a = math.floor %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @floor(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.floor %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathceil-mathceilop
func.func @ceil(%b: f64) -> f64 {
  // Scalar ceiling value.
  %a = math.ceil %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @ceil(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.ceil %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathround-mathroundop
func.func @round(%b: f64) -> f64 {
  // Scalar round operation.
  %a = math.round %b : f64
  return %a : f64
}

// CHECK-LABEL: func.func @round(
// CHECK-SAME: %[[X:.*]]: f64) -> f64 {
// CHECK: %[[R:.*]] = math.round %[[X]] : f64
// CHECK: return %[[R]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathpowf-mathpowfop
func.func @powf(%b: f64, %c: f64) -> f64 {
  // Scalar exponentiation.
  %a = math.powf %b, %c : f64
  return %a : f64
}

// CHECK-LABEL: func.func @powf(
// CHECK-SAME: %[[B:.*]]: f64, %[[C:.*]]: f64) -> f64 {
// CHECK: %[[A:.*]] = math.powf %[[B]], %[[C]] : f64
// CHECK: return %[[A]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/MathOps/#mathfma-mathfmaop
func.func @fma(%a: f64, %b: f64, %c: f64) -> f64 {
  // Scalar fused multiply-add: d = a*b + c
  %d = math.fma %a, %b, %c : f64
  return %d : f64
}

// CHECK-LABEL: func.func @fma(
// CHECK-SAME: %[[A:.*]]: f64, %[[B:.*]]: f64, %[[C:.*]]: f64) -> f64 {
// CHECK: %[[D:.*]] = math.fma %[[A]], %[[B]], %[[C]] : f64
// CHECK: return %[[D]] : f64
