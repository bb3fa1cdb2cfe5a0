"""The parser's public interface for custom syntax (MLIR's OpAsmParser).

A dialect's custom syntax is a Lark grammar fragment plus one callback per rule,
`fn(parser: AsmParser, children: list) -> value`, run as the rule is reduced (bottom-up: a
rule's children are already built). Declarative assembly formats (core/ods/asmformat.py)
generate both. Callbacks use only the methods below; the parser's IR builder implements them,
and its state (SSA scopes, blocks, aliases) belongs to one parse.

Tokens are Lark tokens: `str` subclasses with `.type`, `.line` and `.column`. Several of the
parser's terminals are coarse (one token for `%a, %b`, `%a, %b : i32, f32`, or a whole
function signature, see grammar.py); the methods that take a token accept those.

Errors: `raise parser.error(tok, "message")` reports at the token's position, as every
diagnostic of the parser is reported (`file:line:col: error: message`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lark import Token

    from dialir.core.ir.attrs import Attribute, FileLineColLoc, Location
    from dialir.core.ir.diagnostics import DiagnosticError
    from dialir.core.ir.operation import Block, BlockArgument, Operation, Region, Value
    from dialir.core.ir.types import Type


class BodyParser:
    """What a parametric type or attribute's `parse_body` gets: the parser's entry points
    for the types and attributes nested in its `<...>` body."""

    __slots__ = ("parse_type", "parse_attribute")

    def __init__(
        self, parse_type: Callable[[str], Type], parse_attribute: Callable[[str], Attribute]
    ) -> None:
        self.parse_type = parse_type
        self.parse_attribute = parse_attribute


class AsmParser:
    """The operations a custom-syntax callback may call on the parser."""

    __slots__ = ()

    # -- diagnostics and locations --------------------------------------------------------

    def error(self, at: Token | Location, message: str) -> DiagnosticError:
        """An error at a token (or a location), to raise."""
        raise NotImplementedError

    def loc(self, tok: Token) -> FileLineColLoc:
        """The location of a token."""
        raise NotImplementedError

    def offset_loc(self, tok: Token, offset: int) -> FileLineColLoc:
        """The location `offset` characters into a (possibly multi-line) token."""
        raise NotImplementedError

    # -- SSA values -----------------------------------------------------------------------

    def resolve_operands(self, tok: Token, types: Sequence[Type], start: int = 0) -> list[Value]:
        """The values a token names (`%a`, `%a, %b#1`, ...; from character `start` on), each
        checked against its type in `types`. A use before its definition is a placeholder
        that the definition replaces (a type mismatch is reported there)."""
        raise NotImplementedError

    def define_results(self, tok: Token, op: Operation, end: int | None = None) -> None:
        """Bind the result list at the start of `tok` (`%a, %b:2 = `, up to `end`, its `=`)
        to the results of `op` (for a callback whose token includes the result list)."""
        raise NotImplementedError

    def split_values(self, tok: Token) -> list[Token]:
        """A token naming several values (`%a, %b`) as one token per value, each at its own
        position."""
        raise NotImplementedError

    def values_and_types(self, tok: Token) -> tuple[Token | None, Token, list[Type]]:
        """A `%a, %b : i32, f32` token (alone, in parentheses, or after a block name `^bb1(`)
        as (its block name or None, a token naming the values for `resolve_operands`, the
        types)."""
        raise NotImplementedError

    def function_signature(self, tok: Token) -> tuple[list[tuple[Token | None, Type]], list[Type]]:
        """A FUNCTION_SIGNATURE token (`(%a: i32) -> f32` or `(i32) -> f32`) as its arguments,
        each (name token or None, type), and its result types."""
        raise NotImplementedError

    def trailing_type(self, tok: Token) -> Type:
        """The type after the last `:` of a token (`%r = arith.addi %a, %b : i32`)."""
        raise NotImplementedError

    # -- ops, regions and blocks ----------------------------------------------------------

    def enter_op(self, name: str) -> None:
        """Say that op `name`'s custom syntax is being parsed, before its regions are (from
        the callback of a rule that ends with its keyword): its regions get their own SSA
        scope when it is isolated from above, and short op names in them resolve in its
        default dialect. Pair with `exit_op` in the op's own callback."""
        raise NotImplementedError

    def exit_op(self) -> None:
        """The op that `enter_op` announced is parsed."""
        raise NotImplementedError

    def check_short_name(self, tok: Token, op_name: str) -> None:
        """Reject a short op name (`return` for `func.return`) outside an op whose default
        dialect is `op_name`'s (MLIR's OpAsmOpInterface::getDefaultDialect)."""
        raise NotImplementedError

    def open_region(self) -> None:
        """Open a region's SSA and block scope (from an empty rule before the region's
        body: Lark reduces bottom-up). `define_argument` then adds its entry arguments."""
        raise NotImplementedError

    def close_region(self, entry_ops: Sequence[Operation], blocks: Sequence[Block]) -> Region:
        """Close the region `open_region` opened: its unlabeled entry ops (if any) and its
        labeled blocks; checks that every block referenced in it is defined."""
        raise NotImplementedError

    def define_argument(
        self, block: Block, tok: Token, type: Type, loc: Location | None = None
    ) -> BlockArgument:
        """Add an argument to `block` named by the value token `tok` (`%x`), in the
        innermost open region's scope (entry-block arguments of a custom region syntax)."""
        raise NotImplementedError

    def block_ref(self, tok: Token) -> Block:
        """The block a successor token (`^bb1`) names in the innermost open region (defined
        later, or earlier)."""
        raise NotImplementedError

    def fill_block(self, block: Block, ops: Sequence[Operation]) -> None:
        """Put freshly parsed ops, in order, into an empty block."""
        raise NotImplementedError

    # -- literals, types and attributes ---------------------------------------------------

    def symbol_names(self, tok: Token) -> list[str]:
        """The names of a symbol reference token: `@a::@"b c"` -> ["a", "b c"]."""
        raise NotImplementedError

    def string_value(self, tok: Token) -> str:
        """The value of a string literal token, quotes removed and escapes decoded."""
        raise NotImplementedError

    def parse_type(self, text: str) -> Type:
        """A type from text (with this parse's type aliases)."""
        raise NotImplementedError

    def parse_attribute(self, text: str) -> Attribute:
        """An attribute from text (with this parse's aliases)."""
        raise NotImplementedError

    def body_parser(self) -> BodyParser:
        """What a parametric type's or attribute's `parse_body` takes."""
        raise NotImplementedError

    def parse_parametric(self, cls: type, tok: Token, body: str) -> Any:
        """`cls.parse_body(body)` for a parametric type or attribute class, its errors
        reported at `tok`."""
        raise NotImplementedError

    def dense_elements(self, tok: Token, type: Type) -> Attribute:
        """A `dense<...>` literal token as an attribute of (shaped) `type`."""
        raise NotImplementedError

    def dense_resource_elements(self, key: Token, type: Type) -> Attribute:
        """`dense_resource<key>` of (shaped) `type`: the blob `key` of this text."""
        raise NotImplementedError

    # -- per-parse state ------------------------------------------------------------------

    def dialect_state(self, key: str, factory: Callable[[], Any]) -> Any:
        """Scratch state of this parse for a dialect's callbacks, under `key` (made by
        `factory` on first use): e.g. a stack of signatures parsed before their bodies.
        Gone when the parse ends; another parse, in this thread or another, has its own."""
        raise NotImplementedError
