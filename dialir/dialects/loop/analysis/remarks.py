"""Remarks from loop passes (MLIR's `op->emitRemark(...)`): a dependence check's result, or
why a transformation was refused.

They travel as Python warnings carrying a `Diagnostic`, the channel `dialir-opt` already
collects non-fatal pass diagnostics through, so `--verify-diagnostics` checks them against
`expected-remark` comments and the Python API can record them with `warnings`.
"""

from __future__ import annotations

import warnings

from dialir.core.ir.diagnostics import Diagnostic
from dialir.core.ir.operation import Operation


class RemarkWarning(UserWarning):
    """A remark at an op; `diagnostic` holds the message and location."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def emit_remark(op: Operation, message: str) -> Diagnostic:
    """Report `message` as a remark at `op`'s location."""
    diag = Diagnostic("remark", message, op.location)
    warnings.warn(RemarkWarning(diag), stacklevel=2)
    return diag
