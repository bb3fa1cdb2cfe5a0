"""IRDL: dialects defined at run time from `irdl` IR (dialir.load_irdl, dialir-opt --irdl-file).

The Python entry point, and (where upstream MLIR's iree-opt is installed) a comparison of
what both tools print for the lit tests' IRDL and for IR using an IRDL-defined dialect.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dialir
from dialir.core.ir.types import f32, f64, i32
from dialir.ir import Context, DiagnosticError, TypeAttr, parse, print_ir, verify

LIT = Path(__file__).resolve().parents[1] / "lit" / "dialects" / "irdl"
CMATH = LIT / "Inputs" / "cmath.irdl.mlir"

COMPLEX = """
irdl.dialect @cm {
  irdl.type @complex {
    %0 = irdl.is f32
    %1 = irdl.is f64
    %2 = irdl.any_of(%0, %1)
    irdl.parameters(elem: %2)
  }
  irdl.operation @norm {
    %0 = irdl.any
    %1 = irdl.parametric @cm::@complex<%0>
    irdl.operands(complex: %1)
    irdl.results(norm: %0)
  }
}
"""

USE = """
func.func @f(%a: !cm.complex<f32>) -> f32 {
  %n = "cm.norm"(%a) : (!cm.complex<f32>) -> f32
  return %n : f32
}
"""


def test_load_irdl_text_registers_ops_and_types_in_the_context() -> None:
    with Context() as ctx:
        (dialect,) = dialir.load_irdl(COMPLEX, context=ctx)
        assert dialect.name == "cm"
        assert [op.OP_NAME for op in dialect.ops] == ["cm.norm"]
        module = parse(USE)
        verify(module)
        assert '"cm.norm"(%arg0) : (!cm.complex<f32>) -> f32' in print_ir(module)
        # Built from Python: the definition is callable, its instances are uniqued.
        complex_ = ctx.lookup_type_class("cm.complex")
        assert complex_(f32) is complex_(TypeAttr(f32))
        assert str(complex_(f64)) == "!cm.complex<f64>"
        with pytest.raises(ValueError, match="'i32' does not satisfy the constraint"):
            complex_(i32)
    # Another context knows nothing of it.
    with Context():
        with pytest.raises(DiagnosticError, match="unregistered dialect"):
            parse(USE)


def test_ops_verify_their_constraints() -> None:
    with Context() as ctx:
        dialir.load_irdl(COMPLEX, context=ctx)
        module = parse(USE.replace("-> f32\n  return", "-> f64\n  return").replace(
            "%n : f32", "%n : f64").replace(") -> f32 {", ") -> f64 {"))  # fmt: skip
        with pytest.raises(DiagnosticError, match="expected 'f32' but got 'f64'"):
            verify(module)


def test_load_irdl_from_a_path_and_into_the_current_context() -> None:
    with Context() as ctx:
        dialects = dialir.load_irdl(CMATH)
        assert [d.name for d in dialects] == ["cmath"]
        assert ctx.lookup_op_class("cmath.mul") is not None
        assert dialir.load_irdl(os.fspath(CMATH))[0].name == "cmath"  # loading again is fine


def test_bad_irdl_is_a_diagnostic_at_its_location() -> None:
    bad = COMPLEX.replace("irdl.is f64", 'irdl.base "!builtin.nope"')
    with Context() as ctx, pytest.raises(DiagnosticError) as info:
        dialir.load_irdl(bad, context=ctx, filename="bad.irdl.mlir")
    (diag,) = info.value.diagnostics
    assert diag.message == "no registered type with name !builtin.nope"
    assert (diag.location.filename, diag.location.line) == ("bad.irdl.mlir", 5)
    with Context() as ctx, pytest.raises(DiagnosticError, match="symbol '@cm::@nope' not found"):
        dialir.load_irdl(COMPLEX.replace("@cm::@complex", "@cm::@nope"), context=ctx)


# -- the reference ---------------------------------------------------------------------------

REFERENCE = os.environ.get("DIALIR_MLIR_OPT") or shutil.which("iree-opt")
DIALIR_OPT = [shutil.which("dialir-opt") or sys.executable, *(() if shutil.which("dialir-opt")
              else ("-m", "dialir_tools.dialir_opt"))]  # fmt: skip
_SSA = re.compile(r"%[A-Za-z0-9_$.\-]+")


def _run(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stderr}"
    return proc.stdout


@pytest.mark.skipif(REFERENCE is None, reason="needs upstream MLIR's iree-opt (pip install "
                    "'dialir[mlir-ref]') or $DIALIR_MLIR_OPT")  # fmt: skip
@pytest.mark.parametrize("generic", [False, True], ids=["custom", "generic"])
@pytest.mark.parametrize(
    ("irdl", "source"),
    [(CMATH, CMATH), (LIT / "ops.mlir", LIT / "ops.mlir"), (CMATH, LIT / "cmath.mlir")],
    ids=["cmath.irdl", "ops", "cmath-uses"],
)
def test_prints_what_mlir_prints(irdl: Path, source: Path, generic: bool) -> None:
    """The same text as iree-opt (which reads irdl only with --irdl-file), but for SSA value
    names (numbered by the printer; compared through the reference, which renames)."""
    flags = [f"--irdl-file={irdl}", "--allow-unregistered-dialect"]
    flags += ["--mlir-print-op-generic"] if generic else []
    ours = _run([*DIALIR_OPT, str(source), *flags])
    theirs = _run([REFERENCE, str(source), *flags])
    assert _SSA.sub("%_", ours) == _SSA.sub("%_", theirs)
    renamed = subprocess.run([REFERENCE, "-", *flags], input=ours, capture_output=True,
                             text=True, timeout=300).stdout  # fmt: skip
    assert renamed == theirs
