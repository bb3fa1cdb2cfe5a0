"""The custom-syntax examples of MLIR's own dialect documentation parse, verify and print
back to a fixed point, and every `func`, `arith`, `math`, `memref`, `cf`, `affine`, `scf`
and `llvm` op in them is parsed through its registered custom syntax, not as an unregistered
generic op.

The snippets live in `tests/lit/dialects/<dialect>/mlir-docs.mlir`, one `// -----` chunk
each, where lit also checks what they print against what `mlir-opt` prints. There are
158 snippets: func 11, arith 43, math 18, memref 29, cf 5, affine 21, scf 13, llvm 18
(`test_snippet_count` keeps this number honest).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mlir_inputs import LIT_ROOT, rel, split_chunks

from dialir.core.ir.printer import Printer
from dialir.core.ir.verifier import verify
from dialir.parser.parser import parse

DIALECTS = ("func", "arith", "math", "memref", "cf", "affine", "scf", "llvm")
DOC_FILES = [LIT_ROOT / "dialects" / d / "mlir-docs.mlir" for d in DIALECTS]
EXPECTED_COUNTS = {
    "func": 11, "arith": 43, "math": 18, "memref": 29, "cf": 5, "affine": 21, "scf": 13,
    "llvm": 18,
}  # fmt: skip


def _snippets(path: Path) -> list[str]:
    return [c for c in split_chunks(path.read_text(encoding="utf-8")) if c.strip()]


SNIPPETS = [(path, i) for path in DOC_FILES for i in range(len(_snippets(path)))]


@pytest.mark.parametrize(
    ("path", "index"), SNIPPETS, ids=[f"{p.parent.name}-{i}" for p, i in SNIPPETS]
)
def test_doc_snippet(path: Path, index: int) -> None:
    name = f"{rel(path)} (chunk {index})"
    module = parse(_snippets(path)[index], name, allow_unregistered=True)
    verify(module)

    generic_ops = [
        op.name
        for op in module.walk()
        if op.name.split(".", 1)[0] in DIALECTS and not type(op).is_registered
    ]
    assert not generic_ops, f"parsed as unregistered ops: {generic_ops}"

    printed = Printer.to_string(module)
    again = parse(printed, f"{name} (printed)", allow_unregistered=True)
    verify(again)
    assert Printer.to_string(again) == printed, "printed form is not a fixed point"


def test_snippet_count() -> None:
    counts = {path.parent.name: len(_snippets(path)) for path in DOC_FILES}
    assert counts == EXPECTED_COUNTS
    assert sum(counts.values()) >= 70
