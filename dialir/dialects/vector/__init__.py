"""The vector dialect (MLIR's `vector`), the ops dialir's lowerings emit: `vector.load`,
`vector.store`, `vector.broadcast`, `vector.fma`; convert-vector-to-llvm lowers them."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.vector.ops import OPS, BroadcastOp, FMAOp, LoadOp, StoreOp

DIALECT = Dialect("vector", ops=OPS, description="Operations on vectors (MLIR's vector).")

__all__ = ["DIALECT", "BroadcastOp", "FMAOp", "LoadOp", "StoreOp"]
