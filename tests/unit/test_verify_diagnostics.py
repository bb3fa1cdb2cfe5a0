"""`dialir.core.ir.verify_diagnostics`: the `--verify-diagnostics` checker as a library
(dialir-opt calls it per input chunk; tests/lit/tools/dialir-opt/verify-diagnostics.mlir
checks the tool end to end)."""

from __future__ import annotations

import pytest

from dialir.core.ir.attrs import UNKNOWN_LOC, FileLineColLoc
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, SourceManager
from dialir.core.ir.verifier import verify
from dialir.core.ir.verify_diagnostics import parse_expectations, verify_diagnostics
from dialir.parser.parser import parse

NAME = "t.mlir"


def _check(text: str, diagnostics: list[Diagnostic]) -> list[str]:
    sources = SourceManager()
    sources.add(NAME, text)
    return verify_diagnostics(text, NAME, diagnostics, sources)


def _at(line: int, message: str, severity: str = "error", column: int = 1) -> Diagnostic:
    return Diagnostic(severity, message, FileLineColLoc(NAME, line, column))


def _parse_errors(text: str) -> list[Diagnostic]:
    with pytest.raises(DiagnosticError) as info:
        parse(text, NAME, allow_unregistered=True)
    return info.value.diagnostics


def test_every_spelling_of_a_line() -> None:
    text = "\n".join([
        "// expected-error@+1 {{plus}}",
        "x // expected-error {{same line}}",
        "// expected-error @-2 {{minus}}",
        "// expected-warning@above {{above}}",
        "// expected-remark@below {{below}}",
        "y",
        "// expected-error@unknown {{nowhere}}",
    ])  # fmt: skip
    produced = [
        _at(2, "it is plus"),
        _at(2, "same line here"),
        _at(1, "minus"),
        _at(3, "above", "warning"),
        _at(6, "below", "remark"),
        Diagnostic("error", "nowhere", UNKNOWN_LOC),
    ]
    assert _check(text, produced) == []


def test_a_parse_error_and_its_note_both_expected() -> None:
    text = """"t.op"() ({
  // expected-error-re @below {{operand #{{[0-9]+}} does not dominate this use}}
  "t.use"(%v) : (i32) -> ()
  %v = "t.def"() : () -> i32
  // expected-note @above {{operand defined here}}
  "t.term"() : () -> ()
}) : () -> ()"""
    with pytest.raises(DiagnosticError) as info:
        verify(parse(text, NAME, allow_unregistered=True))
    assert _check(text, info.value.diagnostics) == []


def test_unexpected_diagnostics_are_rendered_with_their_source_line() -> None:
    text = '"t.op"(%nope) : (i32) -> ()'
    assert _check(text, _parse_errors(text)) == [
        "t.mlir:1:8: error: unexpected error: use of undeclared SSA value name '%nope'\n"
        + text
        + "\n       ^"
    ]


def test_unmet_expectations_are_reported_at_the_comment() -> None:
    text = "// expected-error@+1 {{never}}\nx"
    assert _check(text, []) == ['t.mlir:1:4: error: expected error "never" was not produced']


def test_severity_line_and_text_must_all_match() -> None:
    text = "// expected-warning@+1 {{abc}}\nx\n// expected-error@+1 {{xyz}}\ny"
    failures = _check(text, [_at(2, "abc"), _at(4, "xy")])
    assert [f.split("\n")[0] for f in failures] == [
        "t.mlir:2:1: error: unexpected error: abc",
        "t.mlir:4:1: error: unexpected error: xy",
        't.mlir:1:4: error: expected warning "abc" was not produced',
        't.mlir:3:4: error: expected error "xyz" was not produced',
    ]


def test_one_expectation_is_met_once() -> None:
    text = "x // expected-error {{twice}}"
    failures = _check(text, [_at(1, "twice"), _at(1, "twice")])
    assert [f.split("\n")[0] for f in failures] == ["t.mlir:1:1: error: unexpected error: twice"]


def test_regex_pieces_and_invalid_patterns() -> None:
    expectations, problems = parse_expectations(
        "// expected-error-re {{value '%{{[a-y]}}'}}\n// expected-error-re {{bad {{[}}}}", NAME
    )
    assert [e.matches("value '%x'") for e in expectations] == [True, False]
    assert not expectations[0].matches("value '%z'")
    assert len(problems) == 1
    assert problems[0].startswith("t.mlir:2:4: error: invalid regex in expected-error-re: ")
