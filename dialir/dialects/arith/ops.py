"""arith ops: integer and floating-point arithmetic, comparisons, select and casts, with
MLIR's names, operands, attributes and syntax, their verifiers and their folders.

Folders follow MLIR's: constants fold elementwise (scalars, splats and dense tensors) through
`dialir.dialects.arith.folding`, and identities (`x + 0`, `x * 1`, `x - x`...) fold to an
existing value. Rewrites that build new ops are canonicalization patterns, in
`canonicalize.py`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from dialir.core.ir.attrs import (
    Attribute,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    FloatAttr,
    IntegerAttr,
    Location,
)
from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.dtypes import NUMPY_FLOATS, float_dtype
from dialir.core.ir.lazy import np
from dialir.core.ir.operation import OpResult, Value
from dialir.core.ir.traits import (
    Commutative,
    ConstantLike,
    Pure,
    SameOperandsAndResultType,
    SameTypeOperands,
)
from dialir.core.ir.types import (
    DYNAMIC,
    FloatType,
    IndexType,
    IntegerType,
    MemRefType,
    RankedTensorType,
    ShapedType,
    Type,
    UnrankedMemRefType,
    UnrankedTensorType,
    VectorType,
    i1,
)
from dialir.core.ods.constraints import (
    AnyAttr,
    AnyFloat,
    AnyOf,
    AnySignlessInteger,
    AnyType,
    BoolLike,
    EnumAttr,
    FloatLike,
    SameAs,
    SignlessIntegerLike,
    SignlessIntegerOrIndex,
    TypeOrValueSemanticsContainer,
    UnitAttrC,
)
from dialir.core.ods.interfaces import InferTypeError, InferTypeOpInterface
from dialir.core.ods.opdef import Op, attribute, operand, result
from dialir.dialects.arith.attrs import (
    FASTMATH_NONE,
    OVERFLOW_NONE,
    FastMathFlags,
    OverflowFlags,
)
from dialir.dialects.arith.folding import (
    NoFold,
    constant_value,
    element_type,
    fold_cast,
    fold_cmp,
    fold_float_binary,
    fold_float_unary,
    fold_int_binary,
    int_elements,
    int_width,
    is_splat_of,
    splat,
    to_signed,
    wrap,
)

# -- constraints -------------------------------------------------------------------------------


SignlessFixedWidthIntegerLike = TypeOrValueSemanticsContainer(
    AnySignlessInteger, "signless-fixed-width-integer-like"
)
IndexCastable = TypeOrValueSemanticsContainer(
    SignlessIntegerOrIndex, "signless-integer-like", memref="signless-integer"
)
BitcastType = TypeOrValueSemanticsContainer(
    AnyOf(AnySignlessInteger, AnyFloat),
    "signless-integer-or-float-like", memref="signless-integer or float",
)  # fmt: skip

CMPI_PREDICATES = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"]
CMPF_PREDICATES = [
    "false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord",
    "ueq", "ugt", "uge", "ult", "ule", "une", "uno", "true",
]  # fmt: skip


def _cases(n: int) -> str:
    return "allowed 64-bit signless integer cases: " + ", ".join(str(i) for i in range(n))


CmpIPredicate = EnumAttr(_cases(len(CMPI_PREDICATES)), CMPI_PREDICATES)
CmpFPredicate = EnumAttr(_cases(len(CMPF_PREDICATES)), CMPF_PREDICATES)

_BINARY = "$lhs `,` $rhs attr-dict `:` type($result)"
_OVERFLOW_BINARY = "$lhs `,` $rhs (`overflow` `` $overflowFlags^)? attr-dict `:` type($result)"
_EXACT_BINARY = "$lhs `,` $rhs (`exact` $isExact^)? attr-dict `:` type($result)"
_FASTMATH_BINARY = "$lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($result)"
_CAST = "$in attr-dict `:` type($in) `to` type($out)"
_OVERFLOW_CAST = "$in (`overflow` `` $overflowFlags^)? attr-dict `:` type($in) `to` type($out)"
_FASTMATH_CAST = "$in (`fastmath` `` $fastmath^)? attr-dict `:` type($in) `to` type($out)"
_NNEG_CAST = "$in (`nneg` $nonNeg^)? attr-dict `:` type($in) `to` type($out)"
# arith.truncf's rounding mode (MLIR's Arith_RoundingModeAttr, an i32 enum).
RoundingMode = EnumAttr(
    "Floating point rounding mode",
    ["to_nearest_even", "downward", "upward", "toward_zero", "to_nearest_away"],
    width=32,
)


# -- shapes ------------------------------------------------------------------------------------


def i1_same_shape(t: Type) -> Type:
    """i1, or a vector/tensor of i1 shaped like `t` (the type of a comparison's result)."""
    if isinstance(t, VectorType):
        return VectorType(t.shape, i1, t.scalable)
    if isinstance(t, RankedTensorType):
        return RankedTensorType(t.shape, i1, t.encoding)
    if isinstance(t, UnrankedTensorType):
        return UnrankedTensorType(i1)
    return i1


def _verify_same_shape(op: Op, a: Type, b: Type) -> None:
    """MLIR's SameOperandsAndResultShape plus the tensor-dimension check of cast ops."""
    shaped = (VectorType, RankedTensorType, UnrankedTensorType, MemRefType, UnrankedMemRefType)
    if isinstance(a, shaped) != isinstance(b, shaped):
        raise VerifyError(op, "requires the same shape for all operands and results")
    if not isinstance(a, shaped):
        return
    if isinstance(a, VectorType) or isinstance(b, VectorType):
        if type(a) is not type(b) or a.shape != b.shape or a.scalable != b.scalable:
            raise VerifyError(op, "requires the same shape for all operands and results")
        return
    if not (a.has_rank and b.has_rank):
        return
    if a.rank != b.rank or any(
        x is not DYNAMIC and y is not DYNAMIC and x != y for x, y in zip(a.shape, b.shape)
    ):
        raise VerifyError(op, "requires the same shape for all operands and results")
    if isinstance(a, RankedTensorType) and a.shape != b.shape:
        raise VerifyError(
            op, "failed to verify that input and output have the same tensor dimensions"
        )


def _cast_incompatible(op: Op, a: Type, b: Type) -> VerifyError:
    return VerifyError(op, f"operand type '{a}' and result type '{b}' are cast incompatible")


# -- constant ----------------------------------------------------------------------------------


class ConstantOp(Op, InferTypeOpInterface):
    """`%c = arith.constant 42 : i32`: an integer, float or elements constant."""

    __slots__ = ()
    OP_NAME = "arith.constant"
    summary = "integer, float or elements constant"
    traits = frozenset({Pure, ConstantLike})
    value = attribute(AnyAttr)
    result = result()

    def asm_result_names(self) -> list[str]:
        """MLIR's names: `%true`/`%false`, `%c42_i32` (`%c0` for index), else `%cst`."""
        v, t = self.value, self.result.type
        if not isinstance(v, IntegerAttr):
            return ["cst"]
        if isinstance(t, IntegerType) and t.width == 1:
            return ["true" if v.value else "false"]
        return [f"c{v.value}_{t}" if isinstance(t, IntegerType) else f"c{v.value}"]

    assembly_format = "attr-dict $value"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.results[0].name_hint = constant_name(self.value)

    @classmethod
    def infer_result_types(cls, operands: dict, attributes: dict, result_types=None) -> list[Type]:
        t = getattr(attributes.get("value"), "type", None)
        if not isinstance(t, Type):  # a type, a string, ...: MLIR's wording
            raise InferTypeError("invalid kind of attribute specified")
        return [t]

    def verify(self) -> None:
        t = self.result.type
        if getattr(self.value, "type", None) is not t:
            raise VerifyError(self, "failed to verify that all of {value, result} have same type")
        if isinstance(t, IntegerType) and not t.is_signless:
            raise VerifyError(self, "integer return type must be signless")
        if not isinstance(
            self.value, (IntegerAttr, FloatAttr, DenseElementsAttr, DenseResourceElementsAttr)
        ):
            raise VerifyError(self, "value must be an integer, float, or elements attribute")

    def print_custom(self, p: Any, indent: str) -> None:
        super().print_custom(p, indent)
        v = self.value
        if isinstance(v, (IntegerAttr, FloatAttr)) and v.type is not i1 and " : " not in p.attr(v):
            # The core printer elides `: i64` and `: f64` (MLIR's "may elide" printing, which
            # MLIR uses only inside dense literals); MLIR prints the type here.
            p.write(f" : {p.type(v.type)}")

    def fold(self) -> list[Attribute]:
        return [self.value]


def constant_name(value: Attribute) -> str:
    """MLIR's result name for a constant: `%c42_i32`, `%c0` (index), `%true`, `%cst`."""
    if isinstance(value, IntegerAttr):
        t = value.type
        if isinstance(t, IntegerType) and t.width == 1:
            return "true" if value.value else "false"
        v = (
            to_signed(wrap(value.value, t.width), t.width)
            if isinstance(t, IntegerType)
            else value.value
        )
        return f"c{v}_{t}" if isinstance(t, IntegerType) else f"c{v}"
    return "cst"


def materialize_constant(attr: Attribute, t: Type, loc: Location) -> ConstantOp | None:
    """The constant op holding a folded value (MLIR's ArithDialect::materializeConstant)."""
    if not isinstance(attr, (IntegerAttr, FloatAttr, DenseElementsAttr)) or attr.type is not t:
        return None
    et = element_type(t)
    if isinstance(et, IntegerType) and not et.is_signless:
        return None
    return ConstantOp(value=attr, location=loc)


# -- folding helpers ---------------------------------------------------------------------------


def _defining(v: Value, cls: type) -> Any:
    """The op of class `cls` defining `v`, or None."""
    return v.owner if isinstance(v, OpResult) and isinstance(v.owner, cls) else None


def _is_int(v: Value, value: int) -> bool:
    """Whether `v` is an integer constant (every element) equal to `value` (bit pattern,
    so -1 means all ones)."""
    attr = constant_value(v)
    w = int_width(v.type) if attr is not None and int_elements(attr) is not None else 0
    return w > 0 and is_splat_of(attr, lambda x: x == wrap(value, w))


def _is_not_of(v: Value, x: Value) -> bool:
    """Whether `v` is `xori(x, -1)` (MLIR's m_Op<XOrIOp>(m_Val(x), m_ConstantInt(all ones)))."""
    xor = v.owner if isinstance(v, OpResult) and v.owner.name == "arith.xori" else None
    return xor is not None and xor.lhs is x and _is_int(xor.rhs, -1)


def _safe_divisor(v: Value, signed: bool) -> bool:
    """Whether dividing by `v` can never be undefined behaviour, so the division may be
    speculated (hoisted out of a loop): `v` is a constant with no zero element, and for a
    signed division no -1 either (INT_MIN / -1 overflows)."""
    attr = constant_value(v)
    w = int_width(v.type) if attr is not None and int_elements(attr) is not None else 0
    bad = (0, wrap(-1, w)) if signed else (0,)
    return w > 0 and all(x not in bad for x in int_elements(attr))


def _is_float(v: Value, pred: Callable[[float], bool]) -> bool:
    return is_splat_of(constant_value(v), pred)


def _is_neg_zero(x: float) -> bool:
    return x == 0.0 and math.copysign(1.0, x) < 0


def _is_pos_zero(x: float) -> bool:
    return x == 0.0 and math.copysign(1.0, x) > 0


# -- integer binary ops ------------------------------------------------------------------------


class _IntBinaryOp(Op):
    """Two signless-integer-like operands and a result, all of one type."""

    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    lhs = operand(SignlessIntegerLike)
    rhs = operand(SignlessIntegerLike)
    result = result(SignlessIntegerLike)
    # (a, b, width) -> bit pattern, on bit patterns; raises NoFold where MLIR does not fold.
    kernel: Callable[[int, int, int], int] | None = None

    def fold_constants(self) -> Attribute | None:
        kernel = type(self).kernel
        return fold_int_binary(
            constant_value(self.lhs), constant_value(self.rhs), self.result.type, kernel
        )

    def fold(self) -> list | None:
        folded = self.fold_constants()
        if folded is not None:
            return [folded]
        v = self.fold_identity()
        return None if v is None else [v]

    def fold_identity(self) -> Value | Attribute | None:
        return None


class _OverflowOp(_IntBinaryOp):
    __slots__ = ()
    overflowFlags = attribute(OverflowFlags, default=OVERFLOW_NONE)


def _div0(b: int) -> None:
    if b == 0:
        raise NoFold


def _signed_operands(a: int, b: int, w: int) -> tuple[int, int]:
    """Signed values of a signed division's operands; NoFold on x/0 and MIN/-1."""
    sa, sb = to_signed(a, w), to_signed(b, w)
    if sb == 0 or (sa == -(1 << (w - 1)) and sb == -1):
        raise NoFold
    return sa, sb


def _shift_amount(b: int, w: int) -> int:
    if b >= w:
        raise NoFold  # poison
    return b


def _divsi(a: int, b: int, w: int) -> int:
    sa, sb = _signed_operands(a, b, w)
    q = abs(sa) // abs(sb)
    return q if (sa < 0) == (sb < 0) else -q


def _remsi(a: int, b: int, w: int) -> int:
    sa, sb = to_signed(a, w), to_signed(b, w)
    _div0(sb)
    r = abs(sa) % abs(sb)
    return -r if sa < 0 else r


def _ceildivsi(a: int, b: int, w: int) -> int:
    sa, sb = _signed_operands(a, b, w)
    return -((-sa) // sb)


def _floordivsi(a: int, b: int, w: int) -> int:
    sa, sb = _signed_operands(a, b, w)
    return sa // sb


def _divui(a: int, b: int, w: int) -> int:
    _div0(b)
    return a // b


def _remui(a: int, b: int, w: int) -> int:
    _div0(b)
    return a % b


def _smin(w: int) -> int:
    return 1 << (w - 1)


def _smax(w: int) -> int:
    return (1 << (w - 1)) - 1


class AddIOp(_OverflowOp):
    """`%r = arith.addi %a, %b : i32`: wrapping integer addition."""

    __slots__ = ()
    OP_NAME = "arith.addi"
    summary = "integer addition operation"
    traits = _OverflowOp.traits | {Commutative}
    assembly_format = _OVERFLOW_BINARY
    kernel = staticmethod(lambda a, b, w: a + b)

    def fold_identity(self) -> Value | None:
        if _is_int(self.rhs, 0):
            return self.lhs  # x + 0 -> x
        if _is_int(self.lhs, 0):
            return self.rhs
        for x, y in ((self.lhs, self.rhs), (self.rhs, self.lhs)):
            sub = _defining(y, SubIOp)
            if sub is not None and sub.rhs is x:
                return sub.lhs  # x + (a - x) -> a
        return None


class SubIOp(_OverflowOp):
    """`%r = arith.subi %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.subi"
    summary = "integer subtraction operation"
    assembly_format = _OVERFLOW_BINARY
    kernel = staticmethod(lambda a, b, w: a - b)

    def fold_identity(self) -> Value | Attribute | None:
        if self.lhs is self.rhs:
            return splat(0, self.result.type)  # x - x -> 0
        if _is_int(self.rhs, 0):
            return self.lhs  # x - 0 -> x
        add = _defining(self.lhs, AddIOp)
        if add is not None:
            if add.rhs is self.rhs:
                return add.lhs  # (a + b) - b -> a
            if add.lhs is self.rhs:
                return add.rhs  # (a + b) - a -> b
        return None


class MulIOp(_OverflowOp):
    """`%r = arith.muli %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.muli"
    summary = "integer multiplication operation"
    traits = _OverflowOp.traits | {Commutative}
    assembly_format = _OVERFLOW_BINARY
    kernel = staticmethod(lambda a, b, w: a * b)

    def fold_identity(self) -> Value | Attribute | None:
        for x, c in ((self.lhs, self.rhs), (self.rhs, self.lhs)):
            if _is_int(c, 0):
                return splat(0, self.result.type)  # x * 0 -> 0
            if _is_int(c, 1):
                return x  # x * 1 -> x
        return None


class _DivOp(_IntBinaryOp):
    __slots__ = ()
    mul_flag: str | None = None  # the muli overflow flag that lets (a * b) / b fold
    isExact = attribute(UnitAttrC, optional=True)  # poison unless the division is exact

    def is_speculatable(self) -> bool:
        return _safe_divisor(self.rhs, signed=not self.OP_NAME.endswith("ui"))

    def fold_identity(self) -> Value | None:
        if _is_int(self.rhs, 1):
            return self.lhs  # x / 1 -> x
        flag = type(self).mul_flag
        mul = _defining(self.lhs, MulIOp) if flag else None
        if mul is not None and mul.overflowFlags.has(flag):
            # (a * b) / b -> a when the product does not wrap (MLIR's foldDivMul)
            if mul.lhs is self.rhs:
                return mul.rhs
            if mul.rhs is self.rhs:
                return mul.lhs
        return None


class DivSIOp(_DivOp):
    """`%r = arith.divsi %a, %b : i32`: signed division rounding toward zero."""

    __slots__ = ()
    OP_NAME = "arith.divsi"
    mul_flag = "nsw"
    summary = "signed integer division operation"
    assembly_format = _EXACT_BINARY
    kernel = staticmethod(_divsi)


class DivUIOp(_DivOp):
    """`%r = arith.divui %a, %b : i32`: unsigned division."""

    __slots__ = ()
    OP_NAME = "arith.divui"
    mul_flag = "nuw"
    summary = "unsigned integer division operation"
    assembly_format = _EXACT_BINARY
    kernel = staticmethod(_divui)


class CeilDivSIOp(_DivOp):
    """`%r = arith.ceildivsi %a, %b : i32`: signed division rounding toward +inf."""

    __slots__ = ()
    OP_NAME = "arith.ceildivsi"
    summary = "signed ceil integer division operation"
    assembly_format = _BINARY
    kernel = staticmethod(_ceildivsi)


def _ceildivui(a: int, b: int, w: int) -> int:
    _div0(b)
    return -(-a // b)


class CeilDivUIOp(_DivOp):
    """`%r = arith.ceildivui %a, %b : i32`: unsigned division rounding toward +inf."""

    __slots__ = ()
    OP_NAME = "arith.ceildivui"
    summary = "unsigned ceil integer division operation"
    assembly_format = _BINARY
    kernel = staticmethod(_ceildivui)


class FloorDivSIOp(_DivOp):
    """`%r = arith.floordivsi %a, %b : i32`: signed division rounding toward -inf."""

    __slots__ = ()
    OP_NAME = "arith.floordivsi"
    summary = "signed floor integer division operation"
    assembly_format = _BINARY
    kernel = staticmethod(_floordivsi)


class _RemOp(_IntBinaryOp):
    __slots__ = ()

    def is_speculatable(self) -> bool:
        return _safe_divisor(self.rhs, signed=self.OP_NAME == "arith.remsi")

    def fold_identity(self) -> Attribute | None:
        return splat(0, self.result.type) if _is_int(self.rhs, 1) else None  # x % 1 -> 0


class RemSIOp(_RemOp):
    """`%r = arith.remsi %a, %b : i32`: remainder with the sign of the dividend."""

    __slots__ = ()
    OP_NAME = "arith.remsi"
    summary = "signed integer division remainder operation"
    assembly_format = _BINARY
    kernel = staticmethod(_remsi)


class RemUIOp(_RemOp):
    """`%r = arith.remui %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.remui"
    summary = "unsigned integer division remainder operation"
    assembly_format = _BINARY
    kernel = staticmethod(_remui)


class AndIOp(_IntBinaryOp):
    """`%r = arith.andi %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.andi"
    summary = "integer binary and"
    traits = _IntBinaryOp.traits | {Commutative}
    assembly_format = _BINARY
    kernel = staticmethod(lambda a, b, w: a & b)

    def fold_identity(self) -> Value | Attribute | None:
        if self.lhs is self.rhs:
            return self.lhs  # x & x -> x
        for x, c in ((self.lhs, self.rhs), (self.rhs, self.lhs)):
            if _is_int(c, 0):
                return splat(0, self.result.type)  # x & 0 -> 0
            if _is_int(c, -1):
                return x  # x & ~0 -> x
        for x, y in ((self.lhs, self.rhs), (self.rhs, self.lhs)):
            if _is_not_of(y, x):
                return splat(0, self.result.type)  # x & ~x -> 0
            inner = _defining(y, AndIOp)
            if inner is not None and (inner.lhs is x or inner.rhs is x):
                return inner.result  # x & (x & z) -> x & z
        return None


class OrIOp(_IntBinaryOp):
    """`%r = arith.ori %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.ori"
    summary = "integer binary or"
    traits = _IntBinaryOp.traits | {Commutative}
    assembly_format = _BINARY
    kernel = staticmethod(lambda a, b, w: a | b)

    def fold_identity(self) -> Value | Attribute | None:
        if self.lhs is self.rhs:
            return self.lhs  # x | x -> x
        for x, c in ((self.lhs, self.rhs), (self.rhs, self.lhs)):
            if _is_int(c, 0):
                return x  # x | 0 -> x
            if _is_int(c, -1):
                return splat(-1, self.result.type)  # x | ~0 -> ~0
        for x, y in ((self.lhs, self.rhs), (self.rhs, self.lhs)):
            if _is_not_of(y, x):
                return y.owner.rhs  # x | ~x -> ~0 (the xor's all-ones constant)
        return None


class XOrIOp(_IntBinaryOp):
    """`%r = arith.xori %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.xori"
    summary = "integer binary xor"
    traits = _IntBinaryOp.traits | {Commutative}
    assembly_format = _BINARY
    kernel = staticmethod(lambda a, b, w: a ^ b)

    def fold_identity(self) -> Value | Attribute | None:
        if self.lhs is self.rhs:
            return splat(0, self.result.type)  # x ^ x -> 0
        for x, y in ((self.lhs, self.rhs), (self.rhs, self.lhs)):
            if _is_int(y, 0):
                return x  # x ^ 0 -> x
            inner = _defining(x, XOrIOp)
            if inner is not None:
                if inner.rhs is y:
                    return inner.lhs  # (a ^ y) ^ y -> a
                if inner.lhs is y:
                    return inner.rhs  # (y ^ a) ^ y -> a
        return None


class _ShiftOp(_IntBinaryOp):
    __slots__ = ()

    def fold_identity(self) -> Value | None:
        return self.lhs if _is_int(self.rhs, 0) else None  # x << 0 -> x


class ShLIOp(_ShiftOp):
    """`%r = arith.shli %a, %b : i32`: shift left (poison when b >= bit width)."""

    __slots__ = ()
    OP_NAME = "arith.shli"
    summary = "integer left-shift"
    overflowFlags = attribute(OverflowFlags, default=OVERFLOW_NONE)
    assembly_format = _OVERFLOW_BINARY
    kernel = staticmethod(lambda a, b, w: a << _shift_amount(b, w))


class ShRSIOp(_ShiftOp):
    """`%r = arith.shrsi %a, %b : i32`: arithmetic shift right."""

    __slots__ = ()
    isExact = attribute(UnitAttrC, optional=True)  # poison if a shifted-out bit is set
    OP_NAME = "arith.shrsi"
    summary = "signed integer right-shift"
    assembly_format = _EXACT_BINARY
    kernel = staticmethod(lambda a, b, w: to_signed(a, w) >> _shift_amount(b, w))


class ShRUIOp(_ShiftOp):
    """`%r = arith.shrui %a, %b : i32`: logical shift right."""

    __slots__ = ()
    isExact = attribute(UnitAttrC, optional=True)
    OP_NAME = "arith.shrui"
    summary = "unsigned integer right-shift"
    assembly_format = _EXACT_BINARY
    kernel = staticmethod(lambda a, b, w: a >> _shift_amount(b, w))


class _MinMaxIOp(_IntBinaryOp):
    """min/max: `absorbing(w)` wins over anything, `neutral(w)` leaves the other operand."""

    __slots__ = ()
    traits = _IntBinaryOp.traits | {Commutative}
    absorbing: Callable[[int], int]
    neutral: Callable[[int], int]

    def fold_identity(self) -> Value | None:
        if self.lhs is self.rhs:
            return self.lhs  # max(x, x) -> x
        w = int_width(self.result.type)
        cls = type(self)
        for x, c in ((self.lhs, self.rhs), (self.rhs, self.lhs)):
            if _is_int(c, cls.absorbing(w)):
                return c  # max(x, MAX) -> MAX
            if _is_int(c, cls.neutral(w)):
                return x  # max(x, MIN) -> x
        return None


def _pick(signed: bool, want_max: bool) -> Callable[[int, int, int], int]:
    def kernel(a: int, b: int, w: int) -> int:
        x, y = (to_signed(a, w), to_signed(b, w)) if signed else (a, b)
        return a if (x >= y) == want_max or x == y else b

    return kernel


class MaxSIOp(_MinMaxIOp):
    """`%r = arith.maxsi %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.maxsi"
    summary = "signed integer maximum operation"
    assembly_format = _BINARY
    kernel = staticmethod(_pick(True, True))
    absorbing, neutral = staticmethod(_smax), staticmethod(_smin)


class MinSIOp(_MinMaxIOp):
    """`%r = arith.minsi %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.minsi"
    summary = "signed integer minimum operation"
    assembly_format = _BINARY
    kernel = staticmethod(_pick(True, False))
    absorbing, neutral = staticmethod(_smin), staticmethod(_smax)


class MaxUIOp(_MinMaxIOp):
    """`%r = arith.maxui %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.maxui"
    summary = "unsigned integer maximum operation"
    assembly_format = _BINARY
    kernel = staticmethod(_pick(False, True))
    absorbing, neutral = staticmethod(lambda w: (1 << w) - 1), staticmethod(lambda w: 0)


class MinUIOp(_MinMaxIOp):
    """`%r = arith.minui %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.minui"
    summary = "unsigned integer minimum operation"
    assembly_format = _BINARY
    kernel = staticmethod(_pick(False, False))
    absorbing, neutral = staticmethod(lambda w: 0), staticmethod(lambda w: (1 << w) - 1)


class AddUIExtendedOp(Op, InferTypeOpInterface):
    """`%sum, %overflow = arith.addui_extended %a, %b : i32, i1`: addition with a carry."""

    __slots__ = ()
    OP_NAME = "arith.addui_extended"
    asm_result_names = ("sum", "overflow")  # getAsmResultNames
    summary = "extended unsigned integer addition operation returning sum and overflow bit"
    traits = frozenset({Pure, Commutative})
    lhs = operand(SignlessIntegerLike)
    rhs = operand(SameAs("lhs"))
    sum = result(SameAs("lhs"))
    overflow = result(BoolLike)
    assembly_format = "$lhs `,` $rhs attr-dict `:` type($sum) `,` type($overflow)"

    @classmethod
    def infer_result_types(cls, operands: dict, attributes: dict, result_types=None) -> list[Type]:
        t = operands["lhs"].type
        return [t, i1_same_shape(t)]

    def verify(self) -> None:
        if self.overflow.type is not i1_same_shape(self.sum.type):
            raise VerifyError(
                self, "all non-scalar operands/results must have the same shape and base type"
            )

    def fold(self) -> list | None:
        lhs, rhs = constant_value(self.lhs), constant_value(self.rhs)
        if _is_int(self.rhs, 0):
            carry = splat(0, self.overflow.type)
            return None if carry is None else [self.lhs, carry]  # x + 0 -> x, no carry
        total = fold_int_binary(lhs, rhs, self.sum.type, lambda a, b, w: a + b)
        carry = fold_cmp(lhs, rhs, self.overflow.type, lambda a, b, w: a + b >= 1 << w)
        return None if total is None or carry is None else [total, carry]


# -- float binary ops --------------------------------------------------------------------------


class _FloatBinaryOp(Op):
    """Two floating-point-like operands and a result of one type, with fast-math flags."""

    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    lhs = operand(FloatLike)
    rhs = operand(FloatLike)
    result = result(FloatLike)
    fastmath = attribute(FastMathFlags, default=FASTMATH_NONE)
    kernel: Callable = None  # numpy ufunc-like, elementwise in the element type's precision

    def fold(self) -> list | None:
        folded = fold_float_binary(
            constant_value(self.lhs), constant_value(self.rhs), self.result.type,
            type(self).kernel,
        )  # fmt: skip
        if folded is not None:
            return [folded]
        v = self.fold_identity()
        return None if v is None else [v]

    def fold_identity(self) -> Value | None:
        return None


def _maximum(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IEEE 754-2019 maximum: NaN propagates, +0 > -0."""
    out = np.where(a > b, a, b)
    zeros = (a == 0) & (b == 0)
    out = np.where(zeros, np.where(np.signbit(a), b, a), out)
    return np.where(np.isnan(a) | np.isnan(b), np.nan, out).astype(a.dtype)


def _minimum(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.where(a < b, a, b)
    zeros = (a == 0) & (b == 0)
    out = np.where(zeros, np.where(np.signbit(a), a, b), out)
    return np.where(np.isnan(a) | np.isnan(b), np.nan, out).astype(a.dtype)


def _maxnum(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """llvm::maxnum: a NaN operand yields the other one, +0 > -0."""
    return np.where((a == 0) & (b == 0), _maximum(a, b), np.fmax(a, b)).astype(a.dtype)


def _minnum(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.where((a == 0) & (b == 0), _minimum(a, b), np.fmin(a, b)).astype(a.dtype)


class AddFOp(_FloatBinaryOp):
    """`%r = arith.addf %a, %b : f32`"""

    __slots__ = ()
    OP_NAME = "arith.addf"
    summary = "floating point addition operation"
    traits = _FloatBinaryOp.traits | {Commutative}
    assembly_format = _FASTMATH_BINARY
    kernel = staticmethod(lambda a, b: np.add(a, b))

    def fold_identity(self) -> Value | None:
        if _is_float(self.rhs, _is_neg_zero):
            return self.lhs  # x + -0.0 -> x
        if _is_float(self.lhs, _is_neg_zero):
            return self.rhs
        return None


class SubFOp(_FloatBinaryOp):
    """`%r = arith.subf %a, %b : f32`"""

    __slots__ = ()
    OP_NAME = "arith.subf"
    summary = "floating point subtraction operation"
    assembly_format = _FASTMATH_BINARY
    kernel = staticmethod(lambda a, b: np.subtract(a, b))

    def fold_identity(self) -> Value | None:
        return self.lhs if _is_float(self.rhs, _is_pos_zero) else None  # x - +0.0 -> x


class MulFOp(_FloatBinaryOp):
    """`%r = arith.mulf %a, %b : f32`"""

    __slots__ = ()
    OP_NAME = "arith.mulf"
    summary = "floating point multiplication operation"
    traits = _FloatBinaryOp.traits | {Commutative}
    assembly_format = _FASTMATH_BINARY
    kernel = staticmethod(lambda a, b: np.multiply(a, b))

    def fold_identity(self) -> Value | None:
        if _is_float(self.rhs, lambda x: x == 1.0):
            return self.lhs  # x * 1.0 -> x
        if _is_float(self.lhs, lambda x: x == 1.0):
            return self.rhs
        return None


class DivFOp(_FloatBinaryOp):
    """`%r = arith.divf %a, %b : f32`"""

    __slots__ = ()
    OP_NAME = "arith.divf"
    summary = "floating point division operation"
    assembly_format = _FASTMATH_BINARY
    kernel = staticmethod(lambda a, b: np.divide(a, b))

    def fold_identity(self) -> Value | None:
        return self.lhs if _is_float(self.rhs, lambda x: x == 1.0) else None  # x / 1.0 -> x


class RemFOp(_FloatBinaryOp):
    """`%r = arith.remf %a, %b : f32`: remainder with the sign of the dividend (fmod)."""

    __slots__ = ()
    OP_NAME = "arith.remf"
    summary = "floating point division remainder operation"
    assembly_format = _FASTMATH_BINARY
    kernel = staticmethod(lambda a, b: np.fmod(a, b))


class _MinMaxFOp(_FloatBinaryOp):
    __slots__ = ()
    traits = _FloatBinaryOp.traits | {Commutative}
    # The right operand value that leaves the left one: maximumf's -inf, maxnumf's NaN.
    neutral: Callable[[float], bool]

    def fold_identity(self) -> Value | None:
        if self.lhs is self.rhs:
            return self.lhs  # max(x, x) -> x
        if _is_float(self.rhs, type(self).neutral):
            return self.lhs  # maximumf(x, -inf) -> x, maxnumf(x, NaN) -> x
        return None


class MaximumFOp(_MinMaxFOp):
    """`%r = arith.maximumf %a, %b : f32`: NaN-propagating maximum."""

    __slots__ = ()
    OP_NAME = "arith.maximumf"
    summary = "floating-point maximum operation"
    assembly_format = _FASTMATH_BINARY
    kernel = staticmethod(_maximum)
    neutral = staticmethod(lambda x: x == -math.inf)


class MinimumFOp(_MinMaxFOp):
    """`%r = arith.minimumf %a, %b : f32`: NaN-propagating minimum."""

    __slots__ = ()
    OP_NAME = "arith.minimumf"
    summary = "floating-point minimum operation"
    assembly_format = _FASTMATH_BINARY
    kernel = staticmethod(_minimum)
    neutral = staticmethod(lambda x: x == math.inf)


class MaxNumFOp(_MinMaxFOp):
    """`%r = arith.maxnumf %a, %b : f32`: maximum that ignores a NaN operand."""

    __slots__ = ()
    OP_NAME = "arith.maxnumf"
    summary = "floating-point maximum operation"
    assembly_format = _FASTMATH_BINARY
    kernel = staticmethod(_maxnum)
    neutral = staticmethod(math.isnan)  # maxnum(x, +inf) is +inf for a NaN x: no fold


class MinNumFOp(_MinMaxFOp):
    """`%r = arith.minnumf %a, %b : f32`: minimum that ignores a NaN operand."""

    __slots__ = ()
    OP_NAME = "arith.minnumf"
    summary = "floating-point minimum operation"
    assembly_format = _FASTMATH_BINARY
    kernel = staticmethod(_minnum)
    neutral = staticmethod(math.isnan)


class NegFOp(Op):
    """`%r = arith.negf %a : f32`"""

    __slots__ = ()
    OP_NAME = "arith.negf"
    summary = "floating point negation"
    traits = frozenset({Pure, SameOperandsAndResultType})
    operand_ = operand(FloatLike)  # MLIR's `operand`; `Operation.operand(i)` keeps its name
    result = result(FloatLike)
    fastmath = attribute(FastMathFlags, default=FASTMATH_NONE)
    assembly_format = "$operand (`fastmath` `` $fastmath^)? attr-dict `:` type($result)"

    def fold(self) -> list | None:
        inner = _defining(self.operand_, NegFOp)
        if inner is not None:
            return [inner.operand_]  # -(-x) -> x
        folded = fold_float_unary(constant_value(self.operand_), self.result.type, np.negative)
        return None if folded is None else [folded]


# -- comparisons -------------------------------------------------------------------------------

# cmpi predicates as functions of (a, b, width) on bit patterns.
_CMPI: list[Callable[[int, int, int], bool]] = [
    lambda a, b, w: a == b,
    lambda a, b, w: a != b,
    lambda a, b, w: to_signed(a, w) < to_signed(b, w),
    lambda a, b, w: to_signed(a, w) <= to_signed(b, w),
    lambda a, b, w: to_signed(a, w) > to_signed(b, w),
    lambda a, b, w: to_signed(a, w) >= to_signed(b, w),
    lambda a, b, w: a < b,
    lambda a, b, w: a <= b,
    lambda a, b, w: a > b,
    lambda a, b, w: a >= b,
]


def _uno(a: float, b: float) -> bool:
    return math.isnan(a) or math.isnan(b)


# cmpf predicates as functions of (a, b, _); Python's comparisons are false on NaN.
_CMPF: list[Callable[[float, float, int], bool]] = [
    lambda a, b, w: False,
    lambda a, b, w: a == b,
    lambda a, b, w: a > b,
    lambda a, b, w: a >= b,
    lambda a, b, w: a < b,
    lambda a, b, w: a <= b,
    lambda a, b, w: not _uno(a, b) and a != b,
    lambda a, b, w: not _uno(a, b),
    lambda a, b, w: _uno(a, b) or a == b,
    lambda a, b, w: _uno(a, b) or a > b,
    lambda a, b, w: _uno(a, b) or a >= b,
    lambda a, b, w: _uno(a, b) or a < b,
    lambda a, b, w: _uno(a, b) or a <= b,
    lambda a, b, w: _uno(a, b) or a != b,
    lambda a, b, w: _uno(a, b),
    lambda a, b, w: True,
]


def _verify_cmp_result(op: Op) -> None:
    if op.result.type is not i1_same_shape(op.lhs.type):
        raise VerifyError(
            op, "failed to verify that result type has i1 element type and same shape as operands"
        )


class CmpIOp(Op, InferTypeOpInterface):
    """`%r = arith.cmpi slt, %a, %b : i32`"""

    __slots__ = ()
    OP_NAME = "arith.cmpi"
    summary = "integer comparison operation"
    traits = frozenset({Pure, SameTypeOperands})
    predicate = attribute(CmpIPredicate)
    lhs = operand(SignlessIntegerLike)
    rhs = operand(SignlessIntegerLike)
    result = result(BoolLike)
    assembly_format = "$predicate `,` $lhs `,` $rhs attr-dict `:` type($lhs)"

    @classmethod
    def infer_result_types(cls, operands: dict, attributes: dict, result_types=None) -> list[Type]:
        return [i1_same_shape(operands["lhs"].type)]

    def verify(self) -> None:
        _verify_cmp_result(self)

    @property
    def predicate_name(self) -> str:
        return CMPI_PREDICATES[self.predicate.value]

    def fold(self) -> list | None:
        pred = self.predicate.value
        name = CMPI_PREDICATES[pred]
        lhs_i1 = int_width(self.lhs.type) == 1
        if name == "ne" and _is_int(self.rhs, 0):
            ext = _defining(self.lhs, (ExtSIOp, ExtUIOp))
            if ext is not None and int_width(ext.in_.type) == 1:
                return [ext.in_]  # ext(x : i1) != 0 -> x
            if lhs_i1:
                return [self.lhs]  # x != false -> x
        if name == "eq" and lhs_i1 and _is_int(self.rhs, 1):
            return [self.lhs]  # x == true -> x
        if self.lhs is self.rhs:
            # eq, sle, sge, ule, uge hold for equal operands; ne, slt, sgt, ult, ugt do not.
            folded = splat(int(_CMPI[pred](0, 0, 1)), self.result.type)
            return None if folded is None else [folded]
        folded = fold_cmp(
            constant_value(self.lhs), constant_value(self.rhs), self.result.type, _CMPI[pred]
        )
        return None if folded is None else [folded]


class CmpFOp(Op, InferTypeOpInterface):
    """`%r = arith.cmpf olt, %a, %b : f32`"""

    __slots__ = ()
    OP_NAME = "arith.cmpf"
    summary = "floating-point comparison operation"
    traits = frozenset({Pure, SameTypeOperands})
    predicate = attribute(CmpFPredicate)
    lhs = operand(FloatLike)
    rhs = operand(FloatLike)
    result = result(BoolLike)
    fastmath = attribute(FastMathFlags, default=FASTMATH_NONE)
    assembly_format = (
        "$predicate `,` $lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($lhs)"
    )

    @classmethod
    def infer_result_types(cls, operands: dict, attributes: dict, result_types=None) -> list[Type]:
        return [i1_same_shape(operands["lhs"].type)]

    def verify(self) -> None:
        _verify_cmp_result(self)

    @property
    def predicate_name(self) -> str:
        return CMPF_PREDICATES[self.predicate.value]

    def fold(self) -> list | None:
        pred = self.predicate.value
        lhs, rhs = constant_value(self.lhs), constant_value(self.rhs)
        if pred in (0, 15):
            folded = splat(int(pred == 15), self.result.type)  # `false` / `true`
        elif is_splat_of(lhs, math.isnan) or is_splat_of(rhs, math.isnan):
            # A NaN operand decides every predicate: ordered ones fail, unordered ones hold.
            folded = splat(int(_CMPF[pred](math.nan, 0.0, 0)), self.result.type)
        else:
            folded = fold_cmp(lhs, rhs, self.result.type, _CMPF[pred])
        return None if folded is None else [folded]


# -- select ------------------------------------------------------------------------------------


class SelectOp(Op, InferTypeOpInterface):
    """`%r = arith.select %c, %a, %b : i32` (a vector/tensor condition is written first:
    `: vector<4xi1>, vector<4xi32>`)."""

    __slots__ = ()
    OP_NAME = "arith.select"
    summary = "select operation"
    traits = frozenset({Pure})
    condition = operand(BoolLike)
    true_value = operand(AnyType)
    false_value = operand(AnyType)
    result = result(AnyType)

    @classmethod
    def infer_result_types(cls, operands: dict, attributes: dict, result_types=None) -> list[Type]:
        return [operands["true_value"].type]

    def verify(self) -> None:
        t = self.result.type
        if not self.true_value.type is self.false_value.type is t:
            raise VerifyError(
                self,
                "failed to verify that all of {true_value, false_value, result} have same type",
            )
        cond = self.condition.type
        matching = (
            isinstance(cond, ShapedType)
            and isinstance(t, ShapedType)
            and (cond.has_rank and t.has_rank and cond.shape == t.shape)
        )
        if cond is not i1 and not matching:
            raise VerifyError(
                self, "failed to verify that condition is signless i1 or has matching shape"
            )
        if cond is i1:
            return
        if not isinstance(t, (VectorType, RankedTensorType, UnrankedTensorType)):
            raise VerifyError(self, f"expected condition to be a signless i1, but got '{cond}'")
        expected = i1_same_shape(t)
        if cond is not expected:
            raise VerifyError(
                self,
                "expected condition type to have the same shape as the result type, "
                f"expected '{expected}', but got '{cond}'",
            )

    def print_custom(self, p: Any, indent: str) -> None:
        p.write(f"{self.OP_NAME} ")
        p.write(", ".join(p.value(v) for v in self.operands))
        attrs = {**self.properties, **self.attributes}
        if attrs:
            p.write(" " + p.attr_dict(attrs))
        p.write(" : ")
        if isinstance(self.condition.type, ShapedType):
            p.write(p.type(self.condition.type) + ", ")
        p.write(p.type(self.result.type))

    def fold(self) -> list | None:
        t, f = self.true_value, self.false_value
        if t is f:
            return [t]  # select(c, x, x) -> x
        cond = constant_value(self.condition)
        if is_splat_of(cond, lambda c: c == 1):
            return [t]
        if is_splat_of(cond, lambda c: c == 0):
            return [f]
        if self.result.type is self.condition.type and _is_int(t, 1) and _is_int(f, 0):
            return [self.condition]  # select(c, true, false) -> c
        cmp = _defining(self.condition, CmpIOp)
        if cmp is not None and cmp.predicate_name in ("eq", "ne"):
            if (cmp.lhs is t and cmp.rhs is f) or (cmp.rhs is t and cmp.lhs is f):
                # select(a == b, a, b) -> b; select(a != b, a, b) -> a
                return [t if cmp.predicate_name == "ne" else f]
        bits = int_elements(cond)
        tv, fv = constant_value(t), constant_value(f)
        if (
            bits is None
            or not isinstance(tv, DenseElementsAttr)
            or not isinstance(fv, DenseElementsAttr)
        ):
            return None
        mask = np.array(bits, dtype=bool).reshape(self.result.type.shape)
        return [DenseElementsAttr(self.result.type, np.where(mask, tv.array, fv.array))]


SELECT_GRAMMAR = r"""
%extend custom_op: arith_select
arith_select: ARITH_SELECT value_use "," value_use "," value_use [attr_dict] ":" type ["," type]
ARITH_SELECT: "arith.select"
"""


def _parse_select(builder: Any, children: list) -> SelectOp:
    kw, c, t, f, attrs, first, second = children
    value_type = first if second is None else second
    cond_type = i1 if second is None else first
    (cond,) = builder.resolve_operands(c, [cond_type])
    (tv,) = builder.resolve_operands(t, [value_type])
    (fv,) = builder.resolve_operands(f, [value_type])
    op = SelectOp(cond, tv, fv, location=builder.loc(kw))
    for name, value in attrs or ():
        op.attributes[name] = value
    return op


# -- casts -------------------------------------------------------------------------------------


class _CastOp(Op):
    """`%r = arith.<cast> %x : T to U`: elementwise, shapes equal."""

    __slots__ = ()
    traits = frozenset({Pure})
    in_: Any
    out: Any

    def verify(self) -> None:
        a, b = self.in_.type, self.out.type
        _verify_same_shape(self, a, b)
        self.verify_elements(element_type(a), element_type(b))

    def verify_elements(self, a: Type, b: Type) -> None:
        """Checks on the element types (widths, index...)."""

    def fold(self) -> list | None:
        folded = fold_cast(constant_value(self.in_), self.out.type, self.cast_element)
        if folded is not None:
            return [folded]
        v = self.fold_identity()
        return None if v is None else [v]

    def cast_element(self, v: Any) -> Any:
        """One element: a bit pattern (integers) or a numpy float in, the same kinds out."""
        raise NoFold

    def fold_identity(self) -> Value | None:
        return None


class _IntExtTruncOp(_CastOp):
    __slots__ = ()
    in_ = operand(SignlessFixedWidthIntegerLike)
    out = result(SignlessFixedWidthIntegerLike)
    wider = True  # extension (True) or truncation (False)

    def verify_elements(self, a: Type, b: Type) -> None:
        _verify_width_change(self, a, b, type(self).wider)


def _verify_width_change(op: Op, a: Type, b: Type, wider: bool) -> None:
    wa, wb = a.width, b.width
    if wider and wb <= wa:
        raise VerifyError(op, f"result type '{b}' must be wider than operand type '{a}'")
    if not wider and wb >= wa:
        raise VerifyError(op, f"result type '{b}' must be shorter than operand type '{a}'")


class ExtSIOp(_IntExtTruncOp):
    """`%r = arith.extsi %x : i8 to i32`: sign extension."""

    __slots__ = ()
    OP_NAME = "arith.extsi"
    summary = "integer sign extension operation"
    assembly_format = _CAST

    def cast_element(self, v: int) -> int:
        return to_signed(v, int_width(self.in_.type))


class ExtUIOp(_IntExtTruncOp):
    """`%r = arith.extui %x : i8 to i32`: zero extension (`nneg`: the operand is known to be
    non-negative, else the result is poison)."""

    __slots__ = ()
    OP_NAME = "arith.extui"
    summary = "integer zero extension operation"
    nonNeg = attribute(UnitAttrC, optional=True)
    assembly_format = _NNEG_CAST

    def cast_element(self, v: int) -> int:
        return v


class TruncIOp(_IntExtTruncOp):
    """`%r = arith.trunci %x : i32 to i8`"""

    __slots__ = ()
    OP_NAME = "arith.trunci"
    summary = "integer truncation operation"
    overflowFlags = attribute(OverflowFlags, default=OVERFLOW_NONE)
    assembly_format = _OVERFLOW_CAST
    wider = False

    def cast_element(self, v: int) -> int:
        return v  # int_attr wraps to the result width

    def fold_identity(self) -> Value | None:
        ext = _defining(self.in_, (ExtSIOp, ExtUIOp))
        if ext is not None and ext.in_.type is self.out.type:
            return ext.in_  # trunci(ext(x)) -> x
        return None


def _float_width_cast(op: _CastOp, v: Any) -> float:
    dtype = float_dtype(element_type(op.out.type).kind)  # bf16 and the small formats too
    if dtype is None:
        raise NoFold
    with np.errstate(all="ignore"):
        out = dtype.type(v)
    if np.isinf(out) and not np.isinf(v):
        raise NoFold  # overflow
    return float(out)


class ExtFOp(_CastOp):
    """`%r = arith.extf %x : f16 to f32`"""

    __slots__ = ()
    OP_NAME = "arith.extf"
    summary = "cast from floating-point to wider floating-point"
    in_ = operand(FloatLike)
    out = result(FloatLike)
    fastmath = attribute(FastMathFlags, optional=True, default=FASTMATH_NONE)
    assembly_format = _FASTMATH_CAST

    def verify_elements(self, a: Type, b: Type) -> None:
        _verify_width_change(self, a, b, True)

    def cast_element(self, v: Any) -> float:
        return _float_width_cast(self, v)

    def fold_identity(self) -> Value | None:
        trunc = _defining(self.in_, TruncFOp)
        if (
            trunc is not None
            and trunc.in_.type is self.out.type
            and trunc.fastmath.has("contract")
            and self.fastmath.has("contract")
        ):
            return trunc.in_  # extf(truncf(x)) -> x when both may contract
        return None


class TruncFOp(_CastOp):
    """`%r = arith.truncf %x [to_nearest_even|downward|...] : f32 to f16`: rounds as its
    rounding mode says (to nearest even when it has none)."""

    __slots__ = ()
    OP_NAME = "arith.truncf"
    summary = "cast from floating-point to narrower floating-point"
    in_ = operand(FloatLike)
    out = result(FloatLike)
    roundingmode = attribute(RoundingMode, optional=True)
    fastmath = attribute(FastMathFlags, optional=True, default=FASTMATH_NONE)
    assembly_format = (
        "$in ($roundingmode^)? (`fastmath` `` $fastmath^)? attr-dict `:` type($in) `to` type($out)"
    )

    def verify_elements(self, a: Type, b: Type) -> None:
        _verify_width_change(self, a, b, False)

    def cast_element(self, v: Any) -> float:
        # MLIR folds only a conversion that loses nothing, which every rounding mode agrees on.
        out = _float_width_cast(self, v)
        if out != v and not (math.isnan(out) and math.isnan(v)):
            raise NoFold
        return out

    def fold_identity(self) -> Value | None:
        ext = _defining(self.in_, ExtFOp)
        if ext is not None and ext.in_.type is self.out.type:
            return ext.in_  # truncf(extf(x)) -> x
        return None


def _int_to_float(v: int, dtype: Any) -> float:
    """Round an exact integer to `dtype` once (numpy converts 64-bit integers directly)."""
    if -(1 << 63) <= v < (1 << 63):
        return float(np.array([v], dtype=np.int64).astype(dtype)[0])
    if 0 <= v < (1 << 64):
        return float(np.array([v], dtype=np.uint64).astype(dtype)[0])
    return float(dtype(float(v)))


def _out_float_dtype(op: _CastOp) -> Any:
    et = element_type(op.out.type)
    if et.kind not in NUMPY_FLOATS:
        raise NoFold
    return float_dtype(et.kind).type


class SIToFPOp(_CastOp):
    """`%r = arith.sitofp %x : i32 to f32`: signed integer to float."""

    __slots__ = ()
    OP_NAME = "arith.sitofp"
    summary = "cast from integer type to floating-point"
    in_ = operand(SignlessFixedWidthIntegerLike)
    out = result(FloatLike)
    assembly_format = _CAST

    def cast_element(self, v: int) -> float:
        return _int_to_float(to_signed(v, int_width(self.in_.type)), _out_float_dtype(self))


class UIToFPOp(_CastOp):
    """`%r = arith.uitofp %x [nneg] : i32 to f32`: unsigned integer to float."""

    __slots__ = ()
    OP_NAME = "arith.uitofp"
    summary = "cast from unsigned integer type to floating-point"
    in_ = operand(SignlessFixedWidthIntegerLike)
    out = result(FloatLike)
    nonNeg = attribute(UnitAttrC, optional=True)
    assembly_format = _NNEG_CAST

    def cast_element(self, v: int) -> float:
        return _int_to_float(v, _out_float_dtype(self))


def _float_to_int(v: Any, width: int, signed: bool) -> int:
    """Round toward zero; NoFold when NaN, infinite or out of range (poison)."""
    if not np.isfinite(v):
        raise NoFold
    i = int(v)  # exact: truncates toward zero
    lo, hi = (-(1 << (width - 1)), (1 << (width - 1)) - 1) if signed else (0, (1 << width) - 1)
    if not lo <= i <= hi:
        raise NoFold
    return i


class FPToSIOp(_CastOp):
    """`%r = arith.fptosi %x : f32 to i32`: rounds toward zero."""

    __slots__ = ()
    OP_NAME = "arith.fptosi"
    summary = "cast from floating-point type to integer type"
    in_ = operand(FloatLike)
    out = result(SignlessFixedWidthIntegerLike)
    assembly_format = _CAST

    def cast_element(self, v: Any) -> int:
        return _float_to_int(v, int_width(self.out.type), True)


class FPToUIOp(_CastOp):
    """`%r = arith.fptoui %x : f32 to i32`: rounds toward zero."""

    __slots__ = ()
    OP_NAME = "arith.fptoui"
    summary = "cast from floating-point type to integer type"
    in_ = operand(FloatLike)
    out = result(SignlessFixedWidthIntegerLike)
    assembly_format = _CAST

    def cast_element(self, v: Any) -> int:
        return _float_to_int(v, int_width(self.out.type), False)


class IndexCastOp(_CastOp):
    """`%r = arith.index_cast %x : index to i32`: sign-extends or truncates."""

    __slots__ = ()
    OP_NAME = "arith.index_cast"
    summary = "int to index cast and vice versa"
    in_ = operand(IndexCastable)
    out = result(IndexCastable)
    assembly_format = _CAST

    def verify_elements(self, a: Type, b: Type) -> None:
        if isinstance(a, IndexType) == isinstance(b, IndexType):
            raise _cast_incompatible(self, self.in_.type, self.out.type)

    def cast_element(self, v: int) -> int:
        return to_signed(v, int_width(self.in_.type))


class IndexCastUIOp(_CastOp):
    """`%r = arith.index_castui %x [nneg] : index to i32`: zero-extends or truncates."""

    __slots__ = ()
    OP_NAME = "arith.index_castui"
    summary = "unsigned cast between index and integer types"
    in_ = operand(IndexCastable)
    out = result(IndexCastable)
    nonNeg = attribute(UnitAttrC, optional=True)
    assembly_format = _NNEG_CAST

    def verify_elements(self, a: Type, b: Type) -> None:
        if isinstance(a, IndexType) == isinstance(b, IndexType):
            raise _cast_incompatible(self, self.in_.type, self.out.type)

    def cast_element(self, v: int) -> int:
        return v  # the bit pattern, zero-extended; the result width wraps it


def _bit_width(t: Type) -> int:
    return t.width


def _bits_dtype(t: FloatType) -> Any:
    """The dtype holding exactly `t`'s values in its width (f16/f32/f64, bf16); NoFold for
    the others."""
    dtype = float_dtype(t.kind)
    if dtype is None or dtype.itemsize * 8 != t.width:
        raise NoFold
    return dtype


class BitcastOp(_CastOp):
    """`%r = arith.bitcast %x : f32 to i32`: reinterprets the bits."""

    __slots__ = ()
    OP_NAME = "arith.bitcast"
    summary = "bitcast between values of equal bit width"
    in_ = operand(BitcastType)
    out = result(BitcastType)
    assembly_format = _CAST

    def verify_elements(self, a: Type, b: Type) -> None:
        if _bit_width(a) != _bit_width(b):
            raise _cast_incompatible(self, self.in_.type, self.out.type)

    def cast_element(self, v: Any) -> Any:
        src, dst = element_type(self.in_.type), element_type(self.out.type)
        if isinstance(src, FloatType) or isinstance(dst, FloatType):
            if isinstance(src, FloatType):
                dtype = _bits_dtype(src)
                bits = int(np.array([v], dtype=dtype).view(f"u{dtype.itemsize}")[0])
            else:
                bits = v
            if isinstance(dst, FloatType):
                dtype = _bits_dtype(dst)
                return float(np.array([bits], dtype=f"u{dtype.itemsize}").view(dtype)[0])
            return bits
        return v

    def fold_identity(self) -> Value | None:
        if self.in_.type is self.out.type:
            return self.in_  # bitcast(x : T to T) -> x
        inner = _defining(self.in_, BitcastOp)
        if inner is not None and inner.in_.type is self.out.type:
            return inner.in_  # bitcast(bitcast(x)) -> x
        return None


OPS: list[type[Op]] = [
    ConstantOp,
    AddIOp, SubIOp, MulIOp, DivSIOp, DivUIOp, CeilDivSIOp, CeilDivUIOp, FloorDivSIOp, RemSIOp,
    RemUIOp, AddUIExtendedOp,
    AndIOp, OrIOp, XOrIOp, ShLIOp, ShRSIOp, ShRUIOp, MaxSIOp, MinSIOp, MaxUIOp, MinUIOp,
    AddFOp, SubFOp, MulFOp, DivFOp, RemFOp, MaximumFOp, MinimumFOp, MaxNumFOp, MinNumFOp,
    NegFOp, CmpIOp, CmpFOp, SelectOp,
    ExtSIOp, ExtUIOp, TruncIOp, ExtFOp, TruncFOp, SIToFPOp, UIToFPOp, FPToSIOp, FPToUIOp,
    IndexCastOp, IndexCastUIOp, BitcastOp,
]  # fmt: skip
