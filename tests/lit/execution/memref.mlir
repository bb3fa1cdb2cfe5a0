// memref allocation, loops over loads and stores (cf), views and globals on the interpreter.
// RUN: python %S/Inputs/npz.py write %t-in.npz m='np.arange(12, dtype=np.float32).reshape(3, 4)'
// RUN: dialir-run --interpret %s --function scale_rows --inputs %t-in.npz --output %t-out.npz --print | filecheck %s
// RUN: python %S/Inputs/npz.py show %t-out.npz | filecheck %s --check-prefix=NPZ

memref.global "private" constant @factors : memref<3xf32> = dense<[1.0, 10.0, 100.0]>

// Row i of %m is multiplied by factors[i] in place, a copy of column 1 is returned, and a
// subview of the argument (rows 1..2, columns 2..3) is returned as a view.
// CHECK: result0: memref<3xf32>
// CHECK-NEXT: [  1.,  50., 900.]
// CHECK-NEXT: result1: memref<2x2xf32, strided<[4, 1], offset: 6>>
// CHECK-NEXT: {{\[\[}}  60.,   70.],
// CHECK-NEXT:  [1000., 1100.{{\]\]}}
// NPZ: result0 float32 [3] [  1.,  50., 900.]
// NPZ: result1 float32 [2, 2] [  60.,   70., 1000., 1100.]
func.func @scale_rows(%m: memref<3x4xf32>) -> (memref<3xf32>, memref<2x2xf32, strided<[4, 1], offset: 6>>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %f = memref.get_global @factors : memref<3xf32>
  %col = memref.alloc() : memref<3xf32>
  cf.br ^rows(%c0 : index)
^rows(%i: index):
  %more = arith.cmpi slt, %i, %c3 : index
  cf.cond_br %more, ^row(%i, %c0 : index, index), ^done
^row(%r: index, %j: index):
  %in = arith.cmpi slt, %j, %c4 : index
  cf.cond_br %in, ^elem, ^next
^elem:
  %x = memref.load %m[%r, %j] : memref<3x4xf32>
  %k = memref.load %f[%r] : memref<3xf32>
  %y = arith.mulf %x, %k : f32
  memref.store %y, %m[%r, %j] : memref<3x4xf32>
  %j2 = arith.addi %j, %c1 : index
  cf.br ^row(%r, %j2 : index, index)
^next:
  %v = memref.load %m[%r, %c1] : memref<3x4xf32>
  memref.store %v, %col[%r] : memref<3xf32>
  %i2 = arith.addi %r, %c1 : index
  cf.br ^rows(%i2 : index)
^done:
  %sub = memref.subview %m[1, 2] [2, 2] [1, 1] : memref<3x4xf32> to memref<2x2xf32, strided<[4, 1], offset: 6>>
  return %col, %sub : memref<3xf32>, memref<2x2xf32, strided<[4, 1], offset: 6>>
}
