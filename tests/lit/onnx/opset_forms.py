# RUN: %python %s %t
# RUN: dialir-translate --import-onnx %t.opset7.onnx | filecheck %s --check-prefixes=CHECK,PRE11,PRE13,PRE18
# RUN: dialir-translate --import-onnx %t.opset11.onnx | filecheck %s --check-prefixes=CHECK,IN11,PRE13,PRE18
# RUN: dialir-translate --import-onnx %t.opset13.onnx | filecheck %s --check-prefixes=CHECK,IN11,IN13,PRE18
# RUN: dialir-translate --import-onnx %t.opset18.onnx | filecheck %s --check-prefixes=CHECK,IN11,IN13,IN18

"""One graph written for opsets 7, 11, 13 and 18: parameters that older opsets give as
attributes (Squeeze/Unsqueeze axes, Reduce* axes, Split sizes, Slice starts/ends, Pad pads and
value, Clip bounds) become constant operands; the input forms pass their operands through.
Softmax before opset 13 normalizes over all dimensions from `axis` on (flatten + softmax +
reshape); from 13 on, over `axis` alone."""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def build(opset: int) -> onnx.ModelProto:
    nodes, inits = [], []

    def node(op, inputs, outputs, name, attrs=None, params=()):
        """`params` are (name, values) given as attributes or, in the newer form, as inputs."""
        attrs = dict(attrs or {})
        inputs = list(inputs)
        for pname, values, input_since in params:
            if values is None:
                continue
            if opset >= input_since:
                if isinstance(values, float):
                    init = numpy_helper.from_array(np.array(values, np.float32), f"{name}_{pname}")
                else:
                    init = ints(f"{name}_{pname}", values)
                inits.append(init)
                inputs.append(init.name)
            else:
                attrs[pname] = values
        nodes.append(helper.make_node(op, inputs, outputs, name=name, **attrs))

    node("Squeeze", ["x"], ["sq"], "squeeze", params=[("axes", [1], 13)])
    node("Unsqueeze", ["sq"], ["usq"], "unsqueeze", params=[("axes", [0], 13)])
    node("ReduceSum", ["usq"], ["rsum"], "rsum", {"keepdims": 0}, [("axes", [2], 13)])
    node("ReduceMean", ["sq"], ["rmean"], "rmean", {}, [("axes", [1], 18)])
    node("ReduceMax", ["sq"], ["rmax"], "rmax", {"keepdims": 0})
    node("Split", ["sq"], ["s1", "s2"], "split", {"axis": 1}, [("split", [2, 4], 13)])
    if opset >= 10:
        nodes.append(
            helper.make_node("Slice", ["sq", "st", "en", "ax", "sp"], ["sl"], name="slice")
        )
        inits += [ints("st", [0]), ints("en", [5]), ints("ax", [1]), ints("sp", [2])]
    else:
        node("Slice", ["sq"], ["sl"], "slice", {"starts": [0], "ends": [3], "axes": [1]})
    if opset >= 11:
        inits += [
            ints("pads", [0, 1, 0, 1]),
            numpy_helper.from_array(np.array(1.5, np.float32), "pv"),
        ]
        nodes.append(helper.make_node("Pad", ["sq", "pads", "pv"], ["pad"], name="pad"))
        inits += [
            numpy_helper.from_array(np.array(v, np.float32), n)
            for n, v in (("lo", -1.0), ("hi", 1.0))
        ]
        nodes.append(helper.make_node("Clip", ["pad", "lo", "hi"], ["clip"], name="clip"))
        nodes.append(helper.make_node("Clip", ["pad", "", "hi"], ["clip_hi"], name="clip_hi"))
    else:
        nodes.append(
            helper.make_node("Pad", ["sq"], ["pad"], name="pad", pads=[0, 1, 0, 1], value=1.5)
        )
        nodes.append(helper.make_node("Clip", ["pad"], ["clip"], name="clip", min=-1.0, max=1.0))
        nodes.append(helper.make_node("Clip", ["pad"], ["clip_hi"], name="clip_hi", max=1.0))
    nodes.append(helper.make_node("Softmax", ["x"], ["sm"], name="softmax", axis=1))
    nodes.append(helper.make_node("LogSoftmax", ["x"], ["lsm"], name="logsoftmax", axis=-1))
    outputs = ["rsum", "rmean", "rmax", "s1", "s2", "sl", "clip", "clip_hi", "sm", "lsm"]
    graph = helper.make_graph(
        nodes,
        "forms",
        [helper.make_tensor_value_info("x", F, [2, 1, 6])],
        [helper.make_tensor_value_info(o, F, None) for o in outputs],
        inits,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


MODELS = {f"opset{v}": build(v) for v in (7, 11, 13, 18)}

if __name__ == "__main__":
    for name, m in MODELS.items():
        onnx.save(m, f"{sys.argv[1]}.{name}.onnx")

# PREn: the model's opset is older than n (attribute form); INn: n or newer (input form).
# CHECK-LABEL: func.func @main(%arg0: tensor<2x1x6xf32> {onnx.name = "x"})
# CHECK-SAME: -> (tensor<1x2xf32> {onnx.name = "rsum"}, tensor<2x1xf32> {onnx.name = "rmean"}, tensor<f32> {onnx.name = "rmax"}, tensor<2x2xf32> {onnx.name = "s1"}, tensor<2x4xf32> {onnx.name = "s2"}, tensor<2x3xf32> {onnx.name = "sl"}, tensor<2x8xf32> {onnx.name = "clip"}, tensor<2x8xf32> {onnx.name = "clip_hi"}, tensor<2x1x6xf32> {onnx.name = "sm"}, tensor<2x1x6xf32> {onnx.name = "lsm"})
# Operands given as inputs are initializers, imported first.
# IN13-NEXT: %[[SQAX:.+]] = nn.constant dense_resource<squeeze_axes> : tensor<1xi64>
# IN13-NEXT: %[[USQAX:.+]] = nn.constant dense_resource<unsqueeze_axes> : tensor<1xi64>
# IN13-NEXT: %[[RSAX:.+]] = nn.constant dense_resource<rsum_axes> : tensor<1xi64>
# IN18-NEXT: %[[RMAX:.+]] = nn.constant dense_resource<rmean_axes> : tensor<1xi64>
# IN13-NEXT: %[[SPLIT:.+]] = nn.constant dense_resource<split_split> : tensor<2xi64>
# IN11-NEXT: %[[ST:.+]] = nn.constant dense_resource<st> : tensor<1xi64>
# IN11-NEXT: %[[EN:.+]] = nn.constant dense_resource<en> : tensor<1xi64>
# IN11-NEXT: %[[AX:.+]] = nn.constant dense_resource<ax> : tensor<1xi64>
# IN11-NEXT: %[[SP:.+]] = nn.constant dense_resource<sp> : tensor<1xi64>
# IN11-NEXT: %[[PADS:.+]] = nn.constant dense_resource<pads> : tensor<4xi64>
# IN11-NEXT: %[[PV:.+]] = nn.constant dense_resource<pv> : tensor<f32>
# IN11-NEXT: %[[LO:.+]] = nn.constant dense_resource<lo> : tensor<f32>
# IN11-NEXT: %[[HI:.+]] = nn.constant dense_resource<hi> : tensor<f32>

# PRE13-NEXT: %[[SQAX:.+]] = nn.constant dense<1> : tensor<1xi64>
# CHECK-NEXT: %[[SQ:.+]] = nn.squeeze %arg0, %[[SQAX]] : (tensor<2x1x6xf32>, tensor<1xi64>) -> tensor<2x6xf32>
# PRE13-NEXT: %[[USQAX:.+]] = nn.constant dense<0> : tensor<1xi64>
# CHECK-NEXT: %[[USQ:.+]] = nn.unsqueeze %[[SQ]], %[[USQAX]] : (tensor<2x6xf32>, tensor<1xi64>) -> tensor<1x2x6xf32>
# PRE13-NEXT: %[[RSAX:.+]] = nn.constant dense<2> : tensor<1xi64>
# CHECK-NEXT: nn.reduce_sum %[[USQ]], %[[RSAX]] {keepdims = false} : (tensor<1x2x6xf32>, tensor<1xi64>) -> tensor<1x2xf32>
# PRE18-NEXT: %[[RMAX:.+]] = nn.constant dense<1> : tensor<1xi64>
# CHECK-NEXT: nn.reduce_mean %[[SQ]], %[[RMAX]] : (tensor<2x6xf32>, tensor<1xi64>) -> tensor<2x1xf32>
# No axes: every axis.
# CHECK-NEXT: nn.reduce_max %[[SQ]] {keepdims = false} : (tensor<2x6xf32>) -> tensor<f32>
# PRE13-NEXT: %[[SPLIT:.+]] = nn.constant dense<[2, 4]> : tensor<2xi64>
# CHECK-NEXT: nn.split %[[SQ]], %[[SPLIT]] {axis = 1 : i64} : (tensor<2x6xf32>, tensor<2xi64>) -> (tensor<2x2xf32>, tensor<2x4xf32>)
# PRE11-NEXT: %[[ST:.+]] = nn.constant dense<0> : tensor<1xi64>
# PRE11-NEXT: %[[EN:.+]] = nn.constant dense<3> : tensor<1xi64>
# PRE11-NEXT: %[[AX:.+]] = nn.constant dense<1> : tensor<1xi64>
# PRE11-NEXT: nn.slice %[[SQ]], %[[ST]], %[[EN]] axes %[[AX]] : (tensor<2x6xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2x3xf32>
# IN11-NEXT: nn.slice %[[SQ]], %[[ST]], %[[EN]] axes %[[AX]] steps %[[SP]] : ({{.*}}) -> tensor<2x3xf32>
# PRE11-NEXT: %[[PADS:.+]] = nn.constant dense<[0, 1, 0, 1]> : tensor<4xi64>
# PRE11-NEXT: %[[PV:.+]] = nn.constant dense<1.500000e+00> : tensor<f32>
# CHECK-NEXT: %[[PAD:.+]] = nn.pad %[[SQ]], %[[PADS]] value %[[PV]] : (tensor<2x6xf32>, tensor<4xi64>, tensor<f32>) -> tensor<2x8xf32>
# PRE11-NEXT: %[[LO:.+]] = nn.constant dense<-1.000000e+00> : tensor<f32>
# PRE11-NEXT: %[[HI:.+]] = nn.constant dense<1.000000e+00> : tensor<f32>
# CHECK-NEXT: nn.clip %[[PAD]] min %[[LO]] max %[[HI]] : (tensor<2x8xf32>, tensor<f32>, tensor<f32>) -> tensor<2x8xf32>
# PRE11-NEXT: %[[HI:.+]] = nn.constant dense<1.000000e+00> : tensor<f32>
# CHECK-NEXT: nn.clip %[[PAD]] max %[[HI]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
# PRE13-NEXT: %[[FLAT:.+]] = nn.flatten %arg0 : (tensor<2x1x6xf32>) -> tensor<2x6xf32>
# PRE13-NEXT: %[[SM:.+]] = nn.softmax %[[FLAT]] {axis = 1 : i64} : tensor<2x6xf32>
# PRE13-NEXT: %[[SHAPE:.+]] = nn.constant dense<[2, 1, 6]> : tensor<3xi64>
# PRE13-NEXT: nn.reshape %[[SM]], %[[SHAPE]] : (tensor<2x6xf32>, tensor<3xi64>) -> tensor<2x1x6xf32>
# IN13-NEXT: nn.softmax %arg0 {axis = 1 : i64} : tensor<2x1x6xf32>
# Normalizing over the last axis is the same in both semantics.
# CHECK-NEXT: nn.log_softmax %arg0 : tensor<2x1x6xf32>
# CHECK-NEXT: return
