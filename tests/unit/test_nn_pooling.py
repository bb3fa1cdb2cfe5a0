"""nn's pooling ops (nn.max_pool2d/3d, nn.avg_pool2d/3d) and max pooling's `indices` result,
against onnxruntime's MaxPool and AveragePool on the same random inputs: values, ONNX's
Indices (flat positions in the whole input, in either storage order), dtypes and the inferred
result shapes. onnx.reference is a second oracle for Indices where it takes its per-window
path (a stride or dilation other than 1; with unit strides it computes them per channel).
ONNX's backend test cases add expected outputs computed by their own generators."""

from __future__ import annotations

import numpy as np
import onnxruntime
import pytest
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator
from test_nn_reference import build_nn

from dialir.core.ir.operation import Block
from dialir.dialects.nn import ops as nn
from dialir.dialects.nn.elements import array_to_attr, elements_to_array
from dialir.dialects.nn.reference import evaluate
from dialir.frontends.onnx import backend

RNG = np.random.default_rng(20261127)
OPSET = 20


def _model(op_type: str, x: np.ndarray, attrs: dict, indices: bool):
    outputs = [helper.make_tensor_value_info("y", helper.np_dtype_to_tensor_dtype(x.dtype), None)]
    if indices:
        outputs.append(helper.make_tensor_value_info("i", TensorProto.INT64, None))
    node = helper.make_node(op_type, ["x"], [o.name for o in outputs], **attrs)
    x_info = helper.make_tensor_value_info("x", helper.np_dtype_to_tensor_dtype(x.dtype), x.shape)
    graph = helper.make_graph([node], "g", [x_info], outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 9  # what this onnxruntime reads
    return model


def run_ort(op_type: str, x: np.ndarray, attrs: dict, indices: bool = False) -> list:
    model = _model(op_type, x, attrs, indices)
    session = onnxruntime.InferenceSession(
        model.SerializeToString(), providers=["CPUExecutionProvider"]
    )
    return session.run(None, {"x": x})


def onnx_attrs(attrs: dict) -> dict:
    return {k: int(v) if isinstance(v, bool) else v for k, v in attrs.items()}


def build(cls: type, x: np.ndarray, attrs: dict, **kwargs) -> nn.NNOp:
    return build_nn(cls, [x], attrs, **kwargs)


def check(cls: type, op_type: str, x: np.ndarray, attrs: dict, indices: bool = False) -> list:
    """evaluate(op) == onnxruntime, and constant folding gives the same arrays."""
    expected = run_ort(op_type, x, onnx_attrs(attrs), indices)
    op = build(cls, x, attrs, **({"indices": True} if indices else {}))
    got = evaluate(op, [x])
    assert len(got) == len(expected) == len(op.results)
    for g, e, r in zip(got, expected, op.results):
        assert g.dtype == e.dtype
        assert g.shape == e.shape == r.type.shape
        if np.issubdtype(e.dtype, np.floating):
            np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-6)
        else:
            np.testing.assert_array_equal(g, e)
    folded = op.fold()
    assert folded is not None
    for f, g in zip(folded, got):
        np.testing.assert_array_equal(elements_to_array(f), g)
    return got


# -- 3-D pooling ---------------------------------------------------------------------------

POOLS_3D = [
    {"kernel_shape": [2, 2, 2]},
    {"kernel_shape": [3, 2, 3], "strides": [2, 1, 2]},
    {"kernel_shape": [3, 3, 2], "pads": [1, 0, 1, 1, 1, 0]},
    {"kernel_shape": [2, 2, 2], "dilations": [2, 1, 3]},
    {"kernel_shape": [3, 3, 3], "strides": [2, 2, 2], "ceil_mode": True},
    {"kernel_shape": [3, 2, 3], "strides": [2, 3, 2], "pads": [1, 1, 0, 1, 0, 1],
     "dilations": [1, 2, 1], "ceil_mode": True},
]  # fmt: skip


@pytest.mark.parametrize("attrs", POOLS_3D)
def test_max_pool3d(attrs) -> None:
    check(nn.MaxPool3DOp, "MaxPool", RNG.standard_normal((2, 3, 7, 6, 8), np.float32), attrs)


@pytest.mark.parametrize("attrs", POOLS_3D)
@pytest.mark.parametrize("count_include_pad", [False, True])
def test_avg_pool3d(attrs, count_include_pad) -> None:
    x = RNG.standard_normal((2, 3, 7, 6, 8), np.float32)
    attrs = {**attrs, "count_include_pad": count_include_pad}
    check(nn.AvgPool3DOp, "AveragePool", x, attrs)


def test_pool3d_other_dtypes() -> None:
    x = RNG.integers(0, 256, (1, 2, 5, 6, 4)).astype(np.uint8)
    check(nn.MaxPool3DOp, "MaxPool", x, {"kernel_shape": [3, 3, 2], "pads": [1] * 6})
    x = RNG.integers(-128, 128, (1, 2, 5, 6, 4)).astype(np.int8)
    attrs = {"kernel_shape": [2, 3, 2], "strides": [2, 2, 1], "storage_order": 1}
    check(nn.MaxPool3DOp, "MaxPool", x, attrs, indices=True)
    # onnxruntime has no f64 AveragePool: its f32 result, to f32 precision.
    x = RNG.standard_normal((1, 2, 5, 6, 4))
    attrs = {"kernel_shape": [2, 3, 2], "strides": [2, 2, 1], "pads": [1, 0, 1, 1, 1, 0]}
    (expected,) = run_ort("AveragePool", x.astype(np.float32), attrs)
    (got,) = evaluate(build(nn.AvgPool3DOp, x, attrs), [x])
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


# -- Indices -------------------------------------------------------------------------------

INDICES_2D = [
    {"kernel_shape": [2, 2]},
    {"kernel_shape": [3, 3], "strides": [2, 2]},
    {"kernel_shape": [3, 2], "pads": [1, 0, 1, 1]},
    {"kernel_shape": [2, 3], "dilations": [2, 1], "strides": [1, 2]},
    {"kernel_shape": [3, 3], "pads": [1, 1, 1, 1], "strides": [2, 2], "ceil_mode": True},
]


@pytest.mark.parametrize("attrs", INDICES_2D)
@pytest.mark.parametrize("storage_order", [0, 1])
def test_max_pool2d_indices(attrs, storage_order) -> None:
    x = RNG.standard_normal((2, 3, 8, 7), np.float32)
    check(nn.MaxPool2DOp, "MaxPool", x, {**attrs, "storage_order": storage_order}, indices=True)


@pytest.mark.parametrize("attrs", POOLS_3D)
@pytest.mark.parametrize("storage_order", [0, 1])
def test_max_pool3d_indices(attrs, storage_order) -> None:
    x = RNG.standard_normal((2, 3, 7, 6, 8), np.float32)
    check(nn.MaxPool3DOp, "MaxPool", x, {**attrs, "storage_order": storage_order}, indices=True)


def test_indices_first_maximum_wins() -> None:
    """Ties (plentiful in a small integer range) resolve to the first position of the window
    in row-major order, as in onnxruntime and ONNX's reference loops."""
    x = RNG.integers(0, 3, (2, 2, 6, 5, 7)).astype(np.float32)
    for order in (0, 1):
        attrs = {"kernel_shape": [2, 3, 2], "pads": [1, 0, 1, 0, 1, 1], "storage_order": order}
        check(nn.MaxPool3DOp, "MaxPool", x, attrs, indices=True)


@pytest.mark.parametrize(
    "shape,attrs",
    [
        ((2, 3, 8, 7), {"kernel_shape": [3, 2], "strides": [2, 1], "pads": [1, 1, 0, 1]}),
        ((1, 2, 5, 6, 7), {"kernel_shape": [2, 3, 2], "strides": [1, 2, 2],
                           "dilations": [2, 1, 1], "pads": [0, 1, 1, 1, 1, 0]}),
    ],
)  # fmt: skip
@pytest.mark.parametrize("storage_order", [0, 1])
def test_indices_against_onnx_reference(shape, attrs, storage_order) -> None:
    x = RNG.standard_normal(shape, np.float32)
    attrs = {**attrs, "storage_order": storage_order}
    expected = ReferenceEvaluator(_model("MaxPool", x, attrs, True)).run(None, {"x": x})
    cls = nn.MaxPool3DOp if len(shape) == 5 else nn.MaxPool2DOp
    got = evaluate(build(cls, x, attrs, indices=True), [x])
    np.testing.assert_array_equal(got[0], expected[0])
    np.testing.assert_array_equal(got[1], expected[1])


def test_indices_address_the_input() -> None:
    """Every index reads the value it stands for, from the whole N x C x ... input: row-major
    directly, column-major (over the spatial dimensions) in the input transposed to
    (N, C, W, H, D), whose row-major order is that order."""
    x = RNG.standard_normal((2, 3, 6, 5, 4), np.float32)
    attrs = {"kernel_shape": [2, 2, 2], "strides": [2, 1, 2], "pads": [1, 1, 0, 0, 1, 1]}
    y, idx = evaluate(build(nn.MaxPool3DOp, x, attrs, indices=True), [x])
    np.testing.assert_array_equal(x.reshape(-1)[idx], y)
    attrs = {**attrs, "storage_order": 1}
    y, idx = evaluate(build(nn.MaxPool3DOp, x, attrs, indices=True), [x])
    np.testing.assert_array_equal(x.transpose(0, 1, 4, 3, 2).reshape(-1)[idx], y)


def test_builder_and_verifier() -> None:
    block = Block()
    x = block.append(nn.ConstantOp(value=array_to_attr(np.zeros((1, 2, 2, 4, 4), np.float32))))
    op = nn.MaxPool3DOp(x.result, kernel_shape=[1, 2, 2], indices=True)
    assert [str(r.type) for r in op.results] == ["tensor<1x2x2x3x3xf32>", "tensor<1x2x2x3x3xi64>"]
    assert op.indices is op.results[1]
    assert nn.MaxPool3DOp(x.result, kernel_shape=[1, 2, 2]).indices is None
    with pytest.raises(ValueError, match="'storage_order' must be 0 or 1, but got 3"):
        nn.MaxPool3DOp(x.result, kernel_shape=[2, 2, 2], storage_order=3)
    with pytest.raises(ValueError, match="'pads' must have 6 elements, but has 4"):
        nn.AvgPool3DOp(x.result, kernel_shape=[1, 1, 1], pads=[0, 0, 0, 0])
    with pytest.raises(ValueError, match="operand 'input' must be a 4-D tensor"):
        nn.MaxPool2DOp(x.result, kernel_shape=[2, 2])


# -- through the ONNX importer -------------------------------------------------------------


@pytest.mark.parametrize("storage_order", [0, 1])
def test_importer_1d_indices(storage_order) -> None:
    """A 1-D window runs as a 2-D one of height 1: its flat indices are the same."""
    x = RNG.standard_normal((2, 3, 11), np.float32)
    attrs = {"kernel_shape": [3], "strides": [2], "pads": [1, 1], "storage_order": storage_order}
    model = _model("MaxPool", x, attrs, True)
    got = backend.prepare(model).run([x])
    expected = run_ort("MaxPool", x, attrs, True)
    np.testing.assert_array_equal(got[0], expected[0])
    np.testing.assert_array_equal(got[1], expected[1])


@pytest.mark.parametrize("storage_order", [0, 1])
def test_importer_3d_indices(storage_order) -> None:
    x = RNG.standard_normal((1, 2, 6, 5, 7), np.float32)
    attrs = {"kernel_shape": [3, 2, 3], "strides": [2, 2, 1], "auto_pad": "SAME_LOWER",
             "storage_order": storage_order}  # fmt: skip
    got = backend.prepare(_model("MaxPool", x, attrs, True)).run([x])
    expected = run_ort("MaxPool", x, attrs, True)
    np.testing.assert_array_equal(got[0], expected[0])
    np.testing.assert_array_equal(got[1], expected[1])
