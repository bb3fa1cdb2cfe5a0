"""Loading IRDL: dialects defined by irdl ops become dialects of a context (MLIR's
IRDLLoading.cpp, IRDLVerifiers.cpp).

`load_dialects(module, context)` turns each `irdl.dialect` of a verified module into a
`Dialect` whose ops, types and attributes check their constraints:

- a type `!d.t<p0, p1>` (`DynamicType`) or attribute `#d.a<...>` (`DynamicAttr`) holds its
  parameters as attributes (types wrapped in TypeAttr) and checks them when it is made;
- an op `d.op` (a `DynamicOp` subclass) is read and printed in the generic form; its
  verifier checks operand and result counts (variadicity and segment sizes), attributes,
  regions, and each value against its constraint.

Constraint variables are per verification, as in MLIR: the first value a variable checks
fixes it, so `irdl.operands(lhs: %t, rhs: %t)` means both operands have the same type.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from dialir.core.ir import attrs as A
from dialir.core.ir import types as T
from dialir.core.ir.attrs import Attribute, TypeAttr
from dialir.core.ir.context import Context
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, VerifyError
from dialir.core.ir.dialect import Dialect
from dialir.core.ir.operation import Operation, Region
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import Type
from dialir.core.ir.verifier import verify
from dialir.core.ods.typedef import split_top_level
from dialir.dialects.irdl.ops import (
    OPTIONAL,
    SINGLE,
    child,
    lookup_symbol_near_dialect,
    value_names,
    variadicities,
)
from dialir.parser.asm import BodyParser

# -- constraints -----------------------------------------------------------------------------
# Each `check` returns None when `attr` satisfies the constraint, else a failure: a message
# template and the attributes or strings it names, formatted only when reported (an any_of
# tries alternatives that fail, and a failure it recovers from costs no printing). A check may
# fix constraint variables through the verifier as a side effect (as MLIR's do).

Failure = tuple  # (template with {} per item, *items)


def message(failure: Failure) -> str:
    """The text of a failure: attributes and types as MLIR prints them, in quotes."""
    template, *items = failure
    return template.format(*(i if isinstance(i, str) else Printer.to_string(i) for i in items))


class ConstraintVerifier:
    """The constraint variables of one verification (MLIR's ConstraintVerifier): each is
    fixed by the first attribute that satisfies it."""

    __slots__ = ("constraints", "assigned")

    def __init__(self, constraints: Sequence[Any]) -> None:
        self.constraints = constraints
        self.assigned: list[Attribute | None] = [None] * len(constraints)

    def check(self, attr: Attribute, variable: int) -> Failure | None:
        held = self.assigned[variable]
        if held is not None:
            return (
                None if held is attr or held == attr else ("expected '{}' but got '{}'", held, attr)
            )
        failure = self.constraints[variable].check(attr, self)
        if failure is None:
            self.assigned[variable] = attr
        return failure


class IsConstraint:
    __slots__ = ("expected",)

    def __init__(self, expected: Attribute) -> None:
        self.expected = expected

    def check(self, attr: Attribute, v: ConstraintVerifier) -> Failure | None:
        if attr is self.expected or attr == self.expected:
            return None
        return ("expected '{}' but got '{}'", self.expected, attr)


class AnyConstraint:
    __slots__ = ()

    def check(self, attr: Attribute, v: ConstraintVerifier) -> Failure | None:
        return None


class AnyOfConstraint:
    __slots__ = ("variables",)

    def __init__(self, variables: list[int]) -> None:
        self.variables = variables

    def check(self, attr: Attribute, v: ConstraintVerifier) -> Failure | None:
        for var in self.variables:
            if v.check(attr, var) is None:
                return None
        return ("'{}' does not satisfy the constraint", attr)


class AllOfConstraint:
    __slots__ = ("variables",)

    def __init__(self, variables: list[int]) -> None:
        self.variables = variables

    def check(self, attr: Attribute, v: ConstraintVerifier) -> Failure | None:
        for var in self.variables:
            failure = v.check(attr, var)
            if failure is not None:
                return failure
        return None


class BaseTypeConstraint:
    """Any type of one base (`!builtin.integer`, an IRDL type): `is_base(type)`."""

    __slots__ = ("name", "is_base")

    def __init__(self, name: str, is_base: Callable[[Type], bool]) -> None:
        self.name, self.is_base = name, is_base

    def check(self, attr: Attribute, v: ConstraintVerifier) -> Failure | None:
        if not isinstance(attr, TypeAttr):
            return ("expected type, got attribute '{}'", attr)
        if self.is_base(attr.value):
            return None
        return ("expected base type '{}' but got '{}'", self.name, type_base_name(attr.value))


class BaseAttrConstraint:
    __slots__ = ("name", "is_base")

    def __init__(self, name: str, is_base: Callable[[Attribute], bool]) -> None:
        self.name, self.is_base = name, is_base

    def check(self, attr: Attribute, v: ConstraintVerifier) -> Failure | None:
        if self.is_base(attr):
            return None
        return ("expected base attribute '{}' but got '{}'", self.name, attr_base_name(attr))


class ParametricConstraint:
    """An instance of one IRDL type or attribute whose parameters satisfy `variables`."""

    __slots__ = ("definition", "variables")

    def __init__(self, definition: DynamicTypeDefinition | DynamicAttrDefinition,
                 variables: list[int]) -> None:  # fmt: skip
        self.definition, self.variables = definition, variables

    def check(self, attr: Attribute, v: ConstraintVerifier) -> Failure | None:
        d = self.definition
        if isinstance(d, DynamicTypeDefinition):
            if not isinstance(attr, TypeAttr):
                return ("expected type, got attribute '{}'", attr)
            value: Any = attr.value
            if not isinstance(value, DynamicType) or value.definition is not d:
                return ("expected base type '{}' but got '{}'", d.NAME, attr)
        else:
            value = attr
            if not isinstance(value, DynamicAttr) or value.definition is not d:
                return ("expected base attribute '{}' but got '{}'", d.NAME, attr)
        for param, var in zip(value.params, self.variables):
            failure = v.check(param, var)
            if failure is not None:
                return failure
        return None


# -- base names of registered types and attributes -------------------------------------------

_BUILTIN_TYPES: dict[str, Callable[[Type], bool]] = {
    "builtin.integer": lambda t: isinstance(t, T.IntegerType),
    "builtin.index": lambda t: isinstance(t, T.IndexType),
    "builtin.none": lambda t: isinstance(t, T.NoneType),
    "builtin.complex": lambda t: isinstance(t, T.ComplexType),
    "builtin.function": lambda t: isinstance(t, T.FunctionType),
    "builtin.tuple": lambda t: isinstance(t, T.TupleType),
    "builtin.vector": lambda t: isinstance(t, T.VectorType),
    "builtin.tensor": lambda t: isinstance(t, T.RankedTensorType),
    "builtin.unranked_tensor": lambda t: isinstance(t, T.UnrankedTensorType),
    "builtin.memref": lambda t: isinstance(t, T.MemRefType),
    "builtin.unranked_memref": lambda t: isinstance(t, T.UnrankedMemRefType),
}
_FLOAT_KINDS = ("f16", "bf16", "f32", "f64", "f80", "f128", "tf32")
_BUILTIN_TYPES.update(
    (f"builtin.{k}", lambda t, k=k: isinstance(t, T.FloatType) and t.kind == k)
    for k in _FLOAT_KINDS
)
_BUILTIN_ATTRS: dict[str, type] = {
    "builtin.integer": A.IntegerAttr, "builtin.float": A.FloatAttr, "builtin.string": A.StringAttr,
    "builtin.unit": A.UnitAttr, "builtin.array": A.ArrayAttr, "builtin.dictionary": A.DictionaryAttr,
    "builtin.type": A.TypeAttr, "builtin.symbol_ref": A.SymbolRefAttr,
    "builtin.affine_map": A.AffineMapAttr, "builtin.integer_set": A.IntegerSetAttr,
    "builtin.dense_int_or_fp_elements": A.DenseElementsAttr,
    "builtin.dense_resource_elements": A.DenseResourceElementsAttr,
    "builtin.dense_array": A.DenseArrayAttr, "builtin.strided_layout": A.StridedLayoutAttr,
}  # fmt: skip
_ATTR_NAMES = {cls: name for name, cls in _BUILTIN_ATTRS.items()}


def type_base_name(t: Type) -> str:
    """MLIR's name of a type's base (its AbstractType name): `builtin.integer`, `llvm.ptr`."""
    if isinstance(t, DynamicType):
        return t.definition.NAME
    if isinstance(t, T.FloatType):
        return f"builtin.{t.kind}"
    if isinstance(t, T.OpaqueType):
        return f"{t.dialect}.{re.match(r'[A-Za-z0-9_$.]*', t.body).group(0)}"
    name = getattr(t, "NAME", "")
    if name:
        return name
    return next((n for n, is_base in _BUILTIN_TYPES.items() if is_base(t)), type(t).__name__)


def attr_base_name(a: Attribute) -> str:
    if isinstance(a, DynamicAttr):
        return a.definition.NAME
    name = getattr(a, "NAME", "") or _ATTR_NAMES.get(type(a))
    return name or type(a).__name__


def _registered_base(base: str, context: Context) -> BaseTypeConstraint | BaseAttrConstraint | None:
    """The constraint of `irdl.base "!builtin.integer"` / `"#builtin.string"` / `"!llvm.ptr"`;
    None when no such type or attribute is registered."""
    name = base[1:]
    if base[0] == "!":
        predicate = _BUILTIN_TYPES.get(name)
        if predicate is None:
            cls = context.lookup_type_class(name)
            if cls is None:
                return None
            predicate = _instance_of(cls)
        return BaseTypeConstraint(name, predicate)
    cls = _BUILTIN_ATTRS.get(name) or context.lookup_attr_class(name)
    return None if cls is None else BaseAttrConstraint(name, _instance_of(cls))


def _instance_of(cls: Any) -> Callable[[Any], bool]:
    if isinstance(cls, (DynamicTypeDefinition, DynamicAttrDefinition)):
        return lambda x: getattr(x, "definition", None) is cls
    return lambda x: isinstance(x, cls)


# -- types and attributes ------------------------------------------------------------------------


class _DynamicDefinition:
    """A type or attribute IRDL defines (MLIR's DynamicTypeDefinition): its name and the
    constraints its parameters must meet. The context's type (attribute) table maps its
    name to it, and the parser calls `parse_body` as for a ParametricType class."""

    __slots__ = ("NAME", "constraints", "param_variables", "param_names", "__weakref__")
    SIGIL: ClassVar[str] = "!"
    instance: ClassVar[type]

    def __init__(self, name: str) -> None:
        self.NAME = name
        self.constraints: list[Any] = []
        self.param_variables: list[int] = []
        self.param_names: list[str] = []

    def verify_params(self, params: Sequence[Attribute]) -> str | None:
        if len(params) != len(self.param_variables):
            return f"expected {len(self.param_variables)} type arguments, but had {len(params)}"
        verifier = ConstraintVerifier(self.constraints)
        for param, var in zip(params, self.param_variables):
            failure = verifier.check(param, var)
            if failure is not None:
                return message(failure)
        return None

    def parse_body(self, body: str, parser: BodyParser) -> Any:
        pieces = split_top_level(body) if body.strip() else []
        return self.instance(self, [parser.parse_attribute(p.strip()) for p in pieces])

    def __call__(self, *params: Attribute | Type) -> Any:
        """An instance with these parameters: `complex(f32)`."""
        return self.instance(self, params)

    def __repr__(self) -> str:
        return f"<IRDL definition {self.SIGIL}{self.NAME}>"


class _DynamicInstance:
    """What DynamicType and DynamicAttr share: an instance of an IRDL definition, its
    parameters as attributes, checked against the definition's constraints."""

    __slots__ = ()

    @classmethod
    def _normalize(cls, definition: _DynamicDefinition, params: Sequence = ()) -> tuple:
        return (definition, tuple(TypeAttr(p) if isinstance(p, Type) else p for p in params))

    def _check(self) -> None:
        message = self.definition.verify_params(self.params)
        if message is not None:
            raise ValueError(message)

    def print(self, printer: Any) -> str:
        d = self.definition
        body = ", ".join(printer.attr(p) for p in self.params)
        return f"{d.SIGIL}{d.NAME}<{body}>" if self.params else f"{d.SIGIL}{d.NAME}"


class DynamicType(_DynamicInstance, Type):
    """An instance of an IRDL type: `!cmath.complex<f32>` (parameters as attributes)."""

    __slots__ = ("definition", "params")


class DynamicAttr(_DynamicInstance, Attribute):
    """An instance of an IRDL attribute: `#testd.enum<"foo">`."""

    __slots__ = ("definition", "params")


class DynamicTypeDefinition(_DynamicDefinition):
    __slots__ = ()
    SIGIL = "!"
    instance = DynamicType


class DynamicAttrDefinition(_DynamicDefinition):
    __slots__ = ()
    SIGIL = "#"
    instance = DynamicAttr


# -- operations ----------------------------------------------------------------------------------


class RegionConstraint:
    """What an irdl.region asks of a region: its entry arguments' constraints (None: any)
    and its number of blocks (None: any)."""

    __slots__ = ("arg_variables", "block_count")

    def __init__(self, arg_variables: list[int] | None, block_count: int | None) -> None:
        self.arg_variables, self.block_count = arg_variables, block_count

    def verify(self, op: Operation, index: int, region: Region, v: ConstraintVerifier) -> None:
        blocks = region.blocks
        if self.block_count is not None and self.block_count != len(blocks):
            _fail(op, f"expected region {index} to have {self.block_count} block(s) but got "
                  f"{len(blocks)}")  # fmt: skip
        if self.arg_variables is None:
            return
        args = blocks[0].args if blocks else []
        if len(args) != len(self.arg_variables):
            where = args[0].location if args else op.location
            _fail(op, f"expected region {index} to have {len(self.arg_variables)} arguments "
                  f"but got {len(args)}", where)  # fmt: skip
        for arg, var in zip(args, self.arg_variables):
            failure = v.check(TypeAttr(arg.type), var)
            if failure is not None:
                _fail(op, message(failure), arg.location)


def _fail(op: Operation, message: str, location: Any = None) -> None:
    """An error at `location` (the op's by default) without the op prefix, as MLIR's IRDL
    verifiers emit them; a note points at the op when the error is elsewhere."""
    where = op.location if location is None else location
    diag = Diagnostic("error", message, where)
    if where != op.location and where is not A.UNKNOWN_LOC:
        diag.attach_note("see the operation", op.location)
    raise DiagnosticError(diag)


class OpDefinition:
    """An op IRDL defines (MLIR's DynamicOpDefinition), with the constraints its verifier
    checks."""

    __slots__ = ("name", "constraints", "operands", "results", "attributes", "regions")

    def __init__(self, name: str) -> None:
        self.name = name
        self.constraints: list[Any] = []
        self.operands: list[tuple[int, str]] = []  # (variable, variadicity)
        self.results: list[tuple[int, str]] = []
        self.attributes: list[tuple[str, int]] = []
        self.regions: list[RegionConstraint] | None = None

    def verify(self, op: Operation) -> None:
        operand_sizes = _segment_sizes(op, "operand", "operandSegmentSizes", op.num_operands,
                                       [k for _, k in self.operands])  # fmt: skip
        result_sizes = _segment_sizes(op, "result", "resultSegmentSizes", len(op.results),
                                      [k for _, k in self.results])  # fmt: skip
        v = ConstraintVerifier(self.constraints)
        for name, var in self.attributes:
            value = op.get_attr(name)
            if value is None:
                raise VerifyError(op, f'attribute "{name}" is expected but not provided')
            _check(op, v, value, var)
        types = op.operand_types
        for (var, _), size, start in _segments(self.operands, operand_sizes):
            for t in types[start : start + size]:
                _check(op, v, TypeAttr(t), var)
        types = op.result_types
        for (var, _), size, start in _segments(self.results, result_sizes):
            for t in types[start : start + size]:
                _check(op, v, TypeAttr(t), var)
        regions = self.regions or []
        if len(op.regions) != len(regions):
            raise VerifyError(op, f"unexpected number of regions: expected {len(regions)} but "
                              f"got {len(op.regions)}")  # fmt: skip
        for i, (constraint, region) in enumerate(zip(regions, op.regions)):
            constraint.verify(op, i, region, v)


def _check(op: Operation, v: ConstraintVerifier, attr: Attribute, var: int) -> None:
    failure = v.check(attr, var)
    if failure is not None:
        _fail(op, message(failure))


def _segments(defs: list, sizes: list[int]):
    start = 0
    for d, size in zip(defs, sizes):
        yield d, size, start
        start += size


def _segment_sizes(op: Operation, what: str, attr_name: str, count: int,
                   kinds: list[str]) -> list[int]:  # fmt: skip
    """The number of values of each operand (result) definition (MLIR's getSegmentSizes):
    from the count when at most one is optional or variadic, else from `attr_name`."""
    non_single = sum(k != SINGLE for k in kinds)
    if non_single > 1:
        return _sizes_from_attr(op, what, attr_name, count, kinds)
    if non_single == 0:
        if count != len(kinds):
            _fail(op, f"op expects exactly {len(kinds)} {what}s, but got {count}")
        return [1] * len(kinds)
    rest = count - len(kinds) + 1
    if rest < 0:
        _fail(op, f"op expects at least {len(kinds) - 1} {what}s, but got {count}")
    sizes = []
    for k in kinds:
        if k == OPTIONAL and rest > 1:
            _fail(op, f"op expects at most {len(kinds)} {what}s, but got {count}")
        sizes.append(1 if k == SINGLE else rest)
    return sizes


def _sizes_from_attr(op: Operation, what: str, attr_name: str, count: int,
                     kinds: list[str]) -> list[int]:  # fmt: skip
    attr = op.get_attr(attr_name)
    if attr is None:
        _fail(op, f"'{attr_name}' attribute is expected but not provided")
    if not isinstance(attr, A.DenseArrayAttr) or attr.element_type != T.IntegerType(32):
        _fail(op, f"'{attr_name}' attribute is expected to be a dense i32 array")
    sizes = [int(x) for x in attr.values]
    if len(sizes) != len(kinds):
        _fail(op, f"'{attr_name}' attribute for specifying {what} segments must have "
              f"{len(kinds)} elements, but got {len(sizes)}")  # fmt: skip
    for i, (size, kind) in enumerate(zip(sizes, kinds)):
        if size < 0:
            _fail(op, f"'{attr_name}' attribute for specifying {what} segments must have "
                  "non-negative values")  # fmt: skip
        if kind == SINGLE and size != 1:
            _fail(op, f"element {i} in '{attr_name}' attribute must be equal to 1")
        if kind == OPTIONAL and size > 1:
            _fail(op, f"element {i} in '{attr_name}' attribute must be equal to 0 or 1")
    if sum(sizes) != count:
        _fail(op, f"sum of elements in '{attr_name}' attribute must be equal to the number "
              f"of {what}s")  # fmt: skip
    return sizes


class DynamicOp(Operation):
    """Base of the op classes IRDL defines: generic form only (IRDL gives no custom syntax),
    verified by their `op_definition`."""

    __slots__ = ()
    op_definition: ClassVar[OpDefinition]

    def verify_(self) -> None:
        type(self).op_definition.verify(self)


def _op_class(definition: OpDefinition) -> type[DynamicOp]:
    class IrdlOp(DynamicOp):
        __slots__ = ()
        OP_NAME = definition.name
        op_definition = definition

    return IrdlOp


# -- loading ---------------------------------------------------------------------------------

_CONSTRAINT_OPS = (
    "irdl.is",
    "irdl.any_of",
    "irdl.all_of",
    "irdl.parametric",
    "irdl.base",
    "irdl.any",
)


class _Loader:
    """One load: the definitions made so far, by their irdl op."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.definitions: dict[Operation, _DynamicDefinition] = {}

    def constraints(self, body_owner: Operation) -> tuple[list[Any], dict[Any, int]]:
        """The constraint of each constraint op in a definition's body, and each constraint
        value's variable number (MLIR's constraint slots)."""
        ops = [o for o in body_owner.regions[0].ops() if o.name in _CONSTRAINT_OPS]
        index = {o.results[0]: i for i, o in enumerate(ops)}
        return [self.constraint(o, index) for o in ops], index

    def constraint(self, op: Operation, index: dict[Any, int]) -> Any:
        variables = [index[v] for v in op.operands]
        name = op.name
        if name == "irdl.is":
            return IsConstraint(op.get_attr("expected"))
        if name == "irdl.any":
            return AnyConstraint()
        if name == "irdl.any_of":
            return AnyOfConstraint(variables)
        if name == "irdl.all_of":
            return AllOfConstraint(variables)
        if name == "irdl.parametric":
            target = lookup_symbol_near_dialect(op, op.get_attr("base_type"))
            return ParametricConstraint(self.definitions[target], variables)
        ref = op.get_attr("base_ref")
        if ref is not None:
            d = self.definitions[lookup_symbol_near_dialect(op, ref)]
            if isinstance(d, DynamicTypeDefinition):
                return BaseTypeConstraint(d.NAME, _instance_of(d))
            return BaseAttrConstraint(d.NAME, _instance_of(d))
        base = op.get_attr("base_name").value
        found = _registered_base(base, self.context)
        if found is None:
            kind = "type" if base[0] == "!" else "attribute"
            raise DiagnosticError.at(op.location, f"no registered {kind} with name {base}")
        return found

    def fill_type_or_attr(self, op: Operation) -> None:
        d = self.definitions[op]
        d.constraints, index = self.constraints(op)
        params = child(op, "irdl.parameters")
        if params is not None:
            d.param_variables = [index[v] for v in params.operands]
            d.param_names = value_names(params)

    def operation(self, op: Operation, dialect: str) -> OpDefinition:
        d = OpDefinition(f"{dialect}.{op.get_attr('sym_name').value}")
        d.constraints, index = self.constraints(op)
        for list_name, target in (("irdl.operands", d.operands), ("irdl.results", d.results)):
            list_op = child(op, list_name)
            if list_op is not None:
                kinds = variadicities(list_op) or []
                target.extend((index[v], k) for v, k in zip(list_op.operands, kinds))
        attrs = child(op, "irdl.attributes")
        if attrs is not None:
            names = attrs.get_attr("attributeValueNames").value
            d.attributes = [(n.value, index[v]) for n, v in zip(names, attrs.operands)]
        regions = child(op, "irdl.regions")
        if regions is not None:
            d.regions = [self.region(r.owner, index) for r in regions.operands]
        return d

    @staticmethod
    def region(op: Operation, index: dict[Any, int]) -> RegionConstraint:
        constrained = op.get_attr("constrainedArguments") is not None
        count = op.get_attr("numberOfBlocks")
        return RegionConstraint(
            [index[v] for v in op.operands] if constrained else None,
            count.value if count is not None else None,
        )


def load_dialects(module: Operation, context: Context | None = None) -> list[Dialect]:
    """Load the dialects of `module`'s irdl.dialect ops into `context` (the current one by
    default); returns them. Raises DiagnosticError for IRDL that does not verify or that
    MLIR cannot load (an `any_of` whose alternatives overlap, an unknown base name)."""
    context = context or Context.current()
    with context:
        verify(module)
    dialect_ops = [o for o in module.walk() if o.name == "irdl.dialect"]
    for o in module.walk():
        if o.name == "irdl.any_of" and not _any_of_is_disjoint(o):
            raise DiagnosticError.at(o.location, "any_of constraints are not in the correct form")
    loader = _Loader(context)
    for d in dialect_ops:
        name = d.get_attr("sym_name").value
        existing = context.load_dialect(name)
        if existing is not None and not getattr(existing, "dynamic", False):
            raise DiagnosticError.at(d.location, f"a dialect with namespace '{name}' has already "
                                     "been registered")  # fmt: skip
        for o in d.regions[0].ops():
            if o.name == "irdl.type":
                loader.definitions[o] = DynamicTypeDefinition(
                    f"{name}.{o.get_attr('sym_name').value}"
                )
            elif o.name == "irdl.attribute":
                loader.definitions[o] = DynamicAttrDefinition(
                    f"{name}.{o.get_attr('sym_name').value}"
                )
    for o in loader.definitions:
        loader.fill_type_or_attr(o)
    loaded = []
    for d in dialect_ops:
        name = d.get_attr("sym_name").value
        ops = [_op_class(loader.operation(o, name)) for o in d.regions[0].ops()
               if o.name == "irdl.operation"]  # fmt: skip
        defs = [loader.definitions[o] for o in d.regions[0].ops() if o in loader.definitions]
        dialect = DynamicDialect(
            name, ops=ops, description=f"Defined in IRDL at {d.location}.",
            types=[x for x in defs if isinstance(x, DynamicTypeDefinition)],
            attributes=[x for x in defs if isinstance(x, DynamicAttrDefinition)],
        )  # fmt: skip
        loaded.append(context.add_dialect(dialect))
    return loaded


class DynamicDialect(Dialect):
    """A dialect IRDL defined (MLIR's DynamicDialect): no grammar, generic-form ops."""

    dynamic = True


def _any_of_is_disjoint(op: Operation) -> bool:
    """MLIR's checkCorrectAnyOf: IRDL matches an any_of's alternatives greedily, so they must
    not overlap: no alternative may accept anything (irdl.any), and the bases of irdl.is and
    irdl.parametric alternatives must differ."""
    is_bases: set[Any] = set()
    parametric: set[Any] = set()
    for value in op.operands:
        arg_is: set[Any] = set()
        arg_param: set[Any] = set()
        if _bases(value.owner, arg_is, arg_param):
            return False
        for base in arg_param:
            if base in parametric:
                return False
            parametric.add(base)
        is_bases |= arg_is
    return True


def _bases(op: Operation, is_bases: set, parametric: set) -> bool:
    """Collect the bases `op` can match; True when it can match anything."""
    name = op.name
    if name == "irdl.any_of":
        for v in op.operands:
            _bases(v.owner, is_bases, parametric)  # as MLIR: a nested any_of never says "any"
        return False
    if name == "irdl.all_of":
        return _bases(op.operands[0].owner, is_bases, parametric) if op.operands else True
    if name == "irdl.parametric":
        parametric.add(lookup_symbol_near_dialect(op, op.get_attr("base_type")))
        return False
    if name == "irdl.is":
        is_bases.add(type(op.get_attr("expected")))
        return False
    return name == "irdl.any"


def load_irdl(
    source: str | os.PathLike, context: Context | None = None, filename: str | None = None
) -> list[Dialect]:
    """Parse IRDL text (or the file at path `source`) and load its dialects into `context`
    (the current one by default), as `dialir-opt --irdl-file` does. Returns the dialects."""
    from dialir.parser.parser import parse  # the parser sits below; imported where used

    if isinstance(source, os.PathLike) or ("\n" not in source and os.path.isfile(source)):
        filename = os.fspath(source)
        with open(source, encoding="utf-8") as f:
            source = f.read()
    context = context or Context.current()
    with context:
        module = parse(source, filename or "<irdl>")
    return load_dialects(module, context)
