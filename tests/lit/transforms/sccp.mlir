// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(func.func(sccp))' | filecheck %s

// Forward propagation without control flow: values found constant are replaced by constants
// at the top of the function, and the ops computing them go.
// CHECK-LABEL: func.func @no_control_flow
// CHECK-DAG: %[[CST:.*]] = arith.constant 1 : i32
// CHECK-NOT: arith.select
// CHECK: return %[[CST]] : i32
func.func @no_control_flow(%arg0: i32) -> i32 {
  %cond = arith.constant true
  %cst_1 = arith.constant 1 : i32
  %select = arith.select %cond, %cst_1, %arg0 : i32
  return %select : i32
}

// -----

// Folding uses every op's folder, on constants known only through the lattice.
// CHECK-LABEL: func.func @fold_chain
// CHECK-DAG: %[[C42:.*]] = arith.constant 42 : i32
// CHECK-NOT: arith.muli
// CHECK-NOT: arith.addi
// CHECK: return %[[C42]] : i32
func.func @fold_chain(%flag: i1) -> i32 {
  %c6 = arith.constant 6 : i32
  cf.br ^bb1(%c6 : i32)
^bb1(%x: i32):
  %c7 = arith.constant 7 : i32
  %m = arith.muli %x, %c7 : i32
  %c0 = arith.constant 0 : i32
  %s = arith.addi %m, %c0 : i32
  return %s : i32
}

// -----

// Only one edge of a branch on a constant is executable: the block argument gets the value
// of that edge alone.
// CHECK-LABEL: func.func @simple_control_flow
// CHECK-DAG: %[[CST:.*]] = arith.constant 1 : i32
// CHECK: ^bb2(%{{.*}}: i32):
// CHECK-NEXT: return %[[CST]] : i32
func.func @simple_control_flow(%arg0 : i32) -> i32 {
  %cond = arith.constant true
  %1 = arith.constant 1 : i32
  cf.cond_br %cond, ^bb1, ^bb2(%arg0 : i32)
^bb1:
  cf.br ^bb2(%1 : i32)
^bb2(%arg : i32):
  return %arg : i32
}

// -----

// A condition that is not constant: both edges are executable, and a constant merged with
// an unknown argument is overdefined.
// CHECK-LABEL: func.func @simple_control_flow_overdefined
// CHECK: ^bb2(%[[ARG:.*]]: i32):
// CHECK-NEXT: return %[[ARG]] : i32
func.func @simple_control_flow_overdefined(%arg0 : i32, %arg1 : i1) -> i32 {
  %1 = arith.constant 1 : i32
  cf.cond_br %arg1, ^bb1, ^bb2(%arg0 : i32)
^bb1:
  cf.br ^bb2(%1 : i32)
^bb2(%arg : i32):
  return %arg : i32
}

// -----

// Two different constants merge to overdefined.
// CHECK-LABEL: func.func @simple_control_flow_constant_overdefined
// CHECK: ^bb2(%[[ARG:.*]]: i32):
// CHECK-NEXT: return %[[ARG]] : i32
func.func @simple_control_flow_constant_overdefined(%arg0 : i32, %arg1 : i1) -> i32 {
  %1 = arith.constant 1 : i32
  %2 = arith.constant 2 : i32
  cf.cond_br %arg1, ^bb1, ^bb2(%2 : i32)
^bb1:
  cf.br ^bb2(%1 : i32)
^bb2(%arg : i32):
  return %arg : i32
}

// -----

// The same constant from both edges merges to that constant.
// CHECK-LABEL: func.func @same_constant_both_edges
// CHECK-DAG: %[[CST:.*]] = arith.constant 5 : i32
// CHECK: ^bb2(%{{.*}}: i32):
// CHECK-NEXT: return %[[CST]] : i32
func.func @same_constant_both_edges(%arg1 : i1) -> i32 {
  %a = arith.constant 5 : i32
  %b = arith.constant 5 : i32
  cf.cond_br %arg1, ^bb1, ^bb2(%a : i32)
^bb1:
  cf.br ^bb2(%b : i32)
^bb2(%arg : i32):
  return %arg : i32
}

// -----

// A terminator that is not a known branch makes every successor executable and its block
// arguments unknown.
// CHECK-LABEL: func.func @unknown_terminator
// CHECK: ^bb2(%[[ARG:.*]]: i32):
// CHECK-NEXT: return %[[ARG]] : i32
func.func @unknown_terminator(%arg0 : i32, %arg1 : i1) -> i32 {
  %1 = arith.constant 1 : i32
  "foo.cond_br"() [^bb1, ^bb2] : () -> ()
^bb1:
  cf.br ^bb2(%1 : i32)
^bb2(%arg : i32):
  return %arg : i32
}

// -----

// Loops: the back edge brings the same constant, so the loop-carried value stays constant.
func.func private @ext_cond_fn() -> i1

// CHECK-LABEL: func.func @simple_loop
// CHECK-DAG: %[[CST:.*]] = arith.constant 1 : i32
// CHECK: ^bb1(%{{.*}}: i32):
// CHECK-NEXT: %[[COND:.*]] = call @ext_cond_fn()
// CHECK-NEXT: cf.cond_br %[[COND]], ^bb1(%[[CST]] : i32), ^bb2(%[[CST]] : i32)
// CHECK: ^bb2(%{{.*}}: i32):
// CHECK-NEXT: return %[[CST]] : i32
func.func @simple_loop(%arg0 : i32, %cond1 : i1) -> i32 {
  %cst_1 = arith.constant 1 : i32
  cf.cond_br %cond1, ^bb1(%cst_1 : i32), ^bb2(%cst_1 : i32)
^bb1(%iv: i32):
  %cst_0 = arith.constant 0 : i32
  %res = arith.addi %iv, %cst_0 : i32
  %cond2 = call @ext_cond_fn() : () -> i1
  cf.cond_br %cond2, ^bb1(%res : i32), ^bb2(%res : i32)
^bb2(%arg : i32):
  return %arg : i32
}

// -----

// Executable edges depend on the analysis itself: ^bb4, whose increment would make the
// induction variable overdefined, is never reached, since %iv stays 1 < 20.
func.func private @ext_cond_fn() -> i1

// CHECK-LABEL: func.func @simple_loop_inner_control_flow
// CHECK-DAG: %[[CST:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[TRUE:.*]] = arith.constant true
// CHECK: ^bb2:
// CHECK-NEXT: cf.cond_br %[[TRUE]], ^bb3, ^bb4
// CHECK: ^bb3:
// CHECK-NEXT: cf.br ^bb1(%[[CST]] : i32)
// CHECK: ^bb5(%{{.*}}: i32):
// CHECK-NEXT: return %[[CST]] : i32
func.func @simple_loop_inner_control_flow(%arg0 : i32) -> i32 {
  %cst_1 = arith.constant 1 : i32
  cf.br ^bb1(%cst_1 : i32)
^bb1(%iv: i32):
  %cond2 = call @ext_cond_fn() : () -> i1
  cf.cond_br %cond2, ^bb5(%iv : i32), ^bb2
^bb2:
  %cst_20 = arith.constant 20 : i32
  %cond = arith.cmpi ult, %iv, %cst_20 : i32
  cf.cond_br %cond, ^bb3, ^bb4
^bb3:
  %cst_1_2 = arith.constant 1 : i32
  cf.br ^bb1(%cst_1_2 : i32)
^bb4:
  %iv_inc = arith.addi %iv, %cst_1 : i32
  cf.br ^bb1(%iv_inc : i32)
^bb5(%result: i32):
  return %result : i32
}

// -----

// A loop whose back edge brings an unknown value: overdefined.
func.func private @ext_cond_and_value_fn() -> (i1, i32)

// CHECK-LABEL: func.func @simple_loop_overdefined
// CHECK: ^bb2(%[[ARG:.*]]: i32):
// CHECK-NEXT: return %[[ARG]] : i32
func.func @simple_loop_overdefined(%arg0 : i32, %cond1 : i1) -> i32 {
  %cst_1 = arith.constant 1 : i32
  cf.cond_br %cond1, ^bb1(%cst_1 : i32), ^bb2(%cst_1 : i32)
^bb1(%iv: i32):
  %cond2, %res = call @ext_cond_and_value_fn() : () -> (i1, i32)
  cf.cond_br %cond2, ^bb1(%res : i32), ^bb2(%res : i32)
^bb2(%arg : i32):
  return %arg : i32
}

// -----

// Edges are re-examined when what flows along them changes.
// CHECK-LABEL: func.func @recheck_executable_edge
// CHECK: ^bb2(%[[X:.*]]: i1):
// CHECK: ^bb3(%[[Y:.*]]: i1):
// CHECK: return %[[X]], %[[Y]]
func.func @recheck_executable_edge(%cond0: i1) -> (i1, i1) {
  %true = arith.constant true
  %false = arith.constant false
  cf.cond_br %cond0, ^bb_1a, ^bb2(%false : i1)
^bb_1a:
  cf.br ^bb2(%true : i1)
^bb2(%x: i1):
  cf.br ^bb3(%x : i1)
^bb3(%y: i1):
  return %x, %y : i1, i1
}

// -----

// cf.switch on a constant takes the matching case only (or the default); blocks never
// reached keep their arguments.
// CHECK-LABEL: func.func @switch_constant
// CHECK-DAG: %[[C7:.*]] = arith.constant 7 : i32
// CHECK-DAG: %[[C9:.*]] = arith.constant 9 : i32
// CHECK: ^bb1(%[[R1:.*]]: i32):
// CHECK-NEXT: return %[[R1]] : i32
// CHECK: ^bb2(%{{.*}}: i32):
// CHECK-NEXT: "test.use"(%[[C7]])
// CHECK: ^bb3(%[[R3:.*]]: i32):
// CHECK-NEXT: return %[[R3]] : i32
// CHECK: ^bb4(%{{.*}}: i32):
// CHECK-NEXT: return %[[C9]] : i32
func.func @switch_constant(%arg0 : i32) -> (i32) {
  %c = arith.constant 42 : i32
  %a = arith.constant 7 : i32
  %b = arith.constant 8 : i32
  %d = arith.constant 9 : i32
  cf.switch %c : i32, [
    default: ^bb1(%arg0 : i32),
    42: ^bb2(%a : i32),
    43: ^bb3(%b : i32)
  ]
^bb1(%r1 : i32):
  return %r1 : i32
^bb2(%r2 : i32):
  "test.use"(%r2) : (i32) -> ()
  %c5 = arith.constant 5 : i32
  cf.switch %c5 : i32, [
    default: ^bb4(%d : i32),
    6: ^bb1(%arg0 : i32)
  ]
^bb3(%r3 : i32):
  return %r3 : i32
^bb4(%r4 : i32):
  return %r4 : i32
}

// -----

// Ops whose results are not all constant, or that have side effects, stay; an op with
// regions is not simulated, but its regions are analyzed. Constants go to the entry of the
// closest region that may be isolated from above: an op of an unknown dialect may be.
// CHECK-LABEL: func.func @partial
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i32
// CHECK: %[[R:.*]]:2 = "test.two"()
// CHECK: "test.region"() ({
// CHECK-NEXT: %[[INNER:.*]] = arith.constant 3 : i32
// CHECK-NEXT: "test.use"(%[[INNER]])
// CHECK: call @ext_cond_fn()
// CHECK: return %[[C3]], %[[R]]#1
func.func private @ext_cond_fn() -> i1

func.func @partial() -> (i32, i32) {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %r:2 = "test.two"() : () -> (i32, i32)
  "test.region"() ({
    %s = arith.addi %c1, %c2 : i32
    "test.use"(%s) : (i32) -> ()
  }) : () -> ()
  %unused = call @ext_cond_fn() : () -> i1
  %sum = arith.addi %c1, %c2 : i32
  return %sum, %r#1 : i32, i32
}

// -----

// Folding that cannot happen (division by zero) leaves the op alone, overdefined.
// CHECK-LABEL: func.func @no_fold_div_by_zero
// CHECK: %[[D:.*]] = arith.divsi
// CHECK: return %[[D]]
func.func @no_fold_div_by_zero() -> i32 {
  %c1 = arith.constant 1 : i32
  %c0 = arith.constant 0 : i32
  %d = arith.divsi %c1, %c0 : i32
  return %d : i32
}
