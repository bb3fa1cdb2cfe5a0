"""Semantics of the nn dialect: every op with a numpy reference
(`dialir.dialects.nn.reference.evaluate`) runs it, its results checked against the op's
result types; `nn.elementwise` runs its scalar body once on whole arrays."""

from __future__ import annotations

from typing import Any

import numpy as np

from dialir.core.ir.operation import Operation
from dialir.dialects.nn import reference
from dialir.dialects.nn.ops import OPS
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Interpreter,
    register_handler,
    storage_dtype,
    type_mismatch,
)


def _evaluate(interp: Interpreter, op: Operation, args: list) -> Any:
    results = reference.evaluate(op, args)
    # The reference and the op's (inferred) result types must agree: the interpreter is the
    # oracle, so a disagreement is an error, not a silently different shape.
    for i, (r, v) in enumerate(zip(op.results, results)):
        problem = type_mismatch(r.type, v)
        if problem is not None:
            raise ExecutionError(f"result #{i}: {problem}")
    return results


for _cls in OPS:
    if reference.has_reference(_cls.OP_NAME):
        register_handler(_cls.OP_NAME, _evaluate)


@register_handler("nn.elementwise")
def _elementwise(interp: Interpreter, op: Operation, args: list) -> Any:
    """The scalar body runs once on whole arrays (the inputs broadcast to the result shape),
    as every arith/math handler works on arrays too."""
    t = op.results[0].type
    shape = np.broadcast_shapes(*(np.shape(a) for a in args)) if args else ()
    if len(shape) != t.rank:
        shape = (1,) * (t.rank - len(shape)) + tuple(shape)
    inputs = [np.broadcast_to(a, shape) for a in args]
    (out,) = interp.run_region(op.regions[0], inputs)
    out = np.broadcast_to(np.asarray(out, dtype=storage_dtype(t.element_type)), shape)
    return [np.ascontiguousarray(out)]
