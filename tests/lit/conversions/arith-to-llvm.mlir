// RUN: dialir-opt %s --split-input-file --convert-arith-to-llvm | filecheck %s
// RUN: dialir-opt %s --split-input-file --convert-to-llvm | dialir-opt --split-input-file --reconcile-unrealized-casts | filecheck %s --check-prefix=FULL

// Integer and float arithmetic: one llvm op each, overflow and fast-math flags kept; index
// values become i64 through casts that the later conversions cancel.

// CHECK-LABEL: func.func @ops(
// CHECK-SAME: %[[A:.*]]: i32, %[[B:.*]]: i32, %[[X:.*]]: f32, %[[Y:.*]]: f32
func.func @ops(%a: i32, %b: i32, %x: f32, %y: f32) -> (i32, f32) {
  // CHECK: %[[ADD:.*]] = llvm.add %[[A]], %[[B]] overflow<nsw, nuw> : i32
  %0 = arith.addi %a, %b overflow<nsw, nuw> : i32
  // CHECK: %[[SUB:.*]] = llvm.sub %[[ADD]], %[[B]] : i32
  %1 = arith.subi %0, %b : i32
  // CHECK: %[[MUL:.*]] = llvm.mul %[[SUB]], %[[A]] overflow<nsw> : i32
  %2 = arith.muli %1, %a overflow<nsw> : i32
  // Division and remainder divide by 1 where the divisor is 0 (or MIN / -1): undefined
  // behaviour either way, but x86 would trap.
  // CHECK: %[[ONE:.*]] = llvm.mlir.constant(1 : i32) : i32
  // CHECK: %[[ZERO:.*]] = llvm.mlir.constant(0 : i32) : i32
  // CHECK: %[[IS0:.*]] = llvm.icmp "eq" %[[B]], %[[ZERO]] : i32
  // CHECK: %[[MIN:.*]] = llvm.mlir.constant(-2147483648 : i32) : i32
  // CHECK: %[[ISMIN:.*]] = llvm.icmp "eq" %[[MUL]], %[[MIN]] : i32
  // CHECK: %[[M1:.*]] = llvm.mlir.constant(-1 : i32) : i32
  // CHECK: %[[ISM1:.*]] = llvm.icmp "eq" %[[B]], %[[M1]] : i32
  // CHECK: %[[OVF:.*]] = llvm.and %[[ISMIN]], %[[ISM1]] : i1
  // CHECK: %[[BAD:.*]] = llvm.or %[[IS0]], %[[OVF]] : i1
  // CHECK: %[[SAFE:.*]] = llvm.select %[[BAD]], %[[ONE]], %[[B]] : i1, i32
  // CHECK: llvm.sdiv %[[MUL]], %[[SAFE]] : i32
  %3 = arith.divsi %2, %b : i32
  // CHECK: %[[USAFE:.*]] = llvm.select %{{.*}}, %{{.*}}, %[[B]] : i1, i32
  // CHECK-NEXT: llvm.udiv %{{.*}}, %[[USAFE]] : i32
  %4 = arith.divui %3, %b : i32
  // CHECK: llvm.srem
  %5 = arith.remsi %4, %b : i32
  // CHECK: llvm.urem
  %6 = arith.remui %5, %b : i32
  // CHECK: llvm.and
  %7 = arith.andi %6, %b : i32
  // CHECK: llvm.or
  %8 = arith.ori %7, %b : i32
  // CHECK: llvm.xor
  %9 = arith.xori %8, %b : i32
  // CHECK: llvm.shl
  %10 = arith.shli %9, %b : i32
  // CHECK: llvm.ashr
  %11 = arith.shrsi %10, %b : i32
  // CHECK: llvm.lshr
  %12 = arith.shrui %11, %b : i32
  // CHECK: llvm.intr.smax(%{{.*}}, %[[B]]) : (i32, i32) -> i32
  %13 = arith.maxsi %12, %b : i32
  // CHECK: llvm.intr.umin(%{{.*}}, %[[B]]) : (i32, i32) -> i32
  %14 = arith.minui %13, %b : i32
  // CHECK: %[[FADD:.*]] = llvm.fadd %[[X]], %[[Y]] fastmath<fast> : f32
  %f0 = arith.addf %x, %y fastmath<fast> : f32
  // CHECK: llvm.fsub %[[FADD]], %[[Y]] fastmath<nnan, ninf> : f32
  %f1 = arith.subf %f0, %y fastmath<nnan, ninf> : f32
  // CHECK: llvm.fmul
  %f2 = arith.mulf %f1, %y : f32
  // CHECK: llvm.fdiv
  %f3 = arith.divf %f2, %y : f32
  // CHECK: llvm.frem
  %f4 = arith.remf %f3, %y : f32
  // CHECK: llvm.fneg %{{.*}} : f32
  %f5 = arith.negf %f4 : f32
  // CHECK: llvm.intr.maximum(%{{.*}}, %[[Y]]) : (f32, f32) -> f32
  %f6 = arith.maximumf %f5, %y : f32
  // CHECK: llvm.intr.minnum(%{{.*}}, %[[Y]]) fastmath<contract> : (f32, f32) -> f32
  %f7 = arith.minnumf %f6, %y fastmath<contract> : f32
  return %14, %f7 : i32, f32
}

// FULL-LABEL: llvm.func @ops(
// FULL-NOT: unrealized_conversion_cast
// FULL: llvm.return %{{.*}} : !llvm.struct<(i32, f32)>

// -----

// Comparisons keep their predicate; select and constants.

// CHECK-LABEL: func.func @cmp_select(
func.func @cmp_select(%a: index, %b: index, %x: f32, %y: f32) -> index {
  // CHECK-DAG: %[[A:.*]] = builtin.unrealized_conversion_cast %arg0 : index to i64
  // CHECK-DAG: %[[B:.*]] = builtin.unrealized_conversion_cast %arg1 : index to i64
  // CHECK: %[[C:.*]] = llvm.icmp "ult" %[[A]], %[[B]] : i64
  %c = arith.cmpi ult, %a, %b : index
  // CHECK: llvm.fcmp "oge" %{{.*}}, %{{.*}} : f32
  %d = arith.cmpf oge, %x, %y : f32
  // CHECK: llvm.fcmp "_true" %{{.*}}, %{{.*}} : f32
  %t = arith.cmpf true, %x, %y : f32
  // CHECK: %[[K:.*]] = llvm.mlir.constant(42 : index) : i64
  %k = arith.constant 42 : index
  // CHECK: llvm.mlir.constant(dense<[1.000000e+00, 2.000000e+00]> : vector<2xf32>) : vector<2xf32>
  %v = arith.constant dense<[1.0, 2.0]> : vector<2xf32>
  // CHECK: llvm.select %[[C]], %[[K]], %[[A]] : i1, i64
  %s = arith.select %c, %k, %a : index
  return %s : index
}

// -----

// Casts: widths decide index_cast's sext, trunc or nothing.

// CHECK-LABEL: func.func @casts(
func.func @casts(%i: index, %a: i32, %x: f32, %h: f16) -> (i64, i32, index, f64) {
  // CHECK: %[[I:.*]] = builtin.unrealized_conversion_cast %{{.*}} : index to i64
  // CHECK: llvm.trunc %[[I]] : i64 to i32
  %0 = arith.index_cast %i : index to i32
  // CHECK: llvm.sext %{{.*}} : i32 to i64
  %1 = arith.index_cast %a : i32 to index
  // CHECK-NOT: llvm.{{.*}}ext %[[I]]
  %2 = arith.index_cast %i : index to i64
  // CHECK: llvm.sext %{{.*}} : i32 to i64
  %3 = arith.extsi %a : i32 to i64
  // CHECK: llvm.zext %{{.*}} : i32 to i64
  %4 = arith.extui %a : i32 to i64
  // CHECK: llvm.trunc %{{.*}} : i64 to i32
  %5 = arith.trunci %4 : i64 to i32
  // CHECK: llvm.fpext %{{.*}} : f32 to f64
  %6 = arith.extf %x : f32 to f64
  // CHECK: llvm.fptrunc %{{.*}} : f64 to f16
  %7 = arith.truncf %6 : f64 to f16
  // CHECK: llvm.sitofp %{{.*}} : i32 to f32
  %8 = arith.sitofp %a : i32 to f32
  // CHECK: llvm.uitofp %{{.*}} : i32 to f32
  %9 = arith.uitofp %a : i32 to f32
  // CHECK: llvm.fptosi %{{.*}} : f32 to i32
  %10 = arith.fptosi %x : f32 to i32
  // CHECK: llvm.fptoui %{{.*}} : f32 to i32
  %11 = arith.fptoui %x : f32 to i32
  // CHECK: llvm.bitcast %{{.*}} : f32 to i32
  %12 = arith.bitcast %x : f32 to i32
  return %3, %5, %1, %6 : i64, i32, index, f64
}

// -----

// Vectors of one dimension convert; arith-expand's ops stay, as in MLIR.

// CHECK-LABEL: func.func @vectors_and_unconverted(
func.func @vectors_and_unconverted(%v: vector<4xf32>, %w: vector<4xf32>, %a: i32, %b: i32) -> vector<4xf32> {
  // CHECK: llvm.fadd %{{.*}}, %{{.*}} : vector<4xf32>
  %0 = arith.addf %v, %w : vector<4xf32>
  // CHECK: arith.ceildivsi
  %1 = arith.ceildivsi %a, %b : i32
  // CHECK: arith.floordivsi
  %2 = arith.floordivsi %a, %b : i32
  return %0 : vector<4xf32>
}

// -----

// Adapted from MLIR's ArithToLLVM test: 1-D vector ops map one to one, numbered as MLIR
// numbers them.

// CHECK-LABEL: @vector_ops
func.func @vector_ops(%arg0: vector<4xf32>, %arg1: vector<4xi1>, %arg2: vector<4xi64>, %arg3: vector<4xi64>) -> vector<4xf32> {
// CHECK-NEXT:  %[[V0:[A-Za-z0-9_$.-]+]] = llvm.mlir.constant(dense<4.200000e+01> : vector<4xf32>) : vector<4xf32>
  %0 = arith.constant dense<42.> : vector<4xf32>
// CHECK-NEXT:  %[[V1:[A-Za-z0-9_$.-]+]] = llvm.fadd %arg0, %[[V0]] : vector<4xf32>
  %1 = arith.addf %arg0, %0 : vector<4xf32>
// The divisions' divisors go through the trap-avoiding select (see the scalar case).
// CHECK:  = llvm.sdiv %arg2, %{{.*}} : vector<4xi64>
  %3 = arith.divsi %arg2, %arg2 : vector<4xi64>
// CHECK:  = llvm.udiv %arg2, %{{.*}} : vector<4xi64>
  %4 = arith.divui %arg2, %arg2 : vector<4xi64>
// CHECK:  = llvm.srem %arg2, %{{.*}} : vector<4xi64>
  %5 = arith.remsi %arg2, %arg2 : vector<4xi64>
// CHECK:  = llvm.urem %arg2, %{{.*}} : vector<4xi64>
  %6 = arith.remui %arg2, %arg2 : vector<4xi64>
// CHECK:  %{{[0-9]+}} = llvm.fdiv %arg0, %[[V0]] : vector<4xf32>
  %7 = arith.divf %arg0, %0 : vector<4xf32>
// CHECK-NEXT:  %{{[0-9]+}} = llvm.frem %arg0, %[[V0]] : vector<4xf32>
  %8 = arith.remf %arg0, %0 : vector<4xf32>
// CHECK-NEXT:  %{{[0-9]+}} = llvm.and %arg2, %arg3 : vector<4xi64>
  %9 = arith.andi %arg2, %arg3 : vector<4xi64>
// CHECK-NEXT:  %{{[0-9]+}} = llvm.or %arg2, %arg3 : vector<4xi64>
  %10 = arith.ori %arg2, %arg3 : vector<4xi64>
// CHECK-NEXT:  %{{[0-9]+}} = llvm.xor %arg2, %arg3 : vector<4xi64>
  %11 = arith.xori %arg2, %arg3 : vector<4xi64>
// CHECK-NEXT:  %{{[0-9]+}} = llvm.shl %arg2, %arg2 : vector<4xi64>
  %12 = arith.shli %arg2, %arg2 : vector<4xi64>
// CHECK-NEXT:  %{{[0-9]+}} = llvm.ashr %arg2, %arg2 : vector<4xi64>
  %13 = arith.shrsi %arg2, %arg2 : vector<4xi64>
// CHECK-NEXT:  %{{[0-9]+}} = llvm.lshr %arg2, %arg2 : vector<4xi64>
  %14 = arith.shrui %arg2, %arg2 : vector<4xi64>
  return %1 : vector<4xf32>
}

// -----

// Adapted from MLIR: index_cast to and from i1 (trunc and sext), on vectors too; a float
// type LLVM has no type for (tf32) stays.

// CHECK-LABEL: @index_cast
func.func @index_cast(%arg0: index, %arg1: i1, %arg2: vector<2xindex>, %arg3: vector<2xi1>) {
// CHECK: = llvm.trunc %{{.*}} : i64 to i1
  %0 = arith.index_cast %arg0: index to i1
// CHECK-NEXT: = llvm.sext %arg1 : i1 to i64
  %1 = arith.index_cast %arg1: i1 to index
// CHECK: = llvm.trunc %{{.*}} : vector<2xi64> to vector<2xi1>
  %2 = arith.index_cast %arg2: vector<2xindex> to vector<2xi1>
// CHECK-NEXT: = llvm.sext %{{.*}} : vector<2xi1> to vector<2xi64>
  %3 = arith.index_cast %arg3: vector<2xi1> to vector<2xindex>
// CHECK: arith.constant 2.000000e+00 : tf32
  %4 = arith.constant 2.0 : tf32
  return
}
