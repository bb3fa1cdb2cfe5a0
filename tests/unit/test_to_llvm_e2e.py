"""Programs at the func + cf + arith + math + memref level, lowered by `convert-to-llvm`,
translated to LLVM IR, compiled by the JIT engine and run on numpy arrays, compared with
numpy: loops over dynamic sizes, a matmul, constants in globals, heap buffers returned to
the caller. And every lit test of the conversions that lowers fully translates to LLVM IR
that LLVM verifies."""

from __future__ import annotations

import math

import numpy as np
import pytest
from mlir_inputs import LIT_ROOT, rel, split_chunks

from dialir.conversions.onnx_to_llvm import SMALL_FLOATS
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.verifier import verify
from dialir.core.passes import PassManager
from dialir.execution.jit import ExecutionEngine
from dialir.parser.parser import parse
from dialir.target import machine
from dialir.target.llvmir import translate_to_llvmir
from dialir.target.machine import parse_llvmir


def compile_module(text: str, tmp_path) -> ExecutionEngine:
    module = parse(text, "<test>")
    verify(module)
    PassManager.parse("builtin.module(convert-to-llvm, reconcile-unrealized-casts)").run(module)
    for op in module.walk():
        assert op.name.startswith(("llvm.", "builtin.module")), op.name
    return ExecutionEngine(module, opt_level=3, cache=str(tmp_path))


SCALE_SUM = """
func.func @scale_sum(%m: memref<?xf32> {llvm.noalias}, %out: memref<?xf32> {llvm.noalias},
                     %k: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %n = memref.dim %m, %c0 : memref<?xf32>
  cf.br ^loop(%c0, %zero : index, f32)
^loop(%i: index, %acc: f32):
  %more = arith.cmpi slt, %i, %n : index
  cf.cond_br %more, ^body, ^done
^body:
  %x = memref.load %m[%i] : memref<?xf32>
  %y = arith.mulf %x, %k fastmath<fast> : f32
  memref.store %y, %out[%i] : memref<?xf32>
  %acc2 = arith.addf %acc, %y fastmath<fast> : f32
  %i2 = arith.addi %i, %c1 : index
  cf.br ^loop(%i2, %acc2 : index, f32)
^done:
  return %acc : f32
}
"""


@pytest.mark.parametrize("n", [0, 1, 7, 1000])
def test_loop_scales_and_sums_a_dynamic_array(tmp_path, n) -> None:
    engine = compile_module(SCALE_SUM, tmp_path)
    x = np.random.default_rng(n).standard_normal(n).astype(np.float32)
    out = np.zeros_like(x)
    total = engine["scale_sum"](x, out, 3.0)
    np.testing.assert_allclose(out, x * 3, rtol=1e-6)
    np.testing.assert_allclose(total, (x * 3).sum(dtype=np.float64), rtol=1e-4, atol=1e-4)


def _matmul(shape_a: str, shape_b: str, shape_c: str, alloc: str) -> str:
    """C = A @ B with three cf loops; C is allocated (sizes from A and B) and returned."""
    return f"""
func.func @matmul(%a: memref<{shape_a}xf32> {{llvm.noalias}},
                  %b: memref<{shape_b}xf32> {{llvm.noalias}}) -> memref<{shape_c}xf32> {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %m = memref.dim %a, %c0 : memref<{shape_a}xf32>
  %k = memref.dim %a, %c1 : memref<{shape_a}xf32>
  %n = memref.dim %b, %c1 : memref<{shape_b}xf32>
  %c = {alloc}
  cf.br ^i_loop(%c0 : index)
^i_loop(%i: index):
  %i_more = arith.cmpi slt, %i, %m : index
  cf.cond_br %i_more, ^j_head, ^done
^j_head:
  cf.br ^j_loop(%c0 : index)
^j_loop(%j: index):
  %j_more = arith.cmpi slt, %j, %n : index
  cf.cond_br %j_more, ^k_head, ^i_next
^k_head:
  cf.br ^k_loop(%c0, %zero : index, f32)
^k_loop(%p: index, %acc: f32):
  %k_more = arith.cmpi slt, %p, %k : index
  cf.cond_br %k_more, ^k_body, ^j_next
^k_body:
  %x = memref.load %a[%i, %p] : memref<{shape_a}xf32>
  %y = memref.load %b[%p, %j] : memref<{shape_b}xf32>
  %xy = arith.mulf %x, %y fastmath<contract> : f32
  %acc2 = arith.addf %acc, %xy fastmath<contract> : f32
  %p2 = arith.addi %p, %c1 : index
  cf.br ^k_loop(%p2, %acc2 : index, f32)
^j_next:
  memref.store %acc, %c[%i, %j] : memref<{shape_c}xf32>
  %j2 = arith.addi %j, %c1 : index
  cf.br ^j_loop(%j2 : index)
^i_next:
  %i2 = arith.addi %i, %c1 : index
  cf.br ^i_loop(%i2 : index)
^done:
  return %c : memref<{shape_c}xf32>
}}
"""


def test_static_matmul(tmp_path) -> None:
    text = _matmul("8x16", "16x4", "8x4", "memref.alloc() alignment = 64 : memref<8x4xf32>")
    engine = compile_module(text, tmp_path)
    rng = np.random.default_rng(0)
    a = rng.standard_normal((8, 16)).astype(np.float32)
    b = rng.standard_normal((16, 4)).astype(np.float32)
    c = engine["matmul"](a, b)
    assert c.shape == (8, 4) and c.dtype == np.float32
    np.testing.assert_allclose(c, a @ b, rtol=1e-5, atol=1e-5)


def test_dynamic_matmul(tmp_path) -> None:
    text = _matmul("?x?", "?x?", "?x?", "memref.alloc(%m, %n) : memref<?x?xf32>")
    engine = compile_module(text, tmp_path)
    rng = np.random.default_rng(1)
    for m, k, n in [(3, 5, 2), (17, 33, 9), (1, 1, 1)]:
        a = rng.standard_normal((m, k)).astype(np.float32)
        b = rng.standard_normal((k, n)).astype(np.float32)
        np.testing.assert_allclose(engine["matmul"](a, b), a @ b, rtol=1e-5, atol=1e-5)


GLOBALS_AND_MATH = """
memref.global "private" constant @weights : memref<2x3xf32> = dense<[[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]>
memref.global "private" constant @bias : memref<f32> = dense<0.125>

func.func @dense_exp(%x: memref<3xf32>, %y: memref<2xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @weights : memref<2x3xf32>
  %bg = memref.get_global @bias : memref<f32>
  %b = memref.load %bg[] : memref<f32>
  cf.br ^row(%c0 : index)
^row(%i: index):
  %more = arith.cmpi slt, %i, %c2 : index
  cf.cond_br %more, ^col_head, ^done
^col_head:
  cf.br ^col(%c0, %b : index, f32)
^col(%j: index, %acc: f32):
  %jm = arith.cmpi slt, %j, %c3 : index
  cf.cond_br %jm, ^col_body, ^row_end
^col_body:
  %wij = memref.load %w[%i, %j] : memref<2x3xf32>
  %xj = memref.load %x[%j] : memref<3xf32>
  %acc2 = math.fma %wij, %xj, %acc : f32
  %j2 = arith.addi %j, %c1 : index
  cf.br ^col(%j2, %acc2 : index, f32)
^row_end:
  %e = math.exp %acc : f32
  %s = math.sqrt %e : f32
  %r = math.rsqrt %s : f32
  %v = arith.maximumf %r, %zero : f32
  memref.store %v, %y[%i] : memref<2xf32>
  %i2 = arith.addi %i, %c1 : index
  cf.br ^row(%i2 : index)
^done:
  return
}
"""


def test_globals_and_math(tmp_path) -> None:
    engine = compile_module(GLOBALS_AND_MATH, tmp_path)
    x = np.array([1.0, 2.0, -0.5], np.float32)
    y = np.zeros(2, np.float32)
    engine["dense_exp"](x, y)
    w = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], np.float32)
    acc = w @ x + np.float32(0.125)
    want = np.maximum(1 / np.sqrt(np.sqrt(np.exp(acc))), 0)
    np.testing.assert_allclose(y, want, rtol=1e-5)


LIBM = """
func.func @act(%x: memref<?xf64>, %y: memref<?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf64>
  cf.br ^loop(%c0 : index)
^loop(%i: index):
  %more = arith.cmpi slt, %i, %n : index
  cf.cond_br %more, ^body, ^done
^body:
  %v = memref.load %x[%i] : memref<?xf64>
  %t = math.tanh %v : f64
  %e = math.erf %t : f64
  memref.store %e, %y[%i] : memref<?xf64>
  %i2 = arith.addi %i, %c1 : index
  cf.br ^loop(%i2 : index)
^done:
  return
}
"""


def test_libm_calls(tmp_path) -> None:
    module = parse(LIBM, "<test>")
    pm = "builtin.module(convert-math-to-libm, convert-to-llvm, reconcile-unrealized-casts)"
    PassManager.parse(pm).run(module)
    engine = ExecutionEngine(module, opt_level=2, cache=str(tmp_path))
    x = np.linspace(-3, 3, 13)
    y = np.zeros_like(x)
    engine["act"](x, y)
    np.testing.assert_allclose(y, [math.erf(v) for v in np.tanh(x)], rtol=1e-12)


VIEWS = """
func.func @views(%m: memref<8x16xf32>, %i: index, %dst: memref<2x3x4xf32>) -> f32 {
  %c1 = arith.constant 1 : index
  %row = memref.subview %m[%i, 2] [1, 4] [1, 2] : memref<8x16xf32> to memref<4xf32, strided<[2], offset: ?>>
  %x = memref.load %row[%c1] : memref<4xf32, strided<[2], offset: ?>>
  %flat = memref.collapse_shape %m [[0, 1]] : memref<8x16xf32> into memref<128xf32>
  %head = memref.subview %flat[0] [24] [1] : memref<128xf32> to memref<24xf32, strided<[1]>>
  %cube = memref.expand_shape %head [[0, 1, 2]] output_shape [2, 3, 4] : memref<24xf32, strided<[1]>> into memref<2x3x4xf32, strided<[12, 4, 1]>>
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %y = memref.load %cube[%c1, %c2, %c1] : memref<2x3x4xf32, strided<[12, 4, 1]>>
  %fresh = memref.alloc() : memref<2x3x4xf32>
  memref.copy %cube, %fresh : memref<2x3x4xf32, strided<[12, 4, 1]>> to memref<2x3x4xf32>
  memref.copy %fresh, %dst : memref<2x3x4xf32> to memref<2x3x4xf32>
  memref.dealloc %fresh : memref<2x3x4xf32>
  %s = arith.addf %x, %y : f32
  return %s : f32
}
"""


def test_views(tmp_path) -> None:
    engine = compile_module(VIEWS, tmp_path)
    m = np.arange(128, dtype=np.float32).reshape(8, 16)
    dst = np.zeros((2, 3, 4), np.float32)
    got = engine["views"](m, 3, dst)
    assert got == m[3, 4] + m.reshape(-1)[:24].reshape(2, 3, 4)[1, 2, 1]
    np.testing.assert_array_equal(dst, m.reshape(-1)[:24].reshape(2, 3, 4))


def test_wrong_arguments_are_errors_not_crashes(tmp_path) -> None:
    engine = compile_module(SCALE_SUM, tmp_path)
    f = engine["scale_sum"]
    x = np.zeros(4, np.float32)
    with pytest.raises((TypeError, ValueError)):
        f(x.astype(np.float64), x, 1.0)
    with pytest.raises((TypeError, ValueError)):
        f(np.zeros((2, 2), np.float32), x, 1.0)
    with pytest.raises((TypeError, ValueError)):
        f(np.zeros(8, np.float32)[::2], x, 1.0)
    with pytest.raises((TypeError, ValueError)):
        f(x, x)


def test_generated_code_is_vectorised(tmp_path) -> None:
    """fast-math and noalias let LLVM vectorise the loop: the optimized IR has vector
    multiplies (any width the host has)."""
    engine = compile_module(SCALE_SUM, tmp_path)
    options = machine.TargetOptions.host(opt_level=3)
    optimized = str(machine.compile_llvmir(engine.llvm_ir, options))
    assert "fmul fast <" in optimized


# -- the conversions' lit tests, lowered to the end, verify as LLVM IR ----------------------


def _conversion_chunks():
    out = []
    for path in sorted((LIT_ROOT / "conversions").glob("*.mlir")):
        text = path.read_text(encoding="utf-8")
        for i, chunk in enumerate(split_chunks(text)):
            if "expected-error" in chunk:  # inputs a lowering rejects on purpose
                continue
            out.append(pytest.param(path, i, chunk, id=f"{rel(path)}-{i}"))
    return out


CHUNKS = _conversion_chunks()


def test_every_conversion_lit_file_is_collected() -> None:
    assert len({p.values[0] for p in CHUNKS}) >= 7


@pytest.mark.parametrize(("path", "index", "text"), CHUNKS)
def test_lowered_lit_input_is_llvm_ir_that_llvm_verifies(path, index, text) -> None:
    try:
        module = parse(text, str(path))
        verify(module)
    except DiagnosticError:
        pytest.skip("not a valid input on its own")
    pipeline = (
        "convert-nn-to-affine, lower-affine, convert-scf-to-cf, "
        f"arith-expand{{{SMALL_FLOATS}}}, convert-math-to-funcs, convert-math-to-libm, "
        "convert-to-llvm, reconcile-unrealized-casts"
    )
    PassManager.parse(f"builtin.module({pipeline})").run(module)
    if any(not op.name.startswith(("llvm.", "builtin.module")) for op in module.walk()):
        pytest.skip("ops that convert-to-llvm leaves (as MLIR does) remain")
    parse_llvmir(translate_to_llvmir(module))
