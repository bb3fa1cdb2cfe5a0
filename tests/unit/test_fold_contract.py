"""The folding contract every dialect gets from the core, not from its own patterns:

- a Commutative op's constant operands move after the others (MLIR's foldCommutative: the
  trait's folder, run where the op's own folder does nothing), for any dialect's op;
- a folder's constant needs the dialect's constant materializer: a dialect with a
  ConstantLike op and no materializer is refused when it is defined, and a folder that
  returns a constant in a dialect without one is an error at that fold, never a silent
  no-op.
"""

from __future__ import annotations

import pytest

from dialir.core.passes import PassManager
from dialir.core.passes.manager import PassPipelineError
from dialir.ir import Context, FloatAttr, FloatType, parse, print_ir
from dialir.ods import (
    F64,
    Commutative,
    ConstantLike,
    Dialect,
    F64Attr,
    Op,
    Pure,
    apply_patterns_greedily,
    attribute,
    operand,
    register_dialect_loader,
    result,
)

F64T = FloatType("f64")


class ConstOp(Op):
    __slots__ = ()
    OP_NAME = "fc.const"
    traits = frozenset({Pure, ConstantLike})
    value = attribute(F64Attr)
    out = result(F64)
    assembly_format = "$value attr-dict"

    def fold(self):
        return [self.value]


class MaxOp(Op):
    """A commutative op with no folder of its own: only the trait's folder runs."""

    __slots__ = ()
    OP_NAME = "fc.max"
    traits = frozenset({Pure, Commutative})
    lhs = operand(F64)
    rhs = operand(F64)
    out = result(F64)
    assembly_format = "$lhs `,` $rhs attr-dict"


class Sum3Op(Op):
    """Three operands: constants go last, each group keeping its order."""

    __slots__ = ()
    OP_NAME = "fc.sum3"
    traits = frozenset({Pure, Commutative})
    a = operand(F64)
    b = operand(F64)
    c = operand(F64)
    out = result(F64)
    assembly_format = "$a `,` $b `,` $c attr-dict"


def _materialize(attr, type, location):
    return ConstOp(value=attr, location=location) if isinstance(attr, FloatAttr) else None


register_dialect_loader(
    "fc", lambda: Dialect("fc", ops=[ConstOp, MaxOp, Sum3Op], materialize_constant=_materialize)
)


def _canonicalize(text: str) -> str:
    module = parse(text)
    PassManager.parse("builtin.module(canonicalize)").run(module)
    return print_ir(module)


def test_commutative_moves_constants_right_for_any_dialect() -> None:
    with Context():
        out = _canonicalize(
            """
            func.func @f(%arg0: f64, %arg1: f64) -> (f64, f64) {
              %0 = fc.const 1.0
              %1 = fc.const 2.0
              %2 = fc.max %0, %arg0
              %3 = fc.sum3 %1, %arg0, %0
              %4 = fc.sum3 %2, %3, %arg1
              return %2, %4 : f64, f64
            }
            """
        )
    # %arg0 first; of the constants, 2.0 then 1.0 as they were.
    lines = [line.strip() for line in out.splitlines()]
    consts = {line.split(" = ")[1]: line.split(" = ")[0] for line in lines if "fc.const" in line}
    one, two = consts["fc.const 1.000000e+00 : f64"], consts["fc.const 2.000000e+00 : f64"]
    assert any(line.endswith(f"fc.max %arg0, {one}") for line in lines), out
    assert any(line.endswith(f"fc.sum3 %arg0, {two}, {one}") for line in lines), out


def test_commutative_without_constants_is_left_alone() -> None:
    text = """
        func.func @f(%arg0: f64, %arg1: f64) -> f64 {
          %0 = fc.max %arg1, %arg0
          return %0 : f64
        }
        """
    with Context():
        module = parse(text)
        before = print_ir(module)
        # No change: the driver converges at once (and reports no change).
        assert apply_patterns_greedily(module, []) is True
        assert print_ir(module) == before


def test_arith_commutative_ops_still_move_constants() -> None:
    # arith has no pattern of its own for it any more: the trait's folder does it.
    with Context():
        out = _canonicalize(
            """
            func.func @f(%arg0: i32, %arg1: f32) -> (i32, f32) {
              %c = arith.constant 7 : i32
              %0 = arith.muli %c, %arg0 : i32
              %f = arith.constant 3.0 : f32
              %1 = arith.maximumf %f, %arg1 : f32
              return %0, %1 : i32, f32
            }
            """
        )
    assert "arith.muli %arg0, %" in out
    assert "arith.maximumf %arg1, %" in out


# -- the materializer --------------------------------------------------------------------------


def test_constant_like_op_needs_a_materializer() -> None:
    with pytest.raises(TypeError, match="'fc.const' is ConstantLike, so the dialect needs "):
        Dialect("fcbad", ops=[ConstOp, MaxOp])


class HalfOp(Op):
    """A folder that returns a constant, in a dialect that cannot materialise one."""

    __slots__ = ()
    OP_NAME = "nomat.half"
    traits = frozenset({Pure})
    input = operand(F64)
    out = result(F64)
    assembly_format = "$input attr-dict"

    def fold(self):
        return [FloatAttr(0.5, F64T)]


register_dialect_loader("nomat", lambda: Dialect("nomat", ops=[HalfOp]))


def test_folding_to_a_constant_without_materializer_is_an_error() -> None:
    text = """
        func.func @f(%arg0: f64) -> f64 {
          %0 = nomat.half %arg0
          return %0 : f64
        }
        """
    with Context():
        module = parse(text, "in.mlir")
        with pytest.raises(PassPipelineError) as info:
            PassManager.parse("builtin.module(canonicalize)").run(module)
    message = str(info.value)
    assert "in.mlir:3:16: error: 'nomat.half' op folded to a constant, but dialect 'nomat' " in (
        message
    )
    assert "has no constant materializer" in message
