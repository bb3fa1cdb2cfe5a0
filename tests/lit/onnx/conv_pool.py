# RUN: %python %s %t
# RUN: dialir-translate --import-onnx %t.cnn.onnx | filecheck %s --check-prefix=CNN
# RUN: dialir-translate --import-onnx %t.autopad.onnx | filecheck %s --check-prefix=AUTOPAD
# RUN: dialir-translate --import-onnx %t.opset7.onnx | filecheck %s --check-prefix=OPSET7
# RUN: dialir-translate --import-onnx %t.window1d.onnx | filecheck %s --check-prefix=W1D

"""Convolution, normalization and pooling: explicit attributes, auto_pad made explicit from
static spatial sizes, opset 7's attribute forms, and 1-D windows as 2-D ones of height 1."""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT
rng = np.random.default_rng(0)


def weight(name, *shape):
    return numpy_helper.from_array(rng.standard_normal(shape).astype(np.float32), name)


def model(nodes, inputs, outputs, initializers, opset):
    graph = helper.make_graph(nodes, "g", inputs, outputs, initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


cnn = model(
    [
        helper.make_node(
            "Conv",
            ["x", "w1", "b1"],
            ["c1"],
            name="conv1",
            pads=[1, 1, 1, 1],
            strides=[1, 1],
            dilations=[1, 1],
            group=1,
        ),
        helper.make_node(
            "BatchNormalization",
            ["c1", "s", "bias", "mean", "var"],
            ["bn"],
            name="bn1",
            epsilon=1e-3,
            momentum=0.8,
        ),
        helper.make_node("Relu", ["bn"], ["r1"], name="relu1"),
        helper.make_node(
            "MaxPool",
            ["r1"],
            ["p1"],
            name="pool1",
            kernel_shape=[3, 3],
            strides=[2, 2],
            pads=[0, 0, 1, 1],
            ceil_mode=1,
        ),
        helper.make_node(
            "Conv",
            ["p1", "w2"],
            ["c2"],
            name="conv2",
            kernel_shape=[3, 3],
            group=2,
            dilations=[2, 2],
            strides=[1, 2],
        ),
        helper.make_node("LRN", ["c2"], ["lrn"], name="lrn1", size=3, alpha=2e-4),
        helper.make_node(
            "AveragePool",
            ["lrn"],
            ["a1"],
            name="avg1",
            kernel_shape=[2, 2],
            pads=[1, 1, 1, 1],
            count_include_pad=1,
        ),
        helper.make_node("GlobalAveragePool", ["a1"], ["gap"], name="gap"),
        helper.make_node("GlobalMaxPool", ["a1"], ["gmp"], name="gmp"),
    ],
    [helper.make_tensor_value_info("x", F, ["N", 3, 16, 16])],
    [
        helper.make_tensor_value_info("gap", F, ["N", 4, 1, 1]),
        helper.make_tensor_value_info("gmp", F, ["N", 4, 1, 1]),
    ],
    [
        weight("w1", 8, 3, 3, 3),
        weight("b1", 8),
        weight("s", 8),
        weight("bias", 8),
        weight("mean", 8),
        numpy_helper.from_array(np.full(8, 0.5, np.float32), "var"),
        weight("w2", 4, 4, 3, 3),
    ],
    13,
)

autopad = model(
    [
        helper.make_node(
            "Conv",
            ["x", "w"],
            ["up"],
            name="same_upper",
            auto_pad="SAME_UPPER",
            strides=[2, 2],
        ),
        helper.make_node(
            "MaxPool",
            ["x"],
            ["low"],
            name="same_lower",
            auto_pad="SAME_LOWER",
            kernel_shape=[3, 3],
            strides=[2, 2],
        ),
        helper.make_node(
            "AveragePool",
            ["x"],
            ["valid"],
            name="valid",
            auto_pad="VALID",
            kernel_shape=[3, 3],
            strides=[2, 2],
        ),
    ],
    [helper.make_tensor_value_info("x", F, [1, 2, 8, 7])],
    [
        helper.make_tensor_value_info("up", F, [1, 2, 4, 4]),
        helper.make_tensor_value_info("low", F, [1, 2, 4, 4]),
        helper.make_tensor_value_info("valid", F, [1, 2, 3, 3]),
    ],
    [weight("w", 2, 2, 3, 3)],
    11,
)

opset7 = model(
    [
        helper.make_node(
            "BatchNormalization", ["x", "s", "b", "m", "v"], ["bn"], name="bn7", spatial=1
        ),
        helper.make_node(
            "MaxPool", ["bn"], ["p"], name="pool7", kernel_shape=[2, 2], strides=[2, 2]
        ),
        helper.make_node("Flatten", ["p"], ["f"], name="flat7"),
        helper.make_node("Gemm", ["f", "w", "c"], ["y"], name="fc7", transB=1, beta=0.5),
    ],
    [helper.make_tensor_value_info("x", F, [2, 3, 4, 4])],
    [helper.make_tensor_value_info("y", F, [2, 5])],
    [
        weight("s", 3),
        weight("b", 3),
        weight("m", 3),
        numpy_helper.from_array(np.ones(3, np.float32), "v"),
        weight("w", 5, 12),
        weight("c", 5),
    ],
    7,
)

window1d = model(
    [
        helper.make_node(
            "Conv", ["x", "w", "b"], ["c"], name="conv1d", pads=[2, 1], strides=[2], dilations=[2]
        ),
        helper.make_node(
            "MaxPool", ["c"], ["m"], name="maxpool1d", kernel_shape=[3], auto_pad="SAME_UPPER"
        ),
        helper.make_node(
            "AveragePool",
            ["m"],
            ["y"],
            name="avgpool1d",
            kernel_shape=[2],
            strides=[2],
            count_include_pad=1,
            pads=[1, 0],
        ),
    ],
    [helper.make_tensor_value_info("x", F, ["N", 2, 11])],
    [helper.make_tensor_value_info("y", F, ["N", 4, 3])],
    [weight("w", 4, 2, 3), weight("b", 4)],
    13,
)

MODELS = {"cnn": cnn, "autopad": autopad, "opset7": opset7, "window1d": window1d}

if __name__ == "__main__":
    for name, m in MODELS.items():
        onnx.save(m, f"{sys.argv[1]}.{name}.onnx")

# Initializers become dense_resource constants named after them, in the file's order.
# CNN-LABEL: func.func @main(%arg0: tensor<?x3x16x16xf32> {onnx.name = "x"}) -> (tensor<?x4x1x1xf32> {onnx.name = "gap"}, tensor<?x4x1x1xf32> {onnx.name = "gmp"})
# CNN-NEXT: %[[W1:.+]] = nn.constant dense_resource<w1> : tensor<8x3x3x3xf32>
# CNN-NEXT: %[[B1:.+]] = nn.constant dense_resource<b1> : tensor<8xf32>
# CNN-NEXT: %[[S:.+]] = nn.constant dense_resource<s> : tensor<8xf32>
# CNN-NEXT: %[[BIAS:.+]] = nn.constant dense_resource<bias> : tensor<8xf32>
# CNN-NEXT: %[[MEAN:.+]] = nn.constant dense_resource<mean> : tensor<8xf32>
# CNN-NEXT: %[[VAR:.+]] = nn.constant dense_resource<var> : tensor<8xf32>
# CNN-NEXT: %[[W2:.+]] = nn.constant dense_resource<w2> : tensor<4x4x3x3xf32>
# Default strides/dilations/group are left out.
# CNN-NEXT: %[[C1:.+]] = nn.conv2d %arg0, %[[W1]], %[[B1]] {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x16x16xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<?x8x16x16xf32>
# Momentum only matters in training.
# CNN-NEXT: %[[BN:.+]] = nn.batch_norm %[[C1]], %[[S]], %[[BIAS]], %[[MEAN]], %[[VAR]] {epsilon = 1.000000e-03 : f32} : {{.*}} -> tensor<?x8x16x16xf32>
# CNN-NEXT: %[[R:.+]] = nn.relu %[[BN]]
# CNN-NEXT: %[[P:.+]] = nn.max_pool2d %[[R]] {ceil_mode = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x8x16x16xf32>) -> tensor<?x8x8x8xf32>
# CNN-NEXT: %[[C2:.+]] = nn.conv2d %[[P]], %[[W2]] {dilations = array<i64: 2, 2>, group = 2 : i64, strides = array<i64: 1, 2>} : (tensor<?x8x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x4x2xf32>
# CNN-NEXT: %[[LRN:.+]] = nn.lrn %[[C2]] {alpha = 2.000000e-04 : f32, size = 3 : i64} : tensor<?x4x4x2xf32>
# CNN-NEXT: %[[AVG:.+]] = nn.avg_pool2d %[[LRN]] {count_include_pad = true, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x4x4x2xf32>) -> tensor<?x4x5x3xf32>
# CNN-NEXT: %[[GAP:.+]] = nn.global_avg_pool %[[AVG]] : (tensor<?x4x5x3xf32>) -> tensor<?x4x1x1xf32>
# GlobalMaxPool is a max over the spatial axes, kept as size 1.
# CNN-NEXT: %[[AXES:.+]] = nn.constant dense<[2, 3]> : tensor<2xi64>
# CNN-NEXT: %[[GMP:.+]] = nn.reduce_max %[[AVG]], %[[AXES]] : (tensor<?x4x5x3xf32>, tensor<2xi64>) -> tensor<?x4x1x1xf32>
# CNN-NEXT: return %[[GAP]], %[[GMP]]
# The blobs follow the module.
# CNN: dialect_resources: {
# CNN-NEXT: builtin: {
# CNN-NEXT: w1: "0x04000000{{[0-9A-F]+}}",
# CNN-NEXT: b1: "0x04000000{{[0-9A-F]+}}",

# SAME_UPPER on 8x7 with stride 2 and a 3x3 kernel: 4x4 outputs need 1 row and 2 columns of
# padding; the odd row goes at the end (bottom), SAME_LOWER puts it at the beginning (top).
# AUTOPAD-LABEL: func.func @main(%arg0: tensor<1x2x8x7xf32> {onnx.name = "x"})
# AUTOPAD: nn.conv2d %arg0, %{{.+}} {pads = array<i64: 0, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x8x7xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x4x4xf32>
# AUTOPAD-NEXT: nn.max_pool2d %arg0 {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x8x7xf32>) -> tensor<1x2x4x4xf32>
# AUTOPAD-NEXT: nn.avg_pool2d %arg0 {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x2x8x7xf32>) -> tensor<1x2x3x3xf32>

# Opset 7: BatchNormalization's spatial=1 is the only mode, Gemm's C is required.
# OPSET7-LABEL: module attributes {onnx.ir_version = {{[0-9]+}} : i64, onnx.opset_version = 7 : i64}
# OPSET7: %[[BN:.+]] = nn.batch_norm %arg0, {{.*}} -> tensor<2x3x4x4xf32>
# OPSET7-NEXT: %[[P:.+]] = nn.max_pool2d %[[BN]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
# OPSET7-NEXT: %[[F:.+]] = nn.flatten %[[P]] : (tensor<2x3x2x2xf32>) -> tensor<2x12xf32>
# OPSET7-NEXT: %[[Y:.+]] = nn.gemm %[[F]], %{{.+}}, %{{.+}} {beta = 5.000000e-01 : f32, trans_b = true} : (tensor<2x12xf32>, tensor<5x12xf32>, tensor<5xf32>) -> tensor<2x5xf32>
# OPSET7-NEXT: return %[[Y]] : tensor<2x5xf32>

# A 1-D window op runs as the 2-D one over the input unsqueezed at axis 2 (height 1), its
# attributes prefixed with the identity for that axis; the result is squeezed back.
# W1D-LABEL: func.func @main(%arg0: tensor<?x2x11xf32> {onnx.name = "x"}) -> (tensor<?x4x3xf32> {onnx.name = "y"})
# W1D-NEXT: %[[W:.+]] = nn.constant dense_resource<w> : tensor<4x2x3xf32>
# W1D-NEXT: %[[B:.+]] = nn.constant dense_resource<b> : tensor<4xf32>
# W1D-NEXT: %[[A1:.+]] = nn.constant dense<2> : tensor<1xi64>
# W1D-NEXT: %[[X2:.+]] = nn.unsqueeze %arg0, %[[A1]] : (tensor<?x2x11xf32>, tensor<1xi64>) -> tensor<?x2x1x11xf32>
# W1D-NEXT: %[[A2:.+]] = nn.constant dense<2> : tensor<1xi64>
# W1D-NEXT: %[[W2:.+]] = nn.unsqueeze %[[W]], %[[A2]] : (tensor<4x2x3xf32>, tensor<1xi64>) -> tensor<4x2x1x3xf32>
# W1D-NEXT: %[[C:.+]] = nn.conv2d %[[X2]], %[[W2]], %[[B]] {dilations = array<i64: 1, 2>, pads = array<i64: 0, 2, 0, 1>, strides = array<i64: 1, 2>} : (tensor<?x2x1x11xf32>, tensor<4x2x1x3xf32>, tensor<4xf32>) -> tensor<?x4x1x5xf32>
# W1D-NEXT: %[[A3:.+]] = nn.constant dense<2> : tensor<1xi64>
# W1D-NEXT: nn.squeeze %[[C]], %[[A3]] : (tensor<?x4x1x5xf32>, tensor<1xi64>) -> tensor<?x4x5xf32>
# W1D: nn.max_pool2d %{{.+}} {kernel_shape = array<i64: 1, 3>, pads = array<i64: 0, 1, 0, 1>} : (tensor<?x4x1x5xf32>) -> tensor<?x4x1x5xf32>
# W1D: nn.avg_pool2d %{{.+}} {count_include_pad = true, kernel_shape = array<i64: 1, 2>, pads = array<i64: 0, 1, 0, 0>, strides = array<i64: 1, 2>} : (tensor<?x4x1x5xf32>) -> tensor<?x4x1x3xf32>
# W1D-NEXT: nn.constant dense<2> : tensor<1xi64>
# W1D-NEXT: %[[Y:.+]] = nn.squeeze %{{.+}} : (tensor<?x4x1x3xf32>, tensor<1xi64>) -> tensor<?x4x3xf32>
# W1D-NEXT: return %[[Y]] : tensor<?x4x3xf32>
