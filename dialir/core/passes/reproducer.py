"""The crash reproducer: the input of a failing pipeline and the pipeline, as a file
`dialir-opt --run-reproducer` replays."""

from __future__ import annotations

import os
import re
import shlex
import tempfile
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dialir.core.ir.operation import Operation
from dialir.core.ir.printer import Printer
from dialir.core.passes.base import Pass, PassPipelineError
from dialir.core.passes.instrumentation import PassInstrumentation

if TYPE_CHECKING:
    from dialir.core.passes.manager import PassManager


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
