"""`tloop`: a test dialect with an `scf.for`-like loop implementing LoopLikeOpInterface, for
the loop-invariant-code-motion tests (`dialir-opt --load-dialect-plugin=loop_dialect`).

    "tloop.for"(%lb, %ub, %step) ({
    ^bb0(%iv: index):
      ...
      "tloop.yield"() : () -> ()
    }) : (index, index, index) -> ()
"""

from collections.abc import Sequence

from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.dialect import Dialect
from dialir.core.ir.operation import Region
from dialir.core.ir.traits import HasParent, IsTerminator, Pure, SingleBlock
from dialir.core.ir.types import IndexType
from dialir.core.ods.constraints import Index
from dialir.core.ods.interfaces import LoopLikeOpInterface
from dialir.core.ods.opdef import Op, operand, region


class ForOp(Op, LoopLikeOpInterface):
    """Runs its body for `iv` from `lowerBound` to `upperBound` by `step`; the body may have
    any side effects, so the loop has unknown effects itself."""

    __slots__ = ()
    OP_NAME = "tloop.for"
    summary = "a counted loop"
    traits = frozenset({SingleBlock})
    lowerBound = operand(Index)
    upperBound = operand(Index)
    step = operand(Index)
    body = region(single_block=True)

    def verify(self) -> None:
        block = self.body.entry
        if block is None or len(block.args) != 1 or not isinstance(block.args[0].type, IndexType):
            raise VerifyError(self, "expects a body block with one 'index' argument")

    def loop_regions(self) -> Sequence[Region]:
        return [self.body]


class YieldOp(Op):
    __slots__ = ()
    OP_NAME = "tloop.yield"
    summary = "loop body terminator"
    traits = frozenset({Pure, IsTerminator, HasParent("tloop.for")})


DIALECT = Dialect("tloop", [ForOp, YieldOp], description="A test loop dialect.")
