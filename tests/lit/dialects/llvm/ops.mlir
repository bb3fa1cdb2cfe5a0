// RUN: dialir-opt %s | dialir-opt | filecheck %s
// RUN: %roundtrip | filecheck %s
// RUN: dialir-opt %s --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC

// Every llvm op in its custom syntax; the checks hold what MLIR's own printer (mlir-opt /
// iree-opt) prints for the same input. The generic-form checks pin the property names.

llvm.mlir.global internal constant @g(dense<[1.0, 2.0]> : tensor<2xf32>) {addr_space = 0 : i32, alignment = 16 : i64} : !llvm.array<2 x f32>
// CHECK: llvm.mlir.global internal constant @g(dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>) {addr_space = 0 : i32, alignment = 16 : i64} : !llvm.array<2 x f32>

llvm.mlir.global external @h() : !llvm.struct<"foo", (i32, ptr)> {
  %0 = llvm.mlir.undef : !llvm.struct<"foo", (i32, ptr)>
  llvm.return %0 : !llvm.struct<"foo", (i32, ptr)>
}
// CHECK: llvm.mlir.global external @h() {addr_space = 0 : i32} : !llvm.struct<"foo", (i32, ptr)> {
// CHECK: %0 = llvm.mlir.undef : !llvm.struct<"foo", (i32, ptr)>
// CHECK: llvm.return %0 : !llvm.struct<"foo", (i32, ptr)>

llvm.mlir.global private constant @str("hello\00") {addr_space = 0 : i32} : !llvm.array<6 x i8>
// CHECK: llvm.mlir.global private constant @str("hello\00") {addr_space = 0 : i32}

llvm.mlir.global internal @z(0 : i32) : i32
// CHECK: llvm.mlir.global internal @z(0 : i32) {addr_space = 0 : i32} : i32

llvm.mlir.global external @ext() : f32
// CHECK: llvm.mlir.global external @ext() {addr_space = 0 : i32} : f32

llvm.mlir.global linkonce_odr hidden unnamed_addr @w(1.0 : f32) {alignment = 4 : i64} : f32
// CHECK: llvm.mlir.global linkonce_odr hidden unnamed_addr @w(1.000000e+00 : f32) {addr_space = 0 : i32, alignment = 4 : i64} : f32

llvm.mlir.global weak thread_local @tl(0 : i64) : i64
// CHECK: llvm.mlir.global weak thread_local @tl(0 : i64) {addr_space = 0 : i32} : i64

llvm.mlir.global weak thread_local(localexec) @tl2(0 : i64) : i64
// CHECK: llvm.mlir.global weak thread_local(localexec) @tl2(0 : i64) {addr_space = 0 : i32} : i64

llvm.mlir.global external @e2() {addr_space = 1 : i32, dso_local, externally_initialized, section = "foo"} : i64
// CHECK: llvm.mlir.global external @e2() {addr_space = 1 : i32, dso_local, externally_initialized, section = "foo"} : i64

llvm.mlir.global internal constant @arr(dense<0.0> : tensor<4x4xf32>) : !llvm.array<4 x array<4 x f32>>
// CHECK: llvm.mlir.global internal constant @arr(dense<0.000000e+00> : tensor<4x4xf32>) {addr_space = 0 : i32} : !llvm.array<4 x array<4 x f32>>

llvm.mlir.global internal @zz() : !llvm.array<4 x f32> {
  %0 = llvm.mlir.zero : !llvm.array<4 x f32>
  llvm.return %0 : !llvm.array<4 x f32>
}
// CHECK: llvm.mlir.global internal @zz() {addr_space = 0 : i32} : !llvm.array<4 x f32> {
// CHECK: %0 = llvm.mlir.zero : !llvm.array<4 x f32>
// CHECK: llvm.return %0 : !llvm.array<4 x f32>

llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-LABEL: llvm.func @malloc(i64) -> !llvm.ptr

llvm.func @printf(!llvm.ptr, ...) -> i32
// CHECK-LABEL: llvm.func @printf(!llvm.ptr, ...) -> i32

llvm.func @decl(f32) -> f32
// CHECK-LABEL: llvm.func @decl(f32) -> f32

llvm.func internal @vis() attributes {sym_visibility = "private"} {
  llvm.return
}
// CHECK-LABEL: llvm.func internal @vis() attributes {sym_visibility = "private"}
// CHECK: llvm.return

llvm.func linkonce_odr hidden @lo() {
  llvm.return
}
// CHECK-LABEL: llvm.func linkonce_odr hidden @lo()
// CHECK: llvm.return

llvm.func @resattr(%arg0: i32 {llvm.noundef}) -> (i32 {llvm.signext}) {
  llvm.return %arg0 : i32
}
// CHECK-LABEL: llvm.func @resattr(%arg0: i32 {llvm.noundef}) -> (i32 {llvm.signext})
// CHECK: llvm.return %arg0 : i32

llvm.func @vararg_def(%arg0: i32, ...) {
  llvm.return
}
// CHECK-LABEL: llvm.func @vararg_def(%arg0: i32, ...)
// CHECK: llvm.return

llvm.func @fnattrs() attributes {no_inline, target_cpu = "skylake", passthrough = ["nounwind"]} {
  llvm.return
}
// CHECK-LABEL: llvm.func @fnattrs() attributes {no_inline, passthrough = ["nounwind"], target_cpu = "skylake"}
// CHECK: llvm.return

llvm.func weak_odr fastcc @cc() {
  llvm.return
}
// CHECK-LABEL: llvm.func weak_odr fastcc @cc()
// CHECK: llvm.return

llvm.func local_unnamed_addr @unn() {
  llvm.return
}
// CHECK-LABEL: llvm.func local_unnamed_addr @unn()
// CHECK: llvm.return

llvm.func internal @c_iface(%arg0: !llvm.ptr {llvm.noalias}, %arg1: i64) attributes {llvm.emit_c_interface} {
  llvm.return
}
// CHECK-LABEL: llvm.func internal @c_iface(%arg0: !llvm.ptr {llvm.noalias}, %arg1: i64) attributes {llvm.emit_c_interface}
// CHECK: llvm.return

llvm.func @int_arith(%arg0: i32, %arg1: i32, %arg2: vector<4xi32>) {
  %0 = llvm.add %arg0, %arg1 : i32
  %1 = llvm.add %arg0, %arg1 overflow<nsw> : i32
  %2 = llvm.sub %arg0, %arg1 overflow<nsw, nuw> : i32
  %3 = llvm.mul %arg2, %arg2 overflow<nuw> : vector<4xi32>
  %4 = llvm.udiv %arg0, %arg1 : i32
  %5 = llvm.sdiv exact %arg0, %arg1 : i32
  %6 = llvm.urem %arg0, %arg1 : i32
  %7 = llvm.srem %arg0, %arg1 : i32
  %8 = llvm.and %arg0, %arg1 : i32
  %9 = llvm.or disjoint %arg0, %arg1 : i32
  %10 = llvm.xor %arg0, %arg1 {tag} : i32
  %11 = llvm.shl %arg0, %arg1 overflow<nsw> {tag} : i32
  %12 = llvm.lshr exact %arg0, %arg1 : i32
  %13 = llvm.ashr %arg0, %arg1 : i32
  %14 = llvm.icmp "eq" %arg0, %arg1 : i32
  %15 = llvm.icmp "uge" %arg2, %arg2 : vector<4xi32>
  llvm.return
}
// CHECK-LABEL: llvm.func @int_arith(%arg0: i32, %arg1: i32, %arg2: vector<4xi32>)
// CHECK: %0 = llvm.add %arg0, %arg1 : i32
// CHECK: %1 = llvm.add %arg0, %arg1 overflow<nsw> : i32
// CHECK: %2 = llvm.sub %arg0, %arg1 overflow<nsw, nuw> : i32
// CHECK: %3 = llvm.mul %arg2, %arg2 overflow<nuw> : vector<4xi32>
// CHECK: %4 = llvm.udiv %arg0, %arg1 : i32
// CHECK: %5 = llvm.sdiv exact %arg0, %arg1 : i32
// CHECK: %6 = llvm.urem %arg0, %arg1 : i32
// CHECK: %7 = llvm.srem %arg0, %arg1 : i32
// CHECK: %8 = llvm.and %arg0, %arg1 : i32
// CHECK: %9 = llvm.or disjoint %arg0, %arg1 : i32
// CHECK: %10 = llvm.xor %arg0, %arg1 {tag} : i32
// CHECK: %11 = llvm.shl %arg0, %arg1 overflow<nsw> {tag} : i32
// CHECK: %12 = llvm.lshr exact %arg0, %arg1 : i32
// CHECK: %13 = llvm.ashr %arg0, %arg1 : i32
// CHECK: %14 = llvm.icmp "eq" %arg0, %arg1 : i32
// CHECK: %15 = llvm.icmp "uge" %arg2, %arg2 : vector<4xi32>
// CHECK: llvm.return

llvm.func @float_arith(%arg0: f32, %arg1: f64, %arg2: vector<4xf32>) {
  %0 = llvm.fadd %arg0, %arg0 : f32
  %1 = llvm.fsub %arg0, %arg0 fastmath<fast> : f32
  %2 = llvm.fmul %arg2, %arg2 fastmath<nnan, ninf> : vector<4xf32>
  %3 = llvm.fdiv %arg1, %arg1 fastmath<nsz, afn, reassoc> {tag} : f64
  %4 = llvm.frem %arg0, %arg0 : f32
  %5 = llvm.fneg %arg0 fastmath<contract> : f32
  %6 = llvm.fcmp "olt" %arg0, %arg0 : f32
  %7 = llvm.fcmp "_true" %arg2, %arg2 fastmath<fast> : vector<4xf32>
  %8 = llvm.select %6, %arg0, %arg0 fastmath<nnan> : i1, f32
  %9 = llvm.select %7, %arg2, %arg2 : vector<4xi1>, vector<4xf32>
  llvm.return
}
// CHECK-LABEL: llvm.func @float_arith(%arg0: f32, %arg1: f64, %arg2: vector<4xf32>)
// CHECK: %0 = llvm.fadd %arg0, %arg0 : f32
// CHECK: %1 = llvm.fsub %arg0, %arg0 fastmath<fast> : f32
// CHECK: %2 = llvm.fmul %arg2, %arg2 fastmath<nnan, ninf> : vector<4xf32>
// CHECK: %3 = llvm.fdiv %arg1, %arg1 fastmath<nsz, afn, reassoc> {tag} : f64
// CHECK: %4 = llvm.frem %arg0, %arg0 : f32
// CHECK: %5 = llvm.fneg %arg0 fastmath<contract> : f32
// CHECK: %6 = llvm.fcmp "olt" %arg0, %arg0 : f32
// CHECK: %7 = llvm.fcmp "_true" %arg2, %arg2 fastmath<fast> : vector<4xf32>
// CHECK: %8 = llvm.select %6, %arg0, %arg0 fastmath<nnan> : i1, f32
// CHECK: %9 = llvm.select %7, %arg2, %arg2 : vector<4xi1>, vector<4xf32>
// CHECK: llvm.return

llvm.func @casts(%arg0: i64, %arg1: i32, %arg2: f32, %arg3: f64, %arg4: !llvm.ptr, %arg5: vector<4xi32>) {
  %0 = llvm.trunc %arg0 : i64 to i32
  %1 = llvm.trunc %arg0 overflow<nsw, nuw> : i64 to i32
  %2 = llvm.zext %arg1 : i32 to i64
  %3 = llvm.zext nneg %arg1 : i32 to i64
  %4 = llvm.sext %arg1 : i32 to i64
  %5 = llvm.fpext %arg2 : f32 to f64
  %6 = llvm.fptrunc %arg3 fastmath<fast> : f64 to f32
  %7 = llvm.sitofp %arg1 : i32 to f32
  %8 = llvm.uitofp nneg %arg1 : i32 to f32
  %9 = llvm.fptosi %arg2 : f32 to i32
  %10 = llvm.fptoui %arg2 : f32 to i32
  %11 = llvm.bitcast %arg1 : i32 to f32
  %12 = llvm.bitcast %arg5 : vector<4xi32> to vector<2xi64>
  %13 = llvm.ptrtoint %arg4 : !llvm.ptr to i64
  %14 = llvm.inttoptr %arg0 : i64 to !llvm.ptr
  %15 = llvm.addrspacecast %arg4 : !llvm.ptr to !llvm.ptr<1>
  %16 = llvm.sext %arg5 : vector<4xi32> to vector<4xi64>
  llvm.return
}
// CHECK-LABEL: llvm.func @casts(%arg0: i64, %arg1: i32, %arg2: f32, %arg3: f64, %arg4: !llvm.ptr, %arg5: vector<4xi32>)
// CHECK: %0 = llvm.trunc %arg0 : i64 to i32
// CHECK: %1 = llvm.trunc %arg0 overflow<nsw, nuw> : i64 to i32
// CHECK: %2 = llvm.zext %arg1 : i32 to i64
// CHECK: %3 = llvm.zext nneg %arg1 : i32 to i64
// CHECK: %4 = llvm.sext %arg1 : i32 to i64
// CHECK: %5 = llvm.fpext %arg2 : f32 to f64
// CHECK: %6 = llvm.fptrunc %arg3 fastmath<fast> : f64 to f32
// CHECK: %7 = llvm.sitofp %arg1 : i32 to f32
// CHECK: %8 = llvm.uitofp nneg %arg1 : i32 to f32
// CHECK: %9 = llvm.fptosi %arg2 : f32 to i32
// CHECK: %10 = llvm.fptoui %arg2 : f32 to i32
// CHECK: %11 = llvm.bitcast %arg1 : i32 to f32
// CHECK: %12 = llvm.bitcast %arg5 : vector<4xi32> to vector<2xi64>
// CHECK: %13 = llvm.ptrtoint %arg4 : !llvm.ptr to i64
// CHECK: %14 = llvm.inttoptr %arg0 : i64 to !llvm.ptr
// CHECK: %15 = llvm.addrspacecast %arg4 : !llvm.ptr to !llvm.ptr<1>
// CHECK: %16 = llvm.sext %arg5 : vector<4xi32> to vector<4xi64>
// CHECK: llvm.return

llvm.func @constants() {
  %0 = llvm.mlir.constant(1 : i64) : i64
  %1 = llvm.mlir.constant(1.500000e+00 : f32) : f32
  %2 = llvm.mlir.constant(dense<1.500000e+00> : vector<4xf32>) : vector<4xf32>
  %3 = llvm.mlir.constant(true) : i1
  %4 = llvm.mlir.constant(dense<[1, 2]> : tensor<2xi32>) : !llvm.array<2 x i32>
  %5 = llvm.mlir.constant(42 : i32) {tag} : i32
  %6 = llvm.mlir.constant("abc") : !llvm.array<3 x i8>
  %7 = llvm.mlir.undef : !llvm.struct<(i32, f32)>
  %8 = llvm.mlir.poison : vector<4xf32>
  %9 = llvm.mlir.zero : !llvm.ptr
  %10 = llvm.mlir.addressof @g : !llvm.ptr
  %11 = llvm.mlir.addressof @malloc : !llvm.ptr
  llvm.return
}
// CHECK-LABEL: llvm.func @constants()
// CHECK: %0 = llvm.mlir.constant(1 : i64) : i64
// CHECK: %1 = llvm.mlir.constant(1.500000e+00 : f32) : f32
// CHECK: %2 = llvm.mlir.constant(dense<1.500000e+00> : vector<4xf32>) : vector<4xf32>
// CHECK: %3 = llvm.mlir.constant(true) : i1
// CHECK: %4 = llvm.mlir.constant(dense<[1, 2]> : tensor<2xi32>) : !llvm.array<2 x i32>
// CHECK: %5 = llvm.mlir.constant(42 : i32) {tag} : i32
// CHECK: %6 = llvm.mlir.constant("abc") : !llvm.array<3 x i8>
// CHECK: %7 = llvm.mlir.undef : !llvm.struct<(i32, f32)>
// CHECK: %8 = llvm.mlir.poison : vector<4xf32>
// CHECK: %9 = llvm.mlir.zero : !llvm.ptr
// CHECK: %10 = llvm.mlir.addressof @g : !llvm.ptr
// CHECK: %11 = llvm.mlir.addressof @malloc : !llvm.ptr
// CHECK: llvm.return

llvm.func @memory(%arg0: !llvm.ptr, %arg1: i64, %arg2: f32) {
  %0 = llvm.alloca %arg1 x f32 : (i64) -> !llvm.ptr
  %1 = llvm.alloca inalloca %arg1 x !llvm.struct<(i32, f32)> {alignment = 16 : i64} : (i64) -> !llvm.ptr<1>
  %2 = llvm.load %arg0 : !llvm.ptr -> f32
  %3 = llvm.load volatile %arg0 <alignment = 4, nontemporal> : !llvm.ptr -> f32
  %4 = llvm.load %arg0 atomic acquire <alignment = 8> : !llvm.ptr -> i64
  %5 = llvm.load volatile %arg0 atomic syncscope("agent") monotonic invariant <alignment = 8, nontemporal> {tag} : !llvm.ptr -> i64
  llvm.store %arg2, %arg0 : f32, !llvm.ptr
  llvm.store volatile %arg2, %arg0 <alignment = 4, nontemporal> : f32, !llvm.ptr
  llvm.store %arg1, %arg0 atomic syncscope("agent") release <alignment = 8> {tag} : i64, !llvm.ptr
  %6 = llvm.getelementptr %arg0[%arg1] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %7 = llvm.getelementptr inbounds %arg0[%arg1, 1] : (!llvm.ptr, i64) -> !llvm.ptr, !llvm.struct<(i32, f32)>
  %8 = llvm.getelementptr %arg0[1, 1, 2] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, array<4 x f32>)>
  %9 = llvm.getelementptr nusw %arg0[5] : (!llvm.ptr) -> !llvm.ptr, i8
  %10 = llvm.getelementptr nuw %arg0[-5] : (!llvm.ptr) -> !llvm.ptr, i8
  %11 = llvm.getelementptr inbounds|nuw %arg0[%arg1] {tag} : (!llvm.ptr, i64) -> !llvm.ptr, i8
  llvm.return
}
// CHECK-LABEL: llvm.func @memory(%arg0: !llvm.ptr, %arg1: i64, %arg2: f32)
// CHECK: %0 = llvm.alloca %arg1 x f32 : (i64) -> !llvm.ptr
// CHECK: %1 = llvm.alloca inalloca %arg1 x !llvm.struct<(i32, f32)> {alignment = 16 : i64} : (i64) -> !llvm.ptr<1>
// CHECK: %2 = llvm.load %arg0 : !llvm.ptr -> f32
// CHECK: %3 = llvm.load volatile %arg0 <alignment = 4, nontemporal> : !llvm.ptr -> f32
// CHECK: %4 = llvm.load %arg0 atomic acquire <alignment = 8> : !llvm.ptr -> i64
// CHECK: %5 = llvm.load volatile %arg0 atomic syncscope("agent") monotonic invariant <alignment = 8, nontemporal> {tag} : !llvm.ptr -> i64
// CHECK: llvm.store %arg2, %arg0 : f32, !llvm.ptr
// CHECK: llvm.store volatile %arg2, %arg0 <alignment = 4, nontemporal> : f32, !llvm.ptr
// CHECK: llvm.store %arg1, %arg0 atomic syncscope("agent") release <alignment = 8> {tag} : i64, !llvm.ptr
// CHECK: %6 = llvm.getelementptr %arg0[%arg1] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %7 = llvm.getelementptr inbounds %arg0[%arg1, 1] : (!llvm.ptr, i64) -> !llvm.ptr, !llvm.struct<(i32, f32)>
// CHECK: %8 = llvm.getelementptr %arg0[1, 1, 2] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, array<4 x f32>)>
// CHECK: %9 = llvm.getelementptr nusw %arg0[5] : (!llvm.ptr) -> !llvm.ptr, i8
// CHECK: %10 = llvm.getelementptr nuw %arg0[-5] : (!llvm.ptr) -> !llvm.ptr, i8
// CHECK: %11 = llvm.getelementptr inbounds|nuw %arg0[%arg1] {tag} : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.return

llvm.func @aggregates(%arg0: f32, %arg1: vector<4xf32>, %arg2: i64) {
  %0 = llvm.mlir.undef : !llvm.struct<(i32, struct<(f32, array<2 x i64>)>)>
  %1 = llvm.extractvalue %0[1, 1, 0] : !llvm.struct<(i32, struct<(f32, array<2 x i64>)>)>
  %2 = llvm.insertvalue %1, %0[1, 1, 1] : !llvm.struct<(i32, struct<(f32, array<2 x i64>)>)>
  %3 = llvm.extractelement %arg1[%arg2 : i64] : vector<4xf32>
  %4 = llvm.insertelement %arg0, %arg1[%arg2 : i64] : vector<4xf32>
  %5 = llvm.shufflevector %arg1, %arg1 [0, -1, 7] : vector<4xf32>
  llvm.return
}
// CHECK-LABEL: llvm.func @aggregates(%arg0: f32, %arg1: vector<4xf32>, %arg2: i64)
// CHECK: %0 = llvm.mlir.undef : !llvm.struct<(i32, struct<(f32, array<2 x i64>)>)>
// CHECK: %1 = llvm.extractvalue %0[1, 1, 0] : !llvm.struct<(i32, struct<(f32, array<2 x i64>)>)>
// CHECK: %2 = llvm.insertvalue %1, %0[1, 1, 1] : !llvm.struct<(i32, struct<(f32, array<2 x i64>)>)>
// CHECK: %3 = llvm.extractelement %arg1[%arg2 : i64] : vector<4xf32>
// CHECK: %4 = llvm.insertelement %arg0, %arg1[%arg2 : i64] : vector<4xf32>
// CHECK: %5 = llvm.shufflevector %arg1, %arg1 [0, -1, 7] : vector<4xf32>
// CHECK: llvm.return

llvm.func @calls(%arg0: i64, %arg1: f32, %arg2: i32) {
  %0 = llvm.call @malloc(%arg0) : (i64) -> !llvm.ptr
  %1 = llvm.call @decl(%arg1) {fastmathFlags = #llvm.fastmath<fast>} : (f32) -> f32
  %2 = llvm.mlir.addressof @decl : !llvm.ptr
  %3 = llvm.call %2(%arg1) : !llvm.ptr, (f32) -> f32
  %4 = llvm.call @printf(%0, %arg2) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, i32) -> i32
  %5 = llvm.call tail @decl(%arg1) : (f32) -> f32
  %6 = llvm.call fastcc @decl(%arg1) : (f32) -> f32
  llvm.call @vararg_def(%arg2) vararg(!llvm.func<void (i32, ...)>) : (i32) -> ()
  llvm.return
}
// CHECK-LABEL: llvm.func @calls(%arg0: i64, %arg1: f32, %arg2: i32)
// CHECK: %0 = llvm.call @malloc(%arg0) : (i64) -> !llvm.ptr
// CHECK: %1 = llvm.call @decl(%arg1) {fastmathFlags = #llvm.fastmath<fast>} : (f32) -> f32
// CHECK: %2 = llvm.mlir.addressof @decl : !llvm.ptr
// CHECK: %3 = llvm.call %2(%arg1) : !llvm.ptr, (f32) -> f32
// CHECK: %4 = llvm.call @printf(%0, %arg2) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, i32) -> i32
// CHECK: %5 = llvm.call tail @decl(%arg1) : (f32) -> f32
// CHECK: %6 = llvm.call fastcc @decl(%arg1) : (f32) -> f32
// CHECK: llvm.call @vararg_def(%arg2) vararg(!llvm.func<void (i32, ...)>) : (i32) -> ()
// CHECK: llvm.return

llvm.func @intrinsics(%arg0: f32, %arg1: i32, %arg2: !llvm.ptr, %arg3: i64, %arg4: vector<4xf32>, %arg5: vector<4xi32>, %arg6: i8) {
  %0 = llvm.intr.fmuladd(%arg0, %arg0, %arg0) fastmath<contract> : (f32, f32, f32) -> f32
  %1 = llvm.intr.fma(%arg0, %arg0, %arg0) : (f32, f32, f32) -> f32
  %2 = llvm.intr.exp(%arg0) : (f32) -> f32
  %3 = llvm.intr.exp2(%arg0) : (f32) -> f32
  %4 = llvm.intr.log(%arg0) : (f32) -> f32
  %5 = llvm.intr.log2(%arg0) : (f32) -> f32
  %6 = llvm.intr.sqrt(%arg4) : (vector<4xf32>) -> vector<4xf32>
  %7 = llvm.intr.fabs(%arg0) : (f32) -> f32
  %8 = llvm.intr.maxnum(%arg0, %arg0) : (f32, f32) -> f32
  %9 = llvm.intr.minnum(%arg0, %arg0) : (f32, f32) -> f32
  %10 = llvm.intr.maximum(%arg0, %arg0) : (f32, f32) -> f32
  %11 = llvm.intr.minimum(%arg0, %arg0) : (f32, f32) -> f32
  %12 = llvm.intr.pow(%arg0, %arg0) fastmath<fast> : (f32, f32) -> f32
  %13 = llvm.intr.powi(%arg0, %arg1) : (f32, i32) -> f32
  %14 = llvm.intr.floor(%arg0) : (f32) -> f32
  %15 = llvm.intr.ceil(%arg0) : (f32) -> f32
  %16 = llvm.intr.round(%arg0) : (f32) -> f32
  %17 = llvm.intr.trunc(%arg0) : (f32) -> f32
  %18 = llvm.intr.copysign(%arg0, %arg0) : (f32, f32) -> f32
  %19 = llvm.intr.sin(%arg0) : (f32) -> f32
  %20 = llvm.intr.cos(%arg0) : (f32) -> f32
  %21 = llvm.intr.tanh(%arg0) : (f32) -> f32
  %22 = llvm.intr.smax(%arg1, %arg1) : (i32, i32) -> i32
  %23 = llvm.intr.smin(%arg1, %arg1) : (i32, i32) -> i32
  %24 = llvm.intr.umax(%arg1, %arg1) : (i32, i32) -> i32
  %25 = llvm.intr.umin(%arg1, %arg1) : (i32, i32) -> i32
  %26 = "llvm.intr.abs"(%arg1) <{is_int_min_poison = false}> : (i32) -> i32
  %27 = llvm.intr.ctpop(%arg1) : (i32) -> i32
  %28 = "llvm.intr.ctlz"(%arg1) <{is_zero_poison = false}> : (i32) -> i32
  %29 = "llvm.intr.cttz"(%arg1) <{is_zero_poison = true}> : (i32) -> i32
  "llvm.intr.memcpy"(%arg2, %arg2, %arg3) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  "llvm.intr.memmove"(%arg2, %arg2, %arg3) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  "llvm.intr.memset"(%arg2, %arg6, %arg3) <{isVolatile = true}> : (!llvm.ptr, i8, i64) -> ()
  %30 = "llvm.intr.vector.reduce.add"(%arg5) : (vector<4xi32>) -> i32
  %31 = "llvm.intr.vector.reduce.smax"(%arg5) : (vector<4xi32>) -> i32
  %32 = llvm.intr.vector.reduce.fmax(%arg4) : (vector<4xf32>) -> f32
  %33 = llvm.intr.vector.reduce.fminimum(%arg4) : (vector<4xf32>) -> f32
  %34 = llvm.intr.vector.reduce.fadd(%arg0, %arg4) : (f32, vector<4xf32>) -> f32
  %35 = llvm.intr.vector.reduce.fmul(%arg0, %arg4) fastmath<reassoc> : (f32, vector<4xf32>) -> f32
  %36 = llvm.icmp "eq" %arg1, %arg1 : i32
  llvm.intr.assume %36 : i1
  llvm.return
}
// CHECK-LABEL: llvm.func @intrinsics(%arg0: f32, %arg1: i32, %arg2: !llvm.ptr, %arg3: i64, %arg4: vector<4xf32>, %arg5: vector<4xi32>, %arg6: i8)
// CHECK: %0 = llvm.intr.fmuladd(%arg0, %arg0, %arg0) fastmath<contract> : (f32, f32, f32) -> f32
// CHECK: %1 = llvm.intr.fma(%arg0, %arg0, %arg0) : (f32, f32, f32) -> f32
// CHECK: %2 = llvm.intr.exp(%arg0) : (f32) -> f32
// CHECK: %3 = llvm.intr.exp2(%arg0) : (f32) -> f32
// CHECK: %4 = llvm.intr.log(%arg0) : (f32) -> f32
// CHECK: %5 = llvm.intr.log2(%arg0) : (f32) -> f32
// CHECK: %6 = llvm.intr.sqrt(%arg4) : (vector<4xf32>) -> vector<4xf32>
// CHECK: %7 = llvm.intr.fabs(%arg0) : (f32) -> f32
// CHECK: %8 = llvm.intr.maxnum(%arg0, %arg0) : (f32, f32) -> f32
// CHECK: %9 = llvm.intr.minnum(%arg0, %arg0) : (f32, f32) -> f32
// CHECK: %10 = llvm.intr.maximum(%arg0, %arg0) : (f32, f32) -> f32
// CHECK: %11 = llvm.intr.minimum(%arg0, %arg0) : (f32, f32) -> f32
// CHECK: %12 = llvm.intr.pow(%arg0, %arg0) fastmath<fast> : (f32, f32) -> f32
// CHECK: %13 = llvm.intr.powi(%arg0, %arg1) : (f32, i32) -> f32
// CHECK: %14 = llvm.intr.floor(%arg0) : (f32) -> f32
// CHECK: %15 = llvm.intr.ceil(%arg0) : (f32) -> f32
// CHECK: %16 = llvm.intr.round(%arg0) : (f32) -> f32
// CHECK: %17 = llvm.intr.trunc(%arg0) : (f32) -> f32
// CHECK: %18 = llvm.intr.copysign(%arg0, %arg0) : (f32, f32) -> f32
// CHECK: %19 = llvm.intr.sin(%arg0) : (f32) -> f32
// CHECK: %20 = llvm.intr.cos(%arg0) : (f32) -> f32
// CHECK: %21 = llvm.intr.tanh(%arg0) : (f32) -> f32
// CHECK: %22 = llvm.intr.smax(%arg1, %arg1) : (i32, i32) -> i32
// CHECK: %23 = llvm.intr.smin(%arg1, %arg1) : (i32, i32) -> i32
// CHECK: %24 = llvm.intr.umax(%arg1, %arg1) : (i32, i32) -> i32
// CHECK: %25 = llvm.intr.umin(%arg1, %arg1) : (i32, i32) -> i32
// CHECK: %26 = "llvm.intr.abs"(%arg1) <{is_int_min_poison = false}> : (i32) -> i32
// CHECK: %27 = llvm.intr.ctpop(%arg1) : (i32) -> i32
// CHECK: %28 = "llvm.intr.ctlz"(%arg1) <{is_zero_poison = false}> : (i32) -> i32
// CHECK: %29 = "llvm.intr.cttz"(%arg1) <{is_zero_poison = true}> : (i32) -> i32
// CHECK: "llvm.intr.memcpy"(%arg2, %arg2, %arg3) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
// CHECK: "llvm.intr.memmove"(%arg2, %arg2, %arg3) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
// CHECK: "llvm.intr.memset"(%arg2, %arg6, %arg3) <{isVolatile = true}> : (!llvm.ptr, i8, i64) -> ()
// CHECK: %30 = "llvm.intr.vector.reduce.add"(%arg5) : (vector<4xi32>) -> i32
// CHECK: %31 = "llvm.intr.vector.reduce.smax"(%arg5) : (vector<4xi32>) -> i32
// CHECK: %32 = llvm.intr.vector.reduce.fmax(%arg4) : (vector<4xf32>) -> f32
// CHECK: %33 = llvm.intr.vector.reduce.fminimum(%arg4) : (vector<4xf32>) -> f32
// CHECK: %34 = llvm.intr.vector.reduce.fadd(%arg0, %arg4) : (f32, vector<4xf32>) -> f32
// CHECK: %35 = llvm.intr.vector.reduce.fmul(%arg0, %arg4) fastmath<reassoc> : (f32, vector<4xf32>) -> f32
// CHECK: %36 = llvm.icmp "eq" %arg1, %arg1 : i32
// CHECK: llvm.intr.assume %36 : i1
// CHECK: llvm.return

llvm.func @control_flow(%arg0: i32, %arg1: i32, %arg2: f32) -> i32 {
  %0 = llvm.icmp "eq" %arg0, %arg1 : i32
  llvm.cond_br %0 weights([10, 20]), ^bb1(%arg0 : i32), ^bb2(%arg0, %arg1 : i32, i32)
^bb1(%1: i32):
  llvm.switch %1 : i32, ^bb1(%1 : i32) [
    5: ^bb2(%1, %1 : i32, i32),
    7: ^bb3
  ] weights([1, 2, 3]) {tag}
^bb2(%2: i32, %3: i32):
  llvm.switch %2 : i32, ^bb3 [
  ]
^bb3:
  llvm.cond_br %0, ^bb4, ^bb5
^bb4:
  llvm.br ^bb6(%arg0 : i32)
^bb5:
  llvm.unreachable
^bb6(%4: i32):
  llvm.return %4 : i32
}
// CHECK-LABEL: llvm.func @control_flow(%arg0: i32, %arg1: i32, %arg2: f32) -> i32
// CHECK: %0 = llvm.icmp "eq" %arg0, %arg1 : i32
// CHECK: llvm.cond_br %0 weights([10, 20]), ^bb1(%arg0 : i32), ^bb2(%arg0, %arg1 : i32, i32)
// CHECK: ^bb1(%1: i32):
// CHECK: llvm.switch %1 : i32, ^bb1(%1 : i32) [
// CHECK: 5: ^bb2(%1, %1 : i32, i32),
// CHECK: 7: ^bb3
// CHECK: ] weights([1, 2, 3]) {tag}
// CHECK: ^bb2(%2: i32, %3: i32):
// CHECK: llvm.switch %2 : i32, ^bb3 [
// CHECK: ]
// CHECK: ^bb3:
// CHECK: llvm.cond_br %0, ^bb4, ^bb5
// CHECK: ^bb4:
// CHECK: llvm.br ^bb6(%arg0 : i32)
// CHECK: ^bb5:
// CHECK: llvm.unreachable
// CHECK: ^bb6(%4: i32):
// CHECK: llvm.return %4 : i32

// Property names and values of the generic form (MLIR's).
// GENERIC: "llvm.mlir.global"() <{addr_space = 0 : i32, alignment = 16 : i64, constant, global_type = !llvm.array<2 x f32>, linkage = #llvm.linkage<internal>, sym_name = "g", tls_mode = 0 : i64, unnamed_addr = 0 : i64, value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>, visibility_ = 0 : i64}> ({
// GENERIC: "llvm.func"() <{CConv = #llvm.cconv<ccc>, function_type = !llvm.func<ptr (i64)>, linkage = #llvm.linkage<external>, sym_name = "malloc", unnamed_addr = 0 : i64, visibility_ = 0 : i64}> ({
// GENERIC: "llvm.func"() <{CConv = #llvm.cconv<ccc>, arg_attrs = [{llvm.noalias}, {}], function_type = !llvm.func<void (ptr, i64)>, linkage = #llvm.linkage<internal>, sym_name = "c_iface", unnamed_addr = 0 : i64, visibility_ = 0 : i64}> ({
// GENERIC: }) {llvm.emit_c_interface} : () -> ()
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.add"(%{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}) <{overflowFlags = 1 : i32}> : (i32, i32) -> i32
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.fdiv"(%{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}) <{fastmathFlags = #llvm.fastmath<nsz, afn, reassoc>}> {tag} : (f64, f64) -> f64
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.fcmp"(%{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}) <{fastmathFlags = #llvm.fastmath<fast>, predicate = 15 : i64}> : (vector<4xf32>, vector<4xf32>) -> vector<4xi1>
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.zext"(%{{[A-Za-z0-9_#]+}}) <{nonNeg}> : (i32) -> i64
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.load"(%{{[A-Za-z0-9_#]+}}) <{alignment = 8 : i64, ordering = 4 : i64}> : (!llvm.ptr) -> i64
// GENERIC: "llvm.store"(%{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}) <{alignment = 8 : i64, ordering = 5 : i64, syncscope = "agent"}> {tag} : (i64, !llvm.ptr) -> ()
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.getelementptr"(%{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}) <{elem_type = !llvm.struct<(i32, f32)>, noWrapFlags = 3 : i32, rawConstantIndices = array<i32: -2147483648, 1>}> : (!llvm.ptr, i64) -> !llvm.ptr
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.extractvalue"(%{{[A-Za-z0-9_#]+}}) <{position = array<i64: 1, 1, 0>}> : (!llvm.struct<(i32, struct<(f32, array<2 x i64>)>)>) -> i64
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.shufflevector"(%{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}) <{mask = array<i32: 0, -1, 7>}> : (vector<4xf32>, vector<4xf32>) -> vector<3xf32>
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.call"(%{{[A-Za-z0-9_#]+}}) <{CConv = #llvm.cconv<ccc>, TailCallKind = #llvm.tailcallkind<none>, callee = @decl, fastmathFlags = #llvm.fastmath<fast>, op_bundle_sizes = array<i32>, operandSegmentSizes = array<i32: 1, 0>}> : (f32) -> f32
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.call"(%{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}) <{CConv = #llvm.cconv<ccc>, TailCallKind = #llvm.tailcallkind<none>, fastmathFlags = #llvm.fastmath<none>, op_bundle_sizes = array<i32>, operandSegmentSizes = array<i32: 2, 0>}> : (!llvm.ptr, f32) -> f32
// GENERIC: %{{[A-Za-z0-9_#]+}} = "llvm.call"(%{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}) <{CConv = #llvm.cconv<ccc>, TailCallKind = #llvm.tailcallkind<none>, callee = @printf, fastmathFlags = #llvm.fastmath<none>, op_bundle_sizes = array<i32>, operandSegmentSizes = array<i32: 2, 0>, var_callee_type = !llvm.func<i32 (ptr, ...)>}> : (!llvm.ptr, i32) -> i32
// GENERIC: "llvm.intr.assume"(%{{[A-Za-z0-9_#]+}}) <{op_bundle_sizes = array<i32>}> : (i1) -> ()
// GENERIC: "llvm.cond_br"(%{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}})[^bb1, ^bb2] <{branch_weights = array<i32: 10, 20>, operandSegmentSizes = array<i32: 1, 1, 2>}> : (i1, i32, i32, i32) -> ()
// GENERIC: "llvm.switch"(%{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}}, %{{[A-Za-z0-9_#]+}})[^bb1, ^bb2, ^bb3] <{branch_weights = array<i32: 1, 2, 3>, case_operand_segments = array<i32: 2, 0>, case_values = dense<[5, 7]> : vector<2xi32>, operandSegmentSizes = array<i32: 1, 1, 2>}> {tag} : (i32, i32, i32, i32) -> ()
