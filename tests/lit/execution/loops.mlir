// affine and scf loops on the interpreter through dialir-run: a matrix product whose
// reduction is an iter_args accumulator (affine), and the same with scf.for.
// RUN: python %S/Inputs/npz.py write %t-in.npz a='np.arange(6, dtype=np.float32).reshape(2, 3)' b='np.arange(12, dtype=np.float32).reshape(3, 4)'
// RUN: dialir-run --interpret %s --function affine_matmul --inputs %t-in.npz --print | filecheck %s
// RUN: dialir-run --interpret %s --function scf_matmul --inputs %t-in.npz --print | filecheck %s

// CHECK: result0: memref<2x4xf32>
// CHECK-NEXT: {{\[\[}}20., 23., 26., 29.],
// CHECK-NEXT:  [56., 68., 80., 92.{{\]\]}}
func.func @affine_matmul(%a: memref<2x3xf32>, %b: memref<3x4xf32>) -> memref<2x4xf32> {
  %c = memref.alloc() : memref<2x4xf32>
  %zero = arith.constant 0.0 : f32
  affine.for %i = 0 to 2 {
    affine.for %j = 0 to 4 {
      %s = affine.for %k = 0 to 3 iter_args(%acc = %zero) -> (f32) {
        %x = affine.load %a[%i, %k] : memref<2x3xf32>
        %y = affine.load %b[%k, %j] : memref<3x4xf32>
        %p = arith.mulf %x, %y : f32
        %t = arith.addf %acc, %p : f32
        affine.yield %t : f32
      }
      affine.store %s, %c[%i, %j] : memref<2x4xf32>
    }
  }
  return %c : memref<2x4xf32>
}

func.func @scf_matmul(%a: memref<2x3xf32>, %b: memref<3x4xf32>) -> memref<2x4xf32> {
  %c = memref.alloc() : memref<2x4xf32>
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c2 step %c1 {
    scf.for %j = %c0 to %c4 step %c1 {
      %s = scf.for %k = %c0 to %c3 step %c1 iter_args(%acc = %zero) -> (f32) {
        %x = memref.load %a[%i, %k] : memref<2x3xf32>
        %y = memref.load %b[%k, %j] : memref<3x4xf32>
        %p = arith.mulf %x, %y : f32
        %t = arith.addf %acc, %p : f32
        scf.yield %t : f32
      }
      memref.store %s, %c[%i, %j] : memref<2x4xf32>
    }
  }
  return %c : memref<2x4xf32>
}
