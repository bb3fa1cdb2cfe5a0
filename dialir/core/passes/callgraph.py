"""The call graph of an op: one node per callable region, edges for calls (MLIR's CallGraph).

Nodes are the bodies of ops implementing `CallableOpInterface` (a `func.func` with a body);
each call op (`CallOpInterface`) adds a call edge from the node it sits in to the node of the
callable it resolves to, or to the unknown-callee node (an indirect call, a declaration, an
unresolved symbol). A callable nested in another gets a child edge from it; top-level ones an
abstract edge from the external-caller node, from which `sccs()` walks the graph. The graph is
built once and not updated by transformations, as in MLIR.
"""

from __future__ import annotations

from dialir.core.ir.attrs import SymbolRefAttr
from dialir.core.ir.operation import Operation, OpResult, Region
from dialir.core.ir.symbols import SymbolTableCollection
from dialir.core.ods.interfaces import CallableOpInterface, CallOpInterface

ABSTRACT, CALL, CHILD = "abstract", "call", "child"


class CallGraphNode:
    """A callable region, or (region None) the external-caller or unknown-callee node."""

    __slots__ = ("region", "edges", "_edge_set")

    def __init__(self, region: Region | None) -> None:
        self.region = region
        self.edges: list[tuple[CallGraphNode, str]] = []  # (target, kind), first-added order
        self._edge_set: set[tuple[CallGraphNode, str]] = set()

    @property
    def is_external(self) -> bool:
        return self.region is None

    @property
    def callable_op(self) -> Operation:
        return self.region.parent

    @property
    def has_children(self) -> bool:
        return any(kind == CHILD for _, kind in self.edges)

    def add_edge(self, target: CallGraphNode, kind: str) -> None:
        key = (target, kind)
        if key not in self._edge_set:
            self._edge_set.add(key)
            self.edges.append(key)

    def __repr__(self) -> str:
        if self.region is None:
            return "<CallGraphNode external>"
        return (
            f"<CallGraphNode {self.region.parent.name} {self.region.parent.get_attr('sym_name')}>"
        )


class CallGraph:
    def __init__(self, op: Operation, symbols: SymbolTableCollection | None = None) -> None:
        self.symbols = symbols or SymbolTableCollection()
        self.nodes: dict[Region, CallGraphNode] = {}
        self.external = CallGraphNode(None)
        self.unknown = CallGraphNode(None)
        # Two walks: every callable gets its node before any call is resolved to it.
        self._compute(op, resolve_calls=False)
        self._compute(op, resolve_calls=True)

    def _compute(self, root: Operation, resolve_calls: bool) -> None:
        stack: list[tuple[Operation, CallGraphNode | None]] = [(root, None)]
        while stack:
            op, parent = stack.pop()
            if isinstance(op, CallOpInterface):
                if resolve_calls and parent is not None:
                    parent.add_edge(self.resolve_callable(op), CALL)
                continue
            if isinstance(op, CallableOpInterface):
                region = op.callable_region()
                if region is None:
                    continue
                parent = self._get_or_add(region, parent)
            nested = [(o, parent) for region in op.regions for o in region.ops()]
            stack.extend(reversed(nested))  # pre-order, as MLIR's recursive walk

    def _get_or_add(self, region: Region, parent: CallGraphNode | None) -> CallGraphNode:
        node = self.nodes.get(region)
        if node is None:
            node = self.nodes[region] = CallGraphNode(region)
            if parent is not None:
                parent.add_edge(node, CHILD)
            else:
                self.external.add_edge(node, ABSTRACT)
        return node

    def lookup(self, region: Region | None) -> CallGraphNode | None:
        return None if region is None else self.nodes.get(region)

    def resolve_callable(self, call: Operation) -> CallGraphNode:
        """The node `call` calls, or the unknown-callee node."""
        target = resolve_call(call, self.symbols)
        if isinstance(target, CallableOpInterface):
            node = self.lookup(target.callable_region())
            if node is not None:
                return node
        return self.unknown

    def sccs(self) -> list[list[CallGraphNode]]:
        """The strongly connected components reachable from the external node, callees before
        callers (post-order, as LLVM's scc_iterator gives them; within an SCC the nodes are
        in the order that iterator lists them)."""
        index: dict[CallGraphNode, int] = {}
        low: dict[CallGraphNode, int] = {}
        on_stack: set[CallGraphNode] = set()
        stack: list[CallGraphNode] = []
        out: list[list[CallGraphNode]] = []
        counter = 0
        # Iterative Tarjan: frames of (node, next edge index).
        frames: list[list] = []

        def push(node: CallGraphNode) -> None:
            nonlocal counter
            index[node] = low[node] = counter
            counter += 1
            stack.append(node)
            on_stack.add(node)
            frames.append([node, 0])

        push(self.external)
        while frames:
            frame = frames[-1]
            node, i = frame
            if i < len(node.edges):
                frame[1] = i + 1
                target = node.edges[i][0]
                if target not in index:
                    push(target)
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            frames.pop()
            if frames:
                parent = frames[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                scc: list[CallGraphNode] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    scc.append(member)
                    if member is node:
                        break
                out.append(scc)
        return out


def resolve_call(call: Operation, symbols: SymbolTableCollection) -> Operation | None:
    """The op a call calls: the symbol its callee names, or the op defining its callee value
    (MLIR's CallOpInterface::resolveCallable)."""
    callee = call.callable_for_callee()
    if isinstance(callee, SymbolRefAttr):
        return symbols.lookup_nearest(call, callee)
    if isinstance(callee, OpResult):
        return callee.owner
    return None
