// RUN: dialir-opt %s --allow-unregistered-dialect | dialir-opt --allow-unregistered-dialect | filecheck %s
// REDEFINE: %{roundtrip-flags} = --allow-unregistered-dialect
// RUN: %roundtrip | filecheck %s
// RUN: dialir-opt %s --allow-unregistered-dialect --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC

// CHECK-LABEL: sym_name = "unary"
"test.func"() <{sym_name = "unary"}> ({
^bb0(%f: f32, %d: f64, %v: vector<4xf16>, %t: tensor<?xbf16>, %i: i32):
  // CHECK: math.exp %{{.*}} : f32
  %0 = math.exp %f : f32
  // CHECK: math.exp2 %{{.*}} : f64
  %1 = math.exp2 %d : f64
  // CHECK: math.log %{{.*}} : vector<4xf16>
  %2 = math.log %v : vector<4xf16>
  // CHECK: math.log2 %{{.*}} : tensor<?xbf16>
  %3 = math.log2 %t : tensor<?xbf16>
  // CHECK: math.log1p %{{.*}} : f32
  %4 = math.log1p %f : f32
  // CHECK: math.sqrt %{{.*}} : f32
  %5 = math.sqrt %f : f32
  // CHECK: math.rsqrt %{{.*}} : f32
  %6 = math.rsqrt %f : f32
  // CHECK: math.tanh %{{.*}} : f32
  %7 = math.tanh %f : f32
  // CHECK: math.erf %{{.*}} : f32
  %8 = math.erf %f : f32
  // CHECK: math.sin %{{.*}} : f32
  %9 = math.sin %f : f32
  // CHECK: math.cos %{{.*}} : f32
  %10 = math.cos %f : f32
  // CHECK: math.absf %{{.*}} : f32
  %11 = math.absf %f : f32
  // CHECK: math.absi %{{.*}} : i32
  %12 = math.absi %i : i32
  // CHECK: math.floor %{{.*}} : f32
  %13 = math.floor %f : f32
  // CHECK: math.ceil %{{.*}} : f32
  %14 = math.ceil %f : f32
  // CHECK: math.round %{{.*}} : f32
  %15 = math.round %f : f32
  // CHECK: math.sqrt %{{.*}} fastmath<fast> : f32
  %16 = math.sqrt %f fastmath<fast> : f32
  // CHECK: math.exp %{{.*}} fastmath<nnan,afn> {tag} : f32
  %17 = math.exp %f fastmath<afn,nnan> {tag} : f32
  // CHECK: math.roundeven %{{.*}} : f32
  %18 = math.roundeven %f : f32
  // CHECK: math.trunc %{{.*}} : f32
  %19 = math.trunc %f : f32
  // CHECK: math.tan %{{.*}} : f32
  %20 = math.tan %f : f32
  // CHECK: math.atan %{{.*}} : f32
  %21 = math.atan %f : f32
  // CHECK: math.sinh %{{.*}} : f32
  %22 = math.sinh %f : f32
  // CHECK: math.cosh %{{.*}} : f32
  %23 = math.cosh %f : f32
  // CHECK: math.cbrt %{{.*}} : f32
  %24 = math.cbrt %f : f32
  // CHECK: math.expm1 %{{.*}} : f32
  %25 = math.expm1 %f : f32
  // CHECK: math.log10 %{{.*}} : f32
  %26 = math.log10 %f : f32
  // CHECK: math.ctlz %{{.*}} : i32
  %27 = math.ctlz %i : i32
  // CHECK: math.cttz %{{.*}} : i32
  %28 = math.cttz %i : i32
  // CHECK: math.ctpop %{{.*}} : i32
  %29 = math.ctpop %i : i32
  // GENERIC: "math.exp"(%{{.*}}) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
  // GENERIC: "math.sqrt"(%{{.*}}) <{fastmath = #arith.fastmath<fast>}> : (f32) -> f32
  "test.return"() : () -> ()
}) : () -> ()

// CHECK-LABEL: sym_name = "binary_ternary"
"test.func"() <{sym_name = "binary_ternary"}> ({
^bb0(%a: f32, %b: f32, %c: f32, %v: vector<4xf64>, %n: i32):
  // CHECK: math.powf %{{.*}}, %{{.*}} : f32
  %0 = math.powf %a, %b : f32
  // CHECK: math.fma %{{.*}}, %{{.*}}, %{{.*}} : f32
  %1 = math.fma %a, %b, %c : f32
  // CHECK: math.fma %{{.*}}, %{{.*}}, %{{.*}} fastmath<contract> : vector<4xf64>
  %2 = math.fma %v, %v, %v fastmath<contract> : vector<4xf64>
  // CHECK: math.powf %{{.*}}, %{{.*}} fastmath<afn> : f32
  %3 = "math.powf"(%a, %b) <{fastmath = #arith.fastmath<afn>}> : (f32, f32) -> f32
  // CHECK: math.atan2 %{{.*}}, %{{.*}} : f32
  %4 = math.atan2 %a, %b : f32
  // CHECK: math.copysign %{{.*}}, %{{.*}} : f32
  %5 = math.copysign %a, %b : f32
  // CHECK: math.fpowi %{{.*}}, %{{.*}} : f32, i32
  %6 = math.fpowi %a, %n : f32, i32
  // CHECK: math.ipowi %{{.*}}, %{{.*}} : i32
  %7 = math.ipowi %n, %n : i32
  // GENERIC: "math.fma"(%{{.*}}, %{{.*}}, %{{.*}}) <{fastmath = #arith.fastmath<none>}> : (f32, f32, f32) -> f32
  "test.return"() : () -> ()
}) : () -> ()
