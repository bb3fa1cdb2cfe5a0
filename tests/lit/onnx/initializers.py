# RUN: %python %s %t
# RUN: dialir-translate --import-onnx %t.names.onnx | filecheck %s
# RUN: dialir-translate --import-onnx %t.names.onnx | dialir-opt | filecheck %s
# RUN: dialir-translate --import-onnx %t.types.onnx | filecheck %s --check-prefix=TYPES
# RUN: dialir-translate --import-onnx %t.types.onnx --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC
# RUN: dialir-translate --import-onnx %t.types.onnx --mlir-print-op-generic | dialir-opt | filecheck %s --check-prefix=TYPES

"""Initializers become `dense_resource` constants whose blob names come from the ONNX names
(made valid identifiers, and unique); graph inputs that are also initializers (ONNX IR < 4
lists every weight as an input) are constants, not arguments; unused initializers are left
out; every ONNX element type dialir has maps to its MLIR type."""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT


def init(name, values, dtype=np.float32):
    return numpy_helper.from_array(np.array(values, dtype=dtype), name)


names_graph = helper.make_graph(
    [
        helper.make_node("Add", ["x", "conv/w:0"], ["a"], name="add1"),
        helper.make_node("Add", ["a", "1st"], ["b"], name="add2"),
        helper.make_node("Add", ["b", "a_b"], ["c"], name="add3"),
        helper.make_node("Add", ["c", "a/b"], ["d"], name="add4"),
        helper.make_node("Mul", ["d", "w"], ["y"], name="mul"),
    ],
    "names",
    # ONNX IR version 3 lists every initializer as a graph input too.
    [
        helper.make_tensor_value_info(n, F, [2])
        for n in ("x", "conv/w:0", "1st", "a_b", "a/b", "w", "unused")
    ],
    [helper.make_tensor_value_info("y", F, [2])],
    [
        init("conv/w:0", [1, 2]),
        init("1st", [3, 4]),
        init("a_b", [5, 6]),
        init("a/b", [7, 8]),
        init("w", [9, 10]),
        init("unused", [0, 0]),
    ],
)
names = helper.make_model(names_graph, opset_imports=[helper.make_opsetid("", 9)], ir_version=3)

types_graph = helper.make_graph(
    [
        helper.make_node("Identity", [n], [f"{n}_out"], name=f"id_{n}")
        for n in ("i8", "u8", "i16", "u16", "i32", "i64", "u32", "u64", "b", "h", "d", "bf")
    ],
    "types",
    [],
    [
        helper.make_tensor_value_info(f"{n}_out", t, None)
        for n, t in (
            ("i8", TensorProto.INT8),
            ("u8", TensorProto.UINT8),
            ("i16", TensorProto.INT16),
            ("u16", TensorProto.UINT16),
            ("i32", TensorProto.INT32),
            ("i64", TensorProto.INT64),
            ("u32", TensorProto.UINT32),
            ("u64", TensorProto.UINT64),
            ("b", TensorProto.BOOL),
            ("h", TensorProto.FLOAT16),
            ("d", TensorProto.DOUBLE),
            ("bf", TensorProto.BFLOAT16),
        )
    ],
    [
        init("i8", [-1, 2], np.int8),
        init("u8", [255, 1], np.uint8),
        init("i16", [-300], np.int16),
        init("u16", [65535], np.uint16),
        init("i32", [[1, -2]], np.int32),
        init("i64", 5, np.int64),
        init("u32", [4000000000], np.uint32),
        init("u64", [1], np.uint64),
        init("b", [True, False, True], np.bool_),
        init("h", [1.5, -2], np.float16),
        init("d", [0.25], np.float64),
        # make_tensor stores bfloat16 as 16-bit patterns in int32_data: 0x3F80, 0xC000.
        helper.make_tensor("bf", TensorProto.BFLOAT16, [2], [1.0, -2.0]),
    ],
)
types = helper.make_model(types_graph, opset_imports=[helper.make_opsetid("", 13)])

MODELS = {"names": names, "types": types}

if __name__ == "__main__":
    for name, m in MODELS.items():
        onnx.save(m, f"{sys.argv[1]}.{name}.onnx")

# CHECK-LABEL: module attributes {onnx.ir_version = 3 : i64, onnx.opset_version = 9 : i64}
# Only x is an argument: the other inputs have initializers.
# CHECK: func.func @main(%arg0: tensor<2xf32> {onnx.name = "x"}) -> (tensor<2xf32> {onnx.name = "y"})
# CHECK-NEXT: %[[W0:.+]] = nn.constant dense_resource<conv_w_0> : tensor<2xf32>
# CHECK-NEXT: %[[FIRST:.+]] = nn.constant dense_resource<_1st> : tensor<2xf32>
# CHECK-NEXT: %[[AB:.+]] = nn.constant dense_resource<a_b> : tensor<2xf32>
# CHECK-NEXT: %[[AB1:.+]] = nn.constant dense_resource<a_b_1> : tensor<2xf32>
# CHECK-NEXT: %[[W:.+]] = nn.constant dense_resource<w> : tensor<2xf32>
# CHECK-NEXT: %[[A:.+]] = nn.add %arg0, %[[W0]]
# CHECK-NEXT: %[[B:.+]] = nn.add %[[A]], %[[FIRST]]
# CHECK-NEXT: %[[C:.+]] = nn.add %[[B]], %[[AB]]
# CHECK-NEXT: %[[D:.+]] = nn.add %[[C]], %[[AB1]]
# CHECK-NEXT: %[[Y:.+]] = nn.mul %[[D]], %[[W]]
# CHECK-NEXT: return %[[Y]] : tensor<2xf32>
# Blobs: 4 bytes of alignment (the element size), then the little-endian data.
# CHECK: dialect_resources: {
# CHECK-NEXT: builtin: {
# CHECK-NEXT: conv_w_0: "0x040000000000803F00000040",
# CHECK-NEXT: _1st: "0x040000000000404000008040",
# CHECK-NEXT: a_b: "0x040000000000A0400000C040",
# CHECK-NEXT: a_b_1: "0x040000000000E04000000041",
# CHECK-NEXT: w: "0x040000000000104100002041"
# CHECK-NEXT: }
# CHECK-NOT: unused

# TYPES-LABEL: func.func @main() -> (tensor<2xi8> {onnx.name = "i8_out"}, tensor<2xui8> {onnx.name = "u8_out"}, tensor<1xi16> {onnx.name = "i16_out"}, tensor<1xui16> {onnx.name = "u16_out"}, tensor<1x2xi32> {onnx.name = "i32_out"}, tensor<i64> {onnx.name = "i64_out"}, tensor<1xui32> {onnx.name = "u32_out"}, tensor<1xui64> {onnx.name = "u64_out"}, tensor<3xi1> {onnx.name = "b_out"}, tensor<2xf16> {onnx.name = "h_out"}, tensor<1xf64> {onnx.name = "d_out"}, tensor<2xbf16> {onnx.name = "bf_out"})
# TYPES: dialect_resources: {
# TYPES-NEXT: builtin: {
# TYPES-NEXT: i8: "0x01000000FF02",
# TYPES-NEXT: u8: "0x01000000FF01",
# TYPES-NEXT: i16: "0x02000000D4FE",
# TYPES-NEXT: u16: "0x02000000FFFF",
# TYPES-NEXT: i32: "0x0400000001000000FEFFFFFF",
# TYPES-NEXT: i64: "0x080000000500000000000000",
# TYPES-NEXT: u32: "0x0400000000286BEE",
# TYPES-NEXT: u64: "0x080000000100000000000000",
# TYPES-NEXT: b: "0x01000000010001",
# TYPES-NEXT: h: "0x02000000003E00C0",
# TYPES-NEXT: d: "0x08000000000000000000D03F",
# TYPES-NEXT: bf: "0x02000000803F00C0"

# GENERIC: "func.func"() <{function_type = () -> (tensor<2xi8>,
# GENERIC: %{{.+}} = "nn.constant"() <{value = dense_resource<i8> : tensor<2xi8>}> : () -> tensor<2xi8>
