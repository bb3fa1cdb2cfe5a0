"""The cf dialect (unstructured control flow): branch ops over successor blocks."""

from dialir.core.dialect import Dialect
from dialir.dialects.cf.ops import BranchOp, CondBranchOp

DIALECT = Dialect("cf", ops=[BranchOp, CondBranchOp], description="Unstructured control flow.")
