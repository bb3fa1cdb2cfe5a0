"""toy ops, each one declarative class, and their canonicalization patterns."""

from __future__ import annotations

from typing import Any

from dialir.ir import Attribute, DenseElementsAttr, RankedTensorType, Type
from dialir.ods import (
    ConstantLike,
    ElementsAttr,
    InferTypeOpInterface,
    Op,
    Operation,
    PatternRewriter,
    Pure,
    RewritePattern,
    VerifyError,
    attribute,
    operand,
    result,
)

from toy_dialect.types import AnyMatrix, MatrixType


class ConstantOp(Op, InferTypeOpInterface):
    """`%m = toy.constant dense<[[1.0, 2.0]]> : tensor<1x2xf64>` gives a
    `!toy.matrix<1, 2, f64>` holding those elements; the matrix type follows from the
    tensor type of `value`."""

    __slots__ = ()
    OP_NAME = "toy.constant"
    summary = "matrix constant"
    traits = frozenset({Pure, ConstantLike})
    value = attribute(ElementsAttr, doc="the elements, a rank-2 tensor literal")
    output = result(AnyMatrix)
    assembly_format = "attr-dict $value"

    @classmethod
    def infer_result_types(
        cls, operands: dict[str, Any], attributes: dict[str, Attribute], result_types=None
    ) -> list[Type]:
        t = getattr(attributes.get("value"), "type", None)
        if not isinstance(t, RankedTensorType) or len(t.shape) != 2:
            raise ValueError("'toy.constant' needs a rank-2 tensor value")
        return [MatrixType(t.shape[0], t.shape[1], t.element_type)]

    def verify(self) -> None:
        if not isinstance(self.value, DenseElementsAttr):
            return
        expected = self.infer_result_types({}, {"value": self.value})[0]
        if self.output.type is not expected:
            raise VerifyError(self, f"result type must be '{expected}' to hold the value")


class FoldDoubleTranspose(RewritePattern):
    """transpose(transpose(x)) -> x"""

    root = "toy.transpose"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        inner = op.input.owner
        if not isinstance(inner, TransposeOp):
            return False  # the operand is not itself a transpose
        rewriter.replace_op(op, [inner.input])
        return True


class TransposeOp(Op, InferTypeOpInterface):
    """`%t = toy.transpose %m : !toy.matrix<2, 3, f64>` swaps rows and columns; the
    result is `!toy.matrix<3, 2, f64>`."""

    __slots__ = ()
    OP_NAME = "toy.transpose"
    summary = "matrix transpose"
    traits = frozenset({Pure})
    input = operand(AnyMatrix, doc="the matrix to transpose")
    output = result(AnyMatrix, doc="`input` with rows and columns swapped")
    assembly_format = "$input attr-dict `:` type($input)"
    canonicalization_patterns = (FoldDoubleTranspose,)

    @classmethod
    def infer_result_types(
        cls, operands: dict[str, Any], attributes: dict[str, Attribute], result_types=None
    ) -> list[Type]:
        t = operands["input"].type
        if not isinstance(t, MatrixType):
            raise ValueError(f"'toy.transpose' operand must be a toy matrix, got '{t}'")
        return [t.transposed()]

    def verify(self) -> None:
        expected = self.input.type.transposed()
        if self.output.type is not expected:
            raise VerifyError(self, f"result type must be '{expected}', got '{self.output.type}'")


class PrintOp(Op):
    """`toy.print %m : !toy.matrix<2, 3, f64>` prints a matrix (a side effect: it is
    never removed as dead)."""

    __slots__ = ()
    OP_NAME = "toy.print"
    summary = "print a matrix"
    input = operand(AnyMatrix, doc="the matrix to print")
    assembly_format = "$input attr-dict `:` type($input)"
