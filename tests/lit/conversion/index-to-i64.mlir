// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=conversion_test_passes --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(test-convert-index-to-i64)' | filecheck %s
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=conversion_test_passes --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(test-convert-index-to-i64{materialize=index-cast})' | filecheck %s --check-prefix=INDEX-CAST
// The converted IR verifies and parses again.
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=conversion_test_passes --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(test-convert-index-to-i64)' | dialir-opt --allow-unregistered-dialect --split-input-file | filecheck %s

// Dialect conversion with a type converter (index -> i64): function signatures and entry
// block arguments, constants, and ops rebuilt with converted operand and result types.

// CHECK-LABEL: func.func @arith(
// CHECK-SAME: %[[A:.*]]: i64, %[[B:.*]]: i64) -> i64
// CHECK-NEXT: %[[C:.*]] = arith.constant 3 : i64
// CHECK-NEXT: %[[ADD:.*]] = arith.addi %[[A]], %[[C]] : i64
// CHECK-NEXT: %[[MUL:.*]] = arith.muli %[[ADD]], %[[B]] : i64
// CHECK-NEXT: %[[CMP:.*]] = arith.cmpi slt, %[[MUL]], %[[A]] : i64
// CHECK-NEXT: %[[SEL:.*]] = arith.select %[[CMP]], %[[MUL]], %[[A]] : i64
// CHECK-NEXT: return %[[SEL]] : i64
// CHECK-NOT: unrealized_conversion_cast
func.func @arith(%a: index, %b: index) -> index {
  %c = arith.constant 3 : index
  %0 = arith.addi %a, %c : index
  %1 = arith.muli %0, %b : index
  %2 = arith.cmpi slt, %1, %a : index
  %3 = arith.select %2, %1, %a : index
  return %3 : index
}

// -----

// Calls and multiple results; index_cast becomes trunci / extsi; types that are already
// legal (i32, f32) stay.
// CHECK-LABEL: func.func @callee(
// CHECK-SAME: %{{.*}}: i64, %{{.*}}: f32) -> (i64, f32)
func.func @callee(%x: index, %f: f32) -> (index, f32) {
  return %x, %f : index, f32
}
// CHECK-LABEL: func.func @calls(
// CHECK-SAME: %[[X:.*]]: i64, %[[F:.*]]: f32) -> (i64, i32)
// CHECK-NEXT: %[[R:.*]]:2 = call @callee(%[[X]], %[[F]]) : (i64, f32) -> (i64, f32)
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[R]]#0 : i64 to i32
// CHECK-NEXT: %[[W:.*]] = arith.extsi %[[T]] : i32 to i64
// CHECK-NEXT: return %[[W]], %[[T]] : i64, i32
func.func @calls(%x: index, %f: f32) -> (index, i32) {
  %r:2 = call @callee(%x, %f) : (index, f32) -> (index, f32)
  %t = arith.index_cast %r#0 : index to i32
  %w = arith.index_cast %t : i32 to index
  return %w, %t : index, i32
}

// -----

// Every block of the body converts; branches pass converted values.
// CHECK-LABEL: func.func @blocks(
// CHECK-SAME: %[[COND:.*]]: i1, %[[X:.*]]: i64) -> i64
// CHECK-NEXT: cf.cond_br %[[COND]], ^bb1(%[[X]] : i64), ^bb2(%[[X]] : i64)
// CHECK-NEXT: ^bb1(%[[Y:.*]]: i64):
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %[[Y]], %[[Y]] : i64
// CHECK-NEXT: cf.br ^bb2(%[[SUM]] : i64)
// CHECK-NEXT: ^bb2(%[[Z:.*]]: i64):
// CHECK-NEXT: return %[[Z]] : i64
func.func @blocks(%c: i1, %x: index) -> index {
  cf.cond_br %c, ^bb1(%x : index), ^bb2(%x : index)
^bb1(%y: index):
  %s = arith.addi %y, %y : index
  cf.br ^bb2(%s : index)
^bb2(%z: index):
  return %z : index
}

// -----

// An op that nothing converts stays (partial conversion), reached through casts: a source
// materialization to give it index, a target materialization to take its result back to i64.
// With materialize=index-cast the type converter builds arith.index_cast instead.
// CHECK-LABEL: func.func @unknown(
// CHECK-SAME: %[[X:.*]]: i64) -> i64
// CHECK-NEXT: %[[ADD:.*]] = arith.addi %[[X]], %[[X]] : i64
// CHECK-NEXT: %[[IN:.*]] = builtin.unrealized_conversion_cast %[[ADD]] : i64 to index
// CHECK-NEXT: %[[OPQ:.*]] = "test.opaque"(%[[IN]]) : (index) -> index
// CHECK-NEXT: %[[OUT:.*]] = builtin.unrealized_conversion_cast %[[OPQ]] : index to i64
// CHECK-NEXT: %[[MUL:.*]] = arith.muli %[[OUT]], %[[OUT]] : i64
// CHECK-NEXT: return %[[MUL]] : i64
// INDEX-CAST-LABEL: func.func @unknown(
// INDEX-CAST: %[[ADD:.*]] = arith.addi
// INDEX-CAST-NEXT: %[[IN:.*]] = arith.index_cast %[[ADD]] : i64 to index
// INDEX-CAST-NEXT: %[[OPQ:.*]] = "test.opaque"(%[[IN]]) : (index) -> index
// INDEX-CAST-NEXT: %[[OUT:.*]] = arith.index_cast %[[OPQ]] : index to i64
// INDEX-CAST-NEXT: arith.muli %[[OUT]], %[[OUT]] : i64
// INDEX-CAST-NOT: unrealized_conversion_cast
func.func @unknown(%x: index) -> index {
  %0 = arith.addi %x, %x : index
  %1 = "test.opaque"(%0) : (index) -> index
  %2 = arith.muli %1, %1 : index
  return %2 : index
}

// -----

// A cast from the input that feeds the conversion's own casts folds away with them (MLIR's
// reconcile); one that does not stays.
// CHECK-LABEL: func.func @input_casts(
// CHECK-SAME: %[[X:.*]]: i64) -> i64
// CHECK-NEXT: %[[D:.*]] = builtin.unrealized_conversion_cast %[[X]] : i64 to i32
// CHECK-NEXT: "test.sink"(%[[D]]) : (i32) -> ()
// CHECK-NEXT: %[[ADD:.*]] = arith.addi %[[X]], %[[X]] : i64
// CHECK-NEXT: return %[[ADD]] : i64
// INDEX-CAST-LABEL: func.func @input_casts(
func.func @input_casts(%x: i64) -> index {
  %c = "builtin.unrealized_conversion_cast"(%x) : (i64) -> index
  %d = "builtin.unrealized_conversion_cast"(%x) : (i64) -> i32
  "test.sink"(%d) : (i32) -> ()
  %0 = arith.addi %c, %c : index
  return %0 : index
}

// -----

// A declaration converts too (it has no body).
// CHECK-LABEL: func.func private @decl(i64, i32) -> i64
func.func private @decl(index, i32) -> index
