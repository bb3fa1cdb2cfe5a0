"""Symbols and symbol tables, as passes see them (MLIR's SymbolTable utilities).

A symbol is an op with the `Symbol` trait and a `sym_name` string; its visibility (`public`,
`private` or `nested`) lives in `sym_visibility`. A symbol table is an op with the
`SymbolTable` trait; symbol references (`@a`, `@a::@b`) inside any attribute of an op, nested
arrays and dictionaries included, are its symbol uses. `SymbolTableCollection` builds each
table's name -> op map once, so lookups are O(1) instead of a scan of the table per lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dialir.core.ir.attrs import Attribute, Location, StringAttr, SymbolRefAttr
from dialir.core.ir.dialect import loaded_dialects
from dialir.core.ir.operation import Operation
from dialir.core.ir.traits import Symbol, SymbolTable

PUBLIC, PRIVATE, NESTED = "public", "private", "nested"


def is_symbol_table(op: Operation) -> bool:
    return SymbolTable in type(op).traits


def is_symbol(op: Operation) -> bool:
    """MLIR's `isa<SymbolOpInterface>`: a Symbol op that has a name (an unnamed module is
    not a symbol)."""
    return Symbol in type(op).traits and isinstance(op.get_attr("sym_name"), StringAttr)


def symbol_name(op: Operation) -> str | None:
    name = op.get_attr("sym_name")
    return name.value if isinstance(name, StringAttr) else None


def visibility(op: Operation) -> str:
    vis = op.get_attr("sym_visibility")
    return vis.value if isinstance(vis, StringAttr) else PUBLIC


def set_visibility(op: Operation, vis: str) -> None:
    """Set `sym_visibility`; public is the default and is stored as no attribute at all."""
    in_properties = "sym_visibility" in op.properties or _declares(op, "sym_visibility")
    table = op.properties if in_properties else op.attributes
    if vis == PUBLIC:
        op.properties.pop("sym_visibility", None)
        op.attributes.pop("sym_visibility", None)
    else:
        table["sym_visibility"] = StringAttr(vis)


def _declares(op: Operation, name: str) -> bool:
    definition = getattr(type(op), "definition", None)
    return definition is not None and definition.field(name) is not None


def is_potentially_unknown_symbol_table(op: Operation, loaded: Callable[[str], bool]) -> bool:
    """An op of a dialect that is not loaded, with one region, may be a symbol table nobody
    can see inside (MLIR's isPotentiallyUnknownSymbolTable)."""
    return len(op.regions) == 1 and not type(op).is_registered and not loaded(op.name)


# -- symbol references ----------------------------------------------------------------------


def attribute_symbol_refs(attr: Attribute, out: list[SymbolRefAttr]) -> None:
    """Append every SymbolRefAttr nested in `attr` (arrays, dictionaries, dialect attribute
    parameters) to `out`."""
    stack: list = [attr]
    while stack:
        a = stack.pop()
        if isinstance(a, SymbolRefAttr):
            out.append(a)
        elif isinstance(a, tuple):
            stack.extend(a)
        elif isinstance(a, Attribute) and not isinstance(a, Location):
            for name in a._param_names:
                v = getattr(a, name)
                if isinstance(v, (Attribute, tuple)):
                    stack.append(v)


def op_symbol_refs(op: Operation) -> list[SymbolRefAttr]:
    """The symbol references held by `op`'s own attributes (inherent and discardable)."""
    refs: list[SymbolRefAttr] = []
    for table in (op.properties, op.attributes):
        for value in table.values():
            if not isinstance(value, (StringAttr, Location)):
                attribute_symbol_refs(value, refs)
    return refs


def symbol_uses(
    root: Operation, loaded: Callable[[str], bool]
) -> list[tuple[SymbolRefAttr, Operation]] | None:
    """Every (reference, user) held by `root` and the ops nested in it, without entering
    nested symbol tables (their references name their own symbols). None when an op that may
    be an unknown symbol table is met: then the uses cannot be known (MLIR's getSymbolUses)."""
    if is_potentially_unknown_symbol_table(root, loaded):
        return None
    uses = [(ref, root) for ref in op_symbol_refs(root)]
    if is_symbol_table(root):
        return uses
    uses_in = region_symbol_uses(root, loaded)
    if uses_in is None:
        return None
    uses.extend(uses_in)
    return uses


def region_symbol_uses(
    op: Operation, loaded: Callable[[str], bool]
) -> list[tuple[SymbolRefAttr, Operation]] | None:
    """The symbol uses of the ops inside `op`'s regions (not of `op` itself)."""
    uses: list[tuple[SymbolRefAttr, Operation]] = []
    stack = [op]
    while stack:
        parent = stack.pop()
        for region in parent.regions:
            for block in region.blocks:
                for nested in block.ops:
                    if is_potentially_unknown_symbol_table(nested, loaded):
                        return None
                    for ref in op_symbol_refs(nested):
                        uses.append((ref, nested))
                    if nested.regions and not is_symbol_table(nested):
                        stack.append(nested)
    return uses


def walk_symbol_tables(
    op: Operation, all_uses_visible: bool, callback: Callable[[Operation, bool], None]
) -> None:
    """Call `callback(table, all_uses_visible)` for every symbol table in `op` (itself
    included), inner tables first. `all_uses_visible` says whether every use of the table's
    symbols is inside the IR walked (MLIR's SymbolTable::walkSymbolTables)."""
    # Iterative post-order: (op, visible, expanded?)
    stack: list[tuple[Operation, bool, bool]] = [(op, all_uses_visible, False)]
    while stack:
        current, visible, expanded = stack.pop()
        if expanded:
            callback(current, visible)
            continue
        if is_symbol_table(current):
            visible = visible or not is_symbol(current) or visibility(current) == PRIVATE
            stack.append((current, visible, True))
        else:
            visible = True  # symbols nested in a non-table op are hidden from outside
        children = [
            nested for region in current.regions for block in region.blocks for nested in block.ops
        ]
        for nested in reversed(children):
            stack.append((nested, visible, False))


# -- lookup -----------------------------------------------------------------------------------


class SymbolTableCollection:
    """Caches, for each symbol table op, its name -> symbol map (MLIR's SymbolTableCollection).

    Tables are built on first use; `forget(table)` drops one after its symbols change.
    """

    def __init__(self, loaded: Callable[[str], bool] | None = None) -> None:
        self.tables: dict[Operation, dict[str, Operation]] = {}
        self.loaded = loaded or loaded_dialect_check()

    def table(self, table_op: Operation) -> dict[str, Operation]:
        symbols = self.tables.get(table_op)
        if symbols is None:
            symbols = {}
            for region in table_op.regions:
                for block in region.blocks:
                    for op in block.ops:
                        name = symbol_name(op)
                        if name is not None and name not in symbols:
                            symbols[name] = op
            self.tables[table_op] = symbols
        return symbols

    def forget(self, table_op: Operation) -> None:
        self.tables.pop(table_op, None)

    def lookup_in(self, table_op: Operation, ref: SymbolRefAttr) -> list[Operation] | None:
        """The ops `ref` names, outermost first (`@a::@b` gives [a, b]); None if any part is
        missing."""
        found = self.table(table_op).get(ref.root)
        if found is None:
            return None
        chain = [found]
        for name in ref.nested:
            if not is_symbol_table(found):
                return None
            found = self.table(found).get(name)
            if found is None:
                return None
            chain.append(found)
        return chain

    def nearest_symbol_table(self, op: Operation, include_self: bool = False) -> Operation | None:
        """The closest symbol table enclosing `op` (or `op` itself with `include_self`); None
        when there is none or an op that may be an unknown symbol table is in the way."""
        current = op if include_self else op.parent_op
        while current is not None:
            if is_symbol_table(current):
                return current
            if is_potentially_unknown_symbol_table(current, self.loaded):
                return None
            current = current.parent_op
        return None

    def lookup_nearest(
        self, op: Operation, ref: SymbolRefAttr, include_self: bool = False
    ) -> Operation | None:
        """The op that `ref`, used by `op`, names (MLIR's lookupNearestSymbolFrom; with
        `include_self`, `op` itself may be the table, as when `op` is a module)."""
        table = self.nearest_symbol_table(op, include_self)
        if table is None:
            return None
        chain = self.lookup_in(table, ref)
        return None if chain is None else chain[-1]


def loaded_dialect_check() -> Callable[[str], bool]:
    """A predicate: is the dialect of this op name loaded? (reads the registry once)."""
    names = set(loaded_dialects())
    return lambda op_name: op_name.partition(".")[0] in names


def iter_symbols(table_op: Operation) -> Iterator[Operation]:
    """The symbols defined directly in a symbol table op."""
    for region in table_op.regions:
        for block in region.blocks:
            for op in block.ops:
                if is_symbol(op):
                    yield op
