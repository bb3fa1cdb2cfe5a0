"""Constant-folding kernels shared by arith and math folders.

A constant operand is an `IntegerAttr`, a `FloatAttr` or a `DenseElementsAttr` (splat or
not); folding works elementwise on all three and returns the same kind of attribute.

Integers are folded exactly, as Python ints holding the value's bit pattern (`0 <= v < 2**w`),
so every width wraps like hardware and each op reads the bits as signed or unsigned as its
semantics say; `index` is 64 bits wide. Floats are folded with numpy in the element type's own
precision (f16, f32, f64), so each result is rounded once, as IEEE 754 says. A kernel raises
`NoFold` where MLIR does not fold (division by zero, signed overflow, poison shifts...).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dialir.core.ir.attrs import Attribute, DenseElementsAttr, FloatAttr, IntegerAttr
from dialir.core.ir.dtypes import NUMPY_FLOATS, float_dtype, numpy_dtype
from dialir.core.ir.lazy import np
from dialir.core.ir.operation import OpResult, Value
from dialir.core.ir.traits import ConstantLike
from dialir.core.ir.types import (
    FloatType,
    IndexType,
    IntegerType,
    RankedTensorType,
    ShapedType,
    Type,
    VectorType,
)

INDEX_WIDTH = 64


class NoFold(Exception):
    """Raised by a kernel when the result is undefined (poison) or must not be folded."""


# -- reading constants -------------------------------------------------------------------------


def constant_value(v: Value) -> Attribute | None:
    """The attribute of the constant op defining `v` (MLIR's `m_Constant`), else None."""
    if not isinstance(v, OpResult):
        return None
    op = v.owner
    if not type(op).is_registered or ConstantLike not in type(op).traits:
        return None
    value = op.properties.get("value")
    return op.attributes.get("value") if value is None else value


def element_type(t: Type) -> Type:
    return t.element_type if isinstance(t, ShapedType) else t


def int_width(t: Type) -> int:
    """Bit width of an integer-like type's elements (index: 64)."""
    t = element_type(t)
    return INDEX_WIDTH if isinstance(t, IndexType) else t.width


def to_signed(v: int, width: int) -> int:
    return v - (1 << width) if v >> (width - 1) & 1 else v


def wrap(v: int, width: int) -> int:
    return v & ((1 << width) - 1)


def _elements(attr: Attribute) -> list | None:
    """The attribute's elements as a flat list (one element for scalars and splats)."""
    if isinstance(attr, (IntegerAttr, FloatAttr)):
        return [attr.value]
    if isinstance(attr, DenseElementsAttr):
        if attr.is_splat:
            return [attr.splat_value.item()]
        return attr.array.reshape(-1).tolist()
    return None


def int_elements(attr: Attribute | None) -> list[int] | None:
    """Bit patterns of an integer constant's elements, or None if `attr` is not one."""
    if attr is None or not isinstance(element_type(attr.type), (IntegerType, IndexType)):
        return None
    values = _elements(attr)
    if values is None:
        return None
    w = int_width(attr.type)
    return [wrap(int(v), w) for v in values]


def float_elements(attr: Attribute | None) -> np.ndarray | None:
    """A float constant's elements as a numpy array of the element type's precision."""
    if attr is None:
        return None
    t = element_type(attr.type)
    if not isinstance(t, FloatType) or t.kind not in NUMPY_FLOATS:
        return None  # bf16 and the small float formats have no numpy arithmetic to fold in
    values = _elements(attr)
    return None if values is None else np.array(values, dtype=NUMPY_FLOATS[t.kind])


def is_splat_of(attr: Attribute | None, pred: Callable[[Any], bool]) -> bool:
    """Whether every element of a constant satisfies `pred` (bit patterns for integers)."""
    ints = int_elements(attr)
    if ints is not None:
        return len(set(ints)) == 1 and pred(ints[0])
    floats = float_elements(attr)
    if floats is not None:
        same = (floats == floats[0]) | (np.isnan(floats) & np.isnan(floats[0]))
        return bool(np.all(same)) and pred(float(floats[0]))
    return False


# -- building results --------------------------------------------------------------------------


def _attr(values: list, t: Type) -> Attribute:
    et = element_type(t)
    if isinstance(t, ShapedType):
        data = values[0] if len(values) == 1 else np.array(values, dtype=numpy_dtype(et))
        if len(values) > 1:
            data = data.reshape(t.shape)
        return DenseElementsAttr(t, data)
    if isinstance(et, FloatType):
        return FloatAttr(values[0], t)
    return IntegerAttr(values[0], t)


def int_attr(bits: list[int], t: Type) -> Attribute:
    """An integer constant of type `t` from bit patterns (wrapped to the width here)."""
    w = int_width(t)
    out = [wrap(b, w) for b in bits]
    if w > 1:
        out = [to_signed(b, w) for b in out]  # MLIR prints signless values as signed
    return _attr(out, t)


def float_attr(values: np.ndarray, t: Type) -> Attribute:
    return _attr([float(v) for v in np.asarray(values).reshape(-1)], t)


def splat(value: int | float, t: Type) -> Attribute | None:
    """A constant of type `t` with every element `value` (an int is a bit pattern); None
    where `t` cannot hold a constant (a dynamic or unranked shape, a memref)."""
    if isinstance(t, ShapedType) and not (
        isinstance(t, (VectorType, RankedTensorType)) and t.has_static_shape
    ):
        return None
    if isinstance(element_type(t), FloatType):
        return _attr([float(value)], t)
    return int_attr([int(value)], t)


def _broadcast(a: list, b: list) -> tuple[list, list]:
    if len(a) == len(b):
        return a, b
    if len(a) == 1:
        return a * len(b), b
    return a, b * len(a)


# -- kernels -----------------------------------------------------------------------------------

IntBinaryFn = Callable[[int, int, int], int]  # (a, b, width) -> bits


def fold_int_binary(lhs: Attribute | None, rhs: Attribute | None, t: Type, fn: IntBinaryFn):
    """Elementwise `fn` on two integer constants; None if either is not one or a kernel
    refuses."""
    a, b = int_elements(lhs), int_elements(rhs)
    if a is None or b is None:
        return None
    w = int_width(lhs.type)
    try:
        return int_attr([fn(x, y, w) for x, y in zip(*_broadcast(a, b))], t)
    except NoFold:
        return None


def fold_int_unary(operand: Attribute | None, t: Type, fn: Callable[[int, int], int]):
    a = int_elements(operand)
    if a is None:
        return None
    w = int_width(operand.type)
    try:
        return int_attr([fn(x, w) for x in a], t)
    except NoFold:
        return None


def fold_float_binary(lhs: Attribute | None, rhs: Attribute | None, t: Type, fn: Callable):
    a, b = float_elements(lhs), float_elements(rhs)
    if a is None or b is None:
        return None
    with np.errstate(all="ignore"):
        out = fn(*np.broadcast_arrays(a, b)).astype(a.dtype)
    return float_attr(out, t)


def fold_float_unary(operand: Attribute | None, t: Type, fn: Callable):
    a = float_elements(operand)
    if a is None:
        return None
    with np.errstate(all="ignore"):
        out = np.asarray(fn(a)).astype(a.dtype)
    return float_attr(out, t)


def fold_float_ternary(a: Attribute | None, b: Attribute | None, c: Attribute | None, t, fn):
    x, y, z = float_elements(a), float_elements(b), float_elements(c)
    if x is None or y is None or z is None:
        return None
    with np.errstate(all="ignore"):
        out = np.asarray(fn(*np.broadcast_arrays(x, y, z))).astype(x.dtype)
    return float_attr(out, t)


def fold_cmp(lhs: Attribute | None, rhs: Attribute | None, t: Type, fn: Callable) -> Any:
    """Elementwise predicate on two integer or float constants: an i1 constant."""
    a, b = int_elements(lhs), int_elements(rhs)
    if a is None or b is None:
        fa, fb = float_elements(lhs), float_elements(rhs)
        if fa is None or fb is None:
            return None
        a, b = fa.tolist(), fb.tolist()
    w = int_width(lhs.type) if isinstance(element_type(lhs.type), (IntegerType, IndexType)) else 0
    return int_attr([int(bool(fn(x, y, w))) for x, y in zip(*_broadcast(a, b))], t)


def fold_cast(operand: Attribute | None, t: Type, fn: Callable[[Any], Any]) -> Any:
    """Elementwise cast of an integer (bit patterns) or float (numpy scalars) constant to
    type `t`; `fn` returns a bit pattern or a float as `t` needs."""
    values: Any = int_elements(operand)
    if values is None:
        floats = float_elements(operand)
        if floats is None and operand is not None:
            # No arithmetic needed: a bf16 (or smaller) value is exact as a Python float.
            et = element_type(operand.type)
            if isinstance(et, FloatType) and float_dtype(et.kind) is not None:
                floats = _elements(operand)
        if floats is None:
            return None
        values = list(floats)
    try:
        out = [fn(v) for v in values]
    except NoFold:
        return None
    if isinstance(element_type(t), FloatType):
        return _attr([float(v) for v in out], t)
    return int_attr([int(v) for v in out], t)
