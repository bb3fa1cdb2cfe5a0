// RUN: dialir-opt %s --split-input-file --affine-data-copy-generate="generate-dma=false fast-mem-space=0 skip-non-unit-stride-loops" | filecheck %s
// RUN: dialir-opt %s --split-input-file --affine-data-copy-generate="generate-dma=false fast-mem-capacity=0" | filecheck %s --check-prefix=INNER
// RUN: dialir-opt %s --split-input-file --affine-data-copy-generate="generate-dma=false" | filecheck %s --check-prefix=WHOLE
// RUN: not dialir-opt %s --split-input-file --affine-data-copy-generate="generate-dma=true" 2>&1 | filecheck %s --check-prefix=DMA

// A tiled matmul (MLIR's affine-data-copy.mlir case, 4096 / 128): with the tile loops
// skipped, each tile of A and B is packed into a 128x128 buffer around the point loops,
// and C's tile, invariant in %k, is copied in above the %k loop and back after it (as
// upstream MLIR places it). Copy loops need no clamping: the tiles lie inside the matrix.
// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG:   #[[UB:.*]] = affine_map<(d0) -> (d0 + 128)>
// CHECK-LABEL: func.func @matmul
// CHECK:       affine.for %[[I:.*]] = 0 to 4096 step 128 {
// CHECK-NEXT:    affine.for %[[J:.*]] = 0 to 4096 step 128 {
// CHECK-NEXT:      %[[CBUF:.*]] = memref.alloc() : memref<128x128xf32>
// CHECK-NEXT:      affine.for %[[X:.*]] = #[[ID]](%[[I]]) to #[[UB]](%[[I]]) {
// CHECK-NEXT:        affine.for %[[Y:.*]] = #[[ID]](%[[J]]) to #[[UB]](%[[J]]) {
// CHECK-NEXT:          %[[V:.*]] = affine.load %{{.*}}[%[[X]], %[[Y]]] : memref<4096x4096xf32>
// CHECK-NEXT:          affine.store %[[V]], %[[CBUF]][%[[X]] - %[[I]], %[[Y]] - %[[J]]] : memref<128x128xf32>
// CHECK:           affine.for %[[K:.*]] = 0 to 4096 step 128 {
// CHECK-NEXT:        %[[ABUF:.*]] = memref.alloc() : memref<128x128xf32>
// CHECK:             affine.store %{{.*}}, %[[ABUF]][%{{.*}} - %[[I]], %{{.*}} - %[[K]]] : memref<128x128xf32>
// CHECK:           %[[BBUF:.*]] = memref.alloc() : memref<128x128xf32>
// CHECK:             affine.store %{{.*}}, %[[BBUF]][%{{.*}} - %[[K]], %{{.*}} - %[[J]]] : memref<128x128xf32>
// CHECK:           affine.for %[[II:.*]] = #[[ID]](%[[I]]) to #[[UB]](%[[I]]) {
// CHECK-NEXT:        affine.for %[[JJ:.*]] = #[[ID]](%[[J]]) to #[[UB]](%[[J]]) {
// CHECK-NEXT:          affine.for %[[KK:.*]] = #[[ID]](%[[K]]) to #[[UB]](%[[K]]) {
// CHECK-NEXT:            affine.load %[[ABUF]][%[[II]] - %[[I]], %[[KK]] - %[[K]]] : memref<128x128xf32>
// CHECK-NEXT:            affine.load %[[BBUF]][%[[KK]] - %[[K]], %[[JJ]] - %[[J]]] : memref<128x128xf32>
// CHECK-NEXT:            affine.load %[[CBUF]][%[[II]] - %[[I]], %[[JJ]] - %[[J]]] : memref<128x128xf32>
// CHECK-NEXT:            arith.mulf
// CHECK-NEXT:            arith.addf
// CHECK-NEXT:            affine.store %{{.*}}, %[[CBUF]][%[[II]] - %[[I]], %[[JJ]] - %[[J]]] : memref<128x128xf32>
// CHECK:             memref.dealloc %[[BBUF]]
// CHECK-NEXT:        memref.dealloc %[[ABUF]]
// CHECK-NEXT:      }
// CHECK-NEXT:      affine.for
// CHECK-NEXT:        affine.for
// CHECK-NEXT:          affine.load %[[CBUF]]
// CHECK-NEXT:          affine.store
// CHECK:           memref.dealloc %[[CBUF]]
// WHOLE-LABEL: func.func @matmul
// WHOLE-COUNT-3: memref.alloc() : memref<4096x4096xf32, 1>
// DMA: error: generate-dma is not supported: only point-wise copies
#id = affine_map<(d0) -> (d0)>
#ub = affine_map<(d0) -> (d0 + 128)>
func.func @matmul(%A: memref<4096x4096xf32>, %B: memref<4096x4096xf32>, %C: memref<4096x4096xf32>) -> memref<4096x4096xf32> {
  affine.for %i = 0 to 4096 step 128 {
    affine.for %j = 0 to 4096 step 128 {
      affine.for %k = 0 to 4096 step 128 {
        affine.for %ii = #id(%i) to #ub(%i) {
          affine.for %jj = #id(%j) to #ub(%j) {
            affine.for %kk = #id(%k) to #ub(%k) {
              %5 = affine.load %A[%ii, %kk] : memref<4096x4096xf32>
              %6 = affine.load %B[%kk, %jj] : memref<4096x4096xf32>
              %7 = affine.load %C[%ii, %jj] : memref<4096x4096xf32>
              %8 = arith.mulf %5, %6 : f32
              %9 = arith.addf %7, %8 : f32
              affine.store %9, %C[%ii, %jj] : memref<4096x4096xf32>
            }
          }
        }
      }
    }
  }
  return %C : memref<4096x4096xf32>
}

// -----

// A stencil reading A[i - 1] and A[i + 1]: the box spans three elements per point; with no
// capacity the copies go down to the loop body, where the accesses become constant
// subscripts of the buffers.
// INNER-LABEL: func.func @stencil
// INNER:         affine.for %[[I:.*]] = 1 to 9 {
// INNER-NEXT:      %[[ABUF:.*]] = memref.alloc() : memref<3xf32, 1>
// INNER-NEXT:      affine.for
// INNER-NEXT:        affine.load %{{.*}} : memref<10xf32>
// INNER-NEXT:        affine.store %{{.*}}, %[[ABUF]][%{{.*}} - %[[I]] + 1] : memref<3xf32, 1>
// INNER:           %[[BBUF:.*]] = memref.alloc() : memref<1xf32, 1>
// INNER:           affine.load %[[ABUF]][0] : memref<3xf32, 1>
// INNER-NEXT:      affine.load %[[ABUF]][2] : memref<3xf32, 1>
// INNER-NEXT:      arith.addf
// INNER-NEXT:      affine.store %{{.*}}, %[[BBUF]][0] : memref<1xf32, 1>
// INNER-NEXT:      affine.for
// INNER-NEXT:        affine.load %[[BBUF]]
// INNER-NEXT:        affine.store %{{.*}} : memref<10xf32>
// INNER:           memref.dealloc %[[BBUF]]
// INNER-NEXT:      memref.dealloc %[[ABUF]]
func.func @stencil(%A: memref<10xf32>, %B: memref<10xf32>) {
  affine.for %i = 1 to 9 {
    %x = affine.load %A[%i - 1] : memref<10xf32>
    %y = affine.load %A[%i + 1] : memref<10xf32>
    %s = arith.addf %x, %y : f32
    affine.store %s, %B[%i] : memref<10xf32>
  }
  return
}
