"""loop-invariant-code-motion: hoist loop-invariant ops out of every LoopLike op (MLIR's
-loop-invariant-code-motion).

An op in a loop body moves to just before the loop when it has no memory effects and can be
speculated (it runs even when the loop runs zero times), is not a terminator, and every
value it uses (its nested ops included, except values defined inside it) is defined outside
the loop. Users of a hoisted op are looked at again, so invariant chains move together.
Loops are visited innermost first, so code leaves a loop nest level by level.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from dialir.core.ir.operation import Operation, Region
from dialir.core.ir.traits import IsTerminator
from dialir.core.ods.interfaces import LoopLikeOpInterface
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.patterns import is_memory_effect_free


def is_speculatable(op: Operation) -> bool:
    """Pure ops are speculatable unless they say otherwise through an
    `is_speculatable()` method (a division by a possibly-zero value, for instance)."""
    check = getattr(op, "is_speculatable", None)
    return True if check is None else bool(check())


def can_be_hoisted(op: Operation, loop: LoopLikeOpInterface) -> bool:
    """Not a terminator, and every value used inside `op` that is not defined inside it
    comes from outside `loop`."""
    if type(op).is_registered and IsTerminator in type(op).traits:
        return False
    for inner in op.walk() if op.regions else (op,):
        for u in inner.operand_uses:
            v = u.value
            block = v.owner_block
            scope = None if block is None else block.parent_op
            if scope is not None and op.is_ancestor(scope):
                continue  # defined inside `op` itself
            if not loop.is_defined_outside_of_loop(v):
                return False
    return True


def move_loop_invariant_code(loop: LoopLikeOpInterface) -> int:
    """Hoist what can be hoisted out of `loop`; returns how many ops moved."""
    moved = 0
    for region in loop.loop_regions():
        worklist: deque[Operation] = deque(region.ops())
        while worklist:
            op = worklist.popleft()
            if op.parent_region is not region:
                continue  # hoisted already
            if not (is_memory_effect_free(op) and is_speculatable(op)):
                continue
            if not can_be_hoisted(op, loop):
                continue
            loop.move_out_of_loop(op)
            moved += 1
            for r in op.results:
                for user in r.users:
                    if user.parent_region is region:
                        worklist.append(user)
    return moved


def _loops_innermost_first(root: Operation) -> list[LoopLikeOpInterface]:
    out: list = []

    def visit(regions: list[Region]) -> None:
        for region in regions:
            for block in region.blocks:
                for op in block.ops:
                    if op.regions:
                        visit(op.regions)
                        if isinstance(op, LoopLikeOpInterface):
                            out.append(op)

    visit(root.regions)
    if isinstance(root, LoopLikeOpInterface):
        out.append(root)
    return out


@register_pass
@dataclass
class LoopInvariantCodeMotion(Pass):
    name = "loop-invariant-code-motion"
    summary = "Hoist loop invariant instructions outside of the loop"
    op_name = None

    def run(self, op: Operation) -> None:
        moved = 0
        for loop in _loops_innermost_first(op):
            moved += move_loop_invariant_code(loop)
        self.count("num-hoisted", moved)
