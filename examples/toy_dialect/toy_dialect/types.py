"""toy types: `!toy.matrix<rows, cols, element>`."""

from __future__ import annotations

from dialir.ir import Type
from dialir.ods import Constraint, Param, ParametricType


class MatrixType(ParametricType):
    """A two-dimensional matrix of `rows` x `cols` elements: `!toy.matrix<2, 3, f64>`."""

    NAME = "toy.matrix"
    __slots__ = ("rows", "cols", "element_type")
    summary = "2-D matrix with static dimensions"
    parameters = (
        Param("rows", int, doc="number of rows"),
        Param("cols", int, doc="number of columns"),
        Param("element_type", Type, doc="type of the elements"),
    )

    def verify_parameters(self) -> None:
        if self.rows <= 0 or self.cols <= 0:
            raise ValueError(
                f"!toy.matrix dimensions must be positive, got {self.rows}x{self.cols}"
            )

    def transposed(self) -> MatrixType:
        return MatrixType(self.cols, self.rows, self.element_type)


AnyMatrix = Constraint("toy matrix", lambda t: isinstance(t, MatrixType))
