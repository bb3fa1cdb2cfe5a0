"""nvvm ops (MLIR's NVVM dialect): what `convert-gpu-to-nvvm` lowers gpu ops to, beside the
llvm dialect: PTX special registers (`nvvm.read.ptx.sreg.tid.x`), `nvvm.barrier0`,
`nvvm.bar.warp.sync` and `nvvm.shfl.sync`. Each stands for one NVVM intrinsic (`INTRINSIC`), which the PTX target
calls (dialir/target/ptx.py).
"""

from __future__ import annotations

from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ods.constraints import I32, AnyType, UnitAttrC
from dialir.core.ods.opdef import Op, attribute, operand, result
from dialir.dialects.nvvm.attrs import ShflKind


class SpecialRegisterOp(Op):
    """`%r = nvvm.read.ptx.sreg.<name> : i32`: read a PTX special register."""

    __slots__ = ()
    OP_NAME = None
    INTRINSIC = ""
    res = result(I32)
    assembly_format = "attr-dict `:` type($res)"


class ThreadIdXOp(SpecialRegisterOp):
    """`nvvm.read.ptx.sreg.tid.x`: the thread's x index in its block."""

    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.tid.x"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.tid.x"


class ThreadIdYOp(SpecialRegisterOp):
    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.tid.y"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.tid.y"


class ThreadIdZOp(SpecialRegisterOp):
    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.tid.z"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.tid.z"


class BlockDimXOp(SpecialRegisterOp):
    """`nvvm.read.ptx.sreg.ntid.x`: the number of threads of a block along x."""

    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.ntid.x"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.ntid.x"


class BlockDimYOp(SpecialRegisterOp):
    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.ntid.y"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.ntid.y"


class BlockDimZOp(SpecialRegisterOp):
    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.ntid.z"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.ntid.z"


class BlockIdXOp(SpecialRegisterOp):
    """`nvvm.read.ptx.sreg.ctaid.x`: the block's x index in the grid."""

    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.ctaid.x"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.ctaid.x"


class BlockIdYOp(SpecialRegisterOp):
    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.ctaid.y"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.ctaid.y"


class BlockIdZOp(SpecialRegisterOp):
    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.ctaid.z"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.ctaid.z"


class GridDimXOp(SpecialRegisterOp):
    """`nvvm.read.ptx.sreg.nctaid.x`: the number of blocks of the grid along x."""

    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.nctaid.x"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.nctaid.x"


class GridDimYOp(SpecialRegisterOp):
    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.nctaid.y"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.nctaid.y"


class GridDimZOp(SpecialRegisterOp):
    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.nctaid.z"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.nctaid.z"


class LaneIdOp(SpecialRegisterOp):
    """`nvvm.read.ptx.sreg.laneid`: the thread's lane in its warp."""

    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.laneid"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.laneid"


class WarpSizeOp(SpecialRegisterOp):
    """`nvvm.read.ptx.sreg.warpsize`: the number of lanes of a warp (32)."""

    __slots__ = ()
    OP_NAME = "nvvm.read.ptx.sreg.warpsize"
    INTRINSIC = "llvm.nvvm.read.ptx.sreg.warpsize"


class Barrier0Op(Op):
    """`nvvm.barrier0`: `bar.sync 0`, the block-wide barrier."""

    __slots__ = ()
    OP_NAME = "nvvm.barrier0"
    summary = "CTA barrier"
    INTRINSIC = "llvm.nvvm.barrier0"
    assembly_format = "attr-dict"


class SyncWarpOp(Op):
    """`nvvm.bar.warp.sync %mask : i32`: `bar.warp.sync`, the lanes of `mask` of the warp
    wait for each other."""

    __slots__ = ()
    OP_NAME = "nvvm.bar.warp.sync"
    summary = "Warp Barrier Synchronization Op"
    INTRINSIC = "llvm.nvvm.bar.warp.sync"
    mask = operand(I32)
    assembly_format = "$mask attr-dict `:` type($mask)"


class ShflSyncOp(Op):
    """`%r = nvvm.shfl.sync bfly %mask, %v, %offset, %clamp : f32 -> f32`: `shfl.sync`;
    with `return_value_and_is_valid` the result is `!llvm.struct<(T, i1)>`."""

    __slots__ = ()
    OP_NAME = "nvvm.shfl.sync"
    summary = "NVVM Dialect Op for shfl.sync"
    kind = attribute(ShflKind())
    return_value_and_is_valid = attribute(UnitAttrC, optional=True)
    thread_mask = operand(I32)
    val = operand(AnyType)
    offset = operand(I32)
    mask_and_clamp = operand(I32)
    res = result(AnyType)
    assembly_format = ("$kind $thread_mask `,` $val `,` $offset `,` $mask_and_clamp attr-dict "
                       "`:` type($val) `->` type($res)")  # fmt: skip

    def verify(self) -> None:
        from dialir.dialects.llvm.types import LLVMStructType  # nvvm loads without llvm

        is_struct = isinstance(self.res.type, LLVMStructType)
        if is_struct and self.return_value_and_is_valid is None:
            raise VerifyError(self, '"return_value_and_is_valid" attribute must be specified '
                              "when the return type is a struct type")  # fmt: skip
        if not is_struct and self.return_value_and_is_valid is not None:
            raise VerifyError(self, "expected return type to be a two-element struct")


SPECIAL_REGISTERS = [
    ThreadIdXOp, ThreadIdYOp, ThreadIdZOp, BlockDimXOp, BlockDimYOp, BlockDimZOp, BlockIdXOp,
    BlockIdYOp, BlockIdZOp, GridDimXOp, GridDimYOp, GridDimZOp, LaneIdOp, WarpSizeOp,
]  # fmt: skip
OPS = [*SPECIAL_REGISTERS, Barrier0Op, SyncWarpOp, ShflSyncOp]
__all__ = [c.__name__ for c in OPS] + ["SPECIAL_REGISTERS", "SpecialRegisterOp"]
