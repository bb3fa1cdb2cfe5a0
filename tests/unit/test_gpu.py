"""The gpu path end to end: the test kernels (tests/unit/gpu_kernels.py) emulated on the CPU
through the interpreter and through the JIT match numpy, and their PTX (gpu-level MLIR ->
convert-gpu-to-nvvm -> llvmlite's NVPTX back end) assembles with ptxas for sm_80 and sm_90.
No GPU is needed: emulation is how kernel semantics are tested on every machine."""

from __future__ import annotations

import numpy as np
import pytest
from gpu_kernels import cases, collective_cases

from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.printer import Printer
from dialir.core.passes import PassManager
from dialir.execution.interpreter import run_function
from dialir.parser.parser import parse
from dialir.target.ptx import PTXOptions, have_ptxas, lower_to_ptx, ptxas

CASES = {**cases(), **collective_cases()}
NAMES = sorted(CASES)


def _fresh(args: list) -> list:
    return [a.copy() if isinstance(a, np.ndarray) else a for a in args]


def _check(name: str, args: list, want: dict) -> None:
    for i, ref in want.items():
        np.testing.assert_allclose(args[i], ref, rtol=1e-5, atol=1e-4, err_msg=name)


@pytest.mark.parametrize("name", NAMES)
def test_emulation_in_the_interpreter_matches_numpy(name: str) -> None:
    text, args, want = CASES[name]
    module = parse(text)
    PassManager.parse("builtin.module(gpu-emulate-on-cpu)").run(module)
    args = _fresh(args)
    run_function(module, "main", args)
    _check(name, args, want)


@pytest.mark.parametrize("name", NAMES)
def test_emulation_through_the_jit_matches_numpy(name: str) -> None:
    from dialir.execution.jit import ExecutionEngine

    text, args, want = CASES[name]
    module = parse(text)
    main = next(o for o in module.body.ops if o.name == "func.func" and
                o.get_attr("sym_name").value == "main")  # fmt: skip
    signature = main.type
    PassManager.parse(
        "builtin.module(gpu-emulate-on-cpu, convert-scf-to-cf, convert-to-llvm, "
        "reconcile-unrealized-casts)"
    ).run(module)
    args = _fresh(args)
    ExecutionEngine(module, opt_level=2).function("main", signature)(*args)
    _check(name, args, want)


@pytest.mark.parametrize("chip", ["sm_80", "sm_90"])
@pytest.mark.parametrize("name", NAMES)
def test_ptx_assembles(name: str, chip: str) -> None:
    text, _, _ = CASES[name]
    features = {"sm_80": "+ptx70", "sm_90": "+ptx78"}[chip]
    kernels = lower_to_ptx(parse(text), PTXOptions(chip, features, 2))
    assert kernels, "no gpu.module was lowered"
    for module_name, ptx in kernels:
        assert f".target {chip}" in ptx and ".entry" in ptx
        if name in ("reduction", "tiled_matmul", "all_reduce"):
            assert "bar.sync" in ptx and ".shared" in ptx  # barriers, workgroup memory
        if name in ("shuffle", "subgroup_reduce", "all_reduce"):
            assert "shfl.sync" in ptx
        if not have_ptxas():
            pytest.skip("ptxas (CUDA toolkit) is not installed: PTX checked by LLVM only")
        problem = ptxas(ptx, chip)
        assert problem is None, f"ptxas -arch={chip} rejected @{module_name}:\n{problem}"


def test_launch_body_is_outlined_then_emulated() -> None:
    """A gpu.launch (not outlined): outlining first, then emulation and PTX."""
    text = """
    func.func @main(%x: memref<10xf32>) {
      %c1 = arith.constant 1 : index
      %c4 = arith.constant 4 : index
      %c10 = arith.constant 10 : index
      %two = arith.constant 2.0 : f32
      gpu.launch blocks(%bx, %by, %bz) in (%gx = %c4, %gy = %c1, %gz = %c1)
                 threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) {
        %b = arith.muli %bx, %sx : index
        %i = arith.addi %b, %tx : index
        %ok = arith.cmpi ult, %i, %c10 : index
        scf.if %ok {
          %v = memref.load %x[%i] : memref<10xf32>
          %w = arith.mulf %v, %two : f32
          memref.store %w, %x[%i] : memref<10xf32>
        }
        gpu.terminator
      }
      return
    }
    """
    module = parse(text)
    PassManager.parse("builtin.module(gpu-kernel-outlining, gpu-emulate-on-cpu)").run(module)
    x = np.arange(10, dtype=np.float32)
    run_function(module, "main", [x])
    np.testing.assert_array_equal(x, 2 * np.arange(10, dtype=np.float32))
    ((_, ptx),) = lower_to_ptx(parse(text))
    assert ".entry main_kernel" in ptx


def test_barrier_in_divergent_control_flow_is_a_diagnostic() -> None:
    text = """
    module attributes {gpu.container_module} {
      gpu.module @k {
        gpu.func @bad(%x: memref<?xf32>) kernel {
          %t = gpu.thread_id x
          %c1 = arith.constant 1 : index
          %odd = arith.cmpi ult, %t, %c1 : index
          scf.if %odd {
            gpu.barrier
          }
          gpu.return
        }
      }
    }
    """
    module = parse(text)
    with pytest.raises(DiagnosticError, match="differs between threads"):
        PassManager.parse("builtin.module(gpu-emulate-on-cpu)").run(module)


@pytest.mark.parametrize("name", NAMES)
def test_interpreter_runs_gpu_ops_directly(name: str) -> None:
    """The interpreter's gpu module: launch_func runs the kernel's emulation, no pass first."""
    text, args, want = CASES[name]
    args = _fresh(args)
    run_function(parse(text), "main", args)
    _check(name, args, want)


def test_interpreter_runs_gpu_launch_and_host_memory_ops() -> None:
    text = """
    func.func @main(%x: memref<6xf32>) -> memref<6xf32> {
      %c1 = arith.constant 1 : index
      %c6 = arith.constant 6 : index
      %one = arith.constant 1.0 : f32
      %t0 = gpu.wait async
      %d, %t1 = gpu.alloc async [%t0] () : memref<6xf32, 1>
      %t2 = gpu.memcpy async [%t1] %d, %x : memref<6xf32, 1>, memref<6xf32>
      gpu.wait [%t2]
      gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
                 threads(%tx, %ty, %tz) in (%sx = %c6, %sy = %c1, %sz = %c1) {
        %v = memref.load %d[%tx] : memref<6xf32, 1>
        %w = arith.addf %v, %one : f32
        memref.store %w, %d[%tx] : memref<6xf32, 1>
        gpu.terminator
      }
      %out = memref.alloc() : memref<6xf32>
      gpu.memcpy %out, %d : memref<6xf32>, memref<6xf32, 1>
      gpu.dealloc %d : memref<6xf32, 1>
      return %out : memref<6xf32>
    }
    """
    x = np.arange(6, dtype=np.float32)
    (out,) = run_function(parse(text), "main", [x])
    np.testing.assert_array_equal(out, x + 1)


PARALLEL = """
func.func @main(%A: memref<?x?xf32>, %B: memref<?x?xf32>, %C: memref<?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %M = memref.dim %A, %c0 : memref<?x?xf32>
  %N = memref.dim %A, %c1 : memref<?x?xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%M, %N) step (%c4, %c4) {
    scf.parallel (%ii, %jj) = (%c0, %c0) to (%c4, %c4) step (%c1, %c1) {
      %x = arith.addi %i, %ii : index
      %y = arith.addi %j, %jj : index
      %a = memref.load %A[%x, %y] : memref<?x?xf32>
      %b = memref.load %B[%x, %y] : memref<?x?xf32>
      %s = arith.addf %a, %b : f32
      memref.store %s, %C[%x, %y] : memref<?x?xf32>
      scf.reduce
    }
    scf.reduce
  }
  return
}
"""


def test_parallel_loops_to_gpu_kernels() -> None:
    """scf.parallel -> gpu-map-parallel-loops -> convert-parallel-loops-to-gpu -> outlined
    kernel: the same result in the interpreter (gpu.launch directly, then emulated) and PTX."""
    rng = np.random.default_rng(1)
    A, B = (rng.standard_normal((8, 12)).astype(np.float32) for _ in range(2))
    to_gpu = "builtin.module(func.func(gpu-map-parallel-loops), convert-parallel-loops-to-gpu)"
    module = parse(PARALLEL)
    PassManager.parse(to_gpu).run(module)
    assert any(o.name == "gpu.launch" for o in module.walk())
    C = np.zeros_like(A)
    run_function(module, "main", [A, B, C])
    np.testing.assert_array_equal(C, A + B)
    PassManager.parse("builtin.module(gpu-kernel-outlining, gpu-emulate-on-cpu)").run(module)
    C = np.zeros_like(A)
    run_function(module, "main", [A, B, C])
    np.testing.assert_array_equal(C, A + B)
    module = parse(PARALLEL)
    PassManager.parse(to_gpu).run(module)
    ((_, ptx),) = lower_to_ptx(module, PTXOptions("sm_80", "+ptx70", 2))
    assert ".entry main_kernel" in ptx
    if have_ptxas():
        assert ptxas(ptx, "sm_80") is None


def test_example_model_to_gpu_kernels() -> None:
    """The example CNN: nn-to-gpu gives one kernel per loop nest; emulated, it computes what
    the loop-level lowering computes; its PTX assembles for sm_80 and sm_90."""
    from pathlib import Path

    from dialir.core.ir.printer import Printer
    from dialir.frontends.onnx import import_model

    model = Path(__file__).resolve().parents[2] / "examples" / "cnn.onnx"
    text = Printer.to_string(import_model(str(model)))
    x = np.random.default_rng(0).standard_normal((2, 3, 32, 32)).astype(np.float32)
    loops = parse(text)
    PassManager.parse("builtin.module(nn-to-loops)").run(loops)
    (want,) = run_function(loops, "main", [x])
    gpu = parse(text)
    PassManager.parse("builtin.module(nn-to-gpu)").run(gpu)
    assert sum(1 for o in gpu.walk() if o.name == "gpu.func") == 6
    gpu_text = Printer.to_string(gpu)
    emulated = parse(gpu_text)
    PassManager.parse("builtin.module(gpu-emulate-on-cpu)").run(emulated)
    (got,) = run_function(emulated, "main", [x])
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)
    for chip, features in (("sm_80", "+ptx70"), ("sm_90", "+ptx78")):
        kernels = lower_to_ptx(parse(gpu_text), PTXOptions(chip, features, 2))
        assert len(kernels) == 6
        if have_ptxas():
            for name, ptx in kernels:
                assert ptxas(ptx, chip) is None, name


def test_math_without_nvptx_instruction_is_a_diagnostic() -> None:
    text = """
    gpu.module @k {
      gpu.func @f(%x: f32) -> f32 {
        %y = math.sin %x : f32
        gpu.return %y : f32
      }
    }
    """
    with pytest.raises(DiagnosticError, match="'math.sin' has no NVPTX instruction"):
        lower_to_ptx(parse(text))


class FakeDriver:
    """The CUDA driver calls the launcher makes, on the CPU: device memory is a dict of
    arrays by address, a launch runs the kernel's emulation on the arrays its descriptor
    parameters point to. It checks the launcher's marshalling without a GPU."""

    chip = "sm_80"

    def __init__(self, module) -> None:
        self.kernels = {(m.get_attr("sym_name").value, f.get_attr("sym_name").value): f
                        for m in module.body.ops if m.name == "gpu.module"
                        for f in m.regions[0].blocks[0].ops}  # fmt: skip
        self.memory: dict = {}
        self.next = 1 << 20
        self.launches: list = []

    def load_module(self, ptx: str):
        assert ".entry" in ptx
        return ptx

    def function(self, module, name: str):
        return next(k for k in self.kernels if k[1] == name and f".entry {name}(" in module)

    def to_device(self, a: np.ndarray):
        import ctypes

        ptr = ctypes.c_uint64(self.next)
        self.next += a.nbytes + 256
        self.memory[ptr.value] = a.copy()
        return ptr

    def to_host(self, a: np.ndarray, ptr) -> None:
        a[...] = self.memory.pop(ptr.value)

    def launch(self, fn, grid, block, params) -> None:
        from dialir.conversions.gpu_emulation import emulate_kernel
        from dialir.core.ir.operation import Block, Operation, Region
        from dialir.core.ir.types import MemRefType

        kernel = self.kernels[fn]
        values, it = [], iter(p.value for p in params)
        for t in kernel.type.inputs:
            if isinstance(t, MemRefType):
                allocated, aligned, offset = next(it), next(it), next(it)
                sizes = [next(it) for _ in t.shape]
                strides = [next(it) for _ in t.shape]
                a = self.memory[aligned]
                assert allocated == aligned and offset == 0 and list(a.shape) == sizes
                assert strides == [s // a.itemsize for s in a.strides]
                values.append(a)
            else:
                values.append(next(it))
        self.launches.append((fn, list(grid), list(block)))
        module = Operation.create("builtin.module", regions=[Region([Block()])])
        module.regions[0].blocks[0].append(emulate_kernel(kernel, "k"))
        module.regions[0].blocks[0].last.properties.pop("sym_visibility")
        run_function(module, "k", [*grid, *block, *values])


@pytest.mark.parametrize("name", ["elementwise", "tiled_matmul", "reduction"])
def test_cuda_launcher_marshalling(name: str) -> None:
    """run_on_gpu with a driver that runs kernels on the CPU: the PTX per module, the grid,
    the memref descriptors and scalars as kernel parameters, the copies back."""
    from dialir.execution.cuda import run_on_gpu

    text, args, want = CASES[name]
    module = parse(text)
    driver = FakeDriver(module)
    args = _fresh(args)
    run_on_gpu(module, "main", args, driver)
    _check(name, args, want)
    assert driver.launches and not driver.memory  # every buffer copied back and freed


def test_no_gpu_is_a_clear_message(tmp_path) -> None:
    """Without the NVIDIA driver (this machine), --target=gpu says so and exits 1."""
    import ctypes.util

    from dialir_tools.dialir_run import main

    if ctypes.util.find_library("cuda"):
        pytest.skip("an NVIDIA driver is installed here")
    src = tmp_path / "k.mlir"
    src.write_text(CASES["elementwise"][0])
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main([str(src), "--target=gpu"]) == 1
    assert "no GPU is present" in err.getvalue()


_SCALE = """
module attributes {gpu.container_module} {
  gpu.module @k [#nvvm.target<chip = "sm_80", features = "+ptx70">] {
    gpu.func @scale(%x: memref<?xf32>, %a: f32) kernel {
      %i = gpu.global_id x
      %v = memref.load %x[%i] : memref<?xf32>
      %w = arith.mulf %v, %a : f32
      memref.store %w, %x[%i] : memref<?xf32>
      gpu.return
    }
  }
}
"""


@pytest.mark.parametrize(("fmt", "magic"), [("bin", b"\x7fELF"), ("fatbin", b"\x50\xed\x55\xba")])
def test_module_to_binary_runs_the_cuda_toolkit(fmt: str, magic: bytes) -> None:
    """format=bin is ptxas's cubin, format=fatbin fatbinary's packing of it and the PTX."""
    import shutil

    tools = ["ptxas"] + (["fatbinary"] if fmt == "fatbin" else [])
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} (CUDA toolkit) not installed: format={fmt} needs it")
    module = parse(_SCALE)
    PassManager.parse(
        f"builtin.module(gpu.module(convert-gpu-to-nvvm), gpu-module-to-binary{{format={fmt}}})"
    ).run(module)
    (binary,) = [o for o in module.body.ops if o.name == "gpu.binary"]
    (obj,) = binary.get_attr("objects")
    assert obj.format == fmt
    assert obj.object.encode("utf-8", "surrogateescape").startswith(magic)


def test_module_to_binary_without_the_toolkit_is_a_diagnostic(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    module = parse(_SCALE)
    with pytest.raises(DiagnosticError, match="format 'bin' needs the CUDA toolkit's 'ptxas'"):
        PassManager.parse(
            "builtin.module(gpu.module(convert-gpu-to-nvvm), gpu-module-to-binary{format=bin})"
        ).run(module)


@pytest.mark.parametrize("name", ["subgroup_reduce", "shuffle", "all_reduce"])
def test_lowered_reductions_emulate_like_the_ops(name: str) -> None:
    """gpu-all-reduce-lowering's shuffles, workgroup buffer and barriers compute what the
    reductions do: the lowered kernels (MLIR's all-reduce algorithm with its partial-subgroup
    branches, 48 threads a block here; butterfly subgroup reductions), emulated, match numpy."""
    text, args, want = CASES[name]
    module = parse(text)
    PassManager.parse("builtin.module(gpu-all-reduce-lowering)").run(module)
    lowered = Printer.to_string(module)
    assert "subgroup_reduce" not in lowered and "all_reduce" not in lowered
    PassManager.parse("builtin.module(gpu-emulate-on-cpu)").run(module)
    args = _fresh(args)
    run_function(module, "main", args)
    _check(name, args, want)


def test_all_reduce_lowering_is_mlirs() -> None:
    """A uniform all_reduce: shuffles within each subgroup, lane 0 stores to a 32-element
    workgroup buffer (a new attribution), a barrier, the first subgroup reduces it, a
    barrier, every thread loads element 0. A non-uniform one is refused, as in MLIR."""
    module = parse(CASES["all_reduce"][0])
    PassManager.parse("builtin.module(gpu-all-reduce-lowering)").run(module)
    text = Printer.to_string(module)
    assert "gpu.all_reduce" not in text and text.count("gpu.barrier") == 10
    assert text.count("memref<32xf32, #gpu.address_space<workgroup>>") >= 3
    bad = CASES["all_reduce"][0].replace("%x uniform {} : (f32) -> f32", "%x {} : (f32) -> f32")
    with pytest.raises(DiagnosticError, match="is not uniform"):
        PassManager.parse("builtin.module(gpu-all-reduce-lowering)").run(parse(bad))


def test_a_ptx_version_too_old_for_the_chip_is_a_diagnostic() -> None:
    # LLVM's NVPTX back end ends the process on this (a fatal error): caught before it.
    from dialir.core.ir.diagnostics import DiagnosticError
    from dialir.target.ptx import PTXOptions, check_ptx_version

    with pytest.raises(DiagnosticError, match=r"'sm_90' needs PTX ISA 7\.8 .*'\+ptx78'"):
        check_ptx_version(PTXOptions("sm_90", "+ptx70"))
    check_ptx_version(PTXOptions("sm_90", "+ptx78"))
    check_ptx_version(PTXOptions("sm_80", "+ptx70"))
    check_ptx_version(PTXOptions("sm_90", ""))  # LLVM picks the version
