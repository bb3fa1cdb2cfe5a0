"""MLIR's custom syntax of the irdl ops (the parse side; printers are on the op classes):

    irdl.dialect @cmath attributes {...} { ... }      irdl.type @complex { ... }
    %0 = irdl.is f32                %1 = irdl.any_of(%0, %a)      %2 = irdl.all_of(%0, %a)
    %3 = irdl.any                   %4 = irdl.parametric @cmath::@complex<%0>
    %5 = irdl.base @cmath::@complex     %6 = irdl.base "!builtin.integer"
    irdl.parameters(elem: %0)       irdl.operands(lhs: %0, rest: variadic %1, opt: optional %2)
    irdl.attributes {"attr" = %0}   %r = irdl.region(%0, %1) with size 2     irdl.regions(r: %r)

A definition without a body gets one empty block, as in MLIR.
"""

from __future__ import annotations

from typing import Any

from dialir.core.ir.attrs import ArrayAttr, IntegerAttr, StringAttr, SymbolRefAttr, UnitAttr
from dialir.core.ir.literals import fits_signed
from dialir.core.ir.operation import Block, Operation, Region
from dialir.core.ir.types import IntegerType
from dialir.dialects.irdl.ops import SINGLE, variadicity_attr
from dialir.dialects.irdl.types import ATTRIBUTE, REGION

GRAMMAR = r"""
%extend custom_op: irdl_definition | irdl_is | irdl_any | irdl_combinator | irdl_parametric
                 | irdl_base | irdl_values | irdl_attributes | irdl_region

irdl_definition: irdl_definition_kw SYMBOL [attr_dict_kw] [region]
irdl_definition_kw: IRDL_DEFINITION
IRDL_DEFINITION.3: "irdl.dialect" | "irdl.type" | "irdl.attribute" | "irdl.operation"

irdl_is: IRDL_IS attribute [attr_dict]
IRDL_IS.2: "irdl.is"
irdl_any: IRDL_ANY [attr_dict]
IRDL_ANY.2: "irdl.any"
irdl_combinator: IRDL_COMBINATOR "(" value_use_list ")" [attr_dict]
IRDL_COMBINATOR.3: "irdl.any_of" | "irdl.all_of"
irdl_parametric: IRDL_PARAMETRIC SYMBOL "<" value_use_list ">" [attr_dict]
IRDL_PARAMETRIC.2: "irdl.parametric"
irdl_base: IRDL_BASE [SYMBOL | STRING] [attr_dict]
IRDL_BASE.2: "irdl.base"

irdl_values: IRDL_VALUES "(" [irdl_named_value ("," irdl_named_value)*] ")" [attr_dict]
IRDL_VALUES.3: "irdl.parameters" | "irdl.operands" | "irdl.results" | "irdl.regions"
irdl_named_value: [irdl_value_name ":"] [IRDL_SINGLE | IRDL_OPTIONAL | IRDL_VARIADIC] value_use
irdl_value_name: BARE_ID | INT
IRDL_SINGLE.3: "single"
IRDL_OPTIONAL.3: "optional"
IRDL_VARIADIC.3: "variadic"

irdl_attributes: IRDL_ATTRIBUTES [irdl_attribute_entries] [attr_dict]
irdl_attribute_entries: "{" irdl_attribute_entry ("," irdl_attribute_entry)* "}"
irdl_attribute_entry: (STRING | INT) "=" value_use
IRDL_ATTRIBUTES.4: "irdl.attributes"

irdl_region: IRDL_REGION [irdl_region_args] [irdl_region_size] [attr_dict]
irdl_region_args: "(" value_use_list ")"
irdl_region_size: "with" "size" INT
IRDL_REGION.2: "irdl.region"
"""

_I32 = IntegerType(32)


def _op(name: str, tok: Any, b: Any, operands: list | None = None, result_types: tuple = (),
        props: dict | None = None, attrs: Any = None, regions: list | None = None) -> Operation:  # fmt: skip
    op = Operation.create(name, operands or [], list(result_types), properties=props or {},
                          regions=regions or [], location=b.loc(tok))  # fmt: skip
    for key, value in attrs or ():
        op.attributes[key] = value
    return op


def _resolve(b: Any, toks: list, t: Any) -> list:
    """The values of a value_use_list, all of type `t`."""
    return [v for tok in toks for v in b.resolve_operands(tok, [t])]


def _definition_kw(b: Any, c: list) -> Any:
    b.enter_op(str(c[0]))
    return c[0]


def _definition(b: Any, c: list) -> Operation:
    kw, sym, attrs, region = c
    b.exit_op()
    if region is None:
        region = Region()
    if not region.blocks:
        region.append(Block())
    name = b.symbol_names(sym)
    if len(name) != 1:
        raise b.error(sym, "expected a symbol name, not a nested reference")
    op = _op(str(kw), kw, b, props={"sym_name": StringAttr(name[0])}, regions=[region])
    for key, value in attrs or ():
        op.attributes[key] = value
    return op


def _is(b: Any, c: list) -> Operation:
    kw, expected, attrs = c
    return _op("irdl.is", kw, b, result_types=(ATTRIBUTE,), props={"expected": expected},
               attrs=attrs)  # fmt: skip


def _any(b: Any, c: list) -> Operation:
    kw, attrs = c
    return _op("irdl.any", kw, b, result_types=(ATTRIBUTE,), attrs=attrs)


def _combinator(b: Any, c: list) -> Operation:
    kw, values, attrs = c
    return _op(str(kw), kw, b, _resolve(b, values, ATTRIBUTE), (ATTRIBUTE,), attrs=attrs)


def _symbol_ref(b: Any, tok: Any) -> SymbolRefAttr:
    names = b.symbol_names(tok)
    return SymbolRefAttr(names[0], names[1:])


def _parametric(b: Any, c: list) -> Operation:
    kw, sym, values, attrs = c
    return _op("irdl.parametric", kw, b, _resolve(b, values, ATTRIBUTE), (ATTRIBUTE,),
               {"base_type": _symbol_ref(b, sym)}, attrs)  # fmt: skip


def _base(b: Any, c: list) -> Operation:
    kw, base, attrs = c
    props: dict = {}
    if base is not None and base.type == "SYMBOL":
        props["base_ref"] = _symbol_ref(b, base)
    elif base is not None:
        props["base_name"] = StringAttr(b.string_value(base))
    return _op("irdl.base", kw, b, result_types=(ATTRIBUTE,), props=props, attrs=attrs)


def _named_value(b: Any, c: list) -> tuple:
    name, kind, value = c
    if name is None or name.type != "BARE_ID":
        # MLIR's parseKeyword: a name is required, and it is a keyword, not a number.
        raise b.error(name if name is not None else value, "expected valid keyword")
    return (str(name), str(kind) if kind is not None else SINGLE, value)


def _value_name(b: Any, c: list) -> Any:
    return c[0]


def _values(b: Any, c: list) -> Operation:
    kw, *entries, attrs = c
    entries = [e for e in entries if e is not None]
    name = str(kw)
    t = REGION if name == "irdl.regions" else ATTRIBUTE
    props: dict = {"names": ArrayAttr([StringAttr(n) for n, _, _ in entries])}
    if name in ("irdl.operands", "irdl.results"):
        props["variadicity"] = variadicity_attr([k for _, k, _ in entries])
    elif any(k != SINGLE for _, k, _ in entries):
        # Only operands and results have a variadicity: MLIR reads the marker as a value.
        bad = next(tok for _, k, tok in entries if k != SINGLE)
        raise b.error(bad, "expected SSA operand")
    operands = [v for _, _, tok in entries for v in b.resolve_operands(tok, [t])]
    return _op(name, kw, b, operands, (), props, attrs)


def _attribute_entry(b: Any, c: list) -> tuple:
    # A name is a string; an integer is read only for the verifier to reject, as MLIR's.
    tok, value = c
    name = StringAttr(b.string_value(tok)) if tok.type == "STRING" else IntegerAttr(int(tok, 0))
    return (name, b.resolve_operands(value, [ATTRIBUTE])[0])


def _attribute_entries(b: Any, c: list) -> list:
    return [e for e in c if e is not None]


def _attributes(b: Any, c: list) -> Operation:
    kw, entries, attrs = c
    entries = entries or []
    props = {"attributeValueNames": ArrayAttr([n for n, _ in entries])}
    return _op("irdl.attributes", kw, b, [v for _, v in entries], (), props, attrs)


def _region_args(b: Any, c: list) -> list:
    return _resolve(b, c[0], ATTRIBUTE)


def _region_size(b: Any, c: list) -> IntegerAttr:
    size = int(c[0], 0)
    if not fits_signed(size, 32):  # numberOfBlocks is an i32 property
        raise b.error(c[0], "integer value out of range for a 32-bit block count")
    return IntegerAttr(size, _I32)


def _region(b: Any, c: list) -> Operation:
    kw, args, size, attrs = c
    props: dict = {}
    if args is not None:  # `(...)` was written, maybe empty: the arguments are constrained
        props["constrainedArguments"] = UnitAttr()
    if size is not None:
        props["numberOfBlocks"] = size
    return _op("irdl.region", kw, b, args or [], (REGION,), props, attrs)


CALLBACKS = {
    "irdl_definition_kw": _definition_kw,
    "irdl_definition": _definition,
    "irdl_is": _is,
    "irdl_any": _any,
    "irdl_combinator": _combinator,
    "irdl_parametric": _parametric,
    "irdl_base": _base,
    "irdl_named_value": _named_value,
    "irdl_value_name": _value_name,
    "irdl_values": _values,
    "irdl_attribute_entry": _attribute_entry,
    "irdl_attribute_entries": _attribute_entries,
    "irdl_attributes": _attributes,
    "irdl_region_args": _region_args,
    "irdl_region_size": _region_size,
    "irdl_region": _region,
}
