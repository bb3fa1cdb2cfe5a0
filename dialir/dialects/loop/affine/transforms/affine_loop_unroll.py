"""affine-loop-unroll: unroll innermost affine.for loops (MLIR's -affine-loop-unroll,
LoopUnroll.cpp with loopUnrollByFactor / loopUnrollFull from LoopUtils.cpp).

Unrolling by f keeps every iteration in its original order, so it is always legal: the step
is multiplied by f and the body repeated f times, copy i reading the induction variable as
`affine.apply (d0) -> (d0 + i * step)` and the previous copy's yielded values. A trip count
that f does not divide leaves a cleanup loop for the remaining iterations (its lower bound
`lb + ((ub - lb) ceildiv step) floordiv f * f * step`), as MLIR does; a loop that runs once
becomes its body.

Options, as MLIR: `unroll-factor` (default 4; -1 unrolls fully), `unroll-full` (unroll
fully; with `unroll-full-threshold`, only loops of at most that many iterations, at any
depth), `unroll-up-to-factor` (unroll by min(factor, trip count)), `unroll-num-reps`
(repeat on the new innermost loops), `cleanup-unroll` (fully unroll the cleanup loop).
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, option, register_pass
from dialir.dialects.loop.affine.ops import AffineApplyOp, AffineForOp
from dialir.dialects.loop.affine.transforms.affine_loop_normalize import (
    constant_trip_count,
    promote_if_single_iteration,
)
from dialir.dialects.loop.affine.transforms.loop_utils import (
    clone_op,
    set_bound,
    set_step,
    shift_map,
)
from dialir.dialects.loop.affine.utils import simplify_affine_map


def cleanup_lower_bound(loop: AffineForOp, factor: int) -> tuple[AffineMap, list]:
    """MLIR's getCleanupLoopLowerBound: lb + (trip count floordiv f) * f * step, over the
    lower and upper bound operands (lower bound dims first)."""
    lb, ub = loop.lower_bound_map, loop.upper_bound_map
    lb_ops, ub_ops = list(loop.lowerBoundOperands), list(loop.upperBoundOperands)
    step = loop.step
    nd = lb.num_dims + ub.num_dims
    ns = lb.num_symbols + ub.num_symbols
    lb_e = shift_map(lb, 0, 0)[0]
    ub_e = shift_map(ub, lb.num_dims, lb.num_symbols)[0]
    trip = (ub_e - lb_e).ceildiv(step)
    bound = lb_e + trip.floordiv(factor) * (factor * step)
    operands = lb_ops[: lb.num_dims] + ub_ops[: ub.num_dims] + lb_ops[lb.num_dims :] + ub_ops[
        ub.num_dims :]  # fmt: skip
    m = simplify_affine_map(AffineMap(nd, ns, [bound]))
    return m, operands


def _compact(m: AffineMap, operands: list) -> tuple[AffineMap, list]:
    """Drop operands the map does not use (a constant map takes none)."""
    if all(isinstance(e, AffineConstantExpr) for e in m.results):
        return AffineMap(0, 0, list(m.results)), []
    return m, operands


def loop_unroll_by_factor(loop: AffineForOp, factor: int, cleanup_unroll: bool = False) -> bool:
    """MLIR's loopUnrollByFactor; False where the loop is left as it was."""
    trip = constant_trip_count(loop)
    if factor == 1:
        if trip == 1:
            promote_if_single_iteration(loop)
        return True
    body = loop.body
    if body.first is body.last:
        return True
    if trip is not None and trip < factor:
        return loop_unroll_full(loop) if cleanup_unroll else False
    if trip is None or trip % factor:
        if loop.lower_bound_map.num_results != 1 or loop.upper_bound_map.num_results != 1:
            return False
        if cleanup_unroll:
            return loop_unroll_full(loop)
        make_cleanup_loop(loop, factor)
    generate_unrolled_loop(loop, factor)
    set_step(loop, loop.step * factor)
    promote_if_single_iteration(loop)
    return True


def make_cleanup_loop(loop: AffineForOp, factor: int) -> None:
    """Split off the last (trip count mod factor) iterations into a loop after `loop`
    (MLIR's cleanup loop in loopUnrollByFactor / loopUnrollJamByFactor); `loop` keeps a
    multiple of `factor` iterations."""
    trip = constant_trip_count(loop)
    m, operands = _compact(*cleanup_lower_bound(loop, factor))
    cleanup = loop.clone()
    loop.parent.insert_after(loop, cleanup)
    for old, new in zip(loop.results, cleanup.results):
        old.replace_uses_where(new, lambda use: use.owner is not cleanup)
    cleanup.set_operands([*cleanup.lowerBoundOperands, *cleanup.upperBoundOperands,
                          *loop.results])  # fmt: skip
    if trip is None:
        # The unrolled part may run zero times: the cleanup starts at max(bound, lb)
        # (lb's dims and symbols come first among the operands).
        both = AffineMap(m.num_dims, m.num_symbols,
                         [m.results[0], *loop.lower_bound_map.results])  # fmt: skip
        set_bound(cleanup, False, both, operands)
    else:
        set_bound(cleanup, False, m, operands)
    promote_if_single_iteration(cleanup)
    set_bound(loop, True, m, operands)


def generate_unrolled_loop(loop: AffineForOp, factor: int) -> None:
    """Append factor - 1 copies of the body (MLIR's generateUnrolledLoop)."""
    body = loop.body
    term = loop.yield_op
    last_original = term.prev
    iv = loop.induction_var
    iter_args = loop.region_iter_args
    yielded = list(term.operands)
    last = list(yielded)
    step = loop.step
    for i in range(1, factor):
        mapping: dict = dict(zip(iter_args, last))
        if iv.has_uses:
            apply = AffineApplyOp(AffineMap(1, 0, [AffineDimExpr(0) + i * step]), [iv],
                                  location=loop.location)  # fmt: skip
            body.insert_before(term, apply)
            mapping[iv] = apply.result
        op = body.first
        while True:
            body.insert_before(term, clone_op(op, mapping))
            if op is last_original:
                break
            op = op.next
        last = [mapping.get(v, v) if v.owner_block is body else v for v in yielded]
    term.set_operands(last)


def loop_unroll_full(loop: AffineForOp) -> bool:
    """MLIR's loopUnrollFull: needs a constant trip count."""
    trip = constant_trip_count(loop)
    if trip is None:
        return False
    if trip == 0:
        return True
    if trip == 1:
        return promote_if_single_iteration(loop)
    return loop_unroll_by_factor(loop, trip)


def loop_unroll_up_to_factor(loop: AffineForOp, factor: int) -> bool:
    trip = constant_trip_count(loop)
    if trip is not None and trip < factor:
        return loop_unroll_by_factor(loop, trip)
    return loop_unroll_by_factor(loop, factor)


def innermost_loops(root: Operation) -> list[AffineForOp]:
    """affine.for ops with no affine.for inside (MLIR's gatherInnermostLoops)."""
    out = []
    for op in root.walk():
        if isinstance(op, AffineForOp) and not any(
            isinstance(o, AffineForOp) for o in op.walk() if o is not op
        ):
            out.append(op)
    return out


@register_pass
@dataclass
class AffineLoopUnroll(Pass):
    """MLIR's -affine-loop-unroll."""

    name = "affine-loop-unroll"
    summary = "Unroll affine loops"
    op_name = "func.func"
    dependent_dialects = ("affine",)
    unroll_factor: int = option(4, "Use this unroll factor for all loops being unrolled, set "
                                "it to -1, and it will fully unroll.")  # fmt: skip
    unroll_up_to_factor: bool = option(False, "Allow unrolling up to the factor specified")
    unroll_full: bool = option(False, "Fully unroll loops")
    unroll_num_reps: int = option(1, "Unroll innermost loops repeatedly this many times")
    unroll_full_threshold: int = option(
        0, "Unroll all loops with trip count less than or equal to this"
    )
    cleanup_unroll: bool = option(False, "Fully unroll the cleanup loop when possible.")

    def run(self, op: Operation) -> None:
        if self.unroll_full and self.unroll_full_threshold:
            # Innermost first: unrolling an outer loop would copy the inner ones.
            short = [loop for loop in reversed(list(op.walk())) if isinstance(loop, AffineForOp)
                     and (constant_trip_count(loop) or 0) <= self.unroll_full_threshold
                     and constant_trip_count(loop) is not None]  # fmt: skip
            for loop in short:
                loop_unroll_full(loop)
            return
        for _ in range(max(1, self.unroll_num_reps)):
            loops = innermost_loops(op)
            if not loops:
                break
            unrolled = False
            for loop in loops:
                unrolled |= self._unroll(loop)
            if not unrolled:
                break

    def _unroll(self, loop: AffineForOp) -> bool:
        if self.unroll_full or self.unroll_factor == -1:
            return loop_unroll_full(loop)
        if self.unroll_factor < 1:
            return False
        if self.unroll_up_to_factor:
            return loop_unroll_up_to_factor(loop, self.unroll_factor)
        return loop_unroll_by_factor(loop, self.unroll_factor, self.cleanup_unroll)
