"""vector ops: the part of MLIR's `vector` dialect the lowerings emit — contiguous loads and
stores of a 1-D vector from a memref (what `lower-affine` makes of `affine.vector_load` /
`affine.vector_store`) and the broadcast of a scalar to every lane. Arithmetic on vectors is
arith / math on vector types (`math.fma %a, %b, %c : vector<16xf32>`), as in MLIR.

    %v = vector.load %m[%i, %j] : memref<8x64xf32>, vector<16xf32>
    vector.store %v, %m[%i, %j] : memref<8x64xf32>, vector<16xf32>
    %b = vector.broadcast %s : f32 to vector<16xf32>

A load or store covers the vector's length of consecutive elements along the memref's last
dimension from the indices; as in MLIR, running past the end of that dimension is undefined
(the reference interpreter reports it).
"""

from __future__ import annotations

from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.traits import MemRead, MemWrite, Pure
from dialir.core.ir.types import MemRefType, VectorType
from dialir.core.ods.constraints import AnyMemRef, AnyType, AnyVector, Index
from dialir.core.ods.opdef import Op, operand, result, var_operand


def _verify_access(op: Op, memref_type: object, vector_type: object, what: str) -> None:
    if not isinstance(memref_type, MemRefType):
        return  # unranked: nothing static to check
    if len(op.indices) != memref_type.rank:
        raise VerifyError(op, f"requires {memref_type.rank} indices")
    if memref_type.rank == 0:
        raise VerifyError(op, f"{what} needs a memref of rank 1 or more")
    if not isinstance(vector_type, VectorType) or vector_type.rank != 1:
        raise VerifyError(op, "expects a 1-D vector")
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


OPS: list[type[Op]] = [BroadcastOp, LoadOp, StoreOp]
