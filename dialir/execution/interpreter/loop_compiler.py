"""Compiles an affine loop nest, the first time it runs, into one Python function, so that
the interpreter runs loop-level IR (what `convert-nn-to-affine` emits) in seconds.

Two code shapes, both with exactly the semantics of the op-by-op handlers in `affine.py`:

* Scalar code: each `affine.for` becomes a Python `for` over `range`, `affine.if` an `if`,
  affine subscripts and bounds inline Python integer expressions, loads and stores numpy
  indexing after an inline bounds check; every other op calls its handler directly (bound
  once at compile time: no dispatch through the engine's plan in the hot loop). An op with
  regions the compiler does not know (scf, affine.parallel, ...) first stores the compiled
  values its regions use into the function's value map, where `run_region` reads them.

* Vectorised code (SIMT style) for a band of perfectly nested `affine.for`s without
  iter_args whose body holds only affine accesses, affine index arithmetic, scalar arith and
  math ops, `memref.load`s, and inner `affine.for`/`affine.if`s: a chosen set V of the band's
  loops becomes the axes of a numpy index grid, and the body runs once over the whole grid
  (loads gather, stores scatter, arith/math handlers run on arrays as they do on scalars).
  The other band loops, and every loop inside the body, stay Python loops, so each point's
  operations happen in their original order: iter_args reductions stay sequential, with the
  bits of the scalar code. That reordering is only valid when distinct points of V never
  touch a location another point writes; V keeps a loop only when this is proven:
    - every memref stored in the band has, for that loop's induction variable v, a subscript
      position that reads `c * v + u` (c != 0, u built from values defined outside the band)
      in all of its accesses alike, so two points that differ in v touch different elements;
    - the bounds of inner loops and the conditions of inner `affine.if`s, and the bounds of
      the band's loops, do not depend on V's variables (no divergent control flow);
    - memrefs that are different values must not overlap: checked when the band starts
      (`np.may_share_memory`), falling back to the scalar code of the band if they may.

Errors keep their place: the generated source has one op per line, and an exception's
traceback line names the op the diagnostic points at. (In a vectorised band, an
out-of-bounds access is reported at the same op, but the point named is the first one in
the vectorised order, and the stores done before the error are not the same.)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import reduce
from typing import Any

import numpy as np

from dialir.core.ir.affine import AffineConstantExpr, AffineDimExpr, AffineSymbolExpr
from dialir.core.ir.operation import Block, Operation, Value
from dialir.core.ir.traits import IsTerminator
from dialir.core.ir.types import FloatType, IndexType, IntegerType
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Interpreter,
    InterpreterError,
    check_indices,
    op_error,
    op_handler,
)

ENABLED = True
"""Switch the compiler off (the op-by-op handlers run instead): benchmarks and tests compare
the two."""

INDEX = np.int64
_SCALAR_TYPES = (IntegerType, IndexType, FloatType)
_COUNTER = itertools.count()


def compiled_nest(interp: Interpreter, op: Operation) -> Callable | None:
    """The compiled form of the affine.for `op` (built on first use, kept in the
    interpreter's cache), or None when the compiler is switched off."""
    if not ENABLED:
        return None
    key = (op, "compiled nest")
    fn = interp.cache.get(key)
    if fn is None:
        fn = interp.cache[key] = _NestCompiler(op).build()
    return fn


# -- runtime helpers the generated code calls ------------------------------------------------


def _out_of_bounds(m: np.ndarray, idx: Sequence[Any], mask: Any = True) -> None:
    """Raise the bounds error of the first point of `idx` (scalars or index grids) outside
    `m`, in the loops' order, among the points `mask` holds."""
    arrays = np.broadcast_arrays(*[np.asarray(x) for x in idx], np.asarray(mask))
    bad = np.zeros(arrays[0].shape, dtype=bool)
    for x, n in zip(arrays, m.shape):
        bad |= (x < 0) | (x >= n)
    bad &= arrays[-1]
    if not bad.any():
        return
    first = np.unravel_index(int(np.argmax(bad)), bad.shape) if bad.ndim else ()
    check_indices(m, [int(x[first]) for x in arrays[:-1]])


def _read_only() -> None:
    raise ExecutionError("store to a read-only memref (a constant global?)")


def _checked(m: np.ndarray, idx: tuple) -> tuple:
    """`idx` (ints and int64 index grids) after checking every point lies inside `m`."""
    for x, n in zip(idx, m.shape):
        if type(x) is np.ndarray:
            if x.size and (x.min() < 0 or x.max() >= n):
                _out_of_bounds(m, idx)
        elif not 0 <= x < n:
            _out_of_bounds(m, idx)
    return idx


def _gather(m: np.ndarray, idx: tuple) -> Any:
    return m[_checked(m, idx)]


def _scatter(m: np.ndarray, idx: tuple, value: Any) -> None:
    if not m.flags.writeable:
        _read_only()
    m[_checked(m, idx)] = value


def _masked_index(m: np.ndarray, idx: tuple, mask: np.ndarray) -> tuple:
    """`idx` with the subscripts of points outside `mask` moved into bounds (they read a
    placeholder), after checking the points inside it."""
    out = []
    for x, n in zip(idx, m.shape):
        bad = (x < 0) | (x >= n)
        if np.any(bad):
            if np.any(bad & mask):
                _out_of_bounds(m, idx, mask)
            x = np.where(bad, 0, x)
        out.append(x)
    return tuple(out)


def _gather_masked(m: np.ndarray, idx: tuple, mask: np.ndarray) -> Any:
    if not np.any(mask):
        return np.zeros(np.shape(mask), m.dtype)  # nothing runs: a placeholder
    return m[_masked_index(m, idx, mask)]


def _scatter_masked(m: np.ndarray, idx: tuple, value: Any, mask: np.ndarray) -> None:
    if not m.flags.writeable:
        _read_only()
    if not np.any(mask):
        return
    idx = _masked_index(m, idx, mask)
    shape = np.broadcast_shapes(np.shape(mask), *(np.shape(x) for x in idx))
    sel = np.broadcast_to(mask, shape)
    points = tuple(np.broadcast_to(x, shape)[sel] for x in idx)
    m[points] = np.broadcast_to(value, shape)[sel]


def _grid(lb: Any, ub: Any, step: int, axis: int, rank: int) -> np.ndarray:
    """The values of one vectorised induction variable, along `axis` of a rank-`rank` grid."""
    shape = [1] * rank
    shape[axis] = -1
    return np.arange(int(lb), int(ub), step, dtype=np.int64).reshape(shape)


def _aliased(stored: Sequence[np.ndarray], accessed: Sequence[np.ndarray]) -> bool:
    """Whether a stored memref may share memory with a different accessed one."""
    return any(s is not a and np.may_share_memory(s, a) for s in stored for a in accessed)


def _minimum(*xs: Any) -> Any:
    return reduce(np.minimum, xs)


def _maximum(*xs: Any) -> Any:
    return reduce(np.maximum, xs)


_HELPERS = {
    "INDEX": INDEX, "OOB": _out_of_bounds, "READONLY": _read_only, "GATHER": _gather,
    "SCATTER": _scatter, "GRID": _grid, "ALIASED": _aliased, "MINIMUM": _minimum,
    "MAXIMUM": _maximum, "MGATHER": _gather_masked, "MSCATTER": _scatter_masked,
    "WHERE": np.where, "ANY": np.any, "NOT": np.logical_not, "LOWEST": lambda x: int(np.min(x)),
    "HIGHEST": lambda x: int(np.max(x)),
}  # fmt: skip


# -- affine expressions as Python source -------------------------------------------------------

_BINARY = {"add": "+", "mul": "*", "mod": "%", "floordiv": "//"}


def _expr_src(e: Any, operands: Sequence[str], num_dims: int) -> str:
    """An affine expression as Python source over the operands' expressions (dims first):
    Python's `//` and `%` are MLIR's floordiv and mod, on ints and int64 arrays alike."""
    t = type(e)
    if t is AffineDimExpr:
        return operands[e.position]
    if t is AffineSymbolExpr:
        return operands[num_dims + e.position]
    if t is AffineConstantExpr:
        return str(e.value) if e.value >= 0 else f"({e.value})"
    lhs, rhs = _expr_src(e.lhs, operands, num_dims), _expr_src(e.rhs, operands, num_dims)
    if e.kind == "ceildiv":
        return f"(-((-{lhs}) // {rhs}))"
    return f"({lhs} {_BINARY[e.kind]} {rhs})"


def _linear(e: Any, operands: Sequence[Value], num_dims: int) -> tuple | None:
    """`e` as ({operand value: coefficient}, constant) when it is linear, else None."""
    t = type(e)
    if t is AffineDimExpr:
        return {operands[e.position]: 1}, 0
    if t is AffineSymbolExpr:
        return {operands[num_dims + e.position]: 1}, 0
    if t is AffineConstantExpr:
        return {}, e.value
    if e.kind not in ("add", "mul"):
        return None
    lhs, rhs = _linear(e.lhs, operands, num_dims), _linear(e.rhs, operands, num_dims)
    if lhs is None or rhs is None:
        return None
    if e.kind == "add":
        coeffs = dict(lhs[0])
        for v, c in rhs[0].items():
            coeffs[v] = coeffs.get(v, 0) + c
        return {v: c for v, c in coeffs.items() if c}, lhs[1] + rhs[1]
    if lhs[0] and rhs[0]:
        return None
    (coeffs, k), scale = (lhs, rhs[1]) if not rhs[0] else (rhs, lhs[1])
    return {v: c * scale for v, c in coeffs.items() if c * scale}, k * scale


def _ops(block: Block) -> tuple[list[Operation], Operation | None]:
    """A block's ops and its terminator (None when the block does not end with one)."""
    ops = list(block.ops)
    if ops and type(ops[-1]).has_trait(IsTerminator):
        return ops[:-1], ops[-1]
    return ops, None


def _walk(block: Block):
    for op in block.ops:
        yield op
        for region in op.regions:
            for b in region.blocks:
                yield from _walk(b)


def _used_from_outside(op: Operation) -> list[Value]:
    """The values `op`'s regions use that are defined outside them."""
    inside: set = set()
    used: dict = {}
    for region in op.regions:
        for block in region.blocks:
            inside.update(block.args)
            for inner in _walk(block):
                inside.update(inner.results)
                for r in inner.regions:
                    for b in r.blocks:
                        inside.update(b.args)
                for v in inner.operands:
                    used[v] = None
    return [v for v in used if v not in inside]


# -- the vectorisation analysis ----------------------------------------------------------------


class _Band:
    """A band of perfectly nested affine.fors without iter_args, and the loops of it that
    can run as index grids (`vector`), as the module docstring explains."""

    __slots__ = ("loops", "body", "vector", "stored", "accessed", "divergent")

    def __init__(self, loops: list[Operation]) -> None:
        self.loops = loops
        self.body = loops[-1].body
        self.vector: list[Operation] = []
        self.stored: list[Value] = []
        self.accessed: list[Value] = []
        self.divergent: set = set()  # inner fors/ifs whose bounds differ between points

    @staticmethod
    def of(op: Operation) -> _Band | None:
        if op.results:
            return None
        loops = [op]
        while True:
            ops, _ = _ops(loops[-1].body)
            if len(ops) != 1 or ops[0].name != "affine.for" or ops[0].results:
                break
            loops.append(ops[0])
        band = _Band(loops)
        return band if band._analyse() else None

    def _analyse(self) -> bool:
        ivs = [loop.induction_var for loop in self.loops]
        every = frozenset(ivs)
        inside: set = set(ivs)
        for op in _walk(self.body):
            inside.update(op.results)
            for r in op.regions:
                for b in r.blocks:
                    inside.update(b.args)
        deps: dict[Value, frozenset] = {v: frozenset((v,)) for v in ivs}

        def dep(vs: Sequence[Value]) -> frozenset:
            out = frozenset()
            for v in vs:
                out |= deps.get(v, every if v in inside else frozenset())
            return out

        excluded: set = set()  # band variables control flow or bounds depend on
        controls: list = []  # (inner for/if, the band variables its bounds depend on)
        accesses: dict[Value, list] = {}
        for op in _walk(self.body):
            name = op.name
            if name == "affine.for":
                d = dep(op.lowerBoundOperands) | dep(op.upperBoundOperands)
                controls.append((op, d))
                deps[op.induction_var] = frozenset()
                for v in (*op.region_iter_args, *op.results):
                    deps[v] = every  # carried values: conservatively everything
            elif name == "affine.if":
                controls.append((op, dep(op.operands)))
                for v in op.results:
                    deps[v] = every
            elif name in ("affine.load", "affine.store"):
                m = op.memref
                if m in inside:
                    return False
                smap = op.map.value
                operands = op.map_operands
                forms = [_linear(r, operands, smap.num_dims) for r in smap.results]
                accesses.setdefault(m, []).append((name == "affine.store", forms))
                for v in op.results:
                    deps[v] = every
            elif name in ("affine.apply", "affine.min", "affine.max"):
                deps[op.results[0]] = dep(op.operands)
            elif name in ("affine.yield", "affine.prefetch"):
                pass
            elif name == "memref.load":
                m = op.operand(0)
                if m in inside or not isinstance(op.results[0].type, _SCALAR_TYPES):
                    return False
                accesses.setdefault(m, []).append((False, None))
                deps[op.results[0]] = every
            elif _is_scalar_compute(op):
                d = dep(op.operands)
                for v in op.results:
                    deps[v] = d
            else:
                return False
        for loop in self.loops:  # rectangular bands only: bounds of outside values
            bound_deps = dep(loop.lowerBoundOperands) | dep(loop.upperBoundOperands)
            if bound_deps:
                excluded |= bound_deps | {loop.induction_var}
        for op, d in controls:  # divergent control flow runs masked, where ops cannot fail
            if d and not all(_mask_safe(inner) for inner in _walk_regions(op)):
                excluded |= d
        vector = [v for v in ivs if v not in excluded]
        for accs in accesses.values():
            if not any(is_store for is_store, _ in accs):
                continue
            vector = [v for v in vector if _separates(v, accs, inside)]
        if not vector:
            return False
        chosen = set(vector)
        self.vector = [loop for loop in self.loops if loop.induction_var in chosen]
        self.divergent = {op for op, d in controls if d & chosen}
        self.stored = [m for m, accs in accesses.items() if any(s for s, _ in accs)]
        self.accessed = list(accesses)
        return True


_RAISING = frozenset(
    f"arith.{n}" for n in (
        "divsi", "divui", "ceildivsi", "ceildivui", "floordivsi", "remsi", "remui", "shli",
        "shrsi", "shrui", "fptosi", "fptoui",
    )
) | {"math.ipowi"}  # fmt: skip
"""Ops whose handlers raise on some operands: under a mask, the points masked off compute
on placeholder values, so these may not run there."""

_MASK_SAFE = frozenset((
    "affine.load", "affine.store", "affine.apply", "affine.min", "affine.max", "affine.yield",
    "affine.prefetch", "affine.for", "affine.if", "memref.load",
))  # fmt: skip


def _mask_safe(op: Operation) -> bool:
    """Whether `op` may run on every point of a grid while a mask says which points are
    really running it (loads and stores honour the mask; the rest must not fail)."""
    return op.name in _MASK_SAFE or (_is_scalar_compute(op) and op.name not in _RAISING)


def _walk_regions(op: Operation):
    for region in op.regions:
        for block in region.blocks:
            yield from _walk(block)


def _is_scalar_compute(op: Operation) -> bool:
    """An arith or math op on scalars: its handler runs on index grids as on scalars."""
    if op.regions or op.name.split(".", 1)[0] not in ("arith", "math"):
        return False
    return all(isinstance(v.type, _SCALAR_TYPES) for v in (*op.operands, *op.results))


def _separates(v: Value, accesses: list, inside: set) -> bool:
    """Whether some subscript position reads `c * v + u` (c != 0, u invariant in the band)
    identically in every access: then points that differ in `v` touch different elements."""
    if any(forms is None for _, forms in accesses):
        return False
    rank = len(accesses[0][1])
    for d in range(rank):
        first = accesses[0][1][d]
        if first is None or not first[0].get(v):
            continue
        if any(u is not v and u in inside for u in first[0]):
            continue
        if all(forms[d] == first for _, forms in accesses[1:]):
            return True
    return False


# -- code generation ---------------------------------------------------------------------------


class _NestCompiler:
    """Writes the Python function of one affine.for nest (see the module docstring)."""

    def __init__(self, root: Operation) -> None:
        self.root = root
        self.lines: list[str] = []
        self.line_ops: list[Operation] = []
        self.consts: dict[str, Any] = dict(_HELPERS)
        self.names: dict[Value, str] = {}
        self.py: set = set()  # values held as Python ints (or int64 grids): INDEX() for handlers
        self.free: dict[Value, str] = {}
        self.depth = 1
        self.current = root
        self.simd = False
        self.mask: str | None = None  # in a vectorised band: the points running, if not all
        self.divergent: set = set()  # the vectorised band's masked fors and ifs
        self.scalar_only: set = set()  # band loops whose vectorised form is guarded already
        self.count = 0

    # -- plumbing

    def emit(self, text: str) -> None:
        self.lines.append("    " * self.depth + text)
        self.line_ops.append(self.current)

    def fresh(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def const(self, obj: Any, prefix: str) -> str:
        name = self.fresh(prefix)
        self.consts[name] = obj
        return name

    def ref(self, v: Value) -> str:
        """The expression of `v` as it is held (index values may be Python ints)."""
        n = self.names.get(v)
        if n is None:
            n = self.free.get(v)
            if n is None:
                n = self.free[v] = self.fresh("f")
        return n

    def val(self, v: Value) -> str:
        """The expression of `v` as the interpreter's runtime value."""
        n = self.ref(v)
        return f"INDEX({n})" if v in self.py else n

    def define(self, v: Value, prefix: str = "v", python_int: bool = False) -> str:
        n = self.names[v] = self.fresh(prefix)
        if python_int:
            self.py.add(v)
        else:
            self.py.discard(v)
        return n

    # -- the function

    def build(self) -> Callable:
        root = self.root
        self.loop(root)
        body, body_ops = self.lines, self.line_ops
        results = ", ".join(self.val(v) for v in root.results)
        lines, line_ops = ["def nest(interp, env):"], [root]
        for v, n in list(self.free.items()):
            lines.append(f"    {n} = env[{self.const(v, 'K')}]")
            line_ops.append(root)
        lines += body
        line_ops += body_ops
        lines.append(f"    return [{results}]")
        line_ops.append(root)
        filename = f"<affine nest {next(_COUNTER)}>"
        code = compile("\n".join(lines) + "\n", filename, "exec")
        namespace = dict(self.consts)
        exec(code, namespace)  # noqa: S102 - source generated above from the IR
        return _Compiled(namespace["nest"], filename, line_ops, root, "\n".join(lines))

    # -- ops

    def block(self, block: Block) -> Operation | None:
        ops, term = _ops(block)
        for op in ops:
            self.current = op
            self.op(op)
        return term

    def op(self, op: Operation) -> None:
        name = op.name
        if name == "affine.for":
            self.loop(op)
        elif name == "affine.if":
            self.if_(op)
        elif name == "affine.load":
            self.load(op)
        elif name == "affine.store":
            self.store(op)
        elif name in ("affine.apply", "affine.min", "affine.max"):
            self.index_map(op)
        elif name == "affine.prefetch":
            pass
        elif self.simd and name == "memref.load":
            m = self.ref(op.operand(0))
            idx = "(" + "".join(f"{self.ref(v)}, " for v in op.operands[1:]) + ")"
            self.emit(f"{self.define(op.results[0])} = {self.gather(m, idx)}")
        else:
            self.generic(op)

    def map_srcs(self, m: Any, operands: Sequence[Value]) -> list[str]:
        srcs = [self.ref(v) for v in operands]
        return [_expr_src(r, srcs, m.num_dims) for r in m.results]

    def bound(self, m: Any, operands: Sequence[Value], upper: bool) -> str:
        exprs = self.map_srcs(m, operands)
        if len(exprs) == 1:
            return exprs[0]
        if self.simd:  # bounds may be index grids here
            return f"{'MINIMUM' if upper else 'MAXIMUM'}({', '.join(exprs)})"
        return f"{'min' if upper else 'max'}({', '.join(exprs)})"

    def loop(self, op: Operation) -> None:
        if self.simd:
            if op in self.divergent:
                self.masked_loop(op)
                return
        elif op not in self.scalar_only:
            band = _Band.of(op)
            if band is not None:
                self.band(band)
                return
        self.scalar_loop(op)

    def masked_loop(self, op: Operation) -> None:
        """An inner loop whose bounds differ between the grid's points: it runs over the
        union of their ranges, each point where its own bounds hold."""
        lb, ub = self.fresh("lb"), self.fresh("ub")
        self.emit(f"{lb} = {self.bound(op.lower_bound_map, op.lowerBoundOperands, False)}")
        self.emit(f"{ub} = {self.bound(op.upper_bound_map, op.upperBoundOperands, True)}")
        carried = [self.define(a, "a") for a in op.region_iter_args]
        for n, init in zip(carried, op.inits):
            self.emit(f"{n} = {self.val(init)}")
        iv = self.define(op.induction_var, "i", python_int=True)
        step = op.step
        # Every value of the union: points whose lower bounds differ have other phases.
        self.emit(f"for {iv} in range(LOWEST({lb}), HIGHEST({ub})):")
        self.depth += 1
        mask = self.fresh("m")
        cond = f"({iv} >= {lb}) & ({iv} < {ub})"
        if step != 1:
            cond += f" & (({iv} - {lb}) % {step} == 0)"
        self.emit(f"{mask} = {cond if self.mask is None else f'{self.mask} & {cond}'}")
        self.emit(f"if ANY({mask}):")
        self.depth += 1
        saved, self.mask = self.mask, mask
        term = self.block(op.body)
        self.mask = saved
        self.current = op
        if carried:
            new = ", ".join(
                f"WHERE({mask}, {self.val(y)}, {a})" for y, a in zip(term.operands, carried)
            )
            self.emit(f"{', '.join(carried)}, = {new},")
        else:
            self.emit("pass")
        self.depth -= 2
        for r, a in zip(op.results, op.region_iter_args):
            self.names[r] = self.names[a]
            self.py.discard(r)

    def masked_if(self, op: Operation) -> None:
        """An affine.if whose condition differs between the grid's points: both branches
        run, each masked to its points, and results are picked point by point."""
        s = op.condition.value
        srcs = [self.ref(v) for v in op.operands]
        cond = " & ".join(
            f"({_expr_src(c, srcs, s.num_dims)} {'==' if eq else '>='} 0)"
            for c, eq in zip(s.constraints, s.eq_flags)
        )
        c = self.fresh("c")
        self.emit(f"{c} = {cond or 'True'}")
        branches = []
        for k, region in enumerate(op.regions):
            if not region.blocks:
                continue
            mask = self.fresh("m")
            own = c if k == 0 else f"NOT({c})"
            self.emit(f"{mask} = {own if self.mask is None else f'{self.mask} & {own}'}")
            saved, self.mask = self.mask, mask
            term = self.block(region.blocks[0])
            self.mask = saved
            self.current = op
            temps = [self.fresh("y") for _ in op.results]
            for t, y in zip(temps, term.operands):
                self.emit(f"{t} = {self.val(y)}")
            branches.append(temps)
        for k, r in enumerate(op.results):
            self.emit(f"{self.define(r)} = WHERE({c}, {branches[0][k]}, {branches[1][k]})")

    def scalar_loop(self, op: Operation, inner: Callable | None = None) -> None:
        self.current = op
        lb = self.bound(op.lower_bound_map, op.lowerBoundOperands, False)
        ub = self.bound(op.upper_bound_map, op.upperBoundOperands, True)
        carried = [self.define(a, "a") for a in op.region_iter_args]
        for n, init in zip(carried, op.inits):
            self.emit(f"{n} = {self.val(init)}")
        iv = self.define(op.induction_var, "i", python_int=True)
        self.emit(f"for {iv} in range({lb}, {ub}, {op.step}):")
        self.depth += 1
        start = len(self.lines)
        if inner is not None:
            inner()
        else:
            term = self.block(op.body)
            self.current = op
            if carried:
                yielded = ", ".join(self.val(v) for v in term.operands)
                self.emit(f"{', '.join(carried)}, = {yielded},")
        if len(self.lines) == start:
            self.emit("pass")
        self.depth -= 1
        for r, a in zip(op.results, op.region_iter_args):
            self.names[r] = self.names[a]
            self.py.discard(r)

    def if_(self, op: Operation) -> None:
        if self.simd and op in self.divergent:
            self.masked_if(op)
            return
        s = op.condition.value
        srcs = [self.ref(v) for v in op.operands]
        cond = " and ".join(
            f"{_expr_src(c, srcs, s.num_dims)} {'==' if eq else '>='} 0"
            for c, eq in zip(s.constraints, s.eq_flags)
        )
        results = [self.define(r) for r in op.results]
        self.emit(f"if {cond or 'True'}:")
        for k, region in enumerate(op.regions):
            if not region.blocks:
                continue
            if k:
                self.current = op
                self.emit("else:")
            self.depth += 1
            start = len(self.lines)
            term = self.block(region.blocks[0])
            self.current = op
            if results:
                yielded = ", ".join(self.val(v) for v in term.operands)
                self.emit(f"{', '.join(results)}, = {yielded},")
            if len(self.lines) == start:
                self.emit("pass")
            self.depth -= 1

    def subscripts(self, op: Operation) -> list[str]:
        """The subscripts of an affine access: plain names, or temporaries holding them."""
        out = []
        for e in self.map_srcs(op.map.value, op.map_operands):
            if e.isidentifier() or e.isdigit():
                out.append(e)
            else:
                t = self.fresh("x")
                self.emit(f"{t} = {e}")
                out.append(t)
        return out

    def checked_index(self, op: Operation, m: str) -> str:
        subs = self.subscripts(op)
        if self.simd:
            return "(" + "".join(s + ", " for s in subs) + ")"
        shape = op.memref_type.shape
        tests = [
            f"0 <= {s} < {n if isinstance(n, int) and n >= 0 else f'{m}.shape[{d}]'}"
            for d, (s, n) in enumerate(zip(subs, shape))
        ]
        index = "(" + "".join(s + ", " for s in subs) + ")"
        if tests:
            self.emit(f"if not ({' and '.join(tests)}): OOB({m}, {index})")
        return index

    def load(self, op: Operation) -> None:
        m = self.ref(op.memref)
        index = self.checked_index(op, m)
        result = self.define(op.results[0])
        if self.simd:
            self.emit(f"{result} = {self.gather(m, index)}")
        else:
            self.emit(f"{result} = {m}[{index}]")

    def store(self, op: Operation) -> None:
        m = self.ref(op.memref)
        index = self.checked_index(op, m)
        value = self.val(op.value)
        if self.simd and self.mask is not None:
            self.emit(f"MSCATTER({m}, {index}, {value}, {self.mask})")
        elif self.simd:
            self.emit(f"SCATTER({m}, {index}, {value})")
        else:
            self.emit(f"if not {m}.flags.writeable: READONLY()")
            self.emit(f"{m}[{index}] = {value}")

    def gather(self, m: str, index: str) -> str:
        if self.mask is not None:
            return f"MGATHER({m}, {index}, {self.mask})"
        return f"GATHER({m}, {index})"

    def index_map(self, op: Operation) -> None:
        exprs = self.map_srcs(op.map.value, op.operands)
        result = self.define(op.results[0], "x", python_int=True)
        if op.name == "affine.apply" or len(exprs) == 1:
            self.emit(f"{result} = {exprs[0]}")
            return
        lo = op.name == "affine.min"
        fn = ("MINIMUM" if lo else "MAXIMUM") if self.simd else ("min" if lo else "max")
        self.emit(f"{result} = {fn}({', '.join(exprs)})")

    def generic(self, op: Operation) -> None:
        """Any other op: its handler, called directly; regions find what they use from the
        compiled code in the value map."""
        if op.regions:
            for v in _used_from_outside(op):
                if v in self.names:
                    self.emit(f"env[{self.const(v, 'K')}] = {self.val(v)}")
        h, o = self.const(op_handler(op), "H"), self.const(op, "O")
        call = f"{h}(interp, {o}, [{', '.join(self.val(v) for v in op.operands)}])"
        results = [self.define(r) for r in op.results]
        if not results:
            self.emit(call)
        elif len(results) == 1:
            self.emit(f"{results[0]} = {call}[0]")
        else:
            self.emit(f"{', '.join(results)}, = {call}")

    # -- vectorised bands

    def band(self, band: _Band) -> None:
        root = band.loops[0]
        self.current = root
        stored = "".join(self.ref(m) + ", " for m in band.stored)
        accessed = "".join(self.ref(m) + ", " for m in band.accessed)
        guarded = len(band.accessed) > 1 and band.stored
        if guarded:
            self.emit(f"if not ALIASED(({stored}), ({accessed})):")
            self.depth += 1
        self.simd = True
        self.divergent = band.divergent
        vector = set(band.vector)
        sequential = [loop for loop in band.loops if loop not in vector]

        def grid() -> None:
            rank = len(band.vector)
            sizes = []
            for axis, loop in enumerate(band.vector):
                self.current = loop
                lb = self.bound(loop.lower_bound_map, loop.lowerBoundOperands, False)
                ub = self.bound(loop.upper_bound_map, loop.upperBoundOperands, True)
                g = self.define(loop.induction_var, "g", python_int=True)
                self.emit(f"{g} = GRID({lb}, {ub}, {loop.step}, {axis}, {rank})")
                sizes.append(f"{g}.size")
            self.emit(f"if {' and '.join(sizes)}:")
            self.depth += 1
            start = len(self.lines)
            self.block(band.body)
            if len(self.lines) == start:
                self.emit("pass")
            self.depth -= 1

        def nest(k: int) -> None:
            if k == len(sequential):
                grid()
            else:
                self.scalar_loop(sequential[k], lambda: nest(k + 1))

        nest(0)
        self.simd = False
        if guarded:
            self.depth -= 1
            self.current = root
            self.emit("else:")  # memrefs that may overlap: the band's loops one by one
            self.depth += 1
            self.scalar_only.update(band.loops)
            self.scalar_loop(root)
            self.depth -= 1


class _Compiled:
    """A compiled nest, called as the affine.for handler is: errors become diagnostics at
    the op whose generated line raised them."""

    __slots__ = ("fn", "filename", "line_ops", "root", "source")

    def __init__(self, fn: Callable, filename: str, line_ops: list, root: Operation,
                 source: str) -> None:  # fmt: skip
        self.fn, self.filename, self.line_ops, self.root = fn, filename, line_ops, root
        self.source = source  # the generated Python, for reading and for tests

    def __call__(self, interp: Interpreter, args: list) -> list:
        try:
            return self.fn(interp, interp.values)
        except InterpreterError:
            raise
        except Exception as e:  # noqa: BLE001 - located at its op, as the engine does
            raise op_error(self._locate(e), e) from (None if isinstance(e, ExecutionError) else e)

    def _locate(self, e: Exception) -> Operation:
        op = self.root
        tb = e.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == self.filename:
                op = self.line_ops[tb.tb_lineno - 1]
            tb = tb.tb_next
        return op
