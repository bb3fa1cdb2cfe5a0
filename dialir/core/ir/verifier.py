"""The IR verifier: structure, terminators, successors, SSA dominance and per-op checks.

`verify(op)` raises a `VerifyError` (a `DiagnosticError`) at the first problem's location.
Dominance is checked per region: within a block by position, across blocks with the dominator
tree of the region's CFG; graph regions skip it, and values from enclosing regions must come
from an ancestor that dominates the use.
"""

from __future__ import annotations

from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, VerifyError
from dialir.core.ir.operation import (
    Block,
    BlockArgument,
    Operation,
    OpResult,
    Region,
    Value,
    gc_paused,
)
from dialir.core.ir.traits import GraphRegion, IsolatedFromAbove, IsTerminator, NoTerminator


def verify(op: Operation) -> None:
    with gc_paused():
        _Verifier().verify_op(op)


class _Verifier:
    def __init__(self) -> None:
        # For each block: op -> position, computed lazily for same-block dominance.
        self.positions: dict[Block, dict[Operation, int]] = {}
        self.dominators: dict[Region, dict[Block, Block | None]] = {}

    def verify_op(self, root: Operation) -> None:
        # Pre-order, each block's ops first to last (as MLIR verifies, so the first of
        # several errors is the one MLIR reports): children go on the stack last first.
        stack = [root]
        while stack:
            op = stack.pop()
            self.check_op(op)
            regions = op._regions  # read without creating the list most ops do without
            if not regions:
                continue
            for region in reversed(regions):
                for block in reversed(region.blocks):
                    o = block.last
                    while o is not None:
                        stack.append(o)
                        o = o.prev

    def check_op(self, op: Operation) -> None:
        cls = type(op)
        registered = cls.is_registered
        for use in op._operands:
            if use.value is None:
                raise VerifyError(op, f"has a null operand #{use.index}")
        if op._regions:
            self.check_regions(op, registered)
        if op._successors:
            self.check_successors(op)
        if registered:
            for trait in cls.traits:
                if not trait.verifies_regions:
                    trait.verify(op)
            op.verify_()
            for trait in cls.traits:
                if trait.verifies_regions:
                    trait.verify(op)
        self.check_operand_dominance(op)

    def check_regions(self, op: Operation, registered: bool) -> None:
        for region in op.regions:
            # MLIR's mayBeValidWithoutTerminator: a single-block region of an op that is
            # unregistered (it might be NoTerminator) or NoTerminator needs no terminator.
            needs_terminator = len(region.blocks) > 1 or (
                registered and not op.has_trait(NoTerminator)
            )
            for block in region.blocks:
                last = block.last
                if last is None:
                    if needs_terminator:
                        raise DiagnosticError(
                            Diagnostic(
                                "error", "empty block: expect at least a terminator", op.location
                            )
                        )
                    continue
                o = block.first
                while o is not last:
                    if type(o).is_registered and o.has_trait(IsTerminator):
                        raise VerifyError(o, "must be the last operation in the parent block")
                    o = o.next
                if (
                    needs_terminator
                    and type(last).is_registered
                    and not last.has_trait(IsTerminator)
                ):
                    raise VerifyError(last, "block with no terminator, has this op last")
            if region.blocks:
                entry = region.blocks[0]
                for block in region.blocks:
                    if block.last is not None and entry in (block.last._successors or ()):
                        raise VerifyError(
                            block.last, "entry block of region may not have predecessors"
                        )

    def check_successors(self, op: Operation) -> None:
        if op.successors and op.next is not None:
            raise VerifyError(op, "operation with block successors must terminate its parent block")
        region = op.parent_region
        for succ in op.successors:
            if succ.parent is not region:
                raise VerifyError(op, "reference to block defined in another region")
        operands_of = getattr(op, "successor_operands", None)
        if operands_of is None:
            return
        for i, succ in enumerate(op.successors):
            values = operands_of(i)
            if len(values) != len(succ.args):
                raise VerifyError(
                    op,
                    f"branch has {len(values)} operands for successor #{i}, but target block "
                    f"has {len(succ.args)}",
                )
            for j, (v, arg) in enumerate(zip(values, succ.args)):
                if v.type is not arg.type:
                    raise VerifyError(
                        op,
                        f"type mismatch for bb argument #{j} of successor #{i}: "
                        f"operand has type '{v.type}', block argument has type '{arg.type}'",
                    )

    # -- dominance ------------------------------------------------------------------------

    def check_operand_dominance(self, op: Operation) -> None:
        for use in op._operands:
            v = use.value
            if not isinstance(v, (OpResult, BlockArgument)):
                # A placeholder no op or block defines (a parser's unresolved name).
                raise VerifyError(op, f"operand #{use.index} is not defined by any op or block")
            isolated = self.isolating_op(v, op)
            if isolated is not None:
                err = VerifyError(op, "using value defined outside the region")
                err.diagnostics[0].attach_note(
                    "required by region isolation constraints", isolated.location
                )
                raise err
            if not self.dominates(v, op):
                diag = Diagnostic(
                    "error", f"operand #{use.index} does not dominate this use", op.location
                )
                if isinstance(v, BlockArgument):
                    diag.attach_note(
                        f"operand defined as a block argument ({_relation(v.owner, op)})",
                        v.location,
                    )
                else:
                    diag.attach_note(
                        f"operand defined here ({_relation(v.owner.parent, op, v.owner)})",
                        v.owner.location,
                    )
                raise DiagnosticError(diag)

    def isolating_op(self, value: Value, user: Operation) -> Operation | None:
        """The innermost registered IsolatedFromAbove op that lies between `user` and the
        definition of `value` (so the use crosses it), if any."""
        def_block = value.owner_block
        def_region = def_block.parent if def_block is not None else None
        op = user.parent_op
        while op is not None:
            if def_region is not None and any(def_region is r for r in op._regions or ()):
                return None
            if type(op).is_registered and op.has_trait(IsolatedFromAbove):
                # Is the definition inside `op`? Then the use does not cross it.
                if def_block is not None and _inside(def_block, op):
                    return None
                return op
            op = op.parent_op
        return None

    def dominates(self, value: Value, user: Operation) -> bool:
        """Does `value` dominate `user` (SSA rules, graph regions exempt)?"""
        def_block = value.owner_block
        if def_block is None:
            return False
        def_region = def_block.parent
        # Walk up from the user to the op that sits directly in def_region.
        op = user
        while op.parent is None or op.parent.parent is not def_region:
            parent = op.parent_op
            if parent is None:
                return False  # the value's region does not enclose the use
            if parent.has_trait(IsolatedFromAbove) and type(parent).is_registered:
                return False
            op = parent
        use_block = op.parent
        owner = def_region.parent
        graph = owner is not None and type(owner).is_registered and owner.has_trait(GraphRegion)
        if use_block is def_block:
            if graph or isinstance(value, BlockArgument) or not self.reachable(use_block):
                return True  # MLIR does not check dominance in unreachable blocks
            if op is user and value.owner is user:
                return False  # an op cannot use its own result (outside graph regions)
            return self.position(def_block, value.owner) < self.position(def_block, op)
        if graph:
            return True
        return self.block_dominates(def_block, use_block)

    def position(self, block: Block, op: Operation) -> int:
        pos = self.positions.get(block)
        if pos is None:
            pos = {}
            o, i = block.first, 0
            while o is not None:
                pos[o] = i
                o, i = o.next, i + 1
            self.positions[block] = pos
        return pos[op]

    def idoms(self, region: Region) -> dict:
        idom = self.dominators.get(region)
        if idom is None:
            idom = self.dominators[region] = _immediate_dominators(region)
        return idom

    def reachable(self, block: Block) -> bool:
        region = block.parent
        return region.blocks[0] is block or block in self.idoms(region)

    def block_dominates(self, a: Block, b: Block) -> bool:
        idom = self.idoms(a.parent)
        if b not in idom:
            return True  # unreachable blocks: MLIR does not check dominance there
        while b is not None:
            if b is a:
                return True
            b = idom[b]
        return False


def _inside(block: Block, op: Operation) -> bool:
    """Is `block` (at any depth) inside one of `op`'s regions?"""
    region = block.parent
    while region is not None:
        owner = region.parent
        if owner is op:
            return True
        if owner is None or owner.parent is None:
            return False
        region = owner.parent.parent
    return False


def _relation(def_block: Block | None, user: Operation, def_op: Operation | None = None) -> str:
    """MLIR's wording for where a definition sits relative to its (non-dominated) use."""
    use_block = user.parent
    if def_block is None or use_block is None:
        return "op is neither in a parent nor in a child region"
    what = "op" if def_op is not None else f"block #{_block_index(def_block)}"
    if def_block is use_block:
        return f"{what} in the same block"
    def_region, use_region = def_block.parent, use_block.parent
    if def_region is use_region:
        return f"{what} in the same region"
    if _region_encloses(def_region, use_region):
        return f"{what} in a parent region"
    if _region_encloses(use_region, def_region):
        return f"{what} in a child region"
    return f"{what} is neither in a parent nor in a child region"


def _block_index(block: Block) -> int:
    region = block.parent
    if region is None:
        return 0
    for i, b in enumerate(region.blocks):
        if b is block:
            return i
    return 0


def _region_encloses(outer: Region | None, inner: Region | None) -> bool:
    """Is `inner` nested (strictly) inside `outer`?"""
    r = inner
    while r is not None:
        owner = r.parent
        if owner is None or owner.parent is None:
            return False
        r = owner.parent.parent
        if r is outer:
            return True
    return False


def _immediate_dominators(region: Region) -> dict[Block, Block | None]:
    """Cooper-Harvey-Kennedy iterative dominators over the blocks reachable from entry."""
    entry = region.blocks[0]
    order: list[Block] = []
    seen = {entry}
    stack = [(entry, iter(entry.successors()))]
    while stack:
        block, it = stack[-1]
        nxt = next(it, None)
        if nxt is None:
            stack.pop()
            order.append(block)
        elif nxt not in seen and nxt.parent is region:
            seen.add(nxt)
            stack.append((nxt, iter(nxt.successors())))
    order.reverse()  # reverse post-order
    index = {b: i for i, b in enumerate(order)}
    preds: dict[Block, list[Block]] = {b: [] for b in order}
    for b in order:
        for s in b.successors():
            if s in preds:
                preds[s].append(b)
    idom: dict[Block, Block | None] = {entry: entry}
    changed = True
    while changed:
        changed = False
        for b in order[1:]:
            new = None
            for p in preds[b]:
                if p not in idom:
                    continue
                if new is None:
                    new = p
                    continue
                x, y = p, new
                while x is not y:
                    while index[x] > index[y]:
                        x = idom[x]
                    while index[y] > index[x]:
                        y = idom[y]
                new = x
            if idom.get(b) is not new:
                idom[b] = new
                changed = True
    idom[entry] = None
    return idom
