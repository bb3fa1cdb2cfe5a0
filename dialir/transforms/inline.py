"""inline: inline calls to functions with a body, bottom-up over the call graph's SCCs
(MLIR's Inliner and InlinerPass).

For each SCC, callees first, the pass repeats up to `max-iterations` times: run the
`default-pipeline` (canonicalize) on each callable of the SCC, then inline every call in it
that may be inlined. A call is not inlined when its callee calls itself or calls back the
caller (recursion), when the callee encloses the call, when a call that came from inlining
this callee is being inlined again (the inline history), when the call or the callee carries
`no_inline`, when the callee holds an op of an unknown dialect, when a multi-block callee would
land in a single-block region, or when the callee is larger than `inlining-threshold` percent
of the caller. A single-block callee is spliced in place of the call; a multi-block one splits
the caller's block, and its returns become `cf.br`s to the second half, whose block arguments
carry the results. Inlined ops get `callsite(callee-loc at call-loc)` locations. Private (and
hidden) functions whose last use was inlined, or that were never used, are erased.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from dialir.core.ir.attrs import CallSiteLoc, Location, SymbolRefAttr, UnknownLoc
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.symbols import (
    PRIVATE,
    PUBLIC,
    SymbolTableCollection,
    is_symbol,
    is_symbol_table,
    loaded_dialect_check,
    symbol_uses,
    visibility,
    walk_symbol_tables,
)
from dialir.core.ir.traits import (
    IsolatedFromAbove,
    IsTerminator,
    ReturnLike,
    SingleBlock,
    has_memory_effects,
)
from dialir.core.ods.interfaces import CallableOpInterface, CallOpInterface
from dialir.core.ods.opdef import SINGLE
from dialir.core.passes import Pass, PassFailure, PassManager, PipelineError, register_pass
from dialir.core.passes.callgraph import CHILD, CallGraph, CallGraphNode

_UNLIMITED = 4294967295  # MLIR's -1U: no size limit


@register_pass
@dataclass
class Inliner(Pass):
    name = "inline"
    summary = "Inline function calls"
    dependent_dialects = ("cf",)  # multi-block callees return through cf.br
    default_pipeline: str = field(
        default="canonicalize",
        metadata={
            "help": "The optimizer pipeline used for callables that do not have a dedicated "
            "optimizer pipeline in op-pipelines ('' for none)"
        },
    )
    op_pipelines: str = field(
        default="",
        metadata={
            "help": "Callable operation specific optimizer pipelines (in the form of "
            "`dialect.op(pipeline)`, comma separated)"
        },
    )
    max_iterations: int = field(
        default=4, metadata={"help": "Maximum number of iterations when inlining within an SCC"}
    )
    inlining_threshold: int = field(
        default=_UNLIMITED,
        metadata={
            "help": "If the ratio between the number of the operations in the callee and the "
            "number of the operations in the caller exceeds this value (in percentage), then "
            "the callee is not inlined even if it is legal to inline it"
        },
    )

    def __post_init__(self) -> None:
        # Bad values are pipeline errors, reported where the options are written.
        if self.max_iterations < 1:
            raise ValueError("max-iterations must be at least 1")
        if self.inlining_threshold < 0:
            raise ValueError("inlining-threshold must not be negative")
        text = self.default_pipeline.strip()
        if text:
            try:
                PassManager.parse(f"any({text})")
            except PipelineError as e:
                raise ValueError(
                    f"invalid default-pipeline '{text}': {e.diagnostics[0].message}"
                ) from None
        self.pipelines()

    def run(self, op: Operation) -> None:
        if not is_symbol_table(op):
            raise PassFailure(
                f"'{op.name}' op was scheduled to run under the inliner, but does not define "
                "a symbol table",
                op,
            )
        _InlinerRun(self, op).run()

    def pipelines(self) -> dict[str, PassManager]:
        """The simplification pipeline of each callable op name given in op-pipelines."""
        out: dict[str, PassManager] = {}
        for text in _split_pipelines(self.op_pipelines):
            try:
                pm = PassManager.parse(text)
            except PipelineError as e:
                raise ValueError(
                    f"invalid op-pipelines entry '{text}': {e.diagnostics[0].message}"
                ) from None
            if pm.items:
                out[pm.anchor] = pm
        return out


def _split_pipelines(text: str) -> list[str]:
    """`func.func(cse,canonicalize),foo.bar(cse)`: split at top-level commas."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "({":
            depth += 1
        elif c in ")}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


@dataclass
class _Call:
    call: Operation
    source: CallGraphNode
    target: CallGraphNode


class _InlinerRun:
    """One run of the inliner over a symbol table op."""

    def __init__(self, options: Inliner, top: Operation) -> None:
        self.options = options
        self.top = top
        self.loaded = loaded_dialect_check()
        self.symbols = SymbolTableCollection(self.loaded)
        self.cg = CallGraph(top, self.symbols)
        self.uses = _UseList(top, self.cg, self.symbols)
        self.op_pipelines = options.pipelines()
        self.default_pipelines: dict[str, PassManager | None] = {}
        self.dead: dict[CallGraphNode, None] = {}  # ordered set
        self.calls: list[_Call] = []
        # The inline history of the current SCC: entry k is (callee inlined, entry of the
        # call it came from); `call_history` maps a call made by inlining to its entry.
        self.history: list[tuple[CallGraphNode, int | None]] = []
        self.call_history: dict[Operation, int] = {}
        # Op counts of callable regions for the size threshold, kept up to date as calls
        # are inlined, so deciding costs O(1) per call rather than a walk of the caller.
        self.op_counts: dict[Region, int] = {}

    def run(self) -> None:
        for scc in self.cg.sccs():
            self.inline_scc(scc)
        self.collect_dead_after_inlining()
        # Erase the callables proven dead, now that no SCC refers to them.
        for node in self.dead:
            callable_op = node.callable_op
            callable_op.detach()
            callable_op.drop_all_references()

    def collect_dead_after_inlining(self) -> None:
        """Erase, like symbol-dce, every discardable callable no live callable refers to:
        a callable only dead ones call dies with them, and so does an unused recursive
        cycle. Live roots are the callables that are not discardable (public, or referred to
        by something that is not a callable)."""
        uses = self.uses
        live = [
            node
            for node in self.cg.nodes.values()
            if node not in self.dead and node not in uses.discardable
        ]
        reached = set(live)
        while live:
            node_uses = uses.node_uses.get(live.pop())
            if node_uses is None:
                continue
            referenced = list(node_uses.top_level)
            referenced.extend(n for n, count in node_uses.inner.items() if count > 0)
            for node in referenced:
                if node not in reached and node not in self.dead:
                    reached.add(node)
                    live.append(node)
        for node in uses.discardable:
            if node not in reached:
                self.dead[node] = None

    # -- per SCC --------------------------------------------------------------------------

    def inline_scc(self, scc: list[CallGraphNode]) -> None:
        # A call created by inlining callee X is not inlined into a copy of X again, across
        # iterations too, which bounds the expansion of recursive cycles.
        self.history = []
        self.call_history = {}
        iteration = 0
        while True:
            self.optimize_scc(scc)
            if not self.inline_calls_in_scc(scc):
                break
            iteration += 1
            if iteration >= self.options.max_iterations:
                break

    def optimize_scc(self, scc: list[CallGraphNode]) -> None:
        visit = [
            node
            for node in scc
            if not node.is_external
            and not node.has_children
            and IsolatedFromAbove in type(node.callable_op).traits
        ]
        for node in visit:
            pm = self.pipeline_for(node.callable_op)
            if pm is not None:
                pm.run(node.callable_op)
                self.op_counts.pop(node.region, None)
        for node in visit:
            self.uses.recompute_uses(node)

    def pipeline_for(self, callable_op: Operation) -> PassManager | None:
        name = callable_op.name
        pm = self.op_pipelines.get(name)
        if pm is not None:
            return pm
        if name not in self.default_pipelines:
            text = self.options.default_pipeline.strip()
            pm = None
            if text:
                try:
                    pm = PassManager.parse(f"{name}({text})")
                except PipelineError as e:  # e.g. a pass that cannot run on this op
                    raise PassFailure(
                        f"invalid default-pipeline '{text}' for '{name}': "
                        f"{e.diagnostics[0].message}",
                        self.top,
                    ) from None
            self.default_pipelines[name] = pm
        return self.default_pipelines[name]

    def inline_calls_in_scc(self, scc: list[CallGraphNode]) -> bool:
        calls = self.calls
        dead_here: dict[CallGraphNode, None] = {}
        for node in scc:
            if node.is_external:
                continue
            if self.uses.is_dead(node):
                dead_here[node] = None
            else:
                self.collect_calls(node.region.blocks, node, traverse_nested=False)

        history, known = self.history, self.call_history
        inlined_any = False
        i = 0
        while i < len(calls):
            resolved = calls[i]
            history_id = known.get(resolved.call)
            i += 1
            if resolved.source in dead_here:
                continue
            if _history_includes(resolved.target, history_id, history):
                continue
            if not self.should_inline(resolved):
                continue
            before = len(calls)
            in_place = self.uses.has_one_use_and_discardable(resolved.target)
            if not self.inline_call(resolved, clone=not in_place):
                continue
            inlined_any = True
            history.append((resolved.target, history_id))
            for new_call in calls[before:]:
                known[new_call.call] = len(history) - 1
            known.pop(resolved.call, None)
            self.uses.drop_call_uses(resolved.source, resolved.call)
            self.uses.merge_uses_after_inlining(resolved.target, resolved.source)
            resolved.call.detach()
            resolved.call.drop_all_references()
            if in_place:
                self.uses.erase_node(resolved.target)
                dead_here[resolved.target] = None

        for node in dead_here:
            if node in scc:
                scc.remove(node)
            self.dead[node] = None
        calls.clear()
        return inlined_any

    def collect_calls(
        self, blocks: list[Block], source: CallGraphNode, traverse_nested: bool
    ) -> None:
        # A stack, as MLIR's worklist: later blocks are looked at first.
        worklist = [(block, source) for block in blocks]
        while worklist:
            block, node = worklist.pop()
            for op in block.ops:
                if isinstance(op, CallOpInterface):
                    callee = op.callable_for_callee()
                    if isinstance(callee, SymbolRefAttr) and callee.nested:
                        continue  # nested references are not inlined (as in MLIR)
                    target = self.cg.resolve_callable(op)
                    if not target.is_external:
                        self.calls.append(_Call(op, node, target))
                    continue
                for region in op.regions:
                    nested = self.cg.lookup(region)
                    if traverse_nested or nested is None:
                        worklist.extend((b, nested or node) for b in region.blocks)

    # -- decisions ------------------------------------------------------------------------

    def should_inline(self, resolved: _Call) -> bool:
        call, target = resolved.call, resolved.target
        if IsTerminator in type(call).traits:
            return False
        # Recursion: the callee calls itself or calls back into the caller.
        if any(t is target or t is resolved.source for t, _ in target.edges):
            return False
        callee_region = target.region
        if _region_encloses(callee_region, call.parent_region):
            return False
        if len(callee_region.blocks) > 1:
            caller_op = call.parent_op
            if caller_op is None or (
                caller_op.name != target.callable_op.name and _might_be_single_block(caller_op)
            ):
                return False
        return self.is_profitable(resolved)

    def is_profitable(self, resolved: _Call) -> bool:
        threshold = self.options.inlining_threshold
        if threshold == 0:
            return False
        if threshold >= _UNLIMITED:
            return True
        caller_ops = self.op_count(resolved.source.region)
        if caller_ops == 0:
            return True
        return self.op_count(resolved.target.region) * 100 // caller_ops <= threshold

    def op_count(self, region: Region) -> int:
        count = self.op_counts.get(region)
        if count is None:
            count = self.op_counts[region] = _count_ops(region)
        return count

    def is_legal(self, call: Operation, callable_op: Operation) -> bool:
        if call.get_attr("no_inline") is not None or callable_op.get_attr("no_inline"):
            return False
        # Ops of unknown dialects give no inlining guarantees (MLIR: no inliner interface).
        for region in callable_op.regions:
            for op in region.ops():
                for nested in op.walk():
                    if not type(nested).is_registered:
                        return False
        return True

    # -- the transformation ---------------------------------------------------------------

    def inline_call(self, resolved: _Call, clone: bool) -> bool:
        call = resolved.call
        callable_op = resolved.target.callable_op
        src = resolved.target.region
        if not src.blocks or not isinstance(callable_op, CallableOpInterface):
            return False
        entry = src.blocks[0]
        args = list(call.call_arguments())
        result_types = list(callable_op.result_types_of_callable())
        if len(args) != len(entry.args) or len(call.results) != len(result_types):
            return False
        if any(a.type is not b.type for a, b in zip(args, entry.args)):
            return False
        if any(r.type is not t for r, t in zip(call.results, result_types)):
            return False
        if not self.is_legal(call, callable_op):
            return False

        block = call.parent
        region = block.parent
        post = _split_after(block, call)
        at = region.blocks.index(block) + 1
        if clone:
            new_blocks = _clone_blocks(src, entry, args, region, at)
        else:
            new_blocks = list(src.blocks)
            for b in new_blocks:
                src.remove(b)
            for k, b in enumerate(new_blocks):
                region.insert(at + k, b)
            for arg, value in zip(entry.args, args):
                arg.replace_all_uses_with(value)
        if not isinstance(call.location, UnknownLoc):
            _remap_locations(new_blocks, call.location)
        # The inlined copy may hold calls to inline too; they belong to the caller's node.
        self.collect_calls(new_blocks, self._node_of(new_blocks[0]), traverse_nested=True)

        caller_region = resolved.source.region
        if caller_region in self.op_counts:  # the copy replaces the call
            self.op_counts[caller_region] += sum(1 for b in new_blocks for _ in _walk(b)) - 1
        first = new_blocks[0]
        terminator = first.last
        if (
            len(new_blocks) == 1
            and terminator is not None
            and ReturnLike in type(terminator).traits
        ):
            if caller_region in self.op_counts:  # the return goes
                self.op_counts[caller_region] -= 1
            for result, value in zip(call.results, terminator.operands):
                result.replace_all_uses_with(value)
            terminator.detach()
            terminator.drop_all_references()
            _move_ops(post, first)
            region.remove(post)
        else:
            for result in call.results:
                result.replace_all_uses_with(post.add_argument(result.type, call.location))
            for b in new_blocks:
                _return_to_branch(b.last, post)
        _move_ops(first, block)
        region.remove(first)
        return True

    def _node_of(self, block: Block) -> CallGraphNode:
        region = block.parent
        while True:
            node = self.cg.lookup(region)
            if node is not None:
                return node
            region = region.parent.parent_region


def _history_includes(
    node: CallGraphNode, history_id: int | None, history: list[tuple[CallGraphNode, int | None]]
) -> bool:
    while history_id is not None:
        target, history_id = history[history_id]
        if target is node:
            return True
    return False


def _region_encloses(outer: Region, inner: Region | None) -> bool:
    while inner is not None:
        if inner is outer:
            return True
        parent = inner.parent
        inner = None if parent is None else parent.parent_region
    return False


def _might_be_single_block(op: Operation) -> bool:
    cls = type(op)
    if not cls.is_registered:
        return True  # it may have the trait; we cannot tell
    if SingleBlock in cls.traits:
        return True
    definition = getattr(cls, "definition", None)
    return definition is not None and any(
        r.single_block and r.kind == SINGLE for r in definition.regions
    )


def _count_ops(region: Region) -> int:
    return sum(1 for op in region.ops() for _ in op.walk())


def _walk(block: Block) -> Iterator[Operation]:
    for op in block.ops:
        yield from op.walk()


def _split_after(block: Block, op: Operation) -> Block:
    """Move the ops after `op` into a new block placed right after `block`."""
    post = Block()
    region = block.parent
    region.insert(region.blocks.index(block) + 1, post)
    nxt = op.next
    while nxt is not None:
        following = nxt.next
        nxt.detach()
        post.append(nxt)
        nxt = following
    return post


def _move_ops(source: Block, dest: Block) -> None:
    op = source.first
    while op is not None:
        following = op.next
        op.detach()
        dest.append(op)
        op = following


def _clone_blocks(
    src: Region, entry: Block, args: list[Value], region: Region, at: int
) -> list[Block]:
    """Copy `src`'s blocks into `region` at index `at`; the entry block's arguments become
    `args` (the copy of the entry block has none)."""
    mapping: dict = dict(zip(entry.args, args))
    new_blocks = []
    for block in src.blocks:
        if block is entry:
            copy = Block()
        else:
            copy = Block([a.type for a in block.args], [a.location for a in block.args])
            for old, new in zip(block.args, copy.args):
                new.name_hint = old.name_hint
                mapping[old] = new
        mapping[block] = copy
        new_blocks.append(copy)
    for block, copy in zip(src.blocks, new_blocks):
        for op in block.ops:
            copy.append(op.clone(mapping))
    # A use cloned before its definition (a block placed before one that dominates it).
    for copy in new_blocks:
        for op in copy.ops:
            for nested in op.walk():
                for use in nested.operand_uses:
                    new = mapping.get(use.value)
                    if new is not None and new is not use.value:
                        use.set(new)
    for k, copy in enumerate(new_blocks):
        region.insert(at + k, copy)
    return new_blocks


def _return_to_branch(terminator: Operation | None, dest: Block) -> None:
    """A return of the inlined callee becomes a branch to the caller's continuation."""
    if terminator is None or ReturnLike not in type(terminator).traits:
        return
    # By name, through the registry: transforms sit below the dialects.
    branch = Operation.create(
        "cf.br", list(terminator.operands), successors=[dest], location=terminator.location
    )
    terminator.parent.insert_before(terminator, branch)
    terminator.detach()
    terminator.drop_all_references()


def _remap_locations(blocks: list[Block], call_loc: Location) -> None:
    """Every inlined location `l` becomes `callsite(l at call_loc)`; an existing call-site
    chain is extended at its innermost caller (MLIR's stackLocations)."""
    # callsite(a at b) becomes callsite(a at remap(b)): memoized, so the chains that inlined
    # ops share (one per level of inlining) are rebuilt once, not once per op.
    cache: dict[Location, Location] = {}

    def remap(loc: Location) -> Location:
        new = cache.get(loc)
        if new is not None:
            return new
        chain = []
        last = loc
        while isinstance(last, CallSiteLoc) and last not in cache:
            chain.append(last)
            last = last.caller
        new = cache.get(last)
        if new is None:
            new = cache[last] = CallSiteLoc(last, call_loc)
        for site in reversed(chain):
            new = cache[site] = CallSiteLoc(site.callee, new)
        return new

    for block in blocks:
        for arg in block.args:
            arg.location = remap(arg.location)
        for op in block.ops:
            for nested in op.walk():
                nested.location = remap(nested.location)
                for region in nested.regions:
                    for inner in region.blocks:
                        for arg in inner.args:
                            arg.location = remap(arg.location)


# -- which callables are dead ---------------------------------------------------------------


class _NodeUses:
    """The discardable callables one callable refers to: by its own attributes (counted
    once) and by the ops inside it (counted per reference)."""

    __slots__ = ("top_level", "inner")

    def __init__(self) -> None:
        self.top_level: set[CallGraphNode] = set()
        self.inner: dict[CallGraphNode, int] = {}


class _UseList:
    """Counts the references to each discardable callable (private, or hidden, with no
    reference from outside a callable), so the inliner knows when one becomes dead (MLIR's
    CGUseList). Symbol references have no use lists, hence the counting."""

    def __init__(self, top: Operation, cg: CallGraph, symbols: SymbolTableCollection) -> None:
        self.cg = cg
        self.symbols = symbols
        self.discardable: dict[CallGraphNode, int] = {}
        self.node_uses: dict[CallGraphNode, _NodeUses] = {}
        always_live: set[CallGraphNode] = set()

        def visit_table(table: Operation, all_uses_visible: bool) -> None:
            for region in table.regions:
                for op in region.ops():
                    if isinstance(op, CallableOpInterface):
                        node = cg.lookup(op.callable_region())
                        if node is not None:
                            vis = visibility(op)
                            if (
                                is_symbol(op)
                                and (all_uses_visible or vis == PRIVATE)
                                and vis != PUBLIC
                            ):
                                self.discardable[node] = 0
                            continue
                    # Referenced by something that is not a callable: always live.
                    for ref_node, _ in self._referenced_nodes(op):
                        always_live.add(ref_node)

        walk_symbol_tables(top, top.parent is None, visit_table)
        for node in always_live:
            self.discardable.pop(node, None)
        for node in cg.nodes.values():
            self.recompute_uses(node)

    def _referenced_nodes(self, op: Operation) -> list[tuple[CallGraphNode, Operation]]:
        """(node, user) for every symbol reference in `op` that names a callable node,
        resolved from the symbol table holding `op`."""
        uses = symbol_uses(op, self.symbols.loaded)
        if not uses:
            return []
        scope = op.parent_op
        if scope is None:
            return []
        out = []
        resolved: dict[SymbolRefAttr, CallGraphNode | None] = {}
        for ref, user in uses:
            if ref not in resolved:
                symbol = self.symbols.lookup_nearest(scope, ref, include_self=True)
                node = None
                if isinstance(symbol, CallableOpInterface):
                    node = self.cg.lookup(symbol.callable_region())
                resolved[ref] = node
            node = resolved[ref]
            if node is not None:
                out.append((node, user))
        return out

    def recompute_uses(self, node: CallGraphNode) -> None:
        old = self.node_uses.get(node)
        if old is not None:
            self._decrement(old)
        uses = _NodeUses()
        parent_op = node.callable_op
        for ref_node, user in self._referenced_nodes(parent_op):
            if ref_node not in self.discardable:
                continue
            if user is not parent_op:
                uses.inner[ref_node] = uses.inner.get(ref_node, 0) + 1
            elif ref_node in uses.top_level:
                continue
            else:
                uses.top_level.add(ref_node)
            self.discardable[ref_node] += 1
        self.node_uses[node] = uses

    def drop_call_uses(self, user_node: CallGraphNode, call: Operation) -> None:
        inner = self.node_uses.setdefault(user_node, _NodeUses()).inner
        for ref_node, _ in self._referenced_nodes_of_call(call):
            if ref_node not in inner:
                continue
            inner[ref_node] -= 1
            if ref_node in self.discardable:
                self.discardable[ref_node] -= 1

    def _referenced_nodes_of_call(self, call: Operation) -> list[tuple[CallGraphNode, Operation]]:
        out = []
        for ref, user in symbol_uses(call, self.symbols.loaded) or ():
            symbol = self.symbols.lookup_nearest(call, ref)
            if isinstance(symbol, CallableOpInterface):
                node = self.cg.lookup(symbol.callable_region())
                if node is not None:
                    out.append((node, user))
        return out

    def merge_uses_after_inlining(self, callee: CallGraphNode, caller: CallGraphNode) -> None:
        callee_uses = self.node_uses.setdefault(callee, _NodeUses())
        caller_uses = self.node_uses.setdefault(caller, _NodeUses())
        for node, n in callee_uses.inner.items():
            caller_uses.inner[node] = caller_uses.inner.get(node, 0) + n
            if node in self.discardable:
                self.discardable[node] += n

    def erase_node(self, node: CallGraphNode) -> None:
        """Drop the references `node` (and callables nested in it) holds."""
        for child, kind in node.edges:
            if kind == CHILD:
                self.erase_node(child)
        uses = self.node_uses.pop(node, None)
        if uses is not None:
            self._decrement(uses)
        self.discardable.pop(node, None)

    def _decrement(self, uses: _NodeUses) -> None:
        for node in uses.top_level:
            if node in self.discardable:
                self.discardable[node] -= 1
        for node, n in uses.inner.items():
            if node in self.discardable:
                self.discardable[node] -= n

    def is_dead(self, node: CallGraphNode) -> bool:
        op = node.callable_op
        if not is_symbol(op):
            return not has_memory_effects(op) and all(not r.has_uses for r in op.results)
        return self.discardable.get(node, -1) == 0

    def has_one_use_and_discardable(self, node: CallGraphNode) -> bool:
        op = node.callable_op
        if not is_symbol(op):
            return not has_memory_effects(op) and sum(1 for r in op.results for _ in r.uses) == 1
        return self.discardable.get(node, -1) == 1
