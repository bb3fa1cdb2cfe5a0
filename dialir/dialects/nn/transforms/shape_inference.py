"""nn-shape-inference: re-infers every nn op's result types from its (possibly refined)
operand types and constant parameter operands, in one forward walk (SSA order is a
topological order), and refines the function's result types to what it returns.

A dimension only ever goes from dynamic to static: a static result dimension the inference
cannot confirm is kept, and one that contradicts the inference is an error at the op.

The IR stays valid without looking at other functions: the signature changes only when no
call can see it (the function is alone in its symbol table, as an imported ONNX model's
@main is, and does not call itself), and a refinement some op cannot take (a call's
operand, a return whose signature stays, an op that wants the exact type of another value)
is undone, and so are the refinements that op's validity then needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.attrs import SymbolRefAttr, TypeAttr
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.ir.traits import ReturnLike
from dialir.core.ir.types import FunctionType, RankedTensorType, Type
from dialir.core.ods.interfaces import CannotInferResultTypes, InferTypeError
from dialir.core.passes import Pass, PassFailure, register_pass
from dialir.dialects.nn.ops import ConstantOp, NNOp


def refine(old: Type, inferred: Type) -> Type | None:
    """The most static type both `old` and `inferred` allow; None when they contradict."""
    if not isinstance(old, RankedTensorType) or not isinstance(inferred, RankedTensorType):
        return old if old == inferred else None
    if old.element_type is not inferred.element_type or old.rank != inferred.rank:
        return None
    dims = []
    for a, b in zip(old.shape, inferred.shape):
        if a is not None and b is not None and a != b:
            return None
        dims.append(a if a is not None else b)
    if tuple(dims) == old.shape:
        return old
    return RankedTensorType(tuple(dims), old.element_type, old.encoding)


@register_pass
@dataclass
class NNShapeInference(Pass):
    name = "nn-shape-inference"
    summary = "Propagate static shapes through the nn ops of a function"
    op_name = "func.func"
    statistics = {
        "num-refined-results": "nn op results whose type became more static",
        "num-refined-func-results": "function results whose type became more static",
    }

    def run(self, op: Operation) -> None:
        self._old_types: dict[Value, Type] = {}  # each refined value's type before this run
        returns = []
        may_change_signature = _alone_in_symbol_table(op)
        for inner in op.walk():
            if inner is op:
                continue
            if isinstance(inner, NNOp) and not isinstance(inner, ConstantOp):
                self._infer(inner)
            elif type(inner).has_trait(ReturnLike) and inner.parent_op is op:
                returns.append(inner)
            elif may_change_signature and _refers_to(inner, op):
                may_change_signature = False  # a recursive call sees the signature
        # The returns take any refinement when the signature follows them, afterwards.
        self._undo_what_breaks_ops(set(returns) if may_change_signature else set())
        if may_change_signature:
            self._refine_signature(op, returns)

    def _undo_what_breaks_ops(self, accepting: set[Operation]) -> None:
        """Give back their old types to refined values until every op they touch (but those
        `accepting` any type) is valid: a fixed point, as each value goes back at most once,
        and with all of them back the function is as valid as it was."""
        old = self._old_types
        worklist = [use.owner for v in old for use in v.uses]
        while worklist:
            op = worklist.pop()
            if op in accepting or _valid(op):
                continue
            for v in (*op.operands, *op.results):
                t = old.pop(v, None)
                if t is None:
                    continue
                v.type = t
                self.count("num-refined-results", -1)
                worklist.extend(use.owner for use in v.uses)
                if isinstance(v, OpResult):
                    worklist.append(v.owner)

    def _infer(self, op: NNOp) -> None:
        try:
            inferred = type(op).infer_result_types(
                op.named_operands(), op.inherent_attributes(), op.result_types
            )
        except CannotInferResultTypes:
            return
        except InferTypeError as e:
            raise PassFailure(f"'{op.name}' op {e}", op) from None
        for i, (r, t) in enumerate(zip(op.results, inferred)):
            new = refine(r.type, t)
            if new is None:
                raise PassFailure(
                    f"'{op.name}' op result #{i} type '{r.type}' is incompatible with the "
                    f"inferred type '{t}'",
                    op,
                )
            if new is not r.type:
                self._old_types.setdefault(r, r.type)
                r.type = new
                self.count("num-refined-results")

    def _refine_signature(self, func: Operation, returns: list[Operation]) -> None:
        attr = func.get_attr("function_type")
        if not returns or not isinstance(attr, TypeAttr):
            return
        ftype: FunctionType = attr.value
        results = list(ftype.results)
        changed = 0
        for i, old in enumerate(results):
            # Every return must agree: take the most static type all of them allow.
            new = old
            for ret in returns:
                if i >= len(ret.operands):
                    return
                new = refine(new, ret.operands[i].type) or new
            if new is not old:
                results[i] = new
                changed += 1
        if changed:
            func.properties["function_type"] = TypeAttr(FunctionType(ftype.inputs, results))
            self.count("num-refined-func-results", changed)


def _alone_in_symbol_table(func: Operation) -> bool:
    """No other op with regions (another function, say) beside `func` in its block, so no
    call elsewhere can name it. Stops at the first such op."""
    block = func.parent
    return block is None or not any(o is not func and o.regions for o in block.ops)


def _refers_to(op: Operation, func: Operation) -> bool:
    """Whether `op` names `func`'s symbol (a call of itself)."""
    name = func.get_attr("sym_name")
    return name is not None and any(
        isinstance(a, SymbolRefAttr) and a.root == name.value
        for a in (*op.properties.values(), *op.attributes.values())
    )


def _valid(op: Operation) -> bool:
    """The op's own checks (traits, definition, verify hook), not its regions'."""
    cls = type(op)
    if not cls.is_registered:
        return True
    try:
        for trait in cls.traits:
            trait.verify(op)
        op.verify_()
    except DiagnosticError:  # VerifyError, and the few checks that raise it directly
        return False
    return True
