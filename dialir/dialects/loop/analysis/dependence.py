"""Dependences between memory accesses in affine loop nests (MLIR's
checkMemrefAccessDependence, DependenceComponent and DependenceResult).

`check_dependence(src, dst, depth)` asks whether an instance of `src` may touch the same
element as a later instance of `dst`, with at least one of them a store, where "later" is
fixed by `depth` (1-based, as in MLIR): at `depth <= n` (n = the loops common to both) the
first `depth - 1` common loops run the same iteration and loop `depth` a later one (a
dependence carried by that loop); at `depth == n + 1` all common loops run the same iteration
and `src` comes first in program order (a loop-independent dependence).

The answer is exact where the constraint system is (uniform and other affine accesses over
affine bounds), conservative elsewhere: values the analysis cannot express are left free, a
system too large to decide counts as a dependence, and accesses to two different views of one
buffer always depend. Before Fourier–Motzkin, the GCD test (on each subscript equation) and
the Banerjee bounds test (each subscript equation over the box of the variables' constant
bounds) rule out the easy cases cheaply.

The distance of each common loop, `dst iteration - src iteration`, comes back as a
`DependenceComponent(loop, lb, ub)`: `None` where unbounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd

from dialir.core.ir.operation import Block, Operation
from dialir.dialects.loop.analysis.access import (
    CONST,
    AccessSpace,
    MemRefAccess,
    collect_accesses,
    enclosing_loops,
    memref_root,
)
from dialir.dialects.loop.analysis.presburger import IntegerSystem, Row

__all__ = [
    "DependenceComponent", "DependenceResult", "Dependence", "check_dependence",
    "num_common_loops", "direction_vector_str", "gcd_test", "banerjee_test",
    "nest_dependences", "is_loop_parallel",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class DependenceComponent:
    """The range of `dst - src` iteration distances of one common loop (None: unbounded)."""

    op: Operation
    lb: int | None
    ub: int | None

    def __str__(self) -> str:
        lb = "-inf" if self.lb is None else str(self.lb)
        ub = "+inf" if self.ub is None else str(self.ub)
        return f"[{lb}, {ub}]"


@dataclass(frozen=True, slots=True)
class DependenceResult:
    """MLIR's DependenceResult: HasDependence / NoDependence / Failure (unanalyzable, to be
    treated as a dependence), and the components when asked for."""

    kind: str  # "has" | "none" | "failure"
    components: tuple[DependenceComponent, ...] = ()

    @property
    def has_dependence(self) -> bool:
        return self.kind != "none"


NO_DEPENDENCE = DependenceResult("none")


def num_common_loops(src: MemRefAccess, dst: MemRefAccess) -> int:
    """MLIR's getNumCommonSurroundingLoops (affine.for loops)."""
    n = 0
    for a, b in zip(src.loops, dst.loops):
        if a is not b:
            break
        n += 1
    return n


def _ancestors(op: Operation) -> dict[Block, Operation]:
    """Each block around `op`, mapped to the ancestor of `op` in it."""
    out: dict[Block, Operation] = {}
    while op is not None and op.parent is not None:
        out[op.parent] = op
        op = op.parent_op
    return out


def appears_before(src: Operation, dst: Operation) -> bool:
    """Whether `src` runs before `dst` inside the innermost block holding both (MLIR's
    srcAppearsBeforeDstInAncestralBlock); False for one op, or ops in exclusive regions."""
    src_anc = _ancestors(src)
    op = dst
    while op is not None and op.parent is not None:
        a = src_anc.get(op.parent)
        if a is not None:
            if a is op:
                return False
            nxt = a.next
            while nxt is not None:
                if nxt is op:
                    return True
                nxt = nxt.next
            return False
        op = op.parent_op
    return False


# -- the cheap tests --------------------------------------------------------------------------


def gcd_test(row: Row) -> bool:
    """True when `row . x + c == 0` may have an integer solution (the GCD test)."""
    g = 0
    for c in row[:-1]:
        g = gcd(g, c)
    return row[-1] == 0 if g == 0 else row[-1] % g == 0


def _box(system: IntegerSystem) -> list[tuple[int | None, int | None]]:
    """Constant bounds of each variable from single-variable inequalities."""
    box: list[list] = [[None, None] for _ in range(system.num_vars)]
    for r in system.ineqs:
        nz = [i for i, c in enumerate(r[:-1]) if c]
        if len(nz) != 1:
            continue
        i = nz[0]
        a = r[i]
        if a > 0:
            b = -(r[-1] // a)
            box[i][0] = b if box[i][0] is None else max(box[i][0], b)
        else:
            b = r[-1] // -a
            box[i][1] = b if box[i][1] is None else min(box[i][1], b)
    return [tuple(b) for b in box]


def banerjee_test(row: Row, box: list[tuple[int | None, int | None]]) -> bool:
    """True when `row . x + c == 0` may hold for some x in the box (Banerjee's bounds:
    the minimum and maximum of the left side over the box must straddle zero)."""
    lo = hi = row[-1]
    for i, a in enumerate(row[:-1]):
        if not a:
            continue
        low, up = box[i]
        if a < 0:
            low, up = up, low
        if lo is not None:
            lo = None if low is None else lo + a * low
        if hi is not None:
            hi = None if up is None else hi + a * up
    return (lo is None or lo <= 0) and (hi is None or hi >= 0)


# -- the query --------------------------------------------------------------------------------


def _system(space: AccessSpace) -> IntegerSystem:
    n = len(space.cols)
    s = IntegerSystem(n)
    for lin in space.eqs:
        s.eqs.append(_row(lin, n))
    for lin in space.ineqs:
        s.ineqs.append(_row(lin, n))
    return s


def _row(lin: dict, n: int) -> Row:
    r = [0] * (n + 1)
    for col, c in lin.items():
        r[col] += c
    return tuple(r)


def check_dependence(src: MemRefAccess, dst: MemRefAccess, depth: int, *,
                     allow_rar: bool = False, components: bool = True) -> DependenceResult:  # fmt: skip
    """Whether `dst` depends on `src` at loop depth `depth` (see the module docstring)."""
    if not (allow_rar or src.is_store or dst.is_store):
        return NO_DEPENDENCE
    n = num_common_loops(src, dst)
    common = src.loops[:n]
    if src.memref is not dst.memref:
        if memref_root(src.memref) is not memref_root(dst.memref):
            return NO_DEPENDENCE
        # Two views of one buffer: no element correspondence is modelled.
        comps = tuple(DependenceComponent(loop, None, None) for loop in common)
        return DependenceResult("failure", comps)
    if depth > n + 1 or depth < 1:
        raise ValueError(f"depth {depth} outside 1..{n + 1}")
    if depth == n + 1 and not appears_before(src.op, dst.op):
        return NO_DEPENDENCE
    space = AccessSpace()
    s_side, d_side = space.side("src", src), space.side("dst", dst)
    subscripts = []
    for a, b in zip(s_side.indices(), d_side.indices()):
        diff = dict(a)
        for col, c in b.items():
            diff[col] = diff.get(col, 0) - c
        subscripts.append(diff)
    space.eqs.extend(subscripts)
    ivs = [(s_side.iv_col(loop.induction_var), d_side.iv_col(loop.induction_var))
           for loop in common]  # fmt: skip
    for s_iv, d_iv in ivs[: depth - 1]:
        space.eqs.append({d_iv: 1, s_iv: -1})
    if depth <= n:
        s_iv, d_iv = ivs[depth - 1]
        space.ineqs.append({d_iv: 1, s_iv: -1, CONST: -1})
    system = _system(space)
    box = _box(system)
    for lin in subscripts:
        row = _row(lin, system.num_vars)
        if not gcd_test(row) or not banerjee_test(row, box):
            return NO_DEPENDENCE
    if system.is_empty():
        return NO_DEPENDENCE
    if not components:
        return DependenceResult("has")
    comps = []
    for loop, (s_iv, d_iv) in zip(common, ivs):
        lb, ub = system.bounds({d_iv: 1, s_iv: -1})
        comps.append(DependenceComponent(loop, lb, ub))
    return DependenceResult("has", tuple(comps))


def direction_vector_str(result: DependenceResult, num_common: int, depth: int) -> str:
    """MLIR's getDirectionVectorStr: `false`, `true`, or `[lb, ub]` per common loop."""
    if not result.has_dependence:
        return "false"
    if not result.components or depth > num_common:
        return "true"
    return "".join(str(c) for c in result.components)


# -- nest-level queries for transformations ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dependence:
    """A possible dependence between two accesses, carried at `depth` (n + 1: loop
    independent), with the distance ranges of their common loops."""

    src: MemRefAccess
    dst: MemRefAccess
    depth: int
    components: tuple[DependenceComponent, ...]

    def describe(self) -> str:
        comps = "".join(str(c) for c in self.components) or "true"
        return (
            f"dependence from '{self.src.op.name}' to '{self.dst.op.name}' "
            f"at depth {self.depth} = {comps}"
        )


class OpaqueEffects(Exception):
    """The nest holds an op whose memory effects cannot be analyzed."""

    def __init__(self, op: Operation) -> None:
        super().__init__(f"'{op.name}' has memory effects the dependence analysis cannot model")
        self.op = op


def nest_dependences(root: Operation, min_depth: int = 1) -> list[Dependence]:
    """Every possible dependence between accesses inside `root` carried at a depth >=
    `min_depth` (depths counted from the function, as `check_dependence`). Raises
    OpaqueEffects when an op inside has effects the analysis cannot describe."""
    accesses, opaque = collect_accesses(root)
    if opaque:
        raise OpaqueEffects(opaque[0])
    by_root: dict = {}
    for a in accesses:
        by_root.setdefault(memref_root(a.memref), []).append(a)
    deps = []
    for group in by_root.values():
        if not any(a.is_store for a in group):
            continue
        for src in group:
            for dst in group:
                if not (src.is_store or dst.is_store):
                    continue
                n = num_common_loops(src, dst)
                for d in range(min_depth, n + 2):
                    r = check_dependence(src, dst, d)
                    if r.has_dependence:
                        deps.append(Dependence(src, dst, d, r.components))
    return deps


def loop_depth(loop: Operation) -> int:
    """The number of affine.for loops around `loop` (MLIR's getNestingDepth)."""
    return len(enclosing_loops(loop))


def is_loop_parallel(loop: Operation) -> tuple[bool, Dependence | OpaqueEffects | None]:
    """Whether no dependence is carried by `loop` (MLIR's isLoopMemoryParallel); the second
    item names what prevents it."""
    d = loop_depth(loop) + 1
    try:
        deps = nest_dependences(loop, d)
    except OpaqueEffects as e:
        return False, e
    for dep in deps:
        if dep.depth == d:
            return False, dep
    return True, None
