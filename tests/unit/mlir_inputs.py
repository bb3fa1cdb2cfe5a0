"""Shared inputs for the unit tests: the repository root, the lit `.mlir` files and their
`// -----` chunks, and the location of the shared MLIR corpus."""

from __future__ import annotations

from pathlib import Path

from dialir_tools import dialir_opt

REPO_ROOT = Path(__file__).resolve().parents[2]
LIT_ROOT = REPO_ROOT / "tests" / "lit"
CORPUS_DIR = (REPO_ROOT / ".." / "shared" / "corpus" / "mlir-generic").resolve()


def lit_files() -> list[Path]:
    """Every `.mlir` file under tests/lit, skipping lit's `Output` folders."""
    return sorted(p for p in LIT_ROOT.rglob("*.mlir") if "Output" not in p.parts)


def rel(path: Path) -> str:
    return path.relative_to(REPO_ROOT).as_posix()


def split_chunks(text: str) -> list[str]:
    """The chunks as `dialir-opt --split-input-file` (and mlir-opt) cut them, padded so that
    line and column numbers match."""
    return dialir_opt.split_chunks(text)


def valid_chunks(path: Path) -> list[str]:
    """The chunks of `path` that are valid on purpose (no `expected-error`)."""
    text = path.read_text(encoding="utf-8")
    return [c for c in split_chunks(text) if "expected-error" not in c and c.strip()]
