"""Runs an nn module at the nn level and, lowered with convert-nn-to-affine, at the loop
level on the interpreter, and compares the two (shared by the nn-to-affine tests)."""

from __future__ import annotations

import numpy as np

from dialir.conversions.nn_to_affine.boundary import from_loop_level, to_loop_level
from dialir.core.ir.verifier import verify
from dialir.core.passes import parse_pipeline
from dialir.execution.interpreter import run_function
from dialir.parser.parser import parse

LOWER = "builtin.module(convert-nn-to-affine)"


def lower(text: str, pipeline: str = LOWER):
    module = parse(text, "test.mlir")
    parse_pipeline(pipeline).run(module)
    verify(module)
    return module


def _func(module, name):
    for op in module.regions[0].blocks[0].ops:
        if op.name == "func.func" and (name is None or op.get_attr("sym_name").value == name):
            return op
    raise LookupError(name)


def compare(
    text: str,
    inputs: list,
    *,
    rtol: float = 1e-5,
    atol: float = 1e-6,
    pipeline: str = LOWER,
    name: str | None = None,
    out_params: bool = False,
) -> list:
    """Assert that the lowered module computes what the nn module does; the loop module."""
    nn_module = parse(text, "test.mlir")
    fn = _func(nn_module, name)
    fname = fn.get_attr("sym_name").value
    ftype = fn.get_attr("function_type").value
    expected = run_function(nn_module, fname, inputs)
    module = lower(text, pipeline)
    args = [to_loop_level(np.asarray(a), t) for a, t in zip(inputs, ftype.inputs)]
    if out_params:
        outs = [
            np.zeros(e.shape, to_loop_level(e, t).dtype) for e, t in zip(expected, ftype.results)
        ]
        got = run_function(module, fname, args + outs)
        assert got == [] or len(got) == 0
        got = outs
    else:
        got = run_function(module, fname, args)
    assert len(got) == len(expected)
    for i, (e, g, t) in enumerate(zip(expected, got, ftype.results)):
        g = from_loop_level(np.asarray(g), t)
        assert g.shape == e.shape, f"result #{i}: shape {g.shape} != {e.shape}"
        assert g.dtype == e.dtype, f"result #{i}: dtype {g.dtype} != {e.dtype}"
        if e.dtype.kind == "f" or e.dtype.kind == "V" or "float" in str(e.dtype):
            np.testing.assert_allclose(
                g.astype(np.float64), e.astype(np.float64), rtol=rtol, atol=atol,
                equal_nan=True, err_msg=f"result #{i}",
            )  # fmt: skip
        else:
            np.testing.assert_array_equal(g, e, err_msg=f"result #{i}")
    return module
