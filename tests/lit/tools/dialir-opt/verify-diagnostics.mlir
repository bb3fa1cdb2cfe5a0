// RUN: not dialir-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect 2>&1 | filecheck %s

// --verify-diagnostics fails (exit status 1, hence `not`) when a diagnostic is not expected
// or an expectation is not met, and says which. Chunks whose diagnostics all match print
// nothing: the first chunk uses every spelling of an expectation and must stay silent.

// CHECK-NOT: verify-diagnostics.mlir:{{([0-9]|1[0-5])}}:
// CHECK-NOT: internal error
"test.op"() ({
  // expected-error-re @below {{operand #{{[0-9]+}} does not dominate this use}}
  "test.use"(%v) : (i32) -> ()
  %v = "test.def"() : () -> i32
  // expected-note @above {{operand defined here}}
  "test.term"() : () -> ()
}) : () -> ()

// -----

// An expectation that nothing produces: reported at the comment.
// CHECK: verify-diagnostics.mlir:[[# @LINE + 1]]:4: error: expected error "this is never reported" was not produced
// expected-error@+1 {{this is never reported}}
"test.op"() : () -> ()

// -----

// A diagnostic that nothing expects (this chunk has no expected-error): reported at its own
// location, with the source line.
// CHECK: verify-diagnostics.mlir:[[# @LINE + 3]]:11: error: unexpected error: use of undeclared SSA value name '%nope'
// CHECK-NEXT: "test.op"(%nope) : (i32) -> ()
// CHECK-NEXT: ^
"test.op"(%nope) : (i32) -> ()

// -----

// The right message on the wrong line is both unexpected and unmet.
// CHECK: verify-diagnostics.mlir:[[# @LINE + 4]]:1: error: unexpected error: redefinition of SSA value '%0'
// CHECK: verify-diagnostics.mlir:[[# @LINE + 1]]:4: error: expected error "redefinition of SSA value" was not produced
// expected-error@+1 {{redefinition of SSA value}}
%0 = "test.op"() : () -> i32
%0 = "test.op"() : () -> i32

// -----

// Notes must be expected too.
// CHECK: verify-diagnostics.mlir:[[# @LINE + 1]]:12: error: unexpected note: previously used here with type 'i64'
"test.use"(%x) : (i64) -> ()
// expected-error@+1 {{definition of SSA value '%x#0' has type 'i32'}}
%x = "test.def"() : () -> i32

// -----

// The severity must match: an expected-warning does not stand for an expected-error.
// CHECK: verify-diagnostics.mlir:[[# @LINE + 3]]:11: error: unexpected error: use of undeclared SSA value name '%y'
// CHECK: verify-diagnostics.mlir:[[# @LINE + 1]]:4: error: expected warning "use of undeclared SSA value name" was not produced
// expected-warning@+1 {{use of undeclared SSA value name}}
"test.op"(%y) : (i32) -> ()

// -----

// The text must be a substring of the message (or match the -re pattern).
// CHECK: verify-diagnostics.mlir:[[# @LINE + 5]]:11: error: unexpected error: use of undeclared SSA value name '%z'
// CHECK: verify-diagnostics.mlir:[[# @LINE + 2]]:4: error: expected error "use of undefined value" was not produced
// CHECK: verify-diagnostics.mlir:[[# @LINE + 2]]:4: error: expected error "use of undeclared SSA value name '%{{[{][{]}}[a-y]{{[}][}]}}'" was not produced
// expected-error@+2 {{use of undefined value}}
// expected-error-re@+1 {{use of undeclared SSA value name '%{{[a-y]}}'}}
"test.op"(%z) : (i32) -> ()

// -----

// A final chunk that matches prints nothing more.
// CHECK-NOT: error
// expected-error@+1 {{integer constant out of range for type 'i8'}}
"test.op"() {a = 300 : i8} : () -> ()
