"""Semantics of the arith dialect, written once for scalars and arrays (so a region whose
body works on scalars runs on whole arrays at once).

Integers are computed on signed or unsigned views of their storage as each op reads them and
wrapped back to the type's width; what MLIR leaves undefined (division by zero, signed
division overflow, shifts past the width, float-to-int overflow) is an error at the op.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dialir.core.ir.dtypes import is_bf16
from dialir.core.ir.operation import Operation
from dialir.core.ir.types import IntegerType, ShapedType, Type
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Handler,
    Interpreter,
    IntInfo,
    any_true,
    as_signed,
    as_unsigned,
    constant_value,
    int_info,
    register_handler,
    storage_dtype,
    to_storage,
)

# -- constants and integer arithmetic ------------------------------------------------------


@register_handler("arith.constant")  # constant_value rounds bf16 itself
def _constant(interp: Interpreter, op: Operation, args: list) -> Any:
    value = interp.cache.get(op)
    if value is None:
        value = interp.cache[op] = constant_value(op.get_attr("value"), op.results[0].type)
    return (value,)


def _int_binary(fn: Callable, unsigned: bool = False) -> Handler:
    """An integer op computing `fn(a, b, info)` on signed (or unsigned) views of its
    operands; the result wraps to the type's width."""

    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        a, b = args
        info = int_info(op.results[0].type)
        if info.native and not unsigned:
            return (fn(a, b, info),)
        view = as_unsigned if unsigned else as_signed
        return (to_storage(fn(view(a, info), view(b, info), info), info),)

    return handler


def _check_divisor(b: Any) -> None:
    if any_true(b == 0):
        raise ExecutionError("division by zero")


def _check_signed_division(a: Any, b: Any, info: IntInfo) -> None:
    _check_divisor(b)
    if any_true((a == -(1 << (info.width - 1))) & (b == -1)):
        raise ExecutionError("signed division overflow (minimum value divided by -1)")


def _divsi(a: Any, b: Any, info: IntInfo) -> Any:
    _check_signed_division(a, b, info)
    return (a - np.fmod(a, b)) // b  # exact division after removing the truncated remainder


def _ceildivsi(a: Any, b: Any, info: IntInfo) -> Any:
    _check_signed_division(a, b, info)
    r = np.fmod(a, b)
    q = (a - r) // b
    return q + ((r != 0) & ((a < 0) == (b < 0))).astype(q.dtype)


def _floordivsi(a: Any, b: Any, info: IntInfo) -> Any:
    _check_signed_division(a, b, info)
    return a // b


def _remsi(a: Any, b: Any, info: IntInfo) -> Any:
    _check_divisor(b)
    return np.fmod(a, b)


def _divui(a: Any, b: Any, info: IntInfo) -> Any:
    _check_divisor(b)
    return a // b


def _ceildivui(a: Any, b: Any, info: IntInfo) -> Any:
    _check_divisor(b)
    return a // b + (a % b != 0).astype(a.dtype)


def _remui(a: Any, b: Any, info: IntInfo) -> Any:
    _check_divisor(b)
    return a % b


def _shift_amount(b: Any, info: IntInfo) -> Any:
    u = as_unsigned(b, info)
    if any_true(u >= info.width):
        raise ExecutionError(f"shift amount is not less than the bit width ({info.width})")
    return u


def _shli(a: Any, b: Any, info: IntInfo) -> Any:
    return a << _shift_amount(b, info).astype(a.dtype)


def _shrsi(a: Any, b: Any, info: IntInfo) -> Any:
    return a >> _shift_amount(b, info).astype(a.dtype)


def _shrui(a: Any, b: Any, info: IntInfo) -> Any:
    return a >> _shift_amount(b, info).astype(a.dtype)


for _name, _fn, _unsigned_op in (
    ("addi", lambda a, b, i: a + b, False),
    ("subi", lambda a, b, i: a - b, False),
    ("muli", lambda a, b, i: a * b, False),
    ("divsi", _divsi, False),
    ("divui", _divui, True),
    ("ceildivsi", _ceildivsi, False),
    ("ceildivui", _ceildivui, True),
    ("floordivsi", _floordivsi, False),
    ("remsi", _remsi, False),
    ("remui", _remui, True),
    ("andi", lambda a, b, i: a & b, False),
    ("ori", lambda a, b, i: a | b, False),
    ("xori", lambda a, b, i: a ^ b, False),
    ("shli", _shli, False),
    ("shrsi", _shrsi, False),
    ("shrui", _shrui, True),
    ("maxsi", lambda a, b, i: np.maximum(a, b), False),
    ("minsi", lambda a, b, i: np.minimum(a, b), False),
    ("maxui", lambda a, b, i: np.maximum(a, b), True),
    ("minui", lambda a, b, i: np.minimum(a, b), True),
):
    register_handler(f"arith.{_name}", _int_binary(_fn, _unsigned_op))


@register_handler("arith.addui_extended")
def _addui_extended(interp: Interpreter, op: Operation, args: list) -> Any:
    info = int_info(op.results[0].type)
    a, b = as_unsigned(args[0], info), as_unsigned(args[1], info)
    total = a + b
    if info.width < info.udtype.itemsize * 8:
        total = total & ((1 << info.width) - 1)
    return (to_storage(total, info), total < a)


# -- floats --------------------------------------------------------------------------------


def float_binary(fn: Callable) -> Handler:
    """A float op computing `fn(a, b)` elementwise (math's binary functions too)."""

    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        return (fn(args[0], args[1]),)

    return handler


for _name, _fn in (
    ("addf", lambda a, b: a + b),
    ("subf", lambda a, b: a - b),
    ("mulf", lambda a, b: a * b),
    ("divf", lambda a, b: a / b),
    ("remf", np.fmod),
    ("maximumf", np.maximum),  # NaN-propagating
    ("minimumf", np.minimum),
    ("maxnumf", np.fmax),  # NaN-ignoring
    ("minnumf", np.fmin),
):
    register_handler(f"arith.{_name}", float_binary(_fn), rounds_bf16=True)


@register_handler("arith.negf", rounds_bf16=True)
def _negf(interp: Interpreter, op: Operation, args: list) -> Any:
    return (-args[0],)


# -- comparisons and select ----------------------------------------------------------------

_CMPI_SIGNED = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "slt": lambda a, b: a < b,
    "sle": lambda a, b: a <= b,
    "sgt": lambda a, b: a > b,
    "sge": lambda a, b: a >= b,
}
_CMPI_UNSIGNED = {
    "ult": lambda a, b: a < b,
    "ule": lambda a, b: a <= b,
    "ugt": lambda a, b: a > b,
    "uge": lambda a, b: a >= b,
}
_CMPI_CASES = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"]


@register_handler("arith.cmpi")
def _cmpi(interp: Interpreter, op: Operation, args: list) -> Any:
    plan = interp.cache.get(op)
    if plan is None:
        pred = _CMPI_CASES[op.get_attr("predicate").value]
        fn = _CMPI_SIGNED.get(pred)
        view = as_signed if fn is not None else as_unsigned
        plan = interp.cache[op] = (fn or _CMPI_UNSIGNED[pred], view, int_info(op.operand(0).type))
    fn, view, info = plan
    if info.native and view is as_signed:
        return (fn(args[0], args[1]),)
    return (fn(view(args[0], info), view(args[1], info)),)


_CMPF = [
    lambda a, b: (a != a) & False,  # false
    lambda a, b: a == b,  # oeq
    lambda a, b: a > b,  # ogt
    lambda a, b: a >= b,  # oge
    lambda a, b: a < b,  # olt
    lambda a, b: a <= b,  # ole
    lambda a, b: (a < b) | (a > b),  # one
    lambda a, b: (a == a) & (b == b),  # ord
    lambda a, b: ~((a < b) | (a > b)),  # ueq
    lambda a, b: ~(a <= b),  # ugt
    lambda a, b: ~(a < b),  # uge
    lambda a, b: ~(a >= b),  # ult
    lambda a, b: ~(a > b),  # ule
    lambda a, b: a != b,  # une
    lambda a, b: (a != a) | (b != b),  # uno
    lambda a, b: (a == a) | True,  # true
]


@register_handler("arith.cmpf")
def _cmpf(interp: Interpreter, op: Operation, args: list) -> Any:
    return (_CMPF[op.get_attr("predicate").value](args[0], args[1]),)


@register_handler("arith.select", rounds_bf16=True)
def _select(interp: Interpreter, op: Operation, args: list) -> Any:
    cond, t, f = args
    if isinstance(cond, np.ndarray) and cond.ndim > 0:
        return (np.where(cond, t, f),)
    return (t if cond else f,)


# -- casts ---------------------------------------------------------------------------------


def _cast(fn: Callable) -> Handler:
    """A cast computing `fn(x, in_type, out_type)`."""

    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        return (fn(args[0], op.operand(0).type, op.results[0].type),)

    return handler


def _extsi(x: Any, a: Type, b: Type) -> Any:
    return as_signed(x, int_info(a)).astype(storage_dtype(b))


def _extui(x: Any, a: Type, b: Type) -> Any:
    return as_unsigned(x, int_info(a)).astype(storage_dtype(b))


def _trunci(x: Any, a: Type, b: Type) -> Any:
    return to_storage(x, int_info(b))


def _index_cast(x: Any, a: Type, b: Type) -> Any:
    return to_storage(as_signed(x, int_info(a)), int_info(b))


def _index_castui(x: Any, a: Type, b: Type) -> Any:
    return to_storage(as_unsigned(x, int_info(a)), int_info(b))


def _sitofp(x: Any, a: Type, b: Type) -> Any:
    return as_signed(x, int_info(a)).astype(storage_dtype(b))


def _uitofp(x: Any, a: Type, b: Type) -> Any:
    return as_unsigned(x, int_info(a)).astype(storage_dtype(b))


def _fp_to_int(signed: bool) -> Callable:
    def cast(x: Any, a: Type, b: Type) -> Any:
        info = int_info(b)
        t = np.trunc(x.astype(np.float64))
        w = info.width
        lo, hi = (-(2.0 ** (w - 1)), 2.0 ** (w - 1)) if signed else (0.0, 2.0**w)
        if not np.all((t >= lo) & (t < hi)):
            kind = "signed" if signed else "unsigned"
            raise ExecutionError(f"value out of the range of {w}-bit {kind} integers (poison)")
        if signed:
            return to_storage(t.astype(np.int64), info)
        return to_storage(t.astype(np.uint64), info)

    return cast


def _float_cast(x: Any, a: Type, b: Type) -> Any:
    return x.astype(storage_dtype(b))


def _bitcast(x: Any, a: Type, b: Type) -> Any:
    if is_bf16(a):  # float32 storage: the bf16 bits are its upper half
        x = (x.view(np.uint32) >> 16).astype(np.uint16)
    if is_bf16(b):
        return (as_unsigned(x, int_info(a)).astype(np.uint32) << 16).view(np.float32)
    dtype = storage_dtype(b)
    ea, eb = (t.element_type if isinstance(t, ShapedType) else t for t in (a, b))
    if isinstance(ea, IntegerType) and ea.width < 8 * dtype.itemsize:
        x = as_unsigned(x, int_info(a))  # i4 -> f4E2M1FN: the code, zero-extended
    if isinstance(eb, IntegerType) and eb.width < 8 * x.dtype.itemsize:
        return to_storage(x.view(np.uint8), int_info(b))
    return x if x.dtype == dtype else x.view(dtype)


for _name, _fn in (
    ("extsi", _extsi),
    ("extui", _extui),
    ("trunci", _trunci),
    ("index_cast", _index_cast),
    ("index_castui", _index_castui),
    ("sitofp", _sitofp),
    ("uitofp", _uitofp),
    ("fptosi", _fp_to_int(True)),
    ("fptoui", _fp_to_int(False)),
    ("extf", _float_cast),
    ("truncf", _float_cast),
    ("bitcast", _bitcast),
):
    register_handler(f"arith.{_name}", _cast(_fn), rounds_bf16=True)
