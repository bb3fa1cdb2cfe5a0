"""func canonicalization patterns (MLIR's FuncOps.cpp): an indirect call of a `func.constant`
becomes a direct `func.call`. The table at the bottom attaches the patterns to their ops."""

from __future__ import annotations

from dialir.core.ir.operation import Operation, OpResult
from dialir.core.rewrite.patterns import PatternRewriter, RewritePattern
from dialir.dialects.func.ops import CallIndirectOp, CallOp, ConstantOp


class SimplifyIndirectCallWithKnownCallee(RewritePattern):
    root = "func.call_indirect"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        callee = op.operands[0]
        if not (isinstance(callee, OpResult) and isinstance(callee.owner, ConstantOp)):
            return False
        new = CallOp(
            callee=callee.owner.value,
            arg_operands=list(op.callee_operands),
            result_types=[r.type for r in op.results],
            location=op.location,
        )
        rewriter.replace_op_with(op, new)
        return True


CallIndirectOp.canonicalization_patterns = (SimplifyIndirectCallWithKnownCallee,)
