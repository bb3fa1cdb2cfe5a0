"""Semantics of the affine dialect: loops, conditionals and accesses whose bounds,
conditions and subscripts are affine maps and integer sets of index operands.

`affine.for` runs as a compiled nest (`loop_compiler.py`: the whole nest becomes one Python
function the first time it runs, with the same semantics); `run_for` is the op-by-op
reference it is checked against, and the other ops run their regions with `run_region`.
Out-of-bounds accesses are errors at the op, as for `memref.load`/`memref.store`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dialir.core.ir.dtypes import is_bf16, round_bf16
from dialir.core.ir.operation import Operation
from dialir.core.ir.types import FloatType
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Interpreter,
    as_signed,
    as_unsigned,
    check_indices,
    int_info,
    register_handler,
    storage_dtype,
    to_storage,
)
from dialir.execution.interpreter.loop_compiler import compiled_nest
from dialir.execution.interpreter.vector import vector_window

INDEX = np.int64


def map_values(m: Any, operands: Sequence[Any]) -> tuple:
    """The results of affine map `m` on its operands (dims first, then symbols)."""
    nd = m.num_dims
    return m.evaluate(operands[:nd], operands[nd:])


# -- affine.apply / min / max ----------------------------------------------------------------


@register_handler("affine.apply")
def _apply(interp: Interpreter, op: Operation, args: list) -> Any:
    return (INDEX(map_values(op.map.value, args)[0]),)


@register_handler("affine.min")
def _min(interp: Interpreter, op: Operation, args: list) -> Any:
    return (INDEX(min(map_values(op.map.value, args))),)


@register_handler("affine.max")
def _max(interp: Interpreter, op: Operation, args: list) -> Any:
    return (INDEX(max(map_values(op.map.value, args))),)


# -- accesses --------------------------------------------------------------------------------


@register_handler("affine.load")
def _load(interp: Interpreter, op: Operation, args: list) -> Any:
    m = args[0]
    return (m[check_indices(m, map_values(op.map.value, args[1:]))],)


@register_handler("affine.store")
def _store(interp: Interpreter, op: Operation, args: list) -> Any:
    m = args[1]
    idx = check_indices(m, map_values(op.map.value, args[2:]))
    if not m.flags.writeable:
        raise ExecutionError("store to a read-only memref (a constant global?)")
    m[idx] = args[0]
    return ()


@register_handler("affine.vector_load")
def _vector_load(interp: Interpreter, op: Operation, args: list) -> Any:
    m = args[0]
    shape = op.results[0].type.shape
    window = vector_window(m, map_values(op.map.value, args[1:]), shape)
    return (np.array(m[window]).reshape(shape),)


@register_handler("affine.vector_store")
def _vector_store(interp: Interpreter, op: Operation, args: list) -> Any:
    value, m = args[0], args[1]
    window = vector_window(m, map_values(op.map.value, args[2:]), value.shape)
    if not m.flags.writeable:
        raise ExecutionError("store to a read-only memref (a constant global?)")
    m[window] = value
    return ()


@register_handler("affine.prefetch")
def _prefetch(interp: Interpreter, op: Operation, args: list) -> Any:
    return ()  # a hint to the cache: no effect on values


@register_handler("affine.yield")
def _yield(interp: Interpreter, op: Operation, args: list) -> Any:
    return args


# -- affine.for ------------------------------------------------------------------------------


def for_bounds(op: Operation, args: list) -> tuple[int, int, int, list]:
    """(lower bound, upper bound, step, iter_args inits) of an affine.for on its operands:
    the lower bound is the max of its map's results, the upper bound the min."""
    lb_map, ub_map = op.lowerBoundMap.value, op.upperBoundMap.value
    n_lb = lb_map.num_dims + lb_map.num_symbols
    n_ub = n_lb + ub_map.num_dims + ub_map.num_symbols
    lb = max(map_values(lb_map, args[:n_lb]))
    ub = min(map_values(ub_map, args[n_lb:n_ub]))
    return int(lb), int(ub), op.step_attr.value, args[n_ub:]


@register_handler("affine.for")
def _for(interp: Interpreter, op: Operation, args: list) -> Any:
    fn = compiled_nest(interp, op)
    if fn is not None:
        return fn(interp, args)
    return run_for(interp, op, args)


def run_for(interp: Interpreter, op: Operation, args: list) -> list:
    """affine.for one iteration at a time: the reference the compiled nests match."""
    lb, ub, step, values = for_bounds(op, args)
    region = op.regions[0]
    values = list(values)
    for iv in range(lb, ub, step):
        values = interp.run_region(region, [INDEX(iv), *values])
    return values


# -- affine.parallel -------------------------------------------------------------------------

_FLOAT_COMBINE = {
    "addf": lambda a, b: a + b,
    "mulf": lambda a, b: a * b,
    "maximumf": np.maximum,
    "minimumf": np.minimum,
    "maxnumf": np.fmax,
    "minnumf": np.fmin,
}
_FLOAT_IDENTITY = {  # MLIR's arith::getIdentityValueAttr
    "addf": 0.0,
    "mulf": 1.0,
    "maximumf": -np.inf,
    "minimumf": np.inf,
    "maxnumf": -np.nan,
    "minnumf": np.nan,
}
_INT_COMBINE = {  # (fn, unsigned view)
    "addi": (lambda a, b: a + b, False),
    "muli": (lambda a, b: a * b, False),
    "ori": (lambda a, b: a | b, False),
    "andi": (lambda a, b: a & b, False),
    "xori": (lambda a, b: a ^ b, False),
    "maxs": (np.maximum, False),
    "mins": (np.minimum, False),
    "maxu": (np.maximum, True),
    "minu": (np.minimum, True),
}


def reduction(kind: str, t: Any) -> tuple[Any, Any]:
    """(identity, combine(acc, value)) of an affine.parallel reduction kind on type `t`."""
    if kind == "assign":
        raise ExecutionError("reduction 'assign' has no identity value")
    dtype = storage_dtype(t)
    if isinstance(t, FloatType):
        fn = _FLOAT_COMBINE[kind]
        if is_bf16(t):
            return dtype.type(_FLOAT_IDENTITY[kind]), lambda a, b: round_bf16(fn(a, b))
        return dtype.type(_FLOAT_IDENTITY[kind]), fn
    info = int_info(t)
    fn, unsigned = _INT_COMBINE[kind]
    half = 1 << (info.width - 1)
    identity = {
        "addi": 0, "ori": 0, "maxu": 0, "muli": 1, "andi": -1, "minu": -1,
        "maxs": -half, "mins": half - 1,
    }[kind]  # fmt: skip
    view = as_unsigned if unsigned else as_signed
    return (
        to_storage(np.asarray(identity), info)[()],
        lambda a, b: to_storage(np.asarray(fn(view(a, info), view(b, info))), info)[()],
    )


@register_handler("affine.parallel")
def _parallel(interp: Interpreter, op: Operation, args: list) -> Any:
    n = len(op.steps)
    lows, highs = [], []
    for upper, out in ((False, lows), (True, highs)):
        operands = op.upper_bounds_operands if upper else op.lower_bounds_operands
        start = 0 if not upper else len(op.lower_bounds_operands)
        values = args[start : start + len(operands)]
        for d in range(n):
            res = map_values(op.group_map(upper, d), values)
            out.append(int(min(res) if upper else max(res)))
    steps = op.step_values
    reds = [reduction(k, r.type) for k, r in zip(op.reduction_kinds, op.results)]
    acc = [identity for identity, _ in reds]
    region = op.regions[0]
    for point in np.ndindex(*(max(0, -(-(h - lo) // s)) for lo, h, s in zip(lows, highs, steps))):
        ivs = [INDEX(lo + k * s) for lo, k, s in zip(lows, point, steps)]
        values = interp.run_region(region, ivs)
        acc = [combine(a, v) for (_, combine), a, v in zip(reds, acc, values)]
    return acc


# -- affine.if -------------------------------------------------------------------------------


@register_handler("affine.if")
def _if(interp: Interpreter, op: Operation, args: list) -> Any:
    s = op.condition.value
    if s.evaluate(args[: s.num_dims], args[s.num_dims :]):
        return interp.run_region(op.regions[0], [])
    if op.regions[1].blocks:
        return interp.run_region(op.regions[1], [])
    return ()
