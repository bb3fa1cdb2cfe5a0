"""Reference-interpreter speed on affine loop nests, the shape `convert-nn-to-affine` emits.

    python benchmarks/interpreter_loops.py [--repeat 3] [--reference]

Each workload is a hand-written affine function, run on random inputs; the time is the best
of `--repeat` runs in CPU seconds (numpy pinned to one thread, parse excluded, the first run
-- which compiles the nests -- timed separately as "first"). `--reference` also times the
op-by-op interpreter (the loop compiler switched off) and checks both give the same bits.
  matmul    64x64x64, the k loop an iter_args accumulator
  conv      3x3 convolution, 8 -> 8 channels on 16x16 (pre-padded input), bias and relu:
            seven loops, the three inner ones reductions through iter_args
  conv-pad  3x3 convolution with padding 1, batch 4, 8 -> 8 channels on 16x16, the tap
            loops bounded by max/min maps of the output position (what the nn lowering
            emits)
  scf-conv  conv-pad after MLIR's lower-affine and canonicalize: scf.for, index arithmetic
            in arith, bounds by arith.maxsi/minsi
  elemwise  128x128 `y * (x > 0 ? x : exp(x) - 1) + b[j]` (select, cmpf, math.exp)
  softmax   32 rows of 100: max, sum of exp, divide (three loops per row)
  reduce-all  the sum of squares of 128x128 through nested iter_args (one sequential chain:
            the scalar code, nothing to vectorise)
  prefix    a running sum along rows (a loop-carried dependence through memory: the
            compiler must not vectorise it)
"""

from __future__ import annotations

import argparse
import os
import time

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before numpy loads its BLAS

import numpy as np  # noqa: E402

from dialir.execution.interpreter import Interpreter, loop_compiler  # noqa: E402
from dialir.parser.parser import parse  # noqa: E402

MATMUL = """
func.func @main(%A: memref<64x64xf32>, %B: memref<64x64xf32>, %C: memref<64x64xf32>) {
  %zero = arith.constant 0.0 : f32
  affine.for %i = 0 to 64 {
    affine.for %j = 0 to 64 {
      %acc = affine.for %k = 0 to 64 iter_args(%a = %zero) -> (f32) {
        %x = affine.load %A[%i, %k] : memref<64x64xf32>
        %y = affine.load %B[%k, %j] : memref<64x64xf32>
        %p = arith.mulf %x, %y : f32
        %s = arith.addf %a, %p : f32
        affine.yield %s : f32
      }
      affine.store %acc, %C[%i, %j] : memref<64x64xf32>
    }
  }
  return
}
"""

CONV = """
func.func @main(%I: memref<1x8x18x18xf32>, %W: memref<8x8x3x3xf32>, %bias: memref<8xf32>,
                %O: memref<1x8x16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  affine.for %n = 0 to 1 {
    affine.for %co = 0 to 8 {
      affine.for %oh = 0 to 16 {
        affine.for %ow = 0 to 16 {
          %b = affine.load %bias[%co] : memref<8xf32>
          %acc = affine.for %ci = 0 to 8 iter_args(%a0 = %b) -> (f32) {
            %a1 = affine.for %kh = 0 to 3 iter_args(%a2 = %a0) -> (f32) {
              %a3 = affine.for %kw = 0 to 3 iter_args(%a4 = %a2) -> (f32) {
                %x = affine.load %I[%n, %ci, %oh + %kh, %ow + %kw] : memref<1x8x18x18xf32>
                %w = affine.load %W[%co, %ci, %kh, %kw] : memref<8x8x3x3xf32>
                %p = arith.mulf %x, %w : f32
                %s = arith.addf %a4, %p : f32
                affine.yield %s : f32
              }
              affine.yield %a3 : f32
            }
            affine.yield %a1 : f32
          }
          %r = arith.maximumf %acc, %zero : f32
          affine.store %r, %O[%n, %co, %oh, %ow] : memref<1x8x16x16xf32>
        }
      }
    }
  }
  return
}
"""

CONV_PADDED = """
#lo = affine_map<(d0) -> (0, 1 - d0)>
#hi = affine_map<(d0) -> (3, 17 - d0)>
func.func @main(%I: memref<4x8x16x16xf32>, %W: memref<8x8x3x3xf32>,
                %O: memref<4x8x16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  affine.for %n = 0 to 4 {
    affine.for %co = 0 to 8 {
      affine.for %oh = 0 to 16 {
        affine.for %ow = 0 to 16 {
          %acc = affine.for %ci = 0 to 8 iter_args(%a0 = %zero) -> (f32) {
            %a1 = affine.for %kh = max #lo(%oh) to min #hi(%oh) iter_args(%a2 = %a0) -> (f32) {
              %a3 = affine.for %kw = max #lo(%ow) to min #hi(%ow) iter_args(%a4 = %a2) -> (f32) {
                %x = affine.load %I[%n, %ci, %oh + %kh - 1, %ow + %kw - 1] : memref<4x8x16x16xf32>
                %w = affine.load %W[%co, %ci, %kh, %kw] : memref<8x8x3x3xf32>
                %p = arith.mulf %x, %w : f32
                %s = arith.addf %a4, %p : f32
                affine.yield %s : f32
              }
              affine.yield %a3 : f32
            }
            affine.yield %a1 : f32
          }
          affine.store %acc, %O[%n, %co, %oh, %ow] : memref<4x8x16x16xf32>
        }
      }
    }
  }
  return
}
"""

# CONV_PADDED after MLIR's `lower-affine --canonicalize` (iree-opt): the scf level.
SCF_CONV_PADDED = """
func.func @main(%arg0: memref<4x8x16x16xf32>, %arg1: memref<8x8x3x3xf32>, %arg2: memref<4x8x16x16xf32>) {
  %c17 = arith.constant 17 : index
  %c3 = arith.constant 3 : index
  %c-1 = arith.constant -1 : index
  %c16 = arith.constant 16 : index
  %c8 = arith.constant 8 : index
  %cst = arith.constant 0.000000e+00 : f32
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  scf.for %arg3 = %c0 to %c4 step %c1 {
    scf.for %arg4 = %c0 to %c8 step %c1 {
      scf.for %arg5 = %c0 to %c16 step %c1 {
        scf.for %arg6 = %c0 to %c16 step %c1 {
          %0 = scf.for %arg7 = %c0 to %c8 step %c1 iter_args(%arg8 = %cst) -> (f32) {
            %1 = arith.subi %c1, %arg5 : index
            %2 = arith.maxsi %1, %c0 : index
            %3 = arith.subi %c17, %arg5 : index
            %4 = arith.minsi %3, %c3 : index
            %5 = scf.for %arg9 = %2 to %4 step %c1 iter_args(%arg10 = %arg8) -> (f32) {
              %6 = arith.subi %c1, %arg6 : index
              %7 = arith.maxsi %6, %c0 : index
              %8 = arith.subi %c17, %arg6 : index
              %9 = arith.minsi %8, %c3 : index
              %10 = scf.for %arg11 = %7 to %9 step %c1 iter_args(%arg12 = %arg10) -> (f32) {
                %11 = arith.addi %arg5, %arg9 : index
                %12 = arith.addi %11, %c-1 : index
                %13 = arith.addi %arg6, %arg11 : index
                %14 = arith.addi %13, %c-1 : index
                %15 = memref.load %arg0[%arg3, %arg7, %12, %14] : memref<4x8x16x16xf32>
                %16 = memref.load %arg1[%arg4, %arg7, %arg9, %arg11] : memref<8x8x3x3xf32>
                %17 = arith.mulf %15, %16 : f32
                %18 = arith.addf %arg12, %17 : f32
                scf.yield %18 : f32
              }
              scf.yield %10 : f32
            }
            scf.yield %5 : f32
          }
          memref.store %0, %arg2[%arg3, %arg4, %arg5, %arg6] : memref<4x8x16x16xf32>
        }
      }
    }
  }
  return
}
"""

ELEMWISE = """
func.func @main(%X: memref<128x128xf32>, %Y: memref<128x128xf32>, %B: memref<128xf32>,
                %O: memref<128x128xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  affine.for %i = 0 to 128 {
    affine.for %j = 0 to 128 {
      %x = affine.load %X[%i, %j] : memref<128x128xf32>
      %y = affine.load %Y[%i, %j] : memref<128x128xf32>
      %b = affine.load %B[%j] : memref<128xf32>
      %pos = arith.cmpf ogt, %x, %zero : f32
      %e = math.exp %x : f32
      %em1 = arith.subf %e, %one : f32
      %act = arith.select %pos, %x, %em1 : f32
      %m = arith.mulf %y, %act : f32
      %r = arith.addf %m, %b : f32
      affine.store %r, %O[%i, %j] : memref<128x128xf32>
    }
  }
  return
}
"""

SOFTMAX = """
func.func @main(%X: memref<32x100xf32>, %O: memref<32x100xf32>) {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  affine.for %i = 0 to 32 {
    %m = affine.for %j = 0 to 100 iter_args(%a = %ninf) -> (f32) {
      %x = affine.load %X[%i, %j] : memref<32x100xf32>
      %b = arith.maximumf %a, %x : f32
      affine.yield %b : f32
    }
    %s = affine.for %j = 0 to 100 iter_args(%a = %zero) -> (f32) {
      %x = affine.load %X[%i, %j] : memref<32x100xf32>
      %d = arith.subf %x, %m : f32
      %e = math.exp %d : f32
      affine.store %e, %O[%i, %j] : memref<32x100xf32>
      %b = arith.addf %a, %e : f32
      affine.yield %b : f32
    }
    affine.for %j = 0 to 100 {
      %e = affine.load %O[%i, %j] : memref<32x100xf32>
      %q = arith.divf %e, %s : f32
      affine.store %q, %O[%i, %j] : memref<32x100xf32>
    }
  }
  return
}
"""

REDUCE_ALL = """
func.func @main(%X: memref<128x128xf32>, %O: memref<1xf32>) {
  %zero = arith.constant 0.0 : f32
  %s = affine.for %i = 0 to 128 iter_args(%a = %zero) -> (f32) {
    %t = affine.for %j = 0 to 128 iter_args(%b = %a) -> (f32) {
      %x = affine.load %X[%i, %j] : memref<128x128xf32>
      %sq = arith.mulf %x, %x : f32
      %c = arith.addf %b, %sq : f32
      affine.yield %c : f32
    }
    affine.yield %t : f32
  }
  affine.store %s, %O[0] : memref<1xf32>
  return
}
"""

PREFIX = """
func.func @main(%X: memref<64x200xf32>) {
  affine.for %i = 0 to 64 {
    affine.for %j = 1 to 200 {
      %p = affine.load %X[%i, %j - 1] : memref<64x200xf32>
      %x = affine.load %X[%i, %j] : memref<64x200xf32>
      %s = arith.addf %p, %x : f32
      affine.store %s, %X[%i, %j] : memref<64x200xf32>
    }
  }
  return
}
"""


def _inputs(rng: np.random.Generator, *shapes: tuple) -> list[np.ndarray]:
    return [rng.standard_normal(s).astype(np.float32) for s in shapes]


WORKLOADS = {
    "matmul": (MATMUL, ((64, 64), (64, 64), (64, 64))),
    "conv": (CONV, ((1, 8, 18, 18), (8, 8, 3, 3), (8,), (1, 8, 16, 16))),
    "conv-pad": (CONV_PADDED, ((4, 8, 16, 16), (8, 8, 3, 3), (4, 8, 16, 16))),
    "scf-conv": (SCF_CONV_PADDED, ((4, 8, 16, 16), (8, 8, 3, 3), (4, 8, 16, 16))),
    "elemwise": (ELEMWISE, ((128, 128), (128, 128), (128,), (128, 128))),
    "softmax": (SOFTMAX, ((32, 100), (32, 100))),
    "reduce-all": (REDUCE_ALL, ((128, 128), (1,))),
    "prefix": (PREFIX, ((64, 200),)),
}


def run_once(text: str, shapes: tuple, compiled: bool, repeat: int) -> tuple:
    """(first run's seconds, best of the rest, the output buffers)."""
    module = parse(text, "bench.mlir")
    loop_compiler.ENABLED = compiled
    try:
        interp = Interpreter(module)
        fresh = _inputs(np.random.default_rng(0), *shapes)
        args = [a.copy() for a in fresh]
        t0 = time.process_time()
        interp.run("main", args)
        first = time.process_time() - t0
        out = [a.copy() for a in args]
        times = []
        for _ in range(repeat):
            args = [a.copy() for a in fresh]
            t0 = time.process_time()
            interp.run("main", args)
            times.append(time.process_time() - t0)
        return first, min(times), out
    finally:
        loop_compiler.ENABLED = True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--reference", action="store_true", help="time the op-by-op path too")
    ap.add_argument("--only", default=",".join(WORKLOADS), help="comma-separated workloads")
    args = ap.parse_args()
    head = f"{'workload':10} {'first':>9} {'compiled':>9}"
    print(head + (f" {'reference':>10} {'speed-up':>9}" if args.reference else ""))
    for name in args.only.split(","):
        text, shapes = WORKLOADS[name]
        first, best, out = run_once(text, shapes, True, args.repeat)
        line = f"{name:10} {first * 1e3:7.1f}ms {best * 1e3:7.1f}ms"
        if args.reference:
            _, ref, ref_out = run_once(text, shapes, False, 1)
            for a, b in zip(out, ref_out):
                np.testing.assert_array_equal(a, b)  # same bits as op by op
            line += f" {ref * 1e3:8.1f}ms {ref / best:8.0f}x"
        print(line, flush=True)


if __name__ == "__main__":
    main()
