"""Compiles a loop nest (`affine.for`, or `scf.for` over index), the first time it runs, into
one Python function, so that the interpreter runs loop-level IR (what `convert-nn-to-affine`
and `lower-affine` emit) in seconds, not minutes.

Two code shapes, both with exactly the semantics of the op-by-op handlers (`affine.py`,
`scf.py`), which the tests check bit for bit:

* Scalar code: each loop becomes a Python `for` over `range`, each `affine.if`/`scf.if` an
  `if`, affine subscripts and bounds inline Python integer expressions, loads and stores
  (affine and memref) numpy indexing after an inline bounds check; every other op calls its
  handler directly (bound once at compile time: no dispatch through the engine's plan in the
  hot loop). An op with regions the compiler does not take (scf.while, affine.parallel, ...)
  first stores the compiled values its regions use into the function's value map, where
  `run_region` reads them.

* Vectorised code (SIMT style) for a band of perfectly nested loops without iter_args whose
  body holds only loads and stores of scalars, index arithmetic, scalar arith and math ops,
  and inner loops and ifs: a chosen set V of the band's loops becomes the axes of a numpy
  index grid, and the body runs once over the whole grid (loads gather, stores scatter,
  arith/math handlers run on arrays as they do on scalars). The other band loops, and every
  loop inside the body, stay Python loops, so each point's operations happen in their
  original order: iter_args reductions stay sequential, with the bits of the scalar code.
  An inner loop or if whose bounds or condition differ between points (padding taps bounded
  by `max`/`min` of the output position) runs masked: over the union of the points' ranges,
  loads and stores honouring the mask, carried values and results picked with `np.where`;
  only ops that cannot fail on the masked-off points' placeholder values may run masked.
  Reordering points is only valid when distinct points of V never touch a location another
  point writes; V keeps a loop only when this is proven:
    - every memref stored in the band has, for that loop's induction variable v, a subscript
      position that reads `c * v + u` (c != 0, u built from values defined outside the band;
      subscripts are followed through affine maps and arith.addi/subi/muli) in all of its
      accesses alike, so two points that differ in v touch different elements;
    - the band's own loops have bounds computed outside the band (a rectangular grid), and
      inner loops and ifs whose bounds depend on V run masked (or else V drops those loops);
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
from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.operation import Block, Operation, Value
from dialir.core.ir.traits import IsTerminator
from dialir.core.ir.types import FloatType, IndexType, IntegerType, MemRefType
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Interpreter,
    InterpreterError,
    check_indices,
    int_info,
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
    """The compiled form of the loop `op` (built on first use, kept in the interpreter's
    cache), or None when the compiler is switched off or does not take the loop."""
    if not ENABLED or not compilable_loop(op):
        return None
    key = (op, "compiled nest")
    fn = interp.cache.get(key)
    if fn is None:
        try:
            fn = _NestCompiler(op).build()
        except (SyntaxError, RecursionError):  # nests deeper than Python's 20 blocks
            fn = False
        interp.cache[key] = fn
    return fn or None


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


def _aliased(*pairs: tuple[np.ndarray, np.ndarray]) -> bool:
    """Whether, in some pair of (a stored memref, another memref value accessed), the two
    may share memory (the same array seen through two values does)."""
    return any(np.may_share_memory(s, a) for s, a in pairs)


def _bad_step(step: Any) -> None:
    raise ExecutionError(f"step must be positive, got {int(step)}")


def _minimum(*xs: Any) -> Any:
    return reduce(np.minimum, xs)


def _maximum(*xs: Any) -> Any:
    return reduce(np.maximum, xs)


_HELPERS = {
    "INDEX": INDEX, "OOB": _out_of_bounds, "READONLY": _read_only, "GATHER": _gather,
    "SCATTER": _scatter, "GRID": _grid, "ALIASED": _aliased, "MINIMUM": _minimum,
    "MAXIMUM": _maximum, "MGATHER": _gather_masked, "MSCATTER": _scatter_masked,
    "WHERE": np.where, "ANY": np.any, "NOT": np.logical_not, "LOWEST": lambda x: int(np.min(x)),
    "HIGHEST": lambda x: int(np.max(x)), "STEP": _bad_step,
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


def _linear(e: Any, forms: Sequence[tuple | None], num_dims: int) -> tuple | None:
    """`e` as ({value: coefficient}, constant) when it is linear in its operands' linear
    forms (`forms`, dims first; None for an operand that is not linear), else None."""
    t = type(e)
    if t is AffineDimExpr:
        return forms[e.position]
    if t is AffineSymbolExpr:
        return forms[num_dims + e.position]
    if t is AffineConstantExpr:
        return {}, e.value
    if e.kind not in ("add", "mul"):
        return None
    lhs, rhs = _linear(e.lhs, forms, num_dims), _linear(e.rhs, forms, num_dims)
    if lhs is None or rhs is None:
        return None
    return _add(lhs, rhs) if e.kind == "add" else _mul(lhs, rhs)


def _add(lhs: tuple, rhs: tuple, sign: int = 1) -> tuple:
    coeffs = dict(lhs[0])
    for v, c in rhs[0].items():
        coeffs[v] = coeffs.get(v, 0) + sign * c
    return {v: c for v, c in coeffs.items() if c}, lhs[1] + sign * rhs[1]


def _mul(lhs: tuple, rhs: tuple) -> tuple | None:
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


# -- the loops and accesses it compiles ----------------------------------------------------------

_LOOPS = ("affine.for", "scf.for")
_IFS = ("affine.if", "scf.if")
_ACCESSES = ("affine.load", "affine.store", "memref.load", "memref.store")
_STORES = ("affine.store", "memref.store")


def compilable_loop(op: Operation) -> bool:
    """affine.for, and scf.for over index (signed comparison): the loops compiled here."""
    if op.name == "affine.for":
        return True
    return (
        op.name == "scf.for"
        and isinstance(op.operand(0).type, IndexType)
        and op.get_attr("unsignedCmp") is None
    )


def _bound_values(op: Operation) -> tuple:
    """The values a loop's bounds (and step) are computed from."""
    if op.name == "affine.for":
        return (*op.lowerBoundOperands, *op.upperBoundOperands)
    return tuple(op.operands[:3])


def _inits(op: Operation) -> tuple:
    return tuple(op.inits) if op.name == "affine.for" else tuple(op.operands[3:])


def _memref_of(op: Operation) -> Value:
    return op.operand(1) if op.name in _STORES else op.operand(0)


def _index_values(op: Operation) -> tuple:
    """The index operands of an access (a memref op's subscripts, an affine op's map
    operands)."""
    return tuple(op.operands[2:] if op.name in _STORES else op.operands[1:])


def _int_constant(v: Value) -> int | None:
    owner = v.owner
    if isinstance(owner, Operation) and owner.name == "arith.constant":
        attr = owner.get_attr("value")
        if isinstance(attr, IntegerAttr):
            return attr.value
    return None


_INLINE = {
    "arith.addf": "{0} + {1}", "arith.subf": "{0} - {1}", "arith.mulf": "{0} * {1}",
    "arith.divf": "{0} / {1}", "arith.negf": "-{0}", "arith.addi": "{0} + {1}",
    "arith.subi": "{0} - {1}", "arith.muli": "{0} * {1}",
}  # fmt: skip
"""Ops whose handler computes exactly this numpy expression (for floats numpy computes in,
and for integers whose wrap-around is numpy's own): inlined instead of called."""


def _inline(op: Operation) -> str | None:
    template = _INLINE.get(op.name)
    if template is None or len(op.results) != 1:
        return None
    t = op.results[0].type
    if isinstance(t, FloatType):
        return template if t.kind in ("f16", "f32", "f64") else None
    if isinstance(t, (IntegerType, IndexType)):
        return template if int_info(t).native else None
    return None


# -- the vectorisation analysis ----------------------------------------------------------------


class _Band:
    """A band of perfectly nested loops without iter_args, and the loops of it that
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
            if len(ops) != 1 or not compilable_loop(ops[0]) or ops[0].results:
                break
            loops.append(ops[0])
        band = _Band(loops)
        return band if band._analyse() else None

    def _analyse(self) -> bool:
        ivs = [loop.induction_var for loop in self.loops]
        every = frozenset(ivs)
        inside: set = set(ivs)
        atoms: set = set(ivs)  # induction variables: the linear forms' variables
        for op in _walk(self.body):
            inside.update(op.results)
            for r in op.regions:
                for b in r.blocks:
                    inside.update(b.args)
            if op.name in _LOOPS:
                atoms.add(op.induction_var)
        deps: dict[Value, frozenset] = {v: frozenset((v,)) for v in ivs}
        linear: dict[Value, tuple | None] = {}

        def lin(v: Value) -> tuple | None:
            """`v` as a linear form of induction variables and values from outside."""
            if v in linear:
                return linear[v]
            c = _int_constant(v)
            if c is not None:
                form = ({}, c)
            elif v in atoms or v not in inside:
                form = ({v: 1}, 0)
            else:
                form, op = None, v.owner
                if isinstance(op, Operation) and isinstance(v.type, IndexType):
                    if op.name in ("arith.addi", "arith.subi", "arith.muli"):
                        a, b = lin(op.operand(0)), lin(op.operand(1))
                        if a is not None and b is not None:
                            if op.name == "arith.muli":
                                form = _mul(a, b)
                            else:
                                form = _add(a, b, 1 if op.name == "arith.addi" else -1)
                    elif op.name == "affine.apply":
                        m = op.map.value
                        form = _linear(m.results[0], [lin(x) for x in op.operands], m.num_dims)
            linear[v] = form
            return form

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
            if name in _LOOPS:
                if not compilable_loop(op):
                    return False
                controls.append((op, dep(_bound_values(op))))
                deps[op.induction_var] = frozenset()
                for v in (*op.region_iter_args, *op.results):
                    deps[v] = every  # carried values: conservatively everything
            elif name in _IFS:
                controls.append((op, dep(op.operands)))
                for v in op.results:
                    deps[v] = every
            elif name in _ACCESSES:
                m = _memref_of(op)
                scalar = op.operand(0) if name in _STORES else op.results[0]
                if m in inside or not isinstance(m.type, MemRefType):
                    return False
                if not isinstance(scalar.type, _SCALAR_TYPES):
                    return False
                forms = [lin(v) for v in _index_values(op)]
                if name.startswith("affine."):
                    smap = op.map.value
                    forms = [_linear(r, forms, smap.num_dims) for r in smap.results]
                accesses.setdefault(m, []).append((name in _STORES, forms))
                for v in op.results:
                    deps[v] = every
            elif name in ("affine.apply", "affine.min", "affine.max"):
                deps[op.results[0]] = dep(op.operands)
            elif name in ("affine.yield", "scf.yield", "affine.prefetch"):
                pass
            elif _is_scalar_compute(op):
                d = dep(op.operands)
                for v in op.results:
                    deps[v] = d
            else:
                return False
        for loop in self.loops:  # rectangular bands only: bounds of outside values
            bound_deps = dep(_bound_values(loop))
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
    "affine.prefetch", "affine.for", "affine.if", "memref.load", "memref.store", "scf.for",
    "scf.if", "scf.yield",
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
    """Writes the Python function of one loop nest (see the module docstring)."""

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
        filename = f"<loop nest {next(_COUNTER)}>"
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
        if name in _LOOPS and compilable_loop(op):
            self.loop(op)
        elif name in _IFS:
            self.if_(op)
        elif name in _ACCESSES and isinstance(_memref_of(op).type, MemRefType):
            if name in _STORES:
                self.store(op)
            else:
                self.load(op)
        elif name in ("affine.apply", "affine.min", "affine.max"):
            self.index_map(op)
        elif name == "affine.prefetch":
            pass
        else:
            self.generic(op)

    def map_srcs(self, m: Any, operands: Sequence[Value]) -> list[str]:
        srcs = [self.ref(v) for v in operands]
        return [_expr_src(r, srcs, m.num_dims) for r in m.results]

    def bound(self, op: Operation, upper: bool) -> str:
        """A loop's lower (max of its map's results) or upper bound (their min)."""
        if op.name == "scf.for":
            return self.ref(op.operand(1 if upper else 0))
        if upper:
            exprs = self.map_srcs(op.upper_bound_map, op.upperBoundOperands)
        else:
            exprs = self.map_srcs(op.lower_bound_map, op.lowerBoundOperands)
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
        self.emit(f"{lb} = {self.bound(op, False)}")
        self.emit(f"{ub} = {self.bound(op, True)}")
        step = self.step(op)
        carried = [self.define(a, "a") for a in op.region_iter_args]
        for n, init in zip(carried, _inits(op)):
            self.emit(f"{n} = {self.val(init)}")
        iv = self.define(op.induction_var, "i", python_int=True)
        # Every value of the union: points whose lower bounds differ have other phases.
        self.emit(f"for {iv} in range(LOWEST({lb}), HIGHEST({ub})):")
        self.depth += 1
        mask = self.fresh("m")
        cond = f"({iv} >= {lb}) & ({iv} < {ub})"
        if step != "1":
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

    def step(self, op: Operation) -> str:
        """A loop's step; scf.for's is a value, checked positive where the loop starts."""
        if op.name == "affine.for":
            return str(op.step)
        c = _int_constant(op.operand(2))
        if c is not None and c > 0:
            return str(c)
        step = self.ref(op.operand(2))
        self.emit(f"if {step} <= 0: STEP({step})")
        return step

    def condition(self, op: Operation, arrays: bool) -> str:
        """An if's condition: affine.if's integer set on its operands, scf.if's operand."""
        if op.name == "scf.if":
            return self.ref(op.operand(0))
        s = op.condition.value
        srcs = [self.ref(v) for v in op.operands]
        tests = [
            f"({_expr_src(c, srcs, s.num_dims)} {'==' if eq else '>='} 0)"
            for c, eq in zip(s.constraints, s.eq_flags)
        ]
        return (" & " if arrays else " and ").join(tests) or "True"

    def masked_if(self, op: Operation) -> None:
        """An if whose condition differs between the grid's points: both branches run,
        each masked to its points, and results are picked point by point."""
        c = self.fresh("c")
        self.emit(f"{c} = {self.condition(op, True)}")
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
        lb, ub, step = self.bound(op, False), self.bound(op, True), self.step(op)
        carried = [self.define(a, "a") for a in op.region_iter_args]
        for n, init in zip(carried, _inits(op)):
            self.emit(f"{n} = {self.val(init)}")
        iv = self.define(op.induction_var, "i", python_int=True)
        self.emit(f"for {iv} in range({lb}, {ub}, {step}):")
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
        cond = self.condition(op, False)
        results = [self.define(r) for r in op.results]
        self.emit(f"if {cond}:")
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
        """The subscripts of an access: plain names, or temporaries holding them."""
        if not op.name.startswith("affine."):
            return [self.ref(v) for v in _index_values(op)]
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
        shape = _memref_of(op).type.shape
        tests = [
            f"0 <= {s} < {n if isinstance(n, int) and n >= 0 else f'{m}.shape[{d}]'}"
            for d, (s, n) in enumerate(zip(subs, shape))
        ]
        index = "(" + "".join(s + ", " for s in subs) + ")"
        if tests:
            self.emit(f"if not ({' and '.join(tests)}): OOB({m}, {index})")
        return index

    def load(self, op: Operation) -> None:
        m = self.ref(_memref_of(op))
        index = self.checked_index(op, m)
        result = self.define(op.results[0])
        if self.simd:
            self.emit(f"{result} = {self.gather(m, index)}")
        else:
            self.emit(f"{result} = {m}[{index}]")

    def store(self, op: Operation) -> None:
        m = self.ref(_memref_of(op))
        index = self.checked_index(op, m)
        value = self.val(op.operand(0))
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
        """Any other op: its handler, called directly (or the handler's own expression,
        inline, for the plain arithmetic of `_INLINE`); regions find what they use from the
        compiled code in the value map."""
        template = _inline(op)
        if template is not None:
            args = [self.val(v) for v in op.operands]
            self.emit(f"{self.define(op.results[0])} = {template.format(*args)}")
            return
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
        pairs = [
            f"({self.ref(s)}, {self.ref(a)})"
            for s in band.stored
            for a in band.accessed
            if a is not s
        ]
        guarded = bool(pairs)
        if guarded:
            self.emit(f"if not ALIASED({', '.join(pairs)}):")
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
                lb, ub, step = self.bound(loop, False), self.bound(loop, True), self.step(loop)
                g = self.define(loop.induction_var, "g", python_int=True)
                self.emit(f"{g} = GRID({lb}, {ub}, {step}, {axis}, {rank})")
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
