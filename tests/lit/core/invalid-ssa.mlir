// RUN: dialir-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// SSA names and block labels: undefined, redefined, mistyped, miscounted.

// expected-error@+1 {{use of undeclared SSA value name '%x'}}
"test.op"(%x) : (i32) -> ()

// -----

// A forward reference that is never defined is reported at the use.
"test.op"() ({
  // expected-error@+1 {{use of undeclared SSA value name '%later'}}
  "test.use"(%later) : (i32) -> ()
  "test.term"() : () -> ()
}) : () -> ()

// -----

// A value defined inside a region is not visible after it.
"test.op"() ({
  %1 = "test.def"() : () -> i32
}) : () -> ()
// expected-error@+1 {{use of undeclared SSA value name '%1'}}
"test.use"(%1) : (i32) -> ()

// -----

// expected-note@+1 {{previously defined here}}
%0 = "test.op"() : () -> i32
// expected-error@+1 {{redefinition of SSA value '%0'}}
%0 = "test.op"() : () -> i32

// -----

"test.op"() ({
// expected-error@+2 {{redefinition of SSA value '%a'}}
// expected-note@+1 {{previously defined here}}
^bb0(%a: i32, %a: i32):
  "test.term"() : () -> ()
}) : () -> ()

// -----

// expected-note@+1 {{prior use here}}
%0 = "test.def"() : () -> i32
// expected-error@+1 {{use of value '%0' expects different type than prior uses: 'i64' vs 'i32'}}
"test.use"(%0) : (i64) -> ()

// -----

"test.use"(%x) : (i32) -> ()
// expected-error@+1 {{use of value '%x' expects different type than prior uses: 'i64' vs 'i32'}}
"test.use"(%x) : (i64) -> ()
%x = "test.def"() : () -> i32

// -----

// expected-note@+1 {{previously used here with type 'i64'}}
"test.use"(%x) : (i64) -> ()
// expected-error@+1 {{definition of SSA value '%x#0' has type 'i32'}}
%x = "test.def"() : () -> i32

// -----

// expected-error@+1 {{operation defines 2 results but was provided 1 to bind}}
%0 = "test.op"() : () -> (i32, i32)

// -----

// expected-error@+1 {{operation defines 2 results but was provided 3 to bind}}
%0:3 = "test.op"() : () -> (i32, i32)

// -----

// expected-error@+1 {{operation defines 1 results but was provided 2 to bind}}
%0, %1 = "test.op"() : () -> i32

// -----

%0 = "test.op"() : () -> i32
// expected-error@+1 {{invalid SSA value result number '%0#1'}}
"test.use"(%0#1) : (i32) -> ()

// -----

// expected-error@+1 {{use of undeclared SSA value name '%x#2'}}
"test.use"(%x#2) : (i64) -> ()
%x:2 = "test.def"() : () -> (i32, i32)

// -----

// expected-error@+1 {{expected 2 operand types but had 1}}
"test.op"(%a, %b) : (i32) -> ()

// -----

"test.op"() ({
  // expected-error@+1 {{reference to an undefined block '^bb9'}}
  "test.br"()[^bb9] : () -> ()
}) : () -> ()

// -----

// Block labels are scoped to their region: an outer block is not visible inside.
"test.op"() ({
^bb0:
  "test.x"() ({
    // expected-error@+1 {{reference to an undefined block '^bb1'}}
    "cf.br"()[^bb1] : () -> ()
  }) : () -> ()
^bb1:
  "test.term"() : () -> ()
}) : () -> ()

// -----

"test.op"() ({
^bb0:
  "test.br"()[^bb0] : () -> ()
// expected-error@+1 {{redefinition of block '^bb0'}}
^bb0:
  "test.term"() : () -> ()
}) : () -> ()
