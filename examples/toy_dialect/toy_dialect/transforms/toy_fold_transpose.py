"""toy-fold-transpose: remove pairs of transposes (`transpose(transpose(x)) -> x`)."""

from __future__ import annotations

from dataclasses import dataclass

from dialir.ods import Operation, Pass, apply_patterns_greedily, register_pass

from toy_dialect.ops import FoldDoubleTranspose


@register_pass
@dataclass(frozen=True)
class ToyFoldTransposePass(Pass):
    name = "toy-fold-transpose"
    summary = "Fold transpose(transpose(x)) to x"
    max_iterations: int = 10

    def run(self, op: Operation) -> None:
        # The pattern alone: the ops' folders are canonicalize's business.
        apply_patterns_greedily(op, [FoldDoubleTranspose()], self.max_iterations, fold=False)
