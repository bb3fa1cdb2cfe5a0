"""Static memory planning (`buffer-reuse`) on whole models: intermediate bytes before and
after, and a check that the planned program computes what the unplanned one does.

    python benchmarks/memory_planning.py            # the example CNN and ResNet-18 at 224
    python benchmarks/memory_planning.py --check    # also run both programs on the
                                                    # interpreter (small ResNet, 32x32)

Each model is imported, lowered with `nn-to-loops` (convert-nn-to-affine places a dealloc
after each buffer's last use), then planned; "unfused" rows leave out nn-fuse-elementwise,
so each elementwise op (ReLU, the residual add) is a loop nest of its own that can write
into the buffer it consumes. Figures, all for intermediate buffers (not the
weights, inputs or the returned outputs):
  separate  every buffer in its own memory (no reuse at all)
  peak      the most bytes live at once between each alloc and its dealloc: what a
            malloc/free at the right places needs, before planning
  arena     the arena buffer-reuse allocates (liveness sharing, in-place reuse, 64-byte
            alignment)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import onnx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from model_zoo import resnet_style_model  # noqa: E402

from dialir.core.passes import parse_pipeline, pass_statistics  # noqa: E402
from dialir.dialects.memref.transforms.buffer_reuse import BufferReuse  # noqa: E402
from dialir.execution.interpreter import run_function  # noqa: E402
from dialir.frontends.onnx import import_model  # noqa: E402


def static_batch(model: onnx.ModelProto, batch: int = 1) -> onnx.ModelProto:
    """The model with its symbolic batch dimension fixed."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    for value in (*model.graph.input, *model.graph.output):
        dim = value.type.tensor_type.shape.dim[0]
        if dim.dim_param:
            dim.dim_value = batch
    return model


UNFUSED = (
    "builtin.module(func.func(nn-shape-inference, canonicalize, nn-fold-batchnorm, canonicalize),"
    " convert-nn-to-affine, canonicalize)"
)


def lower(model: onnx.ModelProto, fuse: bool = True):
    """nn-to-loops, or the same without nn-fuse-elementwise (each elementwise op its own loop
    nest, where in-place reuse applies)."""
    module = import_model(model)
    parse_pipeline("builtin.module(nn-to-loops)" if fuse else UNFUSED).run(module)
    return module


def plan(module) -> dict[str, int]:
    """Run buffer-reuse on every function; its statistics."""
    p = BufferReuse()
    for op in module.regions[0].blocks[0].ops:
        if op.name == "func.func":
            p.run(op)
    return pass_statistics(p)


def figures(name: str, model: onnx.ModelProto, check_input: np.ndarray | None,
            fuse: bool = True) -> dict:  # fmt: skip
    module = lower(model, fuse)
    reference = None
    if check_input is not None:
        reference = run_function(module, "main", [check_input])
    start = time.perf_counter()
    stats = plan(module)
    elapsed = time.perf_counter() - start
    row = {
        "model": name,
        "buffers": stats["num-buffers"],
        "in-place": stats["num-in-place"],
        "separate": stats["bytes-before"],
        "peak": stats["peak-bytes-before"],
        "arena": stats["bytes-after"],
        "plan-s": elapsed,
    }
    if reference is not None:
        got = run_function(module, "main", [check_input])
        row["max-diff"] = max(
            float(np.max(np.abs(np.asarray(a) - np.asarray(b)))) for a, b in zip(reference, got)
        )
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare on the interpreter")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    cnn = static_batch(onnx.load(ROOT / "examples" / "cnn.onnx"))
    small = resnet_style_model(32, widths=(8, 16, 16, 32), num_classes=10)
    resnet = resnet_style_model(224)
    runs = [
        ("example CNN (batch 1)", cnn, (1, 3, 32, 32), True),
        ("example CNN, unfused", cnn, (1, 3, 32, 32), False),
        ("ResNet-18 style, 224x224 (batch 1)", resnet, None, True),
        ("ResNet-18 style, 224x224, unfused", resnet, None, False),
        ("ResNet style, widths 8-32, 32x32", small, (1, 3, 32, 32), True),
        ("ResNet style, widths 8-32, unfused", small, (1, 3, 32, 32), False),
    ]
    print(f"{'model':38} {'bufs':>5} {'inpl':>5} {'separate':>11} {'peak':>11} {'arena':>11}"
          f" {'plan s':>7} {'max diff':>9}")  # fmt: skip
    for name, model, shape, fuse in runs:
        x = rng.standard_normal(shape).astype(np.float32) if args.check and shape else None
        r = figures(name, model, x, fuse)
        diff = f"{r['max-diff']:.1e}" if "max-diff" in r else "-"
        print(f"{r['model']:38} {r['buffers']:5} {r['in-place']:5} {r['separate']:11,}"
              f" {r['peak']:11,} {r['arena']:11,} {r['plan-s']:7.2f} {diff:>9}")  # fmt: skip


if __name__ == "__main__":
    main()
