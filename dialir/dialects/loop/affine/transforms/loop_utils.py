"""What the affine loop transformations share (MLIR's Affine/Utils/LoopUtils.cpp): perfect
bands, moving and cloning loop bodies, bound maps, and legality from dependence analysis.

Legality questions are answered from `dialir.dialects.loop.analysis`: a transformation asks
for every dependence carried inside the loops it reorders, and refuses, with a remark at the
loop naming the first dependence that forbids it, when any would be reversed.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialir.core.ir.affine import AffineDimExpr, AffineExpr, AffineMap, AffineSymbolExpr
from dialir.core.ir.attrs import AffineMapAttr, DenseArrayAttr, IntegerAttr
from dialir.core.ir.operation import Block, Operation, Value
from dialir.core.ir.types import IndexType, IntegerType
from dialir.dialects.loop.affine.ops import AffineApplyOp, AffineForOp
from dialir.dialects.loop.analysis import (
    Dependence,
    OpaqueEffects,
    emit_remark,
    loop_depth,
    nest_dependences,
)

INDEX = IndexType()


def perfect_band(root: AffineForOp) -> list[AffineForOp]:
    """MLIR's getPerfectlyNestedLoops: `root` and each loop that is alone in the body of
    the previous one (besides the terminator)."""
    band = [root]
    while True:
        body = band[-1].body
        first = body.first
        if not isinstance(first, AffineForOp) or first.next is not body.last:
            return band
        band.append(first)


def top_level_loops(func: Operation) -> list[AffineForOp]:
    """The affine.for ops directly in `func`'s body blocks (MLIR's f.getOps<AffineForOp>())."""
    return [op for region in func.regions for block in region.blocks for op in block.ops
            if isinstance(op, AffineForOp)]  # fmt: skip


def set_bound(loop: AffineForOp, upper: bool, m: AffineMap, operands: Sequence[Value]) -> None:
    """MLIR's setLowerBound / setUpperBound."""
    lb_ops = list(loop.lowerBoundOperands)
    ub_ops = list(loop.upperBoundOperands)
    inits = list(loop.inits)
    if upper:
        ub_ops = list(operands)
        loop.properties["upperBoundMap"] = AffineMapAttr(m)
    else:
        lb_ops = list(operands)
        loop.properties["lowerBoundMap"] = AffineMapAttr(m)
    loop.properties["operandSegmentSizes"] = DenseArrayAttr(
        IntegerType(32), [len(lb_ops), len(ub_ops), len(inits)]
    )
    loop.set_operands(lb_ops + ub_ops + inits)


def set_step(loop: AffineForOp, step: int) -> None:
    loop.properties["step"] = IntegerAttr(step, INDEX)


def move_body(src: Block, dst: Block, before: Operation | None = None) -> None:
    """Move every op of `src` but its terminator to `dst` (before `before`, else before
    `dst`'s terminator)."""
    if before is None:
        before = dst.last
    op = src.first
    while op is not None and op is not src.last:
        nxt = op.next
        op.detach()
        dst.insert_before(before, op)
        op = nxt


def clone_op(op: Operation, mapping: dict) -> Operation:
    """Clone `op` with operands looked up in `mapping` once. Loop bodies are cloned with
    seeds such as `iter_arg -> value yielded by the previous copy`, where that value is
    itself cloned later: `Operation.clone`'s pass for graph regions, which re-maps every
    operand found in `mapping`, would follow that chain one step too far."""
    return op._clone(mapping)


def shifted_iv(iv: Value, offset: int, anchor_block: Block, before: Operation) -> Value:
    """`affine.apply (d0) -> (d0 + offset)(iv)` inserted before `before`."""
    m = AffineMap(1, 0, [AffineDimExpr(0) + offset])
    apply = AffineApplyOp(m, [iv], location=before.location)
    anchor_block.insert_before(before, apply)
    return apply.result


def shift_map(m: AffineMap, dims: int, syms: int = 0) -> list[AffineExpr]:
    """`m`'s results with dims shifted up by `dims` and symbols by `syms`."""
    return [e.replace_dims_and_symbols(
        [AffineDimExpr(i + dims) for i in range(m.num_dims)],
        [AffineSymbolExpr(i + syms) for i in range(m.num_symbols)]) for e in m.results]  # fmt: skip


def defined_inside(v: Value, ops: Sequence[Operation]) -> bool:
    """Whether `v` is defined in one of `ops` (at any depth)."""
    block = v.owner_block
    op = block.parent.parent if block is not None and block.parent is not None else None
    while op is not None:
        if any(op is o for o in ops):
            return True
        op = op.parent_op
    return False


def is_rectangular(band: Sequence[AffineForOp]) -> bool:
    """No bound of a band loop uses an induction variable of the band (MLIR's
    checkIfHyperRectangular)."""
    for loop in band[1:]:
        for v in (*loop.lowerBoundOperands, *loop.upperBoundOperands):
            if defined_inside(v, band):
                return False
    return True


# -- legality ---------------------------------------------------------------------------------


def band_dependences(band: Sequence[AffineForOp]) -> list[Dependence] | OpaqueEffects:
    """Dependences inside the band's outermost loop carried by a band loop or inside it
    (the loops outside the band run the same iteration)."""
    try:
        return nest_dependences(band[0], loop_depth(band[0]) + 1)
    except OpaqueEffects as e:
        return e


def lex_nonnegative(components: Sequence, order: Sequence[int]) -> bool:
    """Whether every vector within the component ranges, read in `order`, is
    lexicographically >= 0 (so the reordered loops keep the dependence's direction)."""
    for k in order:
        c = components[k]
        if c.lb is None or c.lb < 0:
            return False
        if c.lb > 0:
            return True
    return True


def permutation_violation(band: Sequence[AffineForOp], perm: Sequence[int],
                          deps: list[Dependence]) -> Dependence | None:  # fmt: skip
    """The first dependence that loop `band[i]` moving to position `perm[i]` would reverse."""
    base = loop_depth(band[0])
    order = [0] * len(perm)
    for i, p in enumerate(perm):
        order[p] = base + i  # the loop at new position p is old band loop i
    for dep in deps:
        comps = dep.components
        if len(comps) < base + len(band):
            # The accesses share fewer band loops: only the common ones are reordered, and
            # a loop they do not share keeps its place in the body.
            shared = [k for k in order if k < len(comps)]
        else:
            shared = order
        if not lex_nonnegative(comps, shared):
            return dep
    return None


def refuse(loop: Operation, what: str, why: Dependence | OpaqueEffects | str) -> None:
    """The remark a transformation leaves when it keeps the IR unchanged."""
    reason = why.describe() if isinstance(why, Dependence) else str(why)
    emit_remark(loop, f"cannot {what}: {reason}")
