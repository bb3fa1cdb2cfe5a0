"""nn-shape-inference: re-infers every nn op's result types from its (possibly refined)
operand types and constant parameter operands, in one forward walk (SSA order is a
topological order), and refines the function's result types to what it returns.

A dimension only ever goes from dynamic to static: a static result dimension the inference
cannot confirm is kept, and one that contradicts the inference is an error at the op.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.attrs import TypeAttr
from dialir.core.ir import Operation
from dialir.core.passes import Pass, PassFailure, register_pass
from dialir.core.traits import ReturnLike
from dialir.core.types import FunctionType, RankedTensorType, Type
from dialir.dialects.nn.ops import Attrs, CannotInfer, ConstantOp, NNOp
from dialir.dialects.nn.shape_inference import ShapeError


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
        returns = []
        for inner in op.walk():
            if inner is op:
                continue
            if isinstance(inner, NNOp) and not isinstance(inner, ConstantOp):
                self._infer(inner)
            elif type(inner).has_trait(ReturnLike) and inner.parent_op is op:
                returns.append(inner)
        self._refine_signature(op, returns)

    def _infer(self, op: NNOp) -> None:
        cls = type(op)
        try:
            inferred = cls.infer(
                op.operand_map(), Attrs(cls, op.properties, op.attributes), op.result_types
            )
        except CannotInfer:
            return
        except ShapeError as e:
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
