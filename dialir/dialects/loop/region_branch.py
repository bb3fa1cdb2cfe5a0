"""Type checks along the control-flow edges of region ops (MLIR's RegionBranchOpInterface
verifier), shared by the affine and scf loops and conditionals.

An edge carries values from a source (the parent op's operands, or a region's terminator) to
a successor's inputs (a region's entry arguments, or the parent op's results). Ops list their
edges; `verify_edges` reports the first mismatch in MLIR's words.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.operation import Operation, Value

PARENT = "parent"


def region_label(index: int) -> str:
    return f"Region #{index}"


def op_label(op: Operation | str) -> str:
    return f"Operation {op if isinstance(op, str) else op.name}"


def verify_edge(op: Operation, source: str, successor: str, values: Sequence[Value],
                inputs: Sequence) -> None:  # fmt: skip
    """`values` flow from `source` into `inputs` (values or types) of `successor`."""
    where = f"along control flow edge from {source} to {successor}"
    if len(values) != len(inputs):
        raise VerifyError(
            op, f"{where}: region branch point has {len(values)} operands, but region "
            f"successor needs {len(inputs)} inputs",
        )  # fmt: skip
    for i, (v, t) in enumerate(zip(values, inputs)):
        t = t.type if isinstance(t, Value) else t
        if v.type is not t:
            raise VerifyError(
                op, f"{where}: successor operand type #{i} '{v.type}' should match successor "
                f"input type #{i} '{t}'",
            )  # fmt: skip


def verify_loop_counts(op: Operation, inits: Sequence[Value], iter_args: Sequence[Value],
                       results: Sequence[Value]) -> None:  # fmt: skip
    """MLIR's LoopLikeOpInterface count checks of loop-carried values."""
    if len(inits) != len(iter_args):
        raise VerifyError(
            op, f"different number of inits and region iter_args: {len(inits)} != {len(iter_args)}"
        )
    if len(results) != len(iter_args):
        raise VerifyError(
            op, "different number of loop results and region iter_args: "
            f"{len(results)} != {len(iter_args)}",
        )  # fmt: skip
