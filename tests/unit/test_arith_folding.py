"""arith constant folding cross-checked against numpy's fixed-width arithmetic.

The folders compute exactly on Python ints and wrap; numpy computes in int8..int64 / uint8..
uint64 directly, so each side checks the other. Floats are compared bit for bit (any NaN
matches any NaN).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialir.core.ir.attrs import DenseElementsAttr, FloatAttr, IntegerAttr
from dialir.core.ir.types import FloatType, IntegerType, RankedTensorType
from dialir.dialects import arith
from dialir.dialects.arith.ops import CMPF_PREDICATES, CMPI_PREDICATES

WIDTHS = (8, 16, 32, 64)


def _const(attr):
    return arith.ConstantOp(value=attr).result


def _fold(op):
    folded = op.fold()
    return None if folded is None else folded[0]


def _signed(dtype_bits: int, v: int) -> np.ndarray:
    return np.array([v], dtype=f"int{dtype_bits}")


def _unsigned(dtype_bits: int, v: int) -> np.ndarray:
    return _signed(dtype_bits, v).view(f"uint{dtype_bits}")


def _as_signed(arr: np.ndarray, width: int) -> int:
    """numpy's result as the signed value a signless IntegerAttr holds."""
    return int(arr.astype(f"uint{width}").view(f"int{width}")[0])


def _trunc_div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    q, r = np.floor_divide(a, b), np.remainder(a, b)
    return q + ((r != 0) & ((a < 0) != (b < 0)))


def _ceil_div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.floor_divide(a, b) + (np.remainder(a, b) != 0)


# op class -> (numpy reference on (a, b), signed operands?, refuses when)
INT_BINARY = {
    arith.AddIOp: (np.add, True, None),
    arith.SubIOp: (np.subtract, True, None),
    arith.MulIOp: (np.multiply, True, None),
    arith.DivSIOp: (_trunc_div, True, "sdiv"),
    arith.DivUIOp: (np.floor_divide, False, "div0"),
    arith.CeilDivSIOp: (_ceil_div, True, "sdiv"),
    arith.FloorDivSIOp: (np.floor_divide, True, "sdiv"),
    arith.RemSIOp: (np.fmod, True, "div0"),
    arith.RemUIOp: (np.remainder, False, "div0"),
    arith.AndIOp: (np.bitwise_and, True, None),
    arith.OrIOp: (np.bitwise_or, True, None),
    arith.XOrIOp: (np.bitwise_xor, True, None),
    arith.ShLIOp: (np.left_shift, False, "shift"),
    arith.ShRSIOp: (np.right_shift, True, "shift"),
    arith.ShRUIOp: (np.right_shift, False, "shift"),
    arith.MaxSIOp: (np.maximum, True, None),
    arith.MinSIOp: (np.minimum, True, None),
    arith.MaxUIOp: (np.maximum, False, None),
    arith.MinUIOp: (np.minimum, False, None),
}


def _refuses(kind: str | None, a: int, b: int, w: int) -> bool:
    ub = b & ((1 << w) - 1)
    if kind == "div0":
        return ub == 0
    if kind == "sdiv":
        return ub == 0 or (a == -(1 << (w - 1)) and b == -1)
    if kind == "shift":
        return ub >= w
    return False


def _int_pair(draw, w: int) -> tuple[int, int]:
    lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1
    edge = st.sampled_from([lo, lo + 1, -1, 0, 1, 2, w - 1, w, hi])
    value = st.one_of(st.integers(lo, hi), edge)
    return draw(value), draw(value)


@st.composite
def int_case(draw):
    op = draw(st.sampled_from(sorted(INT_BINARY, key=lambda c: c.OP_NAME)))
    w = draw(st.sampled_from(WIDTHS))
    a, b = _int_pair(draw, w)
    return op, w, a, b


@settings(max_examples=600, deadline=None)
@given(int_case())
def test_integer_binary_folding_matches_numpy(case):
    op_cls, w, a, b = case
    t = IntegerType(w)
    folded = _fold(op_cls(_const(IntegerAttr(a, t)), _const(IntegerAttr(b, t))))
    ref, signed, refuses = INT_BINARY[op_cls]
    if _refuses(refuses, a, b, w):
        assert folded is None, f"{op_cls.OP_NAME} must not fold {a}, {b} : i{w}"
        return
    make = _signed if signed else _unsigned
    with np.errstate(all="ignore"):
        expected = _as_signed(ref(make(w, a), make(w, b)), w)
    assert isinstance(folded, IntegerAttr) and folded.type is t
    assert folded.value == expected, f"{op_cls.OP_NAME} {a}, {b} : i{w}"


_NUMPY_CMP = {
    "eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal,
    "gt": np.greater, "ge": np.greater_equal,
}  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_cmpi_folding_matches_numpy(data):
    w = data.draw(st.sampled_from(WIDTHS))
    a, b = _int_pair(data.draw, w)
    pred = data.draw(st.sampled_from(CMPI_PREDICATES))
    t = IntegerType(w)
    op = arith.CmpIOp(
        _const(IntegerAttr(a, t)), _const(IntegerAttr(b, t)),
        predicate=arith.CmpIOp.definition.field("predicate").constraint.attr(pred),
    )  # fmt: skip
    make = _unsigned if pred[0] == "u" else _signed
    expected = bool(_NUMPY_CMP[pred[-2:]](make(w, a), make(w, b))[0])
    folded = _fold(op)
    assert folded.type is IntegerType(1) and folded.value == int(expected)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_dense_integer_folding_is_elementwise(data):
    w = data.draw(st.sampled_from(WIDTHS))
    n = data.draw(st.integers(2, 6))
    lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1
    xs = data.draw(st.lists(st.integers(lo, hi), min_size=n, max_size=n))
    ys = data.draw(st.lists(st.integers(lo, hi), min_size=n, max_size=n))
    t = RankedTensorType((n,), IntegerType(w))
    a, b = np.array(xs, dtype=f"int{w}"), np.array(ys, dtype=f"int{w}")
    for op_cls, ref in ((arith.AddIOp, np.add), (arith.MulIOp, np.multiply),
                        (arith.MaxSIOp, np.maximum)):  # fmt: skip
        folded = _fold(op_cls(_const(DenseElementsAttr(t, a)), _const(DenseElementsAttr(t, b))))
        with np.errstate(all="ignore"):
            expected = ref(a, b)
        assert isinstance(folded, DenseElementsAttr) and folded.type is t
        assert np.array_equal(folded.array, expected), op_cls.OP_NAME


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_integer_casts_match_numpy(data):
    w_in, w_out = sorted(data.draw(st.lists(st.sampled_from(WIDTHS), min_size=2, max_size=2,
                                            unique=True)))  # fmt: skip
    lo, hi = -(1 << (w_in - 1)), (1 << (w_in - 1)) - 1
    v = data.draw(st.integers(lo, hi))
    src = _const(IntegerAttr(v, IntegerType(w_in)))
    narrow, wide = _signed(w_in, v), IntegerType(w_out)
    ext_s = _fold(arith.ExtSIOp(src, result_types=[wide]))
    ext_u = _fold(arith.ExtUIOp(src, result_types=[wide]))
    assert ext_s.value == int(narrow.astype(f"int{w_out}")[0])
    assert ext_u.value == _as_signed(narrow.view(f"uint{w_in}").astype(f"uint{w_out}"), w_out)
    big = data.draw(st.integers(-(1 << (w_out - 1)), (1 << (w_out - 1)) - 1))
    trunc = _fold(arith.TruncIOp(_const(IntegerAttr(big, wide)), result_types=[IntegerType(w_in)]))
    assert trunc.value == int(_signed(w_out, big).astype(f"int{w_in}")[0])
    to_f32 = _fold(arith.SIToFPOp(src, result_types=[FloatType("f32")]))
    assert to_f32.value == float(narrow.astype(np.float32)[0])
    u_to_f64 = _fold(arith.UIToFPOp(src, result_types=[FloatType("f64")]))
    assert u_to_f64.value == float(narrow.view(f"uint{w_in}").astype(np.float64)[0])


# -- floats ------------------------------------------------------------------------------------


def _zero_ordered(ref, pick):
    """fmax/fmin with LLVM's maxnum/minnum order of zeros (+0 > -0), which numpy leaves open."""

    def fn(a, b):
        if a == 0 and b == 0:
            return pick(a, b, key=lambda z: math.copysign(1, z))
        return ref(a, b)

    return fn


FLOAT_BINARY = {
    arith.AddFOp: np.add,
    arith.SubFOp: np.subtract,
    arith.MulFOp: np.multiply,
    arith.DivFOp: np.divide,
    arith.RemFOp: np.fmod,
    arith.MaxNumFOp: _zero_ordered(np.fmax, max),
    arith.MinNumFOp: _zero_ordered(np.fmin, min),
}


def _same_float(x: float, y: float) -> bool:
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return x == y and math.copysign(1, x) == math.copysign(1, y)


_FLOAT_KINDS = {"f32": np.float32, "f64": np.float64}


@st.composite
def float_case(draw):
    kind = draw(st.sampled_from(sorted(_FLOAT_KINDS)))
    width = 32 if kind == "f32" else 64
    value = st.floats(width=width, allow_nan=True, allow_infinity=True)
    return kind, draw(value), draw(value)


@settings(max_examples=400, deadline=None)
@given(float_case(), st.sampled_from(sorted(FLOAT_BINARY, key=lambda c: c.OP_NAME)))
def test_float_binary_folding_matches_numpy(case, op_cls):
    kind, a, b = case
    t, dtype = FloatType(kind), _FLOAT_KINDS[kind]
    folded = _fold(op_cls(_const(FloatAttr(a, t)), _const(FloatAttr(b, t))))
    with np.errstate(all="ignore"):
        expected = float(FLOAT_BINARY[op_cls](dtype(a), dtype(b)))
    assert isinstance(folded, FloatAttr) and folded.type is t
    assert _same_float(folded.value, expected), f"{op_cls.OP_NAME} {a}, {b} : {kind}"


@settings(max_examples=200, deadline=None)
@given(float_case())
def test_maximumf_minimumf_propagate_nan_and_order_zeros(case):
    kind, a, b = case
    t = FloatType(kind)
    mx = _fold(arith.MaximumFOp(_const(FloatAttr(a, t)), _const(FloatAttr(b, t)))).value
    mn = _fold(arith.MinimumFOp(_const(FloatAttr(a, t)), _const(FloatAttr(b, t)))).value
    if math.isnan(a) or math.isnan(b):
        assert math.isnan(mx) and math.isnan(mn)
    elif a == b == 0:
        assert math.copysign(1, mx) == max(math.copysign(1, a), math.copysign(1, b))
        assert math.copysign(1, mn) == min(math.copysign(1, a), math.copysign(1, b))
    else:
        assert mx == max(a, b) and mn == min(a, b)


_CMPF_REF = {
    "oeq": lambda a, b: a == b, "ogt": lambda a, b: a > b, "oge": lambda a, b: a >= b,
    "olt": lambda a, b: a < b, "ole": lambda a, b: a <= b,
    "one": lambda a, b: not (np.isnan(a) or np.isnan(b)) and a != b,
    "ord": lambda a, b: not (np.isnan(a) or np.isnan(b)),
}  # fmt: skip


def _cmpf_expected(pred: str, a: float, b: float) -> bool:
    if pred in ("false", "true"):
        return pred == "true"
    if pred == "uno":
        return not _CMPF_REF["ord"](a, b)
    if pred == "une":
        return not _CMPF_REF["oeq"](a, b)
    if pred[0] == "u":  # unordered or ...: the negation of the opposite ordered predicate
        opposite = {"ueq": "one", "ugt": "ole", "uge": "olt", "ult": "oge", "ule": "ogt"}
        return not _CMPF_REF[opposite[pred]](a, b)
    return bool(_CMPF_REF[pred](a, b))


@settings(max_examples=300, deadline=None)
@given(float_case(), st.sampled_from(CMPF_PREDICATES))
def test_cmpf_folding_matches_ieee(case, pred):
    kind, a, b = case
    t = FloatType(kind)
    op = arith.CmpFOp(
        _const(FloatAttr(a, t)), _const(FloatAttr(b, t)),
        predicate=arith.CmpFOp.definition.field("predicate").constraint.attr(pred),
    )  # fmt: skip
    dtype = _FLOAT_KINDS[kind]
    assert _fold(op).value == int(_cmpf_expected(pred, dtype(a), dtype(b)))


@settings(max_examples=200, deadline=None)
@given(st.floats(width=32, allow_nan=True, allow_infinity=True))
def test_float_casts_match_numpy(v):
    f32, f64, f16 = FloatType("f32"), FloatType("f64"), FloatType("f16")
    src = _const(FloatAttr(v, f32))
    assert _same_float(_fold(arith.ExtFOp(src, result_types=[f64])).value, float(np.float32(v)))
    neg = _fold(arith.NegFOp(src)).value
    assert _same_float(neg, float(-np.float32(v)))
    with np.errstate(all="ignore"):
        half = np.float16(np.float32(v))
    trunc = _fold(arith.TruncFOp(src, result_types=[f16]))
    exact = float(half) == float(np.float32(v)) or (np.isnan(half) and np.isnan(v))
    if not exact:
        assert trunc is None  # MLIR folds only a conversion that loses nothing (rounding, overflow)
    else:
        assert _same_float(trunc.value, float(half))
    to_int = _fold(arith.FPToSIOp(src, result_types=[IntegerType(32)]))
    if math.isfinite(v) and -(2**31) <= math.trunc(v) < 2**31:
        assert to_int.value == math.trunc(v)
    else:
        assert to_int is None  # NaN, infinities and out-of-range values are poison


@pytest.mark.parametrize("w", WIDTHS)
def test_identities_do_not_need_constants(w):
    """x + 0, x * 1, x - x fold without knowing x (here a block argument)."""
    from dialir.core.ir.operation import Block

    t = IntegerType(w)
    block = Block([t])
    x = block.args[0]
    zero, one = _const(IntegerAttr(0, t)), _const(IntegerAttr(1, t))
    assert _fold(arith.AddIOp(x, zero)) is x
    assert _fold(arith.MulIOp(x, one)) is x
    assert _fold(arith.SubIOp(x, x)) == IntegerAttr(0, t)
    assert _fold(arith.MulIOp(x, zero)) == IntegerAttr(0, t)
    assert _fold(arith.DivSIOp(x, one)) is x
    assert _fold(arith.AddIOp(x, one)) is None


def test_folder_kernels_do_not_import_numpy_with_their_classes() -> None:
    """arith's and math's numpy kernels are read through the lazy `np` (core/ir/lazy.py):
    defining the ops imports no numpy; the first fold does."""
    import subprocess
    import sys

    code = ("import sys, dialir.dialects.arith.ops as a, dialir.dialects.math.ops\n"
            "assert 'numpy' not in sys.modules\n"
            "assert list(a.AddFOp.kernel([1.5], [2.0])) == [3.5]\n"
            "assert 'numpy' in sys.modules")  # fmt: skip
    subprocess.run([sys.executable, "-c", code], check=True)
