"""Dialect-defined types and attributes with parameters, declared once:

    class PtrType(ParametricType):
        NAME = "llvm.ptr"
        __slots__ = ("address_space",)
        parameters = (Param("address_space", int, default=0),)

gives `!llvm.ptr` / `!llvm.ptr<1>` (parameters equal to their defaults at the end are left
out), uniquing, and the parser and printer for that syntax. A parameter is an int, a bool, a
string (a bare identifier such as `NCHW` when it is one, else a quoted string), a Type or an
Attribute. A class with other syntax overrides `parse_body` / `print_body`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from dialir.core.ir.attrs import Attribute
from dialir.core.ir.literals import escape_string, unescape
from dialir.core.ir.types import Type
from dialir.parser.asm import BodyParser

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Param:
    name: str
    kind: type  # int, bool, str, Type or Attribute
    default: Any = None
    doc: str = ""

    @property
    def required(self) -> bool:
        return self.default is None


class _Parametric:
    """Shared by ParametricType and ParametricAttr."""

    __slots__ = ()
    NAME: ClassVar[str] = ""  # "dialect.mnemonic"
    SIGIL: ClassVar[str] = "!"
    parameters: ClassVar[tuple[Param, ...]] = ()
    summary: ClassVar[str] = ""

    @classmethod
    def _normalize(cls, *args: Any) -> tuple:
        values = list(args)
        for p in cls.parameters[len(values) :]:
            if p.required:
                raise ValueError(f"{cls.SIGIL}{cls.NAME} needs parameter '{p.name}'")
            values.append(p.default)
        return tuple(values)

    def _check(self) -> None:
        for p in self.parameters:
            v = getattr(self, p.name)
            if not isinstance(v, p.kind) or (p.kind is int and isinstance(v, bool)):
                raise ValueError(
                    f"parameter '{p.name}' of {self.SIGIL}{self.NAME} must be "
                    f"{p.kind.__name__}, got {v!r}"
                )
        self.verify_parameters()

    def verify_parameters(self) -> None:
        """Checks beyond the parameter kinds (e.g. positive sizes); raise ValueError with a
        message for the user. The parser reports it at the type's location."""

    # -- syntax ---------------------------------------------------------------------------

    @classmethod
    def parse_body(cls, body: str, parser: BodyParser) -> Any:
        """Build from the text between `<` and `>` (empty when there is none)."""
        pieces = split_top_level(body) if body.strip() else []
        if len(pieces) > len(cls.parameters):
            raise ValueError(
                f"{cls.SIGIL}{cls.NAME} takes {len(cls.parameters)} parameters, got {len(pieces)}"
            )
        values = []
        for p, text in zip(cls.parameters, pieces):
            values.append(_parse_param(p, text.strip(), parser, cls))
        return cls(*values)

    def print_body(self, printer: Any) -> str:
        values = [getattr(self, p.name) for p in self.parameters]
        while values and values[-1] == self.parameters[len(values) - 1].default:
            values.pop()  # trailing defaults are implied
        if not values:
            return ""
        return "<" + ", ".join(_print_param(v, printer) for v in values) + ">"

    def print(self, printer: Any) -> str:
        return f"{self.SIGIL}{self.NAME}{self.print_body(printer)}"


class ParametricType(_Parametric, Type):
    __slots__ = ()
    SIGIL = "!"


class ParametricAttr(_Parametric, Attribute):
    __slots__ = ()
    SIGIL = "#"


class KeywordAttr(ParametricAttr):
    """An enum attribute written `#dialect.name<case>` (MLIR's EnumAttr): its value is one of
    the class's `CASES`."""

    __slots__ = ("value",)
    parameters = (Param("value", str),)
    CASES: ClassVar[tuple[str, ...]] = ()

    def verify_parameters(self) -> None:
        if self.value not in self.CASES:
            raise ValueError(
                f"expected one of [{', '.join(self.CASES)}] for {self.SIGIL}{self.NAME}, "
                f"got '{self.value}'"
            )

    def print_body(self, printer: Any) -> str:
        return f"<{self.value}>"


def split_top_level(body: str) -> list[str]:
    """Split at commas outside brackets and strings."""
    parts, depth, start, i, n = [], 0, 0, 0, len(body)
    while i < n:
        c = body[i]
        if c == '"':
            i += 1
            while i < n and body[i] != '"':
                i += 2 if body[i] == "\\" else 1
        elif c == "-" and i + 1 < n and body[i + 1] == ">":
            i += 1
        elif c in "<([{":
            depth += 1
        elif c in ">)]}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    parts.append(body[start:])
    return parts


def _parse_param(p: Param, text: str, parser: BodyParser, cls: type) -> Any:
    what = f"parameter '{p.name}' of {cls.SIGIL}{cls.NAME}"
    if p.kind is bool:
        if text not in ("true", "false"):
            raise ValueError(f"expected 'true' or 'false' for {what}")
        return text == "true"
    if p.kind is int:
        try:
            return int(text, 16) if text.startswith("0x") else int(text)
        except ValueError:
            raise ValueError(f"expected an integer for {what}, got '{text}'") from None
    if p.kind is str:
        if text.startswith('"'):
            return unescape(text)
        if not _IDENT.match(text):
            raise ValueError(f"expected an identifier or a string for {what}, got '{text}'")
        return text
    if issubclass(p.kind, Type):
        return parser.parse_type(text)
    return parser.parse_attribute(text)


def _print_param(v: Any, printer: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        if _IDENT.match(v):
            return v
        return escape_string(v)
    if isinstance(v, Type):
        return printer.type(v)
    return printer.attr(v)
