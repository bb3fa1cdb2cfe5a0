"""The public facade of dialir's IR layer: `from dialir.ir import Operation, Block, parse`."""

from dialir.core.ir.attrs import *  # noqa: F403
from dialir.core.ir.builder import Builder
from dialir.core.ir.context import Context
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, SourceManager, VerifyError
from dialir.core.ir.operation import Block, BlockArgument, Operation, OpResult, Region, Use, Value
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import *  # noqa: F403
from dialir.core.ir.verifier import verify
from dialir.core.ods.builtin import ModuleOp, UnrealizedConversionCastOp
from dialir.parser.parser import parse


def print_ir(op: Operation, generic: bool = False, debuginfo: bool = False) -> str:
    """MLIR text for `op` (custom forms where ops have one unless `generic`)."""
    return Printer.to_string(op, generic=generic, debuginfo=debuginfo)


__all__ = [
    "Block", "BlockArgument", "Builder", "Context", "Diagnostic", "DiagnosticError", "ModuleOp",
    "Operation", "OpResult", "Printer", "Region", "SourceManager", "UnrealizedConversionCastOp",
    "Use", "Value", "VerifyError", "parse", "print_ir", "verify",
]  # fmt: skip
