// RUN: dialir-opt %s --split-input-file --convert-math-to-funcs | filecheck %s
// RUN: dialir-opt %s --split-input-file --pass-pipeline='builtin.module(convert-math-to-funcs{min-width-of-fpowi-exponent=33})' | filecheck %s --check-prefix=WIDE

// math.ipowi calls a function written once per type: private, linkonce_odr, binary
// exponentiation; negative exponents give 0 but for bases 1 and -1 (0 divides by zero).

// CHECK-LABEL: func.func @ipowi(
// CHECK-SAME: %[[A:.*]]: i32, %[[B:.*]]: i32, %[[C:.*]]: i64
// CHECK: %[[R:.*]] = call @__mlir_math_ipowi_i32(%[[A]], %[[B]]) : (i32, i32) -> i32
// CHECK: call @__mlir_math_ipowi_i32(%[[R]], %[[B]]) : (i32, i32) -> i32
// CHECK: call @__mlir_math_ipowi_i64(%[[C]], %[[C]]) : (i64, i64) -> i64
func.func @ipowi(%a: i32, %b: i32, %c: i64) -> (i32, i64) {
  %0 = math.ipowi %a, %b : i32
  %1 = math.ipowi %0, %b : i32
  %2 = math.ipowi %c, %c : i64
  return %1, %2 : i32, i64
}

// CHECK-LABEL: func.func private @__mlir_math_ipowi_i32(
// CHECK-SAME: %[[B:.*]]: i32, %[[P:.*]]: i32) -> i32
// CHECK-SAME: attributes {llvm.linkage = #llvm.linkage<linkonce_odr>}
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK: %[[MONE:.*]] = arith.constant -1 : i32
// CHECK: %[[PZ:.*]] = arith.cmpi eq, %[[P]], %[[ZERO]] : i32
// CHECK: cf.cond_br %[[PZ]], ^bb1, ^bb2
// CHECK: ^bb1:
// CHECK: return %[[ONE]] : i32
// CHECK: ^bb2:
// CHECK: %[[PNEG:.*]] = arith.cmpi sle, %[[P]], %[[ZERO]] : i32
// CHECK: cf.cond_br %[[PNEG]], ^bb3, ^bb12(%[[ONE]], %[[B]], %[[P]] : i32, i32, i32)
// CHECK: ^bb3:
// CHECK: %[[BZ:.*]] = arith.cmpi eq, %[[B]], %[[ZERO]] : i32
// CHECK: cf.cond_br %[[BZ]], ^bb4, ^bb5
// CHECK: ^bb4:
// CHECK: %[[DIV:.*]] = arith.divsi %[[ONE]], %[[ZERO]] : i32
// CHECK: return %[[DIV]] : i32
// CHECK: ^bb5:
// CHECK: arith.cmpi eq, %[[B]], %[[ONE]] : i32
// CHECK: ^bb7:
// CHECK: arith.cmpi eq, %[[B]], %[[MONE]] : i32
// CHECK: cf.cond_br %{{.*}}, ^bb8, ^bb11
// CHECK: ^bb8:
// CHECK: %[[ODD:.*]] = arith.andi %[[P]], %[[ONE]] : i32
// CHECK: ^bb9:
// CHECK: return %[[MONE]] : i32
// CHECK: ^bb10:
// CHECK: return %[[ONE]] : i32
// CHECK: ^bb11:
// CHECK: return %[[ZERO]] : i32
// CHECK: ^bb12(%[[RES:.*]]: i32, %[[BASE:.*]]: i32, %[[POW:.*]]: i32):
// CHECK: arith.andi %[[POW]], %[[ONE]] : i32
// CHECK: cf.cond_br %{{.*}}, ^bb13, ^bb14(%[[RES]] : i32)
// CHECK: ^bb13:
// CHECK: %[[MUL:.*]] = arith.muli %[[RES]], %[[BASE]] : i32
// CHECK: cf.br ^bb14(%[[MUL]] : i32)
// CHECK: ^bb14(%[[RES2:.*]]: i32):
// CHECK: %[[HALF:.*]] = arith.shrui %[[POW]], %[[ONE]] : i32
// CHECK: %[[DONE:.*]] = arith.cmpi eq, %[[HALF]], %[[ZERO]] : i32
// CHECK: cf.cond_br %[[DONE]], ^bb15, ^bb16
// CHECK: ^bb15:
// CHECK: return %[[RES2]] : i32
// CHECK: ^bb16:
// CHECK: %[[SQ:.*]] = arith.muli %[[BASE]], %[[BASE]] : i32
// CHECK: cf.br ^bb12(%[[RES2]], %[[SQ]], %[[HALF]] : i32, i32, i32)

// CHECK-LABEL: func.func private @__mlir_math_ipowi_i64(
// CHECK-NOT: func.func private @__mlir_math_ipowi_i32(

// -----

// math.fpowi: MIN(exponent) runs as MAX and takes one more factor; negative powers invert.

// CHECK-LABEL: func.func @fpowi(
// CHECK: call @__mlir_math_fpowi_f32_i64(%{{.*}}, %{{.*}}) : (f32, i64) -> f32
// CHECK: call @__mlir_math_fpowi_f64_i32(%{{.*}}, %{{.*}}) : (f64, i32) -> f64
// WIDE-LABEL: func.func @fpowi(
// WIDE: call @__mlir_math_fpowi_f32_i64(
// WIDE: math.fpowi %{{.*}}, %{{.*}} : f64, i32
func.func @fpowi(%x: f32, %p: i64, %y: f64, %q: i32) -> (f32, f64) {
  %0 = math.fpowi %x, %p : f32, i64
  %1 = math.fpowi %y, %q : f64, i32
  return %0, %1 : f32, f64
}

// CHECK-LABEL: func.func private @__mlir_math_fpowi_f32_i64(
// CHECK-SAME: %[[B:.*]]: f32, %[[P:.*]]: i64) -> f32
// CHECK-SAME: attributes {llvm.linkage = #llvm.linkage<linkonce_odr>}
// CHECK-DAG: %[[ONEF:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[MIN:.*]] = arith.constant -9223372036854775808 : i64
// CHECK-DAG: %[[MAX:.*]] = arith.constant 9223372036854775807 : i64
// CHECK: %[[NEG:.*]] = arith.cmpi sle, %[[P]], %{{.*}} : i64
// CHECK: %[[ISMIN:.*]] = arith.cmpi eq, %[[P]], %[[MIN]] : i64
// CHECK: %[[NEGP:.*]] = arith.subi %{{.*}}, %[[P]] : i64
// CHECK: %[[ABS:.*]] = arith.select %[[NEG]], %[[NEGP]], %[[P]] : i64
// CHECK: %[[INIT:.*]] = arith.select %[[ISMIN]], %[[MAX]], %[[ABS]] : i64
// CHECK: cf.br ^bb3(%[[ONEF]], %[[B]], %[[INIT]] : f32, f32, i64)
// CHECK: arith.mulf
// CHECK: ^bb7(%[[R:.*]]: f32):
// CHECK: cf.cond_br %[[ISMIN]], ^bb8, ^bb9(%[[R]] : f32)
// CHECK: ^bb8:
// CHECK: arith.mulf %[[R]], %[[B]] : f32
// CHECK: ^bb9(%[[R2:.*]]: f32):
// CHECK: cf.cond_br %[[NEG]], ^bb10, ^bb11(%[[R2]] : f32)
// CHECK: ^bb10:
// CHECK: arith.divf %[[ONEF]], %[[R2]] : f32
// CHECK: ^bb11(%[[R3:.*]]: f32):
// CHECK: return %[[R3]] : f32

// -----

// Vectors stay (MLIR unrolls them through the vector dialect).

// CHECK-LABEL: func.func @vector(
// CHECK: math.ipowi %{{.*}}, %{{.*}} : vector<4xi32>
// CHECK-NOT: func.func private
func.func @vector(%a: vector<4xi32>) -> vector<4xi32> {
  %0 = math.ipowi %a, %a : vector<4xi32>
  return %0 : vector<4xi32>
}
