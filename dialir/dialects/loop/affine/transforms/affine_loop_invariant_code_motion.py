"""affine-loop-invariant-code-motion: hoist loop-invariant ops out of affine.for loops
(MLIR's -affine-loop-invariant-code-motion, AffineLoopInvariantCodeMotion.cpp).

Loops are visited innermost first, each body op in order; an op moves before its loop when
every operand is defined outside the loop and it
- has no memory effects and no regions (integer division and remainder, which can fault,
  only out of loops known to run), or
- is an `affine.load` from a buffer nothing in the loop writes (no store to it or to another
  view of it, no op with unknown effects), out of a loop known to run at least once, so
  the load cannot happen where the program never loaded.
Stores stay: moving one out of a loop is only right when the loop runs, and the value stored
last is the same either way only in the simplest cases. Dependence-free as far as it goes,
the hoist keeps the program's effects unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.patterns import is_memory_effect_free
from dialir.dialects.loop.affine.ops import AffineForOp
from dialir.dialects.loop.affine.transforms.affine_loop_normalize import constant_trip_count
from dialir.dialects.loop.affine.transforms.loop_utils import defined_inside
from dialir.dialects.loop.analysis import collect_accesses, memref_root

MAY_FAULT = frozenset(("arith.divsi", "arith.divui", "arith.remsi", "arith.remui",
                       "arith.ceildivsi", "arith.ceildivui", "arith.floordivsi"))  # fmt: skip


def _written_roots(loop: AffineForOp) -> set | None:
    """The buffers stores inside `loop` write; None when an op's effects are unknown."""
    accesses, opaque = collect_accesses(loop)
    if opaque:
        return None
    return {memref_root(a.memref) for a in accesses if a.is_store}


def hoist_invariants(loop: AffineForOp) -> int:
    """Move the invariant ops of `loop`'s body before it; returns how many moved."""
    runs = (constant_trip_count(loop) or 0) >= 1
    written = _written_roots(loop) if runs else None
    moved = 0
    op = loop.body.first
    while op is not None and op is not loop.body.last:
        nxt = op.next
        if _invariant(op, loop, runs, written):
            op.detach()
            loop.parent.insert_before(loop, op)
            moved += 1
        op = nxt
    return moved


def _invariant(op: Operation, loop: AffineForOp, runs: bool, written: set | None) -> bool:
    if op.regions or any(defined_inside(v, [loop]) for v in op.operands):
        return False
    if is_memory_effect_free(op):
        return runs or op.name not in MAY_FAULT
    if op.name == "affine.load" and written is not None:
        return memref_root(op.operands[0]) not in written
    return False


@register_pass
@dataclass
class AffineLoopInvariantCodeMotion(Pass):
    """MLIR's -affine-loop-invariant-code-motion."""

    name = "affine-loop-invariant-code-motion"
    summary = "Hoist loop invariant instructions outside of affine loops"
    op_name = "func.func"
    statistics = {"num-hoisted": "Number of ops hoisted"}

    def run(self, op: Operation) -> None:
        loops = [o for o in op.walk() if isinstance(o, AffineForOp)]
        moved = 0
        for loop in reversed(loops):  # innermost first, as MLIR's post-order walk
            moved += hoist_invariants(loop)
        self.count("num-hoisted", moved)
        if not moved:
            self.mark_all_analyses_preserved()
