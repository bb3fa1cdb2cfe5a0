// RUN: dialir-opt %s --irdl-file=%S/Inputs/cyclic-types.irdl.mlir --allow-unregistered-dialect --split-input-file --verify-diagnostics | filecheck %s

// Types whose parameters refer to themselves or to each other (Inputs/cyclic-types.irdl.mlir).

// CHECK: "test.op"() : () -> !testd.self_referencing<i32>
"test.op"() : () -> !testd.self_referencing<i32>
// CHECK: "test.op"() : () -> !testd.self_referencing<!testd.self_referencing<i32>>
"test.op"() : () -> !testd.self_referencing<!testd.self_referencing<i32>>
// CHECK: "test.op"() : () -> !testd.type1<!testd.type2<!testd.type1<i32>>>
"test.op"() : () -> !testd.type1<!testd.type2<!testd.type1<i32>>>

// -----

// expected-error@+1 {{'f32' does not satisfy the constraint}}
"test.op"() : () -> !testd.self_referencing<f32>

// -----

// expected-error@+1 {{'!testd.type1<i32>' does not satisfy the constraint}}
"test.op"() : () -> !testd.type1<!testd.type1<i32>>
