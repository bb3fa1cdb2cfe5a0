"""The numpy reference of every nn op (`dialir.dialects.nn.reference.evaluate`) against
ONNX's own: a one-node ONNX model run by `onnx.reference.ReferenceEvaluator` on the same
random inputs, compared in dtype, shape and values. The nn op is built on `nn.constant`
operands, so its inferred (static) result types must also match the ONNX output shapes, and
constant folding must give the same values.

Pooling runs on onnxruntime instead (onnx.reference swaps the spatial dimensions of
asymmetric pads and splits the ceil-mode overhang between both ends), and pooling and LRN are
also checked against the expected outputs of ONNX's backend test cases (onnx.reference's LRN
loops over the batch dimension).
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pytest
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

from dialir.core.ir.operation import Block
from dialir.dialects.nn import ops as nn
from dialir.dialects.nn.elements import array_to_attr, elements_to_array, tensor_type_of
from dialir.dialects.nn.reference import evaluate

RNG = np.random.default_rng(1234)
OPSET = 20


def randn(*shape: int, dtype=np.float32) -> np.ndarray:
    return RNG.standard_normal(shape).astype(dtype)


def randint(lo: int, hi: int, *shape: int, dtype=np.int64) -> np.ndarray:
    return RNG.integers(lo, hi, shape).astype(dtype)


def i64(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def run_onnx(op_type: str, inputs: list, attrs: dict, n_outputs: int = 1,
             opset: int = OPSET, ort: bool = False) -> list[np.ndarray]:  # fmt: skip
    """Run one ONNX node on `inputs` (None: an absent optional input) with onnx.reference,
    or with onnxruntime."""
    names = [f"in{i}" if x is not None else "" for i, x in enumerate(inputs)]
    outs = [f"out{i}" for i in range(n_outputs)]
    node = helper.make_node(op_type, names, outs, **attrs)
    graph_inputs = [
        helper.make_tensor_value_info(n, helper.np_dtype_to_tensor_dtype(x.dtype), x.shape)
        for n, x in zip(names, inputs)
        if x is not None
    ]
    # onnxruntime wants output element types: the ops run there (pooling) keep the input's.
    out_type = helper.np_dtype_to_tensor_dtype(inputs[0].dtype) if ort else TensorProto.UNDEFINED
    graph_outputs = [helper.make_tensor_value_info(o, out_type, None) for o in outs]
    graph = helper.make_graph([node], "g", graph_inputs, graph_outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    feeds = {n: x for n, x in zip(names, inputs) if x is not None}
    if ort:
        import onnxruntime

        model.ir_version = 9  # what this onnxruntime reads
        session = onnxruntime.InferenceSession(
            model.SerializeToString(), providers=["CPUExecutionProvider"]
        )
        return session.run(None, feeds)
    return ReferenceEvaluator(model).run(None, feeds)


def build_nn(cls: type, inputs: list, attrs: dict, **kwargs) -> nn.NNOp:
    """`cls` applied to `nn.constant`s of `inputs` (None: absent); verified."""
    block = Block()
    values = []
    for x in inputs:
        if x is None:
            values.append(None)
            continue
        const = nn.ConstantOp(value=array_to_attr(x))
        block.append(const)
        values.append(const.result)
    if cls is nn.ConcatOp:
        op = cls(values, **attrs, **kwargs)
    else:
        op = cls(*values, **attrs, **kwargs)
    block.append(op)
    op.verify_()
    return op


def check(cls: type, op_type: str, inputs: list, attrs: dict | None = None,
          onnx_attrs: dict | None = None, n_outputs: int = 1, opset: int = OPSET,
          rtol: float = 1e-5, atol: float = 1e-6, ort: bool = False,
          **kwargs) -> list[np.ndarray]:  # fmt: skip
    attrs = attrs or {}
    expected = run_onnx(op_type, inputs, attrs if onnx_attrs is None else onnx_attrs,
                        n_outputs, opset, ort)  # fmt: skip
    op = build_nn(cls, inputs, attrs, **kwargs)
    got = evaluate(op, inputs)
    assert len(got) == len(expected)
    for g, e, r in zip(got, expected, op.results):
        e = np.asarray(e)
        assert g.dtype == e.dtype, f"{op.name}: dtype {g.dtype} != ONNX {e.dtype}"
        assert g.shape == e.shape, f"{op.name}: shape {g.shape} != ONNX {e.shape}"
        assert r.type.shape == e.shape, f"{op.name}: inferred {r.type} != ONNX shape {e.shape}"
        if np.issubdtype(e.dtype, np.floating):
            np.testing.assert_allclose(g, e, rtol=rtol, atol=atol)
        else:
            np.testing.assert_array_equal(g, e)
    # Constant folding evaluates the same reference: same values, as attributes.
    folded = op.fold()
    if folded is not None and all(not hasattr(f, "owner") for f in folded):
        for f, g in zip(folded, got):
            np.testing.assert_array_equal(elements_to_array(f), g)
    return got


# -- elementwise -------------------------------------------------------------------------------

BINARY = [
    (nn.AddOp, "Add"), (nn.SubOp, "Sub"), (nn.MulOp, "Mul"), (nn.DivOp, "Div"),
    (nn.MaxOp, "Max"), (nn.MinOp, "Min"), (nn.EqualOp, "Equal"), (nn.LessOp, "Less"),
    (nn.GreaterOp, "Greater"),
]  # fmt: skip


@pytest.mark.parametrize("cls,op_type", BINARY, ids=[b[1] for b in BINARY])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16, np.int32, np.int64,
                                   np.int8, np.uint8])  # fmt: skip
def test_binary_broadcast(cls, op_type, dtype) -> None:
    if np.issubdtype(dtype, np.integer):
        lo = 0 if np.issubdtype(dtype, np.unsignedinteger) else -50
        a, b = randint(lo, 50, 2, 3, 4, dtype=dtype), randint(1, 9, 3, 1, dtype=dtype)
        if op_type == "Div" and lo < 0:
            b = b * np.where(randint(0, 2, 3, 1) > 0, 1, -1).astype(dtype)
    else:
        a, b = randn(2, 3, 4, dtype=dtype), randn(3, 1, dtype=dtype)
    check(cls, op_type, [a, b], rtol=1e-3 if dtype == np.float16 else 1e-5)


def test_integer_div_truncates_toward_zero() -> None:
    a = i64(7, -7, 7, -7, 0, 9, -9)
    b = i64(2, 2, -2, -2, 3, -4, 4)
    (got,) = check(nn.DivOp, "Div", [a, b])
    assert got.tolist() == [3, -3, -3, 3, 0, -2, -2]


def test_equal_on_bool() -> None:
    check(nn.EqualOp, "Equal", [randn(3, 4) > 0, randn(4) > 0])


def test_pow() -> None:
    check(nn.PowOp, "Pow", [np.abs(randn(2, 3)) + 0.1, randn(3)])
    check(nn.PowOp, "Pow", [randn(2, 3), i64(2, 3, 0)])  # integer exponent, float base
    check(nn.PowOp, "Pow", [randint(-5, 5, 2, 3), i64(2)])


def test_where() -> None:
    check(nn.WhereOp, "Where", [randn(2, 1, 4) > 0, randn(3, 4), randn(2, 3, 1)])


UNARY = [
    (nn.NegOp, "Neg", {}), (nn.AbsOp, "Abs", {}), (nn.ReluOp, "Relu", {}),
    (nn.SigmoidOp, "Sigmoid", {}), (nn.TanhOp, "Tanh", {}), (nn.ExpOp, "Exp", {}),
    (nn.ErfOp, "Erf", {}), (nn.IdentityOp, "Identity", {}),
    (nn.LeakyReluOp, "LeakyRelu", {}), (nn.LeakyReluOp, "LeakyRelu", {"alpha": 0.3}),
    (nn.GeluOp, "Gelu", {}), (nn.GeluOp, "Gelu", {"approximate": "tanh"}),
    (nn.SoftmaxOp, "Softmax", {}), (nn.SoftmaxOp, "Softmax", {"axis": 0}),
    (nn.LogSoftmaxOp, "LogSoftmax", {"axis": 1}),
]  # fmt: skip


@pytest.mark.parametrize("cls,op_type,attrs", UNARY, ids=[f"{u[1]}{u[2]}" for u in UNARY])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_unary(cls, op_type, attrs, dtype) -> None:
    x = randn(3, 4, 5, dtype=dtype) * 4
    check(cls, op_type, [x], attrs)


@pytest.mark.parametrize("cls,op_type", [(nn.LogOp, "Log"), (nn.SqrtOp, "Sqrt")])
def test_positive_domain(cls, op_type) -> None:
    check(cls, op_type, [np.abs(randn(4, 5)) + 1e-3])


def test_integer_unary() -> None:
    x = randint(-20, 20, 3, 4, dtype=np.int32)
    for cls, op_type in ((nn.NegOp, "Neg"), (nn.AbsOp, "Abs"), (nn.ReluOp, "Relu")):
        check(cls, op_type, [x])


def test_clip() -> None:
    x = randn(3, 4) * 3
    lo, hi = np.array(-1.0, np.float32), np.array(0.5, np.float32)
    check(nn.ClipOp, "Clip", [x, lo, hi])
    check(nn.ClipOp, "Clip", [x, None, hi])
    check(nn.ClipOp, "Clip", [x, lo])
    check(nn.ClipOp, "Clip", [x])
    check(nn.ClipOp, "Clip", [x, hi, lo])  # min > max: everything is max
    check(nn.ClipOp, "Clip", [randint(-9, 9, 5), i64(-2), i64(3)])


CASTS = [
    (np.float32, np.int32), (np.float32, np.int8), (np.float32, np.float16),
    (np.float32, np.float64), (np.float64, np.float32), (np.int64, np.float32),
    (np.float32, np.bool_), (np.bool_, np.float32), (np.int32, np.int64), (np.int64, np.uint8),
    (np.float16, np.float32), (np.uint8, np.int64),
]  # fmt: skip


@pytest.mark.parametrize("src,dst", CASTS, ids=[f"{s.__name__}-{d.__name__}" for s, d in CASTS])
def test_cast(src, dst) -> None:
    if src is np.bool_:
        x = randn(3, 4) > 0
    elif np.issubdtype(src, np.integer):
        x = randint(0, 100, 3, 4, dtype=src)
    else:
        x = (randn(3, 4) * 50).astype(src)
    to = helper.np_dtype_to_tensor_dtype(np.dtype(dst))
    result_type = tensor_type_of(np.zeros((3, 4), dst))
    check(nn.CastOp, "Cast", [x], {}, {"to": to}, result_types=[result_type])


# -- linear algebra, convolution, normalization ------------------------------------------------


@pytest.mark.parametrize("a_shape,b_shape", [
    ((3, 4), (4, 5)), ((2, 3, 4), (4, 5)), ((4,), (4, 5)), ((3, 4), (4,)), ((4,), (4,)),
    ((2, 1, 3, 4), (5, 4, 2)), ((1, 3, 4), (2, 4, 6)),
])  # fmt: skip
def test_matmul(a_shape, b_shape) -> None:
    check(nn.MatMulOp, "MatMul", [randn(*a_shape), randn(*b_shape)], rtol=1e-4)


def test_matmul_int() -> None:
    check(nn.MatMulOp, "MatMul", [randint(-5, 5, 3, 4), randint(-5, 5, 4, 2)])


@pytest.mark.parametrize("attrs,c_shape", [
    ({}, (3, 5)), ({"alpha": 0.5, "beta": 2.0}, (5,)), ({"trans_a": True}, (1, 5)),
    ({"trans_b": True}, ()), ({"trans_a": True, "trans_b": True}, None),
    ({"beta": 0.0}, (3, 1)),
])  # fmt: skip
def test_gemm(attrs, c_shape) -> None:
    a = randn(4, 3) if attrs.get("trans_a") else randn(3, 4)
    b = randn(5, 4) if attrs.get("trans_b") else randn(4, 5)
    c = None if c_shape is None else randn(*c_shape)
    onnx_attrs = {
        {"trans_a": "transA", "trans_b": "transB"}.get(k, k): int(v) if isinstance(v, bool) else v
        for k, v in attrs.items()
    }
    check(nn.GemmOp, "Gemm", [a, b, c], attrs, onnx_attrs, rtol=1e-4)


CONVS = [
    ({}, 1, (1, 3, 7, 7), 3),
    ({"strides": [2, 2], "pads": [1, 1, 1, 1]}, 1, (2, 3, 8, 9), 3),
    ({"pads": [0, 1, 2, 0], "dilations": [2, 1]}, 1, (1, 2, 9, 8), 3),
    ({"group": 2}, 2, (1, 4, 6, 6), 3),
    ({"group": 4, "strides": [1, 2]}, 4, (2, 4, 7, 7), 2),  # depthwise
    ({"strides": [3, 2], "dilations": [2, 3], "pads": [2, 1, 0, 3]}, 1, (1, 3, 11, 12), 3),
]  # fmt: skip


@pytest.mark.parametrize("attrs,group,x_shape,k", CONVS)
@pytest.mark.parametrize("with_bias", [True, False])
def test_conv2d(attrs, group, x_shape, k, with_bias) -> None:
    c = x_shape[1]
    m = 4 if group == 1 else 2 * group
    x, w = randn(*x_shape), randn(m, c // group, k, k)
    b = randn(m) if with_bias else None
    check(nn.Conv2DOp, "Conv", [x, w, b], attrs, rtol=1e-4, atol=1e-5)


def test_conv2d_float16_and_float64() -> None:
    for dtype, tol in ((np.float16, 2e-2), (np.float64, 1e-10)):
        x, w, b = (
            randn(1, 2, 5, 5, dtype=dtype),
            randn(3, 2, 3, 3, dtype=dtype),
            randn(3, dtype=dtype),
        )
        check(nn.Conv2DOp, "Conv", [x, w, b], {"pads": [1, 1, 1, 1]}, rtol=tol, atol=tol)


def test_batch_norm() -> None:
    x = randn(2, 3, 4, 5)
    scale, bias, mean = randn(3), randn(3), randn(3)
    var = np.abs(randn(3)) + 0.5
    check(nn.BatchNormOp, "BatchNormalization", [x, scale, bias, mean, var])
    check(nn.BatchNormOp, "BatchNormalization", [x, scale, bias, mean, var], {"epsilon": 0.1})
    check(nn.BatchNormOp, "BatchNormalization", [randn(4, 3), scale, bias, mean, var])


def test_layer_norm() -> None:
    x = randn(2, 3, 4)
    check(nn.LayerNormOp, "LayerNormalization", [x, randn(4), randn(4)], rtol=1e-4, atol=1e-5)
    check(nn.LayerNormOp, "LayerNormalization", [x, randn(3, 4), None], {"axis": 1},
          rtol=1e-4, atol=1e-5)  # fmt: skip
    check(nn.LayerNormOp, "LayerNormalization", [x, randn(4), None], {"epsilon": 0.5},
          rtol=1e-4, atol=1e-5)  # fmt: skip
    # With ONNX's Mean and InvStdDev outputs.
    for axis in (0, 1, -1):
        scale = randn(*x.shape[axis:])
        check(nn.LayerNormOp, "LayerNormalization", [x, scale, scale], {"axis": axis},
              n_outputs=3, rtol=1e-4, atol=1e-5, stats=True)  # fmt: skip


def test_lrn() -> None:
    # onnx.reference's LRN loops over the batch dimension: equal N and C keep it correct.
    x = randn(4, 4, 3, 3)
    check(nn.LRNOp, "LRN", [x], {"size": 3})
    check(nn.LRNOp, "LRN", [x], {"size": 2, "alpha": 0.01, "beta": 0.5, "bias": 2.0})


# -- pooling -----------------------------------------------------------------------------------

POOLS = [
    {"kernel_shape": [2, 2]},
    {"kernel_shape": [3, 3], "strides": [2, 2]},
    {"kernel_shape": [3, 2], "pads": [1, 0, 1, 1]},
    {"kernel_shape": [3, 3], "strides": [2, 2], "ceil_mode": True},
    {"kernel_shape": [2, 2], "dilations": [2, 2]},
    {"kernel_shape": [3, 3], "pads": [1, 1, 1, 1], "strides": [2, 2], "ceil_mode": True},
]


def _onnx_pool_attrs(attrs: dict) -> dict:
    return {k: int(v) if isinstance(v, bool) else v for k, v in attrs.items()}


@pytest.mark.parametrize("attrs", POOLS)
def test_max_pool2d(attrs) -> None:
    x = randn(2, 3, 8, 7)
    check(nn.MaxPool2DOp, "MaxPool", [x], attrs, _onnx_pool_attrs(attrs), ort=True)


def test_max_pool2d_uint8() -> None:
    x = randint(0, 255, 1, 2, 5, 5, dtype=np.uint8)
    check(nn.MaxPool2DOp, "MaxPool", [x], {"kernel_shape": [3, 3], "pads": [1, 1, 1, 1]},
          {"kernel_shape": [3, 3], "pads": [1, 1, 1, 1]}, ort=True)  # fmt: skip


@pytest.mark.parametrize("attrs", POOLS)
@pytest.mark.parametrize("count_include_pad", [False, True])
def test_avg_pool2d(attrs, count_include_pad) -> None:
    x = randn(2, 3, 8, 7)
    attrs = {**attrs, "count_include_pad": count_include_pad}
    check(nn.AvgPool2DOp, "AveragePool", [x], attrs, _onnx_pool_attrs(attrs), ort=True)


def test_global_avg_pool() -> None:
    check(nn.GlobalAvgPoolOp, "GlobalAveragePool", [randn(2, 3, 4, 5)])
    check(nn.GlobalAvgPoolOp, "GlobalAveragePool", [randn(2, 3, 4)])


@functools.cache
def _backend_cases() -> dict:
    from onnx.backend.test.case.node import collect_testcases

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {case.name: case for case in collect_testcases(None)}


BACKEND_POOLS = [
    "test_maxpool_2d_ceil", "test_maxpool_2d_ceil_output_size_reduce_by_one",
    "test_maxpool_2d_pads", "test_maxpool_2d_precomputed_pads", "test_maxpool_2d_dilations",
    "test_maxpool_2d_precomputed_strides", "test_averagepool_2d_ceil",
    "test_averagepool_2d_ceil_last_window_starts_on_pad", "test_averagepool_2d_pads",
    "test_averagepool_2d_pads_count_include_pad", "test_averagepool_2d_dilations",
    "test_averagepool_2d_precomputed_pads_count_include_pad", "test_lrn", "test_lrn_default",
    "test_maxpool_3d_default",
    "test_maxpool_3d_dilations",
    "test_maxpool_3d_dilations_use_ref_impl",
    "test_maxpool_3d_dilations_use_ref_impl_large",
    "test_averagepool_3d_default",
    "test_averagepool_3d_dilations_small",
    "test_averagepool_3d_dilations_large_count_include_pad_is_0_ceil_mode_is_False",
    "test_averagepool_3d_dilations_large_count_include_pad_is_1_ceil_mode_is_True",
    "test_maxpool_with_argmax_2d_precomputed_pads",
    "test_maxpool_with_argmax_2d_precomputed_strides",
]  # fmt: skip

POOL_OPS = {
    ("MaxPool", 2): nn.MaxPool2DOp, ("MaxPool", 3): nn.MaxPool3DOp,
    ("AveragePool", 2): nn.AvgPool2DOp, ("AveragePool", 3): nn.AvgPool3DOp,
}  # fmt: skip


@pytest.mark.parametrize("name", BACKEND_POOLS)
def test_backend_case(name) -> None:
    """ONNX's expected outputs (computed by its test generators, not onnx.reference)."""
    case = _backend_cases()[name]
    node = case.model.graph.node[0]
    attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    attrs = {k: bool(v) if k in ("ceil_mode", "count_include_pad") else v
             for k, v in attrs.items()}  # fmt: skip
    if node.op_type == "LRN":
        cls = nn.LRNOp
    else:
        cls = POOL_OPS[node.op_type, len(attrs["kernel_shape"])]
    kwargs = {"indices": True} if len(node.output) == 2 else {}  # MaxPool's Indices
    for inputs, outputs in case.data_sets:
        op = build_nn(cls, list(inputs), attrs, **kwargs)
        got = evaluate(op, list(inputs))
        assert len(got) == len(outputs)
        for g, e, r in zip(got, outputs, op.results):
            assert r.type.shape == e.shape
            np.testing.assert_allclose(g, e, rtol=case.rtol or 1e-5, atol=case.atol or 1e-6)


# -- reductions --------------------------------------------------------------------------------

REDUCES = [
    (nn.ReduceSumOp, "ReduceSum"), (nn.ReduceMeanOp, "ReduceMean"),
    (nn.ReduceMaxOp, "ReduceMax"), (nn.ReduceMinOp, "ReduceMin"),
]  # fmt: skip


@pytest.mark.parametrize("cls,op_type", REDUCES, ids=[r[1] for r in REDUCES])
@pytest.mark.parametrize("axes,keepdims,noop", [
    (i64(1), True, False), (i64(0, -1), False, False), (None, True, False),
    (None, False, False), (i64(), True, False), (None, True, True), (i64(), False, True),
])  # fmt: skip
def test_reduce(cls, op_type, axes, keepdims, noop) -> None:
    attrs = {"keepdims": keepdims, "noop_with_empty_axes": noop}
    onnx_attrs = {k: int(v) for k, v in attrs.items()}
    check(cls, op_type, [randn(2, 3, 4), axes], attrs, onnx_attrs, rtol=1e-5)


@pytest.mark.parametrize("cls,op_type", REDUCES[2:], ids=[r[1] for r in REDUCES[2:]])
def test_reduce_bool(cls, op_type) -> None:
    check(cls, op_type, [randn(3, 4) > 0, i64(1)])


@pytest.mark.parametrize("cls,op_type", REDUCES, ids=[r[1] for r in REDUCES])
def test_reduce_int(cls, op_type) -> None:
    check(cls, op_type, [randint(-9, 9, 3, 4, dtype=np.int32), i64(1)], {"keepdims": False},
          {"keepdims": 0})  # fmt: skip


# -- shape manipulation ------------------------------------------------------------------------


@pytest.mark.parametrize("shape,allowzero", [
    (i64(4, 6), False), (i64(-1, 3), False), (i64(0, -1), False), (i64(2, 0, 2, -1), False),
    (i64(24), False), (i64(2, 3, 4), True), (i64(1, -1, 1), False),
])  # fmt: skip
def test_reshape(shape, allowzero) -> None:
    check(nn.ReshapeOp, "Reshape", [randn(2, 3, 4), shape], {"allowzero": allowzero},
          {"allowzero": int(allowzero)})  # fmt: skip


def test_reshape_allowzero_empty() -> None:
    check(nn.ReshapeOp, "Reshape", [randn(0, 3), i64(3, 0)], {"allowzero": True},
          {"allowzero": 1})  # fmt: skip


@pytest.mark.parametrize("axis", [0, 1, 2, 3, -1, -3])
def test_flatten(axis) -> None:
    check(nn.FlattenOp, "Flatten", [randn(2, 3, 4)], {"axis": axis})


@pytest.mark.parametrize("perm", [[1, 0, 2], [2, 0, 1], [0, 1, 2], [2, 1, 0]])
def test_transpose(perm) -> None:
    check(nn.TransposeOp, "Transpose", [randn(2, 3, 4)], {"perm": perm})


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_concat(axis) -> None:
    shapes = [[2, 3, 4], [2, 3, 4], [2, 3, 4]]
    for i, s in enumerate(shapes):
        s[axis] = i + 1
    check(nn.ConcatOp, "Concat", [randn(*s) for s in shapes], {"axis": axis})


def test_split() -> None:
    x = randn(4, 6)
    check(nn.SplitOp, "Split", [x, i64(2, 4)], {"axis": 1}, n_outputs=2)
    check(nn.SplitOp, "Split", [x, i64(1, 0, 3)], {"axis": 0}, n_outputs=3)
    check(nn.SplitOp, "Split", [x, None], {"axis": 1}, {"axis": 1, "num_outputs": 3},
          n_outputs=3, num_outputs=3)  # fmt: skip
    # Uneven: ceil(7 / 3) = 3, 3, then 1.
    check(nn.SplitOp, "Split", [randn(7, 2), None], {}, {"num_outputs": 3}, n_outputs=3,
          num_outputs=3)  # fmt: skip


SLICES = [
    (i64(1), i64(3), None, None),
    (i64(0, 1), i64(2, -1), i64(0, 2), None),
    (i64(-1), i64(-100), i64(1), i64(-1)),  # reversed, clamped
    (i64(5, 10), i64(-10, 100), i64(2, 0), i64(-2, 3)),
    (i64(0), i64(9223372036854775807), i64(-1), i64(2)),  # INT64_MAX end
    (i64(2), i64(2), i64(0), None),  # empty
    (np.array([1], np.int32), np.array([3], np.int32), np.array([2], np.int32), None),
]  # fmt: skip


@pytest.mark.parametrize("starts,ends,axes,steps", SLICES)
def test_slice(starts, ends, axes, steps) -> None:
    check(nn.SliceOp, "Slice", [randn(4, 5, 6), starts, ends, axes, steps])


@pytest.mark.parametrize("axis,indices", [
    (0, i64(0, 2, -1)), (1, i64(1)), (1, np.array([[0, -1], [2, 1]], np.int32)),
    (-1, np.array(3, np.int64)), (0, i64()),
])  # fmt: skip
def test_gather(axis, indices) -> None:
    check(nn.GatherOp, "Gather", [randn(3, 4, 5), indices], {"axis": axis})


@pytest.mark.parametrize("mode", ["constant", "reflect", "edge", "wrap"])
def test_pad(mode) -> None:
    x = randn(3, 4)
    check(nn.PadOp, "Pad", [x, i64(1, 2, 2, 1)], {"mode": mode})
    check(nn.PadOp, "Pad", [x, i64(0, 2, 1, 0), None, i64(1, 0)], {"mode": mode})
    if mode == "constant":
        value = np.array(1.5, np.float32)
        check(nn.PadOp, "Pad", [x, i64(1, 0, 0, 3), value], {"mode": mode})
        check(nn.PadOp, "Pad", [x, i64(2, 1), value, i64(-1)], {"mode": mode})


def test_pad_negative_crops() -> None:
    x = randn(4, 5)
    op = build_nn(nn.PadOp, [x, i64(-1, 2, 1, -2)], {})
    (got,) = evaluate(op, [x, i64(-1, 2, 1, -2)])
    assert op.results[0].type.shape == got.shape == (4, 5)
    expected = np.pad(x[1:, :3], ((0, 1), (2, 0)))
    np.testing.assert_array_equal(got, expected)


def test_squeeze_unsqueeze() -> None:
    x = randn(1, 3, 1, 4)
    check(nn.SqueezeOp, "Squeeze", [x, i64(0)])
    check(nn.SqueezeOp, "Squeeze", [x, i64(-2, 0)])
    check(nn.SqueezeOp, "Squeeze", [x])
    check(nn.UnsqueezeOp, "Unsqueeze", [randn(3, 4), i64(0, -1)])
    check(nn.UnsqueezeOp, "Unsqueeze", [randn(3, 4), i64(1, 3)])
    check(nn.UnsqueezeOp, "Unsqueeze", [np.array(2.0, np.float32), i64(0)])


@pytest.mark.parametrize("x_shape,shape", [
    ((3, 1), i64(3, 4)), ((3, 1), i64(2, 1, 6)), ((1, 4), i64(3, 1)), ((2, 3), i64(1)),
])  # fmt: skip
def test_expand(x_shape, shape) -> None:
    check(nn.ExpandOp, "Expand", [randn(*x_shape), shape])


@pytest.mark.parametrize("attrs", [{}, {"start": 1}, {"end": -1}, {"start": -2, "end": 10},
                                   {"start": 3, "end": 1}])  # fmt: skip
def test_shape(attrs) -> None:
    check(nn.ShapeOp, "Shape", [randn(2, 3, 4, 5)], attrs)


def test_constant_dense_and_resource() -> None:
    x = randn(3, 4)
    op = nn.ConstantOp(value=x)
    (got,) = evaluate(op, [])
    np.testing.assert_array_equal(got, x)
    from dialir.dialects.nn.elements import array_to_resource

    for arr in (x, randint(-5, 5, 2, 2), randn(2) > 0, randn(3).astype(np.float16)):
        res = nn.ConstantOp(value=array_to_resource("test_nn_reference_blob", arr))
        (got,) = evaluate(res, [])
        assert got.dtype == arr.dtype
        np.testing.assert_array_equal(got, arr)


def test_inputs_per_operand_value() -> None:
    """`evaluate` takes the values of `op.operands` too (absent optionals left out)."""
    x, hi = randn(5), np.array(0.0, np.float32)
    op = build_nn(nn.ClipOp, [x, None, hi], {})
    (a,) = evaluate(op, [x, None, hi])
    (b,) = evaluate(op, [x, hi])
    np.testing.assert_array_equal(a, np.minimum(x, 0))
    np.testing.assert_array_equal(a, b)


def test_every_op_has_a_reference() -> None:
    """Every nn op has numpy semantics; ops with a scalar-body region (nn.elementwise and its
    terminator) run that body through the interpreter instead."""
    from dialir.dialects.nn.reference import has_reference
    from dialir.execution.interpreter import handler_for

    assert [cls.OP_NAME for cls in nn.OPS if not has_reference(cls.OP_NAME)] == [
        "nn.elementwise",
        "nn.yield",
    ]
    assert handler_for("nn.elementwise") is not None
