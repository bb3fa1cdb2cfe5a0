// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(arith-expand{include-f8 include-f8e8m0 include-f6 include-f4e2m1}))' | filecheck %s
// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(arith-expand))' | filecheck %s --check-prefix=NONE

// The float formats LLVM has no type for compute with the integers of their bits: extf
// builds the f32 bits (the exponent rebiased, subnormals scaled by a power of two, inf
// and NaN codes picked out), then extends or truncates the f32 to the result type.

// CHECK-LABEL: func.func @extf_f4(
// CHECK-SAME: %[[X:.*]]: f4E2M1FN
// CHECK: %[[BITS:.*]] = arith.bitcast %[[X]] : f4E2M1FN to i4
// CHECK: %[[W:.*]] = arith.extui %[[BITS]] : i4 to i32
// CHECK: %[[SIGN:.*]] = arith.andi %[[W]], %{{.*}} : i32
// CHECK: arith.shli %[[SIGN]], %{{.*}} : i32
// CHECK: %[[MAG:.*]] = arith.andi %[[W]], %{{.*}} : i32
// CHECK: arith.cmpi ult, %[[MAG]], %{{.*}} : i32
// CHECK: arith.uitofp %[[MAG]] : i32 to f32
// CHECK: arith.mulf
// CHECK-NOT: arith.cmpi eq
// CHECK: %[[F:.*]] = arith.bitcast %{{.*}} : i32 to f32
// CHECK: %[[H:.*]] = arith.truncf %[[F]] : f32 to f16
// CHECK: return %[[H]] : f16
// NONE-LABEL: func.func @extf_f4(
// NONE: arith.extf %{{.*}} : f4E2M1FN to f16
func.func @extf_f4(%x: f4E2M1FN) -> f16 {
  %r = arith.extf %x : f4E2M1FN to f16
  return %r : f16
}

// -----

// f8E8M0FNU: no sign, no subnormals; its zero exponent is 2^-127 (an f32 subnormal,
// 0x400000), its NaN is 0xFF (0x7FC00000 in f32).

// CHECK-LABEL: func.func @extf_e8m0(
// CHECK-DAG: %[[NAN:.*]] = arith.constant 2143289344 : i32
// CHECK-DAG: %[[MIN:.*]] = arith.constant 4194304 : i32
// CHECK-DAG: %[[FF:.*]] = arith.constant 255 : i32
// CHECK: %[[W:.*]] = arith.extui %{{.*}} : i8 to i32
// CHECK: %[[NORMAL:.*]] = arith.shli %[[W]], %{{.*}} : i32
// CHECK: %[[ZEXP:.*]] = arith.cmpi ult, %[[W]], %{{.*}} : i32
// CHECK: %[[V:.*]] = arith.select %[[ZEXP]], %[[MIN]], %[[NORMAL]] : i32
// CHECK: %[[ISNAN:.*]] = arith.cmpi eq, %[[W]], %[[FF]] : i32
// CHECK: %[[R:.*]] = arith.select %[[ISNAN]], %[[NAN]], %[[V]] : i32
// CHECK: arith.bitcast %[[R]] : i32 to f32
func.func @extf_e8m0(%x: f8E8M0FNU) -> f32 {
  %r = arith.extf %x : f8E8M0FNU to f32
  return %r : f32
}

// -----

// truncf rounds the mantissa to nearest even in the integer bits, rebiases, takes the
// subnormal range by a power-of-two scaling and the 2^23 rounding add, and maps too large
// values, inf and NaN as the format spells them (f8E4M3FN: NaN, 0x7F with the sign).

// CHECK-LABEL: func.func @truncf_f8e4m3fn(
// CHECK-SAME: %[[X:.*]]: f32
// CHECK-DAG: %[[NANCODE:.*]] = arith.constant 127 : i32
// CHECK-DAG: %[[MAX:.*]] = arith.constant 126 : i32
// CHECK-DAG: %[[MAGIC:.*]] = arith.constant 0x4B000000 : f32
// CHECK: %[[BITS:.*]] = arith.bitcast %[[X]] : f32 to i32
// CHECK: %[[SIGN:.*]] = arith.shrui %[[BITS]], %{{.*}} : i32
// CHECK: %[[MAG:.*]] = arith.andi %[[BITS]], %{{.*}} : i32
// CHECK: %[[ROUNDED:.*]] = arith.addi %[[MAG]], %{{.*}} : i32
// CHECK: %[[SHIFTED:.*]] = arith.shrui %[[ROUNDED]], %{{.*}} : i32
// CHECK: %[[NORMAL:.*]] = arith.subi %[[SHIFTED]], %{{.*}} : i32
// CHECK: %[[ABS:.*]] = arith.bitcast %[[MAG]] : i32 to f32
// CHECK: %[[SCALED:.*]] = arith.mulf %[[ABS]], %{{.*}} : f32
// CHECK: arith.addf %[[SCALED]], %[[MAGIC]] : f32
// CHECK: %[[TINY:.*]] = arith.cmpf olt, %[[ABS]], %{{.*}} : f32
// CHECK: %[[CODE:.*]] = arith.select %[[TINY]], %{{.*}}, %[[NORMAL]] : i32
// CHECK: %[[OVER:.*]] = arith.cmpi ugt, %[[CODE]], %[[MAX]] : i32
// CHECK: arith.select %[[OVER]], %[[NANCODE]], %[[CODE]] : i32
// CHECK: %[[T:.*]] = arith.trunci %{{.*}} : i32 to i8
// CHECK: %[[R:.*]] = arith.bitcast %[[T]] : i8 to f8E4M3FN
// CHECK: return %[[R]] : f8E4M3FN
func.func @truncf_f8e4m3fn(%x: f32) -> f8E4M3FN {
  %r = arith.truncf %x : f32 to f8E4M3FN
  return %r : f8E4M3FN
}

// -----

// From f16 and bf16 through f32 (exactly); from f64 in its own bits (no double rounding).

// CHECK-LABEL: func.func @truncf_sources(
// CHECK: %[[E:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK: arith.bitcast %[[E]] : f32 to i32
// CHECK: arith.bitcast %{{.*}} : f64 to i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
// CHECK-NOT: arith.truncf
func.func @truncf_sources(%h: f16, %d: f64) -> (f8E5M2FNUZ, f8E5M2) {
  %a = arith.truncf %h : f16 to f8E5M2FNUZ
  %b = arith.truncf %d : f64 to f8E5M2
  return %a, %b : f8E5M2FNUZ, f8E5M2
}

// -----

// Constants become their codes (as ml_dtypes rounds them), splat or not.

// CHECK-LABEL: func.func @constants(
// CHECK-DAG: %[[A:.*]] = arith.constant 60 : i8
// CHECK-DAG: %[[B:.*]] = arith.constant -1 : i4
// CHECK-DAG: %[[C:.*]] = arith.constant dense<[62, -64]> : vector<2xi8>
// CHECK-DAG: %[[D:.*]] = arith.constant 14 : i6
// CHECK-DAG: arith.bitcast %[[A]] : i8 to f8E4M3FN
// CHECK-DAG: arith.bitcast %[[B]] : i4 to f4E2M1FN
// CHECK-DAG: arith.bitcast %[[C]] : vector<2xi8> to vector<2xf8E5M2>
// CHECK-DAG: arith.bitcast %[[D]] : i6 to f6E3M2FN
// NONE-LABEL: func.func @constants(
// NONE: arith.constant 1.500000e+00 : f8E4M3FN
func.func @constants() -> (f8E4M3FN, f4E2M1FN, vector<2xf8E5M2>, f6E3M2FN) {
  %a = arith.constant 1.5 : f8E4M3FN
  %b = arith.constant -6.0 : f4E2M1FN
  %c = arith.constant dense<[1.5, -2.0]> : vector<2xf8E5M2>
  %d = arith.constant 1.5 : f6E3M2FN
  return %a, %b, %c, %d : f8E4M3FN, f4E2M1FN, vector<2xf8E5M2>, f6E3M2FN
}

// -----

// Standard formats and casts between two small formats stay.

// CHECK-LABEL: func.func @others(
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.truncf %{{.*}} : f32 to bf16
func.func @others(%x: f16) -> bf16 {
  %0 = arith.extf %x : f16 to f32
  %1 = arith.truncf %0 : f32 to bf16
  return %1 : bf16
}

// -----

// The integer divisions LLVM has no instruction for, always (MLIR's expansions).
// CHECK-LABEL: func.func @divisions(
// CHECK-SAME: %[[A:.*]]: i32, %[[B:.*]]: i32, %[[I:.*]]: index, %[[J:.*]]: index
func.func @divisions(%a: i32, %b: i32, %i: index, %j: index) -> (i32, i32, i32, index) {
  // CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
  // CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
  // CHECK: %[[Q:.*]] = arith.divsi %[[A]], %[[B]] : i32
  // CHECK-NEXT: %[[P:.*]] = arith.muli %[[Q]], %[[B]] : i32
  // CHECK-NEXT: %[[INEXACT:.*]] = arith.cmpi ne, %[[A]], %[[P]] : i32
  // CHECK-NEXT: %[[AN:.*]] = arith.cmpi slt, %[[A]], %[[ZERO]] : i32
  // CHECK-NEXT: %[[BN:.*]] = arith.cmpi slt, %[[B]], %[[ZERO]] : i32
  // CHECK-NEXT: %[[SAME:.*]] = arith.cmpi eq, %[[AN]], %[[BN]] : i1
  // CHECK-NEXT: %[[UP:.*]] = arith.addi %[[Q]], %[[ONE]] : i32
  // CHECK-NEXT: %[[C:.*]] = arith.andi %[[INEXACT]], %[[SAME]] : i1
  // CHECK-NEXT: %[[CEIL:.*]] = arith.select %[[C]], %[[UP]], %[[Q]] : i32
  %0 = arith.ceildivsi %a, %b : i32
  // CHECK: %[[Q2:.*]] = arith.divsi %[[A]], %[[B]] : i32
  // CHECK: %[[OPP:.*]] = arith.cmpi ne, %{{.*}}, %{{.*}} : i1
  // CHECK-NEXT: %[[DOWN:.*]] = arith.subi %[[Q2]], %[[ONE]] : i32
  // CHECK-NEXT: %[[C2:.*]] = arith.andi %{{.*}}, %[[OPP]] : i1
  // CHECK-NEXT: %[[FLOOR:.*]] = arith.select %[[C2]], %[[DOWN]], %[[Q2]] : i32
  %1 = arith.floordivsi %a, %b : i32
  // CHECK: %[[AM1:.*]] = arith.subi %[[A]], %[[ONE]] : i32
  // CHECK-NEXT: %[[UQ:.*]] = arith.divui %[[AM1]], %[[B]] : i32
  // CHECK-NEXT: %[[UQ1:.*]] = arith.addi %[[UQ]], %[[ONE]] : i32
  // CHECK-NEXT: %[[AZ:.*]] = arith.cmpi eq, %[[A]], %[[ZERO]] : i32
  // CHECK-NEXT: %[[UCEIL:.*]] = arith.select %[[AZ]], %[[ZERO]], %[[UQ1]] : i32
  %2 = arith.ceildivui %a, %b : i32
  // CHECK: arith.divsi %[[I]], %[[J]] : index
  // CHECK-NOT: arith.ceildivsi
  %3 = arith.ceildivsi %i, %j : index
  // CHECK: return %[[CEIL]], %[[FLOOR]], %[[UCEIL]], %{{.*}} : i32, i32, i32, index
  return %0, %1, %2, %3 : i32, i32, i32, index
}
