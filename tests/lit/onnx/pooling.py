# RUN: %python %s %t
# RUN: dialir-translate --import-onnx %t.pool3d.onnx | filecheck %s --check-prefix=P3D
# RUN: dialir-translate --import-onnx %t.indices.onnx | filecheck %s --check-prefix=IDX
# RUN: not dialir-translate --import-onnx %t.pool4d.onnx 2>&1 | filecheck %s --check-prefix=P4D

"""Pooling beyond 2-D and MaxPool's Indices: 3-D windows map to nn.max_pool3d and
nn.avg_pool3d with their attributes as given (pads: all begins, then all ends); the Indices
output becomes the `indices` result, with storage_order set only then; a 1-D window's
indices are squeezed back like its values."""

import sys

import onnx
from onnx import TensorProto, helper

F, I64 = TensorProto.FLOAT, TensorProto.INT64


def model(nodes, inputs, outputs, opset=20):
    graph = helper.make_graph(nodes, "g", inputs, outputs)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def tensor(name, shape, elem=F):
    return helper.make_tensor_value_info(name, elem, shape)


pool3d = model(
    [
        helper.make_node(
            "MaxPool", ["x"], ["m", "mi"], name="max3d", kernel_shape=[2, 3, 3],
            strides=[1, 2, 2], pads=[0, 1, 1, 1, 1, 0], dilations=[2, 1, 1], storage_order=1,
        ),
        helper.make_node("MaxPool", ["x"], ["d"], name="default3d", kernel_shape=[2, 2, 2]),
        helper.make_node(
            "AveragePool", ["x"], ["a"], name="avg3d", kernel_shape=[3, 3, 3],
            strides=[2, 2, 2], pads=[1, 1, 1, 1, 1, 1], ceil_mode=1, count_include_pad=1,
        ),
        helper.make_node(
            "AveragePool", ["x"], ["s"], name="same3d", kernel_shape=[3, 2, 2],
            strides=[2, 1, 2], auto_pad="SAME_LOWER",
        ),
    ],
    [tensor("x", ["N", 2, 5, 6, 7])],
    [
        tensor("m", None), tensor("mi", None, I64), tensor("d", None), tensor("a", None),
        tensor("s", None),
    ],
)  # fmt: skip

indices = model(
    [
        helper.make_node(
            "MaxPool", ["x"], ["y", "yi"], name="argmax2d", kernel_shape=[2, 2],
            strides=[2, 2], storage_order=0,
        ),
        # Indices not asked for: storage_order is read, but only affects Indices.
        helper.make_node(
            "MaxPool", ["x"], ["z", ""], name="values_only", kernel_shape=[3, 3],
            storage_order=1,
        ),
        helper.make_node(
            "MaxPool", ["l"], ["w", "wi"], name="argmax1d", kernel_shape=[3], strides=[2],
            storage_order=1,
        ),
    ],
    [tensor("x", [1, 3, 8, 8]), tensor("l", [2, 4, 9])],
    [
        tensor("y", None), tensor("yi", None, I64), tensor("z", None), tensor("w", None),
        tensor("wi", None, I64),
    ],
)  # fmt: skip

pool4d = model(
    [helper.make_node("AveragePool", ["x"], ["y"], name="avg4d", kernel_shape=[2, 2, 2, 2])],
    [tensor("x", [1, 1, 4, 4, 4, 4])],
    [tensor("y", None)],
)

MODELS = {"pool3d": pool3d, "indices": indices}
BAD_MODELS = {"pool4d": pool4d}

if __name__ == "__main__":
    for name, m in {**MODELS, **BAD_MODELS}.items():
        onnx.save(m, f"{sys.argv[1]}.{name}.onnx")

# P3D-LABEL: func.func @main(%arg0: tensor<?x2x5x6x7xf32> {onnx.name = "x"})
# P3D-NEXT: %[[M:.+]]:2 = nn.max_pool3d %arg0 {dilations = array<i64: 2, 1, 1>, kernel_shape = array<i64: 2, 3, 3>, pads = array<i64: 0, 1, 1, 1, 1, 0>, storage_order = 1 : i64, strides = array<i64: 1, 2, 2>} : (tensor<?x2x5x6x7xf32>) -> (tensor<?x2x4x3x3xf32>, tensor<?x2x4x3x3xi64>)
# P3D-NEXT: %[[D:.+]] = nn.max_pool3d %arg0 {kernel_shape = array<i64: 2, 2, 2>} : (tensor<?x2x5x6x7xf32>) -> tensor<?x2x4x5x6xf32>
# P3D-NEXT: %[[A:.+]] = nn.avg_pool3d %arg0 {ceil_mode = true, count_include_pad = true, kernel_shape = array<i64: 3, 3, 3>, pads = array<i64: 1, 1, 1, 1, 1, 1>, strides = array<i64: 2, 2, 2>} : (tensor<?x2x5x6x7xf32>) -> tensor<?x2x3x4x4xf32>
# SAME_LOWER: ceil(size / stride) outputs; D 5 needs 2 of padding (1 before, 1 after), H 6
# and W 7 need 1, which goes before.
# P3D-NEXT: %[[S:.+]] = nn.avg_pool3d %arg0 {kernel_shape = array<i64: 3, 2, 2>, pads = array<i64: 1, 1, 1, 1, 0, 0>, strides = array<i64: 2, 1, 2>} : (tensor<?x2x5x6x7xf32>) -> tensor<?x2x3x6x4xf32>
# P3D-NEXT: return %[[M]]#0, %[[M]]#1, %[[D]], %[[A]], %[[S]]

# IDX-LABEL: func.func @main
# storage_order = 0 is the default: left out.
# IDX-NEXT: %[[Y:.+]]:2 = nn.max_pool2d %arg0 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
# IDX-NEXT: %[[Z:.+]] = nn.max_pool2d %arg0 {kernel_shape = array<i64: 3, 3>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x6x6xf32>
# IDX-NEXT: %[[A1:.+]] = nn.constant dense<2> : tensor<1xi64>
# IDX-NEXT: %[[L2:.+]] = nn.unsqueeze %arg1, %[[A1]] : (tensor<2x4x9xf32>, tensor<1xi64>) -> tensor<2x4x1x9xf32>
# IDX-NEXT: %[[W:.+]]:2 = nn.max_pool2d %[[L2]] {kernel_shape = array<i64: 1, 3>, storage_order = 1 : i64, strides = array<i64: 1, 2>} : (tensor<2x4x1x9xf32>) -> (tensor<2x4x1x4xf32>, tensor<2x4x1x4xi64>)
# IDX-NEXT: %[[A2:.+]] = nn.constant dense<2> : tensor<1xi64>
# IDX-NEXT: %[[WV:.+]] = nn.squeeze %[[W]]#0, %[[A2]] : (tensor<2x4x1x4xf32>, tensor<1xi64>) -> tensor<2x4x4xf32>
# IDX-NEXT: %[[A3:.+]] = nn.constant dense<2> : tensor<1xi64>
# IDX-NEXT: %[[WI:.+]] = nn.squeeze %[[W]]#1, %[[A3]] : (tensor<2x4x1x4xi64>, tensor<1xi64>) -> tensor<2x4x4xi64>
# IDX-NEXT: return %[[Y]]#0, %[[Y]]#1, %[[Z]], %[[WV]], %[[WI]]

# P4D: {{^.*}}pool4d.onnx: error: node 'avg4d' (AveragePool, opset 20): only 1-D, 2-D and 3-D average pooling (a 3-D, 4-D or 5-D N x C x ... input) is supported, the input is tensor<1x1x4x4x4x4xf32>{{$}}
