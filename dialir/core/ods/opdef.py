"""Declarative op definitions (ODS-like): one class per op drives its accessors, builder,
verifier, custom printer and parser, and documentation.

    class AddIOp(Op):
        OP_NAME = "arith.addi"
        summary = "integer addition"
        traits = frozenset({Pure, Commutative, SameOperandsAndResultType})
        lhs = operand(SignlessIntegerLike)
        rhs = operand(SameAs("lhs"))
        result = result(SameAs("lhs"))
        assembly_format = "$lhs `,` $rhs attr-dict `:` type($result)"

Fields are descriptors, in declaration order: `op.lhs` is the operand value, `op.result` the
result. Inherent attributes live in the op's properties (`<{...}>` in the generic form).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from dialir.core.ir.attrs import UNKNOWN_LOC, Attribute, DenseArrayAttr, Location
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.traits import SameOperandsAndResultType
from dialir.core.ir.types import IntegerType, Type
from dialir.core.ods.constraints import AnyAttr, AnyType, Constraint, SameAs, TypeIs

SINGLE, OPTIONAL, VARIADIC = "single", "optional", "variadic"


class OperandDef:
    """An operand (or result) field; `kind` is single, optional or variadic."""

    __slots__ = ("constraint", "kind", "name", "index", "is_result", "doc")

    def __init__(self, constraint: Constraint, kind: str, is_result: bool, doc: str = ""):
        self.constraint = constraint
        self.kind = kind
        self.is_result = is_result
        self.doc = doc
        self.name = ""
        self.index = 0

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

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

    __slots__ = ("constraint", "optional", "default", "name", "doc")

    def __init__(self, constraint: Constraint, optional: bool, default: Attribute | None, doc: str,
                 name: str = "") -> None:  # fmt: skip
        self.constraint = constraint
        self.optional = optional or default is not None
        self.default = default
        self.doc = doc
        self.name = name

    def __set_name__(self, owner: type, name: str) -> None:
        if not self.name:  # a property whose name is taken by Operation (`name`) sets its own
            self.name = name

    def __get__(self, op: Operation | None, owner: type) -> Any:
        if op is None:
            return self
        value = op.properties.get(self.name)
        return self.default if value is None else value


class RegionDef:
    __slots__ = ("kind", "single_block", "name", "index", "doc")

    def __init__(self, kind: str, single_block: bool, doc: str) -> None:
        self.kind = kind
        self.single_block = single_block
        self.doc = doc
        self.name = ""
        self.index = 0

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, op: Operation | None, owner: type) -> Any:
        if op is None:
            return self
        if self.kind == VARIADIC:
            return op.regions[self.index :]
        return op.regions[self.index]


class SuccessorDef:
    __slots__ = ("kind", "name", "index", "doc")

    def __init__(self, kind: str, doc: str) -> None:
        self.kind = kind
        self.doc = doc
        self.name = ""
        self.index = 0

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

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
    constraint: Constraint = AnyAttr, *, optional: bool = False,
    default: Attribute | None = None, doc: str = "", name: str = "",
) -> Any:  # fmt: skip
    """An inherent attribute; `name` gives its property name where the field's differs."""
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
                 "num_variable_operands", "num_variable_results")  # fmt: skip

    def __init__(self, cls: type) -> None:
        self.operands: list[OperandDef] = []
        self.results: list[OperandDef] = []
        self.attributes: list[AttrDef] = []
        self.regions: list[RegionDef] = []
        self.successors: list[SuccessorDef] = []
        self.format = None
        # By name: a subclass that redefines a field replaces it in its place.
        fields: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, (OperandDef, AttrDef, RegionDef, SuccessorDef)):
                    fields[name] = value
        for value in fields.values():
            if isinstance(value, OperandDef):
                (self.results if value.is_result else self.operands).append(value)
            elif isinstance(value, AttrDef):
                self.attributes.append(value)
            elif isinstance(value, RegionDef):
                value.index = len(self.regions)
                self.regions.append(value)
            else:
                value.index = len(self.successors)
                self.successors.append(value)
        for group in (self.operands, self.results):
            for i, d in enumerate(group):
                d.index = i
        self.num_variable_operands = _variable(self.operands)
        self.num_variable_results = _variable(self.results)

    def field(self, name: str) -> Any:
        for group in (self.operands, self.results, self.attributes, self.regions, self.successors):
            for d in group:
                if d.name == name:
                    return d
        return None


def _variable(defs: list[OperandDef]) -> int:
    return sum(d.kind != SINGLE for d in defs)


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
    # Whether this op's custom syntax accepts (and prints) the short name in such a region.
    short_name_in_default_dialect: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__slots__" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} must declare __slots__ = () like every op class")
        cls.definition = OpDef(cls)
        if cls.OP_NAME is not None:
            cls.is_registered = True
        # A concrete op's format, its own or its base class's (a family of ops sharing one
        # syntax declares it once); base classes without an OP_NAME compile none.
        fmt = cls.assembly_format if "OP_NAME" in cls.__dict__ else None
        if fmt is not None and cls.OP_NAME is not None:
            from dialir.core.ods.asmformat import compile_format

            cls.definition.format = compile_format(cls, fmt)

    # -- construction ---------------------------------------------------------------------

    def __init__(self, *args: Any, result_types: Sequence[Type] | None = None,
                 regions: Sequence[Region] | None = None, successors: Sequence[Block] = (),
                 location: Location = UNKNOWN_LOC, attributes: dict | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        """Build from field values: operands positionally or by name, inherent attributes by
        name; result types are inferred where the definition allows."""
        d = type(self).definition
        values: dict[str, Any] = {}
        names = [o.name for o in d.operands]
        if len(args) > len(names):
            raise TypeError(f"{self.OP_NAME} takes {len(names)} operands, got {len(args)}")
        values.update(zip(names, args))
        props: dict[str, Attribute] = {}
        for a in d.attributes:
            if a.name in kwargs:
                v = kwargs.pop(a.name)
                if v is not None:
                    props[a.name] = v
        for name in names:
            if name in kwargs:
                values[name] = kwargs.pop(name)
        if kwargs:
            raise TypeError(f"{self.OP_NAME} has no field {', '.join(kwargs)}")
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
        if _variable(d.operands) > 1:
            props["operandSegmentSizes"] = DenseArrayAttr(IntegerType(32), sizes)
        if result_types is None:
            result_types = type(self).infer_result_types(
                {o.name: values.get(o.name) for o in d.operands}, props
            )
        if regions is None:
            regions = [Region() for r in d.regions if r.kind == SINGLE]
        Operation.__init__(
            self, self.OP_NAME, operands, result_types, dict(attributes or {}), props,
            list(regions), list(successors), location,
        )  # fmt: skip

    @classmethod
    def infer_result_types(
        cls, operands: dict[str, Any], attrs: dict[str, Attribute]
    ) -> list[Type]:
        """Result types from operands and attributes: `SameAs` constraints and the
        SameOperandsAndResultType trait. Ops override this for other rules."""
        d = cls.definition
        out: list[Type] = []
        for r in d.results:
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
        if not isinstance(seg, DenseArrayAttr) or len(seg.values) != len(defs):
            from dialir.core.ir.diagnostics import VerifyError

            raise VerifyError(self, f"requires attribute '{attr}' with {len(defs)} elements")
        if sum(seg.values) != total:
            from dialir.core.ir.diagnostics import VerifyError

            what = "result" if field.is_result else "operand"
            raise VerifyError(
                self,
                f"{what} count ({total}) does not match with the total size "
                f"({sum(seg.values)}) specified in attribute '{attr}'",
            )
        return sum(seg.values[: field.index]), seg.values[field.index]

    # -- verification ---------------------------------------------------------------------

    def verify_(self) -> None:
        from dialir.core.ir.diagnostics import VerifyError

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
                        other = getattr(self, c.other)
                        ot = other.type if isinstance(other, Value) else None
                        if ot is not None and t is not ot:
                            raise VerifyError(
                                self,
                                f"{what} #{k} ('{f.name}') must have the same type as "
                                f"'{c.other}' ('{ot}'), but got '{t}'",
                            )
                    elif not c.check(t):
                        raise VerifyError(
                            self, f"{what} #{k} must be {c.description}, but got '{t}'"
                        )
        for a in d.attributes:
            value = self.properties.get(a.name)
            if value is None:
                value = self.attributes.get(a.name)
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

    def _verify_counts(self, defs: list[OperandDef], n: int, what: str) -> None:
        from dialir.core.ir.diagnostics import VerifyError

        fixed = sum(f.kind == SINGLE for f in defs)
        nvar = _variable(defs)
        if nvar == 0 and n != fixed:
            raise VerifyError(self, f"expected {fixed} {what}s, but found {n}")
        if nvar and n < fixed:
            raise VerifyError(self, f"expected {fixed} or more {what}s, but found {n}")
        if nvar == 1 and any(f.kind == OPTIONAL for f in defs) and n > fixed + 1:
            raise VerifyError(self, f"expected at most {fixed + 1} {what}s, but found {n}")

    def _verify_regions_and_successors(self, d: OpDef) -> None:
        from dialir.core.ir.diagnostics import VerifyError

        fixed = sum(r.kind == SINGLE for r in d.regions)
        variadic = any(r.kind == VARIADIC for r in d.regions)
        n = len(self.regions)
        if n < fixed or (not variadic and n != fixed):
            raise VerifyError(self, f"requires {fixed} region{'s' if fixed != 1 else ''}")
        for r in d.regions:
            if not r.single_block:
                continue
            regions = self.regions[r.index :] if r.kind == VARIADIC else [self.regions[r.index]]
            for reg in regions:
                if len(reg.blocks) > 1:
                    raise VerifyError(self, f"region '{r.name}' must have at most one block")
        fixed = sum(s.kind == SINGLE for s in d.successors)
        variadic = any(s.kind == VARIADIC for s in d.successors)
        n = len(self.successors)
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
