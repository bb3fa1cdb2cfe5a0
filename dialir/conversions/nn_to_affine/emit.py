"""The IR-building vocabulary the nn lowerings share: arith constants and ops, affine loop
nests and accesses written with affine expressions over the loop's induction variables, and
`Scalar`, the element arithmetic of one nn element type (signed, unsigned or float) on the
signless values the loop level computes with.

Indices are `AffineExpr`s whose dims are positions in an operand list (usually the ivs of the
current nest, then any loop-invariant index values); `access` compacts each map to the
operands it uses, so every access prints in MLIR's custom form.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from dialir.core.ir.affine import (
    AffineBinaryExpr,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
)
from dialir.core.ir.attrs import DenseElementsAttr, FloatAttr, IntegerAttr, StringAttr
from dialir.core.ir.builder import Builder
from dialir.core.ir.dialect import lookup_op_class
from dialir.core.ir.operation import Block, Value
from dialir.core.ir.types import (
    FloatType,
    IndexType,
    IntegerType,
    MemRefType,
    RankedTensorType,
    Type,
    VectorType,
    f32,
    f64,
    i64,
)
from dialir.dialects.arith.ops import CMPF_PREDICATES, CMPI_PREDICATES
from dialir.dialects.loop.affine.ops import (
    AffineApplyOp,
    AffineForOp,
    AffineLoadOp,
    AffineMaxOp,
    AffineMinOp,
    AffineStoreOp,
)

INDEX = IndexType()
Dim = int | Value  # a dimension size: static, or an index value
Index = AffineExpr | int


def d(i: int) -> AffineExpr:
    return AffineExpr.dim(i)


def signless(t: Type) -> Type:
    """The loop level's element type for an nn element type: unsigned integers become the
    signless integer of their width (arith computes on signless integers only)."""
    if isinstance(t, IntegerType) and not t.is_signless:
        return IntegerType(t.width)
    return t


def memref_of(t: RankedTensorType) -> MemRefType:
    return MemRefType(t.shape, signless(t.element_type))


# -- affine maps over operand lists ------------------------------------------------------------


def _used(e: AffineExpr, out: set[int]) -> None:
    if isinstance(e, AffineDimExpr):
        out.add(e.position)
    elif isinstance(e, AffineBinaryExpr):
        _used(e.lhs, out)
        _used(e.rhs, out)


def compact(exprs: Sequence[Index], operands: Sequence[Value]) -> tuple[AffineMap, list[Value]]:
    """A map of `exprs` (dims: positions in `operands`) over just the operands they use, each
    once (a repeated value shares one dim)."""
    lifted = [AffineExpr.constant(e) if isinstance(e, int) else e for e in exprs]
    used: set[int] = set()
    for e in lifted:
        _used(e, used)
    new_pos: dict[Value, int] = {}
    dims: list[AffineExpr | int] = [0] * len(operands)
    kept: list[Value] = []
    for i in sorted(used):
        v = operands[i]
        if v not in new_pos:
            new_pos[v] = len(kept)
            kept.append(v)
        dims[i] = d(new_pos[v])
    results = tuple(e.replace_dims_and_symbols(dims, ()) for e in lifted)
    return AffineMap(len(kept), 0, results), kept


def constant_of(e: Index) -> int | None:
    if isinstance(e, int):
        return e
    return e.value if isinstance(e, AffineConstantExpr) else None


class Shared:
    """What the emitters of one function share: the entry block, where every constant goes
    (once per value: loop bodies stay free of them), and the sizes of the buffers the
    lowering made (memref -> sizes), so a size is computed once, and whether a size is 1 (for
    broadcasting), asked once."""

    __slots__ = ("entry", "constants", "known", "ones")

    def __init__(self, entry: Block) -> None:
        self.entry = entry
        self.constants: dict[tuple, Value] = {}
        self.known: dict[Value, list[Dim]] = {}
        self.ones: dict[Value, Value] = {}


class Emitter:
    """Builds ops at `b`'s insertion point (a function body or a loop body); `top` for the
    function's top level (only its sizes are remembered: they dominate what follows)."""

    __slots__ = ("b", "shared", "top")

    def __init__(self, b: Builder, shared: Shared, top: bool = False) -> None:
        self.b = b
        self.shared = shared
        self.top = top

    @property
    def known(self) -> dict[Value, list[Dim]]:
        return self.shared.known

    # -- plain ops ------------------------------------------------------------------------------

    def op(self, name: str, *operands: Value, result_types: Sequence[Type] | None = None,
           **attrs: Any) -> Value:  # fmt: skip
        cls = lookup_op_class(name)
        op = cls(*operands, result_types=result_types, **attrs)
        return self.b.insert(op).results[0]

    def void(self, name: str, *operands: Value, **attrs: Any) -> None:
        cls = lookup_op_class(name)
        self.b.insert(cls(*operands, result_types=[], **attrs))

    def const(self, value: float | int | bool, t: Type) -> Value:
        if isinstance(t, FloatType):
            attr = FloatAttr(float(value), t)
        else:
            attr = IntegerAttr(_wrap(int(value), t), t)
        key = (t, repr(attr.value))
        found = self.shared.constants.get(key)
        if found is None:
            op = lookup_op_class("arith.constant")(value=attr, result_types=[t])
            found = self.shared.constants[key] = self.shared.entry.prepend(op).results[0]
        return found

    def splat(self, value: float, t: VectorType) -> Value:
        """An f32 vector constant with `value` in every lane (in the entry block, once)."""
        key = (t, repr(float(value)))
        found = self.shared.constants.get(key)
        if found is None:
            attr = DenseElementsAttr(t, np.full(t.shape, value, dtype=np.float32))
            op = lookup_op_class("arith.constant")(value=attr, result_types=[t])
            found = self.shared.constants[key] = self.shared.entry.prepend(op).results[0]
        return found

    def index(self, value: int) -> Value:
        return self.const(value, INDEX)

    def cmpf(self, pred: str, a: Value, b: Value) -> Value:
        return self.op("arith.cmpf", a, b, predicate=IntegerAttr(CMPF_PREDICATES.index(pred), i64))

    def cmpi(self, pred: str, a: Value, b: Value) -> Value:
        return self.op("arith.cmpi", a, b, predicate=IntegerAttr(CMPI_PREDICATES.index(pred), i64))

    def select(self, c: Value, a: Value, b: Value) -> Value:
        return self.op("arith.select", c, a, b)

    def index_cast(self, v: Value, t: Type) -> Value:
        return self.op("arith.index_cast", v, result_types=[t])

    def is_one(self, size: Value) -> Value:
        """`size == 1` (an i1); at the top level, computed once per size."""
        found = self.shared.ones.get(size) if self.top else None
        if found is None:
            found = self.cmpi("eq", size, self.index(1))
            if self.top:
                self.shared.ones[size] = found
        return found

    def assert_all(self, conditions: Sequence[Value], msg: str) -> None:
        """One cf.assert that all `conditions` hold (none: nothing)."""
        if not conditions:
            return
        ok = conditions[0]
        for c in conditions[1:]:
            ok = self.op("arith.andi", ok, c)
        self.void("cf.assert", ok, msg=StringAttr(msg))

    # -- dimensions -----------------------------------------------------------------------------

    def dim(self, memref: Value, i: int) -> Dim:
        n = memref.type.shape[i]
        if n is not None:
            return n
        sizes = self.known.get(memref)
        if sizes is not None and sizes[i] is not None:
            return sizes[i]
        v = self.op("memref.dim", memref, self.index(i))
        if self.top:
            self.known.setdefault(memref, [None] * memref.type.rank)[i] = v
        return v

    def dims(self, memref: Value) -> list[Dim]:
        return [self.dim(memref, i) for i in range(memref.type.rank)]

    def apply(self, fn: Callable[..., AffineExpr | int], *sizes: Dim) -> Dim:
        """`fn` of sizes: an int when all are static, else an affine.apply."""
        if all(isinstance(s, int) for s in sizes):
            return int(fn(*sizes))
        operands = [s for s in sizes if not isinstance(s, int)]
        args, k = [], 0
        for s in sizes:
            if isinstance(s, int):
                args.append(s)
            else:
                args.append(d(k))
                k += 1
        e = fn(*args)
        c = constant_of(e)
        if c is not None:
            return c
        m, kept = compact([e], operands)
        return self.b.insert(AffineApplyOp(m, kept)).results[0]

    def as_value(self, s: Dim) -> Value:
        return self.index(s) if isinstance(s, int) else s

    def mul_sizes(self, sizes: Sequence[Dim]) -> Dim:
        """The product of sizes (arith.muli where two are dynamic: not affine)."""
        static = math.prod(s for s in sizes if isinstance(s, int))
        dynamic = [s for s in sizes if not isinstance(s, int)]
        if not dynamic:
            return static
        acc = dynamic[0]
        for s in dynamic[1:]:
            acc = self.op("arith.muli", acc, s)
        return acc if static == 1 else self.apply(lambda x: x * static, acc)

    def affine_min(self, exprs: Sequence[Index], operands: Sequence[Value]) -> Value:
        m, kept = compact(exprs, operands)
        return self.b.insert(AffineMinOp(m, kept)).results[0]

    def affine_max(self, exprs: Sequence[Index], operands: Sequence[Value]) -> Value:
        m, kept = compact(exprs, operands)
        return self.b.insert(AffineMaxOp(m, kept)).results[0]

    # -- loops ----------------------------------------------------------------------------------

    def loop(self, lower: Any, upper: Any, body: Callable, iter_args: Sequence[Value] = (),
             step: int = 1) -> list[Value]:  # fmt: skip
        """One affine.for; `body(e, iv, iter_args)` builds with Emitter `e` and returns the
        values to yield (or None). A bound is an int, an index Value, or (exprs, operands):
        the max (lower) or min (upper) of the expressions."""

        def fill(b: Builder, iv: Value, args: list[Value]) -> Any:
            return body(Emitter(b, self.shared), iv, args)

        op = AffineForOp.build(
            self.b, _bound(lower), _bound(upper), step=step, iter_args=iter_args, body=fill
        )
        return list(op.results)

    def nest(self, sizes: Sequence[Dim], body: Callable[[Emitter, list[Value]], None]) -> None:
        """A zero-based nest over `sizes` (row-major: the last size innermost); a static size
        of 1 gets no loop (its index is the constant 0 in `ivs`)."""
        self._nest(list(sizes), [], body)

    def _nest(self, sizes: list[Dim], ivs: list, body: Callable) -> None:
        if len(ivs) == len(sizes):
            body(self, ivs)
            return
        n = sizes[len(ivs)]
        if n == 1:
            self._nest(sizes, [*ivs, 0], body)
            return
        self.loop(0, n, lambda e, iv, _: e._nest(sizes, [*ivs, iv], body))

    def reduce(self, ranges: Sequence[Any], inits: Sequence[Value],
               body: Callable[[Emitter, list, list[Value]], Sequence[Value]]) -> list[Value]:  # fmt: skip
        """Nested loops carrying `inits` through iter_args (a reduction nest): `ranges` are
        sizes (0 to n; a static 1 gets no loop) or (lower, upper) bound pairs as `loop` takes
        them; `body(e, ivs, accs)` returns the next accumulators; returns the final ones."""
        ranges = list(ranges)

        def rec(e: Emitter, ivs: list, accs: list[Value]) -> list[Value]:
            k = len(ivs)
            if k == len(ranges):
                return list(body(e, ivs, accs))
            r = ranges[k]
            if r == 1:
                return rec(e, [*ivs, 0], accs)
            lower, upper = r if isinstance(r, tuple) else (0, r)
            return e.loop(lower, upper, lambda e2, iv, args: rec(e2, [*ivs, iv], args), accs)

        return rec(self, [], list(inits))

    def count(self, n: Dim, t: Type) -> Value:
        """A size as a float of type `t`."""
        if isinstance(n, int):
            return self.const(float(n), t)
        return self.op("arith.sitofp", self.index_cast(n, i64), result_types=[t])

    # -- accesses -------------------------------------------------------------------------------

    def load(self, memref: Value, exprs: Sequence[Index], operands: Sequence[Value]) -> Value:
        m, kept = compact(exprs, operands)
        return self.b.insert(AffineLoadOp(memref, m, kept)).results[0]

    def store(self, value: Value, memref: Value, exprs: Sequence[Index],
              operands: Sequence[Value]) -> None:  # fmt: skip
        m, kept = compact(exprs, operands)
        self.b.insert(AffineStoreOp(value, memref, m, kept))

    def load_at(self, memref: Value, ivs: Sequence[Value | int]) -> Value:
        """Load at a point whose coordinates are ivs (Values) or constants."""
        exprs, operands = point(ivs)
        return self.load(memref, exprs, operands)

    def store_at(self, value: Value, memref: Value, ivs: Sequence[Value | int]) -> None:
        exprs, operands = point(ivs)
        self.store(value, memref, exprs, operands)


def point(ivs: Sequence[Value | int]) -> tuple[list[Index], list[Value]]:
    """Exprs and operands of a point given as Values or constants."""
    exprs: list[Index] = []
    operands: list[Value] = []
    for v in ivs:
        if isinstance(v, int):
            exprs.append(v)
        else:
            exprs.append(d(len(operands)))
            operands.append(v)
    return exprs, operands


def _bound(b: Any) -> Any:
    if isinstance(b, tuple):
        exprs, operands = b
        return compact(exprs, operands)
    return b


def _wrap(v: int, t: Type) -> int:
    """An integer constant as the signless attribute holds it (unsigned values wrapped)."""
    if isinstance(t, IntegerType) and t.width > 1:
        bits = t.width
        v &= (1 << bits) - 1
        return v - (1 << bits) if v >= 1 << (bits - 1) else v
    if isinstance(t, IntegerType) and t.width == 1:
        return -1 if v & 1 else 0
    return v


# -- element arithmetic ------------------------------------------------------------------------


class Scalar:
    """Arithmetic on values of one nn element type, as the loop level computes them: floats
    with arith's float ops, signed integers with the `s` ops, unsigned with the `u` ops (on
    their signless bits), i1 as booleans."""

    __slots__ = ("nn_type", "t", "is_float", "unsigned", "is_bool")

    def __init__(self, nn_type: Type) -> None:
        self.nn_type = nn_type
        self.t = signless(nn_type)
        self.is_float = isinstance(nn_type, FloatType)
        self.unsigned = isinstance(nn_type, IntegerType) and nn_type.signedness == "unsigned"
        self.is_bool = isinstance(nn_type, IntegerType) and nn_type.width == 1

    def _pick(self, f: str, s: str, u: str) -> str:
        return f if self.is_float else (u if self.unsigned or self.is_bool else s)

    def add(self, e: Emitter, a: Value, b: Value) -> Value:
        if self.is_bool:
            return e.op("arith.ori", a, b)
        return e.op("arith.addf" if self.is_float else "arith.addi", a, b)

    def sub(self, e: Emitter, a: Value, b: Value) -> Value:
        return e.op("arith.subf" if self.is_float else "arith.subi", a, b)

    def mul(self, e: Emitter, a: Value, b: Value) -> Value:
        if self.is_bool:
            return e.op("arith.andi", a, b)
        return e.op("arith.mulf" if self.is_float else "arith.muli", a, b)

    def div(self, e: Emitter, a: Value, b: Value) -> Value:
        """Integer division truncates toward zero (ONNX Div, arith.divsi)."""
        return e.op(self._pick("arith.divf", "arith.divsi", "arith.divui"), a, b)

    def max(self, e: Emitter, a: Value, b: Value) -> Value:
        """NaN-propagating for floats, as numpy.maximum."""
        if self.is_bool:
            return e.op("arith.ori", a, b)
        return e.op(self._pick("arith.maximumf", "arith.maxsi", "arith.maxui"), a, b)

    def min(self, e: Emitter, a: Value, b: Value) -> Value:
        if self.is_bool:
            return e.op("arith.andi", a, b)
        return e.op(self._pick("arith.minimumf", "arith.minsi", "arith.minui"), a, b)

    def cmp(self, e: Emitter, pred: str, a: Value, b: Value) -> Value:
        """`pred` is eq, lt or gt (ordered for floats, signed or unsigned for integers)."""
        if self.is_float:
            return e.cmpf({"eq": "oeq", "lt": "olt", "gt": "ogt"}[pred], a, b)
        if pred == "eq":
            return e.cmpi("eq", a, b)
        return e.cmpi(("u" if self.unsigned or self.is_bool else "s") + pred, a, b)

    def const(self, e: Emitter, value: float | int) -> Value:
        return e.const(value, self.t)

    def zero(self, e: Emitter) -> Value:
        return self.const(e, 0)

    def lowest(self, e: Emitter) -> Value:
        """The identity of max: -inf, or the type's smallest integer."""
        if self.is_float:
            return self.const(e, -math.inf)
        if self.is_bool or self.unsigned:
            return self.const(e, 0)
        return self.const(e, -(1 << (self.t.width - 1)))

    def highest(self, e: Emitter) -> Value:
        if self.is_float:
            return self.const(e, math.inf)
        if self.is_bool or self.unsigned:
            return self.const(e, (1 << self.t.width) - 1)
        return self.const(e, (1 << (self.t.width - 1)) - 1)

    def to_float(self, e: Emitter, v: Value, t: FloatType) -> Value:
        """`v` converted to float type `t` (widened, narrowed or from an integer)."""
        if self.is_float:
            return float_cast(e, v, t)
        return e.op("arith.uitofp" if self.unsigned or self.is_bool else "arith.sitofp", v,
                    result_types=[t])  # fmt: skip

    def from_float(self, e: Emitter, v: Value) -> Value:
        """A float value converted back to this type (integers truncate toward zero)."""
        if self.is_float:
            return float_cast(e, v, self.t)
        return e.op("arith.fptoui" if self.unsigned else "arith.fptosi", v, result_types=[self.t])

    def accumulator(self) -> Scalar:
        """The type sums and products of this type accumulate in: f32 for f16 and bf16 (the
        reference's accumulation precision), the type itself otherwise."""
        if self.is_float and self.t.width < 32:
            return Scalar(f32)
        return self


def float_cast(e: Emitter, v: Value, t: Type) -> Value:
    src = v.type
    if src is t:
        return v
    if src.width == t.width:  # f16 <-> bf16: through f32 (arith.extf needs a wider result)
        v = e.op("arith.extf", v, result_types=[f32])
        src = f32
    name = "arith.extf" if t.width > src.width else "arith.truncf"
    return e.op(name, v, result_types=[t])


def stats_type(t: Type) -> FloatType:
    """The float type normalization statistics are computed in (f32, or f64 for f64)."""
    return f64 if isinstance(t, FloatType) and t.kind == "f64" else f32


def splat_value(arr: np.ndarray | None) -> Any:
    """The single value of a constant array whose elements are all equal, else None."""
    if arr is None or arr.size == 0:
        return None
    flat = arr.reshape(-1)
    first = flat[0]
    if arr.size > 1 and not bool(np.all(flat == first)):
        return None
    return first.item()
