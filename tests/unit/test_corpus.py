"""Real MLIR text (the shared corpus of MLIR, xDSL and onnx-mlir tests, printed by MLIR in
generic form): every file parses with unregistered dialects allowed, verifies, and prints
generic to a fixed point. The corpus is read where it lies, never copied into the repo."""

from __future__ import annotations

from pathlib import Path

import pytest
from mlir_inputs import CORPUS_DIR

from dialir.core.diagnostics import DiagnosticError
from dialir.core.printer import Printer
from dialir.core.verifier import verify
from dialir.parser.parser import parse

# Invalid for MLIR itself once their ops are unregistered (an unregistered op's region is an
# SSA region), so MLIR's verifier rejects them with "operand #N does not dominate this use", and
# so must dialir:
# - equivalence/eqsat files, cse.mlir, dce.mlir and graph_region c002 use a value before its
#   definition (e-class cycles, use-before-def); xDSL registers these ops with graph regions;
# - the two x86 files pass a successor block's argument (`%arg31` of `^else30`) as an operand of
#   the branch `x86.c.jz`, which only xDSL's x86 dialect accepts.
# - unregistered_dialect uses `builtin.unimplemented_op`: the builtin dialect is loaded and does
#   not allow unknown ops, which MLIR rejects even with --allow-unregistered-dialect.
# They are asserted to fail so the list cannot rot: a file that starts to pass must leave it.
KNOWN_INVALID = {
    "xdsl__parser-printer__unregistered_dialect.mlir": "does not allow unknown operations",
    "xdsl__dialects__equivalence__equivalence_ops.mlir": "does not dominate this use",
    "xdsl__dialects__x86__x86_assembly_emission.mlir": "does not dominate this use",
    "xdsl__dialects__x86__x86_ops.mlir": "does not dominate this use",
    "xdsl__parser-printer__graph_region__c002.mlir": "does not dominate this use",
    "xdsl__transforms__cse.mlir": "does not dominate this use",
    "xdsl__transforms__dce.mlir": "does not dominate this use",
    "xdsl__transforms__eqsat-add-costs__eqsat-add-costs-with-default.mlir": "does not dominate this use",
    "xdsl__transforms__eqsat-extract.mlir": "does not dominate this use",
    "xdsl__transforms__eqsat-serialize-egraph-cycle.mlir": "does not dominate this use",
}

# Valid MLIR that dialir cannot read yet (a gap, not bad input): strict xfail, so the entry goes
# when the gap closes.
KNOWN_GAPS = {
    "xdsl__mlir-conversion__with-mlir__dialects__cf__assert.mlir": "dialir's cf lacks cf.assert",
}

CORPUS = sorted(CORPUS_DIR.glob("*.mlir")) if CORPUS_DIR.is_dir() else []
_SKIP_REASON = f"shared corpus not found at {CORPUS_DIR}"


def _files(known_invalid: bool) -> list:
    picked: list = [p for p in CORPUS if (p.name in KNOWN_INVALID) == known_invalid]
    if not known_invalid:
        picked = [_with_gap(p) for p in picked]
    return picked or [pytest.param(None, marks=pytest.mark.skip(reason=_SKIP_REASON))]


def _with_gap(path: Path):
    reason = KNOWN_GAPS.get(path.name)
    if reason is None:
        return path
    mark = pytest.mark.xfail(strict=True, raises=DiagnosticError, reason=reason)
    return pytest.param(path, marks=mark)


def _ids(p: Path | None) -> str:
    return "none" if p is None else p.stem


@pytest.mark.parametrize("path", _files(known_invalid=False), ids=_ids)
def test_corpus_file_round_trips(path: Path) -> None:
    module = parse(path.read_text(encoding="utf-8"), str(path), allow_unregistered=True)
    verify(module)
    printed = Printer.to_string(module, generic=True)
    again = parse(printed, f"{path.name} (printed)", allow_unregistered=True)
    verify(again)
    assert Printer.to_string(again, generic=True) == printed


@pytest.mark.parametrize("path", _files(known_invalid=True), ids=_ids)
def test_known_invalid_corpus_file_fails(path: Path) -> None:
    with pytest.raises(DiagnosticError, match=KNOWN_INVALID[path.name]):
        module = parse(path.read_text(encoding="utf-8"), str(path), allow_unregistered=True)
        verify(module)


def test_known_invalid_files_are_in_the_corpus() -> None:
    if not CORPUS:
        pytest.skip(_SKIP_REASON)
    names = {p.name for p in CORPUS}
    listed = set(KNOWN_INVALID) | set(KNOWN_GAPS)
    assert listed <= names, f"stale entries: {sorted(listed - names)}"
