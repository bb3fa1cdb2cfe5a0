// RUN: dialir-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// Operand type constraint.
"test.func"() ({
^bb0(%f: f32):
  // expected-error@+1 {{'arith.addi' op operand #0 must be signless-integer-like, but got 'f32'}}
  %0 = arith.addi %f, %f : f32
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%a: i32):
  // expected-error@+1 {{'arith.addf' op operand #0 must be floating-point-like, but got 'i32'}}
  %0 = arith.addf %a, %a : i32
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Same operand and result types.
"test.func"() ({
^bb0(%a: i32, %b: i64):
  // expected-error@+1 {{'arith.subi' op requires the same type for all operands and results}}
  %0 = "arith.subi"(%a, %b) : (i32, i64) -> i32
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Result type constraint.
"test.func"() ({
^bb0(%a: i32):
  // expected-error@+1 {{'arith.cmpi' op result #0 must be bool-like, but got 'i32'}}
  %0 = "arith.cmpi"(%a, %a) {predicate = 0} : (i32, i32) -> i32
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Missing inherent attribute.
"test.func"() ({
^bb0(%a: i32):
  // expected-error@+1 {{'arith.cmpi' op requires attribute 'predicate'}}
  %0 = "arith.cmpi"(%a, %a) {foo = 1} : (i32, i32) -> i1
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Enum attribute out of range (generic form).
"test.func"() ({
^bb0(%a: i32):
  // expected-error@+1 {{'arith.cmpi' op attribute 'predicate' failed to satisfy constraint: allowed 64-bit signless integer cases: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9}}
  %0 = "arith.cmpi"(%a, %a) {predicate = 42} : (i32, i32) -> i1
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%f: f32):
  // expected-error@+1 {{'arith.cmpf' op attribute 'predicate' failed to satisfy constraint: allowed 64-bit signless integer cases: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}}
  %0 = "arith.cmpf"(%f, %f) {predicate = 16} : (f32, f32) -> i1
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Unknown enum case (custom form).
"test.func"() ({
^bb0(%f: f32):
  // expected-error@+1 {{custom op 'arith.cmpf' expected string or keyword containing one of the following enum values for attribute 'predicate' [false, oeq, ogt, oge, olt, ole, one, ord, ueq, ugt, uge, ult, ule, une, uno, true]}}
  %0 = arith.cmpf sge, %f, %f : f32
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Flags attribute of the wrong kind.
"test.func"() ({
^bb0(%a: i32):
  // expected-error@+1 {{'arith.addi' op attribute 'overflowFlags' failed to satisfy constraint: Integer overflow arith flags}}
  %0 = "arith.addi"(%a, %a) <{overflowFlags = #arith.fastmath<fast>}> : (i32, i32) -> i32
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%f: f32):
  // expected-error@+1 {{unknown flag 'nsw' in #arith.fastmath}}
  %0 = arith.addf %f, %f fastmath<nsw> : f32
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Comparison result shape.
"test.func"() ({
^bb0(%v: vector<4xi32>):
  // expected-error@+1 {{'arith.cmpi' op failed to verify that result type has i1 element type and same shape as operands}}
  %0 = "arith.cmpi"(%v, %v) {predicate = 0} : (vector<4xi32>, vector<4xi32>) -> vector<3xi1>
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Comparison operand types.
"test.func"() ({
^bb0(%a: f32, %b: f64):
  // expected-error@+1 {{'arith.cmpf' op requires all operands to have the same type}}
  %0 = "arith.cmpf"(%a, %b) {predicate = 0} : (f32, f64) -> i1
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Constant value and result type.
// expected-error@+1 {{'arith.constant' op failed to verify that all of {value, result} have same type}}
%0 = "arith.constant"() {value = 100} : () -> i1

// -----

// expected-error@+1 {{'arith.constant' op failed to verify that all of {value, result} have same type}}
%0 = "arith.constant"() {value = "xyz"} : () -> i32

// -----

// expected-error@+1 {{'arith.constant' op integer return type must be signless}}
%0 = arith.constant 0 : ui32

// -----

// Width-changing casts.
"test.func"() ({
^bb0(%a: i32):
  // expected-error@+1 {{'arith.extsi' op result type 'i8' must be wider than operand type 'i32'}}
  %0 = arith.extsi %a : i32 to i8
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%a: i16):
  // expected-error@+1 {{'arith.extui' op result type 'i16' must be wider than operand type 'i16'}}
  %0 = arith.extui %a : i16 to i16
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%a: i16):
  // expected-error@+1 {{'arith.trunci' op result type 'i17' must be shorter than operand type 'i16'}}
  %0 = arith.trunci %a : i16 to i17
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%f: f32):
  // expected-error@+1 {{'arith.extf' op result type 'f16' must be wider than operand type 'f32'}}
  %0 = arith.extf %f : f32 to f16
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%f: f16):
  // expected-error@+1 {{'arith.truncf' op result type 'f32' must be shorter than operand type 'f16'}}
  %0 = arith.truncf %f : f16 to f32
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Cast operand and result kinds.
"test.func"() ({
^bb0(%i: index):
  // expected-error@+1 {{'arith.extsi' op operand #0 must be signless-fixed-width-integer-like, but got 'index'}}
  %0 = arith.extsi %i : index to i128
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%a: i32):
  // expected-error@+1 {{'arith.sitofp' op result #0 must be floating-point-like, but got 'i64'}}
  %0 = arith.sitofp %a : i32 to i64
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%i: index):
  // expected-error@+1 {{'arith.index_cast' op operand type 'index' and result type 'index' are cast incompatible}}
  %0 = arith.index_cast %i : index to index
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%h: f16):
  // expected-error@+1 {{'arith.bitcast' op operand type 'f16' and result type 'f32' are cast incompatible}}
  %0 = arith.bitcast %h : f16 to f32
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%i: index):
  // expected-error@+1 {{'arith.bitcast' op operand #0 must be signless-integer-or-float-like or memref of signless-integer or float, but got 'index'}}
  %0 = arith.bitcast %i : index to i64
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Cast shapes.
"test.func"() ({
^bb0(%v: vector<2xf16>):
  // expected-error@+1 {{'arith.extf' op requires the same shape for all operands and results}}
  %0 = arith.extf %v : vector<2xf16> to vector<3xf32>
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%t: tensor<4xi32>):
  // expected-error@+1 {{'arith.extsi' op failed to verify that input and output have the same tensor dimensions}}
  %0 = arith.extsi %t : tensor<4xi32> to tensor<?xi64>
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Select.
"test.func"() ({
^bb0(%c: i1, %a: i32, %b: i64):
  // expected-error@+1 {{'arith.select' op failed to verify that all of {true_value, false_value, result} have same type}}
  %0 = "arith.select"(%c, %a, %b) : (i1, i32, i64) -> i32
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%c: tensor<i1>, %a: tensor<2xi64>):
  // expected-error@+1 {{'arith.select' op failed to verify that condition is signless i1 or has matching shape}}
  %0 = arith.select %c, %a, %a : tensor<i1>, tensor<2xi64>
  "test.return"() : () -> ()
}) : () -> ()

// -----

"test.func"() ({
^bb0(%c: tensor<8xi1, "bar">, %a: tensor<8xi32, "foo">):
  // expected-error@+1 {{'arith.select' op expected condition type to have the same shape as the result type, expected 'tensor<8xi1, "foo">', but got 'tensor<8xi1, "bar">'}}
  %0 = arith.select %c, %a, %a : tensor<8xi1, "bar">, tensor<8xi32, "foo">
  "test.return"() : () -> ()
}) : () -> ()

// -----

// Custom syntax.
"test.func"() ({
^bb0(%f: f32):
  // expected-error@+1 {{'arith.addf' expects 2 operands, but 3 were given}}
  %0 = arith.addf %f, %f, %f : f32
  "test.return"() : () -> ()
}) : () -> ()
