"""Builtin attributes and locations (immutable, hashable, uniqued like types).

Dense element attributes keep their values in a read-only numpy array; `dense_resource`
attributes refer to a blob of a context's resource table through a handle (context.py).
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from dialir.core.ir.context import Context, ResourceHandle
from dialir.core.ir.types import (
    DYNAMIC,
    FloatType,
    IndexType,
    IntegerType,
    ShapedType,
    Type,
    Uniqued,
    f64,
    i1,
    i64,
)

if TYPE_CHECKING:
    import numpy as np

# numpy is imported where dense elements are made or read, not with this module: most inputs
# have none, and importing numpy is a good part of a small dialir-opt run's start-up.


def __getattr__(name: str) -> Any:
    """`numpy_dtype`, the one type -> dtype map (dtypes.py), re-exported on first use."""
    if name == "numpy_dtype":
        from dialir.core.ir.dtypes import numpy_dtype  # lazy: it imports numpy

        return numpy_dtype
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Attribute(Uniqued):
    """Base of every attribute, builtin or dialect-defined."""

    __slots__ = ()


class IntegerAttr(Attribute):
    """`5 : i32`; an `i1` integer attribute is MLIR's BoolAttr and prints `true`/`false`."""

    __slots__ = ("value", "type")

    @classmethod
    def _normalize(cls, value: int, type: Type | None = None) -> tuple:
        t = i64 if type is None else type
        value = int(value)
        # Signless integers are bit patterns that MLIR prints as signed: 160 : i8 is -96 : i8.
        if isinstance(t, IntegerType) and t.signedness == "signless" and t.width > 1:
            if (1 << (t.width - 1)) <= value < (1 << t.width):
                value -= 1 << t.width
        return (value, t)

    def _check(self) -> None:
        t = self.type
        if isinstance(t, IndexType):
            return
        if not isinstance(t, IntegerType):
            raise ValueError(f"integer literal not valid for specified type '{t}'")
        w, v = t.width, self.value
        if w == 0:
            if v != 0:
                raise ValueError(f"integer constant out of range for type '{t}'")
            return
        lo = 0 if t.signedness == "unsigned" else -(1 << (w - 1))
        hi = (1 << w) - 1 if t.signedness != "signed" else (1 << (w - 1)) - 1
        if t.signedness == "signless" and w == 1:
            lo = -1  # `-1 : i1` is the all-ones value, i.e. true
        if not lo <= v <= hi:
            raise ValueError(f"integer constant out of range for type '{t}'")


def BoolAttr(value: bool) -> IntegerAttr:
    return IntegerAttr(1 if value else 0, i1)


class FloatAttr(Attribute):
    """`1.5 : f32`. Uniqued by bit pattern, so -0.0 and NaN payloads stay distinct."""

    __slots__ = ("value", "type")

    def __new__(cls, value: float, type: Type | None = None) -> FloatAttr:
        t = f64 if type is None else type
        v = round_to_float_type(float(value), t)
        key = (struct.pack("<d", v), t)
        try:
            obj = cls._cache[key]()
            if obj is not None:
                return obj
        except KeyError:
            pass
        obj = object.__new__(cls)
        object.__setattr__(obj, "value", v)
        object.__setattr__(obj, "type", t)
        return cls._intern(obj, key)

    def _check(self) -> None:
        if not isinstance(self.type, FloatType):
            raise ValueError(f"floating point value not valid for specified type '{self.type}'")


def round_to_float_type(value: float, type: Type) -> float:
    """The value as the float type can hold it (so `0.1 : f32` is stored as float32 does);
    too large a value becomes infinity, as in MLIR."""
    kind = getattr(type, "kind", "f64")
    fmt = _PACK_FORMATS.get(kind)
    if fmt is None:
        return value
    # struct rounds to nearest even as a C cast does (numpy's float32()), without numpy.
    try:
        return struct.unpack(fmt, struct.pack(fmt, value))[0]
    except OverflowError:
        return math.copysign(math.inf, value)


_PACK_FORMATS = {"f32": "<f", "f16": "<e"}


class StringAttr(Attribute):
    __slots__ = ("value", "type")

    @classmethod
    def _normalize(cls, value: str, type: Type | None = None) -> tuple:
        return (value, type)


class UnitAttr(Attribute):
    __slots__ = ()


class ArrayAttr(Attribute):
    __slots__ = ("value",)

    @classmethod
    def _normalize(cls, value: Iterable[Attribute]) -> tuple:
        return (tuple(value),)

    def __iter__(self):
        return iter(self.value)

    def __len__(self) -> int:
        return len(self.value)

    def __getitem__(self, i):
        return self.value[i]


class DictionaryAttr(Attribute):
    """Entries sorted by name, as MLIR keeps them."""

    __slots__ = ("value",)

    @classmethod
    def _normalize(cls, value: dict | Iterable[tuple[str, Attribute]]) -> tuple:
        items = value.items() if isinstance(value, dict) else value
        return (tuple(sorted(items, key=lambda kv: kv[0])),)

    def _check(self) -> None:
        names = [k for k, _ in self.value]
        if len(set(names)) != len(names):
            raise ValueError("duplicate key in dictionary attribute")

    def get(self, name: str, default: Any = None) -> Any:
        for k, v in self.value:
            if k == name:
                return v
        return default

    def as_dict(self) -> dict[str, Attribute]:
        return dict(self.value)


class TypeAttr(Attribute):
    __slots__ = ("value",)


class SymbolRefAttr(Attribute):
    """`@root::@nested::@leaf`."""

    __slots__ = ("root", "nested")

    @classmethod
    def _normalize(cls, root: str, nested: Iterable[str] = ()) -> tuple:
        return (root, tuple(nested))


class AffineMapAttr(Attribute):
    __slots__ = ("value",)


class IntegerSetAttr(Attribute):
    __slots__ = ("value",)


class StridedLayoutAttr(Attribute):
    """`strided<[s0, s1], offset: o>`; None is a dynamic (`?`) value."""

    __slots__ = ("strides", "offset")

    @classmethod
    def _normalize(cls, strides, offset=0) -> tuple:
        return (tuple(strides), offset)


class DenseArrayAttr(Attribute):
    """`array<i32: 1, 2, 3>`."""

    __slots__ = ("element_type", "values")

    @classmethod
    def _normalize(cls, element_type: Type, values: Iterable) -> tuple:
        if isinstance(element_type, FloatType):
            return (
                element_type,
                tuple(round_to_float_type(float(v), element_type) for v in values),
            )
        values = tuple(values)
        if any(isinstance(v, float) for v in values):
            raise ValueError("expected integer literal")  # MLIR: no floats in integer arrays
        return (element_type, tuple(int(v) for v in values))

    def _check(self) -> None:
        t = self.element_type
        if not isinstance(t, (IntegerType, FloatType)) or (
            isinstance(t, IntegerType) and t.width not in (1, 8, 16, 32, 64)
        ):
            raise ValueError(f"invalid element type for dense array: '{t}'")
        if isinstance(t, IntegerType):
            for v in self.values:
                IntegerAttr(v, t)  # range check


class DenseElementsAttr(Attribute):
    """`dense<...> : tensor<...>`; `array` is a read-only numpy array of the type's shape
    (a splat is stored as a 0-d array and broadcast on demand)."""

    __slots__ = ("type", "data")

    @classmethod
    def _normalize(cls, type: ShapedType, data: Any) -> tuple:
        if isinstance(data, tuple) and len(data) == 3 and isinstance(data[0], bytes):
            return (type, data)
        import numpy as np  # lazy (see the note on numpy at the top)

        from dialir.core.ir.dtypes import numpy_dtype  # lazy: it imports numpy

        arr = np.asarray(data, dtype=numpy_dtype(type.element_type))
        shape = tuple(type.shape)
        if arr.size == 1 and arr.shape != shape:
            arr = arr.reshape(())
        elif arr.shape != shape:
            raise ValueError(
                f"inferred shape of elements literal ({list(arr.shape)}) does not match type "
                f"({list(shape)})"
            )
        # All elements equal (one element too): a splat, as MLIR stores and prints it.
        elif arr.size and np.all(arr.reshape(-1) == arr.reshape(-1)[0]) and arr.dtype != object:
            arr = arr.reshape(-1)[:1].reshape(())
        return (type, (arr.tobytes(), arr.dtype, arr.shape))  # the dtype: ml_dtypes' have no .str

    def _check(self) -> None:
        if DYNAMIC in getattr(self.type, "shape", (DYNAMIC,)):
            raise ValueError("elements literal type must have static shape")

    @property
    def is_splat(self) -> bool:
        return self.data[2] == ()

    @property
    def array(self) -> np.ndarray:
        import numpy as np  # lazy (see the note on numpy at the top)

        raw, dtype, shape = self.data
        arr = np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(shape)
        if shape == () and self.type.shape != ():
            arr = np.broadcast_to(arr, self.type.shape)
        return arr

    @property
    def splat_value(self) -> Any:
        import numpy as np  # lazy (see the note on numpy at the top)

        raw, dtype, _ = self.data
        return np.frombuffer(raw, dtype=np.dtype(dtype))[0]


class DenseResourceElementsAttr(Attribute):
    """`dense_resource<key> : tensor<...>`: elements held in a blob of the context that parsed
    or made the attribute, through its `handle` (a `ResourceHandle`: `handle.key`,
    `handle.blob`). `DenseResourceElementsAttr(type, "key")` names the current context's blob
    `key` (one without bytes yet when the context has none of that key)."""

    __slots__ = ("type", "handle")

    def __new__(cls, type: ShapedType, handle: ResourceHandle | str) -> DenseResourceElementsAttr:
        if isinstance(handle, str):
            resources = Context.current().resources
            handle = resources.lookup(handle) or resources.insert(handle)
        return super().__new__(cls, type, handle)


class OpaqueAttr(Attribute):
    """An attribute of a dialect that is not loaded, kept verbatim: `#dialect.body`, or
    `#dialect<...>` when `body` starts with `<`, with an optional trailing `: type`."""

    __slots__ = ("dialect", "body", "type")

    @classmethod
    def _normalize(cls, dialect: str, body: str, type: Type | None = None) -> tuple:
        return (dialect, body, type)


# -- locations ------------------------------------------------------------------------------


class Location(Attribute):
    __slots__ = ()


class UnknownLoc(Location):
    __slots__ = ()


class FileLineColLoc(Location):
    """`"file":line:col`. Not uniqued: nearly every op has its own, and a table of them would
    only grow; equality and hashing are structural instead."""

    __slots__ = ("filename", "line", "column")

    def __new__(cls, filename: str, line: int, column: int) -> FileLineColLoc:
        obj = object.__new__(cls)
        object.__setattr__(obj, "filename", filename)
        object.__setattr__(obj, "line", line)
        object.__setattr__(obj, "column", column)
        return obj

    def __eq__(self, other: object) -> bool:
        return self is other or (
            type(other) is FileLineColLoc
            and self.line == other.line
            and self.column == other.column
            and self.filename == other.filename
        )

    def __hash__(self) -> int:
        return hash((self.filename, self.line, self.column))


class NameLoc(Location):
    __slots__ = ("name", "child")

    @classmethod
    def _normalize(cls, name: str, child: Location | None = None) -> tuple:
        return (name, child)


class CallSiteLoc(Location):
    __slots__ = ("callee", "caller")


class FusedLoc(Location):
    __slots__ = ("locations", "metadata")

    @classmethod
    def _normalize(cls, locations, metadata=None) -> tuple:
        return (tuple(locations), metadata)


UNKNOWN_LOC = UnknownLoc()
