"""The interpreter on the loop level: every affine and scf op on small MLIR programs, checked
against numpy."""

from __future__ import annotations

import numpy as np
import pytest

from dialir.execution import InterpreterError, run_function
from dialir.parser.parser import parse

RNG = np.random.default_rng(0)


def _run(text: str, name: str, *inputs):
    return run_function(parse(text, "test.mlir"), name, list(inputs))


def _error(text: str, name: str, *inputs) -> str:
    with pytest.raises(InterpreterError) as info:
        _run(text, name, *inputs)
    d = info.value.diagnostics[0]
    return f"{d.location.line}:{d.location.column}: {d.message}"


def _f32(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


# -- affine ----------------------------------------------------------------------------------

MATMUL = """
func.func @matmul(%A: memref<5x7xf32>, %B: memref<7x3xf32>, %C: memref<5x3xf32>) {
  affine.for %i = 0 to 5 {
    affine.for %j = 0 to 3 {
      %zero = arith.constant 0.0 : f32
      %acc = affine.for %k = 0 to 7 iter_args(%a = %zero) -> (f32) {
        %x = affine.load %A[%i, %k] : memref<5x7xf32>
        %y = affine.load %B[%k, %j] : memref<7x3xf32>
        %p = arith.mulf %x, %y : f32
        %s = arith.addf %a, %p : f32
        affine.yield %s : f32
      }
      affine.store %acc, %C[%i, %j] : memref<5x3xf32>
    }
  }
  return
}
"""


def _sequential_matmul(a, b):
    out = np.zeros((a.shape[0], b.shape[1]), np.float32)
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            acc = np.float32(0)
            for k in range(a.shape[1]):
                acc = acc + a[i, k] * b[k, j]
            out[i, j] = acc
    return out


def test_affine_for_iter_args_matmul():
    a, b = _f32(5, 7), _f32(7, 3)
    c = np.zeros((5, 3), np.float32)
    _run(MATMUL, "matmul", a, b, c)
    np.testing.assert_array_equal(c, _sequential_matmul(a, b))


def test_affine_for_bounds_max_min_and_step():
    text = """
#lb = affine_map<(d0)[s0] -> (d0, s0 - 4)>
#ub = affine_map<(d0)[s0] -> (d0 + 6, s0)>
func.func @f(%a: index, %n: index, %out: memref<20xi32>) -> index {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1 : i32
  %count = affine.for %i = max #lb(%a)[%n] to min #ub(%a)[%n] step 2
      iter_args(%c = %c0) -> (index) {
    %x = affine.load %out[%i] : memref<20xi32>
    %y = arith.addi %x, %one : i32
    affine.store %y, %out[%i] : memref<20xi32>
    %c1 = affine.apply affine_map<(d0) -> (d0 + 1)>(%c)
    affine.yield %c1 : index
  }
  return %count : index
}
"""
    for a, n in ((3, 20), (3, 8), (12, 14), (5, 2)):
        out = np.zeros(20, np.int32)
        (count,) = _run(text, "f", a, n, out)
        expect = np.zeros(20, np.int32)
        rng = range(max(a, n - 4), min(a + 6, n), 2)
        expect[list(rng)] = 1
        np.testing.assert_array_equal(out, expect)
        assert int(count) == len(rng)


def test_affine_for_zero_trip_returns_inits():
    text = """
func.func @f(%n: index, %x: f32) -> f32 {
  %r = affine.for %i = 0 to %n iter_args(%a = %x) -> (f32) {
    %b = arith.addf %a, %a : f32
    affine.yield %b : f32
  }
  return %r : f32
}
"""
    assert float(_run(text, "f", 0, np.float32(1.5))[0]) == 1.5
    assert float(_run(text, "f", 3, np.float32(1.5))[0]) == 12.0


def test_affine_apply_min_max_floordiv_mod():
    text = """
func.func @f(%i: index, %n: index) -> (index, index, index, index) {
  %a = affine.apply affine_map<(d0)[s0] -> (d0 floordiv 4 + s0 * 3)>(%i)[%n]
  %b = affine.apply affine_map<(d0) -> (d0 mod 5)>(%i)
  %c = affine.min affine_map<(d0)[s0] -> (d0, s0, 7)>(%i)[%n]
  %d = affine.max affine_map<(d0)[s0] -> (d0 ceildiv 3, s0 - 10)>(%i)[%n]
  return %a, %b, %c, %d : index, index, index, index
}
"""
    for i, n in ((-7, 2), (9, 20), (13, 4)):
        got = [int(v) for v in _run(text, "f", i, n)]
        assert got == [i // 4 + n * 3, i % 5, min(i, n, 7), max(-(-i // 3), n - 10)]


def test_affine_if_else_results():
    text = """
#set = affine_set<(d0)[s0] : (d0 - 2 >= 0, s0 - d0 - 1 >= 0)>
func.func @f(%x: memref<8xf32>, %out: memref<8xf32>) {
  %n = arith.constant 6 : index
  affine.for %i = 0 to 8 {
    %v = affine.load %x[%i] : memref<8xf32>
    %r = affine.if #set(%i)[%n] -> f32 {
      %d = arith.addf %v, %v : f32
      affine.yield %d : f32
    } else {
      %z = arith.constant 0.0 : f32
      affine.yield %z : f32
    }
    affine.store %r, %out[%i] : memref<8xf32>
    affine.if affine_set<(d0) : (d0 == 0)>(%i) {
      %m = arith.constant -1.0 : f32
      affine.store %m, %out[%i] : memref<8xf32>
    }
  }
  return
}
"""
    x = _f32(8)
    out = np.zeros(8, np.float32)
    _run(text, "f", x, out)
    expect = np.where((np.arange(8) >= 2) & (np.arange(8) < 6), x + x, 0).astype(np.float32)
    expect[0] = -1
    np.testing.assert_array_equal(out, expect)


def test_affine_parallel_reductions():
    text = """
func.func @f(%A: memref<4x6xf32>, %B: memref<4x6xi32>)
    -> (f32, f32, f32, i32, i32, i32) {
  %r:6 = affine.parallel (%i, %j) = (0, 0) to (4, 6)
      reduce ("addf", "maximumf", "minnumf", "addi", "maxu", "andi")
      -> (f32, f32, f32, i32, i32, i32) {
    %a = affine.load %A[%i, %j] : memref<4x6xf32>
    %b = affine.load %B[%i, %j] : memref<4x6xi32>
    affine.yield %a, %a, %a, %b, %b, %b : f32, f32, f32, i32, i32, i32
  }
  return %r#0, %r#1, %r#2, %r#3, %r#4, %r#5 : f32, f32, f32, i32, i32, i32
}
"""
    a = _f32(4, 6)
    b = RNG.integers(-50, 50, (4, 6)).astype(np.int32)
    s, mx, mn, si, mu, an = _run(text, "f", a, b)
    acc = np.float32(0)
    for v in a.reshape(-1):
        acc = acc + v
    assert s == acc and mx == a.max() and mn == a.min()
    assert si == b.sum() and mu == b.view(np.uint32).max().view(np.int32)
    assert an == np.bitwise_and.reduce(b.reshape(-1))


def test_affine_parallel_steps_and_stores():
    text = """
func.func @f(%out: memref<6x9xf32>, %n: index) {
  %one = arith.constant 1.0 : f32
  affine.parallel (%i, %j) = (1, 0) to (%n, 9) step (2, 3) {
    affine.store %one, %out[%i, %j] : memref<6x9xf32>
  }
  return
}
"""
    out = np.zeros((6, 9), np.float32)
    _run(text, "f", out, 6)
    expect = np.zeros((6, 9), np.float32)
    expect[1:6:2, 0:9:3] = 1
    np.testing.assert_array_equal(out, expect)


def test_affine_vector_load_store_and_prefetch():
    text = """
func.func @f(%A: memref<4x16xf32>, %B: memref<4x16xf32>) {
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 16 step 8 {
      affine.prefetch %A[%i, %j], read, locality<3>, data : memref<4x16xf32>
      %v = affine.vector_load %A[%i, %j] : memref<4x16xf32>, vector<8xf32>
      %w = arith.addf %v, %v : vector<8xf32>
      affine.vector_store %w, %B[%i, %j] : memref<4x16xf32>, vector<8xf32>
    }
  }
  return
}
"""
    a = _f32(4, 16)
    b = np.zeros((4, 16), np.float32)
    _run(text, "f", a, b)
    np.testing.assert_array_equal(b, a + a)


def test_affine_load_out_of_bounds_is_an_error():
    text = """
func.func @f(%A: memref<4xf32>) -> f32 {
  %z = arith.constant 0.0 : f32
  %r = affine.for %i = 0 to 5 iter_args(%a = %z) -> (f32) {
    %x = affine.load %A[%i - 1] : memref<4xf32>
    %s = arith.addf %a, %x : f32
    affine.yield %s : f32
  }
  return %r : f32
}
"""
    msg = _error(text, "f", _f32(4))
    assert "5:5: 'affine.load' op index [-1] is out of bounds" in msg


# -- scf -------------------------------------------------------------------------------------


def test_scf_for_iter_args_and_integer_bounds():
    text = """
func.func @f(%n: index, %m: i32) -> (index, i32) {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %s = scf.for %i = %c0 to %n step %c3 iter_args(%a = %c0) -> (index) {
    %b = arith.addi %a, %i : index
    scf.yield %b : index
  }
  %z = arith.constant 0 : i32
  %one = arith.constant 1 : i32
  %t = scf.for %k = %z to %m step %one iter_args(%a = %z) -> (i32) : i32 {
    %b = arith.muli %k, %k : i32
    %c = arith.addi %a, %b : i32
    scf.yield %c : i32
  }
  return %s, %t : index, i32
}
"""
    s, t = _run(text, "f", 10, np.int32(5))
    assert int(s) == sum(range(0, 10, 3)) and int(t) == sum(k * k for k in range(5))


def test_scf_for_unsigned_comparison():
    text = """
func.func @f() -> i32 {
  %lb = arith.constant 1 : i8
  %ub = arith.constant -56 : i8
  %step = arith.constant 50 : i8
  %z = arith.constant 0 : i32
  %one = arith.constant 1 : i32
  %r = scf.for unsigned %k = %lb to %ub step %step iter_args(%a = %z) -> (i32) : i8 {
    %b = arith.addi %a, %one : i32
    scf.yield %b : i32
  }
  return %r : i32
}
"""
    assert int(_run(text, "f")[0]) == len(range(1, 200, 50))


def test_scf_while_condition():
    text = """
func.func @collatz(%x: i64) -> (i64, i64) {
  %z = arith.constant 0 : i64
  %one = arith.constant 1 : i64
  %two = arith.constant 2 : i64
  %three = arith.constant 3 : i64
  %r:2 = scf.while (%v = %x, %n = %z) : (i64, i64) -> (i64, i64) {
    %c = arith.cmpi ne, %v, %one : i64
    scf.condition(%c) %v, %n : i64, i64
  } do {
  ^bb0(%v: i64, %n: i64):
    %rem = arith.remui %v, %two : i64
    %even = arith.cmpi eq, %rem, %z : i64
    %next = scf.if %even -> i64 {
      %h = arith.divui %v, %two : i64
      scf.yield %h : i64
    } else {
      %t = arith.muli %v, %three : i64
      %u = arith.addi %t, %one : i64
      scf.yield %u : i64
    }
    %n1 = arith.addi %n, %one : i64
    scf.yield %next, %n1 : i64, i64
  }
  return %r#0, %r#1 : i64, i64
}
"""
    v, n = _run(text, "collatz", np.int64(27))
    assert int(v) == 1 and int(n) == 111


def test_scf_if_without_else():
    text = """
func.func @f(%c: i1, %m: memref<1xf32>) {
  %c0 = arith.constant 0 : index
  scf.if %c {
    %one = arith.constant 1.0 : f32
    memref.store %one, %m[%c0] : memref<1xf32>
  }
  return
}
"""
    m = np.zeros(1, np.float32)
    _run(text, "f", np.bool_(False), m)
    assert m[0] == 0
    _run(text, "f", np.bool_(True), m)
    assert m[0] == 1


def test_scf_parallel_reduce():
    text = """
func.func @f(%A: memref<4x6xf32>) -> (f32, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c6 = arith.constant 6 : index
  %init = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %r:2 = scf.parallel (%i, %j) = (%c0, %c1) to (%c4, %c6) step (%c1, %c2)
      init (%init, %ninf) -> (f32, f32) {
    %a = memref.load %A[%i, %j] : memref<4x6xf32>
    %sq = arith.mulf %a, %a : f32
    scf.reduce(%sq, %a : f32, f32) {
    ^bb0(%l: f32, %r: f32):
      %s = arith.addf %l, %r : f32
      scf.reduce.return %s : f32
    }, {
    ^bb0(%l: f32, %r: f32):
      %m = arith.maximumf %l, %r : f32
      scf.reduce.return %m : f32
    }
  }
  return %r#0, %r#1 : f32, f32
}
"""
    a = _f32(4, 6)
    s, m = _run(text, "f", a)
    sub = a[:, 1:6:2]
    acc = np.float32(0)
    for v in sub.reshape(-1):
        acc = acc + v * v
    assert s == acc and m == sub.max()


def test_scf_execute_region_and_index_switch():
    text = """
func.func @f(%i: index) -> i32 {
  %r = scf.execute_region -> i32 {
    %c = arith.constant 10 : i32
    cf.br ^bb1(%c : i32)
  ^bb1(%x: i32):
    %s = scf.index_switch %i -> i32
    case 2 {
      %a = arith.constant 20 : i32
      scf.yield %a : i32
    }
    case 5 {
      %a = arith.constant 50 : i32
      scf.yield %a : i32
    }
    default {
      %a = arith.constant -1 : i32
      scf.yield %a : i32
    }
    %t = arith.addi %x, %s : i32
    scf.yield %t : i32
  }
  return %r : i32
}
"""
    assert [int(_run(text, "f", i)[0]) for i in (2, 5, 7)] == [30, 60, 9]


def test_scf_for_nonpositive_step_is_an_error():
    text = """
func.func @f(%s: index) {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %s {
  }
  return
}
"""
    assert "'scf.for' op step must be positive, got 0" in _error(text, "f", 0)
