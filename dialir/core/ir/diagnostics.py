"""Diagnostics: `file:line:col: error: message`, the source line and a caret.

A `DiagnosticError` carries one or more diagnostics out of the parser, the verifier or a pass;
tools render them through `SourceManager` (which knows the text of every parsed buffer).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dialir.core.ir.attrs import (
    UNKNOWN_LOC,
    CallSiteLoc,
    FileLineColLoc,
    FusedLoc,
    Location,
    NameLoc,
)

if TYPE_CHECKING:
    from dialir.core.ir.operation import Operation

SEVERITIES = ("error", "warning", "note", "remark")


_NEWLINE = re.compile("\n")


@dataclass
class Diagnostic:
    """One message at a source location, with notes attached (MLIR's Diagnostic)."""

    severity: str
    message: str
    location: Location = UNKNOWN_LOC
    notes: list[Diagnostic] = field(default_factory=list)

    def attach_note(self, message: str, location: Location = UNKNOWN_LOC) -> Diagnostic:
        note = Diagnostic("note", message, location)
        self.notes.append(note)
        return note


class DiagnosticError(Exception):
    """Raised for bad input: the diagnostics say where and why."""

    def __init__(self, diagnostics: Diagnostic | list[Diagnostic]) -> None:
        self.diagnostics = diagnostics if isinstance(diagnostics, list) else [diagnostics]
        super().__init__(self.diagnostics[0].message)

    @classmethod
    def at(cls, location: Location, message: str) -> DiagnosticError:
        return cls(Diagnostic("error", message, location))


class VerifyError(DiagnosticError):
    """An op that breaks a rule of the IR or of its definition: `'<op name>' op <message>` at
    the op's location."""

    def __init__(self, op: Operation, message: str) -> None:
        super().__init__(Diagnostic("error", f"'{op.name}' op {message}", op.location))
        self.op = op


def file_location(loc: Location) -> FileLineColLoc | None:
    """The first file:line:col position inside a (possibly nested) location."""
    if isinstance(loc, FileLineColLoc):
        return loc
    if isinstance(loc, NameLoc):
        return file_location(loc.child) if loc.child is not None else None
    if isinstance(loc, CallSiteLoc):
        return file_location(loc.callee)
    if isinstance(loc, FusedLoc):
        for inner in loc.locations:
            found = file_location(inner)
            if found is not None:
                return found
    return None


class SourceManager:
    """Buffers by name, to show the offending line under a diagnostic."""

    def __init__(self) -> None:
        self.buffers: dict[str, str] = {}
        self._starts: dict[str, array] = {}

    def add(self, name: str, text: str) -> None:
        # The text itself, not its lines: a million-line input would cost a million strings
        # for the few lines a diagnostic shows. Line starts are indexed on first use.
        self.buffers[name] = text
        self._starts.pop(name, None)

    def line(self, name: str, line: int) -> str | None:
        text = self.buffers.get(name)
        if text is None:
            return None
        starts = self._starts.get(name)
        if starts is None:
            starts = array("q", [0])
            starts.extend(m.end() for m in _NEWLINE.finditer(text))
            self._starts[name] = starts
        if not 0 < line <= len(starts):
            return None
        start = starts[line - 1]
        end = text.find("\n", start)
        return text[start:] if end < 0 else text[start:end]

    def render(self, diag: Diagnostic, show_source: bool = True) -> str:
        out: list[str] = []
        self._render(diag, out, show_source)
        return "\n".join(out)

    def _render(self, diag: Diagnostic, out: list[str], show_source: bool) -> None:
        pos = file_location(diag.location)
        if pos is None:
            prefix = "" if diag.location is UNKNOWN_LOC else f"{_loc_text(diag.location)}: "
            out.append(f"{prefix}{diag.severity}: {diag.message}")
        else:
            out.append(f"{pos.filename}:{pos.line}:{pos.column}: {diag.severity}: {diag.message}")
            text = self.line(pos.filename, pos.line) if show_source else None
            if text is not None:
                text, column = _clip(text, max(pos.column - 1, 0))
                out.append(text)
                out.append(" " * column + "^")
        for note in diag.notes:
            self._render(note, out, show_source)


# A source line longer than this is shown as a window around the caret (a one-line
# machine-written file must not flood the terminal).
MAX_SHOWN_LINE = 160


def _clip(text: str, column: int) -> tuple[str, int]:
    """The part of a source line to show, and the caret's column in it."""
    if len(text) <= MAX_SHOWN_LINE:
        return text, column
    start = max(0, min(column - MAX_SHOWN_LINE // 2, len(text) - MAX_SHOWN_LINE))
    end = start + MAX_SHOWN_LINE
    head, tail = ("..." if start else ""), ("..." if end < len(text) else "")
    return head + text[start:end] + tail, column - start + len(head)


def internal_error(e: BaseException, name: str) -> Diagnostic:
    """What a tool reports for an exception that is not a diagnostic: input too deep or too
    big for this process gets its own message; anything else is a dialir bug, reported as one
    diagnostic, never a traceback (DIALIR_TRACEBACK=1 re-raises it for debugging)."""
    if isinstance(e, RecursionError):
        message = f"'{name}' is nested too deeply for dialir (regions, attributes or types)"
    elif isinstance(e, MemoryError):
        message = f"out of memory while processing '{name}'"
    else:
        message = (
            f"internal error while processing '{name}': {type(e).__name__}: {e} "
            "(a dialir bug: set DIALIR_TRACEBACK=1 for the traceback)"
        )
    return Diagnostic("error", message, FileLineColLoc(name, 1, 1))


def _loc_text(loc: Location) -> str:
    return str(loc)  # the printer's spelling (attributes print themselves)


DiagnosticHandler = Callable[[Diagnostic], None]


# -- "did you mean" ----------------------------------------------------------------------------


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of `a` and `b`, or `limit + 1` once it is known to exceed
    `limit` (MLIR's StringRef::edit_distance with a maximum)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def closest_name(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to `name` by edit distance, if near enough to be a typo (at most
    a third of its length, at least 1, as LLVM's command line suggests options)."""
    limit = max(1, len(name) // 3)
    best, best_distance = None, limit + 1
    for c in sorted(set(candidates)):
        if c == name:
            continue
        d = edit_distance(name, c, limit)
        if d < best_distance:
            best, best_distance = c, d
    return best


def did_you_mean(name: str, candidates: Iterable[str], prefix: str = "") -> str:
    """`" (did you mean 'x'?)"` for the nearest candidate, or "" when none is near."""
    best = closest_name(name, candidates)
    return "" if best is None else f" (did you mean '{prefix}{best}'?)"
