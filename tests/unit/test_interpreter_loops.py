"""The interpreter on the loop level: every affine and scf op on small MLIR programs, checked
against numpy."""

from __future__ import annotations

import numpy as np
import pytest

from dialir.execution import Interpreter, InterpreterError, run_function
from dialir.execution.interpreter import loop_compiler
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
    assert "5:10: 'affine.load' op index [-1] is out of bounds" in msg


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


# -- compiled nests: the same bits as op by op ------------------------------------------------


def _both(text: str, *inputs, vectorised: bool | None = None):
    """Run `@f` compiled and op by op on copies of `inputs`; both the results and the
    buffers afterwards must be identical. `vectorised` says whether a band must (or must
    not) have become index grids."""
    module = parse(text, "test.mlir")
    outs = []
    for enabled in (False, True):
        loop_compiler.ENABLED = enabled
        try:
            interp = Interpreter(module)
            args = [np.array(a) if isinstance(a, np.ndarray) else a for a in inputs]
            results = interp.run("f", args)
        finally:
            loop_compiler.ENABLED = True
        outs.append((results, [a for a in args if isinstance(a, np.ndarray)]))
        sources = [v.source for k, v in interp.cache.items() if isinstance(k, tuple) and v]
    (ref, ref_bufs), (got, got_bufs) = outs
    for a, b in zip([*ref, *ref_bufs], [*got, *got_bufs]):
        np.testing.assert_array_equal(a, b)
        assert np.asarray(a).dtype == np.asarray(b).dtype
    if vectorised is not None:
        assert sources and any("GRID" in s for s in sources) == vectorised, sources
    return got, got_bufs, sources


def test_compiled_matmul_vectorises_the_band_and_keeps_k_sequential():
    text = MATMUL.replace("@matmul", "@f")
    _, (a, b, c), sources = _both(text, _f32(5, 7), _f32(7, 3), np.zeros((5, 3), np.float32),
                                  vectorised=True)  # fmt: skip
    np.testing.assert_array_equal(c, _sequential_matmul(a, b))
    assert "for " in sources[0] and "GATHER" in sources[0]


def test_compiled_loop_carried_dependence_through_memory_is_not_vectorised():
    # X[i + 1] reads what the previous iteration wrote: no grid over i.
    text = """
func.func @f(%X: memref<10xf32>) {
  affine.for %i = 0 to 9 {
    %x = affine.load %X[%i] : memref<10xf32>
    %y = affine.load %X[%i + 1] : memref<10xf32>
    %s = arith.addf %x, %y : f32
    affine.store %s, %X[%i + 1] : memref<10xf32>
  }
  return
}
"""
    _, (x,), _ = _both(text, _f32(10), vectorised=False)


def test_compiled_prefix_sum_vectorises_rows_only():
    text = """
func.func @f(%X: memref<6x9xf32>) {
  affine.for %i = 0 to 6 {
    affine.for %j = 1 to 9 {
      %p = affine.load %X[%i, %j - 1] : memref<6x9xf32>
      %x = affine.load %X[%i, %j] : memref<6x9xf32>
      %s = arith.addf %p, %x : f32
      affine.store %s, %X[%i, %j] : memref<6x9xf32>
    }
  }
  return
}
"""
    x = _f32(6, 9)
    _, (out,), sources = _both(text, x, vectorised=True)
    np.testing.assert_array_equal(out, np.cumsum(x, axis=1, dtype=np.float32))
    assert "GRID(0, 6, 1, 0, 1)" in sources[0]  # i is the grid, j a Python loop


def test_compiled_shifted_write_across_points_vectorises_the_inner_loop_only():
    # Distinct (i, k) write T[i + k]: points of i collide, so i stays a Python loop; for
    # one i, the points of k write distinct elements.
    text = """
func.func @f(%T: memref<12xf32>, %A: memref<8x5xf32>) {
  affine.for %i = 0 to 8 {
    affine.for %k = 0 to 5 {
      %a = affine.load %A[%i, %k] : memref<8x5xf32>
      affine.store %a, %T[%i + %k] : memref<12xf32>
    }
  }
  return
}
"""
    _, _, sources = _both(text, np.zeros(12, np.float32), _f32(8, 5), vectorised=True)
    assert "GRID(0, 5, 1, 0, 1)" in sources[0] and "GRID(0, 8" not in sources[0]


def test_compiled_reduction_into_memory_and_inner_iter_args():
    text = """
func.func @f(%A: memref<7x11xf32>, %S: memref<7xf32>, %M: memref<7xf32>) {
  %ninf = arith.constant 0xFF800000 : f32
  affine.for %i = 0 to 7 {
    affine.for %j = 0 to 11 {
      %a = affine.load %A[%i, %j] : memref<7x11xf32>
      %s = affine.load %S[%i] : memref<7xf32>
      %t = arith.addf %s, %a : f32
      affine.store %t, %S[%i] : memref<7xf32>
    }
    %m = affine.for %j = 0 to 11 iter_args(%acc = %ninf) -> (f32) {
      %a = affine.load %A[%i, %j] : memref<7x11xf32>
      %e = math.tanh %a : f32
      %b = arith.maximumf %acc, %e : f32
      affine.yield %b : f32
    }
    affine.store %m, %M[%i] : memref<7xf32>
  }
  return
}
"""
    _both(text, _f32(7, 11), _f32(7), np.zeros(7, np.float32), vectorised=True)


def test_compiled_aliasing_views_fall_back_to_scalar_code():
    # %V is a view of %X shifted by one: different values, overlapping memory.
    text = """
func.func @f(%X: memref<10xf32>) {
  %V = memref.subview %X[1] [9] [1] : memref<10xf32> to memref<9xf32, strided<[1], offset: 1>>
  affine.for %i = 0 to 9 {
    %x = affine.load %X[%i] : memref<10xf32>
    %y = arith.addf %x, %x : f32
    affine.store %y, %V[%i] : memref<9xf32, strided<[1], offset: 1>>
  }
  return
}
"""
    x = _f32(10)
    _, (out,), sources = _both(text, x)
    assert "ALIASED" in sources[0]
    expect = x.copy()
    for i in range(9):
        expect[i + 1] = expect[i] + expect[i]
    np.testing.assert_array_equal(out, expect)


def test_compiled_bounds_steps_triangular_and_if():
    text = """
#set = affine_set<(d0, d1) : (d0 - d1 >= 0)>
func.func @f(%A: memref<9x9xf32>, %O: memref<9x9xf32>, %n: index) {
  %z = arith.constant 0.0 : f32
  affine.for %i = 1 to %n step 2 {
    affine.for %j = max affine_map<(d0) -> (0, d0 - 3)>(%i) to min affine_map<(d0)[s0] -> (d0 + 4, s0)>(%i)[%n] {
      %a = affine.load %A[%i, %j] : memref<9x9xf32>
      %r = affine.if #set(%i, %j) -> f32 {
        %b = arith.mulf %a, %a : f32
        affine.yield %b : f32
      } else {
        affine.yield %z : f32
      }
      affine.store %r, %O[%j, %i] : memref<9x9xf32>
    }
  }
  affine.for %i = 0 to 9 {
    affine.for %j = 0 to 9 {
      %c = affine.apply affine_map<(d0, d1) -> ((d0 * 9 + d1) mod 4)>(%i, %j)
      %m = affine.min affine_map<(d0, d1) -> (d0, d1, 5)>(%i, %j)
      affine.if affine_set<(d0) : (d0 - 2 == 0)>(%c) {
        %v = affine.load %A[%m, %j] : memref<9x9xf32>
        affine.store %v, %O[%i, %j] : memref<9x9xf32>
      }
    }
  }
  return
}
"""
    for n in (0, 5, 9):
        _both(text, _f32(9, 9), np.zeros((9, 9), np.float32), n)


def test_compiled_regions_see_compiled_values():
    # scf.if and affine.parallel inside a compiled nest run through run_region.
    text = """
func.func @f(%A: memref<4x5xi32>, %O: memref<4xi32>) {
  %c3 = arith.constant 3 : i32
  affine.for %i = 0 to 4 {
    %a = affine.load %A[%i, 0] : memref<4x5xi32>
    %big = arith.cmpi sgt, %a, %c3 : i32
    %r = scf.if %big -> i32 {
      %s = affine.parallel (%j) = (0) to (5) reduce ("addi") -> i32 {
        %x = affine.load %A[%i, %j] : memref<4x5xi32>
        %y = arith.muli %x, %a : i32
        affine.yield %y : i32
      }
      scf.yield %s : i32
    } else {
      %ii = arith.index_cast %i : index to i32
      scf.yield %ii : i32
    }
    affine.store %r, %O[%i] : memref<4xi32>
  }
  return
}
"""
    a = RNG.integers(0, 8, (4, 5)).astype(np.int32)
    _, (_, out), _ = _both(text, a, np.zeros(4, np.int32))
    expect = [int((a[i] * a[i, 0]).sum()) if a[i, 0] > 3 else i for i in range(4)]
    assert out.tolist() == expect


def test_compiled_allocations_and_index_values():
    text = """
func.func @f(%A: memref<3x4xf32>) -> (index, f32) {
  %c0 = arith.constant 0 : index
  %z = arith.constant 0.0 : f32
  %r:2 = affine.for %i = 0 to 3 iter_args(%n = %c0, %t = %z) -> (index, f32) {
    %buf = memref.alloc() : memref<4xf32>
    affine.for %j = 0 to 4 {
      %a = affine.load %A[%i, %j] : memref<3x4xf32>
      %b = math.exp %a : f32
      affine.store %b, %buf[%j] : memref<4xf32>
    }
    %s = affine.for %j = 0 to 4 iter_args(%acc = %t) -> (f32) {
      %b = affine.load %buf[%j] : memref<4xf32>
      %c = arith.addf %acc, %b : f32
      affine.yield %c : f32
    }
    memref.dealloc %buf : memref<4xf32>
    %n1 = affine.apply affine_map<(d0, d1) -> (d0 + d1 * 2)>(%n, %i)
    affine.yield %n1, %s : index, f32
  }
  return %r#0, %r#1 : index, f32
}
"""
    (n, t), _, _ = _both(text, _f32(3, 4))
    assert n.dtype == np.int64 and int(n) == 6


def test_compiled_errors_point_at_their_op():
    scalar = """
func.func @f(%A: memref<4xf32>, %n: index) -> f32 {
  %z = arith.constant 0.0 : f32
  %r = affine.for %i = 0 to %n iter_args(%a = %z) -> (f32) {
    %x = affine.load %A[%i] : memref<4xf32>
    %s = arith.addf %a, %x : f32
    affine.yield %s : f32
  }
  return %r : f32
}
"""
    assert _error(scalar, "f", _f32(4), 6).startswith(
        "5:10: 'affine.load' op index [4] is out of bounds of a memref of shape [4]"
    )
    grid = """
func.func @f(%A: memref<4x4xf32>, %B: memref<4x4xf32>) {
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 4 {
      %x = affine.load %A[%i, %j] : memref<4x4xf32>
      affine.store %x, %B[%i, %j + %i] : memref<4x4xf32>
    }
  }
  return
}
"""
    msg = _error(grid, "f", _f32(4, 4), np.zeros((4, 4), np.float32))
    # The same op; the point named is the first the vectorised order reaches.
    assert msg.startswith("6:7: 'affine.store' op index [3, 4] is out of bounds"), msg
    divide = """
func.func @f(%A: memref<4xi32>, %O: memref<4xi32>) {
  %z = arith.constant 0 : i32
  affine.for %i = 0 to 4 {
    %x = affine.load %A[%i] : memref<4xi32>
    %y = arith.divsi %x, %z : i32
    affine.store %y, %O[%i] : memref<4xi32>
  }
  return
}
"""
    msg = _error(divide, "f", np.ones(4, np.int32), np.zeros(4, np.int32))
    assert msg == "6:10: 'arith.divsi' op division by zero", msg


def test_compiled_store_to_constant_global_is_an_error():
    text = """
memref.global "private" constant @g : memref<3xf32> = dense<[1.0, 2.0, 3.0]>
func.func @f() {
  %m = memref.get_global @g : memref<3xf32>
  %z = arith.constant 0.0 : f32
  affine.for %i = 0 to 3 {
    affine.store %z, %m[%i] : memref<3xf32>
  }
  return
}
"""
    assert "store to a read-only memref" in _error(text, "f")


CONV_PADDED = """
#lo = affine_map<(d0) -> (0, 1 - d0 * 2)>
#hi = affine_map<(d0) -> (3, 10 - d0 * 2)>
func.func @f(%I: memref<2x3x9x9xf32>, %W: memref<4x3x3x3xf32>, %O: memref<2x4x5x5xf32>) {
  %z = arith.constant 0.0 : f32
  affine.for %n = 0 to 2 {
    affine.for %co = 0 to 4 {
      affine.for %oh = 0 to 5 {
        affine.for %ow = 0 to 5 {
          %acc = affine.for %ci = 0 to 3 iter_args(%a0 = %z) -> (f32) {
            %a1 = affine.for %kh = max #lo(%oh) to min #hi(%oh) iter_args(%a2 = %a0) -> (f32) {
              %a3 = affine.for %kw = max #lo(%ow) to min #hi(%ow) iter_args(%a4 = %a2) -> (f32) {
                %x = affine.load %I[%n, %ci, %oh * 2 + %kh - 1, %ow * 2 + %kw - 1] : memref<2x3x9x9xf32>
                %w = affine.load %W[%co, %ci, %kh, %kw] : memref<4x3x3x3xf32>
                %p = arith.mulf %x, %w : f32
                %s = arith.addf %a4, %p : f32
                affine.yield %s : f32
              }
              affine.yield %a3 : f32
            }
            affine.yield %a1 : f32
          }
          affine.store %acc, %O[%n, %co, %oh, %ow] : memref<2x4x5x5xf32>
        }
      }
    }
  }
  return
}
"""


def test_compiled_padded_conv_masks_the_tap_loops():
    # Tap bounds depend on the output position (padding): the tap loops run masked over
    # the whole grid instead of keeping oh and ow sequential.
    i, w = _f32(2, 3, 9, 9), _f32(4, 3, 3, 3)
    _, (_, _, out), sources = _both(CONV_PADDED, i, w, np.zeros((2, 4, 5, 5), np.float32),
                                    vectorised=True)  # fmt: skip
    assert "GRID(0, 5, 1, 3, 4)" in sources[0] and "MGATHER" in sources[0]
    padded = np.pad(i, ((0, 0), (0, 0), (1, 1), (1, 1)))
    ref = np.zeros((2, 4, 5, 5), np.float32)
    for oh in range(5):
        for ow in range(5):
            win = padded[:, :, oh * 2 : oh * 2 + 3, ow * 2 : ow * 2 + 3]
            ref[:, :, oh, ow] = np.einsum("nchw,ochw->no", win, w)
    np.testing.assert_allclose(out, ref, rtol=1e-5, atol=1e-5)


def test_compiled_masked_if_and_strided_masked_loop():
    text = """
#set = affine_set<(d0, d1) : (d0 - d1 >= 0)>
func.func @f(%A: memref<6x7xf32>, %O: memref<6x7xf32>, %P: memref<6xf32>) {
  %z = arith.constant 0.0 : f32
  affine.for %i = 0 to 6 {
    affine.for %j = 0 to 7 {
      %a = affine.load %A[%i, %j] : memref<6x7xf32>
      %r = affine.if #set(%i, %j) -> f32 {
        %b = math.exp %a : f32
        affine.store %b, %O[%i, %j] : memref<6x7xf32>
        affine.yield %b : f32
      } else {
        %c = arith.negf %a : f32
        affine.yield %c : f32
      }
      %s = affine.for %k = affine_map<(d0) -> (d0 floordiv 2)>(%i) to 6 step 2 iter_args(%t = %r) -> (f32) {
        %p = affine.load %P[%k] : memref<6xf32>
        %q = arith.addf %t, %p : f32
        affine.yield %q : f32
      }
      affine.if affine_set<(d0) : (d0 - 3 >= 0)>(%j) {
        affine.store %s, %O[%i, %j] : memref<6x7xf32>
      }
    }
  }
  return
}
"""
    _, _, sources = _both(text, _f32(6, 7), np.zeros((6, 7), np.float32), _f32(6),
                          vectorised=True)  # fmt: skip
    assert "MSCATTER" in sources[0] and "WHERE" in sources[0]


def test_compiled_masked_access_out_of_bounds_is_still_an_error():
    # The tap loop's bounds let a real point read past the end: an error, not a placeholder.
    text = """
func.func @f(%A: memref<8xf32>, %O: memref<6xf32>) {
  %z = arith.constant 0.0 : f32
  affine.for %i = 0 to 6 {
    %s = affine.for %k = affine_map<(d0) -> (d0)>(%i) to 4 iter_args(%t = %z) -> (f32) {
      %a = affine.load %A[%k + %i] : memref<8xf32>
      %b = arith.addf %t, %a : f32
      affine.yield %b : f32
    }
    affine.store %s, %O[%i] : memref<6xf32>
  }
  return
}
"""
    _both(text, _f32(8), np.zeros(6, np.float32), vectorised=True)
    bad = text.replace("to 4 iter_args", "to 5 iter_args")
    assert "'affine.load' op index [8] is out of bounds" in _error(
        bad, "f", _f32(8), np.zeros(6, np.float32)
    )


def test_compiled_masked_region_with_a_failing_op_stays_sequential():
    # divsi may fail on placeholder values: its divergent loop is not masked.
    text = """
func.func @f(%A: memref<6xi32>, %O: memref<6xi32>) {
  %z = arith.constant 0 : i32
  affine.for %i = 0 to 6 {
    %s = affine.for %k = affine_map<(d0) -> (d0)>(%i) to 6 iter_args(%t = %z) -> (i32) {
      %a = affine.load %A[%k] : memref<6xi32>
      %b = arith.divsi %t, %a : i32
      %c = arith.addi %b, %a : i32
      affine.yield %c : i32
    }
    affine.store %s, %O[%i] : memref<6xi32>
  }
  return
}
"""
    a = RNG.integers(1, 9, 6).astype(np.int32)
    _both(text, a, np.zeros(6, np.int32), vectorised=False)


SCF_POOL = """
func.func @f(%I: memref<2x3x8x8xf32>, %O: memref<2x3x4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c9 = arith.constant 9 : index
  %cm2 = arith.constant -2 : index
  %ninf = arith.constant 0xFF800000 : f32
  scf.for %n = %c0 to %c2 step %c1 {
    scf.for %c = %c0 to %c3 step %c1 {
      scf.for %oh = %c0 to %c4 step %c1 {
        scf.for %ow = %c0 to %c4 step %c1 {
          %a = arith.muli %oh, %cm2 : index
          %b = arith.addi %a, %c1 : index
          %lo = arith.maxsi %b, %c0 : index
          %d = arith.addi %a, %c9 : index
          %hi = arith.minsi %d, %c3 : index
          %m = scf.for %kh = %lo to %hi step %c1 iter_args(%acc = %ninf) -> (f32) {
            %e = arith.muli %ow, %c2 : index
            %m2 = scf.for %kw = %c0 to %c2 step %c1 iter_args(%acc2 = %acc) -> (f32) {
              %h0 = arith.muli %oh, %c2 : index
              %h1 = arith.addi %h0, %kh : index
              %h = arith.subi %h1, %c1 : index
              %w = arith.addi %e, %kw : index
              %x = memref.load %I[%n, %c, %h, %w] : memref<2x3x8x8xf32>
              %y = arith.maximumf %acc2, %x : f32
              scf.yield %y : f32
            }
            scf.yield %m2 : f32
          }
          %pos = arith.cmpf ogt, %m, %ninf : f32
          %r = scf.if %pos -> f32 {
            scf.yield %m : f32
          } else {
            %z = arith.constant 0.0 : f32
            scf.yield %z : f32
          }
          memref.store %r, %O[%n, %c, %oh, %ow] : memref<2x3x4x4xf32>
        }
      }
    }
  }
  return
}
"""


def test_compiled_scf_nest_with_computed_bounds_vectorises():
    # What lower-affine makes of a padded pooling: index arithmetic in arith, bounds by
    # maxsi/minsi of the output position, scf.if on a loaded value.
    i = _f32(2, 3, 8, 8)
    _, (_, out), sources = _both(SCF_POOL, i, np.zeros((2, 3, 4, 4), np.float32),
                                 vectorised=True)  # fmt: skip
    assert "GRID(f" in sources[0] and "MGATHER" in sources[0] and "WHERE" in sources[0]
    padded = np.pad(i, ((0, 0), (0, 0), (1, 0), (0, 0)), constant_values=-np.inf)
    ref = np.stack(
        [padded[:, :, 2 * oh : 2 * oh + 3, :].reshape(2, 3, 3, 4, 2).max(axis=(2, 4))
         for oh in range(4)], axis=2,
    )  # fmt: skip
    np.testing.assert_array_equal(out, ref)


def test_compiled_scf_loop_carried_store_and_runtime_step():
    text = """
func.func @f(%X: memref<12xi32>, %s: index) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c12 = arith.constant 12 : index
  %z = arith.constant 0 : i32
  scf.for %i = %c1 to %c12 step %c1 {
    %p = arith.subi %i, %c1 : index
    %a = memref.load %X[%p] : memref<12xi32>
    %b = memref.load %X[%i] : memref<12xi32>
    %c = arith.addi %a, %b : i32
    memref.store %c, %X[%i] : memref<12xi32>
  }
  %t = scf.for %i = %c0 to %c12 step %s iter_args(%acc = %z) -> (i32) {
    %a = memref.load %X[%i] : memref<12xi32>
    %b = arith.addi %acc, %a : i32
    scf.yield %b : i32
  }
  return %t : i32
}
"""
    x = RNG.integers(-9, 9, 12).astype(np.int32)
    (t,), (out,), _ = _both(text, x, 3, vectorised=False)
    np.testing.assert_array_equal(out, np.cumsum(x).astype(np.int32))
    assert int(t) == int(out[::3].sum())
    assert "'scf.for' op step must be positive, got 0" in _error(text, "f", x, 0)


def test_compiled_narrow_types_keep_their_rounding_and_wrap_around():
    # bf16 rounds after each op (handler), f16 and i8 compute in numpy's own types (inline),
    # ui8 wraps as unsigned (handler): scalar and vectorised code alike.
    text = """
func.func @f(%A: memref<5x6xbf16>, %H: memref<5x6xf16>, %I: memref<5x6xi8>,
             %U: memref<5x6xui8>) -> (bf16, f16, i8) {
  %zb = arith.constant 0.0 : bf16
  %zh = arith.constant 0.0 : f16
  %zi = arith.constant 0 : i8
  %r:3 = affine.for %i = 0 to 5 iter_args(%a = %zb, %h = %zh, %n = %zi) -> (bf16, f16, i8) {
    %s:3 = affine.for %j = 0 to 6 iter_args(%b = %a, %g = %h, %m = %n) -> (bf16, f16, i8) {
      %x = affine.load %A[%i, %j] : memref<5x6xbf16>
      %y = affine.load %H[%i, %j] : memref<5x6xf16>
      %z = affine.load %I[%i, %j] : memref<5x6xi8>
      %b2 = arith.mulf %x, %x : bf16
      %b3 = arith.addf %b, %b2 : bf16
      %g2 = arith.mulf %y, %y : f16
      %g3 = arith.addf %g, %g2 : f16
      %m2 = arith.muli %z, %z : i8
      %m3 = arith.addi %m, %m2 : i8
      affine.yield %b3, %g3, %m3 : bf16, f16, i8
    }
    affine.yield %s#0, %s#1, %s#2 : bf16, f16, i8
  }
  affine.for %i = 0 to 5 {
    affine.for %j = 0 to 6 {
      %x = affine.load %A[%i, %j] : memref<5x6xbf16>
      %x2 = arith.mulf %x, %x : bf16
      affine.store %x2, %A[%i, %j] : memref<5x6xbf16>
      %u = affine.load %U[%i, %j] : memref<5x6xui8>
      %u2 = arith.muli %u, %u : ui8
      affine.store %u2, %U[%i, %j] : memref<5x6xui8>
    }
  }
  return %r#0, %r#1, %r#2 : bf16, f16, i8
}
"""
    from dialir.core.ir.dtypes import round_bf16

    a = round_bf16(_f32(5, 6) * 3)
    h = (_f32(5, 6) * 3).astype(np.float16)
    i = RNG.integers(-128, 127, (5, 6)).astype(np.int8)
    u = RNG.integers(0, 255, (5, 6)).astype(np.uint8)
    _both(text, a, h, i, u, vectorised=True)


def test_compiled_one_buffer_through_two_values_is_aliased():
    # memref.cast gives the same buffer another value: X[i + 1] = Y[i] * 2 reads what the
    # previous point wrote, whatever the values' names say.
    text = """
func.func @f(%X: memref<8xf32>) {
  %Y = memref.cast %X : memref<8xf32> to memref<?xf32>
  affine.for %i = 0 to 7 {
    %y = affine.load %Y[%i] : memref<?xf32>
    %d = arith.addf %y, %y : f32
    affine.store %d, %X[%i + 1] : memref<8xf32>
  }
  return
}
"""
    x = _f32(8)
    _, (out,), _ = _both(text, x)
    np.testing.assert_array_equal(out, x[0] * 2.0 ** np.arange(8, dtype=np.float32))


def test_nests_deeper_than_python_blocks_run():
    depth = 24  # Python compiles at most 20 nested blocks in one function
    ivs = [f"%i{k}" for k in range(depth)]
    head = "".join(f"affine.for {iv} = 0 to 1 {{\n" for iv in ivs)
    tail = "}\n" * depth
    text = f"""
func.func @f(%X: memref<1xf32>) {{
  %one = arith.constant 1.0 : f32
  {head}
  %x = affine.load %X[{" + ".join(ivs)}] : memref<1xf32>
  %y = arith.addf %x, %one : f32
  affine.store %y, %X[{" + ".join(ivs)}] : memref<1xf32>
  {tail}
  return
}}
"""
    # Too deep to compile whole: the outer loops run op by op, the inner nests compiled.
    _, (x,), sources = _both(text, np.zeros(1, np.float32))
    assert x[0] == 1 and sources
