"""nn ops: the tensor graph level (ONNX's operators on builtin ranked tensors), each with
result-type inference, a verifier built on that inference, a custom syntax and constant
folding through the numpy reference (`reference.py`).

Every op infers its result types from its operands and attributes (`AddOp(a, b)`), accepts
plain Python values for attributes (`Conv2DOp(x, w, None, strides=[2, 2])`), and verifies
given result types against the inferred ones (a dynamic dimension matches any size).
Parameters ONNX passes as inputs (reshape's shape, slice's starts...) are operands; shape
inference reads their values when an `nn.constant` (or any ConstantLike op) defines them
(`constant_array`), and leaves the affected dimensions dynamic otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from dialir.core.ir.attrs import (
    Attribute,
    BoolAttr,
    DenseArrayAttr,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    FloatAttr,
    IntegerAttr,
    Location,
    StringAttr,
    UnitAttr,
)
from dialir.core.ir.diagnostics import VerifyError
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
from dialir.core.ods.constraints import Constraint, SameAs
from dialir.core.ods.opdef import (
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
from dialir.dialects.nn.reference import evaluate
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


class CannotInfer(ShapeError):
    """The result type depends on something unknown (a non-constant operand whose length is
    dynamic...): the builder needs `result_types`, the verifier accepts any result type."""


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


# -- attribute constraints (with the conversion of plain Python values) -------------------------


class AttrKind(Constraint):
    """An attribute constraint that also converts a plain Python value to the attribute
    (`strides=[2, 2]` -> `array<i64: 2, 2>`), and back for shape inference."""

    __slots__ = ("convert", "value")

    def __init__(self, description: str, predicate: Callable, convert: Callable,
                 value: Callable) -> None:  # fmt: skip
        super().__init__(description, predicate)
        self.convert = convert
        self.value = value


I64Attr = AttrKind(
    "64-bit signless integer attribute",
    lambda a: isinstance(a, IntegerAttr) and a.type is i64,
    lambda v: IntegerAttr(int(v), i64),
    lambda a: a.value,
)
F32Attr = AttrKind(
    "32-bit float attribute",
    lambda a: isinstance(a, FloatAttr) and a.type is f32,
    lambda v: FloatAttr(float(v), f32),
    lambda a: a.value,
)
BoolAttrKind = AttrKind(
    "bool attribute",
    lambda a: isinstance(a, IntegerAttr) and a.type is i1,
    lambda v: BoolAttr(bool(v)),
    lambda a: bool(a.value),
)
StrAttr = AttrKind(
    "string attribute",
    lambda a: isinstance(a, StringAttr),
    lambda v: StringAttr(str(v)),
    lambda a: a.value,
)
I64ArrayAttr = AttrKind(
    "i64 dense array attribute",
    lambda a: isinstance(a, DenseArrayAttr) and a.element_type is i64,
    lambda v: DenseArrayAttr(i64, [int(x) for x in v]),
    lambda a: list(a.values),
)
TensorElementsAttr = AttrKind(
    "dense or dense_resource tensor attribute",
    lambda a: (
        isinstance(a, (DenseElementsAttr, DenseResourceElementsAttr))
        and isinstance(a.type, RankedTensorType)
    ),
    lambda v: array_to_attr(v),
    lambda a: a,
)


def _i64(default: int | None = None, doc: str = "", optional: bool = False) -> Any:
    d = None if default is None else IntegerAttr(default, i64)
    return attribute(I64Attr, default=d, optional=optional, doc=doc)


def _f32(default: float, doc: str = "") -> Any:
    return attribute(F32Attr, default=FloatAttr(default, f32), doc=doc)


def _bool(default: bool, doc: str = "") -> Any:
    return attribute(BoolAttrKind, default=BoolAttr(default), doc=doc)


def _str(default: str, doc: str = "") -> Any:
    return attribute(StrAttr, default=StringAttr(default), doc=doc)


def _ints(default: Sequence[int] | None = None, doc: str = "") -> Any:
    d = None if default is None else DenseArrayAttr(i64, list(default))
    return attribute(I64ArrayAttr, default=d, doc=doc)


class Attrs:
    """An op's attribute values as Python values, defaults filled in (None when absent)."""

    __slots__ = ("cls", "props", "extra")

    def __init__(self, cls: type[Op], props: dict, extra: dict | None = None) -> None:
        self.cls, self.props, self.extra = cls, props, extra or {}

    def __getitem__(self, name: str) -> Any:
        a = self.cls.definition.field(name)
        value = self.props.get(name)
        if value is None:
            value = self.extra.get(name)
        if value is None:
            value = a.default
        if value is None:
            if not a.optional:
                raise ShapeError(f"requires attribute '{name}'")
            return None
        kind: AttrKind = a.constraint
        if not kind.check(value):
            raise ShapeError(f"attribute '{name}' failed to satisfy constraint: {kind.description}")
        return kind.value(value)


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


class NNOp(Op):
    """Base of the nn ops: attribute conversion, inference-driven verification and constant
    folding through the numpy reference."""

    __slots__ = ()
    traits = frozenset({Pure})

    def __init__(self, *args: Any, result_types: Sequence[Type] | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        for a in type(self).definition.attributes:
            v = kwargs.get(a.name)
            if v is not None and not isinstance(v, Attribute):
                kwargs[a.name] = a.constraint.convert(v)
        super().__init__(*args, result_types=result_types, **kwargs)

    @classmethod
    def infer_result_types(cls, operands: dict[str, Any], attrs: dict) -> list[Type]:
        try:
            return cls.infer(operands, Attrs(cls, attrs), None)
        except CannotInfer as e:
            raise ValueError(
                f"'{cls.OP_NAME}' op cannot infer its result types ({e}): pass result_types="
            ) from None
        except ShapeError as e:
            raise ValueError(f"'{cls.OP_NAME}' op {e}") from None

    @classmethod
    def infer_for_builder(cls, args: Sequence[Any], kwargs: dict, results: Sequence) -> list[Type]:
        """`infer` for constructor arguments (operands positional or by name, attributes as
        Python values or Attributes) with a known number of results (`results`: placeholders
        or types): the builders of ops whose result count is a choice (split, layer_norm)."""
        d = cls.definition
        values = dict(zip([o.name for o in d.operands], args))
        values.update({o.name: kwargs[o.name] for o in d.operands if o.name in kwargs})
        props = {}
        for a in d.attributes:
            v = kwargs.get(a.name)
            if v is not None:
                props[a.name] = v if isinstance(v, Attribute) else a.constraint.convert(v)
        try:
            return cls.infer(values, Attrs(cls, props), results)
        except ShapeError as e:
            raise ValueError(f"'{cls.OP_NAME}' op {e}") from None

    @classmethod
    def infer(cls, v: dict[str, Any], a: Attrs, results: Sequence[Type] | None) -> list[Type]:
        """Result types from operands `v` (by field name), attribute values `a` and, when the
        op exists already, its given result types; raises ShapeError on invalid input."""
        raise NotImplementedError

    def attr_value(self, name: str) -> Any:
        """Attribute `name` as a Python value (int, float, bool, str, list of ints), its
        default when it is not set."""
        return Attrs(type(self), self.properties, self.attributes)[name]

    def operand_map(self) -> dict[str, Any]:
        return {o.name: getattr(self, o.name) for o in type(self).definition.operands}

    def verify(self) -> None:
        cls = type(self)
        try:
            inferred = cls.infer(
                self.operand_map(), Attrs(cls, self.properties, self.attributes),
                self.result_types,
            )  # fmt: skip
        except CannotInfer:
            return
        except ShapeError as e:
            raise VerifyError(self, str(e)) from None
        if len(inferred) != len(self.results):
            raise VerifyError(
                self, f"expected {len(inferred)} results, but it has {len(self.results)}"
            )
        for i, (r, t) in enumerate(zip(self.results, inferred)):
            if not _compatible(r.type, t):
                raise VerifyError(
                    self,
                    f"result #{i} type '{r.type}' is incompatible with the inferred type '{t}'",
                )

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
    def infer(cls, v, a, results):
        t = a["value"].type
        if not is_nn_element_type(t.element_type):
            raise ShapeError(f"value type '{t}' does not have an ONNX element type")
        return [t]

    def fold(self) -> list | None:
        return [self.value]


# -- elementwise binary ------------------------------------------------------------------------

_BINARY_FORMAT = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)"


def _binary(
    cls_name: str, name: str, summary: str, constraint: Constraint, *, boolean: bool = False,
    same_element: bool = True, commutative: bool = False,
) -> type[NNOp]:  # fmt: skip
    def infer(cls, v, a, results):
        lt, rt = _ranked(v["lhs"], "lhs"), _ranked(v["rhs"], "rhs")
        if same_element:
            _same_element(rt, lt, "rhs", "lhs")
        shape = _broadcast_or_fail([lt, rt], ["lhs", "rhs"])
        return [_tensor(shape, i1 if boolean else lt.element_type)]

    result_doc = "i1, broadcast shape" if boolean else "broadcast shape, lhs element type"
    return type(
        cls_name,
        (NNOp,),
        {
            "__slots__": (),
            "__doc__": f"`%r = {name} %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> "
            f"tensor<2x3x{'i1' if boolean else 'f32'}>`: {summary}, with numpy broadcasting.",
            "OP_NAME": name,
            "summary": summary,
            "traits": frozenset({Pure, Commutative} if commutative else {Pure}),
            "lhs": operand(constraint),
            "rhs": operand(constraint),
            "result": result(Tensor, doc=result_doc),
            "assembly_format": _BINARY_FORMAT,
            "infer": classmethod(infer),
        },
    )


AddOp = _binary("AddOp", "nn.add", "elementwise addition", NumericTensor, commutative=True)
SubOp = _binary("SubOp", "nn.sub", "elementwise subtraction", NumericTensor)
MulOp = _binary("MulOp", "nn.mul", "elementwise multiplication", NumericTensor, commutative=True)
DivOp = _binary(
    "DivOp", "nn.div", "elementwise division (integers truncate toward zero)", NumericTensor
)
PowOp = _binary(
    "PowOp", "nn.pow", "elementwise power (the exponent may have another element type)",
    NumericTensor, same_element=False,
)  # fmt: skip
MaxOp = _binary("MaxOp", "nn.max", "elementwise maximum", NumericTensor, commutative=True)
MinOp = _binary("MinOp", "nn.min", "elementwise minimum", NumericTensor, commutative=True)
EqualOp = _binary("EqualOp", "nn.equal", "elementwise ==", Tensor, boolean=True, commutative=True)
LessOp = _binary("LessOp", "nn.less", "elementwise <", NumericTensor, boolean=True)
GreaterOp = _binary("GreaterOp", "nn.greater", "elementwise >", NumericTensor, boolean=True)


def _is_splat(value: Value, scalar: float) -> bool:
    arr = constant_array(value)
    return arr is not None and arr.size > 0 and bool(np.all(arr == scalar))


def _identity_rhs(scalar: float) -> Callable:
    """`op(x, c) -> x` where c is a constant splat of `scalar` and the result type is x's."""

    def simplify(self: NNOp) -> list | None:
        if _is_splat(self.rhs, scalar):
            return _same_type_if(self.lhs, self)
        return None

    return simplify


def _identity_either(scalar: float) -> Callable:
    def simplify(self: NNOp) -> list | None:
        if _is_splat(self.rhs, scalar):
            return _same_type_if(self.lhs, self)
        if _is_splat(self.lhs, scalar):
            return _same_type_if(self.rhs, self)
        return None

    return simplify


AddOp.simplify = _identity_either(0)  # x + 0 -> x, 0 + x -> x
SubOp.simplify = _identity_rhs(0)  # x - 0 -> x
MulOp.simplify = _identity_either(1)  # x * 1 -> x, 1 * x -> x
DivOp.simplify = _identity_rhs(1)  # x / 1 -> x


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
    def infer(cls, v, a, results):
        ct, xt, yt = (_ranked(v[n], n) for n in ("condition", "x", "y"))
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

_UNARY_FORMAT = "$input attr-dict `:` type($result)"


def _unary(cls_name: str, name: str, summary: str, constraint: Constraint,
           **fields: Any) -> type[NNOp]:  # fmt: skip
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        for f in cls.definition.attributes:
            a[f.name]  # noqa: B018  (checks the attribute's kind)
        cls.check_attrs(a)
        return [t]

    namespace = {
        "__slots__": (),
        "__doc__": f"`%r = {name} %x : tensor<2x3xf32>`: {summary}.",
        "OP_NAME": name,
        "summary": summary,
        "input": operand(constraint),
        "result": result(SameAs("input")),
        "assembly_format": _UNARY_FORMAT,
        "infer": classmethod(infer),
        "check_attrs": classmethod(lambda cls, a: None),
    }
    namespace.update(fields)
    return type(cls_name, (NNOp,), namespace)


NegOp = _unary("NegOp", "nn.neg", "elementwise negation", SignedTensor)
AbsOp = _unary("AbsOp", "nn.abs", "elementwise absolute value", NumericTensor)
ReluOp = _unary("ReluOp", "nn.relu", "max(x, 0)", SignedTensor)
SigmoidOp = _unary("SigmoidOp", "nn.sigmoid", "1 / (1 + exp(-x))", FloatTensor)
TanhOp = _unary("TanhOp", "nn.tanh", "hyperbolic tangent", FloatTensor)
ExpOp = _unary("ExpOp", "nn.exp", "e to the x", FloatTensor)
LogOp = _unary("LogOp", "nn.log", "natural logarithm", FloatTensor)
SqrtOp = _unary("SqrtOp", "nn.sqrt", "square root", FloatTensor)
ErfOp = _unary("ErfOp", "nn.erf", "error function", NumericTensor)
IdentityOp = _unary(
    "IdentityOp", "nn.identity", "the input itself (ONNX Identity, and Dropout in inference)",
    Tensor, simplify=lambda self: [self.input],
)  # fmt: skip
LeakyReluOp = _unary(
    "LeakyReluOp", "nn.leaky_relu", "x where x >= 0, alpha * x elsewhere", FloatTensor,
    alpha=_f32(0.01, "slope for x < 0"),
)  # fmt: skip
GELU_APPROXIMATIONS = ("none", "tanh")
GeluOp = _unary(
    "GeluOp", "nn.gelu",
    "Gaussian error linear unit, exact (`none`) or with the tanh approximation", FloatTensor,
    approximate=_str("none", "`none` or `tanh`"),
    check_attrs=classmethod(lambda cls, a: _check_choice(a, "approximate", GELU_APPROXIMATIONS)),
)  # fmt: skip
LRNOp = _unary(
    "LRNOp", "nn.lrn",
    "local response normalization across channels of an NCHW tensor: "
    "x / (bias + alpha / size * sum of squares over `size` channels) ^ beta",
    FloatTensor,
    size=_i64(doc="number of channels summed (required)"),
    alpha=_f32(1e-4), beta=_f32(0.75), bias=_f32(1.0),
)  # fmt: skip


def _lrn_check(cls, a: Attrs) -> None:
    if a["size"] <= 0:
        raise ShapeError(f"attribute 'size' must be positive, but got {a['size']}")


def _lrn_infer(cls, v, a, results):
    t = _of_rank(v["input"], "input", 4)
    _lrn_check(cls, a)
    for name in ("alpha", "beta", "bias"):
        a[name]  # noqa: B018
    return [t]


LRNOp.infer = classmethod(_lrn_infer)


def _check_choice(a: Attrs, name: str, choices: Sequence[str]) -> None:
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
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        for name in ("min", "max"):
            if v.get(name) is not None:
                _scalar(v[name], name, t, "input")
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
    saturate = _bool(
        True, "to f8E4M3FN/f8E4M3FNUZ/f8E5M2/f8E5M2FNUZ/f8E8M0FNU: out-of-range values "
        "(infinities too) become the largest finite value of their sign, not inf or NaN",
    )  # fmt: skip
    round_mode = _str("up", "to f8E8M0FNU: how to round to a power of two: up, down, nearest")
    result = result(Tensor, doc="the input's shape with the target element type")
    assembly_format = "$input attr-dict `:` type($input) `to` type($result)"

    @classmethod
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        if a["round_mode"] not in ("up", "down", "nearest"):
            raise ShapeError(
                "attribute 'round_mode' must be one of up, down, nearest, but got "
                f"'{a['round_mode']}'"
            )
        if not results:
            raise CannotInfer("the target element type comes from the result type")
        r = results[0]
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
    def infer(cls, v, a, results):
        lt, rt = _ranked(v["lhs"], "lhs"), _ranked(v["rhs"], "rhs")
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
    alpha = _f32(1.0)
    beta = _f32(1.0)
    trans_a = _bool(False)
    trans_b = _bool(False)
    result = result(Tensor)
    assembly_format = "$a `,` $b (`,` $c^)? attr-dict `:` functional-type(operands, results)"

    @classmethod
    def infer(cls, v, a, results):
        at, bt = _of_rank(v["a"], "a", 2), _of_rank(v["b"], "b", 2)
        _same_element(bt, at, "b", "a")
        m, k1 = reversed(at.shape) if a["trans_a"] else at.shape
        k2, n = reversed(bt.shape) if a["trans_b"] else bt.shape
        a["alpha"], a["beta"]  # noqa: B018
        if k1 is not None and k2 is not None and k1 != k2:
            raise ShapeError(
                f"contracting dimensions differ: 'a' ({at}) gives {k1}, 'b' ({bt}) gives {k2}"
            )
        if v.get("c") is not None:
            ct = _ranked(v["c"], "c")
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
    strides = _ints([1, 1])
    dilations = _ints([1, 1])
    pads = _ints([0, 0, 0, 0], "top, left, bottom, right")
    group = _i64(1)
    result = result(Tensor)
    assembly_format = (
        "$input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)"
    )

    @classmethod
    def infer(cls, v, a, results):
        xt = _of_rank(v["input"], "input", 4)
        wt = _of_rank(v["weight"], "weight", 4)
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
        if v.get("bias") is not None:
            bt = _of_rank(v["bias"], "bias", 1)
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
    epsilon = _f32(1e-5)
    result = result(Tensor)
    assembly_format = (
        "$input `,` $scale `,` $bias `,` $mean `,` $var attr-dict `:` "
        "functional-type(operands, results)"
    )

    @classmethod
    def infer(cls, v, a, results):
        xt = _ranked(v["input"], "input")
        if xt.rank < 2:
            raise ShapeError(f"operand 'input' must have rank 2 or more, but got '{xt}'")
        c = xt.shape[1]
        for name in ("scale", "bias", "mean", "var"):
            pt = _of_rank(v[name], name, 1)
            if pt.shape[0] is not None and c is not None and pt.shape[0] != c:
                raise ShapeError(
                    f"operand '{name}' must have {c} elements (the input's channels), "
                    f"but got '{pt}'"
                )
        a["epsilon"]  # noqa: B018
        return [xt]


def _pool_infer(cls, v, a, results):
    """N x C x (one window_out_dim per spatial dimension); max pooling's optional indices
    result has that shape too, in i64."""
    n = cls.spatial_dims
    xt = _of_rank(v["input"], "input", n + 2)
    kernel, strides, pads, dilations = a["kernel_shape"], a["strides"], a["pads"], a["dilations"]
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
    out = _tensor((*xt.shape[:2], *spatial), xt.element_type)
    if cls.definition.field("indices") is None:
        return [out]
    order = a["storage_order"]
    if order not in (0, 1):
        raise ShapeError(f"attribute 'storage_order' must be 0 or 1, but got {order}")
    if results is None or len(results) == 1:
        return [out]
    return [out, _tensor(out.shape, i64)]


def _pool_init(self, *args: Any, indices: bool = False,
               result_types: Sequence[Type] | None = None, **kwargs: Any) -> None:  # fmt: skip
    """`indices=True` adds the Indices result."""
    if result_types is None and indices:
        result_types = type(self).infer_for_builder(args, kwargs, [None] * 2)
    NNOp.__init__(self, *args, result_types=result_types, **kwargs)


_POOL_FORMAT = "$input attr-dict `:` functional-type(operands, results)"
_POOL_LAYOUTS = {2: ("NCHW", "N x C x H x W", "H, W"), 3: ("NCDHW", "N x C x D x H x W", "D, H, W")}
_POOL_EXAMPLES = {
    ("max", 2): "%r = nn.max_pool2d %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: "
    "2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>",
    ("avg", 2): "%r = nn.avg_pool2d %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, "
    "1, 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>",
    ("max", 3): "%r, %i = nn.max_pool3d %x {kernel_shape = array<i64: 2, 2, 2>, strides = "
    "array<i64: 2, 2, 2>} : (tensor<1x3x8x8x8xf32>) -> (tensor<1x3x4x4x4xf32>, "
    "tensor<1x3x4x4x4xi64>)",
    ("avg", 3): "%r = nn.avg_pool3d %x {kernel_shape = array<i64: 3, 3, 3>, pads = array<i64: "
    "1, 1, 1, 1, 1, 1>} : (tensor<1x3x8x8x8xf32>) -> tensor<1x3x8x8x8xf32>",
}


def _pool(cls_name: str, kind: str, n: int) -> type[NNOp]:
    """`nn.max_pool{n}d` / `nn.avg_pool{n}d`: one definition for every number of spatial
    dimensions, with ONNX's attributes (pads: all begins, then all ends)."""
    layout, dims, names = _POOL_LAYOUTS[n]
    what = "max" if kind == "max" else "average"
    name = f"nn.{kind}_pool{n}d"
    if kind == "max":
        detail = (
            "padding never wins, and with ceil_mode a last partial window is kept. The "
            "optional `indices` result (ONNX MaxPool's Indices) holds the flat position in the "
            "whole input of each window's first maximum, in `storage_order`"
        )
        input_constraint = NumericTensor
    else:
        detail = "padding counts toward the divisor only with count_include_pad"
        input_constraint = FloatTensor
    ns: dict[str, Any] = {
        "__slots__": (),
        "__doc__": f"`{_POOL_EXAMPLES[kind, n]}`: {n}-D {what} pooling of an {layout} tensor; "
        f"{detail}.",
        "OP_NAME": name,
        "summary": f"{n}-D {what} pooling ({layout})",
        "spatial_dims": n,
        "input": operand(input_constraint, doc=dims),
        "kernel_shape": _ints(doc=f"k{', k'.join(names.split(', '))} (required)"),
        "strides": _ints([1] * n),
        "pads": _ints([0] * (2 * n), f"begins ({names}), then ends"),
        "dilations": _ints([1] * n),
        "ceil_mode": _bool(False),
    }
    if kind == "max":
        ns["storage_order"] = _i64(
            0, "of `indices`: 0 row-major, 1 column-major over the spatial dimensions"
        )
    else:
        ns["count_include_pad"] = _bool(False)
    ns["result"] = result(Tensor)
    if kind == "max":
        ns["indices"] = opt_result(
            _tensor_of("ranked tensor of 64-bit signless integer values", lambda t: t is i64),
            doc="i64, the result's shape: flat indices into the input",
        )
        ns["__init__"] = _pool_init
    ns["assembly_format"] = _POOL_FORMAT
    ns["infer"] = classmethod(_pool_infer)
    return type(cls_name, (NNOp,), ns)


MaxPool2DOp = _pool("MaxPool2DOp", "max", 2)
AvgPool2DOp = _pool("AvgPool2DOp", "avg", 2)
MaxPool3DOp = _pool("MaxPool3DOp", "max", 3)
AvgPool3DOp = _pool("AvgPool3DOp", "avg", 3)


class GlobalAvgPoolOp(NNOp):
    """`%r = nn.global_avg_pool %x : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x1xf32>`: the mean
    over all spatial dimensions (2 and up), kept as size-1 dimensions."""

    __slots__ = ()
    OP_NAME = "nn.global_avg_pool"
    summary = "global average pooling"
    input = operand(FloatTensor, doc="N x C x D1 x ...")
    result = result(Tensor)
    assembly_format = _POOL_FORMAT

    @classmethod
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        if t.rank < 3:
            raise ShapeError(f"operand 'input' must have rank 3 or more, but got '{t}'")
        return [_tensor((*t.shape[:2], *([1] * (t.rank - 2))), t.element_type)]


def _axis_infer(cls, v, a, results):
    t = _ranked(v["input"], "input")
    normalize_axis(a["axis"], t.rank, "attribute 'axis'")
    return [t]


SoftmaxOp = _unary(
    "SoftmaxOp", "nn.softmax", "exp(x) / sum(exp(x)) along one axis (ONNX opset 13)",
    FloatTensor, axis=_i64(-1), infer=classmethod(_axis_infer),
)  # fmt: skip
LogSoftmaxOp = _unary(
    "LogSoftmaxOp", "nn.log_softmax", "log(softmax(x)) along one axis (ONNX opset 13)",
    FloatTensor, axis=_i64(-1), infer=classmethod(_axis_infer),
)  # fmt: skip


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
    axis = _i64(-1, "first normalized dimension")
    epsilon = _f32(1e-5)
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
                 result_types: Sequence[Type] | None = None, **kwargs: Any) -> None:  # fmt: skip
        """`stats=True` adds the Mean and InvStdDev results."""
        if result_types is None and stats:
            result_types = type(self).infer_for_builder(args, kwargs, [None] * 3)
        super().__init__(*args, result_types=result_types, **kwargs)

    @classmethod
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        axis = normalize_axis(a["axis"], t.rank, "attribute 'axis'")
        a["epsilon"]  # noqa: B018
        for name in ("scale", "bias"):
            if v.get(name) is not None:
                pt = _ranked(v[name], name)
                _same_element(pt, t, name, "input")
                _unidirectional(pt, t.shape[axis:], name, "the normalized dimensions")
        if results is None or len(results) == 1:
            return [t]
        if len(results) != 3:
            raise ShapeError(
                f"expected 1 or 3 results (with Mean and InvStdDev), not {len(results)}"
            )
        stats_elem = t.element_type if getattr(t.element_type, "kind", "") == "f64" else f32
        stats = _tensor((*t.shape[:axis], *([1] * (t.rank - axis))), stats_elem)
        return [t, stats, stats]


# -- reductions --------------------------------------------------------------------------------


def _reduce_infer(cls, v, a, results):
    t = _ranked(v["input"], "input")
    keepdims, noop = a["keepdims"], a["noop_with_empty_axes"]
    axes_v = v.get("axes")
    if axes_v is None:
        axes: list[int] | None = []
    else:
        axes = _vector_values(axes_v, "axes")
        if axes is None:
            n = _vector_length(axes_v, "axes")
            if keepdims:
                return [_tensor([None] * t.rank, t.element_type)]
            if n is None:
                raise CannotInfer("the number of reduced axes is unknown")
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


def _reduce(cls_name: str, name: str, summary: str, constraint: Constraint) -> type[NNOp]:
    return type(
        cls_name,
        (NNOp,),
        {
            "__slots__": (),
            "__doc__": f"`%r = {name} %x, %axes : (tensor<2x3xf32>, tensor<1xi64>) -> "
            f"tensor<2x1xf32>`: {summary} over `axes` (all axes when absent or empty, unless "
            "noop_with_empty_axes), keeping reduced dimensions as 1 with keepdims.",
            "OP_NAME": name,
            "summary": summary,
            "input": operand(constraint),
            "axes": opt_operand(I64Vector, doc="1-D, the axes to reduce"),
            "keepdims": _bool(True),
            "noop_with_empty_axes": _bool(False),
            "result": result(Tensor),
            "assembly_format": (
                "$input (`,` $axes^)? attr-dict `:` functional-type(operands, results)"
            ),
            "infer": classmethod(_reduce_infer),
        },
    )


ReduceSumOp = _reduce("ReduceSumOp", "nn.reduce_sum", "sum", NumericTensor)
ReduceMeanOp = _reduce("ReduceMeanOp", "nn.reduce_mean", "mean", NumericTensor)
ReduceMaxOp = _reduce("ReduceMaxOp", "nn.reduce_max", "maximum", Tensor)  # bools too (opset 20)
ReduceMinOp = _reduce("ReduceMinOp", "nn.reduce_min", "minimum", Tensor)


# -- shape manipulation ------------------------------------------------------------------------


class ReshapeOp(NNOp):
    """`%r = nn.reshape %x, %shape : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>`:
    ONNX Reshape (a 0 copies the input dimension unless allowzero, one -1 is inferred)."""

    __slots__ = ()
    OP_NAME = "nn.reshape"
    summary = "reshape"
    input = operand(Tensor)
    shape = operand(I64Vector, doc="1-D, the new shape")
    allowzero = _bool(False, "a 0 in `shape` is a zero-size dimension, not a copy")
    result = result(Tensor)
    assembly_format = _BINARY_FORMAT.replace("$lhs", "$input").replace("$rhs", "$shape")

    @classmethod
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        target = _vector_values(v["shape"], "shape")
        allowzero = a["allowzero"]
        if target is None:
            n = _vector_length(v["shape"], "shape")
            if n is None:
                raise CannotInfer("the length of 'shape' is dynamic")
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
    axis = _i64(1, "in [-rank, rank]")
    result = result(Tensor)
    assembly_format = _POOL_FORMAT

    @classmethod
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
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
    perm = _ints(doc="a permutation of the dimensions (required)")
    result = result(Tensor)
    assembly_format = _POOL_FORMAT

    @classmethod
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
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
    axis = _i64(doc="required")
    result = result(Tensor)
    assembly_format = "$inputs attr-dict `:` functional-type(operands, results)"

    @classmethod
    def infer(cls, v, a, results):
        values = list(v.get("inputs") or ())
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
    axis = _i64(0)
    outputs = var_result(Tensor)
    assembly_format = "$input (`,` $split^)? attr-dict `:` functional-type(operands, results)"

    def __init__(self, *args: Any, num_outputs: int | None = None,
                 result_types: Sequence[Type] | None = None, **kwargs: Any) -> None:  # fmt: skip
        """`num_outputs` gives the number of parts where `split` is not a constant."""
        if result_types is None and num_outputs is not None:
            result_types = type(self).infer_for_builder(args, kwargs, [None] * num_outputs)
        super().__init__(*args, result_types=result_types, **kwargs)

    @classmethod
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        axis = normalize_axis(a["axis"], t.rank, "attribute 'axis'")
        dim = t.shape[axis]
        sizes: list | None = None
        if v.get("split") is not None:
            sizes = _vector_values(v["split"], "split")
            n = _vector_length(v["split"], "split")
            if results is not None and n is not None and n != len(results):
                raise ShapeError(f"'split' has {n} sizes, but the op has {len(results)} results")
            if sizes is not None:
                if any(s < 0 for s in sizes):
                    raise ShapeError(f"split sizes must be non-negative, but got {sizes}")
                if dim is not None and sum(sizes) != dim:
                    raise ShapeError(
                        f"split sizes {sizes} do not add up to dimension {axis} ({dim})"
                    )
            count = len(sizes) if sizes is not None else n
        else:
            count = None if results is None else len(results)
        if count is None:
            raise CannotInfer("the number of results is unknown: pass num_outputs=")
        if count == 0:
            raise ShapeError("requires at least one result")
        if sizes is None:
            sizes = [None] * count if dim is None or v.get("split") else split_sizes(dim, count)
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
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        n = _vector_length(v["starts"], "starts")
        for name in ("ends", "axes", "steps"):
            if v.get(name) is not None:
                m = _vector_length(v[name], name)
                if n is not None and m is not None and m != n:
                    raise ShapeError(f"operand '{name}' must have {n} elements like 'starts'")
        starts, ends = _vector_values(v["starts"], "starts"), _vector_values(v["ends"], "ends")
        if v.get("axes") is not None:
            axes = _vector_values(v["axes"], "axes")
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
        if v.get("steps") is not None:
            steps = _vector_values(v["steps"], "steps")
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
    axis = _i64(0)
    result = result(Tensor)
    assembly_format = _BINARY_FORMAT.replace("$lhs", "$input").replace("$rhs", "$indices")

    @classmethod
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        it = _ranked(v["indices"], "indices")
        if t.rank == 0:
            raise ShapeError("operand 'input' must have rank 1 or more")
        axis = normalize_axis(a["axis"], t.rank, "attribute 'axis'")
        dim = t.shape[axis]
        idx = constant_array(v["indices"])
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
    mode = _str("constant", "`constant`, `reflect`, `edge` or `wrap`")
    result = result(Tensor)
    assembly_format = (
        "$input `,` $pads (`value` $constant_value^)? (`axes` $axes^)? attr-dict `:` "
        "functional-type(operands, results)"
    )

    @classmethod
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        _check_choice(a, "mode", PAD_MODES)
        if v.get("constant_value") is not None:
            _scalar(v["constant_value"], "constant_value", t, "input")
        if v.get("axes") is not None:
            axes = _vector_values(v["axes"], "axes")
            if axes is None:
                return [_tensor([None] * t.rank, t.element_type)]
            axes = normalize_axes(axes, t.rank)
        else:
            axes = list(range(t.rank))
        n = _vector_length(v["pads"], "pads")
        if n is not None and n != 2 * len(axes):
            raise ShapeError(
                f"operand 'pads' must have {2 * len(axes)} elements (2 per padded axis), "
                f"but has {n}"
            )
        pads = _vector_values(v["pads"], "pads")
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
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        if v.get("axes") is None:
            return [_tensor([d for d in t.shape if d != 1], t.element_type)]
        axes = _vector_values(v["axes"], "axes")
        if axes is None:
            n = _vector_length(v["axes"], "axes")
            if n is None:
                raise CannotInfer("the number of squeezed axes is unknown")
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
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        axes = _vector_values(v["axes"], "axes")
        if axes is None:
            n = _vector_length(v["axes"], "axes")
            if n is None:
                raise CannotInfer("the number of inserted axes is unknown")
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
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
        target = _vector_values(v["shape"], "shape")
        if target is None:
            n = _vector_length(v["shape"], "shape")
            if n is None:
                raise CannotInfer("the length of 'shape' is dynamic")
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
    start = _i64(0)
    end = _i64(optional=True, doc="default: the rank")
    result = result(Tensor)
    assembly_format = _POOL_FORMAT

    @classmethod
    def infer(cls, v, a, results):
        t = _ranked(v["input"], "input")
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
        Constraint("unit attribute", lambda a: isinstance(a, UnitAttr)),
        optional=True,
        doc="the body is the epilogue of the op defining the first input (a lowering hint)",
    )
    result = result(Tensor)
    body = region(single_block=True, doc="scalar body: one argument per input")
    assembly_format = "$inputs attr-dict `:` functional-type(operands, results) $body"

    @classmethod
    def infer(cls, v, a, results):
        ts = [_ranked(x, f"inputs[{i}]") for i, x in enumerate(v["inputs"])]
        if not results:
            raise CannotInfer("the element type comes from the result type")
        r = results[0]
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
    "OPS", "OPS_BY_NAME", "NNOp", "Attrs", "CannotInfer", "constant_array", "cast_to",
    "materialize_constant", "shape_bounds", "FOLD_LIMIT",
]  # fmt: skip
