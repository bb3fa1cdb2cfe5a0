"""view-op-graph: write a Graphviz (DOT) picture of the IR (MLIR's -view-op-graph).

Each op without regions is a record node: its operands as input ports on top, its name and
attributes, its results (with types) as output ports below, filled with one colour per op
name. An op with regions is a cluster holding one cluster per block, whose block arguments
are nodes too. Data-flow edges run from a value's producer to each operand that uses it;
control-flow edges (dashed, off by default) link consecutive ops of a block. The IR is not
changed. The graph goes to stderr, as in MLIR, or to the file `output` names: `.dot`/`.gv`
gets the DOT text, any other extension (`.svg`, `.png`, `.pdf`, ...) the picture rendered by
Graphviz's `dot`, which must then be installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dialir.core.ir.attrs import ArrayAttr, Attribute, DenseElementsAttr
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import Type
from dialir.core.passes import Pass, PassFailure, register_pass

_LARGE_ATTRIBUTE = 16  # elements beyond which an elements or array attribute is elided
_RENDER_TIMEOUT_S = 60


@register_pass
@dataclass
class ViewOpGraph(Pass):
    name = "view-op-graph"
    summary = "Print Graphviz visualization of an operation"
    max_label_len: int = field(
        default=20, metadata={"help": "Limit attribute/type length to number of chars"}
    )
    print_attrs: bool = field(default=True, metadata={"help": "Print attributes of operations"})
    print_control_flow_edges: bool = field(
        default=False, metadata={"help": "Print control flow edges"}
    )
    print_data_flow_edges: bool = field(default=True, metadata={"help": "Print data flow edges"})
    print_result_types: bool = field(
        default=True, metadata={"help": "Print result types of operations"}
    )
    output: str = field(
        default="",
        metadata={
            "help": "Write the graph to this file instead of stderr: DOT text for .dot/.gv, "
            "else rendered by Graphviz 'dot' in the format the extension names (svg, png, pdf)"
        },
    )

    def __post_init__(self) -> None:
        if self.max_label_len < 0:
            raise ValueError("max-label-len must not be negative")

    def run(self, op: Operation) -> None:
        text = GraphWriter(self).graph(op)
        if not self.output:
            sys.stderr.write(text)
            sys.stderr.flush()
            return
        path = Path(self.output)
        fmt = path.suffix.lower().lstrip(".")
        if fmt in ("", "dot", "gv"):
            try:
                path.write_text(text, encoding="utf-8")
            except OSError as e:
                raise PassFailure(f"cannot write '{self.output}': {e.strerror}", op) from None
            return
        render(text, fmt, self.output, op)


def render(text: str, fmt: str, output: str, op: Operation) -> None:
    """Render DOT `text` to `output` with Graphviz's `dot -T<fmt>`."""
    dot = shutil.which("dot")
    if dot is None:
        raise PassFailure(
            f"cannot render '{output}': Graphviz 'dot' is not installed (install graphviz, or "
            "write DOT text with output=<file>.dot)",
            op,
        )
    try:
        done = subprocess.run(
            [dot, f"-T{fmt}", "-o", output],
            input=text,
            capture_output=True,
            text=True,
            timeout=_RENDER_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise PassFailure(
            f"Graphviz 'dot' did not finish rendering '{output}' in {_RENDER_TIMEOUT_S} s", op
        ) from None
    except OSError as e:
        raise PassFailure(f"cannot run Graphviz 'dot': {e.strerror}", op) from None
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()
        raise PassFailure(
            f"Graphviz 'dot' failed to render '{output}': {reason[0] if reason else 'error'}", op
        )


@dataclass(frozen=True)
class _Node:
    id: int
    cluster: int | None = None


def _escape(text: str) -> str:
    """Escape what Graphviz record labels treat specially (and the label's quotes)."""
    out = []
    for c in text:
        if c in '{|<}>"':
            out.append("\\")
            out.append(c)
        elif c == "\n":
            out.append("\\n")
        else:
            out.append(c)
    return "".join(out)


def _port(name: str) -> str:
    return name.replace("%", "_").replace("#", "_")


class GraphWriter:
    """Builds the DOT text of one op; node and cluster ids count up from 1 as MLIR's do."""

    def __init__(self, options: ViewOpGraph) -> None:
        self.o = options
        self.lines: list[str] = []
        self.depth = 0
        self.counter = 0
        self.edges: list[str] = []
        self.data_edges: list[tuple[Value, _Node, str, str]] = []
        self.value_node: dict[Value, _Node] = {}
        self.colors: dict[str, str] = {}
        self.names: dict[Value, str] = {}
        self.printer = Printer(use_aliases=False)

    def graph(self, op: Operation) -> str:
        # The value names the IR printer gives (%arg0, %c10_i32, %0#1) name the ports.
        namer = Printer()
        namer.print_top(op)
        self.names = namer.names
        self._init_colors(op)
        self.emit("digraph G {")
        self.depth += 1
        self.emit("compound = true;")
        self.process_op(op)
        self.emit_all_edges()
        self.depth -= 1
        self.emit("}")
        return "\n".join(self.lines) + "\n"

    def _init_colors(self, op: Operation) -> None:
        """One fill colour per op name, hues spread evenly in order of first appearance."""
        first: dict[str, None] = {}
        for nested in op.walk():
            first.setdefault(nested.name, None)
        n = len(first)
        for i, name in enumerate(first):
            self.colors[name] = f"{i / n:.6f} 0.3 0.95"

    # -- statements -----------------------------------------------------------------------

    def emit(self, text: str) -> None:
        self.lines.append("  " * self.depth + text)

    @staticmethod
    def _attr_list(attrs: dict[str, str]) -> str:
        return "[" + ", ".join(f"{k} = {attrs[k]}" for k in sorted(attrs)) + "]"

    def emit_node(self, label: str, shape: str = "Mrecord", background: str = "") -> _Node:
        self.counter += 1
        attrs = {"label": f'"{label}"', "shape": shape}
        if background:
            attrs["style"] = "filled"
            attrs["fillcolor"] = f'"{background}"'
        self.emit(f"v{self.counter} {self._attr_list(attrs)};")
        return _Node(self.counter)

    def emit_cluster(self, build: Callable[[], None], label: str = "") -> _Node:
        self.counter += 1
        cluster = self.counter
        self.emit(f"subgraph cluster_{cluster} {{")
        self.depth += 1
        anchor = self.emit_node(" ", "plain")  # edges to the cluster attach here
        self.emit(f'label = "{label}";')
        build()
        self.depth -= 1
        self.emit("}")
        return _Node(anchor.id, cluster)

    def edge(self, n1: _Node, n2: _Node, src_port: str, dst_port: str, style: str) -> None:
        attrs = {"style": style}
        if n1.cluster is not None:
            attrs["ltail"] = f"cluster_{n1.cluster}"
        if n2.cluster is not None:
            attrs["lhead"] = f"cluster_{n2.cluster}"
        text = f"v{n1.id}"
        if src_port and n1.cluster is None:
            text += f":res{src_port}:s"
        text += f" -> v{n2.id}"
        if dst_port and n2.cluster is None:
            text += f":arg{dst_port}:n"
        self.edges.append(text + self._attr_list(attrs))

    def emit_all_edges(self) -> None:
        if self.o.print_data_flow_edges:
            for value, node, src_port, dst_port in self.data_edges:
                source = self.value_node.get(value)
                if source is not None:  # a value from outside the drawn op has no node
                    self.edge(source, node, src_port, dst_port, "solid")
        for text in self.edges:
            self.emit(text + ";")
        self.edges.clear()

    # -- labels ---------------------------------------------------------------------------

    def _truncate(self, text: str) -> str:
        n = self.o.max_label_len
        return text if len(text) <= n else text[:n] + "..."

    def _name(self, v: Value) -> str:
        return self.names.get(v, "%?")

    def _type(self, t: Type) -> str:
        return _escape(self._truncate(self.printer.type(t)))

    def _attr(self, a: Attribute) -> str:
        if isinstance(a, DenseElementsAttr):
            if a.is_splat:
                return _escape(self.printer.attr(a))
            size = 1
            for d in a.type.shape:
                size *= d
            if size > _LARGE_ATTRIBUTE:
                rank = len(a.type.shape)
                return "[" * rank + "..." + "]" * rank + " : " + self._type(a.type)
        if isinstance(a, ArrayAttr) and len(a) > _LARGE_ATTRIBUTE:
            return "[...]"
        return _escape(self._truncate(self.printer.attr(a)))

    def _attr_lines(self, op: Operation) -> str:
        attrs = {**op.properties, **op.attributes}
        return "".join(f"{_escape(k)}: {self._attr(attrs[k])}\\l" for k in sorted(attrs))

    def _operand_ports(self, op: Operation) -> list[str]:
        operands = op.operands
        repeated = Counter(operands)
        return [
            _port(self._name(v)) + (f"_{i}" if repeated[v] > 1 else "")
            for i, v in enumerate(operands)
        ]

    def record_label(self, op: Operation) -> str:
        parts = ["{"]
        if op.num_operands:
            ports = self._operand_ports(op)
            fields = (f"<arg{p}> {self._name(v)}" for p, v in zip(ports, op.operands))
            parts.append("{" + "|".join(fields) + "}|")
        parts.append(op.name + "\\l")
        if self.o.print_attrs and (op.properties or op.attributes):
            parts.append("\\l" + self._attr_lines(op))
        if op.results:
            parts.append("|{" + "|".join(self._value_field(r) for r in op.results) + "}")
        parts.append("}")
        return "".join(parts)

    def cluster_label(self, op: Operation) -> str:
        label = op.name + "\\l"
        if self.o.print_attrs:
            label += self._attr_lines(op)
        return label

    def _value_field(self, v: Value) -> str:
        name = self._name(v)
        text = f"<res{_port(name)}> {name}"
        if self.o.print_result_types:
            text += " " + self._type(v.type)
        return text

    # -- the IR ---------------------------------------------------------------------------

    def process_op(self, op: Operation) -> _Node:
        if op.regions:
            node = self.emit_cluster(
                lambda: [self.process_region(r) for r in op.regions], self.cluster_label(op)
            )
        else:
            node = self.emit_node(self.record_label(op), "Mrecord", self.colors[op.name])
        if self.o.print_data_flow_edges:
            for v, port in zip(op.operands, self._operand_ports(op)):
                self.data_edges.append((v, node, _port(self._name(v)), port))
        for r in op.results:
            self.value_node[r] = node
        return node

    def process_region(self, region: Region) -> None:
        for block in region.blocks:
            self.process_block(block)

    def process_block(self, block: Block) -> None:
        def build() -> None:
            for arg in block.args:
                self.value_node[arg] = self.emit_node(self._value_field(arg))
            prev = None
            for op in block.ops:
                node = self.process_op(op)
                if self.o.print_control_flow_edges and prev is not None:
                    self.edge(prev, node, "", "", "dashed")
                prev = node

        self.emit_cluster(build)
