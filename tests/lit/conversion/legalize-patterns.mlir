// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=conversion_test_passes --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(test-legalize-patterns)' | filecheck %s

// The legalizer: test.* ops are illegal unless the target marks them legal (test.c,
// test.legal, test.recursive_container) or dynamically legal (test.dynamic with {legal}).

// Ops a pattern creates are legalized right away: test.a -> test.b -> test.c.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME: %[[X:.*]]: i32)
// CHECK-NEXT: %[[C:.*]] = "test.c"(%[[X]]) {tag = 7 : i32} : (i32) -> i32
// CHECK-NEXT: return %[[C]] : i32
func.func @chain(%x: i32) -> i32 {
  %0 = "test.a"(%x) {tag = 7 : i32} : (i32) -> i32
  return %0 : i32
}

// -----

// The higher-benefit pattern for test.pick produces test.dead_end, which nothing
// legalizes: its rewrite is rolled back and the lower-benefit pattern applies.
// CHECK-LABEL: func.func @benefit(
// CHECK-NEXT: %[[P:.*]] = "test.c"(%{{.*}}) {picked = "low"} : (i32) -> i32
// CHECK-NOT: dead_end
// CHECK-NEXT: return %[[P]] : i32
func.func @benefit(%x: i32) -> i32 {
  %0 = "test.pick"(%x) : (i32) -> i32
  return %0 : i32
}

// -----

// Dynamic legality, a pattern that updates the op in place, and one that erases it.
// CHECK-LABEL: func.func @dynamic(
// CHECK-NEXT: %[[D:.*]] = "test.dynamic"(%{{.*}}) {legal} : (i32) -> i32
// CHECK-NEXT: %[[E:.*]] = "test.dynamic"(%[[D]]) {legal} : (i32) -> i32
// CHECK-NEXT: return %[[E]] : i32
func.func @dynamic(%x: i32) -> i32 {
  %0 = "test.dynamic"(%x) : (i32) -> i32
  %1 = "test.dynamic"(%0) {legal} : (i32) -> i32
  "test.erase_me"(%1) : (i32) -> ()
  return %1 : i32
}

// -----

// A recursively legal op hides its regions from the conversion; ops the target does not
// mention may stay in a partial conversion.
// CHECK-LABEL: func.func @recursive(
// CHECK-NEXT: "test.recursive_container"() ({
// CHECK-NEXT: "test.a"() : () -> ()
// CHECK-NEXT: "test.cycle_a"() : () -> ()
// CHECK-NEXT: }) : () -> ()
// CHECK-NEXT: "other.op"() ({
// CHECK-NEXT: "test.c"() : () -> ()
// CHECK-NEXT: }) : () -> ()
func.func @recursive() {
  "test.recursive_container"() ({
    "test.a"() : () -> ()
    "test.cycle_a"() : () -> ()
  }) : () -> ()
  "other.op"() ({
    "test.a"() : () -> ()
  }) : () -> ()
  return
}
