// RUN: dialir-opt %s --split-input-file --reconcile-unrealized-casts | filecheck %s

// A chain of casts that leads back to its own type folds away; unused casts go; a cast that
// still bridges two type systems stays.

// CHECK-LABEL: func.func @roundtrip(
// CHECK-SAME: %[[X:.*]]: i64
func.func @roundtrip(%x: i64) -> i64 {
  // CHECK-NOT: unrealized_conversion_cast
  %0 = builtin.unrealized_conversion_cast %x : i64 to index
  %1 = builtin.unrealized_conversion_cast %0 : index to i64
  %2 = builtin.unrealized_conversion_cast %1 : i64 to i32
  // CHECK: return %[[X]] : i64
  return %1 : i64
}

// CHECK-LABEL: func.func @bridge(
func.func @bridge(%x: i64) -> index {
  // CHECK: %[[C:.*]] = builtin.unrealized_conversion_cast %{{.*}} : i64 to index
  // CHECK: return %[[C]] : index
  %0 = builtin.unrealized_conversion_cast %x : i64 to index
  return %0 : index
}

// CHECK-LABEL: func.func @one_to_n(
func.func @one_to_n(%a: i64, %b: i64) -> (i64, i64) {
  // CHECK-NOT: unrealized_conversion_cast
  // CHECK: return %{{.*}}, %{{.*}} : i64, i64
  %0 = builtin.unrealized_conversion_cast %a, %b : i64, i64 to tuple<i64, i64>
  %1:2 = builtin.unrealized_conversion_cast %0 : tuple<i64, i64> to i64, i64
  return %1#0, %1#1 : i64, i64
}
