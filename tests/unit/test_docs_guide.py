"""docs/writing-a-dialect.md runs: its code blocks are executed in order, in one namespace,
in a fresh interpreter (the guide registers a dialect and a pass for the whole process):

- ```` ```python ```` blocks run; a failing one fails the test at its line in the guide;
- ```` ```mlir ```` blocks parse, verify, and print back to a fixed point (custom and generic
  form) with the dialects defined so far;
- ```` ```mlir output ```` (and ```` ```text output ````) blocks are what the python block
  before them printed, compared with the SSA value names normalised (their spelling is the
  printer's choice);
- ```` ```mlir invalid ```` blocks must be rejected with a diagnostic, and the
  ```` ```text ```` block after one shows it: each of its `error:` lines is in the rendered
  diagnostics (the block is parsed as `input.mlir`);
- other blocks (```` ```text ````, ```` ```sh ````, ```` ```toml ````) are not run.

The guide's catalogues of constraints, traits and interfaces are checked against the code, so
they cannot go stale.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import re
import subprocess
import sys
import types
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
GUIDE = REPO_ROOT / "docs" / "writing-a-dialect.md"

_FENCE = re.compile(r"^```([\w-]*)[ \t]*([^\n]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_SSA = re.compile(r"%[A-Za-z0-9_$.-]+")


def code_blocks(text: str) -> list[tuple[str, str, str, int]]:
    """(language, info, code, line of the code's first line) for each fenced block."""
    out = []
    for m in _FENCE.finditer(text):
        line = text.count("\n", 0, m.start(3)) + 1
        out.append((m.group(1), m.group(2).strip(), m.group(3), line))
    return out


def normalize_names(text: str) -> str:
    """SSA names renamed in order of first appearance: `%v0`, `%v1`, ..."""
    names: dict[str, str] = {}
    return _SSA.sub(lambda m: names.setdefault(m.group(0), f"%v{len(names)}"), text).strip()


def run_guide(path: Path) -> None:
    """Execute the guide (see the module docstring); raises AssertionError naming the line of
    the first block that fails."""
    from dialir.core.ir.diagnostics import DiagnosticError, SourceManager
    from dialir.ir import parse, print_ir, verify

    # A module of its own, as a file of the reader's would be (dataclasses look it up).
    guide = types.ModuleType("writing_a_dialect")
    sys.modules[guide.__name__] = guide
    namespace = guide.__dict__
    printed = ""
    rejected = None  # the diagnostics of the last `mlir invalid` block, for the next block
    for lang, info, code, line in code_blocks(path.read_text(encoding="utf-8")):
        where = f"{path.name}:{line}"
        if rejected is not None:
            errors = [ln for ln in code.splitlines() if ": error: " in ln]
            assert lang == "text" and errors, f"{where}: show the error of the invalid IR"
            for error in errors:
                assert error in rejected, f"{where}: '{error}' is not in\n{rejected}"
            rejected = None
            continue
        if lang == "python":
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile("\n" * (line - 1) + code, str(path), "exec"), namespace)
            printed = out.getvalue()
        elif info == "output":
            assert normalize_names(printed) == normalize_names(code), (
                f"{where}: the block before printed\n{printed}\nbut the guide shows\n{code}"
            )
        elif lang == "mlir" and info == "invalid":
            try:
                verify(parse(code, "input.mlir"))
            except DiagnosticError as e:
                sources = SourceManager()
                sources.add("input.mlir", code)
                rejected = "\n".join(sources.render(d) for d in e.diagnostics)
                continue
            raise AssertionError(f"{where}: invalid IR was accepted")
        elif lang == "mlir":
            module = parse(code, where)
            verify(module)
            for generic in (False, True):
                text = print_ir(module, generic=generic)
                again = print_ir(parse(text, f"{where} (printed)"), generic=generic)
                assert again == text, f"{where}: the printed form is not a fixed point"


def test_guide_runs() -> None:
    result = subprocess.run(
        [sys.executable, __file__, str(GUIDE)],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_guide_has_runnable_blocks() -> None:
    langs = [(lang, info) for lang, info, _, _ in code_blocks(GUIDE.read_text(encoding="utf-8"))]
    assert langs.count(("python", "")) >= 10
    assert ("mlir", "") in langs and ("mlir", "output") in langs and ("mlir", "invalid") in langs


# -- the catalogues ---------------------------------------------------------------------------


def _table(name: str) -> list[list[str]]:
    """The rows of the table between `<!-- catalogue: name -->` and the next blank line."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"<!-- catalogue: {name} -->")
    lines = text[start:].split("\n\n", 1)[0].splitlines()[1:]
    rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in lines]
    return [r for r in rows[2:]]  # past the header and its rule


def _names(rows: list[list[str]]) -> list[str]:
    """The names in the first column (one or more, each in backticks, maybe with a call)."""
    return [name for r in rows for name in re.findall(r"`([A-Za-z0-9_]+)", r[0])]


def test_constraint_catalogue_matches_the_code() -> None:
    import dialir.core.ods.constraints as constraints

    rows = _table("constraints")
    assert sorted(_names(rows)) == sorted(constraints.__all__)
    for row in rows:
        value = getattr(constraints, _names([row])[0])
        if isinstance(value, constraints.Constraint):  # an instance: its message text
            assert row[2] == f'"{value.description}"', row
            # "buildable" marks exactly the constraints that fix one type.
            assert isinstance(value, constraints.TypeIs) == ("(buildable)" in row[1]), row


def test_trait_catalogue_matches_the_code() -> None:
    import dialir.core.ir.traits as traits

    classes = {
        name for name, v in vars(traits).items()
        if inspect.isclass(v) and issubclass(v, traits.OpTrait) and v is not traits.OpTrait
    }  # fmt: skip
    factories = {"HasParent", "SingleBlockImplicitTerminator"}
    assert sorted(_names(_table("traits"))) == sorted(classes | factories)


def test_interface_catalogue_matches_the_code() -> None:
    import dialir.core.ods.interfaces as interfaces

    classes = {
        name for name, v in vars(interfaces).items()
        if inspect.isclass(v) and name.endswith("Interface") and v.__module__ == interfaces.__name__
    }  # fmt: skip
    assert sorted(_names(_table("interfaces"))) == sorted(classes)


if __name__ == "__main__":
    run_guide(Path(sys.argv[1]))
