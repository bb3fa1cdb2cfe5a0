"""affine-loop-normalize: every affine.for and affine.parallel runs from 0 with step 1
(MLIR's -affine-loop-normalize, with its `promote-single-iter` option).

A loop `for %i = lb to ub step s` becomes `for %i' = 0 to (ub - lb) ceildiv s`, and the old
induction variable is recomputed at the top of the body as `affine.apply (lb + %i' * s)`
(MLIR's normalizeAffineFor). Loops whose lower bound is a `max` of several results are left
as they are, as are affine.parallel ops with `max`/`min` bounds (MLIR cannot normalize them
either). With `promote-single-iter`, a loop that provably runs once is replaced by its body
first (MLIR's promoteIfSingleIteration).

Loops are visited innermost first, as MLIR's post-order walk does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dialir.core.ir.affine import (
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymbolExpr,
)
from dialir.core.ir.attrs import AffineMapAttr, ArrayAttr, DenseArrayAttr, IntegerAttr
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import IndexType, IntegerType
from dialir.core.passes import Pass, option, register_pass
from dialir.dialects.arith.ops import ConstantOp
from dialir.dialects.loop.affine.ops import (
    AffineApplyOp,
    AffineForOp,
    AffineParallelOp,
    _groups_attr,
)
from dialir.dialects.loop.affine.utils import (
    canonicalize_map_and_operands,
    compose_affine_map_and_operands,
    simplify_affine_map,
)

INDEX = IndexType()


# -- MLIR's AffineValueMap::difference -----------------------------------------------------------


def value_map_difference(a: AffineMap, a_ops: Sequence[Value], b: AffineMap,
                         b_ops: Sequence[Value]) -> tuple[AffineMap, list[Value]]:  # fmt: skip
    """`a - b` result by result, over a's dims, b's dims, a's symbols, b's symbols; then
    composed with the affine.apply ops feeding it, canonicalized and simplified."""
    a_ops, b_ops = list(a_ops), list(b_ops)
    operands = a_ops[: a.num_dims] + b_ops[: b.num_dims] + a_ops[a.num_dims :] + b_ops[b.num_dims :]
    dims = [AffineDimExpr(a.num_dims + i) for i in range(b.num_dims)]
    syms = [AffineSymbolExpr(a.num_symbols + i) for i in range(b.num_symbols)]
    b_results = [e.replace_dims_and_symbols(dims, syms) for e in b.results]
    diff = AffineMap(
        a.num_dims + b.num_dims, a.num_symbols + b.num_symbols,
        [x - y for x, y in zip(a.results, b_results)],
    )  # fmt: skip
    diff, operands = compose_affine_map_and_operands(diff, operands)
    diff, operands = canonicalize_map_and_operands(diff, operands)
    return simplify_affine_map(diff), operands


def _difference_from_lower(op: AffineForOp) -> tuple[AffineMap, list[Value]]:
    """ub - lb for each upper bound result (the single lower bound result repeated)."""
    lb, ub = op.lower_bound_map, op.upper_bound_map
    padded = AffineMap(lb.num_dims, lb.num_symbols, [lb.results[0]] * ub.num_results)
    return value_map_difference(ub, op.upperBoundOperands, padded, op.lowerBoundOperands)


def constant_trip_count(op: AffineForOp) -> int | None:
    """MLIR's getConstantTripCount: the minimum over the upper bounds of
    (ub - lb) ceildiv step, when all are constant."""
    step = op.step
    if op.has_constant_bounds():
        return max(0, -(-(op.constant_upper_bound() - op.constant_lower_bound()) // step))
    if op.lower_bound_map.num_results != 1:
        return None
    diff, _ = _difference_from_lower(op)
    counts = []
    for e in diff.results:
        e = e.ceildiv(step)
        if not isinstance(e, AffineConstantExpr):
            return None
        counts.append(e.value if e.value >= 0 else e.value + (1 << 64))  # MLIR's uint64_t
    return min(counts)


# -- promotion -----------------------------------------------------------------------------------


def _function_entry(op: Operation):
    parent = op.parent_op
    while parent is not None and parent.name != "func.func":
        parent = parent.parent_op
    return None if parent is None else parent.regions[0].blocks[0]


def promote_if_single_iteration(op: AffineForOp) -> bool:
    """MLIR's promoteIfSingleIteration: a loop that runs once becomes its body."""
    if constant_trip_count(op) != 1 or op.lower_bound_map.num_results != 1:
        return False
    iv = op.induction_var
    block = op.parent
    if iv.first_use is not None:
        if op.lower_bound_map.is_single_constant():
            const = ConstantOp(value=IntegerAttr(op.constant_lower_bound(), INDEX),
                               location=op.location)  # fmt: skip
            entry = _function_entry(op)
            if entry is not None:
                if entry.first is None:
                    entry.append(const)
                else:
                    entry.insert_before(entry.first, const)
            else:
                block.insert_before(op, const)
            iv.replace_all_uses_with(const.result)
        elif op.lower_bound_map == AffineMap.identity(1):
            iv.replace_all_uses_with(op.lowerBoundOperands[0])
        else:
            apply = AffineApplyOp(op.lower_bound_map, list(op.lowerBoundOperands),
                                  location=op.location)  # fmt: skip
            block.insert_before(op, apply)
            iv.replace_all_uses_with(apply.result)
    for init, arg in zip(op.inits, op.region_iter_args):
        arg.replace_all_uses_with(init)
    term = op.yield_op
    for r, v in zip(op.results, term.operands):
        r.replace_all_uses_with(v)
    term.erase()
    body = op.body
    inner = body.first
    while inner is not None:
        nxt = inner.next
        inner.detach()
        block.insert_before(op, inner)
        inner = nxt
    op.erase()
    return True


# -- normalization -------------------------------------------------------------------------------


def _replace_iv(op: Operation, anchor: Operation | None, iv: Value, m: AffineMap,
                operands: list[Value]) -> None:  # fmt: skip
    """Insert `affine.apply m(operands)` before `anchor` (the body's first op before any
    apply was made, as MLIR's builder at the block's start); every other use of `iv` takes
    its result."""
    body = op.regions[0].blocks[0]
    apply = AffineApplyOp(m, operands, location=op.location)
    if anchor is None:
        body.append(apply)
    else:
        body.insert_before(anchor, apply)
    iv.replace_uses_where(apply.result, lambda use: use.owner is not apply)


def normalize_affine_for(op: AffineForOp, promote_single_iter: bool = False) -> bool:
    """MLIR's normalizeAffineFor; False where the loop cannot be normalized."""
    if promote_single_iter and promote_if_single_iteration(op):
        return True
    lb = op.lower_bound_map
    if lb.is_single_constant() and lb.get_single_constant_result() == 0 and op.step == 1:
        return True
    if lb.num_results != 1:
        return False
    step = op.step
    lb_ops = list(op.lowerBoundOperands)
    diff, diff_ops = _difference_from_lower(op)
    diff, diff_ops = compose_affine_map_and_operands(diff, diff_ops)
    scale = AffineMap(diff.num_results, 0,
                      [AffineDimExpr(i).ceildiv(step) for i in range(diff.num_results)])  # fmt: skip
    new_ub = scale.compose(diff)
    inits = list(op.inits)
    op.properties["lowerBoundMap"] = AffineMapAttr(AffineMap.constant_map(0))
    op.properties["upperBoundMap"] = AffineMapAttr(new_ub)
    op.properties["step"] = IntegerAttr(1, INDEX)
    op.properties["operandSegmentSizes"] = DenseArrayAttr(
        IntegerType(32), [0, len(diff_ops), len(inits)]
    )
    op.set_operands(diff_ops + inits)
    iv = op.induction_var
    scaled_iv = AffineMap(1, 0, [-AffineDimExpr(0) * step])
    m, operands = value_map_difference(lb, lb_ops, scaled_iv, [iv])
    m, operands = compose_affine_map_and_operands(m, operands)
    _replace_iv(op, op.body.first, iv, m, operands)
    return True


def normalize_affine_parallel(op: AffineParallelOp) -> None:
    """MLIR's normalizeAffineParallel (loops with max/min bounds are left alone)."""
    if any(g != 1 for g in (*op.lower_bounds_groups, *op.upper_bounds_groups)):
        return
    lb = op.lower_bounds_map
    steps = op.step_values
    if all(
        isinstance(e, AffineConstantExpr) and e.value == 0 and s == 1
        for s, e in zip(steps, lb.results)
    ):
        return
    lb_ops = list(op.lower_bounds_operands)
    ranges, range_ops = value_map_difference(
        op.upper_bounds_map, op.upper_bounds_operands, lb, lb_ops
    )
    nd = lb.num_dims
    anchor = op.body.first
    ub_exprs: list[AffineExpr] = []
    for i, step in enumerate(steps):
        ub_exprs.append(ranges.results[i].ceildiv(step))
        iv = op.body.args[i]
        expr = lb.results[i] + AffineDimExpr(nd) * step
        m = AffineMap(nd + 1, lb.num_symbols, [expr])
        _replace_iv(op, anchor, iv, m, lb_ops[:nd] + [iv] + lb_ops[nd:])
    n = len(steps)
    i64 = IntegerType(64)
    op.properties["steps"] = ArrayAttr([IntegerAttr(1, i64)] * n)
    op.properties["lowerBoundsMap"] = AffineMapAttr(AffineMap(0, 0, [AffineConstantExpr(0)] * n))
    op.properties["lowerBoundsGroups"] = _groups_attr([1] * n)
    op.properties["upperBoundsMap"] = AffineMapAttr(
        AffineMap(ranges.num_dims, ranges.num_symbols, ub_exprs)
    )
    op.properties["upperBoundsGroups"] = _groups_attr([1] * n)
    op.set_operands(range_ops)


def _post_order(root: Operation) -> list[Operation]:
    ops = list(root.walk())
    out: list[Operation] = []
    # Pre-order reversed puts every op after all it contains; restoring program order
    # among siblings is not needed, as each loop is normalized on its own.
    for op in reversed(ops):
        if isinstance(op, (AffineForOp, AffineParallelOp)):
            out.append(op)
    return out


@register_pass
@dataclass
class AffineLoopNormalize(Pass):
    """MLIR's -affine-loop-normalize."""

    name = "affine-loop-normalize"
    summary = "Apply normalization transformations to affine loop-like ops"
    op_name = "func.func"
    dependent_dialects = ("affine", "arith")
    promote_single_iter: bool = option(False, "Promote single iteration loops")

    def run(self, op: Operation) -> None:
        for loop in _post_order(op):
            if loop.parent is None:
                continue  # promoted away with an enclosing loop
            if isinstance(loop, AffineParallelOp):
                normalize_affine_parallel(loop)
            else:
                normalize_affine_for(loop, self.promote_single_iter)
