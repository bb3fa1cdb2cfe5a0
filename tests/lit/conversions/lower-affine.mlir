// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(lower-affine)' | filecheck %s
// The lowered IR verifies and reads back.
// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(lower-affine)' | dialir-opt --split-input-file --allow-unregistered-dialect --verify-each

// lower-affine: affine.for/parallel/if -> scf.for/parallel/if, maps expanded to arith with
// MLIR's floordiv/ceildiv/mod sequences, bounds as arith.maxsi/minsi chains, accesses to
// memref. The CHECK lines are upstream MLIR's output for the same input (written by
// tools/generate_test_checks.py from `iree-opt --lower-affine`).

func.func private @body(index) -> ()
func.func private @body2(index, index) -> ()

func.func @simple_loop() {
  affine.for %i = 1 to 42 {
    func.call @body(%i) : (index) -> ()
  }
  return
}

// CHECK-LABEL: func.func private @body(
// CHECK-SAME: index)
// CHECK-LABEL: func.func private @body2(
// CHECK-SAME: index, index)
// CHECK-LABEL: func.func @simple_loop(
// CHECK-SAME: ) {
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: %[[C42:[A-Za-z0-9_$.-]+]] = arith.constant 42 : index
// CHECK-NEXT: %[[C1_0:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: scf.for %[[ARG0:[A-Za-z0-9_$.-]+]] = %[[C1]] to %[[C42]] step %[[C1_0]] {
// CHECK-NEXT: func.call @body(%[[ARG0]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @loop_with_iter_args(%buf: memref<1024xf32>) -> f32 {
  %zero = arith.constant 0.0 : f32
  %sum = affine.for %i = 0 to 10 step 2 iter_args(%acc = %zero) -> (f32) {
    %t = affine.load %buf[%i] : memref<1024xf32>
    %next = arith.addf %acc, %t : f32
    affine.yield %next : f32
  }
  return %sum : f32
}

// CHECK-LABEL: func.func @loop_with_iter_args(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<1024xf32>) -> f32 {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C10:[A-Za-z0-9_$.-]+]] = arith.constant 10 : index
// CHECK-NEXT: %[[C2:[A-Za-z0-9_$.-]+]] = arith.constant 2 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.for %[[ARG1:[A-Za-z0-9_$.-]+]] = %[[C0]] to %[[C10]] step %[[C2]] iter_args(%[[ARG2:[A-Za-z0-9_$.-]+]] = %[[CST]]) -> (f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG0]][%[[ARG1]]] : memref<1024xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG2]], %[[V1]] : f32
// CHECK-NEXT: scf.yield %[[V2]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]] : f32
// CHECK-NEXT: }

// -----

func.func private @pre(index) -> ()
func.func private @body2(index, index) -> ()
func.func private @post(index) -> ()

func.func @imperfect_nest(%n: index) {
  affine.for %i = 0 to %n {
    func.call @pre(%i) : (index) -> ()
    affine.for %j = affine_map<(d0) -> (d0)>(%i) to 56 step 3 {
      func.call @body2(%i, %j) : (index, index) -> ()
    }
    func.call @post(%i) : (index) -> ()
  }
  return
}

// CHECK-LABEL: func.func private @pre(
// CHECK-SAME: index)
// CHECK-LABEL: func.func private @body2(
// CHECK-SAME: index, index)
// CHECK-LABEL: func.func private @post(
// CHECK-SAME: index)
// CHECK-LABEL: func.func @imperfect_nest(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: scf.for %[[ARG1:[A-Za-z0-9_$.-]+]] = %[[C0]] to %[[ARG0]] step %[[C1]] {
// CHECK-NEXT: func.call @pre(%[[ARG1]]) : (index) -> ()
// CHECK-NEXT: %[[C56:[A-Za-z0-9_$.-]+]] = arith.constant 56 : index
// CHECK-NEXT: %[[C3:[A-Za-z0-9_$.-]+]] = arith.constant 3 : index
// CHECK-NEXT: scf.for %[[ARG2:[A-Za-z0-9_$.-]+]] = %[[ARG1]] to %[[C56]] step %[[C3]] {
// CHECK-NEXT: func.call @body2(%[[ARG1]], %[[ARG2]]) : (index, index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: func.call @post(%[[ARG1]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

#lb = affine_map<(d0)[s0] -> (d0, s0 - d0)>
#ub = affine_map<(d0)[s0] -> (s0, d0 + 10)>
func.func private @body2(index, index) -> ()

func.func @loop_min_max(%n: index) {
  affine.for %i = 0 to 42 {
    affine.for %j = max #lb(%i)[%n] to min #ub(%i)[%n] step 4 {
      func.call @body2(%i, %j) : (index, index) -> ()
    }
  }
  return
}

// CHECK-LABEL: func.func private @body2(
// CHECK-SAME: index, index)
// CHECK-LABEL: func.func @loop_min_max(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C42:[A-Za-z0-9_$.-]+]] = arith.constant 42 : index
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: scf.for %[[ARG1:[A-Za-z0-9_$.-]+]] = %[[C0]] to %[[C42]] step %[[C1]] {
// CHECK-NEXT: %[[C_1:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.muli %[[ARG1]], %[[C_1]] overflow<nsw> : index
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addi %[[V0]], %[[ARG0]] : index
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.maxsi %[[ARG1]], %[[V1]] : index
// CHECK-NEXT: %[[C10:[A-Za-z0-9_$.-]+]] = arith.constant 10 : index
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG1]], %[[C10]] : index
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.minsi %[[ARG0]], %[[V3]] : index
// CHECK-NEXT: %[[C4:[A-Za-z0-9_$.-]+]] = arith.constant 4 : index
// CHECK-NEXT: scf.for %[[ARG2:[A-Za-z0-9_$.-]+]] = %[[V2]] to %[[V4]] step %[[C4]] {
// CHECK-NEXT: func.call @body2(%[[ARG1]], %[[ARG2]]) : (index, index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

#set20 = affine_set<(d0) : (20 - d0 >= 0)>
#set10 = affine_set<(d0) : (d0 - 10 >= 0)>
func.func private @body(index) -> ()
func.func private @other(index) -> ()

func.func @ifs(%i: index) {
  affine.if #set20(%i) {
    affine.if #set10(%i) {
      func.call @body(%i) : (index) -> ()
    }
  } else {
    func.call @other(%i) : (index) -> ()
  }
  return
}

// CHECK-LABEL: func.func private @body(
// CHECK-SAME: index)
// CHECK-LABEL: func.func private @other(
// CHECK-SAME: index)
// CHECK-LABEL: func.func @ifs(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C_1:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.muli %[[ARG0]], %[[C_1]] overflow<nsw> : index
// CHECK-NEXT: %[[C20:[A-Za-z0-9_$.-]+]] = arith.constant 20 : index
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addi %[[V0]], %[[C20]] : index
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.cmpi sge, %[[V1]], %[[C0]] : index
// CHECK-NEXT: scf.if %[[V2]] {
// CHECK-NEXT: %[[C0_0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C_10:[A-Za-z0-9_$.-]+]] = arith.constant -10 : index
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG0]], %[[C_10]] : index
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.cmpi sge, %[[V3]], %[[C0_0]] : index
// CHECK-NEXT: scf.if %[[V4]] {
// CHECK-NEXT: func.call @body(%[[ARG0]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: } else {
// CHECK-NEXT: func.call @other(%[[ARG0]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

#multi = affine_set<(d0)[s0, s1, s2] : (s0 - d0 + 1 >= 0, s1 - 1 >= 0, s2 - 42 == 0, d0 mod 4 == 0)>

func.func @if_with_results(%i: index, %a: index, %b: index, %c: index) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %r = affine.if #multi(%i)[%a, %b, %c] -> i64 {
    affine.yield %c0 : i64
  } else {
    affine.yield %c1 : i64
  }
  return %r : i64
}

// CHECK-LABEL: func.func @if_with_results(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index) -> i64 {
// CHECK-NEXT: %[[C0_I64:[A-Za-z0-9_$.-]+]] = arith.constant 0 : i64
// CHECK-NEXT: %[[C1_I64:[A-Za-z0-9_$.-]+]] = arith.constant 1 : i64
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C_1:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.muli %[[ARG0]], %[[C_1]] overflow<nsw> : index
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addi %[[V0]], %[[ARG1]] : index
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addi %[[V1]], %[[C1]] : index
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.cmpi sge, %[[V2]], %[[C0]] : index
// CHECK-NEXT: %[[C_1_0:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG2]], %[[C_1_0]] : index
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = arith.cmpi sge, %[[V4]], %[[C0]] : index
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.andi %[[V3]], %[[V5]] : i1
// CHECK-NEXT: %[[C_42:[A-Za-z0-9_$.-]+]] = arith.constant -42 : index
// CHECK-NEXT: %[[V7:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG3]], %[[C_42]] : index
// CHECK-NEXT: %[[V8:[A-Za-z0-9_$.-]+]] = arith.cmpi eq, %[[V7]], %[[C0]] : index
// CHECK-NEXT: %[[V9:[A-Za-z0-9_$.-]+]] = arith.andi %[[V6]], %[[V8]] : i1
// CHECK-NEXT: %[[C4:[A-Za-z0-9_$.-]+]] = arith.constant 4 : index
// CHECK-NEXT: %[[V10:[A-Za-z0-9_$.-]+]] = arith.remsi %[[ARG0]], %[[C4]] : index
// CHECK-NEXT: %[[C0_1:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[V11:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V10]], %[[C0_1]] : index
// CHECK-NEXT: %[[V12:[A-Za-z0-9_$.-]+]] = arith.addi %[[V10]], %[[C4]] : index
// CHECK-NEXT: %[[V13:[A-Za-z0-9_$.-]+]] = arith.select %[[V11]], %[[V12]], %[[V10]] : index
// CHECK-NEXT: %[[V14:[A-Za-z0-9_$.-]+]] = arith.cmpi eq, %[[V13]], %[[C0]] : index
// CHECK-NEXT: %[[V15:[A-Za-z0-9_$.-]+]] = arith.andi %[[V9]], %[[V14]] : i1
// CHECK-NEXT: %[[V16:[A-Za-z0-9_$.-]+]] = scf.if %[[V15]] -> (i64) {
// CHECK-NEXT: scf.yield %[[C0_I64]] : i64
// CHECK-NEXT: } else {
// CHECK-NEXT: scf.yield %[[C1_I64]] : i64
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V16]] : i64
// CHECK-NEXT: }

// -----

func.func @apply_div_mod(%x: index, %s: index) -> (index, index, index, index, index) {
  %0 = affine.apply affine_map<(d0) -> (d0 floordiv 4)>(%x)
  %1 = affine.apply affine_map<(d0) -> (d0 ceildiv 3)>(%x)
  %2 = affine.apply affine_map<(d0) -> (d0 mod 7)>(%x)
  %3 = affine.apply affine_map<(d0)[s0] -> ((d0 * 3 + s0) floordiv 8 - d0 mod 2)>(%x)[%s]
  %4 = affine.apply affine_map<(d0)[s0] -> (d0 floordiv s0)>(%x)[%s]
  return %0, %1, %2, %3, %4 : index, index, index, index, index
}

// CHECK-LABEL: func.func @apply_div_mod(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index) -> (index, index, index, index, index) {
// CHECK-NEXT: %[[C4:[A-Za-z0-9_$.-]+]] = arith.constant 4 : index
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C_1:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[ARG0]], %[[C0]] : index
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.subi %[[C_1]], %[[ARG0]] : index
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.select %[[V0]], %[[V1]], %[[ARG0]] : index
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.divsi %[[V2]], %[[C4]] : index
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.subi %[[C_1]], %[[V3]] : index
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = arith.select %[[V0]], %[[V4]], %[[V3]] : index
// CHECK-NEXT: %[[C3:[A-Za-z0-9_$.-]+]] = arith.constant 3 : index
// CHECK-NEXT: %[[C0_0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.cmpi sle, %[[ARG0]], %[[C0_0]] : index
// CHECK-NEXT: %[[V7:[A-Za-z0-9_$.-]+]] = arith.subi %[[C0_0]], %[[ARG0]] : index
// CHECK-NEXT: %[[V8:[A-Za-z0-9_$.-]+]] = arith.subi %[[ARG0]], %[[C1]] : index
// CHECK-NEXT: %[[V9:[A-Za-z0-9_$.-]+]] = arith.select %[[V6]], %[[V7]], %[[V8]] : index
// CHECK-NEXT: %[[V10:[A-Za-z0-9_$.-]+]] = arith.divsi %[[V9]], %[[C3]] : index
// CHECK-NEXT: %[[V11:[A-Za-z0-9_$.-]+]] = arith.subi %[[C0_0]], %[[V10]] : index
// CHECK-NEXT: %[[V12:[A-Za-z0-9_$.-]+]] = arith.addi %[[V10]], %[[C1]] : index
// CHECK-NEXT: %[[V13:[A-Za-z0-9_$.-]+]] = arith.select %[[V6]], %[[V11]], %[[V12]] : index
// CHECK-NEXT: %[[C7:[A-Za-z0-9_$.-]+]] = arith.constant 7 : index
// CHECK-NEXT: %[[V14:[A-Za-z0-9_$.-]+]] = arith.remsi %[[ARG0]], %[[C7]] : index
// CHECK-NEXT: %[[C0_1:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[V15:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V14]], %[[C0_1]] : index
// CHECK-NEXT: %[[V16:[A-Za-z0-9_$.-]+]] = arith.addi %[[V14]], %[[C7]] : index
// CHECK-NEXT: %[[V17:[A-Za-z0-9_$.-]+]] = arith.select %[[V15]], %[[V16]], %[[V14]] : index
// CHECK-NEXT: %[[C3_2:[A-Za-z0-9_$.-]+]] = arith.constant 3 : index
// CHECK-NEXT: %[[V18:[A-Za-z0-9_$.-]+]] = arith.muli %[[ARG0]], %[[C3_2]] overflow<nsw> : index
// CHECK-NEXT: %[[V19:[A-Za-z0-9_$.-]+]] = arith.addi %[[V18]], %[[ARG1]] : index
// CHECK-NEXT: %[[C8:[A-Za-z0-9_$.-]+]] = arith.constant 8 : index
// CHECK-NEXT: %[[C0_3:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C_1_4:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V20:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V19]], %[[C0_3]] : index
// CHECK-NEXT: %[[V21:[A-Za-z0-9_$.-]+]] = arith.subi %[[C_1_4]], %[[V19]] : index
// CHECK-NEXT: %[[V22:[A-Za-z0-9_$.-]+]] = arith.select %[[V20]], %[[V21]], %[[V19]] : index
// CHECK-NEXT: %[[V23:[A-Za-z0-9_$.-]+]] = arith.divsi %[[V22]], %[[C8]] : index
// CHECK-NEXT: %[[V24:[A-Za-z0-9_$.-]+]] = arith.subi %[[C_1_4]], %[[V23]] : index
// CHECK-NEXT: %[[V25:[A-Za-z0-9_$.-]+]] = arith.select %[[V20]], %[[V24]], %[[V23]] : index
// CHECK-NEXT: %[[C2:[A-Za-z0-9_$.-]+]] = arith.constant 2 : index
// CHECK-NEXT: %[[V26:[A-Za-z0-9_$.-]+]] = arith.remsi %[[ARG0]], %[[C2]] : index
// CHECK-NEXT: %[[C0_5:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[V27:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V26]], %[[C0_5]] : index
// CHECK-NEXT: %[[V28:[A-Za-z0-9_$.-]+]] = arith.addi %[[V26]], %[[C2]] : index
// CHECK-NEXT: %[[V29:[A-Za-z0-9_$.-]+]] = arith.select %[[V27]], %[[V28]], %[[V26]] : index
// CHECK-NEXT: %[[C_1_6:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V30:[A-Za-z0-9_$.-]+]] = arith.muli %[[V29]], %[[C_1_6]] overflow<nsw> : index
// CHECK-NEXT: %[[V31:[A-Za-z0-9_$.-]+]] = arith.addi %[[V25]], %[[V30]] : index
// CHECK-NEXT: %[[C0_7:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C_1_8:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V32:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[ARG0]], %[[C0_7]] : index
// CHECK-NEXT: %[[V33:[A-Za-z0-9_$.-]+]] = arith.subi %[[C_1_8]], %[[ARG0]] : index
// CHECK-NEXT: %[[V34:[A-Za-z0-9_$.-]+]] = arith.select %[[V32]], %[[V33]], %[[ARG0]] : index
// CHECK-NEXT: %[[V35:[A-Za-z0-9_$.-]+]] = arith.divsi %[[V34]], %[[ARG1]] : index
// CHECK-NEXT: %[[V36:[A-Za-z0-9_$.-]+]] = arith.subi %[[C_1_8]], %[[V35]] : index
// CHECK-NEXT: %[[V37:[A-Za-z0-9_$.-]+]] = arith.select %[[V32]], %[[V36]], %[[V35]] : index
// CHECK-NEXT: return %[[V5]], %[[V13]], %[[V17]], %[[V31]], %[[V37]] : index, index, index, index, index
// CHECK-NEXT: }

// -----

func.func @min_max(%x: index, %n: index) -> (index, index) {
  %0 = affine.min affine_map<(d0)[s0] -> (d0 * 2, s0 + 1, 100)>(%x)[%n]
  %1 = affine.max affine_map<(d0)[s0] -> (d0 - s0, 0)>(%x)[%n]
  return %0, %1 : index, index
}

// CHECK-LABEL: func.func @min_max(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index) -> (index, index) {
// CHECK-NEXT: %[[C2:[A-Za-z0-9_$.-]+]] = arith.constant 2 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.muli %[[ARG0]], %[[C2]] overflow<nsw> : index
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG1]], %[[C1]] : index
// CHECK-NEXT: %[[C100:[A-Za-z0-9_$.-]+]] = arith.constant 100 : index
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.minsi %[[V0]], %[[V1]] : index
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.minsi %[[V2]], %[[C100]] : index
// CHECK-NEXT: %[[C_1:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.muli %[[ARG1]], %[[C_1]] overflow<nsw> : index
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG0]], %[[V4]] : index
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.maxsi %[[V5]], %[[C0]] : index
// CHECK-NEXT: return %[[V3]], %[[V6]] : index, index
// CHECK-NEXT: }

// -----

func.func @accesses(%A: memref<?x?xf32>, %B: memref<16xf32>, %n: index) {
  affine.for %i = 0 to %n {
    affine.for %j = 0 to 16 {
      %v = affine.load %A[%i + 1, %j * 2 - %i] : memref<?x?xf32>
      affine.store %v, %B[(%j + %i) mod 16] : memref<16xf32>
      affine.prefetch %A[%i, %j + 4], read, locality<2>, data : memref<?x?xf32>
      affine.prefetch %B[%j], write, locality<0>, instr : memref<16xf32>
    }
  }
  return
}

// CHECK-LABEL: func.func @accesses(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<?x?xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: memref<16xf32>, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: scf.for %[[ARG3:[A-Za-z0-9_$.-]+]] = %[[C0]] to %[[ARG2]] step %[[C1]] {
// CHECK-NEXT: %[[C0_0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C16:[A-Za-z0-9_$.-]+]] = arith.constant 16 : index
// CHECK-NEXT: %[[C1_1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: scf.for %[[ARG4:[A-Za-z0-9_$.-]+]] = %[[C0_0]] to %[[C16]] step %[[C1_1]] {
// CHECK-NEXT: %[[C1_2:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG3]], %[[C1_2]] : index
// CHECK-NEXT: %[[C2:[A-Za-z0-9_$.-]+]] = arith.constant 2 : index
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.muli %[[ARG4]], %[[C2]] overflow<nsw> : index
// CHECK-NEXT: %[[C_1:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.muli %[[ARG3]], %[[C_1]] overflow<nsw> : index
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.addi %[[V1]], %[[V2]] : index
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG0]][%[[V0]], %[[V3]]] : memref<?x?xf32>
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG4]], %[[ARG3]] : index
// CHECK-NEXT: %[[C16_3:[A-Za-z0-9_$.-]+]] = arith.constant 16 : index
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.remsi %[[V5]], %[[C16_3]] : index
// CHECK-NEXT: %[[C0_4:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[V7:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V6]], %[[C0_4]] : index
// CHECK-NEXT: %[[V8:[A-Za-z0-9_$.-]+]] = arith.addi %[[V6]], %[[C16_3]] : index
// CHECK-NEXT: %[[V9:[A-Za-z0-9_$.-]+]] = arith.select %[[V7]], %[[V8]], %[[V6]] : index
// CHECK-NEXT: memref.store %[[V4]], %[[ARG1]][%[[V9]]] : memref<16xf32>
// CHECK-NEXT: %[[C4:[A-Za-z0-9_$.-]+]] = arith.constant 4 : index
// CHECK-NEXT: %[[V10:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG4]], %[[C4]] : index
// CHECK-NEXT: memref.prefetch %[[ARG0]][%[[ARG3]], %[[V10]]], read, locality<2>, data : memref<?x?xf32>
// CHECK-NEXT: memref.prefetch %[[ARG1]][%[[ARG4]]], write, locality<0>, instr : memref<16xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @parallel_reductions(%A: memref<100x100xf32>, %I: memref<100xi32>, %n: index) -> (f32, f32, f32, i32, i32) {
  %r:5 = affine.parallel (%i, %j) = (0, max(1, %n)) to (100, min(90, %n + 3)) step (2, 3) reduce ("addf", "mulf", "maximumf", "addi", "andi") -> (f32, f32, f32, i32, i32) {
    %v = affine.load %A[%i, %j] : memref<100x100xf32>
    %w = affine.load %I[%j] : memref<100xi32>
    affine.yield %v, %v, %v, %w, %w : f32, f32, f32, i32, i32
  }
  return %r#0, %r#1, %r#2, %r#3, %r#4 : f32, f32, f32, i32, i32
}

// CHECK-LABEL: func.func @parallel_reductions(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: memref<100xi32>, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) -> (f32, f32, f32, i32, i32) {
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C100:[A-Za-z0-9_$.-]+]] = arith.constant 100 : index
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.maxsi %[[C1]], %[[ARG2]] : index
// CHECK-NEXT: %[[C90:[A-Za-z0-9_$.-]+]] = arith.constant 90 : index
// CHECK-NEXT: %[[C3:[A-Za-z0-9_$.-]+]] = arith.constant 3 : index
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG2]], %[[C3]] : index
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.minsi %[[C90]], %[[V1]] : index
// CHECK-NEXT: %[[C2:[A-Za-z0-9_$.-]+]] = arith.constant 2 : index
// CHECK-NEXT: %[[C3_0:[A-Za-z0-9_$.-]+]] = arith.constant 3 : index
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[CST_1:[A-Za-z0-9_$.-]+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[CST_2:[A-Za-z0-9_$.-]+]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: %[[C0_I32:[A-Za-z0-9_$.-]+]] = arith.constant 0 : i32
// CHECK-NEXT: %[[C_1_I32:[A-Za-z0-9_$.-]+]] = arith.constant -1 : i32
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]]:5 = scf.parallel (%[[ARG3:[A-Za-z0-9_$.-]+]], %[[ARG4:[A-Za-z0-9_$.-]+]]) = (%[[C0]], %[[V0]]) to (%[[C100]], %[[V2]]) step (%[[C2]], %[[C3_0]]) init (%[[CST]], %[[CST_1]], %[[CST_2]], %[[C0_I32]], %[[C_1_I32]]) -> (f32, f32, f32, i32, i32) {
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG0]][%[[ARG3]], %[[ARG4]]] : memref<100x100xf32>
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG1]][%[[ARG4]]] : memref<100xi32>
// CHECK-NEXT: scf.reduce(%[[V4]], %[[V4]], %[[V4]], %[[V5]], %[[V5]] : f32, f32, f32, i32, i32) {
// CHECK-NEXT: ^[[BB0:[A-Za-z0-9_$.-]+]](%[[ARG5:[A-Za-z0-9_$.-]+]]: f32, %[[ARG6:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG5]], %[[ARG6]] : f32
// CHECK-NEXT: scf.reduce.return %[[V6]] : f32
// CHECK-NEXT: }, {
// CHECK-NEXT: ^[[BB0]](%[[ARG5:[A-Za-z0-9_$.-]+]]: f32, %[[ARG6:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.mulf %[[ARG5]], %[[ARG6]] : f32
// CHECK-NEXT: scf.reduce.return %[[V6]] : f32
// CHECK-NEXT: }, {
// CHECK-NEXT: ^[[BB0]](%[[ARG5:[A-Za-z0-9_$.-]+]]: f32, %[[ARG6:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.maximumf %[[ARG5]], %[[ARG6]] : f32
// CHECK-NEXT: scf.reduce.return %[[V6]] : f32
// CHECK-NEXT: }, {
// CHECK-NEXT: ^[[BB0]](%[[ARG5:[A-Za-z0-9_$.-]+]]: i32, %[[ARG6:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG5]], %[[ARG6]] : i32
// CHECK-NEXT: scf.reduce.return %[[V6]] : i32
// CHECK-NEXT: }, {
// CHECK-NEXT: ^[[BB0]](%[[ARG5:[A-Za-z0-9_$.-]+]]: i32, %[[ARG6:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.andi %[[ARG5]], %[[ARG6]] : i32
// CHECK-NEXT: scf.reduce.return %[[V6]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V3]]#0, %[[V3]]#1, %[[V3]]#2, %[[V3]]#3, %[[V3]]#4 : f32, f32, f32, i32, i32
// CHECK-NEXT: }

// -----

func.func @parallel_more_reductions(%A: memref<100xf32>, %I: memref<100xi32>) -> (f32, i32, i32) {
  %r:3 = affine.parallel (%i) = (0) to (100) reduce ("minimumf", "muli", "ori") -> (f32, i32, i32) {
    %v = affine.load %A[%i] : memref<100xf32>
    %w = affine.load %I[%i] : memref<100xi32>
    affine.yield %v, %w, %w : f32, i32, i32
  }
  return %r#0, %r#1, %r#2 : f32, i32, i32
}

// CHECK-LABEL: func.func @parallel_more_reductions(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: memref<100xi32>) -> (f32, i32, i32) {
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C100:[A-Za-z0-9_$.-]+]] = arith.constant 100 : index
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 0x7F800000 : f32
// CHECK-NEXT: %[[C1_I32:[A-Za-z0-9_$.-]+]] = arith.constant 1 : i32
// CHECK-NEXT: %[[C0_I32:[A-Za-z0-9_$.-]+]] = arith.constant 0 : i32
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]]:3 = scf.parallel (%[[ARG2:[A-Za-z0-9_$.-]+]]) = (%[[C0]]) to (%[[C100]]) step (%[[C1]]) init (%[[CST]], %[[C1_I32]], %[[C0_I32]]) -> (f32, i32, i32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG0]][%[[ARG2]]] : memref<100xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG1]][%[[ARG2]]] : memref<100xi32>
// CHECK-NEXT: scf.reduce(%[[V1]], %[[V2]], %[[V2]] : f32, i32, i32) {
// CHECK-NEXT: ^[[BB0:[A-Za-z0-9_$.-]+]](%[[ARG3:[A-Za-z0-9_$.-]+]]: f32, %[[ARG4:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.minimumf %[[ARG3]], %[[ARG4]] : f32
// CHECK-NEXT: scf.reduce.return %[[V3]] : f32
// CHECK-NEXT: }, {
// CHECK-NEXT: ^[[BB0]](%[[ARG3:[A-Za-z0-9_$.-]+]]: i32, %[[ARG4:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.muli %[[ARG3]], %[[ARG4]] : i32
// CHECK-NEXT: scf.reduce.return %[[V3]] : i32
// CHECK-NEXT: }, {
// CHECK-NEXT: ^[[BB0]](%[[ARG3:[A-Za-z0-9_$.-]+]]: i32, %[[ARG4:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.ori %[[ARG3]], %[[ARG4]] : i32
// CHECK-NEXT: scf.reduce.return %[[V3]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1, %[[V0]]#2 : f32, i32, i32
// CHECK-NEXT: }

// -----

func.func @parallel_no_results(%A: memref<10x10xf32>) {
  affine.parallel (%i, %j) = (0, 0) to (10, 10) {
    %v = affine.load %A[%i, %j] : memref<10x10xf32>
    affine.store %v, %A[%j, %i] : memref<10x10xf32>
  }
  return
}

// CHECK-LABEL: func.func @parallel_no_results(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10x10xf32>) {
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C10:[A-Za-z0-9_$.-]+]] = arith.constant 10 : index
// CHECK-NEXT: %[[C0_0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C10_1:[A-Za-z0-9_$.-]+]] = arith.constant 10 : index
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: %[[C1_2:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: scf.parallel (%[[ARG1:[A-Za-z0-9_$.-]+]], %[[ARG2:[A-Za-z0-9_$.-]+]]) = (%[[C0]], %[[C0_0]]) to (%[[C10]], %[[C10_1]]) step (%[[C1]], %[[C1_2]]) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG0]][%[[ARG1]], %[[ARG2]]] : memref<10x10xf32>
// CHECK-NEXT: memref.store %[[V0]], %[[ARG0]][%[[ARG2]], %[[ARG1]]] : memref<10x10xf32>
// CHECK-NEXT: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// MLIR's conversion folds an op before lowering it: constant operands fold into maps,
// bounds and conditions are canonicalized, and a loop that never runs is replaced by its
// inits. (An affine.apply feeding a bound is left out here: MLIR composes it into the bound
// although it was lowered already, as its conversion erases replaced ops only at the end;
// dialir's lowering uses the lowered value.)
func.func @folded_first(%A: memref<64xf32>, %x: index, %f: f32) -> (index, index, index, f32) {
  %c4 = arith.constant 4 : index
  %c10 = arith.constant 10 : index
  %0 = affine.apply affine_map<(d0)[s0] -> (d0 * 3 + s0)>(%c4)[%c10]
  %1 = affine.min affine_map<(d0)[s0] -> (d0 * 2, s0 + 1)>(%x)[%c10]
  %2 = affine.max affine_map<(d0) -> (d0)>(%x)
  affine.for %i = 0 to affine_map<(d0)[s0] -> (d0 floordiv 2 + s0)>(%x)[%c10] {
    affine.if affine_set<(d0)[s0] : (d0 - s0 >= 0)>(%i)[%c4] {
      %v = affine.load %A[%i] : memref<64xf32>
      affine.store %v, %A[%i - 4] : memref<64xf32>
    }
  }
  %r = affine.for %i = 5 to 5 iter_args(%a = %f) -> f32 {
    %b = arith.addf %a, %a : f32
    affine.yield %b : f32
  }
  return %0, %1, %2, %r : index, index, index, f32
}

// CHECK-LABEL: func.func @folded_first(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<64xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: f32) -> (index, index, index, f32) {
// CHECK-NEXT: %[[C4:[A-Za-z0-9_$.-]+]] = arith.constant 4 : index
// CHECK-NEXT: %[[C10:[A-Za-z0-9_$.-]+]] = arith.constant 10 : index
// CHECK-NEXT: %[[C22:[A-Za-z0-9_$.-]+]] = arith.constant 22 : index
// CHECK-NEXT: %[[C2:[A-Za-z0-9_$.-]+]] = arith.constant 2 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.muli %[[ARG1]], %[[C2]] overflow<nsw> : index
// CHECK-NEXT: %[[C11:[A-Za-z0-9_$.-]+]] = arith.constant 11 : index
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.minsi %[[V0]], %[[C11]] : index
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C2_0:[A-Za-z0-9_$.-]+]] = arith.constant 2 : index
// CHECK-NEXT: %[[C0_1:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C_1:[A-Za-z0-9_$.-]+]] = arith.constant -1 : index
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[ARG1]], %[[C0_1]] : index
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.subi %[[C_1]], %[[ARG1]] : index
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.select %[[V2]], %[[V3]], %[[ARG1]] : index
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = arith.divsi %[[V4]], %[[C2_0]] : index
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.subi %[[C_1]], %[[V5]] : index
// CHECK-NEXT: %[[V7:[A-Za-z0-9_$.-]+]] = arith.select %[[V2]], %[[V6]], %[[V5]] : index
// CHECK-NEXT: %[[C10_2:[A-Za-z0-9_$.-]+]] = arith.constant 10 : index
// CHECK-NEXT: %[[V8:[A-Za-z0-9_$.-]+]] = arith.addi %[[V7]], %[[C10_2]] : index
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: scf.for %[[ARG3:[A-Za-z0-9_$.-]+]] = %[[C0]] to %[[V8]] step %[[C1]] {
// CHECK-NEXT: %[[C0_3:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[C_4:[A-Za-z0-9_$.-]+]] = arith.constant -4 : index
// CHECK-NEXT: %[[V9:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG3]], %[[C_4]] : index
// CHECK-NEXT: %[[V10:[A-Za-z0-9_$.-]+]] = arith.cmpi sge, %[[V9]], %[[C0_3]] : index
// CHECK-NEXT: scf.if %[[V10]] {
// CHECK-NEXT: %[[V11:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG0]][%[[ARG3]]] : memref<64xf32>
// CHECK-NEXT: %[[C_4_4:[A-Za-z0-9_$.-]+]] = arith.constant -4 : index
// CHECK-NEXT: %[[V12:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG3]], %[[C_4_4]] : index
// CHECK-NEXT: memref.store %[[V11]], %[[ARG0]][%[[V12]]] : memref<64xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return %[[C22]], %[[V1]], %[[ARG1]], %[[ARG2]] : index, index, index, f32
// CHECK-NEXT: }

// -----

// affine.vector_load / vector_store -> vector.load / vector.store on the expanded subscripts
// (MLIR's output, from iree-opt --lower-affine).
// CHECK-LABEL: func.func @vector_accesses(
// CHECK-SAME: %[[A:[A-Za-z0-9_$.-]+]]: memref<8x32xf32>, %[[X:[A-Za-z0-9_$.-]+]]: index)
// CHECK-NEXT: %[[C2:[A-Za-z0-9_$.-]+]] = arith.constant 2 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.muli %[[X]], %[[C2]] overflow<nsw> : index
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = vector.load %[[A]][%[[X]], %[[V0]]] : memref<8x32xf32>, vector<16xf32>
// CHECK-NEXT: %[[C4:[A-Za-z0-9_$.-]+]] = arith.constant 4 : index
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addi %[[X]], %[[C4]] : index
// CHECK-NEXT: vector.store %[[V1]], %[[A]][%[[X]], %[[V2]]] : memref<8x32xf32>, vector<16xf32>
// CHECK-NEXT: return
func.func @vector_accesses(%A: memref<8x32xf32>, %x: index) {
  %v = affine.vector_load %A[%x, %x * 2] : memref<8x32xf32>, vector<16xf32>
  affine.vector_store %v, %A[%x, %x + 4] : memref<8x32xf32>, vector<16xf32>
  return
}
