// RUN: dialir-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// Lexer and parser errors: each is reported at the offending token.

// expected-error@+1 {{unexpected '$'}}
"test.op"() : () -> i32 $

// -----

// expected-error@+1 {{expected '"' in string literal}}
"test.op"() {s = "abc} : () -> ()

// -----

// A generic op needs its `: (inputs) -> results` signature.
// expected-error@+1 {{unexpected 'i32'}}
"test.op"() : i32

// -----

// expected-error@+1 {{unexpected 'i32', expected '->'}}
"test.op"() : (i32) i32

// -----

"test.op"()
// expected-error@+1 {{expected ':' followed by operation type}}
"test.next"() : () -> ()

// -----

"test.op"() ({
  "test.inner"() : () -> ()
// expected-error@+1 {{unexpected ')'}}
) : () -> ()

// -----

// expected-error@+1 {{unexpected '%b', expected one of: ')', ','}}
"test.op"(%a %b) : (i32, i32) -> ()

// -----

// expected-error@+1 {{unexpected '}'}}
"test.op"() {a = } : () -> ()

// -----

// expected-error@+1 {{unexpected '}', expected one of: ',', ']'}}
"test.op"() {a = [1, 2} : () -> ()

// -----

// expected-error@+1 {{unexpected ')'}}
"test.op"() : () -> (i32, )

// -----

// expected-error@+1 {{unexpected 'f33'}}
"test.op"() {a = 1 : f33} : () -> ()

// -----

// expected-error@+1 {{duplicate key 'a' in dictionary attribute}}
"test.op"() {a = 1, a = 2} : () -> ()

// -----

// expected-error@+1 {{undefined symbol alias id 'foo'}}
"test.op"() {a = #foo} : () -> ()

// -----

// expected-error@+1 {{undefined symbol alias id 'foo'}}
"test.op"() : () -> !foo

// -----

#a = 1
// expected-error@+1 {{redefinition of attribute alias id 'a'}}
#a = 2

// -----

!a = i32
// expected-error@+1 {{redefinition of type alias id 'a'}}
!a = i64

// -----

// expected-error@+1 {{expected attribute alias name without '.' or '<'}}
#a.b = 1

// -----

// expected-error@+1 {{unexpected 'foo'}}
"test.op"() : () -> () loc(foo)

// -----

#l = 1
// expected-error@+1 {{expected location, but found '1 : i64'}}
"test.op"() : () -> () loc(#l)

// -----

// expected-error@+1 {{unexpected 'x', expected one of: '?', integer}}
"test.op"() {a = strided<[1], offset: x>} : () -> ()

// -----

// An unclosed region runs into the end of the input: the error is at the end of this chunk,
// the start of the split marker's line.
"test.op"() ({
  "test.inner"() : () -> ()
// expected-error@+2 {{unexpected end of file}}

// -----

// expected-error@+1 {{custom op 'test.op' is unknown}}
test.op() : () -> ()

// -----

// expected-error@+1 {{unregistered operation 'cf.foo' found in dialect ('cf') that does not allow unknown operations}}
"cf.foo"() : () -> ()
