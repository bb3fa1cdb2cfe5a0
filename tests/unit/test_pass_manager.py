"""The pass manager's Python API: building and parsing pipelines, options, running with
verify-each, failures and crashes, and the instrumentations (IR printing, timing, statistics,
crash reproducer)."""

from __future__ import annotations

import dataclasses
import enum
import io
from dataclasses import dataclass

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dialir.core.ir.attrs import StringAttr
from dialir.core.passes import (
    CrashReproducer,
    IRPrinter,
    Pass,
    PassFailure,
    PassInstrumentation,
    PassManager,
    PassPipelineError,
    PassTiming,
    PipelineError,
    option,
    pass_options,
    pass_statistics,
    register_pass,
    reproducer_configuration,
)
from dialir.ir import parse, print_ir

SOURCE = """\
func.func @f(%x: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %y = arith.addi %x, %c0 : i32
  return %y : i32
}
func.func @g() {
  return
}
"""


def marks(op) -> str | None:
    attr = op.attributes.get("ut.marks")
    return None if attr is None else attr.value


def mark(op, tag: str) -> None:
    old = marks(op)
    op.attributes["ut.marks"] = StringAttr(tag if old is None else f"{old},{tag}")


class Colour(enum.Enum):
    RED = "red"
    GREEN = "green"


@register_pass
@dataclass
class UtMark(Pass):
    name = "ut-mark"
    summary = "Append a tag to 'ut.marks'"
    tag: str = option("any", "the tag")

    def run(self, op) -> None:
        mark(op, self.tag)


@register_pass
@dataclass
class UtFuncMark(Pass):
    name = "ut-func-mark"
    op_name = "func.func"
    tag: str = option("func", "the tag")

    def run(self, op) -> None:
        mark(op, self.tag)


@register_pass
@dataclass
class UtOptions(Pass):
    name = "ut-options"
    number: int = option(1, "an integer")
    flag: bool = option(False, "a flag")
    ratio: float = option(0.5, "a number")
    label: str = option("", "a string")
    sizes: list[int] = option([], "integers")
    names: list[str] = option([], "strings")
    colour: Colour = option(Colour.RED, "an enum")

    def run(self, op) -> None:
        pass


@register_pass
@dataclass
class UtFail(Pass):
    name = "ut-fail"

    def run(self, op) -> None:
        raise PassFailure("ut-fail: cannot do it", op.regions[0].blocks[0].first)


@register_pass
@dataclass
class UtCrash(Pass):
    name = "ut-crash"

    def run(self, op) -> None:
        mark(op, "touched")
        raise KeyError("boom")


@register_pass
@dataclass
class UtBreak(Pass):
    name = "ut-break"
    op_name = "func.func"

    def run(self, op) -> None:
        op.regions[0].blocks[0].last.erase()


@register_pass
@dataclass
class UtCount(Pass):
    name = "ut-count"
    statistics = {"ops": "Number of ops"}

    def run(self, op) -> None:
        self.count("ops", sum(1 for _ in op.walk()) - 1)


def module():
    return parse(SOURCE)


# -- building and printing ---------------------------------------------------------------------


def test_python_api_builds_the_same_pipeline_as_text() -> None:
    pm = PassManager()
    pm.add(UtMark(tag="m"))
    fpm = pm.nest("func.func")
    fpm.add(UtFuncMark()).add(UtMark(tag="x"))
    pm.add("func.func(ut-func-mark{tag=y}),ut-count")
    text = (
        "builtin.module(ut-mark{tag=m},func.func(ut-func-mark{tag=func},ut-mark{tag=x}),"
        "func.func(ut-func-mark{tag=y}),ut-count)"
    )
    assert str(pm) == text
    assert str(PassManager.parse(text)) == text
    assert len(pm) == 4
    assert [p.name for p in pm.passes()] == [
        "ut-mark", "ut-func-mark", "ut-mark", "ut-func-mark", "ut-count",
    ]  # fmt: skip


def test_parse_tolerates_spaces_and_prints_canonical_text() -> None:
    pm = PassManager.parse(" builtin.module( func.func( ut-func-mark ) , ut-mark{ tag=t } ) ")
    assert str(pm) == "builtin.module(func.func(ut-func-mark{tag=func}),ut-mark{tag=t})"


def test_options_are_typed() -> None:
    pm = PassManager.parse(
        "builtin.module(ut-options{number=-0x10 flag ratio=1e-3 label='a {b}, c' "
        'sizes={1, 2,3} names=x,"y,z" colour=green})'
    )
    (p,) = pm.passes()
    assert p == UtOptions(-16, True, 0.001, "a {b}, c", [1, 2, 3], ["x", "y,z"], Colour.GREEN)
    assert str(p) == (
        'ut-options{number=-16 flag=true ratio=0.001 label="a {b}, c" sizes=1,2,3 '
        'names=x,"y,z" colour=green}'
    )
    assert str(PassManager.parse(str(pm))) == str(pm)


def test_option_metadata() -> None:
    opts = {o.name: o for o in pass_options(UtOptions)}
    assert list(opts) == ["number", "flag", "ratio", "label", "sizes", "names", "colour"]
    assert (opts["number"].type_name, opts["number"].default_text) == ("int", "1")
    assert opts["number"].help == "an integer"
    assert opts["sizes"].type_name == "list<int>"
    assert opts["colour"].type_name == "red|green"
    # A list default is not shared between instances.
    a, b = UtOptions(), UtOptions()
    a.sizes.append(3)
    assert b.sizes == []


def _quotable(text: str) -> bool:
    """Option text has no escapes: a value may hold one kind of quote, not both."""
    return not ('"' in text and "'" in text)


@settings(max_examples=150, deadline=None)
@given(
    label=st.text(st.characters(exclude_categories=("Cs",))),
    names=st.lists(st.text("ab ,{}()='=\"", min_size=1, max_size=4), max_size=3),
    sizes=st.lists(st.integers(-(2**40), 2**40), max_size=4),
    ratio=st.floats(allow_nan=False, allow_infinity=False),
)
def test_printed_options_parse_back(label, names, sizes, ratio) -> None:
    assume(_quotable(label) and all(_quotable(n) for n in names))
    assume(all(n.strip() == n for n in names))  # list elements are trimmed
    p = UtOptions(label=label, names=names, sizes=sizes, ratio=ratio)
    (again,) = PassManager.parse(f"builtin.module({p})").passes()
    assert again == p


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("builtin.module(nope)", 16, "'nope' does not refer to a registered pass or pass pipeline"),
        ("builtin.module(ut-options{nmber=1})", 27, "no such option 'nmber' for pass 'ut-options'"),
        ("builtin.module(ut-options{number=1.5})", 34, "invalid value '1.5' for option 'number'"),
        ("builtin.module(ut-options{number})", 33, "expected '=' and a value after option"),
        ("builtin.module(ut-options{colour=blue})", 34, "expected one of 'red', 'green'"),
        ("builtin.module(ut-func-mark)", 16, "'ut-func-mark' expects to run on 'func.func', not"),
        ("builtin.module(ut-mark", 23, "encountered unbalanced parentheses"),
        ("ut-mark", 1, "expected pass pipeline to be wrapped with the anchor operation type"),
    ],
)
def test_pipeline_errors_point_into_the_text(text: str, column: int, message: str) -> None:
    with pytest.raises(PipelineError) as info:
        PassManager.parse(text)
    (diag,) = info.value.diagnostics
    assert (diag.location.filename, diag.location.line, diag.location.column) == (
        "<pass-pipeline>", 1, column,
    )  # fmt: skip
    assert message in diag.message
    # str() renders it with the text and a caret, for Python users.
    rendered = str(info.value).split("\n")
    assert rendered[0].startswith(f"<pass-pipeline>:1:{column}: error: ")
    assert rendered[1:] == [text, " " * (column - 1) + "^"]


def test_adding_a_pass_under_the_wrong_anchor() -> None:
    with pytest.raises(PipelineError, match="'ut-func-mark' expects to run on 'func.func'"):
        PassManager().add(UtFuncMark())
    pm = PassManager(implicit_nesting=True)
    pm.add(UtFuncMark()).add(UtFuncMark(tag="b")).add(UtMark()).add(UtFuncMark(tag="c"))
    assert str(pm) == (
        "builtin.module(func.func(ut-func-mark{tag=func},ut-func-mark{tag=b}),ut-mark{tag=any},"
        "func.func(ut-func-mark{tag=c}))"
    )
    # `any` takes passes for any op; they run where they can.
    PassManager("any").add(UtFuncMark())


def test_registration_checks_the_pass() -> None:
    with pytest.raises(TypeError, match="unsupported option type"):

        @register_pass
        @dataclass
        class BadType(Pass):
            name = "ut-bad-type"
            table: dict = dataclasses.field(default_factory=dict)

    with pytest.raises(TypeError, match="option 'count' hides Pass.count"):

        @register_pass
        @dataclass
        class Hides(Pass):
            name = "ut-hides"
            count: int = 1

    with pytest.raises(ValueError, match="invalid pass name"):

        @register_pass
        @dataclass
        class BadName(Pass):
            name = "bad name"


def test_required_option() -> None:
    @register_pass
    @dataclass
    class Required(Pass):
        name = "ut-required"
        size: int

        def run(self, op) -> None:
            pass

    with pytest.raises(PipelineError, match="needs a value for option 'size'"):
        PassManager.parse("builtin.module(ut-required)")
    assert str(PassManager.parse("builtin.module(ut-required{size=3})")) == (
        "builtin.module(ut-required{size=3})"
    )


# -- running -----------------------------------------------------------------------------------


def test_run_transforms_in_place_following_the_anchors() -> None:
    m = module()
    PassManager.parse(
        "builtin.module(ut-mark{tag=m},func.func(ut-func-mark,canonicalize),any(ut-mark{tag=a}))"
    ).run(m)
    f, g = list(m.body.ops)
    assert (marks(m), marks(f), marks(g)) == ("m", "func,a", "func,a")
    assert "arith.addi" not in print_ir(f)


def test_run_on_the_wrong_op() -> None:
    m = module()
    with pytest.raises(PassPipelineError, match="can't run 'func.func' pass manager on 'builtin"):
        PassManager("func.func").run(m)
    PassManager("func.func").add(UtMark()).run(m.body.first)
    assert marks(m.body.first) == "any"


def test_pass_failure_is_a_diagnostic_at_the_op() -> None:
    m = module()
    with pytest.raises(PassPipelineError) as info:
        PassManager.parse("builtin.module(func.func(ut-fail))").run(m)
    error = info.value
    (diag,) = error.diagnostics
    assert diag.message == "ut-fail: cannot do it"
    assert (diag.location.line, diag.location.column) == (2, 9)  # the arith.constant's name
    assert error.pass_.name == "ut-fail" and error.op.name == "func.func"
    assert error.cause is None and error.reproducer is None


def test_verify_each_names_the_pass() -> None:
    pm = PassManager.parse("builtin.module(func.func(ut-break))")
    with pytest.raises(PassPipelineError) as info:
        pm.run(module())
    assert info.value.diagnostics[0].message.startswith(
        "'ut-break' pass produced invalid IR: 'arith.addi' op block with no terminator"
    )
    # Without verify-each the broken IR goes through.
    PassManager.parse("builtin.module(func.func(ut-break))", verify_each=False).run(module())
    pm.enable_verifier(False)
    pm.run(module())


def test_a_pass_that_preserves_everything_is_not_verified() -> None:
    @dataclass
    class MaybeClaimsNoChange(Pass):
        name = "ut-claims-no-change"
        op_name = "func.func"
        claim: bool = True

        def run(self, op) -> None:
            op.regions[0].blocks[0].last.erase()
            if self.claim:
                self.mark_all_analyses_preserved()  # a lie, to show that verify-each trusts it
                self.claim = False  # the claim holds for this run only

    pm = PassManager()
    pm.nest("func.func").add(MaybeClaimsNoChange())
    pm.run(parse("func.func @f() {\n  return\n}"))
    with pytest.raises(PassPipelineError, match="'ut-claims-no-change' pass produced invalid"):
        pm.run(parse("func.func @f() {\n  return\n}"))


def test_a_crash_keeps_its_cause() -> None:
    with pytest.raises(PassPipelineError) as info:
        PassManager.parse("builtin.module(ut-crash)").run(module())
    error = info.value
    assert isinstance(error.cause, KeyError) and error.__cause__ is error.cause
    assert error.diagnostics[0].message == (
        "pass 'ut-crash' crashed on 'builtin.module' op at <stdin>:0:0: KeyError: 'boom'"
    )


def test_crash_reproducer_snapshots_the_input(tmp_path) -> None:
    path = tmp_path / "repro.mlir"
    pm = PassManager.parse("builtin.module(func.func(ut-func-mark),ut-crash)")
    pm.enable_crash_reproducer(str(path))
    m = module()
    with pytest.raises(PassPipelineError) as info:
        pm.run(m)
    assert info.value.reproducer == str(path)
    assert info.value.diagnostics[0].message.endswith(f"; reproducer generated at '{path}'")
    text = path.read_text()
    flags, line = reproducer_configuration(text)
    assert line == 1
    assert flags == ["--pass-pipeline=builtin.module(func.func(ut-func-mark{tag=func}),ut-crash)"]
    # The IR the pipeline started from, not what the passes left.
    assert marks(m) == "touched" and marks(m.body.first) == "func"
    assert "ut.marks" not in text
    reparsed = parse(text)
    assert print_ir(reparsed) == print_ir(module())


def test_crash_reproducer_default_path_and_failures(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    pm = PassManager.parse("builtin.module(ut-fail)")
    pm.add_instrumentation(CrashReproducer())
    with pytest.raises(PassPipelineError) as info:
        pm.run(module())
    assert info.value.reproducer is None  # a plain failure, not a crash
    pm = PassManager.parse("builtin.module(ut-fail)")
    pm.add_instrumentation(CrashReproducer(on_failure=True, flags=["--no-verify-each"]))
    with pytest.raises(PassPipelineError) as info:
        pm.run(module())
    (written,) = tmp_path.glob("dialir-reproducer-*.mlir")
    assert info.value.reproducer == str(written)
    assert written.read_text().startswith(
        "// configuration: --pass-pipeline='builtin.module(ut-fail)' --no-verify-each\n"
    )


def test_instrumentation_hooks_in_order() -> None:
    events = []

    class Recorder(PassInstrumentation):
        def run_before_pipeline(self, pm, op):
            events.append(("before-pipeline", pm.anchor, op.name))

        def run_after_pipeline(self, pm, op):
            events.append(("after-pipeline", pm.anchor, op.name))

        def run_before_pass(self, p, op):
            events.append(("before", p.name, op.name))

        def run_after_pass(self, p, op):
            events.append(("after", p.name, op.name))

        def run_after_pass_failed(self, p, op, error):
            events.append(("failed", p.name, op.name))

    pm = PassManager.parse("builtin.module(func.func(ut-func-mark),ut-fail)")
    pm.add_instrumentation(Recorder())
    with pytest.raises(PassPipelineError):
        pm.run(module())
    assert events == [
        ("before-pipeline", "builtin.module", "builtin.module"),
        ("before-pipeline", "func.func", "func.func"),
        ("before", "ut-func-mark", "func.func"),
        ("after", "ut-func-mark", "func.func"),
        ("after-pipeline", "func.func", "func.func"),
        ("before-pipeline", "func.func", "func.func"),
        ("before", "ut-func-mark", "func.func"),
        ("after", "ut-func-mark", "func.func"),
        ("after-pipeline", "func.func", "func.func"),
        ("before", "ut-fail", "builtin.module"),
        ("failed", "ut-fail", "builtin.module"),
        ("after-pipeline", "builtin.module", "builtin.module"),
    ]


def test_ir_printer() -> None:
    out = io.StringIO()
    pm = PassManager.parse("builtin.module(func.func(ut-count,canonicalize))")
    pm.add_instrumentation(IRPrinter(after=True, after_only_on_change=True, stream=out))
    pm.run(module())
    assert out.getvalue() == (
        "// -----// IR Dump After Canonicalize (canonicalize) //----- //\n"
        "func.func @f(%arg0: i32) -> i32 {\n  return %arg0 : i32\n}\n\n"
    )
    out = io.StringIO()
    pm = PassManager.parse("builtin.module(func.func(ut-count))")
    pm.enable_ir_printing(before=lambda p, op: True, module_scope=True, stream=out)
    pm.run(module())
    assert out.getvalue().count("('func.func' operation: @g) //----- //\nmodule {\n") == 1


def test_timing_and_statistics_reports() -> None:
    pm = PassManager.parse("builtin.module(func.func(ut-count),ut-count)")
    timing = pm.enable_timing()
    m = module()
    pm.run(m)
    pm.run(m)
    inner, outer = pm.passes()
    assert pass_statistics(inner) == {"ops": 2 * (3 + 1)}
    assert pass_statistics(outer) == {"ops": 2 * 6}
    assert pm.statistics_report().splitlines()[3:] == [
        "'func.func' Pipeline",
        "  UtCount",
        "    (S) 8 ops - Number of ops",
        "UtCount",
        "  (S) 12 ops - Number of ops",
    ]
    names = [line[21:] for line in timing.report().splitlines()[6:]]
    assert names == ["'func.func' Pipeline", "  UtCount", "UtCount", "Rest", "Total"]
    assert isinstance(timing, PassTiming)


def test_dependent_dialects_are_loaded() -> None:
    @dataclass
    class NeedsMath(Pass):
        name = "ut-needs-math"
        dependent_dialects = ("math",)

        def run(self, op) -> None:
            pass

    @dataclass
    class NeedsNothing(Pass):
        name = "ut-needs-nothing"
        dependent_dialects = ("no_such_dialect",)

        def run(self, op) -> None:
            pass

    PassManager().add(NeedsMath()).run(module())
    with pytest.raises(PassPipelineError, match="depends on dialect 'no_such_dialect'"):
        PassManager().add(NeedsNothing()).run(module())
