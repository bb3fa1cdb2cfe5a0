// The plugin dialect's verifiers and type checks report diagnostics like built-in ones.
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect %s --allow-unregistered-dialect --split-input-file --verify-diagnostics

%0 = toy.constant dense<[[1.0, 2.0]]> : tensor<1x2xf64>
// expected-error@+1 {{'toy.transpose' op result type must be '!toy.matrix<2, 1, f64>', got '!toy.matrix<1, 2, f64>'}}
%1 = "toy.transpose"(%0) : (!toy.matrix<1, 2, f64>) -> !toy.matrix<1, 2, f64>

// -----

%0 = "test.make"() : () -> f64
// expected-error@+1 {{'toy.print' op operand #0 must be toy matrix, but got 'f64'}}
"toy.print"(%0) : (f64) -> ()

// -----

// expected-error@+1 {{!toy.matrix dimensions must be positive, got 0x3}}
"test.make"() : () -> !toy.matrix<0, 3, f64>

// -----

// expected-error@+1 {{'toy.constant' needs a rank-2 tensor value}}
%0 = toy.constant dense<[1.0, 2.0]> : tensor<2xf64>
