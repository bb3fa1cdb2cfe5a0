"""`--verify-diagnostics`: check the diagnostics produced for a buffer against the
`// expected-error@+1 {{...}}` comments written in it (MLIR's
SourceMgrDiagnosticVerifierHandler).

An expectation is `expected-<severity>[-re][@<where>] {{<text>}}`: severity is error, warning,
note or remark; `@+N`/`@-N` name a line relative to the comment, `@above`/`@below` the line
before/after, `@unknown` a diagnostic without a file location, and no `@` the comment's own
line. The text must be a substring of the message, or with `-re` a pattern whose `{{...}}`
pieces are regular expressions. Every diagnostic (notes included) must be expected, and every
expectation met: either failure is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from dialir.core.ir.diagnostics import Diagnostic, SourceManager, file_location

# MLIR's syntax: a space is allowed before `@`; the text is everything between the outer
# `{{` and the last `}}` on the line (a -re text holds `{{regex}}` pieces itself).
_EXPECTED = re.compile(
    r"expected-(error|warning|note|remark)(-re)? *(?:@([+-][0-9]+|above|below|unknown))? *"
    r"\{\{(.*)\}\}"
)


class Expectation:
    """One `expected-...` comment: the diagnostic it asks for and where it was written."""

    __slots__ = ("severity", "target", "text", "line", "column", "matches", "met")

    def __init__(
        self,
        severity: str,
        target: int | None,
        text: str,
        line: int,
        column: int,
        matches: Callable[[str], bool],
    ) -> None:
        self.severity = severity
        self.target = target  # the line the diagnostic must be on; None: no file location
        self.text = text
        self.line, self.column = line, column  # of the comment, 1-based
        self.matches = matches
        self.met = False


def parse_expectations(text: str, name: str) -> tuple[list[Expectation], list[str]]:
    """The expectations written in buffer `text` (named `name`), and the problems with them
    (an invalid `-re` pattern), as `name:line:col: error: ...` lines."""
    expectations, problems = [], []
    for i, line in enumerate(text.split("\n"), start=1):
        for m in _EXPECTED.finditer(line):
            severity, is_regex, where, message = m.groups()
            try:
                matches = _matcher(message, bool(is_regex))
            except re.error as err:
                problems.append(
                    f"{name}:{i}:{m.start() + 1}: error: invalid regex in "
                    f"expected-{severity}-re: {err}"
                )
                matches = _never
            target = _target_line(i, where)
            expectations.append(Expectation(severity, target, message, i, m.start() + 1, matches))
    return expectations, problems


def verify_diagnostics(
    text: str, name: str, diagnostics: Sequence[Diagnostic], sources: SourceManager
) -> list[str]:
    """Check `diagnostics` (produced for buffer `text`, named `name`) against the buffer's
    expectations. Returns the failures, rendered for the terminal; empty when every
    diagnostic was expected and every expectation met."""
    expectations, failures = parse_expectations(text, name)
    for d in _with_notes(diagnostics):
        pos = file_location(d.location)
        line = None if pos is None else pos.line
        match = next(
            (
                e
                for e in expectations
                if not e.met and e.severity == d.severity and e.target == line
                and e.matches(d.message)
            ),
            None,
        )  # fmt: skip
        if match is None:
            unexpected = Diagnostic("error", f"unexpected {d.severity}: {d.message}", d.location)
            failures.append(sources.render(unexpected))
        else:
            match.met = True
    for e in expectations:
        if not e.met:
            failures.append(
                f'{name}:{e.line}:{e.column}: error: expected {e.severity} "{e.text}" was not '
                "produced"
            )
    return failures


def _target_line(line: int, where: str | None) -> int | None:
    if where is None:
        return line
    if where == "unknown":
        return None
    if where == "above":
        return line - 1
    if where == "below":
        return line + 1
    return line + int(where)


def _matcher(text: str, is_regex: bool) -> Callable[[str], bool]:
    """A predicate on diagnostic messages: substring, or MLIR's `-re` pattern."""
    if not is_regex:
        return lambda message: text in message
    parts, pos = [], 0
    for m in re.finditer(r"\{\{(.*?)\}\}", text):
        parts.append(re.escape(text[pos : m.start()]))
        parts.append(f"(?:{m.group(1)})")
        pos = m.end()
    parts.append(re.escape(text[pos:]))
    pattern = re.compile("".join(parts))
    return lambda message: pattern.search(message) is not None


def _never(message: str) -> bool:
    return False


def _with_notes(diagnostics: Sequence[Diagnostic]) -> Iterator[Diagnostic]:
    """Each diagnostic, then its notes (depth first)."""
    for d in diagnostics:
        yield d
        yield from _with_notes(d.notes)
