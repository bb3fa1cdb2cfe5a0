"""Element types <-> numpy dtypes: the one map every layer uses.

`numpy_dtype(t)` is the dtype whose values are exactly `t`'s where one exists: numpy's own for
integers (in the narrowest of 8/16/32/64 bits that holds the width; i1 as bool), index (int64),
f16/f32/f64 and complex; ml_dtypes' for bf16 and the small float formats (f8, f6, f4). Dense
attributes store their elements in it.

`compute_dtype(t)` is the dtype values are held in while computing (the nn reference, the
interpreter): the same, except bf16, which numpy cannot compute in, is held in float32 and
rounded back to bf16 precision after each operation (`round_bf16`).

ml_dtypes is imported on first use of a type that needs it: loading its extension costs more
than the rest of dialir-opt's start-up (0.6-1.2 s measured), and most inputs never name bf16.
"""

from __future__ import annotations

from typing import Any

from dialir.core.ir.lazy import np
from dialir.core.ir.types import ComplexType, FloatType, IndexType, IntegerType, ShapedType, Type

NUMPY_FLOATS: dict[str, str] = {"f16": "float16", "f32": "float32", "f64": "float64"}
"""The float kinds numpy computes in natively (IEEE binary16/32/64) -> numpy's name (names,
not dtypes: making a dtype imports numpy)."""

ML_DTYPES_FLOATS: dict[str, str] = {
    "bf16": "bfloat16",
    "f8E5M2": "float8_e5m2", "f8E4M3FN": "float8_e4m3fn", "f8E5M2FNUZ": "float8_e5m2fnuz",
    "f8E4M3FNUZ": "float8_e4m3fnuz", "f8E4M3B11FNUZ": "float8_e4m3b11fnuz",
    "f8E3M4": "float8_e3m4", "f8E4M3": "float8_e4m3", "f8E8M0FNU": "float8_e8m0fnu",
    "f6E2M3FN": "float6_e2m3fn", "f6E3M2FN": "float6_e3m2fn", "f4E2M1FN": "float4_e2m1fn",
}  # fmt: skip
"""Float kind -> the name of its ml_dtypes type (where the installed ml_dtypes has it)."""

_FLOATS: dict[str, np.dtype | None] = {}  # kind -> dtype, filled on demand


def ml_dtypes() -> Any:
    """The ml_dtypes module, imported on first use (see the module docstring for why)."""
    import ml_dtypes  # costly at start-up (see the module docstring): imported when needed

    return ml_dtypes


def float_dtype(kind: str) -> np.dtype | None:
    """The dtype whose values are exactly those of float kind `kind`, or None (f80, f128,
    tf32, or a format the installed ml_dtypes lacks)."""
    try:
        return _FLOATS[kind]
    except KeyError:
        if kind in NUMPY_FLOATS:
            dtype = _FLOATS[kind] = np.dtype(NUMPY_FLOATS[kind])
            return dtype
        name = ML_DTYPES_FLOATS.get(kind)
        scalar = getattr(ml_dtypes(), name, None) if name is not None else None
        dtype = _FLOATS[kind] = np.dtype(scalar) if scalar is not None else None
        return dtype


def numpy_dtype(t: Type) -> np.dtype:
    """The numpy dtype that stores elements of type `t` (see the module docstring). Integers
    wider than 64 bits are Python ints (object); floats without an exact dtype (f80, f128,
    tf32) are held in float64."""
    if isinstance(t, IntegerType):
        if t.width == 1:
            return np.dtype(np.bool_)
        for w in (8, 16, 32, 64):
            if t.width <= w:
                return np.dtype(f"{'u' if t.signedness == 'unsigned' else 'i'}{w // 8}")
        return np.dtype(object)
    if isinstance(t, IndexType):
        return np.dtype(np.int64)
    if isinstance(t, FloatType):
        dtype = float_dtype(t.kind)
        return np.dtype(np.float64) if dtype is None else dtype
    if isinstance(t, ComplexType):
        inner = t.element_type
        return np.dtype(np.complex64 if getattr(inner, "kind", "") == "f32" else np.complex128)
    raise ValueError(f"no numpy storage for element type '{t}'")


def is_bf16(t: Type) -> bool:
    """Whether `t` (or its element type) is bf16."""
    if isinstance(t, ShapedType):
        t = t.element_type
    return isinstance(t, FloatType) and t.kind == "bf16"


def compute_dtype(t: Type) -> np.dtype:
    """The dtype values of element type `t` are computed in: `numpy_dtype`, but float32 for
    bf16."""
    if isinstance(t, FloatType) and t.kind == "bf16":
        return float_dtype("f32")
    return numpy_dtype(t)


def round_bf16(x: Any) -> Any:
    """float32 values (an array, a numpy scalar or anything `np.asarray` takes) rounded to
    bf16 precision, to nearest with ties to even, as float32 again; NaN stays NaN (with its
    sign) and what overflows becomes infinity. A numpy scalar gives a numpy scalar."""
    bf16 = float_dtype("bf16")
    with np.errstate(invalid="ignore", over="ignore"):  # NaN and overflow are values here
        if isinstance(x, np.generic):
            return np.float32(x).astype(bf16).astype(np.float32)
        return np.asarray(x, dtype=np.float32).astype(bf16).astype(np.float32)
