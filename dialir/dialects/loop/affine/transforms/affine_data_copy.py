"""affine-data-copy-generate: copy the part of each memref a loop nest accesses into a small
contiguous buffer before the nest, run the nest on the buffer, copy what it wrote back after
(MLIR's -affine-data-copy-generate with point-wise copies, `generate-dma=false`).

Placement follows MLIR's runOnBlock: walking a block, each `affine.for` gets its copies
around it when its footprint fits `fast-mem-capacity` (KiB), otherwise copies go into its
body; with `skip-non-unit-stride-loops`, a loop with a step other than 1 (a tile loop) always
passes the copies to its body, so in a tiled nest each tile's operands are packed right
around the point loops — what GEMM and convolution code generators do before the
micro-kernel. Runs of ops between loops get copies of their own.

The region of a memref is the bounding box of its accesses in the copied ops: each subscript
must be affine (sums of constant multiples) in the induction variables of loops inside the
copied range, whose bounds must be affine in values defined outside it, and in values
defined outside; per dimension, min and max of every access must differ by a constant, the
box's extent. The box's lower corner is an affine function of the values defined outside
(the enclosing tile's position), so the buffer's shape is static:

    affine.for %ii = 0 to 64 step 16 {                       %buf = memref.alloc() : memref<16xf32, 1>
      affine.for %i = #lb(%ii) to #ub(%ii) {          ->     affine.for %c = max(%ii, 0) to min(%ii + 16, 64)
        ... %A[%i] ...                                         %buf[%c - %ii] = %A[%c]
                                                             affine.for %i = ... { ... %buf[%i - %ii] ... }
                                                             (copy back when written) memref.dealloc %buf

Copy loops are clamped to the memref's shape. A written memref is also copied in (the box may
hold elements the nest does not write, which the copy-out must put back unchanged). A memref
is left alone when its region is not analyzable, its shape is not static, or another memref
value accessed in the range views the same buffer; nothing is copied around an op whose
memory effects the dependence analysis cannot model.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.affine import (
    AffineBinaryExpr,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymbolExpr,
)
from dialir.core.ir.attrs import AffineMapAttr, IntegerAttr
from dialir.core.ir.operation import Block, BlockArgument, Operation, Value
from dialir.core.ir.traits import IsTerminator, MemAlloc, Pure, RecursiveMemoryEffects
from dialir.core.ir.types import DYNAMIC, IntegerType, MemRefType
from dialir.core.passes import Pass, PassFailure, option, register_pass
from dialir.dialects.loop.affine.ops import AffineForOp, AffineLoadOp, AffineStoreOp
from dialir.dialects.loop.affine.transforms.affine_scalrep import access_key
from dialir.dialects.loop.affine.utils import canonicalize_map_and_operands, simplify_affine_map
from dialir.dialects.loop.analysis import MemRefAccess, collect_accesses, memref_root
from dialir.dialects.loop.analysis.access import ACCESS_OPS
from dialir.dialects.memref.ops import AllocOp, DeallocOp
from dialir.dialects.memref.transforms.buffer_reuse import element_bytes

CONST = None  # the key of a linear form's constant term
Linear = dict  # Value | None -> int


# -- linear forms --------------------------------------------------------------------------------


def _linear(e: AffineExpr, operands: list[Value], num_dims: int) -> Linear | None:
    if isinstance(e, AffineConstantExpr):
        return {CONST: e.value}
    if isinstance(e, AffineDimExpr):
        return {operands[e.position]: 1}
    if isinstance(e, AffineSymbolExpr):
        return {operands[num_dims + e.position]: 1}
    if not isinstance(e, AffineBinaryExpr) or e.kind not in ("add", "mul"):
        return None
    a, b = _linear(e.lhs, operands, num_dims), _linear(e.rhs, operands, num_dims)
    if a is None or b is None:
        return None
    if e.kind == "add":
        return _add(a, b)
    for x, y in ((a, b), (b, a)):
        if set(y) == {CONST}:
            return {k: v * y[CONST] for k, v in x.items()}
    return None


def _add(a: Linear, b: Linear, k: int = 1) -> Linear:
    out = dict(a)
    for key, v in b.items():
        out[key] = out.get(key, 0) + k * v
    return {key: v for key, v in out.items() if v or key is CONST}


def _bound(loop: AffineForOp, upper: bool) -> Linear | None:
    """The loop's lower bound, or its last value's bound (ub - 1), from the first result of
    the bound map: for a `max` lower or `min` upper bound (a partial tile) a looser bound,
    whose box the clamped copy loops keep inside the memref."""
    m = loop.upper_bound_map if upper else loop.lower_bound_map
    operands = list(loop.upperBoundOperands if upper else loop.lowerBoundOperands)
    form = _linear(m.results[0], operands, m.num_dims)
    if form is None:
        return None
    if upper and loop.step != 1 and loop.has_constant_bounds():
        lb, ub = loop.constant_lower_bound(), loop.constant_upper_bound()
        return {CONST: lb + max(0, (ub - lb - 1) // loop.step) * loop.step}
    return _add(form, {CONST: -1}) if upper else form


class Region:
    """Bounds of linear forms over values defined outside the copied range, with the ranges
    of the induction variables of loops inside it."""

    def __init__(self, inner_loops: dict[Value, AffineForOp], inside: set) -> None:
        self.inner = inner_loops
        self.inside = inside  # the ops of the copied range, nested ones included

    def defined_inside(self, v: Value) -> bool:
        if isinstance(v, BlockArgument):
            return v.owner.parent_op in self.inside
        return v.owner in self.inside

    def extreme(self, form: Linear, upper: bool, depth: int = 0) -> Linear | None:
        """The min (or max, `upper`) of `form` over the inner loops' iteration ranges."""
        if depth > 32:
            return None
        out: Linear = {}
        for key, c in form.items():
            loop = self.inner.get(key) if key is not CONST else None
            if loop is None:
                if key is not CONST and self.defined_inside(key):
                    return None  # varies inside the range, not as an induction variable
                out = _add(out, {key: c})
                continue
            # c * iv is least at iv's lower bound when c > 0, at its upper bound otherwise
            b = _bound(loop, upper == (c > 0))
            if b is None:
                return None
            b = self.extreme(b, upper, depth + 1)
            if b is None:
                return None
            out = _add(out, {k: v * c for k, v in b.items()})
        return out


# -- one memref's box ----------------------------------------------------------------------------


class Box:
    """Per dimension, the lower corner (a linear form over outer values) and the extent."""

    def __init__(self, lower: list[Linear], extents: list[int]) -> None:
        self.lower, self.extents = lower, extents


def _box(accesses: list[Operation], region: Region) -> Box | None:
    rank = accesses[0].memref.type.rank
    lows: list[Linear | None] = [None] * rank
    highs: list[Linear | None] = [None] * rank
    for a in accesses:
        _, m, operands = access_key(a)
        for d, e in enumerate(m.results):
            form = _linear(e, list(operands), m.num_dims)
            if form is None:
                return None
            lo, hi = region.extreme(form, False), region.extreme(form, True)
            if lo is None or hi is None:
                return None
            lows[d] = lo if lows[d] is None else _min(lows[d], lo)
            highs[d] = hi if highs[d] is None else _max(highs[d], hi)
            if lows[d] is None or highs[d] is None:
                return None
    extents = []
    for lo, hi in zip(lows, highs):
        diff = _add(hi, lo, -1)
        if set(diff) - {CONST}:
            return None
        extents.append(diff.get(CONST, 0) + 1)
    return Box(lows, extents)  # type: ignore[arg-type]


def _min(a: Linear, b: Linear) -> Linear | None:
    diff = _add(a, b, -1)
    if set(diff) - {CONST}:
        return None
    return a if diff.get(CONST, 0) <= 0 else b


def _max(a: Linear, b: Linear) -> Linear | None:
    diff = _add(a, b, -1)
    if set(diff) - {CONST}:
        return None
    return a if diff.get(CONST, 0) >= 0 else b


# -- the rewrite ---------------------------------------------------------------------------------


def _expr(form: Linear, values: list[Value]) -> AffineExpr:
    """`form` as an affine expression over dims indexed by `values` (extended as needed)."""
    e: AffineExpr = AffineConstantExpr(form.get(CONST, 0))
    for key, c in form.items():
        if key is CONST:
            continue
        if key not in values:
            values.append(key)
        e = e + AffineDimExpr(values.index(key)) * c
    return e


def _copy_nest(block: Block, anchor: Operation, before: bool, src: Value, dst: Value,
               box: Box, to_fast: bool) -> None:  # fmt: skip
    """Copy loops over the box (clamped to the memref's shape) from `src` to `dst`, one of
    them the original memref and the other the fast buffer indexed from the box corner."""
    orig = src if to_fast else dst
    shape = orig.type.shape
    loops: list[AffineForOp] = []
    parent_block, parent_anchor = block, anchor
    outer = Region({lp.induction_var: lp for lp in _enclosing_loops(anchor)}, set())
    for d, (low, ext) in enumerate(zip(box.lower, box.extents)):
        values: list[Value] = []
        lo = _expr(low, values)
        lb = AffineMap(len(values), 0, [lo, AffineConstantExpr(0)])
        ub = AffineMap(len(values), 0, [lo + ext, AffineConstantExpr(shape[d])])
        least, most = outer.extreme(low, False), outer.extreme(low, True)
        if least is not None and set(least) <= {CONST} and least.get(CONST, 0) >= 0:
            lb = AffineMap(len(values), 0, [lo])  # no clamp needed: provably inside
        if most is not None and set(most) <= {CONST} and most.get(CONST, 0) + ext <= shape[d]:
            ub = AffineMap(len(values), 0, [lo + ext])
        loop = AffineForOp((lb, values), (ub, values))
        if parent_anchor is None:
            parent_block.insert_before(parent_block.last, loop)
        elif before:
            parent_block.insert_before(parent_anchor, loop)
        else:
            parent_block.insert_after(parent_anchor, loop)
        loops.append(loop)
        parent_block, parent_anchor, before = loop.body, None, True
    ivs = [lp.induction_var for lp in loops]
    fast_values: list[Value] = list(ivs)
    fast_exprs = [AffineDimExpr(d) - _expr(low, fast_values) for d, low in enumerate(box.lower)]
    fast_map, fast_values = _canonical(AffineMap(len(fast_values), 0, fast_exprs), fast_values)
    ident = AffineMap.identity(len(ivs))
    body = loops[-1].body
    term = body.last
    if to_fast:
        load = AffineLoadOp(src, ident, ivs)
        store = AffineStoreOp(load.result, dst, fast_map, fast_values)
    else:
        load = AffineLoadOp(src, fast_map, fast_values)
        store = AffineStoreOp(load.result, dst, ident, ivs)
    body.insert_before(term, load)
    body.insert_before(term, store)


def _canonical(m: AffineMap, operands: list[Value]) -> tuple[AffineMap, list[Value]]:
    """Duplicate operands merged, the map simplified (as MLIR's canonicalizeMapAndOperands)."""
    m, operands = canonicalize_map_and_operands(simplify_affine_map(m), operands)
    m, operands = canonicalize_map_and_operands(simplify_affine_map(m), operands)
    return m, list(operands)


def _retarget(access: Operation, fast: Value, box: Box) -> None:
    """Point `access` at the fast buffer, its subscripts shifted by the box corner."""
    memref, m, operands = access_key(access)
    values = list(operands[: m.num_dims])
    syms = list(operands[m.num_dims :])
    extra: list[Value] = []
    shifts = [_expr(low, extra) for low in box.lower]
    nd = m.num_dims
    moved = [e.replace_dims_and_symbols([AffineDimExpr(nd + i) for i in range(len(extra))], [])
             for e in shifts]  # fmt: skip
    results = [r - s for r, s in zip(m.results, moved)]
    new_map, new_operands = _canonical(
        AffineMap(nd + len(extra), m.num_symbols, results), values + extra + syms
    )
    if isinstance(access, AffineLoadOp):
        access.set_operands([fast, *new_operands])
    else:
        access.set_operands([access.operands[0], fast, *new_operands])
    access.properties["map"] = AffineMapAttr(new_map)


def _placement(ops: list[Operation], memref: Value, box: Box,
               accesses: list[Operation]) -> tuple[Block, Operation, Operation]:  # fmt: skip
    """Where the copies go: around `ops`, hoisted above each enclosing loop whose induction
    variable the box does not depend on and whose body touches the memref only through these
    accesses (MLIR's findHighestBlockForPlacement)."""
    block, first, last = ops[0].parent, ops[0], ops[-1]
    atoms = {k for low in box.lower for k in low if k is not CONST}
    mine = set(accesses)
    while True:
        loop = block.parent_op
        if not isinstance(loop, AffineForOp) or loop.results or loop.parent is None:
            break
        if any(loop.is_ancestor(_definer(v)) for v in atoms):
            break
        if any(loop.is_ancestor(u.owner) and u.owner not in mine for u in memref.uses):
            break
        block, first, last = loop.parent, loop, loop
    return block, first, last


def _enclosing_loops(op: Operation) -> list[AffineForOp]:
    loops = []
    parent = op.parent_op
    while parent is not None:
        if isinstance(parent, AffineForOp):
            loops.append(parent)
        parent = parent.parent_op
    return loops


def _definer(v: Value) -> Operation:
    return v.owner.parent_op if isinstance(v, BlockArgument) else v.owner


@register_pass
@dataclass
class AffineDataCopyGenerate(Pass):
    """MLIR's -affine-data-copy-generate (point-wise copies)."""

    name = "affine-data-copy-generate"
    summary = "Generate explicit copying for affine memory operations"
    op_name = "func.func"
    dependent_dialects = ("affine", "memref")
    fast_mem_capacity: int = option(
        2**40, "Set fast memory space capacity in KiB (default: unlimited)"
    )
    fast_mem_space: int = option(1, "Fast memory space identifier for copy generation")
    generate_dma: bool = option(False, "Generate DMA instead of point-wise copy")
    min_dma_transfer: int = option(
        1024, "Minimum DMA transfer size supported by the target in bytes"
    )
    skip_non_unit_stride_loops: bool = option(
        False, "Testing purposes: avoid non-unit stride loop choice depths for copy placement"
    )
    slow_mem_space: int = option(0, "Slow memory space identifier for copy generation")
    tag_mem_space: int = option(0, "Tag memory space identifier for copy generation")
    statistics = {
        "num-copied": "Memref regions copied into fast buffers",
        "num-fast-bytes": "Bytes of the fast buffers allocated",
    }

    def run(self, op: Operation) -> None:
        if self.generate_dma:
            raise PassFailure("generate-dma is not supported: only point-wise copies", op)
        changed = False
        for region in op.regions:
            for block in region.blocks:
                changed |= self._run_on_block(block)
        if not changed:
            self.mark_all_analyses_preserved()

    def _run_on_block(self, block: Block) -> bool:
        """MLIR's runOnBlock: copies around each loop that fits, or inside it."""
        changed = False
        segment: list[Operation] = []
        for o in list(block.ops):
            if not isinstance(o, AffineForOp):
                if not o.has_trait(IsTerminator):
                    segment.append(o)
                continue
            changed |= self._copy(segment)
            segment = []
            footprint = self._footprint([o])
            recurse = (
                o.step != 1 if self.skip_non_unit_stride_loops
                else footprint is None or footprint > self.fast_mem_capacity * 1024
            )  # fmt: skip
            if recurse:
                changed |= self._run_on_block(o.body)
            else:
                changed |= self._copy([o])
        changed |= self._copy(segment)
        return changed

    def _plan(self, ops: list[Operation]) -> list[tuple[Value, Box, list[Operation]]] | None:
        """The memrefs the ops access that can be copied, with their boxes and accesses."""
        accesses: list = []
        for o in ops:
            if o.name in ACCESS_OPS:
                accesses.append(MemRefAccess(o))
                continue
            traits = type(o).traits
            if not type(o).is_registered or not traits & {Pure, RecursiveMemoryEffects, MemAlloc}:
                return None  # effects the copies could reorder
            found, opaque = collect_accesses(o)
            if opaque:
                return None
            accesses += found
        if not accesses:
            return []
        inner: dict[Value, AffineForOp] = {}
        inside = set()
        for o in ops:
            for n in o.walk():
                inside.add(n)
                if isinstance(n, AffineForOp):
                    inner[n.induction_var] = n
        region = Region(inner, inside)
        by_value: dict[Value, list[Operation]] = {}
        roots: dict[Value, set] = {}
        for a in accesses:
            by_value.setdefault(a.memref, []).append(a.op)
            roots.setdefault(memref_root(a.memref), set()).add(a.memref)
        plans = []
        for memref, ops_ in by_value.items():
            t = memref.type
            if len(roots[memref_root(memref)]) != 1 or not isinstance(t, MemRefType):
                continue
            if t.layout is not None or any(d is DYNAMIC for d in t.shape) or t.rank == 0:
                continue
            if not all(isinstance(x, (AffineLoadOp, AffineStoreOp)) for x in ops_):
                continue
            if region.defined_inside(memref):
                continue
            # every use in the range is one of these accesses (no free, view or call there)
            if any(u.owner in inside and u.owner not in ops_ for u in memref.uses):
                continue
            if element_bytes(t.element_type) is None:
                continue
            box = _box(ops_, region)
            if box is not None:
                plans.append((memref, box, ops_))
        return plans

    def _footprint(self, ops: list[Operation]) -> int | None:
        plans = self._plan(ops)
        if plans is None:
            return None
        total = 0
        for memref, box, _ in plans:
            n = 1
            for e in box.extents:
                n *= e
            total += n * element_bytes(memref.type.element_type)
        return total

    def _copy(self, ops: list[Operation]) -> bool:
        if not ops:
            return False
        plans = self._plan(ops)
        if not plans:
            return False
        space = IntegerAttr(self.fast_mem_space, IntegerType(64)) if self.fast_mem_space else None
        for memref, box, accesses in plans:
            block, first, last = _placement(ops, memref, box, accesses)
            t = memref.type
            fast_t = MemRefType(tuple(box.extents), t.element_type, None, space)
            fast = AllocOp([], [], result_types=[fast_t], location=first.location)
            block.insert_before(first, fast)
            _copy_nest(block, first, True, memref, fast.results[0], box, to_fast=True)
            for a in accesses:
                _retarget(a, fast.results[0], box)
            free = DeallocOp(fast.results[0], location=last.location)
            block.insert_after(last, free)
            if any(isinstance(a, AffineStoreOp) for a in accesses):
                _copy_nest(block, last, False, fast.results[0], memref, box, to_fast=False)
            self.count("num-copied")
            n = 1
            for e in box.extents:
                n *= e
            self.count("num-fast-bytes", n * element_bytes(t.element_type))
        return True
