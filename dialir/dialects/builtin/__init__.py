"""The builtin dialect: registers the ops, types and attributes that live in dialir.core."""

from dialir.core.ir.dialect import Dialect
from dialir.core.ods.builtin import ModuleOp, UnrealizedConversionCastOp

DIALECT = Dialect(
    "builtin",
    ops=[ModuleOp, UnrealizedConversionCastOp],
    description="The types, attributes and container ops every dialect builds on.",
)
