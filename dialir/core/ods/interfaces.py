"""Op interfaces: behaviour a pass can ask of any op that implements it, whatever its dialect.

An op class implements an interface by inheriting from it and defining its methods; passes test
`isinstance(op, CallOpInterface)`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dialir.core.ir.attrs import Attribute, SymbolRefAttr
from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.operation import Operation, Region, Value
from dialir.core.ir.types import Type


class CallOpInterface:
    """A call: which callee (a symbol, or a value for indirect calls) and which arguments."""

    __slots__ = ()

    def callable_for_callee(self) -> SymbolRefAttr | Value:
        """MLIR's getCallableForCallee (not `callee`: that is `func.call`'s property)."""
        raise NotImplementedError

    def call_arguments(self) -> Sequence[Value]:
        raise NotImplementedError


class CallableOpInterface:
    """Something callable: its body region and signature."""

    __slots__ = ()

    def callable_region(self) -> Region | None:
        raise NotImplementedError

    def argument_types(self) -> Sequence[Type]:
        raise NotImplementedError

    def result_types_of_callable(self) -> Sequence[Type]:
        raise NotImplementedError


class LoopLikeOpInterface:
    """A loop: its body region; values defined outside it are loop-invariant candidates."""

    __slots__ = ()

    def loop_regions(self) -> Sequence[Region]:
        raise NotImplementedError

    def is_defined_outside_of_loop(self, value: Value) -> bool:
        op: Operation = self  # type: ignore[assignment]
        owner = value.owner_block
        while owner is not None:
            parent = owner.parent_op
            if parent is op:
                return False
            owner = None if parent is None else parent.parent
        return True

    def move_out_of_loop(self, inner: Operation) -> None:
        op: Operation = self  # type: ignore[assignment]
        inner.detach()
        op.parent.insert_before(op, inner)


class RegionBranchOpInterface:
    """MLIR's RegionBranchOpInterface: how control enters, moves between and leaves the op's
    regions. A successor is a Region (control enters its entry block) or None (control
    returns to the op: its results)."""

    __slots__ = ()

    def region_successors(self, source: Region | None,
                          constants: Sequence[Attribute | None]) -> Sequence[Region | None]:  # fmt: skip
        """Where control may go from `source`: None when entering the op (`constants` are the
        op's operands' constant values, None where unknown), a region when its terminator is
        reached (`constants` then are the terminator's operands). MLIR's
        getEntrySuccessorRegions / getSuccessorRegions; list every possible successor."""
        raise NotImplementedError

    def entry_successor_operands(self, target: Region | None) -> Sequence[Value]:
        """The op's operands passed to `target` on entry (MLIR's getEntrySuccessorOperands)."""
        return ()

    def terminator_successor_operands(self, terminator: Operation,
                                      target: Region | None) -> Sequence[Value]:  # fmt: skip
        """The values `terminator` passes to `target` (MLIR's
        RegionBranchTerminatorOpInterface::getSuccessorOperands): all its operands."""
        return terminator.operands

    def successor_inputs(self, target: Region | None) -> Sequence[Value]:
        """The values `target` receives (MLIR's RegionSuccessor inputs): the op's results, or
        the region's entry arguments; entry arguments left out (a loop's induction variable)
        are not forwarded from anywhere."""
        if target is None:
            return self.results  # type: ignore[attr-defined]
        return target.blocks[0].args


class InferTypeError(ValueError):
    """Operands or attributes from which an op's result types cannot follow: the message
    names what is wrong, for a diagnostic at the op (or an error of the builder)."""


class CannotInferResultTypes(InferTypeError):
    """The result types depend on what is not known here (a non-constant shape operand, a
    target element type): a builder needs `result_types`, and the verifier accepts any."""


class InferTypeOpInterface:
    """Ops whose result types follow from their operands and attributes (MLIR's
    InferTypeOpInterface). The builder calls `infer_result_types` when it is given no result
    types (or `None` placeholders for them), and the verifier checks the op's own result types
    against what it infers (`verify_result_types`, after the op's `verify`)."""

    __slots__ = ()

    @classmethod
    def infer_result_types(
        cls, operands: Mapping[str, Any], attributes: Mapping[str, Attribute],
        result_types: Sequence[Type | None] | None = None,
    ) -> list[Type]:  # fmt: skip
        """MLIR's inferReturnTypes. `operands` by field name (a Value; for an optional operand
        a Value or None, for a variadic one a sequence), `attributes` the inherent ones by
        name (`cls.attr_values(attributes)` reads them as Python values). `result_types` is
        what is known of the results: None, `None` placeholders that fix their number, or the
        op's own types when it is verified. Raises InferTypeError on invalid input (the
        builder and the verifier put the op's name before its message)."""
        raise NotImplementedError

    @classmethod
    def is_compatible_result_type(cls, given: Type, inferred: Type) -> bool:
        """Whether a result may have type `given` where `inferred` was inferred (MLIR's
        isCompatibleReturnTypes, one result at a time)."""
        return given is inferred

    def verify_result_types(self) -> None:
        """MLIR's verifyInferredResultTypes: the op's result types against the inferred ones."""
        op: Any = self
        cls = type(op)
        try:
            inferred = cls.infer_result_types(
                op.named_operands(), op.inherent_attributes(), op.result_types
            )
        except CannotInferResultTypes:
            return
        except ValueError as e:  # InferTypeError, or an op's own ValueError: a diagnostic
            raise VerifyError(op, str(e)) from None
        if len(inferred) != len(op.results):
            raise VerifyError(op, f"expected {len(inferred)} results, but it has {len(op.results)}")
        for i, (r, t) in enumerate(zip(op.results, inferred)):
            if not cls.is_compatible_result_type(r.type, t):
                raise VerifyError(
                    op, f"result #{i} type '{r.type}' is incompatible with the inferred type '{t}'"
                )
