"""dialir.compile_onnx and CompiledModel: feeds checked by ONNX input name before native code
runs (wrong shapes, dtypes, non-contiguous arrays, missing and extra inputs are Python
errors naming the input), outputs by name, both calling conventions of the lowered entry
function; the whole ONNX path once the passes of `onnx-to-llvm` are registered."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

import dialir
from dialir.conversions.onnx_to_llvm import missing_passes, onnx_to_llvm_pipeline
from dialir.core.passes import PassManager
from dialir.execution.jit import ExecutionEngine
from dialir.frontends.onnx.compiled_model import (
    CompiledModel,
    PipelineUnavailableError,
    TensorInfo,
    _mark_noalias,
)
from dialir.parser.parser import parse

_LOOP = """
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %two = arith.constant 2.0 : f32
  cf.br ^loop(%c0 : index)
^loop(%i: index):
  %more = arith.cmpi slt, %i, %c4 : index
  cf.cond_br %more, ^body, ^done
^body:
  %x = memref.load %a[%i] : memref<4xf32>
  %y = memref.load %b[%i] : memref<4xf32>
  %s = arith.mulf %x, %y : f32
  %t = arith.addf %s, %two : f32
  memref.store %t, %out[%i] : memref<4xf32>
  %i2 = arith.addi %i, %c1 : index
  cf.br ^loop(%i2 : index)
"""

# out = a * b + 2, as a lowered model's entry would be: results returned, or written into
# buffers passed after the inputs.
RETURNS = (
    "func.func @main(%a: memref<4xf32>, %b: memref<4xf32>) -> memref<4xf32> {\n"
    "  %out = memref.alloc() : memref<4xf32>" + _LOOP + "^done:\n  return %out : memref<4xf32>\n}"
)
DESTINATION = (
    "func.func @main(%a: memref<4xf32>, %b: memref<4xf32>, %out: memref<4xf32>) {"
    + _LOOP
    + "^done:\n  return\n}"
)
INPUTS = [TensorInfo("a", (4,), np.dtype(np.float32)), TensorInfo("b", (4,), np.dtype(np.float32))]
OUTPUTS = [TensorInfo("out", (4,), np.dtype(np.float32))]


def _model(text: str, tmp_path) -> CompiledModel:
    module = parse(text, "<test>")
    PassManager.parse("builtin.module(convert-to-llvm)").run(module)
    _mark_noalias(module)
    engine = ExecutionEngine(module, opt_level=2, cache=str(tmp_path))
    assert "ptr noalias %arg0" in engine.llvm_ir
    return CompiledModel(engine, INPUTS, OUTPUTS, 0.0)


@pytest.mark.parametrize("text", [RETURNS, DESTINATION], ids=["returns", "destination"])
def test_run_by_name(tmp_path, text) -> None:
    model = _model(text, tmp_path)
    a = np.arange(4, dtype=np.float32)
    b = np.full(4, 3.0, np.float32)
    out = model.run({"a": a, "b": b})
    assert list(out) == ["out"]
    np.testing.assert_array_equal(out["out"], a * b + 2)


@pytest.mark.parametrize(
    ("feeds", "error", "message"),
    [
        ({"a": np.zeros(4, np.float32)}, ValueError, r"missing input\(s\) \['b'\]"),
        ({"a": np.zeros(4, np.float32), "b": np.zeros(4, np.float32), "c": 1}, ValueError,
         r"unknown input\(s\) \['c'\]"),
        ({"a": np.zeros(5, np.float32), "b": np.zeros(4, np.float32)}, ValueError,
         r"input 'a' must have shape \[4\], got \[5\]"),
        ({"a": np.zeros((2, 2), np.float32), "b": np.zeros(4, np.float32)}, ValueError,
         r"input 'a' must have shape \[4\], got \[2, 2\]"),
        ({"a": np.zeros(4, np.float32), "b": np.zeros(4, np.float64)}, TypeError,
         r"input 'b' must have dtype float32, got float64"),
        ({"a": np.zeros(8, np.float32)[::2], "b": np.zeros(4, np.float32)}, ValueError,
         r"input 'a' must be C-contiguous"),
        ({"a": [0.0] * 4, "b": np.zeros(4, np.float32)}, TypeError,
         r"input 'a' must be a numpy array, got list"),
    ],
    ids=["missing", "extra", "shape", "rank", "dtype", "non-contiguous", "not-an-array"],
)  # fmt: skip
def test_bad_feeds_are_errors_naming_the_input(tmp_path, feeds, error, message) -> None:
    model = _model(RETURNS, tmp_path)
    with pytest.raises(error, match=message):
        model.run(feeds)
    with pytest.raises(TypeError, match="feeds must be a dict"):
        model.run([np.zeros(4, np.float32)] * 2)


def test_pipeline_is_printable_and_names_its_passes() -> None:
    text = onnx_to_llvm_pipeline("affine-loop-unroll")
    assert text.startswith("builtin.module(func.func(canonicalize,nn-fold-batchnorm")
    assert "convert-nn-to-affine,func.func(affine-loop-unroll),lower-affine" in text
    assert text.endswith("convert-math-to-libm,convert-to-llvm,reconcile-unrealized-casts)")
    assert missing_passes("builtin.module(func.func(cse),no-such-pass{x=1})") == ["no-such-pass"]


def test_unregistered_pipeline_pass_is_a_clear_error() -> None:
    with pytest.raises(PipelineUnavailableError, match="no-such-pass"):
        dialir.compile_onnx(b"", pipeline="builtin.module(no-such-pass)")


def _add_mul_model() -> onnx.ModelProto:
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])
    z = helper.make_tensor_value_info("z", TensorProto.FLOAT, [2, 3])
    nodes = [helper.make_node("Add", ["x", "y"], ["s"]), helper.make_node("Mul", ["s", "x"], ["z"])]
    graph = helper.make_graph(nodes, "g", [x, y], [z])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


_MISSING = missing_passes(onnx_to_llvm_pipeline())


@pytest.mark.skipif(bool(_MISSING), reason=f"onnx-to-llvm needs unregistered passes: {_MISSING}")
def test_compile_onnx_runs_natively(tmp_path) -> None:
    model = dialir.compile_onnx(_add_mul_model(), cache=str(tmp_path))
    assert [i.name for i in model.inputs] == ["x", "y"]
    assert [o.name for o in model.outputs] == ["z"]
    x = np.random.default_rng(0).standard_normal((2, 3)).astype(np.float32)
    y = np.ones((2, 3), np.float32)
    np.testing.assert_allclose(model.run({"x": x, "y": y})["z"], (x + y) * x, rtol=1e-6)


# Native conv2d kernels (rows of output-channel blocks with fused taps; per-tap border
# loops; the generic row and per-element paths) against onnxruntime.
_CONVS = [  # (C, M, H, W, kernel, strides, pads, dilations, group)
    (3, 8, 9, 11, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), 1),
    (4, 6, 10, 10, (3, 3), (2, 2), (1, 0, 1, 2), (1, 1), 1),
    (2, 5, 12, 9, (5, 3), (1, 2), (2, 1, 0, 1), (2, 1), 1),
    (3, 4, 7, 7, (7, 7), (2, 2), (3, 3, 3, 3), (1, 1), 1),
    (8, 8, 6, 6, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), 2),
    (2, 3, 4, 5, (1, 9), (1, 1), (0, 4, 0, 4), (1, 1), 1),
    (5, 4, 8, 8, (1, 1), (2, 2), (0, 0, 0, 0), (1, 1), 1),
]


@pytest.mark.skipif(bool(_MISSING), reason=f"onnx-to-llvm needs unregistered passes: {_MISSING}")
@pytest.mark.parametrize("conv", _CONVS, ids=[f"conv{i}" for i in range(len(_CONVS))])
def test_native_conv_matches_onnxruntime(conv, tmp_path) -> None:
    import onnxruntime as ort
    from onnx import numpy_helper

    c, m, h, w, k, strides, pads, dilations, group = conv
    rng = np.random.default_rng(sum(conv[:4]))
    weight = rng.standard_normal((m, c // group, *k)).astype(np.float32)
    bias = rng.standard_normal(m).astype(np.float32)
    node = helper.make_node("Conv", ["x", "w", "b"], ["y"], kernel_shape=list(k),
                            strides=list(strides), pads=list(pads), dilations=list(dilations),
                            group=group)  # fmt: skip
    relu = helper.make_node("Relu", ["y"], ["z"])  # fused into the conv as its epilogue
    graph = helper.make_graph(
        [node, relu], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, c, h, w])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, None)],
        [numpy_helper.from_array(weight, "w"), numpy_helper.from_array(bias, "b")],
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    x = rng.standard_normal((1, c, h, w)).astype(np.float32)
    expected = ort.InferenceSession(model.SerializeToString(),
                                    providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]  # fmt: skip
    got = dialir.compile_onnx(model, cache=str(tmp_path)).run({"x": x})["z"]
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


# ONNX's multidirectional broadcasting where sizes are known only at run time: a dynamic
# size of 1 broadcast against N (elementwise ops, matmul's batch), against onnxruntime.
def _binary_model(op: str, a_shape: list, b_shape: list, then: str | None = None
                  ) -> onnx.ModelProto:  # fmt: skip
    names = ["a", "b"]
    nodes = [helper.make_node(op, names, ["y" if then else "z"])]
    if then is not None:  # a second op on the result (fused into the first as its epilogue)
        names.append("c")
        nodes.append(helper.make_node(then, ["y", "c"], ["z"]))
    shapes = [a_shape, b_shape, a_shape[:-1] + [b_shape[-1]]]
    inputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in zip(names, shapes)]
    graph = helper.make_graph(nodes, "g", inputs,
                              [helper.make_tensor_value_info("z", TensorProto.FLOAT, None)])  # fmt: skip
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def _check_against_onnxruntime(model: onnx.ModelProto, feeds: dict, tmp_path) -> None:
    import onnxruntime as ort

    expected = ort.InferenceSession(model.SerializeToString(),
                                    providers=["CPUExecutionProvider"]).run(None, feeds)[0]  # fmt: skip
    got = dialir.compile_onnx(model, cache=str(tmp_path)).run(feeds)["z"]
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


_BROADCASTS = [  # (op, a's declared shape, b's, a's run-time shape, b's)
    ("Add", ["n", 3], ["m", 3], (1, 3), (4, 3)),
    ("Add", ["n", 3], ["m", 3], (4, 3), (1, 3)),
    ("Mul", ["n", "k"], ["m", "l"], (4, 1), (1, 3)),
    ("Sub", ["n"], [4], (1,), (4,)),
    ("Max", [2, "k", 3], ["k"], (2, 1, 3), (3,)),
    ("Div", ["n", "k"], ["n", "k"], (2, 3), (2, 3)),
    ("Add", ["n", 0], ["m", 0], (1, 0), (3, 0)),
    ("MatMul", ["n", 2, 3], ["m", 3, 4], (1, 2, 3), (5, 3, 4)),
    ("MatMul", ["n", 2, 3], ["m", 3, 4], (5, 2, 3), (1, 3, 4)),
    ("MatMul", ["n", 2, 3], [5, 3, 4], (1, 2, 3), (5, 3, 4)),
    ("MatMul", [2, 1, 2, 3], [3, 3, 4], (2, 1, 2, 3), (3, 3, 4)),
    ("MatMul", ["p", "n", 2, 3], ["m", 3, 4], (2, 1, 2, 3), (3, 3, 4)),
    ("MatMul", ["n", 2, 3], [3], (4, 2, 3), (3,)),
]


@pytest.mark.skipif(bool(_MISSING), reason=f"onnx-to-llvm needs unregistered passes: {_MISSING}")
@pytest.mark.parametrize("case", _BROADCASTS, ids=[f"{c[0]}{i}" for i, c in enumerate(_BROADCASTS)])
def test_dynamic_broadcast_matches_onnxruntime(case, tmp_path) -> None:
    op, a_shape, b_shape, a_run, b_run = case
    rng = np.random.default_rng(len(a_run) * 7 + len(b_run))
    feeds = {"a": rng.standard_normal(a_run).astype(np.float32) + 3,
             "b": rng.standard_normal(b_run).astype(np.float32) + 3}  # fmt: skip
    _check_against_onnxruntime(_binary_model(op, a_shape, b_shape), feeds, tmp_path)


@pytest.mark.skipif(bool(_MISSING), reason=f"onnx-to-llvm needs unregistered passes: {_MISSING}")
def test_dynamic_broadcast_in_a_matmul_epilogue(tmp_path) -> None:
    model = _binary_model("MatMul", ["n", 2, 3], [3, 4], then="Add")
    rng = np.random.default_rng(1)
    feeds = {"a": rng.standard_normal((3, 2, 3)).astype(np.float32),
             "b": rng.standard_normal((3, 4)).astype(np.float32),
             "c": rng.standard_normal((1, 2, 4)).astype(np.float32)}  # fmt: skip
    _check_against_onnxruntime(model, feeds, tmp_path)


@pytest.mark.skipif(bool(_MISSING), reason=f"onnx-to-llvm needs unregistered passes: {_MISSING}")
@pytest.mark.parametrize(("op", "message"), [
    ("Add", "nn.add: operand sizes are not broadcast-compatible"),
    ("MatMul", "nn.matmul: operand sizes do not match"),
])  # fmt: skip
def test_sizes_that_do_not_broadcast_fail_with_a_message(op, message, tmp_path, capfd) -> None:
    from dialir.execution.jit import JitError

    model = dialir.compile_onnx(_binary_model(op, ["n", 3, 3], ["m", 3, 3]), cache=str(tmp_path))
    feeds = {"a": np.ones((2, 3, 3), np.float32), "b": np.ones((3, 3, 3), np.float32)}
    with pytest.raises(JitError, match="cf.assert"):
        model.run(feeds)
    assert message in capfd.readouterr().out
