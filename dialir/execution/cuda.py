"""Running gpu kernels on an NVIDIA GPU through the CUDA driver API (libcuda, via ctypes):
the host code runs in the interpreter, each `gpu.launch_func` loads its gpu.module's PTX
(compiled once per module, dialir/target/ptx.py) and launches the kernel, its memref
arguments copied to device memory before and back after (device memory is separate here:
host buffers are numpy arrays).

    driver = CudaDriver.load()       # GPUUnavailable (a clear message) without a driver/GPU
    results = run_on_gpu(module, "main", inputs, driver)

A kernel's parameters are what convert-gpu-to-nvvm gives its llvm.func: each memref as its
descriptor's fields (allocated and aligned pointer, offset, sizes, strides), scalars as they
are, each passed to cuLaunchKernel by address.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Sequence
from typing import Any

import numpy as np

from dialir.core.ir.operation import Operation
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import FloatType, IndexType, IntegerType, MemRefType
from dialir.execution.interpreter import Interpreter, engine
from dialir.execution.interpreter.gpu import kernel_of
from dialir.parser.parser import parse
from dialir.target.ptx import PTXOptions, lower_to_ptx


class GPUUnavailable(RuntimeError):
    """No NVIDIA driver or no GPU: the message says which."""


_CTYPES = {"f16": ctypes.c_uint16, "f32": ctypes.c_float, "f64": ctypes.c_double}


class CudaDriver:
    """The few driver API calls the launcher needs, each checked (CUresult 0 is success)."""

    def __init__(self, lib: Any) -> None:
        self.lib = lib
        self.context = ctypes.c_void_p()
        self._check(lib.cuInit(0), "cuInit")
        count = ctypes.c_int()
        self._check(lib.cuDeviceGetCount(ctypes.byref(count)), "cuDeviceGetCount")
        if count.value == 0:
            raise GPUUnavailable("the NVIDIA driver is installed but reports no GPU")
        device = ctypes.c_int()
        self._check(lib.cuDeviceGet(ctypes.byref(device), 0), "cuDeviceGet")
        self._check(lib.cuCtxCreate_v2(ctypes.byref(self.context), 0, device), "cuCtxCreate")
        major, minor = ctypes.c_int(), ctypes.c_int()
        lib.cuDeviceComputeCapability(ctypes.byref(major), ctypes.byref(minor), device)
        self.chip = f"sm_{major.value}{minor.value}"

    @classmethod
    def load(cls) -> CudaDriver:
        name = ctypes.util.find_library("cuda") or "libcuda.so.1"
        try:
            lib = ctypes.CDLL(name)
        except OSError as e:
            raise GPUUnavailable(
                f"no GPU is present: the NVIDIA driver library ({name}) could not be loaded "
                f"({e}); run on the CPU instead, or emulate the kernels there with "
                "gpu-emulate-on-cpu"
            ) from None
        return cls(lib)

    def _check(self, status: int, what: str) -> None:
        if status != 0:
            raise GPUUnavailable(f"{what} failed with CUDA error {status}")

    def load_module(self, ptx: str) -> ctypes.c_void_p:
        module = ctypes.c_void_p()
        self._check(self.lib.cuModuleLoadData(ctypes.byref(module), ptx.encode() + b"\0"),
                    "cuModuleLoadData")  # fmt: skip
        return module

    def function(self, module: ctypes.c_void_p, name: str) -> ctypes.c_void_p:
        fn = ctypes.c_void_p()
        self._check(self.lib.cuModuleGetFunction(ctypes.byref(fn), module, name.encode()),
                    "cuModuleGetFunction")  # fmt: skip
        return fn

    def to_device(self, a: np.ndarray) -> ctypes.c_uint64:
        ptr = ctypes.c_uint64()
        self._check(self.lib.cuMemAlloc_v2(ctypes.byref(ptr), max(a.nbytes, 1)), "cuMemAlloc")
        self._check(self.lib.cuMemcpyHtoD_v2(ptr, a.ctypes.data_as(ctypes.c_void_p), a.nbytes),
                    "cuMemcpyHtoD")  # fmt: skip
        return ptr

    def to_host(self, a: np.ndarray, ptr: ctypes.c_uint64) -> None:
        self._check(self.lib.cuMemcpyDtoH_v2(a.ctypes.data_as(ctypes.c_void_p), ptr, a.nbytes),
                    "cuMemcpyDtoH")  # fmt: skip
        self.lib.cuMemFree_v2(ptr)

    def launch(self, fn: ctypes.c_void_p, grid: Sequence[int], block: Sequence[int],
               params: list) -> None:  # fmt: skip
        pointers = (ctypes.c_void_p * len(params))(
            *(ctypes.cast(ctypes.byref(p), ctypes.c_void_p) for p in params))  # fmt: skip
        self._check(self.lib.cuLaunchKernel(fn, *grid, *block, 0, None, pointers, None),
                    "cuLaunchKernel")  # fmt: skip
        self._check(self.lib.cuCtxSynchronize(), "cuCtxSynchronize")


def _scalar(t: Any, v: Any) -> Any:
    if isinstance(t, IndexType):
        return ctypes.c_int64(int(v))
    if isinstance(t, IntegerType) and t.width in _INTS:
        return _INTS[t.width](int(v))
    if isinstance(t, FloatType) and t.kind in _CTYPES:
        if t.kind == "f16":
            return ctypes.c_uint16(int(np.float16(v).view(np.uint16)))
        return _CTYPES[t.kind](float(v))
    raise GPUUnavailable(f"kernel parameters of type '{t}' are not supported on the GPU")


_INTS = {1: ctypes.c_bool, 8: ctypes.c_int8, 16: ctypes.c_int16, 32: ctypes.c_int32,
         64: ctypes.c_int64}  # fmt: skip


def kernel_params(driver: Any, types: Sequence[Any], values: Sequence[Any]) -> tuple[list, list]:
    """The ctypes values of a kernel's parameters, memrefs expanded into their descriptor
    fields with the data copied to the device; and the (array, device pointer) pairs to copy
    back after the launch."""
    params: list = []
    copies: list = []
    for t, v in zip(types, values):
        if not isinstance(t, MemRefType):
            params.append(_scalar(t, v))
            continue
        a = np.ascontiguousarray(v)
        ptr = driver.to_device(a)
        copies.append((v, a, ptr))
        strides = [s // a.itemsize for s in a.strides] if a.ndim else []
        fields = [ptr.value, ptr.value, 0, *a.shape, *strides]
        params.extend(ctypes.c_uint64(f) if i < 2 else ctypes.c_int64(f)
                      for i, f in enumerate(fields))  # fmt: skip
    return params, copies


class CudaLauncher:
    """Launches the kernels of one module: PTX compiled once per gpu.module."""

    def __init__(self, module: Operation, driver: Any) -> None:
        self.driver = driver
        copy = parse(Printer.to_string(module))  # lowered for PTX; `module` keeps running
        options = PTXOptions(driver.chip, "", 2)
        self.ptx = dict(lower_to_ptx(copy, options))
        self.modules: dict[str, Any] = {}

    def launch(self, op: Operation, kernel: Operation, env: dict) -> None:
        name = op.module_name
        module = self.modules.get(name)
        if module is None:
            module = self.modules[name] = self.driver.load_module(self.ptx[name])
        fn = self.driver.function(module, op.kernel_name)
        grid = [int(env[v]) for v in op.grid_operands]
        block = [int(env[v]) for v in op.block_operands]
        values = [env[v] for v in op.kernelOperands]
        params, copies = kernel_params(self.driver, kernel.type.inputs, values)
        self.driver.launch(fn, grid, block, params)
        for original, a, ptr in copies:
            self.driver.to_host(a, ptr)
            if a is not original:
                original[...] = a


def run_on_gpu(module: Operation, function: str, inputs: Sequence[Any],
               driver: Any) -> list:  # fmt: skip
    """Run `function` of a gpu-level module: host code in the interpreter, kernels on the
    GPU. While it runs, `gpu.launch_func` is the GPU's (the interpreter's handlers are
    process-wide: do not interpret other gpu code in other threads meanwhile)."""
    launcher = CudaLauncher(module, driver)
    previous = engine.handler_for("gpu.launch_func")

    def on_gpu(interp: Any, op: Operation, args: list) -> Any:
        launcher.launch(op, kernel_of(op), interp.values)
        return [None] if op.results else []

    engine.register_handler("gpu.launch_func", on_gpu)
    try:
        return Interpreter(module).run(function, list(inputs))
    finally:
        engine.register_handler("gpu.launch_func", previous)


__all__ = ["CudaDriver", "CudaLauncher", "GPUUnavailable", "kernel_params", "run_on_gpu"]
