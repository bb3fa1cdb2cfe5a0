"""numpy <-> nn tensor values: element types and dtypes, and the arrays behind `dense` and
`dense_resource` attributes.

nn arrays hold each element type in its `compute_dtype` (dialir.core.ir.dtypes, the one map):
bf16 in float32 arrays, rounded to bf16 precision; the storage formats (ONNX's float8/float4)
in ml_dtypes' arrays; the 2- and 4-bit integers widened to int8/uint8.
"""

from __future__ import annotations

from typing import Any

from dialir.core.ir.attrs import Attribute, DenseElementsAttr, DenseResourceElementsAttr
from dialir.core.ir.context import Context, ResourceBlob
from dialir.core.ir.dtypes import compute_dtype, ml_dtypes, numpy_dtype, round_bf16
from dialir.core.ir.lazy import np
from dialir.core.ir.types import FloatType, IntegerType, RankedTensorType, Type

STORAGE_FLOATS = frozenset(
    {"f8E4M3FN", "f8E4M3FNUZ", "f8E5M2", "f8E5M2FNUZ", "f8E8M0FNU", "f4E2M1FN"}
)
"""The float kinds nn stores, moves and casts but computes nothing in (ONNX allows them only
in Cast, data movement and quantization); their dtypes are ml_dtypes' (`numpy_dtype`)."""

_SUB_BYTE_INT_NAMES = {
    (4, False): "int4",
    (4, True): "uint4",
    (2, False): "int2",
    (2, True): "uint2",
}


def __getattr__(name: str) -> Any:
    """`SUB_BYTE_INTS`: (width, unsigned) -> ml_dtypes' dtype of the 2- and 4-bit integers
    (storage-only like STORAGE_FLOATS; nn arrays hold them widened to int8/uint8, ONNX's arrays
    in these dtypes). Built on first use, so that loading nn does not import ml_dtypes."""
    if name != "SUB_BYTE_INTS":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    table = {k: np.dtype(getattr(ml_dtypes(), n)) for k, n in _SUB_BYTE_INT_NAMES.items()}
    globals()[name] = table
    return table


_DTYPE_TO_TYPE: dict[np.dtype, Type] = {}  # built on first use (it names ml_dtypes' dtypes)


def is_nn_element_type(t: Type) -> bool:
    """f16/bf16/f32/f64, i1, signless i8..i64 (ONNX signed ints), ui8..ui64, and the storage
    formats (STORAGE_FLOATS, i2/i4/ui2/ui4)."""
    if isinstance(t, FloatType):
        return t.kind in ("f16", "bf16", "f32", "f64") or t.kind in STORAGE_FLOATS
    if isinstance(t, IntegerType):
        if t.signedness == "signless":
            return t.width in (1, 2, 4, 8, 16, 32, 64)
        return t.signedness == "unsigned" and t.width in (2, 4, 8, 16, 32, 64)
    return False


def is_storage_only(t: Type) -> bool:
    """An element type nn ops move and cast but do no arithmetic on."""
    if isinstance(t, FloatType):
        return t.kind in STORAGE_FLOATS
    return isinstance(t, IntegerType) and t.width in (2, 4)


def element_dtype(t: Type) -> np.dtype:
    """The numpy dtype nn arrays of element type `t` use (its `compute_dtype`)."""
    if not is_nn_element_type(t):
        raise ValueError(f"'{t}' is not an nn element type")
    return compute_dtype(t)


def element_type_of(dtype: np.dtype | type) -> Type:
    """The nn element type of a numpy dtype."""
    if not _DTYPE_TO_TYPE:
        _DTYPE_TO_TYPE.update(_dtype_to_type())
    dt = np.dtype(dtype)
    t = _DTYPE_TO_TYPE.get(dt)
    if t is None:
        raise ValueError(f"numpy dtype '{dt}' has no nn element type")
    return t


def _dtype_to_type() -> dict[np.dtype, Type]:
    types: list[Type] = [IntegerType(1), FloatType("f16"), FloatType("f32"), FloatType("f64")]
    types += [IntegerType(w, s) for w in (8, 16, 32, 64) for s in ("signless", "unsigned")]
    table = {numpy_dtype(t): t for t in types}
    table.update({numpy_dtype(FloatType(kind)): FloatType(kind) for kind in STORAGE_FLOATS})
    for (w, unsigned), dt in __getattr__("SUB_BYTE_INTS").items():
        table[dt] = IntegerType(w, "unsigned" if unsigned else "signless")
    return table


round_to_bf16 = round_bf16  # nn's name for the one bf16 rounding (dialir.core.ir.dtypes)


def elements_to_array(attr: Attribute) -> np.ndarray:
    """The numpy array a `dense<...>` or `dense_resource<...>` attribute holds (read-only),
    with the dtype `element_dtype` gives for its element type."""
    if isinstance(attr, DenseElementsAttr):
        dtype = element_dtype(attr.type.element_type)
        arr = attr.array
        return arr if arr.dtype == dtype else arr.astype(dtype)
    if isinstance(attr, DenseResourceElementsAttr):
        key, blob = attr.handle.key, attr.handle.blob
        if blob is None:
            raise ValueError(f"unknown dense resource '{key}'")
        t = attr.type
        et = t.element_type
        is_bf16 = isinstance(et, FloatType) and et.kind == "bf16"
        dtype = np.dtype(np.uint16) if is_bf16 else element_dtype(et)
        count = int(np.prod(t.shape))
        if len(blob.data) != count * dtype.itemsize:
            raise ValueError(
                f"dense resource '{key}' holds {len(blob.data)} bytes, but '{t}' needs "
                f"{count * dtype.itemsize}"
            )
        arr = np.frombuffer(blob.data, dtype=_little_endian(dtype)).reshape(t.shape)
        if is_bf16:
            return (arr.astype(np.uint32) << 16).view(np.float32)
        return arr.astype(dtype, copy=False)
    raise ValueError(f"expected a dense or dense_resource elements attribute, got '{attr}'")


def tensor_type_of(array: np.ndarray) -> RankedTensorType:
    return RankedTensorType(tuple(array.shape), element_type_of(array.dtype))


def array_to_attr(array: np.ndarray | object, type: RankedTensorType | None = None) -> Attribute:
    """A `dense<...>` attribute holding `array` (its type from the array unless given)."""
    arr = np.asarray(array)
    t = tensor_type_of(arr) if type is None else type
    et = t.element_type
    if isinstance(et, FloatType) and et.kind == "bf16":
        arr = round_to_bf16(arr)  # here, so that the cast to bf16 storage is exact and silent
    return DenseElementsAttr(t, np.ascontiguousarray(arr, dtype=numpy_dtype(et)))


def array_to_resource(
    name: str, array: np.ndarray, type: RankedTensorType | None = None
) -> DenseResourceElementsAttr:
    """A `dense_resource` attribute whose new blob in the current context holds `array`. The
    blob's key is `name`, or `name_1`, `name_2`, ... when the context holds `name` already:
    an attribute made earlier keeps its own bytes."""
    arr = np.asarray(array)
    t = tensor_type_of(arr) if type is None else type
    raw, alignment = resource_bytes(arr, t)
    handle = Context.current().resources.insert(name, ResourceBlob(raw, alignment))
    return DenseResourceElementsAttr(t, handle)


def resource_bytes(array: np.ndarray, type: RankedTensorType) -> tuple[bytes, int]:
    """The little-endian bytes of a `dense_resource` blob holding `array` as `type`'s
    elements (bf16 as 16-bit patterns, storage formats one byte each), and its alignment."""
    et = type.element_type
    if isinstance(et, FloatType) and et.kind == "bf16":
        return (round_to_bf16(array).view(np.uint32) >> 16).astype("<u2").tobytes(), 2
    dtype = _little_endian(element_dtype(et))
    return np.ascontiguousarray(array, dtype=dtype).tobytes(), dtype.itemsize


def _little_endian(dtype: np.dtype) -> np.dtype:
    return dtype if dtype.itemsize == 1 else dtype.newbyteorder("<")
