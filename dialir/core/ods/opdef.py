"""Declarative op definitions (ODS-like): one class per op drives its accessors, builder,
verifier, custom printer and parser, and documentation.

    class AddIOp(Op):
        OP_NAME = "arith.addi"
        summary = "integer addition"
        traits = frozenset({Pure, Commutative, SameOperandsAndResultType})
        lhs = operand(SignlessIntegerLike)
        rhs = operand(SameAs("lhs"))
        result = result(SameAs("lhs"))
        overflowFlags = attribute(OverflowFlags, default="none")
        assembly_format = "$lhs `,` $rhs attr-dict `:` type($result)"

Fields are descriptors, in declaration order (a subclass inherits them, and redeclaring one
replaces it in place): `op.lhs` is the operand value, `op.result` the result. Inherent
attributes live in the op's properties (`<{...}>` in the generic form); builders take them as
Attributes or as plain values their constraint converts (`AddIOp(a, b, overflowFlags="nsw")`),
and `op.attr_value(name)` reads them back. A field's name in the IR, formats, docs and
diagnostics (its ODS name) is its Python name without one trailing `_`: `in_ = operand()` is
`$in` (a keyword), `operand_` is `$operand` (`Operation.operand` is a method).
`assembly_format`, `summary`, `traits` and the other definition facts are inherited.

Result types a builder leaves out come from the definition where it fixes them (SameAs, a
buildable type, SameOperandsAndResultType), else from the op's InferTypeOpInterface, which the
verifier then also checks the op's result types against.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from dialir.core.ir.attrs import UNKNOWN_LOC, Attribute, DenseArrayAttr, Location
from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.traits import SameOperandsAndResultType
from dialir.core.ir.types import IntegerType, Type
from dialir.core.ods.constraints import (
    AnyAttr,
    AnyType,
    AttrConstraint,
    Constraint,
    SameAs,
    TypeIs,
)
from dialir.core.ods.interfaces import (
    CannotInferResultTypes,
    InferTypeError,
    InferTypeOpInterface,
)

SINGLE, OPTIONAL, VARIADIC = "single", "optional", "variadic"
_I32 = IntegerType(32)


def ods_name(attr: str) -> str:
    """A field's name in the IR and in formats: its Python name without one trailing `_`
    (Python's convention for a name that is a keyword or taken: `in_`, `operand_`). The
    format language's own words stay underscored (`$results_`, as `results` means all
    results in a format)."""
    name = attr[:-1] if len(attr) > 1 and attr.endswith("_") else attr
    return attr if name in _FORMAT_WORDS else name


_FORMAT_WORDS = frozenset({"operands", "results", "regions", "successors"})


class OperandDef:
    """An operand (or result) field; `kind` is single, optional or variadic."""

    __slots__ = ("constraint", "kind", "name", "attr", "owner", "index", "is_result", "doc")

    def __init__(self, constraint: Constraint, kind: str, is_result: bool, doc: str = ""):
        self.constraint = constraint
        self.kind = kind
        self.is_result = is_result
        self.doc = doc
        self.name = self.attr = ""
        self.owner: type | None = None
        self.index = 0

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr, self.name, self.owner = name, ods_name(name), owner

    def __get__(self, op: Operation | None, owner: type) -> Any:
        if op is None:
            return self
        if self.kind == SINGLE:
            # Fast path (folders and patterns read operands all the time): without variadic
            # groups a field's position is its index.
            d = type(op).definition
            if self.is_result:
                if not d.num_variable_results:
                    return op.results[self.index]
            elif not d.num_variable_operands:
                return op._operands[self.index].value
        values = op.results if self.is_result else op.operands
        start, size = op.segment(self)
        if self.kind == SINGLE:
            return values[start]
        if self.kind == OPTIONAL:
            return values[start] if size else None
        return tuple(values[start : start + size])


class AttrDef:
    """An inherent attribute, stored in the op's properties."""

    __slots__ = ("constraint", "optional", "default", "populated", "name", "attr", "doc")

    def __init__(self, constraint: Constraint, optional: bool, default: Attribute | None, doc: str,
                 name: str = "") -> None:  # fmt: skip
        self.constraint = constraint
        # MLIR's DefaultValuedAttr is always present (its default filled in when the op is
        # created: the generic form prints it); DefaultValuedOptionalAttr may be absent.
        self.populated = default is not None and not optional
        self.optional = optional or default is not None
        self.default = default
        self.doc = doc
        self.name = name
        self.attr = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = name
        if not self.name:  # a property whose name is taken by Operation (`name`) sets its own
            self.name = ods_name(name)

    def __get__(self, op: Operation | None, owner: type) -> Any:
        if op is None:
            return self
        props = op._properties  # read without creating the dict (most ops have none)
        value = None if props is None else props.get(self.name)
        return self.default if value is None else value


class RegionDef:
    __slots__ = ("kind", "single_block", "name", "attr", "owner", "index", "doc")

    def __init__(self, kind: str, single_block: bool, doc: str) -> None:
        self.kind = kind
        self.single_block = single_block
        self.doc = doc
        self.name = self.attr = ""
        self.owner: type | None = None
        self.index = 0

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr, self.name, self.owner = name, ods_name(name), owner

    def __get__(self, op: Operation | None, owner: type) -> Any:
        if op is None:
            return self
        if self.kind == VARIADIC:
            return op.regions[self.index :]
        return op.regions[self.index]


class SuccessorDef:
    __slots__ = ("kind", "name", "attr", "owner", "index", "doc")

    def __init__(self, kind: str, doc: str) -> None:
        self.kind = kind
        self.doc = doc
        self.name = self.attr = ""
        self.owner: type | None = None
        self.index = 0

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr, self.name, self.owner = name, ods_name(name), owner

    def __get__(self, op: Operation | None, owner: type) -> Any:
        if op is None:
            return self
        if self.kind == VARIADIC:
            return op.successors[self.index :]
        return op.successors[self.index]


def operand(constraint: Constraint = AnyType, doc: str = "") -> Any:
    return OperandDef(constraint, SINGLE, False, doc)


def opt_operand(constraint: Constraint = AnyType, doc: str = "") -> Any:
    return OperandDef(constraint, OPTIONAL, False, doc)


def var_operand(constraint: Constraint = AnyType, doc: str = "") -> Any:
    return OperandDef(constraint, VARIADIC, False, doc)


def result(constraint: Constraint = AnyType, doc: str = "") -> Any:
    return OperandDef(constraint, SINGLE, True, doc)


def opt_result(constraint: Constraint = AnyType, doc: str = "") -> Any:
    return OperandDef(constraint, OPTIONAL, True, doc)


def var_result(constraint: Constraint = AnyType, doc: str = "") -> Any:
    return OperandDef(constraint, VARIADIC, True, doc)


def attribute(
    constraint: Constraint = AnyAttr, *, optional: bool = False, default: Any = None,
    doc: str = "", name: str = "",
) -> Any:  # fmt: skip
    """An inherent attribute; `default` an Attribute or a plain value the constraint converts
    (`default=[1, 1]`); `name` gives its property name where the field's differs. With a
    `default`, the attribute is MLIR's DefaultValuedAttr (the generic form shows its value,
    default or not), with `optional=True` too its DefaultValuedOptionalAttr (shown only when
    set)."""
    if default is not None and not isinstance(default, Attribute):
        default = constraint.to_attr(default)
    return AttrDef(constraint, optional, default, doc, name)


def region(*, single_block: bool = False, doc: str = "") -> Any:
    return RegionDef(SINGLE, single_block, doc)


def var_region(*, single_block: bool = False, doc: str = "") -> Any:
    return RegionDef(VARIADIC, single_block, doc)


def successor(doc: str = "") -> Any:
    return SuccessorDef(SINGLE, doc)


def var_successor(doc: str = "") -> Any:
    return SuccessorDef(VARIADIC, doc)


class OpDef:
    """The fields of an op class, in declaration order, and what follows from them."""

    __slots__ = ("operands", "results", "attributes", "regions", "successors", "format",
                 "num_variable_operands", "num_variable_results", "fields", "accessors")  # fmt: skip

    def __init__(self, cls: type) -> None:
        # By Python name over the MRO, bases first: a redeclared field keeps its place.
        declared: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            fields, others = _own_fields(klass)
            for attr in others & declared.keys():
                del declared[attr]  # a subclass may drop an inherited field
            declared.update(fields)
        self.operands: list[OperandDef] = []
        self.results: list[OperandDef] = []
        self.attributes: list[AttrDef] = []
        self.regions: list[RegionDef] = []
        self.successors: list[SuccessorDef] = []
        self.format = None
        for value in declared.values():
            if isinstance(value, OperandDef):
                (self.results if value.is_result else self.operands).append(value)
            elif isinstance(value, AttrDef):
                self.attributes.append(value)
            elif isinstance(value, RegionDef):
                self.regions.append(value)
            else:
                self.successors.append(value)
        for group in (self.operands, self.results, self.regions, self.successors):
            for i, d in enumerate(group):
                if d.index != i and d.owner is not cls:
                    # A base's descriptor, shared with it: one position for both.
                    raise TypeError(f"{cls.__name__}: field '{d.attr}' moved; redeclare it")
                d.index = i
        self.num_variable_operands = _variable(self.operands)
        self.num_variable_results = _variable(self.results)
        # Each field by its ODS name and by its Python name; the Python name of each.
        self.fields: dict[str, Any] = {}
        self.accessors: dict[str, str] = {}
        for d in declared.values():
            self.fields[d.attr] = self.fields[d.name] = d
            self.accessors[d.name] = d.attr

    def field(self, name: str) -> Any:
        """The field named `name` (its ODS or its Python name), or None."""
        return self.fields.get(name)


_OWN_FIELDS: dict[type, tuple[dict[str, Any], frozenset[str]]] = {}


def _own_fields(klass: type) -> tuple[dict[str, Any], frozenset[str]]:
    """The fields `klass` itself declares (in order) and its other attribute names; kept per
    class, as every op class walks its bases (Operation's hundred attributes among them)."""
    try:
        return _OWN_FIELDS[klass]
    except KeyError:
        pass
    fields: dict[str, Any] = {}
    others = set()
    for attr, value in vars(klass).items():
        if isinstance(value, (OperandDef, AttrDef, RegionDef, SuccessorDef)):
            fields[attr] = value
        else:
            others.add(attr)
    own = _OWN_FIELDS[klass] = (fields, frozenset(others))
    return own


def _variable(defs: list[OperandDef]) -> int:
    return sum(d.kind != SINGLE for d in defs)


class AttrValues:
    """Inherent attributes as Python values (MLIR's generated `getStrides()` beside
    `getStridesAttr()`): `values["strides"]` is `[2, 2]`, the default where the attribute is
    unset, None where an optional one is absent. Inference reads attributes through this
    before the verifier has seen them: a missing required attribute, or one that breaks its
    constraint, raises InferTypeError (with the verifier's message)."""

    __slots__ = ("definition", "attributes")

    def __init__(self, definition: OpDef, attributes: dict[str, Attribute]) -> None:
        self.definition = definition
        self.attributes = attributes

    def __getitem__(self, name: str) -> Any:
        a = self.definition.field(name)
        if not isinstance(a, AttrDef):
            raise KeyError(name)
        value = self.attributes.get(a.name)
        if value is None:
            value = a.default
        if value is None:
            if not a.optional:
                raise InferTypeError(f"requires attribute '{a.name}'")
            return None
        c = a.constraint
        if not c.check(value):
            raise InferTypeError(
                f"attribute '{a.name}' failed to satisfy constraint: {c.description}"
            )
        return c.to_value(value) if isinstance(c, AttrConstraint) else value


def build_result_types(
    cls: type[Op], operands: dict[str, Any], attributes: dict[str, Attribute],
    result_types: Sequence[Type | None] | None = None,
) -> list[Type]:  # fmt: skip
    """The result types a builder (or a custom-form parser) gives an op of class `cls` from its
    operands by field name and its inherent attributes: its InferTypeOpInterface where it has
    one, else what its definition fixes (`_known_result_types`). `None` entries in
    `result_types` are placeholders fixing the number of results; given entries are kept."""
    if not issubclass(cls, InferTypeOpInterface):
        inferred = _known_result_types(cls, operands)
    else:
        try:
            inferred = list(cls.infer_result_types(operands, attributes, result_types))
        except CannotInferResultTypes as e:
            raise ValueError(
                f"'{cls.OP_NAME}' op cannot infer its result types ({e}): pass result_types="
            ) from None
        except InferTypeError as e:
            raise ValueError(f"'{cls.OP_NAME}' op {e}") from None
    if result_types is not None and len(result_types) == len(inferred):
        return [t if t is not None else u for t, u in zip(result_types, inferred)]
    return inferred


def _known_result_types(cls: type[Op], operands: dict[str, Any]) -> list[Type]:
    """Result types the definition fixes: a buildable type (`TypeIs`), `SameAs` an operand, or
    the SameOperandsAndResultType trait (the ops whose InferTypeOpInterface MLIR's ODS
    generates itself)."""
    out: list[Type] = []
    for r in cls.definition.results:
        if r.kind != SINGLE:
            raise TypeError(f"{cls.OP_NAME}: pass result_types= (variadic result '{r.name}')")
        t = None
        if isinstance(r.constraint, TypeIs):
            t = r.constraint.type
        elif isinstance(r.constraint, SameAs):
            src = operands.get(r.constraint.other)
            t = src.type if isinstance(src, Value) else None
        elif SameOperandsAndResultType in cls.traits:
            first = next((v for v in operands.values() if isinstance(v, Value)), None)
            t = None if first is None else first.type
        if t is None:
            raise TypeError(f"{cls.OP_NAME}: cannot infer the type of result '{r.name}'")
        out.append(t)
    return out


class Op(Operation):
    """Base of declaratively defined ops. Subclasses set OP_NAME and declare fields."""

    __slots__ = ()
    definition: ClassVar[OpDef]
    summary: ClassVar[str] = ""
    description: ClassVar[str] = ""
    assembly_format: ClassVar[str | None] = None
    canonicalization_patterns: ClassVar[tuple] = ()
    # MLIR's OpAsmOpInterface::getDefaultDialect: ops of this dialect directly inside this
    # op's regions may drop their dialect prefix (`return` in a `func.func`).
    default_dialect: ClassVar[str] = ""
    # The names the printer gives the results (MLIR's getAsmResultNames): a sequence, or a
    # method returning one (`%c0_i32`, `%alloc`), one entry per result; each name starts a
    # result group that the None entries after it join (`%sizes:2`); None numbers them.
    asm_result_names: ClassVar[Any] = None
    # Whether this op's custom syntax accepts (and prints) the short name in such a region.
    short_name_in_default_dialect: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__slots__" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} must declare __slots__ = () like every op class")
        cls.definition = OpDef(cls)
        cls.default_properties = tuple(
            (a.name, a.default) for a in cls.definition.attributes if a.populated
        )
        if cls.OP_NAME is None:
            return  # a base class: its format is compiled for each op that inherits it
        cls.is_registered = True
        if cls.assembly_format is not None:
            # asmformat builds on this module (Op, the field kinds): imported when first needed.
            from dialir.core.ods.asmformat import compile_format

            cls.definition.format = compile_format(cls, cls.assembly_format)

    # -- construction ---------------------------------------------------------------------

    def __init__(self, *args: Any, result_types: Sequence[Type | None] | None = None,
                 regions: Sequence[Region] | None = None, successors: Sequence[Block] = (),
                 location: Location = UNKNOWN_LOC, attributes: dict | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        """Build from field values: operands positionally or by name, inherent attributes by
        name as Attributes or plain Python values (`strides=[2, 2]`); fields by their Python
        or ODS name. Result types are inferred where `result_types` is omitted (or has `None`
        placeholders) and the op allows (`build_result_types`)."""
        cls = type(self)
        d = cls.definition
        if len(args) > len(d.operands):
            raise TypeError(f"{self.OP_NAME} takes {len(d.operands)} operands, got {len(args)}")
        values: dict[str, Any] = {o.name: v for o, v in zip(d.operands, args)}
        props: dict[str, Attribute] = {}
        unknown = []
        for key, v in kwargs.items():
            f = d.fields.get(key)
            if isinstance(f, AttrDef):
                c = f.constraint
                if v is not None and not isinstance(v, Attribute) and isinstance(c, AttrConstraint):
                    v = c.to_attr(v)
                if v is not None:
                    props[f.name] = v
            elif isinstance(f, OperandDef) and not f.is_result:
                values[f.name] = v
            else:
                unknown.append(key)
        if unknown:
            raise TypeError(f"{self.OP_NAME} has no field {', '.join(unknown)}")
        operands: list[Value] = []
        sizes: list[int] = []
        for o in d.operands:
            v = values.get(o.name)
            if o.kind == SINGLE:
                if v is None:
                    raise TypeError(f"{self.OP_NAME} needs operand '{o.name}'")
                operands.append(v)
                sizes.append(1)
            elif o.kind == OPTIONAL:
                operands.extend([] if v is None else [v])
                sizes.append(0 if v is None else 1)
            else:
                vs = list(v or ())
                operands.extend(vs)
                sizes.append(len(vs))
        if d.num_variable_operands > 1:
            props["operandSegmentSizes"] = DenseArrayAttr(IntegerType(32), sizes)
        if result_types is None or None in result_types:
            named = {o.name: values.get(o.name) for o in d.operands}
            result_types = build_result_types(cls, named, props, result_types)
        if regions is None:
            regions = [Region() for r in d.regions if r.kind == SINGLE]
        Operation.__init__(
            self, self.OP_NAME, operands, result_types, dict(attributes or {}), props,
            list(regions), list(successors), location,
        )  # fmt: skip

    # -- fields by name -------------------------------------------------------------------

    def named_operands(self) -> dict[str, Any]:
        """The operands by field name (as `infer_result_types` takes them)."""
        return {o.name: o.__get__(self, None) for o in type(self).definition.operands}

    def inherent_attributes(self) -> dict[str, Attribute]:
        """The inherent attributes: the properties, and those the definition declares that sit
        among the discardable attributes (an op built with `attributes=`). Read only."""
        props = self.properties
        if not self.attributes:
            return props
        fields = type(self).definition.fields
        extra = {
            k: v for k, v in self.attributes.items()
            if k not in props and isinstance(fields.get(k), AttrDef)
        }  # fmt: skip
        return {**extra, **props} if extra else props

    @classmethod
    def attr_values(cls, attributes: dict[str, Attribute]) -> AttrValues:
        """`attributes` (inherent ones by name) read as Python values, defaults filled in."""
        return AttrValues(cls.definition, attributes)

    def attr_value(self, name: str) -> Any:
        """Inherent attribute `name` as a Python value (int, float, bool, str, list of ints,
        a type, an enum case...; an attribute without a plain form is itself): its default
        where it is unset, None where an optional one is absent."""
        return AttrValues(type(self).definition, self.inherent_attributes())[name]

    # -- segments -------------------------------------------------------------------------

    def segment(self, field: OperandDef) -> tuple[int, int]:
        """(start, size) of a field's values among the operands or results."""
        d = type(self).definition
        defs = d.results if field.is_result else d.operands
        total = len(self.results) if field.is_result else len(self._operands)
        nvar = d.num_variable_results if field.is_result else d.num_variable_operands
        if nvar == 0:
            return field.index, 1
        if nvar == 1:
            extra = total - (len(defs) - 1)
            start = 0
            for f in defs[: field.index]:
                start += extra if f.kind != SINGLE else 1
            return start, (extra if field.kind != SINGLE else 1)
        attr = "resultSegmentSizes" if field.is_result else "operandSegmentSizes"
        seg = self.get_attr(attr)
        if isinstance(seg, DenseArrayAttr) and seg.element_type is not _I32:
            raise VerifyError(self, f"'{attr}' must be a dense i32 array (array<i32: ...>)")
        if not isinstance(seg, DenseArrayAttr) or len(seg.values) != len(defs):
            raise VerifyError(self, f"requires attribute '{attr}' with {len(defs)} elements")
        if any(v < 0 for v in seg.values):
            raise VerifyError(self, f"'{attr}' holds a negative size")
        if sum(seg.values) != total:
            what = "result" if field.is_result else "operand"
            raise VerifyError(
                self,
                f"{what} count ({total}) does not match with the total size "
                f"({sum(seg.values)}) specified in attribute '{attr}'",
            )
        return sum(seg.values[: field.index]), seg.values[field.index]

    # -- verification ---------------------------------------------------------------------

    def verify_(self) -> None:
        cls = type(self)
        d = cls.definition
        for defs, values, what in (
            (d.operands, self.operands, "operand"),
            (d.results, self.results, "result"),
        ):
            self._verify_counts(defs, len(values), what)
            for f in defs:
                start, size = self.segment(f)
                if f.kind == SINGLE and size != 1 or f.kind == OPTIONAL and size > 1:
                    raise VerifyError(self, f"{what} group '{f.name}' has {size} values")
                c = f.constraint
                for k in range(start, start + size):
                    t = values[k].type
                    if isinstance(c, SameAs):
                        other = d.field(c.other).__get__(self, cls)
                        ot = other.type if isinstance(other, Value) else None
                        if ot is not None and t is not ot:
                            raise VerifyError(
                                self,
                                f"{what} #{k} ('{f.name}') must have the same type as "
                                f"'{c.other}' ('{ot}'), but got '{t}'",
                            )
                    elif not c.check(t):
                        desc = c.description
                        if f.kind == VARIADIC:  # as ODS describes Variadic<T>
                            desc = "variadic of " + desc
                        raise VerifyError(self, f"{what} #{k} must be {desc}, but got '{t}'")
        for a in d.attributes:
            value = self.get_attr(a.name)
            if value is None:
                if not a.optional:
                    raise VerifyError(self, f"requires attribute '{a.name}'")
                continue
            if not a.constraint.check(value):
                raise VerifyError(
                    self,
                    f"attribute '{a.name}' failed to satisfy constraint: {a.constraint.description}",
                )
        self._verify_regions_and_successors(d)
        self.verify()
        if isinstance(self, InferTypeOpInterface):
            # After `verify`: an op's own checks name the broken rule more precisely.
            self.verify_result_types()

    def _verify_counts(self, defs: list[OperandDef], n: int, what: str) -> None:
        fixed = sum(f.kind == SINGLE for f in defs)
        nvar = _variable(defs)
        if nvar == 0 and n != fixed:
            raise VerifyError(self, f"expected {fixed} {what}s, but found {n}")
        if nvar and n < fixed:
            raise VerifyError(self, f"expected {fixed} or more {what}s, but found {n}")
        if nvar == 1 and any(f.kind == OPTIONAL for f in defs) and n > fixed + 1:
            raise VerifyError(self, f"expected at most {fixed + 1} {what}s, but found {n}")

    def _verify_regions_and_successors(self, d: OpDef) -> None:
        fixed = sum(r.kind == SINGLE for r in d.regions)
        variadic = any(r.kind == VARIADIC for r in d.regions)
        own = self._regions or ()  # read without creating the list
        n = len(own)
        if n < fixed or (not variadic and n != fixed):
            raise VerifyError(self, f"requires {fixed} region{'s' if fixed != 1 else ''}")
        for r in d.regions:
            if not r.single_block:
                continue
            regions = own[r.index :] if r.kind == VARIADIC else [own[r.index]]
            for reg in regions:
                if len(reg.blocks) > 1:
                    raise VerifyError(self, f"region '{r.name}' must have at most one block")
        fixed = sum(s.kind == SINGLE for s in d.successors)
        variadic = any(s.kind == VARIADIC for s in d.successors)
        n = len(self._successors or ())
        if n < fixed or (not variadic and n != fixed):
            raise VerifyError(
                self, f"requires {fixed} successor{'s' if fixed != 1 else ''} but found {n}"
            )

    def verify(self) -> None:
        """Op-specific checks beyond the definition (MLIR's hasVerifier); raise VerifyError."""

    # -- folding --------------------------------------------------------------------------

    def fold(self) -> list[Attribute | Value] | None:
        """Constant-fold or simplify: one Attribute (a constant) or Value per result, or
        None when nothing folds (MLIR's OpFoldResult)."""
        return None

    # -- custom syntax --------------------------------------------------------------------

    def asm_name(self) -> str:
        """The name custom syntax starts with: without the dialect prefix where the parent
        op's default dialect is this op's dialect."""
        parent = self.parent_op
        if parent is None or not type(self).short_name_in_default_dialect:
            return self.name
        default = getattr(type(parent), "default_dialect", "")
        if default and self.name.startswith(default + "."):
            return self.name[len(default) + 1 :]
        return self.name

    def print_custom(self, p: Any, indent: str) -> None:
        fmt = type(self).definition.format
        if fmt is None:
            p.generic_op(self, indent)
        else:
            fmt.print(self, p, indent)
