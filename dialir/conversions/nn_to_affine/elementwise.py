"""Elementwise nn ops -> one loop nest over the result, row-major (the last dimension
innermost, so loads and stores walk memory contiguously), each input read at its broadcast
index (a size-1 dimension reads index 0), splat constants as `arith.constant`s hoisted out of
the nest. `nn.elementwise` clones its scalar body into the nest: a fused chain is ONE loop
nest. Its `epilogue` form is applied by the producer's lowering (linalg.py) as it stores.
"""

from __future__ import annotations

import math
from collections import ChainMap
from collections.abc import Callable, Sequence

from dialir.conversions.nn_to_affine.cast import convert
from dialir.conversions.nn_to_affine.emit import (
    Dim,
    Emitter,
    Scalar,
    signless,
    splat_value,
)
from dialir.conversions.nn_to_affine.lowering import FunctionLowering, fail, lowering
from dialir.core.ir.attrs import FloatAttr, IntegerAttr
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import IntegerType, f64
from dialir.dialects.nn.ops import ElementwiseOp

# -- broadcasting -------------------------------------------------------------------------------
# ONNX's multidirectional broadcasting (numpy's): trailing dimensions aligned, each input's size
# the result's or 1. A dynamic size may be 1 at run time while the result's is not: that input
# is then read at index 0, as a condition computed once at the function's top level says.


def broadcast_size(e: Emitter, dims: Sequence[Dim], checks: list[Value],
                   known: Dim | None = None) -> Dim:  # fmt: skip
    """The size `dims` broadcast to (`known` when the result's type or producer fixes it);
    appends to `checks` the run-time conditions that each dynamic one is that size or 1."""
    dynamic = list(dict.fromkeys(x for x in dims if not isinstance(x, int)))
    size: Dim | None = known
    if size is None:
        size = next((x for x in dims if isinstance(x, int) and x != 1), None)
    if size is None:
        if not dynamic:
            return 1
        size = dynamic[0]  # the first size other than 1 at run time
        for x in dynamic[1:]:
            size = e.select(e.is_one(size), x, size)
        dynamic = dynamic[1:]  # the first is the size or 1 by construction
    for x in dynamic:
        if x is not size:
            fits = e.cmpi("eq", x, e.as_value(size))
            if size != 1:
                fits = e.op("arith.ori", fits, e.is_one(x))
            checks.append(fits)
    return size


class Broadcast:
    """A memref read at the points of a nest over `sizes`, broadcast: per dimension at the
    nest's index, at 0 (a static 1, or a result size of 1), or at 0 when an i1 Value (its
    run-time size is 1, computed at the top level) says so."""

    __slots__ = ("memref", "offset", "zero")

    def __init__(self, e: Emitter, memref: Value, sizes: Sequence[Dim]) -> None:
        self.memref = memref
        self.offset = len(sizes) - memref.type.rank
        self.zero = [_reads_zero(e, x, n) for x, n in zip(e.dims(memref), sizes[self.offset :])]

    def read(self, e: Emitter, ivs: Sequence[Value | int]) -> Value:
        at = ivs[self.offset :]
        if all(isinstance(z, bool) for z in self.zero):
            return e.load_at(self.memref, [0 if z else iv for z, iv in zip(self.zero, at)])
        # A run-time choice of index is no affine subscript: a memref.load.
        zero = e.index(0)
        index = [zero if z is True else e.as_value(iv) if z is False
                 else e.select(z, zero, e.as_value(iv)) for z, iv in zip(self.zero, at)]  # fmt: skip
        return e.op("memref.load", self.memref, index)


def _reads_zero(e: Emitter, x: Dim, size: Dim) -> bool | Value:
    if x == 1 or size == 1:
        return True
    if isinstance(x, int) or x is size:
        return False
    return e.is_one(x)


def broadcast_sizes(fl: FunctionLowering, result: Value, inputs: Sequence[Value],
                    known: Sequence[Dim | None] | None = None) -> list[Dim]:  # fmt: skip
    """The result's sizes, broadcast from the inputs' (`known`: those its type or its
    producer fixed), with a cf.assert that each input's dynamic sizes are the result's or 1."""
    shape = result.type.shape
    checks: list[Value] = []
    sizes: list[Dim] = []
    for k, n in enumerate(shape if known is None else known):
        dims: list[Dim] = []
        for v in inputs:
            j = k - (len(shape) - v.type.rank)
            if j >= 0:
                m = v.type.shape[j]
                dims.append(fl.e.dim(fl.value(v), j) if m is None else m)
        sizes.append(broadcast_size(fl.e, dims, checks, n))
    fl.e.assert_all(checks, f"{result.owner.name}: operand sizes are not broadcast-compatible")
    return sizes


class Input:
    """An nn operand as a loop nest reads it: a hoisted scalar (splat constant) or a memref
    (read broadcast to the nest's `sizes`, when given)."""

    __slots__ = ("memref", "scalar", "broadcast")

    def __init__(self, fl: FunctionLowering, v: Value, sizes: Sequence[Dim] | None = None) -> None:
        self.memref = None
        self.scalar = None
        self.broadcast = None
        splat = splat_value(fl.constant(v))
        if splat is not None:
            self.scalar = fl.e.const(splat, signless(v.type.element_type))
            return
        self.memref = fl.value(v)
        if sizes is not None:
            self.broadcast = Broadcast(fl.e, self.memref, sizes)

    def read(self, e: Emitter, ivs: Sequence[Value | int]) -> Value:
        if self.scalar is not None:
            return self.scalar
        return self.broadcast.read(e, ivs)


def pointwise(fl: FunctionLowering, result: Value, inputs: Sequence[Value],
              fn: Callable[[Emitter, list[Value]], Value]) -> Value:  # fmt: skip
    """One nest over `result` computing fn(loaded inputs) per element."""
    sizes = broadcast_sizes(fl, result, inputs)
    readers = [Input(fl, v, sizes) for v in inputs]
    out = fl.alloc_result(result, sizes)

    def body(e: Emitter, ivs: list) -> None:
        xs = [r.read(e, ivs) for r in readers]
        e.store_at(fn(e, xs), out, ivs)

    fl.e.nest(sizes, body)
    return out


# -- scalar semantics of each op ---------------------------------------------------------------

Emit = Callable[[Emitter, Scalar, list[Value], Operation], Value]


def _bin(method: str) -> Emit:
    return lambda e, s, xs, op: getattr(s, method)(e, xs[0], xs[1])


def _cmp(pred: str) -> Emit:
    return lambda e, s, xs, op: s.cmp(e, pred, xs[0], xs[1])


def _float_only(name: str) -> Emit:
    return lambda e, s, xs, op: e.op(name, xs[0])


def _neg(e: Emitter, s: Scalar, xs: list[Value], op: Operation) -> Value:
    if s.is_float:
        return e.op("arith.negf", xs[0])
    return e.op("arith.subi", s.zero(e), xs[0])


def _abs(e: Emitter, s: Scalar, xs: list[Value], op: Operation) -> Value:
    if s.is_float:
        return e.op("math.absf", xs[0])
    return xs[0] if s.unsigned else e.op("math.absi", xs[0])


def _relu(e: Emitter, s: Scalar, xs: list[Value], op: Operation) -> Value:
    return s.max(e, xs[0], s.zero(e))


def _erf(e: Emitter, s: Scalar, xs: list[Value], op: Operation) -> Value:
    if s.is_float:
        return e.op("math.erf", xs[0])
    return s.from_float(e, e.op("math.erf", s.to_float(e, xs[0], f64)))  # as the reference


def _sigmoid(e: Emitter, s: Scalar, xs: list[Value], op: Operation) -> Value:
    one = s.const(e, 1.0)
    ex = e.op("math.exp", e.op("arith.negf", xs[0]))
    return e.op("arith.divf", one, e.op("arith.addf", one, ex))


def _leaky_relu(e: Emitter, s: Scalar, xs: list[Value], op: Operation) -> Value:
    x = xs[0]
    scaled = e.op("arith.mulf", x, s.const(e, op.attr_value("alpha")))
    return e.select(e.cmpf("ogt", x, s.zero(e)), x, scaled)


def _gelu(e: Emitter, s: Scalar, xs: list[Value], op: Operation) -> Value:
    x = xs[0]
    mul, add = (lambda a, b: e.op("arith.mulf", a, b)), (lambda a, b: e.op("arith.addf", a, b))
    if op.attr_value("approximate") == "tanh":
        cube = mul(mul(x, x), x)
        inner = mul(add(x, mul(cube, s.const(e, 0.044715))), s.const(e, math.sqrt(2 / math.pi)))
        core = e.op("math.tanh", inner)
    else:
        core = e.op("math.erf", mul(x, s.const(e, 1 / math.sqrt(2))))
    return mul(mul(x, s.const(e, 0.5)), add(core, s.const(e, 1.0)))


def _pow(e: Emitter, s: Scalar, xs: list[Value], op: Operation) -> Value:
    base, exp = xs
    es = Scalar(op.rhs.type.element_type)
    if s.is_float:
        return e.op("math.powf", base, es.to_float(e, exp, s.t))
    if es.is_float:  # an integer to a float power: computed in the float type, truncated
        return s.from_float(e, e.op("math.powf", s.to_float(e, base, es.t), exp))
    if es.t.width != s.t.width:
        name = "arith.trunci" if es.t.width > s.t.width else (
            "arith.extui" if es.unsigned else "arith.extsi")  # fmt: skip
        exp = e.op(name, exp, result_types=[s.t])
    return e.op("math.ipowi", base, exp)


def _where(e: Emitter, s: Scalar, xs: list[Value], op: Operation) -> Value:
    return e.select(xs[0], xs[1], xs[2])


def _identity(e: Emitter, s: Scalar, xs: list[Value], op: Operation) -> Value:
    return xs[0]


EMIT: dict[str, Emit] = {
    "nn.add": _bin("add"), "nn.sub": _bin("sub"), "nn.mul": _bin("mul"), "nn.div": _bin("div"),
    "nn.max": _bin("max"), "nn.min": _bin("min"), "nn.pow": _pow,
    "nn.equal": _cmp("eq"), "nn.less": _cmp("lt"), "nn.greater": _cmp("gt"),
    "nn.where": _where, "nn.neg": _neg, "nn.abs": _abs, "nn.relu": _relu,
    "nn.sigmoid": _sigmoid, "nn.tanh": _float_only("math.tanh"),
    "nn.exp": _float_only("math.exp"), "nn.log": _float_only("math.log"),
    "nn.sqrt": _float_only("math.sqrt"), "nn.erf": _erf, "nn.leaky_relu": _leaky_relu,
    "nn.gelu": _gelu,
}  # fmt: skip


def _scalar_of(op: Operation) -> Scalar:
    """The element arithmetic an op computes in: its data operand's (x for where)."""
    v = op.operand(1) if op.name == "nn.where" else op.operand(0)
    return Scalar(v.type.element_type)


@lowering(*EMIT)
def lower_elementwise(fl: FunctionLowering, op: Operation) -> list[Value]:
    s = _scalar_of(op)
    emit = EMIT[op.name]
    return [pointwise(fl, op.results[0], list(op.operands), lambda e, xs: emit(e, s, xs, op))]


@lowering("nn.identity")
def lower_identity(fl: FunctionLowering, op: Operation) -> list[Value]:
    return [fl.value(op.operand(0))]


@lowering("nn.clip")
def lower_clip(fl: FunctionLowering, op: Operation) -> list[Value]:
    s = Scalar(op.input.type.element_type)
    bounds = []
    for v, pick in ((op.min, s.max), (op.max, s.min)):
        if v is not None:
            bounds.append((_scalar_operand(fl, v), pick))

    def fn(e: Emitter, xs: list[Value]) -> Value:
        x = xs[0]
        for bound, pick in bounds:
            x = pick(e, x, bound)
        return x

    return [pointwise(fl, op.results[0], [op.input], fn)]


def _scalar_operand(fl: FunctionLowering, v: Value) -> Value:
    """A 0-d (or 1-element) operand's element, read once at the top level."""
    r = Input(fl, v)
    return r.scalar if r.scalar is not None else fl.e.load(r.memref, [0] * v.type.rank, [])


@lowering("nn.cast")
def lower_cast(fl: FunctionLowering, op: Operation) -> list[Value]:
    src = op.input.type.element_type
    dst = op.results[0].type.element_type

    def fn(e: Emitter, xs: list[Value]) -> Value:
        return convert(e, xs[0], src, dst, op.attr_value("saturate"), op.attr_value("round_mode"))

    return [pointwise(fl, op.results[0], [op.input], fn)]


# -- fused bodies ------------------------------------------------------------------------------


def apply_body(fl: FunctionLowering, e: Emitter, op: ElementwiseOp, xs: Sequence[Value]) -> Value:
    """Clone `op`'s scalar body at `e` on the element values `xs`; the yielded value. The
    body may use values of the function (canonicalize hoists its constants): their
    lowered counterparts. Its scalar constants go to the function's entry, out of the nest."""
    block = op.body.entry
    mapping = ChainMap(dict(zip(block.args, xs)), fl.values)
    result = None
    for inner in block.ops:
        if inner is block.terminator:
            result = mapping.get(inner.operands[0], inner.operands[0])
            break
        value = inner.get_attr("value")
        if inner.name == "arith.constant" and isinstance(value, (FloatAttr, IntegerAttr)):
            mapping[inner.results[0]] = e.const(value.value, inner.results[0].type)
            continue
        clone = inner.clone(mapping)
        e.b.insert(clone)
    return result


@lowering("nn.elementwise")
def lower_fused(fl: FunctionLowering, op: Operation) -> list[Value]:
    for v in op.operands:
        t = v.type.element_type
        if isinstance(t, IntegerType) and not t.is_signless:
            raise fail(op, "with unsigned inputs cannot be lowered (its body is signless)")
    return [
        pointwise(fl, op.results[0], list(op.operands), lambda e, xs: apply_body(fl, e, op, xs))
    ]


def epilogue_user(op: Operation) -> ElementwiseOp | None:
    """The `nn.elementwise {epilogue}` a conv/matmul/gemm result feeds, when the producer can
    apply it as it stores: the result's only use, as its first input, of the same shape."""
    (r,) = op.results
    if not r.has_one_use:
        return None
    user = next(iter(r.users))
    if not isinstance(user, ElementwiseOp) or user.get_attr("epilogue") is None:
        return None
    if user.operand(0) is not r or any(v is r for v in user.operands[1:]):
        return None
    if user.results[0].type.shape != r.type.shape:
        return None
    return user


class Epilogue:
    """Applies a fused epilogue (or nothing) to the value a producer stores at `ivs`."""

    __slots__ = ("fl", "op", "readers")

    def __init__(self, fl: FunctionLowering, op: ElementwiseOp | None, sizes: Sequence[Dim] = ()
                 ) -> None:  # fmt: skip
        self.fl = fl
        self.op = op
        self.readers = []
        if op is not None:
            # The producer fixed the sizes: the other inputs must broadcast to them.
            broadcast_sizes(fl, op.results[0], op.operands[1:], sizes)
            self.readers = [Input(fl, v, sizes) for v in op.operands[1:]]
            fl.done.add(op)

    def __call__(self, e: Emitter, value: Value, ivs: Sequence[Value | int]) -> Value:
        if self.op is None:
            return value
        xs = [value, *(r.read(e, ivs) for r in self.readers)]
        return apply_body(self.fl, e, self.op, xs)


def producer_buffer(fl: FunctionLowering, op: Operation, sizes: Sequence[Dim]) -> tuple:
    """(buffer, epilogue) for a conv/matmul/gemm result: the buffer of its fused epilogue's
    result when it has one (the producer's own result then needs none)."""
    user = epilogue_user(op)
    if user is None:
        return fl.alloc_result(op.results[0], sizes), Epilogue(fl, None)
    buf = fl.alloc_result(user.results[0], sizes)
    fl.values[user.results[0]] = buf
    return buf, Epilogue(fl, user, sizes)
