// RUN: dialir-opt %s --irdl-file=%S/Inputs/variadics.irdl.mlir --split-input-file --verify-diagnostics | filecheck %s

// Operand and result counts of IRDL-defined ops (Inputs/variadics.irdl.mlir): one
// non-single group takes what the others leave; two need a segment-sizes attribute.

// CHECK-LABEL: func.func @counts
func.func @counts(%a: i16, %b: i32, %c: i64) {
  // CHECK: "testvar.single_operand"(%{{.*}}) : (i32) -> ()
  "testvar.single_operand"(%b) : (i32) -> ()
  // CHECK: "testvar.var_operand"(%{{.*}}, %{{.*}}) : (i16, i64) -> ()
  "testvar.var_operand"(%a, %c) : (i16, i64) -> ()
  // CHECK: "testvar.var_operand"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (i16, i32, i32, i64) -> ()
  "testvar.var_operand"(%a, %b, %b, %c) : (i16, i32, i32, i64) -> ()
  // CHECK: "testvar.opt_operand"(%{{.*}}, %{{.*}}, %{{.*}}) : (i16, i32, i64) -> ()
  "testvar.opt_operand"(%a, %b, %c) : (i16, i32, i64) -> ()
  // CHECK: "testvar.var_and_opt_operand"(%{{.*}}, %{{.*}}, %{{.*}}) {operandSegmentSizes = array<i32: 2, 0, 1>}
  "testvar.var_and_opt_operand"(%a, %a, %c) {operandSegmentSizes = array<i32: 2, 0, 1>} : (i16, i16, i64) -> ()
  // CHECK: "testvar.var_result"() : () -> (i16, i32, i32, i64)
  %r:4 = "testvar.var_result"() : () -> (i16, i32, i32, i64)
  // CHECK: "testvar.opt_result"() : () -> (i16, i64)
  %o:2 = "testvar.opt_result"() : () -> (i16, i64)
  // CHECK: "testvar.var_and_opt_result"() {resultSegmentSizes = array<i32: 0, 1, 1>} : () -> (i32, i64)
  %m:2 = "testvar.var_and_opt_result"() {resultSegmentSizes = array<i32: 0, 1, 1>} : () -> (i32, i64)
  return
}

// -----

func.func @too_many(%b: i32) {
  // expected-error@+1 {{op expects exactly 1 operands, but got 2}}
  "testvar.single_operand"(%b, %b) : (i32, i32) -> ()
  return
}

// -----

func.func @variadic_wrong_type(%a: i16, %b: i32, %c: i64) {
  // expected-error@+1 {{expected 'i32' but got 'i64'}}
  "testvar.var_operand"(%a, %b, %c, %c) : (i16, i32, i64, i64) -> ()
  return
}

// -----

func.func @variadic_too_few(%a: i16) {
  // expected-error@+1 {{op expects at least 2 operands, but got 1}}
  "testvar.var_operand"(%a) : (i16) -> ()
  return
}

// -----

func.func @optional_too_many(%a: i16, %b: i32, %c: i64) {
  // expected-error@+1 {{op expects at most 3 operands, but got 4}}
  "testvar.opt_operand"(%a, %b, %b, %c) : (i16, i32, i32, i64) -> ()
  return
}

// -----

func.func @segments_not_an_array(%a: i16, %c: i64) {
  // expected-error@+1 {{'operandSegmentSizes' attribute is expected to be a dense i32 array}}
  "testvar.var_and_opt_operand"(%a, %c) {operandSegmentSizes = i32} : (i16, i64) -> ()
  return
}

// -----

func.func @segments_single_is_one() {
  // expected-error@+1 {{element 2 in 'operandSegmentSizes' attribute must be equal to 1}}
  "testvar.var_and_opt_operand"() {operandSegmentSizes = array<i32: 0, 0, 0>} : () -> ()
  return
}

// -----

func.func @result_too_few() {
  // expected-error@+1 {{op expects at least 2 results, but got 1}}
  "testvar.opt_result"() : () -> (i16)
  return
}

// -----

func.func @result_segments_missing() {
  // expected-error@+1 {{'resultSegmentSizes' attribute is expected but not provided}}
  %m:3 = "testvar.var_and_opt_result"() : () -> (i16, i16, i64)
  return
}

// -----

func.func @result_segments_sum() {
  // expected-error@+1 {{sum of elements in 'resultSegmentSizes' attribute must be equal to the number of results}}
  %m:2 = "testvar.var_and_opt_result"() {resultSegmentSizes = array<i32: 0, 0, 1>} : () -> (i32, i64)
  return
}

// -----

func.func @result_wrong_type() {
  // expected-error@+1 {{expected 'i32' but got 'i64'}}
  %r:3 = "testvar.var_result"() : () -> (i16, i64, i64)
  return
}
