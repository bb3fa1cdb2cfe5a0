// RUN: dialir-opt %s | dialir-opt | filecheck %s
// RUN: %roundtrip | filecheck %s

// The irdl dialect's own custom syntax, both ways (adapted from MLIR's IRDL tests).

// CHECK-LABEL: irdl.dialect @testd {
irdl.dialect @testd {
  // CHECK:      irdl.type @parametric {
  // CHECK-NEXT:   %[[V0:.*]] = irdl.any
  // CHECK-NEXT:   irdl.parameters(param: %[[V0]])
  // CHECK-NEXT: }
  irdl.type @parametric {
    %0 = irdl.any
    irdl.parameters(param: %0)
  }

  // CHECK:      irdl.attribute @parametric_attr {
  // CHECK-NEXT:   %[[V0:.*]] = irdl.any
  // CHECK-NEXT:   irdl.parameters(param: %[[V0]])
  // CHECK-NEXT: }
  irdl.attribute @parametric_attr {
    %0 = irdl.any
    irdl.parameters(param: %0)
  }

  // An empty body prints as nothing; it holds one empty block.
  // CHECK:      irdl.type @no_params{{ *$}}
  // CHECK-NEXT: irdl.operation @anyof {
  irdl.type @no_params

  // CHECK-NEXT:   %[[I32:.*]] = irdl.is i32
  // CHECK-NEXT:   %[[I64:.*]] = irdl.is i64
  // CHECK-NEXT:   %[[ANY:.*]] = irdl.any_of(%[[I32]], %[[I64]])
  // CHECK-NEXT:   %[[ALL:.*]] = irdl.all_of(%[[ANY]], %[[I64]])
  // CHECK-NEXT:   irdl.results(a: %[[ANY]], b: %[[ALL]])
  irdl.operation @anyof {
    %0 = irdl.is i32
    %1 = irdl.is i64
    %2 = irdl.any_of(%0, %1)
    %3 = irdl.all_of(%2, %1)
    irdl.results(a: %2, b: %3)
  }

  // CHECK:        %[[B0:.*]] = irdl.base @testd::@parametric
  // CHECK-NEXT:   %[[B1:.*]] = irdl.base @testd::@parametric_attr
  // CHECK-NEXT:   %[[B2:.*]] = irdl.base "!builtin.integer"
  // CHECK-NEXT:   %[[B3:.*]] = irdl.base "#builtin.integer"
  // CHECK-NEXT:   %[[P:.*]] = irdl.parametric @testd::@parametric<%[[B2]]>
  // CHECK-NEXT:   irdl.results(r0: %[[B0]], r1: %[[B2]], r2: %[[P]])
  // CHECK-NEXT:   irdl.attributes {"attr1" = %[[B1]], "attr2" = %[[B3]]}
  irdl.operation @bases {
    %0 = irdl.base @testd::@parametric
    %1 = irdl.base @testd::@parametric_attr
    %2 = irdl.base "!builtin.integer"
    %3 = irdl.base "#builtin.integer"
    %4 = irdl.parametric @testd::@parametric<%2>
    irdl.results(r0: %0, r1: %2, r2: %4)
    irdl.attributes {
      "attr1" = %1,
      "attr2" = %3
    }
  }

  // `single` is the default and is not printed.
  // CHECK:        irdl.operands(a: %[[X:[^,]*]], b: %[[X]], c: optional %[[X]], d: variadic %[[X]])
  // CHECK-NEXT:   irdl.results(r: variadic %[[X]])
  irdl.operation @variadics {
    %0 = irdl.is i32
    irdl.operands(a: %0, b: single %0, c: optional %0, d: variadic %0)
    irdl.results(r: variadic %0)
  }

  // CHECK:        %[[R0:.*]] = irdl.region{{$}}
  // CHECK-NEXT:   %[[V0:.*]] = irdl.is i32
  // CHECK-NEXT:   %[[V1:.*]] = irdl.is i64
  // CHECK-NEXT:   %[[R1:.*]] = irdl.region(%[[V0]], %[[V1]])
  // CHECK-NEXT:   %[[R2:.*]] = irdl.region with size 3
  // CHECK-NEXT:   %[[R3:.*]] = irdl.region()
  // CHECK-NEXT:   %[[R4:.*]] = irdl.region(%[[V0]]) with size 2
  // CHECK-NEXT:   irdl.regions(r0: %[[R0]], r1: %[[R1]], r2: %[[R2]], r3: %[[R3]], r4: %[[R4]])
  irdl.operation @regions {
    %r0 = irdl.region
    %v0 = irdl.is i32
    %v1 = irdl.is i64
    %r1 = irdl.region(%v0, %v1)
    %r2 = irdl.region with size 3
    %r3 = irdl.region()
    %r4 = irdl.region(%v0) with size 2
    irdl.regions(r0: %r0, r1: %r1, r2: %r2, r3: %r3, r4: %r4)
  }

  // CHECK:        irdl.is "foo"
  // CHECK-NEXT:   irdl.is 3 : i64
  // CHECK-NEXT:   irdl.is [i32, "x"]
  // CHECK-NEXT:   irdl.operands()
  irdl.operation @attrs_in_is {
    %0 = irdl.is "foo"
    %1 = irdl.is 3
    %2 = irdl.is [i32, "x"]
    irdl.operands()
  }
}

// Discardable attributes on every kind of irdl op, in MLIR's places.
// CHECK-LABEL: irdl.dialect @extra attributes {foo} {
// CHECK-NEXT:    irdl.operation @o attributes {foo} {
// CHECK-NEXT:      %[[IS:.*]] = irdl.is i32  {foo}
// CHECK-NEXT:      %[[ANY:.*]] = irdl.any {foo}
// CHECK-NEXT:      %{{.*}} = irdl.all_of(%[[IS]], %[[ANY]])  {foo}
// CHECK-NEXT:      %[[R:.*]] = irdl.region(%[[IS]]) {foo}
// CHECK-NEXT:      irdl.attributes {"a" = %[[IS]]} {foo}
// CHECK-NEXT:      irdl.operands(a: %[[IS]]) {foo}
// CHECK-NEXT:      irdl.regions(r: %[[R]]) {foo}
irdl.dialect @extra attributes {foo} {
  irdl.operation @o attributes {foo} {
    %0 = irdl.is i32 {foo}
    %1 = irdl.any {foo}
    %2 = irdl.all_of(%0, %1) {foo}
    %3 = irdl.region(%0) {foo}
    irdl.attributes {"a" = %0} {foo}
    irdl.operands(a: %0) {foo}
    irdl.regions(r: %3) {foo}
  }
}
