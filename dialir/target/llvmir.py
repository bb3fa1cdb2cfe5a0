"""Translation of an llvm-dialect module to LLVM IR text (MLIR's `mlir-translate
--mlir-to-llvmir`), which llvmlite parses and verifies.

    text = translate_to_llvmir(module)

Three phases, as MLIR's ModuleTranslation: named struct types, then globals (their
initializer regions folded to constants), then functions (declarations and bodies; intrinsic
declarations and metadata gathered on the way). Inside a function, `llvm.mlir.constant`,
`llvm.mlir.zero`/`undef`/`poison` and `llvm.mlir.addressof` become LLVM constants written in
place of their uses; block arguments become `phi` nodes (an edge that would give one `phi`
two values from the same predecessor goes through a block of its own).

Each op class maps to one emitter (`_EMITTERS`). An op the translation does not know, or IR
it cannot express, is a diagnostic at the op's location, never a traceback.

`llvm.emit_c_interface` wrappers (`_mlir_ciface_<name>`) are llvm.func ops of their own that
`convert-func-to-llvm` creates, as in MLIR: by here they are ordinary functions.
"""

from __future__ import annotations

import math
import re
import struct
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from dialir.core.ir.attrs import (
    UNKNOWN_LOC,
    ArrayAttr,
    Attribute,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    FloatAttr,
    IntegerAttr,
    OpaqueAttr,
    StringAttr,
    TypeAttr,
    numpy_dtype,
)
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import Block, Operation, Value
from dialir.core.ir.types import FloatType, IndexType, IntegerType, Type, VectorType
from dialir.dialects.llvm import intrinsics as intr
from dialir.dialects.llvm import ops as llvm
from dialir.dialects.llvm.attrs import (
    CConvAttr,
    FastmathFlagsAttr,
    OverflowFlags,
)
from dialir.dialects.llvm.types import (
    LLVMArrayType,
    LLVMFunctionType,
    LLVMLabelType,
    LLVMMetadataType,
    LLVMPointerType,
    LLVMStructType,
    LLVMVoidType,
)

# -- errors ------------------------------------------------------------------------------------


class TranslationError(DiagnosticError):
    """IR the translation cannot express, at the offending op."""

    def __init__(self, op: Operation | None, message: str) -> None:
        loc = op.location if op is not None else UNKNOWN_LOC
        super().__init__(Diagnostic("error", message, loc))


# -- types -------------------------------------------------------------------------------------

_FLOAT_NAMES = {
    "f16": "half", "bf16": "bfloat", "f32": "float", "f64": "double", "f80": "x86_fp80",
    "f128": "fp128",
}  # fmt: skip


def _quote_name(name: str) -> str:
    """An LLVM identifier: bare when it can be, else quoted with escapes."""
    if re.fullmatch(r"[-a-zA-Z$._][-a-zA-Z$._0-9]*", name):
        return name
    return '"' + _escape_bytes(name.encode("utf-8", "surrogateescape")) + '"'


def _escape_bytes(data: bytes) -> str:
    """LLVM's string escaping: printable ASCII as is (but `"` and `\\`), others `\\XX`."""
    out = []
    for b in data:
        if 32 <= b < 127 and b not in (34, 92):
            out.append(chr(b))
        else:
            out.append(f"\\{b:02X}")
    return "".join(out)


def _hex_bytes(data: bytes) -> str:
    """Every byte as `\\XX` (vectorized: weights can be megabytes)."""
    if not data:
        return ""
    hexed = np.frombuffer(data.hex().upper().encode("ascii"), dtype=np.uint8).reshape(-1, 2)
    out = np.empty((len(data), 3), dtype=np.uint8)
    out[:, 0] = ord("\\")
    out[:, 1:] = hexed
    return out.tobytes().decode("ascii")


class _Types:
    """Type conversion, caching each type's text and collecting named structs."""

    def __init__(self) -> None:
        self.cache: dict[Type, str] = {}
        self.named: dict[str, LLVMStructType] = {}

    def __call__(self, t: Type, op: Operation | None = None) -> str:
        s = self.cache.get(t)
        if s is None:
            s = self.cache[t] = self._convert(t, op)
        return s

    def _convert(self, t: Type, op: Operation | None) -> str:
        if isinstance(t, IntegerType):
            if not t.is_signless:
                raise TranslationError(op, f"cannot translate signed or unsigned type '{t}'")
            return f"i{t.width}"
        if isinstance(t, FloatType):
            name = _FLOAT_NAMES.get(t.kind)
            if name is None:
                raise TranslationError(op, f"cannot translate float type '{t}' to LLVM IR")
            return name
        if isinstance(t, LLVMPointerType):
            return "ptr" if not t.address_space else f"ptr addrspace({t.address_space})"
        if isinstance(t, VectorType):
            if t.rank != 1:
                raise TranslationError(op, f"cannot translate multi-dimensional vector '{t}'")
            scalable = "vscale x " if t.scalable[0] else ""
            return f"<{scalable}{t.shape[0]} x {self(t.element_type, op)}>"
        if isinstance(t, LLVMArrayType):
            return f"[{t.num_elements} x {self(t.element_type, op)}]"
        if isinstance(t, LLVMStructType):
            if t.name:
                self.named.setdefault(t.name, t)
                for e in t.body:
                    self(e, op)
                return "%" + _quote_name(t.name)
            return self.literal_struct(t, op)
        if isinstance(t, LLVMVoidType):
            return "void"
        if isinstance(t, LLVMFunctionType):
            params = [self(p, op) for p in t.params] + (["..."] if t.var_arg else [])
            return f"{self(t.result, op)} ({', '.join(params)})"
        if isinstance(t, LLVMLabelType):
            return "label"
        if isinstance(t, LLVMMetadataType):
            return "metadata"
        if isinstance(t, IndexType):
            raise TranslationError(op, "cannot translate 'index' to LLVM IR: lower it to an "
                                   "integer first (convert-to-llvm)")  # fmt: skip
        raise TranslationError(op, f"cannot translate type '{t}' to LLVM IR")

    def literal_struct(self, t: LLVMStructType, op: Operation | None) -> str:
        body = ", ".join(self(e, op) for e in t.body)
        inner = "{ " + body + " }" if body else "{}"
        return f"<{inner}>" if t.packed else inner

    def definitions(self) -> list[str]:
        out = []
        for name, t in self.named.items():
            if t.opaque:
                out.append(f"%{_quote_name(name)} = type opaque")
            else:
                out.append(f"%{_quote_name(name)} = type {self.literal_struct(t, None)}")
        return out


def mangle(t: Type) -> str:
    """The suffix an overloaded intrinsic takes for `t` (`f32`, `v4f32`, `p0`, `i64`)."""
    if isinstance(t, IntegerType):
        return f"i{t.width}"
    if isinstance(t, FloatType):
        return t.kind
    if isinstance(t, LLVMPointerType):
        return f"p{t.address_space}"
    if isinstance(t, VectorType):
        prefix = "nxv" if t.scalable[0] else "v"
        return f"{prefix}{t.shape[0]}{mangle(t.element_type)}"
    raise ValueError(f"no intrinsic suffix for type '{t}'")


# -- constants ---------------------------------------------------------------------------------


def float_text(value: float, t: FloatType) -> str:
    """An exact LLVM float literal: a double's bits in hex (`0x3FF8000000000000`), or the
    half/bfloat forms (`0xH3C00`, `0xR3F80`)."""
    kind = t.kind
    if kind == "f16":
        return f"0xH{int(np.array(value, np.float16).view(np.uint16)):04X}"
    if kind == "bf16":
        bits = int(np.array(value, np.float32).view(np.uint32))
        return f"0xR{_round_bf16(bits):04X}"
    if kind == "f32":
        value = float(np.float32(value))
    if kind in ("f80", "f128") and not math.isfinite(value):
        raise ValueError(f"cannot write a non-finite {kind} constant")
    if kind in ("f80", "f128"):
        return repr(float(value)) if value == int(value) else f"{value!r}"
    return f"0x{struct.unpack('<Q', struct.pack('<d', value))[0]:016X}"


def _round_bf16(bits: int) -> int:
    if (bits & 0x7F800000) == 0x7F800000 and bits & 0x007FFFFF:
        return (bits >> 16) | 0x40  # keep NaNs quiet
    return ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16) & 0xFFFF


def _scalar_text(value: Any, t: Type) -> str:
    if isinstance(t, IntegerType):
        if t.width == 1:
            return "true" if int(value) & 1 else "false"
        return str(int(value))
    if isinstance(t, FloatType):
        return float_text(float(value), t)
    raise ValueError(f"no scalar constant of type '{t}'")


def zero_text(t: Type) -> str:
    """The zero of `t`: `null`, `0`, `false`, `0.0`, or zeroinitializer for aggregates."""
    if isinstance(t, LLVMPointerType):
        return "null"
    if isinstance(t, (IntegerType, FloatType)):
        return _scalar_text(0, t)
    return "zeroinitializer"


_NUMPY_STORAGE = {"f16": np.float16, "f32": np.float32, "f64": np.float64}


class _Constants:
    """Attribute + type -> LLVM constant text (without the type)."""

    # Dense data of more elements than this is written as bytes (`c"..."`, see `_raw`).
    RAW_THRESHOLD = 64

    def __init__(self, types: _Types) -> None:
        self.types = types

    def text(self, value: Attribute, t: Type, op: Operation) -> str:
        try:
            return self._text(value, t, op)
        except (ValueError, TypeError, OverflowError) as e:
            raise TranslationError(op, f"cannot translate constant {value} to '{t}': {e}") from None

    def _text(self, value: Attribute, t: Type, op: Operation) -> str:
        if isinstance(value, IntegerAttr):
            if isinstance(t, (VectorType, LLVMArrayType)):
                return self._splat(value.value, t, op)
            return _scalar_text(value.value, t)
        if isinstance(value, FloatAttr):
            if isinstance(t, (VectorType, LLVMArrayType)):
                return self._splat(value.value, t, op)
            return float_text(value.value, t)
        if isinstance(value, StringAttr):
            return 'c"' + _escape_bytes(value.value.encode("utf-8", "surrogateescape")) + '"'
        if isinstance(value, (DenseElementsAttr, DenseResourceElementsAttr)):
            return self._elements(_array(value, op), t, op)
        if isinstance(value, ArrayAttr) and isinstance(t, LLVMStructType):
            parts = [
                f"{self.types(e, op)} {self._text(v, e, op)}" for v, e in zip(value, t.body)
            ]  # fmt: skip
            inner = "{ " + ", ".join(parts) + " }"
            return f"<{inner}>" if t.packed else inner
        raise ValueError(f"unsupported constant attribute {value}")

    def _splat(self, v: Any, t: Type, op: Operation) -> str:
        if not v:
            return "zeroinitializer"
        elem = t.element_type
        n = t.shape[0] if isinstance(t, VectorType) else t.num_elements
        item = f"{self.types(elem, op)} {self._splat(v, elem, op) if _aggregate(elem) else _scalar_text(v, elem)}"  # noqa: E501
        body = ", ".join([item] * n)
        return f"<{body}>" if isinstance(t, VectorType) else f"[{body}]"

    def _elements(self, arr: np.ndarray, t: Type, op: Operation) -> str:
        """A dense array as a vector/array constant of type `t` (nested arrays and vectors
        take the leading dimensions)."""
        flat = arr.reshape(-1)
        if flat.size and not flat.any() and flat.dtype != object:
            return "zeroinitializer"
        leaves = _leaf_count(t)
        if leaves != flat.size:
            raise ValueError(f"{flat.size} elements do not fill the type ({leaves} leaves)")
        return self._nested(flat, t, op)

    def _nested(self, flat: np.ndarray, t: Type, op: Operation) -> str:
        if isinstance(t, VectorType):
            elem = t.element_type
            et = self.types(elem, op)
            return "<" + ", ".join(f"{et} {_scalar_text(v, elem)}" for v in flat.tolist()) + ">"
        if isinstance(t, LLVMArrayType):
            elem = t.element_type
            et = self.types(elem, op)
            if not _aggregate(elem):
                return "[" + ", ".join(f"{et} {_scalar_text(v, elem)}" for v in flat.tolist()) + "]"
            step = flat.size // t.num_elements
            parts = [
                f"{et} {self._nested(flat[i * step : (i + 1) * step], elem, op)}"
                for i in range(t.num_elements)
            ]  # fmt: skip
            return "[" + ", ".join(parts) + "]"
        if flat.size == 1:
            return _scalar_text(flat[0], t)
        raise ValueError(f"cannot spread elements over '{t}'")

    def raw(self, value: Attribute, t: Type, op: Operation,
            as_text: bool = True) -> tuple[str, Any] | None:  # fmt: skip
        """Large dense data for a global of type `t`, as `[N x i8] c"\\XX..."`: (type, text),
        or None when the data is small or its bytes are not the in-memory layout of `t`.
        Not `as_text`: (type, the bytes as a 64-byte aligned uint8 array)."""
        if not isinstance(value, (DenseElementsAttr, DenseResourceElementsAttr)):
            return None
        leaf = _leaf_type(t)
        if leaf is None or _leaf_count(t) <= self.RAW_THRESHOLD:
            return None
        if isinstance(value, DenseElementsAttr) and value.is_splat:
            return None  # small text already (a splat of zeros is zeroinitializer)
        dtype = _leaf_dtype(leaf)
        if dtype is None:
            return None
        arr = _array(value, op)
        if arr.size != _leaf_count(t):
            raise TranslationError(op, f"{arr.size} elements do not fill '{t}'")
        data = np.ascontiguousarray(arr, dtype=dtype).reshape(-1).view(np.uint8)
        if not as_text:
            aligned = np.empty(data.size + 64, np.uint8)
            start = -aligned.ctypes.data % 64
            aligned = aligned[start : start + data.size]
            aligned[...] = data
            return f"[{data.size} x i8]", aligned
        return f"[{data.size} x i8]", 'c"' + _hex_bytes(data.tobytes()) + '"'


def _aggregate(t: Type) -> bool:
    return isinstance(t, (VectorType, LLVMArrayType))


def _leaf_count(t: Type) -> int:
    if isinstance(t, LLVMArrayType):
        return t.num_elements * _leaf_count(t.element_type)
    if isinstance(t, VectorType):
        return t.shape[0]
    return 1


def _leaf_type(t: Type) -> Type | None:
    while isinstance(t, (LLVMArrayType, VectorType)):
        t = t.element_type
    return t if isinstance(t, (IntegerType, FloatType)) else None


def _leaf_dtype(t: Type) -> Any:
    if isinstance(t, FloatType):
        return _NUMPY_STORAGE.get(t.kind)
    if isinstance(t, IntegerType) and t.width in (8, 16, 32, 64):
        return np.dtype(f"<i{t.width // 8}")
    return None


def _array(value: Attribute, op: Operation) -> np.ndarray:
    if isinstance(value, DenseElementsAttr):
        return value.array
    blob = value.handle.blob
    if blob is None:
        raise TranslationError(op, f"no data for dense_resource<{value.handle.key}>")
    dtype = numpy_dtype(value.type.element_type)
    return np.frombuffer(blob.data, dtype=dtype).reshape(value.type.shape)


# -- attributes ------------------------------------------------------------------------------------

# Parameter attributes (`llvm.noalias` -> `noalias`); a value attribute writes its value.
_PARAM_ATTRS = {
    "llvm.noalias": "noalias", "llvm.nonnull": "nonnull", "llvm.noundef": "noundef",
    "llvm.signext": "signext", "llvm.zeroext": "zeroext", "llvm.inreg": "inreg",
    "llvm.nocapture": "captures(none)", "llvm.readonly": "readonly",
    "llvm.writeonly": "writeonly", "llvm.readnone": "readnone", "llvm.returned": "returned",
    "llvm.nofree": "nofree", "llvm.nest": "nest", "llvm.immarg": "immarg",
    "llvm.noinline": "noinline",
}  # fmt: skip
_INT_PARAM_ATTRS = {
    "llvm.align": "align {}", "llvm.dereferenceable": "dereferenceable({})",
    "llvm.dereferenceable_or_null": "dereferenceable_or_null({})",
    "llvm.alignstack": "alignstack({})",
}  # fmt: skip
_TYPE_PARAM_ATTRS = {
    "llvm.byval": "byval({})", "llvm.byref": "byref({})", "llvm.sret": "sret({})",
    "llvm.inalloca": "inalloca({})", "llvm.preallocated": "preallocated({})",
    "llvm.elementtype": "elementtype({})",
}  # fmt: skip
# Function attributes of llvm.func's own properties.
_FUNC_UNIT_ATTRS = {
    "no_inline": "noinline", "always_inline": "alwaysinline", "inline_hint": "inlinehint",
    "no_unwind": "nounwind", "will_return": "willreturn", "optimize_none": "optnone",
}  # fmt: skip
_FUNC_STRING_ATTRS = {"target_cpu": "target-cpu", "tune_cpu": "tune-cpu"}
# LLVM's enum attributes (written bare in `passthrough`); anything else is a string one.
_ENUM_FN_ATTRS = frozenset(
    "alwaysinline builtin cold convergent hot inlinehint minsize mustprogress naked nobuiltin "
    "nocallback noduplicate nofree noimplicitfloat noinline nomerge noprofile norecurse "
    "noredzone noreturn nosync nounwind nosanitize_coverage null_pointer_is_valid optforfuzzing "
    "optnone optsize readnone readonly returns_twice safestack sanitize_address "
    "sanitize_hwaddress sanitize_memory sanitize_thread speculatable speculative_load_hardening "
    "ssp sspreq sspstrong strictfp uwtable willreturn writeonly argmemonly "
    "inaccessiblememonly".split()
)


def _param_attrs(attrs: dict, types: _Types, op: Operation) -> str:
    parts = []
    for name, value in attrs.items():
        if name in _PARAM_ATTRS:
            parts.append(_PARAM_ATTRS[name])
        elif name in _INT_PARAM_ATTRS and isinstance(value, IntegerAttr):
            parts.append(_INT_PARAM_ATTRS[name].format(value.value))
        elif name in _TYPE_PARAM_ATTRS and isinstance(value, TypeAttr):
            parts.append(_TYPE_PARAM_ATTRS[name].format(types(value.value, op)))
        # Other attributes (MLIR's own, dialir's) carry nothing for LLVM.
    return "".join(" " + p for p in parts)


def _passthrough(value: Any) -> list[str]:
    out = []
    for item in value or ():
        if isinstance(item, StringAttr):
            name = item.value
            out.append(name if name in _ENUM_FN_ATTRS else f'"{_escape_bytes(name.encode())}"')
        elif isinstance(item, ArrayAttr) and len(item) == 2:
            key, val = item
            if isinstance(key, StringAttr) and isinstance(val, StringAttr):
                out.append(f'"{_escape_bytes(key.value.encode())}"="'
                           f'{_escape_bytes(val.value.encode())}"')  # fmt: skip
    return out


def _target_features(value: Any) -> str | None:
    """`#llvm.target_features<["+avx512f", "+fma"]>` (kept verbatim) or a string."""
    if isinstance(value, StringAttr):
        return value.value
    if isinstance(value, OpaqueAttr):
        return ",".join(re.findall(r'"([^"]*)"', value.body))
    return None


def _fmf(op: Operation) -> str:
    flags = op.properties.get("fastmathFlags")
    if isinstance(flags, FastmathFlagsAttr) and not flags.is_none:
        return " " + " ".join(flags.names())
    return ""


_CCONV_IR = CConvAttr.IR_NAMES


def _cconv(op: Operation) -> str:
    cc = op.properties.get("CConv")
    if isinstance(cc, CConvAttr) and cc.value != "ccc":
        return " " + _CCONV_IR[cc.value]
    return ""


# -- the module ------------------------------------------------------------------------------------


class ModuleTranslation:
    """One translation of one module (MLIR's ModuleTranslation)."""

    def __init__(self, module: Operation, external_data: dict[str, np.ndarray] | None = None,
                 data_prefix: str = "") -> None:  # fmt: skip
        """With `external_data` (a dict to fill), the large data of constant globals is not
        written into the text: each such global is declared `external constant` under the
        name `data_prefix + <its name>`, and its bytes (a 64-byte aligned uint8 array) go into
        the dict under that name, for a JIT to bind (a model's weights then cost no text,
        parsing or code generation)."""
        self.module = module
        self.external_data = external_data
        self.data_prefix = data_prefix
        self.renamed: dict[str, str] = {}
        self.types = _Types()
        self.constants = _Constants(self.types)
        self.intrinsics: dict[str, str] = {}  # name -> declaration
        self.metadata: list[str] = []
        self.metadata_ids: dict[str, int] = {}
        self.symbols: dict[str, Operation] = {}

    def metadata_node(self, text: str) -> str:
        """`!N` for a metadata node with body `text` (shared when equal)."""
        n = self.metadata_ids.get(text)
        if n is None:
            n = self.metadata_ids[text] = len(self.metadata)
            self.metadata.append(f"!{n} = {text}")
        return f"!{n}"

    def declare_intrinsic(self, name: str, result: str, params: Sequence[str]) -> None:
        if name not in self.intrinsics:
            self.intrinsics[name] = f"declare {result} @{name}({', '.join(params)})"

    def translate(self) -> str:
        body = self._body_ops()
        for op in body:
            sym = op.properties.get("sym_name")
            if isinstance(sym, StringAttr):
                self.symbols[sym.value] = op
        globals_ = [self._global(op) for op in body if isinstance(op, llvm.GlobalOp)]
        functions = [self._function(op) for op in body if isinstance(op, llvm.FuncOp)]
        head = [f"; ModuleID = '{_module_name(self.module)}'"]
        layout = self.module.attributes.get("llvm.data_layout")
        triple = self.module.attributes.get("llvm.target_triple")
        if isinstance(layout, StringAttr):
            head.append(f'target datalayout = "{layout.value}"')
        if isinstance(triple, StringAttr):
            head.append(f'target triple = "{triple.value}"')
        parts = ["\n".join(head)]
        for section in (self.types.definitions(), globals_, functions,
                        list(self.intrinsics.values()), self.metadata):  # fmt: skip
            if section:
                parts.append("\n".join(section) if section is not functions else
                             "\n\n".join(section))  # fmt: skip
        return "\n\n".join(parts) + "\n"

    def _body_ops(self) -> list[Operation]:
        module = self.module
        if not module.regions or not module.regions[0].blocks:
            return []
        ops = list(module.regions[0].blocks[0].ops)
        for op in ops:
            if not isinstance(op, (llvm.FuncOp, llvm.GlobalOp)):
                raise TranslationError(op, f"cannot be converted to LLVM IR: '{op.name}' is not "
                                       "an llvm.func or llvm.mlir.global")  # fmt: skip
        return ops

    # -- globals -------------------------------------------------------------------------------

    def _global(self, op: llvm.GlobalOp) -> str:
        t = op.type
        type_text = self.types(t, op)
        init: str | None = None
        raw_align: int | None = None
        value = op.value
        if value is not None:
            raw = self.constants.raw(value, t, op, as_text=self.external_data is None
                                     or op.constant is None)  # fmt: skip
            if raw is not None and isinstance(raw[1], np.ndarray):
                name = self.data_prefix + op.symbol
                self.renamed[op.symbol] = name
                self.external_data[name] = raw[1]
                return f"@{_quote_name(name)} = external constant {raw[0]}, align 64"
            if raw is not None:
                # Bytes in place of elements: an i8 array is aligned to 1, so the global
                # keeps at least its elements' alignment (64: whole cache lines, and what
                # the widest vector loads like).
                type_text, init = raw
                raw_align = 64
            else:
                init = self.constants.text(value, t, op)
        elif op.initializer.blocks:
            init = _GlobalInitializer(self, op).evaluate()
        words = [f"@{_quote_name(op.symbol)} ="]
        linkage = op.linkage.value
        if linkage != "external" or init is None:
            words.append(linkage)
        if op.dso_local is not None:
            words.append("dso_local")
        vis = op.visibility_.value
        if vis:
            words.append({1: "hidden", 2: "protected"}[vis])
        tls = op.tls_mode
        if tls is not None and tls.value:
            modes = {1: "thread_local", 2: "thread_local(localdynamic)",
                     3: "thread_local(initialexec)", 4: "thread_local(localexec)"}  # fmt: skip
            words.append(modes[tls.value])
        if op.unnamed_addr is not None and op.unnamed_addr.value:
            words.append({1: "local_unnamed_addr", 2: "unnamed_addr"}[op.unnamed_addr.value])
        if op.addr_space_value:
            words.append(f"addrspace({op.addr_space_value})")
        if op.externally_initialized is not None:
            words.append("externally_initialized")
        words.append("constant" if op.constant is not None else "global")
        words.append(type_text)
        if init is not None:
            words.append(init)
        text = " ".join(words)
        if op.section is not None:
            text += f', section "{_escape_bytes(op.section.value.encode())}"'
        if op.alignment is not None:
            text += f", align {max(op.alignment.value, raw_align or 0)}"
        elif raw_align is not None:
            text += f", align {raw_align}"
        return text

    # -- functions -------------------------------------------------------------------------------

    def _function(self, op: llvm.FuncOp) -> str:
        return _FunctionTranslation(self, op).translate()


def _module_name(module: Operation) -> str:
    name = module.properties.get("sym_name")
    return name.value if isinstance(name, StringAttr) else "LLVMDialectModule"


class _GlobalInitializer:
    """Folds a global's initializer region to one LLVM constant: constants, addresses,
    constant `getelementptr` and casts, and aggregates built by `insertvalue`."""

    def __init__(self, mt: ModuleTranslation, op: llvm.GlobalOp) -> None:
        self.mt = mt
        self.op = op
        self.values: dict[Value, Any] = {}  # a constant's text, or an aggregate's parts

    def evaluate(self) -> str:
        block = self.op.initializer.blocks[0]
        for o in block.ops:
            if isinstance(o, llvm.ReturnOp):
                return self.text(o.arg)
            self.values[o.results[0]] = self.fold(o) if o.results else None
        raise TranslationError(self.op, "initializer region must end with 'llvm.return'")

    def fold(self, o: Operation) -> Any:
        t = o.results[0].type
        if isinstance(o, llvm.ConstantOp):
            return self.mt.constants.text(o.value, t, o)
        if isinstance(o, llvm.ZeroOp):
            return zero_text(t)
        if isinstance(o, llvm.UndefOp):
            return "undef"
        if isinstance(o, llvm.PoisonOp):
            return "poison"
        if isinstance(o, llvm.AddressOfOp):
            root = o.global_name.root
            return "@" + _quote_name(self.mt.renamed.get(root, root))
        if isinstance(o, llvm.InsertValueOp):
            return self._insert(o)
        if isinstance(o, llvm.GEPOp):
            return self._gep(o)
        if isinstance(o, (llvm.BitcastOp, llvm.PtrToIntOp, llvm.IntToPtrOp,
                          llvm.AddrSpaceCastOp)):  # fmt: skip
            src = o.operands[0]
            return (f"{o.llvm_instruction} ({self.mt.types(src.type, o)} {self.text(src)} to "
                    f"{self.mt.types(t, o)})")  # fmt: skip
        raise TranslationError(o, f"cannot translate '{o.name}' in a global initializer: "
                               "only constants, addresses, getelementptr, casts and "
                               "insertvalue fold to LLVM constants")  # fmt: skip

    def _insert(self, o: llvm.InsertValueOp) -> Any:
        agg = self._parts(o.container, o.container.type)
        cur, t = agg, o.container.type
        for i in o.position.values[:-1]:
            t = t.body[i] if isinstance(t, LLVMStructType) else t.element_type
            if not isinstance(cur[i], list):
                cur[i] = self._parts_of_text(cur[i], t)
            cur = cur[i]
        cur[o.position.values[-1]] = self.values[o.value] if o.value in self.values else None
        return agg

    def _parts(self, v: Value, t: Type) -> list:
        current = self.values.get(v)
        if isinstance(current, list):
            return _deep_copy(current)
        return self._parts_of_text(current or "undef", t)

    def _parts_of_text(self, text: str, t: Type) -> list:
        elems = t.body if isinstance(t, LLVMStructType) else [t.element_type] * t.num_elements
        if text in ("undef", "poison"):
            return [text] * len(elems)
        if text == "zeroinitializer":
            return [zero_text(e) for e in elems]
        raise TranslationError(self.op, f"cannot insert into the constant {text}")

    def _gep(self, o: llvm.GEPOp) -> str:
        types = self.mt.types
        base = o.base
        idx = []
        for i in o.indices:
            if isinstance(i, Value):
                idx.append(f"{types(i.type, o)} {self.text(i)}")
            else:
                idx.append(f"i32 {i}")
        flags = "".join(" " + f for f in o.no_wrap_names)
        return (f"getelementptr{flags} ({types(o.elem_type.value, o)}, {types(base.type, o)} "
                f"{self.text(base)}, {', '.join(idx)})")  # fmt: skip

    def text(self, v: Value) -> str:
        value = self.values.get(v)
        if value is None:
            raise TranslationError(self.op, "the initializer returns a value it does not define")
        if isinstance(value, list):
            return self._aggregate_text(value, v.type)
        return value

    def _aggregate_text(self, parts: list, t: Type) -> str:
        types = self.mt.types
        if isinstance(t, LLVMStructType):
            elems = t.body
        else:
            elems = [t.element_type] * t.num_elements
        items = []
        for p, e in zip(parts, elems):
            if isinstance(p, list):
                p = self._aggregate_text(p, e)
            items.append(f"{types(e, self.op)} {p if p is not None else 'undef'}")
        if isinstance(t, LLVMStructType):
            inner = "{ " + ", ".join(items) + " }"
            return f"<{inner}>" if t.packed else inner
        return "[" + ", ".join(items) + "]"


def _deep_copy(parts: list) -> list:
    return [_deep_copy(p) if isinstance(p, list) else p for p in parts]


_CONSTANT_OPS = (llvm.ConstantOp, llvm.ZeroOp, llvm.UndefOp, llvm.PoisonOp, llvm.AddressOfOp)


class _FunctionTranslation:
    """One function: value and block names, phi nodes, and an emitter per op."""

    def __init__(self, mt: ModuleTranslation, op: llvm.FuncOp) -> None:
        self.mt = mt
        self.op = op
        self.types = mt.types
        self.names: dict[Value, str] = {}
        self.blocks: dict[Block, str] = {}
        self.lines: list[str] = []
        self.counter = 0
        # (terminator, successor index) -> the label the edge goes through
        self.edge_labels: dict[tuple[Operation, int], str] = {}
        self.edge_blocks: list[list[str]] = []

    # -- names and operands ----------------------------------------------------------------------

    def fresh(self) -> str:
        """A value name; named (`%v3`), not numbered, so no ordering rule applies."""
        self.counter += 1
        return f"%v{self.counter - 1}"

    def value(self, v: Value) -> str:
        name = self.names.get(v)
        if name is None:
            owner = getattr(v, "owner", None)
            if isinstance(owner, _CONSTANT_OPS):
                name = self.names[v] = self._constant(owner)
            else:
                raise TranslationError(self.op, "a value is used outside the function that "
                                       "defines it")  # fmt: skip
        return name

    def typed(self, v: Value, op: Operation) -> str:
        return f"{self.types(v.type, op)} {self.value(v)}"

    def _constant(self, op: Operation) -> str:
        if isinstance(op, llvm.ConstantOp):
            return self.mt.constants.text(op.value, op.res.type, op)
        if isinstance(op, llvm.ZeroOp):
            return zero_text(op.res.type)
        if isinstance(op, llvm.UndefOp):
            return "undef"
        if isinstance(op, llvm.PoisonOp):
            return "poison"
        target = self.mt.symbols.get(op.global_name.root)
        if target is None:
            raise TranslationError(op, f"'{op.global_name.root}' does not reference a global or "
                                   "function of the module")  # fmt: skip
        root = op.global_name.root
        return "@" + _quote_name(self.mt.renamed.get(root, root))

    # -- the function ------------------------------------------------------------------------------

    def translate(self) -> str:
        op = self.op
        ftype = op.type
        types = self.types
        args = op.body.blocks[0].args if op.body.blocks else None
        params = []
        for i, (t, attrs) in enumerate(zip(ftype.params, op.arg_attr_dicts())):
            text = types(t, op) + _param_attrs(attrs, types, op)
            if args is not None:
                name = self.names[args[i]] = f"%arg{i}"
                text += " " + name
            params.append(text)
        if ftype.var_arg:
            params.append("...")
        (res_attrs,) = op.res_attr_dicts() or [{}]
        header = [("declare" if args is None else "define")]
        linkage = op.linkage.value
        if linkage != "external":
            header.append(linkage)
        if op.dso_local is not None:
            header.append("dso_local")
        vis = op.visibility_.value
        if vis:
            header.append({1: "hidden", 2: "protected"}[vis])
        cc = _cconv(op)
        if cc:
            header.append(cc.strip())
        ret_attrs = _param_attrs(res_attrs, types, op).strip() if ftype.results else ""
        if ret_attrs:
            header.append(ret_attrs)
        header.append(types(ftype.result, op))
        text = " ".join(header) + f" @{_quote_name(op.symbol)}({', '.join(params)})"
        if op.unnamed_addr is not None and op.unnamed_addr.value:
            text += " " + {1: "local_unnamed_addr", 2: "unnamed_addr"}[op.unnamed_addr.value]
        fn_attrs = self._function_attributes()
        if fn_attrs:
            text += " " + " ".join(fn_attrs)
        if op.section is not None:
            text += f' section "{_escape_bytes(op.section.value.encode())}"'
        if op.alignment is not None:
            text += f" align {op.alignment.value}"
        if op.garbageCollector is not None:
            text += f' gc "{_escape_bytes(op.garbageCollector.value.encode())}"'
        if op.personality is not None:
            text += f" personality ptr @{_quote_name(op.personality.root)}"
        if args is None:
            return text
        return text + " {\n" + self._body() + "}"

    def _function_attributes(self) -> list[str]:
        op = self.op
        out = []
        for prop, name in _FUNC_UNIT_ATTRS.items():
            if op.properties.get(prop) is not None:
                out.append(name)
        if op.optimize_none is not None and op.no_inline is None:
            out.append("noinline")  # LLVM requires optnone functions to be noinline
        for prop, name in _FUNC_STRING_ATTRS.items():
            value = op.properties.get(prop)
            if isinstance(value, StringAttr):
                out.append(f'"{name}"="{_escape_bytes(value.value.encode())}"')
        features = _target_features(op.target_features)
        if features is not None:
            out.append(f'"target-features"="{_escape_bytes(features.encode())}"')
        out.extend(_passthrough(op.passthrough))
        return out

    def _body(self) -> str:
        blocks = self.op.body.blocks
        # Every value is named before any is used: a phi may take a value defined later.
        for i, block in enumerate(blocks):
            self.blocks[block] = f"bb{i}"
            if i:
                for a in block.args:
                    self.names[a] = self.fresh()
            for o in block.ops:
                if o.results and not isinstance(o, _CONSTANT_OPS):
                    self.names[o.results[0]] = self.fresh()
        self._plan_edges()
        incoming = self._incoming()
        for i, block in enumerate(blocks):
            if i:
                self.lines.append(f"{self.blocks[block]}:")
            else:
                self.lines.append("entry:")
            for arg in block.args if i else ():
                phis = incoming.get(arg, [])
                if not phis:
                    raise TranslationError(self.op, f"block {self.blocks[block]} has an "
                                           "argument but no predecessors")  # fmt: skip
                edges = ", ".join(f"[ {v}, %{label} ]" for v, label in phis)
                self.lines.append(f"  {self.names[arg]} = phi {self.types(arg.type)} {edges}")
            for o in block.ops:
                self._emit(o)
        for lines in self.edge_blocks:
            self.lines.extend(lines)
        return "\n".join(self.lines) + "\n"

    def label(self, block: Block) -> str:
        return self.blocks[block] if block is not self.op.body.blocks[0] else "entry"

    def _plan_edges(self) -> None:
        """Edges that need a block of their own: a terminator reaching one block through
        several successors that pass it values (LLVM's phi takes one value per
        predecessor)."""
        n = 0
        for block in self.op.body.blocks:
            term = block.terminator
            if term is None:
                continue
            seen: dict[Block, int] = {}
            for succ in term.successors:
                seen[succ] = seen.get(succ, 0) + 1
            for i, succ in enumerate(term.successors):
                if seen[succ] > 1 and succ.args:
                    label = f"{self.label(block)}.edge{n}"
                    n += 1
                    self.edge_labels[(term, i)] = label
                    self.edge_blocks.append([f"{label}:", f"  br label %{self.blocks[succ]}"])

    def _incoming(self) -> dict[Value, list[tuple[str, str]]]:
        """Block argument -> its (value, predecessor label) pairs."""
        incoming: dict[Value, list[tuple[str, str]]] = {}
        for block in self.op.body.blocks:
            term = block.terminator
            if term is None:
                continue
            passed = getattr(term, "successor_operands", None)
            for i, succ in enumerate(term.successors):
                operands = passed(i) if passed is not None else ()
                if len(operands) != len(succ.args):
                    raise TranslationError(term, "successor operands do not match the block's "
                                           "arguments")  # fmt: skip
                pred = self.edge_labels.get((term, i), self.label(block))
                for arg, v in zip(succ.args, operands):
                    incoming.setdefault(arg, []).append((self.value(v), pred))
        return incoming

    def successor(self, term: Operation, i: int) -> str:
        return "%" + self.edge_labels.get((term, i), self.blocks[term.successors[i]])

    # -- ops ---------------------------------------------------------------------------------------

    def _emit(self, o: Operation) -> None:
        if isinstance(o, _CONSTANT_OPS):
            return  # written where it is used
        emitter = _EMITTERS.get(type(o))
        if emitter is None:
            if isinstance(o, intr.IntrinsicOp):
                emitter = _intrinsic
            else:
                raise TranslationError(o, f"cannot be converted to LLVM IR: no translation for "
                                       f"op '{o.name}'")  # fmt: skip
        text = emitter(self, o)
        if o.results and not isinstance(o.results[0].type, LLVMVoidType):
            self.lines.append(f"  {self.names[o.results[0]]} = {text}")
        else:
            self.lines.append(f"  {text}")


# -- emitters ---------------------------------------------------------------------------------------


def _binary(f: _FunctionTranslation, o: Operation) -> str:
    flags = ""
    props = o.properties
    of = props.get("overflowFlags")
    if of is not None:
        flags += "".join(" " + n for n in OverflowFlags.names(of))
    if props.get("isExact") is not None:
        flags += " exact"
    if props.get("isDisjoint") is not None:
        flags += " disjoint"
    flags += _fmf(o)
    lhs, rhs = o.operands
    return f"{o.llvm_instruction}{flags} {f.typed(lhs, o)}, {f.value(rhs)}"


def _fneg(f: _FunctionTranslation, o: Operation) -> str:
    return f"fneg{_fmf(o)} {f.typed(o.operands[0], o)}"


def _cmp(f: _FunctionTranslation, o: Operation) -> str:
    kind = "icmp" if isinstance(o, llvm.ICmpOp) else "fcmp"
    pred = o.predicate_name.strip("_")  # fcmp's `_false`/`_true`
    lhs, rhs = o.operands
    return f"{kind}{_fmf(o)} {pred} {f.typed(lhs, o)}, {f.value(rhs)}"


def _select(f: _FunctionTranslation, o: Operation) -> str:
    c, a, b = o.operands
    return f"select{_fmf(o)} {f.typed(c, o)}, {f.typed(a, o)}, {f.typed(b, o)}"


def _cast(f: _FunctionTranslation, o: Operation) -> str:
    flags = ""
    props = o.properties
    of = props.get("overflowFlags")
    if of is not None:
        flags += "".join(" " + n for n in OverflowFlags.names(of))
    if props.get("nonNeg") is not None:
        flags += " nneg"
    flags += _fmf(o)
    return f"{o.llvm_instruction}{flags} {f.typed(o.operands[0], o)} to {f.types(o.res.type, o)}"


def _alloca(f: _FunctionTranslation, o: llvm.AllocaOp) -> str:
    text = "alloca"
    if o.inalloca is not None:
        text += " inalloca"
    text += f" {f.types(o.elem_type.value, o)}, {f.typed(o.arraySize, o)}"
    if o.alignment is not None:
        text += f", align {o.alignment.value}"
    space = o.res.type.address_space
    if space:
        text += f", addrspace({space})"
    return text


def _mem_tail(f: _FunctionTranslation, o: Operation, invariant: bool) -> str:
    text = ""
    if o.alignment is not None:
        text += f", align {o.alignment.value}"
    if o.nontemporal is not None:
        text += ", !nontemporal " + f.mt.metadata_node("!{i32 1}")
    if invariant and o.properties.get("invariant") is not None:
        text += ", !invariant.load " + f.mt.metadata_node("!{}")
    if o.invariantGroup is not None:
        text += ", !invariant.group " + f.mt.metadata_node("!{}")
    return text


def _atomic(o: Operation) -> tuple[str, str]:
    """(`atomic`, ` syncscope("s") ordering`) for an atomic access, else empty."""
    name = o.ordering_name
    if name == "not_atomic":
        return "", ""
    scope = f' syncscope("{o.syncscope.value}")' if o.syncscope is not None else ""
    return " atomic", f"{scope} {name}"


def _load(f: _FunctionTranslation, o: llvm.LoadOp) -> str:
    atomic, order = _atomic(o)
    vol = " volatile" if o.volatile_ is not None else ""
    return (f"load{atomic}{vol} {f.types(o.res.type, o)}, {f.typed(o.addr, o)}{order}"
            f"{_mem_tail(f, o, True)}")  # fmt: skip


def _store(f: _FunctionTranslation, o: llvm.StoreOp) -> str:
    atomic, order = _atomic(o)
    vol = " volatile" if o.volatile_ is not None else ""
    return (f"store{atomic}{vol} {f.typed(o.value, o)}, {f.typed(o.addr, o)}{order}"
            f"{_mem_tail(f, o, False)}")  # fmt: skip


def _gep(f: _FunctionTranslation, o: llvm.GEPOp) -> str:
    idx = []
    for i in o.indices:
        idx.append(f.typed(i, o) if isinstance(i, Value) else f"i32 {i}")
    flags = "".join(" " + n for n in o.no_wrap_names)
    if o.noWrapFlags.value and not flags:
        raise TranslationError(o, "invalid getelementptr no-wrap flags")
    return f"getelementptr{flags} {f.types(o.elem_type.value, o)}, {f.typed(o.base, o)}" + "".join(
        ", " + i for i in idx
    )


def _extractvalue(f: _FunctionTranslation, o: llvm.ExtractValueOp) -> str:
    pos = ", ".join(str(p) for p in o.position.values)
    return f"extractvalue {f.typed(o.container, o)}, {pos}"


def _insertvalue(f: _FunctionTranslation, o: llvm.InsertValueOp) -> str:
    pos = ", ".join(str(p) for p in o.position.values)
    return f"insertvalue {f.typed(o.container, o)}, {f.typed(o.value, o)}, {pos}"


def _extractelement(f: _FunctionTranslation, o: llvm.ExtractElementOp) -> str:
    return f"extractelement {f.typed(o.vector, o)}, {f.typed(o.position, o)}"


def _insertelement(f: _FunctionTranslation, o: llvm.InsertElementOp) -> str:
    return (f"insertelement {f.typed(o.vector, o)}, {f.typed(o.value, o)}, "
            f"{f.typed(o.position, o)}")  # fmt: skip


def _shufflevector(f: _FunctionTranslation, o: llvm.ShuffleVectorOp) -> str:
    mask = ", ".join("i32 poison" if m == -1 else f"i32 {m}" for m in o.mask.values)
    n = len(o.mask.values)
    return (f"shufflevector {f.typed(o.v1, o)}, {f.typed(o.v2, o)}, <{n} x i32> "
            f"<{mask}>")  # fmt: skip


def _weights(f: _FunctionTranslation, o: Operation) -> str:
    w = o.properties.get("branch_weights")
    if w is None or not w.values:
        return ""
    body = ", ".join(f"i32 {v}" for v in w.values)
    return ", !prof " + f.mt.metadata_node(f'!{{!"branch_weights", {body}}}')


def _br(f: _FunctionTranslation, o: llvm.BrOp) -> str:
    return f"br label {f.successor(o, 0)}"


def _cond_br(f: _FunctionTranslation, o: llvm.CondBrOp) -> str:
    return (f"br {f.typed(o.condition, o)}, label {f.successor(o, 0)}, label "
            f"{f.successor(o, 1)}{_weights(f, o)}")  # fmt: skip


def _switch(f: _FunctionTranslation, o: llvm.SwitchOp) -> str:
    t = f.types(o.value.type, o)
    cases = "".join(
        f"\n    {t} {v}, label {f.successor(o, i + 1)}"
        for i, v in enumerate(o.case_value_list())
    )  # fmt: skip
    return (f"switch {f.typed(o.value, o)}, label {f.successor(o, 0)} [{cases}\n  ]"
            f"{_weights(f, o)}")  # fmt: skip


def _return(f: _FunctionTranslation, o: llvm.ReturnOp) -> str:
    return "ret void" if o.arg is None else f"ret {f.typed(o.arg, o)}"


def _unreachable(f: _FunctionTranslation, o: Operation) -> str:
    return "unreachable"


_TAIL = {"none": "", "tail": "tail ", "musttail": "musttail ", "notail": "notail "}


def _call(f: _FunctionTranslation, o: llvm.CallOp) -> str:
    if llvm.has_op_bundles(o):
        raise TranslationError(o, "cannot translate operand bundles to LLVM IR")
    args = ", ".join(f.typed(a, o) for a in o.args)
    result = f.types(o.results[0].type, o) if o.results else "void"
    tail = _TAIL[o.TailCallKind.value]
    if o.var_callee_type is not None:
        callee_type = f.types(o.var_callee_type.value, o)
    else:
        callee_type = result
    if o.callee is not None:
        if o.callee.root not in f.mt.symbols:
            raise TranslationError(o, f"'{o.callee.root}' is not a function of the module")
        target = "@" + _quote_name(o.callee.root)
    else:
        target = f.value(o.callee_operands[0])
    return f"{tail}call{_fmf(o)}{_cconv(o)} {callee_type} {target}({args})"


def _call_intrinsic(f: _FunctionTranslation, o: llvm.CallIntrinsicOp) -> str:
    if llvm.has_op_bundles(o):
        raise TranslationError(o, "cannot translate operand bundles to LLVM IR")
    name = o.intrin.value
    result = f.types(o.results[0].type, o) if o.results else "void"
    params = [f.types(a.type, o) for a in o.args]
    f.mt.declare_intrinsic(name, result, params)
    args = ", ".join(f.typed(a, o) for a in o.args)
    return f"call{_fmf(o)} {result} @{name}({args})"


def _inline_asm(f: _FunctionTranslation, o: llvm.InlineAsmOp) -> str:
    result = f.types(o.res.type, o) if o.res is not None else "void"
    flags = ""
    if o.has_side_effects is not None:
        flags += " sideeffect"
    if o.is_align_stack is not None:
        flags += " alignstack"
    if o.asm_dialect is not None and o.asm_dialect.value == 1:
        flags += " inteldialect"
    asm = _escape_bytes(o.asm_string.value.encode())
    cons = _escape_bytes(o.constraints.value.encode())
    args = ", ".join(f.typed(a, o) for a in o.operands)
    tail = _TAIL[o.tail_call_kind.value]
    return f'{tail}call {result} asm{flags} "{asm}", "{cons}"({args})'


def _intrinsic(f: _FunctionTranslation, o: intr.IntrinsicOp) -> str:
    """`call <ret> @llvm.<name>.<suffixes>(<operands>, <immargs>)`."""
    cls = type(o)
    if isinstance(o, intr.AssumeOp) and llvm.has_op_bundles(o):
        raise TranslationError(o, "cannot translate operand bundles to LLVM IR")
    try:
        suffix = "".join(
            "." + mangle(o.results[0].type if k == "r" else o.operands[k].type)
            for k in cls.overloaded
        )  # fmt: skip
    except ValueError as e:
        raise TranslationError(o, str(e)) from None
    name = f"llvm.{cls.intrinsic}{suffix}"
    operands = list(o.operands)
    args = [f.typed(v, o) for v in operands]
    params = [f.types(v.type, o) for v in operands]
    for attr in cls.immargs:
        value = o.properties.get(attr)
        args.append(f"i1 {'true' if value is not None and value.value else 'false'}")
        params.append("i1 immarg")
    if isinstance(o, (intr.MaskedLoadOp, intr.MaskedStoreOp)):
        args, params = _masked_args(f, o, args, params)
    result = f.types(o.results[0].type, o) if o.results else "void"
    f.mt.declare_intrinsic(name, result, params)
    return f"call{_fmf(o)} {result} @{name}({', '.join(args)})"


def _masked_args(f: _FunctionTranslation, o: Operation, args: list, params: list) -> tuple:
    """llvm.masked.load(ptr, i32 align, mask, passthru) / .store(value, ptr, i32 align,
    mask): the alignment goes between the pointer and the mask."""
    align = f"i32 {o.alignment.value}"
    if isinstance(o, intr.MaskedLoadOp):
        vector = f.types(o.res.type, o)
        passthru = args[2] if len(args) > 2 else f"{vector} poison"
        return ([args[0], align, args[1], passthru],
                [params[0], "i32 immarg", params[1], vector])  # fmt: skip
    return [args[0], args[1], align, args[2]], [params[0], params[1], "i32 immarg", params[2]]


_EMITTERS: dict[type, Callable[[_FunctionTranslation, Any], str]] = {
    **{cls: _binary for cls in (
        llvm.AddOp, llvm.SubOp, llvm.MulOp, llvm.UDivOp, llvm.SDivOp, llvm.URemOp, llvm.SRemOp,
        llvm.AndOp, llvm.OrOp, llvm.XOrOp, llvm.ShlOp, llvm.LShrOp, llvm.AShrOp, llvm.FAddOp,
        llvm.FSubOp, llvm.FMulOp, llvm.FDivOp, llvm.FRemOp,
    )},
    **{cls: _cast for cls in (
        llvm.TruncOp, llvm.ZExtOp, llvm.SExtOp, llvm.FPExtOp, llvm.FPTruncOp, llvm.SIToFPOp,
        llvm.UIToFPOp, llvm.FPToSIOp, llvm.FPToUIOp, llvm.BitcastOp, llvm.PtrToIntOp,
        llvm.IntToPtrOp, llvm.AddrSpaceCastOp,
    )},
    llvm.FNegOp: _fneg, llvm.ICmpOp: _cmp, llvm.FCmpOp: _cmp, llvm.SelectOp: _select,
    llvm.AllocaOp: _alloca, llvm.LoadOp: _load, llvm.StoreOp: _store, llvm.GEPOp: _gep,
    llvm.ExtractValueOp: _extractvalue, llvm.InsertValueOp: _insertvalue,
    llvm.ExtractElementOp: _extractelement, llvm.InsertElementOp: _insertelement,
    llvm.ShuffleVectorOp: _shufflevector, llvm.BrOp: _br, llvm.CondBrOp: _cond_br,
    llvm.SwitchOp: _switch, llvm.ReturnOp: _return, llvm.UnreachableOp: _unreachable,
    llvm.CallOp: _call, llvm.CallIntrinsicOp: _call_intrinsic, llvm.InlineAsmOp: _inline_asm,
}  # fmt: skip


# -- entry points --------------------------------------------------------------------------------


def translate_to_llvmir(module: Operation) -> str:
    """LLVM IR text of an llvm-dialect module (a `builtin.module` of `llvm.func` and
    `llvm.mlir.global` ops). Raises TranslationError (a DiagnosticError) at the op it cannot
    translate."""
    return ModuleTranslation(module).translate()


__all__ = ["ModuleTranslation", "TranslationError", "float_text", "mangle", "translate_to_llvmir"]
