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

from collections.abc import Iterator
from typing import Any

from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, file_location
from dialir.core.ir.dialect import load_dialect
from dialir.core.ir.operation import Operation
from dialir.core.ir.traits import IsolatedFromAbove
from dialir.core.ir.verifier import verify
from dialir.core.passes.base import (
    Pass,
    PassFailure,
    PassPipelineError,
    PipelineError,
    display_name,
    pass_statistics,
    wrong_anchor,
)
from dialir.core.passes.instrumentation import (
    BANNER,
    IRPrinter,
    PassInstrumentation,
    PassTiming,
    banner_title,
)
from dialir.core.passes.pipeline import PipelineParser
from dialir.core.passes.reproducer import CrashReproducer

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
        pm = PipelineParser(text).parse_anchored(cls)
        pm.verify_each = verify_each
        return pm

    def add(self, item: Pass | PassManager | str) -> PassManager:
        """Append a pass, a nested pass manager, or pipeline text (`"func.func(cse),dce"`).

        Returns self, so adds chain.
        """
        if isinstance(item, str):
            PipelineParser(item).parse_into(self)
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
            raise PipelineError(wrong_anchor(p, self.anchor))
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
        lines = [BANNER, banner_title("Pass statistics report"), BANNER]
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
            lines.append(" " * indent + display_name(item))
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


def _anchor_accepts(pm: PassManager, op: Operation) -> bool:
    """MLIR's canScheduleOn for the ops a (nested) pass manager runs on."""
    if pm.anchor != "any":
        return op.name == pm.anchor
    cls = type(op)
    if not cls.is_registered or not cls.has_trait(IsolatedFromAbove):
        return False
    return all(p.can_schedule_on(op) for p in pm.passes())


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
