// RUN: dialir-opt %s --allow-unregistered-dialect | dialir-opt --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s

// CHECK-LABEL: func.func private @ext(i32) -> f32
func.func private @ext(i32) -> f32

// CHECK-LABEL: func.func private @named_decl(i32 {foo}, f32)
func.func private @named_decl(%a: i32 {foo}, %b: f32)

// CHECK-LABEL: func.func nested @vis()
func.func nested @vis() {
  return
}

// CHECK-LABEL: func.func @f(%arg0: i32 {foo}, %arg1: f32) -> (i32 {bar}) attributes {x} {
// CHECK-NEXT:    return %arg0 : i32
// CHECK-NEXT:  }
func.func @f(%arg0: i32 {foo}, %arg1: f32) -> (i32 {bar}) attributes {x} {
  func.return %arg0 : i32
}

// CHECK-LABEL: func.func @multi(%arg0: i32) -> (i32, i32) {
// CHECK-NEXT:    cf.br ^bb1(%arg0 : i32)
// CHECK-NEXT:  ^bb1(%[[B:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT:    return %[[B]], %[[B]] : i32, i32
func.func @multi(%a: i32) -> (i32, i32) {
  cf.br ^bb1(%a : i32)
^bb1(%b: i32):
  return %b, %b : i32, i32
}

// CHECK-LABEL: func.func @calls(%arg0: i32) -> f32 {
// CHECK-NEXT:    %[[V0:[A-Za-z0-9_$.-]+]] = call @ext(%arg0) : (i32) -> f32
// CHECK-NEXT:    %[[V1:[A-Za-z0-9_$.-]+]] = call @ext(%arg0) {no_inline} : (i32) -> f32
// CHECK-NEXT:    %[[FN:[A-Za-z0-9_$.-]+]] = constant @ext : (i32) -> f32
// CHECK-NEXT:    %[[V2:[A-Za-z0-9_$.-]+]] = call_indirect %[[FN]](%arg0) : (i32) -> f32
// CHECK-NEXT:    "test.op"() ({
// CHECK-NEXT:      %[[V3:[A-Za-z0-9_$.-]+]] = func.call @ext(%arg0) : (i32) -> f32
// CHECK-NEXT:      "test.done"() : () -> ()
// CHECK-NEXT:    }) : () -> ()
// CHECK-NEXT:    return %[[V2]] : f32
func.func @calls(%x: i32) -> f32 {
  %0 = func.call @ext(%x) : (i32) -> f32
  %1 = call @ext(%x) {no_inline} : (i32) -> f32
  %fn = func.constant @ext : (i32) -> f32
  %2 = func.call_indirect %fn(%x) : (i32) -> f32
  "test.op"() ({
    %3 = func.call @ext(%x) : (i32) -> f32
    "test.done"() : () -> ()
  }) : () -> ()
  return %2 : f32
}

// CHECK-LABEL: func.func @fn_result() -> ((i32) -> f32) {
func.func @fn_result() -> ((i32) -> f32) {
  %fn = constant @ext : (i32) -> f32
  return %fn : (i32) -> f32
}

// Inherent attributes written in the attribute dictionary become properties.
// CHECK-LABEL: func.func @old_generic
// CHECK: %[[V0]] = call @ext(%[[X:[A-Za-z0-9_$.-]+]]) : (i32) -> f32
"func.func"() ({
^bb0(%x: i32):
  %0 = "func.call"(%x) {callee = @ext} : (i32) -> f32
  "func.return"() : () -> ()
}) {sym_name = "old_generic", function_type = (i32) -> ()} : () -> ()
