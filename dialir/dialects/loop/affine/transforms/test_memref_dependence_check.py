"""test-memref-dependence-check (MLIR's test pass, also registered as
test-affine-dependence-check): checks every ordered pair of memory accesses at every depth
and attaches a remark `dependence from i to j at depth d = <result>` to the source access,
`<result>` being `false`, `true`, or one `[lb, ub]` distance range per common loop."""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, register_pass
from dialir.dialects.loop.analysis import (
    check_dependence,
    collect_accesses,
    direction_vector_str,
    emit_remark,
    num_common_loops,
)


@register_pass
@dataclass
class TestMemRefDependenceCheck(Pass):
    """MLIR's -test-memref-dependence-check."""

    name = "test-memref-dependence-check"
    summary = "Checks dependences between all pairs of memref accesses."

    def run(self, op: Operation) -> None:
        accesses, _ = collect_accesses(op)
        for i, src in enumerate(accesses):
            for j, dst in enumerate(accesses):
                n = num_common_loops(src, dst)
                for d in range(1, n + 2):
                    result = check_dependence(src, dst, d)
                    text = direction_vector_str(result, n, d)
                    emit_remark(src.op, f"dependence from {i} to {j} at depth {d} = {text}")
        self.mark_all_analyses_preserved()


@register_pass
@dataclass
class TestAffineDependenceCheck(TestMemRefDependenceCheck):
    """The same check under the name the dialir issue tracker uses."""

    name = "test-affine-dependence-check"
