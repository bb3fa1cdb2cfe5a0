"""affine-loop-coalescing: collapse a perfect band of normalized affine.for loops (lower
bound 0, step 1) whose bounds are defined above the band into one loop over the product of
the trip counts (MLIR's -affine-loop-coalescing, coalesceLoops).

The iterations run in the same order, so coalescing is always legal. As in MLIR, each upper
bound is materialized with `affine.apply` before the band, their product bounds the new loop,
and the original induction variables are recovered innermost first with `mod` and
`floordiv` by the inner upper bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.affine import AffineDimExpr, AffineMap, AffineSymbolExpr
from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, register_pass
from dialir.dialects.loop.affine.ops import SYMBOL_IDENTITY, AffineApplyOp, AffineForOp
from dialir.dialects.loop.affine.transforms.loop_utils import (
    is_rectangular,
    move_body,
    perfect_band,
    top_level_loops,
)

D0, S0 = AffineDimExpr(0), AffineSymbolExpr(0)
PRODUCT = AffineMap(1, 1, [D0 * S0])
MOD = AffineMap(1, 1, [D0 % S0])
FLOORDIV = AffineMap(1, 1, [D0.floordiv(S0)])


def _normalized(loop: AffineForOp) -> bool:
    lb = loop.lower_bound_map
    return (loop.step == 1 and lb.is_single_constant() and lb.get_single_constant_result() == 0
            and loop.upper_bound_map.num_results == 1 and not loop.inits)  # fmt: skip


def coalesce_loops(band: list[AffineForOp]) -> AffineForOp:
    """MLIR's coalesceLoops for normalized affine loops with bounds defined above `band`."""
    outer = band[0]
    block = outer.parent

    def apply(m: AffineMap, operands: list, where_block, before) -> Operation:
        op = AffineApplyOp(m, operands, location=outer.location)
        where_block.insert_before(before, op)
        return op.result

    ubs = [apply(band[0].upper_bound_map, list(band[0].upperBoundOperands), block, outer)]
    total = ubs[0]
    for loop in band[1:]:
        ubs.append(apply(loop.upper_bound_map, list(loop.upperBoundOperands), block, outer))
        total = apply(PRODUCT, [total, ubs[-1]], block, outer)
    new = AffineForOp(0, (SYMBOL_IDENTITY, [total]), location=outer.location)
    block.insert_before(outer, new)
    body, anchor = new.body, new.body.last
    iv = new.induction_var
    ivs = [None] * len(band)
    for k in range(len(band) - 1, 0, -1):
        ivs[k] = apply(MOD, [iv, ubs[k]], body, anchor)
        iv = apply(FLOORDIV, [iv, ubs[k]], body, anchor)
    ivs[0] = iv
    for loop, value in zip(band, ivs):
        loop.induction_var.replace_all_uses_with(value)
    move_body(band[-1].body, body)
    outer.erase()
    return new


@register_pass
@dataclass
class AffineLoopCoalescing(Pass):
    """MLIR's -affine-loop-coalescing."""

    name = "affine-loop-coalescing"
    summary = "Coalesce nested loops with independent bounds into a single loop"
    op_name = "func.func"
    dependent_dialects = ("affine",)

    def run(self, op: Operation) -> None:
        changed = False
        for root in top_level_loops(op):
            band = perfect_band(root)
            # The longest normalized, hyper-rectangular prefix of the band.
            end = 0
            while end < len(band) and _normalized(band[end]):
                end += 1
            while end >= 2 and not is_rectangular(band[:end]):
                end -= 1
            if end >= 2:
                coalesce_loops(band[:end])
                changed = True
        if not changed:
            self.mark_all_analyses_preserved()
