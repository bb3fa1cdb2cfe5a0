# RUN: %python %s %t
# RUN: dialir-translate --import-onnx %t.main.onnx | filecheck %s
# RUN: dialir-translate --import-onnx %t.main.onnx --mlir-print-debuginfo | dialir-opt --mlir-print-debuginfo --mlir-print-local-scope | filecheck %s --check-prefix=LOC
# RUN: dialir-translate --import-onnx %t.main.onnx | dialir-opt | filecheck %s

"""Elementwise ONNX ops become nn ops with numpy broadcasting; graph inputs and outputs keep
their ONNX names as argument/result attributes, symbolic dimensions become `?`, and node names
become locations."""

import sys

import onnx
from onnx import TensorProto, helper

F = TensorProto.FLOAT
nodes = [
    helper.make_node("Add", ["x", "b"], ["add"], name="add1"),
    helper.make_node("Sub", ["add", "x"], ["sub"], name="sub1"),
    helper.make_node("Mul", ["sub", "sub"], ["mul"], name="mul1"),
    helper.make_node("Div", ["mul", "b"], ["div"], name="div1"),
    helper.make_node("Pow", ["div", "e"], ["pow"], name="pow1"),
    helper.make_node("Relu", ["pow"], ["relu"], name="relu1"),
    helper.make_node("Sigmoid", ["relu"], ["sig"]),
    helper.make_node("Tanh", ["sig"], ["tanh"], name="tanh1"),
    helper.make_node("Exp", ["tanh"], ["exp"], name="exp1"),
    helper.make_node("Log", ["exp"], ["log"], name="log1"),
    helper.make_node("Sqrt", ["log"], ["sqrt"], name="sqrt1"),
    helper.make_node("Neg", ["sqrt"], ["neg"], name="neg1"),
    helper.make_node("Abs", ["neg"], ["abs"], name="abs1"),
    helper.make_node("Erf", ["abs"], ["erf"], name="erf1"),
    helper.make_node("LeakyRelu", ["erf"], ["lrelu"], name="lrelu1", alpha=0.2),
    helper.make_node("LeakyRelu", ["lrelu"], ["lrelu2"], name="lrelu_default"),
    helper.make_node("Greater", ["lrelu2", "b"], ["gt"], name="gt1"),
    helper.make_node("Less", ["lrelu2", "b"], ["lt"], name="lt1"),
    helper.make_node("Equal", ["gt", "lt"], ["eq"], name="eq1"),
    helper.make_node("Where", ["eq", "x", "b"], ["y"], name="where1"),
    helper.make_node("Max", ["x", "b", "y"], ["max"], name="max3"),
    helper.make_node("Min", ["x"], ["min"], name="min1"),
    helper.make_node("Sum", ["x", "y", "b"], ["sum"], name="sum3"),
    helper.make_node("Mean", ["x", "y"], ["mean"], name="mean2"),
]
graph = helper.make_graph(
    nodes,
    "elementwise",
    [
        helper.make_tensor_value_info("x", F, ["batch", 4]),
        helper.make_tensor_value_info("b", F, [4]),
        helper.make_tensor_value_info("e", TensorProto.INT64, [1]),
    ],
    [
        helper.make_tensor_value_info("y", F, ["batch", 4]),
        helper.make_tensor_value_info("max", F, None),
        helper.make_tensor_value_info("min", F, ["batch", 4]),
        helper.make_tensor_value_info("sum", F, ["batch", 4]),
        helper.make_tensor_value_info("mean", F, ["batch", 4]),
    ],
)
MODELS = {
    "main": helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="lit-elementwise"
    )
}

if __name__ == "__main__":
    for name, model in MODELS.items():
        onnx.save(model, f"{sys.argv[1]}.{name}.onnx")

# CHECK-LABEL: module attributes {onnx.ir_version = {{[0-9]+}} : i64, onnx.opset_version = 13 : i64, onnx.producer_name = "lit-elementwise"} {
# CHECK: func.func @main(%arg0: tensor<?x4xf32> {onnx.name = "x"}, %arg1: tensor<4xf32> {onnx.name = "b"}, %arg2: tensor<1xi64> {onnx.name = "e"})
# CHECK-SAME: -> (tensor<?x4xf32> {onnx.name = "y"}, tensor<?x4xf32> {onnx.name = "max"}, tensor<?x4xf32> {onnx.name = "min"}, tensor<?x4xf32> {onnx.name = "sum"}, tensor<?x4xf32> {onnx.name = "mean"})
# CHECK-NEXT: %[[ADD:.+]] = nn.add %arg0, %arg1 : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
# CHECK-NEXT: %[[SUB:.+]] = nn.sub %[[ADD]], %arg0 :
# CHECK-NEXT: %[[MUL:.+]] = nn.mul %[[SUB]], %[[SUB]] :
# CHECK-NEXT: %[[DIV:.+]] = nn.div %[[MUL]], %arg1 :
# The exponent keeps its own element type.
# CHECK-NEXT: %[[POW:.+]] = nn.pow %[[DIV]], %arg2 : (tensor<?x4xf32>, tensor<1xi64>) -> tensor<?x4xf32>
# CHECK-NEXT: %[[RELU:.+]] = nn.relu %[[POW]] : tensor<?x4xf32>
# CHECK-NEXT: %[[SIG:.+]] = nn.sigmoid %[[RELU]]
# CHECK-NEXT: %[[TANH:.+]] = nn.tanh %[[SIG]]
# CHECK-NEXT: %[[EXP:.+]] = nn.exp %[[TANH]]
# CHECK-NEXT: %[[LOG:.+]] = nn.log %[[EXP]]
# CHECK-NEXT: %[[SQRT:.+]] = nn.sqrt %[[LOG]]
# CHECK-NEXT: %[[NEG:.+]] = nn.neg %[[SQRT]]
# CHECK-NEXT: %[[ABS:.+]] = nn.abs %[[NEG]]
# CHECK-NEXT: %[[ERF:.+]] = nn.erf %[[ABS]]
# CHECK-NEXT: %[[LR:.+]] = nn.leaky_relu %[[ERF]] {alpha = 2.000000e-01 : f32} : tensor<?x4xf32>
# The default alpha (0.01) is left out.
# CHECK-NEXT: %[[LR2:.+]] = nn.leaky_relu %[[LR]] : tensor<?x4xf32>
# CHECK-NEXT: %[[GT:.+]] = nn.greater %[[LR2]], %arg1 : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xi1>
# CHECK-NEXT: %[[LT:.+]] = nn.less %[[LR2]], %arg1 :
# CHECK-NEXT: %[[EQ:.+]] = nn.equal %[[GT]], %[[LT]] : (tensor<?x4xi1>, tensor<?x4xi1>) -> tensor<?x4xi1>
# CHECK-NEXT: %[[Y:.+]] = nn.where %[[EQ]], %arg0, %arg1 : (tensor<?x4xi1>, tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
# Variadic Max/Sum/Mean fold left into binary ops; a one-input Min is its input.
# CHECK-NEXT: %[[M1:.+]] = nn.max %arg0, %arg1 :
# CHECK-NEXT: %[[MAX:.+]] = nn.max %[[M1]], %[[Y]] :
# CHECK-NEXT: %[[S1:.+]] = nn.add %arg0, %[[Y]] :
# CHECK-NEXT: %[[SUM:.+]] = nn.add %[[S1]], %arg1 :
# CHECK-NEXT: %[[S2:.+]] = nn.add %arg0, %[[Y]] :
# CHECK-NEXT: %[[TWO:.+]] = nn.constant dense<2.000000e+00> : tensor<f32>
# CHECK-NEXT: %[[MEAN:.+]] = nn.div %[[S2]], %[[TWO]] : (tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xf32>
# CHECK-NEXT: return %[[Y]], %[[MAX]], %arg0, %[[SUM]], %[[MEAN]] :

# Node names are locations (a nameless node is named by its first output), graph inputs
# are named by their ONNX names, and the function and module point at the model file.
# LOC: func.func @main(%arg0: tensor<?x4xf32> {onnx.name = "x"} loc("x"), %arg1: tensor<4xf32> {onnx.name = "b"} loc("b")
# LOC: nn.add {{.*}} loc("add1")
# LOC: nn.sigmoid {{.*}} loc("sig")
# LOC: nn.leaky_relu {{.*}} loc("lrelu1")
# LOC: nn.max {{.*}} loc("max3")
# LOC-NEXT: nn.max {{.*}} loc("max3")
# LOC: return {{.*}} loc("{{.*}}.onnx":0:0)
# LOC-NEXT: } loc("{{.*}}.onnx":0:0)
# LOC-NEXT: } loc("{{.*}}.onnx":0:0)
