// A matrix multiply as affine loops over buffers: the kind of IR the nn-to-loop lowering
// will produce. `func.func` uses its custom syntax; the loop ops are in MLIR's generic form.
// `dialir-opt` parses, verifies and prints it; the affine ops are read as unregistered ops
// until their dialect lands.
#id2 = affine_map<(d0, d1) -> (d0, d1)>
"builtin.module"() ({
  func.func @matmul(%A: memref<64x32xf32>, %B: memref<32x16xf32>, %C: memref<64x16xf32>) {
    %zero = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
    "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, upperBoundMap = affine_map<() -> (64)>, step = 1 : index, operandSegmentSizes = array<i32: 0, 0, 0>}> ({
    ^bb0(%i: index):
      "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, upperBoundMap = affine_map<() -> (16)>, step = 1 : index, operandSegmentSizes = array<i32: 0, 0, 0>}> ({
      ^bb0(%j: index):
        "affine.store"(%zero, %C, %i, %j) <{map = #id2}> : (f32, memref<64x16xf32>, index, index) -> ()
        "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, upperBoundMap = affine_map<() -> (32)>, step = 1 : index, operandSegmentSizes = array<i32: 0, 0, 0>}> ({
        ^bb0(%k: index):
          %a = "affine.load"(%A, %i, %k) <{map = #id2}> : (memref<64x32xf32>, index, index) -> f32
          %b = "affine.load"(%B, %k, %j) <{map = #id2}> : (memref<32x16xf32>, index, index) -> f32
          %c = "affine.load"(%C, %i, %j) <{map = #id2}> : (memref<64x16xf32>, index, index) -> f32
          %p = "arith.mulf"(%a, %b) : (f32, f32) -> f32
          %s = "arith.addf"(%c, %p) : (f32, f32) -> f32
          "affine.store"(%s, %C, %i, %j) <{map = #id2}> : (f32, memref<64x16xf32>, index, index) -> ()
          "affine.yield"() : () -> ()
        }) : () -> ()
        "affine.yield"() : () -> ()
      }) : () -> ()
      "affine.yield"() : () -> ()
    }) : () -> ()
    func.return
  }
}) : () -> ()
