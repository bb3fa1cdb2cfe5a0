"""arith-expand: arith ops that a backend cannot lower as they are become simpler arith ops
(MLIR's ArithExpandOps): always the integer divisions LLVM has no instruction for
(`ceildivsi`, `ceildivui`, `floordivsi`, as MLIR's), and on request the float formats LLVM
has no type for, which the LLVM type converter stores as integers of their width
(f8E4M3FN -> i8, f4E2M1FN -> i4).

    %f = arith.extf %x : f8E4M3FN to f32      ->  integer ops on the bits of %x, then a
    %t = arith.truncf %y : f32 to f4E2M1FN        bitcast to f32 (resp. from the bits of %y,
    %c = arith.constant 1.5 : f8E5M2              rounded to nearest even, then a bitcast)
                                              ->  %c = arith.constant 62 : i8; arith.bitcast

Options as MLIR's: `include-f8e8m0` (f8E8M0FNU), `include-f4e2m1` (f4E2M1FN); dialir adds
`include-f8` (the other float8 formats) and `include-f6` (f6E2M3FN, f6E3M2FN), which MLIR
leaves to target-specific conversions. Every format goes through one generic expansion
driven by its semantics (`SEMANTICS`, MLIR's APFloat fltSemantics): exponent and mantissa
bits, bias, how it spells inf and NaN. The results are ml_dtypes' (round to nearest even;
a finite value too large becomes inf, NaN or the largest value as the format allows; NaN
keeps its sign where the format has one), which the interpreter's extf/truncf compute.
Float arithmetic on these formats is not expanded (MLIR's arith-emulate-unsupported-floats
does it through f32; dialir has no such pass yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dialir.core.ir.attrs import DenseElementsAttr, FloatAttr, IntegerAttr
from dialir.core.ir.dtypes import float_dtype
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import (
    FloatType,
    IntegerType,
    RankedTensorType,
    ShapedType,
    Type,
    VectorType,
)
from dialir.core.passes import Pass, option, register_pass
from dialir.core.rewrite.patterns import PatternRewriter, apply_patterns_greedily, rewrite_pattern
from dialir.dialects.arith.folding import splat
from dialir.dialects.arith.ops import (
    CMPF_PREDICATES,
    CMPI_PREDICATES,
    AddFOp,
    AddIOp,
    AndIOp,
    BitcastOp,
    CeilDivSIOp,
    CeilDivUIOp,
    CmpFOp,
    CmpIOp,
    ConstantOp,
    DivSIOp,
    DivUIOp,
    ExtFOp,
    ExtUIOp,
    FloorDivSIOp,
    MulFOp,
    MulIOp,
    OrIOp,
    SelectOp,
    ShLIOp,
    ShRUIOp,
    SubIOp,
    TruncFOp,
    TruncIOp,
    UIToFPOp,
)

i64 = IntegerType(64)
STANDARD = ("f16", "bf16", "f32", "f64")  # the formats the expansions convert from and to


@dataclass(frozen=True)
class FloatSemantics:
    """A binary float format (MLIR's fltSemantics): `nonfinite` is `ieee` (all-ones exponent
    is inf or NaN), `nan-only` (no inf; `nan` says which code is NaN: `all-ones`, or
    `negative-zero` for the FNUZ formats, which have no -0) or `finite-only` (no inf, no
    NaN). `signed` is false for f8E8M0FNU, which has no sign, no zero and no subnormals."""

    exponent_bits: int
    mantissa_bits: int
    bias: int
    nonfinite: str = "ieee"
    nan: str = "ieee"
    signed: bool = True

    @property
    def width(self) -> int:
        return self.signed + self.exponent_bits + self.mantissa_bits

    @property
    def sign_bit(self) -> int:
        return 1 << (self.width - 1) if self.signed else 0

    @property
    def max_code(self) -> int:
        """The code of the largest finite value (its sign bit clear)."""
        top = (1 << (self.exponent_bits + self.mantissa_bits)) - 1
        if self.nonfinite == "ieee":
            return top - (1 << self.mantissa_bits)  # below the all-ones exponent
        return top - 1 if self.nan == "all-ones" else top

    @property
    def nan_code(self) -> int | None:
        """The NaN truncf makes (its sign added for signed ieee/all-ones formats)."""
        m = self.mantissa_bits
        if self.nonfinite == "ieee":
            return self.max_code + 1 | 1 << (m - 1)  # inf's code, quiet
        if self.nonfinite == "finite-only":
            return None
        return (
            self.sign_bit if self.nan == "negative-zero" else (1 << (self.width - self.signed)) - 1
        )


SEMANTICS = {
    "f16": FloatSemantics(5, 10, 15), "bf16": FloatSemantics(8, 7, 127),
    "f32": FloatSemantics(8, 23, 127), "f64": FloatSemantics(11, 52, 1023),
    "f8E5M2": FloatSemantics(5, 2, 15), "f8E4M3": FloatSemantics(4, 3, 7),
    "f8E3M4": FloatSemantics(3, 4, 3),
    "f8E4M3FN": FloatSemantics(4, 3, 7, "nan-only", "all-ones"),
    "f8E5M2FNUZ": FloatSemantics(5, 2, 16, "nan-only", "negative-zero"),
    "f8E4M3FNUZ": FloatSemantics(4, 3, 8, "nan-only", "negative-zero"),
    "f8E4M3B11FNUZ": FloatSemantics(4, 3, 11, "nan-only", "negative-zero"),
    "f8E8M0FNU": FloatSemantics(8, 0, 127, "nan-only", "all-ones", signed=False),
    "f6E2M3FN": FloatSemantics(2, 3, 1, "finite-only"),
    "f6E3M2FN": FloatSemantics(3, 2, 3, "finite-only"),
    "f4E2M1FN": FloatSemantics(2, 1, 1, "finite-only"),
}  # fmt: skip

# option -> the formats it expands
FAMILIES = {
    "include-f8": ("f8E5M2", "f8E4M3", "f8E3M4", "f8E4M3FN", "f8E5M2FNUZ", "f8E4M3FNUZ",
                   "f8E4M3B11FNUZ"),
    "include-f8e8m0": ("f8E8M0FNU",),
    "include-f6": ("f6E2M3FN", "f6E3M2FN"),
    "include-f4e2m1": ("f4E2M1FN",),
}  # fmt: skip


def _element(t: Type) -> Type:
    return t.element_type if isinstance(t, ShapedType) else t


def _like(t: Type, elem: Type) -> Type:
    """`elem`, or a vector/tensor of `elem` shaped as `t`."""
    if isinstance(t, VectorType):
        return VectorType(t.shape, elem, t.scalable)
    if isinstance(t, RankedTensorType):
        return RankedTensorType(t.shape, elem, t.encoding)
    return elem


class _Emit:
    """Builds the expansion of one op before it, on scalars or on values shaped as it."""

    __slots__ = ("r", "shape_of")

    def __init__(self, rewriter: PatternRewriter, shape_of: Type) -> None:
        self.r, self.shape_of = rewriter, shape_of

    def type(self, elem: Type) -> Type:
        return _like(self.shape_of, elem)

    def const(self, value: int | float, elem: Type) -> Value:
        t = self.type(elem)
        if not isinstance(t, ShapedType):
            attr = FloatAttr(float(value), t) if isinstance(t, FloatType) else IntegerAttr(
                _signed(int(value), t.width), t)  # fmt: skip
        else:
            attr = splat(value, t)
        return self.r.create(ConstantOp, value=attr, result_types=[t]).result

    def op(self, cls: type, *operands: Value, to: Type | None = None) -> Value:
        kwargs = {} if to is None else {"result_types": [self.type(to)]}
        return self.r.insert(cls(*operands, **kwargs)).results[0]

    def cmpi(self, pred: str, a: Value, b: Value) -> Value:
        attr = IntegerAttr(CMPI_PREDICATES.index(pred), i64)
        return self.r.insert(CmpIOp(a, b, predicate=attr)).results[0]

    def cmpf(self, pred: str, a: Value, b: Value) -> Value:
        attr = IntegerAttr(CMPF_PREDICATES.index(pred), i64)
        return self.r.insert(CmpFOp(a, b, predicate=attr)).results[0]

    def select(self, c: Value, a: Value, b: Value) -> Value:
        return self.op(SelectOp, c, a, b)


def _signed(v: int, w: int) -> int:
    v &= (1 << w) - 1
    return v - (1 << w) if w > 1 and v >> (w - 1) else v


def _f32_bits(value: float) -> int:
    return int(np.float32(value).view(np.uint32))


def expand_extf(e: _Emit, x: Value, s: FloatSemantics, dst: FloatType) -> Value:
    """The f32 value of `x` (a value of format `s`), converted to `dst` (exactly: every
    small format's values are f32 values)."""
    i32, f32 = IntegerType(32), FloatType("f32")
    c = lambda v: e.const(v, i32)  # noqa: E731
    m = s.mantissa_bits
    bits = e.op(ExtUIOp, e.op(BitcastOp, x, to=IntegerType(s.width)), to=i32)
    sign = e.op(ShLIOp, e.op(AndIOp, bits, c(s.sign_bit)), c(32 - s.width)) if s.signed else None
    mag = e.op(AndIOp, bits, c(s.sign_bit - 1)) if s.signed else bits
    # A normal number's exponent and mantissa move into place together; rebias the exponent.
    out = e.op(ShLIOp, mag, c(23 - m))
    if s.bias != 127:
        out = e.op(AddIOp, out, c((127 - s.bias) << 23))
    exp_zero = e.cmpi("ult", mag, c(1 << m))
    if m:  # subnormals: mantissa * 2^(1 - bias - m), exact in f32
        scaled = e.op(MulFOp, e.op(UIToFPOp, mag, to=f32), e.const(2.0 ** (1 - s.bias - m), f32))
        small = e.op(BitcastOp, scaled, to=i32)
    else:  # no subnormals (f8E8M0FNU): the zero exponent is 2^-bias, an f32 subnormal
        small = c(_f32_bits(2.0**-s.bias))
    out = e.select(exp_zero, small, out)
    if s.nonfinite == "ieee":
        inf = s.max_code + 1
        special = e.select(e.cmpi("eq", mag, c(inf)), c(0x7F800000), c(0x7FC00000))
        out = e.select(e.cmpi("uge", mag, c(inf)), special, out)
    if sign is not None:
        out = e.op(OrIOp, out, sign)
    if s.nonfinite == "nan-only":
        nan = c(0x7FC00000) if sign is None else e.op(OrIOp, sign, c(0x7FC00000))
        code = bits if s.nan == "negative-zero" else mag  # FNUZ's NaN is the sign bit alone
        out = e.select(e.cmpi("eq", code, c(s.nan_code)), nan, out)
    result = e.op(BitcastOp, out, to=f32)
    if dst.kind == "f32":
        return result
    return e.op(ExtFOp if dst.width > 32 else TruncFOp, result, to=dst)


def expand_truncf(e: _Emit, x: Value, dst: FloatType, src: FloatType) -> Value:
    """`x` (of standard float type `src`) rounded to nearest even in small format `dst`."""
    s = SEMANTICS[dst.kind]
    if src.kind in ("f16", "bf16"):  # exact in f32, which rounds as directly
        x, src = e.op(ExtFOp, x, to=FloatType("f32")), FloatType("f32")
    f = SEMANTICS[src.kind]
    w = f.width
    it = IntegerType(w)
    c = lambda v: e.const(v, it)  # noqa: E731
    m, shift = s.mantissa_bits, f.mantissa_bits - s.mantissa_bits
    bits = e.op(BitcastOp, x, to=it)
    sign = e.op(ShRUIOp, bits, c(w - 1))
    mag = e.op(AndIOp, bits, c(f.sign_bit - 1))
    # Normal results: round the mantissa to nearest even in place, shift, rebias. A
    # format without mantissa bits (f8E8M0FNU) rounds ties up, as ml_dtypes does.
    lsb = e.op(AndIOp, e.op(ShRUIOp, mag, c(shift)), c(1)) if m else c(1)
    rounded = e.op(AddIOp, mag, e.op(AddIOp, lsb, c((1 << (shift - 1)) - 1)))
    code = e.op(SubIOp, e.op(ShRUIOp, rounded, c(shift)), c((f.bias - s.bias) << m))
    # Below the smallest normal (f8E8M0FNU: its second value), as the multiple of the
    # smallest subnormal nearest (even), which adding 2^mantissa_bits of `src` rounds to.
    ax = e.op(BitcastOp, mag, to=src)
    if m:
        scaled = e.op(MulFOp, ax, e.const(2.0 ** (s.bias - 1 + m), src))  # exact
        magic = 2.0**f.mantissa_bits
        total = e.op(AddFOp, scaled, e.const(magic, src))
        small = e.op(SubIOp, e.op(BitcastOp, total, to=it), c(_bits_of(magic, src)))
    else:  # no subnormals: the two smallest powers of two, ties up
        small = e.op(ExtUIOp, e.cmpf("oge", ax, e.const(1.5 * 2.0**-s.bias, src)), to=it)
    code = e.select(e.cmpf("olt", ax, e.const(2.0 ** (1 - s.bias), src)), small, code)
    code = e.select(e.cmpi("ugt", code, c(s.max_code)), c(_overflow(s)), code)
    if s.signed:
        signed = e.op(ShLIOp, sign, c(s.width - 1))
        if s.nan == "negative-zero":  # -0 does not exist (its code is NaN's): zeros are +0
            signed = e.select(e.cmpi("eq", code, c(0)), c(0), signed)
        code = e.op(OrIOp, code, signed)
    code = e.select(e.cmpi("ugt", mag, c(_inf_bits(f))), _nan(e, s, sign, c), code)
    if not s.signed:  # no sign, no zero: negative numbers and zeros are NaN too
        bad = e.op(OrIOp, e.cmpi("ne", sign, c(0)), e.cmpi("eq", mag, c(0)))
        code = e.select(bad, c(s.nan_code), code)
    return e.op(BitcastOp, e.op(TruncIOp, code, to=IntegerType(s.width)), to=dst)


def _nan(e: _Emit, s: FloatSemantics, sign: Value, c) -> Value:
    if s.nan_code is None:  # no NaN: ml_dtypes gives the zero of the opposite sign
        return e.op(ShLIOp, e.op(SubIOp, c(1), sign), c(s.width - 1))
    if not s.signed or s.nan == "negative-zero":
        return c(s.nan_code)
    return e.op(OrIOp, c(s.nan_code), e.op(ShLIOp, sign, c(s.width - 1)))


def _overflow(s: FloatSemantics) -> int:
    """What a finite value beyond the largest becomes (before its sign): inf, NaN, or the
    largest value where the format has neither."""
    if s.nonfinite == "ieee":
        return s.max_code + 1  # inf
    return s.max_code if s.nonfinite == "finite-only" else s.nan_code


def _inf_bits(f: FloatSemantics) -> int:
    return ((1 << f.exponent_bits) - 1) << f.mantissa_bits


def _bits_of(value: float, t: FloatType) -> int:
    dtype = {"f32": (np.float32, np.uint32), "f64": (np.float64, np.uint64)}[t.kind]
    return int(dtype[0](value).view(dtype[1]))


def _constant_codes(attr: Any, t: Type, it: Type) -> Any:
    """`attr` (a float or dense constant of small float type `t`) as the integer constant
    of its codes, of type `it`; None where ml_dtypes lacks the format."""
    s = SEMANTICS[_element(t).kind]
    dtype = float_dtype(_element(t).kind)
    if dtype is None:
        return None
    values = attr.array if isinstance(attr, DenseElementsAttr) else np.float64(attr.value)
    codes = np.asarray(values).astype(dtype).view(np.uint8).astype(np.int64)
    codes = np.where(codes >> (s.width - 1) & 1, codes - (1 << s.width), codes)  # signless
    if isinstance(attr, DenseElementsAttr):
        return DenseElementsAttr(it, codes)
    return IntegerAttr(int(codes), it)


def _expanded(t: Type, kinds: frozenset[str]) -> FloatSemantics | None:
    et = _element(t)
    if isinstance(et, FloatType) and et.kind in kinds:
        return SEMANTICS[et.kind]
    return None


def _patterns(kinds: frozenset[str]) -> list:
    @rewrite_pattern(ExtFOp)
    def ExpandExtF(op: ExtFOp, rewriter: PatternRewriter) -> bool:
        """extf(x : small) -> bitcast(integer ops on bitcast(x))"""
        s = _expanded(op.in_.type, kinds)
        dst = _element(op.out.type)
        if s is None or _expanded(op.out.type, kinds) is not None or dst.kind not in STANDARD:
            return rewriter.notify_match_failure(
                op, "not from an expanded format to a standard one"
            )
        rewriter.set_insertion_point(op)
        rewriter.replace_op(op, [expand_extf(_Emit(rewriter, op.out.type), op.in_, s, dst)])
        return True

    @rewrite_pattern(TruncFOp)
    def ExpandTruncF(op: TruncFOp, rewriter: PatternRewriter) -> bool:
        """truncf(x) : small -> bitcast(trunci(integer ops on bitcast(x)))"""
        s = _expanded(op.out.type, kinds)
        src = _element(op.in_.type)
        if s is None or _expanded(op.in_.type, kinds) is not None or src.kind not in STANDARD:
            return rewriter.notify_match_failure(
                op, "not from a standard format to an expanded one"
            )
        rewriter.set_insertion_point(op)
        out = expand_truncf(_Emit(rewriter, op.in_.type), op.in_, _element(op.out.type), src)
        rewriter.replace_op(op, [out])
        return True

    @rewrite_pattern(ConstantOp)
    def ExpandConstant(op: ConstantOp, rewriter: PatternRewriter) -> bool:
        """constant v : small -> bitcast(constant code(v) : iN)"""
        t = op.result.type
        s = _expanded(t, kinds)
        if s is None:
            return rewriter.notify_match_failure(op, "not of an expanded format")
        it = _like(t, IntegerType(s.width))
        codes = _constant_codes(op.value, t, it)
        if codes is None:
            return rewriter.notify_match_failure(op, "no ml_dtypes type for the format")
        rewriter.set_insertion_point(op)
        new = rewriter.create(ConstantOp, value=codes, result_types=[it])
        rewriter.replace_op_with(op, BitcastOp(new.result, result_types=[t]))
        return True

    return [ExpandExtF(), ExpandTruncF(), ExpandConstant()]


def _int_const(r: PatternRewriter, value: int, t: Type) -> Value:
    attr = splat(value, t) if isinstance(t, ShapedType) else IntegerAttr(value, t)
    return r.create(ConstantOp, value=attr, result_types=[t]).result


@rewrite_pattern(CeilDivUIOp)
def ExpandCeilDivUI(op: CeilDivUIOp, rewriter: PatternRewriter) -> bool:
    """ceildivui(a, b) -> a == 0 ? 0 : (a - 1) / b + 1 (MLIR's CeilDivUIOpConverter)."""
    rewriter.set_insertion_point(op)
    a, b = op.operands
    t = op.results[0].type
    e = _Emit(rewriter, t)
    zero, one = _int_const(rewriter, 0, t), _int_const(rewriter, 1, t)
    quotient = e.op(AddIOp, e.op(DivUIOp, e.op(SubIOp, a, one), b), one)
    rewriter.replace_op(op, [e.select(e.cmpi("eq", a, zero), zero, quotient)])
    return True


def _signed_division(op: Operation, rewriter: PatternRewriter, ceil: bool) -> bool:
    """q = a / b (toward zero), then one up (ceil) or down (floor) where the division was
    inexact and the exact quotient positive (ceil) or negative (floor): MLIR's expansions."""
    rewriter.set_insertion_point(op)
    a, b = op.operands
    t = op.results[0].type
    e = _Emit(rewriter, t)
    zero, one = _int_const(rewriter, 0, t), _int_const(rewriter, 1, t)
    quotient = e.op(DivSIOp, a, b)
    inexact = e.cmpi("ne", a, e.op(MulIOp, quotient, b))
    a_negative, b_negative = e.cmpi("slt", a, zero), e.cmpi("slt", b, zero)
    same_sign = e.cmpi("eq", a_negative, b_negative)
    if ceil:
        adjust, adjusted = same_sign, e.op(AddIOp, quotient, one)
    else:
        adjust = e.cmpi("ne", a_negative, b_negative)
        adjusted = e.op(SubIOp, quotient, one)
    condition = e.op(AndIOp, inexact, adjust)
    rewriter.replace_op(op, [e.select(condition, adjusted, quotient)])
    return True


@rewrite_pattern(CeilDivSIOp)
def ExpandCeilDivSI(op: CeilDivSIOp, rewriter: PatternRewriter) -> bool:
    """ceildivsi(a, b) -> a / b, plus one where inexact and a, b of the same sign."""
    return _signed_division(op, rewriter, ceil=True)


@rewrite_pattern(FloorDivSIOp)
def ExpandFloorDivSI(op: FloorDivSIOp, rewriter: PatternRewriter) -> bool:
    """floordivsi(a, b) -> a / b, minus one where inexact and a, b of opposite signs."""
    return _signed_division(op, rewriter, ceil=False)


INTEGER_DIVISIONS = [ExpandCeilDivUI(), ExpandCeilDivSI(), ExpandFloorDivSI()]
"""The integer divisions LLVM has no instruction for; MLIR's arith-expand always rewrites
them (the float-format patterns depend on the options)."""


@register_pass
@dataclass
class ArithExpandOps(Pass):
    name = "arith-expand"
    summary = "Legalize Arith ops to be convertible to LLVM."
    dependent_dialects = ("arith",)
    include_f8: bool = option(False, "Expand extf/truncf/constant of the float8 formats "
                              "(but f8E8M0FNU) into integer operations")  # fmt: skip
    include_f8e8m0: bool = option(False, "Enable the F8E8M0 expansion patterns")  # fmt: skip
    include_f6: bool = option(False, "Expand extf/truncf/constant of the float6 formats")  # fmt: skip
    include_f4e2m1: bool = option(False, "Enable the F4E2M1 expansion patterns")  # fmt: skip

    def run(self, op: Operation) -> None:
        chosen = {
            "include-f8": self.include_f8, "include-f8e8m0": self.include_f8e8m0,
            "include-f6": self.include_f6, "include-f4e2m1": self.include_f4e2m1,
        }  # fmt: skip
        kinds = frozenset(k for flag, on in chosen.items() if on for k in FAMILIES[flag])
        patterns = [*INTEGER_DIVISIONS, *(_patterns(kinds) if kinds else [])]
        apply_patterns_greedily(op, patterns, fold=False)
