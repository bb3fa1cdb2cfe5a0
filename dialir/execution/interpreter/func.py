"""Semantics of the func dialect: calls (direct, indirect, to external declarations through
`Interpreter.externals`), returns and function constants."""

from __future__ import annotations

from typing import Any

from dialir.core.ir.operation import Operation
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Interpreter,
    InterpreterError,
    describe,
    ref_text,
    register_handler,
)


@register_handler("func.return")
def _return(interp: Interpreter, op: Operation, args: list) -> Any:
    return args


@register_handler("func.call")
def _call(interp: Interpreter, op: Operation, args: list) -> Any:
    callee = interp.cache.get(op)
    if callee is None:
        callee = interp.cache[op] = interp.lookup_symbol(op, op.get_attr("callee"))
        if callee.name != "func.func":
            raise ExecutionError(f"'{ref_text(op.get_attr('callee'))}' is not a function")
    return _call_noting(interp, op, callee, args)


@register_handler("func.call_indirect")
def _call_indirect(interp: Interpreter, op: Operation, args: list) -> Any:
    callee = args[0]
    if not isinstance(callee, Operation):
        raise ExecutionError(f"callee is {describe(callee)}, not a function")
    return _call_noting(interp, op, callee, args[1:])


def _call_noting(interp: Interpreter, op: Operation, callee: Operation, args: list) -> list:
    try:
        return interp.call(callee, args)
    except InterpreterError as e:
        e.diagnostics[0].attach_note("called from here", op.location)
        raise


@register_handler("func.constant")
def _constant(interp: Interpreter, op: Operation, args: list) -> Any:
    return (interp.lookup_symbol(op, op.get_attr("value")),)
