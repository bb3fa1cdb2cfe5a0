"""cf ops. `successor_operands(i)` is the branch interface the verifier checks block
argument types against."""

from __future__ import annotations

from collections.abc import Sequence

from dialir.core.attrs import DenseArrayAttr
from dialir.core.ir import Operation, Value
from dialir.core.traits import IsTerminator
from dialir.core.types import IntegerType
from dialir.core.verifier import VerifyError


class BranchOp(Operation):
    """`cf.br ^dest(%args)`: jump to one successor, passing all operands."""

    __slots__ = ()
    OP_NAME = "cf.br"
    traits = frozenset({IsTerminator})

    def successor_operands(self, index: int) -> Sequence[Value]:
        return self.operands

    def verify_(self) -> None:
        if len(self.successors) != 1:
            raise VerifyError(self, "requires 1 successor")


class CondBranchOp(Operation):
    """`cf.cond_br %c, ^t(%a), ^f(%b)`: operands are split by `operandSegmentSizes`."""

    __slots__ = ()
    OP_NAME = "cf.cond_br"
    traits = frozenset({IsTerminator})

    def _segments(self) -> tuple[int, ...]:
        seg = self.get_attr("operandSegmentSizes")
        if not isinstance(seg, DenseArrayAttr) or len(seg.values) != 3:
            raise VerifyError(self, "requires attribute 'operandSegmentSizes' with 3 elements")
        if sum(seg.values) != self.num_operands or seg.values[0] != 1:
            raise VerifyError(self, "'operandSegmentSizes' does not match the operand count")
        return seg.values

    def successor_operands(self, index: int) -> Sequence[Value]:
        _, n_true, n_false = self._segments()
        ops = self.operands
        return ops[1 : 1 + n_true] if index == 0 else ops[1 + n_true : 1 + n_true + n_false]

    def verify_(self) -> None:
        self._segments()
        if len(self.successors) != 2:
            raise VerifyError(self, "requires 2 successors")
        cond = self.operand(0).type
        if not (isinstance(cond, IntegerType) and cond.width == 1):
            raise VerifyError(self, f"operand #0 must be 1-bit signless integer, but got '{cond}'")
