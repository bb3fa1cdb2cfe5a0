"""convert-nn-to-affine: every nn op to affine loop nests over memref buffers, with arith and
math scalar code (MLIR's `Conversion/NNToAffine`). The driver (function boundary, buffers,
weights, deallocation) is `lowering.py`; each op family registers its lowerings from its own
module: `elementwise.py` (with broadcasting, fused `nn.elementwise`), `cast.py`,
`normalization.py` (reductions, softmax, layer/batch norm, lrn), `linalg.py` (matmul, gemm,
conv2d, pooling) and `movement.py` (reshape, transpose, concat, split, slice, gather, pad,
expand, shape...)."""

from dialir.conversions.nn_to_affine import elementwise, linalg, movement, normalization
from dialir.conversions.nn_to_affine.lowering import LOWERINGS, ConvertNNToAffine

__all__ = ["LOWERINGS", "ConvertNNToAffine", "elementwise", "linalg", "movement", "normalization"]
