"""cse: eliminate common subexpressions, scoped by dominance (MLIR's -cse).

Ops are visited in dominance order (a depth-first walk of each region's dominator tree) with
one scoped hash table: an op is replaced by an equal op already in the table, that is one in
a dominating block or earlier in the same block. Equal means same name, operands (in any
order for a Commutative op), properties, attributes and result types, and structurally
equal single-block regions. Only ops free of memory effects are merged, plus, as in MLIR,
an op that only reads memory with an equal read earlier in the same block and no possible
write in between. Ops isolated from above start from an empty table; multi-block regions of
graph-region ops, and ops with multi-block regions, are not merged. Trivially dead ops met
on the way are erased.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.attrs import UNKNOWN_LOC
from dialir.core.ir.operation import Block, Operation, Region
from dialir.core.ir.traits import Commutative, GraphRegion, IsolatedFromAbove, IsTerminator
from dialir.core.ir.verifier import _immediate_dominators
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.patterns import (
    is_memory_effect_free,
    is_op_trivially_dead,
    only_reads_memory,
    would_op_be_trivially_dead,
)


def _dict_key(d: dict) -> tuple:
    if not d:
        return ()
    items = tuple(d.items())
    return items if len(items) == 1 else tuple(sorted(items, key=_first))


def _first(item: tuple) -> str:
    return item[0]


class _RegionKey:
    """The key of an op with regions: the plain key plus a structural comparison."""

    __slots__ = ("op", "base", "hash")

    def __init__(self, op: Operation, base: tuple) -> None:
        self.op = op
        self.base = base
        shape = tuple(tuple((len(b.args), len(b)) for b in r.blocks) for r in op.regions)
        self.hash = hash((base, shape))

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _RegionKey)
            and self.base == other.base
            and all(regions_equivalent(a, b) for a, b in zip(self.op.regions, other.op.regions))
        )


def regions_equivalent(a: Region, b: Region) -> bool:
    """Same blocks, argument types and ops, with values defined inside mapped one to one
    (MLIR's OperationEquivalence::isRegionEquivalentTo, locations ignored)."""
    if len(a.blocks) != len(b.blocks):
        return False
    mapping: dict = {}
    for ba, bb in zip(a.blocks, b.blocks):
        if len(ba.args) != len(bb.args):
            return False
        mapping[ba] = bb
        for x, y in zip(ba.args, bb.args):
            if x.type is not y.type:
                return False
            mapping[x] = y
    for ba, bb in zip(a.blocks, b.blocks):
        x, y = ba.first, bb.first
        while x is not None and y is not None:
            if not _ops_equivalent(x, y, mapping):
                return False
            x, y = x.next, y.next
        if x is not None or y is not None:
            return False
    return True


def _ops_equivalent(x: Operation, y: Operation, mapping: dict) -> bool:
    if (
        x.name != y.name
        or len(x.operand_uses) != len(y.operand_uses)
        or len(x.results) != len(y.results)
        or len(x.regions) != len(y.regions)
        or x.properties != y.properties
        or x.attributes != y.attributes
        or len(x.successors) != len(y.successors)
    ):
        return False
    for u, v in zip(x.operand_uses, y.operand_uses):
        if mapping.get(u.value, u.value) is not v.value:
            return False
    for s, t in zip(x.successors, y.successors):
        if mapping.get(s) is not t:
            return False
    for r, s in zip(x.results, y.results):
        if r.type is not s.type:
            return False
        mapping[r] = s
    return all(regions_equivalent(r, s) for r, s in zip(x.regions, y.regions))


class CSEDriver:
    """One run of CSE over some regions; counts what it merged and erased."""

    def __init__(self) -> None:
        self.known: dict = {}
        self.undo: list = []  # (key, previous op or None): the scoped table's history
        self.to_erase: list[Operation] = []
        # Read-only ops in the table: (block, write epoch) when they were entered.
        self.read_epoch: dict[Operation, tuple[Block, int]] = {}
        self.epoch = 0  # the current block's write epoch
        self.next_epoch = 0
        self.visited: set[Operation] = set()  # ops seen so far in graph regions
        self.num_cse = 0
        self.num_dce = 0

    def run(self, op: Operation) -> None:
        for region in op.regions:
            self.simplify_region(region, _has_ssa_dominance(op))
        # Erased together: in a graph region one may still use another.
        for dead in self.to_erase:
            dead.drop_all_references()
        for dead in self.to_erase:
            dead.detach()

    # -- the scoped table ------------------------------------------------------------------

    def _insert(self, key, op: Operation) -> None:
        known = self.known
        self.undo.append((key, known.get(key)))
        known[key] = op

    def _pop_scope(self, mark: int) -> None:
        known, undo = self.known, self.undo
        while len(undo) > mark:
            key, prev = undo.pop()
            if prev is None:
                del known[key]
            else:
                known[key] = prev

    # -- walking ---------------------------------------------------------------------------

    def simplify_region(self, region: Region, ssa_dominance: bool) -> None:
        blocks = region.blocks
        if not blocks:
            return
        if len(blocks) == 1:
            mark = len(self.undo)
            self.simplify_block(blocks[0], ssa_dominance)
            self._pop_scope(mark)
            return
        if not ssa_dominance:
            return  # no traversal order that is safe in a multi-block graph region
        idom = _immediate_dominators(region)
        children: dict[Block, list[Block]] = {}
        for b in blocks:  # region order: children visited in the order they appear
            parent = idom.get(b)
            if parent is not None:
                children.setdefault(parent, []).append(b)
        # Depth-first over the dominator tree; each node is a scope. Unreachable blocks are
        # not in the tree and are left alone.
        entry = blocks[0]
        mark = len(self.undo)
        self.simplify_block(entry, True)
        stack = [(mark, iter(children.get(entry, ())))]
        while stack:
            mark, kids = stack[-1]
            child = next(kids, None)
            if child is None:
                stack.pop()
                self._pop_scope(mark)
                continue
            child_mark = len(self.undo)
            self.simplify_block(child, True)
            stack.append((child_mark, iter(children.get(child, ()))))

    def _bump(self) -> None:
        self.next_epoch += 1
        self.epoch = self.next_epoch

    def simplify_block(self, block: Block, ssa_dominance: bool) -> None:
        # Each block has epochs of its own; a write nested in an op of the outer block
        # makes that op a write there, which bumps the outer block's epoch.
        outer = self.epoch
        self._bump()
        op = block.first
        while op is not None:
            if op.regions:
                self._simplify_nested(op)
            self.simplify_op(op, block, ssa_dominance)
            if not ssa_dominance:
                self.visited.add(op)
            op = op.next
        self.epoch = outer

    def _simplify_nested(self, op: Operation) -> None:
        cls = type(op)
        dominance = _has_ssa_dominance(op)
        if not cls.is_registered or IsolatedFromAbove in cls.traits:
            # Values from outside are not visible inside: start from an empty table.
            saved = (self.known, self.undo)
            self.known, self.undo = {}, []
            for region in op.regions:
                self.simplify_region(region, dominance)
            self.known, self.undo = saved
        else:
            for region in op.regions:
                self.simplify_region(region, dominance)

    def simplify_op(self, op: Operation, block: Block, ssa_dominance: bool) -> None:
        cls = type(op)
        if not cls.is_registered:
            self._bump()  # unknown effects: may write, never merged, never dead
            return
        traits = cls.traits
        if IsTerminator in traits:
            return
        if is_op_trivially_dead(op):
            self.to_erase.append(op)
            self.num_dce += 1
            return
        pure = is_memory_effect_free(op)
        if not pure:
            if not only_reads_memory(op):
                # A possible write: reads before it may not be reused after it.
                if not would_op_be_trivially_dead(op):
                    self._bump()
                return
        if op.regions and any(len(r.blocks) > 1 for r in op.regions):
            return
        key = self._key(op, traits)
        existing = self.known.get(key)
        if existing is not None:
            if pure:
                self._replace(op, existing, ssa_dominance)
                return
            seen = self.read_epoch.get(existing)
            if seen is not None and seen == (block, self.epoch):
                self._replace(op, existing, ssa_dominance)
                return
        self._insert(key, op)
        if not pure:
            self.read_epoch[op] = (block, self.epoch)

    def _key(self, op: Operation, traits) -> object:
        uses = op.operand_uses
        if len(uses) == 2 and Commutative in traits:
            a, b = uses[0].value, uses[1].value
            operands = (a, b) if id(a) <= id(b) else (b, a)
        else:
            operands = tuple(u.value for u in uses)
        results = op.results
        base = (
            op.name,
            operands,
            results[0].type if len(results) == 1 else tuple(r.type for r in results),
            _dict_key(op.properties),
            _dict_key(op.attributes),
        )
        return _RegionKey(op, base) if op.regions else base

    def _replace(self, op: Operation, existing: Operation, ssa_dominance: bool) -> None:
        if ssa_dominance:
            for r, e in zip(op.results, existing.results):
                r.replace_all_uses_with(e)
            self.to_erase.append(op)
        else:
            # Graph region: users visited already (earlier in the block) were hashed with
            # this op's results and keep them.
            visited = self.visited
            for r, e in zip(op.results, existing.results):
                r.replace_uses_where(e, lambda u: u.owner not in visited)
            if all(r.first_use is None for r in op.results):
                self.to_erase.append(op)
        if existing.location is UNKNOWN_LOC and op.location is not UNKNOWN_LOC:
            existing.location = op.location
        self.num_cse += 1


def _has_ssa_dominance(op: Operation) -> bool:
    cls = type(op)
    return not (cls.is_registered and GraphRegion in cls.traits)


@register_pass
@dataclass
class CSE(Pass):
    name = "cse"
    summary = "Eliminate common sub-expressions"
    op_name = None

    def run(self, op: Operation) -> None:
        driver = CSEDriver()
        driver.run(op)
        self.count("num-cse'd", driver.num_cse)
        self.count("num-dce'd", driver.num_dce)
