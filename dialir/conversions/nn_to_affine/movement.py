"""Data movement -> views or copy nests. Reshape, flatten, squeeze and unsqueeze move no
data: the buffer is viewed through `memref.collapse_shape` (to 1-D) and
`memref.expand_shape` (to the result), as every buffer the lowering makes is contiguous.
The others copy with one nest over the result, row-major so stores are contiguous:
transpose (permuted loads), concat and split (one nest per part, at its offset along the
axis), slice (start + i * step, steps may be negative), gather (a `memref.load` at the
loaded index, negative indices counted from the end), pad (constant: fill, then copy the
input into the interior — no per-element test; edge/reflect/wrap: the source index mapped
with index arithmetic), expand (broadcast loads) and shape (the sizes, stored as i64).

The parameters ONNX passes as tensors (shape, starts, pads, axes, split...) must be
constants where they decide sizes or offsets; otherwise the op is reported, not guessed.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialir.conversions.nn_to_affine.elementwise import Broadcast, Input
from dialir.conversions.nn_to_affine.emit import INDEX, Dim, Emitter, d, memref_of
from dialir.conversions.nn_to_affine.linalg import Subscripts, _same
from dialir.conversions.nn_to_affine.lowering import FunctionLowering, fail, lowering
from dialir.core.ir.attrs import ArrayAttr, DenseArrayAttr, IntegerAttr, StringAttr
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import MemRefType, i1, i64
from dialir.dialects.memref.ops import DYNAMIC_INDEX, CollapseShapeOp, ExpandShapeOp
from dialir.dialects.nn.shape_inference import (
    normalize_axes,
    normalize_axis,
    shape_bounds,
    slice_bounds,
)

# -- views -------------------------------------------------------------------------------------


def _groups(groups: Sequence[Sequence[int]]) -> ArrayAttr:
    return ArrayAttr([ArrayAttr([IntegerAttr(i, i64) for i in g]) for g in groups])


def reshape_view(fl: FunctionLowering, src: Value, result: Value, sizes: Sequence[Dim]) -> Value:
    """`src`'s buffer viewed with the shape of nn value `result` (sizes: its dims)."""
    t = memref_of(result.type)
    if src.type is t and t.has_static_shape:
        return src
    e = fl.e
    if src.type.rank == 0 or t.rank == 0:
        # One element: copied (dialir's memref verifier rejects MLIR's empty reassociation).
        out = fl.alloc_result(result, sizes)
        e.store_at(e.load_at(src, [0] * src.type.rank), out, [0] * t.rank)
        return out
    elem = t.element_type
    flat = src
    if src.type.rank != 1:
        n = src.type.shape
        total = None if None in n else _prod(n)
        flat = e.b.insert(
            CollapseShapeOp(
                src,
                reassociation=_groups([list(range(src.type.rank))]),
                result_types=[MemRefType((total,), elem)],
            )  # fmt: skip
        ).results[0]
    if t.rank == 1:
        if flat.type is t:
            return fl.view(src, flat)
        return fl.view(src, e.op("memref.cast", flat, result_types=[t]))
    dynamic = [e.as_value(s) for s, n in zip(sizes, t.shape) if n is None]
    static = [DYNAMIC_INDEX if n is None else n for n in t.shape]
    out = ExpandShapeOp(
        flat, dynamic, reassociation=_groups([list(range(t.rank))]),
        static_output_shape=DenseArrayAttr(i64, static), result_types=[t],
    )  # fmt: skip
    view = e.b.insert(out).results[0]
    e.known[view] = list(sizes)
    return fl.view(src, view)


def _prod(xs: Sequence[int]) -> int:
    p = 1
    for x in xs:
        p *= x
    return p


def _static_or(result: Value, sizes: Sequence[Dim]) -> list[Dim]:
    return [n if n is not None else s for n, s in zip(result.type.shape, sizes)]


@lowering("nn.reshape")
def lower_reshape(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    r = op.results[0]
    sizes: list[Dim] = list(r.type.shape)
    if None in sizes:
        sizes = _reshape_sizes(fl, op, fl.e.dims(src))
    return [reshape_view(fl, src, r, sizes)]


def _reshape_sizes(fl: FunctionLowering, op: Operation, in_sizes: list[Dim]) -> list[Dim]:
    """ONNX Reshape's sizes from the shape tensor, at run time: 0 copies the input's size
    (unless allowzero), -1 is what the others leave of the element count."""
    e = fl.e
    target = fl.runtime_ints(op, op.shape, "shape")
    allowzero = op.attr_value("allowzero")
    zero, one, minus = e.index(0), e.index(1), e.index(-1)
    sizes = []
    for i, t in enumerate(target):
        if not allowzero and i < len(in_sizes):
            t = e.select(e.cmpi("eq", t, zero), e.as_value(in_sizes[i]), t)
        sizes.append(t)
    wild = [e.cmpi("eq", t, minus) for t in sizes]
    total = e.as_value(e.mul_sizes(in_sizes))
    out: list[Dim] = []
    for i, t in enumerate(sizes):
        known = one
        for j, u in enumerate(sizes):
            if j != i:
                known = e.op("arith.muli", known, e.select(wild[j], one, u))
        rest = e.op("arith.divui", total, e.op("arith.maxsi", known, one))
        out.append(e.select(wild[i], rest, t))
    # A shape that does not fit the element count (a negative size, a wrong product) would
    # make a view reaching outside the buffer: a failed assertion instead, as the
    # interpreter's error.
    fits = e.cmpi("eq", e.as_value(e.mul_sizes(out)), total)
    for s in out:
        fits = e.op("arith.andi", fits, e.cmpi("sge", s, zero))
    e.void("cf.assert", fits, msg=StringAttr("nn.reshape: the shape does not fit the input's "
                                             "element count"))  # fmt: skip
    return out


@lowering("nn.flatten")
def lower_flatten(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    axis = normalize_axis(op.attr_value("axis"), src.type.rank, inclusive=True)
    dims = fl.e.dims(src)
    r = op.results[0]
    sizes = _static_or(r, [fl.e.mul_sizes(dims[:axis]), fl.e.mul_sizes(dims[axis:])])
    return [reshape_view(fl, src, r, sizes)]


@lowering("nn.squeeze", "nn.unsqueeze")
def lower_squeeze(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    r = op.results[0]
    dims = fl.e.dims(src)
    if None not in r.type.shape:
        sizes: list[Dim] = list(r.type.shape)
    elif op.name == "nn.squeeze" and sum(n == 1 for n in dims) == len(dims) - r.type.rank:
        sizes = [n for n in dims if n != 1]  # every static 1 goes
    else:
        sizes = _unit_axes_sizes(fl, op, dims, r.type.rank)
    return [reshape_view(fl, src, r, sizes)]


def _pick(e: Emitter, index: Value, values: Sequence[Dim]) -> Value:
    """values[index] for a run-time index."""
    out = e.as_value(values[0])
    for i, v in enumerate(values[1:], 1):
        out = e.select(e.cmpi("eq", index, e.index(i)), e.as_value(v), out)
    return out


def _unit_axes_sizes(fl: FunctionLowering, op: Operation, dims: list[Dim], rank: int) -> list[Dim]:
    """The result sizes of squeeze / unsqueeze with axes known at run time only: the axes
    (of the input for squeeze, of the result for unsqueeze) are size 1, the other dimensions
    are the input's in order."""
    e = fl.e
    squeeze = op.name == "nn.squeeze"
    n = len(dims) if squeeze else rank
    axes = [e.apply(lambda a, n=n: (a + n) % n, a) for a in fl.runtime_ints(op, op.axes, "axes")]
    zero, one = e.index(0), e.index(1)
    marked = []  # per position (input for squeeze, result for unsqueeze): is it an axis?
    for p in range(n):
        hit = e.const(0, i1)
        for a in axes:
            hit = e.op("arith.ori", hit, e.cmpi("eq", e.as_value(a), e.index(p)))
        marked.append(hit)
    if not squeeze:  # result position p reads input dim p - (axes before p)
        sizes, before = [], zero
        for p in range(n):
            src = _pick(e, e.op("arith.subi", e.index(p), before), dims)
            sizes.append(e.select(marked[p], one, src))
            before = e.op("arith.addi", before, e.select(marked[p], one, zero))
        return sizes
    sizes: list[Dim] = [zero] * rank
    kept = zero  # the result position of input dim k
    for k in range(n):
        for j in range(rank):
            here = e.op("arith.andi", e.cmpi("eq", kept, e.index(j)),
                        e.op("arith.xori", marked[k], e.const(1, i1)))  # fmt: skip
            sizes[j] = e.select(here, e.as_value(dims[k]), e.as_value(sizes[j]))
        kept = e.op("arith.addi", kept, e.select(marked[k], zero, one))
    return sizes


# -- copies ------------------------------------------------------------------------------------


@lowering("nn.transpose")
def lower_transpose(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    perm = op.attr_value("perm")
    dims = fl.e.dims(src)
    sizes = [dims[p] for p in perm]
    out = fl.alloc_result(op.results[0], sizes)

    def body(e: Emitter, ivs: list) -> None:
        at = [None] * len(perm)
        for i, p in enumerate(perm):
            at[p] = ivs[i]
        e.store_at(e.load_at(src, at), out, ivs)

    fl.e.nest(sizes, body)
    return [out]


def _copy_at(fl: FunctionLowering, src: Value, sizes: Sequence[Dim], dst: Value, axis: int,
             offset: Dim, src_is_part: bool) -> None:  # fmt: skip
    """Copy between a part and the whole along `axis` at `offset`: the part is `src`
    (concat) or `dst` (split); the nest runs over the part's sizes."""

    def body(e: Emitter, ivs: list) -> None:
        sub = Subscripts()
        for i, iv in enumerate(ivs):
            if i == axis:
                sub.add(lambda a, b: a + b, iv, offset)
            else:
                sub.add(_same, iv)
        if src_is_part:
            v = e.load_at(src, ivs)
            e.store(v, dst, sub.exprs, sub.operands)
        else:
            e.store_at(sub.load(e, src), dst, ivs)

    fl.e.nest(sizes, body)


@lowering("nn.concat")
def lower_concat(fl: FunctionLowering, op: Operation) -> list[Value]:
    parts = [fl.value(v) for v in op.inputs]
    axis = normalize_axis(op.attr_value("axis"), parts[0].type.rank)
    part_sizes = [fl.e.dims(p) for p in parts]
    total: Dim = 0
    for ps in part_sizes:
        total = fl.e.apply(lambda a, b: a + b, total, ps[axis])
    sizes = [total if i == axis else n for i, n in enumerate(part_sizes[0])]
    for ps in part_sizes[1:]:  # a dimension dynamic in the first part may be static elsewhere
        sizes = [n if isinstance(n, int) else (m if isinstance(m, int) else n)
                 for n, m in zip(sizes, ps)]  # fmt: skip
    out = fl.alloc_result(op.results[0], _static_or(op.results[0], sizes))
    offset: Dim = 0
    for p, ps in zip(parts, part_sizes):
        _copy_at(fl, p, ps, out, axis, offset, True)
        offset = fl.e.apply(lambda a, b: a + b, offset, ps[axis])
    return [out]


@lowering("nn.split")
def lower_split(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    axis = normalize_axis(op.attr_value("axis"), src.type.rank)
    dims = fl.e.dims(src)
    count = len(op.results)
    split: Sequence[Dim] | None = None
    if op.split is not None:
        known = fl.constant(op.split)
        split = (
            [int(x) for x in known.reshape(-1)] if known is not None
            else fl.runtime_ints(op, op.split, "split")
        )  # fmt: skip
    outs = []
    offset: Dim = 0
    for i, r in enumerate(op.results):
        n = r.type.shape[axis]
        if n is None:
            if split is not None:
                n = split[i]
            else:
                n = _equal_part(fl.e, dims[axis], count, i)
        sizes = [n if k == axis else s for k, s in enumerate(dims)]
        out = fl.alloc_result(r, sizes)
        _copy_at(fl, src, sizes, out, axis, offset, False)
        offset = fl.e.apply(lambda a, b: a + b, offset, n)
        outs.append(out)
    return outs


def _equal_part(e: Emitter, size: Dim, count: int, i: int) -> Dim:
    """Part i of ONNX's equal split: min(ceildiv(size, count), size - i * part), >= 0."""
    v = e.as_value(size)
    rest = e.affine_min([d(0).ceildiv(count), d(0) - d(0).ceildiv(count) * i], [v])
    return e.affine_max([d(0), 0], [rest])


@lowering("nn.slice")
def lower_slice(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    rank = src.type.rank
    params = [op.starts, op.ends, op.axes, op.steps]
    static = all(v is None or fl.constant(v) is not None for v in params)
    if not static or any(not isinstance(n, int) for n in fl.e.dims(src)):
        return [_slice_runtime(fl, op, src)]
    starts = fl.constant_ints(op, op.starts, "starts")
    ends = fl.constant_ints(op, op.ends, "ends")
    axes = fl.constant_ints(op, op.axes, "axes")
    axes = list(range(len(starts))) if axes is None else normalize_axes(axes, rank)
    steps = fl.constant_ints(op, op.steps, "steps") or [1] * len(axes)
    dims = fl.e.dims(src)
    begin: list[int] = [0] * rank
    step: list[int] = [1] * rank
    sizes = list(dims)
    for axis, st, en, sp in zip(axes, starts, ends, steps):
        if not isinstance(dims[axis], int):
            raise fail(op, f"slices dynamic dimension {axis}: only static ones lower to loops")
        begin[axis], _, sizes[axis] = slice_bounds(dims[axis], st, en, sp)
        step[axis] = sp
    out = fl.alloc_result(op.results[0], sizes)

    def body(e: Emitter, ivs: list) -> None:
        sub = Subscripts()
        for i, iv in enumerate(ivs):
            sub.add(lambda x, b=begin[i], s=step[i]: x * s + b, iv)
        e.store_at(sub.load(e, src), out, ivs)

    fl.e.nest(sizes, body)
    return [out]


def _slice_runtime(fl: FunctionLowering, op: Operation, src: Value) -> Value:
    """Slice with parameters (or sliced sizes) known at run time: ONNX's clamping computed
    with index arithmetic, each element read through memref.load at start + i * step."""
    e = fl.e
    rank = src.type.rank
    dims = [e.as_value(n) for n in e.dims(src)]
    starts = fl.runtime_ints(op, op.starts, "starts")
    ends = fl.runtime_ints(op, op.ends, "ends")
    n = len(starts)
    axes = (
        [e.index(i) for i in range(n)] if op.axes is None
        else [e.as_value(e.apply(lambda a, r=rank: (a + r) % r, a))
              for a in fl.runtime_ints(op, op.axes, "axes")]
    )  # fmt: skip
    steps = [e.index(1)] * n if op.steps is None else fl.runtime_ints(op, op.steps, "steps")
    zero, one, minus = e.index(0), e.index(1), e.index(-1)
    begin, step, sizes = [zero] * rank, [one] * rank, list(dims)
    for k in range(rank):
        for i in range(n):
            hit = e.cmpi("eq", axes[i], e.index(k))
            b, c = _clamped_range(e, dims[k], starts[i], ends[i], steps[i], zero, one, minus)
            begin[k] = e.select(hit, b, begin[k])
            step[k] = e.select(hit, steps[i], step[k])
            sizes[k] = e.select(hit, c, sizes[k])
    out = fl.alloc_result(op.results[0], sizes)

    def body(e2: Emitter, ivs: list) -> None:
        at = [e2.op("arith.addi", b, e2.op("arith.muli", e2.as_value(iv), st))
              for iv, b, st in zip(ivs, begin, step)]  # fmt: skip
        e2.store_at(e2.op("memref.load", src, at), out, ivs)

    e.nest(sizes, body)
    return out


def _clamped_range(e: Emitter, dim: Value, start: Value, end: Value, step: Value,
                   zero: Value, one: Value, minus: Value) -> tuple[Value, Value]:  # fmt: skip
    """(first index, count) of ONNX Slice on one axis (slice_bounds, at run time)."""
    start = e.select(e.cmpi("slt", start, zero), e.op("arith.addi", start, dim), start)
    end = e.select(e.cmpi("slt", end, zero), e.op("arith.addi", end, dim), end)
    up = e.cmpi("sgt", step, zero)
    lo = e.select(up, zero, minus)
    hi = e.select(up, dim, e.op("arith.subi", dim, one))
    clamp = lambda v: e.op("arith.minsi", e.op("arith.maxsi", v, lo), hi)  # noqa: E731
    start, end = clamp(start), clamp(end)
    span = e.select(up, e.op("arith.subi", end, start), e.op("arith.subi", start, end))
    stride = e.select(up, step, e.op("arith.subi", zero, step))
    count = e.op("arith.ceildivsi", e.op("arith.maxsi", span, zero), stride)
    return start, count


@lowering("nn.gather")
def lower_gather(fl: FunctionLowering, op: Operation) -> list[Value]:
    src, idx = fl.value(op.input), fl.value(op.indices)
    axis = normalize_axis(op.attr_value("axis"), src.type.rank)
    dims = fl.e.dims(src)
    ir = idx.type.rank
    sizes = [*dims[:axis], *fl.e.dims(idx), *dims[axis + 1 :]]
    out = fl.alloc_result(op.results[0], sizes)
    it = idx.type.element_type
    bound = fl.e.as_value(dims[axis])

    def body(e: Emitter, ivs: list) -> None:
        k = e.load_at(idx, ivs[axis : axis + ir])
        n = e.index_cast(bound, it)
        k = e.select(e.cmpi("slt", k, e.const(0, it)), e.op("arith.addi", k, n), k)
        at = [*ivs[:axis], e.index_cast(k, INDEX), *ivs[axis + ir :]]
        at = [e.as_value(v) for v in at]
        e.store_at(e.op("memref.load", src, at), out, ivs)

    fl.e.nest(sizes, body)
    return [out]


@lowering("nn.expand")
def lower_expand(fl: FunctionLowering, op: Operation) -> list[Value]:
    r = op.results[0]
    src = fl.value(op.input)
    in_dims = fl.e.dims(src)
    off = r.type.rank - src.type.rank
    sizes: list[Dim] = []
    fits: list[Value] = []
    target: list[Value] | None = None
    for k, n in enumerate(r.type.shape):
        j = k - off
        if n is not None:
            sizes.append(n)
        elif j >= 0 and not isinstance(in_dims[j], int):
            sizes.append(in_dims[j])
        else:  # from the shape tensor (read at run time when not a constant)
            if target is None:
                target = fl.runtime_ints(op, op.shape, "shape")
            t = target[k - (r.type.rank - len(target))]
            if j >= 0:  # broadcast: the input's size where the target says 1
                t = fl.e.select(fl.e.cmpi("eq", t, fl.e.index(1)), fl.e.as_value(in_dims[j]), t)
            fits.append(_expand_fits(fl.e, t, in_dims[j] if j >= 0 else None))
            sizes.append(t)
    # A run-time shape the input does not broadcast to (a negative size, a size other than
    # the input's where that is not 1) fails here, not outside the buffers.
    fl.e.assert_all(fits, "nn.expand: the input does not broadcast to the shape")
    out = fl.alloc_result(r, sizes)
    read = Broadcast(fl.e, src, sizes)

    def body(e: Emitter, ivs: list) -> None:
        e.store_at(read.read(e, ivs), out, ivs)

    fl.e.nest(sizes, body)
    return [out]


def _expand_fits(e: Emitter, size: Value, in_dim: Dim | None) -> Value:
    """Whether a result size read at run time is one the input broadcasts to."""
    ok = e.cmpi("sge", size, e.index(0))
    if in_dim is None or in_dim == 1:
        return ok
    same = e.cmpi("eq", size, e.as_value(in_dim))
    if not isinstance(in_dim, int):
        same = e.op("arith.ori", same, e.cmpi("eq", in_dim, e.index(1)))
    return e.op("arith.andi", ok, same)


@lowering("nn.shape")
def lower_shape(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    start, end = shape_bounds(src.type.rank, op.attr_value("start"), op.attr_value("end"))
    out = fl.alloc_result(op.results[0], [max(0, end - start)])
    e = fl.e
    for i in range(start, end):
        n = e.dim(src, i)
        v = e.const(n, i64) if isinstance(n, int) else e.index_cast(n, i64)
        e.store_at(v, out, [i - start])
    return [out]


# -- pad ---------------------------------------------------------------------------------------


@lowering("nn.pad")
def lower_pad(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = fl.value(op.input)
    rank = src.type.rank
    begins, ends = _pad_amounts(fl, op, rank)
    dims = fl.e.dims(src)
    e = fl.e
    add = lambda a, b: e.apply(lambda x, y: x + y, a, b)  # noqa: E731
    # Negative pads crop the input first: `inner` is what is left, placed at `shift`.
    crop = [_positive(e, b, -1) for b in begins]
    shift = [_positive(e, b, 1) for b in begins]
    cut = [add(c, _positive(e, x, -1)) for c, x in zip(crop, ends)]
    grow = [add(s, _positive(e, x, 1)) for s, x in zip(shift, ends)]
    inner = [e.apply(lambda n, c: n - c, n, c) for n, c in zip(dims, cut)]
    sizes = [add(n, g) for n, g in zip(inner, grow)]
    out = fl.alloc_result(op.results[0], sizes)
    mode = op.attr_value("mode")
    if mode == "constant":
        _pad_constant(fl, op, src, out, sizes, inner, crop, shift)
    else:
        _pad_mapped(fl, mode, src, out, sizes, inner, crop, shift)
    return [out]


def _pad_amounts(fl: FunctionLowering, op: Operation, rank: int) -> tuple[list, list]:
    """Each dimension's begin and end padding: ints, or index values when the pads (or
    axes) are known at run time only."""
    if fl.constant(op.pads) is not None and (op.axes is None or fl.constant(op.axes) is not None):
        pads = fl.constant_ints(op, op.pads, "pads")
        axes = fl.constant_ints(op, op.axes, "axes")
        axes = list(range(rank)) if axes is None else normalize_axes(axes, rank)
        begins, ends = [0] * rank, [0] * rank
        for i, axis in enumerate(axes):
            begins[axis], ends[axis] = pads[i], pads[i + len(axes)]
        return begins, ends
    e = fl.e
    pads = fl.runtime_ints(op, op.pads, "pads")
    n = len(pads) // 2
    axes = (
        [e.index(i) for i in range(n)] if op.axes is None
        else [e.as_value(e.apply(lambda a, r=rank: (a + r) % r, a))
              for a in fl.runtime_ints(op, op.axes, "axes")]
    )  # fmt: skip
    zero = e.index(0)
    begins, ends = [zero] * rank, [zero] * rank
    for k in range(rank):
        for i in range(n):
            hit = e.cmpi("eq", axes[i], e.index(k))
            begins[k] = e.select(hit, pads[i], begins[k])
            ends[k] = e.select(hit, pads[n + i], ends[k])
    return begins, ends


def _positive(e: Emitter, x: Dim, sign: int) -> Dim:
    """max(0, sign * x)."""
    if isinstance(x, int):
        return max(0, sign * x)
    v = x if sign > 0 else e.op("arith.subi", e.index(0), x)
    return e.op("arith.maxsi", v, e.index(0))


def _pad_constant(fl: FunctionLowering, op: Operation, src: Value, out: Value, sizes: list[Dim],
                  inner: list[Dim], crop: list[Dim], shift: list[Dim]) -> None:  # fmt: skip
    if any(not isinstance(s, int) or s > 0 for s in shift) or any(
        not (isinstance(a, int) and isinstance(b, int) and a == b) for a, b in zip(sizes, inner)
    ):
        if op.constant_value is None:
            value = fl.e.const(0, out.type.element_type)
        else:
            r = Input(fl, op.constant_value)
            value = r.scalar if r.scalar is not None else fl.e.load(
                r.memref, [0] * op.constant_value.type.rank, [])  # fmt: skip
        fl.e.nest(sizes, lambda e, ivs: e.store_at(value, out, ivs))

    def body(e: Emitter, ivs: list) -> None:
        load, store = Subscripts(), Subscripts()
        for i, iv in enumerate(ivs):
            load.add(lambda x, c: x + c, iv, crop[i])
            store.add(lambda x, s: x + s, iv, shift[i])
        e.store(load.load(e, src), out, store.exprs, store.operands)

    fl.e.nest(inner, body)


def _pad_mapped(fl: FunctionLowering, mode: str, src: Value, out: Value, sizes: list[Dim],
                inner: list[Dim], crop: list[Dim], shift: list[Dim]) -> None:  # fmt: skip
    """edge / reflect / wrap: each result element reads the source index its mode maps the
    position to, computed with index arithmetic (valid for pads wider than the input)."""

    def body(e: Emitter, ivs: list) -> None:
        at = []
        for i, iv in enumerate(ivs):
            unpadded = isinstance(sizes[i], int) and sizes[i] == inner[i]
            if isinstance(shift[i], int) and shift[i] == 0 and unpadded:
                at.append(e.apply(lambda x, c: x + c, iv, crop[i]))
                continue
            pos = e.op("arith.subi", e.as_value(iv), e.as_value(shift[i]))
            at.append(e.op("arith.addi", _fold_index(e, mode, pos, e.as_value(inner[i])),
                           e.as_value(crop[i])))  # fmt: skip
        e.store_at(e.op("memref.load", src, [e.as_value(v) for v in at]), out, ivs)

    fl.e.nest(sizes, body)


def _fold_index(e: Emitter, mode: str, pos: Value, n: Value) -> Value:
    zero, one = e.index(0), e.index(1)
    if mode == "edge":
        last = e.op("arith.subi", n, one)
        return e.op("arith.maxsi", zero, e.op("arith.minsi", pos, last))
    if mode == "wrap":
        r = e.op("arith.remsi", pos, n)
        return e.select(e.cmpi("slt", r, zero), e.op("arith.addi", r, n), r)
    # reflect: period 2 (n - 1), mirrored in its second half (n == 1: always 0)
    period = e.op("arith.muli", e.op("arith.subi", n, one), e.index(2))
    safe = e.op("arith.maxsi", period, one)
    r = e.op("arith.remsi", pos, safe)
    r = e.select(e.cmpi("slt", r, zero), e.op("arith.addi", r, safe), r)
    mirrored = e.select(e.cmpi("slt", r, n), r, e.op("arith.subi", period, r))
    return e.select(e.cmpi("eq", period, zero), zero, mirrored)
