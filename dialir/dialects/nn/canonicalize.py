"""nn canonicalization patterns: rewrites that build new ops (chains of reshapes and
transposes). Rewrites that only pick an existing value (`x + 0 -> x`, identity removal,
cast to the same type, squeeze/unsqueeze pairs) or a constant are folders (`simplify` and
`fold_constants` in `ops.py`). The table at the bottom attaches the patterns to their ops.
"""

from __future__ import annotations

from dialir.core.ir.lazy import np
from dialir.core.ir.operation import OpResult
from dialir.core.rewrite.patterns import PatternRewriter, rewrite_pattern
from dialir.dialects.nn.elements import array_to_attr
from dialir.dialects.nn.ops import ConstantOp, ReshapeOp, TransposeOp, constant_array


@rewrite_pattern(ReshapeOp)
def FoldReshapeChain(op: ReshapeOp, rewriter: PatternRewriter) -> bool:
    """reshape(reshape(x, s1), s2) -> reshape(x, s2); with a static result type s2 becomes that
    shape, so 0 entries (copies of the middle tensor's dimensions) need no middle tensor."""
    inner = op.input.owner if isinstance(op.input, OpResult) else None
    if not isinstance(inner, ReshapeOp):
        return False
    t = op.results[0].type
    shape = op.shape
    if t.has_static_shape:
        target = constant_array(shape)
        if target is None or list(target) != list(t.shape):
            const = rewriter.create(
                ConstantOp, value=array_to_attr(np.array(t.shape, dtype=np.int64))
            )
            shape = const.result
        new = ReshapeOp(inner.input, shape, result_types=[t])
    else:
        target = constant_array(shape)
        allowzero = op.attr_value("allowzero")
        if target is None or (0 in target.tolist() and not allowzero):
            return False
        new = ReshapeOp(inner.input, shape, allowzero=allowzero or None, result_types=[t])
    rewriter.replace_op_with(op, new)
    return True


@rewrite_pattern(TransposeOp)
def ComposeTransposes(op: TransposeOp, rewriter: PatternRewriter) -> bool:
    """transpose(transpose(x, p1), p2) -> transpose(x, q) with q[i] = p1[p2[i]] (removed by
    folding when q is the identity)."""
    inner = op.input.owner if isinstance(op.input, OpResult) else None
    if not isinstance(inner, TransposeOp):
        return False
    p1, p2 = inner.attr_value("perm"), op.attr_value("perm")
    perm = [p1[i] for i in p2]
    new = TransposeOp(inner.input, perm=perm, result_types=[op.results[0].type])
    rewriter.replace_op_with(op, new)
    return True


ReshapeOp.canonicalization_patterns = (FoldReshapeChain,)
TransposeOp.canonicalization_patterns = (ComposeTransposes,)
