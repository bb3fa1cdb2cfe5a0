"""A dialect contributes custom syntax through a grammar fragment and its callbacks."""

from dialir.core.dialect import Dialect, register_dialect_loader
from dialir.core.ir import Operation
from dialir.core.printer import Printer
from dialir.parser.parser import parse

TOY_GRAMMAR = r"""
%extend custom_op: toy_print
toy_print: TOY_PRINT VALUE_ID ":" type
TOY_PRINT: "toy.print"
"""


class ToyPrintOp(Operation):
    __slots__ = ()
    OP_NAME = "toy.print"

    def print_custom(self, p, indent: str) -> None:
        v = self.operand(0)
        p.out.append(f"toy.print {p.value(v)} : {p.type(v.type)}")


def _toy_print(builder, children):
    kw, value_tok, ty = children
    (value,) = builder.resolve_operands(value_tok, [ty])
    op = Operation.create("toy.print", [value])
    op.location = builder.loc(kw)
    return op


register_dialect_loader(
    "toy",
    lambda: Dialect(
        "toy", ops=[ToyPrintOp], grammar=TOY_GRAMMAR, parse_callbacks={"toy_print": _toy_print}
    ),
)

SOURCE = """\
%0 = "test.make"() : () -> f32
toy.print %0 : f32
"""


def test_fragment_parses_custom_syntax_and_prints_it_back():
    module = parse(SOURCE, "toy.mlir", allow_unregistered=True)
    ops = list(module.body.ops)
    assert isinstance(ops[1], ToyPrintOp)
    assert ops[1].operand(0) is ops[0].result
    assert ops[1].location.line == 2
    text = Printer.to_string(module)
    assert "toy.print %0 : f32" in text
    assert Printer.to_string(parse(text, allow_unregistered=True)) == text


def test_generic_form_of_a_custom_op_reparses_to_the_same_ir():
    module = parse(SOURCE, allow_unregistered=True)
    generic = Printer.to_string(module, generic=True)
    assert '"toy.print"(%0) : (f32) -> ()' in generic
    assert Printer.to_string(parse(generic, allow_unregistered=True)) == Printer.to_string(module)
