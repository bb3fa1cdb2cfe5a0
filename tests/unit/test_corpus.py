"""Real MLIR text (the shared corpus of MLIR, xDSL and onnx-mlir tests, printed by MLIR in
generic form): every file parses with unregistered dialects allowed, verifies, and prints
generic to a fixed point. The corpus is read where it lies, never copied into the repo."""

from __future__ import annotations

from pathlib import Path

import pytest
from mlir_inputs import CORPUS_DIR

from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.printer import Printer
from dialir.core.ir.verifier import verify
from dialir.parser.parser import parse

_DOMINANCE = "does not dominate this use"
_PUBLIC_DECLARATION = "symbol declaration cannot have public visibility"

# Invalid for MLIR itself, so dialir must reject them too. They are asserted to fail (with the
# message below) so the list cannot rot: a file that starts to pass must leave it.
# - Unregistered ops have SSA regions, so MLIR's verifier says "operand #N does not dominate this
#   use" for the equivalence/eqsat files, cse.mlir, dce.mlir and graph_region c002 (a value used
#   before its definition: e-class cycles that xDSL allows by registering graph regions), and for
#   the two x86 files (the branch `x86.c.jz` takes its successor's block argument `%arg31` as an
#   operand, which only xDSL's x86 dialect accepts).
# - unregistered_dialect uses `builtin.unimplemented_op`: the builtin dialect is loaded and does
#   not allow unknown ops, which MLIR rejects even with --allow-unregistered-dialect.
KNOWN_INVALID = {
    "xdsl__dialects__equivalence__equivalence_ops.mlir": _DOMINANCE,
    "xdsl__dialects__x86__x86_assembly_emission.mlir": _DOMINANCE,
    "xdsl__dialects__x86__x86_ops.mlir": _DOMINANCE,
    "xdsl__parser-printer__graph_region__c002.mlir": _DOMINANCE,
    "xdsl__transforms__cse.mlir": _DOMINANCE,
    "xdsl__transforms__dce.mlir": _DOMINANCE,
    "xdsl__transforms__eqsat-add-costs__eqsat-add-costs-with-default.mlir": _DOMINANCE,
    "xdsl__transforms__eqsat-extract.mlir": _DOMINANCE,
    "xdsl__transforms__eqsat-serialize-egraph-cycle.mlir": _DOMINANCE,
    "xdsl__parser-printer__unregistered_dialect.mlir": "does not allow unknown operations",
    # Public func.func declarations (no body): MLIR requires declarations to be private.
    "xdsl__backend__riscv__convert_func_to_riscv_func.mlir": _PUBLIC_DECLARATION,
    "xdsl__backend__x86__invalid__c000.mlir": _PUBLIC_DECLARATION,
    "xdsl__transforms__convert_memref_args_to_ptr.mlir": _PUBLIC_DECLARATION,
    # `llvm.load` of an `index`: MLIR's llvm dialect loads LLVM types only.
    "xdsl__dialects__llvm__pointers.mlir": "must be LLVM type with size, but got 'index'",
    # Loop induction variables bound to affine map symbols: MLIR's verifier rejects them
    # ("operand cannot be used as a symbol") since induction variables are dims only.
    **{
        f"mlir__Dialect__Affine__loop-tiling__{c}.mlir": "operand cannot be used as a symbol"
        for c in ("c004", "c005", "c006", "c008")
    },
    # `arith.index_cast` of a `ui16` (only signless integers cast), the first of its errors in
    # MLIR's order; a `memref.global @A : memref<24xf32>` initialised with
    # `dense<0> : tensor<1xindex>` comes later.
    "xdsl__backend__csl__print_csl.mlir": "'arith.index_cast' op operand #0 must be",
    # xDSL's IRDL, which MLIR's irdl dialect rejects: `#irdl<variadicity_array [single]>`
    # (MLIR: `[<single>]`), and definitions referred to without their dialect (`@type1`, where
    # MLIR looks symbols up from beside the irdl.dialect: `@testd::@type1`).
    "xdsl__dialects__irdl__cyclic-types.irdl.mlir": "symbol '@self_referencing' not found",
    "xdsl__dialects__irdl__test-type.irdl.mlir": "attribute 'variadicity' failed to satisfy",
    "xdsl__dialects__irdl__testd.irdl.mlir": "symbol '@base_name' not found",
    "xdsl__mlir-conversion__with-mlir__dialects__irdl__testd.irdl.mlir": (
        "attribute 'variadicity' failed to satisfy"
    ),
}

# Valid MLIR that dialir cannot read yet (a gap, not bad input): strict xfail, so the entry goes
# when the gap closes.
# dialir's vector dialect has the ops its lowerings emit (load, store, broadcast, fma); these
# files use others, which MLIR rejects as unknown ops of a registered dialect as dialir does.
_VECTOR_OPS = "vector dialect: only load, store, broadcast and fma are registered"
KNOWN_GAPS: dict[str, str] = {
    "xdsl__dialects__vector__vector_ops.mlir": _VECTOR_OPS + " (maskedload, ...)",
    **{
        f"xdsl__mlir-conversion__with-mlir__dialects__vector__{name}.mlir": _VECTOR_OPS
        for name in (
            "extract",
            "insert",
            "reduction",
            "transfer_ops__c000",
            "transfer_ops__c001",
            "transfer_ops__c002",
            "transfer_ops__c003",
        )
    },  # fmt: skip
    "xdsl__transforms__vector-split-load-extract.mlir": _VECTOR_OPS + " (extract)",
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
