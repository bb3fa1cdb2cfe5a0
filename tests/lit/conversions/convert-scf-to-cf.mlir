// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(convert-scf-to-cf)' | filecheck %s
// The lowered IR verifies and reads back.
// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(convert-scf-to-cf)' | dialir-opt --split-input-file --allow-unregistered-dialect

// convert-scf-to-cf: scf.for/if/while/parallel/execute_region/index_switch -> blocks and
// cf.br/cf.cond_br/cf.switch, block arguments carrying iteration values and results. The
// tools/generate_test_checks.py from `iree-opt --convert-scf-to-cf`).

func.func @simple_for(%lb: index, %ub: index, %step: index) {
  scf.for %i = %lb to %ub step %step {
    %c1 = arith.constant 1 : index
    "test.use"(%i, %c1) : (index, index) -> ()
  }
  return
}

// CHECK-LABEL: func.func @simple_for(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]](%[[ARG0]] : index)
// CHECK-NEXT: ^[[BB1]](%[[V0:[A-Za-z0-9_$.-]+]]: index):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V0]], %[[ARG1]] : index
// CHECK-NEXT: cf.cond_br %[[V1]], ^[[BB2:[A-Za-z0-9_$.-]+]], ^[[BB3:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: "test.use"(%[[V0]], %[[C1]]) : (index, index) -> ()
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addi %[[V0]], %[[ARG2]] : index
// CHECK-NEXT: cf.br ^[[BB1]](%[[V2]] : index)
// CHECK-NEXT: ^[[BB3]]:
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @nested_for(%lb: index, %ub: index, %step: index) {
  scf.for %i = %lb to %ub step %step {
    scf.for %j = %i to %ub step %step {
      "test.use"(%i, %j) : (index, index) -> ()
    }
  }
  return
}

// CHECK-LABEL: func.func @nested_for(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]](%[[ARG0]] : index)
// CHECK-NEXT: ^[[BB1]](%[[V0:[A-Za-z0-9_$.-]+]]: index):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V0]], %[[ARG1]] : index
// CHECK-NEXT: cf.cond_br %[[V1]], ^[[BB2:[A-Za-z0-9_$.-]+]], ^[[BB6:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: cf.br ^[[BB3:[A-Za-z0-9_$.-]+]](%[[V0]] : index)
// CHECK-NEXT: ^[[BB3]](%[[V2:[A-Za-z0-9_$.-]+]]: index):
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V2]], %[[ARG1]] : index
// CHECK-NEXT: cf.cond_br %[[V3]], ^[[BB4:[A-Za-z0-9_$.-]+]], ^[[BB5:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB4]]:
// CHECK-NEXT: "test.use"(%[[V0]], %[[V2]]) : (index, index) -> ()
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.addi %[[V2]], %[[ARG2]] : index
// CHECK-NEXT: cf.br ^[[BB3]](%[[V4]] : index)
// CHECK-NEXT: ^[[BB5]]:
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = arith.addi %[[V0]], %[[ARG2]] : index
// CHECK-NEXT: cf.br ^[[BB1]](%[[V5]] : index)
// CHECK-NEXT: ^[[BB6]]:
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @for_iter_args(%lb: index, %ub: index, %step: index, %a: f32, %b: i32) -> (f32, i32) {
  %r:2 = scf.for %i = %lb to %ub step %step iter_args(%x = %a, %y = %b) -> (f32, i32) {
    %x2 = arith.addf %x, %x : f32
    %y2 = arith.addi %y, %y : i32
    scf.yield %x2, %y2 : f32, i32
  }
  return %r#0, %r#1 : f32, i32
}

// CHECK-LABEL: func.func @for_iter_args(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: f32, %[[ARG4:[A-Za-z0-9_$.-]+]]: i32) -> (f32, i32) {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]](%[[ARG0]], %[[ARG3]], %[[ARG4]] : index, f32, i32)
// CHECK-NEXT: ^[[BB1]](%[[V0:[A-Za-z0-9_$.-]+]]: index, %[[V1:[A-Za-z0-9_$.-]+]]: f32, %[[V2:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V0]], %[[ARG1]] : index
// CHECK-NEXT: cf.cond_br %[[V3]], ^[[BB2:[A-Za-z0-9_$.-]+]], ^[[BB3:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.addf %[[V1]], %[[V1]] : f32
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = arith.addi %[[V2]], %[[V2]] : i32
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.addi %[[V0]], %[[ARG2]] : index
// CHECK-NEXT: cf.br ^[[BB1]](%[[V6]], %[[V4]], %[[V5]] : index, f32, i32)
// CHECK-NEXT: ^[[BB3]]:
// CHECK-NEXT: return %[[V1]], %[[V2]] : f32, i32
// CHECK-NEXT: }

// -----

func.func @for_unsigned(%lb: i32, %ub: i32, %step: i32) {
  scf.for unsigned %i = %lb to %ub step %step : i32 {
    "test.use"(%i) : (i32) -> ()
  }
  return
}

// CHECK-LABEL: func.func @for_unsigned(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i32, %[[ARG1:[A-Za-z0-9_$.-]+]]: i32, %[[ARG2:[A-Za-z0-9_$.-]+]]: i32) {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]](%[[ARG0]] : i32)
// CHECK-NEXT: ^[[BB1]](%[[V0:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.cmpi ult, %[[V0]], %[[ARG1]] : i32
// CHECK-NEXT: cf.cond_br %[[V1]], ^[[BB2:[A-Za-z0-9_$.-]+]], ^[[BB3:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: "test.use"(%[[V0]]) : (i32) -> ()
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addi %[[V0]], %[[ARG2]] : i32
// CHECK-NEXT: cf.br ^[[BB1]](%[[V2]] : i32)
// CHECK-NEXT: ^[[BB3]]:
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @ifs(%c: i1, %d: i1) {
  scf.if %c {
    "test.then"() : () -> ()
  }
  scf.if %d {
    "test.then"() : () -> ()
  } else {
    scf.if %c {
      "test.nested"() : () -> ()
    }
  }
  return
}

// CHECK-LABEL: func.func @ifs(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i1, %[[ARG1:[A-Za-z0-9_$.-]+]]: i1) {
// CHECK-NEXT: cf.cond_br %[[ARG0]], ^[[BB1:[A-Za-z0-9_$.-]+]], ^[[BB2:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB1]]:
// CHECK-NEXT: "test.then"() : () -> ()
// CHECK-NEXT: cf.br ^[[BB2]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: cf.cond_br %[[ARG1]], ^[[BB3:[A-Za-z0-9_$.-]+]], ^[[BB4:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB3]]:
// CHECK-NEXT: "test.then"() : () -> ()
// CHECK-NEXT: cf.br ^[[BB7:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB4]]:
// CHECK-NEXT: cf.cond_br %[[ARG0]], ^[[BB5:[A-Za-z0-9_$.-]+]], ^[[BB6:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB5]]:
// CHECK-NEXT: "test.nested"() : () -> ()
// CHECK-NEXT: cf.br ^[[BB6]]
// CHECK-NEXT: ^[[BB6]]:
// CHECK-NEXT: cf.br ^[[BB7]]
// CHECK-NEXT: ^[[BB7]]:
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @if_results(%c: i1, %a: i32, %b: i32) -> (i32, i32) {
  %r:2 = scf.if %c -> (i32, i32) {
    %s = arith.addi %a, %b : i32
    scf.yield %s, %a : i32, i32
  } else {
    scf.yield %b, %a : i32, i32
  }
  return %r#0, %r#1 : i32, i32
}

// CHECK-LABEL: func.func @if_results(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i1, %[[ARG1:[A-Za-z0-9_$.-]+]]: i32, %[[ARG2:[A-Za-z0-9_$.-]+]]: i32) -> (i32, i32) {
// CHECK-NEXT: cf.cond_br %[[ARG0]], ^[[BB1:[A-Za-z0-9_$.-]+]], ^[[BB2:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB1]]:
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG1]], %[[ARG2]] : i32
// CHECK-NEXT: cf.br ^[[BB3:[A-Za-z0-9_$.-]+]](%[[V0]], %[[ARG1]] : i32, i32)
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: cf.br ^[[BB3]](%[[ARG2]], %[[ARG1]] : i32, i32)
// CHECK-NEXT: ^[[BB3]](%[[V1:[A-Za-z0-9_$.-]+]]: i32, %[[V2:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: cf.br ^[[BB4:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB4]]:
// CHECK-NEXT: return %[[V1]], %[[V2]] : i32, i32
// CHECK-NEXT: }

// -----

func.func @if_in_loop(%lb: index, %ub: index, %step: index, %init: f32) -> f32 {
  %r = scf.for %i = %lb to %ub step %step iter_args(%acc = %init) -> (f32) {
    %c = arith.cmpi slt, %i, %ub : index
    %n = scf.if %c -> f32 {
      %d = arith.addf %acc, %acc : f32
      scf.yield %d : f32
    } else {
      scf.yield %acc : f32
    }
    scf.yield %n : f32
  }
  return %r : f32
}

// CHECK-LABEL: func.func @if_in_loop(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: f32) -> f32 {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]](%[[ARG0]], %[[ARG3]] : index, f32)
// CHECK-NEXT: ^[[BB1]](%[[V0:[A-Za-z0-9_$.-]+]]: index, %[[V1:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V0]], %[[ARG1]] : index
// CHECK-NEXT: cf.cond_br %[[V2]], ^[[BB2:[A-Za-z0-9_$.-]+]], ^[[BB7:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V0]], %[[ARG1]] : index
// CHECK-NEXT: cf.cond_br %[[V3]], ^[[BB3:[A-Za-z0-9_$.-]+]], ^[[BB4:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB3]]:
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.addf %[[V1]], %[[V1]] : f32
// CHECK-NEXT: cf.br ^[[BB5:[A-Za-z0-9_$.-]+]](%[[V4]] : f32)
// CHECK-NEXT: ^[[BB4]]:
// CHECK-NEXT: cf.br ^[[BB5]](%[[V1]] : f32)
// CHECK-NEXT: ^[[BB5]](%[[V5:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: cf.br ^[[BB6:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB6]]:
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.addi %[[V0]], %[[ARG2]] : index
// CHECK-NEXT: cf.br ^[[BB1]](%[[V6]], %[[V5]] : index, f32)
// CHECK-NEXT: ^[[BB7]]:
// CHECK-NEXT: return %[[V1]] : f32
// CHECK-NEXT: }

// -----

func.func @while(%init: i32, %limit: i32) -> i32 {
  %r = scf.while (%a = %init) : (i32) -> i32 {
    %c = arith.cmpi slt, %a, %limit : i32
    scf.condition(%c) %a : i32
  } do {
  ^bb0(%b: i32):
    %one = arith.constant 1 : i32
    %n = arith.addi %b, %one : i32
    scf.yield %n : i32
  }
  return %r : i32
}

// CHECK-LABEL: func.func @while(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i32, %[[ARG1:[A-Za-z0-9_$.-]+]]: i32) -> i32 {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]](%[[ARG0]] : i32)
// CHECK-NEXT: ^[[BB1]](%[[V0:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V0]], %[[ARG1]] : i32
// CHECK-NEXT: cf.cond_br %[[V1]], ^[[BB2:[A-Za-z0-9_$.-]+]](%[[V0]] : i32), ^[[BB3:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]](%[[V2:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: %[[C1_I32:[A-Za-z0-9_$.-]+]] = arith.constant 1 : i32
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.addi %[[V2]], %[[C1_I32]] : i32
// CHECK-NEXT: cf.br ^[[BB1]](%[[V3]] : i32)
// CHECK-NEXT: ^[[BB3]]:
// CHECK-NEXT: return %[[V0]] : i32
// CHECK-NEXT: }

// -----

func.func @while_types(%init: i32, %f: f32) -> (i64, f32) {
  %r:2 = scf.while (%a = %init, %b = %f) : (i32, f32) -> (i64, f32) {
    %c = "test.cond"(%a) : (i32) -> i1
    %w = arith.extsi %a : i32 to i64
    scf.condition(%c) %w, %b : i64, f32
  } do {
  ^bb0(%x: i64, %y: f32):
    %t = arith.trunci %x : i64 to i32
    scf.yield %t, %y : i32, f32
  }
  return %r#0, %r#1 : i64, f32
}

// CHECK-LABEL: func.func @while_types(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i32, %[[ARG1:[A-Za-z0-9_$.-]+]]: f32) -> (i64, f32) {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]](%[[ARG0]], %[[ARG1]] : i32, f32)
// CHECK-NEXT: ^[[BB1]](%[[V0:[A-Za-z0-9_$.-]+]]: i32, %[[V1:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = "test.cond"(%[[V0]]) : (i32) -> i1
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.extsi %[[V0]] : i32 to i64
// CHECK-NEXT: cf.cond_br %[[V2]], ^[[BB2:[A-Za-z0-9_$.-]+]](%[[V3]], %[[V1]] : i64, f32), ^[[BB3:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]](%[[V4:[A-Za-z0-9_$.-]+]]: i64, %[[V5:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V6:[A-Za-z0-9_$.-]+]] = arith.trunci %[[V4]] : i64 to i32
// CHECK-NEXT: cf.br ^[[BB1]](%[[V6]], %[[V5]] : i32, f32)
// CHECK-NEXT: ^[[BB3]]:
// CHECK-NEXT: return %[[V3]], %[[V1]] : i64, f32
// CHECK-NEXT: }

// -----

func.func @do_while(%init: f32) -> f32 {
  %r = scf.while (%a = %init) : (f32) -> f32 {
    %n = "test.step"(%a) : (f32) -> f32
    %c = "test.cond"(%n) : (f32) -> i1
    scf.condition(%c) %n : f32
  } do {
  ^bb0(%b: f32):
    scf.yield %b : f32
  }
  return %r : f32
}

// CHECK-LABEL: func.func @do_while(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: f32) -> f32 {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]](%[[ARG0]] : f32)
// CHECK-NEXT: ^[[BB1]](%[[V0:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = "test.step"(%[[V0]]) : (f32) -> f32
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = "test.cond"(%[[V1]]) : (f32) -> i1
// CHECK-NEXT: cf.cond_br %[[V2]], ^[[BB1]](%[[V1]] : f32), ^[[BB2:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: return %[[V1]] : f32
// CHECK-NEXT: }

// -----

func.func @parallel(%lb: index, %ub: index, %step: index) {
  scf.parallel (%i, %j) = (%lb, %lb) to (%ub, %ub) step (%step, %step) {
    "test.use"(%i, %j) : (index, index) -> ()
    scf.reduce
  }
  return
}

// CHECK-LABEL: func.func @parallel(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]](%[[ARG0]] : index)
// CHECK-NEXT: ^[[BB1]](%[[V0:[A-Za-z0-9_$.-]+]]: index):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V0]], %[[ARG1]] : index
// CHECK-NEXT: cf.cond_br %[[V1]], ^[[BB2:[A-Za-z0-9_$.-]+]], ^[[BB6:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: cf.br ^[[BB3:[A-Za-z0-9_$.-]+]](%[[ARG0]] : index)
// CHECK-NEXT: ^[[BB3]](%[[V2:[A-Za-z0-9_$.-]+]]: index):
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V2]], %[[ARG1]] : index
// CHECK-NEXT: cf.cond_br %[[V3]], ^[[BB4:[A-Za-z0-9_$.-]+]], ^[[BB5:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB4]]:
// CHECK-NEXT: "test.use"(%[[V0]], %[[V2]]) : (index, index) -> ()
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.addi %[[V2]], %[[ARG2]] : index
// CHECK-NEXT: cf.br ^[[BB3]](%[[V4]] : index)
// CHECK-NEXT: ^[[BB5]]:
// CHECK-NEXT: %[[V5:[A-Za-z0-9_$.-]+]] = arith.addi %[[V0]], %[[ARG2]] : index
// CHECK-NEXT: cf.br ^[[BB1]](%[[V5]] : index)
// CHECK-NEXT: ^[[BB6]]:
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @parallel_reductions(%lb: index, %ub: index, %step: index, %a: f32, %b: i64) -> (f32, i64) {
  %r:2 = scf.parallel (%i, %j) = (%lb, %lb) to (%ub, %ub) step (%step, %step) init (%a, %b) -> (f32, i64) {
    %v = "test.f"(%i, %j) : (index, index) -> f32
    %w = "test.i"(%i, %j) : (index, index) -> i64
    scf.reduce(%v, %w : f32, i64) {
    ^bb0(%l: f32, %r0: f32):
      %s = arith.addf %l, %r0 : f32
      scf.reduce.return %s : f32
    }, {
    ^bb0(%l: i64, %r0: i64):
      %m = arith.muli %l, %r0 : i64
      scf.reduce.return %m : i64
    }
  }
  return %r#0, %r#1 : f32, i64
}

// CHECK-LABEL: func.func @parallel_reductions(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: f32, %[[ARG4:[A-Za-z0-9_$.-]+]]: i64) -> (f32, i64) {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]](%[[ARG0]], %[[ARG3]], %[[ARG4]] : index, f32, i64)
// CHECK-NEXT: ^[[BB1]](%[[V0:[A-Za-z0-9_$.-]+]]: index, %[[V1:[A-Za-z0-9_$.-]+]]: f32, %[[V2:[A-Za-z0-9_$.-]+]]: i64):
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V0]], %[[ARG1]] : index
// CHECK-NEXT: cf.cond_br %[[V3]], ^[[BB2:[A-Za-z0-9_$.-]+]], ^[[BB6:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: cf.br ^[[BB3:[A-Za-z0-9_$.-]+]](%[[ARG0]], %[[V1]], %[[V2]] : index, f32, i64)
// CHECK-NEXT: ^[[BB3]](%[[V4:[A-Za-z0-9_$.-]+]]: index, %[[V5:[A-Za-z0-9_$.-]+]]: f32, %[[V6:[A-Za-z0-9_$.-]+]]: i64):
// CHECK-NEXT: %[[V7:[A-Za-z0-9_$.-]+]] = arith.cmpi slt, %[[V4]], %[[ARG1]] : index
// CHECK-NEXT: cf.cond_br %[[V7]], ^[[BB4:[A-Za-z0-9_$.-]+]], ^[[BB5:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB4]]:
// CHECK-NEXT: %[[V8:[A-Za-z0-9_$.-]+]] = "test.f"(%[[V0]], %[[V4]]) : (index, index) -> f32
// CHECK-NEXT: %[[V9:[A-Za-z0-9_$.-]+]] = "test.i"(%[[V0]], %[[V4]]) : (index, index) -> i64
// CHECK-NEXT: %[[V10:[A-Za-z0-9_$.-]+]] = arith.addf %[[V5]], %[[V8]] : f32
// CHECK-NEXT: %[[V11:[A-Za-z0-9_$.-]+]] = arith.muli %[[V6]], %[[V9]] : i64
// CHECK-NEXT: %[[V12:[A-Za-z0-9_$.-]+]] = arith.addi %[[V4]], %[[ARG2]] : index
// CHECK-NEXT: cf.br ^[[BB3]](%[[V12]], %[[V10]], %[[V11]] : index, f32, i64)
// CHECK-NEXT: ^[[BB5]]:
// CHECK-NEXT: %[[V13:[A-Za-z0-9_$.-]+]] = arith.addi %[[V0]], %[[ARG2]] : index
// CHECK-NEXT: cf.br ^[[BB1]](%[[V13]], %[[V5]], %[[V6]] : index, f32, i64)
// CHECK-NEXT: ^[[BB6]]:
// CHECK-NEXT: return %[[V1]], %[[V2]] : f32, i64
// CHECK-NEXT: }

// -----

func.func @execute_region(%c: i1) -> i32 {
  %r = scf.execute_region -> i32 {
    cf.cond_br %c, ^bb1, ^bb2
  ^bb1:
    %a = "test.a"() : () -> i32
    scf.yield %a : i32
  ^bb2:
    %b = "test.b"() : () -> i32
    scf.yield %b : i32
  }
  "test.after"(%r) : (i32) -> ()
  return %r : i32
}

// CHECK-LABEL: func.func @execute_region(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i1) -> i32 {
// CHECK-NEXT: cf.br ^[[BB1:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB1]]:
// CHECK-NEXT: cf.cond_br %[[ARG0]], ^[[BB2:[A-Za-z0-9_$.-]+]], ^[[BB3:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = "test.a"() : () -> i32
// CHECK-NEXT: cf.br ^[[BB4:[A-Za-z0-9_$.-]+]](%[[V0]] : i32)
// CHECK-NEXT: ^[[BB3]]:
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = "test.b"() : () -> i32
// CHECK-NEXT: cf.br ^[[BB4]](%[[V1]] : i32)
// CHECK-NEXT: ^[[BB4]](%[[V2:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: "test.after"(%[[V2]]) : (i32) -> ()
// CHECK-NEXT: return %[[V2]] : i32
// CHECK-NEXT: }

// -----

func.func @index_switch(%i: index) -> i32 {
  %r = scf.index_switch %i -> i32
  case 2 {
    %a = "test.a"() : () -> i32
    scf.yield %a : i32
  }
  case 5 {
    %b = "test.b"() : () -> i32
    scf.yield %b : i32
  }
  default {
    %d = "test.d"() : () -> i32
    scf.yield %d : i32
  }
  return %r : i32
}

// CHECK-LABEL: func.func @index_switch(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) -> i32 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.index_cast %[[ARG0]] : index to i64
// CHECK-NEXT: cf.switch %[[V0]] : i64, [
// CHECK-NEXT: default: ^[[BB3:[A-Za-z0-9_$.-]+]],
// CHECK-NEXT: 2: ^[[BB1:[A-Za-z0-9_$.-]+]],
// CHECK-NEXT: 5: ^[[BB2:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ]
// CHECK-NEXT: ^[[BB1]]:
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = "test.a"() : () -> i32
// CHECK-NEXT: cf.br ^[[BB4:[A-Za-z0-9_$.-]+]](%[[V1]] : i32)
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = "test.b"() : () -> i32
// CHECK-NEXT: cf.br ^[[BB4]](%[[V2]] : i32)
// CHECK-NEXT: ^[[BB3]]:
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = "test.d"() : () -> i32
// CHECK-NEXT: cf.br ^[[BB4]](%[[V3]] : i32)
// CHECK-NEXT: ^[[BB4]](%[[V4:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: return %[[V4]] : i32
// CHECK-NEXT: }

// -----

func.func @index_switch_default_only(%i: index) {
  scf.index_switch %i
  default {
    "test.d"() : () -> ()
    scf.yield
  }
  return
}

// CHECK-LABEL: func.func @index_switch_default_only(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.index_cast %[[ARG0]] : index to i64
// CHECK-NEXT: cf.switch %[[V0]] : i64, [
// CHECK-NEXT: default: ^[[BB1:[A-Za-z0-9_$.-]+]]]
// CHECK-NEXT: ^[[BB1]]:
// CHECK-NEXT: "test.d"() : () -> ()
// CHECK-NEXT: cf.br ^[[BB2:[A-Za-z0-9_$.-]+]]
// CHECK-NEXT: ^[[BB2]]:
// CHECK-NEXT: return
// CHECK-NEXT: }
