// RUN: dialir-opt %s --split-input-file --verify-diagnostics

// Without --allow-unregistered-dialect an op of an unknown dialect is an error at its name.

// expected-error@+1 {{operation being parsed with an unregistered dialect ('test.op')}}
"test.op"() : () -> ()

// -----

module {
  // expected-error@+1 {{please use -allow-unregistered-dialect with the MLIR tool used}}
  %0 = "foo.bar"() : () -> i32
}

// -----

// Registered ops are fine; the first unregistered one is reported.
"builtin.module"() ({
  // expected-error@+1 {{unregistered dialect ('test.region')}}
  "test.region"() ({
    "test.inner"() : () -> ()
  }) : () -> ()
}) : () -> ()
