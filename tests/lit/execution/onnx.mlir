// An ONNX model (Conv, BatchNormalization, Relu, MaxPool, Flatten, Gemm, Softmax, Add; a
// dynamic batch dimension) built with onnx.helper runs on the interpreter and matches
// onnxruntime. Inputs by name and by position; outputs keyed by the ONNX output names.
// RUN: rm -rf %t && mkdir -p %t
// RUN: python %S/Inputs/npz.py onnx-model %t
// RUN: dialir-run --interpret %t/model.onnx --inputs %t/inputs.npz --output %t/out.npz
// RUN: python %S/Inputs/npz.py compare %t/out.npz %t/expected.npz | filecheck %s
// RUN: dialir-run --interpret %t/model.onnx --inputs %t/positional.npz --output %t/out2.npz
// RUN: python %S/Inputs/npz.py compare %t/out2.npz %t/expected.npz | filecheck %s
// RUN: dialir-run --interpret %t/model.onnx --inputs %t/inputs.npz --print | filecheck %s --check-prefix=PRINT
// RUN: not dialir-run --interpret %t/model.onnx --inputs %t/wrong_shape.npz 2>&1 | filecheck %s --check-prefix=SHAPE
// The same through native code (the default).
// RUN: dialir-run %t/model.onnx --inputs %t/inputs.npz --output %t/out3.npz --repeat 3 --print-timing 2>%t/timing.txt
// RUN: python %S/Inputs/npz.py compare %t/out3.npz %t/expected.npz | filecheck %s
// RUN: filecheck %s --check-prefix=TIMING < %t/timing.txt
// RUN: dialir-run %t/model.onnx --inputs %t/positional.npz --print | filecheck %s --check-prefix=PRINT
// RUN: not dialir-run %t/model.onnx --inputs %t/wrong_shape.npz 2>&1 | filecheck %s --check-prefix=NATIVE-SHAPE

// CHECK: probs: match
// CHECK-NEXT: shifted: match

// PRINT: probs: tensor<?x5xf32>
// PRINT: shifted: tensor<?x5xf32>

// SHAPE: error: @main argument #0 ('image'): expected tensor<?x1x6x6xf32>, got an array of shape (2, 1, 5, 6) and dtype float32: dimension 2 is 5, not 6
// SHAPE-NOT: Traceback
// TIMING: dialir-run: load {{.*}} ms, lower {{.*}} ms, translate {{.*}} ms
// TIMING-NEXT: dialir-run: run {{.*}} ms (median of 3, min {{.*}} ms)
// NATIVE-SHAPE: dialir-run: error: {{.*}}wrong_shape.npz: input 'image' must have shape [?, 1, 6, 6], got [2, 1, 5, 6]
