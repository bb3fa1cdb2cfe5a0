// Ops with single, optional and variadic operands and results, each group of its own type
// (i16, i32, i64) so that a value landing in the wrong group is a type error.
irdl.dialect @testvar {
  irdl.operation @single_operand {
    %0 = irdl.is i32
    irdl.operands(value: %0)
  }
  irdl.operation @var_operand {
    %0 = irdl.is i16
    %1 = irdl.is i32
    %2 = irdl.is i64
    irdl.operands(first: %0, rest: variadic %1, last: %2)
  }
  irdl.operation @opt_operand {
    %0 = irdl.is i16
    %1 = irdl.is i32
    %2 = irdl.is i64
    irdl.operands(first: %0, maybe: optional %1, last: %2)
  }
  irdl.operation @var_and_opt_operand {
    %0 = irdl.is i16
    %1 = irdl.is i32
    %2 = irdl.is i64
    irdl.operands(many: variadic %0, maybe: optional %1, last: %2)
  }
  irdl.operation @var_result {
    %0 = irdl.is i16
    %1 = irdl.is i32
    %2 = irdl.is i64
    irdl.results(first: %0, rest: variadic %1, last: %2)
  }
  irdl.operation @opt_result {
    %0 = irdl.is i16
    %1 = irdl.is i32
    %2 = irdl.is i64
    irdl.results(first: %0, maybe: optional %1, last: %2)
  }
  irdl.operation @var_and_opt_result {
    %0 = irdl.is i16
    %1 = irdl.is i32
    %2 = irdl.is i64
    irdl.results(many: variadic %0, maybe: optional %1, last: %2)
  }
}
