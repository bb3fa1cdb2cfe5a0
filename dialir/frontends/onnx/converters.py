"""ONNX operator -> nn op conversion, one converter per ONNX op type (`CONVERTERS`).

A converter reads its node through a `NodeContext` and returns one IR value per output.
It follows the node's ONNX spec for the model's opset: older opsets' attribute forms
(Squeeze axes, Slice starts/ends, Pad pads, Clip bounds, ...) become constant operands,
pre-13 Softmax's flatten-to-2-D semantics become flatten + softmax + reshape, auto_pad is made
explicit. Every attribute is read or explicitly ignored (unread ones are an error), and what
nn cannot express exactly is an error naming the node, never an approximation.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from onnx import TensorProto

from dialir.core.ir.attrs import numpy_dtype
from dialir.core.ir.operation import Value
from dialir.core.ir.types import DYNAMIC, FloatType, RankedTensorType, f32, i1
from dialir.frontends.onnx.context import NodeContext
from dialir.frontends.onnx.loader import MAX_DIM, data_type_name, element_type

Converter = Callable[[NodeContext], list]
CONVERTERS: dict[str, Converter] = {}


def converts(*op_types: str) -> Callable[[Converter], Converter]:
    def register(fn: Converter) -> Converter:
        for op_type in op_types:
            CONVERTERS[op_type] = fn
        return fn

    return register


def _unless(value, default):
    """`value`, or None (attribute left out, so it prints compactly) when it is the default."""
    return None if value == default else value


def _unless_f32(value: float, default: float) -> float | None:
    """`_unless` for f32 attributes: ONNX floats are float32, so compare as float32."""
    return None if np.float32(value) == np.float32(default) else value


# -- elementwise -----------------------------------------------------------------------------

_BINARY = {
    "Add": "nn.add", "Sub": "nn.sub", "Mul": "nn.mul", "Div": "nn.div", "Pow": "nn.pow",
    "Equal": "nn.equal", "Less": "nn.less", "Greater": "nn.greater",
}  # fmt: skip

_UNARY = {
    "Neg": "nn.neg", "Abs": "nn.abs", "Relu": "nn.relu", "Sigmoid": "nn.sigmoid",
    "Tanh": "nn.tanh", "Exp": "nn.exp", "Log": "nn.log", "Sqrt": "nn.sqrt", "Erf": "nn.erf",
    "Identity": "nn.identity",
}  # fmt: skip


@converts(*_BINARY)
def _binary(cx: NodeContext) -> list:
    return [cx.value(_BINARY[cx.op_type], cx.input(0), cx.input(1))]


@converts(*_UNARY)
def _unary(cx: NodeContext) -> list:
    return [cx.value(_UNARY[cx.op_type], cx.input(0))]


@converts("Where")
def _where(cx: NodeContext) -> list:
    return [cx.value("nn.where", cx.input(0), cx.input(1), cx.input(2))]


@converts("LeakyRelu")
def _leaky_relu(cx: NodeContext) -> list:
    alpha = cx.attr_float("alpha", 0.01)
    return [cx.value("nn.leaky_relu", cx.input(0), alpha=_unless_f32(alpha, 0.01))]


@converts("Gelu")
def _gelu(cx: NodeContext) -> list:
    approximate = cx.attr_str("approximate", "none")
    if approximate not in ("none", "tanh"):
        raise cx.error(f"unsupported attribute approximate={approximate}")
    return [cx.value("nn.gelu", cx.input(0), approximate=_unless(approximate, "none"))]


@converts("Sum", "Max", "Min", "Mean")
def _variadic(cx: NodeContext) -> list:
    """Left fold into binary ops (Mean: the sum divided by the count)."""
    op = {"Sum": "nn.add", "Mean": "nn.add", "Max": "nn.max", "Min": "nn.min"}[cx.op_type]
    values = cx.inputs()
    acc = values[0]
    for v in values[1:]:
        acc = cx.value(op, acc, v)
    if cx.op_type == "Mean" and len(values) > 1:
        elem = acc.type.element_type
        if not isinstance(elem, FloatType):
            raise cx.error(f"Mean of {elem} values is not defined (floats only)")
        acc = cx.value("nn.div", acc, cx.scalar_constant(len(values), elem))
    return [acc]


@converts("Clip")
def _clip(cx: NodeContext) -> list:
    x = cx.input(0)
    if cx.version < 11:
        # Bounds were float attributes; as 0-d constants of the input's element type.
        elem = x.type.element_type
        lo, hi = cx.attr_float("min", None), cx.attr_float("max", None)
        lo_v = None if lo is None else cx.scalar_constant(lo, elem)
        hi_v = None if hi is None else cx.scalar_constant(hi, elem)
        return [cx.value("nn.clip", x, lo_v, hi_v)]
    return [cx.value("nn.clip", x, cx.optional_input(1), cx.optional_input(2))]


@converts("Cast")
def _cast(cx: NodeContext) -> list:
    to = cx.attr_int("to")
    target = element_type(to)
    if target is None:
        raise cx.error(f"unsupported attribute to={data_type_name(to)}")
    x = cx.input(0)
    attrs = {}
    if not cx.attr_int("saturate", 1):
        attrs["saturate"] = False
    mode = cx.attr_str("round_mode", "up")
    if mode not in ("up", "down", "nearest"):
        raise cx.error(f"unsupported attribute round_mode={mode!r} (up, down or nearest)")
    if mode != "up":
        attrs["round_mode"] = mode
    result_type = RankedTensorType(x.type.shape, target)
    return [cx.value("nn.cast", x, result_types=[result_type], **attrs)]


@converts("Dropout")
def _dropout(cx: NodeContext) -> list:
    """Inference mode: the identity, and a mask of ones. Training mode is rejected."""
    cx.ignore("ratio", "seed")
    if cx.has_input(2):
        training = cx.constant_input(2)
        if training is None or training.size != 1 or bool(training.reshape(-1)[0]):
            raise cx.error("training_mode must be a constant false (inference only)")
    x = cx.input(0)
    y = cx.value("nn.identity", x)
    if not cx.has_output(1):
        return [y]
    # Opsets before 10 give the mask the input's element type, later ones bool.
    elem = i1 if cx.version >= 10 else x.type.element_type
    t = RankedTensorType(x.type.shape, elem)
    one = np.ones((), dtype=numpy_dtype(elem))
    if t.has_static_shape:
        return [y, cx.splat_constant(one, t)]
    fill = cx.constant(one, RankedTensorType((), elem))
    return [y, cx.value("nn.expand", fill, cx.value("nn.shape", x), result_types=[t])]


# -- linear algebra ---------------------------------------------------------------------------


@converts("MatMul")
def _matmul(cx: NodeContext) -> list:
    return [cx.value("nn.matmul", cx.input(0), cx.input(1))]


@converts("Gemm")
def _gemm(cx: NodeContext) -> list:
    alpha, beta = cx.attr_float("alpha", 1.0), cx.attr_float("beta", 1.0)
    trans_a, trans_b = cx.attr_int("transA", 0), cx.attr_int("transB", 0)
    return [
        cx.value(
            "nn.gemm", cx.input(0), cx.input(1), cx.optional_input(2),
            alpha=_unless_f32(alpha, 1.0), beta=_unless_f32(beta, 1.0),
            trans_a=_unless(bool(trans_a), False), trans_b=_unless(bool(trans_b), False),
        )
    ]  # fmt: skip


# -- convolution and pooling -------------------------------------------------------------------


def _pads(
    cx: NodeContext, spatial: tuple, kernel: list[int], strides: list[int],
    dilations: list[int],
) -> list[int]:  # fmt: skip
    """Explicit ONNX-order pads (all begins, then all ends) from `pads` or `auto_pad`."""
    n = len(spatial)
    auto_pad = cx.attr_str("auto_pad", "NOTSET")
    pads = cx.attr_ints("pads", None)
    if auto_pad == "NOTSET":
        pads = [0] * (2 * n) if pads is None else pads
        if len(pads) != 2 * n:
            raise cx.error(f"attribute 'pads' must have {2 * n} values, got {pads}")
        return pads
    if pads is not None and any(pads):
        raise cx.error(f"attributes pads={pads} and auto_pad={auto_pad} cannot be used together")
    if auto_pad == "VALID":
        return [0] * (2 * n)
    if auto_pad not in ("SAME_UPPER", "SAME_LOWER"):
        raise cx.error(f"unsupported attribute auto_pad={auto_pad}")
    if DYNAMIC in spatial or DYNAMIC in kernel:
        raise cx.error(
            f"unsupported attribute auto_pad={auto_pad} with dynamic spatial dimensions "
            "(explicit pads need static sizes)"
        )
    begins, ends = [], []
    for size, k, s, d in zip(spatial, kernel, strides, dilations):
        out = -(-size // s)
        total = max(0, (out - 1) * s + (k - 1) * d + 1 - size)
        small, large = total // 2, total - total // 2
        # SAME_UPPER puts the odd extra padding at the end, SAME_LOWER at the beginning.
        begins.append(small if auto_pad == "SAME_UPPER" else large)
        ends.append(large if auto_pad == "SAME_UPPER" else small)
    return begins + ends


def _window(cx: NodeContext, x: Value, kernel: list, what: str,
            max_dims: int = 2) -> tuple[dict, list]:  # fmt: skip
    """The nn attributes (strides, dilations, pads) and kernel of a window op with up to
    `max_dims` spatial dimensions; a 1-D window becomes a 2-D one of height 1 over the input
    unsqueezed at axis 2."""
    t = x.type
    if not 3 <= t.rank <= max_dims + 2:
        dims = "1-D and 2-D" if max_dims == 2 else "1-D, 2-D and 3-D"
        ranks = "3-D or 4-D" if max_dims == 2 else "3-D, 4-D or 5-D"
        raise cx.error(
            f"only {dims} {what} (a {ranks} N x C x ... input) is supported, the input is {t}"
        )
    n = t.rank - 2
    if len(kernel) != n:
        raise cx.error(f"attribute 'kernel_shape' must have {n} values, got {kernel}")
    strides = cx.attr_ints("strides", [1] * n)
    dilations = cx.attr_ints("dilations", [1] * n)
    for name, values in (("strides", strides), ("dilations", dilations)):
        if len(values) != n:
            raise cx.error(f"attribute '{name}' must have {n} values, got {values}")
        if any(v < 1 for v in values):
            raise cx.error(f"attribute '{name}' values must be positive, got {values}")
    pads = _pads(cx, tuple(t.shape[2:]), kernel, strides, dilations)
    if n == 1:
        kernel, strides, dilations = [1, *kernel], [1, *strides], [1, *dilations]
        pads = [0, pads[0], 0, pads[1]]
    n = len(kernel)
    attrs = {
        "strides": _unless(strides, [1] * n),
        "dilations": _unless(dilations, [1] * n),
        "pads": _unless(pads, [0] * (2 * n)),
    }
    return attrs, kernel


def _to_2d(cx: NodeContext, v: Value) -> Value:
    """A 1-D window op's operand (N x C x L) as 2-D (N x C x 1 x L); 2-D ones unchanged."""
    if v.type.rank != 3:
        return v
    return cx.value("nn.unsqueeze", v, cx.i64_constant([2]))


def _from_2d(cx: NodeContext, v: Value, like: Value) -> Value:
    if like.type.rank != 3:
        return v
    return cx.value("nn.squeeze", v, cx.i64_constant([2]))


@converts("Conv")
def _conv(cx: NodeContext) -> list:
    x, w = cx.input(0), cx.input(1)
    wt = w.type
    weight_kernel = list(wt.shape[2:])
    kernel = cx.attr_ints("kernel_shape", None)
    if kernel is None:
        kernel = weight_kernel
    elif len(kernel) != len(weight_kernel) or any(
        k is not DYNAMIC and k != a for k, a in zip(weight_kernel, kernel)
    ):
        raise cx.error(f"attribute kernel_shape={kernel} does not match the weight {wt}")
    window, _ = _window(cx, x, kernel, "convolution")
    group = cx.attr_int("group", 1)
    y = cx.value(
        "nn.conv2d", _to_2d(cx, x), _to_2d(cx, w), cx.optional_input(2),
        group=_unless(group, 1), **window,
    )  # fmt: skip
    return [_from_2d(cx, y, x)]


@converts("MaxPool")
def _max_pool(cx: NodeContext) -> list:
    x = cx.input(0)
    window, kernel = _window(cx, x, cx.attr_ints("kernel_shape"), "max pooling", 3)
    ceil = cx.attr_int("ceil_mode", 0)
    with_indices = cx.has_output(1)
    order = cx.attr_int("storage_order", 0)  # only affects Indices
    if order not in (0, 1):
        raise cx.error(f"attribute storage_order={order} must be 0 or 1")
    op = cx.emit(
        _pool_name("max", x), _to_2d(cx, x), kernel_shape=kernel,
        ceil_mode=_unless(bool(ceil), False),
        storage_order=_unless(order, 0) if with_indices else None, indices=with_indices,
        **window,
    )  # fmt: skip
    # A 1-D input's flat indices are the same over N x C x 1 x L as over N x C x L.
    return [_from_2d(cx, r, x) for r in op.results]


@converts("AveragePool")
def _avg_pool(cx: NodeContext) -> list:
    x = cx.input(0)
    window, kernel = _window(cx, x, cx.attr_ints("kernel_shape"), "average pooling", 3)
    ceil = cx.attr_int("ceil_mode", 0)
    include = cx.attr_int("count_include_pad", 0)
    y = cx.value(
        _pool_name("avg", x), _to_2d(cx, x), kernel_shape=kernel,
        ceil_mode=_unless(bool(ceil), False), count_include_pad=_unless(bool(include), False),
        **window,
    )  # fmt: skip
    return [_from_2d(cx, y, x)]


def _pool_name(kind: str, x: Value) -> str:
    """nn.{kind}_pool3d for a 3-D window (N x C x D x H x W), the 2-D op otherwise."""
    return f"nn.{kind}_pool{3 if x.type.rank == 5 else 2}d"


@converts("GlobalAveragePool")
def _global_avg_pool(cx: NodeContext) -> list:
    return [cx.value("nn.global_avg_pool", cx.input(0))]


@converts("GlobalMaxPool")
def _global_max_pool(cx: NodeContext) -> list:
    """The maximum over every spatial dimension, kept as size 1: reduce_max over axes 2..."""
    x = cx.input(0)
    rank = x.type.rank
    if rank < 3:
        raise cx.error(f"the input must have rank 3 or more, got {x.type}")
    axes = cx.i64_constant(list(range(2, rank)))
    return [cx.value("nn.reduce_max", x, axes)]


@converts("BatchNormalization")
def _batch_norm(cx: NodeContext) -> list:
    if cx.attr_int("training_mode", 0):
        raise cx.error("unsupported attribute training_mode=1 (inference only)")
    if cx.attr_int("spatial", 1) != 1:
        raise cx.error("unsupported attribute spatial=0 (per-activation statistics)")
    cx.ignore("momentum")  # only updates running statistics in training
    cx.only_outputs(1, "running/saved statistics exist only in training mode")
    eps = cx.attr_float("epsilon", 1e-5)
    operands = [cx.input(i) for i in range(5)]
    return [cx.value("nn.batch_norm", *operands, epsilon=_unless_f32(eps, 1e-5))]


@converts("LRN")
def _lrn(cx: NodeContext) -> list:
    size = cx.attr_int("size")
    alpha = cx.attr_float("alpha", 1e-4)
    beta = cx.attr_float("beta", 0.75)
    bias = cx.attr_float("bias", 1.0)
    return [
        cx.value(
            "nn.lrn", cx.input(0), size=size, alpha=_unless_f32(alpha, 1e-4),
            beta=_unless_f32(beta, 0.75), bias=_unless_f32(bias, 1.0),
        )
    ]  # fmt: skip


# -- normalization ------------------------------------------------------------------------------


@converts("Softmax", "LogSoftmax")
def _softmax(cx: NodeContext) -> list:
    op = "nn.softmax" if cx.op_type == "Softmax" else "nn.log_softmax"
    x = cx.input(0)
    t = x.type
    if cx.version >= 13:
        axis = cx.attr_int("axis", -1)
        return [cx.value(op, x, axis=_unless(axis, -1))]
    # Before opset 13: the input is coerced to 2-D at `axis` and normalized along the joint
    # dimensions from `axis` on.
    axis = cx.attr_int("axis", 1)
    rank = t.rank
    if not -rank <= axis < max(rank, 1):
        raise cx.error(f"attribute axis={axis} is out of range for input {t}")
    axis = axis + rank if axis < 0 else axis
    if rank == 0 or axis == rank - 1:
        return [cx.value(op, x)]  # the last axis alone: nn's default
    flat = cx.value("nn.flatten", x, axis=_unless(axis, 1))
    y = cx.value(op, flat, axis=1)
    shape = cx.i64_constant(t.shape) if t.has_static_shape else cx.value("nn.shape", x)
    return [cx.value("nn.reshape", y, shape, result_types=[t])]


@converts("LayerNormalization")
def _layer_norm(cx: NodeContext) -> list:
    stash = cx.attr_int("stash_type", 1)
    if stash != TensorProto.FLOAT:
        raise cx.error(f"unsupported attribute stash_type={data_type_name(stash)}")
    axis, eps = cx.attr_int("axis", -1), cx.attr_float("epsilon", 1e-5)
    x = cx.input(0)
    y = cx.value(
        "nn.layer_norm", x, cx.input(1), cx.optional_input(2),
        axis=_unless(axis, -1), epsilon=_unless_f32(eps, 1e-5),
    )  # fmt: skip
    if not (cx.has_output(1) or cx.has_output(2)):
        return [y]
    # Mean and InvStdDev as ONNX's function body computes them, in float32 (stash_type):
    # Mean = ReduceMean(X), InvStdDev = 1 / Sqrt(ReduceMean((X - Mean)^2) + epsilon).
    rank = x.type.rank
    if not -rank <= axis < rank:
        raise cx.error(f"attribute axis={axis} is out of range for input {x.type}")
    axes = cx.i64_constant(list(range(axis % rank, rank)))
    xf = x if x.type.element_type is f32 else _cast(cx, x, f32)
    mean = cx.value("nn.reduce_mean", xf, axes)
    d = cx.value("nn.sub", xf, mean)
    var = cx.value("nn.reduce_mean", cx.value("nn.mul", d, d), axes)
    std = cx.value("nn.sqrt", cx.value("nn.add", var, cx.scalar_constant(eps, f32)))
    inv = cx.value("nn.div", cx.scalar_constant(1.0, f32), std)
    return [y, mean, inv]


def _cast(cx: NodeContext, x: Value, elem) -> Value:
    return cx.value("nn.cast", x, result_types=[RankedTensorType(x.type.shape, elem)])


_REDUCE = {
    "ReduceSum": ("nn.reduce_sum", 13),
    "ReduceMean": ("nn.reduce_mean", 18),
    "ReduceMax": ("nn.reduce_max", 18),
    "ReduceMin": ("nn.reduce_min", 18),
}


@converts(*_REDUCE)
def _reduce(cx: NodeContext) -> list:
    op, input_form_since = _REDUCE[cx.op_type]
    keepdims = cx.attr_int("keepdims", 1)
    if cx.version < input_form_since:
        axes = cx.attr_ints("axes", None)
        axes_v = cx.i64_constant(axes) if axes else None  # absent or empty: every axis
        noop = False
    else:
        axes_v = cx.optional_input(1)
        noop = bool(cx.attr_int("noop_with_empty_axes", 0))
    return [
        cx.value(
            op, cx.input(0), axes_v, keepdims=_unless(bool(keepdims), True),
            noop_with_empty_axes=_unless(noop, False),
        )
    ]  # fmt: skip


# -- shapes ------------------------------------------------------------------------------------


@converts("Reshape")
def _reshape(cx: NodeContext) -> list:
    allowzero = cx.attr_int("allowzero", 0)
    return [
        cx.value("nn.reshape", cx.input(0), cx.input(1), allowzero=_unless(bool(allowzero), False))
    ]


@converts("Flatten")
def _flatten(cx: NodeContext) -> list:
    axis = cx.attr_int("axis", 1)
    return [cx.value("nn.flatten", cx.input(0), axis=_unless(axis, 1))]


@converts("Transpose")
def _transpose(cx: NodeContext) -> list:
    x = cx.input(0)
    perm = cx.attr_ints("perm", None)
    if perm is None:
        perm = list(reversed(range(x.type.rank)))
    return [cx.value("nn.transpose", x, perm=perm)]


@converts("Concat")
def _concat(cx: NodeContext) -> list:
    return [cx.value("nn.concat", cx.inputs(), axis=cx.attr_int("axis"))]


@converts("Split")
def _split(cx: NodeContext) -> list:
    x = cx.input(0)
    axis = cx.attr_int("axis", 0)
    n = len(cx.node.output)
    if cx.version < 13:
        sizes = cx.attr_ints("split", None)
        split = cx.i64_constant(sizes) if sizes else None
    else:
        split = cx.optional_input(1)
    num_outputs = cx.attr_int("num_outputs", None)
    if num_outputs is not None:
        if split is not None:
            raise cx.error("attribute num_outputs and input 'split' cannot be used together")
        if num_outputs != n:
            raise cx.error(f"attribute num_outputs={num_outputs}, but the node has {n} outputs")
    elif split is None and cx.version < 18:
        # Before opset 18 the parts must be equal; nn.split's last part may be smaller.
        rank = x.type.rank
        dim = x.type.shape[axis + rank if axis < 0 else axis] if -rank <= axis < rank else None
        if dim is not DYNAMIC and dim is not None and dim % n:
            raise cx.error(f"dimension {dim} along axis {axis} does not split into {n} equal parts")
    op = cx.emit("nn.split", x, split, axis=_unless(axis, 0), num_outputs=n)
    return list(op.results)


@converts("Slice")
def _slice(cx: NodeContext) -> list:
    x = cx.input(0)
    if cx.version < 10:
        starts, ends = cx.attr_ints("starts"), cx.attr_ints("ends")
        axes = cx.attr_ints("axes", None)
        return [
            cx.value(
                "nn.slice", x, cx.i64_constant(starts), cx.i64_constant(ends),
                None if axes is None else cx.i64_constant(axes), None,
            )
        ]  # fmt: skip
    return [
        cx.value(
            "nn.slice", x, cx.input(1), cx.input(2), cx.optional_input(3), cx.optional_input(4)
        )
    ]


@converts("Gather")
def _gather(cx: NodeContext) -> list:
    axis = cx.attr_int("axis", 0)
    return [cx.value("nn.gather", cx.input(0), cx.input(1), axis=_unless(axis, 0))]


@converts("Pad")
def _pad(cx: NodeContext) -> list:
    x = cx.input(0)
    mode = cx.attr_str("mode", "constant")
    allowed = ("constant", "reflect", "edge") + (("wrap",) if cx.version >= 19 else ())
    if mode not in allowed:
        raise cx.error(f"unsupported attribute mode={mode}")
    if cx.version < 11:
        pads = cx.i64_constant(cx.attr_ints("pads"))
        value = cx.attr_float("value", 0.0)
        fill = cx.scalar_constant(value, x.type.element_type) if value != 0.0 else None
        return [cx.value("nn.pad", x, pads, fill, None, mode=_unless(mode, "constant"))]
    return [
        cx.value(
            "nn.pad", x, cx.input(1), cx.optional_input(2), cx.optional_input(3),
            mode=_unless(mode, "constant"),
        )
    ]  # fmt: skip


@converts("Squeeze")
def _squeeze(cx: NodeContext) -> list:
    if cx.version < 13:
        axes = cx.attr_ints("axes", None)
        axes_v = None if axes is None else cx.i64_constant(axes)
    else:
        axes_v = cx.optional_input(1)
    x = cx.input(0)
    if axes_v is None and not x.type.has_static_shape:
        # ONNX drops every dimension that is 1 at run time; nn.squeeze can only drop those the
        # type says are 1, so a dynamic dimension would silently stay.
        raise cx.error(f"Squeeze without axes needs a static input shape, got {x.type}")
    return [cx.value("nn.squeeze", x, axes_v)]


@converts("Unsqueeze")
def _unsqueeze(cx: NodeContext) -> list:
    axes_v = cx.i64_constant(cx.attr_ints("axes")) if cx.version < 13 else cx.input(1)
    return [cx.value("nn.unsqueeze", cx.input(0), axes_v)]


@converts("Expand")
def _expand(cx: NodeContext) -> list:
    return [cx.value("nn.expand", cx.input(0), cx.input(1))]


@converts("Shape")
def _shape(cx: NodeContext) -> list:
    start, end = cx.attr_int("start", 0), cx.attr_int("end", None)
    return [cx.value("nn.shape", cx.input(0), start=_unless(start, 0), end=end)]


# -- constants ---------------------------------------------------------------------------------


@converts("Constant")
def _constant(cx: NodeContext) -> list:
    given = [a.name for a in cx.node.attribute]
    if len(given) != 1:
        raise cx.error(f"expects exactly one value attribute, got {given or 'none'}")
    kind = given[0]
    if kind == "value":
        array, ttype = cx.attr_tensor("value")
    elif kind == "value_float":
        array = np.asarray(cx.attr_float(kind), dtype=np.float32)
        ttype = None
    elif kind == "value_floats":
        array = np.asarray(cx.attr_floats(kind), dtype=np.float32).reshape(-1)
        ttype = None
    elif kind == "value_int":
        array = np.asarray(cx.attr_int(kind), dtype=np.int64)
        ttype = None
    elif kind == "value_ints":
        array = np.asarray(cx.attr_ints(kind), dtype=np.int64).reshape(-1)
        ttype = None
    else:
        cx.ignore(kind)
        raise cx.error(f"unsupported attribute {kind} (dialir has no string or sparse tensors)")
    if ttype is None:
        ttype = RankedTensorType(array.shape, element_type(_ONNX_OF[array.dtype.kind]))
    return [cx.constant(array, ttype)]


_ONNX_OF = {"f": TensorProto.FLOAT, "i": TensorProto.INT64}


@converts("ConstantOfShape")
def _constant_of_shape(cx: NodeContext) -> list:
    fill = cx.attr_tensor("value", None)
    if fill is None:
        array, ttype = np.zeros((1,), dtype=np.float32), RankedTensorType((1,), f32)
    else:
        array, ttype = fill
    if array.size != 1:
        raise cx.error(f"attribute 'value' must hold one element, got {ttype}")
    scalar = array.reshape(())
    elem = ttype.element_type
    dims = cx.constant_input(0)
    if dims is not None:
        dims = [int(d) for d in dims.reshape(-1)]
        if any(d < 0 or d > MAX_DIM for d in dims):
            raise cx.error(f"invalid output shape {dims}")
        # A splat constant holds one element whatever its shape.
        return [cx.splat_constant(scalar, RankedTensorType(tuple(dims), elem))]
    fill_v = cx.constant(scalar, RankedTensorType((), elem))
    return [cx.value("nn.expand", fill_v, cx.input(0))]
