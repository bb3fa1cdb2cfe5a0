"""Single convolutions: dialir's native kernels against onnxruntime, in GFLOP/s.

    python benchmarks/conv_kernels.py                 # ResNet-18's convolution shapes
    python benchmarks/conv_kernels.py --shapes 256,256,14,3,1 --repeat 50

Each shape (C in, M out, H = W, kernel, stride; padding kernel // 2; bias and a fused ReLU)
is one ONNX Conv, compiled by `dialir.compile_onnx` twice — with the host's vector width
(the register-blocked micro-kernel over output channels, where `convert-nn-to-affine` picks
it) and with `vector-width=0` (the scalar row kernels LLVM vectorises) — and run interleaved
with onnxruntime on one thread. Medians (and the best run, steadier on a shared machine) of
the timed runs; the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import numpy as np

# ResNet-18 at 224x224: (C, M, H, kernel, stride) and how often the network has it.
RESNET18 = [
    (3, 64, 224, 7, 2, 1), (64, 64, 56, 3, 1, 4), (64, 128, 56, 3, 2, 1),
    (128, 128, 28, 3, 1, 3), (64, 128, 56, 1, 2, 1), (128, 256, 28, 3, 2, 1),
    (256, 256, 14, 3, 1, 3), (128, 256, 28, 1, 2, 1), (256, 512, 14, 3, 2, 1),
    (512, 512, 7, 3, 1, 3), (256, 512, 14, 1, 2, 1),
]  # fmt: skip


def conv_model(c: int, m: int, h: int, k: int, stride: int, seed: int = 0):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(seed)
    w = (rng.standard_normal((m, c, k, k)) * np.sqrt(2.0 / (c * k * k))).astype(np.float32)
    b = rng.standard_normal(m).astype(np.float32)
    nodes = [
        helper.make_node("Conv", ["x", "w", "b"], ["y"], kernel_shape=[k, k],
                         strides=[stride] * 2, pads=[k // 2] * 4),
        helper.make_node("Relu", ["y"], ["z"]),
    ]  # fmt: skip
    graph = helper.make_graph(
        nodes, "conv", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, c, h, h])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, None)],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")],
    )  # fmt: skip
    return onnx.shape_inference.infer_shapes(
        helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    )


def bench(shape: tuple, repeat: int) -> dict:
    import onnxruntime as ort

    import dialir
    from dialir.conversions.onnx_to_llvm import onnx_to_llvm_pipeline

    c, m, h, k, stride = shape[:5]
    model = conv_model(c, m, h, k, stride)
    x = np.random.default_rng(1).standard_normal((1, c, h, h)).astype(np.float32)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options,
                                   providers=["CPUExecutionProvider"])  # fmt: skip
    micro = dialir.compile_onnx(model, cache=False)
    rows = dialir.compile_onnx(model, pipeline=onnx_to_llvm_pipeline(), cache=False)
    runners = {
        "micro-kernel": lambda: micro.call(x)[0],
        "row kernels": lambda: rows.call(x)[0],
        "onnxruntime": lambda: session.run(None, {"x": x})[0],
    }
    reference = runners["onnxruntime"]()
    diff = max(float(np.abs(f() - reference).max()) for f in runners.values())
    times: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(repeat):  # interleaved: the machine's noise hits every runner alike
        for name, f in runners.items():
            t = time.perf_counter()
            f()
            times[name].append(time.perf_counter() - t)
    oh = (h + 2 * (k // 2) - k) // stride + 1
    flop = 2 * m * c * k * k * oh * oh
    return {
        "shape": shape, "flop": flop, "diff": diff,
        "median": {n: statistics.median(v) for n, v in times.items()},
        "best": {n: min(v) for n, v in times.items()},
    }  # fmt: skip


def table(results: list[dict]) -> str:
    names = list(results[0]["median"])
    out = [
        "| C -> M, H, kernel / stride | "
        + " | ".join(f"{n} GFLOP/s (median / best)" for n in names)
        + " | micro-kernel / onnxruntime (median) | max abs diff |",
        "|---|" + "---:|" * (len(names) + 2),
    ]
    for r in results:
        c, m, h, k, stride = r["shape"][:5]
        cells = [f"{r['flop'] / r['median'][n] / 1e9:.0f} / {r['flop'] / r['best'][n] / 1e9:.0f}"
                 for n in names]  # fmt: skip
        ratio = r["median"]["micro-kernel"] / r["median"]["onnxruntime"]
        out.append(f"| {c} -> {m}, {h}, {k}x{k} / {stride} | " + " | ".join(cells)
                   + f" | {ratio:.2f}x | {r['diff']:.1e} |")  # fmt: skip
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shapes", nargs="*", help="C,M,H,kernel,stride each (default: ResNet-18's)")
    ap.add_argument("--repeat", type=int, default=30, help="timed runs per runner")
    args = ap.parse_args(argv)
    shapes = [tuple(int(v) for v in s.split(",")) for s in args.shapes] if args.shapes else RESNET18
    if any(len(s) < 5 for s in shapes):
        ap.error("a shape is C,M,H,kernel,stride")
    print("load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()), flush=True)
    results = []
    for s in shapes:
        results.append(bench(s, args.repeat))
        print(f"{s}: done", file=sys.stderr, flush=True)
    print("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    print(table(results))
    if shapes is RESNET18:  # the network's convolutions, each as often as it has it
        total = {n: sum(r["median"][n] * r["shape"][5] for r in results)
                 for n in results[0]["median"]}  # fmt: skip
        print("ResNet-18's convolutions, sum of medians: "
              + ", ".join(f"{n} {1e3 * t:.1f} ms" for n, t in total.items()))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
