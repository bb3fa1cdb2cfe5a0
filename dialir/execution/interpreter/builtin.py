"""Semantics of the builtin ops that run: `builtin.unrealized_conversion_cast` (1:1 casts
pass their value through, as a conversion leaves them between two lowered halves)."""

from __future__ import annotations

from typing import Any

from dialir.core.ir.operation import Operation
from dialir.execution.interpreter.engine import ExecutionError, Interpreter, register_handler


@register_handler("builtin.unrealized_conversion_cast")
def _unrealized_cast(interp: Interpreter, op: Operation, args: list) -> Any:
    if len(args) != len(op.results):
        raise ExecutionError(
            f"casts {len(args)} values to {len(op.results)}: only 1:1 casts have semantics"
        )
    return args
