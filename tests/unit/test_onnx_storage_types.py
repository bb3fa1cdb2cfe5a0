"""ONNX's storage formats (float8, float4, 2- and 4-bit integers) through dialir: reading
tensors, nn.cast's saturate/round_mode semantics, and the backend's inputs and outputs.

The oracle is onnx itself: `numpy_helper.to_array` for tensor data and
`onnx.reference.ReferenceEvaluator` for Cast.
"""

from __future__ import annotations

import ml_dtypes
import numpy as np
import pytest
from onnx import TensorProto, helper, numpy_helper
from onnx.reference import ReferenceEvaluator

from dialir.core.ir.printer import Printer
from dialir.execution.interpreter import run_function
from dialir.frontends.onnx import backend as onnx_backend
from dialir.frontends.onnx import import_model
from dialir.frontends.onnx.loader import tensor_to_array
from dialir.parser.parser import parse

NARROW = {
    TensorProto.FLOAT8E4M3FN: ml_dtypes.float8_e4m3fn,
    TensorProto.FLOAT8E4M3FNUZ: ml_dtypes.float8_e4m3fnuz,
    TensorProto.FLOAT8E5M2: ml_dtypes.float8_e5m2,
    TensorProto.FLOAT8E5M2FNUZ: ml_dtypes.float8_e5m2fnuz,
    TensorProto.FLOAT8E8M0: ml_dtypes.float8_e8m0fnu,
    TensorProto.FLOAT4E2M1: ml_dtypes.float4_e2m1fn,
    TensorProto.INT4: ml_dtypes.int4,
    TensorProto.UINT4: ml_dtypes.uint4,
    TensorProto.INT2: ml_dtypes.int2,
    TensorProto.UINT2: ml_dtypes.uint2,
}

# Finite values and specials, beyond every format's range on both sides.
WIDE = np.array(
    [0.0, -0.0, 0.3, -0.7, 1.5, 2.49, -3.5, 7.0, 9.0, 300.0, 1e6, -1e6, 1e-7, np.inf, -np.inf,
     np.nan],
    dtype=np.float32,
)  # fmt: skip


def _values(data_type: int, n: int) -> np.ndarray:
    """`n` (odd, so packed types end in half a byte) values of the type, from its whole range."""
    dtype = NARROW[data_type]
    rng = np.random.default_rng(data_type)
    if np.issubdtype(np.dtype(dtype), np.integer) or data_type in (
        TensorProto.INT4, TensorProto.UINT4, TensorProto.INT2, TensorProto.UINT2
    ):  # fmt: skip
        info = ml_dtypes.iinfo(dtype)
        return rng.integers(int(info.min), int(info.max) + 1, n).astype(dtype)
    info = ml_dtypes.finfo(dtype)
    return rng.uniform(float(info.min), float(info.max), n).astype(dtype)


@pytest.mark.parametrize("data_type", sorted(NARROW), ids=TensorProto.DataType.Name)
@pytest.mark.parametrize("raw", [True, False], ids=["raw_data", "int32_data"])
def test_tensor_data_reads_as_onnx_does(data_type: int, raw: bool) -> None:
    vals = _values(data_type, 7)
    t = helper.make_tensor("w", data_type, [7], vals.tolist() if not raw else vals, raw=False)
    if raw:
        t = numpy_helper.from_array(vals, "w")
    ours = tensor_to_array(t, "initializer 'w'", "m.onnx", None)
    want = numpy_helper.to_array(t)
    assert ours.shape == want.shape == (7,)
    np.testing.assert_array_equal(ours.astype(np.float64), want.astype(np.float64))


def test_packed_tensor_of_the_wrong_size_is_an_error() -> None:
    t = numpy_helper.from_array(np.arange(-3, 4).astype(ml_dtypes.int4), "w")
    t.raw_data = t.raw_data[:-1]  # 7 int4 need 4 bytes
    with pytest.raises(Exception, match=r"has 3 bytes of raw_data, but its dims \[7\] of INT4"):
        tensor_to_array(t, "initializer 'w'", "m.onnx", None)


def _cast_model(source: int, target: int, **attrs) -> object:
    node = helper.make_node("Cast", ["x"], ["y"], to=target, **attrs)
    graph = helper.make_graph(
        [node], "cast",
        [helper.make_tensor_value_info("x", source, [len(WIDE)])],
        [helper.make_tensor_value_info("y", target, [len(WIDE)])],
    )  # fmt: skip
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 25)])


def _run_both(model, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    (want,) = ReferenceEvaluator(model).run(None, {"x": x})
    (ours,) = onnx_backend.prepare(model).run([x])
    return ours, want


def _same(ours: np.ndarray, want: np.ndarray) -> None:
    assert ours.dtype == want.dtype, (ours.dtype, want.dtype)
    np.testing.assert_array_equal(ours.astype(np.float64), want.astype(np.float64))


_INTS = (TensorProto.INT4, TensorProto.UINT4, TensorProto.INT2, TensorProto.UINT2)

# saturate only means something for the float8 targets.
_CAST_TARGETS = [(t, 1) for t in sorted(NARROW)] + [
    (t, 0) for t in sorted(NARROW) if t not in _INTS and t != TensorProto.FLOAT4E2M1
]


@pytest.mark.parametrize(
    ("target", "saturate"), _CAST_TARGETS,
    ids=[f"{TensorProto.DataType.Name(t)}-saturate{s}" for t, s in _CAST_TARGETS],
)  # fmt: skip
def test_cast_from_float_matches_onnx(target: int, saturate: int) -> None:
    attrs = {"saturate": saturate} if target not in _INTS else {}
    x = WIDE if target not in _INTS else np.nan_to_num(WIDE, nan=0, posinf=15, neginf=-9)
    _same(*_run_both(_cast_model(TensorProto.FLOAT, target, **attrs), x))


@pytest.mark.parametrize("mode", ["up", "down", "nearest"])
@pytest.mark.parametrize("saturate", [1, 0])
def test_cast_to_e8m0_rounds_as_onnx(mode: str, saturate: int) -> None:
    x = np.concatenate(
        [WIDE, np.float32([3.0, 0.75, 1.0, 2.0**127 * 1.5, 2.0**-126, 1e-45, 6.0, 12.5])]
    )
    node = helper.make_node(
        "Cast", ["x"], ["y"], to=TensorProto.FLOAT8E8M0, round_mode=mode, saturate=saturate
    )
    graph = helper.make_graph(
        [node], "cast",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [len(x)])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT8E8M0, [len(x)])],
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 25)])
    ours, want = _run_both(model, x)
    assert ours.dtype == want.dtype
    np.testing.assert_array_equal(ours.view(np.uint8), want.view(np.uint8))


@pytest.mark.parametrize("source", sorted(NARROW), ids=TensorProto.DataType.Name)
def test_cast_to_float_matches_onnx_and_inputs_keep_onnx_dtypes(source: int) -> None:
    x = _values(source, len(WIDE))
    _same(*_run_both(_cast_model(source, TensorProto.FLOAT), x))


def test_storage_types_print_in_mlir_spelling_and_reject_arithmetic() -> None:
    model = _cast_model(TensorProto.FLOAT, TensorProto.FLOAT8E5M2, saturate=0)
    text = Printer.to_string(import_model(model))
    assert "nn.cast %arg0 {saturate = false} : tensor<16xf32> to tensor<16xf8E5M2>" in text
    add = helper.make_node("Add", ["x", "x"], ["y"])
    graph = helper.make_graph(
        [add], "add",
        [helper.make_tensor_value_info("x", TensorProto.INT4, [4])],
        [helper.make_tensor_value_info("y", TensorProto.INT4, [4])],
    )  # fmt: skip
    bad = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
    with pytest.raises(
        Exception, match="must be ranked tensor of 8- to 64-bit integer or f16/bf16/f32/f64 values"
    ):
        import_model(bad)


@pytest.mark.parametrize("data_type", sorted(NARROW), ids=TensorProto.DataType.Name)
def test_constants_and_initializers_import_print_parse_and_run(data_type: int) -> None:
    vals = _values(data_type, 5)
    nodes = [
        helper.make_node("Constant", [], ["c"], value=numpy_helper.from_array(vals, "v")),
        helper.make_node("Cast", ["c"], ["y"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["w"], ["z"], to=TensorProto.FLOAT),
    ]
    outputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, [5]) for n in "yz"]
    graph = helper.make_graph(
        nodes, "g", [], outputs, initializer=[numpy_helper.from_array(vals, "w")]
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
    text = Printer.to_string(import_model(model))
    assert "dense_resource<w" in text  # the initializer is a blob, the Constant inline
    want = vals.astype(np.float32)
    for outs in (onnx_backend.prepare(model).run([]), run_function(parse(text, "x"), "main", [])):
        for out in outs:
            np.testing.assert_array_equal(out, want)
