// RUN: dialir-opt %s --split-input-file --buffer-reuse | filecheck %s
// RUN: dialir-opt %s --split-input-file --buffer-reuse=in-place=false | filecheck %s --check-prefix=NOINPLACE
// RUN: dialir-opt %s --split-input-file --buffer-reuse --pass-statistics 2>&1 >/dev/null | filecheck %s --check-prefix=STATS

// Statistics, summed over the functions of this file.
// STATS:         BufferReuse
// STATS-NEXT:    (S) 11 num-buffers
// STATS-NEXT:    (S) 1 num-in-place
// STATS-NEXT:    (S) 5 num-arenas
// STATS-NEXT:    (S) 4512 bytes-before
// STATS-NEXT:    (S) 4480 peak-bytes-before
// STATS-NEXT:    (S) 4480 bytes-after
// STATS-NEXT:    (S) 32 dynamic-bytes-before
// STATS-NEXT:    (S) 16 dynamic-peak-bytes-before
// STATS-NEXT:    (S) 64 dynamic-bytes-after

// Two buffers whose lifetimes do not overlap share an offset; the one live beside both
// (the largest, placed first) takes offset 0.
// CHECK-LABEL: func.func @disjoint
// CHECK:         %[[ARENA:.*]] = memref.alloc() alignment = 64 : memref<4160xi8>
// CHECK:         memref.view %[[ARENA]][%c0{{.*}}][] : memref<4160xi8> to memref<1024xf32>
// CHECK:         %[[A:.*]] = memref.view %[[ARENA]][%c4096{{.*}}][] : memref<4160xi8> to memref<16xf32>
// CHECK:         affine.for
// CHECK:         memref.view %[[ARENA]][%c4096{{.*}}][] : memref<4160xi8> to memref<8xf32>
// CHECK:         affine.for
// CHECK-NOT:     memref.dealloc %[[A]]
// CHECK:         memref.dealloc %[[ARENA]] : memref<4160xi8>
// CHECK-NEXT:    return
func.func @disjoint(%out: memref<16xf32>, %f: f32) {
  %big = memref.alloc() : memref<1024xf32>
  %a = memref.alloc() : memref<16xf32>
  affine.for %i = 0 to 16 {
    affine.store %f, %a[%i] : memref<16xf32>
    affine.store %f, %big[%i] : memref<1024xf32>
  }
  memref.dealloc %a : memref<16xf32>
  %b = memref.alloc() : memref<8xf32>
  affine.for %i = 0 to 8 {
    %v = affine.load %big[%i] : memref<1024xf32>
    affine.store %v, %b[%i] : memref<8xf32>
    %w = affine.load %b[%i] : memref<8xf32>
    affine.store %w, %out[%i] : memref<16xf32>
  }
  memref.dealloc %b : memref<8xf32>
  memref.dealloc %big : memref<1024xf32>
  return
}

// -----

// An elementwise nest whose input dies there writes its result into the input's memory.
// CHECK-LABEL: func.func @in_place
// CHECK:         %[[ARENA:.*]] = memref.alloc() alignment = 64 : memref<64xi8>
// CHECK:         memref.view %[[ARENA]][%c0{{.*}}][] : memref<64xi8> to memref<4x4xf32>
// CHECK:         memref.view %[[ARENA]][%c0{{.*}}][] : memref<64xi8> to memref<4x4xf32>
// NOINPLACE-LABEL: func.func @in_place
// NOINPLACE:     memref.alloc() alignment = 64 : memref<128xi8>
func.func @in_place(%x: memref<4x4xf32>, %y: memref<4x4xf32>) {
  %a = memref.alloc() : memref<4x4xf32>
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 4 {
      %v = affine.load %x[%i, %j] : memref<4x4xf32>
      affine.store %v, %a[%i, %j] : memref<4x4xf32>
    }
  }
  %b = memref.alloc() : memref<4x4xf32>
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 4 {
      %v = affine.load %a[%i, %j] : memref<4x4xf32>
      %e = math.exp %v : f32
      affine.store %e, %b[%i, %j] : memref<4x4xf32>
    }
  }
  memref.dealloc %a : memref<4x4xf32>
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 4 {
      %v = affine.load %b[%i, %j] : memref<4x4xf32>
      affine.store %v, %y[%i, %j] : memref<4x4xf32>
    }
  }
  memref.dealloc %b : memref<4x4xf32>
  return
}

// -----

// Not elementwise: the nest reads %a transposed, so %b needs memory of its own.
// CHECK-LABEL: func.func @transposed
// CHECK:         memref.alloc() alignment = 64 : memref<128xi8>
func.func @transposed(%x: memref<4x4xf32>, %y: memref<4x4xf32>) {
  %a = memref.alloc() : memref<4x4xf32>
  memref.copy %x, %a : memref<4x4xf32> to memref<4x4xf32>
  %b = memref.alloc() : memref<4x4xf32>
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 4 {
      %v = affine.load %a[%j, %i] : memref<4x4xf32>
      affine.store %v, %b[%i, %j] : memref<4x4xf32>
    }
  }
  memref.copy %b, %y : memref<4x4xf32> to memref<4x4xf32>
  return
}

// -----

// A returned buffer and one passed to a call escape: neither is planned. A view of a
// planned buffer keeps it live until the view's last use.
// CHECK-LABEL: func.func @escapes
// CHECK:         %[[R:.*]] = memref.alloc() : memref<4xf32>
// CHECK:         %[[C:.*]] = memref.alloc() : memref<4xf32>
// CHECK:         %[[ARENA:.*]] = memref.alloc() alignment = 64 : memref<128xi8>
// CHECK:         %[[S:.*]] = memref.view %[[ARENA]]{{.*}} to memref<8xf32>
// CHECK:         memref.subview %[[S]][4] [4] [1]
// CHECK:         memref.view %[[ARENA]]{{.*}} to memref<8xf32>
// CHECK:         memref.dealloc %[[ARENA]]
// CHECK-NEXT:    return %[[R]]
func.func private @use(memref<4xf32>)
func.func @escapes(%x: memref<4xf32>) -> memref<4xf32> {
  %r = memref.alloc() : memref<4xf32>
  memref.copy %x, %r : memref<4xf32> to memref<4xf32>
  %c = memref.alloc() : memref<4xf32>
  func.call @use(%c) : (memref<4xf32>) -> ()
  %s = memref.alloc() : memref<8xf32>
  %sv = memref.subview %s[4] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: 4>>
  %t = memref.alloc() : memref<8xf32>
  memref.copy %x, %sv : memref<4xf32> to memref<4xf32, strided<[1], offset: 4>>
  %tv = memref.subview %t[0] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1]>>
  memref.copy %sv, %tv : memref<4xf32, strided<[1], offset: 4>> to memref<4xf32, strided<[1]>>
  memref.copy %tv, %x : memref<4xf32, strided<[1]>> to memref<4xf32>
  return %r : memref<4xf32>
}

// -----

// Buffers sized by the same run-time values share an arena of K * product bytes (offsets
// aligned in units of the product).
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME:    (%[[X:.*]]: memref<?x4xf32>, %[[N:.*]]: index)
// CHECK:         %[[K:.*]] = arith.constant 64 : index
// CHECK:         %[[SIZE:.*]] = arith.muli %[[N]], %[[K]] : index
// CHECK:         %[[ARENA:.*]] = memref.alloc(%[[SIZE]]) alignment = 64 : memref<?xi8>
// CHECK:         memref.view %[[ARENA]][%{{.*}}][%[[N]]] : memref<?xi8> to memref<?x4xf32>
// CHECK:         %[[C:.*]] = arith.constant 0 : index
// CHECK:         memref.view %[[ARENA]][%[[C]]][%[[N]]] : memref<?xi8> to memref<?x4xf32>
func.func @dynamic(%x: memref<?x4xf32>, %n: index) {
  %a = memref.alloc(%n) : memref<?x4xf32>
  memref.copy %x, %a : memref<?x4xf32> to memref<?x4xf32>
  memref.copy %a, %x : memref<?x4xf32> to memref<?x4xf32>
  memref.dealloc %a : memref<?x4xf32>
  %b = memref.alloc(%n) : memref<?x4xf32>
  memref.copy %x, %b : memref<?x4xf32> to memref<?x4xf32>
  memref.copy %b, %x : memref<?x4xf32> to memref<?x4xf32>
  memref.dealloc %b : memref<?x4xf32>
  return
}
