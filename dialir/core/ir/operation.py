"""The IR graph: values with use lists, operations, blocks and regions.

Blocks hold their operations in a doubly linked list (insert, erase and move are O(1));
every value keeps an intrusive linked list of its uses (replace-all-uses is O(uses)).
Registered operations are instances of their op class (a subclass of `Operation`);
unregistered ones are plain `Operation`s.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar

from dialir.core.ir.attrs import UNKNOWN_LOC, Attribute, Location
from dialir.core.ir.dialect import lookup_op_class
from dialir.core.ir.types import Type

if TYPE_CHECKING:
    from dialir.core.ir.traits import OpTrait


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector around a walk that builds or reads a large IR: the
    walk makes no garbage cycles, and a full collection over the IR graph midway would cost
    more than the walk itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Use:
    """One operand slot of `owner` that reads `value`; a node of the value's use list."""

    __slots__ = ("value", "owner", "index", "prev", "next")

    def __init__(self, value: Value, owner: Operation, index: int) -> None:
        self.value = value
        self.owner = owner
        self.index = index
        self.prev: Use | None = None
        head = value.first_use
        self.next = head
        if head is not None:
            head.prev = self
        value.first_use = self

    def unlink(self) -> None:
        if self.prev is None:
            self.value.first_use = self.next
        else:
            self.prev.next = self.next
        if self.next is not None:
            self.next.prev = self.prev
        self.prev = self.next = None

    def set(self, value: Value) -> None:
        """Point this operand at another value, moving the use between use lists."""
        self.unlink()
        self.value = value
        head = value.first_use
        self.next = head
        if head is not None:
            head.prev = self
        value.first_use = self


class Value:
    """An SSA value: an operation result or a block argument."""

    __slots__ = ("type", "first_use", "name_hint")

    def __init__(self, type: Type, name_hint: str | None = None) -> None:
        self.type = type
        self.first_use: Use | None = None
        self.name_hint = name_hint

    @property
    def uses(self) -> Iterator[Use]:
        use = self.first_use
        while use is not None:
            nxt = use.next  # the caller may unlink `use`
            yield use
            use = nxt

    @property
    def users(self) -> Iterator[Operation]:
        for use in self.uses:
            yield use.owner

    @property
    def has_uses(self) -> bool:
        return self.first_use is not None

    @property
    def has_one_use(self) -> bool:
        return self.first_use is not None and self.first_use.next is None

    def replace_all_uses_with(self, new: Value) -> None:
        if new is self:
            return
        use = self.first_use
        while use is not None:
            nxt = use.next
            use.set(new)
            use = nxt

    def replace_uses_where(self, new: Value, predicate) -> None:
        for use in list(self.uses):
            if predicate(use):
                use.set(new)

    @property
    def owner_block(self) -> Block | None:
        """The block defining this value; None for one no block holds (a detached op's
        result, a parser's placeholder)."""
        return None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name_hint or ''}: {self.type}>"


class OpResult(Value):
    __slots__ = ("owner", "index")

    def __init__(self, type: Type, owner: Operation, index: int) -> None:
        Value.__init__(self, type)
        self.owner = owner
        self.index = index

    @property
    def owner_block(self) -> Block | None:
        return self.owner.parent


class BlockArgument(Value):
    __slots__ = ("owner", "index", "location")

    def __init__(self, type: Type, owner: Block, index: int, location: Location = UNKNOWN_LOC):
        Value.__init__(self, type)
        self.owner = owner
        self.index = index
        self.location = location

    @property
    def owner_block(self) -> Block | None:
        return self.owner


class Operation:
    """A generic operation. Op classes of dialects subclass it and set `OP_NAME`, `traits`
    and their definition; `name` is the instance's op name (an unregistered op has only
    that); the generic fields below are the same for every op."""

    # Most ops have no discardable attributes, properties, regions or successors: those
    # containers are created on first access (None until then), which saves ~240 bytes per
    # op. The properties below give the same mutable dicts and lists as plain fields would;
    # assigning an empty one stores nothing (read it back before mutating it).
    __slots__ = (
        "name", "_operands", "results", "_attributes", "_properties", "_regions",
        "_successors", "location", "parent", "prev", "next",
    )  # fmt: skip

    # Class-level facts a registered op class overrides.
    OP_NAME: ClassVar[str | None] = None
    traits: ClassVar[frozenset[type[OpTrait]]] = frozenset()
    is_registered: ClassVar[bool] = False
    # Inherent attributes that always have a value, with their defaults (name, Attribute):
    # the generic form prints the default where the op holds none (MLIR's DefaultValuedAttr).
    default_properties: ClassVar[tuple] = ()

    def __init__(
        self,
        name: str,
        operands: Sequence[Value] = (),
        result_types: Sequence[Type] = (),
        attributes: dict[str, Attribute] | None = None,
        properties: dict[str, Attribute] | None = None,
        regions: Sequence[Region] | int = 0,
        successors: Sequence[Block] = (),
        location: Location = UNKNOWN_LOC,
    ) -> None:
        self.name = name
        self._operands = make_uses(self, operands)
        self.results = tuple([OpResult(t, self, i) for i, t in enumerate(result_types)])
        self._attributes = attributes or None
        self._properties = properties or None
        if isinstance(regions, int):
            regions = [Region() for _ in range(regions)]
        if regions:
            self._regions = list(regions)
            for r in self._regions:
                if r.parent is not None:
                    raise ValueError("region already belongs to an operation")
                r.parent = self
        else:
            self._regions = None
        self._successors = list(successors) if successors else None
        self.location = location
        self.parent: Block | None = None
        self.prev: Operation | None = None
        self.next: Operation | None = None

    @property
    def attributes(self) -> dict[str, Attribute]:
        """The discardable attributes (a dict of this op's own)."""
        d = self._attributes
        if d is None:
            d = self._attributes = {}
        return d

    @attributes.setter
    def attributes(self, value: dict[str, Attribute]) -> None:
        self._attributes = value or None

    @property
    def properties(self) -> dict[str, Attribute]:
        """The inherent attributes (a dict of this op's own)."""
        d = self._properties
        if d is None:
            d = self._properties = {}
        return d

    @properties.setter
    def properties(self, value: dict[str, Attribute]) -> None:
        self._properties = value or None

    @property
    def regions(self) -> list[Region]:
        rs = self._regions
        if rs is None:
            rs = self._regions = []
        return rs

    @regions.setter
    def regions(self, value: list[Region]) -> None:
        self._regions = value or None

    @property
    def successors(self) -> list[Block]:
        ss = self._successors
        if ss is None:
            ss = self._successors = []
        return ss

    @successors.setter
    def successors(self, value: list[Block]) -> None:
        self._successors = value or None

    @classmethod
    def create(cls, name: str, *args: Any, **kwargs: Any) -> Operation:
        """Build an op by name: an instance of its registered class if there is one."""
        klass = lookup_op_class(name) or Operation
        op = Operation.__new__(klass)
        Operation.__init__(op, name, *args, **kwargs)
        return op

    # -- operands and results -------------------------------------------------------------

    @property
    def operands(self) -> tuple[Value, ...]:
        return tuple(u.value for u in self._operands)

    @property
    def num_operands(self) -> int:
        return len(self._operands)

    def operand(self, i: int) -> Value:
        return self._operands[i].value

    @property
    def operand_uses(self) -> list[Use]:
        return self._operands

    def set_operand(self, i: int, value: Value) -> None:
        self._operands[i].set(value)

    def set_operands(self, values: Sequence[Value]) -> None:
        for u in self._operands:
            u.unlink()
        self._operands = make_uses(self, values)

    @property
    def result(self) -> OpResult:
        if len(self.results) != 1:
            raise ValueError(f"'{self.name}' has {len(self.results)} results, not one")
        return self.results[0]

    @property
    def result_types(self) -> tuple[Type, ...]:
        return tuple(r.type for r in self.results)

    @property
    def operand_types(self) -> tuple[Type, ...]:
        return tuple(u.value.type for u in self._operands)

    def replace_all_uses_with(self, values: Sequence[Value]) -> None:
        if len(values) != len(self.results):
            raise ValueError("replacement count does not match the op's results")
        for r, v in zip(self.results, values):
            r.replace_all_uses_with(v)

    # -- attributes -----------------------------------------------------------------------

    def get_attr(self, name: str, default: Any = None) -> Any:
        """An inherent (property) or discardable attribute by name."""
        props = self._properties
        a = None if props is None else props.get(name)
        if a is None:
            attrs = self._attributes
            a = default if attrs is None else attrs.get(name, default)
        return a

    # -- traits ---------------------------------------------------------------------------

    @classmethod
    def has_trait(cls, trait: type) -> bool:
        return trait in cls.traits

    def verify_(self) -> None:
        """Op-specific verification; raise VerifyError. Overridden by op classes."""

    # -- structure ------------------------------------------------------------------------

    @property
    def parent_op(self) -> Operation | None:
        b = self.parent
        if b is None or b.parent is None:
            return None
        return b.parent.parent

    @property
    def parent_region(self) -> Region | None:
        return None if self.parent is None else self.parent.parent

    def is_ancestor(self, other: Operation) -> bool:
        """True if `other` is this op or nested (at any depth) inside it."""
        op: Operation | None = other
        while op is not None:
            if op is self:
                return True
            op = op.parent_op
        return False

    def detach(self) -> Operation:
        """Unlink from the parent block, keeping operands and uses."""
        block = self.parent
        if block is None:
            return self
        if self.prev is None:
            block.first = self.next
        else:
            self.prev.next = self.next
        if self.next is None:
            block.last = self.prev
        else:
            self.next.prev = self.prev
        self.parent = self.prev = self.next = None
        return self

    def erase(self) -> None:
        """Remove from the block and drop all operand uses; results must be unused."""
        for r in self.results:
            if r.first_use is not None:
                raise ValueError(f"cannot erase '{self.name}': a result still has uses")
        self.detach()
        self.drop_all_references()

    def drop_all_references(self) -> None:
        for u in self._operands:
            u.unlink()
        self._operands = []
        for region in self._regions or ():
            for block in region.blocks:
                for op in block.ops:
                    op.drop_all_references()

    def walk(self) -> Iterator[Operation]:
        """Pre-order walk over this op and every op nested in it."""
        stack: list[Operation] = [self]
        while stack:
            op = stack.pop()
            yield op
            regions = op._regions
            if not regions:
                continue
            nested: list[Operation] = []
            for region in regions:
                for block in region.blocks:
                    o = block.first
                    while o is not None:
                        nested.append(o)
                        o = o.next
            nested.reverse()
            stack.extend(nested)

    def clone(self, mapping: dict | None = None) -> Operation:
        """Deep copy; operands defined outside are kept (or remapped through `mapping`)."""
        if mapping is None:
            mapping = {}
        op = self._clone(mapping)
        _remap_later_definitions(op.walk(), mapping)
        return op

    def _clone(self, mapping: dict) -> Operation:
        op = Operation.__new__(type(self))
        Operation.__init__(
            op,
            self.name,
            [mapping.get(u.value, u.value) for u in self._operands],
            [r.type for r in self.results],
            dict(self._attributes) if self._attributes else None,
            dict(self._properties) if self._properties else None,
            [r._clone(mapping) for r in self._regions] if self._regions else 0,
            [mapping.get(b, b) for b in self._successors] if self._successors else (),
            self.location,
        )
        for old, new in zip(self.results, op.results):
            new.name_hint = old.name_hint
            mapping[old] = new
        return op

    def __repr__(self) -> str:
        from dialir.core.ir.printer import Printer  # the printer imports this module

        return Printer.to_string(self)

    __str__ = __repr__


def make_uses(owner: Operation, values: Sequence[Value]) -> list[Use]:
    """The operand list of `owner` reading `values`, sized exactly (a list comprehension
    over-allocates: 16 to 24 bytes per op)."""
    uses: list[Any] = [None] * len(values)
    for i, v in enumerate(values):
        uses[i] = Use(v, owner, i)
    return uses


class Block:
    """A list of operations with typed arguments; ends with a terminator in SSA regions."""

    __slots__ = ("args", "first", "last", "parent")

    def __init__(self, arg_types: Iterable[Type] = (), locations: Sequence[Location] = ()):
        self.args: list[BlockArgument] = [
            BlockArgument(t, self, i, locations[i] if i < len(locations) else UNKNOWN_LOC)
            for i, t in enumerate(arg_types)
        ]
        self.first: Operation | None = None
        self.last: Operation | None = None
        self.parent: Region | None = None

    @property
    def ops(self) -> Iterator[Operation]:
        op = self.first
        while op is not None:
            nxt = op.next  # allow erasing the current op while iterating
            yield op
            op = nxt

    def reversed_ops(self) -> Iterator[Operation]:
        op = self.last
        while op is not None:
            prv = op.prev
            yield op
            op = prv

    @property
    def is_empty(self) -> bool:
        return self.first is None

    def __len__(self) -> int:
        n, op = 0, self.first
        while op is not None:
            n, op = n + 1, op.next
        return n

    @property
    def terminator(self) -> Operation | None:
        return self.last

    @property
    def parent_op(self) -> Operation | None:
        return None if self.parent is None else self.parent.parent

    def add_argument(self, type: Type, location: Location = UNKNOWN_LOC) -> BlockArgument:
        arg = BlockArgument(type, self, len(self.args), location)
        self.args.append(arg)
        return arg

    def erase_argument(self, index: int) -> None:
        arg = self.args[index]
        if arg.first_use is not None:
            raise ValueError("cannot erase a block argument that still has uses")
        del self.args[index]
        for i in range(index, len(self.args)):
            self.args[i].index = i

    def _link(self, op: Operation, prev: Operation | None, nxt: Operation | None) -> None:
        if op.parent is not None:
            raise ValueError(f"'{op.name}' is already in a block")
        op.parent, op.prev, op.next = self, prev, nxt
        if prev is None:
            self.first = op
        else:
            prev.next = op
        if nxt is None:
            self.last = op
        else:
            nxt.prev = op

    def append(self, op: Operation) -> Operation:
        self._link(op, self.last, None)
        return op

    def prepend(self, op: Operation) -> Operation:
        self._link(op, None, self.first)
        return op

    def insert_before(self, anchor: Operation, op: Operation) -> Operation:
        self._link(op, anchor.prev, anchor)
        return op

    def insert_after(self, anchor: Operation, op: Operation) -> Operation:
        self._link(op, anchor, anchor.next)
        return op

    def extend(self, ops: Iterable[Operation]) -> None:
        for op in ops:
            self._link(op, self.last, None)

    def successors(self) -> list[Block]:
        last = self.last
        return [] if last is None or last._successors is None else last._successors

    def predecessors(self) -> list[Block]:
        """Blocks whose terminator branches here (scans the region)."""
        region = self.parent
        if region is None:
            return []
        return [b for b in region.blocks if b.last is not None and self in b.last.successors]

    def clone_into(self, region: Region, mapping: dict) -> Block:
        block = Block([a.type for a in self.args], [a.location for a in self.args])
        for old, new in zip(self.args, block.args):
            new.name_hint = old.name_hint
            mapping[old] = new
        mapping[self] = block
        region.append(block)
        return block

    def __repr__(self) -> str:
        return f"<Block with {len(self.args)} args, {len(self)} ops>"


class Region:
    """A list of blocks owned by an operation."""

    __slots__ = ("blocks", "parent")

    def __init__(self, blocks: Iterable[Block] = ()) -> None:
        self.blocks: list[Block] = []
        self.parent: Operation | None = None
        for b in blocks:
            self.append(b)

    def append(self, block: Block) -> Block:
        if block.parent is not None:
            raise ValueError("block already belongs to a region")
        block.parent = self
        self.blocks.append(block)
        return block

    def insert(self, index: int, block: Block) -> Block:
        block.parent = self
        self.blocks.insert(index, block)
        return block

    def remove(self, block: Block) -> None:
        self.blocks.remove(block)
        block.parent = None

    @property
    def entry(self) -> Block | None:
        return self.blocks[0] if self.blocks else None

    @property
    def is_empty(self) -> bool:
        return not self.blocks

    def ops(self) -> Iterator[Operation]:
        for b in self.blocks:
            yield from b.ops

    def clone(self, mapping: dict | None = None) -> Region:
        if mapping is None:
            mapping = {}
        region = self._clone(mapping)
        _remap_later_definitions((o for op in region.ops() for o in op.walk()), mapping)
        return region

    def _clone(self, mapping: dict) -> Region:
        region = Region()
        # Create blocks first so successor references resolve through `mapping`.
        pairs = [(b, b.clone_into(region, mapping)) for b in self.blocks]
        for old, new in pairs:
            for op in old.ops:
                new.append(op._clone(mapping))
        return region

    def __repr__(self) -> str:
        return f"<Region with {len(self.blocks)} blocks>"


def _remap_later_definitions(ops: Iterable[Operation], mapping: dict) -> None:
    """Point uses cloned before their definition was (graph regions, or a block that
    dominates without coming first) at the copy of that definition."""
    for op in ops:
        for use in op._operands:
            new = mapping.get(use.value)
            if new is not None and new is not use.value:
                use.set(new)
