"""The affine dialect (MLIR's `affine`): loops, conditionals and memory accesses whose bounds,
conditions and subscripts are affine maps and integer sets of dims and symbols."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.loop.affine.ops import (
    OPS,
    AffineApplyOp,
    AffineForOp,
    AffineIfOp,
    AffineLoadOp,
    AffineMaxOp,
    AffineMinOp,
    AffineParallelOp,
    AffinePrefetchOp,
    AffineStoreOp,
    AffineVectorLoadOp,
    AffineVectorStoreOp,
    AffineYieldOp,
)

DIALECT = Dialect(
    "affine",
    ops=list(OPS),
    description="Affine loops, conditionals and memory accesses.",
)

__all__ = [
    "DIALECT", "AffineApplyOp", "AffineForOp", "AffineIfOp", "AffineLoadOp", "AffineMaxOp",
    "AffineMinOp", "AffineParallelOp", "AffinePrefetchOp", "AffineStoreOp",
    "AffineVectorLoadOp", "AffineVectorStoreOp", "AffineYieldOp",
]  # fmt: skip
