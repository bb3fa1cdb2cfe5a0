// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(inline)' | filecheck %s

// The inliner erases the private functions it leaves without uses (MLIR's call graph dead
// code elimination), transitively; public ones, and ones something else refers to, stay.

// Dead from the start.
// CHECK-NOT: func.func private @dead_function()
func.func private @dead_function() {
  return
}

// Dead once its only call is inlined.
// CHECK-NOT: func.func private @dead_function_b
func.func private @dead_function_b() {
  return
}

// CHECK: func.func @live_function()
func.func @live_function() {
  call @dead_function_b() : () -> ()
  return
}

// CHECK: func.func @live_function_b
func.func @live_function_b() {
  return
}

// Transitive: both calls of _c and the call of _d are inlined.
// CHECK-NOT: func.func private @dead_function_c
func.func private @dead_function_c() {
  call @live_function_b() : () -> ()
  return
}
// CHECK-NOT: func.func private @dead_function_d
func.func private @dead_function_d() {
  call @dead_function_c() : () -> ()
  call @dead_function_c() : () -> ()
  return
}
// CHECK: func.func @live_function_c
func.func @live_function_c() {
  call @dead_function_c() : () -> ()
  call @dead_function_d() : () -> ()
  return
}

// A chain that only dead functions reach dies with them.
// CHECK-NOT: func.func private @dead_function_e
func.func private @dead_function_e() {
  call @live_function_b() : () -> ()
  return
}
// CHECK-NOT: func.func private @dead_function_f
func.func private @dead_function_f() {
  call @dead_function_e() : () -> ()
  return
}

// Referenced as a value: kept. (An indirect call of the constant would be canonicalized
// into a direct call, inlined, and the function would go, as in MLIR.)
// CHECK: func.func private @referenced_function
func.func private @referenced_function() {
  call @live_function_b() : () -> ()
  return
}
// CHECK: func.func @live_function_f
func.func @live_function_f() {
  %0 = func.constant @referenced_function : () -> ()
  "test.use"(%0) : (() -> ()) -> ()
  return
}

// Referenced by an op that is not a callable: kept.
// CHECK: func.func private @live_function_d
func.func private @live_function_d() {
  return
}

"live.user"() {use = @live_function_d} : () -> ()

// -----

// Recursive private functions nobody calls are dead too.
// CHECK-LABEL: func.func @entry
// CHECK-NOT: @ping
// CHECK-NOT: @pong
func.func @entry() {
  return
}
func.func private @ping() {
  call @pong() : () -> ()
  return
}
func.func private @pong() {
  call @ping() : () -> ()
  return
}
