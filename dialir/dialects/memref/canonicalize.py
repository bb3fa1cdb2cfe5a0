"""memref canonicalization patterns (MLIR's MemRefOps.cpp): a `memref.cast` to a less static
type folds into the ops that use it (load, store, dealloc, dim, cast, affine.load/store:
MLIR's foldMemRefCast), a cast to the same type goes, an alloc whose only users store into it
or free it goes with them, and constant dynamic sizes of an alloc become static (with a cast
back to the old type). The table at the bottom attaches the patterns to their ops.
"""

from __future__ import annotations

from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.ir.traits import ConstantLike
from dialir.core.ir.types import DYNAMIC, MemRefType
from dialir.core.rewrite.patterns import PatternRewriter, RewritePattern
from dialir.dialects.memref.ops import (
    DYNAMIC_INDEX,
    AllocaOp,
    AllocOp,
    CastOp,
    DeallocOp,
    DimOp,
    LoadOp,
    StoreOp,
    SubViewOp,
)


def can_fold_into_consumer(cast: Operation) -> bool:
    """MLIR's CastOp::canFoldIntoConsumerOp: a cast between ranked memrefs of one element type
    and rank, towards less static sizes (identity layouts only here)."""
    a, b = cast.operands[0].type, cast.results[0].type
    if not (isinstance(a, MemRefType) and isinstance(b, MemRefType)):
        return False
    if a.element_type is not b.element_type or len(a.shape) != len(b.shape):
        return False
    if a.layout is not None or b.layout is not None or a.memory_space != b.memory_space:
        return False
    return all(x == y or y is DYNAMIC for x, y in zip(a.shape, b.shape))


def _foldable_cast_source(v: Value) -> Value | None:
    if isinstance(v, OpResult) and isinstance(v.owner, CastOp) and can_fold_into_consumer(v.owner):
        return v.owner.operands[0]
    return None


class FoldMemRefCast(RewritePattern):
    """Uses of a foldable `memref.cast` read its source instead (in place)."""

    root = None

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        if op.name not in _CAST_CONSUMERS:
            return False
        changed = False
        for use in op.operand_uses:
            src = _foldable_cast_source(use.value)
            if src is None:
                continue
            if not changed:
                rewriter.start_op_modification(op)
            use.set(src)
            changed = True
        if changed:
            rewriter.finalize_op_modification(op)
        return changed


# The ops whose fold() calls foldMemRefCast in MLIR.
_CAST_CONSUMERS = frozenset(
    {
        "memref.load", "memref.store", "memref.dealloc", "memref.dim",
        "memref.cast", "affine.load", "affine.store",
    }
)  # fmt: skip


class FoldIdentityCast(RewritePattern):
    root = "memref.cast"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        src = op.operands[0]
        if src.type is not op.results[0].type:
            return False
        rewriter.replace_op(op, [src])
        return True


class SimplifyDeadAlloc(RewritePattern):
    """An alloc whose users only store into it or free it goes, with them."""

    root = None

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        if not isinstance(op, (AllocOp, AllocaOp)):
            return False
        result = op.results[0]
        users = []
        for use in result.uses:
            user = use.owner
            if isinstance(user, StoreOp):
                if user.value is result:
                    return False
            elif not isinstance(user, DeallocOp):
                return False
            users.append(user)
        for user in dict.fromkeys(users):
            rewriter.erase_op(user)
        rewriter.erase_op(op)
        return True


def _constant_index(v: Value) -> int | None:
    if not isinstance(v, OpResult):
        return None
    owner = v.owner
    if not (type(owner).is_registered and ConstantLike in type(owner).traits):
        return None
    attr = owner.get_attr("value")
    return attr.value if isinstance(attr, IntegerAttr) else None


class SimplifyAllocConst(RewritePattern):
    """Constant dynamic sizes become static; a cast gives back the old type."""

    root = None

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        if not isinstance(op, (AllocOp, AllocaOp)):
            return False
        sizes = list(op.dynamicSizes)
        consts = [_constant_index(v) for v in sizes]
        if not any(c is not None and c >= 0 for c in consts):
            return False
        t = op.results[0].type
        shape, kept, k = [], [], 0
        for d in t.shape:
            if d is not DYNAMIC:
                shape.append(d)
                continue
            c = consts[k]
            if c is not None and c >= 0:
                shape.append(c)
            else:
                shape.append(DYNAMIC)
                kept.append(sizes[k])
            k += 1
        new_type = MemRefType(shape, t.element_type, t.layout, t.memory_space)
        extra = {"alignment": op.alignment} if op.alignment is not None else {}
        new = rewriter.insert(
            type(op)(
                dynamicSizes=kept,
                symbolOperands=list(op.symbolOperands),
                result_types=[new_type],
                location=op.location,
                **extra,
            )
        )
        rewriter.replace_op_with(op, CastOp(new.results[0], result_types=[t], location=op.location))
        return True


class SubViewOfCastFolder(RewritePattern):
    """A subview of a foldable cast views the cast's source, when every offset, size and
    stride is dynamic (the inferred result type is then unchanged; MLIR's
    SubViewOpMemRefCastFolder, whose other cases cast the result back)."""

    root = "memref.subview"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        use = op.operand_uses[0]
        src = _foldable_cast_source(use.value)
        if src is None:
            return False
        for field in (op.static_offsets, op.static_sizes, op.static_strides):
            if any(v != DYNAMIC_INDEX for v in field.values):
                return False
        rewriter.start_op_modification(op)
        use.set(src)
        rewriter.finalize_op_modification(op)
        return True


CastOp.canonicalization_patterns = (FoldMemRefCast, FoldIdentityCast)
SubViewOp.canonicalization_patterns = (SubViewOfCastFolder,)
for _op in (LoadOp, StoreOp, DeallocOp, DimOp):
    _op.canonicalization_patterns = (FoldMemRefCast,)
AllocOp.canonicalization_patterns = (SimplifyDeadAlloc, SimplifyAllocConst)
AllocaOp.canonicalization_patterns = (SimplifyDeadAlloc, SimplifyAllocConst)
