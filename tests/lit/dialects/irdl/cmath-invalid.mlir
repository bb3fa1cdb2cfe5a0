// RUN: dialir-opt %s --irdl-file=%S/Inputs/cmath.irdl.mlir --allow-unregistered-dialect --split-input-file --verify-diagnostics

// Ops, types and attributes of the IRDL-defined cmath dialect that break their constraints.

func.func @bad_element_type() {
  // expected-error@+1 {{'i32' does not satisfy the constraint}}
  "test.op"() : () -> !cmath.complex<i32>
  return
}

// -----

func.func @too_many_parameters() {
  // expected-error@+1 {{expected 1 type arguments, but had 2}}
  "test.op"() : () -> !cmath.complex<f32, f32>
  return
}

// -----

// A constraint variable is one type for the whole op: norm(complex<f32>) is f32.
func.func @shared_variable(%a: !cmath.complex<f32>) {
  // expected-error@+1 {{expected 'f32' but got 'f64'}}
  %n = "cmath.norm"(%a) : (!cmath.complex<f32>) -> f64
  return
}

// -----

func.func @shared_variable_operands(%a: !cmath.complex<f32>, %b: !cmath.complex<f64>) {
  // expected-error@+1 {{expected '!cmath.complex<f32>' but got '!cmath.complex<f64>'}}
  %m = "cmath.mul"(%a, %b) : (!cmath.complex<f32>, !cmath.complex<f64>) -> !cmath.complex<f32>
  return
}

// -----

func.func @not_parametric(%a: f32) {
  // expected-error@+1 {{expected base type 'cmath.complex' but got 'f32'}}
  %n = "cmath.norm"(%a) : (f32) -> f32
  return
}

// -----

func.func @operand_count(%a: !cmath.complex<f32>) {
  // expected-error@+1 {{op expects exactly 1 operands, but got 2}}
  %n = "cmath.norm"(%a, %a) : (!cmath.complex<f32>, !cmath.complex<f32>) -> f32
  return
}

// -----

func.func @result_count(%a: !cmath.complex<f32>) {
  // expected-error@+1 {{op expects exactly 1 results, but got 0}}
  "cmath.norm"(%a) : (!cmath.complex<f32>) -> ()
  return
}

// -----

func.func @variadic_mixed(%a: !cmath.complex<f32>, %b: !cmath.complex<f64>) {
  // expected-error@+1 {{expected '!cmath.complex<f32>' but got '!cmath.complex<f64>'}}
  %s = "cmath.sum"(%a, %b) : (!cmath.complex<f32>, !cmath.complex<f64>) -> !cmath.complex<f32>
  return
}

// -----

func.func @missing_segments(%a: !cmath.complex<f32>) {
  // expected-error@+1 {{'operandSegmentSizes' attribute is expected but not provided}}
  %f = "cmath.fma"(%a, %a) : (!cmath.complex<f32>, !cmath.complex<f32>) -> !cmath.complex<f32>
  return
}

// -----

func.func @optional_twice(%a: !cmath.complex<f32>) {
  // expected-error@+1 {{element 2 in 'operandSegmentSizes' attribute must be equal to 0 or 1}}
  %f = "cmath.fma"(%a, %a, %a, %a) {operandSegmentSizes = array<i32: 1, 1, 2, 0>} : (!cmath.complex<f32>, !cmath.complex<f32>, !cmath.complex<f32>, !cmath.complex<f32>) -> !cmath.complex<f32>
  return
}

// -----

func.func @segment_sum(%a: !cmath.complex<f32>) {
  // expected-error@+1 {{sum of elements in 'operandSegmentSizes' attribute must be equal to the number of operands}}
  %f = "cmath.fma"(%a, %a, %a) {operandSegmentSizes = array<i32: 1, 1, 0, 2>} : (!cmath.complex<f32>, !cmath.complex<f32>, !cmath.complex<f32>) -> !cmath.complex<f32>
  return
}

// -----

func.func @missing_attribute() {
  // expected-error@+1 {{'cmath.constant' op attribute "im" is expected but not provided}}
  %k = "cmath.constant"() {re = 1.0 : f32} : () -> !cmath.complex<f32>
  return
}

// -----

func.func @wrong_attribute_base() {
  // expected-error@+1 {{expected base attribute 'builtin.float' but got 'builtin.integer'}}
  %k = "cmath.constant"() {re = 1 : i32, im = 0.5 : f32} : () -> !cmath.complex<f32>
  return
}

// -----

func.func @bad_attribute_parameter() {
  // expected-error@+1 {{'"sideways"' does not satisfy the constraint}}
  "test.op"() {mode = #cmath.rounding<"sideways">} : () -> ()
  return
}

// -----

func.func @region_count(%a: !cmath.complex<f32>) {
  // expected-error@+1 {{'cmath.map' op unexpected number of regions: expected 1 but got 0}}
  %x = "cmath.map"(%a) : (!cmath.complex<f32>) -> !cmath.complex<f32>
  return
}

// -----

func.func @region_arguments(%a: !cmath.complex<f32>) {
  // expected-error@+1 {{expected region 0 to have 1 arguments but got 0}}
  %x = "cmath.map"(%a) ({
    "test.yield"() : () -> ()
  }) : (!cmath.complex<f32>) -> !cmath.complex<f32>
  return
}

// -----

// The region's argument shares the variable of the operand's element type.
func.func @region_argument_type(%a: !cmath.complex<f32>) {
  // expected-note@+1 {{see the operation}}
  %x = "cmath.map"(%a) ({
  // expected-error@+1 {{expected 'f32' but got 'f64'}}
  ^bb0(%e: f64):
    "test.yield"(%e) : (f64) -> ()
  }) : (!cmath.complex<f32>) -> !cmath.complex<f32>
  return
}

// -----

func.func @region_blocks(%a: !cmath.complex<f32>) {
  // expected-error@+1 {{expected region 0 to have 1 block(s) but got 2}}
  %x = "cmath.map"(%a) ({
  ^bb0(%e: f32):
    "test.br"()[^bb1] : () -> ()
  ^bb1:
    "test.yield"() : () -> ()
  }) : (!cmath.complex<f32>) -> !cmath.complex<f32>
  return
}

// -----

func.func @unknown_op() {
  // expected-error@+1 {{unregistered operation 'cmath.nope' found in dialect ('cmath') that does not allow unknown operations}}
  "cmath.nope"() : () -> ()
  return
}
