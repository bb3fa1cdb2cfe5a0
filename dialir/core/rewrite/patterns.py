"""Pattern rewriting: RewritePattern, PatternRewriter and the greedy driver (with folding).

    class FoldDoubleNeg(RewritePattern):
        '''negf(negf(x)) -> x'''
        root = "arith.negf"

        def match_and_rewrite(self, op, rewriter) -> bool:
            inner = op.operand(0).owner
            if not isinstance(inner, Operation) or inner.name != "arith.negf":
                return False
            rewriter.replace_op(op, [inner.operand(0)])
            return True

Every IR change inside a pattern goes through the rewriter, so the driver's worklist knows
which ops to look at again. The driver is MLIR's GreedyPatternRewriteDriver: a worklist
seeded bottom-up (or top-down), folding, patterns by benefit, trivially dead ops removed,
folded constants uniqued and hoisted to the entry block of the nearest isolated region (MLIR's
OperationFolder), region simplification between sweeps, and a sweep limit.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dialir.core.ir.attrs import UNKNOWN_LOC, Attribute
from dialir.core.ir.diagnostics import Diagnostic, VerifyError
from dialir.core.ir.dialect import load_dialect
from dialir.core.ir.operation import Block, Operation, OpResult, Region, Value
from dialir.core.ir.traits import (
    Commutative,
    ConstantLike,
    IsolatedFromAbove,
    IsTerminator,
    MemAlloc,
    MemFree,
    MemRead,
    MemWrite,
    OpTrait,
    Pure,
    RecursiveMemoryEffects,
    Symbol,
)

# -- side effects ----------------------------------------------------------------------------

_DEAD_IF_UNUSED: dict[type, object] = {}
_RECURSIVE = object()  # the op's effects are those of its nested ops


def would_op_be_trivially_dead(op: Operation) -> bool:
    """Whether `op` could be erased if its results had no uses (MLIR's
    wouldOpBeTriviallyDead): no side effects beyond reading memory or allocating its own
    result; never a terminator, a symbol or an unregistered op. An op with
    RecursiveMemoryEffects (a loop) is dead when the ops nested in it are."""
    cls = type(op)
    dead = _DEAD_IF_UNUSED.get(cls)
    if dead is None:
        traits = cls.traits
        if not cls.is_registered or IsTerminator in traits or Symbol in traits:
            dead = False
        elif Pure in traits:
            dead = True
        elif RecursiveMemoryEffects in traits:
            dead = _RECURSIVE
        else:
            # Reads and allocations only; an op with no declared effects is unknown.
            dead = bool(traits & {MemRead, MemAlloc}) and not traits & {MemWrite, MemFree}
        _DEAD_IF_UNUSED[cls] = dead
    if dead is _RECURSIVE:
        return _nested_ops_only(op, _reads_or_allocates)
    return dead  # type: ignore[return-value]


def _reads_or_allocates(op: Operation) -> bool:
    traits = type(op).traits
    return Pure in traits or (
        bool(traits & {MemRead, MemAlloc}) and not traits & {MemWrite, MemFree}
    )


def _nested_ops_only(op: Operation, allowed: Callable[[Operation], bool]) -> bool:
    """Every op nested in `op` is registered and `allowed`, or has RecursiveMemoryEffects
    (its own nested ops are checked too, the walk reaching them)."""
    for inner in op.walk():
        if inner is op:
            continue
        cls = type(inner)
        if not cls.is_registered:
            return False
        if RecursiveMemoryEffects in cls.traits and Pure not in cls.traits:
            continue
        if not allowed(inner):
            return False
    return True


def is_op_trivially_dead(op: Operation) -> bool:
    """Unused results and no side effects that matter (MLIR's isOpTriviallyDead)."""
    for r in op.results:
        if r.first_use is not None:
            return False
    return would_op_be_trivially_dead(op)


def is_memory_effect_free(op: Operation) -> bool:
    """Registered and Pure, or with RecursiveMemoryEffects and only such ops nested: no
    memory effects at all (MLIR's isMemoryEffectFree)."""
    cls = type(op)
    if not cls.is_registered:
        return False
    if Pure in cls.traits:
        return True
    if RecursiveMemoryEffects in cls.traits:
        return _nested_ops_only(op, lambda o: Pure in type(o).traits)
    return False


def only_reads_memory(op: Operation) -> bool:
    """Reads memory and has no other effect (MLIR's onlyHasEffect<Read>)."""
    cls = type(op)
    traits = cls.traits
    return (
        cls.is_registered
        and MemRead in traits
        and not traits & {MemWrite, MemFree, MemAlloc}
        and not op.regions
    )


# -- patterns --------------------------------------------------------------------------------


class RewritePattern:
    """Matches ops rooted at `root`: an op name, an op class, a trait or an interface class
    (the pattern then applies to every op with that trait or interface), or None for any op.
    Patterns that match the same op are tried by decreasing `benefit`."""

    root: str | type | None = None
    benefit: int = 1

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        """Rewrite `op` through `rewriter` and return True, or return False untouched."""
        raise NotImplementedError

    @property
    def root_name(self) -> str | None:
        """The op name this pattern is rooted at; None for any op, a trait or an interface."""
        r = self.root
        if r is None or isinstance(r, str):
            return r
        return getattr(r, "OP_NAME", None)

    def applies_to_class(self, cls: type) -> bool:
        """For patterns not rooted at an op name: does it apply to ops of class `cls`?"""
        r = self.root
        if r is None:
            return True
        if isinstance(r, str) or getattr(r, "OP_NAME", None) is not None:
            return False
        if issubclass(r, OpTrait):
            return cls.is_registered and r in cls.traits
        return issubclass(cls, r)


def rewrite_pattern(root: str | type | None, benefit: int = 1):
    """Decorator: a function `(op, rewriter) -> bool` becomes a pattern class."""

    def wrap(fn: Callable[[Operation, PatternRewriter], bool]) -> type[RewritePattern]:
        cls = type(
            fn.__name__,
            (RewritePattern,),
            {
                "root": root,
                "benefit": benefit,
                "__doc__": fn.__doc__,
                "match_and_rewrite": lambda self, op, rewriter: fn(op, rewriter),
            },
        )
        return cls

    return wrap


# -- the rewriter ----------------------------------------------------------------------------


class RewriterListener:
    """Told about every change a rewriter makes (MLIR's RewriterBase::Listener)."""

    def notify_op_inserted(self, op: Operation) -> None:
        """`op` was created or moved to a new place."""

    def notify_op_modified(self, op: Operation) -> None:
        """`op`'s operands, attributes or successors changed in place."""

    def notify_op_replaced(self, op: Operation, values: Sequence[Value]) -> None:
        """`op`'s results are about to be replaced with `values` (it is erased next)."""

    def notify_op_erased(self, op: Operation) -> None:
        """`op` is about to be erased (called for nested ops first)."""

    def notify_block_inserted(self, block: Block) -> None:
        pass

    def notify_block_erased(self, block: Block) -> None:
        pass

    def notify_match_failure(self, op: Operation, reason: str) -> None:
        """A pattern explains why it did not apply to `op`."""


class PatternRewriter:
    """Creates, replaces, moves and erases ops and tells its listener (the driver).

    New ops go at the insertion point: before `anchor` (the op being rewritten, by
    default), or at the end of `block` when there is no anchor.
    """

    def __init__(self, listener: RewriterListener | None = None) -> None:
        self.listener = listener
        self.anchor: Operation | None = None
        self.block: Block | None = None
        self.changed = False

    # -- insertion point -------------------------------------------------------------------

    def set_insertion_point(self, op: Operation) -> None:
        """Insert before `op`."""
        self.anchor, self.block = op, op.parent

    def set_insertion_point_after(self, op: Operation) -> None:
        if op.next is not None:
            self.set_insertion_point(op.next)
        else:
            self.anchor, self.block = None, op.parent

    def set_insertion_point_to_start(self, block: Block) -> None:
        self.anchor, self.block = block.first, block

    def set_insertion_point_to_end(self, block: Block) -> None:
        self.anchor, self.block = None, block

    # -- creation --------------------------------------------------------------------------

    def insert(self, op: Operation) -> Operation:
        """Insert `op` at the insertion point; an op without a location takes the anchor's."""
        anchor = self.anchor
        if anchor is not None and anchor.parent is not None:
            anchor.parent.insert_before(anchor, op)
            if op.location is UNKNOWN_LOC:
                op.location = anchor.location
        elif anchor is None and self.block is not None:
            self.block.append(op)
        else:
            raise ValueError("rewriter has no insertion point")
        self._notify_inserted(op)
        return op

    def create(self, cls: type[Operation], *args: Any, **kwargs: Any) -> Operation:
        """Build an op of class `cls` with its own constructor and insert it."""
        return self.insert(cls(*args, **kwargs))

    def clone(self, op: Operation, mapping: dict | None = None) -> Operation:
        """Insert a deep copy of `op` (operands remapped through `mapping`)."""
        return self.insert(op.clone(mapping))

    # -- replacement and erasure -----------------------------------------------------------

    def replace_op(self, op: Operation, values: Sequence[Value]) -> None:
        """Replace every use of `op`'s results with `values`, then erase `op`."""
        if len(values) != len(op.results):
            raise ValueError(f"'{op.name}' has {len(op.results)} results, got {len(values)} values")
        if self.listener is not None:
            self.listener.notify_op_replaced(op, values)
        for r, v in zip(op.results, values):
            r.replace_all_uses_with(v)
        self.erase_op(op)

    def replace_op_with(self, op: Operation, new: Operation) -> Operation:
        """Insert `new` before `op` and replace `op` with its results."""
        anchor, block = self.anchor, self.block
        self.set_insertion_point(op)
        self.insert(new)
        self.anchor, self.block = anchor, block
        self.replace_op(op, new.results)
        return new

    def erase_op(self, op: Operation) -> None:
        """Erase `op` and everything nested in it; its results must be unused."""
        for r in op.results:
            if r.first_use is not None:
                raise ValueError(f"cannot erase '{op.name}': a result still has uses")
        listener = self.listener
        if listener is not None:
            if op.regions:
                nested = list(op.walk())
                for inner in reversed(nested):  # nested ops first, like MLIR
                    listener.notify_op_erased(inner)
            else:
                listener.notify_op_erased(op)
        op.detach()
        op.drop_all_references()
        self.changed = True

    def replace_all_uses_with(self, old: Value, new: Value) -> None:
        """Point every use of `old` at `new`; each user counts as modified."""
        listener = self.listener
        use = old.first_use
        while use is not None:
            nxt = use.next
            use.set(new)
            if listener is not None:
                listener.notify_op_modified(use.owner)
            use = nxt
        self.changed = True

    def replace_uses_where(self, old: Value, new: Value, predicate: Callable) -> None:
        """Point the uses of `old` for which `predicate(use)` holds at `new`."""
        listener = self.listener
        use = old.first_use
        while use is not None:
            nxt = use.next
            if predicate(use):
                use.set(new)
                self.changed = True
                if listener is not None:
                    listener.notify_op_modified(use.owner)
            use = nxt

    def modify_op_in_place(self, op: Operation, change: Callable[[], Any]) -> None:
        """Run `change` (which edits `op` directly) and requeue `op`."""
        change()
        self.finalize_op_modification(op)

    def start_op_modification(self, op: Operation) -> None:
        """Before editing `op` directly; pair with `finalize_op_modification`."""

    def finalize_op_modification(self, op: Operation) -> None:
        self.changed = True
        if self.listener is not None:
            self.listener.notify_op_modified(op)

    def move_op_before(self, op: Operation, anchor: Operation) -> None:
        op.detach()
        anchor.parent.insert_before(anchor, op)
        self._notify_inserted(op)

    def move_op_after(self, op: Operation, anchor: Operation) -> None:
        op.detach()
        anchor.parent.insert_after(anchor, op)
        self._notify_inserted(op)

    def notify_match_failure(self, op: Operation, reason: str) -> bool:
        """Say why a pattern did not apply; returns False so a pattern can `return` it."""
        if self.listener is not None:
            self.listener.notify_match_failure(op, reason)
        return False

    # -- blocks and regions ----------------------------------------------------------------

    def inline_block_before(self, source: Block, op: Operation, args: Sequence[Value] = ()) -> None:
        """Move `source`'s ops before `op`, replacing its arguments with `args`; `source`
        is removed from its region."""
        self._inline_block(source, op.parent, op, args)

    def merge_blocks(self, source: Block, dest: Block, args: Sequence[Value] = ()) -> None:
        """Move `source`'s ops to the end of `dest` (MLIR's mergeBlocks)."""
        self._inline_block(source, dest, None, args)

    def _inline_block(
        self, source: Block, dest: Block, before: Operation | None, args: Sequence[Value]
    ) -> None:
        if len(args) != len(source.args):
            raise ValueError("argument count mismatch when inlining a block")
        for a, v in zip(source.args, args):
            self.replace_all_uses_with(a, v)
        op = source.first
        while op is not None:
            nxt = op.next
            op.detach()
            if before is None:
                dest.append(op)
            else:
                dest.insert_before(before, op)
            self._notify_inserted(op, nested=False)
            op = nxt
        if source.parent is not None:
            if self.listener is not None:
                self.listener.notify_block_erased(source)
            source.parent.remove(source)
        self.changed = True

    def inline_region_before(self, region: Region, dest: Region, index: int) -> None:
        """Move all blocks of `region` into `dest` at position `index`."""
        for b in list(region.blocks):
            region.remove(b)
            dest.insert(index, b)
            index += 1
            if self.listener is not None:
                self.listener.notify_block_inserted(b)
        self.changed = True

    def split_block(self, block: Block, before: Operation) -> Block:
        """Move `before` and the ops after it into a new block placed after `block`."""
        region = block.parent
        new = Block()
        region.insert(region.blocks.index(block) + 1, new)
        op: Operation | None = before
        while op is not None:
            nxt = op.next
            op.detach()
            new.append(op)
            op = nxt
        if self.listener is not None:
            self.listener.notify_block_inserted(new)
        self.changed = True
        return new

    def erase_block(self, block: Block) -> None:
        """Erase `block` with its ops; values it defines must be used only inside it."""
        self.erase_ops(list(block.ops))
        for a in block.args:
            if a.first_use is not None:
                raise ValueError("cannot erase a block whose arguments are used outside it")
        if self.listener is not None:
            self.listener.notify_block_erased(block)
        if block.parent is not None:
            block.parent.remove(block)
        self.changed = True

    def erase_ops(self, ops: Sequence[Operation]) -> None:
        """Erase `ops` together: their results may be used only by each other (a dead
        cycle, a block's worth of ops). No op may be nested in another of them."""
        listener = self.listener
        if listener is not None:
            for op in reversed(ops):
                for inner in reversed(list(op.walk())) if op.regions else (op,):
                    listener.notify_op_erased(inner)
        for op in ops:
            op.drop_all_references()
        for op in ops:
            for r in op.results:
                if r.first_use is not None:
                    raise ValueError(f"cannot erase '{op.name}': a result still has uses")
            op.detach()
        self.changed = True

    def _notify_inserted(self, op: Operation, nested: bool = True) -> None:
        self.changed = True
        listener = self.listener
        if listener is None:
            return
        if nested and op.regions:
            for inner in op.walk():
                listener.notify_op_inserted(inner)
        else:
            listener.notify_op_inserted(op)


# -- constant folding and uniquing -----------------------------------------------------------


def constant_attr(op: Operation) -> Attribute | None:
    """The value of a ConstantLike op (what its folder returns), else None."""
    cls = type(op)
    if not cls.is_registered or ConstantLike not in cls.traits or len(op.results) != 1:
        return None
    fold = getattr(op, "fold", None)
    folded = fold() if fold is not None else None
    if folded and isinstance(folded[0], Attribute):
        return folded[0]
    v = op.get_attr("value")
    return v if isinstance(v, Attribute) else None


def insertion_region(block: Block) -> Region:
    """Where constants for an op in `block` live: the nearest region whose parent op is
    isolated from above, unregistered, or the top-level op (MLIR's getInsertionRegion)."""
    while True:
        region = block.parent
        parent = region.parent
        if (
            parent is None
            or parent.parent is None
            or not type(parent).is_registered
            or IsolatedFromAbove in type(parent).traits
        ):
            return region
        block = parent.parent


def _materialize_with_dialect(attr: Attribute, type: Any, op: Operation) -> Operation | None:
    """Ask the op's dialect for a constant op holding `attr` (MLIR's materializeConstant).
    A dialect without the hook cannot take a folder's constant: an error, not a fold that
    silently never happens (MLIR asserts)."""
    ns = op.name.partition(".")[0]
    dialect = load_dialect(ns)
    hook = getattr(dialect, "materialize_constant", None)
    if hook is None:
        raise VerifyError(
            op,
            f"folded to a constant, but dialect '{ns}' has no constant materializer: give "
            "Dialect(materialize_constant=fn(attr, type, location) -> op or None)",
        )
    return hook(attr, type, op.location)


def sorted_commutative_operands(op: Operation) -> list[Value] | None:
    """The operands of a Commutative op with the constants moved after the others, in
    order (a stable partition, MLIR's OpTrait::impl::foldCommutative); None when they
    already are."""
    operands = op.operands
    if len(operands) < 2:
        return None
    rest: list[Value] = []
    constants: list[Value] = []
    for v in operands:
        owner = v.owner if isinstance(v, OpResult) else None
        is_constant = (
            owner is not None and type(owner).is_registered and ConstantLike in type(owner).traits
        )
        (constants if is_constant else rest).append(v)
    if not constants or not rest or operands[len(rest) :] == tuple(constants):
        return None
    return rest + constants


class OperationFolder:
    """Constants uniqued per insertion region and kept at the start of its entry block.

    Keys are (dialect namespace, value, type), as in MLIR, so two dialects' constants of the
    same value stay apart."""

    def __init__(
        self,
        rewriter: PatternRewriter,
        materialize: Callable[[Attribute, Any, Operation], Operation | None] | None = None,
    ) -> None:
        self.rewriter = rewriter
        self.materialize = materialize or _materialize_with_dialect
        self.scopes: dict[Region, dict[tuple, Operation]] = {}
        self.owned: dict[Operation, list[tuple[Region, tuple]]] = {}

    def _own(self, op: Operation, region: Region, key: tuple) -> None:
        self.scopes.setdefault(region, {})[key] = op
        self.owned.setdefault(op, []).append((region, key))

    def _lookup(self, region: Region, key: tuple) -> Operation | None:
        scope = self.scopes.get(region)
        existing = None if scope is None else scope.get(key)
        if existing is None:
            return None
        block = existing.parent
        if block is None or block.parent is not region:  # moved away by a pattern
            del scope[key]
            return None
        return existing

    def insert_known_constant(self, op: Operation, value: Attribute) -> bool:
        """Unique and hoist an existing constant op; False when it was replaced by an
        equal constant (and erased)."""
        owned = self.owned
        block = op.parent
        if op in owned:
            prev = op.prev
            if prev is not None and prev not in owned:
                self._move_to_front(op, block)
            return True
        region = insertion_region(block)
        key = (op.name.partition(".")[0], value, op.results[0].type)
        existing = self._lookup(region, key)
        if existing is not None:
            self.rewriter.replace_op(op, existing.results)
            existing.location = UNKNOWN_LOC  # shared by several users now
            return False
        entry = region.blocks[0]
        if block is not entry or (op.prev is not None and op.prev not in owned):
            self._move_to_front(op, entry)
        self._own(op, region, key)
        return True

    def get_or_create_constant(
        self, folded: Operation, value: Attribute, type: Any
    ) -> Value | None:
        """A constant of `value` for a result of `folded`, reused or materialized at the
        start of the insertion region's entry block; None if the dialect cannot."""
        region = insertion_region(folded.parent)
        ns = folded.name.partition(".")[0]
        key = (ns, value, type)
        existing = self._lookup(region, key)
        if existing is not None:
            return existing.results[0]
        const = self.materialize(value, type, folded)
        if const is None:
            return None
        # The materialized op may belong to another dialect (math folds to arith.constant).
        other = (const.name.partition(".")[0], value, type)
        existing = self._lookup(region, other) if other != key else None
        if existing is not None:
            self._own(existing, region, key)
            const.drop_all_references()
            return existing.results[0]
        # As MLIR: made in place, before the folded op, then hoisted like a constant met
        # in the IR (to the entry block's front, unless it follows a constant of ours
        # there), which keeps constants in the order of the ops they came from.
        const.location = UNKNOWN_LOC
        block = folded.parent
        block.insert_before(folded, const)
        entry = region.blocks[0]
        prev = const.prev
        if block is not entry or (prev is not None and prev not in self.owned):
            const.detach()
            entry.prepend(const)
        self.rewriter._notify_inserted(const)
        self._own(const, region, key)
        if other != key:
            self._own(const, region, other)
        return const.results[0]

    def notify_removal(self, op: Operation) -> None:
        entries = self.owned.pop(op, None)
        if entries is None:
            return
        for region, key in entries:
            scope = self.scopes.get(region)
            if scope is not None and scope.get(key) is op:
                del scope[key]

    def _move_to_front(self, op: Operation, block: Block) -> None:
        op.detach()
        block.prepend(op)
        op.location = UNKNOWN_LOC


# -- the greedy driver -----------------------------------------------------------------------


@dataclass
class GreedyRewriteConfig:
    """How the greedy driver runs (MLIR's GreedyRewriteConfig).

    `max_iterations`: sweeps over the IR before giving up (-1: no limit).
    `top_down`: seed the worklist in pre-order instead of post-order.
    `region_simplifier`: called as `fn(rewriter, regions) -> changed` after each sweep
    (canonicalize passes `dialir.transforms.region_simplify.simplify_regions`).
    `cse_constants`: unique constants and hoist them to the insertion region's entry block.
    `max_num_rewrites`: successful folds and rewrites allowed in one sweep before it ends
    early (-1: no limit); by default 100 per op seen by the sweep, so that patterns that undo
    each other end with the non-convergence warning instead of running forever.
    """

    max_iterations: int = 10
    top_down: bool = False
    fold: bool = True
    region_simplifier: Callable[[PatternRewriter, Sequence[Region]], bool] | None = None
    cse_constants: bool = True
    max_num_rewrites: int | None = None


class GreedyRewriteDriver(RewriterListener):
    """Applies folders and patterns until nothing changes (MLIR's greedy driver)."""

    def __init__(
        self,
        patterns: Iterable[RewritePattern],
        fold: bool = True,
        materialize: Callable[[Attribute, Any, Operation], Operation | None] | None = None,
        config: GreedyRewriteConfig | None = None,
    ) -> None:
        self.config = config or GreedyRewriteConfig(fold=fold)
        # Stable sort: equal benefits keep the order they were given in.
        ordered = sorted(patterns, key=lambda p: -p.benefit)
        self.by_name: dict[str, list[RewritePattern]] = {}
        self.by_class: list[RewritePattern] = []
        for p in ordered:
            name = p.root_name
            if name is not None:
                self.by_name.setdefault(name, []).append(p)
            else:
                self.by_class.append(p)
        self._order = {id(p): i for i, p in enumerate(ordered)}
        self._for_op: dict[Any, list[RewritePattern]] = {}
        self.worklist: list[Operation] = []
        self.on_list: set[Operation] = set()
        self.rewriter = PatternRewriter(self)
        self.folder = OperationFolder(self.rewriter, materialize)
        self.changed = False
        self.iterations = 0
        # Set by run() when values from outside `root` are visible inside it.
        self.scope: Operation | None = None

    # -- listener --------------------------------------------------------------------------

    def add(self, op: Operation) -> None:
        if op in self.on_list:
            return
        scope = self.scope
        if scope is not None and not _nested_in(op, scope):
            return  # a producer outside the rewritten op: not ours to touch
        self.on_list.add(op)
        self.worklist.append(op)

    def notify_op_inserted(self, op: Operation) -> None:
        self.add(op)

    def notify_op_modified(self, op: Operation) -> None:
        self.add(op)

    def notify_op_replaced(self, op: Operation, values: Sequence[Value]) -> None:
        for r in op.results:
            use = r.first_use
            while use is not None:
                self.add(use.owner)
                use = use.next

    def notify_op_erased(self, op: Operation) -> None:
        self.on_list.discard(op)
        if op in self.folder.owned:
            self.folder.notify_removal(op)
        # An operand's producer with at most one other user may now be dead or simpler.
        for u in op.operand_uses:
            v = u.value
            if not isinstance(v, OpResult):
                continue
            others = 0
            use = v.first_use
            while use is not None and others < 2:
                if use.owner is not op:
                    others += 1
                use = use.next
            if others < 2:
                self.add(v.owner)

    # -- running ---------------------------------------------------------------------------

    def run(self, root: Operation, max_iterations: int | None = None) -> bool:
        """Rewrite everything nested in `root`; True when a fixed point was reached."""
        config = self.config
        limit = config.max_iterations if max_iterations is None else max_iterations
        cls = type(root)
        isolated = root.parent is None or cls.is_registered and IsolatedFromAbove in cls.traits
        self.scope = None if isolated else root
        iteration = 0
        simplified = True  # whether the last region simplification changed anything
        while True:
            iteration += 1
            self.changed = False
            seeded = self._seed(root)
            budget = config.max_num_rewrites
            if budget is None:
                budget = 100 * seeded + 1000
            self._process_worklist(budget)
            # Simplifying again IR that neither the sweep nor the last simplification
            # changed would find nothing: skip it.
            if config.region_simplifier is not None and (self.changed or simplified):
                simplified = config.region_simplifier(self.rewriter, root.regions)
                if simplified:
                    self.changed = True
                # Ops it touched are queued; they are seen again next sweep.
                self.worklist.clear()
                self.on_list.clear()
            if not self.changed:
                self.iterations = iteration
                return True
            if limit != -1 and iteration >= limit:
                self.iterations = iteration
                return False

    def _seed(self, root: Operation) -> int:
        ops = _pre_order(root) if self.config.top_down else _post_order(root)
        if self.config.cse_constants:
            folder = self.folder
            kept = []
            for op in ops:
                cls = type(op)
                if ConstantLike in cls.traits and op.parent is not None:
                    value = constant_attr(op)
                    if value is not None and not folder.insert_known_constant(op, value):
                        continue
                kept.append(op)
            ops = kept
        # Popped from the back: first op first, in either order (as MLIR's worklist).
        ops.reverse()
        self.worklist.extend(ops)
        self.on_list.update(ops)
        return len(ops)

    def _patterns_for(self, op: Operation) -> list[RewritePattern]:
        cls = type(op)
        key = cls if cls.is_registered else op.name
        found = self._for_op.get(key)
        if found is None:
            found = list(self.by_name.get(op.name, ()))
            extra = [p for p in self.by_class if p.applies_to_class(cls)]
            if extra:
                found = sorted(found + extra, key=lambda p: self._order[id(p)])
            self._for_op[key] = found
        return found

    def _process_worklist(self, budget: int = -1) -> None:
        """Process the worklist; at most `budget` successful rewrites (-1: no limit), then
        the sweep ends with its changes reported."""
        worklist = self.worklist
        on_list = self.on_list
        rewriter = self.rewriter
        fold = self.config.fold
        dead_if_unused = _DEAD_IF_UNUSED
        while worklist:
            if budget == 0:
                worklist.clear()
                on_list.clear()
                return
            op = worklist.pop()
            if op not in on_list:
                continue  # erased meanwhile
            on_list.discard(op)
            if op.parent is None:
                continue
            cls = type(op)
            for r in op.results:
                if r.first_use is not None:
                    break
            else:
                dead = dead_if_unused.get(cls)
                if dead is None or dead is _RECURSIVE:  # the cache or the nested ops decide
                    dead = would_op_be_trivially_dead(op)
                if dead:
                    rewriter.erase_op(op)
                    self.changed = True
                    budget -= 1
                    continue
            if not cls.is_registered:
                patterns = self._patterns_for(op)
                if not patterns:
                    continue
            elif fold and ConstantLike not in cls.traits and self._try_fold(op):
                self.changed = True
                budget -= 1
                continue
            else:
                patterns = self._patterns_for(op)
            for p in patterns:
                rewriter.anchor, rewriter.block = op, op.parent
                if p.match_and_rewrite(op, rewriter):
                    self.changed = True
                    budget -= 1
                    break

    def _try_fold(self, op: Operation) -> bool:
        fold = getattr(op, "fold", None)
        folded = fold() if fold is not None else None
        if not folded or folded[0] is next(iter(op.results), None):
            # Where the op's own folder does nothing, its traits' folders run (MLIR's
            # foldTraits): a Commutative op's constants go to the right, in place.
            return Commutative in type(op).traits and self._fold_commutative(op)
        results = op.results
        if len(folded) != len(results):
            raise ValueError(
                f"folder of '{op.name}' returned {len(folded)} values for {len(results)} results"
            )
        values: list[Value] = []
        for r, f in zip(results, folded):
            if isinstance(f, Value):
                if f is r:
                    return False  # folds to itself: nothing to do
                values.append(f)
                continue
            v = self.folder.get_or_create_constant(op, f, r.type)
            if v is None:
                # The dialect cannot materialize it: undo the constants made for the
                # results before, so that the next sweep does not see a change.
                for made in values:
                    owner = made.owner if isinstance(made, OpResult) else None
                    if owner is not None and owner in self.folder.owned and not made.has_uses:
                        self.rewriter.erase_op(owner)
                return False
            values.append(v)
        self.rewriter.replace_op(op, values)
        return True

    def _fold_commutative(self, op: Operation) -> bool:
        order = sorted_commutative_operands(op)
        if order is None:
            return False
        self.rewriter.modify_op_in_place(op, lambda: op.set_operands(order))
        return True


def _nested_in(op: Operation, root: Operation) -> bool:
    """Is `op` (strictly) nested in `root`?"""
    parent = op.parent_op
    while parent is not None:
        if parent is root:
            return True
        parent = parent.parent_op
    return False


def _post_order(root: Operation) -> list[Operation]:
    """Ops nested in `root`'s regions, each after the ops nested in it."""
    out: list[Operation] = []
    append = out.append
    for region in root.regions:
        for block in region.blocks:
            op = block.first
            while op is not None:
                if op.regions:
                    out.extend(_post_order(op))
                append(op)
                op = op.next
    return out


def _pre_order(root: Operation) -> list[Operation]:
    out: list[Operation] = []
    append = out.append
    for region in root.regions:
        for block in region.blocks:
            op = block.first
            while op is not None:
                append(op)
                if op.regions:
                    out.extend(_pre_order(op))
                op = op.next
    return out


class ConvergenceWarning(UserWarning):
    """The greedy rewriter stopped at its iteration limit; `diagnostic` says where."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def apply_patterns_greedily(
    root: Operation,
    patterns: Iterable[RewritePattern],
    max_iterations: int = 10,
    fold: bool = True,
    *,
    config: GreedyRewriteConfig | None = None,
) -> bool:
    """Fold and rewrite inside `root` to a fixed point; warns (a ConvergenceWarning
    carrying a diagnostic at `root`) and returns False when `max_iterations` sweeps (or
    `config.max_iterations`) did not converge."""
    if config is None:
        config = GreedyRewriteConfig(max_iterations=max_iterations, fold=fold)
    driver = GreedyRewriteDriver(patterns, config=config)
    converged = driver.run(root)
    if not converged:
        message = f"greedy rewriter did not converge after {config.max_iterations} iteration" + (
            "s" if config.max_iterations != 1 else ""
        )
        warnings.warn(ConvergenceWarning(Diagnostic("warning", message, root.location)),
                      stacklevel=2)  # fmt: skip
    return converged
