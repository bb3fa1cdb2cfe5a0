"""An operand or result whose constraint fixes its type (ODS's buildable types: `F32`, `I1`,
`I32`, `Index`, ...) needs no `type(...)` in an assembly format: the parser builds the type
from the constraint, the printer leaves it out, and a builder infers such a result. A type
no constraint fixes must still come from the format (checked when the class is defined)."""

from __future__ import annotations

import pytest

from dialir.core.ods.asmformat import FormatError
from dialir.ir import Context, FloatType, IndexType, IntegerType, parse, print_ir, verify
from dialir.ods import (
    F32,
    I1,
    I32,
    AnyFloat,
    Dialect,
    Index,
    Op,
    Pure,
    SameAs,
    SignlessInteger,
    TypeIs,
    operand,
    register_dialect_loader,
    result,
)


class ScaleOp(Op):
    """`%r = bt.scale %x by %s` with `%x`, `%s` and `%r` all f32: no type in the text."""

    __slots__ = ()
    OP_NAME = "bt.scale"
    traits = frozenset({Pure})
    input = operand(F32)
    factor = operand(F32)
    output = result(F32)
    assembly_format = "$input `by` $factor attr-dict"


class InRangeOp(Op):
    """`%b = bt.in_range %i, %n : i64`: an i1 result and an index bound, neither written;
    the i64 operand's type is (its constraint does not fix it)."""

    __slots__ = ()
    OP_NAME = "bt.in_range"
    traits = frozenset({Pure})
    value = operand(SignlessInteger(64) | I32)
    bound = operand(Index)
    inside = result(I1)
    assembly_format = "$value `,` $bound attr-dict `:` type($value)"


register_dialect_loader("bt", lambda: Dialect("bt", ops=[ScaleOp, InRangeOp]))

TEXT = """\
func.func @f(%arg0: f32, %arg1: f32, %arg2: i64, %arg3: index) -> (f32, i1) {
  %0 = bt.scale %arg0 by %arg1
  %1 = bt.in_range %arg2, %arg3 : i64
  return %0, %1 : f32, i1
}
"""


def test_buildable_types_need_no_type_directive() -> None:
    with Context():
        module = parse(TEXT)
        verify(module)
        func = module.body.first
        scale, in_range = list(func.regions[0].blocks[0].ops)[:2]
        assert scale.output.type is FloatType("f32")
        assert in_range.inside.type is IntegerType(1)
        assert in_range.bound.type is IndexType()
        # The printer leaves the fixed types out: the text prints back as it was.
        indented = "".join("  " + line for line in TEXT.splitlines(True))
        assert print_ir(module) == "module {\n" + indented + "}"
        generic = print_ir(module, generic=True)
        assert '"bt.scale"(%arg0, %arg1) : (f32, f32) -> f32' in generic
        assert '"bt.in_range"(%arg2, %arg3) : (i64, index) -> i1' in generic
        assert print_ir(parse(generic)) == print_ir(module)


def test_builders_infer_buildable_results() -> None:
    with Context():
        module = parse(TEXT)
        func = module.body.first
        block = func.regions[0].blocks[0]
        x, s, v, n = block.args
        assert ScaleOp(x, s).output.type is FloatType("f32")
        assert InRangeOp(v, n).inside.type is IntegerType(1)


def test_a_wrong_operand_type_is_a_diagnostic() -> None:
    bad = TEXT.replace("%arg1: f32", "%arg1: f64")
    with Context(), pytest.raises(Exception, match="use of value '%arg1' expects different type"):
        parse(bad)


def test_format_without_a_non_buildable_type_is_rejected() -> None:
    with pytest.raises(FormatError, match="does not resolve the type of operand 'value'"):

        class _MissingType(Op):  # i64 or i32: the format must say which
            __slots__ = ()
            OP_NAME = "bt.missing"
            value = operand(SignlessInteger(64) | I32)
            assembly_format = "$value attr-dict"

    with pytest.raises(FormatError, match="does not resolve the type of result 'out'"):

        class _MissingResult(Op):
            __slots__ = ()
            OP_NAME = "bt.missing_result"
            value = operand(F32)
            out = result(AnyFloat)
            assembly_format = "$value attr-dict"


def test_buildable_constraints_are_type_is() -> None:
    # The catalogue's fixed-type constraints are buildable; SameAs of one resolves too.
    for c in (F32, I1, I32, Index, SignlessInteger(8)):
        assert isinstance(c, TypeIs)

    class _Same(Op):
        __slots__ = ()
        OP_NAME = "bt.same"
        a = operand(I32)
        b = operand(SameAs("a"))
        r = result(SameAs("b"))
        assembly_format = "$a `,` $b attr-dict"

    assert _Same.definition.format is not None
