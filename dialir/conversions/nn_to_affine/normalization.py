"""Reductions and normalizations -> loop nests with their reduction loops innermost,
carrying the accumulator in `iter_args` (a register, not memory). Where the reduced axes
leave the last (contiguous) axis alone, a reduction instead walks its input row-major and
accumulates into the output buffer, so the innermost loop stays contiguous.

softmax / log_softmax subtract the maximum along the axis first (three passes: max, sum of
exponentials, scale); layer_norm computes mean, then variance (two passes, as the reference)
in f32 (f64 for f64); batch_norm computes sqrt(var + eps) once per channel; lrn sums the
squares of a channel window whose bounds are clamped by max/min maps (no padding checks).
"""

from __future__ import annotations

from collections.abc import Sequence

from dialir.conversions.nn_to_affine.emit import (
    Dim,
    Emitter,
    Scalar,
    d,
    float_cast,
    stats_type,
)
from dialir.conversions.nn_to_affine.lowering import FunctionLowering, fail, lowering
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import FloatType, i1
from dialir.dialects.nn.shape_inference import normalize_axes, normalize_axis

# -- reduce_* ----------------------------------------------------------------------------------

_COMBINE = {
    "nn.reduce_sum": "add", "nn.reduce_mean": "add", "nn.reduce_max": "max",
    "nn.reduce_min": "min",
}  # fmt: skip


def _init(e: Emitter, s: Scalar, name: str) -> Value:
    if name == "nn.reduce_max":
        return s.lowest(e)
    if name == "nn.reduce_min":
        return s.highest(e)
    return s.zero(e)


@lowering(*_COMBINE)
def lower_reduce(fl: FunctionLowering, op: Operation) -> list[Value]:
    x = op.input
    rank = x.type.rank
    if op.axes is not None and op.axes.type.shape != (0,) and fl.constant(op.axes) is None:
        return [_reduce_runtime_axes(fl, op)]
    axes = fl.constant_ints(op, op.axes, "axes") or []
    if not axes:
        if op.attr_value("noop_with_empty_axes"):
            return [fl.value(x)]
        axes = list(range(rank))
    axes = sorted(normalize_axes(axes, rank))
    keep = op.attr_value("keepdims")
    src = fl.value(x)
    sizes = fl.e.dims(src)
    out_sizes = [1 if i in axes else n for i, n in enumerate(sizes) if keep or i not in axes]
    out = fl.alloc_result(op.results[0], out_sizes)
    s = Scalar(x.type.element_type)
    if rank - 1 in axes or rank == 0:
        _reduce_inner(fl, op, src, sizes, axes, keep, out, s)
    else:
        _reduce_into(fl, op, src, sizes, axes, keep, out, out_sizes, s)
    return [out]


def _out_index(ivs: Sequence, axes: Sequence[int], keep: bool) -> list:
    return [0 if i in axes else iv for i, iv in enumerate(ivs) if keep or i not in axes]


def _reduce_inner(fl: FunctionLowering, op: Operation, src: Value, sizes: list[Dim],
                  axes: list[int], keep: bool, out: Value, s: Scalar) -> None:  # fmt: skip
    """Kept dimensions outside, reduced ones inside with the accumulator in iter_args."""
    kept = [i for i in range(len(sizes)) if i not in axes]
    acc_s = s.accumulator() if op.name in ("nn.reduce_sum", "nn.reduce_mean") else s
    combine = getattr(acc_s, _COMBINE[op.name])
    count = fl.e.mul_sizes([sizes[i] for i in axes])

    def outer(e: Emitter, kivs: list) -> None:
        def inner(e2: Emitter, rivs: list, accs: list[Value]) -> list[Value]:
            ivs = [None] * len(sizes)
            for i, iv in zip(kept, kivs):
                ivs[i] = iv
            for i, iv in zip(axes, rivs):
                ivs[i] = iv
            x = e2.load_at(src, ivs)
            if acc_s is not s:
                x = float_cast(e2, x, acc_s.t)
            return [combine(e2, accs[0], x)]

        (acc,) = e.reduce([sizes[i] for i in axes], [_init(e, acc_s, op.name)], inner)
        if op.name == "nn.reduce_mean":
            acc = _divide_by_count(e, acc_s, acc, count)
        if acc_s is not s:
            acc = float_cast(e, acc, s.t)
        ivs = [None] * len(sizes)
        for i, iv in zip(kept, kivs):
            ivs[i] = iv
        e.store_at(acc, out, _out_index(ivs, axes, keep))

    fl.e.nest([sizes[i] for i in kept], outer)


def _divide_by_count(e: Emitter, s: Scalar, acc: Value, count: Dim) -> Value:
    if s.is_float:
        return e.op("arith.divf", acc, e.count(count, s.t))
    n = s.const(e, count) if isinstance(count, int) else e.index_cast(count, s.t)
    return s.div(e, acc, n)


def _reduce_into(fl: FunctionLowering, op: Operation, src: Value, sizes: list[Dim],
                 axes: list[int], keep: bool, out: Value, out_sizes: list[Dim],
                 s: Scalar) -> None:  # fmt: skip
    """The last axis is kept: fill the output with the identity, then walk the input
    row-major combining each element into its output element (contiguous innermost)."""
    init = _init(fl.e, s, op.name)
    fl.e.nest(out_sizes, lambda e, ivs: e.store_at(init, out, ivs))
    combine = getattr(s, _COMBINE[op.name])

    def body(e: Emitter, ivs: list) -> None:
        at = _out_index(ivs, axes, keep)
        e.store_at(combine(e, e.load_at(out, at), e.load_at(src, ivs)), out, at)

    fl.e.nest(sizes, body)
    if op.name == "nn.reduce_mean":
        count = fl.e.mul_sizes([sizes[i] for i in axes])
        n = fl.e.count(count, s.t) if s.is_float else None
        if not s.is_float:
            n = s.const(fl.e, count) if isinstance(count, int) else fl.e.index_cast(count, s.t)

        def scale(e: Emitter, ivs: list) -> None:
            e.store_at(s.div(e, e.load_at(out, ivs), n), out, ivs)

        fl.e.nest(out_sizes, scale)


def _reduce_runtime_axes(fl: FunctionLowering, op: Operation) -> Value:
    """Axes known at run time only: fill the output with the identity, then walk the input
    row-major, combining each element into the output element its run-time index names
    (memref.load/store: the indices are not affine)."""
    e = fl.e
    src = fl.value(op.input)
    sizes = e.dims(src)
    rank = len(sizes)
    axes = [e.apply(lambda a, n=rank: (a + n) % n, a) for a in fl.runtime_ints(op, op.axes, "axes")]
    keep = op.attr_value("keepdims")
    out_rank = op.results[0].type.rank
    zero, one = e.index(0), e.index(1)
    reduced = []
    for k in range(rank):
        hit = e.const(0, i1)
        for a in axes:
            hit = e.op("arith.ori", hit, e.cmpi("eq", e.as_value(a), e.index(k)))
        reduced.append(hit)
    # place[k][j]: input dim k is output dim j (keepdims: j == k, unless reduced)
    place, pos = [], zero
    for k in range(rank):
        if keep:
            place.append([e.const(int(j == k), i1) for j in range(out_rank)])
            continue
        kept = e.op("arith.xori", reduced[k], e.const(1, i1))
        place.append([e.op("arith.andi", kept, e.cmpi("eq", pos, e.index(j)))
                      for j in range(out_rank)])  # fmt: skip
        pos = e.op("arith.addi", pos, e.select(reduced[k], zero, one))
    out_sizes: list[Dim] = []
    for j in range(out_rank):
        size = one
        for k in range(rank):
            here = place[k][j]
            if keep:
                here = e.op("arith.andi", here, e.op("arith.xori", reduced[k], e.const(1, i1)))
            size = e.select(here, e.as_value(sizes[k]), size)
        out_sizes.append(size)
    out = fl.alloc_result(op.results[0], out_sizes)
    s = Scalar(op.input.type.element_type)
    init = _init(e, s, op.name)
    e.nest(out_sizes, lambda e2, ivs: e2.store_at(init, out, ivs))
    combine = getattr(s, _COMBINE[op.name])

    def body(e2: Emitter, ivs: list) -> None:
        at = []
        for j in range(out_rank):
            idx = zero
            for k in range(rank):
                here = place[k][j]
                if keep:
                    here = e2.op("arith.andi", here, e2.op("arith.xori", reduced[k],
                                                          e2.const(1, i1)))  # fmt: skip
                idx = e2.select(here, e2.as_value(ivs[k]), idx)
            at.append(idx)
        old = e2.op("memref.load", out, at)
        e2.void("memref.store", combine(e2, old, e2.load_at(src, ivs)), out, at)

    e.nest(sizes, body)
    if op.name == "nn.reduce_mean":
        count = one
        for k in range(rank):
            count = e.op("arith.muli", count, e.select(reduced[k], e.as_value(sizes[k]), one))
        n = e.count(count, s.t) if s.is_float else e.index_cast(count, s.t)
        e.nest(out_sizes, lambda e2, ivs: e2.store_at(s.div(e2, e2.load_at(out, ivs), n), out, ivs))
    return out


# -- softmax, log_softmax ----------------------------------------------------------------------


@lowering("nn.softmax", "nn.log_softmax")
def lower_softmax(fl: FunctionLowering, op: Operation) -> list[Value]:
    x = op.input
    axis = normalize_axis(op.attr_value("axis"), x.type.rank)
    src = fl.value(x)
    sizes = fl.e.dims(src)
    out = fl.alloc_result(op.results[0], sizes)
    s = Scalar(x.type.element_type)
    log = op.name == "nn.log_softmax"
    outer_sizes = [n if i != axis else 1 for i, n in enumerate(sizes)]
    n = sizes[axis]

    def at(ivs: list, k: Value | int) -> list:
        return [k if i == axis else iv for i, iv in enumerate(ivs)]

    def row(e: Emitter, ivs: list) -> None:
        (mx,) = e.reduce(
            [n], [s.lowest(e)], lambda e2, k, a: [s.max(e2, a[0], e2.load_at(src, at(ivs, k[0])))]
        )

        def exp_sum(e2: Emitter, k: list, a: list[Value]) -> list[Value]:
            shifted = e2.op("arith.subf", e2.load_at(src, at(ivs, k[0])), mx)
            ex = e2.op("math.exp", shifted)
            if not log:
                e2.store_at(ex, out, at(ivs, k[0]))
            return [e2.op("arith.addf", a[0], ex)]

        (total,) = e.reduce([n], [s.zero(e)], exp_sum)
        lse = e.op("math.log", total) if log else None

        def write(e2: Emitter, k: list) -> None:
            where = at(ivs, k[0])
            if log:
                shifted = e2.op("arith.subf", e2.load_at(src, where), mx)
                e2.store_at(e2.op("arith.subf", shifted, lse), out, where)
            else:
                e2.store_at(e2.op("arith.divf", e2.load_at(out, where), total), out, where)

        e.nest([n], write)

    fl.e.nest(outer_sizes, row)
    return [out]


# -- layer_norm --------------------------------------------------------------------------------


@lowering("nn.layer_norm")
def lower_layer_norm(fl: FunctionLowering, op: Operation) -> list[Value]:
    x = op.input
    rank = x.type.rank
    axis = normalize_axis(op.attr_value("axis"), rank)
    src = fl.value(x)
    sizes = fl.e.dims(src)
    out = fl.alloc_result(op.results[0], sizes)
    stats = []
    if len(op.results) == 3:
        stat_sizes = [*sizes[:axis], *([1] * (rank - axis))]
        stats = [fl.alloc_result(r, stat_sizes) for r in op.results[1:]]
    s = Scalar(x.type.element_type)
    st = stats_type(x.type.element_type)
    scale = fl.value(op.scale)
    bias = None if op.bias is None else fl.value(op.bias)
    eps = op.attr_value("epsilon")
    inner_sizes = sizes[axis:]
    count = fl.e.mul_sizes(inner_sizes)

    def param(e: Emitter, m: Value, ivs: list) -> Value:
        """A scale/bias element, broadcast over the normalized dims (trailing alignment)."""
        shape = m.type.shape
        off = len(ivs) - len(shape)
        idx = [0 if shape[j] == 1 else ivs[off + j] for j in range(len(shape))]
        return float_cast(e, e.load_at(m, idx), st)

    def row(e: Emitter, oivs: list) -> None:
        def load(e2: Emitter, iivs: list) -> Value:
            return float_cast(e2, e2.load_at(src, [*oivs, *iivs]), st)

        n = e.count(count, st)
        (total,) = e.reduce(inner_sizes, [e.const(0.0, st)],
                            lambda e2, iv, a: [e2.op("arith.addf", a[0], load(e2, iv))])  # fmt: skip
        mean = e.op("arith.divf", total, n)

        def sq(e2: Emitter, iv: list, a: list[Value]) -> list[Value]:
            dx = e2.op("arith.subf", load(e2, iv), mean)
            return [e2.op("arith.addf", a[0], e2.op("arith.mulf", dx, dx))]

        (ss,) = e.reduce(inner_sizes, [e.const(0.0, st)], sq)
        var = e.op("arith.divf", ss, n)
        std = e.op("math.sqrt", e.op("arith.addf", var, e.const(eps, st)))
        inv = e.op("arith.divf", e.const(1.0, st), std)
        for m, v in zip(stats, (mean, inv)):
            e.store_at(v, m, [*oivs, *([0] * (rank - axis))])

        def write(e2: Emitter, iv: list) -> None:
            y = e2.op("arith.mulf", e2.op("arith.subf", load(e2, iv), mean), inv)
            y = e2.op("arith.mulf", y, param(e2, scale, iv))
            if bias is not None:
                y = e2.op("arith.addf", y, param(e2, bias, iv))
            e2.store_at(float_cast(e2, y, s.t), out, [*oivs, *iv])

        e.nest(inner_sizes, write)

    fl.e.nest(sizes[:axis], row)
    return [out, *stats]


# -- batch_norm --------------------------------------------------------------------------------


@lowering("nn.batch_norm")
def lower_batch_norm(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    sizes = fl.e.dims(src)
    out = fl.alloc_result(op.results[0], sizes)
    params = [fl.value(v) for v in (op.scale, op.bias, op.mean, op.var)]
    t = out.type.element_type
    eps = op.attr_value("epsilon")

    def channel(e: Emitter, nc: list) -> None:
        scale, bias, mean, var = (e.load_at(p, [nc[1]]) for p in params)
        sd = e.op("math.sqrt", e.op("arith.addf", var, e.const(eps, t)))

        def body(e2: Emitter, ivs: list) -> None:
            where = [*nc, *ivs]
            y = e2.op("arith.mulf", scale, e2.op("arith.subf", e2.load_at(src, where), mean))
            y = e2.op("arith.addf", e2.op("arith.divf", y, sd), bias)
            e2.store_at(y, out, where)

        e.nest(sizes[2:], body)

    fl.e.nest(sizes[:2], channel)
    return [out]


# -- lrn ---------------------------------------------------------------------------------------


@lowering("nn.lrn")
def lower_lrn(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    sizes = fl.e.dims(src)
    out = fl.alloc_result(op.results[0], sizes)
    s = Scalar(op.input.type.element_type).accumulator()
    t = out.type.element_type
    size = op.attr_value("size")
    before, after = (size - 1) // 2, -(-(size - 1) // 2)
    alpha, beta, bias = (op.attr_value(k) for k in ("alpha", "beta", "bias"))
    channels = fl.e.as_value(sizes[1])

    def body(e: Emitter, ivs: list) -> None:
        n, c, h, w = ivs
        cv = e.as_value(c)
        lower = ([d(0) - before, 0], [cv])
        upper = ([d(0) + after + 1, d(1)], [cv, channels])

        def sq(e2: Emitter, j: Value, a: list[Value]) -> list[Value]:
            v = float_cast(e2, e2.load_at(src, [n, j, h, w]), s.t)
            return [e2.op("arith.addf", a[0], e2.op("arith.mulf", v, v))]

        (total,) = e.loop(lower, upper, sq, [e.const(0.0, s.t)])
        scale = e.op("arith.mulf", total, e.const(alpha / size, s.t))
        base = e.op("arith.addf", e.const(bias, s.t), scale)
        den = e.op("math.powf", base, e.const(beta, s.t))
        x = float_cast(e, e.load_at(src, ivs), s.t)
        e.store_at(float_cast(e, e.op("arith.divf", x, den), t), out, ivs)

    fl.e.nest(sizes, body)
    return [out]


# -- global_avg_pool ---------------------------------------------------------------------------


@lowering("nn.global_avg_pool")
def lower_global_avg_pool(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    sizes = fl.e.dims(src)
    rank = len(sizes)
    out = fl.alloc_result(op.results[0], [*sizes[:2], *([1] * (rank - 2))])
    s = Scalar(op.input.type.element_type)
    acc_s = s.accumulator()
    count = fl.e.mul_sizes(sizes[2:])
    if not isinstance(out.type.element_type, FloatType):
        raise fail(op, "expects float elements")

    def body(e: Emitter, nc: list) -> None:
        def add(e2: Emitter, ivs: list, a: list[Value]) -> list[Value]:
            x = float_cast(e2, e2.load_at(src, [*nc, *ivs]), acc_s.t)
            return [e2.op("arith.addf", a[0], x)]

        (total,) = e.reduce(sizes[2:], [acc_s.zero(e)], add)
        mean = e.op("arith.divf", total, e.count(count, acc_s.t))
        e.store_at(float_cast(e, mean, s.t), out, [*nc, *([0] * (rank - 2))])

    fl.e.nest(sizes[:2], body)
    return [out]
