// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --canonicalize | filecheck %s

// Folders and canonicalization patterns of the scf ops. The checks hold what upstream
// MLIR (`iree-opt --canonicalize`) prints for each chunk, line for line.

// scf.for running zero times or once, and loops whose body only yields.
func.func @trivial_loops(%m: memref<10xf32>, %f: f32, %lb: index) -> (f32, f32, f32, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %r0 = scf.for %i = %c5 to %c0 step %c1 iter_args(%a = %f) -> (f32) {
    memref.store %a, %m[%i] : memref<10xf32>
    scf.yield %a : f32
  }
  %r1 = scf.for %i = %c0 to %c4 step %c5 iter_args(%a = %f) -> (f32) {
    memref.store %a, %m[%i] : memref<10xf32>
    %b = arith.addf %a, %a : f32
    scf.yield %b : f32
  }
  %r2 = scf.for %i = %lb to %lb step %c1 iter_args(%a = %f) -> (f32) {
    %b = arith.addf %a, %a : f32
    scf.yield %b : f32
  }
  %r3 = scf.for %i = %c0 to %c5 step %c1 iter_args(%a = %r1) -> (f32) {
    scf.yield %f : f32
  }
  scf.for %i = %c0 to %lb step %c1 {
    %b = arith.addf %f, %f : f32
  }
  return %r0, %r1, %r2, %r3 : f32, f32, f32, f32
}

// CHECK-LABEL: func.func @trivial_loops(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: f32, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) -> (f32, f32, f32, f32) {
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: memref.store %[[ARG1]], %[[ARG0]][%[[C0]]] : memref<10xf32>
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG1]], %[[ARG1]] : f32
// CHECK-NEXT: return %[[ARG1]], %[[V0]], %[[ARG1]], %[[ARG1]] : f32, f32, f32, f32
// CHECK-NEXT: }

// -----

// Loop-invariant iter_args (yielded unchanged, or the init yielded) and unused ones go.
func.func @iter_args(%m: memref<10xf32>, %f: f32, %g: f32, %lb: index, %ub: index, %s: index) -> (f32, f32, f32) {
  %r:4 = scf.for %i = %lb to %ub step %s iter_args(%a = %f, %b = %f, %c = %g, %d = %g) -> (f32, f32, f32, f32) {
    %n = arith.addf %b, %b : f32
    memref.store %n, %m[%i] : memref<10xf32>
    %u = arith.mulf %d, %d : f32
    scf.yield %a, %n, %g, %u : f32, f32, f32, f32
  }
  return %r#0, %r#1, %r#2 : f32, f32, f32
}

// CHECK-LABEL: func.func @iter_args(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: f32, %[[ARG2:[A-Za-z0-9_$.-]+]]: f32, %[[ARG3:[A-Za-z0-9_$.-]+]]: index, %[[ARG4:[A-Za-z0-9_$.-]+]]: index, %[[ARG5:[A-Za-z0-9_$.-]+]]: index) -> (f32, f32, f32) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]]:2 = scf.for %[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG3]] to %[[ARG4]] step %[[ARG5]] iter_args(%[[ARG7:[A-Za-z0-9_$.-]+]] = %[[ARG1]], %[[ARG8:[A-Za-z0-9_$.-]+]] = %[[ARG2]]) -> (f32, f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG7]], %[[ARG7]] : f32
// CHECK-NEXT: memref.store %[[V1]], %[[ARG0]][%[[ARG6]]] : memref<10xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.mulf %[[ARG8]], %[[ARG8]] : f32
// CHECK-NEXT: scf.yield %[[V1]], %[[V2]] : f32, f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[ARG1]], %[[V0]]#0, %[[ARG2]] : f32, f32, f32
// CHECK-NEXT: }

// -----

// scf.if on a constant becomes the taken branch.
func.func @static_if(%m: memref<10xf32>, %f: f32) -> (f32, f32) {
  %true = arith.constant true
  %false = arith.constant false
  %c0 = arith.constant 0 : index
  %r0 = scf.if %true -> (f32) {
    memref.store %f, %m[%c0] : memref<10xf32>
    scf.yield %f : f32
  } else {
    %g = arith.addf %f, %f : f32
    scf.yield %g : f32
  }
  %r1 = scf.if %false -> (f32) {
    scf.yield %f : f32
  } else {
    %g = arith.mulf %f, %f : f32
    scf.yield %g : f32
  }
  scf.if %false {
    memref.store %f, %m[%c0] : memref<10xf32>
  }
  return %r0, %r1 : f32, f32
}

// CHECK-LABEL: func.func @static_if(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: f32) -> (f32, f32) {
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: memref.store %[[ARG1]], %[[ARG0]][%[[C0]]] : memref<10xf32>
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.mulf %[[ARG1]], %[[ARG1]] : f32
// CHECK-NEXT: return %[[ARG1]], %[[V0]] : f32, f32
// CHECK-NEXT: }

// -----

// scf.if: unused results dropped, values from outside selected, empty else removed.
func.func @if(%m: memref<10xf32>, %c: i1, %f: f32, %g: f32) -> (f32, f32) {
  %c0 = arith.constant 0 : index
  %r:3 = scf.if %c -> (f32, f32, f32) {
    %h = arith.addf %f, %g : f32
    memref.store %h, %m[%c0] : memref<10xf32>
    scf.yield %h, %f, %g : f32, f32, f32
  } else {
    memref.store %g, %m[%c0] : memref<10xf32>
    scf.yield %g, %g, %f : f32, f32, f32
  }
  scf.if %c {
    memref.store %f, %m[%c0] : memref<10xf32>
  } else {
  }
  return %r#0, %r#1 : f32, f32
}

// CHECK-LABEL: func.func @if(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: i1, %[[ARG2:[A-Za-z0-9_$.-]+]]: f32, %[[ARG3:[A-Za-z0-9_$.-]+]]: f32) -> (f32, f32) {
// CHECK-NEXT: %[[C0:[A-Za-z0-9_$.-]+]] = arith.constant 0 : index
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.select %[[ARG1]], %[[ARG2]], %[[ARG3]] : f32
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = scf.if %[[ARG1]] -> (f32) {
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG2]], %[[ARG3]] : f32
// CHECK-NEXT: memref.store %[[V2]], %[[ARG0]][%[[C0]]] : memref<10xf32>
// CHECK-NEXT: memref.store %[[ARG2]], %[[ARG0]][%[[C0]]] : memref<10xf32>
// CHECK-NEXT: scf.yield %[[V2]] : f32
// CHECK-NEXT: } else {
// CHECK-NEXT: memref.store %[[ARG3]], %[[ARG0]][%[[C0]]] : memref<10xf32>
// CHECK-NEXT: scf.yield %[[ARG3]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V1]], %[[V0]] : f32, f32
// CHECK-NEXT: }

// -----

// scf.parallel that runs zero times, scf.execute_region with one block, scf.index_switch on
// a constant.
func.func @others(%m: memref<10xf32>, %f: f32, %lb: index) -> (f32, i32, i32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %r = scf.parallel (%i) = (%c1) to (%c0) step (%c1) init (%f) -> f32 {
    scf.reduce(%f : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  %e = scf.execute_region -> i32 {
    %k = arith.constant 7 : i32
    "test.op"() : () -> ()
    scf.yield %k : i32
  }
  %s = scf.index_switch %c2 -> i32
  case 1 {
    %k1 = arith.constant 10 : i32
    scf.yield %k1 : i32
  }
  case 2 {
    %k2 = "test.value"() : () -> i32
    scf.yield %k2 : i32
  }
  default {
    %k3 = arith.constant 30 : i32
    scf.yield %k3 : i32
  }
  return %r, %e, %s : f32, i32, i32
}

// CHECK-LABEL: func.func @others(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: f32, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) -> (f32, i32, i32) {
// CHECK-NEXT: %[[C7_I32:[A-Za-z0-9_$.-]+]] = arith.constant 7 : i32
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = "test.value"() : () -> i32
// CHECK-NEXT: return %[[ARG1]], %[[C7_I32]], %[[V0]] : f32, i32, i32
// CHECK-NEXT: }

// -----

// scf.while results that nobody uses, with unused `after` arguments, are dropped.
func.func @while_unused(%x: i32, %y: f32) -> i32 {
  %r:2 = scf.while (%a = %x, %b = %y) : (i32, f32) -> (i32, f32) {
    %c = "test.cond"(%a) : (i32) -> i1
    scf.condition(%c) %a, %b : i32, f32
  } do {
  ^bb0(%p: i32, %q: f32):
    %n = "test.next"(%p) : (i32) -> i32
    scf.yield %n, %y : i32, f32
  }
  return %r#0 : i32
}

// CHECK-LABEL: func.func @while_unused(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i32, %[[ARG1:[A-Za-z0-9_$.-]+]]: f32) -> i32 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.while (%[[ARG2:[A-Za-z0-9_$.-]+]] = %[[ARG0]]) : (i32) -> i32 {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = "test.cond"(%[[ARG2]]) : (i32) -> i1
// CHECK-NEXT: scf.condition(%[[V1]]) %[[ARG2]] : i32
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[ARG2:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = "test.next"(%[[ARG2]]) : (i32) -> i32
// CHECK-NEXT: scf.yield %[[V1]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]] : i32
// CHECK-NEXT: }

// -----

// Nested scf.parallel loops merge; unused scf.index_switch results go; a multi-block
// scf.execute_region in a function is inlined with branches.
func.func @merge_and_inline(%lb: index, %ub: index, %s: index, %i: index, %c: i1) -> (i32, i32) {
  scf.parallel (%a) = (%lb) to (%ub) step (%s) {
    scf.parallel (%b) = (%lb) to (%ub) step (%s) {
      "test.use"(%a, %b) : (index, index) -> ()
    }
  }
  %r:2 = scf.index_switch %i -> i32, i32
  case 1 {
    %x1, %y1 = "test.values"() : () -> (i32, i32)
    scf.yield %x1, %y1 : i32, i32
  }
  default {
    %x2, %y2 = "test.values"() : () -> (i32, i32)
    scf.yield %x2, %y2 : i32, i32
  }
  %e = scf.execute_region -> i32 {
    cf.cond_br %c, ^bb1, ^bb2
  ^bb1:
    %x = "test.value"() : () -> i32
    scf.yield %x : i32
  ^bb2:
    %y = "test.value"() : () -> i32
    scf.yield %y : i32
  }
  return %r#0, %e : i32, i32
}

// CHECK-LABEL: func.func @merge_and_inline(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index, %[[ARG4:[A-Za-z0-9_$.-]+]]: i1) -> (i32, i32) {
// CHECK-NEXT: scf.parallel (%[[ARG5:[A-Za-z0-9_$.-]+]], %[[ARG6:[A-Za-z0-9_$.-]+]]) = (%[[ARG0]], %[[ARG0]]) to (%[[ARG1]], %[[ARG1]]) step (%[[ARG2]], %[[ARG2]]) {
// CHECK-NEXT: "test.use"(%[[ARG5]], %[[ARG6]]) : (index, index) -> ()
// CHECK-NEXT: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.index_switch %[[ARG3]] -> i32
// CHECK-NEXT: case 1 {
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]]:2 = "test.values"() : () -> (i32, i32)
// CHECK-NEXT: scf.yield %[[V4]]#0 : i32
// CHECK-NEXT: }
// CHECK-NEXT: default {
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]]:2 = "test.values"() : () -> (i32, i32)
// CHECK-NEXT: scf.yield %[[V4]]#0 : i32
// CHECK-NEXT: }
// CHECK-NEXT: cf.cond_br %[[ARG4]], ^bb1, ^bb2
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = "test.value"() : () -> i32
// CHECK-NEXT: cf.br ^bb3(%[[V1]] : i32)
// CHECK-NEXT: ^bb2:
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = "test.value"() : () -> i32
// CHECK-NEXT: cf.br ^bb3(%[[V2]] : i32)
// CHECK-NEXT: ^bb3(%[[V3:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT: return %[[V0]], %[[V3]] : i32, i32
// CHECK-NEXT: }
