"""A dialect contributes custom syntax through a grammar fragment and its callbacks, which use
only the parser's public interface (AsmParser) and the printer's (AsmPrinter).

The test dialect is `frag`, not `toy`: this module registers its loader for the whole pytest
session, and `toy` is the out-of-tree example dialect (examples/toy_dialect).
"""

import pytest

from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.dialect import Dialect, register_dialect_loader
from dialir.core.ir.operation import Block, Operation
from dialir.core.ir.printer import Printer
from dialir.ods import AsmParser, AsmPrinter
from dialir.parser.parser import parse

FRAG_GRAMMAR = r"""
%extend custom_op: frag_print | frag_scope
frag_print: FRAG_PRINT VALUE_ID ":" type
FRAG_PRINT: "frag.print"
frag_scope: frag_scope_head "{" frag_scope_open [op_list] "}"
frag_scope_head: FRAG_SCOPE "(" VALUE_ID ":" type ")"
frag_scope_open:
FRAG_SCOPE: "frag.scope"
"""


class FragPrintOp(Operation):
    __slots__ = ()
    OP_NAME = "frag.print"

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        v = self.operand(0)
        p.write(f"frag.print {p.value(v)} : {p.type(v.type)}")


class FragScopeOp(Operation):
    """`frag.scope (%i : index) { ... }`: a region whose entry argument the op names."""

    __slots__ = ()
    OP_NAME = "frag.scope"

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        arg = self.regions[0].blocks[0].args[0]
        p.write(f"frag.scope ({p.value(arg)} : {p.type(arg.type)}) ")
        p.region(self.regions[0], indent, entry_args=False)


def _frag_print(parser: AsmParser, children: list) -> Operation:
    kw, value_tok, ty = children
    (value,) = parser.resolve_operands(value_tok, [ty])
    return Operation.create("frag.print", [value], location=parser.loc(kw))


def _heads(parser: AsmParser) -> list:
    return parser.dialect_state("frag.heads", list)  # one per frag.scope being parsed


def _frag_scope_head(parser: AsmParser, children: list) -> tuple:
    kw, arg_tok, ty = children
    parser.enter_op("frag.scope")
    _heads(parser).append((kw, arg_tok, ty))
    return kw


def _frag_scope_open(parser: AsmParser, children: list) -> Block:
    parser.open_region()
    entry = Block()
    _, arg_tok, ty = _heads(parser)[-1]
    parser.define_argument(entry, arg_tok, ty)
    return entry


def _frag_scope(parser: AsmParser, children: list) -> Operation:
    kw, entry, ops = children
    parser.fill_block(entry, ops or [])
    region = parser.close_region((), [entry])
    parser.exit_op()
    _heads(parser).pop()
    return Operation.create("frag.scope", regions=[region], location=parser.loc(kw))


register_dialect_loader(
    "frag",
    lambda: Dialect(
        "frag",
        ops=[FragPrintOp, FragScopeOp],
        grammar=FRAG_GRAMMAR,
        parse_callbacks={
            "frag_print": _frag_print,
            "frag_scope": _frag_scope,
            "frag_scope_head": _frag_scope_head,
            "frag_scope_open": _frag_scope_open,
        },  # fmt: skip
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


SCOPES = """\
frag.scope (%i : index) {
  frag.scope (%j : f32) {
    "test.use"(%i, %j) : (index, f32) -> ()
  }
  frag.print %i : index
}
"""


def test_custom_region_with_named_entry_arguments():
    module = parse(SCOPES, "scopes.mlir", allow_unregistered=True)
    outer = next(iter(module.body.ops))
    inner, printed = list(outer.regions[0].blocks[0].ops)
    (i,) = outer.regions[0].blocks[0].args
    (j,) = inner.regions[0].blocks[0].args
    use = next(iter(inner.regions[0].blocks[0].ops))
    assert use.operands == (i, j)
    assert printed.operand(0) is i
    text = Printer.to_string(module)
    assert "frag.scope (%arg0 : index) {" in text and "frag.scope (%arg1 : f32) {" in text
    assert Printer.to_string(parse(text, allow_unregistered=True)) == text


def test_custom_region_arguments_are_scoped_to_their_region():
    bad = 'frag.scope (%i : index) {\n}\n"test.use"(%i) : (index) -> ()\n'
    with pytest.raises(DiagnosticError) as err:
        parse(bad, "bad.mlir", allow_unregistered=True)
    d = err.value.diagnostics[0]
    assert (d.location.line, d.message) == (3, "use of undeclared SSA value name '%i'")
