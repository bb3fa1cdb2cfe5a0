"""llvm intrinsics as ops (`llvm.intr.*`), MLIR's names, operands and syntax.

Each class says how it becomes an LLVM intrinsic call: `intrinsic` is the LLVM name without
`llvm.`, `overloaded` the types that suffix it (`"r"` the result, an int an operand:
`llvm.powi.f32.i32` is ("r", 1)), and `immargs` the attributes passed as trailing constant
`i1` arguments (`isVolatile` of memcpy).

    x = ExpOp(a, fastmath="fast")          # llvm.intr.exp(%a) fastmath<fast> : (f32) -> f32
    y = FMulAddOp(a, b, c)                 # llvm.intr.fmuladd(%a, %b, %c) : ...
    MemcpyOp(dst, src, n)                  # "llvm.intr.memcpy"(...) <{isVolatile = false}>
    s = VectorReduceFAddOp(start, v, fastmath="reassoc")
"""

from __future__ import annotations

from typing import Any, ClassVar

from dialir.core.ir.attrs import BoolAttr, DenseArrayAttr, IntegerAttr
from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.operation import Value
from dialir.core.ir.traits import Pure, SameOperandsAndResultType
from dialir.core.ir.types import IntegerType, Type, VectorType
from dialir.core.ods.constraints import (
    I1,
    ArrayAttrC,
    BoolAttrC,
    Constraint,
    CustomAttr,
    DenseI32Array,
    UnitAttrC,
)
from dialir.core.ods.interfaces import InferTypeError, InferTypeOpInterface
from dialir.core.ods.opdef import Op, attribute, operand, result, var_operand
from dialir.dialects.llvm.attrs import FASTMATH_NONE, FastmathFlags
from dialir.dialects.llvm.ops import (
    FloatOrVector,
    IntOrVector,
    LLVMTypeC,
    Pointer,
    SignlessInteger,
    fastmath_attr,
    has_op_bundles,
    verify_op_bundles,
)

i1 = IntegerType(1)
i8 = IntegerType(8)
i32 = IntegerType(32)
i64 = IntegerType(64)

_FM = "(`fastmath` `` $fastmathFlags^)? attr-dict `:` functional-type(operands, results)"


class IntrinsicOp(Op):
    """Base of `llvm.intr.*` ops."""

    __slots__ = ()
    intrinsic: ClassVar[str] = ""
    overloaded: ClassVar[tuple] = ("r",)
    immargs: ClassVar[tuple[str, ...]] = ()


class _FastmathIntr(IntrinsicOp):
    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)

    def __init__(self, *operands: Value, fastmath: Any = None, **kwargs: Any) -> None:
        super().__init__(*operands, fastmathFlags=fastmath_attr(fastmath), **kwargs)


class _UnaryFloat(_FastmathIntr):
    """`%r = llvm.intr.<f>(%x) : (f32) -> f32`."""

    __slots__ = ()
    in_ = operand(FloatOrVector)
    res = result(FloatOrVector)
    assembly_format = "`(` $in `)` " + _FM


class _BinaryFloat(_FastmathIntr):
    __slots__ = ()
    a = operand(FloatOrVector)
    b = operand(FloatOrVector)
    res = result(FloatOrVector)
    assembly_format = "`(` $a `,` $b `)` " + _FM


class _TernaryFloat(_FastmathIntr):
    __slots__ = ()
    a = operand(FloatOrVector)
    b = operand(FloatOrVector)
    c = operand(FloatOrVector)
    res = result(FloatOrVector)
    assembly_format = "`(` $a `,` $b `,` $c `)` " + _FM


class FAbsOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.fabs"
    intrinsic = "fabs"
    summary = "absolute value"


class SqrtOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.sqrt"
    intrinsic = "sqrt"
    summary = "square root"


class ExpOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.exp"
    intrinsic = "exp"
    summary = "e raised to the power"


class Exp2Op(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.exp2"
    intrinsic = "exp2"
    summary = "2 raised to the power"


class Exp10Op(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.exp10"
    intrinsic = "exp10"
    summary = "10 raised to the power"


class LogOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.log"
    intrinsic = "log"
    summary = "natural logarithm"


class Log2Op(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.log2"
    intrinsic = "log2"
    summary = "base-2 logarithm"


class Log10Op(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.log10"
    intrinsic = "log10"
    summary = "base-10 logarithm"


class FloorOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.floor"
    intrinsic = "floor"
    summary = "round down"


class CeilOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.ceil"
    intrinsic = "ceil"
    summary = "round up"


class RoundOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.round"
    intrinsic = "round"
    summary = "round to nearest, ties away from zero"


class RoundEvenOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.roundeven"
    intrinsic = "roundeven"
    summary = "round to nearest, ties to even"


class FTruncOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.trunc"
    intrinsic = "trunc"
    summary = "round toward zero"


class RintOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.rint"
    intrinsic = "rint"
    summary = "round in the current rounding mode"


class NearbyintOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.nearbyint"
    intrinsic = "nearbyint"
    summary = "round in the current rounding mode, no inexact exception"


class SinOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.sin"
    intrinsic = "sin"
    summary = "sine"


class CosOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.cos"
    intrinsic = "cos"
    summary = "cosine"


class TanOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.tan"
    intrinsic = "tan"
    summary = "tangent"


class TanhOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.tanh"
    intrinsic = "tanh"
    summary = "hyperbolic tangent"


class SinhOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.sinh"
    intrinsic = "sinh"
    summary = "hyperbolic sine"


class CoshOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.cosh"
    intrinsic = "cosh"
    summary = "hyperbolic cosine"


class ASinOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.asin"
    intrinsic = "asin"
    summary = "arc sine"


class ACosOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.acos"
    intrinsic = "acos"
    summary = "arc cosine"


class ATanOp(_UnaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.atan"
    intrinsic = "atan"
    summary = "arc tangent"


class MaxNumOp(_BinaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.maxnum"
    intrinsic = "maxnum"
    summary = "maximum, a NaN operand gives the other"


class MinNumOp(_BinaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.minnum"
    intrinsic = "minnum"
    summary = "minimum, a NaN operand gives the other"


class MaximumOp(_BinaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.maximum"
    intrinsic = "maximum"
    summary = "maximum, NaN if either is NaN"


class MinimumOp(_BinaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.minimum"
    intrinsic = "minimum"
    summary = "minimum, NaN if either is NaN"


class PowOp(_BinaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.pow"
    intrinsic = "pow"
    summary = "a raised to the power b"


class CopySignOp(_BinaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.copysign"
    intrinsic = "copysign"
    summary = "magnitude of a with the sign of b"


class FmaOp(_TernaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.fma"
    intrinsic = "fma"
    summary = "fused multiply-add, one rounding"


class FMulAddOp(_TernaryFloat):
    __slots__ = ()
    OP_NAME = "llvm.intr.fmuladd"
    intrinsic = "fmuladd"
    summary = "multiply-add, fused where the target makes it faster"


class PowIOp(IntrinsicOp):
    """`%r = llvm.intr.powi(%x, %n) : (f32, i32) -> f32`."""

    __slots__ = ()
    OP_NAME = "llvm.intr.powi"
    intrinsic = "powi"
    overloaded = ("r", 1)
    summary = "a raised to an integer power"
    traits = frozenset({Pure})
    val = operand(FloatOrVector)
    power = operand(SignlessInteger)
    res = result(FloatOrVector)
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    assembly_format = "`(` $val `,` $power `)` " + _FM

    def __init__(self, val: Value, power: Value, fastmath: Any = None, **kwargs: Any) -> None:
        super().__init__(val, power, fastmathFlags=fastmath_attr(fastmath),
                         result_types=[val.type], **kwargs)  # fmt: skip

    def verify(self) -> None:
        if self.res.type is not self.val.type:
            raise VerifyError(self, "failed to verify that all of {val, res} have same type")


# -- integer intrinsics --------------------------------------------------------------------------


class _IntIntr(IntrinsicOp):
    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})


class _BinaryInt(_IntIntr):
    __slots__ = ()
    a = operand(IntOrVector)
    b = operand(IntOrVector)
    res = result(IntOrVector)
    assembly_format = "`(` $a `,` $b `)` attr-dict `:` functional-type(operands, results)"


class SMaxOp(_BinaryInt):
    __slots__ = ()
    OP_NAME = "llvm.intr.smax"
    intrinsic = "smax"
    summary = "signed maximum"


class SMinOp(_BinaryInt):
    __slots__ = ()
    OP_NAME = "llvm.intr.smin"
    intrinsic = "smin"
    summary = "signed minimum"


class UMaxOp(_BinaryInt):
    __slots__ = ()
    OP_NAME = "llvm.intr.umax"
    intrinsic = "umax"
    summary = "unsigned maximum"


class UMinOp(_BinaryInt):
    __slots__ = ()
    OP_NAME = "llvm.intr.umin"
    intrinsic = "umin"
    summary = "unsigned minimum"


class CtPopOp(_IntIntr):
    __slots__ = ()
    OP_NAME = "llvm.intr.ctpop"
    intrinsic = "ctpop"
    summary = "population count"
    in_ = operand(IntOrVector)
    res = result(IntOrVector)
    assembly_format = "`(` $in `)` attr-dict `:` functional-type(operands, results)"


class BitReverseOp(_IntIntr):
    __slots__ = ()
    OP_NAME = "llvm.intr.bitreverse"
    intrinsic = "bitreverse"
    summary = "reverse the bits"
    in_ = operand(IntOrVector)
    res = result(IntOrVector)
    assembly_format = "`(` $in `)` attr-dict `:` functional-type(operands, results)"


class ByteSwapOp(_IntIntr):
    __slots__ = ()
    OP_NAME = "llvm.intr.bswap"
    intrinsic = "bswap"
    summary = "reverse the bytes"
    in_ = operand(IntOrVector)
    res = result(IntOrVector)
    assembly_format = "`(` $in `)` attr-dict `:` functional-type(operands, results)"


class AbsOp(_IntIntr):
    """`"llvm.intr.abs"(%x) <{is_int_min_poison = false}> : (i32) -> i32` (generic only,
    as in MLIR)."""

    __slots__ = ()
    OP_NAME = "llvm.intr.abs"
    intrinsic = "abs"
    immargs = ("is_int_min_poison",)
    summary = "absolute value"
    in_ = operand(IntOrVector)
    is_int_min_poison = attribute(BoolAttrC)
    res = result(IntOrVector)

    def __init__(self, value: Value, is_int_min_poison: bool = False, **kwargs: Any) -> None:
        super().__init__(value, is_int_min_poison=BoolAttr(is_int_min_poison), **kwargs)


class _CountZeros(_IntIntr):
    __slots__ = ()
    immargs = ("is_zero_poison",)
    in_ = operand(IntOrVector)
    is_zero_poison = attribute(BoolAttrC)
    res = result(IntOrVector)

    def __init__(self, value: Value, is_zero_poison: bool = False, **kwargs: Any) -> None:
        super().__init__(value, is_zero_poison=BoolAttr(is_zero_poison), **kwargs)


class CountLeadingZerosOp(_CountZeros):
    __slots__ = ()
    OP_NAME = "llvm.intr.ctlz"
    intrinsic = "ctlz"
    summary = "count leading zeros"


class CountTrailingZerosOp(_CountZeros):
    __slots__ = ()
    OP_NAME = "llvm.intr.cttz"
    intrinsic = "cttz"
    summary = "count trailing zeros"


# -- memory ------------------------------------------------------------------------------------


class _MemTransfer(IntrinsicOp):
    __slots__ = ()
    overloaded = (0, 1, 2)
    immargs = ("isVolatile",)
    dst = operand(Pointer)
    src = operand(Pointer)
    len = operand(SignlessInteger)
    isVolatile = attribute(BoolAttrC)
    access_groups = attribute(ArrayAttrC, optional=True)
    alias_scopes = attribute(ArrayAttrC, optional=True)
    noalias_scopes = attribute(ArrayAttrC, optional=True)
    tbaa = attribute(ArrayAttrC, optional=True)

    def __init__(self, dst: Value, src: Value, length: Value, volatile: bool = False,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(dst, src, length, isVolatile=BoolAttr(volatile), **kwargs)


class MemcpyOp(_MemTransfer):
    """`"llvm.intr.memcpy"(%dst, %src, %n) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr,
    i64) -> ()`: copy `%n` bytes between regions that do not overlap."""

    __slots__ = ()
    OP_NAME = "llvm.intr.memcpy"
    intrinsic = "memcpy"
    summary = "copy bytes"


class MemmoveOp(_MemTransfer):
    __slots__ = ()
    OP_NAME = "llvm.intr.memmove"
    intrinsic = "memmove"
    summary = "copy bytes between possibly overlapping regions"


class MemsetOp(IntrinsicOp):
    """`"llvm.intr.memset"(%dst, %byte, %n) <{isVolatile = false}> : (!llvm.ptr, i8, i64) ->
    ()`."""

    __slots__ = ()
    OP_NAME = "llvm.intr.memset"
    intrinsic = "memset"
    overloaded = (0, 2)
    immargs = ("isVolatile",)
    summary = "fill bytes"
    dst = operand(Pointer)
    val = operand(Constraint("8-bit signless integer", lambda t: t is i8))
    len = operand(SignlessInteger)
    isVolatile = attribute(BoolAttrC)
    access_groups = attribute(ArrayAttrC, optional=True)
    alias_scopes = attribute(ArrayAttrC, optional=True)
    noalias_scopes = attribute(ArrayAttrC, optional=True)
    tbaa = attribute(ArrayAttrC, optional=True)

    def __init__(self, dst: Value, val: Value, length: Value, volatile: bool = False,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(dst, val, length, isVolatile=BoolAttr(volatile), **kwargs)


# -- vector reductions -------------------------------------------------------------------------

_INT_VECTOR = Constraint(
    "LLVM dialect-compatible vector of signless integer",
    lambda t: isinstance(t, VectorType) and IntOrVector.check(t),
)
_FLOAT_VECTOR = Constraint(
    "LLVM dialect-compatible vector of floating point LLVM type",
    lambda t: isinstance(t, VectorType) and FloatOrVector.check(t),
)


class _Reduction(IntrinsicOp, InferTypeOpInterface):
    """`%r = "llvm.intr.vector.reduce.<op>"(%v) : (vector<4xi32>) -> i32`."""

    __slots__ = ()
    traits = frozenset({Pure})
    overloaded = (0,)
    in_ = operand(_INT_VECTOR)
    res = result(LLVMTypeC)

    @classmethod
    def infer_result_types(
        cls, operands: dict, attrs: dict, result_types: Any = None
    ) -> list[Type]:
        v = operands.get("in")
        if not isinstance(v, Value) or not isinstance(v.type, VectorType):
            raise InferTypeError(f"{cls.OP_NAME}: expected a vector operand")
        return [v.type.element_type]

    def verify(self) -> None:
        if self.res.type is not self.operands[-1].type.element_type:
            raise VerifyError(self, "failed to verify that result type matches vector element "
                              "type")  # fmt: skip


class VectorReduceAddOp(_Reduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.add"
    intrinsic = "vector.reduce.add"
    summary = "sum of the lanes"


class VectorReduceMulOp(_Reduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.mul"
    intrinsic = "vector.reduce.mul"
    summary = "product of the lanes"


class VectorReduceAndOp(_Reduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.and"
    intrinsic = "vector.reduce.and"
    summary = "bitwise and of the lanes"


class VectorReduceOrOp(_Reduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.or"
    intrinsic = "vector.reduce.or"
    summary = "bitwise or of the lanes"


class VectorReduceXorOp(_Reduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.xor"
    intrinsic = "vector.reduce.xor"
    summary = "bitwise xor of the lanes"


class VectorReduceSMaxOp(_Reduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.smax"
    intrinsic = "vector.reduce.smax"
    summary = "signed maximum of the lanes"


class VectorReduceSMinOp(_Reduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.smin"
    intrinsic = "vector.reduce.smin"
    summary = "signed minimum of the lanes"


class VectorReduceUMaxOp(_Reduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.umax"
    intrinsic = "vector.reduce.umax"
    summary = "unsigned maximum of the lanes"


class VectorReduceUMinOp(_Reduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.umin"
    intrinsic = "vector.reduce.umin"
    summary = "unsigned minimum of the lanes"


class _FloatReduction(_Reduction):
    """`%r = llvm.intr.vector.reduce.fmax(%v) : (vector<4xf32>) -> f32`."""

    __slots__ = ()
    in_ = operand(_FLOAT_VECTOR)
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    assembly_format = "`(` $in `)` " + _FM

    def __init__(self, vector: Value, fastmath: Any = None, **kwargs: Any) -> None:
        super().__init__(vector, fastmathFlags=fastmath_attr(fastmath), **kwargs)


class VectorReduceFMaxOp(_FloatReduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.fmax"
    intrinsic = "vector.reduce.fmax"
    summary = "maximum of the lanes (maxnum)"


class VectorReduceFMinOp(_FloatReduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.fmin"
    intrinsic = "vector.reduce.fmin"
    summary = "minimum of the lanes (minnum)"


class VectorReduceFMaximumOp(_FloatReduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.fmaximum"
    intrinsic = "vector.reduce.fmaximum"
    summary = "maximum of the lanes (maximum)"


class VectorReduceFMinimumOp(_FloatReduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.fminimum"
    intrinsic = "vector.reduce.fminimum"
    summary = "minimum of the lanes (minimum)"


class _OrderedReduction(IntrinsicOp):
    """`%r = llvm.intr.vector.reduce.fadd(%start, %v) : (f32, vector<4xf32>) -> f32`: in lane
    order unless `reassoc` allows any order."""

    __slots__ = ()
    traits = frozenset({Pure})
    overloaded = (1,)
    start_value = operand(FloatOrVector)
    input = operand(_FLOAT_VECTOR)
    res = result(FloatOrVector)
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    assembly_format = "`(` $start_value `,` $input `)` " + _FM

    def __init__(self, start: Value, vector: Value, fastmath: Any = None, **kwargs: Any):
        super().__init__(start, vector, fastmathFlags=fastmath_attr(fastmath),
                         result_types=[start.type], **kwargs)  # fmt: skip

    def verify(self) -> None:
        elem = self.input.type.element_type
        if self.start_value.type is not elem or self.res.type is not elem:
            raise VerifyError(self, "failed to verify that result type matches vector element "
                              "type")  # fmt: skip


class VectorReduceFAddOp(_OrderedReduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.fadd"
    intrinsic = "vector.reduce.fadd"
    summary = "sum of a start value and the lanes"


class VectorReduceFMulOp(_OrderedReduction):
    __slots__ = ()
    OP_NAME = "llvm.intr.vector.reduce.fmul"
    intrinsic = "vector.reduce.fmul"
    summary = "product of a start value and the lanes"


# -- assume ------------------------------------------------------------------------------------


class AssumeOp(IntrinsicOp):
    """`llvm.intr.assume %c : i1`: the optimizer may take `%c` as true."""

    __slots__ = ()
    OP_NAME = "llvm.intr.assume"
    intrinsic = "assume"
    overloaded = ()
    summary = "assume a condition holds"
    cond = operand(I1)
    op_bundle_operands = var_operand(LLVMTypeC)
    op_bundle_sizes = attribute(DenseI32Array)
    op_bundle_tags = attribute(ArrayAttrC, optional=True)

    def __init__(self, cond: Value, **kwargs: Any) -> None:
        super().__init__(cond, [], op_bundle_sizes=DenseArrayAttr(i32, []), **kwargs)

    def verify(self) -> None:
        verify_op_bundles(self)

    def print_custom(self, p: Any, indent: str) -> None:
        if has_op_bundles(self):
            p.generic_op(self, indent)  # no custom syntax for bundles here
            return
        p.out.append(f"{self.name} {p.value(self.cond)}")
        attrs = {k: v for k, v in self.properties.items() if k != "op_bundle_sizes"}
        attrs.update(self.attributes)
        if attrs:
            p.out.append(" " + p.attr_dict(attrs))
        p.out.append(f" : {p.type(self.cond.type)}")


class _AlignmentToken(CustomAttr):
    """An alignment written as a bare integer, `alignment(16)`."""

    __slots__ = ()
    terminal = "INT"

    def __init__(self) -> None:
        # Older MLIR wrote the alignment of masked ops as an i32: both read.
        super().__init__(
            "64-bit signless integer attribute",
            lambda a: isinstance(a, IntegerAttr) and isinstance(a.type, IntegerType),
        )

    def parse_token(self, text: str) -> IntegerAttr:
        return IntegerAttr(int(text, 0), i64)

    def print_token(self, value: Any, printer: Any) -> str:
        return str(value.value)


_Alignment = _AlignmentToken()


class _Masked(IntrinsicOp):
    __slots__ = ()

    def print_custom(self, p: Any, indent: str) -> None:
        if self.alignment.type is not i64:
            p.generic_op(self, indent)  # the custom form writes an i64 alignment
            return
        super().print_custom(p, indent)


_BOOL_VECTOR = Constraint(
    "LLVM dialect-compatible vector of 1-bit signless integer",
    lambda t: isinstance(t, VectorType) and t.element_type is i1,
)


class MaskedLoadOp(_Masked):
    """`%v = llvm.intr.masked.load(%p, %mask, %passthru), alignment(16) : (!llvm.ptr,
    vector<4xi1>, vector<4xf32>) -> vector<4xf32>`: lanes whose mask bit is off read nothing
    and take the pass-through value (poison without one)."""

    __slots__ = ()
    OP_NAME = "llvm.intr.masked.load"
    intrinsic = "masked.load"
    overloaded = ("r", 0)
    summary = "masked vector load"
    data = operand(Pointer)
    mask = operand(_BOOL_VECTOR)
    pass_thru = var_operand(LLVMTypeC)
    alignment = attribute(_Alignment)
    nontemporal = attribute(UnitAttrC, optional=True)
    res = result(LLVMTypeC)
    assembly_format = (
        "`(` $data `,` $mask (`,` $pass_thru^)? `)` `,` `alignment` `(` $alignment `)` attr-dict "
        "`:` functional-type(operands, results)"
    )

    def verify(self) -> None:
        if len(self.pass_thru) > 1:
            raise VerifyError(self, "expected at most one pass-through value")


class MaskedStoreOp(_Masked):
    """`llvm.intr.masked.store(%v, %p, %mask), alignment(16) : vector<4xf32>, vector<4xi1>
    into !llvm.ptr`."""

    __slots__ = ()
    OP_NAME = "llvm.intr.masked.store"
    intrinsic = "masked.store"
    overloaded = (0, 1)
    summary = "masked vector store"
    value = operand(LLVMTypeC)
    data = operand(Pointer)
    mask = operand(_BOOL_VECTOR)
    alignment = attribute(_Alignment)
    assembly_format = (
        "`(` $value `,` $data `,` $mask `)` `,` `alignment` `(` $alignment `)` attr-dict `:` "
        "type($value) `,` type($mask) `into` qualified(type($data))"
    )


class StackSaveOp(IntrinsicOp):
    """`%p = llvm.intr.stacksave : !llvm.ptr`."""

    __slots__ = ()
    OP_NAME = "llvm.intr.stacksave"
    intrinsic = "stacksave"
    summary = "save the stack pointer"
    res = result(Pointer)
    assembly_format = "attr-dict `:` qualified(type($res))"


class StackRestoreOp(IntrinsicOp):
    """`llvm.intr.stackrestore %p : !llvm.ptr`."""

    __slots__ = ()
    OP_NAME = "llvm.intr.stackrestore"
    intrinsic = "stackrestore"
    overloaded = (0,)
    summary = "restore the stack pointer"
    ptr = operand(Pointer)
    assembly_format = "$ptr attr-dict `:` qualified(type($ptr))"


INTRINSICS = [
    FAbsOp, SqrtOp, ExpOp, Exp2Op, Exp10Op, LogOp, Log2Op, Log10Op, FloorOp, CeilOp, RoundOp,
    RoundEvenOp, FTruncOp, RintOp, NearbyintOp, SinOp, CosOp, TanOp, TanhOp, SinhOp, CoshOp,
    ASinOp, ACosOp, ATanOp, MaxNumOp, MinNumOp, MaximumOp, MinimumOp, PowOp, CopySignOp,
    FmaOp, FMulAddOp, PowIOp, SMaxOp, SMinOp, UMaxOp, UMinOp, CtPopOp, BitReverseOp,
    ByteSwapOp, AbsOp, CountLeadingZerosOp, CountTrailingZerosOp, MemcpyOp, MemmoveOp,
    MemsetOp, VectorReduceAddOp, VectorReduceMulOp, VectorReduceAndOp, VectorReduceOrOp,
    VectorReduceXorOp, VectorReduceSMaxOp, VectorReduceSMinOp, VectorReduceUMaxOp,
    VectorReduceUMinOp, VectorReduceFMaxOp, VectorReduceFMinOp, VectorReduceFMaximumOp,
    VectorReduceFMinimumOp, VectorReduceFAddOp, VectorReduceFMulOp, AssumeOp, MaskedLoadOp,
    MaskedStoreOp, StackSaveOp, StackRestoreOp,
]  # fmt: skip
