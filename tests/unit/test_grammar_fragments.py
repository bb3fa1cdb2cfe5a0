"""A dialect contributes custom syntax through a grammar fragment and its callbacks.

The test dialect is `frag`, not `toy`: this module registers its loader for the whole pytest
session, and `toy` is the out-of-tree example dialect (examples/toy_dialect).
"""

from dialir.core.ir.dialect import Dialect, register_dialect_loader
from dialir.core.ir.operation import Operation
from dialir.core.ir.printer import Printer
from dialir.parser.parser import parse

FRAG_GRAMMAR = r"""
%extend custom_op: frag_print
frag_print: FRAG_PRINT VALUE_ID ":" type
FRAG_PRINT: "frag.print"
"""


class FragPrintOp(Operation):
    __slots__ = ()
    OP_NAME = "frag.print"

    def print_custom(self, p, indent: str) -> None:
        v = self.operand(0)
        p.out.append(f"frag.print {p.value(v)} : {p.type(v.type)}")


def _frag_print(builder, children):
    kw, value_tok, ty = children
    (value,) = builder.resolve_operands(value_tok, [ty])
    op = Operation.create("frag.print", [value])
    op.location = builder.loc(kw)
    return op


register_dialect_loader(
    "frag",
    lambda: Dialect(
        "frag", ops=[FragPrintOp], grammar=FRAG_GRAMMAR, parse_callbacks={"frag_print": _frag_print}
    ),
)

SOURCE = """\
%0 = "test.make"() : () -> f32
frag.print %0 : f32
"""


def test_fragment_parses_custom_syntax_and_prints_it_back():
    module = parse(SOURCE, "frag.mlir", allow_unregistered=True)
    ops = list(module.body.ops)
    assert isinstance(ops[1], FragPrintOp)
    assert ops[1].operand(0) is ops[0].result
    assert ops[1].location.line == 2
    text = Printer.to_string(module)
    assert "frag.print %0 : f32" in text
    assert Printer.to_string(parse(text, allow_unregistered=True)) == text


def test_generic_form_of_a_custom_op_reparses_to_the_same_ir():
    module = parse(SOURCE, allow_unregistered=True)
    generic = Printer.to_string(module, generic=True)
    assert '"frag.print"(%0) : (f32) -> ()' in generic
    assert Printer.to_string(parse(generic, allow_unregistered=True)) == Printer.to_string(module)
