// RUN: dialir-opt %s -split-input-file -canonicalize | filecheck %s
// RUN: %roundtrip | filecheck %s --check-prefix=ROUNDTRIP

// The Commutative trait's folding (in the core, for every dialect: MLIR's foldCommutative)
// moves constants to the right of llvm's commutative ops, as mlir-opt does.
// CHECK-LABEL: llvm.func @commutative_constant_right
// CHECK-SAME:  (%[[X:.*]]: i32)
// CHECK-NEXT:  %[[C:.*]] = llvm.mlir.constant(7 : i32) : i32
// CHECK-NEXT:  %[[A:.*]] = llvm.add %[[X]], %[[C]] : i32
// CHECK-NEXT:  %[[M:.*]] = llvm.mul %[[A]], %[[C]] : i32
// CHECK-NEXT:  %[[O:.*]] = llvm.or %[[X]], %[[M]] : i32
// CHECK-NEXT:  llvm.return %[[O]] : i32
llvm.func @commutative_constant_right(%arg0: i32) -> i32 {
  %0 = llvm.mlir.constant(7 : i32) : i32
  %1 = llvm.add %0, %arg0 : i32
  %2 = llvm.mul %0, %1 : i32
  %3 = llvm.or %arg0, %2 : i32
  llvm.return %3 : i32
}

// ROUNDTRIP-LABEL: llvm.func @commutative_constant_right
// ROUNDTRIP:       llvm.add %{{.*}}, %{{.*}} : i32
