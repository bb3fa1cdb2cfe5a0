"""convert-affine-matmul-to-gpu (in nn-to-gpu): nn.matmul / nn.gemm become kernels staging
tiles of both operands in workgroup memory. Emulated on the CPU (interpreter and JIT) they
match numpy for shapes that are and are not multiples of the tiles, batched, transposed,
dynamic, with fused epilogues; their PTX assembles with ptxas for sm_80 and sm_90."""

from __future__ import annotations

import numpy as np
import pytest

from dialir.core.ir.printer import Printer
from dialir.core.passes import PassManager
from dialir.execution.interpreter import run_function
from dialir.parser.parser import parse
from dialir.target.ptx import PTXOptions, have_ptxas, lower_to_ptx, ptxas

SMALL = "tile-sizes=16,16,8 thread-tile-sizes=2,2"  # the interpreter's tiles: fewer threads


def _func(name: str, ins: list[str], out: str, body: str) -> str:
    args = ", ".join(f"%a{i}: {t}" for i, t in enumerate(ins))
    return f"func.func @{name}({args}) -> {out} {{\n{body}\n  return %r : {out}\n}}\n"


def _mm(lt: str, rt: str, out: str) -> str:
    return _func("main", [lt, rt], out,
                 f"  %r = nn.matmul %a0, %a1 : ({lt}, {rt}) -> {out}")  # fmt: skip


def _gemm(at: str, bt: str, ct: str, out: str, attrs: str) -> str:
    body = (f"  %g = nn.gemm %a0, %a1, %a2 {{{attrs}}} : ({at}, {bt}, {ct}) -> {out}\n"
            f"  %r = nn.relu %g : {out}")  # fmt: skip
    return _func("main", [at, bt, ct], out, body)


def _t(*shape) -> str:
    return "tensor<" + "x".join("?" if s is None else str(s) for s in shape) + "xf32>"


R = np.random.default_rng(7)


def _f(*shape) -> np.ndarray:
    return R.standard_normal(shape).astype(np.float32)


A, B = _f(20, 27), _f(27, 18)
A64, B64 = _f(64, 32), _f(32, 64)
BA, BB = _f(3, 20, 27), _f(3, 27, 18)
GA, GB, GC = _f(16, 13), _f(10, 16), _f(10)
CASES = {
    # name: (nn text, inputs, numpy result)
    "partial_tiles": (_mm(_t(20, 27), _t(27, 18), _t(20, 18)), [A, B], A @ B),
    "whole_tiles": (_mm(_t(64, 32), _t(32, 64), _t(64, 64)), [A64, B64], A64 @ B64),
    "dynamic": (_mm(_t(None, None), _t(None, None), _t(None, None)), [A, B], A @ B),
    "batched_broadcast": (_mm(_t(3, 20, 27), _t(27, 18), _t(3, 20, 18)), [BA, B], BA @ B),
    "batched": (_mm(_t(3, 20, 27), _t(3, 27, 18), _t(3, 20, 18)), [BA, BB], BA @ BB),
    "gemm_trans_relu": (
        _gemm(_t(16, 13), _t(10, 16), _t(10), _t(13, 10),
              "trans_a = true, trans_b = true, alpha = 0.5 : f32, beta = 2.0 : f32"),
        [GA, GB, GC], np.maximum(0.5 * GA.T @ GB.T + 2.0 * GC, 0)),
}  # fmt: skip
NAMES = sorted(CASES)


def _lowered(text: str, options: str = "") -> str:
    module = parse(text)
    opts = f"{{{options}}}" if options else ""
    PassManager.parse(f"builtin.module(nn-to-loops, convert-affine-matmul-to-gpu{opts})").run(
        module)  # fmt: skip
    return Printer.to_string(module)


@pytest.mark.parametrize("name", NAMES)
def test_tiled_kernel_is_generated(name: str) -> None:
    text = _lowered(CASES[name][0], SMALL)
    assert text.count("gpu.barrier") == 2 and "gpu.launch_func" in text
    assert "workgroup(" in text and "#gpu.address_space<workgroup>" in text
    assert "affine.for" not in text.split("gpu.module")[1]


@pytest.mark.parametrize("name", NAMES)
def test_emulation_in_the_interpreter_matches_numpy(name: str) -> None:
    text, args, want = CASES[name]
    module = parse(_lowered(text, SMALL))
    PassManager.parse("builtin.module(gpu-emulate-on-cpu)").run(module)
    (got,) = run_function(module, "main", [a.copy() for a in args])
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", NAMES)
def test_emulation_through_the_jit_matches_numpy(name: str) -> None:
    """The default tiles (64x64x16, 4x4 per thread) through the CPU JIT."""
    from dialir.execution.jit import ExecutionEngine

    text, args, want = CASES[name]
    module = parse(_lowered(text))
    main = next(o for o in module.body.ops if o.name == "func.func")
    signature = main.type
    PassManager.parse(
        "builtin.module(gpu-emulate-on-cpu, lower-affine, convert-scf-to-cf, convert-to-llvm, "
        "reconcile-unrealized-casts)"
    ).run(module)
    got = ExecutionEngine(module, opt_level=2).function("main", signature)(
        *[a.copy() for a in args])  # fmt: skip
    if isinstance(got, (list, tuple)):
        (got,) = got
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("chip", ["sm_80", "sm_90"])
@pytest.mark.parametrize("name", ["partial_tiles", "whole_tiles", "batched", "gemm_trans_relu"])
def test_ptx_assembles(name: str, chip: str) -> None:
    features = {"sm_80": "+ptx70", "sm_90": "+ptx78"}[chip]
    ((_, ptx),) = lower_to_ptx(parse(_lowered(CASES[name][0])), PTXOptions(chip, features, 2))
    assert "bar.sync" in ptx and ".shared" in ptx and "ld.shared" in ptx
    assert "fma.rn.f32" in ptx  # the register tile's multiply-adds are fused
    if not have_ptxas():
        pytest.skip("ptxas (CUDA toolkit) is not installed: PTX checked by LLVM only")
    assert ptxas(ptx, chip) is None


def test_non_matmul_nests_are_left_alone() -> None:
    text = _func("main", [_t(4, 5)], _t(4, 5), f"  %r = nn.relu %a0 : {_t(4, 5)}")
    assert "gpu." not in _lowered(text)


def test_bad_tile_sizes_are_a_diagnostic() -> None:
    from dialir.core.ir.diagnostics import DiagnosticError

    module = parse(CASES["partial_tiles"][0])
    with pytest.raises(DiagnosticError, match="thread tile must divide the block tile"):
        PassManager.parse("builtin.module(nn-to-loops, convert-affine-matmul-to-gpu{"
                          "tile-sizes=16,16,8 thread-tile-sizes=3,2})").run(module)  # fmt: skip
