"""The Python API of the core IR: building and moving ops, use lists, walking, cloning,
uniqued types and attributes, and how values, strings, blobs and locations print and read
back."""

from __future__ import annotations

import math
import struct

import numpy as np
import pytest

from dialir.core.ir.attrs import (
    UNKNOWN_LOC,
    ArrayAttr,
    CallSiteLoc,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    DictionaryAttr,
    FileLineColLoc,
    FloatAttr,
    FusedLoc,
    IntegerAttr,
    NameLoc,
    StringAttr,
)
from dialir.core.ir.operation import Block, Operation, Region, Use
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import (
    FloatType,
    FunctionType,
    IndexType,
    IntegerType,
    RankedTensorType,
    f32,
    f64,
    i1,
    i32,
    i64,
)
from dialir.core.ir.verifier import verify
from dialir.core.ods.builtin import ModuleOp
from dialir.parser.parser import parse


def _parse(text: str):
    return parse(text, "test.mlir", allow_unregistered=True)


def _op(name: str = "test.op", operands=(), results=(), **kw) -> Operation:
    return Operation.create(name, list(operands), list(results), **kw)


def _names(block: Block) -> list[str]:
    return [op.name for op in block.ops]


def _attr_round_trip(attr):
    """Print `attr` in an op's attribute dictionary, parse it back and return it."""
    module = _parse(f'"test.c"() {{v = {Printer.to_string(attr)}}} : () -> ()')
    return module.body.first.attributes["v"]


# -- building ------------------------------------------------------------------------------


def test_create_unregistered_op() -> None:
    a = _op("test.a", results=[i32])
    b = _op("test.b", [a.result, a.result], [i32, f32], attributes={"k": IntegerAttr(3, i32)})
    assert type(b) is Operation and not b.is_registered
    assert b.operands == (a.result, a.result)
    assert b.result_types == (i32, f32)
    assert b.get_attr("k") is IntegerAttr(3, i32)
    with pytest.raises(ValueError):
        _ = b.result  # two results


def test_create_registered_op_gets_its_class() -> None:
    module = Operation.create("builtin.module", regions=1)
    assert isinstance(module, ModuleOp) and module.is_registered


def test_operation_constructor_and_regions() -> None:
    op = Operation("test.r", regions=2)
    assert len(op.regions) == 2 and all(r.parent is op for r in op.regions)
    region = Region([Block([i32])])
    with pytest.raises(ValueError):
        Operation("test.x", regions=[op.regions[0]])  # region already owned
    owner = Operation("test.y", regions=[region])
    assert region.parent is owner and region.entry.args[0].type is i32


def test_block_insertion_order() -> None:
    block = Block()
    b = block.append(_op("b"))
    d = block.append(_op("d"))
    block.prepend(_op("a"))
    block.insert_before(d, _op("c"))
    block.insert_after(d, _op("e"))
    block.insert_after(b, _op("b2"))
    assert _names(block) == ["a", "b", "b2", "c", "d", "e"]
    assert [op.name for op in block.reversed_ops()] == ["e", "d", "c", "b2", "b", "a"]
    assert block.first.name == "a" and block.last.name == "e" and len(block) == 6
    assert all(op.parent is block for op in block.ops)


def test_insert_refuses_op_already_in_a_block() -> None:
    block, other = Block(), Block()
    op = block.append(_op())
    with pytest.raises(ValueError):
        other.append(op)


def test_detach_and_move() -> None:
    block, other = Block(), Block()
    a, b, c = (block.append(_op(n)) for n in "abc")
    assert b.detach() is b
    assert b.parent is None and b.prev is None and b.next is None
    assert _names(block) == ["a", "c"] and a.next is c and c.prev is a
    other.append(b)
    assert b.parent is other
    c.detach()
    a.detach()
    assert block.is_empty and block.first is None and block.last is None


def test_erase_refuses_when_results_are_used() -> None:
    block = Block()
    a = block.append(_op("a", results=[i32]))
    b = block.append(_op("b", [a.result]))
    with pytest.raises(ValueError, match="still has uses"):
        a.erase()
    assert _names(block) == ["a", "b"]
    b.erase()
    assert not a.result.has_uses
    a.erase()
    assert block.is_empty


def test_erase_drops_uses_of_nested_ops() -> None:
    outer = _op("outer", results=[i32])
    holder = _op("holder", regions=1)
    inner_block = holder.regions[0].append(Block())
    inner_block.append(_op("inner", [outer.result]))
    assert outer.result.has_one_use
    holder.erase()
    assert not outer.result.has_uses


# -- use lists -----------------------------------------------------------------------------


def test_use_lists() -> None:
    a = _op("a", results=[i32])
    b = _op("b", results=[i32])
    user1 = _op("u1", [a.result, b.result, a.result])
    user2 = _op("u2", [a.result])
    assert sorted((u.owner.name, u.index) for u in a.result.uses) == [
        ("u1", 0), ("u1", 2), ("u2", 0)
    ]  # fmt: skip
    assert set(a.result.users) == {user1, user2}
    assert b.result.has_one_use

    user1.set_operand(0, b.result)
    assert user1.operands == (b.result, b.result, a.result)
    assert len(list(a.result.uses)) == 2 and len(list(b.result.uses)) == 2

    a.result.replace_all_uses_with(b.result)
    assert not a.result.has_uses
    assert user1.operands == (b.result,) * 3 and user2.operands == (b.result,)
    assert len(list(b.result.uses)) == 4
    assert all(isinstance(u, Use) and u.value is b.result for u in b.result.uses)


def test_replace_uses_where_and_op_replace() -> None:
    a = _op("a", results=[i32, i32])
    c = _op("c", results=[i32, i32])
    u1 = _op("u1", [a.results[0]])
    u2 = _op("u2", [a.results[0], a.results[1]])
    a.results[0].replace_uses_where(c.results[0], lambda use: use.owner is u2)
    assert u1.operands == (a.results[0],) and u2.operands == (c.results[0], a.results[1])
    a.replace_all_uses_with(c.results)
    assert u1.operands == (c.results[0],) and u2.operands == c.results
    with pytest.raises(ValueError):
        a.replace_all_uses_with([c.results[0]])


def test_block_argument_uses() -> None:
    block = Block([i32, f32])
    x, y = block.args
    block.append(_op("u", [x, x]))
    with pytest.raises(ValueError):
        block.erase_argument(0)
    block.erase_argument(1)
    assert [a.index for a in block.args] == [0] and x.owner is block and y not in block.args


# -- walk and clone ------------------------------------------------------------------------


def _nest() -> Operation:
    """top { a; mid { b; c }; d } (pre-order: top, a, mid, b, c, d)."""
    top = _op("top", regions=1)
    body = top.regions[0].append(Block())
    body.append(_op("a"))
    mid = body.append(_op("mid", regions=1))
    inner = mid.regions[0].append(Block())
    inner.append(_op("b"))
    inner.append(_op("c"))
    body.append(_op("d"))
    return top


def test_walk_is_pre_order() -> None:
    assert [op.name for op in _nest().walk()] == ["top", "a", "mid", "b", "c", "d"]


def test_walk_visits_blocks_and_regions_in_order() -> None:
    module = _parse(
        '"t.top"() ({\n  "t.a"() : () -> ()\n^bb1:\n  "t.b"() : () -> ()\n}, {\n'
        '  "t.c"() : () -> ()\n}) : () -> ()'
    )
    assert [op.name for op in module.walk()] == ["builtin.module", "t.top", "t.a", "t.b", "t.c"]


def test_clone_nested_regions_and_forward_values() -> None:
    text = """"t.outer"() ({
^bb0(%arg: i32):
  %x = "t.use_later"(%y) : (i32) -> i32
  "t.br"(%x)[^bb1] : (i32) -> ()
^bb1:
  "t.inner"() ({
    "t.use"(%arg, %y, %ext) : (i32, i32, i32) -> ()
  }) : () -> ()
  %y = "t.def"() : () -> i32
  "t.ret"() : () -> ()
}) : () -> ()"""
    module = _parse('%ext = "t.ext"() : () -> i32\n' + text)
    ext_op, outer = list(module.body.ops)
    copy = outer.clone()
    # The copy keeps the names (hints) and the structure (MLIR's names would number the copy
    # on its own, the original within the module).
    assert Printer.to_string(copy, source_names=True) == Printer.to_string(outer, source_names=True)

    old_ops = list(outer.walk())
    new_ops = list(copy.walk())
    assert not set(map(id, old_ops)) & set(map(id, new_ops))  # a deep copy
    # Values used before their definition (%y) and block arguments point into the copy...
    new_def = next(o for o in new_ops if o.name == "t.def")
    new_later = next(o for o in new_ops if o.name == "t.use_later")
    new_use = next(o for o in new_ops if o.name == "t.use")
    assert new_later.operand(0) is new_def.result
    assert new_use.operand(0) is copy.regions[0].blocks[0].args[0]
    assert new_use.operand(1) is new_def.result
    # ... values from outside stay shared, and successors are remapped.
    assert new_use.operand(2) is ext_op.result
    new_br = next(o for o in new_ops if o.name == "t.br")
    assert new_br.successors == [copy.regions[0].blocks[1]]
    # Dropping the copy leaves the original's use lists intact.
    copy.erase()
    assert len(list(ext_op.result.uses)) == 1


def test_clone_uses_mapping() -> None:
    a, b = _op("a", results=[i32]), _op("b", results=[i32])
    user = _op("u", [a.result], attributes={"k": StringAttr("v")})
    copy = user.clone({a.result: b.result})
    assert copy.operands == (b.result,) and user.operands == (a.result,)
    assert copy.attributes == user.attributes and copy.attributes is not user.attributes


# -- types and attributes ------------------------------------------------------------------


def test_types_are_uniqued() -> None:
    assert IntegerType(32) is IntegerType(32) is i32
    assert IntegerType(32, "signed") is not i32
    assert RankedTensorType([2, None], f32) is RankedTensorType((2, None), f32)
    assert FunctionType([i32], [f32]) is FunctionType((i32,), (f32,))
    assert FloatType("f32") is f32 and IndexType() is IndexType()
    assert hash(IntegerType(8)) == hash(IntegerType(8))
    with pytest.raises(AttributeError):
        i32.width = 8  # immutable


def test_attributes_are_uniqued() -> None:
    assert IntegerAttr(5, i32) is IntegerAttr(5, i32)
    assert IntegerAttr(5) is IntegerAttr(5, i64)
    assert StringAttr("x") is StringAttr("x")
    assert ArrayAttr([IntegerAttr(1)]) is ArrayAttr((IntegerAttr(1),))
    assert DictionaryAttr({"b": StringAttr("1"), "a": StringAttr("2")}) is DictionaryAttr(
        [("a", StringAttr("2")), ("b", StringAttr("1"))]
    )
    with pytest.raises(ValueError):
        IntegerAttr(256, IntegerType(8))


def test_float_attr_keeps_negative_zero() -> None:
    assert FloatAttr(0.0, f32) is FloatAttr(0.0, f32)
    neg, pos = FloatAttr(-0.0, f64), FloatAttr(0.0, f64)
    assert neg is not pos and math.copysign(1.0, neg.value) == -1.0
    assert _attr_round_trip(neg) is neg and _attr_round_trip(FloatAttr(-0.0, f32)) is FloatAttr(
        -0.0, f32
    )


def test_float_attr_rounds_to_its_type() -> None:
    assert FloatAttr(0.1, f32).value == float(np.float32(0.1))
    assert FloatAttr(0.1, f32) is FloatAttr(float(np.float32(0.1)), f32)


FLOATS = [0.1, 1e-30, 3.4028235e38, 1.0, -2.5, 5e-324, 1.7976931348623157e308, 123456.789,
          math.pi, float("nan"), float("inf"), float("-inf")]  # fmt: skip


@pytest.mark.parametrize("t", [f32, f64], ids=str)
@pytest.mark.parametrize("value", FLOATS, ids=repr)
def test_float_printing_round_trips_exactly(value: float, t: FloatType) -> None:
    if t is f32 and abs(value) > 3.5e38 and not math.isinf(value):
        pytest.skip("not an f32 value")
    attr = FloatAttr(value, t)
    text = Printer.to_string(attr)
    back = _attr_round_trip(attr)
    assert back is attr, text
    assert struct.pack("<d", back.value) == struct.pack("<d", attr.value)
    if math.isnan(value) or math.isinf(value):
        assert text.startswith("0x"), text  # printed as its bit pattern, like MLIR


def test_nan_payload_survives() -> None:
    attr = _attr_round_trip_text("0x7FC00001 : f32")
    assert Printer.to_string(attr) == "0x7FC00001 : f32"
    attr64 = _attr_round_trip_text("0x7FF8000000000001 : f64")
    assert Printer.to_string(attr64) == "0x7FF8000000000001 : f64"


def _attr_round_trip_text(text: str):
    return _parse(f'"test.c"() {{v = {text}}} : () -> ()').body.first.attributes["v"]


@pytest.mark.parametrize(
    "value",
    ["plain", 'quote " and \\ backslash', "new\nline\ttab", "\x01\x7f", "", "{}<>[]%^#!@"],
    ids=repr,
)
def test_string_escapes_round_trip(value: str) -> None:
    attr = StringAttr(value)
    assert _attr_round_trip(attr) is attr


def test_string_escape_spelling() -> None:
    # MLIR's llvm::printEscapedString: `"` and every non-printable or non-ASCII byte as \XX.
    assert (
        Printer.to_string(StringAttr('a"b\\c\n\t\x7f\u00e9')) == '"a\\22b\\\\c\\0A\\09\\7F\\C3\\A9"'
    )
    assert _attr_round_trip_text('"a\\"b\\n"') is StringAttr('a"b\n')
    assert _attr_round_trip_text('"\\41\\42"') is StringAttr("AB")


# -- dense elements ------------------------------------------------------------------------


def test_dense_from_numpy() -> None:
    t = RankedTensorType((2, 3), i32)
    arr = np.arange(6, dtype=np.int32).reshape(2, 3)
    attr = DenseElementsAttr(t, arr)
    assert attr is DenseElementsAttr(t, arr.copy())
    assert not attr.is_splat
    np.testing.assert_array_equal(attr.array, arr)
    assert not attr.array.flags.writeable
    assert Printer.to_string(attr) == "dense<[[0, 1, 2], [3, 4, 5]]> : tensor<2x3xi32>"
    with pytest.raises(ValueError):
        DenseElementsAttr(t, np.zeros((3, 2), np.int32))


def test_dense_splat_detection() -> None:
    t = RankedTensorType((4, 4), f32)
    full = DenseElementsAttr(t, np.full((4, 4), 1.5, np.float32))
    scalar = DenseElementsAttr(t, 1.5)
    assert full is scalar and full.is_splat and full.splat_value == np.float32(1.5)
    assert full.array.shape == (4, 4) and (full.array == 1.5).all()
    assert Printer.to_string(full) == "dense<1.500000e+00> : tensor<4x4xf32>"
    assert _attr_round_trip(full) is full


def test_dense_bool_and_float_round_trip() -> None:
    b = DenseElementsAttr(RankedTensorType((3,), i1), [True, False, True])
    assert Printer.to_string(b) == "dense<[true, false, true]> : tensor<3xi1>"
    assert _attr_round_trip(b) is b
    f = DenseElementsAttr(RankedTensorType((3,), f64), [0.1, -0.0, 1e-300])
    assert _attr_round_trip(f) is f


@pytest.mark.parametrize("t", [i32, f32, f64, IntegerType(8), i64], ids=str)
def test_dense_hex_blob_round_trip(t) -> None:
    rng = np.random.default_rng(0)
    shape = (3, 47)  # 141 elements: more than the 100 that print element by element
    if isinstance(t, FloatType):
        data = rng.standard_normal(shape)
    else:
        data = rng.integers(-100, 100, shape)
    attr = DenseElementsAttr(RankedTensorType(shape, t), data)
    text = Printer.to_string(attr)
    assert text.startswith('dense<"0x'), text[:40]
    back = _attr_round_trip(attr)
    assert back is attr
    np.testing.assert_array_equal(back.array, attr.array)


def test_dense_resource_round_trip() -> None:
    text = """"test.w"() {w = dense_resource<test_ir_blob> : tensor<3xi16>} : () -> ()
{-#
  dialect_resources: {
    builtin: {
      test_ir_blob: "0x08000000010002000300"
    }
  }
#-}
"""
    module = _parse(text)
    attr = module.body.first.attributes["w"]
    assert isinstance(attr, DenseResourceElementsAttr) and attr.handle.key == "test_ir_blob"
    blob = attr.handle.blob
    assert blob.alignment == 8 and blob.data == b"\x01\x00\x02\x00\x03\x00"
    assert np.frombuffer(blob.data, np.int16).tolist() == [1, 2, 3]
    for generic in (False, True):
        printed = Printer.to_string(module, generic=generic)
        assert '"0x08000000010002000300"' in printed and "dialect_resources" in printed
        assert Printer.to_string(_parse(printed), generic=generic) == printed


def test_resource_keys_taken_by_an_earlier_parse_get_fresh_handles() -> None:
    def module(key: str, values: list[int], key2: str = "") -> str:
        blob = "0x04000000" + np.array(values, "<i4").tobytes().hex().upper()
        refs = f'"test.a"() {{w = dense_resource<{key}> : tensor<2xi32>}} : () -> ()\n'
        entries = f'      {key}: "{blob}"'
        if key2:
            refs += f'"test.b"() {{w = dense_resource<{key2}> : tensor<2xi32>}} : () -> ()\n'
            entries += f',\n      {key2}: "0x0400000007000000080000 00"'.replace(" ", "")
        return (
            refs
            + f"{{-#\n  dialect_resources: {{\n    builtin: {{\n{entries}\n    }}\n  }}\n#-}}\n"
        )

    first = _parse(module("ir_res_key", [1, 2]))
    # The second text holds other bytes under the same key, and also uses the key the first
    # choice of a fresh one would be: every reference still reads its own blob. The same
    # bytes under the same key share the blob.
    second = _parse(module("ir_res_key", [3, 4], key2="ir_res_key_1"))
    handles = [op.attributes["w"].handle for op in (*first.body.ops, *second.body.ops)]
    assert handles[0].key == "ir_res_key" and len({h.key for h in handles}) == 3
    values = [np.frombuffer(h.blob.data, "<i4").tolist() for h in handles]
    assert values == [[1, 2], [3, 4], [7, 8]]
    third = _parse(module("ir_res_key", [1, 2]))
    assert third.body.first.attributes["w"].handle.key == "ir_res_key"


# -- locations -----------------------------------------------------------------------------


def test_parsed_ops_know_their_position() -> None:
    module = _parse('\n  %0 = "t.a"() : () -> i32\n  "t.b"(%0) : (i32) -> ()')
    a, b = module.body.ops
    assert a.location == FileLineColLoc("test.mlir", 2, 8)  # its name's, as in MLIR
    assert b.location == FileLineColLoc("test.mlir", 3, 3)


LOCATIONS = [
    'loc("file.mlir":1:2)',
    'loc("with \\22quote\\22":10:20)',
    'loc("name"("inner.mlir":3:4))',
    'loc(callsite("callee.mlir":1:1 at "caller.mlir":2:2))',
    'loc(fused["a.mlir":1:1, "b.mlir":2:2])',
    'loc(fused<"meta">["a.mlir":1:1, callsite("c":5:6 at "d":7:8)])',
    "loc(unknown)",
]


@pytest.mark.parametrize("loc", LOCATIONS)
def test_locations_round_trip_with_debuginfo(loc: str) -> None:
    text = (
        f'"t.a"() ({{\n^bb0(%x: i32 {loc}):\n  "t.b"(%x) : (i32) -> () {loc}\n}}) : () -> () {loc}'
    )
    module = _parse(text)
    op = module.body.first
    inner = op.regions[0].blocks[0].first
    arg = op.regions[0].blocks[0].args[0]
    assert op.location == inner.location == arg.location
    for generic in (False, True):
        inline = Printer.to_string(
            module, generic=generic, debuginfo=True, use_aliases=False, local_scope=True
        )
        assert f"-> () {loc}" in inline  # --mlir-print-local-scope: written out
        printed = Printer.to_string(module, generic=generic, debuginfo=True)
        assert "-> () loc(#loc" in printed  # with aliases, defined after their use
        again = _parse(printed)
        assert again.body.first.location == op.location
        assert Printer.to_string(again, generic=generic, debuginfo=True) == printed


def test_location_objects_print() -> None:
    file = FileLineColLoc("f.mlir", 1, 2)
    assert Printer.to_string(file) == 'loc("f.mlir":1:2)'
    assert Printer.to_string(NameLoc("n", file)) == 'loc("n"("f.mlir":1:2))'
    assert Printer.to_string(CallSiteLoc(file, file)) == (
        'loc(callsite("f.mlir":1:2 at "f.mlir":1:2))'
    )
    assert Printer.to_string(FusedLoc([file, UNKNOWN_LOC])) == 'loc(fused["f.mlir":1:2, unknown])'


def test_name_location_without_child_round_trips() -> None:
    op = Operation.create("t.a", location=NameLoc("just_a_name"))
    module = ModuleOp.build([op])
    printed = Printer.to_string(module, debuginfo=True)
    assert 'loc("just_a_name")' in printed
    assert Printer.to_string(_parse(printed), debuginfo=True) == printed


def test_non_ascii_string_round_trips() -> None:
    attr = StringAttr("caf\u00e9 \u2603")
    assert Printer.to_string(attr) == '"caf\\C3\\A9 \\E2\\98\\83"'  # MLIR escapes each byte
    assert _attr_round_trip(attr) is attr


# -- scaling: the linked lists touch O(1) nodes --------------------------------------------


class _CountingOp(Operation):
    """An op class whose instances count how often their neighbour links are written."""

    __slots__ = ()
    writes = 0

    def __setattr__(self, name: str, value) -> None:
        if name in ("prev", "next", "parent"):
            _CountingOp.writes += 1
        Operation.__setattr__(self, name, value)


def _counting_op(name: str, operands=(), results=()) -> _CountingOp:
    op = Operation.__new__(_CountingOp)
    Operation.__init__(op, name, list(operands), list(results))
    return op


def test_insert_and_erase_touch_constant_nodes_in_a_large_block() -> None:
    n = 100_000
    block = Block()
    ops = [_counting_op("t.op") for _ in range(n)]
    block.extend(ops)
    middle = ops[n // 2]

    for action in (
        lambda: middle.erase(),
        lambda: block.insert_before(ops[n // 2 + 1], middle),
        lambda: middle.detach(),
        lambda: block.insert_after(ops[10], middle),
        lambda: middle.detach(),
        lambda: block.prepend(middle),
        lambda: middle.detach(),
        lambda: block.append(middle),
    ):
        _CountingOp.writes = 0
        action()
        assert _CountingOp.writes <= 6, "a block edit should only relink its neighbours"

    assert block.last is middle and len(block) == n
    # The links stayed consistent: walking backwards meets every op once.
    assert sum(1 for _ in block.reversed_ops()) == n


def test_use_list_edits_are_constant_time() -> None:
    source = _op("t.def", results=[i32])
    other = _op("t.other", results=[i32])
    users = [_op("t.use", [source.result]) for _ in range(100_000)]
    use = users[50_000].operand_uses[0]
    before = (use.prev, use.next)
    users[50_000].set_operand(0, other.result)
    # Only the moved use and its two former neighbours changed.
    assert before[0].next is before[1] and before[1].prev is before[0]
    assert other.result.first_use is use and use.next is None and use.prev is None
    assert len(list(source.result.uses)) == 99_999

    users[1234].erase()
    assert len(list(source.result.uses)) == 99_998
    source.result.replace_all_uses_with(other.result)
    assert not source.result.has_uses and len(list(other.result.uses)) == 99_999


def test_verify_built_module() -> None:
    a = _op("t.a", results=[i32])
    b = _op("t.b", [a.result])
    module = ModuleOp.build([a, b])
    verify(module)
    assert Printer.to_string(module) == (
        'module {\n  %0 = "t.a"() : () -> i32\n  "t.b"(%0) : (i32) -> ()\n}'
    )
