// RUN: dialir-opt %s --allow-unregistered-dialect | dialir-opt --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s

// CHECK-LABEL: func.func @branches(%arg0: i1, %arg1: i32, %arg2: i32, %arg3: i32) {
// CHECK-NEXT:    cf.assert %arg0, "some message"
// CHECK-NEXT:    cf.cond_br %arg0, ^bb1(%arg1 : i32), ^bb2
// CHECK-NEXT:  ^bb1(%[[X:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT:    cf.br ^bb2
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    cf.switch %arg3 : i32, [
// CHECK-NEXT:      default: ^bb1(%arg1 : i32),
// CHECK-NEXT:      42: ^bb3,
// CHECK-NEXT:      -3: ^bb4(%arg2, %arg1 : i32, i32)
// CHECK-NEXT:    ]
// CHECK-NEXT:  ^bb3:
// CHECK-NEXT:    cf.cond_br %arg0, ^bb4(%arg1, %arg2 : i32, i32), ^bb1(%arg2 : i32) {hint}
// CHECK-NEXT:  ^bb4(%[[Y:[A-Za-z0-9_$.-]+]]: i32, %[[Z:[A-Za-z0-9_$.-]+]]: i32):
// CHECK-NEXT:    return
func.func @branches(%c: i1, %a: i32, %b: i32, %flag: i32) {
  cf.assert %c, "some message"
  cf.cond_br %c, ^bb1(%a : i32), ^bb2
^bb1(%x: i32):
  cf.br ^bb2
^bb2:
  cf.switch %flag : i32, [
    default: ^bb1(%a : i32),
    42: ^bb3,
    -3: ^bb4(%b, %a : i32, i32)
  ]
^bb3:
  cf.cond_br %c, ^bb4(%a, %b : i32, i32), ^bb1(%b : i32) {hint}
^bb4(%y: i32, %z: i32):
  return
}

// CHECK-LABEL: func.func @default_only(%arg0: i64) {
// CHECK-NEXT:    cf.switch %arg0 : i64, [
// MLIR ends a default-only case list on the default's line.
// CHECK-NEXT:      default: ^bb1]
func.func @default_only(%flag: i64) {
  cf.switch %flag : i64, [
    default: ^bb1
  ]
^bb1:
  return
}

// Branch weights (MLIR's WeightedBranchOpInterface): `weights([..])` after the condition,
// `branch_weights = array<i32: ..>` in the generic form.
// CHECK-LABEL: func.func @weights(%arg0: i1, %arg1: i32) {
// CHECK-NEXT:    cf.cond_br %arg0 weights([90, 10]), ^bb1(%arg1 : i32), ^bb2
func.func @weights(%c: i1, %a: i32) {
  cf.cond_br %c weights([90, 10]), ^bb1(%a : i32), ^bb2
^bb1(%x: i32):
  return
^bb2:
  return
}
