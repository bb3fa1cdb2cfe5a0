"""matmul, gemm, conv2d and pooling -> loop nests over the output (row-major), the reduction
loops innermost with the accumulator in `iter_args`, f16/bf16 accumulating in f32. A fused
`nn.elementwise {epilogue}` (and conv's bias) is applied to the accumulator as it is stored,
so the producer's own result never touches memory.

Padding never becomes a per-element test: the kernel loops of conv2d and pooling have
bounds `max(0, ceildiv(pad - o * stride, dilation))` to `min(k, ceildiv(size + pad - o *
stride, dilation))`, which visit exactly the taps inside the input (and ceil_mode's overhang
is just more padding). Average pooling's divisor is the same bounds' trip count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from dialir.conversions.nn_to_affine.elementwise import Broadcast, broadcast_size, producer_buffer
from dialir.conversions.nn_to_affine.emit import (
    Dim,
    Emitter,
    Index,
    Scalar,
    compact,
    d,
    float_cast,
    point,
)
from dialir.conversions.nn_to_affine.lowering import FunctionLowering, fail, lowering
from dialir.core.ir.attrs import (
    DenseResourceElementsAttr,
    SymbolRefAttr,
)
from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.ir.types import FloatType, MemRefType, RankedTensorType, VectorType, f32, i64
from dialir.dialects.arith.attrs import FastMathFlagsAttr
from dialir.dialects.loop.affine.ops import AffineVectorLoadOp, AffineVectorStoreOp
from dialir.dialects.memref.ops import AllocaOp, GetGlobalOp
from dialir.dialects.nn.elements import array_to_attr, array_to_resource

# -- matmul, gemm ------------------------------------------------------------------------------


@lowering("nn.matmul")
def lower_matmul(fl: FunctionLowering, op: Operation) -> list[Value]:
    a, b = fl.value(op.lhs), fl.value(op.rhs)
    ar, br = a.type.rank, b.type.rank
    a_dims, b_dims = fl.e.dims(a), fl.e.dims(b)
    k = a_dims[-1]
    m = a_dims[-2] if ar > 1 else None
    n = b_dims[-1] if br > 1 else None
    a_batch, b_batch = a_dims[:-2], b_dims[:-2]
    nb = max(len(a_batch), len(b_batch))
    batch_sizes = _fit_shapes(fl, a_batch, b_batch, k, b_dims[-2] if br > 1 else b_dims[0])
    sizes = [*batch_sizes, *([m] if m is not None else []), *([n] if n is not None else [])]
    # Each operand read broadcast over the batch, at its own (row, column) sizes.
    read_a = Broadcast(fl.e, a, [*batch_sizes, *a_dims[len(a_batch) :]])
    read_b = Broadcast(fl.e, b, [*batch_sizes, *b_dims[len(b_batch) :]])
    out, epilogue = producer_buffer(fl, op, sizes)
    s = Scalar(op.lhs.type.element_type)
    acc_s = s.accumulator()

    def body(e: Emitter, ivs: list) -> None:
        bivs = ivs[:nb]
        rest = ivs[nb:]
        i = [rest[0]] if m is not None else []
        j = [rest[-1]] if n is not None else []

        def mac(e2: Emitter, kk: list, acc: list[Value]) -> list[Value]:
            x = _widen(e2, read_a.read(e2, [*bivs, *i, kk[0]]), acc_s)
            y = _widen(e2, read_b.read(e2, [*bivs, kk[0], *j]), acc_s)
            return [acc_s.add(e2, acc[0], acc_s.mul(e2, x, y))]

        (acc,) = e.reduce([k], [acc_s.zero(e)], mac)
        e.store_at(epilogue(e, _narrow(e, acc, s), ivs), out, ivs)

    fl.e.nest(sizes, body)
    return [out]


def _fit_shapes(fl: FunctionLowering, a_batch: list, b_batch: list, ka: Dim, kb: Dim
                ) -> list[Dim]:  # fmt: skip
    """The batch sizes (numpy broadcasting of both operands'); run-time sizes that would make
    the loops read outside an operand (contraction sizes that differ, batch sizes neither
    equal nor 1) fail a cf.assert instead."""
    e = fl.e
    nb = max(len(a_batch), len(b_batch))
    checks: list[Value] = []
    batch = []
    for q in range(nb):
        aligned = [x[q - nb + len(x)] for x in (a_batch, b_batch) if q >= nb - len(x)]
        batch.append(broadcast_size(e, aligned, checks))
    if not (isinstance(ka, int) and isinstance(kb, int)):
        checks.insert(0, e.cmpi("eq", e.as_value(ka), e.as_value(kb)))
    e.assert_all(checks, "nn.matmul: operand sizes do not match")
    return batch


def _widen(e: Emitter, v: Value, acc_s: Scalar) -> Value:
    return float_cast(e, v, acc_s.t) if v.type is not acc_s.t else v


def _narrow(e: Emitter, v: Value, s: Scalar) -> Value:
    return float_cast(e, v, s.t) if v.type is not s.t else v


@lowering("nn.gemm")
def lower_gemm(fl: FunctionLowering, op: Operation) -> list[Value]:
    a, b = fl.value(op.a), fl.value(op.b)
    ta, tb = op.attr_value("trans_a"), op.attr_value("trans_b")
    a_dims, b_dims = fl.e.dims(a), fl.e.dims(b)
    m, k = (a_dims[1], a_dims[0]) if ta else (a_dims[0], a_dims[1])
    n = b_dims[0] if tb else b_dims[1]
    out, epilogue = producer_buffer(fl, op, [m, n])
    s = Scalar(op.a.type.element_type)
    acc_s = s.accumulator()
    alpha, beta = op.attr_value("alpha"), op.attr_value("beta")
    c = fl.value(op.c) if op.c is not None and beta != 0 else None
    c_shape = None if c is None else op.c.type.shape

    def body(e: Emitter, ivs: list) -> None:
        i, j = ivs

        def mac(e2: Emitter, kk: list, acc: list[Value]) -> list[Value]:
            x = _widen(e2, e2.load_at(a, [kk[0], i] if ta else [i, kk[0]]), acc_s)
            y = _widen(e2, e2.load_at(b, [j, kk[0]] if tb else [kk[0], j]), acc_s)
            return [acc_s.add(e2, acc[0], acc_s.mul(e2, x, y))]

        (acc,) = e.reduce([k], [acc_s.zero(e)], mac)
        # alpha * AB + beta * C in the float type (integers: in f64, then truncated)
        ft = acc_s.t if acc_s.is_float else FloatType("f64")
        y = acc_s.to_float(e, acc, ft)
        if alpha != 1.0:
            y = e.op("arith.mulf", y, e.const(alpha, ft))
        if c is not None:
            off = 2 - len(c_shape)
            cidx = [0 if c_shape[q] == 1 else ivs[off + q] for q in range(len(c_shape))]
            cv = s.to_float(e, e.load_at(c, cidx), ft)
            if beta != 1.0:
                cv = e.op("arith.mulf", cv, e.const(beta, ft))
            y = e.op("arith.addf", y, cv)
        e.store_at(epilogue(e, s.from_float(e, y), ivs), out, ivs)

    fl.e.nest([m, n], body)
    return [out]


# -- windows -----------------------------------------------------------------------------------


class Subscripts:
    """An access's subscripts, each `fn` of Values (its dims) and ints (folded in)."""

    __slots__ = ("exprs", "operands")

    def __init__(self) -> None:
        self.exprs: list[Index] = []
        self.operands: list[Value] = []

    def add(self, fn: Callable[..., Index], *values: Value | int) -> Subscripts:
        args: list[Index] = []
        for v in values:
            if isinstance(v, int):
                args.append(v)
            else:
                args.append(d(len(self.operands)))
                self.operands.append(v)
        self.exprs.append(fn(*args))
        return self

    def load(self, e: Emitter, memref: Value) -> Value:
        return e.load(memref, self.exprs, self.operands)


def _same(v: Index) -> Index:
    return v


def ceildiv(x: Index, n: int) -> Index:
    if isinstance(x, int):
        return -(-x // n)
    return x if n == 1 else x.ceildiv(n)


def floordiv(x: Index, n: int) -> Index:
    return x // n if isinstance(x, int) else x.floordiv(n)


def tap_bounds(o: Value | int, size: Dim, k: int, stride: int, dilation: int, pad: int,
               pad_end: int | None = None) -> tuple:  # fmt: skip
    """(lower, upper) loop bounds of the kernel taps t at output position `o` whose input
    position o * stride + t * dilation - pad lies in [0, size) — or, given `pad_end`, in
    the explicitly padded input [-pad, size + pad_end). Ints where static."""
    operands: list[Value] = []
    args: list[Index] = []
    for v in (o, size):
        if isinstance(v, int):
            args.append(v)
        else:
            args.append(d(len(operands)))
            operands.append(v)
    oe, se = args
    if pad_end is None:
        lo: Index = ceildiv(pad - oe * stride, dilation)
        hi: Index = ceildiv(se + pad - oe * stride, dilation)
    else:
        lo, hi = 0, ceildiv(se + pad + pad_end - oe * stride, dilation)
    lower = max(0, lo) if isinstance(lo, int) else ([0, lo], operands)
    upper = min(k, hi) if isinstance(hi, int) else ([k, hi], operands)
    return lower, upper


def _trip(e: Emitter, lower: Any, upper: Any) -> Dim:
    lo = lower if isinstance(lower, int) else e.affine_max(*lower)
    hi = upper if isinstance(upper, int) else e.affine_min(*upper)
    if isinstance(lo, int) and isinstance(hi, int):
        return max(hi - lo, 0)
    exprs, operands = point([lo, hi])
    return e.affine_max([exprs[1] - exprs[0], 0], operands)


def _window(head: Sequence[Value | int], outs: Sequence, taps: Sequence, strides: Sequence[int],
            dilations: Sequence[int], pads: Sequence[int]) -> Subscripts:  # fmt: skip
    """src[*head, o * stride + t * dilation - pad for each spatial dim]."""
    sub = Subscripts()
    for h in head:
        sub.add(_same, h)
    for o, t, st, dl, p in zip(outs, taps, strides, dilations, pads):
        sub.add(lambda oe, te, st=st, dl=dl, p=p: oe * st + te * dl - p, o, t)
    return sub


# -- conv2d ------------------------------------------------------------------------------------


@lowering("nn.conv2d")
def lower_conv2d(fl: FunctionLowering, op: Operation) -> list[Value]:
    x = fl.value(op.input)
    bias = None if op.bias is None else fl.value(op.bias)
    strides, dilations, pads = (op.attr_value(k) for k in ("strides", "dilations", "pads"))
    group = op.attr_value("group")
    n, _, h, wd = fl.e.dims(x)
    # Constant weights the micro-kernel may pack: no global of the unpacked ones unless used.
    packable = fl.ml.vector_width > 0 and fl.constant(op.weight) is not None
    w = None if packable else fl.value(op.weight)
    m, cg, kh, kw = list(op.weight.type.shape) if w is None else fl.e.dims(w)
    if not (isinstance(kh, int) and isinstance(kw, int)):
        raise fail(op, "with a dynamic kernel size cannot be lowered to loops")
    if group > 1 and not (isinstance(m, int) and isinstance(cg, int)):
        raise fail(op, "with groups needs static channel counts to be lowered to loops")
    rt = op.results[0].type.shape
    oh = rt[2] if rt[2] is not None else _window_out(fl, h, kh, strides[0], dilations[0],
                                                     pads[0] + pads[2], False)  # fmt: skip
    ow = rt[3] if rt[3] is not None else _window_out(fl, wd, kw, strides[1], dilations[1],
                                                     pads[1] + pads[3], False)  # fmt: skip
    out, epilogue = producer_buffer(fl, op, [n, m, oh, ow])
    s = Scalar(op.input.type.element_type)
    acc_s = s.accumulator()
    mg = m // group if group > 1 else None
    spatial_pads = (pads[0], pads[1])

    def input_at(e2: Emitter, b_: Any, oc: Any, c: Any, outs: tuple, taps: tuple) -> Value:
        sub = Subscripts().add(_same, b_)
        if mg is None:
            sub.add(_same, c)
        else:  # input channel (oc floordiv (M / group)) * Cg + c
            sub.add(lambda oe, ce: floordiv(oe, mg) * cg + ce, oc, c)
        for o, t, st, dl, p in zip(outs, taps, strides, dilations, spatial_pads):
            sub.add(lambda oe, te, st=st, dl=dl, p=p: oe * st + te * dl - p, o, t)
        return sub.load(e2, x)

    if packable and _microkernel_applies(fl, op, s, group, (n, m, cg, h, wd, oh, ow)):
        _conv2d_microkernel(fl, op, x, out, epilogue, bias, (n, m, cg, oh, ow), (kh, kw),
                            strides, dilations, pads)  # fmt: skip
        return [out]
    w = fl.value(op.weight) if w is None else w

    ocb = _channel_block(m, mg, kw, ow, wd)
    if acc_s.t is s.t and s.is_float and ocb:
        # Rows of `ocb` output channels at once, every tap of a kernel row in one pass: the
        # innermost loop runs along the output row (unit stride: LLVM vectorises it), loads
        # the kw input values once for all `ocb` channels and updates each channel's
        # partial sum with kw multiply-adds; the columns where some tap falls in the padding
        # get one loop per tap over exactly their valid columns (static bounds).
        first, end = _interior(kw, ow, wd, strides[1], dilations[1], pads[1])

        def rows(e: Emitter, ivs: list) -> None:
            b_, y, blk = ivs
            ocs = [blk] if ocb == 1 else [e.apply(lambda o, i=i: o * ocb + i, blk)
                                          for i in range(ocb)]  # fmt: skip
            for oc in ocs:
                init = acc_s.zero(e) if bias is None else e.load_at(bias, [oc])
                e.loop(0, ow, lambda e2, xo, _, oc=oc, init=init: e2.store_at(
                    init, out, [b_, oc, y, xo]))  # fmt: skip
            hb = tap_bounds(y, h, kh, strides[0], dilations[0], pads[0])

            def kernel_row(e2: Emitter, c: Any, th: Any) -> None:
                ws = [[e2.load_at(w, [oc, c, th, t]) for t in range(kw)] for oc in ocs]

                def interior(e3: Emitter, xo: Value, _: Any) -> None:
                    xs = [input_at(e3, b_, None, c, (y, xo), (th, t)) for t in range(kw)]
                    for oc, wrow in zip(ocs, ws):
                        at = [b_, oc, y, xo]
                        acc = e3.load_at(out, at)
                        for xv, wv in zip(xs, wrow):
                            acc = _fma(e3, acc_s, acc, xv, wv)
                        e3.store_at(acc, out, at)

                if end > first:
                    e2.loop(first, end, interior)

                def border(e3: Emitter, xo: Value, t: int) -> None:
                    xv = input_at(e3, b_, None, c, (y, xo), (th, t))
                    for oc, wrow in zip(ocs, ws):
                        at = [b_, oc, y, xo]
                        e3.store_at(_fma(e3, acc_s, e3.load_at(out, at), xv, wrow[t]), out, at)

                for t in range(kw):  # the border columns, tap by tap
                    lo, hi = tap_bounds(t, wd, ow, dilations[1], strides[1], pads[1])
                    for a, z in ((lo, min(hi, first)), (max(lo, end), hi)):
                        if a < z:
                            e2.loop(a, z, lambda e3, xo, _, t=t: border(e3, xo, t))

            e.reduce([cg, hb], [], lambda e2, taps, _: kernel_row(e2, *taps) or [])
            if epilogue.op is not None:
                for oc in ocs:

                    def finish(e2: Emitter, xo: Value, _: Any, oc=oc) -> None:
                        at = [b_, oc, y, xo]
                        e2.store_at(epilogue(e2, e2.load_at(out, at), at), out, at)

                    e.loop(0, ow, finish)

        # Output channels inside rows: the input rows an output row reads (Cg x KH of them)
        # stay in cache for every block of output channels.
        fl.e.nest([n, oh, m // ocb], rows)
        return [out]

    if acc_s.t is s.t and isinstance(ow, int):
        # Accumulate a whole output row in the output buffer, the row loop innermost: unit
        # stride through the output (and the input, at stride 1), no loop-carried value, so
        # LLVM vectorises it; the weight is loaded once per row and tap.
        def row(e: Emitter, ivs: list) -> None:
            b_, oc, y = ivs
            init = acc_s.zero(e) if bias is None else e.load_at(bias, [oc])
            e.loop(0, ow, lambda e2, xo, _: e2.store_at(init, out, [b_, oc, y, xo]))
            hb = tap_bounds(y, h, kh, strides[0], dilations[0], pads[0])

            def tap(e2: Emitter, c: Any, th: Any, tw: Any) -> None:
                wv = e2.load_at(w, [oc, c, th, tw])
                # the outputs xo whose input column xo * stride + tw * dilation - pad is inside
                lo, hi = tap_bounds(tw, wd, ow, dilations[1], strides[1], pads[1])

                def mac(e3: Emitter, xo: Value, _: Any) -> None:
                    xv = input_at(e3, b_, oc, c, (y, xo), (th, tw))
                    at = [b_, oc, y, xo]
                    total = _fma(e3, acc_s, e3.load_at(out, at), xv, wv)
                    e3.store_at(total, out, at)

                e2.loop(lo, hi, mac)

            e.reduce([cg, hb, kw], [], lambda e2, taps, _: tap(e2, *taps) or [])
            if epilogue.op is not None:

                def finish(e2: Emitter, xo: Value, _: Any) -> None:
                    at = [b_, oc, y, xo]
                    e2.store_at(epilogue(e2, e2.load_at(out, at), at), out, at)

                e.loop(0, ow, finish)

        fl.e.nest([n, m, oh], row)
        return [out]

    def body(e: Emitter, ivs: list) -> None:
        b_, oc, y, xo = ivs
        init = acc_s.zero(e) if bias is None else _widen(e, e.load_at(bias, [oc]), acc_s)
        hb = tap_bounds(y, h, kh, strides[0], dilations[0], pads[0])
        wb = tap_bounds(xo, wd, kw, strides[1], dilations[1], pads[1])

        def mac(e2: Emitter, taps: list, acc: list[Value]) -> list[Value]:
            c, th, tw = taps
            xv = _widen(e2, input_at(e2, b_, oc, c, (y, xo), taps[1:]), acc_s)
            wv = _widen(e2, e2.load_at(w, [oc, c, th, tw]), acc_s)
            return [acc_s.add(e2, acc[0], acc_s.mul(e2, xv, wv))]

        (acc,) = e.reduce([cg, hb, wb], [init], mac)
        e.store_at(epilogue(e, _narrow(e, acc, s), ivs), out, ivs)

    fl.e.nest([n, m, oh, ow], body)
    return [out]


# -- conv2d: the register-blocked micro-kernel ---------------------------------------------------
#
# With the target's vector width V (convert-nn-to-affine's `vector-width`), a convolution with
# constant f32 weights computes V output channels per vector register: the weights are packed
# at compile time into [ceil(M / V)][C][KH][KW][V] (zero lanes past M), so that the V
# channels' weights of one tap are one contiguous vector. A tile of T output pixels of a row
# times NV such vectors stays in registers (iter_args of the C x KH x KW reduction loops) while
# each step loads NV weight vectors once and broadcasts T input scalars: T * NV fused
# multiply-adds per T + NV loads. A padded input is first copied into a zeroed buffer with the
# padding around it, so no tap of the kernel tests a bound. The finished tile goes through a
# small stack buffer to the NCHW output, where the bias and the fused epilogue are applied.

ACCUMULATORS = 24  # vector registers for the tile (AVX-512 has 32: the rest hold the weights)
BLOCK_WEIGHT_BYTES = 640 * 1024  # a channel block's packed weights, kept in L2 across rows


def _microkernel_applies(fl: FunctionLowering, op: Operation, s: Scalar, group: int,
                         dims: tuple) -> bool:  # fmt: skip
    """Where the micro-kernel is used (on constant weights, with a vector width to compute
    with): f32, no groups, static channel and spatial sizes — and not where the row kernel wins:
    few output channels (most lanes would compute zeros) on rows wide enough to vectorise."""
    width = fl.ml.vector_width
    if width < 2 or group != 1 or s.t is not f32:
        return False
    if not all(isinstance(v, int) for v in dims[1:]):
        return False
    _, m, _, _, wd, _, ow = dims
    lanes = -(-m // width) * width
    kw = op.weight.type.shape[3]
    row_kernel = _channel_block(m, None, kw, ow, wd) > 0
    return not (row_kernel and 3 * m < 2 * lanes and ow >= 16)


def microkernel_tile(m: int, c: int, taps: int, ow: int, width: int) -> tuple[int, int]:
    """(NV, T): vectors of output channels and output pixels per register tile. NV divides
    the channel blocks (no lanes computed for nothing) and keeps a block's weights in L2;
    T is a divisor of the row where one is large enough (a remainder tile is slower),
    else the row's tiles balanced."""
    blocks = -(-m // width)
    fits = [v for v in (4, 2) if c * taps * v * width * 4 <= BLOCK_WEIGHT_BYTES]
    nv = next((v for v in fits if blocks % v == 0), 1)
    most = max(1, ACCUMULATORS // nv)
    div = max(t for t in range(1, min(most, ow) + 1) if ow % t == 0)
    if 2 * div >= min(most, ow):
        return nv, div
    tiles = -(-ow // most)
    return nv, -(-ow // tiles)


def pack_weights(w: Any, width: int) -> Any:
    """[M][C][KH][KW] -> [ceil(M / width)][C][KH][KW][width], zero past M."""
    m = w.shape[0]
    blocks = -(-m // width)
    padded = np.zeros((blocks * width, *w.shape[1:]), dtype=w.dtype)
    padded[:m] = w
    return np.ascontiguousarray(
        padded.reshape(blocks, width, *w.shape[1:]).transpose(0, 2, 3, 4, 1)
    )


def _packed_weights(fl: FunctionLowering, op: Operation, width: int) -> Value:
    """The weights as a constant global in the packed layout (a compile-time fold: the
    lowering that reads them decides their layout; the JIT binds the global as data)."""
    w = fl.constant(op.weight)
    packed = pack_weights(w, width)
    t = RankedTensorType(packed.shape, f32)
    attr = op.weight.owner.value if isinstance(op.weight, OpResult) else None
    if isinstance(attr, DenseResourceElementsAttr):
        attr = array_to_resource(attr.handle.key + "_packed", packed, t)
        hint = attr.handle.key
    else:
        attr, hint = array_to_attr(packed, t), "packed"
    mt = MemRefType(packed.shape, f32)
    g = fl.ml.global_for(attr, mt, hint)
    get = GetGlobalOp(result_types=[mt], name=SymbolRefAttr(g.get_attr("sym_name").value))
    return fl.e.b.insert(get).results[0]


def _padded_input(fl: FunctionLowering, x: Value, pads: Sequence[int]) -> Value:
    """`x` copied into a zeroed buffer with `pads` around its spatial dims (x itself when
    there is no padding)."""
    if not any(pads):
        return x
    e = fl.e
    n, c, h, w = e.dims(x)
    sizes = [n, c, h + pads[0] + pads[2], w + pads[1] + pads[3]]
    t = MemRefType([None if not isinstance(v, int) else v for v in sizes], f32)
    xp = fl.alloc_scratch(t, sizes)
    zero = e.const(0.0, f32)
    e.nest(sizes, lambda e2, ivs: e2.store_at(zero, xp, ivs))

    def copy(e2: Emitter, ivs: list) -> None:
        b_, ch, i, j = ivs
        at = Subscripts().add(_same, b_).add(_same, ch)
        at.add(lambda v: v + pads[0], i).add(lambda v: v + pads[1], j)
        e2.store(e2.load_at(x, ivs), xp, at.exprs, at.operands)

    e.nest([n, c, h, w], copy)
    return xp


def _conv2d_microkernel(fl: FunctionLowering, op: Operation, x: Value, out: Value,
                        epilogue: Any, bias: Value | None, sizes: tuple,
                        kernel: tuple[int, int],
                        strides: Sequence[int], dilations: Sequence[int],
                        pads: Sequence[int]) -> None:  # fmt: skip
    e = fl.e
    width = fl.ml.vector_width
    kh, kw = kernel
    n, m, c, oh, ow = sizes
    nv, tile = microkernel_tile(m, c, kh * kw, ow, width)
    lanes = nv * width
    vt = VectorType((width,), f32)
    wp = _packed_weights(fl, op, width)
    xp = _padded_input(fl, x, pads)
    buf = e.b.insert(AllocaOp([], [], result_types=[MemRefType((tile, lanes), f32)])).results[0]
    zero = e.splat(0.0, vt)
    sh, sw = strides
    dh, dw = dilations

    def pixels(e2: Emitter, b_: Any, blk: Value, y: Value, x0: Any, count: int) -> None:
        """The tile of `count` pixels from column x0 of row y, channel block blk."""

        def step(e3: Emitter, taps: list, accs: list[Value]) -> list[Value]:
            ch, th, tw = taps
            ws = []
            for j in range(nv):
                at = Subscripts().add(lambda v, j=j: v * nv + j, blk)
                for v in (ch, th, tw, 0):
                    at.add(_same, v)
                m_, kept = compact(at.exprs, at.operands)
                ws.append(e3.b.insert(AffineVectorLoadOp(vt, wp, m_, kept)).results[0])
            new = []
            for p in range(count):
                at = Subscripts().add(_same, b_).add(_same, ch)
                at.add(lambda yv, t: yv * sh + t * dh, y, th)
                at.add(lambda xv, t, p=p: (xv + p) * sw + t * dw, x0, tw)
                xb = e3.op("vector.broadcast", at.load(e3, xp), result_types=[vt])
                for j in range(nv):
                    acc = accs[p * nv + j]
                    new.append(e3.op("math.fma", xb, ws[j], acc, result_types=[vt]))
            return new

        accs = e2.reduce([c, kh, kw], [zero] * (count * nv), step)
        for p in range(count):
            for j in range(nv):
                acc = accs[p * nv + j]
                e2.b.insert(AffineVectorStoreOp(acc, buf, *compact([p, j * width], [])))

        def lane(e3: Emitter, ln: Value, _: Any) -> None:
            oc = (
                ln
                if isinstance(blk, int) and blk == 0
                else e3.apply(lambda bv, lv: bv * lanes + lv, blk, ln)
            )
            b0 = None if bias is None else e3.load_at(bias, [oc])
            for p in range(count):
                v = e3.load_at(buf, [p, ln])
                if b0 is not None:
                    v = e3.op("arith.addf", v, b0)
                xo = x0 + p if isinstance(x0, int) else e3.apply(lambda xv, p=p: xv + p, x0)
                at = [b_, oc, y, xo]
                e3.store_at(epilogue(e3, v, at), out, at)

        if m % lanes == 0:
            upper: Any = lanes
        elif isinstance(blk, int):  # the only block
            upper = min(lanes, m - blk * lanes)
        else:  # the last block's lanes past M were computed from zero weights: not stored
            upper = ([lanes, m - d(0) * lanes], [blk])
        e2.loop(0, upper, lane)

    blocks = -(-m // lanes)
    full = ow - ow % tile

    def rows(e2: Emitter, ivs: list) -> None:
        b_, blk, y = ivs
        if full == tile:  # one tile
            pixels(e2, b_, blk, y, 0, tile)
        elif full:
            e2.loop(0, full, lambda e3, x0, _: pixels(e3, b_, blk, y, x0, tile), step=tile)
        if ow % tile:
            pixels(e2, b_, blk, y, full, ow % tile)

    # Channel blocks outside rows: a block's packed weights stay in cache for every row.
    e.nest([n, blocks, oh], rows)


def _channel_block(m: Dim, mg: int | None, kw: int, ow: Dim, wd: Dim) -> int:
    """Output channels per row block of the fused-taps conv2d (0: that kernel does not
    apply: groups, dynamic sizes, or a kernel row too wide to unroll)."""
    if mg is not None or not all(isinstance(v, int) for v in (m, ow, wd)) or kw > 7:
        return 0
    return next(b for b in (4, 2, 1) if m % b == 0)


def _interior(kw: int, ow: int, wd: int, stride: int, dilation: int,
              pad: int) -> tuple[int, int]:  # fmt: skip
    """[first, end): the output columns all of whose kw taps are inside the input."""
    first = min(ow, -(-pad // stride))
    end = max(first, min(ow, (wd - 1 + pad - (kw - 1) * dilation) // stride + 1))
    return first, end


def _fma(e: Emitter, s: Scalar, acc: Value, a: Value, b: Value) -> Value:
    """acc + a * b; for floats with `fastmath<contract>`, so that LLVM may fuse it into one
    FMA (one rounding instead of two, as onnxruntime's kernels compute it)."""
    if not s.is_float:
        return s.add(e, acc, s.mul(e, a, b))
    contract = FastMathFlagsAttr("contract")
    product = e.op("arith.mulf", a, b, fastmath=contract)
    return e.op("arith.addf", acc, product, fastmath=contract)


def _window_out(fl: FunctionLowering, size: Dim, k: Dim, stride: int, dilation: int,
                pads: int, ceil: bool) -> Dim:  # fmt: skip
    """ONNX's output size of a window op along one dimension (window_out_dim)."""
    if not isinstance(k, int):
        raise ValueError("the kernel size must be static")
    span = pads - dilation * (k - 1) - 1
    div = ceildiv if ceil else floordiv
    return fl.e.apply(lambda x: div(x + span, stride) + 1, size)


# -- pooling -----------------------------------------------------------------------------------


@lowering("nn.max_pool2d", "nn.max_pool3d", "nn.avg_pool2d", "nn.avg_pool3d")
def lower_pool(fl: FunctionLowering, op: Operation) -> list[Value]:
    x = fl.value(op.input)
    nsp = op.spatial_dims
    kernel, strides, pads, dilations = (
        op.attr_value(k) for k in ("kernel_shape", "strides", "pads", "dilations")
    )
    in_sizes = fl.e.dims(x)
    spatial = in_sizes[2:]
    rt = op.results[0].type.shape
    ceil = op.attr_value("ceil_mode")
    out_sizes = [*in_sizes[:2]]
    for i in range(nsp):
        n = rt[2 + i]
        if n is None:
            n = _window_out(fl, spatial[i], kernel[i], strides[i], dilations[i],
                            pads[i] + pads[nsp + i], ceil)  # fmt: skip
        out_sizes.append(n)
    out = fl.alloc_result(op.results[0], out_sizes)
    indices = fl.alloc_result(op.results[1], out_sizes) if len(op.results) == 2 else None
    s = Scalar(op.input.type.element_type)
    is_max = op.name.startswith("nn.max_pool")
    include_pad = not is_max and op.attr_value("count_include_pad")
    channels = in_sizes[1]

    def body(e: Emitter, ivs: list) -> None:
        head, outs = ivs[:2], ivs[2:]
        ranges = [
            tap_bounds(outs[i], spatial[i], kernel[i], strides[i], dilations[i], pads[i])
            for i in range(nsp)
        ]

        def window(taps: list) -> Subscripts:
            return _window(head, outs, taps, strides, dilations, pads)

        if is_max and indices is None:
            (best,) = e.reduce(
                ranges, [s.lowest(e)],
                lambda e2, taps, acc: [s.max(e2, acc[0], window(taps).load(e2, x))],
            )  # fmt: skip
            e.store_at(best, out, ivs)
            return
        if is_max:
            _argmax(e, op, x, s, window, ranges, head, outs, spatial, channels, out, indices, ivs)
            return
        acc_s = s.accumulator()

        def add(e2: Emitter, taps: list, acc: list[Value]) -> list[Value]:
            return [e2.op("arith.addf", acc[0], _widen(e2, window(taps).load(e2, x), acc_s))]

        (total,) = e.reduce(ranges, [acc_s.zero(e)], add)
        counts = []
        for i in range(nsp):
            lo, hi = ranges[i]
            if include_pad:
                lo, hi = tap_bounds(outs[i], spatial[i], kernel[i], strides[i], dilations[i],
                                    pads[i], pads[nsp + i])  # fmt: skip
            counts.append(_trip(e, lo, hi))
        count = e.count(e.mul_sizes(counts), acc_s.t)
        e.store_at(_narrow(e, e.op("arith.divf", total, count), s), out, ivs)

    if is_max and indices is None and nsp == 2 and all(isinstance(v, int) for v in
                                                        (out_sizes[3], spatial[1])):  # fmt: skip
        _max_pool_rows(fl.e, x, out, s, out_sizes, spatial, kernel, strides, dilations, pads,
                       body)  # fmt: skip
        return [out]
    fl.e.nest(out_sizes, body)
    return [out] if indices is None else [out, indices]


def _max_pool_rows(e: Emitter, x: Value, out: Value, s: Scalar, out_sizes: list,
                   spatial: list, kernel: Sequence[int], strides: Sequence[int],
                   dilations: Sequence[int], pads: Sequence[int], element: Callable) -> None:  # fmt: skip
    """2-D max pooling a row at a time: the columns whose window lies inside the input
    take the running maximum in the output row, one pass per kernel row with the kernel
    row's taps unrolled and the column loop innermost (LLVM vectorises it); the border
    columns take the per-element loops (`element`)."""
    kh, kw = kernel
    (sh, sw), (dh, dw) = strides, dilations
    ow, wd = out_sizes[3], spatial[1]
    first, end = _interior(kw, ow, wd, sw, dw, pads[1])

    def row(e2: Emitter, ivs: list) -> None:
        b_, ch, y = ivs
        if end > first:
            lowest = s.lowest(e2)
            e2.loop(first, end, lambda e3, xo, _: e3.store_at(lowest, out, [b_, ch, y, xo]))

            def kernel_row(e3: Emitter, th: Any) -> None:
                def column(e4: Emitter, xo: Value, _: Any) -> None:
                    at = [b_, ch, y, xo]
                    best = e4.load_at(out, at)
                    for t in range(kw):
                        v = _window([b_, ch], [y, xo], [th, t], strides, dilations, pads)
                        best = s.max(e4, best, v.load(e4, x))
                    e4.store_at(best, out, at)

                e3.loop(first, end, column)

            hb = tap_bounds(y, spatial[0], kh, sh, dh, pads[0])
            e2.reduce([hb], [], lambda e3, taps, _: kernel_row(e3, taps[0]) or [])
        for lo, hi in ((0, first), (end, ow)):
            if lo < hi:
                e2.loop(lo, hi, lambda e3, xo, _: element(e3, [b_, ch, y, xo]))

    e.nest(out_sizes[:3], row)


def _argmax(e: Emitter, op: Operation, x: Value, s: Scalar, window: Callable, ranges: list,
            head: list, outs: list, spatial: list[Dim], channels: Dim, out: Value,
            indices: Value, ivs: list) -> None:  # fmt: skip
    """Max and ONNX's Indices: the flat input position of the first maximum (row-major
    taps), -1 for a window of padding only; a NaN wins as numpy's max propagates it."""
    strides, dilations, pads = (op.attr_value(k) for k in ("strides", "dilations", "pads"))
    order = op.attr_value("storage_order")

    def arg(e2: Emitter, taps: list, acc: list[Value]) -> list[Value]:
        best, idx = acc
        v = window(taps).load(e2, x)
        take = e2.op("arith.ori", e2.cmpi("eq", idx, e2.const(-1, i64)), s.cmp(e2, "gt", v, best))
        if s.is_float:
            nan = e2.op("arith.andi", e2.cmpf("uno", v, v), e2.cmpf("ord", best, best))
            take = e2.op("arith.ori", take, nan)
        coords = [
            e2.apply(lambda oe, te, st=st, dl=dl, p=p: oe * st + te * dl - p, o, t)
            for o, t, st, dl, p in zip(outs, taps, strides, dilations, pads)
        ]
        flat = _flat_index(e2, head, channels, coords, spatial, order)
        return [e2.select(take, v, best), e2.select(take, flat, idx)]

    best, idx = e.reduce(ranges, [s.lowest(e), e.const(-1, i64)], arg)
    e.store_at(best, out, ivs)
    e.store_at(idx, indices, ivs)


def _flat_index(e: Emitter, head: list, channels: Dim, coords: list[Dim], sizes: list[Dim],
                order: int) -> Value:  # fmt: skip
    """(n * C + c) * prod(spatial) + the spatial offset, row-major (storage_order 0) or
    column-major (1) over the spatial dimensions, as i64."""
    v = e.as_value
    flat = e.op("arith.addi", e.op("arith.muli", v(head[0]), v(channels)), v(head[1]))
    if order == 0:
        for coord, size in zip(coords, sizes):
            flat = e.op("arith.addi", e.op("arith.muli", flat, v(size)), v(coord))
    else:
        for size in sizes:
            flat = e.op("arith.muli", flat, v(size))
        stride: Value | None = None
        for coord, size in zip(coords, sizes):
            term = v(coord) if stride is None else e.op("arith.muli", v(coord), stride)
            flat = e.op("arith.addi", flat, term)
            stride = v(size) if stride is None else e.op("arith.muli", stride, v(size))
    return e.index_cast(flat, i64)
