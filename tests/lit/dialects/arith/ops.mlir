// RUN: dialir-opt %s --allow-unregistered-dialect | dialir-opt --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC

// CHECK-LABEL: sym_name = "constants"
"test.func"() <{sym_name = "constants"}> ({
  // CHECK: arith.constant 42 : i32
  %0 = arith.constant 42 : i32
  // CHECK: arith.constant -1 : i8
  %1 = arith.constant -1 : i8
  // CHECK: arith.constant 7 : i64
  %2 = arith.constant 7 : i64
  // CHECK: arith.constant 0 : index
  %3 = arith.constant 0 : index
  // CHECK: arith.constant true
  %4 = arith.constant true
  // CHECK: arith.constant false
  %5 = arith.constant false
  // CHECK: arith.constant 1.000000e+00 : f32
  %6 = arith.constant 1.0 : f32
  // CHECK: arith.constant -2.500000e+00 : f64
  %7 = arith.constant -2.5 : f64
  // CHECK: arith.constant 0x7FC00000 : f32
  %8 = arith.constant 0x7FC00000 : f32
  // CHECK: arith.constant dense<[1, 2, 3, 4]> : vector<4xi32>
  %9 = arith.constant dense<[1, 2, 3, 4]> : vector<4xi32>
  // CHECK: arith.constant dense<0.000000e+00> : tensor<2x3xf32>
  %10 = arith.constant dense<0.0> : tensor<2x3xf32>
  // CHECK: arith.constant {tag} 3 : i16
  %11 = arith.constant {tag} 3 : i16
  // GENERIC: "arith.constant"() <{value = 42 : i32}> : () -> i32
  // GENERIC: "arith.constant"() <{value = 0 : index}> : () -> index
  // GENERIC: "arith.constant"() <{value = dense<[1, 2, 3, 4]> : vector<4xi32>}> : () -> vector<4xi32>
  "test.return"() : () -> ()
}) : () -> ()

// CHECK-LABEL: sym_name = "int_binary"
"test.func"() <{sym_name = "int_binary"}> ({
^bb0(%a: i32, %b: i32, %i: index, %v: vector<4xi8>, %t: tensor<?xi64>):
  // CHECK: arith.addi %{{.*}}, %{{.*}} : i32
  %0 = arith.addi %a, %b : i32
  // CHECK: arith.subi %{{.*}}, %{{.*}} : index
  %1 = arith.subi %i, %i : index
  // CHECK: arith.muli %{{.*}}, %{{.*}} : vector<4xi8>
  %2 = arith.muli %v, %v : vector<4xi8>
  // CHECK: arith.divsi %{{.*}}, %{{.*}} : tensor<?xi64>
  %3 = arith.divsi %t, %t : tensor<?xi64>
  // CHECK: arith.divui %{{.*}}, %{{.*}} : i32
  %4 = arith.divui %a, %b : i32
  // CHECK: arith.remsi %{{.*}}, %{{.*}} : i32
  %5 = arith.remsi %a, %b : i32
  // CHECK: arith.remui %{{.*}}, %{{.*}} : i32
  %6 = arith.remui %a, %b : i32
  // CHECK: arith.ceildivsi %{{.*}}, %{{.*}} : i32
  %7 = arith.ceildivsi %a, %b : i32
  // CHECK: arith.floordivsi %{{.*}}, %{{.*}} : i32
  %8 = arith.floordivsi %a, %b : i32
  // CHECK: arith.andi %{{.*}}, %{{.*}} : i32
  %9 = arith.andi %a, %b : i32
  // CHECK: arith.ori %{{.*}}, %{{.*}} : i32
  %10 = arith.ori %a, %b : i32
  // CHECK: arith.xori %{{.*}}, %{{.*}} : i32
  %11 = arith.xori %a, %b : i32
  // CHECK: arith.shli %{{.*}}, %{{.*}} : i32
  %12 = arith.shli %a, %b : i32
  // CHECK: arith.shrsi %{{.*}}, %{{.*}} : i32
  %13 = arith.shrsi %a, %b : i32
  // CHECK: arith.shrui %{{.*}}, %{{.*}} : i32
  %14 = arith.shrui %a, %b : i32
  // CHECK: arith.maxsi %{{.*}}, %{{.*}} : i32
  %15 = arith.maxsi %a, %b : i32
  // CHECK: arith.minsi %{{.*}}, %{{.*}} : i32
  %16 = arith.minsi %a, %b : i32
  // CHECK: arith.maxui %{{.*}}, %{{.*}} : i32
  %17 = arith.maxui %a, %b : i32
  // CHECK: arith.minui %{{.*}}, %{{.*}} : i32
  %18 = arith.minui %a, %b : i32
  // CHECK: arith.addi %{{.*}}, %{{.*}} overflow<nsw, nuw> : i32
  %19 = arith.addi %a, %b overflow<nuw, nsw> : i32
  // CHECK: arith.muli %{{.*}}, %{{.*}} overflow<nsw> : i32
  %20 = arith.muli %a, %b {overflowFlags = #arith.overflow<nsw>} : i32
  // CHECK: arith.shli %{{.*}}, %{{.*}} overflow<nuw> {tag} : i32
  %21 = arith.shli %a, %b overflow<nuw> {tag} : i32
  // CHECK: arith.divsi %{{.*}}, %{{.*}} exact : i32
  %23 = arith.divsi %a, %b exact : i32
  // CHECK: arith.shrui %{{.*}}, %{{.*}} exact : i32
  %24 = arith.shrui %a, %b exact : i32
  // GENERIC: "arith.addi"(%{{.*}}, %{{.*}}) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
  // GENERIC: "arith.addi"(%{{.*}}, %{{.*}}) <{overflowFlags = #arith.overflow<nsw, nuw>}> : (i32, i32) -> i32
  // GENERIC: "arith.divsi"(%{{.*}}, %{{.*}}) <{isExact}> : (i32, i32) -> i32
  "test.return"() : () -> ()
}) : () -> ()

// CHECK-LABEL: sym_name = "float_ops"
"test.func"() <{sym_name = "float_ops"}> ({
^bb0(%f: f32, %g: f32, %h: f16, %v: vector<4xf64>):
  // CHECK: arith.addf %{{.*}}, %{{.*}} : f32
  %0 = arith.addf %f, %g : f32
  // CHECK: arith.subf %{{.*}}, %{{.*}} : f16
  %1 = arith.subf %h, %h : f16
  // CHECK: arith.mulf %{{.*}}, %{{.*}} : vector<4xf64>
  %2 = arith.mulf %v, %v : vector<4xf64>
  // CHECK: arith.divf %{{.*}}, %{{.*}} : f32
  %3 = arith.divf %f, %g : f32
  // CHECK: arith.remf %{{.*}}, %{{.*}} : f32
  %4 = arith.remf %f, %g : f32
  // CHECK: arith.maximumf %{{.*}}, %{{.*}} : f32
  %5 = arith.maximumf %f, %g : f32
  // CHECK: arith.minimumf %{{.*}}, %{{.*}} : f32
  %6 = arith.minimumf %f, %g : f32
  // CHECK: arith.maxnumf %{{.*}}, %{{.*}} : f32
  %7 = arith.maxnumf %f, %g : f32
  // CHECK: arith.minnumf %{{.*}}, %{{.*}} : f32
  %8 = arith.minnumf %f, %g : f32
  // CHECK: arith.negf %{{.*}} : f32
  %9 = arith.negf %f : f32
  // CHECK: arith.addf %{{.*}}, %{{.*}} fastmath<fast> : f32
  %10 = arith.addf %f, %g fastmath<fast> : f32
  // CHECK: arith.mulf %{{.*}}, %{{.*}} fastmath<nnan,ninf> : f32
  %11 = arith.mulf %f, %g fastmath<ninf,nnan> : f32
  // CHECK: arith.negf %{{.*}} fastmath<nsz> : f32
  %12 = arith.negf %f fastmath<nsz> : f32
  // CHECK: arith.addf %{{.*}}, %{{.*}} fastmath<fast> : f32
  %13 = arith.addf %f, %g fastmath<reassoc, nnan, ninf, nsz, arcp, contract, afn> : f32
  // GENERIC: "arith.addf"(%{{.*}}, %{{.*}}) <{fastmath = #arith.fastmath<fast>}> : (f32, f32) -> f32
  "test.return"() : () -> ()
}) : () -> ()

// CHECK-LABEL: sym_name = "compare_select"
"test.func"() <{sym_name = "compare_select"}> ({
^bb0(%a: i32, %b: i32, %f: f32, %g: f32, %c: i1, %vc: vector<4xi1>, %v: vector<4xf32>, %t: tensor<4xi32>):
  // CHECK: arith.cmpi eq, %{{.*}}, %{{.*}} : i32
  %0 = arith.cmpi eq, %a, %b : i32
  // CHECK: arith.cmpi ne, %{{.*}}, %{{.*}} : i32
  %1 = arith.cmpi ne, %a, %b : i32
  // CHECK: arith.cmpi slt, %{{.*}}, %{{.*}} : i32
  %2 = arith.cmpi slt, %a, %b : i32
  // CHECK: arith.cmpi uge, %{{.*}}, %{{.*}} : i32
  %3 = arith.cmpi uge, %a, %b : i32
  // CHECK: arith.cmpi sgt, %{{.*}}, %{{.*}} : tensor<4xi32>
  %4 = arith.cmpi sgt, %t, %t : tensor<4xi32>
  // CHECK: arith.cmpf false, %{{.*}}, %{{.*}} : f32
  %5 = arith.cmpf false, %f, %g : f32
  // CHECK: arith.cmpf oeq, %{{.*}}, %{{.*}} : f32
  %6 = arith.cmpf oeq, %f, %g : f32
  // CHECK: arith.cmpf olt, %{{.*}}, %{{.*}} : vector<4xf32>
  %7 = arith.cmpf olt, %v, %v : vector<4xf32>
  // CHECK: arith.cmpf uno, %{{.*}}, %{{.*}} : f32
  %8 = arith.cmpf uno, %f, %g : f32
  // CHECK: arith.cmpf true, %{{.*}}, %{{.*}} : f32
  %9 = arith.cmpf true, %f, %g : f32
  // CHECK: arith.cmpf one, %{{.*}}, %{{.*}} fastmath<nnan> : f32
  %13 = arith.cmpf one, %f, %g fastmath<nnan> : f32
  // CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : i32
  %10 = arith.select %c, %a, %b : i32
  // CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : vector<4xi1>, vector<4xf32>
  %11 = arith.select %vc, %v, %v : vector<4xi1>, vector<4xf32>
  // CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xi32>
  %12 = arith.select %c, %t, %t : tensor<4xi32>
  // GENERIC: "arith.cmpi"(%{{.*}}, %{{.*}}) <{predicate = 0{{( : i64)?}}}> : (i32, i32) -> i1
  // GENERIC: "arith.cmpi"(%{{.*}}, %{{.*}}) <{predicate = 9{{( : i64)?}}}> : (i32, i32) -> i1
  // GENERIC: "arith.cmpi"(%{{.*}}, %{{.*}}) <{predicate = 4{{( : i64)?}}}> : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  // GENERIC: "arith.cmpf"(%{{.*}}, %{{.*}}) <{fastmath = #arith.fastmath<none>, predicate = 15{{( : i64)?}}}> : (f32, f32) -> i1
  // GENERIC: "arith.select"(%{{.*}}, %{{.*}}, %{{.*}}) : (vector<4xi1>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  "test.return"() : () -> ()
}) : () -> ()

// CHECK-LABEL: sym_name = "casts"
"test.func"() <{sym_name = "casts"}> ({
^bb0(%i8: i8, %i32: i32, %i: index, %h: f16, %f: f32, %d: f64, %v: vector<4xi16>, %t: tensor<?xf32>):
  // CHECK: arith.extsi %{{.*}} : i8 to i32
  %0 = arith.extsi %i8 : i8 to i32
  // CHECK: arith.extui %{{.*}} : vector<4xi16> to vector<4xi64>
  %1 = arith.extui %v : vector<4xi16> to vector<4xi64>
  // CHECK: arith.trunci %{{.*}} : i32 to i8
  %2 = arith.trunci %i32 : i32 to i8
  // CHECK: arith.trunci %{{.*}} overflow<nsw, nuw> : i32 to i8
  %13 = arith.trunci %i32 overflow<nsw, nuw> : i32 to i8
  // CHECK: arith.extf %{{.*}} fastmath<contract> : f16 to f64
  %14 = arith.extf %h fastmath<contract> : f16 to f64
  // CHECK: arith.extf %{{.*}} : f16 to f32
  %3 = arith.extf %h : f16 to f32
  // CHECK: arith.truncf %{{.*}} : f64 to f32
  %4 = arith.truncf %d : f64 to f32
  // CHECK: arith.sitofp %{{.*}} : i32 to f32
  %5 = arith.sitofp %i32 : i32 to f32
  // CHECK: arith.uitofp %{{.*}} : i8 to f64
  %6 = arith.uitofp %i8 : i8 to f64
  // CHECK: arith.fptosi %{{.*}} : f32 to i32
  %7 = arith.fptosi %f : f32 to i32
  // CHECK: arith.fptoui %{{.*}} : tensor<?xf32> to tensor<?xi8>
  %8 = arith.fptoui %t : tensor<?xf32> to tensor<?xi8>
  // CHECK: arith.index_cast %{{.*}} : index to i32
  %9 = arith.index_cast %i : index to i32
  // CHECK: arith.index_cast %{{.*}} : i8 to index
  %10 = arith.index_cast %i8 : i8 to index
  // CHECK: arith.bitcast %{{.*}} : f32 to i32
  %11 = arith.bitcast %f : f32 to i32
  // CHECK: arith.bitcast %{{.*}} : vector<4xi16> to vector<4xf16>
  %12 = arith.bitcast %v : vector<4xi16> to vector<4xf16>
  // GENERIC: "arith.extsi"(%{{.*}}) : (i8) -> i32
  // GENERIC: "arith.index_cast"(%{{.*}}) : (index) -> i32
  "test.return"() : () -> ()
}) : () -> ()

// MLIR's generic output reads back in the custom form. (MLIR also prints properties equal to
// their default, e.g. `overflowFlags = #arith.overflow<none>`; dialir reads those too, but
// keeps them only in the generic form, so they are left out of this round-trip test.)
// CHECK-LABEL: sym_name = "mlir_generic"
"test.func"() <{sym_name = "mlir_generic"}> ({
^bb0(%a: i32, %f: f32):
  // CHECK: arith.addi %{{.*}}, %{{.*}} overflow<nsw, nuw> : i32
  %0 = "arith.addi"(%a, %a) <{overflowFlags = #arith.overflow<nsw, nuw>}> : (i32, i32) -> i32
  // CHECK: arith.shli %{{.*}}, %{{.*}} overflow<nsw> : i32
  %1 = "arith.shli"(%a, %a) <{overflowFlags = #arith.overflow<nsw>}> : (i32, i32) -> i32
  // CHECK: arith.cmpi sge, %{{.*}}, %{{.*}} : i32
  %2 = "arith.cmpi"(%a, %a) <{predicate = 5 : i64}> : (i32, i32) -> i1
  // CHECK: arith.cmpf ord, %{{.*}}, %{{.*}} fastmath<nnan> : f32
  %3 = "arith.cmpf"(%f, %f) <{fastmath = #arith.fastmath<nnan>, predicate = 7 : i64}> : (f32, f32) -> i1
  // CHECK: arith.negf %{{.*}} fastmath<fast> : f32
  %4 = "arith.negf"(%f) <{fastmath = #arith.fastmath<fast>}> : (f32) -> f32
  // CHECK: arith.constant 5 : i64
  %5 = "arith.constant"() <{value = 5 : i64}> : () -> i64
  "test.return"() : () -> ()
}) : () -> ()

// Casts of current MLIR: index_castui, `nneg` on the unsigned casts, truncf's rounding mode.
// CHECK-LABEL: func.func @current_casts
// GENERIC-LABEL: sym_name = "current_casts"
func.func @current_casts(%i: index, %b: i32, %f: f32) {
  // CHECK: arith.index_castui %{{.*}} nneg : index to i32
  // GENERIC: "arith.index_castui"(%{{.*}}) <{nonNeg}> : (index) -> i32
  %0 = arith.index_castui %i nneg : index to i32
  // CHECK: arith.index_castui %{{.*}} : i32 to index
  // GENERIC: "arith.index_castui"(%{{.*}}) : (i32) -> index
  %1 = arith.index_castui %b : i32 to index
  // CHECK: arith.extui %{{.*}} nneg : i32 to i64
  // GENERIC: "arith.extui"(%{{.*}}) <{nonNeg}> : (i32) -> i64
  %2 = arith.extui %b nneg : i32 to i64
  // CHECK: arith.uitofp %{{.*}} nneg : i32 to f32
  // GENERIC: "arith.uitofp"(%{{.*}}) <{nonNeg}> : (i32) -> f32
  %3 = arith.uitofp %b nneg : i32 to f32
  // CHECK: arith.truncf %{{.*}} to_nearest_even : f32 to f16
  // GENERIC: "arith.truncf"(%{{.*}}) <{roundingmode = 0 : i32}> : (f32) -> f16
  %4 = arith.truncf %f to_nearest_even : f32 to f16
  // CHECK: arith.truncf %{{.*}} downward fastmath<fast> : f32 to f16
  // GENERIC: "arith.truncf"(%{{.*}}) <{fastmath = #arith.fastmath<fast>, roundingmode = 1 : i32}> : (f32) -> f16
  %5 = arith.truncf %f downward fastmath<fast> : f32 to f16
  return
}
