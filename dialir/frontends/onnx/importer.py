"""The ONNX importer: a model's main graph becomes `func.func @main` of `nn` ops.

    module attributes {onnx.ir_version = 8 : i64, onnx.opset_version = 13 : i64} {
      func.func @main(%arg0: tensor<?x3x32x32xf32> {onnx.name = "input"})
          -> (tensor<?x10xf32> {onnx.name = "probs"}) {
        %0 = nn.constant dense_resource<conv1.weight> : tensor<8x3x3x3xf32>
        ...
      }
    }

Graph inputs become the function's arguments and graph outputs its results, both keeping
their ONNX names as `onnx.name` argument/result attributes; node names become `loc("name")`
locations; initializers become `nn.constant`s of `dense_resource` blobs. The graph is checked
before anything is built (names defined once, every input defined, no cycle), nodes are
converted in topological order whatever order the file lists them in, and every problem is one
`OnnxImportError` (`model.onnx: error: ...`).
"""

from __future__ import annotations

import heapq
import os

import numpy as np
import onnx
import onnx.defs

from dialir.core.ir.attrs import (
    ArrayAttr,
    DictionaryAttr,
    FileLineColLoc,
    IntegerAttr,
    Location,
    NameLoc,
    StringAttr,
    TypeAttr,
)
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.dialect import load_dialect, lookup_op_class
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import DYNAMIC, FunctionType, RankedTensorType, i64
from dialir.core.ir.verifier import verify
from dialir.core.ods.builtin import ModuleOp
from dialir.dialects.func.ops import FuncOp, ReturnOp
from dialir.frontends.onnx.context import (
    NodeContext,
    make_elements_attr,
    resource_attr,
    wrap_build_error,
)
from dialir.frontends.onnx.converters import CONVERTERS
from dialir.frontends.onnx.loader import (
    OnnxImportError,
    Source,
    data_type_name,
    element_type,
    load_source,
    tensor_to_array,
    tensor_type,
    value_type,
)

MIN_OPSET = 7
"""The oldest opset of the default domain the importer reads."""

DEFAULT_DOMAINS = ("", "ai.onnx")


def max_opset() -> int:
    """The newest opset of the default domain: the one the installed onnx package knows."""
    return onnx.defs.onnx_opset_version()


def import_model(
    source: str | os.PathLike | bytes | onnx.ModelProto,
    *,
    name: str | None = None,
    base_dir: str | os.PathLike | None = None,
) -> ModuleOp:
    """Import an ONNX model: a file path, the bytes of a model, or an `onnx.ModelProto`.

    `name` is the file name diagnostics show (the path by default); `base_dir` is the only
    directory external tensor data may be read from (the model file's directory by default;
    bytes and protos have none unless given). Raises `OnnxImportError` on any problem.
    """
    return GraphImporter(load_source(source, name, base_dir)).run()


def node_label(index: int, node: onnx.NodeProto) -> str:
    return f"node '{node.name}'" if node.name else f"node #{index}"


class GraphImporter:
    """Imports one model. Attributes used by the converters: `values` (ONNX name -> IR value),
    `constant_values` (IR value -> numpy array for constants), `builder`."""

    def __init__(self, source: Source) -> None:
        self.model = source.model
        self.name = source.name
        self.base_dir = source.base_dir
        self.file_loc = FileLineColLoc(self.name, 0, 0)
        self.values: dict[str, Value] = {}
        self.constant_values: dict[Value, np.ndarray] = {}
        self.builder = Builder()
        self.opset = 0

    def error(self, message: str) -> OnnxImportError:
        return OnnxImportError(self.name, message)

    # -- checks ---------------------------------------------------------------------------

    def check_model(self) -> None:
        model = self.model
        if not model.HasField("graph"):
            raise self.error("not an ONNX model: it has no graph")
        if model.ir_version < 3:
            raise self.error(
                f"model has IR version {model.ir_version}; dialir imports ONNX IR version 3 "
                "and newer (is this an ONNX model?)"
            )
        if not model.opset_import:
            raise self.error("model has no opset_import (required since ONNX IR version 3)")
        versions: dict[str, int] = {}
        for entry in model.opset_import:
            domain = "" if entry.domain in DEFAULT_DOMAINS else entry.domain
            if domain in versions and versions[domain] != entry.version:
                raise self.error(
                    f"model imports domain '{entry.domain}' twice, with versions "
                    f"{versions[domain]} and {entry.version}"
                )
            versions[domain] = int(entry.version)
        self.domains = versions
        uses_default = any(n.domain in DEFAULT_DOMAINS for n in model.graph.node)
        if "" not in versions:
            if uses_default:
                raise self.error("model has no opset_import entry for the default ONNX domain")
            return
        v = versions[""]
        if not MIN_OPSET <= v <= max_opset():
            raise self.error(
                f"model uses opset {v} of the default ONNX domain; dialir imports opsets "
                f"{MIN_OPSET} to {max_opset()}"
            )
        self.opset = v

    def check_graph(self, graph: onnx.GraphProto) -> list[int]:
        """Check names and definitions; return the node indices in topological order."""
        if graph.sparse_initializer:
            raise self.error("sparse initializers are not supported")
        defined: dict[str, str] = {}  # name -> what defines it, for messages
        for t in graph.initializer:
            if not t.name:
                raise self.error("an initializer has no name")
            if t.name in defined:
                raise self.error(f"initializer '{t.name}' is defined twice")
            defined[t.name] = f"initializer '{t.name}'"
        seen_inputs: set[str] = set()
        for vi in graph.input:
            if not vi.name:
                raise self.error("a graph input has no name")
            if vi.name in seen_inputs:
                raise self.error(f"graph input '{vi.name}' is listed twice")
            seen_inputs.add(vi.name)
            defined.setdefault(vi.name, f"graph input '{vi.name}'")
        producer: dict[str, int] = {}
        nodes = graph.node
        for i, node in enumerate(nodes):
            if node.domain not in DEFAULT_DOMAINS:
                raise self.error(
                    f"{node_label(i, node)} ({node.op_type}, domain '{node.domain}'): "
                    "unsupported operator domain; dialir imports the default ONNX domain only"
                )
            for out in node.output:
                if not out:
                    continue
                if out in defined:
                    raise self.error(
                        f"{node_label(i, node)} ({node.op_type}): output '{out}' is already "
                        f"defined by {defined[out]}"
                    )
                defined[out] = f"{node_label(i, node)} ({node.op_type})"
                producer[out] = i
        deps: list[list[int]] = [[] for _ in nodes]  # node -> nodes that consume its outputs
        pending = [0] * len(nodes)
        for i, node in enumerate(nodes):
            seen: set[int] = set()
            for name in node.input:
                if not name:
                    continue  # an omitted optional input
                if name not in defined:
                    raise self.error(
                        f"{node_label(i, node)} ({node.op_type}): input '{name}' is not defined "
                        "by any node, graph input or initializer"
                    )
                p = producer.get(name)
                if p is not None and p not in seen:
                    seen.add(p)
                    deps[p].append(i)
                    pending[i] += 1
        outputs: set[str] = set()
        for vi in graph.output:
            if vi.name in outputs:
                raise self.error(f"graph output '{vi.name}' is listed twice")
            outputs.add(vi.name)
            if vi.name not in defined:
                raise self.error(
                    f"graph output '{vi.name}' is not produced by any node, graph input or "
                    "initializer"
                )
        # Kahn's algorithm; the heap keeps the file's order where it is already topological.
        ready = [i for i in range(len(nodes)) if pending[i] == 0]
        heapq.heapify(ready)
        order: list[int] = []
        while ready:
            i = heapq.heappop(ready)
            order.append(i)
            for j in deps[i]:
                pending[j] -= 1
                if pending[j] == 0:
                    heapq.heappush(ready, j)
        if len(order) != len(nodes):
            raise self.error(f"graph has a cycle: {self._cycle_text(nodes, pending, producer)}")
        return order

    def _cycle_text(self, nodes, pending: list[int], producer: dict[str, int]) -> str:
        """One cycle among the nodes Kahn's algorithm could not order, as text."""
        start = next(i for i, n in enumerate(pending) if n > 0)
        path: list[int] = []
        position: dict[int, int] = {}
        i = start
        while i not in position:
            position[i] = len(path)
            path.append(i)
            # Follow an input produced by another unordered node (one always exists).
            i = next(
                producer[name]
                for name in nodes[i].input
                if name in producer and pending[producer[name]] > 0
            )
        cycle = path[position[i] :] + [i]
        cycle.reverse()  # producers first: a -> b means b reads a's output
        return " -> ".join(f"{node_label(k, nodes[k])} ({nodes[k].op_type})" for k in cycle)

    # -- building -------------------------------------------------------------------------

    def run(self) -> ModuleOp:
        self.check_model()
        graph = self.model.graph
        order = self.check_graph(graph)
        load_dialect("func")
        if load_dialect("nn") is None:
            raise RuntimeError("the nn dialect is not available")
        initializers = {t.name: t for t in graph.initializer}

        arg_names = [vi.name for vi in graph.input if vi.name not in initializers]
        arg_types = []
        for vi in graph.input:
            if vi.name not in initializers:
                arg_types.append(value_type(vi.type, f"graph input '{vi.name}'", self.name))
        block = Block(arg_types, [NameLoc(n) for n in arg_names])
        self.builder = Builder.at_end(block)
        for name, arg in zip(arg_names, block.args):
            self.values[name] = arg

        used = {name for node in graph.node for name in node.input}
        used.update(vi.name for vi in graph.output)
        for t in graph.initializer:
            if t.name in used:
                self._import_initializer(t)
        for i in order:
            self._import_node(i, graph.node[i])

        results = [self.values[vi.name] for vi in graph.output]
        for vi, value in zip(graph.output, results):
            self._check_output_type(vi, value)
        self.builder.insert(ReturnOp(results, location=self.file_loc))
        ftype = FunctionType([a.type for a in block.args], [v.type for v in results])
        func = FuncOp(
            sym_name=StringAttr("main"),
            function_type=TypeAttr(ftype),
            arg_attrs=ArrayAttr([_name_dict(n) for n in arg_names]) if arg_names else None,
            res_attrs=ArrayAttr([_name_dict(vi.name) for vi in graph.output]) if results else None,
            regions=[Region([block])],
            location=self.file_loc,
        )
        module = ModuleOp.build([func])
        module.location = self.file_loc
        module.attributes.update(self._module_attributes())
        try:
            verify(module)
        except DiagnosticError as e:  # a converter produced IR its ops reject: a dialir bug
            d = e.diagnostics[0]
            where = Printer.to_string(d.location)
            raise self.error(f"imported IR does not verify at {where}: {d.message}") from None
        return module

    def _module_attributes(self) -> dict:
        model = self.model
        attrs = {"onnx.ir_version": IntegerAttr(model.ir_version, i64)}
        if self.opset:
            attrs["onnx.opset_version"] = IntegerAttr(self.opset, i64)
        if model.producer_name:
            attrs["onnx.producer_name"] = StringAttr(model.producer_name)
        return attrs

    def constant(
        self, array: np.ndarray, type: RankedTensorType, location: Location, hint: str | None
    ) -> Value:
        """An `nn.constant` (inline when small, a blob named after `hint` when large)."""
        op = self.constant_op(make_elements_attr(array, type, hint), location)
        self.constant_values[op.results[0]] = array
        return op.results[0]

    def constant_op(self, attr, location: Location) -> Operation:
        """Insert an `nn.constant` of `attr` (a dense or dense_resource elements attribute)."""
        op = lookup_op_class("nn.constant")(value=attr, location=location)
        self.builder.insert(op)
        return op

    def _import_initializer(self, t: onnx.TensorProto) -> None:
        what = f"initializer '{t.name}'"
        ttype = tensor_type(t, what, self.name)
        array = tensor_to_array(t, what, self.name, self.base_dir)
        op = self.constant_op(resource_attr(array, ttype, t.name), NameLoc(t.name))
        value = op.results[0]
        self.values[t.name] = value
        self.constant_values[value] = array

    def _import_node(self, index: int, node: onnx.NodeProto) -> None:
        label = node_label(index, node)
        opset = self.opset
        try:
            schema = onnx.defs.get_schema(node.op_type, opset, "")
        except onnx.defs.SchemaError:
            if onnx.defs.has(node.op_type):
                raise self.error(
                    f"{label} ({node.op_type}, opset {opset}): {node.op_type} is not part of "
                    f"opset {opset}{_introduced(node.op_type, opset)}"
                ) from None
            raise self.error(
                f"{label} ({node.op_type}, opset {opset}): unknown operator '{node.op_type}'"
            ) from None
        location = NameLoc(node.name or next((o for o in node.output if o), node.op_type))
        cx = NodeContext(self, node, label, opset, schema.since_version, location)
        if schema.deprecated:
            raise cx.error(f"{node.op_type} is deprecated in opset {opset}")
        convert = CONVERTERS.get(node.op_type)
        if convert is None:
            raise cx.error("unsupported operator")
        self._check_arity(cx, schema)
        try:
            results = convert(cx)
        except OnnxImportError:
            raise
        except (DiagnosticError, ValueError) as e:
            raise wrap_build_error(cx, e) from None
        cx.check_all_attributes_used()
        for i, out in enumerate(node.output):
            if not out:
                continue
            if i >= len(results) or results[i] is None:
                raise cx.error(f"output #{i} ('{out}') is not supported")
            self.values[out] = results[i]

    def _check_arity(self, cx: NodeContext, schema) -> None:
        node = cx.node
        n_in, n_out = len(node.input), len(node.output)
        if not schema.min_input <= n_in <= schema.max_input:
            raise cx.error(
                f"expects {_range(schema.min_input, schema.max_input)} inputs, got {n_in}"
            )
        if not schema.min_output <= n_out <= schema.max_output:
            raise cx.error(
                f"expects {_range(schema.min_output, schema.max_output)} outputs, got {n_out}"
            )
        seen: set[str] = set()
        for a in node.attribute:
            if a.name in seen:
                raise cx.error(f"attribute '{a.name}' is given twice")
            seen.add(a.name)
            if a.name not in schema.attributes:
                raise cx.error(f"unknown attribute '{a.name}'")

    def _check_output_type(self, vi: onnx.ValueInfoProto, value: Value) -> None:
        """A graph output's declared type (any part of it given) must agree with the type
        the graph computes."""
        if vi.type.WhichOneof("value") != "tensor_type":
            if vi.type.WhichOneof("value") is None:
                return
        tt = vi.type.tensor_type
        if tt.elem_type == 0 and not tt.HasField("shape"):
            return
        got = value.type
        what = f"graph output '{vi.name}'"
        if tt.HasField("shape"):
            declared = value_type(vi.type, what, self.name)
            ok = (
                got.element_type is declared.element_type
                and len(got.shape) == len(declared.shape)
                and all(
                    a is DYNAMIC or b is DYNAMIC or a == b
                    for a, b in zip(got.shape, declared.shape)
                )
            )
            shown = Printer.to_string(declared)
        else:
            elem = element_type(tt.elem_type)
            ok = elem is got.element_type
            shown = f"a tensor of {data_type_name(tt.elem_type)}"
        if not ok:
            raise self.error(
                f"{what} is declared as {shown}, but the graph computes {Printer.to_string(got)}"
            )


def _introduced(op_type: str, opset: int) -> str:
    """' (it was introduced in opset N)' for an op newer than `opset`."""
    for v in range(opset + 1, max_opset() + 1):
        try:
            first = onnx.defs.get_schema(op_type, v, "").since_version
        except onnx.defs.SchemaError:
            continue
        return f" (it was introduced in opset {first})"
    return ""


def _name_dict(name: str) -> DictionaryAttr:
    return DictionaryAttr({"onnx.name": StringAttr(name)})


def _range(lo: int, hi: int) -> str:
    if lo == hi:
        return str(lo)
    if hi >= 2**31 - 1:
        return f"at least {lo}"
    return f"{lo} to {hi}"
