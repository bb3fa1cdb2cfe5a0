"""Type checks along the control-flow edges of region ops (MLIR's RegionBranchOpInterface
verifier), shared by the affine and scf loops and conditionals.

An edge carries values from a source (the parent op's operands, or a region's terminator) to
a successor's inputs (a region's entry arguments, or the parent op's results). Ops list their
edges; `verify_edges` reports the first mismatch in MLIR's words.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialir.core.ir.attrs import Attribute, IntegerAttr
from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.operation import Operation, Value

PARENT = "parent"


def region_label(index: int) -> str:
    return f"Region #{index}"


def op_label(op: Operation | str) -> str:
    return f"Operation {op if isinstance(op, str) else op.name}"


def verify_edge(op: Operation, source: Operation | None, successor: str,
                values: Sequence[Value], inputs: Sequence) -> None:  # fmt: skip
    """`values` flow from `source` (the terminator, or None for the parent op's operands)
    into `inputs` (values or types) of `successor`; MLIR notes the branch point."""
    where = f"along control flow edge from {PARENT if source is None else op_label(source)} "
    where += f"to {successor}"
    message = None
    if len(values) != len(inputs):
        message = (f"{where}: region branch point has {len(values)} operands, but region "
                   f"successor needs {len(inputs)} inputs")  # fmt: skip
    else:
        for i, (v, t) in enumerate(zip(values, inputs)):
            t = t.type if isinstance(t, Value) else t
            if v.type is not t:
                message = (f"{where}: successor operand type #{i} '{v.type}' should match "
                           f"successor input type #{i} '{t}'")  # fmt: skip
                break
    if message is not None:
        err = VerifyError(op, message)
        where_from = op if source is None else source
        err.diagnostics[0].attach_note("region branch point", where_from.location)
        raise err


def nested_ops_speculatable(op: Operation) -> bool:
    """MLIR's RecursivelySpeculatable: every op nested in `op` may run speculatively (an op
    says otherwise through `is_speculatable()`)."""
    for inner in op.walk():
        if inner is op:
            continue
        check = getattr(inner, "is_speculatable", None)
        if check is not None and not check():
            return False
    return True


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


def attr_int(attr: Attribute | None) -> int | None:
    """The value of a constant integer (or i1) operand, as region-successor queries get them."""
    return attr.value if isinstance(attr, IntegerAttr) else None
