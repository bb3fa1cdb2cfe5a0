// RUN: dialir-translate --mlir-to-llvmir %s | filecheck %s

// alloca, load and store (alignment, volatile, nontemporal, invariant, atomics), and
// getelementptr with constant and dynamic indices and its no-wrap flags.

// CHECK-LABEL: define void @memory(ptr %arg0, i64 %arg1, float %arg2)
llvm.func @memory(%p: !llvm.ptr, %n: i64, %f: f32) {
  // CHECK: %v0 = alloca float, i64 %arg1, align 16
  %0 = llvm.alloca %n x f32 {alignment = 16 : i64} : (i64) -> !llvm.ptr
  // CHECK: %v1 = alloca { i32, [4 x float] }, i64 %arg1, addrspace(5)
  %1 = llvm.alloca %n x !llvm.struct<(i32, array<4 x f32>)> : (i64) -> !llvm.ptr<5>
  // CHECK: %v2 = load float, ptr %arg0, align 4
  %2 = llvm.load %p <alignment = 4> : !llvm.ptr -> f32
  // CHECK: %v3 = load volatile float, ptr %arg0, !nontemporal ![[NT:[0-9]+]]
  %3 = llvm.load volatile %p <nontemporal> : !llvm.ptr -> f32
  // CHECK: %v4 = load float, ptr %arg0, !invariant.load ![[EMPTY:[0-9]+]]
  %4 = llvm.load %p invariant : !llvm.ptr -> f32
  // CHECK: %v5 = load atomic i64, ptr %arg0 syncscope("agent") acquire, align 8
  %5 = llvm.load %p atomic syncscope("agent") acquire <alignment = 8> : !llvm.ptr -> i64
  // CHECK: store float %arg2, ptr %v0, align 16
  llvm.store %f, %0 <alignment = 16> : f32, !llvm.ptr
  // CHECK: store volatile float %v2, ptr %arg0, align 4, !nontemporal ![[NT]]
  llvm.store volatile %2, %p <alignment = 4, nontemporal> : f32, !llvm.ptr
  // CHECK: store atomic i64 %v5, ptr %arg0 seq_cst, align 8
  llvm.store %5, %p atomic seq_cst <alignment = 8> : i64, !llvm.ptr
  // CHECK: %v6 = getelementptr float, ptr %arg0, i64 %arg1
  %6 = llvm.getelementptr %p[%n] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK: %v7 = getelementptr inbounds { i32, [4 x float] }, ptr %arg0, i64 %arg1, i32 1, i32 2
  %7 = llvm.getelementptr inbounds %p[%n, 1, 2] : (!llvm.ptr, i64) -> !llvm.ptr, !llvm.struct<(i32, array<4 x f32>)>
  // CHECK: %v8 = getelementptr inbounds nuw i8, ptr %arg0, i32 -8
  %8 = llvm.getelementptr inbounds|nuw %p[-8] : (!llvm.ptr) -> !llvm.ptr, i8
  // CHECK: %v9 = getelementptr nusw [4 x float], ptr %arg0, i32 0, i64 %arg1
  %9 = llvm.getelementptr nusw %p[0, %n] : (!llvm.ptr, i64) -> !llvm.ptr, !llvm.array<4 x f32>
  // CHECK: ret void
  llvm.return
}

// CHECK-LABEL: define <4 x ptr> @vector_gep(<4 x ptr> %arg0, <4 x i64> %arg1)
llvm.func @vector_gep(%p: vector<4x!llvm.ptr>, %i: vector<4xi64>) -> vector<4x!llvm.ptr> {
  // CHECK: %v0 = getelementptr float, <4 x ptr> %arg0, <4 x i64> %arg1
  %0 = llvm.getelementptr %p[%i] : (vector<4x!llvm.ptr>, vector<4xi64>) -> vector<4x!llvm.ptr>, f32
  llvm.return %0 : vector<4x!llvm.ptr>
}

// CHECK-DAG: ![[NT]] = !{i32 1}
// CHECK-DAG: ![[EMPTY]] = !{}
