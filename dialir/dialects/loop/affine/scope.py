"""Which SSA values may bind to the dims and symbols of an affine map: MLIR's affine scopes,
`isValidDim` and `isValidSymbol` (mlir/lib/Dialect/Affine/IR/AffineOps.cpp).

An affine scope is a region held by an op with the `AffineScope` trait (`func.func`). Its
top-level values (arguments and results of ops directly in it) are symbols for every affine op
inside; so are constants, results of pure ops on symbols, and `memref.dim` of a top-level
memref (or of a view whose size is a symbol). Dims are symbols, induction variables of
`affine.for` / `affine.parallel`, and `affine.apply` results of dims.

`region` arguments follow MLIR: the scope region the value is used in, or None where no scope
encloses the use (then only the scope-independent rules apply). The queries memoise per call,
so a DAG of pure ops is walked once, not once per path.
"""

from __future__ import annotations

from dialir.core.ir.operation import BlockArgument, Operation, OpResult, Region, Value
from dialir.core.ir.traits import AffineScope, ConstantLike, IsolatedFromAbove
from dialir.core.ir.types import DYNAMIC, IndexType, MemRefType, UnrankedMemRefType
from dialir.core.rewrite.patterns import is_memory_effect_free

_INDEX = IndexType()
_NO_REGION = object()  # "compute the scope from the value", as MLIR's one-argument overloads


def affine_scope(op: Operation) -> Region | None:
    """The closest region around `op` held by an AffineScope op (MLIR's getAffineScope)."""
    cur = op
    parent = cur.parent_op
    while parent is not None:
        if type(parent).is_registered and AffineScope in type(parent).traits:
            return cur.parent_region
        cur, parent = parent, parent.parent_op
    return None


def _parent_is_scope(op: Operation | None) -> bool:
    return op is not None and type(op).is_registered and AffineScope in type(op).traits


def is_top_level_value(value: Value, region: Region | None | object = _NO_REGION) -> bool:
    """Defined directly in `region` (or, without one, in the region of an AffineScope op)."""
    block = value.owner_block
    if region is _NO_REGION:
        return block is not None and _parent_is_scope(block.parent_op)
    return block is not None and block.parent is region


def is_affine_for_induction_var(value: Value) -> bool:
    if not isinstance(value, BlockArgument) or value.index != 0:
        return False
    parent = value.owner.parent_op
    return parent is not None and parent.name == "affine.for"


def is_affine_parallel_induction_var(value: Value) -> bool:
    if not isinstance(value, BlockArgument):
        return False
    parent = value.owner.parent_op
    return parent is not None and parent.name == "affine.parallel"


def is_affine_induction_var(value: Value) -> bool:
    return is_affine_for_induction_var(value) or is_affine_parallel_induction_var(value)


def is_valid_symbol(value: Value, region: Region | None | object = _NO_REGION) -> bool:
    """MLIR's isValidSymbol(value[, region])."""
    if value.type is not _INDEX:
        return False
    if region is _NO_REGION:
        if is_top_level_value(value):
            return True
        if not isinstance(value, OpResult):
            return False
        region = affine_scope(value.owner)
    return _Query().symbol(value, region)


def is_valid_dim(value: Value, region: Region | None | object = _NO_REGION) -> bool:
    """MLIR's isValidDim(value[, region])."""
    if value.type is not _INDEX:
        return False
    if region is _NO_REGION:
        if isinstance(value, OpResult):
            return _Query().dim(value, affine_scope(value.owner))
        if is_affine_induction_var(value):
            return True
        return _parent_is_scope(value.owner.parent_op)
    return _Query().dim(value, region)


def is_valid_affine_index_operand(value: Value, region: Region | None) -> bool:
    return is_valid_dim(value, region) or is_valid_symbol(value, region)


class _Query:
    """One isValidSymbol/isValidDim question, memoised over (value, region) pairs."""

    __slots__ = ("memo",)

    def __init__(self) -> None:
        self.memo: dict[tuple[Value, Region | None], bool] = {}

    def symbol(self, value: Value, region: Region | None) -> bool:
        key = (value, region)
        known = self.memo.get(key)
        if known is None:
            self.memo[key] = False  # a cycle (graph regions) is no proof of validity
            known = self.memo[key] = self._symbol(value, region)
        return known

    def _symbol(self, value: Value, region: Region | None) -> bool:
        if value.type is not _INDEX:
            return False
        if region is not None and is_top_level_value(value, region):
            return True
        if isinstance(value, OpResult):
            op = value.owner
            if type(op).is_registered and ConstantLike in type(op).traits:
                return True
            if _is_pure(op) and all(self.symbol(v, region) for v in op.operands):
                return True
            if op.name == "memref.dim":
                return self._dim_op_symbol(op, region)
        # A value defined above the scope's op (not across isolation) is a symbol there.
        holder = None if region is None else region.parent
        if holder is None or IsolatedFromAbove in type(holder).traits:
            return False
        outer = holder.parent_region
        return outer is not None and self.symbol(value, outer)

    def _dim_op_symbol(self, dim: Operation, region: Region | None) -> bool:
        """MLIR's isDimOpValidSymbol: a dim of a top-level memref, or of a view whose size
        in that dimension is static or a symbol."""
        source, index = dim.operands
        if is_top_level_value(source):
            return True
        if isinstance(source, BlockArgument):
            return False
        i = _constant_int(index)
        if i is None:
            return False
        op = source.owner
        while op.name == "memref.cast":
            inner = op.operand(0)
            if isinstance(inner.type, UnrankedMemRefType) or not isinstance(inner, OpResult):
                return False
            op = inner.owner
        if op.name not in ("memref.alloc", "memref.view", "memref.subview"):
            return False
        t = op.results[0].type
        if not isinstance(t, MemRefType) or i >= t.rank:
            return False
        if t.shape[i] is not DYNAMIC:
            return True
        dynamic_pos = sum(d is DYNAMIC for d in t.shape[:i])
        sizes = op.sizes if op.name != "memref.alloc" else op.dynamicSizes
        return dynamic_pos < len(sizes) and self.symbol(sizes[dynamic_pos], region)

    def dim(self, value: Value, region: Region | None) -> bool:
        if value.type is not _INDEX:
            return False
        if self.symbol(value, region):
            return True
        if not isinstance(value, OpResult):
            return is_affine_induction_var(value)
        op = value.owner
        if op.name == "affine.apply":
            return all(self.dim(v, region) for v in op.operands)
        if op.name == "memref.dim":
            return is_top_level_value(op.operand(0))
        return False


def _is_pure(op: Operation) -> bool:
    """MLIR's isPure: no memory effects, and speculatable (no division by a maybe-zero)."""
    if not is_memory_effect_free(op):
        return False
    check = getattr(op, "is_speculatable", None)
    return check is None or bool(check())


def _constant_int(value: Value) -> int | None:
    if not isinstance(value, OpResult):
        return None
    op = value.owner
    if not (type(op).is_registered and ConstantLike in type(op).traits):
        return None
    attr = op.get_attr("value")
    v = getattr(attr, "value", None)
    return v if isinstance(v, int) else None
