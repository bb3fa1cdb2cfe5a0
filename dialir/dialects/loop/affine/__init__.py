"""The affine dialect (MLIR's `affine`): loops, conditionals and memory accesses whose bounds,
conditions and subscripts are affine maps and integer sets of dims and symbols."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.arith.ops import materialize_constant
from dialir.dialects.loop.affine import canonicalize  # noqa: F401  (attaches patterns, folders)
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
from dialir.dialects.loop.affine.syntax import CALLBACKS, GRAMMAR

DIALECT = Dialect(
    "affine",
    ops=list(OPS),
    description="Affine loops, conditionals and memory accesses.",
    grammar=GRAMMAR,
    parse_callbacks=dict(CALLBACKS),
    # MLIR's AffineDialect::materializeConstant: folded indices become arith.constant.
    materialize_constant=materialize_constant,
)

__all__ = [
    "DIALECT", "AffineApplyOp", "AffineForOp", "AffineIfOp", "AffineLoadOp", "AffineMaxOp",
    "AffineMinOp", "AffineParallelOp", "AffinePrefetchOp", "AffineStoreOp",
    "AffineVectorLoadOp", "AffineVectorStoreOp", "AffineYieldOp",
]  # fmt: skip
