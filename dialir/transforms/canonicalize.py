"""canonicalize: fold every op, apply every loaded op's canonicalization patterns and simplify
regions, to a fixed point (MLIR's -canonicalize, with its options and defaults).

As in MLIR, canonicalization is best effort: stopping at `max-iterations` is not an error
unless `test-convergence` asks for one. Pattern labels for `disable-patterns` and
`enable-patterns` are the pattern class names (MLIR's debug names).
"""

from __future__ import annotations

import enum
import functools
import warnings
from dataclasses import dataclass, field

from dialir.core.ir.dialect import loaded_dialects
from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, PassFailure, register_pass
from dialir.core.rewrite.patterns import (
    GreedyRewriteConfig,
    GreedyRewriteDriver,
    RewritePattern,
)
from dialir.transforms.region_simplify import erase_unreachable_blocks, simplify_regions


class RegionSimplify(enum.Enum):
    """MLIR's GreedySimplifyRegionLevel."""

    DISABLED = "disabled"  # no control-flow simplification
    NORMAL = "normal"  # unreachable blocks, dead ops and block arguments
    AGGRESSIVE = "aggressive"  # and identical blocks merged, redundant arguments dropped


def canonicalization_patterns(dialects: list[str] | None = None) -> list[RewritePattern]:
    """One instance of every canonicalization pattern of every loaded dialect's ops (of the
    dialects named in `dialects` only, when given)."""
    patterns: list[RewritePattern] = []
    for name, dialect in loaded_dialects().items():
        if dialects and name not in dialects:
            continue
        for op in dialect.ops:
            patterns.extend(p() for p in getattr(op, "canonicalization_patterns", ()))
    return patterns


def pattern_label(p: RewritePattern) -> str:
    """The label `disable-patterns`/`enable-patterns` match (MLIR's debug name)."""
    return type(p).__name__


@register_pass
@dataclass
class Canonicalize(Pass):
    name = "canonicalize"
    summary = "Canonicalize operations"
    op_name = None

    # In the order MLIR prints them (by name), lists last.
    max_iterations: int = field(
        default=10,
        metadata={"help": "Max. iterations between applying patterns / simplifying regions"},
    )
    max_num_rewrites: int = field(
        default=-1, metadata={"help": "Max. number of pattern rewrites within an iteration"}
    )
    region_simplify: RegionSimplify = field(
        default=RegionSimplify.NORMAL,
        metadata={
            "help": "Perform control flow optimizations to the region tree: disabled, normal "
            "(unreachable blocks, dead values) or aggressive (also block merging)"
        },
    )
    test_convergence: bool = field(
        default=False,
        metadata={"help": "Test only: Fail pass on non-convergence to detect cyclic pattern"},
    )
    top_down: bool = field(
        default=True, metadata={"help": "Seed the worklist in general top-down order"}
    )
    disable_patterns: list[str] = field(
        default_factory=list,
        metadata={"help": "Labels of patterns that should be filtered out during application"},
    )
    enable_patterns: list[str] = field(
        default_factory=list,
        metadata={
            "help": "Labels of patterns that should be used during application, all other "
            "patterns are filtered out"
        },
    )
    filter_dialects: list[str] = field(
        default_factory=list,
        metadata={
            "help": "If non-empty, only collect canonicalization patterns from the dialects "
            "with the given namespaces"
        },
    )

    def run(self, op: Operation) -> None:
        patterns = canonicalization_patterns(self.filter_dialects)
        if self.disable_patterns:
            off = set(self.disable_patterns)
            patterns = [p for p in patterns if pattern_label(p) not in off]
        if self.enable_patterns:
            on = set(self.enable_patterns)
            patterns = [p for p in patterns if pattern_label(p) in on]
        level = self.region_simplify
        if level is RegionSimplify.DISABLED:
            # MLIR's driver erases unreachable blocks every sweep whatever the level:
            # patterns are not safe on unreachable code.
            simplifier = erase_unreachable_blocks
        else:
            simplifier = functools.partial(
                simplify_regions, merge_blocks=level is RegionSimplify.AGGRESSIVE
            )
        config = GreedyRewriteConfig(
            max_iterations=self.max_iterations,
            top_down=self.top_down,
            region_simplifier=simplifier,
            max_num_rewrites=None if self.max_num_rewrites == -1 else self.max_num_rewrites,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            converged = GreedyRewriteDriver(patterns, config=config).run(op)
        if not converged and self.test_convergence:
            raise PassFailure(
                f"canonicalizer failed to converge within {self.max_iterations} iterations", op
            )
