"""Memory accesses of affine loop nests as integer relations (MLIR's MemRefAccess and the
iteration-domain part of FlatAffineValueConstraints).

A `MemRefAccess` is one `affine.load/store`, `affine.vector_load/store` or
`memref.load/store` op with the affine loops around it. `AccessSpace` turns accesses into
columns and rows of an `IntegerSystem`:
- every surrounding `affine.for` / `affine.parallel` induction variable becomes a column of
  the access's own "side" (the source and destination of a dependence query each get a
  copy), bounded by its loop's bounds and step; `affine.if` conditions around the access add
  their constraints (the `then` side only);
- index operands are followed through `affine.apply`, `arith.constant` and index
  `arith.addi/subi/muli`; `floordiv`/`ceildiv`/`mod` by a constant become local variables;
- a value defined outside every loop around the access is a symbol, one column shared by
  both sides (it has the same value for both); any other value (a load result, an
  `iter_args` value, a non-affine product) is an unconstrained fresh column: the relation
  over-approximates, so the analysis stays sound.
"""

from __future__ import annotations

from collections.abc import Iterator

from dialir.core.ir.affine import (
    AffineBinaryExpr,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineSymbolExpr,
)
from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.operation import Block, BlockArgument, Operation, OpResult, Value
from dialir.core.ir.traits import (
    AffineScope,
    IsolatedFromAbove,
    IsTerminator,
    MemAlloc,
    Pure,
    RecursiveMemoryEffects,
)
from dialir.core.ir.types import IndexType, VectorType
from dialir.dialects.loop.affine.ops import AffineForOp, AffineIfOp, AffineParallelOp

__all__ = ["MemRefAccess", "AccessSpace", "collect_accesses", "enclosing_loops", "memref_root"]

CONST = -1  # the key of a linear form's constant term

LOAD_OPS = frozenset(("affine.load", "affine.vector_load", "memref.load"))
STORE_OPS = frozenset(("affine.store", "affine.vector_store", "memref.store"))
ACCESS_OPS = LOAD_OPS | STORE_OPS
# Ops that only name a view of their source buffer: accesses through two such values of
# one buffer may overlap.
VIEW_OPS = frozenset((
    "memref.subview", "memref.view", "memref.cast", "memref.reinterpret_cast",
    "memref.collapse_shape", "memref.expand_shape", "memref.memory_space_cast",
    "memref.transpose",
))  # fmt: skip
# Effects that dependence analysis may ignore: a hint, and fresh allocations.
HARMLESS_OPS = frozenset(("affine.prefetch",))


def enclosing_loops(op: Operation, kinds: tuple = (AffineForOp,)) -> list[Operation]:
    """The loops of `kinds` around `op` inside its affine scope, outermost first (MLIR's
    getAffineForIVs)."""
    loops = []
    parent = op.parent_op
    while parent is not None and AffineScope not in type(parent).traits:
        if isinstance(parent, kinds):
            loops.append(parent)
        parent = parent.parent_op
    loops.reverse()
    return loops


def memref_root(v: Value) -> Value:
    """The buffer a memref value views (through subview, cast, reshape, ...)."""
    while isinstance(v, OpResult) and v.owner.name in VIEW_OPS:
        v = v.owner.operands[0]
    return v


class MemRefAccess:
    """One load or store: the op, its memref, whether it writes, and its affine loops."""

    __slots__ = ("op", "memref", "is_store", "loops")

    def __init__(self, op: Operation) -> None:
        if op.name not in ACCESS_OPS:
            raise ValueError(f"'{op.name}' is not a memref access")
        self.op = op
        self.is_store = op.name in STORE_OPS
        self.memref = op.operands[1] if self.is_store else op.operands[0]
        self.loops: list[AffineForOp] = enclosing_loops(op)

    def __repr__(self) -> str:
        return f"<MemRefAccess {self.op.name} at depth {len(self.loops)}>"


def collect_accesses(root: Operation) -> tuple[list[MemRefAccess], list[Operation]]:
    """The accesses inside `root` in program order, and the ops whose memory effects the
    analysis cannot describe (calls, copies, unknown ops): their presence makes any
    reordering transformation refuse."""
    accesses, opaque = [], []
    for op in root.walk():
        if op is root:
            continue
        name = op.name
        if name in ACCESS_OPS:
            accesses.append(MemRefAccess(op))
            continue
        cls = type(op)
        if not cls.is_registered:
            opaque.append(op)
        elif Pure in cls.traits or RecursiveMemoryEffects in cls.traits or name in HARMLESS_OPS:
            continue
        elif cls.traits & {MemAlloc, IsTerminator, IsolatedFromAbove}:
            continue  # fresh memory, or a function / module whose body is walked anyway
        else:
            opaque.append(op)
    return accesses, opaque


# -- linear forms -----------------------------------------------------------------------------


def _add(a: dict, b: dict, k: int = 1) -> dict:
    out = dict(a)
    for col, c in b.items():
        v = out.get(col, 0) + k * c
        if v:
            out[col] = v
        else:
            out.pop(col, None)
    return out


def _constant_of(lin: dict) -> int | None:
    if all(col == CONST for col in lin):
        return lin.get(CONST, 0)
    return None


class AccessSpace:
    """Columns (keyed by what they stand for) and constraint rows being collected for one
    query; `side(tag, access)` gives the view that resolves values for one access."""

    __slots__ = ("cols", "eqs", "ineqs")

    def __init__(self) -> None:
        self.cols: dict = {}
        self.eqs: list[dict] = []
        self.ineqs: list[dict] = []

    def col(self, key: object) -> int:
        c = self.cols.get(key)
        if c is None:
            c = self.cols[key] = len(self.cols)
        return c

    def fresh(self) -> int:
        return self.col(object())

    def side(self, tag: str, access: MemRefAccess) -> Side:
        return Side(self, tag, access)


class Side:
    """Resolves index values of one access into linear forms over the space's columns and
    adds the access's iteration domain."""

    __slots__ = ("space", "tag", "access", "memo", "inside", "loops")

    def __init__(self, space: AccessSpace, tag: str, access: MemRefAccess) -> None:
        self.space = space
        self.tag = tag
        self.access = access
        self.memo: dict[Value, dict] = {}
        self.loops = enclosing_loops(access.op, (AffineForOp, AffineParallelOp))
        self.inside = set(self.loops)
        self._add_domain()

    def iv_col(self, iv: Value) -> int:
        return self.space.col((self.tag, iv))

    # -- the iteration domain ----------------------------------------------------------------

    def _add_domain(self) -> None:
        for loop in self.loops:
            if isinstance(loop, AffineForOp):
                self._bound_iv(loop)
            else:
                self._bound_parallel(loop)
        for cond, in_then in self._conditions():
            if in_then:
                self._add_set(cond)

    def _bound_iv(self, loop: AffineForOp) -> None:
        space = self.space
        step = loop.step
        x = {self.iv_col(loop.induction_var): 1}
        lbs = self.map_results(loop.lower_bound_map, loop.lowerBoundOperands)
        for lb in lbs:
            space.ineqs.append(_add(x, lb, -1))
        for ub in self.map_results(loop.upper_bound_map, loop.upperBoundOperands):
            space.ineqs.append(_add(_add(ub, x, -1), {CONST: -1}))
        if step > 1 and len(lbs) == 1:
            k = space.fresh()
            space.ineqs.append({k: 1})
            space.eqs.append(_add(_add(x, lbs[0], -1), {k: -step}))

    def _bound_parallel(self, loop: AffineParallelOp) -> None:
        lb_ops = list(loop.lower_bounds_operands)
        ub_ops = list(loop.upper_bounds_operands)
        steps = loop.step_values
        space = self.space
        for i, iv in enumerate(loop.induction_vars):
            x = {self.iv_col(iv): 1}
            lbs = self.map_results(loop.group_map(False, i), lb_ops)
            for lb in lbs:
                space.ineqs.append(_add(x, lb, -1))
            for ub in self.map_results(loop.group_map(True, i), ub_ops):
                space.ineqs.append(_add(_add(ub, x, -1), {CONST: -1}))
            if steps[i] > 1 and len(lbs) == 1:
                k = space.fresh()
                space.ineqs.append({k: 1})
                space.eqs.append(_add(_add(x, lbs[0], -1), {k: -steps[i]}))

    def _conditions(self) -> Iterator[tuple[AffineIfOp, bool]]:
        op = self.access.op
        parent = op.parent_op
        while parent is not None and AffineScope not in type(parent).traits:
            if isinstance(parent, AffineIfOp):
                yield parent, op.parent is parent.then_block
            op, parent = parent, parent.parent_op

    def _add_set(self, cond: AffineIfOp) -> None:
        s = cond.integer_set
        operands = [self.value(v) for v in cond.operands]
        for expr, is_eq in zip(s.constraints, s.eq_flags):
            lin = self.expr(expr, operands, s.num_dims)
            (self.space.eqs if is_eq else self.space.ineqs).append(lin)

    # -- values and expressions --------------------------------------------------------------

    def value(self, v: Value) -> dict:
        lin = self.memo.get(v)
        if lin is None:
            lin = self.memo[v] = self._value(v)
        return lin

    def _value(self, v: Value) -> dict:
        if isinstance(v, BlockArgument):
            loop = v.owner.parent.parent if v.owner.parent is not None else None
            if loop in self.inside:
                if isinstance(loop, AffineForOp) and v is loop.induction_var:
                    return {self.iv_col(v): 1}
                if isinstance(loop, AffineParallelOp):
                    return {self.iv_col(v): 1}
        else:
            lin = self._defined_by(v)
            if lin is not None:
                return lin
        if self._defined_outside(v):
            return {self.space.col(("sym", v)): 1}
        return {self.space.fresh(): 1}

    def _defined_by(self, v: OpResult) -> dict | None:
        op = v.owner
        name = op.name
        if name == "arith.constant":
            attr = op.get_attr("value")
            if isinstance(attr, IntegerAttr) and isinstance(v.type, IndexType):
                return {CONST: attr.value} if attr.value else {}
            return None
        if name == "affine.apply":
            m = op.affine_map
            return self.expr(m.results[0], [self.value(o) for o in op.operands], m.num_dims)
        if name in ("arith.addi", "arith.subi", "arith.muli") and isinstance(v.type, IndexType):
            a, b = (self.value(o) for o in op.operands)
            if name == "arith.addi":
                return _add(a, b)
            if name == "arith.subi":
                return _add(a, b, -1)
            ka, kb = _constant_of(a), _constant_of(b)
            if ka is not None:
                return _add({}, b, ka)
            if kb is not None:
                return _add({}, a, kb)
        return None

    def _defined_out_of(self, block: Block | None) -> bool:
        op = block.parent.parent if block is not None and block.parent is not None else None
        while op is not None:
            if op in self.inside:
                return False
            op = op.parent_op
        return True

    def _defined_outside(self, v: Value) -> bool:
        return self._defined_out_of(v.owner_block)

    def map_results(self, m, operands) -> list[dict]:
        lins = [self.value(o) for o in operands]
        return [self.expr(e, lins, m.num_dims) for e in m.results]

    def expr(self, e: AffineExpr, operands: list[dict], num_dims: int) -> dict:
        if isinstance(e, AffineConstantExpr):
            return {CONST: e.value} if e.value else {}
        if isinstance(e, AffineDimExpr):
            return operands[e.position]
        if isinstance(e, AffineSymbolExpr):
            return operands[num_dims + e.position]
        assert isinstance(e, AffineBinaryExpr)
        lhs = self.expr(e.lhs, operands, num_dims)
        rhs = self.expr(e.rhs, operands, num_dims)
        if e.kind == "add":
            return _add(lhs, rhs)
        k = _constant_of(rhs)
        if e.kind == "mul":
            if k is not None:
                return _add({}, lhs, k)
            kl = _constant_of(lhs)
            return _add({}, rhs, kl) if kl is not None else {self.space.fresh(): 1}
        if k is None or k <= 0:
            return {self.space.fresh(): 1}  # not affine: any value
        return self._division(e.kind, lhs, k)

    def _division(self, kind: str, x: dict, c: int) -> dict:
        """q = x floordiv c (or ceildiv) as a local column; mod as x - c * floordiv."""
        space = self.space
        q = space.fresh()
        if kind == "ceildiv":
            # c*q - c + 1 <= x <= c*q
            space.ineqs.append(_add(_add(x, {q: -c}), {CONST: c - 1}))
            space.ineqs.append(_add({q: c}, x, -1))
            return {q: 1}
        # c*q <= x <= c*q + c - 1
        space.ineqs.append(_add(x, {q: -c}))
        space.ineqs.append(_add(_add({q: c}, x, -1), {CONST: c - 1}))
        if kind == "floordiv":
            return {q: 1}
        return _add(x, {q: -c})  # mod

    # -- the accessed element ----------------------------------------------------------------

    def indices(self) -> list[dict]:
        """One linear form per memref dimension; vector accesses add a local offset in
        [0, size) per vector dimension on the trailing memref dimensions."""
        op = self.access.op
        if op.name.startswith("affine."):
            lins = self.map_results(op.affine_map, list(op.map_operands))
        else:
            start = 2 if self.access.is_store else 1
            lins = [self.value(v) for v in op.operands[start:]]
        vt = op.results[0].type if op.name == "affine.vector_load" else (
            op.operands[0].type if op.name == "affine.vector_store" else None)  # fmt: skip
        if isinstance(vt, VectorType):
            shape = vt.shape
            for i, size in enumerate(shape):
                pos = len(lins) - len(shape) + i
                if pos < 0:
                    continue
                off = self.space.fresh()
                self.space.ineqs.append({off: 1})
                self.space.ineqs.append({off: -1, CONST: size - 1})
                lins[pos] = _add(lins[pos], {off: 1})
        return lins
