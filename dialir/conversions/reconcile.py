"""reconcile-unrealized-casts: removes `builtin.unrealized_conversion_cast` chains that lead
back to their own types and casts nobody uses (MLIR's ReconcileUnrealizedCasts), once the
conversions on both sides of them have run. Casts that still bridge two type systems stay."""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.operation import Operation
from dialir.core.ods.builtin import UnrealizedConversionCastOp
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.conversion import reconcile_unrealized_casts


@register_pass
@dataclass
class ReconcileUnrealizedCasts(Pass):
    name = "reconcile-unrealized-casts"
    summary = "Simplify and eliminate unrealized conversion casts"

    def run(self, op: Operation) -> None:
        name = UnrealizedConversionCastOp.OP_NAME
        casts = [o for o in op.walk() if o.name == name]
        if not casts:
            self.mark_all_analyses_preserved()
            return
        reconcile_unrealized_casts(casts)
