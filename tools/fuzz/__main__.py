"""`python -m dialir_tools.fuzz text|onnx [--seed N] [--count N] [--time-budget S] [--out DIR]`

text: mutated lit tests and ../shared/corpus files (when present) plus generated IR of every
registered op, through parse -> verify -> print -> re-parse -> random passes -> verify.
onnx: mutated ONNX models through the importer, the graph passes and the interpreter (with
--native: the onnx-to-llvm pipeline and native code instead).
Each distinct failure is written (minimised) to the output folder; the exit status is 1
when any was found.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dialir_tools.fuzz", description=__doc__)
    ap.add_argument("campaign", choices=["text", "onnx"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--time-budget", type=float, default=3600.0, help="seconds")
    ap.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    ap.add_argument("--corpus", type=Path, action="append", default=None,
                    help="folders of .mlir seeds (default: tests/lit and ../shared/corpus)")  # fmt: skip
    ap.add_argument("--no-generate", action="store_true", help="no generated seeds (text)")
    ap.add_argument("--native", action="store_true",
                    help="onnx: compile each model to native code (the backend's default) "
                    "instead of interpreting it; slower per model")  # fmt: skip
    args = ap.parse_args(argv)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    if args.campaign == "text":
        from dialir_tools.fuzz import text  # each campaign imports only what it needs

        roots = args.corpus or [REPO / "tests" / "lit", REPO.parent / "shared" / "corpus"]
        roots = [r for r in roots if r.exists()]
        stats = text.run(roots, args.out, args.seed, args.count, args.time_budget,
                         generate=not args.no_generate)  # fmt: skip
    else:
        from dialir_tools.fuzz import onnx_models  # onnx and its node tests: slow to import

        stats = onnx_models.run(REPO / "examples" / "cnn.onnx", args.out, args.seed, args.count,
                                args.time_budget, native=args.native)  # fmt: skip
    print(json.dumps(stats), flush=True)
    return 1 if stats["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
