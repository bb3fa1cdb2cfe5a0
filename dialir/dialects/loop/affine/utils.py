"""Affine maps with their SSA operands, simplified and composed as MLIR does.

- `simplify_affine_expr` / `simplify_affine_map`: MLIR's flattening simplifier
  (SimpleAffineExprFlattener): a pure affine expression becomes a sum of dims, symbols and
  floordiv/mod/ceildiv terms with integer coefficients, rebuilt in MLIR's order (dims,
  symbols, divisions, constant): `(d0 + 1) * 2 + 3` -> `d0 * 2 + 5`.
- `compose_affine_map_and_operands`: operands produced by `affine.apply` are replaced by
  the expression they compute, until none is left (MLIR's composeAffineMapAndOperands).
- `canonicalize_map_and_operands` / `canonicalize_set_and_operands`: dims that are valid
  symbols become symbols and symbols that are only valid dims become dims, constant symbols
  are folded into the expressions, duplicate and unused operands are dropped.

Maps and sets are immutable; every function returns the new (map, operands) pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import gcd
from typing import Any

from dialir.core.ir.affine import (
    AffineBinaryExpr,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymbolExpr,
    IntegerSet,
)
from dialir.core.ir.attrs import DenseElementsAttr, IntegerAttr
from dialir.core.ir.lazy import np
from dialir.core.ir.operation import OpResult, Value
from dialir.core.ir.traits import ConstantLike
from dialir.dialects.arith.attrs import ATOMIC_RMW_KINDS  # noqa: F401 (affine's reductions)
from dialir.dialects.loop.affine.scope import is_valid_dim, is_valid_symbol

# -- simplification (AffineExpr.cpp's SimpleAffineExprFlattener) ------------------------------


class _Flattener:
    """Post-order flattening of a pure affine expression into coefficient vectors:
    [dims..., symbols..., locals..., constant]; locals are floordiv results."""

    __slots__ = ("nd", "ns", "locals")

    def __init__(self, nd: int, ns: int) -> None:
        self.nd, self.ns = nd, ns
        self.locals: list[AffineExpr] = []

    def width(self) -> int:
        return self.nd + self.ns + len(self.locals) + 1

    def flatten(self, e: AffineExpr) -> list[int]:
        t = type(e)
        if t is AffineConstantExpr:
            v = [0] * self.width()
            v[-1] = e.value
            return v
        if t is AffineDimExpr or t is AffineSymbolExpr:
            v = [0] * self.width()
            v[e.position if t is AffineDimExpr else self.nd + e.position] = 1
            return v
        lhs = self.flatten(e.lhs)
        rhs = self.flatten(e.rhs)
        lhs = self._widen(lhs)  # locals made while flattening rhs
        if e.kind == "add":
            return [a + b for a, b in zip(lhs, rhs)]
        if e.kind == "mul":  # pure: one side is a constant
            if any(rhs[:-1]):
                lhs, rhs = rhs, lhs
            return [a * rhs[-1] for a in lhs]
        return self._division(e.kind, lhs, rhs[-1])

    def _widen(self, v: list[int]) -> list[int]:
        """`v` with zero coefficients for locals added after it was made (locals are only
        appended, so the missing ones are the last)."""
        missing = self.width() - len(v)
        return v if not missing else v[:-1] + [0] * missing + v[-1:]

    def _division(self, kind: str, lhs: list[int], c: int) -> list[int]:
        if kind == "mod":
            if all(x % c == 0 for x in lhs):
                return [0] * len(lhs)
            g = c
            for x in lhs:
                g = gcd(g, abs(x))
            dividend = [x // g for x in lhs]
            q = self._find_or_add(self.rebuild(dividend).floordiv(c // g))
            out = list(self._widen(lhs))
            out[q] -= c
            return out
        g = c
        for x in lhs:
            g = gcd(g, abs(x))
        lhs = [x // g for x in lhs]
        divisor = c // g
        if divisor == 1:
            return lhs
        a = self.rebuild(lhs)
        expr = a.ceildiv(divisor) if kind == "ceildiv" else a.floordiv(divisor)
        q = self._find_or_add(expr)
        out = [0] * self.width()
        out[q] = 1
        return out

    def _find_or_add(self, expr: AffineExpr) -> int:
        for i, known in enumerate(self.locals):
            if known is expr:
                return self.nd + self.ns + i
        self.locals.append(expr)
        return self.nd + self.ns + len(self.locals) - 1

    def rebuild(self, v: list[int]) -> AffineExpr:
        """MLIR's getAffineExprFromFlatForm: dims, symbols, locals, then the constant."""
        e: AffineExpr = AffineConstantExpr(0)
        n = self.nd + self.ns
        for j in range(n):
            if v[j]:
                term = AffineDimExpr(j) if j < self.nd else AffineSymbolExpr(j - self.nd)
                e = e + term * v[j]
        for j in range(n, len(v) - 1):
            if v[j]:
                e = e + self.locals[j - n] * v[j]
        if v[-1]:
            e = e + v[-1]
        return e


def simplify_affine_expr(e: AffineExpr, num_dims: int, num_symbols: int) -> AffineExpr:
    """MLIR's simplifyAffineExpr, for pure affine expressions (others are returned as is,
    as are divisions by non-positive constants)."""
    if not e.is_pure_affine() or _has_bad_divisor(e):
        return e
    f = _Flattener(num_dims, num_symbols)
    return f.rebuild(f._widen(f.flatten(e)))


def _has_bad_divisor(e: AffineExpr) -> bool:
    if type(e) is not AffineBinaryExpr:
        return False
    if e.kind in ("mod", "floordiv", "ceildiv") and e.rhs.value <= 0:
        return True
    return _has_bad_divisor(e.lhs) or _has_bad_divisor(e.rhs)


def simplify_affine_map(m: AffineMap) -> AffineMap:
    return AffineMap(
        m.num_dims, m.num_symbols,
        [simplify_affine_expr(e, m.num_dims, m.num_symbols) for e in m.results],
    )  # fmt: skip


# -- constants ---------------------------------------------------------------------------------


def constant_index(v: Value) -> int | None:
    """The integer of a constant op's result (MLIR's m_Constant on an IntegerAttr)."""
    if not isinstance(v, OpResult):
        return None
    op = v.owner
    if not (type(op).is_registered and ConstantLike in type(op).traits):
        return None
    a = op.get_attr("value")
    return a.value if isinstance(a, IntegerAttr) else None


# -- composition and canonicalization ---------------------------------------------------------


def _shifted(e: AffineExpr, dim_shift: int, sym_shift: int, nd: int, ns: int) -> AffineExpr:
    return e.replace_dims_and_symbols(
        [AffineDimExpr(i + dim_shift) for i in range(nd)],
        [AffineSymbolExpr(i + sym_shift) for i in range(ns)],
    )


def compose_affine_map_and_operands(
    m: AffineMap, operands: Sequence[Value]
) -> tuple[AffineMap, list[Value]]:
    """Fold the `affine.apply` ops producing the operands into the map, then canonicalize
    and simplify (MLIR's composeAffineMapAndOperands)."""
    if m.num_results == 0:
        m, ops = canonicalize_map_and_operands(m, operands)
        return simplify_affine_map(m), ops
    dims: list[Value | None] = list(operands[: m.num_dims])
    syms: list[Value | None] = list(operands[m.num_dims :])
    changed = True
    while changed:
        changed = False
        for pos in range(len(dims) + len(syms)):
            new = _replace_dim_or_sym(m, pos, dims, syms)
            if new is not None:
                m, changed = new, True
                break
    out: list[Value] = []
    dim_repl, sym_repl = [], []
    nd = ns = 0
    for v in dims:
        if v is None:
            dim_repl.append(AffineConstantExpr(0))
        else:
            dim_repl.append(AffineDimExpr(nd))
            nd += 1
            out.append(v)
    for v in syms:
        if v is None:
            sym_repl.append(AffineConstantExpr(0))
        else:
            sym_repl.append(AffineSymbolExpr(ns))
            ns += 1
            out.append(v)
    m = m.replace_dims_and_symbols(dim_repl, sym_repl, nd, ns)
    m, out = canonicalize_map_and_operands(m, out)
    return simplify_affine_map(m), out


def _replace_dim_or_sym(m: AffineMap, pos: int, dims: list, syms: list) -> AffineMap | None:
    """MLIR's replaceDimOrSym: the dim or symbol at `pos`, when an `affine.apply` makes it,
    becomes that apply's expression over new dims and symbols appended to the lists."""
    is_dim = pos < len(dims)
    p = pos if is_dim else pos - len(dims)
    v = dims[p] if is_dim else syms[p]
    if v is None or not isinstance(v, OpResult) or v.owner.name != "affine.apply":
        return None
    apply_op = v.owner
    if is_dim:
        dims[p] = None
    else:
        syms[p] = None
    cmap, cops = canonicalize_map_and_operands(apply_op.map.value, list(apply_op.operands))
    repl = _shifted(cmap.results[0], len(dims), len(syms), cmap.num_dims, cmap.num_symbols)
    dims.extend(cops[: cmap.num_dims])
    syms.extend(cops[cmap.num_dims :])
    dim_subst = [AffineDimExpr(i) for i in range(m.num_dims)]
    sym_subst = [AffineSymbolExpr(i) for i in range(m.num_symbols)]
    if is_dim:
        dim_subst[p] = repl
    else:
        sym_subst[p] = repl
    return m.replace_dims_and_symbols(dim_subst, sym_subst, len(dims), len(syms))


def _exprs(obj: AffineMap | IntegerSet) -> tuple[AffineExpr, ...]:
    return obj.results if isinstance(obj, AffineMap) else obj.constraints


def _used(exprs: Sequence[AffineExpr], nd: int, ns: int) -> tuple[list[bool], list[bool]]:
    dims, syms = [False] * nd, [False] * ns
    stack = list(exprs)
    while stack:
        e = stack.pop()
        t = type(e)
        if t is AffineDimExpr:
            dims[e.position] = True
        elif t is AffineSymbolExpr:
            syms[e.position] = True
        elif t is AffineBinaryExpr:
            stack.append(e.lhs)
            stack.append(e.rhs)
    return dims, syms


def _canonicalize(obj, operands: Sequence[Value]):
    """MLIR's canonicalizeMapOrSetAndOperands (with canonicalizePromotedSymbols and
    legalizeDemotedDims)."""
    operands = list(operands)
    if not operands:
        return obj, operands
    nd, ns = obj.num_dims, obj.num_symbols
    # Dims that are valid symbols become symbols (appended after the old symbols).
    dim_repl, kept, promoted = [], [], []
    for i in range(nd):
        if is_valid_symbol(operands[i]):
            dim_repl.append(AffineSymbolExpr(ns + len(promoted)))
            promoted.append(operands[i])
        else:
            dim_repl.append(AffineDimExpr(len(kept)))
            kept.append(operands[i])
    operands = kept + operands[nd:] + promoted
    obj = obj.replace_dims_and_symbols(dim_repl, [], len(kept), ns + len(promoted))
    nd, ns = obj.num_dims, obj.num_symbols
    # Symbols that are dims only become dims (appended after the old dims).
    sym_repl, demoted, sym_ops = [], [], []
    for i in range(ns):
        v = operands[nd + i]
        if is_valid_dim(v) and not is_valid_symbol(v):
            sym_repl.append(AffineDimExpr(nd + len(demoted)))
            demoted.append(v)
        else:
            sym_repl.append(AffineSymbolExpr(len(sym_ops)))
            sym_ops.append(v)
    operands = operands[:nd] + demoted + sym_ops
    obj = obj.replace_dims_and_symbols([], sym_repl, nd + len(demoted), len(sym_ops))
    nd, ns = obj.num_dims, obj.num_symbols
    # Unused, duplicate and constant operands go.
    used_dims, used_syms = _used(_exprs(obj), nd, ns)
    out: list[Value] = []
    seen: dict[Value, AffineExpr] = {}
    dim_map: list[AffineExpr] = []
    next_dim = 0
    for i in range(nd):
        if not used_dims[i]:
            dim_map.append(AffineConstantExpr(0))
            continue
        v = operands[i]
        e = seen.get(v)
        if e is None:
            e = seen[v] = AffineDimExpr(next_dim)
            next_dim += 1
            out.append(v)
        dim_map.append(e)
    seen = {}
    sym_map: list[AffineExpr] = []
    next_sym = 0
    for i in range(ns):
        if not used_syms[i]:
            sym_map.append(AffineConstantExpr(0))
            continue
        v = operands[nd + i]
        c = constant_index(v)
        if c is not None:
            sym_map.append(AffineConstantExpr(c))
            continue
        e = seen.get(v)
        if e is None:
            e = seen[v] = AffineSymbolExpr(next_sym)
            next_sym += 1
            out.append(v)
        sym_map.append(e)
    return obj.replace_dims_and_symbols(dim_map, sym_map, next_dim, next_sym), out


def canonicalize_map_and_operands(
    m: AffineMap, operands: Sequence[Value]
) -> tuple[AffineMap, list[Value]]:
    return _canonicalize(m, operands)


def canonicalize_set_and_operands(
    s: IntegerSet, operands: Sequence[Value]
) -> tuple[IntegerSet, list[Value]]:
    return _canonicalize(s, operands)


def compose_set_and_operands(
    s: IntegerSet, operands: Sequence[Value]
) -> tuple[IntegerSet, list[Value]]:
    """MLIR's composeSetAndOperands: the constraints composed as the results of a map."""
    if not any(isinstance(v, OpResult) and v.owner.name == "affine.apply" for v in operands):
        return s, list(operands)
    m, ops = compose_affine_map_and_operands(
        AffineMap(s.num_dims, s.num_symbols, s.constraints), operands
    )
    return IntegerSet(m.num_dims, m.num_symbols, m.results, s.eq_flags), ops


def partial_constant_fold(
    m: AffineMap, operands: Sequence[Value]
) -> tuple[AffineMap, list[int] | None]:
    """MLIR's AffineMap::partialConstantFold: constant operands substituted into the
    expressions (the map keeps its dims and symbols), and the results when all are then
    constant."""
    consts = [constant_index(v) for v in operands]
    dims = [AffineConstantExpr(c) if c is not None else AffineDimExpr(i)
            for i, c in enumerate(consts[: m.num_dims])]  # fmt: skip
    syms = [AffineConstantExpr(c) if c is not None else AffineSymbolExpr(i)
            for i, c in enumerate(consts[m.num_dims :])]  # fmt: skip
    folded = simplify_affine_map(m.replace_dims_and_symbols(dims, syms, m.num_dims,
                                                            m.num_symbols))  # fmt: skip
    if all(type(e) is AffineConstantExpr for e in folded.results):
        return folded, [e.value for e in folded.results]
    return folded, None


# The reduction kinds of affine.parallel, in MLIR's arith::AtomicRMWKind order.
def group_sizes(attr: Any) -> list[int]:
    """The group sizes of affine.parallel's bound groups attribute."""
    if not isinstance(attr, DenseElementsAttr):
        return []
    return [int(x) for x in np.asarray(attr.array).reshape(-1)]
