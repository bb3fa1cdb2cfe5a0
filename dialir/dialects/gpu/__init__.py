"""The gpu dialect (MLIR's): kernels (`gpu.module`, `gpu.func`), their launches
(`gpu.launch`, `gpu.launch_func`), the ids and sizes a kernel reads, barriers, shuffles and
reductions, host-side memory ops, compiled binaries (`gpu.binary`) and the
`#gpu.address_space<...>` memory spaces. Passes that stay inside the dialect (kernel
outlining, mapping parallel loops) are in transforms/.
"""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.arith.ops import materialize_constant
from dialir.dialects.gpu import attrs, ops, syntax
from dialir.dialects.gpu.attrs import (
    ASYNC_TOKEN,
    AddressSpaceAttr,
    AllReduceOperationAttr,
    AsyncTokenType,
    BarrierScopeAttr,
    DimensionAttr,
    ObjectAttr,
    SelectObjectAttr,
    ShuffleModeAttr,
)
from dialir.dialects.gpu.ops import *  # noqa: F403

DIALECT = Dialect(
    "gpu",
    ops=list(ops.OPS),
    description="GPU kernels, their launches, and the ids, barriers and collectives in them.",
    grammar=syntax.GRAMMAR,
    parse_callbacks=dict(syntax.CALLBACKS),
    materialize_constant=materialize_constant,
    types=list(attrs.TYPES),
    attributes=list(attrs.ATTRIBUTES),
)

__all__ = [
    "ASYNC_TOKEN", "DIALECT", "AddressSpaceAttr", "AllReduceOperationAttr", "AsyncTokenType", "BarrierScopeAttr",
    "DimensionAttr", "ObjectAttr", "SelectObjectAttr", "ShuffleModeAttr", *ops.__all__,
]  # fmt: skip
