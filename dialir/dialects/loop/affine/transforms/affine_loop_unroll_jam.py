"""affine-loop-unroll-jam: unroll the top-level affine.for loops of a function by a factor
and jam the copies into the loops they contain (MLIR's -affine-loop-unroll-jam,
loopUnrollJamByFactor).

The body is cut into sub-blocks, maximal runs of ops that are not affine.for loops, at every
depth; copy i of each sub-block (reading the induction variable as `affine.apply (d0) ->
(d0 + i * step)`) follows the sub-block in place, so the copies of an inner loop's body end
up inside that one loop. A trip count the factor does not divide leaves a cleanup loop.

Jamming reorders iterations: within a group of `factor` consecutive iterations of the outer
loop, the inner loops now run first. It is legal when every dependence the outer loop carries
within such a group keeps its direction: its distances on the inner common loops must be
lexicographically non-negative, and where they may all be zero the source must come first
in the jammed body (an earlier sub-block, or the same one). MLIR does not check this; here
an illegal request leaves the loop unchanged with a remark naming the dependence. Loops with
iter_args, or inner loops whose bounds use the outer induction variable, are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.affine import AffineDimExpr, AffineMap
from dialir.core.ir.operation import Block, Operation
from dialir.core.passes import Pass, option, register_pass
from dialir.dialects.loop.affine.ops import AffineApplyOp, AffineForOp
from dialir.dialects.loop.affine.transforms.affine_loop_normalize import (
    constant_trip_count,
    promote_if_single_iteration,
)
from dialir.dialects.loop.affine.transforms.affine_loop_unroll import make_cleanup_loop
from dialir.dialects.loop.affine.transforms.loop_utils import (
    clone_op,
    defined_inside,
    refuse,
    set_step,
    top_level_loops,
)
from dialir.dialects.loop.analysis import OpaqueEffects, loop_depth, nest_dependences
from dialir.dialects.loop.analysis.dependence import appears_before


def sub_blocks(block: Block, out: list) -> list[tuple[Operation, Operation]]:
    """MLIR's JamBlockGatherer: (first, last) of each run of non-loop ops, loops recursed."""
    op = block.first
    end = block.last  # the terminator
    while op is not None and op is not end:
        start = op
        last = None
        while op is not end and not isinstance(op, AffineForOp):
            last, op = op, op.next
        if last is not None:
            out.append((start, last))
        while op is not end and isinstance(op, AffineForOp):
            sub_blocks(op.body, out)
            op = op.next
    return out


def _same_sub_block(a: Operation, b: Operation) -> bool:
    if a.parent is not b.parent:
        return False
    first, second = (a, b) if appears_before(a, b) else (b, a)
    op = first
    while op is not None and op is not second:
        if isinstance(op, AffineForOp):
            return False
        op = op.next
    return op is second


def jam_violation(loop: AffineForOp, factor: int):
    """Why unroll-and-jam of `loop` by `factor` is not allowed, or None."""
    inner = [o for o in loop.walk() if isinstance(o, AffineForOp)]
    if any(o.inits for o in inner):
        return "loop-carried values (iter_args)"
    for o in inner[1:]:
        if any(defined_inside(v, [loop]) for v in (*o.lowerBoundOperands,
                                                   *o.upperBoundOperands)):  # fmt: skip
            return "an inner loop's bounds depend on the unrolled loop"
    d = loop_depth(loop) + 1
    try:
        deps = nest_dependences(loop, d)
    except OpaqueEffects as e:
        return e
    span = factor * loop.step
    for dep in deps:
        if dep.depth != d:
            continue
        lead = dep.components[d - 1]
        if lead.lb is not None and lead.lb >= span:
            continue  # never inside one group of jammed iterations
        maybe_zero = True
        for c in dep.components[d:]:
            if c.lb is None or c.lb < 0:
                return dep
            if c.lb > 0:
                maybe_zero = False
                break
        if maybe_zero and not (
            dep.src.op is dep.dst.op
            or appears_before(dep.src.op, dep.dst.op)
            or _same_sub_block(dep.src.op, dep.dst.op)
        ):
            return dep
    return None


def loop_unroll_jam_by_factor(loop: AffineForOp, factor: int) -> bool:
    """MLIR's loopUnrollJamByFactor (without its iter_args support)."""
    if factor == 1:
        return True
    trip = constant_trip_count(loop)
    if trip is not None and trip < factor:
        return False
    blocks = sub_blocks(loop.body, [])
    if not blocks:
        return True
    if trip is None or trip % factor:
        if loop.lower_bound_map.num_results != 1 or loop.upper_bound_map.num_results != 1:
            return False
        make_cleanup_loop(loop, factor)
    iv = loop.induction_var
    step = loop.step
    ends = [last for _, last in blocks]
    for i in range(1, factor):
        mapping: dict = {}  # shared by the sub-blocks of copy i
        for k, (first, last) in enumerate(blocks):
            block = first.parent
            anchor = ends[k]
            if iv.has_uses:
                apply = AffineApplyOp(AffineMap(1, 0, [AffineDimExpr(0) + i * step]), [iv],
                                      location=loop.location)  # fmt: skip
                block.insert_after(anchor, apply)
                anchor = apply
                mapping[iv] = apply.result
            op = first
            while True:
                new = clone_op(op, mapping)
                block.insert_after(anchor, new)
                anchor = new
                if op is last:
                    break
                op = op.next
            ends[k] = anchor
    set_step(loop, step * factor)
    promote_if_single_iteration(loop)
    return True


@register_pass
@dataclass
class AffineLoopUnrollAndJam(Pass):
    """MLIR's -affine-loop-unroll-jam."""

    name = "affine-loop-unroll-jam"
    summary = "Unroll and jam affine loops"
    op_name = "func.func"
    dependent_dialects = ("affine",)
    unroll_jam_factor: int = option(4, "Use this unroll jam factor for all loops (default 4)")

    def run(self, op: Operation) -> None:
        factor = self.unroll_jam_factor
        changed = False
        for loop in top_level_loops(op):
            if factor < 1:
                refuse(loop, "unroll-jam", f"the factor must be positive, got {factor}")
                continue
            if factor == 1:
                continue
            why = jam_violation(loop, factor)
            if why is not None:
                refuse(loop, f"unroll-jam by {factor}", why)
                continue
            changed |= loop_unroll_jam_by_factor(loop, factor)
        if not changed:
            self.mark_all_analyses_preserved()
