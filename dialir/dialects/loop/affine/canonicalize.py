"""affine folders and canonicalization patterns (MLIR's AffineOps.cpp).

Affine maps absorb what feeds them: `affine.apply` producers are composed into their users'
maps, constant operands are folded into the expressions, operands that are valid symbols
move to symbol positions, and duplicate or unused operands go (`SimplifyAffineOp`, for
apply/min/max/load/store/prefetch/vector accesses, loop bounds and `affine.if` conditions).
Loops whose body is only a yield fold away, min/max maps lose duplicate results and sort
them, `affine.if` on an always-true or always-false set is inlined. The table at the bottom
attaches the patterns to their ops; the folders are the ops' `fold` methods, set here too.
"""

from __future__ import annotations

from dialir.core.ir.affine import AffineConstantExpr, AffineMap
from dialir.core.ir.attrs import (
    AffineMapAttr,
    DenseArrayAttr,
    IntegerSetAttr,
)
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import IntegerType
from dialir.core.rewrite.patterns import PatternRewriter, rewrite_pattern
from dialir.dialects.loop.affine.ops import (
    AffineApplyOp,
    AffineForOp,
    AffineIfOp,
    AffineLoadOp,
    AffineMaxOp,
    AffineMinOp,
    AffinePrefetchOp,
    AffineStoreOp,
    AffineVectorLoadOp,
    AffineVectorStoreOp,
)
from dialir.dialects.loop.affine.utils import (
    _Flattener,
    canonicalize_map_and_operands,
    canonicalize_set_and_operands,
    compose_affine_map_and_operands,
    compose_set_and_operands,
    partial_constant_fold,
)
from dialir.dialects.memref.canonicalize import FoldMemRefCast

# -- maps and their operands ---------------------------------------------------------------------


def _simplified(m: AffineMap, operands) -> tuple[AffineMap, list[Value]]:
    m, ops = compose_affine_map_and_operands(m, list(operands))
    return canonicalize_map_and_operands(m, ops)


def _set_map(rewriter: PatternRewriter, op: Operation, m: AffineMap, prefix: list,
             operands: list) -> None:  # fmt: skip
    def change() -> None:
        op.properties["map"] = AffineMapAttr(m)
        op.set_operands(prefix + operands)

    rewriter.modify_op_in_place(op, change)


def _simplify_affine_op(prefix_len: int):
    """SimplifyAffineOp: compose producers into the op's map and canonicalize it."""

    def match(op: Operation, rewriter: PatternRewriter) -> bool:
        attr = op.get_attr("map")
        if not isinstance(attr, AffineMapAttr):
            return False
        operands = list(op.operands)
        prefix, map_operands = operands[:prefix_len], operands[prefix_len:]
        old = attr.value
        if old.num_dims + old.num_symbols != len(map_operands):
            return False
        m, new_operands = _simplified(old, map_operands)
        if m is old and new_operands == map_operands:
            return False
        _set_map(rewriter, op, m, prefix, new_operands)
        return True

    return match


@rewrite_pattern(AffineApplyOp)
def SimplifyAffineApply(op: AffineApplyOp, rewriter: PatternRewriter) -> bool:
    """affine.apply #m(affine.apply #n(x)) -> affine.apply #(m o n)(x), constants folded in"""
    return _simplify_affine_op(0)(op, rewriter)


@rewrite_pattern(AffineLoadOp)
def SimplifyAffineLoad(op: AffineLoadOp, rewriter: PatternRewriter) -> bool:
    """affine.load %A[#m(affine.apply ...)] -> affine.load %A[#composed(...)]"""
    return _simplify_affine_op(1)(op, rewriter)


@rewrite_pattern(AffineStoreOp)
def SimplifyAffineStore(op: AffineStoreOp, rewriter: PatternRewriter) -> bool:
    """affine.store %v, %A[#m(affine.apply ...)] -> affine.store %v, %A[#composed(...)]"""
    return _simplify_affine_op(2)(op, rewriter)


@rewrite_pattern(AffineVectorLoadOp)
def SimplifyAffineVectorLoad(op: AffineVectorLoadOp, rewriter: PatternRewriter) -> bool:
    """affine.vector_load with its subscript producers composed in"""
    return _simplify_affine_op(1)(op, rewriter)


@rewrite_pattern(AffineVectorStoreOp)
def SimplifyAffineVectorStore(op: AffineVectorStoreOp, rewriter: PatternRewriter) -> bool:
    """affine.vector_store with its subscript producers composed in"""
    return _simplify_affine_op(2)(op, rewriter)


@rewrite_pattern(AffinePrefetchOp)
def SimplifyAffinePrefetch(op: AffinePrefetchOp, rewriter: PatternRewriter) -> bool:
    """affine.prefetch with its subscript producers composed in"""
    return _simplify_affine_op(1)(op, rewriter)


# -- affine.min / affine.max ---------------------------------------------------------------------


def simplify_min_max(op: Operation, rewriter: PatternRewriter) -> bool:
    """min/max #m(affine.apply ...) -> min/max #composed(...)"""
    return _simplify_affine_op(0)(op, rewriter)


def _flat(e, nd: int, ns: int) -> list[int] | None:
    """The coefficients [dims, symbols, constant] of a pure expression without divisions."""
    if not e.is_pure_affine():
        return None
    f = _Flattener(nd, ns)
    v = f._widen(f.flatten(e))
    return None if f.locals else v


def deduplicate_and_order_min_max(op: Operation, rewriter: PatternRewriter) -> bool:
    """min/max #(e0, e1, e0) -> min/max #(e0, e1), results in the lexicographic order of
    their coefficients (MLIR's DeduplicateAffineMinMaxExpressions and
    CanonicalizeAffineMinMaxOpExprAndTermOrder)"""
    m = op.map.value
    results = list(dict.fromkeys(m.results))
    flats = [_flat(e, m.num_dims, m.num_symbols) for e in results]
    if all(f is not None for f in flats):
        order = sorted(range(len(results)), key=lambda i: flats[i])
        results = [results[i] for i in order]
    if tuple(results) == m.results:
        return False
    new = AffineMap(m.num_dims, m.num_symbols, results)
    rewriter.modify_op_in_place(op, lambda: op.properties.__setitem__("map", AffineMapAttr(new)))
    return True


def single_result_min_max_to_apply(op: Operation, rewriter: PatternRewriter) -> bool:
    """min/max #(e)(x) -> affine.apply #(e)(x)"""
    m = op.map.value
    if m.num_results != 1:
        return False
    new = rewriter.create(AffineApplyOp, m, list(op.operands))
    rewriter.replace_op(op, [new.result])
    return True


def _min_max_patterns(cls: type) -> tuple:
    """The min/max patterns, rooted at `cls` (named as MLIR's)."""
    return tuple(
        type(name, (rewrite_pattern(cls)(fn),), {"__doc__": fn.__doc__})
        for name, fn in (  # in MLIR's order, which decides what the first match does
            ("SingleResultMinMaxToApply", single_result_min_max_to_apply),
            ("DeduplicateAndOrderMinMax", deduplicate_and_order_min_max),
            ("SimplifyAffineMinMax", simplify_min_max),
        )
    )


# -- affine.for ----------------------------------------------------------------------------------


def _folded_bound(m: AffineMap, operands, lower: bool) -> AffineMap | None:
    """MLIR's foldLoopBounds: all results constant -> the max (lower) / min (upper)."""
    _, values = partial_constant_fold(m, operands)
    if values is None:
        return None
    return AffineMap.constant_map(max(values) if lower else min(values))


def _canonical_bound(m: AffineMap, operands, lower: bool) -> tuple[AffineMap, list[Value]]:
    if len(operands) == m.num_dims + m.num_symbols and not m.is_single_constant():
        folded = _folded_bound(m, operands, lower)
        if folded is not None:
            return folded, []
    return _simplified(m, operands)


@rewrite_pattern(AffineForOp)
def CanonicalizeAffineForBounds(op: AffineForOp, rewriter: PatternRewriter) -> bool:
    """affine.for %i = #lb(affine.apply ..., %c) -> bounds composed, constants folded in"""
    lb, ub = op.lower_bound_map, op.upper_bound_map
    lbo, ubo = list(op.lowerBoundOperands), list(op.upperBoundOperands)
    if len(lbo) != lb.num_dims + lb.num_symbols or len(ubo) != ub.num_dims + ub.num_symbols:
        return False
    new_lb, new_lbo = _canonical_bound(lb, lbo, True)
    new_ub, new_ubo = _canonical_bound(ub, ubo, False)
    if new_lb is lb and new_ub is ub and new_lbo == lbo and new_ubo == ubo:
        return False

    def change() -> None:

        inits = list(op.inits)
        op.properties["lowerBoundMap"] = AffineMapAttr(new_lb)
        op.properties["upperBoundMap"] = AffineMapAttr(new_ub)
        op.properties["operandSegmentSizes"] = DenseArrayAttr(
            IntegerType(32), [len(new_lbo), len(new_ubo), len(inits)]
        )
        op.set_operands(new_lbo + new_ubo + inits)

    rewriter.modify_op_in_place(op, change)
    return True


@rewrite_pattern(AffineForOp)
def AffineForEmptyLoopFolder(op: AffineForOp, rewriter: PatternRewriter) -> bool:
    """affine.for whose body only yields -> its results are the inits (or the values it
    yields from outside), as MLIR's AffineForEmptyLoopFolder decides"""
    body = op.body
    if body.first is not body.last or not op.results:
        return False
    trip = op.constant_trip_count()
    if trip == 0:
        rewriter.replace_op(op, list(op.inits))
        return True
    term = op.yield_op
    if term is None:
        return False
    iter_args = op.region_iter_args
    outside = out_of_order = False
    replacements: list[Value] = []
    for i, v in enumerate(term.operands):
        if v is op.induction_var:
            return False
        if v in iter_args:
            pos = iter_args.index(v)
            out_of_order |= pos != i
            replacements.append(op.inits[pos])
        else:
            outside = True
            replacements.append(v)
    if trip is None and (outside or out_of_order):
        return False
    if trip is not None and trip >= 2 and out_of_order:
        return False
    rewriter.replace_op(op, replacements)
    return True


# -- affine.if -----------------------------------------------------------------------------------


@rewrite_pattern(AffineIfOp)
def CanonicalizeAffineIfCondition(op: AffineIfOp, rewriter: PatternRewriter) -> bool:
    """affine.if #set(affine.apply ..., %c) -> the set composed, constants folded in"""
    cond = op.condition
    if not isinstance(cond, IntegerSetAttr):
        return False
    old, operands = cond.value, list(op.operands)
    if old.num_dims + old.num_symbols != len(operands):
        return False
    s, new_ops = compose_set_and_operands(old, operands)
    s, new_ops = canonicalize_set_and_operands(s, new_ops)
    if s is old and new_ops == operands:
        return False

    def change() -> None:
        op.properties["condition"] = IntegerSetAttr(s)
        op.set_operands(new_ops)

    rewriter.modify_op_in_place(op, change)
    return True


@rewrite_pattern(AffineIfOp)
def SimplifyDeadElse(op: AffineIfOp, rewriter: PatternRewriter) -> bool:
    """affine.if ... {} else { affine.yield } -> affine.if ... {} (no results)"""
    block = op.else_block
    if block is None or op.results or block.first is not block.last:
        return False
    rewriter.modify_op_in_place(op, lambda: rewriter.erase_block(block))
    return True


def _always(s) -> bool | None:
    """True/False when the set is MLIR's trivially true `0 == 0` / empty `1 == 0` set."""
    if s.is_empty_integer_set():
        return False
    if s.num_constraints == 1 and s.eq_flags[0] and s.constraints[0] is AffineConstantExpr(0):
        return True
    return None


@rewrite_pattern(AffineIfOp)
def AlwaysTrueOrFalseIf(op: AffineIfOp, rewriter: PatternRewriter) -> bool:
    """affine.if on an always-true set -> its then block; always-false -> its else block"""
    cond = op.condition
    always = _always(cond.value) if isinstance(cond, IntegerSetAttr) else None
    if always is None:
        return False
    block = op.then_block if always else op.else_block
    if block is None:
        if op.results:
            return False
        rewriter.erase_op(op)
        return True
    term = block.last
    values = list(term.operands) if term is not None and term.name == "affine.yield" else []
    rewriter.inline_block_before(block, op)
    rewriter.replace_op(op, values)
    if term is not None and term.name == "affine.yield":
        rewriter.erase_op(term)
    return True


AffineApplyOp.canonicalization_patterns = (SimplifyAffineApply,)
AffineLoadOp.canonicalization_patterns = (SimplifyAffineLoad, FoldMemRefCast)
AffineStoreOp.canonicalization_patterns = (SimplifyAffineStore, FoldMemRefCast)
AffineVectorLoadOp.canonicalization_patterns = (SimplifyAffineVectorLoad,)
AffineVectorStoreOp.canonicalization_patterns = (SimplifyAffineVectorStore,)
AffinePrefetchOp.canonicalization_patterns = (SimplifyAffinePrefetch,)
AffineMinOp.canonicalization_patterns = _min_max_patterns(AffineMinOp)
AffineMaxOp.canonicalization_patterns = _min_max_patterns(AffineMaxOp)
AffineForOp.canonicalization_patterns = (CanonicalizeAffineForBounds, AffineForEmptyLoopFolder)
AffineIfOp.canonicalization_patterns = (
    CanonicalizeAffineIfCondition, SimplifyDeadElse, AlwaysTrueOrFalseIf,
)  # fmt: skip
