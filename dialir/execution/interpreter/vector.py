"""Semantics of the vector dialect: a vector is a numpy array of its shape; loads and stores
cover consecutive elements of the memref's trailing dimensions (an access past a dimension's
end is an error here, undefined behaviour in native code)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dialir.core.ir.operation import Operation
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Interpreter,
    check_indices,
    handler_for,
    register_handler,
)


def vector_window(m: np.ndarray, start: Sequence[Any], shape: Sequence[int]) -> tuple:
    """The subscript of the vector at `start`: the vector covers the memref's trailing
    dimensions (as `vector.load`), the leading ones are single indices."""
    lead = len(start) - len(shape)
    check_indices(m, start)
    last = [int(s) + n - 1 for s, n in zip(start[lead:], shape)]
    check_indices(m, [*start[:lead], *last])
    return tuple(int(s) for s in start[:lead]) + tuple(
        slice(int(s), int(s) + n) for s, n in zip(start[lead:], shape)
    )


@register_handler("vector.load")
def _load(interp: Interpreter, op: Operation, args: list) -> Any:
    m = args[0]
    shape = op.results[0].type.shape
    return (np.array(m[vector_window(m, args[1:], shape)]).reshape(shape),)


@register_handler("vector.store")
def _store(interp: Interpreter, op: Operation, args: list) -> Any:
    value, m = args[0], args[1]
    window = vector_window(m, args[2:], value.shape)
    if not m.flags.writeable:
        raise ExecutionError("store to a read-only memref (a constant global?)")
    m[window] = value
    return ()


@register_handler("vector.broadcast")
def _broadcast(interp: Interpreter, op: Operation, args: list) -> Any:
    src = np.asarray(args[0])
    return (np.array(np.broadcast_to(src, op.results[0].type.shape)),)


# a * b + c as math.fma computes it (fused: one rounding, which fmuladd allows)
register_handler("vector.fma", handler_for("math.fma"), rounds_bf16=True)
