"""The main job on the bundled example: import `examples/cnn.onnx`, optimize it with dialir's
graph passes, compile it through the whole lowering pipeline (`onnx-to-llvm`: nn -> affine
-> scf -> cf -> llvm, then LLVM for the host CPU), run the native code and compare with
onnxruntime.

    python examples/run_cnn.py [MODEL.onnx] [--batch 2] [--seed 0] [--print-ir] [--interpret]

Prints the pipeline it ran, the ops before and after the graph passes, both results side by
side, the largest absolute difference and both latencies (median of repeated runs,
onnxruntime on one thread); exits with status 1 when the results differ by more than
rtol=1e-4 / atol=1e-5. `--interpret` runs the reference interpreter instead of native code.
"""

from __future__ import annotations

import argparse
import sys
import time
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


def run(model: Path, batch: int, seed: int, print_ir: bool = False, out=sys.stdout,
        interpret: bool = False, repeat: int = 20):  # fmt: skip
    """Import, optimize and run `model` with dialir (native code, or the interpreter) and
    onnxruntime; returns the two outputs (dialir's, onnxruntime's)."""
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
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    (theirs,) = session.run(None, {"image": image})
    if interpret:
        what = "dialir (reference interpreter)"
        (ours,) = run_function(module, "main", [image])
        ours_s = _median(lambda: run_function(module, "main", [image]), max(1, repeat // 10))
    else:
        from dialir import compile_onnx

        compiled = compile_onnx(model)
        print(f"compiled through onnx-to-llvm in {compiled.compile_seconds:.2f} s", file=out)
        what = "dialir (native code)"
        ours = compiled.run({"image": image})["probs"]
        ours_s = _median(lambda: compiled.run({"image": image}), repeat)
    theirs_s = _median(lambda: session.run(None, {"image": image}), repeat)
    print(f"latency, batch {batch}: {what} {ours_s * 1e3:.3f} ms, "
          f"onnxruntime (1 thread) {theirs_s * 1e3:.3f} ms", file=out)  # fmt: skip
    return ours, theirs


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


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
    ap.add_argument("--interpret", action="store_true", help="the reference interpreter")
    args = ap.parse_args(argv)
    ours, theirs = run(Path(args.model), args.batch, args.seed, args.print_ir,
                       interpret=args.interpret)  # fmt: skip
    return 0 if report(ours, theirs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
