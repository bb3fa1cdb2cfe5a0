// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-interchange{permutation=1,0}))" --split-input-file --verify-diagnostics | filecheck %s
// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-interchange{permutation=2,0,1}))" --split-input-file 2>&1 | filecheck %s --check-prefix=P3

// CHECK-LABEL: func.func @legal
// CHECK:      affine.for %[[J:.*]] = 1 to 20 step 2 {
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 10 {
// CHECK-NEXT:     affine.load %{{.*}}[%[[I]], %[[J]] - 1]
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]]
// P3: remark: cannot permute loops: the band has 2 loops, fewer than the permutation's 3
func.func @legal(%A: memref<10x20xf32>) {
  affine.for %i = 0 to 10 {
    affine.for %j = 1 to 20 step 2 {
      %v = affine.load %A[%i, %j - 1] : memref<10x20xf32>
      affine.store %v, %A[%i, %j] : memref<10x20xf32>
    }
  }
  return
}

// -----

// CHECK-LABEL: func.func @illegal
// CHECK:      affine.for %{{.*}} = 1 to 10 {
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 19 {
func.func @illegal(%A: memref<10x20xf32>) {
  // expected-remark@below {{cannot permute loops: dependence from 'affine.store' to 'affine.load' at depth 1 = [1, 1][-1, -1]}}
  affine.for %i = 1 to 10 {
    affine.for %j = 0 to 19 {
      %v = affine.load %A[%i - 1, %j + 1] : memref<10x20xf32>
      affine.store %v, %A[%i, %j] : memref<10x20xf32>
    }
  }
  return
}

// -----

// The outermost loop moves innermost: (i, j, k) -> (j, k, i).
// P3-LABEL: func.func @matmul
// P3:      affine.for %[[J:.*]] = 0 to 6 {
// P3-NEXT:   affine.for %[[K:.*]] = 0 to 7 {
// P3-NEXT:     affine.for %[[I:.*]] = 0 to 5 {
// P3-NEXT:       affine.load %{{.*}}[%[[I]], %[[K]]]
// P3-NEXT:       affine.load %{{.*}}[%[[K]], %[[J]]]
// P3-NEXT:       affine.load %{{.*}}[%[[I]], %[[J]]]
// CHECK-LABEL: func.func @matmul
// CHECK:      affine.for %[[J:.*]] = 0 to 6 {
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 5 {
// CHECK-NEXT:     affine.for %[[K:.*]] = 0 to 7 {
func.func @matmul(%A: memref<5x7xf32>, %B: memref<7x6xf32>, %C: memref<5x6xf32>) {
  affine.for %i = 0 to 5 {
    affine.for %j = 0 to 6 {
      affine.for %k = 0 to 7 {
        %a = affine.load %A[%i, %k] : memref<5x7xf32>
        %b = affine.load %B[%k, %j] : memref<7x6xf32>
        %c = affine.load %C[%i, %j] : memref<5x6xf32>
        %p = arith.mulf %a, %b : f32
        %s = arith.addf %c, %p : f32
        affine.store %s, %C[%i, %j] : memref<5x6xf32>
      }
    }
  }
  return
}
