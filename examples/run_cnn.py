"""The main job on the bundled example: import `examples/cnn.onnx`, optimize it with dialir's
graph passes, run it on the reference interpreter, and compare with onnxruntime.

    python examples/run_cnn.py [MODEL.onnx] [--batch 2] [--seed 0] [--print-ir]

Prints the pipeline it ran, the ops before and after it, both results side by side and the
largest absolute difference; exits with status 1 when they differ by more than
rtol=1e-4 / atol=1e-5.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from dialir.core.ir.printer import Printer
from dialir.core.passes import parse_pipeline
from dialir.execution.interpreter import run_function
from dialir.frontends.onnx import import_model
from dialir.frontends.onnx.backend import default_pipeline

DEFAULT_MODEL = Path(__file__).resolve().parent / "cnn.onnx"
RTOL, ATOL = 1e-4, 1e-5


def op_counts(module) -> str:
    counts = Counter(op.name for op in module.walk() if op.name.startswith("nn."))
    return ", ".join(f"{n} x{c}" if c > 1 else n for n, c in sorted(counts.items()))


def run(model: Path, batch: int, seed: int, print_ir: bool = False, out=sys.stdout):
    """Import, optimize and run `model` on the interpreter and on onnxruntime; returns the two
    outputs (dialir's, onnxruntime's)."""
    import onnxruntime

    module = import_model(model)
    print(f"imported {model.name}: {op_counts(module)}", file=out)
    pipeline = default_pipeline()
    parse_pipeline(pipeline).run(module)
    print(f"after {pipeline}: {op_counts(module)}", file=out)
    if print_ir:
        print(Printer.to_string(module), file=out)

    rng = np.random.default_rng(seed)
    image = rng.standard_normal((batch, 3, 32, 32)).astype(np.float32)
    (ours,) = run_function(module, "main", [image])
    session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    (theirs,) = session.run(None, {"image": image})
    return ours, theirs


def report(ours: np.ndarray, theirs: np.ndarray, out=sys.stdout) -> bool:
    """Print both results and their difference; True when they match within tolerance."""
    np.set_printoptions(precision=5, suppress=True, linewidth=100)
    for i, (a, b) in enumerate(zip(ours, theirs)):
        print(f"image {i}: dialir      class {int(a.argmax())}  {a}", file=out)
        print(f"image {i}: onnxruntime class {int(b.argmax())}  {b}", file=out)
    diff = float(np.max(np.abs(ours.astype(np.float64) - theirs)))
    ok = ours.shape == theirs.shape and bool(np.allclose(ours, theirs, rtol=RTOL, atol=ATOL))
    verdict = "match" if ok else "MISMATCH"
    print(f"max abs difference: {diff:.3g} ({verdict}, rtol={RTOL}, atol={ATOL})", file=out)
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", nargs="?", default=str(DEFAULT_MODEL))
    ap.add_argument("--batch", type=int, default=2, help="images per run (default 2)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the random input images")
    ap.add_argument("--print-ir", action="store_true", help="print the optimized module")
    args = ap.parse_args(argv)
    ours, theirs = run(Path(args.model), args.batch, args.seed, args.print_ir)
    return 0 if report(ours, theirs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
