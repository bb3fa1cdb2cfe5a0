"""math ops: elementary functions on floats (and `absi` on integers), with MLIR's names and
syntax and numpy constant folding.

As in MLIR, the transcendental functions fold only in f32 and f64 (the precisions libm
computes in); `absf`, `floor`, `ceil`, `round` and `fma` fold in every numpy float type.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np

from dialir.core.ir.operation import OpResult
from dialir.core.ir.traits import Pure, SameOperandsAndResultType
from dialir.core.ods.constraints import FloatLike, SameAs, SignlessIntegerLike
from dialir.core.ods.opdef import Op, attribute, operand, result
from dialir.dialects.arith.attrs import FASTMATH_NONE, FastMathFlags
from dialir.dialects.arith.folding import (
    constant_value,
    element_type,
    fold_float_binary,
    fold_float_ternary,
    fold_float_unary,
    fold_int_unary,
    to_signed,
)

_UNARY = "$operand_ (`fastmath` `` $fastmath^)? attr-dict `:` type($result)"
_LIBM_KINDS = ("f32", "f64")


class _FloatUnaryOp(Op):
    """`%r = math.<fn> %x : f32`: one floating-point-like operand, same-typed result."""

    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    operand_ = operand(FloatLike)  # MLIR's `operand`; `Operation.operand(i)` keeps its name
    result = result(FloatLike)
    fastmath = attribute(FastMathFlags, default=FASTMATH_NONE)
    kernel: Callable | None = None  # elementwise numpy function; None: no constant folding
    libm_only = True  # fold in f32/f64 only, as MLIR does for libm-computed functions
    domain: Callable | None = None  # elements the function folds on (MLIR: log of x < 0...)

    def fold(self) -> list | None:
        cls = type(self)
        attr = constant_value(self.operand_)
        if cls.kernel is None or attr is None:
            return None
        if cls.libm_only and getattr(element_type(attr.type), "kind", "") not in _LIBM_KINDS:
            return None
        folded = fold_float_unary(attr, self.result.type, _checked(cls.kernel, cls.domain))
        return None if folded is None else [folded]


class _NotInDomain(Exception):
    pass


def _checked(kernel: Callable, domain: Callable | None) -> Callable:
    if domain is None:
        return kernel

    def fn(a: np.ndarray) -> np.ndarray:
        if not np.all(domain(a)):
            raise _NotInDomain
        return kernel(a)

    return fn


def _fold_guarded(fold: Callable) -> Callable:
    def wrapped(self: Op) -> list | None:
        try:
            return fold(self)
        except _NotInDomain:
            return None

    return wrapped


_FloatUnaryOp.fold = _fold_guarded(_FloatUnaryOp.fold)


def _round_half_away(a: np.ndarray) -> np.ndarray:
    t = np.trunc(a)
    return np.where(np.abs(a - t) >= 0.5, t + np.sign(a), t)


def _erf(a: np.ndarray) -> np.ndarray:
    return np.vectorize(math.erf, otypes=[np.float64])(a.astype(np.float64))


def _unary(name: str, kernel: Callable | None, doc: str, libm: bool = True, domain=None) -> type:
    cls = type(
        "".join(p.capitalize() for p in name.split("_")) + "Op",
        (_FloatUnaryOp,),
        {
            "__slots__": (),
            "__doc__": f"`%r = math.{name} %x : f32`: {doc}",
            "OP_NAME": f"math.{name}",
            "assembly_format": _UNARY,
            "kernel": staticmethod(kernel) if kernel is not None else None,
            "libm_only": libm,
            "domain": staticmethod(domain) if domain is not None else None,
        },
    )
    return cls


_nonneg = lambda a: (a >= 0) | np.isnan(a)  # noqa: E731
_pos = lambda a: (a > 0) | np.isnan(a)  # noqa: E731
_gt_minus_one = lambda a: (a > -1) | np.isnan(a)  # noqa: E731

ExpOp = _unary("exp", np.exp, "e to the x")
Exp2Op = _unary("exp2", np.exp2, "2 to the x")
LogOp = _unary("log", np.log, "natural logarithm", domain=_pos)
Log2Op = _unary("log2", np.log2, "base-2 logarithm", domain=_pos)
Log1pOp = _unary("log1p", np.log1p, "log(1 + x)", domain=_gt_minus_one)
SqrtOp = _unary("sqrt", np.sqrt, "square root", domain=_nonneg)
RsqrtOp = _unary("rsqrt", lambda a: 1 / np.sqrt(a), "1 / sqrt(x)", domain=_pos)
TanhOp = _unary("tanh", np.tanh, "hyperbolic tangent")
ErfOp = _unary("erf", _erf, "error function")
SinOp = _unary("sin", np.sin, "sine")
CosOp = _unary("cos", np.cos, "cosine")
AbsFOp = _unary("absf", np.abs, "absolute value", libm=False)
FloorOp = _unary("floor", np.floor, "round toward -inf", libm=False)
CeilOp = _unary("ceil", np.ceil, "round toward +inf", libm=False)
RoundOp = _unary("round", _round_half_away, "round to nearest, ties away from zero", libm=False)
RoundEvenOp = _unary("roundeven", np.rint, "round to nearest, ties to even", libm=False)
TruncOp = _unary("trunc", np.trunc, "round toward zero", libm=False)
TanOp = _unary("tan", np.tan, "tangent")
AtanOp = _unary("atan", np.arctan, "arctangent")
SinhOp = _unary("sinh", np.sinh, "hyperbolic sine")
CoshOp = _unary("cosh", np.cosh, "hyperbolic cosine")
CbrtOp = _unary("cbrt", np.cbrt, "cube root")
Expm1Op = _unary("expm1", np.expm1, "e to the x, minus 1")
Log10Op = _unary("log10", np.log10, "base-10 logarithm", domain=_pos)


def _absf_fold(self: Op) -> list | None:
    v = self.operand_
    if isinstance(v, OpResult) and isinstance(v.owner, AbsFOp):
        return [v]  # absf(absf(x)) -> absf(x)
    return _FloatUnaryOp.fold(self)


AbsFOp.fold = _absf_fold


class AbsIOp(Op):
    """`%r = math.absi %x : i32`: integer absolute value (abs(MIN) wraps to MIN)."""

    __slots__ = ()
    OP_NAME = "math.absi"
    traits = frozenset({Pure, SameOperandsAndResultType})
    operand_ = operand(SignlessIntegerLike)
    result = result(SignlessIntegerLike)
    assembly_format = "$operand_ attr-dict `:` type($result)"

    def fold(self) -> list | None:
        v = self.operand_
        if isinstance(v, OpResult) and isinstance(v.owner, AbsIOp):
            return [v]  # absi(absi(x)) -> absi(x)
        folded = fold_int_unary(
            constant_value(v), self.result.type, lambda a, w: abs(to_signed(a, w))
        )
        return None if folded is None else [folded]


class PowFOp(Op):
    """`%r = math.powf %a, %b : f32`: a to the power b."""

    __slots__ = ()
    OP_NAME = "math.powf"
    traits = frozenset({Pure, SameOperandsAndResultType})
    lhs = operand(FloatLike)
    rhs = operand(FloatLike)
    result = result(FloatLike)
    fastmath = attribute(FastMathFlags, default=FASTMATH_NONE)
    assembly_format = "$lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($result)"

    def fold(self) -> list | None:
        if getattr(element_type(self.result.type), "kind", "") not in _LIBM_KINDS:
            return None
        folded = fold_float_binary(
            constant_value(self.lhs), constant_value(self.rhs), self.result.type, np.power
        )
        return None if folded is None else [folded]


class _FloatBinaryOp(Op):
    """`%r = math.<fn> %a, %b : f32`"""

    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    lhs = operand(FloatLike)
    rhs = operand(FloatLike)
    result = result(FloatLike)
    fastmath = attribute(FastMathFlags, default=FASTMATH_NONE)
    kernel: Callable = None
    libm_only = True

    def fold(self) -> list | None:
        kind = getattr(element_type(self.result.type), "kind", "")
        if type(self).libm_only and kind not in _LIBM_KINDS:
            return None
        folded = fold_float_binary(
            constant_value(self.lhs), constant_value(self.rhs), self.result.type,
            type(self).kernel,
        )  # fmt: skip
        return None if folded is None else [folded]


class Atan2Op(_FloatBinaryOp):
    """`%r = math.atan2 %y, %x : f32`: the angle of (x, y)."""

    __slots__ = ()
    OP_NAME = "math.atan2"
    assembly_format = "$lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($result)"
    kernel = staticmethod(np.arctan2)


class CopySignOp(_FloatBinaryOp):
    """`%r = math.copysign %a, %b : f32`: a's magnitude with b's sign."""

    __slots__ = ()
    OP_NAME = "math.copysign"
    assembly_format = "$lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($result)"
    kernel = staticmethod(np.copysign)
    libm_only = False


class FPowIOp(Op):
    """`%r = math.fpowi %a, %n : f32, i32`: a float to an integer power."""

    __slots__ = ()
    OP_NAME = "math.fpowi"
    traits = frozenset({Pure})
    lhs = operand(FloatLike)
    rhs = operand(SignlessIntegerLike)
    result = result(SameAs("lhs"))
    fastmath = attribute(FastMathFlags, default=FASTMATH_NONE)
    assembly_format = (
        "$lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($lhs) `,` type($rhs)"
    )


class IPowIOp(Op):
    """`%r = math.ipowi %a, %n : i32`: an integer to an integer power."""

    __slots__ = ()
    OP_NAME = "math.ipowi"
    traits = frozenset({Pure, SameOperandsAndResultType})
    lhs = operand(SignlessIntegerLike)
    rhs = operand(SignlessIntegerLike)
    result = result(SignlessIntegerLike)
    assembly_format = "$lhs `,` $rhs attr-dict `:` type($result)"


class _IntUnaryOp(Op):
    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    operand_ = operand(SignlessIntegerLike)
    result = result(SignlessIntegerLike)
    kernel: Callable[[int, int], int]

    def fold(self) -> list | None:
        folded = fold_int_unary(constant_value(self.operand_), self.result.type, type(self).kernel)
        return None if folded is None else [folded]


class CountLeadingZerosOp(_IntUnaryOp):
    """`%r = math.ctlz %x : i32`"""

    __slots__ = ()
    OP_NAME = "math.ctlz"
    assembly_format = "$operand_ attr-dict `:` type($result)"
    kernel = staticmethod(lambda a, w: w - a.bit_length())


class CountTrailingZerosOp(_IntUnaryOp):
    """`%r = math.cttz %x : i32`"""

    __slots__ = ()
    OP_NAME = "math.cttz"
    assembly_format = "$operand_ attr-dict `:` type($result)"
    kernel = staticmethod(lambda a, w: (a & -a).bit_length() - 1 if a else w)


class CtPopOp(_IntUnaryOp):
    """`%r = math.ctpop %x : i32`: the number of set bits."""

    __slots__ = ()
    OP_NAME = "math.ctpop"
    assembly_format = "$operand_ attr-dict `:` type($result)"
    kernel = staticmethod(lambda a, w: bin(a).count("1"))


def _fma(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """a * b + c rounded once: exactly with fractions where all are finite."""
    out = np.empty(a.shape, dtype=a.dtype)
    for i in np.ndindex(a.shape):
        x, y, z = float(a[i]), float(b[i]), float(c[i])
        if all(map(math.isfinite, (x, y, z))):
            out[i] = a.dtype.type(float(Fraction(x) * Fraction(y) + Fraction(z)))
        else:
            out[i] = a.dtype.type(x * y + z)
    return out


class FmaOp(Op):
    """`%r = math.fma %a, %b, %c : f32`: fused a * b + c."""

    __slots__ = ()
    OP_NAME = "math.fma"
    traits = frozenset({Pure, SameOperandsAndResultType})
    a = operand(FloatLike)
    b = operand(FloatLike)
    c = operand(FloatLike)
    result = result(FloatLike)
    fastmath = attribute(FastMathFlags, default=FASTMATH_NONE)
    assembly_format = "$a `,` $b `,` $c (`fastmath` `` $fastmath^)? attr-dict `:` type($result)"

    def fold(self) -> list | None:
        folded = fold_float_ternary(
            constant_value(self.a), constant_value(self.b), constant_value(self.c),
            self.result.type, _fma,
        )  # fmt: skip
        return None if folded is None else [folded]


OPS: list[type[Op]] = [
    AbsFOp, AbsIOp, AtanOp, Atan2Op, CbrtOp, CeilOp, CopySignOp, CosOp, CoshOp,
    CountLeadingZerosOp, CountTrailingZerosOp, CtPopOp, ErfOp, ExpOp, Exp2Op, Expm1Op, FloorOp,
    FmaOp, FPowIOp, IPowIOp, LogOp, Log10Op, Log1pOp, Log2Op, PowFOp, RoundOp, RoundEvenOp,
    RsqrtOp, SinOp, SinhOp, SqrtOp, TanOp, TanhOp, TruncOp,
]  # fmt: skip
