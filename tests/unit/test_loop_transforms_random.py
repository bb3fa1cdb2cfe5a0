"""Loop transformations on random affine nests (issue 12, point 2).

Hypothesis draws a random nest (tests/unit/loop_nest_gen.py: loop-carried dependences,
read-modify-write reductions, imperfect nests, strided loops) and a transformation with random
options; the interpreter runs the function before and after on the same inputs and the
buffers must match exactly (every transformation keeps each statement's arithmetic, only the
order of iterations changes). A refused request must leave the IR unchanged and say why in a
remark. For affine-parallelize, whose loops the sequential interpreter cannot fault, each
loop it converts is checked against brute force: no two accesses of the loop's iterations may
conflict.

`DIALIR_LOOP_EXAMPLES=2000 pytest tests/unit/test_loop_transforms_random.py` runs more.
"""

from __future__ import annotations

import os
import random
import warnings
from collections import defaultdict

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loop_nest_gen import SIZE, NestProgram

from dialir.core.passes import parse_pipeline
from dialir.dialects.loop.affine.ops import AffineForOp
from dialir.dialects.loop.analysis import RemarkWarning
from dialir.execution import run_function
from dialir.parser.parser import parse

EXAMPLES = int(os.environ.get("DIALIR_LOOP_EXAMPLES", "25"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))  # fmt: skip


def _inputs(prog: NestProgram) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    shape = (SIZE,) * prog.rank
    return [rng.integers(-4, 5, shape).astype(np.float32) for _ in range(2)]


def _transform(text: str, pipeline: str):
    module = parse(text, "nest.mlir")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parse_pipeline(f"builtin.module(func.func({pipeline}))").run(module)
    remarks = [w.message.diagnostic.message for w in caught
               if isinstance(w.message, RemarkWarning)]  # fmt: skip
    return module, remarks


def _execute(module, prog: NestProgram) -> list[np.ndarray]:
    buffers = _inputs(prog)
    run_function(module, "nest", buffers)
    return buffers


def _check_same(prog: NestProgram, pipeline: str) -> tuple[bool, list[str]]:
    text = prog.text()
    before = _execute(parse(text, "nest.mlir"), prog)
    module, remarks = _transform(text, pipeline)
    after = _execute(module, prog)
    for b, a in zip(before, after):
        np.testing.assert_array_equal(a, b, err_msg=f"{pipeline} miscompiled:\n{text}\n{module}")
    if remarks and "cannot" in remarks[0]:
        # A refusal of every band leaves the function as it was.
        if all(r.startswith("cannot") for r in remarks) and len(remarks) == len(prog.roots):
            assert str(module) == str(parse(text, "nest.mlir")), f"{pipeline}: refused but changed"
    return bool(remarks), remarks


programs = st.integers(0, 10**9).map(lambda seed: NestProgram(random.Random(seed)))


@SETTINGS
@given(programs, st.integers(1, 5), st.lists(st.integers(1, 6), max_size=3), st.booleans())
def test_tile(prog, size, sizes, separate):
    opts = f"tile-size={size}" if not sizes else "tile-sizes=" + ",".join(map(str, sizes))
    if separate:
        opts += " separate"
    _check_same(prog, f"affine-loop-tile{{{opts}}}")


@SETTINGS
@given(programs, st.sampled_from(["unroll-factor=2", "unroll-factor=3", "unroll-factor=4",
                                  "unroll-factor=-1", "unroll-full unroll-full-threshold=3",
                                  "unroll-up-to-factor unroll-factor=3",
                                  "unroll-factor=2 cleanup-unroll", "unroll-num-reps=2 "
                                  "unroll-factor=2"]))  # fmt: skip
def test_unroll(prog, opts):
    _check_same(prog, f"affine-loop-unroll{{{opts}}}")


@SETTINGS
@given(programs, st.sampled_from([[1, 0], [0, 1], [2, 0, 1], [1, 2, 0], [0, 2, 1], [2, 1, 0]]))
def test_interchange(prog, perm):
    _check_same(prog, "affine-loop-interchange{permutation=" + ",".join(map(str, perm)) + "}")


def _carried_conflict(prog: NestProgram, iv: str) -> bool:
    """Whether two executions in different iterations of loop `iv` (same outer iterations)
    touch one element, one of them writing."""
    by_elem = defaultdict(list)
    for a, env, elem in prog.trace():
        names = [n for n, _ in env]
        if iv not in names:
            continue
        k = names.index(iv)
        by_elem[(a.buffer, elem)].append((a.is_store, env[:k], env[k][1]))
    for events in by_elem.values():
        for i, (w1, outer1, v1) in enumerate(events):
            for w2, outer2, v2 in events[i + 1 :]:
                if (w1 or w2) and outer1 == outer2 and v1 != v2:
                    return True
    return False


@SETTINGS
@given(programs, st.integers(1, 3))
def test_parallelize(prog, max_nested):
    text = prog.text()
    module = parse(text, "nest.mlir")
    ivs = {op.induction_var.name_hint for op in module.walk() if isinstance(op, AffineForOp)}
    module, _ = _transform(text, f"affine-parallelize{{max-nested={max_nested}}}")
    left = {op.induction_var.name_hint for op in module.walk() if isinstance(op, AffineForOp)}
    for iv in ivs - left:
        assert not _carried_conflict(prog, iv), f"loop %{iv} is not parallel:\n{text}"
    np.testing.assert_array_equal(_execute(module, prog), _execute(parse(text, "n"), prog))


@SETTINGS
@given(programs, st.sampled_from(["affine-loop-invariant-code-motion", "affine-loop-coalescing",
                                  "affine-loop-normalize,affine-loop-coalescing"]))  # fmt: skip
def test_order_keeping_passes(prog, pipeline):
    _check_same(prog, pipeline)


SCF_PARALLEL = """
func.func @nest(%A: memref<16x16xf32>, %B: memref<16x16xf32>) {{
  %lb0 = arith.constant {lb0} : index
  %lb1 = arith.constant {lb1} : index
  %ub0 = arith.constant {ub0} : index
  %ub1 = arith.constant {ub1} : index
  %s0 = arith.constant {s0} : index
  %s1 = arith.constant {s1} : index
  scf.parallel (%i, %j) = (%lb0, %lb1) to (%ub0, %ub1) step (%s0, %s1) {{
    %v = memref.load %B[%j, %i] : memref<16x16xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %A[%i, %j] : memref<16x16xf32>
  }}
  return
}}
"""


@SETTINGS
@given(st.integers(0, 3), st.integers(0, 3), st.integers(0, 13), st.integers(0, 13),
       st.integers(1, 3), st.integers(1, 3), st.lists(st.integers(1, 5), max_size=2))  # fmt: skip
def test_scf_parallel_loop_tiling(lb0, lb1, n0, n1, s0, s1, sizes):
    text = SCF_PARALLEL.format(lb0=lb0, lb1=lb1, ub0=lb0 + n0, ub1=lb1 + n1, s0=s0, s1=s1)
    opts = ",".join(map(str, sizes)) or "1"
    module, _ = _transform(text, f"scf-parallel-loop-tiling{{parallel-loop-tile-sizes={opts}}}")
    rng = np.random.default_rng(1)
    b = rng.integers(-4, 5, (16, 16)).astype(np.float32)
    want, got = np.zeros_like(b), np.zeros_like(b)
    run_function(parse(text, "p.mlir"), "nest", [want, b])
    run_function(module, "nest", [got, b])
    np.testing.assert_array_equal(got, want)


@SETTINGS
@given(programs, st.integers(1, 4))
def test_unroll_jam(prog, factor):
    _check_same(prog, f"affine-loop-unroll-jam{{unroll-jam-factor={factor}}}")
