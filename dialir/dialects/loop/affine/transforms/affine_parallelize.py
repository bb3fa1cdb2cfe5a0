"""affine-parallelize: turn affine.for loops that carry no dependence into 1-D
affine.parallel ops (MLIR's -affine-parallelize, AffineParallelize.cpp).

A loop qualifies when dependence analysis finds no dependence carried at its depth and no op
in it has memory effects the analysis cannot model. Loop-carried values qualify only with
`parallel-reductions`, and only as reductions MLIR recognizes: the value is combined once
(`%r = arith.addf %acc, %x`, also mulf, addi, muli, min/max, andi, ori) and `%r` is yielded;
the parallel loop then yields `%x` with that reduction kind, and the initial value is
combined with its result after the loop. Loops are visited outermost first; `max-nested`
caps how many affine.parallel ops may enclose a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.traits import AffineScope
from dialir.core.passes import Pass, option, register_pass
from dialir.dialects.loop.affine.ops import AffineForOp, AffineParallelOp, AffineYieldOp
from dialir.dialects.loop.analysis import is_loop_parallel

# arith op -> the affine.parallel reduction kind (MLIR's AtomicRMWKind)
REDUCTION_KINDS = {
    "arith.addf": "addf", "arith.mulf": "mulf", "arith.addi": "addi", "arith.muli": "muli",
    "arith.maximumf": "maximumf", "arith.minimumf": "minimumf", "arith.maxnumf": "maxnumf",
    "arith.minnumf": "minnumf", "arith.maxsi": "maxs", "arith.minsi": "mins",
    "arith.maxui": "maxu", "arith.minui": "minu", "arith.andi": "andi", "arith.ori": "ori",
    "arith.xori": "xori",
}  # fmt: skip


def loop_reductions(loop: AffineForOp) -> list[tuple[Operation, str]] | None:
    """For each iter_arg, its combiner op and kind (MLIR's getSupportedReductions); None if
    any loop-carried value is not such a reduction."""
    term = loop.yield_op
    out = []
    for arg, yielded in zip(loop.region_iter_args, term.operands):
        combiner = getattr(yielded, "owner", None)
        if not isinstance(combiner, Operation) or combiner.parent is not loop.body:
            return None
        kind = REDUCTION_KINDS.get(combiner.name)
        if kind is None or arg not in combiner.operands or not arg.has_one_use:
            return None
        if not yielded.has_one_use:
            return None
        out.append((combiner, kind))
    return out


def affine_parallelize(loop: AffineForOp, reductions: list[tuple[Operation, str]]) -> Value:
    """MLIR's affineParallelize: replace `loop` by a 1-D affine.parallel."""
    kinds = [k for _, k in reductions]
    par = AffineParallelOp([(loop.lower_bound_map, list(loop.lowerBoundOperands))],
                           [(loop.upper_bound_map, list(loop.upperBoundOperands))],
                           [loop.step], kinds, [r.type for r in loop.results],
                           location=loop.location)  # fmt: skip
    block = loop.parent
    block.insert_before(loop, par)
    loop.induction_var.replace_all_uses_with(par.body.args[0])
    term = loop.yield_op
    partials = []
    for (combiner, _), arg in zip(reductions, loop.region_iter_args):
        other = [v for v in combiner.operands if v is not arg]
        partials.append(other[0] if other else arg)
    if par.yield_op is not None:
        par.yield_op.erase()
    _move_all(loop, par)
    par.body.append(AffineYieldOp(partials, location=term.location))
    term.erase()
    for combiner, _ in reductions:
        combiner.erase()
    # The initial value joins the parallel result after the loop.
    for (combiner, _), init, old, new in zip(reductions, loop.inits, loop.results, par.results):
        joined = Operation.create(combiner.name, [init, new], [old.type],
                                  attributes=dict(combiner.attributes),
                                  properties=dict(combiner.properties),
                                  location=combiner.location)  # fmt: skip
        block.insert_after(par, joined)
        old.replace_all_uses_with(joined.results[0])
    loop.erase()
    return par


def _move_all(loop: AffineForOp, par: AffineParallelOp) -> None:
    body = loop.body
    op = body.first
    while op is not None and op is not body.last:
        nxt = op.next
        op.detach()
        par.body.append(op)
        op = nxt


@register_pass
@dataclass
class AffineParallelize(Pass):
    """MLIR's -affine-parallelize."""

    name = "affine-parallelize"
    summary = "Convert affine.for ops into 1-D affine.parallel"
    op_name = "func.func"
    dependent_dialects = ("affine",)
    max_nested: int = option(2**32 - 1, "Maximum number of nested parallel loops to produce. "
                             "Defaults to unlimited (UINT_MAX).")  # fmt: skip
    parallel_reductions: bool = option(False, "Whether to parallelize reduction loops. "
                                       "Defaults to false.")  # fmt: skip

    def run(self, op: Operation) -> None:
        candidates = []
        for loop in op.walk():  # pre-order: outer loops first
            if not isinstance(loop, AffineForOp):
                continue
            reductions = loop_reductions(loop) if self.parallel_reductions else (
                [] if not loop.inits else None)  # fmt: skip
            if reductions is None:
                continue
            parallel, _ = is_loop_parallel(loop)
            if parallel:
                candidates.append((loop, reductions))
        for loop, reductions in candidates:
            enclosing = 0
            parent = loop.parent_op
            while parent is not None and AffineScope not in type(parent).traits:
                enclosing += isinstance(parent, AffineParallelOp)
                parent = parent.parent_op
            if enclosing < self.max_nested:
                affine_parallelize(loop, reductions)
