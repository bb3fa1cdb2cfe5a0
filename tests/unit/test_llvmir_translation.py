"""Translation to LLVM IR (dialir.target.llvmir): every llvm-dialect module among the lit
tests' inputs translates to IR that LLVM (llvmlite) parses and verifies; float constants are
exact; errors are diagnostics at the op."""

from __future__ import annotations

import math
import struct

import numpy as np
import pytest
from mlir_inputs import LIT_ROOT, rel, split_chunks

from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.types import FloatType, IntegerType, VectorType
from dialir.core.ir.verifier import verify
from dialir.dialects.llvm.types import LLVMPointerType
from dialir.parser.parser import parse
from dialir.target.llvmir import TranslationError, float_text, mangle, translate_to_llvmir
from dialir.target.machine import parse_llvmir


def _llvm_modules():
    """(file, chunk index, text) of every lit input chunk whose top-level ops are all llvm
    functions and globals and that verifies (invalid-IR tests are left out)."""
    out = []
    for path in sorted(LIT_ROOT.rglob("*.mlir")):
        if "Inputs" in path.parts or "Output" in path.parts or path.name == "invalid.mlir":
            continue
        text = path.read_text(encoding="utf-8")
        if "llvm.func" not in text and "llvm.mlir.global" not in text:
            continue
        for i, chunk in enumerate(split_chunks(text)):
            try:
                module = parse(chunk, str(path), allow_unregistered=True)
                verify(module)
            except DiagnosticError:
                continue
            ops = list(module.body.ops)
            if ops and all(op.name in ("llvm.func", "llvm.mlir.global") for op in ops):
                out.append(pytest.param(path, i, chunk, id=f"{rel(path)}-{i}"))
    return out


LLVM_MODULES = _llvm_modules()


def test_lit_inputs_with_llvm_modules_exist() -> None:
    assert len(LLVM_MODULES) >= 25


@pytest.mark.parametrize(("path", "index", "text"), LLVM_MODULES)
def test_lit_input_translates_to_ir_llvm_verifies(path, index, text) -> None:
    module = parse(text, str(path), allow_unregistered=True)
    ir = translate_to_llvmir(module)
    parse_llvmir(ir)  # raises LLVMError (a DiagnosticError) when LLVM rejects it


@pytest.mark.parametrize(
    "value", [0.0, -0.0, 1.5, 0.1, -2.75e-30, 3.4028234663852886e38, math.inf, -math.inf, math.nan]
)
def test_float_constants_are_exact(value) -> None:
    f64 = FloatType("f64")
    text = float_text(value, f64)
    assert text.startswith("0x") and len(text) == 18
    bits = int(text, 16)
    back = struct.unpack("<d", struct.pack("<Q", bits))[0]
    assert back == value or (math.isnan(back) and math.isnan(value))
    # f32: the double of the rounded float, as LLVM requires for `float` literals.
    f32_text = float_text(value, FloatType("f32"))
    back32 = struct.unpack("<d", struct.pack("<Q", int(f32_text, 16)))[0]
    assert back32 == float(np.float32(value)) or math.isnan(value)
    assert float_text(1.0, FloatType("f16")) == "0xH3C00"
    assert float_text(1.0, FloatType("bf16")) == "0xR3F80"


def test_intrinsic_suffixes() -> None:
    assert mangle(FloatType("f32")) == "f32"
    assert mangle(IntegerType(64)) == "i64"
    assert mangle(VectorType((8,), FloatType("f32"))) == "v8f32"
    assert mangle(LLVMPointerType(3)) == "p3"


def test_unknown_op_is_a_diagnostic_at_the_op() -> None:
    module = parse(
        'llvm.func @f() {\n  "test.op"() : () -> ()\n  llvm.return\n}\n', "in.mlir",
        allow_unregistered=True,
    )  # fmt: skip
    with pytest.raises(TranslationError) as info:
        translate_to_llvmir(module)
    d = info.value.diagnostics[0]
    assert "no translation for op 'test.op'" in d.message
    assert (d.location.line, d.location.column) == (2, 3)


def test_initializer_that_does_not_fold_is_a_diagnostic() -> None:
    module = parse(
        "llvm.mlir.global internal @g() : i32 {\n  %0 = llvm.mlir.constant(1 : i32) : i32\n"
        "  %1 = llvm.add %0, %0 : i32\n  llvm.return %1 : i32\n}\n", "in.mlir",
    )  # fmt: skip
    with pytest.raises(TranslationError, match="cannot translate 'llvm.add' in a global"):
        translate_to_llvmir(module)
