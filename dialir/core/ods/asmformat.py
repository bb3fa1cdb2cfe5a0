"""MLIR's declarative assembly format: one string on an op definition gives both its custom
printer and the Lark grammar fragment (with callbacks) that parses it, so the two cannot drift.

Supported: `$field` (operands, attributes, regions, successors), `` `literal` `` keywords and
punctuation, `attr-dict`, `attr-dict-with-keyword`, `type($x)`, `type(operands)`,
`type(results)`, `qualified($attr)` / `qualified(type($x))`, `functional-type(operands,
results)` (any two type targets), and optional groups `( ... $anchor^ ... )?`.

An attribute whose constraint has an `attr_class` (a ParametricAttr subclass) is written
stripped, as MLIR writes attributes of a known class: only its `<...>` body (`overflow<nsw>`).
An optional group anchored on an attribute is left out when the attribute has its default.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dialir.core.ir.attrs import DenseArrayAttr, StringAttr, SymbolRefAttr, TypeAttr, UnitAttr
from dialir.core.ir.literals import unescape
from dialir.core.ir.operation import Operation, OpResult, Value, make_uses
from dialir.core.ir.printer import AsmPrinter
from dialir.core.ir.traits import IsolatedFromAbove, SameOperandsAndResultType, SameTypeOperands
from dialir.core.ir.types import FunctionType, IntegerType
from dialir.core.ods.constraints import (
    CustomAttr,
    EnumAttr,
    FlatSymbolRefAttr,
    SameAs,
    SymbolNameAttr,
    TypeAttrC,
    TypeIs,
    UnitAttrC,
)
from dialir.core.ods.interfaces import InferTypeOpInterface
from dialir.core.ods.opdef import (  # opdef imports this module lazily
    OPTIONAL,
    SINGLE,
    VARIADIC,
    build_result_types,
)
from dialir.parser.asm import AsmParser

_TOKEN = re.compile(
    r"\s*(?:(`[^`]*`)|(\$[A-Za-z_][A-Za-z0-9_]*)|(attr-dict-with-keyword|attr-dict|"
    r"functional-type|qualified|type|operands|results|regions|successors)|(\^)|(\)\?)|([(),]))"
)
_SEGMENTS = ("operandSegmentSizes", "resultSegmentSizes")


class FormatError(Exception):
    """A malformed assembly format, reported when the op class is defined."""


# -- the format as elements -----------------------------------------------------------------


@dataclass
class Literal:
    text: str


@dataclass
class Var:
    name: str  # a field of the op
    kind: str = ""  # operand, result, attr, region, successor
    constraint: Any = None  # an attribute's, for the parser
    qualified: bool = False  # `qualified($attr)`: written in full, not stripped


@dataclass
class TypeOf:
    target: str  # a field name, "operands" or "results"


@dataclass
class FunctionalType:
    inputs: str
    results: str


@dataclass
class AttrDict:
    with_keyword: bool


@dataclass
class Group:
    elements: list
    anchor: Var | TypeOf | None = None
    steps: list = field(default_factory=list)  # the parser's handlers, see _steps
    units: list = field(default_factory=list)  # unit attributes set when the group is present


# Parse-side fusions of common element runs, each lexed as one coarse token (as the core
# grammar does for generic ops): `$a, $b` and `: type($x)`.


@dataclass
class OperandRun:
    vars: list  # 1 to 4 single operands separated by commas


@dataclass
class ColonType:
    type_of: TypeOf
    many: bool  # type(variadic), type(operands) ...


@dataclass
class TypedOperands:
    """An optional group `($v^ `:` type($v))?` of a variadic or optional operand, with or
    without `(` `)` around it: one VALUES_TYPES / PAREN_VALUES_TYPES token in the common case."""

    var: Var
    parens: bool


@dataclass
class SuccessorOperands:
    """`$dest (`(` $ops^ `:` type($ops) `)`)?`: one SUCCESSOR_ARGS token in the common case."""

    succ: Var
    var: Var


def _tokens(fmt: str) -> list[str]:
    out, pos, end = [], 0, len(fmt.rstrip())
    while pos < end:
        m = _TOKEN.match(fmt, pos)
        if m is None:
            raise FormatError(f"unexpected '{fmt[pos:].strip()[:10]}' in assembly format")
        out.append(m.group(m.lastindex))  # the token, without the spaces before it
        pos = m.end()
    return out


class _FormatParser:
    def __init__(self, fmt: str) -> None:
        self.toks = _tokens(fmt)
        self.pos = 0

    def peek(self) -> str | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise FormatError(f"expected '{expected}' in assembly format, got '{tok}'")
        self.pos += 1
        return tok

    def elements(self, in_group: bool) -> list:
        out: list = []
        while (tok := self.peek()) is not None:
            if tok == ")?" and in_group:
                return out
            if tok == "^":
                if not in_group or not out:
                    raise FormatError("'^' anchor outside an optional group")
                self.take()
                out[-1] = ("anchor", out[-1])
                continue
            out.append(self.element())
        if in_group:
            raise FormatError("optional group is not closed with ')?'")
        return out

    def element(self) -> Any:
        tok = self.take()
        if tok.startswith("`"):
            return Literal(tok[1:-1])
        if tok.startswith("$"):
            return Var(tok[1:])
        if tok in ("attr-dict", "attr-dict-with-keyword"):
            return AttrDict(tok == "attr-dict-with-keyword")
        if tok == "type":
            self.take("(")
            target = self.target()
            self.take(")")
            return TypeOf(target)
        if tok == "qualified":
            # An attribute in full (`#arith.overflow<nsw>`, not `<nsw>`); a type is always
            # written in full here, so `qualified(type(...))` is `type(...)`.
            self.take("(")
            inner = self.element()
            self.take(")")
            if isinstance(inner, Var):
                inner.qualified = True
            elif not isinstance(inner, TypeOf):
                raise FormatError("qualified() takes an attribute or a type directive")
            return inner
        if tok == "functional-type":
            self.take("(")
            a = self.target()
            self.take(",")
            b = self.target()
            self.take(")")
            return FunctionalType(a, b)
        if tok in ("regions", "successors"):
            return Var(tok)
        if tok == "(":
            items = self.elements(in_group=True)
            self.take(")?")
            anchor = None
            plain = []
            for item in items:
                if isinstance(item, tuple):
                    anchor = item[1]
                    item = item[1]
                plain.append(item)
            if anchor is None:
                raise FormatError("optional group has no '^' anchor")
            return Group(plain, anchor)
        raise FormatError(f"unexpected '{tok}' in assembly format")

    def target(self) -> str:
        tok = self.take()
        if tok.startswith("$"):
            return tok[1:]
        if tok in ("operands", "results"):
            return tok
        raise FormatError(f"expected a type target, got '{tok}'")


# -- the compiled format --------------------------------------------------------------------


@dataclass
class CompiledFormat:
    op_class: type
    elements: list
    rule: str
    grammar: str
    callbacks: dict = field(default_factory=dict)
    in_format: set = field(default_factory=set)
    parse_elements: list = field(default_factory=list)
    inherent: frozenset = frozenset()  # names that go to properties when in the attr-dict
    fast: bool = False  # parsed by _fast_callback
    segments: bool = False  # more than one variadic operand: operandSegmentSizes
    operand_names: tuple = ()
    plans: dict = field(default_factory=dict)  # type-resolution plans, see _plan
    # Attributes with a default, left out of the attr-dict when they hold it (as MLIR's).
    defaults: dict = field(default_factory=dict)

    def print(self, op: Operation, p: AsmPrinter, indent: str) -> None:
        state = {"space": True, "punct": False}
        p.write(op.asm_name())
        isolated = type(op).is_registered and IsolatedFromAbove in type(op).traits
        if isolated and op.regions:
            p.enter_scope()
        try:
            self._print_elements(self.elements, op, p, indent, state)
        finally:
            if isolated and op.regions:
                p.exit_scope()

    def _emit(self, p: AsmPrinter, text: str, state: dict, literal: bool) -> None:
        """Spacing as MLIR's generated printers (OpFormatGen): `space` is shouldEmitSpace,
        `punct` lastWasPunctuation. A `` ` ` `` literal writes a space, `` `` `` none; either
        keeps the space of the next element away. Any other element but a literal (a
        variable, a type, even one that prints nothing) gets a space before it unless the
        last thing written was punctuation that asks for none (`(`, `[`, ``)."""
        if literal and not text.strip():
            if text:
                p.write(" ")
            state["space"], state["punct"] = False, not text
            return
        if literal:
            if state["space"] and _space_before(text, state["punct"]):
                p.write(" ")
            state["space"] = len(text) != 1 or text[0] not in "<({["
            state["punct"] = text[0] != "_" and not text[0].isalpha()
        else:
            if state["space"] or not state["punct"]:
                p.write(" ")
            state["space"], state["punct"] = True, False
        p.write(text)

    def _print_elements(
        self, elements: list, op: Operation, p: AsmPrinter, indent: str, st: dict
    ) -> None:
        d = type(op).definition
        for el in elements:
            if isinstance(el, Literal):
                self._emit(p, el.text, st, literal=True)
            elif isinstance(el, Group):
                if _present(el.anchor, op):
                    self._print_elements(el.elements, op, p, indent, st)
            elif isinstance(el, AttrDict):
                defaults = self.defaults
                attrs = {
                    k: v for k, v in {**op.properties, **op.attributes}.items()
                    if k not in self.in_format and k not in _SEGMENTS and defaults.get(k) != v
                }  # fmt: skip
                if attrs:
                    prefix = "attributes " if el.with_keyword else ""
                    p.write(" " + prefix + p.attr_dict(attrs))
                st["punct"] = False  # as MLIR's: shouldEmitSpace stays as it was
            elif isinstance(el, TypeOf):
                self._emit(p, ", ".join(p.type(t) for t in _types_of(el.target, op)), st, False)
            elif isinstance(el, FunctionalType):
                ft = FunctionType(_types_of(el.inputs, op), _types_of(el.results, op))
                self._emit(p, p.type(ft), st, False)
            elif isinstance(el, Var):
                self._print_var(el, d, op, p, indent, st)

    def _print_var(
        self, el: Var, d: Any, op: Operation, p: AsmPrinter, indent: str, st: dict
    ) -> None:
        if el.kind == "operand":
            # An empty variadic or absent optional operand still gets its space (as MLIR's).
            values = _as_list(_get(op, el.name))
            self._emit(p, ", ".join(p.value(v) for v in values), st, False)
        elif el.kind == "attr":
            a = d.field(el.name)
            if a.constraint is UnitAttrC:
                return  # a unit attribute shows only through its optional group
            value = _get(op, el.name)
            if value is None:
                self._emit(p, "", st, False)
                return
            text = p.attr(value) if el.qualified else _attr_text(a.constraint, value, p)
            self._emit(p, text, st, False)
        elif el.kind == "region":
            regions = op.regions if el.name == "regions" else _as_list(_get(op, el.name))
            if st["space"] or not st["punct"]:
                p.write(" ")
            for i, r in enumerate(regions):
                if i:
                    p.write(", ")
                p.region(r, indent)
            st["space"], st["punct"] = True, False
        elif el.kind == "successor":
            blocks = op.successors if el.name == "successors" else _as_list(_get(op, el.name))
            self._emit(p, ", ".join(p.block_name(b) for b in blocks), st, False)


def _space_before(value: str, last_was_punct: bool) -> bool:
    """MLIR's spacing rule for literals in declarative formats."""
    if len(value) != 1 and value != "->":
        return True
    if last_was_punct:
        return value[0] not in ">)}],"
    return value[0] not in "<>(){}[],"


def _as_list(v: Any) -> list:
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return list(v)
    return [v]


def _types_of(target: str, op: Operation) -> list:
    if target == "operands":
        return [v.type for v in op.operands]
    if target == "results":
        return [r.type for r in op.results]
    return [v.type for v in _as_list(_get(op, target))]


def _get(op: Operation, name: str) -> Any:
    """Field `name` of `op`: `$in` is the field whose Python accessor is `in_`."""
    return getattr(op, type(op).definition.accessors[name])


def _present(anchor: Any, op: Operation) -> bool:
    target = anchor.target if isinstance(anchor, TypeOf) else anchor.name
    if target in ("operands", "results", "regions", "successors"):
        return bool(getattr(op, target))
    value = _get(op, target)
    if isinstance(value, (list, tuple)):
        return bool(value) and not (anchor.kind == "region" and all(not r.blocks for r in value))
    if anchor.kind == "region":
        return bool(value.blocks)
    if anchor.kind == "attr":  # an attribute equal to its default is left out (as MLIR)
        f = type(op).definition.field(target)
        if value is None or value is f.default:
            return False
        # `#llvm.overflow<none>` means the default `0 : i32`: printed, it would read back as
        # the default and print differently the second time.
        c = f.constraint
        return not (f.default is not None and isinstance(c, CustomAttr)
                    and c.same_value(value, f.default))  # fmt: skip
    return value is not None


def _attr_text(c: Any, value: Any, p: AsmPrinter) -> str:
    if isinstance(c, CustomAttr) and c.check(value):
        return c.print_token(value, p)
    if isinstance(c, EnumAttr):
        return c.case(value)
    if c is SymbolNameAttr and isinstance(value, StringAttr):
        return p.attr(SymbolRefAttr(value.value))
    if c is TypeAttrC and isinstance(value, TypeAttr):
        return p.type(value.value)
    if isinstance(value, getattr(c, "attr_class", ())):
        return value.print_body(p)  # stripped: `<nsw>` for `#arith.overflow<nsw>` (as MLIR)
    return p.attr(value)


# -- grammar --------------------------------------------------------------------------------


def compile_format(cls: type, fmt: str) -> CompiledFormat:
    elements = _FormatParser(fmt).elements(in_group=False)
    d = cls.definition
    rule = "op_" + re.sub(r"[^a-z0-9_]", "_", cls.OP_NAME.lower())
    compiled = CompiledFormat(cls, elements, rule, "")
    _bind(elements, d, compiled)
    _check_types_resolved(cls, elements)
    compiled.parse_elements = _fuse(elements, d)
    compiled.inherent = frozenset(a.name for a in d.attributes) | frozenset(_SEGMENTS)
    compiled.defaults = {a.name: a.default for a in d.attributes if a.default is not None}
    compiled.segments = sum(o.kind != SINGLE for o in d.operands) > 1
    compiled.operand_names = tuple(o.name for o in d.operands)
    lines: list[str] = []
    body = _grammar(compiled.parse_elements, rule, lines, [0], compiled)
    # Named string terminals (one per spelling): the callback gets the keyword's position,
    # and the lexer folds every op keyword into one identifier match (see core.lark).
    terminal = rule.upper()
    keywords = [f"{terminal}"]
    lines.insert(0, f'{terminal}: "{cls.OP_NAME}"')
    if cls.short_name_in_default_dialect:
        lines.insert(0, f'{terminal}_SHORT: "{cls.OP_NAME.partition(".")[2]}"')
        keywords.append(f"{terminal}_SHORT")
    if d.regions:
        # A rule of its own so the op name is known before the regions are parsed (SSA
        # scoping of isolated-from-above ops).
        lines.insert(0, f"{rule}_kw: {' | '.join(keywords)}")
        lines.insert(0, f"{rule}: {rule}_kw {body}")
    else:  # fewer reductions on the hot path
        lines.insert(0, f"{rule}: ({' | '.join(keywords)}) {body}")
    lines.insert(0, f"%extend custom_op: {rule}")
    compiled.grammar = "\n".join(lines) + "\n"
    if d.regions:
        compiled.callbacks[f"{rule}_kw"] = _keyword_callback(cls.OP_NAME)
    compiled.callbacks[rule] = _op_callback(compiled)
    if compiled.fast and not cls.short_name_in_default_dialect:
        # `arith.addi %a, %b` as ONE token, and with its result list and (no attributes
        # between) its type too, `%r = arith.addi %a, %b : i32`: the lexer's CUSTOM_HEAD
        # (built from these markers by grammar.compose) is retyped to this op's head
        # terminal; the rule takes it alone or followed by the rest of the format. (One
        # terminal, not one per spelling: each op-start terminal adds an action to every
        # parser state that can end an op.)
        head = f"{terminal}_HEAD"
        n = len(compiled.parse_elements[0].vars)
        first = compiled.grammar.split("\n")[1]  # `rule: (KW) VALUE_SEQn rest`
        rest = first.split(f" VALUE_SEQ{n} ", 1)
        if len(rest) == 2:
            kws = rest[0].split(": ", 1)[1]
            alt = f"{rule}: {head} | ({head} | {kws} VALUE_SEQ{n}) {rest[1]}"
            compiled.grammar = compiled.grammar.replace(first, alt) + (
                f"%declare {head}\n// fast-head: {cls.OP_NAME} {head}\n"
            )
    return compiled


def _bind(elements: list, d: Any, compiled: CompiledFormat) -> None:
    """Resolve each `$name` to its field kind; record attributes the format spells out."""
    for el in elements:
        if isinstance(el, Group):
            _bind(el.elements, d, compiled)
            continue
        if isinstance(el, TypeOf):
            el.target = _ods_target(el.target, d)
            continue
        if isinstance(el, FunctionalType):
            el.inputs, el.results = _ods_target(el.inputs, d), _ods_target(el.results, d)
            continue
        if not isinstance(el, Var):
            continue
        if el.name == "regions":
            el.kind = "region"
            continue
        if el.name == "successors":
            el.kind = "successor"
            continue
        f = d.field(el.name)
        if f is None:
            raise FormatError(f"'${el.name}' is not a field of the op")
        el.name = f.name  # `$in_` is `$in`: the elements use ODS names
        kind = type(f).__name__
        el.kind = {
            "OperandDef": "result" if getattr(f, "is_result", False) else "operand",
            "AttrDef": "attr", "RegionDef": "region", "SuccessorDef": "successor",
        }[kind]  # fmt: skip
        if el.kind == "result":
            raise FormatError(
                f"result '${el.name}' cannot appear in the format; use type(${el.name})"
            )
        if el.kind == "attr":
            compiled.in_format.add(el.name)
            # Only an attribute written stripped has another, qualified, spelling.
            el.qualified = el.qualified and getattr(f.constraint, "attr_class", None) is not None
        elif el.qualified:
            raise FormatError(f"qualified(${el.name}): '{el.name}' is not an attribute")


def _ods_target(target: str, d: Any) -> str:
    if target in ("operands", "results"):
        return target
    f = d.field(target)
    if f is None:
        raise FormatError(f"type(${target}) names no operand or result")
    return f.name


def _grammar(
    elements: list, rule: str, lines: list[str], counter: list[int], compiled,
    colon_after: bool = False,
) -> str:  # fmt: skip
    """The rule body for `elements`; `colon_after`: the format goes on with `:` after them
    (they are an optional group's)."""
    parts = []
    d = compiled.op_class.definition
    for i, el in enumerate(elements):
        if (
            isinstance(el, Literal)
            and el.text == ":"
            and i + 1 < len(elements)
            and isinstance(elements[i + 1], FunctionalType)
        ):
            # `: (i32) -> i32` may lex as one SIGNATURE token (after an attr-dict, whose
            # parser states generic ops share): accept both spellings.
            continue
        if (
            isinstance(el, FunctionalType)
            and i
            and isinstance(elements[i - 1], Literal)
            and (elements[i - 1].text == ":")
        ):
            parts.append("_signature")
            continue
        if isinstance(el, OperandRun):
            parts.append(f"VALUE_SEQ{len(el.vars)}")  # a token, split in _collect
            continue
        if isinstance(el, ColonType):
            parts.append("colon_types" if el.many else "colon_type")
            continue
        if isinstance(el, (TypedOperands, SuccessorOperands)):
            counter[0] += 1
            name = f"{rule}_opt{counter[0]}"
            if isinstance(el, SuccessorOperands):
                alts = 'SUCCESSOR_ARGS | CARET_ID | CARET_ID "(" value_use_list colon_types ")"'
            elif el.parens:
                alts = 'PAREN_VALUES_TYPES | "(" value_use_list colon_types ")"'
            else:
                alts = "VALUES_TYPES | value_use_list colon_types"
            lines.append(f"{name}: {alts}")
            compiled.callbacks[name] = _group_callback
            parts.append(name if isinstance(el, SuccessorOperands) else f"[{name}]")
            continue
        if isinstance(el, Literal):
            if not el.text:
                continue  # `` only affects printing
            parts.append('"' + el.text.replace("\\", "\\\\").replace('"', '\\"') + '"')
        elif isinstance(el, Group):
            counter[0] += 1
            name = f"{rule}_opt{counter[0]}"
            after = _colon_follows(elements, i, colon_after)
            inner = _grammar(el.elements, rule, lines, counter, compiled, after)
            lines.append(f"{name}: {inner}")
            compiled.callbacks[name] = _group_callback
            parts.append(f"[{name}]")
        elif isinstance(el, AttrDict):
            parts.append("[attr_dict_kw]" if el.with_keyword else "[attr_dict]")
        elif isinstance(el, TypeOf):
            parts.append("type" if _single(el.target, d) else "types_opt")
        elif isinstance(el, FunctionalType):
            parts.append("function_type")
        elif isinstance(el, Var):
            symbol = _var_grammar(el, d)
            c = d.field(el.name).constraint if el.kind == "attr" else None
            if isinstance(c, CustomAttr) and c.terminal.startswith("/"):
                symbol = f"{rule.upper()}_{el.name.upper()}_TOKEN"
                lines.append(f"{symbol}: {c.terminal}")
            elif isinstance(c, CustomAttr):
                symbol = c.terminal
            elif el.kind == "attr" and getattr(c, "attr_class", None) and not el.qualified:
                symbol = f"{rule.upper()}_{el.name.upper()}_BODY"  # a stripped `<...>` body
                lines.append(f"{symbol}: /<([^<>]|<[^<>]*>)*>/")
            if symbol == "attribute" and parts and parts[-1] == "[attr_dict]":
                symbol = "attribute_nodict"  # `{` after attr-dict starts no attribute (as MLIR)
            elif symbol == "attribute" and _colon_follows(elements, i, colon_after):
                symbol = "attribute_before_colon"
            parts.append(symbol)
    return " ".join(parts) if parts else ""


def _colon_follows(elements: list, i: int, colon_after: bool = False) -> bool:
    """Whether the format goes on with `:` after element i (past an attr-dict); at the end
    of `elements`, `colon_after` says."""
    for el in elements[i + 1 :]:
        if isinstance(el, AttrDict):
            continue
        return isinstance(el, ColonType) or (isinstance(el, Literal) and el.text == ":")
    return colon_after


def _single(target: str, d: Any) -> bool:
    if target in ("operands", "results"):
        return False
    return d.field(target).kind == SINGLE


def _var_grammar(el: Var, d: Any) -> str:
    if el.kind == "operand":
        return "value_use" if d.field(el.name).kind == SINGLE else "value_use_list"
    if el.kind == "region":
        if el.name == "regions" or d.field(el.name).kind != SINGLE:
            return "region_list"
        return "region"
    if el.kind == "successor":
        if el.name == "successors" or d.field(el.name).kind != SINGLE:
            return "successor_list"
        return "CARET_ID"
    c = d.field(el.name).constraint
    if isinstance(c, EnumAttr):
        return "(BARE_ID | STRING)"  # MLIR's parseKeywordOrString
    if c is SymbolNameAttr or c is FlatSymbolRefAttr:
        return "SYMBOL"
    if c is TypeAttrC:
        return "type"
    if c is UnitAttrC:
        return ""  # presence is the group's anchor
    return "attribute"


def _check_types_resolved(cls: type, elements: list) -> None:
    """Every operand and result type must come from the format, a buildable type (TypeIs),
    a SameAs constraint, a same-type trait, or (results only) the op's
    InferTypeOpInterface."""
    d = cls.definition
    known = set()
    for el in _flatten(elements):
        if isinstance(el, TypeOf):
            known |= _targets(el.target, d)
        elif isinstance(el, FunctionalType):
            known |= _targets(el.inputs, d) | _targets(el.results, d)
    fields = d.operands + d.results
    known |= {f.name for f in fields if isinstance(f.constraint, TypeIs)}
    same = SameOperandsAndResultType in cls.traits
    changed = True
    while changed:
        changed = False
        for f in fields:
            if f.name in known:
                continue
            c = f.constraint
            if (isinstance(c, SameAs) and c.other in known) or (same and known):
                known.add(f.name)
                changed = True
            elif (
                SameTypeOperands in cls.traits
                and not f.is_result
                and any(o.name in known for o in d.operands)
            ):
                known.add(f.name)
                changed = True
        for f in fields:
            c = f.constraint
            if isinstance(c, SameAs) and f.name in known and c.other not in known:
                known.add(c.other)
                changed = True

    inferable = issubclass(cls, InferTypeOpInterface)
    for f in fields:
        if f.name not in known and not (f.is_result and inferable):
            what = "result" if f.is_result else "operand"
            raise FormatError(
                f"{cls.OP_NAME}: the format does not resolve the type of {what} '{f.name}': "
                f"'{f.constraint.description}' is not one buildable type; add type(${f.name})"
            )


def _flatten(elements: list):
    for el in elements:
        if isinstance(el, Group):
            yield from _flatten(el.elements)
        elif isinstance(el, OperandRun):
            yield from el.vars
        elif isinstance(el, ColonType):
            yield el.type_of
        elif isinstance(el, TypedOperands):
            yield from (el.var, TypeOf(el.var.name))
        elif isinstance(el, SuccessorOperands):
            yield from (el.succ, el.var, TypeOf(el.var.name))
        else:
            yield el


def _fuse(elements: list, d: Any) -> list:
    """The elements as the parser sees them: runs of single operands and `: type(...)` become
    OperandRun / ColonType, each one coarse token in the common case."""
    out: list = []
    i, n = 0, len(elements)
    while i < n:
        el = elements[i]
        if isinstance(el, Group):
            inner = _fuse(el.elements, d)
            typed = _typed_operands(inner, el.anchor, d)
            if typed is None:
                out.append(Group(inner, el.anchor))
            elif typed.parens and out and _single_successor(out[-1], d):
                out[-1] = SuccessorOperands(out[-1], typed.var)
            else:
                out.append(typed)
            i += 1
        elif _single_operand(el, d):
            run, i = [el], i + 1
            while (
                len(run) < 4 and i + 1 < n and isinstance(elements[i], Literal)
                and elements[i].text == "," and _single_operand(elements[i + 1], d)
            ):  # fmt: skip
                run.append(elements[i + 1])
                i += 2
            out.append(OperandRun(run))
        elif (
            isinstance(el, Literal) and el.text == ":" and i + 1 < n
            and isinstance(elements[i + 1], TypeOf)
        ):  # fmt: skip
            out.append(ColonType(elements[i + 1], not _single(elements[i + 1].target, d)))
            i += 2
        else:
            out.append(el)
            i += 1
    return out


def _single_operand(el: Any, d: Any) -> bool:
    return isinstance(el, Var) and el.kind == "operand" and d.field(el.name).kind == SINGLE


def _single_successor(el: Any, d: Any) -> bool:
    return (
        isinstance(el, Var) and el.kind == "successor" and el.name != "successors"
        and d.field(el.name).kind == SINGLE
    )  # fmt: skip


def _typed_operands(inner: list, anchor: Any, d: Any) -> TypedOperands | None:
    """The group's elements as a TypedOperands when they are `$v : type($v)` of one
    non-single operand `$v` (its anchor), in parentheses or not."""
    parens = (
        len(inner) == 4 and isinstance(inner[0], Literal) and inner[0].text == "("
        and isinstance(inner[3], Literal) and inner[3].text == ")"
    )  # fmt: skip
    core = inner[1:3] if parens else inner
    if len(core) != 2:
        return None
    var, colon = core
    if not (
        isinstance(var, Var) and var.kind == "operand" and d.field(var.name).kind != SINGLE
        and isinstance(colon, ColonType) and colon.type_of.target == var.name
        and isinstance(anchor, Var) and anchor.name == var.name
    ):  # fmt: skip
        return None
    return TypedOperands(var, parens)


def _targets(target: str, d: Any) -> set[str]:
    if target == "operands":
        return {o.name for o in d.operands}
    if target == "results":
        return {r.name for r in d.results}
    return {target}


# -- parse callbacks ------------------------------------------------------------------------


def _keyword_callback(op_name: str):
    def keyword(builder: AsmParser, children: list) -> Any:
        tok = children[0] if children else None
        if tok is not None and tok != op_name:
            builder.check_short_name(tok, op_name)
        builder.enter_op(op_name)
        return tok

    return keyword


def _group_callback(builder: AsmParser, children: list) -> list:
    return children


def _op_callback(compiled: CompiledFormat):
    cls = compiled.op_class
    fast = _fast_callback(compiled)
    if fast is not None:
        compiled.fast = True
        return fast
    typed = _typed_operands_callback(compiled)
    if typed is not None:
        return typed
    d = cls.definition
    steps = _steps(compiled.parse_elements, d)
    name = cls.OP_NAME
    has_regions = bool(d.regions)
    full_name = compiled.rule.upper()  # the keyword terminal of the full op name

    def build(builder: AsmParser, children: list) -> Operation:
        kw = children[0]
        if has_regions:
            builder.exit_op()
        elif kw.type != full_name:  # a short name; ops with regions check it in their keyword rule
            builder.check_short_name(kw, name)
        parsed = _Parsed(builder)
        for (handler, el), child in zip(steps, children[1:]):
            handler(parsed, el, child)
        return _make_op(parsed, kw, cls, compiled)

    return build


def _fast_callback(compiled: CompiledFormat):
    """The callback for the most common format shape, `$a, $b attr-dict : type($r)` where
    that one type is every operand's and result's (arith and math): no interpretation of
    the format per op."""
    cls = compiled.op_class
    d = cls.definition
    els = compiled.parse_elements
    groups = els[1:-2]  # optional groups of attributes only (`overflow<nsw>`, `fastmath<..>`)
    if not (
        len(els) >= 3 and isinstance(els[0], OperandRun) and isinstance(els[-2], AttrDict)
        and not els[-2].with_keyword and isinstance(els[-1], ColonType) and not els[-1].many
        and not d.regions and not d.successors
        and len(els[0].vars) == len(d.operands) and all(r.kind == SINGLE for r in d.results)
        and all(isinstance(g, Group) and all(
            isinstance(e, Literal) or (isinstance(e, Var) and e.kind == "attr") for e in g.elements
        ) for g in groups)
    ):  # fmt: skip
        return None
    target = els[-1].type_of.target
    counts = {o.name: 1 for o in d.operands}
    plan = _resolve_types_uncached(cls, counts, {target: [_Slot(target, 0)]})
    fields = d.operands + d.results
    if any(len(plan.get(f.name, ())) != 1 or type(plan[f.name][0]) is not _Slot for f in fields):
        return None
    group_steps = _steps(groups, d)
    n_operands, n_results = len(d.operands), len(d.results)
    inherent = compiled.inherent
    name = cls.OP_NAME
    full_name = compiled.rule.upper()
    head = f"{full_name}_HEAD"

    def build(builder: AsmParser, children: list) -> Operation:
        first = children[0]
        kind = first.type
        start = 0  # where the operands start in `seq`
        if kind == head:  # `[%r = ]arith.addi %a, %b[ : i32]`, one token
            seq = kw = first
            if first[0] == "%":  # with its result list: bound below, not by `operation`
                start = first.index("=") + 1
            found = first.count("%", start)
            if found != n_operands:
                at = builder.offset_loc(first, len(first) - len(first[start:].lstrip()))
                raise builder.error(
                    at, f"'{name}' expects {n_operands} operands, but {found} were given"
                )
            typed = first.find(":", start) >= 0
            if len(children) == 1:  # the whole op: its type must be in the token
                if not typed:
                    raise builder.error(builder.offset_loc(first, len(first)), "expected ':'")
                group_children, entries = (), None
                t = builder.trailing_type(first)
            elif typed:
                raise builder.error(kw, f"'{name}' takes one type, after its attributes")
            else:
                _, *group_children, entries, t = children
        else:
            kw, seq, *group_children, entries, t = children
            if kw.type != full_name:
                builder.check_short_name(kw, name)
        operands = builder.resolve_operands(seq, (t,) * n_operands, start)
        props: dict = {}
        attrs: dict = {}
        if entries:
            for key, value in entries:
                (props if key in inherent else attrs)[key] = value
        if group_children:
            parsed = _Parsed(builder)
            for (handler, el), child in zip(group_steps, group_children):
                handler(parsed, el, child)
            for key, entry in parsed.attrs.items():
                props[key] = (
                    _attr_value(builder, *entry, key, name) if type(entry) is tuple else entry
                )
        # The op's location is its name's (after the result list), as in MLIR.
        at = len(first) - len(first[start:].lstrip()) if start else 0
        loc = builder.offset_loc(kw, at) if at else builder.loc(kw)
        op = _new_op(cls, operands, (t,) * n_results, attrs, props, [], [], loc)
        if start:
            builder.define_results(first, op, start - 1)
        return op

    return build


def _typed_operands_callback(compiled: CompiledFormat):
    """The callback for `attr-dict ($values^ `:` type($values))?` and nothing else (func.return
    and the other terminators that pass values on): one variadic operand, no results, no
    regions or successors, so no per-op interpretation of the format."""
    cls = compiled.op_class
    d = cls.definition
    els = compiled.parse_elements
    if not (
        len(els) == 2 and isinstance(els[0], AttrDict) and not els[0].with_keyword
        and isinstance(els[1], TypedOperands) and not els[1].parens
        and len(d.operands) == 1 and d.operands[0].kind == VARIADIC
        and els[1].var.name == d.operands[0].name
        and not d.results and not d.regions and not d.successors and not compiled.segments
    ):  # fmt: skip
        return None
    name = cls.OP_NAME
    field = d.operands[0].name
    full_name = compiled.rule.upper()
    inherent = compiled.inherent

    def build(builder: AsmParser, children: list) -> Operation:
        kw, entries, group = children
        if kw.type != full_name:
            builder.check_short_name(kw, name)
        operands: list = []
        if group is not None:
            if len(group) == 1:  # `%a, %b : i32, f32` as one token
                _, token, types = builder.values_and_types(group[0])
                values = [token]
            else:
                values, types = group
            n = sum(tok.count("%") for tok in values)
            if n != len(types):
                raise builder.error(kw, f"'{name}' expected {n} types for operand '{field}'")
            pos = 0
            for tok in values:
                k = tok.count("%")
                operands.extend(builder.resolve_operands(tok, types[pos : pos + k]))
                pos += k
        props: dict = {}
        attrs: dict = {}
        if entries:
            for key, value in entries:
                (props if key in inherent else attrs)[key] = value
        return _new_op(cls, operands, (), attrs, props, [], [], builder.loc(kw))

    return build


class _Parsed:
    """What the children of one custom op's rule say, gathered per field by the handlers
    of `_steps` and turned into the op by `_make_op`."""

    __slots__ = ("builder", "operands", "types", "attrs", "entries", "regions", "successors")

    def __init__(self, builder: AsmParser) -> None:
        self.builder = builder
        self.operands: dict[str, list] = {}  # field -> tokens (a token may name several values)
        self.types: dict[str, list] = {}  # type directive target -> types
        self.attrs: dict[str, Any] = {}  # field -> (constraint, token), or the attribute
        self.entries: Any = ()  # the attr-dict's (name, attribute) pairs
        self.regions: dict[str, list] = {}
        self.successors: dict[str, list] = {}


def _steps(elements: list, d: Any) -> list[tuple]:
    """(handler, element) for each element that gives its rule a child, in order: the
    format is interpreted once, here, not for every op parsed."""
    steps = []
    for el in elements:
        if isinstance(el, Literal) or _is_unit_attr(el, d):
            continue  # no child (a unit attribute is set from its group's presence)
        if isinstance(el, Group):
            el.steps = _steps(el.elements, d)
            el.units = [e.name for e in _flatten(el.elements) if _is_unit_attr(e, d)]
            steps.append((_collect_group, el))
        elif isinstance(el, Var):
            handler = _VAR_HANDLERS[el.kind]
            if el.kind == "attr":
                el.constraint = c = d.field(el.name).constraint
                if not (
                    isinstance(c, (EnumAttr, CustomAttr))
                    or c in (SymbolNameAttr, FlatSymbolRefAttr, TypeAttrC)
                    or (getattr(c, "attr_class", None) is not None and not el.qualified)
                ):  # fmt: skip
                    handler = _collect_attribute  # the child is the attribute itself
            steps.append((handler, el))
        else:
            steps.append((_HANDLERS[type(el)], el))
    return steps


def _is_unit_attr(el: Any, d: Any) -> bool:
    return isinstance(el, Var) and el.kind == "attr" and d.field(el.name).constraint is UnitAttrC


def _collect_group(p: _Parsed, el: Group, child: Any) -> None:
    if child is None:
        return
    for (handler, inner), c in zip(el.steps, child):
        handler(p, inner, c)
    for name in el.units:
        p.attrs[name] = UnitAttr()


def _collect_operand_run(p: _Parsed, el: OperandRun, child: Any) -> None:
    if len(el.vars) == 1:
        p.operands[el.vars[0].name] = [child]
        return
    for var, tok in zip(el.vars, p.builder.split_values(child)):
        p.operands[var.name] = [tok]


def _collect_colon_type(p: _Parsed, el: ColonType, child: Any) -> None:
    p.types[el.type_of.target] = child if el.many else [child]


def _collect_typed_operands(p: _Parsed, el: TypedOperands, child: Any) -> None:
    if child is not None:
        _collect_typed(p, el.var.name, child)


def _collect_successor_operands(p: _Parsed, el: SuccessorOperands, child: Any) -> None:
    if len(child) == 1 and child[0].type == "CARET_ID":
        p.successors[el.succ.name] = child
    else:
        p.successors[el.succ.name] = [_collect_typed(p, el.var.name, child)]


def _collect_typed(p: _Parsed, name: str, child: list) -> Any:
    """Operand tokens and types from a TypedOperands / SuccessorOperands child: one coarse
    token, or (after the block name) the values and the types; returns the block name."""
    if len(child) == 1:
        block, values, types = p.builder.values_and_types(child[0])
        p.operands[name] = [values]
        p.types[name] = types
        return block
    block = child[0] if len(child) == 3 else None  # [block, values, types]
    p.operands[name] = child[-2]
    p.types[name] = child[-1]
    return block


def _collect_attr_dict(p: _Parsed, el: AttrDict, child: Any) -> None:
    if child:
        p.entries = child


def _collect_type_of(p: _Parsed, el: TypeOf, child: Any) -> None:
    p.types[el.target] = child if isinstance(child, list) else [child]


def _collect_functional_type(p: _Parsed, el: FunctionalType, child: Any) -> None:
    p.types[el.inputs] = list(child.inputs)
    p.types[el.results] = list(child.results)


def _collect_operand(p: _Parsed, el: Var, child: Any) -> None:
    p.operands[el.name] = child if isinstance(child, list) else [child]


def _collect_attr(p: _Parsed, el: Var, child: Any) -> None:
    p.attrs[el.name] = (el.constraint, child)  # a token, made an attribute by _attr_value


def _collect_attribute(p: _Parsed, el: Var, child: Any) -> None:
    p.attrs[el.name] = child


def _collect_region(p: _Parsed, el: Var, child: Any) -> None:
    p.regions[el.name] = child if isinstance(child, list) else [child]


def _collect_successor(p: _Parsed, el: Var, child: Any) -> None:
    p.successors[el.name] = child if isinstance(child, list) else [child]


_HANDLERS = {
    OperandRun: _collect_operand_run,
    ColonType: _collect_colon_type,
    TypedOperands: _collect_typed_operands,
    SuccessorOperands: _collect_successor_operands,
    AttrDict: _collect_attr_dict,
    TypeOf: _collect_type_of,
    FunctionalType: _collect_functional_type,
}
_VAR_HANDLERS = {
    "operand": _collect_operand,
    "attr": _collect_attr,
    "region": _collect_region,
    "successor": _collect_successor,
}


def _make_op(p: _Parsed, kw: Any, cls: type, compiled: CompiledFormat) -> Operation:
    builder = p.builder
    d = cls.definition
    props: dict = {}
    attrs: dict = {}
    inherent = compiled.inherent
    for name, value in p.entries:
        (props if name in inherent else attrs)[name] = value
    for name, entry in p.attrs.items():
        props[name] = (
            _attr_value(builder, *entry, name, cls.OP_NAME) if type(entry) is tuple else entry
        )
    # Operand tokens per field (a token may name several values), then their types.
    operand_tokens = p.operands
    tokens = []
    counts = []
    for name in compiled.operand_names:
        toks = operand_tokens.get(name, ())
        tokens.append(toks)
        n = 0
        for tok in toks:
            n += tok.count("%")
        counts.append(n)
    counts = tuple(counts)
    directives = p.types
    plan = compiled.plans.get((counts, *directives, *map(len, directives.values())))
    if plan is None:
        plan = _plan(compiled, counts, directives)
    operands: list[Value] = []
    for o, toks, n in zip(d.operands, tokens, counts):
        if not n:
            continue
        ts = plan.get(o.name)
        if ts is not None:
            ts = directives[ts] if type(ts) is str else _fill(ts, directives)
        if ts is None or len(ts) != n:
            raise builder.error(kw, f"'{cls.OP_NAME}' expected {n} types for operand '{o.name}'")
        if len(toks) == 1:
            operands.extend(builder.resolve_operands(toks[0], ts))
            continue
        pos = 0
        for tok in toks:
            k = tok.count("%")
            operands.extend(builder.resolve_operands(tok, ts[pos : pos + k]))
            pos += k
    if compiled.segments:
        props["operandSegmentSizes"] = DenseArrayAttr(IntegerType(32), list(counts))
    result_types: list = []
    for r in d.results:
        ts = plan.get(r.name)
        if ts is None:
            result_types = _other_result_types(p, kw, cls, operands, counts, props)
            break
        result_types.extend(directives[ts] if type(ts) is str else _fill(ts, directives))
    else:
        if not d.results and "results" in directives:
            result_types = list(directives["results"])
    regions = []
    if p.regions:
        for r in d.regions:
            regions.extend(p.regions.get(r.name, ()))
        if "regions" in p.regions:
            regions = p.regions["regions"]
    successors = []
    if p.successors:
        for s in d.successors:
            successors.extend(builder.block_ref(t) for t in p.successors.get(s.name, ()))
        if "successors" in p.successors:
            successors = [builder.block_ref(t) for t in p.successors["successors"]]
    regions = [r for r in regions if r is not None]
    return _new_op(cls, operands, result_types, attrs, props, regions, successors, builder.loc(kw))


def _new_op(
    cls: type, operands: list, result_types: Sequence, attrs: dict, props: dict,
    regions: list, successors: list, location: Any,
) -> Operation:  # fmt: skip
    """A parsed op, built directly: the parser has already checked what `Operation.create`
    would (it is the hot path of custom-form parsing)."""
    op = Operation.__new__(cls)
    op.name = cls.OP_NAME
    op._operands = make_uses(op, operands)
    op.results = tuple([OpResult(t, op, i) for i, t in enumerate(result_types)])
    op.attributes = attrs
    op.properties = props
    op.regions = regions
    for r in regions:
        r.parent = op
    op.successors = successors
    op.location = location
    op.parent = op.prev = op.next = None
    return op


def _other_result_types(
    p: _Parsed, kw: Any, cls: type, operands: list, counts: tuple, props: dict
) -> list:
    """Result types the format does not give per result field: a `type(results)` list, or
    the op's inferred result types."""
    if "results" in p.types:
        return list(p.types["results"])
    values = {}
    pos = 0
    for o, n in zip(cls.definition.operands, counts):
        chunk = operands[pos : pos + n]
        values[o.name] = (
            chunk[0] if o.kind == SINGLE else (chunk or None) if o.kind == OPTIONAL else chunk
        )
        pos += n
    try:
        return build_result_types(cls, values, props)
    except (TypeError, ValueError) as e:
        raise p.builder.error(kw, str(e)) from None


def _attr_value(builder: AsmParser, c: Any, tok: Any, attr_name: str, op_name: str) -> Any:
    if isinstance(c, CustomAttr):
        try:
            return c.parse_token(str(tok))
        except ValueError as e:
            raise builder.error(tok, str(e)) from None
    if isinstance(c, EnumAttr):
        if tok.type == "STRING":
            tok = tok.update(value=unescape(str(tok)))
        if str(tok) not in c.cases:
            raise builder.error(
                tok,
                f"custom op '{op_name}' expected string or keyword containing one of the "
                f"following enum values for attribute '{attr_name}' [{', '.join(c.cases)}]",
            )
        return c.attr(str(tok))
    if c is SymbolNameAttr:
        return StringAttr(builder.symbol_names(tok)[0])
    if c is FlatSymbolRefAttr:
        return SymbolRefAttr(builder.symbol_names(tok)[0])
    if c is TypeAttrC:
        return TypeAttr(tok)
    attr_class = getattr(c, "attr_class", None)
    if attr_class is not None:
        return builder.parse_parametric(attr_class, tok, str(tok)[1:-1])
    return tok


class _Slot:
    """A placeholder for `directives[target][index]` in a cached type-resolution plan."""

    __slots__ = ("target", "index")

    def __init__(self, target: str, index: int) -> None:
        self.target, self.index = target, index


def _plan(compiled: CompiledFormat, counts: tuple, directives: dict[str, list]) -> dict:
    """Types per operand/result field. Which field's type comes from where depends only on
    the op, the operand counts and the type directives present (and their lengths), so the
    rules run once per such shape on placeholders (_Slot), and each op fills in the plan
    (`_fill`); a field whose types are exactly one directive's list gets that directive's
    name instead."""
    cls = compiled.op_class
    slots = {k: [_Slot(k, i) for i in range(len(v))] for k, v in directives.items()}
    plan = _resolve_types_uncached(cls, dict(zip(compiled.operand_names, counts)), slots)
    for name, ts in plan.items():
        if ts and ts == slots.get(getattr(ts[0], "target", None)):
            plan[name] = ts[0].target
    compiled.plans[(counts, *directives, *map(len, directives.values()))] = plan
    return plan


def _fill(plan: list, directives: dict[str, list]) -> list:
    return [directives[t.target][t.index] if type(t) is _Slot else t for t in plan]


def _resolve_types_uncached(cls: type, counts: dict[str, int], directives: dict[str, list]) -> dict:
    """Types per operand/result field: from type directives, then SameAs constraints and
    same-type traits (the rules `_check_types_resolved` proved sufficient)."""
    d = cls.definition
    count = {o.name: counts[o.name] for o in d.operands}
    count.update({r.name: 1 for r in d.results if r.kind == SINGLE})
    types: dict[str, list] = {}
    for target, ts in directives.items():
        if target == "operands":
            pos = 0
            for o in d.operands:
                n = count[o.name]
                types[o.name] = list(ts[pos : pos + n])
                pos += n
        elif target == "results":
            if all(r.kind == SINGLE for r in d.results) and len(ts) == len(d.results):
                for r, t in zip(d.results, ts):
                    types[r.name] = [t]
        else:
            types[target] = [t for t in ts if t is not None]
    fields = d.operands + d.results
    for f in fields:
        if f.name not in types and f.name in count and isinstance(f.constraint, TypeIs):
            types[f.name] = [f.constraint.type] * count[f.name]
    same_all = SameOperandsAndResultType in cls.traits
    same_operands = SameTypeOperands in cls.traits
    changed = True
    while changed:
        changed = False
        any_known = next((ts[0] for ts in types.values() if ts), None)
        for f in fields:
            if f.name in types or f.name not in count:
                continue
            c = f.constraint
            src = None
            if isinstance(c, SameAs) and types.get(c.other):
                src = types[c.other][0]
            elif same_all and any_known is not None:
                src = any_known
            elif same_operands and not f.is_result:
                src = next((types[o.name][0] for o in d.operands if types.get(o.name)), None)
            if src is not None:
                types[f.name] = [src] * count[f.name]
                changed = True
        for f in fields:
            c = f.constraint
            if (
                isinstance(c, SameAs)
                and types.get(f.name)
                and c.other not in types
                and c.other in count
            ):
                types[c.other] = [types[f.name][0]] * count[c.other]
                changed = True
    return types
