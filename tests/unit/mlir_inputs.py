"""Shared inputs for the unit tests: the repository root, the lit `.mlir` files and their
`// -----` chunks, and the location of the shared MLIR corpus."""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
LIT_ROOT = REPO_ROOT / "tests" / "lit"
CORPUS_DIR = (REPO_ROOT / ".." / "shared" / "corpus" / "mlir-generic").resolve()

SPLIT_MARKER = re.compile(r"^// -----\s*$", re.MULTILINE)


def lit_files() -> list[Path]:
    """Every `.mlir` file under tests/lit, skipping lit's `Output` folders."""
    return sorted(p for p in LIT_ROOT.rglob("*.mlir") if "Output" not in p.parts)


def rel(path: Path) -> str:
    return path.relative_to(REPO_ROOT).as_posix()


def split_chunks(text: str) -> list[str]:
    """The chunks between `// -----` lines, padded with newlines so line numbers match."""
    chunks, line, pos = [], 0, 0
    for m in SPLIT_MARKER.finditer(text):
        piece = text[pos : m.start()]
        chunks.append("\n" * line + piece)
        line += piece.count("\n") + 1
        pos = m.end()
    chunks.append("\n" * line + text[pos:])
    return chunks


def valid_chunks(path: Path) -> list[str]:
    """The chunks of `path` that are valid on purpose (no `expected-error`)."""
    text = path.read_text(encoding="utf-8")
    return [c for c in split_chunks(text) if "expected-error" not in c and c.strip()]
