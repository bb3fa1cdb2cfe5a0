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
which ops to look at again.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from dialir.core.attrs import UNKNOWN_LOC, Attribute
from dialir.core.ir import Block, Operation, OpResult, Region, Value
from dialir.core.traits import ConstantLike, IsTerminator, has_memory_effects


class RewritePattern:
    """Matches ops rooted at `root` (an op name, an op class, or None for any op)."""

    root: str | type | None = None
    benefit: int = 1

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        """Rewrite `op` through `rewriter` and return True, or return False untouched."""
        raise NotImplementedError

    @property
    def root_name(self) -> str | None:
        r = self.root
        if r is None or isinstance(r, str):
            return r
        return r.OP_NAME


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


class PatternRewriter:
    """Creates, replaces and erases ops, inserting before `anchor`, and tells the driver."""

    def __init__(self, listener: GreedyRewriteDriver | None = None) -> None:
        self.listener = listener
        self.anchor: Operation | None = None
        self.changed = False

    # -- creation -------------------------------------------------------------------------

    def insert(self, op: Operation) -> Operation:
        """Insert before the op being rewritten."""
        anchor = self.anchor
        if anchor is None or anchor.parent is None:
            raise ValueError("rewriter has no insertion point")
        anchor.parent.insert_before(anchor, op)
        if op.location is UNKNOWN_LOC:
            op.location = anchor.location
        self._notify_insert(op)
        return op

    def create(self, cls: type[Operation], *args: Any, **kwargs: Any) -> Operation:
        """Build an op of class `cls` with its own constructor and insert it."""
        return self.insert(cls(*args, **kwargs))

    # -- replacement ----------------------------------------------------------------------

    def replace_op(self, op: Operation, values: Sequence[Value]) -> None:
        """Replace every use of `op`'s results with `values`, then erase `op`."""
        if len(values) != len(op.results):
            raise ValueError(f"'{op.name}' has {len(op.results)} results, got {len(values)} values")
        for r, v in zip(op.results, values):
            if self.listener is not None:
                for user in r.users:
                    self.listener.add(user)
            r.replace_all_uses_with(v)
        self.erase_op(op)

    def replace_op_with(self, op: Operation, new: Operation) -> Operation:
        """Insert `new` before `op` and replace `op` with its results."""
        anchor = self.anchor
        self.anchor = op
        self.insert(new)
        self.anchor = anchor
        self.replace_op(op, new.results)
        return new

    def erase_op(self, op: Operation) -> None:
        for r in op.results:
            if r.first_use is not None:
                raise ValueError(f"cannot erase '{op.name}': a result still has uses")
        if self.listener is not None:
            for inner in op.walk():
                self.listener.forget(inner)
            for u in op.operand_uses:
                owner = u.value.owner if isinstance(u.value, OpResult) else None
                if owner is not None:
                    self.listener.add(owner)  # may now be dead
        op.detach()
        op.drop_all_references()
        self.changed = True

    def modify_op_in_place(self, op: Operation, change: Callable[[], Any]) -> None:
        """Run `change` (which edits `op` directly) and requeue `op`."""
        change()
        self.changed = True
        if self.listener is not None:
            self.listener.add(op)

    # -- blocks and regions ---------------------------------------------------------------

    def inline_block_before(self, source: Block, op: Operation, args: Sequence[Value] = ()) -> None:
        """Move `source`'s ops before `op`, replacing its arguments with `args`."""
        if len(args) != len(source.args):
            raise ValueError("argument count mismatch when inlining a block")
        for a, v in zip(source.args, args):
            a.replace_all_uses_with(v)
        for inner in list(source.ops):
            inner.detach()
            op.parent.insert_before(op, inner)
            self._notify_insert(inner)
        if source.parent is not None:
            source.parent.remove(source)
        self.changed = True

    def inline_region_before(self, region: Region, dest: Region, index: int) -> None:
        """Move all blocks of `region` into `dest` at position `index`."""
        for b in list(region.blocks):
            region.remove(b)
            dest.insert(index, b)
            index += 1
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
        self.changed = True
        return new

    def _notify_insert(self, op: Operation) -> None:
        self.changed = True
        if self.listener is not None:
            for inner in op.walk():
                self.listener.add(inner)


class GreedyRewriteDriver:
    """Applies folders and patterns until nothing changes (MLIR's greedy driver)."""

    def __init__(
        self, patterns: Iterable[RewritePattern], fold: bool = True,
        materialize: Callable[[Attribute, Any, Operation], Operation | None] | None = None,
    ) -> None:  # fmt: skip
        self.by_root: dict[str | None, list[RewritePattern]] = {}
        for p in sorted(patterns, key=lambda p: -p.benefit):
            self.by_root.setdefault(p.root_name, []).append(p)
        self.fold = fold
        self.materialize = materialize or _materialize_with_dialect
        self.worklist: list[Operation] = []
        self.on_list: set[Operation] = set()
        self.rewriter = PatternRewriter(self)

    def add(self, op: Operation) -> None:
        if op not in self.on_list:
            self.on_list.add(op)
            self.worklist.append(op)

    def forget(self, op: Operation) -> None:
        self.on_list.discard(op)

    def run(self, root: Operation, max_iterations: int = 10) -> bool:
        """Rewrite everything nested in `root`; True when a fixed point was reached."""
        for _ in range(max_iterations):
            self.rewriter.changed = False
            for region in root.regions:
                for op in _post_order(region):
                    self.add(op)
            self._drain()
            if not self.rewriter.changed:
                return True
        return False

    def _drain(self) -> None:
        rewriter = self.rewriter
        while self.worklist:
            op = self.worklist.pop()
            if op not in self.on_list:
                continue
            self.on_list.discard(op)
            if op.parent is None:
                continue  # erased meanwhile
            if _is_trivially_dead(op):
                rewriter.erase_op(op)
                continue
            rewriter.anchor = op
            if self.fold and self._try_fold(op):
                continue
            for p in self.by_root.get(op.name, _NONE) + self.by_root.get(None, _NONE):
                if p.match_and_rewrite(op, rewriter):
                    rewriter.changed = True
                    break

    def _try_fold(self, op: Operation) -> bool:
        fold = getattr(op, "fold", None)
        if fold is None or not op.results:
            return False
        folded = fold()
        if not folded:
            return False
        if ConstantLike in type(op).traits and all(isinstance(f, Attribute) for f in folded):
            return False  # a constant folds to itself
        values: list[Value] = []
        for r, f in zip(op.results, folded):
            if isinstance(f, Value):
                values.append(f)
                continue
            const = self.materialize(f, r.type, op)
            if const is None:
                return False
            self.rewriter.insert(const)
            values.append(const.results[0])
        self.rewriter.replace_op(op, values)
        return True


_NONE: list[RewritePattern] = []


def _materialize_with_dialect(attr: Attribute, type: Any, op: Operation) -> Operation | None:
    """Ask the op's dialect for a constant op holding `attr` (MLIR's materializeConstant)."""
    from dialir.core.dialect import load_dialect

    dialect = load_dialect(op.name.partition(".")[0])
    hook = getattr(dialect, "materialize_constant", None)
    if hook is None:
        return None
    const = hook(attr, type, op.location)
    if const is not None:
        const.location = op.location
    return const


def _is_trivially_dead(op: Operation) -> bool:
    if type(op).has_trait(IsTerminator) or has_memory_effects(op) or op.regions:
        return False
    return all(r.first_use is None for r in op.results)


def _post_order(region: Region) -> list[Operation]:
    out: list[Operation] = []
    for block in region.blocks:
        for op in block.ops:
            for inner in op.regions:
                out.extend(_post_order(inner))
            out.append(op)
    return out


def apply_patterns_greedily(
    root: Operation, patterns: Iterable[RewritePattern], max_iterations: int = 10,
    fold: bool = True,
) -> bool:  # fmt: skip
    """Fold and rewrite inside `root` to a fixed point; warns and returns False when
    `max_iterations` sweeps did not converge."""
    converged = GreedyRewriteDriver(patterns, fold).run(root, max_iterations)
    if not converged:
        warnings.warn(
            f"greedy rewriting did not converge in {max_iterations} iterations", stacklevel=2
        )
    return converged
