"""cf canonicalization patterns (MLIR's ControlFlowOps.cpp): a branch to a block with no
other predecessor merges the block into the branch's; branches through blocks that only
branch on are collapsed; `cf.cond_br` on a constant, with identical successors, on the
condition its only predecessor branched on, and the condition known true/false in a
successor; `cf.switch` with only a default or on a constant; `cf.assert` of true goes.
The table at the bottom attaches the patterns to their ops.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialir.core.ir.attrs import BoolAttr, DenseArrayAttr, DenseElementsAttr, IntegerAttr
from dialir.core.ir.operation import Block, BlockArgument, Operation, OpResult, Value
from dialir.core.ir.traits import ConstantLike
from dialir.core.ir.types import IntegerType, VectorType
from dialir.core.rewrite.patterns import PatternRewriter, RewritePattern
from dialir.dialects.arith.ops import ConstantOp, SelectOp
from dialir.dialects.cf.ops import AssertOp, BranchOp, CondBranchOp, SwitchOp


def _constant_int(v: Value) -> int | None:
    if not isinstance(v, OpResult):
        return None
    op = v.owner
    if not (type(op).is_registered and ConstantLike in type(op).traits):
        return None
    attr = op.get_attr("value")
    return attr.value if isinstance(attr, IntegerAttr) else None


def _predecessor_edges(block: Block) -> list[Block]:
    """The block of every edge into `block` (a block twice if it branches here twice)."""
    region = block.parent
    out = []
    if region is None:
        return out
    for b in region.blocks:
        t = b.last
        if t is not None and t._successors:
            out.extend(b for s in t._successors if s is block)
    return out


def _single_predecessor(block: Block) -> Block | None:
    """MLIR's getSinglePredecessor: the one edge's block, None for zero or several edges."""
    edges = _predecessor_edges(block)
    return edges[0] if len(edges) == 1 else None


def _unique_predecessor(block: Block) -> Block | None:
    """MLIR's getUniquePredecessor: the one block all edges come from."""
    edges = _predecessor_edges(block)
    if not edges or any(e is not edges[0] for e in edges):
        return None
    return edges[0]


def _pass_through(block: Block) -> Block | None:
    """The destination of `block` when it holds only a `cf.br`."""
    br = block.first
    if br is None or br is not block.last or not isinstance(br, BranchOp):
        return None
    return br.successors[0]


def _collapse_branch(successor: Block, operands: Sequence[Value]):
    """MLIR's collapseBranch: when `successor` holds only a `cf.br` whose operands use its
    arguments in nothing else, (its destination, the operands mapped through); else None."""
    br = successor.first
    if br is None or br is not successor.last or not isinstance(br, BranchOp):
        return None
    for arg in successor.args:
        if any(user is not br for user in arg.users):
            return None
    dest = br.successors[0]
    if dest is successor:
        return None  # an infinite loop
    # Never collapse into a cycle of pass-through blocks: it would be collapsed around
    # forever. (The branches inside the cycle merge into a branch to itself instead.)
    seen = {successor}
    b = dest
    while b is not None:
        if b in seen:
            return None
        seen.add(b)
        b = _pass_through(b)
    mapped = []
    for v in br.operands:
        if isinstance(v, BlockArgument) and v.owner_block is successor:
            mapped.append(operands[v.index])
        else:
            mapped.append(v)
    return dest, mapped


def _br(rewriter: PatternRewriter, op: Operation, dest: Block, operands: Sequence[Value]) -> None:
    new = BranchOp(list(operands), successors=[dest])
    new.location = op.location
    rewriter.replace_op_with(op, new)


class SimplifyBrToBlockWithSinglePred(RewritePattern):
    root = "cf.br"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        dest = op.successors[0]
        parent = op.parent
        if dest is parent or _single_predecessor(dest) is not parent:
            return False
        args = list(op.operands)
        rewriter.erase_op(op)
        rewriter.merge_blocks(dest, parent, args)
        return True


class SimplifyPassThroughBr(RewritePattern):
    root = "cf.br"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        dest = op.successors[0]
        if dest is op.parent:
            return False
        collapsed = _collapse_branch(dest, list(op.operands))
        if collapsed is None:
            return False
        _br(rewriter, op, *collapsed)
        return True


class SimplifyConstCondBranchPred(RewritePattern):
    root = "cf.cond_br"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        c = _constant_int(op.condition)
        if c is None:
            return False
        if c & 1:
            _br(rewriter, op, op.successors[0], list(op.trueDestOperands))
        else:
            _br(rewriter, op, op.successors[1], list(op.falseDestOperands))
        return True


class SimplifyPassThroughCondBranch(RewritePattern):
    root = "cf.cond_br"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        true_dest, false_dest = op.successors
        true_ops, false_ops = list(op.trueDestOperands), list(op.falseDestOperands)
        t = _collapse_branch(true_dest, true_ops)
        f = _collapse_branch(false_dest, false_ops)
        if t is None and f is None:
            return False
        if t is not None:
            true_dest, true_ops = t
        if f is not None:
            false_dest, false_ops = f
        new = CondBranchOp(op.condition, true_ops, false_ops, successors=[true_dest, false_dest])
        new.location = op.location
        if op.branch_weights is not None:
            new.properties["branch_weights"] = op.branch_weights
        rewriter.replace_op_with(op, new)
        return True


class SimplifyCondBranchIdenticalSuccessors(RewritePattern):
    root = "cf.cond_br"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        true_dest, false_dest = op.successors
        if true_dest is not false_dest:
            return False
        true_ops, false_ops = list(op.trueDestOperands), list(op.falseDestOperands)
        if all(a is b for a, b in zip(true_ops, false_ops)):
            _br(rewriter, op, true_dest, true_ops)
            return True
        if _unique_predecessor(true_dest) is not op.parent:
            return False
        rewriter.set_insertion_point(op)
        merged = []
        for a, b in zip(true_ops, false_ops):
            if a is b:
                merged.append(a)
            else:
                sel = rewriter.insert(SelectOp(op.condition, a, b, location=op.location))
                merged.append(sel.results[0])
        _br(rewriter, op, true_dest, merged)
        return True


class SimplifyCondBranchFromCondBranchOnSameCondition(RewritePattern):
    root = "cf.cond_br"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        block = op.parent
        pred = _single_predecessor(block)
        if pred is None:
            return False
        pred_br = pred.last
        if not isinstance(pred_br, CondBranchOp) or pred_br.condition is not op.condition:
            return False
        if block is pred_br.successors[0]:
            _br(rewriter, op, op.successors[0], list(op.trueDestOperands))
        else:
            _br(rewriter, op, op.successors[1], list(op.falseDestOperands))
        return True


class CondBranchTruthPropagation(RewritePattern):
    root = "cf.cond_br"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        replaced = False
        cond = op.condition
        for dest, value in ((op.successors[0], True), (op.successors[1], False)):
            if _single_predecessor(dest) is None:
                continue
            constant = None
            for use in list(cond.uses):
                user = use.owner
                if user.parent is not dest:
                    continue
                if constant is None:
                    rewriter.set_insertion_point(op)
                    constant = rewriter.insert(
                        ConstantOp(value=BoolAttr(value), location=op.location)
                    ).results[0]
                rewriter.start_op_modification(user)
                use.set(constant)
                rewriter.finalize_op_modification(user)
                replaced = True
        return replaced


class SimplifySwitchWithOnlyDefault(RewritePattern):
    root = "cf.switch"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        if len(op.successors) != 1:
            return False
        _br(rewriter, op, op.successors[0], list(op.defaultOperands))
        return True


class SimplifyConstSwitchValue(RewritePattern):
    root = "cf.switch"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        flag = _constant_int(op.flag)
        if flag is None:
            return False
        width = op.flag.type.width if hasattr(op.flag.type, "width") else 64
        mask = (1 << width) - 1
        for i, value in enumerate(op.case_value_list()):
            if value & mask == flag & mask:
                _br(rewriter, op, op.successors[i + 1], list(op.case_operands(i)))
                return True
        _br(rewriter, op, op.successors[0], list(op.defaultOperands))
        return True


def _cases(op: SwitchOp) -> list[tuple[int, Block, list[Value]]]:
    return [
        (value, op.successors[i + 1], list(op.case_operands(i)))
        for i, value in enumerate(op.case_value_list())
    ]


def _replace_switch(
    rewriter: PatternRewriter,
    op: SwitchOp,
    default: Block,
    default_ops: Sequence[Value],
    cases: list[tuple[int, Block, list[Value]]],
) -> None:
    props: dict = {}
    if cases:
        props["case_values"] = DenseElementsAttr(
            VectorType([len(cases)], op.flag.type), [v for v, _, _ in cases]
        )
    new = SwitchOp(
        op.flag,
        defaultOperands=list(default_ops),
        caseOperands=[v for _, _, vs in cases for v in vs],
        case_operand_segments=DenseArrayAttr(IntegerType(32), [len(vs) for _, _, vs in cases]),
        successors=[default, *(blk for _, blk, _ in cases)],
        location=op.location,
        **props,
    )
    new.attributes.update(op.attributes)
    rewriter.replace_op_with(op, new)


def _fold_switch(rewriter: PatternRewriter, op: SwitchOp, flag: int) -> None:
    """Replace `op` by a branch to the case for `flag` (MLIR's foldSwitch)."""
    width = getattr(op.flag.type, "width", 64)
    mask = (1 << width) - 1
    for value, dest, ops in _cases(op):
        if value & mask == flag & mask:
            _br(rewriter, op, dest, ops)
            return
    _br(rewriter, op, op.successors[0], list(op.defaultOperands))


class DropSwitchCasesThatMatchDefault(RewritePattern):
    root = "cf.switch"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        default, default_ops = op.successors[0], list(op.defaultOperands)
        cases = _cases(op)
        kept = [
            c for c in cases
            if not (c[1] is default and len(c[2]) == len(default_ops)
                    and all(a is b for a, b in zip(c[2], default_ops)))
        ]  # fmt: skip
        if len(kept) == len(cases):
            return False
        _replace_switch(rewriter, op, default, default_ops, kept)
        return True


class SimplifyPassThroughSwitch(RewritePattern):
    root = "cf.switch"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        changed = False
        default, default_ops = op.successors[0], list(op.defaultOperands)
        collapsed = _collapse_branch(default, default_ops)
        if collapsed is not None:
            default, default_ops = collapsed
            changed = True
        cases = []
        for value, dest, ops in _cases(op):
            collapsed = _collapse_branch(dest, ops)
            if collapsed is not None:
                dest, ops = collapsed
                changed = True
            cases.append((value, dest, ops))
        if not changed:
            return False
        _replace_switch(rewriter, op, default, default_ops, cases)
        return True


def _pred_switch(op: Operation) -> SwitchOp | None:
    pred = _single_predecessor(op.parent)
    if pred is None:
        return None
    t = pred.last
    if not isinstance(t, SwitchOp) or t.flag is not op.flag:
        return None
    return t


class SimplifySwitchFromSwitchOnSameCondition(RewritePattern):
    root = "cf.switch"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        pred = _pred_switch(op)
        if pred is None or pred.successors[0] is op.parent:
            return False
        for value, dest, _ in _cases(pred):
            if dest is op.parent:
                _fold_switch(rewriter, op, value)
                return True
        _br(rewriter, op, op.successors[0], list(op.defaultOperands))
        return True


class SimplifySwitchFromDefaultSwitchOnSameCondition(RewritePattern):
    root = "cf.switch"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        pred = _pred_switch(op)
        if pred is None or pred.successors[0] is not op.parent:
            return False
        width = getattr(op.flag.type, "width", 64)
        mask = (1 << width) - 1
        impossible = {v & mask for v in pred.case_value_list()}
        cases = _cases(op)
        kept = [c for c in cases if c[0] & mask not in impossible]
        if len(kept) == len(cases):
            return False
        _replace_switch(rewriter, op, op.successors[0], list(op.defaultOperands), kept)
        return True


class EraseTrueAssert(RewritePattern):
    root = "cf.assert"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        c = _constant_int(op.operands[0])
        if c is None or not c & 1:
            return False
        rewriter.erase_op(op)
        return True


BranchOp.canonicalization_patterns = (SimplifyBrToBlockWithSinglePred, SimplifyPassThroughBr)
CondBranchOp.canonicalization_patterns = (
    SimplifyConstCondBranchPred,
    SimplifyPassThroughCondBranch,
    SimplifyCondBranchIdenticalSuccessors,
    SimplifyCondBranchFromCondBranchOnSameCondition,
    CondBranchTruthPropagation,
)
SwitchOp.canonicalization_patterns = (
    SimplifySwitchWithOnlyDefault,
    DropSwitchCasesThatMatchDefault,
    SimplifyConstSwitchValue,
    SimplifyPassThroughSwitch,
    SimplifySwitchFromSwitchOnSameCondition,
    SimplifySwitchFromDefaultSwitchOnSameCondition,
)
AssertOp.canonicalization_patterns = (EraseTrueAssert,)
