"""The memref dialect: buffers (allocation, loads and stores, views, casts, globals)."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.memref.ops import CALLBACKS, GRAMMAR, OPS

DIALECT = Dialect(
    "memref",
    ops=list(OPS),
    description="Buffers: allocation, loads and stores, views, casts and globals.",
    grammar=GRAMMAR,
    parse_callbacks=dict(CALLBACKS),
)
