"""nn ops from Python: result-type inference (static and dynamic dimensions), plain Python
attribute values, builder errors, constants (dense and dense_resource), folding and
canonicalization through the pass pipeline, and the dialect's registration."""

from __future__ import annotations

import numpy as np
import pytest

from dialir.core.ir.attrs import DenseArrayAttr, DenseElementsAttr, FloatAttr, IntegerAttr
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.dialect import load_dialect, lookup_op_class
from dialir.core.ir.operation import Block
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import (
    DYNAMIC,
    IntegerType,
    RankedTensorType,
    f16,
    f32,
    i1,
    i32,
    i64,
)
from dialir.dialects.arith.ops import ConstantOp as ArithConstantOp
from dialir.dialects.nn import ops as nn
from dialir.dialects.nn.elements import (
    array_to_attr,
    array_to_resource,
    element_type_of,
    elements_to_array,
    round_to_bf16,
)
from dialir.dialects.nn.shape_inference import broadcast, slice_bounds, window_out_dim
from dialir.parser.parser import parse

Q = DYNAMIC


def T(*shape, elem=f32) -> RankedTensorType:
    return RankedTensorType(shape, elem)


def args(*types) -> tuple:
    return Block(list(types)).args


def const(block_or_none, array) -> nn.ConstantOp:
    op = nn.ConstantOp(value=np.asarray(array))
    if block_or_none is not None:
        block_or_none.append(op)
    return op


def i64s(*values) -> nn.ConstantOp:
    return nn.ConstantOp(value=np.array(values, dtype=np.int64))


# -- inference ---------------------------------------------------------------------------------


INFERENCE = [
    (lambda a, b: nn.AddOp(a, b), [T(2, 3), T(3)], T(2, 3)),
    (lambda a, b: nn.AddOp(a, b), [T(Q, 1, 4), T(3, 1)], T(Q, 3, 4)),
    (lambda a, b: nn.MulOp(a, b), [T(Q, 3), T(5, 1)], T(5, 3)),
    (lambda a, b: nn.MaxOp(a, b), [T(Q), T(Q)], T(Q)),
    (lambda a, b: nn.MinOp(a, b), [T(1), T(Q)], T(Q)),
    (lambda a, b: nn.EqualOp(a, b), [T(2, 3, elem=i32), T(3, elem=i32)], T(2, 3, elem=i1)),
    (lambda a, b: nn.PowOp(a, b), [T(2), T(elem=i64)], T(2)),
    (lambda c, x, y: nn.WhereOp(c, x, y), [T(2, 1, elem=i1), T(3), T()], T(2, 3)),
    (lambda x: nn.ReluOp(x), [T(Q, 3)], T(Q, 3)),
    (lambda x: nn.GeluOp(x, approximate="tanh"), [T(4)], T(4)),
    (lambda a, b: nn.MatMulOp(a, b), [T(Q, 3, 4), T(4, 5)], T(Q, 3, 5)),
    (lambda a, b: nn.MatMulOp(a, b), [T(4), T(2, 4, 5)], T(2, 5)),
    (lambda a, b: nn.MatMulOp(a, b), [T(2, 1, 3, 4), T(6, 4, Q)], T(2, 6, 3, Q)),
    (lambda a, b: nn.MatMulOp(a, b), [T(4), T(4)], T()),
    (lambda a, b: nn.GemmOp(a, b, None, trans_a=True), [T(4, 3), T(4, Q)], T(3, Q)),
    (lambda x, w: nn.Conv2DOp(x, w, None, strides=[2, 2], pads=[1, 1, 1, 1]),
     [T(Q, 3, 224, 224), T(64, 3, 7, 7)], T(Q, 64, 110, 110)),
    (lambda x, w: nn.Conv2DOp(x, w, None), [T(1, 3, Q, 10), T(8, 3, 3, 3)], T(1, 8, Q, 8)),
    (lambda x, w: nn.Conv2DOp(x, w, None, group=4), [T(1, 4, 5, 5), T(4, 1, 3, Q)],
     T(1, 4, 3, Q)),
    (lambda x: nn.MaxPool2DOp(x, kernel_shape=[3, 3], strides=[2, 2], ceil_mode=True),
     [T(1, 3, 112, 112)], T(1, 3, 56, 56)),
    (lambda x: nn.MaxPool2DOp(x, kernel_shape=[3, 3], strides=[2, 2]),
     [T(1, 3, 112, 112)], T(1, 3, 55, 55)),
    (lambda x: nn.AvgPool2DOp(x, kernel_shape=[2, 2], strides=[2, 2]), [T(Q, 3, Q, 8)],
     T(Q, 3, Q, 4)),
    (lambda x: nn.GlobalAvgPoolOp(x), [T(Q, 512, 7, 7)], T(Q, 512, 1, 1)),
    (lambda x: nn.FlattenOp(x), [T(Q, 3, 4)], T(Q, 12)),
    (lambda x: nn.FlattenOp(x, axis=2), [T(2, 3, Q)], T(6, Q)),
    (lambda x: nn.TransposeOp(x, perm=[0, 2, 1]), [T(Q, 3, 4)], T(Q, 4, 3)),
    (lambda a, b: nn.ConcatOp([a, b], axis=1), [T(2, 3), T(Q, 4)], T(2, 7)),
    (lambda a, b: nn.ConcatOp([a, b], axis=-1), [T(2, Q), T(2, 4)], T(2, Q)),
    (lambda x: nn.ShapeOp(x, start=-2), [T(Q, 3, 4)], T(2, elem=i64)),
    (lambda x: nn.ShapeOp(x, end=10), [T(Q, 3, 4)], T(3, elem=i64)),
    (lambda x, i: nn.GatherOp(x, i, axis=1), [T(Q, 5, 6), T(2, 3, elem=i32)], T(Q, 2, 3, 6)),
    (lambda x, i: nn.GatherOp(x, i), [T(5, 6), T(elem=i64)], T(6)),
]  # fmt: skip


@pytest.mark.parametrize("build,operand_types,expected", INFERENCE)
def test_inferred_result_type(build, operand_types, expected) -> None:
    op = build(*args(*operand_types))
    assert op.results[0].type is expected
    op.verify_()


def _with_constants(build, x_type, *arrays):
    block = Block([x_type])
    consts = [const(block, a) for a in arrays]
    op = build(block.args[0], *[c.result for c in consts])
    block.append(op)
    op.verify_()
    return op


CONSTANT_OPERANDS = [
    (lambda x, s: nn.ReshapeOp(x, s), T(Q, 3, 4), [np.array([0, -1])], T(Q, 12)),
    (lambda x, s: nn.ReshapeOp(x, s), T(2, 3, 4), [np.array([-1, 4])], T(6, 4)),
    (lambda x, s: nn.ReshapeOp(x, s), T(Q, 3, 4), [np.array([-1, 4])], T(Q, 4)),
    (lambda x, s: nn.ReshapeOp(x, s, allowzero=True), T(0, 3), [np.array([3, 0])], T(3, 0)),
    (lambda x, s: nn.ExpandOp(x, s), T(3, 1), [np.array([2, 1, 6])], T(2, 3, 6)),
    (lambda x, s: nn.ExpandOp(x, s), T(Q, 1), [np.array([4, 1, 6])], T(4, Q, 6)),
    (lambda x, a: nn.SqueezeOp(x, a), T(1, Q, 1), [np.array([-1])], T(1, Q)),
    (lambda x, a: nn.UnsqueezeOp(x, a), T(Q, 4), [np.array([0, 3])], T(1, Q, 4, 1)),
    (lambda x, a: nn.ReduceMeanOp(x, a, keepdims=False), T(Q, 3, 4), [np.array([1])],
     T(Q, 4)),
    (lambda x, a: nn.ReduceSumOp(x, a), T(Q, 3, 4), [np.array([], np.int64)], T(1, 1, 1)),
    (lambda x, a: nn.ReduceSumOp(x, a, noop_with_empty_axes=True), T(Q, 3),
     [np.array([], np.int64)], T(Q, 3)),
    (lambda x, s, e: nn.SliceOp(x, s, e), T(10, Q), [np.array([2, 0]), np.array([-1, 5])],
     T(7, Q)),
    (lambda x, s, e, a, st: nn.SliceOp(x, s, e, a, st), T(10, 8),
     [np.array([-1]), np.array([-1000]), np.array([0]), np.array([-3])], T(4, 8)),
    (lambda x, p: nn.PadOp(x, p), T(Q, 3), [np.array([1, 2, 3, 4])], T(Q, 9)),
    (lambda x, p, v, a: nn.PadOp(x, p, v, a, mode="constant"), T(2, 3),
     [np.array([1, -1]), np.array(0.5, np.float32), np.array([1])], T(2, 3)),
    (lambda x, s: nn.SplitOp(x, s, axis=1), T(Q, 6), [np.array([2, 4])], None),
]  # fmt: skip


@pytest.mark.parametrize("build,x_type,arrays,expected", CONSTANT_OPERANDS)
def test_inference_reads_constant_operands(build, x_type, arrays, expected) -> None:
    op = _with_constants(build, x_type, *arrays)
    if expected is None:  # split
        assert [r.type for r in op.results] == [T(Q, 2), T(Q, 4)]
    else:
        assert op.results[0].type is expected


NON_CONSTANT = [
    (lambda x, s: nn.ReshapeOp(x, s), [T(2, 3), T(3, elem=i64)], T(Q, Q, Q)),
    (lambda x, s: nn.ExpandOp(x, s), [T(3, 1), T(3, elem=i64)], T(Q, 3, Q)),
    (lambda x, a: nn.ReduceSumOp(x, a), [T(2, 3), T(1, elem=i64)], T(Q, Q)),
    (lambda x, a: nn.ReduceSumOp(x, a, keepdims=False), [T(2, 3), T(1, elem=i64)], T(Q)),
    (lambda x, a: nn.UnsqueezeOp(x, a), [T(2, 3), T(2, elem=i64)], T(Q, Q, Q, Q)),
    (lambda x, a: nn.SqueezeOp(x, a), [T(1, 3), T(1, elem=i64)], T(Q)),
    (lambda x, p: nn.PadOp(x, p), [T(2, 3), T(4, elem=i64)], T(Q, Q)),
    (lambda x, s, e: nn.SliceOp(x, s, e), [T(2, 3), T(1, elem=i64), T(1, elem=i64)],
     T(Q, 3)),
]  # fmt: skip


@pytest.mark.parametrize("build,operand_types,expected", NON_CONSTANT)
def test_non_constant_operands_give_dynamic_dims(build, operand_types, expected) -> None:
    op = build(*args(*operand_types))
    assert op.results[0].type is expected
    op.verify_()


@pytest.mark.parametrize("build,operand_types,message", [
    (lambda x, s: nn.ReshapeOp(x, s), [T(2, 3), T(Q, elem=i64)], "length of 'shape'"),
    (lambda x, a: nn.ReduceSumOp(x, a, keepdims=False), [T(2, 3), T(Q, elem=i64)],
     "number of reduced axes"),
    (lambda x: nn.SplitOp(x), [T(4)], "pass num_outputs="),
    (lambda x: nn.CastOp(x), [T(4)], "target element type"),
])  # fmt: skip
def test_builder_asks_for_result_types(build, operand_types, message) -> None:
    with pytest.raises(ValueError, match="pass result_types") as e:
        build(*args(*operand_types))
    assert message in str(e.value)


def test_result_types_given_explicitly_are_verified() -> None:
    a, b = args(T(2, 3), T(3))
    ok = nn.AddOp(a, b, result_types=[T(Q, 3)])
    ok.verify_()
    bad = nn.AddOp(a, b, result_types=[T(2, 4)])
    with pytest.raises(DiagnosticError, match="incompatible with the inferred type"):
        bad.verify_()
    # A split whose count comes from the result types; cast whose element type does.
    (x,) = args(T(6, 2))
    parts = nn.SplitOp(x, result_types=[T(2, 2)] * 3)
    parts.verify_()
    assert len(parts.outputs) == 3
    cast = nn.cast_to(x, f16)
    assert cast.result.type is T(6, 2, elem=f16)


def test_builder_reports_invalid_input() -> None:
    x, w = args(T(1, 3, 8, 8), T(4, 2, 3, 3))
    with pytest.raises(ValueError, match=r"input channels \(3\) must equal weight dimension 1"):
        nn.Conv2DOp(x, w, None)
    a, b = args(T(2, 3), T(4))
    with pytest.raises(ValueError, match="not broadcast-compatible"):
        nn.AddOp(a, b)
    (y,) = args(T(2, 3))
    with pytest.raises(ValueError, match="'perm' must be a permutation"):
        nn.TransposeOp(y, perm=[1, 1])


def test_split_num_outputs() -> None:
    (x,) = args(T(7, 2))
    op = nn.SplitOp(x, None, num_outputs=3)
    assert [r.type for r in op.outputs] == [T(3, 2), T(3, 2), T(1, 2)]
    (d,) = args(T(Q, 2))
    op = nn.SplitOp(d, axis=0, num_outputs=2)
    assert [r.type for r in op.outputs] == [T(Q, 2), T(Q, 2)]


# -- attributes --------------------------------------------------------------------------------


def test_plain_python_attributes_are_converted() -> None:
    x, w = args(T(1, 3, 8, 8), T(4, 3, 3, 3))
    op = nn.Conv2DOp(x, w, None, strides=[2, 2], pads=(1, 1, 1, 1), group=1)
    assert op.strides is DenseArrayAttr(i64, [2, 2])
    assert op.properties["group"] is IntegerAttr(1, i64)
    assert op.attr_value("pads") == [1, 1, 1, 1]
    assert op.attr_value("dilations") == [1, 1]  # the default, not stored
    assert "dilations" not in op.properties
    (y,) = args(T(4))
    lr = nn.LeakyReluOp(y, alpha=0.25)
    assert lr.alpha is FloatAttr(0.25, f32)
    g = nn.GemmOp(*args(T(2, 3), T(3, 4)), None, trans_a=False, trans_b=np.bool_(False))
    assert g.attr_value("trans_b") is False
    assert nn.GeluOp(y).attr_value("approximate") == "none"
    assert nn.ShapeOp(y).attr_value("end") is None


def test_attributes_print_in_custom_and_generic_form() -> None:
    (x,) = args(T(1, 3, 8, 8))
    op = nn.MaxPool2DOp(x, kernel_shape=[2, 2], ceil_mode=True)
    text = Printer.to_string(op)
    assert "{ceil_mode = true, kernel_shape = array<i64: 2, 2>}" in text
    # The generic form shows the attributes that hold their defaults too (DefaultValuedAttr).
    assert (
        "<{ceil_mode = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads"
        in Printer.to_string(op, generic=True)
    )


# -- constants ---------------------------------------------------------------------------------


@pytest.mark.parametrize("array", [
    np.arange(6, dtype=np.float32).reshape(2, 3), np.array([1, -2, 3], np.int8),
    np.array([True, False]), np.array([[1, 2]], np.uint16), np.full(3, 1.5, np.float16),
    np.array(7, np.int64), np.zeros((0, 3), np.float64),
])  # fmt: skip
def test_constants_dense_and_resource(array) -> None:
    dense = nn.ConstantOp(value=array)
    assert dense.result.type is RankedTensorType(array.shape, element_type_of(array.dtype))
    assert isinstance(dense.value, DenseElementsAttr)
    np.testing.assert_array_equal(nn.constant_array(dense.result), array)
    res = nn.ConstantOp(value=array_to_resource(f"test_nn_ops_{array.dtype}", array))
    got = nn.constant_array(res.result)
    assert got.dtype == array.dtype and got.shape == array.shape
    np.testing.assert_array_equal(got, array)
    res.verify_()


def test_resource_constants_print_and_parse() -> None:
    w = np.arange(4, dtype=np.float32)
    from dialir.core.ods.builtin import ModuleOp

    module = ModuleOp.build([nn.ConstantOp(value=array_to_resource("test_nn_ops_w", w))])
    text = Printer.to_string(module)
    assert "nn.constant dense_resource<test_nn_ops_w> : tensor<4xf32>" in text
    assert 'test_nn_ops_w: "0x04000000' in text
    again = parse(text)
    op = again.body.first
    np.testing.assert_array_equal(elements_to_array(op.value), w)


def test_bf16_constants_round() -> None:
    from dialir.core.ir.types import bf16

    values = np.array([1.0, 1.00390625, 3.14159], np.float32)
    t = RankedTensorType((3,), bf16)
    dense = elements_to_array(array_to_attr(values, t))
    res = elements_to_array(array_to_resource("test_nn_ops_bf16", values, t))
    np.testing.assert_array_equal(dense, round_to_bf16(values))
    np.testing.assert_array_equal(res, round_to_bf16(values))
    assert res.dtype == np.float32 and res[2] == np.float32(3.140625)


def test_constant_array_of_other_values() -> None:
    c = ArithConstantOp(value=array_to_attr(np.array([1, 2], np.int64)))
    assert nn.constant_array(c.result).tolist() == [1, 2]
    (x,) = args(T(2))
    assert nn.constant_array(x) is None
    assert nn.constant_array(nn.ReluOp(x).result) is None
    assert nn.constant_array(None) is None


def test_unknown_resource_is_an_error() -> None:
    from dialir.core.ir.attrs import DenseResourceElementsAttr

    with pytest.raises(ValueError, match="unknown dense resource 'test_nn_ops_missing'"):
        elements_to_array(DenseResourceElementsAttr(T(2), "test_nn_ops_missing"))


def test_materialize_constant() -> None:
    attr = array_to_attr(np.ones((2,), np.float32))
    op = nn.materialize_constant(attr, attr.type, None)
    assert isinstance(op, nn.ConstantOp) and op.result.type is attr.type
    assert nn.materialize_constant(IntegerAttr(1, i64), i64, None) is None
    assert nn.materialize_constant(attr, T(3), None) is None


# -- folding -----------------------------------------------------------------------------------


def test_fold_evaluates_constant_operands() -> None:
    block = Block()
    a = const(block, np.array([[1.0, 2.0]], np.float32))
    b = const(block, np.array([3.0], np.float32))
    op = nn.AddOp(a.result, b.result)
    block.append(op)
    (folded,) = op.fold()
    np.testing.assert_array_equal(elements_to_array(folded), [[4.0, 5.0]])
    assert folded.type is T(1, 2)


def test_fold_limits(monkeypatch) -> None:
    block = Block()
    big = const(block, np.float32(2.0))
    shape = const(block, np.array([2048, 1024], np.int64))
    expand = nn.ExpandOp(big.result, shape.result)
    block.append(expand)
    assert expand.fold() is None  # 2M elements out of 3: over FOLD_LIMIT
    # Over FOLD_LIMIT but no larger than the constant operands: folds.
    monkeypatch.setattr(nn, "FOLD_LIMIT", 4)
    w = const(block, np.arange(9, dtype=np.float32).reshape(3, 3))
    transpose = nn.TransposeOp(w.result, perm=[1, 0])
    (folded,) = transpose.fold()
    np.testing.assert_array_equal(elements_to_array(folded), np.arange(9).reshape(3, 3).T)
    small = const(block, np.array([[1.0], [2.0]], np.float32))
    shape3 = const(block, np.array([2, 3], np.int64))
    assert nn.ExpandOp(small.result, shape3.result).fold() is None  # 6 > max(4, 2 + 2)
    (x,) = args(T(3))
    assert nn.ReluOp(x).fold() is None  # not constant
    # Run-time errors are left to run time: an out-of-range constant index does not fold.
    data = const(block, np.arange(3, dtype=np.float32))
    idx = const(block, np.array([5], np.int64))
    gather = nn.GatherOp(data.result, idx.result, result_types=[T(1)])
    assert gather.fold() is None


def test_canonicalize_pipeline_from_python() -> None:
    from dialir.core.passes import PassManager

    module = parse(
        """
        func.func @f(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
          %one = nn.constant dense<1.0> : tensor<f32>
          %0 = nn.mul %x, %one : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
          %1 = nn.identity %0 : tensor<2x3xf32>
          %2 = nn.transpose %1 {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
          %3 = nn.transpose %2 {perm = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
          %4 = nn.transpose %3 {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
          return %4 : tensor<3x2xf32>
        }
        """
    )
    PassManager.parse("builtin.module(canonicalize)").run(module)
    func = module.body.first
    names = [op.name for op in func.regions[0].blocks[0].ops]
    assert names == ["nn.transpose", "func.return"]


# -- registration and shape helpers ------------------------------------------------------------


def test_dialect_registration() -> None:
    dialect = load_dialect("nn")
    assert dialect is not None and dialect.name == "nn"
    assert len(dialect.ops) == len(nn.OPS) == 57  # the contract's 53, elementwise, yield, 3-D pools
    for cls in nn.OPS:
        assert lookup_op_class(cls.OP_NAME) is cls
        assert nn.OPS_BY_NAME[cls.OP_NAME] is cls
    assert dialect.materialize_constant is nn.materialize_constant


def test_shape_helpers() -> None:
    assert broadcast([(2, 1, Q), (3, 1), (Q,)]) == (2, 3, Q)
    assert broadcast([(Q,), (1,)]) == (Q,)
    assert broadcast([(2,), (3,)]) is None
    assert window_out_dim(5, 2, 2, 1, 0, 0, ceil_mode=True) == 3
    # The last window would start in the end padding: dropped.
    assert window_out_dim(2, 1, 2, 1, 0, 1, ceil_mode=True) == 1
    assert slice_bounds(5, -1, -100, -1) == (4, -1, 5)
    assert slice_bounds(5, 1, 2**63 - 1, 2) == (1, 5, 2)
    assert slice_bounds(5, 7, 9, 1) == (5, 5, 0)


def test_unsigned_element_types_are_supported() -> None:
    u8 = IntegerType(8, "unsigned")
    a, b = args(T(3, elem=u8), T(3, elem=u8))
    op = nn.AddOp(a, b)
    op.verify_()
    assert op.result.type is T(3, elem=u8)
