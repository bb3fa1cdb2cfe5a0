"""Parse errors speak MLIR, never the grammar: no rule or terminal name of the composed
grammar (`value_seq2`, `COLON_TYPE`, `__ANON_3`) appears in any message.

Every terminal's description is checked, then the parser's failure points are fed: each
op line of the dialect lit tests with one of its tokens deleted, so that the parser stops in
the middle of every op's syntax and reports what it expected there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dialir.core.ir.context import Context
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.parser.parser import get_parser

LIT = Path(__file__).resolve().parents[1] / "lit"
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_WORD = re.compile(r"\$?[A-Za-z_][A-Za-z0-9_]*")


@pytest.fixture(scope="module")
def parser():
    return get_parser()  # every available dialect


def _grammar_names(parser) -> set[str]:
    lark = parser.lark
    names = {str(r.origin.name) for r in lark.rules} | {t.name for t in lark.terminals}
    # Plain English words that are also rule names (`type`, `region`) may appear.
    return {n for n in names if "_" in n or not n.islower() or any(c.isdigit() for c in n)}


def _leaks(message: str, names: set[str]) -> list[str]:
    unquoted = _QUOTED.sub("", message)
    return [w for w in _WORD.findall(unquoted) if w in names or w.startswith("__ANON")]


def test_every_terminal_is_described_in_words(parser) -> None:
    names = _grammar_names(parser)
    for t in parser.lark.terminals:
        described = parser._describe(t.name)
        assert not _leaks(described, names), (t.name, described)


def _op_lines(path: Path) -> list[tuple[str, int]]:
    """(chunk, line index) for each line of `path` that holds an op in custom form."""
    text = path.read_text()
    out = []
    for chunk in re.split(r"^// -----[ \t]*$", text, flags=re.MULTILINE):
        lines = chunk.split("\n")
        for i, line in enumerate(lines):
            code = line.split("//", 1)[0].strip()
            if re.match(r"(%[\w:#, %]*=\s*)?[a-z_]+\.[a-z_.]+\s", code + " "):
                out.append((chunk, i))
    return out


def _inputs() -> list[Path]:
    return sorted((LIT / "dialects").glob("*/ops.mlir")) + sorted(
        (LIT / "dialects").glob("*/invalid.mlir")
    )


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_grammar_name_in_parse_errors(parser, path: Path) -> None:
    names = _grammar_names(parser)
    seen = 0
    for chunk, index in _op_lines(path):
        lines = chunk.split("\n")
        tokens = lines[index].split(" ")
        for k in range(len(tokens)):
            if not tokens[k].strip():
                continue
            broken = lines[:index] + [" ".join(tokens[:k] + tokens[k + 1 :])] + lines[index + 1 :]
            with Context(allow_unregistered=True):
                try:
                    parser.parse("\n".join(broken), "t.mlir", True)
                except DiagnosticError as e:
                    for d in e.diagnostics:
                        seen += 1
                        assert not _leaks(d.message, names), (lines[index], k, d.message)
    assert seen, f"no failure point reached in {path}"
