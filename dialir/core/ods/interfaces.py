"""Op interfaces: behaviour a pass can ask of any op that implements it, whatever its dialect.

An op class implements an interface by inheriting from it and defining its methods; passes test
`isinstance(op, CallOpInterface)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialir.core.ir.attrs import SymbolRefAttr
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


class InferTypeOpInterface:
    """Ops whose result types follow from operands and attributes (`infer_result_types`)."""

    __slots__ = ()
