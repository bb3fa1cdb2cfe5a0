"""The irdl dialect (MLIR's IR Definition Language): dialects defined as IR, loaded at run
time (`dialir-opt --irdl-file=FILE`, or `load_irdl` in Python) with no Python written."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.irdl.ops import OPS
from dialir.dialects.irdl.syntax import CALLBACKS, GRAMMAR
from dialir.dialects.irdl.types import AttributeType, RegionType

DIALECT = Dialect(
    "irdl",
    ops=list(OPS),
    description="""IR Definition Language: dialects, their ops, types and attributes as IR.

    `dialir-opt --irdl-file=FILE` (as mlir-opt) or `dialir.load_irdl(text_or_path,
    context=ctx)` loads the dialects an IRDL module defines into a context, with no Python
    written: their ops read and print in the generic form and verify their operand and
    result counts (`single`, `optional`, `variadic`; `operandSegmentSizes` /
    `resultSegmentSizes` when more than one is not single), each value against its
    constraint, their attributes and their regions; their types and attributes read and
    print as `!dialect.type<params>` / `#dialect.attr<params>` and check their parameters
    when made. A constraint variable (an SSA value of a constraint op) stands for one type or
    attribute in each op, so `irdl.operands(lhs: %t, rhs: %t)` means both operands have the
    same type. Symbols are looked up from the symbol table around the `irdl.dialect`, so
    definitions are named `@dialect::@name`.""",
    grammar=GRAMMAR,
    parse_callbacks=dict(CALLBACKS),
    types=[AttributeType, RegionType],
)
