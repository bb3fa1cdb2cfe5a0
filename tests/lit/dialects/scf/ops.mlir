// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | dialir-opt --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --mlir-print-op-generic | dialir-opt --split-input-file --allow-unregistered-dialect | filecheck %s

// The custom syntax of every scf op, in each of its forms. The checks hold what upstream
// MLIR (`iree-opt`) prints, line for line, SSA names as captures; the second and third runs
// read the printed custom and generic forms back.

// scf.for: index and integer bounds, unsigned, iter_args, attributes.
func.func @for(%lb: index, %ub: index, %s: index, %a: i32, %b: i32, %x: f32) -> (f32, f32) {
  scf.for %i = %lb to %ub step %s {
    "test.use"(%i) : (index) -> ()
  }
  scf.for %i = %a to %b step %a : i32 {
    scf.yield
  }
  scf.for unsigned %i = %a to %b step %a : i32 {
  }
  %r:2 = scf.for %i = %lb to %ub step %s iter_args(%p = %x, %q = %x) -> (f32, f32) {
    %n = arith.addf %p, %q : f32
    scf.yield %n, %q : f32, f32
  } {tag = "loop"}
  %t = scf.for %i = %lb to %ub step %s iter_args(%p = %x) -> f32 {
    scf.yield %p : f32
  }
  return %r#0, %t : f32, f32
}

// CHECK-LABEL: func.func @for(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: i32, %[[ARG4:[A-Za-z0-9_$.-]+]]: i32, %[[ARG5:[A-Za-z0-9_$.-]+]]: f32) -> (f32, f32) {
// CHECK-NEXT: scf.for %[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG0]] to %[[ARG1]] step %[[ARG2]] {
// CHECK-NEXT: "test.use"(%[[ARG6]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: scf.for %[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG3]] to %[[ARG4]] step %[[ARG3]]  : i32 {
// CHECK-NEXT: }
// CHECK-NEXT: scf.for unsigned %[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG3]] to %[[ARG4]] step %[[ARG3]]  : i32 {
// CHECK-NEXT: }
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]]:2 = scf.for %[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG0]] to %[[ARG1]] step %[[ARG2]] iter_args(%[[ARG7:[A-Za-z0-9_$.-]+]] = %[[ARG5]], %[[ARG8:[A-Za-z0-9_$.-]+]] = %[[ARG5]]) -> (f32, f32) {
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG7]], %[[ARG8]] : f32
// CHECK-NEXT: scf.yield %[[V2]], %[[ARG8]] : f32, f32
// CHECK-NEXT: } {tag = "loop"}
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = scf.for %[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG0]] to %[[ARG1]] step %[[ARG2]] iter_args(%[[ARG7:[A-Za-z0-9_$.-]+]] = %[[ARG5]]) -> (f32) {
// CHECK-NEXT: scf.yield %[[ARG7]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]]#0, %[[V1]] : f32, f32
// CHECK-NEXT: }

// -----

// scf.if: with and without else, results, attributes.
func.func @if(%c: i1, %x: i32, %y: i32) -> i32 {
  scf.if %c {
    "test.then"() : () -> ()
  }
  scf.if %c {
    "test.then"() : () -> ()
  } else {
    "test.else"() : () -> ()
  }
  %r:2 = scf.if %c -> (i32, i32) {
    scf.yield %x, %y : i32, i32
  } else {
    scf.yield %y, %x : i32, i32
  } {tag}
  return %r#1 : i32
}

// CHECK-LABEL: func.func @if(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i1, %[[ARG1:[A-Za-z0-9_$.-]+]]: i32, %[[ARG2:[A-Za-z0-9_$.-]+]]: i32) -> i32 {
// CHECK-NEXT: scf.if %[[ARG0]] {
// CHECK-NEXT: "test.then"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: scf.if %[[ARG0]] {
// CHECK-NEXT: "test.then"() : () -> ()
// CHECK-NEXT: } else {
// CHECK-NEXT: "test.else"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]]:2 = scf.if %[[ARG0]] -> (i32, i32) {
// CHECK-NEXT: scf.yield %[[ARG1]], %[[ARG2]] : i32, i32
// CHECK-NEXT: } else {
// CHECK-NEXT: scf.yield %[[ARG2]], %[[ARG1]] : i32, i32
// CHECK-NEXT: } {tag}
// CHECK-NEXT: return %[[V0]]#1 : i32
// CHECK-NEXT: }

// -----

// scf.while: inits, no inits, results of other types, attributes.
func.func @while(%x: i32, %c: i1) -> i64 {
  %r = scf.while (%a = %x, %b = %x) : (i32, i32) -> i64 {
    %w = arith.extsi %a : i32 to i64
    scf.condition(%c) %w : i64
  } do {
  ^bb0(%v: i64):
    scf.yield %x, %x : i32, i32
  } attributes {tag}
  scf.while : () -> () {
    scf.condition(%c)
  } do {
    scf.yield
  }
  return %r : i64
}

// CHECK-LABEL: func.func @while(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i32, %[[ARG1:[A-Za-z0-9_$.-]+]]: i1) -> i64 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.while (%[[ARG2:[A-Za-z0-9_$.-]+]] = %[[ARG0]], %[[ARG3:[A-Za-z0-9_$.-]+]] = %[[ARG0]]) : (i32, i32) -> i64 {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.extsi %[[ARG2]] : i32 to i64
// CHECK-NEXT: scf.condition(%[[ARG1]]) %[[V1]] : i64
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[ARG2:[A-Za-z0-9_$.-]+]]: i64):
// CHECK-NEXT: scf.yield %[[ARG0]], %[[ARG0]] : i32, i32
// CHECK-NEXT: } attributes {tag}
// CHECK-NEXT: scf.while : () -> () {
// CHECK-NEXT: scf.condition(%[[ARG1]])
// CHECK-NEXT: } do {
// CHECK-NEXT: scf.yield
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]] : i64
// CHECK-NEXT: }

// -----

// scf.parallel and scf.reduce: several dimensions, reductions, attributes.
func.func @parallel(%lb: index, %ub: index, %s: index, %x: f32, %y: i32) -> (f32, i32) {
  scf.parallel (%i, %j) = (%lb, %lb) to (%ub, %ub) step (%s, %s) {
    "test.use"(%i, %j) : (index, index) -> ()
  }
  %r:2 = scf.parallel (%i) = (%lb) to (%ub) step (%s) init (%x, %y) -> (f32, i32) {
    scf.reduce(%x, %y : f32, i32) {
    ^bb0(%l: f32, %r: f32):
      %sum = arith.addf %l, %r : f32
      scf.reduce.return %sum : f32
    }, {
    ^bb0(%l: i32, %r: i32):
      scf.reduce.return %l : i32
    }
  } {tag}
  return %r#0, %r#1 : f32, i32
}

// CHECK-LABEL: func.func @parallel(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: f32, %[[ARG4:[A-Za-z0-9_$.-]+]]: i32) -> (f32, i32) {
// CHECK-NEXT: scf.parallel (%[[ARG5:[A-Za-z0-9_$.-]+]], %[[ARG6:[A-Za-z0-9_$.-]+]]) = (%[[ARG0]], %[[ARG0]]) to (%[[ARG1]], %[[ARG1]]) step (%[[ARG2]], %[[ARG2]]) {
// CHECK-NEXT: "test.use"(%[[ARG5]], %[[ARG6]]) : (index, index) -> ()
// CHECK-NEXT: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]]:2 = scf.parallel (%[[ARG5:[A-Za-z0-9_$.-]+]]) = (%[[ARG0]]) to (%[[ARG1]]) step (%[[ARG2]]) init (%[[ARG3]], %[[ARG4]]) -> (f32, i32) {
// CHECK-NEXT: scf.reduce(%[[ARG3]], %[[ARG4]] : f32, i32) {
// CHECK-NEXT: ^bb0(%[[ARG6:[A-Za-z0-9_$.-]+]]: f32, %[[ARG7:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG6]], %[[ARG7]] : f32
// CHECK-NEXT: scf.reduce.return %[[V1]] : f32
// CHECK-NEXT: }, {
// CHECK-NEXT: ^bb0(%[[ARG6:[A-Za-z0-9_$.-]+]]: i32, %[[ARG7:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: scf.reduce.return %[[ARG6]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: } {tag}
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1 : f32, i32
// CHECK-NEXT: }

// -----

// scf.execute_region and scf.index_switch.
func.func @execute_and_switch(%c: i1, %i: index, %x: i32) -> i32 {
  %e = scf.execute_region -> i32 no_inline {
    cf.cond_br %c, ^bb1, ^bb2
  ^bb1:
    scf.yield %x : i32
  ^bb2:
    scf.yield %x : i32
  }
  scf.execute_region {
    "test.op"() : () -> ()
    scf.yield
  } {tag}
  scf.index_switch %i
  case -1 {
    scf.yield
  }
  default {
  }
  %s:2 = scf.index_switch %i {tag} -> i32, i32
  case 0 {
    scf.yield %x, %e : i32, i32
  }
  case 7 {
    scf.yield %e, %x : i32, i32
  }
  default {
    scf.yield %x, %x : i32, i32
  }
  return %s#0 : i32
}

// CHECK-LABEL: func.func @execute_and_switch(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i1, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: i32) -> i32 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.execute_region -> i32 no_inline {
// CHECK-NEXT: cf.cond_br %[[ARG0]], ^bb1, ^bb2
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: scf.yield %[[ARG2]] : i32
// CHECK-NEXT: ^bb2:
// CHECK-NEXT: scf.yield %[[ARG2]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: scf.execute_region {
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: scf.yield
// CHECK-NEXT: } {tag}
// CHECK-NEXT: scf.index_switch %[[ARG1]]
// CHECK-NEXT: case -1 {
// CHECK-NEXT: scf.yield
// CHECK-NEXT: }
// CHECK-NEXT: default {
// CHECK-NEXT: }
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]]:2 = scf.index_switch %[[ARG1]] {tag} -> i32, i32
// CHECK-NEXT: case 0 {
// CHECK-NEXT: scf.yield %[[ARG2]], %[[V0]] : i32, i32
// CHECK-NEXT: }
// CHECK-NEXT: case 7 {
// CHECK-NEXT: scf.yield %[[V0]], %[[ARG2]] : i32, i32
// CHECK-NEXT: }
// CHECK-NEXT: default {
// CHECK-NEXT: scf.yield %[[ARG2]], %[[ARG2]] : i32, i32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V1]]#0 : i32
// CHECK-NEXT: }
