// RUN: dialir-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// Bad attributes (integers, dense literals, dense arrays, affine maps) and bad types.

// expected-error@+1 {{integer constant out of range for type 'i8'}}
"test.op"() {a = 300 : i8} : () -> ()

// -----

// expected-error@+1 {{integer constant out of range for type 'ui8'}}
"test.op"() {a = -1 : ui8} : () -> ()

// -----

// expected-error@+1 {{floating point value not valid for specified type}}
"test.op"() {a = 1.5 : i32} : () -> ()

// -----

// expected-error@+1 {{integer literal not valid for specified type 'tensor<2xi32>'}}
"test.op"() {a = 1 : tensor<2xi32>} : () -> ()

// -----

// ---- dense<...> literals ----

// expected-error@+1 {{inferred shape of elements literal ([3]) does not match type ([2])}}
"test.op"() {a = dense<[1, 2, 3]> : tensor<2xi32>} : () -> ()

// -----

// expected-error@+1 {{inferred shape of elements literal ([2, 1]) does not match type ([2])}}
"test.op"() {a = dense<[[1], [2]]> : tensor<2xi32>} : () -> ()

// -----

// expected-error@+1 {{tensor literal is invalid; ranks are not consistent between elements}}
"test.op"() {a = dense<[[1, 2], [3]]> : tensor<2x2xi32>} : () -> ()

// -----

// expected-error@+1 {{tensor literal is invalid; ranks are not consistent between elements}}
"test.op"() {a = dense<[[1, 2], 3]> : tensor<2x2xi32>} : () -> ()

// -----

// expected-error@+1 {{unbalanced '[' in elements literal}}
"test.op"() {a = dense<[1, 2> : tensor<2xi32>} : () -> ()

// -----

// expected-error@+1 {{expected hexadecimal integer in dense hex literal}}
"test.op"() {a = dense<"0xZZ"> : tensor<2xi8>} : () -> ()

// -----

// expected-error@+1 {{elements hex data size is invalid for provided type}}
"test.op"() {a = dense<"0x010203"> : tensor<2xi8>} : () -> ()

// -----

// expected-error@+1 {{integer constant out of range for type 'i8'}}
"test.op"() {a = dense<300> : tensor<2xi8>} : () -> ()

// -----

// expected-error@+1 {{integer constant out of range for type 'i8'}}
"test.op"() {a = dense<[1, -129]> : tensor<2xi8>} : () -> ()

// -----

// expected-error@+1 {{expected integer elements, but parsed floating-point}}
"test.op"() {a = dense<[1, 1.5]> : tensor<2xi32>} : () -> ()

// -----

// expected-error@+1 {{elements literal type must have static shape}}
"test.op"() {a = dense<[1, 2]> : tensor<?xi32>} : () -> ()

// -----

// expected-error@+1 {{elements literal must be a shaped type}}
"test.op"() {a = dense<[1, 2]> : i32} : () -> ()

// -----

// expected-error@+1 {{expected element literal of primitive type}}
"test.op"() {a = dense<foo> : tensor<2xi32>} : () -> ()

// -----

// ---- array<...> (dense arrays) ----

// expected-error@+1 {{integer constant out of range for type 'i8'}}
"test.op"() {a = array<i8: 1, 300>} : () -> ()

// -----

// expected-error@+1 {{expected integer literal}}
"test.op"() {a = array<i32: 1.5>} : () -> ()

// -----

// expected-error@+1 {{invalid element type for dense array: 'tensor<2xi32>'}}
"test.op"() {a = array<tensor<2xi32>: 1>} : () -> ()

// -----

// expected-error@+1 {{unexpected '1', expected one of: ':', '>'}}
"test.op"() {a = array<i32 1>} : () -> ()

// -----

// ---- affine maps and sets ----

// expected-error@+1 {{use of undeclared identifier 'd1'}}
"test.op"() {a = affine_map<(d0) -> (d1)>} : () -> ()

// -----

// expected-error@+1 {{use of undeclared identifier 's1'}}
"test.op"() {a = affine_map<(d0)[s0] -> (d0 + s1)>} : () -> ()

// -----

// expected-error@+1 {{use of undeclared identifier 'd1'}}
"test.op"() {a = affine_set<(d0) : (d1 >= 0)>} : () -> ()

// -----

// expected-error@+1 {{unexpected 'd0', expected '('}}
"test.op"() {a = affine_map<(d0) -> d0>} : () -> ()

// -----

// ---- types ----

// expected-error@+1 {{vector types must have positive constant sizes but got 0, 4}}
"test.op"() : () -> vector<0x[4]xf32>

// -----

// expected-error@+1 {{vector elements must be int/index/float type}}
"test.op"() : () -> vector<4x[4]xtuple<>>

// -----

// expected-error@+1 {{unexpected scalable dimension in tensor type}}
"test.op"() : () -> tensor<4x[4]xf32>

// -----

// expected-error@+1 {{invalid element type for complex}}
"test.op"() : () -> complex<tensor<2xf32>>

// -----

// expected-error@+1 {{invalid memref element type}}
"test.op"() : () -> memref<2xtuple<i32>>

// -----

// expected-error@+1 {{memref layout mismatch between rank and affine map: 2 != 1}}
"test.op"() : () -> memref<4x4xf32, affine_map<(d0) -> (d0)>>

// -----

#map = affine_map<(d0, d1) -> (d1, d0)>
// expected-error@+1 {{memref layout mismatch between rank and affine map: 1 != 2}}
"test.op"() : () -> memref<4xf32, #map>

// -----

// expected-error@+1 {{expected the number of strides to match the rank}}
"test.op"() : () -> memref<2x3xf32, strided<[1]>>

// -----

// expected-error@+1 {{unsupported memory space Attribute}}
"test.op"() : () -> (memref<2xf32, [1]>, i32)

// -----

// expected-error@+1 {{unexpected '-1'}}
"test.op"() : () -> tensor<-1xf32>

// -----

// expected-error@+1 {{vector types must have positive constant sizes but got 0}}
"test.op"() : () -> vector<0xf32>

// -----

// expected-error@+1 {{invalid tensor element type}}
"test.op"() : () -> tensor<2xnone>

// -----

// expected-error@+1 {{integer bitwidth is limited to 16777215 bits}}
"test.op"() : () -> i99999999

// -----

// Sizes beyond int64 (MLIR: "invalid dimension").
// expected-error@+1 {{invalid dimension size 99999999999999999999}}
"test.op"() : () -> tensor<99999999999999999999x3xf32>

// -----

// expected-error@+1 {{invalid dimension size 9223372036854775808}}
"test.op"() : () -> memref<4x9223372036854775808xf32>

// -----

// expected-error@+1 {{invalid dimension size 99999999999999999999}}
"test.op"() : () -> vector<[99999999999999999999]xf32>

// -----

#a = 1
// expected-error@+1 {{an attribute alias cannot be followed by a type}}
"test.op"() {x = #a : i32} : () -> ()

// -----

// expected-error@+1 {{expected i1 type for 'true' or 'false' values}}
"test.op"() {a = array<i32: true>} : () -> ()

// -----

// expected-error@+1 {{redefinition of identifier 'd0'}}
"test.op"() {a = affine_map<(d0, d0) -> (d0)>} : () -> ()

// -----

// expected-error@+1 {{non-affine expression: at least one of the multiply operands has to be either a constant or symbolic}}
"test.op"() {a = affine_map<(d0) -> (d0 * d0)>} : () -> ()

// -----

// expected-error@+1 {{non-affine expression: right operand of floordiv has to be either a constant or symbolic}}
"test.op"() {a = affine_map<(d0, d1) -> (d0 floordiv d1)>} : () -> ()
