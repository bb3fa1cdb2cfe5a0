"""The memref dialect: buffers (allocation, loads and stores, views, casts, globals)."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.arith.ops import materialize_constant
from dialir.dialects.memref import canonicalize  # noqa: F401  (attaches the patterns)
from dialir.dialects.memref.ops import CALLBACKS, GRAMMAR, OPS

DIALECT = Dialect(
    "memref",
    ops=list(OPS),
    description="Buffers: allocation, loads and stores, views, casts and globals.",
    grammar=GRAMMAR,
    parse_callbacks=dict(CALLBACKS),
    # MLIR's MemRefDialect::materializeConstant: arith.constant (memref.dim folds).
    materialize_constant=materialize_constant,
)
