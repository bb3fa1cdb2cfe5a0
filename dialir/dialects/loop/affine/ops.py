"""affine ops (MLIR's `affine` dialect): loops and conditionals whose bounds and conditions
are affine maps and integer sets of dims and symbols, and memory accesses through affine maps.

Builders, for passes that generate loop nests (each returns the op; `build` also inserts it
where a `Builder` or `PatternRewriter` points, and fills the body through a callback):

    Bound = int | Value | tuple[AffineMap, Sequence[Value]]
        an int is a constant bound, a Value the value itself (as a symbol where it is a valid
        symbol, else as a dim), a (map, operands) pair `max`/`min` of the map's results.

    AffineForOp(lower: Bound, upper: Bound, step=1, iter_args=())
    AffineForOp.build([builder,] lower, upper, step=1, iter_args=(), body=None)
        body(b, iv, iter_args) -> yielded values or None, with `b` a Builder before the
        terminator. Without a body the loop yields its iter_args unchanged.
        op.body, op.induction_var, op.region_iter_args, op.inits, op.results_,
        op.lower_bound_map / op.upper_bound_map / op.step (int), op.body_builder(),
        op.set_yielded(values)
    AffineParallelOp(lower: Sequence[Bound], upper: Sequence[Bound], steps=None,
                     reductions=(), result_types=())
    AffineParallelOp.build([builder,] lower, upper, steps=None, reductions=(),
                           result_types=(), body=None)   body(b, ivs) -> yielded values
        reductions are MLIR's AtomicRMWKind names ("addf", "maxnumf", ...), one per result.
    AffineIfOp(condition: IntegerSet, operands, result_types=(), with_else=False)
    AffineIfOp.build([builder,] condition, operands, result_types=(), then_body=None,
                     else_body=None)   then_body(b) / else_body(b) -> yielded values
        Blocks get an empty `affine.yield` only when the op has no results (as in MLIR).
    AffineLoadOp(memref, indices)  or  AffineLoadOp(memref, map, map_operands)
    AffineStoreOp(value, memref, indices)  or  AffineStoreOp(value, memref, map, operands)
    AffineVectorLoadOp(vector_type, memref, indices | map, operands)
    AffineVectorStoreOp(value, memref, indices | map, operands)
    AffinePrefetchOp(memref, indices | map, operands, is_write=False, locality_hint=3,
                     is_data_cache=True)
    AffineApplyOp(map, operands)   AffineMinOp(map, operands)   AffineMaxOp(map, operands)
    AffineYieldOp(values=())

Property names are MLIR's (`lowerBoundMap`, `upperBoundMap`, `step`, `map`, `condition`,
`lowerBoundsGroups`, ...), so the generic form reads and prints as in MLIR. Verifiers follow
MLIR's rules and messages, with MLIR's dim and symbol rules from `scope.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dialir.core.ir.affine import AffineDimExpr, AffineMap, AffineSymbolExpr, IntegerSet
from dialir.core.ir.attrs import (
    UNKNOWN_LOC,
    AffineMapAttr,
    ArrayAttr,
    BoolAttr,
    DenseElementsAttr,
    IntegerAttr,
    IntegerSetAttr,
    Location,
)
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, VerifyError
from dialir.core.ir.lazy import np
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.traits import (
    AutomaticAllocationScope,
    IsTerminator,
    MemRead,
    MemWrite,
    NoRegionArguments,
    Pure,
    RecursiveMemoryEffects,
    ReturnLike,
    SingleBlockImplicitTerminator,
)
from dialir.core.ir.types import (
    FloatType,
    IndexType,
    IntegerType,
    MemRefType,
    RankedTensorType,
    Type,
    VectorType,
)
from dialir.core.ods.constraints import (
    AnyType,
    AnyVector,
    BoolAttrC,
    Constraint,
    I32Attr,
    Index,
    IndexAttr,
)
from dialir.core.ods.interfaces import LoopLikeOpInterface, RegionBranchOpInterface
from dialir.core.ods.opdef import Op, attribute, operand, region, result, var_operand, var_result
from dialir.dialects.loop.affine import printing
from dialir.dialects.loop.affine.scope import (
    affine_scope,
    is_valid_affine_index_operand,
    is_valid_dim,
    is_valid_symbol,
)
from dialir.dialects.loop.affine.utils import ATOMIC_RMW_KINDS, group_sizes, partial_constant_fold
from dialir.dialects.loop.region_branch import (
    nested_ops_speculatable,
    op_label,
    region_label,
    verify_edge,
    verify_loop_counts,
)

INDEX = IndexType()
SYMBOL_IDENTITY = AffineMap(0, 1, (AffineSymbolExpr(0),))
DIM_IDENTITY = AffineMap.identity(1)

Bound = int | Value | tuple  # tuple: (AffineMap | AffineMapAttr, Sequence[Value])

AffineMapAttrC = Constraint("AffineMap attribute", lambda a: isinstance(a, AffineMapAttr))
IntegerSetAttrC = Constraint("IntegerSet attribute", lambda a: isinstance(a, IntegerSetAttr))
AnyMemRefC = Constraint("memref of any type values", lambda t: isinstance(t, MemRefType))
LocalityHint = Constraint(
    "32-bit signless integer attribute whose minimum value is 0 whose maximum value is 3",
    lambda a: I32Attr.check(a) and 0 <= a.value <= 3,
)
I32ElementsAttr = Constraint(
    "32-bit signless integer elements attribute",
    lambda a: isinstance(a, DenseElementsAttr) and a.type.element_type is IntegerType(32),
)
I64ArrayAttr = Constraint(
    "64-bit integer array attribute",
    lambda a: (
        isinstance(a, ArrayAttr)
        and all(isinstance(x, IntegerAttr) and x.type is IntegerType(64) for x in a)
    ),
)

# -- helpers ---------------------------------------------------------------------------------


def map_attr(m: AffineMap | AffineMapAttr) -> AffineMapAttr:
    return m if isinstance(m, AffineMapAttr) else AffineMapAttr(m)


def _map_of(attr: Any) -> AffineMap | None:
    return attr.value if isinstance(attr, AffineMapAttr) else None


def bound_map(bound: Bound) -> tuple[AffineMap, list[Value]]:
    """A bound as (map, operands): a constant map, an identity map of one value (symbol
    identity where the value is a valid symbol), or the pair as given."""
    if isinstance(bound, Value):
        return (SYMBOL_IDENTITY if is_valid_symbol(bound) else DIM_IDENTITY), [bound]
    if isinstance(bound, tuple):
        m, operands = bound
        m = m.value if isinstance(m, AffineMapAttr) else m
        if m.num_dims + m.num_symbols != len(operands):
            raise ValueError(f"bound map '{m}' takes {m.num_dims + m.num_symbols} operands, "
                             f"got {len(operands)}")  # fmt: skip
        return m, list(operands)
    return AffineMap.constant_map(int(bound)), []


def concat_maps(pairs: Sequence[tuple[AffineMap, Sequence[Value]]]) -> tuple[AffineMap, list]:
    """One map with the results of all `pairs` and their operands, dims of each pair first,
    then all symbols (how affine.parallel keeps one map per bound kind)."""
    nd = sum(m.num_dims for m, _ in pairs)
    ns = sum(m.num_symbols for m, _ in pairs)
    results, dims, syms = [], [], []
    d0 = s0 = 0
    for m, operands in pairs:
        dmap = [AffineDimExpr(d0 + i) for i in range(m.num_dims)]
        smap = [AffineSymbolExpr(s0 + i) for i in range(m.num_symbols)]
        results.extend(e.replace_dims_and_symbols(dmap, smap) for e in m.results)
        dims.extend(operands[: m.num_dims])
        syms.extend(operands[m.num_dims :])
        d0, s0 = d0 + m.num_dims, s0 + m.num_symbols
    return AffineMap(nd, ns, results), dims + syms


def _indices_and_map(indices: Any, operands: Any, map: Any) -> tuple[AffineMapAttr, list]:
    """(map, operands) of an access from `(indices)`, `(map, operands)` or `map=`."""
    if isinstance(indices, (AffineMap, AffineMapAttr)):
        return map_attr(indices), list(operands or ())
    indices = list(indices or ())
    if map is None:
        return AffineMapAttr(AffineMap.identity(len(indices))), indices
    return map_attr(map), indices


def _insert(builder: Any, op: Operation) -> Operation:
    if builder is not None:
        builder.insert(op)
    return op


def _split_builder(args: tuple, kwargs: dict) -> tuple[Any, tuple]:
    """`build([builder,] ...)`: a leading Builder / PatternRewriter, or `builder=`."""
    builder = kwargs.pop("builder", None)
    if builder is None and args and hasattr(args[0], "insert") and not isinstance(args[0], Value):
        builder, args = args[0], args[1:]
    return builder, args


def _fill_body(block: Block, callback: Callable, *args: Any) -> list[Value] | None:
    """Run a body callback with a Builder before `block`'s terminator (or at its end)."""
    last = block.last
    b = Builder(block, last if last is not None and last.name.endswith("yield") else None)
    values = callback(b, *args)
    return None if values is None else list(values)


def verify_dims_and_symbols(op: Operation, operands: Sequence[Value], num_dims: int) -> None:
    """MLIR's verifyDimAndSymbolIdentifiers."""
    scope = affine_scope(op)
    for i, v in enumerate(operands):
        if i < num_dims:
            if not is_valid_dim(v, scope):
                raise VerifyError(op, "operand cannot be used as a dimension id")
        elif not is_valid_symbol(v, scope):
            raise VerifyError(op, "operand cannot be used as a symbol")


def _verify_one_block(op: Operation, index: int, name: str) -> None:
    if len(op.regions[index].blocks) != 1:
        raise VerifyError(
            op, f"region #{index} ('{name}') failed to verify constraint: region with 1 blocks"
        )


def _terminator(block: Block, name: str) -> Operation | None:
    last = block.last
    return last if last is not None and last.name == name else None


# -- affine.apply, affine.min, affine.max ----------------------------------------------------


class _MapOp(Op):
    """An op applying its `map` to its operands, producing one index."""

    __slots__ = ()
    OP_NAME = None
    traits = frozenset({Pure})
    mapOperands = var_operand(Index)
    map = attribute(AffineMapAttrC)
    result = result(Index)

    def __init__(self, map: AffineMap | AffineMapAttr, operands: Sequence[Value] = (),
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        Op.__init__(self, list(operands), map=map_attr(map), result_types=[INDEX],
                    location=location)  # fmt: skip

    @property
    def affine_map(self) -> AffineMap:
        return self.map.value

    @property
    def map_operands(self) -> tuple[Value, ...]:
        return self.operands


class AffineApplyOp(_MapOp):
    """`%r = affine.apply #map(%d)[%s]`: one affine expression of dims and symbols."""

    __slots__ = ()
    OP_NAME = "affine.apply"
    summary = "affine apply operation"
    print_custom = printing.print_map_op("affine.apply")

    def verify(self) -> None:
        m = self.map.value
        if len(self.operands) != m.num_dims + m.num_symbols:
            raise VerifyError(
                self, "operand count and affine map dimension and symbol count must match"
            )
        if m.num_results != 1:
            raise VerifyError(self, "mapping must produce one value")
        scope = affine_scope(self)
        for v in self.operands[m.num_dims :]:
            if is_valid_dim(v, scope) and not is_valid_symbol(v, scope):
                raise DiagnosticError(Diagnostic(
                    "error", "dimensional operand cannot be used as a symbol", self.location
                ))  # fmt: skip

    def fold(self) -> list | None:
        """affine.apply of `d_i` / `s_j` -> that operand; of constants -> the constant."""
        m = self.map.value
        if m.num_results != 1 or len(self.operands) != m.num_dims + m.num_symbols:
            return None
        e = m.results[0]
        if type(e) is AffineDimExpr:
            return [self.operand(e.position)]
        if type(e) is AffineSymbolExpr:
            return [self.operand(m.num_dims + e.position)]
        _, values = partial_constant_fold(m, self.operands)
        return None if values is None else [IntegerAttr(values[0], INDEX)]


class _MinMaxOp(_MapOp):
    __slots__ = ()
    OP_NAME = None

    def verify(self) -> None:
        m = self.map.value
        if len(self.operands) != m.num_dims + m.num_symbols:
            raise VerifyError(
                self, "operand count and affine map dimension and symbol count must match"
            )
        if m.num_results == 0:
            raise VerifyError(self, "affine map expect at least one result")


class AffineMinOp(_MinMaxOp):
    """`%r = affine.min #map(%d)[%s]`: the minimum of the map's results."""

    __slots__ = ()
    OP_NAME = "affine.min"
    summary = "min operation"
    print_custom = printing.print_map_op("affine.min")

    def fold(self) -> list | None:
        return _fold_min_max(self, min)


class AffineMaxOp(_MinMaxOp):
    """`%r = affine.max #map(%d)[%s]`: the maximum of the map's results."""

    __slots__ = ()
    OP_NAME = "affine.max"
    summary = "max operation"
    print_custom = printing.print_map_op("affine.max")

    # -- memory accesses -------------------------------------------------------------------------

    def fold(self) -> list | None:
        return _fold_min_max(self, max)


def _verify_indexing(op: Op, memref_type: Any, what: str) -> None:
    """MLIR's verifyMemoryOpIndexing."""
    m = op.map.value
    if not isinstance(memref_type, MemRefType) or m.num_results != memref_type.rank:
        raise VerifyError(op, "affine map num results must equal memref rank")
    operands = op.indices
    if m.num_dims + m.num_symbols != len(operands):
        raise VerifyError(op, "expects as many subscripts as affine map inputs")
    verify_dims_and_symbols(op, operands, m.num_dims)


class _AccessOp(Op):
    """An access to `memref` at the results of `map` on `indices`."""

    __slots__ = ()
    OP_NAME = None

    @property
    def affine_map(self) -> AffineMap:
        return self.map.value

    @property
    def map_operands(self) -> tuple[Value, ...]:
        return self.indices

    @property
    def memref_type(self) -> MemRefType:
        return self.memref.type


class AffineLoadOp(_AccessOp):
    """`%v = affine.load %A[%i + 1, %j * 2] : memref<?x?xf32>`."""

    __slots__ = ()
    OP_NAME = "affine.load"
    summary = "affine load operation"
    print_custom = printing.print_load
    traits = frozenset({MemRead})
    memref = operand(AnyMemRefC)
    indices = var_operand(Index)
    map = attribute(AffineMapAttrC)
    result = result()

    def __init__(self, memref: Value, indices: Any = (), operands: Any = None, *,
                 map: Any = None, location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        m, idx = _indices_and_map(indices, operands, map)
        t = memref.type
        if not isinstance(t, MemRefType):
            raise TypeError(f"affine.load expects a memref, got '{t}'")
        Op.__init__(self, memref, idx, map=m, result_types=[t.element_type], location=location)

    def verify(self) -> None:
        t = self.memref.type
        if self.result.type is not t.element_type:
            raise VerifyError(self, "result type must match element type of memref")
        _verify_indexing(self, t, "load")


class AffineStoreOp(_AccessOp):
    """`affine.store %v, %A[%i, symbol(%n)] : memref<?x?xf32>`."""

    __slots__ = ()
    OP_NAME = "affine.store"
    summary = "affine store operation"
    print_custom = printing.print_store
    traits = frozenset({MemWrite})
    value = operand()
    memref = operand(AnyMemRefC)
    indices = var_operand(Index)
    map = attribute(AffineMapAttrC)

    def __init__(self, value: Value, memref: Value, indices: Any = (), operands: Any = None, *,
                 map: Any = None, location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        m, idx = _indices_and_map(indices, operands, map)
        Op.__init__(self, value, memref, idx, map=m, location=location)

    def verify(self) -> None:
        t = self.memref.type
        if self.value.type is not t.element_type:
            raise VerifyError(self, "value to store must have the same type as memref element type")
        _verify_indexing(self, t, "store")


def _verify_vector(op: Op, memref_type: MemRefType, vector_type: Type) -> None:
    if memref_type.element_type is not vector_type.element_type:
        raise VerifyError(op, "requires memref and vector types of the same elemental type")


class AffineVectorLoadOp(_AccessOp):
    """`%v = affine.vector_load %A[%i] : memref<100xf32>, vector<8xf32>`."""

    __slots__ = ()
    OP_NAME = "affine.vector_load"
    summary = "affine vector load operation"
    print_custom = printing.print_vector_load
    traits = frozenset({MemRead})
    memref = operand(AnyMemRefC)
    indices = var_operand(Index)
    map = attribute(AffineMapAttrC)
    result = result(AnyVector)

    def __init__(self, vector_type: VectorType, memref: Value, indices: Any = (),
                 operands: Any = None, *, map: Any = None,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        m, idx = _indices_and_map(indices, operands, map)
        Op.__init__(self, memref, idx, map=m, result_types=[vector_type], location=location)

    def verify(self) -> None:
        _verify_indexing(self, self.memref.type, "load")
        _verify_vector(self, self.memref.type, self.result.type)


class AffineVectorStoreOp(_AccessOp):
    """`affine.vector_store %v, %A[%i] : memref<100xf32>, vector<8xf32>`."""

    __slots__ = ()
    OP_NAME = "affine.vector_store"
    summary = "affine vector store operation"
    print_custom = printing.print_vector_store
    traits = frozenset({MemWrite})
    value = operand(AnyVector)
    memref = operand(AnyMemRefC)
    indices = var_operand(Index)
    map = attribute(AffineMapAttrC)

    def __init__(self, value: Value, memref: Value, indices: Any = (), operands: Any = None, *,
                 map: Any = None, location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        m, idx = _indices_and_map(indices, operands, map)
        Op.__init__(self, value, memref, idx, map=m, location=location)

    def verify(self) -> None:
        _verify_indexing(self, self.memref.type, "store")
        _verify_vector(self, self.memref.type, self.value.type)


class AffinePrefetchOp(_AccessOp):
    """`affine.prefetch %A[%i, %j + 5], read, locality<3>, data : memref<400x400xi32>`."""

    __slots__ = ()
    OP_NAME = "affine.prefetch"
    summary = "affine prefetch operation"
    print_custom = printing.print_prefetch
    memref = operand(AnyMemRefC)
    indices = var_operand(Index)
    isWrite = attribute(BoolAttrC)
    localityHint = attribute(LocalityHint)
    isDataCache = attribute(BoolAttrC)
    map = attribute(AffineMapAttrC)

    def __init__(self, memref: Value, indices: Any = (), operands: Any = None, *,
                 map: Any = None, is_write: bool = False, locality_hint: int = 3,
                 is_data_cache: bool = True, location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        m, idx = _indices_and_map(indices, operands, map)
        Op.__init__(
            self, memref, idx, map=m, isWrite=BoolAttr(is_write),
            localityHint=IntegerAttr(locality_hint, IntegerType(32)),
            isDataCache=BoolAttr(is_data_cache), location=location,
        )  # fmt: skip

    def verify(self) -> None:
        m = self.map.value
        t = self.memref.type
        if not isinstance(t, MemRefType) or m.num_results != t.rank:
            raise VerifyError(self, "affine.prefetch affine map num results must equal memref rank")
        if m.num_dims + m.num_symbols != len(self.indices):
            raise VerifyError(self, "too few operands")
        scope = affine_scope(self)
        for v in self.indices:
            if not is_valid_affine_index_operand(v, scope):
                raise VerifyError(self, "index must be a valid dimension or symbol identifier")


# -- affine.yield ----------------------------------------------------------------------------


class AffineYieldOp(Op):
    """`affine.yield %a, %b : f32, i32`: ends the body of affine.for/if/parallel."""

    __slots__ = ()
    OP_NAME = "affine.yield"
    summary = "Yield values to parent operation"
    traits = frozenset({Pure, IsTerminator, ReturnLike})
    operands_ = var_operand()
    assembly_format = "attr-dict ($operands_^ `:` type($operands_))?"

    def __init__(self, values: Sequence[Value] = (), location: Location = UNKNOWN_LOC) -> None:
        Op.__init__(self, list(values), location=location)

    def verify(self) -> None:
        parent = self.parent_op
        if parent is None or parent.name not in ("affine.for", "affine.if", "affine.parallel"):
            raise VerifyError(self, "only terminates affine.if/for/parallel regions")
        if len(parent.results) != len(self.operands):
            raise VerifyError(
                self, "parent of yield must have same number of results as the yield operands"
            )
        for r, v in zip(parent.results, self.operands):
            if r.type is not v.type:
                raise VerifyError(self, "types mismatch between yield op and its parent")


_YIELD_TERMINATOR = SingleBlockImplicitTerminator("affine.yield")


class _AffineLoop(Op, LoopLikeOpInterface):
    """What affine.for and affine.parallel share: one body block, yields at its end."""

    __slots__ = ()
    OP_NAME = None

    @property
    def body(self) -> Block:
        return self.regions[0].blocks[0]

    def loop_regions(self) -> list[Region]:
        return [self.regions[0]]

    @property
    def yield_op(self) -> Operation | None:
        return _terminator(self.body, "affine.yield")

    def body_builder(self) -> Builder:
        """A Builder that inserts before the body's terminator."""
        return Builder(self.body, self.yield_op)

    def set_yielded(self, values: Sequence[Value]) -> None:
        """Make the body yield `values` (replacing its terminator's operands)."""
        term = self.yield_op
        if term is None:
            self.body.append(AffineYieldOp(values))
        else:
            term.set_operands(list(values))


# -- affine.for ------------------------------------------------------------------------------


class AffineForOp(_AffineLoop, RegionBranchOpInterface):
    """`affine.for %i = max #lb(%a)[%s] to min #ub(%b) step 2 iter_args(%x = %x0) -> (f32)`."""

    __slots__ = ()
    OP_NAME = "affine.for"
    summary = "for operation"
    print_custom = printing.print_for
    traits = frozenset({AutomaticAllocationScope, RecursiveMemoryEffects, _YIELD_TERMINATOR})
    lowerBoundOperands = var_operand(Index)
    upperBoundOperands = var_operand(Index)
    inits = var_operand(AnyType)
    lowerBoundMap = attribute(AffineMapAttrC)
    upperBoundMap = attribute(AffineMapAttrC)
    step_attr = attribute(IndexAttr, name="step")
    results_ = var_result()
    region_ = region(single_block=True)

    def __init__(self, lower: Bound, upper: Bound, step: int = 1, iter_args: Sequence[Value] = (),
                 *, location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        lb_map, lb_ops = bound_map(lower)
        ub_map, ub_ops = bound_map(upper)
        inits = list(iter_args)
        block = Block([INDEX, *(v.type for v in inits)])
        block.append(AffineYieldOp(block.args[1:], location=location))
        Op.__init__(
            self, lb_ops, ub_ops, inits, lowerBoundMap=AffineMapAttr(lb_map),
            upperBoundMap=AffineMapAttr(ub_map), step=IntegerAttr(step, INDEX),
            result_types=[v.type for v in inits], regions=[Region([block])], location=location,
        )  # fmt: skip

    @classmethod
    def infer_result_types(cls, operands: dict, attrs: dict) -> list[Type]:
        return [v.type for v in operands.get("inits") or ()]

    @classmethod
    def build(cls, *args: Any, body: Callable | None = None, **kwargs: Any) -> AffineForOp:
        builder, args = _split_builder(args, kwargs)
        op = cls(*args, **kwargs)
        if body is not None:
            values = _fill_body(op.body, body, op.induction_var, op.region_iter_args)
            if values is not None:
                op.set_yielded(values)
        return _insert(builder, op)

    # -- accessors (MLIR's getInductionVar, getLowerBoundMap, getStep ...)

    @property
    def induction_var(self) -> Value:
        return self.body.args[0]

    @property
    def region_iter_args(self) -> list[Value]:
        return self.body.args[1:]

    @property
    def lower_bound_map(self) -> AffineMap:
        return self.lowerBoundMap.value

    @property
    def upper_bound_map(self) -> AffineMap:
        return self.upperBoundMap.value

    @property
    def step(self) -> int:
        return self.step_attr.value

    def is_speculatable(self) -> bool:
        """A unit-step loop always terminates: speculatable when its body is (MLIR)."""
        return self.step == 1 and nested_ops_speculatable(self)

    def has_constant_bounds(self) -> bool:
        return (
            self.lower_bound_map.is_single_constant() and self.upper_bound_map.is_single_constant()
        )

    def constant_lower_bound(self) -> int:
        return self.lower_bound_map.get_single_constant_result()

    def constant_upper_bound(self) -> int:
        return self.upper_bound_map.get_single_constant_result()

    def constant_trip_count(self) -> int | None:
        """The trip count when both bounds are constant, else None."""
        if not self.has_constant_bounds():
            return None
        span = self.constant_upper_bound() - self.constant_lower_bound()
        return max(0, -(-span // self.step))

    def region_successors(self, source: Region | None, constants: Sequence) -> list:
        """MLIR's AffineForOp::getSuccessorRegions: a known trip count of at least one enters
        the body, of zero skips it, of one leaves after the body."""
        trips = self.constant_trip_count()
        if source is None and trips is not None:
            return [self.regions[0] if trips > 0 else None]
        if source is not None and trips == 1:
            return [None]
        return [self.regions[0], None]

    def entry_successor_operands(self, target: Region | None) -> Sequence[Value]:
        return self.inits

    def successor_inputs(self, target: Region | None) -> Sequence[Value]:
        return self.results if target is None else self.region_iter_args

    def verify(self) -> None:
        step = self.step_attr
        if step.value <= 0:
            raise VerifyError(self, f"expected step to be a positive integer, got {step.value}")
        _verify_one_block(self, 0, "region")
        _verify_loop_like(self, self.inits, self.body.args[1:], self.results)
        body = self.body
        if not body.args or body.args[0].type is not INDEX:
            raise VerifyError(
                self, "expected body to have an index argument for the induction variable"
            )
        for what, m, operands in (
            ("lower", self.lower_bound_map, self.lowerBoundOperands),
            ("upper", self.upper_bound_map, self.upperBoundOperands),
        ):
            if m.num_dims + m.num_symbols != len(operands):
                raise VerifyError(
                    self, f"{what} bound operand count does not equal {what} bound map input "
                    "count",
                )  # fmt: skip
            if operands:
                verify_dims_and_symbols(self, operands, m.num_dims)
        if self.lower_bound_map.num_results < 1:
            raise VerifyError(self, "expected lower bound map to have at least one result")
        if self.upper_bound_map.num_results < 1:
            raise VerifyError(self, "expected upper bound map to have at least one result")

    def fold(self) -> list | None:
        """affine.for that runs zero times -> its inits (MLIR's AffineForOp::fold)."""
        if self.results and self.constant_trip_count() == 0:
            return list(self.inits)
        return None


def _verify_loop_like(op: Op, inits: Sequence[Value], iter_args: Sequence[Value],
                      results: Sequence[Value]) -> None:  # fmt: skip
    """Loop-carried values: counts, then the edges from the parent into the body and to the
    results (the yield checks its own operands against the results)."""
    verify_loop_counts(op, inits, iter_args, results)
    verify_edge(op, None, region_label(0), inits, iter_args)
    verify_edge(op, None, op_label(op), inits, results)


# -- affine.parallel -------------------------------------------------------------------------


def _result_matches_kind(t: Type, kind: str) -> bool:
    """MLIR's isResultTypeMatchAtomicRMWKind: float kinds on floats, integer kinds on any
    integer (signedness is in the kind, not the type), `assign` on anything."""
    if kind in ("addf", "mulf", "maximumf", "minimumf", "maxnumf", "minnumf"):
        return isinstance(t, FloatType)
    if kind in ("addi", "muli", "ori", "andi", "xori", "maxs", "mins", "maxu", "minu"):
        return isinstance(t, IntegerType)
    return kind == "assign"


def _groups_attr(sizes: Sequence[int]) -> DenseElementsAttr:
    # One group is a splat, as MLIR stores (and prints) it: `dense<1> : tensor<1xi32>`.
    data = np.int32(sizes[0]) if len(sizes) == 1 else np.asarray(sizes, dtype=np.int32)
    return DenseElementsAttr(RankedTensorType((len(sizes),), IntegerType(32)), data)


def reduction_attr(kind: str | IntegerAttr) -> IntegerAttr:
    if isinstance(kind, IntegerAttr):
        return kind
    return IntegerAttr(ATOMIC_RMW_KINDS.index(kind), IntegerType(64))


class AffineParallelOp(_AffineLoop):
    """`affine.parallel (%i, %j) = (0, 0) to (%n, 10) step (1, 2) reduce ("addf") -> (f32)`."""

    __slots__ = ()
    OP_NAME = "affine.parallel"
    summary = "multi-index parallel band operation"
    print_custom = printing.print_parallel
    traits = frozenset({AutomaticAllocationScope, RecursiveMemoryEffects, _YIELD_TERMINATOR})
    mapOperands = var_operand(Index)
    reductions = attribute(Constraint("Reduction ops", lambda a: isinstance(a, ArrayAttr)))
    lowerBoundsMap = attribute(AffineMapAttrC)
    lowerBoundsGroups = attribute(I32ElementsAttr)
    upperBoundsMap = attribute(AffineMapAttrC)
    upperBoundsGroups = attribute(I32ElementsAttr)
    steps = attribute(I64ArrayAttr)
    results_ = var_result()
    region_ = region(single_block=True)

    def __init__(self, lower: Sequence[Bound], upper: Sequence[Bound],
                 steps: Sequence[int] | None = None, reductions: Sequence[Any] = (),
                 result_types: Sequence[Type] = (), *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        n = len(lower)
        if len(upper) != n:
            raise ValueError("affine.parallel needs as many upper as lower bounds")
        if len(reductions) != len(result_types):
            raise ValueError("affine.parallel needs one reduction per result")
        lbs = [bound_map(b) for b in lower]
        ubs = [bound_map(b) for b in upper]
        lb_map, lb_ops = concat_maps(lbs)
        ub_map, ub_ops = concat_maps(ubs)
        block = Block([INDEX] * n)
        if not result_types:
            block.append(AffineYieldOp(location=location))
        i64 = IntegerType(64)
        Op.__init__(
            self, lb_ops + ub_ops, reductions=ArrayAttr([reduction_attr(k) for k in reductions]),
            lowerBoundsMap=AffineMapAttr(lb_map),
            lowerBoundsGroups=_groups_attr([m.num_results for m, _ in lbs]),
            upperBoundsMap=AffineMapAttr(ub_map),
            upperBoundsGroups=_groups_attr([m.num_results for m, _ in ubs]),
            steps=ArrayAttr([IntegerAttr(s, i64) for s in (steps or [1] * n)]),
            result_types=list(result_types), regions=[Region([block])], location=location,
        )  # fmt: skip

    @classmethod
    def build(cls, *args: Any, body: Callable | None = None, **kwargs: Any) -> AffineParallelOp:
        builder, args = _split_builder(args, kwargs)
        op = cls(*args, **kwargs)
        if body is not None:
            values = _fill_body(op.body, body, op.induction_vars)
            if values is not None or op.yield_op is None:
                op.set_yielded(values or [])
        return _insert(builder, op)

    @property
    def num_dims(self) -> int:
        return len(self.steps)

    @property
    def induction_vars(self) -> list[Value]:
        return list(self.body.args)

    @property
    def lower_bounds_map(self) -> AffineMap:
        return self.lowerBoundsMap.value

    @property
    def upper_bounds_map(self) -> AffineMap:
        return self.upperBoundsMap.value

    @property
    def lower_bounds_operands(self) -> tuple[Value, ...]:
        return self.operands[: self.lower_bounds_map.num_dims + self.lower_bounds_map.num_symbols]

    @property
    def upper_bounds_operands(self) -> tuple[Value, ...]:
        n = self.lower_bounds_map.num_dims + self.lower_bounds_map.num_symbols
        return self.operands[n:]

    @property
    def lower_bounds_groups(self) -> list[int]:
        return group_sizes(self.lowerBoundsGroups)

    @property
    def upper_bounds_groups(self) -> list[int]:
        return group_sizes(self.upperBoundsGroups)

    @property
    def step_values(self) -> list[int]:
        return [a.value for a in self.steps]

    @property
    def reduction_kinds(self) -> list[str]:
        return [ATOMIC_RMW_KINDS[a.value] for a in self.reductions]

    def group_map(self, upper: bool, dim: int) -> AffineMap:
        """The bound map of one dimension (its group's results), over all bound operands."""
        m = self.upper_bounds_map if upper else self.lower_bounds_map
        groups = self.upper_bounds_groups if upper else self.lower_bounds_groups
        start = sum(groups[:dim])
        return AffineMap(m.num_dims, m.num_symbols, m.results[start : start + groups[dim]])

    def verify(self) -> None:
        _verify_one_block(self, 0, "region")
        lbg, ubg = self.lower_bounds_groups, self.upper_bounds_groups
        n, nargs = len(self.steps), len(self.body.args)
        if not (len(lbg) == len(ubg) == n == nargs):
            raise VerifyError(
                self, f"the number of region arguments ({nargs}) and the number of map groups "
                f"for lower ({len(lbg)}) and upper bound ({len(ubg)}), and the number of steps "
                f"({n}) must all match",
            )  # fmt: skip
        for what, groups, m in (("lower", lbg, self.lower_bounds_map),
                                ("upper", ubg, self.upper_bounds_map)):  # fmt: skip
            if any(g <= 0 for g in groups):
                raise VerifyError(self, f"expected {what} bound map to have at least one result")
            if sum(groups) != m.num_results:
                raise VerifyError(self, f"expected {what} bounds map to have {sum(groups)} results")
        if len(self.reductions) != len(self.results):
            raise VerifyError(self, "a reduction must be specified for each output")
        for r, attr in zip(self.results, self.reductions):
            if not (isinstance(attr, IntegerAttr) and 0 <= attr.value < len(ATOMIC_RMW_KINDS)):
                raise VerifyError(self, "invalid reduction attribute")
            if not _result_matches_kind(r.type, ATOMIC_RMW_KINDS[attr.value]):
                raise VerifyError(self, "result type cannot match reduction attribute")
        lb, ub = self.lower_bounds_map, self.upper_bounds_map
        if lb.num_dims + lb.num_symbols + ub.num_dims + ub.num_symbols != len(self.operands):
            raise VerifyError(self, "operand count does not equal the bound maps' input count")
        verify_dims_and_symbols(self, self.lower_bounds_operands, lb.num_dims)
        verify_dims_and_symbols(self, self.upper_bounds_operands, ub.num_dims)


# -- affine.if -------------------------------------------------------------------------------


class AffineIfOp(Op, RegionBranchOpInterface):
    """`affine.if #set(%i)[%n] { ... } else { ... }`."""

    __slots__ = ()
    OP_NAME = "affine.if"
    summary = "if-then-else operation"
    print_custom = printing.print_if
    traits = frozenset({RecursiveMemoryEffects, NoRegionArguments, _YIELD_TERMINATOR})
    operands_ = var_operand(AnyType)
    condition = attribute(IntegerSetAttrC)
    results_ = var_result()
    thenRegion = region(single_block=True)
    elseRegion = region(single_block=True)

    def __init__(self, condition: IntegerSet | IntegerSetAttr, operands: Sequence[Value] = (),
                 result_types: Sequence[Type] = (), with_else: bool = False, *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        cond = condition if isinstance(condition, IntegerSetAttr) else IntegerSetAttr(condition)
        regions = [Region([Block()]), Region([Block()] if with_else else [])]
        if not result_types:
            for r in regions:
                for b in r.blocks:
                    b.append(AffineYieldOp(location=location))
        Op.__init__(self, list(operands), condition=cond, result_types=list(result_types),
                    regions=regions, location=location)  # fmt: skip

    @classmethod
    def build(cls, *args: Any, then_body: Callable | None = None,
              else_body: Callable | None = None, **kwargs: Any) -> AffineIfOp:  # fmt: skip
        builder, args = _split_builder(args, kwargs)
        if else_body is not None:
            kwargs["with_else"] = True
        op = cls(*args, **kwargs)
        for r, fn in ((op.thenRegion, then_body), (op.elseRegion, else_body)):
            if fn is None:
                continue
            block = r.blocks[0]
            values = _fill_body(block, fn)
            term = _terminator(block, "affine.yield")
            if term is None:
                block.append(AffineYieldOp(values or []))
            elif values is not None:
                term.set_operands(values)
        return _insert(builder, op)

    def is_speculatable(self) -> bool:
        return nested_ops_speculatable(self)

    def region_successors(self, source: Region | None, constants: Sequence) -> list:
        if source is not None:
            return [None]
        return [self.thenRegion, self.elseRegion if self.elseRegion.blocks else None]

    @property
    def integer_set(self) -> IntegerSet:
        return self.condition.value

    @property
    def then_block(self) -> Block:
        return self.thenRegion.blocks[0]

    @property
    def else_block(self) -> Block | None:
        blocks = self.elseRegion.blocks
        return blocks[0] if blocks else None

    def verify(self) -> None:
        _verify_one_block(self, 0, "thenRegion")
        s = self.condition.value
        if len(self.operands) != s.num_dims + s.num_symbols:
            raise VerifyError(
                self,
                "operand count and condition integer set dimension and symbol count must match",
            )
        verify_dims_and_symbols(self, self.operands, s.num_dims)


OPS = [
    AffineApplyOp, AffineForOp, AffineIfOp, AffineLoadOp, AffineMaxOp, AffineMinOp,
    AffineParallelOp, AffinePrefetchOp, AffineStoreOp, AffineVectorLoadOp,
    AffineVectorStoreOp, AffineYieldOp,
]  # fmt: skip


def _fold_min_max(op: Operation, pick) -> list | None:
    """MLIR's foldMinMaxOp: all results constant -> the min/max; a lone symbol -> it."""
    m = op.map.value
    if m.num_results == 0 or len(op.operands) != m.num_dims + m.num_symbols:
        return None
    folded, values = partial_constant_fold(m, op.operands)
    if values is not None:
        return [IntegerAttr(pick(values), INDEX)]
    if (
        folded.num_symbols == 1
        and folded.num_dims == 0
        and folded.results == (AffineSymbolExpr(0),)
    ):
        return [op.operand(0)]
    return None
