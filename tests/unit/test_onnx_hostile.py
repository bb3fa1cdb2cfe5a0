"""Hostile and broken ONNX files: each gives exactly one clear `OnnxImportError` (and, through
dialir-translate, one `file: error: ...` line and exit status 1), never a traceback, never a
read outside the model's directory, never a huge allocation."""

from __future__ import annotations

import os

import numpy as np
import onnx
import pytest
from dialir_tools import dialir_translate
from onnx import TensorProto, helper, numpy_helper

from dialir.frontends.onnx import OnnxImportError, import_model

F = TensorProto.FLOAT


def _model(nodes, inputs, outputs, initializers=(), opset=13, **kwargs) -> onnx.ModelProto:
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(initializers))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], **kwargs)


def _vi(name, shape=(2,), elem=F):
    return helper.make_tensor_value_info(name, elem, None if shape is None else list(shape))


def _relu_model() -> onnx.ModelProto:
    return _model([helper.make_node("Relu", ["x"], ["y"], name="relu")], [_vi("x")], [_vi("y")])


def _error(source, **kwargs) -> str:
    """The one diagnostic's message of importing `source`."""
    with pytest.raises(OnnxImportError) as info:
        import_model(source, **kwargs)
    assert len(info.value.diagnostics) == 1
    return info.value.diagnostics[0].message


# -- not a model -------------------------------------------------------------------------------


def test_every_truncation_is_one_error() -> None:
    data = _model(
        [helper.make_node("Add", ["x", "w"], ["y"], name="add")], [_vi("x", (4,))],
        [_vi("y", (4,))], [numpy_helper.from_array(np.arange(4, dtype=np.float32), "w")],
    ).SerializeToString()  # fmt: skip
    unparsable = 0
    for n in range(len(data)):
        message = _error(data[:n])
        unparsable += "the protobuf cannot be parsed" in message
    # Cut inside a field the protobuf is unreadable; cut between fields a part is missing.
    assert unparsable > len(data) // 2
    assert _error(data[:-3]).startswith("not a valid ONNX model: the protobuf cannot be parsed (")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello, world\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff" * 64,
        b"\x08\x07",  # just an ir_version
        bytes(np.random.default_rng(1).integers(0, 256, 4096, dtype=np.uint8)),
        bytes(np.random.default_rng(2).integers(0, 256, 17, dtype=np.uint8)),
    ],
    ids=["empty", "text", "png", "ff", "ir-version-only", "random-4k", "random-17"],
)
def test_garbage_is_one_error(data: bytes) -> None:
    message = _error(data)
    assert message.startswith(("not a valid ONNX model", "not an ONNX model", "model has IR"))


def test_garbage_file_through_the_cli(tmp_path, capsys) -> None:
    path = tmp_path / "garbage.onnx"
    path.write_bytes(b"\x0a\x05abc")
    assert dialir_translate.main(["--import-onnx", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"{path}: error: not a valid ONNX model: the protobuf cannot be parsed")


def test_model_without_graph_or_ir_version() -> None:
    assert _error(onnx.ModelProto(ir_version=8)) == "not an ONNX model: it has no graph"
    model = _relu_model()
    model.ir_version = 0
    assert _error(model) == (
        "model has IR version 0; dialir imports ONNX IR version 3 and newer "
        "(is this an ONNX model?)"
    )


# -- opsets and domains ------------------------------------------------------------------------


def test_missing_opset_import() -> None:
    model = _relu_model()
    del model.opset_import[:]
    assert _error(model) == "model has no opset_import (required since ONNX IR version 3)"


def test_missing_default_domain() -> None:
    model = _relu_model()
    model.opset_import[0].domain = "com.example"
    assert _error(model) == "model has no opset_import entry for the default ONNX domain"


def test_opset_out_of_range() -> None:
    for version in (1, 6, 999):
        model = _relu_model()
        model.opset_import[0].version = version
        assert f"model uses opset {version} of the default ONNX domain" in _error(model)


def test_conflicting_opset_imports() -> None:
    model = _relu_model()
    model.opset_import.append(helper.make_opsetid("ai.onnx", 11))
    assert _error(model) == "model imports domain 'ai.onnx' twice, with versions 13 and 11"


@pytest.mark.parametrize("domain", ["ai.onnx.ml", "com.microsoft", "evil"])
def test_unknown_domain(domain: str) -> None:
    model = _model(
        [helper.make_node("Relu", ["x"], ["y"], name="r", domain=domain)], [_vi("x")], [_vi("y")]
    )
    model.opset_import.append(helper.make_opsetid(domain, 1))
    assert _error(model) == (
        f"node 'r' (Relu, domain '{domain}'): unsupported operator domain; dialir imports "
        "the default ONNX domain only"
    )


def test_unknown_operator() -> None:
    model = _model([helper.make_node("FrobnicateAll", ["x"], ["y"])], [_vi("x")], [_vi("y")])
    assert _error(model) == "node #0 (FrobnicateAll, opset 13): unknown operator 'FrobnicateAll'"


# -- graph structure ---------------------------------------------------------------------------


def test_cycle() -> None:
    model = _model(
        [
            helper.make_node("Add", ["x", "c"], ["a"], name="a"),
            helper.make_node("Relu", ["a"], ["b"], name="b"),
            helper.make_node("Neg", ["b"], ["c"], name="c"),
            helper.make_node("Relu", ["x"], ["y"], name="ok"),
        ],
        [_vi("x")], [_vi("y")],
    )  # fmt: skip
    assert _error(model) == (
        "graph has a cycle: node 'a' (Add) -> node 'b' (Relu) -> node 'c' (Neg) -> node 'a' (Add)"
    )


def test_self_loop() -> None:
    model = _model([helper.make_node("Add", ["x", "y"], ["y"])], [_vi("x")], [_vi("y")])
    assert _error(model) == "graph has a cycle: node #0 (Add) -> node #0 (Add)"


def test_long_chain_in_reverse_order_is_not_quadratic() -> None:
    """20000 nodes listed last-first: sorted in one pass (the worklist), no recursion."""
    n = 20000
    nodes = [
        helper.make_node("Relu", [f"v{i}"], [f"v{i + 1}" if i + 1 < n else "y"]) for i in range(n)
    ]
    nodes[0].input[0] = "x"
    model = _model(list(reversed(nodes)), [_vi("x")], [_vi("y")])
    module = import_model(model)
    func = next(iter(module.body.ops))
    assert sum(1 for _ in func.regions[0].blocks[0].ops) == n + 1


def test_undefined_input() -> None:
    model = _model([helper.make_node("Add", ["x", "ghost"], ["y"], name="add")], [_vi("x")],
                   [_vi("y")])  # fmt: skip
    assert _error(model) == (
        "node 'add' (Add): input 'ghost' is not defined by any node, graph input or initializer"
    )


def test_duplicate_node_outputs() -> None:
    model = _model(
        [
            helper.make_node("Relu", ["x"], ["y"], name="first"),
            helper.make_node("Neg", ["x"], ["y"], name="second"),
        ],
        [_vi("x")], [_vi("y")],
    )  # fmt: skip
    assert _error(model) == (
        "node 'second' (Neg): output 'y' is already defined by node 'first' (Relu)"
    )


def test_node_output_redefines_a_graph_input() -> None:
    model = _model([helper.make_node("Relu", ["x"], ["x"], name="r")], [_vi("x")], [_vi("x")])
    assert _error(model) == "node 'r' (Relu): output 'x' is already defined by graph input 'x'"


def test_duplicate_graph_outputs() -> None:
    model = _relu_model()
    model.graph.output.append(_vi("y"))
    assert _error(model) == "graph output 'y' is listed twice"


def test_undefined_graph_output() -> None:
    model = _relu_model()
    model.graph.output.append(_vi("z"))
    assert _error(model) == (
        "graph output 'z' is not produced by any node, graph input or initializer"
    )


def test_duplicate_inputs_and_initializers() -> None:
    model = _relu_model()
    model.graph.input.append(_vi("x"))
    assert _error(model) == "graph input 'x' is listed twice"
    model = _relu_model()
    w = numpy_helper.from_array(np.zeros(2, np.float32), "w")
    model.graph.initializer.extend([w, w])
    assert _error(model) == "initializer 'w' is defined twice"


def test_wrong_input_count_and_attribute_type() -> None:
    model = _model([helper.make_node("Relu", ["x", "x"], ["y"], name="r")], [_vi("x")],
                   [_vi("y")])  # fmt: skip
    assert _error(model) == "node 'r' (Relu, opset 13): expects 1 inputs, got 2"
    model = _model([helper.make_node("Softmax", ["x"], ["y"], name="s", axis=1.5)], [_vi("x")],
                   [_vi("y")])  # fmt: skip
    assert _error(model) == (
        "node 's' (Softmax, opset 13): attribute 'axis' must be an int, got FLOAT"
    )


# -- types and dimensions ----------------------------------------------------------------------


def test_bad_graph_input_types() -> None:
    cases = [
        (_vi("x", (2, -5)), "graph input 'x' has an invalid dimension -5"),
        (_vi("x", (2**40,)), f"graph input 'x' has dimension {2**40}, larger than the supported"),
        (_vi("x", None), "graph input 'x' has no shape (unranked tensors are not supported)"),
        (
            _vi("x", (2,), TensorProto.STRING),
            "graph input 'x' has element type STRING, which dialir does not support",
        ),
        (
            helper.make_tensor_sequence_value_info("x", F, [2]),
            "graph input 'x' has type sequence; dialir imports tensors only",
        ),
    ]
    for vi, message in cases:
        model = _relu_model()
        model.graph.input[0].CopyFrom(vi)
        assert _error(model).startswith(message)


def test_unknown_dimensions_are_dynamic() -> None:
    model = _relu_model()
    dim = model.graph.input[0].type.tensor_type.shape.dim
    dim[0].Clear()  # neither dim_value nor dim_param
    model.graph.input[0].type.tensor_type.shape.dim.add().dim_value = -1  # "unknown" too
    model.graph.output[0].type.tensor_type.ClearField("shape")
    func = next(iter(import_model(model).body.ops))
    assert str(func.get_attr("function_type").value.inputs[0].shape) == "(None, None)"


def _with_initializer(tensor: TensorProto) -> onnx.ModelProto:
    return _model(
        [helper.make_node("Identity", [tensor.name], ["y"])], [], [_vi("y", None)], [tensor]
    )


def test_negative_initializer_dims() -> None:
    t = TensorProto(name="w", data_type=F, dims=[2, -3])
    assert _error(_with_initializer(t)) == (
        "initializer 'w' has a negative dimension -3 (dims [2, -3])"
    )


def test_absurd_initializer_size_is_rejected_before_reading() -> None:
    t = TensorProto(name="w", data_type=F, dims=[65536, 65536, 2])
    t.raw_data = b"\x00" * 16
    assert _error(_with_initializer(t)) == (
        "initializer 'w' has 8589934592 elements (dims [65536, 65536, 2]), more than the "
        "2147483648 a tensor in a model may hold"
    )


def test_raw_data_size_mismatch() -> None:
    t = TensorProto(name="w", data_type=F, dims=[3], raw_data=b"\x00" * 8)
    assert _error(_with_initializer(t)) == (
        "initializer 'w' has 8 bytes of raw_data, but its dims [3] of FLOAT need 12"
    )


def test_typed_data_count_mismatch_and_range() -> None:
    t = TensorProto(name="w", data_type=F, dims=[3], float_data=[1.0, 2.0])
    assert _error(_with_initializer(t)) == (
        "initializer 'w' holds 2 values, but its dims [3] need 3"
    )
    t = TensorProto(name="w", data_type=TensorProto.INT8, dims=[1], int32_data=[300])
    assert _error(_with_initializer(t)) == "initializer 'w' holds values outside the range of INT8"
    t = TensorProto(name="w", data_type=TensorProto.STRING, dims=[1], string_data=[b"a"])
    assert _error(_with_initializer(t)) == (
        "initializer 'w' has element type STRING, which dialir does not support"
    )


def test_bad_tensor_attribute_of_a_constant_node() -> None:
    value = TensorProto(name="v", data_type=F, dims=[-1])
    model = _model([helper.make_node("Constant", [], ["y"], name="c", value=value)], [],
                   [_vi("y", None)])  # fmt: skip
    assert _error(model) == (
        "tensor attribute 'value' of node 'c' has a negative dimension -1 (dims [-1])"
    )


# -- external data -----------------------------------------------------------------------------


def _external(tmp_path, location: str, offset=None, length=None, dims=(2,)):
    """A model in tmp_path/model/ whose initializer 'w' lives in external file `location`."""
    t = TensorProto(name="w", data_type=F, dims=list(dims))
    t.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", offset), ("length", length)):
        if value is not None:
            entry = t.external_data.add()
            entry.key, entry.value = key, str(value)
    model_dir = tmp_path / "model"
    model_dir.mkdir(exist_ok=True)
    path = model_dir / "model.onnx"
    onnx.save(_with_initializer(t), path)
    return path


def test_external_data_outside_the_directory(tmp_path) -> None:
    secret = tmp_path / "secret.bin"
    secret.write_bytes(np.ones(2, np.float32).tobytes())
    path = _external(tmp_path, "../secret.bin")
    assert _error(path) == (
        "initializer 'w': external data location '../secret.bin' points outside the model's "
        f"directory '{path.parent}'"
    )
    path = _external(tmp_path, "sub/../../secret.bin")
    assert "points outside the model's directory" in _error(path)


def test_external_data_absolute_path(tmp_path) -> None:
    secret = tmp_path / "secret.bin"
    secret.write_bytes(np.ones(2, np.float32).tobytes())
    path = _external(tmp_path, str(secret))
    assert _error(path) == (
        f"initializer 'w': external data location '{secret}' is an absolute path; external "
        "data must be a relative path inside the model's directory"
    )


def test_external_data_symlink_escaping(tmp_path) -> None:
    secret = tmp_path / "secret.bin"
    secret.write_bytes(np.ones(2, np.float32).tobytes())
    path = _external(tmp_path, "link.bin")
    os.symlink(secret, path.parent / "link.bin")
    assert "external data location 'link.bin' points outside the model's directory" in _error(path)
    os.symlink("/dev/zero", path.parent / "zero.bin")
    path = _external(tmp_path, "zero.bin")
    assert "points outside the model's directory" in _error(path)


def test_external_data_special_files_and_bounds(tmp_path) -> None:
    path = _external(tmp_path, "dir")
    (path.parent / "dir").mkdir()
    assert _error(path) == "initializer 'w': external data location 'dir' is not a regular file"
    data = path.parent / "w.bin"
    data.write_bytes(np.arange(4, dtype=np.float32).tobytes())  # 16 bytes
    path = _external(tmp_path, "w.bin", offset=12, length=8)
    assert _error(path) == (
        "initializer 'w': external data range [12, 20) lies beyond the end of 'w.bin' (16 bytes)"
    )
    path = _external(tmp_path, "w.bin", length=12)
    assert _error(path) == (
        "initializer 'w': external data has length 12, but its dims [2] of FLOAT need 8 bytes"
    )
    path = _external(tmp_path, "w.bin")  # no length: the rest of the file, 16 bytes
    assert "external data has length 16" in _error(path)
    path = _external(tmp_path, "w.bin", offset="-4", length=8)
    assert _error(path) == (
        "initializer 'w': external data offset '-4' is not a non-negative integer"
    )
    path = _external(tmp_path, "w.bin", offset="x", length=8)
    assert "external data offset 'x' is not a non-negative integer" in _error(path)
    path = _external(tmp_path, "missing.bin", length=8)
    assert _error(path) == (
        "initializer 'w': cannot open external data file 'missing.bin': No such file or directory"
    )
    path = _external(tmp_path, "w.bin", offset=8, length=8)  # in bounds: fine
    func = next(iter(import_model(path).body.ops))
    assert func.name == "func.func"


def test_external_data_without_location_or_directory(tmp_path) -> None:
    path = _external(tmp_path, "")
    assert _error(path) == "initializer 'w' has external data without a 'location'"
    path = _external(tmp_path, "w.bin", length=8)
    assert "there is no directory to read it from" in _error(path.read_bytes())


def test_hostile_external_data_through_the_cli(tmp_path, capsys) -> None:
    path = _external(tmp_path, "/etc/passwd", length=8)
    assert dialir_translate.main(["--import-onnx", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"{path}: error: initializer 'w': external data location '/etc/passwd' is an absolute "
        "path; external data must be a relative path inside the model's directory\n"
    )


# -- found by the ONNX campaign (python -m dialir_tools.fuzz onnx) ------------------------------


@pytest.mark.parametrize("field", [b"Relu", b"relu", b"x"])
def test_names_that_are_not_utf8_are_one_error(field: bytes) -> None:
    """Protobuf returns a string field holding invalid UTF-8 as bytes (the op type, a node or
    value name): an error, not a TypeError deep in onnx."""
    data = _relu_model().SerializeToString()
    assert field in data
    bad = data.replace(field, b"\xff" * len(field), 1)
    assert "not valid UTF-8" in _error(bad)


def test_graph_input_without_a_type() -> None:
    model = _relu_model()
    model.graph.input[0].ClearField("type")
    assert "graph input 'x' has no type" in _error(model)
