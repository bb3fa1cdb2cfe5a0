"""Models built in the repository with onnx.helper, for benchmarks and tests that need more
than the bundled example CNN.

    resnet_style_model(image_size=224, seed=0)   ResNet-18's shape: a 7x7 stride-2 stem with
        batch norm, ReLU and a 3x3 stride-2 max pool, four stages of two basic blocks
        (conv3x3-BN-ReLU-conv3x3-BN, plus the identity or a 1x1 stride-2 projection, added,
        ReLU), global average pool, flatten, a fully connected layer and softmax.

Weights are seeded random numbers (He initialisation), so a model is the same for the same
arguments. `widths`, `blocks` and `num_classes` shrink it for the interpreter.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

RESNET18_WIDTHS = (64, 128, 256, 512)
RESNET18_BLOCKS = (2, 2, 2, 2)


class _Builder:
    """Accumulates nodes and initializers; each method returns its output's name."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.count = 0

    def _name(self, kind: str) -> str:
        self.count += 1
        return f"{kind}{self.count}"

    def _const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(value.astype(np.float32), name))
        return name

    def node(self, op: str, inputs: list[str], **attrs) -> str:
        out = self._name(op.lower())
        self.nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def conv(self, x: str, cin: int, cout: int, k: int, stride: int) -> str:
        name = self._name("conv")
        w = self.rng.standard_normal((cout, cin, k, k)) * np.sqrt(2.0 / (cin * k * k))
        b = np.zeros(cout)
        inputs = [x, self._const(f"{name}.weight", w), self._const(f"{name}.bias", b)]
        pad = k // 2
        return self.node("Conv", inputs, kernel_shape=[k, k], strides=[stride, stride],
                         pads=[pad] * 4)  # fmt: skip

    def bn(self, x: str, c: int) -> str:
        name = self._name("bn")
        params = [
            1.0 + 0.1 * self.rng.standard_normal(c),
            0.1 * self.rng.standard_normal(c),
            0.1 * self.rng.standard_normal(c),
            self.rng.uniform(0.5, 1.5, c),
        ]
        names = [
            self._const(f"{name}.{p}", v) for p, v in zip(("scale", "bias", "mean", "var"), params)
        ]
        return self.node("BatchNormalization", [x, *names], epsilon=1e-5)

    def basic_block(self, x: str, cin: int, cout: int, stride: int) -> str:
        # The projection comes first: nn-fuse-elementwise makes the residual add the epilogue
        # of the second conv, which needs the other addend computed before that conv.
        shortcut = x
        if stride != 1 or cin != cout:
            shortcut = self.bn(self.conv(x, cin, cout, 1, stride), cout)
        y = self.node("Relu", [self.bn(self.conv(x, cin, cout, 3, stride), cout)])
        y = self.bn(self.conv(y, cout, cout, 3, 1), cout)
        return self.node("Relu", [self.node("Add", [y, shortcut])])


def resnet_style_model(image_size: int = 224, seed: int = 0, *, batch: int | str = 1,
                       widths: Sequence[int] = RESNET18_WIDTHS,
                       blocks: Sequence[int] = RESNET18_BLOCKS,
                       num_classes: int = 1000) -> onnx.ModelProto:  # fmt: skip
    """A ResNet-style classifier on `image: batch x 3 x image_size x image_size` giving
    `probs: batch x num_classes` (see the module doc); `batch` may be a symbolic name."""
    b = _Builder(seed)
    x = b.node("Relu", [b.bn(b.conv("image", 3, widths[0], 7, 2), widths[0])])
    x = b.node("MaxPool", [x], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    cin = widths[0]
    for stage, (cout, n) in enumerate(zip(widths, blocks)):
        for i in range(n):
            stride = 2 if stage > 0 and i == 0 else 1
            x = b.basic_block(x, cin, cout, stride)
            cin = cout
    x = b.node("Flatten", [b.node("GlobalAveragePool", [x])], axis=1)
    w = b.rng.standard_normal((num_classes, cin)) * np.sqrt(1.0 / cin)
    fc = [b._const("fc.weight", w), b._const("fc.bias", np.zeros(num_classes))]
    logits = b.node("Gemm", [x, *fc], transB=1)
    b.nodes.append(helper.make_node("Softmax", [logits], ["probs"], name="softmax", axis=1))
    graph = helper.make_graph(
        b.nodes,
        "resnet_style",
        [
            helper.make_tensor_value_info(
                "image", TensorProto.FLOAT, [batch, 3, image_size, image_size]
            )
        ],  # fmt: skip
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [batch, num_classes])],
        b.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model
