"""Pass instrumentation: hooks around every pass, the IR printer and the timing report."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING

from dialir.core.ir.operation import Operation
from dialir.core.ir.printer import Printer
from dialir.core.passes.base import Pass, PassPipelineError, display_name

if TYPE_CHECKING:
    from dialir.core.passes.manager import PassManager

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
        source_names: bool = False,
    ) -> None:
        self.before = _selector(before)
        self.after = _selector(after)
        self.after_only_on_change = after_only_on_change
        self.module_scope = module_scope
        self.stream = stream
        self.generic = generic
        self.debuginfo = debuginfo
        self.source_names = source_names
        self._before_text: dict[tuple[int, int], str] = {}

    def run_before_pass(self, p: Pass, op: Operation) -> None:
        if self.after_only_on_change and self.after(p, op):
            self._before_text[id(p), id(op)] = self._fingerprint(op)
        if self.before(p, op):
            self._dump(f"IR Dump Before {display_name(p)} ({p.name})", op)

    def run_after_pass(self, p: Pass, op: Operation) -> None:
        if not self.after(p, op):
            return
        if self.after_only_on_change:
            before = self._before_text.pop((id(p), id(op)), None)
            if before == self._fingerprint(op):
                return
        self._dump(f"IR Dump After {display_name(p)} ({p.name})", op)

    def run_after_pass_failed(self, p: Pass, op: Operation, error: PassPipelineError) -> None:
        self._before_text.pop((id(p), id(op)), None)
        if self.after(p, op):
            self._dump(f"IR Dump After {display_name(p)} Failed ({p.name})", op)

    def _fingerprint(self, op: Operation) -> str:
        # The whole printed IR, locations included: exact, and this is a debugging aid.
        return Printer.to_string(op, generic=True, debuginfo=True, local_scope=True)

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
        # As MLIR: an op below the top is numbered on its own (its local scope).
        text = Printer.to_string(
            target,
            generic=self.generic,
            debuginfo=self.debuginfo,
            source_names=self.source_names,
            local_scope=True,
        )
        stream = self.stream if self.stream is not None else sys.stderr
        stream.write(f"{header} //----- //\n{text}\n\n")


BANNER = "===" + "-" * 73 + "==="


def banner_title(text: str) -> str:
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
        self._push(("pass", id(p)), display_name(p))

    def run_after_pass(self, p: Pass, op: Operation) -> None:
        self._pop()

    def run_after_pass_failed(self, p: Pass, op: Operation, error: PassPipelineError) -> None:
        self._pop()

    def report(self) -> str:
        total = time.perf_counter() - self._start
        measured = sum(t.seconds for t in self.root.children.values())
        total = max(total, measured)
        lines = [
            BANNER,
            banner_title("Execution time report"),
            BANNER,
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
