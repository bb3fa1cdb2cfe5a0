"""The ONNX importer, its backend and `dialir-translate --import-onnx`.

Every model the lit tests build (tests/lit/onnx/*.py) also runs here through the backend, with
and without the graph passes, and must match onnxruntime: the lit tests check the IR the
importer writes, these check that it means what ONNX means.
"""

from __future__ import annotations

import io
import os
import re
import runpy
import sys
from pathlib import Path

import ml_dtypes
import numpy as np
import onnx
import onnxruntime
import pytest
from dialir_tools import dialir_translate
from mlir_inputs import REPO_ROOT
from onnx import TensorProto, helper, numpy_helper

from dialir.conversions.onnx_to_llvm import onnx_to_llvm_pipeline
from dialir.core.ir.printer import Printer
from dialir.core.ir.verifier import verify
from dialir.execution.interpreter import run_function
from dialir.frontends.onnx import OnnxImportError, import_model
from dialir.frontends.onnx import backend as onnx_backend
from dialir.frontends.onnx.backend import OnnxBackendError
from dialir.parser.parser import parse

LIT_ONNX = REPO_ROOT / "tests" / "lit" / "onnx"
EXAMPLES = REPO_ROOT / "examples"
F = TensorProto.FLOAT


def _scripts() -> list[Path]:
    return sorted(LIT_ONNX.glob("*.py"))


def _models(variable: str) -> list:
    out = []
    for script in _scripts():
        for name, model in runpy.run_path(str(script)).get(variable, {}).items():
            out.append(pytest.param(model, id=f"{script.stem}.{name}"))
    return out


def _random_inputs(model: onnx.ModelProto, seed: int = 0) -> list[np.ndarray]:
    """Seeded inputs for the graph inputs that are not initializers (symbolic dims: 2)."""
    rng = np.random.default_rng(seed)
    weights = {t.name for t in model.graph.initializer}
    arrays = []
    for vi in model.graph.input:
        if vi.name in weights:
            continue
        tt = vi.type.tensor_type
        shape = [d.dim_value if d.HasField("dim_value") else 2 for d in tt.shape.dim]
        dtype = helper.tensor_dtype_to_np_dtype(tt.elem_type)
        if dtype.kind == "f":
            arrays.append(rng.standard_normal(shape).astype(dtype))
        elif dtype.kind == "b":
            arrays.append(rng.integers(0, 2, shape).astype(bool))
        else:
            arrays.append(rng.integers(0, 3, shape).astype(dtype))
    return arrays


def _expected(model: onnx.ModelProto, inputs: list[np.ndarray]) -> list[np.ndarray]:
    """onnxruntime's outputs; bfloat16 ones (which it cannot hand to numpy) from ONNX's
    reference evaluator, as ml_dtypes.bfloat16 (ONNX's numpy type for BFLOAT16, which the
    backend returns too)."""
    session = onnxruntime.InferenceSession(model.SerializeToString())
    feed = {i.name: x for i, x in zip(session.get_inputs(), inputs)}
    outputs = model.graph.output
    bf16 = {o.name for o in outputs if o.type.tensor_type.elem_type == TensorProto.BFLOAT16}
    names = [o.name for o in outputs if o.name not in bf16]
    values = dict(zip(names, session.run(names, feed)))
    if bf16:
        from onnx.reference import ReferenceEvaluator

        ref = ReferenceEvaluator(model).run(list(bf16), feed)
        values.update({n: np.asarray(v).astype(ml_dtypes.bfloat16) for n, v in zip(bf16, ref)})
    return [values[o.name] for o in outputs]


@pytest.mark.parametrize("model", _models("MODELS"))
@pytest.mark.parametrize("optimize", [False, True], ids=["imported", "optimized"])
def test_lit_model_matches_onnxruntime(model: onnx.ModelProto, optimize: bool) -> None:
    inputs = _random_inputs(model)
    expected = _expected(model, inputs)
    got = onnx_backend.prepare(model, optimize=optimize).run(inputs)
    assert len(got) == len(expected)
    for out, e, g in zip(model.graph.output, expected, got):
        assert g.dtype == e.dtype, out.name
        assert g.shape == e.shape, out.name
        np.testing.assert_allclose(g, e, rtol=1e-4, atol=1e-5, equal_nan=True, err_msg=out.name)


@pytest.mark.parametrize("model", _models("MODELS"))
def test_lit_model_prints_and_parses_back(model: onnx.ModelProto) -> None:
    module = import_model(model)
    for generic in (False, True):
        for debuginfo in (False, True):
            text = Printer.to_string(module, generic=generic, debuginfo=debuginfo)
            again = parse(text, "<imported>")
            verify(again)
            assert Printer.to_string(again, generic=generic, debuginfo=debuginfo) == text


@pytest.mark.parametrize("model", _models("BAD_MODELS"))
def test_bad_model_is_one_cli_error(model: onnx.ModelProto, tmp_path, capsys) -> None:
    path = tmp_path / "bad.onnx"
    onnx.save(model, path)
    assert dialir_translate.main(["--import-onnx", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().split("\n")
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"{path}: error: ")
    assert "internal error" not in lines[0]


# -- the Python API ----------------------------------------------------------------------------


def _small_model(opset: int = 13) -> onnx.ModelProto:
    w = numpy_helper.from_array(np.arange(6, dtype=np.float32).reshape(2, 3), "w")
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "w"], ["mm"], name="mm"),
            helper.make_node("Relu", ["mm"], ["y"], name="relu"),
        ],
        "small",
        [helper.make_tensor_value_info("x", F, ["N", 2])],
        [helper.make_tensor_value_info("y", F, ["N", 3])],
        [w],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def test_path_bytes_and_proto_import_the_same(tmp_path) -> None:
    model = _small_model()
    path = tmp_path / "small.onnx"
    onnx.save(model, path)
    texts = {
        Printer.to_string(import_model(source))
        for source in (str(path), path, path.read_bytes(), model)
    }
    assert len(texts) == 1
    text = texts.pop()
    assert 'func.func @main(%arg0: tensor<?x2xf32> {onnx.name = "x"})' in text
    # Other tests may have made blob "w" already (blobs are process-wide): "w_<n>" then.
    assert re.search(r"nn.constant dense_resource<w(_[0-9]+)?> : tensor<2x3xf32>", text)


def test_errors_name_the_model() -> None:
    model = _small_model(opset=5)
    with pytest.raises(OnnxImportError) as info:
        import_model(model, name="my.onnx")
    assert info.value.filename == "my.onnx"
    assert dialir_translate.render(info.value.diagnostics[0]) == (
        "my.onnx: error: model uses opset 5 of the default ONNX domain; dialir imports opsets "
        f"7 to {onnx.defs.onnx_opset_version()}"
    )
    with pytest.raises(OnnxImportError) as info:
        import_model(model.SerializeToString())
    assert info.value.filename == "<bytes>"


def test_nodes_in_any_order_are_sorted() -> None:
    model = _small_model()
    shuffled = onnx.ModelProto()
    shuffled.CopyFrom(model)
    nodes = list(shuffled.graph.node)
    del shuffled.graph.node[:]
    shuffled.graph.node.extend(reversed(nodes))
    assert Printer.to_string(import_model(shuffled)) == Printer.to_string(import_model(model))


def test_blobs_of_different_models_do_not_clash() -> None:
    """Blobs live in the context: a second model imported into it with an initializer of the
    same name but other data gets another blob, and the first module still computes with its
    own weights."""

    def model(values):
        w = numpy_helper.from_array(np.array(values, np.float32), "clash.w")
        graph = helper.make_graph(
            [helper.make_node("Add", ["x", "clash.w"], ["y"])], "g",
            [helper.make_tensor_value_info("x", F, [2])],
            [helper.make_tensor_value_info("y", F, [2])], [w],
        )  # fmt: skip
        return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])

    first = import_model(model([1, 2]))
    second = import_model(model([10, 20]))
    again = import_model(model([1, 2]))
    key = next(op for op in first.walk() if op.name == "nn.constant").get_attr("value").handle
    key2 = next(op for op in second.walk() if op.name == "nn.constant").get_attr("value").handle
    key3 = next(op for op in again.walk() if op.name == "nn.constant").get_attr("value").handle
    assert key.key != key2.key and key3 is key  # identical bytes share their blob
    zero = np.zeros(2, np.float32)
    assert run_function(first, "main", [zero])[0].tolist() == [1, 2]
    assert run_function(second, "main", [zero])[0].tolist() == [10, 20]
    assert np.frombuffer(key.blob.data, np.float32).tolist() == [1, 2]


def test_external_data_inside_the_model_directory(tmp_path) -> None:
    model = _small_model()
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "model.onnx"
    onnx.save(
        model, path, save_as_external_data=True, all_tensors_to_one_file=True,
        location="weights.bin", size_threshold=0,
    )  # fmt: skip
    assert (tmp_path / "sub" / "weights.bin").exists()
    raw = onnx.load(path, load_external_data=False)
    assert raw.graph.initializer[0].data_location == TensorProto.EXTERNAL
    x = np.array([[1, -1]], np.float32)
    y = run_function(import_model(path), "main", [x])[0]
    np.testing.assert_array_equal(y, np.maximum(x @ np.arange(6).reshape(2, 3), 0))
    # From bytes, the directory must be given.
    with pytest.raises(OnnxImportError, match="no directory to read it from"):
        import_model(path.read_bytes())
    assert run_function(import_model(path.read_bytes(), base_dir=path.parent), "main", [x])


def test_imported_module_has_the_onnx_metadata() -> None:
    model = _small_model()
    model.producer_name = "unit-test"
    module = import_model(model)
    text = Printer.to_string(module)
    assert text.startswith(
        f"module attributes {{onnx.ir_version = {model.ir_version} : i64, "
        'onnx.opset_version = 13 : i64, onnx.producer_name = "unit-test"} {'
    )
    assert '-> (tensor<?x3xf32> {onnx.name = "y"})' in text


def test_all_attribute_values_are_read_or_rejected() -> None:
    """An attribute the converter does not read is an error, not silently dropped: here
    Gemm's `broadcast`, which opsets older than 7 had."""
    model = _small_model()
    node = model.graph.node[0]
    node.op_type = "Gemm"
    node.attribute.append(helper.make_attribute("broadcast", 1))
    with pytest.raises(OnnxImportError, match=r"node 'mm' \(Gemm, opset 13\): unknown attribute"):
        import_model(model)


def test_squeeze_without_axes_needs_static_shapes() -> None:
    graph = helper.make_graph(
        [helper.make_node("Squeeze", ["x"], ["y"], name="sq")], "g",
        [helper.make_tensor_value_info("x", F, ["N", 1, 3])],
        [helper.make_tensor_value_info("y", F, None)],
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    with pytest.raises(OnnxImportError, match="Squeeze without axes needs a static input shape"):
        import_model(model)


# -- the backend -------------------------------------------------------------------------------


def test_backend_checks_inputs() -> None:
    rep = onnx_backend.prepare(_small_model())
    x = np.ones((4, 2), np.float32)
    assert rep.run([x])[0].shape == (4, 3)
    assert rep.run({"x": x}).y.shape == (4, 3)
    assert rep.run(x)["y"].shape == (4, 3)
    cases = [
        (
            [x.astype(np.float64)],
            "input 'x' must have dtype float32 (element type f32), got float64",
        ),
        ([np.ones((4, 3), np.float32)], "input 'x' must have shape [?, 2], got [4, 3]"),
        ([np.ones(2, np.float32)], "input 'x' must have shape [?, 2], got [2]"),
        ([x, x], "the model takes 1 input(s) ['x'], but 2 were given"),
        ({"z": x}, "unknown input name(s) ['z']; the model's inputs are ['x']"),
        ({}, "missing input(s) ['x']"),
        (42, "inputs must be a list of numpy arrays or a dict by name, not int"),
    ]
    for inputs, message in cases:
        with pytest.raises(OnnxBackendError) as info:
            rep.run(inputs)
        assert str(info.value) == message


def test_backend_devices_and_run_node() -> None:
    assert onnx_backend.supports_device("CPU")
    assert not onnx_backend.supports_device("CUDA")
    assert not onnx_backend.supports_device("TPU")
    with pytest.raises(OnnxBackendError, match="device 'CUDA' is not supported"):
        onnx_backend.prepare(_small_model(), "CUDA")
    node = helper.make_node("Gemm", ["a", "b"], ["c"], transB=1, alpha=2.0)
    a, b = np.ones((2, 3), np.float32), np.full((4, 3), 0.5, np.float32)
    (c,) = onnx_backend.run_node(node, [a, b])
    np.testing.assert_allclose(c, 2.0 * a @ b.T)
    (d,) = onnx_backend.run_node(
        helper.make_node("Softmax", ["x"], ["y"], axis=0), [np.ones((2, 2), np.float32)],
        opset_version=11, outputs_info=[(np.float32, (2, 2))],
    )  # fmt: skip
    np.testing.assert_allclose(d, np.full((2, 2), 0.25))
    (m,) = onnx_backend.run_model(_small_model(), [np.ones((1, 2), np.float32)])
    np.testing.assert_allclose(m, [[3, 5, 7]])


def test_backend_pipeline_is_the_available_graph_passes() -> None:
    pipeline = onnx_backend.default_pipeline()
    assert pipeline.startswith("builtin.module(func.func(canonicalize")
    rep = onnx_backend.prepare(
        _small_model(), native=False, pipeline="builtin.module(canonicalize)"
    )
    assert rep.run([np.ones((1, 2), np.float32)])[0].tolist() == [[3, 5, 7]]
    # Native code: the pipeline is the whole lowering (here onnx-to-llvm without graph passes).
    lowering = onnx_to_llvm_pipeline(graph_passes=False)
    rep = onnx_backend.prepare(_small_model(), pipeline=lowering)
    assert isinstance(rep, onnx_backend.NativeBackendRep)
    assert rep.run([np.ones((1, 2), np.float32)])[0].tolist() == [[3, 5, 7]]


# -- dialir-translate --------------------------------------------------------------------------


def test_translate_writes_output_file_and_generic_form(tmp_path, capsys) -> None:
    path, out = tmp_path / "m.onnx", tmp_path / "m.mlir"
    onnx.save(_small_model(), path)
    assert dialir_translate.main(["--import-onnx", str(path), "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert "nn.matmul %arg0, %0" in out.read_text()
    assert dialir_translate.main(["--import-onnx", str(path), "--mlir-print-op-generic"]) == 0
    generic = capsys.readouterr().out
    assert '"nn.matmul"(%arg0, %0) : (tensor<?x2xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>' in (
        generic
    )
    assert dialir_translate.main(["--import-onnx", str(path), "--mlir-print-debuginfo"]) == 0
    assert 'loc("relu")' in capsys.readouterr().out


def test_translate_reads_stdin(monkeypatch, capsys) -> None:
    data = _small_model().SerializeToString()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert dialir_translate.main(["--import-onnx"]) == 0
    assert "nn.relu" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x0a\xff")))
    assert dialir_translate.main(["--import-onnx", "-"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("<stdin>: error: not a valid ONNX model: the protobuf cannot be parsed")


def test_translate_usage_errors(tmp_path, capsys) -> None:
    assert dialir_translate.main([str(tmp_path / "m.onnx")]) == 1
    assert (
        "no translation given (use --import-onnx, --mlir-to-llvmir or --mlir-to-ptx)"
        in capsys.readouterr().err
    )
    missing = tmp_path / "missing.onnx"
    assert dialir_translate.main(["--import-onnx", str(missing)]) == 1
    assert capsys.readouterr().err == (
        f"{missing}: error: could not open input file '{missing}': No such file or directory\n"
    )


# -- the bundled example -----------------------------------------------------------------------


def test_example_model_is_what_make_cnn_builds(tmp_path) -> None:
    make_cnn = runpy.run_path(str(EXAMPLES / "make_cnn.py"))
    out = tmp_path / "cnn.onnx"
    assert make_cnn["main"](["-o", str(out)]) == 0
    assert out.read_bytes() == (EXAMPLES / "cnn.onnx").read_bytes()
    assert os.path.getsize(out) < 200_000


def test_example_runs_and_matches_onnxruntime() -> None:
    run_cnn = runpy.run_path(str(EXAMPLES / "run_cnn.py"))
    text = io.StringIO()
    ours, theirs = run_cnn["run"](EXAMPLES / "cnn.onnx", batch=3, seed=1, out=text)
    assert ours.shape == theirs.shape == (3, 10)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-5)
    assert run_cnn["report"](ours, theirs, out=text)
    log = text.getvalue()
    assert "imported cnn.onnx: nn.batch_norm, nn.constant x10, nn.conv2d x2" in log
    assert "(match, rtol=0.0001, atol=1e-05)" in log
    assert "latency, batch 3: dialir (native code)" in log and "onnxruntime (1 thread)" in log


def test_example_on_the_interpreter() -> None:
    run_cnn = runpy.run_path(str(EXAMPLES / "run_cnn.py"))
    text = io.StringIO()
    ours, theirs = run_cnn["run"](EXAMPLES / "cnn.onnx", batch=2, seed=2, out=text,
                                  interpret=True, repeat=2)  # fmt: skip
    np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-5)
    assert "dialir (reference interpreter)" in text.getvalue()
