"""convert-vector-to-llvm: the vector ops dialir emits to the llvm dialect (MLIR's
VectorToLLVM), vector types being LLVM's own.

    vector.load %m[%i, %j] : memref<8x64xf32>, vector<16xf32>
        -> llvm.load (getelementptr aligned[offset + i*s0 + j*s1]) {alignment = 4} : vector<16xf32>
    vector.store %v, %m[%i, %j]  -> llvm.store of the vector to the same address
    vector.broadcast %s : f32 to vector<16xf32>
        -> llvm.insertelement %s, poison[0] then llvm.shufflevector with an all-zero mask
    vector.fma %a, %b, %c : vector<16xf32>  -> llvm.intr.fmuladd(%a, %b, %c)

Loads and stores carry the element's alignment, as MLIR's (a vector may start at any
element): without it LLVM would assume the vector type's own, and emit aligned moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialir.conversions.llvm_common import (
    LLVMTypeConverter,
    MemRefDescriptor,
    llvm_target,
    strided_element_ptr,
)
from dialir.core.ir.operation import Operation
from dialir.core.ir.types import FloatType, IntegerType, MemRefType, Type, VectorType, i32
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.conversion import ConversionPattern, apply_partial_conversion
from dialir.dialects import llvm


def _alignment(t: Type) -> int:
    """The element's ABI alignment in bytes (its size, for LLVM's scalar types)."""
    width = t.width if isinstance(t, (FloatType, IntegerType)) else 64
    return max(1, (width + 7) // 8)


def _lowerable(memref_type: Type, vector_type: Type) -> bool:
    return (
        isinstance(memref_type, MemRefType) and isinstance(vector_type, VectorType)
        and vector_type.rank == 1 and not isinstance(memref_type.element_type, VectorType)
    )  # fmt: skip


class _Access(ConversionPattern):
    """The vector's address: the strided element pointer of the indices (as memref.load)."""

    def address(self, op: Operation, memref: Any, indices: list, rewriter: Any) -> Any:
        t = op.base.type
        desc = MemRefDescriptor(rewriter, memref, t)
        elem = rewriter.type_converter.convert_type(t.element_type)
        return strided_element_ptr(rewriter, desc, indices, elem)


class LoadOpLowering(_Access):
    root = "vector.load"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        vt = rewriter.type_converter.convert_type(op.result.type)
        if not _lowerable(op.base.type, vt):
            return rewriter.notify_match_failure(op, "only 1-D vectors of a memref of scalars")
        addr = self.address(op, operands[0], operands[1:], rewriter)
        align = _alignment(op.base.type.element_type)
        rewriter.replace_op_with(op, llvm.LoadOp(addr, vt, alignment=align))
        return True


class StoreOpLowering(_Access):
    root = "vector.store"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        if not _lowerable(op.base.type, op.valueToStore.type):
            return rewriter.notify_match_failure(op, "only 1-D vectors of a memref of scalars")
        value, memref, *indices = operands
        addr = self.address(op, memref, indices, rewriter)
        align = _alignment(op.base.type.element_type)
        rewriter.create(llvm.StoreOp, value, addr, alignment=align)
        rewriter.erase_op(op)
        return True


class BroadcastOpLowering(ConversionPattern):
    root = "vector.broadcast"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        vt = rewriter.type_converter.convert_type(op.vector.type)
        if isinstance(op.source.type, VectorType) or not isinstance(vt, VectorType):
            return rewriter.notify_match_failure(op, "only scalar to 1-D vector broadcasts")
        if vt.rank != 1:
            return rewriter.notify_match_failure(op, "only scalar to 1-D vector broadcasts")
        poison = rewriter.create(llvm.PoisonOp, vt).res
        zero = rewriter.create(llvm.ConstantOp, 0, i32).res
        one = rewriter.create(llvm.InsertElementOp, operands[0], poison, zero).res
        rewriter.replace_op_with(op, llvm.ShuffleVectorOp(one, poison, [0] * vt.shape[0]))
        return True


class FMAOpLowering(ConversionPattern):
    root = "vector.fma"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        if op.result.type.rank != 1:
            return rewriter.notify_match_failure(op, "only 1-D vectors")
        rewriter.replace_op_with(op, llvm.FMulAddOp(*operands))
        return True


def populate_vector_to_llvm_patterns(converter: LLVMTypeConverter) -> list[ConversionPattern]:
    return [cls(converter) for cls in (LoadOpLowering, StoreOpLowering, BroadcastOpLowering,
                                       FMAOpLowering)]  # fmt: skip


@register_pass
@dataclass
class ConvertVectorToLLVM(Pass):
    name = "convert-vector-to-llvm"
    summary = "Lower the operations from the vector dialect into the LLVM dialect"
    dependent_dialects = ("llvm",)

    def run(self, op: Operation) -> None:
        converter = LLVMTypeConverter()
        patterns = populate_vector_to_llvm_patterns(converter)
        apply_partial_conversion(op, llvm_target(), patterns, converter)
