"""Reference-interpreter throughput: the per-op dispatch cost and a whole model.

    python benchmarks/interpreter_dispatch.py [--repeat 5]

Two workloads, each timed as the best of `--repeat` runs in CPU time (import and parse
excluded; numpy is pinned to one thread so that CPU time is the work done):
  loops  a func/cf/arith/memref program: a 48x48x48 matrix multiply written as three
         `cf` loops of scalar ops (about 0.9 M ops executed), so the time is almost all
         handler dispatch;
  cnn    examples/cnn.onnx, imported, run through the default graph pipeline, and run on a
         batch of 32 images (few ops, each a big numpy call).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before numpy loads its BLAS

import numpy as np  # noqa: E402

from dialir.execution.interpreter import Interpreter, run_function  # noqa: E402
from dialir.parser.parser import parse  # noqa: E402

N = 48

MATMUL = f"""
func.func @matmul(%A: memref<{N}x{N}xf32>, %B: memref<{N}x{N}xf32>, %C: memref<{N}x{N}xf32>) {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant {N} : index
  %zero = arith.constant 0.0 : f32
  cf.br ^i(%c0 : index)
^i(%i: index):
  %ci = arith.cmpi slt, %i, %n : index
  cf.cond_br %ci, ^j0, ^done
^j0:
  cf.br ^j(%c0 : index)
^j(%j: index):
  %cj = arith.cmpi slt, %j, %n : index
  cf.cond_br %cj, ^k0, ^inext
^k0:
  cf.br ^k(%c0, %zero : index, f32)
^k(%k: index, %acc: f32):
  %ck = arith.cmpi slt, %k, %n : index
  cf.cond_br %ck, ^body, ^jnext(%acc : f32)
^body:
  %a = memref.load %A[%i, %k] : memref<{N}x{N}xf32>
  %b = memref.load %B[%k, %j] : memref<{N}x{N}xf32>
  %p = arith.mulf %a, %b : f32
  %s = arith.addf %acc, %p : f32
  %k2 = arith.addi %k, %c1 : index
  cf.br ^k(%k2, %s : index, f32)
^jnext(%r: f32):
  memref.store %r, %C[%i, %j] : memref<{N}x{N}xf32>
  %j2 = arith.addi %j, %c1 : index
  cf.br ^j(%j2 : index)
^inext:
  %i2 = arith.addi %i, %c1 : index
  cf.br ^i(%i2 : index)
^done:
  return
}}
"""


def best(fn, repeat: int) -> float:
    """The shortest of `repeat` runs, in CPU seconds of this process (on a shared machine,
    wall-clock time mostly measures the other processes)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def bench_loops(repeat: int) -> None:
    module = parse(MATMUL, "matmul.mlir")
    rng = np.random.default_rng(0)
    a = rng.standard_normal((N, N)).astype(np.float32)
    b = rng.standard_normal((N, N)).astype(np.float32)
    c = np.zeros((N, N), np.float32)
    interp = Interpreter(module)
    interp.run("matmul", [a, b, c])  # warm: plans built once
    np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)
    ops = N * N * N * 8 + N * N * 6 + N * 4
    t = best(lambda: interp.run("matmul", [a, b, c]), repeat)
    print(f"loops  {t * 1e3:8.1f} ms  ({ops / t / 1e6:.2f} M ops/s, {t / ops * 1e9:.0f} ns/op)")


def bench_cnn(repeat: int) -> None:
    from dialir.core.passes import parse_pipeline
    from dialir.frontends.onnx import import_model
    from dialir.frontends.onnx.backend import default_pipeline

    model = Path(__file__).resolve().parent.parent / "examples" / "cnn.onnx"
    module = import_model(model)
    parse_pipeline(default_pipeline()).run(module)
    image = np.random.default_rng(0).standard_normal((32, 3, 32, 32)).astype(np.float32)
    run_function(module, "main", [image])
    t = best(lambda: run_function(module, "main", [image]), repeat)
    print(f"cnn    {t * 1e3:8.1f} ms  (batch 32)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    bench_loops(args.repeat)
    bench_cnn(args.repeat)


if __name__ == "__main__":
    main()
