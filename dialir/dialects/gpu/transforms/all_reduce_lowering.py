"""gpu-all-reduce-lowering: `gpu.all_reduce` and `gpu.subgroup_reduce` rewritten within the
gpu dialect into shuffles, workgroup memory and barriers, as MLIR's rewrite patterns do
(populateGpuAllReducePatterns, populateGpuLowerSubgroupReduceToShufflePatterns), and
`gpu.shuffle`s of values that are not 32 bits wide into 32-bit ones (MLIR's
GpuShuffleRewriter splits 64-bit shuffles). convert-gpu-to-nvvm applies the same rewrites
first, as MLIR's does with populateGpuRewritePatterns.

    gpu.subgroup_reduce add %v [cluster(size = S, stride = T)]
        -> for i = T, 2T, ... < S*T: %v = %v + gpu.shuffle xor %v, i, 32
    gpu.all_reduce add %v uniform (MLIR's GpuAllReduceRewriter)
        -> a subgroup reduction (over the active lanes of a partial subgroup: the shuffles'
           valid flag guards each step); lane 0 of each subgroup stores its value in a
           workgroup buffer of 32 elements (a new attribution of the kernel); gpu.barrier;
           the first subgroup reduces the buffer and stores the result in element 0;
           gpu.barrier; every thread loads element 0.

The conditional parts are `scf.if`s (convert-scf-to-cf makes them the branches MLIR builds).
Like MLIR, only `uniform` all-reductions are lowered (reached by all threads of the block or
none); `combine` gives each reduction kind's arith op, also for the CPU emulation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.dialect import lookup_op_class
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import FloatType, IndexType, IntegerType, MemRefType, Type
from dialir.core.passes import Pass, register_pass
from dialir.dialects.arith import ops as arith
from dialir.dialects.arith.ops import CmpIOp, ConstantOp
from dialir.dialects.gpu.attrs import AddressSpaceAttr
from dialir.dialects.gpu.ops import BarrierOp, BlockDimOp, ShuffleOp, ThreadIdOp
from dialir.dialects.loop.scf.ops import IfOp, YieldOp
from dialir.dialects.memref.ops import LoadOp, StoreOp

SUBGROUP_SIZE = 32
I32 = IntegerType(32)
INDEX = IndexType()
# reduction kind -> (arith op for floats, arith op for integers)
_COMBINE = {
    "add": ("arith.addf", "arith.addi"), "mul": ("arith.mulf", "arith.muli"),
    "minnumf": ("arith.minnumf", None), "maxnumf": ("arith.maxnumf", None),
    "minimumf": ("arith.minimumf", None), "maximumf": ("arith.maximumf", None),
    "minsi": (None, "arith.minsi"), "minui": (None, "arith.minui"),
    "maxsi": (None, "arith.maxsi"), "maxui": (None, "arith.maxui"),
    "and": (None, "arith.andi"), "or": (None, "arith.ori"), "xor": (None, "arith.xori"),
}  # fmt: skip


def _error(op: Operation, message: str) -> DiagnosticError:
    return DiagnosticError(Diagnostic("error", f"'{op.name}' op {message}", op.location))


def _element(t: Type) -> Type:
    return getattr(t, "element_type", t) if not isinstance(t, (FloatType, IntegerType)) else t


def combine(b: Builder, kind: str, x: Value, y: Value) -> Value:
    """x <kind> y with the arith op of a gpu reduction kind (MLIR's makeArithReduction)."""

    name = _COMBINE[kind][0 if isinstance(_element(x.type), FloatType) else 1]
    return b.insert(lookup_op_class(name)(x, y, result_types=[x.type])).results[0]


def combine_region(b: Builder, region: Any, x: Value, y: Value, op: Operation,
                   base: dict | None = None) -> Value:  # fmt: skip
    """The value an all_reduce's combining region yields for (x, y), its ops cloned at `b`."""
    blocks = region.blocks
    if len(blocks) != 1:
        raise _error(op, "with a combining region of several blocks is not supported here "
                     "(one block ending in gpu.yield)")  # fmt: skip
    mapping = dict(base or {})  # values from above the region, where they were cloned
    mapping.update(zip(blocks[0].args, (x, y)))
    for o in blocks[0].ops:
        if o.name == "gpu.yield":
            return mapping.get(o.operands[0], o.operands[0])
        b.insert(o.clone(mapping))
    raise _error(op, "combining region without gpu.yield")


def reducer(op: Operation, base: dict | None = None):
    """combine(b, x, y) for an all_reduce or subgroup_reduce (its kind or its region)."""
    kind = op.kind
    if kind is not None:
        return lambda b, x, y: combine(b, kind, x, y)
    return lambda b, x, y: combine_region(b, op.regions[0], x, y, op, base)


# -- the rewrites ---------------------------------------------------------------------------------


def _c(b: Builder, v: int, t: Type = I32) -> Value:

    return b.insert(ConstantOp(value=IntegerAttr(v, t))).result


def shuffle(b: Builder, mode: str, value: Value, offset: Value, width: Value) -> tuple:

    s = b.insert(ShuffleOp(mode, value, offset, width))
    return s.results[0], s.results[1]


def subgroup_shuffle_reduce(b: Builder, value: Value, fn: Any, size: int = SUBGROUP_SIZE,
                            stride: int = 1) -> Value:  # fmt: skip
    """Butterfly shuffles: every lane gets the reduction of its cluster."""
    width = _c(b, SUBGROUP_SIZE)
    i = stride
    while i < stride * size:
        other, _ = shuffle(b, "xor", value, _c(b, i), width)
        value = fn(b, value, other)
        i <<= 1
    return value


def lower_subgroup_reduce(op: Operation) -> None:
    b = Builder(op.parent, op)
    size = op.cluster_size.value if op.cluster_size is not None else SUBGROUP_SIZE
    stride = op.cluster_stride.value if op.cluster_stride is not None else 1
    if size > SUBGROUP_SIZE or stride >= SUBGROUP_SIZE:
        raise _error(op, f"cluster (size {size}, stride {stride}) exceeds the subgroup size "
                     f"{SUBGROUP_SIZE}")  # fmt: skip
    result = subgroup_shuffle_reduce(b, op.operands[0], reducer(op), size, stride)
    op.results[0].replace_all_uses_with(result)
    op.erase()


def _partial_reduce(b: Builder, value: Value, active: Value, fn: Any) -> Value:
    """Reduction over the first `active` lanes (all 32 when active >= 32): lane 0's result
    is the reduction (MLIR's createSubgroupReduce)."""

    full = _c(b, SUBGROUP_SIZE)
    partial = b.insert(CmpIOp(active, full, predicate="slt")).result
    t = value.type
    branch = b.insert(IfOp(partial, [t], with_else=True))
    then = Builder(branch.regions[0].blocks[0], None)
    v = value
    i = 1
    while i < SUBGROUP_SIZE:
        other, valid = shuffle(then, "xor", v, _c(then, i), active)
        step = then.insert(IfOp(valid, [t], with_else=True))
        tb = Builder(step.regions[0].blocks[0], None)
        tb.insert(YieldOp([fn(tb, v, other)]))
        Builder(step.regions[1].blocks[0], None).insert(YieldOp([v]))
        v = step.results[0]
        i <<= 1
    then.insert(YieldOp([v]))
    els = Builder(branch.regions[1].blocks[0], None)
    els.insert(YieldOp([subgroup_shuffle_reduce(els, value, fn)]))
    return branch.results[0]


def lower_all_reduce(op: Operation, func: Operation) -> None:

    if op.get_attr("uniform") is None:
        raise _error(op, "is not uniform: only uniform all-reductions (reached by all threads "
                     "of the block or none) are lowered, as in MLIR")  # fmt: skip
    b = Builder(op.parent, op)
    fn = reducer(op)
    t = op.operands[0].type

    def i32(v: Value) -> Value:
        return b.insert(arith.IndexCastOp(v, result_types=[I32])).results[0]

    dims = [i32(b.insert(BlockDimOp(d)).result_) for d in "xyz"]
    tids = [i32(b.insert(ThreadIdOp(d)).result_) for d in "xyz"]
    lin = b.insert(arith.MulIOp(tids[2], dims[1])).result
    lin = b.insert(arith.AddIOp(lin, tids[1])).result
    lin = b.insert(arith.MulIOp(lin, dims[0])).result
    lin = b.insert(arith.AddIOp(lin, tids[0])).result
    size = b.insert(arith.MulIOp(dims[0], dims[1])).result
    size = b.insert(arith.MulIOp(size, dims[2])).result
    mask = _c(b, SUBGROUP_SIZE - 1)
    lane = b.insert(arith.AndIOp(lin, mask)).result
    first = b.insert(arith.CmpIOp(lane, _c(b, 0), predicate="eq")).result
    before = b.insert(arith.SubIOp(lin, lane)).result
    active = b.insert(arith.SubIOp(size, before)).result
    partial = _partial_reduce(b, op.operands[0], active, fn)
    buffer = func.add_workgroup_attribution(
        MemRefType((SUBGROUP_SIZE,), t, None, AddressSpaceAttr("workgroup")))  # fmt: skip
    store = b.insert(IfOp(first))
    sb = Builder(store.regions[0].blocks[0], store.regions[0].blocks[0].last)
    sub = sb.insert(arith.DivSIOp(lin, _c(sb, SUBGROUP_SIZE))).result
    sb.insert(StoreOp(partial, buffer, [sb.insert(arith.IndexCastOp(sub, result_types=[INDEX]))
                                        .results[0]]))  # fmt: skip
    b.insert(BarrierOp())
    biased = b.insert(arith.AddIOp(size, mask)).result
    nsub = b.insert(arith.DivSIOp(biased, _c(b, SUBGROUP_SIZE))).result
    valid = b.insert(arith.CmpIOp(lin, nsub, predicate="slt")).result
    zero = _c(b, 0, INDEX)
    second = b.insert(IfOp(valid))
    vb = Builder(second.regions[0].blocks[0], second.regions[0].blocks[0].last)
    idx = vb.insert(arith.IndexCastOp(lin, result_types=[INDEX])).results[0]
    v = vb.insert(LoadOp(buffer, [idx])).result
    vb.insert(StoreOp(_partial_reduce(vb, v, nsub, fn), buffer, [zero]))
    b.insert(BarrierOp())
    result = b.insert(LoadOp(buffer, [zero])).result
    op.results[0].replace_all_uses_with(result)
    op.erase()


def lower_shuffle_width(op: Operation) -> None:
    """A shuffle of a value that is not 32 bits wide as 32-bit shuffles: narrower values
    bitcast and zero-extended, 64-bit ones (and index) split into two halves."""

    value, offset, width = op.operands
    t = value.type
    if isinstance(t, IndexType):
        bits = 64
    elif isinstance(t, (IntegerType, FloatType)):
        bits = t.width
    else:
        raise _error(op, f"of '{t}': only scalar integer, float and index values shuffle")
    if bits == 32 and (t == I32 or isinstance(t, FloatType)):
        return
    b = Builder(op.parent, op)
    mode = op.mode_name
    it = IntegerType(bits)
    if isinstance(t, IndexType):
        as_int = b.insert(arith.IndexCastOp(value, result_types=[it])).results[0]
    elif isinstance(t, FloatType):
        as_int = b.insert(arith.BitcastOp(value, result_types=[it])).results[0]
    else:
        as_int = value
    if bits <= 32:
        wide = as_int if bits == 32 else b.insert(
            arith.ExtUIOp(as_int, result_types=[I32])).results[0]  # fmt: skip
        got, valid = shuffle(b, mode, wide, offset, width)
        out = got if bits == 32 else b.insert(arith.TruncIOp(got, result_types=[it])).results[0]
    elif bits == 64:
        lo = b.insert(arith.TruncIOp(as_int, result_types=[I32])).results[0]
        hi64 = b.insert(arith.ShRUIOp(as_int, _c(b, 32, it))).result
        hi = b.insert(arith.TruncIOp(hi64, result_types=[I32])).results[0]
        lo_s, valid = shuffle(b, mode, lo, offset, width)
        hi_s, _ = shuffle(b, mode, hi, offset, width)
        lo_w = b.insert(arith.ExtUIOp(lo_s, result_types=[it])).results[0]
        hi_w = b.insert(arith.ExtUIOp(hi_s, result_types=[it])).results[0]
        hi_w = b.insert(arith.ShLIOp(hi_w, _c(b, 32, it))).result
        out = b.insert(arith.OrIOp(lo_w, hi_w)).result
    else:
        raise _error(op, f"of '{t}': values wider than 64 bits do not shuffle")
    if isinstance(t, IndexType):
        out = b.insert(arith.IndexCastOp(out, result_types=[t])).results[0]
    elif isinstance(t, FloatType):
        out = b.insert(arith.BitcastOp(out, result_types=[t])).results[0]
    op.results[0].replace_all_uses_with(out)
    op.results[1].replace_all_uses_with(valid)
    op.erase()


def lower_gpu_reductions(root: Operation) -> None:
    """Every all_reduce, subgroup_reduce and non-32-bit shuffle under `root` rewritten."""
    for op in [o for o in root.walk() if o.name == "gpu.all_reduce"]:
        func = op.parent_op
        while func is not None and func.name != "gpu.func":
            func = func.parent_op
        if func is None:
            raise _error(op, "outside a gpu.func: outline the launch first (its workgroup "
                         "buffer is an attribution of the kernel)")  # fmt: skip
        lower_all_reduce(op, func)
    for op in [o for o in root.walk() if o.name == "gpu.subgroup_reduce"]:
        lower_subgroup_reduce(op)
    for op in [o for o in root.walk() if o.name == "gpu.shuffle"]:
        lower_shuffle_width(op)


@register_pass
@dataclass
class GpuAllReduceLowering(Pass):
    """All-reductions and subgroup reductions to shuffles, workgroup memory and barriers."""

    name = "gpu-all-reduce-lowering"
    summary = ("Lower gpu.all_reduce and gpu.subgroup_reduce to gpu.shuffle, workgroup "
               "memory and gpu.barrier (shuffles to 32-bit values)")  # fmt: skip
    dependent_dialects = ("arith", "gpu", "memref", "scf")

    def run(self, op: Operation) -> None:
        lower_gpu_reductions(op)


__all__ = ["GpuAllReduceLowering", "SUBGROUP_SIZE", "combine", "combine_region",
           "lower_gpu_reductions", "reducer"]  # fmt: skip
