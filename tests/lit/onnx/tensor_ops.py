# RUN: %python %s %t
# RUN: dialir-translate --import-onnx %t.shapes.onnx | filecheck %s --check-prefix=SHAPES
# RUN: dialir-translate --import-onnx %t.consts.onnx | filecheck %s --check-prefix=CONSTS
# RUN: dialir-translate --import-onnx %t.linear.onnx | filecheck %s --check-prefix=LINEAR
# RUN: dialir-translate --import-onnx %t.norm.onnx | filecheck %s --check-prefix=NORM

"""Shape manipulation, constants and linear algebra."""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F, I64 = TensorProto.FLOAT, TensorProto.INT64


def array(name, values, dtype=np.int64):
    return numpy_helper.from_array(np.array(values, dtype=dtype), name)


def model(nodes, inputs, outputs, initializers, opset):
    graph = helper.make_graph(nodes, "g", inputs, outputs, initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


shapes = model(
    [
        helper.make_node("Reshape", ["x", "shape"], ["r"], name="reshape"),
        helper.make_node("Transpose", ["r"], ["t"], name="transpose_default"),
        helper.make_node("Transpose", ["x"], ["t2"], name="transpose", perm=[0, 2, 1]),
        helper.make_node("Flatten", ["t2"], ["f"], name="flatten", axis=2),
        helper.make_node("Concat", ["f", "f"], ["cat"], name="concat", axis=-1),
        helper.make_node("Gather", ["cat", "idx"], ["g"], name="gather", axis=1),
        helper.make_node("Expand", ["b", "eshape"], ["e"], name="expand"),
        helper.make_node("Shape", ["x"], ["s"], name="shape_all"),
        helper.make_node("Shape", ["x"], ["s2"], name="shape_tail", start=1, end=-1),
        helper.make_node("Cast", ["s2"], ["c"], name="cast", to=TensorProto.FLOAT),
        helper.make_node("Identity", ["c"], ["id"], name="identity"),
        helper.make_node("Split", ["x"], ["p0", "p1", "p2"], name="split3", axis=1, num_outputs=3),
    ],
    [
        helper.make_tensor_value_info("x", F, ["N", 7, 4]),
        helper.make_tensor_value_info("b", F, [3, 1]),
    ],
    [
        helper.make_tensor_value_info(n, t, None)
        for n, t in (("t", F), ("g", F), ("e", F), ("s", I64), ("id", F), ("p0", F), ("p2", F))
    ],
    [array("shape", [0, 4, 7]), array("idx", [[0, 2], [1, 1]]), array("eshape", [2, 3, 5])],
    18,
)

consts = model(
    [
        helper.make_node(
            "Constant",
            [],
            ["c_tensor"],
            name="c_tensor",
            value=numpy_helper.from_array(np.array([[1, 2], [3, 4]], np.int32)),
        ),
        helper.make_node(
            "Constant",
            [],
            ["c_big"],
            name="c_big",
            value=numpy_helper.from_array(np.arange(20, dtype=np.float32)),
        ),
        helper.make_node("Constant", [], ["c_f"], name="c_f", value_float=0.5),
        helper.make_node("Constant", [], ["c_fs"], name="c_fs", value_floats=[1.0, 2.0]),
        helper.make_node("Constant", [], ["c_i"], name="c_i", value_int=7),
        helper.make_node("Constant", [], ["c_is"], name="c_is", value_ints=[2, 3]),
        helper.make_node(
            "ConstantOfShape",
            ["c_is"],
            ["zeros"],
            name="zeros",
        ),
        helper.make_node(
            "ConstantOfShape",
            ["dyn_shape"],
            ["fill"],
            name="fill",
            value=numpy_helper.from_array(np.array([7], np.int64)),
        ),
        helper.make_node("Shape", ["x"], ["dyn_shape"], name="shape"),
        helper.make_node("Add", ["x", "c_f"], ["y"], name="add"),
    ],
    [helper.make_tensor_value_info("x", F, ["N", 2])],
    [
        helper.make_tensor_value_info(n, t, None)
        for n, t in (
            ("c_tensor", TensorProto.INT32),
            ("c_big", F),
            ("c_fs", F),
            ("c_i", I64),
            ("zeros", F),
            ("fill", I64),
            ("y", F),
        )
    ],
    [],
    13,
)

linear = model(
    [
        helper.make_node("MatMul", ["x", "w"], ["mm"], name="matmul"),
        helper.make_node("Gemm", ["mm", "w2", "c"], ["gemm"], name="gemm", alpha=2.0, transA=1),
        helper.make_node("Gemm", ["mm", "w3"], ["gemm_noc"], name="gemm_noc"),
        helper.make_node("Dropout", ["gemm", "ratio", "train"], ["d"], name="dropout"),
        helper.make_node(
            "LayerNormalization", ["d", "scale", "bias"], ["ln"], name="ln", epsilon=1e-3
        ),
        helper.make_node("Gelu", ["ln"], ["gelu"], name="gelu", approximate="tanh"),
        helper.make_node("Gelu", ["ln"], ["gelu_exact"], name="gelu_exact"),
    ],
    [helper.make_tensor_value_info("x", F, [3, 4])],
    [helper.make_tensor_value_info(n, F, None) for n in ("gelu", "gelu_exact", "gemm_noc")],
    [
        array("w", np.ones((4, 5)), np.float32),
        array("w2", np.ones((3, 6)), np.float32),
        array("c", np.ones(6), np.float32),
        array("w3", np.ones((5, 2)), np.float32),
        array("ratio", 0.3, np.float32),
        array("train", False, np.bool_),
        array("scale", np.ones(6), np.float32),
        array("bias", np.zeros(6), np.float32),
    ],
    20,
)

# LayerNormalization's Mean and InvStdDev outputs; Dropout's mask in inference mode (all ones:
# bool from opset 10, the input's type before).
norm = model(
    [
        helper.make_node(
            "LayerNormalization", ["x", "scale"], ["y", "mean", "inv_std"], name="ln", axis=1
        ),
        helper.make_node("Dropout", ["y"], ["d", "mask"], name="dropout"),
    ],
    [helper.make_tensor_value_info("x", F, ["N", 3, 4])],
    [
        helper.make_tensor_value_info("d", F, ["N", 3, 4]),
        helper.make_tensor_value_info("mean", F, ["N", 1, 1]),
        helper.make_tensor_value_info("inv_std", F, ["N", 1, 1]),
        helper.make_tensor_value_info("mask", TensorProto.BOOL, ["N", 3, 4]),
    ],
    [array("scale", np.full((3, 4), 2.0), np.float32)],
    17,
)

MODELS = {"shapes": shapes, "consts": consts, "linear": linear, "norm": norm}

if __name__ == "__main__":
    for name, m in MODELS.items():
        onnx.save(m, f"{sys.argv[1]}.{name}.onnx")

# SHAPES-LABEL: func.func @main(%arg0: tensor<?x7x4xf32> {onnx.name = "x"}, %arg1: tensor<3x1xf32> {onnx.name = "b"})
# SHAPES-SAME: -> (tensor<7x4x?xf32> {onnx.name = "t"}, tensor<?x2x2xf32> {onnx.name = "g"}, tensor<2x3x5xf32> {onnx.name = "e"}, tensor<3xi64> {onnx.name = "s"}, tensor<1xf32> {onnx.name = "id"}, tensor<?x3x4xf32> {onnx.name = "p0"}, tensor<?x1x4xf32> {onnx.name = "p2"})
# SHAPES-NEXT: %[[SHAPE:.+]] = nn.constant dense_resource<shape> : tensor<3xi64>
# SHAPES-NEXT: %[[IDX:.+]] = nn.constant dense_resource<idx> : tensor<2x2xi64>
# SHAPES-NEXT: %[[ESHAPE:.+]] = nn.constant dense_resource<eshape> : tensor<3xi64>
# The reshape target [0, 4, 7] (0 copies the batch dimension) is read from the blob.
# SHAPES-NEXT: %[[R:.+]] = nn.reshape %arg0, %[[SHAPE]] : (tensor<?x7x4xf32>, tensor<3xi64>) -> tensor<?x4x7xf32>
# Transpose without perm reverses the dimensions.
# SHAPES-NEXT: nn.transpose %[[R]] {perm = array<i64: 2, 1, 0>} : (tensor<?x4x7xf32>) -> tensor<7x4x?xf32>
# SHAPES-NEXT: %[[T2:.+]] = nn.transpose %arg0 {perm = array<i64: 0, 2, 1>} : (tensor<?x7x4xf32>) -> tensor<?x4x7xf32>
# SHAPES-NEXT: %[[F:.+]] = nn.flatten %[[T2]] {axis = 2 : i64} : (tensor<?x4x7xf32>) -> tensor<?x7xf32>
# SHAPES-NEXT: %[[CAT:.+]] = nn.concat %[[F]], %[[F]] {axis = -1 : i64} : (tensor<?x7xf32>, tensor<?x7xf32>) -> tensor<?x14xf32>
# SHAPES-NEXT: nn.gather %[[CAT]], %[[IDX]] {axis = 1 : i64} : (tensor<?x14xf32>, tensor<2x2xi64>) -> tensor<?x2x2xf32>
# SHAPES-NEXT: nn.expand %arg1, %[[ESHAPE]] : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x5xf32>
# SHAPES-NEXT: nn.shape %arg0 : (tensor<?x7x4xf32>) -> tensor<3xi64>
# SHAPES-NEXT: %[[S2:.+]] = nn.shape %arg0 {end = -1 : i64, start = 1 : i64} : (tensor<?x7x4xf32>) -> tensor<1xi64>
# SHAPES-NEXT: %[[C:.+]] = nn.cast %[[S2]] : tensor<1xi64> to tensor<1xf32>
# SHAPES-NEXT: nn.identity %[[C]] : tensor<1xf32>
# Opset 18's num_outputs: parts of ceil(7 / 3), the last one smaller.
# SHAPES-NEXT: %[[P:.+]]:3 = nn.split %arg0 {axis = 1 : i64} : (tensor<?x7x4xf32>) -> (tensor<?x3x4xf32>, tensor<?x3x4xf32>, tensor<?x1x4xf32>)
# SHAPES-NEXT: return {{.*}}, %[[P]]#0, %[[P]]#2 :

# Small constants print inline, large ones as blobs named after the node's output; the
# scalar forms are 0-d (value_float, value_int) or 1-D (value_floats, value_ints).
# CONSTS-LABEL: func.func @main(%arg0: tensor<?x2xf32> {onnx.name = "x"})
# CONSTS-NEXT: %[[T:.+]] = nn.constant dense<{{\[\[}}1, 2], [3, 4]]> : tensor<2x2xi32>
# CONSTS-NEXT: %[[BIG:.+]] = nn.constant dense_resource<c_big> : tensor<20xf32>
# CONSTS-NEXT: %[[F:.+]] = nn.constant dense<5.000000e-01> : tensor<f32>
# CONSTS-NEXT: %[[FS:.+]] = nn.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
# CONSTS-NEXT: %[[I:.+]] = nn.constant dense<7> : tensor<i64>
# CONSTS-NEXT: nn.constant dense<[2, 3]> : tensor<2xi64>
# ConstantOfShape of a constant shape is a splat constant (float 0 by default)...
# CONSTS-NEXT: %[[ZEROS:.+]] = nn.constant dense<0.000000e+00> : tensor<2x3xf32>
# ... and of a computed shape an expand of its value.
# CONSTS-NEXT: %[[SHAPE:.+]] = nn.shape %arg0 : (tensor<?x2xf32>) -> tensor<2xi64>
# CONSTS-NEXT: %[[SEVEN:.+]] = nn.constant dense<7> : tensor<i64>
# CONSTS-NEXT: %[[FILL:.+]] = nn.expand %[[SEVEN]], %[[SHAPE]] : (tensor<i64>, tensor<2xi64>) -> tensor<?x?xi64>
# CONSTS-NEXT: %[[Y:.+]] = nn.add %arg0, %[[F]] : (tensor<?x2xf32>, tensor<f32>) -> tensor<?x2xf32>
# CONSTS-NEXT: return %[[T]], %[[BIG]], %[[FS]], %[[I]], %[[ZEROS]], %[[FILL]], %[[Y]] : tensor<2x2xi32>, tensor<20xf32>, tensor<2xf32>, tensor<i64>, tensor<2x3xf32>, tensor<?x?xi64>, tensor<?x2xf32>
# CONSTS: c_big: "0x04000000000000000000803F{{[0-9A-F]+}}"

# LINEAR-LABEL: func.func @main(%arg0: tensor<3x4xf32> {onnx.name = "x"})
# LINEAR: %[[W:.+]] = nn.constant dense_resource<w> : tensor<4x5xf32>
# LINEAR: %[[MM:.+]] = nn.matmul %arg0, %[[W]] : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
# LINEAR-NEXT: %[[G:.+]] = nn.gemm %[[MM]], %{{.+}}, %{{.+}} {alpha = 2.000000e+00 : f32, trans_a = true} : (tensor<3x5xf32>, tensor<3x6xf32>, tensor<6xf32>) -> tensor<5x6xf32>
# LINEAR-NEXT: nn.gemm %[[MM]], %{{[0-9]+}} : (tensor<3x5xf32>, tensor<5x2xf32>) -> tensor<3x2xf32>
# Dropout with a constant false training_mode is the identity.
# LINEAR-NEXT: %[[D:.+]] = nn.identity %[[G]] : tensor<5x6xf32>
# LINEAR-NEXT: %[[LN:.+]] = nn.layer_norm %[[D]], %{{.+}}, %{{.+}} {epsilon = 1.000000e-03 : f32} : (tensor<5x6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<5x6xf32>
# LINEAR-NEXT: nn.gelu %[[LN]] {approximate = "tanh"} : tensor<5x6xf32>
# LINEAR-NEXT: nn.gelu %[[LN]] : tensor<5x6xf32>

# NORM-LABEL: func.func @main(%arg0: tensor<?x3x4xf32> {onnx.name = "x"})
# NORM-NEXT: %[[SCALE:.+]] = nn.constant dense_resource<scale> : tensor<3x4xf32>
# NORM-NEXT: %[[Y:.+]] = nn.layer_norm %arg0, %[[SCALE]] {axis = 1 : i64} : (tensor<?x3x4xf32>, tensor<3x4xf32>) -> tensor<?x3x4xf32>
# Mean = ReduceMean(x), InvStdDev = 1 / sqrt(ReduceMean((x - Mean)^2) + epsilon) over axes 1, 2.
# NORM-NEXT: %[[AXES:.+]] = nn.constant dense<[1, 2]> : tensor<2xi64>
# NORM-NEXT: %[[MEAN:.+]] = nn.reduce_mean %arg0, %[[AXES]] : (tensor<?x3x4xf32>, tensor<2xi64>) -> tensor<?x1x1xf32>
# NORM-NEXT: %[[D:.+]] = nn.sub %arg0, %[[MEAN]] :
# NORM-NEXT: %[[DD:.+]] = nn.mul %[[D]], %[[D]] :
# NORM-NEXT: %[[VAR:.+]] = nn.reduce_mean %[[DD]], %[[AXES]] : (tensor<?x3x4xf32>, tensor<2xi64>) -> tensor<?x1x1xf32>
# NORM-NEXT: %[[EPS:.+]] = nn.constant dense<9.99999974E-6> : tensor<f32>
# NORM-NEXT: %[[VE:.+]] = nn.add %[[VAR]], %[[EPS]] :
# NORM-NEXT: %[[STD:.+]] = nn.sqrt %[[VE]] : tensor<?x1x1xf32>
# NORM-NEXT: %[[ONE:.+]] = nn.constant dense<1.000000e+00> : tensor<f32>
# NORM-NEXT: %[[INV:.+]] = nn.div %[[ONE]], %[[STD]] : (tensor<f32>, tensor<?x1x1xf32>) -> tensor<?x1x1xf32>
# NORM-NEXT: %[[D:.+]] = nn.identity %[[Y]] : tensor<?x3x4xf32>
# The mask of a dynamic shape: true expanded to the input's shape.
# NORM-NEXT: %[[TRUE:.+]] = nn.constant dense<true> : tensor<i1>
# NORM-NEXT: %[[SHAPE:.+]] = nn.shape %[[Y]] : (tensor<?x3x4xf32>) -> tensor<3xi64>
# NORM-NEXT: %[[MASK:.+]] = nn.expand %[[TRUE]], %[[SHAPE]] : (tensor<i1>, tensor<3xi64>) -> tensor<?x3x4xi1>
# NORM-NEXT: return %[[D]], %[[MEAN]], %[[INV]], %[[MASK]] : tensor<?x3x4xf32>, tensor<?x1x1xf32>, tensor<?x1x1xf32>, tensor<?x3x4xi1>
