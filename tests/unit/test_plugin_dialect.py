"""An out-of-tree dialect works without touching dialir's source.

examples/toy_dialect is a package of its own. Every test runs dialir-opt in a subprocess, so
the toy dialect never enters this process's registries: once loaded from PYTHONPATH with
--load-dialect-plugin, once found through its entry points with no flag at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOY = ROOT / "examples" / "toy_dialect"
PLUGIN = "--load-dialect-plugin=toy_dialect"

PROGRAM = """\
%0 = toy.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>
%1 = toy.transpose %0 : !toy.matrix<2, 3, f64>
%2 = toy.transpose %1 : !toy.matrix<3, 2, f64>
toy.print %2 : !toy.matrix<2, 3, f64>
"""

PRINTED = """\
module {
  %0 = toy.constant dense<[[1.000000e+00, 2.000000e+00, 3.000000e+00], \
[4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf64>
  %1 = toy.transpose %0 : !toy.matrix<2, 3, f64>
  %2 = toy.transpose %1 : !toy.matrix<3, 2, f64>
  toy.print %2 : !toy.matrix<2, 3, f64>
}

"""  # the trailing blank line: mlir-opt's (the op's newline, then the tool's)

FOLDED = """\
module {
  %0 = toy.constant dense<[[1.000000e+00, 2.000000e+00, 3.000000e+00], \
[4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf64>
  toy.print %0 : !toy.matrix<2, 3, f64>
}

"""


def dialir_opt(
    *args: str, stdin: str = "", pythonpath: list[Path] = ()
) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("DIALIR_TRACEBACK", None)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in pythonpath)
    return subprocess.run(
        [sys.executable, "-m", "dialir_tools.dialir_opt", *args],
        input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


# -- --load-dialect-plugin, the package only on PYTHONPATH ----------------------------------


def test_plugin_custom_syntax_round_trips() -> None:
    printed = ok(dialir_opt(PLUGIN, stdin=PROGRAM, pythonpath=[TOY]))
    assert printed == PRINTED
    assert ok(dialir_opt(PLUGIN, stdin=printed, pythonpath=[TOY])) == PRINTED
    generic = ok(dialir_opt(PLUGIN, "--mlir-print-op-generic", stdin=PROGRAM, pythonpath=[TOY]))
    assert '"toy.transpose"(%0) : (!toy.matrix<2, 3, f64>) -> !toy.matrix<3, 2, f64>' in generic
    assert ok(dialir_opt(PLUGIN, stdin=generic, pythonpath=[TOY])) == PRINTED


def test_plugin_pass_runs() -> None:
    pipeline = "--pass-pipeline=builtin.module(toy-fold-transpose{max-iterations=2})"
    # The dialect plugin registers its passes on import...
    assert ok(dialir_opt(PLUGIN, pipeline, stdin=PROGRAM, pythonpath=[TOY])) == FOLDED
    # ...and a pass plugin on its own is enough for the pass.
    out = dialir_opt(
        "--load-pass-plugin=toy_dialect.transforms", PLUGIN, pipeline, stdin=PROGRAM,
        pythonpath=[TOY],
    )  # fmt: skip
    assert ok(out) == FOLDED
    # FoldDoubleTranspose is also toy.transpose's canonicalization pattern.
    canonical = "--pass-pipeline=builtin.module(canonicalize)"
    assert ok(dialir_opt(PLUGIN, canonical, stdin=PROGRAM, pythonpath=[TOY])) == FOLDED


def test_without_plugin_toy_is_unknown() -> None:
    result = dialir_opt(stdin=PROGRAM, pythonpath=[TOY])
    assert result.returncode == 1
    assert "error: custom op 'toy.constant' is unknown" in result.stderr


def test_plugin_errors_are_one_line() -> None:
    missing = dialir_opt("--load-dialect-plugin=no_such_plugin_module", stdin=PROGRAM)
    assert missing.returncode == 1
    assert missing.stderr == (
        "error: could not load dialect plugin 'no_such_plugin_module': "
        "No module named 'no_such_plugin_module'\n"
    )
    no_dialect = dialir_opt(
        "--load-dialect-plugin=toy_dialect.types", stdin=PROGRAM, pythonpath=[TOY]
    )
    assert no_dialect.returncode == 1
    assert no_dialect.stderr == (
        "error: dialect plugin 'toy_dialect.types' does not define DIALECT (a dialir Dialect)\n"
    )
    missing_pass = dialir_opt("--load-pass-plugin=no_such_plugin_module", stdin=PROGRAM)
    assert missing_pass.returncode == 1
    assert missing_pass.stderr.startswith(
        "error: could not load pass plugin 'no_such_plugin_module'"
    )


def test_plugin_that_raises_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "broken_plugin.py").write_text("raise RuntimeError('boom')\n")
    result = dialir_opt("--load-dialect-plugin=broken_plugin", stdin=PROGRAM, pythonpath=[tmp_path])
    assert result.returncode == 1
    assert (
        result.stderr
        == "error: could not load dialect plugin 'broken_plugin': RuntimeError: boom\n"
    )


def test_plugin_dialect_doc_matches_generated_file() -> None:
    doc = ok(dialir_opt(PLUGIN, "--dialect-doc=toy", pythonpath=[TOY]))
    assert doc == (TOY / "docs" / "toy.md").read_text(encoding="utf-8")


# -- entry points: what `pip install examples/toy_dialect` provides -------------------------


def fake_install(site: Path) -> None:
    """What pip writes for the toy package's entry points: a dist-info directory on the
    path, which importlib.metadata reads (the package itself comes from PYTHONPATH)."""
    info = site / "dialir_toy_dialect-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: dialir-toy-dialect\nVersion: 0.1.0\n"
    )
    (info / "entry_points.txt").write_text(
        "[dialir.dialects]\n"
        "toy = toy_dialect:load\n"
        "\n"
        "[dialir.passes]\n"
        "toy-fold-transpose = toy_dialect.transforms.toy_fold_transpose:ToyFoldTransposePass\n"
    )


def test_entry_points_need_no_flag(tmp_path: Path) -> None:
    fake_install(tmp_path)
    path = [tmp_path, TOY]
    assert ok(dialir_opt(stdin=PROGRAM, pythonpath=path)) == PRINTED
    pipeline = "--pass-pipeline=builtin.module(toy-fold-transpose)"
    assert ok(dialir_opt(pipeline, stdin=PROGRAM, pythonpath=path)) == FOLDED
    listing = ok(dialir_opt("--list-dialects", pythonpath=path))
    assert any(line.split()[0] == "toy" for line in listing.splitlines())
    doc = ok(dialir_opt("--dialect-doc=toy", pythonpath=path))
    assert doc == (TOY / "docs" / "toy.md").read_text(encoding="utf-8")
