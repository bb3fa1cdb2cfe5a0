"""arith canonicalization patterns (MLIR's ArithCanonicalization.td and friends).

Rewrites that only pick an existing value or a constant are folders (in `ops.py`); the
patterns here build new ops. The table at the bottom attaches them to their ops.
"""

from __future__ import annotations

from dialir.core.ir.operation import Operation, Value
from dialir.core.rewrite.patterns import PatternRewriter, RewritePattern, rewrite_pattern
from dialir.dialects.arith.folding import constant_value, fold_int_binary, splat
from dialir.dialects.arith.ops import (
    AddIOp,
    BitcastOp,
    CmpIOp,
    ConstantOp,
    ExtSIOp,
    ExtUIOp,
    IndexCastOp,
    MulIOp,
    SelectOp,
    SubIOp,
    TruncIOp,
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


def _inner_with_constant(v: Value, cls: type) -> tuple[Operation, object] | None:
    """The op of class `cls` defining `v` with a constant right operand, and that constant."""
    inner = _defining(v, cls)
    if inner is None:
        return None
    c = constant_value(inner.rhs)
    return None if c is None else (inner, c)


def _combine(rewriter: PatternRewriter, op, cls: type, x: Value, c0, c1, kernel) -> bool:
    """Replace `op` with `cls(x, kernel(c0, c1))`."""
    folded = fold_int_binary(c0, c1, op.result.type, kernel)
    if folded is None:
        return False
    new = cls(x, _constant(rewriter, folded))
    rewriter.replace_op_with(op, new)
    return True


@rewrite_pattern(AddIOp)
def AddIAddConstant(op: AddIOp, rewriter: PatternRewriter) -> bool:
    """addi(addi(x, c0), c1) -> addi(x, c0 + c1)"""
    c1 = constant_value(op.rhs)
    inner = _inner_with_constant(op.lhs, AddIOp)
    if c1 is None or inner is None:
        return False
    return _combine(rewriter, op, AddIOp, inner[0].lhs, inner[1], c1, AddIOp.kernel)


@rewrite_pattern(AddIOp)
def AddISubConstantRHS(op: AddIOp, rewriter: PatternRewriter) -> bool:
    """addi(subi(x, c0), c1) -> addi(x, c1 - c0)"""
    c1 = constant_value(op.rhs)
    inner = _inner_with_constant(op.lhs, SubIOp)
    if c1 is None or inner is None:
        return False
    return _combine(rewriter, op, AddIOp, inner[0].lhs, c1, inner[1], SubIOp.kernel)


@rewrite_pattern(SubIOp)
def SubIRHSAddConstant(op: SubIOp, rewriter: PatternRewriter) -> bool:
    """subi(addi(x, c0), c1) -> addi(x, c0 - c1)"""
    c1 = constant_value(op.rhs)
    inner = _inner_with_constant(op.lhs, AddIOp)
    if c1 is None or inner is None:
        return False
    return _combine(rewriter, op, AddIOp, inner[0].lhs, inner[1], c1, SubIOp.kernel)


@rewrite_pattern(MulIOp)
def MulIMulIConstant(op: MulIOp, rewriter: PatternRewriter) -> bool:
    """muli(muli(x, c0), c1) -> muli(x, c0 * c1)"""
    c1 = constant_value(op.rhs)
    inner = _inner_with_constant(op.lhs, MulIOp)
    if c1 is None or inner is None:
        return False
    return _combine(rewriter, op, MulIOp, inner[0].lhs, inner[1], c1, MulIOp.kernel)


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


# -- which op gets which patterns --------------------------------------------------------------

PATTERNS: dict[type, tuple[type[RewritePattern], ...]] = {
    AddIOp: (AddIAddConstant, AddISubConstantRHS),
    MulIOp: (MulIMulIConstant,),
    XOrIOp: (XOrINotCmpI,),
}
PATTERNS.update({
    SubIOp: (SubIRHSAddConstant,),
    CmpIOp: (CmpIConstantToRight,),
    SelectOp: (SelectI1ToNot,),
    ExtSIOp: (ExtSIOfExtSI, ExtSIOfExtUI),
    ExtUIOp: (ExtUIOfExtUI,),
    TruncIOp: (TruncIOfTruncI, TruncIOfExt),
    IndexCastOp: (IndexCastOfIndexCast,),
    BitcastOp: (BitcastOfBitcast,),
})  # fmt: skip

for _op, _patterns in PATTERNS.items():
    _op.canonicalization_patterns = _patterns
