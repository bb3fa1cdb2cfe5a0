"""canonicalize: fold every op and apply every loaded op's canonicalization patterns."""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.dialect import loaded_dialects
from dialir.core.ir import Operation
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite import RewritePattern, apply_patterns_greedily


def canonicalization_patterns() -> list[RewritePattern]:
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
    max_iterations: int = 10

    def run(self, op: Operation) -> None:
        apply_patterns_greedily(op, canonicalization_patterns(), self.max_iterations)
