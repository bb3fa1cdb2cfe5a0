"""scf canonicalization patterns (MLIR's SCF.cpp): loops that run zero times are replaced
by their inits, loops that run once by their body, iter_args that do not change (in scf.for
and in the `before` block of scf.while) are removed, `scf.if` on a constant becomes the
taken branch, unused results of scf.if/scf.while/scf.index_switch are dropped, yields of
values from outside become `arith.select`s, consecutive `scf.if`s on one condition merge,
nested `scf.parallel`s merge, `scf.execute_region`s are inlined and `scf.index_switch` on a
constant becomes the taken case. The table at the bottom attaches the patterns to their ops.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.operation import Block, Operation, OpResult, Region, Value
from dialir.core.ods.interfaces import CallableOpInterface
from dialir.core.rewrite.patterns import PatternRewriter, rewrite_pattern
from dialir.dialects.arith.folding import constant_value
from dialir.dialects.arith.ops import ConstantOp, SelectOp, XOrIOp, _is_int
from dialir.dialects.cf.ops import BranchOp
from dialir.dialects.loop.scf.ops import (
    ConditionOp,
    ExecuteRegionOp,
    ForOp,
    IfOp,
    IndexSwitchOp,
    ParallelOp,
    WhileOp,
    YieldOp,
    constant_int,
)


def replace_op_with_region(
    rewriter: PatternRewriter, op: Operation, region: Region, args: Sequence[Value] = ()
) -> None:
    """MLIR's replaceOpWithRegion: the single block of `region` is inlined before `op`
    (its arguments bound to `args`), and `op`'s results become what its terminator yields."""
    block = region.blocks[0]
    term = block.last
    values = list(term.operands) if term is not None else []
    rewriter.inline_block_before(block, op, list(args))
    rewriter.replace_op(op, values)
    if term is not None:
        rewriter.erase_op(term)


def _is_inside(v: Value, op: Operation) -> bool:
    block = v.owner_block
    while block is not None:
        parent = block.parent_op
        if parent is op:
            return True
        block = None if parent is None else parent.parent
    return False


# -- scf.for -------------------------------------------------------------------------------------


def _trip_span(op: ForOp) -> int | None:
    """ub - lb when both are constants (MLIR's computeUbMinusLb, constant case)."""
    lb, ub = constant_int(op.lowerBound), constant_int(op.upperBound)
    if lb is None or ub is None:
        return None
    if op.unsignedCmp is not None and (lb < 0 or ub < 0):
        return None  # an unsigned comparison of bit patterns: leave it to the user
    return ub - lb


@rewrite_pattern(ForOp)
def SimplifyTrivialLoops(op: ForOp, rewriter: PatternRewriter) -> bool:
    """scf.for running 0 times -> its inits; once -> its body with iv = lb; an empty body
    yielding outside values that runs at least once -> those values"""
    if op.lowerBound is op.upperBound:
        rewriter.replace_op(op, list(op.initArgs))
        return True
    span = _trip_span(op)
    if span is None:
        return False
    if span <= 0:
        rewriter.replace_op(op, list(op.initArgs))
        return True
    step = constant_int(op.step)
    if step is None:
        return False
    if step >= span:
        replace_op_with_region(rewriter, op, op.regions[0], [op.lowerBound, *op.initArgs])
        return True
    body = op.body
    term = op.yield_op
    if body.first is not body.last or term is None:
        return False
    if any(_is_inside(v, op) for v in term.operands):
        return False
    rewriter.replace_op(op, list(term.operands))
    return True


@rewrite_pattern(ForOp)
def ForOpIterArgsFolder(op: ForOp, rewriter: PatternRewriter) -> bool:
    """scf.for iter_args whose value never changes (yielded as is, or the init yielded) or
    that nobody uses -> removed, their results replaced by the inits"""
    term = op.yield_op
    if term is None:
        return False
    inits, iter_args, results = list(op.initArgs), op.region_iter_args, op.results
    keep: list[int] = []
    for i, (init, arg, res, y) in enumerate(zip(inits, iter_args, results, term.operands)):
        unchanged = y is arg or y is init
        unused = not arg.has_uses and not res.has_uses
        if not (unchanged or unused):
            keep.append(i)
    if len(keep) == len(inits):
        return False
    new = ForOp(op.lowerBound, op.upperBound, op.step, [inits[i] for i in keep],
                unsigned=op.unsignedCmp is not None, location=op.location)  # fmt: skip
    new.attributes.update(op.attributes)
    rewriter.insert(new)
    new_body = new.body
    new_body.last.erase()  # the default yield; the old body's ops move in
    args: list[Value] = [new.induction_var]
    kept = iter(new.region_iter_args)
    for i, init in enumerate(inits):
        args.append(next(kept) if i in keep else init)
    rewriter.merge_blocks(op.body, new_body, args)
    old_term = new_body.last
    rewriter.set_insertion_point(old_term)
    rewriter.insert(YieldOp([old_term.operands[i] for i in keep], location=old_term.location))
    rewriter.erase_op(old_term)
    replacements: list[Value] = []
    new_results = iter(new.results)
    for i, init in enumerate(inits):
        replacements.append(next(new_results) if i in keep else init)
    rewriter.replace_op(op, replacements)
    return True


# -- scf.if --------------------------------------------------------------------------------------


@rewrite_pattern(IfOp)
def RemoveStaticCondition(op: IfOp, rewriter: PatternRewriter) -> bool:
    """scf.if true {A} else {B} -> A; scf.if false -> B (or nothing)"""
    c = constant_int(op.condition)
    if c is None:
        return False
    if c:
        replace_op_with_region(rewriter, op, op.thenRegion)
    elif op.elseRegion.blocks:
        replace_op_with_region(rewriter, op, op.elseRegion)
    else:
        rewriter.erase_op(op)
    return True


def _rebuild_if(op: IfOp, rewriter: PatternRewriter, keep: list[int],
                then_values: list[Value], else_values: list[Value]) -> IfOp:  # fmt: skip
    """A new scf.if with `op`'s regions and only the results in `keep`, yielding
    `then_values` / `else_values`."""
    new = IfOp(op.condition, [op.results[i].type for i in keep], with_else=False,
               location=op.location)  # fmt: skip
    new.attributes.update(op.attributes)
    rewriter.insert(new)
    for old_region, new_region, values in (
        (op.thenRegion, new.thenRegion, then_values),
        (op.elseRegion, new.elseRegion, else_values),
    ):
        for b in list(new_region.blocks):
            new_region.remove(b)
        rewriter.inline_region_before(old_region, new_region, 0)
        if new_region.blocks:
            block = new_region.blocks[0]
            term = block.last
            rewriter.set_insertion_point(term)
            rewriter.insert(YieldOp(values, location=term.location))
            rewriter.erase_op(term)
    return new


@rewrite_pattern(IfOp)
def RemoveUnusedResults(op: IfOp, rewriter: PatternRewriter) -> bool:
    """scf.if -> (a, b) with b unused -> scf.if -> (a)"""
    then_y, else_y = op.then_yield(), op.else_yield()
    if then_y is None or else_y is None:
        return False
    keep = [i for i, r in enumerate(op.results) if r.has_uses]
    if len(keep) == len(op.results):
        return False
    new = _rebuild_if(op, rewriter, keep, [then_y.operands[i] for i in keep],
                      [else_y.operands[i] for i in keep])  # fmt: skip
    it = iter(new.results)
    rewriter.replace_op(op, [next(it) if i in keep else None for i in range(len(op.results))])
    return True


@rewrite_pattern(IfOp)
def ConvertTrivialIfToSelect(op: IfOp, rewriter: PatternRewriter) -> bool:
    """scf.if %c -> T {yield %a} else {yield %b}, %a and %b from outside -> arith.select"""
    if not op.results:
        return False
    then_y, else_y = op.then_yield(), op.else_yield()
    if then_y is None or else_y is None:
        return False
    then_r, else_r = op.thenRegion, op.elseRegion
    pairs = list(zip(then_y.operands, else_y.operands))
    inside = [
        (t.owner_block is not None and t.owner_block.parent is then_r)
        or (f.owner_block is not None and f.owner_block.parent is else_r)
        for t, f in pairs
    ]
    if all(inside):
        return False

    keep = [i for i, x in enumerate(inside) if x]
    new = _rebuild_if(op, rewriter, keep, [pairs[i][0] for i in keep],
                      [pairs[i][1] for i in keep])  # fmt: skip
    rewriter.set_insertion_point(new)
    results: list[Value] = []
    it = iter(new.results)
    for (t, f), x in zip(pairs, inside):
        if x:
            results.append(next(it))
        elif t is f:
            results.append(t)
        else:
            results.append(rewriter.insert(SelectOp(op.condition, t, f)).result)
    rewriter.replace_op(op, results)
    return True


@rewrite_pattern(IfOp)
def RemoveEmptyElseBranch(op: IfOp, rewriter: PatternRewriter) -> bool:
    """scf.if without results whose else only yields -> scf.if without else"""
    block = op.else_block
    if op.results or block is None or block.first is not block.last:
        return False
    rewriter.modify_op_in_place(op, lambda: rewriter.erase_block(block))
    return True


@rewrite_pattern(IfOp)
def IfConditionSwap(op: IfOp, rewriter: PatternRewriter) -> bool:
    """scf.if (xori c, true) {A} else {B} -> scf.if c {B} else {A} (MLIR's IfOp::fold)"""
    xor = op.condition.owner if isinstance(op.condition, OpResult) else None
    if not op.elseRegion.blocks or not isinstance(xor, XOrIOp) or not _is_int(xor.rhs, 1):
        return False

    def swap() -> None:
        then_block, else_block = op.then_block, op.else_block
        op.thenRegion.remove(then_block)
        op.elseRegion.remove(else_block)
        op.thenRegion.append(else_block)
        op.elseRegion.append(then_block)
        op.set_operand(0, xor.lhs)

    rewriter.modify_op_in_place(op, swap)
    return True


@rewrite_pattern(IfOp)
def ConditionPropagation(op: IfOp, rewriter: PatternRewriter) -> bool:
    """Uses of an scf.if's condition inside its then (else) region become `true` (`false`)."""
    cond = op.condition
    if constant_value(cond) is not None:
        return False  # a constant for a constant is no simplification
    constants: dict[bool, Value] = {}
    changed = False
    for use in list(cond.uses):
        if _in_region(use.owner, op.thenRegion):
            value = True
        elif op.elseRegion.blocks and _in_region(use.owner, op.elseRegion):
            value = False
        else:
            continue
        if value not in constants:
            rewriter.set_insertion_point(op)
            constants[value] = rewriter.create(
                ConstantOp, value=IntegerAttr(int(value), cond.type)
            ).result
        rewriter.modify_op_in_place(use.owner, lambda u=use, v=constants[value]: u.set(v))
        changed = True
    return changed


@rewrite_pattern(IfOp)
def CombineIfs(op: IfOp, rewriter: PatternRewriter) -> bool:
    """scf.if %c {A} else {B}; scf.if %c {C} else {D} -> scf.if %c {A; C} else {B; D}
    (uses of the first's results in the second become the yielded values)"""
    prev = op.prev
    if not isinstance(prev, IfOp) or prev.condition is not op.condition:
        return False
    p_then, p_else = prev.then_yield(), prev.else_yield()
    n_then, n_else = op.then_yield(), op.else_yield()
    if p_then is None or n_then is None:
        return False
    if (prev.else_block is not None and p_else is None) or (
        op.else_block is not None and n_else is None
    ):
        return False
    for i, r in enumerate(prev.results):
        for use in list(r.uses):
            if _in_region(use.owner, op.thenRegion):
                new = p_then.operands[i]
            elif p_else is not None and _in_region(use.owner, op.elseRegion):
                new = p_else.operands[i]
            else:
                continue
            rewriter.modify_op_in_place(use.owner, lambda u=use, v=new: u.set(v))
    types = [r.type for r in prev.results] + [r.type for r in op.results]
    combined = IfOp(op.condition, types, with_else=False, location=op.location)
    combined.attributes.update(op.attributes)
    rewriter.insert(combined)
    combined.thenRegion.remove(combined.then_block)
    rewriter.inline_region_before(prev.thenRegion, combined.thenRegion, 0)
    _merge_into(rewriter, combined.then_block, op.then_block)
    if prev.elseRegion.blocks:
        rewriter.inline_region_before(prev.elseRegion, combined.elseRegion, 0)
        if op.else_block is not None:
            _merge_into(rewriter, combined.else_block, op.else_block)
    elif op.elseRegion.blocks:
        rewriter.inline_region_before(op.elseRegion, combined.elseRegion, 0)
    n = len(prev.results)
    rewriter.replace_op(prev, list(combined.results[:n]))
    rewriter.replace_op(op, list(combined.results[n:]))
    return True


def _in_region(op: Operation, region: Region) -> bool:
    r = op.parent_region
    while r is not None:
        if r is region:
            return True
        owner = r.parent
        r = None if owner is None else owner.parent_region
    return False


def _merge_into(rewriter: PatternRewriter, dest: Block, source: Block) -> None:
    """`source`'s ops after `dest`'s; one yield of both yields' operands ends `dest`."""
    first, second = dest.last, source.last
    rewriter.merge_blocks(source, dest)
    rewriter.set_insertion_point_to_end(dest)
    rewriter.insert(YieldOp([*first.operands, *second.operands], location=second.location))
    rewriter.erase_op(first)
    rewriter.erase_op(second)


# -- scf.while -----------------------------------------------------------------------------------


@rewrite_pattern(WhileOp)
def WhileUnusedResult(op: WhileOp, rewriter: PatternRewriter) -> bool:
    """scf.while results unused, with their `after` arguments unused too -> dropped (and
    no longer passed by the scf.condition)"""
    cond = op.before_block.last
    after = op.after_block
    if cond is None or cond.name != "scf.condition":
        return False
    args = cond.operands[1:]
    keep = [i for i, (r, a) in enumerate(zip(op.results, after.args))
            if r.has_uses or a.has_uses]  # fmt: skip
    if len(keep) == len(op.results):
        return False
    rewriter.set_insertion_point(cond)
    rewriter.insert(ConditionOp(cond.operand(0), [args[i] for i in keep], location=cond.location))
    rewriter.erase_op(cond)
    rewriter.set_insertion_point(op)
    new = WhileOp(list(op.inits), [op.results[i].type for i in keep], location=op.location)
    new.attributes.update(op.attributes)
    rewriter.insert(new)
    new.before.remove(new.before_block)
    rewriter.inline_region_before(op.before, new.before, 0)
    new_args = iter(new.after_block.args)
    rewriter.merge_blocks(
        after,
        new.after_block,
        [next(new_args) if i in keep else None for i in range(len(op.results))],
    )
    it = iter(new.results)
    rewriter.replace_op(op, [next(it) if i in keep else None for i in range(len(op.results))])
    return True


@rewrite_pattern(WhileOp)
def RemoveLoopInvariantArgsFromBeforeBlock(op: WhileOp, rewriter: PatternRewriter) -> bool:
    """scf.while `before` arguments that every iteration gets back unchanged (the yield
    passes the init again, or forwards it from the condition) -> replaced by the init"""
    before, after = op.before_block, op.after_block
    cond, term = before.last, after.last
    if cond is None or cond.name != "scf.condition" or term is None or term.name != "scf.yield":
        return False
    inits, cond_args = list(op.inits), cond.operands[1:]
    keep = []
    for i, (init, y) in enumerate(zip(inits, term.operands)):
        invariant = y is init
        if not invariant and y in after.args:
            k = after.args.index(y)
            invariant = k < len(cond_args) and cond_args[k] in (before.args[i], init)
        if not invariant:
            keep.append(i)
    if len(keep) == len(inits):
        return False
    rewriter.set_insertion_point(term)
    rewriter.insert(YieldOp([term.operands[i] for i in keep], location=term.location))
    rewriter.erase_op(term)
    rewriter.set_insertion_point(op)
    new = WhileOp([inits[i] for i in keep], [r.type for r in op.results], location=op.location)
    new.attributes.update(op.attributes)
    rewriter.insert(new)
    new_args = iter(new.before_block.args)
    rewriter.merge_blocks(
        before, new.before_block, [next(new_args) if i in keep else v for i, v in enumerate(inits)]
    )
    new.after.remove(new.after_block)
    rewriter.inline_region_before(op.after, new.after, 0)
    rewriter.replace_op(op, list(new.results))
    return True


# -- scf.parallel, scf.execute_region, scf.index_switch ------------------------------------------


@rewrite_pattern(ParallelOp)
def RemoveEmptyParallelLoops(op: ParallelOp, rewriter: PatternRewriter) -> bool:
    """scf.parallel with a dimension that runs 0 times -> its init values"""
    for lb, ub in zip(op.lowerBound, op.upperBound):
        lo, hi = constant_int(lb), constant_int(ub)
        if lb is ub or (lo is not None and hi is not None and hi <= lo):
            rewriter.replace_op(op, list(op.initVals))
            return True
    return False


@rewrite_pattern(ParallelOp)
def MergeNestedParallelLoops(op: ParallelOp, rewriter: PatternRewriter) -> bool:
    """scf.parallel (%i) ... { scf.parallel (%j) ... { B } } with bounds independent of %i
    and no reductions -> scf.parallel (%i, %j) ... { B }"""
    outer = op.body
    inner = outer.first
    if not isinstance(inner, ParallelOp) or inner.next is not outer.last:
        return False
    if op.initVals or inner.initVals:
        return False
    bounds = (*inner.lowerBound, *inner.upperBound, *inner.step)
    if any(v in outer.args for v in bounds):
        return False
    new = ParallelOp([*op.lowerBound, *inner.lowerBound], [*op.upperBound, *inner.upperBound],
                     [*op.step, *inner.step], location=op.location)  # fmt: skip
    new.attributes.update(op.attributes)
    rewriter.insert(new)
    ivs = new.induction_vars
    n = len(outer.args)
    inner_body = inner.body
    if inner_body.last is not None and inner_body.last.name == "scf.reduce":
        rewriter.erase_op(inner_body.last)  # the merged loop has its own
    rewriter.inline_block_before(inner_body, new.body.last, ivs[n:])
    for a, v in zip(outer.args, ivs[:n]):
        rewriter.replace_all_uses_with(a, v)
    rewriter.erase_op(op)
    return True


@rewrite_pattern(ExecuteRegionOp)
def SingleBlockExecuteInliner(op: ExecuteRegionOp, rewriter: PatternRewriter) -> bool:
    """scf.execute_region { one block } -> that block, inlined"""
    if len(op.regions[0].blocks) != 1 or op.no_inline is not None:
        return False
    term = op.body.last
    if term is None or term.name != "scf.yield":
        return False
    replace_op_with_region(rewriter, op, op.regions[0])
    return True


@rewrite_pattern(ExecuteRegionOp)
def MultiBlockExecuteInliner(op: ExecuteRegionOp, rewriter: PatternRewriter) -> bool:
    """scf.execute_region in a function (or another execute_region) -> its blocks, inlined
    into the parent region: branches to the entry, and from each yield to the code after"""
    parent = op.parent_op
    if op.no_inline is not None or len(op.regions[0].blocks) < 2:
        return False
    if not isinstance(parent, (CallableOpInterface, ExecuteRegionOp)):
        return False

    blocks = list(op.regions[0].blocks)
    if any(b.last is None for b in blocks):
        return False
    post = rewriter.split_block(op.parent, op)
    prev = post.parent.blocks[post.parent.blocks.index(post) - 1]
    rewriter.set_insertion_point_to_end(prev)
    rewriter.insert(BranchOp(successors=[blocks[0]], location=op.location))
    for b in blocks:
        term = b.last
        if term.name == "scf.yield":
            rewriter.set_insertion_point(term)
            rewriter.insert(BranchOp(list(term.operands), successors=[post],
                                     location=term.location))  # fmt: skip
            rewriter.erase_op(term)
    rewriter.inline_region_before(op.regions[0], post.parent, post.parent.blocks.index(post))
    args = [post.add_argument(r.type, op.location) for r in op.results]
    rewriter.replace_op(op, args)
    return True


@rewrite_pattern(IndexSwitchOp)
def RemoveUnusedSwitchResults(op: IndexSwitchOp, rewriter: PatternRewriter) -> bool:
    """scf.index_switch -> (a, b) with b unused -> scf.index_switch -> (a)"""
    keep = [i for i, r in enumerate(op.results) if r.has_uses]
    if len(keep) == len(op.results):
        return False
    terms = [r.blocks[0].last if r.blocks else None for r in op.regions]
    if any(t is None or t.name != "scf.yield" for t in terms):
        return False
    new = IndexSwitchOp(op.arg, op.case_values, [op.results[i].type for i in keep],
                        location=op.location)  # fmt: skip
    new.attributes.update(op.attributes)
    rewriter.insert(new)
    for old_r, new_r, term in zip(op.regions, new.regions, terms):
        rewriter.set_insertion_point(term)
        rewriter.insert(YieldOp([term.operands[i] for i in keep], location=term.location))
        rewriter.erase_op(term)
        new_r.remove(new_r.blocks[0])
        rewriter.inline_region_before(old_r, new_r, 0)
    it = iter(new.results)
    rewriter.replace_op(op, [next(it) if i in keep else None for i in range(len(op.results))])
    return True


@rewrite_pattern(IndexSwitchOp)
def FoldConstantCase(op: IndexSwitchOp, rewriter: PatternRewriter) -> bool:
    """scf.index_switch on a constant -> the region of its case (or the default)"""
    c = constant_int(op.arg)
    if c is None:
        return False
    region = op.regions[0]
    for value, r in zip(op.case_values, op.regions[1:]):
        if value == c:
            region = r
            break
    if len(region.blocks) != 1:
        return False
    replace_op_with_region(rewriter, op, region)
    return True


ForOp.canonicalization_patterns = (SimplifyTrivialLoops, ForOpIterArgsFolder)
IfOp.canonicalization_patterns = (
    RemoveStaticCondition, RemoveUnusedResults, ConvertTrivialIfToSelect, ConditionPropagation,
    RemoveEmptyElseBranch, CombineIfs, IfConditionSwap,
)  # fmt: skip
ParallelOp.canonicalization_patterns = (RemoveEmptyParallelLoops, MergeNestedParallelLoops)
WhileOp.canonicalization_patterns = (RemoveLoopInvariantArgsFromBeforeBlock, WhileUnusedResult)
ExecuteRegionOp.canonicalization_patterns = (SingleBlockExecuteInliner, MultiBlockExecuteInliner)
IndexSwitchOp.canonicalization_patterns = (FoldConstantCase, RemoveUnusedSwitchResults)
