"""Reading ONNX files safely: the protobuf, element types, and tensor data with bounds checks.

Everything here treats the file as hostile. Sizes are checked before memory is allocated,
external data is read only from regular files inside the model's directory, and every
problem is one `OnnxImportError` naming the file, never a protobuf or numpy traceback.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

import ml_dtypes
import numpy as np
import onnx
from onnx import TensorProto

from dialir.core.ir.attrs import FileLineColLoc
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.types import (
    DYNAMIC,
    FloatType,
    IntegerType,
    RankedTensorType,
    Type,
    bf16,
    f16,
    f32,
    f64,
)

MAX_ELEMENTS = 2**31
"""Most elements a tensor stored in a model (initializer, Constant) may hold."""

MAX_DIM = 2**31 - 1
"""Largest static dimension a value type may have."""


class OnnxImportError(DiagnosticError):
    """A model that cannot be imported: one error at `file:0:0` (printed `file: error: ...`)."""

    def __init__(self, filename: str, message: str) -> None:
        super().__init__(Diagnostic("error", message, FileLineColLoc(filename, 0, 0)))
        self.filename = filename


# -- element types -------------------------------------------------------------------------

ELEMENT_TYPES: dict[int, Type] = {
    TensorProto.FLOAT: f32,
    TensorProto.UINT8: IntegerType(8, "unsigned"),
    TensorProto.INT8: IntegerType(8),
    TensorProto.UINT16: IntegerType(16, "unsigned"),
    TensorProto.INT16: IntegerType(16),
    TensorProto.INT32: IntegerType(32),
    TensorProto.INT64: IntegerType(64),
    TensorProto.BOOL: IntegerType(1),
    TensorProto.FLOAT16: f16,
    TensorProto.DOUBLE: f64,
    TensorProto.UINT32: IntegerType(32, "unsigned"),
    TensorProto.UINT64: IntegerType(64, "unsigned"),
    TensorProto.BFLOAT16: bf16,
    TensorProto.FLOAT8E4M3FN: FloatType("f8E4M3FN"),
    TensorProto.FLOAT8E4M3FNUZ: FloatType("f8E4M3FNUZ"),
    TensorProto.FLOAT8E5M2: FloatType("f8E5M2"),
    TensorProto.FLOAT8E5M2FNUZ: FloatType("f8E5M2FNUZ"),
    TensorProto.FLOAT8E8M0: FloatType("f8E8M0FNU"),
    TensorProto.FLOAT4E2M1: FloatType("f4E2M1FN"),
    TensorProto.INT4: IntegerType(4),
    TensorProto.UINT4: IntegerType(4, "unsigned"),
    TensorProto.INT2: IntegerType(2),
    TensorProto.UINT2: IntegerType(2, "unsigned"),
}
"""ONNX element type -> dialir element type (ONNX's signed ints are MLIR's signless ints)."""

# Elements narrower than a byte, packed low bits first (ONNX's layout): type -> bits.
_PACKED_BITS = {
    TensorProto.INT4: 4, TensorProto.UINT4: 4, TensorProto.FLOAT4E2M1: 4,
    TensorProto.INT2: 2, TensorProto.UINT2: 2,
}  # fmt: skip

# How the bytes of each element type are stored (little endian, as ONNX's raw_data is).
# bfloat16 has no numpy dtype: its 16-bit patterns are widened to float32 after reading.
_STORAGE: dict[int, np.dtype] = {
    TensorProto.FLOAT: np.dtype("<f4"),
    TensorProto.UINT8: np.dtype("u1"),
    TensorProto.INT8: np.dtype("i1"),
    TensorProto.UINT16: np.dtype("<u2"),
    TensorProto.INT16: np.dtype("<i2"),
    TensorProto.INT32: np.dtype("<i4"),
    TensorProto.INT64: np.dtype("<i8"),
    TensorProto.BOOL: np.dtype("?"),
    TensorProto.FLOAT16: np.dtype("<f2"),
    TensorProto.DOUBLE: np.dtype("<f8"),
    TensorProto.UINT32: np.dtype("<u4"),
    TensorProto.UINT64: np.dtype("<u8"),
    TensorProto.BFLOAT16: np.dtype("<u2"),
    # One byte per element (bit patterns) for float8; the packed types are unpacked to one
    # byte per element as they are read.
    **{k: np.dtype("u1") for k in (
        TensorProto.FLOAT8E4M3FN, TensorProto.FLOAT8E4M3FNUZ, TensorProto.FLOAT8E5M2,
        TensorProto.FLOAT8E5M2FNUZ, TensorProto.FLOAT8E8M0, *_PACKED_BITS,
    )},
}  # fmt: skip


def data_type_name(data_type: int) -> str:
    try:
        return TensorProto.DataType.Name(data_type)
    except ValueError:
        return str(data_type)


def element_type(data_type: int) -> Type | None:
    """The dialir element type of an ONNX element type, None when dialir has none."""
    return ELEMENT_TYPES.get(data_type)


# -- the model file ------------------------------------------------------------------------


@dataclass
class Source:
    """A model to import: the parsed protobuf, the name diagnostics use, and the directory
    external data may be read from (None: no external data allowed)."""

    model: onnx.ModelProto
    name: str
    base_dir: str | None


def load_source(
    source: object, name: str | None = None, base_dir: str | os.PathLike | None = None
) -> Source:
    """A path, the bytes of a model, or a ModelProto, as a `Source`."""
    if isinstance(source, onnx.ModelProto):
        return Source(source, name or "<model>", _dir(base_dir))
    if isinstance(source, (bytes, bytearray, memoryview)):
        shown = name or "<bytes>"
        return Source(parse_model_bytes(bytes(source), shown), shown, _dir(base_dir))
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        shown = name or path
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise OnnxImportError(
                shown, f"could not open input file '{path}': {e.strerror or e}"
            ) from None
        directory = base_dir if base_dir is not None else os.path.dirname(os.path.abspath(path))
        return Source(parse_model_bytes(data, shown), shown, _dir(directory))
    raise TypeError(
        f"import_model takes a path, bytes or an onnx.ModelProto, not {type(source).__name__}"
    )


def _dir(d: str | os.PathLike | None) -> str | None:
    return None if d is None else os.fspath(d)


def parse_model_bytes(data: bytes, name: str) -> onnx.ModelProto:
    if not data:
        raise OnnxImportError(name, "not an ONNX model: the file is empty")
    model = onnx.ModelProto()
    try:
        model.ParseFromString(data)
    except Exception as e:  # noqa: BLE001 - DecodeError, RecursionError, ... all mean garbage
        detail = str(e) or type(e).__name__
        raise OnnxImportError(
            name, f"not a valid ONNX model: the protobuf cannot be parsed ({detail}); "
            "the file is truncated or not an ONNX file",
        ) from None  # fmt: skip
    _check_strings(model, name)
    return model


def _check_strings(model: onnx.ModelProto, name: str) -> None:
    """Protobuf hands out a string field that is not valid UTF-8 as bytes: every name the
    importer reads must be text."""
    g = model.graph

    def bad(value: object, what: str) -> None:
        if not isinstance(value, str):
            raise OnnxImportError(name, f"{what} is not valid UTF-8 text")

    for o in model.opset_import:
        bad(o.domain, "an opset_import domain")
    for vi in (*g.input, *g.output, *g.value_info):
        bad(vi.name, "a graph input, output or value_info name")
    for t in g.initializer:
        bad(t.name, "an initializer name")
        for entry in t.external_data:
            bad(entry.key, f"an external_data key of initializer '{t.name}'")
            bad(entry.value, f"an external_data value of initializer '{t.name}'")
    for i, node in enumerate(g.node):
        for value in (node.op_type, node.domain, node.name, *node.input, *node.output):
            bad(value, f"a name in node {i}")
        for a in node.attribute:
            bad(a.name, f"an attribute name of node {i}")


# -- tensors -------------------------------------------------------------------------------


def tensor_shape(t: TensorProto, what: str, name: str) -> tuple[int, ...]:
    """The dims of a stored tensor, checked: non-negative, at most MAX_ELEMENTS in all."""
    dims = tuple(int(d) for d in t.dims)
    count = 1
    for d in dims:
        if d < 0:
            raise OnnxImportError(name, f"{what} has a negative dimension {d} (dims {list(dims)})")
        count *= d
    if count > MAX_ELEMENTS:
        raise OnnxImportError(
            name, f"{what} has {count} elements (dims {list(dims)}), more than the "
            f"{MAX_ELEMENTS} a tensor in a model may hold",
        )  # fmt: skip
    return dims


def tensor_type(t: TensorProto, what: str, name: str) -> RankedTensorType:
    elem = element_type(t.data_type)
    if elem is None:
        raise OnnxImportError(
            name, f"{what} has element type {data_type_name(t.data_type)}, "
            "which dialir does not support",
        )  # fmt: skip
    return RankedTensorType(tensor_shape(t, what, name), elem)


def tensor_to_array(t: TensorProto, what: str, name: str, base_dir: str | None) -> np.ndarray:
    """The values of a stored tensor as a numpy array of its element type's storage
    (bfloat16 as float32). `what` names the tensor in errors ("initializer 'w'")."""
    tensor_type(t, what, name)  # element type and size checks first
    shape = tensor_shape(t, what, name)
    count = int(np.prod(shape, dtype=np.int64)) if shape else 1
    storage = _STORAGE[t.data_type]
    bits = _PACKED_BITS.get(t.data_type)
    if bits is not None:
        # The bytes of the packed elements, read like a tensor of that many uint8.
        elements, count = count, -(-count * bits // 8)
    if t.HasField("segment"):
        raise OnnxImportError(name, f"{what} is a segment of a tensor, which is not supported")
    if t.data_location == TensorProto.EXTERNAL:
        raw = read_external_data(t, count * storage.itemsize, what, name, base_dir)
        arr = np.frombuffer(raw, dtype=storage, count=count)
    elif t.raw_data or count == 0 and not _typed_field(t):
        raw = t.raw_data
        if len(raw) != count * storage.itemsize:
            raise OnnxImportError(
                name, f"{what} has {len(raw)} bytes of raw_data, but its dims {list(shape)} "
                f"of {data_type_name(t.data_type)} need {count * storage.itemsize}",
            )  # fmt: skip
        arr = np.frombuffer(raw, dtype=storage, count=count)
    else:
        arr = _typed_data(t, count, storage, what, name)
    if bits is not None:
        arr = _unpack(arr, bits, elements)
    arr = arr.reshape(shape)
    if t.data_type == TensorProto.BFLOAT16:
        return (arr.astype(np.uint32) << 16).view(np.float32)
    narrow = NARROW_DTYPES.get(t.data_type)
    if narrow is not None:
        return _from_bit_patterns(arr, t.data_type)
    return arr.astype(storage.newbyteorder("="), copy=False)


NARROW_DTYPES: dict[int, np.dtype] = {
    TensorProto.FLOAT8E4M3FN: np.dtype(ml_dtypes.float8_e4m3fn),
    TensorProto.FLOAT8E4M3FNUZ: np.dtype(ml_dtypes.float8_e4m3fnuz),
    TensorProto.FLOAT8E5M2: np.dtype(ml_dtypes.float8_e5m2),
    TensorProto.FLOAT8E5M2FNUZ: np.dtype(ml_dtypes.float8_e5m2fnuz),
    TensorProto.FLOAT8E8M0: np.dtype(ml_dtypes.float8_e8m0fnu),
    TensorProto.FLOAT4E2M1: np.dtype(ml_dtypes.float4_e2m1fn),
    TensorProto.INT4: np.dtype(ml_dtypes.int4),
    TensorProto.UINT4: np.dtype(ml_dtypes.uint4),
    TensorProto.INT2: np.dtype(ml_dtypes.int2),
    TensorProto.UINT2: np.dtype(ml_dtypes.uint2),
}
"""The ml_dtypes dtype of the element types numpy has none for (ONNX's own numpy dtypes)."""


def _unpack(packed: np.ndarray, bits: int, count: int) -> np.ndarray:
    """`count` codes of `bits` bits each from bytes that pack them low bits first."""
    per_byte = 8 // bits
    shifts = np.arange(0, 8, bits, dtype=np.uint8)
    codes = (packed.astype(np.uint8)[:, None] >> shifts) & ((1 << bits) - 1)
    return codes.reshape(len(packed) * per_byte)[:count]


def _from_bit_patterns(codes: np.ndarray, data_type: int) -> np.ndarray:
    """Bit patterns (one uint8 per element) as the arrays nn holds for the type: float8 and
    float4 in ml_dtypes' dtypes, 2- and 4-bit integers sign-extended into int8 (or uint8)."""
    bits = _PACKED_BITS.get(data_type)
    if data_type in (TensorProto.INT4, TensorProto.INT2):
        sign = 1 << (bits - 1)
        return ((codes.astype(np.int16) ^ sign) - sign).astype(np.int8)
    if data_type in (TensorProto.UINT4, TensorProto.UINT2):
        return codes.astype(np.uint8)
    return codes.astype(np.uint8).view(NARROW_DTYPES[data_type])


def _typed_field(t: TensorProto):
    """The repeated field that holds `t`'s values when raw_data is not used."""
    dt = t.data_type
    if dt in (TensorProto.FLOAT,):
        return t.float_data
    if dt == TensorProto.DOUBLE:
        return t.double_data
    if dt == TensorProto.INT64:
        return t.int64_data
    if dt in (TensorProto.UINT32, TensorProto.UINT64):
        return t.uint64_data
    # int8/16/32, uint8/16, bool; the bit patterns of float16, bfloat16, float8; packed bytes
    return t.int32_data


def _typed_data(t: TensorProto, count: int, storage: np.dtype, what: str, name: str):
    field = _typed_field(t)
    if len(field) != count:
        raise OnnxImportError(
            name, f"{what} holds {len(field)} values, but its dims {list(t.dims)} need {count}"
        )
    dt = t.data_type
    if dt in (TensorProto.FLOAT16, TensorProto.BFLOAT16):
        # The 16-bit patterns are stored in int32 fields.
        return np.array(list(field), dtype=np.int64).astype(np.uint16).view(storage)
    if dt == TensorProto.BOOL:
        return np.array(list(field), dtype=np.int64) != 0
    values = np.array(list(field), dtype=np.float64 if dt == TensorProto.FLOAT else None)
    if values.dtype.kind in "iu":
        info = np.iinfo(storage)
        if values.size and (values.min() < info.min or values.max() > info.max):
            raise OnnxImportError(
                name, f"{what} holds values outside the range of {data_type_name(dt)}"
            )
    return values.astype(storage) if values.size else np.zeros(0, dtype=storage)


def read_external_data(
    t: TensorProto, size: int, what: str, name: str, base_dir: str | None
) -> bytes:
    """The `size` bytes of a tensor stored outside the model, read only from a regular file
    inside `base_dir` (symbolic links are resolved before the check)."""
    info = {e.key: e.value for e in t.external_data}
    location = info.get("location")
    if not location:
        raise OnnxImportError(name, f"{what} has external data without a 'location'")
    if base_dir is None:
        raise OnnxImportError(
            name, f"{what} has its data in external file '{location}', but the model was not "
            "loaded from a file, so there is no directory to read it from",
        )  # fmt: skip
    if os.path.isabs(location) or location.startswith(("/", "\\")) or ":" in location:
        raise OnnxImportError(
            name, f"{what}: external data location '{location}' is an absolute path; "
            "external data must be a relative path inside the model's directory",
        )  # fmt: skip
    root = os.path.realpath(base_dir)
    path = os.path.realpath(os.path.join(root, location))
    if os.path.commonpath([root, path]) != root or path == root:
        raise OnnxImportError(
            name, f"{what}: external data location '{location}' points outside the model's "
            f"directory '{base_dir}'",
        )  # fmt: skip
    offset = _external_int(info, "offset", 0, what, name)
    try:
        st = os.stat(path)
    except OSError as e:
        raise OnnxImportError(
            name, f"{what}: cannot open external data file '{location}': {e.strerror or e}"
        ) from None
    if not stat.S_ISREG(st.st_mode):
        raise OnnxImportError(
            name, f"{what}: external data location '{location}' is not a regular file"
        )
    length = _external_int(info, "length", max(st.st_size - offset, 0), what, name)
    if length != size:
        raise OnnxImportError(
            name, f"{what}: external data has length {length}, but its dims {list(t.dims)} of "
            f"{data_type_name(t.data_type)} need {size} bytes",
        )  # fmt: skip
    if offset + length > st.st_size:
        raise OnnxImportError(
            name, f"{what}: external data range [{offset}, {offset + length}) lies beyond the "
            f"end of '{location}' ({st.st_size} bytes)",
        )  # fmt: skip
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read(length)
    except OSError as e:
        raise OnnxImportError(
            name, f"{what}: cannot read external data file '{location}': {e.strerror or e}"
        ) from None
    if len(data) != length:
        raise OnnxImportError(name, f"{what}: external data file '{location}' is truncated")
    return data


def _external_int(info: dict, key: str, default: int, what: str, name: str) -> int:
    text = info.get(key)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise OnnxImportError(
            name, f"{what}: external data {key} '{text}' is not a non-negative integer"
        )
    return value


# -- value types ---------------------------------------------------------------------------


def value_type(tp: onnx.TypeProto, what: str, name: str) -> RankedTensorType:
    """The tensor type of a graph input or output; `?` for symbolic or unknown dims."""
    kind = tp.WhichOneof("value")
    if kind != "tensor_type":
        if kind is None:
            shown = "no type"
        elif kind == "sparse_tensor_type":
            shown = "a sparse tensor type"
        else:
            shown = f"type {kind.removesuffix('_type')}"
        raise OnnxImportError(name, f"{what} has {shown}; dialir imports tensors only")
    tt = tp.tensor_type
    elem = element_type(tt.elem_type)
    if elem is None:
        raise OnnxImportError(
            name, f"{what} has element type {data_type_name(tt.elem_type)}, which dialir "
            "does not support",
        )  # fmt: skip
    if not tt.HasField("shape"):
        raise OnnxImportError(name, f"{what} has no shape (unranked tensors are not supported)")
    shape = []
    for d in tt.shape.dim:
        if d.HasField("dim_value"):
            v = d.dim_value
            if v < -1:
                raise OnnxImportError(name, f"{what} has an invalid dimension {v}")
            if v > MAX_DIM:
                raise OnnxImportError(
                    name, f"{what} has dimension {v}, larger than the supported {MAX_DIM}"
                )
            shape.append(DYNAMIC if v == -1 else int(v))  # -1: some exporters' "unknown"
        else:
            shape.append(DYNAMIC)
    return RankedTensorType(tuple(shape), elem)
