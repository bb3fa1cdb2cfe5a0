"""Semantics of the cf dialect: branches return a `Jump` to their successor; `cf.assert`
failing is an error at the op."""

from __future__ import annotations

from typing import Any

from dialir.core.ir.attrs import StringAttr
from dialir.core.ir.operation import Operation
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Interpreter,
    Jump,
    as_signed,
    int_info,
    register_handler,
)


@register_handler("cf.br")
def _br(interp: Interpreter, op: Operation, args: list) -> Any:
    return Jump(op.successors[0], args)


@register_handler("cf.cond_br")
def _cond_br(interp: Interpreter, op: Operation, args: list) -> Any:
    split = interp.cache.get(op)
    if split is None:
        split = interp.cache[op] = 1 + op.get_attr("operandSegmentSizes").values[1]
    if args[0]:
        return Jump(op.successors[0], args[1:split])
    return Jump(op.successors[1], args[split:])


@register_handler("cf.switch")
def _switch(interp: Interpreter, op: Operation, args: list) -> Any:
    table = interp.cache.get(op)
    if table is None:
        table = interp.cache[op] = _switch_table(op)
    cases, n_default = table
    flag = int(as_signed(args[0], int_info(op.operand(0).type)))
    hit = cases.get(flag)
    if hit is None:
        return Jump(op.successors[0], args[1 : 1 + n_default])
    block, (start, stop) = hit
    return Jump(block, args[start:stop])


def _switch_table(op: Operation) -> tuple[dict, int]:
    """case value -> (its block, its operand slice), and the default's operand count."""
    values = op.get_attr("case_values")
    cases = [] if values is None else [int(v) for v in values.array.reshape(-1).tolist()]
    sizes = op.get_attr("case_operand_segments").values
    _, n_default, _ = op.get_attr("operandSegmentSizes").values
    starts, pos = [], 1 + n_default
    for size in sizes:
        starts.append((pos, pos + size))
        pos += size
    table: dict = {}
    for i, v in enumerate(cases):
        table.setdefault(v, (op.successors[1 + i], starts[i]))
    return table, n_default


@register_handler("cf.assert")
def _assert(interp: Interpreter, op: Operation, args: list) -> Any:
    if not args[0]:
        msg = op.get_attr("msg")
        text = msg.value if isinstance(msg, StringAttr) else ""
        raise ExecutionError(f"assertion failed: {text}" if text else "assertion failed")
    return ()
