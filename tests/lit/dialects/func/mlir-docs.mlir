// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --split-input-file --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s

// Acceptance tests for the `func` dialect: the examples of MLIR's own documentation
// (https://mlir.llvm.org/docs/Dialects/Func/), each made a self-contained, verifiable
// module. Operands come from function arguments or `"test.source"` ops. The checks hold
// what `mlir-opt` prints for each chunk: ops of the `func` dialect nested in a `func.func`
// print without their `func.` prefix (the function's default dialect), argument names are
// renumbered (hence the `%[[X:.*]]` patterns), declarations print only argument types.

// From: https://mlir.llvm.org/docs/Dialects/Func/#funccall-funccallop
func.func private @my_add(f32, f32) -> f32

func.func @call_example() -> f32 {
  %0 = "test.source"() : () -> f32
  %1 = "test.source"() : () -> f32
  %2 = func.call @my_add(%0, %1) : (f32, f32) -> f32
  func.return %2 : f32
}

// CHECK-LABEL: func.func private @my_add(f32, f32) -> f32
// CHECK-LABEL: func.func @call_example() -> f32 {
// CHECK: %[[A:.*]] = "test.source"() : () -> f32
// CHECK: %[[B:.*]] = "test.source"() : () -> f32
// CHECK: %[[R:.*]] = call @my_add(%[[A]], %[[B]]) : (f32, f32) -> f32
// CHECK: return %[[R]] : f32

// -----

// From: https://mlir.llvm.org/docs/Dialects/Func/#funccall_indirect-funccallindirectop
func.func private @my_func(tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>

func.func @call_indirect_example() -> tensor<16xf32> {
  %0 = "test.source"() : () -> tensor<16xf32>
  %1 = "test.source"() : () -> tensor<16xf32>
  %func = func.constant @my_func : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %result = func.call_indirect %func(%0, %1) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return %result : tensor<16xf32>
}

// CHECK-LABEL: func.func private @my_func(tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
// CHECK-LABEL: func.func @call_indirect_example() -> tensor<16xf32> {
// CHECK: %[[A:.*]] = "test.source"() : () -> tensor<16xf32>
// CHECK: %[[B:.*]] = "test.source"() : () -> tensor<16xf32>
// CHECK: %[[F:.*]] = constant @my_func : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
// CHECK: %[[R:.*]] = call_indirect %[[F]](%[[A]], %[[B]]) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
// CHECK: return %[[R]] : tensor<16xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/Func/#funcconstant-funcconstantop
func.func private @myfn(tensor<16xf32>, f32) -> tensor<16xf32>

func.func @constant_example() -> ((tensor<16xf32>, f32) -> tensor<16xf32>) {
  // Reference to function @myfn.
  %2 = func.constant @myfn : (tensor<16xf32>, f32) -> tensor<16xf32>
  return %2 : (tensor<16xf32>, f32) -> tensor<16xf32>
}

// CHECK-LABEL: func.func private @myfn(tensor<16xf32>, f32) -> tensor<16xf32>
// CHECK-LABEL: func.func @constant_example() -> ((tensor<16xf32>, f32) -> tensor<16xf32>) {
// CHECK: %[[F:.*]] = constant @myfn : (tensor<16xf32>, f32) -> tensor<16xf32>
// CHECK: return %[[F]] : (tensor<16xf32>, f32) -> tensor<16xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/Func/#funcconstant-funcconstantop
// (the "equivalent generic form" of the example above; it prints in the custom form)
func.func private @myfn(tensor<16xf32>, f32) -> tensor<16xf32>

func.func @constant_generic_example() -> ((tensor<16xf32>, f32) -> tensor<16xf32>) {
  %2 = "func.constant"() { value = @myfn } : () -> ((tensor<16xf32>, f32) -> tensor<16xf32>)
  return %2 : (tensor<16xf32>, f32) -> tensor<16xf32>
}

// CHECK-LABEL: func.func private @myfn(tensor<16xf32>, f32) -> tensor<16xf32>
// CHECK-LABEL: func.func @constant_generic_example() -> ((tensor<16xf32>, f32) -> tensor<16xf32>) {
// CHECK: %[[F:.*]] = constant @myfn : (tensor<16xf32>, f32) -> tensor<16xf32>
// CHECK: return %[[F]] : (tensor<16xf32>, f32) -> tensor<16xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/Func/#funcfunc-funcfuncop
// (adapted: the page writes `func.func @abort()`; a declaration must not be public, so
// the verifier requires `private`)
func.func private @abort()

// CHECK-LABEL: func.func private @abort()
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Func/#funcfunc-funcfuncop
// (adapted: `private` added as above; the page leaves `#layout_map0` undefined, so it is
// defined here as a non-identity layout; aliases are renamed `#map` by the printer)
#layout_map0 = affine_map<(d0, d1) -> (d1, d0)>
func.func private @scribble(i32, i64, memref<? x 128 x f32, #layout_map0>) -> f64

// CHECK: #[[MAP:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func private @scribble(
// CHECK-SAME: i32, i64, memref<?x128xf32, #[[MAP]]>) -> f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/Func/#funcfunc-funcfuncop
// (doc typo fixed: `attributes {fruit: "banana"}` is old syntax, now `fruit = "banana"`)
// A function that returns its argument twice:
func.func @count(%x: i64) -> (i64, i64)
  attributes {fruit = "banana"} {
  return %x, %x: i64, i64
}

// CHECK-LABEL: func.func @count(
// CHECK-SAME: %[[X:.*]]: i64) -> (i64, i64) attributes {fruit = "banana"} {
// CHECK: return %[[X]], %[[X]] : i64, i64

// -----

// From: https://mlir.llvm.org/docs/Dialects/Func/#funcfunc-funcfuncop
// (adapted: `private` added, a body-less function must be a private declaration)
// A function with an argument attribute
func.func private @example_fn_arg(%x: i32 {swift.self = unit})

// CHECK-LABEL: func.func private @example_fn_arg(i32 {swift.self})

// -----

// From: https://mlir.llvm.org/docs/Dialects/Func/#funcfunc-funcfuncop
// (adapted: `private` added, a body-less function must be a private declaration)
// A function with a result attribute
func.func private @example_fn_result() -> (f64 {dialectName.attrName = 0 : i64})

// CHECK-LABEL: func.func private @example_fn_result() -> (f64 {dialectName.attrName = 0 : i64})

// -----

// From: https://mlir.llvm.org/docs/Dialects/Func/#funcfunc-funcfuncop
// (adapted: `private` added, a body-less function must be a private declaration)
// A function with an attribute
func.func private @example_fn_attr() attributes {dialectName.attrName = false}

// CHECK-LABEL: func.func private @example_fn_attr() attributes {dialectName.attrName = false}

// -----

// From: https://mlir.llvm.org/docs/Dialects/Func/#funcreturn-funcreturnop
// (doc typo fixed: the page writes `func.func @foo() : (i32, f8)`; a result list follows
// `->`, and `f8` is not a builtin type, so `f16` is used; `...` became two sources)
func.func @foo() -> (i32, f16) {
  %0 = "test.source"() : () -> i32
  %1 = "test.source"() : () -> f16
  return %0, %1 : i32, f16
}

// CHECK-LABEL: func.func @foo() -> (i32, f16) {
// CHECK: %[[A:.*]] = "test.source"() : () -> i32
// CHECK: %[[B:.*]] = "test.source"() : () -> f16
// CHECK: return %[[A]], %[[B]] : i32, f16
