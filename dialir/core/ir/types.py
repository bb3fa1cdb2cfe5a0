"""Builtin types, and the uniquing base that types and attributes share.

Types and attributes are immutable values: constructing one with the same parameters twice
returns the same object, so equality is identity and hashing is cheap. The uniquing table is
process-wide and weak (see `Uniqued`), not per `Context` (context.py): dialir compares types
by identity (`t is i64`) and keeps types and attributes as module constants, which must be the
same objects in every context. Printing lives in printer.py, parsing in parser/.
"""

from __future__ import annotations

import threading
from _weakref import _remove_dead_weakref  # what WeakValueDictionary uses; atomic
from typing import Any, ClassVar
from weakref import ref

DYNAMIC = None  # a dynamic dimension (`?`) in a shape
_LOCK = threading.RLock()  # the miss path of every uniquing table (a key may hash by code)


def _weak(obj: Any, cache: dict, key: Any) -> ref:
    """A weak reference to `obj` whose death removes the entry `key` from `cache`. The
    callback runs in whatever thread drops the last reference, maybe with _LOCK held, so it
    must not lock: _remove_dead_weakref (WeakValueDictionary's) deletes the entry only if it
    still holds a dead reference, atomically."""
    return ref(obj, lambda _, remove=_remove_dead_weakref: remove(cache, key))


class Uniqued:
    """Base of immutable, hashable, uniqued values. Subclasses list their parameters in
    `__slots__`; `Cls(*params)` returns the one object with those parameters.

    Each class's table maps parameters to a weak reference, so a value nothing else refers to
    is freed (a 1 MiB dense attribute does not outlive its last op) and its entries removed.
    A miss takes a lock to insert, so two threads never make two objects for one key."""

    __slots__ = ("__weakref__",)
    _cache: ClassVar[dict[Any, ref]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._cache = {}
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            names.extend(s for s in klass.__dict__.get("__slots__", ()) if s != "__weakref__")
        cls._param_names = tuple(names)

    def __new__(cls, *params: Any) -> Any:
        key = params
        try:
            obj = cls._cache[key]()
            if obj is not None:
                return obj
        except KeyError:
            pass
        except TypeError:  # unhashable parameter: let _normalize make it hashable
            key = None
        params = cls._normalize(*params)
        try:
            obj = cls._cache[params]()
        except KeyError:
            obj = None
        if obj is None:
            obj = object.__new__(cls)
            for name, value in zip(cls._param_names, params):
                object.__setattr__(obj, name, value)
            obj = cls._intern(obj, params)
        # The spelling asked for finds it next time (`is not`: parameters such as numpy
        # scalars do not compare as plain values).
        if key is not None and key is not params:
            cls._cache[key] = _weak(obj, cls._cache, key)
        return obj

    @classmethod
    def _intern(cls, obj: Any, key: Any) -> Any:
        """Check `obj` and enter it under `key`, unless another thread entered a value under
        `key` first: the value entered."""
        obj._check()
        cache = cls._cache
        with _LOCK:
            entry = cache.get(key)
            kept = entry() if entry is not None else None
            if kept is None:
                cache[key] = _weak(obj, cache, key)
                kept = obj
        return kept

    _param_names: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def _normalize(cls, *params: Any) -> tuple:
        """Canonicalise constructor parameters (lists to tuples, defaults filled in)."""
        return params

    def _check(self) -> None:
        """Validate parameters; raise ValueError with a user-facing message."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self):
        return (type(self), tuple(getattr(self, n) for n in self._param_names))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __repr__(self) -> str:
        from dialir.core.ir.printer import Printer  # the printer imports this module

        return Printer.to_string(self)

    __str__ = __repr__


class Type(Uniqued):
    """Base of every type, builtin or dialect-defined."""

    __slots__ = ()


class IntegerType(Type):
    """`i32` (signless), `si32` (signed), `ui32` (unsigned)."""

    __slots__ = ("width", "signedness")
    SIGNLESS, SIGNED, UNSIGNED = "signless", "signed", "unsigned"

    @classmethod
    def _normalize(cls, width: int, signedness: str = "signless") -> tuple:
        return (width, signedness)

    def _check(self) -> None:
        if self.width < 0:
            raise ValueError(f"invalid integer width {self.width}")
        if self.width > 16777215:
            raise ValueError("integer bitwidth is limited to 16777215 bits")

    @property
    def is_signless(self) -> bool:
        return self.signedness == "signless"


class IndexType(Type):
    __slots__ = ()


class NoneType(Type):
    __slots__ = ()


FLOAT_WIDTHS = {
    "f16": 16, "bf16": 16, "f32": 32, "f64": 64, "f80": 80, "f128": 128, "tf32": 19,
    "f8E5M2": 8, "f8E4M3": 8, "f8E4M3FN": 8, "f8E5M2FNUZ": 8, "f8E4M3FNUZ": 8,
    "f8E4M3B11FNUZ": 8, "f8E3M4": 8, "f8E8M0FNU": 8, "f6E2M3FN": 6, "f6E3M2FN": 6,
    "f4E2M1FN": 4,
}  # fmt: skip


class FloatType(Type):
    """`f16`, `bf16`, `f32`, `f64`, ... identified by their MLIR spelling."""

    __slots__ = ("kind",)

    def _check(self) -> None:
        if self.kind not in FLOAT_WIDTHS:
            raise ValueError(f"unknown float type '{self.kind}'")

    @property
    def width(self) -> int:
        return FLOAT_WIDTHS[self.kind]


class ComplexType(Type):
    __slots__ = ("element_type",)

    def _check(self) -> None:
        if not isinstance(self.element_type, (IntegerType, FloatType)):
            raise ValueError("invalid element type for complex")


class FunctionType(Type):
    __slots__ = ("inputs", "results")

    @classmethod
    def _normalize(cls, inputs, results) -> tuple:
        return (tuple(inputs), tuple(results))


class TupleType(Type):
    __slots__ = ("types",)

    @classmethod
    def _normalize(cls, types) -> tuple:
        return (tuple(types),)


class ShapedType(Type):
    """Common base of vector, tensor and memref types."""

    __slots__ = ()
    shape: tuple
    element_type: Type

    @property
    def rank(self) -> int:
        return len(self.shape)

    @property
    def has_rank(self) -> bool:
        return True

    @property
    def has_static_shape(self) -> bool:
        return DYNAMIC not in self.shape

    @property
    def num_elements(self) -> int:
        n = 1
        for d in self.shape:
            if d is DYNAMIC:
                raise ValueError("dynamic shape has no static element count")
            n *= d
        return n


MAX_DIM = (1 << 63) - 1  # MLIR keeps sizes in int64_t


def _check_shape(shape: tuple) -> None:
    for d in shape:
        if d is not DYNAMIC and (not isinstance(d, int) or d < 0 or d > MAX_DIM):
            raise ValueError(f"invalid dimension size {d}")


class VectorType(ShapedType):
    """`vector<4x[8]xf32>`; `scalable` flags each dimension written in brackets."""

    __slots__ = ("shape", "element_type", "scalable")

    @classmethod
    def _normalize(cls, shape, element_type, scalable=None) -> tuple:
        shape = tuple(shape)
        scalable = tuple(scalable) if scalable is not None else (False,) * len(shape)
        return (shape, element_type, scalable)

    def _check(self) -> None:
        if any(d is DYNAMIC or d <= 0 for d in self.shape):
            got = ", ".join("?" if d is DYNAMIC else str(d) for d in self.shape)
            raise ValueError(f"vector types must have positive constant sizes but got {got}")
        _check_shape(self.shape)
        e = self.element_type
        # A dialect type may be a vector element (MLIR's VectorElementTypeInterface:
        # `!llvm.ptr`): its class sets `is_vector_element`.
        if not isinstance(e, (IntegerType, IndexType, FloatType)) and not getattr(
            e, "is_vector_element", False
        ):
            raise ValueError("vector elements must be int/index/float type")


class RankedTensorType(ShapedType):
    __slots__ = ("shape", "element_type", "encoding")

    @classmethod
    def _normalize(cls, shape, element_type, encoding=None) -> tuple:
        return (tuple(shape), element_type, encoding)

    def _check(self) -> None:
        _check_shape(self.shape)
        if isinstance(self.element_type, (FunctionType, NoneType)):
            raise ValueError("invalid tensor element type")


class UnrankedTensorType(ShapedType):
    __slots__ = ("element_type",)
    shape = ()

    @property
    def has_rank(self) -> bool:
        return False

    @property
    def rank(self) -> int:
        raise ValueError("unranked tensor has no rank")


class MemRefType(ShapedType):
    """`memref<4x?xf32, layout, memory-space>`; layout and memory space are attributes."""

    __slots__ = ("shape", "element_type", "layout", "memory_space")

    @classmethod
    def _normalize(cls, shape, element_type, layout=None, memory_space=None) -> tuple:
        value = getattr(layout, "value", None)
        if getattr(value, "is_identity", None) is not None and value.is_identity():
            layout = None  # the identity layout is the default, as MLIR canonicalises it
        return (tuple(shape), element_type, layout, memory_space)

    def _check(self) -> None:
        _check_shape(self.shape)
        if isinstance(self.element_type, (FunctionType, NoneType, TupleType)):
            raise ValueError("invalid memref element type")
        _check_layout(self.layout, len(self.shape))
        _check_memory_space(self.memory_space)


class UnrankedMemRefType(ShapedType):
    __slots__ = ("element_type", "memory_space")
    shape = ()

    @classmethod
    def _normalize(cls, element_type, memory_space=None) -> tuple:
        return (element_type, memory_space)

    @property
    def has_rank(self) -> bool:
        return False

    def _check(self) -> None:
        _check_memory_space(self.memory_space)


def _check_layout(layout: Any, rank: int) -> None:
    """MLIR's MemRefLayoutAttrInterface::verifyLayout for the builtin layouts."""
    if layout is None:
        return
    from dialir.core.ir.attrs import AffineMapAttr, StridedLayoutAttr  # attrs imports types

    if isinstance(layout, AffineMapAttr):
        if layout.value.num_dims != rank:
            raise ValueError(
                "memref layout mismatch between rank and affine map: "
                f"{rank} != {layout.value.num_dims}"
            )
    elif isinstance(layout, StridedLayoutAttr):
        if len(layout.strides) != rank:
            raise ValueError("expected the number of strides to match the rank")


def _check_memory_space(space: Any) -> None:
    """MLIR's isSupportedMemorySpace: none, an integer, string or dictionary attribute, or an
    attribute of a non-builtin dialect."""
    if space is None:
        return
    from dialir.core.ir import attrs  # attrs imports types

    if isinstance(space, (attrs.IntegerAttr, attrs.StringAttr, attrs.DictionaryAttr)):
        return
    if isinstance(space, attrs.OpaqueAttr) or type(space).__module__ != attrs.__name__:
        return  # a dialect's own attribute
    raise ValueError("unsupported memory space Attribute")


class OpaqueType(Type):
    """A type of a dialect that is not loaded, kept verbatim: `!dialect.body` where `body` is
    the text after the dot (`struct<(i32)>`), or `!dialect<...>` when `body` starts with `<`."""

    __slots__ = ("dialect", "body")


# Commonly used singletons.
i1 = IntegerType(1)
i8 = IntegerType(8)
i16 = IntegerType(16)
i32 = IntegerType(32)
i64 = IntegerType(64)
index = IndexType()
none = NoneType()
f16 = FloatType("f16")
bf16 = FloatType("bf16")
f32 = FloatType("f32")
f64 = FloatType("f64")
