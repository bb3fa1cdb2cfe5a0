// The loop-level passes are registered under MLIR's names, with MLIR's summaries and options.
// RUN: dialir-opt --list-passes | filecheck %s --strict-whitespace
// CHECK:      {{^}}  affine-loop-normalize  (runs on 'func.func'){{$}}
// CHECK-NEXT: {{^}}      Apply normalization transformations to affine loop-like ops{{$}}
// CHECK-NEXT: {{^}}      promote-single-iter : bool = false{{$}}
// CHECK-NEXT: {{^}}          Promote single iteration loops{{$}}
// CHECK:      {{^}}  convert-scf-to-cf{{$}}
// CHECK-NEXT: {{^}}      Convert SCF dialect to ControlFlow dialect, replacing structured control flow with a CFG{{$}}
// CHECK:      {{^}}  lower-affine{{$}}
// CHECK-NEXT: {{^}}      Lower Affine operations to a combination of Arith and SCF operations{{$}}

func.func @f() {
  return
}
