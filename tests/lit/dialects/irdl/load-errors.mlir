// RUN: not dialir-opt %s --irdl-file=%S/Inputs/overlapping-any-of.irdl.mlir 2>&1 | filecheck %s --check-prefix=ANY-OF
// RUN: not dialir-opt %s --irdl-file=%S/Inputs/unknown-base.irdl.mlir 2>&1 | filecheck %s --check-prefix=BASE
// RUN: not dialir-opt %s --irdl-file=%S/Inputs/clash.irdl.mlir 2>&1 | filecheck %s --check-prefix=CLASH
// RUN: not dialir-opt %s --irdl-file=%S/Inputs/missing.irdl.mlir 2>&1 | filecheck %s --check-prefix=MISSING
// RUN: not dialir-opt %s --irdl-file=%S/invalid.mlir 2>&1 | filecheck %s --check-prefix=INVALID

// IRDL that verifies but cannot be loaded, reported at the IRDL file's location before the
// input is read.

// ANY-OF: overlapping-any-of.irdl.mlir:5:10: error: any_of constraints are not in the correct form
// BASE: unknown-base.irdl.mlir:3:10: error: no registered type with name !builtin.nope
// CLASH: clash.irdl.mlir:1:1: error: a dialect with namespace 'arith' has already been registered
// MISSING: error: could not open IRDL file '{{.*}}missing.irdl.mlir'
// INVALID: invalid.mlir:9:21: error: expected valid keyword

func.func @f() {
  return
}
