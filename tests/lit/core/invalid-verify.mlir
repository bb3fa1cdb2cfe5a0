// RUN: dialir-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// Verifier errors: dominance, terminators, successors, symbols, region isolation; plus an
// unterminated string. The unregistered-op case without --allow-unregistered-dialect is in
// invalid-unregistered.mlir (it needs a RUN line without that flag).

"test.op"() ({
  // expected-error@+1 {{operand #0 does not dominate this use}}
  "test.use"(%v) : (i32) -> ()
  // expected-note@+1 {{operand defined here (op in the same block)}}
  %v = "test.def"() : () -> i32
  "test.term"() : () -> ()
}) : () -> ()

// -----

// Defined in one arm of a branch, used where the arms join.
"test.op"() ({
^bb0(%c: i1):
  "cf.cond_br"(%c)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> ()
^bb1:
  // expected-note@+1 {{operand defined here (op in the same region)}}
  %v = "test.def"() : () -> i32
  "cf.br"()[^bb3] : () -> ()
^bb2:
  "cf.br"()[^bb3] : () -> ()
^bb3:
  // expected-error@+1 {{operand #0 does not dominate this use}}
  "test.use"(%v) : (i32) -> ()
  "test.term"() : () -> ()
}) : () -> ()

// -----

"test.op"() ({
^bb0(%c: i1, %v: i32):
  "cf.cond_br"(%c, %v)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 0, 1>}> : (i1, i32) -> ()
^bb1:
  // expected-error@+1 {{operand #0 does not dominate this use}}
  "test.use"(%y) : (i32) -> ()
  "test.term"() : () -> ()
// expected-note@+1 {{operand defined as a block argument (block #2 in the same region)}}
^bb2(%y: i32):
  "test.term"() : () -> ()
}) : () -> ()

// -----

// Used in a nested region before its definition in the enclosing one.
"test.op"() ({
  "test.x"() ({
    // expected-error@+1 {{operand #0 does not dominate this use}}
    "test.use"(%v) : (i32) -> ()
  }) : () -> ()
  // expected-note@+1 {{operand defined here (op in a parent region)}}
  %v = "test.def"() : () -> i32
}) : () -> ()

// -----

// ---- terminators ----

"test.op"() ({
^bb0(%x: i32):
  // expected-error@+1 {{'cf.br' op must be the last operation in the parent block}}
  "cf.br"(%x)[^bb1] : (i32) -> ()
  "test.after"() : () -> ()
^bb1(%y: i32):
  "test.term"() : () -> ()
}) : () -> ()

// -----

// A region with several blocks needs a terminator in each, even under an unregistered op.
// expected-error@+1 {{empty block: expect at least a terminator}}
"test.op"() ({
^bb0:
  "test.br"()[^bb1] : () -> ()
^bb1:
}) : () -> ()

// -----

"test.op"() ({
^bb0(%a: i32):
  "test.br"()[^bb1] : () -> ()
^bb1:
  // expected-error@+1 {{'builtin.unrealized_conversion_cast' op block with no terminator}}
  %0 = "builtin.unrealized_conversion_cast"(%a) : (i32) -> i64
}) : () -> ()

// -----

// ---- successors: cf.br / cf.cond_br ----

"test.op"() ({
^bb0(%x: i32):
  // expected-error@+1 {{'cf.br' op branch has 1 operands for successor #0, but target block has 0}}
  "cf.br"(%x)[^bb1] : (i32) -> ()
^bb1:
  "test.term"() : () -> ()
}) : () -> ()

// -----

"test.op"() ({
^bb0(%x: i32):
  // expected-error@+1 {{'cf.br' op type mismatch for bb argument #0 of successor #0: operand has type 'i32', block argument has type 'i64'}}
  "cf.br"(%x)[^bb1] : (i32) -> ()
^bb1(%y: i64):
  "test.term"() : () -> ()
}) : () -> ()

// -----

"test.op"() ({
^bb0(%c: i1, %a: i32, %b: i32):
  // expected-error@+1 {{'cf.cond_br' op type mismatch for bb argument #0 of successor #0: operand has type 'i32', block argument has type 'i64'}}
  "cf.cond_br"(%c, %a, %b)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 1, 1>}> : (i1, i32, i32) -> ()
^bb1(%y: i64):
  "test.term"() : () -> ()
^bb2(%z: i32):
  "test.term"() : () -> ()
}) : () -> ()

// -----

"test.op"() ({
^bb0(%c: i1, %a: i32, %b: i32):
  // expected-error@+1 {{'cf.cond_br' op branch has 1 operands for successor #1, but target block has 0}}
  "cf.cond_br"(%c, %a, %b)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 1, 1>}> : (i1, i32, i32) -> ()
^bb1(%y: i32):
  "test.term"() : () -> ()
^bb2:
  "test.term"() : () -> ()
}) : () -> ()

// -----

"test.op"() ({
^bb0(%c: i32):
  // expected-error@+1 {{'cf.cond_br' op operand #0 must be 1-bit signless integer, but got 'i32'}}
  "cf.cond_br"(%c)[^bb1, ^bb1] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i32) -> ()
^bb1:
  "test.term"() : () -> ()
}) : () -> ()

// -----

"test.op"() ({
^bb0(%c: i1):
  // expected-error@+1 {{'cf.cond_br' op requires attribute 'operandSegmentSizes' with 3 elements}}
  "cf.cond_br"(%c)[^bb1, ^bb1] : (i1) -> ()
^bb1:
  "test.term"() : () -> ()
}) : () -> ()

// -----

"test.op"() ({
^bb0:
  // expected-error@+1 {{'cf.br' op entry block of region may not have predecessors}}
  "cf.br"()[^bb0] : () -> ()
}) : () -> ()

// -----

"test.op"() ({
^bb0:
  // expected-error@+1 {{'cf.br' op requires 1 successor}}
  "cf.br"()[^bb1, ^bb1] : () -> ()
^bb1:
  "test.term"() : () -> ()
}) : () -> ()

// -----

// ---- symbols ----

module {
  // expected-note@+1 {{see existing symbol definition here}}
  "test.func"() {sym_name = "f"} : () -> ()
  // expected-error@+1 {{redefinition of symbol named 'f'}}
  "test.func"() {sym_name = "f"} : () -> ()
}

// -----

// Top-level ops go into an implicit module, which is a symbol table too.
// expected-note@+1 {{see existing symbol definition here}}
"test.func"() {sym_name = "g"} : () -> ()
// expected-error@+1 {{redefinition of symbol named 'g'}}
"test.func"() {sym_name = "g"} : () -> ()

// -----

module @outer {
  // expected-note@+1 {{see existing symbol definition here}}
  "test.func"() {sym_name = "inner"} : () -> ()
  // expected-error@+1 {{'builtin.module' op redefinition of symbol named 'inner'}}
  module @inner {
  }
}

// -----

// ---- isolation: builtin.module sees no value from outside ----

%0 = "test.def"() : () -> i32
module {
  // expected-error@+1 {{use of undeclared SSA value name '%0'}}
  "test.use"(%0) : (i32) -> ()
}

// -----

"test.op"() ({
  %0 = "test.def"() : () -> i32
  "builtin.module"() ({
    // expected-error@+1 {{use of undeclared SSA value name '%0'}}
    "test.use"(%0) : (i32) -> ()
  }) : () -> ()
}) : () -> ()

// -----

// ---- lexer ----

// expected-error@+1 {{expected '"' in string literal}}
"test.op"() {s = "never closed} : () -> ()
