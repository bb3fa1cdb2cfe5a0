"""buffer-reuse: static memory planning of a function's intermediate buffers.

Every `memref.alloc` in the function's entry block whose buffer does not escape (it is only
loaded, stored, copied, viewed and deallocated; never returned, passed to a call or captured)
is live from its first use to its last use, each use counted at the entry-block op holding it
(a use inside a loop keeps the buffer live for the whole loop: regions are taken whole). The
buffers are then placed in one byte arena by a greedy-by-size, best-fit planner (as TVM's and
Glow's planners do): the largest first, each into the smallest gap between the buffers already
placed whose lifetimes overlap its own, offsets aligned to `alignment`. Every planned
allocation becomes a `memref.view` of the arena, its deallocs are dropped, and the arena is
freed after the last use of any buffer in it:

    %a = memref.alloc() : memref<16xf32>            %arena = memref.alloc() {alignment = 64}
    ... uses of %a ...                        ->              : memref<64xi8>
    memref.dealloc %a : memref<16xf32>             %a = memref.view %arena[%c0][]
    %b = memref.alloc() : memref<16xf32>                : memref<64xi8> to memref<16xf32>
    ... uses of %b ...                             ... uses of %a ...
                                                   %b = memref.view %arena[%c0][] : ...

In place: when an elementwise loop nest reads buffer A and writes buffer B of the same shape
and element size at the same point (loads of A before the store to B, indices the nest's
induction variables one to one) and A dies there, B takes A's memory.

Run-time sizes: buffers whose dynamic sizes are the same values (`memref.alloc(%n)`) share an
arena of K * product(sizes) bytes, planned in bytes per unit of that product; each distinct
set of dynamic size values gets its own arena, static buffers one more.

`--pass-statistics` reports the bytes of static buffers before (each buffer its own memory;
and the peak of the bytes live at once between each alloc and its dealloc) and after (the
arena), with the same figures per unit of the size product for run-time sized buffers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from dialir.core.ir.affine import AffineConstantExpr, AffineDimExpr
from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.operation import Block, BlockArgument, Operation, Value
from dialir.core.ir.types import DYNAMIC, FloatType, IndexType, IntegerType, MemRefType, Type
from dialir.core.passes import Pass, PassFailure, option, register_pass
from dialir.dialects.arith.ops import ConstantOp, MulIOp
from dialir.dialects.memref.ops import AllocOp, DeallocOp, ViewOp

INDEX = IndexType()
I8 = IntegerType(8)

# Ops whose result is a view of their first operand: uses of the result are uses of the buffer.
VIEW_LIKE = frozenset({
    "memref.subview", "memref.cast", "memref.collapse_shape", "memref.expand_shape",
    "memref.reinterpret_cast", "memref.transpose", "memref.memory_space_cast",
    "memref.reshape",
})  # fmt: skip
# Ops that read or write a memref operand and keep no reference to it.
ACCESS = frozenset({
    "memref.load", "memref.store", "memref.copy", "memref.dim", "memref.prefetch",
    "memref.atomic_rmw", "memref.generic_atomic_rmw", "affine.load", "affine.store",
    "affine.vector_load", "affine.vector_store", "affine.prefetch",
})  # fmt: skip
LOOPS = frozenset({"affine.for", "scf.for", "affine.parallel", "scf.parallel", "scf.forall"})
_ELEMENT_BYTES = {"f16": 2, "f32": 4, "f64": 8}


def element_bytes(t: Type) -> int | None:
    """Bytes per element as both the interpreter and the LLVM lowering store it; None for
    types planned by neither (vectors, bf16, odd integer widths)."""
    if isinstance(t, IndexType):
        return 8
    if isinstance(t, IntegerType) and t.width in (1, 8, 16, 32, 64):
        return max(1, t.width // 8)
    if isinstance(t, FloatType):
        return _ELEMENT_BYTES.get(t.kind)
    return None


def _align(n: int, alignment: int) -> int:
    return -(-n // alignment) * alignment


# -- liveness ------------------------------------------------------------------------------------


class Buffer:
    """One planned allocation: its byte size (per unit of the group's size product), the
    entry-block positions of its first and last use, and what the rewrite drops."""

    __slots__ = ("alloc", "size", "key", "start", "end", "deallocs", "slot", "offset")

    def __init__(self, alloc: Operation, size: int, key: tuple) -> None:
        self.alloc = alloc
        self.size = size
        self.key = key
        self.start = self.end = -1
        self.deallocs: list[Operation] = []
        self.slot: Slot | None = None
        self.offset = 0


class Slot:
    """Buffers sharing one piece of the arena (a buffer and those that reuse it in place)."""

    __slots__ = ("buffers", "size", "start", "end", "offset")

    def __init__(self, buffer: Buffer) -> None:
        self.buffers = [buffer]
        self.size = buffer.size
        self.start, self.end = buffer.start, buffer.end
        self.offset = 0


def _entry_ancestor(op: Operation, entry: Block) -> Operation | None:
    """The op of `entry` that holds `op` (itself when it is there), or None."""
    while op is not None and op.parent is not entry:
        op = op.parent_op
    return op


def _uses(value: Value) -> Iterator[Operation]:
    """The ops using `value` or a view of it; a view op is yielded too."""
    stack = [value]
    while stack:
        v = stack.pop()
        for use in v.uses:
            user = use.owner
            yield user
            if user.name in VIEW_LIKE and use.index == 0:
                stack.extend(user.results)


def _definition_order(v: Value, position: dict) -> tuple[int, int, int]:
    """Function arguments first, then entry-block results, in order (a deterministic key)."""
    if isinstance(v, BlockArgument):
        return (0, v.index, 0)
    return (1, position[v.owner], v.index)


def _analyse(alloc: Operation, entry: Block, position: dict) -> Buffer | None:
    """The buffer of `alloc` with its live range, or None when it cannot be planned."""
    t = alloc.results[0].type
    nbytes = element_bytes(t.element_type)
    if nbytes is None or t.layout is not None or t.memory_space is not None:
        return None
    if alloc.operands[len(alloc.dynamicSizes) :]:
        return None  # symbol operands: a layout map
    key = tuple(sorted(alloc.dynamicSizes, key=lambda v: _definition_order(v, position)))
    static = math.prod(d for d in t.shape if d is not DYNAMIC)
    buf = Buffer(alloc, static * nbytes, key)
    first, last = position[alloc], position[alloc]
    seen_use = False
    for user in _uses(alloc.results[0]):
        if user.name == "memref.dealloc":
            if user.parent is not entry:
                return None  # a conditional free: its path matters
            buf.deallocs.append(user)
            continue
        if user.name not in ACCESS and user.name not in VIEW_LIKE:
            return None  # escapes: returned, passed on, captured
        top = _entry_ancestor(user, entry)
        if top is None:
            return None
        p = position[top]
        first = p if not seen_use else min(first, p)
        last = max(last, p)
        seen_use = True
    buf.start, buf.end = first, last
    return buf


def _peak(buffers: list[Buffer], position: dict, n: int) -> int:
    """The most bytes live at once with each buffer held from its alloc to its dealloc (to the
    end of the function where it has none): what the program needed before planning."""
    events: list[tuple[int, int]] = []
    for b in buffers:
        free = min((position[d] for d in b.deallocs), default=n)
        events.append((position[b.alloc], b.size))
        events.append((free, -b.size))
    live = peak = 0
    for _, delta in sorted(events, key=lambda e: (e[0], e[1])):
        live += delta
        peak = max(peak, live)
    return peak


# -- in-place reuse ------------------------------------------------------------------------------


def _access(op: Operation) -> tuple[Value, tuple | None, bool]:
    """(memref, the subscripts when each is one operand or a constant, is_store)."""
    if op.name in ("memref.load", "memref.store"):
        store = op.name == "memref.store"
        ops = op.operands[1:] if store else op.operands
        return ops[0], tuple(ops[1:]), store
    if op.name in ("affine.load", "affine.store"):
        store = op.name == "affine.store"
        ops = op.operands[1:] if store else op.operands
        m, args = op.get_attr("map").value, ops[1:]
        idx: list = []
        for e in m.results:
            if isinstance(e, AffineDimExpr):
                idx.append(args[e.position])
            elif isinstance(e, AffineConstantExpr):
                idx.append(e.value)  # a unit dimension folded away
            else:
                return ops[0], None, store
        return ops[0], tuple(idx), store
    return None, None, False  # type: ignore[return-value]


def _loop_ivs(op: Operation, nest: Operation) -> list[Value] | None:
    """The induction variables of the loops around `op` inside `nest` (None when a region
    on the way is not a loop's)."""
    ivs: list[Value] = []
    parent = op.parent_op
    while True:
        if parent is None or parent.name not in LOOPS:
            return None
        body = parent.regions[0].blocks[0]
        count = 1 if parent.name in ("affine.for", "scf.for") else len(body.args)
        count = count if parent.name != "scf.forall" else len(body.args) - len(parent.results)
        ivs.extend(body.args[:count])
        if parent is nest:
            return ivs
        parent = parent.parent_op


def _elementwise_in_place(nest: Operation, a: Buffer, b: Buffer) -> bool:
    """Whether `nest` reads A and writes B elementwise, so B may live in A's memory: every
    access to either is a load of A or a store to B directly on the allocation, all in one
    block, each at the same indices, which are the induction variables of every loop around
    them taken once each (distinct iterations touch distinct elements), and the loads
    come before the first store."""
    av, bv = a.alloc.results[0], b.alloc.results[0]
    at, bt = av.type, bv.type
    if at.shape != bt.shape or list(a.alloc.dynamicSizes) != list(b.alloc.dynamicSizes):
        return False
    if element_bytes(at.element_type) != element_bytes(bt.element_type):
        return False
    accesses = [u for v in (av, bv) for u in _uses(v) if nest.is_ancestor(u)]
    if not accesses:
        return False
    block, indices = accesses[0].parent, None
    for u in accesses:
        memref, idx, store = _access(u)
        if idx is None or u.parent is not block or store != (memref is bv):
            return False
        if indices is not None and idx != indices:
            return False
        indices = idx
    ivs = _loop_ivs(accesses[0], nest)
    values = [i for i in indices if isinstance(i, Value)]
    if ivs is None or len(set(values)) != len(values) or set(values) != set(ivs):
        return False
    order = {op: i for i, op in enumerate(block.ops)}
    first_store = min(order[u] for u in accesses if _access(u)[2])
    return all(order[u] < first_store for u in accesses if not _access(u)[2])


# -- the planner -------------------------------------------------------------------------------


def plan_offsets(slots: list[Slot], alignment: int) -> int:
    """Greedy by size, best fit: each slot, largest first, goes into the smallest gap left
    between the already placed slots whose lifetimes overlap its own (or on top of them).
    Returns the arena size."""
    placed: list[Slot] = []
    total = 0
    for s in sorted(slots, key=lambda s: (-s.size, s.start, s.end)):
        size = _align(s.size, alignment)
        busy = sorted(
            (p.offset, p.offset + _align(p.size, alignment))
            for p in placed
            if p.start <= s.end and s.start <= p.end
        )
        best, best_gap, cursor = None, None, 0
        for lo, hi in busy:
            gap = lo - cursor
            if gap >= size and (best_gap is None or gap < best_gap):
                best, best_gap = cursor, gap
            cursor = max(cursor, hi)
        s.offset = cursor if best is None else best
        placed.append(s)
        total = max(total, s.offset + size)
    return total


# -- the rewrite -------------------------------------------------------------------------------


def _index(value: int, before: Operation) -> Value:
    c = ConstantOp(value=IntegerAttr(value, INDEX), location=before.location)
    before.parent.insert_before(before, c)
    return c.result


def _scaled(value: int, product: Value | None, before: Operation) -> Value:
    """`value * product` as index ops before `before` (`value` alone when static)."""
    c = _index(value, before)
    if product is None or value == 0:
        return c
    mul = MulIOp(product, c, location=before.location)
    before.parent.insert_before(before, mul)
    return mul.result


def _rewrite(buffers: list[Buffer], arena_size: int, alignment: int, entry: Block,
             ops: list[Operation], position: dict) -> None:  # fmt: skip
    """Allocate the arena before the first buffer, replace each alloc by a view at its
    offset, drop the deallocs, free the arena after the last use (`ops`: the entry block
    as numbered before any rewrite)."""
    first = min(buffers, key=lambda b: position[b.alloc]).alloc
    key = buffers[0].key
    product: Value | None = None
    for v in key:
        if product is None:
            product = v
        else:
            mul = MulIOp(product, v, location=first.location)
            entry.insert_before(first, mul)
            product = mul.result
    if product is None:
        arena_type = MemRefType((arena_size,), I8)
        arena = AllocOp([], [], alignment=IntegerAttr(alignment, IntegerType(64)),
                        result_types=[arena_type], location=first.location)  # fmt: skip
    else:
        arena_type = MemRefType((DYNAMIC,), I8)
        total = _scaled(arena_size, product, first)
        arena = AllocOp([total], [], alignment=IntegerAttr(alignment, IntegerType(64)),
                        result_types=[arena_type], location=first.location)  # fmt: skip
    entry.insert_before(first, arena)
    end_op = ops[max(b.end for b in buffers)]
    for b in buffers:
        alloc = b.alloc
        shift = _scaled(b.slot.offset, product, alloc)
        view = ViewOp(arena.results[0], shift, list(alloc.dynamicSizes),
                      result_types=[alloc.results[0].type], location=alloc.location)  # fmt: skip
        entry.insert_before(alloc, view)
        if end_op is alloc:  # an unused buffer is last
            end_op = view
        alloc.results[0].replace_all_uses_with(view.result)
        alloc.erase()
        for d in b.deallocs:
            d.erase()
    # Never the terminator: a buffer the terminator uses escapes and is not planned.
    entry.insert_after(end_op, DeallocOp(arena.results[0], location=end_op.location))


@register_pass
@dataclass
class BufferReuse(Pass):
    """Static memory planning: intermediate buffers become views of one arena."""

    name = "buffer-reuse"
    summary = (
        "Plan a function's intermediate buffers into one arena by liveness (greedy by size, "
        "best fit), with in-place reuse for elementwise loop nests"
    )
    op_name = "func.func"
    dependent_dialects = ("memref", "arith")
    alignment: int = option(64, "Byte alignment of every buffer in the arena")
    in_place: bool = option(True, "Let an elementwise nest write into the buffer it consumes")
    statistics = {
        "num-buffers": "Buffers planned into arenas",
        "num-in-place": "Buffers placed in the memory of the input they consume in place",
        "num-arenas": "Arenas allocated",
        "bytes-before": "Bytes of static buffers, each in its own allocation",
        "peak-bytes-before": "Peak bytes of static buffers live between alloc and dealloc",
        "bytes-after": "Bytes of the static arena",
        "dynamic-bytes-before": "Bytes of run-time sized buffers per unit of their size product",
        "dynamic-peak-bytes-before": "Peak of the above between alloc and dealloc",
        "dynamic-bytes-after": "Bytes of run-time sized arenas per unit of their size product",
    }

    def run(self, op: Operation) -> None:
        if self.alignment <= 0 or self.alignment & (self.alignment - 1):
            raise PassFailure(f"alignment must be a power of two, got {self.alignment}", op)
        if not op.regions or not op.regions[0].blocks:
            self.mark_all_analyses_preserved()
            return
        entry = op.regions[0].blocks[0]
        ops = list(entry.ops)
        position = {o: i for i, o in enumerate(ops)}
        groups: dict[tuple, list[Buffer]] = {}
        for o in ops:
            if o.name != "memref.alloc":
                continue
            buf = _analyse(o, entry, position)
            if buf is not None:
                groups.setdefault(buf.key, []).append(buf)
        if not groups:
            self.mark_all_analyses_preserved()
            return
        for key, buffers in groups.items():
            self._plan_group(key, buffers, entry, ops, position)

    def _plan_group(self, key: tuple, buffers: list[Buffer], entry: Block, ops: list,
                    position: dict) -> None:  # fmt: skip
        prefix = "dynamic-" if key else ""
        self.count(prefix + "bytes-before", sum(b.size for b in buffers))
        self.count(prefix + "peak-bytes-before", _peak(buffers, position, len(ops)))
        slots = self._slots(buffers, ops)
        arena_size = plan_offsets(slots, self.alignment)
        for s in slots:
            for b in s.buffers:
                b.slot = s
        _rewrite(buffers, max(arena_size, self.alignment), self.alignment, entry, ops, position)
        self.count(prefix + "bytes-after", max(arena_size, self.alignment))
        self.count("num-buffers", len(buffers))
        self.count("num-arenas")

    def _slots(self, buffers: list[Buffer], ops: list) -> list[Slot]:
        """One slot per buffer, except that a buffer written in place of the input dying in
        the nest that first writes it joins that input's slot."""
        slot_of: dict[Buffer, Slot] = {}
        ending: dict[int, list[Buffer]] = {}
        for b in buffers:
            ending.setdefault(b.end, []).append(b)
        slots: list[Slot] = []
        for b in sorted(buffers, key=lambda b: (b.start, b.end)):
            target = None
            if self.in_place:
                for a in ending.get(b.start, ()):
                    s = slot_of.get(a)
                    if a is b or s is None or s.end != a.end or a.size != b.size:
                        continue
                    if _elementwise_in_place(ops[b.start], a, b):
                        target = s
                        break
            if target is None:
                slot_of[b] = Slot(b)
                slots.append(slot_of[b])
                continue
            target.buffers.append(b)
            target.end = b.end
            slot_of[b] = target
            self.count("num-in-place")
        return slots
