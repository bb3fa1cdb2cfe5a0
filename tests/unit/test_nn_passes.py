"""nn graph passes checked numerically: each pass's output computes what its input did
(the reference interpreter on random data), and the rewrites happen."""

from __future__ import annotations

import numpy as np
import pytest

from dialir.core.ir.verifier import verify
from dialir.core.passes import parse_pipeline
from dialir.execution.interpreter import run_function
from dialir.parser.parser import parse

RNG = np.random.default_rng(0)


def _compare(text: str, pipeline: str, inputs: list[np.ndarray], rtol=1e-5, atol=1e-5) -> str:
    """Run @f before and after `pipeline` on `inputs`; assert the results agree; return the
    transformed IR as text."""
    before = run_function(parse(text), "f", inputs)
    module = parse(text)
    parse_pipeline(pipeline).run(module)
    verify(module)
    after = run_function(module, "f", inputs)
    assert len(before) == len(after)
    for x, y in zip(before, after):
        assert x.shape == y.shape and x.dtype == y.dtype
        np.testing.assert_allclose(y, x, rtol=rtol, atol=atol)
    return str(module)


def _dense(arr: np.ndarray) -> str:
    return (
        "dense<" + np.array2string(arr, separator=", ", threshold=1 << 30).replace("\n", "") + ">"
    )


BN = "builtin.module(func.func(nn-fold-batchnorm))"
FUSE = "builtin.module(func.func(nn-fuse-elementwise))"


@pytest.mark.parametrize("with_bias", [False, True])
def test_fold_batchnorm_into_conv_matches(with_bias: bool) -> None:
    w = RNG.standard_normal((4, 3, 3, 3)).astype(np.float32)
    cb = RNG.standard_normal(4).astype(np.float32)
    scale, shift, mean = (RNG.standard_normal(4).astype(np.float32) for _ in range(3))
    var = RNG.uniform(0.5, 2.0, 4).astype(np.float32)
    bias = f", {_dense(cb)}" if with_bias else ""
    bias_val = ", %cb" if with_bias else ""
    bias_ty = ", tensor<4xf32>" if with_bias else ""
    text = f"""
    func.func @f(%x: tensor<2x3x7x7xf32>) -> tensor<2x4x4x4xf32> {{
      %w = nn.constant {_dense(w)} : tensor<4x3x3x3xf32>
      %cb = nn.constant {_dense(cb) if with_bias else "dense<0.0>"} : tensor<4xf32>
      %s = nn.constant {_dense(scale)} : tensor<4xf32>
      %b = nn.constant {_dense(shift)} : tensor<4xf32>
      %m = nn.constant {_dense(mean)} : tensor<4xf32>
      %v = nn.constant {_dense(var)} : tensor<4xf32>
      %0 = nn.conv2d %x, %w{bias_val} {{strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}}
        : (tensor<2x3x7x7xf32>, tensor<4x3x3x3xf32>{bias_ty}) -> tensor<2x4x4x4xf32>
      %1 = nn.batch_norm %0, %s, %b, %m, %v {{epsilon = 1.0e-3 : f32}} : (tensor<2x4x4x4xf32>,
        tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x4x4xf32>
      return %1 : tensor<2x4x4x4xf32>
    }}"""
    del bias
    x = RNG.standard_normal((2, 3, 7, 7)).astype(np.float32)
    out = _compare(text, BN, [x], rtol=1e-4, atol=1e-4)
    assert "nn.batch_norm" not in out and out.count("nn.conv2d") == 1


@pytest.mark.parametrize("form", ["gemm_trans_b", "gemm_c", "matmul", "matmul_add"])
def test_fold_batchnorm_into_gemm_matches(form: str) -> None:
    a = RNG.standard_normal((5, 6)).astype(np.float32)
    bmat = RNG.standard_normal((6, 4)).astype(np.float32)
    c = RNG.standard_normal(4).astype(np.float32)
    scale, shift, mean = (RNG.standard_normal(4).astype(np.float32) for _ in range(3))
    var = RNG.uniform(0.5, 2.0, 4).astype(np.float32)
    params = f"""
      %s = nn.constant {_dense(scale)} : tensor<4xf32>
      %b = nn.constant {_dense(shift)} : tensor<4xf32>
      %m = nn.constant {_dense(mean)} : tensor<4xf32>
      %v = nn.constant {_dense(var)} : tensor<4xf32>
      %c = nn.constant {_dense(c)} : tensor<4xf32>"""
    if form == "gemm_trans_b":
        body = f"""%w = nn.constant {_dense(bmat.T.copy())} : tensor<4x6xf32>
      %0 = nn.gemm %a, %w {{trans_b = true, alpha = 0.5 : f32}} : (tensor<5x6xf32>,
        tensor<4x6xf32>) -> tensor<5x4xf32>"""
    elif form == "gemm_c":
        body = f"""%w = nn.constant {_dense(bmat)} : tensor<6x4xf32>
      %0 = nn.gemm %a, %w, %c {{beta = 2.0 : f32}} : (tensor<5x6xf32>, tensor<6x4xf32>,
        tensor<4xf32>) -> tensor<5x4xf32>"""
    elif form == "matmul":
        body = f"""%w = nn.constant {_dense(bmat)} : tensor<6x4xf32>
      %0 = nn.matmul %a, %w : (tensor<5x6xf32>, tensor<6x4xf32>) -> tensor<5x4xf32>"""
    else:
        body = f"""%w = nn.constant {_dense(bmat)} : tensor<6x4xf32>
      %mm = nn.matmul %a, %w : (tensor<5x6xf32>, tensor<6x4xf32>) -> tensor<5x4xf32>
      %0 = nn.add %c, %mm : (tensor<4xf32>, tensor<5x4xf32>) -> tensor<5x4xf32>"""
    text = f"""
    func.func @f(%a: tensor<5x6xf32>) -> tensor<5x4xf32> {{{params}
      {body}
      %1 = nn.batch_norm %0, %s, %b, %m, %v : (tensor<5x4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>) -> tensor<5x4xf32>
      return %1 : tensor<5x4xf32>
    }}"""
    out = _compare(text, BN, [a], rtol=1e-4, atol=1e-4)
    assert "nn.batch_norm" not in out and "nn.matmul" not in out and out.count("nn.gemm") == 1


def test_fold_batchnorm_keeps_shared_conv() -> None:
    text = """
    func.func @f(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
      %w = nn.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
      %p = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
      %0 = nn.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
      %1 = nn.batch_norm %0, %p, %p, %p, %p : (tensor<1x2x2x2xf32>, tensor<2xf32>,
        tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
      %2 = nn.mul %0, %1 : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
      return %2 : tensor<1x2x2x2xf32>
    }"""
    out = _compare(text, BN, [RNG.standard_normal((1, 1, 2, 2)).astype(np.float32)])
    assert "nn.batch_norm" in out


_UNARY_CHAIN = """
func.func @f(%a: tensor<3x4xf32>, %b: tensor<4xf32>, %lo: tensor<f32>) -> tensor<3x4xf32> {
  %half = nn.constant dense<0.5> : tensor<f32>
  %hi = nn.constant dense<2.0> : tensor<f32>
  %0 = nn.sub %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %1 = nn.mul %0, %half : (tensor<3x4xf32>, tensor<f32>) -> tensor<3x4xf32>
  %2 = nn.leaky_relu %1 {alpha = 0.2 : f32} : tensor<3x4xf32>
  %3 = nn.gelu %2 : tensor<3x4xf32>
  %4 = nn.gelu %3 {approximate = "tanh"} : tensor<3x4xf32>
  %5 = nn.sigmoid %4 : tensor<3x4xf32>
  %6 = nn.abs %5 : tensor<3x4xf32>
  %7 = nn.sqrt %6 : tensor<3x4xf32>
  %8 = nn.exp %7 : tensor<3x4xf32>
  %9 = nn.log %8 : tensor<3x4xf32>
  %10 = nn.erf %9 : tensor<3x4xf32>
  %11 = nn.tanh %10 : tensor<3x4xf32>
  %12 = nn.neg %11 : tensor<3x4xf32>
  %13 = nn.max %12, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %14 = nn.min %13, %a : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %15 = nn.div %14, %hi : (tensor<3x4xf32>, tensor<f32>) -> tensor<3x4xf32>
  %16 = nn.pow %15, %hi : (tensor<3x4xf32>, tensor<f32>) -> tensor<3x4xf32>
  %17 = nn.clip %16 min %lo max %hi : (tensor<3x4xf32>, tensor<f32>, tensor<f32>) -> tensor<3x4xf32>
  %18 = nn.relu %17 : tensor<3x4xf32>
  %19 = nn.identity %18 : tensor<3x4xf32>
  %20 = nn.add %19, %a : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %20 : tensor<3x4xf32>
}"""


def test_fuse_elementwise_chain_matches() -> None:
    inputs = [
        RNG.standard_normal((3, 4)).astype(np.float32),
        RNG.standard_normal(4).astype(np.float32),
        np.array(-0.25, np.float32),
    ]
    out = _compare(_UNARY_CHAIN, FUSE, inputs)
    assert out.count("nn.elementwise") == 1
    body_free = out.split("{", 2)[1]
    assert "nn.relu" not in out and "nn.gelu" not in out and "nn.clip" not in out, body_free


def test_fuse_elementwise_compare_where_cast_matches() -> None:
    text = """
    func.func @f(%a: tensor<2x5xf64>, %b: tensor<5xf64>) -> tensor<2x5xf32> {
      %0 = nn.less %a, %b : (tensor<2x5xf64>, tensor<5xf64>) -> tensor<2x5xi1>
      %1 = nn.equal %a, %a : (tensor<2x5xf64>, tensor<2x5xf64>) -> tensor<2x5xi1>
      %2 = nn.where %0, %a, %b : (tensor<2x5xi1>, tensor<2x5xf64>, tensor<5xf64>) -> tensor<2x5xf64>
      %3 = nn.where %1, %2, %a : (tensor<2x5xi1>, tensor<2x5xf64>, tensor<2x5xf64>) -> tensor<2x5xf64>
      %4 = nn.cast %3 : tensor<2x5xf64> to tensor<2x5xf32>
      return %4 : tensor<2x5xf32>
    }"""
    a = RNG.standard_normal((2, 5))
    a[0, 1] = np.nan
    out = _compare(text, FUSE, [a, RNG.standard_normal(5)])
    assert out.count("nn.elementwise") == 1 and "nn.where" not in out


def test_fuse_bias_and_activation_into_conv_and_matmul_matches() -> None:
    w = RNG.standard_normal((4, 2, 3, 3)).astype(np.float32)
    cb = RNG.standard_normal((4, 1, 1)).astype(np.float32)
    text = f"""
    func.func @f(%x: tensor<1x2x5x5xf32>, %m: tensor<3x6xf32>, %k: tensor<6x2xf32>,
                 %c: tensor<3x1xf32>) -> (tensor<1x4x3x3xf32>, tensor<3x2xf32>) {{
      %w = nn.constant {_dense(w)} : tensor<4x2x3x3xf32>
      %cb = nn.constant {_dense(cb)} : tensor<4x1x1xf32>
      %0 = nn.conv2d %x, %w : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x3x3xf32>
      %1 = nn.add %cb, %0 : (tensor<4x1x1xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
      %2 = nn.relu %1 : tensor<1x4x3x3xf32>
      %3 = nn.matmul %m, %k : (tensor<3x6xf32>, tensor<6x2xf32>) -> tensor<3x2xf32>
      %4 = nn.add %3, %c : (tensor<3x2xf32>, tensor<3x1xf32>) -> tensor<3x2xf32>
      %5 = nn.tanh %4 : tensor<3x2xf32>
      %6 = nn.mul %5, %5 : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
      return %2, %6 : tensor<1x4x3x3xf32>, tensor<3x2xf32>
    }}"""
    inputs = [
        RNG.standard_normal((1, 2, 5, 5)).astype(np.float32),
        RNG.standard_normal((3, 6)).astype(np.float32),
        RNG.standard_normal((6, 2)).astype(np.float32),
        RNG.standard_normal((3, 1)).astype(np.float32),
    ]
    out = _compare(text, FUSE, inputs)
    assert "nn.add" not in out and "nn.matmul" not in out
    assert out.count("{epilogue}") == 2 and "nn.gemm %arg1, %arg2, %arg3" in out


def test_shape_inference_refines_and_keeps_results() -> None:
    text = """
    func.func @f(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
      %s = nn.constant dense<[0, -1]> : tensor<2xi64>
      %0 = nn.relu %x : tensor<2x3x4xf32>
      %1 = nn.reshape %0, %s : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
      %2 = nn.transpose %1 {perm = array<i64: 1, 0>} : (tensor<?x?xf32>) -> tensor<?x?xf32>
      return %2 : tensor<?x?xf32>
    }"""
    out = _compare(text, "builtin.module(func.func(nn-shape-inference))",
                   [RNG.standard_normal((2, 3, 4)).astype(np.float32)])  # fmt: skip
    assert "-> tensor<12x2xf32>" in out and "?" not in out
