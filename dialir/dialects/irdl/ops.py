"""irdl ops: MLIR's IR Definition Language, dialects written as IR.

    irdl.dialect @cmath {
      irdl.type @complex {
        %0 = irdl.is f32
        %1 = irdl.is f64
        %2 = irdl.any_of(%0, %1)
        irdl.parameters(elem: %2)
      }
      irdl.operation @norm {
        %0 = irdl.any
        %1 = irdl.parametric @cmath::@complex<%0>
        irdl.operands(complex: %1)
        irdl.results(norm: %0)
      }
    }

Definition ops (dialect, type, attribute, operation) hold constraint ops (is, any_of, all_of,
parametric, base, any, region) whose `!irdl.attribute` / `!irdl.region` results are constraint
variables, and list ops (parameters, operands, results, attributes, regions) that say which
variable constrains what. The verifiers here check the definitions themselves, as MLIR's do;
loading.py turns a verified module into dialects. Custom syntax: syntax.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dialir.core.ir.attrs import ArrayAttr, IntegerAttr, OpaqueAttr, StringAttr, SymbolRefAttr
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, VerifyError
from dialir.core.ir.operation import Operation
from dialir.core.ir.printer import AsmPrinter
from dialir.core.ir.traits import (
    HasParent,
    IsolatedFromAbove,
    NoRegionArguments,
    NoTerminator,
    Pure,
    Symbol,
    SymbolTable,
)
from dialir.core.ods.constraints import (
    AnyAttr,
    ArrayAttrC,
    I32Attr,
    StringAttrC,
    SymbolNameAttr,
    SymbolRefAttrC,
    TypeIs,
    UnitAttrC,
)
from dialir.core.ods.opdef import Op, attribute, region, result, var_operand
from dialir.dialects.irdl.types import ATTRIBUTE, REGION

IsAttribute = TypeIs("IRDL handle to an `mlir::Attribute`", ATTRIBUTE)
IsRegion = TypeIs("IRDL handle to a region definition", REGION)
_DEFINITION_PARENTS = HasParent("irdl.type", "irdl.attribute", "irdl.operation")

# -- names ---------------------------------------------------------------------------------

_DIALECT_NAMESPACE = re.compile(r"[A-Za-z_][A-Za-z_0-9$]*\Z")


def check_name(op: Operation, what: str, name: str, dots: bool = False) -> None:
    """MLIR's IRDL naming rule (names become C++ identifiers): lowercase letters, digits and
    single, inner underscores. Op, type and attribute names may hold dots (`intr.fma`)."""
    problem = None
    if not name:
        problem = "is empty"
    elif name[0] == "_" or "__" in name:
        problem = "should not contain leading or double underscores"
    elif any(c.isupper() for c in name):
        problem = "should not contain uppercase letters"
    elif not all(c.islower() or c.isdigit() or c == "_" or (dots and c == ".") for c in name):
        problem = "must contain only lowercase letters, digits and underscores"
    if problem is not None:
        raise DiagnosticError(Diagnostic("error", f"name of {what} {problem}", op.location))


def check_at_most_one_child(op: Operation, names: Sequence[str]) -> None:
    """MLIR's AtMostOneChildOf trait: at most one op of each of `names` in the body."""
    seen: set[str] = set()
    for child in op.regions[0].ops() if op.regions else ():
        if child.name not in names:
            continue
        if child.name in seen:
            raise DiagnosticError(Diagnostic(
                "error", "failed to verify AtMostOneChildOf trait: the operation contains at "
                f"least two operations of type {child.name}", op.location,
            ))  # fmt: skip
        seen.add(child.name)


def child(op: Operation, name: str) -> Operation | None:
    """The op named `name` directly in `op`'s body (MLIR's getOp<T>())."""
    for o in op.regions[0].ops():
        if o.name == name:
            return o
    return None


def value_names(op: Operation) -> list[str]:
    names = op.get_attr("names")
    return [a.value for a in names.value] if isinstance(names, ArrayAttr) else []


# -- symbols -------------------------------------------------------------------------------


def lookup_symbol_near_dialect(op: Operation, ref: SymbolRefAttr) -> Operation | None:
    """The op `ref` names, looked up from the symbol table around the enclosing irdl.dialect
    (MLIR's irdl::lookupSymbolNearDialect): `@cmath::@complex`, or `@complex` for a symbol
    beside the dialects."""
    dialect = op
    while dialect is not None and dialect.name != "irdl.dialect":
        dialect = dialect.parent_op
    table = dialect.parent_op if dialect is not None else None
    while table is not None and not table.has_trait(SymbolTable):
        table = table.parent_op
    if table is None:
        return None
    found: Operation | None = table
    for name in (ref.root, *ref.nested):
        found = _symbol_in(found, name) if found is not None else None
    return found


def _symbol_in(table: Operation, name: str) -> Operation | None:
    for r in table.regions:
        for o in r.ops():
            sym = o.get_attr("sym_name")
            if isinstance(sym, StringAttr) and sym.value == name:
                return o
    return None


def _symbol_text(ref: SymbolRefAttr) -> str:
    return "::".join(f"@{n}" for n in (ref.root, *ref.nested))


def resolve_definition(op: Operation, ref: SymbolRefAttr) -> Operation:
    """The irdl.type or irdl.attribute `ref` names, or a VerifyError at `op`."""
    found = lookup_symbol_near_dialect(op, ref)
    if found is None:
        raise VerifyError(op, f"symbol '{_symbol_text(ref)}' not found")
    if found.name not in ("irdl.type", "irdl.attribute"):
        raise VerifyError(
            op,
            f"symbol '{_symbol_text(ref)}' does not refer to a type or attribute definition "
            f"(refers to '{found.name}')",
        )
    return found


# -- variadicity ---------------------------------------------------------------------------

SINGLE, OPTIONAL, VARIADIC = "single", "optional", "variadic"
_VARIADICITY = re.compile(r"<variadicity_array\[((?:\s*<\w+>\s*,?)*)\]>\Z")


def variadicity_attr(kinds: Sequence[str]) -> OpaqueAttr:
    """`#irdl<variadicity_array[<single>, <variadic>]>`, as MLIR spells the attribute."""
    return OpaqueAttr("irdl", "<variadicity_array[" + ", ".join(f"<{k}>" for k in kinds) + "]>")


def variadicities(op: Operation) -> list[str] | None:
    """The variadicity of each value of an irdl.operands / irdl.results; None when the
    attribute is missing or malformed."""
    attr = op.get_attr("variadicity")
    if not isinstance(attr, OpaqueAttr) or attr.dialect != "irdl":
        return None
    m = _VARIADICITY.match(attr.body)
    if m is None:
        return None
    kinds = re.findall(r"<(\w+)>", m.group(1))
    return kinds if all(k in (SINGLE, OPTIONAL, VARIADIC) for k in kinds) else None


# -- printing helpers ----------------------------------------------------------------------


def _values(p: AsmPrinter, op: Operation) -> str:
    return ", ".join(p.value(u.value) for u in op.operand_uses)


def _extra_attrs(p: AsmPrinter, op: Operation, spelled: Sequence[str]) -> str:
    attrs = {k: v for k, v in op.properties.items() if k not in spelled}
    attrs.update((k, v) for k, v in op.attributes.items() if k not in spelled)
    return " " + p.attr_dict(attrs) if attrs else ""


def _print_definition(op: Operation, p: AsmPrinter, indent: str) -> None:
    """`irdl.type @name attributes {...} { body }`; an empty body is left out."""
    p.write(f"{op.name} {p.attr(SymbolRefAttr(op.get_attr('sym_name').value))}")
    extra = _extra_attrs(p, op, ("sym_name",))
    if extra:
        p.write(" attributes" + extra)
    p.write(" ")
    body = op.regions[0]
    if body.blocks and body.blocks[0].first is not None:
        p.region(body, indent)


def _print_named_values(op: Operation, p: AsmPrinter, kinds: Sequence[str] | None) -> None:
    """`(lhs: %0, rhs: optional %1)`: MLIR leaves `single` out."""
    names = value_names(op)
    parts = []
    for i, use in enumerate(op.operand_uses):
        name = names[i] if i < len(names) else ""
        kind = kinds[i] if kinds is not None and i < len(kinds) else SINGLE
        marker = "" if kind == SINGLE else kind + " "
        parts.append(f"{name}: {marker}{p.value(use.value)}")
    p.write(f"{op.name}({', '.join(parts)})")
    p.write(_extra_attrs(p, op, ("names", "variadicity")))


def _is_symbol(op: Operation) -> bool:
    return isinstance(op.get_attr("sym_name"), StringAttr)


# -- definitions ---------------------------------------------------------------------------


class DialectOp(Op):
    """`irdl.dialect @name { ... }`: the ops, types and attributes of dialect `name`."""

    __slots__ = ()
    OP_NAME = "irdl.dialect"
    summary = "Define a new dialect"
    traits = frozenset({IsolatedFromAbove, NoTerminator, Symbol, SymbolTable})
    sym_name = attribute(SymbolNameAttr)
    body = region(single_block=True)

    def verify(self) -> None:
        name = self.sym_name.value
        if not _DIALECT_NAMESPACE.match(name):
            raise VerifyError(self, "invalid dialect name")
        check_name(self, "dialect", name)

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        if not _is_symbol(self):
            p.generic_op(self, indent)
            return
        p.enter_scope()
        try:
            _print_definition(self, p, indent)
        finally:
            p.exit_scope()


class _DefinitionOp(Op):
    """The shape of irdl.type, irdl.attribute and irdl.operation: a symbol whose body holds
    the definition."""

    __slots__ = ()
    traits = frozenset({HasParent("irdl.dialect"), NoTerminator, NoRegionArguments, Symbol})
    sym_name = attribute(SymbolNameAttr)
    body = region(single_block=True)

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        if not _is_symbol(self):
            p.generic_op(self, indent)
            return
        _print_definition(self, p, indent)


class TypeOp(_DefinitionOp):
    """`irdl.type @name { ... irdl.parameters(...) }`: a type `!dialect.name<params>`."""

    __slots__ = ()
    OP_NAME = "irdl.type"
    summary = "Define a new type"

    def verify(self) -> None:
        check_at_most_one_child(self, ("irdl.parameters",))
        check_name(self, "type", self.sym_name.value, dots=True)


class AttributeOp(_DefinitionOp):
    """`irdl.attribute @name { ... }`: an attribute `#dialect.name<params>`."""

    __slots__ = ()
    OP_NAME = "irdl.attribute"
    summary = "Define a new attribute"

    def verify(self) -> None:
        check_at_most_one_child(self, ("irdl.parameters",))
        check_name(self, "attribute", self.sym_name.value, dots=True)


_OPERATION_LISTS = ("irdl.operands", "irdl.results", "irdl.attributes", "irdl.regions")


class OperationOp(_DefinitionOp):
    """`irdl.operation @name { ... }`: op `dialect.name`; its operands, results, attributes
    and regions are those its irdl.operands / results / attributes / regions list (none
    where the list is absent)."""

    __slots__ = ()
    OP_NAME = "irdl.operation"
    summary = "Define a new operation"

    def verify(self) -> None:
        check_at_most_one_child(self, _OPERATION_LISTS)
        check_name(self, "operation", self.sym_name.value, dots=True)
        # Operand, result and region names become accessor names: one namespace.
        owner: dict[str, str] = {}
        for list_name, kind in (("irdl.regions", "regions"), ("irdl.operands", "operands"),
                                ("irdl.results", "results")):  # fmt: skip
            list_op = child(self, list_name)
            for name in value_names(list_op) if list_op is not None else ():
                first = owner.setdefault(name, kind)
                if first != kind:
                    raise VerifyError(
                        self, f"contains a value named '{name}' for both its {first} and {kind}"
                    )


# -- lists of constrained values -----------------------------------------------------------


def _verify_names(op: Operation, kind: str) -> None:
    names = op.get_attr("names")
    if not isinstance(names, ArrayAttr) or not all(isinstance(a, StringAttr) for a in names.value):
        raise VerifyError(op, "attribute 'names' failed to satisfy constraint: string array "
                          "attribute")  # fmt: skip
    if len(names.value) != op.num_operands:
        raise VerifyError(op, f"expects one name per {kind}, got {len(names.value)} names and "
                          f"{op.num_operands} values")  # fmt: skip
    seen: dict[str, int] = {}
    for i, a in enumerate(names.value):
        check_name(op, f"{kind} #{i}", a.value)
        first = seen.setdefault(a.value, i)
        if first != i:
            raise VerifyError(
                op, f"name of {kind} #{i} is a duplicate of the name of {kind} #{first}"
            )


def _verify_variadicity(op: Operation) -> None:
    kinds = variadicities(op)
    if kinds is None:
        raise VerifyError(op, "attribute 'variadicity' failed to satisfy constraint: "
                          "#irdl<variadicity_array[...]> of single, optional or variadic")  # fmt: skip
    if len(kinds) != op.num_operands:
        raise VerifyError(
            op,
            f"the number of operands and their variadicities must be the same, but got "
            f"{op.num_operands} and {len(kinds)} respectively",
        )


class ParametersOp(Op):
    """`irdl.parameters(elem: %c, ...)`: the parameters of the enclosing type or attribute
    and the constraint on each."""

    __slots__ = ()
    OP_NAME = "irdl.parameters"
    summary = "Define the constraints on parameters of a type/attribute definition"
    traits = frozenset({HasParent("irdl.attribute", "irdl.type")})
    args = var_operand(IsAttribute)
    names = attribute(ArrayAttrC)

    def verify(self) -> None:
        _verify_names(self, "parameter")

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        _print_named_values(self, p, None)


class _ValuesOp(Op):
    """The shape of irdl.operands and irdl.results: named values, each with a variadicity."""

    __slots__ = ()
    traits = frozenset({HasParent("irdl.operation")})
    args = var_operand(IsAttribute)
    names = attribute(ArrayAttrC)
    variadicity = attribute(AnyAttr)
    KIND = ""  # what one value is, in messages

    def verify(self) -> None:
        _verify_variadicity(self)
        _verify_names(self, self.KIND)

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        _print_named_values(self, p, variadicities(self))


class OperandsOp(_ValuesOp):
    """`irdl.operands(lhs: %c, rest: variadic %d)`: the operands of the enclosing op, with
    their variadicity (`single` when unmarked, `optional`, `variadic`)."""

    __slots__ = ()
    OP_NAME = "irdl.operands"
    summary = "Define the operands of an operation"
    KIND = "operand"


class ResultsOp(_ValuesOp):
    """`irdl.results(res: %c)`: the results of the enclosing op, as irdl.operands."""

    __slots__ = ()
    OP_NAME = "irdl.results"
    summary = "Define the results of an operation"
    KIND = "result"


class RegionsOp(Op):
    """`irdl.regions(body: %r)`: the regions of the enclosing op, each an irdl.region."""

    __slots__ = ()
    OP_NAME = "irdl.regions"
    summary = "Define the regions of an operation"
    traits = frozenset({HasParent("irdl.operation")})
    args = var_operand(IsRegion)
    names = attribute(ArrayAttrC)

    def verify(self) -> None:
        _verify_names(self, "region")

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        _print_named_values(self, p, None)


class AttributesOp(Op):
    """`irdl.attributes {"attr1" = %c, ...}`: the attributes the enclosing op requires and
    the constraint on each."""

    __slots__ = ()
    OP_NAME = "irdl.attributes"
    summary = "Define the attributes of an operation"
    traits = frozenset({HasParent("irdl.operation")})
    attributeValues = var_operand(IsAttribute)
    attributeValueNames = attribute(ArrayAttrC)

    def verify(self) -> None:
        names = self.attributeValueNames.value
        if not all(isinstance(a, StringAttr) for a in names):
            raise VerifyError(self, "attribute 'attributeValueNames' failed to satisfy "
                              "constraint: string array attribute")  # fmt: skip
        if len(names) != self.num_operands:
            raise VerifyError(
                self,
                "the number of attribute names and their constraints must be the same but "
                f"got {len(names)} and {self.num_operands} respectively",
            )

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        names = self.attributeValueNames.value
        p.write("irdl.attributes ")
        if names:
            pairs = (f"{p.attr(n)} = {p.value(u.value)}" for n, u in zip(names, self.operand_uses))
            p.write("{" + ", ".join(pairs) + "}")
        p.write(_extra_attrs(p, self, ("attributeValueNames",)))


# -- constraints -----------------------------------------------------------------------------


class IsOp(Op):
    """`%c = irdl.is i32`: exactly this type or attribute."""

    __slots__ = ()
    OP_NAME = "irdl.is"
    summary = "Constraints an attribute/type to be a specific attribute instance"
    traits = frozenset({_DEFINITION_PARENTS, Pure})
    expected = attribute(AnyAttr)
    output = result(IsAttribute)

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        # MLIR's format ends in `` ` ` attr-dict ``: the space is printed even without one.
        p.write(f"irdl.is {p.attr(self.expected)} " + _extra_attrs(p, self, ("expected",)))


class BaseOp(Op):
    """`%c = irdl.base @dialect::@type` (an IRDL definition) or `irdl.base "!builtin.integer"`
    (a registered one, `!` for types, `#` for attributes): any instance of that base."""

    __slots__ = ()
    OP_NAME = "irdl.base"
    summary = "Constraints an attribute/type base"
    traits = frozenset({_DEFINITION_PARENTS})
    base_ref = attribute(SymbolRefAttrC, optional=True)
    base_name = attribute(StringAttrC, optional=True)
    output = result(IsAttribute)

    def verify(self) -> None:
        ref, name = self.base_ref, self.base_name
        if (ref is None) == (name is None):
            raise VerifyError(self, "the base type or attribute should be specified by either "
                              "a name or a reference")  # fmt: skip
        if name is not None:
            if not name.value or name.value[0] not in "!#":
                raise VerifyError(
                    self, "the base type or attribute name should start with '!' or '#'"
                )
            return
        resolve_definition(self, ref)

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        base = self.base_ref if self.base_ref is not None else self.base_name
        p.write(f"irdl.base {p.attr(base)} " + _extra_attrs(p, self, ("base_ref", "base_name")))


class ParametricOp(Op):
    """`%c = irdl.parametric @cmath::@complex<%p>`: an instance of an IRDL type or attribute
    whose parameters satisfy the given constraints."""

    __slots__ = ()
    OP_NAME = "irdl.parametric"
    summary = "Constraints an attribute/type base and its parameters"
    traits = frozenset({_DEFINITION_PARENTS, Pure})
    base_type = attribute(SymbolRefAttrC)
    args = var_operand(IsAttribute)
    output = result(IsAttribute)

    def verify(self) -> None:
        resolve_definition(self, self.base_type)

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        p.write(f"irdl.parametric {p.attr(self.base_type)}<{_values(p, self)}> ")
        p.write(_extra_attrs(p, self, ("base_type",)))


class _CombineOp(Op):
    """The shape of irdl.any_of and irdl.all_of: a constraint made of constraints."""

    __slots__ = ()
    traits = frozenset({_DEFINITION_PARENTS, Pure})
    args = var_operand(IsAttribute)
    output = result(IsAttribute)

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        p.write(f"{self.name}({_values(p, self)}) " + _extra_attrs(p, self, ()))


class AnyOfOp(_CombineOp):
    """`%c = irdl.any_of(%a, %b)`: satisfies one of the constraints."""

    __slots__ = ()
    OP_NAME = "irdl.any_of"
    summary = "Constraints to the union of the provided constraints"


class AllOfOp(_CombineOp):
    """`%c = irdl.all_of(%a, %b)`: satisfies every constraint."""

    __slots__ = ()
    OP_NAME = "irdl.all_of"
    summary = "Constraints to the intersection of the provided constraints"


class AnyOp(Op):
    """`%c = irdl.any`: any type or attribute."""

    __slots__ = ()
    OP_NAME = "irdl.any"
    summary = "Accept any type or attribute"
    traits = frozenset({_DEFINITION_PARENTS})
    output = result(IsAttribute)

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        p.write("irdl.any" + _extra_attrs(p, self, ()))


class RegionOp(Op):
    """`%r = irdl.region(%a, %b) with size 3`: a region whose entry block has arguments of
    those constraints (unconstrained without parentheses) and that many blocks (any number
    without `with size`)."""

    __slots__ = ()
    OP_NAME = "irdl.region"
    summary = "Define a region of an operation"
    traits = frozenset({HasParent("irdl.operation")})
    entryBlockArgs = var_operand(IsAttribute)
    numberOfBlocks = attribute(I32Attr, optional=True)
    constrainedArguments = attribute(UnitAttrC, optional=True)
    output = result(IsRegion)

    def verify(self) -> None:
        n = self.numberOfBlocks
        if isinstance(n, IntegerAttr) and n.value < 1:
            raise VerifyError(
                self, f"the number of blocks is expected to be >= 1 but got {n.value}"
            )
        if self.num_operands and self.constrainedArguments is None:
            raise VerifyError(self, "entry block arguments are constrained only with the "
                              "'constrainedArguments' attribute")  # fmt: skip

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        p.write("irdl.region")
        if self.constrainedArguments is not None:
            p.write(f"({_values(p, self)})")
        if self.numberOfBlocks is not None:
            p.write(f" with size {self.numberOfBlocks.value}")
        p.write(_extra_attrs(p, self, ("numberOfBlocks", "constrainedArguments")))


OPS = [
    DialectOp, TypeOp, AttributeOp, OperationOp, ParametersOp, OperandsOp, ResultsOp,
    RegionsOp, AttributesOp, IsOp, BaseOp, ParametricOp, AnyOfOp, AllOfOp, AnyOp, RegionOp,
]  # fmt: skip
