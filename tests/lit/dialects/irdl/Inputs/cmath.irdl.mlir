// A complex-number dialect in IRDL: a parametric type whose element type is f32 or f64, and
// ops whose operands and results share constraint variables (the same type throughout).
irdl.dialect @cmath {
  irdl.type @complex {
    %f32 = irdl.is f32
    %f64 = irdl.is f64
    %elem = irdl.any_of(%f32, %f64)
    irdl.parameters(elem: %elem)
  }

  // norm(complex<T>) -> T
  irdl.operation @norm {
    %t = irdl.any
    %c = irdl.parametric @cmath::@complex<%t>
    irdl.operands(complex: %c)
    irdl.results(norm: %t)
  }

  // mul(complex<T>, complex<T>) -> complex<T>, T in {f32, f64}
  irdl.operation @mul {
    %f32 = irdl.is f32
    %f64 = irdl.is f64
    %elem = irdl.any_of(%f32, %f64)
    %c = irdl.parametric @cmath::@complex<%elem>
    irdl.operands(lhs: %c, rhs: %c)
    irdl.results(res: %c)
  }

  // sum(complex<T>...) -> complex<T>
  irdl.operation @sum {
    %t = irdl.any
    %c = irdl.parametric @cmath::@complex<%t>
    irdl.operands(parts: variadic %c)
    irdl.results(res: %c)
  }

  // fma(a, b, [c], [acc...]): two non-single groups need operandSegmentSizes
  irdl.operation @fma {
    %t = irdl.base @cmath::@complex
    irdl.operands(a: %t, b: single %t, c: optional %t, acc: variadic %t)
    irdl.results(res: %t)
  }

  // A constant: an attribute of the complex type's element kind
  irdl.operation @constant {
    %re = irdl.base "#builtin.float"
    %im = irdl.base "#builtin.float"
    %c = irdl.base @cmath::@complex
    irdl.attributes {"re" = %re, "im" = %im}
    irdl.results(res: %c)
  }

  // map(complex<T>) ({^bb0(%x: T): ...}) -> complex<T>: a one-block region over elements
  irdl.operation @map {
    %t = irdl.any
    %c = irdl.parametric @cmath::@complex<%t>
    %body = irdl.region(%t) with size 1
    irdl.operands(in: %c)
    irdl.results(out: %c)
    irdl.regions(body: %body)
  }

  // An attribute with a string parameter: one of two rounding modes.
  irdl.attribute @rounding {
    %up = irdl.is "up"
    %down = irdl.is "down"
    %mode = irdl.any_of(%up, %down)
    irdl.parameters(mode: %mode)
  }

  irdl.operation @round {
    %mode = irdl.any
    %r = irdl.parametric @cmath::@rounding<%mode>
    %c = irdl.base @cmath::@complex
    irdl.attributes {"mode" = %r}
    irdl.operands(in: %c)
    irdl.results(out: %c)
  }
}
