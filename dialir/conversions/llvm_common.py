"""What every conversion to the llvm dialect shares (MLIR's Conversion/LLVMCommon): the type
converter, the memref descriptor, and the helpers patterns build llvm ops with.

Types (MLIR's LLVMTypeConverter):
    index                     -> i64 (`index-bitwidth`)
    iN, f16/bf16/f32/f64      -> themselves; 1-D vectors of them (index elements -> i64)
    f8E4M3FN, f4E2M1FN, ...   -> i8, i4, ...: the integer of their width
    memref<d0 x .. x T>       -> !llvm.struct<(ptr, ptr, i64, array<R x i64>, array<R x i64>)>
                                 (allocated pointer, aligned pointer, offset, sizes, strides;
                                 rank 0: the first three), the pointers in the memref's
                                 integer memory space
    function types            -> !llvm.ptr (a function value is its address)
    llvm types                -> themselves
Values cross between the two type systems through `builtin.unrealized_conversion_cast`, which
`reconcile-unrealized-casts` removes once every side is converted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dialir.core.ir.attrs import IntegerAttr, StridedLayoutAttr
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.traits import SymbolTable
from dialir.core.ir.types import (
    DYNAMIC,
    FloatType,
    FunctionType,
    IndexType,
    IntegerType,
    MemRefType,
    Type,
    VectorType,
)
from dialir.core.ods.builtin import UnrealizedConversionCastOp
from dialir.core.rewrite.conversion import ConversionPattern, ConversionTarget, TypeConverter
from dialir.dialects import llvm
from dialir.dialects.llvm.types import (
    LLVMArrayType,
    LLVMPointerType,
    LLVMStructType,
    is_compatible_type,
)

i64 = IntegerType(64)


class LLVMTypeConverter(TypeConverter):
    """Builtin types to llvm-compatible ones (see the module docstring)."""

    def __init__(self, index_bitwidth: int = 64) -> None:
        super().__init__()
        self.index_type = IntegerType(index_bitwidth)
        # Asked last: what llvm accepts as it is stays.
        self.add_conversion(lambda t: t if is_compatible_type(t) else None)
        self.add_conversion(self._convert)
        # Asked last: values that still cross type systems keep an unrealized cast, which
        # the next conversion or reconcile-unrealized-casts removes.
        self.add_source_materialization(_unrealized_cast)
        self.add_target_materialization(_unrealized_cast)

    def _convert(self, t: Type) -> Any:
        if isinstance(t, IndexType):
            return self.index_type
        if isinstance(t, VectorType) and isinstance(t.element_type, IndexType) and t.rank == 1:
            return VectorType(t.shape, self.index_type)
        if isinstance(t, MemRefType):
            return self.memref_descriptor_type(t) or False
        if isinstance(t, FunctionType):
            return LLVMPointerType()
        if isinstance(t, FloatType) and not is_compatible_type(t):
            # A format LLVM has no type for (f8*, f6*, f4E2M1FN, tf32) is stored as the
            # integer of its width, as MLIR does; `arith-expand` computes with its bits.
            return IntegerType(t.width)
        if isinstance(t, VectorType) and t.rank == 1 and isinstance(t.element_type, FloatType):
            elem = self._convert(t.element_type)
            return VectorType(t.shape, elem) if isinstance(elem, IntegerType) else None
        return None

    def memref_descriptor_type(self, t: MemRefType) -> LLVMStructType | None:
        """The descriptor struct of `t`; None when its layout is not strided or its element
        type does not convert."""
        if strides_and_offset(t) is None:
            return None
        elem = self.convert_type(t.element_type)
        space = memory_space(t)
        if elem is None or space is None:
            return None
        ptr = LLVMPointerType(space)
        fields: list[Type] = [ptr, ptr, self.index_type]
        if t.shape:
            arr = LLVMArrayType(self.index_type, len(t.shape))
            fields += [arr, arr]
        return LLVMStructType(fields)

    def pointer_type(self, t: MemRefType) -> LLVMPointerType:
        return LLVMPointerType(memory_space(t) or 0)


def _unrealized_cast(rewriter: Any, t: Type, inputs: list[Value], loc: Any) -> Value:
    cast = UnrealizedConversionCastOp(list(inputs), result_types=[t], location=loc)
    return rewriter.insert(cast).results[0]


def memory_space(t: MemRefType) -> int | None:
    """The integer address space of a memref (0 by default); None for any other kind."""
    space = t.memory_space
    if space is None:
        return 0
    if isinstance(space, IntegerAttr):
        return space.value
    return None


def strides_and_offset(t: MemRefType) -> tuple[list[Any], Any] | None:
    """MLIR's getStridesAndOffset: strides and offset in elements, DYNAMIC where unknown;
    None for a layout that is not strided (a general affine map)."""
    layout = t.layout
    if layout is None:
        strides: list[Any] = []
        running: Any = 1
        for d in reversed(t.shape):
            strides.append(running)
            running = DYNAMIC if running is DYNAMIC or d is DYNAMIC else running * d
        return list(reversed(strides)), 0
    if isinstance(layout, StridedLayoutAttr):
        strides = [DYNAMIC if s is None else s for s in layout.strides]
        return strides, DYNAMIC if layout.offset is None else layout.offset
    return None


def is_static_identity(t: MemRefType) -> bool:
    return t.layout is None and all(d is not DYNAMIC for d in t.shape)


# -- building llvm ops ------------------------------------------------------------------------


def index_constant(rewriter: Any, value: int) -> Value:
    """`llvm.mlir.constant(value : i64) : i64`, an index-sized constant of the address
    arithmetic (MLIR's createIndexAttrConstant)."""
    return rewriter.create(llvm.ConstantOp, IntegerAttr(value, i64), i64).res


class MemRefDescriptor:
    """Reads and writes the fields of a memref descriptor value (MLIR's MemRefDescriptor).
    Static sizes, strides and offset come from the memref type as constants; `value` is the
    struct, or None until `undef` makes one."""

    __slots__ = ("rewriter", "value", "type", "memref_type", "strides", "offset")

    def __init__(self, rewriter: Any, value: Value, memref_type: MemRefType) -> None:
        self.rewriter = rewriter
        self.value = value
        self.type = value.type
        self.memref_type = memref_type
        self.strides, self.offset = strides_and_offset(memref_type) or ([], DYNAMIC)

    @classmethod
    def undef(cls, rewriter: Any, struct: LLVMStructType, t: MemRefType) -> MemRefDescriptor:
        return cls(rewriter, rewriter.create(llvm.PoisonOp, struct).res, t)

    def _get(self, *position: int) -> Value:
        return self.rewriter.create(llvm.ExtractValueOp, self.value, list(position)).res

    def _set(self, value: Value, *position: int) -> None:
        self.value = self.rewriter.create(llvm.InsertValueOp, self.value, value, list(position)).res

    def allocated_ptr(self) -> Value:
        return self._get(0)

    def aligned_ptr(self) -> Value:
        return self._get(1)

    def offset_value(self) -> Value:
        """The offset: a constant when the type knows it."""
        if self.offset is not DYNAMIC:
            return index_constant(self.rewriter, self.offset)
        return self._get(2)

    def size(self, i: int) -> Value:
        d = self.memref_type.shape[i]
        return index_constant(self.rewriter, d) if d is not DYNAMIC else self._get(3, i)

    def stride(self, i: int) -> Value:
        s = self.strides[i]
        return index_constant(self.rewriter, s) if s is not DYNAMIC else self._get(4, i)

    def set_allocated_ptr(self, v: Value) -> None:
        self._set(v, 0)

    def set_aligned_ptr(self, v: Value) -> None:
        self._set(v, 1)

    def set_offset(self, v: Value) -> None:
        self._set(v, 2)

    def set_size(self, i: int, v: Value) -> None:
        self._set(v, 3, i)

    def set_stride(self, i: int, v: Value) -> None:
        self._set(v, 4, i)

    def unpack(self) -> list[Value]:
        """The fields, in the order `convert-func-to-llvm` expands a memref argument."""
        rank = len(self.memref_type.shape)
        out = [self._get(0), self._get(1), self._get(2)]
        out += [self._get(3, i) for i in range(rank)]
        out += [self._get(4, i) for i in range(rank)]
        return out


def pack_descriptor(rewriter: Any, struct: LLVMStructType, values: Sequence[Value]) -> Value:
    """A descriptor struct from its expanded fields (the inverse of `unpack`)."""
    rank = (len(values) - 3) // 2
    positions = [[0], [1], [2]] + [[3, i] for i in range(rank)] + [[4, i] for i in range(rank)]
    packed = rewriter.create(llvm.PoisonOp, struct).res
    for pos, v in zip(positions, values):
        packed = rewriter.create(llvm.InsertValueOp, packed, v, pos).res
    return packed


def strided_element_ptr(rewriter: Any, desc: MemRefDescriptor, indices: Sequence[Value],
                        elem: Type) -> Value:  # fmt: skip
    """MLIR's getStridedElementPtr: the address of element `indices`, aligned pointer plus
    offset plus the sum of index * stride (a unit stride multiplies by nothing; a zero
    static offset adds nothing)."""
    base = desc.aligned_ptr()
    index: Value | None = None
    if desc.offset is DYNAMIC or desc.offset != 0:
        index = desc.offset_value()
    for i, x in enumerate(indices):
        term = x
        if desc.strides[i] is DYNAMIC or desc.strides[i] != 1:
            term = rewriter.create(llvm.MulOp, x, desc.stride(i), overflow=["nsw", "nuw"]).res
        index = (
            term
            if index is None
            else rewriter.create(llvm.AddOp, index, term, overflow=["nsw", "nuw"]).res
        )
    if index is None:
        return base
    return rewriter.create(
        llvm.GEPOp, base, [index], elem, no_wrap=["inbounds", "nuw"], result_type=base.type
    ).res


def llvm_target() -> ConversionTarget:
    """The llvm dialect is legal; so is the module around it."""
    target = ConversionTarget()
    target.add_legal_dialect("llvm")
    target.add_legal_op("builtin.module")
    return target


class OneToOneLowering(ConversionPattern):
    """`src(x...) -> llvm(x'...)`: an op whose llvm form is one op of the same operands (in
    order); a `cast` target also takes the converted result type. `attrs(op)` gives the new
    op's keyword arguments (its flags). Vectors of more than one dimension are not handled
    (MLIR unrolls them)."""

    def __init__(self, root: str, target: type, attrs: Any = None, cast: bool = False,
                 type_converter: TypeConverter | None = None) -> None:  # fmt: skip
        super().__init__(type_converter)
        self.root = root
        self.target = target
        self.attrs = attrs
        self.cast = cast

    @property
    def debug_name(self) -> str:
        return f"{self.root} -> {self.target.OP_NAME}"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        result_types = [rewriter.type_converter.convert_type(r.type) for r in op.results]
        if any(t is None or not is_compatible_type(t) for t in result_types):
            return rewriter.notify_match_failure(op, "the result type does not convert")
        if self.target is not llvm.BitcastOp and has_unsupported_float(op):
            return rewriter.notify_match_failure(op, "computes on a float type LLVM lacks")
        kwargs = self.attrs(op) if self.attrs is not None else {}
        if self.cast:
            new = rewriter.create(self.target, operands[0], result_types[0], **kwargs)
        else:
            new = rewriter.create(self.target, *operands, **kwargs)
        rewriter.replace_op(op, new.results)
        return True


def has_unsupported_float(op: Operation) -> bool:
    """Whether `op` has an operand or result of a float type LLVM lacks (or vectors of it),
    which the type converter stores as an integer: computing on it as a float does not
    convert (MLIR's FailOnUnsupportedFP); `arith-expand` rewrites such ops first."""
    for v in (*op.operands, *op.results):
        t = v.type.element_type if isinstance(v.type, VectorType) else v.type
        if isinstance(t, FloatType) and not is_compatible_type(t):
            return True
    return False


def enclosing_module(op: Operation) -> Operation:
    """The nearest symbol table above `op` (a builtin.module or a gpu.module): runtime
    functions and globals go there so that a call from `op` resolves to them, as MLIR's
    `getParentWithTrait<SymbolTable>()`; the outermost op when none is a symbol table."""
    outer = op
    while op.parent is not None and op.parent.parent is not None:
        op = op.parent.parent.parent
        if op.has_trait(SymbolTable):
            return op
        outer = op
    return outer


def lookup_or_create_fn(rewriter: Any, op: Operation, name: str,
                        ftype: llvm.LLVMFunctionType) -> None:  # fmt: skip
    """Declare `llvm.func @name` (malloc, free, ...) at the start of the module around `op`
    unless the module has it (MLIR's LLVM::lookupOrCreateFn)."""
    module = enclosing_module(op)
    body = module.regions[0].blocks[0]
    for existing in body.ops:
        sym = existing.get_attr("sym_name")
        if sym is not None and sym.value == name:
            return
    block, anchor = rewriter.block, rewriter.anchor
    rewriter.set_insertion_point_to_start(body)
    rewriter.insert(llvm.FuncOp(name, ftype))
    rewriter.block, rewriter.anchor = block, anchor
