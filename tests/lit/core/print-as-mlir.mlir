// RUN: dialir-opt %s --split-input-file | filecheck %s --strict-whitespace
// RUN: dialir-opt %s --split-input-file -mlir-print-op-generic | dialir-opt --split-input-file | filecheck %s --strict-whitespace
// RUN: dialir-opt %s --split-input-file --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC --strict-whitespace
// RUN: dialir-opt %s --split-input-file --keep-source-names | filecheck %s --check-prefix=SOURCE

// Printing as mlir-opt prints: value names are MLIR's (`%0`, `%arg0`, and the names ops give
// their results, MLIR's getAsmResultNames: `%c0`, `%c3_i32`, `%cst`, `%true`, `%alloc`,
// `%dim`), a region's values named before those of the regions nested in it; blocks carry
// MLIR's predecessor comments; fast-math flags print without spaces. With
// --keep-source-names the input's names are kept.

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

// -----

// A region's values are numbered before those of the regions nested in it; sibling regions
// each start where their parent region stopped; a name taken gets `_N`, with one counter for
// all names. The generic form uses no op names and numbers with unique IDs: the counters run
// on across regions, the last region first (MLIR's SSANameState).

// CHECK-LABEL: func.func @regions(%arg0: index, %arg1: index) -> index {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK-NEXT:    scf.for %arg2 = %c0 to %arg0 step %c1 {
// CHECK-NEXT:      %c0_0 = arith.constant 0 : index
// CHECK-NEXT:      %2 = arith.addi %arg2, %c0_0 : index
// CHECK-NEXT:      scf.for %arg3 = %c0 to %2 step %c1 {
// CHECK-NEXT:        %c1_1 = arith.constant 1 : index
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    %0 = arith.addi %arg0, %arg0 : index
// CHECK-NEXT:    scf.for %arg2 = %c0 to %arg0 step %c1 {
// CHECK-NEXT:      %c0_0 = arith.constant 0 : index
// CHECK-NEXT:      %2 = arith.addi %arg2, %c0_0 : index
// CHECK-NEXT:    }
// CHECK-NEXT:    %1 = arith.addi %0, %arg1 : index
// CHECK-NEXT:    return %1 : index
// CHECK-NEXT:  }
// CHECK-NEXT:  func.func @second(%arg0: index) -> index {
// CHECK-NEXT:    %0 = arith.addi %arg0, %arg0 : index

// GENERIC-LABEL: sym_name = "regions"
// GENERIC-NEXT:  ^bb0(%arg1: index, %arg2: index):
// GENERIC-NEXT:    %1 = "arith.constant"() <{value = 0 : index}> : () -> index
// GENERIC-NEXT:    %2 = "arith.constant"() <{value = 1 : index}> : () -> index
// GENERIC-NEXT:    "scf.for"(%1, %arg1, %2) ({
// GENERIC-NEXT:    ^bb0(%arg4: index):
// GENERIC-NEXT:      %7 = "arith.constant"() <{value = 0 : index}> : () -> index
// GENERIC:         "scf.for"(%1, %arg1, %2) ({
// GENERIC-NEXT:    ^bb0(%arg3: index):
// GENERIC-NEXT:      %5 = "arith.constant"() <{value = 0 : index}> : () -> index
// GENERIC:       sym_name = "second"
// GENERIC-NEXT:  ^bb0(%arg0: index):
// GENERIC-NEXT:    %0 = "arith.addi"(%arg0, %arg0) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index

// SOURCE-LABEL: func.func @regions(%n: index, %p: index) -> index {
// SOURCE:         scf.for %i = %zero to %n step %one {
func.func @regions(%n: index, %p: index) -> index {
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  scf.for %i = %zero to %n step %one {
    %in = arith.constant 0 : index
    %s = arith.addi %i, %in : index
    scf.for %j = %zero to %s step %one {
      %k = arith.constant 1 : index
    }
  }
  %x = arith.addi %n, %n : index
  scf.for %i = %zero to %n step %one {
    %in = arith.constant 0 : index
    %s = arith.addi %i, %in : index
  }
  %r = arith.addi %x, %p : index
  return %r : index
}

func.func @second(%a: index) -> index {
  %y = arith.addi %a, %a : index
  return %y : index
}
