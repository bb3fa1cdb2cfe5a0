// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(canonicalize)' | filecheck %s

// CHECK-LABEL: sym_name = "addi_constants"
// CHECK: ^bb0(%[[X:.*]]: i32):
// CHECK-NEXT: %[[C3:.*]] = arith.constant 3 : i32
// CHECK-NEXT: "test.sink"(%[[C3]], %[[X]], %[[X]]) : (i32, i32, i32) -> ()
"test.func"() <{sym_name = "addi_constants"}> ({
^bb0(%x: i32):
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %c0 = arith.constant 0 : i32
  %0 = arith.addi %c1, %c2 : i32
  %1 = arith.addi %x, %c0 : i32
  %2 = arith.addi %c0, %x : i32
  "test.sink"(%0, %1, %2) : (i32, i32, i32) -> ()
}) : () -> ()

// -----

// Integer folding wraps at the type's width and reads bits as the op's signedness says.
// CHECK-LABEL: sym_name = "wraparound"
// Equal results share one constant (folded constants are uniqued).
// CHECK-DAG: %[[M128:.*]] = arith.constant -128 : i8
// CHECK-DAG: %[[SUB:.*]] = arith.constant 127 : i8
// CHECK-DAG: %[[DIVU:.*]] = arith.constant 66 : i8
// CHECK-DAG: %[[DIVS:.*]] = arith.constant -18 : i8
// CHECK: "test.sink"(%[[M128]], %[[M128]], %[[SUB]], %[[DIVU]], %[[DIVS]])
"test.func"() <{sym_name = "wraparound"}> ({
  %a = arith.constant 127 : i8
  %b = arith.constant 1 : i8
  %m = arith.constant -128 : i8
  %n = arith.constant -1 : i8
  %u = arith.constant -56 : i8
  %c3 = arith.constant 3 : i8
  %0 = arith.addi %a, %b : i8
  %1 = arith.muli %m, %n : i8
  %2 = arith.subi %m, %b : i8
  %3 = arith.divui %u, %c3 : i8
  %4 = arith.divsi %u, %c3 : i8
  "test.sink"(%0, %1, %2, %3, %4) : (i8, i8, i8, i8, i8) -> ()
}) : () -> ()

// -----

// divsi rounds toward zero, floordivsi toward -inf, ceildivsi toward +inf; division by
// zero and signed overflow (MIN / -1) do not fold.
// CHECK-LABEL: sym_name = "division"
// CHECK-DAG: %[[DIV:.*]] = arith.constant -3 : i32
// CHECK-DAG: %[[FLOOR:.*]] = arith.constant -4 : i32
// CHECK-DAG: %[[CEIL:.*]] = arith.constant 4 : i32
// CHECK-DAG: %[[REMS:.*]] = arith.constant -2 : i32
// CHECK-DAG: %[[REMU:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[BYZERO:.*]] = arith.divsi %{{.*}}, %{{.*}} : i32
// CHECK-DAG: %[[OVERFLOW:.*]] = arith.divsi %{{.*}}, %{{.*}} : i32
// CHECK-DAG: %[[REMZERO:.*]] = arith.remui %{{.*}}, %{{.*}} : i32
// CHECK: "test.sink"(%[[DIV]], %[[FLOOR]], %[[CEIL]], %[[REMS]], %[[REMU]], %[[BYZERO]], %[[OVERFLOW]], %[[REMZERO]])
"test.func"() <{sym_name = "division"}> ({
  %c7 = arith.constant 7 : i32
  %cm7 = arith.constant -7 : i32
  %c2 = arith.constant 2 : i32
  %c5 = arith.constant 5 : i32
  %c0 = arith.constant 0 : i32
  %min = arith.constant -2147483648 : i32
  %m1 = arith.constant -1 : i32
  %0 = arith.divsi %cm7, %c2 : i32
  %1 = arith.floordivsi %cm7, %c2 : i32
  %2 = arith.ceildivsi %c7, %c2 : i32
  %3 = arith.remsi %cm7, %c5 : i32
  %4 = arith.remui %cm7, %c2 : i32
  %5 = arith.divsi %c7, %c0 : i32
  %6 = arith.divsi %min, %m1 : i32
  %7 = arith.remui %c7, %c0 : i32
  "test.sink"(%0, %1, %2, %3, %4, %5, %6, %7) : (i32, i32, i32, i32, i32, i32, i32, i32) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "int_identities"
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32):
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: "test.sink"(%[[X]], %[[ZERO]], %[[ZERO]], %[[X]], %[[X]], %[[ZERO]], %[[X]], %[[X]], %[[Y]], %[[X]])
"test.func"() <{sym_name = "int_identities"}> ({
^bb0(%x: i32, %y: i32):
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %0 = arith.muli %x, %c1 : i32
  %1 = arith.muli %c0, %x : i32
  %2 = arith.subi %x, %x : i32
  %3 = arith.subi %x, %c0 : i32
  %4 = arith.divsi %x, %c1 : i32
  %5 = arith.remui %x, %c1 : i32
  %6 = arith.andi %x, %x : i32
  %7 = arith.ori %x, %c0 : i32
  %s = arith.addi %x, %y : i32
  %8 = arith.subi %s, %x : i32
  %9 = arith.subi %s, %y : i32
  "test.sink"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9) : (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) -> ()
}) : () -> ()

// -----

// x * 0 and x - x fold for integers only: floats have NaN and infinities.
// CHECK-LABEL: sym_name = "float_no_zero_fold"
// CHECK: ^bb0(%[[X:.*]]: f32):
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[MUL:.*]] = arith.mulf %[[X]], %[[Z]] : f32
// CHECK: %[[SUB:.*]] = arith.subf %[[X]], %[[X]] : f32
// CHECK: "test.sink"(%[[MUL]], %[[SUB]], %[[X]], %[[X]], %[[X]])
"test.func"() <{sym_name = "float_no_zero_fold"}> ({
^bb0(%x: f32):
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %0 = arith.mulf %x, %zero : f32
  %1 = arith.subf %x, %x : f32
  %2 = arith.mulf %one, %x : f32
  %3 = arith.subf %x, %zero : f32
  %4 = arith.divf %x, %one : f32
  "test.sink"(%0, %1, %2, %3, %4) : (f32, f32, f32, f32, f32) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "float_constants"
// CHECK-DAG: %[[ADD:.*]] = arith.constant 3.000000e+00 : f32
// CHECK-DAG: %[[DIV:.*]] = arith.constant 0x7F800000 : f32
// CHECK-DAG: %[[NEG:.*]] = arith.constant -1.000000e+00 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[MAX:.*]] = arith.constant 0x7FC00000 : f32
// CHECK: "test.sink"(%[[ADD]], %[[DIV]], %[[NEG]], %[[ONE]], %[[MAX]], %[[ONE]])
"test.func"() <{sym_name = "float_constants"}> ({
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %zero = arith.constant 0.0 : f32
  %nan = arith.constant 0x7FC00000 : f32
  %0 = arith.addf %one, %two : f32
  %1 = arith.divf %one, %zero : f32
  %2 = arith.negf %one : f32
  %3 = arith.remf %one, %two : f32
  %4 = arith.maximumf %nan, %one : f32
  %5 = arith.maxnumf %nan, %one : f32
  "test.sink"(%0, %1, %2, %3, %4, %5) : (f32, f32, f32, f32, f32, f32) -> ()
}) : () -> ()

// -----

// Elementwise folding of dense constants, splat or not.
// CHECK-LABEL: sym_name = "dense"
// CHECK-DAG: %[[A:.*]] = arith.constant dense<[-56, 54]> : tensor<2xi8>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[101, 28]> : tensor<2xi8>
// CHECK-DAG: %[[C:.*]] = arith.constant dense<[true, false]> : vector<2xi1>
// CHECK-DAG: %[[D:.*]] = arith.constant dense<2.500000e+00> : vector<4xf32>
// CHECK: "test.sink"(%[[A]], %[[B]], %[[C]], %[[D]])
"test.func"() <{sym_name = "dense"}> ({
  %v = arith.constant dense<[100, 27]> : tensor<2xi8>
  %one = arith.constant dense<1> : tensor<2xi8>
  %0 = arith.addi %v, %v : tensor<2xi8>
  %1 = arith.addi %v, %one : tensor<2xi8>
  %vt = arith.constant dense<[100, 27]> : vector<2xi8>
  %vk = arith.constant dense<[27, 100]> : vector<2xi8>
  %3 = arith.cmpi ugt, %vt, %vk : vector<2xi8>
  %h = arith.constant dense<1.25> : vector<4xf32>
  %4 = arith.addf %h, %h : vector<4xf32>
  "test.sink"(%0, %1, %3, %4) : (tensor<2xi8>, tensor<2xi8>, vector<2xi1>, vector<4xf32>) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "shifts"
// CHECK-DAG: %[[SHL:.*]] = arith.constant -32 : i8
// CHECK-DAG: %[[SHRS:.*]] = arith.constant -8 : i8
// CHECK-DAG: %[[SHRU:.*]] = arith.constant 120 : i8
// CHECK-DAG: %[[POISON:.*]] = arith.shli %{{.*}}, %{{.*}} : i8
// CHECK: "test.sink"(%[[SHL]], %[[SHRS]], %[[SHRU]], %[[POISON]])
"test.func"() <{sym_name = "shifts"}> ({
  %x = arith.constant -16 : i8
  %c1 = arith.constant 1 : i8
  %c8 = arith.constant 8 : i8
  %0 = arith.shli %x, %c1 : i8
  %1 = arith.shrsi %x, %c1 : i8
  %2 = arith.shrui %x, %c1 : i8
  %3 = arith.shli %x, %c8 : i8
  "test.sink"(%0, %1, %2, %3) : (i8, i8, i8, i8) -> ()
}) : () -> ()

// -----

// cmpi of an operand with itself: eq/sle/sge/ule/uge hold, ne/slt/sgt/ult/ugt do not.
// CHECK-LABEL: sym_name = "cmpi_equal_operands"
// Folded constants are named as MLIR names them (%true, %false, %c42_i32, %cst).
// CHECK-NOT: arith.cmpi
// CHECK: "test.sink"(%true{{(_[0-9]+)?}}, %false{{(_[0-9]+)?}}, %false{{(_[0-9]+)?}}, %true{{(_[0-9]+)?}}, %false{{(_[0-9]+)?}}, %true{{(_[0-9]+)?}}, %false{{(_[0-9]+)?}}, %true{{(_[0-9]+)?}}, %false{{(_[0-9]+)?}}, %true{{(_[0-9]+)?}})
"test.func"() <{sym_name = "cmpi_equal_operands"}> ({
^bb0(%x: i32):
  %0 = arith.cmpi eq, %x, %x : i32
  %1 = arith.cmpi ne, %x, %x : i32
  %2 = arith.cmpi slt, %x, %x : i32
  %3 = arith.cmpi sle, %x, %x : i32
  %4 = arith.cmpi sgt, %x, %x : i32
  %5 = arith.cmpi sge, %x, %x : i32
  %6 = arith.cmpi ult, %x, %x : i32
  %7 = arith.cmpi ule, %x, %x : i32
  %8 = arith.cmpi ugt, %x, %x : i32
  %9 = arith.cmpi uge, %x, %x : i32
  "test.sink"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9) : (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) -> ()
}) : () -> ()

// -----

// -1 < 1 signed, but 0xFF > 1 unsigned; a constant on the left moves right.
// CHECK-LABEL: sym_name = "cmpi_constants"
// CHECK: ^bb0(%[[X:.*]]: i8):
// CHECK-DAG: %[[T:.*]] = arith.constant true
// CHECK-DAG: %[[F:.*]] = arith.constant false
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : i8
// CHECK: %[[SWAP:.*]] = arith.cmpi sgt, %[[X]], %[[C1]] : i8
// CHECK: "test.sink"(%[[T]], %[[F]], %[[SWAP]])
"test.func"() <{sym_name = "cmpi_constants"}> ({
^bb0(%x: i8):
  %m1 = arith.constant -1 : i8
  %c1 = arith.constant 1 : i8
  %0 = arith.cmpi slt, %m1, %c1 : i8
  %1 = arith.cmpi ult, %m1, %c1 : i8
  %2 = arith.cmpi slt, %c1, %x : i8
  "test.sink"(%0, %1, %2) : (i1, i1, i1) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "cmpf_constants"
// CHECK-NOT: arith.cmpf
// CHECK: "test.sink"(%true{{(_[0-9]+)?}}, %false{{(_[0-9]+)?}}, %false{{(_[0-9]+)?}}, %true{{(_[0-9]+)?}}, %true{{(_[0-9]+)?}}, %false{{(_[0-9]+)?}})
"test.func"() <{sym_name = "cmpf_constants"}> ({
^bb0(%x: f32):
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %nan = arith.constant 0x7FC00000 : f32
  %0 = arith.cmpf olt, %one, %two : f32
  %1 = arith.cmpf oeq, %one, %two : f32
  %2 = arith.cmpf olt, %x, %nan : f32
  %3 = arith.cmpf ult, %x, %nan : f32
  %4 = arith.cmpf true, %x, %x : f32
  %5 = arith.cmpf ord, %nan, %one : f32
  "test.sink"(%0, %1, %2, %3, %4, %5) : (i1, i1, i1, i1, i1, i1) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "select"
// CHECK: ^bb0(%[[C:.*]]: i1, %[[A:.*]]: i32, %[[B:.*]]: i32):
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: %[[NOT:.*]] = arith.xori %[[C]], %[[TRUE]] : i1
// CHECK: "test.sink"(%[[A]], %[[A]], %[[B]], %[[C]], %[[NOT]])
"test.func"() <{sym_name = "select"}> ({
^bb0(%c: i1, %a: i32, %b: i32):
  %t = arith.constant true
  %f = arith.constant false
  %0 = arith.select %c, %a, %a : i32
  %1 = arith.select %t, %a, %b : i32
  %2 = arith.select %f, %a, %b : i32
  %3 = arith.select %c, %t, %f : i1
  %4 = arith.select %c, %f, %t : i1
  "test.sink"(%0, %1, %2, %3, %4) : (i32, i32, i32, i1, i1) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "casts_of_constants"
// CHECK-DAG: %[[SEXT:.*]] = arith.constant -1 : i32
// CHECK-DAG: %[[ZEXT:.*]] = arith.constant 255 : i32
// CHECK-DAG: %[[TRUNC:.*]] = arith.constant 44 : i8
// CHECK-DAG: %[[IDX:.*]] = arith.constant -1 : index
// CHECK-DAG: %[[SIF:.*]] = arith.constant -1.000000e+00 : f32
// CHECK-DAG: %[[UIF:.*]] = arith.constant 2.550000e+02 : f32
// CHECK-DAG: %[[FSI:.*]] = arith.constant -2 : i32
// CHECK-DAG: %[[BITS:.*]] = arith.constant 1065353216 : i32
// CHECK-DAG: %[[EXT:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-DAG: %[[BIG:.*]] = arith.fptosi %{{.*}} : f32 to i8
// CHECK: "test.sink"(%[[SEXT]], %[[ZEXT]], %[[TRUNC]], %[[IDX]], %[[SIF]], %[[UIF]], %[[FSI]], %[[BITS]], %[[EXT]], %[[BIG]])
"test.func"() <{sym_name = "casts_of_constants"}> ({
  %m1 = arith.constant -1 : i8
  %big = arith.constant 300 : i32
  %f = arith.constant -2.7 : f32
  %one = arith.constant 1.0 : f32
  %huge = arith.constant 1.0e10 : f32
  %0 = arith.extsi %m1 : i8 to i32
  %1 = arith.extui %m1 : i8 to i32
  %2 = arith.trunci %big : i32 to i8
  %3 = arith.index_cast %m1 : i8 to index
  %4 = arith.sitofp %m1 : i8 to f32
  %5 = arith.uitofp %m1 : i8 to f32
  %6 = arith.fptosi %f : f32 to i32
  %7 = arith.bitcast %one : f32 to i32
  %8 = arith.extf %one : f32 to f64
  %9 = arith.fptosi %huge : f32 to i8
  "test.sink"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9) : (i32, i32, i8, index, f32, f32, i32, i32, f64, i8) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "constant_to_right"
// CHECK: ^bb0(%[[X:.*]]: i32, %[[F:.*]]: f32):
// CHECK-DAG: %[[C5:.*]] = arith.constant 5 : i32
// CHECK-DAG: %[[H:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[M:.*]] = arith.muli %[[X]], %[[C5]] : i32
// CHECK: %[[A:.*]] = arith.andi %[[X]], %[[C5]] : i32
// CHECK: %[[MF:.*]] = arith.mulf %[[F]], %[[H]] : f32
// CHECK: "test.sink"(%[[M]], %[[A]], %[[MF]])
"test.func"() <{sym_name = "constant_to_right"}> ({
^bb0(%x: i32, %f: f32):
  %c5 = arith.constant 5 : i32
  %h = arith.constant 0.5 : f32
  %0 = arith.muli %c5, %x : i32
  %1 = arith.andi %c5, %x : i32
  %2 = arith.mulf %h, %f : f32
  "test.sink"(%0, %1, %2) : (i32, i32, f32) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "reassociate_constants"
// CHECK: ^bb0(%[[X:.*]]: i32):
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i32
// CHECK-DAG: %[[CM1:.*]] = arith.constant -1 : i32
// CHECK-DAG: %[[C6:.*]] = arith.constant 6 : i32
// CHECK: %[[ADD:.*]] = arith.addi %[[X]], %[[C3]] : i32
// CHECK: %[[SUB:.*]] = arith.addi %[[X]], %[[CM1]] : i32
// CHECK: %[[MUL:.*]] = arith.muli %[[X]], %[[C6]] : i32
// CHECK: "test.sink"(%[[ADD]], %[[SUB]], %[[MUL]])
"test.func"() <{sym_name = "reassociate_constants"}> ({
^bb0(%x: i32):
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %c3 = arith.constant 3 : i32
  %a = arith.addi %x, %c1 : i32
  %0 = arith.addi %a, %c2 : i32
  %b = arith.addi %c2, %x : i32
  %1 = arith.subi %b, %c3 : i32
  %m = arith.muli %x, %c2 : i32
  %2 = arith.muli %m, %c3 : i32
  "test.sink"(%0, %1, %2) : (i32, i32, i32) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "involutions"
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %[[F:.*]]: f32):
// CHECK-NEXT: "test.sink"(%[[X]], %[[X]], %[[F]])
"test.func"() <{sym_name = "involutions"}> ({
^bb0(%x: i32, %y: i32, %f: f32):
  %a = arith.xori %x, %y : i32
  %0 = arith.xori %a, %y : i32
  %b = arith.xori %y, %x : i32
  %1 = arith.xori %b, %y : i32
  %n = arith.negf %f : f32
  %2 = arith.negf %n : f32
  "test.sink"(%0, %1, %2) : (i32, i32, f32) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "xori_not_cmpi"
// CHECK: ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i32):
// CHECK-NEXT: %[[C:.*]] = arith.cmpi sge, %[[A]], %[[B]] : i32
// CHECK-NEXT: "test.sink"(%[[C]])
"test.func"() <{sym_name = "xori_not_cmpi"}> ({
^bb0(%a: i32, %b: i32):
  %t = arith.constant true
  %c = arith.cmpi slt, %a, %b : i32
  %0 = arith.xori %c, %t : i1
  "test.sink"(%0) : (i1) -> ()
}) : () -> ()

// -----

// CHECK-LABEL: sym_name = "cast_chains"
// CHECK: ^bb0(%[[X:.*]]: i8, %[[I:.*]]: i32, %[[F:.*]]: f32):
// CHECK-DAG: %[[SEXT:.*]] = arith.extsi %[[X]] : i8 to i64
// CHECK-DAG: %[[ZEXT:.*]] = arith.extui %[[X]] : i8 to i64
// CHECK-DAG: %[[MIXED:.*]] = arith.extui %[[X]] : i8 to i32
// CHECK-DAG: %[[TRUNC:.*]] = arith.trunci %[[I]] : i32 to i8
// CHECK: "test.sink"(%[[SEXT]], %[[ZEXT]], %[[MIXED]], %[[I]], %[[X]], %[[TRUNC]], %[[F]])
"test.func"() <{sym_name = "cast_chains"}> ({
^bb0(%x: i8, %i: i32, %f: f32):
  %a = arith.extsi %x : i8 to i16
  %0 = arith.extsi %a : i16 to i64
  %b = arith.extui %x : i8 to i16
  %1 = arith.extui %b : i16 to i64
  %c = arith.extui %x : i8 to i16
  %2 = arith.extsi %c : i16 to i32
  %ix = arith.index_cast %i : i32 to index
  %3 = arith.index_cast %ix : index to i32
  %e = arith.extsi %x : i8 to i32
  %4 = arith.trunci %e : i32 to i8
  %t = arith.trunci %i : i32 to i16
  %5 = arith.trunci %t : i16 to i8
  %g = arith.bitcast %f : f32 to i32
  %6 = arith.bitcast %g : i32 to f32
  "test.sink"(%0, %1, %2, %3, %4, %5, %6) : (i64, i64, i32, i32, i8, i8, f32) -> ()
}) : () -> ()

// -----

// index_cast pairs that do not round-trip stay.
// CHECK-LABEL: sym_name = "index_cast_narrowing"
// CHECK: arith.index_cast %{{.*}} : i64 to index
// CHECK: arith.index_cast %{{.*}} : index to i32
"test.func"() <{sym_name = "index_cast_narrowing"}> ({
^bb0(%x: i64):
  %i = arith.index_cast %x : i64 to index
  %0 = arith.index_cast %i : index to i32
  "test.sink"(%0) : (i32) -> ()
}) : () -> ()
