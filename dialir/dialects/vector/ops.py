"""vector ops: the part of MLIR's `vector` dialect the lowerings emit — contiguous loads and
stores of a vector from a memref (what `lower-affine` makes of `affine.vector_load` /
`affine.vector_store`), the broadcast of a scalar to every lane, and `vector.fma`. Other
arithmetic on vectors is arith / math on vector types, as in MLIR.

    %v = vector.load %m[%i, %j] : memref<8x64xf32>, vector<16xf32>
    vector.store %v, %m[%i, %j] : memref<8x64xf32>, vector<16xf32>
    %b = vector.broadcast %s : f32 to vector<16xf32>
    %r = vector.fma %a, %b, %c : vector<16xf32>

A load or store covers the vector's shape in the memref's trailing dimensions from the
indices (one element of a memref of vectors); as in MLIR, running past the end of a dimension
is undefined (the reference interpreter reports it). convert-vector-to-llvm lowers 1-D
vectors from memrefs of scalars.
"""

from __future__ import annotations

from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.traits import MemRead, MemWrite, Pure, SameOperandsAndResultType
from dialir.core.ir.types import MemRefType, VectorType
from dialir.core.ods.constraints import AnyFloat, AnyMemRef, AnyType, AnyVector, Index, VectorOf
from dialir.core.ods.opdef import Op, operand, result, var_operand


def _verify_access(op: Op, memref_type: object, vector_type: object, what: str) -> None:
    if not isinstance(memref_type, MemRefType):
        return  # unranked: nothing static to check
    if len(op.indices) != memref_type.rank:
        raise VerifyError(op, f"requires {memref_type.rank} indices")
    if not isinstance(vector_type, VectorType):
        return
    if isinstance(memref_type.element_type, VectorType):
        if memref_type.element_type is not vector_type:  # a memref of vectors: one element
            raise VerifyError(op, "base elemental vector and result types should match")
        return
    if vector_type.rank > memref_type.rank:
        raise VerifyError(op, f"vector of rank {vector_type.rank} does not fit memref of rank "
                          f"{memref_type.rank}")  # fmt: skip
    if vector_type.element_type is not memref_type.element_type:
        raise VerifyError(op, "base and valueToStore element type should match"
                          if what == "store" else "base and result element type should match")  # fmt: skip


class LoadOp(Op):
    """`%v = vector.load %m[%i] : memref<100xf32>, vector<8xf32>`."""

    __slots__ = ()
    OP_NAME = "vector.load"
    summary = "reads an n-D slice of memory into an n-D vector"
    traits = frozenset({MemRead})
    base = operand(AnyMemRef)
    indices = var_operand(Index)
    result = result(AnyVector)
    assembly_format = "$base `[` $indices `]` attr-dict `:` type($base) `,` type($result)"

    def verify(self) -> None:
        _verify_access(self, self.base.type, self.result.type, "load")


class StoreOp(Op):
    """`vector.store %v, %m[%i] : memref<100xf32>, vector<8xf32>`."""

    __slots__ = ()
    OP_NAME = "vector.store"
    summary = "writes an n-D vector to an n-D slice of memory"
    traits = frozenset({MemWrite})
    valueToStore = operand(AnyVector)
    base = operand(AnyMemRef)
    indices = var_operand(Index)
    assembly_format = (
        "$valueToStore `,` $base `[` $indices `]` attr-dict `:` type($base) `,` type($valueToStore)"
    )

    def verify(self) -> None:
        _verify_access(self, self.base.type, self.valueToStore.type, "store")


class BroadcastOp(Op):
    """`%v = vector.broadcast %s : f32 to vector<16xf32>`: `%s` in every lane (a scalar
    source; MLIR's vector sources are not emitted by dialir)."""

    __slots__ = ()
    OP_NAME = "vector.broadcast"
    summary = "broadcast operation"
    traits = frozenset({Pure})
    source = operand(AnyType)
    vector = result(AnyVector)
    assembly_format = "$source attr-dict `:` type($source) `to` type($vector)"

    def verify(self) -> None:
        src, t = self.source.type, self.vector.type
        if isinstance(src, VectorType):
            if src.element_type is not t.element_type or src.shape != t.shape[-src.rank :]:
                raise VerifyError(self, f"'{src}' is not broadcastable to '{t}'")
            return
        if src is not t.element_type:
            raise VerifyError(self, f"source type '{src}' is not the element type of '{t}'")


class FMAOp(Op):
    """`%r = vector.fma %a, %b, %c : vector<8xf32>`: a * b + c lane by lane, fused or not
    (LLVM's fmuladd)."""

    __slots__ = ()
    OP_NAME = "vector.fma"
    summary = "vector fused multiply-add"
    traits = frozenset({Pure, SameOperandsAndResultType})
    lhs = operand(VectorOf(AnyFloat))
    rhs = operand(VectorOf(AnyFloat))
    acc = operand(VectorOf(AnyFloat))
    result = result(VectorOf(AnyFloat))
    assembly_format = "$lhs `,` $rhs `,` $acc attr-dict `:` type($lhs)"


OPS: list[type[Op]] = [BroadcastOp, FMAOp, LoadOp, StoreOp]
