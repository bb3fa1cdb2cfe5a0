"""Type and attribute constraints of declarative op definitions.

A constraint checks one type (or attribute) and describes itself in MLIR's words
("signless-integer-like"), which the generated verifier puts in its messages:
`'arith.addi' op operand #0 must be signless-integer-like, but got 'f32'`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dialir.core.ir.attrs import (
    ArrayAttr,
    Attribute,
    DenseArrayAttr,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    DictionaryAttr,
    FloatAttr,
    IntegerAttr,
    StringAttr,
    SymbolRefAttr,
    TypeAttr,
    UnitAttr,
)
from dialir.core.ir.types import (
    FloatType,
    FunctionType,
    IndexType,
    IntegerType,
    MemRefType,
    RankedTensorType,
    ShapedType,
    Type,
    UnrankedMemRefType,
    UnrankedTensorType,
    VectorType,
)


class Constraint:
    """A predicate on a type with a description for diagnostics."""

    __slots__ = ("description", "predicate")

    def __init__(self, description: str, predicate: Callable[[Any], bool]) -> None:
        self.description = description
        self.predicate = predicate

    def check(self, value: Any) -> bool:
        return self.predicate(value)

    def __or__(self, other: Constraint) -> Constraint:
        return AnyOf(self, other)

    def __repr__(self) -> str:
        return f"<{self.description}>"


class SameAs(Constraint):
    """The type of another operand or result, by field name (checked by the op verifier)."""

    __slots__ = ("other",)

    def __init__(self, other: str) -> None:
        super().__init__(f"same type as '{other}'", lambda t: True)
        self.other = other


class TypeIs(Constraint):
    """Exactly one type (ODS's buildable types): an assembly format may leave it out."""

    __slots__ = ("type",)

    def __init__(self, description: str, type: Type) -> None:
        super().__init__(description, lambda t: t is type)
        self.type = type


def AnyOf(*constraints: Constraint) -> Constraint:
    desc = " or ".join(c.description for c in constraints)
    return Constraint(desc, lambda t: any(c.check(t) for c in constraints))


# -- types ---------------------------------------------------------------------------------

AnyType = Constraint("any type", lambda t: isinstance(t, Type))
Index = TypeIs("index", IndexType())
AnyInteger = Constraint("integer", lambda t: isinstance(t, IntegerType))
AnySignlessInteger = Constraint(
    "signless integer", lambda t: isinstance(t, IntegerType) and t.is_signless
)
AnyFloat = Constraint("floating-point", lambda t: isinstance(t, FloatType))
SignlessIntegerOrIndex = Constraint(
    "signless integer or index",
    lambda t: isinstance(t, IndexType) or (isinstance(t, IntegerType) and t.is_signless),
)


def SignlessInteger(width: int) -> Constraint:
    return Constraint(
        f"{width}-bit signless integer",
        lambda t: isinstance(t, IntegerType) and t.is_signless and t.width == width,
    )


I1 = TypeIs("1-bit signless integer", IntegerType(1))
I32 = SignlessInteger(32)
I64 = SignlessInteger(64)


def _float(kind: str) -> Constraint:
    return Constraint(f"{kind} float", lambda t: isinstance(t, FloatType) and t.kind == kind)


F16, F32, F64 = _float("f16"), _float("f32"), _float("f64")


def _like(scalar: Constraint, name: str) -> Constraint:
    """`name`-like: the scalar, or a vector or tensor of it (MLIR's *-like constraints)."""

    def check(t: Type) -> bool:
        if isinstance(t, (VectorType, RankedTensorType, UnrankedTensorType)):
            return scalar.check(t.element_type)
        return scalar.check(t)

    return Constraint(name, check)


SignlessIntegerLike = _like(SignlessIntegerOrIndex, "signless-integer-like")
FloatLike = _like(AnyFloat, "floating-point-like")
BoolLike = _like(I1, "bool-like")
IntegerLike = _like(
    Constraint("integer or index", lambda t: isinstance(t, (IntegerType, IndexType))),
    "integer-like",
)
AnyTensor = Constraint(
    "tensor of any type values",
    lambda t: isinstance(t, (RankedTensorType, UnrankedTensorType)),
)
AnyRankedTensor = Constraint(
    "ranked tensor of any type values", lambda t: isinstance(t, RankedTensorType)
)
AnyMemRef = Constraint(
    "memref of any type values", lambda t: isinstance(t, (MemRefType, UnrankedMemRefType))
)
AnyRankedMemRef = Constraint(
    "ranked memref of any type values", lambda t: isinstance(t, MemRefType)
)
AnyVector = Constraint("vector of any type values", lambda t: isinstance(t, VectorType))
AnyShaped = Constraint("shaped of any type values", lambda t: isinstance(t, ShapedType))
AnyFunctionType = Constraint("function type", lambda t: isinstance(t, FunctionType))


def _shaped_of(kinds: tuple[type, ...], what: str, *elements: Constraint) -> Constraint:
    elem = AnyOf(*elements) if elements else AnyType
    return Constraint(
        f"{what} of {elem.description} values",
        lambda t: isinstance(t, kinds) and elem.check(t.element_type),
    )


def TensorOf(*elements: Constraint) -> Constraint:
    return _shaped_of((RankedTensorType, UnrankedTensorType), "tensor", *elements)


def MemRefOf(*elements: Constraint) -> Constraint:
    return _shaped_of((MemRefType, UnrankedMemRefType), "memref", *elements)


def VectorOf(*elements: Constraint) -> Constraint:
    return _shaped_of((VectorType,), "vector", *elements)


# -- attributes ----------------------------------------------------------------------------

AnyAttr = Constraint("any attribute", lambda a: isinstance(a, Attribute))
UnitAttrC = Constraint("unit attribute", lambda a: isinstance(a, UnitAttr))
StringAttrC = Constraint("string attribute", lambda a: isinstance(a, StringAttr))
SymbolNameAttr = Constraint("string attribute", lambda a: isinstance(a, StringAttr))
FlatSymbolRefAttr = Constraint(
    "flat symbol reference attribute",
    lambda a: isinstance(a, SymbolRefAttr) and not a.nested,
)
SymbolRefAttrC = Constraint("symbol reference attribute", lambda a: isinstance(a, SymbolRefAttr))
TypeAttrC = Constraint("any type attribute", lambda a: isinstance(a, TypeAttr))
FunctionTypeAttr = Constraint(
    "type attribute of function type",
    lambda a: isinstance(a, TypeAttr) and isinstance(a.value, FunctionType),
)
ArrayAttrC = Constraint("array attribute", lambda a: isinstance(a, ArrayAttr))
DictionaryAttrC = Constraint(
    "dictionary of named attribute values", lambda a: isinstance(a, DictionaryAttr)
)
IndexAttr = Constraint(
    "index attribute", lambda a: isinstance(a, IntegerAttr) and isinstance(a.type, IndexType)
)
BoolAttrC = Constraint(
    "bool attribute",
    lambda a: isinstance(a, IntegerAttr) and isinstance(a.type, IntegerType) and a.type.width == 1,
)
ElementsAttr = Constraint(
    "constant vector/tensor attribute",
    lambda a: isinstance(a, (DenseElementsAttr, DenseResourceElementsAttr)),
)
IntElementsAttr = Constraint(
    "integer elements attribute",
    lambda a: (
        isinstance(a, DenseElementsAttr)
        and isinstance(a.type.element_type, (IntegerType, IndexType))
    ),
)
TypedAttr = Constraint(
    "typed attribute",
    lambda a: isinstance(a, (IntegerAttr, FloatAttr, DenseElementsAttr, DenseResourceElementsAttr)),
)


def IntegerAttrOf(width: int | None = None) -> Constraint:
    desc = f"{width}-bit signless integer attribute" if width else "integer attribute"
    return Constraint(
        desc,
        lambda a: (
            isinstance(a, IntegerAttr)
            and isinstance(a.type, IntegerType)
            and (width is None or a.type.width == width)
        ),
    )


I32Attr = IntegerAttrOf(32)
I64Attr = IntegerAttrOf(64)


def DenseArrayOf(width: int) -> Constraint:
    return Constraint(
        f"i{width} dense array attribute",
        lambda a: (
            isinstance(a, DenseArrayAttr)
            and isinstance(a.element_type, IntegerType)
            and a.element_type.width == width
        ),
    )


DenseI32Array = DenseArrayOf(32)
DenseI64Array = DenseArrayOf(64)


class CustomAttr(Constraint):
    """An attribute that assembly formats write in a syntax of its own, as one token (MLIR's
    `custom<...>` directive on one attribute): `terminal` names the grammar terminal that
    lexes it (an existing one, `STRING`, or a `/regex/`); `parse_token` makes the attribute
    from the token's text (a ValueError becomes a diagnostic at the token) and
    `print_token` writes it back."""

    __slots__ = ()
    terminal: str = "BARE_ID"

    def parse_token(self, text: str) -> Attribute:
        raise NotImplementedError

    def print_token(self, value: Attribute, printer: Any) -> str:
        raise NotImplementedError


class EnumAttr(Constraint):
    """An integer attribute whose values name cases (`arith.cmpi`'s `slt`...): the custom
    syntax writes the case name, the generic form the integer."""

    __slots__ = ("cases", "int_type")

    def __init__(self, description: str, cases: list[str], width: int = 64) -> None:
        self.cases = cases
        self.int_type = IntegerType(width)
        super().__init__(
            description,
            lambda a: (
                isinstance(a, IntegerAttr) and a.type is self.int_type and 0 <= a.value < len(cases)
            ),
        )

    def attr(self, case: str) -> IntegerAttr:
        return IntegerAttr(self.cases.index(case), self.int_type)

    def case(self, attr: IntegerAttr) -> str:
        return self.cases[attr.value]


__all__ = sorted(
    [name for name, value in globals().items() if isinstance(value, Constraint)]
    + ["Constraint", "CustomAttr", "SameAs", "AnyOf", "EnumAttr", "SignlessInteger", "TensorOf", "MemRefOf",
       "VectorOf", "IntegerAttrOf", "DenseArrayOf"]
)  # fmt: skip
