"""Semantics of the scf dialect: structured loops and conditionals whose regions run with
`run_region`; terminators (`scf.yield`, `scf.condition`, `scf.reduce`) hand their operands
back to the op that ran the region.

`scf.for` over index runs as a compiled nest (`loop_compiler.py`; `run_for` is the op-by-op
reference). It compares its induction variable with the upper bound signed (or unsigned with
`unsignedCmp`) in the bounds' type; a step that is not positive never ends (MLIR leaves it
undefined): an error here. `scf.parallel` runs its iterations in order, combining each
reduced value into the accumulator (the init value) with its `scf.reduce` region.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dialir.core.ir.operation import Operation
from dialir.core.ir.types import IndexType
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Interpreter,
    as_signed,
    as_unsigned,
    int_info,
    register_handler,
    to_storage,
)
from dialir.execution.interpreter.loop_compiler import compiled_nest


def _returns_operands(interp: Interpreter, op: Operation, args: list) -> Any:
    return args


register_handler("scf.yield", _returns_operands)
register_handler("scf.condition", _returns_operands)  # (condition, forwarded values...)
register_handler("scf.reduce", _returns_operands)  # the values scf.parallel combines
register_handler("scf.reduce.return", _returns_operands)


@register_handler("scf.for")
def _for(interp: Interpreter, op: Operation, args: list) -> Any:
    fn = compiled_nest(interp, op)
    if fn is not None:
        return fn(interp, args)
    return run_for(interp, op, args)


def run_for(interp: Interpreter, op: Operation, args: list) -> list:
    """scf.for one iteration at a time: the reference the compiled nests match."""
    t = op.operand(0).type
    info = int_info(t)
    view = as_unsigned if op.get_attr("unsignedCmp") is not None else as_signed
    lb, ub, step = (int(view(np.asarray(a), info)) for a in args[:3])
    if int(as_signed(np.asarray(args[2]), info)) <= 0:
        raise ExecutionError(f"step must be positive, got {int(as_signed(args[2], info))}")
    region = op.regions[0]
    values = args[3:]
    if isinstance(t, IndexType):
        for iv in range(lb, ub, step):
            values = interp.run_region(region, [np.int64(iv), *values])
        return values
    for iv in range(lb, ub, step):  # iv in the bounds' integer type (wraps as it does)
        values = interp.run_region(region, [to_storage(np.asarray(iv), info)[()], *values])
    return values


@register_handler("scf.while")
def _while(interp: Interpreter, op: Operation, args: list) -> Any:
    before, after = op.regions
    values = args
    while True:
        cond, *forwarded = interp.run_region(before, values)
        if not cond:
            return forwarded
        values = interp.run_region(after, forwarded)


@register_handler("scf.if")
def _if(interp: Interpreter, op: Operation, args: list) -> Any:
    if args[0]:
        return interp.run_region(op.regions[0], [])
    if op.regions[1].blocks:
        return interp.run_region(op.regions[1], [])
    return ()


@register_handler("scf.parallel")
def _parallel(interp: Interpreter, op: Operation, args: list) -> Any:
    n = len(op.body.args)
    lbs, ubs, steps = (
        [int(v) for v in args[k * n : (k + 1) * n]] for k in range(3)
    )  # index operands
    if any(s <= 0 for s in steps):
        raise ExecutionError(f"steps must be positive, got {steps}")
    acc = list(args[3 * n :])
    body = op.regions[0]
    reduce_regions = body.blocks[0].last.regions
    counts = [max(0, -(-(ub - lb) // s)) for lb, ub, s in zip(lbs, ubs, steps)]
    for point in np.ndindex(*counts):
        ivs = [np.int64(lb + k * s) for lb, k, s in zip(lbs, point, steps)]
        values = interp.run_region(body, ivs)
        # The reduce regions run after the body, seeing its values (one env per call).
        acc = [interp.run_region(r, [a, v])[0] for r, a, v in zip(reduce_regions, acc, values)]
    return acc


@register_handler("scf.execute_region")
def _execute_region(interp: Interpreter, op: Operation, args: list) -> Any:
    return interp.run_region(op.regions[0], [])


@register_handler("scf.index_switch")
def _index_switch(interp: Interpreter, op: Operation, args: list) -> Any:
    table = interp.cache.get(op)
    if table is None:
        cases = op.case_values
        table = interp.cache[op] = {c: op.regions[1 + i] for i, c in enumerate(cases)}
    region = table.get(int(args[0]), op.regions[0])
    return interp.run_region(region, [])
