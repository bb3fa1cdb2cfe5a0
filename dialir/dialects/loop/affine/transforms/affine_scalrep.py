"""affine-scalrep: scalar replacement of affine memory accesses (MLIR's -affine-scalrep,
affineScalarReplace), in four steps:

1. store-to-load forwarding: an `affine.load` reading the element a dominating
   `affine.store` wrote, with nothing that may write the memref in between, becomes the
   stored value;
2. dead stores: an `affine.store` overwritten by a later store to the same element of the
   same block, with nothing that may read the memref in between, is erased;
3. redundant loads: an `affine.load` of the element a dominating load read, with nothing that
   may write the memref in between, becomes that load's result;
4. a `memref.alloc`/`memref.alloca` left with only stores and deallocs is erased with them.

Two accesses touch the same element when they use the same memref value and, with the
`affine.apply` ops feeding them composed in, the same map of the same operands.

"In between" is walked on the IR: the ops before the load in its block, then up through each
op holding it (for a loop, its whole body counts: a later iteration's writes come before
this iteration's load) and the ops before that op, until the candidate is found. A memref
may be written by a store to it or to a memref that may alias it (values of distinct
allocations, or of distinct globals, do not alias; function arguments may alias each other),
by an op with a `MemWrite` or `MemFree` effect on such a memref, and by any op whose effects
are not known (calls, unregistered ops). Nothing is dropped that the interpreter could tell
apart, except loads of elements that were never written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dialir.core.ir.affine import AffineConstantExpr
from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.ir.traits import (
    IsTerminator,
    MemAlloc,
    MemFree,
    MemRead,
    MemWrite,
    Pure,
    RecursiveMemoryEffects,
)
from dialir.core.ir.types import MemRefType
from dialir.core.passes import Pass, register_pass
from dialir.dialects.loop.affine.ops import AffineLoadOp, AffineStoreOp
from dialir.dialects.loop.affine.transforms.affine_loop_normalize import value_map_difference
from dialir.dialects.loop.affine.utils import (
    canonicalize_map_and_operands,
    compose_affine_map_and_operands,
)

VIEW_LIKE = frozenset({
    "memref.subview", "memref.cast", "memref.collapse_shape", "memref.expand_shape",
    "memref.reinterpret_cast", "memref.transpose", "memref.memory_space_cast",
    "memref.reshape", "memref.view",
})  # fmt: skip
# Ops whose regions run once at most each time the op runs (not loops).
ONCE = frozenset({"affine.if", "scf.if", "scf.execute_region", "memref.alloca_scope"})
LOOPS = frozenset({
    "affine.for", "affine.parallel", "scf.for", "scf.parallel", "scf.forall", "scf.while",
})  # fmt: skip
STORES = frozenset({"affine.store", "memref.store", "affine.vector_store"})


# -- aliasing ------------------------------------------------------------------------------------


def _root(v: Value) -> tuple:
    """What a memref value is a view of: ("alloc", op), ("global", name) or ("unknown", v)."""
    while isinstance(v, OpResult) and v.owner.name in VIEW_LIKE:
        v = v.owner.operands[0]
    if isinstance(v, OpResult):
        op = v.owner
        if type(op).is_registered and MemAlloc in type(op).traits:
            return ("alloc", op)
        if op.name == "memref.get_global":
            return ("global", op.get_attr("name"))
    return ("unknown", v)


def may_alias(a: tuple, b: tuple) -> bool:
    if a == b:
        return True
    if a[0] == "alloc" or b[0] == "alloc":
        return False  # a fresh allocation is reachable through its own value only
    return not (a[0] == "global" and b[0] == "global")


# -- effects -------------------------------------------------------------------------------------


def _memref_operands(op: Operation) -> Iterator[Value]:
    return (v for v in op.operands if isinstance(v.type, MemRefType))


def _defined_outside(v: Value, loop: Operation | None) -> bool:
    if loop is None:
        return True
    block = v.owner_block
    while block is not None:
        parent = block.parent_op
        if parent is loop:
            return False
        block = parent.parent if parent is not None else None
    return True


def _distinct(key: tuple, other: Operation, loop: Operation | None) -> bool:
    """Whether the affine store `other` provably writes another element than `key` reads:
    the same memref, a subscript differing by a nonzero constant, and (when `loop` is the
    loop the store repeats in) no subscript operand that changes between its iterations."""
    if other.name != "affine.store" or other.memref is not key[0]:
        return False
    memref, m, operands = access_key(other)
    if m.num_results != key[1].num_results:
        return False
    if not all(_defined_outside(v, loop) for v in (*operands, *key[2])):
        return False
    diff, _ = value_map_difference(m, operands, key[1], key[2])
    return any(isinstance(e, AffineConstantExpr) and e.value != 0 for e in diff.results)


def _may_touch(op: Operation, root: tuple, write: bool, key: tuple | None = None,
               loop: Operation | None = None) -> bool:  # fmt: skip
    """Whether `op` or an op nested in it may write (`write`) or read `root`'s memory (a
    store that provably misses `key`'s element does not count; see `_distinct`)."""
    for o in op.walk():
        if key is not None and _distinct(key, o, loop):
            continue
        cls = type(o)
        if not cls.is_registered:
            return True
        traits = cls.traits
        if Pure in traits or (IsTerminator in traits and not traits & {MemWrite, MemRead}):
            continue
        if RecursiveMemoryEffects in traits:
            continue  # its nested ops are walked
        if o.name == "memref.copy":
            target = o.operands[1] if write else o.operands[0]
            if may_alias(_root(target), root):
                return True
            continue
        effects = (MemWrite, MemFree) if write else (MemRead,)
        if MemAlloc in traits and not traits & {MemWrite, MemRead, MemFree}:
            continue
        if not traits & {MemWrite, MemRead, MemFree}:
            return True  # effects unknown: a call, an op without declared effects
        if not any(t in traits for t in effects):
            continue
        if any(may_alias(_root(m), root) for m in _memref_operands(o)):
            return True
    return False


# -- accesses ------------------------------------------------------------------------------------


def access_key(op: Operation) -> tuple:
    """(memref, map, operands) with the affine.apply ops feeding the subscripts composed in."""
    memref = op.memref
    m, operands = compose_affine_map_and_operands(op.map.value, list(op.indices))
    m, operands = canonicalize_map_and_operands(m, operands)
    return (memref, m, tuple(operands))


def _find_dominating(load: Operation, key: tuple, root: tuple, keys: dict,
                     stores_only: bool) -> Operation | None:  # fmt: skip
    """The nearest store (or load, unless `stores_only`) of `key` that dominates `load` with
    nothing that may write the memory between them (see the module doc), or None."""
    op = load
    while True:
        prev = op.prev
        while prev is not None:
            if prev.name == "affine.store" and keys.get(prev) == key:
                return prev
            if not stores_only and prev.name == "affine.load" and keys.get(prev) == key:
                return prev
            if _may_touch(prev, root, True, key):
                return None
            prev = prev.prev
        parent = op.parent.parent_op if op.parent is not None else None
        if parent is None or parent.name == "func.func" or len(parent.regions[0].blocks) != 1:
            return None
        if parent.name in LOOPS:
            if any(_may_touch(o, root, True, key, parent) for r in parent.regions for o in r.ops()):
                return None
        elif parent.name not in ONCE:
            return None
        op = parent


def _dead_store(store: Operation, key: tuple, root: tuple, keys: dict) -> bool:
    """Whether a later store of the same block overwrites `store` before anything may read
    the memory."""
    nxt = store.next
    while nxt is not None:
        if nxt.name == "affine.store" and keys.get(nxt) == key:
            return True
        if _may_touch(nxt, root, write=False):
            return False
        nxt = nxt.next
    return False


def _only_stored(alloc: Operation) -> list[Operation] | None:
    """The stores and deallocs that are the only uses of `alloc`'s buffer, or None."""
    users = []
    for use in alloc.results[0].uses:
        user = use.owner
        if user.name in STORES and use.index == 1:
            users.append(user)
        elif user.name == "memref.dealloc":
            users.append(user)
        else:
            return None
    return users


@register_pass
@dataclass
class AffineScalarReplacement(Pass):
    """MLIR's -affine-scalrep."""

    name = "affine-scalrep"
    summary = (
        "Replace affine memref accesses by scalars by forwarding stores to loads and "
        "eliminating redundant loads"
    )
    op_name = "func.func"
    dependent_dialects = ("affine", "memref")
    statistics = {
        "num-forwarded": "Loads replaced by the value stored before them",
        "num-dead-stores": "Stores erased because a later store overwrites them",
        "num-loads-eliminated": "Loads replaced by an earlier load of the same element",
        "num-dead-allocs": "Allocations erased because nothing reads them",
    }

    def run(self, op: Operation) -> None:
        changed = self._forward(op, stores_only=True, stat="num-forwarded")
        changed |= self._dead_stores(op)
        changed |= self._forward(op, stores_only=False, stat="num-loads-eliminated")
        changed |= self._dead_allocs(op)
        if not changed:
            self.mark_all_analyses_preserved()

    def _keys(self, op: Operation) -> dict:
        return {o: access_key(o) for o in op.walk() if isinstance(o, (AffineLoadOp, AffineStoreOp))}

    def _forward(self, op: Operation, stores_only: bool, stat: str) -> bool:
        keys = self._keys(op)
        changed = False
        for load in [o for o in keys if isinstance(o, AffineLoadOp)]:
            key = keys[load]
            source = _find_dominating(load, key, _root(key[0]), keys, stores_only)
            if source is None:
                continue
            value = source.value if isinstance(source, AffineStoreOp) else source.result
            load.result.replace_all_uses_with(value)
            del keys[load]
            load.erase()
            self.count(stat)
            changed = True
        return changed

    def _dead_stores(self, op: Operation) -> bool:
        keys = self._keys(op)
        dead = [
            s for s in keys
            if isinstance(s, AffineStoreOp) and _dead_store(s, keys[s], _root(keys[s][0]), keys)
        ]  # fmt: skip
        for s in dead:
            s.erase()
        self.count("num-dead-stores", len(dead))
        return bool(dead)

    def _dead_allocs(self, op: Operation) -> bool:
        changed = False
        for alloc in [o for o in op.walk() if o.name in ("memref.alloc", "memref.alloca")]:
            users = _only_stored(alloc)
            if users is None:
                continue
            for u in users:
                u.erase()
            alloc.erase()
            self.count("num-dead-allocs")
            changed = True
        return changed
