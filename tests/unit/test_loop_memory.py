"""buffer-reuse (static memory planning): planned programs compute what the unplanned ones do
on the interpreter, bit for bit — random chains of loop nests (elementwise, transposing,
reversing, reducing; static and run-time sizes; deallocs present or not), the example CNN
and a small ResNet-style model — and the arena never gives two buffers live at once
overlapping memory (other than a buffer written in place of the input it consumes)."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import onnx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialir.core.ir.verifier import verify
from dialir.core.passes import parse_pipeline, pass_statistics
from dialir.dialects.memref.transforms.buffer_reuse import BufferReuse, Slot, plan_offsets
from dialir.execution.interpreter import run_function
from dialir.frontends.onnx import import_model
from dialir.parser.parser import parse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from model_zoo import resnet_style_model  # noqa: E402

KINDS = ("exp", "add", "transpose", "diagonal", "reverse", "rowsum", "copy")


def _nest(kind: str, dst: str, a: str, b: str, t: str, n: str) -> str:
    """A loop nest computing `dst` from `a` (and `b`) over an n x 4 shape (n = 4)."""
    body = {
        "exp": f"%x = affine.load {a}[%i, %j] : {t}\n%y = math.exp %x : f32",
        "add": f"%x = affine.load {a}[%i, %j] : {t}\n%z = affine.load {b}[%i, %j] : {t}\n"
        f"%y = arith.addf %x, %z : f32",
        "transpose": f"%x = affine.load {a}[%j, %i] : {t}\n%y = arith.negf %x : f32",
        "diagonal": f"%x = affine.load {a}[%i, %i] : {t}\n%y = arith.negf %x : f32",
        "reverse": f"%x = affine.load {a}[%i, 3 - %j] : {t}\n%y = arith.negf %x : f32",
        "rowsum": f"%y = affine.for %k = 0 to 4 iter_args(%s = %cst) -> (f32) {{\n"
        f"  %x = affine.load {a}[%i, %k] : {t}\n  %r = arith.addf %s, %x : f32\n"
        f"  affine.yield %r : f32\n}}",
        "copy": f"%y = affine.load {a}[%i, %j] : {t}",
    }[kind]
    return (
        f"affine.for %i = 0 to {n} {{\n affine.for %j = 0 to 4 {{\n{body}\n"
        f"affine.store %y, {dst}[%i, %j] : {t}\n }}\n}}\n"
    )


@st.composite
def programs(draw) -> str:
    dynamic = draw(st.booleans())
    t = "memref<?x4xf32>" if dynamic else "memref<4x4xf32>"
    n = "%n" if dynamic else "4"
    lines = ["%cst = arith.constant 0.0 : f32"]
    if dynamic:
        lines.append("%c0 = arith.constant 0 : index\n%n = memref.dim %in, %c0 : " + t)
    count = draw(st.integers(1, 7))
    steps = []
    for k in range(count):
        kind = draw(st.sampled_from(KINDS))
        a = draw(st.integers(-1, k - 1))
        b = draw(st.integers(-1, k - 1))
        steps.append((kind, a, b))
    last_use = {}
    for k, (kind, a, b) in enumerate(steps):
        last_use[a] = k
        if kind == "add":
            last_use[b] = k
    last_use[count - 1] = count
    frees = draw(st.booleans())
    name = lambda i: "%in" if i < 0 else f"%t{i}"  # noqa: E731
    for k, (kind, a, b) in enumerate(steps):
        lines.append(f"%t{k} = memref.alloc({'%n' if dynamic else ''}) : {t}")
        lines.append(_nest(kind, f"%t{k}", name(a), name(b), t, n))
        if frees:
            lines += [
                f"memref.dealloc %t{i} : {t}" for i, u in last_use.items() if u == k and i >= 0
            ]
    lines.append(_nest("copy", "%out", f"%t{count - 1}", "", t, n))
    if frees:
        lines.append(f"memref.dealloc %t{count - 1} : {t}")
    body = "\n".join(lines)
    return f"func.func @f(%in: {t}, %out: {t}) {{\n{body}\nreturn\n}}\n"


def _run(text: str, x: np.ndarray, planned: bool) -> np.ndarray:
    module = parse(text, "random.mlir")
    if planned:
        parse_pipeline("builtin.module(func.func(buffer-reuse))").run(module)
        verify(module)
    out = np.zeros_like(x)
    run_function(module, "f", [x, out])
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.integers(0, 2**16))
def test_random_chains_match(text: str, seed: int) -> None:
    x = np.random.default_rng(seed).standard_normal((4, 4)).astype(np.float32)
    np.testing.assert_array_equal(_run(text, x, False), _run(text, x, True))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 300), st.integers(0, 20), st.integers(0, 8)),
                min_size=1, max_size=25), st.sampled_from([1, 16, 64]))  # fmt: skip
def test_planner_never_overlaps_live_buffers(specs, alignment) -> None:
    slots = []
    for size, start, length in specs:
        s = Slot.__new__(Slot)
        s.buffers, s.size, s.start, s.end, s.offset = [], size, start, start + length, 0
        slots.append(s)
    total = plan_offsets(slots, alignment)
    for i, p in enumerate(slots):
        assert p.offset % alignment == 0 and p.offset + p.size <= total
        for q in slots[i + 1 :]:
            if p.start <= q.end and q.start <= p.end:
                assert p.offset + p.size <= q.offset or q.offset + q.size <= p.offset
    # never worse than the sum of the sizes, never better than the peak of live bytes
    assert total <= sum(-(-s.size // alignment) * alignment for s in slots)
    assert total >= max(sum(s.size for s in slots if s.start <= t <= s.end) for t in range(30))


def _plan_and_compare(model: onnx.ModelProto, pipeline: str, x: np.ndarray) -> dict:
    module = import_model(model)
    parse_pipeline(pipeline).run(module)
    expected = run_function(module, "main", [x])
    p = BufferReuse()
    for op in module.regions[0].blocks[0].ops:
        if op.name == "func.func":
            p.run(op)
    verify(module)
    got = run_function(module, "main", [x])
    for e, g in zip(expected, got):
        np.testing.assert_array_equal(np.asarray(e), np.asarray(g))
    return pass_statistics(p)


UNFUSED = (
    "builtin.module(func.func(nn-shape-inference, canonicalize, nn-fold-batchnorm, canonicalize),"
    " convert-nn-to-affine, canonicalize)"
)


def test_example_cnn_planned_matches() -> None:
    model = onnx.load(ROOT / "examples" / "cnn.onnx")
    x = np.random.default_rng(1).standard_normal((2, 3, 32, 32)).astype(np.float32)
    stats = _plan_and_compare(model, "builtin.module(nn-to-loops)", x)
    # batch N is run-time: 57,448 bytes per image separately, 40,960 in the arena
    assert stats["dynamic-bytes-before"] == 57448
    assert stats["dynamic-bytes-after"] == stats["dynamic-peak-bytes-before"] == 40960
    stats = _plan_and_compare(model, UNFUSED, x)
    assert stats["num-in-place"] == 2
    assert stats["dynamic-bytes-after"] < stats["dynamic-peak-bytes-before"]


@pytest.mark.parametrize("pipeline", ["builtin.module(nn-to-loops)", UNFUSED])
def test_resnet_style_planned_matches(pipeline: str) -> None:
    model = resnet_style_model(16, widths=(4, 8, 8, 8), num_classes=5)
    x = np.random.default_rng(2).standard_normal((1, 3, 16, 16)).astype(np.float32)
    stats = _plan_and_compare(model, pipeline, x)
    assert stats["num-in-place"] > 0
    assert stats["bytes-after"] < stats["bytes-before"]


# -- affine-scalrep --------------------------------------------------------------------------

INDICES = ("%i", "3 - %i", "0", "0", "2", "(%i + 1) mod 4")


@st.composite
def scalrep_programs(draw) -> str:
    """Loads and stores on two argument buffers (maybe one array passed twice: aliasing) and
    a local one, at the top level, in a loop and in a loop nested in it; each load's value
    goes to its own element of %out."""
    lines = [
        "%t = memref.alloc() : memref<4xf32>",
        "affine.for %i = 0 to 4 {\n affine.store %c1, %t[%i] : memref<4xf32>\n}",
    ]
    loads = 0

    def stmts(depth: int, iv: str | None, visible: list[str]) -> list[str]:
        nonlocal loads
        visible = list(visible)  # values of an inner loop are not seen after it
        out = []
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(
                st.sampled_from(
                    ["load", "store", "store", "loop"] if depth < 2 else ["load", "store"]
                )
            )
            buf = draw(st.sampled_from(["%a", "%b", "%t"]))
            idx = draw(st.sampled_from(INDICES if iv else ("0", "2")))
            if iv:
                idx = idx.replace("%i", iv)
            if kind == "load":
                out.append(f"%v{loads} = affine.load {buf}[{idx}] : memref<4xf32>")
                out.append(f"affine.store %v{loads}, %out[{loads}] : memref<64xf32>")
                visible.append(f"%v{loads}")
                loads += 1
            elif kind == "store":
                value = draw(st.sampled_from(["%c1", "%c2", *visible]))
                out.append(f"affine.store {value}, {buf}[{idx}] : memref<4xf32>")
            else:
                inner = f"%i{depth}"
                body = "\n".join(stmts(depth + 1, inner, visible))
                out.append(f"affine.for {inner} = 0 to 4 {{\n{body}\n}}")
        return out

    lines += stmts(0, None, [])
    body = "\n".join(lines)
    return (
        "func.func @f(%a: memref<4xf32>, %b: memref<4xf32>, %out: memref<64xf32>) {\n"
        "%c1 = arith.constant 1.5 : f32\n%c2 = arith.constant -2.0 : f32\n"
        f"{body}\nmemref.dealloc %t : memref<4xf32>\nreturn\n}}\n"
    )


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scalrep_programs(), st.booleans())
def test_scalrep_random_matches(text: str, alias: bool) -> None:
    results = []
    for planned in (False, True):
        module = parse(text, "scalrep.mlir")
        if planned:
            parse_pipeline("builtin.module(func.func(affine-scalrep))").run(module)
            verify(module)
        a = np.arange(4, dtype=np.float32)
        b = a if alias else np.arange(4, dtype=np.float32) * 10
        out = np.zeros(64, np.float32)
        run_function(module, "f", [a, b, out])
        results.append((a.copy(), b.copy(), out))
    for before, after in zip(*results):
        np.testing.assert_array_equal(before, after)


# -- affine-loop-fusion ----------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.integers(0, 2**16), st.sampled_from(["greedy", "producer", "sibling"]),
       st.booleans())  # fmt: skip
def test_fusion_random_chains_match(text: str, seed: int, mode: str, scalrep: bool) -> None:
    """Random chains (elementwise, transposing, reversing, reducing consumers) fused in each
    mode, with and without scalrep after: the interpreter's results do not change."""
    x = np.random.default_rng(seed).standard_normal((4, 4)).astype(np.float32)
    results = []
    for passes in (
        "",
        f"affine-loop-fusion{{mode={mode}}}" + (",affine-scalrep" if scalrep else ""),
    ):
        module = parse(text, "fusion.mlir")
        if passes:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # refusal remarks
                parse_pipeline(f"builtin.module(func.func({passes}))").run(module)
            verify(module)
        out = np.zeros_like(x)
        run_function(module, "f", [x, out])
        results.append(out)
    np.testing.assert_array_equal(results[0], results[1])


CHAIN = """
func.func @chain(%x: tensor<2x3x4x5xf32>, %y: tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = nn.exp %x : tensor<2x3x4x5xf32>
  %1 = nn.add %0, %y : (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xf32>
  %2 = nn.relu %1 : tensor<2x3x4x5xf32>
  %3 = nn.tanh %2 : tensor<2x3x4x5xf32>
  return %3 : tensor<2x3x4x5xf32>
}
"""


def test_fusion_removes_elementwise_chain_buffers() -> None:
    """convert-nn-to-affine's nests for exp -> add -> relu -> tanh fuse into one nest and,
    with affine-scalrep, only the result buffer is left; same values on the interpreter."""
    rng = np.random.default_rng(3)
    args = [rng.standard_normal((2, 3, 4, 5)).astype(np.float32) for _ in range(2)]
    results = []
    for passes in (
        "convert-nn-to-affine",
        "convert-nn-to-affine, func.func(affine-loop-fusion, affine-scalrep)",
    ):
        module = parse(CHAIN, "chain.mlir")
        parse_pipeline(f"builtin.module({passes})").run(module)
        verify(module)
        results.append((module, run_function(module, "chain", args)))
    (plain, expected), (fused, got) = results
    np.testing.assert_array_equal(np.asarray(expected[0]), np.asarray(got[0]))
    count = lambda m, name: sum(o.name == name for o in m.walk())  # noqa: E731
    assert count(plain, "memref.alloc") == 4 and count(plain, "affine.for") == 16
    assert count(fused, "memref.alloc") == 1 and count(fused, "affine.for") == 4


# -- affine-data-copy-generate -----------------------------------------------------------------


def _tiled_matmul(n: int, t: int) -> str:
    """C += A * B over n x n, tiled by t (partial tiles bounded by min)."""
    pt = "affine_map<(d0) -> (d0)>"
    ub = f"affine_map<(d0) -> (d0 + {t}, {n})>"
    loops = "".join(
        f"affine.for %{v}{v} = {pt}(%{v}) to min {ub}(%{v}) {{\n" for v in ("i", "j", "k")
    )
    return (
        f"func.func @f(%A: memref<{n}x{n}xf32>, %B: memref<{n}x{n}xf32>, %C: memref<{n}x{n}xf32>) {{\n"
        + "".join(f"affine.for %{v} = 0 to {n} step {t} {{\n" for v in ("i", "j", "k"))
        + loops
        + f"%a = affine.load %A[%ii, %kk] : memref<{n}x{n}xf32>\n"
        f"%b = affine.load %B[%kk, %jj] : memref<{n}x{n}xf32>\n"
        f"%c = affine.load %C[%ii, %jj] : memref<{n}x{n}xf32>\n"
        "%p = arith.mulf %a, %b : f32\n%s = arith.addf %c, %p : f32\n"
        f"affine.store %s, %C[%ii, %jj] : memref<{n}x{n}xf32>\n" + "}\n" * 6 + "return\n}\n"
    )


def _stencil(n: int, t: int) -> str:
    """B[i] = A[i - 1] + A[i + 1], then A[i] = B[i] * B[i], tiled by t."""
    ub = f"affine_map<(d0) -> (d0 + {t}, {n - 1})>"
    return (
        f"func.func @f(%A: memref<{n}xf32>, %B: memref<{n}xf32>, %C: memref<{n}xf32>) {{\n"
        f"affine.for %i = 1 to {n - 1} step {t} {{\n"
        f"affine.for %ii = affine_map<(d0) -> (d0)>(%i) to min {ub}(%i) {{\n"
        f"%x = affine.load %A[%ii - 1] : memref<{n}xf32>\n"
        f"%y = affine.load %A[%ii + 1] : memref<{n}xf32>\n"
        "%s = arith.addf %x, %y : f32\n"
        f"affine.store %s, %B[%ii] : memref<{n}xf32>\n"
        "}\n"
        f"affine.for %ii = affine_map<(d0) -> (d0)>(%i) to min {ub}(%i) {{\n"
        f"%z = affine.load %B[%ii] : memref<{n}xf32>\n"
        "%q = arith.mulf %z, %z : f32\n"
        f"affine.store %q, %C[%ii] : memref<{n}xf32>\n"
        "}\n}\nreturn\n}\n"
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["matmul", "stencil"]), st.sampled_from([(8, 4), (10, 4), (9, 3), (6, 6)]),
       st.booleans(), st.sampled_from([0, 1, 2**20]), st.sampled_from([0, 1]),
       st.integers(0, 2**16))  # fmt: skip
def test_data_copy_matches(kernel, sizes, skip, capacity, space, seed) -> None:
    """Copies placed around tiles (skip-non-unit-stride-loops), around whole nests, or down
    at the innermost loops (capacity 0): the interpreter's results do not change."""
    n, t = sizes
    text = (_tiled_matmul if kernel == "matmul" else _stencil)(n, t)
    shape = (n, n) if kernel == "matmul" else (n,)
    rng = np.random.default_rng(seed)
    inputs = [rng.standard_normal(shape).astype(np.float32) for _ in range(3)]
    opts = f"generate-dma=false fast-mem-space={space} fast-mem-capacity={capacity}" + (
        " skip-non-unit-stride-loops" if skip else ""
    )
    results = []
    for passes in ("", f"affine-data-copy-generate{{{opts}}}"):
        module = parse(text, "copy.mlir")
        if passes:
            parse_pipeline(f"builtin.module(func.func({passes}))").run(module)
            verify(module)
        args = [a.copy() for a in inputs]
        run_function(module, "f", args)
        results.append(args)
    for before, after in zip(*results):
        np.testing.assert_array_equal(before, after)
