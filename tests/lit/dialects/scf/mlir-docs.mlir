// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --mlir-print-op-generic | dialir-opt --split-input-file --allow-unregistered-dialect | filecheck %s

// Acceptance tests for the `scf` dialect: the examples of MLIR's own documentation
// (https://mlir.llvm.org/docs/Dialects/SCFDialect/), each made a self-contained, verifiable
// module. Example lines are copied as written where MLIR still reads them; where the page
// is out of date or leaves values undefined, the chunk says what it changed. The checks hold
// what upstream MLIR (`iree-opt`) prints for the chunk, line for line (CHECK-NEXT); SSA names
// are captures, since MLIR renumbers them and dialir keeps the source names.

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scfexecute_region-scfexecuteregionop
// (bounds and `memref.load` instead of the page's `0 to 128` and `load`.)
func.func @execute_region(%A: memref<128xi32>, %c0: index, %c128: index, %c1: index) {
  scf.for %i = %c0 to %c128 step %c1 {
    %y = scf.execute_region -> i32 {
      %x = memref.load %A[%i] : memref<128xi32>
      scf.yield %x : i32
    }
  }
  return
}

// CHECK-LABEL: func.func @execute_region(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<128xi32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: scf.for %[[ARG4:[A-Za-z0-9_$.-]+]] = %[[ARG1]] to %[[ARG2]] step %[[ARG3]] {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.execute_region -> i32 {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG0]][%[[ARG4]]] : memref<128xi32>
// CHECK-NEXT: scf.yield %[[V1]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scfexecute_region-scfexecuteregionop
func.func @execute_region_blocks(%cond: i1) {
  affine.for %i = 0 to 100 {
    "foo"() : () -> ()
    %v = scf.execute_region -> i64 {
      cf.cond_br %cond, ^bb1, ^bb2

    ^bb1:
      %c1 = arith.constant 1 : i64
      cf.br ^bb3(%c1 : i64)

    ^bb2:
      %c2 = arith.constant 2 : i64
      cf.br ^bb3(%c2 : i64)

    ^bb3(%x : i64):
      scf.yield %x : i64
    }
    "bar"(%v) : (i64) -> ()
  }
  return
}

// CHECK-LABEL: func.func @execute_region_blocks(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i1) {
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 100 {
// CHECK-NEXT: "foo"() : () -> ()
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.execute_region -> i64 {
// CHECK-NEXT: cf.cond_br %[[ARG0]], ^bb1, ^bb2
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: %[[C1_I64:[A-Za-z0-9_$.-]+]] = arith.constant 1 : i64
// CHECK-NEXT: cf.br ^bb3(%[[C1_I64]] : i64)
// CHECK-NEXT: ^bb2:
// CHECK-NEXT: %[[C2_I64:[A-Za-z0-9_$.-]+]] = arith.constant 2 : i64
// CHECK-NEXT: cf.br ^bb3(%[[C2_I64]] : i64)
// CHECK-NEXT: ^bb3(%[[V1:[A-Za-z0-9_$.-]+]]: i64):
// CHECK-NEXT: scf.yield %[[V1]] : i64
// CHECK-NEXT: }
// CHECK-NEXT: "bar"(%[[V0]]) : (i64) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scffor-scfforop
// (a `"test.op"` for the page's `... // body`.)
func.func @for(%lb: index, %ub: index, %step: index, %lb_32: i32, %ub_32: i32, %step_32: i32) {
  // Index case.
  scf.for %iv = %lb to %ub step %step {
    "test.op"() : () -> ()
  }
  // Integer case.
  scf.for %iv_32 = %lb_32 to %ub_32 step %step_32 : i32 {
    "test.op"() : () -> ()
  }
  return
}

// CHECK-LABEL: func.func @for(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: i32, %[[ARG4:[A-Za-z0-9_$.-]+]]: i32, %[[ARG5:[A-Za-z0-9_$.-]+]]: i32) {
// CHECK-NEXT: scf.for %[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG0]] to %[[ARG1]] step %[[ARG2]] {
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: scf.for %[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG3]] to %[[ARG4]] step %[[ARG5]]  : i32 {
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scffor-scfforop
// (`memref.load` for the page's `load`.)
func.func @reduce(%buffer: memref<1024xf32>, %lb: index,
                  %ub: index, %step: index) -> (f32) {
  // Initial sum set to 0.
  %sum_0 = arith.constant 0.0 : f32
  // iter_args binds initial values to the loop's region arguments.
  %sum = scf.for %iv = %lb to %ub step %step
      iter_args(%sum_iter = %sum_0) -> (f32) {
    %t = memref.load %buffer[%iv] : memref<1024xf32>
    %sum_next = arith.addf %sum_iter, %t : f32
    // Yield current iteration sum to next iteration %sum_iter or to %sum
    // if final iteration.
    scf.yield %sum_next : f32
  }
  return %sum : f32
}

// CHECK-LABEL: func.func @reduce(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<1024xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index) -> f32 {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.for %[[ARG4:[A-Za-z0-9_$.-]+]] = %[[ARG1]] to %[[ARG2]] step %[[ARG3]] iter_args(%[[ARG5:[A-Za-z0-9_$.-]+]] = %[[CST]]) -> (f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG0]][%[[ARG4]]] : memref<1024xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG5]], %[[V1]] : f32
// CHECK-NEXT: scf.yield %[[V2]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]] : f32
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scffor-scfforop
// (`memref.load` and `arith.cmpf ugt` for the page's `load` and `"ugt"`.)
func.func @conditional_reduce(%buffer: memref<1024xf32>, %lb: index,
                              %ub: index, %step: index) -> (f32) {
  %sum_0 = arith.constant 0.0 : f32
  %c0 = arith.constant 0.0 : f32
  %sum = scf.for %iv = %lb to %ub step %step
      iter_args(%sum_iter = %sum_0) -> (f32) {
    %t = memref.load %buffer[%iv] : memref<1024xf32>
    %cond = arith.cmpf ugt, %t, %c0 : f32
    %sum_next = scf.if %cond -> (f32) {
      %new_sum = arith.addf %sum_iter, %t : f32
      scf.yield %new_sum : f32
    } else {
      scf.yield %sum_iter : f32
    }
    scf.yield %sum_next : f32
  }
  return %sum : f32
}

// CHECK-LABEL: func.func @conditional_reduce(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<1024xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index) -> f32 {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[CST_0:[A-Za-z0-9_$.-]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.for %[[ARG4:[A-Za-z0-9_$.-]+]] = %[[ARG1]] to %[[ARG2]] step %[[ARG3]] iter_args(%[[ARG5:[A-Za-z0-9_$.-]+]] = %[[CST]]) -> (f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG0]][%[[ARG4]]] : memref<1024xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.cmpf ugt, %[[V1]], %[[CST_0]] : f32
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = scf.if %[[V2]] -> (f32) {
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG5]], %[[V1]] : f32
// CHECK-NEXT: scf.yield %[[V4]] : f32
// CHECK-NEXT: } else {
// CHECK-NEXT: scf.yield %[[ARG5]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: scf.yield %[[V3]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]] : f32
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scfif-scfifop
// (`"test.op"`s for the page's `...`.)
func.func @if(%b: i1) {
  scf.if %b  {
    "test.op"() : () -> ()
  } else {
    "test.op"() : () -> ()
  }
  scf.if %b  {
    "test.op"() : () -> ()
  }
  return
}

// CHECK-LABEL: func.func @if(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i1) {
// CHECK-NEXT: scf.if %[[ARG0]] {
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: } else {
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: scf.if %[[ARG0]] {
// CHECK-NEXT: "test.op"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scfif-scfifop
// (`%x:2` for the page's `%x, %y`, which MLIR does not read; `"test.source"` values.)
func.func @if_results(%b: i1) {
  %x:2 = scf.if %b -> (f32, f32) {
    %x_true, %y_true = "test.source"() : () -> (f32, f32)
    scf.yield %x_true, %y_true : f32, f32
  } else {
    %x_false, %y_false = "test.source"() : () -> (f32, f32)
    scf.yield %x_false, %y_false : f32, f32
  }
  "test.sink"(%x#0, %x#1) : (f32, f32) -> ()
  return
}

// CHECK-LABEL: func.func @if_results(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: i1) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]]:2 = scf.if %[[ARG0]] -> (f32, f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]]:2 = "test.source"() : () -> (f32, f32)
// CHECK-NEXT: scf.yield %[[V1]]#0, %[[V1]]#1 : f32, f32
// CHECK-NEXT: } else {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]]:2 = "test.source"() : () -> (f32, f32)
// CHECK-NEXT: scf.yield %[[V1]]#0, %[[V1]]#1 : f32, f32
// CHECK-NEXT: }
// CHECK-NEXT: "test.sink"(%[[V0]]#0, %[[V0]]#1) : (f32, f32) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scfparallel-scfparallelop
// (`-> (f32, f32)` and `memref.load` for the page's `-> f32, f32` and `load`.)
func.func @parallel(%lb: index, %ub: index, %step: index, %buffer1: memref<100xf32>,
                    %buffer2: memref<100xf32>) {
  %init = arith.constant 0.0 : f32
  %r:2 = scf.parallel (%iv) = (%lb) to (%ub) step (%step) init (%init, %init)
      -> (f32, f32) {
    %elem_to_reduce1 = memref.load %buffer1[%iv] : memref<100xf32>
    %elem_to_reduce2 = memref.load %buffer2[%iv] : memref<100xf32>
    scf.reduce(%elem_to_reduce1, %elem_to_reduce2 : f32, f32) {
      ^bb0(%lhs : f32, %rhs: f32):
        %res = arith.addf %lhs, %rhs : f32
        scf.reduce.return %res : f32
    }, {
      ^bb0(%lhs : f32, %rhs: f32):
        %res = arith.mulf %lhs, %rhs : f32
        scf.reduce.return %res : f32
    }
  }
  return
}

// CHECK-LABEL: func.func @parallel(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: memref<100xf32>, %[[ARG4:[A-Za-z0-9_$.-]+]]: memref<100xf32>) {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]]:2 = scf.parallel (%[[ARG5:[A-Za-z0-9_$.-]+]]) = (%[[ARG0]]) to (%[[ARG1]]) step (%[[ARG2]]) init (%[[CST]], %[[CST]]) -> (f32, f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG3]][%[[ARG5]]] : memref<100xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = memref.load %[[ARG4]][%[[ARG5]]] : memref<100xf32>
// CHECK-NEXT: scf.reduce(%[[V1]], %[[V2]] : f32, f32) {
// CHECK-NEXT: ^bb0(%[[ARG6:[A-Za-z0-9_$.-]+]]: f32, %[[ARG7:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG6]], %[[ARG7]] : f32
// CHECK-NEXT: scf.reduce.return %[[V3]] : f32
// CHECK-NEXT: }, {
// CHECK-NEXT: ^bb0(%[[ARG6:[A-Za-z0-9_$.-]+]]: f32, %[[ARG7:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.mulf %[[ARG6]], %[[ARG7]] : f32
// CHECK-NEXT: scf.reduce.return %[[V3]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scfreduce-scfreduceop
func.func @reduce_op(%lb: index, %ub: index, %step: index, %init: f32) {
  %r = scf.parallel (%iv) = (%lb) to (%ub) step (%step) init (%init) -> f32 {
    %operand = arith.constant 1.0 : f32
    scf.reduce(%operand : f32) {
      ^bb0(%lhs : f32, %rhs: f32):
        %res = arith.addf %lhs, %rhs : f32
        scf.reduce.return %res : f32
    }
  }
  return
}

// CHECK-LABEL: func.func @reduce_op(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: f32) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.parallel (%[[ARG4:[A-Za-z0-9_$.-]+]]) = (%[[ARG0]]) to (%[[ARG1]]) step (%[[ARG2]]) init (%[[ARG3]]) -> f32 {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: scf.reduce(%[[CST]] : f32) {
// CHECK-NEXT: ^bb0(%[[ARG5:[A-Za-z0-9_$.-]+]]: f32, %[[ARG6:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG5]], %[[ARG6]] : f32
// CHECK-NEXT: scf.reduce.return %[[V1]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scfwhile-scfwhileop
func.func private @evaluate_condition(f32) -> i1
func.func private @payload(f32) -> f32
func.func @while(%init1: f32) {
  %res = scf.while (%arg1 = %init1) : (f32) -> f32 {
    // "Before" region.
    // In a "while" loop, this region computes the condition.
    %condition = func.call @evaluate_condition(%arg1) : (f32) -> i1

    // Forward the argument (as result or "after" region argument).
    scf.condition(%condition) %arg1 : f32

  } do {
  ^bb0(%arg2: f32):
    // "After" region.
    // In a "while" loop, this region is the loop body.
    %next = func.call @payload(%arg2) : (f32) -> f32

    // Forward the new value to the "before" region.
    // The operand types must match the types of the `scf.while` operands.
    scf.yield %next : f32
  }
  return
}

// CHECK-LABEL: func.func private @evaluate_condition(f32) -> i1
// CHECK-NEXT: func.func private @payload(f32) -> f32
// CHECK-NEXT: func.func @while(%[[ARG0:[A-Za-z0-9_$.-]+]]: f32) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.while (%[[ARG1:[A-Za-z0-9_$.-]+]] = %[[ARG0]]) : (f32) -> f32 {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = func.call @evaluate_condition(%[[ARG1]]) : (f32) -> i1
// CHECK-NEXT: scf.condition(%[[V1]]) %[[ARG1]] : f32
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[ARG1:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = func.call @payload(%[[ARG1]]) : (f32) -> f32
// CHECK-NEXT: scf.yield %[[V1]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scfwhile-scfwhileop
func.func private @evaluate_condition(f32) -> i1
func.func private @payload(f32) -> f32
func.func @do_while(%init1: f32) {
  %res = scf.while (%arg1 = %init1) : (f32) -> f32 {
    // "Before" region.
    // In a "do-while" loop, this region contains the loop body.
    %next = func.call @payload(%arg1) : (f32) -> f32

    // And also evaluates the condition.
    %condition = func.call @evaluate_condition(%arg1) : (f32) -> i1

    // Loop through the "after" region.
    scf.condition(%condition) %next : f32

  } do {
  ^bb0(%arg2: f32):
    // "After" region.
    // Forwards the values back to "before" region unmodified.
    scf.yield %arg2 : f32
  }
  return
}

// CHECK-LABEL: func.func private @evaluate_condition(f32) -> i1
// CHECK-NEXT: func.func private @payload(f32) -> f32
// CHECK-NEXT: func.func @do_while(%[[ARG0:[A-Za-z0-9_$.-]+]]: f32) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.while (%[[ARG1:[A-Za-z0-9_$.-]+]] = %[[ARG0]]) : (f32) -> f32 {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = func.call @payload(%[[ARG1]]) : (f32) -> f32
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = func.call @evaluate_condition(%[[ARG1]]) : (f32) -> i1
// CHECK-NEXT: scf.condition(%[[V2]]) %[[V1]] : f32
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[ARG1:[A-Za-z0-9_$.-]+]]: f32):
// CHECK-NEXT: scf.yield %[[ARG1]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scfwhile-scfwhileop
// (`^bb0(%arg2: i64):` for the page's `^bb0(%arg2: i64) {`.)
func.func private @shared_compute(f32) -> i64
func.func private @evaluate_condition(f32, i64) -> i1
func.func private @payload(i64) -> f32
func.func @while_shared(%init1: f32) {
  %res = scf.while (%arg1 = %init1) : (f32) -> i64 {
    // One can perform some computations, e.g., necessary to evaluate the
    // condition, in the "before" region and forward their results to the
    // "after" region.
    %shared = func.call @shared_compute(%arg1) : (f32) -> i64

    // Evaluate the condition.
    %condition = func.call @evaluate_condition(%arg1, %shared) : (f32, i64) -> i1

    // Forward the result of the shared computation to the "after" region.
    // The types must match the arguments of the "after" region as well as
    // those of the `scf.while` results.
    scf.condition(%condition) %shared : i64

  } do {
  ^bb0(%arg2: i64):
    // Use the partial result to compute the rest of the payload in the
    // "after" region.
    %res = func.call @payload(%arg2) : (i64) -> f32

    // Forward the new value to the "before" region.
    // The operand types must match the types of the `scf.while` operands.
    scf.yield %res : f32
  }
  return
}

// CHECK-LABEL: func.func private @shared_compute(f32) -> i64
// CHECK-NEXT: func.func private @evaluate_condition(f32, i64) -> i1
// CHECK-NEXT: func.func private @payload(i64) -> f32
// CHECK-NEXT: func.func @while_shared(%[[ARG0:[A-Za-z0-9_$.-]+]]: f32) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.while (%[[ARG1:[A-Za-z0-9_$.-]+]] = %[[ARG0]]) : (f32) -> i64 {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = func.call @shared_compute(%[[ARG1]]) : (f32) -> i64
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = func.call @evaluate_condition(%[[ARG1]], %[[V1]]) : (f32, i64) -> i1
// CHECK-NEXT: scf.condition(%[[V2]]) %[[V1]] : i64
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[ARG1:[A-Za-z0-9_$.-]+]]: i64):
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = func.call @payload(%[[ARG1]]) : (i64) -> f32
// CHECK-NEXT: scf.yield %[[V1]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/SCFDialect/#scfindex_switch-scfindexswitchop
// (without the page's `: index`, which today's syntax does not have.)
func.func @index_switch(%arg0: index) {
  %0 = scf.index_switch %arg0 -> i32
  case 2 {
    %1 = arith.constant 10 : i32
    scf.yield %1 : i32
  }
  case 5 {
    %2 = arith.constant 20 : i32
    scf.yield %2 : i32
  }
  default {
    %3 = arith.constant 30 : i32
    scf.yield %3 : i32
  }
  "test.sink"(%0) : (i32) -> ()
  return
}

// CHECK-LABEL: func.func @index_switch(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = scf.index_switch %[[ARG0]] -> i32
// CHECK-NEXT: case 2 {
// CHECK-NEXT: %[[C10_I32:[A-Za-z0-9_$.-]+]] = arith.constant 10 : i32
// CHECK-NEXT: scf.yield %[[C10_I32]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: case 5 {
// CHECK-NEXT: %[[C20_I32:[A-Za-z0-9_$.-]+]] = arith.constant 20 : i32
// CHECK-NEXT: scf.yield %[[C20_I32]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: default {
// CHECK-NEXT: %[[C30_I32:[A-Za-z0-9_$.-]+]] = arith.constant 30 : i32
// CHECK-NEXT: scf.yield %[[C30_I32]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: "test.sink"(%[[V0]]) : (i32) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }
