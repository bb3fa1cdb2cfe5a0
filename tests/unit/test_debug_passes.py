"""print-op-stats, view-op-graph and strip-debuginfo through the Python API: what they
print, the pictures Graphviz renders, and the IR they leave."""

from __future__ import annotations

import shutil

import pytest

from dialir.core.ir.attrs import UnknownLoc
from dialir.core.passes import PassManager, PassPipelineError
from dialir.ir import parse, print_ir
from dialir.transforms import view_op_graph

SOURCE = """
func.func @f(%a: i32) -> i32 {
  %c = arith.constant 2 : i32
  %0 = arith.muli %a, %c : i32 loc("f.cc":3:4)
  cf.br ^bb1(%0 : i32)
^bb1(%x: i32 loc("f.cc":5:6)):
  return %x : i32
}
"""


def _module():
    return parse(SOURCE, "input.mlir")


def test_print_op_stats_writes_the_table_to_stderr(capsys):
    module = _module()
    before = print_ir(module)
    PassManager.parse("builtin.module(print-op-stats)").run(module)
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "Operations encountered:",
        "-----------------------",
        "    arith.constant , 1",
        "    arith.muli     , 1",
        "  builtin.module   , 1",
        "       cf.br       , 1",
        "     func.func     , 1",
        "     func.return   , 1",
    ]
    assert print_ir(module) == before


def test_print_op_stats_json(capsys):
    PassManager.parse("builtin.module(print-op-stats{json=true})").run(_module())
    err = capsys.readouterr().err
    assert err.startswith('{\n  "arith.constant" : 1,\n')
    assert err.endswith('  "func.return" : 1\n}\n')


def test_strip_debuginfo_clears_op_and_block_argument_locations():
    module = _module()
    PassManager.parse("builtin.module(strip-debuginfo)").run(module)
    for op in module.walk():
        assert isinstance(op.location, UnknownLoc)
        for region in op.regions:
            for block in region.blocks:
                assert all(isinstance(a.location, UnknownLoc) for a in block.args)


def test_view_op_graph_writes_dot_to_a_file(tmp_path):
    out = tmp_path / "graph.dot"
    PassManager.parse(f"builtin.module(view-op-graph{{output={out}}})").run(_module())
    text = out.read_text()
    assert text.startswith("digraph G {\n  compound = true;\n")
    assert ":res_c2_i32:s -> v" in text and ":arg_c2_i32:n[style = solid];" in text


@pytest.mark.parametrize("suffix, magic", [("png", b"\x89PNG"), ("svg", b"<?xml")])
def test_view_op_graph_renders_with_graphviz(tmp_path, suffix, magic):
    out = tmp_path / f"graph.{suffix}"
    pm = PassManager.parse(f"builtin.module(view-op-graph{{output={out}}})")
    if shutil.which("dot") is None:
        with pytest.raises(PassPipelineError) as e:
            pm.run(_module())
        assert "Graphviz 'dot' is not installed" in e.value.diagnostics[0].message
        return
    pm.run(_module())
    assert out.read_bytes().startswith(magic)


def test_view_op_graph_without_dot_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(view_op_graph.shutil, "which", lambda name: None)
    out = tmp_path / "graph.png"
    with pytest.raises(PassPipelineError) as e:
        PassManager.parse(f"builtin.module(view-op-graph{{output={out}}})").run(_module())
    message = e.value.diagnostics[0].message
    assert "Graphviz 'dot' is not installed" in message and "output=<file>.dot" in message
    assert not out.exists()
