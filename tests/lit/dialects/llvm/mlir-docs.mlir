// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --mlir-print-op-generic | dialir-opt --split-input-file --allow-unregistered-dialect | filecheck %s

// Acceptance tests for the `llvm` dialect: the examples of MLIR's own documentation
// (https://mlir.llvm.org/docs/Dialects/LLVM/), each made a self-contained, verifiable module.
// Example lines are copied as written where MLIR still reads them; where the page shows
// an older syntax (typed pointers, attribute dictionaries for properties) the chunk says
// how it was adapted. The checks hold what `mlir-opt` prints (SSA names captured, since
// mlir-opt renames them).

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#phi-nodes-and-block-arguments
// (the two example blocks, made one function entered through a branch)
llvm.func @phi(%arg0: i32, %cst: i32, %cond: i1) {
  llvm.br ^bb1
^bb1:
  %0 = llvm.add %arg0, %cst : i32
  %1 = llvm.sub %arg0, %cst : i32
  llvm.cond_br %cond, ^bb2(%0 : i32), ^bb2(%1 : i32)
// If the control flow comes from ^bb1, %arg1 == %0.
^bb2(%arg1: i32):
  llvm.return
}

// CHECK: llvm.func @phi(%[[V0:[A-Za-z0-9_]+]]: i32, %[[V1:[A-Za-z0-9_]+]]: i32, %[[V2:[A-Za-z0-9_]+]]: i1) {
// CHECK: llvm.br ^bb1
// CHECK: ^bb1:
// CHECK: %[[V3:[A-Za-z0-9_]+]] = llvm.add %[[V0]], %[[V1]] : i32
// CHECK: %[[V4:[A-Za-z0-9_]+]] = llvm.sub %[[V0]], %[[V1]] : i32
// CHECK: llvm.cond_br %[[V2]], ^bb2(%[[V3]] : i32), ^bb2(%[[V4]] : i32)
// CHECK: ^bb2(%[[V5:[A-Za-z0-9_]+]]: i32):
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvm-functions
// The type of @bar is !llvm<"i64 (i64)">
llvm.func @bar(%arg0: i64) -> i64 {
  llvm.return %arg0 : i64
}
// Type type of @foo is !llvm<"void (i64)">
// !llvm.void type is omitted
llvm.func @foo(%arg0: i64) {
  llvm.return
}
// A function with `internal` linkage.
llvm.func internal @internal_func() {
  llvm.return
}

// CHECK: llvm.func @bar(%[[V0:[A-Za-z0-9_]+]]: i64) -> i64 {
// CHECK: llvm.return %[[V0]] : i64
// CHECK: llvm.func @foo(%[[V0]]: i64) {
// CHECK: llvm.return
// CHECK: llvm.func internal @internal_func() {
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmmlirconstant-llvmconstantop
llvm.func @constants() {
  // Integer constant, internal i32 is mandatory
  %0 = llvm.mlir.constant(42 : i32) : i32
  // It's okay to omit i64.
  %1 = llvm.mlir.constant(42) : i64
  // Floating point constant.
  %2 = llvm.mlir.constant(42.0 : f32) : f32
  // Splat dense vector constant.
  %3 = llvm.mlir.constant(dense<1.0> : vector<4xf32>) : vector<4xf32>
  llvm.return
}

// CHECK: llvm.func @constants() {
// CHECK: %[[V0:[A-Za-z0-9_]+]] = llvm.mlir.constant(42 : i32) : i32
// CHECK: %[[V1:[A-Za-z0-9_]+]] = llvm.mlir.constant(42 : i64) : i64
// CHECK: %[[V2:[A-Za-z0-9_]+]] = llvm.mlir.constant(4.200000e+01 : f32) : f32
// CHECK: %[[V3:[A-Za-z0-9_]+]] = llvm.mlir.constant(dense<1.000000e+00> : vector<4xf32>) : vector<4xf32>
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmmlirglobal-llvmglobalop
// Global values use @-identifiers.
llvm.mlir.global constant @cst(42 : i32) : i32
// Non-constant values must also be initialized.
llvm.mlir.global @variable(32.0 : f32) : f32
// Strings are expected to be of wrapped LLVM i8 array type and do not
// automatically include the trailing zero.
llvm.mlir.global @string("abc") : !llvm.array<3 x i8>
// For strings globals, the trailing type may be omitted.
llvm.mlir.global constant @no_trailing_type("foo bar")

// CHECK: llvm.mlir.global external constant @cst(42 : i32) {addr_space = 0 : i32} : i32
// CHECK: llvm.mlir.global external @variable(3.200000e+01 : f32) {addr_space = 0 : i32} : f32
// CHECK: llvm.mlir.global external @string("abc") {addr_space = 0 : i32}
// CHECK: llvm.mlir.global external constant @no_trailing_type("foo bar") {addr_space = 0 : i32}

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmmlirglobal-llvmglobalop
// (the initializer-region example; @g2 defined so the module verifies)
llvm.mlir.global external @g2() : i32
// A complex initializer is constructed with an initializer region.
llvm.mlir.global constant @int_gep() : !llvm.ptr {
  %0 = llvm.mlir.addressof @g2 : !llvm.ptr
  %1 = llvm.mlir.constant(2 : i32) : i32
  %2 = llvm.getelementptr %0[%1] : (!llvm.ptr, i32) -> !llvm.ptr, i32
  // The initializer region must end with `llvm.return`.
  llvm.return %2 : !llvm.ptr
}

// CHECK: llvm.mlir.global external @g2() {addr_space = 0 : i32} : i32
// CHECK: llvm.mlir.global external constant @int_gep() {addr_space = 0 : i32} : !llvm.ptr {
// CHECK: %[[V0:[A-Za-z0-9_]+]] = llvm.mlir.addressof @g2 : !llvm.ptr
// CHECK: %[[V1:[A-Za-z0-9_]+]] = llvm.mlir.constant(2 : i32) : i32
// CHECK: %[[V2:[A-Za-z0-9_]+]] = llvm.getelementptr %[[V0]][%[[V1]]] : (!llvm.ptr, i32) -> !llvm.ptr, i32
// CHECK: llvm.return %[[V2]] : !llvm.ptr

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmmlirglobal-llvmglobalop
// (linkage; `0 : f32` written `0.0 : f32`, the literal mlir-opt accepts)
// A constant with internal linkage will not participate in linking.
llvm.mlir.global internal constant @cst(42 : i32) : i32
// By default, "external" linkage is assumed and the global participates in
// symbol resolution at link-time.
llvm.mlir.global @glob(0.0 : f32) : f32
// Alignment is optional
llvm.mlir.global private constant @y(dense<1.0> : tensor<8xf32>) : !llvm.array<8 x f32>

// CHECK: llvm.mlir.global internal constant @cst(42 : i32) {addr_space = 0 : i32} : i32
// CHECK: llvm.mlir.global external @glob(0.000000e+00 : f32) {addr_space = 0 : i32} : f32
// CHECK: llvm.mlir.global private constant @y(dense<1.000000e+00> : tensor<8xf32>) {addr_space = 0 : i32} : !llvm.array<8 x f32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmmlirglobal-llvmglobalop
// (thread-local and alignment examples)
llvm.mlir.global internal thread_local @tls(42 : i32) : i32
llvm.mlir.global private constant @aligned(dense<1.0> : tensor<8xf32>) {alignment = 32 : i64} : !llvm.array<8 x f32>

// CHECK: llvm.mlir.global internal thread_local @tls(42 : i32) {addr_space = 0 : i32} : i32
// CHECK: llvm.mlir.global private constant @aligned(dense<1.000000e+00> : tensor<8xf32>) {addr_space = 0 : i32, alignment = 32 : i64} : !llvm.array<8 x f32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmmliraddressof-llvmaddressofop
llvm.func @foo() {
  // Get the address of a global variable.
  %0 = llvm.mlir.addressof @const : !llvm.ptr
  // Use it as a regular pointer.
  %1 = llvm.load %0 : !llvm.ptr -> i32
  // Get the address of a function.
  %2 = llvm.mlir.addressof @foo : !llvm.ptr
  // The function address can be used for indirect calls.
  llvm.call %2() : !llvm.ptr, () -> ()
  llvm.return
}
// Define the global.
llvm.mlir.global @const(42 : i32) : i32

// CHECK: llvm.func @foo() {
// CHECK: %[[V0:[A-Za-z0-9_]+]] = llvm.mlir.addressof @const : !llvm.ptr
// CHECK: %[[V1:[A-Za-z0-9_]+]] = llvm.load %[[V0]] : !llvm.ptr -> i32
// CHECK: %[[V2:[A-Za-z0-9_]+]] = llvm.mlir.addressof @foo : !llvm.ptr
// CHECK: llvm.call %[[V2]]() : !llvm.ptr, () -> ()
// CHECK: llvm.return
// CHECK: llvm.mlir.global external @const(42 : i32) {addr_space = 0 : i32} : i32

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmmlirzero-llvmzeroop
llvm.func @zero() {
  // Null pointer.
  %0 = llvm.mlir.zero : !llvm.ptr
  // Zero-initialized struct.
  %1 = llvm.mlir.zero : !llvm.struct<(i32, f32)>
  llvm.return
}

// CHECK: llvm.func @zero() {
// CHECK: %[[V0:[A-Za-z0-9_]+]] = llvm.mlir.zero : !llvm.ptr
// CHECK: %[[V1:[A-Za-z0-9_]+]] = llvm.mlir.zero : !llvm.struct<(i32, f32)>
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmmlirundef-llvmundefop
// and #llvmmlirpoison-llvmpoisonop
llvm.func @undef_poison() {
  // Create a structure with a 32-bit integer followed by a float.
  %0 = llvm.mlir.undef : !llvm.struct<(i32, f32)>
  %1 = llvm.mlir.poison : !llvm.struct<(i32, f32)>
  llvm.return
}

// CHECK: llvm.func @undef_poison() {
// CHECK: %[[V0:[A-Za-z0-9_]+]] = llvm.mlir.undef : !llvm.struct<(i32, f32)>
// CHECK: %[[V1:[A-Za-z0-9_]+]] = llvm.mlir.poison : !llvm.struct<(i32, f32)>
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmgetelementptr-llvmgepop
llvm.func @gep(%1: !llvm.ptr, %2: i64) {
  // GEP with an SSA value offset
  %0 = llvm.getelementptr %1[%2] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // GEP with a constant offset and the inbounds attribute set
  %3 = llvm.getelementptr inbounds %1[3] : (!llvm.ptr) -> !llvm.ptr, f32
  // GEP with constant offsets into a structure
  %4 = llvm.getelementptr %1[0, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, f32)>
  llvm.return
}

// CHECK: llvm.func @gep(%[[V0:[A-Za-z0-9_]+]]: !llvm.ptr, %[[V1:[A-Za-z0-9_]+]]: i64) {
// CHECK: %[[V2:[A-Za-z0-9_]+]] = llvm.getelementptr %[[V0]][%[[V1]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[V3:[A-Za-z0-9_]+]] = llvm.getelementptr inbounds %[[V0]][3] : (!llvm.ptr) -> !llvm.ptr, f32
// CHECK: %[[V4:[A-Za-z0-9_]+]] = llvm.getelementptr %[[V0]][0, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, f32)>
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmload-llvmloadop
// (the nontemporal and atomic examples in the properties syntax mlir-opt reads)
llvm.func @load(%ptr: !llvm.ptr) {
  // A volatile load of a float variable.
  %0 = llvm.load volatile %ptr : !llvm.ptr -> f32
  // A nontemporal load of a float variable.
  %1 = llvm.load %ptr <nontemporal> : !llvm.ptr -> f32
  // An atomic load of an integer variable.
  %2 = llvm.load %ptr atomic monotonic <alignment = 8> : !llvm.ptr -> i64
  llvm.return
}

// CHECK: llvm.func @load(%[[V0:[A-Za-z0-9_]+]]: !llvm.ptr) {
// CHECK: %[[V1:[A-Za-z0-9_]+]] = llvm.load volatile %[[V0]] : !llvm.ptr -> f32
// CHECK: %[[V2:[A-Za-z0-9_]+]] = llvm.load %[[V0]] <nontemporal> : !llvm.ptr -> f32
// CHECK: %[[V3:[A-Za-z0-9_]+]] = llvm.load %[[V0]] atomic monotonic <alignment = 8> : !llvm.ptr -> i64
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmstore-llvmstoreop
// (the atomic example in the properties syntax mlir-opt reads)
llvm.func @store(%val: f32, %ival: i64, %ptr: !llvm.ptr) {
  // A volatile store of a float variable.
  llvm.store volatile %val, %ptr : f32, !llvm.ptr
  // A nontemporal store of a float variable.
  llvm.store %val, %ptr <nontemporal> : f32, !llvm.ptr
  // An atomic store of an integer variable.
  llvm.store %ival, %ptr atomic monotonic <alignment = 8> : i64, !llvm.ptr
  llvm.return
}

// CHECK: llvm.func @store(%[[V0:[A-Za-z0-9_]+]]: f32, %[[V1:[A-Za-z0-9_]+]]: i64, %[[V2:[A-Za-z0-9_]+]]: !llvm.ptr) {
// CHECK: llvm.store volatile %[[V0]], %[[V2]] : f32, !llvm.ptr
// CHECK: llvm.store %[[V0]], %[[V2]] <nontemporal> : f32, !llvm.ptr
// CHECK: llvm.store %[[V1]], %[[V2]] atomic monotonic <alignment = 8> : i64, !llvm.ptr
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmcall-llvmcallop
// (@foo, @bar and @printf declared so the module verifies; the indirect variadic call
// takes a value of its own)
llvm.func @foo() -> f32
llvm.func @bar(f32)
llvm.func @printf(!llvm.ptr, ...) -> i32
llvm.func @calls(%ptr: !llvm.ptr, %i: i32) {
  // Direct call without arguments and with one result.
  %0 = llvm.call @foo() : () -> (f32)
  // Direct call with arguments and without a result.
  llvm.call @bar(%0) : (f32) -> ()
  // Indirect call with an argument and without a result.
  %1 = llvm.mlir.addressof @bar : !llvm.ptr
  llvm.call %1(%0) : !llvm.ptr, (f32) -> ()
  // Direct variadic call.
  %2 = llvm.call @printf(%ptr, %i) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, i32) -> i32
  // Indirect variadic call
  llvm.call %1(%i) vararg(!llvm.func<void (...)>) : !llvm.ptr, (i32) -> ()
  llvm.return
}

// CHECK: llvm.func @foo() -> f32
// CHECK: llvm.func @bar(f32)
// CHECK: llvm.func @printf(!llvm.ptr, ...) -> i32
// CHECK: llvm.func @calls(%[[V0:[A-Za-z0-9_]+]]: !llvm.ptr, %[[V1:[A-Za-z0-9_]+]]: i32) {
// CHECK: %[[V2:[A-Za-z0-9_]+]] = llvm.call @foo() : () -> f32
// CHECK: llvm.call @bar(%[[V2]]) : (f32) -> ()
// CHECK: %[[V3:[A-Za-z0-9_]+]] = llvm.mlir.addressof @bar : !llvm.ptr
// CHECK: llvm.call %[[V3]](%[[V2]]) : !llvm.ptr, (f32) -> ()
// CHECK: %[[V4:[A-Za-z0-9_]+]] = llvm.call @printf(%[[V0]], %[[V1]]) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, i32) -> i32
// CHECK: llvm.call %[[V3]](%[[V1]]) vararg(!llvm.func<void (...)>) : !llvm.ptr, (i32) -> ()
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmalloca-llvmallocaop
// (written from the op's syntax: the page gives none)
llvm.func @alloca(%n: i64) {
  %0 = llvm.alloca %n x f32 : (i64) -> !llvm.ptr
  %1 = llvm.alloca %n x !llvm.struct<(i32, f32)> {alignment = 8 : i64} : (i64) -> !llvm.ptr
  llvm.return
}

// CHECK: llvm.func @alloca(%[[V0:[A-Za-z0-9_]+]]: i64) {
// CHECK: %[[V1:[A-Za-z0-9_]+]] = llvm.alloca %[[V0]] x f32 : (i64) -> !llvm.ptr
// CHECK: %[[V2:[A-Za-z0-9_]+]] = llvm.alloca %[[V0]] x !llvm.struct<(i32, f32)> {alignment = 8 : i64} : (i64) -> !llvm.ptr
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmswitch-llvmswitchop
// (written from the op's syntax)
llvm.func @switch(%flag: i32, %a: i32) {
  llvm.switch %flag : i32, ^bb1 [
    0: ^bb2(%a : i32),
    42: ^bb1
  ]
^bb1:
  llvm.return
^bb2(%b: i32):
  llvm.return
}

// CHECK: llvm.func @switch(%[[V0:[A-Za-z0-9_]+]]: i32, %[[V1:[A-Za-z0-9_]+]]: i32) {
// CHECK: llvm.switch %[[V0]] : i32, ^bb1 [
// CHECK: 0: ^bb2(%[[V1]] : i32),
// CHECK: 42: ^bb1
// CHECK: ]
// CHECK: ^bb1:
// CHECK: llvm.return
// CHECK: ^bb2(%[[V2:[A-Za-z0-9_]+]]: i32):
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvmextractvalue-llvmextractvalueop
// and #llvminsertvalue-llvminsertvalueop
llvm.func @aggregates(%struct: !llvm.struct<(i32, struct<(f32, i64)>)>, %f: f32) {
  %0 = llvm.extractvalue %struct[1, 0] : !llvm.struct<(i32, struct<(f32, i64)>)>
  %1 = llvm.insertvalue %f, %struct[1, 0] : !llvm.struct<(i32, struct<(f32, i64)>)>
  llvm.return
}

// CHECK: llvm.func @aggregates(%[[V0:[A-Za-z0-9_]+]]: !llvm.struct<(i32, struct<(f32, i64)>)>, %[[V1:[A-Za-z0-9_]+]]: f32) {
// CHECK: %[[V2:[A-Za-z0-9_]+]] = llvm.extractvalue %[[V0]][1, 0] : !llvm.struct<(i32, struct<(f32, i64)>)>
// CHECK: %[[V3:[A-Za-z0-9_]+]] = llvm.insertvalue %[[V1]], %[[V0]][1, 0] : !llvm.struct<(i32, struct<(f32, i64)>)>
// CHECK: llvm.return

// -----

// From: https://mlir.llvm.org/docs/Dialects/LLVM/#llvm-pointer-type
// and the following type sections (types as the results of one op)
"test.types"() : () -> (!llvm.ptr, !llvm.ptr<42>, !llvm.array<42 x i32>, !llvm.func<void ()>, !llvm.func<i32 (f32, ...)>, !llvm.struct<(i32, f32)>, !llvm.struct<packed (i8, i32)>, !llvm.struct<"my_struct", (i32, f32)>, !llvm.struct<"opaque_struct", opaque>, vector<4x!llvm.ptr>)

// CHECK: %[[V0:[A-Za-z0-9_]+]]:10 = "test.types"() : () -> (!llvm.ptr, !llvm.ptr<42>, !llvm.array<42 x i32>, !llvm.func<void ()>, !llvm.func<i32 (f32, ...)>, !llvm.struct<(i32, f32)>, !llvm.struct<packed (i8, i32)>, !llvm.struct<"my_struct", (i32, f32)>, !llvm.struct<"opaque_struct", opaque>, vector<4x!llvm.ptr>)
