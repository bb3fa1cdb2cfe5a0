"""math ops: elementary functions on floats (and `absi` on integers), with MLIR's names and
syntax and numpy constant folding.

As in MLIR, the transcendental functions fold only in f32 and f64 (the precisions libm
computes in); `absf`, `floor`, `ceil`, `round` and `fma` fold in every numpy float type.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import ClassVar

from dialir.core.ir.lazy import np
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

_LIBM_KINDS = ("f32", "f64")


class _NotInDomain(Exception):
    pass


class _FloatUnaryOp(Op):
    """Base of the functions of one float: `%r = math.<fn> %x : f32`, a same-typed result,
    folded elementwise by `kernel` (in f32/f64 only where `libm_only`, on the elements
    `domain` accepts)."""

    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    operand_ = operand(FloatLike)  # MLIR's `operand`; `Operation.operand(i)` keeps its name
    result = result(FloatLike)
    fastmath = attribute(FastMathFlags, default=FASTMATH_NONE)
    assembly_format = "$operand (`fastmath` `` $fastmath^)? attr-dict `:` type($result)"
    kernel: ClassVar[Callable | None] = None  # elementwise numpy function; None: no folding
    libm_only: ClassVar[bool] = True  # fold in f32/f64 only, as MLIR does for libm functions
    domain: ClassVar[Callable | None] = None  # elements it folds on (MLIR: not log of x < 0)

    def fold(self) -> list | None:
        cls = type(self)
        attr = constant_value(self.operand_)
        if cls.kernel is None or attr is None:
            return None
        if cls.libm_only and getattr(element_type(attr.type), "kind", "") not in _LIBM_KINDS:
            return None
        try:
            folded = fold_float_unary(attr, self.result.type, _checked(cls.kernel, cls.domain))
        except _NotInDomain:
            return None
        return None if folded is None else [folded]


def _checked(kernel: Callable, domain: Callable | None) -> Callable:
    """`kernel` on f64 values (rounded back by the caller): libm's f32 functions (`expf`,
    `logf`, ... which MLIR folds with) are correctly rounded, numpy's f32 loops are not."""

    def fn(a: np.ndarray) -> np.ndarray:
        if domain is not None and not np.all(domain(a)):
            raise _NotInDomain
        return kernel(a.astype(np.float64)) if a.dtype == np.float32 else kernel(a)

    return fn


def _round_half_away(a: np.ndarray) -> np.ndarray:
    t = np.trunc(a)
    return np.where(np.abs(a - t) >= 0.5, t + np.sign(a), t)


def _erf(a: np.ndarray) -> np.ndarray:
    return np.vectorize(math.erf, otypes=[np.float64])(a.astype(np.float64))


def _rsqrt(a: np.ndarray) -> np.ndarray:
    return 1 / np.sqrt(a)


def _nonneg(a: np.ndarray) -> np.ndarray:
    """MLIR folds these only when `!a.isNegative()`: not -0.0 nor below (0.0 and NaN fold)."""
    return ~np.signbit(a) | np.isnan(a)


def _pos(a: np.ndarray) -> np.ndarray:
    return _nonneg(a)


def _gt_minus_one(a: np.ndarray) -> np.ndarray:
    """log1p: MLIR folds when `!(a + 1).isNegative()`."""
    return _nonneg(a + 1)


class ExpOp(_FloatUnaryOp):
    """`%r = math.exp %x : f32`: e to the x."""

    __slots__ = ()
    OP_NAME = "math.exp"
    summary = "base-e exponential of the specified value"
    kernel = staticmethod(lambda a: np.exp(a))


class Exp2Op(_FloatUnaryOp):
    """`%r = math.exp2 %x : f32`: 2 to the x."""

    __slots__ = ()
    OP_NAME = "math.exp2"
    summary = "base-2 exponential of the specified value"
    kernel = staticmethod(lambda a: np.exp2(a))


class LogOp(_FloatUnaryOp):
    """`%r = math.log %x : f32`: natural logarithm."""

    __slots__ = ()
    OP_NAME = "math.log"
    summary = "base-e logarithm of the specified value"
    kernel = staticmethod(lambda a: np.log(a))
    domain = staticmethod(_pos)


class Log2Op(_FloatUnaryOp):
    """`%r = math.log2 %x : f32`: base-2 logarithm."""

    __slots__ = ()
    OP_NAME = "math.log2"
    summary = "base-2 logarithm of the specified value"
    kernel = staticmethod(lambda a: np.log2(a))
    domain = staticmethod(_pos)


class Log1pOp(_FloatUnaryOp):
    """`%r = math.log1p %x : f32`: log(1 + x)."""

    __slots__ = ()
    OP_NAME = "math.log1p"
    summary = "Computes the natural logarithm of one plus the given value"
    kernel = staticmethod(lambda a: np.log1p(a))
    domain = staticmethod(_gt_minus_one)


class SqrtOp(_FloatUnaryOp):
    """`%r = math.sqrt %x : f32`: square root."""

    __slots__ = ()
    OP_NAME = "math.sqrt"
    summary = "sqrt of the specified value"
    kernel = staticmethod(lambda a: np.sqrt(a))
    domain = staticmethod(_nonneg)


class RsqrtOp(_FloatUnaryOp):
    """`%r = math.rsqrt %x : f32`: 1 / sqrt(x)."""

    __slots__ = ()
    OP_NAME = "math.rsqrt"
    summary = "reciprocal of sqrt (1 / sqrt of the specified value)"
    kernel = staticmethod(_rsqrt)
    domain = staticmethod(_pos)


class TanhOp(_FloatUnaryOp):
    """`%r = math.tanh %x : f32`: hyperbolic tangent."""

    __slots__ = ()
    OP_NAME = "math.tanh"
    summary = "hyperbolic tangent of the specified value"
    kernel = staticmethod(lambda a: np.tanh(a))


class ErfOp(_FloatUnaryOp):
    """`%r = math.erf %x : f32`: error function."""

    __slots__ = ()
    OP_NAME = "math.erf"
    summary = "error function of the specified value"
    kernel = staticmethod(_erf)


class SinOp(_FloatUnaryOp):
    """`%r = math.sin %x : f32`: sine."""

    __slots__ = ()
    OP_NAME = "math.sin"
    summary = "sine of the specified value"
    kernel = staticmethod(lambda a: np.sin(a))


class CosOp(_FloatUnaryOp):
    """`%r = math.cos %x : f32`: cosine."""

    __slots__ = ()
    OP_NAME = "math.cos"
    summary = "cosine of the specified value"
    kernel = staticmethod(lambda a: np.cos(a))


class AbsFOp(_FloatUnaryOp):
    """`%r = math.absf %x : f32`: absolute value."""

    __slots__ = ()
    OP_NAME = "math.absf"
    summary = "floating point absolute-value operation"
    kernel = staticmethod(lambda a: np.abs(a))
    libm_only = False

    def fold(self) -> list | None:
        v = self.operand_
        if isinstance(v, OpResult) and isinstance(v.owner, AbsFOp):
            return [v]  # absf(absf(x)) -> absf(x)
        return super().fold()


class FloorOp(_FloatUnaryOp):
    """`%r = math.floor %x : f32`: round toward -inf."""

    __slots__ = ()
    OP_NAME = "math.floor"
    summary = "floor of the specified value"
    kernel = staticmethod(lambda a: np.floor(a))
    libm_only = False


class CeilOp(_FloatUnaryOp):
    """`%r = math.ceil %x : f32`: round toward +inf."""

    __slots__ = ()
    OP_NAME = "math.ceil"
    summary = "ceiling of the specified value"
    kernel = staticmethod(lambda a: np.ceil(a))
    libm_only = False


class RoundOp(_FloatUnaryOp):
    """`%r = math.round %x : f32`: round to nearest, ties away from zero."""

    __slots__ = ()
    OP_NAME = "math.round"
    summary = "round of the specified value"
    kernel = staticmethod(_round_half_away)
    libm_only = False


class RoundEvenOp(_FloatUnaryOp):
    """`%r = math.roundeven %x : f32`: round to nearest, ties to even."""

    __slots__ = ()
    OP_NAME = "math.roundeven"
    summary = "round of the specified value with halfway cases to even"
    kernel = staticmethod(lambda a: np.rint(a))
    libm_only = False


class TruncOp(_FloatUnaryOp):
    """`%r = math.trunc %x : f32`: round toward zero."""

    __slots__ = ()
    OP_NAME = "math.trunc"
    summary = "trunc of the specified value"
    kernel = staticmethod(lambda a: np.trunc(a))
    libm_only = False


class TanOp(_FloatUnaryOp):
    """`%r = math.tan %x : f32`: tangent."""

    __slots__ = ()
    OP_NAME = "math.tan"
    summary = "tangent of the specified value"
    kernel = staticmethod(lambda a: np.tan(a))


class AtanOp(_FloatUnaryOp):
    """`%r = math.atan %x : f32`: arctangent."""

    __slots__ = ()
    OP_NAME = "math.atan"
    summary = "arcus tangent of the given value"
    kernel = staticmethod(lambda a: np.arctan(a))


class SinhOp(_FloatUnaryOp):
    """`%r = math.sinh %x : f32`: hyperbolic sine."""

    __slots__ = ()
    OP_NAME = "math.sinh"
    summary = "hyperbolic sine of the specified value"
    kernel = staticmethod(lambda a: np.sinh(a))


class CoshOp(_FloatUnaryOp):
    """`%r = math.cosh %x : f32`: hyperbolic cosine."""

    __slots__ = ()
    OP_NAME = "math.cosh"
    summary = "hyperbolic cosine of the specified value"
    kernel = staticmethod(lambda a: np.cosh(a))


class CbrtOp(_FloatUnaryOp):
    """`%r = math.cbrt %x : f32`: cube root."""

    __slots__ = ()
    OP_NAME = "math.cbrt"
    summary = "cube root of the specified value"
    kernel = staticmethod(lambda a: np.cbrt(a))


class Expm1Op(_FloatUnaryOp):
    """`%r = math.expm1 %x : f32`: e to the x, minus 1."""

    __slots__ = ()
    OP_NAME = "math.expm1"
    summary = "base-e exponential of the specified value minus 1"
    kernel = staticmethod(lambda a: np.expm1(a))


class Log10Op(_FloatUnaryOp):
    """`%r = math.log10 %x : f32`: base-10 logarithm."""

    __slots__ = ()
    OP_NAME = "math.log10"
    summary = "base-10 logarithm of the specified value"
    kernel = staticmethod(lambda a: np.log10(a))
    domain = staticmethod(_pos)


class _FloatBinaryOp(Op):
    """Base of the functions of two floats: `%r = math.<fn> %a, %b : f32`, folded
    elementwise by `kernel` (in f32/f64 only where `libm_only`)."""

    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    lhs = operand(FloatLike)
    rhs = operand(FloatLike)
    result = result(FloatLike)
    fastmath = attribute(FastMathFlags, default=FASTMATH_NONE)
    assembly_format = "$lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($result)"
    kernel: ClassVar[Callable]
    libm_only: ClassVar[bool] = True

    def fold(self) -> list | None:
        kind = getattr(element_type(self.result.type), "kind", "")
        if type(self).libm_only and kind not in _LIBM_KINDS:
            return None
        folded = fold_float_binary(
            constant_value(self.lhs), constant_value(self.rhs), self.result.type,
            type(self).kernel,
        )  # fmt: skip
        return None if folded is None else [folded]


class PowFOp(_FloatBinaryOp):
    """`%r = math.powf %a, %b : f32`: a to the power b."""

    __slots__ = ()
    OP_NAME = "math.powf"
    summary = "floating point raised to the power of operation"
    kernel = staticmethod(lambda a, b: np.power(a, b))


class Atan2Op(_FloatBinaryOp):
    """`%r = math.atan2 %y, %x : f32`: the angle of (x, y)."""

    __slots__ = ()
    OP_NAME = "math.atan2"
    summary = "2-argument arcus tangent of the given values"
    kernel = staticmethod(lambda a, b: np.arctan2(a, b))


class CopySignOp(_FloatBinaryOp):
    """`%r = math.copysign %a, %b : f32`: a's magnitude with b's sign."""

    __slots__ = ()
    OP_NAME = "math.copysign"
    summary = "A copysign operation"
    kernel = staticmethod(lambda a, b: np.copysign(a, b))
    libm_only = False


class FPowIOp(Op):
    """`%r = math.fpowi %a, %n : f32, i32`: a float to an integer power."""

    __slots__ = ()
    OP_NAME = "math.fpowi"
    summary = "floating point raised to the signed integer power"
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
    summary = "signed integer raised to the power of operation"
    traits = frozenset({Pure, SameOperandsAndResultType})
    lhs = operand(SignlessIntegerLike)
    rhs = operand(SignlessIntegerLike)
    result = result(SignlessIntegerLike)
    assembly_format = "$lhs `,` $rhs attr-dict `:` type($result)"


class _IntUnaryOp(Op):
    """Base of the functions of one integer: `%r = math.<fn> %x : i32`, folded elementwise by
    `kernel` on bit patterns (a, width)."""

    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    operand_ = operand(SignlessIntegerLike)
    result = result(SignlessIntegerLike)
    assembly_format = "$operand attr-dict `:` type($result)"
    kernel: ClassVar[Callable[[int, int], int]]

    def fold(self) -> list | None:
        folded = fold_int_unary(constant_value(self.operand_), self.result.type, type(self).kernel)
        return None if folded is None else [folded]


class AbsIOp(_IntUnaryOp):
    """`%r = math.absi %x : i32`: integer absolute value (abs(MIN) wraps to MIN)."""

    __slots__ = ()
    OP_NAME = "math.absi"
    summary = "integer absolute-value operation"
    kernel = staticmethod(lambda a, w: abs(to_signed(a, w)))

    def fold(self) -> list | None:
        v = self.operand_
        if isinstance(v, OpResult) and isinstance(v.owner, AbsIOp):
            return [v]  # absi(absi(x)) -> absi(x)
        return super().fold()


class CountLeadingZerosOp(_IntUnaryOp):
    """`%r = math.ctlz %x : i32`"""

    __slots__ = ()
    OP_NAME = "math.ctlz"
    summary = "counts the leading zeros an integer value"
    kernel = staticmethod(lambda a, w: w - a.bit_length())


class CountTrailingZerosOp(_IntUnaryOp):
    """`%r = math.cttz %x : i32`"""

    __slots__ = ()
    OP_NAME = "math.cttz"
    summary = "counts the trailing zeros an integer value"
    kernel = staticmethod(lambda a, w: (a & -a).bit_length() - 1 if a else w)


class CtPopOp(_IntUnaryOp):
    """`%r = math.ctpop %x : i32`: the number of set bits."""

    __slots__ = ()
    OP_NAME = "math.ctpop"
    summary = "counts the number of set bits of an integer value"
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
    summary = "floating point fused multipy-add operation"
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
