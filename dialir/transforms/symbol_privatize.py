"""symbol-privatize: make the top-level symbols of the op private, except those excluded
(MLIR's SymbolPrivatize). Nested symbols keep their visibility."""

from __future__ import annotations

from dataclasses import dataclass, field

from dialir.core.ir.operation import Operation
from dialir.core.ir.symbols import PRIVATE, is_symbol, set_visibility, symbol_name
from dialir.core.passes import Pass, register_pass


@register_pass
@dataclass
class SymbolPrivatize(Pass):
    name = "symbol-privatize"
    summary = "Mark symbols private"
    exclude: list[str] = field(
        default_factory=list,
        metadata={"help": "Comma separated list of symbols that should not be marked private"},
    )

    def run(self, op: Operation) -> None:
        keep = set(self.exclude)
        for region in op.regions:
            for block in region.blocks:
                for symbol in block.ops:
                    if is_symbol(symbol) and symbol_name(symbol) not in keep:
                        set_visibility(symbol, PRIVATE)
