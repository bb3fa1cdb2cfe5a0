// RUN: dialir-opt %s --pass-pipeline='builtin.module(inline{default-pipeline=})' | filecheck %s

// Mutual recursion: a callee that calls back into its caller is not inlined.
// CHECK-LABEL: func.func @foo0
// CHECK: call @foo1
// CHECK: }
func.func @foo0(%arg0 : i32) -> i32 {
  %0 = arith.constant 0 : i32
  %1 = arith.cmpi eq, %arg0, %0 : i32
  cf.cond_br %1, ^exit, ^tail
^exit:
  return %0 : i32
^tail:
  %3 = call @foo1(%arg0) : (i32) -> i32
  return %3 : i32
}

// CHECK-LABEL: func.func @foo1
// CHECK: call @foo0
func.func @foo1(%arg0 : i32) -> i32 {
  %0 = arith.constant 1 : i32
  %1 = arith.subi %arg0, %0 : i32
  %2 = call @foo0(%1) : (i32) -> i32
  return %2 : i32
}

// Inlining into a caller outside a cycle expands the cycle once, then the inline history
// stops it: a call that came from inlining @cycle_a is not inlined into @cycle_a's copy
// again, in later iterations either. Indirect calls are not inlined.
// CHECK-LABEL: func.func @caller
// CHECK-NEXT: %{{.*}} = arith.constant 1 : i32
// CHECK-NEXT: %{{.*}} = arith.addi
// CHECK-NEXT: %{{.*}} = arith.constant 2 : i32
// CHECK-NEXT: %{{.*}} = arith.addi
// CHECK-NEXT: %{{.*}} = call @cycle_a
// CHECK-NEXT: %{{.*}} = constant @leaf
// CHECK-NEXT: %{{.*}} = call_indirect
// CHECK-NEXT: %{{.*}} = constant @cycle_a
// CHECK-NEXT: %{{.*}} = call_indirect
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @caller(%arg0 : i32) -> i32 {
  %0 = call @cycle_a(%arg0) : (i32) -> i32
  %1 = call @wrapper(%0) : (i32) -> i32
  %2 = call @same_edge_wrapper(%1) : (i32) -> i32
  return %2 : i32
}

// CHECK-LABEL: func.func @cycle_a
// CHECK: call @cycle_b
func.func @cycle_a(%arg0 : i32) -> i32 {
  %c1 = arith.constant 1 : i32
  %0 = arith.addi %arg0, %c1 : i32
  %1 = call @cycle_b(%0) : (i32) -> i32
  return %1 : i32
}

// CHECK-LABEL: func.func @cycle_b
// CHECK: call @cycle_a
func.func @cycle_b(%arg0 : i32) -> i32 {
  %c2 = arith.constant 2 : i32
  %0 = arith.addi %arg0, %c2 : i32
  %1 = call @cycle_a(%0) : (i32) -> i32
  return %1 : i32
}

func.func @wrapper(%arg0 : i32) -> i32 {
  %fn = constant @leaf : (i32) -> i32
  %0 = call_indirect %fn(%arg0) : (i32) -> i32
  return %0 : i32
}

func.func @same_edge_wrapper(%arg0 : i32) -> i32 {
  %fn = constant @cycle_a : (i32) -> i32
  %0 = call_indirect %fn(%arg0) : (i32) -> i32
  return %0 : i32
}

func.func @leaf(%arg0 : i32) -> i32 {
  %c4 = arith.constant 4 : i32
  %0 = arith.muli %arg0, %c4 : i32
  return %0 : i32
}

// Each call into the cycle is expanded once.
// CHECK-LABEL: func.func @two_calls
// CHECK-NEXT: %{{.*}} = arith.constant 1 : i32
// CHECK-NEXT: %{{.*}} = arith.addi
// CHECK-NEXT: %{{.*}} = arith.constant 2 : i32
// CHECK-NEXT: %{{.*}} = arith.addi
// CHECK-NEXT: %{{.*}} = call @cycle_a
// CHECK-NEXT: %{{.*}} = arith.constant 1 : i32
// CHECK-NEXT: %{{.*}} = arith.addi
// CHECK-NEXT: %{{.*}} = arith.constant 2 : i32
// CHECK-NEXT: %{{.*}} = arith.addi
// CHECK-NEXT: %{{.*}} = call @cycle_a
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @two_calls(%arg0 : i32) -> i32 {
  %0 = call @cycle_a(%arg0) : (i32) -> i32
  %1 = call @cycle_a(%0) : (i32) -> i32
  return %1 : i32
}

// Self-recursive functions are left alone, whoever calls them.
// CHECK-LABEL: func.func @b0
// CHECK-NEXT: call @b0
// CHECK-NEXT: call @b1
// CHECK-NEXT: call @b0
// CHECK-NEXT: call @b1
// CHECK-NEXT: call @b0
// CHECK-NEXT: return
func.func @b0() {
  func.call @b0() : () -> ()
  func.call @b1() : () -> ()
  func.call @b0() : () -> ()
  func.call @b1() : () -> ()
  func.call @b0() : () -> ()
  return
}

// CHECK-LABEL: func.func @b1
// CHECK-NEXT: call @b1
// CHECK-NEXT: call @b1
// CHECK-NEXT: return
func.func @b1() {
  func.call @b1() : () -> ()
  func.call @b1() : () -> ()
  return
}
