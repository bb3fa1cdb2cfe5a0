"""toy ops, each one declarative class, their folders and canonicalization patterns, and
the dialect's constant materializer (how a folded value becomes a `toy.constant`)."""

from __future__ import annotations

from typing import Any

from dialir.ir import (
    Attribute,
    DenseElementsAttr,
    FloatAttr,
    Location,
    RankedTensorType,
    Type,
    Value,
)
from dialir.ods import (
    F64,
    Commutative,
    ConstantLike,
    ElementsAttr,
    InferTypeOpInterface,
    Op,
    Operation,
    PatternRewriter,
    Pure,
    RewritePattern,
    SameAs,
    SameOperandsAndResultType,
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

    def fold(self) -> list[Attribute]:
        # A ConstantLike op folds to its value: how the folder and the driver read it.
        return [self.value]

    def verify(self) -> None:
        if not isinstance(self.value, DenseElementsAttr):
            return
        expected = self.infer_result_types({}, {"value": self.value})[0]
        if self.output.type is not expected:
            raise VerifyError(self, f"result type must be '{expected}' to hold the value")


def constant_elements(v: Value) -> DenseElementsAttr | None:
    """The elements `v` holds when a ConstantLike op (a `toy.constant`) defines it."""
    owner = v.owner
    if not isinstance(owner, Operation) or ConstantLike not in type(owner).traits:
        return None
    value = owner.get_attr("value")
    return value if isinstance(value, DenseElementsAttr) else None


def elements_of(matrix: MatrixType, array: Any) -> DenseElementsAttr:
    """`array` as the elements attribute of a `toy.constant` of type `matrix`."""
    shape = (matrix.rows, matrix.cols)
    return DenseElementsAttr(RankedTensorType(shape, matrix.element_type), array)


def materialize_constant(attr: Attribute, type: Type, location: Location) -> Operation | None:
    """The toy dialect's constant materializer (MLIR's Dialect::materializeConstant): a
    `toy.constant` of `type` holding `attr`, or None when it cannot hold it."""
    if not isinstance(attr, DenseElementsAttr) or not isinstance(type, MatrixType):
        return None
    if attr.type is not RankedTensorType((type.rows, type.cols), type.element_type):
        return None  # a toy.constant's value has exactly its matrix's shape
    return ConstantOp(value=attr, location=location)


class FoldDoubleTranspose(RewritePattern):
    """transpose(transpose(x)) -> x"""

    root = "toy.transpose"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        inner = op.input.owner
        if not isinstance(inner, TransposeOp):
            return False  # the operand is not itself a transpose
        rewriter.replace_op(op, [inner.input])
        return True


class AddOfTransposes(RewritePattern):
    """add(transpose(a), transpose(b)) -> transpose(add(a, b)): one transpose fewer."""

    root = "toy.add"

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> bool:
        lhs, rhs = op.lhs.owner, op.rhs.owner
        if not (isinstance(lhs, TransposeOp) and isinstance(rhs, TransposeOp)):
            return rewriter.notify_match_failure(op, "an operand is not a transpose")
        total = rewriter.create(AddOp, lhs.input, rhs.input, location=op.location)
        rewriter.replace_op_with(op, TransposeOp(total.output, location=op.location))
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

    def fold(self) -> list[Attribute] | None:
        """transpose(constant) -> the transposed constant."""
        value = constant_elements(self.input)
        if value is None:
            return None
        return [elements_of(self.output.type, value.array.T)]

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


class AddOp(Op):
    """`%s = toy.add %a, %b : !toy.matrix<2, 3, f64>` adds two matrices element by
    element. It is Commutative: canonicalization puts a constant operand on the right."""

    __slots__ = ()
    OP_NAME = "toy.add"
    summary = "element-wise matrix addition"
    traits = frozenset({Pure, Commutative, SameOperandsAndResultType})
    lhs = operand(AnyMatrix)
    rhs = operand(AnyMatrix)
    output = result(AnyMatrix)
    assembly_format = "$lhs `,` $rhs attr-dict `:` type($output)"
    canonicalization_patterns = (AddOfTransposes,)

    def fold(self) -> list[Attribute | Value] | None:
        """add(c0, c1) -> c0 + c1; add(x, zeros) -> x."""
        lhs, rhs = constant_elements(self.lhs), constant_elements(self.rhs)
        if rhs is not None and not rhs.array.any():
            return [self.lhs]
        if lhs is None or rhs is None:
            return None
        return [elements_of(self.output.type, lhs.array + rhs.array)]


class ScaleOp(Op):
    """`%s = toy.scale %m by %f : !toy.matrix<2, 3, f64>` multiplies every element by the
    f64 `%f`. The format leaves out `%f`'s type: its constraint, F64, fixes it."""

    __slots__ = ()
    OP_NAME = "toy.scale"
    summary = "multiply a matrix by a scalar"
    traits = frozenset({Pure})
    input = operand(AnyMatrix)
    factor = operand(F64, doc="the scalar")
    output = result(SameAs("input"))
    assembly_format = "$input `by` $factor attr-dict `:` type($input)"

    def fold(self) -> list[Attribute | Value] | None:
        """scale(x, 1.0) -> x; scale(c, f) -> c * f."""
        owner = self.factor.owner
        factor = owner.get_attr("value") if isinstance(owner, Operation) else None
        if not isinstance(factor, FloatAttr) or ConstantLike not in type(owner).traits:
            return None
        if factor.value == 1.0:
            return [self.input]
        value = constant_elements(self.input)
        if value is None:
            return None
        return [elements_of(self.output.type, value.array * factor.value)]


class PrintOp(Op):
    """`toy.print %m : !toy.matrix<2, 3, f64>` prints a matrix (a side effect: it is
    never removed as dead)."""

    __slots__ = ()
    OP_NAME = "toy.print"
    summary = "print a matrix"
    input = operand(AnyMatrix, doc="the matrix to print")
    assembly_format = "$input attr-dict `:` type($input)"
