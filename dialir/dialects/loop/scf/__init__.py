"""The scf dialect (MLIR's structured control flow): for, while, if, parallel loops with
reductions, execute_region and index_switch, whose regions hold ordinary SSA code."""

from dialir.core.ir.dialect import Dialect
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

DIALECT = Dialect(
    "scf",
    ops=list(OPS),
    description="Structured control flow: loops and conditionals with regions.",
)

__all__ = [
    "DIALECT", "ConditionOp", "ExecuteRegionOp", "ForOp", "IfOp", "IndexSwitchOp",
    "ParallelOp", "ReduceOp", "ReduceReturnOp", "WhileOp", "YieldOp",
]  # fmt: skip
