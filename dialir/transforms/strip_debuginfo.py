"""strip-debuginfo: replace every location, of ops and of block arguments, with `unknown`
(MLIR's StripDebugInfo)."""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.attrs import UNKNOWN_LOC
from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, register_pass


@register_pass
@dataclass
class StripDebugInfo(Pass):
    name = "strip-debuginfo"
    summary = "Strip debug info from all operations"

    def run(self, op: Operation) -> None:
        for nested in op.walk():
            nested.location = UNKNOWN_LOC
            for region in nested.regions:
                for block in region.blocks:
                    for arg in block.args:
                        arg.location = UNKNOWN_LOC
