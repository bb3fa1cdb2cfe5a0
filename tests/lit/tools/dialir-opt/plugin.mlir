// An out-of-tree dialect (examples/toy_dialect, not installed: only on PYTHONPATH) loaded
// with --load-dialect-plugin: its ops, its parametric type, its custom syntax and its pass.
// The input is in the generic form so that the in-process round-trip test (which has no
// plugin) reads it too; the second RUN line parses the toy dialect's custom syntax.
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect %s | filecheck %s
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect %s --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect %s | env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect | filecheck %s
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect %s --pass-pipeline='builtin.module(toy-fold-transpose)' | filecheck %s --check-prefix=FOLD
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-pass-plugin=toy_dialect.transforms --load-dialect-plugin=toy_dialect %s --pass-pipeline='builtin.module(toy-fold-transpose{max-iterations=1})' | filecheck %s --check-prefix=FOLD
// The pattern is also the op's canonicalization pattern; canonicalize also runs the folders
// (transpose of a constant is a constant).
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect %s --pass-pipeline='builtin.module(canonicalize)' | filecheck %s --check-prefix=CANON
// Without the plugin the toy ops are unregistered.
// RUN: not dialir-opt %s 2>&1 | filecheck %s --check-prefix=NOPLUGIN

%0 = "toy.constant"() <{value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>}> : () -> !toy.matrix<2, 3, f64>
%1 = "toy.transpose"(%0) : (!toy.matrix<2, 3, f64>) -> !toy.matrix<3, 2, f64>
%2 = "toy.transpose"(%1) {note = "twice"} : (!toy.matrix<3, 2, f64>) -> !toy.matrix<2, 3, f64>
"toy.print"(%2) : (!toy.matrix<2, 3, f64>) -> ()
"toy.print"(%1) : (!toy.matrix<3, 2, f64>) -> ()

// CHECK:      module {
// CHECK-NEXT:   %[[C:.*]] = toy.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf64>
// CHECK-NEXT:   %[[T1:.*]] = toy.transpose %[[C]] : !toy.matrix<2, 3, f64>
// CHECK-NEXT:   %[[T2:.*]] = toy.transpose %[[T1]] {note = "twice"} : !toy.matrix<3, 2, f64>
// CHECK-NEXT:   toy.print %[[T2]] : !toy.matrix<2, 3, f64>
// CHECK-NEXT:   toy.print %[[T1]] : !toy.matrix<3, 2, f64>
// CHECK-NEXT: }

// GENERIC: "toy.constant"() <{value = dense<{{.*}}> : tensor<2x3xf64>}> : () -> !toy.matrix<2, 3, f64>
// GENERIC: "toy.transpose"(%{{.*}}) : (!toy.matrix<2, 3, f64>) -> !toy.matrix<3, 2, f64>
// GENERIC: "toy.transpose"(%{{.*}}) {note = "twice"} : (!toy.matrix<3, 2, f64>) -> !toy.matrix<2, 3, f64>
// GENERIC: "toy.print"(%{{.*}}) : (!toy.matrix<2, 3, f64>) -> ()

// transpose(transpose(x)) -> x: the outer transpose is gone, the inner one stays (it has
// another use).
// FOLD:      %[[C:.*]] = toy.constant
// FOLD-NEXT: %[[T1:.*]] = toy.transpose %[[C]] : !toy.matrix<2, 3, f64>
// FOLD-NEXT: toy.print %[[C]] : !toy.matrix<2, 3, f64>
// FOLD-NEXT: toy.print %[[T1]] : !toy.matrix<3, 2, f64>
// FOLD-NOT:  toy.transpose

// NOPLUGIN: error: operation being parsed with an unregistered dialect ('toy.constant')

// CANON-DAG:  %[[C:.*]] = toy.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf64>
// CANON-DAG:  %[[CT:.*]] = toy.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf64>
// CANON:      toy.print %[[C]] : !toy.matrix<2, 3, f64>
// CANON-NEXT: toy.print %[[CT]] : !toy.matrix<3, 2, f64>
// CANON-NOT:  toy.transpose
