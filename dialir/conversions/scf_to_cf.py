"""convert-scf-to-cf: scf -> cf branches between blocks (MLIR's SCFToControlFlow).

Each structured op is replaced by the blocks of its regions, inlined into the enclosing
region, and `cf.br` / `cf.cond_br` / `cf.switch` between them, block for block as MLIR's
patterns build them, so the output reads as MLIR's does:

- scf.for: the block holding the loop splits at it; the body's entry block becomes the
  condition block (its arguments: the induction variable and the iter_args), the body
  steps the induction variable and branches back, and the loop's results are the condition
  block's arguments.
- scf.if: then / else blocks branch to a continuation block whose arguments are the results.
- scf.while: the `before` region is the condition block; `cf.cond_br` enters the `after`
  region or leaves the loop. A do-while (`after` only forwards its arguments) branches back
  to `before` directly.
- scf.parallel: a nest of sequential scf.for loops (MLIR's semantics-preserving choice),
  the reduction regions inlined where the body ends; those loops then lower as above.
- scf.execute_region: its blocks inlined, `scf.yield` a branch to the continuation.
- scf.index_switch: `cf.switch` on the index cast to i64, one block per case.

MLIR's scf.forall lowering goes through scf.parallel; dialir's scf dialect has no
scf.forall, so there is nothing to lower. The conversion fails as a whole (the IR
untouched) when some scf op cannot be lowered: also where its region can hold no more blocks
(a `builtin.module` body, a block with no terminator after the op), since splitting the block
there would leave invalid IR.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.attrs import DenseArrayAttr, DenseElementsAttr
from dialir.core.ir.operation import Block, Operation, Value
from dialir.core.ir.traits import IsTerminator, NoTerminator, SingleBlock, implicit_terminator
from dialir.core.ir.types import IntegerType, VectorType
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.conversion import ConversionTarget, apply_partial_conversion
from dialir.core.rewrite.patterns import PatternRewriter, rewrite_pattern
from dialir.dialects.arith import ops as arith
from dialir.dialects.cf import ops as cf
from dialir.dialects.loop.scf import ops as scf

I64 = IntegerType(64)


def can_split_block(op: Operation) -> bool:
    """Whether `op`'s block may split into several: its region takes more than one block and
    a terminator (for the last of them) follows `op`."""
    block = op.parent
    if block is None or block.last is None or block.last is op:
        return False
    last = block.last
    if type(last).is_registered and not last.has_trait(IsTerminator):
        return False
    holder = block.parent_op
    if holder is None or not type(holder).is_registered:
        return True
    if holder.has_trait(NoTerminator) or holder.has_trait(SingleBlock):
        return False
    if implicit_terminator(type(holder)) is not None:
        return False  # SingleBlockImplicitTerminator
    defs = getattr(type(holder), "definition", None)
    defs = defs.regions if defs is not None else ()
    if defs:
        i = next(i for i, r in enumerate(holder.regions) if r is block.parent)
        if defs[min(i, len(defs) - 1)].single_block:
            return False
    return True


def _split_at(rewriter: PatternRewriter, op: Operation) -> tuple[Block, Block]:
    """Split `op`'s block before `op`: (the block before, the block starting at `op`)."""
    block = op.parent
    return block, rewriter.split_block(block, op)


def _br(rewriter: PatternRewriter, dest: Block, operands=()) -> Operation:
    return rewriter.insert(cf.BranchOp(list(operands), successors=[dest]))


def _cond_br(rewriter: PatternRewriter, cond: Value, true_dest: Block, true_ops,
             false_dest: Block, false_ops) -> Operation:  # fmt: skip
    return rewriter.insert(
        cf.CondBranchOp(cond, list(true_ops), list(false_ops), successors=[true_dest, false_dest])
    )


@rewrite_pattern(scf.ForOp)
def ForLowering(op: scf.ForOp, rewriter: PatternRewriter) -> bool:
    """scf.for -> cond block (iv, iter args) + body blocks + an exit block"""
    if not can_split_block(op):
        return False
    init_block, end_block = _split_at(rewriter, op)
    region = op.regions[0]
    condition_block = region.blocks[0]
    first_body_block = rewriter.split_block(condition_block, condition_block.first)
    last_body_block = region.blocks[-1]
    rewriter.inline_region_before(region, end_block.parent, end_block)
    iv = condition_block.args[0]
    terminator = last_body_block.last
    rewriter.set_insertion_point_to_end(last_body_block)
    stepped = rewriter.insert(arith.AddIOp(iv, op.step)).result
    _br(rewriter, condition_block, [stepped, *terminator.operands])
    rewriter.erase_op(terminator)
    rewriter.set_insertion_point_to_end(init_block)
    _br(rewriter, condition_block, [op.lowerBound, *op.initArgs])
    rewriter.set_insertion_point_to_end(condition_block)
    pred = "ult" if op.unsignedCmp is not None else "slt"
    cmp = rewriter.insert(arith.CmpIOp(iv, op.upperBound, predicate=pred)).result
    _cond_br(rewriter, cmp, first_body_block, (), end_block, ())
    rewriter.replace_op(op, list(condition_block.args[1:]))
    return True


def _continuation_with_args(rewriter: PatternRewriter, op: Operation) -> tuple[Block, Block]:
    """Split before `op`; the block after gets one argument per result of `op` (a block the
    rewriter just made, so adding arguments to it needs no undo entry of its own)."""
    before, after = _split_at(rewriter, op)
    for r in op.results:
        after.add_argument(r.type, op.location)
    return before, after


@rewrite_pattern(scf.IfOp)
def IfLowering(op: scf.IfOp, rewriter: PatternRewriter) -> bool:
    """scf.if -> cf.cond_br to the then / else blocks, which branch to a continuation"""
    if not can_split_block(op):
        return False
    cond_block, remaining = _split_at(rewriter, op)
    region = remaining.parent
    if not op.results:
        continue_block = remaining
    else:
        index = region.blocks.index(remaining)
        continue_block = rewriter.create_block(region, [r.type for r in op.results],
                                               [op.location] * len(op.results), index)  # fmt: skip
        _br(rewriter, remaining)

    def inline(branch_region) -> Block:
        first = branch_region.blocks[0]
        last = branch_region.blocks[-1]
        terminator = last.last
        rewriter.set_insertion_point_to_end(last)
        _br(rewriter, continue_block, terminator.operands)
        rewriter.erase_op(terminator)
        rewriter.inline_region_before(branch_region, region, continue_block)
        return first

    then_block = inline(op.thenRegion)
    else_block = inline(op.elseRegion) if op.elseRegion.blocks else continue_block
    rewriter.set_insertion_point_to_end(cond_block)
    _cond_br(rewriter, op.condition, then_block, (), else_block, ())
    rewriter.replace_op(op, list(continue_block.args))
    return True


@rewrite_pattern(scf.ExecuteRegionOp)
def ExecuteRegionLowering(op: scf.ExecuteRegionOp, rewriter: PatternRewriter) -> bool:
    """scf.execute_region -> its blocks inlined, each scf.yield a branch to the continuation"""
    if not can_split_block(op):
        return False
    cond_block, remaining = _split_at(rewriter, op)
    region = op.regions[0]
    rewriter.set_insertion_point_to_end(cond_block)
    _br(rewriter, region.blocks[0])
    for block in region.blocks:
        terminator = block.last
        if terminator is not None and terminator.name == scf.YieldOp.OP_NAME:
            rewriter.set_insertion_point_to_end(block)
            _br(rewriter, remaining, terminator.operands)
            rewriter.erase_op(terminator)
    rewriter.inline_region_before(region, remaining.parent, remaining)
    for r in op.results:
        remaining.add_argument(r.type, op.location)
    rewriter.replace_op(op, list(remaining.args))
    return True


@rewrite_pattern(scf.WhileOp, benefit=2)
def DoWhileLowering(op: scf.WhileOp, rewriter: PatternRewriter) -> bool:
    """scf.while whose `after` region only forwards its arguments -> the `before` block
    branching back to itself"""
    if not can_split_block(op):
        return False
    after = op.after_block
    term = after.first
    if term is None or term is not after.last or term.name != scf.YieldOp.OP_NAME:
        return rewriter.notify_match_failure(op, "the 'after' region has a payload")
    if list(term.operands) != list(after.args):
        return rewriter.notify_match_failure(op, "the 'after' region does not forward")
    current, continuation = _split_at(rewriter, op)
    before = op.before_block
    rewriter.inline_region_before(op.before, continuation.parent, continuation)
    rewriter.set_insertion_point_to_end(current)
    _br(rewriter, before, op.inits)
    cond = before.last
    args = list(cond.operands[1:])
    rewriter.set_insertion_point(cond)
    rewriter.replace_op_with(
        cond, cf.CondBranchOp(cond.operands[0], args, [], successors=[before, continuation])
    )
    rewriter.replace_op(op, args)
    return True


@rewrite_pattern(scf.WhileOp)
def WhileLowering(op: scf.WhileOp, rewriter: PatternRewriter) -> bool:
    """scf.while -> `before` blocks (cond_br into `after` or out) + `after` blocks (br back)"""
    if not can_split_block(op):
        return False
    current, continuation = _split_at(rewriter, op)
    after = op.after_block
    before = op.before_block
    after_last = op.after.blocks[-1]
    parent_region = continuation.parent
    rewriter.inline_region_before(op.after, parent_region, continuation)
    rewriter.inline_region_before(op.before, parent_region, after)
    rewriter.set_insertion_point_to_end(current)
    _br(rewriter, before, op.inits)
    cond = before.last
    args = list(cond.operands[1:])
    rewriter.set_insertion_point(cond)
    rewriter.replace_op_with(
        cond, cf.CondBranchOp(cond.operands[0], args, [], successors=[after, continuation])
    )
    yield_op = after_last.last
    rewriter.set_insertion_point(yield_op)
    rewriter.replace_op_with(yield_op, cf.BranchOp(list(yield_op.operands), successors=[before]))
    rewriter.replace_op(op, args)
    return True


@rewrite_pattern(scf.ParallelOp)
def ParallelLowering(op: scf.ParallelOp, rewriter: PatternRewriter) -> bool:
    """scf.parallel -> a nest of scf.for (outermost first), reductions carried as iter_args
    and combined where the body ends"""
    reduce = op.body.last
    if reduce is None or reduce.name != scf.ReduceOp.OP_NAME:
        return rewriter.notify_match_failure(op, "the body does not end with scf.reduce")
    iter_args = list(op.initVals)
    ivs: list[Value] = []
    loop_results = list(iter_args)
    first = True
    for lb, ub, step in zip(op.lowerBound, op.upperBound, op.step):
        loop = scf.ForOp(lb, ub, step, iter_args)
        if iter_args:
            loop.body.last.erase()  # MLIR's builder leaves a loop with iter_args unterminated
        rewriter.insert(loop)
        ivs.append(loop.induction_var)
        iter_args = list(loop.region_iter_args)
        if first:
            loop_results = list(loop.results)
            first = False
        elif loop.results:
            rewriter.set_insertion_point_to_end(rewriter.block)
            rewriter.insert(scf.YieldOp(loop.results))
        rewriter.set_insertion_point_to_start(loop.body)
    yield_operands = []
    for i, region in enumerate(reduce.regions):
        body = region.blocks[0]
        ret = body.last
        args = [iter_args[i], reduce.operands[i]]
        # A combiner may return one of its arguments (`scf.reduce.return %lhs`): the value
        # it stands for once the block is inlined, not the block's argument.
        combined = ret.operands[0]
        yield_operands.append(next((a for b, a in zip(body.args, args) if b is combined),
                                   combined))  # fmt: skip
        rewriter.erase_op(ret)
        rewriter.inline_block_before(body, reduce, args)
    rewriter.erase_op(reduce)
    new_body = rewriter.block
    if new_body.first is None:
        rewriter.merge_blocks(op.body, new_body, ivs)
    else:
        rewriter.inline_block_before(op.body, new_body.last, ivs)
    if yield_operands:
        rewriter.set_insertion_point_to_end(rewriter.block)
        rewriter.insert(scf.YieldOp(yield_operands))
    rewriter.replace_op(op, loop_results)
    return True


@rewrite_pattern(scf.IndexSwitchOp)
def IndexSwitchLowering(op: scf.IndexSwitchOp, rewriter: PatternRewriter) -> bool:
    """scf.index_switch %i -> cf.switch (index_cast %i to i64), a block per case"""
    if not can_split_block(op):
        return False
    cond_block, continue_block = _continuation_with_args(rewriter, op)
    parent_region = continue_block.parent

    def convert(region) -> Block:
        block = region.blocks[0]
        yield_op = block.last
        rewriter.set_insertion_point(yield_op)
        rewriter.replace_op_with(
            yield_op, cf.BranchOp(list(yield_op.operands), successors=[continue_block])
        )
        rewriter.inline_region_before(region, parent_region, continue_block)
        return block

    cases = [convert(r) for r in op.caseRegions]
    default = convert(op.defaultRegion)
    values = op.case_values
    rewriter.set_insertion_point_to_end(cond_block)
    flag = rewriter.insert(arith.IndexCastOp(op.arg, result_types=[I64])).result
    props = {}
    if values:
        props["case_values"] = DenseElementsAttr(VectorType([len(values)], I64), values)
    rewriter.insert(cf.SwitchOp(
        flag, defaultOperands=[], caseOperands=[],
        case_operand_segments=DenseArrayAttr(IntegerType(32), [0] * len(values)),
        successors=[default, *cases], **props,
    ))  # fmt: skip
    rewriter.replace_op(op, list(continue_block.args))
    return True


PATTERNS = (
    ForLowering, IfLowering, ExecuteRegionLowering, DoWhileLowering, WhileLowering,
    ParallelLowering, IndexSwitchLowering,
)  # fmt: skip


@register_pass
@dataclass
class SCFToControlFlow(Pass):
    """MLIR's -convert-scf-to-cf."""

    name = "convert-scf-to-cf"
    summary = (
        "Convert SCF dialect to ControlFlow dialect, replacing structured control flow with a CFG"
    )
    dependent_dialects = ("arith", "cf")

    def run(self, op: Operation) -> None:
        target = ConversionTarget()
        target.add_illegal_op(
            scf.ForOp, scf.IfOp, scf.IndexSwitchOp, scf.ParallelOp, scf.WhileOp,
            scf.ExecuteRegionOp,
        )  # fmt: skip
        target.mark_unknown_op_dynamically_legal(lambda _: True)
        apply_partial_conversion(op, target, [p() for p in PATTERNS])
