"""Deep input: 10,000 nested regions, attributes or types parse, verify and print through
the tools (a deep-stack worker thread), and input deeper than that limit gets a diagnostic,
never a traceback or a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from dialir_tools import dialir_opt

DEPTH = 10_000

CASES = {
    "regions": lambda n: (
        '"test.op"() ({\n' * n + '"test.op"() : () -> ()\n' + "}) : () -> ()\n" * n
    ),
    "attributes": lambda n: '"test.op"() {a = ' + "[" * n + "]" * n + "} : () -> ()\n",
    "types": lambda n: '"test.op"() : () -> ' + "tuple<" * n + "i32" + ">" * n + "\n",
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_ten_thousand_levels_round_trip(kind: str, tmp_path: Path) -> None:
    src, out, again = tmp_path / "in.mlir", tmp_path / "out.mlir", tmp_path / "again.mlir"
    src.write_text(CASES[kind](DEPTH))
    flags = ["--allow-unregistered-dialect", "--verify-each"]
    assert dialir_opt.main([str(src), *flags, "-o", str(out)]) == 0
    assert dialir_opt.main([str(out), *flags, "-o", str(again)]) == 0
    printed = out.read_text()
    assert printed == again.read_text()
    opener = {"regions": '"test.op"() ({', "attributes": "[", "types": "tuple<"}[kind]
    assert printed.count(opener) == DEPTH


def test_deeper_than_the_limit_is_a_diagnostic(tmp_path: Path, capsys) -> None:
    src = tmp_path / "deep.mlir"
    src.write_text(CASES["attributes"](200_000))
    assert dialir_opt.main([str(src), "--allow-unregistered-dialect"]) == 1
    err = capsys.readouterr().err
    assert f"{src}:1:1: error: '{src}' is nested too deeply" in err
    assert "Traceback" not in err and len(err) < 1000
