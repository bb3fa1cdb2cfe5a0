// RUN: dialir-opt %s --split-input-file --verify-diagnostics

// Unknown ops of a known dialect name the nearest op of that dialect; an op of a dialect that
// is not loaded says how to load one.

func.func @f() {
  // expected-error@+1 {{custom op 'arith.addx' is unknown (did you mean 'arith.addf'?)}}
  arith.addx
}

// -----

func.func @f(%a: i32) {
  // expected-error@+1 {{custom op 'arith.adi' is unknown (did you mean 'arith.addi'?)}}
  %0 = arith.adi %a, %a : i32
}

// -----

// expected-error@+1 {{unregistered operation 'arith.adi' found in dialect ('arith') that does not allow unknown operations (did you mean 'arith.addi'?)}}
"arith.adi"() : () -> ()

// -----

func.func @f() {
  // expected-error@+1 {{custom op 'foo.bar' is unknown (no dialect 'foo' is loaded: --load-dialect-plugin=MODULE loads a Python dialect, --allow-unregistered-dialect accepts its ops in generic form)}}
  foo.bar
}

// -----

// expected-error@+1 {{operation being parsed with an unregistered dialect ('foo.x'). If this is intended, please use -allow-unregistered-dialect with the MLIR tool used (or --load-dialect-plugin=MODULE for a dialect written in Python)}}
"foo.x"() : () -> ()

// -----

// Grammar names never reach a message: an op cut short says what MLIR would expect.
func.func @f() {
  // expected-error@+1 {{unexpected ': i32', expected SSA operand}}
  %0 = arith.addi : i32
}

// -----

func.func @f(%a: i32) {
  // expected-error@+1 {{custom op 'arith.cmpi' expected string or keyword containing one of the following enum values for attribute 'predicate' [eq, ne, slt, sle, sgt, sge, ult, ule, ugt, uge]}}
  %0 = arith.cmpi slx, %a, %a : i32
}

// -----

func.func @f(%a: i32) {
  // The op prefix MLIR uses.
  // expected-error@+1 {{'func.return' op has 1 operands, but enclosing function (@f) returns 0}}
  func.return %a : i32
}
