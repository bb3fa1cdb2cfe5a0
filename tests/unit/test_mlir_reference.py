"""dialir's loop-level passes against upstream MLIR: the same input through both tools must
give the same IR.

Each input goes through the reference (`iree-opt` from the `iree-base-compiler` package, or
an `mlir-opt`) with the pass, and through `dialir-opt` with the same pass followed by the
reference with no pass, which only reads and prints; the two texts must be equal, so value
names, aliases and block order are the reference printer's on both sides and what is
compared is the IR itself: every op, operand, attribute and block, in order.

Inputs: the lit tests of these passes (tests/lit/conversions) and seeded random affine
expressions, which check MLIR's parse-time simplification and expansion order of every
expression kind (floordiv / ceildiv / mod included).

The reference is looked up as $DIALIR_MLIR_OPT, then `iree-opt` and `mlir-opt` on PATH
(`pip install dialir[mlir-ref]` provides `iree-opt`); without one the tests are skipped.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REFERENCE = (
    os.environ.get("DIALIR_MLIR_OPT") or shutil.which("iree-opt") or shutil.which("mlir-opt")
)
pytestmark = pytest.mark.skipif(
    REFERENCE is None,
    reason="needs upstream MLIR's iree-opt or mlir-opt: pip install 'dialir[mlir-ref]', or "
    "set DIALIR_MLIR_OPT to the tool",
)

LIT = Path(__file__).resolve().parents[1] / "lit" / "conversions"
FLAGS = ["--split-input-file", "--allow-unregistered-dialect"]

# (input, dialir pipeline, the reference's pass flags)
CASES = [
    ("lower-affine.mlir", "builtin.module(lower-affine)", ["--lower-affine"]),
    ("convert-scf-to-cf.mlir", "builtin.module(convert-scf-to-cf)", ["--convert-scf-to-cf"]),
    ("lower-affine.mlir", "builtin.module(lower-affine,convert-scf-to-cf)",
     ["--lower-affine", "--convert-scf-to-cf"]),
    ("affine-loop-normalize.mlir", "builtin.module(func.func(affine-loop-normalize))",
     ["--affine-loop-normalize"]),
    ("affine-loop-normalize-promote-single-iter.mlir",
     "builtin.module(func.func(affine-loop-normalize{promote-single-iter}))",
     ["--affine-loop-normalize=promote-single-iter"]),
    ("affine-loop-normalize.mlir",
     "builtin.module(func.func(affine-loop-normalize),lower-affine,convert-scf-to-cf)",
     ["--affine-loop-normalize", "--lower-affine", "--convert-scf-to-cf"]),
]  # fmt: skip


def _run(cmd: list[str], text: str) -> str:
    proc = subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stderr}"
    return proc.stdout


def _dialir_opt() -> list[str]:
    tool = shutil.which("dialir-opt")
    return [tool] if tool else [sys.executable, "-m", "dialir_tools.dialir_opt"]


def assert_same_as_reference(text: str, pipeline: str, reference_flags: list[str]) -> None:
    expected = _run([REFERENCE, *FLAGS, *reference_flags, "-"], text)
    ours = _run([*_dialir_opt(), *FLAGS, f"--pass-pipeline={pipeline}", "-"], text)
    reprinted = _run([REFERENCE, *FLAGS, "-"], ours)
    if reprinted != expected:
        exp_chunks = expected.split("// -----")
        got_chunks = reprinted.split("// -----")
        for exp, got in zip(exp_chunks, got_chunks):
            assert got == exp, f"first differing case, dialir:\n{got}\nMLIR:\n{exp}"
        assert reprinted == expected


@pytest.mark.parametrize(("name", "pipeline", "flags"), CASES,
                         ids=[f"{c[0]}:{c[1]}" for c in CASES])  # fmt: skip
def test_lit_inputs_match_mlir(name: str, pipeline: str, flags: list[str]) -> None:
    assert_same_as_reference((LIT / name).read_text(), pipeline, flags)


# -- random affine expressions --------------------------------------------------------------------


def _random_expr(rng: random.Random, depth: int) -> str:
    """An affine expression over d0, d1, s0, s1 in MLIR's syntax (pure affine: products
    with a constant, divisions and modulos by positive constants)."""
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(["d0", "d1", "s0", "s1", str(rng.randint(-9, 9))])
    kind = rng.choice(["+", "-", "*", "floordiv", "ceildiv", "mod"])
    lhs = _random_expr(rng, depth - 1)
    if kind in ("+", "-"):
        return f"({lhs} {kind} {_random_expr(rng, depth - 1)})"
    if kind == "*":
        return f"({lhs} * {rng.randint(-5, 5)})"
    return f"({lhs} {kind} {rng.randint(1, 9)})"


def random_apply_module(seed: int, count: int) -> str:
    rng = random.Random(seed)
    funcs = []
    for i in range(count):
        results = ", ".join(_random_expr(rng, 3) for _ in range(rng.randint(1, 3)))
        op = rng.choice(["affine.min", "affine.max", "affine.apply"])
        if op == "affine.apply":
            results = results.split(", ")[0] if not results.startswith("(") else results
            results = _random_expr(rng, 3)
        funcs.append(
            f"func.func @f{i}(%a: index, %b: index, %n: index, %m: index) -> index {{\n"
            f"  %r = {op} affine_map<(d0, d1)[s0, s1] -> ({results})>(%a, %b)[%n, %m]\n"
            f"  return %r : index\n}}\n"
        )
    return "\n// -----\n\n".join(funcs)


@pytest.mark.parametrize("seed", [0, 1])
def test_random_affine_expressions_match_mlir(seed: int) -> None:
    text = random_apply_module(seed, 60)
    assert_same_as_reference(text, "builtin.module(lower-affine)", ["--lower-affine"])
