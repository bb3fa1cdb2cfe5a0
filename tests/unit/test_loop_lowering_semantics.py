"""The loop-level lowerings keep what programs compute: each program runs on the interpreter
at the affine level, after lower-affine, and after lower-affine + convert-scf-to-cf (and with
affine-loop-normalize first), with the same results at every level. Index arithmetic is
checked on negative values too, where floordiv, ceildiv and mod differ from C division."""

from __future__ import annotations

import numpy as np
import pytest

from dialir.core.passes import PassManager
from dialir.execution import run_function
from dialir.ir import print_ir
from dialir.parser.parser import parse

PIPELINES = [
    "builtin.module(lower-affine)",
    "builtin.module(lower-affine,convert-scf-to-cf)",
    "builtin.module(func.func(affine-loop-normalize),lower-affine,convert-scf-to-cf)",
    "builtin.module(func.func(affine-loop-normalize{promote-single-iter}),lower-affine)",
]

RNG = np.random.default_rng(0)


def _lowered(text: str, pipeline: str):
    module = parse(text, "test.mlir")
    PassManager.parse(pipeline).run(module)
    left = {op.name.partition(".")[0] for op in module.walk()}
    assert "affine" not in left, pipeline
    assert "scf-to-cf" not in pipeline or "scf" not in left, pipeline
    return module


def _check_all_levels(text: str, name: str, make_inputs, trials: int = 3) -> None:
    """Run `name` at the affine level and after each pipeline on fresh inputs; every level
    returns the same arrays and leaves the same contents in its memref arguments."""
    levels = [("affine", parse(text, "test.mlir"))]
    levels += [(p, _lowered(text, p)) for p in PIPELINES]
    for _ in range(trials):
        inputs = make_inputs()
        expected = None
        for label, module in levels:
            args = [a.copy() if isinstance(a, np.ndarray) else a for a in inputs]
            results = run_function(module, name, args)
            got = [np.asarray(r) for r in results] + [a for a in args if isinstance(a, np.ndarray)]
            if expected is None:
                expected = got
                continue
            for e, g in zip(expected, got):
                np.testing.assert_allclose(g, e, rtol=1e-6, err_msg=f"after {label}")


INDEX_ARITH = """
func.func @index_arith(%out: memref<21x6xindex>, %s: index) {
  affine.for %i = -10 to 11 {
    %0 = affine.apply affine_map<(d0) -> (d0 floordiv 3)>(%i)
    %1 = affine.apply affine_map<(d0) -> (d0 ceildiv 4)>(%i)
    %2 = affine.apply affine_map<(d0) -> (d0 mod 5)>(%i)
    %3 = affine.apply affine_map<(d0)[s0] -> ((d0 * 3 - s0) floordiv 7 + (d0 + s0) mod 3)>(%i)[%s]
    %4 = affine.min affine_map<(d0)[s0] -> (d0 floordiv 2, s0 - d0, 3)>(%i)[%s]
    %5 = affine.max affine_map<(d0)[s0] -> ((d0 - s0) ceildiv 3, -d0 mod 4)>(%i)[%s]
    affine.store %0, %out[%i + 10, 0] : memref<21x6xindex>
    affine.store %1, %out[%i + 10, 1] : memref<21x6xindex>
    affine.store %2, %out[%i + 10, 2] : memref<21x6xindex>
    affine.store %3, %out[%i + 10, 3] : memref<21x6xindex>
    affine.store %4, %out[%i + 10, 4] : memref<21x6xindex>
    affine.store %5, %out[%i + 10, 5] : memref<21x6xindex>
  }
  return
}
"""


def _floordiv(a: int, b: int) -> int:
    return a // b


def test_index_arithmetic_with_negative_values() -> None:
    def inputs():
        return [np.zeros((21, 6), np.int64), int(RNG.integers(-20, 20))]

    _check_all_levels(INDEX_ARITH, "index_arith", inputs, trials=4)
    # And the values are the mathematical ones (floor, ceiling, non-negative remainder).
    out, s = np.zeros((21, 6), np.int64), -7
    run_function(_lowered(INDEX_ARITH, PIPELINES[1]), "index_arith", [out, s])
    for row, i in enumerate(range(-10, 11)):
        assert list(out[row]) == [
            i // 3, -(-i // 4), i % 5, (i * 3 - s) // 7 + (i + s) % 3,
            min(i // 2, s - i, 3), max(-(-(i - s) // 3), -i % 4),
        ], i  # fmt: skip


LOOPS = """
#lb = affine_map<(d0)[s0] -> (d0, s0 - d0)>
#ub = affine_map<(d0)[s0] -> (s0, d0 + 5)>
func.func @loops(%A: memref<16x16xf32>, %B: memref<16xf32>, %n: index) -> f32 {
  %zero = arith.constant 0.0 : f32
  %total = affine.for %i = 1 to 15 step 3 iter_args(%acc = %zero) -> (f32) {
    %row = affine.for %j = max #lb(%i)[%n] to min #ub(%i)[%n] step 2 iter_args(%r = %zero) -> (f32) {
      %v = affine.load %A[%i, %j] : memref<16x16xf32>
      %w = affine.if affine_set<(d0, d1) : (d0 - d1 >= 0, (d0 + d1) mod 2 == 0)>(%i, %j) -> f32 {
        %d = arith.mulf %v, %v : f32
        affine.yield %d : f32
      } else {
        affine.yield %v : f32
      }
      %s = arith.addf %r, %w : f32
      affine.yield %s : f32
    }
    affine.store %row, %B[%i] : memref<16xf32>
    %t = arith.addf %acc, %row : f32
    affine.yield %t : f32
  }
  return %total : f32
}
"""


def test_nested_loops_with_min_max_bounds_and_ifs() -> None:
    def inputs():
        return [RNG.standard_normal((16, 16)).astype(np.float32), np.zeros(16, np.float32),
                int(RNG.integers(0, 16))]  # fmt: skip

    _check_all_levels(LOOPS, "loops", inputs, trials=4)


PARALLEL = """
func.func @parallel(%A: memref<12x10xf32>, %I: memref<12x10xi32>, %T: memref<10x12xf32>) -> (f32, f32, i32, i32) {
  %r:4 = affine.parallel (%i, %j) = (0, 1) to (12, 10) step (1, 2) reduce ("addf", "maximumf", "addi", "andi") -> (f32, f32, i32, i32) {
    %v = affine.load %A[%i, %j] : memref<12x10xf32>
    %w = affine.load %I[%i, %j] : memref<12x10xi32>
    affine.yield %v, %v, %w, %w : f32, f32, i32, i32
  }
  affine.parallel (%i, %j) = (0, 0) to (12, 10) {
    %v = affine.load %A[%i, %j] : memref<12x10xf32>
    affine.store %v, %T[%j, %i] : memref<10x12xf32>
  }
  return %r#0, %r#1, %r#2, %r#3 : f32, f32, i32, i32
}
"""


def test_parallel_reductions() -> None:
    def inputs():
        return [RNG.standard_normal((12, 10)).astype(np.float32),
                RNG.integers(-100, 100, (12, 10)).astype(np.int32),
                np.zeros((10, 12), np.float32)]  # fmt: skip

    _check_all_levels(PARALLEL, "parallel", inputs)


SCF = """
func.func @scf(%n: index, %x: i32, %A: memref<8xi32>) -> (i32, i32, i32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %one = arith.constant 1 : i32
  %sum = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %x) -> (i32) {
    %v = memref.load %A[%i] : memref<8xi32>
    %c = arith.cmpi slt, %i, %n : index
    %w = scf.if %c -> i32 {
      %d = arith.addi %v, %v : i32
      scf.yield %d : i32
    } else {
      scf.yield %v : i32
    }
    %s = arith.addi %acc, %w : i32
    scf.yield %s : i32
  }
  %count = scf.while (%a = %x) : (i32) -> i32 {
    %lim = arith.constant 40 : i32
    %c = arith.cmpi slt, %a, %lim : i32
    scf.condition(%c) %a : i32
  } do {
  ^bb0(%b: i32):
    %n2 = arith.addi %b, %one : i32
    scf.yield %n2 : i32
  }
  %sel = scf.index_switch %n -> i32
  case 2 {
    %r = scf.execute_region -> i32 {
      scf.yield %sum : i32
    }
    scf.yield %r : i32
  }
  case 5 {
    scf.yield %count : i32
  }
  default {
    scf.yield %one : i32
  }
  return %sum, %count, %sel : i32, i32, i32
}
"""


@pytest.mark.parametrize("n", [0, 2, 5, 7])
def test_scf_control_flow(n: int) -> None:
    def inputs():
        return [n, np.int32(RNG.integers(-5, 30)), RNG.integers(-50, 50, 8).astype(np.int32)]

    _check_all_levels(SCF, "scf", inputs)


def test_failed_lowering_leaves_the_input_untouched() -> None:
    text = """
    func.func @f(%A: memref<8xf32>, %x: index) -> index {
      %0 = affine.apply affine_map<(d0) -> (d0 floordiv 2)>(%x)
      %v = affine.vector_load %A[%x] : memref<8xf32>, vector<4xf32>
      affine.for %i = 0 to 8 {
        affine.vector_store %v, %A[%i] : memref<8xf32>, vector<4xf32>
        %1 = affine.apply affine_map<(d0) -> (d0 floordiv -2)>(%i)
      }
      return %0 : index
    }
    """
    module = parse(text, "test.mlir")
    before = print_ir(module)
    with pytest.raises(Exception, match="division by non-positive value"):
        PassManager.parse("builtin.module(lower-affine)").run(module)
    assert print_ir(module) == before
