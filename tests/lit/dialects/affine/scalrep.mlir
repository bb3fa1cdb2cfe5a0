// RUN: dialir-opt %s --allow-unregistered-dialect --split-input-file --affine-scalrep | filecheck %s

// Expected output: upstream MLIR's (tools/generate_test_checks.py with iree-opt), on cases
// adapted from MLIR's test/Dialect/Affine/scalrep.mlir: forwarding through composed
// affine.apply subscripts, into nested loops, past stores that provably write another
// element (or in a loop whose other iterations cannot reach the element), and not past
// stores that may alias, unknown ops or loops that write the element; redundant loads;
// dead stores; allocations only stored to are erased.

func.func @simple_store_load() {
  %cf7 = arith.constant 7.0 : f32
  %m = memref.alloc() : memref<10xf32>
  affine.for %i0 = 0 to 10 {
    affine.store %cf7, %m[%i0] : memref<10xf32>
    %v0 = affine.load %m[%i0] : memref<10xf32>
    %v1 = arith.addf %v0, %v0 : f32
    "test.use"(%v1) : (f32) -> ()
  }
  memref.dealloc %m : memref<10xf32>
  return
}

// CHECK-LABEL: func.func @simple_store_load(
// CHECK-SAME: ) {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 7.000000e+00 : f32
// CHECK-NEXT: affine.for %[[ARG0:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.addf %[[CST]], %[[CST]] : f32
// CHECK-NEXT: "test.use"(%[[V0]]) : (f32) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @multi_store_load() {
  %cf7 = arith.constant 7.0 : f32
  %cf8 = arith.constant 8.0 : f32
  %cf9 = arith.constant 9.0 : f32
  %m = memref.alloc() : memref<10xf32>
  affine.for %i0 = 0 to 10 {
    affine.store %cf7, %m[%i0] : memref<10xf32>
    %v0 = affine.load %m[%i0] : memref<10xf32>
    %v1 = arith.addf %v0, %v0 : f32
    affine.store %cf8, %m[%i0] : memref<10xf32>
    affine.store %cf9, %m[%i0] : memref<10xf32>
    %v2 = affine.load %m[%i0] : memref<10xf32>
    %v3 = affine.load %m[%i0] : memref<10xf32>
    %v4 = arith.mulf %v2, %v3 : f32
    "test.use"(%v1, %v4) : (f32, f32) -> ()
  }
  return
}

// CHECK-LABEL: func.func @multi_store_load(
// CHECK-SAME: ) {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 7.000000e+00 : f32
// CHECK-NEXT: %[[CST_0:[A-Za-z0-9_$.-]+]] = arith.constant 8.000000e+00 : f32
// CHECK-NEXT: %[[CST_1:[A-Za-z0-9_$.-]+]] = arith.constant 9.000000e+00 : f32
// CHECK-NEXT: affine.for %[[ARG0:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = arith.addf %[[CST]], %[[CST]] : f32
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.mulf %[[CST_1]], %[[CST_1]] : f32
// CHECK-NEXT: "test.use"(%[[V0]], %[[V1]]) : (f32, f32) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @store_load_affine_apply() -> memref<10x10xf32> {
  %cf7 = arith.constant 7.0 : f32
  %m = memref.alloc() : memref<10x10xf32>
  affine.for %i0 = 0 to 10 {
    affine.for %i1 = 0 to 10 {
      %t0 = affine.apply affine_map<(d0, d1) -> (d1 + 1)>(%i0, %i1)
      %t1 = affine.apply affine_map<(d0, d1) -> (d0)>(%i0, %i1)
      %idx0 = affine.apply affine_map<(d0, d1) -> (d1)> (%t0, %t1)
      %idx1 = affine.apply affine_map<(d0, d1) -> (d0 - 1)> (%t0, %t1)
      affine.store %cf7, %m[%idx0, %idx1] : memref<10x10xf32>
      %v0 = affine.load %m[%i0, %i1] : memref<10x10xf32>
      %v1 = arith.addf %v0, %v0 : f32
      "test.use"(%v1) : (f32) -> ()
    }
  }
  return %m : memref<10x10xf32>
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<(d0, d1) -> (d1 + 1)>
// CHECK-DAG: #[[MAP1:[A-Za-z0-9_]+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[MAP2:[A-Za-z0-9_]+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[MAP3:[A-Za-z0-9_]+]] = affine_map<(d0, d1) -> (d0 - 1)>
// CHECK-LABEL: func.func @store_load_affine_apply(
// CHECK-SAME: ) -> memref<10x10xf32> {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 7.000000e+00 : f32
// CHECK-NEXT: %[[ALLOC:[A-Za-z0-9_$.-]+]] = memref.alloc() : memref<10x10xf32>
// CHECK-NEXT: affine.for %[[ARG0:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP]](%[[ARG0]], %[[ARG1]])
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP1]](%[[ARG0]], %[[ARG1]])
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP2]](%[[V0]], %[[V1]])
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP3]](%[[V0]], %[[V1]])
// CHECK-NEXT: affine.store %[[CST]], %[[ALLOC]][%[[V2]], %[[V3]]] : memref<10x10xf32>
// CHECK-NEXT: %[[V4:[A-Za-z0-9_$.-]+]] = arith.addf %[[CST]], %[[CST]] : f32
// CHECK-NEXT: "test.use"(%[[V4]]) : (f32) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return %[[ALLOC]] : memref<10x10xf32>
// CHECK-NEXT: }

// -----

func.func @multi_store_load_nested_no_fwd(%N : index) {
  %cf7 = arith.constant 7.0 : f32
  %cf8 = arith.constant 8.0 : f32
  %m = memref.alloc() : memref<10xf32>
  affine.for %i0 = 0 to 10 {
    affine.store %cf7, %m[%i0] : memref<10xf32>
    affine.for %i1 = 0 to %N {
      affine.store %cf8, %m[%i1] : memref<10xf32>
    }
    affine.for %i2 = 0 to %N {
      %v0 = affine.load %m[%i0] : memref<10xf32>
      %v1 = arith.addf %v0, %v0 : f32
      "test.use"(%v1) : (f32) -> ()
    }
  }
  return
}

// CHECK-LABEL: func.func @multi_store_load_nested_no_fwd(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 7.000000e+00 : f32
// CHECK-NEXT: %[[CST_0:[A-Za-z0-9_$.-]+]] = arith.constant 8.000000e+00 : f32
// CHECK-NEXT: %[[ALLOC:[A-Za-z0-9_$.-]+]] = memref.alloc() : memref<10xf32>
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: affine.store %[[CST]], %[[ALLOC]][%[[ARG1]]] : memref<10xf32>
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG0]] {
// CHECK-NEXT: affine.store %[[CST_0]], %[[ALLOC]][%[[ARG2]]] : memref<10xf32>
// CHECK-NEXT: }
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG0]] {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ALLOC]][%[[ARG1]]] : memref<10xf32>
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addf %[[V0]], %[[V0]] : f32
// CHECK-NEXT: "test.use"(%[[V1]]) : (f32) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @store_load_store_nested_fwd(%N : index) -> f32 {
  %cf7 = arith.constant 7.0 : f32
  %cf9 = arith.constant 9.0 : f32
  %c1 = arith.constant 1 : index
  %m = memref.alloc() : memref<10xf32>
  affine.for %i0 = 0 to 10 {
    affine.store %cf7, %m[%i0] : memref<10xf32>
    affine.for %i1 = 0 to %N {
      %v0 = affine.load %m[%i0] : memref<10xf32>
      %v1 = arith.addf %v0, %v0 : f32
      "test.use"(%v1) : (f32) -> ()
      %idx = affine.apply affine_map<(d0) -> (d0 + 1)> (%i0)
      affine.store %cf9, %m[%idx] : memref<10xf32>
    }
  }
  %v3 = affine.load %m[%c1] : memref<10xf32>
  return %v3 : f32
}

// CHECK-DAG: #[[MAP:[A-Za-z0-9_]+]] = affine_map<(d0) -> (d0 + 1)>
// CHECK-LABEL: func.func @store_load_store_nested_fwd(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) -> f32 {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 7.000000e+00 : f32
// CHECK-NEXT: %[[CST_0:[A-Za-z0-9_$.-]+]] = arith.constant 9.000000e+00 : f32
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: %[[ALLOC:[A-Za-z0-9_$.-]+]] = memref.alloc() : memref<10xf32>
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: affine.store %[[CST]], %[[ALLOC]][%[[ARG1]]] : memref<10xf32>
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG0]] {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ALLOC]][%[[ARG1]]] : memref<10xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[V1]], %[[V1]] : f32
// CHECK-NEXT: "test.use"(%[[V2]]) : (f32) -> ()
// CHECK-NEXT: %[[V3:[A-Za-z0-9_$.-]+]] = affine.apply #[[MAP]](%[[ARG1]])
// CHECK-NEXT: affine.store %[[CST_0]], %[[ALLOC]][%[[V3]]] : memref<10xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ALLOC]][%[[C1]]] : memref<10xf32>
// CHECK-NEXT: return %[[V0]] : f32
// CHECK-NEXT: }

// -----

func.func @overlap_no_fwd(%N : index) -> f32 {
  %cf7 = arith.constant 7.0 : f32
  %cf9 = arith.constant 9.0 : f32
  %c1 = arith.constant 1 : index
  %m = memref.alloc() : memref<10xf32>
  affine.for %i0 = 0 to 5 {
    affine.store %cf7, %m[2 * %i0] : memref<10xf32>
    affine.for %i1 = 0 to %N {
      %v0 = affine.load %m[2 * %i0] : memref<10xf32>
      %v1 = arith.addf %v0, %v0 : f32
      "test.use"(%v1) : (f32) -> ()
      affine.store %cf9, %m[%i0 + 1] : memref<10xf32>
    }
  }
  %v3 = affine.load %m[%c1] : memref<10xf32>
  return %v3 : f32
}

// CHECK-LABEL: func.func @overlap_no_fwd(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: index) -> f32 {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 7.000000e+00 : f32
// CHECK-NEXT: %[[CST_0:[A-Za-z0-9_$.-]+]] = arith.constant 9.000000e+00 : f32
// CHECK-NEXT: %[[C1:[A-Za-z0-9_$.-]+]] = arith.constant 1 : index
// CHECK-NEXT: %[[ALLOC:[A-Za-z0-9_$.-]+]] = memref.alloc() : memref<10xf32>
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 5 {
// CHECK-NEXT: affine.store %[[CST]], %[[ALLOC]][%[[ARG1]] * 2] : memref<10xf32>
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to %[[ARG0]] {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ALLOC]][%[[ARG1]] * 2] : memref<10xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[V1]], %[[V1]] : f32
// CHECK-NEXT: "test.use"(%[[V2]]) : (f32) -> ()
// CHECK-NEXT: affine.store %[[CST_0]], %[[ALLOC]][%[[ARG1]] + 1] : memref<10xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ALLOC]][%[[C1]]] : memref<10xf32>
// CHECK-NEXT: return %[[V0]] : f32
// CHECK-NEXT: }

// -----

func.func @refs_not_known_to_be_equal(%A : memref<100 x 100 x f32>, %M : index) {
  %cf1 = arith.constant 1.0 : f32
  affine.for %i = 0 to 100 {
    affine.for %j = 0 to 100 {
      %u = affine.load %A[%i, %j] : memref<100x100xf32>
      affine.store %cf1, %A[%j, %i] : memref<100x100xf32>
      %v = affine.load %A[%i, %j] : memref<100x100xf32>
      %w = affine.load %A[%j, %i] : memref<100x100xf32>
      "foo" (%u, %v, %w) : (f32, f32, f32) -> ()
    }
  }
  return
}

// CHECK-LABEL: func.func @refs_not_known_to_be_equal(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<100x100xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: index) {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to 100 {
// CHECK-NEXT: affine.for %[[ARG3:[A-Za-z0-9_$.-]+]] = 0 to 100 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG2]], %[[ARG3]]] : memref<100x100xf32>
// CHECK-NEXT: affine.store %[[CST]], %[[ARG0]][%[[ARG3]], %[[ARG2]]] : memref<100x100xf32>
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG2]], %[[ARG3]]] : memref<100x100xf32>
// CHECK-NEXT: "foo"(%[[V0]], %[[V1]], %[[CST]]) : (f32, f32, f32) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @load_load_store_3_loops(%m : memref<10xf32>) {
  %cf1 = arith.constant 1.0 : f32
  affine.for %i0 = 0 to 10 {
    affine.for %i1 = 0 to 20 {
      %v0 = affine.load %m[%i0] : memref<10xf32>
      affine.for %i2 = 0 to 30 {
        %v1 = affine.load %m[%i0] : memref<10xf32>
        %v2 = arith.addf %v0, %v1 : f32
        "test.use"(%v2) : (f32) -> ()
      }
    }
    affine.store %cf1, %m[%i0] : memref<10xf32>
  }
  return
}

// CHECK-LABEL: func.func @load_load_store_3_loops(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<10xf32>) {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 10 {
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to 20 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG1]]] : memref<10xf32>
// CHECK-NEXT: affine.for %[[ARG3:[A-Za-z0-9_$.-]+]] = 0 to 30 {
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG1]]] : memref<10xf32>
// CHECK-NEXT: %[[V2:[A-Za-z0-9_$.-]+]] = arith.addf %[[V0]], %[[V1]] : f32
// CHECK-NEXT: "test.use"(%[[V2]]) : (f32) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: affine.store %[[CST]], %[[ARG0]][%[[ARG1]]] : memref<10xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @reduction_multi_store() -> memref<1xf32> {
  %A = memref.alloc() : memref<1xf32>
  %cf0 = arith.constant 0.0 : f32
  %cf5 = arith.constant 5.0 : f32
  affine.store %cf0, %A[0] : memref<1xf32>
  affine.for %i = 0 to 100 step 2 {
    %l = affine.load %A[0] : memref<1xf32>
    %s = arith.addf %l, %cf5 : f32
    affine.store %s, %A[0] : memref<1xf32>
    %m = affine.load %A[0] : memref<1xf32>
    "test.foo"(%m) : (f32) -> ()
  }
  return %A : memref<1xf32>
}

// CHECK-LABEL: func.func @reduction_multi_store(
// CHECK-SAME: ) -> memref<1xf32> {
// CHECK-NEXT: %[[ALLOC:[A-Za-z0-9_$.-]+]] = memref.alloc() : memref<1xf32>
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[CST_0:[A-Za-z0-9_$.-]+]] = arith.constant 5.000000e+00 : f32
// CHECK-NEXT: affine.store %[[CST]], %[[ALLOC]][0] : memref<1xf32>
// CHECK-NEXT: affine.for %[[ARG0:[A-Za-z0-9_$.-]+]] = 0 to 100 step 2 {
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ALLOC]][0] : memref<1xf32>
// CHECK-NEXT: %[[V1:[A-Za-z0-9_$.-]+]] = arith.addf %[[V0]], %[[CST_0]] : f32
// CHECK-NEXT: affine.store %[[V1]], %[[ALLOC]][0] : memref<1xf32>
// CHECK-NEXT: "test.foo"(%[[V1]]) : (f32) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return %[[ALLOC]] : memref<1xf32>
// CHECK-NEXT: }

// -----

func.func @external_no_forward_store(%in : memref<512xf32>, %out : memref<512xf32>) {
  %cf1 = arith.constant 1.0 : f32
  affine.for %i = 0 to 16 {
    affine.store %cf1, %in[32*%i] : memref<512xf32>
    "memop"(%in, %out) : (memref<512xf32>, memref<512xf32>) -> ()
    %ld1 = affine.load %in[32*%i] : memref<512xf32>
    affine.store %ld1, %out[32*%i] : memref<512xf32>
  }
  return
}

// CHECK-LABEL: func.func @external_no_forward_store(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<512xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: memref<512xf32>) {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to 16 {
// CHECK-NEXT: affine.store %[[CST]], %[[ARG0]][%[[ARG2]] * 32] : memref<512xf32>
// CHECK-NEXT: "memop"(%[[ARG0]], %[[ARG1]]) : (memref<512xf32>, memref<512xf32>) -> ()
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG2]] * 32] : memref<512xf32>
// CHECK-NEXT: affine.store %[[V0]], %[[ARG1]][%[[ARG2]] * 32] : memref<512xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @no_forward_cast(%in : memref<512xf32>, %out : memref<512xf32>) {
  %cf1 = arith.constant 1.0 : f32
  %cf2 = arith.constant 2.0 : f32
  %m2 = memref.cast %in : memref<512xf32> to memref<?xf32>
  affine.for %i = 0 to 16 {
    affine.store %cf1, %in[32*%i] : memref<512xf32>
    affine.store %cf2, %m2[32*%i] : memref<?xf32>
    %ld1 = affine.load %in[32*%i] : memref<512xf32>
    affine.store %ld1, %out[32*%i] : memref<512xf32>
  }
  return
}

// CHECK-LABEL: func.func @no_forward_cast(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<512xf32>, %[[ARG1:[A-Za-z0-9_$.-]+]]: memref<512xf32>) {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[CST_0:[A-Za-z0-9_$.-]+]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT: %[[CAST:[A-Za-z0-9_$.-]+]] = memref.cast %[[ARG0]] : memref<512xf32> to memref<?xf32>
// CHECK-NEXT: affine.for %[[ARG2:[A-Za-z0-9_$.-]+]] = 0 to 16 {
// CHECK-NEXT: affine.store %[[CST]], %[[ARG0]][%[[ARG2]] * 32] : memref<512xf32>
// CHECK-NEXT: affine.store %[[CST_0]], %[[CAST]][%[[ARG2]] * 32] : memref<?xf32>
// CHECK-NEXT: %[[V0:[A-Za-z0-9_$.-]+]] = affine.load %[[ARG0]][%[[ARG2]] * 32] : memref<512xf32>
// CHECK-NEXT: affine.store %[[V0]], %[[ARG1]][%[[ARG2]] * 32] : memref<512xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

func.func @redundant_store_elim(%out : memref<512xf32>) {
  %cf1 = arith.constant 1.0 : f32
  %cf2 = arith.constant 2.0 : f32
  affine.for %i = 0 to 16 {
    affine.store %cf1, %out[32*%i] : memref<512xf32>
    affine.store %cf2, %out[32*%i] : memref<512xf32>
  }
  return
}

// CHECK-LABEL: func.func @redundant_store_elim(
// CHECK-SAME: %[[ARG0:[A-Za-z0-9_$.-]+]]: memref<512xf32>) {
// CHECK-NEXT: %[[CST:[A-Za-z0-9_$.-]+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[CST_0:[A-Za-z0-9_$.-]+]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT: affine.for %[[ARG1:[A-Za-z0-9_$.-]+]] = 0 to 16 {
// CHECK-NEXT: affine.store %[[CST_0]], %[[ARG0]][%[[ARG1]] * 32] : memref<512xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }

// -----

// A load in one branch of an scf.if gets the value stored before the if (as upstream MLIR's
// scalrep.mlir expects; the iree-opt build at hand does not forward into the branch).
// CHECK-LABEL: func.func @with_inner_ops(
// CHECK:         %[[PI:.*]] = arith.constant 3.140000e+00 : f64
// CHECK:         affine.for
// CHECK-NEXT:      affine.store %[[PI]]
// CHECK-NEXT:      scf.if
// CHECK-NEXT:        scf.yield
// CHECK-NEXT:      } else {
// CHECK-NEXT:        scf.yield %[[PI]] : f64
func.func @with_inner_ops(%arg0: memref<?xf64>, %arg1: memref<?xf64>, %arg2: i1) {
  %cst = arith.constant 0.000000e+00 : f64
  %cst_0 = arith.constant 3.140000e+00 : f64
  %cst_1 = arith.constant 1.000000e+00 : f64
  affine.for %arg3 = 0 to 28 {
    affine.store %cst, %arg1[%arg3] : memref<?xf64>
    affine.store %cst_0, %arg1[%arg3] : memref<?xf64>
    %0 = scf.if %arg2 -> (f64) {
      scf.yield %cst_1 : f64
    } else {
      %1 = affine.load %arg1[%arg3] : memref<?xf64>
      scf.yield %1 : f64
    }
    affine.store %0, %arg0[%arg3] : memref<?xf64>
  }
  return
}

// -----

// The loop stores the element after loading it: from the second iteration on, the load
// reads that store, so the store before the loop is not forwarded (MLIR's
// store_load_store_nested_no_fwd).
// CHECK-LABEL: func.func @store_in_loop_after_load(
// CHECK:         affine.for
// CHECK-NEXT:      %[[V:.*]] = affine.load %{{.*}}[0] : memref<4xf32>
// CHECK-NEXT:      affine.store %[[V]]
func.func @store_in_loop_after_load(%a: memref<4xf32>, %out: memref<64xf32>) {
  %c1 = arith.constant 1.5 : f32
  %c2 = arith.constant -2.0 : f32
  affine.store %c1, %a[0] : memref<4xf32>
  affine.for %i0 = 0 to 4 {
    %v0 = affine.load %a[0] : memref<4xf32>
    affine.store %v0, %out[0] : memref<64xf32>
    affine.store %c2, %a[0] : memref<4xf32>
  }
  return
}

// -----

// Distinct globals do not alias: the store to @b does not stop the forwarding from @a.
// CHECK-LABEL: func.func @globals(
// CHECK:         affine.store %[[F:.*]], %{{.*}}[0] : memref<4xf32>
// CHECK-NEXT:    affine.store
// CHECK-NEXT:    return %[[F]] : f32
memref.global "private" @a : memref<4xf32> = dense<0.0>
memref.global "private" @b : memref<4xf32> = dense<0.0>
func.func @globals(%f: f32, %g: f32) -> f32 {
  %a = memref.get_global @a : memref<4xf32>
  %b = memref.get_global @b : memref<4xf32>
  affine.store %f, %a[0] : memref<4xf32>
  affine.store %g, %b[0] : memref<4xf32>
  %v = affine.load %a[0] : memref<4xf32>
  return %v : f32
}
