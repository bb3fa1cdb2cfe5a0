"""The irdl dialect (MLIR's IR Definition Language): dialects defined as IR, loaded at run
time (`dialir-opt --irdl-file=FILE`, or `load_irdl` in Python) with no Python written."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.irdl.ops import OPS
from dialir.dialects.irdl.syntax import CALLBACKS, GRAMMAR
from dialir.dialects.irdl.types import AttributeType, RegionType

DIALECT = Dialect(
    "irdl",
    ops=list(OPS),
    description="IR Definition Language: dialects, their ops, types and attributes as IR.",
    grammar=GRAMMAR,
    parse_callbacks=dict(CALLBACKS),
    types=[AttributeType, RegionType],
)
