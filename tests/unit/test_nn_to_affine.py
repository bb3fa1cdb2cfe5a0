"""convert-nn-to-affine, op by op: each case lowers an nn function to affine loops and
checks, on the interpreter, that the loop level computes what the nn level computes, on
random inputs and edge shapes (size-1 dimensions, broadcasting both ways, padding, groups,
dilation, dynamic dimensions, the storage types)."""

from __future__ import annotations

import ml_dtypes
import numpy as np
import pytest
from nn_loop_harness import compare, lower

RNG = np.random.default_rng(0)


def f32(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def ints(dtype, *shape, lo=-50, hi=50):
    return RNG.integers(lo, hi, shape).astype(dtype)


def fn(args: str, results: str, body: str) -> str:
    return f"func.func @f({args}) -> ({results}) {{\n{body}\n}}"


def unary(name: str, t: str = "tensor<2x3xf32>", attrs: str = "") -> str:
    return fn(f"%x: {t}", t, f"%r = nn.{name} %x {attrs} : {t}\nreturn %r : {t}")


def binary(name: str, a: str, b: str, r: str) -> str:
    return fn(f"%a: {a}, %b: {b}", r, f"%r = nn.{name} %a, %b : ({a}, {b}) -> {r}\nreturn %r : {r}")


# -- elementwise -------------------------------------------------------------------------------

BINARY_CASES = [
    ("add", "tensor<2x3xf32>", "tensor<3xf32>", "tensor<2x3xf32>", f32),
    ("sub", "tensor<2x1xf32>", "tensor<1x3xf32>", "tensor<2x3xf32>", f32),  # both ways
    ("mul", "tensor<f32>", "tensor<2x3xf32>", "tensor<2x3xf32>", f32),
    ("div", "tensor<2x3xf32>", "tensor<2x3xf32>", "tensor<2x3xf32>", f32),
    ("max", "tensor<4x1x3xf32>", "tensor<2x1xf32>", "tensor<4x2x3xf32>", f32),
    ("min", "tensor<?x3xf32>", "tensor<3xf32>", "tensor<?x3xf32>", f32),
    ("pow", "tensor<2x3xf32>", "tensor<f32>", "tensor<2x3xf32>", None),
    ("add", "tensor<2x3xi32>", "tensor<3xi32>", "tensor<2x3xi32>", "i32"),
    ("div", "tensor<2x3xi32>", "tensor<2x3xi32>", "tensor<2x3xi32>", "i32nz"),
    ("div", "tensor<2x3xui8>", "tensor<2x3xui8>", "tensor<2x3xui8>", "u8nz"),
    ("max", "tensor<2x3xui8>", "tensor<2x3xui8>", "tensor<2x3xui8>", "u8"),
    ("min", "tensor<2x3xi64>", "tensor<1x3xi64>", "tensor<2x3xi64>", "i64"),
    ("mul", "tensor<2x3xf16>", "tensor<2x3xf16>", "tensor<2x3xf16>", "f16"),
    ("add", "tensor<2x3xbf16>", "tensor<2x3xbf16>", "tensor<2x3xbf16>", "f32"),
    ("pow", "tensor<2x3xi32>", "tensor<2x3xi32>", "tensor<2x3xi32>", "ipow"),
    ("equal", "tensor<2x3xi32>", "tensor<3xi32>", "tensor<2x3xi1>", "small"),
    ("less", "tensor<2x3xui8>", "tensor<2x3xui8>", "tensor<2x3xi1>", "u8"),
    ("greater", "tensor<2x3xf32>", "tensor<1xf32>", "tensor<2x3xi1>", f32),
]


def _data(kind, t: str):
    shape = tuple(int(x) for x in t[len("tensor<") : -1].split("x")[:-1] if x != "?")
    if "?" in t:
        shape = (4, *shape)
    if callable(kind):
        return kind(*shape)
    dt = {"i32": np.int32, "i32nz": np.int32, "u8": np.uint8, "u8nz": np.uint8, "i64": np.int64,
          "small": np.int32, "ipow": np.int32}.get(kind)  # fmt: skip
    if kind in ("i32", "i64"):
        return ints(dt, *shape)
    if kind == "i32nz":
        return RNG.choice([-7, -3, -1, 1, 2, 5], shape).astype(dt)
    if kind == "u8":
        return ints(dt, *shape, lo=0, hi=256)
    if kind == "u8nz":
        return ints(dt, *shape, lo=1, hi=256)
    if kind == "small":
        return ints(dt, *shape, lo=0, hi=3)
    if kind == "ipow":
        return ints(dt, *shape, lo=0, hi=4)
    if kind == "f16":
        return f32(*shape).astype(np.float16)
    return f32(*shape)


@pytest.mark.parametrize("case", BINARY_CASES, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_binary(case):
    name, a, b, r, kind = case
    if name == "pow" and kind is None:
        x, y = np.abs(_data(f32, a)) + 0.1, np.asarray(RNG.uniform(-2, 2), np.float32)
        compare(binary(name, a, b, r), [x, y], rtol=1e-5)
        return
    compare(
        binary(name, a, b, r), [_data(kind, a), _data(kind, b)], rtol=2e-3 if "16" in a else 1e-6
    )


UNARY_CASES = [
    ("neg", ""), ("abs", ""), ("relu", ""), ("sigmoid", ""), ("tanh", ""), ("exp", ""),
    ("sqrt", ""), ("log", ""), ("erf", ""), ("identity", ""), ("leaky_relu", "{alpha = 0.2 : f32}"),
    ("gelu", ""), ("gelu", '{approximate = "tanh"}'), ("softmax", ""), ("log_softmax", ""),
    ("softmax", "{axis = 0 : i64}"), ("log_softmax", "{axis = -2 : i64}"),
]  # fmt: skip


@pytest.mark.parametrize("case", UNARY_CASES, ids=lambda c: c[0] + c[1])
def test_unary(case):
    name, attrs = case
    x = f32(2, 3)
    if name in ("sqrt", "log"):
        x = np.abs(x) + 0.1
    compare(unary(name, attrs=attrs), [x], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("t,data", [
    ("tensor<2x3xi32>", lambda: ints(np.int32, 2, 3)),
    ("tensor<?x3xf32>", lambda: f32(5, 3)),
    ("tensor<4xf16>", lambda: f32(4).astype(np.float16)),
    ("tensor<4xui8>", lambda: ints(np.uint8, 4, lo=0, hi=256)),
])  # fmt: skip
def test_unary_types(t, data):
    for name in ("abs", "relu", "neg"):
        if name in ("neg", "relu") and "ui" in t:
            continue
        compare(unary(name, t), [data()], rtol=1e-3)


def test_erf_of_integers():
    compare(unary("erf", "tensor<5xi32>"), [np.array([-3, -1, 0, 1, 2], np.int32)])


def test_where_and_clip():
    text = fn(
        "%c: tensor<2x1xi1>, %x: tensor<3xf32>, %y: tensor<2x3xf32>, %lo: tensor<f32>",
        "tensor<2x3xf32>",
        """%hi = nn.constant dense<0.5> : tensor<f32>
%w = nn.where %c, %x, %y : (tensor<2x1xi1>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
%r = nn.clip %w min %lo max %hi : (tensor<2x3xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>
return %r : tensor<2x3xf32>""",
    )
    compare(text, [np.array([[True], [False]]), f32(3), f32(2, 3), np.float32(-0.3).reshape(())])


def test_fused_elementwise_is_one_nest():
    text = fn(
        "%a: tensor<2x3xf32>, %b: tensor<3xf32>", "tensor<2x3xf32>",
        """%r = nn.elementwise %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32> {
^bb0(%x: f32, %y: f32):
  %s = arith.addf %x, %y : f32
  %c = arith.constant 0.0 : f32
  %m = arith.maximumf %s, %c : f32
  nn.yield %m : f32
}
return %r : tensor<2x3xf32>""",
    )  # fmt: skip
    module = compare(text, [f32(2, 3), f32(3)])
    outer = [op for op in module.walk() if op.name == "affine.for"]
    assert len(outer) == 2  # one 2-deep nest


# -- casts, including the storage types --------------------------------------------------------

CASTS = [
    ("f32", "f16", lambda: f32(6)), ("f32", "bf16", lambda: f32(6)),
    ("f16", "f64", lambda: f32(6).astype(np.float16)),
    ("f32", "i32", lambda: f32(6) * 10), ("f32", "ui8", lambda: np.abs(f32(6)) * 10),
    ("i32", "f32", lambda: ints(np.int32, 6)), ("ui8", "f32", lambda: ints(np.uint8, 6, lo=0, hi=256)),
    ("i32", "i8", lambda: ints(np.int32, 6, lo=-1000, hi=1000)),
    ("i8", "i64", lambda: ints(np.int8, 6)), ("ui8", "i32", lambda: ints(np.uint8, 6, lo=0, hi=256)),
    ("f32", "i1", lambda: np.array([0, 1.5, -2, 0, np.nan, 3], np.float32)),
    ("i32", "i1", lambda: np.array([0, 1, -2, 0, 5, 3], np.int32)),
    ("i1", "f32", lambda: np.array([0, 1, 1, 0, 1, 0], bool)),
    ("f32", "f8E4M3FN", lambda: f32(6) * 300), ("f32", "f8E5M2", lambda: f32(6) * 1e5),
    ("f32", "f8E4M3FNUZ", lambda: f32(6) * 300), ("f32", "f8E5M2FNUZ", lambda: f32(6) * 10),
    ("f32", "f4E2M1FN", lambda: f32(6) * 3),
    ("f32", "i4", lambda: np.array([-8, -3, 0, 1, 5, 7], np.float32)),
    ("f32", "ui4", lambda: np.array([0, 3, 9, 1, 15, 7], np.float32)),
    ("i32", "i2", lambda: np.array([-2, -1, 0, 1, 1, 0], np.int32)),
    ("f8E4M3FN", "f32", lambda: (f32(6) * 10).astype(ml_dtypes.float8_e4m3fn)),
    ("i4", "f32", lambda: np.array([-8, -3, 0, 1, 5, 7], np.int8)),
    ("ui4", "i32", lambda: np.array([0, 3, 9, 1, 15, 7], np.uint8)),
]  # fmt: skip


@pytest.mark.parametrize("case", CASTS, ids=lambda c: f"{c[0]}-to-{c[1]}")
def test_cast(case):
    src, dst, data = case
    a, r = f"tensor<6x{src}>", f"tensor<6x{dst}>"
    compare(fn(f"%x: {a}", r, f"%r = nn.cast %x : {a} to {r}\nreturn %r : {r}"), [data()])


@pytest.mark.parametrize("attrs", ["", "{saturate = false}"])
def test_cast_saturation(attrs):
    a, r = "tensor<4xf32>", "tensor<4xf8E4M3FN>"
    body = f"%r = nn.cast %x {attrs} : {a} to {r}\nreturn %r : {r}"
    compare(fn(f"%x: {a}", r, body), [np.array([1e6, -1e6, 3.3, np.inf], np.float32)])


@pytest.mark.parametrize("mode", ["up", "down", "nearest"])
@pytest.mark.parametrize("saturate", ["true", "false"])
def test_cast_e8m0(mode, saturate):
    a, r = "tensor<8xf32>", "tensor<8xf8E8M0FNU>"
    body = (f'%r = nn.cast %x {{round_mode = "{mode}", saturate = {saturate}}} : {a} to {r}\n'
            f"return %r : {r}")  # fmt: skip
    x = np.array([1.0, 1.5, 3.0, 0.7, 1e38, 3.4e38, np.inf, 2.0**-130], np.float32)
    compare(fn(f"%x: {a}", r, body), [x])


# -- linear algebra ----------------------------------------------------------------------------

MATMULS = [
    ("tensor<3x4xf32>", "tensor<4x5xf32>", "tensor<3x5xf32>"),
    ("tensor<2x3x4xf32>", "tensor<4x5xf32>", "tensor<2x3x5xf32>"),
    ("tensor<2x1x3x4xf32>", "tensor<3x4x2xf32>", "tensor<2x3x3x2xf32>"),
    ("tensor<4xf32>", "tensor<4x5xf32>", "tensor<5xf32>"),
    ("tensor<3x4xf32>", "tensor<4xf32>", "tensor<3xf32>"),
    ("tensor<4xf32>", "tensor<4xf32>", "tensor<f32>"),
    ("tensor<?x4xf32>", "tensor<4x?xf32>", "tensor<?x?xf32>"),
    ("tensor<3x4xi32>", "tensor<4x2xi32>", "tensor<3x2xi32>"),
    ("tensor<3x4xf16>", "tensor<4x2xf16>", "tensor<3x2xf16>"),
]


@pytest.mark.parametrize("case", MATMULS, ids=lambda c: f"{c[0]}-{c[1]}")
def test_matmul(case):
    a, b, r = case

    def data(t):
        shape = [int(x) if x != "?" else 3 for x in t[len("tensor<") : -1].split("x")[:-1]]
        if "i32" in t:
            return ints(np.int32, *shape, lo=-5, hi=5)
        x = f32(*shape)
        return x.astype(np.float16) if "f16" in t else x

    compare(binary("matmul", a, b, r), [data(a), data(b)], rtol=1e-2 if "f16" in a else 1e-5)


@pytest.mark.parametrize("attrs,at,bt,ct", [
    ("", "tensor<3x4xf32>", "tensor<4x5xf32>", None),
    ("{trans_a = true, trans_b = true, alpha = 0.5 : f32, beta = 2.0 : f32}",
     "tensor<4x3xf32>", "tensor<5x4xf32>", "tensor<5xf32>"),
    ("{beta = 0.0 : f32}", "tensor<3x4xf32>", "tensor<4x5xf32>", "tensor<3x5xf32>"),
    ("{trans_b = true}", "tensor<3x4xf32>", "tensor<5x4xf32>", "tensor<3x1xf32>"),
    ("{alpha = 2.0 : f32}", "tensor<3x4xi32>", "tensor<4x5xi32>", "tensor<i32>"),
])  # fmt: skip
def test_gemm(attrs, at, bt, ct):
    r = "tensor<3x5xi32>" if "i32" in at else "tensor<3x5xf32>"
    args = f"%a: {at}, %b: {bt}" + (f", %c: {ct}" if ct else "")
    ops = "%a, %b" + (", %c" if ct else "")
    types = f"{at}, {bt}" + (f", {ct}" if ct else "")
    text = fn(args, r, f"%r = nn.gemm {ops} {attrs} : ({types}) -> {r}\nreturn %r : {r}")

    def data(t):
        shape = [int(x) for x in t[len("tensor<") : -1].split("x")[:-1]]
        return ints(np.int32, *shape, lo=-5, hi=5) if "i32" in t else f32(*shape)

    inputs = [data(at), data(bt)] + ([data(ct)] if ct else [])
    compare(text, inputs)


CONVS = [
    ("", (1, 2, 5, 5), (3, 2, 3, 3), True),
    ("{pads = array<i64: 1, 1, 1, 1>}", (2, 2, 5, 4), (3, 2, 3, 3), True),
    ("{strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 2, 1>}", (1, 3, 7, 6), (2, 3, 3, 2),
     False),
    ("{dilations = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>}", (1, 2, 6, 6), (2, 2, 3, 3),
     True),
    ("{group = 2 : i64, pads = array<i64: 1, 1, 1, 1>}", (1, 4, 5, 5), (6, 2, 3, 3), True),
    ("{group = 4 : i64}", (1, 4, 4, 4), (4, 1, 3, 3), False),  # depthwise
    ("", (1, 3, 4, 4), (2, 3, 1, 1), False),
]  # fmt: skip


def _t(shape, elem="f32"):
    return "tensor<" + "".join(f"{n}x" for n in shape) + elem + ">"


def _conv_out(x, w, attrs):
    import re

    def arr(name, default):
        m = re.search(name + r" = array<i64: ([^>]*)>", attrs)
        return [int(v) for v in m.group(1).split(",")] if m else default

    s, dl, p = arr("strides", [1, 1]), arr("dilations", [1, 1]), arr("pads", [0, 0, 0, 0])
    oh = (x[2] + p[0] + p[2] - dl[0] * (w[2] - 1) - 1) // s[0] + 1
    ow = (x[3] + p[1] + p[3] - dl[1] * (w[3] - 1) - 1) // s[1] + 1
    return (x[0], w[0], oh, ow)


@pytest.mark.parametrize("case", CONVS, ids=lambda c: c[0] or "plain")
def test_conv2d(case):
    attrs, xs, ws, with_bias = case
    r = _t(_conv_out(xs, ws, attrs))
    args = f"%x: {_t(xs)}, %w: {_t(ws)}" + (f", %b: {_t(ws[:1])}" if with_bias else "")
    ops = "%x, %w" + (", %b" if with_bias else "")
    types = f"{_t(xs)}, {_t(ws)}" + (f", {_t(ws[:1])}" if with_bias else "")
    text = fn(args, r, f"%r = nn.conv2d {ops} {attrs} : ({types}) -> {r}\nreturn %r : {r}")
    inputs = [f32(*xs), f32(*ws)] + ([f32(ws[0])] if with_bias else [])
    compare(text, inputs, rtol=1e-4, atol=1e-5)


def test_conv2d_dynamic_batch_and_size():
    text = fn(
        "%x: tensor<?x2x?x?xf32>, %w: tensor<3x2x3x3xf32>", "tensor<?x3x?x?xf32>",
        "%r = nn.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x2x?x?xf32>, "
        "tensor<3x2x3x3xf32>) -> tensor<?x3x?x?xf32>\nreturn %r : tensor<?x3x?x?xf32>",
    )  # fmt: skip
    compare(text, [f32(2, 2, 4, 5), f32(3, 2, 3, 3)], rtol=1e-4, atol=1e-5)


def test_conv2d_fused_epilogue():
    text = fn(
        "%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x3x3xf32>, %s: tensor<3x1x1xf32>",
        "tensor<1x3x2x2xf32>",
        """%c = nn.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x2x2xf32>
%r = nn.elementwise %c, %s {epilogue} : (tensor<1x3x2x2xf32>, tensor<3x1x1xf32>) -> tensor<1x3x2x2xf32> {
^bb0(%a: f32, %b: f32):
  %m = arith.mulf %a, %b : f32
  %z = arith.constant 0.0 : f32
  %y = arith.maximumf %m, %z : f32
  nn.yield %y : f32
}
return %r : tensor<1x3x2x2xf32>""",
    )  # fmt: skip
    module = compare(text, [f32(1, 2, 4, 4), f32(3, 2, 3, 3), f32(3, 1, 1)], rtol=1e-4, atol=1e-5)
    allocs = [op for op in module.walk() if op.name == "memref.alloc"]
    assert len(allocs) == 1  # the conv result itself never reaches memory


# -- pooling -----------------------------------------------------------------------------------

POOLS = [
    ("max_pool2d", "{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}", (1, 2, 4, 5)),
    ("max_pool2d", "{kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}",
     (2, 1, 4, 4)),
    ("max_pool2d", "{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true}",
     (1, 1, 5, 5)),
    ("max_pool2d", "{kernel_shape = array<i64: 2, 2>, dilations = array<i64: 2, 2>}",
     (1, 1, 5, 5)),
    ("avg_pool2d", "{kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}",
     (1, 2, 4, 4)),
    ("avg_pool2d", "{kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, "
     "count_include_pad = true}", (1, 2, 4, 4)),
    ("avg_pool2d", "{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true, "
     "count_include_pad = true, pads = array<i64: 1, 0, 0, 0>}", (1, 1, 5, 5)),
    ("max_pool3d", "{kernel_shape = array<i64: 2, 2, 2>, pads = array<i64: 1, 0, 0, 0, 1, 1>}",
     (1, 1, 3, 3, 4)),
    ("avg_pool3d", "{kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 1, 2>}",
     (1, 2, 4, 3, 4)),
]  # fmt: skip


def _pool_text(name, attrs, xs, indices=False, elem="f32"):
    import re

    from dialir.dialects.nn.shape_inference import window_out_dim

    def arr(key, default):
        m = re.search(key + r" = array<i64: ([^>]*)>", attrs)
        return [int(v) for v in m.group(1).split(",")] if m else default

    n = len(xs) - 2
    k = arr("kernel_shape", None)
    s, dl, p = arr("strides", [1] * n), arr("dilations", [1] * n), arr("pads", [0] * 2 * n)
    ceil = "ceil_mode = true" in attrs
    out = (*xs[:2], *(window_out_dim(xs[2 + i], k[i], s[i], dl[i], p[i], p[n + i], ceil)
                      for i in range(n)))  # fmt: skip
    x, r, ri = _t(xs, elem), _t(out, elem), _t(out, "i64")
    if indices:
        return fn(f"%x: {x}", f"{r}, {ri}",
                  f"%r, %i = nn.{name} %x {attrs} : ({x}) -> ({r}, {ri})\n"
                  f"return %r, %i : {r}, {ri}")  # fmt: skip
    return fn(f"%x: {x}", r, f"%r = nn.{name} %x {attrs} : ({x}) -> {r}\nreturn %r : {r}")


@pytest.mark.parametrize("case", POOLS, ids=lambda c: c[0] + c[1][:60])
def test_pool(case):
    name, attrs, xs = case
    compare(_pool_text(name, attrs, xs), [f32(*xs)], rtol=1e-5)


@pytest.mark.parametrize("order", [0, 1])
def test_max_pool_indices(order):
    attrs = ("{kernel_shape = array<i64: 2, 3>, pads = array<i64: 1, 1, 1, 1>, "
             f"storage_order = {order} : i64}}")  # fmt: skip
    x = f32(2, 2, 4, 5)
    x[0, 0, 1, 1] = np.nan
    compare(_pool_text("max_pool2d", attrs, (2, 2, 4, 5), indices=True), [x])


def test_max_pool_integers():
    attrs = "{kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>}"
    compare(_pool_text("max_pool2d", attrs, (1, 1, 3, 3), elem="i32"), [ints(np.int32, 1, 1, 3, 3)])


def test_global_avg_pool():
    text = fn("%x: tensor<2x3x4x5xf32>", "tensor<2x3x1x1xf32>",
              "%r = nn.global_avg_pool %x : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>\n"
              "return %r : tensor<2x3x1x1xf32>")  # fmt: skip
    compare(text, [f32(2, 3, 4, 5)])


# -- normalizations and reductions -------------------------------------------------------------


@pytest.mark.parametrize("name", ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min"])
@pytest.mark.parametrize("axes,keep,rt", [
    ("[1]", "", "tensor<2x1x4xf32>"), ("[2]", "{keepdims = false}", "tensor<2x3xf32>"),
    ("[0, 2]", "", "tensor<1x3x1xf32>"), ("[0]", "{keepdims = false}", "tensor<3x4xf32>"),
    (None, "{keepdims = false}", "tensor<f32>"),
])  # fmt: skip
def test_reduce(name, axes, keep, rt):
    x = "tensor<2x3x4xf32>"
    if axes is None:
        body = f"%r = nn.{name} %x {keep} : ({x}) -> {rt}\nreturn %r : {rt}"
    else:
        n = axes.count(",") + 1
        body = (f"%a = nn.constant dense<{axes}> : tensor<{n}xi64>\n"
                f"%r = nn.{name} %x, %a {keep} : ({x}, tensor<{n}xi64>) -> {rt}\nreturn %r : {rt}")  # fmt: skip
    compare(fn(f"%x: {x}", rt, body), [f32(2, 3, 4)], rtol=1e-5)


@pytest.mark.parametrize("name", ["reduce_sum", "reduce_mean", "reduce_max"])
def test_reduce_integers(name):
    x, rt = "tensor<3x4xi32>", "tensor<3x1xi32>"
    body = (f"%a = nn.constant dense<[-1]> : tensor<1xi64>\n"
            f"%r = nn.{name} %x, %a : ({x}, tensor<1xi64>) -> {rt}\nreturn %r : {rt}")  # fmt: skip
    compare(fn(f"%x: {x}", rt, body), [ints(np.int32, 3, 4)])


def test_reduce_dynamic():
    x, rt = "tensor<?x4xf32>", "tensor<?x1xf32>"
    body = (f"%a = nn.constant dense<[1]> : tensor<1xi64>\n"
            f"%r = nn.reduce_mean %x, %a : ({x}, tensor<1xi64>) -> {rt}\nreturn %r : {rt}")  # fmt: skip
    compare(fn(f"%x: {x}", rt, body), [f32(3, 4)])


@pytest.mark.parametrize("axis,bias,stats", [(-1, True, False), (1, False, True), (0, True, True)])
def test_layer_norm(axis, bias, stats):
    x = "tensor<2x3x4xf32>"
    pshape = [2, 3, 4][axis:] if axis >= 0 else [4]
    p = _t(pshape)
    st = _t([2, 3, 4][: axis % 3] + [1] * (3 - axis % 3))
    results = f"{x}, {st}, {st}" if stats else x
    args = f"%x: {x}, %s: {p}" + (f", %b: {p}" if bias else "")
    ops = "%x, %s" + (", %b" if bias else "")
    types = f"{x}, {p}" + (f", {p}" if bias else "")
    names = "%r, %m, %i" if stats else "%r"
    res = f"({results})" if stats else results
    body = (f"{names} = nn.layer_norm {ops} {{axis = {axis} : i64}} : ({types}) -> {res}\n"
            f"return {names} : {results}")  # fmt: skip
    inputs = [f32(2, 3, 4), f32(*pshape)] + ([f32(*pshape)] if bias else [])
    compare(fn(args, results, body), inputs, rtol=1e-4, atol=1e-5)


def test_batch_norm():
    x, c = "tensor<2x3x2x2xf32>", "tensor<3xf32>"
    body = (f"%r = nn.batch_norm %x, %s, %b, %m, %v : ({x}, {c}, {c}, {c}, {c}) -> {x}\n"
            f"return %r : {x}")  # fmt: skip
    args = f"%x: {x}, %s: {c}, %b: {c}, %m: {c}, %v: {c}"
    compare(fn(args, x, body), [f32(2, 3, 2, 2), f32(3), f32(3), f32(3), np.abs(f32(3)) + 0.5],
            rtol=1e-5)  # fmt: skip


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_lrn(size):
    compare(unary("lrn", "tensor<1x5x2x2xf32>", f"{{size = {size} : i64, alpha = 0.01 : f32}}"),
            [f32(1, 5, 2, 2)], rtol=1e-5)  # fmt: skip


# -- data movement -----------------------------------------------------------------------------


def _const(values, t):
    return f"nn.constant dense<{values}> : {t}"


@pytest.mark.parametrize("src,shape,rt", [
    ("tensor<2x3x4xf32>", "[4, 6]", "tensor<4x6xf32>"),
    ("tensor<2x3x4xf32>", "[0, -1]", "tensor<2x12xf32>"),
    ("tensor<6xf32>", "[1, 6, 1]", "tensor<1x6x1xf32>"),
    ("tensor<1x1xf32>", "[]", "tensor<f32>"),
    ("tensor<?x3x4xf32>", "[0, 12]", "tensor<?x12xf32>"),
    ("tensor<?x3x4xf32>", "[-1, 4]", "tensor<?x4xf32>"),
])  # fmt: skip
def test_reshape(src, shape, rt):
    n = 0 if shape == "[]" else shape.count(",") + 1
    st = f"tensor<{n}xi64>"
    body = (f"%s = {_const(shape, st)}\n%r = nn.reshape %x, %s : ({src}, {st}) -> {rt}\n"
            f"%y = nn.add %r, %r : ({rt}, {rt}) -> {rt}\nreturn %y : {rt}")  # fmt: skip
    dims = [int(v) if v != "?" else 2 for v in src[len("tensor<") : -1].split("x")[:-1]]
    compare(fn(f"%x: {src}", rt, body), [f32(*dims)])


def test_flatten_squeeze_unsqueeze():
    x = "tensor<2x1x3x1xf32>"
    body = f"""%a = {_const("[1]", "tensor<1xi64>")}
%s = nn.squeeze %x, %a : ({x}, tensor<1xi64>) -> tensor<2x3x1xf32>
%u = nn.unsqueeze %s, %a : (tensor<2x3x1xf32>, tensor<1xi64>) -> tensor<2x1x3x1xf32>
%f = nn.flatten %u {{axis = 2 : i64}} : (tensor<2x1x3x1xf32>) -> tensor<2x3xf32>
%q = nn.squeeze %x : ({x}) -> tensor<2x3xf32>
%r = nn.sub %f, %q : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
return %r, %f : tensor<2x3xf32>, tensor<2x3xf32>"""
    compare(fn(f"%x: {x}", "tensor<2x3xf32>, tensor<2x3xf32>", body), [f32(2, 1, 3, 1)])


@pytest.mark.parametrize("perm,src,rt", [
    ("1, 0", "tensor<2x3xf32>", "tensor<3x2xf32>"),
    ("2, 0, 1", "tensor<2x3x4xf32>", "tensor<4x2x3xf32>"),
    ("0, 2, 1", "tensor<?x3x4xf32>", "tensor<?x4x3xf32>"),
])  # fmt: skip
def test_transpose(perm, src, rt):
    body = f"%r = nn.transpose %x {{perm = array<i64: {perm}>}} : ({src}) -> {rt}\nreturn %r : {rt}"
    dims = [int(v) if v != "?" else 2 for v in src[len("tensor<") : -1].split("x")[:-1]]
    compare(fn(f"%x: {src}", rt, body), [f32(*dims)])


def test_concat_and_split():
    a, b, c, r = "tensor<2x1xf32>", "tensor<2x3xf32>", "tensor<2x2xf32>", "tensor<2x6xf32>"
    body = f"""%r = nn.concat %a, %b, %c {{axis = 1 : i64}} : ({a}, {b}, {c}) -> {r}
%s = {_const("[4, 2]", "tensor<2xi64>")}
%p, %q = nn.split %r, %s {{axis = -1 : i64}} : ({r}, tensor<2xi64>) -> (tensor<2x4xf32>, {c})
%u, %v, %w = nn.split %r {{axis = 1 : i64}} : ({r}) -> ({c}, {c}, {c})
return %r, %p, %q, %u, %w : {r}, tensor<2x4xf32>, {c}, {c}, {c}"""
    results = f"{r}, tensor<2x4xf32>, {c}, {c}, {c}"
    compare(fn(f"%a: {a}, %b: {b}, %c: {c}", results, body), [f32(2, 1), f32(2, 3), f32(2, 2)])


def test_concat_dynamic():
    a, r = "tensor<?x3xf32>", "tensor<?x3xf32>"
    body = f"%r = nn.concat %a, %b {{axis = 0 : i64}} : ({a}, {a}) -> {r}\nreturn %r : {r}"
    compare(fn(f"%a: {a}, %b: {a}", r, body), [f32(2, 3), f32(4, 3)])


@pytest.mark.parametrize("starts,ends,axes,steps,rt", [
    ("[1]", "[3]", None, None, "tensor<2x4x5xf32>"),
    ("[0, 1]", "[100, -1]", "[2, 1]", "[2, 1]", "tensor<3x2x3xf32>"),
    ("[-1]", "[-100]", "[1]", "[-1]", "tensor<3x4x5xf32>"),
    ("[3, 4]", "[0, 0]", "[1, 2]", "[-2, -3]", "tensor<3x2x2xf32>"),
])  # fmt: skip
def test_slice(starts, ends, axes, steps, rt):
    x = "tensor<3x4x5xf32>"
    n = starts.count(",") + 1
    v = f"tensor<{n}xi64>"
    lines = [f"%st = {_const(starts, v)}", f"%en = {_const(ends, v)}"]
    opt = ""
    types = f"{x}, {v}, {v}"
    if axes:
        lines.append(f"%ax = {_const(axes, v)}")
        opt += " axes %ax"
        types += f", {v}"
    if steps:
        lines.append(f"%sp = {_const(steps, v)}")
        opt += " steps %sp"
        types += f", {v}"
    lines.append(f"%r = nn.slice %x, %st, %en{opt} : ({types}) -> {rt}")
    lines.append(f"return %r : {rt}")
    compare(fn(f"%x: {x}", rt, "\n".join(lines)), [f32(3, 4, 5)])


@pytest.mark.parametrize("axis,idx_t,rt", [
    (0, "tensor<2xi64>", "tensor<2x3xf32>"),
    (1, "tensor<2x2xi32>", "tensor<5x2x2xf32>"),
    (-1, "tensor<i64>", "tensor<5xf32>"),
])  # fmt: skip
def test_gather(axis, idx_t, rt):
    x = "tensor<5x3xf32>"
    body = (f"%r = nn.gather %x, %i {{axis = {axis} : i64}} : ({x}, {idx_t}) -> {rt}\n"
            f"return %r : {rt}")  # fmt: skip
    n = 5 if axis == 0 else 3
    shape = [int(v) for v in idx_t[len("tensor<") : -1].split("x")[:-1]]
    dt = np.int32 if "i32" in idx_t else np.int64
    idx = RNG.integers(-n, n, shape).astype(dt)
    compare(fn(f"%x: {x}, %i: {idx_t}", rt, body), [f32(5, 3), idx])


@pytest.mark.parametrize("mode", ["constant", "edge", "reflect", "wrap"])
@pytest.mark.parametrize("pads,rt", [
    ("[1, 2, 0, 1]", "tensor<4x6xf32>"),
    ("[0, -1, 2, 1]", "tensor<5x3xf32>"),
    ("[2, 3, 2, 3]", "tensor<7x9xf32>"),
])  # fmt: skip
def test_pad(mode, pads, rt):
    x = "tensor<3x3xf32>"
    value = ""
    types = f"{x}, tensor<4xi64>"
    lines = [f"%p = {_const(pads, 'tensor<4xi64>')}"]
    if mode == "constant":
        lines.append(f"%v = {_const('1.5', 'tensor<f32>')}")
        value = " value %v"
        types += ", tensor<f32>"
    lines.append(f'%r = nn.pad %x, %p{value} {{mode = "{mode}"}} : ({types}) -> {rt}')
    lines.append(f"return %r : {rt}")
    compare(fn(f"%x: {x}", rt, "\n".join(lines)), [f32(3, 3)])


def test_expand_where_shape():
    x = "tensor<3x1xf32>"
    body = f"""%s = {_const("[2, 1, 4]", "tensor<3xi64>")}
%e = nn.expand %x, %s : ({x}, tensor<3xi64>) -> tensor<2x3x4xf32>
%n = nn.shape %e {{start = 1 : i64}} : (tensor<2x3x4xf32>) -> tensor<2xi64>
%d = nn.shape %y : (tensor<?x4xi32>) -> tensor<2xi64>
return %e, %n, %d : tensor<2x3x4xf32>, tensor<2xi64>, tensor<2xi64>"""
    results = "tensor<2x3x4xf32>, tensor<2xi64>, tensor<2xi64>"
    compare(fn(f"%x: {x}, %y: tensor<?x4xi32>", results, body), [f32(3, 1), ints(np.int32, 5, 4)])


@pytest.mark.parametrize("elem,data", [
    ("f8E4M3FN", lambda s: f32(*s).astype(ml_dtypes.float8_e4m3fn)),
    ("i4", lambda s: RNG.integers(-8, 8, s).astype(np.int8)),
    ("ui4", lambda s: RNG.integers(0, 16, s).astype(np.uint8)),
    ("f4E2M1FN", lambda s: f32(*s).astype(ml_dtypes.float4_e2m1fn)),
])  # fmt: skip
def test_storage_types_move(elem, data):
    x, t = f"tensor<2x3x{elem}>", f"tensor<3x2x{elem}>"
    body = f"""%t = nn.transpose %x {{perm = array<i64: 1, 0>}} : ({x}) -> {t}
%c = nn.concat %t, %t {{axis = 0 : i64}} : ({t}, {t}) -> tensor<6x2x{elem}>
%i = {_const("[0, 2]", "tensor<2xi64>")}
%g = nn.gather %c, %i : (tensor<6x2x{elem}>, tensor<2xi64>) -> tensor<2x2x{elem}>
return %g : tensor<2x2x{elem}>"""
    compare(fn(f"%x: {x}", f"tensor<2x2x{elem}>", body), [data((2, 3))])


# -- the function boundary, weights, buffers ---------------------------------------------------

PIPE = """func.func @f(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x2xf32>) {
  %w = nn.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %a = nn.add %x, %w : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %s = nn.constant dense<[3, 2]> : tensor<2xi64>
  %r = nn.reshape %a, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  %m = nn.mul %a, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %m, %r : tensor<2x3xf32>, tensor<3x2xf32>
}"""


def test_out_params():
    module = compare(PIPE, [f32(2, 3)], out_params=True,
                     pipeline="builtin.module(convert-nn-to-affine{buffer-results-to-out-params})")  # fmt: skip
    text = str(module)
    assert "memref.copy" in text  # the reshaped view is copied into its out-parameter
    assert "-> (" not in text.split("func.func")[1].split("{")[0]


def test_allocations_are_freed():
    module = compare(PIPE, [f32(2, 3)])
    allocs = [op.results[0] for op in module.walk() if op.name == "memref.alloc"]
    freed = {op.operands[0] for op in module.walk() if op.name == "memref.dealloc"}
    # %a is returned through its reshaped view, %m itself: neither is freed
    assert len(allocs) == 2 and not freed
    module = lower(binary("add", "tensor<2xf32>", "tensor<2xf32>", "tensor<2xf32>").replace(
        "return %r", "%q = nn.mul %r, %r : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>\n"
        "return %q"))  # fmt: skip
    allocs = [op.results[0] for op in module.walk() if op.name == "memref.alloc"]
    deallocs = [op for op in module.walk() if op.name == "memref.dealloc"]
    assert len(allocs) == 2 and len(deallocs) == 1 and deallocs[0].operands[0] is allocs[0]


def test_weights_keep_their_resource_blob():
    text = """func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %w = nn.constant dense_resource<weights> : tensor<4xf32>
  %r = nn.add %x, %w : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000000803F000000400000404000008040"
    }
  }
#-}"""
    module = compare(text, [f32(4)])
    printed = str(module)
    assert "dense_resource<weights>" in printed and "memref.global" in printed


def test_unlowerable_parameter_is_a_diagnostic():
    from dialir.core.passes import PassPipelineError

    x, v, r = "tensor<4xf32>", "tensor<?xi64>", "tensor<?xf32>"
    text = fn(f"%x: {x}, %s: {v}", r,
              f"%r = nn.slice %x, %s, %s : ({x}, {v}, {v}) -> {r}\nreturn %r : {r}")  # fmt: skip
    with pytest.raises(PassPipelineError) as info:
        lower(text)
    assert "needs 'starts' of static length" in str(info.value)


def _param(values) -> tuple:
    return np.array(values, np.int64), f"tensor<{len(values)}xi64>"


@pytest.mark.parametrize("starts,ends,axes,steps", [
    ([1], [3], None, None), ([0, 1], [100, -1], [2, 1], [2, 1]), ([-1], [-100], [1], [-1]),
])  # fmt: skip
def test_slice_with_runtime_parameters(starts, ends, axes, steps):
    x, r = "tensor<3x4x5xf32>", "tensor<?x?x?xf32>"
    args, types, inputs = [f"%x: {x}"], [x], [f32(3, 4, 5)]
    for name, values in (("st", starts), ("en", ends), ("ax", axes), ("sp", steps)):
        if values is None:
            continue
        arr, t = _param(values)
        args.append(f"%{name}: {t}")
        types.append(t)
        inputs.append(arr)
    opt = (" axes %ax" if axes else "") + (" steps %sp" if steps else "")
    body = f"%r = nn.slice %x, %st, %en{opt} : ({', '.join(types)}) -> {r}\nreturn %r : {r}"
    compare(fn(", ".join(args), r, body), inputs)


@pytest.mark.parametrize("keep", ["true", "false"])
@pytest.mark.parametrize("axes", [[1], [0, -1], [2, 0]])
def test_reduce_with_runtime_axes(keep, axes):
    x = "tensor<2x3x4xf32>"
    rank = 3 if keep == "true" else 3 - len(axes)
    r = "tensor<" + "?x" * rank + "f32>"
    arr, t = _param(axes)
    for name in ("reduce_sum", "reduce_mean", "reduce_max"):
        body = (f"%r = nn.{name} %x, %a {{keepdims = {keep}}} : ({x}, {t}) -> {r}\n"
                f"return %r : {r}")  # fmt: skip
        compare(fn(f"%x: {x}, %a: {t}", r, body), [f32(2, 3, 4), arr], rtol=1e-5)


@pytest.mark.parametrize("mode", ["constant", "reflect"])
def test_pad_split_expand_with_runtime_parameters(mode):
    x = "tensor<3x4xf32>"
    pads, pt = _param([1, -1, 0, 2])
    split, st = _param([1, 2])
    shape, et = _param([2, 1, 1])
    body = f"""%p = nn.pad %x, %pads {{mode = "{mode}"}} : ({x}, {pt}) -> tensor<?x?xf32>
%a, %b = nn.split %x, %split : ({x}, {st}) -> (tensor<?x4xf32>, tensor<?x4xf32>)
%e = nn.expand %x, %shape : ({x}, {et}) -> tensor<?x3x4xf32>
return %p, %b, %e : tensor<?x?xf32>, tensor<?x4xf32>, tensor<?x3x4xf32>"""
    args = f"%x: {x}, %pads: {pt}, %split: {st}, %shape: {et}"
    results = "tensor<?x?xf32>, tensor<?x4xf32>, tensor<?x3x4xf32>"
    compare(fn(args, results, body), [f32(3, 4), pads, split, shape])


@pytest.mark.parametrize("target", [[2, -1, 3], [0, 0, 0], [4, 0, 3]])
def test_reshape_with_a_runtime_shape(target):
    x, r = "tensor<4x2x3xf32>", "tensor<?x?x?xf32>"
    text = fn(f"%x: {x}, %s: tensor<3xi64>", r,
              f"%r = nn.reshape %x, %s : ({x}, tensor<3xi64>) -> {r}\nreturn %r : {r}")  # fmt: skip
    compare(text, [f32(4, 2, 3), np.array(target, np.int64)])


@pytest.mark.parametrize("axes", [[0], [-1], [2, 0]])
def test_unsqueeze_with_runtime_axes(axes):
    x, r = "tensor<3x4xf32>", "tensor" + "<" + "?x" * (2 + len(axes)) + "f32>"
    v = f"tensor<{len(axes)}xi64>"
    text = fn(f"%x: {x}, %a: {v}", r,
              f"%r = nn.unsqueeze %x, %a : ({x}, {v}) -> {r}\nreturn %r : {r}")  # fmt: skip
    compare(text, [f32(3, 4), np.array(axes, np.int64)])


@pytest.mark.parametrize("axes", [[0], [-2], [2, 0]])
def test_squeeze_with_runtime_axes(axes):
    x = "tensor<1x3x1x1xf32>"
    r = "tensor" + "<" + "?x" * (4 - len(axes)) + "f32>"
    v = f"tensor<{len(axes)}xi64>"
    text = fn(f"%x: {x}, %a: {v}", r,
              f"%r = nn.squeeze %x, %a : ({x}, {v}) -> {r}\nreturn %r : {r}")  # fmt: skip
    compare(text, [f32(1, 3, 1, 1), np.array(axes, np.int64)])


def test_cast_to_sub_byte_integers_out_of_range():
    x = np.array([-20.7, -9, -8.5, 7.9, 8, 9, 15, 16, 17, 100, np.nan, -0.5], np.float32)
    for dst in ("i4", "ui4", "i2", "ui2"):
        a, r = "tensor<12xf32>", f"tensor<12x{dst}>"
        compare(fn(f"%x: {a}", r, f"%r = nn.cast %x : {a} to {r}\nreturn %r : {r}"), [x])


def test_every_nn_op_has_a_lowering():
    from dialir.conversions.nn_to_affine import LOWERINGS
    from dialir.dialects.nn.ops import OPS

    # nn.constant becomes a memref.global when used; nn.yield lives in nn.elementwise bodies
    missing = {c.OP_NAME for c in OPS} - set(LOWERINGS) - {"nn.constant", "nn.yield"}
    assert not missing


def test_out_params_with_fused_epilogue_and_dynamic_batch():
    text = fn(
        "%x: tensor<?x2x4x4xf32>, %w: tensor<3x2x3x3xf32>", "tensor<?x3x2x2xf32>",
        """%c = nn.conv2d %x, %w : (tensor<?x2x4x4xf32>, tensor<3x2x3x3xf32>) -> tensor<?x3x2x2xf32>
%r = nn.elementwise %c {epilogue} : (tensor<?x3x2x2xf32>) -> tensor<?x3x2x2xf32> {
^bb0(%a: f32):
  %t = math.tanh %a : f32
  nn.yield %t : f32
}
return %r : tensor<?x3x2x2xf32>""",
    )  # fmt: skip
    module = compare(text, [f32(2, 2, 4, 4), f32(3, 2, 3, 3)], out_params=True, rtol=1e-5,
                     pipeline="builtin.module(convert-nn-to-affine{buffer-results-to-out-params})")  # fmt: skip
    assert not [op for op in module.walk() if op.name in ("memref.alloc", "memref.copy")]


CALLS = """func.func private @g(%x: tensor<3xf32>) -> tensor<3xf32> {
  %r = nn.exp %x : tensor<3xf32>
  return %r : tensor<3xf32>
}
func.func @f(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %a = call @g(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %b = nn.add %a, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %i = nn.identity %x : tensor<3xf32>
  return %b, %i : tensor<3xf32>, tensor<3xf32>
}"""


@pytest.mark.parametrize("out_params", [False, True])
def test_calls_and_returned_arguments(out_params):
    opt = "{buffer-results-to-out-params}" if out_params else ""
    module = compare(CALLS, [f32(3)], name="f", out_params=out_params,
                     pipeline=f"builtin.module(convert-nn-to-affine{opt})")  # fmt: skip
    f = [op for op in module.walk() if op.name == "func.func"][1]
    names = [op.name for op in f.walk()]
    # the callee's result is freed after its last use; a returned argument is copied
    assert names.count("memref.dealloc") == 1 and "memref.copy" in names


def test_cast_between_half_types():
    for src, dst in (("f16", "bf16"), ("bf16", "f16")):
        a, r = f"tensor<4x{src}>", f"tensor<4x{dst}>"
        x = f32(4).astype(np.float16) if src == "f16" else f32(4)
        compare(fn(f"%x: {a}", r, f"%r = nn.cast %x : {a} to {r}\nreturn %r : {r}"), [x])


@pytest.mark.parametrize("n", [7, 6, 2])
def test_split_dynamic_equal_parts(n):
    t = "tensor<?x3xf32>"
    body = (f"%a, %b, %c = nn.split %x {{axis = 0 : i64}} : ({t}) -> ({t}, {t}, {t})\n"
            f"return %a, %b, %c : {t}, {t}, {t}")  # fmt: skip
    compare(fn(f"%x: {t}", f"{t}, {t}, {t}", body), [f32(n, 3)])


@pytest.mark.parametrize("mode", ["constant", "edge", "reflect", "wrap"])
def test_pad_and_gather_dynamic(mode):
    x, r = "tensor<?x3xf32>", "tensor<?x5xf32>"
    body = f"""%p = nn.constant dense<[1, 1, 0, 1]> : tensor<4xi64>
%r = nn.pad %x, %p {{mode = "{mode}"}} : ({x}, tensor<4xi64>) -> {r}
%g = nn.gather %x, %i {{axis = 0 : i64}} : ({x}, tensor<2xi64>) -> tensor<2x3xf32>
return %r, %g : {r}, tensor<2x3xf32>"""
    text = fn(f"%x: {x}, %i: tensor<2xi64>", f"{r}, tensor<2x3xf32>", body)
    compare(text, [f32(4, 3), np.array([-1, 2], np.int64)])


# ONNX's multidirectional broadcasting of dynamic sizes: a run-time 1 against N.
@pytest.mark.parametrize(("lhs", "rhs", "result", "shapes"), [
    ("?x3", "?x3", "?x3", [(1, 3), (4, 3)]),
    ("?x?", "?x?", "?x?", [(4, 1), (1, 3)]),
    ("?", "4", "4", [(1,), (4,)]),
])  # fmt: skip
def test_add_broadcasts_dynamic_sizes(lhs, rhs, result, shapes):
    a, b, r = (f"tensor<{s}xf32>" for s in (lhs, rhs, result))
    text = fn(f"%a: {a}, %b: {b}", r, f"%r = nn.add %a, %b : ({a}, {b}) -> {r}\nreturn %r : {r}")
    compare(text, [f32(*s) for s in shapes])


def test_matmul_broadcasts_a_dynamic_batch_of_one():
    a, b, r = "tensor<?x2x3xf32>", "tensor<?x3x4xf32>", "tensor<?x2x4xf32>"
    text = fn(f"%a: {a}, %b: {b}", r, f"%r = nn.matmul %a, %b : ({a}, {b}) -> {r}\nreturn %r : {r}")
    compare(text, [f32(1, 2, 3), f32(5, 3, 4)], rtol=1e-5, atol=1e-5)
