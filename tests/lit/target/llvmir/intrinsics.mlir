// RUN: dialir-translate --mlir-to-llvmir %s | filecheck %s

// Intrinsic ops become calls of LLVM intrinsics, each declared once with its overloaded
// type suffixes; flags that LLVM takes as arguments (immarg) follow the operands.

// CHECK-LABEL: define void @math(float %arg0, <4 x float> %arg1, double %arg2, i32 %arg3)
llvm.func @math(%f: f32, %v: vector<4xf32>, %d: f64, %i: i32) {
  // CHECK: call float @llvm.fmuladd.f32(float %arg0, float %arg0, float %arg0)
  %0 = llvm.intr.fmuladd(%f, %f, %f) : (f32, f32, f32) -> f32
  // CHECK: call fast <4 x float> @llvm.fma.v4f32(<4 x float> %arg1, <4 x float> %arg1, <4 x float> %arg1)
  %1 = llvm.intr.fma(%v, %v, %v) fastmath<fast> : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  // CHECK: call double @llvm.exp.f64(double %arg2)
  %2 = llvm.intr.exp(%d) : (f64) -> f64
  // CHECK: call float @llvm.exp2.f32
  %3 = llvm.intr.exp2(%f) : (f32) -> f32
  // CHECK: call afn float @llvm.log.f32
  %4 = llvm.intr.log(%f) fastmath<afn> : (f32) -> f32
  // CHECK: call float @llvm.log2.f32
  %5 = llvm.intr.log2(%f) : (f32) -> f32
  // CHECK: call <4 x float> @llvm.sqrt.v4f32(<4 x float> %arg1)
  %6 = llvm.intr.sqrt(%v) : (vector<4xf32>) -> vector<4xf32>
  // CHECK: call float @llvm.fabs.f32
  %7 = llvm.intr.fabs(%f) : (f32) -> f32
  // CHECK: call float @llvm.maxnum.f32(float %arg0, float %{{.*}})
  %8 = llvm.intr.maxnum(%f, %7) : (f32, f32) -> f32
  // CHECK: call float @llvm.minnum.f32
  %9 = llvm.intr.minnum(%f, %7) : (f32, f32) -> f32
  // CHECK: call float @llvm.maximum.f32
  %10 = llvm.intr.maximum(%f, %7) : (f32, f32) -> f32
  // CHECK: call float @llvm.minimum.f32
  %11 = llvm.intr.minimum(%f, %7) : (f32, f32) -> f32
  // CHECK: call float @llvm.pow.f32
  %12 = llvm.intr.pow(%f, %f) : (f32, f32) -> f32
  // CHECK: call float @llvm.powi.f32.i32(float %arg0, i32 %arg3)
  %13 = llvm.intr.powi(%f, %i) : (f32, i32) -> f32
  // CHECK: call float @llvm.floor.f32
  %14 = llvm.intr.floor(%f) : (f32) -> f32
  // CHECK: call float @llvm.ceil.f32
  %15 = llvm.intr.ceil(%f) : (f32) -> f32
  // CHECK: call float @llvm.round.f32
  %16 = llvm.intr.round(%f) : (f32) -> f32
  // CHECK: call float @llvm.roundeven.f32
  %17 = llvm.intr.roundeven(%f) : (f32) -> f32
  // CHECK: call float @llvm.trunc.f32
  %18 = llvm.intr.trunc(%f) : (f32) -> f32
  // CHECK: call float @llvm.copysign.f32
  %19 = llvm.intr.copysign(%f, %f) : (f32, f32) -> f32
  // CHECK: call float @llvm.sin.f32
  %20 = llvm.intr.sin(%f) : (f32) -> f32
  // CHECK: call float @llvm.cos.f32
  %21 = llvm.intr.cos(%f) : (f32) -> f32
  // CHECK: call float @llvm.tanh.f32
  %22 = llvm.intr.tanh(%f) : (f32) -> f32
  llvm.return
}

// CHECK-LABEL: define void @integer(i32 %arg0, <4 x i32> %arg1)
llvm.func @integer(%i: i32, %v: vector<4xi32>) {
  // CHECK: call i32 @llvm.smax.i32(i32 %arg0, i32 %arg0)
  %0 = llvm.intr.smax(%i, %i) : (i32, i32) -> i32
  // CHECK: call i32 @llvm.smin.i32
  %1 = llvm.intr.smin(%i, %i) : (i32, i32) -> i32
  // CHECK: call <4 x i32> @llvm.umax.v4i32
  %2 = llvm.intr.umax(%v, %v) : (vector<4xi32>, vector<4xi32>) -> vector<4xi32>
  // CHECK: call i32 @llvm.umin.i32
  %3 = llvm.intr.umin(%i, %i) : (i32, i32) -> i32
  // CHECK: call i32 @llvm.abs.i32(i32 %arg0, i1 true)
  %4 = "llvm.intr.abs"(%i) <{is_int_min_poison = true}> : (i32) -> i32
  // CHECK: call i32 @llvm.ctpop.i32(i32 %arg0)
  %5 = llvm.intr.ctpop(%i) : (i32) -> i32
  // CHECK: call i32 @llvm.ctlz.i32(i32 %arg0, i1 false)
  %6 = "llvm.intr.ctlz"(%i) <{is_zero_poison = false}> : (i32) -> i32
  // CHECK: call i32 @llvm.cttz.i32(i32 %arg0, i1 true)
  %7 = "llvm.intr.cttz"(%i) <{is_zero_poison = true}> : (i32) -> i32
  // CHECK: call i32 @llvm.vector.reduce.add.v4i32(<4 x i32> %arg1)
  %8 = "llvm.intr.vector.reduce.add"(%v) : (vector<4xi32>) -> i32
  // CHECK: call i32 @llvm.vector.reduce.smax.v4i32(<4 x i32> %arg1)
  %9 = "llvm.intr.vector.reduce.smax"(%v) : (vector<4xi32>) -> i32
  // CHECK: call void @llvm.assume(i1 %{{.*}})
  %c = llvm.icmp "sgt" %i, %0 : i32
  llvm.intr.assume %c : i1
  llvm.return
}

// CHECK-LABEL: define float @reductions(float %arg0, <8 x float> %arg1)
llvm.func @reductions(%s: f32, %v: vector<8xf32>) -> f32 {
  // CHECK: call reassoc float @llvm.vector.reduce.fadd.v8f32(float %arg0, <8 x float> %arg1)
  %0 = llvm.intr.vector.reduce.fadd(%s, %v) fastmath<reassoc> : (f32, vector<8xf32>) -> f32
  // CHECK: call float @llvm.vector.reduce.fmul.v8f32(float %arg0, <8 x float> %arg1)
  %1 = llvm.intr.vector.reduce.fmul(%s, %v) : (f32, vector<8xf32>) -> f32
  // CHECK: call float @llvm.vector.reduce.fmax.v8f32(<8 x float> %arg1)
  %2 = llvm.intr.vector.reduce.fmax(%v) : (vector<8xf32>) -> f32
  // CHECK: call float @llvm.vector.reduce.fminimum.v8f32(<8 x float> %arg1)
  %3 = llvm.intr.vector.reduce.fminimum(%v) : (vector<8xf32>) -> f32
  llvm.return %0 : f32
}

// CHECK-LABEL: define void @memory(ptr %arg0, ptr %arg1, i64 %arg2, i8 %arg3, <4 x i1> %arg4)
llvm.func @memory(%dst: !llvm.ptr, %src: !llvm.ptr, %n: i64, %b: i8, %m: vector<4xi1>) {
  // CHECK: call void @llvm.memcpy.p0.p0.i64(ptr %arg0, ptr %arg1, i64 %arg2, i1 false)
  "llvm.intr.memcpy"(%dst, %src, %n) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  // CHECK: call void @llvm.memmove.p0.p0.i64(ptr %arg0, ptr %arg1, i64 %arg2, i1 true)
  "llvm.intr.memmove"(%dst, %src, %n) <{isVolatile = true}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  // CHECK: call void @llvm.memset.p0.i64(ptr %arg0, i8 %arg3, i64 %arg2, i1 false)
  "llvm.intr.memset"(%dst, %b, %n) <{isVolatile = false}> : (!llvm.ptr, i8, i64) -> ()
  // CHECK: %[[L:.*]] = call <4 x float> @llvm.masked.load.v4f32.p0(ptr %arg1, i32 16, <4 x i1> %arg4, <4 x float> poison)
  %v = llvm.intr.masked.load(%src, %m), alignment(16) : (!llvm.ptr, vector<4xi1>) -> vector<4xf32>
  // CHECK: call void @llvm.masked.store.v4f32.p0(<4 x float> %[[L]], ptr %arg0, i32 16, <4 x i1> %arg4)
  llvm.intr.masked.store(%v, %dst, %m), alignment(16) : vector<4xf32>, vector<4xi1> into !llvm.ptr
  // CHECK: %[[S:.*]] = call ptr @llvm.stacksave.p0()
  %s = llvm.intr.stacksave : !llvm.ptr
  // CHECK: call void @llvm.stackrestore.p0(ptr %[[S]])
  llvm.intr.stackrestore %s : !llvm.ptr
  llvm.return
}

// CHECK-DAG: declare float @llvm.fmuladd.f32(float, float, float)
// CHECK-DAG: declare float @llvm.powi.f32.i32(float, i32)
// CHECK-DAG: declare i32 @llvm.abs.i32(i32, i1 immarg)
// CHECK-DAG: declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1 immarg)
// CHECK-DAG: declare <4 x float> @llvm.masked.load.v4f32.p0(ptr, i32 immarg, <4 x i1>, <4 x float>)
