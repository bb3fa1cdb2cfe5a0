"""tools/check_layers.py: dialir's import graph has no package cycle, no upward import and no
uncommented function-local import; and the checker finds each kind in a tree that has one."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("check_layers", ROOT / "tools/check_layers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("check_layers", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_dialir_keeps_its_layers(capsys) -> None:
    assert _tool().main(["--root", str(ROOT)]) == 0, capsys.readouterr().out


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_each_kind_of_violation_is_reported(tmp_path: Path) -> None:
    _write(tmp_path, {
        "dialir/__init__.py": "",
        "dialir/core/__init__.py": "",
        "dialir/core/ir/__init__.py": "",
        "dialir/core/ir/ops.py": "from dialir.parser import grammar\n",
        "dialir/core/ir/types.py": (
            "def f():\n"
            "    from dialir.core.ir import ops\n"
            "\n"
            "def g():\n"
            "    import numpy  # heavy: only when g runs\n"
        ),
        "dialir/parser/__init__.py": "",
        "dialir/parser/grammar.py": "from dialir.core.ir.ops import x\n",
        "dialir/dialects/__init__.py": "",
        "dialir/dialects/a/__init__.py": "from dialir.dialects.b import ops\n",
        "dialir/dialects/b/__init__.py": "",
        "dialir/dialects/b/ops.py": "from ..a import thing\nfrom dialir.conversions import c\n",
        "dialir/conversions/__init__.py": "",
        "dialir/conversions/c.py": "import dialir.ir\n",
        "dialir/ir.py": "",
        "tools/__init__.py": "",
        "tools/t.py": "from dialir.ir import x\n",
    })  # fmt: skip
    violations, summary, local = _tool().check(tmp_path)
    text = "\n".join(violations)
    assert "dialir/core/ir/ops.py:1: upward import (core.ir -> parser)" in text
    assert "import cycle between packages {dialir.core.ir, dialir.parser}" in text
    assert "import cycle between packages {dialir.dialects.a, dialir.dialects.b}" in text
    assert "dialir/dialects/b/ops.py:2: upward import (dialects -> conversions)" in text
    assert "dialir/conversions/c.py:1: upward import (conversions -> facades)" in text
    assert "dialir/core/ir/types.py:2: function-local import without a comment" in text
    assert "types.py:5" not in text  # commented
    assert "tools/t.py" not in text  # tools may use the facades
    assert len(violations) == 8, text  # a cycle is reported at each of its edges
    assert summary["function-local imports"] == len(local) == 2
