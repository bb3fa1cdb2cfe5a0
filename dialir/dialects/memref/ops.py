"""memref ops: allocation, loads and stores, views and casts, globals.

Most ops use assembly formats. Hand-written syntax covers what the format language cannot
say: mixed static/dynamic index lists (`subview`, `reinterpret_cast`, `expand_shape`), the
store's value type (the memref's element type), and `memref.global`'s initial value.
Static entries of mixed lists live in `array<i64: ...>` properties where MLIR's dynamic
sentinel (`DYNAMIC_INDEX`) marks an operand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from dialir.core.ir.attrs import (
    AffineMapAttr,
    ArrayAttr,
    Attribute,
    BoolAttr,
    DenseArrayAttr,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    IntegerAttr,
    StridedLayoutAttr,
    StringAttr,
    SymbolRefAttr,
    TypeAttr,
    UnitAttr,
)
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, VerifyError
from dialir.core.ir.literals import fits_signed, parse_int
from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.ir.printer import AsmPrinter
from dialir.core.ir.traits import (
    AutomaticAllocationScope,
    ConstantLike,
    IsTerminator,
    MemAlloc,
    MemFree,
    MemRead,
    MemWrite,
    Pure,
    ReturnLike,
    Symbol,
    lookup_nearest_symbol,
)
from dialir.core.ir.types import (
    DYNAMIC,
    IndexType,
    IntegerType,
    MemRefType,
    RankedTensorType,
    UnrankedMemRefType,
    i1,
)
from dialir.core.ods.constraints import (
    AnyAttr,
    AnyRankedMemRef,
    BareInteger,
    BoolAttrC,
    Constraint,
    DenseI64Array,
    EnumAttr,
    FlatSymbolRefAttr,
    I32Attr,
    Index,
    StringAttrC,
    SymbolNameAttr,
    TypeAttrC,
    UnitAttrC,
)
from dialir.core.ods.interfaces import InferTypeOpInterface
from dialir.core.ods.opdef import (
    Op,
    attribute,
    operand,
    opt_result,
    region,
    result,
    var_operand,
    var_result,
)
from dialir.dialects.arith.attrs import ATOMIC_RMW_KINDS
from dialir.parser.asm import AsmParser

DYNAMIC_INDEX = -9223372036854775808  # MLIR's ShapedType::kDynamic in static index lists

AnyRankedOrUnrankedMemRef = Constraint(
    "ranked or unranked memref of any type values",
    lambda t: isinstance(t, (MemRefType, UnrankedMemRefType)),
)
AnyNon0RankedOrUnrankedMemRef = Constraint(
    "non-0-ranked or unranked memref of any type values",
    lambda t: isinstance(t, UnrankedMemRefType) or (isinstance(t, MemRefType) and t.rank > 0),
)
AnyMemRef = Constraint(
    "memref of any type values", lambda t: isinstance(t, (MemRefType, UnrankedMemRefType))
)
Alignment = BareInteger(
    "64-bit signless integer attribute whose minimum value is 0", IntegerType(64), minimum=0
)
ReassociationAttr = Constraint(
    "Array of 64-bit integer array attributes",
    lambda a: (
        isinstance(a, ArrayAttr)
        and all(isinstance(g, ArrayAttr) and all(isinstance(x, IntegerAttr) for x in g) for g in a)
    ),
)
I8Buffer1D = Constraint(
    "1D memref of 8-bit signless integer values",
    lambda t: isinstance(t, MemRefType) and t.rank == 1 and t.element_type is IntegerType(8),
)
AffineMapAttrC = Constraint("AffineMap attribute", lambda a: isinstance(a, AffineMapAttr))
FALSE = IntegerAttr(0, i1)


def _err(op: Operation, message: str) -> DiagnosticError:
    """An error without the `'op' op` prefix (MLIR's emitError)."""
    return DiagnosticError(Diagnostic("error", message, op.location))


_ALLOC_FORMAT = (
    "`(`$dynamicSizes`)` (`` `[` $symbolOperands^ `]`)? (`alignment` `=` $alignment^)? "
    "attr-dict `:` type($memref)"
)


class _AllocLike(Op):
    __slots__ = ()
    OP_NAME = None
    dynamicSizes = var_operand(Index)
    symbolOperands = var_operand(Index)
    alignment = attribute(Alignment, optional=True)
    memref = result(AnyRankedMemRef)

    def verify(self) -> None:
        t = self.memref.type
        dynamic = sum(d is DYNAMIC for d in t.shape)
        if len(self.dynamicSizes) != dynamic:
            raise VerifyError(
                self, "dimension operand count does not equal memref dynamic dimension count"
            )
        symbols = t.layout.value.num_symbols if isinstance(t.layout, AffineMapAttr) else 0
        if len(self.symbolOperands) != symbols:
            raise VerifyError(
                self,
                f"symbol operand count does not equal memref symbol count: expected {symbols}, "
                f"got {len(self.symbolOperands)}",
            )


class AllocOp(_AllocLike):
    """`%m = memref.alloc(%d)[%s] alignment = 64 : memref<?xf32>`: heap allocation."""

    __slots__ = ()
    OP_NAME = "memref.alloc"
    asm_result_names = ("alloc",)  # getAsmResultNames
    summary = "memory allocation operation"
    traits = frozenset({MemAlloc})
    assembly_format = _ALLOC_FORMAT


class AllocaOp(_AllocLike):
    """`%m = memref.alloca(%d) : memref<?xf32>`: stack allocation, freed when control leaves
    the nearest AutomaticAllocationScope."""

    __slots__ = ()
    OP_NAME = "memref.alloca"
    asm_result_names = ("alloca",)  # getAsmResultNames
    summary = "stack memory allocation operation"
    traits = frozenset({MemAlloc})
    assembly_format = _ALLOC_FORMAT

    def verify(self) -> None:
        parent = self.parent_op
        while parent is not None and not parent.has_trait(AutomaticAllocationScope):
            parent = parent.parent_op
        if parent is None:
            raise VerifyError(self, "requires an ancestor op with AutomaticAllocationScope trait")
        super().verify()


class DeallocOp(Op):
    """`memref.dealloc %m : memref<4xf32>`: free memory from `memref.alloc`."""

    __slots__ = ()
    OP_NAME = "memref.dealloc"
    summary = "memory deallocation operation"
    traits = frozenset({MemFree})
    memref = operand(AnyRankedOrUnrankedMemRef)
    assembly_format = "$memref attr-dict `:` type($memref)"


class AllocaScopeOp(Op):
    """`memref.alloca_scope { ... }`: allocas inside are freed at its end."""

    __slots__ = ()
    OP_NAME = "memref.alloca_scope"
    summary = "explicitly delimited scope for stack allocation"
    traits = frozenset({AutomaticAllocationScope})
    results_ = var_result()
    bodyRegion = region(single_block=True)


class AllocaScopeReturnOp(Op):
    __slots__ = ()
    OP_NAME = "memref.alloca_scope.return"
    summary = "terminator for alloca_scope operation"
    traits = frozenset({Pure, IsTerminator, ReturnLike})
    values = var_operand()
    assembly_format = "attr-dict ($values^ `:` type($values))?"


class ReallocOp(Op):
    __slots__ = ()
    OP_NAME = "memref.realloc"
    summary = "memory reallocation operation"
    traits = frozenset({MemAlloc, MemFree})
    source = operand(AnyRankedOrUnrankedMemRef)
    dynamicResultSize = var_operand(Index)
    alignment = attribute(Alignment, optional=True)
    result = result()
    assembly_format = (
        "$source (`(` $dynamicResultSize^ `)`)? attr-dict `:` type($source) `to` type($result)"
    )


# -- loads and stores -----------------------------------------------------------------------


class LoadOp(Op, InferTypeOpInterface):
    """`%v = memref.load %m[%i, %j] : memref<4x4xf32>`."""

    __slots__ = ()
    OP_NAME = "memref.load"
    summary = "load operation"
    traits = frozenset({MemRead})
    memref = operand(AnyMemRef)
    indices = var_operand(Index)
    nontemporal = attribute(BoolAttrC, optional=True, default=FALSE)
    result = result()
    assembly_format = "$memref `[` $indices `]` attr-dict `:` type($memref)"

    @classmethod
    def infer_result_types(cls, operands: dict, attributes: dict, result_types=None) -> list:
        memref = operands.get("memref")
        if memref is None or not isinstance(memref.type, (MemRefType, UnrankedMemRefType)):
            raise TypeError("'memref.load' expects a memref operand")
        return [memref.type.element_type]

    def verify(self) -> None:
        t = self.memref.type
        if self.result.type is not t.element_type:
            raise VerifyError(
                self, "failed to verify that result type matches element type of 'memref'"
            )
        if isinstance(t, MemRefType) and len(self.indices) != t.rank:
            raise VerifyError(
                self,
                f"incorrect number of indices for load, expected {t.rank} but got "
                f"{len(self.indices)}",
            )


class StoreOp(Op):
    """`memref.store %v, %m[%i] : memref<4xf32>`."""

    __slots__ = ()
    OP_NAME = "memref.store"
    summary = "store operation"
    traits = frozenset({MemWrite})
    value = operand()
    memref = operand(AnyMemRef)
    indices = var_operand(Index)
    nontemporal = attribute(BoolAttrC, optional=True, default=FALSE)

    def verify(self) -> None:
        t = self.memref.type
        if self.value.type is not t.element_type:
            raise VerifyError(
                self, "failed to verify that type of 'value' matches element type of 'memref'"
            )
        if isinstance(t, MemRefType) and len(self.indices) != t.rank:
            raise VerifyError(self, "store index operand count not equal to memref rank")

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        idx = ", ".join(p.value(v) for v in self.indices)
        p.write(f"memref.store {p.value(self.value)}, {p.value(self.memref)}[{idx}]")
        _print_attr_dict(p, self, ())
        p.write(f" : {p.type(self.memref.type)}")


class AtomicRMWOp(Op):
    """`%x = memref.atomic_rmw addf %v, %m[%i] : (f32, memref<10xf32>) -> f32`."""

    __slots__ = ()
    OP_NAME = "memref.atomic_rmw"
    summary = "atomic read-modify-write operation"
    traits = frozenset({MemRead, MemWrite})
    kind = attribute(EnumAttr("allowed 64-bit signless integer cases", list(ATOMIC_RMW_KINDS)))
    value = operand()
    memref = operand(AnyRankedMemRef)
    indices = var_operand(Index)
    result = result()
    assembly_format = (
        "$kind $value `,` $memref `[` $indices `]` attr-dict `:` `(` type($value) `,` "
        "type($memref) `)` `->` type($result)"
    )


class GenericAtomicRMWOp(Op):
    __slots__ = ()
    OP_NAME = "memref.generic_atomic_rmw"
    summary = "atomic read-modify-write operation with a region"
    traits = frozenset({MemRead, MemWrite})
    memref = operand(AnyRankedMemRef)
    indices = var_operand(Index)
    result = result()
    atomic_body = region(single_block=True)


class AtomicYieldOp(Op):
    __slots__ = ()
    OP_NAME = "memref.atomic_yield"
    summary = "yield operation for GenericAtomicRMWOp"
    traits = frozenset({Pure, IsTerminator, ReturnLike})
    result = operand()
    assembly_format = "$result attr-dict `:` type($result)"


class CopyOp(Op):
    """`memref.copy %a, %b : memref<4xf32> to memref<4xf32>`."""

    __slots__ = ()
    OP_NAME = "memref.copy"
    summary = "memref copy operation"
    traits = frozenset({MemRead, MemWrite})
    source = operand(AnyRankedOrUnrankedMemRef)
    target = operand(AnyRankedOrUnrankedMemRef)
    assembly_format = "$source `,` $target attr-dict `:` type($source) `to` type($target)"

    def verify(self) -> None:
        s, t = self.source.type, self.target.type
        if s.element_type is not t.element_type:
            raise VerifyError(self, "requires the same element type for all operands")
        if isinstance(s, MemRefType) and isinstance(t, MemRefType) and s.shape != t.shape:
            raise VerifyError(self, "requires the same shape for all operands")


class DmaStartOp(Op):
    __slots__ = ()
    OP_NAME = "memref.dma_start"
    summary = "non-blocking DMA operation that starts a transfer"
    traits = frozenset({MemRead, MemWrite})
    operands_ = var_operand()


class DmaWaitOp(Op):
    __slots__ = ()
    OP_NAME = "memref.dma_wait"
    summary = "blocking DMA operation that waits for transfer completion"
    traits = frozenset({MemRead, MemWrite})
    operands_ = var_operand()


LocalityHint = Constraint(
    "32-bit signless integer attribute whose minimum value is 0 whose maximum value is 3",
    lambda a: I32Attr.check(a) and 0 <= a.value <= 3,
)


class PrefetchOp(Op):
    """`memref.prefetch %m[%i, %j], read, locality<3>, data : memref<?x?xf32>`."""

    __slots__ = ()
    OP_NAME = "memref.prefetch"
    summary = "prefetch operation"
    memref = operand(AnyRankedMemRef)
    indices = var_operand(Index)
    isWrite = attribute(BoolAttrC)
    localityHint = attribute(LocalityHint)
    isDataCache = attribute(BoolAttrC)

    def verify(self) -> None:
        if len(self.indices) != self.memref.type.rank:
            raise VerifyError(self, "too few indices")

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        hint = self.localityHint
        idx = ", ".join(p.value(v) for v in self.indices)
        p.write(
            f"memref.prefetch {p.value(self.memref)}[{idx}], "
            f"{'write' if self.isWrite.value else 'read'}, locality<{hint.value}>, "
            f"{'data' if self.isDataCache.value else 'instr'}"
        )
        _print_attr_dict(p, self, ("isWrite", "localityHint", "isDataCache"))
        p.write(f" : {p.type(self.memref.type)}")


# -- shapes and views -----------------------------------------------------------------------


class DimOp(Op):
    """`%n = memref.dim %m, %c0 : memref<?xf32>`: the size of one dimension."""

    __slots__ = ()
    OP_NAME = "memref.dim"
    asm_result_names = ("dim",)  # getAsmResultNames
    summary = "dimension index operation"
    traits = frozenset({Pure})
    source = operand(AnyNon0RankedOrUnrankedMemRef)
    index = operand(Index)
    result = result(Index)
    assembly_format = "attr-dict $source `,` $index `:` type($source)"

    def fold(self) -> list | None:
        """A static size is a constant; a dynamic one of an alloc/alloca is its size operand
        (MLIR's DimOp::fold)."""
        idx = self.index
        owner = idx.owner if isinstance(idx, OpResult) else None
        attr = (
            owner.get_attr("value") if owner is not None and owner.has_trait(ConstantLike) else None
        )
        t = self.source.type
        if not isinstance(attr, IntegerAttr) or not isinstance(t, MemRefType):
            return None
        k = attr.value
        if not 0 <= k < len(t.shape):
            return None
        if t.shape[k] is not DYNAMIC:
            return [IntegerAttr(t.shape[k], IndexType())]
        src = self.source
        alloc = src.owner if isinstance(src, OpResult) else None
        if isinstance(alloc, _AllocLike):
            pos = sum(1 for d in t.shape[:k] if d is DYNAMIC)
            return [alloc.dynamicSizes[pos]]
        return None


class RankOp(Op):
    __slots__ = ()
    OP_NAME = "memref.rank"
    summary = "rank operation"
    traits = frozenset({Pure})
    memref = operand(AnyRankedOrUnrankedMemRef)
    result = result(Index)
    assembly_format = "$memref attr-dict `:` type($memref)"


def _cast_compatible(a: Any, b: Any) -> bool:
    """MLIR's memref::CastOp::areCastCompatible."""
    if isinstance(a, UnrankedMemRefType) and isinstance(b, UnrankedMemRefType):
        return False
    if a.element_type is not b.element_type or a.memory_space != b.memory_space:
        return False
    if not (isinstance(a, MemRefType) and isinstance(b, MemRefType)):
        return True
    if a.rank != b.rank:
        return False
    if any(x is not DYNAMIC and y is not DYNAMIC and x != y for x, y in zip(a.shape, b.shape)):
        return False
    if a.layout == b.layout:
        return True
    sa, sb = _strided(a), _strided(b)
    if sa is None or sb is None:
        return False
    return all(x is DYNAMIC or y is DYNAMIC or x == y for x, y in zip(sa, sb))


def _strided(t: MemRefType) -> list | None:
    """Strides then offset of a memref type, or None for a non-strided layout."""
    if isinstance(t.layout, StridedLayoutAttr):
        return [*t.layout.strides, t.layout.offset]
    if t.layout is not None:
        return None
    strides, running = [], 1
    for d in reversed(t.shape):
        strides.append(running)
        running = DYNAMIC if d is DYNAMIC or running is DYNAMIC else running * d
    return [*reversed(strides), 0]


class CastOp(Op):
    """`%b = memref.cast %a : memref<4xf32> to memref<?xf32>`."""

    __slots__ = ()
    OP_NAME = "memref.cast"
    asm_result_names = ("cast",)  # getAsmResultNames
    summary = "memref cast operation"
    traits = frozenset({Pure})
    source = operand(AnyRankedOrUnrankedMemRef)
    dest = result(AnyRankedOrUnrankedMemRef)
    assembly_format = "$source attr-dict `:` type($source) `to` type($dest)"

    def verify(self) -> None:
        a, b = self.source.type, self.dest.type
        if not _cast_compatible(a, b):
            raise _err(self, f"operand type '{a}' and result type '{b}' are cast incompatible")


class MemorySpaceCastOp(Op):
    __slots__ = ()
    OP_NAME = "memref.memory_space_cast"
    asm_result_names = ("memspacecast",)  # getAsmResultNames
    summary = "memref memory space cast operation"
    traits = frozenset({Pure})
    source = operand(AnyRankedOrUnrankedMemRef)
    dest = result(AnyRankedOrUnrankedMemRef)
    assembly_format = "$source attr-dict `:` type($source) `to` type($dest)"


class ReshapeOp(Op):
    __slots__ = ()
    OP_NAME = "memref.reshape"
    asm_result_names = ("reshape",)  # getAsmResultNames
    summary = "memref reshape operation"
    traits = frozenset({Pure})
    source = operand(AnyRankedOrUnrankedMemRef)
    shape = operand()
    result = result()
    assembly_format = "$source `(` $shape `)` attr-dict `:` functional-type(operands, results)"


class TransposeOp(Op):
    __slots__ = ()
    OP_NAME = "memref.transpose"
    asm_result_names = ("transpose",)  # getAsmResultNames
    summary = "`transpose` produces a new strided memref (metadata-only)"
    traits = frozenset({Pure})
    in_ = operand(AnyRankedMemRef)
    permutation = attribute(AffineMapAttrC)
    result = result(AnyRankedMemRef)
    assembly_format = "$in $permutation attr-dict `:` type($in) `to` type($result)"

    def verify(self) -> None:
        src, res = self.in_.type, self.result.type
        perm = self.permutation.value
        if not perm.is_permutation() or perm.num_dims != src.rank:
            raise VerifyError(self, "expected a permutation map of the same rank as the input")
        if res.element_type is not src.element_type or res.rank != src.rank:
            raise VerifyError(self, "result type must have the input's element type and rank")
        expected = tuple(src.shape[e.position] for e in perm.results)
        if res.shape != expected:
            raise VerifyError(
                self, f"result shape must be the permuted input shape {list(expected)}"
            )


class ViewOp(Op):
    """`%v = memref.view %buf[%shift][%d] : memref<2048xi8> to memref<?x4xf32>`."""

    __slots__ = ()
    OP_NAME = "memref.view"
    asm_result_names = ("view",)  # getAsmResultNames
    summary = "memref view operation"
    traits = frozenset({Pure})
    source = operand(I8Buffer1D)
    byte_shift = operand(Index)
    sizes = var_operand(Index)
    result = result(AnyRankedMemRef)
    assembly_format = (
        "$source `[` $byte_shift `]` `` `[` $sizes `]` attr-dict `:` type($source) `to` "
        "type($result)"
    )

    def verify(self) -> None:
        """MLIR's ViewOp::verify."""
        base, view = self.source.type, self.result.type
        if base.layout is not None:
            raise _err(self, f"unsupported map for base memref type '{base}'")
        if view.layout is not None:
            raise _err(self, f"unsupported map for result memref type '{view}'")
        if base.memory_space != view.memory_space:
            raise _err(
                self,
                f"different memory spaces specified for base memref type '{base}' and view "
                f"memref type '{view}'",
            )
        expected = sum(d is DYNAMIC for d in view.shape)
        if len(self.sizes) != expected:
            raise VerifyError(
                self,
                f"incorrect number of dynamic sizes, has {len(self.sizes)}, expected {expected}",
            )


class ExtractStridedMetadataOp(Op):
    __slots__ = ()
    OP_NAME = "memref.extract_strided_metadata"
    summary = "extracts a buffer base with offset and strides"
    traits = frozenset({Pure})
    source = operand(AnyRankedMemRef)
    results_ = var_result()
    assembly_format = "$source `:` type($source) `->` type(results) attr-dict"

    def asm_result_names(self) -> list[str | None]:
        """MLIR's: `%base_buffer, %offset, %sizes:N, %strides:N` (a group per name)."""
        rank = (len(self.results) - 2) // 2
        if rank == 0:
            return ["base_buffer", "offset"]
        return ["base_buffer", "offset", "sizes", *[None] * (rank - 1), "strides"]


class ExtractAlignedPointerAsIndexOp(Op):
    __slots__ = ()
    OP_NAME = "memref.extract_aligned_pointer_as_index"
    asm_result_names = ("intptr",)  # getAsmResultNames
    summary = "Extracts a memref's underlying aligned pointer as an index"
    traits = frozenset({Pure})
    source = operand(AnyRankedOrUnrankedMemRef)
    aligned_pointer = result(Index)
    assembly_format = "$source `:` type($source) `->` type(results) attr-dict"


class AssumeAlignmentOp(Op):
    __slots__ = ()
    OP_NAME = "memref.assume_alignment"
    asm_result_names = ("assume_align",)  # getAsmResultNames
    summary = "assumption that gives alignment information to the input memref"
    memref = operand(AnyRankedMemRef)
    alignment = attribute(AnyAttr)
    result = opt_result()


def _mixed(static: Sequence[int], dynamic: Sequence[Value]) -> list:
    """Static values with each dynamic sentinel replaced by the next operand."""
    it = iter(dynamic)
    return [next(it, None) if s == DYNAMIC_INDEX else s for s in static]


def _verify_mixed(op: Op, name: str, static: Any, dynamic: Sequence[Value], n: int) -> None:
    values = static.values
    if len(values) != n:
        raise _err(op, f"expected {n} {name} values, got {len(values)}")
    expected = sum(v == DYNAMIC_INDEX for v in values)
    if expected != len(dynamic):
        raise _err(op, f"expected {expected} dynamic {name} values")


class _OffsetsSizesStrides(Op):
    __slots__ = ()
    OP_NAME = None
    source = operand(AnyRankedOrUnrankedMemRef)
    offsets = var_operand(Index)
    sizes = var_operand(Index)
    strides = var_operand(Index)
    static_offsets = attribute(DenseI64Array)
    static_sizes = attribute(DenseI64Array)
    static_strides = attribute(DenseI64Array)
    result = result(AnyRankedMemRef)

    def mixed_offsets(self) -> list:
        return _mixed(self.static_offsets.values, self.offsets)

    def mixed_sizes(self) -> list:
        return _mixed(self.static_sizes.values, self.sizes)

    def mixed_strides(self) -> list:
        return _mixed(self.static_strides.values, self.strides)


class SubViewOp(_OffsetsSizesStrides):
    """`%v = memref.subview %m[%o, 0] [4, 4] [1, 1] : memref<8x8xf32> to
    memref<4x4xf32, strided<[8, 1], offset: ?>>`."""

    __slots__ = ()
    OP_NAME = "memref.subview"
    asm_result_names = ("subview",)  # getAsmResultNames
    summary = "memref subview operation"
    traits = frozenset({Pure})

    def verify(self) -> None:
        src, res = self.source.type, self.result.type
        if not isinstance(src, MemRefType):
            raise VerifyError(self, f"operand #0 must be ranked memref of any type values, "
                              f"but got '{src}'")  # fmt: skip
        rank = src.rank
        _verify_mixed(self, "offset", self.static_offsets, self.offsets, rank)
        _verify_mixed(self, "size", self.static_sizes, self.sizes, rank)
        _verify_mixed(self, "stride", self.static_strides, self.strides, rank)
        if src.element_type is not res.element_type:
            raise VerifyError(self, "expected result element type to be "
                              f"'{src.element_type}'")  # fmt: skip
        if res.rank > rank:
            raise VerifyError(self, f"expected result rank to be smaller or equal to the "
                              f"source rank, but got {res}")  # fmt: skip

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        lists = " ".join(
            _index_list(p, f) for f in (self.mixed_offsets, self.mixed_sizes, self.mixed_strides)
        )
        p.write(f"memref.subview {p.value(self.source)}{lists}")
        _print_attr_dict(p, self, _OSS_PROPS)
        p.write(f" : {p.type(self.source.type)} to {p.type(self.result.type)}")


class ReinterpretCastOp(_OffsetsSizesStrides):
    """`%v = memref.reinterpret_cast %m to offset: [0], sizes: [2, 4], strides: [4, 1] :
    memref<8xf32> to memref<2x4xf32>`."""

    __slots__ = ()
    OP_NAME = "memref.reinterpret_cast"
    asm_result_names = ("reinterpret_cast",)  # getAsmResultNames
    summary = "memref reinterpret cast operation"
    traits = frozenset({Pure})

    def verify(self) -> None:
        res = self.result.type
        _verify_mixed(self, "offset", self.static_offsets, self.offsets, 1)
        _verify_mixed(self, "size", self.static_sizes, self.sizes, res.rank)
        _verify_mixed(self, "stride", self.static_strides, self.strides, res.rank)
        for i, (size, dim) in enumerate(zip(self.static_sizes.values, res.shape)):
            if size != DYNAMIC_INDEX and dim is not None and size != dim:
                raise VerifyError(
                    self, f"expected result type with size = {size} instead of {dim} in dim = {i}"
                )
        src = self.source.type
        if src.element_type is not res.element_type:
            raise VerifyError(self, "different element types specified for source and target")
        if src.memory_space != res.memory_space:
            raise VerifyError(self, "different memory spaces specified for source and target")

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        p.write(
            f"memref.reinterpret_cast {p.value(self.source)} to "
            f"offset: {_index_list(p, self.mixed_offsets)}, "
            f"sizes: {_index_list(p, self.mixed_sizes)}, "
            f"strides: {_index_list(p, self.mixed_strides)}"
        )
        _print_attr_dict(p, self, _OSS_PROPS)
        p.write(f" : {p.type(self.source.type)} to {p.type(self.result.type)}")


_OSS_PROPS = ("static_offsets", "static_sizes", "static_strides", "operandSegmentSizes")


def _index_list(p: AsmPrinter, mixed: Any) -> str:
    try:
        items = mixed()
    except VerifyError:
        items = []
    return "[" + ", ".join(p.value(x) if isinstance(x, Value) else str(x) for x in items) + "]"


def _print_attr_dict(p: AsmPrinter, op: Op, elided: Sequence[str]) -> None:
    attrs = {
        k: v for k, v in {**op.properties, **op.attributes}.items()
        if k not in elided
    }  # fmt: skip
    if attrs:
        p.write(" " + p.attr_dict(attrs))


def _verify_reassociation(op: Op, small: Any, large: Any) -> None:
    groups = op.reassociation
    flat = [x.value for g in groups for x in g]
    if len(groups) != small.rank:
        raise VerifyError(op, f"expected {small.rank} reassociation groups, but got "
                          f"{len(groups)}")  # fmt: skip
    if flat != list(range(large.rank)):
        raise VerifyError(op, "expected reassociation map #0 to be valid and contiguous")
    if small.element_type is not large.element_type:
        raise VerifyError(op, "expected the same element type for source and result")
    for i, group in enumerate(groups):
        dims = [large.shape[x.value] for x in group]
        if small.shape[i] is None or None in dims:
            continue
        product = math.prod(dims)
        if small.shape[i] != product:
            raise VerifyError(
                op, f"expected dimension {i} of collapsed type to be static value of {product}"
            )


class CollapseShapeOp(Op):
    """`%c = memref.collapse_shape %m [[0, 1], [2]] : memref<2x3x4xf32> into
    memref<6x4xf32>`."""

    __slots__ = ()
    OP_NAME = "memref.collapse_shape"
    asm_result_names = ("collapse_shape",)  # getAsmResultNames
    summary = "operation to produce a memref with a smaller rank."
    traits = frozenset({Pure})
    src = operand(AnyRankedMemRef)
    reassociation = attribute(ReassociationAttr)
    result = result(AnyRankedMemRef)
    assembly_format = "$src $reassociation attr-dict `:` type($src) `into` type($result)"

    def verify(self) -> None:
        _verify_reassociation(self, self.result.type, self.src.type)

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        # The format's grammar parses it; printing spells the indices without their type.
        p.write(f"memref.collapse_shape {p.value(self.src)} {_reassociation_text(self)}")
        _print_attr_dict(p, self, ("reassociation",))
        p.write(f" : {p.type(self.src.type)} into {p.type(self.result.type)}")


def _reassociation_text(op: Op) -> str:
    """`[[0, 1], [2]]`: MLIR prints the index groups without the `: i64` of each entry."""
    groups = op.reassociation
    if not isinstance(groups, ArrayAttr):
        return "[]"
    return "[" + ", ".join(
        "[" + ", ".join(str(x.value) for x in g) + "]" for g in groups
    ) + "]"  # fmt: skip


class ExpandShapeOp(Op):
    """`%e = memref.expand_shape %m [[0, 1], [2]] output_shape [%d, 2, 3] :
    memref<?x3xf32> into memref<?x2x3xf32>`."""

    __slots__ = ()
    OP_NAME = "memref.expand_shape"
    asm_result_names = ("expand_shape",)  # getAsmResultNames
    summary = "operation to produce a memref with a higher rank."
    traits = frozenset({Pure})
    src = operand(AnyRankedMemRef)
    output_shape = var_operand(Index)
    reassociation = attribute(ReassociationAttr)
    static_output_shape = attribute(DenseI64Array)
    result = result(AnyRankedMemRef)

    def verify(self) -> None:
        res = self.result.type
        _verify_reassociation(self, self.src.type, res)
        _verify_mixed(self, "output_shape", self.static_output_shape, self.output_shape,
                      res.rank)  # fmt: skip
        for i, (given, dim) in enumerate(zip(self.static_output_shape.values, res.shape)):
            if dim is not None and given != DYNAMIC_INDEX and given != dim:
                raise VerifyError(self, f"invalid output shape provided at pos {i}")

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        shape = _index_list(p, lambda: _mixed(self.static_output_shape.values, self.output_shape))
        p.write(
            f"memref.expand_shape {p.value(self.src)} {_reassociation_text(self)} "
            f"output_shape {shape}"
        )
        _print_attr_dict(p, self, ("reassociation", "static_output_shape"))
        p.write(f" : {p.type(self.src.type)} into {p.type(self.result.type)}")


# -- globals --------------------------------------------------------------------------------


class GlobalOp(Op):
    """`memref.global "private" constant @g : memref<2xf32> = dense<[1.0, 2.0]>`."""

    __slots__ = ()
    OP_NAME = "memref.global"
    summary = "declare or define a global memref variable"
    traits = frozenset({Symbol})
    sym_name = attribute(SymbolNameAttr)
    sym_visibility = attribute(StringAttrC, optional=True)
    type = attribute(TypeAttrC)
    initial_value = attribute(AnyAttr, optional=True)
    constant = attribute(UnitAttrC, optional=True)
    alignment = attribute(Alignment, optional=True)

    def verify(self) -> None:
        t = self.type.value
        if not isinstance(t, MemRefType) or not t.has_static_shape:
            raise VerifyError(self, f"type should be static shaped memref, but got {t}")
        init = self.initial_value
        if init is not None and not isinstance(init, UnitAttr):
            if not isinstance(init, (DenseElementsAttr, DenseResourceElementsAttr)):
                raise VerifyError(self, "initial value should be a unit or elements attribute")
            want = RankedTensorType(t.shape, t.element_type)
            if init.type is not want:
                raise VerifyError(
                    self,
                    f"initial value expected to be of type '{want}', but was of type '{init.type}'",
                )
        a = self.alignment
        if a is not None and (a.value <= 0 or a.value & (a.value - 1)):
            raise VerifyError(self, f"alignment attribute value {a.value} is not a power of 2")

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        t = self.type
        if not isinstance(t, TypeAttr) or not isinstance(self.sym_name, StringAttr):
            p.generic_op(self, indent)
            return
        write = p.write
        write("memref.global ")
        if isinstance(self.sym_visibility, StringAttr):
            write(p.attr(self.sym_visibility) + " ")
        if self.constant is not None:
            write("constant ")
        write(f"{p.attr(SymbolRefAttr(self.sym_name.value))} : {p.type(t.value)}")
        init = self.initial_value
        if isinstance(init, UnitAttr):
            write(" = uninitialized")
        elif isinstance(init, (DenseElementsAttr, DenseResourceElementsAttr)):
            text = p.attr(init)
            suffix = " : " + p.type(init.type)
            if init.type is RankedTensorType(t.value.shape, t.value.element_type):
                text = text[: -len(suffix)] if text.endswith(suffix) else text
            write(" = " + text)
        elif init is not None:
            write(" = " + p.attr(init))
        if Alignment.check(self.alignment):  # MLIR's format: `alignment = 64`
            write(f" alignment = {self.alignment.value}")
            elided = (
                "sym_name",
                "sym_visibility",
                "type",
                "initial_value",
                "constant",
                "alignment",
            )
        else:
            elided = ("sym_name", "sym_visibility", "type", "initial_value", "constant")
        _print_attr_dict(p, self, elided)


class GetGlobalOp(Op):
    """`%g = memref.get_global @g : memref<2xf32>`."""

    __slots__ = ()
    OP_NAME = "memref.get_global"
    summary = "get the memref pointing to a global variable"
    traits = frozenset({Pure})
    global_name = attribute(FlatSymbolRefAttr, name="name")
    result = result(AnyRankedMemRef)

    def verify(self) -> None:
        sym = self.global_name.root
        target = lookup_nearest_symbol(self, sym)
        if target is False:
            return
        if not isinstance(target, GlobalOp) or not isinstance(target.type, TypeAttr):
            raise VerifyError(self, f"'{sym}' does not reference a valid global memref")
        if target.type.value is not self.result.type:
            raise VerifyError(
                self,
                f"result type '{self.result.type}' does not match type '{target.type.value}' "
                f"of the global memref @{sym}",
            )

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        p.write(f"memref.get_global {p.attr(self.global_name)} : {p.type(self.result.type)}")
        _print_attr_dict(p, self, ("name",))


# -- hand-written syntax --------------------------------------------------------------------

GRAMMAR = r"""
%extend custom_op: memref_store | memref_subview | memref_reinterpret_cast
                 | memref_expand_shape | memref_global | memref_get_global | memref_prefetch
memref_prefetch: MEMREF_PREFETCH value_use "[" [value_use_list] "]" "," (MEMREF_READ | MEMREF_WRITE) "," "locality" "<" INT ">" "," (MEMREF_DATA | MEMREF_INSTR) [attr_dict] ":" type
MEMREF_PREFETCH: "memref.prefetch"
MEMREF_READ: "read"
MEMREF_WRITE: "write"
MEMREF_DATA: "data"
MEMREF_INSTR: "instr"
memref_get_global: MEMREF_GET_GLOBAL SYMBOL ":" type [attr_dict]
MEMREF_GET_GLOBAL: "memref.get_global"
memref_store: MEMREF_STORE value_use "," value_use "[" value_use_list "]" [attr_dict] ":" type
MEMREF_STORE: "memref.store"
memref_index_list: "[" [_memref_index ("," _memref_index)*] "]"
_memref_index: VALUE_ID | INT
memref_subview: MEMREF_SUBVIEW value_use memref_index_list memref_index_list memref_index_list [attr_dict] ":" type "to" type
MEMREF_SUBVIEW: "memref.subview"
memref_reinterpret_cast: MEMREF_REINTERPRET_CAST value_use "to" "offset" ":" memref_index_list "," "sizes" ":" memref_index_list "," "strides" ":" memref_index_list [attr_dict] ":" type "to" type
MEMREF_REINTERPRET_CAST: "memref.reinterpret_cast"
memref_expand_shape: MEMREF_EXPAND_SHAPE value_use array_attr "output_shape" memref_index_list [attr_dict] ":" type "into" type
MEMREF_EXPAND_SHAPE: "memref.expand_shape"
memref_global: MEMREF_GLOBAL [STRING] [MEMREF_CONSTANT] SYMBOL ":" type ["=" memref_global_init] ["alignment" "=" INT] [attr_dict]
memref_global_init: DENSE | MEMREF_UNINITIALIZED | memref_global_resource
memref_global_resource: "dense_resource" "<" BARE_ID ">"
MEMREF_GLOBAL: "memref.global"
MEMREF_CONSTANT: "constant"
MEMREF_UNINITIALIZED: "uninitialized"
"""


def _resolve(b: AsmParser, tokens: Sequence[Any], t: Any) -> list[Value]:
    return [v for tok in tokens for v in b.resolve_operands(tok, [t])]


def _set_attrs(op: Operation, attrs: Any, inherent: Sequence[str]) -> Operation:
    for name, value in attrs or ():
        if name in inherent:
            op.properties[name] = value
        else:
            op.attributes[name] = value
    return op


def _store(b: AsmParser, c: list) -> StoreOp:
    kw, value_tok, memref_tok, index_toks, attrs, t = c
    if not isinstance(t, (MemRefType, UnrankedMemRefType)):
        raise b.error(kw, f"'memref.store' expects a memref type, but got '{t}'")
    (value,) = b.resolve_operands(value_tok, [t.element_type])
    (memref,) = b.resolve_operands(memref_tok, [t])
    indices = _resolve(b, index_toks or [], IndexType())
    op = StoreOp(value, memref, indices, location=b.loc(kw))
    return _set_attrs(op, attrs, ("nontemporal",))


def _prefetch(b: AsmParser, c: list) -> PrefetchOp:
    kw, memref_tok, index_toks, rw, hint, cache, attrs, t = c
    if not isinstance(t, MemRefType):
        raise b.error(kw, f"'memref.prefetch' expects a ranked memref type, but got '{t}'")
    (memref,) = b.resolve_operands(memref_tok, [t])
    indices = _resolve(b, index_toks or [], IndexType())
    locality = int(str(hint), 0)  # MLIR's integer literals: decimal or 0x hexadecimal
    if not 0 <= locality <= 3:
        raise b.error(hint, "locality hint must be between 0 and 3")
    # Compared by spelling: another dialect may name the same keyword's terminal.
    op = PrefetchOp(
        memref, indices, isWrite=BoolAttr(str(rw) == "write"),
        localityHint=IntegerAttr(locality, IntegerType(32)),
        isDataCache=BoolAttr(str(cache) == "data"), location=b.loc(kw),
    )  # fmt: skip
    return _set_attrs(op, attrs, ("isWrite", "localityHint", "isDataCache"))


def _index_list_cb(b: AsmParser, c: list) -> tuple[list[int], list[Value]]:
    static, dynamic = [], []
    for tok in c:
        if tok is None:
            continue
        if tok.type == "VALUE_ID":
            static.append(DYNAMIC_INDEX)
            dynamic.extend(b.resolve_operands(tok, [IndexType()]))
        else:
            value = parse_int(tok)
            if not fits_signed(value, 64):  # stored in an i64 array, as in MLIR
                raise b.error(tok, f"integer {tok} is out of range for i64")
            static.append(value)
    return static, dynamic


def _i64_array(values: Sequence[int]) -> DenseArrayAttr:
    return DenseArrayAttr(IntegerType(64), values)


def _offsets_sizes_strides(b: AsmParser, cls: type, kw: Any, src_tok: Any, lists: list, attrs: Any,
                           src_t: Any, res_t: Any) -> Operation:  # fmt: skip
    (source,) = b.resolve_operands(src_tok, [src_t])
    (offs, offs_d), (sizes, sizes_d), (strides, strides_d) = lists
    op = cls(
        source, offs_d, sizes_d, strides_d,
        static_offsets=_i64_array(offs), static_sizes=_i64_array(sizes),
        static_strides=_i64_array(strides), result_types=[res_t], location=b.loc(kw),
    )  # fmt: skip
    return _set_attrs(op, attrs, _OSS_PROPS)


def _subview(b: AsmParser, c: list) -> SubViewOp:
    kw, src, l1, l2, l3, attrs, src_t, res_t = c
    return _offsets_sizes_strides(b, SubViewOp, kw, src, [l1, l2, l3], attrs, src_t, res_t)


def _reinterpret_cast(b: AsmParser, c: list) -> ReinterpretCastOp:
    kw, src, l1, l2, l3, attrs, src_t, res_t = c
    return _offsets_sizes_strides(b, ReinterpretCastOp, kw, src, [l1, l2, l3], attrs, src_t, res_t)


def _expand_shape(b: AsmParser, c: list) -> ExpandShapeOp:
    kw, src_tok, reassociation, (shape, shape_d), attrs, src_t, res_t = c
    (src,) = b.resolve_operands(src_tok, [src_t])
    op = ExpandShapeOp(
        src, shape_d, reassociation=reassociation, static_output_shape=_i64_array(shape),
        result_types=[res_t], location=b.loc(kw),
    )  # fmt: skip
    return _set_attrs(op, attrs, ("reassociation", "static_output_shape"))


def _global_init(b: AsmParser, c: list) -> Any:
    return c[0]


def _global_resource(b: AsmParser, c: list) -> Any:
    return ("dense_resource", c[0])


def _global(b: AsmParser, c: list) -> GlobalOp:
    kw, vis, const, sym, t, init, align, attrs = c
    props: dict[str, Attribute] = {
        "sym_name": StringAttr(b.symbol_names(sym)[0]), "type": TypeAttr(t),
    }  # fmt: skip
    if vis is not None:
        props["sym_visibility"] = StringAttr(b.string_value(vis))
    if const is not None:
        props["constant"] = UnitAttr()
    if init is not None:
        if isinstance(init, tuple):  # dense_resource<key>
            if not isinstance(t, MemRefType):
                raise b.error(kw, f"type should be static shaped memref, but got {t}")
            tensor = RankedTensorType(t.shape, t.element_type)
            props["initial_value"] = b.dense_resource_elements(init[1], tensor)
        elif init.type == "MEMREF_UNINITIALIZED":
            props["initial_value"] = UnitAttr()
        else:
            if not isinstance(t, MemRefType):
                raise b.error(kw, f"type should be static shaped memref, but got {t}")
            tensor = RankedTensorType(t.shape, t.element_type)
            props["initial_value"] = b.dense_elements(init, tensor)
    if align is not None:
        try:
            props["alignment"] = Alignment.parse_token(str(align))
        except ValueError as e:  # out of range for i64
            raise b.error(align, str(e)) from None
    op = GlobalOp(location=b.loc(kw), **props)
    return _set_attrs(op, attrs, ("alignment",))


def _get_global(b: AsmParser, c: list) -> GetGlobalOp:
    kw, sym, t, attrs = c
    ref = SymbolRefAttr(b.symbol_names(sym)[0])
    op = GetGlobalOp(result_types=[t], location=b.loc(kw), name=ref)
    return _set_attrs(op, attrs, ("name",))


CALLBACKS = {
    "memref_get_global": _get_global,
    "memref_store": _store,
    "memref_prefetch": _prefetch,
    "memref_index_list": _index_list_cb,
    "memref_subview": _subview,
    "memref_reinterpret_cast": _reinterpret_cast,
    "memref_expand_shape": _expand_shape,
    "memref_global_init": _global_init,
    "memref_global_resource": _global_resource,
    "memref_global": _global,
}

OPS = [
    AllocOp, AllocaOp, AllocaScopeOp, AllocaScopeReturnOp, AssumeAlignmentOp, AtomicRMWOp,
    AtomicYieldOp, CastOp, CollapseShapeOp, CopyOp, DeallocOp, DimOp, DmaStartOp, DmaWaitOp,
    ExpandShapeOp, ExtractAlignedPointerAsIndexOp, ExtractStridedMetadataOp,
    GenericAtomicRMWOp, GetGlobalOp, GlobalOp, LoadOp, MemorySpaceCastOp, PrefetchOp,
    RankOp, ReallocOp, ReinterpretCastOp, ReshapeOp, StoreOp, SubViewOp, TransposeOp, ViewOp,
]  # fmt: skip
