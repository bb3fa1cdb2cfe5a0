"""Test passes for the dialect conversion framework (dialir.core.rewrite.conversion), loaded by the lit
tests in tests/lit/conversion through `dialir-opt --load-pass-plugin=conversion_test_passes`
(like MLIR's TestDialectConversion passes).

- `test-convert-index-to-i64`: `index` becomes `i64` in arith, func and cf ops (a type
  converter, signature conversion, materializations); partial or full conversion.
- `test-legalize-patterns`: `test.*` ops are illegal unless marked legal; patterns that chain,
  cycle, compete by benefit, modify in place and erase exercise the legalizer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from dialir.core.ir.attrs import IntegerAttr, Location, StringAttr, UnitAttr
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import IndexType, IntegerType, Type
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.conversion import (
    ConversionPattern,
    ConversionTarget,
    FunctionSignatureConversion,
    OpTypeConversion,
    TypeConverter,
    apply_full_conversion,
    apply_partial_conversion,
    conversion_pattern,
)
from dialir.dialects.arith.ops import ConstantOp, ExtSIOp, IndexCastOp, TruncIOp

index, i64 = IndexType(), IntegerType(64)

# Ops whose meaning does not depend on the integer type: rebuilt with converted types.
_STRUCTURAL = (
    "arith.addi", "arith.subi", "arith.muli", "arith.divsi", "arith.remsi", "arith.andi",
    "arith.ori", "arith.xori", "arith.maxsi", "arith.minsi", "arith.cmpi", "arith.select",
    "func.return", "func.call", "cf.br", "cf.cond_br",
)  # fmt: skip


# -- test-convert-index-to-i64 ----------------------------------------------------------------


def _index_cast(builder, t: Type, inputs: Sequence[Value], loc: Location) -> Value | None:
    if len(inputs) != 1:
        return None
    return builder.create(IndexCastOp, inputs[0], result_types=[t], location=loc).results[0]


def _decline(builder, t: Type, inputs: Sequence[Value], loc: Location) -> None:
    return None


def index_to_i64_converter(materialize: str = "cast") -> TypeConverter:
    """index -> i64, every other type unchanged. `materialize`: "cast" (keep
    unrealized_conversion_cast), "index-cast" (arith.index_cast), "none" (refuse)."""
    converter = TypeConverter()
    converter.add_conversion(lambda t: t)
    converter.add_conversion(lambda t: i64 if t is index else None)
    if materialize == "index-cast":
        converter.add_source_materialization(_index_cast)
        converter.add_target_materialization(_index_cast)
    elif materialize == "none":
        converter.add_source_materialization(_decline)
        converter.add_target_materialization(_decline)
    elif materialize != "cast":
        raise ValueError(f"materialize must be cast, index-cast or none, not '{materialize}'")
    return converter


@conversion_pattern("arith.constant")
def ConvertIndexConstant(op, operands, rewriter) -> bool:
    """arith.constant N : index -> arith.constant N : i64"""
    value = op.value
    if not isinstance(value, IntegerAttr) or value.type is not index:
        return rewriter.notify_match_failure(op, "not an index constant")
    rewriter.replace_op_with(op, ConstantOp(value=IntegerAttr(value.value, i64)))
    return True


@conversion_pattern("arith.index_cast")
def ConvertIndexCast(op, operands, rewriter) -> bool:
    """index_cast between index (now i64) and iN -> extsi, trunci, or nothing"""
    (value,) = operands
    out = rewriter.type_converter.convert_type(op.results[0].type)
    if value.type is out:
        rewriter.replace_op(op, [value])
    elif value.type.width < out.width:
        rewriter.replace_op_with(op, ExtSIOp(value, result_types=[out]))
    else:
        rewriter.replace_op_with(op, TruncIOp(value, result_types=[out]))
    return True


def index_to_i64_patterns(converter: TypeConverter) -> list[ConversionPattern]:
    patterns: list[ConversionPattern] = [
        ConvertIndexConstant(converter),
        ConvertIndexCast(converter),
        FunctionSignatureConversion(converter),
    ]
    patterns.extend(OpTypeConversion(name, converter) for name in _STRUCTURAL)
    return patterns


def index_to_i64_target(converter: TypeConverter) -> ConversionTarget:
    target = ConversionTarget()
    target.add_legal_op("builtin.module")
    target.add_dynamically_legal_dialect(["arith", "cf", "func"], converter.is_legal)
    target.add_dynamically_legal_op(
        "func.func",
        lambda op: converter.is_signature_legal(op.type) and converter.is_legal(op.body),
    )
    return target


@register_pass
@dataclasses.dataclass
class TestConvertIndexToI64(Pass):
    name = "test-convert-index-to-i64"
    summary = "Convert index to i64 in arith, cf and func ops (tests dialect conversion)"
    full: bool = dataclasses.field(
        default=False, metadata={"help": "full conversion: every op must become legal"}
    )
    materialize: str = dataclasses.field(
        default="cast", metadata={"help": "materializations: cast, index-cast or none"}
    )

    def run(self, op: Operation) -> None:
        converter = index_to_i64_converter(self.materialize)
        target = index_to_i64_target(converter)
        apply = apply_full_conversion if self.full else apply_partial_conversion
        apply(op, target, index_to_i64_patterns(converter), converter)


# -- test-legalize-patterns ---------------------------------------------------------------------


def _rename(op: Operation, name: str, rewriter, **attrs) -> bool:
    """Replace `op` with an op called `name`: same operands, results and attributes."""
    attributes = dict(op.attributes)
    attributes.update(attrs)
    new = Operation.create(
        name, op.operands, op.result_types, attributes, dict(op.properties), location=op.location
    )
    rewriter.replace_op_with(op, new)
    return True


def _renaming(root: str, to: str, benefit: int = 1, **attrs) -> type[ConversionPattern]:
    def rewrite(op, operands, rewriter) -> bool:
        return _rename(op, to, rewriter, **attrs)

    rewrite.__name__ = f"{root}->{to}"
    rewrite.__doc__ = f"{root} -> {to}"
    return conversion_pattern(root, benefit)(rewrite)


@conversion_pattern("test.dynamic")
def MarkDynamicLegal(op, operands, rewriter) -> bool:
    """test.dynamic -> test.dynamic {legal}, in place"""
    rewriter.modify_op_in_place(op, lambda: op.attributes.__setitem__("legal", UnitAttr()))
    return True


@conversion_pattern("test.erase_me")
def EraseOp(op, operands, rewriter) -> bool:
    """test.erase_me -> (nothing)"""
    rewriter.erase_op(op)
    return True


def legalize_patterns() -> list[ConversionPattern]:
    classes = [
        _renaming("test.a", "test.b"),  # test.a -> test.b -> test.c, one pattern each
        _renaming("test.b", "test.c"),
        _renaming("test.cycle_a", "test.cycle_b"),  # a cycle: never legal
        _renaming("test.cycle_b", "test.cycle_a"),
        # The best pattern leads to an op nothing legalizes: rolled back for the next one.
        _renaming("test.pick", "test.dead_end", benefit=2, picked=StringAttr("high")),
        _renaming("test.pick", "test.c", benefit=1, picked=StringAttr("low")),
        MarkDynamicLegal,
        EraseOp,
    ]
    return [cls() for cls in classes]


def legalize_target() -> ConversionTarget:
    target = ConversionTarget()
    target.add_legal_dialect("builtin", "func")
    target.add_illegal_dialect("test")
    target.add_legal_op("test.c", "test.legal", "test.recursive_container")
    target.add_dynamically_legal_op("test.dynamic", lambda op: "legal" in op.attributes)
    target.mark_op_recursively_legal("test.recursive_container")
    return target


@register_pass
@dataclasses.dataclass
class TestLegalizePatterns(Pass):
    name = "test-legalize-patterns"
    summary = "Legalize test.* ops with chained, cyclic and competing patterns"
    full: bool = dataclasses.field(
        default=False, metadata={"help": "full conversion: every op must become legal"}
    )

    def run(self, op: Operation) -> None:
        apply = apply_full_conversion if self.full else apply_partial_conversion
        apply(op, legalize_target(), legalize_patterns())
