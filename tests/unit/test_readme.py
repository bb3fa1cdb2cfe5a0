"""The README's Python example runs as written and prints what it promises."""

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_python_example_runs():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)
    assert blocks, "README has no Python example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], str(README), "exec"), {})
    text = out.getvalue()
    assert 'module {\n  %0 = "test.make"() : () -> i32\n  "test.use"(%0) : (i32) -> ()' in text
    assert '"builtin.module"() ({' in text


def test_readme_dialect_example_runs():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)
    assert len(blocks) >= 2, "README has no dialect-authoring example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[1], str(README), "exec"), {})
    text = out.getvalue()
    # MLIR's value names (%0, %1), as mlir-opt prints them.
    assert "%1 = demo.max %0, %0 : i32" in text
    assert '%1 = "demo.max"(%0, %0) : (i32, i32) -> i32' in text


def test_readme_pass_example_runs():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)
    assert len(blocks) >= 3, "README has no pass-writing example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[2], str(README), "exec"), {})
    lines = [line.strip() for line in out.getvalue().splitlines()]
    # 8 = 2^3 becomes a shift; 1024 = 2^10 is beyond max-shift=4; canonicalize drops %c8.
    assert "%0 = arith.shli %arg0, %c3_i32 : i32" in lines
    assert "%1 = arith.muli %arg0, %c1024_i32 : i32" in lines
    assert "return %0, %1 : i32, i32" in lines
    assert not any("arith.constant 8" in line for line in lines)
