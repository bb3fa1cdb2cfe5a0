// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --split-input-file --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s

// Acceptance tests for the `arith` dialect: the examples of MLIR's own documentation
// (https://mlir.llvm.org/docs/Dialects/ArithOps/), each made a self-contained, verifiable
// module. The example lines are copied as written; their operands are function arguments
// (named as on the page) or `"test.source"` ops. Where one example block defines the same
// value twice it is split into two chunks. The checks hold what `mlir-opt` prints: names
// are renumbered (hence `%[[X:.*]]`), types are printed without spaces (`vector<2xi32>`),
// generic forms print in the custom form. Ops the page gives no example for are written
// from the op's documented syntax and say so.

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithconstant-arithconstantop
func.func @constant() -> i32 {
  // Integer constant
  %1 = arith.constant 42 : i32
  return %1 : i32
}

// CHECK-LABEL: func.func @constant() -> i32 {
// CHECK: %[[C:.*]] = arith.constant 42 : i32
// CHECK: return %[[C]] : i32

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithconstant-arithconstantop
// ("Equivalent generic form" of the example above)
func.func @constant_generic() -> i32 {
  %1 = "arith.constant"() {value = 42 : i32} : () -> i32
  return %1 : i32
}

// CHECK-LABEL: func.func @constant_generic() -> i32 {
// CHECK: %[[C:.*]] = arith.constant 42 : i32
// CHECK: return %[[C]] : i32

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithconstant-arithconstantop
// (adapted: the page shows integer constants only; these are the float, bool, index and
// dense forms of the same op, to pin down the printer's canonical forms)
func.func @constant_forms() {
  %cst = arith.constant 1.0 : f32
  %cst_0 = arith.constant 2.5 : f64
  %true = arith.constant true
  %c0 = arith.constant 0 : index
  %cst_1 = arith.constant dense<[1.0, 2.0]> : vector<2xf32>
  %cst_2 = arith.constant dense<7> : tensor<4xi32>
  "test.sink"(%cst, %cst_0, %true, %c0, %cst_1, %cst_2) : (f32, f64, i1, index, vector<2xf32>, tensor<4xi32>) -> ()
  return
}

// CHECK-LABEL: func.func @constant_forms() {
// CHECK: %[[A:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[B:.*]] = arith.constant 2.500000e+00 : f64
// CHECK: %[[T:.*]] = arith.constant true
// CHECK: %[[I:.*]] = arith.constant 0 : index
// CHECK: %[[V:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : vector<2xf32>
// CHECK: %[[S:.*]] = arith.constant dense<7> : tensor<4xi32>
// CHECK: "test.sink"(%[[A]], %[[B]], %[[T]], %[[I]], %[[V]], %[[S]]) : (f32, f64, i1, index, vector<2xf32>, tensor<4xi32>) -> ()

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithaddi-arithaddiop
func.func @addi(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>, %y: tensor<4x?xi8>, %z: tensor<4x?xi8>) {
  // Scalar addition.
  %a = arith.addi %b, %c : i64

  // SIMD vector element-wise addition.
  %f = arith.addi %g, %h : vector<4xi32>

  // Tensor element-wise addition.
  %x = arith.addi %y, %z : tensor<4x?xi8>
  return
}

// CHECK-LABEL: func.func @addi(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>, %[[Y:.*]]: tensor<4x?xi8>, %[[Z:.*]]: tensor<4x?xi8>)
// CHECK: arith.addi %[[B]], %[[C]] : i64
// CHECK: arith.addi %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.addi %[[Y]], %[[Z]] : tensor<4x?xi8>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithaddi-arithaddiop
func.func @addi_overflow(%b: i64, %c: i64) -> i64 {
  // Scalar addition with overflow flags.
  %a = arith.addi %b, %c overflow<nsw, nuw> : i64
  return %a : i64
}

// CHECK-LABEL: func.func @addi_overflow(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64) -> i64 {
// CHECK: %[[A:.*]] = arith.addi %[[B]], %[[C]] overflow<nsw, nuw> : i64
// CHECK: return %[[A]] : i64

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithsubi-arithsubiop
func.func @subi(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>, %y: tensor<4x?xi8>, %z: tensor<4x?xi8>) {
  // Scalar subtraction.
  %a = arith.subi %b, %c : i64

  // SIMD vector element-wise subtraction.
  %f = arith.subi %g, %h : vector<4xi32>

  // Tensor element-wise subtraction.
  %x = arith.subi %y, %z : tensor<4x?xi8>
  return
}

// CHECK-LABEL: func.func @subi(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>, %[[Y:.*]]: tensor<4x?xi8>, %[[Z:.*]]: tensor<4x?xi8>)
// CHECK: arith.subi %[[B]], %[[C]] : i64
// CHECK: arith.subi %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.subi %[[Y]], %[[Z]] : tensor<4x?xi8>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithsubi-arithsubiop
func.func @subi_overflow(%b: i64, %c: i64) -> i64 {
  // Scalar subtraction with overflow flags.
  %a = arith.subi %b, %c overflow<nsw, nuw> : i64
  return %a : i64
}

// CHECK-LABEL: func.func @subi_overflow(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64) -> i64 {
// CHECK: %[[A:.*]] = arith.subi %[[B]], %[[C]] overflow<nsw, nuw> : i64
// CHECK: return %[[A]] : i64

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithmuli-arithmuliop
func.func @muli(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>, %y: tensor<4x?xi8>, %z: tensor<4x?xi8>) {
  // Scalar multiplication.
  %a = arith.muli %b, %c : i64

  // SIMD vector element-wise multiplication.
  %f = arith.muli %g, %h : vector<4xi32>

  // Tensor element-wise multiplication.
  %x = arith.muli %y, %z : tensor<4x?xi8>
  return
}

// CHECK-LABEL: func.func @muli(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>, %[[Y:.*]]: tensor<4x?xi8>, %[[Z:.*]]: tensor<4x?xi8>)
// CHECK: arith.muli %[[B]], %[[C]] : i64
// CHECK: arith.muli %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.muli %[[Y]], %[[Z]] : tensor<4x?xi8>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithmuli-arithmuliop
func.func @muli_overflow(%b: i64, %c: i64) -> i64 {
  // Scalar multiplication with overflow flags.
  %a = arith.muli %b, %c overflow<nsw, nuw> : i64
  return %a : i64
}

// CHECK-LABEL: func.func @muli_overflow(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64) -> i64 {
// CHECK: %[[A:.*]] = arith.muli %[[B]], %[[C]] overflow<nsw, nuw> : i64
// CHECK: return %[[A]] : i64

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithdivui-arithdivuiop
func.func @divui(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>, %y: tensor<4x?xi8>, %z: tensor<4x?xi8>) {
  // Scalar unsigned integer division.
  %a = arith.divui %b, %c : i64

  // SIMD vector element-wise division.
  %f = arith.divui %g, %h : vector<4xi32>

  // Tensor element-wise integer division.
  %x = arith.divui %y, %z : tensor<4x?xi8>
  return
}

// CHECK-LABEL: func.func @divui(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>, %[[Y:.*]]: tensor<4x?xi8>, %[[Z:.*]]: tensor<4x?xi8>)
// CHECK: arith.divui %[[B]], %[[C]] : i64
// CHECK: arith.divui %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.divui %[[Y]], %[[Z]] : tensor<4x?xi8>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithdivui-arithdivuiop
func.func @divui_exact(%b: i64, %c: i64) -> i64 {
  // Scalar unsigned integer division where %b is known to be a multiple of %c.
  %a = arith.divui %b, %c exact : i64
  return %a : i64
}

// CHECK-LABEL: func.func @divui_exact(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64) -> i64 {
// CHECK: %[[A:.*]] = arith.divui %[[B]], %[[C]] exact : i64
// CHECK: return %[[A]] : i64

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithdivsi-arithdivsiop
func.func @divsi(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>, %y: tensor<4x?xi8>, %z: tensor<4x?xi8>) {
  // Scalar signed integer division.
  %a = arith.divsi %b, %c : i64

  // SIMD vector element-wise division.
  %f = arith.divsi %g, %h : vector<4xi32>

  // Tensor element-wise integer division.
  %x = arith.divsi %y, %z : tensor<4x?xi8>
  return
}

// CHECK-LABEL: func.func @divsi(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>, %[[Y:.*]]: tensor<4x?xi8>, %[[Z:.*]]: tensor<4x?xi8>)
// CHECK: arith.divsi %[[B]], %[[C]] : i64
// CHECK: arith.divsi %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.divsi %[[Y]], %[[Z]] : tensor<4x?xi8>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithdivsi-arithdivsiop
func.func @divsi_exact(%b: i64, %c: i64) -> i64 {
  // Scalar signed integer division where %b is known to be a multiple of %c.
  %a = arith.divsi %b, %c exact : i64
  return %a : i64
}

// CHECK-LABEL: func.func @divsi_exact(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64) -> i64 {
// CHECK: %[[A:.*]] = arith.divsi %[[B]], %[[C]] exact : i64
// CHECK: return %[[A]] : i64

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithceildivsi-arithceildivsiop
func.func @ceildivsi(%b: i64, %c: i64) -> i64 {
  // Scalar signed integer division.
  %a = arith.ceildivsi %b, %c : i64
  return %a : i64
}

// CHECK-LABEL: func.func @ceildivsi(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64) -> i64 {
// CHECK: %[[A:.*]] = arith.ceildivsi %[[B]], %[[C]] : i64
// CHECK: return %[[A]] : i64

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithfloordivsi-arithfloordivsiop
func.func @floordivsi(%b: i64, %c: i64) -> i64 {
  // Scalar signed integer division.
  %a = arith.floordivsi %b, %c : i64
  return %a : i64
}

// CHECK-LABEL: func.func @floordivsi(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64) -> i64 {
// CHECK: %[[A:.*]] = arith.floordivsi %[[B]], %[[C]] : i64
// CHECK: return %[[A]] : i64

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithremui-arithremuiop
func.func @remui(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>, %y: tensor<4x?xi8>, %z: tensor<4x?xi8>) {
  // Scalar unsigned integer division remainder.
  %a = arith.remui %b, %c : i64

  // SIMD vector element-wise division remainder.
  %f = arith.remui %g, %h : vector<4xi32>

  // Tensor element-wise integer division remainder.
  %x = arith.remui %y, %z : tensor<4x?xi8>
  return
}

// CHECK-LABEL: func.func @remui(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>, %[[Y:.*]]: tensor<4x?xi8>, %[[Z:.*]]: tensor<4x?xi8>)
// CHECK: arith.remui %[[B]], %[[C]] : i64
// CHECK: arith.remui %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.remui %[[Y]], %[[Z]] : tensor<4x?xi8>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithremsi-arithremsiop
func.func @remsi(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>, %y: tensor<4x?xi8>, %z: tensor<4x?xi8>) {
  // Scalar signed integer division remainder.
  %a = arith.remsi %b, %c : i64

  // SIMD vector element-wise division remainder.
  %f = arith.remsi %g, %h : vector<4xi32>

  // Tensor element-wise integer division remainder.
  %x = arith.remsi %y, %z : tensor<4x?xi8>
  return
}

// CHECK-LABEL: func.func @remsi(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>, %[[Y:.*]]: tensor<4x?xi8>, %[[Z:.*]]: tensor<4x?xi8>)
// CHECK: arith.remsi %[[B]], %[[C]] : i64
// CHECK: arith.remsi %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.remsi %[[Y]], %[[Z]] : tensor<4x?xi8>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithandi-arithandiop
func.func @andi(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>, %y: tensor<4x?xi8>, %z: tensor<4x?xi8>) {
  // Scalar integer bitwise and.
  %a = arith.andi %b, %c : i64

  // SIMD vector element-wise bitwise integer and.
  %f = arith.andi %g, %h : vector<4xi32>

  // Tensor element-wise bitwise integer and.
  %x = arith.andi %y, %z : tensor<4x?xi8>
  return
}

// CHECK-LABEL: func.func @andi(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>, %[[Y:.*]]: tensor<4x?xi8>, %[[Z:.*]]: tensor<4x?xi8>)
// CHECK: arith.andi %[[B]], %[[C]] : i64
// CHECK: arith.andi %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.andi %[[Y]], %[[Z]] : tensor<4x?xi8>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithori-arithoriop
func.func @ori(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>, %y: tensor<4x?xi8>, %z: tensor<4x?xi8>) {
  // Scalar integer bitwise or.
  %a = arith.ori %b, %c : i64

  // SIMD vector element-wise bitwise integer or.
  %f = arith.ori %g, %h : vector<4xi32>

  // Tensor element-wise bitwise integer or.
  %x = arith.ori %y, %z : tensor<4x?xi8>
  return
}

// CHECK-LABEL: func.func @ori(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>, %[[Y:.*]]: tensor<4x?xi8>, %[[Z:.*]]: tensor<4x?xi8>)
// CHECK: arith.ori %[[B]], %[[C]] : i64
// CHECK: arith.ori %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.ori %[[Y]], %[[Z]] : tensor<4x?xi8>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithxori-arithxoriop
func.func @xori(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>, %y: tensor<4x?xi8>, %z: tensor<4x?xi8>) {
  // Scalar integer bitwise xor.
  %a = arith.xori %b, %c : i64

  // SIMD vector element-wise bitwise integer xor.
  %f = arith.xori %g, %h : vector<4xi32>

  // Tensor element-wise bitwise integer xor.
  %x = arith.xori %y, %z : tensor<4x?xi8>
  return
}

// CHECK-LABEL: func.func @xori(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>, %[[Y:.*]]: tensor<4x?xi8>, %[[Z:.*]]: tensor<4x?xi8>)
// CHECK: arith.xori %[[B]], %[[C]] : i64
// CHECK: arith.xori %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.xori %[[Y]], %[[Z]] : tensor<4x?xi8>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithshli-arithshliop
func.func @shli() {
  %1 = arith.constant 5 : i8  // %1 is 0b00000101
  %2 = arith.constant 3 : i8
  %3 = arith.shli %1, %2 : i8 // %3 is 0b00101000
  %4 = arith.shli %1, %2 overflow<nsw, nuw> : i8
  return
}

// CHECK-LABEL: func.func @shli() {
// CHECK: %[[C5:.*]] = arith.constant 5 : i8
// CHECK: %[[C3:.*]] = arith.constant 3 : i8
// CHECK: arith.shli %[[C5]], %[[C3]] : i8
// CHECK: arith.shli %[[C5]], %[[C3]] overflow<nsw, nuw> : i8

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithshrui-arithshruiop
func.func @shrui() {
  %1 = arith.constant 160 : i8        // %1 is 0b10100000
  %2 = arith.constant 3 : i8
  %3 = arith.constant 6 : i8
  %4 = arith.shrui %1, %2 exact : i8  // %4 is 0b00010100
  %5 = arith.shrui %1, %3 : i8        // %3 is 0b00000010
  return
}

// CHECK-LABEL: func.func @shrui() {
// CHECK: %[[C160:.*]] = arith.constant -96 : i8
// CHECK: %[[C3:.*]] = arith.constant 3 : i8
// CHECK: %[[C6:.*]] = arith.constant 6 : i8
// CHECK: arith.shrui %[[C160]], %[[C3]] exact : i8
// CHECK: arith.shrui %[[C160]], %[[C6]] : i8

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithshrsi-arithshrsiop
func.func @shrsi() {
  %1 = arith.constant 160 : i8         // %1 is 0b10100000
  %2 = arith.constant 3 : i8
  %3 = arith.shrsi %1, %2 exact : i8   // %3 is 0b11110100
  %4 = arith.constant 98 : i8          // %4 is 0b01100010
  %5 = arith.shrsi %4, %2 : i8         // %5 is 0b00001100
  return
}

// CHECK-LABEL: func.func @shrsi() {
// CHECK: %[[C160:.*]] = arith.constant -96 : i8
// CHECK: %[[C3:.*]] = arith.constant 3 : i8
// CHECK: arith.shrsi %[[C160]], %[[C3]] exact : i8
// CHECK: %[[C98:.*]] = arith.constant 98 : i8
// CHECK: arith.shrsi %[[C98]], %[[C3]] : i8

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithnegf-arithnegfop
// (doc typo fixed: `tensor<4x?xf8>`; `f8` is not a builtin type, `f16` is used)
func.func @negf(%b: f64, %g: vector<4xf32>, %y: tensor<4x?xf16>) {
  // Scalar negation value.
  %a = arith.negf %b : f64

  // SIMD vector element-wise negation value.
  %f = arith.negf %g : vector<4xf32>

  // Tensor element-wise negation value.
  %x = arith.negf %y : tensor<4x?xf16>
  return
}

// CHECK-LABEL: func.func @negf(
// CHECK-SAME: %[[B:.*]]: f64, %[[G:.*]]: vector<4xf32>, %[[Y:.*]]: tensor<4x?xf16>)
// CHECK: arith.negf %[[B]] : f64
// CHECK: arith.negf %[[G]] : vector<4xf32>
// CHECK: arith.negf %[[Y]] : tensor<4x?xf16>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithaddf-arithaddfop
func.func @addf(%b: f64, %c: f64, %g: vector<4xf32>, %h: vector<4xf32>, %y: tensor<4x?xbf16>, %z: tensor<4x?xbf16>) {
  // Scalar addition.
  %a = arith.addf %b, %c : f64

  // SIMD vector addition, e.g. for Intel SSE.
  %f = arith.addf %g, %h : vector<4xf32>

  // Tensor addition.
  %x = arith.addf %y, %z : tensor<4x?xbf16>
  return
}

// CHECK-LABEL: func.func @addf(
// CHECK-SAME: %[[B:.*]]: f64, %[[C:.*]]: f64, %[[G:.*]]: vector<4xf32>, %[[H:.*]]: vector<4xf32>, %[[Y:.*]]: tensor<4x?xbf16>, %[[Z:.*]]: tensor<4x?xbf16>)
// CHECK: arith.addf %[[B]], %[[C]] : f64
// CHECK: arith.addf %[[G]], %[[H]] : vector<4xf32>
// CHECK: arith.addf %[[Y]], %[[Z]] : tensor<4x?xbf16>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithsubf-arithsubfop
func.func @subf(%b: f64, %c: f64, %g: vector<4xf32>, %h: vector<4xf32>, %y: tensor<4x?xbf16>, %z: tensor<4x?xbf16>) {
  // Scalar subtraction.
  %a = arith.subf %b, %c : f64

  // SIMD vector subtraction, e.g. for Intel SSE.
  %f = arith.subf %g, %h : vector<4xf32>

  // Tensor subtraction.
  %x = arith.subf %y, %z : tensor<4x?xbf16>
  return
}

// CHECK-LABEL: func.func @subf(
// CHECK-SAME: %[[B:.*]]: f64, %[[C:.*]]: f64, %[[G:.*]]: vector<4xf32>, %[[H:.*]]: vector<4xf32>, %[[Y:.*]]: tensor<4x?xbf16>, %[[Z:.*]]: tensor<4x?xbf16>)
// CHECK: arith.subf %[[B]], %[[C]] : f64
// CHECK: arith.subf %[[G]], %[[H]] : vector<4xf32>
// CHECK: arith.subf %[[Y]], %[[Z]] : tensor<4x?xbf16>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithmulf-arithmulfop
func.func @mulf(%b: f64, %c: f64, %g: vector<4xf32>, %h: vector<4xf32>, %y: tensor<4x?xbf16>, %z: tensor<4x?xbf16>) {
  // Scalar multiplication.
  %a = arith.mulf %b, %c : f64

  // SIMD pointwise vector multiplication, e.g. for Intel SSE.
  %f = arith.mulf %g, %h : vector<4xf32>

  // Tensor pointwise multiplication.
  %x = arith.mulf %y, %z : tensor<4x?xbf16>
  return
}

// CHECK-LABEL: func.func @mulf(
// CHECK-SAME: %[[B:.*]]: f64, %[[C:.*]]: f64, %[[G:.*]]: vector<4xf32>, %[[H:.*]]: vector<4xf32>, %[[Y:.*]]: tensor<4x?xbf16>, %[[Z:.*]]: tensor<4x?xbf16>)
// CHECK: arith.mulf %[[B]], %[[C]] : f64
// CHECK: arith.mulf %[[G]], %[[H]] : vector<4xf32>
// CHECK: arith.mulf %[[Y]], %[[Z]] : tensor<4x?xbf16>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithdivf-arithdivfop and
// https://mlir.llvm.org/docs/Dialects/ArithOps/#arithremf-arithremfop
// (the pages give only the syntax, `$lhs, $rhs (fastmath $fastmath)? attr-dict : type`;
// the operand names follow the other float examples)
func.func @divf_remf(%b: f64, %c: f64, %g: vector<4xf32>, %h: vector<4xf32>) {
  %a = arith.divf %b, %c : f64
  %f = arith.divf %g, %h : vector<4xf32>
  %r = arith.remf %b, %c : f64
  %s = arith.remf %g, %h : vector<4xf32>
  return
}

// CHECK-LABEL: func.func @divf_remf(
// CHECK-SAME: %[[B:.*]]: f64, %[[C:.*]]: f64, %[[G:.*]]: vector<4xf32>, %[[H:.*]]: vector<4xf32>)
// CHECK: arith.divf %[[B]], %[[C]] : f64
// CHECK: arith.divf %[[G]], %[[H]] : vector<4xf32>
// CHECK: arith.remf %[[B]], %[[C]] : f64
// CHECK: arith.remf %[[G]], %[[H]] : vector<4xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithmaximumf-arithmaximumfop and
// #arithmaxnumf-arithmaxnumfop, #arithminimumf-arithminimumfop, #arithminnumf-arithminnumfop
func.func @float_min_max(%b: f64, %c: f64) {
  // Scalar floating-point maximum.
  %a = arith.maximumf %b, %c : f64
  // Scalar floating-point maximum.
  %d = arith.maxnumf %b, %c : f64
  // Scalar floating-point minimum.
  %e = arith.minimumf %b, %c : f64
  // Scalar floating-point minimum.
  %f = arith.minnumf %b, %c : f64
  return
}

// CHECK-LABEL: func.func @float_min_max(
// CHECK-SAME: %[[B:.*]]: f64, %[[C:.*]]: f64)
// CHECK: arith.maximumf %[[B]], %[[C]] : f64
// CHECK: arith.maxnumf %[[B]], %[[C]] : f64
// CHECK: arith.minimumf %[[B]], %[[C]] : f64
// CHECK: arith.minnumf %[[B]], %[[C]] : f64

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithmaxsi-arithmaxsiop and
// #arithmaxui-arithmaxuiop, #arithminsi-arithminsiop, #arithminui-arithminuiop
// (the pages give only the syntax `$lhs, $rhs attr-dict : type($result)`)
func.func @int_min_max(%b: i64, %c: i64, %g: vector<4xi32>, %h: vector<4xi32>) {
  %a = arith.maxsi %b, %c : i64
  %d = arith.maxui %b, %c : i64
  %e = arith.minsi %g, %h : vector<4xi32>
  %f = arith.minui %g, %h : vector<4xi32>
  return
}

// CHECK-LABEL: func.func @int_min_max(
// CHECK-SAME: %[[B:.*]]: i64, %[[C:.*]]: i64, %[[G:.*]]: vector<4xi32>, %[[H:.*]]: vector<4xi32>)
// CHECK: arith.maxsi %[[B]], %[[C]] : i64
// CHECK: arith.maxui %[[B]], %[[C]] : i64
// CHECK: arith.minsi %[[G]], %[[H]] : vector<4xi32>
// CHECK: arith.minui %[[G]], %[[H]] : vector<4xi32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithextui-arithextuiop
func.func @extui(%0: vector<2xi32>) {
  %1 = arith.constant 5 : i3      // %1 is 0b101
  %2 = arith.extui %1 : i3 to i6  // %2 is 0b000101
  %3 = arith.constant 2 : i3      // %3 is 0b010
  %4 = arith.extui %3 : i3 to i6  // %4 is 0b000010

  %5 = arith.extui %0 : vector<2 x i32> to vector<2 x i64>
  return
}

// CHECK-LABEL: func.func @extui(
// CHECK-SAME: %[[V:.*]]: vector<2xi32>)
// CHECK: %[[C5:.*]] = arith.constant -3 : i3
// CHECK: arith.extui %[[C5]] : i3 to i6
// CHECK: %[[C2:.*]] = arith.constant 2 : i3
// CHECK: arith.extui %[[C2]] : i3 to i6
// CHECK: arith.extui %[[V]] : vector<2xi32> to vector<2xi64>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithextsi-arithextsiop
func.func @extsi(%0: vector<2xi32>) {
  %1 = arith.constant 5 : i3      // %1 is 0b101
  %2 = arith.extsi %1 : i3 to i6  // %2 is 0b111101
  %3 = arith.constant 2 : i3      // %3 is 0b010
  %4 = arith.extsi %3 : i3 to i6  // %4 is 0b000010

  %5 = arith.extsi %0 : vector<2 x i32> to vector<2 x i64>
  return
}

// CHECK-LABEL: func.func @extsi(
// CHECK-SAME: %[[V:.*]]: vector<2xi32>)
// CHECK: %[[C5:.*]] = arith.constant -3 : i3
// CHECK: arith.extsi %[[C5]] : i3 to i6
// CHECK: %[[C2:.*]] = arith.constant 2 : i3
// CHECK: arith.extsi %[[C2]] : i3 to i6
// CHECK: arith.extsi %[[V]] : vector<2xi32> to vector<2xi64>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithtrunci-arithtrunciop
func.func @trunci(%0: vector<2xi32>, %a: i32) {
  // Scalar truncation.
  %1 = arith.constant 21 : i5     // %1 is 0b10101
  %2 = arith.trunci %1 : i5 to i4 // %2 is 0b0101
  %3 = arith.trunci %1 : i5 to i3 // %3 is 0b101

  // Vector truncation.
  %4 = arith.trunci %0 : vector<2 x i32> to vector<2 x i16>

  // Scalar truncation with overflow flags.
  %5 = arith.trunci %a overflow<nsw, nuw> : i32 to i16
  return
}

// CHECK-LABEL: func.func @trunci(
// CHECK-SAME: %[[V:.*]]: vector<2xi32>, %[[A:.*]]: i32)
// CHECK: %[[C:.*]] = arith.constant -11 : i5
// CHECK: arith.trunci %[[C]] : i5 to i4
// CHECK: arith.trunci %[[C]] : i5 to i3
// CHECK: arith.trunci %[[V]] : vector<2xi32> to vector<2xi16>
// CHECK: arith.trunci %[[A]] overflow<nsw, nuw> : i32 to i16

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithextf-arithextfop and
// #arithtruncf-arithtruncfop
// (the pages give only the syntax `$in attr-dict : type($in) to type($out)`)
func.func @extf_truncf(%a: f32, %v: vector<4xf16>) {
  %0 = arith.extf %a : f32 to f64
  %1 = arith.extf %v : vector<4xf16> to vector<4xf32>
  %2 = arith.truncf %a : f32 to f16
  %3 = arith.truncf %a : f32 to bf16
  return
}

// CHECK-LABEL: func.func @extf_truncf(
// CHECK-SAME: %[[A:.*]]: f32, %[[V:.*]]: vector<4xf16>)
// CHECK: arith.extf %[[A]] : f32 to f64
// CHECK: arith.extf %[[V]] : vector<4xf16> to vector<4xf32>
// CHECK: arith.truncf %[[A]] : f32 to f16
// CHECK: arith.truncf %[[A]] : f32 to bf16

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithsitofp-arithsitofpop and
// #arithuitofp-arithuitofpop, #arithfptosi-arithfptosiop, #arithfptoui-arithfptouiop
// (the pages give only the syntax `$in attr-dict : type($in) to type($out)`)
func.func @int_float_casts(%i: i32, %f: f32, %t: tensor<4xi64>) {
  %0 = arith.sitofp %i : i32 to f32
  %1 = arith.uitofp %i : i32 to f64
  %2 = arith.fptosi %f : f32 to i32
  %3 = arith.fptoui %f : f32 to i8
  %4 = arith.sitofp %t : tensor<4xi64> to tensor<4xf64>
  return
}

// CHECK-LABEL: func.func @int_float_casts(
// CHECK-SAME: %[[I:.*]]: i32, %[[F:.*]]: f32, %[[T:.*]]: tensor<4xi64>)
// CHECK: arith.sitofp %[[I]] : i32 to f32
// CHECK: arith.uitofp %[[I]] : i32 to f64
// CHECK: arith.fptosi %[[F]] : f32 to i32
// CHECK: arith.fptoui %[[F]] : f32 to i8
// CHECK: arith.sitofp %[[T]] : tensor<4xi64> to tensor<4xf64>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithindex_cast-arithindexcastop
// and #arithbitcast-arithbitcastop
// (the pages give only the syntax `$in attr-dict : type($in) to type($out)`)
func.func @index_cast_bitcast(%i: index, %j: i32, %f: f32, %v: vector<2xi64>) {
  %0 = arith.index_cast %i : index to i64
  %1 = arith.index_cast %j : i32 to index
  %2 = arith.bitcast %f : f32 to i32
  %3 = arith.bitcast %v : vector<2xi64> to vector<2xf64>
  return
}

// CHECK-LABEL: func.func @index_cast_bitcast(
// CHECK-SAME: %[[I:.*]]: index, %[[J:.*]]: i32, %[[F:.*]]: f32, %[[V:.*]]: vector<2xi64>)
// CHECK: arith.index_cast %[[I]] : index to i64
// CHECK: arith.index_cast %[[J]] : i32 to index
// CHECK: arith.bitcast %[[F]] : f32 to i32
// CHECK: arith.bitcast %[[V]] : vector<2xi64> to vector<2xf64>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithcmpi-arithcmpiop
func.func @cmpi(%lhs: i32, %rhs: i32, %vlhs: vector<4xi64>, %vrhs: vector<4xi64>) -> (i1, vector<4xi1>) {
  // Custom form of scalar "signed less than" comparison.
  %x = arith.cmpi slt, %lhs, %rhs : i32

  // Custom form of vector equality comparison.
  %y = arith.cmpi eq, %vlhs, %vrhs : vector<4xi64>
  return %x, %y : i1, vector<4xi1>
}

// CHECK-LABEL: func.func @cmpi(
// CHECK-SAME: %[[L:.*]]: i32, %[[R:.*]]: i32, %[[VL:.*]]: vector<4xi64>, %[[VR:.*]]: vector<4xi64>) -> (i1, vector<4xi1>)
// CHECK: %[[X:.*]] = arith.cmpi slt, %[[L]], %[[R]] : i32
// CHECK: %[[Y:.*]] = arith.cmpi eq, %[[VL]], %[[VR]] : vector<4xi64>
// CHECK: return %[[X]], %[[Y]] : i1, vector<4xi1>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithcmpi-arithcmpiop
// (the "generic form of the same operation" examples; they print in the custom form)
func.func @cmpi_generic(%lhs: i32, %rhs: i32, %vlhs: vector<4xi64>, %vrhs: vector<4xi64>) -> (i1, vector<4xi1>) {
  %x = "arith.cmpi"(%lhs, %rhs) {predicate = 2 : i64} : (i32, i32) -> i1
  %y = "arith.cmpi"(%vlhs, %vrhs) {predicate = 0 : i64}
      : (vector<4xi64>, vector<4xi64>) -> vector<4xi1>
  return %x, %y : i1, vector<4xi1>
}

// CHECK-LABEL: func.func @cmpi_generic(
// CHECK-SAME: %[[L:.*]]: i32, %[[R:.*]]: i32, %[[VL:.*]]: vector<4xi64>, %[[VR:.*]]: vector<4xi64>) -> (i1, vector<4xi1>)
// CHECK: %[[X:.*]] = arith.cmpi slt, %[[L]], %[[R]] : i32
// CHECK: %[[Y:.*]] = arith.cmpi eq, %[[VL]], %[[VR]] : vector<4xi64>
// CHECK: return %[[X]], %[[Y]] : i1, vector<4xi1>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithcmpf-arithcmpfop
func.func @cmpf_scalar() -> i1 {
  %0 = "test.source"() : () -> f32
  %1 = "test.source"() : () -> f32
  %r1 = arith.cmpf oeq, %0, %1 : f32
  return %r1 : i1
}

// CHECK-LABEL: func.func @cmpf_scalar() -> i1 {
// CHECK: %[[A:.*]] = "test.source"() : () -> f32
// CHECK: %[[B:.*]] = "test.source"() : () -> f32
// CHECK: %[[R:.*]] = arith.cmpf oeq, %[[A]], %[[B]] : f32
// CHECK: return %[[R]] : i1

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithcmpf-arithcmpfop
func.func @cmpf_tensor() -> tensor<42x42xi1> {
  %0 = "test.source"() : () -> tensor<42x42xf64>
  %1 = "test.source"() : () -> tensor<42x42xf64>
  %r2 = arith.cmpf ult, %0, %1 : tensor<42x42xf64>
  return %r2 : tensor<42x42xi1>
}

// CHECK-LABEL: func.func @cmpf_tensor() -> tensor<42x42xi1> {
// CHECK: %[[A:.*]] = "test.source"() : () -> tensor<42x42xf64>
// CHECK: %[[B:.*]] = "test.source"() : () -> tensor<42x42xf64>
// CHECK: %[[R:.*]] = arith.cmpf ult, %[[A]], %[[B]] : tensor<42x42xf64>
// CHECK: return %[[R]] : tensor<42x42xi1>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithcmpf-arithcmpfop
// (doc typo fixed: the page writes `{predicate: 0} : (f8, f8) -> i1`; attribute entries
// use `=`, the predicate is an i64 and `f8` is not a builtin type, `f32` is used.
// Predicate 0 is `false`, so this prints as `arith.cmpf false`.)
func.func @cmpf_generic() -> i1 {
  %0 = "test.source"() : () -> f32
  %1 = "test.source"() : () -> f32
  %r3 = "arith.cmpf"(%0, %1) {predicate = 0 : i64} : (f32, f32) -> i1
  return %r3 : i1
}

// CHECK-LABEL: func.func @cmpf_generic() -> i1 {
// CHECK: %[[A:.*]] = "test.source"() : () -> f32
// CHECK: %[[B:.*]] = "test.source"() : () -> f32
// CHECK: %[[R:.*]] = arith.cmpf false, %[[A]], %[[B]] : f32
// CHECK: return %[[R]] : i1

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithselect-arithselectop
func.func @select(%cond: i1, %true: i32, %false: i32, %vcond: vector<42xi1>, %vtrue: vector<42xf32>, %vfalse: vector<42xf32>) -> (i32, vector<42xf32>) {
  // Custom form of scalar selection.
  %x = arith.select %cond, %true, %false : i32

  // Element-wise vector selection.
  %vx = arith.select %vcond, %vtrue, %vfalse : vector<42xi1>, vector<42xf32>
  return %x, %vx : i32, vector<42xf32>
}

// CHECK-LABEL: func.func @select(
// CHECK-SAME: %[[C:.*]]: i1, %[[T:.*]]: i32, %[[F:.*]]: i32, %[[VC:.*]]: vector<42xi1>, %[[VT:.*]]: vector<42xf32>, %[[VF:.*]]: vector<42xf32>) -> (i32, vector<42xf32>)
// CHECK: %[[X:.*]] = arith.select %[[C]], %[[T]], %[[F]] : i32
// CHECK: %[[VX:.*]] = arith.select %[[VC]], %[[VT]], %[[VF]] : vector<42xi1>, vector<42xf32>
// CHECK: return %[[X]], %[[VX]] : i32, vector<42xf32>

// -----

// From: https://mlir.llvm.org/docs/Dialects/ArithOps/#arithselect-arithselectop
// (the "generic form of the same operation" and the full vector selection)
func.func @select_generic(%cond: i1, %true: i32, %false: i32, %vtrue: vector<42xf32>, %vfalse: vector<42xf32>) -> (i32, vector<42xf32>) {
  // Generic form of the same operation.
  %x = "arith.select"(%cond, %true, %false) : (i1, i32, i32) -> i32

  // Full vector selection.
  %vx = arith.select %cond, %vtrue, %vfalse : vector<42xf32>
  return %x, %vx : i32, vector<42xf32>
}

// CHECK-LABEL: func.func @select_generic(
// CHECK-SAME: %[[C:.*]]: i1, %[[T:.*]]: i32, %[[F:.*]]: i32, %[[VT:.*]]: vector<42xf32>, %[[VF:.*]]: vector<42xf32>) -> (i32, vector<42xf32>)
// CHECK: %[[X:.*]] = arith.select %[[C]], %[[T]], %[[F]] : i32
// CHECK: %[[VX:.*]] = arith.select %[[C]], %[[VT]], %[[VF]] : vector<42xf32>
// CHECK: return %[[X]], %[[VX]] : i32, vector<42xf32>
