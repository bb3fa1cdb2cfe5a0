// RUN: dialir-translate --mlir-to-llvmir %s | filecheck %s

// Declarations and definitions: linkage, visibility, calling conventions, parameter and
// result attributes, function attributes; calls (direct, indirect, variadic, tail, fast-math),
// inline assembly and llvm.call_intrinsic.

// CHECK: declare ptr @malloc(i64)
llvm.func @malloc(i64) -> !llvm.ptr
// CHECK: declare i32 @printf(ptr, ...)
llvm.func @printf(!llvm.ptr, ...) -> i32
// CHECK: declare extern_weak void @maybe()
llvm.func extern_weak @maybe()

// CHECK: define internal fastcc noalias nonnull ptr @attrs(ptr align 64 dereferenceable(16) noalias captures(none) %arg0, i32 signext %arg1, ptr byval(i64) %arg2) unnamed_addr noinline nounwind "target-cpu"="skylake-avx512" "target-features"="+avx512f,+fma" "frame-pointer"="all" mustprogress
llvm.func internal fastcc unnamed_addr @attrs(%p: !llvm.ptr {llvm.noalias, llvm.nocapture, llvm.align = 64 : i64, llvm.dereferenceable = 16 : i64}, %i: i32 {llvm.signext}, %s: !llvm.ptr {llvm.byval = i64}) -> (!llvm.ptr {llvm.noalias, llvm.nonnull}) attributes {no_inline, no_unwind, target_cpu = "skylake-avx512", target_features = #llvm.target_features<["+avx512f", "+fma"]>, passthrough = [["frame-pointer", "all"], "mustprogress"]} {
  llvm.return %p : !llvm.ptr
}

// CHECK: define linkonce_odr hidden void @hidden() section ".text.hot" align 32
llvm.func linkonce_odr hidden @hidden() attributes {section = ".text.hot", alignment = 32 : i64} {
  llvm.return
}

// CHECK: define void @c_interface(ptr %arg0) {
llvm.func @c_interface(%p: !llvm.ptr) attributes {llvm.emit_c_interface} {
  llvm.return
}

// CHECK-LABEL: define float @calls(i64 %arg0, float %arg1, i32 %arg2)
llvm.func @calls(%n: i64, %f: f32, %i: i32) -> f32 {
  // CHECK: %v0 = call ptr @malloc(i64 %arg0)
  %0 = llvm.call @malloc(%n) : (i64) -> !llvm.ptr
  // CHECK: %v1 = call i32 (ptr, ...) @printf(ptr %v0, i32 %arg2, float %arg1)
  %1 = llvm.call @printf(%0, %i, %f) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, i32, f32) -> i32
  // CHECK: %v2 = tail call fast float @square(float %arg1)
  %2 = llvm.call tail @square(%f) {fastmathFlags = #llvm.fastmath<fast>} : (f32) -> f32
  // CHECK: %v3 = call fastcc float @square(float %v2)
  %3 = llvm.call fastcc @square(%2) : (f32) -> f32
  // CHECK: %v4 = call float @square(float %v3)
  %fp = llvm.mlir.addressof @square : !llvm.ptr
  %4 = llvm.call %fp(%3) : !llvm.ptr, (f32) -> f32
  // CHECK: call void @maybe()
  llvm.call @maybe() : () -> ()
  // CHECK: %v5 = call i32 asm sideeffect "add $0, $1", "=r,r"(i32 %arg2)
  %5 = llvm.inline_asm has_side_effects "add $0, $1", "=r,r" %i : (i32) -> i32
  // CHECK: %v6 = call float @llvm.fabs.f32(float %v4)
  %6 = llvm.call_intrinsic "llvm.fabs.f32"(%4) : (f32) -> f32
  // CHECK: ret float %v6
  llvm.return %6 : f32
}

// CHECK: define float @square(float %arg0)
// CHECK: %v0 = fmul float %arg0, %arg0
llvm.func @square(%x: f32) -> f32 {
  %0 = llvm.fmul %x, %x : f32
  llvm.return %0 : f32
}

// CHECK: declare float @llvm.fabs.f32(float)
