"""Builder: creates ops at an insertion point (a block, and the op to insert before).

b = Builder.at_end(module.body)
c = b.create("test.const", result_types=[i32])
with b.before(c):
    b.create("test.first")
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from dialir.core.ir.attrs import UNKNOWN_LOC, Location
from dialir.core.ir.operation import Block, Operation


class Builder:
    """Inserts into `block` before `anchor` (at the end when `anchor` is None)."""

    __slots__ = ("block", "anchor", "location")

    def __init__(
        self, block: Block | None = None, anchor: Operation | None = None,
        location: Location = UNKNOWN_LOC,
    ) -> None:  # fmt: skip
        self.block = block
        self.anchor = anchor
        self.location = location

    @classmethod
    def at_end(cls, block: Block) -> Builder:
        return cls(block)

    @classmethod
    def at_start(cls, block: Block) -> Builder:
        return cls(block, block.first)

    @classmethod
    def before_op(cls, op: Operation) -> Builder:
        if op.parent is None:
            raise ValueError(f"'{op.name}' is not in a block")
        return cls(op.parent, op)

    @classmethod
    def after_op(cls, op: Operation) -> Builder:
        if op.parent is None:
            raise ValueError(f"'{op.name}' is not in a block")
        return cls(op.parent, op.next)

    def insert(self, op: Operation) -> Operation:
        if self.block is None:
            raise ValueError("builder has no insertion point")
        if op.location is UNKNOWN_LOC:
            op.location = self.location
        if self.anchor is None:
            return self.block.append(op)
        return self.block.insert_before(self.anchor, op)

    def create(
        self, name: str, operands: Sequence[Any] = (), result_types: Sequence[Any] = (),
        **kwargs: Any,
    ) -> Operation:  # fmt: skip
        """Build an op by name (its registered class when there is one) and insert it."""
        return self.insert(Operation.create(name, operands, result_types, **kwargs))

    @contextmanager
    def _moved(self, block: Block | None, anchor: Operation | None) -> Iterator[Builder]:
        saved = (self.block, self.anchor)
        self.block, self.anchor = block, anchor
        try:
            yield self
        finally:
            self.block, self.anchor = saved

    def at(self, block: Block) -> Any:
        """Temporarily insert at the end of `block`: `with b.at(block): ...`."""
        return self._moved(block, None)

    def before(self, op: Operation) -> Any:
        """Temporarily insert before `op`: `with b.before(op): ...`."""
        return self._moved(op.parent, op)
