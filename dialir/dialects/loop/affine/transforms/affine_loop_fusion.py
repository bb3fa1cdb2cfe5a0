"""affine-loop-fusion: fuse affine loop nests of a block (MLIR's -affine-loop-fusion), with
MLIR's options `mode` (greedy = producer-consumer then sibling, producer, sibling),
`maximal`, `compute-tolerance` and `local-buf-threshold` (MLIR's option names).

A source nest S is fused into a later destination nest D of the same block when:
- producer-consumer: S writes a memref D reads; sibling: both read a memref and neither
  reads or writes what the other writes;
- the outer loops of S and D have the same bounds and steps down to the fusion depth d (the
  deepest such depth; MLIR computes a slice of S per iteration of D: here the slice is one
  iteration of S's outer d loops, so fusion never recomputes anything and the compute
  tolerance always holds);
- S has no results, and the ops between S and D neither use what S defines nor touch the
  memory S accesses (they are allocations, constants, globals and frees of other buffers:
  what convert-nn-to-affine puts between its nests);
- the dependence analysis proves it legal: in the fused nest S's body runs before D's at
  each iteration, so fusion reverses the order of an S instance and a D instance exactly
  when a dependence goes from a D access to an S access carried by one of the d fused loops.
  If there is one, the fused nest is undone and a remark names the dependence.

S's body (below depth d) is moved to the start of D's depth-d body with S's induction
variables replaced by D's, and S is erased. Then, as MLIR does, a local buffer written by the
producer and now only used in the fused nest, whose accesses there all index it by the fused
induction variables one to one (each iteration touches its own element), is privatised: it
becomes a `memref<1x..x1>` allocated just before the fused nest, indexed at 0. A following
`affine-scalrep` forwards the stored scalar to the loads and erases the private buffer, so
for a chain of elementwise ops from convert-nn-to-affine the intermediate buffers disappear.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from dialir.core.ir.attrs import AffineMapAttr
from dialir.core.ir.operation import Block, Operation, OpResult, Value
from dialir.core.ir.traits import IsTerminator, Pure
from dialir.core.ir.types import MemRefType
from dialir.core.passes import Pass, PassFailure, option, register_pass
from dialir.dialects.loop.affine.ops import AffineForOp
from dialir.dialects.loop.analysis import (
    OpaqueEffects,
    check_dependence,
    collect_accesses,
    emit_remark,
    loop_depth,
    memref_root,
)
from dialir.dialects.memref.ops import AllocOp

MODES = ("greedy", "producer", "sibling")
# Ops convert-nn-to-affine leaves between nests that touch no memory a nest may access.
_BETWEEN = frozenset({"memref.alloc", "memref.alloca", "memref.get_global"})


# -- nests -------------------------------------------------------------------------------------


def _band(loop: AffineForOp) -> list[AffineForOp]:
    """The perfectly nested affine.for loops from `loop` down (each the only op of its
    parent's body besides the terminator)."""
    band = [loop]
    while True:
        body = band[-1].body
        first = body.first
        if first is None or first.next is not body.last or not isinstance(first, AffineForOp):
            return band
        if first.results or band[-1].results:
            return band
        band.append(first)


def _same_bounds(a: AffineForOp, b: AffineForOp) -> bool:
    return (
        a.step == b.step
        and a.lower_bound_map == b.lower_bound_map
        and a.upper_bound_map == b.upper_bound_map
        and list(a.lowerBoundOperands) == list(b.lowerBoundOperands)
        and list(a.upperBoundOperands) == list(b.upperBoundOperands)
        and not a.inits
        and not b.inits
    )


def _memrefs(nest: Operation) -> tuple[set, set]:
    """The roots of the memrefs `nest` reads and writes."""
    accesses, opaque = collect_accesses(nest)
    if opaque:
        raise OpaqueEffects(opaque[0])
    reads, writes = set(), set()
    for a in accesses:
        (writes if a.is_store else reads).add(memref_root(a.memref))
    return reads, writes


def _ops_between(src: Operation, dst: Operation, touched: set) -> list[Operation] | None:
    """Whether `src` may move down to `dst`: the ops between them touch no memory `src`
    accesses, except frees of it, which are returned (they move after `dst`: freeing later
    is always safe); None when something else is in the way."""
    frees = []
    op = src.next
    while op is not dst:
        if op.name == "memref.dealloc":
            if memref_root(op.operands[0]) in touched:
                frees.append(op)
        elif op.name not in _BETWEEN and not (
            type(op).is_registered and Pure in type(op).traits and not op.regions
        ):
            return None
        op = op.next
    return frees


# -- the rewrite -------------------------------------------------------------------------------


def _fuse_bodies(src_band: list[AffineForOp], dst_band: list[AffineForOp], depth: int) -> list:
    """Move the body of src_band[depth - 1] to the start of dst_band[depth - 1]'s body, with
    the induction variables renamed; returns the moved ops."""
    for s, d in zip(src_band[:depth], dst_band[:depth]):
        s.induction_var.replace_all_uses_with(d.induction_var)
    src_body, dst_body = src_band[depth - 1].body, dst_band[depth - 1].body
    anchor = dst_body.first
    moved = []
    op = src_body.first
    while op is not None and not op.has_trait(IsTerminator):
        nxt = op.next
        op.detach()
        dst_body.insert_before(anchor, op)
        moved.append(op)
        op = nxt
    return moved


def _undo(src_band: list[AffineForOp], dst_band: list[AffineForOp], depth: int,
          moved: list) -> None:  # fmt: skip
    src_body = src_band[depth - 1].body
    term = src_body.last
    for op in moved:
        op.detach()
        src_body.insert_before(term, op)
    for s, d in zip(src_band[:depth], dst_band[:depth]):
        d.induction_var.replace_uses_where(
            s.induction_var, lambda u: src_band[0].is_ancestor(u.owner)
        )


def _violation(dst_loop: AffineForOp, moved: list, depth: int) -> str | None:
    """A dependence from a destination access to a moved source access carried by one of
    the `depth` fused loops (the fused order reverses it), described; None when there is
    none."""
    accesses, opaque = collect_accesses(dst_loop)
    if opaque:
        return f"'{opaque[0].name}' has memory effects the dependence analysis cannot model"
    moved_ops = {o for op in moved for o in op.walk()}
    src = [a for a in accesses if a.op in moved_ops]
    dst = [a for a in accesses if a.op not in moved_ops]
    outer = loop_depth(dst_loop)
    for d in dst:
        for s in src:
            if not (d.is_store or s.is_store):
                continue
            if memref_root(d.memref) is not memref_root(s.memref):
                continue
            for k in range(outer + 1, outer + depth + 1):
                r = check_dependence(d, s, k)
                if r.has_dependence:
                    comps = "".join(str(c) for c in r.components) or "true"
                    return f"dependence from '{d.op.name}' to '{s.op.name}' at depth {k} = {comps}"
    return None


def _privatize(memref: Value, nest: AffineForOp, fused: list[Value]) -> bool:
    """MLIR's private memref: a local buffer used only inside `nest` (besides its dealloc),
    every access indexing it by the fused induction variables one to one, becomes a
    unit-shaped buffer allocated before the nest."""
    if not isinstance(memref, OpResult) or memref.owner.name != "memref.alloc":
        return False
    accesses, deallocs = [], []
    for use in memref.uses:
        user = use.owner
        if user.name == "memref.dealloc":
            deallocs.append(user)
        elif user.name in ("affine.load", "affine.store") and nest.is_ancestor(user):
            accesses.append(user)
        else:
            return False
    indices = set()
    for a in accesses:
        m, operands = a.map.value, list(a.indices)
        if not all(isinstance(e, AffineDimExpr) for e in m.results):
            return False
        indices.add(tuple(operands[e.position] for e in m.results))
    if len(indices) != 1:
        return False
    (idx,) = indices
    if len(set(idx)) != len(idx) or set(idx) != set(fused):
        return False
    t = memref.type
    private = AllocOp([], [], result_types=[MemRefType((1,) * t.rank, t.element_type)],
                      location=memref.owner.location)  # fmt: skip
    nest.parent.insert_before(nest, private)
    pv = private.results[0]
    zero = AffineMapAttr(AffineMap(0, 0, [AffineConstantExpr(0)] * t.rank))
    for a in accesses:
        a.set_operands([pv] if a.name == "affine.load" else [a.operands[0], pv])
        a.properties["map"] = zero
    for d in deallocs:
        d.set_operand(0, pv)
        d.detach()
        nest.parent.insert_after(nest, d)
    memref.owner.erase()
    return True


@register_pass
@dataclass
class AffineLoopFusion(Pass):
    """MLIR's -affine-loop-fusion."""

    name = "affine-loop-fusion"
    summary = "Fuse affine loop nests"
    op_name = "func.func"
    dependent_dialects = ("affine", "memref")
    compute_tolerance: float = option(
        0.30, "Fractional increase in additional computation tolerated while fusing"
    )
    fast_mem_space: int = option(0, "Faster memory space number to promote fusion buffers to")
    local_buf_threshold: int = option(
        0, "Threshold size (KiB) for promoting local buffers to fast memory space"
    )
    maximal: bool = option(False, "Enables maximal loop fusion")
    mode: str = option("greedy", "fusion mode to attempt: greedy, producer, sibling")
    statistics = {
        "num-fused": "Loop nests fused into a later nest",
        "num-refused": "Fusions refused because a dependence would be reversed",
        "num-privatized": "Buffers replaced by a private unit buffer in the fused nest",
    }

    def run(self, op: Operation) -> None:
        if self.mode not in MODES:
            raise PassFailure(
                f"unknown fusion mode '{self.mode}' (expected {', '.join(MODES)})", op
            )
        changed = False
        self.__dict__["_refused"] = set()
        for region in op.regions:
            for block in region.blocks:
                kinds = ("producer", "sibling") if self.mode == "greedy" else (self.mode,)
                for kind in kinds:
                    while self._fuse_one(block, kind):
                        changed = True
        if not changed:
            self.mark_all_analyses_preserved()

    def _fuse_one(self, block: Block, kind: str) -> bool:
        """Fuse one pair of nests of `block` of `kind`; whether one was fused."""
        loops = [o for o in block.ops if isinstance(o, AffineForOp)]
        for j, dst in enumerate(loops):
            for src in reversed(loops[:j]):
                if self._try(src, dst, kind):
                    return True
        return False

    def _try(self, src: AffineForOp, dst: AffineForOp, kind: str) -> bool:
        if src.results or dst.results:
            return False
        try:
            src_reads, src_writes = _memrefs(src)
            dst_reads, dst_writes = _memrefs(dst)
        except OpaqueEffects:
            return False
        produced = src_writes & dst_reads
        if kind == "producer" and not produced:
            return False
        if kind == "sibling" and (
            produced or not (src_reads & dst_reads) or src_writes & dst_writes
            or dst_writes & src_reads
        ):  # fmt: skip
            return False
        frees = _ops_between(src, dst, src_reads | src_writes)
        if frees is None:
            return False
        src_band, dst_band = _band(src), _band(dst)
        depth = 0
        for a, b in zip(src_band, dst_band):
            if not _same_bounds(a, b):
                break
            depth += 1
        if depth == 0:
            return False
        moved = _fuse_bodies(src_band, dst_band, depth)
        why = _violation(dst, moved, depth)
        if why is not None:
            _undo(src_band, dst_band, depth, moved)
            refused = self.__dict__.setdefault("_refused", set())
            if (src, dst) not in refused:
                refused.add((src, dst))
                emit_remark(dst, f"cannot fuse an earlier loop nest into this one: {why}")
                self.count("num-refused")
            return False
        for free in reversed(frees):
            free.detach()
            dst.parent.insert_after(dst, free)
        src.erase()
        self.count("num-fused")
        fused = [loop.induction_var for loop in dst_band[:depth]]
        for memref in produced:
            if _privatize(memref, dst, fused):
                self.count("num-privatized")
        return True
