"""Passes and their options, and the errors of pass pipelines."""

from __future__ import annotations

import dataclasses
import enum
import re
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Literal

from dialir.core.ir.attrs import UNKNOWN_LOC, FileLineColLoc, Location
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, SourceManager
from dialir.core.ir.operation import Operation

PIPELINE_BUFFER = "<pass-pipeline>"
"""The buffer name pipeline-text diagnostics point into (`<pass-pipeline>:1:16: error: ...`)."""


# -- errors ------------------------------------------------------------------------------------


class PipelineError(DiagnosticError):
    """Malformed pipeline text, an unknown pass, a bad option or a pass under the wrong anchor.

    Its diagnostic points into the pipeline text (buffer `<pass-pipeline>`); `str()` renders it
    with the text and a caret.
    """

    def __init__(self, message: str, text: str | None = None, offset: int = 0) -> None:
        self.text = text
        location: Location = UNKNOWN_LOC
        if text is not None:
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            location = FileLineColLoc(PIPELINE_BUFFER, line, column)
        super().__init__(Diagnostic("error", message, location))

    def __str__(self) -> str:
        sources = SourceManager()
        if self.text is not None:
            sources.add(PIPELINE_BUFFER, self.text)
        return sources.render(self.diagnostics[0])


class PassPipelineError(DiagnosticError):
    """A pass failed (PassFailure or a DiagnosticError of its own), broke the IR (caught by
    verify-each), or raised an unexpected exception (`cause`). The IR is left as it was when the
    pass stopped."""

    def __init__(
        self,
        diagnostics: Diagnostic | list[Diagnostic],
        pass_: Pass | None = None,
        op: Operation | None = None,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(diagnostics)
        self.pass_ = pass_
        self.op = op
        self.cause = cause
        self.reproducer: str | None = None

    def add_reproducer(self, path: str) -> None:
        """Record where a reproducer was written and say so in the (first) diagnostic."""
        self.reproducer = path
        first = self.diagnostics[0]
        first.message += f"; reproducer generated at '{path}'"

    def __str__(self) -> str:
        sources = SourceManager()
        return "\n".join(sources.render(d, show_source=False) for d in self.diagnostics)


class PassFailure(Exception):
    """Raised by a pass that cannot do its job on valid input (MLIR's signalPassFailure).

    Carries the diagnostics to show; the pass manager reports them and stops the pipeline.
    """

    def __init__(self, message: str, op: Operation | None = None) -> None:
        super().__init__(message)
        self.op = op


# -- passes and their options ------------------------------------------------------------------


class Pass:
    """Base of all passes; subclasses are dataclasses whose fields are the options.

    An option's help text goes in its field metadata, most simply through `option`:
    `tile: int = option(32, "tile size")`, or
    `tile: int = dataclasses.field(default=32, metadata={"help": "tile size"})`.
    """

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    # The op the pass runs on (MLIR's OperationPass<func::FuncOp>); None: any op.
    op_name: ClassVar[str | None] = None
    # Dialects whose ops the pass creates: loaded before the pipeline runs.
    dependent_dialects: ClassVar[tuple[str, ...]] = ()
    # Declared statistics, name -> description, listed by --pass-statistics even when 0.
    statistics: ClassVar[dict[str, str]] = {}

    def run(self, op: Operation) -> None:
        raise NotImplementedError

    def count(self, statistic: str, n: int = 1) -> None:
        """Add `n` to a pass statistic (shown by --pass-statistics)."""
        # __dict__ directly: works for frozen dataclasses too.
        counts = self.__dict__.setdefault("_pass_counts", {})
        counts[statistic] = counts.get(statistic, 0) + n

    def mark_all_analyses_preserved(self) -> None:
        """Say that this run left the IR unchanged, so verify-each can skip it (MLIR's
        markAllAnalysesPreserved); call it only when nothing changed."""
        self.__dict__["_pass_preserved"] = True

    def can_schedule_on(self, op: Operation) -> bool:
        """Whether this pass may run on `op` (MLIR's canScheduleOn)."""
        return self.op_name is None or op.name == self.op_name

    def __str__(self) -> str:
        """The pass as pipeline text: `name{opt=value ...}` with every option."""
        opts = []
        for opt in pass_options(type(self)):
            value = getattr(self, opt.attr)
            if value is not None:
                opts.append(f"{opt.name}={opt.format(value)}")
        return self.name + ("{" + " ".join(opts) + "}" if opts else "")


def option(default: Any = dataclasses.MISSING, help: str = "", **kwargs: Any) -> Any:
    """A pass option: a dataclass field with a default and a help text.

    A list default is copied for every pass instance (no shared mutable default).
    """
    if isinstance(default, list):
        items = list(default)
        return dataclasses.field(
            default_factory=lambda: list(items), metadata={"help": help}, **kwargs
        )
    return dataclasses.field(default=default, metadata={"help": help}, **kwargs)


def pass_statistics(p: Pass) -> dict[str, int]:
    """The statistics of a pass instance: declared ones (0 when never counted) and counted."""
    values = dict.fromkeys(type(p).statistics, 0)
    values.update(p.__dict__.get("_pass_counts", {}))
    return values


class BadOptionValue(Exception):
    """An option value that does not parse; the message says what was expected."""


@dataclasses.dataclass(frozen=True)
class PassOption:
    """One option of a pass: its kebab-case name, the field behind it, type, default, help."""

    name: str
    attr: str
    type: Any
    default: Any
    help: str
    type_name: str
    parse: Callable[[str], Any]
    format: Callable[[Any], str]

    @property
    def is_flag(self) -> bool:
        """A bool option: `name` alone means `name=true` (as llvm::cl allows)."""
        return self.type is bool

    @property
    def default_text(self) -> str | None:
        if self.default is dataclasses.MISSING or self.default is None:
            return None
        return self.format(self.default)


_OPTIONS: dict[type, list[PassOption]] = {}


def pass_options(cls: type[Pass]) -> list[PassOption]:
    """The options of a pass class, from its dataclass fields (cached per class)."""
    found = _OPTIONS.get(cls)
    if found is not None:
        return found
    found = []
    if dataclasses.is_dataclass(cls):
        try:
            hints = typing.get_type_hints(cls)
        except Exception as e:  # noqa: BLE001 - an annotation that does not resolve
            raise TypeError(f"pass '{cls.name}': cannot resolve its option types: {e}") from None
        for f in dataclasses.fields(cls):
            if not f.init or f.name.startswith("_"):
                continue
            t = hints.get(f.name, f.type)
            try:
                parse, fmt, type_name = _codec(t)
            except TypeError as e:
                raise TypeError(f"pass '{cls.name}', option '{f.name}': {e}") from None
            if f.default is not dataclasses.MISSING:
                default = f.default
            elif f.default_factory is not dataclasses.MISSING:
                default = f.default_factory()
            else:
                default = dataclasses.MISSING
            found.append(
                PassOption(
                    f.name.replace("_", "-"), f.name, t, default, f.metadata.get("help", ""),
                    type_name, parse, fmt,
                )
            )  # fmt: skip
    _OPTIONS[cls] = found
    return found


def _codec(t: Any) -> tuple[Callable[[str], Any], Callable[[Any], str], str]:
    """(parse, format, type name) for an option type annotation."""
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, _UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"unsupported option type {t!r}")
        return _codec(rest[0])
    if origin in (list, tuple):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            raise TypeError(f"a tuple option must be tuple[T, ...], not {t!r}")
        if not args:
            raise TypeError("a list option needs an element type, e.g. list[int]")
        elem_parse, elem_fmt, elem_name = _scalar_codec(args[0])
        make = list if origin is list else tuple

        def parse_list(raw: str) -> Any:
            values = []
            for e in _split_list(raw):
                try:
                    values.append(elem_parse(e))  # str elements unquote themselves
                except BadOptionValue as err:
                    raise BadOptionValue(f"element '{e}': {err}") from None
            return make(values)

        def fmt_list(v: Any) -> str:
            return ",".join(elem_fmt(x) for x in v)

        return parse_list, fmt_list, f"list<{elem_name}>"
    return _scalar_codec(t)


_UnionType = type(int | None)


def _scalar_codec(t: Any) -> tuple[Callable[[str], Any], Callable[[Any], str], str]:
    if t is bool:
        return _parse_bool, lambda v: "true" if v else "false", "bool"
    if t is int:
        return _parse_int, str, "int"
    if t is float:
        return _parse_float, repr, "float"
    if t is str:
        return _unquote, _quote, "string"
    if isinstance(t, type) and issubclass(t, enum.Enum):
        by_text = {_enum_text(m): m for m in t}

        def parse_enum(raw: str) -> Any:
            member = by_text.get(_unquote(raw))
            if member is None:
                raise BadOptionValue("expected one of " + ", ".join(f"'{k}'" for k in by_text))
            return member

        return parse_enum, _enum_text, "|".join(by_text)
    if typing.get_origin(t) is Literal:
        choices = {str(c): c for c in typing.get_args(t)}

        def parse_literal(raw: str) -> Any:
            text = _unquote(raw)
            if text not in choices:
                raise BadOptionValue("expected one of " + ", ".join(f"'{k}'" for k in choices))
            return choices[text]

        return parse_literal, lambda v: _quote(str(v)), "|".join(choices)
    raise TypeError(
        f"unsupported option type {t!r} (use bool, int, float, str, an Enum, a Literal, "
        "or a list of those)"
    )


def _enum_text(member: enum.Enum) -> str:
    return member.value if isinstance(member.value, str) else member.name


_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")


def _parse_bool(raw: str) -> bool:
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise BadOptionValue("expected 'true' or 'false'")


def _parse_int(raw: str) -> int:
    try:
        return int(raw, 0)
    except ValueError:
        try:
            return int(raw, 10)  # "010": base 0 refuses leading zeros
        except ValueError:
            raise BadOptionValue("expected an integer") from None


def _parse_float(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise BadOptionValue("expected a number") from None


_NEEDS_QUOTES = re.compile(r"""[\s,{}()'"=]""")


def _quote(s: str) -> str:
    if s and not _NEEDS_QUOTES.search(s):
        return s
    return f"'{s}'" if '"' in s else f'"{s}"'


def _unquote(s: str) -> str:
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
        return s[1:-1]
    return s


def _split_list(raw: str) -> list[str]:
    """Comma-separated elements (quotes and braces protect commas); `{a,b}` is `a,b`."""
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}"):
        raw = raw[1:-1].strip()
    if not raw:
        return []
    out, start, depth, i = [], 0, 0, 0
    while i < len(raw):
        c = raw[i]
        if c in "'\"":
            end = raw.find(c, i + 1)
            i = len(raw) if end < 0 else end
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(raw[start:i].strip())
            start = i + 1
        i += 1
    out.append(raw[start:].strip())
    return out


def wrong_anchor(p: Pass, anchor: str) -> str:
    return f"'{p.name}' expects to run on '{p.op_name}', not '{anchor}'"


def display_name(p: Pass) -> str:
    """The name MLIR shows in reports (`CSE`): the pass class name."""
    return type(p).__name__


def refresh_options(cls: type) -> list[PassOption]:
    """`pass_options(cls)` read afresh (a class registered again may have new fields)."""
    _OPTIONS.pop(cls, None)
    return pass_options(cls)
