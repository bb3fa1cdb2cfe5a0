"""nn-fuse-elementwise: fuses bias additions into `nn.conv2d` / `nn.gemm` / `nn.matmul`, and
chains of elementwise ops into single `nn.elementwise` ops with a scalar `arith`/`math`
body, marked as the `epilogue` of a conv/matmul/gemm producer where there is one.

1. Bias: `add(conv2d(x, w, b), c)` with a constant per-channel c -> `conv2d(x, w, b + c)`;
   `add(gemm(a, b), c)` -> `gemm(a, b, c)`; `add(matmul(a, b), c)` (2-D) -> `gemm(a, b, c)`;
   each only when the producer has no other use.
2. Chains: walking each block backwards, an elementwise op (unary, broadcasting binary,
   comparison, where, clip, float cast) on float elements starts a group, which takes in
   every elementwise producer whose results are used only inside the group and whose shape
   is the group's (a broadcast producer, or one with users outside, would be computed
   twice). A group of two or more ops becomes one `nn.elementwise`; splat constants
   become `arith.constant`s in its body.
3. Epilogue: a group (even of one op) whose input is the single-use result of an
   `nn.conv2d`, `nn.matmul` or `nn.gemm` of the group's type takes that input first and
   gets the `epilogue` unit attribute, which tells the loop lowering to apply the body
   while storing the producer's result.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dialir.core.ir.attrs import FloatAttr, IntegerAttr, UnitAttr
from dialir.core.ir.dialect import lookup_op_class
from dialir.core.ir.operation import Block, Operation, OpResult, Region, Value
from dialir.core.ir.types import FloatType, RankedTensorType, Type, i64
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.patterns import (
    GreedyRewriteConfig,
    GreedyRewriteDriver,
    PatternRewriter,
    rewrite_pattern,
)
from dialir.dialects.nn.elements import array_to_attr
from dialir.dialects.nn.ops import (
    AddOp,
    ConstantOp,
    Conv2DOp,
    ElementwiseOp,
    GemmOp,
    MatMulOp,
    YieldOp,
    constant_array,
)

_FUSIBLE_ELEMENTS = ("f16", "f32", "f64")  # bf16 would need rounding after every body op


# -- 1. bias additions -------------------------------------------------------------------------


def _producer_and_addend(add: AddOp, cls: type) -> tuple[Operation, Value] | None:
    for value, other in ((add.lhs, add.rhs), (add.rhs, add.lhs)):
        if isinstance(value, OpResult) and isinstance(value.owner, cls) and value.has_one_use:
            if value.type is add.results[0].type:
                return value.owner, other
    return None


@rewrite_pattern(AddOp)
def FuseBiasIntoConv(add: AddOp, rewriter: PatternRewriter) -> bool:
    """add(conv2d(x, w, b), c) -> conv2d(x, w, b + c), c constant and per output channel
    (shape [M, 1, 1] or [1, M, 1, 1], or a splat)."""
    found = _producer_and_addend(add, Conv2DOp)
    if found is None:
        return False
    conv, c = found
    cw = constant_array(c)
    b = None if conv.bias is None else constant_array(conv.bias)
    if cw is None or (conv.bias is not None and b is None) or cw.ndim > 4:
        return False
    m = conv.weight.type.shape[0]
    aligned = cw.reshape((1,) * (4 - cw.ndim) + cw.shape)
    if aligned.shape[0] != 1 or aligned.shape[2:] != (1, 1) or aligned.shape[1] not in (1, m):
        return False
    bias = np.broadcast_to(aligned.reshape(-1), (m,)).astype(np.float64)
    if b is not None:
        bias = bias + b.astype(np.float64)
    dtype = constant_array(conv.weight)
    dtype = cw.dtype if dtype is None else dtype.dtype
    rewriter.set_insertion_point(conv)
    const = rewriter.create(ConstantOp, value=array_to_attr(bias.astype(dtype)))
    new = Conv2DOp(
        conv.input, conv.weight, const.result, result_types=[add.results[0].type],
        location=conv.location, attributes=dict(conv.attributes), **dict(conv.properties),
    )  # fmt: skip
    rewriter.replace_op_with(add, new)
    rewriter.erase_op(conv)
    return True


def _broadcasts_into(t: Type, shape: tuple) -> bool:
    if not isinstance(t, RankedTensorType) or t.rank > len(shape):
        return False
    return all(d == 1 or d == e for d, e in zip(reversed(t.shape), reversed(shape)))


@rewrite_pattern(AddOp)
def FuseBiasIntoGemm(add: AddOp, rewriter: PatternRewriter) -> bool:
    """add(gemm(a, b), c) -> gemm(a, b, c) and add(matmul(a, b), c) -> gemm(a, b, c) for 2-D
    a and b, when c broadcasts into the result without changing it."""
    found = _producer_and_addend(add, GemmOp) or _producer_and_addend(add, MatMulOp)
    if found is None:
        return False
    op, c = found
    shape = add.results[0].type.shape
    if not _broadcasts_into(c.type, shape) or c.type.element_type is not add.lhs.type.element_type:
        return False
    if isinstance(op, GemmOp):
        if op.c is not None:
            return False
        new = GemmOp(
            op.a, op.b, c, result_types=[add.results[0].type], location=op.location,
            attributes=dict(op.attributes),
            **{k: v for k, v in op.properties.items() if k != "beta"},
        )  # fmt: skip
    else:
        if op.lhs.type.rank != 2 or op.rhs.type.rank != 2:
            return False
        new = GemmOp(op.lhs, op.rhs, c, result_types=[add.results[0].type], location=op.location)
    rewriter.replace_op_with(add, new)
    rewriter.erase_op(op)
    return True


# -- 2. scalar bodies --------------------------------------------------------------------------

Emit = Callable[["_Body", Operation, list[Value]], Value]
_CMPF = {"oeq": 1, "ogt": 2, "olt": 4}


class _Body:
    """Builds the scalar body block of an nn.elementwise."""

    def __init__(self, block: Block) -> None:
        self.block = block

    def op(self, name: str, *operands: Value, result_types=None, **attrs) -> Value:
        cls = lookup_op_class(name)
        return self.block.append(cls(*operands, result_types=result_types, **attrs)).results[0]

    def const(self, value: float, t: Type) -> Value:
        if isinstance(t, FloatType):
            attr = FloatAttr(float(value), t)
        else:
            attr = IntegerAttr(int(value), t)
        return self.op("arith.constant", value=attr, result_types=[t])

    def cmp(self, pred: str, a: Value, b: Value) -> Value:
        return self.op("arith.cmpf", a, b, predicate=IntegerAttr(_CMPF[pred], i64))


def _binary(name: str) -> Emit:
    return lambda b, op, xs: b.op(name, xs[0], xs[1])


def _unary(name: str) -> Emit:
    return lambda b, op, xs: b.op(name, xs[0])


def _relu(b: _Body, op: Operation, xs: list[Value]) -> Value:
    return b.op("arith.maximumf", xs[0], b.const(0.0, xs[0].type))


def _sigmoid(b: _Body, op: Operation, xs: list[Value]) -> Value:
    one = b.const(1.0, xs[0].type)
    e = b.op("math.exp", b.op("arith.negf", xs[0]))
    return b.op("arith.divf", one, b.op("arith.addf", one, e))


def _leaky_relu(b: _Body, op: Operation, xs: list[Value]) -> Value:
    x = xs[0]
    scaled = b.op("arith.mulf", x, b.const(op.attr_value("alpha"), x.type))
    return b.op("arith.select", b.cmp("ogt", x, b.const(0.0, x.type)), x, scaled)


def _gelu(b: _Body, op: Operation, xs: list[Value]) -> Value:
    x = xs[0]
    t = x.type
    if op.attr_value("approximate") == "tanh":
        cube = b.op("arith.mulf", b.op("arith.mulf", x, x), x)
        inner = b.op("arith.addf", x, b.op("arith.mulf", cube, b.const(0.044715, t)))
        inner = b.op("arith.mulf", inner, b.const(math.sqrt(2 / math.pi), t))
        core = b.op("math.tanh", inner)
    else:
        core = b.op("math.erf", b.op("arith.mulf", x, b.const(1 / math.sqrt(2), t)))
    half_x = b.op("arith.mulf", x, b.const(0.5, t))
    return b.op("arith.mulf", half_x, b.op("arith.addf", core, b.const(1.0, t)))


def _clip(b: _Body, op: Operation, xs: list[Value]) -> Value:
    x, rest = xs[0], list(xs[1:])
    if op.min is not None:
        x = b.op("arith.maximumf", x, rest.pop(0))
    if op.max is not None:
        x = b.op("arith.minimumf", x, rest.pop(0))
    return x


def _cast(b: _Body, op: Operation, xs: list[Value]) -> Value:
    src, dst = xs[0].type, op.results[0].type.element_type
    if src is dst:
        return xs[0]
    name = "arith.extf" if dst.width > src.width else "arith.truncf"
    return b.op(name, xs[0], result_types=[dst])


_EMIT: dict[str, Emit] = {
    "nn.add": _binary("arith.addf"),
    "nn.sub": _binary("arith.subf"),
    "nn.mul": _binary("arith.mulf"),
    "nn.div": _binary("arith.divf"),
    "nn.pow": _binary("math.powf"),
    "nn.max": _binary("arith.maximumf"),
    "nn.min": _binary("arith.minimumf"),
    "nn.equal": lambda b, op, xs: b.cmp("oeq", xs[0], xs[1]),
    "nn.less": lambda b, op, xs: b.cmp("olt", xs[0], xs[1]),
    "nn.greater": lambda b, op, xs: b.cmp("ogt", xs[0], xs[1]),
    "nn.where": lambda b, op, xs: b.op("arith.select", xs[0], xs[1], xs[2]),
    "nn.neg": _unary("arith.negf"),
    "nn.abs": _unary("math.absf"),
    "nn.tanh": _unary("math.tanh"),
    "nn.exp": _unary("math.exp"),
    "nn.log": _unary("math.log"),
    "nn.sqrt": _unary("math.sqrt"),
    "nn.erf": _unary("math.erf"),
    "nn.identity": lambda b, op, xs: xs[0],
    "nn.relu": _relu,
    "nn.sigmoid": _sigmoid,
    "nn.leaky_relu": _leaky_relu,
    "nn.gelu": _gelu,
    "nn.clip": _clip,
    "nn.cast": _cast,
}


def _float_elements(t: Type) -> bool:
    return isinstance(t, RankedTensorType) and str(t.element_type) in _FUSIBLE_ELEMENTS


def _fusible(op: Operation) -> bool:
    """An elementwise nn op on float elements (i1 allowed for conditions and comparisons)."""
    if op.name not in _EMIT or len(op.results) != 1:
        return False
    values = [*op.operands, op.results[0]]
    if op.name == "nn.where":
        values = values[1:]
    elif op.name in ("nn.equal", "nn.less", "nn.greater"):
        values = values[:-1]
    return all(_float_elements(v.type) for v in values)


def _splat(value: Value) -> float | None:
    arr = constant_array(value)
    if arr is None or arr.size == 0 or arr.dtype == np.bool_:
        return None
    first = arr.reshape(-1)[0]
    return float(first) if bool(np.all(arr == first)) else None


# -- 3. groups ---------------------------------------------------------------------------------

_PRODUCERS = (Conv2DOp, MatMulOp, GemmOp)


def _collect(root: Operation, taken: set[Operation]) -> list[Operation]:
    """The group rooted at `root`: producers whose every use is inside the group and whose
    result has the root's shape (fusing them duplicates no work)."""
    shape = root.results[0].type.shape
    block = root.parent
    members = {root}
    stack = [root]
    while stack:
        op = stack.pop()
        for v in op.operands:
            p = v.owner if isinstance(v, OpResult) else None
            if p is None or p in members or p in taken or p.parent is not block:
                continue
            if not _fusible(p) or p.results[0].type.shape != shape:
                continue
            if all(u.owner in members for u in v.uses):
                members.add(p)
                stack.append(p)
            # else: another user may join later, and then this producer is seen again
    return list(members)


def _epilogue_source(inputs: list[Value], t: RankedTensorType) -> Value | None:
    for v in inputs:
        if isinstance(v, OpResult) and isinstance(v.owner, _PRODUCERS) and v.has_one_use:
            if v.type is t or (v.type.shape == t.shape and _float_elements(v.type)):
                return v
    return None


def _fuse(members: list[Operation], order: dict[Operation, int]) -> ElementwiseOp | None:
    members.sort(key=order.__getitem__)
    root = members[-1]
    inner = set(members)
    inputs: list[Value] = []
    seen: set[Value] = set()
    for op in members:
        for v in op.operands:
            owner = v.owner if isinstance(v, OpResult) else None
            if owner in inner or v in seen or _splat(v) is not None:
                continue
            seen.add(v)
            inputs.append(v)
    rt = root.results[0].type
    epilogue = _epilogue_source(inputs, rt)
    if len(members) < 2 and epilogue is None:
        return None
    if epilogue is not None:
        inputs.remove(epilogue)
        inputs.insert(0, epilogue)
    block = Block([v.type.element_type for v in inputs])
    body = _Body(block)
    scalar: dict[Value, Value] = dict(zip(inputs, block.args))
    for op in members:
        xs = []
        for v in op.operands:
            if v not in scalar:
                scalar[v] = body.const(_splat(v), v.type.element_type)
            xs.append(scalar[v])
        scalar[op.results[0]] = _EMIT[op.name](body, op, xs)
    block.append(YieldOp([scalar[root.results[0]]]))
    return ElementwiseOp(
        inputs, epilogue=UnitAttr() if epilogue is not None else None, result_types=[rt],
        regions=[Region([block])], location=root.location,
    )  # fmt: skip


def fuse_block(block: Block) -> tuple[int, int]:
    """Fuse the elementwise groups of `block`; (new ops, ops fused into them)."""
    ops = list(block.ops)
    order = {op: i for i, op in enumerate(ops)}
    taken: set[Operation] = set()
    made = fused = 0
    for op in reversed(ops):
        if op in taken or not _fusible(op):
            continue
        members = _collect(op, taken)
        new = _fuse(members, order)
        if new is None:
            continue
        taken.update(members)
        block.insert_before(op, new)
        op.results[0].replace_all_uses_with(new.results[0])
        consts = {v.owner for m in members for v in m.operands if _splat(v) is not None}
        for m in sorted(members, key=order.__getitem__, reverse=True):
            m.erase()
        for c in consts:  # splats now inlined into the body
            if not any(r.has_uses for r in c.results):
                c.erase()
        made += 1
        fused += len(members)
    return made, fused


@register_pass
@dataclass
class NNFuseElementwise(Pass):
    name = "nn-fuse-elementwise"
    summary = "Fuse bias additions into conv2d/gemm and elementwise chains into nn.elementwise"
    op_name = "func.func"
    dependent_dialects = ("arith", "math")
    statistics = {
        "num-bias-fused": "bias additions folded into conv2d/gemm",
        "num-fused-ops": "nn.elementwise ops created",
        "num-ops-fused": "elementwise ops absorbed into nn.elementwise ops",
    }

    def run(self, op: Operation) -> None:
        adds = _count(op, AddOp)
        patterns = [FuseBiasIntoConv(), FuseBiasIntoGemm()]
        GreedyRewriteDriver(patterns, config=GreedyRewriteConfig(fold=False)).run(op)
        self.count("num-bias-fused", adds - _count(op, AddOp))
        blocks = [b for inner in op.walk() for r in inner.regions for b in r.blocks]
        for block in blocks:
            made, fused = fuse_block(block)
            self.count("num-fused-ops", made)
            self.count("num-ops-fused", fused)


def _count(op: Operation, cls: type) -> int:
    return sum(isinstance(inner, cls) for inner in op.walk())
