// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-normalize{promote-single-iter}))' | filecheck %s

// affine-loop-normalize{promote-single-iter}: a loop that provably runs once is replaced by
// its body (the induction variable becomes its lower bound: a constant at the top of the
// function, the bound operand itself, or an affine.apply); other loops are normalized. The
// `iree-opt --affine-loop-normalize=promote-single-iter`).

func.func @constant_lower_bound(%x: f32) -> f32 {
  "test.first"() : () -> ()
  %r = affine.for %i = 3 to 4 iter_args(%a = %x) -> f32 {
    %c = arith.index_cast %i : index to i32
    %f = arith.sitofp %c : i32 to f32
    %b = arith.addf %a, %f : f32
    affine.yield %b : f32
  }
  return %r : f32
}

// CHECK-LABEL: func.func @constant_lower_bound(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: f32) -> f32 {
// CHECK-NEXT: %[[C3:[A-Za-z0-9_$.-]+]] = arith.constant 3 : index
// CHECK-NEXT: "test.first"() : () -> ()
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.index_cast %[[C3]] : index to i32
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.sitofp %[[V0]] : i32 to f32
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG0]], %[[V1]] : f32
// CHECK-NEXT: return %[[V2]] : f32
// CHECK-NEXT: }

// -----

func.func @dim_and_symbol_lower_bounds(%n: index) {
  affine.for %j = 0 to 8 {
    affine.for %i = affine_map<(d0) -> (d0)>(%j) to affine_map<(d0) -> (d0 + 1)>(%j) {
      "test.use"(%i) : (index) -> ()
    }
    affine.for %i = affine_map<(d0) -> (d0 * 2)>(%j) to affine_map<(d0) -> (d0 * 2 + 2)>(%j) step 2 {
      "test.use"(%i) : (index) -> ()
    }
  }
  affine.for %i = %n to affine_map<()[s0] -> (s0 + 1)>()[%n] {
    "test.use"(%i) : (index) -> ()
  }
  return
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<(d0) -> (d0 * 2)>
// CHECK-DAG: #[[MAP1:[A-Za-z0-9_]+]] = affine_map<()[s0] -> (s0)>
// CHECK-LABEL: func.func @dim_and_symbol_lower_bounds(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 8 {
// CHECK-NEXT: "test.use"(%[[ARG1]]) : (index) -> ()
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP]](%[[ARG1]])
// CHECK-NEXT: "test.use"(%[[V1]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP1]]()[%[[ARG0]]]
// CHECK-NEXT: "test.use"(%[[V0]]) : (index) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @some_single(%n: index) {
  affine.for %i = 0 to 2 {
    "test.use"(%i) : (index) -> ()
  }
  affine.for %i = 10 to 20 step 10 {
    "test.use"(%i) : (index) -> ()
  }
  affine.for %i = %n to affine_map<()[s0] -> (s0 + 3)>()[%n] step 2 {
    "test.use"(%i) : (index) -> ()
  }
  return
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<(d0)[s0] -> (d0 * 2 + s0)>
// CHECK-LABEL: func.func @some_single(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[C10:[A-Za-z0-9_$.-]+]] = arith.constant 10 : index
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 2 {
// CHECK-NEXT: "test.use"(%[[ARG1]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: "test.use"(%[[C10]]) : (index) -> ()
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 2 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP]](%[[ARG1]])[%[[ARG0]]]
// CHECK-NEXT: "test.use"(%[[V0]]) : (index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }
