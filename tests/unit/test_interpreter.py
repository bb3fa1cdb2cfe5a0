"""The reference interpreter (`dialir.execution.interpreter`).

Integer, comparison and cast semantics are cross-checked against the arith constant folders
(which compute exactly on Python ints): two independent implementations of MLIR's rules.
Control flow, calls, memrefs and errors are checked on small MLIR programs.
"""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from dialir.core.ir.attrs import DenseElementsAttr
from dialir.core.ir.dialect import load_dialect
from dialir.core.ir.types import IndexType, IntegerType, RankedTensorType
from dialir.dialects import arith
from dialir.dialects.arith.folding import NoFold, fold_cmp, fold_int_binary
from dialir.dialects.arith.ops import CMPF_PREDICATES, CMPI_PREDICATES
from dialir.execution import (
    Interpreter,
    InterpreterError,
    Jump,
    register_handler,
    register_interpreter_module,
    run_function,
)
from dialir.execution.interpreter import handler_for, storage_dtype
from dialir.parser.parser import parse


def _run(text: str, name: str, *inputs):
    return run_function(parse(text, "test.mlir"), name, list(inputs))


def _error(text: str, name: str, *inputs) -> str:
    with pytest.raises(InterpreterError) as info:
        _run(text, name, *inputs)
    d = info.value.diagnostics[0]
    loc = d.location
    where = f"{loc.line}:{loc.column}: " if hasattr(loc, "line") else ""
    return where + d.message


# -- control flow and calls ----------------------------------------------------------------

FACTORIAL = """
func.func @factorial(%n: i64) -> i64 {
  %c1 = arith.constant 1 : i64
  cf.br ^loop(%n, %c1 : i64, i64)
^loop(%i: i64, %acc: i64):
  %done = arith.cmpi sle, %i, %c1 : i64
  cf.cond_br %done, ^exit(%acc : i64), ^body
^body:
  %acc2 = arith.muli %acc, %i : i64
  %i2 = arith.subi %i, %c1 : i64
  cf.br ^loop(%i2, %acc2 : i64, i64)
^exit(%r: i64):
  return %r : i64
}

func.func @recursive(%n: i32) -> i32 {
  %c1 = arith.constant 1 : i32
  %le = arith.cmpi sle, %n, %c1 : i32
  cf.cond_br %le, ^base, ^step
^base:
  return %c1 : i32
^step:
  %m = arith.subi %n, %c1 : i32
  %r = call @recursive(%m) : (i32) -> i32
  %p = arith.muli %n, %r : i32
  return %p : i32
}

func.func @indirect(%n: i32) -> i32 {
  %f = constant @recursive : (i32) -> i32
  %r = call_indirect %f(%n) : (i32) -> i32
  return %r : i32
}
"""


def test_factorial_with_branches() -> None:
    (r,) = _run(FACTORIAL, "factorial", np.int64(20))
    assert r == math.factorial(20) and r.dtype == np.int64
    (r,) = _run(FACTORIAL, "factorial", 21)  # a Python int is accepted and wraps like i64
    assert int(r) == (math.factorial(21) + 2**63) % 2**64 - 2**63


def test_recursive_and_indirect_calls() -> None:
    assert _run(FACTORIAL, "recursive", np.int32(10)) == [3628800]
    (r,) = _run(FACTORIAL, "indirect", np.int32(13))  # 13! wraps in i32
    assert int(r) == (math.factorial(13) + 2**31) % 2**32 - 2**31


def test_runaway_recursion_is_an_error() -> None:
    text = "func.func @f(%x: i32) -> i32 {\n  %r = call @f(%x) : (i32) -> i32\n  return %r : i32\n}"
    with pytest.raises(InterpreterError, match="call depth exceeds 50"):
        run_function(parse(text), "f", [1], max_call_depth=50)


def test_switch() -> None:
    text = """
    func.func @f(%x: i32) -> i32 {
      %a = arith.constant 100 : i32
      cf.switch %x : i32, [
        default: ^d(%a : i32),
        5: ^five,
        -7: ^d(%x : i32)
      ]
    ^five:
      %c = arith.constant 55 : i32
      return %c : i32
    ^d(%v: i32):
      return %v : i32
    }"""
    assert [int(_run(text, "f", np.int32(x))[0]) for x in (5, -7, 0)] == [55, -7, 100]


def test_assert_failure_names_the_message() -> None:
    text = """func.func @f(%x: i1) {
  cf.assert %x, "x must hold"
  return
}"""
    assert _run(text, "f", True) == []
    assert _error(text, "f", False) == "2:3: 'cf.assert' op assertion failed: x must hold"


def test_external_function() -> None:
    text = """
    func.func private @ext(i32) -> i32
    func.func @f(%x: i32) -> i32 {
      %r = call @ext(%x) : (i32) -> i32
      return %r : i32
    }"""
    module = parse(text)
    interp = Interpreter(module, externals={"ext": lambda x: [x * np.int32(3)]})
    assert interp.run("f", [np.int32(7)]) == [21]
    with pytest.raises(InterpreterError, match="'@ext' is an external declaration"):
        run_function(module, "f", [np.int32(7)])


def test_error_in_callee_notes_the_call_site() -> None:
    text = """func.func @div(%a: i32, %b: i32) -> i32 {
  %r = arith.divsi %a, %b : i32
  return %r : i32
}
func.func @f(%a: i32) -> i32 {
  %z = arith.constant 0 : i32
  %r = call @div(%a, %z) : (i32, i32) -> i32
  return %r : i32
}"""
    with pytest.raises(InterpreterError) as info:
        _run(text, "f", np.int32(1))
    d = info.value.diagnostics[0]
    assert d.message == "'arith.divsi' op division by zero"
    assert (d.location.line, d.notes[0].message, d.notes[0].location.line) == (
        2, "called from here", 7,
    )  # fmt: skip


# -- inputs --------------------------------------------------------------------------------

SHAPES = """func.func @f(%a: tensor<2x?xf32>, %b: memref<3xi8>, %c: index) -> tensor<2x?xf32> {
  return %a : tensor<2x?xf32>
}"""


def test_inputs_are_checked_against_the_function_type() -> None:
    a, b = np.zeros((2, 5), np.float32), np.zeros(3, np.int8)
    (r,) = _run(SHAPES, "f", a, b, 4)
    assert r is a
    cases = [
        ((a, b), "@f takes 3 arguments, 2 were given"),
        (
            (a.astype(np.float64), b, 1),
            "argument #0 ('a'): expected tensor<2x?xf32> (dtype float32)",
        ),
        ((np.zeros((3, 5), np.float32), b, 1), "dimension 0 is 3, not 2"),
        ((np.zeros(2, np.float32), b, 1), "expected tensor<2x?xf32> (rank 2)"),
        ((a, np.zeros(4, np.int8), 1), "argument #1 ('b'): expected memref<3xi8>"),
        ((a, b, 1.5), "argument #2 ('c'): expected an integer value of type index"),
        ((a, b, np.int32(1)), "argument #2 ('c'): expected index (dtype int64)"),
        ((a, b, "x"), "argument #2 ('c'): expected a scalar index, got a Python str"),
    ]
    for args, message in cases:
        assert message in _error(SHAPES, "f", *args)


def test_unknown_function() -> None:
    assert "no function named 'g' (functions: @f)" in _error(SHAPES, "g")


def test_python_scalars_are_range_checked() -> None:
    text = "func.func @f(%x: i8) -> i8 {\n  return %x : i8\n}"
    assert _run(text, "f", -128) == [-128]
    assert "value 128 is out of range for type i8" in _error(text, "f", 128)


# -- integer semantics against the folders ---------------------------------------------------

INT_TYPES = [IntegerType(8), IntegerType(32), IntegerType(64), IndexType(), IntegerType(3),
             IntegerType(1)]  # fmt: skip
INT_BINARY = [
    arith.AddIOp, arith.SubIOp, arith.MulIOp, arith.DivSIOp, arith.DivUIOp, arith.CeilDivSIOp,
    arith.CeilDivUIOp, arith.FloorDivSIOp, arith.RemSIOp, arith.RemUIOp, arith.AndIOp,
    arith.OrIOp, arith.XOrIOp, arith.ShLIOp, arith.ShRSIOp, arith.ShRUIOp, arith.MaxSIOp,
    arith.MinSIOp, arith.MaxUIOp, arith.MinUIOp,
]  # fmt: skip


def _width(t) -> int:
    return 64 if isinstance(t, IndexType) else t.width


def _values(t, n: int = 24) -> list[int]:
    """Signed values of type `t`: the edges, then random ones."""
    w = _width(t)
    lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1
    edges = sorted(v for v in {lo, lo + 1, -2, -1, 0, 1, 2, hi - 1, hi} if lo <= v <= hi)
    rng = np.random.default_rng(w)
    rand = [int(x) for x in rng.integers(lo, hi, size=n, endpoint=True)]
    return edges + rand


def _pairs(t) -> tuple[list[int], list[int]]:
    vals = _values(t)
    a = [x for x in vals for _ in vals]
    b = [y for _ in vals for y in vals]
    return a, b


def _tensor(values: list[int], t) -> np.ndarray:
    return np.array(values, dtype=np.int64).astype(storage_dtype(t))


def _tt(t, n: int) -> RankedTensorType:
    return RankedTensorType([n], t)


def _dense(values: list[int], t) -> DenseElementsAttr:
    return DenseElementsAttr(_tt(t, len(values)), np.array(values, dtype=np.int64).astype(
        storage_dtype(t)))  # fmt: skip


@pytest.mark.parametrize("op_class", INT_BINARY, ids=lambda c: c.OP_NAME)
@pytest.mark.parametrize("t", INT_TYPES, ids=str)
def test_integer_binary_ops_match_the_folders(op_class, t) -> None:
    a, b = _pairs(t)
    w = _width(t)
    kernel = op_class.kernel
    # Pairs with undefined results (x / 0, MIN / -1, shifts past the width) are errors in
    # the interpreter and not folded: test them apart.
    defined = []
    for x, y in zip(a, b):
        try:
            kernel(x % (1 << w), y % (1 << w), w)
            defined.append((x, y))
        except NoFold:
            pass
    a, b = [x for x, _ in defined], [y for _, y in defined]
    n = len(a)
    tt = _tt(t, n)
    expected = fold_int_binary(_dense(a, t), _dense(b, t), tt, kernel).array
    text = (
        f"func.func @f(%a: {tt}, %b: {tt}) -> {tt} {{\n"
        f"  %r = {op_class.OP_NAME} %a, %b : {tt}\n  return %r : {tt}\n}}"
    )
    (got,) = _run(text, "f", _tensor(a, t), _tensor(b, t))
    assert got.dtype == storage_dtype(t)
    np.testing.assert_array_equal(got, expected)
    # The scalar path agrees with the array path.
    st = str(t)
    scalar = (
        f"func.func @f(%a: {st}, %b: {st}) -> {st} {{\n"
        f"  %r = {op_class.OP_NAME} %a, %b : {st}\n  return %r : {st}\n}}"
    )
    fn = Interpreter(parse(scalar))
    dtype = storage_dtype(t)
    for i in range(0, n, max(1, n // 40)):
        (r,) = fn.run("f", [_tensor([a[i]], t)[0], _tensor([b[i]], t)[0]])
        assert r == expected[i] and r.dtype == dtype, (a[i], b[i])


@pytest.mark.parametrize("op_name,args,message", [
    ("arith.divsi", (7, 0), "division by zero"),
    ("arith.remui", (7, 0), "division by zero"),
    ("arith.divsi", (-128, -1), "signed division overflow (minimum value divided by -1)"),
    ("arith.shli", (1, 8), "shift amount is not less than the bit width (8)"),
    ("arith.shrsi", (1, -1), "shift amount is not less than the bit width (8)"),
])  # fmt: skip
def test_undefined_integer_results_are_errors(op_name, args, message) -> None:
    text = (
        f"func.func @f(%a: i8, %b: i8) -> i8 {{\n  %r = {op_name} %a, %b : i8\n  return %r : i8\n}}"
    )
    assert _error(text, "f", *args) == f"2:8: '{op_name}' op {message}"


@pytest.mark.parametrize("pred", range(len(CMPI_PREDICATES)), ids=CMPI_PREDICATES)
@pytest.mark.parametrize("t", INT_TYPES, ids=str)
def test_cmpi_matches_the_folder(pred, t) -> None:
    from dialir.dialects.arith.ops import _CMPI

    a, b = _pairs(t)
    tt, bt = _tt(t, len(a)), _tt(IntegerType(1), len(a))
    expected = fold_cmp(_dense(a, t), _dense(b, t), bt, _CMPI[pred]).array
    text = (
        f"func.func @f(%a: {tt}, %b: {tt}) -> {bt} {{\n"
        f"  %r = arith.cmpi {CMPI_PREDICATES[pred]}, %a, %b : {tt}\n  return %r : {bt}\n}}"
    )
    (got,) = _run(text, "f", _tensor(a, t), _tensor(b, t))
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("pred", range(len(CMPF_PREDICATES)), ids=CMPF_PREDICATES)
def test_cmpf_matches_the_folder(pred) -> None:
    from dialir.dialects.arith.ops import _CMPF

    vals = [-np.inf, -1.5, -0.0, 0.0, 2.0, np.inf, np.nan]
    a = [x for x in vals for _ in vals]
    b = [y for _ in vals for y in vals]
    expected = [_CMPF[pred](x, y, 0) for x, y in zip(a, b)]
    n = len(a)
    text = (
        f"func.func @f(%a: tensor<{n}xf32>, %b: tensor<{n}xf32>) -> tensor<{n}xi1> {{\n"
        f"  %r = arith.cmpf {CMPF_PREDICATES[pred]}, %a, %b : tensor<{n}xf32>\n"
        f"  return %r : tensor<{n}xi1>\n}}"
    )
    (got,) = _run(text, "f", np.array(a, np.float32), np.array(b, np.float32))
    np.testing.assert_array_equal(got, expected)
    scalar = (
        "func.func @f(%a: f64, %b: f64) -> i1 {\n"
        f"  %r = arith.cmpf {CMPF_PREDICATES[pred]}, %a, %b : f64\n  return %r : i1\n}}"
    )
    fn = Interpreter(parse(scalar))
    assert [bool(fn.run("f", [x, y])[0]) for x, y in zip(a, b)] == expected


CASTS = [
    ("arith.extsi", "i8", "i32"), ("arith.extui", "i8", "i32"), ("arith.extsi", "i1", "i8"),
    ("arith.extui", "i1", "i64"), ("arith.extsi", "i3", "i16"), ("arith.extui", "i3", "i16"),
    ("arith.trunci", "i32", "i8"), ("arith.trunci", "i64", "i1"), ("arith.trunci", "i16", "i3"),
    ("arith.index_cast", "i8", "index"), ("arith.index_cast", "index", "i16"),
    ("arith.sitofp", "i32", "f32"), ("arith.uitofp", "i8", "f64"), ("arith.sitofp", "i1", "f32"),
    ("arith.uitofp", "i64", "f32"), ("arith.sitofp", "i64", "f16"),
    ("arith.fptosi", "f32", "i8"), ("arith.fptoui", "f64", "i8"), ("arith.fptosi", "f32", "i64"),
    ("arith.extf", "f16", "f64"), ("arith.truncf", "f64", "f32"), ("arith.truncf", "f32", "f16"),
    ("arith.bitcast", "f32", "i32"), ("arith.bitcast", "i16", "f16"),
    ("arith.bitcast", "i64", "f64"),
]  # fmt: skip


def _cast_inputs(src: str) -> np.ndarray:
    t = parse(f"func.func private @x() -> {src}").body.first.get_attr("function_type").value
    t = t.results[0]
    if src.startswith("f"):
        vals = [-300.7, -129.0, -128.9, -1.5, -0.5, -0.0, 0.0, 0.4, 1.0, 2.5, 127.9, 200.2,
                255.9, 1e5, 3e9, -3e9]  # fmt: skip
        with np.errstate(over="ignore"):  # 3e9 is inf in f16, as intended
            return np.array(vals, dtype=storage_dtype(t))
    return _tensor(_values(t), t)


@pytest.mark.parametrize("name,src,dst", CASTS, ids=lambda x: str(x))
def test_casts_match_the_folders(name, src, dst) -> None:
    x = _cast_inputs(src)
    module = parse(
        f"func.func @f(%a: tensor<{x.size}x{src}>) -> tensor<{x.size}x{dst}> {{\n"
        f"  %r = {name} %a : tensor<{x.size}x{src}> to tensor<{x.size}x{dst}>\n"
        f"  return %r : tensor<{x.size}x{dst}>\n}}"
    )
    op = module.body.first.regions[0].blocks[0].first
    expected, keep = [], []
    for i, v in enumerate(x.tolist()):
        bits = v % (1 << _width(op.in_.type.element_type)) if isinstance(v, int) else v
        if isinstance(v, bool):
            bits = int(v)
        try:
            with np.errstate(over="ignore"):
                out = op.cast_element(np.float64(bits) if isinstance(bits, float) else bits)
        except NoFold:
            continue  # poison: out of range or not finite
        keep.append(i)
        expected.append(out)
    x = x[keep]
    module = parse(
        f"func.func @f(%a: tensor<{x.size}x{src}>) -> tensor<{x.size}x{dst}> {{\n"
        f"  %r = {name} %a : tensor<{x.size}x{src}> to tensor<{x.size}x{dst}>\n"
        f"  return %r : tensor<{x.size}x{dst}>\n}}"
    )
    (got,) = run_function(module, "f", [x])
    rt = module.body.first.get_attr("function_type").value.results[0]
    assert got.dtype == storage_dtype(rt)
    if dst.startswith("f"):
        np.testing.assert_array_equal(got, np.array(expected, dtype=got.dtype))
    else:
        w = 64 if dst == "index" else int(dst[1:])
        want = [(b + (1 << (w - 1))) % (1 << w) - (1 << (w - 1)) for b in expected]
        if w == 1:
            want = [bool(b & 1) for b in expected]
        np.testing.assert_array_equal(got, np.array(want).astype(got.dtype))


def test_fptosi_out_of_range_is_an_error() -> None:
    text = "func.func @f(%a: f32) -> i8 {\n  %r = arith.fptosi %a : f32 to i8\n  return %r : i8\n}"
    assert _run(text, "f", np.float32(-128.9)) == [-128]
    assert "value out of the range of 8-bit signed integers" in _error(text, "f", np.float32(128))
    assert "out of the range" in _error(text, "f", np.float32("nan"))


def test_float_ops_and_select_on_scalars_and_arrays() -> None:
    text = """func.func @f(%a: f32, %b: f32) -> (f32, f32, f32, f32, f32) {
  %m = arith.maximumf %a, %b : f32
  %n = arith.maxnumf %a, %b : f32
  %r = arith.remf %a, %b : f32
  %c = arith.cmpf olt, %a, %b : f32
  %s = arith.select %c, %a, %b : f32
  %neg = arith.negf %s : f32
  return %m, %n, %r, %s, %neg : f32, f32, f32, f32, f32
}"""
    nan = np.float32("nan")
    m, n, r, s, neg = _run(text, "f", np.float32(-7.5), np.float32(2.0))
    assert (m, n, r, s, neg) == (2.0, 2.0, -1.5, -7.5, 7.5)
    m, n, *_ = _run(text, "f", nan, np.float32(1.0))
    assert np.isnan(m) and n == 1.0
    vec = text.replace("f32", "tensor<3xf32>").replace("tensor<3xf32>, %a", "tensor<3xf32>, %a")
    vec = vec.replace("arith.cmpf olt, %a, %b : tensor<3xf32>",
                      "arith.cmpf olt, %a, %b : tensor<3xf32>")  # fmt: skip
    vec = vec.replace("%s = arith.select %c, %a, %b : tensor<3xf32>",
                      "%s = arith.select %c, %a, %b : tensor<3xi1>, tensor<3xf32>")  # fmt: skip
    a = np.array([1.0, 5.0, -2.0], np.float32)
    b = np.array([3.0, 4.0, nan], np.float32)
    *_, s, neg = _run(vec, "f", a, b)
    np.testing.assert_array_equal(s, [1.0, 4.0, nan])
    assert s.dtype == np.float32


def test_bf16_arithmetic_rounds_to_bf16() -> None:
    text = """func.func @f(%a: bf16, %b: bf16) -> (bf16, f32) {
  %s = arith.addf %a, %b : bf16
  %e = arith.extf %s : bf16 to f32
  return %s, %e : bf16, f32
}"""
    s, e = _run(text, "f", np.float32(1.0), np.float32(2.0**-9))
    assert s == 1.0 and e == 1.0 and s.dtype == np.float32  # 1 + 2^-9 rounds to 1 in bf16
    s, _ = _run(text, "f", np.float32(1.0), np.float32(2.0**-7))
    assert s == 1.0 + 2.0**-7


# -- math ----------------------------------------------------------------------------------


def test_math_ops() -> None:
    text = """func.func @f(%x: tensor<4xf32>, %i: tensor<4xi32>, %e: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) {
  %a = math.erf %x : tensor<4xf32>
  %b = math.round %x : tensor<4xf32>
  %c = math.rsqrt %x : tensor<4xf32>
  %d = math.ctlz %i : tensor<4xi32>
  %t = math.cttz %i : tensor<4xi32>
  %p = math.ctpop %i : tensor<4xi32>
  %q = math.ipowi %i, %e : tensor<4xi32>
  %abs = math.absi %i : tensor<4xi32>
  return %a, %b, %c, %d, %t, %p, %q, %abs : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>
}"""
    x = np.array([0.5, 2.5, 4.0, 0.25], np.float32)
    i = np.array([0, 1, -1, 12], np.int32)
    e = np.array([3, -2, 3, 9], np.int32)
    erf, rnd, rsq, clz, ctz, pop, powi, absi = _run(text, "f", x, i, e)
    np.testing.assert_allclose(erf, [math.erf(v) for v in x], rtol=1e-6)
    np.testing.assert_array_equal(rnd, [1.0, 3.0, 4.0, 0.0])  # ties away from zero
    np.testing.assert_allclose(rsq, 1 / np.sqrt(x), rtol=1e-6)
    np.testing.assert_array_equal(clz, [32, 31, 0, 28])
    np.testing.assert_array_equal(ctz, [32, 0, 0, 2])
    np.testing.assert_array_equal(pop, [0, 1, 32, 2])
    np.testing.assert_array_equal(powi, [0, 1, -1, (12**9 + 2**31) % 2**32 - 2**31])
    np.testing.assert_array_equal(absi, [0, 1, 1, 12])
    assert erf.dtype == np.float32 and powi.dtype == np.int32


# -- memref --------------------------------------------------------------------------------

MEMREF = """
memref.global "private" constant @table : memref<3xi32> = dense<[10, 20, 30]>
memref.global "private" @counter : memref<i32> = dense<0>

func.func @fill(%m: memref<?x?xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %rows = memref.dim %m, %c0 : memref<?x?xf32>
  %cols = memref.dim %m, %c1 : memref<?x?xf32>
  cf.br ^row(%c0 : index)
^row(%i: index):
  %more = arith.cmpi slt, %i, %rows : index
  cf.cond_br %more, ^col(%c0 : index), ^done
^col(%j: index):
  %more2 = arith.cmpi slt, %j, %cols : index
  cf.cond_br %more2, ^body, ^next
^body:
  %ii = arith.index_cast %i : index to i32
  %fi = arith.sitofp %ii : i32 to f32
  %x = arith.addf %fi, %v : f32
  memref.store %x, %m[%i, %j] : memref<?x?xf32>
  %j2 = arith.addi %j, %c1 : index
  cf.br ^col(%j2 : index)
^next:
  %i2 = arith.addi %i, %c1 : index
  cf.br ^row(%i2 : index)
^done:
  return
}

func.func @views(%m: memref<4x6xf32>) -> (memref<2x3xf32, strided<[12, 2], offset: 7>>, memref<6xf32, strided<[1], offset: 12>>, memref<24xf32>, memref<2x2x6xf32>, memref<3x2xf32>) {
  %s = memref.subview %m[1, 1] [2, 3] [2, 2] : memref<4x6xf32> to memref<2x3xf32, strided<[12, 2], offset: 7>>
  %row = memref.subview %m[2, 0] [1, 6] [1, 1] : memref<4x6xf32> to memref<6xf32, strided<[1], offset: 12>>
  %flat = memref.collapse_shape %m [[0, 1]] : memref<4x6xf32> into memref<24xf32>
  %e = memref.expand_shape %m [[0, 1], [2]] output_shape [2, 2, 6] : memref<4x6xf32> into memref<2x2x6xf32>
  %r = memref.reinterpret_cast %s to offset: [1], sizes: [3, 2], strides: [1, 3] : memref<2x3xf32, strided<[12, 2], offset: 7>> to memref<3x2xf32>
  return %s, %row, %flat, %e, %r : memref<2x3xf32, strided<[12, 2], offset: 7>>, memref<6xf32, strided<[1], offset: 12>>, memref<24xf32>, memref<2x2x6xf32>, memref<3x2xf32>
}

func.func @globals(%i: index) -> (i32, i32) {
  %t = memref.get_global @table : memref<3xi32>
  %v = memref.load %t[%i] : memref<3xi32>
  %c = memref.get_global @counter : memref<i32>
  %old = memref.load %c[] : memref<i32>
  %new = arith.addi %old, %v : i32
  memref.store %new, %c[] : memref<i32>
  return %v, %new : i32, i32
}

func.func @poke_table() {
  %t = memref.get_global @table : memref<3xi32>
  %c0 = arith.constant 0 : index
  %z = arith.constant 0 : i32
  memref.store %z, %t[%c0] : memref<3xi32>
  return
}

func.func @alloc_copy(%n: index) -> memref<?xi64> {
  %a = memref.alloc(%n) : memref<?xi64>
  %b = memref.alloca(%n) : memref<?xi64>
  %c0 = arith.constant 0 : index
  %c7 = arith.constant 7 : i64
  memref.store %c7, %b[%c0] : memref<?xi64>
  memref.copy %b, %a : memref<?xi64> to memref<?xi64>
  memref.dealloc %a : memref<?xi64>
  return %a : memref<?xi64>
}

func.func @load(%m: memref<2x3xf32>, %i: index, %j: index) -> f32 {
  %v = memref.load %m[%i, %j] : memref<2x3xf32>
  return %v : f32
}

func.func @cast(%m: memref<?xf32>) -> memref<4xf32> {
  %c = memref.cast %m : memref<?xf32> to memref<4xf32>
  return %c : memref<4xf32>
}
"""


def test_memref_loops_store_into_the_callers_array() -> None:
    m = np.zeros((3, 4), np.float32)
    assert _run(MEMREF, "fill", m, np.float32(0.5)) == []
    np.testing.assert_array_equal(m, np.arange(3)[:, None] + np.zeros(4) + 0.5)
    # A non-contiguous view is written back too.
    big = np.zeros((3, 8), np.float32)
    _run(MEMREF, "fill", big[:, ::2], np.float32(1.0))
    np.testing.assert_array_equal(big[:, ::2], np.arange(3)[:, None] + np.ones(4))
    assert not big[:, 1::2].any()


def test_memref_views_share_the_buffer() -> None:
    m = np.arange(24, dtype=np.float32).reshape(4, 6)
    s, row, flat, e, r = _run(MEMREF, "views", m)
    np.testing.assert_array_equal(s, m[1:4:2, 1:6:2])
    np.testing.assert_array_equal(row, m[2])
    np.testing.assert_array_equal(flat, m.reshape(-1))
    np.testing.assert_array_equal(e, m.reshape(2, 2, 6))
    # reinterpret_cast offsets count from the start of the allocation, not of the view.
    np.testing.assert_array_equal(r, np.arange(1, 7, dtype=np.float32).reshape(2, 3).T)
    s[0, 0] = -1.0
    assert m[1, 1] == -1.0 and flat[7] == -1.0


def test_memref_globals_persist_and_constants_are_read_only() -> None:
    interp = Interpreter(parse(MEMREF, "test.mlir"))
    assert interp.run("globals", [2]) == [30, 30]
    assert interp.run("globals", [0]) == [10, 40]
    with pytest.raises(InterpreterError, match="store to a read-only memref"):
        interp.run("poke_table", [])


def test_memref_alloc_copy() -> None:
    (a,) = _run(MEMREF, "alloc_copy", 3)
    assert a.dtype == np.int64 and a.shape == (3,) and a[0] == 7


def test_memref_out_of_bounds_is_an_error() -> None:
    m = np.zeros((2, 3), np.float32)
    assert _run(MEMREF, "load", m, 1, 2) == [0.0]
    line = MEMREF.split("\n").index("  %v = memref.load %m[%i, %j] : memref<2x3xf32>") + 1
    assert _error(MEMREF, "load", m, 1, 3) == (
        f"{line}:8: 'memref.load' op index [1, 3] is out of bounds of a memref of shape [2, 3] "
        "(dimension 1)"
    )
    assert "out of bounds" in _error(MEMREF, "load", m, -1, 0)


def test_memref_cast_checks_the_static_shape() -> None:
    (c,) = _run(MEMREF, "cast", np.ones(4, np.float32))
    assert c.shape == (4,)
    assert "invalid cast at run time" in _error(MEMREF, "cast", np.ones(5, np.float32))


def test_reinterpret_cast_out_of_the_allocation_is_an_error() -> None:
    text = """func.func @f(%m: memref<4xf32>) -> memref<2x3xf32> {
  %r = memref.reinterpret_cast %m to offset: [0], sizes: [2, 3], strides: [3, 1] : memref<4xf32> to memref<2x3xf32>
  return %r : memref<2x3xf32>
}"""
    assert "reach elements 0 to 5 of a buffer of 4" in _error(text, "f", np.ones(4, np.float32))


# -- dispatch ------------------------------------------------------------------------------


def test_op_without_semantics_is_an_error_at_its_location() -> None:
    text = """func.func @f() {
  "foo.bar"() : () -> ()
  return
}"""
    module = parse(text, "t.mlir", allow_unregistered=True)
    with pytest.raises(InterpreterError) as info:
        run_function(module, "f", [])
    d = info.value.diagnostics[0]
    assert d.message == "interpreter: no semantics for 'foo.bar'"
    assert (d.location.filename, d.location.line, d.location.column) == ("t.mlir", 2, 3)


def test_registered_handlers_and_elementwise_regions() -> None:
    """A dialect's op with a scalar-body region, applied to whole arrays at once."""

    @register_handler("test.map")
    def _map(interp, op, args):
        return interp.run_region(op.regions[0], args)

    text = """func.func @f(%a: tensor<4xf32>, %b: tensor<4xf32>, %k: f32) -> tensor<4xf32> {
  %r = "test.map"(%a, %b) ({
  ^bb0(%x: f32, %y: f32):
    %m = arith.mulf %x, %k : f32
    %s = arith.addf %m, %y : f32
    %c = arith.cmpf ogt, %s, %k : f32
    %z = arith.select %c, %s, %k : f32
    "test.yield"(%z) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}"""
    register_handler("test.yield", lambda interp, op, args: args)
    module = parse(text, allow_unregistered=True)
    a = np.array([1, 2, 3, 4], np.float32)
    b = np.array([0, -10, 1, 1], np.float32)
    (r,) = run_function(module, "f", [a, b, np.float32(2)])
    np.testing.assert_array_equal(r, [2, 2, 7, 9])


def test_jump_is_the_branch_protocol() -> None:
    """A dialect branch op plugs in by returning a Jump."""
    register_handler("test.goto", lambda interp, op, args: Jump(op.successors[0], args))
    text = """func.func @f(%a: i32) -> i32 {
  "test.goto"(%a)[^bb1] : (i32) -> ()
^bb1(%x: i32):
  return %x : i32
}"""
    assert run_function(parse(text, allow_unregistered=True), "f", [np.int32(4)]) == [4]


def test_dialect_handler_modules_load_on_first_use(tmp_path, monkeypatch) -> None:
    """A dialect's handler module (registered by name, as dialects are) is imported the first
    time one of its ops is about to run, not before."""
    (tmp_path / "lazy_semantics.py").write_text(
        "from dialir.execution import register_handler\n"
        "register_handler('lazy.twice', lambda interp, op, args: [args[0] * 2])\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    register_interpreter_module("lazy", "lazy_semantics")
    text = """func.func @f(%a: i32) -> i32 {
  %r = "lazy.twice"(%a) : (i32) -> i32
  return %r : i32
}"""
    module = parse(text, allow_unregistered=True)
    assert "lazy_semantics" not in sys.modules
    assert run_function(module, "f", [np.int32(21)]) == [42]
    assert "lazy_semantics" in sys.modules


def test_handler_modules_from_entry_points(monkeypatch) -> None:
    """Dialects of other packages bring their semantics through the `dialir.interpreter`
    entry-point group (a module registering on import, or a callable)."""
    from dialir.execution.interpreter import engine

    class EntryPoint:
        name = "plugged"

        def load(self):
            return lambda: register_handler("plugged.neg", lambda interp, op, args: [-args[0]])

    groups = []
    monkeypatch.setattr(engine, "_ENTRY_POINTS_READ", False)
    monkeypatch.setattr(
        engine, "entry_points", lambda group: groups.append(group) or [EntryPoint()]
    )
    text = """func.func @f(%a: f32) -> f32 {
  %r = "plugged.neg"(%a) : (f32) -> f32
  return %r : f32
}"""
    assert run_function(parse(text, allow_unregistered=True), "f", [np.float32(2)]) == [-2]
    assert groups == ["dialir.interpreter"]


def test_a_handler_registered_early_is_not_replaced_by_its_dialect_module(
    tmp_path, monkeypatch
) -> None:
    (tmp_path / "early_semantics.py").write_text(
        "from dialir.execution import register_handler\n"
        "register_handler('early.a', lambda interp, op, args: ())\n"
        "register_handler('early.b', lambda interp, op, args: ())\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    register_interpreter_module("early", "early_semantics")
    mine = register_handler("early.a", lambda interp, op, args: ())
    assert handler_for("early.b") is not None
    assert handler_for("early.a") is mine


def test_every_op_of_the_support_dialects_has_semantics() -> None:
    # Symbols are declarations, not executed; DMA has no meaning without a DMA engine.
    exempt = {"func.func", "memref.global", "memref.dma_start", "memref.dma_wait"}
    missing = []
    for name in ("builtin", "func", "cf", "arith", "math", "memref"):
        dialect = load_dialect(name)
        for op in dialect.ops:
            op_name = op.OP_NAME
            if op_name in exempt or op_name == "builtin.module":
                continue
            if handler_for(op_name) is None and not op.has_trait(_return_like()):
                missing.append(op_name)
    assert missing == []


def _return_like():
    from dialir.core.ir.traits import ReturnLike

    return ReturnLike
