// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect --mlir-print-op-generic | dialir-opt --split-input-file --allow-unregistered-dialect | filecheck %s

// Acceptance tests for the `affine` dialect: the examples of MLIR's own documentation
// (https://mlir.llvm.org/docs/Dialects/Affine/), each made a self-contained, verifiable
// module. Example lines are copied as written where MLIR still reads them; where the page
// is out of date or leaves values undefined, the chunk says what it changed. The checks hold
// what upstream MLIR (`iree-opt`) prints for the chunk, line for line (CHECK-NEXT); SSA names
// are captures, since MLIR renumbers them and dialir keeps the source names.

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affineapply-affineaffineapplyop
#map = affine_map<(d0, d1) -> (d0 floordiv 8 + d1 floordiv 128)>
func.func @apply(%s: index, %t: index, %42: index, %n: index) {
  %1 = affine.apply #map (%s, %t)

  // Inline example.
  %2 = affine.apply affine_map<(i)[s0] -> (i + s0)> (%42)[%n]
  "test.sink"(%1, %2) : (index, index) -> ()
  return
}

// CHECK-DAG: #map = affine_map<(d0, d1) -> (d0 floordiv 8 + d1 floordiv 128)>
// CHECK-DAG: #map1 = affine_map<(d0)[s0] -> (d0 + s0)>
// CHECK-LABEL: func.func @apply(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #map(%[[ARG0]], %[[ARG1]])
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.apply #map1(%[[ARG2]])[%[[ARG3]]]
// CHECK-NEXT: "test.sink"(%[[V0]], %[[V1]]) : (index, index) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinefor-affineaffineforop
// (`%N` is an argument instead of the page's `dim %A, 0`; @F1 and @F2 are declared.)
#map57 = affine_map<(d0)[s0] -> (s0 - d0 - 1)>

func.func private @F1(memref<?x?xf32>, index, index) -> f32
func.func private @F2(f32, memref<?x?xf32>, index, index)
func.func @simple_example(%A: memref<?x?xf32>, %B: memref<?x?xf32>, %N: index) {
  affine.for %i = 0 to %N step 1 {
    affine.for %j = 0 to %N {   // implicitly steps by 1
      %0 = affine.apply #map57(%j)[%N]
      %tmp = func.call @F1(%A, %i, %0) : (memref<?x?xf32>, index, index)->(f32)
      func.call @F2(%tmp, %B, %i, %0) : (f32, memref<?x?xf32>, index, index)->()
    }
  }
  return
}

// CHECK-DAG: #map = affine_map<(d0)[s0] -> (-d0 + s0 - 1)>
// CHECK-LABEL: func.func private @F1(memref<?x?xf32>, index, index) -> f32
// CHECK-NEXT: func.func private @F2(f32, memref<?x?xf32>, index, index)
// CHECK-NEXT: func.func @simple_example(%[[ARG0:[A-Za-z0-9_$.-]+]]: memref<?x?xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: memref<?x?xf32>, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.for %[[ARG3:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG2]] {
// CHECK-NEXT: affine.for %[[ARG4:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG2]] {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #map(%[[ARG4]])[%[[ARG2]]]
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = func.call @F1(%[[ARG0]], %[[ARG3]], %[[V0]]) : (memref<?x?xf32>, index, index) -> f32
// CHECK-NEXT: func.call @F2(%[[V1]], %[[ARG1]], %[[ARG3]], %[[V0]]) : (f32, memref<?x?xf32>, index, index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinefor-affineaffineforop
func.func @reduce(%buffer: memref<1024xf32>) -> (f32) {
  // Initial sum set to 0.
  %sum_0 = arith.constant 0.0 : f32
  // iter_args binds initial values to the loop's region arguments.
  %sum = affine.for %i = 0 to 10 step 2
      iter_args(%sum_iter = %sum_0) -> (f32) {
    %t = affine.load %buffer[%i] : memref<1024xf32>
    %sum_next = arith.addf %sum_iter, %t : f32
    // Yield current iteration sum to next iteration %sum_iter or to %sum
    // if final iteration.
    affine.yield %sum_next : f32
  }
  return %sum : f32
}

// CHECK-LABEL: func.func @reduce(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<1024xf32>) -> f32 {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 10 step 2 iter_args(%[[ARG2:[A-Za-z0-9_$.-]+]] = %[[CST]]) -> (f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG1]]] : memref<1024xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[ARG2]], %[[V1]] : f32
// CHECK-NEXT: affine.yield %[[V2]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]] : f32
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinefor-affineaffineforop
func.func @iter_args(%init0: index, %init1: index, %c1: index, %c2: index) {
  %res:2 = affine.for %i = 0 to 128 iter_args(%arg0 = %init0, %arg1 = %init1)
             -> (index, index) {
    %y0 = arith.addi %arg0, %c1 : index
    %y1 = arith.addi %arg1, %c2 : index
    affine.yield %y0, %y1 : index, index
  }
  "test.sink"(%res#0, %res#1) : (index, index) -> ()
  return
}

// CHECK-LABEL: func.func @iter_args(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]]:2 = affine.for %[[ARG4:[A-Za-z0-9_$.-]+]] = 0 to 128 iter_args(%[[ARG5:[A-Za-z0-9_$.-]+]] = %[[ARG0]], %[[ARG6:[A-Za-z0-9_$.-]+]] = %[[ARG1]]) -> (index, index) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG5]], %[[ARG2]] : index
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addi %[[ARG6]], %[[ARG3]] : index
// CHECK-NEXT: affine.yield %[[V1]], %[[V2]] : index, index
// CHECK-NEXT: }
// CHECK-NEXT: "test.sink"(%[[V0]]#0, %[[V0]]#1) : (index, index) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affineif-affineaffineifop
// (typed arguments for the page's `(%A, %X, %N) : (...)`; #map42, #map43 and @S1, @S2
// defined, as the page leaves them out.)
#set = affine_set<(d0, d1)[s0]: (d0 - 10 >= 0, s0 - d0 - 9 >= 0,
                                 d1 - 10 >= 0, s0 - d1 - 9 >= 0)>
#map42 = affine_map<(d0) -> (d0 + 1)>
#map43 = affine_map<(d0, d1) -> (d0 + d1)>
func.func private @S1(i32, index, index) -> i32
func.func private @S2(i32, memref<10xi32>, index, index)
func.func @reduced_domain_example(%A: memref<10xi32>, %X: i32, %N: index) {
  affine.for %i = 0 to %N {
     affine.for %j = 0 to %N {
       %0 = affine.apply #map42(%j)
       %tmp = func.call @S1(%X, %i, %0) : (i32, index, index) -> i32
       affine.if #set(%i, %j)[%N] {
          %1 = affine.apply #map43(%i, %j)
          func.call @S2(%tmp, %A, %i, %1) : (i32, memref<10xi32>, index, index) -> ()
       }
    }
  }
  return
}

// CHECK-DAG: #map = affine_map<(d0) -> (d0 + 1)>
// CHECK-DAG: #map1 = affine_map<(d0, d1) -> (d0 + d1)>
// CHECK-DAG: #set = affine_set<(d0, d1)[s0] : (d0 - 10 >= 0, -d0 + s0 - 9 >= 0, d1 - 10 >= 0, -d1 + s0 - 9 >= 0)>
// CHECK-LABEL: func.func private @S1(i32, index, index) -> i32
// CHECK-NEXT: func.func private @S2(i32, memref<10xi32>, index, index)
// CHECK-NEXT: func.func @reduced_domain_example(%[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10xi32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: i32, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.for %[[ARG3:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG2]] {
// CHECK-NEXT: affine.for %[[ARG4:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG2]] {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #map(%[[ARG4]])
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = func.call @S1(%[[ARG1]], %[[ARG3]], %[[V0]]) : (i32, index, index) -> i32
// CHECK-NEXT: affine.if #set(%[[ARG3]], %[[ARG4]])[%[[ARG2]]] {
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = affine.apply #map1(%[[ARG3]], %[[ARG4]])
// CHECK-NEXT: func.call @S2(%[[V1]], %[[ARG0]], %[[ARG3]], %[[V2]]) : (i32, memref<10xi32>, index, index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affineif-affineaffineifop
// (the page's example with `memref.alloc`, `affine.load` and typed yields.)
#interior = affine_set<(i, j) : (i - 1 >= 0, j - 1 >= 0,  10 - i >= 0, 10 - j >= 0)>
func.func @pad_edges(%I : memref<10x10xf32>) -> (memref<12x12xf32>) {
  %O = memref.alloc() : memref<12x12xf32>
  affine.parallel (%i, %j) = (0, 0) to (12, 12) {
    %1 = affine.if #interior (%i, %j) -> f32 {
      %2 = affine.load %I[%i - 1, %j - 1] : memref<10x10xf32>
      affine.yield %2 : f32
    } else {
      %2 = arith.constant 0.0 : f32
      affine.yield %2 : f32
    }
    affine.store %1, %O[%i, %j] : memref<12x12xf32>
  }
  return %O : memref<12x12xf32>
}

// CHECK-DAG: #set = affine_set<(d0, d1) : (d0 - 1 >= 0, d1 - 1 >= 0, -d0 + 10 >= 0, -d1 + 10 >= 0)>
// CHECK-LABEL: func.func @pad_edges(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10x10xf32>) -> memref<12x12xf32> {
// CHECK-NEXT: %[[ALLOC:[A-Za-z0-9_$.-]+]] = memref.alloc() : memref<12x12xf32>
// CHECK-NEXT: affine.parallel (%[[ARG1:[A-Za-z0-9_$.-]+]], %[[ARG2:[A-Za-z0-9_$.-]+]]) = (0, 0) to (12, 12) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.if #set(%[[ARG1]], %[[ARG2]]) -> f32 {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG1]] - 1, %[[ARG2]] - 1] : memref<10x10xf32>
// CHECK-NEXT: affine.yield %[[V1]] : f32
// CHECK-NEXT: } else {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: affine.yield %[[CST]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: affine.store %[[V0]], %[[ALLOC]][%[[ARG1]], %[[ARG2]]] : memref<12x12xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[ALLOC]] : memref<12x12xf32>
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affineload-affineaffineloadop
func.func @load(%0: memref<100x100xf32>, %i0: index, %i1: index) {
  %1 = affine.load %0[%i0 + 3, %i1 + 7] : memref<100x100xf32>
  "test.sink"(%1) : (f32) -> ()
  return
}

// CHECK-LABEL: func.func @load(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG1]] + 3, %[[ARG2]] + 7] : memref<100x100xf32>
// CHECK-NEXT: "test.sink"(%[[V0]]) : (f32) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affineload-affineaffineloadop
func.func @load_symbols(%0: memref<100x100xf32>, %i0: index, %i1: index, %n: index, %m: index) {
  %1 = affine.load %0[%i0 + symbol(%n), %i1 + symbol(%m)] : memref<100x100xf32>
  "test.sink"(%1) : (f32) -> ()
  return
}

// CHECK-LABEL: func.func @load_symbols(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index, %[[ARG4:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG1]] + symbol(%[[ARG3]]), %[[ARG2]] + symbol(%[[ARG4]])] : memref<100x100xf32>
// CHECK-NEXT: "test.sink"(%[[V0]]) : (f32) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinemax-affineaffinemaxop
// (the page's `(d0) -> (...) (%i0) : index` in today's syntax: an `affine_map<...>` and
// no type.)
func.func @max(%i0: index) {
  %0 = affine.max affine_map<(d0) -> (1000, d0 + 512)> (%i0)
  "test.sink"(%0) : (index) -> ()
  return
}

// CHECK-DAG: #map = affine_map<(d0) -> (1000, d0 + 512)>
// CHECK-LABEL: func.func @max(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.max #map(%[[ARG0]])
// CHECK-NEXT: "test.sink"(%[[V0]]) : (index) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinemin-affineaffineminop
func.func @min(%arg0: index, %arg1: index) {
  %0 = affine.min affine_map<(d0)[s0] -> (1000, d0 + 512, s0)> (%arg0)[%arg1]
  "test.sink"(%0) : (index) -> ()
  return
}

// CHECK-DAG: #map = affine_map<(d0)[s0] -> (1000, d0 + 512, s0)>
// CHECK-LABEL: func.func @min(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.min #map(%[[ARG0]])[%[[ARG1]]]
// CHECK-NEXT: "test.sink"(%[[V0]]) : (index) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affineparallel-affineaffineparallelop
func.func @conv_2d(%D : memref<100x100xf32>, %K : memref<3x3xf32>) -> (memref<98x98xf32>) {
  %O = memref.alloc() : memref<98x98xf32>
  affine.parallel (%x, %y) = (0, 0) to (98, 98) {
    %0 = affine.parallel (%kx, %ky) = (0, 0) to (2, 2) reduce ("addf") -> f32 {
      %1 = affine.load %D[%x + %kx, %y + %ky] : memref<100x100xf32>
      %2 = affine.load %K[%kx, %ky] : memref<3x3xf32>
      %3 = arith.mulf %1, %2 : f32
      affine.yield %3 : f32
    }
    affine.store %0, %O[%x, %y] : memref<98x98xf32>
  }
  return %O : memref<98x98xf32>
}

// CHECK-LABEL: func.func @conv_2d(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: memref<3x3xf32>) -> memref<98x98xf32> {
// CHECK-NEXT: %[[ALLOC:[A-Za-z0-9_$.-]+]] = memref.alloc() : memref<98x98xf32>
// CHECK-NEXT: affine.parallel (%[[ARG2:[A-Za-z0-9_$.-]+]], %[[ARG3:[A-Za-z0-9_$.-]+]]) = (0, 0) to (98, 98) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.parallel (%[[ARG4:[A-Za-z0-9_$.-]+]], %[[ARG5:[A-Za-z0-9_$.-]+]]) = (0, 0) to (2, 2) reduce ("addf") -> (f32) {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG2]] + %[[ARG4]], %[[ARG3]] + %[[ARG5]]] : memref<100x100xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG1]][%[[ARG4]], %[[ARG5]]] : memref<3x3xf32>
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = arith.mulf %[[V1]], %[[V2]] : f32
// CHECK-NEXT: affine.yield %[[V3]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: affine.store %[[V0]], %[[ALLOC]][%[[ARG2]], %[[ARG3]]] : memref<98x98xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[ALLOC]] : memref<98x98xf32>
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affineparallel-affineaffineparallelop
func.func private @f(index, index)
func.func @tiling(%N: index, %M: index) {
  affine.parallel (%ii, %jj) = (0, 0) to (%N, %M) step (32, 32) {
    affine.parallel (%i, %j) = (%ii, %jj)
                            to (min(%ii + 32, %N), min(%jj + 32, %M)) {
      func.call @f(%i, %j) : (index, index) -> ()
    }
  }
  return
}

// CHECK-LABEL: func.func private @f(index, index)
// CHECK-NEXT: func.func @tiling(%[[ARG0:[A-Za-z0-9_$.-]+]]: index, %[[ARG1:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.parallel (%[[ARG2:[A-Za-z0-9_$.-]+]], %[[ARG3:[A-Za-z0-9_$.-]+]]) = (0, 0) to (%[[ARG0]], %[[ARG1]]) step (32, 32) {
// CHECK-NEXT: affine.parallel (%[[ARG4:[A-Za-z0-9_$.-]+]], %[[ARG5:[A-Za-z0-9_$.-]+]]) = (%[[ARG2]], %[[ARG3]]) to (min(%[[ARG2]] + 32, %[[ARG0]]), min(%[[ARG3]] + 32, %[[ARG1]])) {
// CHECK-NEXT: func.call @f(%[[ARG4]], %[[ARG5]]) : (index, index) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affineprefetch-affineaffineprefetchop
func.func @prefetch(%0: memref<400x400xi32>, %i: index, %j: index) {
  affine.prefetch %0[%i, %j + 5], read, locality<3>, data : memref<400x400xi32>
  return
}

// CHECK-LABEL: func.func @prefetch(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<400x400xi32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.prefetch %[[ARG0]][%[[ARG1]], %[[ARG2]] + 5], read, locality<3>, data : memref<400x400xi32>
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinestore-affineaffinestoreop
func.func @store(%0: memref<100x100xf32>, %v0: f32, %i0: index, %i1: index) {
  affine.store %v0, %0[%i0 + 3, %i1 + 7] : memref<100x100xf32>
  return
}

// CHECK-LABEL: func.func @store(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: f32, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.store %[[ARG1]], %[[ARG0]][%[[ARG2]] + 3, %[[ARG3]] + 7] : memref<100x100xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinestore-affineaffinestoreop
func.func @store_symbols(%0: memref<100x100xf32>, %v0: f32, %i0: index, %i1: index, %n: index, %m: index) {
  affine.store %v0, %0[%i0 + symbol(%n), %i1 + symbol(%m)] : memref<100x100xf32>
  return
}

// CHECK-LABEL: func.func @store_symbols(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: f32, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index, %[[ARG4:[A-Za-z0-9_$.-]+]]: index, %[[ARG5:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.store %[[ARG1]], %[[ARG0]][%[[ARG2]] + symbol(%[[ARG4]]), %[[ARG3]] + symbol(%[[ARG5]])] : memref<100x100xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinevector_load-affineaffinevectorloadop
func.func @vector_load(%0: memref<100x100xf32>, %i0: index, %i1: index) {
  %1 = affine.vector_load %0[%i0 + 3, %i1 + 7] : memref<100x100xf32>, vector<8xf32>
  "test.sink"(%1) : (vector<8xf32>) -> ()
  return
}

// CHECK-LABEL: func.func @vector_load(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.vector_load %[[ARG0]][%[[ARG1]] + 3, %[[ARG2]] + 7] : memref<100x100xf32>, vector<8xf32>
// CHECK-NEXT: "test.sink"(%[[V0]]) : (vector<8xf32>) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinevector_load-affineaffinevectorloadop
func.func @vector_load_symbols(%0: memref<100x100xf32>, %i0: index, %i1: index, %n: index, %m: index) {
  %1 = affine.vector_load %0[%i0 + symbol(%n), %i1 + symbol(%m)] : memref<100x100xf32>, vector<4xf32>
  "test.sink"(%1) : (vector<4xf32>) -> ()
  return
}

// CHECK-LABEL: func.func @vector_load_symbols(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index, %[[ARG4:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.vector_load %[[ARG0]][%[[ARG1]] + symbol(%[[ARG3]]), %[[ARG2]] + symbol(%[[ARG4]])] : memref<100x100xf32>, vector<4xf32>
// CHECK-NEXT: "test.sink"(%[[V0]]) : (vector<4xf32>) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinevector_load-affineaffinevectorloadop
func.func @vector_load_2d(%0: memref<100x100xf32>, %i0: index, %i1: index) {
  %1 = affine.vector_load %0[%i0, %i1] : memref<100x100xf32>, vector<2x8xf32>
  "test.sink"(%1) : (vector<2x8xf32>) -> ()
  return
}

// CHECK-LABEL: func.func @vector_load_2d(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index, %[[ARG2:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.vector_load %[[ARG0]][%[[ARG1]], %[[ARG2]]] : memref<100x100xf32>, vector<2x8xf32>
// CHECK-NEXT: "test.sink"(%[[V0]]) : (vector<2x8xf32>) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinevector_store-affineaffinevectorstoreop
func.func @vector_store(%0: memref<100x100xf32>, %v0: vector<8xf32>, %i0: index, %i1: index) {
  affine.vector_store %v0, %0[%i0 + 3, %i1 + 7] : memref<100x100xf32>, vector<8xf32>
  return
}

// CHECK-LABEL: func.func @vector_store(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: vector<8xf32>, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.vector_store %[[ARG1]], %[[ARG0]][%[[ARG2]] + 3, %[[ARG3]] + 7] : memref<100x100xf32>, vector<8xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinevector_store-affineaffinevectorstoreop
func.func @vector_store_symbols(%0: memref<100x100xf32>, %v0: vector<4xf32>, %i0: index, %i1: index, %n: index, %m: index) {
  affine.vector_store %v0, %0[%i0 + symbol(%n), %i1 + symbol(%m)] : memref<100x100xf32>, vector<4xf32>
  return
}

// CHECK-LABEL: func.func @vector_store_symbols(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: vector<4xf32>, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index, %[[ARG4:[A-Za-z0-9_$.-]+]]: index, %[[ARG5:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.vector_store %[[ARG1]], %[[ARG0]][%[[ARG2]] + symbol(%[[ARG4]]), %[[ARG3]] + symbol(%[[ARG5]])] : memref<100x100xf32>, vector<4xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// From: https://mlir.llvm.org/docs/Dialects/Affine/#affinevector_store-affineaffinevectorstoreop
func.func @vector_store_2d(%0: memref<100x100xf32>, %v0: vector<2x8xf32>, %i0: index, %i1: index) {
  affine.vector_store %v0, %0[%i0, %i1] : memref<100x100xf32>, vector<2x8xf32>
  return
}

// CHECK-LABEL: func.func @vector_store_2d(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: vector<2x8xf32>, %[[ARG2:[A-Za-z0-9_$.-]+]]: index, %[[ARG3:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: affine.vector_store %[[ARG1]], %[[ARG0]][%[[ARG2]], %[[ARG3]]] : memref<100x100xf32>, vector<2x8xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }
