"""The numpy semantics of every nn op, once: `evaluate(op, inputs)`.

Constant folding, the reference interpreter and the ONNX conformance tests all run these, so
they follow ONNX's operator definitions exactly, result dtypes included (integer Div truncates
toward zero, Pow keeps the base's dtype, pooling ignores padding unless count_include_pad...).

`inputs` holds either one array per operand field (None for an absent optional operand, the
arrays of a variadic field spliced in) or one array per operand value (`op.operands`). Results
come back with the dtype of the result's element type (`elements.element_dtype`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from dialir.core.ir.dtypes import ml_dtypes
from dialir.core.ir.operation import Operation
from dialir.core.ir.types import FloatType, IntegerType
from dialir.core.ods.opdef import OPTIONAL, SINGLE, VARIADIC
from dialir.dialects.nn import elements  # SUB_BYTE_INTS: built on first use
from dialir.dialects.nn.elements import (
    STORAGE_FLOATS,
    element_dtype,
    elements_to_array,
    round_to_bf16,
)
from dialir.dialects.nn.shape_inference import (
    normalize_axes,
    normalize_axis,
    reshape_dims,
    shape_bounds,
    slice_bounds,
    split_sizes,
    window_out_dim,
)

Args = dict[str, Any]
_REFERENCE: dict[str, Callable[[Operation, Args], list[np.ndarray]]] = {}


def reference(*names: str) -> Callable:
    """Register a function `(op, args) -> [arrays]` as the semantics of ops `names`."""

    def wrap(fn: Callable) -> Callable:
        for name in names:
            _REFERENCE[name] = fn
        return fn

    return wrap


def has_reference(name: str) -> bool:
    return name in _REFERENCE


def evaluate(op: Operation, inputs: Sequence[np.ndarray | None]) -> list[np.ndarray]:
    """Run `op` on numpy arrays; one array per result, of the result's element dtype."""
    fn = _REFERENCE.get(op.name)
    if fn is None:
        raise NotImplementedError(f"no numpy reference for '{op.name}'")
    outs = fn(op, _bind(op, inputs))
    results = []
    for out, r in zip(outs, op.results):
        et = r.type.element_type
        arr = np.asarray(out)
        dtype = element_dtype(et)
        if arr.dtype != dtype:
            arr = arr.astype(dtype)
        if isinstance(et, FloatType) and et.kind == "bf16":
            arr = round_to_bf16(arr)
        results.append(arr)
    return results


def _bind(op: Operation, inputs: Sequence[np.ndarray | None]) -> Args:
    d = type(op).definition
    inputs = list(inputs)
    args: Args = {}
    if len(inputs) == len(op.operands):
        for f in d.operands:
            start, size = op.segment(f)
            if f.kind == SINGLE:
                args[f.name] = inputs[start]
            elif f.kind == OPTIONAL:
                args[f.name] = inputs[start] if size else None
            else:
                args[f.name] = inputs[start : start + size]
        return args
    pos = 0
    for i, f in enumerate(d.operands):
        if f.kind == VARIADIC:
            rest = len(d.operands) - i - 1
            args[f.name] = inputs[pos : len(inputs) - rest]
            pos = len(inputs) - rest
        else:
            if pos >= len(inputs):
                raise ValueError(f"'{op.name}' expects an input for operand '{f.name}'")
            args[f.name] = inputs[pos]
            pos += 1
    if pos != len(inputs):
        raise ValueError(f"'{op.name}' got {len(inputs)} inputs, expected {pos}")
    return args


def _attr(op: Operation, name: str) -> Any:
    return op.attr_value(name)


def _ints(a: np.ndarray | None) -> list[int] | None:
    return None if a is None else [int(x) for x in np.asarray(a).reshape(-1)]


# -- constant and elementwise ------------------------------------------------------------------


@reference("nn.constant")
def _constant(op, x):
    return [elements_to_array(op.value)]


def _binary(fn: Callable) -> Callable:
    return lambda op, x: [fn(x["lhs"], x["rhs"])]


reference("nn.add")(_binary(np.add))
reference("nn.sub")(_binary(np.subtract))
reference("nn.mul")(_binary(np.multiply))
reference("nn.max")(_binary(np.maximum))
reference("nn.min")(_binary(np.minimum))
reference("nn.equal")(_binary(np.equal))
reference("nn.less")(_binary(np.less))
reference("nn.greater")(_binary(np.greater))


@reference("nn.div")
def _div(op, x):
    a, b = x["lhs"], x["rhs"]
    if np.issubdtype(a.dtype, np.integer):
        if np.any(b == 0):
            raise ZeroDivisionError("integer division by zero")
        # Truncation toward zero (C semantics), as ONNX defines integer Div.
        q = np.floor_divide(a, b)
        r = np.remainder(a, b)
        return [q + ((r != 0) & ((a < 0) ^ (b < 0))).astype(q.dtype)]
    return [np.divide(a, b)]


@reference("nn.pow")
def _pow(op, x):
    a, b = x["lhs"], x["rhs"]
    if np.issubdtype(a.dtype, np.integer) and np.issubdtype(b.dtype, np.integer):
        if np.any(b < 0):
            raise ValueError("integer to a negative integer power")
    return [np.power(a, b).astype(a.dtype)]


@reference("nn.where")
def _where(op, x):
    return [np.where(x["condition"], x["x"], x["y"])]


def _unary(fn: Callable) -> Callable:
    return lambda op, x: [fn(x["input"])]


reference("nn.neg")(_unary(np.negative))
reference("nn.abs")(_unary(np.abs))
reference("nn.tanh")(_unary(np.tanh))
reference("nn.exp")(_unary(np.exp))
reference("nn.log")(_unary(np.log))
reference("nn.sqrt")(_unary(np.sqrt))
reference("nn.identity")(_unary(lambda a: a))


@reference("nn.relu")
def _relu(op, x):
    a = x["input"]
    return [np.maximum(a, a.dtype.type(0))]


@reference("nn.sigmoid")
def _sigmoid(op, x):
    a = x["input"]
    e = np.exp(-np.abs(a))  # never overflows
    one = a.dtype.type(1)
    return [np.where(a >= 0, one / (one + e), e / (one + e))]


_ERF = np.vectorize(math.erf, otypes=[np.float64])


def erf(a: np.ndarray) -> np.ndarray:
    """The error function, computed in float64 (libm's erf per element)."""
    a64 = np.asarray(a, dtype=np.float64)
    return _ERF(a64) if a64.size else a64


@reference("nn.erf")
def _erf(op, x):
    return [erf(x["input"])]


@reference("nn.leaky_relu")
def _leaky_relu(op, x):
    a = x["input"]
    alpha = a.dtype.type(_attr(op, "alpha"))
    return [np.where(a > 0, a, a * alpha)]


@reference("nn.gelu")
def _gelu(op, x):
    a = np.asarray(x["input"], dtype=np.float64)
    if _attr(op, "approximate") == "tanh":
        inner = math.sqrt(2 / math.pi) * (a + 0.044715 * a**3)
        return [0.5 * a * (1 + np.tanh(inner))]
    return [0.5 * a * (1 + erf(a / math.sqrt(2)))]


@reference("nn.clip")
def _clip(op, x):
    a = x["input"]
    if x["min"] is not None:
        a = np.maximum(a, np.asarray(x["min"]).reshape(()))
    if x["max"] is not None:
        a = np.minimum(a, np.asarray(x["max"]).reshape(()))
    return [a]


@reference("nn.cast")
def _cast(op, x):
    a = x["input"]
    et = op.results[0].type.element_type
    target = element_dtype(et)
    if target == np.bool_:
        return [a != 0]
    kind = getattr(et, "kind", "")
    with np.errstate(invalid="ignore", over="ignore"):
        if kind == "f8E8M0FNU":
            return [_to_e8m0(a, _attr(op, "saturate"), _attr(op, "round_mode"))]
        if kind in STORAGE_FLOATS and kind != "f4E2M1FN" and _attr(op, "saturate"):
            info = ml_dtypes().finfo(target)
            return [np.clip(a.astype(np.float32), info.min, info.max).astype(target)]
        if isinstance(et, IntegerType) and et.width in (2, 4):
            narrow = elements.SUB_BYTE_INTS[et.width, et.signedness == "unsigned"]
            return [a.astype(narrow).astype(target)]  # ml_dtypes' conversion, then widened
        return [a.astype(target)]


def _to_e8m0(a: np.ndarray, saturate: bool, mode: str) -> np.ndarray:
    """float -> f8E8M0FNU (a power of two 2^(e-127), the sign dropped) as ONNX defines it:
    the float32 exponent, plus one when `mode` rounds the mantissa up (`nearest` breaks
    ties away from the zero exponent); inf and NaN become NaN (0xFF), and with `saturate`
    the largest exponent does not round up into NaN."""
    bits = np.asarray(a, dtype=np.float32).view(np.uint32)
    exp = ((bits >> 23) & 0xFF).astype(np.uint16)
    frac = bits & 0x7FFFFF
    if mode == "up":
        up = frac > 0
    elif mode == "nearest":
        up = ((frac & 0x400000) > 0) & (((frac & 0x3FFFFF) > 0) | (exp > 0))
    else:
        up = np.zeros(exp.shape, dtype=bool)
    if saturate:
        up &= exp != 0xFE
    out = np.where(exp == 0xFF, 0xFF, exp + up).astype(np.uint8)
    return out.view(ml_dtypes().float8_e8m0fnu)


# -- linear algebra, convolution, normalization ------------------------------------------------


@reference("nn.matmul")
def _matmul(op, x):
    return [np.matmul(x["lhs"], x["rhs"])]


@reference("nn.gemm")
def _gemm(op, x):
    a, b, c = x["a"], x["b"], x["c"]
    if _attr(op, "trans_a"):
        a = a.T
    if _attr(op, "trans_b"):
        b = b.T
    out = np.matmul(a, b) * _attr(op, "alpha")
    beta = _attr(op, "beta")
    if c is not None and beta != 0:
        out = out + c * beta
    return [out.astype(x["a"].dtype)]


def _compute_dtype(dtype: np.dtype) -> np.dtype:
    """float32 for float16 (accumulation precision), the dtype itself otherwise."""
    return np.dtype(np.float32) if dtype == np.float16 else dtype


def _windows(padded: np.ndarray, kernel: Sequence[int], strides: Sequence[int],
             dilations: Sequence[int], out: Sequence[int]) -> np.ndarray:  # fmt: skip
    """(..., prod(kernel), *out): for each kernel offset (row-major), the strided view of
    `padded`'s last len(kernel) dimensions that offset reads for every output position."""
    views = []
    for offset in itertools.product(*(range(k) for k in kernel)):
        index = tuple(
            slice(k * d, k * d + s * (o - 1) + 1, s)
            for k, d, s, o in zip(offset, dilations, strides, out)
        )
        views.append(padded[(..., *index)])
    return np.stack(views, axis=-1 - len(kernel))


@reference("nn.conv2d")
def _conv2d(op, x):
    inp, w, b = x["input"], x["weight"], x["bias"]
    strides, dilations, pads = _attr(op, "strides"), _attr(op, "dilations"), _attr(op, "pads")
    group = _attr(op, "group")
    n, c, h, wd = inp.shape
    m, cg, kh, kw = w.shape
    dtype = _compute_dtype(inp.dtype)
    oh = window_out_dim(h, kh, strides[0], dilations[0], pads[0], pads[2])
    ow = window_out_dim(wd, kw, strides[1], dilations[1], pads[1], pads[3])
    padded = np.pad(
        inp.astype(dtype, copy=False), ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3]))
    )
    padded = padded.reshape(n, group, cg, *padded.shape[2:])
    # im2col: (N, G, Cg * kH * kW, OH * OW), rows ordered like the weight's (Cg, kH, kW).
    cols = _windows(padded, (kh, kw), strides, dilations, (oh, ow))
    cols = cols.reshape(n, group, cg * kh * kw, oh * ow)
    wg = w.astype(dtype, copy=False).reshape(group, m // group, cg * kh * kw)
    out = np.matmul(wg, cols).reshape(n, m, oh, ow)
    if b is not None:
        out = out + b.astype(dtype, copy=False).reshape(1, m, 1, 1)
    return [out.astype(inp.dtype)]


@reference("nn.batch_norm")
def _batch_norm(op, x):
    a = x["input"]
    shape = (1, -1) + (1,) * (a.ndim - 2)
    scale, bias, mean, var = (x[k].reshape(shape) for k in ("scale", "bias", "mean", "var"))
    eps = _attr(op, "epsilon")
    return [(scale * (a - mean) / np.sqrt(var + eps) + bias).astype(a.dtype)]


def _pool_geometry(op, shape: Sequence[int]) -> tuple:
    n = len(shape) - 2
    kernel, strides = _attr(op, "kernel_shape"), _attr(op, "strides")
    pads, dilations, ceil = _attr(op, "pads"), _attr(op, "dilations"), _attr(op, "ceil_mode")
    out = [
        window_out_dim(shape[2 + i], kernel[i], strides[i], dilations[i], pads[i], pads[n + i],
                       ceil)
        for i in range(n)
    ]  # fmt: skip
    # Windows may run past the end padding with ceil_mode: pad that overhang too.
    extra = [
        max(0, (out[i] - 1) * strides[i] + dilations[i] * (kernel[i] - 1) + 1
            - (shape[2 + i] + pads[i] + pads[n + i]))
        for i in range(n)
    ]  # fmt: skip
    widths = [(pads[i], pads[n + i] + extra[i]) for i in range(n)]
    return kernel, strides, pads, dilations, out, widths


@reference("nn.max_pool2d", "nn.max_pool3d")
def _max_pool(op, x):
    a = x["input"]
    kernel, strides, pads, dilations, out, widths = _pool_geometry(op, a.shape)
    if np.issubdtype(a.dtype, np.floating):
        low = -np.inf
    else:
        low = np.iinfo(a.dtype).min
    padded = np.pad(a, ((0, 0), (0, 0), *widths), constant_values=low)
    windows = _windows(padded, kernel, strides, dilations, out)
    y = windows.max(axis=2)
    if len(op.results) == 1:
        return [y]
    return [y, _max_pool_indices(op, a.shape, windows, y, kernel, strides, pads, dilations, out)]


def _max_pool_indices(op, shape: Sequence[int], windows: np.ndarray, y: np.ndarray,
                      kernel: Sequence[int], strides: Sequence[int], pads: Sequence[int],
                      dilations: Sequence[int], out: Sequence[int]) -> np.ndarray:  # fmt: skip
    """ONNX MaxPool's Indices: the flat input position of the first maximum of each window
    (kernel offsets in row-major order, padding excluded), -1 for a window of padding only.
    The (n, c) part is row-major, the spatial part as `storage_order` says."""
    n = len(kernel)
    spatial = shape[2:]
    # coords[i][k, o]: the input coordinate along spatial dimension i of kernel offset k at
    # output position o.
    coords = [
        np.arange(out[i])[None, :] * strides[i]
        + np.arange(kernel[i])[:, None] * dilations[i]
        - pads[i]
        for i in range(n)
    ]
    valid = np.ones((1,) * (2 * n), dtype=bool)
    for i, c in enumerate(coords):
        shape_i = [1] * (2 * n)
        shape_i[i], shape_i[n + i] = kernel[i], out[i]
        valid = valid & ((c >= 0) & (c < spatial[i])).reshape(shape_i)
    valid = valid.reshape(math.prod(kernel), *out)
    best = y[:, :, None]
    hit = windows == best
    if np.issubdtype(windows.dtype, np.floating):
        hit |= np.isnan(windows) & np.isnan(best)
    hit &= valid
    first = hit.argmax(axis=2)
    offsets = np.unravel_index(first, tuple(kernel))
    if _attr(op, "storage_order") == 0:
        steps = [math.prod(spatial[i + 1 :]) for i in range(n)]
    else:
        steps = [math.prod(spatial[:i]) for i in range(n)]
    batch, channels = shape[:2]
    flat = np.arange(batch * channels).reshape(batch, channels, *([1] * n)) * math.prod(spatial)
    for i in range(n):
        position = np.arange(out[i]).reshape([out[i] if d == i else 1 for d in range(n)])
        flat = flat + (position * strides[i] + offsets[i] * dilations[i] - pads[i]) * steps[i]
    return np.where(hit.any(axis=2), flat, -1).astype(np.int64)


@reference("nn.avg_pool2d", "nn.avg_pool3d")
def _avg_pool(op, x):
    a = x["input"]
    kernel, strides, pads, dilations, out, widths = _pool_geometry(op, a.shape)
    dtype = _compute_dtype(a.dtype)
    padded = np.pad(a.astype(dtype, copy=False), ((0, 0), (0, 0), *widths))
    sums = _windows(padded, kernel, strides, dilations, out).sum(axis=2)
    # The divisor: real elements, plus the explicit padding with count_include_pad (never
    # the ceil_mode overhang).
    n = len(kernel)
    spatial = a.shape[2:]
    if _attr(op, "count_include_pad"):
        ones = np.pad(
            np.ones([spatial[i] + pads[i] + pads[n + i] for i in range(n)], dtype),
            [(0, w[1] - pads[n + i]) for i, w in enumerate(widths)],
        )
    else:
        ones = np.pad(np.ones(spatial, dtype), widths)
    counts = _windows(ones, kernel, strides, dilations, out).sum(axis=0)
    return [(sums / counts).astype(a.dtype)]


@reference("nn.global_avg_pool")
def _global_avg_pool(op, x):
    a = x["input"]
    return [np.mean(a, axis=tuple(range(2, a.ndim)), keepdims=True)]


@reference("nn.softmax")
def _softmax(op, x):
    a = x["input"]
    axis = _attr(op, "axis")
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    return [e / e.sum(axis=axis, keepdims=True)]


@reference("nn.log_softmax")
def _log_softmax(op, x):
    a = x["input"]
    axis = _attr(op, "axis")
    shifted = a - a.max(axis=axis, keepdims=True)
    return [shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))]


@reference("nn.layer_norm")
def _layer_norm(op, x):
    a = x["input"]
    axis = normalize_axis(_attr(op, "axis"), a.ndim)
    # ONNX's default stash_type computes the statistics in float32 (or wider).
    dtype = np.promote_types(a.dtype, np.float32)
    v = a.astype(dtype)
    axes = tuple(range(axis, a.ndim))
    mean = v.mean(axis=axes, keepdims=True)
    var = ((v - mean) ** 2).mean(axis=axes, keepdims=True)
    inv_std = 1 / np.sqrt(var + _attr(op, "epsilon"))
    y = (v - mean) * inv_std * x["scale"]
    if x["bias"] is not None:
        y = y + x["bias"]
    if len(op.results) == 1:
        return [y.astype(a.dtype)]
    return [y.astype(a.dtype), mean, inv_std]


@reference("nn.lrn")
def _lrn(op, x):
    a = x["input"]
    size = _attr(op, "size")
    alpha, beta, bias = _attr(op, "alpha"), _attr(op, "beta"), _attr(op, "bias")
    before, after = (size - 1) // 2, -(-(size - 1) // 2)
    sq = np.pad(a.astype(np.float64) ** 2, ((0, 0), (before, after), (0, 0), (0, 0)))
    # Window sums over channels [c - before, c + after] from a cumulative sum: O(N C H W).
    csum = np.concatenate([np.zeros_like(sq[:, :1]), np.cumsum(sq, axis=1)], axis=1)
    c = a.shape[1]
    square_sum = csum[:, size : size + c] - csum[:, :c]
    return [a / (bias + alpha / size * square_sum) ** beta]


# -- reductions --------------------------------------------------------------------------------


def _reduce(fn: Callable) -> Callable:
    def run(op, x):
        a = x["input"]
        axes = _ints(x["axes"])
        keepdims = _attr(op, "keepdims")
        if not axes:
            if _attr(op, "noop_with_empty_axes"):
                return [a]
            axes = list(range(a.ndim))
        axes = tuple(normalize_axes(axes, a.ndim))
        return [fn(a, axes, keepdims)]

    return run


def _lowest(dtype: np.dtype) -> Any:
    if dtype == np.bool_:
        return False
    return np.iinfo(dtype).min if np.issubdtype(dtype, np.integer) else -np.inf


def _highest(dtype: np.dtype) -> Any:
    if dtype == np.bool_:
        return True
    return np.iinfo(dtype).max if np.issubdtype(dtype, np.integer) else np.inf


reference("nn.reduce_sum")(
    _reduce(lambda a, axes, k: np.sum(a, axis=axes, keepdims=k, dtype=a.dtype))
)
reference("nn.reduce_mean")(
    _reduce(lambda a, axes, k: np.mean(a, axis=axes, keepdims=k, dtype=a.dtype))
)
reference("nn.reduce_max")(
    _reduce(
        lambda a, axes, k: np.maximum.reduce(a, axis=axes, keepdims=k, initial=_lowest(a.dtype))
    )
)
reference("nn.reduce_min")(
    _reduce(
        lambda a, axes, k: np.minimum.reduce(a, axis=axes, keepdims=k, initial=_highest(a.dtype))
    )
)


# -- shape manipulation ------------------------------------------------------------------------


@reference("nn.reshape")
def _reshape(op, x):
    a = x["input"]
    shape = reshape_dims(a.shape, _ints(x["shape"]), _attr(op, "allowzero"))
    return [a.reshape(shape)]


@reference("nn.flatten")
def _flatten(op, x):
    a = x["input"]
    axis = normalize_axis(_attr(op, "axis"), a.ndim, inclusive=True)
    return [a.reshape(math.prod(a.shape[:axis]), math.prod(a.shape[axis:]))]


@reference("nn.transpose")
def _transpose(op, x):
    return [np.transpose(x["input"], _attr(op, "perm"))]


@reference("nn.concat")
def _concat(op, x):
    return [np.concatenate(x["inputs"], axis=_attr(op, "axis"))]


@reference("nn.split")
def _split(op, x):
    a = x["input"]
    axis = normalize_axis(_attr(op, "axis"), a.ndim)
    sizes = _ints(x["split"])
    if sizes is None:
        sizes = split_sizes(a.shape[axis], len(op.results))
    if len(sizes) != len(op.results) or sum(sizes) != a.shape[axis]:
        raise ValueError(f"split sizes {sizes} do not fit dimension {axis} of {a.shape}")
    return np.split(a, np.cumsum(sizes)[:-1], axis=axis)


@reference("nn.slice")
def _slice(op, x):
    a = x["input"]
    starts, ends = _ints(x["starts"]), _ints(x["ends"])
    axes = _ints(x["axes"])
    axes = list(range(len(starts))) if axes is None else normalize_axes(axes, a.ndim)
    steps = _ints(x["steps"]) or [1] * len(axes)
    index = [slice(None)] * a.ndim
    for axis, start, end, step in zip(axes, starts, ends, steps):
        s, e, _ = slice_bounds(a.shape[axis], start, end, step)
        index[axis] = slice(s, None if e < 0 else e, step)
    return [a[tuple(index)]]


@reference("nn.gather")
def _gather(op, x):
    a = x["input"]
    axis = normalize_axis(_attr(op, "axis"), a.ndim)
    return [np.take(a, x["indices"].astype(np.int64), axis=axis)]


@reference("nn.pad")
def _pad(op, x):
    a = x["input"]
    pads = _ints(x["pads"])
    axes = _ints(x["axes"])
    axes = list(range(a.ndim)) if axes is None else normalize_axes(axes, a.ndim)
    if len(pads) != 2 * len(axes):
        raise ValueError(f"pads {pads} do not match the padded axes {axes}")
    crop = [slice(None)] * a.ndim
    widths = [(0, 0)] * a.ndim
    for i, axis in enumerate(axes):
        begin, end = pads[i], pads[i + len(axes)]
        # Negative pads crop (before any padding).
        crop[axis] = slice(max(0, -begin), a.shape[axis] - max(0, -end))
        widths[axis] = (max(0, begin), max(0, end))
    a = a[tuple(crop)]
    mode = _attr(op, "mode")
    if mode == "constant":
        value = x["constant_value"]
        value = 0 if value is None else np.asarray(value).reshape(())
        return [np.pad(a, widths, mode="constant", constant_values=value)]
    return [np.pad(a, widths, mode=mode)]


@reference("nn.squeeze")
def _squeeze(op, x):
    a = x["input"]
    axes = _ints(x["axes"])
    if axes is None:
        # The dimensions the type knows to be 1: the result keeps the rank it was given.
        axes = [i for i, d in enumerate(op.input.type.shape) if d == 1]
    axes = normalize_axes(axes, a.ndim)
    return [np.squeeze(a, axis=tuple(axes))]


@reference("nn.unsqueeze")
def _unsqueeze(op, x):
    a = x["input"]
    axes = _ints(x["axes"])
    return [np.expand_dims(a, tuple(normalize_axes(axes, a.ndim + len(axes))))]


@reference("nn.expand")
def _expand(op, x):
    a = x["input"]
    shape = np.broadcast_shapes(a.shape, tuple(_ints(x["shape"])))
    return [np.broadcast_to(a, shape).copy()]


@reference("nn.shape")
def _shape(op, x):
    a = x["input"]
    start, end = shape_bounds(a.ndim, _attr(op, "start"), _attr(op, "end"))
    return [np.array(a.shape[start:end], dtype=np.int64)]
