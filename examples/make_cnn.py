"""Build the bundled example model, `examples/cnn.onnx`: a small image classifier.

    python examples/make_cnn.py [-o examples/cnn.onnx]

conv(3->8, 3x3, SAME) -> batchnorm -> relu -> maxpool 2x2 -> conv(8->16, 3x3, pads 1) -> relu
-> global average pool -> flatten -> gemm(16->10) -> softmax, on `image: N x 3 x 32 x 32`
(the batch size `N` is symbolic) giving `probs: N x 10`. Weights are seeded random numbers, so
the file is the same byte for byte on every run (the test suite checks the committed copy).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "cnn.onnx"
SEED = 2024


def build() -> onnx.ModelProto:
    rng = np.random.default_rng(SEED)

    def he(name: str, *shape: int) -> onnx.TensorProto:
        fan_in = int(np.prod(shape[1:]))
        w = rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
        return numpy_helper.from_array(w.astype(np.float32), name)

    def vec(name: str, values: np.ndarray) -> onnx.TensorProto:
        return numpy_helper.from_array(values.astype(np.float32), name)

    initializers = [
        he("conv1.weight", 8, 3, 3, 3),
        vec("conv1.bias", 0.1 * rng.standard_normal(8)),
        vec("bn1.scale", 1.0 + 0.1 * rng.standard_normal(8)),
        vec("bn1.bias", 0.1 * rng.standard_normal(8)),
        vec("bn1.mean", 0.1 * rng.standard_normal(8)),
        vec("bn1.var", rng.uniform(0.5, 1.5, 8)),
        he("conv2.weight", 16, 8, 3, 3),
        vec("conv2.bias", 0.1 * rng.standard_normal(16)),
        he("fc.weight", 10, 16),
        vec("fc.bias", 0.1 * rng.standard_normal(10)),
    ]
    nodes = [
        helper.make_node(
            "Conv", ["image", "conv1.weight", "conv1.bias"], ["conv1"], name="conv1",
            kernel_shape=[3, 3], auto_pad="SAME_UPPER",
        ),
        helper.make_node(
            "BatchNormalization",
            ["conv1", "bn1.scale", "bn1.bias", "bn1.mean", "bn1.var"], ["bn1"], name="bn1",
            epsilon=1e-5,
        ),
        helper.make_node("Relu", ["bn1"], ["relu1"], name="relu1"),
        helper.make_node(
            "MaxPool", ["relu1"], ["pool1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]
        ),
        helper.make_node(
            "Conv", ["pool1", "conv2.weight", "conv2.bias"], ["conv2"], name="conv2",
            kernel_shape=[3, 3], pads=[1, 1, 1, 1],
        ),
        helper.make_node("Relu", ["conv2"], ["relu2"], name="relu2"),
        helper.make_node("GlobalAveragePool", ["relu2"], ["gap"], name="gap"),
        helper.make_node("Flatten", ["gap"], ["flat"], name="flatten"),
        helper.make_node(
            "Gemm", ["flat", "fc.weight", "fc.bias"], ["logits"], name="fc", transB=1
        ),
        helper.make_node("Softmax", ["logits"], ["probs"], name="softmax", axis=1),
    ]  # fmt: skip
    graph = helper.make_graph(
        nodes,
        "cnn",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, 32, 32])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["N", 10])],
        initializers,
    )
    # A fixed IR version keeps the bytes stable across onnx releases (and loadable by
    # older onnxruntimes).
    return helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 13)],
        ir_version=8,
        producer_name="dialir-examples",
        producer_version="1",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", dest="output", default=str(DEFAULT_OUTPUT), help="the .onnx to write")
    args = ap.parse_args(argv)
    model = build()
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, args.output)
    print(f"wrote {args.output} ({Path(args.output).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
