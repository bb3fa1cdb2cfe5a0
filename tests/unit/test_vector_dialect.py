"""The vector dialect dialir's lowerings emit (vector.load / store / broadcast): verifier
messages, lower-affine of affine.vector_load / vector_store, and the same program run by the
reference interpreter and as native code (convert-to-llvm, the JIT), compared with numpy."""

from __future__ import annotations

import numpy as np
import pytest

from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.verifier import verify
from dialir.core.passes import PassManager
from dialir.execution.interpreter import run_function
from dialir.execution.jit import ExecutionEngine
from dialir.parser.parser import parse

# out[i, j:j+16] = a[i, j:j+16] * s + out[i, j:j+16], for j in steps of 16 (strided view
# of the rows: the memref's layout is its own), and the same through affine.vector_* ops.
AXPY = """
func.func @axpy(%a: memref<3x40xf32>, %out: memref<3x40xf32>, %s: f32) {
  %b = vector.broadcast %s : f32 to vector<16xf32>
  affine.for %i = 0 to 3 {
    affine.for %j = 0 to 17 step 16 {
      %x = vector.load %a[%i, %j] : memref<3x40xf32>, vector<16xf32>
      %y = affine.vector_load %out[%i, %j + 7] : memref<3x40xf32>, vector<16xf32>
      %r = vector.fma %x, %b, %y : vector<16xf32>
      affine.vector_store %r, %out[%i, %j + 7] : memref<3x40xf32>, vector<16xf32>
    }
  }
  return
}
"""


def _expected(a: np.ndarray, out: np.ndarray, s: float) -> np.ndarray:
    want = out.copy()
    want[:, 7:39] = a[:, 0:32] * np.float32(s) + out[:, 7:39]
    return want


def test_interpreter_and_native_code_agree_with_numpy(tmp_path) -> None:
    rng = np.random.default_rng(0)
    a = rng.standard_normal((3, 40), dtype=np.float32)
    out = rng.standard_normal((3, 40), dtype=np.float32)
    want = _expected(a, out, 1.5)
    module = parse(AXPY, "<test>")
    verify(module)
    interpreted = out.copy()
    run_function(module, "axpy", [a, interpreted, np.float32(1.5)])
    np.testing.assert_allclose(interpreted, want, rtol=1e-6, atol=1e-6)  # fma: one rounding
    PassManager.parse(
        "builtin.module(lower-affine, convert-scf-to-cf, convert-to-llvm, "
        "reconcile-unrealized-casts)"
    ).run(module)
    assert not [op.name for op in module.walk() if op.name.startswith("vector.")]
    engine = ExecutionEngine(module, opt_level=3, cache=str(tmp_path))
    native = out.copy()
    engine.function("axpy")(a, native, np.float32(1.5))
    np.testing.assert_allclose(native, want, rtol=1e-6, atol=1e-6)


def test_interpreter_reports_an_access_past_the_end() -> None:
    text = """
    func.func @f(%a: memref<20xf32>) -> vector<16xf32> {
      %c8 = arith.constant 8 : index
      %v = vector.load %a[%c8] : memref<20xf32>, vector<16xf32>
      return %v : vector<16xf32>
    }"""
    with pytest.raises(Exception, match="out of bounds|outside"):
        run_function(parse(text, "<test>"), "f", [np.zeros(20, np.float32)])


@pytest.mark.parametrize(
    "body, message",
    [
        ("%v = vector.load %a[%i] : memref<4x20xf32>, vector<16xf32>", "requires 2 indices"),
        ("%v = vector.load %a[%i, %i] : memref<4x20xf32>, vector<16xf64>",
         "base and result element type should match"),
        ("%v = vector.broadcast %i : index to vector<16xf32>", "is not the element type"),
    ],
)  # fmt: skip
def test_verifier_messages(body: str, message: str) -> None:
    text = f"func.func @f(%a: memref<4x20xf32>, %i: index) {{\n  {body}\n  return\n}}"
    with pytest.raises(DiagnosticError, match=message):
        verify(parse(text, "<test>"))
