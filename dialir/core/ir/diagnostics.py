"""Diagnostics: `file:line:col: error: message`, the source line and a caret.

A `DiagnosticError` carries one or more diagnostics out of the parser, the verifier or a pass;
tools render them through `SourceManager` (which knows the text of every parsed buffer).
"""

from __future__ import annotations

from collections.abc import Callable
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
        self.buffers: dict[str, list[str]] = {}

    def add(self, name: str, text: str) -> None:
        self.buffers[name] = text.split("\n")

    def line(self, name: str, line: int) -> str | None:
        lines = self.buffers.get(name)
        if lines is None or not 0 < line <= len(lines):
            return None
        return lines[line - 1]

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
                out.append(text)
                out.append(" " * max(pos.column - 1, 0) + "^")
        for note in diag.notes:
            self._render(note, out, show_source)


def _loc_text(loc: Location) -> str:
    return str(loc)  # the printer's spelling (attributes print themselves)


DiagnosticHandler = Callable[[Diagnostic], None]
