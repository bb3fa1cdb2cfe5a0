"""The JIT engine: compile an llvm-dialect module once with llvmlite, call its functions with
numpy arrays and Python scalars in and out (MLIR's ExecutionEngine).

    engine = ExecutionEngine(module, opt_level=3)        # the host CPU and its features
    f = engine.function("add", FunctionType([memref_t, memref_t], [memref_t]))
    out = f(a, b)                                         # numpy arrays in, numpy array out
    engine.timings.as_dict()                              # translate/parse/optimize/codegen/load

Calling convention. After `convert-func-to-llvm` a memref argument is MLIR's descriptor,
expanded into the function's parameters: allocated pointer, aligned pointer, offset, then
`rank` sizes and `rank` strides (in elements); a memref result is returned as the descriptor
struct `!llvm.struct<(ptr, ptr, i64, array<R x i64>, array<R x i64>)>` (several results: a
struct of them). `function(name, signature)` takes the function's signature before lowering
(builtin memref, integer, index and float types) to know which parameters form which memref;
without one, the llvm.func's own parameters are the signature (scalars, and pointers that
take a numpy array's data or an address).

Every call goes through a packed wrapper compiled with the module, `void _mlir_<name>(ptr
args)` taking a pointer to each argument and to the result (MLIR's `invokePacked`), so no C
ABI rule about passing or returning structs is involved. Before native code runs, each
argument is checked against the signature (type, dtype, rank, static dims, C-contiguity,
alignment; range of integers): a TypeError or ValueError naming the argument, never a crash.

Results: a memref the compiled code allocated (malloc) becomes a numpy array that owns that
memory and frees it when collected; one that points into an argument is a view of that
argument (keeping it alive); one of a global (MLIR's 0xdeadbeef allocated pointer) is copied.

Compiled objects are cached on disk, keyed by a hash of the LLVM IR text, the target (triple,
CPU, features), the optimization level and llvmlite's version, under
`$XDG_CACHE_HOME/dialir/jit` (else `~/.cache/dialir/jit`), a directory only the user may
write: compiling the same module twice costs one hash and one load.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import re
import stat
import struct
import tempfile
import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import llvmlite
import llvmlite.binding as llvm
import numpy as np

from dialir.core.ir.attrs import StridedLayoutAttr, TypeAttr
from dialir.core.ir.dtypes import float_dtype, numpy_dtype
from dialir.core.ir.operation import Operation
from dialir.core.ir.types import (
    DYNAMIC,
    FloatType,
    FunctionType,
    IndexType,
    IntegerType,
    MemRefType,
    Type,
    VectorType,
)
from dialir.dialects.llvm import ops as llvm_ops
from dialir.dialects.llvm.types import (
    LLVMArrayType,
    LLVMFunctionType,
    LLVMPointerType,
    LLVMStructType,
    LLVMVoidType,
)
from dialir.target import machine
from dialir.target.llvmir import ModuleTranslation, _quote_name
from dialir.target.machine import CompileTimings, TargetOptions

_CACHE_FORMAT = "1"  # bump when the packed wrappers or the cache layout change
GLOBAL_ALLOCATED = 0xDEADBEEF  # MLIR's allocated pointer of a memref.get_global descriptor


class JitError(RuntimeError):
    """A module that cannot be compiled or a function that cannot be called."""


# -- the cache ---------------------------------------------------------------------------------


def cache_dir() -> str | None:
    """`$XDG_CACHE_HOME/dialir/jit` (else under ~/.cache), created 0700; None when it cannot
    be made or is not this user's alone (another user could plant objects in it)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "dialir", "jit")
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if not stat.S_ISDIR(st.st_mode):
        return None
    if getuid is not None and (st.st_uid != getuid() or st.st_mode & 0o022):
        return None
    return path


def _cache_key(ir: str, options: TargetOptions) -> str:
    h = hashlib.sha256()
    for part in (_CACHE_FORMAT, llvmlite.__version__, options.key(), ir):
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    return h.hexdigest()


def _read_cache(directory: str | None, key: str) -> bytes | None:
    if directory is None:
        return None
    try:
        with open(os.path.join(directory, key + ".o"), "rb") as f:
            return f.read()
    except OSError:
        return None


def _write_cache(directory: str | None, key: str, data: bytes) -> None:
    if directory is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(directory, key + ".o"))
    except OSError:
        pass  # a cache that cannot be written is no cache, not an error


# -- ctypes layouts --------------------------------------------------------------------------

_SCALARS = {
    ("i", 1): ctypes.c_bool, ("i", 8): ctypes.c_int8, ("i", 16): ctypes.c_int16,
    ("i", 32): ctypes.c_int32, ("i", 64): ctypes.c_int64, ("f", "f32"): ctypes.c_float,
    ("f", "f64"): ctypes.c_double, ("f", "f16"): ctypes.c_uint16, ("f", "bf16"): ctypes.c_uint16,
}  # fmt: skip
_STRUCT_CACHE: dict[Type, Any] = {}


def ctype_of(t: Type) -> Any:
    """The ctypes type with `t`'s in-memory layout."""
    if isinstance(t, IntegerType):
        c = _SCALARS.get(("i", t.width))
    elif isinstance(t, IndexType):
        c = ctypes.c_int64
    elif isinstance(t, FloatType):
        c = _SCALARS.get(("f", t.kind))
    elif isinstance(t, LLVMPointerType):
        c = ctypes.c_void_p
    elif isinstance(t, LLVMArrayType):
        c = ctype_of(t.element_type) * t.num_elements
    elif isinstance(t, VectorType) and t.rank == 1:
        c = ctype_of(t.element_type) * t.shape[0]
    elif isinstance(t, LLVMStructType) and not t.opaque:
        c = _STRUCT_CACHE.get(t)
        if c is None:
            fields = [(f"f{i}", ctype_of(e)) for i, e in enumerate(t.body)]
            c = type("Struct", (ctypes.Structure,), {"_fields_": fields, "_pack_": 1}
                     if t.packed else {"_fields_": fields})  # fmt: skip
            _STRUCT_CACHE[t] = c
    else:
        c = None
    if c is None:
        raise TypeError(f"no ctypes layout for type '{t}'")
    return c


def descriptor_type(rank: int) -> LLVMStructType:
    """MLIR's memref descriptor struct of a ranked memref."""
    ptr, i64 = LLVMPointerType(), IntegerType(64)
    if rank == 0:
        return LLVMStructType([ptr, ptr, i64])
    arr = LLVMArrayType(i64, rank)
    return LLVMStructType([ptr, ptr, i64, arr, arr])


# -- argument and result marshalling ------------------------------------------------------------


def _numpy_dtype(t: Type) -> np.dtype:
    """The dtype whose items are laid out as LLVM stores `t` in memory: integers up to 64
    bits in their store size (i4 in a byte, as LLVM allocates it), floats in the dtype that
    holds exactly their bits (bf16 and the float8 formats through ml_dtypes)."""
    if isinstance(t, IntegerType) and 0 < t.width <= 64:
        return numpy_dtype(t)
    if isinstance(t, IndexType):
        return np.dtype(np.int64)
    if isinstance(t, FloatType) and (dtype := float_dtype(t.kind)) is not None:
        return dtype
    raise TypeError(f"no numpy dtype for element type '{t}'")


@dataclass(frozen=True)
class _MemRefParam:
    """One memref in the signature: its type, dtype, and the flattened parameters it takes
    (3 + 2 * rank)."""

    type: MemRefType
    dtype: np.dtype
    contiguous: bool  # identity layout: the data must be C-contiguous

    @property
    def sub_byte(self) -> int:
        """The width of 2- to 7-bit integer elements (0 otherwise): numpy holds them
        sign-extended (signless, signed) or as they are (unsigned) in a byte, LLVM's memory
        holds their bits zero-extended, so they are converted on the way in and out."""
        et = self.type.element_type
        return et.width if isinstance(et, IntegerType) and 1 < et.width < 8 else 0

    @property
    def rank(self) -> int:
        return self.type.rank

    @property
    def width(self) -> int:
        return 3 + 2 * self.rank


@dataclass(frozen=True)
class _ScalarParam:
    type: Type
    ctype: Any


@dataclass(frozen=True)
class _PointerParam:
    """An `!llvm.ptr` parameter of a function called without a memref signature: a numpy
    array (its data pointer) or an int address."""

    type: Type


class JitFunction:
    """A compiled function, callable with numpy arrays and Python scalars."""

    def __init__(self, engine: ExecutionEngine, name: str, func: llvm_ops.FuncOp,
                 signature: FunctionType | None) -> None:  # fmt: skip
        self.engine = engine
        self.name = name
        self.llvm_type = func.type
        self.params, self.results = _plan_signature(name, func.type, signature)
        self.flat_ctypes = [ctype_of(t) for t in func.type.params]
        result = func.type.result
        self.result_ctype = None if isinstance(result, LLVMVoidType) else ctype_of(result)
        address = engine._address(f"_mlir_{name}")
        self._call = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(address)
        n = len(self.flat_ctypes) + (self.result_ctype is not None)
        self._packed_type = ctypes.c_void_p * max(n, 1)
        self._aborted = None
        if engine.recovers_abort:
            flag = engine._engine.get_global_value_address("__dialir_aborted")
            self._aborted = ctypes.c_int32.from_address(flag)

    def __repr__(self) -> str:
        return f"<JitFunction {self.name}: {self.llvm_type}>"

    def __call__(self, *args: Any) -> Any:
        params = self.params
        if len(args) != len(params):
            raise TypeError(
                f"{self.name}() takes {len(params)} argument{'s' if len(params) != 1 else ''} "
                f"but {len(args)} {'were' if len(args) != 1 else 'was'} given"
            )
        flat: list[Any] = []
        arrays: list[np.ndarray] = []
        narrow: list[tuple[np.ndarray, np.ndarray, _MemRefParam]] = []
        for i, (p, a) in enumerate(zip(params, args)):
            if isinstance(p, _MemRefParam):
                arr = _check_array(self.name, i, p, a)
                if p.sub_byte:
                    bits = np.bitwise_and(arr, (1 << p.sub_byte) - 1)
                    narrow.append((arr, bits, p))
                    arr = bits
                arrays.append(arr)
                flat.extend(_descriptor_values(arr, p))
            elif isinstance(p, _PointerParam):
                flat.append(_pointer_value(self.name, i, a))
            else:
                flat.append(_scalar_value(self.name, i, p, a))
        slots = [c(v) for c, v in zip(self.flat_ctypes, flat)]
        result = self.result_ctype() if self.result_ctype is not None else None
        addresses = [ctypes.addressof(s) for s in slots]
        if result is not None:
            addresses.append(ctypes.addressof(result))
        packed = self._packed_type(*addresses)
        self._call(ctypes.addressof(packed))
        if self._aborted is not None and self._aborted.value:
            reason = _ABORT_REASONS.get(self._aborted.value, "stopped")
            self._aborted.value = 0
            _LIBC.fflush(None)  # the message puts() wrote, before Python reports the abort
            raise JitError(f"{self.name}() {reason}; its results are lost")
        for arr, bits, p in narrow:  # what the code wrote into a narrow-integer argument
            arr[...] = _from_bits(bits, p)
        if result is None:
            return None
        return _unpack_results(self.results, result, arrays, self.engine)


def _plan_signature(name: str, ftype: LLVMFunctionType, signature: FunctionType | None):
    """(params, results): how the caller's arguments map onto the llvm.func's parameters."""
    flat = list(ftype.params)
    if signature is None:
        params = [
            _PointerParam(t) if isinstance(t, LLVMPointerType) else _scalar_param(name, t)
            for t in flat
        ]  # fmt: skip
        return params, list(ftype.results)
    params: list[Any] = []
    pos = 0
    for t in signature.inputs:
        if isinstance(t, MemRefType):
            p = _memref_param(name, t)
            want = list(descriptor_type(p.rank).body[:3]) + [IntegerType(64)] * (2 * p.rank)
            got = flat[pos : pos + p.width]
            if got != want:
                raise JitError(f"'{name}': parameters {pos}..{pos + p.width - 1} of the llvm.func "
                               f"are not the descriptor of {t}")  # fmt: skip
            params.append(p)
            pos += p.width
        else:
            if pos >= len(flat) or flat[pos] is not _lowered_scalar(t):
                raise JitError(f"'{name}': parameter {pos} of the llvm.func is not {t}")
            params.append(_scalar_param(name, t))
            pos += 1
    if pos != len(flat):
        raise JitError(f"'{name}' takes {len(flat)} parameters, the signature gives {pos}")
    results = [_memref_param(name, t) if isinstance(t, MemRefType) else t
               for t in signature.results]  # fmt: skip
    expected = _lowered_results(signature.results)
    if expected is not ftype.result:
        raise JitError(f"'{name}' returns {ftype.result}, the signature gives {expected}")
    return params, results


def _lowered_scalar(t: Type) -> Type:
    return IntegerType(64) if isinstance(t, IndexType) else t


def _lowered_results(results: Sequence[Type]) -> Type:
    """The llvm.func result type `convert-func-to-llvm` gives these results."""
    lowered = [descriptor_type(t.rank) if isinstance(t, MemRefType) else _lowered_scalar(t)
               for t in results]  # fmt: skip
    if not lowered:
        return LLVMVoidType()
    if len(lowered) == 1:
        return lowered[0]
    return LLVMStructType(lowered)


def _memref_param(name: str, t: MemRefType) -> _MemRefParam:
    try:
        dtype = _numpy_dtype(t.element_type)
    except TypeError as e:
        raise JitError(f"'{name}': {e}") from None
    layout = t.layout
    if layout is not None and not isinstance(layout, StridedLayoutAttr):
        raise JitError(f"'{name}': cannot pass {t} (only identity and strided layouts)")
    return _MemRefParam(t, dtype, layout is None)


def _scalar_param(name: str, t: Type) -> _ScalarParam:
    try:
        return _ScalarParam(t, ctype_of(t))
    except TypeError as e:
        raise JitError(f"'{name}': cannot pass an argument of type {t}: {e}") from None


def _check_array(name: str, i: int, p: _MemRefParam, a: Any) -> np.ndarray:
    what = f"argument #{i} of {name}()"
    t = p.type
    if not isinstance(a, np.ndarray):
        raise TypeError(f"{what} must be a numpy array for {t}, got {type(a).__name__}")
    if a.dtype != p.dtype:
        raise TypeError(f"{what} must have dtype {p.dtype} for {t}, got {a.dtype}")
    if a.ndim != p.rank:
        raise ValueError(f"{what} must have rank {p.rank} for {t}, got shape {a.shape}")
    for d, (want, got) in enumerate(zip(t.shape, a.shape)):
        if want is not DYNAMIC and want != got:
            raise ValueError(f"{what} must have shape {_shape_text(t.shape)} for {t}, got "
                             f"{tuple(a.shape)} (dimension {d})")  # fmt: skip
    if p.contiguous and not a.flags.c_contiguous:
        raise ValueError(f"{what} must be C-contiguous for {t} (np.ascontiguousarray makes a "
                         "contiguous copy)")  # fmt: skip
    if not a.flags.aligned:
        raise ValueError(f"{what} is not aligned to its element size")
    if any(s % a.itemsize for s in a.strides):
        raise ValueError(f"{what} has strides that are not whole elements")
    if isinstance(t.layout, StridedLayoutAttr):
        _check_strides(what, t, a)
    return a


def _check_strides(what: str, t: MemRefType, a: np.ndarray) -> None:
    layout = t.layout
    strides = [s // a.itemsize for s in a.strides]
    for want, got in zip(layout.strides, strides):
        if want is not DYNAMIC and want != got:
            raise ValueError(f"{what} must have strides {list(layout.strides)} (in elements) "
                             f"for {t}, got {strides}")  # fmt: skip
    if layout.offset not in (0, DYNAMIC):
        raise ValueError(f"{what}: a static non-zero offset cannot come from a numpy array")


def _shape_text(shape: Sequence[Any]) -> str:
    return "(" + ", ".join("?" if d is DYNAMIC else str(d) for d in shape) + ")"


def _descriptor_values(a: np.ndarray, p: _MemRefParam) -> list[int]:
    ptr = a.ctypes.data
    strides = [s // a.itemsize for s in a.strides] if a.size else [0] * a.ndim
    if p.contiguous and a.size:
        strides = list(_row_major_strides(a.shape))
    return [ptr, ptr, 0, *a.shape, *strides]


def _row_major_strides(shape: Sequence[int]) -> list[int]:
    out, step = [], 1
    for d in reversed(shape):
        out.append(step)
        step *= d
    return out[::-1]


def _pointer_value(name: str, i: int, a: Any) -> int:
    if isinstance(a, np.ndarray):
        return a.ctypes.data  # `a` outlives the call: the caller's argument tuple holds it
    if isinstance(a, (int, np.integer)) and not isinstance(a, bool):
        return int(a)
    if a is None:
        return 0
    raise TypeError(f"argument #{i} of {name}() is a pointer: pass a numpy array or an int "
                    f"address, not {type(a).__name__}")  # fmt: skip


def _scalar_value(name: str, i: int, p: _ScalarParam, a: Any) -> Any:
    t = p.type
    what = f"argument #{i} of {name}()"
    if isinstance(a, np.ndarray) and a.ndim == 0:
        a = a[()]
    if isinstance(t, FloatType):
        if not isinstance(a, (int, float, np.integer, np.floating)) or isinstance(a, bool):
            raise TypeError(f"{what} must be a number for {t}, got {type(a).__name__}")
        if t.kind == "f16":
            return int(np.array(a, np.float16).view(np.uint16))
        if t.kind == "bf16":
            return int(np.array(a, np.float32).view(np.uint32)) >> 16
        return float(a)
    if isinstance(t, IntegerType) and t.width == 1:
        if not isinstance(a, (bool, np.bool_, int, np.integer)) or int(a) not in (0, 1):
            raise TypeError(f"{what} must be a bool for i1, got {a!r}")
        return bool(a)
    if not isinstance(a, (int, np.integer)) or isinstance(a, (bool, np.bool_)):
        raise TypeError(f"{what} must be an int for {t}, got {type(a).__name__}")
    width = 64 if isinstance(t, IndexType) else t.width
    v = int(a)
    if not -(1 << (width - 1)) <= v < (1 << width):
        raise ValueError(f"{what} = {v} does not fit in {t}")
    return v


def _unpack_results(results: list, value: Any, arrays: list[np.ndarray],
                    engine: ExecutionEngine) -> Any:  # fmt: skip
    if len(results) == 1:
        return _unpack(results[0], value, arrays, engine, set())
    freed: set[int] = set()
    return tuple(
        _unpack(r, getattr(value, f"f{i}"), arrays, engine, freed) for i, r in enumerate(results)
    )  # fmt: skip


def _unpack(r: Any, value: Any, arrays: list[np.ndarray], engine: ExecutionEngine,
            owned: set[int]) -> Any:  # fmt: skip
    if isinstance(r, _MemRefParam):
        return _memref_result(r, value, arrays, engine, owned)
    if isinstance(r, FloatType) and r.kind in ("f16", "bf16"):
        bits = np.array(value if isinstance(value, int) else value.value, np.uint16)
        if r.kind == "f16":
            return bits.view(np.float16)[()]
        return np.array(int(bits) << 16, np.uint32).view(np.float32)[()]
    if isinstance(r, (IntegerType, IndexType, FloatType)):
        raw = value.value if hasattr(value, "value") else value
        return _numpy_dtype(r).type(raw)
    return value  # an llvm struct or pointer: its ctypes value


class _Owned:
    """The base of a numpy array over memory the compiled code returned: it frees that
    memory when collected, or (`keep`) holds the argument the memory belongs to."""

    __slots__ = ("__array_interface__", "keep", "__weakref__")


def _memref_result(r: _MemRefParam, desc: Any, arrays: list[np.ndarray],
                   engine: ExecutionEngine, owned: set[int]) -> np.ndarray:  # fmt: skip
    allocated, aligned, offset = desc.f0 or 0, desc.f1 or 0, desc.f2
    shape = tuple(desc.f3) if r.rank else ()
    strides = tuple(s * r.dtype.itemsize for s in desc.f4) if r.rank else ()
    data = aligned + offset * r.dtype.itemsize
    interface = {
        "shape": shape, "typestr": _typestr(r.dtype), "data": (data, False),
        "strides": strides or None,
        "version": 3,
    }  # fmt: skip
    base = _Owned()
    base.__array_interface__ = interface
    for a in arrays:  # memory of an argument: a view that keeps the argument alive
        lo = a.ctypes.data
        if lo <= allocated < lo + max(a.nbytes, 1):
            base.keep = a
            return _typed(base, r)
    if allocated == GLOBAL_ALLOCATED or allocated in owned or not allocated:
        # A global's memory (the engine's), or a buffer another result already owns.
        return np.array(_typed(base, r), copy=True)
    owned.add(allocated)
    weakref.finalize(base, _free, allocated)
    return _typed(base, r)


def _typestr(dtype: np.dtype) -> str:
    """ml_dtypes' types go through the array interface as raw bytes: numpy cannot read
    back the typestr some of them give (float8_e5m2's `<f1`)."""
    return dtype.str if dtype.isbuiltin == 1 else f"|V{dtype.itemsize}"


def _from_bits(bits: np.ndarray, p: _MemRefParam) -> np.ndarray:
    """Narrow integers as LLVM stores them (bits zero-extended) -> as numpy holds them."""
    mask = (1 << p.sub_byte) - 1
    if p.type.element_type.signedness == "unsigned":
        return bits & mask
    half = 1 << (p.sub_byte - 1)
    return ((bits & mask) ^ half) - half


def _typed(base: _Owned, r: _MemRefParam) -> np.ndarray:
    """The array over `base`'s memory in `r`'s dtype: the array interface spells ml_dtypes'
    types (bf16, float8) as raw bytes of their size, so those are viewed as themselves;
    narrow integers come back as numpy holds them (a new array)."""
    a = np.asarray(base)
    if a.dtype != r.dtype:
        a = a.view(r.dtype)
    return _from_bits(a, r) if r.sub_byte else a


_LIBC = ctypes.CDLL(None)
_LIBC.free.argtypes = [ctypes.c_void_p]
_LIBC.free.restype = None
_LIBC.fflush.argtypes = [ctypes.c_void_p]


def _free(address: int) -> None:
    _LIBC.free(ctypes.c_void_p(address))


# -- the engine --------------------------------------------------------------------------------


def _packed_wrapper(name: str, ftype: LLVMFunctionType, types: Any, recover: bool) -> str:
    """`void @_mlir_<name>(ptr %args)`: loads each argument through `args[i]`, calls
    `@name`, stores the result through `args[n]` (MLIR's packed interface). With `recover`,
    it first sets the jump buffer an `abort()` of the compiled code returns to (`_ABORT`)."""
    lines = [f"define void @{_quote_name('_mlir_' + name)}(ptr %args) {{", "entry:"]
    if recover:
        lines += [
            "  %jumped = call i32 @_setjmp(ptr @__dialir_jmp_buf) returns_twice",
            "  %aborted = icmp ne i32 %jumped, 0",
            "  br i1 %aborted, label %abort, label %call",
            "abort:",
            "  store i32 %jumped, ptr @__dialir_aborted",
            "  ret void",
            "call:",
        ]
    call_args = []
    for i, t in enumerate(ftype.params):
        tt = types(t)
        lines.append(f"  %p{i} = getelementptr ptr, ptr %args, i64 {i}")
        lines.append(f"  %a{i}.ptr = load ptr, ptr %p{i}, align 8")
        lines.append(f"  %a{i} = load {tt}, ptr %a{i}.ptr, align 1")
        call_args.append(f"{tt} %a{i}")
    result = types(ftype.result)
    call = f"call {types(ftype) if ftype.var_arg else result} @{_quote_name(name)}"
    call += f"({', '.join(call_args)})"
    if isinstance(ftype.result, LLVMVoidType):
        lines.append(f"  {call}")
    else:
        n = len(ftype.params)
        lines.append(f"  %r = {call}")
        lines.append(f"  %rp = getelementptr ptr, ptr %args, i64 {n}")
        lines.append("  %r.ptr = load ptr, ptr %rp, align 8")
        lines.append(f"  store {result} %r, ptr %r.ptr, align 1")
    lines.append("  ret void")
    lines.append("}")
    return "\n".join(lines)


# The compiler-rt routines LLVM's x86 code calls for bf16 and f16 results (`fptrunc` to
# bfloat, arithmetic in bfloat, double -> half): a JIT-loaded object has no compiler-rt to
# bind them to, so the module brings its own. Float -> bf16 rounds to nearest even (NaN stays
# a quiet NaN); double -> bf16 or half rounds to odd in float first, so that the two
# roundings make one.
_ROUND_TO_ODD_FLOAT = """  %f = fptrunc double %x to float
  %back = fpext float %f to double
  %inexact = fcmp une double %back, %x
  %fabs = call double @llvm.fabs.f64(double %back)
  %xabs = call double @llvm.fabs.f64(double %x)
  %over = fcmp ogt double %fabs, %xabs
  %b = bitcast float %f to i32
  %down = sub i32 %b, 1
  %tz = select i1 %over, i32 %down, i32 %b
  %odd = or i32 %tz, 1
  %bits = select i1 %inexact, i32 %odd, i32 %b
  %g = bitcast i32 %bits to float"""
_HELPERS = {
    "__truncsfbf2": """define weak bfloat @__truncsfbf2(float %x) {
  %b = bitcast float %x to i32
  %abs = and i32 %b, 2147483647
  %nan = icmp ugt i32 %abs, 2139095040
  %hi = lshr i32 %b, 16
  %lsb = and i32 %hi, 1
  %bias = add i32 %lsb, 32767
  %up = add i32 %b, %bias
  %rounded = lshr i32 %up, 16
  %quiet = or i32 %hi, 64
  %bits = select i1 %nan, i32 %quiet, i32 %rounded
  %h = trunc i32 %bits to i16
  %r = bitcast i16 %h to bfloat
  ret bfloat %r
}""",
    "__truncdfbf2": f"""define weak bfloat @__truncdfbf2(double %x) {{
{_ROUND_TO_ODD_FLOAT}
  %r = call bfloat @__truncsfbf2(float %g)
  ret bfloat %r
}}""",
    "__truncdfhf2": f"""define weak half @__truncdfhf2(double %x) {{
{_ROUND_TO_ODD_FLOAT}
  %r = fptrunc float %g to half
  ret half %r
}}""",
}


def _runtime_helpers(ir: str) -> str:
    """The `_HELPERS` a module may need (by the types it uses) that it does not define."""
    wanted = []
    if "bfloat" in ir:
        wanted += ["__truncsfbf2", "__truncdfbf2"]
    if "half" in ir:
        wanted.append("__truncdfhf2")
    wanted = [name for name in wanted if f"@{name}(" not in ir]
    if not wanted:
        return ""
    if "__truncdfbf2" in wanted and "__truncsfbf2" not in wanted:
        wanted.remove("__truncdfbf2")  # it would call the module's own __truncsfbf2
    text = "\n\n".join(_HELPERS[name] for name in wanted)
    if any(n in wanted for n in ("__truncdfbf2", "__truncdfhf2")):
        text += "\ndeclare double @llvm.fabs.f64(double)"
    return text + "\n"


def _undefined_symbols(obj: bytes) -> list[str]:
    """The names an ELF object file uses but does not define (its SHN_UNDEF symbols); []
    for another object format. The JIT checks them before loading: a symbol nothing in the
    process provides would be called at address 0."""
    if obj[:4] != b"\x7fELF" or obj[4] != 2 or obj[5] != 1:  # 64-bit little-endian only
        return []
    (shoff,) = struct.unpack_from("<Q", obj, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", obj, 0x3A)
    names = []
    for i in range(shnum):
        base = shoff + i * shentsize
        (sh_type,) = struct.unpack_from("<I", obj, base + 4)
        if sh_type != 2:  # SHT_SYMTAB
            continue
        offset, size, link, _, _, entsize = struct.unpack_from("<QQIIQQ", obj, base + 0x18)
        str_base = struct.unpack_from("<Q", obj, shoff + link * shentsize + 0x18)[0]
        for at in range(offset + entsize, offset + size, entsize):  # entry 0 is null
            name_at, info, _, shndx = struct.unpack_from("<IBBH", obj, at)
            if shndx == 0 and name_at and info >> 4 != 2:  # undefined, not weak
                end = obj.index(b"\0", str_base + name_at)
                names.append(obj[str_base + name_at : end].decode("ascii", "replace"))
    return names


def _check_symbols(obj: bytes) -> None:
    """A JitError naming every symbol the object needs that this process does not have."""
    missing = []
    for name in _undefined_symbols(obj):
        try:
            getattr(_LIBC, name)  # the process's global symbols
        except AttributeError:
            if not llvm.address_of_symbol(name):
                missing.append(name)
    if missing:
        raise JitError(f"the compiled code calls {', '.join(sorted(missing))}, which nothing "
                       "in this process defines (a missing library or runtime routine)")  # fmt: skip


# abort() in compiled code (a failed cf.assert calls it, as in MLIR) would end the Python
# process, and a malloc that fails would be written through as a null pointer. In the JIT,
# abort() becomes a longjmp back to the packed wrapper that made the call, and malloc and
# aligned_alloc a checked version that does the same when it gets no memory; the wrapper
# records why (`_ABORT_REASONS`) and the caller raises JitError. (512 bytes hold glibc's
# x86-64 jmp_buf, 200. One buffer per engine: calls into one engine from several threads at
# once that abort would race on it.)
_ABORT = """@__dialir_jmp_buf = internal global [64 x i64] zeroinitializer, align 16
@__dialir_aborted = global i32 0
declare i32 @_setjmp(ptr) returns_twice
declare void @longjmp(ptr, i32) noreturn
define internal void @__dialir_abort() noreturn {
  call void @longjmp(ptr @__dialir_jmp_buf, i32 1)
  unreachable
}
define internal void @__dialir_out_of_memory() noreturn {
  call void @longjmp(ptr @__dialir_jmp_buf, i32 2)
  unreachable
}
"""
_CHECKED = {
    "malloc": """declare ptr @malloc(i64)
define internal ptr @__dialir_malloc(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  %null = icmp eq ptr %p, null
  %some = icmp ne i64 %n, 0
  %failed = and i1 %null, %some
  br i1 %failed, label %fail, label %ok
fail:
  call void @__dialir_out_of_memory()
  unreachable
ok:
  ret ptr %p
}
""",
    "aligned_alloc": """declare ptr @aligned_alloc(i64, i64)
define internal ptr @__dialir_aligned_alloc(i64 %a, i64 %n) {
  %p = call ptr @aligned_alloc(i64 %a, i64 %n)
  %null = icmp eq ptr %p, null
  %some = icmp ne i64 %n, 0
  %failed = and i1 %null, %some
  br i1 %failed, label %fail, label %ok
fail:
  call void @__dialir_out_of_memory()
  unreachable
ok:
  ret ptr %p
}
""",
}
_ABORT_REASONS = {
    1: "called abort() (a failed cf.assert: its message went to the standard output)",
    2: "ran out of memory (malloc returned null)",
}


def _declaration(name: str) -> re.Pattern:
    return re.compile(rf"^declare [^\n]*@{name}\([^\n]*$", re.M)


def _recover_aborts(ir: str) -> tuple[str, bool]:
    """`ir` with abort() and the allocators redirected as described above (and whether it
    needs the setjmp in its wrappers)."""
    names = [n for n in ("abort", *_CHECKED) if f"@{n}(" in ir]
    if not names:
        return ir, False
    for name in names:
        ir = _declaration(name).sub("", ir).replace(f"@{name}(", f"@__dialir_{name}(")
    return ir + _ABORT + "".join(_CHECKED[n] for n in names if n in _CHECKED), True


# Constant data the JIT binds rather than compiles (see ModuleTranslation's external_data):
# the names are the same in every module with the same globals, so that the IR text, the
# cache key, stays the same; symbols are bound and linked one engine at a time.
_DATA_PREFIX = "__dialir_data."
_BINDING = threading.Lock()


class ExecutionEngine:
    """Compiles an llvm-dialect module once (or loads it from the cache) and gives its
    functions as callables. `timings` says what the compile cost, phase by phase
    (`cache_hit` in its extras when the object came from the cache)."""

    def __init__(self, module: Operation | str, opt_level: int = 2,
                 target: TargetOptions | None = None, cache: bool | str = True) -> None:  # fmt: skip
        """`cache`: True for the user's cache directory (`cache_dir()`), False for none, or
        a directory of the caller's."""
        if isinstance(module, str):
            from dialir.core.ir.verifier import verify  # noqa: I001 - text input only
            from dialir.parser.parser import parse

            module = parse(module, "<jit>")
            verify(module)
        self.module = module
        self.options = target or TargetOptions.host(opt_level=opt_level)
        self.timings = CompileTimings()
        self.functions: dict[str, llvm_ops.FuncOp] = {}
        self._compile(cache)

    def _compile(self, cache: bool | str) -> None:
        timings = self.timings
        start = time.perf_counter()
        # Large constant data (weights) stays in numpy arrays the object is bound to.
        self._data: dict[str, np.ndarray] = {}
        mt = ModuleTranslation(self.module, external_data=self._data, data_prefix=_DATA_PREFIX)
        ir = mt.translate()
        ir, self.recovers_abort = _recover_aborts(ir)
        wrappers = []
        for op in self.module.regions[0].blocks[0].ops if self.module.regions else ():
            if (
                isinstance(op, llvm_ops.FuncOp) and not op.is_declaration and not op.type.var_arg
                and op.linkage.value not in ("internal", "private")
            ):  # fmt: skip
                self.functions[op.symbol] = op
                wrappers.append(
                    _packed_wrapper(
                        op.symbol, op.type, lambda t, op=op: mt.types(t, op), self.recovers_abort
                    )  # fmt: skip
                )
        ir = ir + "\n" + "\n\n".join(wrappers) + "\n" + _runtime_helpers(ir)
        self.llvm_ir = ir
        timings.translate += time.perf_counter() - start
        tm = machine.target_machine(self.options, jit=True)
        directory = cache_dir() if cache is True else (cache or None)
        key = _cache_key(ir, self.options)
        obj = _read_cache(directory, key)
        timings.extra["cache_hit"] = obj is not None
        if obj is None:
            compiled = machine.compile_llvmir(ir, self.options, timings, tm=tm)
            obj = machine.emit_object(compiled, tm, timings)
            _write_cache(directory, key, obj)
        start = time.perf_counter()
        with _BINDING:  # the data symbols are process-wide: bind this engine's, then link
            for name, data in self._data.items():
                llvm.add_symbol(name, data.ctypes.data)
            _check_symbols(obj)
            self._engine = llvm.create_mcjit_compiler(llvm.parse_assembly(""), tm)
            self._engine.add_object_file(llvm.ObjectFileRef.from_data(obj))
            self._engine.finalize_object()
        timings.extra["load"] = time.perf_counter() - start

    def _address(self, symbol: str) -> int:
        address = self._engine.get_function_address(symbol)
        if not address:
            raise JitError(f"no function '{symbol}' in the compiled module")
        return address

    def function(self, name: str, signature: FunctionType | None = None) -> JitFunction:
        """The function `name`, called as `signature` says (its memref, integer, index and
        float types before lowering); without one, as its llvm.func's parameters, or as the
        `dialir.signature` type attribute on it when a lowering left one."""
        func = self.functions.get(name)
        if func is None:
            known = ", ".join(sorted(self.functions)) or "none"
            raise JitError(f"no public function '{name}' with a body (functions: {known})")
        if signature is None:
            attr = func.attributes.get("dialir.signature")
            if isinstance(attr, TypeAttr) and isinstance(attr.value, FunctionType):
                signature = attr.value
        return JitFunction(self, name, func, signature)

    def __getitem__(self, name: str) -> JitFunction:
        return self.function(name)

    def invoke(self, name: str, *args: Any) -> Any:
        return self.function(name)(*args)


__all__ = [
    "ExecutionEngine", "JitError", "JitFunction", "cache_dir", "ctype_of", "descriptor_type",
]  # fmt: skip
