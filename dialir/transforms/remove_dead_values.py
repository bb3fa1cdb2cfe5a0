"""remove-dead-values: remove values nothing live needs, across calls (MLIR's
-remove-dead-values).

A liveness analysis over the whole op (see `region_simplify.Liveness`) that also follows
calls into private functions. Then it erases

- ops without side effects whose results are not live, and unreachable blocks;
- arguments of non-entry blocks that are not live (with the branch operands feeding them);
- arguments of private functions that are not live, with the matching call operands;
- results of private functions that no call site needs, with the matching return operands
  and call results.

A function's signature changes only when it is private, has a body, and every reference to
it is a direct call (`func.call @f(...)` with exactly its arguments as operands); a function
whose address is taken (`func.constant @f`) or that is public keeps its signature.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.attrs import ArrayAttr, TypeAttr
from dialir.core.ir.operation import Block, BlockArgument, Operation, OpResult
from dialir.core.ir.symbols import (
    PRIVATE,
    is_symbol_table,
    loaded_dialect_check,
    region_symbol_uses,
    visibility,
)
from dialir.core.ir.traits import ReturnLike
from dialir.core.ir.types import FunctionType
from dialir.core.ods.interfaces import CallableOpInterface, CallOpInterface
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.patterns import PatternRewriter, RewriterListener
from dialir.transforms.region_simplify import Liveness, erase_unreachable_blocks


class _Function:
    """A private function whose signature may change, with its call sites and returns."""

    __slots__ = ("op", "entry", "type", "calls", "returns", "results_live")

    def __init__(self, op: Operation, entry: Block, ftype: FunctionType) -> None:
        self.op = op
        self.entry = entry
        self.type = ftype
        self.calls: list[Operation] = []
        self.returns = [
            t
            for b in entry.parent.blocks
            if (t := b.last) is not None and type(t).is_registered and ReturnLike in t.traits
        ]
        self.results_live = [False] * len(ftype.results)


def _candidate(op: Operation) -> _Function | None:
    if not isinstance(op, CallableOpInterface) or visibility(op) != PRIVATE:
        return None
    ftype = op.get_attr("function_type")
    region = op.callable_region()
    if not isinstance(ftype, TypeAttr) or not isinstance(ftype.value, FunctionType):
        return None
    if region is None or not region.blocks:
        return None
    f = _Function(op, region.blocks[0], ftype.value)
    if len(f.entry.args) != len(f.type.inputs):
        return None
    if any(len(r.operand_uses) != len(f.type.results) for r in f.returns):
        return None
    return f


def _is_direct_call(user: Operation, ref, f: _Function) -> bool:
    if not isinstance(user, CallOpInterface) or ref.nested:
        return False
    if user.callable_for_callee() is not ref:
        return False
    args = tuple(user.call_arguments())
    return (
        args == user.operands
        and len(args) == len(f.type.inputs)
        and len(user.results) == len(f.type.results)
    )


def modifiable_functions(root: Operation) -> list[_Function]:
    """The private functions in every symbol table in `root` whose every use is a direct
    call, with those calls."""
    loaded = loaded_dialect_check()
    out: list[_Function] = []
    tables = [op for op in root.walk() if is_symbol_table(op)]
    for table in tables:
        uses = region_symbol_uses(table, loaded)
        if uses is None:
            continue  # an unknown op may hold references we cannot see
        funcs: dict[str, _Function] = {}
        for region in table.regions:
            for block in region.blocks:
                for op in block.ops:
                    f = _candidate(op)
                    if f is not None:
                        funcs[op.get_attr("sym_name").value] = f
        escaped: set[str] = set()
        for ref, user in uses:
            f = funcs.get(ref.root)
            if f is None:
                continue
            if _is_direct_call(user, ref, f):
                f.calls.append(user)
            else:
                escaped.add(ref.root)
        out.extend(f for name, f in funcs.items() if name not in escaped)
    return out


class _InterproceduralLiveness(Liveness):
    """Call operands are live only if the callee's argument is; a private function's return
    operand only if some call site's result is."""

    def __init__(self, functions: list[_Function]) -> None:
        super().__init__()
        self.callee_of = {call: f for f in functions for call in f.calls}
        self.entry_of = {f.entry: f for f in functions}
        self.returns_of = {ret: f for f in functions for ret in f.returns}

    def visit_special(self, op: Operation) -> bool:
        if op in self.callee_of or op in self.returns_of:
            self.live.add(op)  # the op stays; its operands are live one by one
            return True
        return False

    def result_live(self, v: OpResult) -> bool:
        f = self.callee_of.get(v.owner)
        if f is None:
            return False
        self.live.add(v.owner)
        if not f.results_live[v.index]:
            f.results_live[v.index] = True
            for ret in f.returns:
                self.mark(ret.operand_uses[v.index].value)
        return True

    def argument_live(self, v: BlockArgument) -> None:
        f = self.entry_of.get(v.owner)
        if f is not None:
            for call in f.calls:
                self.mark(call.operand_uses[v.index].value)


def _drop_operands(op: Operation, positions: list[int]) -> None:
    drop = set(positions)
    op.set_operands([v for i, v in enumerate(op.operands) if i not in drop])


def _without(attr, positions: set[int]):
    if not isinstance(attr, ArrayAttr):
        return attr
    return ArrayAttr([a for i, a in enumerate(attr) if i not in positions])


def _rebuild_call(call: Operation, keep: list[int]) -> None:
    """Replace `call` with a copy that has only the results at `keep`."""
    new = Operation.__new__(type(call))
    Operation.__init__(
        new, call.name, list(call.operands), [call.results[j].type for j in keep],
        dict(call.attributes), dict(call.properties), [], list(call.successors), call.location,
    )  # fmt: skip
    call.parent.insert_before(call, new)
    for j, r in zip(keep, new.results):
        old = call.results[j]
        r.name_hint = old.name_hint
        old.replace_all_uses_with(r)
    call.erase()


class _CountErased(RewriterListener):
    def __init__(self) -> None:
        self.erased = 0

    def notify_op_erased(self, op: Operation) -> None:
        self.erased += 1


@register_pass
@dataclass
class RemoveDeadValues(Pass):
    name = "remove-dead-values"
    summary = "Remove dead values: ops, block arguments, private function arguments and results"
    op_name = None

    def run(self, op: Operation) -> None:
        counter = _CountErased()
        rewriter = PatternRewriter(counter)
        erase_unreachable_blocks(rewriter, op.regions)
        functions = modifiable_functions(op)
        liveness = _InterproceduralLiveness(functions)
        liveness.run(op.regions)
        live = liveness.live

        dead_ops = liveness.dead_ops()
        for dead in dead_ops:
            dead.drop_all_references()

        # Operands first (a dead result may feed a dead argument of another call, a dead
        # return operand a dead block argument), then block arguments and signatures, then
        # the call results.
        plans = []
        for f in functions:
            dead_args = [a.index for a in f.entry.args if a not in live]
            dead_results = [j for j, used in enumerate(f.results_live) if not used]
            if not dead_args and not dead_results:
                continue
            plans.append((f, dead_args, dead_results))
            for call in f.calls:
                _drop_operands(call, dead_args)
            for ret in f.returns:
                _drop_operands(ret, dead_results)
        liveness.erase_dead_arguments(rewriter, liveness.dead_arguments())
        removed_args = removed_results = 0
        for f, dead_args, dead_results in plans:
            for k in reversed(dead_args):
                f.entry.erase_argument(k)
            args, results = set(dead_args), set(dead_results)
            inputs = [t for i, t in enumerate(f.type.inputs) if i not in args]
            outputs = [t for j, t in enumerate(f.type.results) if j not in results]
            props = f.op.properties if "function_type" in f.op.properties else f.op.attributes
            props["function_type"] = TypeAttr(FunctionType(inputs, outputs))
            for name, drop in (("arg_attrs", args), ("res_attrs", results)):
                if name in props:
                    props[name] = _without(props[name], drop)
            removed_args += len(dead_args)
            removed_results += len(dead_results)
        for f, _, dead_results in plans:
            if dead_results:
                keep = [j for j in range(len(f.type.results)) if j not in set(dead_results)]
                for call in f.calls:
                    _rebuild_call(call, keep)
        rewriter.erase_ops(dead_ops)
        self.count("num-dead-ops-erased", counter.erased)
        self.count("num-function-arguments-removed", removed_args)
        self.count("num-function-results-removed", removed_results)
