"""convert-affine-for-to-gpu{gpu-block-dims=N gpu-thread-dims=M}: the outer loops of each
affine.for nest of a function become a `gpu.launch`, the first N of them its block
dimensions and the next M its thread dimensions (MLIR's ConvertAffineForToGPU, once part of
SCFToGPU: one block or thread per iteration, loops inside the mapped ones run in each thread).

Unlike MLIR, which trusts the user that the loops are parallel, a loop is mapped only where
a conservative check proves it: every store in the loop writes an element indexed by the
loop's own induction variable (iterations write disjoint elements), every load of a buffer
the loop writes reads exactly an element the same iteration writes, and the loop holds no op
with other effects. Mapping stops at the first loop of the nest that fails the check, whose
bounds are not single affine results of values defined above the nest, or that carries
values (iter_args). That is what lets the nn level lower to GPU kernels: convert-nn-to-affine
writes one output element per iteration of its outer loops. The launch body's affine ops are
lowered to scf and arith (launch ids are no valid affine dims).
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.conversions.affine_to_scf import LowerAffine
from dialir.conversions.parallel_loops_to_gpu import IV_OF_ID, TRIP_COUNT
from dialir.core.ir.affine import AffineDimExpr
from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.builder import Builder
from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.ir.traits import Pure
from dialir.core.ir.types import IndexType
from dialir.core.passes import Pass, option, register_pass
from dialir.dialects.arith.ops import ConstantOp
from dialir.dialects.gpu.ops import LaunchOp
from dialir.dialects.loop.affine.ops import AffineApplyOp

INDEX = IndexType()
_STORES = ("affine.store", "memref.store")
_LOADS = ("affine.load", "memref.load")
# Ops with effects that stay inside one iteration (local buffers, nested control flow).
_LOCAL = frozenset({"memref.alloc", "memref.alloca", "memref.dealloc", "memref.dim",
                    "memref.get_global", "affine.for", "affine.if", "affine.yield",
                    "affine.parallel", "scf.for", "scf.if", "scf.yield"})  # fmt: skip


def _access(op: Operation) -> tuple:
    """(memref, map or None, index operands) of a load or store."""
    if op.name == "affine.store":
        return op.operands[1], op.get_attr("map").value, tuple(op.operands[2:])
    if op.name == "affine.load":
        return op.operands[0], op.get_attr("map").value, tuple(op.operands[1:])
    if op.name == "memref.store":
        return op.operands[1], None, tuple(op.operands[2:])
    return op.operands[0], None, tuple(op.operands[1:])


def _indexed_by(op: Operation, iv: Value) -> bool:
    memref, m, operands = _access(op)
    if m is None:
        return iv in operands
    return any(isinstance(e, AffineDimExpr) and operands[e.position] is iv for e in m.results)


def is_parallel(loop: Operation) -> bool:
    """The conservative parallelism check of the module docstring."""
    iv = loop.regions[0].blocks[0].args[0]
    stores, loads = [], []
    for op in loop.walk():
        if op is loop:
            continue
        if op.name in _STORES:
            stores.append(op)
        elif op.name in _LOADS:
            loads.append(op)
        elif op.name not in _LOCAL and not (type(op).is_registered and Pure in type(op).traits):
            return False
    if not all(_indexed_by(s, iv) for s in stores):
        return False
    written = {_access(s)[0]: set() for s in stores}
    for s in stores:
        written[_access(s)[0]].add(_access(s))
    return all(_access(ld) in written[_access(ld)[0]] for ld in loads
               if _access(ld)[0] in written)  # fmt: skip


def _defined_above(v: Value, root: Operation) -> bool:
    if isinstance(v, OpResult):
        return not root.is_ancestor(v.owner)
    region = v.owner.parent
    return region is None or region.parent is None or not root.is_ancestor(region.parent)


def _mappable(loop: Operation, root: Operation) -> bool:
    if loop.results or loop.name != "affine.for":
        return False
    if len(loop.lower_bound_map.results) != 1 or len(loop.upper_bound_map.results) != 1:
        return False
    bounds = [*loop.lowerBoundOperands, *loop.upperBoundOperands]
    return all(_defined_above(v, root) for v in bounds) and is_parallel(loop)


def _nest(root: Operation, n: int) -> list[Operation]:
    """The perfectly nested loops from `root` that can be mapped (at most `n`)."""
    nest, loop = [], root
    while loop is not None and len(nest) < n and _mappable(loop, root):
        nest.append(loop)
        ops = [o for o in loop.regions[0].blocks[0].ops if o.name != "affine.yield"]
        loop = ops[0] if len(ops) == 1 and ops[0].name == "affine.for" else None
    return nest


def convert_nest(root: Operation, block_dims: int, thread_dims: int) -> LaunchOp | None:
    nest = _nest(root, block_dims + thread_dims)
    if not nest:
        return None
    b = Builder(root.parent, root)
    one = b.insert(ConstantOp(value=IntegerAttr(1, INDEX))).result
    bounds, counts = [], []
    for loop in nest:
        lb = b.insert(AffineApplyOp(loop.lower_bound_map, list(loop.lowerBoundOperands))).result
        ub = b.insert(AffineApplyOp(loop.upper_bound_map, list(loop.upperBoundOperands))).result
        step = b.insert(ConstantOp(value=IntegerAttr(loop.step, INDEX))).result
        bounds.append((lb, step))
        counts.append(b.insert(AffineApplyOp(TRIP_COUNT, [ub, lb, step])).result)
    grid = (counts[:block_dims] + [one] * 3)[:3]
    block = (counts[block_dims:] + [one] * 3)[:3]
    launch = b.insert(LaunchOp(grid, block, location=root.location))
    body = Builder(launch.body, launch.body.last)
    ids = [*launch.block_ids[:block_dims], *launch.thread_ids]
    mapping: dict = {}
    for loop, (lb, step), pid in zip(nest, bounds, ids):
        iv = body.insert(AffineApplyOp(IV_OF_ID, [pid, step, lb])).result
        mapping[loop.regions[0].blocks[0].args[0]] = iv
    for op in nest[-1].regions[0].blocks[0].ops:
        if op.name != "affine.yield":
            clone = body.insert(op.clone(mapping))
            mapping.update(zip(op.results, clone.results))
    root.erase()
    # Launch ids are no affine dims: the body's affine ops become scf and arith (as MLIR
    # lowers affine before mapping loops to the GPU).
    LowerAffine().run(launch)
    return launch


@register_pass
@dataclass
class ConvertAffineForToGPU(Pass):
    """MLIR's -convert-affine-for-to-gpu (mapping only loops proven parallel)."""

    name = "convert-affine-for-to-gpu"
    summary = "Convert top-level AffineFor Ops to GPU kernels"
    op_name = "func.func"
    dependent_dialects = ("affine", "gpu")
    gpu_block_dims: int = option(1, "Number of GPU block dimensions for mapping")
    gpu_thread_dims: int = option(1, "Number of GPU thread dimensions for mapping")

    def run(self, op: Operation) -> None:
        nb, nt = min(self.gpu_block_dims, 3), min(self.gpu_thread_dims, 3)
        for block in op.regions[0].blocks:
            for loop in [o for o in block.ops if o.name == "affine.for"]:
                convert_nest(loop, nb, nt)


__all__ = ["ConvertAffineForToGPU", "convert_nest", "is_parallel"]
