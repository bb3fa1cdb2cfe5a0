// RUN: dialir-opt %s | dialir-opt | filecheck %s
// RUN: dialir-opt %s --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC

// MLIR's custom syntax: inputs and their types (none at all is allowed), `to`, the results.

// CHECK-LABEL: func.func @casts
// CHECK-NEXT: %[[A:.*]] = builtin.unrealized_conversion_cast %{{.*}} : i32 to i64
// CHECK-NEXT: %{{.*}}:2 = builtin.unrealized_conversion_cast %{{.*}}, %[[A]] : index, i64 to i1, f32
// CHECK-NEXT: %{{.*}} = builtin.unrealized_conversion_cast to tensor<2xf32> {note = "source"}
// GENERIC: "builtin.unrealized_conversion_cast"(%{{.*}}) : (i32) -> i64
// GENERIC: "builtin.unrealized_conversion_cast"() {note = "source"} : () -> tensor<2xf32>
func.func @casts(%a: i32, %i: index) {
  %0 = builtin.unrealized_conversion_cast %a : i32 to i64
  %1:2 = builtin.unrealized_conversion_cast %i, %0 : index, i64 to i1, f32
  %2 = "builtin.unrealized_conversion_cast"() {note = "source"} : () -> tensor<2xf32>
  return
}
