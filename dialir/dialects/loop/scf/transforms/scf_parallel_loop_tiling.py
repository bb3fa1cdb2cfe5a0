"""scf-parallel-loop-tiling: tile scf.parallel loops (MLIR's -scf-parallel-loop-tiling,
ParallelLoopTiling.cpp / tileParallelLoop).

```
scf.parallel (%i) = (%lb) to (%ub) step (%s)
->
scf.parallel (%i0) = (%lb) to (%ub) step (%s * t) {
  %n = affine.min (d0, d1, d2) -> (d0, d1 - d2) (%s * t, %ub, %i0)
  scf.parallel (%i1) = (%c0) to (%n) step (%s) {
    %i = arith.addi %i1, %i0
```
The `min` is left out where the bounds and step are constants and the tile divides the
range. The iterations of a parallel loop are independent by definition, so every tiling is
legal. As in MLIR, the loops tiled are the scf.parallel ops that neither contain nor sit in
another one; `parallel-loop-tile-sizes` gives one size per dimension (missing ones: 1).
Loops with reductions (init values) are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.affine import AffineDimExpr, AffineMap
from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.operation import Operation
from dialir.core.ir.types import IndexType
from dialir.core.passes import Pass, option, register_pass
from dialir.dialects.arith.ops import AddIOp, ConstantOp, MulIOp
from dialir.dialects.loop.affine.ops import AffineMinOp
from dialir.dialects.loop.affine.utils import constant_index
from dialir.dialects.loop.scf.ops import ParallelOp

INDEX = IndexType()
D0, D1, D2 = AffineDimExpr(0), AffineDimExpr(1), AffineDimExpr(2)
MIN_MAP = AffineMap(3, 0, [D0, D1 - D2])


def tile_parallel_loop(op: ParallelOp, sizes: list[int]) -> ParallelOp:
    """MLIR's tileParallelLoop (with min bounds); returns the inner loop."""
    block = op.parent
    loc = op.location

    def insert(new: Operation) -> Operation:
        block.insert_before(op, new)
        return new

    zero = insert(ConstantOp(value=IntegerAttr(0, INDEX), location=loc)).result
    consts = [insert(ConstantOp(value=IntegerAttr(t, INDEX), location=loc)).result
              for t in sizes]  # fmt: skip
    steps = list(op.step)
    new_steps = [insert(MulIOp(s, c, location=loc)).result for s, c in zip(steps, consts)]
    lbs, ubs = list(op.lowerBound), list(op.upperBound)
    outer = insert(ParallelOp(lbs, ubs, new_steps, location=loc))
    anchor = outer.body.last
    inner_ubs = []
    for lb, ub, step, t, new_step, iv in zip(lbs, ubs, steps, sizes, new_steps,
                                             outer.induction_vars):  # fmt: skip
        lo, hi, st = constant_index(lb), constant_index(ub), constant_index(step)
        if None not in (lo, hi, st) and (hi - lo) % (st * t) == 0:
            inner_ubs.append(new_step)
            continue
        m = AffineMinOp(MIN_MAP, [new_step, ub, iv], location=loc)
        outer.body.insert_before(anchor, m)
        inner_ubs.append(m.result)
    inner = ParallelOp([zero] * len(steps), inner_ubs, steps, location=loc)
    outer.body.insert_before(anchor, inner)
    body, term = inner.body, inner.body.last
    for old_iv, in_iv, out_iv in zip(op.induction_vars, inner.induction_vars,
                                     outer.induction_vars):  # fmt: skip
        add = AddIOp(in_iv, out_iv, location=loc)
        body.insert_before(term, add)
        old_iv.replace_all_uses_with(add.result)
    src = op.body
    moved = src.first
    while moved is not None and moved is not src.last:
        nxt = moved.next
        moved.detach()
        body.insert_before(term, moved)
        moved = nxt
    op.erase()
    return inner


@register_pass
@dataclass
class ParallelLoopTiling(Pass):
    """MLIR's -scf-parallel-loop-tiling."""

    name = "scf-parallel-loop-tiling"
    summary = "Tile parallel loops"
    op_name = "func.func"
    dependent_dialects = ("affine", "arith", "scf")
    parallel_loop_tile_sizes: list[int] = option([], "Factors to tile parallel loops by")

    def run(self, op: Operation) -> None:
        loops = [o for o in op.walk() if isinstance(o, ParallelOp)]
        changed = False
        for loop in loops:
            nested = any(isinstance(o, ParallelOp) for o in loop.walk() if o is not loop)
            parent = loop.parent_op
            while parent is not None and not isinstance(parent, ParallelOp):
                parent = parent.parent_op
            if nested or parent is not None or loop.initVals:
                continue
            n = len(loop.step)
            sizes = (list(self.parallel_loop_tile_sizes) + [1] * n)[:n]
            if any(t < 1 for t in sizes):
                continue
            tile_parallel_loop(loop, sizes)
            changed = True
        if not changed:
            self.mark_all_analyses_preserved()
