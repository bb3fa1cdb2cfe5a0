"""A function of N ops (default 1,000,000) through dialir-opt's round trip: parse, verify,
print. Reports wall time and the peak resident memory of the process, and the same for
`xdsl-opt` when xDSL is installed.

    python benchmarks/big_function.py [--ops 1000000] [--no-xdsl]

Each tool runs in its own process (the figure is that process's max RSS, from getrusage).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def write_input(path: str, n: int) -> None:
    """`func.func @big` with a chain of n arith ops (each uses the previous result)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("func.func @big(%arg0: i32, %arg1: i32) -> i32 {\n")
        f.write("  %0 = arith.addi %arg0, %arg1 : i32\n")
        for i in range(1, n - 1):
            op = ("addi", "muli", "xori", "subi")[i % 4]
            f.write(f"  %{i} = arith.{op} %{i - 1}, %arg{i % 2} : i32\n")
        f.write(f"  return %{n - 2} : i32\n}}\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ops", type=int, default=1_000_000)
    ap.add_argument("--no-xdsl", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "big.mlir")
        write_input(src, args.ops)
        size = os.path.getsize(src) / 2**20
        print(f"input: {args.ops:,} ops, {size:.1f} MiB")
        tools = [("dialir-opt", [shutil.which("dialir-opt") or "dialir-opt", src])]
        if not args.no_xdsl and shutil.which("xdsl-opt"):
            tools.append(("xdsl-opt", [shutil.which("xdsl-opt"), src]))
        for name, argv in tools:
            # A fresh measuring process per tool, so max RSS is that tool's own.
            code = (
                "import resource, subprocess, sys, time; s = time.perf_counter(); "
                "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
                "w = time.perf_counter() - s; "
                "m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024; "
                "print(f'{w:.1f} {m:.0f} {r}')"
            )
            out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                                 text=True).stdout.split()  # fmt: skip
            wall, peak, status = float(out[0]), float(out[1]), int(out[2])
            print(f"{name:11s} {wall:7.1f} s  peak RSS {peak:7.0f} MiB  exit {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
