"""gpu ops (MLIR's gpu dialect): kernels, their launches, the ids a kernel reads, workgroup
synchronisation and collectives, and the host-side memory ops.

    gpu.module @kernels { gpu.func @k(%a: memref<?xf32>) kernel { ... gpu.return } }
    gpu.launch_func @kernels::@k blocks in (%gx, %gy, %gz) threads in (%bx, %by, %bz)
        args(%a : memref<?xf32>)
    gpu.launch blocks(%bx, %by, %bz) in (%gx = %0, ...) threads(%tx, ...) in (%sx = %1, ...)
        { ... gpu.terminator }
    %t = gpu.thread_id x     gpu.barrier     %r, %ok = gpu.shuffle xor %v, %o, %w : f32
    %s = gpu.all_reduce add %v {} : (f32) -> f32

Builders: `LaunchOp(grid, block, async_dependencies=(), dynamic_shared_memory_size=None,
async_token=False)` makes the body block with its 12 id arguments and a `gpu.terminator`
(`op.body`, `op.block_ids`, `op.thread_ids`, `op.grid_sizes`, `op.block_sizes`);
`LaunchFuncOp(kernel_ref, grid, block, args, ...)`; `GPUFuncOp(name, function_type,
workgroup=(), private=(), kernel=False)` with its entry block and a `gpu.return`;
`GPUModuleOp(name)`. Property names are MLIR's (`operandSegmentSizes`, `kernel`,
`workgroup_attributions`, `known_block_size`...), so the generic form reads as in MLIR; the
verifiers follow MLIR's rules and messages. The custom syntax is in syntax.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dialir.core.ir.attrs import (
    UNKNOWN_LOC,
    ArrayAttr,
    DenseArrayAttr,
    IntegerAttr,
    Location,
    StringAttr,
    SymbolRefAttr,
    TypeAttr,
    UnitAttr,
)
from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.operation import Block, BlockArgument, Operation, Region, Value
from dialir.core.ir.traits import (
    AutomaticAllocationScope,
    HasParent,
    IsolatedFromAbove,
    IsTerminator,
    NoTerminator,
    Pure,
    ReturnLike,
    SingleBlock,
    Symbol,
    SymbolTable,
)
from dialir.core.ir.types import (
    DYNAMIC,
    FloatType,
    FunctionType,
    IndexType,
    IntegerType,
    MemRefType,
    Type,
    UnrankedMemRefType,
    VectorType,
    i1,
)
from dialir.core.ods.builtin import require_one_block
from dialir.core.ods.constraints import (
    AnyMemRef,
    AnyType,
    ArrayAttrC,
    AttrConstraint,
    AttrOf,
    Constraint,
    DenseI32Array,
    FunctionTypeAttr,
    I64Attr,
    Index,
    IntegerAttrOf,
    SameAs,
    SignlessIntegerOrIndex,
    SymbolNameAttr,
    SymbolRefAttrC,
    TypeIs,
    UnitAttrC,
)
from dialir.core.ods.opdef import (
    Op,
    attribute,
    operand,
    opt_operand,
    opt_result,
    region,
    result,
    var_operand,
)
from dialir.dialects.gpu import syntax
from dialir.dialects.gpu.attrs import (
    ASYNC_TOKEN,
    AddressSpaceAttr,
    AllReduceOperation,
    AllReduceOperationAttr,
    BarrierScopeAttr,
    Dimension,
    DimensionAttr,
    IndexBound,
    ShuffleMode,
    ShuffleModeAttr,
    enum_case,
)

INDEX = IndexType()
I32 = IntegerType(32)
AsyncToken = TypeIs("async token type", ASYNC_TOKEN)
I32Type = TypeIs("32-bit signless integer", I32)
I1Type = TypeIs("1-bit signless integer", i1)
_DIMS = ("x", "y", "z")


def _dim(d: str | DimensionAttr) -> DimensionAttr:
    return d if isinstance(d, DimensionAttr) else DimensionAttr(d)


def kernel_ancestor(op: Operation) -> Operation | None:
    """The gpu.func, gpu.launch or gpu.module that `op` runs on the device in, if any."""
    p = op.parent_op
    while p is not None:
        if p.name in ("gpu.func", "gpu.launch", "gpu.module"):
            return p
        p = p.parent_op
    return None


# -- ids and sizes -----------------------------------------------------------------------------


class _DimensionOp(Op):
    """An index a kernel reads along one dimension (`gpu.thread_id x`)."""

    __slots__ = ()
    traits = frozenset({Pure})
    dimension = attribute(Dimension)
    upper_bound = attribute(IndexBound, optional=True)
    result_ = result(Index)
    assembly_format = "$dimension (`upper_bound` $upper_bound^)? attr-dict"

    def __init__(self, dimension: str | DimensionAttr, upper_bound: int | None = None, *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        bound = None if upper_bound is None else IntegerAttr(upper_bound, INDEX)
        Op.__init__(self, dimension=_dim(dimension), upper_bound=bound, location=location)

    @property
    def dim(self) -> str:
        return enum_case(self.dimension, DimensionAttr)

    def asm_result_names(self) -> list[str]:
        """MLIR's: `%thread_id_x`, `%block_dim_y`, ... (the op's name and dimension)."""
        return [f"{self.name.partition('.')[2]}_{self.dim}"]


class ThreadIdOp(_DimensionOp):
    """`%t = gpu.thread_id x`: the thread's index within its block."""

    __slots__ = ()
    OP_NAME = "gpu.thread_id"
    summary = "Returns the thread id along one dimension"


class BlockIdOp(_DimensionOp):
    """`%b = gpu.block_id x`: the block's index within the grid."""

    __slots__ = ()
    OP_NAME = "gpu.block_id"
    summary = "Returns the block id along one dimension"


class BlockDimOp(_DimensionOp):
    """`%n = gpu.block_dim x`: the number of threads of a block."""

    __slots__ = ()
    OP_NAME = "gpu.block_dim"
    summary = "Returns the number of threads in the thread block (aka the block size)"


class GridDimOp(_DimensionOp):
    """`%n = gpu.grid_dim x`: the number of blocks of the grid."""

    __slots__ = ()
    OP_NAME = "gpu.grid_dim"
    summary = "Returns the number of thread blocks in the grid along one dimension"


class GlobalIdOp(_DimensionOp):
    """`%g = gpu.global_id x`: block_id * block_dim + thread_id."""

    __slots__ = ()
    OP_NAME = "gpu.global_id"
    summary = "Returns the unique global thread id along one dimension"


class LaneIdOp(Op):
    """`%l = gpu.lane_id`: the thread's index within its subgroup (warp)."""

    __slots__ = ()
    OP_NAME = "gpu.lane_id"
    summary = "Returns the id of the lane within the subgroup"
    traits = frozenset({Pure})
    upper_bound = attribute(IndexBound, optional=True)
    result_ = result(Index)
    assembly_format = "(`upper_bound` $upper_bound^)? attr-dict"


class _SubgroupOp(Op):
    __slots__ = ()
    traits = frozenset({Pure})
    upper_bound = attribute(IndexBound, optional=True)
    result_ = result(Index)
    assembly_format = "(`upper_bound` $upper_bound^)? attr-dict `:` type($result_)"


class SubgroupIdOp(_SubgroupOp):
    """`%s = gpu.subgroup_id : index`: the subgroup's index within the block."""

    __slots__ = ()
    OP_NAME = "gpu.subgroup_id"
    summary = "Returns the subgroup id"


class NumSubgroupsOp(_SubgroupOp):
    """`%n = gpu.num_subgroups : index`: the number of subgroups of a block."""

    __slots__ = ()
    OP_NAME = "gpu.num_subgroups"
    summary = "Returns the number of subgroups within a workgroup"


class SubgroupSizeOp(_SubgroupOp):
    """`%n = gpu.subgroup_size : index`: the number of threads of a subgroup."""

    __slots__ = ()
    OP_NAME = "gpu.subgroup_size"
    summary = "Returns the number of threads within a subgroup"


# -- synchronisation and collectives ----------------------------------------------------------


AddressSpaces = AttrConstraint(
    "GPU Address Space array",
    lambda a: isinstance(a, ArrayAttr) and all(isinstance(x, AddressSpaceAttr) for x in a.value),
    build=lambda v: ArrayAttr([x if isinstance(x, AddressSpaceAttr) else AddressSpaceAttr(x)
                               for x in v]),
)  # fmt: skip
BarrierScope = AttrOf("GPU barrier execution scope", BarrierScopeAttr)
WORKGROUP_SCOPE = BarrierScopeAttr("workgroup")


class BarrierOp(Op):
    """`gpu.barrier [memfence [#gpu.address_space<workgroup>]] [scope <subgroup>]`: every
    thread of the scope (by default the block) waits here until all reach it, and the memory
    they wrote before (of the `memfence` address spaces: all when absent, none for `[]`) is
    visible to all after."""

    __slots__ = ()
    OP_NAME = "gpu.barrier"
    summary = "Synchronizes all work items of a workgroup."
    address_spaces = attribute(AddressSpaces, optional=True)
    scope = attribute(BarrierScope, default=WORKGROUP_SCOPE)
    assembly_format = "(`memfence` $address_spaces^)? (`scope` $scope^)? attr-dict"

    @property
    def scope_name(self) -> str:
        return self.scope.value

    def verify(self) -> None:
        if kernel_ancestor(self) is None:
            raise VerifyError(self, "expected to be nested in a 'gpu.func', 'gpu.launch' or "
                              "'gpu.module' (it synchronizes the threads of a block)")  # fmt: skip


class ShuffleOp(Op):
    """`%r, %valid = gpu.shuffle xor %value, %offset, %width : f32`: read `value` from
    another lane of the subgroup (`valid` says whether that lane is within `width`)."""

    __slots__ = ()
    OP_NAME = "gpu.shuffle"
    asm_result_names = ("shuffleResult", "valid")  # getAsmResultNames
    summary = "Shuffles values within a subgroup."
    traits = frozenset({Pure})
    mode = attribute(ShuffleMode)
    value = operand(Constraint("integer, float or vector", lambda t: isinstance(
        t, (IntegerType, FloatType, IndexType, VectorType))))  # fmt: skip
    offset = operand(I32Type)
    width = operand(I32Type)
    shuffleResult = result(SameAs("value"))
    valid = result(I1Type)
    assembly_format = "$mode $value `,` $offset `,` $width attr-dict `:` type($value)"

    def __init__(self, mode: str | ShuffleModeAttr, value: Value, offset: Value, width: Value,
                 *, location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        mode = mode if isinstance(mode, ShuffleModeAttr) else ShuffleModeAttr(mode)
        Op.__init__(self, value, offset, width, mode=mode, result_types=[value.type, i1],
                    location=location)  # fmt: skip

    @classmethod
    def infer_result_types(cls, operands: dict, attrs: dict) -> list[Type]:
        return [operands["value"].type, i1]

    @property
    def mode_name(self) -> str:
        return enum_case(self.mode, ShuffleModeAttr)

    def verify(self) -> None:
        if self.shuffleResult.type is not self.value.type:
            raise VerifyError(self, "failed to verify that all of {value, shuffleResult} have "
                              "same type")  # fmt: skip


def check_reduction_kind(op: Operation, kind: str, t: Type) -> None:
    """MLIR's verifyReduceOpAndType: integer and float kinds on matching element types."""
    et = t.element_type if isinstance(t, VectorType) else t
    if isinstance(et, FloatType) and kind not in AllReduceOperationAttr.FLOAT:
        raise VerifyError(op, f"`{kind}` reduction operation is not compatible with type '{t}'")
    if isinstance(et, (IntegerType, IndexType)) and kind not in AllReduceOperationAttr.INTEGER:
        raise VerifyError(op, f"`{kind}` reduction operation is not compatible with type '{t}'")


class AllReduceOp(Op):
    """`%s = gpu.all_reduce add %v {} : (f32) -> f32`, or with a region that combines two
    values and `gpu.yield`s the result: every thread of the block gets the reduction of all
    the block's values."""

    __slots__ = ()
    OP_NAME = "gpu.all_reduce"
    summary = "Reduce values among workgroup."
    traits = frozenset({SingleBlock})  # the region may be empty; when not, one block
    op = attribute(AllReduceOperation, optional=True)
    uniform = attribute(UnitAttrC, optional=True)
    value = operand()
    result_ = result()
    body = region()
    print_custom = syntax.print_all_reduce

    def __init__(self, value: Value, op: str | None = None, *, uniform: bool = False,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        Op.__init__(self, value, op=None if op is None else AllReduceOperationAttr(op),
                    uniform=UnitAttr() if uniform else None, result_types=[value.type],
                    regions=[Region()], location=location)  # fmt: skip

    @classmethod
    def infer_result_types(cls, operands: dict, attrs: dict) -> list[Type]:
        return [operands["value"].type]

    @property
    def kind(self) -> str | None:
        """The built-in reduction (`add`...), None when the region combines."""
        return enum_case(self.op, AllReduceOperationAttr)

    def verify(self) -> None:
        t = self.value.type
        if self.result_.type is not t:
            raise VerifyError(self, "failed to verify that all of {value, result} have same type")
        blocks = self.body.blocks
        if (self.op is None) == (not blocks):
            raise VerifyError(self, "expected either an op attribute or a non-empty body")
        if self.op is not None:
            check_reduction_kind(self, self.kind, t)
            return
        args = blocks[0].args
        if len(args) != 2:
            raise VerifyError(self, "expected two region arguments")
        if any(a.type is not t for a in args):
            raise VerifyError(self, "incorrect region argument type")
        yields = 0
        for block in blocks:
            last = block.last
            if last is not None and last.name == "gpu.yield":
                if len(last.operands) != 1 or last.operands[0].type is not t:
                    raise VerifyError(self, "incorrect gpu.yield type")
                yields += 1
        if not yields:
            raise VerifyError(self, "expected gpu.yield op in region")


class SubgroupReduceOp(Op):
    """`%s = gpu.subgroup_reduce add %v : (f32) -> f32`: the reduction over the lanes of
    the subgroup (or of clusters of `cluster_size` lanes)."""

    __slots__ = ()
    OP_NAME = "gpu.subgroup_reduce"
    summary = "Reduce values among subgroup."
    traits = frozenset({Pure})
    op = attribute(AllReduceOperation)
    uniform = attribute(UnitAttrC, optional=True)
    cluster_size = attribute(IntegerAttrOf(32), optional=True)
    cluster_stride = attribute(IntegerAttrOf(32), default=IntegerAttr(1, I32))
    value = operand()
    result_ = result(SameAs("value"))
    assembly_format = ("$op $value (`uniform` $uniform^)? attr-dict `:` "
                       "functional-type(operands, results)")  # fmt: skip

    def __init__(self, value: Value, op: str, *, uniform: bool = False,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        Op.__init__(self, value, op=AllReduceOperationAttr(op),
                    uniform=UnitAttr() if uniform else None, result_types=[value.type],
                    location=location)  # fmt: skip

    @classmethod
    def infer_result_types(cls, operands: dict, attrs: dict) -> list[Type]:
        return [operands["value"].type]

    @property
    def kind(self) -> str:
        return enum_case(self.op, AllReduceOperationAttr)

    def verify(self) -> None:
        if self.result_.type is not self.value.type:
            raise VerifyError(self, "failed to verify that all of {value, result} have same type")
        check_reduction_kind(self, self.kind, self.value.type)
        size = self.cluster_size
        if size is not None and (size.value <= 0 or size.value & (size.value - 1)):
            raise VerifyError(self, "cluster size 0 is not a power of two" if not size.value
                              else f"cluster size {size.value} is not a power of two")  # fmt: skip


class YieldOp(Op):
    """`gpu.yield %v : f32`: the combined value of an all_reduce region."""

    __slots__ = ()
    OP_NAME = "gpu.yield"
    summary = "GPU yield operation"
    traits = frozenset({Pure, IsTerminator, ReturnLike})
    values = var_operand()
    assembly_format = "attr-dict ($values^ `:` type($values))?"

    def __init__(self, values: Sequence[Value] = (), *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        Op.__init__(self, list(values), location=location)


# -- kernels -----------------------------------------------------------------------------------


class ReturnOp(Op):
    """`gpu.return`: ends a gpu.func."""

    __slots__ = ()
    OP_NAME = "gpu.return"
    summary = "Terminator for GPU functions."
    traits = frozenset({Pure, IsTerminator, ReturnLike, HasParent("gpu.func")})
    operands_ = var_operand()
    assembly_format = "attr-dict ($operands_^ `:` type($operands_))?"

    def __init__(self, values: Sequence[Value] = (), *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        Op.__init__(self, list(values), location=location)

    def verify(self) -> None:
        func = self.parent_op
        ftype = func.get_attr("function_type") if func is not None else None
        if not isinstance(ftype, TypeAttr) or not isinstance(ftype.value, FunctionType):
            return
        results = ftype.value.results
        if len(results) != len(self.operands):
            raise VerifyError(self, f"expected {len(results)} result operands")
        for i, (v, t) in enumerate(zip(self.operands, results)):
            if v.type is not t:
                raise VerifyError(self, f"unexpected type `'{v.type}'' for operand #{i}")


class TerminatorOp(Op):
    """`gpu.terminator`: ends the body of a gpu.launch."""

    __slots__ = ()
    OP_NAME = "gpu.terminator"
    summary = "Terminator for GPU launch regions."
    traits = frozenset({Pure, IsTerminator, HasParent("gpu.launch")})
    assembly_format = "attr-dict"


def memory_space_of(t: Type) -> str | None:
    """The gpu address space of a memref type, if it names one."""
    if isinstance(t, MemRefType) and isinstance(t.memory_space, AddressSpaceAttr):
        return t.memory_space.value
    return None


class GPUFuncOp(Op):
    """`gpu.func @k(%a: f32) workgroup(%w: memref<32xf32, 3>) private(%p: ...) kernel
    { ... }`: a function run on the device; with `kernel`, one a launch starts. Workgroup and
    private attributions are memory buffers the body gets as extra entry-block arguments
    (after the function's), shared by a block or private to a thread."""

    __slots__ = ()
    OP_NAME = "gpu.func"
    summary = "Function executable on a GPU"
    traits = frozenset({IsolatedFromAbove, Symbol, AutomaticAllocationScope,
                        HasParent("gpu.module")})  # fmt: skip
    default_dialect = "gpu"
    function_type = attribute(FunctionTypeAttr)
    arg_attrs = attribute(ArrayAttrC, optional=True)
    res_attrs = attribute(ArrayAttrC, optional=True)
    workgroup_attrib_attrs = attribute(ArrayAttrC, optional=True)
    private_attrib_attrs = attribute(ArrayAttrC, optional=True)
    kernel = attribute(UnitAttrC, optional=True)
    known_block_size = attribute(DenseI32Array, optional=True)
    known_grid_size = attribute(DenseI32Array, optional=True)
    sym_name = attribute(SymbolNameAttr)
    workgroup_attributions = attribute(I64Attr, optional=True)
    body = region()
    print_custom = syntax.print_func

    def __init__(self, name: str, function_type: FunctionType, workgroup: Sequence[Type] = (),
                 private: Sequence[Type] = (), *, kernel: bool = False,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        block = Block([*function_type.inputs, *workgroup, *private])
        block.append(ReturnOp(location=location))
        Op.__init__(
            self, function_type=TypeAttr(function_type), sym_name=StringAttr(name),
            kernel=UnitAttr() if kernel else None,
            workgroup_attributions=IntegerAttr(len(workgroup), IntegerType(64)) if workgroup
            else None, regions=[Region([block])], location=location,
        )  # fmt: skip

    @property
    def type(self) -> FunctionType:
        return self.function_type.value

    @property
    def is_kernel(self) -> bool:
        return self.kernel is not None or self.get_attr("gpu.kernel") is not None

    @property
    def num_workgroup_attributions(self) -> int:
        n = self.workgroup_attributions
        return 0 if n is None else n.value

    @property
    def entry(self) -> Block:
        return self.body.blocks[0]

    @property
    def arguments(self) -> list[Value]:
        return self.entry.args[: len(self.type.inputs)]

    @property
    def workgroup_args(self) -> list[Value]:
        n = len(self.type.inputs)
        return self.entry.args[n : n + self.num_workgroup_attributions]

    @property
    def private_args(self) -> list[Value]:
        return self.entry.args[len(self.type.inputs) + self.num_workgroup_attributions :]

    def add_workgroup_attribution(self, t: Type) -> Value:
        """A new workgroup buffer (MLIR's addWorkgroupAttribution), after the others."""
        index = len(self.type.inputs) + self.num_workgroup_attributions
        block = self.entry
        arg = BlockArgument(t, block, index, UNKNOWN_LOC)
        block.args.insert(index, arg)
        for i in range(index + 1, len(block.args)):
            block.args[i].index = i
        self.properties["workgroup_attributions"] = IntegerAttr(
            self.num_workgroup_attributions + 1, IntegerType(64))  # fmt: skip
        return arg

    def verify(self) -> None:
        ftype = self.function_type
        if not isinstance(ftype, TypeAttr) or not isinstance(ftype.value, FunctionType):
            raise VerifyError(self, "requires a type attribute 'function_type'")
        ftype = ftype.value
        if self.is_kernel and ftype.results:
            raise VerifyError(self, "expected void return type for kernel function")
        if not self.body.blocks:
            raise VerifyError(self, "expected body with at least one block")
        args = self.entry.args
        nwg = self.num_workgroup_attributions
        if len(args) < len(ftype.inputs) + nwg:
            raise VerifyError(self, "expected at least " f"{len(ftype.inputs) + nwg} arguments to "
                              "body region")  # fmt: skip
        for i, (a, t) in enumerate(zip(args, ftype.inputs)):
            if a.type is not t:
                raise VerifyError(self, f"expected body region argument #{i} to be of type {t}, "
                                  f"got {a.type}")  # fmt: skip
        for values, space in ((self.workgroup_args, "workgroup"), (self.private_args, "private")):
            for v in values:
                if not isinstance(v.type, MemRefType):
                    raise VerifyError(self, "expected memref type in attribution")
                got = memory_space_of(v.type)
                if isinstance(v.type.memory_space, AddressSpaceAttr) and got != space:
                    raise VerifyError(self, f"expected memory space {space} in attribution")
        for name in ("known_block_size", "known_grid_size"):
            sizes = self.properties.get(name)
            if sizes is not None and len(sizes.values) != 3:
                raise VerifyError(self, f"'gpu.func' op attribute '{name}' failed to satisfy "
                                  "constraint: i32 dense array attribute of size 3")  # fmt: skip


class GPUModuleOp(Op):
    """`gpu.module @kernels [#nvvm.target<chip = "sm_80">] { ... }`: the device code of a
    program (its gpu.funcs), a symbol table beside the host code."""

    __slots__ = ()
    OP_NAME = "gpu.module"
    summary = "A top level compilation unit containing code to be run on a GPU."
    traits = frozenset({IsolatedFromAbove, SymbolTable, Symbol, SingleBlock, NoTerminator})
    default_dialect = "gpu"
    sym_name = attribute(SymbolNameAttr)
    targets = attribute(ArrayAttrC, optional=True)
    offloadingHandler = attribute(optional=True)
    body = region()
    print_custom = syntax.print_module

    def __init__(self, name: str, targets: Sequence[Any] = (), *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        Op.__init__(self, sym_name=StringAttr(name),
                    targets=ArrayAttr(list(targets)) if targets else None,
                    regions=[Region([Block()])], location=location)  # fmt: skip

    def verify(self) -> None:
        require_one_block(self)

    @property
    def block(self) -> Block:
        return self.body.blocks[0]

    def lookup(self, name: str) -> Operation | None:
        for op in self.block.ops:
            sym = op.get_attr("sym_name")
            if isinstance(sym, StringAttr) and sym.value == name:
                return op
        return None


class BinaryOp(Op):
    """`gpu.binary @kernels [#gpu.object<#nvvm.target<chip = "sm_80">, assembly = "...">]`:
    a gpu.module compiled, one object per target; `gpu.launch_func @kernels::@k` launches
    from it."""

    __slots__ = ()
    OP_NAME = "gpu.binary"
    summary = "An Op for storing serialized GPU binary objects."
    traits = frozenset({Symbol})
    sym_name = attribute(SymbolNameAttr)
    offloadingHandler = attribute(optional=True)
    objects = attribute(ArrayAttrC)
    print_custom = syntax.print_binary

    def verify(self) -> None:
        if not len(self.objects):
            raise VerifyError(self, "attribute 'objects' failed to satisfy constraint: an array "
                              "of GPU object attributes with at least 1 elements")  # fmt: skip


# -- launches ----------------------------------------------------------------------------------


def _sizes3(values: Sequence[Value]) -> list[Value]:
    values = list(values)
    if len(values) != 3:
        raise ValueError("grid and block sizes take three values (x, y, z)")
    return values


class _LaunchLikeOp(Op):
    """What gpu.launch and gpu.launch_func share: async dependencies, then the grid's and
    the block's three sizes (MLIR's operand order), an optional async token."""

    __slots__ = ()

    def _build(self, grid: Sequence[Value], block: Sequence[Value],
               async_dependencies: Sequence[Value], async_token: bool, **kwargs: Any) -> None:  # fmt: skip
        Op.__init__(self, list(async_dependencies), *_sizes3(grid), *_sizes3(block),
                    result_types=[ASYNC_TOKEN] if async_token or async_dependencies else [],
                    **kwargs)  # fmt: skip

    @property
    def grid_operands(self) -> list[Value]:
        return [self.gridSizeX, self.gridSizeY, self.gridSizeZ]

    @property
    def block_operands(self) -> list[Value]:
        return [self.blockSizeX, self.blockSizeY, self.blockSizeZ]


class LaunchOp(_LaunchLikeOp):
    """`gpu.launch blocks(%bx, %by, %bz) in (%gx = %0, %gy = %1, %gz = %2) threads(%tx, %ty,
    %tz) in (%sx = %3, %sy = %4, %sz = %5) { ... gpu.terminator }`: a kernel written inline.
    The body's 12 arguments are the block ids, thread ids, grid sizes and block sizes."""

    __slots__ = ()
    OP_NAME = "gpu.launch"
    summary = "GPU kernel launch operation"
    traits = frozenset({AutomaticAllocationScope})
    default_dialect = "gpu"
    asyncDependencies = var_operand(AsyncToken)
    gridSizeX = operand(Index)
    gridSizeY = operand(Index)
    gridSizeZ = operand(Index)
    blockSizeX = operand(Index)
    blockSizeY = operand(Index)
    blockSizeZ = operand(Index)
    clusterSizeX = opt_operand(Index)
    clusterSizeY = opt_operand(Index)
    clusterSizeZ = opt_operand(Index)
    dynamicSharedMemorySize = opt_operand(I32Type)
    asyncObject = opt_operand(AnyType)
    kernelFunc = attribute(SymbolRefAttrC, optional=True, name="function")
    kernelModule = attribute(SymbolRefAttrC, optional=True, name="module")
    asyncToken = opt_result(AsyncToken)
    body_ = region()
    print_custom = syntax.print_launch

    def __init__(self, grid: Sequence[Value], block: Sequence[Value],
                 async_dependencies: Sequence[Value] = (),
                 dynamic_shared_memory_size: Value | None = None, *, async_token: bool = False,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        body = Block([INDEX] * 12)
        body.append(TerminatorOp(location=location))
        self._build(grid, block, async_dependencies, async_token,
                    dynamicSharedMemorySize=dynamic_shared_memory_size,
                    regions=[Region([body])], location=location)  # fmt: skip

    def segment(self, field: Any) -> tuple[int, int]:
        seg = self.properties.get("operandSegmentSizes")
        if field.is_result or not isinstance(seg, DenseArrayAttr) or len(seg.values) != 11:
            return Op.segment(self, field)
        # MLIR before the `asyncObject` group printed 11 groups: read as that group empty.
        sizes = [*seg.values, 0]
        if any(v < 0 for v in sizes) or sum(sizes) != len(self._operands):
            raise VerifyError(self, f"operand count ({len(self._operands)}) does not match "
                              f"with the total size ({sum(sizes)}) specified in attribute "
                              "'operandSegmentSizes'")  # fmt: skip
        return sum(sizes[: field.index]), sizes[field.index]

    @property
    def body(self) -> Block:
        return self.regions[0].blocks[0]

    @property
    def block_ids(self) -> list[Value]:
        return self.body.args[0:3]

    @property
    def thread_ids(self) -> list[Value]:
        return self.body.args[3:6]

    @property
    def grid_sizes(self) -> list[Value]:
        return self.body.args[6:9]

    @property
    def block_sizes(self) -> list[Value]:
        return self.body.args[9:12]

    def verify(self) -> None:
        blocks = self.regions[0].blocks
        if not blocks:
            raise VerifyError(self, "expected a non-empty body region")
        n = 18 if self.clusterSizeX is not None else 12
        args = blocks[0].args
        if len(args) != n:
            raise VerifyError(self, f"expected {n} or more arguments to the body region, but got "
                              f"{len(args)}")  # fmt: skip
        if any(a.type is not INDEX for a in args[:n]):
            raise VerifyError(self, "expected body region arguments of index type")
        for block in blocks:
            last = block.last
            if last is None or not (type(last).is_registered and IsTerminator in type(last).traits):
                continue
            if last.name != "gpu.terminator" and not last.successors:
                raise VerifyError(self, "expected 'gpu.terminator' or a terminator with "
                                  "successors")  # fmt: skip
        if self.asyncDependencies and self.asyncToken is None:
            raise VerifyError(self, "needs an async token result when it has async dependencies")


def _container_module(op: Operation) -> Operation | None:
    p = op.parent_op
    while p is not None and p.name != "builtin.module":
        p = p.parent_op
    return p


class LaunchFuncOp(_LaunchLikeOp):
    """`gpu.launch_func @kernels::@k blocks in (%gx, %gy, %gz) threads in (%bx, %by, %bz)
    args(%a : f32)`: start kernel `@k` of gpu.module (or gpu.binary) `@kernels`."""

    __slots__ = ()
    OP_NAME = "gpu.launch_func"
    summary = "Launches a function as a GPU kernel"
    asyncDependencies = var_operand(AsyncToken)
    gridSizeX = operand(SignlessIntegerOrIndex)
    gridSizeY = operand(SignlessIntegerOrIndex)
    gridSizeZ = operand(SignlessIntegerOrIndex)
    blockSizeX = operand(SignlessIntegerOrIndex)
    blockSizeY = operand(SignlessIntegerOrIndex)
    blockSizeZ = operand(SignlessIntegerOrIndex)
    clusterSizeX = opt_operand(SignlessIntegerOrIndex)
    clusterSizeY = opt_operand(SignlessIntegerOrIndex)
    clusterSizeZ = opt_operand(SignlessIntegerOrIndex)
    dynamicSharedMemorySize = opt_operand(I32Type)
    kernelOperands = var_operand(AnyType)
    asyncObject = opt_operand(AnyType)
    kernel = attribute(SymbolRefAttrC)
    asyncToken = opt_result(AsyncToken)
    print_custom = syntax.print_launch_func

    def __init__(self, kernel: SymbolRefAttr, grid: Sequence[Value], block: Sequence[Value],
                 args: Sequence[Value] = (), async_dependencies: Sequence[Value] = (),
                 dynamic_shared_memory_size: Value | None = None, *, async_token: bool = False,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        self._build(grid, block, async_dependencies, async_token,
                    dynamicSharedMemorySize=dynamic_shared_memory_size,
                    kernelOperands=list(args), kernel=kernel, location=location)  # fmt: skip

    @property
    def module_name(self) -> str:
        return self.kernel.root

    @property
    def kernel_name(self) -> str:
        return self.kernel.nested[-1] if self.kernel.nested else self.kernel.root

    def verify(self) -> None:
        sizes = self.grid_operands + self.block_operands
        if len({v.type for v in sizes}) != 1:
            raise VerifyError(self, "expected the grid and block sizes to have one type")
        if len(self.kernel.nested) != 1:
            raise VerifyError(self, "expected the kernel symbol to be a nested reference "
                              "(@module::@kernel)")  # fmt: skip
        module = _container_module(self)
        if module is None:
            return
        if module.get_attr("gpu.container_module") is None:
            raise VerifyError(self, "expected the closest surrounding module to have the "
                              "'gpu.container_module' attribute")  # fmt: skip
        self._verify_kernel(module)

    def _verify_kernel(self, module: Operation) -> None:
        """MLIR's GPUDialect::verifyOperationAttribute for launches in a container module."""
        target = None
        for op in module.regions[0].blocks[0].ops if module.regions[0].blocks else ():
            sym = op.get_attr("sym_name")
            if isinstance(sym, StringAttr) and sym.value == self.module_name:
                target = op
                break
        if target is None or target.name not in ("gpu.module", "gpu.binary"):
            raise VerifyError(self, f"kernel container '{self.module_name}' is undefined")
        if target.name == "gpu.binary":
            return
        func = target.lookup(self.kernel_name) if isinstance(target, GPUModuleOp) else None
        ref = f"@{self.module_name}::@{self.kernel_name}"
        if func is None:
            raise VerifyError(self, f"kernel function '{ref}' is undefined")
        if not isinstance(func, GPUFuncOp):
            if func.name == "llvm.func":
                return  # lowered already: its types are llvm's
            raise VerifyError(self, f"kernel function '{ref}' is not a 'gpu.func'")
        if not func.is_kernel:
            raise VerifyError(self, "kernel function is missing the 'gpu.kernel' attribute")
        inputs = func.type.inputs
        args = self.kernelOperands
        if len(inputs) != len(args):
            raise VerifyError(self, f"got {len(args)} kernel operands but expected {len(inputs)}")
        for i, (a, t) in enumerate(zip(args, inputs)):
            if a.type is not t:
                raise VerifyError(self, f"type of function argument {i} does not match")


# -- host-side memory and synchronisation --------------------------------------------------------


class AllocOp(Op):
    """`%m = gpu.alloc (%n) : memref<?xf32, 1>` (async: `%m, %t = gpu.alloc async [%d] (...)`):
    device memory."""

    __slots__ = ()
    OP_NAME = "gpu.alloc"
    asm_result_names = ("memref", "asyncToken")  # getAsmResultNames
    summary = "GPU memory allocation operation."
    asyncDependencies = var_operand(AsyncToken)
    dynamicSizes = var_operand(Index)
    symbolOperands = var_operand(Index)
    hostShared = attribute(UnitAttrC, optional=True)
    memref = result(AnyMemRef)
    asyncToken = opt_result(AsyncToken)
    print_custom = syntax.print_alloc

    def verify(self) -> None:
        t = self.memref.type
        dynamic = sum(1 for d in t.shape if d is DYNAMIC)
        if dynamic != len(self.dynamicSizes):
            raise VerifyError(self, f"incorrect number of dynamic sizes, has "
                              f"{len(self.dynamicSizes)}, expected {dynamic}")  # fmt: skip
        if self.hostShared is not None and self.asyncToken is not None:
            raise VerifyError(self, "host_shared allocation does not support async dependencies")


class DeallocOp(Op):
    """`gpu.dealloc %m : memref<?xf32, 1>`: free device memory."""

    __slots__ = ()
    OP_NAME = "gpu.dealloc"
    summary = "GPU memory deallocation operation"
    asyncDependencies = var_operand(AsyncToken)
    memref = operand(AnyMemRef)
    asyncToken = opt_result(AsyncToken)
    print_custom = syntax.print_dealloc


class MemcpyOp(Op):
    """`gpu.memcpy %dst, %src : memref<4xf32>, memref<4xf32, 1>`: copy between buffers of
    one shape and element type (host and device)."""

    __slots__ = ()
    OP_NAME = "gpu.memcpy"
    summary = "GPU memcpy operation"
    asyncDependencies = var_operand(AsyncToken)
    dst = operand(AnyMemRef)
    src = operand(AnyMemRef)
    asyncToken = opt_result(AsyncToken)
    print_custom = syntax.print_memcpy

    def verify(self) -> None:
        s, d = self.src.type, self.dst.type
        if s.element_type is not d.element_type:
            raise VerifyError(self, "arguments have incompatible element type")
        if list(s.shape) != list(d.shape):
            raise VerifyError(self, "arguments have incompatible shape")


class MemsetOp(Op):
    """`gpu.memset %dst, %v : memref<4xf32, 1>, f32`: fill a buffer."""

    __slots__ = ()
    OP_NAME = "gpu.memset"
    summary = "GPU memset operation"
    asyncDependencies = var_operand(AsyncToken)
    dst = operand(AnyMemRef)
    value = operand()
    asyncToken = opt_result(AsyncToken)
    print_custom = syntax.print_memset

    def verify(self) -> None:
        if self.value.type is not self.dst.type.element_type:
            raise VerifyError(self, "failed to verify that all of {dst, value} have same "
                              "element type")  # fmt: skip


class WaitOp(Op):
    """`gpu.wait [%t0, %t1]` waits on the host; `%t = gpu.wait async [%t0]` joins tokens."""

    __slots__ = ()
    OP_NAME = "gpu.wait"
    summary = "Wait for async gpu ops to complete."
    asyncDependencies = var_operand(AsyncToken)
    asyncToken = opt_result(AsyncToken)
    print_custom = syntax.print_wait


AnyUnrankedMemRef = Constraint("unranked memref", lambda t: isinstance(t, UnrankedMemRefType))


class _HostRegistrationOp(Op):
    """The shape of gpu.host_register and gpu.host_unregister: one unranked memref."""

    __slots__ = ()
    value = operand(AnyUnrankedMemRef)
    assembly_format = "$value attr-dict `:` type($value)"


class HostRegisterOp(_HostRegistrationOp):
    """`gpu.host_register %m : memref<*xf32>`: make host memory accessible to the device."""

    __slots__ = ()
    OP_NAME = "gpu.host_register"
    summary = "Registers a memref for access from device."


class HostUnregisterOp(_HostRegistrationOp):
    """`gpu.host_unregister %m : memref<*xf32>`: undo gpu.host_register."""

    __slots__ = ()
    OP_NAME = "gpu.host_unregister"
    summary = "Unregisters a memref for access from device."


class SetDefaultDeviceOp(Op):
    """`gpu.set_default_device %i`: the device later gpu ops use."""

    __slots__ = ()
    OP_NAME = "gpu.set_default_device"
    summary = "Set default GPU for operations after this by index"
    devIndex = operand(I32Type)
    assembly_format = "attr-dict $devIndex"


OPS = [
    HostRegisterOp, HostUnregisterOp, SetDefaultDeviceOp, AllReduceOp, AllocOp, BarrierOp, BinaryOp, BlockDimOp, BlockIdOp, DeallocOp, GPUFuncOp,
    GPUModuleOp, GlobalIdOp, GridDimOp, LaneIdOp, LaunchFuncOp, LaunchOp, MemcpyOp, MemsetOp,
    NumSubgroupsOp, ReturnOp, ShuffleOp, SubgroupIdOp, SubgroupReduceOp, SubgroupSizeOp,
    TerminatorOp, ThreadIdOp, WaitOp, YieldOp,
]  # fmt: skip
__all__ = [c.__name__ for c in OPS] + ["kernel_ancestor", "memory_space_of"]
