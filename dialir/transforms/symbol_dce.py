"""symbol-dce: erase the symbols nothing live can reach (MLIR's SymbolDCE).

Live symbols are those visible outside the IR (public ones, unless their symbol table is
hidden, and `nested` ones of a visible table) and every symbol a live op references, with
`@a::@b` references making both `a` and `b` live. Non-symbol ops are always live, so their
references count too. Nested symbol tables are handled recursively: a table that is private,
unnamed or inside a hidden table is hidden, and then its nested symbols can go as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.operation import Operation
from dialir.core.ir.symbols import (
    PRIVATE,
    PUBLIC,
    SymbolTableCollection,
    is_symbol,
    is_symbol_table,
    loaded_dialect_check,
    symbol_uses,
    visibility,
)
from dialir.core.passes import Pass, PassFailure, register_pass


@register_pass
@dataclass
class SymbolDCE(Pass):
    name = "symbol-dce"
    summary = "Eliminate dead symbols"
    statistics = {"num-dce'd": "Number of symbols DCE'd"}

    def run(self, op: Operation) -> None:
        if not is_symbol_table(op):
            raise PassFailure(
                f"'{op.name}' op was scheduled to run under SymbolDCE, but does not define a "
                "symbol table",
                op,
            )
        # A top-level table is hidden; a nested one only if it is a private symbol.
        hidden = op.parent is None or not is_symbol(op) or visibility(op) == PRIVATE
        live: set[Operation] = set()
        tables = SymbolTableCollection(loaded_dialect_check())
        self._compute_liveness(op, tables, hidden, live)
        erased = 0
        for table in [o for o in op.walk() if is_symbol_table(o)]:
            for region in table.regions:
                for block in region.blocks:
                    for symbol in block.ops:
                        if is_symbol(symbol) and symbol not in live:
                            symbol.detach()
                            symbol.drop_all_references()
                            erased += 1
        self.count("num-dce'd", erased)

    def _compute_liveness(
        self, table: Operation, tables: SymbolTableCollection, hidden: bool, live: set
    ) -> None:
        worklist: list[Operation] = []
        for region in table.regions:
            for block in region.blocks:
                for op in block.ops:
                    if not is_symbol(op):
                        worklist.append(op)
                        continue
                    vis = visibility(op)
                    discardable = (hidden or vis == PRIVATE) and vis != PUBLIC
                    if not discardable and op not in live:
                        live.add(op)
                        worklist.append(op)

        while worklist:
            op = worklist.pop()
            if is_symbol_table(op):
                nested_hidden = hidden or not is_symbol(op) or visibility(op) == PRIVATE
                self._compute_liveness(op, tables, nested_hidden, live)
            else:
                # Symbol tables nested in a non-table op see it as their top level.
                for region in op.regions:
                    for block in region.blocks:
                        worklist.extend(nested for nested in block.ops if nested.regions)
            parent = op.parent_op
            if parent is None or not is_symbol_table(parent):
                continue
            uses = symbol_uses(op, tables.loaded)
            if uses is None:
                raise PassFailure(
                    "operation contains potentially unknown symbol table, meaning that we "
                    "can't reliable compute symbol uses",
                    op,
                )
            for ref, _user in uses:
                for symbol in tables.lookup_in(parent, ref) or ():
                    if symbol not in live:
                        live.add(symbol)
                        worklist.append(symbol)
