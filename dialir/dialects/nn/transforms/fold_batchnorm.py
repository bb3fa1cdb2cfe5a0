"""nn-fold-batchnorm: folds an inference `nn.batch_norm` into the `nn.conv2d`, `nn.gemm` or
`nn.matmul` (optionally followed by an `nn.add`) that produces its input, when that result
feeds only the batch norm and the weights and batch-norm parameters are constants.

With s = scale / sqrt(var + epsilon), batch_norm(y) = y * s + (bias - mean * s) per channel
(dimension 1), so the weights are scaled per output channel and the bias adjusted:
    conv2d(x, w, b)         -> conv2d(x, w * s[:, None, None, None], (b - mean) * s + bias)
    gemm(a, b, c)           -> gemm(a, b * s (per column of op(b)), beta * c * s + bias - mean * s)
    matmul(a, b) [+ c]      -> gemm(a, b * s, c * s + bias - mean * s)   (2-D a, b)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.patterns import (
    GreedyRewriteConfig,
    GreedyRewriteDriver,
    PatternRewriter,
    rewrite_pattern,
)
from dialir.dialects.nn.elements import array_to_attr
from dialir.dialects.nn.ops import (
    AddOp,
    BatchNormOp,
    ConstantOp,
    Conv2DOp,
    GemmOp,
    MatMulOp,
    constant_array,
)


def _single_use_producer(value: Value, cls: type) -> Operation | None:
    """The op of class `cls` defining `value`, when `value` has no other use."""
    if not isinstance(value, OpResult) or not isinstance(value.owner, cls):
        return None
    return value.owner if value.has_one_use else None


def _bn_affine(bn: BatchNormOp) -> tuple[np.ndarray, np.ndarray] | None:
    """(s, shift) with batch_norm(y) = y * s + shift per channel, in float64; None unless
    every parameter is a constant."""
    params = [constant_array(v) for v in (bn.scale, bn.bias, bn.mean, bn.var)]
    if any(p is None for p in params):
        return None
    scale, bias, mean, var = (p.astype(np.float64) for p in params)
    s = scale / np.sqrt(var + np.float64(np.float32(bn.attr_value("epsilon"))))
    return s, bias - mean * s


def _const(rewriter: PatternRewriter, arr: np.ndarray, like: np.dtype) -> Value:
    return rewriter.create(ConstantOp, value=array_to_attr(arr.astype(like))).result


@rewrite_pattern(BatchNormOp)
def FoldBatchNormIntoConv(bn: BatchNormOp, rewriter: PatternRewriter) -> bool:
    """batch_norm(conv2d(x, w, b)) -> conv2d(x, w', b') with w, b, and the batch-norm
    parameters constant and the conv used only by the batch norm."""
    conv = _single_use_producer(bn.input, Conv2DOp)
    if conv is None:
        return False
    w = constant_array(conv.weight)
    b = None if conv.bias is None else constant_array(conv.bias)
    affine = _bn_affine(bn)
    if w is None or affine is None or (conv.bias is not None and b is None):
        return False
    s, shift = affine
    if s.shape != (w.shape[0],):
        return False
    w2 = w.astype(np.float64) * s[:, None, None, None]
    b2 = (0.0 if b is None else b.astype(np.float64)) * s + shift
    rewriter.set_insertion_point(conv)
    new = Conv2DOp(
        conv.input, _const(rewriter, w2, w.dtype), _const(rewriter, b2, w.dtype),
        result_types=[bn.results[0].type], location=conv.location,
        attributes=dict(conv.attributes),
        **{k: v for k, v in conv.properties.items() if k != "operandSegmentSizes"},
    )  # fmt: skip
    rewriter.replace_op_with(bn, new)
    rewriter.erase_op(conv)
    return True


def _gemm_parts(y: Value) -> tuple | None:
    """(a, b, c, trans_a, trans_b, alpha, beta, to_erase) for a single-use 2-D linear
    producer of `y`: nn.gemm, nn.matmul, or nn.add(nn.matmul, c)."""
    gemm = _single_use_producer(y, GemmOp)
    if gemm is not None:
        a = gemm.attr_value
        return (gemm.a, gemm.b, gemm.c, a("trans_a"), a("trans_b"), a("alpha"), a("beta"),
                [gemm])  # fmt: skip
    c = None
    erase: list[Operation] = []
    add = _single_use_producer(y, AddOp)
    if add is not None:
        for mm_value, other in ((add.lhs, add.rhs), (add.rhs, add.lhs)):
            if _single_use_producer(mm_value, MatMulOp) is not None:
                if mm_value.type is add.results[0].type:
                    y, c, erase = mm_value, other, [add]
                    break
        else:
            return None
    mm = _single_use_producer(y, MatMulOp)
    if mm is None or mm.lhs.type.rank != 2 or mm.rhs.type.rank != 2:
        return None
    return mm.lhs, mm.rhs, c, False, False, 1.0, 1.0, [*erase, mm]


@rewrite_pattern(BatchNormOp)
def FoldBatchNormIntoGemm(bn: BatchNormOp, rewriter: PatternRewriter) -> bool:
    """batch_norm(gemm(a, b, c)) -> gemm(a, b', c'), also for matmul(a, b) [+ c] on 2-D
    operands, with b, c and the batch-norm parameters constant."""
    if bn.input.type.rank != 2:
        return False
    parts = _gemm_parts(bn.input)
    affine = _bn_affine(bn)
    if parts is None or affine is None:
        return False
    a, b, c, trans_a, trans_b, alpha, beta, erase = parts
    bw = constant_array(b)
    cw = None if c is None else constant_array(c)
    if bw is None or (c is not None and cw is None):
        return False
    s, shift = affine
    n = bw.shape[0] if trans_b else bw.shape[1]
    if s.shape != (n,):
        return False
    b2 = bw.astype(np.float64) * (s[:, None] if trans_b else s[None, :])
    c2 = shift if cw is None else np.float64(beta) * cw.astype(np.float64) * s + shift
    rewriter.set_insertion_point(erase[-1])
    new = GemmOp(
        a, _const(rewriter, b2, bw.dtype), _const(rewriter, c2, bw.dtype),
        alpha=alpha if alpha != 1.0 else None, trans_a=trans_a or None,
        trans_b=trans_b or None, result_types=[bn.results[0].type], location=erase[0].location,
    )  # fmt: skip
    rewriter.replace_op_with(bn, new)
    for op in erase:
        rewriter.erase_op(op)
    return True


@register_pass
@dataclass
class NNFoldBatchNorm(Pass):
    name = "nn-fold-batchnorm"
    summary = "Fold inference batch normalization into the preceding conv2d, gemm or matmul"
    op_name = "func.func"
    statistics = {"num-folded": "batch norms folded into their producer"}

    def run(self, op: Operation) -> None:
        before = _count_batch_norms(op)
        patterns = [FoldBatchNormIntoConv(), FoldBatchNormIntoGemm()]
        GreedyRewriteDriver(patterns, config=GreedyRewriteConfig(fold=False)).run(op)
        self.count("num-folded", before - _count_batch_norms(op))


def _count_batch_norms(op: Operation) -> int:
    return sum(isinstance(inner, BatchNormOp) for inner in op.walk())
