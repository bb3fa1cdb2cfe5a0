"""Dialect conversion (dialir.core.rewrite.conversion): legality, type conversion with
materializations, signature conversion, the legalizer (recursion, benefit, rollback), partial
vs full conversion, and failures that report every op and leave the IR exactly as it was."""

from __future__ import annotations

import pytest

from dialir.core.ir.attrs import IntegerAttr, StringAttr, UnitAttr
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import DiagnosticError, SourceManager
from dialir.core.ir.operation import Block, Operation, OpResult
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import (
    FloatType,
    FunctionType,
    IndexType,
    IntegerType,
    NoneType,
    TupleType,
)
from dialir.core.ir.verifier import verify
from dialir.core.rewrite.conversion import (
    ConversionError,
    ConversionPattern,
    ConversionPatternRewriter,
    ConversionTarget,
    FunctionSignatureConversion,
    LegalizationAction,
    OpTypeConversion,
    SignatureConversion,
    TypeConverter,
    apply_analysis_conversion,
    apply_full_conversion,
    apply_partial_conversion,
    conversion_pattern,
    reconcile_unrealized_casts,
)
from dialir.core.rewrite.patterns import PatternRewriter, RewritePattern
from dialir.dialects.arith.ops import AddIOp, ConstantOp, IndexCastOp
from dialir.parser.parser import parse

index, i1, i32, i64 = IndexType(), IntegerType(1), IntegerType(32), IntegerType(64)
CAST = "builtin.unrealized_conversion_cast"


def _parse(text: str):
    return parse(text, "input.mlir", allow_unregistered=True)


def _text(op: Operation) -> str:
    # The input's names: the expected texts below are written with them.
    return Printer.to_string(op, source_names=True)


def _full_text(op: Operation) -> str:
    """Everything printing can show: generic form with locations."""
    return Printer.to_string(op, generic=True, debuginfo=True)


def _ops(op: Operation) -> list[str]:
    return [o.name for o in op.walk()]


# -- index -> i64 -----------------------------------------------------------------------------


def index_converter() -> TypeConverter:
    tc = TypeConverter()
    tc.add_conversion(lambda t: t)
    tc.add_conversion(lambda t: i64 if t is index else None)
    return tc


@conversion_pattern("arith.constant")
def ConvertConstant(op, operands, rewriter) -> bool:
    """arith.constant N : index -> arith.constant N : i64"""
    if op.value.type is not index:
        return rewriter.notify_match_failure(op, "not an index constant")
    rewriter.replace_op_with(op, ConstantOp(value=IntegerAttr(op.value.value, i64)))
    return True


STRUCTURAL = ("arith.addi", "arith.muli", "func.return", "func.call", "cf.br", "cf.cond_br")


def index_patterns(tc: TypeConverter) -> list:
    return [
        ConvertConstant(tc),
        FunctionSignatureConversion(tc),
        *(OpTypeConversion(n, tc) for n in STRUCTURAL),
    ]


def index_target(tc: TypeConverter) -> ConversionTarget:
    target = ConversionTarget()
    target.add_legal_op("builtin.module")
    target.add_dynamically_legal_dialect(["arith", "func", "cf"], tc.is_legal)
    target.add_dynamically_legal_op(
        "func.func", lambda op: tc.is_signature_legal(op.type) and tc.is_legal(op.body)
    )
    return target


FUNC = """\
func.func @f(%a: index, %c: i1) -> index {
  %k = arith.constant 2 : index
  %0 = arith.addi %a, %k : index
  cf.cond_br %c, ^bb1(%0 : index), ^bb2(%a : index)
^bb1(%x: index):
  %1 = arith.muli %x, %x : index
  cf.br ^bb2(%1 : index)
^bb2(%y: index):
  return %y : index
}
"""


def test_index_to_i64_converts_signature_blocks_and_ops() -> None:
    m = _parse(FUNC)
    tc = index_converter()
    left = apply_partial_conversion(m, index_target(tc), index_patterns(tc))
    assert left == []
    verify(m)
    assert _text(m) == (
        "module {\n"
        "  func.func @f(%a: i64, %c: i1) -> i64 {\n"
        "    %c2_i64 = arith.constant 2 : i64\n"
        "    %0 = arith.addi %a, %c2_i64 : i64\n"
        "    cf.cond_br %c, ^bb1(%0 : i64), ^bb2(%a : i64)\n"
        "  ^bb1(%x: i64):  // pred: ^bb0\n"
        "    %1 = arith.muli %x, %x : i64\n"
        "    cf.br ^bb2(%1 : i64)\n"
        "  ^bb2(%y: i64):  // 2 preds: ^bb0, ^bb1\n"
        "    return %y : i64\n"
        "  }\n"
        "}"
    )
    assert CAST not in _ops(m)


def test_partial_conversion_keeps_unknown_ops_behind_casts() -> None:
    m = _parse(
        "func.func @f(%a: index) -> index {\n"
        "  %0 = arith.addi %a, %a : index\n"
        '  %1 = "test.opaque"(%0) : (index) -> index\n'
        "  %2 = arith.muli %1, %1 : index\n"
        "  return %2 : index\n"
        "}\n"
    )
    tc = index_converter()
    left = apply_partial_conversion(m, index_target(tc), index_patterns(tc))
    assert [o.name for o in left] == ["test.opaque"]
    verify(m)
    opaque = left[0]
    # Its operand comes from the new i64 addi through a source materialization ...
    src = opaque.operand(0).owner
    assert src.name == CAST and src.operand(0).type is i64 and src.results[0].type is index
    assert src.operand(0).owner.name == "arith.addi"
    # ... and its result reaches the new muli through a target materialization.
    (use,) = list(opaque.results[0].uses)
    assert use.owner.name == CAST and use.owner.results[0].type is i64
    assert _ops(m).count(CAST) == 2


def test_full_conversion_fails_on_unknown_op_and_leaves_ir_unchanged() -> None:
    text = (
        "func.func @f(%a: index) -> index {\n"
        "  %0 = arith.addi %a, %a : index\n"
        '  %1 = "test.opaque"(%0) : (index) -> index\n'
        "  return %1 : index\n"
        "}\n"
    )
    m = _parse(text)
    before = _full_text(m)
    tc = index_converter()
    with pytest.raises(ConversionError) as err:
        apply_full_conversion(m, index_target(tc), index_patterns(tc))
    (d,) = err.value.diagnostics
    assert d.message == "failed to legalize operation 'test.opaque'"
    assert (d.location.line, d.location.column) == (3, 8)  # the op name, as MLIR
    assert _full_text(m) == before
    verify(m)
    # The same input converts in partial mode.
    apply_partial_conversion(m, index_target(tc), index_patterns(tc))
    assert "func.func @f(%a: i64) -> i64" in _text(m)


def test_failure_reports_every_illegal_op_with_locations_and_restores_ir() -> None:
    # Many rewrites succeed (signatures, block arguments, constants, casts) before and after
    # the failing ops; all of it must be undone.
    text = FUNC.replace(
        "  %1 = arith.muli %x, %x : index\n",
        "  %1 = arith.muli %x, %x : index\n"
        "  %2 = arith.floordivsi %1, %x : index\n"
        '  "test.region"() ({\n'
        "    %3 = arith.ceildivsi %2, %1 : index\n"
        '    "test.sink"(%3) : (index) -> ()\n'
        "  }) : () -> ()\n",
    )
    m = _parse(text)
    before, before_custom = _full_text(m), _text(m)
    ops_before = list(m.walk())
    args_before = [list(b.args) for o in ops_before for r in o.regions for b in r.blocks]
    tc = index_converter()
    with pytest.raises(ConversionError) as err:
        apply_partial_conversion(m, index_target(tc), index_patterns(tc))
    diags = err.value.diagnostics
    assert [(d.message, d.location.line, d.location.column) for d in diags] == [
        (
            "failed to legalize operation 'arith.floordivsi' that was explicitly marked illegal",
            7,
            8,
        ),
        (
            "failed to legalize operation 'arith.ceildivsi' that was explicitly marked illegal",
            9,
            10,
        ),
    ]
    assert isinstance(err.value, DiagnosticError)
    rendered = SourceManager().render(diags[0], show_source=False)
    assert rendered.startswith("input.mlir:7:8: error: failed to legalize operation")
    # Unchanged: the same text, the same op and argument objects, consistent use lists.
    assert _full_text(m) == before and _text(m) == before_custom
    assert list(m.walk()) == ops_before
    assert [list(b.args) for o in m.walk() for r in o.regions for b in r.blocks] == args_before
    verify(m)
    for op in m.walk():
        for i, use in enumerate(op.operand_uses):
            assert use.index == i and use.owner is op
            assert any(u is use for u in use.value.uses)
        for r in op.results:
            assert all(u.value is r for u in r.uses)


def test_converting_a_function_as_root() -> None:
    m = _parse(FUNC)
    func = next(o for o in m.walk() if o.name == "func.func")
    tc = index_converter()
    apply_partial_conversion(func, index_target(tc), index_patterns(tc))
    assert func.type == FunctionType([i64, i1], [i64])
    verify(m)


def test_declaration_and_arg_attrs_follow_signature() -> None:
    m = _parse("func.func private @d(index {test.a}, i32 {test.b}) -> (index {test.r})\n")
    tc = index_converter()
    apply_partial_conversion(m, index_target(tc), index_patterns(tc))
    assert "func.func private @d(i64 {test.a}, i32 {test.b}) -> (i64 {test.r})" in _text(m)


# -- materializations ---------------------------------------------------------------------------


OPAQUE = (
    "func.func @f(%a: index) -> index {\n"
    "  %0 = arith.addi %a, %a : index\n"
    '  %1 = "test.opaque"(%0) : (index) -> index\n'
    "  %2 = arith.muli %1, %1 : index\n"
    "  return %2 : index\n"
    "}\n"
)


def _index_cast(builder, t, inputs, loc):
    return builder.create(IndexCastOp, inputs[0], result_types=[t], location=loc).results[0]


def test_materialization_callbacks_replace_casts() -> None:
    m = _parse(OPAQUE)
    tc = index_converter()
    calls = []

    def never(builder, t, inputs, loc):
        calls.append("never")
        return None

    tc.add_source_materialization(never)
    tc.add_source_materialization(_index_cast)  # added last: asked first
    tc.add_target_materialization(_index_cast)
    apply_partial_conversion(m, index_target(tc), index_patterns(tc))
    verify(m)
    assert CAST not in _ops(m)
    assert _ops(m).count("arith.index_cast") == 2
    assert calls == []
    assert "%1 = arith.index_cast %0 : i64 to index" in _text(m)


def test_declining_materializations_report_each_live_cast() -> None:
    m = _parse(OPAQUE)
    before = _full_text(m)
    tc = index_converter()
    tc.add_source_materialization(lambda b, t, inputs, loc: None)
    tc.add_target_materialization(lambda b, t, inputs, loc: None)
    with pytest.raises(ConversionError) as err:
        apply_partial_conversion(m, index_target(tc), index_patterns(tc))
    src, tgt = err.value.diagnostics
    assert src.message == (
        "failed to legalize unresolved materialization from ('i64') to ('index') that "
        "remained live after conversion"
    )
    assert src.location.line == 2
    assert src.notes[0].message.startswith("see existing live user here: ")
    assert "test.opaque" in src.notes[0].message and src.notes[0].location.line == 3
    assert tgt.message.startswith("failed to legalize unresolved materialization from ('index')")
    assert _full_text(m) == before


def test_casts_marked_illegal_must_be_materialized() -> None:
    m = _parse(OPAQUE)
    tc = index_converter()
    target = index_target(tc)
    target.add_illegal_op(CAST)
    with pytest.raises(ConversionError) as err:
        apply_partial_conversion(m, target, index_patterns(tc))
    assert len(err.value.diagnostics) == 2
    # With materializations the same conversion succeeds.
    tc.add_source_materialization(_index_cast)
    tc.add_target_materialization(_index_cast)
    apply_partial_conversion(m, target, index_patterns(tc))
    assert CAST not in _ops(m)


def test_default_materialization_is_a_cast() -> None:
    m = _parse('%0 = "test.def"() : () -> i64\n')
    tc = TypeConverter()
    block = m.regions[0].blocks[0]
    b = Builder.at_end(block)
    v = tc.materialize_source_conversion(b, index, [block.first.results[0]])
    assert v.owner.name == CAST and v.type is index
    tc.add_source_materialization(lambda b, t, inputs, loc: inputs[0])
    with pytest.raises(TypeError, match="built a value of type i64, not index"):
        tc.materialize_source_conversion(b, index, [block.first.results[0]])


# -- type converter -------------------------------------------------------------------------------


def test_type_converter_callbacks_latest_first() -> None:
    tc = TypeConverter()
    tc.add_conversion(lambda t: t)
    tc.add_conversion(lambda t: i64 if t is index else None)
    tc.add_conversion(lambda t: False if t is i1 else None)  # i1 cannot convert
    pair = TupleType([i32, i64])
    tc.add_conversion(lambda t: list(t.types) if isinstance(t, TupleType) else None)
    tc.add_conversion(lambda t: [] if isinstance(t, NoneType) else None)
    assert tc.convert_type(index) is i64 and tc.convert_type(i32) is i32
    assert tc.convert_type(i1) is None and tc.convert_type_list(i1) is None
    assert tc.convert_type_list(pair) == (i32, i64) and tc.convert_type(pair) is None
    assert tc.convert_type_list(NoneType()) == ()
    assert tc.convert_types([index, pair, NoneType(), i32]) == [i64, i32, i64, i32]
    assert tc.convert_types([index, i1]) is None
    assert tc.is_legal(i32) and not tc.is_legal(index) and not tc.is_legal([i32, index])
    assert tc.is_signature_legal(FunctionType([i32], [i64]))
    assert not tc.is_signature_legal(FunctionType([i32], [index]))
    bad = TypeConverter()
    bad.add_conversion(lambda t: "i64")
    with pytest.raises(TypeError, match="returned 'i64'"):
        bad.convert_type(index)


def test_type_converter_caches_and_forgets_on_new_conversion() -> None:
    seen = []
    tc = TypeConverter()
    tc.add_conversion(lambda t: seen.append(t) or t)
    tc.convert_type(index)
    tc.convert_type(index)
    assert seen == [index]
    tc.add_conversion(lambda t: i64 if t is index else None)
    assert tc.convert_type(index) is i64


def test_signature_conversion() -> None:
    tc = index_converter()
    tc.add_conversion(lambda t: [i32, i32] if isinstance(t, TupleType) else None)
    conv, results = tc.convert_signature(FunctionType([index, TupleType([i32, i32]), i1], [index]))
    assert conv.converted_types == [i64, i32, i32, i1] and results == [i64]
    m1 = conv.input_mapping(1)
    assert (m1.start, m1.size, m1.replacement) == (1, 2, None)
    extra = SignatureConversion(2)
    extra.add_inputs(0, [i64])
    extra.add_inputs([i32])
    assert extra.converted_types == [i64, i32] and extra.input_mapping(1) is None
    with pytest.raises(ValueError, match="already been remapped"):
        extra.add_inputs(0, [i64])


def test_one_to_n_and_dropped_block_arguments() -> None:
    pair = TupleType([i32, i32])
    m = _parse(
        '"test.func"() ({\n'
        "^bb0(%p: tuple<i32, i32>, %n: none, %x: index):\n"
        '  %s = "test.sum"(%p) : (tuple<i32, i32>) -> i32\n'
        '  "test.keep"(%p, %x) : (tuple<i32, i32>, index) -> ()\n'
        "}) : () -> ()\n"
    )
    tc = index_converter()
    tc.add_conversion(lambda t: [i32, i32] if t is pair else None)
    tc.add_conversion(lambda t: [] if isinstance(t, NoneType) else None)
    seen = []

    @conversion_pattern("test.func")
    def ConvertBody(op, operands, rewriter) -> bool:
        rewriter.modify_op_in_place(op, lambda: op.attributes.__setitem__("done", UnitAttr()))
        return rewriter.convert_region_types(op.regions[0])

    @conversion_pattern("test.sum", one_to_n=True)
    def SumPair(op, operands, rewriter) -> bool:
        ((a, b),) = operands
        seen.append((a.type, b.type))
        rewriter.replace_op_with(op, AddIOp(a, b))
        return True

    target = ConversionTarget()
    target.add_legal_op("builtin.module", "test.keep", "arith.addi")
    target.add_dynamically_legal_op("test.func", lambda op: "done" in op.attributes)
    apply_full_conversion(m, target, [ConvertBody(tc), SumPair(tc)])
    block = m.regions[0].blocks[0].first.regions[0].blocks[0]
    assert [a.type for a in block.args] == [i32, i32, i64]
    assert seen == [(i32, i32)]
    keep = next(o for o in m.walk() if o.name == "test.keep")
    p_cast, x_cast = (keep.operand(0).owner, keep.operand(1).owner)
    assert p_cast.name == CAST and list(p_cast.operands) == block.args[:2]
    assert x_cast.name == CAST and x_cast.operand(0) is block.args[2]
    add = next(o for o in m.walk() if o.name == "arith.addi")
    assert list(add.operands) == block.args[:2]


def test_dropped_argument_still_used_is_an_error() -> None:
    m = _parse(
        '"test.func"() ({\n^bb0(%n: none):\n  "test.keep"(%n) : (none) -> ()\n}) : () -> ()\n'
    )
    before = _full_text(m)
    tc = TypeConverter()
    tc.add_conversion(lambda t: [] if isinstance(t, NoneType) else t)

    @conversion_pattern("test.func")
    def ConvertBody(op, operands, rewriter) -> bool:
        rewriter.modify_op_in_place(op, lambda: op.attributes.__setitem__("done", UnitAttr()))
        return rewriter.convert_region_types(op.regions[0])

    target = ConversionTarget()
    target.add_legal_op("builtin.module", "test.keep")
    target.add_dynamically_legal_op("test.func", lambda op: "done" in op.attributes)
    with pytest.raises(ConversionError) as err:
        apply_partial_conversion(m, target, [ConvertBody(tc)])
    assert err.value.diagnostics[0].message.startswith(
        "failed to legalize unresolved materialization from () to ('none')"
    )
    assert _full_text(m) == before


def test_remap_input_replaces_an_argument_with_a_value() -> None:
    m = _parse(
        '%v = "test.def"() : () -> i64\n'
        '"test.func"() ({\n^bb0(%a: index, %b: i64):\n'
        '  "test.use"(%a, %b) : (index, i64) -> ()\n}) : () -> ()\n'
    )
    v = m.regions[0].blocks[0].first.results[0]

    @conversion_pattern("test.func")
    def DropFirst(op, operands, rewriter) -> bool:
        conv = SignatureConversion(2)
        conv.remap_input(0, v)
        conv.add_inputs(1, [i64])
        rewriter.apply_signature_conversion(op.regions[0].blocks[0], conv)
        rewriter.modify_op_in_place(op, lambda: op.attributes.__setitem__("done", UnitAttr()))
        return True

    target = ConversionTarget()
    target.add_legal_op("builtin.module", "test.def", "test.use")
    target.add_dynamically_legal_op("test.func", lambda op: "done" in op.attributes)
    apply_full_conversion(m, target, [DropFirst()])
    block = next(o for o in m.walk() if o.name == "test.func").regions[0].blocks[0]
    assert [a.type for a in block.args] == [i64]
    use = block.last
    cast = use.operand(0).owner
    assert cast.name == CAST and cast.operand(0) is v and use.operand(1) is block.args[0]


# -- the legalizer ----------------------------------------------------------------------------------


def rename(root: str, to: str, benefit: int = 1, **attrs):
    @conversion_pattern(root, benefit)
    def Rename(op, operands, rewriter) -> bool:
        attributes = dict(op.attributes)
        attributes.update(attrs)
        new = Operation.create(to, op.operands, op.result_types, attributes)
        rewriter.replace_op_with(op, new)
        return True

    return Rename()


def legalize_target() -> ConversionTarget:
    target = ConversionTarget()
    target.add_legal_dialect("builtin")
    target.add_illegal_dialect("test")
    target.add_legal_op("test.c", "test.legal")
    return target


CHAIN = (
    '%x = "test.legal"() : () -> i32\n'
    '%0 = "test.a"(%x) : (i32) -> i32\n'
    '"test.legal"(%0) : (i32) -> ()\n'
)


def test_created_ops_are_legalized_recursively() -> None:
    m = _parse(CHAIN)
    apply_partial_conversion(
        m, legalize_target(), [rename("test.a", "test.b"), rename("test.b", "test.c")]
    )
    assert _ops(m) == ["builtin.module", "test.legal", "test.c", "test.legal"]
    # Without the second step, the first is rolled back: test.b would stay illegal.
    m = _parse(CHAIN)
    before = _full_text(m)
    with pytest.raises(ConversionError) as err:
        apply_partial_conversion(m, legalize_target(), [rename("test.a", "test.b")])
    assert err.value.diagnostics[0].message == (
        "failed to legalize operation 'test.a' that was explicitly marked illegal"
    )
    assert _full_text(m) == before


def test_patterns_by_benefit_with_rollback() -> None:
    m = _parse(CHAIN)
    patterns = [
        rename("test.a", "test.c", 1, picked=StringAttr("low")),
        rename("test.a", "test.dead_end", 3, picked=StringAttr("high")),
        rename("test.a", "test.c", 2, picked=StringAttr("middle")),
    ]
    apply_partial_conversion(m, legalize_target(), patterns)
    c = next(o for o in m.walk() if o.name == "test.c")
    assert c.attributes["picked"] == StringAttr("middle")
    assert "dead_end" not in _text(m)


def test_cycle_is_cut_and_reported() -> None:
    m = _parse(CHAIN)
    before = _full_text(m)
    patterns = [rename("test.a", "test.b"), rename("test.b", "test.a")]
    with pytest.raises(ConversionError) as err:
        apply_partial_conversion(m, legalize_target(), patterns)
    assert len(err.value.diagnostics) == 1
    assert _full_text(m) == before


def test_bounded_recursion() -> None:
    m = _parse('"test.count"() {n = 3 : i64} : () -> ()\n')

    def make(bounded: bool):
        @conversion_pattern("test.count", bounded_recursion=bounded)
        def CountDown(op, operands, rewriter) -> bool:
            n = op.attributes["n"].value
            name = "test.c" if n == 0 else "test.count"
            rewriter.create(name, attributes={"n": IntegerAttr(n - 1, i64)})
            rewriter.erase_op(op)
            return True

        return CountDown()

    target = legalize_target()
    with pytest.raises(ConversionError):
        apply_partial_conversion(m, target, [make(False)])
    apply_partial_conversion(m, target, [make(True)])
    assert _text(m) == 'module {\n  "test.c"() {n = -1 : i64} : () -> ()\n}'
    # Recursion without end is cut at a maximum depth.
    m = _parse('"test.count"() {n = 1000 : i64} : () -> ()\n')
    with pytest.raises(ConversionError):
        apply_partial_conversion(m, target, [make(True)])
    assert _ops(m) == ["builtin.module", "test.count"]


def test_dynamic_legality_and_in_place_update() -> None:
    m = _parse('"test.dyn"() : () -> ()\n"test.dyn"() {ok} : () -> ()\n')
    target = legalize_target()
    target.add_dynamically_legal_op("test.dyn", lambda op: "ok" in op.attributes)
    updated = []

    @conversion_pattern("test.dyn")
    def MarkOk(op, operands, rewriter) -> bool:
        updated.append(op)
        rewriter.modify_op_in_place(op, lambda: op.attributes.__setitem__("ok", UnitAttr()))
        return True

    apply_full_conversion(m, target, [MarkOk()])
    assert len(updated) == 1
    assert all("ok" in o.attributes for o in m.walk() if o.name == "test.dyn")


def test_recursively_legal_ops_hide_their_regions() -> None:
    text = '"test.box"() ({\n  "test.a"() : () -> ()\n}) : () -> ()\n'
    target = legalize_target()
    target.add_legal_op("test.box")
    target.mark_op_recursively_legal("test.box")
    m = _parse(text)
    apply_full_conversion(m, target, [])
    assert "test.a" in _ops(m)
    # With a predicate that says no, the region is converted.
    target.mark_op_recursively_legal("test.box", predicate=lambda op: "open" not in op.attributes)
    m = _parse('"test.box"() ({\n  "test.a"() : () -> ()\n}) {open} : () -> ()\n')
    apply_full_conversion(m, target, [rename("test.a", "test.c")])
    assert "test.c" in _ops(m) and "test.a" not in _ops(m)


def test_partial_and_full_differ_on_unknown_ops() -> None:
    text = '"other.op"() : () -> ()\n"test.a"() : () -> ()\n'
    m = _parse(text)
    left = apply_partial_conversion(m, legalize_target(), [rename("test.a", "test.c")])
    assert [o.name for o in left] == ["other.op"]
    m = _parse(text)
    with pytest.raises(ConversionError) as err:
        apply_full_conversion(m, legalize_target(), [rename("test.a", "test.c")])
    assert [d.message for d in err.value.diagnostics] == ["failed to legalize operation 'other.op'"]
    assert _text(m) == _text(_parse(text))


def test_analysis_conversion_leaves_ir_alone() -> None:
    m = _parse('"test.a"() : () -> ()\n"test.x"() : () -> ()\n"test.c"() : () -> ()\n')
    before = _full_text(m)
    ok = apply_analysis_conversion(m, legalize_target(), [rename("test.a", "test.c")])
    assert [o.name for o in ok] == ["builtin.module", "test.a", "test.c"]
    assert _full_text(m) == before


def test_region_moving_pattern_and_root_replacement() -> None:
    m = _parse(
        'func.func @f(%a: index) {\n  "test.wrap"(%a) ({\n  ^bb0(%b: index):\n'
        '    "test.inner"(%b) : (index) -> ()\n  }) : (index) -> ()\n  return\n}\n'
    )
    tc = index_converter()
    target = index_target(tc)
    target.add_dynamically_legal_op(["test.wrap", "test.inner"], tc.is_legal)
    target.add_dynamically_legal_op(
        "test.wrap", lambda op: tc.is_legal(op) and tc.is_legal(op.regions[0])
    )
    patterns = [
        *index_patterns(tc),
        OpTypeConversion("test.wrap", tc),
        OpTypeConversion("test.inner", tc),
    ]
    apply_full_conversion(m, target, patterns)
    verify(m)
    assert CAST not in _ops(m)
    assert '"test.inner"(%b) : (i64) -> ()' in _text(m)
    # The op a conversion starts from may itself be replaced.
    m = _parse(CHAIN)
    root = m.regions[0].blocks[0].first.next
    apply_partial_conversion(root, legalize_target(), [rename("test.a", "test.c")])
    assert _ops(m) == ["builtin.module", "test.legal", "test.c", "test.legal"]
    assert root.parent is None


def test_plain_rewrite_patterns_and_match_failures() -> None:
    class AToC(RewritePattern):
        root = "test.a"

        def match_and_rewrite(self, op, rewriter) -> bool:
            assert isinstance(rewriter, PatternRewriter)
            rewriter.replace_op_with(op, Operation.create("test.c", op.operands, op.result_types))
            return True

    m = _parse(CHAIN)
    apply_partial_conversion(m, legalize_target(), [AToC()])
    assert "test.c" in _ops(m)

    @conversion_pattern("test.a")
    def Refuse(op, operands, rewriter) -> bool:
        return rewriter.notify_match_failure(op, "never today")

    m = _parse(CHAIN)
    with pytest.raises(ConversionError) as err:
        apply_partial_conversion(m, legalize_target(), [Refuse()])
    ((loc, op_name, pattern, reason),) = err.value.match_failures
    assert (op_name, pattern, reason, loc.line) == ("test.a", "Refuse", "never today", 2)


def test_pattern_that_claims_success_without_change_is_a_bug() -> None:
    @conversion_pattern("test.a")
    def Liar(op, operands, rewriter) -> bool:
        rewriter.create("test.c")
        return True

    m = _parse(CHAIN)
    before = _full_text(m)
    with pytest.raises(ValueError, match="did not replace, erase or modify 'test.a'"):
        apply_partial_conversion(m, legalize_target(), [Liar()])
    assert _full_text(m) == before


def test_exception_in_pattern_restores_ir() -> None:
    tc = index_converter()

    @conversion_pattern("func.return")
    def Boom(op, operands, rewriter) -> bool:
        raise RuntimeError("boom")

    m = _parse(FUNC)
    before = _full_text(m)
    patterns = [p for p in index_patterns(tc) if getattr(p, "root", None) != "func.return"]
    with pytest.raises(RuntimeError, match="boom"):
        apply_partial_conversion(m, index_target(tc), [*patterns, Boom(tc)])
    assert _full_text(m) == before
    verify(m)


def test_adaptor_operands_are_converted_and_type_failure_explained() -> None:
    m = _parse(
        '%a = "test.def"() : () -> index\n'
        '%b = "test.def"() : () -> i1\n'
        '"test.use"(%a) : (index) -> ()\n'
        '"test.use2"(%b) : (i1) -> ()\n'
    )
    tc = index_converter()
    tc.add_conversion(lambda t: False if t is i1 else None)
    seen = []

    @conversion_pattern(None)
    def Record(op, operands, rewriter) -> bool:
        seen.append([v.type for v in operands])
        rewriter.modify_op_in_place(op, lambda: op.attributes.__setitem__("seen", UnitAttr()))
        return True

    target = ConversionTarget()
    target.add_legal_op("builtin.module", "test.def")
    # No opinion on unseen ops: those that no pattern converts may stay.
    target.add_dynamically_legal_dialect(
        "test", lambda op: True if "seen" in op.attributes else None
    )
    left = apply_partial_conversion(m, target, [Record(tc)])
    assert seen == [[i64]]
    assert [o.name for o in left] == ["test.use2"]
    # The target materialization the pattern asked for was unused in the end: gone.
    assert CAST not in _ops(m)


# -- target -------------------------------------------------------------------------------------------


def test_target_precedence_and_predicates() -> None:
    t = ConversionTarget()
    t.add_legal_dialect("arith")
    t.add_illegal_op(AddIOp)
    t.add_dynamically_legal_op("test.d", lambda op: None)  # no opinion: the older one decides
    t.add_dynamically_legal_op("test.e", lambda op: True)
    t.add_dynamically_legal_op("test.e", lambda op: None)
    m = _parse(
        "%c = arith.constant 1 : i32\n%s = arith.addi %c, %c : i32\n"
        '"test.d"() : () -> ()\n"test.e"() : () -> ()\n"test.u"() : () -> ()\n'
    )
    const, add, d, e, u = list(m.regions[0].blocks[0].ops)
    assert t.is_legal(const) and not t.is_illegal(const)
    assert not t.is_legal(add) and t.is_illegal(add)
    assert not t.is_legal(d) and not t.is_illegal(d)
    assert t.is_legal(e)
    assert not t.is_legal(u) and not t.is_illegal(u)
    assert t.get_op_action("arith.subi") is LegalizationAction.LEGAL
    assert t.get_op_action(AddIOp) is LegalizationAction.ILLEGAL
    assert t.get_op_action("test.u") is None
    t.mark_unknown_op_dynamically_legal(lambda op: op.name == "test.u")
    assert t.is_legal(u) and t.get_op_action("test.x") is LegalizationAction.DYNAMIC
    with pytest.raises(ValueError, match="must be marked legal"):
        t.mark_op_recursively_legal(AddIOp)
    with pytest.raises(TypeError):
        t.add_legal_op(42)


# -- casts and the rewriter ---------------------------------------------------------------------------


def test_reconcile_unrealized_casts() -> None:
    m = _parse(
        '%x = "test.def"() : () -> i64\n'
        f'%a = "{CAST}"(%x) : (i64) -> index\n'
        f'%b = "{CAST}"(%a) : (index) -> i32\n'
        f'%c = "{CAST}"(%b) : (i32) -> i64\n'
        f'%d = "{CAST}"(%x) : (i64) -> i1\n'
        f'%e = "{CAST}"(%x) : (i64) -> f32\n'
        '"test.use"(%c, %e) : (i64, f32) -> ()\n'
    )
    casts = [o for o in m.walk() if o.name == CAST]
    left = reconcile_unrealized_casts(casts)
    assert [o.results[0].type for o in left] == [FloatType("f32")]
    use = m.regions[0].blocks[0].last
    assert use.operand(0) is m.regions[0].blocks[0].first.results[0]
    verify(m)


def test_conversion_rewriter_logs_every_mutation() -> None:
    # Every mutating PatternRewriter method must be overridden, or it would change the IR
    # behind the undo log's back.
    read_only = {
        "set_insertion_point", "set_insertion_point_after", "set_insertion_point_to_start",
        "set_insertion_point_to_end",
    }  # fmt: skip
    public = {
        n for n in dir(PatternRewriter) if not n.startswith("_")
        and callable(getattr(PatternRewriter, n)) and n not in read_only
    }  # fmt: skip
    missing = sorted(n for n in public if n not in ConversionPatternRewriter.__dict__)
    assert missing == []


def test_rewriter_block_operations_undo() -> None:
    text = (
        '"test.outer"() ({\n'
        '  "test.first"() : () -> ()\n'
        '  "test.second"() : () -> ()\n'
        '  "test.inner"() ({\n'
        "  ^bb0(%a: i32):\n"
        '    "test.use"(%a) : (i32) -> ()\n'
        "  }) : () -> ()\n"
        '  "test.end"() : () -> ()\n'
        "}) : () -> ()\n"
    )

    @conversion_pattern("test.outer")
    def Shuffle(op, operands, rewriter) -> bool:
        block = op.regions[0].blocks[0]
        first = block.first
        second = first.next
        inner = second.next
        rewriter.move_op_after(first, second)
        new = rewriter.split_block(block, inner)
        extra = rewriter.create_block(op.regions[0], [i32])
        rewriter.create("test.made", [extra.args[0]])
        c = rewriter.create("test.const", result_types=[i32])
        rewriter.merge_blocks(inner.regions[0].blocks[0], new, [c.results[0]])
        rewriter.inline_region_before(
            op.regions[0], Operation.create("test.tmp", regions=1).regions[0]
        )
        rewriter.modify_op_in_place(op, lambda: op.attributes.__setitem__("x", UnitAttr()))
        return True

    m = _parse(text)
    before = _full_text(m)
    with pytest.raises(ConversionError):
        apply_partial_conversion(m, legalize_target(), [Shuffle()])
    assert _full_text(m) == before
    verify(m)
    a = m.regions[0].blocks[0].first.regions[0].blocks[0].last.prev.regions[0].blocks[0].args[0]
    assert [u.owner.name for u in a.uses] == ["test.use"]


def test_rewriter_insert_needs_a_valid_point() -> None:
    m = _parse(CHAIN)

    @conversion_pattern("test.a")
    def Bad(op, operands, rewriter) -> bool:
        rewriter.set_insertion_point_to_end(Block())
        rewriter.block = None
        rewriter.insert(Operation.create("test.c"))
        return True

    with pytest.raises(ValueError, match="no valid insertion point"):
        apply_partial_conversion(m, legalize_target(), [Bad()])
    assert _ops(m) == ["builtin.module", "test.legal", "test.a", "test.legal"]


def test_conversion_pattern_class_api() -> None:
    class Plain(ConversionPattern):
        root = AddIOp
        benefit = 4

    p = Plain(benefit=7)
    assert p.root_name == "arith.addi" and p.benefit == 7 and p.type_converter is None
    with pytest.raises(NotImplementedError):
        p.match_and_rewrite(None, [], None)


def test_blocks_moved_into_a_converted_region_are_converted() -> None:
    m = _parse(
        "func.func @f(%a: index) -> index {\n"
        '  "test.exec"() ({\n'
        "  ^bb0(%x: index):\n"
        '    "test.use"(%x) : (index) -> ()\n'
        '    "test.end"() : () -> ()\n'
        "  }) : () -> ()\n"
        "  return %a : index\n"
        "}\n"
    )
    tc = index_converter()

    @conversion_pattern("test.exec")
    def Hoist(op, operands, rewriter) -> bool:
        """test.exec's block moves into the enclosing function's body"""
        rewriter.inline_region_before(op.regions[0], op.parent.parent)
        rewriter.erase_op(op)
        return True

    target = index_target(tc)
    target.add_legal_op("test.use", "test.end")
    apply_full_conversion(m, target, [*index_patterns(tc), Hoist(tc)])
    func = m.regions[0].blocks[0].first
    moved = func.regions[0].blocks[1]
    assert [a.type for a in moved.args] == [i64]
    cast = moved.first
    assert cast.name == CAST and cast.operand(0) is moved.args[0]
    assert moved.first.next.operand(0) is cast.results[0]


def test_erase_ops_together() -> None:
    m = _parse('%0 = "test.a"() : () -> i32\n%1 = "test.a"(%0) : (i32) -> i32\n')

    @conversion_pattern("test.a")
    def EraseBoth(op, operands, rewriter) -> bool:
        block = op.parent
        rewriter.erase_ops([block.first, block.first.next])
        return True

    apply_full_conversion(m, legalize_target(), [EraseBoth()])
    assert _ops(m) == ["builtin.module"]


# -- undo on random programs ---------------------------------------------------------------------


def _random_function(rng, with_failure: bool) -> str:
    """A function on index values with nested regions whose block arguments convert too,
    ops that stay (test.opaque), ops patterns erase or expand, and maybe one op no pattern
    converts."""
    lines = ["func.func @f(%a: index, %b: index) -> index {"]
    counter = [0]

    def body(depth: int, values: list[str], indent: str) -> None:
        for _ in range(rng.randint(2, 7)):
            n = counter[0]
            counter[0] += 1
            x, y = rng.choice(values), rng.choice(values)
            kind = rng.choice(["addi", "muli", "const", "opaque", "gone", "region", "region"])
            if kind == "region" and depth < 3:
                lines.append(f'{indent}%v{n} = "test.region"({x}) ({{')
                lines.append(f"{indent}^bb0(%r{n}: index):")
                body(depth + 1, [*values, f"%r{n}"], indent + "  ")
                lines.append(f'{indent}  "test.yield"(%r{n}) : (index) -> ()')
                lines.append(f"{indent}}}) : (index) -> index")
            elif kind == "const":
                lines.append(f"{indent}%v{n} = arith.constant {n} : index")
            elif kind == "opaque":
                lines.append(f'{indent}%v{n} = "test.opaque"({x}, {y}) : (index, index) -> index')
            elif kind == "gone":
                lines.append(f'{indent}"test.gone"({x}) : (index) -> ()')
                continue
            else:
                op = "addi" if kind != "muli" else "muli"
                lines.append(f"{indent}%v{n} = arith.{op} {x}, {y} : index")
            values.append(f"%v{n}")

    values = ["%a", "%b"]
    body(0, values, "  ")
    if with_failure:
        # Somewhere in the middle of the already written ops, at the top level.
        at = rng.randint(2, len(lines) - 1)
        while lines[at].startswith("    ") or lines[at].lstrip().startswith(("^", "}", '"test.y')):
            at = rng.randint(2, len(lines) - 1)
        lines.insert(at, "  %bad = arith.floordivsi %a, %b : index")
    lines.append(f"  return {values[-1]} : index")
    lines.append("}")
    return "\n".join(lines) + "\n"


@conversion_pattern("test.gone")
def EraseGone(op, operands, rewriter) -> bool:
    rewriter.erase_op(op)
    return True


def _check_use_lists(root: Operation) -> None:
    for op in root.walk():
        for i, use in enumerate(op.operand_uses):
            assert use.index == i and use.owner is op
            assert any(u is use for u in use.value.uses)
        values = list(op.results) + [a for r in op.regions for b in r.blocks for a in b.args]
        for v in values:
            for u in v.uses:
                assert u.value is v and u.owner.operand_uses[u.index] is u


@pytest.mark.parametrize("seed", range(25))
def test_random_programs_convert_or_stay_unchanged(seed: int) -> None:
    import random

    tc = index_converter()
    target = index_target(tc)
    target.add_legal_op("test.opaque")
    target.add_dynamically_legal_op(
        ["test.region", "test.yield"],
        lambda op: tc.is_legal(op) and all(tc.is_legal(r) for r in op.regions),
    )
    target.add_illegal_op("test.gone")
    patterns = [
        *index_patterns(tc),
        OpTypeConversion("test.region", tc),
        OpTypeConversion("test.yield", tc),
        EraseGone(tc),
    ]
    text = _random_function(random.Random(seed), with_failure=True)
    m = _parse(text)
    before = _full_text(m)
    with pytest.raises(ConversionError) as err:
        apply_partial_conversion(m, target, patterns)
    assert [d.message.split("'")[1] for d in err.value.diagnostics] == ["arith.floordivsi"]
    assert _full_text(m) == before
    _check_use_lists(m)
    verify(m)

    m = _parse(_random_function(random.Random(seed), with_failure=False))
    apply_partial_conversion(m, target, patterns)
    verify(m)
    _check_use_lists(m)
    # index is left only where test.opaque (which stays) meets the converted ops.
    for op in m.walk():
        if op.name == CAST:
            ends = [v.owner.name for v in op.operands if isinstance(v, OpResult)]
            users = [u.owner.name for u in op.results[0].uses]
            assert "test.opaque" in ends or set(users) == {"test.opaque"}
        elif op.name != "test.opaque":
            assert tc.is_legal(op) and all(tc.is_legal(r) for r in op.regions), op.name
    assert "test.gone" not in _ops(m)
