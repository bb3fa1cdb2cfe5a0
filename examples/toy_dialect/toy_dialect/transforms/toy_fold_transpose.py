"""toy-fold-transpose: remove pairs of transposes (`transpose(transpose(x)) -> x`)."""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir import Operation
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite import apply_patterns_greedily

from toy_dialect.ops import FoldDoubleTranspose


@register_pass
@dataclass(frozen=True)
class ToyFoldTransposePass(Pass):
    name = "toy-fold-transpose"
    summary = "Fold transpose(transpose(x)) to x"
    max_iterations: int = 10

    def run(self, op: Operation) -> None:
        apply_patterns_greedily(op, [FoldDoubleTranspose()], self.max_iterations)
