// One --verify-diagnostics case per constraint kind of declarative op definitions: type
// constraints, operand/result counts and segments, attribute constraints, enum cases in
// custom syntax, regions, successors, traits and a custom verifier. The ops come from the
// test dialect in Inputs/constraint_dialect.py.
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt %s --load-dialect-plugin=constraint_dialect --split-input-file --verify-diagnostics --allow-unregistered-dialect

%v = "test.source"() : () -> f32
// expected-error@+1 {{'cons.integer' op operand #0 must be integer, but got 'f32'}}
"cons.integer"(%v) : (f32) -> ()

// -----

%v = "test.source"() : () -> si32
// expected-error@+1 {{'cons.signless' op operand #0 must be signless integer, but got 'si32'}}
"cons.signless"(%v) : (si32) -> ()

// -----

%v = "test.source"() : () -> i32
// expected-error@+1 {{'cons.float' op operand #0 must be floating-point, but got 'i32'}}
"cons.float"(%v) : (i32) -> ()

// -----

%v = "test.source"() : () -> i64
// expected-error@+1 {{'cons.index' op operand #0 must be index, but got 'i64'}}
"cons.index"(%v) : (i64) -> ()

// -----

%v = "test.source"() : () -> i64
// expected-error@+1 {{'cons.i32' op operand #0 must be 32-bit signless integer, but got 'i64'}}
"cons.i32"(%v) : (i64) -> ()

// -----

%v = "test.source"() : () -> vector<4xf32>
// expected-error@+1 {{'cons.intlike' op operand #0 must be signless-integer-like, but got 'vector<4xf32>'}}
"cons.intlike"(%v) : (vector<4xf32>) -> ()

// -----

%v = "test.source"() : () -> tensor<2xi32>
// expected-error@+1 {{'cons.floatlike' op operand #0 must be floating-point-like, but got 'tensor<2xi32>'}}
"cons.floatlike"(%v) : (tensor<2xi32>) -> ()

// -----

%v = "test.source"() : () -> i8
// expected-error@+1 {{'cons.boollike' op operand #0 must be bool-like, but got 'i8'}}
"cons.boollike"(%v) : (i8) -> ()

// -----

%v = "test.source"() : () -> memref<2xf32>
// expected-error@+1 {{'cons.tensor' op operand #0 must be tensor of any type values, but got 'memref<2xf32>'}}
"cons.tensor"(%v) : (memref<2xf32>) -> ()

// -----

%v = "test.source"() : () -> tensor<2xf16>
// expected-error@+1 {{'cons.tensor_f32' op operand #0 must be tensor of f32 float values, but got 'tensor<2xf16>'}}
"cons.tensor_f32"(%v) : (tensor<2xf16>) -> ()

// -----

%v = "test.source"() : () -> tensor<2xf32>
// expected-error@+1 {{'cons.memref' op operand #0 must be memref of any type values, but got 'tensor<2xf32>'}}
"cons.memref"(%v) : (tensor<2xf32>) -> ()

// -----

%v = "test.source"() : () -> memref<2xf32>
// expected-error@+1 {{'cons.memref_int' op operand #0 must be memref of integer values, but got 'memref<2xf32>'}}
"cons.memref_int"(%v) : (memref<2xf32>) -> ()

// -----

%v = "test.source"() : () -> vector<4xi32>
// expected-error@+1 {{'cons.vector_f32' op operand #0 must be vector of f32 float values, but got 'vector<4xi32>'}}
"cons.vector_f32"(%v) : (vector<4xi32>) -> ()

// -----

%v = "test.source"() : () -> index
// expected-error@+1 {{'cons.int_or_float' op operand #0 must be integer or floating-point, but got 'index'}}
"cons.int_or_float"(%v) : (index) -> ()

// -----

%a, %b = "test.source"() : () -> (i32, i64)
// expected-error@+1 {{'cons.same_as' op operand #1 ('rhs') must have the same type as 'lhs' ('i32'), but got 'i64'}}
"cons.same_as"(%a, %b) : (i32, i64) -> ()

// -----

// expected-error@+1 {{'cons.integer' op expected 1 operands, but found 0}}
"cons.integer"() : () -> ()

// -----

%a = "test.source"() : () -> i32
// expected-error@+1 {{'cons.counts' op requires attribute 'operandSegmentSizes' with 3 elements}}
"cons.counts"(%a) : (i32) -> ()

// -----

%a = "test.source"() : () -> i32
// expected-error@+1 {{'cons.counts' op operand group 'b' has 2 values}}
"cons.counts"(%a, %a, %a) <{operandSegmentSizes = array<i32: 1, 2, 0>}> : (i32, i32, i32) -> ()

// -----

// expected-error@+1 {{'cons.result' op result #0 must be floating-point, but got 'i32'}}
%r = "cons.result"() : () -> i32

// -----

// expected-error@+1 {{'cons.result' op expected 1 results, but found 2}}
%r:2 = "cons.result"() : () -> (f32, f32)

// -----

// expected-error@+1 {{'cons.attrs' op requires attribute 'count'}}
"cons.attrs"() : () -> ()

// -----

// expected-error@+1 {{'cons.attrs' op attribute 'count' failed to satisfy constraint: 64-bit signless integer attribute}}
"cons.attrs"() <{count = "three"}> : () -> ()

// -----

// expected-error@+1 {{'cons.attrs' op attribute 'label' failed to satisfy constraint: string attribute}}
"cons.attrs"() <{count = 3, label = 4}> : () -> ()

// -----

// expected-error@+1 {{'cons.attrs' op attribute 'kind' failed to satisfy constraint: comparison predicate}}
"cons.attrs"() <{count = 3, kind = 7}> : () -> ()

// -----

// expected-error@+1 {{'cons.attrs' op attribute 'ty' failed to satisfy constraint: any type attribute}}
"cons.attrs"() <{count = 3, ty = 1}> : () -> ()

// -----

// expected-error@+1 {{'cons.attrs' op attribute 'callee' failed to satisfy constraint: flat symbol reference attribute}}
"cons.attrs"() <{count = 3, callee = @a::@b}> : () -> ()

// -----

// expected-error@+1 {{'cons.attrs' op attribute 'dims' failed to satisfy constraint: i64 dense array attribute}}
"cons.attrs"() <{count = 3, dims = array<i32: 1>}> : () -> ()

// -----

// expected-error@+1 {{'cons.attrs' op attribute 'flag' failed to satisfy constraint: unit attribute}}
"cons.attrs"() <{count = 3, flag = 1}> : () -> ()

// -----

%x = "test.source"() : () -> i32
// expected-error@+1 {{custom op 'cons.enum_format' expected string or keyword containing one of the following enum values for attribute 'kind' [eq, ne, lt]}}
cons.enum_format gt, %x : i32

// -----

// expected-error@+1 {{'cons.region' op requires 1 region}}
"cons.region"() : () -> ()

// -----

// expected-error@+1 {{'cons.region' op region 'body' must have at most one block}}
"cons.region"() ({
^bb0:
  "test.br"()[^bb1] : () -> ()
^bb1:
  "test.end"() : () -> ()
}) : () -> ()

// -----

"test.wrap"() ({
  // expected-error@+1 {{'cons.branch' op requires 1 successor but found 0}}
  "cons.branch"() : () -> ()
}) : () -> ()

// -----

%a, %b = "test.source"() : () -> (i32, i32)
// expected-error@+1 {{'cons.same_all' op requires the same type for all operands and results}}
%r = "cons.same_all"(%a, %b) : (i32, i32) -> i64

// -----

%a, %b = "test.source"() : () -> (i32, f32)
// expected-error@+1 {{'cons.same_operands' op requires all operands to have the same type}}
"cons.same_operands"(%a, %b) : (i32, f32) -> ()

// -----

// expected-error@+1 {{'cons.in_region' op expects parent op 'cons.region'}}
"cons.in_region"() : () -> ()

// -----

"test.wrap"() ({
  // expected-error@+1 {{'cons.branch' op must be the last operation in the parent block}}
  "cons.branch"()[^bb1] : () -> ()
  "test.after"() : () -> ()
^bb1:
  "test.end"() : () -> ()
}) : () -> ()

// -----

// expected-error@+1 {{'cons.positive' op count must be positive, got -2}}
"cons.positive"() <{count = -2}> : () -> ()
