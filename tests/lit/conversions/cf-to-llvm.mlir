// RUN: dialir-opt %s --split-input-file --convert-cf-to-llvm | filecheck %s

// Branches keep their successors; their operands and the blocks' arguments convert together.

// CHECK-LABEL: func.func @branches(
func.func @branches(%c: i1, %x: f32, %i: i32) -> f32 {
  // CHECK: llvm.cond_br %{{.*}}, ^bb1(%{{.*}} : f32), ^bb2
  cf.cond_br %c, ^bb1(%x : f32), ^bb2
// CHECK: ^bb1(%[[A:.*]]: f32):
^bb1(%a: f32):
  // CHECK: llvm.br ^bb3(%[[A]] : f32)
  cf.br ^bb3(%a : f32)
^bb2:
  // CHECK: llvm.switch %{{.*}} : i32, ^bb3(%{{.*}} : f32) [
  // CHECK-NEXT: 4: ^bb1(%{{.*}} : f32),
  // CHECK-NEXT: 7: ^bb3(%{{.*}} : f32)
  // CHECK-NEXT: ]
  cf.switch %i : i32, [
    default: ^bb3(%x : f32),
    4: ^bb1(%x : f32),
    7: ^bb3(%x : f32)
  ]
^bb3(%r: f32):
  return %r : f32
}

// -----

// Index block arguments become i64 with the branches that feed them.

// CHECK-LABEL: func.func @index_args(
func.func @index_args(%n: index) {
  %c0 = arith.constant 0 : index
  // CHECK: %[[N:.*]] = builtin.unrealized_conversion_cast %{{.*}} : index to i64
  // CHECK: llvm.br ^bb1(%[[N]] : i64)
  cf.br ^bb1(%n : index)
// CHECK: ^bb1(%[[I:.*]]: i64):
^bb1(%i: index):
  return
}

// -----

// cf.assert: the rest of the block runs when the condition holds; otherwise the message
// goes to puts() and abort() is called, as in MLIR.

// CHECK: llvm.mlir.global private constant @assert_msg("expected true\00") {addr_space = 0 : i32}
// CHECK: llvm.func @puts(!llvm.ptr) -> i32
// CHECK: llvm.func @abort()
// CHECK-LABEL: func.func @assert(
func.func @assert(%c: i1) {
  // CHECK: llvm.cond_br %{{.*}}, ^[[OK:.*]], ^[[FAIL:bb[0-9]+]]
  cf.assert %c, "expected true"
  // CHECK: ^[[FAIL]]:
  // CHECK-NEXT: %[[MSG:.*]] = llvm.mlir.addressof @assert_msg : !llvm.ptr
  // CHECK-NEXT: llvm.call @puts(%[[MSG]]) : (!llvm.ptr) -> i32
  // CHECK-NEXT: llvm.call @abort() : () -> ()
  // CHECK-NEXT: llvm.unreachable
  // CHECK: ^[[OK]]:
  // CHECK-NEXT: return
  return
}
