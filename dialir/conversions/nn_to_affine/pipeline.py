"""nn-to-loops: the nn graph to affine loops in one step — shape inference, canonicalize
(constant folding), the nn graph passes (batch-norm folding, elementwise fusion), then
convert-nn-to-affine and canonicalize (as MLIR registers pass pipelines: a name that expands
to a pipeline)."""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, option, parse_pipeline, register_pass


def nn_to_loops_pipeline(out_params: bool = False) -> str:
    """The pipeline text nn-to-loops runs."""
    lower = "convert-nn-to-affine" + ("{buffer-results-to-out-params}" if out_params else "")
    return (
        "builtin.module(func.func(nn-shape-inference, canonicalize, nn-fold-batchnorm, "
        f"nn-fuse-elementwise, canonicalize), {lower}, canonicalize)"
    )


@register_pass
@dataclass
class NNToLoops(Pass):
    name = "nn-to-loops"
    summary = (
        "Lower an nn graph to affine loops: nn-shape-inference, canonicalize, "
        "nn-fold-batchnorm, nn-fuse-elementwise, convert-nn-to-affine, canonicalize"
    )
    op_name = "builtin.module"
    dependent_dialects = ("affine", "arith", "math", "memref", "func", "nn")
    buffer_results_to_out_params: bool = option(
        False, "pass convert-nn-to-affine's option: results into caller-provided memrefs"
    )

    def run(self, op: Operation) -> None:
        parse_pipeline(nn_to_loops_pipeline(self.buffer_results_to_out_params)).run(op)
