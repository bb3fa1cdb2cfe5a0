"""The Builder inserts ops where its insertion point says, through the public facade."""

from dialir.ir import Block, Builder, ModuleOp, i32, parse, print_ir, verify


def test_builder_inserts_at_end_and_before_an_op():
    module = ModuleOp.build()
    b = Builder.at_end(module.body)
    c = b.create("test.const", result_types=[i32])
    b.create("test.use", [c.result])
    with b.before(c):
        b.create("test.first")
    verify(module)
    assert [op.name for op in module.body.ops] == ["test.first", "test.const", "test.use"]
    text = print_ir(module)
    assert print_ir(parse(text, allow_unregistered=True)) == text


def test_builder_at_switches_block_and_restores():
    outer, inner = Block(), Block()
    b = Builder.at_end(outer)
    with b.at(inner):
        b.create("test.in")
    b.create("test.out")
    assert [op.name for op in inner.ops] == ["test.in"]
    assert [op.name for op in outer.ops] == ["test.out"]
