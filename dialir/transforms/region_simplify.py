"""Region simplification, run by canonicalize after each sweep (MLIR's simplifyRegions).

- unreachable blocks are erased;
- dead code goes by liveness, not just use counts: ops without side effects whose results
  feed nothing live, and block arguments that feed nothing live (so a dead value carried
  around a loop through block arguments goes too);
- at MLIR's `aggressive` level only: identical blocks with the same successors are merged
  (operands that differ become block arguments), and a block argument that receives the
  same value from every predecessor is replaced by it.

A block with a single predecessor is merged into it by `cf.br`'s canonicalization pattern, as
in MLIR, not here.

Block arguments are only changed where every predecessor's terminator is a branch whose
successor operands dialir can edit: a registered op with `successor_operands(i)`, one
single successor per variadic operand group, in order (cf.br, cf.cond_br). The arguments of
other blocks, and of entry blocks, are left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialir.core.ir.attrs import DenseArrayAttr
from dialir.core.ir.operation import Block, BlockArgument, Operation, OpResult, Region, Value
from dialir.core.ir.traits import IsTerminator
from dialir.core.ods.opdef import SINGLE, VARIADIC
from dialir.core.rewrite.patterns import (
    PatternRewriter,
    would_op_be_trivially_dead,
)

# -- successor operands of branches ------------------------------------------------------------

_BRANCH_FIELDS: dict[type, list | None] = {}


def _branch_fields(term: Operation) -> list | None:
    """The operand groups forwarded to each successor of an editable branch, or None."""
    cls = type(term)
    fields = _BRANCH_FIELDS.get(cls, False)
    if fields is not False:
        return fields
    fields = None
    d = getattr(cls, "definition", None)
    if (
        cls.is_registered
        and d is not None
        and hasattr(cls, "successor_operands")
        and d.successors
        and all(s.kind == SINGLE for s in d.successors)
    ):
        groups = [f for f in d.operands if f.kind != SINGLE]
        if len(groups) == len(d.successors) and all(f.kind == VARIADIC for f in groups):
            fields = groups
    _BRANCH_FIELDS[cls] = fields
    return fields


def successor_operand_range(term: Operation, index: int) -> tuple[int, int] | None:
    """(start, size) of the operands `term` forwards to successor `index`; None when dialir
    cannot edit them."""
    fields = _branch_fields(term)
    if fields is None or index >= len(fields):
        return None
    start, size = term.segment(fields[index])
    forwarded = term.successor_operands(index)
    uses = term.operand_uses
    if len(forwarded) != size or any(
        uses[start + k].value is not v for k, v in enumerate(forwarded)
    ):
        return None
    return start, size


def is_editable_branch(term: Operation) -> bool:
    return _branch_fields(term) is not None


def erase_successor_operands(term: Operation, index: int, positions: Sequence[int]) -> None:
    """Drop the operands at `positions` (within successor `index`'s operands) from `term`."""
    fields = _branch_fields(term)
    start, size = term.segment(fields[index])
    drop = {start + k for k in positions}
    term.set_operands([v for i, v in enumerate(term.operands) if i not in drop])
    seg = term.properties.get("operandSegmentSizes")
    if isinstance(seg, DenseArrayAttr):
        sizes = list(seg.values)
        sizes[type(term).definition.operands.index(fields[index])] -= len(drop)
        term.properties["operandSegmentSizes"] = DenseArrayAttr(seg.element_type, sizes)


def predecessors(region: Region) -> dict[Block, list[tuple[Operation, int]]]:
    """For each block of `region`: the (terminator, successor index) edges that reach it."""
    preds: dict[Block, list[tuple[Operation, int]]] = {b: [] for b in region.blocks}
    for b in region.blocks:
        t = b.last
        if t is None or not t.successors:
            continue
        for i, s in enumerate(t.successors):
            edges = preds.get(s)
            if edges is not None:
                edges.append((t, i))
    return preds


def _editable_edges(
    edges: list[tuple[Operation, int]],
) -> list[tuple[Operation, int, int]] | None:
    """(terminator, successor index, start of its forwarded operands) for each edge, or None
    when some predecessor cannot be edited (or there is none)."""
    out = []
    for t, i in edges:
        rng = successor_operand_range(t, i)
        if rng is None:
            return None
        out.append((t, i, rng[0]))
    return out or None


def _erase_block_arguments(
    rewriter: PatternRewriter, block: Block, indices: list[int], edges: list[tuple[Operation, int]]
) -> None:
    """Erase the (unused) arguments `indices` of `block` and what each edge forwards to them."""
    for t, i in edges:
        rewriter.start_op_modification(t)
        erase_successor_operands(t, i, indices)
        rewriter.finalize_op_modification(t)
    for k in sorted(indices, reverse=True):
        block.erase_argument(k)


# -- the steps ---------------------------------------------------------------------------------


def simplify_regions(
    rewriter: PatternRewriter, regions: Sequence[Region], merge_blocks: bool = False
) -> bool:
    """The steps of MLIR's simplifyRegions on `regions` and everything nested in them
    (`merge_blocks`: its aggressive level); True if anything changed."""
    changed = erase_unreachable_blocks(rewriter, regions)
    changed |= run_region_dce(rewriter, regions)
    if merge_blocks:
        multi = [r for r in _all_regions(regions) if len(r.blocks) > 1]
        if multi:
            for region in multi:
                while merge_identical_blocks(rewriter, region):
                    changed = True
            changed |= drop_redundant_arguments(rewriter, multi)
    return changed


def _all_regions(regions: Sequence[Region]) -> list[Region]:
    out: list[Region] = []
    stack = list(regions)
    while stack:
        region = stack.pop()
        out.append(region)
        for block in region.blocks:
            op = block.first
            while op is not None:
                if op.regions:
                    stack.extend(op.regions)
                op = op.next
    return out


def erase_unreachable_blocks(rewriter: PatternRewriter, regions: Sequence[Region]) -> bool:
    """Erase blocks that cannot be reached from their region's entry block."""
    changed = False
    for region in _all_regions(regions):
        blocks = region.blocks
        if len(blocks) < 2 or blocks[0].parent is not region:
            continue
        reachable = {blocks[0]}
        stack = [blocks[0]]
        while stack:
            b = stack.pop()
            t = b.last
            if t is None:
                continue
            for s in t.successors:
                if s not in reachable:
                    reachable.add(s)
                    stack.append(s)
        dead = [b for b in blocks if b not in reachable]
        if not dead:
            continue
        # Unreachable blocks may use each other's values: drop every reference first.
        for b in dead:
            for op in b.ops:
                op.drop_all_references()
        for b in dead:
            rewriter.erase_block(b)
        changed = True
    return changed


def _is_terminator(op: Operation) -> bool:
    cls = type(op)
    return bool(op.successors) or cls.is_registered and IsTerminator in cls.traits


class Liveness:
    """Which values and ops in some regions are live (MLIR's runRegionDCE analysis).

    Ops with side effects and terminators are live and so are their operands; a value is
    live when a live op uses it; an op without side effects is live when one of its results
    is. A branch operand is live only when the block argument it feeds is, so values that
    only go around a loop through block arguments are dead. Subclasses refine the rules
    (`remove-dead-values` follows calls into private functions)."""

    def __init__(self) -> None:
        self.live: set = set()  # live values and live ops
        self.stack: list = []
        self.candidates: list[Operation] = []  # no side effects: dead unless used
        # Non-entry block with arguments -> incoming edges (terminator, successor index,
        # start of the forwarded operands or None where the terminator cannot be edited).
        self.incoming: dict[Block, list[tuple[Operation, int, int | None]]] = {}
        self.removable: list[Block] = []  # blocks whose dead arguments can go

    def mark(self, v: Value) -> None:
        if v not in self.live:
            self.live.add(v)
            self.stack.append(v)

    def run(self, regions: Sequence[Region]) -> None:
        for region in regions:
            self.visit_region(region)
        self.propagate()

    def visit_region(self, region: Region) -> None:
        blocks = region.blocks
        if not blocks:
            return
        mark = self.mark
        preds = predecessors(region) if len(blocks) > 1 else None
        for block in blocks:
            if preds is not None and block is not blocks[0] and block.args:
                edges = []
                for t, i in preds[block]:
                    rng = successor_operand_range(t, i)
                    edges.append((t, i, None if rng is None else rng[0]))
                self.incoming[block] = edges
                if edges and all(start is not None for _, _, start in edges):
                    self.removable.append(block)
                else:
                    for a in block.args:
                        mark(a)
            op = block.first
            while op is not None:
                if not self.visit_special(op):
                    if _is_terminator(op):
                        self.live.add(op)
                        fields = _branch_fields(op) if op.successors else None
                        if fields is None:
                            for u in op.operand_uses:
                                mark(u.value)
                        else:
                            # Only the operands that are not forwarded (a condition) are live.
                            forwarded = set()
                            for f in fields:
                                start, size = op.segment(f)
                                forwarded.update(range(start, start + size))
                            for k, u in enumerate(op.operand_uses):
                                if k not in forwarded:
                                    mark(u.value)
                    elif would_op_be_trivially_dead(op):
                        self.candidates.append(op)
                    else:
                        self.live.add(op)
                        for u in op.operand_uses:
                            mark(u.value)
                if op.regions:
                    for r in op.regions:
                        self.visit_region(r)
                op = op.next

    def visit_special(self, op: Operation) -> bool:
        """Hook: classify `op` by other rules and return True."""
        return False

    def propagate(self) -> None:
        live, stack, mark = self.live, self.stack, self.mark
        while stack:
            v = stack.pop()
            if isinstance(v, OpResult):
                if not self.result_live(v):
                    owner = v.owner
                    if owner not in live:
                        live.add(owner)
                        for u in owner.operand_uses:
                            mark(u.value)
            elif isinstance(v, BlockArgument):
                edges = self.incoming.get(v.owner)
                if edges:
                    k = v.index
                    for t, _, start in edges:
                        if start is not None:
                            mark(t.operand_uses[start + k].value)
                else:
                    self.argument_live(v)

    def result_live(self, v: OpResult) -> bool:
        """Hook: handle a result that became live and return True."""
        return False

    def argument_live(self, v: BlockArgument) -> None:
        """Hook: an entry block argument became live."""

    def dead_ops(self) -> list[Operation]:
        """The dead ops, without those nested in other dead ops (which go with them)."""
        dead = [op for op in self.candidates if op not in self.live]
        dead_set = set(dead)
        return [op for op in dead if not _inside_any(op, dead_set)]

    def dead_arguments(self) -> dict[Block, list[int]]:
        out = {}
        for b in self.removable:
            ks = [a.index for a in b.args if a not in self.live]
            if ks:
                out[b] = ks
        return out

    def erase_dead_arguments(self, rewriter: PatternRewriter, dead: dict[Block, list[int]]) -> None:
        for block, indices in dead.items():
            edges = [(t, i) for t, i, _ in self.incoming[block]]
            _erase_block_arguments(rewriter, block, indices, edges)


def run_region_dce(rewriter: PatternRewriter, regions: Sequence[Region]) -> bool:
    """Erase side-effect-free ops and block arguments that feed nothing live (MLIR's
    runRegionDCE, see `Liveness`); True if anything was erased."""
    liveness = Liveness()
    liveness.run(regions)
    dead_ops = liveness.dead_ops()
    dead_args = liveness.dead_arguments()
    if not dead_ops and not dead_args:
        return False
    # The dead ops' operands go first: they may use the dead block arguments.
    for op in dead_ops:
        op.drop_all_references()
    liveness.erase_dead_arguments(rewriter, dead_args)
    rewriter.erase_ops(dead_ops)
    return True


def _inside_any(op: Operation, ops: set) -> bool:
    parent = op.parent_op
    while parent is not None:
        if parent in ops:
            return True
        parent = parent.parent_op
    return False


def drop_redundant_arguments(rewriter: PatternRewriter, regions: Sequence[Region]) -> bool:
    """Replace a block argument that every predecessor passes the same value for."""
    changed = False
    for region in regions:
        preds = predecessors(region)
        for block in region.blocks[1:]:
            if not block.args:
                continue
            edges = _editable_edges(preds[block])
            if edges is None:
                continue
            redundant = []
            for a in block.args:
                k = a.index
                common = edges[0][0].operand_uses[edges[0][2] + k].value
                if common is a or any(
                    t.operand_uses[start + k].value is not common for t, _, start in edges
                ):
                    continue
                rewriter.replace_all_uses_with(a, common)
                redundant.append(k)
            if redundant:
                _erase_block_arguments(rewriter, block, redundant, [(t, i) for t, i, _ in edges])
                changed = True
    return changed


def append_successor_operands(term: Operation, index: int, values: Sequence[Value]) -> None:
    """Append `values` to the operands `term` forwards to successor `index`."""
    fields = _branch_fields(term)
    start, size = term.segment(fields[index])
    ops = list(term.operands)
    term.set_operands(ops[: start + size] + list(values) + ops[start + size :])
    seg = term.properties.get("operandSegmentSizes")
    if isinstance(seg, DenseArrayAttr):
        sizes = list(seg.values)
        sizes[type(term).definition.operands.index(fields[index])] += len(values)
        term.properties["operandSegmentSizes"] = DenseArrayAttr(seg.element_type, sizes)


def _same_shape(a: Operation, b: Operation) -> bool:
    """MLIR's OperationEquivalence::isEquivalentTo ignoring operand values and locations."""
    return (
        a.name == b.name
        and a.properties == b.properties
        and a.attributes == b.attributes
        and len(a.operand_uses) == len(b.operand_uses)
        and len(a.results) == len(b.results)
        and len(a.regions) == len(b.regions)
        and a.successors == b.successors
        and all(x.type is y.type for x, y in zip(a.results, b.results))
        and all(x.value.type is y.value.type for x, y in zip(a.operand_uses, b.operand_uses))
    )


def _used_outside(values: Sequence[Value], block: Block) -> bool:
    return any(use.owner.parent is not block for v in values for use in v.uses)


def _order(block: Block) -> dict:
    """Position of each value defined in `block` (arguments, then results in op order)."""
    order = {a: a.index for a in block.args}
    k = len(block.args)
    op = block.first
    while op is not None:
        for r in op.results:
            order[r] = k
            k += 1
        op = op.next
    return order


def _mismatches(leader: Block, other: Block) -> list[tuple[int, int]] | None:
    """MLIR's BlockMergeCluster::addToCluster: the (op index, operand index) pairs where
    `other` uses a different outside value than `leader`, or None when they differ more."""
    if [a.type for a in leader.args] != [a.type for a in other.args]:
        return None
    lorder, oorder = _order(leader), _order(other)
    out = []
    x, y, i = leader.first, other.first, 0
    while x is not None and y is not None:
        if not _same_shape(x, y):
            return None
        for k, (u, v) in enumerate(zip(x.operand_uses, y.operand_uses)):
            a, b = u.value, v.value
            if a is b:
                continue
            a_in, b_in = a.owner_block is leader, b.owner_block is other
            if a_in != b_in:
                return None
            if not a_in:
                if not (_valid_successor_arg(leader, a) and _valid_successor_arg(other, b)):
                    return None
                out.append((i, k))
            elif lorder[a] != oorder[b]:
                return None
        if _used_outside(x.results, leader) or _used_outside(y.results, other):
            return None
        x, y, i = x.next, y.next, i + 1
    if x is not None or y is not None:
        return None
    return out


def _valid_successor_arg(block: Block, v: Value) -> bool:
    """A value made by an immediate predecessor's terminator cannot be passed to `block`."""
    if not isinstance(v, OpResult):
        return True
    owner_block = v.owner.parent
    if owner_block is None or v.owner is not owner_block.last:
        return True
    return owner_block not in block.predecessors()


def merge_identical_blocks(rewriter: PatternRewriter, region: Region) -> bool:
    """MLIR's mergeIdenticalBlocks: blocks other than the entry with the same successors and
    the same ops (outside operands may differ: they become new block arguments) are merged
    into the first; True if any was."""
    blocks = region.blocks
    if len(blocks) < 2:
        return False
    groups: dict[tuple, list[Block]] = {}
    for b in blocks[1:]:
        groups.setdefault(tuple(id(s) for s in b.successors()), []).append(b)
    merged = False
    for group in groups.values():
        if len(group) < 2:
            continue
        clusters: list[tuple[Block, list[Block], set]] = []
        for b in group:
            if any(op.regions and any(r.blocks for r in op.regions) for op in b.ops):
                continue
            if _used_outside(b.args, b):
                continue
            for leader, members, operands in clusters:
                found = _mismatches(leader, b)
                if found is not None:
                    members.append(b)
                    operands.update(found)
                    break
            else:
                clusters.append((b, [], set()))
        for leader, members, operands in clusters:
            merged |= _merge_cluster(rewriter, leader, members, sorted(operands))
    return merged


def _merge_cluster(
    rewriter: PatternRewriter, leader: Block, members: list[Block], operands: list
) -> bool:
    if not members:
        return False
    region = leader.parent
    preds = predecessors(region)
    cluster = [leader, *members]
    if operands:
        if any(_editable_edges(preds[b]) is None for b in cluster):
            return False
        new_args: list[list[Value]] = [[] for _ in cluster]
        op_lists = [list(b.ops) for b in cluster]
        for op_index, operand_index in operands:
            for c, ops in enumerate(op_lists):
                use = ops[op_index].operand_uses[operand_index]
                new_args[c].append(use.value)
                if c == 0:
                    arg = leader.add_argument(use.value.type)
                    rewriter.start_op_modification(use.owner)
                    use.set(arg)
                    rewriter.finalize_op_modification(use.owner)
        for c, b in enumerate(cluster):
            for t, i in preds[b]:
                rewriter.start_op_modification(t)
                append_successor_operands(t, i, new_args[c])
                rewriter.finalize_op_modification(t)
    for b in members:
        for t, i in preds[b]:
            rewriter.start_op_modification(t)
            succ = list(t.successors)
            succ[i] = leader
            t.successors = succ
            rewriter.finalize_op_modification(t)
        rewriter.erase_block(b)
    return True
