"""Whole-model latency: dialir's native code against onnxruntime and dialir's interpreter.

    python benchmarks/models.py                      # both models, the table on stdout
    python benchmarks/models.py --models cnn --repeat 50

Models: the bundled example CNN (`examples/cnn.onnx`, batch 1, 3x32x32) and a ResNet-18-style
network at 224x224 (`benchmarks/model_zoo.py`, built with onnx.helper, seeded weights). For
each: the compile time of `dialir.compile_onnx` (import, `onnx-to-llvm`, LLVM at -O3, no
cache), then the median latency of dialir's native code, onnxruntime on one thread
(`intra_op_num_threads=1`, all graph optimisations) and dialir's reference interpreter (numpy,
op by op), runs interleaved, and the largest difference from onnxruntime's outputs.

`--scalar` adds dialir's native code without the convolution micro-kernel (`onnx-to-llvm`
with `vector-width=0`: the scalar row kernels LLVM vectorises), timed in the same runs. The
load average is printed before and after (the machine may be shared).

The interpreter computes with numpy: OpenBLAS's speed depends on `OPENBLAS_CORETYPE` (this
script prints its value; run it once with the variable unset to compare).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from model_zoo import resnet_style_model  # noqa: E402 (this folder is not a package)


def example_cnn():
    import onnx

    return onnx.load(str(HERE.parent / "examples" / "cnn.onnx"))


MODELS = {
    "cnn": ("example CNN (examples/cnn.onnx), 1x3x32x32", example_cnn, (1, 3, 32, 32)),
    "resnet": ("ResNet-18-style, 1x3x224x224", lambda: resnet_style_model(224, 0),
               (1, 3, 224, 224)),
}  # fmt: skip


def _median_ms(times: list[float]) -> float:
    return 1e3 * statistics.median(times)


def bench(key: str, repeat: int, interpreter_repeat: int, scalar: bool = False) -> dict:
    import onnxruntime as ort

    import dialir
    from dialir.conversions.onnx_to_llvm import onnx_to_llvm_pipeline
    from dialir.frontends.onnx import backend

    title, build, shape = MODELS[key]
    model = build()
    name = model.graph.input[0].name
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)

    start = time.perf_counter()
    compiled = dialir.compile_onnx(model, cache=False)
    compile_s = time.perf_counter() - start
    phases = compiled.engine.timings

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options,
                                   providers=["CPUExecutionProvider"])  # fmt: skip
    interpreter = backend.prepare(model, native=False)

    def native() -> np.ndarray:
        return next(iter(compiled.run({name: x}).values()))

    def onnxruntime() -> np.ndarray:
        return session.run(None, {name: x})[0]

    def interpret() -> np.ndarray:
        return interpreter.run([x])[0]

    runners = {"native": native, "onnxruntime": onnxruntime, "interpreter": interpret}
    if scalar:
        rows = dialir.compile_onnx(model, pipeline=onnx_to_llvm_pipeline(), cache=False)
        runners["scalar"] = lambda: next(iter(rows.run({name: x}).values()))
    reference = onnxruntime()
    diff = {k: float(np.abs(f() - reference).max()) for k, f in runners.items()}  # warm-up
    times: dict[str, list[float]] = {k: [] for k in runners}
    for i in range(repeat):  # interleaved: the machine's noise hits every runner alike
        for k, f in runners.items():
            if k == "interpreter" and i >= interpreter_repeat:
                continue
            t = time.perf_counter()
            f()
            times[k].append(time.perf_counter() - t)
    return {
        "title": title, "compile_s": compile_s, "lower_s": phases.extra.get("lower", 0.0),
        "llvm_s": phases.optimize + phases.codegen,
        "diff": max(d for k, d in diff.items() if k != "onnxruntime"),
        **{k: _median_ms(v) for k, v in times.items()}, "runs": {k: len(v) for k, v in times.items()},
    }  # fmt: skip


def table(rows: list[dict]) -> str:
    out = [
        "| model | dialir native (ms) | onnxruntime 1 thread (ms) | interpreter (ms) | "
        "native / onnxruntime | interpreter / native | compile (s) | max abs diff |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    if any("scalar" in r for r in rows):
        out[0] += " scalar kernels (ms) | scalar / onnxruntime |"
        out[1] += "---:|---:|"
    for r in rows:
        extra = ""
        if "scalar" in r:
            extra = f" {r['scalar']:.3f} | {r['scalar'] / r['onnxruntime']:.2f}x |"
        out.append(
            f"| {r['title']} | {r['native']:.3f} | {r['onnxruntime']:.3f} | "
            f"{r['interpreter']:.3f} | {r['native'] / r['onnxruntime']:.2f}x | "
            f"{r['interpreter'] / r['native']:.2f}x | {r['compile_s']:.1f} "
            f"(lower {r['lower_s']:.1f}, LLVM {r['llvm_s']:.1f}) | {r['diff']:.1e} |" + extra
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default="cnn,resnet", help="comma separated: cnn, resnet")
    ap.add_argument("--repeat", type=int, default=20, help="timed runs per runner")
    ap.add_argument("--interpreter-repeat", type=int, default=5,
                    help="timed interpreter runs (it is slow on big models)")  # fmt: skip
    ap.add_argument("--scalar", action="store_true",
                    help="also time native code without the convolution micro-kernel")  # fmt: skip
    args = ap.parse_args(argv)
    keys = [k.strip() for k in args.models.split(",") if k.strip()]
    unknown = [k for k in keys if k not in MODELS]
    if unknown:
        ap.error(f"unknown model(s) {unknown}; choose from {sorted(MODELS)}")
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}, "
          f"repeat {args.repeat} (interpreter {args.interpreter_repeat})", flush=True)  # fmt: skip
    print("load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()), flush=True)
    rows = []
    for k in keys:
        rows.append(bench(k, args.repeat, args.interpreter_repeat, args.scalar))
        print(f"{k}: done ({rows[-1]['runs']})", file=sys.stderr, flush=True)
    print("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
