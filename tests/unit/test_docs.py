"""The dialect reference is generated (dialir.core.ods.docgen), never hand-written.

`docs/dialects/` and `examples/toy_dialect/docs/toy.md` must equal what
`python tools/gen_dialect_docs.py` writes now: a changed op definition without regenerated
docs fails here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.dialect import Dialect
from dialir.core.ir.traits import IsTerminator, Pure
from dialir.core.ir.types import IntegerType, Type
from dialir.core.ods.constraints import I1, AnyInteger, I64Attr, UnitAttrC
from dialir.core.ods.docgen import dialect_markdown
from dialir.core.ods.interfaces import LoopLikeOpInterface
from dialir.core.ods.opdef import (
    Op,
    attribute,
    opt_operand,
    region,
    result,
    successor,
    var_operand,
    var_region,
)
from dialir.core.ods.typedef import Param, ParametricAttr, ParametricType

ROOT = Path(__file__).resolve().parents[2]


def test_generated_docs_are_up_to_date() -> None:
    check = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_dialect_docs.py"), "--check"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert check.returncode == 0, "generated dialect docs are stale:\n" + check.stderr


# -- the generator on a dialect that uses every kind of field -------------------------------


class SwitchOp(Op):
    """Jump to one of the successors depending on `flag`."""

    __slots__ = ()
    OP_NAME = "doc.switch"
    summary = "multi-way branch"
    traits = frozenset({IsTerminator})
    flag = opt_operand(I1, doc="chooses the successor")
    args = var_operand(doc="passed to the successor")
    weight = attribute(I64Attr, default=IntegerAttr(1, IntegerType(64)), doc="branch weight")
    cold = attribute(UnitAttrC, optional=True)
    dest = successor(doc="the default successor")


class RegionsOp(Op, LoopLikeOpInterface):
    __slots__ = ()
    OP_NAME = "doc.regions"
    traits = frozenset({Pure})
    n = result(AnyInteger)
    body = region(single_block=True, doc="the body")
    others = var_region()
    assembly_format = "attr-dict-with-keyword $body $others `:` type($n)"


class BoxType(ParametricType):
    """A box around a type."""

    NAME = "doc.box"
    __slots__ = ("elem", "tag")
    parameters = (Param("elem", Type, doc="the boxed type"), Param("tag", str, default="plain"))


class FlagAttr(ParametricAttr):
    NAME = "doc.flag"
    __slots__ = ("on",)
    summary = "a flag"
    parameters = (Param("on", bool, default=False),)


DOC = Dialect(
    "doc", ops=[SwitchOp, RegionsOp], types=[BoxType], attributes=[FlagAttr],
    description="A dialect for testing the generator.\n\nSecond paragraph.",
)  # fmt: skip


def test_markdown_of_every_field_kind() -> None:
    md = dialect_markdown(DOC)
    assert md.startswith(
        "# 'doc' dialect\n\nA dialect for testing the generator.\n\nSecond paragraph.\n"
    )
    # Ops sorted by name, each with its summary, syntax, description and traits.
    assert md.index("### `doc.regions` (RegionsOp)") < md.index("### `doc.switch` (SwitchOp)")
    assert "_multi-way branch_" in md
    assert "Syntax: generic form only." in md
    assert "operation ::= `doc.regions` attr-dict-with-keyword $body $others `:` type($n)" in md
    assert "Jump to one of the successors depending on `flag`." in md
    assert "Traits: `IsTerminator`" in md
    assert "Traits: `Pure`\n\nInterfaces: `LoopLikeOpInterface`" in md
    # Operands with variadicity, attributes with optional/default, regions, successors.
    assert "| `flag` | optional 1-bit signless integer | chooses the successor |" in md
    assert "| `args` | variadic of any type | passed to the successor |" in md
    default = IntegerAttr(1, IntegerType(64))  # printed as the printer prints it
    assert (
        f"| `weight` | 64-bit signless integer attribute (default `{default}`) | branch weight |"
        in md
    )
    assert "| `cold` | optional unit attribute |  |" in md
    assert "| `n` | integer |  |" in md
    assert "| `body` | region with at most one block | the body |" in md
    assert "| `others` | variadic of any region |  |" in md
    assert "| `dest` | any successor | the default successor |" in md
    # Types and attributes with their parameters.
    assert "## Types\n\n### `doc.box` (BoxType)" in md
    assert "!doc.box<elem, tag>" in md
    assert "| `elem` | Type | required | the boxed type |" in md
    assert "| `tag` | str | `plain` |  |" in md
    assert "## Attributes\n\n### `doc.flag` (FlagAttr)\n\n_a flag_" in md
    assert "| `on` | bool | `false` |  |" in md
    assert md.endswith("|\n") and not md.endswith("\n\n")


def test_markdown_is_deterministic() -> None:
    assert dialect_markdown(DOC) == dialect_markdown(DOC)
