"""Start-up of dialir-opt (and xdsl-opt, when installed): the time to print back a one-line
file and a small file that uses every built-in dialect, as a lit suite of hundreds of RUN
lines pays it.

    python benchmarks/startup.py [--runs 15] [--no-xdsl]

Each file is run once first (it fills the parser cache and the bytecode caches), then
`--runs` times. Reported: the median wall time and the median CPU time (user + system, from
`os.wait4`) of the process; on a loaded machine the CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ONE_LINE = "func.func @f() { return }\n"

# One op (or type) of each built-in dialect: builtin, func, arith, math, memref, nn, llvm,
# scf, affine, cf.
EVERY_DIALECT = """\
func.func @all(%a: i32, %x: index, %f: f32, %m: memref<4xf32>, %t: tensor<2x3xf32>, %c: i1) -> f32 {
  %0 = arith.addi %a, %a : i32
  %1 = math.sqrt %f : f32
  %2 = memref.load %m[%x] : memref<4xf32>
  %3 = nn.relu %t : tensor<2x3xf32>
  %p = llvm.mlir.zero : !llvm.ptr
  scf.for %i = %a to %a step %a : i32 {
    affine.for %j = 0 to 4 {
      %v = affine.load %m[%j] : memref<4xf32>
    }
  }
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  return %1 : f32
^bb2:
  return %2 : f32
}
"""

# The same without nn (xDSL has no nn dialect).
EVERY_XDSL_DIALECT = EVERY_DIALECT.replace("  %3 = nn.relu %t : tensor<2x3xf32>\n", "")


def run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `cmd`; fails loudly on a non-zero status."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(cmd: list[str], runs: int) -> tuple[float, float]:
    run(cmd)  # fills the caches
    times = [run(cmd) for _ in range(runs)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--no-xdsl", action="store_true")
    args = ap.parse_args()
    tools = [("dialir-opt", shutil.which("dialir-opt"))]
    if not args.no_xdsl:
        tools.append(("xdsl-opt", shutil.which("xdsl-opt")))
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for name, text in (
            ("one line", ONE_LINE),
            ("every dialect", EVERY_DIALECT),
            ("every dialect but nn", EVERY_XDSL_DIALECT),
        ):
            path = files[name] = os.path.join(tmp, name.replace(" ", "_") + ".mlir")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        print(f"| tool | input | median wall (s) | median CPU (s) |  ({args.runs} runs)")
        print("|---|---|---:|---:|")
        for tool, exe in tools:
            if exe is None:
                print(f"{tool}: not installed, skipped", file=sys.stderr)
                continue
            for name, path in files.items():
                if tool == "xdsl-opt" and name == "every dialect":
                    continue
                wall, cpu = measure([exe, path], args.runs)
                print(f"| {tool} | {name} | {wall:.3f} | {cpu:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
