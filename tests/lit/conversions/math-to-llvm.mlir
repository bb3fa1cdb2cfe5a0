// RUN: dialir-opt %s --split-input-file --convert-math-to-llvm | filecheck %s

// Intrinsics of the same operands, with the op's fast-math flags.

// CHECK-LABEL: func.func @intrinsics(
// CHECK-SAME: %[[X:.*]]: f32, %[[Y:.*]]: f32, %[[Z:.*]]: f32, %[[N:.*]]: i32
func.func @intrinsics(%x: f32, %y: f32, %z: f32, %n: i32) {
  // CHECK: llvm.intr.fabs(%[[X]]) : (f32) -> f32
  %0 = math.absf %x : f32
  // CHECK: llvm.intr.ceil(%[[X]]) : (f32) -> f32
  %1 = math.ceil %x : f32
  // CHECK: llvm.intr.floor(%[[X]]) : (f32) -> f32
  %2 = math.floor %x : f32
  // CHECK: llvm.intr.copysign(%[[X]], %[[Y]]) : (f32, f32) -> f32
  %3 = math.copysign %x, %y : f32
  // CHECK: llvm.intr.cos(%[[X]]) fastmath<afn> : (f32) -> f32
  %4 = math.cos %x fastmath<afn> : f32
  // CHECK: llvm.intr.sin(%[[X]]) : (f32) -> f32
  %5 = math.sin %x : f32
  // CHECK: llvm.intr.exp(%[[X]]) fastmath<fast> : (f32) -> f32
  %6 = math.exp %x fastmath<fast> : f32
  // CHECK: llvm.intr.exp2(%[[X]]) : (f32) -> f32
  %7 = math.exp2 %x : f32
  // CHECK: llvm.intr.log(%[[X]]) : (f32) -> f32
  %8 = math.log %x : f32
  // CHECK: llvm.intr.log2(%[[X]]) : (f32) -> f32
  %9 = math.log2 %x : f32
  // CHECK: llvm.intr.log10(%[[X]]) : (f32) -> f32
  %10 = math.log10 %x : f32
  // CHECK: llvm.intr.sqrt(%[[X]]) : (f32) -> f32
  %11 = math.sqrt %x : f32
  // CHECK: llvm.intr.pow(%[[X]], %[[Y]]) : (f32, f32) -> f32
  %12 = math.powf %x, %y : f32
  // CHECK: llvm.intr.fma(%[[X]], %[[Y]], %[[Z]]) fastmath<contract> : (f32, f32, f32) -> f32
  %13 = math.fma %x, %y, %z fastmath<contract> : f32
  // CHECK: llvm.intr.round(%[[X]]) : (f32) -> f32
  %14 = math.round %x : f32
  // CHECK: llvm.intr.roundeven(%[[X]]) : (f32) -> f32
  %15 = math.roundeven %x : f32
  // CHECK: llvm.intr.trunc(%[[X]]) : (f32) -> f32
  %16 = math.trunc %x : f32
  // CHECK: llvm.intr.powi(%[[X]], %[[N]]) : (f32, i32) -> f32
  %17 = math.fpowi %x, %n : f32, i32
  return
}

// -----

// Expansions MLIR's MathToLLVM does: rsqrt, expm1, log1p.

// CHECK-LABEL: func.func @expansions(
// CHECK-SAME: %[[X:.*]]: f32, %[[V:.*]]: vector<4xf64>
func.func @expansions(%x: f32, %v: vector<4xf64>) -> (f32, f32, vector<4xf64>) {
  // CHECK: %[[ONE:.*]] = llvm.mlir.constant(1.000000e+00 : f32) : f32
  // CHECK: %[[SQRT:.*]] = llvm.intr.sqrt(%[[X]]) fastmath<fast> : (f32) -> f32
  // CHECK: llvm.fdiv %[[ONE]], %[[SQRT]] fastmath<fast> : f32
  %0 = math.rsqrt %x fastmath<fast> : f32
  // CHECK: %[[ONE1:.*]] = llvm.mlir.constant(1.000000e+00 : f32) : f32
  // CHECK: %[[EXP:.*]] = llvm.intr.exp(%[[X]]) : (f32) -> f32
  // CHECK: llvm.fsub %[[EXP]], %[[ONE1]] : f32
  %1 = math.expm1 %x : f32
  // CHECK: %[[ONE2:.*]] = llvm.mlir.constant(dense<1.000000e+00> : vector<4xf64>) : vector<4xf64>
  // CHECK: %[[ADD:.*]] = llvm.fadd %[[ONE2]], %[[V]] : vector<4xf64>
  // CHECK: llvm.intr.log(%[[ADD]]) : (vector<4xf64>) -> vector<4xf64>
  %2 = math.log1p %v : vector<4xf64>
  return %0, %1, %2 : f32, f32, vector<4xf64>
}

// -----

// Integer ops: defined for every input (no poison on zero or INT_MIN).

// CHECK-LABEL: func.func @integers(
func.func @integers(%a: i32) {
  // CHECK: "llvm.intr.ctlz"(%{{.*}}) <{is_zero_poison = false}> : (i32) -> i32
  %0 = math.ctlz %a : i32
  // CHECK: "llvm.intr.cttz"(%{{.*}}) <{is_zero_poison = false}> : (i32) -> i32
  %1 = math.cttz %a : i32
  // CHECK: llvm.intr.ctpop(%{{.*}}) : (i32) -> i32
  %2 = math.ctpop %a : i32
  // CHECK: "llvm.intr.abs"(%{{.*}}) <{is_int_min_poison = false}> : (i32) -> i32
  %3 = math.absi %a : i32
  return
}

// -----

// Ops LLVM has no intrinsic for stay (convert-math-to-libm's business).

// CHECK-LABEL: func.func @no_intrinsic(
func.func @no_intrinsic(%x: f32) -> f32 {
  // CHECK: math.tanh
  %0 = math.tanh %x : f32
  // CHECK: math.erf
  %1 = math.erf %0 : f32
  return %1 : f32
}
