"""Semantics of the gpu dialect on the CPU: a kernel launch runs the kernel's emulation
(dialir/conversions/gpu_emulation.py: loops over the blocks and threads, the body split at
barriers), built once per kernel and run like any function; `gpu.launch` is outlined into a
kernel first (on a copy: the IR being run does not change). The host-side memory ops act on
numpy arrays (device memory is host memory here) and async tokens are None: everything runs
in order, so every wait is already satisfied."""

from __future__ import annotations

from typing import Any

import numpy as np

from dialir.conversions.gpu_emulation import emulate_kernel
from dialir.core.ir.attrs import StringAttr
from dialir.core.ir.operation import Block, Operation, Region
from dialir.core.ir.types import DYNAMIC
from dialir.dialects.gpu.ops import GPUFuncOp
from dialir.dialects.gpu.transforms.kernel_outlining import captured_values, outline_launch
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Interpreter,
    register_handler,
    storage_dtype,
    uninitialized,
)

# kernel (gpu.func or gpu.launch) -> (its emulation, the launch's captured values)
_EMULATIONS: dict[Operation, tuple[Operation, list]] = {}


def _top_module(op: Operation) -> Operation:
    while op.parent_op is not None:
        op = op.parent_op
    return op


def kernel_of(op: Operation) -> GPUFuncOp:
    """The gpu.func kernel a gpu.launch_func launches."""
    top = _top_module(op)
    ref = op.kernel
    for m in top.regions[0].blocks[0].ops:
        sym = m.get_attr("sym_name")
        if m.name == "gpu.module" and isinstance(sym, StringAttr) and sym.value == ref.root:
            f = m.lookup(op.kernel_name)
            if isinstance(f, GPUFuncOp) and f.is_kernel:
                return f
    raise ExecutionError(f"kernel '@{ref.root}::@{op.kernel_name}' is not a gpu.func kernel of a "
                         "gpu.module (a gpu.binary cannot run without a GPU)")  # fmt: skip


def _sizes(values: list) -> list:
    return [np.int64(int(v)) for v in values]


@register_handler("gpu.launch_func")
def _launch_func(interp: Interpreter, op: Operation, args: list) -> Any:
    kernel = kernel_of(op)
    cached = _EMULATIONS.get(kernel)
    if cached is None:
        cached = _EMULATIONS[kernel] = (emulate_kernel(kernel, "__gpu_emu"), [])
    env = interp.values
    sizes = [env[v] for v in (*op.grid_operands, *op.block_operands)]
    interp.call(cached[0], [*_sizes(sizes), *(env[v] for v in op.kernelOperands)])
    return [None] if op.results else []


@register_handler("gpu.launch")
def _launch(interp: Interpreter, op: Operation, args: list) -> Any:
    cached = _EMULATIONS.get(op)
    if cached is None:
        captured = captured_values(op)
        # Outline a copy inside a scratch module: the copy's operands are the originals.
        scratch = Operation.create("builtin.module", regions=[Region([Block()])])
        holder = Operation.create("test.holder", regions=[Region([Block()])])
        scratch.regions[0].blocks[0].append(holder)
        copy = holder.regions[0].blocks[0].append(op.clone())
        outline_launch(copy, scratch, "launch")
        kernel = next(o for m in scratch.regions[0].blocks[0].ops if m.name == "gpu.module"
                      for o in m.regions[0].blocks[0].ops)  # fmt: skip
        cached = _EMULATIONS[op] = (emulate_kernel(kernel, "__gpu_emu"), captured)
    env = interp.values
    sizes = [env[v] for v in (*op.grid_operands, *op.block_operands)]
    interp.call(cached[0], [*_sizes(sizes), *(env[v] for v in cached[1])])
    return [None] if op.results else []


@register_handler("gpu.alloc")
def _alloc(interp: Interpreter, op: Operation, args: list) -> Any:
    t = op.memref.type
    dynamic = iter(interp.values[v] for v in op.dynamicSizes)
    shape = tuple(int(next(dynamic)) if d is DYNAMIC else d for d in t.shape)
    return [uninitialized(shape, storage_dtype(t))] + [None] * (len(op.results) - 1)


@register_handler("gpu.dealloc")
def _dealloc(interp: Interpreter, op: Operation, args: list) -> Any:
    return [None] if op.results else []


@register_handler("gpu.memcpy")
def _memcpy(interp: Interpreter, op: Operation, args: list) -> Any:
    dst, src = args[-2:]
    if dst.shape != src.shape:
        raise ExecutionError(f"copies shape {list(src.shape)} into shape {list(dst.shape)}")
    dst[...] = src
    return [None] if op.results else []


@register_handler("gpu.memset")
def _memset(interp: Interpreter, op: Operation, args: list) -> Any:
    dst, value = args[-2:]
    dst[...] = value
    return [None] if op.results else []


@register_handler("gpu.wait")
def _wait(interp: Interpreter, op: Operation, args: list) -> Any:
    return [None] if op.results else []
