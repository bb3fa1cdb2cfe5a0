"""gpu-launch-sink-index-computations: index computations a `gpu.launch` body uses from
above are cloned into the body, so outlining recomputes them in the kernel rather than
passing them (MLIR's GpuLaunchSinkIndexComputationsPass with isLikelyAnIndexComputation:
constants, `memref.dim`, `arith.select` and `arith.cmpi`, and the ops they need in turn).
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.passes import Pass, register_pass
from dialir.dialects.gpu.ops import LaunchOp

_SINKABLE = frozenset({"arith.constant", "memref.dim", "arith.select", "arith.cmpi"})


def _defined_inside(v: Value, launch: Operation) -> bool:
    if isinstance(v, OpResult):
        return launch.is_ancestor(v.owner)
    region = v.owner.parent
    return region is not None and region.parent is not None and launch.is_ancestor(region.parent)


def _collect(v: Value, launch: Operation, order: dict, seen: set) -> bool:
    """MLIR's extractBeneficiaryOps: `v`'s op, and what it needs, if all of it can sink."""
    if not isinstance(v, OpResult) or v.owner.name not in _SINKABLE:
        return False
    op = v.owner
    if op in order:
        return True
    if op in seen:
        return False
    seen.add(op)
    for u in op.operands:
        if not _defined_inside(u, launch) and not _collect(u, launch, order, seen):
            return False
    order[op] = None
    return True


def sink_index_computations(launch: LaunchOp) -> None:
    order: dict[Operation, None] = {}
    for op in [o for block in launch.regions[0].blocks for top in block.ops for o in top.walk()]:
        for v in op.operands:
            if not _defined_inside(v, launch):
                _collect(v, launch, order, set())
    if not order:
        return
    entry = launch.body
    anchor = entry.first
    mapping: dict[Value, Value] = {}
    for op in order:
        clone = op.clone(mapping)
        entry.insert_before(anchor, clone) if anchor is not None else entry.append(clone)
        mapping.update(zip(op.results, clone.results))
    for old, new in mapping.items():
        old.replace_uses_where(new, lambda use: launch.is_ancestor(use.owner))


@register_pass
@dataclass
class GpuLaunchSinkIndexComputations(Pass):
    """MLIR's -gpu-launch-sink-index-computations."""

    name = "gpu-launch-sink-index-computations"
    summary = "Sink index computations into gpu.launch body"
    dependent_dialects = ("gpu",)

    def run(self, op: Operation) -> None:
        for launch in [o for o in op.walk() if isinstance(o, LaunchOp)]:
            sink_index_computations(launch)


__all__ = ["GpuLaunchSinkIndexComputations", "sink_index_computations"]
