"""Test passes for the pass-manager lit tests (like MLIR's test passes), loaded with
`dialir-opt --load-pass-plugin=test_passes` and `PYTHONPATH=tests/lit/Inputs`.

They record where they ran, take one option of every kind, break the IR on purpose (for
verify-each), fail on purpose (PassFailure) or raise (for the crash reproducer).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal

from dialir.core.ir.attrs import StringAttr
from dialir.core.ir.operation import Operation, OpResult
from dialir.core.passes import Pass, PassFailure, option, register_pass


class Mode(enum.Enum):
    FAST = "fast"
    SAFE = "safe"


def _append_mark(op: Operation, tag: str) -> None:
    """Add `tag` to the op's `test.marks` string (comma-separated, in run order)."""
    old = op.attributes.get("test.marks")
    text = tag if old is None else f"{old.value},{tag}"
    op.attributes["test.marks"] = StringAttr(text)


@register_pass
@dataclass
class TestMarkPass(Pass):
    """Runs on any op; appends its tag to the op's `test.marks` attribute."""

    name = "test-mark"
    summary = "Append a tag to the 'test.marks' attribute of the op it runs on"
    tag: str = option("any", "the tag to append")

    def run(self, op: Operation) -> None:
        _append_mark(op, self.tag)


@register_pass
@dataclass
class TestFuncMarkPass(Pass):
    name = "test-func-mark"
    summary = "Like test-mark, but a function pass"
    op_name = "func.func"
    tag: str = option("func", "the tag to append")

    def run(self, op: Operation) -> None:
        _append_mark(op, self.tag)


@register_pass
@dataclass
class TestModuleMarkPass(Pass):
    name = "test-module-mark"
    summary = "Like test-mark, but a module pass"
    op_name = "builtin.module"
    tag: str = option("module", "the tag to append")

    def run(self, op: Operation) -> None:
        _append_mark(op, self.tag)


@register_pass
@dataclass
class TestOptionsPass(Pass):
    """Records its options, as pipeline text, in a `test.options` attribute."""

    name = "test-options"
    summary = "Record the pass's options in a 'test.options' attribute"
    number: int = option(1, "an integer")
    flag: bool = option(False, "a boolean")
    ratio: float = option(0.5, "a floating-point number")
    label: str = option("", "a string")
    sizes: list[int] = option([], "a list of integers")
    names: list[str] = option([], "a list of strings")
    mode: Mode = option(Mode.FAST, "an enum")
    level: Literal["low", "high"] = option("low", "one of two words")

    def run(self, op: Operation) -> None:
        op.attributes["test.options"] = StringAttr(str(self))


@register_pass
@dataclass
class TestCountOpsPass(Pass):
    name = "test-count-ops"
    summary = "Count the ops nested in the op it runs on (pass statistics)"
    statistics = {
        "ops": "Number of ops visited",
        "never": "A statistic that is never counted",
    }

    def run(self, op: Operation) -> None:
        n = sum(1 for _ in op.walk()) - 1
        self.count("ops", n)
        self.count("runs")
        self.mark_all_analyses_preserved()  # it only looks


@register_pass
@dataclass
class TestBreakIRPass(Pass):
    """Produces invalid IR on purpose, for verify-each to catch."""

    name = "test-break-ir"
    summary = "Break the IR of a function (erase its terminator, or use a value before its def)"
    op_name = "func.func"
    how: Literal["erase-terminator", "use-before-def"] = option(
        "erase-terminator", "how to break the IR"
    )

    def run(self, op: Operation) -> None:
        block = op.regions[0].blocks[0]
        if self.how == "erase-terminator":
            block.last.erase()
            return
        # Move the first op that uses a result of an earlier op in its block to the front.
        for user in block.ops:
            if any(isinstance(v, OpResult) and v.owner.parent is block for v in user.operands):
                user.detach()
                block.prepend(user)
                return


@register_pass
@dataclass
class TestFailPass(Pass):
    name = "test-fail"
    summary = "Fail (PassFailure) at the first op that has a 'test.fail' attribute"
    message: str = option("test-fail: deliberate failure", "the error message")

    def run(self, op: Operation) -> None:
        for nested in op.walk():
            if "test.fail" in nested.attributes:
                raise PassFailure(self.message, nested)


@register_pass
@dataclass
class TestRaisePass(Pass):
    """A pass with a bug: it changes the IR, then raises."""

    name = "test-raise"
    summary = "Mark the op it runs on, then raise a RuntimeError (a crashing pass)"

    def run(self, op: Operation) -> None:
        _append_mark(op, "touched-by-test-raise")
        raise RuntimeError("test-raise: deliberate crash")
