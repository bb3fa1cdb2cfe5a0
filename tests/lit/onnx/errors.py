# RUN: %python %s %t
# RUN: not dialir-translate --import-onnx %t.unsupported_op.onnx 2>&1 | filecheck %s --check-prefix=OP
# RUN: not dialir-translate --import-onnx %t.auto_pad_dynamic.onnx 2>&1 | filecheck %s --check-prefix=AUTOPAD
# RUN: not dialir-translate --import-onnx %t.bn_training_outputs.onnx 2>&1 | filecheck %s --check-prefix=BN
# RUN: not dialir-translate --import-onnx %t.bn_training_mode.onnx 2>&1 | filecheck %s --check-prefix=BNMODE
# RUN: not dialir-translate --import-onnx %t.maxpool_indices.onnx 2>&1 | filecheck %s --check-prefix=INDICES
# RUN: not dialir-translate --import-onnx %t.dropout_training.onnx 2>&1 | filecheck %s --check-prefix=TRAINING
# RUN: not dialir-translate --import-onnx %t.not_in_opset.onnx 2>&1 | filecheck %s --check-prefix=OPSET
# RUN: not dialir-translate --import-onnx %t.ml_domain.onnx 2>&1 | filecheck %s --check-prefix=DOMAIN
# RUN: not dialir-translate --import-onnx %t.opset6.onnx 2>&1 | filecheck %s --check-prefix=OLD
# RUN: not dialir-translate --import-onnx %t.conv3d.onnx 2>&1 | filecheck %s --check-prefix=CONV3D
# RUN: not dialir-translate --import-onnx %t.broadcast.onnx 2>&1 | filecheck %s --check-prefix=BROADCAST
# RUN: not dialir-translate --import-onnx %t.unknown_attr.onnx 2>&1 | filecheck %s --check-prefix=UNKNOWN
# RUN: not dialir-translate --import-onnx %t.cast_string.onnx 2>&1 | filecheck %s --check-prefix=CAST
# RUN: not dialir-translate --import-onnx %t.gelu_mode.onnx 2>&1 | filecheck %s --check-prefix=GELU
# RUN: not dialir-translate --import-onnx %t.pad_wrap.onnx 2>&1 | filecheck %s --check-prefix=WRAP
# RUN: not dialir-translate --import-onnx %t.split_uneven.onnx 2>&1 | filecheck %s --check-prefix=SPLIT
# RUN: not dialir-translate --import-onnx %t.output_type.onnx 2>&1 | filecheck %s --check-prefix=OUTTYPE
# RUN: not dialir-translate --import-onnx %t.constant_string.onnx 2>&1 | filecheck %s --check-prefix=STRING
# RUN: not dialir-translate --import-onnx %t.softmax_axis.onnx 2>&1 | filecheck %s --check-prefix=AXIS

"""What the importer cannot express exactly is one error naming the node, its op type and the
opset, never an approximation; the exit status is 1 and no traceback is printed."""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT


def model(nodes, inputs, outputs, opset=13, initializers=(), domains=()):
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(initializers))
    opsets = [helper.make_opsetid("", opset)] + [helper.make_opsetid(d, 1) for d in domains]
    return helper.make_model(graph, opset_imports=opsets)


def tensor(name, *shape, elem=F):
    return helper.make_tensor_value_info(name, elem, list(shape))


def ones(name, *shape):
    return numpy_helper.from_array(np.ones(shape, np.float32), name)


x4 = tensor("x", 1, 2, 4, 4)
y = tensor("y", None)
bn_params = [ones(n, 2) for n in ("s", "b", "m", "v")]

BAD_MODELS = {
    "unsupported_op": model(
        [helper.make_node("TopK", ["x", "k"], ["y", "i"], name="topk")],
        [tensor("x", 4), tensor("k", 1, elem=TensorProto.INT64)],
        [y, tensor("i", None, elem=TensorProto.INT64)],
    ),
    "auto_pad_dynamic": model(
        [helper.make_node("Conv", ["x", "w"], ["y"], name="conv1", auto_pad="SAME_UPPER")],
        [tensor("x", 1, 2, "H", "W")],
        [y],
        initializers=[ones("w", 2, 2, 3, 3)],
    ),
    "bn_training_outputs": model(
        [
            helper.make_node(
                "BatchNormalization", ["x", "s", "b", "m", "v"], ["y", "rm", "rv"], name="bn"
            )
        ],
        [x4],
        [y],
        initializers=bn_params,
        opset=9,
    ),
    "bn_training_mode": model(
        [
            helper.make_node(
                "BatchNormalization",
                ["x", "s", "b", "m", "v"],
                ["y"],
                name="bn",
                training_mode=1,
            )
        ],
        [x4],
        [y],
        initializers=bn_params,
        opset=15,
    ),
    "maxpool_indices": model(
        [
            helper.make_node(
                "MaxPool", ["x"], ["y", "idx"], name="pool", kernel_shape=[2, 2], storage_order=2
            )
        ],
        [x4],
        [y, tensor("idx", None, elem=TensorProto.INT64)],
    ),
    "dropout_training": model(
        [helper.make_node("Dropout", ["x", "", "t"], ["y"], name="drop")],
        [x4, tensor("t", elem=TensorProto.BOOL)],
        [y],
    ),
    "not_in_opset": model(
        [helper.make_node("Expand", ["x", "s"], ["y"], name="expand")],
        [x4, tensor("s", 4, elem=TensorProto.INT64)],
        [y],
        opset=7,
    ),
    "ml_domain": model(
        [helper.make_node("Normalizer", ["x"], ["y"], name="norm", domain="ai.onnx.ml")],
        [tensor("x", 2, 4)],
        [y],
        domains=["ai.onnx.ml"],
    ),
    "opset6": model([helper.make_node("Relu", ["x"], ["y"], name="relu")], [x4], [y], opset=6),
    "conv3d": model(
        [helper.make_node("Conv", ["x", "w"], ["y"], name="conv3d")],
        [tensor("x", 1, 2, 4, 4, 4)],
        [y],
        initializers=[ones("w", 2, 2, 3, 3, 3)],
    ),
    "broadcast": model(
        [helper.make_node("Add", ["x", "z"], ["y"], name="add")],
        [tensor("x", 2, 3), tensor("z", 4)],
        [y],
    ),
    "unknown_attr": model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu", slope=2)], [x4], [y]
    ),
    "cast_string": model(
        [helper.make_node("Cast", ["x"], ["y"], name="cast", to=TensorProto.STRING)],
        [x4],
        [tensor("y", None, elem=TensorProto.STRING)],
    ),
    "gelu_mode": model(
        [helper.make_node("Gelu", ["x"], ["y"], name="gelu", approximate="fast")],
        [x4],
        [y],
        opset=20,
    ),
    "pad_wrap": model(
        [helper.make_node("Pad", ["x", "p"], ["y"], name="pad", mode="wrap")],
        [x4],
        [y],
        initializers=[numpy_helper.from_array(np.zeros(8, np.int64), "p")],
        opset=18,
    ),
    "split_uneven": model(
        [helper.make_node("Split", ["x"], ["a", "b", "c"], name="split", axis=3)],
        [tensor("x", 1, 2, 4, 4)],
        [tensor(n, None) for n in "abc"],
    ),
    "output_type": model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")], [x4], [tensor("y", 1, 2, 4, 5)]
    ),
    "constant_string": model(
        [helper.make_node("Constant", [], ["y"], name="c", value_string="hello")],
        [],
        [tensor("y", elem=TensorProto.STRING)],
    ),
    "softmax_axis": model(
        [helper.make_node("Softmax", ["x"], ["y"], name="sm", axis=4)], [x4], [y], opset=11
    ),
}

if __name__ == "__main__":
    for name, m in BAD_MODELS.items():
        onnx.save(m, f"{sys.argv[1]}.{name}.onnx")

# OP: {{^.*}}unsupported_op.onnx: error: node 'topk' (TopK, opset 13): unsupported operator{{$}}
# AUTOPAD: {{^.*}}auto_pad_dynamic.onnx: error: node 'conv1' (Conv, opset 13): unsupported attribute auto_pad=SAME_UPPER with dynamic spatial dimensions (explicit pads need static sizes){{$}}
# BN: {{^.*}}bn_training_outputs.onnx: error: node 'bn' (BatchNormalization, opset 9): output #1 ('rm') is not supported: running/saved statistics exist only in training mode{{$}}
# BNMODE: {{^.*}}bn_training_mode.onnx: error: node 'bn' (BatchNormalization, opset 15): unsupported attribute training_mode=1 (inference only){{$}}
# INDICES: {{^.*}}maxpool_indices.onnx: error: node 'pool' (MaxPool, opset 13): attribute storage_order=2 must be 0 or 1{{$}}
# TRAINING: {{^.*}}dropout_training.onnx: error: node 'drop' (Dropout, opset 13): training_mode must be a constant false (inference only){{$}}
# OPSET: {{^.*}}not_in_opset.onnx: error: node 'expand' (Expand, opset 7): Expand is not part of opset 7 (it was introduced in opset 8){{$}}
# DOMAIN: {{^.*}}ml_domain.onnx: error: node 'norm' (Normalizer, domain 'ai.onnx.ml'): unsupported operator domain; dialir imports the default ONNX domain only{{$}}
# OLD: {{^.*}}opset6.onnx: error: model uses opset 6 of the default ONNX domain; dialir imports opsets 7 to {{[0-9]+}}{{$}}
# CONV3D: {{^.*}}conv3d.onnx: error: node 'conv3d' (Conv, opset 13): only 1-D and 2-D convolution (a 3-D or 4-D N x C x ... input) is supported, the input is tensor<1x2x4x4x4xf32>{{$}}
# BROADCAST: {{^.*}}broadcast.onnx: error: node 'add' (Add, opset 13): 'nn.add' op operands 'lhs' (tensor<2x3xf32>), 'rhs' (tensor<4xf32>) are not broadcast-compatible{{$}}
# UNKNOWN: {{^.*}}unknown_attr.onnx: error: node 'relu' (Relu, opset 13): unknown attribute 'slope'{{$}}
# CAST: {{^.*}}cast_string.onnx: error: node 'cast' (Cast, opset 13): unsupported attribute to=STRING{{$}}
# GELU: {{^.*}}gelu_mode.onnx: error: node 'gelu' (Gelu, opset 20): unsupported attribute approximate=fast{{$}}
# WRAP: {{^.*}}pad_wrap.onnx: error: node 'pad' (Pad, opset 18): unsupported attribute mode=wrap{{$}}
# SPLIT: {{^.*}}split_uneven.onnx: error: node 'split' (Split, opset 13): dimension 4 along axis 3 does not split into 3 equal parts{{$}}
# OUTTYPE: {{^.*}}output_type.onnx: error: graph output 'y' is declared as tensor<1x2x4x5xf32>, but the graph computes tensor<1x2x4x4xf32>{{$}}
# STRING: {{^.*}}constant_string.onnx: error: node 'c' (Constant, opset 13): unsupported attribute value_string (dialir has no string or sparse tensors){{$}}
# AXIS: {{^.*}}softmax_axis.onnx: error: node 'sm' (Softmax, opset 11): attribute axis=4 is out of range for input tensor<1x2x4x4xf32>{{$}}
