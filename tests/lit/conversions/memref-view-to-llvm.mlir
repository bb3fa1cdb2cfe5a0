// RUN: dialir-opt %s --finalize-memref-to-llvm | filecheck %s

// memref.view: the source's allocated pointer, its aligned pointer moved by the byte shift,
// offset 0, the given sizes and row-major strides (MLIR's ViewOpLowering).
// CHECK-LABEL: func.func @view(
func.func @view(%buf: memref<?xi8>, %shift: index, %n: index) -> memref<?x4xf32> {
  // CHECK-DAG: %[[N:.*]] = builtin.unrealized_conversion_cast %arg2 : index to i64
  // CHECK-DAG: %[[SHIFT:.*]] = builtin.unrealized_conversion_cast %arg1 : index to i64
  // CHECK-DAG: %[[SRC:.*]] = builtin.unrealized_conversion_cast %arg0
  // CHECK:     %[[ALIGNED:.*]] = llvm.extractvalue %[[SRC]][1]
  // CHECK:     %[[PTR:.*]] = llvm.getelementptr %[[ALIGNED]][%[[SHIFT]]] : (!llvm.ptr, i64) -> !llvm.ptr, i8
  // CHECK:     %[[ALLOCATED:.*]] = llvm.extractvalue %[[SRC]][0]
  // CHECK:     llvm.insertvalue %[[ALLOCATED]], %{{.*}}[0]
  // CHECK:     llvm.insertvalue %[[PTR]], %{{.*}}[1]
  // CHECK:     %[[ZERO:.*]] = llvm.mlir.constant(0 : i64) : i64
  // CHECK:     llvm.insertvalue %[[ZERO]], %{{.*}}[2]
  // CHECK:     llvm.insertvalue %[[N]], %{{.*}}[3, 0]
  // CHECK:     llvm.insertvalue %{{.*}}, %{{.*}}[4, 0]
  // CHECK:     llvm.insertvalue %{{.*}}, %{{.*}}[3, 1]
  // CHECK:     llvm.insertvalue %{{.*}}, %{{.*}}[4, 1]
  %0 = memref.view %buf[%shift][%n] : memref<?xi8> to memref<?x4xf32>
  return %0 : memref<?x4xf32>
}
