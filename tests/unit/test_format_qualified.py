"""`qualified($attr)` in an assembly format writes an attribute of a known class in full
(`#arith.overflow<nsw>`) where `$attr` writes only its body (`<nsw>`), as in MLIR; inside an
optional group followed by `: type`, the attribute does not swallow that type."""

from __future__ import annotations

import pytest

from dialir.core.ods.asmformat import FormatError
from dialir.dialects.arith.attrs import OverflowFlags
from dialir.ir import Context, parse, print_ir
from dialir.ods import (
    Dialect,
    Op,
    SameAs,
    SignlessIntegerLike,
    attribute,
    operand,
    register_dialect_loader,
    result,
)


class _Add(Op):
    __slots__ = ()
    OP_NAME = "fq.add"
    lhs = operand(SignlessIntegerLike)
    rhs = operand(SameAs("lhs"))
    res = result(SameAs("lhs"))
    flags = attribute(OverflowFlags, optional=True)
    assembly_format = "$lhs `,` $rhs (`flags` qualified($flags)^)? attr-dict `:` type($res)"


class _Stripped(Op):
    __slots__ = ()
    OP_NAME = "fq.stripped"
    lhs = operand(SignlessIntegerLike)
    res = result(SameAs("lhs"))
    flags = attribute(OverflowFlags, optional=True)
    assembly_format = "$lhs (`flags` $flags^)? attr-dict `:` type($res)"


register_dialect_loader("fq", lambda: Dialect("fq", ops=[_Add, _Stripped]))

TEXT = """\
func.func @f(%arg0: i32) -> i32 {
  %0 = fq.add %arg0, %arg0 flags #arith.overflow<nsw> : i32
  %1 = fq.add %0, %arg0 : i32
  %2 = fq.stripped %1 flags <nuw> : i32
  return %2 : i32
}"""


def test_qualified_attribute_round_trips() -> None:
    with Context():
        module = parse(TEXT)
        indented = "".join("  " + line for line in TEXT.splitlines(True))
        assert print_ir(module) == "module {\n" + indented + "\n}"
        generic = print_ir(module, generic=True)
        assert '"fq.add"(%arg0, %arg0) <{flags = #arith.overflow<nsw>}>' in generic
        assert '"fq.stripped"(%1) <{flags = #arith.overflow<nuw>}>' in generic


def test_qualified_takes_an_attribute_or_a_type() -> None:
    with pytest.raises(FormatError, match="'lhs' is not an attribute"):

        class _Bad(Op):
            __slots__ = ()
            OP_NAME = "fq.bad"
            lhs = operand(SignlessIntegerLike)
            assembly_format = "qualified($lhs) attr-dict `:` type($lhs)"
