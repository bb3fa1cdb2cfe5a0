// The toy dialect's folders, its constant materializer, its canonicalization pattern and the
// core's Commutative folding, through dialir-opt with the plugin loaded (examples/toy_dialect,
// only on PYTHONPATH). Inputs are in the generic form, so the in-process round-trip test
// (which has no plugin) reads them too.
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect %s -split-input-file -canonicalize | filecheck %s
// Custom syntax: toy.scale's f64 factor has no type in the text (its constraint fixes it).
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect %s -split-input-file | filecheck %s --check-prefix=CUSTOM
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect %s -split-input-file | env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect -split-input-file | filecheck %s --check-prefix=CUSTOM

// Folders return attributes; the dialect's materializer turns each into a toy.constant.
// CHECK-LABEL: func.func @fold_constants
// CHECK-DAG:   %[[SUM:.*]] = toy.constant dense<{{\[\[}}1.100000e+01, 2.200000e+01], [3.300000e+01, 4.400000e+01]]> : tensor<2x2xf64>
// CHECK-DAG:   %[[T:.*]] = toy.constant dense<{{\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf64>
// CHECK-DAG:   %[[S:.*]] = toy.constant dense<{{\[\[}}2.000000e+00, 4.000000e+00], [6.000000e+00, 8.000000e+00]]> : tensor<2x2xf64>
// CHECK-NOT:   toy.add
// CHECK-NOT:   toy.transpose
// CHECK-NOT:   toy.scale
// CHECK:       toy.print %[[SUM]]
// CHECK-NEXT:  toy.print %[[T]]
// CHECK-NEXT:  toy.print %[[S]]
"func.func"() <{function_type = () -> (), sym_name = "fold_constants"}> ({
  %a = "toy.constant"() <{value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf64>}> : () -> !toy.matrix<2, 2, f64>
  %b = "toy.constant"() <{value = dense<[[10.0, 20.0], [30.0, 40.0]]> : tensor<2x2xf64>}> : () -> !toy.matrix<2, 2, f64>
  %sum = "toy.add"(%a, %b) : (!toy.matrix<2, 2, f64>, !toy.matrix<2, 2, f64>) -> !toy.matrix<2, 2, f64>
  %t = "toy.transpose"(%a) : (!toy.matrix<2, 2, f64>) -> !toy.matrix<2, 2, f64>
  %two = "arith.constant"() <{value = 2.0 : f64}> : () -> f64
  %s = "toy.scale"(%a, %two) : (!toy.matrix<2, 2, f64>, f64) -> !toy.matrix<2, 2, f64>
  "toy.print"(%sum) : (!toy.matrix<2, 2, f64>) -> ()
  "toy.print"(%t) : (!toy.matrix<2, 2, f64>) -> ()
  "toy.print"(%s) : (!toy.matrix<2, 2, f64>) -> ()
  "func.return"() : () -> ()
}) : () -> ()

// CUSTOM-LABEL: func.func @fold_constants
// CUSTOM:       %[[A:.*]] = toy.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf64>
// CUSTOM:       toy.add %[[A]], %{{.*}} : !toy.matrix<2, 2, f64>
// CUSTOM:       %[[TWO:.*]] = arith.constant 2.000000e+00 : f64
// CUSTOM:       toy.scale %[[A]] by %[[TWO]] : !toy.matrix<2, 2, f64>

// -----

// toy.add is Commutative: the constant moves to the right (the core's folding, not a toy
// pattern); adding zeros folds to the other operand; scaling by 1.0 folds away.
// CHECK-LABEL: func.func @commutative
// CHECK-SAME:  (%[[X:.*]]: !toy.matrix<1, 2, f64>, %[[F:.*]]: f64)
// CHECK:       %[[C:.*]] = toy.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00]]> : tensor<1x2xf64>
// CHECK:       %[[SUM:.*]] = toy.add %[[X]], %[[C]] : !toy.matrix<1, 2, f64>
// CHECK-NEXT:  %[[SCALED:.*]] = toy.scale %[[SUM]] by %[[F]] : !toy.matrix<1, 2, f64>
// CHECK-NEXT:  toy.print %[[SCALED]] : !toy.matrix<1, 2, f64>
// CHECK-NEXT:  toy.print %[[X]] : !toy.matrix<1, 2, f64>
// CHECK-NEXT:  toy.print %[[X]] : !toy.matrix<1, 2, f64>
"func.func"() <{function_type = (!toy.matrix<1, 2, f64>, f64) -> (), sym_name = "commutative"}> ({
^bb0(%x: !toy.matrix<1, 2, f64>, %f: f64):
  %c = "toy.constant"() <{value = dense<[[1.0, 2.0]]> : tensor<1x2xf64>}> : () -> !toy.matrix<1, 2, f64>
  %zeros = "toy.constant"() <{value = dense<0.0> : tensor<1x2xf64>}> : () -> !toy.matrix<1, 2, f64>
  %one = "arith.constant"() <{value = 1.0 : f64}> : () -> f64
  %sum = "toy.add"(%c, %x) : (!toy.matrix<1, 2, f64>, !toy.matrix<1, 2, f64>) -> !toy.matrix<1, 2, f64>
  %scaled = "toy.scale"(%sum, %f) : (!toy.matrix<1, 2, f64>, f64) -> !toy.matrix<1, 2, f64>
  %same = "toy.add"(%zeros, %x) : (!toy.matrix<1, 2, f64>, !toy.matrix<1, 2, f64>) -> !toy.matrix<1, 2, f64>
  %unscaled = "toy.scale"(%x, %one) : (!toy.matrix<1, 2, f64>, f64) -> !toy.matrix<1, 2, f64>
  "toy.print"(%scaled) : (!toy.matrix<1, 2, f64>) -> ()
  "toy.print"(%same) : (!toy.matrix<1, 2, f64>) -> ()
  "toy.print"(%unscaled) : (!toy.matrix<1, 2, f64>) -> ()
  "func.return"() : () -> ()
}) : () -> ()

// CUSTOM-LABEL: func.func @commutative
// CUSTOM:       toy.scale %{{.*}} by %{{.*}} : !toy.matrix<1, 2, f64>

// -----

// The canonicalization pattern AddOfTransposes, then FoldDoubleTranspose:
// add(transpose(a), transpose(b)) -> transpose(add(a, b)), and the transpose of that
// transpose is the sum itself.
// CHECK-LABEL: func.func @transposes
// CHECK-SAME:  (%[[A:.*]]: !toy.matrix<2, 3, f64>, %[[B:.*]]: !toy.matrix<2, 3, f64>)
// CHECK-NEXT:  %[[SUM:.*]] = toy.add %[[A]], %[[B]] : !toy.matrix<2, 3, f64>
// CHECK-NEXT:  %[[T:.*]] = toy.transpose %[[SUM]] : !toy.matrix<2, 3, f64>
// CHECK-NEXT:  toy.print %[[T]] : !toy.matrix<3, 2, f64>
// CHECK-NEXT:  toy.print %[[SUM]] : !toy.matrix<2, 3, f64>
// CHECK-NEXT:  return
"func.func"() <{function_type = (!toy.matrix<2, 3, f64>, !toy.matrix<2, 3, f64>) -> (), sym_name = "transposes"}> ({
^bb0(%a: !toy.matrix<2, 3, f64>, %b: !toy.matrix<2, 3, f64>):
  %ta = "toy.transpose"(%a) : (!toy.matrix<2, 3, f64>) -> !toy.matrix<3, 2, f64>
  %tb = "toy.transpose"(%b) : (!toy.matrix<2, 3, f64>) -> !toy.matrix<3, 2, f64>
  %sum = "toy.add"(%ta, %tb) : (!toy.matrix<3, 2, f64>, !toy.matrix<3, 2, f64>) -> !toy.matrix<3, 2, f64>
  %back = "toy.transpose"(%sum) : (!toy.matrix<3, 2, f64>) -> !toy.matrix<2, 3, f64>
  "toy.print"(%sum) : (!toy.matrix<3, 2, f64>) -> ()
  "toy.print"(%back) : (!toy.matrix<2, 3, f64>) -> ()
  "func.return"() : () -> ()
}) : () -> ()
