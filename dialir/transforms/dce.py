"""dce: dead code elimination over regions (what MLIR's canonicalize does as region DCE).

Erases blocks unreachable from their region's entry, ops without side effects whose results
feed nothing live (liveness flows backwards from side effects and terminators, so dead
cycles through block arguments go too), and the unused arguments of non-entry blocks whose
predecessors are all editable branches. Functions, their arguments and results are left
alone: `remove-dead-values` removes those across calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.patterns import PatternRewriter, RewriterListener
from dialir.transforms.region_simplify import erase_unreachable_blocks, run_region_dce


class _CountErased(RewriterListener):
    def __init__(self) -> None:
        self.erased = 0

    def notify_op_erased(self, op: Operation) -> None:
        self.erased += 1


@register_pass
@dataclass
class DCE(Pass):
    name = "dce"
    summary = "Remove unreachable blocks, dead ops and unused block arguments"
    op_name = None

    def run(self, op: Operation) -> None:
        counter = _CountErased()
        rewriter = PatternRewriter(counter)
        erase_unreachable_blocks(rewriter, op.regions)
        run_region_dce(rewriter, op.regions)
        self.count("num-dce'd", counter.erased)
