"""numpy <-> nn tensor values: element types and dtypes, and the arrays behind `dense` and
`dense_resource` attributes.

bf16 has no numpy dtype: its values are held in float32 arrays, rounded to bf16 precision.
The storage formats (ONNX's float8/float4 and 2-/4-bit integers) are held in ml_dtypes'
float8/float4 arrays and in int8/uint8 arrays.
"""

from __future__ import annotations

import ml_dtypes
import numpy as np

from dialir.core.ir.attrs import Attribute, DenseElementsAttr, DenseResourceElementsAttr
from dialir.core.ir.context import Context, ResourceBlob
from dialir.core.ir.types import (
    FloatType,
    IntegerType,
    RankedTensorType,
    Type,
    f16,
    f32,
    f64,
    i1,
)

_DTYPE_TO_TYPE: dict[np.dtype, Type] = {
    np.dtype(np.bool_): i1,
    np.dtype(np.float16): f16,
    np.dtype(np.float32): f32,
    np.dtype(np.float64): f64,
    **{np.dtype(f"i{w // 8}"): IntegerType(w) for w in (8, 16, 32, 64)},
    **{np.dtype(f"u{w // 8}"): IntegerType(w, "unsigned") for w in (8, 16, 32, 64)},
}

STORAGE_FLOATS: dict[str, np.dtype] = {
    "f8E4M3FN": np.dtype(ml_dtypes.float8_e4m3fn),
    "f8E4M3FNUZ": np.dtype(ml_dtypes.float8_e4m3fnuz),
    "f8E5M2": np.dtype(ml_dtypes.float8_e5m2),
    "f8E5M2FNUZ": np.dtype(ml_dtypes.float8_e5m2fnuz),
    "f8E8M0FNU": np.dtype(ml_dtypes.float8_e8m0fnu),
    "f4E2M1FN": np.dtype(ml_dtypes.float4_e2m1fn),
}
"""The float formats nn stores, moves and casts but computes nothing in (ONNX allows them
only in Cast, data movement and quantization), by kind, with their numpy dtypes."""

SUB_BYTE_INTS: dict[tuple[int, bool], np.dtype] = {
    (4, False): np.dtype(ml_dtypes.int4), (4, True): np.dtype(ml_dtypes.uint4),
    (2, False): np.dtype(ml_dtypes.int2), (2, True): np.dtype(ml_dtypes.uint2),
}  # fmt: skip
"""(width, unsigned) -> ml_dtypes' dtype of the 2- and 4-bit integers (storage-only like
STORAGE_FLOATS; nn arrays hold them widened to int8/uint8, ONNX's arrays in these dtypes)."""

_DTYPE_TO_TYPE.update({dt: FloatType(kind) for kind, dt in STORAGE_FLOATS.items()})
_DTYPE_TO_TYPE.update(
    {dt: IntegerType(w, "unsigned" if u else "signless") for (w, u), dt in SUB_BYTE_INTS.items()}
)


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
    """The numpy dtype nn arrays of element type `t` use."""
    if isinstance(t, FloatType):
        if t.kind in ("bf16", "f32"):
            return np.dtype(np.float32)
        if t.kind == "f16":
            return np.dtype(np.float16)
        if t.kind == "f64":
            return np.dtype(np.float64)
        if t.kind in STORAGE_FLOATS:
            return STORAGE_FLOATS[t.kind]
    if isinstance(t, IntegerType):
        if t.width == 1 and t.signedness == "signless":
            return np.dtype(np.bool_)
        if t.width in (2, 4) and t.signedness != "signed":
            return np.dtype(np.uint8 if t.signedness == "unsigned" else np.int8)
        if t.width in (8, 16, 32, 64) and t.signedness != "signed":
            return np.dtype(f"{'u' if t.signedness == 'unsigned' else 'i'}{t.width // 8}")
    raise ValueError(f"'{t}' is not an nn element type")


def element_type_of(dtype: np.dtype | type) -> Type:
    """The nn element type of a numpy dtype."""
    dt = np.dtype(dtype)
    t = _DTYPE_TO_TYPE.get(dt)
    if t is None:
        raise ValueError(f"numpy dtype '{dt}' has no nn element type")
    return t


def round_to_bf16(a: np.ndarray) -> np.ndarray:
    """float32 values rounded (to nearest, ties to even) to bf16 precision, NaN kept."""
    a = np.asarray(a, dtype=np.float32)
    bits = a.view(np.uint32).astype(np.uint64)
    rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16 << 16).astype(np.uint32)
    return np.where(np.isnan(a), a, rounded.view(np.float32))


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
        arr = round_to_bf16(arr)
    return DenseElementsAttr(t, np.ascontiguousarray(arr, dtype=_storage_dtype(t)))


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


def _storage_dtype(t: RankedTensorType) -> np.dtype:
    from dialir.core.ir.attrs import numpy_dtype

    return numpy_dtype(t.element_type)
