"""nn ops: the tensor graph level (ONNX's operators on builtin ranked tensors), each with
result-type inference, a verifier built on that inference, a custom syntax and constant
folding through the numpy reference (`reference.py`).

Every op implements InferTypeOpInterface: it infers its result types from its operands and
attributes (`AddOp(a, b)`), and the verifier checks given result types against the inferred
ones (a dynamic dimension matches any size). Attributes take plain Python values
(`Conv2DOp(x, w, None, strides=[2, 2])`, `op.attr_value("strides")`), as in every dialect.
Parameters ONNX passes as inputs (reshape's shape, slice's starts...) are operands; shape
inference reads their values when an `nn.constant` (or any ConstantLike op) defines them
(`constant_array`), and leaves the affected dimensions dynamic otherwise.

Ops of one kind share a small base class (`BinaryOp`, `CompareOp`, `UnaryOp`, `PoolOp`,
`ReduceOp`) that holds their fields, format and inference; each op is a class of its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from dialir.core.ir.attrs import (
    Attribute,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    Location,
)
from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.lazy import np
from dialir.core.ir.operation import OpResult, Value
from dialir.core.ir.traits import Commutative, ConstantLike, IsTerminator, Pure, ReturnLike
from dialir.core.ir.types import (
    DYNAMIC,
    FloatType,
    IntegerType,
    RankedTensorType,
    Type,
    f32,
    i1,
    i64,
)
from dialir.core.ods.constraints import (
    AttrConstraint,
    BoolAttrC,
    Constraint,
    DenseI64Array,
    F32Attr,
    I64Attr,
    SameAs,
    StringAttrC,
    UnitAttrC,
)
from dialir.core.ods.interfaces import CannotInferResultTypes, InferTypeOpInterface
from dialir.core.ods.opdef import (
    AttrValues,
    Op,
    attribute,
    operand,
    opt_operand,
    opt_result,
    region,
    result,
    var_operand,
    var_result,
)
from dialir.dialects.nn.elements import (
    array_to_attr,
    elements_to_array,
    is_nn_element_type,
    is_storage_only,
)
from dialir.dialects.nn.shape_inference import (
    ShapeError,
    broadcast,
    normalize_axes,
    normalize_axis,
    reshape_dims,
    shape_bounds,
    slice_bounds,
    split_sizes,
    window_out_dim,
)

# Constant folding builds results up to this many elements, or as many as its constant
# operands hold together (see NNOp.fold_constants).
FOLD_LIMIT = 1 << 20


# -- type constraints --------------------------------------------------------------------------


def _tensor_of(description: str, elem: Callable[[Type], bool], rank: int | None = None):
    return Constraint(
        description,
        lambda t: (
            isinstance(t, RankedTensorType)
            and elem(t.element_type)
            and (rank is None or t.rank == rank)
        ),
    )


def _is_float(t: Type) -> bool:
    return isinstance(t, FloatType) and is_nn_element_type(t) and not is_storage_only(t)


def _is_numeric(t: Type) -> bool:
    return (
        is_nn_element_type(t)
        and not is_storage_only(t)
        and not (isinstance(t, IntegerType) and t.width == 1)
    )


def _is_signed_numeric(t: Type) -> bool:
    return _is_numeric(t) and not (isinstance(t, IntegerType) and t.signedness == "unsigned")


def _is_index(t: Type) -> bool:
    return isinstance(t, IntegerType) and t.is_signless and t.width in (32, 64)


Tensor = _tensor_of("ranked tensor of ONNX element type values", is_nn_element_type)
FloatTensor = _tensor_of("ranked tensor of f16, bf16, f32 or f64 values", _is_float)
NumericTensor = _tensor_of(
    "ranked tensor of 8- to 64-bit integer or f16/bf16/f32/f64 values", _is_numeric
)
SignedTensor = _tensor_of(
    "ranked tensor of signless 8- to 64-bit integer or f16/bf16/f32/f64 values", _is_signed_numeric
)
BoolTensor = _tensor_of("ranked tensor of 1-bit signless integer values", lambda t: t is i1)
IndexTensor = _tensor_of("ranked tensor of 32/64-bit signless integer values", _is_index)
I64Vector = _tensor_of("1-D tensor of 64-bit signless integer values", lambda t: t is i64, 1)
IndexVector = _tensor_of("1-D tensor of 32/64-bit signless integer values", _is_index, 1)


# -- attribute constraints -------------------------------------------------------------------

TensorElementsAttr = AttrConstraint(
    "dense or dense_resource tensor attribute",
    lambda a: (
        isinstance(a, (DenseElementsAttr, DenseResourceElementsAttr))
        and isinstance(a.type, RankedTensorType)
    ),
    build=lambda v: array_to_attr(v),
)


# -- constants ---------------------------------------------------------------------------------


def constant_array(value: Value | None) -> np.ndarray | None:
    """The array a ConstantLike op (nn.constant, arith.constant) defines `value` to be, or
    None when `value` is not such a constant."""
    if not isinstance(value, OpResult):
        return None
    op = value.owner
    if ConstantLike not in getattr(type(op), "traits", ()):
        return None
    attr = op.get_attr("value")
    if not isinstance(attr, (DenseElementsAttr, DenseResourceElementsAttr)):
        return None
    try:
        return elements_to_array(attr)
    except ValueError:
        return None


def materialize_constant(attr: Attribute, type: Type, location: Location) -> Op | None:
    """The dialect's constant for a folded value (MLIR's materializeConstant)."""
    if not isinstance(attr, (DenseElementsAttr, DenseResourceElementsAttr)):
        return None
    if attr.type is not type or not isinstance(type, RankedTensorType):
        return None
    return ConstantOp(value=attr, location=location)


# -- inference helpers -------------------------------------------------------------------------


def _ranked(v: Any, name: str) -> RankedTensorType:
    t = getattr(v, "type", None)
    if not isinstance(t, RankedTensorType):
        raise ShapeError(f"operand '{name}' must be a ranked tensor, but got '{t}'")
    return t


def _of_rank(v: Any, name: str, rank: int) -> RankedTensorType:
    t = _ranked(v, name)
    if t.rank != rank:
        raise ShapeError(f"operand '{name}' must be a {rank}-D tensor, but got '{t}'")
    return t


def _same_element(t: RankedTensorType, ref: RankedTensorType, name: str, ref_name: str) -> None:
    if t.element_type is not ref.element_type:
        raise ShapeError(
            f"operand '{name}' must have the element type of '{ref_name}' "
            f"({ref.element_type}), but got '{t}'"
        )


def _scalar(v: Any, name: str, ref: RankedTensorType, ref_name: str) -> None:
    """A 0-d tensor of the element type of `ref` (a 1-element 1-D tensor is accepted too)."""
    t = _ranked(v, name)
    _same_element(t, ref, name, ref_name)
    if t.rank > 1 or (t.rank == 1 and t.shape[0] not in (1, DYNAMIC)):
        raise ShapeError(f"operand '{name}' must be a 0-d tensor, but got '{t}'")


def _vector_length(v: Any, name: str) -> int | None:
    return _of_rank(v, name, 1).shape[0]


def _vector_values(v: Any, name: str) -> list[int] | None:
    _vector_length(v, name)
    arr = constant_array(v)
    return None if arr is None else [int(x) for x in arr.reshape(-1)]


def _check_ints(name: str, values: list[int], length: int, minimum: int) -> None:
    if len(values) != length:
        raise ShapeError(f"attribute '{name}' must have {length} elements, but has {len(values)}")
    if any(x < minimum for x in values):
        what = "positive" if minimum == 1 else "non-negative"
        raise ShapeError(f"attribute '{name}' values must be {what}, but got {values}")


def _broadcast_or_fail(ts: Sequence[RankedTensorType], names: Sequence[str]) -> tuple:
    shape = broadcast([t.shape for t in ts])
    if shape is None:
        quoted = ", ".join(f"'{n}' ({t})" for n, t in zip(names, ts))
        raise ShapeError(f"operands {quoted} are not broadcast-compatible")
    return shape


def _unidirectional(t: RankedTensorType, target: Sequence, name: str, what: str) -> None:
    """`t` broadcasts to `target` without changing it (ONNX's unidirectional broadcast)."""
    if t.rank > len(target):
        raise ShapeError(f"operand '{name}' ({t}) has a higher rank than {what}")
    for d, e in zip(reversed(t.shape), reversed(target)):
        if d is not None and e is not None and d not in (1, e):
            raise ShapeError(f"operand '{name}' ({t}) does not broadcast to {what}")


def _tensor(shape: Sequence, elem: Type) -> RankedTensorType:
    return RankedTensorType(tuple(shape), elem)


def _compatible(given: Type, inferred: RankedTensorType) -> bool:
    if not isinstance(given, RankedTensorType) or given.element_type is not inferred.element_type:
        return False
    if given.rank != inferred.rank:
        return False
    return all(a is None or b is None or a == b for a, b in zip(given.shape, inferred.shape))


# -- the base ----------------------------------------------------------------------------------


class NNOp(Op, InferTypeOpInterface):
    """Base of the nn ops: inferred result types (a given dynamic dimension is compatible with
    any inferred size) and constant folding through the numpy reference."""

    __slots__ = ()
    traits = frozenset({Pure})

    @classmethod
    def is_compatible_result_type(cls, given: Type, inferred: Type) -> bool:
        return _compatible(given, inferred)

    # -- folding ------------------------------------------------------------------------------

    def fold(self) -> list | None:
        simplified = self.simplify()
        if simplified is not None:
            return simplified
        return self.fold_constants()

    def simplify(self) -> list | None:
        """Fold to existing values (`x + 0 -> x`); ops override this."""
        return None

    def fold_constants(self) -> list | None:
        """Evaluate with the numpy reference when every operand is a constant. Results larger
        than both FOLD_LIMIT and the operands together are left alone: a fold never blows a
        small graph up (expand of a scalar), but a transposed weight folds whatever its
        size."""
        inputs = []
        size = 0
        for v in self.operands:
            arr = constant_array(v)
            if arr is None:
                return None
            inputs.append(arr)
            size += arr.size
        limit = max(FOLD_LIMIT, size)
        for r in self.results:
            t = r.type
            if not isinstance(t, RankedTensorType) or not t.has_static_shape:
                return None
            if math.prod(t.shape) > limit:
                return None
        # The reference evaluator computes with numpy at import: imported when first folding.
        from dialir.dialects.nn.reference import evaluate

        try:
            with np.errstate(all="ignore"):
                outs = evaluate(self, inputs)
        except (ValueError, IndexError, ArithmeticError):
            return None  # invalid at run time (an out-of-range index...): leave it to fail there
        folded = []
        for r, arr in zip(self.results, outs):
            if tuple(arr.shape) != r.type.shape:
                return None
            folded.append(array_to_attr(arr, r.type))
        return folded


def _same_type_if(value: Value, op: NNOp) -> list | None:
    return [value] if value.type is op.results[0].type else None


# -- constant ----------------------------------------------------------------------------------


class ConstantOp(NNOp):
    """`%w = nn.constant dense<1.0> : tensor<4xf32>` (or `dense_resource<w0> : ...`): a tensor
    constant, as ONNX's initializers and Constant nodes."""

    __slots__ = ()
    OP_NAME = "nn.constant"
    summary = "tensor constant"
    traits = frozenset({Pure, ConstantLike})
    value = attribute(TensorElementsAttr, doc="the elements (dense or dense_resource)")
    result = result(Tensor)
    assembly_format = "attr-dict $value"

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        t = a["value"].type
        if not is_nn_element_type(t.element_type):
            raise ShapeError(f"value type '{t}' does not have an ONNX element type")
        return [t]

    def fold(self) -> list | None:
        return [self.value]


# -- elementwise binary ------------------------------------------------------------------------

_BINARY_FORMAT = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)"


class BinaryOp(NNOp):
    """Base of the elementwise ops on two tensors, with numpy broadcasting: the result has
    the broadcast shape and the element type of `lhs` (which `rhs` shares)."""

    __slots__ = ()
    lhs = operand(NumericTensor)
    rhs = operand(NumericTensor)
    result = result(Tensor, doc="broadcast shape, lhs element type")
    assembly_format = _BINARY_FORMAT
    same_element_types: ClassVar[bool] = True

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        lt, rt = _ranked(operands["lhs"], "lhs"), _ranked(operands["rhs"], "rhs")
        if cls.same_element_types:
            _same_element(rt, lt, "rhs", "lhs")
        shape = _broadcast_or_fail([lt, rt], ["lhs", "rhs"])
        return [_tensor(shape, cls.result_element_type(lt))]

    @classmethod
    def result_element_type(cls, lhs: RankedTensorType) -> Type:
        return lhs.element_type


class CompareOp(BinaryOp):
    """Base of the elementwise comparisons: an i1 tensor of the broadcast shape."""

    __slots__ = ()
    result = result(Tensor, doc="i1, broadcast shape")

    @classmethod
    def result_element_type(cls, lhs: RankedTensorType) -> Type:
        return i1


def _is_splat(value: Value, scalar: float) -> bool:
    arr = constant_array(value)
    return arr is not None and arr.size > 0 and bool(np.all(arr == scalar))


def _fold_identity(op: BinaryOp, scalar: float, commutative: bool) -> list | None:
    """`op(x, c) -> x` (and `op(c, x) -> x` if `commutative`) where c is a constant splat of
    `scalar` and the result type is x's."""
    if _is_splat(op.rhs, scalar):
        return _same_type_if(op.lhs, op)
    if commutative and _is_splat(op.lhs, scalar):
        return _same_type_if(op.rhs, op)
    return None


class AddOp(BinaryOp):
    """`%r = nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>`:
    elementwise addition, with numpy broadcasting."""

    __slots__ = ()
    OP_NAME = "nn.add"
    summary = "elementwise addition"
    traits = frozenset({Pure, Commutative})

    def simplify(self) -> list | None:
        return _fold_identity(self, 0, commutative=True)  # x + 0 -> x, 0 + x -> x


class SubOp(BinaryOp):
    """`%r = nn.sub %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>`:
    elementwise subtraction, with numpy broadcasting."""

    __slots__ = ()
    OP_NAME = "nn.sub"
    summary = "elementwise subtraction"

    def simplify(self) -> list | None:
        return _fold_identity(self, 0, commutative=False)  # x - 0 -> x


class MulOp(BinaryOp):
    """`%r = nn.mul %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>`:
    elementwise multiplication, with numpy broadcasting."""

    __slots__ = ()
    OP_NAME = "nn.mul"
    summary = "elementwise multiplication"
    traits = frozenset({Pure, Commutative})

    def simplify(self) -> list | None:
        return _fold_identity(self, 1, commutative=True)  # x * 1 -> x, 1 * x -> x


class DivOp(BinaryOp):
    """`%r = nn.div %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>`:
    elementwise division (integers truncate toward zero), with numpy broadcasting."""

    __slots__ = ()
    OP_NAME = "nn.div"
    summary = "elementwise division (integers truncate toward zero)"

    def simplify(self) -> list | None:
        return _fold_identity(self, 1, commutative=False)  # x / 1 -> x


class PowOp(BinaryOp):
    """`%r = nn.pow %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>`:
    elementwise power (the exponent may have another element type), with numpy
    broadcasting."""

    __slots__ = ()
    OP_NAME = "nn.pow"
    summary = "elementwise power (the exponent may have another element type)"
    same_element_types = False


class MaxOp(BinaryOp):
    """`%r = nn.max %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>`:
    elementwise maximum, with numpy broadcasting."""

    __slots__ = ()
    OP_NAME = "nn.max"
    summary = "elementwise maximum"
    traits = frozenset({Pure, Commutative})


class MinOp(BinaryOp):
    """`%r = nn.min %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>`:
    elementwise minimum, with numpy broadcasting."""

    __slots__ = ()
    OP_NAME = "nn.min"
    summary = "elementwise minimum"
    traits = frozenset({Pure, Commutative})


class EqualOp(CompareOp):
    """`%r = nn.equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>`:
    elementwise ==, with numpy broadcasting."""

    __slots__ = ()
    OP_NAME = "nn.equal"
    summary = "elementwise =="
    traits = frozenset({Pure, Commutative})
    lhs = operand(Tensor)
    rhs = operand(Tensor)


class LessOp(CompareOp):
    """`%r = nn.less %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>`:
    elementwise <, with numpy broadcasting."""

    __slots__ = ()
    OP_NAME = "nn.less"
    summary = "elementwise <"


class GreaterOp(CompareOp):
    """`%r = nn.greater %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>`:
    elementwise >, with numpy broadcasting."""

    __slots__ = ()
    OP_NAME = "nn.greater"
    summary = "elementwise >"


class WhereOp(NNOp):
    """`%r = nn.where %c, %x, %y : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<f32>) ->
    tensor<2x3xf32>`: `x` where `condition` holds, else `y` (three-way broadcasting)."""

    __slots__ = ()
    OP_NAME = "nn.where"
    summary = "elementwise select"
    condition = operand(BoolTensor)
    x = operand(Tensor)
    y = operand(Tensor)
    result = result(Tensor)
    assembly_format = "$condition `,` $x `,` $y attr-dict `:` functional-type(operands, results)"

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        ct, xt, yt = (_ranked(operands[n], n) for n in ("condition", "x", "y"))
        _same_element(yt, xt, "y", "x")
        shape = _broadcast_or_fail([ct, xt, yt], ["condition", "x", "y"])
        return [_tensor(shape, xt.element_type)]

    def simplify(self) -> list | None:
        cond = constant_array(self.condition)
        if cond is not None and cond.size:
            pick = self.x if bool(np.all(cond)) else self.y if not np.any(cond) else None
            if pick is not None:
                return _same_type_if(pick, self)
        return None


# -- elementwise unary -------------------------------------------------------------------------


class UnaryOp(NNOp):
    """Base of the elementwise ops on one tensor: the result has the input's type."""

    __slots__ = ()
    input = operand(Tensor)
    result = result(SameAs("input"))
    assembly_format = "$input attr-dict `:` type($result)"

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        t = _ranked(operands["input"], "input")
        a = cls.attr_values(attributes)
        for f in cls.definition.attributes:
            a[f.name]  # noqa: B018  (checks each attribute before the verifier does)
        return [t]


class NegOp(UnaryOp):
    """`%r = nn.neg %x : tensor<2x3xf32>`: elementwise negation."""

    __slots__ = ()
    OP_NAME = "nn.neg"
    summary = "elementwise negation"
    input = operand(SignedTensor)


class AbsOp(UnaryOp):
    """`%r = nn.abs %x : tensor<2x3xf32>`: elementwise absolute value."""

    __slots__ = ()
    OP_NAME = "nn.abs"
    summary = "elementwise absolute value"
    input = operand(NumericTensor)


class ReluOp(UnaryOp):
    """`%r = nn.relu %x : tensor<2x3xf32>`: max(x, 0)."""

    __slots__ = ()
    OP_NAME = "nn.relu"
    summary = "max(x, 0)"
    input = operand(SignedTensor)


class SigmoidOp(UnaryOp):
    """`%r = nn.sigmoid %x : tensor<2x3xf32>`: 1 / (1 + exp(-x))."""

    __slots__ = ()
    OP_NAME = "nn.sigmoid"
    summary = "1 / (1 + exp(-x))"
    input = operand(FloatTensor)


class TanhOp(UnaryOp):
    """`%r = nn.tanh %x : tensor<2x3xf32>`: hyperbolic tangent."""

    __slots__ = ()
    OP_NAME = "nn.tanh"
    summary = "hyperbolic tangent"
    input = operand(FloatTensor)


class ExpOp(UnaryOp):
    """`%r = nn.exp %x : tensor<2x3xf32>`: e to the x."""

    __slots__ = ()
    OP_NAME = "nn.exp"
    summary = "e to the x"
    input = operand(FloatTensor)


class LogOp(UnaryOp):
    """`%r = nn.log %x : tensor<2x3xf32>`: natural logarithm."""

    __slots__ = ()
    OP_NAME = "nn.log"
    summary = "natural logarithm"
    input = operand(FloatTensor)


class SqrtOp(UnaryOp):
    """`%r = nn.sqrt %x : tensor<2x3xf32>`: square root."""

    __slots__ = ()
    OP_NAME = "nn.sqrt"
    summary = "square root"
    input = operand(FloatTensor)


class ErfOp(UnaryOp):
    """`%r = nn.erf %x : tensor<2x3xf32>`: error function."""

    __slots__ = ()
    OP_NAME = "nn.erf"
    summary = "error function"
    input = operand(NumericTensor)


class IdentityOp(UnaryOp):
    """`%r = nn.identity %x : tensor<2x3xf32>`: the input itself (ONNX Identity, and Dropout
    in inference)."""

    __slots__ = ()
    OP_NAME = "nn.identity"
    summary = "the input itself (ONNX Identity, and Dropout in inference)"

    def simplify(self) -> list | None:
        return [self.input]


class LeakyReluOp(UnaryOp):
    """`%r = nn.leaky_relu %x : tensor<2x3xf32>`: x where x >= 0, alpha * x elsewhere."""

    __slots__ = ()
    OP_NAME = "nn.leaky_relu"
    summary = "x where x >= 0, alpha * x elsewhere"
    input = operand(FloatTensor)
    alpha = attribute(F32Attr, default=0.01, doc="slope for x < 0")


GELU_APPROXIMATIONS = ("none", "tanh")


class GeluOp(UnaryOp):
    """`%r = nn.gelu %x : tensor<2x3xf32>`: Gaussian error linear unit, exact (`none`) or
    with the tanh approximation."""

    __slots__ = ()
    OP_NAME = "nn.gelu"
    summary = "Gaussian error linear unit, exact (`none`) or with the tanh approximation"
    input = operand(FloatTensor)
    approximate = attribute(StringAttrC, default="none", doc="`none` or `tanh`")

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        types = super().infer_result_types(operands, attributes, result_types)
        _check_choice(cls.attr_values(attributes), "approximate", GELU_APPROXIMATIONS)
        return types


class LRNOp(UnaryOp):
    """`%r = nn.lrn %x : tensor<2x3xf32>`: local response normalization across channels of
    an NCHW tensor: x / (bias + alpha / size * sum of squares over `size` channels) ^ beta."""

    __slots__ = ()
    OP_NAME = "nn.lrn"
    summary = (
        "local response normalization across channels of an NCHW tensor: "
        "x / (bias + alpha / size * sum of squares over `size` channels) ^ beta"
    )
    input = operand(FloatTensor)
    size = attribute(I64Attr, doc="number of channels summed (required)")
    alpha = attribute(F32Attr, default=1e-4)
    beta = attribute(F32Attr, default=0.75)
    bias = attribute(F32Attr, default=1.0)

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        t = _of_rank(operands["input"], "input", 4)
        a = cls.attr_values(attributes)
        if a["size"] <= 0:
            raise ShapeError(f"attribute 'size' must be positive, but got {a['size']}")
        for name in ("alpha", "beta", "bias"):
            a[name]  # noqa: B018
        return [t]


class SoftmaxOp(UnaryOp):
    """`%r = nn.softmax %x : tensor<2x3xf32>`: exp(x) / sum(exp(x)) along one axis (ONNX
    opset 13)."""

    __slots__ = ()
    OP_NAME = "nn.softmax"
    summary = "exp(x) / sum(exp(x)) along one axis (ONNX opset 13)"
    input = operand(FloatTensor)
    axis = attribute(I64Attr, default=-1)

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        return _infer_along_axis(cls, operands, attributes)


class LogSoftmaxOp(UnaryOp):
    """`%r = nn.log_softmax %x : tensor<2x3xf32>`: log(softmax(x)) along one axis (ONNX
    opset 13)."""

    __slots__ = ()
    OP_NAME = "nn.log_softmax"
    summary = "log(softmax(x)) along one axis (ONNX opset 13)"
    input = operand(FloatTensor)
    axis = attribute(I64Attr, default=-1)

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        return _infer_along_axis(cls, operands, attributes)


def _infer_along_axis(cls: type[NNOp], operands: dict, attributes: dict) -> list[Type]:
    t = _ranked(operands["input"], "input")
    normalize_axis(cls.attr_values(attributes)["axis"], t.rank, "attribute 'axis'")
    return [t]


def _check_choice(a: AttrValues, name: str, choices: Sequence[str]) -> None:
    if a[name] not in choices:
        allowed = ", ".join(f"'{c}'" for c in choices)
        raise ShapeError(f"attribute '{name}' must be one of {allowed}, but got '{a[name]}'")


class ClipOp(NNOp):
    """`%r = nn.clip %x min %lo max %hi : (tensor<4xf32>, tensor<f32>, tensor<f32>) ->
    tensor<4xf32>`: clamp to [min, max] (either bound optional; 0-d tensors)."""

    __slots__ = ()
    OP_NAME = "nn.clip"
    summary = "clamp to bounds"
    input = operand(NumericTensor)
    min = opt_operand(NumericTensor, doc="lower bound (0-d)")
    max = opt_operand(NumericTensor, doc="upper bound (0-d)")
    result = result(Tensor)
    assembly_format = (
        "$input (`min` $min^)? (`max` $max^)? attr-dict `:` functional-type(operands, results)"
    )

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        t = _ranked(operands["input"], "input")
        for name in ("min", "max"):
            if operands.get(name) is not None:
                _scalar(operands[name], name, t, "input")
        return [t]

    def simplify(self) -> list | None:
        if self.min is None and self.max is None:
            return _same_type_if(self.input, self)
        return None


class CastOp(NNOp):
    """`%r = nn.cast %x : tensor<2xf32> to tensor<2xi32>`: convert elements to the result's
    element type (floats to integers truncate toward zero, anything to i1 is `!= 0`)."""

    __slots__ = ()
    OP_NAME = "nn.cast"
    summary = "element type conversion"
    input = operand(Tensor)
    saturate = attribute(
        BoolAttrC, default=True,
        doc="to f8E4M3FN/f8E4M3FNUZ/f8E5M2/f8E5M2FNUZ/f8E8M0FNU: out-of-range values "
        "(infinities too) become the largest finite value of their sign, not inf or NaN",
    )  # fmt: skip
    round_mode = attribute(
        StringAttrC, default="up",
        doc="to f8E8M0FNU: how to round to a power of two: up, down, nearest",
    )  # fmt: skip
    result = result(Tensor, doc="the input's shape with the target element type")
    assembly_format = "$input attr-dict `:` type($input) `to` type($result)"

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        t = _ranked(operands["input"], "input")
        if a["round_mode"] not in ("up", "down", "nearest"):
            raise ShapeError(
                "attribute 'round_mode' must be one of up, down, nearest, but got "
                f"'{a['round_mode']}'"
            )
        if not result_types:
            raise CannotInferResultTypes("the target element type comes from the result type")
        r = result_types[0]
        if not isinstance(r, RankedTensorType):
            raise ShapeError(f"result must be a ranked tensor, but got '{r}'")
        return [_tensor(t.shape, r.element_type)]

    def simplify(self) -> list | None:
        return _same_type_if(self.input, self)


def cast_to(value: Value, element_type: Type) -> CastOp:
    """An `nn.cast` of `value` to `element_type` (the shape kept)."""
    return CastOp(value, result_types=[_tensor(value.type.shape, element_type)])


# -- linear algebra ----------------------------------------------------------------------------


class MatMulOp(NNOp):
    """`%r = nn.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>`:
    numpy.matmul (1-D operands promoted, batch dimensions broadcast)."""

    __slots__ = ()
    OP_NAME = "nn.matmul"
    summary = "matrix product"
    lhs = operand(NumericTensor)
    rhs = operand(NumericTensor)
    result = result(Tensor)
    assembly_format = _BINARY_FORMAT

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        lt, rt = _ranked(operands["lhs"], "lhs"), _ranked(operands["rhs"], "rhs")
        _same_element(rt, lt, "rhs", "lhs")
        if lt.rank == 0 or rt.rank == 0:
            raise ShapeError("operands must have rank 1 or more")
        ls = (1, *lt.shape) if lt.rank == 1 else lt.shape
        rs = (*rt.shape, 1) if rt.rank == 1 else rt.shape
        k1, k2 = ls[-1], rs[-2]
        if k1 is not None and k2 is not None and k1 != k2:
            raise ShapeError(
                f"contracting dimensions differ: 'lhs' ({lt}) has {k1}, 'rhs' ({rt}) has {k2}"
            )
        batch = broadcast([ls[:-2], rs[:-2]])
        if batch is None:
            raise ShapeError(f"batch dimensions of 'lhs' ({lt}) and 'rhs' ({rt}) do not broadcast")
        shape = [*batch]
        if lt.rank > 1:
            shape.append(ls[-2])
        if rt.rank > 1:
            shape.append(rs[-1])
        return [_tensor(shape, lt.element_type)]


class GemmOp(NNOp):
    """`%r = nn.gemm %a, %b, %c {trans_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>,
    tensor<4xf32>) -> tensor<2x4xf32>`: alpha * A' B' + beta * C (C broadcast to the
    result)."""

    __slots__ = ()
    OP_NAME = "nn.gemm"
    summary = "general matrix multiplication"
    a = operand(NumericTensor, doc="M x K (K x M with trans_a)")
    b = operand(NumericTensor, doc="K x N (N x K with trans_b)")
    c = opt_operand(NumericTensor, doc="broadcastable to M x N")
    alpha = attribute(F32Attr, default=1.0)
    beta = attribute(F32Attr, default=1.0)
    trans_a = attribute(BoolAttrC, default=False)
    trans_b = attribute(BoolAttrC, default=False)
    result = result(Tensor)
    assembly_format = "$a `,` $b (`,` $c^)? attr-dict `:` functional-type(operands, results)"

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        at, bt = _of_rank(operands["a"], "a", 2), _of_rank(operands["b"], "b", 2)
        _same_element(bt, at, "b", "a")
        m, k1 = reversed(at.shape) if a["trans_a"] else at.shape
        k2, n = reversed(bt.shape) if a["trans_b"] else bt.shape
        a["alpha"], a["beta"]  # noqa: B018
        if k1 is not None and k2 is not None and k1 != k2:
            raise ShapeError(
                f"contracting dimensions differ: 'a' ({at}) gives {k1}, 'b' ({bt}) gives {k2}"
            )
        if operands.get("c") is not None:
            ct = _ranked(operands["c"], "c")
            _same_element(ct, at, "c", "a")
            _unidirectional(ct, (m, n), "c", "the result")
        return [_tensor((m, n), at.element_type)]


# -- convolution and normalization -------------------------------------------------------------


class Conv2DOp(NNOp):
    """`%r = nn.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>,
    tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>`: 2-D convolution of an
    NCHW input with an (M, C/group, kH, kW) weight, ONNX Conv semantics."""

    __slots__ = ()
    OP_NAME = "nn.conv2d"
    summary = "2-D convolution (NCHW)"
    input = operand(FloatTensor, doc="N x C x H x W")
    weight = operand(FloatTensor, doc="M x C/group x kH x kW")
    bias = opt_operand(FloatTensor, doc="M")
    strides = attribute(DenseI64Array, default=[1, 1])
    dilations = attribute(DenseI64Array, default=[1, 1])
    pads = attribute(DenseI64Array, default=[0, 0, 0, 0], doc="top, left, bottom, right")
    group = attribute(I64Attr, default=1)
    result = result(Tensor)
    assembly_format = (
        "$input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)"
    )

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        xt = _of_rank(operands["input"], "input", 4)
        wt = _of_rank(operands["weight"], "weight", 4)
        _same_element(wt, xt, "weight", "input")
        strides, dilations, pads, group = a["strides"], a["dilations"], a["pads"], a["group"]
        _check_ints("strides", strides, 2, 1)
        _check_ints("dilations", dilations, 2, 1)
        _check_ints("pads", pads, 4, 0)
        if group <= 0:
            raise ShapeError(f"attribute 'group' must be positive, but got {group}")
        n, c, h, w = xt.shape
        m, cg, kh, kw = wt.shape
        if c is not None and cg is not None and c != cg * group:
            raise ShapeError(
                f"input channels ({c}) must equal weight dimension 1 ({cg}) times group ({group})"
            )
        if m is not None and m % group:
            raise ShapeError(f"weight dimension 0 ({m}) must be divisible by group ({group})")
        if operands.get("bias") is not None:
            bt = _of_rank(operands["bias"], "bias", 1)
            _same_element(bt, xt, "bias", "input")
            if bt.shape[0] is not None and m is not None and bt.shape[0] != m:
                raise ShapeError(
                    f"operand 'bias' must have {m} elements (weight dimension 0), but got '{bt}'"
                )
        oh = (
            None
            if kh is None
            else window_out_dim(h, kh, strides[0], dilations[0], pads[0], pads[2])
        )
        ow = (
            None
            if kw is None
            else window_out_dim(w, kw, strides[1], dilations[1], pads[1], pads[3])
        )
        return [_tensor((n, m, oh, ow), xt.element_type)]


class BatchNormOp(NNOp):
    """`%r = nn.batch_norm %x, %scale, %bias, %mean, %var : (...) -> tensor<1x3x8x8xf32>`:
    inference-mode batch normalization over channel dimension 1:
    scale * (x - mean) / sqrt(var + epsilon) + bias."""

    __slots__ = ()
    OP_NAME = "nn.batch_norm"
    summary = "batch normalization (inference)"
    input = operand(FloatTensor, doc="N x C x ...")
    scale = operand(FloatTensor, doc="C")
    bias = operand(FloatTensor, doc="C")
    mean = operand(FloatTensor, doc="C")
    var = operand(FloatTensor, doc="C")
    epsilon = attribute(F32Attr, default=1e-5)
    result = result(Tensor)
    assembly_format = (
        "$input `,` $scale `,` $bias `,` $mean `,` $var attr-dict `:` "
        "functional-type(operands, results)"
    )

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        xt = _ranked(operands["input"], "input")
        if xt.rank < 2:
            raise ShapeError(f"operand 'input' must have rank 2 or more, but got '{xt}'")
        c = xt.shape[1]
        for name in ("scale", "bias", "mean", "var"):
            pt = _of_rank(operands[name], name, 1)
            if pt.shape[0] is not None and c is not None and pt.shape[0] != c:
                raise ShapeError(
                    f"operand '{name}' must have {c} elements (the input's channels), "
                    f"but got '{pt}'"
                )
        a["epsilon"]  # noqa: B018
        return [xt]


_UNARY_FUNCTIONAL_FORMAT = "$input attr-dict `:` functional-type(operands, results)"
_MAX_POOL_DETAIL = (
    "padding never wins, and with ceil_mode a last partial window is kept. The optional "
    "`indices` result (ONNX MaxPool's Indices) holds the flat position in the whole input of "
    "each window's first maximum, in `storage_order`"
)
I64Tensor = _tensor_of("ranked tensor of 64-bit signless integer values", lambda t: t is i64)


class PoolOp(NNOp):
    """Base of the pooling ops over `spatial_dims` dimensions, with ONNX's attributes (pads:
    all begins, then all ends): the result is N x C x one window_out_dim per spatial
    dimension."""

    __slots__ = ()
    spatial_dims: ClassVar[int]
    assembly_format = _UNARY_FUNCTIONAL_FORMAT

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        n = cls.spatial_dims
        xt = _of_rank(operands["input"], "input", n + 2)
        kernel, strides, pads, dilations = (
            a["kernel_shape"], a["strides"], a["pads"], a["dilations"]
        )  # fmt: skip
        _check_ints("kernel_shape", kernel, n, 1)
        _check_ints("strides", strides, n, 1)
        _check_ints("pads", pads, 2 * n, 0)
        _check_ints("dilations", dilations, n, 1)
        ceil = a["ceil_mode"]
        spatial = [
            window_out_dim(xt.shape[2 + i], kernel[i], strides[i], dilations[i], pads[i],
                           pads[n + i], ceil)
            for i in range(n)
        ]  # fmt: skip
        return [_tensor((*xt.shape[:2], *spatial), xt.element_type)]


class MaxPoolOp(PoolOp):
    """Base of the max pooling ops: the optional `indices` result has the result's shape, in
    i64."""

    __slots__ = ()

    def __init__(self, *args: Any, indices: bool = False,
                 result_types: Sequence[Type | None] | None = None, **kwargs: Any) -> None:  # fmt: skip
        """`indices=True` adds the Indices result."""
        if result_types is None and indices:
            result_types = [None, None]
        super().__init__(*args, result_types=result_types, **kwargs)

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        (out,) = super().infer_result_types(operands, attributes, result_types)
        order = cls.attr_values(attributes)["storage_order"]
        if order not in (0, 1):
            raise ShapeError(f"attribute 'storage_order' must be 0 or 1, but got {order}")
        if result_types is None or len(result_types) == 1:
            return [out]
        return [out, _tensor(out.shape, i64)]


class MaxPool2DOp(MaxPoolOp):
    __doc__ = (
        "`%r = nn.max_pool2d %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} "
        ": (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>`: 2-D max pooling of an NCHW tensor; "
        f"{_MAX_POOL_DETAIL}."
    )

    __slots__ = ()
    OP_NAME = "nn.max_pool2d"
    summary = "2-D max pooling (NCHW)"
    spatial_dims = 2
    input = operand(NumericTensor, doc="N x C x H x W")
    kernel_shape = attribute(DenseI64Array, doc="kH, kW (required)")
    strides = attribute(DenseI64Array, default=[1, 1])
    pads = attribute(DenseI64Array, default=[0, 0, 0, 0], doc="begins (H, W), then ends")
    dilations = attribute(DenseI64Array, default=[1, 1])
    ceil_mode = attribute(BoolAttrC, default=False)
    storage_order = attribute(
        I64Attr, default=0, doc="of `indices`: 0 row-major, 1 column-major over the spatial "
        "dimensions",
    )  # fmt: skip
    result = result(Tensor)
    indices = opt_result(I64Tensor, doc="i64, the result's shape: flat indices into the input")


class MaxPool3DOp(MaxPoolOp):
    __doc__ = (
        "`%r, %i = nn.max_pool3d %x {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: "
        "2, 2, 2>} : (tensor<1x3x8x8x8xf32>) -> (tensor<1x3x4x4x4xf32>, "
        "tensor<1x3x4x4x4xi64>)`: 3-D max pooling of an NCDHW tensor; "
        f"{_MAX_POOL_DETAIL}."
    )

    __slots__ = ()
    OP_NAME = "nn.max_pool3d"
    summary = "3-D max pooling (NCDHW)"
    spatial_dims = 3
    input = operand(NumericTensor, doc="N x C x D x H x W")
    kernel_shape = attribute(DenseI64Array, doc="kD, kH, kW (required)")
    strides = attribute(DenseI64Array, default=[1, 1, 1])
    pads = attribute(DenseI64Array, default=[0, 0, 0, 0, 0, 0], doc="begins (D, H, W), then ends")
    dilations = attribute(DenseI64Array, default=[1, 1, 1])
    ceil_mode = attribute(BoolAttrC, default=False)
    storage_order = attribute(
        I64Attr, default=0, doc="of `indices`: 0 row-major, 1 column-major over the spatial "
        "dimensions",
    )  # fmt: skip
    result = result(Tensor)
    indices = opt_result(I64Tensor, doc="i64, the result's shape: flat indices into the input")


class AvgPool2DOp(PoolOp):
    """`%r = nn.avg_pool2d %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1,
    1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>`: 2-D average pooling of an NCHW
    tensor; padding counts toward the divisor only with count_include_pad."""

    __slots__ = ()
    OP_NAME = "nn.avg_pool2d"
    summary = "2-D average pooling (NCHW)"
    spatial_dims = 2
    input = operand(FloatTensor, doc="N x C x H x W")
    kernel_shape = attribute(DenseI64Array, doc="kH, kW (required)")
    strides = attribute(DenseI64Array, default=[1, 1])
    pads = attribute(DenseI64Array, default=[0, 0, 0, 0], doc="begins (H, W), then ends")
    dilations = attribute(DenseI64Array, default=[1, 1])
    ceil_mode = attribute(BoolAttrC, default=False)
    count_include_pad = attribute(BoolAttrC, default=False)
    result = result(Tensor)


class AvgPool3DOp(PoolOp):
    """`%r = nn.avg_pool3d %x {kernel_shape = array<i64: 3, 3, 3>, pads = array<i64: 1, 1,
    1, 1, 1, 1>} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x8x8x8xf32>`: 3-D average pooling of
    an NCDHW tensor; padding counts toward the divisor only with count_include_pad."""

    __slots__ = ()
    OP_NAME = "nn.avg_pool3d"
    summary = "3-D average pooling (NCDHW)"
    spatial_dims = 3
    input = operand(FloatTensor, doc="N x C x D x H x W")
    kernel_shape = attribute(DenseI64Array, doc="kD, kH, kW (required)")
    strides = attribute(DenseI64Array, default=[1, 1, 1])
    pads = attribute(DenseI64Array, default=[0, 0, 0, 0, 0, 0], doc="begins (D, H, W), then ends")
    dilations = attribute(DenseI64Array, default=[1, 1, 1])
    ceil_mode = attribute(BoolAttrC, default=False)
    count_include_pad = attribute(BoolAttrC, default=False)
    result = result(Tensor)


class GlobalAvgPoolOp(NNOp):
    """`%r = nn.global_avg_pool %x : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x1xf32>`: the mean
    over all spatial dimensions (2 and up), kept as size-1 dimensions."""

    __slots__ = ()
    OP_NAME = "nn.global_avg_pool"
    summary = "global average pooling"
    input = operand(FloatTensor, doc="N x C x D1 x ...")
    result = result(Tensor)
    assembly_format = _UNARY_FUNCTIONAL_FORMAT

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        t = _ranked(operands["input"], "input")
        if t.rank < 3:
            raise ShapeError(f"operand 'input' must have rank 3 or more, but got '{t}'")
        return [_tensor((*t.shape[:2], *([1] * (t.rank - 2))), t.element_type)]


class LayerNormOp(NNOp):
    """`%r = nn.layer_norm %x, %scale, %bias {axis = -1 : i64} : (tensor<2x8xf32>,
    tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>`: normalize over the dimensions from
    `axis` on, then scale and shift."""

    __slots__ = ()
    OP_NAME = "nn.layer_norm"
    summary = "layer normalization"
    input = operand(FloatTensor)
    scale = operand(FloatTensor, doc="broadcastable to the normalized dimensions")
    bias = opt_operand(FloatTensor, doc="broadcastable to the normalized dimensions")
    axis = attribute(I64Attr, default=-1, doc="first normalized dimension")
    epsilon = attribute(F32Attr, default=1e-5)
    result = result(Tensor)
    stats = var_result(
        FloatTensor,
        doc="none, or ONNX's Mean and InvStdDev: the input's dimensions before `axis`, then 1s "
        "(f32, or f64 for an f64 input)",
    )
    assembly_format = (
        "$input `,` $scale (`,` $bias^)? attr-dict `:` functional-type(operands, results)"
    )

    def __init__(self, *args: Any, stats: bool = False,
                 result_types: Sequence[Type | None] | None = None, **kwargs: Any) -> None:  # fmt: skip
        """`stats=True` adds the Mean and InvStdDev results."""
        if result_types is None and stats:
            result_types = [None] * 3
        super().__init__(*args, result_types=result_types, **kwargs)

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        t = _ranked(operands["input"], "input")
        axis = normalize_axis(a["axis"], t.rank, "attribute 'axis'")
        a["epsilon"]  # noqa: B018
        for name in ("scale", "bias"):
            if operands.get(name) is not None:
                pt = _ranked(operands[name], name)
                _same_element(pt, t, name, "input")
                _unidirectional(pt, t.shape[axis:], name, "the normalized dimensions")
        if result_types is None or len(result_types) == 1:
            return [t]
        if len(result_types) != 3:
            raise ShapeError(
                f"expected 1 or 3 results (with Mean and InvStdDev), not {len(result_types)}"
            )
        stats_elem = t.element_type if getattr(t.element_type, "kind", "") == "f64" else f32
        stats = _tensor((*t.shape[:axis], *([1] * (t.rank - axis))), stats_elem)
        return [t, stats, stats]


# -- reductions --------------------------------------------------------------------------------


class ReduceOp(NNOp):
    """Base of the reductions over `axes` (all axes when absent or empty, unless
    noop_with_empty_axes), keeping reduced dimensions as 1 with keepdims."""

    __slots__ = ()
    input = operand(NumericTensor)
    axes = opt_operand(I64Vector, doc="1-D, the axes to reduce")
    keepdims = attribute(BoolAttrC, default=True)
    noop_with_empty_axes = attribute(BoolAttrC, default=False)
    result = result(Tensor)
    assembly_format = "$input (`,` $axes^)? attr-dict `:` functional-type(operands, results)"

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        t = _ranked(operands["input"], "input")
        keepdims, noop = a["keepdims"], a["noop_with_empty_axes"]
        axes_v = operands.get("axes")
        if axes_v is None:
            axes: list[int] | None = []
        else:
            axes = _vector_values(axes_v, "axes")
            if axes is None:
                n = _vector_length(axes_v, "axes")
                if keepdims:
                    return [_tensor([None] * t.rank, t.element_type)]
                if n is None:
                    raise CannotInferResultTypes("the number of reduced axes is unknown")
                return [_tensor([None] * max(t.rank - n, 0), t.element_type)]
        if not axes:
            if noop:
                return [t]
            axes = list(range(t.rank))
        axes = normalize_axes(axes, t.rank)
        shape = []
        for i, d in enumerate(t.shape):
            if i not in axes:
                shape.append(d)
            elif keepdims:
                shape.append(1)
        return [_tensor(shape, t.element_type)]


class ReduceSumOp(ReduceOp):
    """`%r = nn.reduce_sum %x, %axes : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x1xf32>`:
    sum over `axes` (all axes when absent or empty, unless noop_with_empty_axes), keeping
    reduced dimensions as 1 with keepdims."""

    __slots__ = ()
    OP_NAME = "nn.reduce_sum"
    summary = "sum"


class ReduceMeanOp(ReduceOp):
    """`%r = nn.reduce_mean %x, %axes : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x1xf32>`:
    mean over `axes` (all axes when absent or empty, unless noop_with_empty_axes), keeping
    reduced dimensions as 1 with keepdims."""

    __slots__ = ()
    OP_NAME = "nn.reduce_mean"
    summary = "mean"


class ReduceMaxOp(ReduceOp):
    """`%r = nn.reduce_max %x, %axes : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x1xf32>`:
    maximum over `axes` (all axes when absent or empty, unless noop_with_empty_axes), keeping
    reduced dimensions as 1 with keepdims."""

    __slots__ = ()
    OP_NAME = "nn.reduce_max"
    summary = "maximum"
    input = operand(Tensor)  # bools too (opset 20)


class ReduceMinOp(ReduceOp):
    """`%r = nn.reduce_min %x, %axes : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x1xf32>`:
    minimum over `axes` (all axes when absent or empty, unless noop_with_empty_axes), keeping
    reduced dimensions as 1 with keepdims."""

    __slots__ = ()
    OP_NAME = "nn.reduce_min"
    summary = "minimum"
    input = operand(Tensor)


# -- shape manipulation ------------------------------------------------------------------------


class ReshapeOp(NNOp):
    """`%r = nn.reshape %x, %shape : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>`:
    ONNX Reshape (a 0 copies the input dimension unless allowzero, one -1 is inferred)."""

    __slots__ = ()
    OP_NAME = "nn.reshape"
    summary = "reshape"
    input = operand(Tensor)
    shape = operand(I64Vector, doc="1-D, the new shape")
    allowzero = attribute(
        BoolAttrC, default=False, doc="a 0 in `shape` is a zero-size dimension, not a copy"
    )
    result = result(Tensor)
    assembly_format = _BINARY_FORMAT.replace("$lhs", "$input").replace("$rhs", "$shape")

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        t = _ranked(operands["input"], "input")
        target = _vector_values(operands["shape"], "shape")
        allowzero = a["allowzero"]
        if target is None:
            n = _vector_length(operands["shape"], "shape")
            if n is None:
                raise CannotInferResultTypes("the length of 'shape' is dynamic")
            return [_tensor([None] * n, t.element_type)]
        return [_tensor(reshape_dims(t.shape, target, allowzero), t.element_type)]

    def simplify(self) -> list | None:
        t = self.results[0].type
        if t is self.input.type and t.has_static_shape:
            return [self.input]
        return None


class FlattenOp(NNOp):
    """`%r = nn.flatten %x {axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>`: a
    2-D view: dimensions before `axis` make the rows, the rest the columns."""

    __slots__ = ()
    OP_NAME = "nn.flatten"
    summary = "flatten to 2-D"
    input = operand(Tensor)
    axis = attribute(I64Attr, default=1, doc="in [-rank, rank]")
    result = result(Tensor)
    assembly_format = _UNARY_FUNCTIONAL_FORMAT

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        t = _ranked(operands["input"], "input")
        axis = normalize_axis(a["axis"], t.rank, "attribute 'axis'", inclusive=True)
        rows, cols = t.shape[:axis], t.shape[axis:]
        prod = lambda ds: None if None in ds else math.prod(ds)  # noqa: E731
        return [_tensor((prod(rows), prod(cols)), t.element_type)]


class TransposeOp(NNOp):
    """`%r = nn.transpose %x {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>`:
    result dimension i is input dimension perm[i]."""

    __slots__ = ()
    OP_NAME = "nn.transpose"
    summary = "permute dimensions"
    input = operand(Tensor)
    perm = attribute(DenseI64Array, doc="a permutation of the dimensions (required)")
    result = result(Tensor)
    assembly_format = _UNARY_FUNCTIONAL_FORMAT

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        t = _ranked(operands["input"], "input")
        perm = a["perm"]
        if sorted(perm) != list(range(t.rank)):
            raise ShapeError(
                f"attribute 'perm' must be a permutation of 0..{t.rank - 1}, but got {perm}"
            )
        return [_tensor([t.shape[p] for p in perm], t.element_type)]

    def simplify(self) -> list | None:
        if self.attr_value("perm") == list(range(len(self.attr_value("perm")))):
            return _same_type_if(self.input, self)
        return None


class ConcatOp(NNOp):
    """`%r = nn.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>) ->
    tensor<6x3xf32>`: join tensors along `axis`."""

    __slots__ = ()
    OP_NAME = "nn.concat"
    summary = "concatenate"
    inputs = var_operand(Tensor, doc="one or more tensors of one rank and element type")
    axis = attribute(I64Attr, doc="required")
    result = result(Tensor)
    assembly_format = "$inputs attr-dict `:` functional-type(operands, results)"

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        values = list(operands.get("inputs") or ())
        if not values:
            raise ShapeError("requires at least one operand")
        ts = [_ranked(x, f"inputs #{i}") for i, x in enumerate(values)]
        first = ts[0]
        axis = normalize_axis(a["axis"], first.rank, "attribute 'axis'")
        shape = list(first.shape)
        for i, t in enumerate(ts[1:], 1):
            _same_element(t, first, f"inputs #{i}", "inputs #0")
            if t.rank != first.rank:
                raise ShapeError(f"operand 'inputs #{i}' ({t}) must have rank {first.rank}")
            for k, d in enumerate(t.shape):
                if k == axis:
                    shape[k] = None if shape[k] is None or d is None else shape[k] + d
                elif d is not None:
                    if shape[k] is not None and shape[k] != d:
                        raise ShapeError(
                            f"operand 'inputs #{i}' ({t}) differs from the others in dimension {k}"
                        )
                    shape[k] = d
        return [_tensor(shape, first.element_type)]

    def simplify(self) -> list | None:
        if len(self.inputs) == 1:
            return _same_type_if(self.inputs[0], self)
        return None


class SplitOp(NNOp):
    """`%a, %b = nn.split %x, %sizes {axis = 1 : i64} : (tensor<2x6xf32>, tensor<2xi64>) ->
    (tensor<2x2xf32>, tensor<2x4xf32>)`: cut along `axis` into the given sizes, or into as
    many equal parts as there are results (the last one smaller when it does not divide)."""

    __slots__ = ()
    OP_NAME = "nn.split"
    summary = "split into parts"
    input = operand(Tensor)
    split = opt_operand(I64Vector, doc="1-D, the size of each part")
    axis = attribute(I64Attr, default=0)
    outputs = var_result(Tensor)
    assembly_format = "$input (`,` $split^)? attr-dict `:` functional-type(operands, results)"

    def __init__(self, *args: Any, num_outputs: int | None = None,
                 result_types: Sequence[Type] | None = None, **kwargs: Any) -> None:  # fmt: skip
        """`num_outputs` gives the number of parts where `split` is not a constant."""
        if result_types is None and num_outputs is not None:
            result_types = [None] * num_outputs
        super().__init__(*args, result_types=result_types, **kwargs)

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        t = _ranked(operands["input"], "input")
        axis = normalize_axis(a["axis"], t.rank, "attribute 'axis'")
        dim = t.shape[axis]
        sizes: list | None = None
        if operands.get("split") is not None:
            sizes = _vector_values(operands["split"], "split")
            n = _vector_length(operands["split"], "split")
            if result_types is not None and n is not None and n != len(result_types):
                raise ShapeError(
                    f"'split' has {n} sizes, but the op has {len(result_types)} results"
                )
            if sizes is not None:
                if any(s < 0 for s in sizes):
                    raise ShapeError(f"split sizes must be non-negative, but got {sizes}")
                if dim is not None and sum(sizes) != dim:
                    raise ShapeError(
                        f"split sizes {sizes} do not add up to dimension {axis} ({dim})"
                    )
            count = len(sizes) if sizes is not None else n
        else:
            count = None if result_types is None else len(result_types)
        if count is None:
            raise CannotInferResultTypes("the number of results is unknown: pass num_outputs=")
        if count == 0:
            raise ShapeError("requires at least one result")
        if sizes is None:
            sizes = (
                [None] * count if dim is None or operands.get("split") else split_sizes(dim, count)
            )
        out = []
        for s in sizes:
            shape = list(t.shape)
            shape[axis] = s
            out.append(_tensor(shape, t.element_type))
        return out


class SliceOp(NNOp):
    """`%r = nn.slice %x, %starts, %ends axes %axes steps %steps : (...) -> tensor<...>`:
    ONNX Slice (negative indices count from the end, bounds are clamped, steps may be
    negative)."""

    __slots__ = ()
    OP_NAME = "nn.slice"
    summary = "strided slice"
    input = operand(Tensor)
    starts = operand(IndexVector)
    ends = operand(IndexVector)
    axes = opt_operand(IndexVector, doc="default: 0, 1, ...")
    steps = opt_operand(IndexVector, doc="default: all 1")
    result = result(Tensor)
    assembly_format = (
        "$input `,` $starts `,` $ends (`axes` $axes^)? (`steps` $steps^)? attr-dict `:` "
        "functional-type(operands, results)"
    )

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        t = _ranked(operands["input"], "input")
        n = _vector_length(operands["starts"], "starts")
        for name in ("ends", "axes", "steps"):
            if operands.get(name) is not None:
                m = _vector_length(operands[name], name)
                if n is not None and m is not None and m != n:
                    raise ShapeError(f"operand '{name}' must have {n} elements like 'starts'")
        starts, ends = (
            _vector_values(operands["starts"], "starts"),
            _vector_values(operands["ends"], "ends"),
        )
        if operands.get("axes") is not None:
            axes = _vector_values(operands["axes"], "axes")
            if axes is None:
                return [_tensor([None] * t.rank, t.element_type)]
            axes = normalize_axes(axes, t.rank)
        else:
            if n is None:
                return [_tensor([None] * t.rank, t.element_type)]
            if n > t.rank:
                raise ShapeError(f"'starts' has {n} elements, more than the input's rank")
            axes = list(range(n))
        steps = [1] * len(axes)
        if operands.get("steps") is not None:
            steps = _vector_values(operands["steps"], "steps")
            if steps is not None and 0 in steps:
                raise ShapeError(f"slice steps must not be 0, but got {steps}")
        shape = list(t.shape)
        for i, axis in enumerate(axes):
            dim = shape[axis]
            if dim is None or starts is None or ends is None or steps is None:
                shape[axis] = None
            else:
                shape[axis] = slice_bounds(dim, starts[i], ends[i], steps[i])[2]
        return [_tensor(shape, t.element_type)]


class GatherOp(NNOp):
    """`%r = nn.gather %x, %idx {axis = 0 : i64} : (tensor<5x3xf32>, tensor<2xi64>) ->
    tensor<2x3xf32>`: take entries along `axis` (negative indices count from the end)."""

    __slots__ = ()
    OP_NAME = "nn.gather"
    summary = "gather along an axis"
    input = operand(Tensor)
    indices = operand(IndexTensor)
    axis = attribute(I64Attr, default=0)
    result = result(Tensor)
    assembly_format = _BINARY_FORMAT.replace("$lhs", "$input").replace("$rhs", "$indices")

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        t = _ranked(operands["input"], "input")
        it = _ranked(operands["indices"], "indices")
        if t.rank == 0:
            raise ShapeError("operand 'input' must have rank 1 or more")
        axis = normalize_axis(a["axis"], t.rank, "attribute 'axis'")
        dim = t.shape[axis]
        idx = constant_array(operands["indices"])
        if idx is not None and dim is not None and idx.size:
            lo, hi = int(idx.min()), int(idx.max())
            if lo < -dim or hi >= dim:
                bad = lo if lo < -dim else hi
                raise ShapeError(f"index {bad} is out of range [{-dim}, {dim}) of dimension {axis}")
        shape = (*t.shape[:axis], *it.shape, *t.shape[axis + 1 :])
        return [_tensor(shape, t.element_type)]


PAD_MODES = ("constant", "reflect", "edge", "wrap")


class PadOp(NNOp):
    """`%r = nn.pad %x, %pads value %v : (tensor<2x3xf32>, tensor<4xi64>, tensor<f32>) ->
    tensor<...>`: pad (or, with negative pads, crop) each axis; pads are ONNX-ordered (all
    begins, then all ends) over `axes` (default: every axis)."""

    __slots__ = ()
    OP_NAME = "nn.pad"
    summary = "pad"
    input = operand(Tensor)
    pads = operand(I64Vector, doc="1-D, begins then ends")
    constant_value = opt_operand(Tensor, doc="0-d, the value of constant padding (default 0)")
    axes = opt_operand(IndexVector, doc="1-D, the padded axes (default: all)")
    mode = attribute(StringAttrC, default="constant", doc="`constant`, `reflect`, `edge` or `wrap`")
    result = result(Tensor)
    assembly_format = (
        "$input `,` $pads (`value` $constant_value^)? (`axes` $axes^)? attr-dict `:` "
        "functional-type(operands, results)"
    )

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        t = _ranked(operands["input"], "input")
        _check_choice(cls.attr_values(attributes), "mode", PAD_MODES)
        if operands.get("constant_value") is not None:
            _scalar(operands["constant_value"], "constant_value", t, "input")
        if operands.get("axes") is not None:
            axes = _vector_values(operands["axes"], "axes")
            if axes is None:
                return [_tensor([None] * t.rank, t.element_type)]
            axes = normalize_axes(axes, t.rank)
        else:
            axes = list(range(t.rank))
        n = _vector_length(operands["pads"], "pads")
        if n is not None and n != 2 * len(axes):
            raise ShapeError(
                f"operand 'pads' must have {2 * len(axes)} elements (2 per padded axis), "
                f"but has {n}"
            )
        pads = _vector_values(operands["pads"], "pads")
        shape = list(t.shape)
        for i, axis in enumerate(axes):
            d = shape[axis]
            if d is None or pads is None:
                shape[axis] = None
                continue
            size = d + pads[i] + pads[i + len(axes)]
            if size < 0:
                raise ShapeError(f"padding makes dimension {axis} negative ({size})")
            shape[axis] = size
        return [_tensor(shape, t.element_type)]

    def simplify(self) -> list | None:
        pads = constant_array(self.pads)
        if pads is not None and not pads.any():
            return _same_type_if(self.input, self)
        return None


class SqueezeOp(NNOp):
    """`%r = nn.squeeze %x, %axes : (tensor<1x3x1xf32>, tensor<1xi64>) -> tensor<3x1xf32>`:
    remove size-1 dimensions (`axes`, or every static size-1 dimension when absent)."""

    __slots__ = ()
    OP_NAME = "nn.squeeze"
    summary = "remove size-1 dimensions"
    input = operand(Tensor)
    axes = opt_operand(I64Vector, doc="1-D")
    result = result(Tensor)
    assembly_format = "$input (`,` $axes^)? attr-dict `:` functional-type(operands, results)"

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        t = _ranked(operands["input"], "input")
        if operands.get("axes") is None:
            return [_tensor([d for d in t.shape if d != 1], t.element_type)]
        axes = _vector_values(operands["axes"], "axes")
        if axes is None:
            n = _vector_length(operands["axes"], "axes")
            if n is None:
                raise CannotInferResultTypes("the number of squeezed axes is unknown")
            return [_tensor([None] * (t.rank - n), t.element_type)]
        axes = normalize_axes(axes, t.rank)
        for ax in axes:
            if t.shape[ax] not in (1, None):
                raise ShapeError(f"cannot squeeze dimension {ax} of size {t.shape[ax]}")
        return [_tensor([d for i, d in enumerate(t.shape) if i not in axes], t.element_type)]

    def simplify(self) -> list | None:
        inner = self.input.owner if isinstance(self.input, OpResult) else None
        if isinstance(inner, UnsqueezeOp) and _same_axes(inner.axes, self.axes):
            return _same_type_if(inner.input, self)  # squeeze(unsqueeze(x, a), a) -> x
        return None


class UnsqueezeOp(NNOp):
    """`%r = nn.unsqueeze %x, %axes : (tensor<3xf32>, tensor<2xi64>) -> tensor<1x3x1xf32>`:
    insert size-1 dimensions at `axes` (positions in the result)."""

    __slots__ = ()
    OP_NAME = "nn.unsqueeze"
    summary = "insert size-1 dimensions"
    input = operand(Tensor)
    axes = operand(I64Vector, doc="1-D")
    result = result(Tensor)
    assembly_format = _BINARY_FORMAT.replace("$lhs", "$input").replace("$rhs", "$axes")

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        t = _ranked(operands["input"], "input")
        axes = _vector_values(operands["axes"], "axes")
        if axes is None:
            n = _vector_length(operands["axes"], "axes")
            if n is None:
                raise CannotInferResultTypes("the number of inserted axes is unknown")
            return [_tensor([None] * (t.rank + n), t.element_type)]
        rank = t.rank + len(axes)
        axes = normalize_axes(axes, rank)
        dims = iter(t.shape)
        return [_tensor([1 if i in axes else next(dims) for i in range(rank)], t.element_type)]

    def simplify(self) -> list | None:
        inner = self.input.owner if isinstance(self.input, OpResult) else None
        if isinstance(inner, SqueezeOp) and inner.axes is not None:
            if _same_axes(inner.axes, self.axes):
                return _same_type_if(inner.input, self)  # unsqueeze(squeeze(x, a), a) -> x
        return None


def _same_axes(a: Value | None, b: Value | None) -> bool:
    if a is None or b is None:
        return False
    x, y = constant_array(a), constant_array(b)
    return x is not None and y is not None and x.tolist() == y.tolist()


class ExpandOp(NNOp):
    """`%r = nn.expand %x, %shape : (tensor<3x1xf32>, tensor<2xi64>) -> tensor<3x4xf32>`:
    broadcast to `shape` (ONNX Expand: the result is the broadcast of both shapes)."""

    __slots__ = ()
    OP_NAME = "nn.expand"
    summary = "broadcast to a shape"
    input = operand(Tensor)
    shape = operand(I64Vector, doc="1-D")
    result = result(Tensor)
    assembly_format = _BINARY_FORMAT.replace("$lhs", "$input").replace("$rhs", "$shape")

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        t = _ranked(operands["input"], "input")
        target = _vector_values(operands["shape"], "shape")
        if target is None:
            n = _vector_length(operands["shape"], "shape")
            if n is None:
                raise CannotInferResultTypes("the length of 'shape' is dynamic")
            rank = max(n, t.rank)
            padded = [1] * (rank - t.rank) + list(t.shape)
            return [_tensor([d if d is not None and d != 1 else None for d in padded],
                            t.element_type)]  # fmt: skip
        if any(d < 0 for d in target):
            raise ShapeError(f"'shape' values must be non-negative, but got {target}")
        shape = broadcast([t.shape, target])
        if shape is None:
            raise ShapeError(f"input '{t}' does not broadcast with shape {target}")
        return [_tensor(shape, t.element_type)]

    def simplify(self) -> list | None:
        t = self.results[0].type
        if t is self.input.type and t.has_static_shape:
            return [self.input]
        return None


class ShapeOp(NNOp):
    """`%s = nn.shape %x : (tensor<2x3xf32>) -> tensor<2xi64>`: the input's dimensions
    [start, end) as a 1-D i64 tensor (negative bounds count from the end, then clamp)."""

    __slots__ = ()
    OP_NAME = "nn.shape"
    summary = "shape of a tensor"
    input = operand(Tensor)
    start = attribute(I64Attr, default=0)
    end = attribute(I64Attr, optional=True, doc="default: the rank")
    result = result(Tensor)
    assembly_format = _UNARY_FUNCTIONAL_FORMAT

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        a = cls.attr_values(attributes)
        t = _ranked(operands["input"], "input")
        start, end = shape_bounds(t.rank, a["start"], a["end"])
        return [_tensor((max(0, end - start),), i64)]

    def simplify(self) -> list | None:
        t = self.input.type
        start, end = shape_bounds(t.rank, self.attr_value("start"), self.attr_value("end"))
        dims = t.shape[start:end]
        if None in dims:
            return None
        return [array_to_attr(np.array(dims, dtype=np.int64), self.results[0].type)]


# -- fused elementwise (built by nn-fuse-elementwise) -------------------------------------------


class ElementwiseOp(NNOp):
    """`%r = nn.elementwise %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    { ^bb0(%x: f32, %y: f32): ... nn.yield %z : f32 }`: a fused chain of elementwise ops.
    The inputs broadcast (numpy rules) to the result shape; the body runs once per result
    element on the inputs' elements (its arguments are their element types) with `arith` and
    `math` scalar ops and yields the result element.

    With the unit attribute `epilogue`, the op is the epilogue of the `nn.conv2d`,
    `nn.matmul` or `nn.gemm` that defines its first input: a loop lowering may apply the body
    to each element of that result as it is stored (the producer's result then needs no
    buffer of its own), provided this op is its only user. The attribute is a hint: the op
    means the same with or without it, so later rewrites never make it invalid."""

    __slots__ = ()
    OP_NAME = "nn.elementwise"
    summary = "fused elementwise computation with a scalar body"
    inputs = var_operand(Tensor)
    epilogue = attribute(
        UnitAttrC,
        optional=True,
        doc="the body is the epilogue of the op defining the first input (a lowering hint)",
    )
    result = result(Tensor)
    body = region(single_block=True, doc="scalar body: one argument per input")
    assembly_format = "$inputs attr-dict `:` functional-type(operands, results) $body"

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        ts = [_ranked(x, f"inputs[{i}]") for i, x in enumerate(operands["inputs"])]
        if not result_types:
            raise CannotInferResultTypes("the element type comes from the result type")
        r = result_types[0]
        if not isinstance(r, RankedTensorType):
            raise ShapeError(f"result must be a ranked tensor, but got '{r}'")
        for i, t in enumerate(ts):
            _unidirectional(t, r.shape, f"inputs[{i}]", "the result")
        shape = broadcast([t.shape for t in ts]) if ts else ()
        if shape is None:
            raise ShapeError("inputs are not broadcast-compatible")
        if len(shape) != r.rank:
            raise ShapeError(f"result rank {r.rank} differs from the inputs' broadcast {shape}")
        return [_tensor(shape, r.element_type)]

    def verify(self) -> None:
        super().verify()
        block = self.body.entry
        if block is None:
            raise VerifyError(self, "requires a body block")
        elems = [v.type.element_type for v in self.inputs]
        if [arg.type for arg in block.args] != elems:
            shown = ", ".join(str(t) for t in elems)
            raise VerifyError(self, f"body arguments must be the input element types ({shown})")
        term = block.terminator
        if not isinstance(term, YieldOp) or len(term.operands) != 1:
            raise VerifyError(self, "body must end with an 'nn.yield' of one value")
        want = self.results[0].type.element_type
        if term.operands[0].type is not want:
            raise VerifyError(
                self, f"body yields '{term.operands[0].type}', but the result elements are "
                f"'{want}'"
            )  # fmt: skip

    def fold(self) -> list | None:
        return None  # evaluated by the interpreter (its body is scalar IR)


class YieldOp(Op):
    """`nn.yield %v : f32`: the element an `nn.elementwise` body computes."""

    __slots__ = ()
    OP_NAME = "nn.yield"
    summary = "terminator of an nn.elementwise body"
    traits = frozenset({Pure, IsTerminator, ReturnLike})
    values = var_operand()
    assembly_format = "attr-dict ($values^ `:` type($values))?"

    def verify(self) -> None:
        if not isinstance(self.parent_op, ElementwiseOp):
            raise VerifyError(self, "expects parent op 'nn.elementwise'")


OPS: list[type[NNOp]] = [
    ConstantOp, AddOp, SubOp, MulOp, DivOp, PowOp, MaxOp, MinOp, EqualOp, LessOp, GreaterOp,
    WhereOp, NegOp, AbsOp, ReluOp, SigmoidOp, TanhOp, ExpOp, LogOp, SqrtOp, ErfOp, IdentityOp,
    LeakyReluOp, GeluOp, ClipOp, CastOp, MatMulOp, GemmOp, Conv2DOp, BatchNormOp, MaxPool2DOp,
    AvgPool2DOp, MaxPool3DOp, AvgPool3DOp, GlobalAvgPoolOp, SoftmaxOp, LogSoftmaxOp, LayerNormOp,
    ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp, ReshapeOp, FlattenOp, TransposeOp,
    ConcatOp, SplitOp, SliceOp, GatherOp, PadOp, SqueezeOp, UnsqueezeOp, ExpandOp, LRNOp, ShapeOp,
    ElementwiseOp, YieldOp,
]  # fmt: skip

OPS_BY_NAME: dict[str, type[NNOp]] = {cls.OP_NAME: cls for cls in OPS}

__all__ = [cls.__name__ for cls in OPS] + [
    "OPS", "OPS_BY_NAME", "NNOp", "BinaryOp", "CompareOp", "UnaryOp", "PoolOp", "MaxPoolOp",
    "ReduceOp", "constant_array", "cast_to",
    "materialize_constant", "shape_bounds", "FOLD_LIMIT",
]  # fmt: skip
