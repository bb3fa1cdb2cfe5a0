// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-fusion))" --split-input-file --verify-diagnostics --allow-unregistered-dialect | filecheck %s
// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-fusion,affine-scalrep))" --split-input-file --allow-unregistered-dialect 2>/dev/null | filecheck %s --check-prefix=SCALREP
// RUN: dialir-opt %s --pass-pipeline="builtin.module(func.func(affine-loop-fusion{mode=producer}))" --split-input-file --allow-unregistered-dialect 2>/dev/null | filecheck %s --check-prefix=PRODUCER

// The loop nests convert-nn-to-affine emits for exp -> relu: the producer is fused into the
// consumer at depth 2, the intermediate buffer becomes a private memref<1x1xf32> (as MLIR's
// fusion does), its dealloc moves after the fused nest; affine-scalrep then forwards the
// stored value and the private buffer is gone.
// CHECK-LABEL: func.func @elementwise_chain
// CHECK:         %[[OUT:.*]] = memref.alloc() : memref<4x8xf32>
// CHECK-NEXT:    %[[P:.*]] = memref.alloc() : memref<1x1xf32>
// CHECK:         affine.for %[[I:.*]] = 0 to 4 {
// CHECK-NEXT:      affine.for %[[J:.*]] = 0 to 8 {
// CHECK-NEXT:        %[[X:.*]] = affine.load %{{.*}}[%[[I]], %[[J]]] : memref<4x8xf32>
// CHECK-NEXT:        %[[E:.*]] = math.exp %[[X]] : f32
// CHECK-NEXT:        affine.store %[[E]], %[[P]][0, 0] : memref<1x1xf32>
// CHECK-NEXT:        %[[L:.*]] = affine.load %[[P]][0, 0] : memref<1x1xf32>
// CHECK-NEXT:        %[[R:.*]] = arith.maximumf %[[L]], %{{.*}} : f32
// CHECK-NEXT:        affine.store %[[R]], %[[OUT]][%[[I]], %[[J]]] : memref<4x8xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    memref.dealloc %[[P]] : memref<1x1xf32>
// CHECK-NEXT:    return %[[OUT]]
// SCALREP-LABEL: func.func @elementwise_chain
// SCALREP-NOT:     memref<1x1xf32>
// SCALREP:         %[[E:.*]] = math.exp
// SCALREP-NEXT:    arith.maximumf %[[E]]
// SCALREP-NOT:     memref.dealloc
func.func @elementwise_chain(%x: memref<4x8xf32>) -> memref<4x8xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %0 = memref.alloc() : memref<4x8xf32>
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 8 {
      %1 = affine.load %x[%i, %j] : memref<4x8xf32>
      %2 = math.exp %1 : f32
      affine.store %2, %0[%i, %j] : memref<4x8xf32>
    }
  }
  %3 = memref.alloc() : memref<4x8xf32>
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 8 {
      %4 = affine.load %0[%i, %j] : memref<4x8xf32>
      %5 = arith.maximumf %4, %cst : f32
      affine.store %5, %3[%i, %j] : memref<4x8xf32>
    }
  }
  memref.dealloc %0 : memref<4x8xf32>
  return %3 : memref<4x8xf32>
}

// -----

// The consumer reads the element the producer writes one iteration later: in the fused
// nest it would read it before it is written. Refused, the IR is unchanged.
// CHECK-LABEL: func.func @reversed_dependence
// CHECK:         affine.for
// CHECK:         affine.for
func.func @reversed_dependence(%a: memref<11xf32>, %b: memref<10xf32>, %f: f32) {
  affine.for %i = 0 to 10 {
    affine.store %f, %a[%i + 1] : memref<11xf32>
  }
  // expected-remark@below {{cannot fuse an earlier loop nest into this one: dependence from 'affine.load' to 'affine.store' at depth 1 = [1, 1]}}
  affine.for %i = 0 to 10 {
    %v = affine.load %a[%i + 2] : memref<11xf32>
    affine.store %v, %b[%i] : memref<10xf32>
  }
  return
}

// -----

// The consumer reads what the producer wrote an iteration earlier: legal, fused (the
// buffer is not indexed by the fused loop alone, so it stays).
// CHECK-LABEL: func.func @forward_dependence
// CHECK:         affine.for %[[I:.*]] = 1 to 10 {
// CHECK-NEXT:      affine.store %{{.*}}, %{{.*}}[%[[I]]] : memref<10xf32>
// CHECK-NEXT:      affine.load %{{.*}}[%[[I]] - 1] : memref<10xf32>
// CHECK-NEXT:      affine.store
// CHECK-NEXT:    }
// CHECK-NEXT:    return
func.func @forward_dependence(%a: memref<10xf32>, %b: memref<10xf32>, %f: f32) {
  affine.for %i = 1 to 10 {
    affine.store %f, %a[%i] : memref<10xf32>
  }
  affine.for %i = 1 to 10 {
    %v = affine.load %a[%i - 1] : memref<10xf32>
    affine.store %v, %b[%i] : memref<10xf32>
  }
  return
}

// -----

// Sibling fusion: two nests reading one input, writing different outputs (not in
// mode=producer).
// CHECK-LABEL: func.func @siblings
// CHECK:         affine.for
// CHECK-NEXT:      affine.load
// CHECK-NEXT:      affine.store
// CHECK-NEXT:      affine.load
// CHECK-NEXT:      affine.store
// CHECK-NEXT:    }
// CHECK-NEXT:    return
// PRODUCER-LABEL: func.func @siblings
// PRODUCER-COUNT-2: affine.for
func.func @siblings(%in: memref<10xf32>, %o1: memref<10xf32>, %o2: memref<10xf32>) {
  affine.for %i = 0 to 10 {
    %v = affine.load %in[%i] : memref<10xf32>
    affine.store %v, %o1[%i] : memref<10xf32>
  }
  affine.for %i = 0 to 10 {
    %v = affine.load %in[%i] : memref<10xf32>
    affine.store %v, %o2[%i] : memref<10xf32>
  }
  return
}

// -----

// Different trip counts, and an op between the nests that may touch the buffer: not fused.
// CHECK-LABEL: func.func @not_conformable
// CHECK-COUNT-2: affine.for %{{.*}} = 0 to
// CHECK:         "test.touch"
// CHECK:         affine.for
func.func @not_conformable(%a: memref<10xf32>, %b: memref<10xf32>, %f: f32) {
  affine.for %i = 0 to 10 {
    affine.store %f, %a[%i] : memref<10xf32>
  }
  affine.for %i = 0 to 9 {
    %v = affine.load %a[%i] : memref<10xf32>
    affine.store %v, %b[%i] : memref<10xf32>
  }
  "test.touch"(%a) : (memref<10xf32>) -> ()
  affine.for %i = 0 to 9 {
    %v = affine.load %a[%i] : memref<10xf32>
    affine.store %v, %b[%i] : memref<10xf32>
  }
  return
}
