"""dialir against upstream MLIR (`iree-opt`, or $DIALIR_MLIR_OPT): the op names of every
dialect dialir shares with MLIR are MLIR's registered ops. Skipped without the reference."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from dialir.core.ir.dialect import load_dialect

REFERENCE = (
    os.environ.get("DIALIR_MLIR_OPT") or shutil.which("iree-opt") or shutil.which("mlir-opt")
)
pytestmark = pytest.mark.skipif(
    REFERENCE is None,
    reason="needs upstream MLIR's iree-opt or mlir-opt: pip install 'dialir[mlir-ref]', or "
    "set DIALIR_MLIR_OPT to the tool",
)

SHARED_DIALECTS = ["arith", "func", "cf", "math", "memref", "scf", "affine", "llvm"]


@pytest.mark.parametrize("dialect", SHARED_DIALECTS)
def test_op_names_are_mlir_ops(dialect: str) -> None:
    """Every op of the dialect is one MLIR registers: the reference gives a verifier error
    (wrong operands), never 'unregistered operation', for a bare generic op of that name."""
    names = [op.OP_NAME for op in load_dialect(dialect).ops]
    text = "".join(f'"{n}"() : () -> ()\n// -----\n' for n in names)
    proc = subprocess.run(
        [REFERENCE, "--split-input-file", "-"], input=text, capture_output=True, text=True
    )
    unknown = [n for n in names if f"unregistered operation '{n}'" in proc.stderr]
    assert not unknown, f"not ops of MLIR's {dialect} dialect: {unknown}"
