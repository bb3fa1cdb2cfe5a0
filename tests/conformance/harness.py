"""ONNX's backend node tests through dialir: collect, classify, run, compare, report.

Every test case of `onnx.backend.test.case.node.collect_testcases` is one of:
  pass / fail   its op type is in LISTED_OPS and every node of its graph is too: it runs
                through `dialir.frontends.onnx.backend` and is compared with ONNX's expected
                outputs the way ONNX's own runner compares them (shape, dtype, then allclose
                with the case's rtol/atol). Whatever its values are (strings, sequences, ...),
                a case of a listed op that dialir cannot run counts as a failure;
  unsupported   anything else (another op type, a graph that uses ops outside the list such
                as most function expansions): reported, never counted as a failure.
For every case that imports, the result types dialir computes (the importer's nn type
inference, then `nn-shape-inference` where that pass is registered) are compared with
`onnx.shape_inference.infer_shapes` on the same model with its declared output shapes
removed, so that ONNX has to infer them too.

`render_status` turns the results into tests/conformance/STATUS.md; `run.py` is the command
line, `test_conformance.py` the pytest check.
"""

from __future__ import annotations

import copy
import os
import re
import warnings
from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np

LISTED_OPS = frozenset(
    """Add Sub Mul Div Pow Max Min Neg Abs Relu LeakyRelu Sigmoid Tanh Exp Log Sqrt Erf Gelu
    Clip Cast MatMul Gemm Conv BatchNormalization MaxPool AveragePool GlobalAveragePool
    Softmax LogSoftmax LayerNormalization ReduceSum ReduceMean ReduceMax ReduceMin Reshape
    Flatten Transpose Concat Split Slice Gather Pad Squeeze Unsqueeze Expand Where Equal Less
    Greater LRN Shape Identity Dropout Constant ConstantOfShape Sum Mean""".split()
)
"""The ONNX op types issue 5 maps to the nn dialect (the nn contract's list)."""

# ONNX element type -> the nn dialect's spelling of it (ONNX's signed ints are signless).
NN_ELEMENT_TYPES = {
    "FLOAT": "f32", "FLOAT16": "f16", "BFLOAT16": "bf16", "DOUBLE": "f64", "BOOL": "i1",
    "INT8": "i8", "INT16": "i16", "INT32": "i32", "INT64": "i64", "UINT8": "ui8",
    "UINT16": "ui16", "UINT32": "ui32", "UINT64": "ui64", "INT4": "i4", "UINT4": "ui4",
    "INT2": "i2", "UINT2": "ui2", "FLOAT8E4M3FN": "f8E4M3FN", "FLOAT8E4M3FNUZ": "f8E4M3FNUZ",
    "FLOAT8E5M2": "f8E5M2", "FLOAT8E5M2FNUZ": "f8E5M2FNUZ", "FLOAT8E8M0": "f8E8M0FNU",
    "FLOAT4E2M1": "f4E2M1FN",
}  # fmt: skip

MIN_PASS_RATE = 0.95

EXPLAINED_SHAPE_MISMATCHES: dict[str, str] = {}
"""Case name -> why dialir's inferred result type legitimately differs from ONNX's."""

_EXPANDED = re.compile(r"_expanded(_ver\d+)?$")


@dataclass
class CaseResult:
    name: str
    op_type: str
    status: str  # "pass", "fail" or "unsupported"
    reason: str = ""
    shape_mismatch: str = ""  # dialir's result types vs onnx.shape_inference ("" when equal)
    loop_status: str = ""  # a passing case after nn-to-loops: "pass" or "fail" ("" otherwise)
    loop_reason: str = ""
    native_status: str = ""  # an in-scope case compiled to native code: "pass" or "fail"
    native_reason: str = ""


# -- collecting and classifying -------------------------------------------------------------


def collect_cases() -> list:
    """ONNX's node test cases, sorted by name. ONNX draws many inputs from numpy's global
    generator without seeding it: seed it so that every collection sees the same data (this
    works once per process, as the cases are generated when their modules first import)."""
    import onnx.backend.test.case.node as node_cases

    np.random.seed(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cases = node_cases.collect_testcases(None)
    return sorted(cases, key=lambda c: c.name)


def primary_op_types(cases: list) -> dict[str, str]:
    """Case name -> the op type it tests: its node's, or for a function expansion
    (`<case>_expanded[_verN]`) the op type of the case it expands."""
    by_name = {c.name: c for c in cases}
    out = {}
    for c in cases:
        base = by_name.get(_EXPANDED.sub("", c.name), c)
        nodes = base.model.graph.node
        out[c.name] = nodes[0].op_type if len(nodes) == 1 else "+".join(
            sorted({n.op_type for n in nodes})
        )  # fmt: skip
    return out


def unsupported_reason(case, op_type: str) -> str:
    """Why `case` is outside the conformance scope, or "" when it is in."""

    if op_type not in LISTED_OPS:
        return f"op type {op_type} is not in the list"
    graph = case.model.graph
    outside = sorted({n.op_type for n in graph.node if n.op_type not in LISTED_OPS})
    if outside:
        return f"the graph uses {', '.join(outside)} (not in the list)"
    foreign = sorted({n.domain for n in graph.node if n.domain not in ("", "ai.onnx")})
    if foreign:
        return f"the graph uses the op domain {', '.join(foreign)}"
    return ""


# -- running --------------------------------------------------------------------------------


def run_case(case, op_type: str) -> CaseResult:
    """Run one in-scope case through the backend on both paths — the reference interpreter
    (`status`; a passing case also lowered to loops, `loop_status`) and compiled native code
    (`native_status`) — comparing the outputs each time."""
    native_why = run_case_on(case, native=True)[1]
    native = {"native_status": "fail" if native_why else "pass", "native_reason": native_why}
    rep, why = run_case_on(case, native=False)
    if why:
        return CaseResult(case.name, op_type, "fail", why, **native)
    loop_why = run_case_loops(case, rep)
    return CaseResult(case.name, op_type, "pass", loop_status="fail" if loop_why else "pass",
                      loop_reason=loop_why, **native)  # fmt: skip


def run_case_on(case, native: bool):
    """(the prepared model, "" when every data set matches, else why not)."""
    from onnx import numpy_helper

    from dialir.frontends.onnx import backend

    rep = None
    try:
        rep = backend.prepare(case.model, native=native, cache=False)
        for inputs, expected in case.data_sets:
            inputs = [_to_array(x, numpy_helper) for x in inputs]
            expected = [_to_array(x, numpy_helper) for x in expected]
            outputs = list(rep.run(inputs))
            problem = compare_outputs(case, expected, outputs)
            if problem:
                return rep, problem
    except Exception as e:  # noqa: BLE001 - every failure is reported with its reason
        return rep, error_text(e)
    return rep, ""


def run_case_loops(case, rep) -> str:
    """Run a case lowered with nn-to-loops (affine loops over memrefs) on the interpreter
    and compare as `run_case` does; "" when it matches, else why not. `rep` is the case
    prepared at the nn level: its input checks and result types are the loop level's too."""
    from onnx import numpy_helper

    from dialir.conversions.nn_to_affine.boundary import from_loop_level, to_loop_level
    from dialir.conversions.nn_to_affine.pipeline import nn_to_loops_pipeline
    from dialir.execution.interpreter import run_function
    from dialir.frontends.onnx import backend

    try:
        low = backend.prepare(case.model, native=False, pipeline=nn_to_loops_pipeline())
        ftype = rep.func.get_attr("function_type").value
        for inputs, expected in case.data_sets:
            arrays = rep.check_inputs([_to_array(x, numpy_helper) for x in inputs])
            args = [to_loop_level(a, t) for a, t in zip(arrays, ftype.inputs)]
            outputs = run_function(low.module, "main", args)
            outputs = [from_loop_level(np.asarray(o), t) for o, t in zip(outputs, ftype.results)]
            outputs = [  # as the backend hands them out: bf16, 2- and 4-bit ints in ONNX's dtypes
                o if (dt := backend._onnx_dtype(t)) is None else o.astype(dt)
                for o, t in zip(outputs, ftype.results)
            ]
            expected = [_to_array(x, numpy_helper) for x in expected]
            problem = compare_outputs(case, expected, outputs)
            if problem:
                return problem
    except Exception as e:  # noqa: BLE001 - every failure is reported with its reason
        return error_text(e)
    return ""


def _to_array(x, numpy_helper) -> np.ndarray:
    """ONNX's test data: arrays, numpy scalars (0-d values) or TensorProtos."""
    if isinstance(x, (np.ndarray, np.generic)):
        return np.asarray(x)
    return numpy_helper.to_array(x)


def compare_outputs(case, expected: list, outputs: list) -> str:
    """ONNX's runner's comparison (assert_similar_outputs), as a reason string ("" if the
    outputs match)."""
    if len(outputs) != len(expected):
        return f"{len(outputs)} outputs, expected {len(expected)}"
    names = [o.name for o in case.model.graph.output]
    for i, (ref, out) in enumerate(zip(expected, outputs)):
        out = np.asarray(out)
        what = f"output {i}" + (f" ('{names[i]}')" if i < len(names) else "")
        if out.shape != ref.shape:
            return f"{what}: shape {list(out.shape)}, expected {list(ref.shape)}"
        if ref.dtype == object:
            if not np.array_equal(out, ref):
                return f"{what}: values differ"
            continue
        if out.dtype != ref.dtype:
            return f"{what}: dtype {out.dtype}, expected {ref.dtype}"
        rtol = case.rtol
        if out.dtype.name == "bfloat16":  # as ONNX's runner: two bf16 ulps, compared in f32
            rtol = max(rtol, 2**-6)
            out, ref = out.astype(np.float32), ref.astype(np.float32)
        close = np.isclose(out, ref, rtol=rtol, atol=case.atol, equal_nan=True)
        if not close.all():
            bad = int((~close).sum())
            with np.errstate(all="ignore"):
                diff = np.abs(out.astype(np.float64) - ref.astype(np.float64))
            worst = float(np.nanmax(np.where(close, 0, diff))) if diff.size else 0.0
            return (
                f"{what}: {bad} of {out.size} elements differ beyond rtol={rtol:g}, "
                f"atol={case.atol:g} (largest difference about {worst:.0e})"
            )
    return ""


def error_text(e: Exception) -> str:
    """One deterministic line for an exception: a diagnostic's message, or type: message."""
    from dialir.core.ir.diagnostics import DiagnosticError

    if isinstance(e, DiagnosticError):
        text = e.diagnostics[0].message
    else:
        text = f"{type(e).__name__}: {e}"
    text = " ".join(text.split())
    text = re.sub(r" at 0x[0-9a-f]+", "", text)
    return text if len(text) <= 300 else text[:297] + "..."


# -- result types vs onnx.shape_inference ---------------------------------------------------


def shape_mismatch(case) -> str:
    """How the result types dialir infers differ from onnx.shape_inference's ("" if they
    agree where ONNX knows them: element type, rank, each dimension ONNX gives a value)."""
    import onnx

    from dialir.core.passes import lookup_pass, parse_pipeline
    from dialir.frontends.onnx import import_model

    try:
        module = import_model(case.model)
    except Exception:  # noqa: BLE001 - the run reports import failures
        return ""
    pass_class = lookup_pass("nn-shape-inference")
    if pass_class is not None:
        anchor = getattr(pass_class, "op_name", None)
        inner = f"{anchor}(nn-shape-inference)" if anchor else "nn-shape-inference"
        parse_pipeline(f"builtin.module({inner})").run(module)
    func = next(op for op in module.regions[0].blocks[0].ops if op.name == "func.func")
    returned = func.regions[0].blocks[-1].last.operands
    # ONNX infers from the inputs alone: drop the declared output shapes and value infos.
    model = copy.deepcopy(case.model)
    for vi in model.graph.output:
        if vi.type.WhichOneof("value") == "tensor_type":
            vi.type.tensor_type.ClearField("shape")
    del model.graph.value_info[:]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    except Exception as e:  # noqa: BLE001
        return f"onnx.shape_inference failed: {error_text(e)}"
    problems = []
    for i, (vi, value) in enumerate(zip(inferred.graph.output, returned)):
        why = _type_difference(vi, value.type)
        if why:
            problems.append(f"output {i} ('{vi.name}'): {why}")
    return "; ".join(problems)


def _type_difference(vi, t) -> str:
    import onnx

    from dialir.core.ir.printer import Printer

    tt = vi.type.tensor_type
    ours = Printer.to_string(t)
    elem = onnx.TensorProto.DataType.Name(tt.elem_type) if tt.elem_type else None
    want_elem = NN_ELEMENT_TYPES.get(elem) if elem else None
    shape = getattr(t, "shape", None)
    got_elem = Printer.to_string(t.element_type) if hasattr(t, "element_type") else ours
    if want_elem is not None and got_elem != want_elem:
        return f"dialir infers {ours}, onnx infers element type {elem}"
    if not tt.HasField("shape"):
        return ""
    dims = [d.dim_value if d.HasField("dim_value") else None for d in tt.shape.dim]
    onnx_text = "x".join("?" if d is None else str(d) for d in dims) or "scalar"
    if shape is None or len(shape) != len(dims):
        return f"dialir infers {ours}, onnx infers shape {onnx_text}"
    for a, b in zip(shape, dims):
        if b is not None and a != b:
            return f"dialir infers {ours}, onnx infers shape {onnx_text}"
    return ""


# -- the whole suite ------------------------------------------------------------------------


def run_suite(cases: list | None = None, workers: int | None = None) -> list[CaseResult]:
    """Every case's result, in order. The cases run in `workers` processes (default: one per
    CPU this process may use), forked after the collection so that each sees the same data;
    a worker that dies (a crash in native code) fails the run."""
    global _CASES
    _CASES = collect_cases() if cases is None else cases
    workers = workers or len(os.sched_getaffinity(0))
    chunks = [list(range(i, len(_CASES), workers)) for i in range(workers)]
    if workers == 1 or len(_CASES) < 2:
        results = _run_chunk(list(range(len(_CASES))))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            parts = list(pool.map(_run_chunk, chunks))
        by_index = {i: r for chunk, part in zip(chunks, parts) for i, r in zip(chunk, part)}
        results = [by_index[i] for i in range(len(_CASES))]
    return results


_CASES: list = []


def _run_chunk(indices: list[int]) -> list[CaseResult]:
    op_types = primary_op_types(_CASES)
    results = []
    with np.errstate(all="ignore"):
        for i in indices:
            case = _CASES[i]
            op_type = op_types[case.name]
            why = unsupported_reason(case, op_type)
            if why:
                results.append(CaseResult(case.name, op_type, "unsupported", why))
                continue
            result = run_case(case, op_type)
            result.shape_mismatch = shape_mismatch(case)
            results.append(result)
    return results


def summary(results: list[CaseResult]) -> dict:
    scoped = [r for r in results if r.status != "unsupported"]
    passed = sum(r.status == "pass" for r in scoped)
    native = sum(r.native_status == "pass" for r in scoped)
    mismatches = [r for r in scoped if r.shape_mismatch]
    return {
        "cases": len(results),
        "in_scope": len(scoped),
        "passed": passed,
        "loop_passed": sum(r.loop_status == "pass" for r in scoped),
        "pass_rate": passed / len(scoped) if scoped else 0.0,
        "native_passed": native,
        "native_pass_rate": native / len(scoped) if scoped else 0.0,
        "shape_mismatches": len(mismatches),
        "unexplained_shape_mismatches": [
            r.name for r in mismatches if r.name not in EXPLAINED_SHAPE_MISMATCHES
        ],
    }


def results_json(results: list[CaseResult]) -> list[dict]:
    return [asdict(r) for r in results]


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_status(results: list[CaseResult], onnx_version: str) -> str:
    s = summary(results)
    scoped = [r for r in results if r.status != "unsupported"]
    out = [
        "# ONNX backend node tests: status",
        "",
        "Generated by `python -m tests.conformance.run --write-status`; do not edit by hand "
        "(`tests/conformance/test_conformance.py` fails when this file is stale).",
        "",
        f"onnx {onnx_version}: {s['cases']} node test cases collected, {s['in_scope']} in "
        "scope: their op type is one of the listed ones and every node of their graph is too "
        "(whatever the element types and kinds of their values). Each runs through "
        "`dialir.frontends.onnx.backend` on two paths — compiled to native code (the "
        "`onnx-to-llvm` pipeline, LLVM through llvmlite, the JIT engine: the backend's "
        "default) and on the reference interpreter after the graph passes — and is compared "
        "as ONNX's runner compares (shape, dtype, allclose with the case's rtol/atol).",
        "",
        f"**Native code: {s['native_passed']} / {s['in_scope']} = "
        f"{100 * s['native_pass_rate']:.1f}%** (required: {100 * MIN_PASS_RATE:.0f}%).",
        "",
        f"**Interpreter: {s['passed']} / {s['in_scope']} = {100 * s['pass_rate']:.1f}%** "
        f"(required: {100 * MIN_PASS_RATE:.0f}%).",
        "",
        f"**Loop level: {s['loop_passed']} / {s['passed']}** of the passing cases also pass "
        "lowered with `nn-to-loops` (affine loops over memrefs) on the interpreter.",
        "",
        "| op type | cases | native | interpreter | interpreter failed | loop level |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    per_op: dict[str, Counter] = {}
    for r in scoped:
        per_op.setdefault(r.op_type, Counter())[r.status] += 1
    for op in sorted(LISTED_OPS):
        c = per_op.get(op, Counter())
        total = c["pass"] + c["fail"]
        loops = sum(r.op_type == op and r.loop_status == "pass" for r in scoped)
        native = sum(r.op_type == op and r.native_status == "pass" for r in scoped)
        out.append(f"| {op} | {total} | {native} | {c['pass']} | {c['fail']} | {loops} |")
    native_failures = [r for r in scoped if r.native_status == "fail"]
    out += ["", f"## Native-code failures ({len(native_failures)})", ""]
    if native_failures:
        out += ["| case | op type | reason |", "|---|---|---|"]
        out += [f"| {r.name} | {r.op_type} | {_md(r.native_reason)} |" for r in native_failures]
    else:
        out.append("None.")
    failures = [r for r in scoped if r.status == "fail"]
    out += ["", f"## Interpreter failures ({len(failures)})", ""]
    if failures:
        out += ["| case | op type | reason |", "|---|---|---|"]
        out += [f"| {r.name} | {r.op_type} | {_md(r.reason)} |" for r in failures]
    else:
        out.append("None.")
    loop_failures = [r for r in scoped if r.loop_status == "fail"]
    out += ["", f"## Loop-level failures ({len(loop_failures)})", ""]
    if loop_failures:
        out += ["| case | op type | reason |", "|---|---|---|"]
        out += [f"| {r.name} | {r.op_type} | {_md(r.loop_reason)} |" for r in loop_failures]
    else:
        out.append("None.")
    mismatches = [r for r in scoped if r.shape_mismatch]
    out += [
        "",
        f"## Result types vs `onnx.shape_inference` ({len(mismatches)} mismatches)",
        "",
        "For every in-scope case that imports, the result types dialir infers (the "
        "importer's nn type inference, then `nn-shape-inference` where registered) are "
        "compared with `onnx.shape_inference.infer_shapes` on the model without its declared "
        "output shapes: same element type, same rank, same size wherever ONNX infers one.",
        "",
    ]
    if mismatches:
        out += ["| case | mismatch | explanation |", "|---|---|---|"]
        out += [
            f"| {r.name} | {_md(r.shape_mismatch)} | "
            f"{_md(EXPLAINED_SHAPE_MISMATCHES.get(r.name, 'unexplained'))} |"
            for r in mismatches
        ]
    else:
        out.append("None.")
    unsupported = [r for r in results if r.status == "unsupported"]
    other_ops = Counter(r.op_type for r in unsupported if r.op_type not in LISTED_OPS)
    listed = [r for r in unsupported if r.op_type in LISTED_OPS]
    out += [
        "",
        f"## Unsupported ({len(unsupported)} cases, not counted)",
        "",
        f"{len(listed)} cases of listed op types fall outside the scope:",
        "",
        "| case | op type | why |",
        "|---|---|---|",
    ]
    out += [f"| {r.name} | {r.op_type} | {_md(r.reason)} |" for r in listed]
    out += [
        "",
        f"{sum(other_ops.values())} cases of {len(other_ops)} op types outside the list "
        "(cases per op type):",
        "",
        ", ".join(f"{op} ({n})" for op, n in sorted(other_ops.items())),
        "",
    ]
    return "\n".join(out)
