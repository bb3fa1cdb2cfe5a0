"""The nvvm dialect (MLIR's NVVM): NVIDIA's PTX special registers, barriers and shuffles as
ops beside the llvm dialect, and `#nvvm.target<...>`, the target a gpu.module compiles for."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.nvvm import attrs, ops
from dialir.dialects.nvvm.attrs import NVVMTargetAttr, ShflKindAttr
from dialir.dialects.nvvm.ops import *  # noqa: F403

DIALECT = Dialect(
    "nvvm",
    ops=list(ops.OPS),
    description="NVIDIA's NVVM IR: PTX special registers, barriers and shuffles.",
    attributes=list(attrs.ATTRIBUTES),
)

__all__ = ["DIALECT", "NVVMTargetAttr", "ShflKindAttr", *ops.__all__]
