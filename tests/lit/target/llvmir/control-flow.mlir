// RUN: dialir-translate --mlir-to-llvmir %s | filecheck %s

// Branches, block arguments as phi nodes, switch, branch weights, and the edges that need a
// block of their own (one phi takes one value per predecessor).

// CHECK-LABEL: define i64 @sum(ptr %arg0, i64 %arg1)
// CHECK: entry:
// CHECK-NEXT: br label %bb1
// CHECK: bb1:
// CHECK-NEXT: %v0 = phi i64 [ 0, %entry ], [ %v6, %bb2 ]
// CHECK-NEXT: %v1 = phi float [ 0x0000000000000000, %entry ], [ %v5, %bb2 ]
// CHECK-NEXT: %v2 = icmp slt i64 %v0, %arg1
// CHECK-NEXT: br i1 %v2, label %bb2, label %bb3, !prof ![[W:[0-9]+]]
// CHECK: bb2:
// CHECK-NEXT: %v3 = getelementptr float, ptr %arg0, i64 %v0
// CHECK-NEXT: %v4 = load float, ptr %v3
// CHECK-NEXT: %v5 = fadd float %v1, %v4
// CHECK-NEXT: %v6 = add i64 %v0, 1
// CHECK-NEXT: br label %bb1
// CHECK: bb3:
// CHECK-NEXT: %v7 = fptosi float %v1 to i64
// CHECK-NEXT: ret i64 %v7
llvm.func @sum(%p: !llvm.ptr, %n: i64) -> i64 {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %f0 = llvm.mlir.constant(0.0 : f32) : f32
  llvm.br ^loop(%c0, %f0 : i64, f32)
^loop(%i: i64, %acc: f32):
  %cond = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %cond weights([99, 1]), ^body, ^exit
^body:
  %q = llvm.getelementptr %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %x = llvm.load %q : !llvm.ptr -> f32
  %acc2 = llvm.fadd %acc, %x : f32
  %i2 = llvm.add %i, %c1 : i64
  llvm.br ^loop(%i2, %acc2 : i64, f32)
^exit:
  %r = llvm.fptosi %acc : f32 to i64
  llvm.return %r : i64
}

// Both successors are one block with different values: each edge gets its own block.
// CHECK-LABEL: define i32 @same_successor(i1 %arg0, i32 %arg1, i32 %arg2)
// CHECK: br i1 %arg0, label %entry.edge0, label %entry.edge1
// CHECK: bb1:
// CHECK-NEXT: %v0 = phi i32 [ %arg1, %entry.edge0 ], [ %arg2, %entry.edge1 ]
// CHECK-NEXT: ret i32 %v0
// CHECK: entry.edge0:
// CHECK-NEXT: br label %bb1
// CHECK: entry.edge1:
// CHECK-NEXT: br label %bb1
llvm.func @same_successor(%c: i1, %a: i32, %b: i32) -> i32 {
  llvm.cond_br %c, ^bb1(%a : i32), ^bb1(%b : i32)
^bb1(%x: i32):
  llvm.return %x : i32
}

// CHECK-LABEL: define i32 @switch(i32 %arg0, i32 %arg1)
// CHECK: switch i32 %arg0, label %bb1 [
// CHECK-NEXT: i32 1, label %bb2
// CHECK-NEXT: i32 -7, label %bb3
// CHECK-NEXT: ], !prof ![[SW:[0-9]+]]
// CHECK: bb1:
// CHECK-NEXT: ret i32 0
// CHECK: bb2:
// CHECK-NEXT: %v0 = phi i32 [ %arg1, %entry ]
// CHECK: bb3:
// CHECK-NEXT: unreachable
llvm.func @switch(%v: i32, %a: i32) -> i32 {
  "llvm.switch"(%v, %a)[^bb1, ^bb2, ^bb3] <{case_operand_segments = array<i32: 1, 0>, case_values = dense<[1, -7]> : vector<2xi32>, operandSegmentSizes = array<i32: 1, 0, 1>, branch_weights = array<i32: 5, 10, 1>}> : (i32, i32) -> ()
^bb1:
  %z = llvm.mlir.constant(0 : i32) : i32
  llvm.return %z : i32
^bb2(%x: i32):
  llvm.return %x : i32
^bb3:
  llvm.unreachable
}

// CHECK-DAG: ![[W]] = !{!"branch_weights", i32 99, i32 1}
// CHECK-DAG: ![[SW]] = !{!"branch_weights", i32 5, i32 10, i32 1}
