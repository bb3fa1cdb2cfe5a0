// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(symbol-dce)' | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(builtin.module(symbol-dce))' | filecheck %s --check-prefix=NESTED
// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(symbol-dce)' --pass-statistics -o /dev/null 2>&1 | filecheck %s --check-prefix=STATS

// The statistic counts the symbols erased in all the chunks of this file.
// STATS: SymbolDCE
// STATS-NEXT: (S) 9 num-dce'd - Number of symbols DCE'd

// Private and nested symbols nothing live refers to go; public ones stay.
// CHECK-LABEL: module attributes {test.simple}
// CHECK-NOT: @dead_private_function
// CHECK-NOT: @dead_nested_function
// CHECK: func.func private @live_private_function()
// CHECK: func.func nested @live_nested_function()
// CHECK: func.func @public_function()
// CHECK: func.func @unused_public_function()
module attributes {test.simple} {
  func.func private @dead_private_function()
  func.func nested @dead_nested_function()
  func.func private @live_private_function()
  func.func nested @live_nested_function()
  func.func @public_function() {
    "foo.return"() {uses = [@live_private_function, @live_nested_function]} : () -> ()
  }
  func.func @unused_public_function() {
    return
  }
}

// -----

// Liveness is transitive through calls, and a chain only reached from a dead symbol dies.
// CHECK-LABEL: module attributes {test.transitive}
// CHECK: func.func @entry
// CHECK: func.func private @callee
// CHECK: func.func private @callee_of_callee
// CHECK-NOT: @dead_caller
// CHECK-NOT: @only_dead_callers
module attributes {test.transitive} {
  func.func @entry() {
    call @callee() : () -> ()
    return
  }
  func.func private @callee() {
    call @callee_of_callee() : () -> ()
    return
  }
  func.func private @callee_of_callee() {
    return
  }
  func.func private @dead_caller() {
    call @only_dead_callers() : () -> ()
    return
  }
  func.func private @only_dead_callers() {
    call @dead_caller() : () -> ()
    return
  }
}

// -----

// A reference nested in a dictionary or an array attribute counts; so does a reference
// from a non-symbol op; an unknown symbol is fine.
// CHECK-LABEL: module attributes {test.nested_attrs}
// CHECK: func.func private @in_array()
// CHECK: func.func private @in_dict()
// CHECK: func.func private @by_non_symbol()
// CHECK-NOT: @unreferenced
// CHECK: "live.user"() {uses = [@unknown_symbol]}
module attributes {test.nested_attrs} {
  func.func private @in_array()
  func.func private @in_dict()
  func.func private @by_non_symbol()
  func.func private @unreferenced()
  func.func @public_function() {
    "foo.op"() {refs = [[@in_array]], table = {key = {inner = @in_dict}}} : () -> ()
    return
  }
  "live.user"() {uses = [@by_non_symbol]} : () -> ()
  "live.user"() {uses = [@unknown_symbol]} : () -> ()
}

// -----

// Symbols of a nested table: a public module keeps its used symbols, `@a::@b` marks both.
// CHECK-LABEL: module attributes {test.nested}
// CHECK: module @public_module
// CHECK-NOT: @dead_nested_function
// CHECK: func.func private @private_function()
// CHECK: func.func nested @nested_function()
module attributes {test.nested} {
  module @public_module {
    func.func nested @dead_nested_function()
    func.func private @private_function()
    func.func nested @nested_function() {
      "foo.return"() {uses = [@private_function]} : () -> ()
    }
  }
  "live.user"() {uses = [@public_module::@nested_function]} : () -> ()
}

// -----

// Run on a nested module, only a private one is hidden from the outside: the nested
// symbols of a public or nested module may be used from above and stay.
// NESTED-LABEL: module attributes {test.no_dce_non_hidden_parent}
// NESTED: module @public_module
// NESTED-NEXT: func.func nested @nested_function()
// NESTED: module @nested_module
// NESTED-NEXT: func.func nested @nested_function()
// NESTED: module @private_module
// NESTED-NOT: @nested_function
// NESTED: "live.user"
module attributes {test.no_dce_non_hidden_parent} {
  module @public_module {
    func.func nested @nested_function()
  }
  module @nested_module attributes {sym_visibility = "nested"} {
    func.func nested @nested_function()
  }
  module @private_module attributes {sym_visibility = "private"} {
    func.func nested @nested_function()
  }
  "live.user"() {uses = [@nested_module, @private_module]} : () -> ()
}

// -----

// A symbol inside a region that is not a symbol table is never erased (a two-region op
// of an unknown dialect cannot be a symbol table).
// CHECK-LABEL: module attributes {test.non_table_region}
// CHECK: func.func private @in_region
module attributes {test.non_table_region} {
  "foo.scope"() ({
    func.func private @in_region() {
      return
    }
    "foo.end"() : () -> ()
  }, {
    "foo.end"() : () -> ()
  }) : () -> ()
}

