"""The scf dialect (MLIR's structured control flow): for, while, if, parallel loops with
reductions, execute_region and index_switch, whose regions hold ordinary SSA code."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.arith.ops import materialize_constant
from dialir.dialects.loop.scf import canonicalize  # noqa: F401  (attaches the patterns)
from dialir.dialects.loop.scf.ops import (
    OPS,
    ConditionOp,
    ExecuteRegionOp,
    ForOp,
    IfOp,
    IndexSwitchOp,
    ParallelOp,
    ReduceOp,
    ReduceReturnOp,
    WhileOp,
    YieldOp,
)
from dialir.dialects.loop.scf.syntax import CALLBACKS, GRAMMAR

DIALECT = Dialect(
    "scf",
    ops=list(OPS),
    description="Structured control flow: loops and conditionals with regions.",
    grammar=GRAMMAR,
    parse_callbacks=dict(CALLBACKS),
    materialize_constant=materialize_constant,
)

__all__ = [
    "DIALECT", "ConditionOp", "ExecuteRegionOp", "ForOp", "IfOp", "IndexSwitchOp",
    "ParallelOp", "ReduceOp", "ReduceReturnOp", "WhileOp", "YieldOp",
]  # fmt: skip
