"""The llvm dialect: LLVM IR as MLIR ops (MLIR's `llvm` dialect), with its types
(`!llvm.ptr`, `!llvm.struct<...>`, `!llvm.array<...>`, `!llvm.func<...>`), attributes,
intrinsics (`llvm.intr.*`) and custom syntax. `dialir.target.llvmir` translates a module of
these ops to LLVM IR text.
"""

from dialir.core.ir.attrs import DenseElementsAttr, FloatAttr, IntegerAttr
from dialir.core.ir.dialect import Dialect
from dialir.dialects.llvm import attrs, intrinsics, ops, syntax, types
from dialir.dialects.llvm.attrs import (
    CConvAttr,
    FastmathFlagsAttr,
    LinkageAttr,
    TailCallKindAttr,
)
from dialir.dialects.llvm.intrinsics import *  # noqa: F403
from dialir.dialects.llvm.ops import *  # noqa: F403
from dialir.dialects.llvm.types import (
    PTR,
    VOID,
    LLVMArrayType,
    LLVMFunctionType,
    LLVMPointerType,
    LLVMStructType,
    LLVMVoidType,
    is_compatible_type,
)


def _materialize_constant(value, type, location):
    """MLIR's LLVM::ConstantOp::materialize: integer, float and elements constants."""
    if getattr(value, "type", None) is not type or not is_compatible_type(type):
        return None
    if not isinstance(value, (IntegerAttr, FloatAttr, DenseElementsAttr)):
        return None
    return ops.ConstantOp(value, type, location=location)


DIALECT = Dialect(
    "llvm",
    ops=[*ops.OPS, *intrinsics.INTRINSICS],
    description="LLVM IR in MLIR: instructions, intrinsics, functions and globals.",
    grammar=syntax.GRAMMAR,
    parse_callbacks=dict(syntax.CALLBACKS),
    materialize_constant=_materialize_constant,
    types=list(types.TYPES),
    attributes=list(attrs.ATTRIBUTES),
)

__all__ = [
    "DIALECT", "CConvAttr", "FastmathFlagsAttr", "LinkageAttr", "TailCallKindAttr",
    "LLVMArrayType", "LLVMFunctionType", "LLVMPointerType", "LLVMStructType", "LLVMVoidType",
    "PTR", "VOID", "is_compatible_type", *ops.__all__,
    *(c.__name__ for c in intrinsics.INTRINSICS),
]  # fmt: skip
