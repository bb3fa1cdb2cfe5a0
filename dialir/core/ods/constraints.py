"""Type and attribute constraints of declarative op definitions.

A constraint checks one type (or attribute) and describes itself in MLIR's words
("signless-integer-like"), which the generated verifier puts in its messages:
`'arith.addi' op operand #0 must be signless-integer-like, but got 'f32'`.

An attribute constraint (`AttrConstraint`) also converts between the attribute and a plain
Python value, as ODS's `constBuilderCall` and `convertFromStorage` do: every op builder takes
`strides=[2, 2]` for an `array<i64: 2, 2>`, and `op.attr_value("strides")` gives `[2, 2]` back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dialir.core.ir.attrs import (
    ArrayAttr,
    Attribute,
    BoolAttr,
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
    """Exactly one type (ODS's buildable types: `Index`, `I1`, `I32`, `F32`, ...): an
    assembly format may leave it out (the parser builds it, the printer omits it), and a
    builder infers a result of this type."""

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


def SignlessInteger(width: int) -> TypeIs:
    """`i<width>`: a buildable type (ODS's I<width>)."""
    return TypeIs(f"{width}-bit signless integer", IntegerType(width))


I1 = TypeIs("1-bit signless integer", IntegerType(1))
I32 = SignlessInteger(32)
I64 = SignlessInteger(64)


def _float(kind: str) -> TypeIs:
    return TypeIs(f"{kind} float", FloatType(kind))


F16, F32, F64 = _float("f16"), _float("f32"), _float("f64")


_VALUE_CONTAINERS = (VectorType, RankedTensorType, UnrankedTensorType)
_MEMREFS = (MemRefType, UnrankedMemRefType)


def TypeOrValueSemanticsContainer(
    scalar: Constraint, name: str, memref: str | None = None
) -> Constraint:
    """`name`: a scalar `scalar` accepts, or a vector or tensor of one (MLIR's *-like
    constraints). With `memref` (its element description), a memref of one too, described
    as "`name` or memref of `memref`"."""
    shaped = _VALUE_CONTAINERS + _MEMREFS if memref is not None else _VALUE_CONTAINERS
    check = scalar.check

    def accepts(t: Type) -> bool:
        return check(t.element_type) if isinstance(t, shaped) else check(t)

    return Constraint(name if memref is None else f"{name} or memref of {memref}", accepts)


SignlessIntegerLike = TypeOrValueSemanticsContainer(SignlessIntegerOrIndex, "signless-integer-like")
FloatLike = TypeOrValueSemanticsContainer(AnyFloat, "floating-point-like")
BoolLike = TypeOrValueSemanticsContainer(I1, "bool-like")
IntegerLike = TypeOrValueSemanticsContainer(
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


class AttrConstraint(Constraint):
    """An attribute constraint that converts plain Python values: `build` makes the attribute
    from one (MLIR's constBuilderCall: `[2, 2]` -> `array<i64: 2, 2>`; None means absent) and
    `value` reads it back (convertFromStorage). Without `build` an op takes only Attributes
    for it; without `value` the attribute is its own value."""

    __slots__ = ("build", "value")

    def __init__(self, description: str, predicate: Callable[[Any], bool],
                 build: Callable[[Any], Attribute | None] | None = None,
                 value: Callable[[Attribute], Any] | None = None) -> None:  # fmt: skip
        super().__init__(description, predicate)
        self.build = build
        self.value = value

    def to_attr(self, value: Any) -> Attribute | None:
        """`value` as this constraint's attribute (an Attribute is taken as it is)."""
        if isinstance(value, Attribute):
            return value
        if self.build is None:
            raise TypeError(f"expected an Attribute ({self.description}), got {value!r}")
        return self.build(value)

    def to_value(self, attr: Attribute) -> Any:
        return attr if self.value is None else self.value(attr)


def _is_int(width: int | None = None) -> Callable[[Any], bool]:
    return lambda a: (
        isinstance(a, IntegerAttr)
        and isinstance(a.type, IntegerType)
        and (width is None or a.type is IntegerType(width))
    )


AnyAttr = AttrConstraint("any attribute", lambda a: isinstance(a, Attribute))
UnitAttrC = AttrConstraint(
    "unit attribute", lambda a: isinstance(a, UnitAttr),
    build=lambda v: UnitAttr() if v else None, value=lambda a: True,
)  # fmt: skip
StringAttrC = AttrConstraint(
    "string attribute", lambda a: isinstance(a, StringAttr),
    build=lambda v: StringAttr(str(v)), value=lambda a: a.value,
)  # fmt: skip
SymbolNameAttr = AttrConstraint(
    "string attribute", lambda a: isinstance(a, StringAttr),
    build=lambda v: StringAttr(str(v)), value=lambda a: a.value,
)  # fmt: skip
FlatSymbolRefAttr = AttrConstraint(
    "flat symbol reference attribute",
    lambda a: isinstance(a, SymbolRefAttr) and not a.nested,
    build=lambda v: SymbolRefAttr(str(v)), value=lambda a: a.root,
)  # fmt: skip
SymbolRefAttrC = AttrConstraint(
    "symbol reference attribute", lambda a: isinstance(a, SymbolRefAttr)
)
TypeAttrC = AttrConstraint(
    "any type attribute", lambda a: isinstance(a, TypeAttr),
    build=lambda v: TypeAttr(v), value=lambda a: a.value,
)  # fmt: skip
FunctionTypeAttr = AttrConstraint(
    "type attribute of function type",
    lambda a: isinstance(a, TypeAttr) and isinstance(a.value, FunctionType),
    build=lambda v: TypeAttr(v), value=lambda a: a.value,
)  # fmt: skip
ArrayAttrC = AttrConstraint(
    "array attribute", lambda a: isinstance(a, ArrayAttr),
    build=lambda v: ArrayAttr(list(v)), value=lambda a: list(a.value),
)  # fmt: skip
DictionaryAttrC = AttrConstraint(
    "dictionary of named attribute values", lambda a: isinstance(a, DictionaryAttr)
)
IndexAttr = AttrConstraint(
    "index attribute", lambda a: isinstance(a, IntegerAttr) and isinstance(a.type, IndexType),
    build=lambda v: IntegerAttr(int(v), IndexType()), value=lambda a: a.value,
)  # fmt: skip
BoolAttrC = AttrConstraint(
    "bool attribute", _is_int(1), build=lambda v: BoolAttr(bool(v)), value=lambda a: bool(a.value)
)
ElementsAttr = AttrConstraint(
    "constant vector/tensor attribute",
    lambda a: isinstance(a, (DenseElementsAttr, DenseResourceElementsAttr)),
)
IntElementsAttr = AttrConstraint(
    "integer elements attribute",
    lambda a: (
        isinstance(a, DenseElementsAttr)
        and isinstance(a.type.element_type, (IntegerType, IndexType))
    ),
)
TypedAttr = AttrConstraint(
    "typed attribute",
    lambda a: isinstance(a, (IntegerAttr, FloatAttr, DenseElementsAttr, DenseResourceElementsAttr)),
)


def IntegerAttrOf(width: int | None = None) -> AttrConstraint:
    """A signless integer attribute of `width` bits (MLIR's I32Attr, I64Attr), or any integer
    attribute (which takes no plain value: its type is unknown)."""
    if width is None:
        return AttrConstraint("integer attribute", _is_int())
    t = IntegerType(width)
    return AttrConstraint(
        f"{width}-bit signless integer attribute", _is_int(width),
        build=lambda v: IntegerAttr(int(v), t), value=lambda a: a.value,
    )  # fmt: skip


I32Attr = IntegerAttrOf(32)
I64Attr = IntegerAttrOf(64)


def FloatAttrOf(kind: str) -> AttrConstraint:
    """A float attribute of one float type (MLIR's F32Attr, F64Attr)."""
    t = FloatType(kind)
    return AttrConstraint(
        f"{kind[1:]}-bit float attribute", lambda a: isinstance(a, FloatAttr) and a.type is t,
        build=lambda v: FloatAttr(float(v), t), value=lambda a: a.value,
    )  # fmt: skip


F32Attr = FloatAttrOf("f32")
F64Attr = FloatAttrOf("f64")


def DenseArrayOf(width: int) -> AttrConstraint:
    """`array<i64: 1, 2>` (MLIR's DenseI64ArrayAttr); its value is a list of ints."""
    t = IntegerType(width)
    return AttrConstraint(
        f"i{width} dense array attribute",
        lambda a: isinstance(a, DenseArrayAttr) and a.element_type is t,
        build=lambda v: DenseArrayAttr(t, [int(x) for x in v]), value=lambda a: list(a.values),
    )  # fmt: skip


DenseI32Array = DenseArrayOf(32)
DenseI64Array = DenseArrayOf(64)


class AttrOf(AttrConstraint):
    """An attribute of one class (a ParametricAttr subclass): an assembly format writes it
    stripped, as MLIR writes an attribute of a known class (`<nsw>` for
    `#arith.overflow<nsw>`; `qualified($x)` writes it in full), and builders take the
    class's constructor argument for it (`overflowFlags="nsw"`)."""

    __slots__ = ("attr_class",)

    def __init__(self, description: str, attr_class: type) -> None:
        super().__init__(description, lambda a: isinstance(a, attr_class), build=attr_class)
        self.attr_class = attr_class


class CustomAttr(AttrConstraint):
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

    def same_value(self, a: Attribute, b: Attribute) -> bool:
        """Whether `a` and `b` mean the same (one may be another spelling of the other): an
        optional group leaves out a value that means its default."""
        return a is b


class BareInteger(CustomAttr):
    """An integer attribute of one type written in a format as a bare integer (`alignment =
    64`, `upper_bound 32`): how ODS prints an attribute whose type it can build (it prints it
    without the type, and parses it back with that type). `minimum`: MLIR's IntMinValue."""

    __slots__ = ("int_type", "minimum")
    terminal = "INT"

    def __init__(self, description: str, int_type: Type, minimum: int | None = None) -> None:
        super().__init__(description, lambda a: isinstance(a, IntegerAttr) and (
            a.type is int_type) and (minimum is None or a.value >= minimum))  # fmt: skip
        self.int_type = int_type
        self.minimum = minimum

    def parse_token(self, text: str) -> Attribute:
        return IntegerAttr(int(text, 0), self.int_type)

    def print_token(self, value: Attribute, printer: Any) -> str:
        return str(value.value)


class DenseArrayList(CustomAttr):
    """A dense integer array written as a bracketed list, `[90, 10]`: how ODS prints a
    DenseI32ArrayAttr (DenseI64ArrayAttr, ...) in an assembly format (cond_br's weights)."""

    __slots__ = ("element_type",)
    terminal = r"/\[[-0-9,\s]*\]/"

    def __init__(self, width: int) -> None:
        t = self.element_type = IntegerType(width)
        super().__init__(
            f"i{width} dense array attribute",
            lambda a: isinstance(a, DenseArrayAttr) and a.element_type is t,
            build=lambda v: DenseArrayAttr(t, [int(x) for x in v]),
            value=lambda a: list(a.values),
        )

    def parse_token(self, text: str) -> DenseArrayAttr:
        inner = text[1:-1].strip()
        return DenseArrayAttr(
            self.element_type, [int(x) for x in inner.split(",")] if inner else []
        )

    def print_token(self, value: Any, printer: Any) -> str:
        return "[" + ", ".join(str(v) for v in value.values) + "]"


DenseI32ArrayList = DenseArrayList(32)


class EnumAttr(AttrConstraint):
    """An integer attribute whose values name cases (`arith.cmpi`'s `slt`...): the custom
    syntax writes the case name, the generic form the integer; its plain value is the case
    name."""

    __slots__ = ("cases", "int_type")

    def __init__(self, description: str, cases: list[str], width: int = 64) -> None:
        self.cases = cases
        self.int_type = IntegerType(width)
        super().__init__(
            description,
            lambda a: (
                isinstance(a, IntegerAttr) and a.type is self.int_type and 0 <= a.value < len(cases)
            ),
            build=self.attr,
            value=self.case,
        )

    def attr(self, case: str) -> IntegerAttr:
        if case not in self.cases:
            raise ValueError(f"expected {self.description} to be one of: {', '.join(self.cases)}")
        return IntegerAttr(self.cases.index(case), self.int_type)

    def case(self, attr: IntegerAttr) -> str:
        return self.cases[attr.value]


__all__ = sorted(
    [name for name, value in globals().items() if isinstance(value, Constraint)]
    + ["Constraint", "AttrConstraint", "AttrOf", "CustomAttr", "SameAs", "TypeIs", "AnyOf", "EnumAttr",
       "SignlessInteger", "DenseArrayList", "TensorOf", "MemRefOf", "VectorOf", "IntegerAttrOf", "FloatAttrOf", "DenseArrayOf"]
)  # fmt: skip
