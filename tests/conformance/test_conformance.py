"""ONNX's backend node tests through dialir (issue 5, done-when 1 and 2).

The suite runs once, in a fresh process (ONNX generates its test data from numpy's global
random generator when its case modules first import, so a process of its own sees the seeded
data every time); the tests below check its report. The harness itself is checked first, on
small models, so that a broken comparison cannot pass everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import harness
import numpy as np
import pytest
from onnx import TensorProto, helper

from dialir.core.ir.types import RankedTensorType, f32, i64

HERE = Path(__file__).resolve().parent


# -- the harness ---------------------------------------------------------------------------


def _model(nodes, inputs, outputs, opset: int = 17):
    graph = helper.make_graph(nodes, "g", inputs, outputs)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def _case(model, rtol: float = 1e-3, atol: float = 1e-7):
    return SimpleNamespace(name="t", model=model, rtol=rtol, atol=atol)


RELU = _model(
    [helper.make_node("Relu", ["x"], ["y"])],
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])],
)


def test_comparison_checks_shape_dtype_and_values() -> None:
    case = _case(RELU)
    ref = np.array([[0, 1, 2], [3, 4, 5]], np.float32)
    assert harness.compare_outputs(case, [ref], [ref.copy()]) == ""
    assert "shape [3, 2]" in harness.compare_outputs(case, [ref], [ref.reshape(3, 2)])
    assert "dtype float64" in harness.compare_outputs(case, [ref], [ref.astype(np.float64)])
    off = ref.copy()
    off[1, 2] += 0.01
    assert "1 of 6 elements differ" in harness.compare_outputs(case, [ref], [off])
    assert "1 outputs, expected 2" in harness.compare_outputs(case, [ref, ref], [ref])


def test_run_case_passes_and_fails() -> None:
    x = np.array([[-1, 2, -3], [4, -5, 6]], np.float32)
    good = SimpleNamespace(name="t", model=RELU, rtol=1e-3, atol=1e-7,
                           data_sets=[([x], [np.maximum(x, 0)])])  # fmt: skip
    passed = harness.run_case(good, "Relu")
    assert (passed.status, passed.loop_status, passed.native_status) == ("pass",) * 3
    bad = SimpleNamespace(name="t", model=RELU, rtol=1e-3, atol=1e-7, data_sets=[([x], [x])])
    result = harness.run_case(bad, "Relu")
    assert result.status == "fail" and "3 of 6 elements differ" in result.reason
    assert result.native_status == "fail" and "3 of 6 elements differ" in result.native_reason


def test_scope() -> None:
    assert harness.unsupported_reason(_case(RELU), "Relu") == ""
    assert harness.unsupported_reason(_case(RELU), "Acos") == "op type Acos is not in the list"
    strings = _model(
        [helper.make_node("Identity", ["x"], ["y"])],
        [helper.make_tensor_value_info("x", TensorProto.STRING, [2])],
        [helper.make_tensor_value_info("y", TensorProto.STRING, [2])],
    )
    # A listed op counts whatever its values are: strings are in scope, and fail.
    assert harness.unsupported_reason(_case(strings), "Identity") == ""
    result = harness.run_case(_case(strings), "Identity")
    assert result.status == "fail" and "element type STRING" in result.reason
    expanded = _model(
        [helper.make_node("Relu", ["x"], ["t"]), helper.make_node("Sin", ["t"], ["y"])],
        RELU.graph.input, RELU.graph.output,
    )  # fmt: skip
    assert "uses Sin" in harness.unsupported_reason(_case(expanded), "Relu")


def test_result_type_comparison() -> None:
    import onnx

    vi = onnx.shape_inference.infer_shapes(RELU).graph.output[0]
    assert harness._type_difference(vi, RankedTensorType((2, 3), f32)) == ""
    assert "onnx infers shape 2x3" in harness._type_difference(vi, RankedTensorType((2, None), f32))
    assert "element type FLOAT" in harness._type_difference(vi, RankedTensorType((2, 3), i64))
    assert harness.shape_mismatch(_case(RELU)) == ""


# -- the suite -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("conformance") / "report.json"
    proc = subprocess.run(
        [sys.executable, str(HERE / "run.py"), "--json", str(out)],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


def test_pass_rate(report) -> None:
    s = report["summary"]
    failures = [f"{r['name']}: {r['reason']}" for r in report["results"] if r["status"] == "fail"]
    assert s["pass_rate"] >= harness.MIN_PASS_RATE, "\n".join(failures)


def test_native_pass_rate(report) -> None:
    s = report["summary"]
    failures = [
        f"{r['name']}: {r['native_reason']}"
        for r in report["results"]
        if r["native_status"] == "fail"
    ]  # fmt: skip
    assert s["native_pass_rate"] >= harness.MIN_PASS_RATE, "\n".join(failures)


def test_every_passing_case_passes_at_the_loop_level(report) -> None:
    failures = [
        f"{r['name']}: {r['loop_reason']}" for r in report["results"] if r["loop_status"] == "fail"
    ]
    assert report["summary"]["loop_passed"] == report["summary"]["passed"], "\n".join(failures)


def test_every_listed_op_type_has_cases_in_scope(report) -> None:
    covered = {r["op_type"] for r in report["results"] if r["status"] != "unsupported"}
    assert sorted(harness.LISTED_OPS - covered) == []


def test_result_types_match_onnx_shape_inference(report) -> None:
    mismatches = {r["name"]: r["shape_mismatch"] for r in report["results"] if r["shape_mismatch"]}
    unexplained = {
        k: v for k, v in mismatches.items() if k not in harness.EXPLAINED_SHAPE_MISMATCHES
    }
    assert unexplained == {}


def test_status_file_is_up_to_date(report) -> None:
    status = (HERE / "STATUS.md").read_text(encoding="utf-8")
    assert status == report["status"], (
        "tests/conformance/STATUS.md is stale: run python -m tests.conformance.run --write-status"
    )
