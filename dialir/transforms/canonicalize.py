"""canonicalize: fold every op, apply every loaded op's canonicalization patterns and simplify
regions, to a fixed point (MLIR's -canonicalize)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from dialir.core.ir.dialect import loaded_dialects
from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.patterns import (
    GreedyRewriteConfig,
    RewritePattern,
    apply_patterns_greedily,
)
from dialir.transforms.region_simplify import simplify_regions


def canonicalization_patterns() -> list[RewritePattern]:
    """One instance of every canonicalization pattern of every loaded dialect's ops."""
    patterns: list[RewritePattern] = []
    for dialect in loaded_dialects().values():
        for op in dialect.ops:
            patterns.extend(p() for p in getattr(op, "canonicalization_patterns", ()))
    return patterns


@register_pass
@dataclass
class Canonicalize(Pass):
    name = "canonicalize"
    summary = "Fold ops and apply canonicalization patterns to a fixed point"
    op_name = None

    max_iterations: int = field(
        default=10,
        metadata={"help": "sweeps over the IR before giving up with a warning (-1: no limit)"},
    )
    region_simplify: bool = field(
        default=True,
        metadata={
            "help": "erase unreachable blocks and dead code, merge blocks, drop block arguments"
        },
    )
    top_down: bool = field(
        default=False, metadata={"help": "visit ops top-down (pre-order) instead of bottom-up"}
    )

    def run(self, op: Operation) -> None:
        config = GreedyRewriteConfig(
            max_iterations=self.max_iterations,
            top_down=self.top_down,
            region_simplifier=simplify_regions if self.region_simplify else None,
        )
        with warnings.catch_warnings():
            # The warning points at the caller; this pass is the one that gave up.
            warnings.simplefilter("always")
            apply_patterns_greedily(op, canonicalization_patterns(), config=config)
