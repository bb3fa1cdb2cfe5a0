"""convert-gpu-to-nvvm: the device code of each `gpu.module` to the llvm and nvvm dialects
(MLIR's ConvertGpuOpsToNVVMOps), ready for PTX (dialir/target/ptx.py).

First, outside the dialect conversion (what MLIR does before its patterns run):
  - `#gpu.address_space<...>` memory spaces become NVPTX's address spaces (global 1,
    workgroup 3, private 0) in every type of the module (populateGpuMemorySpaceAttribute-
    Conversions);
  - workgroup attributions become `llvm.mlir.global`s in address space 3
    (`__wg_<kernel>_<i>`) read through a memref descriptor of their address, private
    attributions `memref.alloca`s;
  - `gpu.func` becomes `func.func` (a kernel keeps `gpu.kernel`), `gpu.return` `func.return`,
    `gpu.global_id` `block_id * block_dim + thread_id`.
Then one dialect conversion with the func, cf, arith, math and memref patterns of
convert-to-llvm (one type converter, so memref arguments expand to descriptor fields as in
MLIR) and the gpu patterns: ids and sizes read PTX special registers
(`nvvm.read.ptx.sreg.tid.x` ...) sign-extended to the index width, `gpu.lane_id` the lane,
`gpu.barrier` `nvvm.barrier0` (of subgroup scope `nvvm.bar.warp.sync`), `gpu.shuffle`
`nvvm.shfl.sync` with MLIR's mask and clamp;
f32 `math.exp`/`exp2`/`log`/`log2` PTX's approximate `ex2`/`lg2` (MLIR calls libdevice's
`__nv_expf`..., which needs CUDA's bitcode; other math functions are a diagnostic).
Kernels are marked `nvvm.kernel`; `known_block_size` becomes `nvvm.reqntid`.
Before all that, as MLIR's pass applies populateGpuRewritePatterns first, `gpu.all_reduce`
(uniform) and `gpu.subgroup_reduce` become shuffles, workgroup memory and barriers, and
shuffles of values other than i32/f32 32-bit ones (gpu-all-reduce-lowering); the branches
this makes are lowered with convert-scf-to-cf.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialir.conversions.llvm_common import (
    LLVMTypeConverter,
    llvm_target,
    memory_space,
    strides_and_offset,
)
from dialir.conversions.scf_to_cf import SCFToControlFlow
from dialir.conversions.to_llvm import populate_to_llvm_patterns
from dialir.core.ir.attrs import (
    Attribute,
    FloatAttr,
    IntegerAttr,
    StringAttr,
    TypeAttr,
    UnitAttr,
)
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import Block, Operation, Value
from dialir.core.ir.types import DYNAMIC, FloatType, FunctionType, IntegerType, MemRefType, Type
from dialir.core.ods.builtin import UnrealizedConversionCastOp
from dialir.core.passes import Pass, option, register_pass
from dialir.core.rewrite.conversion import ConversionPattern, apply_partial_conversion
from dialir.dialects import llvm, nvvm
from dialir.dialects.arith.ops import AddIOp, MulIOp
from dialir.dialects.func.ops import FuncOp, ReturnOp
from dialir.dialects.gpu.attrs import AddressSpaceAttr
from dialir.dialects.gpu.ops import (
    BlockDimOp,
    BlockIdOp,
    GlobalIdOp,
    GPUFuncOp,
    GPUModuleOp,
    ThreadIdOp,
)
from dialir.dialects.gpu.transforms.all_reduce_lowering import lower_gpu_reductions
from dialir.dialects.llvm.types import LLVMArrayType, LLVMPointerType
from dialir.dialects.memref.ops import AllocaOp

I32 = IntegerType(32)
I64 = IntegerType(64)
_REWRITTEN = ("gpu.all_reduce", "gpu.subgroup_reduce", "gpu.shuffle")
# NVPTX's address spaces for the gpu memory spaces (MLIR's NVVM::NVVMMemorySpace).
NVVM_ADDRESS_SPACES = {"global": 1, "workgroup": 3, "private": 0}
KERNEL = "gpu.kernel"


# -- memory spaces ---------------------------------------------------------------------------------


def map_memory_spaces(t: Any, spaces: dict[str, int]) -> Any:
    """`t` with every gpu address space replaced by its integer one (nested types too)."""
    if isinstance(t, MemRefType):
        space = t.memory_space
        elem = map_memory_spaces(t.element_type, spaces)
        if isinstance(space, AddressSpaceAttr):
            n = spaces[space.value]
            space = None if n == 0 else IntegerAttr(n, I64)
        return MemRefType(t.shape, elem, t.layout, space)
    if isinstance(t, FunctionType):
        return FunctionType([map_memory_spaces(x, spaces) for x in t.inputs],
                            [map_memory_spaces(x, spaces) for x in t.results])  # fmt: skip
    return t


def _map_attr(a: Attribute, spaces: dict[str, int]) -> Attribute:
    if isinstance(a, TypeAttr):
        return TypeAttr(map_memory_spaces(a.value, spaces))
    return a


def convert_memory_spaces(root: Operation, spaces: dict[str, int]) -> None:
    for op in root.walk():
        for r in op.results:
            r.type = map_memory_spaces(r.type, spaces)
        for region in op.regions:
            for block in region.blocks:
                for a in block.args:
                    a.type = map_memory_spaces(a.type, spaces)
        for table in (op.properties, op.attributes):
            for k, v in list(table.items()):
                table[k] = _map_attr(v, spaces)


# -- gpu.func to func.func ---------------------------------------------------------------------------


def _workgroup_buffer(b: Builder, sym: str, t: MemRefType, converter: LLVMTypeConverter,
                      loc: Any) -> Value:  # fmt: skip
    """A memref of `t` over global `sym` in its address space (MLIR's GPUFuncOpLowering
    builds the same descriptor): both pointers at the first element, static sizes."""
    struct = converter.convert_type(t)
    space = memory_space(t) or 0
    ptr = LLVMPointerType(space)
    index = converter.index_type
    addr = b.insert(llvm.AddressOfOp(sym, ptr, location=loc)).res
    elem = converter.convert_type(t.element_type)
    first = b.insert(llvm.GEPOp(addr, [0], elem, result_type=ptr, location=loc)).res
    strides, _ = strides_and_offset(t)
    fields = [first, first, 0, *t.shape, *strides]
    desc = b.insert(llvm.PoisonOp(struct, location=loc)).res
    rank = len(t.shape)
    positions = [[0], [1], [2]] + [[3, i] for i in range(rank)] + [[4, i] for i in range(rank)]
    for pos, v in zip(positions, fields):
        if isinstance(v, int):
            v = b.insert(llvm.ConstantOp(IntegerAttr(v, index), index, location=loc)).res
        desc = b.insert(llvm.InsertValueOp(desc, v, pos, location=loc)).res
    return b.insert(UnrealizedConversionCastOp([desc], result_types=[t], location=loc)).results[0]


def _lower_attributions(func: GPUFuncOp, module: GPUModuleOp,
                        converter: LLVMTypeConverter) -> None:  # fmt: skip
    """Workgroup buffers become module globals in their address space, private ones allocas
    at the entry."""
    entry = func.entry
    b = Builder(entry, entry.first)
    name = func.sym_name.value
    n_inputs = len(func.type.inputs)
    for i, arg in enumerate(func.workgroup_args):
        t = arg.type
        if not isinstance(t, MemRefType) or not all(d is not DYNAMIC for d in t.shape):
            raise DiagnosticError(Diagnostic(
                "error", "workgroup attributions need a static shape", func.location))  # fmt: skip
        sym = f"__wg_{name}_{i}"
        array: Type = converter.convert_type(t.element_type)
        for d in reversed(t.shape):
            array = LLVMArrayType(array, d)
        glob = llvm.GlobalOp(sym, array, linkage="internal", addr_space=memory_space(t) or 0,
                             alignment=16, location=func.location)  # fmt: skip
        init = Block()  # shared memory starts undefined (`undef`, as in MLIR's lowering)
        undef = init.append(llvm.UndefOp(array, location=func.location))
        init.append(llvm.ReturnOp(undef.res, location=func.location))
        glob.regions[0].append(init)
        module.block.insert_before(func, glob)
        arg.replace_all_uses_with(_workgroup_buffer(b, sym, t, converter, func.location))
    for arg in func.private_args:
        arg.replace_all_uses_with(b.insert(AllocaOp(result_types=[arg.type])).results[0])
    while len(entry.args) > n_inputs:
        entry.erase_argument(len(entry.args) - 1)


def gpu_func_to_func(func: GPUFuncOp, module: GPUModuleOp, converter: LLVMTypeConverter
                     ) -> FuncOp:  # fmt: skip
    _lower_attributions(func, module, converter)
    new = FuncOp(sym_name=StringAttr(func.sym_name.value), function_type=func.function_type,
                 location=func.location)  # fmt: skip
    for key in ("arg_attrs", "res_attrs"):
        if func.properties.get(key) is not None:
            new.properties[key] = func.properties[key]
    new.attributes.update(func.attributes)
    if func.is_kernel:
        new.attributes[KERNEL] = UnitAttr()
    sizes = func.properties.get("known_block_size")
    if sizes is not None:
        new.attributes["nvvm.reqntid"] = sizes
    body = func.regions[0]
    func.regions[0] = new.regions[0]
    new.regions[0] = body
    body.parent = new
    for block in body.blocks:
        last = block.last
        if last is not None and last.name == "gpu.return":
            ret = ReturnOp(list(last.operands), location=last.location)
            last.erase()
            block.append(ret)
    module.block.insert_before(func, new)
    func.erase()
    return new


def _expand_global_ids(root: Operation) -> None:
    """gpu.global_id d -> block_id d * block_dim d + thread_id d (MLIR's GlobalIdRewriter)."""
    for op in [o for o in root.walk() if isinstance(o, GlobalIdOp)]:
        b = Builder(op.parent, op)
        d = op.dim
        bid = b.insert(BlockIdOp(d, location=op.location)).result_
        dim = b.insert(BlockDimOp(d, location=op.location)).result_
        tid = b.insert(ThreadIdOp(d, location=op.location)).result_
        mul = b.insert(MulIOp(bid, dim, location=op.location)).result
        op.result_.replace_all_uses_with(b.insert(AddIOp(mul, tid, location=op.location)).result)
        op.erase()


# -- patterns -------------------------------------------------------------------------------------

_SREG = {
    "gpu.thread_id": "tid", "gpu.block_dim": "ntid", "gpu.block_id": "ctaid",
    "gpu.grid_dim": "nctaid",
}  # fmt: skip
_SREG_OPS = {op.OP_NAME: op for op in nvvm.SPECIAL_REGISTERS}


class SpecialRegisterLowering(ConversionPattern):
    """`gpu.thread_id x -> llvm.sext(nvvm.read.ptx.sreg.tid.x)` (and the other ids; a known
    upper bound is not used)."""

    def __init__(self, root: str, converter: LLVMTypeConverter) -> None:
        super().__init__(converter)
        self.root = root

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        if op.name == "gpu.lane_id":
            reg = "nvvm.read.ptx.sreg.laneid"
        else:
            reg = f"nvvm.read.ptx.sreg.{_SREG[op.name]}.{op.dim}"
        value = rewriter.insert(_SREG_OPS[reg](result_types=[I32], location=op.location)).res
        index = self.type_converter.index_type
        if index.width > 32:
            value = rewriter.insert(llvm.SExtOp(value, index, location=op.location)).res
        elif index.width < 32:
            value = rewriter.insert(llvm.TruncOp(value, index, location=op.location)).res
        rewriter.replace_op(op, [value])
        return True


class BarrierLowering(ConversionPattern):
    """`gpu.barrier -> nvvm.barrier0` (`bar.sync 0` orders every address space, so any
    `memfence` is kept); of subgroup scope `nvvm.bar.warp.sync` of the whole warp."""

    root = "gpu.barrier"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        loc = op.location
        scope = op.scope_name
        if scope == "workgroup":
            rewriter.insert(nvvm.Barrier0Op(location=loc))
        elif scope == "subgroup":
            mask = rewriter.insert(llvm.ConstantOp(IntegerAttr(-1, I32), I32, location=loc))
            rewriter.insert(nvvm.SyncWarpOp(mask.res, location=loc))
        else:  # cluster: a diagnostic before the conversion (check_math_for_nvptx)
            return rewriter.notify_match_failure(op, f"no lowering of a {scope}-scope barrier")
        rewriter.erase_op(op)
        return True


class ShuffleLowering(ConversionPattern):
    """`gpu.shuffle` -> `nvvm.shfl.sync` (MLIR's GPUShuffleOpLowering): the active mask is
    `-1 >> (32 - width)`, the clamp `width - 1` (`32 - width` for `up`)."""

    root = "gpu.shuffle"
    KINDS = {"xor": "bfly", "up": "up", "down": "down", "idx": "idx"}

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        value, offset, width = operands
        loc = op.location
        vt = value.type

        def const(v: int) -> Value:
            return rewriter.insert(llvm.ConstantOp(IntegerAttr(v, I32), I32, location=loc)).res

        one, minus_one, thirty_two = const(1), const(-1), const(32)
        lead = rewriter.insert(llvm.SubOp(thirty_two, width, location=loc)).res
        mask = rewriter.insert(llvm.LShrOp(minus_one, lead, location=loc)).res
        mode = op.mode_name
        if mode == "up":
            clamp = lead
        else:
            clamp = rewriter.insert(llvm.SubOp(width, one, location=loc)).res
        struct = llvm.LLVMStructType([vt, IntegerType(1)])
        shfl = rewriter.insert(nvvm.ShflSyncOp(
            mask, value, offset, clamp, kind=nvvm.ShflKindAttr(self.KINDS[mode]),
            return_value_and_is_valid=UnitAttr(), result_types=[struct], location=loc,
        ))  # fmt: skip
        res = rewriter.insert(llvm.ExtractValueOp(shfl.res, [0], location=loc)).res
        valid = rewriter.insert(llvm.ExtractValueOp(shfl.res, [1], location=loc)).res
        rewriter.replace_op(op, [res, valid])
        return True


# math ops NVPTX selects itself (through math-to-llvm's intrinsics).
_NATIVE_MATH = frozenset({"math.absf", "math.ceil", "math.floor", "math.trunc", "math.sqrt",
                          "math.fma", "math.copysign", "math.roundeven", "math.round",
                          "math.rsqrt", "math.absi"})  # fmt: skip
# f32 math ops with PTX's approximate instructions: (intrinsic, scale of the input, scale of
# the result): exp(x) = ex2(x log2 e), log(x) = lg2(x) ln 2.
_APPROX = {
    "math.exp2": ("llvm.nvvm.ex2.approx.f", 1.0, 1.0),
    "math.exp": ("llvm.nvvm.ex2.approx.f", 1.4426950408889634, 1.0),
    "math.log2": ("llvm.nvvm.lg2.approx.f", 1.0, 1.0),
    "math.log": ("llvm.nvvm.lg2.approx.f", 1.0, 0.6931471805599453),
}  # fmt: skip
F32 = FloatType("f32")


class ApproxMathLowering(ConversionPattern):
    """`math.exp %x : f32` -> `llvm.nvvm.ex2.approx.f(%x * log2(e))` (and exp2, log, log2):
    PTX's approximate transcendental instructions, in place of libdevice's `__nv_expf`."""

    benefit = 10

    def __init__(self, root: str, converter: LLVMTypeConverter) -> None:
        super().__init__(converter)
        self.root = root

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        (x,) = operands
        if x.type is not F32:
            return rewriter.notify_match_failure(op, "f32 only")
        name, scale_in, scale_out = _APPROX[op.name]
        loc = op.location

        def scaled(v: Value, k: float) -> Value:
            if k == 1.0:
                return v
            c = rewriter.insert(llvm.ConstantOp(FloatAttr(k, F32), F32, location=loc)).res
            return rewriter.insert(llvm.FMulOp(v, c, location=loc)).res

        call = rewriter.insert(llvm.CallIntrinsicOp(name, [scaled(x, scale_in)], F32,
                                                    location=loc))  # fmt: skip
        rewriter.replace_op(op, [scaled(call.results[0], scale_out)])
        return True


def check_math_for_nvptx(root: Operation) -> None:
    """NVPTX has no instruction for most math functions (CUDA gets them from libdevice,
    which dialir does not link): a diagnostic at the op rather than LLVM aborting. So is a
    cluster-scope barrier."""
    for op in root.walk():
        if op.name == "gpu.barrier" and op.scope_name == "cluster":
            raise DiagnosticError(Diagnostic(
                "error", "'gpu.barrier' op of cluster scope: dialir has no NVVM lowering for "
                "it (the nvvm dialect here lacks cluster barriers)", op.location))  # fmt: skip
        if not op.name.startswith("math.") or op.name in _NATIVE_MATH:
            continue
        if op.name in _APPROX and all(v.type is F32 for v in op.operands):
            continue
        raise DiagnosticError(Diagnostic(
            "error", f"'{op.name}' has no NVPTX instruction (CUDA takes it from libdevice, "
            "which dialir does not link); exp, exp2, log and log2 of f32 are supported",
            op.location))  # fmt: skip


def populate_gpu_to_nvvm_patterns(converter: LLVMTypeConverter) -> list:
    ids = [SpecialRegisterLowering(name, converter) for name in (*_SREG, "gpu.lane_id")]
    approx = [ApproxMathLowering(name, converter) for name in _APPROX]
    return [*ids, *approx, BarrierLowering(converter), ShuffleLowering(converter)]


def _mark_kernels(module: GPUModuleOp) -> None:
    for op in module.block.ops:
        if op.name == "llvm.func" and op.attributes.get(KERNEL) is not None:
            op.attributes["nvvm.kernel"] = UnitAttr()


def convert_gpu_module_to_nvvm(module: GPUModuleOp, index_bitwidth: int = 64) -> None:
    if any(o.name in _REWRITTEN for o in module.walk()):
        lower_gpu_reductions(module)
        SCFToControlFlow().run(module)
    check_math_for_nvptx(module)
    convert_memory_spaces(module, NVVM_ADDRESS_SPACES)
    converter = LLVMTypeConverter(index_bitwidth)
    for func in [op for op in module.block.ops if isinstance(op, GPUFuncOp)]:
        gpu_func_to_func(func, module, converter)
    _expand_global_ids(module)
    patterns = [*populate_to_llvm_patterns(converter), *populate_gpu_to_nvvm_patterns(converter)]
    target = llvm_target()
    target.add_legal_dialect("nvvm")
    target.add_legal_op("gpu.module")
    apply_partial_conversion(module, target, patterns, converter)
    _mark_kernels(module)


@register_pass
@dataclass
class ConvertGpuOpsToNVVMOps(Pass):
    """MLIR's -convert-gpu-to-nvvm."""

    name = "convert-gpu-to-nvvm"
    summary = "Generate NVVM operations for gpu operations"
    op_name = "gpu.module"
    dependent_dialects = ("llvm", "nvvm")
    index_bitwidth: int = option(64, "Bitwidth of the index type, 0 to use size of machine word")

    def run(self, op: Operation) -> None:
        convert_gpu_module_to_nvvm(op, self.index_bitwidth or 64)


__all__ = [
    "NVVM_ADDRESS_SPACES", "ConvertGpuOpsToNVVMOps", "convert_gpu_module_to_nvvm",
    "convert_memory_spaces", "map_memory_spaces", "populate_gpu_to_nvvm_patterns",
]  # fmt: skip
