"""Custom syntax lexed as coarse tokens: a function signature, `%a, %b : i32, f32` after a
terminator's name, and `^bb1(%a : i32)` successors are each one token when every type is
simple, and otherwise the same text is read token by token. Both spellings build the same IR,
with the same locations and the same diagnostics; and the custom form of a function takes
fewer tokens than its generic form (the point of the coarse tokens)."""

from __future__ import annotations

import pytest

from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.printer import Printer
from dialir.core.ir.verifier import verify
from dialir.parser.parser import ParseState, get_parser, parse

FUNC = """\
func.func @f(%a: i32, %t: tensor<4xf32>) -> (i32, tensor<4xf32>) {
  %true = arith.constant true
  %0 = arith.addi %a, %a : i32
  cf.cond_br %true, ^bb1(%0, %t : i32, tensor<4xf32>), ^bb2
^bb1(%x: i32, %y: tensor<4xf32>):
  return %x, %y : i32, tensor<4xf32>
^bb2:
  cf.br ^bb1(%a, %t : i32, tensor<4xf32>)
}
"""


def _tokens(text: str) -> list[str]:
    """The token types the parser reads for `text`."""
    p = get_parser()
    p.builder.s = ParseState("tokens.mlir", text, True)
    try:
        return [t.type for t in p.lark.parse_interactive(text, start="start").iter_parse()]
    finally:
        p.builder.s = ParseState("<none>", "", False)


def _error(text: str) -> str:
    with pytest.raises(DiagnosticError) as err:
        parse(text, "bad.mlir", allow_unregistered=True)
    d = err.value.diagnostics[0]
    return f"{d.location.line}:{d.location.column}: {d.message}"


def test_coarse_tokens_are_used() -> None:
    kinds = _tokens(FUNC)
    assert kinds.count("FUNCTION_SIGNATURE") == 1
    assert kinds.count("SUCCESSOR_ARGS") == 2
    assert kinds.count("VALUES_TYPES") == 1
    assert "VALUE_LIST" not in kinds and "SIMPLE_TYPE" not in kinds


def test_custom_form_takes_fewer_tokens_than_generic() -> None:
    module = parse(FUNC)
    custom, generic = Printer.to_string(module), Printer.to_string(module, generic=True)
    assert len(_tokens(custom)) * 2 < len(_tokens(generic))


# Text the coarse tokens do not cover (attributes, locations, non-simple types, comments),
# which the parser reads token by token instead.
FALLBACKS = [
    "func.func @f(%a: i32 {foo.bar}, %b: f32) -> (i32 {foo.baz}) {\n  return %a : i32\n}",
    "func.func @f(%a: i32 loc(unknown)) -> i32 {\n  return %a : i32\n}",
    "func.func private @f(%a: i32) -> (i32, (i32) -> i32)",
    "func.func private @f(i32, memref<4xf32, strided<[1], offset: ?>>) -> !foo.bar",
    "func.func @f(%a: i32, // a comment\n  %b: i32) -> i32 {\n  return %a : i32\n}",
    "func.func @f(%m: memref<4xf32, strided<[1], offset: ?>>) {\n"
    "  cf.br ^bb1(%m : memref<4xf32, strided<[1], offset: ?>>)\n"
    "^bb1(%n: memref<4xf32, strided<[1], offset: ?>>):\n"
    "  return\n}",
    "func.func @f(%a: i32, %g: (i32) -> i32) -> (i32, (i32) -> i32) {\n"
    "  return %a, %g : i32, (i32) -> i32\n}",
    "func.func @f(%a: i32, %b: i32) -> (i32, i32) {\n"
    "  cf.br ^bb1(%a, %b : i32, // first\n i32)\n"
    "^bb1(%x: i32, %y: i32):\n"
    "  return %x, %y : i32, // second\n i32\n}",
]


@pytest.mark.parametrize("text", FALLBACKS)
def test_fallback_spellings_parse_to_the_same_ir(text: str) -> None:
    module = parse(text, "fallback.mlir", allow_unregistered=True)
    verify(module)
    custom = Printer.to_string(module)
    again = parse(custom, "again.mlir", allow_unregistered=True)
    assert Printer.to_string(again) == custom
    assert Printer.to_string(again, generic=True) == Printer.to_string(module, generic=True)


def test_signature_token_gives_arguments_their_locations() -> None:
    text = "func.func @f(%a: i32,\n             %long_name: f32) {\n  return\n}\n"
    assert "FUNCTION_SIGNATURE" in _tokens(text)
    args = parse(text, "sig.mlir").body.first.body.blocks[0].args
    assert [(a.location.line, a.location.column) for a in args] == [(1, 14), (2, 14)]
    assert [a.name_hint for a in args] == ["a", "long_name"]


def test_declaration_signature_token() -> None:
    text = "func.func private @d(i32, tensor<2x?xf32>) -> (index, f64)\n"
    assert "FUNCTION_SIGNATURE" in _tokens(text)
    func = parse(text).body.first
    assert Printer.to_string(func.function_type) == "(i32, tensor<2x?xf32>) -> (index, f64)"
    assert func.is_declaration


def test_diagnostics_inside_coarse_tokens_point_at_the_value() -> None:
    assert _error("func.func @f(%a: i32, %a: i32) {\n  return\n}") == (
        "1:23: redefinition of SSA value '%a'"
    )
    assert _error("func.func @f(%a: i32) {\n  cf.br ^bb1(%a, %zz : i32, i32)\n^bb1(%x: i32, %y: i32):\n"
                  "  return\n}") == "2:18: use of undeclared SSA value name '%zz'"  # fmt: skip
    assert _error("func.func @f(%a: i32) -> (i32, i32) {\n  return %a,\n    %a : i32, f32\n}") == (
        "3:5: use of value '%a' expects different type than prior uses: 'f32' vs 'i32'"
    )
    assert _error("func.func @f(%a: i32) -> i32 {\n  return %a : i32, i32\n}") == (
        "2:3: 'func.return' expected 1 types for operand 'values'"
    )
    assert _error("func.func @f(%a: i32) {\n  cf.br ^bb1(%a, %a : i32)\n^bb1(%x: i32, %y: i32):\n"
                  "  return\n}") == "2:3: 'cf.br' expected 2 types for operand 'destOperands'"  # fmt: skip


def test_op_keywords_are_still_checked() -> None:
    # Keywords are found by a table lookup now; unknown ops and short names misplaced still
    # get their diagnostics.
    assert (
        _error("%0 = arith.frobnicate %a : i32") == "1:6: custom op 'arith.frobnicate' is unknown"
    )
    assert _error('"test.op"() ({\n  return\n}) : () -> ()') == (
        "2:3: custom op 'return' is unknown (tried 'func.return' as well)"
    )


def test_switch_destinations_with_operands() -> None:
    text = """\
func.func @f(%flag: i32, %a: i32) {
  cf.switch %flag : i32, [
    default: ^bb1(%a : i32),
    42: ^bb2(%a, %a : i32, i32),
    43: ^bb3
  ]
^bb1(%x: i32):
  return
^bb2(%y: i32, %z: i32):
  return
^bb3:
  return
}
"""
    assert _tokens(text).count("SUCCESSOR_ARGS") == 2
    module = parse(text)
    verify(module)
    switch = module.body.first.body.blocks[0].last
    args = module.body.first.body.blocks[0].args
    assert list(switch.operands) == [args[0], args[1], args[1], args[1]]
    assert Printer.to_string(parse(Printer.to_string(module))) == Printer.to_string(module)
    assert _error(text.replace("(%a, %a : i32, i32)", "(%a, %a : i32)")) == (
        "4:9: expected 2 types, but got 1"
    )


def test_arith_op_with_its_results_is_one_token() -> None:
    text = (
        "func.func @f(%a: i32) -> i32 {\n  %sum = arith.addi %a, %a : i32\n  return %sum : i32\n}"
    )
    assert _tokens(text)[4:6] == ["OP_ARITH_ADDI_HEAD", "OP_FUNC_RETURN_SHORT"]
    func = parse(text, "head.mlir").body.first
    add = func.body.blocks[0].first
    assert add.results[0].name_hint == "sum"
    assert (add.location.line, add.location.column) == (2, 10)  # its name, as in MLIR
    assert func.body.blocks[0].last.operands[0] is add.results[0]


def test_diagnostics_of_a_fused_head() -> None:
    head = "func.func @f(%a: i32) {\n"
    assert _error(head + "  %0 = arith.addi %a, %a, %a : i32\n  return\n}") == (
        "2:8: 'arith.addi' expects 2 operands, but 3 were given"
    )
    assert _error(head + "  %0, %1 = arith.addi %a, %a : i32\n  return\n}") == (
        "2:3: operation defines 1 results but was provided 2 to bind"
    )
    assert _error(head + "  %a = arith.addi %a, %a : i32\n  return\n}") == (
        "2:3: redefinition of SSA value '%a'"
    )
    assert _error(head + "  %0 = arith.addi %a, %zz : i32\n  return\n}") == (
        "2:23: use of undeclared SSA value name '%zz'"
    )
    assert _error(head + "  %0 = arith.addi %a, %a : f32\n  return\n}") == (
        "2:19: use of value '%a' expects different type than prior uses: 'f32' vs 'i32'"
    )
    assert _error(head + "  %0 = arith.addi %a, %a\n  return\n}") == "3:3: expected ':'"
    assert _error(head + "  %0 = arith.addi %a, %a : i32 : i32\n  return\n}") == (
        "2:3: 'arith.addi' takes one type, after its attributes"
    )
