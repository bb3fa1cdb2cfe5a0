// RUN: dialir-opt %s | filecheck %s
// RUN: dialir-opt %s | dialir-opt | filecheck %s

// The names ops give their results, as MLIR's getAsmResultNames gives them (checked with
// iree-opt): memref's ops name theirs after the op (but memref.realloc, get_global and rank,
// which are numbered), arith.addui_extended `%sum, %overflow`, gpu.shuffle
// `%shuffleResult, %valid`, gpu.alloc `%memref, %asyncToken`, gpu's id ops `%thread_id_x`.

memref.global "private" constant @g : memref<4xf32> = dense<1.0>
// CHECK-LABEL: func.func @names(
func.func @names(%m: memref<4xf32>, %d: memref<?xf32>, %i: index, %b: memref<16xi8>, %s: memref<2xindex>, %x: i32, %y: i32, %u: memref<*xf32>) {
  // CHECK-NEXT: %[[A:alloc]] = memref.alloc()
  %a = memref.alloc() : memref<4xf32>
  // CHECK-NEXT: %[[A2:alloca]] = memref.alloca()
  %a2 = memref.alloca() : memref<4xf32>
  // CHECK-NEXT: %[[R:[0-9]+]] = memref.realloc
  %r = memref.realloc %d(%i) : memref<?xf32> to memref<?xf32>
  // CHECK-NEXT: %[[D:dim]] = memref.dim
  %dim = memref.dim %d, %i : memref<?xf32>
  // CHECK-NEXT: %[[C:cast]] = memref.cast
  %c = memref.cast %m : memref<4xf32> to memref<?xf32>
  // CHECK-NEXT: %[[SV:subview]] = memref.subview
  %sv = memref.subview %m[0][2][1] : memref<4xf32> to memref<2xf32, strided<[1]>>
  // CHECK-NEXT: %[[V:view]] = memref.view
  %v = memref.view %b[%i][] : memref<16xi8> to memref<4xf32>
  // CHECK-NEXT: %[[RC:reinterpret_cast]] = memref.reinterpret_cast
  %rc = memref.reinterpret_cast %m to offset: [0], sizes: [2, 2], strides: [2, 1] : memref<4xf32> to memref<2x2xf32>
  // CHECK-NEXT: %[[E:expand_shape]] = memref.expand_shape
  %e = memref.expand_shape %m [[0, 1]] output_shape [2, 2] : memref<4xf32> into memref<2x2xf32>
  // CHECK-NEXT: %[[CS:collapse_shape]] = memref.collapse_shape %[[E]]
  %cs = memref.collapse_shape %e [[0, 1]] : memref<2x2xf32> into memref<4xf32>
  // CHECK-NEXT: %[[BB:base_buffer]], %[[OFF:offset]], %[[SZ:sizes]], %[[ST:strides]] =
  %base, %off, %sz, %st = "memref.extract_strided_metadata"(%m) : (memref<4xf32>) -> (memref<f32>, index, index, index)
  // CHECK-NEXT: %[[P:intptr]] = memref.extract_aligned_pointer_as_index
  %p = memref.extract_aligned_pointer_as_index %m : memref<4xf32> -> index
  // CHECK-NEXT: %{{[0-9]+}} = memref.get_global
  %gg = memref.get_global @g : memref<4xf32>
  // CHECK-NEXT: %{{[0-9]+}} = memref.rank
  %rk = memref.rank %u : memref<*xf32>
  // CHECK-NEXT: %[[RS:reshape]] = memref.reshape
  %rs = memref.reshape %m(%s) : (memref<4xf32>, memref<2xindex>) -> memref<?x?xf32>
  // CHECK-NEXT: %[[MSC:memspacecast]] = memref.memory_space_cast
  %msc = memref.memory_space_cast %m : memref<4xf32> to memref<4xf32, 1>
  // CHECK-NEXT: %[[SUM:sum]], %[[OV:overflow]] = arith.addui_extended
  %s1, %o1 = arith.addui_extended %x, %y : i32, i1
  // CHECK-NEXT: %[[TID:thread_id_x]] = gpu.thread_id x
  %tid = gpu.thread_id x
  // CHECK-NEXT: %[[SR:shuffleResult]], %[[OK:valid]] = gpu.shuffle xor
  %sh, %vl = gpu.shuffle xor %x, %y, %y : i32
  // CHECK-NEXT: %[[GM:memref]] = gpu.alloc
  %gm = gpu.alloc (%i) : memref<?xf32>
  return
}
