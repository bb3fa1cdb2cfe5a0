"""Instances of every registered op, generated from the op's own definition: operand and
result types drawn from a pool filtered by each field's constraint (SameAs fields share a
type), attributes from a pool filtered by their constraints (every enum case tried), regions
given the body their op needs, and the op placed in the parent it must sit in. Only
instances the verifier accepts are kept.

The fuzz campaigns use them as grammar-aware seeds that reach deep paths (valid IR of every
op), and the round-trip test checks that every op yields at least one.
"""

from __future__ import annotations

import itertools

import numpy as np

from dialir.core.ir.affine import AffineDimExpr, AffineMap, AffineSymbolExpr, IntegerSet
from dialir.core.ir.attrs import (
    AffineMapAttr,
    ArrayAttr,
    DenseArrayAttr,
    DenseElementsAttr,
    DictionaryAttr,
    FloatAttr,
    IntegerAttr,
    IntegerSetAttr,
    StringAttr,
    SymbolRefAttr,
    TypeAttr,
    UnitAttr,
)
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.dialect import load_all_dialects
from dialir.core.ir.operation import Block, Operation, Region
from dialir.core.ir.types import (
    DYNAMIC,
    FunctionType,
    IndexType,
    IntegerType,
    MemRefType,
    RankedTensorType,
    UnrankedMemRefType,
    VectorType,
    f16,
    f32,
    f64,
    i1,
    i8,
    i16,
    i32,
    i64,
)
from dialir.core.ir.verifier import verify
from dialir.core.ods.constraints import EnumAttr, SameAs
from dialir.core.ods.interfaces import InferTypeOpInterface
from dialir.core.ods.opdef import SINGLE, VARIADIC, Op
from dialir.dialects.gpu.attrs import (
    ASYNC_TOKEN,
    AllReduceOperationAttr,
    DimensionAttr,
    ObjectAttr,
    ShuffleModeAttr,
)
from dialir.dialects.llvm.attrs import LinkageAttr
from dialir.dialects.llvm.types import (
    LLVMArrayType,
    LLVMFunctionType,
    LLVMPointerType,
    LLVMStructType,
)
from dialir.dialects.loop.affine.ops import AffineForOp
from dialir.dialects.loop.scf.ops import ExecuteRegionOp, ParallelOp, ReduceOp, WhileOp, YieldOp
from dialir.dialects.nvvm.attrs import NVVMTargetAttr, ShflKindAttr
from dialir.parser.parser import parse

TYPES = [
    i1, i8, i16, i32, i64, IndexType(), f16, f32, f64,
    VectorType((4,), i32), VectorType((4,), f32), VectorType((4,), i1),
    RankedTensorType((2, 3), f32), RankedTensorType((2,), i32), RankedTensorType((2,), i1),
    MemRefType((4,), f32), MemRefType((2, 3), f32), MemRefType((DYNAMIC,), f32),
    MemRefType((4,), i32), MemRefType((6,), f32), FunctionType([i32], [i32]),
    # a byte buffer (memref.view's source); an unranked memref (gpu.host_register)
    MemRefType((16,), i8), UnrankedMemRefType(f32),
    # nn: NCHW images and 1x1 kernels, per-channel vectors, i64 shape operands
    RankedTensorType((1, 2, 4, 4), f32), RankedTensorType((2, 2, 1, 1), f32),
    RankedTensorType((2,), f32), RankedTensorType((3,), f32), RankedTensorType((3, 2), f32),
    RankedTensorType((2,), i64), RankedTensorType((4,), i64),
    # and NCDHW volumes (3-D pooling)
    RankedTensorType((1, 2, 4, 4, 4), f32),
    # llvm: pointers (two address spaces), a struct and an array
    LLVMPointerType(), LLVMPointerType(1), LLVMStructType([i32, f32]), LLVMArrayType(f32, 4),
    ASYNC_TOKEN,  # gpu: async tokens
]  # fmt: skip
ATTRS = [
    IntegerAttr(1, i64), IntegerAttr(3, i32), IntegerAttr(0, i1), IntegerAttr(2, IndexType()),
    FloatAttr(1.5, f32), FloatAttr(2.0, f64), StringAttr("s"), StringAttr("private"), UnitAttr(),
    TypeAttr(i32), TypeAttr(FunctionType([i32], [i32])), TypeAttr(MemRefType((4,), f32)),
    SymbolRefAttr("f"), ArrayAttr([IntegerAttr(1, i64)]), ArrayAttr([DictionaryAttr({})]),
    DenseArrayAttr(i64, [1, 2]), DenseArrayAttr(i32, [1]), DenseArrayAttr(IntegerType(32), []),
    DenseElementsAttr(RankedTensorType((2,), i32), np.array([1, 2], np.int32)),
    DenseElementsAttr(RankedTensorType((2, 3), f32), np.ones((2, 3), np.float32)),
    DenseElementsAttr(VectorType((4,), f32), np.arange(4, dtype=np.float32)),
    DictionaryAttr({"a": UnitAttr()}),
    # reassociation [[0, 1]] (2x3 <-> 6) and the matching static shapes
    ArrayAttr([ArrayAttr([IntegerAttr(0, i64), IntegerAttr(1, i64)])]),
    DenseArrayAttr(i64, [2, 3]), DenseArrayAttr(i64, [6]), DenseArrayAttr(i64, [0]),
    # a permutation map (memref.transpose) and switch case values (cf.switch)
    AffineMapAttr(AffineMap.identity(1)),
    DenseElementsAttr(VectorType((1,), i32), np.array([42], np.int32)),
    # an llvm function type and linkage (llvm.func, llvm.mlir.global)
    TypeAttr(LLVMFunctionType(i32, [i32])), LinkageAttr("internal"),
    # gpu and nvvm enums
    DimensionAttr("x"), AllReduceOperationAttr("add"), ShuffleModeAttr("xor"),
    ShflKindAttr("bfly"),
]  # fmt: skip


def declarative_ops() -> list[type[Op]]:
    ops = []
    for d in load_all_dialects():
        ops.extend(op for op in d.ops if issubclass(op, Op))
    return sorted(ops, key=lambda c: c.OP_NAME)


def _type_choices(defs, base) -> list[dict]:
    """Type assignments for the fields: every field that is not SameAs gets a type from the
    pool accepted by its constraint, preferring `base`; SameAs fields copy."""
    names = [f.name for f in defs]
    choices = []
    for f in defs:
        if isinstance(f.constraint, SameAs):
            choices.append([None])
            continue
        ok = [t for t in TYPES if f.constraint.check(t)]
        ok.sort(key=lambda t: t is not base)
        choices.append(ok[:3] or [None])
    out = []
    for combo in itertools.islice(itertools.product(*choices), 24):
        assigned = dict(zip(names, combo))
        for f in defs:
            if isinstance(f.constraint, SameAs):
                assigned[f.name] = assigned.get(f.constraint.other)
        out.append(assigned)
    return out


# Attributes the shared pool has no fitting value for (it varies only the first 40 attribute
# combinations, so a value deep in it is never reached): the 3-D pooling windows.
ATTR_CHOICES = {
    ("nn.max_pool3d", "kernel_shape"): [DenseArrayAttr(i64, [1, 2, 2])],
    ("nn.avg_pool3d", "kernel_shape"): [DenseArrayAttr(i64, [1, 2, 2])],
    # a mask as long as the pool's vectors, one case without operands
    ("llvm.shufflevector", "mask"): [DenseArrayAttr(i32, [0, 5, 2, 7])],
    ("llvm.switch", "case_operand_segments"): [DenseArrayAttr(i32, [0])],
    ("llvm.call", "op_bundle_sizes"): [DenseArrayAttr(i32, [])],
    ("llvm.call", "callee"): [SymbolRefAttr("f")],
    ("llvm.call_intrinsic", "op_bundle_sizes"): [DenseArrayAttr(i32, [])],
    ("llvm.call_intrinsic", "intrin"): [StringAttr("llvm.donothing")],
    # affine bounds: constants, or one symbol (the loops' operand groups hold 0 or 1 value)
    **{("affine.for", name): [AffineMapAttr(AffineMap.constant_map(0)),
                              AffineMapAttr(AffineMap(0, 1, (AffineSymbolExpr(0),)))]
       for name in ("lowerBoundMap", "upperBoundMap")},
    ("affine.if", "condition"): [
        IntegerSetAttr(IntegerSet(1, 0, (AffineDimExpr(0) - 1,), (False,)))
    ],
    ("affine.parallel", "reductions"): [ArrayAttr([]), ArrayAttr([IntegerAttr(0, i64)])],
    ("affine.parallel", "lowerBoundsMap"): [AffineMapAttr(AffineMap.constant_map(0))],
    ("affine.parallel", "upperBoundsMap"): [AffineMapAttr(AffineMap(0, 1, (AffineSymbolExpr(0),)))],
    ("affine.parallel", "steps"): [ArrayAttr([IntegerAttr(2, i64)])],
    **{("affine.parallel", name): [DenseElementsAttr(RankedTensorType((1,), i32), 1)]
       for name in ("lowerBoundsGroups", "upperBoundsGroups")},
    # gpu: a kernel reference (@module::@kernel), one object, built-in reductions
    ("gpu.launch_func", "kernel"): [SymbolRefAttr("m", ["k"])],
    ("gpu.binary", "objects"): [ArrayAttr([ObjectAttr(NVVMTargetAttr(), "assembly", "x")])],
    ("gpu.all_reduce", "op"): [AllReduceOperationAttr("add")],
    ("gpu.func", "function_type"): [TypeAttr(FunctionType([], []))],
    ("gpu.func", "workgroup_attributions"): [None],
}  # fmt: skip


def _attr_choices(cls, per_attr_limit: int | None = 3) -> list[dict]:
    per_attr = []
    for a in cls.definition.attributes:
        c = a.constraint
        if (cls.OP_NAME, a.name) in ATTR_CHOICES:
            opts = ATTR_CHOICES[cls.OP_NAME, a.name]  # exactly these, even when optional
        else:
            if isinstance(c, EnumAttr):
                opts = [c.attr(case) for case in c.cases]
            else:
                opts = [x for x in ATTRS if c.check(x)][:per_attr_limit]
            if a.optional:
                # An optional attribute written with its default value prints in the generic
                # form and not in the custom one (as in MLIR): the forms would differ.
                if a.default is not None:
                    opts = [o for o in opts if o != a.default]
                opts = [None, *opts]
        per_attr.append([(a.name, o) for o in opts] or [(a.name, None)])
    return [dict(combo) for combo in itertools.islice(itertools.product(*per_attr), 40)]


def _shared_type_choices(defs) -> list[dict]:
    """Assignments where the first field takes any type and every other field one shared type
    (or, where that type does not fit it, its first fitting one): operands that must agree in
    shape (a conv's weight and bias, a batch norm's four parameter vectors) can meet."""
    ok = [[t for t in TYPES if f.constraint.check(t)] for f in defs]
    out = []
    for first in ok[0] if defs else [None]:
        for shared in TYPES:
            assigned = {defs[0].name: first} if defs else {}
            for f, fits in zip(defs[1:], ok[1:]):
                assigned[f.name] = shared if shared in fits else (fits[0] if fits else None)
            for f in defs:
                if isinstance(f.constraint, SameAs):
                    assigned[f.name] = assigned.get(f.constraint.other)
            out.append(assigned)
    return out


def instances(cls) -> list[Operation]:
    """Verified instances of `cls`, each inside a container op's region. When the first
    three candidates of each field give none, every attribute candidate is tried with
    shared operand types (`_shared_type_choices`)."""
    text = TEXT_INSTANCES.get(cls.OP_NAME)
    if text is not None:
        return [parse(text)]
    d = cls.definition
    # Result types an op infers follow from the operands: they are not drawn from the pool.
    fields = d.operands if _infers_results(cls) else d.operands + d.results
    found = []
    for limit in (3, None):
        if limit is None:
            candidates = _shared_type_choices(fields)
        else:
            candidates = [
                t for base in (i32, f32, IndexType(), MemRefType((4,), f32),
                               RankedTensorType((2, 3), f32))
                for t in _type_choices(fields, base)
            ]  # fmt: skip
        for types in candidates:
            if any(types[f.name] is None for f in fields):
                continue
            for attrs in _attr_choices(cls, limit):
                for empty in (False, True):  # variadic groups with one value, or none
                    op = _build(cls, types, attrs, empty)
                    if op is not None:
                        found.append(op)
                    if len(found) >= 6:
                        return found
        if found:
            return found
    return found


def _first_fit(constraint):
    return next((t for t in TYPES if constraint.check(t)), None)


def _infers_results(cls) -> bool:
    return issubclass(cls, InferTypeOpInterface)


def _build(cls, types: dict, attrs: dict, empty_variadics: bool = False) -> Operation | None:
    d = cls.definition
    sizes = [0 if empty_variadics and o.kind != SINGLE else 1 for o in d.operands]
    entry = Block([types[o.name] for o, n in zip(d.operands, sizes) if n])
    props = {k: v for k, v in attrs.items() if v is not None}
    if sum(o.kind != SINGLE for o in d.operands) > 1:
        props["operandSegmentSizes"] = DenseArrayAttr(i32, sizes)
    results = _inferred_results(cls, entry.args, sizes, props)
    if results is None:  # not inferred (cast: the result type is the target): from the pool
        results = [types.get(r.name) or _first_fit(r.constraint) for r in d.results]
    regions = [Region() for r in d.regions if r.kind == SINGLE]
    successors = []
    targets = []
    for _ in d.successors:
        target = Block()
        targets.append(target)
        successors.append(target)
    try:
        op = Operation.create(
            cls.OP_NAME, entry.args, results, properties=props, regions=regions,
            successors=successors,
        )  # fmt: skip
    except (TypeError, ValueError):
        return None
    entry.append(op)
    if cls.OP_NAME in REGION_BODIES:
        REGION_BODIES[cls.OP_NAME](op)
    if cls.OP_NAME in FUNC_CONTEXT:
        container = _in_function(entry, op, targets)
    elif cls.OP_NAME in PARENT_CONTEXT:
        container = PARENT_CONTEXT[cls.OP_NAME](entry, op)
    else:
        container = Operation.create("test.container", regions=[Region([entry, *targets])])
    for i, t in enumerate(targets):
        passed = getattr(op, "successor_operands", None)
        if passed is not None:  # a branch: the target takes what the branch passes
            try:
                for v in passed(i):
                    t.add_argument(v.type)
            except DiagnosticError:
                return None
        t.append(Operation.create("test.terminator"))
    try:
        verify(container)
    except DiagnosticError:
        return None
    return container


def _inferred_results(cls, args, sizes: list[int], props: dict) -> list | None:
    """The result types an op with an InferTypeOpInterface gives these operands."""
    if not _infers_results(cls):
        return None
    values, pos = {}, 0
    for o, n in zip(cls.definition.operands, sizes):
        chunk = list(args[pos : pos + n])
        pos += n
        if o.kind == SINGLE:
            values[o.name] = chunk[0]
        elif o.kind == VARIADIC:
            values[o.name] = chunk
        else:
            values[o.name] = chunk[0] if chunk else None
    try:
        return list(cls.infer_result_types(values, props))
    except (TypeError, ValueError):
        return None


OPS = declarative_ops()

# Ops whose instances need definitions around them that the generator does not build: irdl's
# constraint and list ops live in irdl.type / irdl.operation bodies, on `!irdl.attribute`
# values made there, inside an isolated irdl.dialect. Their instance is this text.
_IRDL_INSTANCE = """irdl.dialect @d {
  irdl.type @t {
    %0 = irdl.any
    irdl.parameters(p: %0)
  }
  irdl.attribute @a {
    %0 = irdl.is "x"
    irdl.parameters(p: %0)
  }
  irdl.operation @o {
    %0 = irdl.is i32
    %1 = irdl.base "!builtin.integer"
    %2 = irdl.base @d::@t
    %3 = irdl.any_of(%0, %2)
    %4 = irdl.all_of(%3, %1)
    %5 = irdl.parametric @d::@t<%0>
    %6 = irdl.any
    %7 = irdl.region(%0) with size 1
    irdl.operands(a: %0, b: optional %4, c: variadic %5)
    irdl.results(r: %6)
    irdl.attributes {"x" = %1}
    irdl.regions(body: %7)
  }
}
"""
TEXT_INSTANCES = {cls.OP_NAME: _IRDL_INSTANCE for cls in OPS if cls.OP_NAME.startswith("irdl.")}


def _in_function(entry: Block, op: Operation, targets: list) -> Operation:
    """A `func.func` around the op (for ops that must sit in one, like `func.return`, or need
    its automatic allocation scope, like `memref.alloca`); a `func.return` ends the body."""
    returns_op = op.name == "func.return"
    results = [v.type for v in op.operands] if returns_op else []
    if not returns_op:
        entry.append(Operation.create("func.return"))
    func = Operation.create(
        "func.func",
        regions=[Region([entry, *targets])],
        properties={
            "sym_name": StringAttr("f"),
            "function_type": TypeAttr(FunctionType([a.type for a in entry.args], results)),
        },
    )
    return func


FUNC_CONTEXT = {
    "func.return", "memref.alloca", "affine.apply", "affine.for", "affine.if", "affine.load",
    "affine.max", "affine.min", "affine.parallel", "affine.prefetch", "affine.store",
    "affine.vector_load", "affine.vector_store",
}  # fmt: skip


def _elementwise_body(op: Operation) -> None:
    """An `nn.elementwise` body: one argument per input element, yielding the first argument
    of the result's element type (the verifier rejects the op when there is none)."""
    body = Block([v.type.element_type for v in op.operands])
    want = op.results[0].type.element_type
    yielded = [a for a in body.args if a.type is want][:1]
    body.append(Operation.create("nn.yield", yielded))
    op.regions[0].append(body)


def _in_elementwise(entry: Block, op: Operation) -> Operation:
    """An `nn.yield` ends the body of an `nn.elementwise` whose inputs' elements are the
    entry block's arguments."""
    outer = Block([RankedTensorType((2,), a.type) for a in entry.args])
    results = [RankedTensorType((2,), v.type) for v in op.operands[:1]]
    outer.append(Operation.create("nn.elementwise", outer.args, results, regions=[Region([entry])]))
    return Operation.create("test.container", regions=[Region([outer])])


def _sources(block: Block, types) -> list:
    """Values of `types` made in `block` by an unregistered op."""
    return list(block.append(Operation.create("test.source", result_types=list(types))).results)


def _body(op: Operation, index: int, arg_types, terminator: str, yielded) -> Block:
    """Region `index` of `op` gets one block with `arg_types` ending in `terminator` of
    values of the types `yielded`."""
    block = Block(list(arg_types))
    values = _sources(block, yielded) if yielded else []
    block.append(Operation.create(terminator, values))
    op.regions[index].append(block)
    return block


def _add_regions(op: Operation, n: int) -> None:
    while len(op.regions) < n:
        r = Region()
        r.parent = op
        op.regions.append(r)


def _loop_body(op: Operation) -> None:
    """affine.for / scf.for: the induction variable (of the bounds' type) then the iter_args;
    the body yields fresh values of the result types."""
    iv = op.operand(0).type if op.name == "scf.for" else IndexType()
    iters = [r.type for r in op.results]
    _body(op, 0, [iv, *iters], op.name.split(".")[0] + ".yield", iters)


def _parallel_body(op: Operation) -> None:
    if op.name == "affine.parallel":
        results = [r.type for r in op.results]
        _body(op, 0, [IndexType()] * len(op.get_attr("steps")), "affine.yield", results)
        return
    block = Block([IndexType()] * len(op.step))
    values = _sources(block, [r.type for r in op.results])
    reduce = block.append(Operation.create("scf.reduce", values))
    _add_regions(reduce, len(values))
    for v, r in zip(values, reduce.regions):
        inner = Block([v.type, v.type])
        inner.append(Operation.create("scf.reduce.return", [inner.args[0]]))
        r.append(inner)
    op.regions[0].append(block)


def _if_body(op: Operation) -> None:
    kind = op.name.split(".")[0]
    results = [r.type for r in op.results]
    for i in range(2):
        _body(op, i, [], kind + ".yield", results)


def _while_body(op: Operation) -> None:
    inits = [v.type for v in op.operands]
    results = [r.type for r in op.results]
    before = Block(inits)
    cond, *args = _sources(before, [i1, *results])
    before.append(Operation.create("scf.condition", [cond, *args]))
    op.regions[0].append(before)
    _body(op, 1, results, "scf.yield", inits)


def _switch_body(op: Operation) -> None:
    _add_regions(op, 1 + len(op.get_attr("cases").values))
    for i in range(len(op.regions)):
        _body(op, i, [], "scf.yield", [r.type for r in op.results])


def _index(entry: Block) -> object:
    return _sources(entry, [IndexType()])[0]


def _in_loop_ops(entry: Block, op: Operation) -> Operation:
    """affine.yield ends an affine.for, scf.yield an scf.execute_region, scf.condition the
    `before` region of an scf.while, each made for the terminator's operands."""
    op.detach()
    types = [v.type for v in op.operands]
    if op.name == "affine.yield":
        holder = AffineForOp(0, 4, iter_args=list(op.operands))
        holder.body.last.erase()
        holder.body.append(op)
    elif op.name == "scf.yield":
        holder = ExecuteRegionOp(types)
        holder.body.append(op)
    elif op.name == "scf.condition":
        holder = WhileOp([], types[1:])
        holder.before_block.append(op)
        holder.after_block.append(YieldOp())
    else:  # scf.reduce and scf.reduce.return: a one-dimensional scf.parallel
        n = _index(entry)
        if op.name == "scf.reduce.return":
            reduce = ReduceOp([op.operand(0)])
            block = reduce.regions[0].blocks[0]
            op.set_operand(0, block.args[0])
            block.append(op)
            op = reduce
        holder = ParallelOp([n], [n], [n], list(op.operands))
        _add_regions(op, len(op.operands))
        for v, r in zip(op.operands, op.regions):
            if not r.blocks:
                inner = Block([v.type, v.type])
                inner.append(Operation.create("scf.reduce.return", [inner.args[0]]))
                r.append(inner)
        holder.body.append(op)
    entry.append(holder)
    return Operation.create("test.container", regions=[Region([entry])])


def _launch_body(op: Operation) -> None:
    """gpu.launch: the ids and sizes (with clusters, theirs too), ending in gpu.terminator."""
    n = 18 if op.clusterSizeX is not None else 12
    _body(op, 0, [IndexType()] * n, "gpu.terminator", [])


def _in_gpu_module(op: Operation) -> Operation:
    module = Operation.create("gpu.module", properties={"sym_name": StringAttr("m")},
                              regions=[Region([Block([])])])  # fmt: skip
    module.regions[0].blocks[0].append(op)
    block = Block([])
    block.append(module)
    return Operation.create("test.container", regions=[Region([block])])


def _in_gpu_func(entry: Block, op: Operation) -> Operation:
    """gpu.barrier, gpu.return: in the body of a gpu.func (taking the entry's values)."""
    if op.name != "gpu.return":
        entry.append(Operation.create("gpu.return"))
    results = [v.type for v in op.operands] if op.name == "gpu.return" else []
    func = Operation.create("gpu.func", regions=[Region([entry])], properties={
        "sym_name": StringAttr("f"),
        "function_type": TypeAttr(FunctionType([a.type for a in entry.args], results)),
    })  # fmt: skip
    return _in_gpu_module(func)


def _in_launch(entry: Block, op: Operation) -> Operation:
    """gpu.terminator: ends a gpu.launch body."""
    op.detach()
    n = _index(entry)
    launch = Operation.create("gpu.launch", [n] * 6, properties={
        "operandSegmentSizes": DenseArrayAttr(i32, [0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0])},
        regions=[Region([Block([IndexType()] * 12)])])  # fmt: skip
    launch.regions[0].blocks[0].append(op)
    entry.append(launch)
    return Operation.create("test.container", regions=[Region([entry])])


def _func_body(op: Operation) -> None:
    _body(op, 0, list(op.get_attr("function_type").value.inputs), "gpu.return", [])


def _module_body(op: Operation) -> None:
    op.regions[0].append(Block())


# Ops whose region needs a body of a given shape, and ops that must sit in a given parent.
REGION_BODIES = {
    "gpu.launch": _launch_body, "gpu.func": _func_body, "gpu.module": _module_body,
    "nn.elementwise": _elementwise_body,
    "affine.for": _loop_body, "scf.for": _loop_body,
    "affine.parallel": _parallel_body, "scf.parallel": _parallel_body,
    "affine.if": _if_body, "scf.if": _if_body, "scf.while": _while_body,
    "scf.index_switch": _switch_body,
    "scf.execute_region": lambda op: _body(op, 0, [], "scf.yield", [r.type for r in op.results]),
}  # fmt: skip
PARENT_CONTEXT = {
    "nn.yield": _in_elementwise,
    "gpu.barrier": _in_gpu_func, "gpu.return": _in_gpu_func, "gpu.terminator": _in_launch,
    "gpu.func": lambda entry, op: _in_gpu_module(op.detach()),
    **{name: _in_loop_ops for name in ("affine.yield", "scf.yield", "scf.condition",
                                       "scf.reduce", "scf.reduce.return")},
}  # fmt: skip
