// RUN: dialir-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// Verifier and parser errors of llvm ops and types. Messages are MLIR's where MLIR has the
// same check (mlir-opt gives the same text for the same input).

llvm.func @f(%a: f32) {
  // expected-error@+1 {{'llvm.add' op operand #0 must be signless integer or LLVM dialect-compatible vector of signless integer, but got 'f32'}}
  %0 = llvm.add %a, %a : f32
  llvm.return
}

// -----

llvm.func @f(%a: i32) {
  // expected-error@+1 {{'llvm.fadd' op operand #0 must be floating point LLVM type or LLVM dialect-compatible vector of floating point LLVM type, but got 'i32'}}
  %0 = llvm.fadd %a, %a : i32
  llvm.return
}

// -----

llvm.func @f(%a: i32, %b: i64) {
  // expected-error@+1 {{'llvm.add' op requires the same type for all operands and results}}
  %0 = "llvm.add"(%a, %b) : (i32, i64) -> i32
  llvm.return
}

// -----

llvm.func @f(%a: f32) {
  // expected-error@+1 {{'llvm.load' op operand #0 must be LLVM pointer type, but got 'f32'}}
  %0 = llvm.load %a : f32 -> f32
  llvm.return
}

// -----

llvm.func @f(%a: f32) {
  // expected-error@+1 {{'llvm.icmp' op operand #0 must be signless integer or LLVM dialect-compatible vector of signless integer or LLVM pointer type or LLVM dialect-compatible vector of LLVM pointer type, but got 'f32'}}
  %0 = llvm.icmp "eq" %a, %a : f32
  llvm.return
}

// -----

llvm.func @f(%a: f32) {
  // expected-error@+1 {{expected llvm.fcmp comparison predicate to be one of: _false, oeq, ogt, oge, olt, ole, one, ord, ueq, ugt, uge, ult, ule, une, uno, _true}}
  %1 = llvm.fcmp "foo" %a, %a : f32
  llvm.return
}

// -----

llvm.func @f(%a: i32) {
  // expected-error@+1 {{'llvm.icmp' op result #0 must be 1-bit signless integer or LLVM dialect-compatible vector of 1-bit signless integer, but got 'i32'}}
  %0 = "llvm.icmp"(%a, %a) <{predicate = 0 : i64}> : (i32, i32) -> i32
  llvm.return
}

// -----

llvm.func @f(%a: f32) {
  // expected-error@+1 {{'llvm.sext' op operand #0 must be signless integer or LLVM dialect-compatible vector of signless integer, but got 'f32'}}
  %0 = llvm.sext %a : f32 to i64
  llvm.return
}

// -----

llvm.func @f(%a: i32, %b: f32) {
  // expected-error@+1 {{'llvm.select' op operand #0 must be 1-bit signless integer or LLVM dialect-compatible vector of 1-bit signless integer, but got 'i32'}}
  %0 = llvm.select %a, %b, %b : i32, f32
  llvm.return
}

// -----

llvm.func @f(%a: f32) {
  // expected-error@+1 {{'llvm.alloca' op operand #0 must be signless integer, but got 'f32'}}
  %0 = llvm.alloca %a x f32 : (f32) -> !llvm.ptr
  llvm.return
}

// -----

llvm.func @f() {
  // expected-error@+1 {{'llvm.mlir.constant' op attribute and type have different integer types: 'i32' vs. 'i64'}}
  %0 = llvm.mlir.constant(1 : i32) : i64
  llvm.return
}

// -----

llvm.func @f() {
  // expected-error@+1 {{'llvm.mlir.constant' op expected array type of 3 i8 elements for the string constant}}
  %0 = llvm.mlir.constant("abc") : !llvm.array<4 x i8>
  llvm.return
}

// -----

llvm.func @f(%a: f32) -> i32 {
  // expected-error@+1 {{'llvm.return' op mismatching result types}}
  llvm.return %a : f32
}

// -----

llvm.func @f() -> i32 {
  // expected-error@+1 {{'llvm.return' op expected 1 operand}}
  llvm.return
}

// -----

llvm.func @f(%a: i32) {
  // expected-error@+1 {{'llvm.return' op expected no operands}}
  llvm.return %a : i32
}

// -----

// expected-error@+1 {{'llvm.func' op functions cannot have 'common' linkage}}
llvm.func common @f() {
  llvm.return
}

// -----

// expected-error@+1 {{'llvm.func' op external functions must have 'external' or 'extern_weak' linkage}}
llvm.func internal @f()

// -----

llvm.func @f(%p: !llvm.ptr, %i: i64) {
  // expected-error@+1 {{'llvm.getelementptr' op expected index 1 indexing a struct to be constant}}
  %0 = llvm.getelementptr %p[%i, %i] : (!llvm.ptr, i64, i64) -> !llvm.ptr, !llvm.struct<(i32, f32)>
  llvm.return
}

// -----

llvm.func @f(%p: !llvm.ptr) {
  // expected-error@+1 {{'llvm.getelementptr' op index 1 indexing a struct is out of bounds}}
  %0 = llvm.getelementptr %p[0, 2] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, f32)>
  llvm.return
}

// -----

llvm.func @f() {
  %0 = llvm.mlir.undef : !llvm.struct<(i32, f32)>
  // expected-error@+1 {{'llvm.extractvalue' op position out of bounds: 2}}
  %1 = "llvm.extractvalue"(%0) <{position = array<i64: 2>}> : (!llvm.struct<(i32, f32)>) -> i32
  llvm.return
}

// -----

llvm.func @f() {
  %0 = llvm.mlir.undef : !llvm.struct<(i32, f32)>
  // expected-error@+1 {{'llvm.extractvalue' op Type mismatch: extracting from '!llvm.struct<(i32, f32)>' should produce 'i32' but this op returns 'f32'}}
  %1 = "llvm.extractvalue"(%0) <{position = array<i64: 0>}> : (!llvm.struct<(i32, f32)>) -> f32
  llvm.return
}

// -----

llvm.func @f(%v: f32) {
  %0 = llvm.mlir.undef : !llvm.struct<(i32, f32)>
  // expected-error@+1 {{'llvm.insertvalue' op Type mismatch: cannot insert 'f32' into '!llvm.struct<(i32, f32)>'}}
  %1 = "llvm.insertvalue"(%0, %v) <{position = array<i64: 0>}> : (!llvm.struct<(i32, f32)>, f32) -> !llvm.struct<(i32, f32)>
  llvm.return
}

// -----

llvm.func @g(i32) -> i32
llvm.func @f(%a: f32) {
  // expected-error@+1 {{'llvm.call' op operand type mismatch: expected operand type 'i32', but provided 'f32' for operand number 0}}
  %0 = llvm.call @g(%a) : (f32) -> i32
  llvm.return
}

// -----

llvm.func @g(i32) -> i32
llvm.func @f(%a: i32) {
  // expected-error@+1 {{'llvm.call' op incorrect number of operands for callee: expected 1, but got 2}}
  %0 = llvm.call @g(%a, %a) : (i32, i32) -> i32
  llvm.return
}

// -----

llvm.func @g(i32) -> i32
llvm.func @f(%a: i32) {
  // expected-error@+1 {{'llvm.call' op result type mismatch: 'f32' != 'i32'}}
  %0 = llvm.call @g(%a) : (i32) -> f32
  llvm.return
}

// -----

llvm.func @f(%a: i32) {
  // expected-error@+1 {{'llvm.call' op 'nope' does not reference a symbol in the current scope}}
  %0 = llvm.call @nope(%a) : (i32) -> i32
  llvm.return
}

// -----

llvm.func @f() {
  // expected-error@+1 {{'llvm.mlir.addressof' op must reference a global defined by 'llvm.mlir.global', 'llvm.mlir.alias' or 'llvm.func' or 'llvm.mlir.ifunc'}}
  %0 = llvm.mlir.addressof @nope : !llvm.ptr
  llvm.return
}

// -----

llvm.func @f(%p: !llvm.ptr, %v: i64) {
  // expected-error@+1 {{'llvm.load' op expected alignment for atomic access}}
  %0 = llvm.load %p atomic acquire : !llvm.ptr -> i64
  llvm.return
}

// -----

llvm.func @f(%p: !llvm.ptr, %v: i64) {
  // expected-error@+1 {{'llvm.store' op unsupported ordering 'acquire'}}
  llvm.store %v, %p atomic acquire <alignment = 8> : i64, !llvm.ptr
  llvm.return
}

// -----

llvm.func @f(%p: !llvm.ptr, %v: i64) {
  // expected-error@+1 {{'llvm.load' op unsupported ordering 'release'}}
  %0 = llvm.load %p atomic release <alignment = 8> : !llvm.ptr -> i64
  llvm.return
}

// -----

// expected-error@+1 {{'llvm.mlir.global' op requires an i8 array type of the length equal to that of the string attribute}}
llvm.mlir.global internal @g("abc") : !llvm.array<4 x i8>

// -----

// expected-error@+1 {{'llvm.mlir.global' op cannot have both initializer value and region}}
llvm.mlir.global internal @g(0 : i32) : i32 {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}

// -----

llvm.func @f(%v: vector<4xf32>, %w: vector<2xf32>) {
  // expected-error@+1 {{'llvm.shufflevector' op failed to verify that all of {v1, v2} have same type}}
  %0 = "llvm.shufflevector"(%v, %w) <{mask = array<i32: 0>}> : (vector<4xf32>, vector<2xf32>) -> vector<1xf32>
  llvm.return
}

// -----

llvm.func @f(%a: i1) {
  // expected-error@+1 {{expects number of branch weights to match number of successors: 1 vs 2}}
  llvm.cond_br %a weights([1]), ^bb1, ^bb1
^bb1:
  llvm.return
}

// -----

// expected-error@+1 {{expected an integer in llvm type, got '-1'}}
"test.f"() : () -> !llvm.ptr<-1>

// -----

// expected-error@+1 {{invalid array element type: '!llvm.void'}}
"test.f"() : () -> !llvm.array<4 x void>

// -----

// expected-error@+1 {{invalid LLVM structure element type: '!llvm.void'}}
"test.f"() : () -> !llvm.struct<(i32, void)>

// -----

// expected-error@+1 {{invalid function argument type: '!llvm.void'}}
"test.f"() : () -> !llvm.func<void (void)>

// -----

// expected-error@+1 {{expected 'x' after the number of elements in !llvm.array}}
"test.f"() : () -> !llvm.array<4 f32>

// -----

// expected-error@+1 {{expected ')' in llvm type, got 'end of type'}}
"test.f"() : () -> !llvm.struct<(i32>

// -----

llvm.func @f(%a: f32) {
  // expected-error@+1 {{unknown flag 'bogus' in #llvm.fastmath: expected one of none, nnan, ninf, nsz, arcp, contract, afn, reassoc, fast}}
  %0 = llvm.fadd %a, %a fastmath<bogus> : f32
  llvm.return
}

// -----

llvm.func @f(%a: i32) {
  // expected-error@+1 {{expected one of [nsw, nuw] in LLVM integer overflow flags, got 'nsx'}}
  %0 = llvm.add %a, %a overflow<nsx> : i32
  llvm.return
}
