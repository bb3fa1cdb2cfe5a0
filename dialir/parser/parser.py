"""MLIR text to IR: a Lark LALR parser whose callbacks build operations directly.

The callbacks run as the parser reduces (no parse tree is kept). SSA names are scoped per
region, and per isolated-from-above op; a use before its definition gets a placeholder value
that the definition replaces. Every error is a `DiagnosticError` at `file:line:col`.

The IRBuilder implements the public interface that custom-syntax callbacks use (asm.py's
AsmParser). Its state belongs to one parse (ParseState): an MLIRParser hands each parse an
IRBuilder of its own, so several threads can parse at once. Op classes are known only
through the registry (`lookup_op_class`), never imported: the parser sits below the op
definitions.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.lexer import (
    BasicLexer,
    CallChain,
    ContextualLexer,
    PatternStr,
    Scanner,
    UnlessCallback,
)
from lark.parsers.lalr_parser import _Parser

from dialir.core.ir import affine as aff
from dialir.core.ir.attrs import (
    UNKNOWN_LOC,
    AffineMapAttr,
    ArrayAttr,
    Attribute,
    CallSiteLoc,
    DenseArrayAttr,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    DictionaryAttr,
    FileLineColLoc,
    FloatAttr,
    FusedLoc,
    IntegerAttr,
    IntegerSetAttr,
    Location,
    NameLoc,
    OpaqueAttr,
    StridedLayoutAttr,
    StringAttr,
    SymbolRefAttr,
    TypeAttr,
    UnitAttr,
)
from dialir.core.ir.context import Context, ResourceBlob, ResourceHandle
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, did_you_mean
from dialir.core.ir.dialect import (
    Dialect,
    load_all_dialects,
    load_dialect,
    lookup_attr_class,
    lookup_op_class,
    lookup_type_class,
)
from dialir.core.ir.literals import bits_to_float, fits_signed, parse_int, symbol_names, unescape
from dialir.core.ir.operation import (
    Block,
    BlockArgument,
    Operation,
    OpResult,
    Region,
    Use,
    Value,
    gc_paused,
)
from dialir.core.ir.traits import IsolatedFromAbove
from dialir.core.ir.types import (
    DYNAMIC,
    ComplexType,
    FloatType,
    FunctionType,
    IndexType,
    IntegerType,
    MemRefType,
    NoneType,
    OpaqueType,
    RankedTensorType,
    ShapedType,
    TupleType,
    Type,
    UnrankedMemRefType,
    UnrankedTensorType,
    VectorType,
    f64,
    i1,
    i64,
)
from dialir.parser import grammar, lark_cache
from dialir.parser.asm import AsmParser, BodyParser

_NAMES = re.compile(r"%([A-Za-z0-9_$.\-]+)(?::([0-9]+)|#([0-9]+))?")
_SIMPLE_TYPE = re.compile(grammar.SIMPLE_TYPE)
_SIGNATURE_ARG = re.compile(rf"(%[A-Za-z0-9_$.\-]+)\s*:\s*({grammar.SIMPLE_TYPE})")
_SIMPLE_SHAPED = re.compile(r"(tensor|memref|vector)<(\*x|(?:(?:[0-9]+|\?)x)*)(.*)>")
_STRING_LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LAYOUT_ATTRS = (AffineMapAttr, StridedLayoutAttr)


class DeferredLoc(Location):
    """A location alias used before its definition; replaced once the file is parsed."""

    __slots__ = ("alias",)


class ForwardRef(Value):
    """A use of an SSA name not yet defined; replaced when the definition is parsed."""

    __slots__ = ("token", "pos", "regions")


def _visible_from(open_regions: list[list[str]], use_regions: tuple[list[str], ...]) -> bool:
    """Whether a definition in the innermost of `open_regions` is visible at a use made
    while `use_regions` were open: its region encloses (or is) the use's region."""
    depth = len(open_regions)
    return len(use_regions) >= depth and use_regions[depth - 1] is open_regions[-1]


def _scalar_type(text: str) -> Type:
    if text == "index":
        return IndexType()
    if text == "none":
        return NoneType()
    if text[0] == "i":
        return IntegerType(int(text[1:]))
    if text[:2] == "si":
        return IntegerType(int(text[2:]), "signed")
    if text[:2] == "ui":
        return IntegerType(int(text[2:]), "unsigned")
    return FloatType(text)


@lru_cache(maxsize=4096)
def simple_type(text: str) -> Type:
    """A type matched by the SIMPLE_TYPE terminal: a scalar, or a shaped type of one."""
    m = _SIMPLE_SHAPED.fullmatch(text)
    if m is None:
        return _scalar_type(text)
    kind, dims, elem = m.groups()
    elem_type = _scalar_type(elem)
    if dims == "*x":
        return UnrankedTensorType(elem_type)
    shape = tuple(DYNAMIC if d == "?" else int(d) for d in dims.split("x")[:-1])
    if kind == "tensor":
        return RankedTensorType(shape, elem_type)
    if kind == "memref":
        return MemRefType(shape, elem_type)
    return VectorType(shape, elem_type)


@lru_cache(maxsize=4096)
def _simple_type_list(text: str) -> tuple[Type, ...]:
    """The types in `i32, tensor<4xf32>)` (SIMPLE_TYPE spellings, anything else ignored)."""
    return tuple(simple_type(m.group(0)) for m in _SIMPLE_TYPE.finditer(text))


@lru_cache(maxsize=4096)
def simple_function_type(text: str) -> FunctionType:
    lhs, rhs = text.split("->", 1)
    inputs = [simple_type(t.strip()) for t in lhs.strip()[1:-1].split(",") if t.strip()]
    rhs = rhs.strip()
    if rhs[0] == "(":
        results = [simple_type(t.strip()) for t in rhs[1:-1].split(",") if t.strip()]
    else:
        results = [simple_type(rhs)]
    return FunctionType(inputs, results)


class ParseState:
    """Per-parse state: file name, SSA and block scopes, aliases, the ops being parsed
    (innermost last), dialects' scratch state."""

    def __init__(self, filename: str, text: str, allow_unregistered: bool) -> None:
        self.filename = filename
        self.text = text
        self.allow_unregistered = allow_unregistered
        self.values: dict[str, list[Value]] = {}
        self.value_scopes: list[dict[str, list[Value]]] = []
        self.forward: dict[str, dict[int, ForwardRef]] = {}
        self.forward_scopes: list[dict] = []
        self.region_defs: list[list[str]] = [[]]
        self.region_isolated: list[bool] = [True]
        self.blocks: list[dict[str, Block]] = [{}]
        self.block_refs: list[dict[str, Token]] = [{}]
        self.defined_blocks: list[set[str]] = [set()]
        self.pending_ops: list[str] = []
        self.attr_aliases: dict[str, Attribute] = {}
        self.type_aliases: dict[str, Type] = {}
        self.affine_names: dict[str, aff.AffineExpr] = {}
        self.signature_tok: Token | None = None
        self.affine_line, self.affine_col = 1, 1
        self.def_tokens: dict[str, Token] = {}  # where each SSA name was defined
        self.dialect_state: dict[str, Any] = {}  # AsmParser.dialect_state
        self.resources: dict[str, ResourceHandle] = {}  # this text's blobs by its keys
        # Location aliases used before their definition (`loc(#loc1)`, `#loc1 = loc(...)` at
        # the end of the file, as mlir-opt's debuginfo output has them): alias -> first use.
        self.deferred_locs: dict[str, Token] = {}


def _adopt_resources(ops: list[Operation], handles: dict[str, ResourceHandle]) -> None:
    """Hand this text's blobs to the current context. A key the context holds already gets a
    fresh one (keys the context does not hold are registered first, so they keep their
    names); a blob equal to the one the context holds under that key is shared, and the
    `dense_resource` attributes of `ops` (nested, or inside array and dictionary attributes)
    move to it."""
    resources = Context.current().resources
    moved: dict[ResourceHandle, ResourceHandle] = {}
    for handle in sorted(handles.values(), key=lambda h: h.key in resources):
        kept = resources.adopt(handle)
        if kept is not handle:
            moved[handle] = kept
    if not moved:
        return

    def renamed(a: Attribute) -> Attribute:
        if isinstance(a, DenseResourceElementsAttr):
            new = moved.get(a.handle)
            return a if new is None else DenseResourceElementsAttr(a.type, new)
        if isinstance(a, ArrayAttr):
            items = [renamed(x) for x in a.value]
            return a if all(x is y for x, y in zip(items, a.value)) else ArrayAttr(items)
        if isinstance(a, DictionaryAttr):
            entries = [(k, renamed(v)) for k, v in a.value]
            same = all(x is v for (_, x), (_, v) in zip(entries, a.value))
            return a if same else DictionaryAttr(entries)
        return a

    for root in ops:
        for op in root.walk():
            for table in (op.properties, op.attributes):
                for name, a in table.items():
                    new = renamed(a)
                    if new is not a:
                        table[name] = new


_IDLE = ParseState("<none>", "", False)  # the state of a builder between parses (read only)


class IRBuilder(AsmParser):
    """The Lark callbacks (one method per grammar rule) that build IR while parsing, and the
    AsmParser that dialects' callbacks get. One parse at a time: `s` is that parse's state,
    `parse_text` parses with this builder's callbacks (set by MLIRParser)."""

    def __init__(self) -> None:
        self.s: ParseState = _IDLE
        self.parse_text: Callable[[str, str], Any] = _no_parse

    # -- errors and locations -------------------------------------------------------------

    def loc(self, tok: Token) -> FileLineColLoc:
        return FileLineColLoc(self.s.filename, tok.line, tok.column)

    def error(self, tok: Token | Location, message: str) -> DiagnosticError:
        loc = tok if isinstance(tok, Location) else self.loc(tok)
        return DiagnosticError(Diagnostic("error", message, loc))

    def offset_loc(self, tok: Token, offset: int) -> FileLineColLoc:
        """The location `offset` characters into a (possibly multi-line) token."""
        prefix = tok[:offset]
        newlines = prefix.count("\n")
        if newlines == 0:
            return FileLineColLoc(self.s.filename, tok.line, tok.column + offset)
        return FileLineColLoc(self.s.filename, tok.line + newlines, offset - prefix.rfind("\n"))

    # -- top level ------------------------------------------------------------------------

    def start(self, children: list) -> Operation:
        s = self.s
        self._close_isolated_scope()
        self._check_blocks(0)
        ops = [c for c in children if isinstance(c, Operation)]
        if s.deferred_locs:
            self._resolve_deferred_locs(ops)
        if s.resources:
            _adopt_resources(ops, s.resources)
        if len(ops) == 1 and ops[0].name == "builtin.module":
            return ops[0]
        block = Block()
        _fill(block, ops)
        return Operation.create(
            "builtin.module",
            regions=[Region([block])],
            location=FileLineColLoc(s.filename, 0, 0),  # as MLIR
        )

    def _resolve_deferred_locs(self, ops: list[Operation]) -> None:
        """Replace each location alias used before its definition by its value (MLIR's
        deferred location resolution), in op and block-argument locations."""
        s = self.s
        for name, tok in s.deferred_locs.items():
            value = s.attr_aliases.get(name)
            if value is None:
                raise self.error(tok, "operation location alias was never defined")
            if not isinstance(value, Location):
                raise self.error(tok, f"expected location, but found '{value}'")
        seen: set[str] = set()

        def resolve(loc: Location) -> Location:
            if type(loc) is DeferredLoc:
                if loc.alias in seen:
                    raise self.error(s.deferred_locs[loc.alias], "location alias cycle")
                seen.add(loc.alias)
                value = resolve(s.attr_aliases[loc.alias])
                seen.discard(loc.alias)
                return value
            if type(loc) is NameLoc and loc.child is not None:
                return NameLoc(loc.name, resolve(loc.child))
            if type(loc) is CallSiteLoc:
                return CallSiteLoc(resolve(loc.callee), resolve(loc.caller))
            if type(loc) is FusedLoc:
                return FusedLoc([resolve(x) for x in loc.locations], loc.metadata)
            return loc

        for top in ops:
            for op in top.walk():
                op.location = resolve(op.location)
                for region in op.regions:
                    for block in region.blocks:
                        for arg in block.args:
                            arg.location = resolve(arg.location)

    def attr_alias_def(self, c: list) -> None:
        name = c[0]
        if "<" in name or "." in name:
            raise self.error(name, "expected attribute alias name without '.' or '<'")
        if name in self.s.attr_aliases:
            raise self.error(name, f"redefinition of attribute alias id '{name[1:]}'")
        self.s.attr_aliases[str(name)] = c[1]

    def type_alias_def(self, c: list) -> None:
        name = c[0]
        if "<" in name or "." in name:
            raise self.error(name, "expected type alias name without '.' or '<'")
        if name in self.s.type_aliases:
            raise self.error(name, f"redefinition of type alias id '{name[1:]}'")
        self.s.type_aliases[str(name)] = c[1]

    def file_metadata(self, c: list) -> None:
        for section in c:
            if section is None:
                continue
            name, groups = section
            if name != "dialect_resources":
                continue  # external_resources and unknown sections carry no IR
            for _dialect, entries in groups:
                for key_tok, value_tok in entries:
                    key = unescape(key_tok) if key_tok[0] == '"' else str(key_tok)
                    if value_tok.type != "STRING":
                        raise self.error(value_tok, "expected hex string blob for resource")
                    text = unescape(value_tok)
                    if not text.startswith("0x") or len(text) < 10 or len(text) % 2:
                        raise self.error(value_tok, "expected hex string blob for key")
                    try:
                        raw = bytes.fromhex(text[2:])
                    except ValueError:
                        raise self.error(value_tok, "expected hex string blob for key") from None
                    align = int.from_bytes(raw[:4], "little")
                    self._add_blob(key, raw[4:], align)

    def _add_blob(self, key: str, data: bytes, align: int) -> None:
        self._resource(key).blob = ResourceBlob(data, align)

    def _resource(self, key: str) -> ResourceHandle:
        """The handle of this text's blob `key`; the context gets it when the parse ends."""
        handle = self.s.resources.get(key)
        if handle is None:
            handle = self.s.resources[key] = ResourceHandle(key)
        return handle

    def meta_section(self, c: list) -> tuple:
        return (str(c[0]), [g for g in c[1:] if g is not None])

    def meta_group(self, c: list) -> tuple:
        return (c[0], [e for e in c[1:] if e is not None])

    def meta_entry(self, c: list) -> tuple:
        return (c[0], c[1])

    # -- operations -----------------------------------------------------------------------

    def op_name(self, c: list) -> Token:
        tok = c[0]
        name = unescape(tok) if "\\" in tok else tok[1:-1]
        if lookup_op_class(name) is None:
            self._check_unregistered(tok, name)
        self.s.pending_ops.append(name)
        self.s.signature_tok = None
        return tok

    def enter_op(self, name: str) -> None:
        self.s.pending_ops.append(name)

    def exit_op(self) -> None:
        self.s.pending_ops.pop()

    def check_short_name(self, tok: Token, op_name: str) -> None:
        pending = self.s.pending_ops
        parent = lookup_op_class(pending[-1]) if pending else None
        if getattr(parent, "default_dialect", "") != op_name.partition(".")[0]:
            raise self.error(tok, f"custom op '{tok}' is unknown (tried '{op_name}' as well)")

    def _check_unregistered(self, tok: Token, name: str) -> None:
        dot = name.find(".")
        if dot > 0 and load_dialect(name[:dot]) is not None:
            raise self.error(
                tok,
                f"unregistered operation '{name}' found in dialect ('{name[:dot]}') that does "
                f"not allow unknown operations{unknown_op_hint(name)}",
            )
        if not self.s.allow_unregistered:
            raise self.error(
                tok,
                f"operation being parsed with an unregistered dialect ('{name}'). If this "
                "is intended, please use -allow-unregistered-dialect with the MLIR tool used "
                "(or --load-dialect-plugin=MODULE for a dialect written in Python)",
            )

    def module_kw(self, c: list) -> Token:
        self.s.pending_ops.append("builtin.module")
        return c[0]

    def operation(self, c: list) -> Operation:
        results_tok, op, loc = c
        if loc is not None:
            op.location = loc
        if results_tok is not None:  # the op's location stays its name's, as in MLIR
            self.define_results(results_tok, op)
        return op

    def define_results(self, tok: Token, op: Operation, end: int | None = None) -> None:
        """Bind the result list `%a, %b:2 = ` at the start of `tok` (up to `end`, its `=`)
        to the op's results."""
        results = op.results
        if end is None:
            end = tok.index("=")
        if len(results) == 1 and tok.find(",", 0, end) < 0 and tok.find(":", 0, end) < 0:
            name = tok[1:end].rstrip()  # `%name = `, the usual
            if not name.isdigit():
                results[0].name_hint = name
            self._define(name, [results[0]], tok)
            return
        groups = _NAMES.findall(tok, 0, end)
        total = sum(int(n) if n else 1 for _, n, _ in groups)
        if total != len(results):
            raise self.error(
                tok,
                f"operation defines {len(results)} results but was provided {total} to bind",
            )
        i = 0
        for name, count, _ in groups:
            n = int(count) if count else 1
            vals = results[i : i + n]
            if not name.isdigit():
                if n == 1:
                    vals[0].name_hint = name
                else:
                    for r in vals:
                        r.name_hint = name
            self._define(name, list(vals), tok)
            i += n

    def _define(self, name: str, vals: list[Value], tok: Token) -> None:
        s = self.s
        if name in s.values:
            err = self.error(tok, f"redefinition of SSA value '%{name}'")
            prev = s.def_tokens.get(name)
            if prev is not None:
                err.diagnostics[0].attach_note("previously defined here", self.loc(prev))
            raise err
        s.values[name] = vals
        s.def_tokens[name] = tok
        s.region_defs[-1].append(name)
        fwd = s.forward.get(name)
        # A definition resolves the placeholder only from the region the use is in or one
        # around it: a value of a nested region is not visible outside it. An op's header is
        # read before its regions (`iter_args(%x = %1)` with `%1` defined in the body): the
        # placeholder, not yet used by any op, must stay unresolved (an error at the end of
        # the scope), not be bound to a value its op would never see.
        if fwd is not None and all(_visible_from(s.region_defs, r.regions) for r in fwd.values()):
            del s.forward[name]
            for idx, ref in fwd.items():
                if idx >= len(vals):
                    raise self.offset_error(
                        ref, f"use of undeclared SSA value name '%{name}#{idx}'"
                    )
                real = vals[idx]
                if real.type is not ref.type:
                    err = self.error(
                        tok,
                        f"definition of SSA value '%{name}#{idx}' has type '{real.type}'",
                    )
                    err.diagnostics[0].attach_note(
                        f"previously used here with type '{ref.type}'",
                        self.offset_loc(ref.token, ref.pos),
                    )
                    raise err
                ref.replace_all_uses_with(real)

    def offset_error(self, ref: ForwardRef, message: str) -> DiagnosticError:
        return self.error(self.offset_loc(ref.token, ref.pos), message)

    def resolve_operands(self, tok: Token, types: Sequence[Type], start: int = 0) -> list[Value]:
        """Look up the SSA uses in an operand-list token (from `start` on), checking them
        against `types`."""
        s = self.s
        found = _NAMES.findall(tok, start)
        if len(found) != len(types):
            raise self.error(
                self.s.signature_tok or tok,
                f"expected {len(found)} operand type{'s' if len(found) != 1 else ''} but had "
                f"{len(types)}",
            )
        values: list[Value] = []
        for k, (name, _, num) in enumerate(found):
            idx = int(num) if num else 0
            t = types[k]
            vals = s.values.get(name)
            if vals is None:
                v = self._forward_ref(tok, k, name, idx, t, start)
            else:
                if idx >= len(vals):
                    raise self.error(
                        self._nth_use_loc(tok, k, start),
                        f"invalid SSA value result number '%{name}#{idx}'",
                    )
                v = vals[idx]
                if v.type is not t:
                    err = self.error(
                        self._nth_use_loc(tok, k, start),
                        f"use of value '%{name}' expects different type than prior uses: "
                        f"'{t}' vs '{v.type}'",
                    )
                    prev = s.def_tokens.get(name)
                    if prev is not None:
                        err.diagnostics[0].attach_note("prior use here", self.loc(prev))
                    raise err
            values.append(v)
        return values

    def _nth_use_loc(self, tok: Token, k: int, start: int = 0) -> FileLineColLoc:
        for i, m in enumerate(_NAMES.finditer(tok, start)):
            if i == k:
                return self.offset_loc(tok, m.start())
        return self.loc(tok)

    def _forward_ref(
        self, tok: Token, k: int, name: str, idx: int, t: Type, start: int = 0
    ) -> Value:
        refs = self.s.forward.setdefault(name, {})
        ref = refs.get(idx)
        if ref is None:
            ref = ForwardRef(t)
            ref.token = tok
            ref.regions = tuple(self.s.region_defs)  # the regions open at the use
            ref.pos = [m.start() for m in _NAMES.finditer(tok, start)][k]
            refs[idx] = ref
        elif ref.type is not t:
            raise self.error(
                self._nth_use_loc(tok, k, start),
                f"use of value '%{name}' expects different type than prior uses: "
                f"'{t}' vs '{ref.type}'",
            )
        return ref

    def operand_list(self, c: list) -> Any:
        if len(c) == 1 and isinstance(c[0], Token) and c[0].type == "OPERANDS":
            return c[0]
        # The token-by-token form (used when comments sit inside the list): re-join.
        toks = c
        joined = Token("OPERANDS", "(" + ", ".join(toks) + ")")
        joined.line, joined.column = toks[0].line, toks[0].column - 1
        return joined

    def value_use(self, c: list) -> Token:
        return c[0]

    def _value_seq(self, c: list) -> list[Token]:
        return self.split_values(c[0])

    def split_values(self, tok: Token) -> list[Token]:
        """Split a VALUE_SEQn token into one token per value, each at its own position."""
        out = []
        for m in _NAMES.finditer(tok):
            loc = self.offset_loc(tok, m.start())
            out.append(
                Token("VALUE_ID", m.group(0), tok.start_pos + m.start(), loc.line, loc.column)
            )
        return out

    value_seq1 = value_seq2 = value_seq3 = value_seq4 = _value_seq

    def sub_token(self, tok: Token, kind: str, start: int, end: int) -> Token:
        """`tok[start:end]` (trailing whitespace dropped) as a token of its own, at its own
        position, for the parts of a coarse token."""
        text = tok[start:end].rstrip()
        prefix = tok[:start]
        newlines = prefix.count("\n")
        if newlines:
            line, column = tok.line + newlines, start - prefix.rfind("\n")
        else:
            line, column = tok.line, tok.column + start
        return Token(kind, text, tok.start_pos + start, line, column)

    def simple_types(self, tok: Token, start: int = 0, end: int | None = None) -> list[Type]:
        """The SIMPLE_TYPE spellings in `tok[start:end]` (`i32, tensor<4xf32>`)."""
        out = []
        for m in _SIMPLE_TYPE.finditer(tok, start, len(tok) if end is None else end):
            try:
                out.append(simple_type(m.group(0)))
            except ValueError as e:
                raise self.error(self.offset_loc(tok, m.start()), str(e)) from None
        return out

    def values_and_types(self, tok: Token) -> tuple[Token | None, Token, list[Type]]:
        """A VALUES_TYPES, PAREN_VALUES_TYPES or SUCCESSOR_ARGS token (`%a, %b : i32, f32`,
        in parentheses, or after a block name) as its block name (SUCCESSOR_ARGS only), a
        token naming the values (for `resolve_operands`: the token itself, where only the
        values have a `%`) and the types."""
        colon = tok.index(":")
        block = None
        if tok[0] == "^":
            block = Token("CARET_ID", tok[: tok.index("(")], tok.start_pos, tok.line, tok.column)
        try:
            types = list(_simple_type_list(tok[colon + 1 :].rstrip()))
        except ValueError:
            types = self.simple_types(tok, colon)  # to report the bad type where it is
        return block, tok, types

    def function_signature(self, tok: Token) -> tuple[list[tuple], list[Type]]:
        """A FUNCTION_SIGNATURE token as its arguments, each (name token or None, type), and
        its result types."""
        arrow = tok.find("->")
        end = len(tok) if arrow < 0 else arrow
        if "%" in tok:
            args = []
            for m in _SIGNATURE_ARG.finditer(tok, 0, end):
                name = self.sub_token(tok, "VALUE_ID", m.start(1), m.end(1))
                args.append((name, self.simple_types(tok, m.start(2), m.end(2))[0]))
        else:
            args = [(None, t) for t in self.simple_types(tok, 0, end)]
        return args, [] if arrow < 0 else self.simple_types(tok, arrow)

    def hash_attr_untyped(self, c: list) -> Attribute:
        return self.hash_attr([c[0], None])

    def colon_type(self, c: list) -> Type:
        """`: type`; the common `: i32` arrives as one COLON_TYPE token, and a function type
        as one SIGNATURE token. Also the type at the end of a `%r = name %a, %b : i32` token."""
        tok = c[0]
        if not isinstance(tok, Token):
            return tok  # `":" type`
        if tok.type == "SIGNATURE":
            return self.op_signature([tok])
        return self.trailing_type(tok)

    def trailing_type(self, tok: Token) -> Type:
        text = tok[tok.rindex(":") + 1 :].strip()
        try:
            return simple_type(text)
        except ValueError as e:
            raise self.error(self.offset_loc(tok, tok.rindex(text)), str(e)) from None

    def colon_types(self, c: list) -> list[Type]:
        if c and isinstance(c[0], Token):
            return [self.colon_type(c[:1])] + [t for t in c[1:] if t is not None]
        return [t for t in (c[0] if c and isinstance(c[0], list) else c) if t is not None]

    def value_use_list(self, c: list) -> list[Token]:
        return [] if c[0] is None else self.split_values(c[0])

    def types_opt(self, c: list) -> list[Type]:
        return [t for t in c if t is not None]

    def region_list(self, c: list) -> list[Region]:
        return [r for r in c if r is not None]

    def successor_list(self, c: list) -> list[Token]:
        return [t for t in c if t is not None]

    def attr_dict_kw(self, c: list) -> list:
        return c[0]

    def op_head(self, c: list) -> tuple[Token, Token]:
        """Split a GENERIC_HEAD token into its name and operand-list tokens."""
        tok = c[0]
        end = _STRING_LITERAL.match(tok).end()
        name_tok = Token("STRING", tok[:end], tok.start_pos, tok.line, tok.column)
        operands = tok[end:].rstrip()
        ops_tok = Token("OPERANDS", operands, tok.start_pos + end, tok.line, tok.column + end)
        self.op_name([name_tok])
        return name_tok, ops_tok

    def op_signature(self, c: list) -> FunctionType:
        tok = c[0]
        self.s.signature_tok = tok
        try:
            return simple_function_type(tok[1:].strip())
        except ValueError as e:
            raise self.error(tok, str(e)) from None

    def generic_op(self, c: list) -> Operation:
        if len(c) == 6:
            (name_tok, operands_tok), succs, props, regions, attrs, ftype = c
        else:
            name_tok, operands_tok, succs, props, regions, attrs, ftype = c
        s = self.s
        name = s.pending_ops.pop()
        if not isinstance(ftype, FunctionType):
            raise self.error(name_tok, "expected function type")
        operands = self.resolve_operands(operands_tok, ftype.inputs)
        successors: list[Block] = []
        if succs is not None:
            for block, extra in succs:
                successors.append(block)
                if extra:
                    operands.extend(extra)
        cls = lookup_op_class(name) or Operation
        op = Operation.__new__(cls)
        op.name = name
        op._operands = [Use(v, op, i) for i, v in enumerate(operands)]
        op.attributes = dict(attrs) if attrs else {}
        op.properties = dict(props) if props else {}
        op.regions = regions or []
        for r in op.regions:
            r.parent = op
        op.successors = successors
        op.location = self.loc(name_tok)
        op.parent = op.prev = op.next = None
        op.results = tuple([OpResult(t, op, i) for i, t in enumerate(ftype.results)])
        definition = getattr(cls, "definition", None)
        if definition is not None and op.attributes:
            # As in MLIR, inherent attributes given in the attribute dictionary (the
            # pre-properties generic form) become properties.
            names = [a.name for a in definition.attributes]
            for seg, defs in (("operandSegmentSizes", definition.operands),
                              ("resultSegmentSizes", definition.results)):  # fmt: skip
                if sum(d.kind != "single" for d in defs) > 1:
                    names.append(seg)
            for name in names:
                if name in op.attributes and name not in op.properties:
                    op.properties[name] = op.attributes.pop(name)
        return op

    def successors(self, c: list) -> list:
        return c

    def successor(self, c: list) -> tuple[Block, list[Value]]:
        tok = c[0]
        block = self.block_ref(tok)
        rest = [x for x in c[1:] if x is not None]
        if not rest:
            return (block, [])
        uses = [x for x in rest if isinstance(x, Token)]
        types = tuple(next(x for x in rest if isinstance(x, list)))
        joined = Token("OPERANDS", "(" + ", ".join(uses) + ")")
        joined.line, joined.column = uses[0].line, uses[0].column - 1
        return (block, self.resolve_operands(joined, types))

    def properties(self, c: list) -> list:
        return c[0]

    def attr_dict(self, c: list) -> list:
        return c[0]

    def regions(self, c: list) -> list[Region]:
        return c

    def region_open(self, c: list) -> None:
        self.open_region()

    def open_region(self) -> None:
        s = self.s
        name = s.pending_ops[-1] if s.pending_ops else ""
        cls = lookup_op_class(name)
        isolated = cls is not None and IsolatedFromAbove in cls.traits
        if isolated:
            s.value_scopes.append(s.values)
            s.forward_scopes.append(s.forward)
            s.values, s.forward = {}, {}
        s.region_defs.append([])
        s.region_isolated.append(isolated)
        s.blocks.append({})
        s.block_refs.append({})
        s.defined_blocks.append(set())

    def region(self, c: list) -> Region:
        return self.close_region(c[1], c[2:])

    def close_region(self, entry_ops: Sequence[Operation], blocks: Sequence[Block]) -> Region:
        s = self.s
        region = Region()
        blocks = list(blocks)
        if entry_ops:  # ops before the first label form an unlabeled entry block
            entry = Block()
            _fill(entry, entry_ops)
            blocks.insert(0, entry)
        for b in blocks:
            region.blocks.append(b)
            b.parent = region
        values = s.values
        for name in s.region_defs.pop():
            del values[name]
        self._check_blocks(-1)
        s.blocks.pop()
        s.block_refs.pop()
        s.defined_blocks.pop()
        if s.region_isolated.pop():
            self._close_isolated_scope()
            s.values = s.value_scopes.pop()
            s.forward = s.forward_scopes.pop()
        return region

    def _close_isolated_scope(self) -> None:
        for name, refs in self.s.forward.items():
            for idx, ref in refs.items():
                suffix = f"#{idx}" if idx else ""
                raise self.offset_error(ref, f"use of undeclared SSA value name '%{name}{suffix}'")

    def _check_blocks(self, level: int) -> None:
        s = self.s
        defined = s.defined_blocks[level]
        for label, tok in s.block_refs[level].items():
            if label not in defined:
                raise self.error(tok, f"reference to an undefined block '{label}'")

    def block_ref(self, tok: Token) -> Block:
        s = self.s
        label = str(tok)
        block = s.blocks[-1].get(label)
        if block is None:
            block = s.blocks[-1][label] = Block()
        s.block_refs[-1].setdefault(label, tok)
        return block

    def block_label(self, c: list) -> Block:
        tok, args = c
        s = self.s
        label = str(tok)
        if label in s.defined_blocks[-1]:
            raise self.error(tok, f"redefinition of block '{label}'")
        s.defined_blocks[-1].add(label)
        block = s.blocks[-1].get(label)
        if block is None:
            block = s.blocks[-1][label] = Block()
        for arg_tok, t, loc in args or ():
            self.define_argument(block, arg_tok, t, loc)
        return block

    def define_argument(
        self, block: Block, tok: Token, type: Type, loc: Location | None = None
    ) -> BlockArgument:
        arg = block.add_argument(type, loc if loc is not None else self.loc(tok))
        name = tok[1:]
        if not name.isdigit():
            arg.name_hint = name
        self._define(name, [arg], tok)
        return arg

    def block_args(self, c: list) -> list:
        return [a for a in c if a is not None]

    def block_arg(self, c: list) -> tuple:
        return (c[0], c[1], c[2])

    def fill_block(self, block: Block, ops: list[Operation]) -> None:
        """Put freshly parsed ops (in order) into an empty block; None (an optional op list
        that matched nothing) is no ops."""
        _fill(block, ops or ())

    def op_list(self, c: list) -> list[Operation]:
        if len(c) == 1:
            return c
        ops = c[0]
        ops.append(c[1])
        return ops

    def block(self, c: list) -> Block:
        block, ops = c
        if ops:
            _fill(block, ops)
        return block

    def module_op(self, c: list) -> Operation:
        kw, sym, extra, attrs, region = c
        self.s.pending_ops.pop()
        if not region.blocks:  # `module {}`: a module always has its body block, as in MLIR
            region.append(Block())
        props = dict(extra or ())
        if sym is not None:
            props["sym_name"] = StringAttr(symbol_names(sym)[0])
        return Operation.create(
            "builtin.module", attributes=dict(attrs or ()), properties=props, regions=[region],
            location=self.loc(kw),
        )  # fmt: skip

    def custom_op(self, c: list) -> Operation:
        return c[0]

    def custom_head(self, c: list) -> Operation:
        name = c[0].split(None, 1)[0]
        raise self.error(c[0], f"custom op '{name}' is unknown{unknown_op_hint(name)}")

    def unknown_op(self, c: list) -> Operation:
        raise self.error(c[0], f"custom op '{c[0]}' is unknown{unknown_op_hint(str(c[0]))}")

    # -- types ----------------------------------------------------------------------------

    def simple_type(self, c: list) -> Type:
        try:
            return simple_type(c[0])
        except ValueError as e:
            raise self.error(c[0], str(e)) from None

    def simple_function_type(self, c: list) -> FunctionType:
        try:
            return simple_function_type(c[0].strip())
        except ValueError as e:
            raise self.error(c[0], str(e)) from None

    def function_type(self, c: list) -> FunctionType:
        return FunctionType(c[0] or (), c[1])

    def fn_results(self, c: list) -> list[Type]:
        if not c or c[0] is None:
            return []
        return c[0] if isinstance(c[0], list) else [c[0]]

    def type_list(self, c: list) -> list[Type]:
        return c

    def bang_type(self, c: list) -> Type:
        tok = c[0]
        text = str(tok)
        lt = text.find("<")
        head = text if lt < 0 else text[:lt]
        dot = head.find(".")
        if dot < 0 and lt < 0:
            t = self.s.type_aliases.get(text)
            if t is None:
                raise self.error(tok, f"undefined symbol alias id '{text[1:]}'")
            return t
        if dot < 0:
            return OpaqueType(head[1:], text[lt:])
        cls = lookup_type_class(head[1:])
        if cls is not None:
            return self.parse_parametric(cls, tok, "" if lt < 0 else text[lt + 1 : -1])
        return OpaqueType(head[1:dot], text[dot + 1 :])

    def parse_parametric(self, cls: type, tok: Token, body: str) -> Any:
        """A registered dialect type or attribute: its class parses the `<...>` body."""
        try:
            return cls.parse_body(body, self.body_parser())
        except DiagnosticError as e:
            raise self.error(tok, e.diagnostics[0].message) from None
        except UnexpectedInput as e:
            raise self.error(tok, f"invalid parameters in '{tok}': {type(e).__name__}") from None
        except ValueError as e:
            raise self.error(tok, str(e)) from None

    def body_parser(self) -> BodyParser:
        return BodyParser(self.parse_type, self.parse_attribute)

    def parse_type(self, text: str) -> Type:
        """A type from a piece of text (for dialect type and attribute parameters)."""
        return self.parse_text(text, "type")

    def parse_attribute(self, text: str) -> Attribute:
        return self.parse_text(text, "attribute")

    def symbol_names(self, tok: Token) -> list[str]:
        return symbol_names(tok)

    def string_value(self, tok: Token) -> str:
        return unescape(tok)

    def dialect_state(self, key: str, factory: Callable[[], Any]) -> Any:
        table = self.s.dialect_state
        value = table.get(key)
        if value is None:
            value = table[key] = factory()
        return value

    def _type_error(self, tok: Any, fn, *args) -> Type:
        try:
            return fn(*args)
        except ValueError as e:
            raise self.error(tok, str(e)) from None

    def _dims(self, tok: Token | None) -> tuple[tuple, tuple]:
        if tok is None:
            return (), ()
        shape, scalable = [], []
        for d in (d.strip() for d in tok.split("x")[:-1]):
            if d == "?":
                shape.append(DYNAMIC)
                scalable.append(False)
            elif d[0] == "[":
                shape.append(int(d[1:-1]))
                scalable.append(True)
            else:
                shape.append(int(d))
                scalable.append(False)
        return tuple(shape), tuple(scalable)

    def tensor_type(self, c: list) -> Type:
        kw, dims, elem, enc = c
        shape, scalable = self._dims(dims)
        if any(scalable):
            raise self.error(dims, "unexpected scalable dimension in tensor type")
        return self._type_error(kw, RankedTensorType, shape, elem, enc)

    def unranked_tensor_type(self, c: list) -> Type:
        return self._type_error(c[0], UnrankedTensorType, c[2])

    def memref_type(self, c: list) -> Type:
        kw, dims, elem, a1, a2 = c
        shape, scalable = self._dims(dims)
        layout, space = None, None
        if a2 is not None:
            layout, space = a1, a2
        elif a1 is not None:
            if isinstance(a1, _LAYOUT_ATTRS):
                layout = a1
            else:
                space = a1
        if layout is not None and isinstance(layout, AffineMapAttr):
            if layout.value.num_dims != len(shape):
                raise self.error(
                    kw,
                    "memref layout mismatch between rank and affine map: "
                    f"{len(shape)} != {layout.value.num_dims}",
                )
        return self._type_error(kw, MemRefType, shape, elem, layout, space)

    def unranked_memref_type(self, c: list) -> Type:
        return self._type_error(c[0], UnrankedMemRefType, c[2], c[3])

    def vector_type(self, c: list) -> Type:
        kw, dims, elem = c
        shape, scalable = self._dims(dims)
        return self._type_error(kw, VectorType, shape, elem, scalable)

    def complex_type(self, c: list) -> Type:
        return self._type_error(c[0], ComplexType, c[1])

    def tuple_type(self, c: list) -> Type:
        return TupleType([t for t in c if t is not None])

    # -- attributes -----------------------------------------------------------------------

    def dict_body(self, c: list) -> list[tuple[str, Attribute]]:
        entries: dict[str, Attribute] = {}
        for e in c:
            if e is None:
                continue
            name, value, tok = e
            if name in entries:
                raise self.error(tok, f"duplicate key '{name}' in dictionary attribute")
            entries[name] = value
        return list(entries.items())

    def module_props(self, c: list) -> list[tuple[str, Attribute]]:
        return self.dict_body(c)

    def dict_entry(self, c: list) -> tuple[str, Attribute, Token]:
        key, value = c
        name = unescape(key) if key.type == "STRING" else str(key)
        return (name, UnitAttr() if value is None else value, key)

    def dict_attr(self, c: list) -> Attribute:
        return DictionaryAttr(c[0])

    def int_attr(self, c: list) -> Attribute:
        tok, t = c
        text = str(tok)
        if t is None:
            t = i64
        if isinstance(t, FloatType):
            if text.startswith("0x"):
                try:
                    return FloatAttr(bits_to_float(int(text, 16), t), t)
                except ValueError as e:
                    raise self.error(tok, str(e)) from None
            raise self.error(tok, HEX_MINUS if text.startswith("-0x") else DECIMAL_FOR_FLOAT)
        value = parse_int(text)
        if (
            isinstance(t, IntegerType)
            and t.width
            and t.signedness != "unsigned"
            and value >= 1 << (t.width - 1)
        ):
            if text.startswith("0x") and value < 1 << t.width:
                value -= 1 << t.width  # hex literals give the bit pattern
        if isinstance(t, IntegerType) and t.width == 1 and t.is_signless and value == -1:
            value = 1
        return self._attr(tok, IntegerAttr, value, t)

    def float_attr(self, c: list) -> Attribute:
        tok, t = c
        if t is None:
            t = f64
        if not isinstance(t, FloatType):
            raise self.error(tok, "floating point value not valid for specified type")
        return self._attr(tok, FloatAttr, float(tok), t)

    def _attr(self, tok: Token, cls, *args) -> Attribute:
        try:
            return cls(*args)
        except ValueError as e:
            raise self.error(tok, str(e)) from None

    def string_attr(self, c: list) -> Attribute:
        return StringAttr(unescape(c[0]), c[1])

    def bool_attr(self, c: list) -> Attribute:
        return IntegerAttr(1 if c[0] == "true" else 0, i1)

    def unit_attr(self, c: list) -> Attribute:
        return UnitAttr()

    def array_attr(self, c: list) -> Attribute:
        if c and c[0] is None:
            return ArrayAttr(())
        return ArrayAttr(c)

    def type_attr(self, c: list) -> Attribute:
        return TypeAttr(c[0])

    def symbol_attr(self, c: list) -> Attribute:
        names = symbol_names(c[0])
        return SymbolRefAttr(names[0], names[1:])

    def hash_attr(self, c: list) -> Attribute:
        tok, t = c[0], c[1] if len(c) > 1 else None
        text = str(tok)
        lt = text.find("<")
        head = text if lt < 0 else text[:lt]
        dot = head.find(".")
        if dot < 0 and lt < 0:
            a = self.s.attr_aliases.get(text)
            if a is None:
                raise self.error(tok, f"undefined symbol alias id '{text[1:]}'")
            if t is not None:
                raise self.error(tok, "an attribute alias cannot be followed by a type")
            return a
        if dot < 0:
            return OpaqueAttr(head[1:], text[lt:], t)
        cls = lookup_attr_class(head[1:])
        if cls is not None:
            if t is not None:
                raise self.error(tok, f"'#{head[1:]}' does not take a type")
            return self.parse_parametric(cls, tok, "" if lt < 0 else text[lt + 1 : -1])
        return OpaqueAttr(head[1:dot], text[dot + 1 :], t)

    def affine_map_attr(self, c: list) -> Attribute:
        return AffineMapAttr(c[0])

    def integer_set_attr(self, c: list) -> Attribute:
        return IntegerSetAttr(c[0])

    def dense_attr(self, c: list) -> Attribute:
        return self.dense_elements(c[0], c[1])

    def dense_elements(self, tok: Token, t: Type) -> Attribute:
        if not isinstance(t, ShapedType) or not t.has_rank:
            raise self.error(tok, "elements literal must be a shaped type")
        if DYNAMIC in t.shape:
            raise self.error(tok, "elements literal type must have static shape")
        try:
            data = parse_dense_literal(tok[6:-1], t)
            return DenseElementsAttr(t, data)
        except ValueError as e:
            raise self.error(tok, str(e)) from None

    def dense_resource_attr(self, c: list) -> Attribute:
        return self.dense_resource_elements(c[0], c[1])

    def dense_resource_elements(self, key: Token, t: Type) -> Attribute:
        return DenseResourceElementsAttr(t, self._resource(str(key)))

    def dense_array_attr(self, c: list) -> Attribute:
        kw, t = c[0], c[1]
        toks = [x for x in c[2:] if x is not None]
        vals: list = []
        for tok in toks:
            if tok.type in ("TRUE", "FALSE"):
                if not (isinstance(t, IntegerType) and t.width == 1):
                    raise self.error(tok, "expected i1 type for 'true' or 'false' values")
                vals.append(1 if tok == "true" else 0)
            elif tok.type == "FLOAT":
                vals.append(float(tok))
            elif isinstance(t, FloatType) and str(tok).startswith("0x"):
                # A float's bit pattern, as the printer writes infinities and NaNs.
                try:
                    vals.append(bits_to_float(int(str(tok), 16), t))
                except ValueError as e:
                    raise self.error(tok, str(e)) from None
            elif isinstance(t, FloatType):
                raise self.error(tok, DECIMAL_FOR_FLOAT)
            else:
                v = parse_int(tok)
                if (isinstance(t, IntegerType) and t.is_signless and t.width > 1
                        and 1 << (t.width - 1) <= v < 1 << t.width):  # fmt: skip
                    v -= 1 << t.width  # a bit pattern: `0xFF` or `255` in i8 is -1, as MLIR
                vals.append(v)
        try:
            return DenseArrayAttr(t, vals)
        except ValueError as e:
            raise self.error(kw, str(e)) from None

    def strides(self, c: list) -> list:
        if c == [None]:
            return []
        return [self._stride_value(t) for t in c if t is not None]

    def _stride_value(self, tok: Token) -> int | None:
        """A stride or offset: `?`, or an integer that fits int64 (as MLIR)."""
        if tok == "?":
            return DYNAMIC
        value = parse_int(tok)
        if not fits_signed(value, 64):
            raise self.error(tok, "expected a 64-bit signed integer or '?'")
        return value

    def strided_attr(self, c: list) -> Attribute:
        strides, offset = c if len(c) == 2 else (c[0], None)
        off = 0 if offset is None else self._stride_value(offset)
        return StridedLayoutAttr(strides, off)

    def loc_attr(self, c: list) -> Attribute:
        return c[0]

    # -- affine ---------------------------------------------------------------------------

    def affine_dims(self, c: list) -> int:
        self.s.affine_names = {}
        return self._affine_ids(c, aff.AffineExpr.dim)

    def affine_syms(self, c: list) -> int:
        return self._affine_ids(c, aff.AffineExpr.symbol)

    def _affine_ids(self, c: list, make) -> int:
        names = [t for t in c if t is not None]
        table = self.s.affine_names
        for i, t in enumerate(names):
            if str(t) in table:
                raise self.error(t, f"redefinition of identifier '{t}'")
            table[str(t)] = make(i)
        return len(names)

    def affine_map(self, c: list) -> aff.AffineMap:
        ndims, nsyms, *exprs = c
        exprs = [e for e in exprs if e is not None]
        return aff.AffineMap(ndims, nsyms or 0, tuple(exprs))

    def integer_set(self, c: list) -> aff.IntegerSet:
        ndims, nsyms, *cons = c
        cons = [x for x in cons if x is not None]
        return aff.IntegerSet(
            ndims, nsyms or 0, tuple(e for e, _ in cons), tuple(eq for _, eq in cons)
        )

    def affine_constraint(self, c: list) -> tuple:
        lhs, op, rhs = c
        if op == ">=":
            return (lhs - rhs, False)
        if op == "<=":
            return (rhs - lhs, False)
        return (lhs - rhs, True)

    def affine_id(self, c: list) -> aff.AffineExpr:
        self.s.affine_line, self.s.affine_col = c[0].line, c[0].column
        e = self.s.affine_names.get(str(c[0]))
        if e is None:
            raise self.error(c[0], f"use of undeclared identifier '{c[0]}'")
        return e

    def affine_const(self, c: list) -> aff.AffineExpr:
        self.s.affine_line, self.s.affine_col = c[0].line, c[0].column
        return aff.AffineExpr.constant(parse_int(c[0]))

    def affine_add(self, c: list) -> aff.AffineExpr:
        return c[0] + c[1]

    def affine_sub(self, c: list) -> aff.AffineExpr:
        return c[0] - c[1]

    def affine_mul(self, c: list) -> aff.AffineExpr:
        lhs, rhs = c
        if not (lhs.is_symbolic_or_constant() or rhs.is_symbolic_or_constant()):
            raise self.error(
                self._affine_pos(),
                "non-affine expression: at least one of the multiply operands has to be "
                "either a constant or symbolic",
            )
        return lhs * rhs

    def _divisor(self, c: list, op: str) -> tuple:
        if not c[1].is_symbolic_or_constant():
            raise self.error(
                self._affine_pos(),
                f"non-affine expression: right operand of {op} has to be either a constant "
                "or symbolic",
            )
        return c[0], c[1]

    def _affine_pos(self) -> Location:
        return FileLineColLoc(self.s.filename, self.s.affine_line, self.s.affine_col)

    def affine_floordiv(self, c: list) -> aff.AffineExpr:
        lhs, rhs = self._divisor(c, "floordiv")
        return lhs.floordiv(rhs)

    def affine_ceildiv(self, c: list) -> aff.AffineExpr:
        lhs, rhs = self._divisor(c, "ceildiv")
        return lhs.ceildiv(rhs)

    def affine_mod(self, c: list) -> aff.AffineExpr:
        lhs, rhs = self._divisor(c, "mod")
        return lhs % rhs

    def affine_neg(self, c: list) -> aff.AffineExpr:
        return -c[0]

    # -- locations ------------------------------------------------------------------------

    def trailing_loc(self, c: list) -> Location:
        return c[0]

    def loc_unknown(self, c: list) -> Location:
        return UNKNOWN_LOC

    def loc_file(self, c: list) -> Location:
        return FileLineColLoc(unescape(c[0]), parse_int(c[1]), parse_int(c[2]))

    def loc_name(self, c: list) -> Location:
        return NameLoc(unescape(c[0]), c[1])

    def loc_child(self, c: list) -> Location:
        return c[0]

    def fused_metadata(self, c: list) -> Attribute:
        return c[0]

    def loc_callsite(self, c: list) -> Location:
        return CallSiteLoc(c[0], c[1])

    def loc_fused(self, c: list) -> Location:
        meta, *locs = c
        return FusedLoc([x for x in locs if x is not None], meta)

    def loc_alias(self, c: list) -> Location:
        tok = c[0]
        if tok not in self.s.attr_aliases and "<" not in tok and "." not in tok:
            self.s.deferred_locs.setdefault(str(tok), tok)
            return DeferredLoc(str(tok))
        a = self.hash_attr(c)
        if not isinstance(a, Location):
            raise self.error(c[0], f"expected location, but found '{a}'")
        return a


def _no_parse(text: str, start: str) -> Any:
    raise RuntimeError("an IRBuilder parses only as part of an MLIRParser")


def _fill(block: Block, ops: list) -> None:
    prev = None
    for op in ops:
        op.parent = block
        op.prev = prev
        if prev is None:
            block.first = op
        else:
            prev.next = op
        prev = op
    if prev is not None:
        prev.next = None
        block.last = prev


# MLIR reads a float only from a float literal or a hexadecimal bit pattern, never from `1`.
DECIMAL_FOR_FLOAT = "unexpected decimal integer literal for a floating point value"
HEX_MINUS = "hexadecimal float literal should not have a leading minus"

_DENSE_TOKENS = re.compile(
    r"\s*(?:(\[)|(\])|(\()|(\))|(,)|(true|false)|([-+]?(?:0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?"
    r'(?:[eE][-+]?[0-9]+)?|inf|nan))|("(?:[^"\\]|\\.)*"))'
)


def parse_dense_literal(body: str, t) -> Any:
    """The values of a `dense<body>` literal as a numpy array (or bytes for a hex blob)."""
    import numpy as np  # here, not at start-up: most inputs have no dense literal

    from dialir.core.ir.dtypes import numpy_dtype  # lazy: it imports numpy

    body = body.strip()
    elem = t.element_type
    dtype = numpy_dtype(elem)
    if body.startswith('"'):
        text = unescape(body)
        if not text.startswith("0x"):
            raise ValueError("expected hexadecimal integer in dense hex literal")
        try:
            raw = bytes.fromhex(text[2:])
        except ValueError:
            raise ValueError("expected hexadecimal integer in dense hex literal") from None
        if isinstance(elem, FloatType) and elem.kind == "bf16":
            bits = np.frombuffer(raw, dtype=np.uint16).astype(np.uint32) << 16
            arr = bits.view(np.float32)
        elif isinstance(elem, IntegerType) and elem.width == 1:
            arr = np.frombuffer(raw, dtype=np.uint8).astype(bool)
        else:
            if len(raw) % dtype.itemsize:
                raise ValueError("elements hex data size is invalid for provided type")
            arr = np.frombuffer(raw, dtype=dtype)
        n = int(np.prod(t.shape))
        if arr.size == 1:
            return arr.reshape(())
        if arr.size != n:
            raise ValueError("elements hex data size is invalid for provided type")
        return arr.reshape(t.shape)
    if not body:
        if 0 not in t.shape:
            raise ValueError("expected element literal of primitive type")
        return np.zeros(t.shape, dtype=dtype)
    stack: list[list] = [[]]
    pos = 0
    n = len(body)
    complex_parts: list | None = None
    while pos < n:
        m = _DENSE_TOKENS.match(body, pos)
        if m is None or m.end() == pos:
            raise ValueError("expected element literal of primitive type")
        pos = m.end()
        lb, rb, lp, rp, comma, boolean, num, _ = m.groups()
        if lb:
            stack.append([])
        elif rb:
            if len(stack) < 2:
                raise ValueError("unbalanced ']' in elements literal")
            done = stack.pop()
            stack[-1].append(done)
        elif lp:
            complex_parts = []
        elif rp:
            if complex_parts is None or len(complex_parts) != 2:
                raise ValueError("expected complex element as '(real, imag)'")
            stack[-1].append(complex(complex_parts[0], complex_parts[1]))
            complex_parts = None
        elif comma:
            continue
        else:
            if boolean:
                v: Any = boolean == "true"
            elif num is not None:
                v = _number(num, elem)
            else:
                raise ValueError("unexpected string in elements literal")
            if complex_parts is not None:
                complex_parts.append(v)
            else:
                stack[-1].append(v)
    if len(stack) != 1 or len(stack[0]) != 1:
        raise ValueError("unbalanced '[' in elements literal")
    value = stack[0][0]
    try:
        arr = np.array(value, dtype=object)
    except ValueError:
        raise ValueError(
            "tensor literal is invalid; ranks are not consistent between elements"
        ) from None
    if arr.dtype == object and arr.ndim and any(isinstance(x, list) for x in arr.reshape(-1)):
        raise ValueError("tensor literal is invalid; ranks are not consistent between elements")
    if isinstance(elem, IntegerType) and elem.width > 1:
        info = (
            (0, (1 << elem.width) - 1)
            if elem.signedness == "unsigned"
            else (
                -(1 << (elem.width - 1)),
                (1 << elem.width) - 1 if elem.is_signless else (1 << (elem.width - 1)) - 1,
            )
        )
        for x in arr.reshape(-1):
            if isinstance(x, float) or isinstance(x, bool):
                raise ValueError("expected integer elements, but parsed floating-point")
            if not info[0] <= x <= info[1]:
                raise ValueError(f"integer constant out of range for type '{elem}'")
        if elem.is_signless:
            # Signless values above the signed range are bit patterns; wrap them.
            arr = np.array(
                [
                    x - (1 << elem.width) if x > (1 << (elem.width - 1)) - 1 else x
                    for x in arr.reshape(-1)
                ],
                dtype=object,
            ).reshape(arr.shape)
    try:
        with np.errstate(over="ignore"):  # too large for the type: infinity, as in MLIR
            return arr.astype(dtype)
    except (TypeError, ValueError, OverflowError) as e:
        raise ValueError(f"invalid element in elements literal: {e}") from None


def _number(text: str, elem: Type) -> Any:
    if isinstance(elem, ComplexType):
        elem = elem.element_type
    if isinstance(elem, (IntegerType, IndexType)):
        if "." in text or "e" in text.lower() and not text.lower().startswith(("0x", "-0x")):
            raise ValueError("expected integer elements, but parsed floating-point")
        return parse_int(text)
    if text.lower().startswith("-0x"):
        raise ValueError(HEX_MINUS)
    if text.lower().startswith("0x"):
        return bits_to_float(int(text, 16), elem)
    if text.lstrip("+-").isdigit():
        raise ValueError(DECIMAL_FOR_FLOAT)
    return float(text)


# -- the parser objects -------------------------------------------------------------------


class _KeywordTable:
    """Retypes an identifier token that spells a keyword (`arith.constant`, `return`) as that
    keyword's terminal, with one dict lookup. Lark's UnlessCallback does the same with a regex
    alternation of every keyword the lexer state accepts, whose cost grows with the number of
    ops the loaded dialects define (tens of microseconds per op keyword with all of them)."""

    __slots__ = ("types",)

    def __init__(self, types: dict[str, str]) -> None:
        self.types = types

    def __call__(self, tok: Token) -> Token:
        kind = self.types.get(tok.value)
        if kind is not None:
            tok.type = kind
        return tok


def _keyword_matches(lark: Lark) -> dict[str, frozenset[str]]:
    """Each identifier-like terminal's keywords: regexp terminal name -> the names of the
    string terminals of its priority that it matches whole (what lark's `_create_unless`
    finds per lexer state with one regex match per pair). Found once when the grammar is
    built and stored with it: a parse builds some dozens of lexer states' scanners, and
    matching there cost tens of milliseconds per process."""
    conf = lark.lexer_conf
    flags = conf.g_regex_flags
    strings = [t for t in conf.terminals if type(t.pattern) is PatternStr]
    matches: dict[str, frozenset[str]] = {}
    for retok in conf.terminals:
        if type(retok.pattern) is PatternStr:
            continue
        pattern = re.compile(retok.pattern.to_regexp(), flags)
        names = frozenset(
            t.name
            for t in strings
            if t.priority == retok.priority
            and (m := pattern.match(t.pattern.value)) is not None
            and m.group(0) == t.pattern.value
        )
        if names:
            matches[retok.name] = names
    return matches


class _KeywordLexer(BasicLexer):
    """A lexer state's scanner as lark builds it (`_create_unless`: the keywords an
    identifier-like regexp also matches are left out of the scanner and found after it), with
    the keyword check a dict lookup (_KeywordTable) instead of a regex alternation, and the
    regexp-vs-keyword matches found once per grammar (`keyword_matches`, set by
    _prepare)."""

    keyword_matches: dict[str, frozenset[str]]

    def _build_scanner(self) -> Any:
        flags = self.g_regex_flags
        strings = [t for t in self.terminals if type(t.pattern) is PatternStr]
        embedded: set[Any] = set()
        callback: dict[str, Any] = {}
        for retok in self.terminals:
            names = self.keyword_matches.get(retok.name)
            if not names:
                continue
            unless = [t for t in strings if t.name in names]
            if not unless:
                continue
            embedded.update(t for t in unless if t.pattern.flags <= retok.pattern.flags)
            if all(not t.pattern.flags for t in unless):
                callback[retok.name] = _KeywordTable({t.pattern.value: t.name for t in unless})
            else:
                scanner = Scanner(unless, flags, self.re, self.use_bytes)
                callback[retok.name] = UnlessCallback(scanner)
        for kind, f in self.user_callbacks.items():
            if kind in callback:  # the keyword check first, then the user's callback
                callback[kind] = CallChain(callback[kind], f, lambda t, kind=kind: t.type == kind)
            else:
                callback[kind] = f
        self.callback = callback
        terminals = [t for t in self.terminals if t not in embedded]
        return Scanner(terminals, flags, self.re, self.use_bytes)


class _ContextualLexer(ContextualLexer):
    BasicLexer = _KeywordLexer


def _prepare(lark: Lark) -> None:
    """What a freshly built parser gets before it is used and cached: rule names as plain
    strings (the LALR loop looks up `rule.origin.name` in a table keyed by str after every
    reduction, and with a Token there, as a freshly built grammar has them, each lookup runs
    Token.__eq__ in Python), and its lexer states' shared keyword matches."""
    for rule in getattr(lark, "rules", ()):
        if type(rule.origin.name) is not str:
            rule.origin.name = str(rule.origin.name)
    matches = _keyword_matches(lark)
    lexer = lark.parser.lexer
    for state_lexer in [*lexer.lexers.values(), lexer.root_lexer]:
        state_lexer.keyword_matches = matches


def _lark_options() -> dict[str, Any]:
    """Every option of the Lark object but the transformer and lexer callbacks, which
    belong to one MLIRParser (fresh containers per call: Lark keeps them)."""
    return {
        "parser": "lalr",
        "lexer": "contextual",
        "maybe_placeholders": True,
        "start": ["start", "type", "attribute"],
        "_plugins": {"ContextualLexer": _ContextualLexer},
    }


class MLIRParser:
    """A compiled grammar (core + dialect fragments) and its IR-building callbacks.

    Each parse gets an IRBuilder of its own: `builder`, the one the Lark object was built
    with, or (while it is busy, parsing in another thread) another one, made on demand with
    the same grammar, tables and lexer and kept for later parses."""

    def __init__(self, dialects: tuple[Dialect, ...] = ()) -> None:
        callbacks: dict[str, Any] = {}
        for d in dialects:
            callbacks.update(d.parse_callbacks)
        builder_cls = type("IRBuilder", (IRBuilder,), callbacks) if callbacks else IRBuilder
        self._builder_cls = builder_cls
        self.builder = builder_cls()
        fragments = tuple(d.grammar for d in dialects if d.grammar)
        self.heads = grammar.fast_heads(fragments)
        text = grammar.compose(fragments)
        self.lark = lark_cache.cached_lark(
            text,
            _lark_options(),
            transformer=self.builder,
            lexer_callbacks={"CUSTOM_HEAD": self._retype_head},
            prepare=_prepare,
        )
        self.builder.parse_text = self.lark.parse
        self._idle: list[IRBuilder] = [self.builder]  # list.pop/append are atomic
        # Op keywords (also the short ones, `return`), said as "operation" in error messages.
        self.op_keywords = {"module", "builtin.module"}
        for d in dialects:
            for op in d.ops:
                self.op_keywords.add(op.OP_NAME)
                if getattr(op, "short_name_in_default_dialect", False):
                    self.op_keywords.add(op.OP_NAME.partition(".")[2])
        # Literal spellings of the grammar's anonymous terminals, for error messages.
        self.literals = {
            t.name: t.pattern.value for t in self.lark.terminals if t.pattern.type == "str"
        }

    def _new_builder(self) -> IRBuilder:
        """A builder for one more parse at a time: Lark's frontend and LALR parser copied
        (the tables and the lexer are shared, read only), with callbacks bound to it."""
        builder = self._builder_cls()
        callbacks = self.lark._parse_tree_builder.create_callback(builder)
        frontend = copy.copy(self.lark.parser)
        lalr = frontend.parser = copy.copy(frontend.parser)
        lalr.parser = _Parser(lalr._parse_table, callbacks)
        builder.parse_text = frontend.parse
        return builder

    def parse(self, text: str, filename: str = "<stdin>", allow_unregistered: bool = False):
        idle = self._idle
        try:
            builder = idle.pop()
        except IndexError:
            builder = self._new_builder()
        builder.s = ParseState(filename, text, allow_unregistered)
        try:
            with gc_paused():
                return builder.parse_text(text, "start")
        except UnexpectedInput as e:
            raise self._syntax_error(e, text, filename) from None
        except RecursionError:
            raise DiagnosticError(
                Diagnostic("error", "input nested too deeply", FileLineColLoc(filename, 1, 1))
            ) from None
        finally:
            builder.s = _IDLE
            idle.append(builder)

    def _retype_head(self, tok: Token) -> Token:
        """A CUSTOM_HEAD token (`arith.addi %a, %b`, maybe with `%r = ` before and `: i32`
        after) becomes its op's head terminal."""
        start = tok.index("=") + 1 if tok[0] == "%" else 0
        tok.type = self.heads[tok[start:].split(None, 1)[0]]
        return tok

    def _syntax_error(self, e: UnexpectedInput, text: str, filename: str) -> DiagnosticError:
        line = getattr(e, "line", 1) or 1
        col = getattr(e, "column", 1) or 1
        history = getattr(e, "token_history", None) or ()
        last = history[-1] if history else None
        if last is not None and getattr(last, "type", "") == "OP_IDENT":
            loc = FileLineColLoc(filename, last.line, last.column)
            msg = f"custom op '{last}' is unknown{unknown_op_hint(str(last))}"
            return DiagnosticError(Diagnostic("error", msg, loc))
        if isinstance(e, UnexpectedCharacters):
            expected = set(e.allowed or ())
            pos = e.pos_in_stream
            ch = text[pos] if pos < len(text) else ""
            word = _WORD.match(text, pos)
            if ch == '"':
                msg = "expected '\"' in string literal"
            elif "GENERIC_HEAD" in expected and word is not None:
                msg = f"custom op '{word.group(0)}' is unknown{unknown_op_hint(word.group(0))}"
            elif "SIGNATURE" in expected and "COLON_TYPE" not in expected:
                msg = "expected ':' followed by operation type"
            else:
                found = word.group(0) if word is not None else ch
                shown = f"'{found}'" if found.isprintable() else "character"
                msg = f"unexpected {shown}, expected {self._expected(expected)}"
        elif isinstance(e, UnexpectedEOF) or (
            isinstance(e, UnexpectedToken) and e.token.type == "$END"
        ):
            msg = "unexpected end of file"
            lines = text.split("\n")
            line, col = len(lines), len(lines[-1]) + 1
        elif isinstance(e, UnexpectedToken):
            expected = set(e.accepts or e.expected)
            if "SIGNATURE" in expected and "COLON_TYPE" not in expected:
                msg = "expected ':' followed by operation type"
            elif "GENERIC_HEAD" in expected and e.token.type in ("BARE_ID", "OP_IDENT"):
                msg = f"custom op '{e.token}' is unknown{unknown_op_hint(str(e.token))}"
            else:
                tok = str(e.token).strip().split("\n")[0]
                shown = tok if len(tok) <= 40 else f"{tok[:37]}..."
                msg = f"unexpected '{shown}', expected {self._expected(expected)}"
        else:
            msg = "syntax error"
        return DiagnosticError(Diagnostic("error", msg, FileLineColLoc(filename, line, col)))

    def _expected(self, terminals: set[str]) -> str:
        if ":" in {self.literals.get(t) for t in terminals}:
            # `: i32` and `: (i32) -> i32` are one-token spellings of ':'; say ':' once.
            terminals = terminals - {"COLON_TYPE", "SIGNATURE"}
        names = sorted({self._describe(t) for t in terminals if t != "$END"})
        if not names:
            return "end of file"
        if len(names) == 1:
            return names[0]
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        return f"one of: {shown}"

    def _describe(self, terminal: str) -> str:
        """What a terminal is, in the words of MLIR's messages: never a grammar name."""
        name = _TERMINAL_NAMES.get(terminal)
        if name is not None:
            return name
        literal = self.literals.get(terminal)
        if literal is not None:
            # An op keyword (`arith.addi`): where ops may start, say so once.
            return "operation" if literal in self.op_keywords else f"'{literal}'"
        if terminal.endswith("_HEAD") or terminal.startswith("OP_IDENT"):
            return "operation"
        if terminal.endswith(("_BODY", "_TOKEN")):
            return "attribute value"  # an op's custom attribute syntax (asmformat)
        if terminal.startswith("VALUE"):
            return "SSA operand"
        return "token"


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$.]*")

_TERMINAL_NAMES = {
    "RESULTS": "SSA result list", "OPERANDS": "operand list", "FTYPE": "function type",
    "SIMPLE_TYPE": "type", "HASH": "attribute", "BANG": "type", "DENSE": "dense literal",
    "DIMS": "dimension list", "VALUE_ID": "SSA value", "CARET_ID": "block name",
    "STRING": "string", "BARE_ID": "identifier", "SYMBOL": "symbol reference",
    "INT": "integer", "FLOAT": "float", "CMP": "comparison", "GENERIC_HEAD": "operation",
    "SIGNATURE": "':' followed by operation type", "UNRANKED": "'*x'",
    "COLON_TYPE": "':' followed by a type", "CUSTOM_HEAD": "operation",
    "OP_IDENT": "operation", "VALUE_LIST": "SSA operand", "VALUES_TYPES": "SSA operand",
    "PAREN_VALUES_TYPES": "'('", "SUCCESSOR_ARGS": "block name", "FUNCTION_SIGNATURE": "'('",
    "MODULE": "operation", "BUILTIN_MODULE": "operation", "TENSOR": "'tensor'", "MEMREF": "'memref'", "VECTOR": "'vector'",
    "COMPLEX": "'complex'", "TRUE": "'true'", "FALSE": "'false'", "ARRAY": "'array'",
    "QMARK": "'?'",
}  # fmt: skip


def unknown_op_hint(name: str) -> str:
    """What to add to "op 'name' is unknown": the nearest op of its dialect, or, when no
    dialect has its prefix, how to load one."""
    dialect_name, dot, _ = name.partition(".")
    if not dot:
        return ""
    dialect = load_dialect(dialect_name)
    if dialect is None:
        return (
            f" (no dialect '{dialect_name}' is loaded: --load-dialect-plugin=MODULE loads a "
            "Python dialect, --allow-unregistered-dialect accepts its ops in generic form)"
        )
    return did_you_mean(name, (op.OP_NAME for op in dialect.ops))


_PARSERS: dict[tuple[str, ...], MLIRParser] = {}

# The dialect prefixes a text names where the grammar needs the dialect's fragment: custom op
# names (`arith.addi`) and dialect types and attributes (`!llvm.ptr`, `#arith.fastmath<..>`).
# Comments and string literals are matched first to be skipped (a generic op's quoted name
# needs no grammar: its dialect loads when the op is looked up); `%x.y`, `@a.b` and `^bb.c`
# are names, not prefixes. A superset is harmless: it only loads more.
_NAMED_DIALECT = re.compile(
    r'//[^\n]*|"(?:[^"\\\n]|\\.)*"|(?<![\w$.%@^\-])[!#]?([A-Za-z_][\w$]*)\.(?=[A-Za-z_])'
)


def named_dialects(text: str) -> set[str]:
    """The dialect prefixes `text` names outside comments and strings (see _NAMED_DIALECT)."""
    names = set(_NAMED_DIALECT.findall(text))
    names.discard("")
    return names


def get_parser(text: str | None = None) -> MLIRParser:
    """The parser for `text`: its grammar has the fragments of the dialects the text names
    and of those already loaded in the current context (every available dialect when no
    text is given), built once per set of dialects. Loading only what an input names is
    what keeps a small dialir-opt run fast: a dialect costs its import and a bigger grammar."""
    if text is None:
        dialects = load_all_dialects()
    else:
        # builtin, and func: its ops are the ones written without a prefix (`return`).
        for name in ("builtin", "func", *named_dialects(text)):
            load_dialect(name)
        dialects = [d for _, d in sorted(Context.current().loaded_dialects().items())]
    key = tuple(d.name for d in dialects)
    p = _PARSERS.get(key)
    if p is not None:
        return p
    # A parser for more dialects reads this text the same way (dialects it does not need
    # stay unused). Within one process, a new build covers every dialect seen so far, so a
    # long-running process builds a few grammars, not one per combination of dialects.
    needed = set(key)
    supersets = [k for k in _PARSERS if needed <= set(k)]
    if supersets:
        return _PARSERS[min(supersets, key=len)]
    if _PARSERS:
        names = needed.union(*_PARSERS)
        dialects = [d for d in (load_dialect(n) for n in sorted(names)) if d is not None]
        key = tuple(d.name for d in dialects)
    p = _PARSERS[key] = MLIRParser(tuple(dialects))
    return p


def parse(
    text: str, filename: str = "<stdin>", allow_unregistered: bool | None = None
) -> Operation:
    """Parse MLIR text into a `builtin.module` (wrapping top-level ops when needed), in the
    current context (whose `allow_unregistered` applies unless given)."""
    if allow_unregistered is None:
        allow_unregistered = Context.current().allow_unregistered
    return get_parser(text).parse(text, filename, allow_unregistered)
