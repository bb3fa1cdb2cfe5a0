// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-tile{tile-sizes=32,16}))" --split-input-file | filecheck %s
// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-tile{tile-size=32 separate}))" --split-input-file | filecheck %s --check-prefix=SEP
// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-tile{cache-size=1}))" --split-input-file | filecheck %s --check-prefix=CACHE
// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-tile{tile-size=4}))" --split-input-file --verify-diagnostics

// Expected output from MLIR's -affine-loop-tile (upstream, via iree-opt) on the same input.

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[UB0:.*]] = affine_map<(d0) -> (d0 + 32, 50)>
// CHECK-DAG: #[[UB1:.*]] = affine_map<(d0) -> (d0 + 16)>
// CHECK-DAG: #[[UBS:.*]] = affine_map<(d0)[s0] -> (d0 + 64, s0)>
// CHECK-LABEL: func.func @tile
// CHECK:      affine.for %[[I:.*]] = 0 to 50 step 32 {
// CHECK-NEXT:   affine.for %[[J:.*]] = 0 to 64 step 16 {
// CHECK-NEXT:     affine.for %[[II:.*]] = #[[ID]](%[[I]]) to min #[[UB0]](%[[I]]) {
// CHECK-NEXT:       affine.for %[[JJ:.*]] = #[[ID]](%[[J]]) to #[[UB1]](%[[J]]) {
// CHECK-NEXT:         affine.store %{{.*}}, %{{.*}}[%[[II]], %[[JJ]]]
// CHECK:      affine.for %[[K:.*]] = 2 to %{{.*}} step 64 {
// CHECK-NEXT:   affine.for %{{.*}} = #[[ID]](%[[K]]) to min #[[UBS]](%[[K]])[%{{.*}}] step 2 {

// SEP-DAG: #[[SET:.*]] = affine_set<(d0) : (-d0 + 18 >= 0)>
// SEP-LABEL: func.func @tile
// SEP:      affine.for %[[I:.*]] = 0 to 50 step 32 {
// SEP-NEXT:   affine.for %{{.*}} = 0 to 64 step 32 {
// SEP-NEXT:     affine.if #[[SET]](%[[I]]) {
// SEP-NEXT:       affine.for %{{.*}} = #{{.*}}(%[[I]]) to #{{.*}}(%[[I]]) {
// SEP:          } else {
// SEP-NEXT:       affine.for %{{.*}} = #{{.*}}(%[[I]]) to min #{{.*}}(%[[I]]) {

// A 50x64 f32 footprint (12.5 KiB) against a 1 KiB cache: the excess factor 13 is spread
// over the two loops as MLIR does (3, then 13 / 3 = 4), each lowered to a divisor of its
// trip count (2 and 4).
// CACHE-LABEL: func.func @tile
// CACHE:      affine.for %{{.*}} = 0 to 50 step 2 {
// CACHE-NEXT:   affine.for %{{.*}} = 0 to 64 step 4 {
// The second band's footprint is bounded by the memref's shape: [2, 49] x [2, 63], 12 KiB.
// CACHE:      affine.for %{{.*}} = 2 to %{{.*}} step 24 {
func.func @tile(%A: memref<50x64xf32>, %n: index) {
  %c = arith.constant 1.0 : f32
  affine.for %i = 0 to 50 {
    affine.for %j = 0 to 64 {
      affine.store %c, %A[%i, %j] : memref<50x64xf32>
    }
  }
  affine.for %k = 2 to %n step 2 {
    affine.store %c, %A[%k, %k] : memref<50x64xf32>
  }
  return
}

// -----

// A dependence with distance (1, -1) forbids tiling: the band is not fully permutable.
// Unit tiles keep the iteration order, so the cache model's sizes (1, 1) are legal here.
// CACHE-LABEL: func.func @not_permutable
// CACHE:      affine.for %[[I:.*]] = 1 to 10 {
// CACHE-NEXT:   affine.for %[[J:.*]] = 0 to 19 {
// CACHE-NEXT:     affine.for %{{.*}} = #{{.*}}(%[[I]]) to #{{.*}}(%[[I]]) {
// CHECK-LABEL: func.func @not_permutable
// CHECK:      affine.for %{{.*}} = 1 to 10 {
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 19 {
func.func @not_permutable(%A: memref<10x20xf32>) {
  // expected-remark@below {{cannot tile the band: dependence from 'affine.store' to 'affine.load' at depth 1 = [1, 1][-1, -1]}}
  affine.for %i = 1 to 10 {
    affine.for %j = 0 to 19 {
      %v = affine.load %A[%i - 1, %j + 1] : memref<10x20xf32>
      affine.store %v, %A[%i, %j] : memref<10x20xf32>
    }
  }
  return
}
