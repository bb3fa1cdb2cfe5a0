"""gpu-map-parallel-loops: nests of `scf.parallel` get a `mapping` attribute saying which
hardware dimension runs each loop dimension (MLIR's GpuMapParallelLoopsPass, its greedy
mapping): the outermost loop's dimensions go to the blocks (x, y, z in order), the loop
nested in it to the threads, deeper loops and dimensions past the third run sequentially;
the maps are identities.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.affine import AffineMap
from dialir.core.ir.attrs import AffineMapAttr, ArrayAttr
from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, register_pass
from dialir.dialects.gpu.attrs import LoopDimMapAttr

MAPPING = "mapping"
_IDENTITY = AffineMapAttr(AffineMap.identity(1))


def _processor(level: int, dim: int) -> str:
    if level > 1 or dim > 2:
        return "sequential"
    return ("block_", "thread_")[level] + "xyz"[dim]


def map_parallel_loops(op: Operation, level: int = 0) -> None:
    """Annotate the scf.parallel nests under `op` (MLIR's mapParallelOp, recursively)."""
    for region in op.regions:
        for block in region.blocks:
            for inner in block.ops:
                if inner.name == "scf.parallel":
                    if inner.attributes.get(MAPPING) is None:
                        n = len(inner.regions[0].blocks[0].args)
                        inner.attributes[MAPPING] = ArrayAttr([
                            LoopDimMapAttr(_processor(level, d), _IDENTITY, _IDENTITY)
                            for d in range(n)
                        ])  # fmt: skip
                    map_parallel_loops(inner, level + 1)
                else:
                    map_parallel_loops(inner, level)


@register_pass
@dataclass
class GpuMapParallelLoops(Pass):
    """MLIR's -gpu-map-parallel-loops."""

    name = "gpu-map-parallel-loops"
    summary = "Greedily maps loops to GPU hardware dimensions."
    op_name = "func.func"
    dependent_dialects = ("gpu",)

    def run(self, op: Operation) -> None:
        map_parallel_loops(op)


__all__ = ["MAPPING", "GpuMapParallelLoops", "map_parallel_loops"]
