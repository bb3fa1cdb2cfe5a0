"""The nn dialect: the tensor graph level that ONNX models import to (ops on builtin ranked
tensors, ONNX semantics, a numpy reference for each op); folded constants become
`nn.constant`s."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.nn import canonicalize  # noqa: F401  (attaches the patterns to the ops)
from dialir.dialects.nn.ops import OPS, materialize_constant

DIALECT = Dialect(
    "nn",
    ops=OPS,
    description=(
        "The tensor graph dialect: ONNX's operators on builtin ranked tensors.\n\n"
        "Dimensions may be dynamic (`?`). Every op infers its result types, verifies given "
        "ones against them, folds through the numpy reference "
        "(`dialir.dialects.nn.reference`) when its operands are constants, and has a custom "
        "syntax: `nn.relu %x : tensor<4xf32>` for single-operand ops of one type, "
        "`nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>` for the others."
    ),
    materialize_constant=materialize_constant,
)

__all__ = ["DIALECT"]
