"""convert-parallel-loops-to-gpu: an `scf.parallel` nest annotated by gpu-map-parallel-loops
becomes a `gpu.launch` (MLIR's SCFToGPU ParallelToGpuLaunchLowering).

Each dimension mapped to a block or thread dimension sets that launch size to its trip count,
`(ub - lb) ceildiv step`, computed before the launch (so its bounds must be defined above
the nest), and inside the launch its induction variable is `id * step + lb`; dimensions
mapped `sequential` become `scf.for` loops in the launch body. The ops of the loop bodies
are moved into the launch. Loops with reductions are left alone (MLIR rejects them too).

    scf.parallel (%i) = (%c0) to (%n) step (%c1) {...} {mapping = [#gpu.loop_dim_map<
        processor = block_x, ...>]}
    ->  %g = affine.apply affine_map<(d0)[s0, s1] -> ((d0 - s0) ceildiv s1)>(%n)[%c0, %c1]
        gpu.launch blocks(%bx, ..) in (%gx = %g, ..) threads(..) in (%sx = %c1_0, ..) {
          %i = affine.apply affine_map<(d0)[s0, s1] -> (d0 * s0 + s1)>(%bx)[%c1, %c0] ...
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.affine import AffineExpr, AffineMap
from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.ir.types import IndexType
from dialir.core.passes import Pass, register_pass
from dialir.dialects.arith.ops import ConstantOp
from dialir.dialects.gpu.ops import LaunchOp
from dialir.dialects.gpu.transforms.parallel_loop_mapper import MAPPING
from dialir.dialects.loop.affine.ops import AffineApplyOp
from dialir.dialects.loop.scf.ops import ForOp

INDEX = IndexType()
_d0, _s0, _s1 = AffineExpr.dim(0), AffineExpr.symbol(0), AffineExpr.symbol(1)
TRIP_COUNT = AffineMap(1, 2, [(_d0 - _s0).ceildiv(_s1)])
IV_OF_ID = AffineMap(1, 2, [_d0 * _s0 + _s1])


def _error(op: Operation, message: str) -> DiagnosticError:
    return DiagnosticError(Diagnostic("error", f"'{op.name}' op {message}", op.location))


def _processors(par: Operation) -> list[str]:
    mapping = par.attributes.get(MAPPING)
    n = len(par.regions[0].blocks[0].args)
    if mapping is None:
        return ["sequential"] * n
    procs = [getattr(m, "processor", "sequential") for m in mapping]
    if len(procs) != n:
        raise _error(par, f"has {n} dimensions but a mapping of {len(procs)}")
    return procs


def _mapped_nest(par: Operation) -> list[Operation]:
    """The outer loop and the scf.parallel loops nested in it (at any depth)."""
    return [op for op in par.walk() if op.name == "scf.parallel"]


def _defined_above(v: Value, root: Operation) -> bool:
    if isinstance(v, OpResult):
        return not root.is_ancestor(v.owner)
    region = v.owner.parent
    return region is None or region.parent is None or not root.is_ancestor(region.parent)


def convert_parallel_loop(par: Operation) -> LaunchOp:
    """Replace an outermost mapped scf.parallel nest by a gpu.launch."""
    for loop in _mapped_nest(par):
        if loop.results:
            raise _error(loop, "with reductions cannot be mapped to a gpu.launch")
    b = Builder(par.parent, par)
    one = b.insert(ConstantOp(value=IntegerAttr(1, INDEX))).result
    sizes = {p: one for p in ("block_x", "block_y", "block_z", "thread_x", "thread_y",
                              "thread_z")}  # fmt: skip
    for loop in _mapped_nest(par):
        for d, proc in enumerate(_processors(loop)):
            if proc == "sequential":
                continue
            lb, ub, step = (loop.operands[k * len(_processors(loop)) + d] for k in range(3))
            if not all(_defined_above(v, par) for v in (lb, ub, step)):
                raise _error(loop, f"bounds of the dimension mapped to {proc} must be defined "
                             "above the loop nest (they size the launch)")  # fmt: skip
            if sizes[proc] is not one:
                raise _error(loop, f"maps two loop dimensions to {proc}")
            sizes[proc] = b.insert(AffineApplyOp(TRIP_COUNT, [ub, lb, step])).result
    launch = b.insert(LaunchOp(
        [sizes["block_x"], sizes["block_y"], sizes["block_z"]],
        [sizes["thread_x"], sizes["thread_y"], sizes["thread_z"]], location=par.location,
    ))  # fmt: skip
    body = launch.body
    _emit(par, Builder(body, body.last), launch, {})
    par.erase()
    return launch


def _emit(par: Operation, b: Builder, launch: LaunchOp, mapping: dict) -> None:
    """The body of `par` at `b`: mapped dimensions from the launch ids, sequential ones as
    scf.for loops; nested scf.parallel loops likewise."""
    procs = _processors(par)
    n = len(procs)
    block = par.regions[0].blocks[0]
    ids = {f"block_{a}": v for a, v in zip("xyz", launch.block_ids)}
    ids.update({f"thread_{a}": v for a, v in zip("xyz", launch.thread_ids)})
    for d, proc in enumerate(procs):
        lb, ub, step = (mapping.get(v, v) for v in (par.operands[d], par.operands[n + d],
                                                     par.operands[2 * n + d]))  # fmt: skip
        if proc == "sequential":
            loop = b.insert(ForOp(lb, ub, step, location=par.location))
            b = loop.body_builder()
            mapping[block.args[d]] = loop.induction_var
        else:
            iv = b.insert(AffineApplyOp(IV_OF_ID, [ids[proc], step, lb]))
            mapping[block.args[d]] = iv.result
    for op in list(block.ops):
        if op.name == "scf.reduce":
            continue
        if op.name == "scf.parallel":
            _emit(op, b, launch, mapping)
            continue
        clone = b.insert(op.clone(mapping))
        mapping.update(zip(op.results, clone.results))


@register_pass
@dataclass
class ConvertParallelLoopToGpu(Pass):
    """MLIR's -convert-parallel-loops-to-gpu."""

    name = "convert-parallel-loops-to-gpu"
    summary = "Convert mapped scf.parallel ops to gpu launch operations"
    dependent_dialects = ("affine", "gpu")

    def run(self, op: Operation) -> None:
        outer = []
        for o in op.walk():
            if o.name != "scf.parallel" or o.attributes.get(MAPPING) is None:
                continue
            p = o.parent_op
            while p is not None and p.name != "scf.parallel":
                p = p.parent_op
            if p is None:
                outer.append(o)
        for par in outer:
            convert_parallel_loop(par)


__all__ = ["ConvertParallelLoopToGpu", "convert_parallel_loop"]
