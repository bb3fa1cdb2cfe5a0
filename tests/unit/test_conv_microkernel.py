"""The conv2d micro-kernel of convert-nn-to-affine (`vector-width`): weights packed at compile
time into [OC/V][C][KH][KW][V], a tile of output pixels x output-channel vectors held in
registers over the C*KH*KW reduction. Native results against onnxruntime on odd channel
counts, strides, asymmetric padding, dilation, batches, bias and fused epilogues (ReLU, the
residual add); groups and few output channels on wide rows keep the other kernels. The
packed layout, the tile choice, the interpreter on the vector ops, and the generated code
(FMAs on 512-bit vectors, no spills) are checked too; and max pooling's row kernel."""

from __future__ import annotations

import re

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

import dialir
from dialir.conversions.nn_to_affine.linalg import microkernel_tile, pack_weights
from dialir.conversions.onnx_to_llvm import onnx_to_llvm_pipeline
from dialir.core.passes import PassManager
from dialir.execution.interpreter import run_function
from dialir.frontends.onnx.importer import import_model
from dialir.target import machine

ort = pytest.importorskip("onnxruntime")


def conv_model(c: int, m: int, h: int, w: int, k: tuple, strides=(1, 1), pads=(0, 0, 0, 0),
               dilations=(1, 1), group: int = 1, bias: bool = True, epilogue: str = "relu",
               batch: int | str = 1, seed: int = 0) -> onnx.ModelProto:  # fmt: skip
    rng = np.random.default_rng(seed)
    weight = rng.standard_normal((m, c // group, *k)).astype(np.float32)
    inits = [numpy_helper.from_array(weight, "w")]
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, c, h, w])]
    names = ["x", "w"]
    if bias:
        inits.append(numpy_helper.from_array(rng.standard_normal(m).astype(np.float32), "b"))
        names.append("b")
    nodes = [helper.make_node("Conv", names, ["y"], kernel_shape=list(k), strides=list(strides),
                              pads=list(pads), dilations=list(dilations), group=group)]  # fmt: skip
    out = "y"
    if epilogue in ("relu", "residual"):
        if epilogue == "residual":  # conv + shortcut, then ReLU: both fused as the epilogue
            oh = (h + pads[0] + pads[2] - dilations[0] * (k[0] - 1) - 1) // strides[0] + 1
            ow = (w + pads[1] + pads[3] - dilations[1] * (k[1] - 1) - 1) // strides[1] + 1
            inputs.append(helper.make_tensor_value_info("s", TensorProto.FLOAT,
                                                        [batch, m, oh, ow]))  # fmt: skip
            nodes.append(helper.make_node("Add", ["y", "s"], ["a"]))
            out = "a"
        nodes.append(helper.make_node("Relu", [out], ["z"]))
        out = "z"
    graph = helper.make_graph(nodes, "g", inputs,
                              [helper.make_tensor_value_info(out, TensorProto.FLOAT, None)],
                              inits)  # fmt: skip
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def _feeds(model: onnx.ModelProto, batch: int, seed: int) -> dict:
    rng = np.random.default_rng(seed + 1)
    feeds = {}
    for i in model.graph.input:
        dims = [d.dim_value or batch for d in i.type.tensor_type.shape.dim]
        feeds[i.name] = rng.standard_normal(dims).astype(np.float32)
    return feeds


def _onnxruntime(model: onnx.ModelProto, feeds: dict) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, feeds)[0]


# (C, M, H, W, kernel, strides, pads, dilations, extra): channel counts that are no multiple
# of 16 (one partial vector, several blocks with a partial last one), rows shorter and longer
# than a tile (remainder tiles), strides, asymmetric padding, dilation, kernels 1x1 to 7x7.
CASES = [
    (3, 20, 9, 11, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), {}),
    (5, 33, 8, 13, (3, 3), (2, 2), (1, 0, 2, 1), (1, 1), {}),
    (7, 17, 10, 9, (3, 3), (1, 1), (2, 2, 2, 2), (2, 2), {}),
    (16, 48, 7, 7, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), {"epilogue": "residual"}),
    (9, 64, 14, 14, (1, 1), (2, 2), (0, 0, 0, 0), (1, 1), {"bias": False}),
    (3, 16, 19, 19, (7, 7), (2, 2), (3, 3, 3, 3), (1, 1), {"epilogue": "none"}),
    (4, 12, 10, 30, (5, 3), (1, 2), (2, 1, 0, 1), (2, 1), {}),
    (6, 24, 5, 5, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), {"batch": 3}),
    (8, 32, 6, 6, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), {"batch": "N"}),
    (130, 64, 4, 4, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), {}),
]


@pytest.mark.parametrize("width", [16, 8])
@pytest.mark.parametrize("case", CASES, ids=[f"conv{i}" for i in range(len(CASES))])
def test_microkernel_matches_onnxruntime(case, width, tmp_path) -> None:
    c, m, h, w, k, strides, pads, dilations, extra = case
    model = conv_model(c, m, h, w, k, strides, pads, dilations, **extra)
    feeds = _feeds(model, 2, c + m)
    expected = _onnxruntime(model, feeds)
    pipeline = onnx_to_llvm_pipeline(vector_width=width)
    got = dialir.compile_onnx(model, pipeline=pipeline, cache=str(tmp_path)).run(feeds)
    np.testing.assert_allclose(next(iter(got.values())), expected, rtol=1e-4, atol=1e-4)


def _lowered(model: onnx.ModelProto, width: int):
    module = import_model(model)
    PassManager.parse(
        f"builtin.module(func.func(nn-shape-inference), convert-nn-to-affine{{vector-width={width}}})"
    ).run(module)
    return module


def _uses_microkernel(model: onnx.ModelProto, width: int = 16) -> bool:
    return any(op.name == "affine.vector_load" for op in _lowered(model, width).walk())


def test_kernel_choice_by_shape() -> None:
    # many channels on any row, and few channels on short rows: the micro-kernel
    assert _uses_microkernel(conv_model(8, 64, 56, 56, (3, 3), pads=(1, 1, 1, 1)))
    assert _uses_microkernel(conv_model(8, 8, 7, 7, (3, 3), pads=(1, 1, 1, 1)))
    # few output channels (most lanes idle) on wide rows: the row kernel
    assert not _uses_microkernel(conv_model(8, 4, 32, 32, (3, 3), pads=(1, 1, 1, 1)))
    # groups, depthwise, weights not constant, and no vector width: not the micro-kernel
    assert not _uses_microkernel(conv_model(32, 32, 8, 8, (3, 3), group=2))
    assert not _uses_microkernel(conv_model(32, 32, 8, 8, (3, 3), group=32))
    assert not _uses_microkernel(conv_model(8, 64, 8, 8, (3, 3)), width=0)
    dynamic_weight = conv_model(8, 64, 8, 8, (3, 3))
    dynamic_weight.graph.input.append(helper.make_tensor_value_info("w", TensorProto.FLOAT,
                                                                   [64, 8, 3, 3]))  # fmt: skip
    del dynamic_weight.graph.initializer[0]
    assert not _uses_microkernel(dynamic_weight)


@pytest.mark.parametrize("group", [2, 32])
def test_groups_and_depthwise_keep_their_kernels(group, tmp_path) -> None:
    model = conv_model(32, 32, 9, 9, (3, 3), pads=(1, 1, 1, 1), group=group)
    feeds = _feeds(model, 1, group)
    got = dialir.compile_onnx(model, pipeline=onnx_to_llvm_pipeline(vector_width=16),
                              cache=str(tmp_path)).run(feeds)["z"]  # fmt: skip
    np.testing.assert_allclose(got, _onnxruntime(model, feeds), rtol=1e-4, atol=1e-4)


def test_packed_layout() -> None:
    w = np.arange(20 * 3 * 2 * 2, dtype=np.float32).reshape(20, 3, 2, 2)
    p = pack_weights(w, 16)
    assert p.shape == (2, 3, 2, 2, 16)
    assert p[1, 2, 1, 0, 3] == w[19, 2, 1, 0]
    assert p[0, 1, 0, 1, 15] == w[15, 1, 0, 1]
    assert not p[1, :, :, :, 4:].any()  # lanes past M are zero


def test_tile_choice() -> None:
    # (NV vectors of 16 channels, T pixels): a divisor of the row where one is large enough
    assert microkernel_tile(64, 64, 9, 56, 16) == (4, 4)
    assert microkernel_tile(512, 512, 9, 7, 16) == (2, 7)  # NV=4 would not stay in L2
    assert microkernel_tile(512, 256, 1, 7, 16) == (4, 4)  # 4 + a remainder tile of 3
    assert microkernel_tile(20, 3, 9, 13, 16) == (2, 7)  # two vectors, a prime row
    nv, t = microkernel_tile(48, 3, 9, 112, 16)
    assert nv == 1 and t * nv <= 24


def test_interpreter_runs_the_microkernel() -> None:
    model = conv_model(5, 20, 6, 7, (3, 3), (1, 1), (1, 1, 1, 1))
    feeds = _feeds(model, 1, 3)
    module = import_model(model)
    PassManager.parse(
        "builtin.module(func.func(nn-shape-inference, canonicalize, nn-fuse-elementwise), "
        "convert-nn-to-affine{vector-width=16})"
    ).run(module)
    assert any(op.name == "affine.vector_load" for op in module.walk())
    (got,) = run_function(module, "main", [feeds["x"]])
    np.testing.assert_allclose(got, _onnxruntime(model, feeds), rtol=1e-4, atol=1e-4)


def _host_has_avx512() -> bool:
    return machine.f32_lanes(machine.TargetOptions.host()) == 16


@pytest.mark.skipif(not _host_has_avx512(), reason="the host has no AVX-512")
def test_inner_loop_is_fma_on_zmm_without_spills(tmp_path) -> None:
    model = conv_model(256, 256, 14, 14, (3, 3), pads=(1, 1, 1, 1))
    compiled = dialir.compile_onnx(model, pipeline=onnx_to_llvm_pipeline(vector_width=16),
                                   cache=str(tmp_path))  # fmt: skip
    options = compiled.engine.options
    tm = machine.target_machine(options, jit=True)
    asm = machine.emit_assembly(machine.compile_llvmir(compiled.engine.llvm_ir, options, tm=tm),
                                tm)  # fmt: skip
    fmas = re.findall(r"vfmadd\d+ps\s+[^\n]*%zmm", asm)
    assert len(fmas) >= 2 * 7 * 3  # NV=2 vectors x T=7 pixels, the kernel row unrolled
    assert "Spill" not in asm and "Reload" not in asm


# Max pooling a row at a time (interior columns vectorised along the row, border columns per
# element): (C, H, W, kernel, strides, pads, dilations, ceil_mode) against onnxruntime.
POOLS = [
    (4, 112, 112, (3, 3), (2, 2), (1, 1, 1, 1), (1, 1), 0),
    (3, 9, 13, (2, 3), (1, 2), (0, 1, 1, 0), (1, 1), 0),
    (2, 11, 10, (3, 3), (2, 2), (1, 1, 1, 1), (2, 2), 1),
    (5, 5, 5, (2, 2), (2, 2), (0, 0, 0, 0), (1, 1), 1),
    (1, 4, 3, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), 0),  # every column a border column
]


@pytest.mark.parametrize("pool", POOLS, ids=[f"pool{i}" for i in range(len(POOLS))])
def test_native_max_pool_matches_onnxruntime(pool, tmp_path) -> None:
    c, h, w, k, strides, pads, dilations, ceil = pool
    node = helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=list(k), strides=list(strides),
                            pads=list(pads), dilations=list(dilations), ceil_mode=ceil)  # fmt: skip
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, c, h, w])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)])
    feeds = _feeds(model, 2, c + h)
    got = dialir.compile_onnx(model, cache=str(tmp_path)).run(feeds)["y"]
    np.testing.assert_array_equal(got, _onnxruntime(model, feeds))
