"""llvm ops: MLIR's `llvm` dialect, the LLVM IR instructions as MLIR ops, with MLIR's names,
property names, syntax and verifiers.

Ops whose syntax the assembly format expresses declare it here; the others (functions,
globals, calls, memory access, getelementptr, aggregates, switch) print with `print_custom`
here and parse through the grammar in `syntax.py`. Intrinsics (`llvm.intr.*`) are in
`intrinsics.py`.

Builders take Python values where MLIR's C++ builders do:

    i64 = IntegerType(64)
    c = ConstantOp(1, i64)                          # llvm.mlir.constant(1 : i64) : i64
    p = GEPOp(base, [c.res], f32, inbounds=True)    # llvm.getelementptr inbounds %b[%c] ...
    v = LoadOp(p.res, f32, alignment=4)             # llvm.load %p <alignment = 4> ...
    StoreOp(v.res, p.res, alignment=4)
    s = AddOp(a, b, overflow=["nsw"])               # llvm.add %a, %b overflow<nsw> : i64
    x = FAddOp(a, b, fastmath="fast")               # llvm.fadd %a, %b fastmath<fast> : f32
    f = FuncOp("f", LLVMFunctionType(VOID, [PTR]), linkage="internal")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dialir.core.ir.attrs import (
    ArrayAttr,
    Attribute,
    DenseArrayAttr,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    DictionaryAttr,
    FloatAttr,
    IntegerAttr,
    StringAttr,
    SymbolRefAttr,
    TypeAttr,
    UnitAttr,
)
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, VerifyError
from dialir.core.ir.lazy import np
from dialir.core.ir.operation import Block, Region, Value
from dialir.core.ir.traits import (
    AutomaticAllocationScope,
    Commutative,
    ConstantLike,
    IsolatedFromAbove,
    IsTerminator,
    Pure,
    ReturnLike,
    SameOperandsAndResultType,
    SameTypeOperands,
    Symbol,
    lookup_nearest_symbol,
)
from dialir.core.ir.types import FloatType, IntegerType, Type, VectorType, i1
from dialir.core.ods.constraints import (
    I1,
    AnyAttr,
    ArrayAttrC,
    Constraint,
    DenseI32Array,
    DenseI64Array,
    FlatSymbolRefAttr,
    IntElementsAttr,
    SameAs,
    StringAttrC,
    SymbolNameAttr,
    TypeAttrC,
    UnitAttrC,
)
from dialir.core.ods.interfaces import (
    CallableOpInterface,
    CallOpInterface,
    InferTypeError,
    InferTypeOpInterface,
)
from dialir.core.ods.opdef import (
    Op,
    attribute,
    operand,
    opt_operand,
    opt_result,
    region,
    result,
    successor,
    var_operand,
    var_successor,
)
from dialir.dialects.llvm.attrs import (
    CCONV_C,
    FASTMATH_NONE,
    LINKAGE_EXTERNAL,
    TAIL_NONE,
    TLS_MODES,
    AtomicOrdering,
    BranchWeights,
    CConvAttr,
    FastmathFlags,
    FastmathFlagsAttr,
    FCmpPredicate,
    GEPNoWrapFlags,
    I32AttrC,
    I64AttrC,
    ICmpPredicate,
    IntEnum,
    LinkageAttr,
    OverflowFlags,
    TailCallKindAttr,
    UnnamedAddr,
    Visibility,
)
from dialir.dialects.llvm.attrs import CConv as CConvC
from dialir.dialects.llvm.attrs import Linkage as LinkageC
from dialir.dialects.llvm.attrs import TailCallKind as TailCallKindC
from dialir.dialects.llvm.types import (
    LLVM_FLOAT_KINDS,
    LLVMArrayType,
    LLVMFunctionType,
    LLVMLabelType,
    LLVMMetadataType,
    LLVMPointerType,
    LLVMStructType,
    LLVMVoidType,
    is_compatible_type,
    is_valid_element_type,
)

i32 = IntegerType(32)
i64 = IntegerType(64)

# -- constraints (MLIR's descriptions, which the verifier's messages quote) --------------------


def _is_signless(t: Type) -> bool:
    return isinstance(t, IntegerType) and t.is_signless


def _is_float(t: Type) -> bool:
    return isinstance(t, FloatType) and t.kind in LLVM_FLOAT_KINDS


def _is_ptr(t: Type) -> bool:
    return isinstance(t, LLVMPointerType)


def _scalar_or_vector(pred, what: str) -> Constraint:
    """MLIR's LLVM_ScalarOrVectorOf: `what`, or a 1-D vector of it."""
    return Constraint(
        f"{what} or LLVM dialect-compatible vector of {what}",
        lambda t: pred(t) or (isinstance(t, VectorType) and t.rank == 1 and pred(t.element_type)),
    )


SignlessInteger = Constraint("signless integer", _is_signless)
IntOrVector = _scalar_or_vector(_is_signless, "signless integer")
FloatOrVector = _scalar_or_vector(_is_float, "floating point LLVM type")
BoolOrVector = _scalar_or_vector(lambda t: t is i1, "1-bit signless integer")
PtrOrVector = _scalar_or_vector(_is_ptr, "LLVM pointer type")
IntOrPtrOrVector = Constraint(
    f"{IntOrVector.description} or {PtrOrVector.description}",
    lambda t: IntOrVector.check(t) or PtrOrVector.check(t),
)
Pointer = Constraint("LLVM pointer type", _is_ptr)
LLVMTypeC = Constraint("LLVM dialect-compatible type", is_compatible_type)
Loadable = Constraint(
    "LLVM type with size",
    lambda t: (
        is_compatible_type(t)
        and not isinstance(t, (LLVMVoidType, LLVMFunctionType, LLVMLabelType, LLVMMetadataType))
    ),
)
NonAggregate = Constraint(
    "LLVM-compatible non-aggregate type",
    lambda t: is_compatible_type(t) and not isinstance(t, (LLVMStructType, LLVMArrayType)),
)
LLVMFunctionTypeAttr = Constraint(
    "type attribute of LLVM function type",
    lambda a: isinstance(a, TypeAttr) and isinstance(a.value, LLVMFunctionType),
)
FastmathFlagsAttrC = FastmathFlags


def i1_same_shape(t: Type) -> Type:
    """i1, or a vector of i1 shaped like `t` (a comparison's result type)."""
    if isinstance(t, VectorType):
        return VectorType(t.shape, i1, t.scalable)
    return i1


def _flags(value: Any, attr_class: type, none: Attribute) -> Attribute | None:
    """A flags attribute from a Python value (a string, a list of names, an attribute), or
    None when it is the default."""
    if value is None:
        return None
    attr = value if isinstance(value, Attribute) else attr_class(value)
    return None if attr is none else attr


def fastmath_attr(value: Any) -> FastmathFlagsAttr | None:
    """`#llvm.fastmath<...>` from "fast", ["nnan", "ninf"] or an attribute; None for none."""
    return _flags(value, FastmathFlagsAttr, FASTMATH_NONE)


def overflow_attr(value: Any) -> IntegerAttr | None:
    if value is None or isinstance(value, IntegerAttr):
        return value if value is None or value.value else None
    attr = OverflowFlags.attr(value)
    return attr if attr.value else None


def _unit(flag: bool) -> UnitAttr | None:
    return UnitAttr() if flag else None


def _i64(value: int | None) -> IntegerAttr | None:
    return None if value is None else IntegerAttr(value, i64)


# -- integer and float arithmetic ----------------------------------------------------------------

_INT_BINARY = "$lhs `,` $rhs attr-dict `:` type($res)"
_OVERFLOW_BINARY = "$lhs `,` $rhs (`overflow` `` $overflowFlags^)? attr-dict `:` type($res)"
_EXACT_BINARY = "(`exact` $isExact^)? $lhs `,` $rhs attr-dict `:` type($res)"
_FLOAT_BINARY = "$lhs `,` $rhs (`fastmath` `` $fastmathFlags^)? attr-dict `:` type($res)"


class _IntBinary(Op):
    """An integer binary op: `%r = llvm.<op> %a, %b : i32` (or a vector of integers)."""

    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    lhs = operand(IntOrVector)
    rhs = operand(IntOrVector)
    res = result(IntOrVector)
    assembly_format = _INT_BINARY
    llvm_instruction = ""


class _OverflowBinary(_IntBinary):
    __slots__ = ()
    overflowFlags = attribute(OverflowFlags, default=IntegerAttr(0, i32))
    assembly_format = _OVERFLOW_BINARY

    def __init__(self, lhs: Value, rhs: Value, overflow: Any = None, **kwargs: Any) -> None:
        """`overflow`: ["nsw", "nuw"], "nsw", or the i32 flags attribute."""
        super().__init__(lhs, rhs, overflowFlags=overflow_attr(overflow), **kwargs)


class _ExactBinary(_IntBinary):
    __slots__ = ()
    isExact = attribute(UnitAttrC, optional=True)
    assembly_format = _EXACT_BINARY

    def __init__(self, lhs: Value, rhs: Value, exact: bool = False, **kwargs: Any) -> None:
        super().__init__(lhs, rhs, isExact=_unit(exact), **kwargs)


class AddOp(_OverflowBinary):
    __slots__ = ()
    OP_NAME = "llvm.add"
    summary = "integer addition"
    traits = frozenset({Pure, SameOperandsAndResultType, Commutative})
    llvm_instruction = "add"


class SubOp(_OverflowBinary):
    __slots__ = ()
    OP_NAME = "llvm.sub"
    summary = "integer subtraction"
    llvm_instruction = "sub"


class MulOp(_OverflowBinary):
    __slots__ = ()
    OP_NAME = "llvm.mul"
    summary = "integer multiplication"
    traits = frozenset({Pure, SameOperandsAndResultType, Commutative})
    llvm_instruction = "mul"


class ShlOp(_OverflowBinary):
    __slots__ = ()
    OP_NAME = "llvm.shl"
    summary = "shift left"
    llvm_instruction = "shl"


class UDivOp(_ExactBinary):
    __slots__ = ()
    OP_NAME = "llvm.udiv"
    summary = "unsigned integer division"
    llvm_instruction = "udiv"


class SDivOp(_ExactBinary):
    __slots__ = ()
    OP_NAME = "llvm.sdiv"
    summary = "signed integer division"
    llvm_instruction = "sdiv"


class LShrOp(_ExactBinary):
    __slots__ = ()
    OP_NAME = "llvm.lshr"
    summary = "logical shift right"
    llvm_instruction = "lshr"


class AShrOp(_ExactBinary):
    __slots__ = ()
    OP_NAME = "llvm.ashr"
    summary = "arithmetic shift right"
    llvm_instruction = "ashr"


class URemOp(_IntBinary):
    __slots__ = ()
    OP_NAME = "llvm.urem"
    summary = "unsigned integer remainder"
    llvm_instruction = "urem"


class SRemOp(_IntBinary):
    __slots__ = ()
    OP_NAME = "llvm.srem"
    summary = "signed integer remainder"
    llvm_instruction = "srem"


class AndOp(_IntBinary):
    __slots__ = ()
    OP_NAME = "llvm.and"
    summary = "bitwise and"
    traits = frozenset({Pure, SameOperandsAndResultType, Commutative})
    llvm_instruction = "and"


class OrOp(_IntBinary):
    __slots__ = ()
    OP_NAME = "llvm.or"
    summary = "bitwise or"
    traits = frozenset({Pure, SameOperandsAndResultType, Commutative})
    isDisjoint = attribute(UnitAttrC, optional=True)
    assembly_format = "(`disjoint` $isDisjoint^)? $lhs `,` $rhs attr-dict `:` type($res)"
    llvm_instruction = "or"

    def __init__(self, lhs: Value, rhs: Value, disjoint: bool = False, **kwargs: Any) -> None:
        super().__init__(lhs, rhs, isDisjoint=_unit(disjoint), **kwargs)


class XOrOp(_IntBinary):
    __slots__ = ()
    OP_NAME = "llvm.xor"
    summary = "bitwise exclusive or"
    traits = frozenset({Pure, SameOperandsAndResultType, Commutative})
    llvm_instruction = "xor"


class _FloatBinary(Op):
    """A float binary op: `%r = llvm.<op> %a, %b fastmath<fast> : f32`."""

    __slots__ = ()
    traits = frozenset({Pure, SameOperandsAndResultType})
    lhs = operand(FloatOrVector)
    rhs = operand(FloatOrVector)
    res = result(FloatOrVector)
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    assembly_format = _FLOAT_BINARY
    llvm_instruction = ""

    def __init__(self, lhs: Value, rhs: Value, fastmath: Any = None, **kwargs: Any) -> None:
        """`fastmath`: "fast", ["nnan", "ninf"], or a FastmathFlagsAttr."""
        super().__init__(lhs, rhs, fastmathFlags=fastmath_attr(fastmath), **kwargs)


class FAddOp(_FloatBinary):
    __slots__ = ()
    OP_NAME = "llvm.fadd"
    summary = "float addition"
    llvm_instruction = "fadd"


class FSubOp(_FloatBinary):
    __slots__ = ()
    OP_NAME = "llvm.fsub"
    summary = "float subtraction"
    llvm_instruction = "fsub"


class FMulOp(_FloatBinary):
    __slots__ = ()
    OP_NAME = "llvm.fmul"
    summary = "float multiplication"
    llvm_instruction = "fmul"


class FDivOp(_FloatBinary):
    __slots__ = ()
    OP_NAME = "llvm.fdiv"
    summary = "float division"
    llvm_instruction = "fdiv"


class FRemOp(_FloatBinary):
    __slots__ = ()
    OP_NAME = "llvm.frem"
    summary = "float remainder"
    llvm_instruction = "frem"


class FNegOp(Op):
    """`%r = llvm.fneg %a : f32`."""

    __slots__ = ()
    OP_NAME = "llvm.fneg"
    summary = "float negation"
    traits = frozenset({Pure, SameOperandsAndResultType})
    operand_ = operand(FloatOrVector)
    res = result(FloatOrVector)
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    assembly_format = "$operand (`fastmath` `` $fastmathFlags^)? attr-dict `:` type($res)"

    def __init__(self, value: Value, fastmath: Any = None, **kwargs: Any) -> None:
        super().__init__(value, fastmathFlags=fastmath_attr(fastmath), **kwargs)


# -- comparisons and select ----------------------------------------------------------------------


class ICmpOp(Op, InferTypeOpInterface):
    """`%r = llvm.icmp "slt" %a, %b : i32`: integer or pointer comparison, i1 (or a vector
    of i1) result."""

    __slots__ = ()
    OP_NAME = "llvm.icmp"
    summary = "LLVM dialect integer comparison"
    traits = frozenset({Pure, SameTypeOperands})
    predicate = attribute(ICmpPredicate)
    lhs = operand(IntOrPtrOrVector)
    rhs = operand(IntOrPtrOrVector)
    res = result(BoolOrVector)
    assembly_format = "$predicate $lhs `,` $rhs attr-dict `:` type($lhs)"

    def __init__(self, predicate: str | IntegerAttr, lhs: Value, rhs: Value, **kwargs: Any):
        if isinstance(predicate, str):
            predicate = ICmpPredicate.attr(predicate)
        super().__init__(lhs, rhs, predicate=predicate, **kwargs)

    @classmethod
    def infer_result_types(
        cls, operands: dict, attrs: dict, result_types: Any = None
    ) -> list[Type]:
        lhs = operands.get("lhs")
        if not isinstance(lhs, Value):
            raise InferTypeError(f"{cls.OP_NAME}: cannot infer the result type")
        return [i1_same_shape(lhs.type)]

    @property
    def predicate_name(self) -> str:
        return ICmpPredicate.case(self.predicate)

    def verify(self) -> None:
        _verify_cmp_result(self)


class FCmpOp(Op, InferTypeOpInterface):
    """`%r = llvm.fcmp "olt" %a, %b : f32`."""

    __slots__ = ()
    OP_NAME = "llvm.fcmp"
    summary = "LLVM dialect floating-point comparison"
    traits = frozenset({Pure, SameTypeOperands})
    predicate = attribute(FCmpPredicate)
    lhs = operand(FloatOrVector)
    rhs = operand(FloatOrVector)
    res = result(BoolOrVector)
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    assembly_format = (
        "$predicate $lhs `,` $rhs (`fastmath` `` $fastmathFlags^)? attr-dict `:` type($lhs)"
    )

    def __init__(self, predicate: str | IntegerAttr, lhs: Value, rhs: Value,
                 fastmath: Any = None, **kwargs: Any) -> None:  # fmt: skip
        if isinstance(predicate, str):
            predicate = FCmpPredicate.attr(predicate)
        super().__init__(
            lhs, rhs, predicate=predicate, fastmathFlags=fastmath_attr(fastmath), **kwargs
        )

    infer_result_types = ICmpOp.infer_result_types

    @property
    def predicate_name(self) -> str:
        return FCmpPredicate.case(self.predicate)

    def verify(self) -> None:
        _verify_cmp_result(self)


def _verify_cmp_result(op: Op) -> None:
    if op.res.type is not i1_same_shape(op.lhs.type):
        raise VerifyError(
            op,
            "failed to verify that result type has i1 element type and same shape as operands",
        )


class SelectOp(Op, InferTypeOpInterface):
    """`%r = llvm.select %c, %a, %b : i1, f32`."""

    __slots__ = ()
    OP_NAME = "llvm.select"
    summary = "LLVM select"
    traits = frozenset({Pure})
    condition = operand(BoolOrVector)
    trueValue = operand(LLVMTypeC)
    falseValue = operand(SameAs("trueValue"))
    res = result(SameAs("trueValue"))
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    assembly_format = (
        "$condition `,` $trueValue `,` $falseValue (`fastmath` `` $fastmathFlags^)? attr-dict "
        "`:` type($condition) `,` type($res)"
    )

    def __init__(self, condition: Value, true_value: Value, false_value: Value,
                 fastmath: Any = None, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(
            condition, true_value, false_value, fastmathFlags=fastmath_attr(fastmath), **kwargs
        )

    @classmethod
    def infer_result_types(
        cls, operands: dict, attrs: dict, result_types: Any = None
    ) -> list[Type]:
        v = operands.get("trueValue")
        if not isinstance(v, Value):
            raise InferTypeError(f"{cls.OP_NAME}: cannot infer the result type")
        return [v.type]


# -- casts -----------------------------------------------------------------------------------------

_CAST = "$arg attr-dict `:` type($arg) `to` type($res)"


class _Cast(Op):
    """`%r = llvm.<cast> %a : T to U`."""

    __slots__ = ()
    traits = frozenset({Pure})
    assembly_format = _CAST
    llvm_instruction = ""

    def __init__(self, arg: Value, result_type: Type, **kwargs: Any) -> None:
        super().__init__(arg, result_types=[result_type], **kwargs)

    def verify(self) -> None:
        a, r = self.arg.type, self.res.type
        if isinstance(a, VectorType) != isinstance(r, VectorType) or (
            isinstance(a, VectorType) and a.shape != r.shape
        ):
            raise VerifyError(self, f"operand type '{a}' and result type '{r}' are cast "
                              "incompatible: different vector shapes")  # fmt: skip
        self.verify_cast(_scalar(a), _scalar(r))

    def verify_cast(self, a: Type, r: Type) -> None:
        """Element-type checks beyond the constraints (LLVM's castIsValid)."""


def _scalar(t: Type) -> Type:
    return t.element_type if isinstance(t, VectorType) else t


def _width_check(op: Op, a: Type, r: Type, smaller: bool) -> None:
    aw, rw = _bits(a), _bits(r)
    if (rw >= aw) if smaller else (rw <= aw):
        word = "smaller" if smaller else "larger"
        raise VerifyError(op, f"result type '{op.res.type}' must be {word} than operand type "
                          f"'{op.arg.type}'")  # fmt: skip


def _bits(t: Type) -> int:
    return t.width


class TruncOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.trunc"
    summary = "integer truncation"
    arg = operand(IntOrVector)
    res = result(IntOrVector)
    overflowFlags = attribute(OverflowFlags, default=IntegerAttr(0, i32))
    assembly_format = (
        "$arg (`overflow` `` $overflowFlags^)? attr-dict `:` type($arg) `to` type($res)"
    )
    llvm_instruction = "trunc"

    def __init__(self, arg: Value, result_type: Type, overflow: Any = None, **kwargs: Any):
        super().__init__(arg, result_type, overflowFlags=overflow_attr(overflow), **kwargs)

    def verify_cast(self, a: Type, r: Type) -> None:
        _width_check(self, a, r, smaller=True)


class ZExtOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.zext"
    summary = "zero extension"
    arg = operand(IntOrVector)
    res = result(IntOrVector)
    nonNeg = attribute(UnitAttrC, optional=True)
    assembly_format = "(`nneg` $nonNeg^)? $arg attr-dict `:` type($arg) `to` type($res)"
    llvm_instruction = "zext"

    def verify_cast(self, a: Type, r: Type) -> None:
        _width_check(self, a, r, smaller=False)


class SExtOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.sext"
    summary = "sign extension"
    arg = operand(IntOrVector)
    res = result(IntOrVector)
    llvm_instruction = "sext"

    def verify_cast(self, a: Type, r: Type) -> None:
        _width_check(self, a, r, smaller=False)


class FPExtOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.fpext"
    summary = "float extension"
    arg = operand(FloatOrVector)
    res = result(FloatOrVector)
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    assembly_format = (
        "$arg (`fastmath` `` $fastmathFlags^)? attr-dict `:` type($arg) `to` type($res)"
    )
    llvm_instruction = "fpext"

    def verify_cast(self, a: Type, r: Type) -> None:
        _width_check(self, a, r, smaller=False)


class FPTruncOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.fptrunc"
    summary = "float truncation"
    arg = operand(FloatOrVector)
    res = result(FloatOrVector)
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    assembly_format = (
        "$arg (`fastmath` `` $fastmathFlags^)? attr-dict `:` type($arg) `to` type($res)"
    )
    llvm_instruction = "fptrunc"

    def verify_cast(self, a: Type, r: Type) -> None:
        _width_check(self, a, r, smaller=True)


class SIToFPOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.sitofp"
    summary = "signed integer to float"
    arg = operand(IntOrVector)
    res = result(FloatOrVector)
    llvm_instruction = "sitofp"


class UIToFPOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.uitofp"
    summary = "unsigned integer to float"
    arg = operand(IntOrVector)
    res = result(FloatOrVector)
    nonNeg = attribute(UnitAttrC, optional=True)
    assembly_format = "(`nneg` $nonNeg^)? $arg attr-dict `:` type($arg) `to` type($res)"
    llvm_instruction = "uitofp"


class FPToSIOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.fptosi"
    summary = "float to signed integer"
    arg = operand(FloatOrVector)
    res = result(IntOrVector)
    llvm_instruction = "fptosi"


class FPToUIOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.fptoui"
    summary = "float to unsigned integer"
    arg = operand(FloatOrVector)
    res = result(IntOrVector)
    llvm_instruction = "fptoui"


class BitcastOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.bitcast"
    summary = "bit cast between types of the same size"
    arg = operand(NonAggregate)
    res = result(NonAggregate)
    llvm_instruction = "bitcast"

    def verify(self) -> None:
        a, r = self.arg.type, self.res.type
        if _is_ptr(_scalar(a)) != _is_ptr(_scalar(r)):
            raise VerifyError(self, "can only cast pointers from and to pointers")
        if _is_ptr(_scalar(a)):
            if a is not r:  # LLVM: a pointer bitcast keeps the address space
                raise VerifyError(self, "cannot cast pointers of different address spaces, "
                                  "use 'llvm.addrspacecast' instead")  # fmt: skip
            return
        if _total_bits(a) != _total_bits(r):
            raise VerifyError(self, f"operand type '{a}' and result type '{r}' have different "
                              "bit widths")  # fmt: skip


def _total_bits(t: Type) -> int:
    if isinstance(t, VectorType):
        return t.num_elements * _total_bits(t.element_type)
    return getattr(t, "width", 0)


class PtrToIntOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.ptrtoint"
    summary = "pointer to integer"
    arg = operand(PtrOrVector)
    res = result(IntOrVector)
    llvm_instruction = "ptrtoint"


class IntToPtrOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.inttoptr"
    summary = "integer to pointer"
    arg = operand(IntOrVector)
    res = result(PtrOrVector)
    llvm_instruction = "inttoptr"


class AddrSpaceCastOp(_Cast):
    __slots__ = ()
    OP_NAME = "llvm.addrspacecast"
    summary = "pointer to another address space"
    arg = operand(PtrOrVector)
    res = result(PtrOrVector)
    llvm_instruction = "addrspacecast"


# -- constants ---------------------------------------------------------------------------------


class ConstantOp(Op):
    """`%c = llvm.mlir.constant(42 : i32) : i32`: an integer, float, string (an i8 array)
    or elements constant (a vector or an LLVM array)."""

    __slots__ = ()
    OP_NAME = "llvm.mlir.constant"
    summary = "Defines a constant of LLVM type."
    traits = frozenset({Pure, ConstantLike})
    value = attribute(AnyAttr)
    res = result(LLVMTypeC)
    assembly_format = "`(` $value `)` attr-dict `:` type($res)"

    def __init__(self, value: Any, type: Type | None = None, **kwargs: Any) -> None:
        """`ConstantOp(1, i64)`, `ConstantOp(1.5, f32)`, `ConstantOp(attr)` (a typed attribute,
        its type the result's), `ConstantOp(dense_attr, array_type)`."""
        if not isinstance(value, Attribute):
            if type is None:
                raise TypeError("llvm.mlir.constant of a Python value needs its type")
            if isinstance(value, bool) or isinstance(type, IntegerType):
                value = IntegerAttr(int(value), type)
            else:
                value = FloatAttr(float(value), type)
        if type is None:
            type = getattr(value, "type", None)
            if type is None:
                raise TypeError("llvm.mlir.constant of an untyped attribute needs its type")
        super().__init__(value=value, result_types=[type], **kwargs)

    def fold(self) -> list:
        return [self.value]

    def verify(self) -> None:
        value, t = self.value, self.res.type
        if isinstance(value, StringAttr):
            n = len(value.value.encode("utf-8", "surrogateescape"))
            if not (isinstance(t, LLVMArrayType) and t.num_elements == n
                    and t.element_type == IntegerType(8)):  # fmt: skip
                raise VerifyError(
                    self, f"expected array type of {n} i8 elements for the string constant"
                )
            return
        if isinstance(value, IntegerAttr):
            if isinstance(t, IntegerType) and isinstance(value.type, IntegerType):
                if value.type is not t:
                    raise VerifyError(self, "attribute and type have different integer types: "
                                      f"'{value.type}' vs. '{t}'")  # fmt: skip
                return
            if not isinstance(t, IntegerType):
                raise VerifyError(self, "expected integer type")
            return
        if isinstance(value, FloatAttr):
            if not isinstance(t, FloatType):
                raise VerifyError(self, "expected float type")
            if value.type is not t:
                raise VerifyError(self, f"attribute and type have different float types: "
                                  f"'{value.type}' vs. '{t}'")  # fmt: skip
            return
        if isinstance(value, (DenseElementsAttr, DenseResourceElementsAttr)):
            if not isinstance(t, (VectorType, LLVMArrayType)):
                raise VerifyError(self, "expected vector or array type")
            if _num_leaf_elements(t) != _num_elements(value.type):
                raise VerifyError(self, "elements attribute has a different number of "
                                  "elements than the result type")  # fmt: skip
            return
        if isinstance(value, ArrayAttr):
            return
        raise VerifyError(self, "only supports integer, float, string or elements attributes")


def _num_elements(t: Any) -> int:
    n = 1
    for d in t.shape:
        n *= d
    return n


def _num_leaf_elements(t: Type) -> int:
    if isinstance(t, LLVMArrayType):
        return t.num_elements * _num_leaf_elements(t.element_type)
    if isinstance(t, VectorType):
        return t.num_elements
    return 1


class _TypedValueOp(Op):
    __slots__ = ()
    traits = frozenset({Pure})
    res = result(LLVMTypeC)
    assembly_format = "attr-dict `:` type($res)"

    def __init__(self, type: Type, **kwargs: Any) -> None:
        super().__init__(result_types=[type], **kwargs)


class UndefOp(_TypedValueOp):
    """`%u = llvm.mlir.undef : !llvm.struct<(i32, f32)>`."""

    __slots__ = ()
    OP_NAME = "llvm.mlir.undef"
    summary = "Creates an undefined value of LLVM dialect type."


class PoisonOp(_TypedValueOp):
    __slots__ = ()
    OP_NAME = "llvm.mlir.poison"
    summary = "Creates a poison value of LLVM dialect type."


class ZeroOp(_TypedValueOp):
    """`%z = llvm.mlir.zero : !llvm.ptr`: the null pointer, or zero of any type."""

    __slots__ = ()
    OP_NAME = "llvm.mlir.zero"
    summary = "Creates a zero-initialized value of LLVM dialect type."


class AddressOfOp(Op):
    """`%p = llvm.mlir.addressof @g : !llvm.ptr`: the address of a global or function."""

    __slots__ = ()
    OP_NAME = "llvm.mlir.addressof"
    summary = "Creates a pointer pointing to a global, alias or a function"
    traits = frozenset({Pure})
    global_name = attribute(FlatSymbolRefAttr)
    res = result(Pointer)
    assembly_format = "$global_name attr-dict `:` qualified(type($res))"

    def __init__(self, name: str | SymbolRefAttr, type: Type | None = None, **kwargs: Any):
        if isinstance(name, str):
            name = SymbolRefAttr(name)
        super().__init__(global_name=name, result_types=[type or LLVMPointerType()], **kwargs)

    def verify(self) -> None:
        target = lookup_nearest_symbol(self, self.global_name.root)
        if target is False:
            return
        if isinstance(target, GlobalOp):
            if target.addr_space_value != self.res.type.address_space:
                raise VerifyError(self, "pointer address space must match address space of the "
                                  "referenced global")  # fmt: skip
            return
        if not isinstance(target, FuncOp):
            raise VerifyError(
                self,
                "must reference a global defined by 'llvm.mlir.global', 'llvm.mlir.alias' or "
                "'llvm.func' or 'llvm.mlir.ifunc'",
            )


# -- memory ------------------------------------------------------------------------------------


class AllocaOp(Op):
    """`%p = llvm.alloca %n x f32 {alignment = 16 : i64} : (i64) -> !llvm.ptr`: stack memory
    for `%n` elements, freed when the function returns."""

    __slots__ = ()
    OP_NAME = "llvm.alloca"
    summary = "stack allocation"
    arraySize = operand(SignlessInteger)
    alignment = attribute(I64AttrC, optional=True)
    elem_type = attribute(TypeAttrC)
    inalloca = attribute(UnitAttrC, optional=True)
    res = result(Pointer)

    def __init__(self, array_size: Value, elem_type: Type, alignment: int | None = None,
                 result_type: Type | None = None, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(
            array_size, elem_type=TypeAttr(elem_type), alignment=_i64(alignment),
            result_types=[result_type or LLVMPointerType()], **kwargs,
        )  # fmt: skip

    def verify(self) -> None:
        t = self.elem_type.value
        if isinstance(t, (LLVMVoidType, LLVMFunctionType)) or not is_valid_element_type(t):
            raise VerifyError(self, f"cannot allocate a value of type '{t}'")

    def print_custom(self, p: Any, indent: str) -> None:
        out = p.out
        out.append(self.name)
        if self.inalloca is not None:
            out.append(" inalloca")
        out.append(f" {p.value(self.arraySize)} x {p.type(self.elem_type.value)}")
        _print_attrs(p, self, ("elem_type", "inalloca"))
        out.append(f" : ({p.type(self.arraySize.type)}) -> {p.type(self.res.type)}")


def _print_attrs(p: Any, op: Op, elided: Sequence[str], keyword: bool = False) -> None:
    """The attribute dictionary of a hand-written custom form: properties (but `elided` and
    defaults) and discardable attributes, as MLIR's printOptionalAttrDict."""
    d = type(op).definition
    defaults = {a.name: a.default for a in d.attributes if a.default is not None}
    attrs = {
        k: v for k, v in op.properties.items()
        if k not in elided and v is not defaults.get(k) and k != "operandSegmentSizes"
    }  # fmt: skip
    attrs.update(op.attributes)
    if attrs:
        p.out.append((" attributes " if keyword else " ") + p.attr_dict(attrs))


class _MemAccess(Op):
    """Shared by load and store: alignment, volatile, nontemporal, atomic ordering."""

    __slots__ = ()
    alignment = attribute(I64AttrC, optional=True)
    # MLIR names the property `volatile_` (and `visibility_` below): kept in the IR.
    volatile_ = attribute(UnitAttrC, optional=True, name="volatile_")
    nontemporal = attribute(UnitAttrC, optional=True)
    invariantGroup = attribute(UnitAttrC, optional=True)
    ordering = attribute(AtomicOrdering, default=IntegerAttr(0, i64))
    syncscope = attribute(StringAttrC, optional=True)
    access_groups = attribute(ArrayAttrC, optional=True)
    alias_scopes = attribute(ArrayAttrC, optional=True)
    noalias_scopes = attribute(ArrayAttrC, optional=True)
    tbaa = attribute(ArrayAttrC, optional=True)
    # Properties the custom form spells with keywords (the rest go in `<...>`).
    _KEYWORDS: tuple[str, ...] = ("volatile_", "ordering", "syncscope", "invariantGroup")

    @property
    def ordering_name(self) -> str:
        return AtomicOrdering.case(self.ordering)

    def _verify_atomic(self, value_type: Type, banned: tuple[str, ...]) -> None:
        name = self.ordering_name
        if name == "not_atomic":
            return
        if name in banned:
            raise VerifyError(self, f"unsupported ordering '{name}'")
        if not _atomic_type_ok(value_type):
            raise VerifyError(self, f"unsupported type {value_type} for atomic access")
        if self.alignment is None:
            raise VerifyError(self, "expected alignment for atomic access")

    def _print_tail(self, p: Any, extra: Sequence[str]) -> None:
        """`atomic syncscope("s") ordering`, the keyword flags in `extra`, `<prop-dict>`,
        `{attr-dict}`."""
        out = p.out
        if self.ordering_name != "not_atomic":
            out.append(" atomic")
            if self.syncscope is not None:
                out.append(f" syncscope({p.attr(self.syncscope)})")
            out.append(" " + self.ordering_name)
        for name in extra:
            if self.properties.get(name) is not None:
                out.append(" " + _KEYWORD_SPELLING.get(name, name))
        skip = set(self._KEYWORDS) | set(extra)
        defaults = {"ordering": IntegerAttr(0, i64)}
        props = {
            k: v for k, v in self.properties.items()
            if k not in skip and v is not defaults.get(k)
        }  # fmt: skip
        if props:
            out.append(" <" + _prop_dict_text(p, props) + ">")
        if self.attributes:
            out.append(" " + p.attr_dict(self.attributes))


_KEYWORD_SPELLING = {"invariantGroup": "invariant_group"}


def _prop_dict_text(p: Any, props: dict) -> str:
    """MLIR's `prop-dict`: the properties, an i64 one without its type (it is known)."""
    parts = []
    for k, v in sorted(props.items()):
        if type(v) is UnitAttr:
            parts.append(k)
        elif isinstance(v, IntegerAttr) and v.type is i64:
            parts.append(f"{k} = {v.value}")
        else:
            parts.append(f"{k} = {p.attr(v)}")
    return ", ".join(parts)


def _atomic_type_ok(t: Type) -> bool:
    if _is_ptr(t):
        return True
    if isinstance(t, IntegerType):
        return t.width in (8, 16, 32, 64)
    if isinstance(t, FloatType):
        return t.kind in ("f16", "bf16", "f32", "f64")
    return False


class LoadOp(_MemAccess):
    """`%v = llvm.load %p <alignment = 4> : !llvm.ptr -> f32`; `volatile`, `invariant`,
    `atomic [syncscope("s")] <ordering>` spelled before the properties."""

    __slots__ = ()
    OP_NAME = "llvm.load"
    summary = "load from memory"
    addr = operand(Pointer)
    invariant = attribute(UnitAttrC, optional=True)
    res = result(Loadable)

    def __init__(self, addr: Value, type: Type, alignment: int | None = None,
                 volatile: bool = False, nontemporal: bool = False, invariant: bool = False,
                 ordering: str | None = None, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(
            addr, result_types=[type], alignment=_i64(alignment), volatile_=_unit(volatile),
            nontemporal=_unit(nontemporal), invariant=_unit(invariant),
            ordering=None if ordering in (None, "not_atomic") else AtomicOrdering.attr(ordering),
            **kwargs,
        )  # fmt: skip

    def verify(self) -> None:
        self._verify_atomic(self.res.type, ("release", "acq_rel"))

    def print_custom(self, p: Any, indent: str) -> None:
        out = p.out
        out.append(self.name)
        if self.volatile_ is not None:
            out.append(" volatile")
        out.append(" " + p.value(self.addr))
        self._print_tail(p, ("invariant", "invariantGroup"))
        out.append(f" : {p.type(self.addr.type)} -> {p.type(self.res.type)}")


class StoreOp(_MemAccess):
    """`llvm.store %v, %p <alignment = 4> : f32, !llvm.ptr`."""

    __slots__ = ()
    OP_NAME = "llvm.store"
    summary = "store to memory"
    value = operand(Loadable)
    addr = operand(Pointer)

    def __init__(self, value: Value, addr: Value, alignment: int | None = None,
                 volatile: bool = False, nontemporal: bool = False,
                 ordering: str | None = None, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(
            value, addr, alignment=_i64(alignment), volatile_=_unit(volatile),
            nontemporal=_unit(nontemporal),
            ordering=None if ordering in (None, "not_atomic") else AtomicOrdering.attr(ordering),
            **kwargs,
        )  # fmt: skip

    def verify(self) -> None:
        self._verify_atomic(self.value.type, ("acquire", "acq_rel"))

    def print_custom(self, p: Any, indent: str) -> None:
        out = p.out
        out.append(self.name)
        if self.volatile_ is not None:
            out.append(" volatile")
        out.append(f" {p.value(self.value)}, {p.value(self.addr)}")
        self._print_tail(p, ("invariantGroup",))
        out.append(f" : {p.type(self.value.type)}, {p.type(self.addr.type)}")


DYNAMIC_INDEX = -(2**31)  # rawConstantIndices entry of a dynamic index (MLIR's kDynamicIndex)


class GEPOp(Op):
    """`%q = llvm.getelementptr inbounds %p[%i, 1] : (!llvm.ptr, i64) -> !llvm.ptr, T`:
    address arithmetic over the element type `T`. Indices are constants or values; a
    constant is stored in `rawConstantIndices`, a value as DYNAMIC_INDEX there plus one of
    `dynamicIndices`."""

    __slots__ = ()
    OP_NAME = "llvm.getelementptr"
    summary = "LLVM getelementptr"
    traits = frozenset({Pure})
    base = operand(PtrOrVector)
    dynamicIndices = var_operand(IntOrVector)
    rawConstantIndices = attribute(DenseI32Array)
    elem_type = attribute(TypeAttrC)
    noWrapFlags = attribute(GEPNoWrapFlags, default=IntegerAttr(0, i32))
    res = result(PtrOrVector)

    def __init__(self, base: Value, indices: Sequence[int | Value], elem_type: Type,
                 inbounds: bool = False, no_wrap: Sequence[str] = (),
                 result_type: Type | None = None, **kwargs: Any) -> None:  # fmt: skip
        """`indices` mixes ints (constants) and index values; `no_wrap` names flags among
        inbounds, nusw, nuw."""
        raw, dynamic = [], []
        for idx in indices:
            if isinstance(idx, Value):
                raw.append(DYNAMIC_INDEX)
                dynamic.append(idx)
            else:
                raw.append(int(idx))
        flags = ["inbounds_flag", "nusw"] if inbounds else []
        for f in no_wrap:
            flags += ["inbounds_flag", "nusw"] if f == "inbounds" else [f]
        nw = GEPNoWrapFlags.attr(flags)
        super().__init__(
            base, dynamic, rawConstantIndices=DenseArrayAttr(i32, raw),
            elem_type=TypeAttr(elem_type), noWrapFlags=nw if nw.value else None,
            result_types=[result_type or base.type], **kwargs,
        )  # fmt: skip

    @property
    def indices(self) -> list[int | Value]:
        """The indices in order, constants as ints and dynamic ones as values."""
        dynamic = iter(self.dynamicIndices)
        return [next(dynamic) if i == DYNAMIC_INDEX else i for i in self.rawConstantIndices.values]

    @property
    def no_wrap_names(self) -> list[str]:
        """`inbounds`, `nusw`, `nuw` as LLVM IR and MLIR spell them."""
        v = self.noWrapFlags.value
        names = ["inbounds"] if v & 3 == 3 else (["nusw"] if v & 2 else [])
        if v & 4:
            names.append("nuw")
        return names

    def verify(self) -> None:
        raw = self.rawConstantIndices.values
        if sum(v == DYNAMIC_INDEX for v in raw) != len(self.dynamicIndices):
            raise VerifyError(self, "expected as many dynamic indices as specified in "
                              "'rawConstantIndices'")  # fmt: skip
        if not raw:
            raise VerifyError(self, "expected at least one index")
        if self.noWrapFlags.value & 3 == 1:
            raise VerifyError(self, "'inbounds_flag' requires 'nusw'")
        t = self.elem_type.value
        indices = self.indices
        for pos, idx in enumerate(indices[1:], start=1):
            if isinstance(t, LLVMStructType):
                if isinstance(idx, Value):
                    raise VerifyError(self, f"expected index {pos} indexing a struct to be "
                                      "constant")  # fmt: skip
                if not 0 <= idx < len(t.body):
                    raise VerifyError(self, f"index {pos} indexing a struct is out of bounds")
                t = t.body[idx]
            elif isinstance(t, (LLVMArrayType, VectorType)):
                t = t.element_type
            else:
                # MLIR stops checking where the type cannot be indexed further.
                raise VerifyError(self, f"type '{t}' cannot be indexed (index #{pos})")

    def print_custom(self, p: Any, indent: str) -> None:
        out = p.out
        out.append(self.name)
        flags = self.no_wrap_names
        if flags:
            out.append(" " + "|".join(flags))
        idx = ", ".join(p.value(i) if isinstance(i, Value) else str(i) for i in self.indices)
        out.append(f" {p.value(self.base)}[{idx}]")
        _print_attrs(p, self, ("rawConstantIndices", "elem_type", "noWrapFlags"))
        ins = ", ".join(p.type(v.type) for v in self.operands)
        out.append(f" : ({ins}) -> {p.type(self.res.type)}, {p.type(self.elem_type.value)}")


# -- aggregates and vectors --------------------------------------------------------------------


def position_type(container: Type, position: Sequence[int]) -> Type | str:
    """The type at `position` inside a struct/array, or an error message."""
    t = container
    for i in position:
        if isinstance(t, LLVMStructType):
            if not 0 <= i < len(t.body):
                return f"position out of bounds: {i}"
            t = t.body[i]
        elif isinstance(t, LLVMArrayType):
            if not 0 <= i < t.num_elements:
                return f"position out of bounds: {i}"
            t = t.element_type
        else:
            return f"expected LLVM IR structure/array type, got: {t}"
    return t


class ExtractValueOp(Op, InferTypeOpInterface):
    """`%v = llvm.extractvalue %s[1, 0] : !llvm.struct<(i32, struct<(f32)>)>`."""

    __slots__ = ()
    OP_NAME = "llvm.extractvalue"
    summary = "Extract a value from an LLVM struct."
    traits = frozenset({Pure})
    container = operand(LLVMTypeC)
    position = attribute(DenseI64Array)
    res = result(LLVMTypeC)

    def __init__(self, container: Value, position: Sequence[int], **kwargs: Any) -> None:
        super().__init__(container, position=DenseArrayAttr(i64, position), **kwargs)

    @classmethod
    def infer_result_types(
        cls, operands: dict, attrs: dict, result_types: Any = None
    ) -> list[Type]:
        container, position = operands.get("container"), attrs.get("position")
        if not isinstance(container, Value) or not isinstance(position, DenseArrayAttr):
            raise InferTypeError(f"{cls.OP_NAME}: needs a container and a position")
        t = position_type(container.type, position.values)
        if isinstance(t, str):
            raise InferTypeError(f"{cls.OP_NAME}: {t}")
        return [t]

    def verify(self) -> None:
        t = position_type(self.container.type, self.position.values)
        if isinstance(t, str):
            raise VerifyError(self, t)
        if t is not self.res.type:
            raise VerifyError(
                self,
                f"Type mismatch: extracting from '{self.container.type}' should produce '{t}' "
                f"but this op returns '{self.res.type}'",
            )

    def print_custom(self, p: Any, indent: str) -> None:
        pos = ", ".join(str(v) for v in self.position.values)
        p.out.append(f"{self.name} {p.value(self.container)}[{pos}]")
        _print_attrs(p, self, ("position",))
        p.out.append(f" : {p.type(self.container.type)} ")  # MLIR's trailing space


class InsertValueOp(Op, InferTypeOpInterface):
    """`%s2 = llvm.insertvalue %v, %s[1] : !llvm.struct<(i32, f32)>`."""

    __slots__ = ()
    OP_NAME = "llvm.insertvalue"
    summary = "Insert a value into an LLVM struct."
    traits = frozenset({Pure})
    container = operand(LLVMTypeC)
    value = operand(LLVMTypeC)
    position = attribute(DenseI64Array)
    res = result(LLVMTypeC)

    def __init__(self, container: Value, value: Value, position: Sequence[int], **kwargs: Any):
        super().__init__(container, value, position=DenseArrayAttr(i64, position), **kwargs)

    @classmethod
    def infer_result_types(
        cls, operands: dict, attrs: dict, result_types: Any = None
    ) -> list[Type]:
        container = operands.get("container")
        if not isinstance(container, Value):
            raise InferTypeError(f"{cls.OP_NAME}: needs a container")
        return [container.type]

    def verify(self) -> None:
        t = position_type(self.container.type, self.position.values)
        if isinstance(t, str):
            raise VerifyError(self, t)
        if t is not self.value.type:
            raise VerifyError(
                self,
                f"Type mismatch: cannot insert '{self.value.type}' into '{self.container.type}'",
            )
        if self.res.type is not self.container.type:
            raise VerifyError(self, "failed to verify that all of {container, res} have same "
                              "type")  # fmt: skip

    def print_custom(self, p: Any, indent: str) -> None:
        pos = ", ".join(str(v) for v in self.position.values)
        p.out.append(f"{self.name} {p.value(self.value)}, {p.value(self.container)}[{pos}]")
        _print_attrs(p, self, ("position",))
        p.out.append(f" : {p.type(self.container.type)} ")  # MLIR's trailing space


VectorC = Constraint(
    "LLVM dialect-compatible vector type",
    lambda t: isinstance(t, VectorType) and is_compatible_type(t),
)


class ExtractElementOp(Op, InferTypeOpInterface):
    """`%e = llvm.extractelement %v[%i : i64] : vector<4xf32>`."""

    __slots__ = ()
    OP_NAME = "llvm.extractelement"
    summary = "Extract an element from an LLVM vector."
    traits = frozenset({Pure})
    vector = operand(VectorC)
    position = operand(SignlessInteger)
    res = result(LLVMTypeC)
    assembly_format = "$vector `[` $position `:` type($position) `]` attr-dict `:` type($vector)"

    @classmethod
    def infer_result_types(
        cls, operands: dict, attrs: dict, result_types: Any = None
    ) -> list[Type]:
        v = operands.get("vector")
        if not isinstance(v, Value) or not isinstance(v.type, VectorType):
            raise InferTypeError(f"{cls.OP_NAME}: expected a vector operand")
        return [v.type.element_type]

    def verify(self) -> None:
        if self.res.type is not self.vector.type.element_type:
            raise VerifyError(self, "failed to verify that result type matches vector element "
                              "type")  # fmt: skip


class InsertElementOp(Op):
    """`%v2 = llvm.insertelement %e, %v[%i : i64] : vector<4xf32>`."""

    __slots__ = ()
    OP_NAME = "llvm.insertelement"
    summary = "Insert an element into an LLVM vector."
    traits = frozenset({Pure})
    vector = operand(VectorC)
    value = operand(LLVMTypeC)
    position = operand(SignlessInteger)
    res = result(VectorC)

    def __init__(self, value: Value, vector: Value, position: Value, **kwargs: Any) -> None:
        super().__init__(vector, value, position, result_types=[vector.type], **kwargs)

    def verify(self) -> None:
        if self.value.type is not self.vector.type.element_type:
            raise VerifyError(self, "failed to verify that argument type matches vector element "
                              "type")  # fmt: skip
        if self.res.type is not self.vector.type:
            raise VerifyError(self, "failed to verify that all of {vector, res} have same type")

    def print_custom(self, p: Any, indent: str) -> None:
        p.out.append(
            f"{self.name} {p.value(self.value)}, {p.value(self.vector)}"
            f"[{p.value(self.position)} : {p.type(self.position.type)}]"
        )
        _print_attrs(p, self, ())
        p.out.append(f" : {p.type(self.vector.type)}")


class ShuffleVectorOp(Op):
    """`%r = llvm.shufflevector %a, %b [0, 4, -1] : vector<4xf32>`: a vector of the mask's
    length, lanes taken from `%a` then `%b` (-1: poison)."""

    __slots__ = ()
    OP_NAME = "llvm.shufflevector"
    summary = "Construct a permutation of two vectors."
    traits = frozenset({Pure})
    v1 = operand(VectorC)
    v2 = operand(VectorC)
    mask = attribute(DenseI32Array)
    res = result(VectorC)

    def __init__(self, v1: Value, v2: Value, mask: Sequence[int], **kwargs: Any) -> None:
        t = VectorType((len(mask),), v1.type.element_type)
        super().__init__(v1, v2, mask=DenseArrayAttr(i32, mask), result_types=[t], **kwargs)

    def verify(self) -> None:
        a, b = self.v1.type, self.v2.type
        if a is not b:
            raise VerifyError(self, "failed to verify that all of {v1, v2} have same type")
        want = VectorType((len(self.mask.values),), a.element_type)
        if self.res.type is not want:
            raise VerifyError(self, "expected result type to be a vector of the mask's length "
                              "with the operands' element type")  # fmt: skip
        n = 2 * a.shape[0]
        if any(not -1 <= m < n for m in self.mask.values):
            raise VerifyError(self, "mask index out of range")

    def print_custom(self, p: Any, indent: str) -> None:
        mask = ", ".join(str(m) for m in self.mask.values)
        p.out.append(f"{self.name} {p.value(self.v1)}, {p.value(self.v2)} [{mask}]")
        _print_attrs(p, self, ("mask",))
        p.out.append(f" : {p.type(self.v1.type)} ")  # MLIR's trailing space


# -- control flow ------------------------------------------------------------------------------


class BrOp(Op):
    """`llvm.br ^bb1(%a : i32)`."""

    __slots__ = ()
    OP_NAME = "llvm.br"
    summary = "LLVM branch operation"
    traits = frozenset({Pure, IsTerminator})
    destOperands = var_operand(LLVMTypeC)
    loop_annotation = attribute(AnyAttr, optional=True)
    dest = successor()
    assembly_format = "$dest (`(` $destOperands^ `:` type($destOperands) `)`)? attr-dict"

    def __init__(self, dest: Block, operands: Sequence[Value] = (), **kwargs: Any) -> None:
        super().__init__(list(operands), successors=[dest], **kwargs)

    def successor_operands(self, index: int) -> Sequence[Value]:
        return self.destOperands

    def successor_for_operands(self, operands: Sequence[Attribute | None]) -> Block | None:
        return self.dest


class CondBrOp(Op):
    """`llvm.cond_br %c weights([1, 9]), ^bb1(%a : i32), ^bb2`."""

    __slots__ = ()
    OP_NAME = "llvm.cond_br"
    summary = "LLVM conditional branch operation"
    traits = frozenset({Pure, IsTerminator})
    condition = operand(I1)
    trueDestOperands = var_operand(LLVMTypeC)
    falseDestOperands = var_operand(LLVMTypeC)
    branch_weights = attribute(BranchWeights, optional=True)
    loop_annotation = attribute(AnyAttr, optional=True)
    trueDest = successor()
    falseDest = successor()
    assembly_format = (
        "$condition (`weights` `(` $branch_weights^ `)`)? `,` $trueDest (`(` $trueDestOperands^ "
        "`:` type($trueDestOperands) `)`)? `,` $falseDest (`(` $falseDestOperands^ `:` "
        "type($falseDestOperands) `)`)? attr-dict"
    )

    def __init__(self, condition: Value, true_dest: Block, false_dest: Block,
                 true_operands: Sequence[Value] = (), false_operands: Sequence[Value] = (),
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(
            condition, list(true_operands), list(false_operands),
            successors=[true_dest, false_dest], **kwargs,
        )  # fmt: skip

    def successor_operands(self, index: int) -> Sequence[Value]:
        return self.trueDestOperands if index == 0 else self.falseDestOperands

    def successor_for_operands(self, operands: Sequence[Attribute | None]) -> Block | None:
        cond = operands[0] if operands else None
        if not isinstance(cond, IntegerAttr):
            return None
        return self.trueDest if cond.value else self.falseDest

    def verify(self) -> None:
        w = self.branch_weights
        if w is not None and len(w.values) != 2:
            raise DiagnosticError(Diagnostic(
                "error", "expects number of branch weights to match number of successors: "
                f"{len(w.values)} vs 2", self.location,
            ))  # fmt: skip


class SwitchOp(Op):
    """`llvm.switch %v : i32, ^default(%a : i32) [ 1: ^bb1, 2: ^bb2(%b : f32) ]`."""

    __slots__ = ()
    OP_NAME = "llvm.switch"
    summary = "Multiway branch operation"
    traits = frozenset({Pure, IsTerminator})
    value = operand(SignlessInteger)
    defaultOperands = var_operand(LLVMTypeC)
    caseOperands = var_operand(LLVMTypeC)
    case_values = attribute(IntElementsAttr, optional=True)
    case_operand_segments = attribute(DenseI32Array)
    branch_weights = attribute(DenseI32Array, optional=True)
    defaultDestination = successor()
    caseDestinations = var_successor()

    def __init__(self, value: Value, default: Block, cases: Sequence[tuple],
                 default_operands: Sequence[Value] = (), **kwargs: Any) -> None:  # fmt: skip
        """`cases`: (value, block) or (value, block, operands) tuples."""
        values = [int(c[0]) for c in cases]
        operands = [list(c[2]) if len(c) > 2 else [] for c in cases]
        props: dict = {}
        if values:
            props["case_values"] = DenseElementsAttr(VectorType((len(values),), value.type),
                                                     np.array(values))  # fmt: skip
        super().__init__(
            value, list(default_operands), [v for ops in operands for v in ops],
            case_operand_segments=DenseArrayAttr(i32, [len(o) for o in operands]),
            successors=[default, *(c[1] for c in cases)], **props, **kwargs,
        )  # fmt: skip

    def case_value_list(self) -> list[int]:
        values = self.case_values
        if not isinstance(values, DenseElementsAttr):
            return []
        return [int(v) for v in values.array.reshape(-1).tolist()]

    def case_operands(self, index: int) -> Sequence[Value]:
        segments = self.case_operand_segments
        if segments is None:  # missing: the op's own verifier reports it
            return ()
        sizes = segments.values
        start = sum(sizes[:index])
        return self.caseOperands[start : start + sizes[index]]

    def successor_operands(self, index: int) -> Sequence[Value]:
        if index == 0:
            return self.defaultOperands
        return self.case_operands(index - 1)

    def successor_for_operands(self, operands: Sequence[Attribute | None]) -> Block | None:
        flag = operands[0] if operands else None
        if not isinstance(flag, IntegerAttr):
            return None
        mask = (1 << self.value.type.width) - 1
        for v, block in zip(self.case_value_list(), self.caseDestinations):
            if v & mask == flag.value & mask:
                return block
        return self.defaultDestination

    def verify(self) -> None:
        cases = self.caseDestinations
        sizes = self.case_operand_segments.values
        n = len(self.case_value_list())
        if n != len(cases):
            raise VerifyError(self, f"expects number of case values to match number of case "
                              f"destinations: {n} vs {len(cases)}")  # fmt: skip
        if len(sizes) != len(cases) or sum(sizes) != len(self.caseOperands):
            raise VerifyError(self, "'case_operand_segments' does not match the case "
                              "destinations and operands")  # fmt: skip
        values = self.case_values
        if values is not None and values.type.element_type is not self.value.type:
            raise VerifyError(self, f"'value' type ({self.value.type}) should match case value "
                              f"type ({values.type.element_type})")  # fmt: skip
        w = self.branch_weights
        if w is not None and len(w.values) != len(cases) + 1:
            raise VerifyError(self, f"expects number of branch weights to match number of "
                              f"successors: {len(w.values)} vs {len(cases) + 1}")  # fmt: skip

    def print_custom(self, p: Any, indent: str) -> None:
        out = p.out
        out.append(f"{self.name} {p.value(self.value)} : {p.type(self.value.type)}, ")
        out.append(_dest(p, self.defaultDestination, self.defaultOperands) + " [\n")
        inner = indent + "  "
        lines = [
            f"{inner}{v}: {_dest(p, block, self.case_operands(i))}"
            for i, (v, block) in enumerate(zip(self.case_value_list(), self.caseDestinations))
        ]
        out.append(",\n".join(lines) + ("\n" if lines else "") + f"{indent}]")
        weights = self.branch_weights
        if isinstance(weights, DenseArrayAttr) and weights.element_type is i32:
            out.append(f" weights([{', '.join(map(str, weights.values))}])")
            elided = ("case_values", "case_operand_segments", "branch_weights")
        else:
            elided = ("case_values", "case_operand_segments")
        _print_attrs(p, self, elided)


def _dest(p: Any, block: Block, operands: Sequence[Value]) -> str:
    name = p.block_name(block)
    if not operands:
        return name
    values = ", ".join(p.value(v) for v in operands)
    types = ", ".join(p.type(v.type) for v in operands)
    return f"{name}({values} : {types})"


class ReturnOp(Op):
    """`llvm.return %v : f32` or `llvm.return`."""

    __slots__ = ()
    OP_NAME = "llvm.return"
    summary = "LLVM return operation"
    traits = frozenset({Pure, IsTerminator, ReturnLike})
    arg = opt_operand(LLVMTypeC)
    assembly_format = "attr-dict ($arg^ `:` type($arg))?"

    def __init__(self, value: Value | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)

    def verify(self) -> None:
        parent = self.parent_op
        if isinstance(parent, GlobalOp):
            if self.arg is None:
                raise VerifyError(self, "expected 1 operand")
            if self.arg.type is not parent.global_type.value:
                raise VerifyError(self, "mismatching result types")
            return
        if not isinstance(parent, FuncOp) or not isinstance(parent.function_type, TypeAttr):
            return
        results = parent.type.results
        if not results:
            if self.arg is not None:
                raise VerifyError(self, "expected no operands")
            return
        if self.arg is None:
            raise VerifyError(self, "expected 1 operand")
        if self.arg.type is not results[0]:
            raise VerifyError(self, "mismatching result types")


class UnreachableOp(Op):
    """`llvm.unreachable`."""

    __slots__ = ()
    OP_NAME = "llvm.unreachable"
    summary = "LLVM unreachable operation"
    traits = frozenset({IsTerminator})
    assembly_format = "attr-dict"


# -- functions, globals, calls -------------------------------------------------------------------

# Properties the custom forms spell outside their attribute dictionary.
_FUNC_ELIDED = (
    "function_type", "arg_attrs", "res_attrs", "linkage", "CConv", "visibility_",
    "unnamed_addr", "sym_name",
)  # fmt: skip
_GLOBAL_ELIDED = (
    "global_type", "constant", "sym_name", "linkage", "visibility_", "tls_mode", "unnamed_addr",
    "value", "addr_space",
)  # fmt: skip
_CALL_ELIDED = (
    "callee", "TailCallKind", "var_callee_type", "CConv", "op_bundle_sizes", "op_bundle_tags",
)  # fmt: skip
TLS_NAMES = {v: k for k, v in TLS_MODES.items()}


def _keyword_prefix(op: Op) -> str:
    """` hidden thread_local unnamed_addr`: the visibility, thread-local mode and
    unnamed_addr keywords of a function or global (linkage and cconv are the callers')."""
    parts = []
    if isinstance(op, FuncOp) and op.linkage is not LINKAGE_EXTERNAL:
        parts.append(op.linkage.value)
    vis = Visibility.cases.get(op.visibility_.value, "")
    if vis:
        parts.append(vis)
    tls = getattr(op, "tls_mode", None)
    if tls is not None and tls.value:
        parts.append("thread_local" if tls.value == 1 else f"thread_local({TLS_NAMES[tls.value]})")
    if op.unnamed_addr is not None and op.unnamed_addr.value:
        parts.append(UnnamedAddr.cases[op.unnamed_addr.value])
    return "".join(" " + x for x in parts)


def _print_body(p: Any, body: Region, indent: str) -> None:
    """A function body whose entry block arguments were printed in the signature."""
    out = p.out
    out.append("{\n")
    inner = indent + "  "
    for i, block in enumerate(body.blocks):
        p.block_names[block] = f"^bb{i}"
    for i, block in enumerate(body.blocks):
        if i:
            p.block_header(block, indent)
        for o in block.ops:
            p.op(o, inner)
            out.append("\n")
    out.append(indent + "}")


class FuncOp(Op, CallableOpInterface):
    """`llvm.func internal @f(%arg0: !llvm.ptr {llvm.noalias}, %arg1: i64) -> f32 attributes
    {llvm.emit_c_interface} { ... }`, or a declaration without a body (`llvm.func @malloc(i64)
    -> !llvm.ptr`), variadic with `...` (`llvm.func @printf(!llvm.ptr, ...) -> i32`)."""

    __slots__ = ()
    OP_NAME = "llvm.func"
    summary = "LLVM dialect function."
    traits = frozenset({IsolatedFromAbove, Symbol, AutomaticAllocationScope})
    sym_name = attribute(SymbolNameAttr)
    sym_visibility = attribute(StringAttrC, optional=True)
    function_type = attribute(LLVMFunctionTypeAttr)
    linkage = attribute(LinkageC, default=LINKAGE_EXTERNAL)
    dso_local = attribute(UnitAttrC, optional=True)
    CConv = attribute(CConvC, default=CCONV_C)
    comdat = attribute(AnyAttr, optional=True)
    passthrough = attribute(ArrayAttrC, optional=True)
    arg_attrs = attribute(ArrayAttrC, optional=True)
    res_attrs = attribute(ArrayAttrC, optional=True)
    visibility_ = attribute(Visibility, default=IntegerAttr(0, i64), name="visibility_")
    unnamed_addr = attribute(UnnamedAddr, default=IntegerAttr(0, i64))
    alignment = attribute(I64AttrC, optional=True)
    section = attribute(StringAttrC, optional=True)
    personality = attribute(FlatSymbolRefAttr, optional=True)
    garbageCollector = attribute(StringAttrC, optional=True)
    no_inline = attribute(UnitAttrC, optional=True)
    always_inline = attribute(UnitAttrC, optional=True)
    inline_hint = attribute(UnitAttrC, optional=True)
    no_unwind = attribute(UnitAttrC, optional=True)
    will_return = attribute(UnitAttrC, optional=True)
    optimize_none = attribute(UnitAttrC, optional=True)
    target_cpu = attribute(StringAttrC, optional=True)
    tune_cpu = attribute(StringAttrC, optional=True)
    target_features = attribute(AnyAttr, optional=True)
    frame_pointer = attribute(AnyAttr, optional=True)
    vscale_range = attribute(AnyAttr, optional=True)
    body = region()

    def __init__(self, name: str, type: LLVMFunctionType, linkage: str | None = None,
                 arg_attrs: Sequence[dict] | None = None, res_attrs: Sequence[dict] | None = None,
                 cconv: str | None = None, attributes: dict | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        """A function without a body; `add_entry_block()` gives it one whose arguments are
        the parameters. `arg_attrs`: one dict per parameter (`{"llvm.noalias": UnitAttr()}`)."""
        props: dict[str, Any] = {}
        if linkage is not None and linkage != "external":
            props["linkage"] = LinkageAttr(linkage)
        if cconv is not None and cconv != "ccc":
            props["CConv"] = CConvAttr(cconv)
        if arg_attrs is not None and any(arg_attrs):
            props["arg_attrs"] = ArrayAttr([DictionaryAttr(a or {}) for a in arg_attrs])
        if res_attrs is not None and any(res_attrs):
            props["res_attrs"] = ArrayAttr([DictionaryAttr(a or {}) for a in res_attrs])
        super().__init__(
            sym_name=StringAttr(name), function_type=TypeAttr(type), attributes=attributes,
            **props, **kwargs,
        )  # fmt: skip

    def add_entry_block(self) -> Block:
        block = Block(self.type.params)
        self.body.append(block)
        return block

    @property
    def type(self) -> LLVMFunctionType:
        return self.function_type.value

    @property
    def symbol(self) -> str:
        return self.sym_name.value

    @property
    def is_declaration(self) -> bool:
        return not self.body.blocks

    @property
    def linkage_name(self) -> str:
        return self.linkage.value

    def arg_attr_dicts(self) -> list[dict]:
        """One dict of attributes per parameter."""
        return _attr_dicts(self.arg_attrs, len(self.type.params))

    def res_attr_dicts(self) -> list[dict]:
        return _attr_dicts(self.res_attrs, len(self.type.results))

    def callable_region(self) -> Region | None:
        return None if self.is_declaration else self.body

    def argument_types(self) -> tuple[Type, ...]:
        return self.type.params

    def result_types_of_callable(self) -> tuple[Type, ...]:
        return self.type.results

    def verify(self) -> None:
        linkage = self.linkage.value
        if linkage == "common":
            raise VerifyError(self, "functions cannot have 'common' linkage")
        ftype = self.type
        for what, attrs, n in (
            ("argument", self.arg_attrs, len(ftype.params)),
            ("result", self.res_attrs, len(ftype.results)),
        ):
            if attrs is None:
                continue
            if len(attrs) != n:
                raise VerifyError(
                    self,
                    f"expects {what} attribute array to have the same number of elements as "
                    f"the number of function {what}s, got {len(attrs)}, but expected {n}",
                )
            if not all(isinstance(a, DictionaryAttr) for a in attrs):
                raise VerifyError(self, f"expects {what} attribute dictionaries")
        if self.is_declaration:
            if linkage not in ("external", "extern_weak"):
                raise VerifyError(self, "external functions must have 'external' or "
                                  "'extern_weak' linkage")  # fmt: skip
            return
        args = self.body.blocks[0].args
        if len(args) != len(ftype.params):
            raise VerifyError(
                self,
                f"entry block must have {len(ftype.params)} arguments to match function signature",
            )
        for i, (arg, t) in enumerate(zip(args, ftype.params)):
            if not is_compatible_type(arg.type):
                raise VerifyError(self, f"entry block argument #{i} is not of LLVM type")
            if arg.type is not t:
                raise VerifyError(
                    self,
                    f"type of entry block argument #{i}('{arg.type}') must match the type of "
                    f"the corresponding argument in function signature('{t}')",
                )

    def print_custom(self, p: Any, indent: str) -> None:
        ftype = self.function_type
        blocks = self.body.blocks
        if (
            not isinstance(ftype, TypeAttr) or not isinstance(ftype.value, LLVMFunctionType)
            or not isinstance(self.sym_name, StringAttr)
            or (blocks and len(blocks[0].args) != len(ftype.value.params))
            or not all(map(is_compatible_type, (*ftype.value.params, ftype.value.result)))
        ):  # fmt: skip
            p.generic_op(self, indent)  # invalid IR has no custom form (its parser rejects it)
            return
        out = p.out
        out.append(self.name)
        out.append(_keyword_prefix(self))
        if self.CConv is not CCONV_C:
            out.append(" " + self.CConv.value)
        out.append(" " + p.attr(SymbolRefAttr(self.symbol)))
        p.enter_scope()
        try:
            out.append(self._signature_text(p))
            _print_attrs(p, self, _FUNC_ELIDED, keyword=True)
            if blocks:
                out.append(" ")
                _print_body(p, self.body, indent)
        finally:
            p.exit_scope()

    def _signature_text(self, p: Any) -> str:
        ftype = self.type
        args = self.body.blocks[0].args if self.body.blocks else None
        parts = []
        for i, (t, attrs) in enumerate(zip(ftype.params, self.arg_attr_dicts())):
            text = p.type(t) if args is None else f"{p.value(args[i])}: {p.type(t)}"
            if attrs:
                text += " " + p.attr_dict(attrs)
            if args is not None and p.debuginfo:
                text += " " + p.loc(args[i].location)
            parts.append(text)
        if ftype.var_arg:
            parts.append("...")
        text = "(" + ", ".join(parts) + ")"
        results = ftype.results
        if not results:
            return text
        (res_attrs,) = self.res_attr_dicts()
        if not res_attrs:
            return f"{text} -> {p.type(results[0])}"
        return f"{text} -> ({p.type(results[0])} {p.attr_dict(res_attrs)})"


def _attr_dicts(attrs: Any, n: int) -> list[dict]:
    if not isinstance(attrs, ArrayAttr):
        return [{} for _ in range(n)]
    out = [a.as_dict() if isinstance(a, DictionaryAttr) else {} for a in attrs]
    return out + [{} for _ in range(n - len(out))]


class GlobalOp(Op):
    """`llvm.mlir.global internal constant @g(dense<...> : tensor<4xf32>) {addr_space = 0 :
    i32, alignment = 16 : i64} : !llvm.array<4 x f32>`, or with an initializer region that
    returns the value, or external without a value."""

    __slots__ = ()
    OP_NAME = "llvm.mlir.global"
    summary = "LLVM dialect global."
    traits = frozenset({IsolatedFromAbove, Symbol})
    global_type = attribute(TypeAttrC)
    constant = attribute(UnitAttrC, optional=True)
    sym_name = attribute(SymbolNameAttr)
    linkage = attribute(LinkageC)
    dso_local = attribute(UnitAttrC, optional=True)
    tls_mode = attribute(IntEnum("LLVM thread-local mode", TLS_MODES), default=IntegerAttr(0, i64))
    externally_initialized = attribute(UnitAttrC, optional=True)
    value = attribute(AnyAttr, optional=True)
    alignment = attribute(I64AttrC, optional=True)
    addr_space = attribute(I32AttrC, default=IntegerAttr(0, i32))
    unnamed_addr = attribute(UnnamedAddr, default=IntegerAttr(0, i64))
    section = attribute(StringAttrC, optional=True)
    comdat = attribute(AnyAttr, optional=True)
    visibility_ = attribute(Visibility, default=IntegerAttr(0, i64), name="visibility_")
    initializer = region(single_block=True)

    def __init__(self, name: str, type: Type, value: Attribute | None = None,
                 linkage: str | None = "internal", constant: bool = False,
                 alignment: int | None = None, addr_space: int = 0,
                 **kwargs: Any) -> None:  # fmt: skip
        """A global with an initial `value` (or none: external, or an initializer region
        filled in afterwards)."""
        super().__init__(
            sym_name=StringAttr(name), global_type=TypeAttr(type), value=value,
            linkage=LinkageAttr(linkage or "external"),
            constant=_unit(constant), alignment=_i64(alignment),
            addr_space=IntegerAttr(addr_space, i32) if addr_space else None, **kwargs,
        )  # fmt: skip

    @property
    def type(self) -> Type:
        return self.global_type.value

    @property
    def symbol(self) -> str:
        return self.sym_name.value

    @property
    def addr_space_value(self) -> int:
        return self.addr_space.value

    def verify(self) -> None:
        t = self.global_type.value
        if isinstance(t, (LLVMVoidType, LLVMFunctionType)) or not is_valid_element_type(t):
            raise VerifyError(self, "expects type to be a valid element type for an LLVM global")
        value = self.value
        has_init = bool(self.initializer.blocks)
        if value is not None and has_init:
            raise VerifyError(self, "cannot have both initializer value and region")
        if isinstance(value, StringAttr):
            n = len(value.value.encode("utf-8", "surrogateescape"))
            if not (isinstance(t, LLVMArrayType) and t.element_type == IntegerType(8)
                    and t.num_elements == n):  # fmt: skip
                raise VerifyError(self, "requires an i8 array type of the length equal to that "
                                  "of the string attribute")  # fmt: skip
        if self.linkage.value == "common" and value is None and not has_init:
            raise VerifyError(self, "expected zero value for 'common' linkage")
        if self.linkage.value == "appending" and not isinstance(t, LLVMArrayType):
            raise VerifyError(self, "expected array type for 'appending' linkage")
        if has_init:
            block = self.initializer.blocks[0]
            term = block.terminator
            if not isinstance(term, ReturnOp):
                raise VerifyError(self, "initializer region must end with 'llvm.return'")

    def print_custom(self, p: Any, indent: str) -> None:
        if not isinstance(self.global_type, TypeAttr) or not isinstance(self.sym_name, StringAttr):
            p.generic_op(self, indent)
            return
        out = p.out
        out.append(f"{self.name} {self.linkage.value}{_keyword_prefix(self)}")
        if self.constant is not None:
            out.append(" constant")
        value = self.value
        out.append(" " + p.attr(SymbolRefAttr(self.symbol)))
        out.append("(" + ("" if value is None else p.attr(value)) + ")")
        attrs = {"addr_space": self.addr_space}  # MLIR prints it even when it is 0
        attrs.update(
            (k, v) for k, v in self.properties.items()
            if k not in _GLOBAL_ELIDED and v is not None
        )  # fmt: skip
        attrs.update(self.attributes)
        out.append(" " + p.attr_dict(attrs))
        if not isinstance(value, StringAttr):
            out.append(" : " + p.type(self.global_type.value))
        if self.initializer.blocks:
            out.append(" ")
            p.enter_scope()
            try:
                p.region(self.initializer, indent)
            finally:
                p.exit_scope()


def _callee_type(op: Any) -> LLVMFunctionType | None:
    """The function type a call calls through: `var_callee_type`, else from its operands
    and results."""
    if isinstance(op.var_callee_type, TypeAttr):
        return op.var_callee_type.value
    args = op.args
    result = op.results[0].type if op.results else LLVMVoidType()
    return LLVMFunctionType(result, [a.type for a in args])


class CallOp(Op, CallOpInterface):
    """`%r = llvm.call @f(%a) : (i64) -> f32`; indirect through a pointer, `llvm.call %fp(%a)
    : !llvm.ptr, (i64) -> f32`; variadic with `vararg(!llvm.func<i32 (ptr, ...)>)`; `tail`,
    calling conventions and fast-math flags in MLIR's syntax."""

    __slots__ = ()
    OP_NAME = "llvm.call"
    summary = "Call to an LLVM function."
    callee = attribute(FlatSymbolRefAttr, optional=True)
    var_callee_type = attribute(LLVMFunctionTypeAttr, optional=True)
    callee_operands = var_operand(LLVMTypeC)
    op_bundle_operands = var_operand(LLVMTypeC)
    op_bundle_sizes = attribute(DenseI32Array)
    op_bundle_tags = attribute(ArrayAttrC, optional=True)
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    CConv = attribute(CConvC, default=CCONV_C)
    TailCallKind = attribute(TailCallKindC, default=TAIL_NONE)
    branch_weights = attribute(DenseI32Array, optional=True)
    arg_attrs = attribute(ArrayAttrC, optional=True)
    res_attrs = attribute(ArrayAttrC, optional=True)
    no_inline = attribute(UnitAttrC, optional=True)
    always_inline = attribute(UnitAttrC, optional=True)
    no_unwind = attribute(UnitAttrC, optional=True)
    will_return = attribute(UnitAttrC, optional=True)
    convergent = attribute(UnitAttrC, optional=True)
    result = opt_result(LLVMTypeC)

    def __init__(self, callee: str | Value, args: Sequence[Value],
                 result_type: Type | None = None, fastmath: Any = None,
                 var_callee_type: LLVMFunctionType | None = None, tail: str | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        """`CallOp("f", [a], f32)` calls @f; `CallOp(fptr, [a], f32)` calls through a
        pointer value. `result_type` None (or `!llvm.void`) for no result."""
        operands = list(args)
        props: dict[str, Any] = {}
        if isinstance(callee, Value):
            operands.insert(0, callee)
        else:
            props["callee"] = SymbolRefAttr(callee)
        if var_callee_type is not None:
            props["var_callee_type"] = TypeAttr(var_callee_type)
        if tail is not None and tail != "none":
            props["TailCallKind"] = TailCallKindAttr(tail)
        results = (
            [] if result_type is None or isinstance(result_type, LLVMVoidType) else [result_type]
        )
        super().__init__(
            operands, [], op_bundle_sizes=DenseArrayAttr(i32, []),
            fastmathFlags=fastmath_attr(fastmath), result_types=results, **props, **kwargs,
        )  # fmt: skip

    @property
    def is_indirect(self) -> bool:
        return self.callee is None

    @property
    def args(self) -> tuple[Value, ...]:
        """The arguments passed (without an indirect call's function pointer)."""
        ops = self.callee_operands
        return ops[1:] if self.callee is None else ops

    def callable_for_callee(self) -> SymbolRefAttr | Value:
        return self.callee if self.callee is not None else self.callee_operands[0]

    def call_arguments(self) -> tuple[Value, ...]:
        return self.args

    def verify(self) -> None:
        verify_op_bundles(self)
        if self.callee is None:
            if not self.callee_operands or not _is_ptr(self.callee_operands[0].type):
                raise VerifyError(self, "indirect call expects a pointer as callee: "
                                  + (str(self.callee_operands[0].type) if self.callee_operands
                                     else "none"))  # fmt: skip
            ftype = _callee_type(self)
        else:
            name = self.callee.root
            target = lookup_nearest_symbol(self, name)
            if target is False:
                return
            if target is None:
                raise VerifyError(self, f"'{name}' does not reference a symbol in the current "
                                  "scope")  # fmt: skip
            if not isinstance(target, FuncOp):
                raise VerifyError(self, f"'{name}' does not reference a valid LLVM function")
            ftype = target.type
            if self.var_callee_type is not None and self.var_callee_type.value is not ftype:
                raise VerifyError(self, "var_callee_type must match the callee's type")
        _verify_call_types(self, ftype)

    def print_custom(self, p: Any, indent: str) -> None:
        if has_op_bundles(self) or self.arg_attrs is not None or self.res_attrs is not None:
            p.generic_op(self, indent)  # no custom syntax for these here
            return
        out = p.out
        out.append(self.name)
        if self.CConv is not CCONV_C:
            out.append(" " + self.CConv.value)
        if self.TailCallKind is not TAIL_NONE:
            out.append(" " + self.TailCallKind.value)
        if self.callee is not None:
            out.append(" " + p.attr(self.callee))
        else:
            out.append(" " + p.value(self.callee_operands[0]))
        out.append("(" + ", ".join(p.value(a) for a in self.args) + ")")
        if self.var_callee_type is not None:
            out.append(f" vararg({p.type(self.var_callee_type.value)})")
        _print_attrs(p, self, _CALL_ELIDED)
        out.append(" : ")
        if self.callee is None:
            out.append(p.type(self.callee_operands[0].type) + ", ")
        ins = ", ".join(p.type(a.type) for a in self.args)
        results = [r.type for r in self.results]
        res = p.type(results[0]) if len(results) == 1 else "(" + ", ".join(
            p.type(t) for t in results) + ")"  # fmt: skip
        out.append(f"({ins}) -> {res}")


def verify_op_bundles(op: Op) -> None:
    """Operand bundles: one tag per bundle, and as many operands as the sizes add up to."""
    sizes = op.op_bundle_sizes.values
    tags = op.op_bundle_tags
    n_tags = 0 if tags is None else len(tags)
    if n_tags != len(sizes):
        raise VerifyError(op, f"expected {len(sizes)} operand bundle tags, but actually got "
                          f"{n_tags}")  # fmt: skip
    if sum(sizes) != len(op.op_bundle_operands):
        raise VerifyError(op, "operand bundle sizes do not match the operand bundle operands")


def has_op_bundles(op: Op) -> bool:
    return bool(op.op_bundle_sizes.values)


def _verify_call_types(op: CallOp, ftype: LLVMFunctionType) -> None:
    args = op.args
    params = ftype.params
    if len(args) < len(params) or (len(args) != len(params) and not ftype.var_arg):
        raise VerifyError(op, f"incorrect number of operands for callee: expected "
                          f"{len(params)}, but got {len(args)}")  # fmt: skip
    for i, (a, t) in enumerate(zip(args, params)):
        if a.type is not t:
            raise VerifyError(op, f"operand type mismatch: expected operand type '{t}', but "
                              f"provided '{a.type}' for operand number {i}")  # fmt: skip
    results = ftype.results
    if len(op.results) != len(results):
        raise VerifyError(op, f"incorrect number of results for callee: expected "
                          f"{len(results)}, but got {len(op.results)}")  # fmt: skip
    if results and op.results[0].type is not results[0]:
        raise VerifyError(op, f"result type mismatch: '{op.results[0].type}' != '{results[0]}'")
    if ftype.var_arg and op.var_callee_type is None:
        raise VerifyError(op, "missing var_callee_type attribute for vararg call")


class InlineAsmOp(Op):
    """`%r = llvm.inline_asm has_side_effects "mov $0, $1", "=r,r" %a : (i32) -> i32`."""

    __slots__ = ()
    OP_NAME = "llvm.inline_asm"
    summary = "Inline assembly"
    operands_ = var_operand(LLVMTypeC)
    asm_string = attribute(StringAttrC)
    constraints = attribute(StringAttrC)
    has_side_effects = attribute(UnitAttrC, optional=True)
    is_align_stack = attribute(UnitAttrC, optional=True)
    tail_call_kind = attribute(TailCallKindC, default=TAIL_NONE)
    asm_dialect = attribute(IntEnum("ATT (0) or Intel (1) asm dialect",
                                    {"att": 0, "intel": 1}), optional=True)  # fmt: skip
    operand_attrs = attribute(ArrayAttrC, optional=True)
    res = opt_result(LLVMTypeC)

    def print_custom(self, p: Any, indent: str) -> None:
        out = p.out
        out.append(self.name)
        for flag in ("has_side_effects", "is_align_stack"):
            if self.properties.get(flag) is not None:
                out.append(" " + flag)
        if self.tail_call_kind is not TAIL_NONE:
            out.append(f" tail_call_kind = <{self.tail_call_kind.value}>")
        if self.asm_dialect is not None:
            out.append(" asm_dialect = " + ("intel" if self.asm_dialect.value else "att"))
        # MLIR's format: the attr-dict before the strings, and the operands with the space
        # before them even when there are none (`"s", "s"  : () -> i32`).
        _print_attrs(p, self, _ASM_ELIDED)
        out.append(f" {p.attr(self.asm_string)}, {p.attr(self.constraints)}")
        out.append(" " + ", ".join(p.value(v) for v in self.operands))
        ins = ", ".join(p.type(v.type) for v in self.operands)
        res = p.type(self.res.type) if self.res is not None else "()"
        out.append(f" : ({ins}) -> {res}")


_ASM_ELIDED = (
    "asm_string", "constraints", "has_side_effects", "is_align_stack", "tail_call_kind",
    "asm_dialect",
)  # fmt: skip


class CallIntrinsicOp(Op):
    """`%r = llvm.call_intrinsic "llvm.fma.v4f32"(%a, %b, %c) : (...) -> vector<4xf32>`: a
    call to an LLVM intrinsic by name, for intrinsics without an op of their own."""

    __slots__ = ()
    OP_NAME = "llvm.call_intrinsic"
    summary = "Call to an LLVM intrinsic function."
    intrin = attribute(StringAttrC)
    args = var_operand(LLVMTypeC)
    op_bundle_operands = var_operand(LLVMTypeC)
    op_bundle_sizes = attribute(DenseI32Array)
    op_bundle_tags = attribute(ArrayAttrC, optional=True)
    fastmathFlags = attribute(FastmathFlags, default=FASTMATH_NONE)
    arg_attrs = attribute(ArrayAttrC, optional=True)
    res_attrs = attribute(ArrayAttrC, optional=True)
    result = opt_result(LLVMTypeC)

    def __init__(self, intrinsic: str, args: Sequence[Value], result_type: Type | None = None,
                 fastmath: Any = None, **kwargs: Any) -> None:  # fmt: skip
        results = [] if result_type is None else [result_type]
        super().__init__(
            list(args), [], intrin=StringAttr(intrinsic), op_bundle_sizes=DenseArrayAttr(i32, []),
            fastmathFlags=fastmath_attr(fastmath), result_types=results, **kwargs,
        )  # fmt: skip

    def verify(self) -> None:
        verify_op_bundles(self)
        if not self.intrin.value.startswith("llvm."):
            raise VerifyError(self, "intrinsic name must start with 'llvm.'")

    def print_custom(self, p: Any, indent: str) -> None:
        if has_op_bundles(self) or self.arg_attrs is not None or self.res_attrs is not None:
            p.generic_op(self, indent)
            return
        args = ", ".join(p.value(v) for v in self.args)
        p.out.append(f"{self.name} {p.attr(self.intrin)}({args})")
        _print_attrs(p, self, ("intrin", "op_bundle_sizes", "op_bundle_tags"))
        ins = ", ".join(p.type(v.type) for v in self.args)
        results = [r.type for r in self.results]
        res = p.type(results[0]) if len(results) == 1 else "()"
        p.out.append(f" : ({ins}) -> {res}")


OPS = [
    AddOp, SubOp, MulOp, UDivOp, SDivOp, URemOp, SRemOp, AndOp, OrOp, XOrOp, ShlOp, LShrOp,
    AShrOp, FAddOp, FSubOp, FMulOp, FDivOp, FRemOp, FNegOp, ICmpOp, FCmpOp, SelectOp,
    TruncOp, ZExtOp, SExtOp, FPExtOp, FPTruncOp, SIToFPOp, UIToFPOp, FPToSIOp, FPToUIOp,
    BitcastOp, PtrToIntOp, IntToPtrOp, AddrSpaceCastOp, ConstantOp, UndefOp, PoisonOp, ZeroOp,
    AddressOfOp, AllocaOp, LoadOp, StoreOp, GEPOp, ExtractValueOp, InsertValueOp,
    ExtractElementOp, InsertElementOp, ShuffleVectorOp, BrOp, CondBrOp, SwitchOp, ReturnOp,
    UnreachableOp, FuncOp, GlobalOp, CallOp, InlineAsmOp, CallIntrinsicOp,
]  # fmt: skip

__all__ = [c.__name__ for c in OPS] + [
    "DYNAMIC_INDEX", "OPS", "has_op_bundles", "verify_op_bundles", "fastmath_attr", "i1_same_shape", "overflow_attr", "position_type",
]  # fmt: skip
