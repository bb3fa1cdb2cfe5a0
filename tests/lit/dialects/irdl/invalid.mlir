// RUN: dialir-opt %s --split-input-file --verify-diagnostics

// Invalid IRDL: the verifiers of the irdl ops, with MLIR's messages.

irdl.dialect @testd {
  irdl.type @type {
    %0 = irdl.any
    // expected-error@+1 {{expected valid keyword}}
    irdl.parameters(%0)
  }
}

// -----

irdl.dialect @testd {
  irdl.type @type {
    %0 = irdl.any
    // expected-error@+1 {{expected valid keyword}}
    irdl.parameters(123: %0)
  }
}

// -----

irdl.dialect @testd {
  irdl.type @type {
    %0 = irdl.any
    // expected-error@+1 {{name of parameter #0 must contain only lowercase letters, digits and underscores}}
    irdl.parameters(test$test: %0)
  }
}

// -----

irdl.dialect @testd {
  irdl.operation @op {
    %0 = irdl.any
    // expected-error@+1 {{name of operand #1 should not contain uppercase letters}}
    irdl.operands(a: %0, B: %0)
  }
}

// -----

irdl.dialect @testd {
  irdl.operation @op {
    %0 = irdl.any
    // expected-error@+1 {{name of result #0 should not contain leading or double underscores}}
    irdl.results(_r: %0)
  }
}

// -----

irdl.dialect @testd {
  irdl.operation @op {
    %0 = irdl.any
    // expected-error@+1 {{'irdl.results' op name of result #2 is a duplicate of the name of result #0}}
    irdl.results(foo: %0, bar: %0, foo: %0)
  }
}

// -----

irdl.dialect @testd {
  // expected-error@+1 {{'irdl.operation' op contains a value named 'foo' for both its operands and results}}
  irdl.operation @op {
    %0 = irdl.any
    irdl.operands(foo: %0)
    irdl.results(foo: %0)
  }
}

// -----

irdl.dialect @testd {
  // expected-error@+1 {{contains a value named 'baz' for both its regions and results}}
  irdl.operation @op {
    %0 = irdl.any
    %1 = irdl.region
    irdl.regions(baz: %1)
    irdl.operands(qux: %0)
    irdl.results(baz: %0)
  }
}

// -----

irdl.dialect @testd {
  // expected-error@+1 {{failed to verify AtMostOneChildOf trait: the operation contains at least two operations of type irdl.results}}
  irdl.operation @op {
    %0 = irdl.any
    irdl.results(a: %0)
    irdl.results(b: %0)
  }
}

// -----

irdl.dialect @testd {
  irdl.type @type {
    // expected-error@+1 {{'irdl.base' op symbol '@foo' not found}}
    %0 = irdl.base @foo
    irdl.parameters(foo: %0)
  }
}

// -----

irdl.dialect @testd {
  irdl.type @type {
    // expected-error@+1 {{the base type or attribute name should start with '!' or '#'}}
    %0 = irdl.base "builtin.integer"
    irdl.parameters(foo: %0)
  }
}

// -----

irdl.dialect @testd {
  irdl.type @type {
    // expected-error@+1 {{the base type or attribute should be specified by either a name or a reference}}
    %0 = irdl.base
    irdl.parameters(foo: %0)
  }
}

// -----

func.func private @not_a_type_or_attr()

irdl.dialect @invalid_parametric {
  irdl.operation @foo {
    // expected-error@+1 {{symbol '@not_a_type_or_attr' does not refer to a type or attribute definition (refers to 'func.func')}}
    %param = irdl.parametric @not_a_type_or_attr<>
    irdl.results(foo: %param)
  }
}

// -----

irdl.dialect @testd {
  irdl.operation @foo {
    // expected-error@+1 {{'irdl.parametric' op symbol '@testd::@nope' not found}}
    %param = irdl.parametric @testd::@nope<>
    irdl.results(foo: %param)
  }
}

// -----

// expected-error@+1 {{'irdl.dialect' op invalid dialect name}}
irdl.dialect @Test.d {
}

// -----

// expected-error@+1 {{name of dialect should not contain uppercase letters}}
irdl.dialect @NoUpperCase {
}

// -----

irdl.dialect @testd {
  // expected-error@+1 {{name of operation should not contain leading or double underscores}}
  irdl.operation @no__double {
  }
}

// -----

irdl.dialect @testd {
  // expected-error@+1 {{name of type is empty}}
  irdl.type @"" {
  }
}

// -----

irdl.dialect @testd {
  irdl.operation @foo {
    %0 = irdl.any
    // expected-error@+1 {{'irdl.parameters' op expects parent op to be one of 'irdl.attribute, irdl.type'}}
    irdl.parameters(foo: %0)
  }
}

// -----

irdl.dialect @testd {
  irdl.operation @foo {
    // expected-error@+1 {{'irdl.region' op the number of blocks is expected to be >= 1 but got 0}}
    %0 = irdl.region with size 0
    irdl.regions(r: %0)
  }
}

// -----

irdl.dialect @testd {
  irdl.operation @foo {
    %0 = irdl.any
    // expected-error@+1 {{'irdl.attributes' op attribute 'attributeValueNames' failed to satisfy constraint: string array attribute}}
    irdl.attributes {"a" = %0, 3 = %0}
  }
}

// -----

irdl.dialect @testd {
  irdl.operation @foo {
    %0 = irdl.region
    // expected-error@+1 {{expected SSA operand}}
    irdl.regions(r: variadic %0)
  }
}
