"""gpu-kernel-outlining: every `gpu.launch` body becomes a `gpu.func` kernel in a
`gpu.module` of its own, launched with `gpu.launch_func` (MLIR's GpuKernelOutliningPass).

The body's block, thread, grid and block-size arguments become `gpu.block_id` ...
`gpu.block_dim` ops at the top of the kernel; values the body uses from above become kernel
arguments, in the order the body first uses them (as MLIR, outlining sinks nothing: run
`gpu-launch-sink-index-computations` first to recompute index computations in the kernel
rather than pass them). Constant grid and block sizes become the
kernel's `known_grid_size` / `known_block_size`. The module gets `gpu.container_module`.
Kernels and their modules are named `<function>_kernel` (a module `_0`, `_1`... when the name
is taken), or by
the launch's `module(@m) function(@f)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.attrs import DenseArrayAttr, IntegerAttr, StringAttr, SymbolRefAttr, UnitAttr
from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.ir.types import FunctionType, IntegerType
from dialir.core.passes import Pass, register_pass
from dialir.dialects.gpu.ops import (
    BlockDimOp,
    BlockIdOp,
    GPUFuncOp,
    GPUModuleOp,
    GridDimOp,
    LaunchFuncOp,
    LaunchOp,
    ReturnOp,
    ThreadIdOp,
)

I32 = IntegerType(32)


def _inside(op: Operation, launch: Operation) -> bool:
    return launch.is_ancestor(op)


def _defined_inside(v: Value, launch: Operation) -> bool:
    if isinstance(v, OpResult):
        return _inside(v.owner, launch)
    block = v.owner
    parent = block.parent.parent if block.parent is not None else None
    return parent is not None and _inside(parent, launch)


def captured_values(launch: LaunchOp) -> list[Value]:
    """The values from above the launch its body uses, in order of first use (MLIR's
    getUsedValuesDefinedAbove)."""
    captured: dict[Value, None] = {}
    for op in _body_ops(launch):
        for v in op.operands:
            if v not in captured and not _defined_inside(v, launch):
                captured[v] = None
    return list(captured)


def _body_ops(launch: Operation) -> list[Operation]:
    out = []
    for block in launch.regions[0].blocks:
        for op in block.ops:
            out.extend(op.walk())
    return out


def _constant_sizes(values: list[Value]) -> list[int] | None:
    out = []
    for v in values:
        if not (isinstance(v, OpResult) and v.owner.name == "arith.constant"):
            return None
        attr = v.owner.get_attr("value")
        if not isinstance(attr, IntegerAttr):
            return None
        out.append(attr.value)
    return out


def _unique_name(module: Operation, base: str) -> str:
    taken = set()
    for op in module.regions[0].blocks[0].ops:
        sym = op.get_attr("sym_name")
        if isinstance(sym, StringAttr):
            taken.add(sym.value)
    if base not in taken:
        return base
    i = 0
    while f"{base}_{i}" in taken:
        i += 1
    return f"{base}_{i}"


def outline_launch(launch: LaunchOp, module: Operation, func_name: str) -> LaunchFuncOp:
    """Outline one gpu.launch (see the module docstring); returns the gpu.launch_func."""
    captured = captured_values(launch)
    kernel_ref = launch.properties.get("function")
    module_ref = launch.properties.get("module")
    name = kernel_ref.root if kernel_ref is not None else f"{func_name}_kernel"
    mod_name = module_ref.root if module_ref is not None else _unique_name(module, name)
    loc = launch.location
    func = GPUFuncOp(name, FunctionType([v.type for v in captured], []), kernel=True, location=loc)
    entry = func.entry
    entry.last.erase()  # the builder's gpu.return: the body brings its own
    for key, values in (("known_block_size", launch.block_operands),
                        ("known_grid_size", launch.grid_operands)):  # fmt: skip
        sizes = _constant_sizes(values)
        if sizes is not None:
            func.properties[key] = DenseArrayAttr(I32, sizes)
    ids = []
    for cls in (BlockIdOp, ThreadIdOp, GridDimOp, BlockDimOp):
        for d in ("x", "y", "z"):
            ids.append(entry.append(cls(d, location=loc)).result_)
    mapping = dict(zip(captured, entry.args))
    # Move the body: uses of captured values, and of the id arguments, redirected.
    body_region = launch.regions[0]
    launch_entry = body_region.blocks[0]
    for arg, new in zip(launch_entry.args, ids):
        arg.replace_all_uses_with(new)
    for op in _body_ops(launch):
        for i, u in enumerate(op.operand_uses):
            new = mapping.get(u.value)
            if new is not None:
                op.set_operand(i, new)
    for op in list(launch_entry.ops):
        entry.append(op.detach())
    for block in list(body_region.blocks[1:]):
        body_region.remove(block)
        func.body.append(block)
    for block in func.body.blocks:
        last = block.last
        if last is not None and last.name == "gpu.terminator":
            last.erase()
            block.append(ReturnOp(location=last.location))
    gpu_module = _find_module(module, mod_name)
    if gpu_module is None:
        gpu_module = GPUModuleOp(mod_name, location=loc)
        module.regions[0].blocks[0].append(gpu_module)
    gpu_module.block.append(func)
    call = LaunchFuncOp(
        SymbolRefAttr(mod_name, [name]), launch.grid_operands, launch.block_operands, captured,
        list(launch.asyncDependencies), launch.dynamicSharedMemorySize,
        async_token=launch.asyncToken is not None, location=loc,
    )  # fmt: skip
    launch.parent.insert_before(launch, call)
    if launch.asyncToken is not None:
        launch.asyncToken.replace_all_uses_with(call.asyncToken)
    launch.erase()
    return call


def _find_module(module: Operation, name: str) -> GPUModuleOp | None:
    for op in module.regions[0].blocks[0].ops:
        if isinstance(op, GPUModuleOp) and op.sym_name.value == name:
            return op
    return None


@register_pass
@dataclass
class GpuKernelOutlining(Pass):
    """MLIR's -gpu-kernel-outlining."""

    name = "gpu-kernel-outlining"
    summary = "Outline gpu.launch bodies to kernel functions"
    op_name = "builtin.module"
    dependent_dialects = ("gpu",)

    def run(self, op: Operation) -> None:
        launches = [o for o in op.walk() if isinstance(o, LaunchOp)]
        for launch in launches:
            func = launch.parent_op
            while func is not None and func.parent_op is not op:
                func = func.parent_op
            sym = func.get_attr("sym_name") if func is not None else None
            name = sym.value if isinstance(sym, StringAttr) else "kernel"
            outline_launch(launch, op, name)
        if launches:
            op.attributes["gpu.container_module"] = UnitAttr()


__all__ = ["GpuKernelOutlining", "captured_values", "outline_launch"]
