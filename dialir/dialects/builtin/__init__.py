"""The builtin dialect: registers the ops, types and attributes that live in dialir.core."""

from dialir.core.builtin import ModuleOp, UnrealizedConversionCastOp
from dialir.core.dialect import Dialect

DIALECT = Dialect(
    "builtin",
    ops=[ModuleOp, UnrealizedConversionCastOp],
    description="The types, attributes and container ops every dialect builds on.",
)
