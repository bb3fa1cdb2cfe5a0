"""Passes, the pass registry, the PassManager, MLIR's textual pipeline syntax and pass
instrumentation.

    builtin.module(func.func(cse, canonicalize{max-iterations=3}), symbol-dce)

A pipeline is an anchor op name with a parenthesised list of passes and nested pipelines; a
nested pipeline runs on the ops of its name directly nested in the regions of the op its
parent runs on (`any(...)` runs on every isolated-from-above op whose passes accept it), as
MLIR's OpPassManager does. A pass is a `@register_pass @dataclass` subclass of `Pass` with a
kebab-case `name`; its dataclass fields are its options, given in braces in pipeline text and
typed by their annotations (bool, int, float, str, an Enum, a Literal, or a list of those).

`PassManager.run(op)` transforms `op` in place, like MLIR: when a pass fails, the IR is left
as that pass left it, and a `PassPipelineError` carrying the diagnostics is raised.
Instrumentations (`PassInstrumentation` subclasses) see every pass and nested pipeline run;
the IR printer, the timing report and the crash reproducer of `dialir-opt` are instrumentations
any Python user can attach too.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import re
import shlex
import sys
import tempfile
import time
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import import_module
from importlib.metadata import entry_points
from typing import IO, Any, ClassVar, Literal

from dialir.core.ir.attrs import UNKNOWN_LOC, FileLineColLoc, Location
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, SourceManager, file_location
from dialir.core.ir.operation import Operation
from dialir.core.ir.printer import Printer
from dialir.core.ir.traits import IsolatedFromAbove
from dialir.core.ir.verifier import verify

_PASSES: dict[str, type[Pass]] = {}
# Passes that ship with dialir, imported on first use (like dialect loaders).
_PASS_MODULES: dict[str, str] = {
    "canonicalize": "dialir.transforms.canonicalize",
    "cse": "dialir.transforms.cse",
    "dce": "dialir.transforms.dce",
    "loop-invariant-code-motion": "dialir.transforms.loop_invariant_code_motion",
    "remove-dead-values": "dialir.transforms.remove_dead_values",
    "inline": "dialir.transforms.inline",
    "print-op-stats": "dialir.transforms.print_op_stats",
    "sccp": "dialir.transforms.sccp",
    "strip-debuginfo": "dialir.transforms.strip_debuginfo",
    "symbol-dce": "dialir.transforms.symbol_dce",
    "symbol-privatize": "dialir.transforms.symbol_privatize",
    "view-op-graph": "dialir.transforms.view_op_graph",
    "nn-shape-inference": "dialir.dialects.nn.transforms.shape_inference",
    "nn-fold-batchnorm": "dialir.dialects.nn.transforms.fold_batchnorm",
    "nn-fuse-elementwise": "dialir.dialects.nn.transforms.fuse_elementwise",
}

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


class _BadValue(Exception):
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
                except _BadValue as err:
                    raise _BadValue(f"element '{e}': {err}") from None
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
                raise _BadValue("expected one of " + ", ".join(f"'{k}'" for k in by_text))
            return member

        return parse_enum, _enum_text, "|".join(by_text)
    if typing.get_origin(t) is Literal:
        choices = {str(c): c for c in typing.get_args(t)}

        def parse_literal(raw: str) -> Any:
            text = _unquote(raw)
            if text not in choices:
                raise _BadValue("expected one of " + ", ".join(f"'{k}'" for k in choices))
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
    raise _BadValue("expected 'true' or 'false'")


def _parse_int(raw: str) -> int:
    try:
        return int(raw, 0)
    except ValueError:
        try:
            return int(raw, 10)  # "010": base 0 refuses leading zeros
        except ValueError:
            raise _BadValue("expected an integer") from None


def _parse_float(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise _BadValue("expected a number") from None


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


# -- the registry ------------------------------------------------------------------------------

_PASS_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")


def register_pass(cls: type[Pass]) -> type[Pass]:
    """Class decorator: make `cls` available by its `name` in pipelines and on dialir-opt."""
    if not (isinstance(cls, type) and issubclass(cls, Pass)):
        raise TypeError(f"{cls!r} is not a subclass of Pass")
    if not cls.name:
        raise ValueError("a registered pass needs a name")
    if not _PASS_NAME.fullmatch(cls.name) or cls.name == "any":
        raise ValueError(f"invalid pass name '{cls.name}': use kebab-case, e.g. 'loop-tile'")
    _OPTIONS.pop(cls, None)
    # A bad option is the author's error: report it now, not when a pipeline names the pass.
    for opt in pass_options(cls):
        if hasattr(Pass, opt.attr):
            raise TypeError(f"pass '{cls.name}': option '{opt.attr}' hides Pass.{opt.attr}")
    _PASSES[cls.name] = cls
    return cls


class PassLoadError(Exception):
    """A pass whose module or entry point fails to import."""


# Entry-point passes that failed to load: name -> the message to raise on lookup.
_BROKEN: dict[str, str] = {}


def registered_passes(errors: list[PassLoadError] | None = None) -> dict[str, type[Pass]]:
    """Every available pass by name: built in, registered, and from entry points.

    A pass that fails to load raises PassLoadError, or, when `errors` is given, is left out
    and its error appended there (so one broken plugin does not hide the others).
    """
    for name in [*_PASS_MODULES, *_entry_point_names()]:
        try:
            lookup_pass(name)
        except PassLoadError as e:
            if errors is None:
                raise
            errors.append(e)
    return dict(sorted(_PASSES.items()))


def lookup_pass(name: str) -> type[Pass] | None:
    """The pass class registered as `name`, importing its module on first use; None if no
    pass has that name. Raises PassLoadError when its module or entry point is broken."""
    cls = _PASSES.get(name)
    if cls is not None:
        return cls
    module = _PASS_MODULES.get(name)
    if module is not None:
        try:
            import_module(module)
        except Exception as e:
            raise PassLoadError(
                f"could not load pass '{name}' from '{module}': {type(e).__name__}: {e}"
            ) from e
        cls = _PASSES.get(name)
        if cls is None:
            raise PassLoadError(f"module '{module}' does not register pass '{name}'")
        return cls
    _read_entry_points()
    if name in _BROKEN:
        raise PassLoadError(_BROKEN[name])
    return _PASSES.get(name)


_ENTRY_POINTS_READ = False


def _entry_point_names() -> list[str]:
    _read_entry_points()
    return list(_BROKEN)


def _read_entry_points() -> None:
    """Passes of other packages: entry-point group `dialir.passes` (name -> pass class)."""
    global _ENTRY_POINTS_READ
    if _ENTRY_POINTS_READ:
        return
    _ENTRY_POINTS_READ = True
    for ep in entry_points(group="dialir.passes"):
        if ep.name in _PASSES:
            continue
        try:
            register_pass(ep.load())
        except Exception as e:  # noqa: BLE001 - reported when the pass is asked for
            _BROKEN[ep.name] = (
                f"could not load pass '{ep.name}' from entry point '{ep.value}': "
                f"{type(e).__name__}: {e}"
            )


# -- the pass manager --------------------------------------------------------------------------


class PassManager:
    """A list of passes and nested pass managers that runs on ops named `anchor`.

    `anchor` is an op name, or `any` for an op-agnostic pass manager. A nested pass manager
    runs on each op directly nested in the regions of the op its parent runs on whose name is
    its anchor (for `any`: each registered isolated-from-above op all its passes accept).
    Only the outermost pass manager's `verify_each` and instrumentations are used.
    """

    def __init__(
        self,
        anchor: str = "builtin.module",
        *,
        verify_each: bool = True,
        implicit_nesting: bool = False,
    ) -> None:
        self.anchor = anchor
        self.items: list[Pass | PassManager] = []
        self.verify_each = verify_each
        # Implicit nesting: adding a pass for another op nests it (MLIR's Nesting::Implicit).
        self.implicit_nesting = implicit_nesting
        self.instrumentations: list[PassInstrumentation] = []

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, *, verify_each: bool = True) -> PassManager:
        """A pass manager from pipeline text: `builtin.module(func.func(cse), symbol-dce)`."""
        pm = _PipelineParser(text).parse_anchored()
        pm.verify_each = verify_each
        return pm

    def add(self, item: Pass | PassManager | str) -> PassManager:
        """Append a pass, a nested pass manager, or pipeline text (`"func.func(cse),dce"`).

        Returns self, so adds chain.
        """
        if isinstance(item, str):
            _PipelineParser(item).parse_into(self)
        elif isinstance(item, PassManager):
            self.items.append(item)
        elif isinstance(item, Pass):
            self._add_pass(item)
        else:
            raise TypeError(f"PassManager.add takes a Pass, a PassManager or text, not {item!r}")
        return self

    def _add_pass(self, p: Pass) -> None:
        wanted = p.op_name
        if wanted is None or self.anchor in (wanted, "any"):
            self.items.append(p)
            return
        if not self.implicit_nesting:
            raise PipelineError(_wrong_anchor(p, self.anchor))
        last = self.items[-1] if self.items else None
        if not (isinstance(last, PassManager) and last.anchor == wanted):
            last = self.nest(wanted)
        last.items.append(p)

    def nest(self, anchor: str) -> PassManager:
        """Append a pass manager for the `anchor` ops nested in this one's, and return it."""
        nested = PassManager(anchor)
        self.items.append(nested)
        return nested

    def add_instrumentation(self, instrumentation: PassInstrumentation) -> PassInstrumentation:
        self.instrumentations.append(instrumentation)
        return instrumentation

    def enable_verifier(self, enabled: bool = True) -> None:
        self.verify_each = enabled

    def enable_ir_printing(self, **config: Any) -> IRPrinter:
        """Print the IR around passes (see `IRPrinter` for the options)."""
        return self.add_instrumentation(IRPrinter(**config))

    def enable_timing(self) -> PassTiming:
        """Time every pass; `.report()` on the result gives the table."""
        return self.add_instrumentation(PassTiming())

    def enable_crash_reproducer(self, path: str | None = None, **config: Any) -> CrashReproducer:
        """Write a reproducer when a pass raises (see `CrashReproducer`)."""
        return self.add_instrumentation(CrashReproducer(path, **config))

    # -- inspecting -------------------------------------------------------------------------

    def passes(self) -> Iterator[Pass]:
        """Every pass, nested ones included, in pipeline order."""
        for item in self.items:
            if isinstance(item, PassManager):
                yield from item.passes()
            else:
                yield item

    def __len__(self) -> int:
        return len(self.items)

    def __str__(self) -> str:
        return f"{self.anchor}(" + ",".join(str(i) for i in self.items) + ")"

    def __repr__(self) -> str:
        return f"PassManager({str(self)!r})"

    def statistics_report(self) -> str:
        """MLIR's `-mlir-pass-statistics` table: each pass, in pipeline order, with its
        statistics summed over every op it ran on."""
        lines = [_BANNER, _title("Pass statistics report"), _BANNER]
        self._statistics_lines(lines, 0, top=True)
        return "\n".join(lines) + "\n"

    def _statistics_lines(self, lines: list[str], indent: int, top: bool) -> None:
        if not top:
            lines.append(" " * indent + f"'{self.anchor}' Pipeline")
            indent += 2
        for item in self.items:
            if isinstance(item, PassManager):
                item._statistics_lines(lines, indent, top=False)
                continue
            lines.append(" " * indent + _display_name(item))
            descriptions = type(item).statistics
            for stat, value in pass_statistics(item).items():
                text = f"(S) {value} {stat}"
                if descriptions.get(stat):
                    text += f" - {descriptions[stat]}"
                lines.append(" " * (indent + 2) + text)

    # -- running ----------------------------------------------------------------------------

    def run(self, op: Operation) -> None:
        """Run the pipeline on `op`, in place.

        Raises `PassPipelineError` when a pass fails, breaks the IR (with verify-each) or
        raises; as in MLIR, `op` is then left as the failing pass left it (run on a clone to
        keep the original).
        """
        if not _anchor_accepts(self, op):
            raise PassPipelineError(
                Diagnostic(
                    "error", f"can't run '{self.anchor}' pass manager on '{op.name}' op",
                    op.location,
                )
            )  # fmt: skip
        self._load_dependent_dialects()
        runner = _Runner(list(self.instrumentations), self.verify_each)
        runner.run_pipeline(self, op)

    def _load_dependent_dialects(self) -> None:
        from dialir.core.ir.dialect import load_dialect

        needed = {d: p for p in self.passes() for d in type(p).dependent_dialects}
        for dialect, p in needed.items():
            if load_dialect(dialect) is None:
                raise PassPipelineError(
                    Diagnostic(
                        "error",
                        f"pass '{p.name}' depends on dialect '{dialect}', which is not available",
                    ),
                    p,
                )


def parse_pipeline(text: str) -> PassManager:
    """`PassManager.parse(text)`; raises PipelineError on bad input."""
    return PassManager.parse(text)


def _wrong_anchor(p: Pass, anchor: str) -> str:
    return f"'{p.name}' expects to run on '{p.op_name}', not '{anchor}'"


def _anchor_accepts(pm: PassManager, op: Operation) -> bool:
    """MLIR's canScheduleOn for the ops a (nested) pass manager runs on."""
    if pm.anchor != "any":
        return op.name == pm.anchor
    cls = type(op)
    if not cls.is_registered or not cls.has_trait(IsolatedFromAbove):
        return False
    return all(p.can_schedule_on(op) for p in pm.passes())


def _display_name(p: Pass) -> str:
    """The name MLIR shows in reports (`CSE`): the pass class name."""
    return type(p).__name__


def _describe(op: Operation) -> str:
    """`'func.func' op @f at file.mlir:3:1`, for messages that have no location of their own."""
    text = f"'{op.name}' op"
    sym = op.get_attr("sym_name")
    if sym is not None and isinstance(getattr(sym, "value", None), str):
        text += f" @{sym.value}"
    pos = file_location(op.location)
    if pos is not None:
        text += f" at {pos.filename}:{pos.line}:{pos.column}"
    return text


class _Runner:
    """One run of a pipeline: the instrumentations and verify-each setting of the outermost
    pass manager, applied to every nested one."""

    def __init__(self, instrumentations: list[PassInstrumentation], verify_each: bool) -> None:
        self.instrumentations = instrumentations
        self.verify_each = verify_each

    def run_pipeline(self, pm: PassManager, op: Operation) -> None:
        for inst in self.instrumentations:
            inst.run_before_pipeline(pm, op)
        try:
            for item in pm.items:
                if isinstance(item, PassManager):
                    # Collect first: a nested pipeline may not add or remove its siblings, but
                    # the list must not depend on it.
                    targets = [
                        nested
                        for region in op.regions
                        for block in region.blocks
                        for nested in block.ops
                        if _anchor_accepts(item, nested)
                    ]
                    for nested in targets:
                        self.run_pipeline(item, nested)
                else:
                    self.run_pass(item, op)
        finally:
            for inst in reversed(self.instrumentations):
                inst.run_after_pipeline(pm, op)

    def run_pass(self, p: Pass, op: Operation) -> None:
        for inst in self.instrumentations:
            inst.run_before_pass(p, op)
        error = None
        p.__dict__["_pass_preserved"] = False
        try:
            p.run(op)
        except PassFailure as e:
            where = e.op if e.op is not None else op
            error = PassPipelineError(Diagnostic("error", str(e), where.location), p, op)
        except DiagnosticError as e:
            error = PassPipelineError(list(e.diagnostics), p, op)
        except Exception as e:  # noqa: BLE001 - a bug in the pass: reported, with its cause
            message = f"pass '{p.name}' crashed on {_describe(op)}: {type(e).__name__}: {e}"
            error = PassPipelineError(Diagnostic("error", message), p, op, cause=e)
        if error is None and self.verify_each and not p.__dict__["_pass_preserved"]:
            try:
                verify(op)
            except DiagnosticError as e:
                first, *rest = e.diagnostics
                blamed = Diagnostic(
                    "error",
                    f"'{p.name}' pass produced invalid IR: {first.message}",
                    first.location,
                    first.notes,
                )
                error = PassPipelineError([blamed, *rest], p, op)
        if error is None:
            for inst in reversed(self.instrumentations):
                inst.run_after_pass(p, op)
            return
        for inst in reversed(self.instrumentations):
            inst.run_after_pass_failed(p, op, error)
        raise error from error.cause


# -- pipeline text -----------------------------------------------------------------------------


@dataclasses.dataclass
class _Element:
    """A parsed pipeline element: a pass (with its options text) or a nested pipeline."""

    name: str
    pos: int
    options: str | None = None
    options_pos: int = 0
    inner: list[_Element] | None = None


class _PipelineParser:
    """MLIR's pipeline grammar: first the structure, then passes and options are resolved,
    every error located in the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def error(self, message: str, pos: int | None = None) -> PipelineError:
        return PipelineError(message, self.text, self.pos if pos is None else pos)

    # -- structure --------------------------------------------------------------------------

    def parse_anchored(self) -> PassManager:
        text = self.text
        self.skip_space()
        start = self.pos
        name = self.read_name()
        if not name or self.peek() != "(":
            raise self.error(
                "expected pass pipeline to be wrapped with the anchor operation type, "
                "e.g. 'builtin.module(...)'",
                start,
            )
        self.pos += 1
        elements = self.parse_list()
        self.skip_space()
        if self.pos < len(text):
            if text[self.pos] == ")":
                raise self.error(
                    "encountered extra closing ')' creating unbalanced parentheses while "
                    "parsing pipeline"
                )
            extra = re.match(r"[^\s,(){}]+|.", text[self.pos :]).group(0)
            raise self.error(
                f"unexpected '{extra}' after the pipeline: a pipeline has one anchor, "
                "e.g. 'builtin.module(...)'"
            )
        pm = PassManager(name)
        self.build(pm, elements)
        return pm

    def parse_into(self, pm: PassManager) -> None:
        """Pipeline elements without an anchor (`func.func(cse),canonicalize`), added to pm."""
        self.skip_space()
        elements = [] if self.pos == len(self.text) else self.parse_elements(top=True)
        self.build(pm, elements)

    def parse_list(self) -> list[_Element]:
        """Elements up to and including the closing ')'."""
        self.skip_space()
        if self.peek() == ")":
            self.pos += 1
            return []
        elements = self.parse_elements(top=False)
        self.pos += 1  # the ')'
        return elements

    def parse_elements(self, top: bool) -> list[_Element]:
        text = self.text
        elements = []
        while True:
            self.skip_space()
            start = self.pos
            name = self.read_name()
            if not name:
                what = f"'{text[start]}'" if start < len(text) else "end of pipeline"
                raise self.error(f"expected a pass name or an op name, found {what}", start)
            element = _Element(name, start)
            elements.append(element)
            c = self.peek()
            if c == "(":
                self.pos += 1
                element.inner = self.parse_list()
                self.skip_space()
                if self.peek() == "{":
                    raise self.error(f"the nested pipeline of '{name}' cannot take options")
            elif c == "{":
                element.options_pos = self.pos + 1
                element.options = self.read_options()
            self.skip_space()
            c = self.peek()
            if c == ",":
                self.pos += 1
                continue
            if c == "" and top:
                return elements
            if c == ")" and not top:
                return elements
            if c == "":
                raise self.error("encountered unbalanced parentheses while parsing pipeline")
            if c == ")":
                raise self.error(
                    "encountered extra closing ')' creating unbalanced parentheses while "
                    "parsing pipeline"
                )
            raise self.error(f"expected ',' after parsing pipeline element '{name}'")

    def read_name(self) -> str:
        text, start = self.text, self.pos
        pos = start
        while pos < len(text) and text[pos] not in ",(){}":
            pos += 1
        self.pos = pos
        name = text[start:pos].strip()
        if name and (m := re.search(r"\s", name)):
            raise self.error(
                f"expected ',' after parsing pipeline element '{name[: m.start()]}'",
                start + (len(text[start:pos]) - len(text[start:pos].lstrip())) + m.start(),
            )
        return name

    def read_options(self) -> str:
        """The text between '{' and its matching '}' (quotes and nested braces skipped)."""
        text, open_pos = self.text, self.pos
        depth, pos = 0, open_pos
        while pos < len(text):
            c = text[pos]
            if c in "'\"":
                end = text.find(c, pos + 1)
                if end < 0:
                    raise self.error("missing closing quote in pass options", pos)
                pos = end
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    self.pos = pos + 1
                    return text[open_pos + 1 : pos]
            pos += 1
        raise self.error("missing closing '}' while processing pass options", open_pos)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip_space(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos].isspace():
            pos += 1
        self.pos = pos

    # -- resolution -------------------------------------------------------------------------

    def build(self, pm: PassManager, elements: list[_Element]) -> None:
        for element in elements:
            if element.inner is not None:
                self.build(pm.nest(element.name), element.inner)
                continue
            try:
                cls = lookup_pass(element.name)
            except PassLoadError as e:
                raise self.error(str(e), element.pos) from None
            if cls is None:
                raise self.error(
                    f"'{element.name}' does not refer to a registered pass or pass pipeline",
                    element.pos,
                )
            p = self.make_pass(cls, element)
            if p.op_name is not None and pm.anchor not in (p.op_name, "any"):
                raise self.error(_wrong_anchor(p, pm.anchor), element.pos)
            pm.items.append(p)

    def make_pass(self, cls: type[Pass], element: _Element) -> Pass:
        options = {o.name: o for o in pass_options(cls)}
        values: dict[str, Any] = {}
        text = element.options or ""
        for key, key_pos, raw, raw_pos in self.split_options(text, element.options_pos):
            opt = options.get(key)
            if opt is None:
                known = ", ".join(options) or "none"
                raise self.error(
                    f"no such option '{key}' for pass '{cls.name}' (options: {known})", key_pos
                )
            if opt.attr in values:
                raise self.error(f"option '{key}' of pass '{cls.name}' is given twice", key_pos)
            if raw is None:
                if not opt.is_flag:
                    raise self.error(
                        f"expected '=' and a value after option '{key}' of pass '{cls.name}' "
                        f"(e.g. {key}=<{opt.type_name}>)",
                        key_pos + len(key),
                    )
                raw = "true"
            try:
                values[opt.attr] = opt.parse(raw)
            except _BadValue as e:
                raise self.error(
                    f"invalid value '{raw}' for option '{key}' of pass '{cls.name}': {e}", raw_pos
                ) from None
        missing = [o.name for o in options.values() if o.default is dataclasses.MISSING]
        missing = [m for m in missing if options[m].attr not in values]
        if missing:
            raise self.error(
                f"pass '{cls.name}' needs a value for option '{missing[0]}'", element.pos
            )
        try:
            return cls(**values)
        except (TypeError, ValueError) as e:
            raise self.error(f"invalid options for pass '{cls.name}': {e}", element.pos) from None

    def split_options(self, text: str, base: int) -> list[tuple[str, int, str | None, int]]:
        """`key=value` pairs separated by spaces; a value may be quoted or braced."""
        out = []
        pos, n = 0, len(text)
        while True:
            while pos < n and text[pos].isspace():
                pos += 1
            if pos >= n:
                return out
            key_start = pos
            while pos < n and not text[pos].isspace() and text[pos] != "=":
                pos += 1
            key = text[key_start:pos]
            if pos >= n or text[pos] != "=":
                out.append((key, base + key_start, None, 0))
                continue
            if not key:
                raise self.error("expected an option name before '='", base + pos)
            pos += 1
            value_start, depth = pos, 0
            while pos < n and (depth > 0 or not text[pos].isspace()):
                c = text[pos]
                if c in "'\"":
                    end = text.find(c, pos + 1)
                    if end < 0:
                        raise self.error("missing closing quote in pass options", base + pos)
                    pos = end
                elif c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                pos += 1
            out.append((key, base + key_start, text[value_start:pos], base + value_start))


# -- instrumentation ---------------------------------------------------------------------------


class PassInstrumentation:
    """Hooks around every pass and pipeline run (MLIR's PassInstrumentation); override any.

    `run_before_pipeline`/`run_after_pipeline` bracket the outermost pass manager's run and
    each run of a nested one on one op; `run_after_pipeline` is called even when a pass in it
    failed. After a pass, exactly one of `run_after_pass` and `run_after_pass_failed` is
    called (a failure may add to the error, e.g. `error.add_reproducer(path)`).
    """

    def run_before_pipeline(self, pm: PassManager, op: Operation) -> None:
        pass

    def run_after_pipeline(self, pm: PassManager, op: Operation) -> None:
        pass

    def run_before_pass(self, p: Pass, op: Operation) -> None:
        pass

    def run_after_pass(self, p: Pass, op: Operation) -> None:
        pass

    def run_after_pass_failed(self, p: Pass, op: Operation, error: PassPipelineError) -> None:
        pass


PassSelection = bool | Iterable[str] | Callable[[Pass, Operation], bool]


def _selector(selection: PassSelection) -> Callable[[Pass, Operation], bool]:
    if selection is True:
        return lambda p, op: True
    if selection is False or selection is None:
        return lambda p, op: False
    if callable(selection):
        return selection
    names = frozenset(selection)
    return lambda p, op: p.name in names


class IRPrinter(PassInstrumentation):
    """Prints the IR before and/or after passes, with MLIR's
    `// -----// IR Dump After CSE (cse) //----- //` headers (`--print-ir-*`).

    `before`/`after`: True (every pass), pass names, or a predicate `(pass, op) -> bool`.
    `after_only_on_change`: print after a pass only if it changed the IR.
    `module_scope`: print the outermost op, not just the op the pass ran on.
    """

    def __init__(
        self,
        *,
        before: PassSelection = False,
        after: PassSelection = False,
        after_only_on_change: bool = False,
        module_scope: bool = False,
        stream: IO[str] | None = None,
        generic: bool = False,
        debuginfo: bool = False,
    ) -> None:
        self.before = _selector(before)
        self.after = _selector(after)
        self.after_only_on_change = after_only_on_change
        self.module_scope = module_scope
        self.stream = stream
        self.generic = generic
        self.debuginfo = debuginfo
        self._before_text: dict[tuple[int, int], str] = {}

    def run_before_pass(self, p: Pass, op: Operation) -> None:
        if self.after_only_on_change and self.after(p, op):
            self._before_text[id(p), id(op)] = self._fingerprint(op)
        if self.before(p, op):
            self._dump(f"IR Dump Before {_display_name(p)} ({p.name})", op)

    def run_after_pass(self, p: Pass, op: Operation) -> None:
        if not self.after(p, op):
            return
        if self.after_only_on_change:
            before = self._before_text.pop((id(p), id(op)), None)
            if before == self._fingerprint(op):
                return
        self._dump(f"IR Dump After {_display_name(p)} ({p.name})", op)

    def run_after_pass_failed(self, p: Pass, op: Operation, error: PassPipelineError) -> None:
        self._before_text.pop((id(p), id(op)), None)
        if self.after(p, op):
            self._dump(f"IR Dump After {_display_name(p)} Failed ({p.name})", op)

    def _fingerprint(self, op: Operation) -> str:
        # The whole printed IR, locations included: exact, and this is a debugging aid.
        return Printer.to_string(op, generic=True, debuginfo=True)

    def _dump(self, title: str, op: Operation) -> None:
        target = op
        header = f"// -----// {title}"
        if self.module_scope:
            header += f" ('{op.name}' operation"
            sym = op.get_attr("sym_name")
            if sym is not None and isinstance(getattr(sym, "value", None), str):
                header += f": @{sym.value}"
            header += ")"
            while target.parent_op is not None:
                target = target.parent_op
        text = Printer.to_string(target, generic=self.generic, debuginfo=self.debuginfo)
        stream = self.stream if self.stream is not None else sys.stderr
        stream.write(f"{header} //----- //\n{text}\n\n")


_BANNER = "===" + "-" * 73 + "==="


def _title(text: str) -> str:
    """A report title centred the way MLIR centres it."""
    title = f"... {text} ..."
    return " " * ((80 - len(title)) // 2) + title


class _Timer:
    __slots__ = ("name", "seconds", "children")

    def __init__(self, name: str) -> None:
        self.name = name
        self.seconds = 0.0
        self.children: dict[object, _Timer] = {}

    def child(self, key: object, name: str) -> _Timer:
        timer = self.children.get(key)
        if timer is None:
            timer = self.children[key] = _Timer(name)
        return timer


class PassTiming(PassInstrumentation):
    """Wall time per pass and nested pipeline, summed over every op they ran on, as a tree
    (MLIR's `-mlir-timing`). `phase(name)` times other work (parsing, printing) alongside;
    `report()` gives the table, with the rest of the time since creation as `Rest`."""

    def __init__(self) -> None:
        self.root = _Timer("Total")
        self._start = time.perf_counter()
        # Open timers: (timer, start time).
        self._stack: list[tuple[_Timer, float]] = []
        self._depth = 0

    def _push(self, key: object, name: str) -> None:
        parent = self._stack[-1][0] if self._stack else self.root
        self._stack.append((parent.child(key, name), time.perf_counter()))

    def _pop(self) -> None:
        timer, start = self._stack.pop()
        timer.seconds += time.perf_counter() - start

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self._push(("phase", name), name)
        try:
            yield
        finally:
            self._pop()

    def run_before_pipeline(self, pm: PassManager, op: Operation) -> None:
        self._depth += 1
        if self._depth > 1:  # the outermost pipeline's passes are listed at the top level
            self._push(("pm", id(pm)), f"'{pm.anchor}' Pipeline")

    def run_after_pipeline(self, pm: PassManager, op: Operation) -> None:
        if self._depth > 1:
            self._pop()
        self._depth -= 1

    def run_before_pass(self, p: Pass, op: Operation) -> None:
        self._push(("pass", id(p)), _display_name(p))

    def run_after_pass(self, p: Pass, op: Operation) -> None:
        self._pop()

    def run_after_pass_failed(self, p: Pass, op: Operation, error: PassPipelineError) -> None:
        self._pop()

    def report(self) -> str:
        total = time.perf_counter() - self._start
        measured = sum(t.seconds for t in self.root.children.values())
        total = max(total, measured)
        lines = [
            _BANNER,
            _title("Execution time report"),
            _BANNER,
            f"  Total Execution Time: {total:.4f} seconds",
            "",
            "  ----Wall Time----  ----Name----",
        ]

        def row(seconds: float, name: str, indent: int) -> None:
            share = 100.0 * seconds / total if total > 0 else 0.0
            lines.append(f"  {seconds:8.4f} ({share:5.1f}%)  {' ' * indent}{name}")

        def walk(timer: _Timer, indent: int) -> None:
            for child in timer.children.values():
                row(child.seconds, child.name, indent)
                walk(child, indent + 2)

        walk(self.root, 0)
        row(max(total - measured, 0.0), "Rest", 0)
        row(total, "Total", 0)
        return "\n".join(lines) + "\n"


class CrashReproducer(PassInstrumentation):
    """When a pass raises (or, with `on_failure`, fails in any way), writes the input of the
    pipeline and the pipeline to a `.mlir` file that `dialir-opt --run-reproducer` replays:

        // configuration: --pass-pipeline='builtin.module(...)' [other dialir-opt flags]
        <the IR the pipeline started from>

    `path`: the file (default: a new `dialir-reproducer-*.mlir` in the temp directory).
    `source`: the input's text, if the caller has it (dialir-opt does); otherwise the op is
    cloned when the pipeline starts. `flags`: extra dialir-opt flags for the configuration line.
    """

    def __init__(
        self,
        path: str | None = None,
        *,
        source: str | None = None,
        flags: Iterable[str] = (),
        on_failure: bool = False,
    ) -> None:
        self.path = path
        self.source = source
        self.flags = list(flags)
        self.on_failure = on_failure
        self._depth = 0
        self._pipeline = ""
        self._snapshot: Operation | None = None
        self._written = False

    def run_before_pipeline(self, pm: PassManager, op: Operation) -> None:
        self._depth += 1
        if self._depth == 1:
            self._pipeline = str(pm)
            self._written = False
            self._snapshot = op.clone() if self.source is None else None

    def run_after_pipeline(self, pm: PassManager, op: Operation) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._snapshot = None

    def run_after_pass_failed(self, p: Pass, op: Operation, error: PassPipelineError) -> None:
        if self._written or (error.cause is None and not self.on_failure):
            return
        self._written = True
        try:
            path = self.write(p, error)
        except OSError as e:
            error.diagnostics[0].message += f"; could not write a reproducer: {e}"
            return
        error.add_reproducer(path)

    def configuration(self) -> str:
        return " ".join([f"--pass-pipeline={shlex.quote(self._pipeline)}", *self.flags])

    def write(self, p: Pass, error: PassPipelineError) -> str:
        flags = self.flags
        if self.source is not None:
            ir = self.source.lstrip("\n")
        else:
            snapshot = self._snapshot
            ir = Printer.to_string(snapshot, debuginfo=True) + "\n"
            if "--allow-unregistered-dialect" not in flags and any(
                not type(o).is_registered for o in snapshot.walk()
            ):
                flags = [*flags, "--allow-unregistered-dialect"]
        config = " ".join([f"--pass-pipeline={shlex.quote(self._pipeline)}", *flags])
        reason = error.diagnostics[0].message.replace("\n", " ")
        text = f"// configuration: {config}\n// note: {reason}\n\n{ir}"
        path = self.path
        if path is None:
            fd, path = tempfile.mkstemp(prefix="dialir-reproducer-", suffix=".mlir")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        return path


REPRODUCER_CONFIGURATION = re.compile(r"^// configuration:(.*)$", re.MULTILINE)


def reproducer_configuration(text: str) -> tuple[list[str], int] | None:
    """The dialir-opt flags of a reproducer's `// configuration:` line, and its line number."""
    m = REPRODUCER_CONFIGURATION.search(text)
    if m is None:
        return None
    return shlex.split(m.group(1)), text.count("\n", 0, m.start()) + 1
