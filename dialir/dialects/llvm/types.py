"""llvm types: `!llvm.ptr` (address spaces), `!llvm.struct<...>` (literal, packed, named,
opaque), `!llvm.array<N x T>`, `!llvm.func<R (A, ...)>`, `!llvm.void`, `!llvm.label`,
`!llvm.metadata`, with MLIR's syntax.

Builtin integer (signless), float and 1-D vector types are LLVM types too (MLIR's
`isCompatibleType`). Inside an llvm type, other llvm types are written without the `!llvm.`
prefix, as MLIR prints them: `!llvm.struct<(ptr, array<2 x i64>)>`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from dialir.core.ir.literals import unescape
from dialir.core.ir.printer import escape_string
from dialir.core.ir.types import FLOAT_WIDTHS, FloatType, IndexType, IntegerType, Type, VectorType
from dialir.core.ods.typedef import BodyParser, Param, ParametricType

# Float kinds LLVM has (MLIR's isCompatibleFloatingPointType).
LLVM_FLOAT_KINDS = frozenset({"f16", "bf16", "f32", "f64", "f80", "f128"})


class LLVMType(ParametricType):
    """Base of the llvm dialect's own types."""

    __slots__ = ()

    @property
    def mnemonic(self) -> str:
        return self.NAME[len("llvm.") :]

    def print_nested(self, printer: Any) -> str:
        """The type as written inside another llvm type: `ptr<1>`, not `!llvm.ptr<1>`."""
        return self.mnemonic + self.print_body(printer)

    @classmethod
    def parse_body(cls, body: str, parser: BodyParser) -> Any:
        return _TypeText(body, parser).whole(cls)


class LLVMPointerType(LLVMType):
    """`!llvm.ptr`, `!llvm.ptr<1>`: an opaque pointer in an address space."""

    __slots__ = ("address_space",)
    NAME = "llvm.ptr"
    summary = "LLVM pointer type"
    parameters = (Param("address_space", int, default=0),)
    is_vector_element = True  # vector<4x!llvm.ptr>

    def verify_parameters(self) -> None:
        if self.address_space < 0:
            raise ValueError("invalid address space for !llvm.ptr")

    def print_body(self, printer: Any) -> str:
        return f"<{self.address_space}>" if self.address_space else ""


class _NoParams(LLVMType):
    __slots__ = ()

    def print_body(self, printer: Any) -> str:
        return ""


class LLVMVoidType(_NoParams):
    """`!llvm.void`: the result type of a function that returns nothing."""

    __slots__ = ()
    NAME = "llvm.void"
    summary = "LLVM void type"


class LLVMLabelType(_NoParams):
    __slots__ = ()
    NAME = "llvm.label"
    summary = "LLVM label type"


class LLVMMetadataType(_NoParams):
    __slots__ = ()
    NAME = "llvm.metadata"
    summary = "LLVM metadata type"


class LLVMArrayType(LLVMType):
    """`!llvm.array<4 x f32>`."""

    __slots__ = ("element_type", "num_elements")
    NAME = "llvm.array"
    summary = "LLVM array type"
    parameters = (Param("element_type", Type), Param("num_elements", int))

    def verify_parameters(self) -> None:
        if self.num_elements < 0:
            raise ValueError("expected a non-negative number of elements for !llvm.array")
        if not is_valid_element_type(self.element_type):
            raise ValueError(f"invalid array element type: '{self.element_type}'")

    def print_body(self, printer: Any) -> str:
        return f"<{self.num_elements} x {nested_type(self.element_type, printer)}>"


class LLVMStructType(LLVMType):
    """`!llvm.struct<(i32, f32)>` (literal), `!llvm.struct<packed (i8, i32)>`,
    `!llvm.struct<"name", (i32, ptr)>` (identified) and `!llvm.struct<"name", opaque>`.

    An identified struct is one type per name (its body fixed when it is built here, as
    MLIR's uniquing by name with an immutable body)."""

    __slots__ = ("body", "packed", "name", "opaque")
    NAME = "llvm.struct"
    summary = "LLVM struct type"
    parameters = (
        Param("body", tuple, default=()),
        Param("packed", bool, default=False),
        Param("name", str, default=""),
        Param("opaque", bool, default=False),
    )

    @classmethod
    def _normalize(cls, body: Iterable[Type] = (), packed: bool = False, name: str = "",
                   opaque: bool = False) -> tuple:  # fmt: skip
        return (tuple(body), bool(packed), name, bool(opaque))

    @classmethod
    def identified(
        cls, name: str, body: Sequence[Type] = (), packed: bool = False
    ) -> LLVMStructType:
        return cls(body, packed, name)

    @classmethod
    def opaque_named(cls, name: str) -> LLVMStructType:
        return cls((), False, name, True)

    @property
    def is_identified(self) -> bool:
        return bool(self.name)

    def verify_parameters(self) -> None:
        if self.opaque and (self.body or not self.name):
            raise ValueError("only an identified struct without a body can be opaque")
        for t in self.body:
            if not is_valid_element_type(t):
                raise ValueError(f"invalid LLVM structure element type: '{t}'")

    def print_body(self, printer: Any) -> str:
        parts = []
        if self.name:
            parts.append(escape_string(self.name) + ", ")
            if self.opaque:
                return "<" + parts[0] + "opaque>"
        if self.packed:
            parts.append("packed ")
        parts.append("(" + ", ".join(nested_type(t, printer) for t in self.body) + ")")
        return "<" + "".join(parts) + ">"


class LLVMFunctionType(LLVMType):
    """`!llvm.func<i32 (f32, ...)>`: result (`void` for none), parameters, variadic."""

    __slots__ = ("result", "params", "var_arg")
    NAME = "llvm.func"
    summary = "LLVM function type"
    parameters = (
        Param("result", Type),
        Param("params", tuple, default=()),
        Param("var_arg", bool, default=False),
    )

    @classmethod
    def _normalize(cls, result: Type, params: Iterable[Type] = (), var_arg: bool = False) -> tuple:
        return (result, tuple(params), bool(var_arg))

    @property
    def results(self) -> tuple[Type, ...]:
        """The result types as a list: none for `void`."""
        return () if isinstance(self.result, LLVMVoidType) else (self.result,)

    def verify_parameters(self) -> None:
        if not is_valid_result_type(self.result):
            raise ValueError(f"invalid function result type: '{self.result}'")
        for t in self.params:
            if not is_valid_argument_type(t):
                raise ValueError(f"invalid function argument type: '{t}'")

    def print_body(self, printer: Any) -> str:
        params = [nested_type(t, printer) for t in self.params]
        if self.var_arg:
            params.append("...")
        return f"<{nested_type(self.result, printer)} ({', '.join(params)})>"


VOID = LLVMVoidType()
PTR = LLVMPointerType()


# -- MLIR's type predicates ------------------------------------------------------------------


def is_compatible_type(t: Type) -> bool:
    """Whether `t` is an LLVM type (MLIR's LLVM::isCompatibleType): an llvm type, a signless
    integer, an LLVM float, or a 1-D vector of those or of pointers."""
    if isinstance(t, LLVMType):
        return True
    if isinstance(t, IntegerType):
        return t.is_signless
    if isinstance(t, FloatType):
        return t.kind in LLVM_FLOAT_KINDS
    if isinstance(t, VectorType):
        e = t.element_type
        return t.rank == 1 and (
            isinstance(e, LLVMPointerType)
            or (isinstance(e, IntegerType) and e.is_signless)
            or (isinstance(e, FloatType) and e.kind in LLVM_FLOAT_KINDS)
        )
    return False


def is_valid_element_type(t: Type) -> bool:
    """An element of a struct or array: any type but void, label, metadata and function
    (MLIR's LLVMStructType::isValidElementType)."""
    return not isinstance(t, (LLVMVoidType, LLVMLabelType, LLVMMetadataType, LLVMFunctionType))


def is_valid_argument_type(t: Type) -> bool:
    return not isinstance(t, (LLVMVoidType, LLVMFunctionType))


def is_valid_result_type(t: Type) -> bool:
    return not isinstance(t, (LLVMFunctionType, LLVMLabelType, LLVMMetadataType))


def nested_type(t: Type, printer: Any) -> str:
    """`t` as written inside an llvm type."""
    if isinstance(t, LLVMType):
        return t.print_nested(printer)
    return printer.type(t)


def element_type_of(t: Type) -> Type:
    """The element type of a vector, else `t` itself (for scalar-or-vector checks)."""
    return t.element_type if isinstance(t, VectorType) else t


# -- parsing the text inside `<...>` ---------------------------------------------------------

_KEYWORDS = ("ptr", "void", "label", "metadata", "array", "struct", "func")


class _TypeText:
    """A small recursive-descent reader of llvm type bodies. Nested llvm types are read
    here; any other type's text is handed to the parser (`BodyParser.parse_type`)."""

    __slots__ = ("text", "pos", "parser")

    def __init__(self, text: str, parser: BodyParser) -> None:
        self.text = text
        self.pos = 0
        self.parser = parser

    def error(self, message: str) -> ValueError:
        return ValueError(message)

    def ws(self) -> None:
        text, n = self.text, len(self.text)
        while self.pos < n and text[self.pos].isspace():
            self.pos += 1

    def peek(self, s: str) -> bool:
        self.ws()
        return self.text.startswith(s, self.pos)

    def take(self, s: str) -> None:
        if not self.peek(s):
            found = self.text[self.pos : self.pos + 10] or "end of type"
            raise self.error(f"expected '{s}' in llvm type, got '{found}'")
        self.pos += len(s)

    def optional(self, s: str) -> bool:
        if self.peek(s):
            self.pos += len(s)
            return True
        return False

    def word(self) -> str:
        self.ws()
        start = self.pos
        text, n = self.text, len(self.text)
        while self.pos < n and (text[self.pos].isalnum() or text[self.pos] == "_"):
            self.pos += 1
        return text[start : self.pos]

    def integer(self) -> int:
        self.ws()
        start = self.pos
        text, n = self.text, len(self.text)
        while self.pos < n and text[self.pos].isdigit():
            self.pos += 1
        if start == self.pos:
            found = text[start : start + 10] or "end of type"
            raise self.error(f"expected an integer in llvm type, got '{found}'")
        return int(text[start : self.pos])

    def whole(self, cls: type) -> Type:
        """The body of a `!llvm.<cls>` type (the text between its `<` and `>`)."""
        t = self._body(cls)
        self.ws()
        if self.pos != len(self.text):
            raise self.error(f"unexpected '{self.text[self.pos :]}' in {cls.SIGIL}{cls.NAME}")
        return t

    def _body(self, cls: type) -> Type:
        if cls is LLVMPointerType:
            self.ws()
            return cls(self.integer()) if self.pos < len(self.text) else cls()
        if cls is LLVMArrayType:
            n = self.integer()
            self.ws()
            if self.text[self.pos : self.pos + 1] != "x":
                raise self.error("expected 'x' after the number of elements in !llvm.array")
            self.pos += 1
            return cls(self.type(), n)
        if cls is LLVMStructType:
            return self.struct_body()
        if cls is LLVMFunctionType:
            return self.func_body()
        if self.text.strip():
            raise self.error(f"{cls.SIGIL}{cls.NAME} takes no parameters")
        return cls()

    def struct_body(self) -> LLVMStructType:
        name = ""
        if self.peek('"'):
            name = self.string()
            self.take(",")
            if self.peek("opaque"):
                self.word()
                return LLVMStructType.opaque_named(name)
        packed = False
        if self.peek("packed"):
            self.word()
            packed = True
        self.take("(")
        body = []
        if not self.optional(")"):
            body.append(self.type())
            while self.optional(","):
                body.append(self.type())
            self.take(")")
        return LLVMStructType(body, packed, name)

    def func_body(self) -> LLVMFunctionType:
        result = self.type(stop="(")
        self.take("(")
        params: list[Type] = []
        var_arg = False
        if not self.optional(")"):
            while True:
                if self.optional("..."):
                    var_arg = True
                    break
                params.append(self.type())
                if not self.optional(","):
                    break
            self.take(")")
        return LLVMFunctionType(result, params, var_arg)

    def string(self) -> str:
        start = self.pos
        self.pos += 1
        text, n = self.text, len(self.text)
        while self.pos < n and text[self.pos] != '"':
            self.pos += 2 if text[self.pos] == "\\" else 1
        self.pos += 1
        return unescape(text[start : self.pos])

    def type(self, stop: str = "") -> Type:
        """One type: an llvm keyword type read here, or another type's text given to the
        parser (it ends at a top-level `,`, `)`, `>` or `stop`)."""
        self.ws()
        save = self.pos
        word = self.word()
        if word in _KEYWORDS:
            cls = _BY_MNEMONIC[word]
            if self.peek("<"):
                self.pos += 1
                inner_start = self.pos
                end = _matching(self.text, self.pos - 1)
                inner = _TypeText(self.text[inner_start:end], self.parser)
                t = inner.whole(cls)
                self.pos = end + 1
                return t
            return inner_type(cls)
        self.pos = save
        end = _type_end(self.text, self.pos, stop)
        piece = self.text[self.pos : end].strip()
        if not piece:
            raise self.error("expected a type in llvm type")
        self.pos = end
        return parse_builtin_type(piece, self.parser)


def inner_type(cls: type) -> Type:
    if cls in (LLVMArrayType, LLVMStructType, LLVMFunctionType):
        raise ValueError(f"expected '<' after '{cls.NAME[5:]}'")
    return cls()


_SIGNLESS_INT = re.compile(r"i[1-9][0-9]*")


@lru_cache(maxsize=1024)
def _scalar_type(text: str) -> Type | None:
    """`i32`, `f64`, `index`: the scalars that struct bodies mostly hold, made without a
    parse (None for anything else)."""
    if _SIGNLESS_INT.fullmatch(text):
        return IntegerType(int(text[1:]))
    if text in FLOAT_WIDTHS:
        return FloatType(text)
    return IndexType() if text == "index" else None


def parse_builtin_type(text: str, parser: BodyParser) -> Type:
    t = _scalar_type(text)
    return parser.parse_type(text) if t is None else t


def _matching(text: str, open_pos: int) -> int:
    """The index of the `>` closing the `<` at `open_pos` (an arrow's `>` does not close)."""
    depth = 0
    i, n = open_pos, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "-" and i + 1 < n and text[i + 1] == ">":
            i += 1
        elif c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced '<' in llvm type")


def _type_end(text: str, pos: int, stop: str) -> int:
    depth = 0
    i, n = pos, len(text)
    while i < n:
        c = text[i]
        if depth == 0 and (c in ",)>" or (stop and c in stop)):
            return i
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "-" and i + 1 < n and text[i + 1] == ">":
            i += 1
        elif c in "<([{":
            depth += 1
        elif c in ">)]}":
            depth -= 1
        i += 1
    return n


_BY_MNEMONIC = {
    "ptr": LLVMPointerType, "void": LLVMVoidType,
    "label": LLVMLabelType, "metadata": LLVMMetadataType, "array": LLVMArrayType,
    "struct": LLVMStructType, "func": LLVMFunctionType,
}  # fmt: skip

TYPES = [
    LLVMPointerType, LLVMVoidType, LLVMLabelType, LLVMMetadataType,
    LLVMArrayType, LLVMStructType, LLVMFunctionType,
]  # fmt: skip
