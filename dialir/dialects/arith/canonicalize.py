"""arith canonicalization patterns (MLIR's ArithCanonicalization.td and friends).

Rewrites that only pick an existing value or a constant are folders (in `ops.py`); the
patterns here build new ops. The table at the bottom attaches them to their ops.
"""

from __future__ import annotations

import math

from dialir.core.ir.attrs import FloatAttr, IntegerAttr
from dialir.core.ir.dtypes import float_dtype
from dialir.core.ir.lazy import np
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import FloatType, IntegerType
from dialir.core.rewrite.patterns import PatternRewriter, RewritePattern, rewrite_pattern
from dialir.dialects.arith.attrs import IntegerOverflowFlagsAttr
from dialir.dialects.arith.folding import constant_value, fold_int_binary, splat
from dialir.dialects.arith.ops import (
    AddIOp,
    AddUIExtendedOp,
    AndIOp,
    BitcastOp,
    CmpFOp,
    CmpIOp,
    ConstantOp,
    DivFOp,
    ExtSIOp,
    ExtUIOp,
    IndexCastOp,
    IndexCastUIOp,
    MulFOp,
    MulIOp,
    NegFOp,
    OrIOp,
    SelectOp,
    ShRSIOp,
    ShRUIOp,
    SIToFPOp,
    SubIOp,
    TruncFOp,
    TruncIOp,
    UIToFPOp,
    XOrIOp,
    _defining,
    _is_int,
    i1_same_shape,
)


def _constant(rewriter: PatternRewriter, attr) -> Value:
    return rewriter.create(ConstantOp, value=attr).result


# -- operand order -----------------------------------------------------------------------------
# `op(c, x) -> op(x, c)` for the Commutative ops is the trait's own fold (core/rewrite's
# driver, as MLIR's foldCommutative); cmpi is not commutative, so it has a pattern here.


def _swap_operands(op: Operation) -> None:
    lhs, rhs = op.operands
    op.set_operand(0, rhs)
    op.set_operand(1, lhs)


_SWAPPED_CMPI = {"eq": "eq", "ne": "ne", "slt": "sgt", "sle": "sge", "sgt": "slt",
                 "sge": "sle", "ult": "ugt", "ule": "uge", "ugt": "ult", "uge": "ule"}  # fmt: skip
_NEGATED_CMPI = {"eq": "ne", "ne": "eq", "slt": "sge", "sle": "sgt", "sgt": "sle",
                 "sge": "slt", "ult": "uge", "ule": "ugt", "ugt": "ule", "uge": "ult"}  # fmt: skip


@rewrite_pattern(CmpIOp)
def CmpIConstantToRight(op: CmpIOp, rewriter: PatternRewriter) -> bool:
    """cmpi slt, c, x -> cmpi sgt, x, c"""
    if constant_value(op.lhs) is None or constant_value(op.rhs) is not None:
        return False
    pred = CmpIOp.definition.field("predicate").constraint.attr(_SWAPPED_CMPI[op.predicate_name])

    def change() -> None:
        _swap_operands(op)
        op.properties["predicate"] = pred

    rewriter.modify_op_in_place(op, change)
    return True


# -- reassociating constants -------------------------------------------------------------------


# MLIR's ArithCanonicalization.td: the constants are scalar integer attributes (APIntAttr),
# and the new op keeps the overflow flags both old ops had (MergeOverflow).


def _int_constant(v: Value) -> IntegerAttr | None:
    c = constant_value(v)
    return c if isinstance(c, IntegerAttr) else None


def _merged(a: Operation, b: Operation) -> IntegerOverflowFlagsAttr:
    fa, fb = a.overflowFlags, b.overflowFlags
    return IntegerOverflowFlagsAttr([f for f in ("nsw", "nuw") if fa.has(f) and fb.has(f)])


def _reassociate(op, rewriter: PatternRewriter, inner_cls: type, const_on_left: bool,
                 new_cls: type, const_first: bool, kernel, swap: bool) -> bool:  # fmt: skip
    """`op(inner(x, c0) or inner(c0, x), c1)` -> `new(x, k)` or `new(k, x)`, where
    k = kernel(c0, c1) (kernel(c1, c0) with `swap`)."""
    c1 = _int_constant(op.rhs)
    inner = _defining(op.lhs, inner_cls)
    if c1 is None or inner is None:
        return False
    c0 = _int_constant(inner.lhs if const_on_left else inner.rhs)
    if c0 is None:
        return False
    x = inner.rhs if const_on_left else inner.lhs
    folded = fold_int_binary(*((c1, c0) if swap else (c0, c1)), op.result.type, kernel)
    if folded is None:
        return False
    k = _constant(rewriter, folded)
    operands = (k, x) if const_first else (x, k)
    rewriter.replace_op_with(op, new_cls(*operands, overflowFlags=_merged(op, inner)))
    return True


_ADD = AddIOp.kernel
_SUB = SubIOp.kernel


@rewrite_pattern(AddIOp)
def AddIAddConstant(op: AddIOp, rewriter: PatternRewriter) -> bool:
    """addi(addi(x, c0), c1) -> addi(x, c0 + c1)"""
    return _reassociate(op, rewriter, AddIOp, False, AddIOp, False, _ADD, False)


@rewrite_pattern(AddIOp)
def AddISubConstantRHS(op: AddIOp, rewriter: PatternRewriter) -> bool:
    """addi(subi(x, c0), c1) -> addi(x, c1 - c0)"""
    return _reassociate(op, rewriter, SubIOp, False, AddIOp, False, _SUB, True)


@rewrite_pattern(AddIOp)
def AddISubConstantLHS(op: AddIOp, rewriter: PatternRewriter) -> bool:
    """addi(subi(c0, x), c1) -> subi(c0 + c1, x)"""
    return _reassociate(op, rewriter, SubIOp, True, SubIOp, True, _ADD, False)


@rewrite_pattern(SubIOp)
def SubIRHSAddConstant(op: SubIOp, rewriter: PatternRewriter) -> bool:
    """subi(addi(x, c0), c1) -> addi(x, c0 - c1)"""
    return _reassociate(op, rewriter, AddIOp, False, AddIOp, False, _SUB, False)


@rewrite_pattern(SubIOp)
def SubIRHSSubConstantRHS(op: SubIOp, rewriter: PatternRewriter) -> bool:
    """subi(subi(x, c0), c1) -> subi(x, c0 + c1)"""
    return _reassociate(op, rewriter, SubIOp, False, SubIOp, False, _ADD, False)


@rewrite_pattern(SubIOp)
def SubIRHSSubConstantLHS(op: SubIOp, rewriter: PatternRewriter) -> bool:
    """subi(subi(c0, x), c1) -> subi(c0 - c1, x)"""
    return _reassociate(op, rewriter, SubIOp, True, SubIOp, True, _SUB, False)


def _reassociate_lhs(op, rewriter: PatternRewriter, inner_cls: type, const_on_left: bool,
                     new_cls: type, const_first: bool, kernel) -> bool:  # fmt: skip
    """`op(c1, inner(...))`: the constant is the outer op's left operand; k = kernel(c1, c0)."""
    c1 = _int_constant(op.lhs)
    inner = _defining(op.rhs, inner_cls)
    if c1 is None or inner is None:
        return False
    c0 = _int_constant(inner.lhs if const_on_left else inner.rhs)
    if c0 is None:
        return False
    x = inner.rhs if const_on_left else inner.lhs
    folded = fold_int_binary(c1, c0, op.result.type, kernel)
    if folded is None:
        return False
    k = _constant(rewriter, folded)
    operands = (k, x) if const_first else (x, k)
    rewriter.replace_op_with(op, new_cls(*operands, overflowFlags=_merged(op, inner)))
    return True


@rewrite_pattern(SubIOp)
def SubILHSAddConstant(op: SubIOp, rewriter: PatternRewriter) -> bool:
    """subi(c1, addi(x, c0)) -> subi(c1 - c0, x)"""
    return _reassociate_lhs(op, rewriter, AddIOp, False, SubIOp, True, _SUB)


@rewrite_pattern(SubIOp)
def SubILHSSubConstantRHS(op: SubIOp, rewriter: PatternRewriter) -> bool:
    """subi(c1, subi(x, c0)) -> subi(c0 + c1, x)"""
    return _reassociate_lhs(op, rewriter, SubIOp, False, SubIOp, True, _ADD)


@rewrite_pattern(SubIOp)
def SubILHSSubConstantLHS(op: SubIOp, rewriter: PatternRewriter) -> bool:
    """subi(c1, subi(c0, x)) -> addi(x, c1 - c0)"""
    return _reassociate_lhs(op, rewriter, SubIOp, True, AddIOp, False, _SUB)


@rewrite_pattern(SubIOp)
def SubISubILHSRHSLHS(op: SubIOp, rewriter: PatternRewriter) -> bool:
    """subi(subi(a, b), a) -> subi(0, b)"""
    inner = _defining(op.lhs, SubIOp)
    if inner is None or inner.lhs is not op.rhs:
        return False
    zero = splat(0, op.result.type)
    if zero is None:
        return False
    new = SubIOp(_constant(rewriter, zero), inner.rhs, overflowFlags=_merged(op, inner))
    rewriter.replace_op_with(op, new)
    return True


@rewrite_pattern(MulIOp)
def MulIMulIConstant(op: MulIOp, rewriter: PatternRewriter) -> bool:
    """muli(muli(x, c0), c1) -> muli(x, c0 * c1)"""
    return _reassociate(op, rewriter, MulIOp, False, MulIOp, False, MulIOp.kernel, False)


def _is_neg_one_mul(v: Value) -> MulIOp | None:
    mul = _defining(v, MulIOp)
    return mul if mul is not None and _is_int(mul.rhs, -1) else None


@rewrite_pattern(AddIOp)
def AddIMulNegativeOneRhs(op: AddIOp, rewriter: PatternRewriter) -> bool:
    """addi(x, muli(y, -1)) -> subi(x, y)"""
    mul = _is_neg_one_mul(op.rhs)
    if mul is None:
        return False
    rewriter.replace_op_with(op, SubIOp(op.lhs, mul.lhs))
    return True


@rewrite_pattern(AddIOp)
def AddIMulNegativeOneLhs(op: AddIOp, rewriter: PatternRewriter) -> bool:
    """addi(muli(x, -1), y) -> subi(y, x)"""
    mul = _is_neg_one_mul(op.lhs)
    if mul is None:
        return False
    rewriter.replace_op_with(op, SubIOp(op.rhs, mul.lhs))
    return True


# -- boolean logic -----------------------------------------------------------------------------


@rewrite_pattern(XOrIOp)
def XOrINotCmpI(op: XOrIOp, rewriter: PatternRewriter) -> bool:
    """xori(cmpi(pred, a, b), true) -> cmpi(!pred, a, b)"""
    cmp = _defining(op.lhs, CmpIOp)
    if cmp is None or not _is_int(op.rhs, 1) or op.result.type is not i1_same_shape(op.lhs.type):
        return False
    pred = CmpIOp.definition.field("predicate").constraint.attr(_NEGATED_CMPI[cmp.predicate_name])
    rewriter.replace_op_with(op, CmpIOp(cmp.lhs, cmp.rhs, predicate=pred))
    return True


@rewrite_pattern(SelectOp)
def SelectI1ToNot(op: SelectOp, rewriter: PatternRewriter) -> bool:
    """select(c, false, true) -> xori(c, true)"""
    c = op.condition
    if op.result.type is not c.type or not (
        _is_int(op.true_value, 0) and _is_int(op.false_value, 1)
    ):
        return False
    true = splat(1, c.type)
    if true is None:
        return False
    rewriter.replace_op_with(op, XOrIOp(c, _constant(rewriter, true)))
    return True


# -- casts -------------------------------------------------------------------------------------


@rewrite_pattern(ExtSIOp)
def ExtSIOfExtSI(op: ExtSIOp, rewriter: PatternRewriter) -> bool:
    """extsi(extsi(x)) -> extsi(x)"""
    inner = _defining(op.in_, ExtSIOp)
    if inner is None:
        return False
    rewriter.replace_op_with(op, ExtSIOp(inner.in_, result_types=[op.out.type]))
    return True


@rewrite_pattern(ExtSIOp)
def ExtSIOfExtUI(op: ExtSIOp, rewriter: PatternRewriter) -> bool:
    """extsi(extui(x)) -> extui(x): the inner zero-extension leaves a clear sign bit"""
    inner = _defining(op.in_, ExtUIOp)
    if inner is None:
        return False
    rewriter.replace_op_with(op, ExtUIOp(inner.in_, result_types=[op.out.type]))
    return True


@rewrite_pattern(ExtUIOp)
def ExtUIOfExtUI(op: ExtUIOp, rewriter: PatternRewriter) -> bool:
    """extui(extui(x)) -> extui(x)"""
    inner = _defining(op.in_, ExtUIOp)
    if inner is None:
        return False
    rewriter.replace_op_with(op, ExtUIOp(inner.in_, result_types=[op.out.type]))
    return True


@rewrite_pattern(TruncIOp)
def TruncIOfTruncI(op: TruncIOp, rewriter: PatternRewriter) -> bool:
    """trunci(trunci(x)) -> trunci(x)"""
    inner = _defining(op.in_, TruncIOp)
    if inner is None:
        return False
    rewriter.replace_op_with(op, TruncIOp(inner.in_, result_types=[op.out.type]))
    return True


@rewrite_pattern(TruncIOp)
def TruncIOfExt(op: TruncIOp, rewriter: PatternRewriter) -> bool:
    """trunci(ext(x)) -> ext(x) when x is narrower than the result, trunci(x) when wider"""
    ext = _defining(op.in_, (ExtSIOp, ExtUIOp))
    if ext is None:
        return False
    x, t = ext.in_, op.out.type
    wx, wt = _width(x.type), _width(t)
    if wx == wt:
        return False  # folded
    cls = type(ext) if wx < wt else TruncIOp
    rewriter.replace_op_with(op, cls(x, result_types=[t]))
    return True


def _width(t) -> int:
    return getattr(t, "element_type", t).width


@rewrite_pattern(IndexCastOp)
def IndexCastOfIndexCast(op: IndexCastOp, rewriter: PatternRewriter) -> bool:
    """index_cast(index_cast(x : T) : index) : T -> x"""
    inner = _defining(op.in_, IndexCastOp)
    if inner is None or inner.in_.type is not op.out.type:
        return False
    rewriter.replace_op(op, [inner.in_])
    return True


@rewrite_pattern(BitcastOp)
def BitcastOfBitcast(op: BitcastOp, rewriter: PatternRewriter) -> bool:
    """bitcast(bitcast(x : T) : U) : V -> bitcast(x : T) : V"""
    inner = _defining(op.in_, BitcastOp)
    if inner is None or inner.in_.type is op.out.type:
        return False  # the round trip folds
    rewriter.replace_op_with(op, BitcastOp(inner.in_, result_types=[op.out.type]))
    return True


# -- bitwise ops of extensions -----------------------------------------------------------------


def _of_ext(op, rewriter: PatternRewriter, ext_cls: type) -> bool:
    """op(ext(x), ext(y)) -> ext(op(x, y)) when x and y have one type."""
    a, b = _defining(op.lhs, ext_cls), _defining(op.rhs, ext_cls)
    if a is None or b is None or a.in_.type is not b.in_.type:
        return False
    inner = rewriter.create(type(op), a.in_, b.in_).result
    rewriter.replace_op_with(op, ext_cls(inner, result_types=[op.result.type]))
    return True


@rewrite_pattern(AndIOp)
def AndOfExtUI(op: AndIOp, rewriter: PatternRewriter) -> bool:
    """andi(extui(x), extui(y)) -> extui(andi(x, y))"""
    return _of_ext(op, rewriter, ExtUIOp)


@rewrite_pattern(AndIOp)
def AndOfExtSI(op: AndIOp, rewriter: PatternRewriter) -> bool:
    """andi(extsi(x), extsi(y)) -> extsi(andi(x, y))"""
    return _of_ext(op, rewriter, ExtSIOp)


@rewrite_pattern(OrIOp)
def OrOfExtUI(op: OrIOp, rewriter: PatternRewriter) -> bool:
    """ori(extui(x), extui(y)) -> extui(ori(x, y))"""
    return _of_ext(op, rewriter, ExtUIOp)


@rewrite_pattern(OrIOp)
def OrOfExtSI(op: OrIOp, rewriter: PatternRewriter) -> bool:
    """ori(extsi(x), extsi(y)) -> extsi(ori(x, y))"""
    return _of_ext(op, rewriter, ExtSIOp)


@rewrite_pattern(XOrIOp)
def XOrIOfExtUI(op: XOrIOp, rewriter: PatternRewriter) -> bool:
    """xori(extui(x), extui(y)) -> extui(xori(x, y))"""
    return _of_ext(op, rewriter, ExtUIOp)


@rewrite_pattern(XOrIOp)
def XOrIOfExtSI(op: XOrIOp, rewriter: PatternRewriter) -> bool:
    """xori(extsi(x), extsi(y)) -> extsi(xori(x, y))"""
    return _of_ext(op, rewriter, ExtSIOp)


@rewrite_pattern(CmpIOp)
def CmpIExtSI(op: CmpIOp, rewriter: PatternRewriter) -> bool:
    """cmpi(eq/ne, extsi(x), extsi(y)) -> cmpi(eq/ne, x, y)"""
    return _cmp_of_ext(op, rewriter, ExtSIOp)


@rewrite_pattern(CmpIOp)
def CmpIExtUI(op: CmpIOp, rewriter: PatternRewriter) -> bool:
    """cmpi(eq/ne, extui(x), extui(y)) -> cmpi(eq/ne, x, y)"""
    return _cmp_of_ext(op, rewriter, ExtUIOp)


def _cmp_of_ext(op: CmpIOp, rewriter: PatternRewriter, ext_cls: type) -> bool:
    a, b = _defining(op.lhs, ext_cls), _defining(op.rhs, ext_cls)
    if (
        op.predicate_name not in ("eq", "ne")
        or a is None
        or b is None
        or a.in_.type is not b.in_.type
    ):
        return False
    rewriter.replace_op_with(op, CmpIOp(a.in_, b.in_, predicate=op.predicate))
    return True


# -- select ------------------------------------------------------------------------------------


@rewrite_pattern(SelectOp)
def RedundantSelectTrue(op: SelectOp, rewriter: PatternRewriter) -> bool:
    """select(c, select(c, a, b), d) -> select(c, a, d)"""
    inner = _defining(op.true_value, SelectOp)
    if inner is None or inner.condition is not op.condition:
        return False
    rewriter.replace_op_with(op, SelectOp(op.condition, inner.true_value, op.false_value))
    return True


@rewrite_pattern(SelectOp)
def RedundantSelectFalse(op: SelectOp, rewriter: PatternRewriter) -> bool:
    """select(c, a, select(c, b, d)) -> select(c, a, d)"""
    inner = _defining(op.false_value, SelectOp)
    if inner is None or inner.condition is not op.condition:
        return False
    rewriter.replace_op_with(op, SelectOp(op.condition, op.true_value, inner.false_value))
    return True


@rewrite_pattern(SelectOp)
def SelectNotCond(op: SelectOp, rewriter: PatternRewriter) -> bool:
    """select(xori(c, -1), a, b) -> select(c, b, a)"""
    xor = _defining(op.condition, XOrIOp)
    if xor is None or not _is_int(xor.rhs, -1):
        return False
    rewriter.replace_op_with(op, SelectOp(xor.lhs, op.false_value, op.true_value))
    return True


@rewrite_pattern(SelectOp)
def SelectToExtUI(op: SelectOp, rewriter: PatternRewriter) -> bool:
    """select(c, 1, 0) -> extui(c); select(c, 0, 1) -> extui(xori(c, 1)) (scalars wider than
    i1)"""
    t = op.result.type
    if not isinstance(t, IntegerType) or t.width == 1:
        return False
    c = op.condition
    if _is_int(op.true_value, 1) and _is_int(op.false_value, 0):
        rewriter.replace_op_with(op, ExtUIOp(c, result_types=[t]))
        return True
    if _is_int(op.true_value, 0) and _is_int(op.false_value, 1):
        true = _constant(rewriter, IntegerAttr(1, c.type))
        inverted = rewriter.create(XOrIOp, c, true).result
        rewriter.replace_op_with(op, ExtUIOp(inverted, result_types=[t]))
        return True
    return False


# -- more casts --------------------------------------------------------------------------------


@rewrite_pattern(IndexCastOp)
def IndexCastOfExtSI(op: IndexCastOp, rewriter: PatternRewriter) -> bool:
    """index_cast(extsi(x)) -> index_cast(x)"""
    ext = _defining(op.in_, ExtSIOp)
    if ext is None:
        return False
    rewriter.replace_op_with(op, IndexCastOp(ext.in_, result_types=[op.out.type]))
    return True


@rewrite_pattern(IndexCastUIOp)
def IndexCastUIOfExtUI(op: IndexCastUIOp, rewriter: PatternRewriter) -> bool:
    """index_castui(extui(x)) -> index_castui(x)"""
    ext = _defining(op.in_, ExtUIOp)
    if ext is None:
        return False
    rewriter.replace_op_with(op, IndexCastUIOp(ext.in_, result_types=[op.out.type]))
    return True


@rewrite_pattern(TruncIOp)
def TruncIShrSIToTrunciShrUI(op: TruncIOp, rewriter: PatternRewriter) -> bool:
    """trunci(shrsi(x, c)) -> trunci(shrui(x, c)) when c drops exactly the truncated bits"""
    shr = _defining(op.in_, ShRSIOp)
    c = constant_value(shr.rhs) if shr is not None else None
    if c is None or not _is_int(shr.rhs, _width(shr.lhs.type) - _width(op.out.type)):
        return False
    amount = _constant(rewriter, c)
    shifted = rewriter.create(ShRUIOp, shr.lhs, amount).result
    rewriter.replace_op_with(
        op, TruncIOp(shifted, result_types=[op.out.type], overflowFlags=op.overflowFlags)
    )
    return True


@rewrite_pattern(TruncFOp)
def TruncFSIToFPToSIToFP(op: TruncFOp, rewriter: PatternRewriter) -> bool:
    """truncf(sitofp(x)) -> sitofp(x) (no rounding mode on the truncf)"""
    return _trunc_of_int_to_fp(op, rewriter, SIToFPOp)


@rewrite_pattern(TruncFOp)
def TruncFUIToFPToUIToFP(op: TruncFOp, rewriter: PatternRewriter) -> bool:
    """truncf(uitofp(x)) -> uitofp(x) (no rounding mode on the truncf)"""
    return _trunc_of_int_to_fp(op, rewriter, UIToFPOp)


def _trunc_of_int_to_fp(op: TruncFOp, rewriter: PatternRewriter, cls: type) -> bool:
    conv = _defining(op.in_, cls)
    if conv is None or op.roundingmode is not None:
        return False
    rewriter.replace_op_with(op, cls(conv.in_, result_types=[op.out.type]))
    return True


@rewrite_pattern(AddUIExtendedOp)
def AddUIExtendedToAddI(op: AddUIExtendedOp, rewriter: PatternRewriter) -> bool:
    """addui_extended(x, y) with its overflow unused -> addi(x, y)"""
    if op.overflow.first_use is not None:
        return False
    add = rewriter.create(AddIOp, op.lhs, op.rhs).result
    rewriter.replace_op(op, [add, None])
    return True


# -- floats ------------------------------------------------------------------------------------


def _of_negf(op, rewriter: PatternRewriter) -> bool:
    a, b = _defining(op.lhs, NegFOp), _defining(op.rhs, NegFOp)
    if a is None or b is None:
        return False
    rewriter.replace_op_with(op, type(op)(a.operand_, b.operand_, fastmath=op.fastmath))
    return True


@rewrite_pattern(MulFOp)
def MulFOfNegF(op: MulFOp, rewriter: PatternRewriter) -> bool:
    """mulf(negf(x), negf(y)) -> mulf(x, y)"""
    return _of_negf(op, rewriter)


@rewrite_pattern(DivFOp)
def DivFOfNegF(op: DivFOp, rewriter: PatternRewriter) -> bool:
    """divf(negf(x), negf(y)) -> divf(x, y)"""
    return _of_negf(op, rewriter)


_CMPF_TO_CMPI = {
    "oeq": "eq", "ueq": "eq", "one": "ne", "une": "ne",
    "ogt": ("ugt", "sgt"), "ugt": ("ugt", "sgt"), "oge": ("uge", "sge"), "uge": ("uge", "sge"),
    "olt": ("ult", "slt"), "ult": ("ult", "slt"), "ole": ("ule", "sle"), "ule": ("ule", "sle"),
}  # fmt: skip
_MANTISSA = {"f16": 11, "bf16": 8, "f32": 24, "f64": 53}


@rewrite_pattern(CmpFOp)
def CmpFIntToFPConst(op: CmpFOp, rewriter: PatternRewriter) -> bool:
    """cmpf(sitofp/uitofp(x), c) -> a cmpi of x against c as an integer, or a constant,
    when the conversion cannot change the outcome (MLIR's port of LLVM's InstCombine
    fold)."""
    rhs_attr = constant_value(op.rhs)
    if not isinstance(rhs_attr, FloatAttr):
        return False
    rhs = float(rhs_attr.value)
    ftype = op.rhs.type
    if math.isnan(rhs) or not isinstance(ftype, FloatType) or ftype.kind not in _MANTISSA:
        return False
    conv = _defining(op.lhs, (SIToFPOp, UIToFPOp))
    if conv is None or not isinstance(conv.in_.type, IntegerType):
        return False
    unsigned = isinstance(conv, UIToFPOp)
    x = conv.in_
    width = x.type.width
    value_bits = width if unsigned else width - 1
    mantissa = _MANTISSA[ftype.kind]
    dtype = float_dtype(ftype.kind)
    if width > mantissa:
        # The conversion may round: give up where rounding could change the comparison.
        if math.isinf(rhs):
            largest = float(np.finfo(dtype).max) if dtype is not None else math.inf
            if math.frexp(largest)[1] - 1 < value_bits:
                return False
        elif rhs != 0 and mantissa <= math.frexp(rhs)[1] - 1 <= value_bits:
            return False
    pred = op.predicate_name
    if pred in ("ord", "uno"):
        _replace_with_bool(op, rewriter, pred == "ord")
        return True
    ipred = _CMPF_TO_CMPI.get(pred)
    if ipred is None:
        return False
    if isinstance(ipred, tuple):
        ipred = ipred[0] if unsigned else ipred[1]

    def rounded(v: int) -> float:
        return float(dtype.type(v)) if dtype is not None else float(v)

    lo, hi = (0, (1 << width) - 1) if unsigned else (-(1 << (width - 1)), (1 << (width - 1)) - 1)
    s = "u" if unsigned else "s"
    if rounded(hi) < rhs:
        _replace_with_bool(op, rewriter, ipred in ("ne", s + "lt", s + "le"))
        return True
    if rounded(lo) > rhs:
        _replace_with_bool(op, rewriter, ipred in ("ne", s + "gt", s + "ge"))
        return True
    as_int = int(rhs)  # toward zero
    if rhs != 0 and rounded(as_int) != rhs:
        # A fractional constant: adjust the predicate (as_int is rounded toward zero).
        negative = rhs < 0
        if ipred == "ne" or ipred == "eq":
            _replace_with_bool(op, rewriter, ipred == "ne")
            return True
        if ipred == "ule" and negative:
            _replace_with_bool(op, rewriter, False)
            return True
        if ipred == "sle" and negative:
            ipred = "slt"
        elif ipred == "ult":
            if negative:
                _replace_with_bool(op, rewriter, False)
                return True
            ipred = "ule"
        elif ipred == "slt" and not negative:
            ipred = "sle"
        elif ipred == "ugt" and negative:
            _replace_with_bool(op, rewriter, True)
            return True
        elif ipred == "sgt" and negative:
            ipred = "sge"
        elif ipred == "uge":
            if negative:
                _replace_with_bool(op, rewriter, True)
                return True
            ipred = "ugt"
        elif ipred == "sge" and not negative:
            ipred = "sgt"
    c = _constant(rewriter, IntegerAttr(as_int, x.type))
    pred_attr = CmpIOp.definition.field("predicate").constraint.attr(ipred)
    rewriter.replace_op_with(op, CmpIOp(x, c, predicate=pred_attr))
    return True


def _replace_with_bool(op: Operation, rewriter: PatternRewriter, value: bool) -> None:
    rewriter.replace_op(op, [_constant(rewriter, IntegerAttr(int(value), op.result.type))])


# -- which op gets which patterns --------------------------------------------------------------

PATTERNS: dict[type, tuple[type[RewritePattern], ...]] = {
    AddIOp: (AddIAddConstant, AddISubConstantRHS, AddISubConstantLHS, AddIMulNegativeOneRhs,
             AddIMulNegativeOneLhs),
    SubIOp: (SubIRHSAddConstant, SubILHSAddConstant, SubIRHSSubConstantRHS,
             SubIRHSSubConstantLHS, SubILHSSubConstantRHS, SubILHSSubConstantLHS,
             SubISubILHSRHSLHS),
    MulIOp: (MulIMulIConstant,),
    XOrIOp: (XOrINotCmpI, XOrIOfExtUI, XOrIOfExtSI),
    AndIOp: (AndOfExtUI, AndOfExtSI),
    OrIOp: (OrOfExtUI, OrOfExtSI),
    CmpIOp: (CmpIConstantToRight, CmpIExtSI, CmpIExtUI),
    CmpFOp: (CmpFIntToFPConst,),
    SelectOp: (RedundantSelectFalse, RedundantSelectTrue, SelectNotCond, SelectI1ToNot,
               SelectToExtUI),
    ExtSIOp: (ExtSIOfExtSI, ExtSIOfExtUI),
    ExtUIOp: (ExtUIOfExtUI,),
    TruncIOp: (TruncIOfTruncI, TruncIOfExt, TruncIShrSIToTrunciShrUI),
    TruncFOp: (TruncFSIToFPToSIToFP, TruncFUIToFPToUIToFP),
    IndexCastOp: (IndexCastOfIndexCast, IndexCastOfExtSI),
    IndexCastUIOp: (IndexCastUIOfExtUI,),
    BitcastOp: (BitcastOfBitcast,),
    AddUIExtendedOp: (AddUIExtendedToAddI,),
    MulFOp: (MulFOfNegF,),
    DivFOp: (DivFOfNegF,),
}  # fmt: skip

for _op, _patterns in PATTERNS.items():
    _op.canonicalization_patterns = _patterns
