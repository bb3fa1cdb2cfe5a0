"""The cf dialect (unstructured control flow): branch, switch and assert ops."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.cf import canonicalize  # noqa: F401  (attaches the patterns)
from dialir.dialects.cf.ops import (
    SWITCH_CALLBACKS,
    SWITCH_GRAMMAR,
    AssertOp,
    BranchOp,
    CondBranchOp,
    SwitchOp,
)

DIALECT = Dialect(
    "cf",
    ops=[AssertOp, BranchOp, CondBranchOp, SwitchOp],
    description="Unstructured control flow.",
    grammar=SWITCH_GRAMMAR,
    parse_callbacks=dict(SWITCH_CALLBACKS),
)
