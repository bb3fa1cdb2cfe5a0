"""gpu-to-llvm: the host side of gpu code to the llvm dialect, as calls of the CUDA driver
API (MLIR's GpuToLLVMConversionPass goes through its mgpu* runtime wrappers, which make the
same calls; here they are made directly, so the result links against libcuda alone).

    gpu.binary @m [#gpu.object<..., assembly = "PTX">]  -> a constant global @m_ptx (the PTX,
                                                           NUL-terminated)
    gpu.launch_func @m::@k blocks in (..) threads in (..) args(..)
        -> cuModuleLoadData(&mod, @m_ptx); cuModuleGetFunction(&fn, mod, "k");
           cuLaunchKernel(fn, gx, gy, gz, bx, by, bz, shared, null stream, params, null);
           cuCtxSynchronize(); cuModuleUnload(mod)
           (params: one stack slot per kernel parameter, memrefs as their descriptor fields,
           the order convert-gpu-to-nvvm gives the kernel)
    %m = gpu.alloc (..) : memref<..>   -> cuMemAlloc_v2, a descriptor of the device pointer
    gpu.dealloc %m                     -> cuMemFree_v2
    gpu.memcpy %dst, %src              -> cuMemcpy (unified addressing: any direction)
    gpu.wait                           -> cuCtxSynchronize
Every call's CUresult is ignored, as MLIR's wrappers report and go on; the process must have
made a CUDA context current (what dialir-run --target=gpu does). It runs after
gpu-module-to-binary{format=isa}; the other host ops convert as convert-to-llvm converts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialir.conversions.llvm_common import (
    LLVMTypeConverter,
    MemRefDescriptor,
    llvm_target,
    lookup_or_create_fn,
)
from dialir.conversions.to_llvm import populate_to_llvm_patterns
from dialir.core.ir.attrs import IntegerAttr, StringAttr
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import DYNAMIC, IntegerType, MemRefType
from dialir.core.passes import Pass, option, register_pass
from dialir.core.rewrite.conversion import ConversionPattern, apply_partial_conversion
from dialir.dialects import llvm
from dialir.dialects.llvm.types import PTR, LLVMArrayType, LLVMFunctionType

I8, I32, I64 = IntegerType(8), IntegerType(32), IntegerType(64)
_DRIVER = {
    "cuModuleLoadData": (I32, [PTR, PTR]),
    "cuModuleGetFunction": (I32, [PTR, PTR, PTR]),
    "cuLaunchKernel": (I32, [PTR, I32, I32, I32, I32, I32, I32, I32, PTR, PTR, PTR]),
    "cuCtxSynchronize": (I32, []),
    "cuModuleUnload": (I32, [PTR]),
    "cuMemAlloc_v2": (I32, [PTR, I64]),
    "cuMemFree_v2": (I32, [I64]),
    "cuMemcpy": (I32, [I64, I64, I64]),
}


def _call(rewriter: Any, op: Operation, name: str, args: list) -> Value | None:
    result, params = _DRIVER[name]
    lookup_or_create_fn(rewriter, op, name, LLVMFunctionType(result, params))
    call = rewriter.insert(llvm.CallOp(name, args, result, location=op.location))
    return call.results[0] if call.results else None


def _const(rewriter: Any, v: int, t: IntegerType = I64) -> Value:
    return rewriter.insert(llvm.ConstantOp(IntegerAttr(v, t), t)).res


def _slot(rewriter: Any, t: Any) -> Value:
    return rewriter.insert(llvm.AllocaOp(_const(rewriter, 1), t, result_type=PTR)).res


def _string_global(module: Operation, name: str, text: str) -> None:
    body = module.regions[0].blocks[0]
    for op in body.ops:
        sym = op.get_attr("sym_name")
        if sym is not None and sym.value == name:
            return
    data = text + "\0"
    body.prepend(llvm.GlobalOp(name, LLVMArrayType(I8, len(data.encode())), StringAttr(data),
                               constant=True))  # fmt: skip


def _module_of(op: Operation) -> Operation:
    while op.parent_op is not None:
        op = op.parent_op
    return op


def _segment(op: Operation, name: str) -> tuple[int, int]:
    return op.segment(type(op).definition.field(name))


class LaunchFuncToDriverCalls(ConversionPattern):
    """gpu.launch_func -> the CUDA driver calls of the module docstring."""

    root = "gpu.launch_func"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        module = _module_of(op)
        binary = next((o for o in module.regions[0].blocks[0].ops if o.name == "gpu.binary"
                       and o.get_attr("sym_name").value == op.module_name), None)  # fmt: skip
        if binary is None:
            return rewriter.notify_match_failure(op, "the kernel's module is no gpu.binary yet")
        obj = binary.get_attr("objects")[0]
        if obj.format != "assembly":
            return rewriter.notify_match_failure(op, "needs a PTX (format=isa) object")
        ptx_name, kname = f"{op.module_name}_ptx", f"{op.module_name}_{op.kernel_name}_name"
        _string_global(module, ptx_name, obj.object)
        _string_global(module, kname, op.kernel_name)
        mod_slot, fn_slot = _slot(rewriter, PTR), _slot(rewriter, PTR)
        ptx = rewriter.insert(llvm.AddressOfOp(ptx_name)).res
        _call(rewriter, op, "cuModuleLoadData", [mod_slot, ptx])
        mod = rewriter.insert(llvm.LoadOp(mod_slot, PTR)).res
        name = rewriter.insert(llvm.AddressOfOp(kname)).res
        _call(rewriter, op, "cuModuleGetFunction", [fn_slot, mod, name])
        fn = rewriter.insert(llvm.LoadOp(fn_slot, PTR)).res
        params = self._params(op, operands, rewriter)
        start, _ = _segment(op, "gridSizeX")
        sizes = [self._i32(rewriter, v) for v in operands[start : start + 6]]
        s, n = _segment(op, "dynamicSharedMemorySize")
        shared = operands[s] if n else _const(rewriter, 0, I32)
        null = rewriter.insert(llvm.ZeroOp(PTR)).res
        _call(rewriter, op, "cuLaunchKernel", [fn, *sizes, shared, null, params, null])
        _call(rewriter, op, "cuCtxSynchronize", [])
        _call(rewriter, op, "cuModuleUnload", [mod])
        if op.results:
            rewriter.replace_op(op, [rewriter.insert(llvm.ZeroOp(PTR)).res])
        else:
            rewriter.erase_op(op)
        return True

    def _i32(self, rewriter: Any, v: Value) -> Value:
        if v.type == I32:
            return v
        return rewriter.insert(llvm.TruncOp(v, I32)).res

    def _params(self, op: Operation, operands: list, rewriter: Any) -> Value:
        """An array of pointers to stack slots holding each kernel parameter."""
        start, size = _segment(op, "kernelOperands")
        values = []
        for original, v in zip(op.kernelOperands, operands[start : start + size]):
            t = original.type
            if isinstance(t, MemRefType):
                values.extend(MemRefDescriptor(rewriter, v, t).unpack())
            else:
                values.append(v)
        array = rewriter.insert(llvm.AllocaOp(_const(rewriter, max(len(values), 1)), PTR,
                                              result_type=PTR)).res  # fmt: skip
        for i, v in enumerate(values):
            slot = _slot(rewriter, v.type)
            rewriter.insert(llvm.StoreOp(v, slot))
            at = rewriter.insert(llvm.GEPOp(array, [i], PTR)).res
            rewriter.insert(llvm.StoreOp(slot, at))
        return array


class AllocToDriverCalls(ConversionPattern):
    """gpu.alloc -> cuMemAlloc_v2 and a descriptor of the device pointer (static shapes)."""

    root = "gpu.alloc"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.memref.type
        if any(d is DYNAMIC for d in t.shape):
            return rewriter.notify_match_failure(op, "static shapes only")
        struct = self.type_converter.convert_type(t)
        n = 1
        for d in t.shape:
            n *= d
        nbytes = n * max(1, t.element_type.width // 8)
        slot = _slot(rewriter, I64)
        _call(rewriter, op, "cuMemAlloc_v2", [slot, _const(rewriter, nbytes)])
        dev = rewriter.insert(llvm.LoadOp(slot, I64)).res
        ptr = rewriter.insert(llvm.IntToPtrOp(dev, struct.body[0])).res
        desc = MemRefDescriptor.undef(rewriter, struct, t)
        desc.set_allocated_ptr(ptr)
        desc.set_aligned_ptr(ptr)
        desc.set_offset(_const(rewriter, 0))
        stride = 1
        for i in reversed(range(len(t.shape))):
            desc.set_size(i, _const(rewriter, t.shape[i]))
            desc.set_stride(i, _const(rewriter, stride))
            stride *= t.shape[i]
        results = [desc.value] + [rewriter.insert(llvm.ZeroOp(PTR)).res] * (len(op.results) - 1)
        rewriter.replace_op(op, results)
        return True


class DeallocToDriverCalls(ConversionPattern):
    root = "gpu.dealloc"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        desc = MemRefDescriptor(rewriter, operands[-1], op.memref.type)
        addr = rewriter.insert(llvm.PtrToIntOp(desc.allocated_ptr(), I64)).res
        _call(rewriter, op, "cuMemFree_v2", [addr])
        _replace_token(op, rewriter)
        return True


class MemcpyToDriverCalls(ConversionPattern):
    """gpu.memcpy -> cuMemcpy of the elements (unified addressing: host and device alike)."""

    root = "gpu.memcpy"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = op.src.type
        if any(d is DYNAMIC for d in t.shape):
            return rewriter.notify_match_failure(op, "static shapes only")
        n = 1
        for d in t.shape:
            n *= d
        addrs = []
        for v, mt in ((operands[-2], op.dst.type), (operands[-1], t)):
            desc = MemRefDescriptor(rewriter, v, mt)
            addrs.append(rewriter.insert(llvm.PtrToIntOp(desc.aligned_ptr(), I64)).res)
        size = _const(rewriter, n * max(1, t.element_type.width // 8))
        _call(rewriter, op, "cuMemcpy", [*addrs, size])
        _replace_token(op, rewriter)
        return True


class WaitToDriverCalls(ConversionPattern):
    root = "gpu.wait"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        _call(rewriter, op, "cuCtxSynchronize", [])
        _replace_token(op, rewriter)
        return True


def _replace_token(op: Operation, rewriter: Any) -> None:
    """Everything ran in order: a token result is a null pointer nobody waits on."""
    if op.results:
        rewriter.replace_op(op, [rewriter.insert(llvm.ZeroOp(PTR)).res])
    else:
        rewriter.erase_op(op)


def populate_gpu_to_llvm_patterns(converter: LLVMTypeConverter) -> list:
    converter.add_conversion(lambda t: PTR if t.__class__.__name__ == "AsyncTokenType" else None)
    return [p(converter) for p in (LaunchFuncToDriverCalls, AllocToDriverCalls,
                                   DeallocToDriverCalls, MemcpyToDriverCalls,
                                   WaitToDriverCalls)]  # fmt: skip


@register_pass
@dataclass
class GpuToLLVM(Pass):
    """MLIR's -gpu-to-llvm (to CUDA driver calls; see the module docstring)."""

    name = "gpu-to-llvm"
    summary = "Convert GPU dialect to LLVM dialect with GPU runtime calls"
    op_name = "builtin.module"
    dependent_dialects = ("llvm",)
    index_bitwidth: int = option(64, "Bitwidth of the index type")

    def run(self, op: Operation) -> None:
        for o in op.walk():
            if o.name == "gpu.module":
                raise DiagnosticError(Diagnostic(
                    "error", "gpu-to-llvm needs the gpu.modules serialized first "
                    "(gpu-module-to-binary)", o.location))  # fmt: skip
        converter = LLVMTypeConverter(self.index_bitwidth)
        patterns = [*populate_gpu_to_llvm_patterns(converter),
                    *populate_to_llvm_patterns(converter)]  # fmt: skip
        target = llvm_target()
        target.add_legal_op("gpu.binary")
        apply_partial_conversion(op, target, patterns, converter)
        for o in list(op.regions[0].blocks[0].ops):
            if o.name == "gpu.binary":
                o.erase()  # embedded as globals by the launches
        op.attributes.pop("gpu.container_module", None)


__all__ = ["GpuToLLVM", "populate_gpu_to_llvm_patterns"]
