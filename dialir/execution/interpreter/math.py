"""Semantics of the math dialect: numpy's elementary functions, computed in the operand's
own precision (bf16 in float32, rounded after each op), and the integer bit functions."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from dialir.core.ir.operation import Operation
from dialir.execution.interpreter.arith import float_binary
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Handler,
    Interpreter,
    any_true,
    as_signed,
    as_unsigned,
    int_info,
    register_handler,
    scalar_like,
    to_storage,
)


def _round_half_away(a: Any) -> Any:
    t = np.trunc(a)
    return np.where(np.abs(a - t) >= 0.5, t + np.sign(a), t).astype(a.dtype)


def _erf(a: Any) -> Any:
    out = np.vectorize(math.erf, otypes=[np.float64])(np.asarray(a, dtype=np.float64))
    return out.astype(a.dtype)


def _float_unary(fn: Callable) -> Handler:
    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        x = args[0]
        r = fn(x)
        if isinstance(x, np.ndarray):
            return (r if r.dtype == x.dtype else r.astype(x.dtype),)
        r = np.asarray(r)
        return ((r if r.dtype == x.dtype else r.astype(x.dtype))[()],)

    return handler


for _name, _fn in (
    ("absf", np.abs), ("atan", np.arctan), ("cbrt", np.cbrt), ("ceil", np.ceil),
    ("cos", np.cos), ("cosh", np.cosh), ("erf", _erf), ("exp", np.exp), ("exp2", np.exp2),
    ("expm1", np.expm1), ("floor", np.floor), ("log", np.log), ("log10", np.log10),
    ("log1p", np.log1p), ("log2", np.log2), ("round", _round_half_away),
    ("roundeven", np.rint), ("rsqrt", lambda a: 1 / np.sqrt(a)), ("sin", np.sin),
    ("sinh", np.sinh), ("sqrt", np.sqrt), ("tan", np.tan), ("tanh", np.tanh),
    ("trunc", np.trunc),
):  # fmt: skip
    register_handler(f"math.{_name}", _float_unary(_fn), rounds_bf16=True)

for _name, _fn in (("powf", np.power), ("atan2", np.arctan2), ("copysign", np.copysign)):
    register_handler(f"math.{_name}", float_binary(_fn), rounds_bf16=True)


@register_handler("math.fma", rounds_bf16=True)
def _fma(interp: Interpreter, op: Operation, args: list) -> Any:
    a, b, c = args
    if a.dtype.itemsize < 8:  # the exact product of two narrow floats fits a double
        r = a.astype(np.float64) * b + c
        return (r.astype(a.dtype),)
    return (a * b + c,)


@register_handler("math.fpowi", rounds_bf16=True)
def _fpowi(interp: Interpreter, op: Operation, args: list) -> Any:
    a, b = args
    e = as_signed(b, int_info(op.operand(1).type)).astype(np.float64)
    return (np.power(a.astype(np.float64), e).astype(a.dtype),)


@register_handler("math.ipowi")
def _ipowi(interp: Interpreter, op: Operation, args: list) -> Any:
    info = int_info(op.results[0].type)
    a = np.asarray(as_signed(args[0], info)).astype(np.int64)
    b = np.asarray(as_signed(args[1], info)).astype(np.int64)
    a, b = np.broadcast_arrays(a, b)
    if any_true((a == 0) & (b < 0)):
        raise ExecutionError("zero raised to a negative power (division by zero)")
    result = np.ones(a.shape, dtype=np.int64)
    base = a.copy()
    e = np.where(b < 0, 0, b).astype(np.uint64)
    while any_true(e):  # square and multiply; int64 wrap-around is the width's modulo
        result = np.where(e & 1, result * base, result)
        base = base * base
        e = e >> np.uint64(1)
    negative = np.where(a == 1, 1, np.where(a == -1, np.where(b % 2 == 0, 1, -1), 0))
    result = np.where(b < 0, negative, result)
    return (scalar_like(args[0], to_storage(result, info)),)


@register_handler("math.absi")
def _absi(interp: Interpreter, op: Operation, args: list) -> Any:
    info = int_info(op.results[0].type)
    return (to_storage(np.abs(as_signed(args[0], info)), info),)


def _bit_length(u: np.ndarray) -> np.ndarray:
    """Bits needed for each unsigned value (0 for 0), vectorised."""
    u = np.asarray(u, dtype=np.uint64)
    n = np.zeros(u.shape, dtype=np.uint64)
    for s in (32, 16, 8, 4, 2, 1):
        hi = u >> np.uint64(s)
        nz = hi != 0
        n = n + np.where(nz, np.uint64(s), np.uint64(0))
        u = np.where(nz, hi, u)
    return n + (u != 0)


def _int_unary(fn: Callable) -> Handler:
    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        info = int_info(op.results[0].type)
        u = np.asarray(as_unsigned(args[0], info), dtype=np.uint64)
        r = fn(u, info.width).astype(np.uint64)
        return (scalar_like(args[0], to_storage(r, info)),)

    return handler


def _cttz(u: np.ndarray, width: int) -> np.ndarray:
    return np.where(u == 0, np.uint64(width), _bit_length(u & (~u + np.uint64(1))) - 1)


register_handler("math.ctpop", _int_unary(lambda u, w: np.bitwise_count(u)))
register_handler("math.ctlz", _int_unary(lambda u, w: w - _bit_length(u)))
register_handler("math.cttz", _int_unary(_cttz))
