"""finalize-memref-to-llvm: memrefs become MLIR's descriptor and their ops llvm code (MLIR's
MemRefToLLVM).

A memref value is `!llvm.struct<(ptr, ptr, i64, array<R x i64>, array<R x i64>)>`: the
pointer `malloc` returned (to free), the aligned pointer the data starts from, the offset,
sizes and strides in elements. Static sizes, strides and offsets are read from the memref type
as constants, so code on static shapes has no descriptor loads in its address arithmetic.

    memref.alloc(%n) {alignment = 64} : memref<?x8xf32>
        -> bytes = n * 8 * sizeof(f32) (a getelementptr from null); p = malloc(bytes + 64)
           (or aligned_alloc with `use-aligned-alloc`); aligned = p rounded up to 64
    memref.alloca             -> llvm.alloca, allocated = aligned pointer
    memref.dealloc %m         -> llvm.call @free(allocated pointer)
    memref.load %m[%i, %j]    -> llvm.load (getelementptr aligned[offset + i*s0 + j*s1])
    memref.store, memref.dim, memref.cast, memref.reinterpret_cast, memref.subview,
    memref.view, memref.collapse_shape, memref.expand_shape (strided layouts), memref.copy (memcpy of
    contiguous buffers), memref.extract_aligned_pointer_as_index
    memref.global @g : memref<2x3xf32> = dense<...>
        -> llvm.mlir.global @g(dense<...>) : !llvm.array<2 x array<3 x f32>> (a dense_resource
           initialiser stays a resource: its bytes are written as they are, not as text)
    memref.get_global @g      -> a descriptor of `llvm.mlir.addressof @g` (allocated pointer
                                 0xdeadbeef, as MLIR marks memory that must not be freed)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialir.conversions.llvm_common import (
    LLVMTypeConverter,
    MemRefDescriptor,
    i64,
    index_constant,
    is_static_identity,
    llvm_target,
    lookup_or_create_fn,
    strided_element_ptr,
    strides_and_offset,
)
from dialir.core.ir.attrs import (
    DenseElementsAttr,
    DenseResourceElementsAttr,
    FloatAttr,
    IntegerAttr,
    UnitAttr,
)
from dialir.core.ir.operation import Block, Operation, OpResult, Value
from dialir.core.ir.types import DYNAMIC, IntegerType, MemRefType, Type
from dialir.core.passes import Pass, option, register_pass
from dialir.core.rewrite.conversion import ConversionPattern, apply_partial_conversion
from dialir.dialects import llvm
from dialir.dialects.llvm.types import PTR, VOID, LLVMArrayType, LLVMFunctionType

DYNAMIC_INDEX = -(2**63)  # MLIR's ShapedType::kDynamic in static offset/size/stride lists
_DEADBEEF = 0xDEADBEEF


def _mul(rewriter: Any, a: Value, b: Value) -> Value:
    return rewriter.create(llvm.MulOp, a, b).res


def _add(rewriter: Any, a: Value, b: Value) -> Value:
    return rewriter.create(llvm.AddOp, a, b).res


def size_in_bytes(rewriter: Any, elem: Type, count: Value) -> Value:
    """`count` elements in bytes, as MLIR computes it: ptrtoint of getelementptr from null."""
    null = rewriter.create(llvm.ZeroOp, PTR).res
    gep = rewriter.create(llvm.GEPOp, null, [count], elem).res
    return rewriter.create(llvm.PtrToIntOp, gep, i64).res


def _descriptor_sizes(rewriter: Any, t: MemRefType,
                      dynamic: list[Value]) -> tuple[list[Value], list[Value], Value]:  # fmt: skip
    """Sizes, row-major strides and the element count of a new buffer of type `t` (MLIR's
    getMemRefDescriptorSizes): constants while the sizes inside are static, run-time
    products from the innermost dynamic size out."""
    it = iter(dynamic)
    sizes = [index_constant(rewriter, d) if d is not DYNAMIC else next(it) for d in t.shape]
    strides: list[Value] = [None] * len(sizes)  # type: ignore[list-item]
    static_product = 1
    running: Value | None = None  # the run-time product, once a dynamic size was met
    for i in range(len(sizes) - 1, -1, -1):
        strides[i] = index_constant(rewriter, static_product) if running is None else running
        if running is None and t.shape[i] is not DYNAMIC:
            static_product *= t.shape[i]
        elif running is None:
            scale = static_product
            running = (
                sizes[i]
                if scale == 1
                else _mul(rewriter, index_constant(rewriter, scale), sizes[i])
            )
        else:
            running = _mul(rewriter, running, sizes[i])
    count = index_constant(rewriter, static_product) if running is None else running
    return sizes, strides, count


def _fill(desc: MemRefDescriptor, allocated: Value, aligned: Value, sizes: list[Value],
          strides: list[Value]) -> Value:  # fmt: skip
    desc.set_allocated_ptr(allocated)
    desc.set_aligned_ptr(aligned)
    desc.set_offset(index_constant(desc.rewriter, 0))
    for i, (s, st) in enumerate(zip(sizes, strides)):
        desc.set_size(i, s)
        desc.set_stride(i, st)
    return desc.value


class AllocOpLowering(ConversionPattern):
    """`memref.alloc` -> malloc (or aligned_alloc) and a descriptor; see the module doc."""

    root = "memref.alloc"

    def __init__(self, converter: LLVMTypeConverter, use_aligned_alloc: bool = False) -> None:
        super().__init__(converter)
        self.use_aligned_alloc = use_aligned_alloc

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.memref.type
        struct = rewriter.type_converter.convert_type(t)
        if struct is None or t.layout is not None:
            return rewriter.notify_match_failure(op, "only identity layouts are allocated")
        elem = rewriter.type_converter.convert_type(t.element_type)
        sizes, strides, count = _descriptor_sizes(rewriter, t, list(operands))
        nbytes = size_in_bytes(rewriter, elem, count)
        align = op.alignment.value if op.alignment is not None else None
        if self.use_aligned_alloc:
            align = align or 16
            allocated = self._aligned_alloc(rewriter, op, nbytes, align)
            aligned = allocated
        elif align is None:
            lookup_or_create_fn(rewriter, op, "malloc", LLVMFunctionType(PTR, [i64]))
            allocated = rewriter.create(llvm.CallOp, "malloc", [nbytes], PTR).result
            aligned = allocated
        else:
            lookup_or_create_fn(rewriter, op, "malloc", LLVMFunctionType(PTR, [i64]))
            padded = _add(rewriter, nbytes, index_constant(rewriter, align))
            allocated = rewriter.create(llvm.CallOp, "malloc", [padded], PTR).result
            aligned = _align_up(rewriter, allocated, align)
        ptr_type = struct.body[0]
        if ptr_type != PTR:  # malloc's memory seen from the memref's address space
            same = aligned is allocated
            allocated = rewriter.create(llvm.AddrSpaceCastOp, allocated, ptr_type).res
            aligned = (
                allocated if same else rewriter.create(llvm.AddrSpaceCastOp, aligned, ptr_type).res
            )
        desc = MemRefDescriptor.undef(rewriter, struct, t)
        rewriter.replace_op(op, [_fill(desc, allocated, aligned, sizes, strides)])
        return True

    @staticmethod
    def _aligned_alloc(rewriter: Any, op: Operation, nbytes: Value, align: int) -> Value:
        """aligned_alloc(align, nbytes rounded up to a multiple of align), as C requires."""
        lookup_or_create_fn(rewriter, op, "aligned_alloc", LLVMFunctionType(PTR, [i64, i64]))
        a = index_constant(rewriter, align)
        bump = _add(rewriter, nbytes, index_constant(rewriter, align - 1))
        rounded = rewriter.create(llvm.AndOp, bump, index_constant(rewriter, -align)).res
        return rewriter.create(llvm.CallOp, "aligned_alloc", [a, rounded], PTR).result


def _align_up(rewriter: Any, ptr: Value, align: int) -> Value:
    """`ptr` moved up to the next multiple of `align` (MLIR's createAligned: the offset
    (align - ptr % align) % align, added as bytes)."""
    as_int = rewriter.create(llvm.PtrToIntOp, ptr, i64).res
    a = index_constant(rewriter, align)
    rem = rewriter.create(llvm.URemOp, as_int, a).res
    gap = rewriter.create(llvm.SubOp, a, rem).res
    shift = rewriter.create(llvm.URemOp, gap, a).res
    return rewriter.create(llvm.GEPOp, ptr, [shift], IntegerType(8)).res


class AllocaOpLowering(ConversionPattern):
    """`memref.alloca` -> `llvm.alloca` of the element count; both pointers the same."""

    root = "memref.alloca"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.memref.type
        struct = rewriter.type_converter.convert_type(t)
        if struct is None or t.layout is not None:
            return rewriter.notify_match_failure(op, "only identity layouts are allocated")
        elem = rewriter.type_converter.convert_type(t.element_type)
        sizes, strides, count = _descriptor_sizes(rewriter, t, list(operands))
        align = op.alignment.value if op.alignment is not None else None
        ptr = rewriter.create(llvm.AllocaOp, count, elem, align, result_type=struct.body[0]).res
        desc = MemRefDescriptor.undef(rewriter, struct, t)
        rewriter.replace_op(op, [_fill(desc, ptr, ptr, sizes, strides)])
        return True


class DeallocOpLowering(ConversionPattern):
    """`memref.dealloc %m` -> `llvm.call @free(allocated pointer of %m)`."""

    root = "memref.dealloc"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.memref.type
        if not isinstance(t, MemRefType):
            return rewriter.notify_match_failure(op, "unranked memrefs are not lowered")
        lookup_or_create_fn(rewriter, op, "free", LLVMFunctionType(VOID, [PTR]))
        ptr = MemRefDescriptor(rewriter, operands[0], t).allocated_ptr()
        if ptr.type != PTR:  # free takes a pointer of the default address space
            ptr = rewriter.create(llvm.AddrSpaceCastOp, ptr, PTR).res
        rewriter.create(llvm.CallOp, "free", [ptr])
        rewriter.erase_op(op)
        return True


class LoadOpLowering(ConversionPattern):
    """`memref.load %m[%i..]` -> `llvm.load` of the strided element address."""

    root = "memref.load"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.memref.type
        elem = rewriter.type_converter.convert_type(op.result.type)
        if not isinstance(t, MemRefType) or elem is None:
            return rewriter.notify_match_failure(op, "unranked memref or unconvertible element")
        desc = MemRefDescriptor(rewriter, operands[0], t)
        addr = strided_element_ptr(rewriter, desc, operands[1:], elem)
        nt = op.nontemporal.value != 0
        rewriter.replace_op_with(op, llvm.LoadOp(addr, elem, nontemporal=nt))
        return True


class StoreOpLowering(ConversionPattern):
    """`memref.store %v, %m[%i..]` -> `llvm.store` to the strided element address."""

    root = "memref.store"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.memref.type
        if not isinstance(t, MemRefType):
            return rewriter.notify_match_failure(op, "unranked memrefs are not lowered")
        value, memref, *indices = operands
        desc = MemRefDescriptor(rewriter, memref, t)
        addr = strided_element_ptr(rewriter, desc, indices, value.type)
        nt = op.nontemporal.value != 0
        rewriter.create(llvm.StoreOp, value, addr, nontemporal=nt)
        rewriter.erase_op(op)
        return True


class DimOpLowering(ConversionPattern):
    """`memref.dim %m, %c` (a constant index) -> the static size, or the descriptor's."""

    root = "memref.dim"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.source.type
        if not isinstance(t, MemRefType) or not t.shape:
            return rewriter.notify_match_failure(op, "needs a ranked memref")
        idx = _constant_index(operands[1])
        if idx is None:
            rewriter.replace_op(op, [_dynamic_dim(rewriter, operands[0], operands[1], t)])
            return True
        if not 0 <= idx < len(t.shape):
            return rewriter.notify_match_failure(op, "the index is out of bounds")
        if t.shape[idx] is not DYNAMIC:
            rewriter.replace_op(op, [index_constant(rewriter, t.shape[idx])])
            return True
        rewriter.replace_op(op, [MemRefDescriptor(rewriter, operands[0], t).size(idx)])
        return True


def _dynamic_dim(rewriter: Any, desc: Value, index: Value, t: MemRefType) -> Value:
    """The size at a run-time index (MLIR's way): the sizes array spilled to the stack and
    loaded back at the index."""
    sizes_t = LLVMArrayType(i64, len(t.shape))
    sizes = rewriter.create(llvm.ExtractValueOp, desc, [3]).res
    one = index_constant(rewriter, 1)
    slot = rewriter.create(llvm.AllocaOp, one, sizes_t).res
    rewriter.create(llvm.StoreOp, sizes, slot)
    addr = rewriter.create(llvm.GEPOp, slot, [0, index], sizes_t).res
    return rewriter.create(llvm.LoadOp, addr, i64).res


def _constant_index(v: Value) -> int | None:
    """The value of an index constant (already converted, or not yet)."""
    if isinstance(v, OpResult) and v.owner.name == "builtin.unrealized_conversion_cast":
        v = v.owner.operands[0] if len(v.owner.operands) == 1 else None
    owner = v.owner if isinstance(v, OpResult) else None
    if owner is None or owner.name not in ("arith.constant", "llvm.mlir.constant"):
        return None
    attr = owner.get_attr("value")
    return attr.value if isinstance(attr, IntegerAttr) else None


class CastOpLowering(ConversionPattern):
    """`memref.cast` between ranked memrefs: the descriptor is the same struct."""

    root = "memref.cast"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        converter = rewriter.type_converter
        src = converter.convert_type(op.source.type)
        dst = converter.convert_type(op.dest.type)
        if src is None or src is not dst:
            return rewriter.notify_match_failure(op, "only ranked to ranked casts")
        rewriter.replace_op(op, [operands[0]])
        return True


def _mixed_values(rewriter: Any, static: Any, dynamic: list[Value]) -> list[tuple[Any, Value]]:
    """(static value or DYNAMIC, llvm value) per entry of a static/dynamic list."""
    it = iter(dynamic)
    out = []
    for s in static.values:
        if s == DYNAMIC_INDEX:
            out.append((DYNAMIC, next(it)))
        else:
            out.append((s, index_constant(rewriter, s)))
    return out


def _split(op: Any, operands: list) -> tuple[Value, list, list, list]:
    n_off, n_size = len(op.offsets), len(op.sizes)
    src, rest = operands[0], operands[1:]
    return src, rest[:n_off], rest[n_off : n_off + n_size], rest[n_off + n_size :]


class ReinterpretCastOpLowering(ConversionPattern):
    """`memref.reinterpret_cast %m to offset: [..], sizes: [..], strides: [..]`: the source's
    pointers with the given offset, sizes and strides."""

    root = "memref.reinterpret_cast"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        src_t, t = op.source.type, op.result.type
        struct = rewriter.type_converter.convert_type(t)
        if not isinstance(src_t, MemRefType) or struct is None:
            return rewriter.notify_match_failure(op, "needs ranked memrefs")
        src, offs, sizes, strides = _split(op, operands)
        source = MemRefDescriptor(rewriter, src, src_t)
        desc = MemRefDescriptor.undef(rewriter, struct, t)
        desc.set_allocated_ptr(source.allocated_ptr())
        desc.set_aligned_ptr(source.aligned_ptr())
        desc.set_offset(_mixed_values(rewriter, op.static_offsets, offs)[0][1])
        for i, (_, v) in enumerate(_mixed_values(rewriter, op.static_sizes, sizes)):
            desc.set_size(i, v)
        for i, (_, v) in enumerate(_mixed_values(rewriter, op.static_strides, strides)):
            desc.set_stride(i, v)
        rewriter.replace_op(op, [desc.value])
        return True


class SubViewOpLowering(ConversionPattern):
    """`memref.subview`: offset = source offset + sum(offset_i * stride_i); size_i as
    given; stride_i = source stride_i * step_i; rank-reducing views drop unit dims."""

    root = "memref.subview"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        src_t, t = op.source.type, op.result.type
        struct = rewriter.type_converter.convert_type(t)
        if not isinstance(src_t, MemRefType) or struct is None:
            return rewriter.notify_match_failure(op, "needs ranked strided memrefs")
        src, offs, sizes, steps = _split(op, operands)
        source = MemRefDescriptor(rewriter, src, src_t)
        offsets = _mixed_values(rewriter, op.static_offsets, offs)
        size_vals = _mixed_values(rewriter, op.static_sizes, sizes)
        step_vals = _mixed_values(rewriter, op.static_strides, steps)
        offset = source.offset_value()
        for i, (o, v) in enumerate(offsets):
            if o == 0:
                continue
            offset = _add(rewriter, offset, _mul(rewriter, v, source.stride(i)))
        desc = MemRefDescriptor.undef(rewriter, struct, t)
        desc.set_allocated_ptr(source.allocated_ptr())
        desc.set_aligned_ptr(source.aligned_ptr())
        desc.set_offset(offset)
        kept = _kept_dims(src_t, t, [s for s, _ in size_vals])
        if kept is None:
            return rewriter.notify_match_failure(op, "cannot tell which unit dims are dropped")
        for j, i in enumerate(kept):
            desc.set_size(j, size_vals[i][1])
            step = step_vals[i]
            stride = source.stride(i) if step[0] == 1 else _mul(rewriter, source.stride(i), step[1])
            desc.set_stride(j, stride)
        rewriter.replace_op(op, [desc.value])
        return True


class ViewOpLowering(ConversionPattern):
    """`memref.view %buf[%shift][sizes]` (MLIR's ViewOpLowering): the aligned pointer moved
    by `shift` bytes, offset 0, the given sizes, row-major strides."""

    root = "memref.view"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.result.type
        struct = rewriter.type_converter.convert_type(t)
        if struct is None or t.layout is not None:
            return rewriter.notify_match_failure(op, "needs an identity-layout result")
        source = MemRefDescriptor(rewriter, operands[0], op.source.type)
        aligned = rewriter.create(
            llvm.GEPOp, source.aligned_ptr(), [operands[1]], IntegerType(8)
        ).res
        sizes, strides, _ = _descriptor_sizes(rewriter, t, list(operands[2:]))
        desc = MemRefDescriptor.undef(rewriter, struct, t)
        rewriter.replace_op(op, [_fill(desc, source.allocated_ptr(), aligned, sizes, strides)])
        return True


def _kept_dims(src: MemRefType, dst: MemRefType, sizes: list) -> list[int] | None:
    """The source dims a (possibly rank-reducing) subview keeps, matching its sizes to the
    result shape left to right; only static unit sizes may be dropped (MLIR's
    computeRankReductionMask)."""
    kept: list[int] = []
    for i, s in enumerate(sizes):
        j = len(kept)
        fits = j < len(dst.shape) and (
            dst.shape[j] is DYNAMIC if s is DYNAMIC else dst.shape[j] == s
        )
        if fits:
            kept.append(i)
        elif s != 1:
            return None
    return kept if len(kept) == len(dst.shape) else None


class CollapseShapeOpLowering(ConversionPattern):
    """`memref.collapse_shape`: each group's size is the product of its sizes, its stride the
    stride of its innermost dim (contiguous groups, as the op's verifier requires)."""

    root = "memref.collapse_shape"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        src_t, t = op.src.type, op.result.type
        struct = rewriter.type_converter.convert_type(t)
        if struct is None:
            return rewriter.notify_match_failure(op, "the result type does not convert")
        source = MemRefDescriptor(rewriter, operands[0], src_t)
        desc = MemRefDescriptor.undef(rewriter, struct, t)
        desc.set_allocated_ptr(source.allocated_ptr())
        desc.set_aligned_ptr(source.aligned_ptr())
        desc.set_offset(source.offset_value())
        for j, group in enumerate(op.reassociation):
            dims = [g.value for g in group]
            if t.shape[j] is not DYNAMIC:
                size = index_constant(rewriter, t.shape[j])
            else:
                size = source.size(dims[0])
                for d in dims[1:]:
                    size = _mul(rewriter, size, source.size(d))
            desc.set_size(j, size)
            desc.set_stride(j, source.stride(dims[-1]) if dims else index_constant(rewriter, 1))
        rewriter.replace_op(op, [desc.value])
        return True


class ExpandShapeOpLowering(ConversionPattern):
    """`memref.expand_shape`: sizes from the output shape; in each group the innermost dim
    keeps the source stride and the others multiply by the sizes inside them."""

    root = "memref.expand_shape"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        src_t, t = op.src.type, op.result.type
        struct = rewriter.type_converter.convert_type(t)
        if struct is None:
            return rewriter.notify_match_failure(op, "the result type does not convert")
        source = MemRefDescriptor(rewriter, operands[0], src_t)
        sizes = _mixed_values(rewriter, op.static_output_shape, list(operands[1:]))
        desc = MemRefDescriptor.undef(rewriter, struct, t)
        desc.set_allocated_ptr(source.allocated_ptr())
        desc.set_aligned_ptr(source.aligned_ptr())
        desc.set_offset(source.offset_value())
        static_strides, _ = strides_and_offset(t) or ([DYNAMIC] * len(t.shape), 0)
        for i, group in enumerate(op.reassociation):
            dims = [g.value for g in group]
            stride: Value | None = None  # the running product, built only where needed
            for k, d in enumerate(reversed(dims)):
                desc.set_size(d, sizes[d][1])
                if static_strides[d] is not DYNAMIC:
                    desc.set_stride(d, index_constant(rewriter, static_strides[d]))
                    continue
                if stride is None:
                    stride = source.stride(i)
                    for inner in dims[len(dims) - k :]:
                        stride = _mul(rewriter, stride, sizes[inner][1])
                desc.set_stride(d, stride)
                stride = _mul(rewriter, stride, sizes[d][1]) if k + 1 < len(dims) else stride
        rewriter.replace_op(op, [desc.value])
        return True


class CopyOpLowering(ConversionPattern):
    """`memref.copy` between contiguous memrefs -> `llvm.intr.memcpy` of the bytes (each from
    its aligned pointer plus offset)."""

    root = "memref.copy"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        src_t, dst_t = op.source.type, op.target.type
        if not all(isinstance(x, MemRefType) and _contiguous(x) for x in (src_t, dst_t)):
            return rewriter.notify_match_failure(op, "only contiguous row-major layouts")
        src = MemRefDescriptor(rewriter, operands[0], src_t)
        dst = MemRefDescriptor(rewriter, operands[1], dst_t)
        count = index_constant(rewriter, 1) if not src_t.shape else src.size(0)
        for i in range(1, len(src_t.shape)):
            count = _mul(rewriter, count, src.size(i))
        elem = rewriter.type_converter.convert_type(src_t.element_type)
        nbytes = size_in_bytes(rewriter, elem, count)
        src_ptr = strided_element_ptr(rewriter, src, [], elem)
        dst_ptr = strided_element_ptr(rewriter, dst, [], elem)
        src_ptr = _at_offset(rewriter, src, src_ptr, elem)
        dst_ptr = _at_offset(rewriter, dst, dst_ptr, elem)
        rewriter.create(llvm.MemcpyOp, dst_ptr, src_ptr, nbytes)
        rewriter.erase_op(op)
        return True


def _contiguous(t: MemRefType) -> bool:
    """Row-major without gaps: the identity layout, or strides that say the same (MLIR's
    isStaticShapeAndContiguousRowMajor, allowing a dynamic outermost size)."""
    if t.layout is None:
        return True
    found = strides_and_offset(t)
    if found is None:
        return False
    strides, _ = found
    running = 1
    for i in range(len(t.shape) - 1, -1, -1):
        if strides[i] is DYNAMIC or strides[i] != running:
            return False
        if t.shape[i] is DYNAMIC:
            return i == 0
        running *= t.shape[i]
    return True


def _at_offset(rewriter: Any, desc: MemRefDescriptor, ptr: Value, elem: Type) -> Value:
    """`ptr` (the aligned pointer) moved by a dynamic offset; static offsets were applied."""
    if desc.offset is not DYNAMIC:
        return ptr
    return rewriter.create(llvm.GEPOp, ptr, [desc.offset_value()], elem).res


class ExtractAlignedPointerAsIndexLowering(ConversionPattern):
    """`memref.extract_aligned_pointer_as_index` -> ptrtoint of the aligned pointer."""

    root = "memref.extract_aligned_pointer_as_index"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.source.type
        if not isinstance(t, MemRefType):
            return rewriter.notify_match_failure(op, "unranked memrefs are not lowered")
        ptr = MemRefDescriptor(rewriter, operands[0], t).aligned_ptr()
        rewriter.replace_op_with(op, llvm.PtrToIntOp(ptr, i64))
        return True


def global_type(converter: LLVMTypeConverter, t: MemRefType) -> Type | None:
    """The LLVM type of a memref global: nested arrays of the element type (None for a
    dynamic shape, which no global has)."""
    out = converter.convert_type(t.element_type)
    if out is None or any(d is DYNAMIC for d in t.shape):
        return None
    for d in reversed(t.shape):
        out = LLVMArrayType(out, d)
    return out


class GlobalOpLowering(ConversionPattern):
    """`memref.global` -> `llvm.mlir.global` (private stays private, public is external);
    an uninitialized global gets an undef initializer, as in MLIR."""

    root = "memref.global"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.type.value
        if not is_static_identity(t):
            return rewriter.notify_match_failure(op, "needs a static shape and identity layout")
        gt = global_type(rewriter.type_converter, t)
        if gt is None:
            return rewriter.notify_match_failure(op, "the element type does not convert")
        private = op.sym_visibility is not None and op.sym_visibility.value == "private"
        value = op.initial_value
        uninitialized = value is None or isinstance(value, UnitAttr)
        if not uninitialized and not t.shape and not isinstance(value, DenseResourceElementsAttr):
            value = _scalar(value)
        align = op.alignment.value if op.alignment is not None else None
        new = llvm.GlobalOp(
            op.sym_name.value, gt, None if uninitialized else value,
            linkage="private" if private else "external", constant=op.constant is not None,
            alignment=align,
        )  # fmt: skip
        if uninitialized:
            block = Block()
            new.initializer.append(block)
            undef = llvm.UndefOp(gt)
            block.append(undef)
            block.append(llvm.ReturnOp(undef.res))
        rewriter.replace_op_with(op, new)
        return True


def _scalar(value: Any) -> Any:
    """A rank-0 global's value as a scalar attribute (LLVM's global is the element type)."""
    if isinstance(value, DenseElementsAttr):
        x = value.array.reshape(()).item()
        elem = value.type.element_type
        return FloatAttr(x, elem) if isinstance(x, float) else IntegerAttr(int(x), elem)
    return value


class GetGlobalOpLowering(ConversionPattern):
    """`memref.get_global @g` -> a descriptor of the global's address: the aligned pointer is
    its first element, the allocated one 0xdeadbeef (never to be freed), static sizes."""

    root = "memref.get_global"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.result.type
        struct = rewriter.type_converter.convert_type(t)
        gt = global_type(rewriter.type_converter, t)
        if struct is None or gt is None or not is_static_identity(t):
            return rewriter.notify_match_failure(op, "needs a static shape and identity layout")
        addr = rewriter.create(llvm.AddressOfOp, op.global_name.root).res
        first = rewriter.create(llvm.GEPOp, addr, [0] * (len(t.shape) + 1), gt).res
        marker = index_constant(rewriter, _DEADBEEF)
        allocated = rewriter.create(llvm.IntToPtrOp, marker, PTR).res
        sizes, strides, _ = _descriptor_sizes(rewriter, t, [])
        desc = MemRefDescriptor.undef(rewriter, struct, t)
        rewriter.replace_op(op, [_fill(desc, allocated, first, sizes, strides)])
        return True


def populate_memref_to_llvm_patterns(converter: LLVMTypeConverter,
                                     use_aligned_alloc: bool = False) -> list:  # fmt: skip
    patterns: list[ConversionPattern] = [AllocOpLowering(converter, use_aligned_alloc)]
    patterns += [
        cls(converter)
        for cls in (AllocaOpLowering, DeallocOpLowering, LoadOpLowering, StoreOpLowering,
                    DimOpLowering, CastOpLowering, ReinterpretCastOpLowering,
                    SubViewOpLowering, ViewOpLowering, CollapseShapeOpLowering, ExpandShapeOpLowering,
                    CopyOpLowering, ExtractAlignedPointerAsIndexLowering, GlobalOpLowering,
                    GetGlobalOpLowering)
    ]  # fmt: skip
    return patterns


@register_pass
@dataclass
class FinalizeMemRefToLLVM(Pass):
    name = "finalize-memref-to-llvm"
    summary = "Finalize MemRef dialect to LLVM dialect conversion"
    dependent_dialects = ("llvm",)
    use_aligned_alloc: bool = option(
        False, "Use aligned_alloc in place of malloc for heap allocations"
    )
    index_bitwidth: int = option(64, "Bitwidth of the index type")

    def run(self, op: Operation) -> None:
        converter = LLVMTypeConverter(self.index_bitwidth)
        patterns = populate_memref_to_llvm_patterns(converter, self.use_aligned_alloc)
        apply_partial_conversion(op, llvm_target(), patterns, converter)
