"""The func dialect: functions (`func.func`), calls, returns and function constants."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.func import canonicalize  # noqa: F401  (attaches the patterns)
from dialir.dialects.func.ops import (
    CALLBACKS,
    GRAMMAR,
    CallIndirectOp,
    CallOp,
    ConstantOp,
    FuncOp,
    ReturnOp,
)

DIALECT = Dialect(
    "func",
    ops=[CallOp, CallIndirectOp, ConstantOp, FuncOp, ReturnOp],
    description="Functions, calls and returns.",
    grammar=GRAMMAR,
    parse_callbacks=dict(CALLBACKS),
)
