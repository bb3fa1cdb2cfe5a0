"""What an op converter sees of one ONNX node: its inputs as IR values, its attributes (each
read at most once, so none is silently ignored), and a builder for nn ops at its location."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import onnx
from onnx import AttributeProto

from dialir.core.ir.attrs import (
    DenseElementsAttr,
    DenseResourceElementsAttr,
    Location,
    numpy_dtype,
)
from dialir.core.ir.context import Context, ResourceBlob, ResourceHandle
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.dialect import lookup_op_class
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import RankedTensorType, Type, i64
from dialir.dialects.nn.elements import resource_bytes
from dialir.frontends.onnx.loader import OnnxImportError, tensor_to_array, tensor_type

if TYPE_CHECKING:
    from dialir.frontends.onnx.importer import GraphImporter

REQUIRED: Any = object()
"""Default of an attribute the node must have."""

INLINE_LIMIT = 16
"""Constants with more elements than this become `dense_resource` blobs, not inline `dense`."""

_KIND_NAMES = {
    AttributeProto.INT: "an int",
    AttributeProto.FLOAT: "a float",
    AttributeProto.STRING: "a string",
    AttributeProto.INTS: "a list of ints",
    AttributeProto.FLOATS: "a list of floats",
    AttributeProto.TENSOR: "a tensor",
}


class NodeContext:
    """One node being converted. Errors from here name the node, its op type and opset."""

    def __init__(
        self, importer: GraphImporter, node: onnx.NodeProto, label: str, opset: int,
        version: int, location: Location,
    ) -> None:  # fmt: skip
        self.importer = importer
        self.node = node
        self.op_type = node.op_type
        self.label = label
        self.opset = opset
        self.version = version  # since_version of the schema the node follows
        self.location = location
        self.attrs: dict[str, AttributeProto] = {a.name: a for a in node.attribute}
        self.used: set[str] = set()

    # -- errors ---------------------------------------------------------------------------

    def error(self, message: str) -> OnnxImportError:
        return self.importer.error(f"{self.label} ({self.op_type}, opset {self.opset}): {message}")

    # -- inputs and outputs ---------------------------------------------------------------

    def has_input(self, i: int) -> bool:
        return i < len(self.node.input) and self.node.input[i] != ""

    def input(self, i: int) -> Value:
        if not self.has_input(i):
            raise self.error(f"input #{i} is required")
        return self.importer.values[self.node.input[i]]

    def optional_input(self, i: int) -> Value | None:
        return self.input(i) if self.has_input(i) else None

    def inputs(self) -> list[Value]:
        """The values of a variadic input list (every name must be given)."""
        return [self.input(i) for i in range(len(self.node.input))]

    def constant_input(self, i: int) -> np.ndarray | None:
        """The value of input `i` when a constant (initializer, Constant node) defines it."""
        return self.importer.constant_values.get(self.input(i))

    def has_output(self, i: int) -> bool:
        return i < len(self.node.output) and self.node.output[i] != ""

    def only_outputs(self, n: int, why: str) -> None:
        """Error if an output with index >= n is requested (`why` says why it is not)."""
        for i in range(n, len(self.node.output)):
            if self.node.output[i]:
                raise self.error(f"output #{i} ('{self.node.output[i]}') is not supported: {why}")

    # -- attributes -----------------------------------------------------------------------

    def _get(self, name: str, kind: int) -> AttributeProto | None:
        a = self.attrs.get(name)
        self.used.add(name)
        if a is None:
            return None
        if a.ref_attr_name:
            raise self.error(f"attribute '{name}' refers to a function attribute, not supported")
        if a.type != kind:
            got = AttributeProto.AttributeType.Name(a.type)
            raise self.error(f"attribute '{name}' must be {_KIND_NAMES[kind]}, got {got}")
        return a

    def _value(self, name: str, kind: int, default: Any, read) -> Any:
        a = self._get(name, kind)
        if a is None:
            if default is REQUIRED:
                raise self.error(f"required attribute '{name}' is missing")
            return default
        return read(a)

    def attr_int(self, name: str, default: Any = REQUIRED) -> Any:
        return self._value(name, AttributeProto.INT, default, lambda a: int(a.i))

    def attr_float(self, name: str, default: Any = REQUIRED) -> Any:
        return self._value(name, AttributeProto.FLOAT, default, lambda a: float(a.f))

    def attr_str(self, name: str, default: Any = REQUIRED) -> Any:
        def read(a: AttributeProto) -> str:
            try:
                return a.s.decode("utf-8")
            except UnicodeDecodeError:
                raise self.error(f"attribute '{name}' is not valid UTF-8") from None

        return self._value(name, AttributeProto.STRING, default, read)

    def attr_ints(self, name: str, default: Any = REQUIRED) -> Any:
        return self._value(name, AttributeProto.INTS, default, lambda a: [int(v) for v in a.ints])

    def attr_floats(self, name: str, default: Any = REQUIRED) -> Any:
        return self._value(
            name, AttributeProto.FLOATS, default, lambda a: [float(v) for v in a.floats]
        )

    def attr_tensor(self, name: str, default: Any = REQUIRED) -> Any:
        """A TENSOR attribute as a numpy array, with its ONNX element type."""

        def read(a: AttributeProto):
            what = f"tensor attribute '{name}' of {self.label}"
            t = a.t
            ty = tensor_type(t, what, self.importer.name)
            return tensor_to_array(t, what, self.importer.name, self.importer.base_dir), ty

        return self._value(name, AttributeProto.TENSOR, default, read)

    def ignore(self, *names: str) -> None:
        """Attributes that do not change inference semantics (e.g. Dropout's ratio)."""
        self.used.update(names)

    def check_all_attributes_used(self) -> None:
        for name, a in self.attrs.items():
            if name not in self.used:
                raise self.error(f"unsupported attribute {name}={_show(a)}")

    # -- building -------------------------------------------------------------------------

    def emit(self, op_name: str, *operands: Value | None, result_types=None, **attrs) -> Operation:
        """Build an nn op at the node's location (result types inferred unless given)."""
        cls = lookup_op_class(op_name)
        if cls is None:
            raise RuntimeError(f"op '{op_name}' is not registered (is the nn dialect loaded?)")
        attrs = {k: v for k, v in attrs.items() if v is not None}
        op = cls(*operands, result_types=result_types, location=self.location, **attrs)
        self.importer.builder.insert(op)
        # Verify now so a problem is reported against this node.
        for trait in cls.traits:
            trait.verify(op)
        op.verify_()
        return op

    def value(self, op_name: str, *operands: Value | None, **kwargs) -> Value:
        return self.emit(op_name, *operands, **kwargs).results[0]

    def constant(self, array: np.ndarray, type: RankedTensorType, hint: str = "") -> Value:
        return self.importer.constant(array, type, self.location, hint or self.node.output[0])

    def splat_constant(self, scalar: np.ndarray, type: RankedTensorType) -> Value:
        """A constant with every element `scalar` (one element stored whatever the shape)."""
        storage = numpy_dtype(type.element_type)
        attr = DenseElementsAttr(type, np.asarray(scalar, dtype=storage).reshape(()))
        op = self.importer.constant_op(attr, self.location)
        value = op.results[0]
        self.importer.constant_values[value] = np.broadcast_to(scalar, type.shape)
        return value

    def i64_constant(self, values) -> Value:
        arr = np.asarray(values, dtype=np.int64).reshape(-1)
        return self.constant(arr, RankedTensorType((arr.size,), i64))

    def scalar_constant(self, value: float | int, element_type: Type) -> Value:
        """A 0-d constant of `element_type` (a bound of Clip, a Pad value, ...)."""
        dtype = numpy_dtype(element_type)
        arr = np.asarray(value).astype(dtype)
        if np.issubdtype(dtype, np.integer) and arr != value:
            raise self.error(f"value {value} does not fit element type {element_type}")
        return self.constant(arr.reshape(()), RankedTensorType((), element_type))


def _show(a: AttributeProto) -> str:
    try:
        v = onnx.helper.get_attribute_value(a)
    except Exception:  # noqa: BLE001 - malformed attribute: show its kind only
        return AttributeProto.AttributeType.Name(a.type)
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(str(x) for x in v[:8]) + (", ..." if len(v) > 8 else "") + "]"
    if isinstance(v, (int, float, str)):
        return str(v)
    return AttributeProto.AttributeType.Name(a.type)


def make_elements_attr(
    array: np.ndarray, type: RankedTensorType, blob_hint: str | None
) -> DenseElementsAttr | DenseResourceElementsAttr:
    """`dense<...>` for small values, `dense_resource<...>` (a blob named after `blob_hint`)
    when a hint is given and the value is large."""
    if blob_hint is None or array.size <= INLINE_LIMIT:
        storage = numpy_dtype(type.element_type)
        return DenseElementsAttr(type, np.ascontiguousarray(array, dtype=storage))
    raw, align = resource_bytes(array, type)
    return DenseResourceElementsAttr(type, unique_blob(blob_hint, raw, align))


def resource_attr(array: np.ndarray, type: RankedTensorType, hint: str):
    raw, align = resource_bytes(array, type)
    return DenseResourceElementsAttr(type, unique_blob(hint, raw, align))


def unique_blob(hint: str, data: bytes, alignment: int) -> ResourceHandle:
    """The current context's blob of `data`, under a valid key derived from `hint`: a key that
    holds other bytes gives a numeric suffix; the same bytes under the same name (a model
    imported twice) share one blob."""
    return Context.current().resources.share(sanitize_key(hint), ResourceBlob(data, alignment))


def sanitize_key(hint: str) -> str:
    """A bare identifier (`[A-Za-z_][A-Za-z0-9_$.]*`) made from an ONNX name."""
    chars = [c if c.isascii() and (c.isalnum() or c in "_$.") else "_" for c in hint]
    key = "".join(chars) or "_"
    if not (key[0].isalpha() or key[0] == "_"):
        key = "_" + key
    return key


def wrap_build_error(cx: NodeContext, e: Exception) -> OnnxImportError:
    """An op-construction failure (bad shapes, bad attribute values) as a node error."""
    if isinstance(e, DiagnosticError):
        d: Diagnostic = e.diagnostics[0]
        return cx.error(d.message)
    return cx.error(str(e))
