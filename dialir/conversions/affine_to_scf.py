"""lower-affine: affine -> scf + arith + memref (MLIR's ConvertAffineToStandard).

Every affine op becomes the ops MLIR's lowering makes, in the same order, so the output
reads as MLIR's does:

- affine maps expand to arith (`expand_affine_map`): `+` is `arith.addi`, `*` is
  `arith.muli ... overflow<nsw>`, and floordiv / ceildiv / mod use MLIR's branch-free,
  sign-correct sequences around one `arith.divsi` / `arith.remsi`; a constant becomes an
  `arith.constant` where it is used (canonicalize / cse fold them afterwards).
- affine.apply -> its expansion; affine.min / affine.max -> an `arith.minsi` / `arith.maxsi`
  chain over the map's results.
- affine.for -> scf.for with the lower bound the max and the upper bound the min of their
  maps' results; affine.parallel -> scf.parallel, a reduction's init being the identity of
  its kind and the body's affine.yield becoming scf.reduce; affine.if -> scf.if on the
  conjunction (arith.andi, no short circuit) of `expr >= 0` / `expr == 0` comparisons.
- affine.load / store / prefetch -> memref.load / store / prefetch on the expanded
  subscripts; affine.yield -> scf.yield.

As MLIR's dialect conversion does, an op is folded before it is lowered: affine.apply /
min / max of constants become constants, a loop that never runs its inits, and bounds and
conditions are canonicalized in place (constant operands folded into the maps). One
difference stays: MLIR erases replaced ops only when the conversion ends, so a bound fed by
an affine.apply lowered earlier still composes that apply's map; here the bound uses the
apply's lowered value (the same number, computed once).

affine.vector_load / affine.vector_store -> vector.load / vector.store on the expanded
subscripts, as MLIR. The expressions MLIR refuses (a division or modulo by a constant that is not positive) and the
`assign` reduction, which has no combining op. Every such error is found before anything
changes: the pass fails with the input untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dialir.core.ir.affine import (
    AffineBinaryExpr,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymbolExpr,
)
from dialir.core.ir.attrs import AffineMapAttr, FloatAttr, IntegerAttr
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import IndexType, IntegerType, Type
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.conversion import ConversionTarget, apply_partial_conversion
from dialir.core.rewrite.patterns import PatternRewriter, rewrite_pattern
from dialir.dialects.arith import ops as arith
from dialir.dialects.loop.affine import ops as affine
from dialir.dialects.loop.affine.canonicalize import (
    CanonicalizeAffineForBounds,
    CanonicalizeAffineIfCondition,
)
from dialir.dialects.loop.affine.utils import constant_index
from dialir.dialects.loop.scf import ops as scf
from dialir.dialects.memref import ops as memref
from dialir.dialects.vector import ops as vector

INDEX = IndexType()


# -- affine expressions to arith ---------------------------------------------------------------


def _constant(rewriter: PatternRewriter, value: int) -> Value:
    return rewriter.insert(arith.ConstantOp(value=IntegerAttr(value, INDEX))).result


def _cmp(rewriter: PatternRewriter, pred: str, lhs: Value, rhs: Value) -> Value:
    return rewriter.insert(arith.CmpIOp(lhs, rhs, predicate=pred)).result


def _binary(rewriter: PatternRewriter, cls: type, lhs: Value, rhs: Value, **kw) -> Value:
    return rewriter.insert(cls(lhs, rhs, **kw)).result


def _select(rewriter: PatternRewriter, cond: Value, a: Value, b: Value) -> Value:
    return rewriter.insert(arith.SelectOp(cond, a, b)).result


class AffineApplyExpander:
    """MLIR's AffineApplyExpander: builds the arith ops computing an affine expression,
    visiting the left operand before the right one (so the ops come in MLIR's order)."""

    __slots__ = ("rewriter", "dims", "symbols")

    def __init__(self, rewriter: PatternRewriter, dims: Sequence[Value],
                 symbols: Sequence[Value]) -> None:  # fmt: skip
        self.rewriter = rewriter
        self.dims = dims
        self.symbols = symbols

    def visit(self, e: AffineExpr) -> Value:
        if isinstance(e, AffineDimExpr):
            return self.dims[e.position]
        if isinstance(e, AffineSymbolExpr):
            return self.symbols[e.position]
        if isinstance(e, AffineConstantExpr):
            return _constant(self.rewriter, e.value)
        lhs = self.visit(e.lhs)
        rhs = self.visit(e.rhs)
        return _BINARY_EXPANSIONS[e.kind](self.rewriter, lhs, rhs)


def _expand_add(r: PatternRewriter, lhs: Value, rhs: Value) -> Value:
    return _binary(r, arith.AddIOp, lhs, rhs)


def _expand_mul(r: PatternRewriter, lhs: Value, rhs: Value) -> Value:
    return _binary(r, arith.MulIOp, lhs, rhs, overflowFlags="nsw")


def _expand_mod(r: PatternRewriter, lhs: Value, rhs: Value) -> Value:
    """a mod b (b > 0) = let r = a rem b in r < 0 ? r + b : r"""
    rem = _binary(r, arith.RemSIOp, lhs, rhs)
    zero = _constant(r, 0)
    negative = _cmp(r, "slt", rem, zero)
    corrected = _binary(r, arith.AddIOp, rem, rhs)
    return _select(r, negative, corrected, rem)


def _expand_floordiv(r: PatternRewriter, lhs: Value, rhs: Value) -> Value:
    """a floordiv b (b > 0) = let neg = a < 0 in
    let q = (neg ? -a - 1 : a) / b in neg ? -q - 1 : q  (one division, no branch)"""
    zero = _constant(r, 0)
    minus_one = _constant(r, -1)
    negative = _cmp(r, "slt", lhs, zero)
    negated_decremented = _binary(r, arith.SubIOp, minus_one, lhs)
    dividend = _select(r, negative, negated_decremented, lhs)
    quotient = _binary(r, arith.DivSIOp, dividend, rhs)
    corrected = _binary(r, arith.SubIOp, minus_one, quotient)
    return _select(r, negative, corrected, quotient)


def _expand_ceildiv(r: PatternRewriter, lhs: Value, rhs: Value) -> Value:
    """a ceildiv b (b > 0) = let nonpos = a <= 0 in
    let q = (nonpos ? -a : a - 1) / b in nonpos ? -q : q + 1"""
    zero = _constant(r, 0)
    one = _constant(r, 1)
    non_positive = _cmp(r, "sle", lhs, zero)
    negated = _binary(r, arith.SubIOp, zero, lhs)
    decremented = _binary(r, arith.SubIOp, lhs, one)
    dividend = _select(r, non_positive, negated, decremented)
    quotient = _binary(r, arith.DivSIOp, dividend, rhs)
    negated_quotient = _binary(r, arith.SubIOp, zero, quotient)
    incremented = _binary(r, arith.AddIOp, quotient, one)
    return _select(r, non_positive, negated_quotient, incremented)


_BINARY_EXPANSIONS: dict[str, Callable[[PatternRewriter, Value, Value], Value]] = {
    "add": _expand_add,
    "mul": _expand_mul,
    "mod": _expand_mod,
    "floordiv": _expand_floordiv,
    "ceildiv": _expand_ceildiv,
}


def expand_affine_expr(rewriter: PatternRewriter, expr: AffineExpr, dims: Sequence[Value],
                       symbols: Sequence[Value]) -> Value:  # fmt: skip
    """The value of `expr` on these operands, built with arith ops at the insertion point
    (MLIR's expandAffineExpr)."""
    return AffineApplyExpander(rewriter, dims, symbols).visit(expr)


def expand_affine_map(rewriter: PatternRewriter, m: AffineMap,
                      operands: Sequence[Value]) -> list[Value]:  # fmt: skip
    """One value per result of `m` (MLIR's expandAffineMap)."""
    expander = AffineApplyExpander(rewriter, operands[: m.num_dims], operands[m.num_dims :])
    return [expander.visit(e) for e in m.results]


def _min_max_chain(rewriter: PatternRewriter, cls: type, values: list[Value]) -> Value:
    """MLIR's buildMinMaxReductionSeq: `cls(cls(v0, v1), v2) ...`."""
    value = values[0]
    for v in values[1:]:
        value = _binary(rewriter, cls, value, v)
    return value


def lower_affine_map_max(rewriter: PatternRewriter, m: AffineMap, operands: Sequence[Value]):
    return _min_max_chain(rewriter, arith.MaxSIOp, expand_affine_map(rewriter, m, operands))


def lower_affine_map_min(rewriter: PatternRewriter, m: AffineMap, operands: Sequence[Value]):
    return _min_max_chain(rewriter, arith.MinSIOp, expand_affine_map(rewriter, m, operands))


# -- reductions (MLIR's arith::getIdentityValueAttr and arith::getReductionOp) -------------------

_REDUCTION_OPS: dict[str, type] = {
    "addf": arith.AddFOp, "mulf": arith.MulFOp, "addi": arith.AddIOp, "muli": arith.MulIOp,
    "maximumf": arith.MaximumFOp, "minimumf": arith.MinimumFOp, "maxnumf": arith.MaxNumFOp,
    "minnumf": arith.MinNumFOp, "maxs": arith.MaxSIOp, "mins": arith.MinSIOp,
    "maxu": arith.MaxUIOp, "minu": arith.MinUIOp, "ori": arith.OrIOp, "andi": arith.AndIOp,
    "xori": arith.XOrIOp,
}  # fmt: skip

_FLOAT_IDENTITIES = {
    "addf": 0.0, "mulf": 1.0, "maximumf": float("-inf"), "minimumf": float("inf"),
    "maxnumf": -float("nan"), "minnumf": float("nan"),
}  # fmt: skip


def _int_identity(kind: str, width: int) -> int:
    return {
        "addi": 0, "ori": 0, "xori": 0, "maxu": 0, "muli": 1, "andi": -1, "minu": -1,
        "maxs": -(1 << (width - 1)), "mins": (1 << (width - 1)) - 1,
    }[kind]  # fmt: skip


def identity_value(rewriter: PatternRewriter, kind: str, t: Type) -> Value:
    """The constant a reduction of `kind` starts from (MLIR's getIdentityValue)."""
    if kind in _FLOAT_IDENTITIES:
        attr = FloatAttr(_FLOAT_IDENTITIES[kind], t)
    else:
        width = t.width if isinstance(t, IntegerType) else 64
        attr = IntegerAttr(_int_identity(kind, width), t)
    return rewriter.insert(arith.ConstantOp(value=attr)).result


# -- folding first (MLIR's OperationLegalizer::legalizeWithFold) ----------------------------------
#
# MLIR's dialect conversion folds an illegal op before it tries a pattern: an op that folds
# to values is replaced by them (constants materialized as arith.constant), one that folds in
# place (bounds and conditions composed and canonicalized, min/max results constant-folded)
# is lowered in its folded form. The lowering does the same, so its output is MLIR's.


def _replace_by_fold(op: Operation, rewriter: PatternRewriter) -> bool:
    """Replace `op` by what its folder returns, if anything."""
    folded = op.fold()
    if folded is None:
        return False
    # A folded attribute is an index constant (the affine folders make nothing else).
    values = [
        v if isinstance(v, Value) else rewriter.insert(arith.ConstantOp(value=v)).result
        for v in folded
    ]
    rewriter.replace_op(op, values)
    return True


def _fold_results(m: AffineMap, operands: Sequence[Value]) -> AffineMap:
    """MLIR's AffineMap::partialConstantFold: a result whose operands are all constants
    becomes its value; the others stay as they are."""
    consts = [constant_index(v) for v in operands]
    nd = m.num_dims
    out = []
    for e in m.results:
        dims, syms = _used_positions(e)
        if all(consts[d] is not None for d in dims) and all(consts[nd + i] is not None
                                                            for i in syms):  # fmt: skip
            e = AffineConstantExpr(e.evaluate(consts[:nd], consts[nd:]))
        out.append(e)
    return AffineMap(nd, m.num_symbols, out)


def _used_positions(e: AffineExpr) -> tuple[set[int], set[int]]:
    dims, syms = set(), set()
    stack = [e]
    while stack:
        x = stack.pop()
        if isinstance(x, AffineDimExpr):
            dims.add(x.position)
        elif isinstance(x, AffineSymbolExpr):
            syms.add(x.position)
        elif isinstance(x, AffineBinaryExpr):
            stack += (x.lhs, x.rhs)
    return dims, syms


def _fold_min_max_in_place(op: Operation, rewriter: PatternRewriter) -> None:
    m = op.affine_map
    folded = _fold_results(m, op.operands)
    if folded != m:
        rewriter.modify_op_in_place(
            op, lambda: op.properties.__setitem__("map", AffineMapAttr(folded))
        )


def _fold_in_place(op: Operation, rewriter: PatternRewriter, pattern: type) -> None:
    """Apply the dialect's in-place canonicalization of `op`'s bounds or condition (what
    MLIR's AffineForOp::fold / AffineIfOp::fold do) until it no longer changes."""
    p = pattern()
    while p.match_and_rewrite(op, rewriter):
        pass


# -- patterns ------------------------------------------------------------------------------------


@rewrite_pattern(affine.AffineApplyOp)
def AffineApplyLowering(op: affine.AffineApplyOp, rewriter: PatternRewriter) -> bool:
    """affine.apply #m(%x) -> the arith ops computing #m"""
    if _replace_by_fold(op, rewriter):
        return True
    rewriter.replace_op(op, expand_affine_map(rewriter, op.affine_map, op.operands))
    return True


@rewrite_pattern(affine.AffineMinOp)
def AffineMinLowering(op: affine.AffineMinOp, rewriter: PatternRewriter) -> bool:
    """affine.min #m(%x) -> arith.minsi(...) over #m's results"""
    if _replace_by_fold(op, rewriter):
        return True
    _fold_min_max_in_place(op, rewriter)
    rewriter.replace_op(op, [lower_affine_map_min(rewriter, op.affine_map, op.operands)])
    return True


@rewrite_pattern(affine.AffineMaxOp)
def AffineMaxLowering(op: affine.AffineMaxOp, rewriter: PatternRewriter) -> bool:
    """affine.max #m(%x) -> arith.maxsi(...) over #m's results"""
    if _replace_by_fold(op, rewriter):
        return True
    _fold_min_max_in_place(op, rewriter)
    rewriter.replace_op(op, [lower_affine_map_max(rewriter, op.affine_map, op.operands)])
    return True


@rewrite_pattern(affine.AffineYieldOp)
def AffineYieldLowering(op: affine.AffineYieldOp, rewriter: PatternRewriter) -> bool:
    """affine.yield %v -> scf.yield %v (affine.parallel's yield goes with the parallel op)"""
    parent = op.parent_op
    if isinstance(parent, scf.ParallelOp):
        return False
    rewriter.replace_op_with(op, scf.YieldOp(op.operands))
    return True


@rewrite_pattern(affine.AffineForOp)
def AffineForLowering(op: affine.AffineForOp, rewriter: PatternRewriter) -> bool:
    """affine.for %i = max #lb(..) to min #ub(..) step s -> scf.for %i = %lb to %ub step %s"""
    if _replace_by_fold(op, rewriter):
        return True
    _fold_in_place(op, rewriter, CanonicalizeAffineForBounds)
    lb = lower_affine_map_max(rewriter, op.lower_bound_map, op.lowerBoundOperands)
    ub = lower_affine_map_min(rewriter, op.upper_bound_map, op.upperBoundOperands)
    step = _constant(rewriter, op.step)
    new = scf.ForOp(lb, ub, step, op.inits)
    new.regions[0].blocks.clear()  # the affine body moves in instead
    rewriter.insert(new)
    rewriter.inline_region_before(op.regions[0], new.regions[0], None)
    rewriter.replace_op(op, new.results)
    return True


@rewrite_pattern(affine.AffineParallelOp)
def AffineParallelLowering(op: affine.AffineParallelOp, rewriter: PatternRewriter) -> bool:
    """affine.parallel (%i) = (#lb) to (#ub) reduce ("addf") -> scf.parallel with init
    values the identities of the reductions and an scf.reduce combining the yielded values"""
    if op.num_dims == 0:
        return _lower_zero_dim_parallel(op, rewriter)
    lbs, ubs = [], []
    for d in range(op.num_dims):
        lbs.append(lower_affine_map_max(rewriter, op.group_map(False, d),
                                        op.lower_bounds_operands))  # fmt: skip
        ubs.append(lower_affine_map_min(rewriter, op.group_map(True, d),
                                        op.upper_bounds_operands))  # fmt: skip
    steps = [_constant(rewriter, s) for s in op.step_values]
    kinds = op.reduction_kinds
    inits = [identity_value(rewriter, k, r.type) for k, r in zip(kinds, op.results)]
    new = scf.ParallelOp(lbs, ubs, steps, inits)
    new.regions[0].blocks.clear()
    rewriter.insert(new)
    terminator = op.yield_op
    rewriter.inline_region_before(op.regions[0], new.regions[0], None)
    reduce = scf.ReduceOp(terminator.operands)
    for region, kind in zip(reduce.regions, kinds):
        block = region.blocks[0]
        combined = _REDUCTION_OPS[kind](block.args[0], block.args[1])
        block.append(combined)
        block.append(scf.ReduceReturnOp(combined.results[0]))
    rewriter.set_insertion_point(terminator)
    rewriter.replace_op_with(terminator, reduce)
    rewriter.replace_op(op, new.results)
    return True


def _lower_zero_dim_parallel(op: affine.AffineParallelOp, rewriter: PatternRewriter) -> bool:
    """`affine.parallel () = () to ()` runs its body once; scf.parallel needs a dimension, so
    the body is inlined and each result is its reduction's identity combined with the one
    yielded value (MLIR's lowering makes an invalid scf.parallel here)."""
    terminator = op.yield_op
    yielded = list(terminator.operands)
    rewriter.inline_block_before(op.regions[0].blocks[0], op)
    rewriter.erase_op(terminator)
    rewriter.set_insertion_point(op)
    results = []
    for kind, value in zip(op.reduction_kinds, yielded):
        init = identity_value(rewriter, kind, value.type)
        results.append(rewriter.insert(_REDUCTION_OPS[kind](init, value)).results[0])
    rewriter.replace_op(op, results)
    return True


@rewrite_pattern(affine.AffineIfOp)
def AffineIfLowering(op: affine.AffineIfOp, rewriter: PatternRewriter) -> bool:
    """affine.if #set(%x) -> scf.if (c0(%x) >= 0) & (c1(%x) == 0) & ..."""
    _fold_in_place(op, rewriter, CanonicalizeAffineIfCondition)
    s = op.integer_set
    zero = _constant(rewriter, 0)
    operands = op.operands
    dims, syms = operands[: s.num_dims], operands[s.num_dims :]
    cond = None
    for expr, is_eq in zip(s.constraints, s.eq_flags):
        value = expand_affine_expr(rewriter, expr, dims, syms)
        cmp = _cmp(rewriter, "eq" if is_eq else "sge", value, zero)
        cond = cmp if cond is None else _binary(rewriter, arith.AndIOp, cond, cmp)
    if cond is None:
        one = IntegerAttr(1, IntegerType(1))
        cond = rewriter.insert(arith.ConstantOp(value=one)).result
    has_else = op.else_block is not None
    new = scf.IfOp(cond, [r.type for r in op.results], with_else=has_else)
    for region in new.regions:
        region.blocks.clear()
    rewriter.insert(new)
    rewriter.inline_region_before(op.thenRegion, new.thenRegion, None)
    if has_else:
        rewriter.inline_region_before(op.elseRegion, new.elseRegion, None)
    rewriter.replace_op(op, new.results)
    return True


def _subscripts(op: Operation, rewriter: PatternRewriter) -> list[Value]:
    return expand_affine_map(rewriter, op.affine_map, op.map_operands)


@rewrite_pattern(affine.AffineLoadOp)
def AffineLoadLowering(op: affine.AffineLoadOp, rewriter: PatternRewriter) -> bool:
    """affine.load %m[#map(%i)] -> memref.load %m[<expanded subscripts>]"""
    indices = _subscripts(op, rewriter)
    rewriter.replace_op_with(op, memref.LoadOp(op.memref, indices))
    return True


@rewrite_pattern(affine.AffineStoreOp)
def AffineStoreLowering(op: affine.AffineStoreOp, rewriter: PatternRewriter) -> bool:
    """affine.store %v, %m[#map(%i)] -> memref.store %v, %m[<expanded subscripts>]"""
    indices = _subscripts(op, rewriter)
    rewriter.replace_op_with(op, memref.StoreOp(op.value, op.memref, indices))
    return True


@rewrite_pattern(affine.AffinePrefetchOp)
def AffinePrefetchLowering(op: affine.AffinePrefetchOp, rewriter: PatternRewriter) -> bool:
    """affine.prefetch %m[#map(%i)] -> memref.prefetch %m[<expanded subscripts>]"""
    indices = _subscripts(op, rewriter)
    new = memref.PrefetchOp(
        op.memref, indices, isWrite=op.isWrite, localityHint=op.localityHint,
        isDataCache=op.isDataCache,
    )  # fmt: skip
    rewriter.replace_op_with(op, new)
    return True


@rewrite_pattern(affine.AffineVectorLoadOp)
def AffineVectorLoadLowering(op: affine.AffineVectorLoadOp, rewriter: PatternRewriter) -> bool:
    """affine.vector_load %m[#map(%i)] -> vector.load %m[<expanded subscripts>]"""
    indices = _subscripts(op, rewriter)
    rewriter.replace_op_with(op, vector.LoadOp(op.memref, indices, result_types=[op.result.type]))
    return True


@rewrite_pattern(affine.AffineVectorStoreOp)
def AffineVectorStoreLowering(op: affine.AffineVectorStoreOp, rewriter: PatternRewriter) -> bool:
    """affine.vector_store %v, %m[#map(%i)] -> vector.store %v, %m[<expanded subscripts>]"""
    indices = _subscripts(op, rewriter)
    rewriter.replace_op_with(op, vector.StoreOp(op.value, op.memref, indices))
    return True


PATTERNS = (
    AffineApplyLowering, AffineMinLowering, AffineMaxLowering, AffineYieldLowering,
    AffineForLowering, AffineParallelLowering, AffineIfLowering, AffineLoadLowering,
    AffineStoreLowering, AffinePrefetchLowering, AffineVectorLoadLowering,
    AffineVectorStoreLowering,
)  # fmt: skip


# -- what cannot be lowered ----------------------------------------------------------------------


def _bad_divisor(e: AffineExpr) -> str | None:
    """MLIR's message for a floordiv / ceildiv / mod by a constant that is not positive."""
    if not isinstance(e, AffineBinaryExpr):
        return None
    if e.kind in ("floordiv", "ceildiv", "mod") and isinstance(e.rhs, AffineConstantExpr):
        if e.rhs.value <= 0:
            if e.kind == "mod":
                return "modulo by non-positive value is not supported"
            return "division by non-positive value is not supported"
    return _bad_divisor(e.lhs) or _bad_divisor(e.rhs)


def _exprs(op: Operation) -> list[AffineExpr]:
    if isinstance(op, affine.AffineIfOp):
        return list(op.integer_set.constraints)
    if isinstance(op, affine.AffineForOp):
        return [*op.lower_bound_map.results, *op.upper_bound_map.results]
    if isinstance(op, affine.AffineParallelOp):
        return [*op.lower_bounds_map.results, *op.upper_bounds_map.results]
    m = getattr(op, "affine_map", None)
    return list(m.results) if isinstance(m, AffineMap) else []


def unsupported(root: Operation) -> list[Diagnostic]:
    """Errors for the affine ops under `root` this lowering cannot handle."""
    errors = []
    for op in root.walk():
        if not op.name.startswith("affine."):
            continue
        if isinstance(op, affine.AffineParallelOp):
            bad = [k for k in op.reduction_kinds if k not in _REDUCTION_OPS]
            if bad:
                # MLIR's message (arith::getIdentityValueAttr): `assign` combines nothing.
                errors.append(Diagnostic("error", "Reduction operation type not supported",
                                         op.location))  # fmt: skip
        for e in _exprs(op):
            message = _bad_divisor(e)
            if message is not None:
                errors.append(Diagnostic("error", message, op.location))
                break
    return errors


@register_pass
@dataclass
class LowerAffine(Pass):
    """MLIR's -lower-affine."""

    name = "lower-affine"
    summary = "Lower Affine operations to a combination of Arith and SCF operations"
    dependent_dialects = ("arith", "memref", "scf", "vector")

    def run(self, op: Operation) -> None:
        errors = unsupported(op)
        if errors:
            raise DiagnosticError(errors)
        target = ConversionTarget()
        target.add_legal_dialect("arith", "memref", "scf", "vector")
        target.add_illegal_dialect("affine")
        apply_partial_conversion(op, target, [p() for p in PATTERNS])


__all__ = [
    "LowerAffine", "expand_affine_expr", "expand_affine_map", "lower_affine_map_max",
    "lower_affine_map_min", "identity_value",
]  # fmt: skip
