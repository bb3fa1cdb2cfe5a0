"""Output files are written atomically: an interrupted or failed run leaves the previous file
intact, `-o` onto the input file works, and a failing pipeline leaves the input untouched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from dialir_tools import dialir_opt, dialir_translate, output

INPUT = """func.func @f(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %r = arith.addi %a, %c0 : i32
  return %r : i32
}
"""


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_an_interrupted_write_leaves_the_previous_file(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out.mlir"
    out.write_text("previous contents\n")
    real_fdopen = os.fdopen

    class Interrupted:
        """A file that takes part of the text, then the user presses ctrl-C."""

        def __init__(self, f) -> None:
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.f.close()

        def write(self, data: bytes) -> None:
            self.f.write(data[: len(data) // 2])
            raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fdopen", lambda fd, mode: Interrupted(real_fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        dialir_opt.main([str(_input(tmp_path)), "--canonicalize", "-o", str(out)])
    assert out.read_text() == "previous contents\n"
    assert _leftovers(tmp_path) == []


def test_output_onto_the_input_file(tmp_path: Path) -> None:
    path = _input(tmp_path)
    assert dialir_opt.main([str(path), "--canonicalize", "-o", str(path)]) == 0
    text = path.read_text()
    assert "arith.addi" not in text and "return %arg0 : i32" in text
    assert _leftovers(tmp_path) == []


def test_a_failing_pipeline_leaves_input_and_output_untouched(tmp_path: Path, capsys) -> None:
    path = _input(tmp_path)
    out = tmp_path / "out.mlir"
    out.write_text("previous contents\n")
    bad = "builtin.module(func.func(no-such-pass))"
    for target in (out, path):
        assert dialir_opt.main([str(path), f"--pass-pipeline={bad}", "-o", str(target)]) != 0
    assert "no-such-pass" in capsys.readouterr().err
    assert path.read_text() == INPUT
    assert out.read_text() == "previous contents\n"


def test_the_written_file_keeps_the_previous_files_mode(tmp_path: Path) -> None:
    out = tmp_path / "out.mlir"
    out.write_text("")
    out.chmod(0o640)
    assert dialir_opt.main([str(_input(tmp_path)), "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_umask_mode_not_the_temporary_files(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        output.write_output(str(tmp_path / "new.mlir"), "x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.mlir").stat().st_mode & 0o777 == 0o644


def test_dialir_translate_writes_atomically_too(tmp_path: Path) -> None:
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"])], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])],
    )  # fmt: skip
    model = tmp_path / "m.onnx"
    onnx.save(helper.make_model(graph), str(model))
    out = tmp_path / "m.mlir"
    assert dialir_translate.main([str(model), "--import-onnx", "-o", str(out)]) == 0
    assert "nn.relu" in out.read_text()
    assert _leftovers(tmp_path) == []


def _input(folder: Path) -> Path:
    path = folder / "in.mlir"
    if not path.exists():
        path.write_text(INPUT)
    return path


def test_a_device_stays_a_device(tmp_path: Path) -> None:
    # `-o /dev/null` as lit and benchmarks use it: a rename would replace the device node.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        output.write_output(str(fifo), "module {\n}\n")
        assert os.read(reader, 100) == b"module {\n}\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _leftovers(tmp_path) == []


def test_a_symlinked_output_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.mlir"
    target.write_text("old\n")
    link = tmp_path / "link.mlir"
    link.symlink_to(target)
    output.write_output(str(link), "new\n")
    assert link.is_symlink()
    assert target.read_text() == "new\n"
