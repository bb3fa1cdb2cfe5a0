// RUN: dialir-translate --mlir-to-llvmir %s | filecheck %s

// Integer and float arithmetic with their flags, comparisons, select and casts.

// CHECK-LABEL: define i32 @int_arith(i32 %arg0, i32 %arg1)
llvm.func @int_arith(%a: i32, %b: i32) -> i32 {
  // CHECK: %v0 = add i32 %arg0, %arg1
  %0 = llvm.add %a, %b : i32
  // CHECK: %v1 = add nsw i32 %v0, %arg1
  %1 = llvm.add %0, %b overflow<nsw> : i32
  // CHECK: %v2 = sub nsw nuw i32 %v1, %arg0
  %2 = llvm.sub %1, %a overflow<nsw, nuw> : i32
  // CHECK: %v3 = mul nuw i32 %v2, 7
  %c7 = llvm.mlir.constant(7 : i32) : i32
  %3 = llvm.mul %2, %c7 overflow<nuw> : i32
  // CHECK: %v4 = udiv exact i32 %v3, %arg1
  %4 = llvm.udiv exact %3, %b : i32
  // CHECK: %v5 = sdiv i32 %v4, %arg1
  %5 = llvm.sdiv %4, %b : i32
  // CHECK: %v6 = urem i32 %v5, %arg1
  %6 = llvm.urem %5, %b : i32
  // CHECK: %v7 = srem i32 %v6, %arg1
  %7 = llvm.srem %6, %b : i32
  // CHECK: %v8 = and i32 %v7, -1
  %m1 = llvm.mlir.constant(-1 : i32) : i32
  %8 = llvm.and %7, %m1 : i32
  // CHECK: %v9 = or disjoint i32 %v8, %arg0
  %9 = llvm.or disjoint %8, %a : i32
  // CHECK: %v10 = xor i32 %v9, %arg0
  %10 = llvm.xor %9, %a : i32
  // CHECK: %v11 = shl nsw i32 %v10, %arg1
  %11 = llvm.shl %10, %b overflow<nsw> : i32
  // CHECK: %v12 = lshr exact i32 %v11, %arg1
  %12 = llvm.lshr exact %11, %b : i32
  // CHECK: %v13 = ashr i32 %v12, %arg1
  %13 = llvm.ashr %12, %b : i32
  // CHECK: ret i32 %v13
  llvm.return %13 : i32
}

// CHECK-LABEL: define <4 x i32> @vector_int(<4 x i32> %arg0)
llvm.func @vector_int(%v: vector<4xi32>) -> vector<4xi32> {
  // CHECK: %v0 = add <4 x i32> %arg0, <i32 1, i32 2, i32 3, i32 4>
  %c = llvm.mlir.constant(dense<[1, 2, 3, 4]> : vector<4xi32>) : vector<4xi32>
  %0 = llvm.add %v, %c : vector<4xi32>
  // CHECK: %v1 = mul <4 x i32> %v0, <i32 3, i32 3, i32 3, i32 3>
  %s = llvm.mlir.constant(dense<3> : vector<4xi32>) : vector<4xi32>
  %1 = llvm.mul %0, %s : vector<4xi32>
  // CHECK: %v2 = sub <4 x i32> %v1, zeroinitializer
  %z = llvm.mlir.zero : vector<4xi32>
  %2 = llvm.sub %1, %z : vector<4xi32>
  llvm.return %2 : vector<4xi32>
}

// CHECK-LABEL: define float @float_arith(float %arg0, float %arg1, double %arg2)
llvm.func @float_arith(%a: f32, %b: f32, %d: f64) -> f32 {
  // CHECK: %v0 = fadd float %arg0, %arg1
  %0 = llvm.fadd %a, %b : f32
  // CHECK: %v1 = fsub fast float %v0, 0x3FF8000000000000
  %c = llvm.mlir.constant(1.5 : f32) : f32
  %1 = llvm.fsub %0, %c fastmath<fast> : f32
  // CHECK: %v2 = fmul nnan ninf float %v1, %arg1
  %2 = llvm.fmul %1, %b fastmath<nnan, ninf> : f32
  // CHECK: %v3 = fdiv nsz afn reassoc float %v2, %arg1
  %3 = llvm.fdiv %2, %b fastmath<reassoc, nsz, afn> : f32
  // CHECK: %v4 = frem float %v3, %arg1
  %4 = llvm.frem %3, %b : f32
  // CHECK: %v5 = fneg contract float %v4
  %5 = llvm.fneg %4 fastmath<contract> : f32
  // CHECK: %v6 = fadd double %arg2, 0x3FB999999999999A
  %cd = llvm.mlir.constant(0.1 : f64) : f64
  %6 = llvm.fadd %d, %cd : f64
  // CHECK: %v7 = fptrunc double %v6 to float
  %7 = llvm.fptrunc %6 : f64 to f32
  // CHECK: %v8 = fadd float %v5, %v7
  %8 = llvm.fadd %5, %7 : f32
  // CHECK: ret float %v8
  llvm.return %8 : f32
}

// CHECK-LABEL: define i1 @compare_select(i32 %arg0, float %arg1, ptr %arg2)
llvm.func @compare_select(%i: i32, %f: f32, %p: !llvm.ptr) -> i1 {
  // CHECK: %v0 = icmp slt i32 %arg0, 0
  %zero = llvm.mlir.constant(0 : i32) : i32
  %0 = llvm.icmp "slt" %i, %zero : i32
  // CHECK: %v1 = fcmp fast olt float %arg1, %arg1
  %1 = llvm.fcmp "olt" %f, %f fastmath<fast> : f32
  // CHECK: %v2 = fcmp uno float %arg1, %arg1
  %2 = llvm.fcmp "uno" %f, %f : f32
  // CHECK: %v3 = fcmp true float %arg1, %arg1
  %3 = llvm.fcmp "_true" %f, %f : f32
  // CHECK: %v4 = icmp ne ptr %arg2, null
  %null = llvm.mlir.zero : !llvm.ptr
  %4 = llvm.icmp "ne" %p, %null : !llvm.ptr
  // CHECK: %v5 = select nnan i1 %v0, float %arg1, float 0x0000000000000000
  %fz = llvm.mlir.constant(0.0 : f32) : f32
  %5 = llvm.select %0, %f, %fz fastmath<nnan> : i1, f32
  // CHECK: %v6 = and i1 %v1, %v2
  %6 = llvm.and %1, %2 : i1
  // CHECK: %v7 = select i1 %v6, i1 true, i1 %v4
  %t = llvm.mlir.constant(true) : i1
  %7 = llvm.select %6, %t, %4 : i1, i1
  llvm.return %7 : i1
}

// CHECK-LABEL: define void @casts(i64 %arg0, i32 %arg1, float %arg2, ptr %arg3, <4 x i32> %arg4)
llvm.func @casts(%l: i64, %i: i32, %f: f32, %p: !llvm.ptr, %v: vector<4xi32>) {
  // CHECK: %v0 = trunc i64 %arg0 to i32
  %0 = llvm.trunc %l : i64 to i32
  // CHECK: %v1 = trunc nsw nuw i64 %arg0 to i16
  %1 = llvm.trunc %l overflow<nsw, nuw> : i64 to i16
  // CHECK: %v2 = zext nneg i32 %arg1 to i64
  %2 = llvm.zext nneg %i : i32 to i64
  // CHECK: %v3 = sext i32 %arg1 to i64
  %3 = llvm.sext %i : i32 to i64
  // CHECK: %v4 = fpext nnan float %arg2 to double
  %4 = llvm.fpext %f fastmath<nnan> : f32 to f64
  // CHECK: %v5 = sitofp i32 %arg1 to float
  %5 = llvm.sitofp %i : i32 to f32
  // CHECK: %v6 = uitofp nneg i32 %arg1 to half
  %6 = llvm.uitofp nneg %i : i32 to f16
  // CHECK: %v7 = fptosi float %arg2 to i32
  %7 = llvm.fptosi %f : f32 to i32
  // CHECK: %v8 = fptoui float %arg2 to i8
  %8 = llvm.fptoui %f : f32 to i8
  // CHECK: %v9 = bitcast i32 %arg1 to float
  %9 = llvm.bitcast %i : i32 to f32
  // CHECK: %v10 = bitcast <4 x i32> %arg4 to <2 x i64>
  %10 = llvm.bitcast %v : vector<4xi32> to vector<2xi64>
  // CHECK: %v11 = ptrtoint ptr %arg3 to i64
  %11 = llvm.ptrtoint %p : !llvm.ptr to i64
  // CHECK: %v12 = inttoptr i64 %arg0 to ptr
  %12 = llvm.inttoptr %l : i64 to !llvm.ptr
  // CHECK: %v13 = addrspacecast ptr %arg3 to ptr addrspace(1)
  %13 = llvm.addrspacecast %p : !llvm.ptr to !llvm.ptr<1>
  // CHECK: %v14 = sext <4 x i32> %arg4 to <4 x i64>
  %14 = llvm.sext %v : vector<4xi32> to vector<4xi64>
  llvm.return
}

// CHECK-LABEL: define half @half_bfloat(half %arg0, bfloat %arg1)
llvm.func @half_bfloat(%h: f16, %b: bf16) -> f16 {
  // CHECK: %v0 = fadd half %arg0, 0xH3C00
  %one = llvm.mlir.constant(1.0 : f16) : f16
  %0 = llvm.fadd %h, %one : f16
  // CHECK: %v1 = fadd bfloat %arg1, 0xR4000
  %two = llvm.mlir.constant(2.0 : bf16) : bf16
  %1 = llvm.fadd %b, %two : bf16
  llvm.return %0 : f16
}
