// RUN: dialir-opt %s --mlir-names | filecheck %s --strict-whitespace
// RUN: dialir-opt %s -mlir-names --mlir-print-op-generic | dialir-opt --mlir-names | filecheck %s --strict-whitespace
// RUN: dialir-opt %s | filecheck %s --check-prefix=SOURCE

// Printing as mlir-opt prints: with --mlir-names, value names are MLIR's (`%0`, `%arg0`, and
// the names ops give their results, MLIR's getAsmResultNames: `%c0`, `%c3_i32`, `%cst`,
// `%true`, `%alloc`, `%dim`), a region's values named before those of the regions nested
// in it; blocks carry MLIR's predecessor comments; fast-math flags print without spaces.
// Without the flag the input's names are kept.

// CHECK-LABEL: func.func @names(%arg0: i1, %arg1: f32) -> index {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c3_i32 = arith.constant 3 : i32
// CHECK-NEXT:    %c-1_i8 = arith.constant -1 : i8
// CHECK-NEXT:    %true = arith.constant true
// CHECK-NEXT:    %cst = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:    %cst_0 = arith.constant 2.000000e+00 : f32
// CHECK-NEXT:    %alloc = memref.alloc() : memref<4xf32>
// CHECK-NEXT:    %dim = memref.dim %alloc, %c0 : memref<4xf32>
// CHECK-NEXT:    scf.for %arg2 = %c0 to %dim step %dim {
// CHECK-NEXT:      %3 = arith.addi %c3_i32, %c3_i32 : i32
// CHECK-NEXT:    }
// CHECK-NEXT:    %0 = arith.addf %arg1, %cst fastmath<nnan,ninf> : f32
// CHECK-NEXT:    %1 = arith.addi %c3_i32, %c3_i32 : i32
// CHECK-NEXT:    cf.cond_br %arg0, ^bb1(%1 : i32), ^bb2
// CHECK-NEXT:  ^bb1(%2: i32):  // pred: ^bb0
// CHECK-NEXT:    cf.br ^bb3
// CHECK-NEXT:  ^bb2:  // pred: ^bb0
// CHECK-NEXT:    cf.cond_br %arg0, ^bb3, ^bb3
// CHECK-NEXT:  ^bb3:  // 3 preds: ^bb1, ^bb2, ^bb2
// CHECK-NEXT:    return %dim : index
// CHECK-NEXT:  ^bb4:  // no predecessors
// CHECK-NEXT:    return %c0 : index
// CHECK-NEXT:  }

// SOURCE-LABEL: func.func @names(%c: i1, %f: f32) -> index {
// SOURCE-NEXT:    %zero = arith.constant 0 : index
func.func @names(%c: i1, %f: f32) -> index {
  %zero = arith.constant 0 : index
  %three = arith.constant 3 : i32
  %m1 = arith.constant -1 : i8
  %t = arith.constant true
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %a = memref.alloc() : memref<4xf32>
  %d = memref.dim %a, %zero : memref<4xf32>
  scf.for %i = %zero to %d step %d {
    %in = arith.addi %three, %three : i32
  }
  %x = arith.addf %f, %one fastmath<nnan,ninf> : f32
  %y = arith.addi %three, %three : i32
  cf.cond_br %c, ^bb1(%y : i32), ^bb2
^bb1(%z: i32):
  cf.br ^bb3
^bb2:
  cf.cond_br %c, ^bb3, ^bb3
^bb3:
  return %d : index
^bb4:
  return %zero : index
}
