"""arith-expand on the small float formats and convert-math-to-funcs on ipowi/fpowi, checked
against ml_dtypes (and the interpreter's math.ipowi/fpowi) three ways: the interpreter
before the expansion, the interpreter after it, and native code through the JIT.

extf is checked on every code of every format; truncf on f32 samples covering every
exponent, every value of every format, the halfway points between neighbours and the
values just beside them, subnormals, inf and NaN (and on f64, f16 and bf16 sources)."""

from __future__ import annotations

import ml_dtypes
import numpy as np
import pytest

from dialir.core.ir.dtypes import float_dtype
from dialir.core.passes import PassManager
from dialir.dialects.arith.transforms.expand import FAMILIES, SEMANTICS
from dialir.execution.interpreter import run_function
from dialir.execution.jit import ExecutionEngine
from dialir.parser.parser import parse

EXPAND = "arith-expand{include-f8 include-f8e8m0 include-f6 include-f4e2m1}"
KINDS = [k for kinds in FAMILIES.values() for k in kinds if float_dtype(k) is not None]
NUMPY = {"f32": np.float32, "f64": np.float64, "f16": np.float16, "bf16": ml_dtypes.bfloat16}


def _codes(kind: str) -> np.ndarray:
    return np.arange(1 << SEMANTICS[kind].width, dtype=np.uint8).view(float_dtype(kind))


def _samples(kind: str, src: str) -> np.ndarray:
    """Every value of `kind`, the halfway points between neighbours and the f32 values one
    ulp beside them, random bit patterns and normals over every exponent, the specials."""
    values = np.unique(_codes(kind).astype(np.float64))
    values = values[np.isfinite(values)]
    mid = (values[1:] + values[:-1]) / 2
    pts = np.concatenate([values, mid, values * 1.5, -mid]).astype(np.float32)
    pts = np.concatenate([pts, np.nextafter(pts, np.inf), np.nextafter(pts, -np.inf)])
    rng = np.random.default_rng(len(kind))
    bits = rng.integers(0, 2**32, 20000, dtype=np.uint64).astype(np.uint32).view(np.float32)
    scaled = rng.standard_normal(20000) * np.exp2(rng.integers(-150, 130, 20000))
    special = [0.0, -0.0, np.inf, -np.inf, np.nan, -np.nan, 1e-45, 2**-127, 2**-126, 3e38]
    with np.errstate(all="ignore"):
        x = np.concatenate([pts, bits, scaled.astype(np.float32), np.array(special, np.float32)])
        if src == "f64":  # values f32 would round first: direct rounding differs on them
            x = np.concatenate([x.astype(np.float64), mid * (1 + 2.0**-40), mid * (1 - 2.0**-40)])
        return x.astype(NUMPY[src])


def _cast_func(op: str, n: int, a: str, b: str, memref: bool) -> str:
    """`@f(x: a[n]) -> b[n]` applying arith `op` elementwise: on tensors for the interpreter,
    or as a loop over memrefs (which lowers to LLVM)."""
    if not memref:
        return f"""func.func @f(%x: tensor<{n}x{a}>) -> tensor<{n}x{b}> {{
  %r = arith.{op} %x : tensor<{n}x{a}> to tensor<{n}x{b}>
  return %r : tensor<{n}x{b}>
}}"""
    return f"""func.func @f(%x: memref<{n}x{a}>, %y: memref<{n}x{b}>) {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant {n} : index
  cf.br ^loop(%c0 : index)
^loop(%i: index):
  %more = arith.cmpi slt, %i, %n : index
  cf.cond_br %more, ^body, ^done
^body:
  %v = memref.load %x[%i] : memref<{n}x{a}>
  %r = arith.{op} %v : {a} to {b}
  memref.store %r, %y[%i] : memref<{n}x{b}>
  %i2 = arith.addi %i, %c1 : index
  cf.br ^loop(%i2 : index)
^done:
  return
}}"""


def _interpret(op: str, x: np.ndarray, a: str, b: str, expand: bool) -> np.ndarray:
    module = parse(_cast_func(op, len(x), a, b, memref=False))
    if expand:
        PassManager.parse(f"builtin.module(func.func({EXPAND}))").run(module)
        assert not any(o.name == f"arith.{op}" and b in str(o.results[0].type)
                       and a in str(o.operands[0].type) for o in module.walk())  # fmt: skip
    with np.errstate(all="ignore"):
        return np.asarray(run_function(module, "f", [x])[0])


def _jit(op: str, x: np.ndarray, a: str, b: str, out_dtype, tmp_path) -> np.ndarray:
    module = parse(_cast_func(op, len(x), a, b, memref=True))
    pipeline = f"builtin.module({EXPAND}, convert-to-llvm, reconcile-unrealized-casts)"
    PassManager.parse(pipeline).run(module)
    engine = ExecutionEngine(module, opt_level=2, cache=str(tmp_path))
    out = np.zeros(len(x), out_dtype)
    engine["f"](np.ascontiguousarray(x), out)
    return out


def _same_bits(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Equal bit patterns, any NaN matching a NaN of the same sign."""
    width = want.dtype.itemsize
    g = got.view(f"u{width}") if width > 1 else got.view(np.uint8)
    w = want.view(f"u{width}") if width > 1 else want.view(np.uint8)
    same = g == w
    if want.dtype.kind == "f":
        same |= np.isnan(got) & np.isnan(want) & (np.signbit(got) == np.signbit(want))
    return same


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("dst", ["f32", "f16", "f64", "bf16"])
def test_extf_every_code(kind, dst, tmp_path) -> None:
    codes = _codes(kind)
    with np.errstate(all="ignore"):
        want = codes.astype(NUMPY[dst])
    before = _interpret("extf", codes, kind, dst, expand=False)
    after = _interpret("extf", codes, kind, dst, expand=True)
    native = _jit("extf", codes, kind, dst, NUMPY[dst], tmp_path)
    for name, got in (("interpreter", before), ("expanded", after), ("native", native)):
        bad = ~_same_bits(got.astype(want.dtype), want)
        assert not bad.any(), (name, codes.view(np.uint8)[bad][:8], got[bad][:8], want[bad][:8])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("src", ["f32", "f64", "f16", "bf16"])
def test_truncf_rounds_as_ml_dtypes(kind, src, tmp_path) -> None:
    x = _samples(kind, src)
    dtype = float_dtype(kind)
    with np.errstate(all="ignore"):
        want = x.astype(dtype).view(np.uint8)
    before = _interpret("truncf", x, src, kind, expand=False).view(np.uint8)
    after = _interpret("truncf", x, src, kind, expand=True).view(np.uint8)
    native = _jit("truncf", x, src, kind, dtype, tmp_path).view(np.uint8)
    for name, got in (("interpreter", before), ("expanded", after), ("native", native)):
        bad = got != want
        assert not bad.any(), (name, x[bad][:8], got[bad][:8], want[bad][:8])


def test_f4_memrefs_hold_one_code_per_byte_zero_extended(tmp_path) -> None:
    """f4E2M1FN is i4 in LLVM, one per byte: codes come in and go out as ml_dtypes lays
    them out (the low nibble, the high one zero)."""
    codes = _codes("f4E2M1FN")
    back = _jit("truncf", codes.astype(np.float32), "f32", "f4E2M1FN", codes.dtype, tmp_path)
    assert back.view(np.uint8).tolist() == list(range(16))


def test_constants_become_their_codes() -> None:
    module = parse("""func.func @f() -> (f8E4M3FN, f4E2M1FN, f8E8M0FNU, vector<3xf8E5M2>) {
  %a = arith.constant 1.5 : f8E4M3FN
  %b = arith.constant -6.0 : f4E2M1FN
  %c = arith.constant 0.25 : f8E8M0FNU
  %d = arith.constant dense<[1.5, -2.0, 57344.0]> : vector<3xf8E5M2>
  return %a, %b, %c, %d : f8E4M3FN, f4E2M1FN, f8E8M0FNU, vector<3xf8E5M2>
}""")
    PassManager.parse(f"builtin.module(func.func({EXPAND}))").run(module)
    text = str(module)
    assert "arith.constant 60 : i8" in text and "arith.constant -1 : i4" in text
    assert "arith.constant 125 : i8" in text
    assert "arith.constant dense<[62, -64, 123]> : vector<3xi8>" in text
    outs = [np.asarray(o).astype(np.float64).tolist() for o in run_function(module, "f", [])]
    assert outs == [1.5, -6.0, 0.25, [1.5, -2.0, 57344.0]]


# -- convert-math-to-funcs -------------------------------------------------------------------

POW = """
func.func @ipowi(%a: memref<?x{t}>, %b: memref<?x{t}>, %out: memref<?x{t}>) {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %a, %c0 : memref<?x{t}>
  cf.br ^loop(%c0 : index)
^loop(%i: index):
  %more = arith.cmpi slt, %i, %n : index
  cf.cond_br %more, ^body, ^done
^body:
  %x = memref.load %a[%i] : memref<?x{t}>
  %y = memref.load %b[%i] : memref<?x{t}>
  %r = math.ipowi %x, %y : {t}
  memref.store %r, %out[%i] : memref<?x{t}>
  %i2 = arith.addi %i, %c1 : index
  cf.br ^loop(%i2 : index)
^done:
  return
}}
func.func @fpowi(%a: f64, %p: {t}) -> f64 {{
  %r = math.fpowi %a, %p : f64, {t}
  return %r : f64
}}
"""


def _pow_inputs(dtype) -> tuple[np.ndarray, np.ndarray]:
    info = np.iinfo(dtype)
    bases = np.array([0, 1, -1, 2, -2, 3, -3, 7, 10, info.max, info.min], dtype)
    exps = np.array([0, 1, 2, 3, 5, 31, 62, 63, 64, -1, -2, -3, info.max, info.min], dtype)
    a, b = (m.ravel() for m in np.meshgrid(bases, exps))
    keep = ~((a == 0) & (b < 0))  # division by zero: undefined
    return a[keep], b[keep]


@pytest.mark.parametrize("t", ["i32", "i64", "i8"])
def test_ipowi_outlined_matches_the_interpreter_and_runs_natively(t, tmp_path) -> None:
    dtype = np.dtype(f"int{t[1:]}")
    a, b = _pow_inputs(dtype)
    text = POW.format(t=t)
    want = np.zeros_like(a)
    run_function(parse(text), "ipowi", [a, b, want])
    module = parse(text)
    PassManager.parse("builtin.module(convert-math-to-funcs)").run(module)
    assert not any(o.name == "math.ipowi" for o in module.walk())
    got = np.zeros_like(a)
    run_function(module, "ipowi", [a, b, got])
    np.testing.assert_array_equal(got, want)
    PassManager.parse("builtin.module(convert-to-llvm, reconcile-unrealized-casts)").run(module)
    native = np.zeros_like(a)
    ExecutionEngine(module, opt_level=2, cache=str(tmp_path))["ipowi"](a, b, native)
    np.testing.assert_array_equal(native, want)


@pytest.mark.parametrize("t", ["i32", "i64"])
def test_fpowi_outlined_matches_the_interpreter(t) -> None:
    dtype = np.dtype(f"int{t[1:]}")
    info = np.iinfo(dtype)
    text = POW.format(t=t)
    module = parse(text)
    PassManager.parse("builtin.module(convert-math-to-funcs)").run(module)
    for base in (0.5, -1.5, 2.0, 1.0000001, 0.0, -0.0):
        # MAX(i64) is odd but not a float64: the interpreter's power cannot take it exactly
        for p in (0, 1, 2, 3, -1, -4, 31, 2**31 - 1, info.min):
            args = [np.float64(base), dtype.type(p)]
            with np.errstate(all="ignore"):
                want = np.asarray(run_function(parse(text), "fpowi", args)[0])
                got = np.asarray(run_function(module, "fpowi", args)[0])
            # squaring rounds at each step: 1.0000001 ** MAX(i32) is off by 31 roundings
            np.testing.assert_allclose(got, want, rtol=1e-7, err_msg=f"{base} ** {p}")


def test_min_width_of_fpowi_exponent_keeps_narrow_exponents() -> None:
    module = parse(POW.format(t="i32"))
    PassManager.parse("builtin.module(convert-math-to-funcs{min-width-of-fpowi-exponent=33})").run(
        module
    )
    names = [o.name for o in module.walk()]
    assert "math.fpowi" in names and "math.ipowi" not in names
