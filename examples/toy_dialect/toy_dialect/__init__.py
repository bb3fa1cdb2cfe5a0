"""The toy dialect: matrices, transposes, sums, scalings and prints, defined outside dialir.

dialir finds it in one of two ways, neither of which touches dialir's source:

- installed (`pip install -e examples/toy_dialect`): the `dialir.dialects` entry point
  `toy = "toy_dialect:load"` and the `dialir.passes` entry point `toy-fold-transpose`;
- not installed, on `PYTHONPATH`: `dialir-opt --load-dialect-plugin=toy_dialect`, which reads
  `DIALECT` from this module; importing it also registers the dialect's passes.
"""

from dialir.ods import Dialect

from toy_dialect.ops import (
    AddOp,
    ConstantOp,
    PrintOp,
    ScaleOp,
    TransposeOp,
    materialize_constant,
)
from toy_dialect.transforms import ToyFoldTransposePass
from toy_dialect.types import MatrixType

DIALECT = Dialect(
    "toy",
    ops=[ConstantOp, TransposeOp, AddOp, ScaleOp, PrintOp],
    types=[MatrixType],
    # Folders return attributes; this turns them back into toy.constant ops.
    materialize_constant=materialize_constant,
    description="A small out-of-tree example dialect: 2-D matrices, transposes and prints.",
)


def load() -> Dialect:
    """The `dialir.dialects` entry point: a zero-argument callable returning the dialect."""
    return DIALECT


__all__ = ["DIALECT", "AddOp", "ConstantOp", "MatrixType", "PrintOp", "ScaleOp",
           "ToyFoldTransposePass", "TransposeOp", "load", "materialize_constant"]  # fmt: skip
