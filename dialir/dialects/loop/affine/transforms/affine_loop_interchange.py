"""affine-loop-interchange: permute the loops of each perfect band at the top of a function
(MLIR's permuteLoops / isValidLoopInterchangePermutation, as its -test-loop-permutation
drives them).

`permutation` lists, for each of the band's outermost loops in order, the position it moves
to (MLIR's `permMap`): `permutation=1,0` swaps the two outermost loops, `2,0,1` sends the
outermost loop innermost. The band must have at least that many loops, hyper-rectangular
bounds and no iter_args. The permutation is legal when every dependence carried inside the
band stays lexicographically positive with its components read in the new loop order;
otherwise the band is left unchanged with a remark naming the dependence.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, option, register_pass
from dialir.dialects.loop.affine.ops import AffineForOp
from dialir.dialects.loop.affine.transforms.loop_utils import (
    band_dependences,
    is_rectangular,
    perfect_band,
    permutation_violation,
    refuse,
    set_bound,
    set_step,
    top_level_loops,
)


def interchange_violation(band: list[AffineForOp], perm: list[int]):
    """Why permuting `band` by `perm` is not allowed, or None."""
    if any(loop.inits for loop in band):
        return "the band has loop-carried values (iter_args)"
    if not is_rectangular(band):
        return "the band is not hyper-rectangular"
    deps = band_dependences(band)
    if not isinstance(deps, list):
        return deps
    return permutation_violation(band, perm, deps)


def permute_loops(band: list[AffineForOp], perm: list[int]) -> None:
    """Give the loop at position perm[i] the bounds, step and induction variable uses of
    band loop i (headers move; the loop ops and the body stay)."""
    headers = [(loop.lower_bound_map, list(loop.lowerBoundOperands), loop.upper_bound_map,
                list(loop.upperBoundOperands), loop.step) for loop in band]  # fmt: skip
    uses = [list(loop.induction_var.uses) for loop in band]
    for i, p in enumerate(perm):
        lb, lb_ops, ub, ub_ops, step = headers[i]
        target = band[p]
        set_bound(target, False, lb, lb_ops)
        set_bound(target, True, ub, ub_ops)
        set_step(target, step)
        for use in uses[i]:
            use.set(target.induction_var)


@register_pass
@dataclass
class AffineLoopInterchange(Pass):
    """Loop interchange / permutation of perfect affine bands."""

    name = "affine-loop-interchange"
    summary = "Permute the loops of perfectly nested affine loop bands"
    op_name = "func.func"
    dependent_dialects = ("affine",)
    statistics = {"num-permuted-bands": "Number of loop bands permuted"}
    permutation: list[int] = option([1, 0], "The new position of each of the band's "
                                    "outermost loops (MLIR's permMap)")  # fmt: skip

    def run(self, op: Operation) -> None:
        perm = list(self.permutation)
        if sorted(perm) != list(range(len(perm))):
            refuse(op, "permute loops", f"'{perm}' is not a permutation")
            return
        changed = False
        for root in top_level_loops(op):
            band = perfect_band(root)
            if len(band) < len(perm):
                refuse(root, "permute loops", f"the band has {len(band)} loops, fewer than "
                       f"the permutation's {len(perm)}")  # fmt: skip
                continue
            band = band[: len(perm)]
            why = interchange_violation(band, perm)
            if why is not None:
                refuse(root, "permute loops", why)
                continue
            permute_loops(band, perm)
            self.count("num-permuted-bands")
            changed = True
        if not changed:
            self.mark_all_analyses_preserved()
