"""sccp: sparse conditional constant propagation (MLIR's SCCP, after Wegman and Zadeck).

Every value gets a lattice state: uninitialized (nothing known yet: optimistic), a constant,
or overdefined. Blocks become executable as control flow reaches them: a branch whose
condition is a known constant (`cf.cond_br`, `cf.switch`: their `successor_for_operands`)
marks only the edge it takes. A region op with MLIR's RegionBranchOpInterface (scf.if/for/
while/execute_region/index_switch, affine.for/if) enters only the regions its constant
operands allow, and its terminators pass values to the regions or results its
`region_successors` name (an scf.condition known false leaves the loop; an affine.for with a
constant trip count of one does not loop back), as MLIR's DeadCodeAnalysis does. Each op in an executable block is evaluated with its own folder
on the constants its operands hold; a block argument joins the values its executable incoming
edges pass; joining two different constants, or anything with overdefined, is overdefined.
Run on a symbol table (a module) the analysis is interprocedural, as in MLIR: a call's results
join the values every reachable return of its callee gives, and the arguments of a callee whose
callers are all known (a private function with only call uses) join the call sites' values;
a private function that is never called is not analyzed. A worklist revisits an op only when
one of its inputs changes, and a state changes at most twice, so the analysis is linear.

Then every value found constant is replaced by a constant materialized by the dialect that
produced it (uniqued, at the start of the nearest isolated region), and ops left without uses
and without side effects are erased. Branches and unreachable blocks stay: canonicalize
folds and removes them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dialir.core.ir.attrs import UNKNOWN_LOC, Attribute, SymbolRefAttr
from dialir.core.ir.dialect import load_dialect
from dialir.core.ir.operation import Block, Operation, OpResult, Region, Value
from dialir.core.ir.symbols import (
    NESTED,
    PUBLIC,
    SymbolTableCollection,
    is_symbol,
    loaded_dialect_check,
    region_symbol_uses,
    visibility,
    walk_symbol_tables,
)
from dialir.core.ir.traits import ConstantLike, IsTerminator, Pure, ReturnLike
from dialir.core.ir.types import Type
from dialir.core.ods.interfaces import (
    CallableOpInterface,
    CallOpInterface,
    RegionBranchOpInterface,
)
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.patterns import insertion_region, would_op_be_trivially_dead

OVERDEFINED = "overdefined"
"""The lattice top. A constant state is a `(attribute, dialect namespace)` pair; a value with
no state is uninitialized."""


@register_pass
@dataclass
class SCCP(Pass):
    name = "sccp"
    summary = "Sparse Conditional Constant Propagation"

    def run(self, op: Operation) -> None:
        solver = ConstantSolver(op)
        solver.solve()
        rewrite_with_constants(solver, op)


class _FoldOperand(Operation):
    """A detached stand-in constant op: while an op's folder runs, operands with a known
    constant state point at one of these, so the folder (which reads constants from defining
    ConstantLike ops, MLIR's m_Constant) sees the lattice value."""

    __slots__ = ("state",)
    traits = frozenset({ConstantLike, Pure})
    is_registered = True

    @property
    def value(self) -> Attribute:
        return self.properties["value"]

    def fold(self) -> list[Attribute]:
        return [self.properties["value"]]


class ConstantSolver:
    """The dataflow solver: lattice states, executable blocks and edges, call sites."""

    def __init__(self, top: Operation) -> None:
        self.top = top
        self.state: dict[Value, Any] = {}
        self.live_blocks: set[Block] = set()
        self.live_edges: set[tuple[Block, Block]] = set()
        self.worklist: deque[Operation] = deque()
        self.queued: set[Operation] = set()
        self.symbols = SymbolTableCollection(loaded_dialect_check())
        # Interprocedural facts.
        self.unknown_callers: set[Operation] = set()
        self.callsites: dict[Operation, list[Operation]] = {}
        self.returns: dict[Operation, list[Operation]] = {}
        self.targets: dict[Operation, Operation | None] = {}
        self.holders: dict[tuple, _FoldOperand] = {}

    # -- driver ---------------------------------------------------------------------------

    def solve(self) -> None:
        self._find_unknown_callers()
        for region in self.top.regions:
            if region.blocks:
                self.mark_block_live(region.blocks[0])
        worklist, queued = self.worklist, self.queued
        while worklist:
            op = worklist.popleft()
            queued.discard(op)
            if op.parent in self.live_blocks:
                self.visit(op)

    def _find_unknown_callers(self) -> None:
        """Callables some caller outside the analyzed IR may call: public ones, nested ones of
        a table whose uses are not all visible, and any used other than by a call."""
        top = self.top
        loaded = self.symbols.loaded

        def visit_table(table: Operation, all_uses_visible: bool) -> None:
            found = False
            for region in table.regions:
                for op in region.ops():
                    if not _is_symbol_callable(op):
                        continue
                    vis = visibility(op)
                    if vis == PUBLIC or (not all_uses_visible and vis == NESTED):
                        self.unknown_callers.add(op)
                    found = True
            if not found:
                return
            uses = region_symbol_uses(table, loaded)
            if uses is None:  # cannot see all uses: no callable's callers are known
                self.unknown_callers.update(
                    o for o in top.walk() if isinstance(o, CallableOpInterface)
                )
                return
            for ref, user in uses:
                if isinstance(user, CallOpInterface):
                    continue
                chain = self.symbols.lookup_in(table, ref)
                if chain is not None:
                    self.unknown_callers.add(chain[-1])

        walk_symbol_tables(top, top.parent is None, visit_table)

    def enqueue(self, op: Operation) -> None:
        if op not in self.queued:
            self.queued.add(op)
            self.worklist.append(op)

    # -- lattice --------------------------------------------------------------------------

    def join(self, value: Value, new: Any) -> None:
        if new is None:
            return
        old = self.state.get(value)
        if old is OVERDEFINED:
            return
        if old is None:
            result = new
        elif new is OVERDEFINED or old[0] != new[0]:
            result = OVERDEFINED
        else:
            return
        self.state[value] = result
        live = self.live_blocks
        for use in value.uses:
            if use.owner.parent in live:
                self.enqueue(use.owner)

    def overdefine(self, values) -> None:
        for v in values:
            self.join(v, OVERDEFINED)

    # -- control flow ---------------------------------------------------------------------

    def mark_block_live(self, block: Block, inputs: Sequence[Value] | None = None) -> None:
        """`inputs`: for a region entered from its region-branch op, the entry arguments that
        get forwarded values; the others (an induction variable) are unknown."""
        if block in self.live_blocks:
            return
        self.live_blocks.add(block)
        region = block.parent
        if inputs is not None:
            forwarded = set(inputs)
            self.overdefine([a for a in block.args if a not in forwarded])
        elif region is not None and region.blocks[0] is block:
            parent = region.parent
            if parent is not self.top and self._tracks_callers(parent, region):
                entry_args = block.args
                for call in self.callsites.get(parent, ()):
                    for arg, v in zip(entry_args, call.call_arguments()):
                        self.join(arg, self.state.get(v))
            else:
                self.overdefine(block.args)
        for op in block.ops:
            self.enqueue(op)

    def mark_edge_live(self, pred: Block, succ: Block) -> None:
        self.live_edges.add((pred, succ))
        self.mark_block_live(succ)

    def _tracks_callers(self, op: Operation | None, region: Region) -> bool:
        return (
            _is_symbol_callable(op)
            and op.callable_region() is region
            and op not in self.unknown_callers
        )

    # -- visiting ops ---------------------------------------------------------------------

    def visit(self, op: Operation) -> None:
        if isinstance(op, CallOpInterface):
            self.visit_call(op)
            return
        if op.regions:
            if isinstance(op, RegionBranchOpInterface) and type(op).is_registered:
                self.visit_region_branch(op)
            else:
                self.visit_region_op(op)
            return
        if op.successors:
            self.visit_branch(op)
            self.overdefine(op.results)
            return
        if _is_last_and_may_terminate(op):
            parent = op.parent_op
            if _is_symbol_callable(parent) and parent.callable_region() is op.parent_region:
                self.visit_return(op, parent)
            elif isinstance(parent, RegionBranchOpInterface) and type(parent).is_registered:
                self.visit_region_exit(op, parent)
        self.visit_fold(op)

    def visit_region_op(self, op: Operation) -> None:
        # Nothing says how control enters these regions: every entry block may run, its
        # arguments unknown; results are not simulated (MLIR does the same).
        if isinstance(op, CallableOpInterface):
            # A callable runs only if someone may call it: an unknown caller or a live call.
            if not (op in self.unknown_callers or self.callsites.get(op)):
                self.overdefine(op.results)
                return
        for region in op.regions:
            if region.blocks:
                self.mark_block_live(region.blocks[0])
        self.overdefine(op.results)

    def _constants(self, op: Operation) -> list[Attribute | None] | None:
        """The constant values of `op`'s operands (None where overdefined), or None while
        one is still uninitialized."""
        constants: list[Attribute | None] = []
        for use in op.operand_uses:
            s = self.state.get(use.value)
            if s is None:
                return None
            constants.append(None if s is OVERDEFINED else s[0])
        return constants

    def visit_region_branch(self, op: Operation) -> None:
        """Enter only the regions the op's constant operands allow (MLIR's
        DeadCodeAnalysis), passing its forwarded operands to their inputs."""
        constants = self._constants(op)
        if constants is None:
            return
        for target in op.region_successors(None, constants):
            self._flow(op, target, op.entry_successor_operands(target))

    def visit_region_exit(self, term: Operation, op: Operation) -> None:
        """A terminator of a region-branch op's region: control goes where the op says for
        the terminator's constant operands (an scf.condition's condition)."""
        if ReturnLike not in type(term).traits:
            self.overdefine(op.results)  # an unknown terminator: anything may come out
            return
        constants = self._constants(term)
        if constants is None:
            return
        for target in op.region_successors(term.parent_region, constants):
            self._flow(op, target, op.terminator_successor_operands(term, target))

    def _flow(self, op: Operation, target: Region | None, values: Sequence[Value]) -> None:
        if target is not None and not target.blocks:
            return
        inputs = op.successor_inputs(target)
        if target is not None:
            self.mark_block_live(target.blocks[0], inputs)
        state = self.state
        for k, inp in enumerate(inputs):
            self.join(inp, state.get(values[k]) if k < len(values) else OVERDEFINED)

    def visit_branch(self, op: Operation) -> None:
        constants: list[Attribute | None] = []
        for use in op.operand_uses:
            s = self.state.get(use.value)
            if s is None:
                return  # wait until every operand is known
            constants.append(None if s is OVERDEFINED else s[0])
        block = op.parent
        choose = getattr(op, "successor_for_operands", None)
        forwards = type(op).is_registered and hasattr(op, "successor_operands")
        taken = choose(constants) if (choose is not None and forwards) else None
        for succ in op.successors:
            if taken is None or succ is taken:
                self.mark_edge_live(block, succ)
        for i, succ in enumerate(op.successors):
            if (block, succ) not in self.live_edges:
                continue
            if not forwards:
                self.overdefine(succ.args)
                continue
            passed = list(op.successor_operands(i))
            for k, arg in enumerate(succ.args):
                self.join(arg, self.state.get(passed[k]) if k < len(passed) else OVERDEFINED)

    def visit_call(self, call: Operation) -> None:
        target = self._target(call)
        if target is None:
            self.overdefine(call.results)
            return
        sites = self.callsites.setdefault(target, [])
        if call not in sites:
            sites.append(call)
        body = target.callable_region()
        entry = body.blocks[0]
        if entry not in self.live_blocks:
            self.mark_block_live(entry)  # joins this call's arguments too
        elif self._tracks_callers(target, body):
            for arg, v in zip(entry.args, call.call_arguments()):
                self.join(arg, self.state.get(v))
        for ret in self.returns.get(target, ()):
            self._join_results(call, ret)

    def visit_return(self, ret: Operation, callable_op: Operation) -> None:
        rets = self.returns.setdefault(callable_op, [])
        if ret not in rets:
            rets.append(ret)
        for call in self.callsites.get(callable_op, ()):
            self._join_results(call, ret)

    def _join_results(self, call: Operation, ret: Operation) -> None:
        if ReturnLike not in type(ret).traits:
            self.overdefine(call.results)  # an unknown terminator: results unknown
            return
        for result, v in zip(call.results, ret.operands):
            self.join(result, self.state.get(v))
        for result in call.results[ret.num_operands :]:
            self.join(result, OVERDEFINED)

    def _target(self, call: Operation) -> Operation | None:
        """The callable a call reaches, when it is a symbol with a body inside the analyzed
        op; None (results unknown) otherwise."""
        if call in self.targets:
            return self.targets[call]
        target = None
        callee = call.callable_for_callee()
        if isinstance(callee, SymbolRefAttr):
            found = self.symbols.lookup_nearest(call, callee)
            if (
                _is_symbol_callable(found)
                and found.callable_region() is not None
                and self.top.is_ancestor(found)
            ):
                target = found
        self.targets[call] = target
        return target

    def visit_fold(self, op: Operation) -> None:
        if not op.results:
            return
        state = self.state
        for use in op.operand_uses:
            if use.value not in state:
                return  # optimistic: wait for the operand
        fold = getattr(op, "fold", None)
        if fold is None or not type(op).is_registered:
            self.overdefine(op.results)
            return
        folded = self._fold_with_constants(op, fold)
        if folded is None:
            self.overdefine(op.results)
            return
        namespace = op.name.partition(".")[0]
        for result, f in zip(op.results, folded):
            if isinstance(f, Attribute):
                self.join(result, (f, namespace))
            elif isinstance(f, OpResult) and isinstance(f.owner, _FoldOperand):
                self.join(result, f.owner.state)
            elif isinstance(f, Value):
                self.join(result, state.get(f))
            else:
                self.join(result, OVERDEFINED)
        for result in op.results[len(folded) :]:
            self.join(result, OVERDEFINED)

    def _fold_with_constants(self, op: Operation, fold) -> list | None:
        """Run `op`'s folder with the constant states of its operands as constant operands.

        The folder may only compute: a fold that changes the op in place is undone and
        counts as no fold (the operands it saw are not the op's real ones)."""
        uses = op.operand_uses
        originals = [u.value for u in uses]
        for use in uses:
            s = self.state[use.value]
            if s is not OVERDEFINED and _constant_of(use.value) != s[0]:
                use.set(self._holder(s, use.value.type).results[0])
        expected = [u.value for u in uses]
        properties, attributes = dict(op.properties), dict(op.attributes)
        try:
            folded = fold()
        finally:
            changed = (
                op.operand_uses is not uses
                or any(u.value is not v for u, v in zip(uses, expected))
                or op.properties != properties
                or op.attributes != attributes
            )
            if changed:
                op.set_operands(originals)
                op.properties, op.attributes = properties, attributes
            else:
                for use, value in zip(uses, originals):
                    if use.value is not value:
                        use.set(value)
        if changed or not folded:
            return None
        return list(folded)

    def _holder(self, s: tuple, t: Type) -> _FoldOperand:
        key = (s, t)
        holder = self.holders.get(key)
        if holder is None:
            holder = Operation.__new__(_FoldOperand)
            Operation.__init__(holder, "sccp.fold_operand", (), (t,), None, {"value": s[0]})
            holder.state = s  # the dialect too: `x + 0 -> x` keeps x's constant as it is
            self.holders[key] = holder
        return holder


def _constant_of(v: Value) -> Attribute | None:
    """The attribute of the ConstantLike op defining `v`, if any."""
    if not isinstance(v, OpResult):
        return None
    owner = v.owner
    if not type(owner).is_registered or ConstantLike not in type(owner).traits:
        return None
    return owner.get_attr("value")


def _is_symbol_callable(op: Operation | None) -> bool:
    return isinstance(op, CallableOpInterface) and is_symbol(op)


def _is_last_and_may_terminate(op: Operation) -> bool:
    return op.next is None and (IsTerminator in type(op).traits or not type(op).is_registered)


# -- rewriting -------------------------------------------------------------------------------


def rewrite_with_constants(solver: ConstantSolver, top: Operation) -> None:
    """Replace every value with a constant state by a materialized constant; erase ops whose
    results were all replaced and that have no side effects (MLIR's SCCP rewrite)."""
    constants: dict[tuple, Value] = {}

    def replace(value: Value, block: Block) -> bool:
        s = solver.state.get(value)
        if s is None or s is OVERDEFINED:
            return False
        attr, namespace = s
        region = insertion_region(block)
        key = (region, namespace, attr, value.type)
        const = constants.get(key)
        if const is None:
            dialect = load_dialect(namespace)
            hook = getattr(dialect, "materialize_constant", None)
            op = hook(attr, value.type, UNKNOWN_LOC) if hook is not None else None
            if op is None:
                return False
            op.location = UNKNOWN_LOC
            region.blocks[0].prepend(op)
            const = constants[key] = op.results[0]
        value.replace_all_uses_with(const)
        return True

    worklist: list[Block] = [b for r in top.regions for b in reversed(r.blocks)]
    while worklist:
        block = worklist.pop()
        for op in block.ops:
            replaced_all = bool(op.results)
            for result in op.results:
                replaced_all &= replace(result, block)
            if replaced_all and would_op_be_trivially_dead(op):
                op.detach()
                op.drop_all_references()
                continue
            for region in op.regions:
                worklist.extend(reversed(region.blocks))
        for arg in block.args:
            replace(arg, block)
