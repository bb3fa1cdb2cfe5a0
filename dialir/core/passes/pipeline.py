"""MLIR's textual pipeline syntax: `builtin.module(func.func(cse), canonicalize{max-iterations=3})`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dialir.core.ir.diagnostics import did_you_mean
from dialir.core.passes.base import (
    BadOptionValue,
    Pass,
    PipelineError,
    pass_options,
    wrong_anchor,
)
from dialir.core.passes.registry import PassLoadError, lookup_pass, pass_names

if TYPE_CHECKING:
    from dialir.core.passes.manager import PassManager

# -- pipeline text -----------------------------------------------------------------------------


@dataclasses.dataclass
class _Element:
    """A parsed pipeline element: a pass (with its options text) or a nested pipeline."""

    name: str
    pos: int
    options: str | None = None
    options_pos: int = 0
    inner: list[_Element] | None = None


class PipelineParser:
    """MLIR's pipeline grammar: first the structure, then passes and options are resolved,
    every error located in the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def error(self, message: str, pos: int | None = None) -> PipelineError:
        return PipelineError(message, self.text, self.pos if pos is None else pos)

    # -- structure --------------------------------------------------------------------------

    def parse_anchored(self, make_pm: Callable[[str], PassManager]) -> PassManager:
        """The anchored pipeline; `make_pm(anchor)` makes the (empty) pass manager."""
        text = self.text
        self.skip_space()
        start = self.pos
        name = self.read_name()
        if not name or self.peek() != "(":
            raise self.error(
                "expected pass pipeline to be wrapped with the anchor operation type, "
                "e.g. 'builtin.module(...)'",
                start,
            )
        self.pos += 1
        elements = self.parse_list()
        self.skip_space()
        if self.pos < len(text):
            if text[self.pos] == ")":
                raise self.error(
                    "encountered extra closing ')' creating unbalanced parentheses while "
                    "parsing pipeline"
                )
            extra = re.match(r"[^\s,(){}]+|.", text[self.pos :]).group(0)
            raise self.error(
                f"unexpected '{extra}' after the pipeline: a pipeline has one anchor, "
                "e.g. 'builtin.module(...)'"
            )
        pm = make_pm(name)
        self.build(pm, elements)
        return pm

    def parse_into(self, pm: PassManager) -> None:
        """Pipeline elements without an anchor (`func.func(cse),canonicalize`), added to pm."""
        self.skip_space()
        elements = [] if self.pos == len(self.text) else self.parse_elements(top=True)
        self.build(pm, elements)

    def parse_list(self) -> list[_Element]:
        """Elements up to and including the closing ')'."""
        self.skip_space()
        if self.peek() == ")":
            self.pos += 1
            return []
        elements = self.parse_elements(top=False)
        self.pos += 1  # the ')'
        return elements

    def parse_elements(self, top: bool) -> list[_Element]:
        text = self.text
        elements = []
        while True:
            self.skip_space()
            start = self.pos
            name = self.read_name()
            if not name:
                what = f"'{text[start]}'" if start < len(text) else "end of pipeline"
                raise self.error(f"expected a pass name or an op name, found {what}", start)
            element = _Element(name, start)
            elements.append(element)
            c = self.peek()
            if c == "(":
                self.pos += 1
                element.inner = self.parse_list()
                self.skip_space()
                if self.peek() == "{":
                    raise self.error(f"the nested pipeline of '{name}' cannot take options")
            elif c == "{":
                element.options_pos = self.pos + 1
                element.options = self.read_options()
            self.skip_space()
            c = self.peek()
            if c == ",":
                self.pos += 1
                continue
            if c == "" and top:
                return elements
            if c == ")" and not top:
                return elements
            if c == "":
                raise self.error("encountered unbalanced parentheses while parsing pipeline")
            if c == ")":
                raise self.error(
                    "encountered extra closing ')' creating unbalanced parentheses while "
                    "parsing pipeline"
                )
            raise self.error(f"expected ',' after parsing pipeline element '{name}'")

    def read_name(self) -> str:
        text, start = self.text, self.pos
        pos = start
        while pos < len(text) and text[pos] not in ",(){}":
            pos += 1
        self.pos = pos
        name = text[start:pos].strip()
        if name and (m := re.search(r"\s", name)):
            raise self.error(
                f"expected ',' after parsing pipeline element '{name[: m.start()]}'",
                start + (len(text[start:pos]) - len(text[start:pos].lstrip())) + m.start(),
            )
        return name

    def read_options(self) -> str:
        """The text between '{' and its matching '}' (quotes and nested braces skipped)."""
        text, open_pos = self.text, self.pos
        depth, pos = 0, open_pos
        while pos < len(text):
            c = text[pos]
            if c in "'\"":
                end = text.find(c, pos + 1)
                if end < 0:
                    raise self.error("missing closing quote in pass options", pos)
                pos = end
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    self.pos = pos + 1
                    return text[open_pos + 1 : pos]
            pos += 1
        raise self.error("missing closing '}' while processing pass options", open_pos)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip_space(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos].isspace():
            pos += 1
        self.pos = pos

    # -- resolution -------------------------------------------------------------------------

    def build(self, pm: PassManager, elements: list[_Element]) -> None:
        for element in elements:
            if element.inner is not None:
                self.build(pm.nest(element.name), element.inner)
                continue
            try:
                cls = lookup_pass(element.name)
            except PassLoadError as e:
                raise self.error(str(e), element.pos) from None
            if cls is None:
                raise self.error(
                    f"'{element.name}' does not refer to a registered pass or pass pipeline"
                    + did_you_mean(element.name, pass_names()),
                    element.pos,
                )
            p = self.make_pass(cls, element)
            if p.op_name is not None and pm.anchor not in (p.op_name, "any"):
                raise self.error(wrong_anchor(p, pm.anchor), element.pos)
            pm.items.append(p)

    def make_pass(self, cls: type[Pass], element: _Element) -> Pass:
        options = {o.name: o for o in pass_options(cls)}
        values: dict[str, Any] = {}
        text = element.options or ""
        for key, key_pos, raw, raw_pos in self.split_options(text, element.options_pos):
            opt = options.get(key)
            if opt is None:
                known = ", ".join(options) or "none"
                hint = did_you_mean(key, options)
                raise self.error(
                    f"no such option '{key}' for pass '{cls.name}'"
                    + (hint or f" (options: {known})"),
                    key_pos,
                )
            if opt.attr in values:
                raise self.error(f"option '{key}' of pass '{cls.name}' is given twice", key_pos)
            if raw is None:
                if not opt.is_flag:
                    raise self.error(
                        f"expected '=' and a value after option '{key}' of pass '{cls.name}' "
                        f"(e.g. {key}=<{opt.type_name}>)",
                        key_pos + len(key),
                    )
                raw = "true"
            try:
                values[opt.attr] = opt.parse(raw)
            except BadOptionValue as e:
                raise self.error(
                    f"invalid value '{raw}' for option '{key}' of pass '{cls.name}': {e}", raw_pos
                ) from None
        missing = [o.name for o in options.values() if o.default is dataclasses.MISSING]
        missing = [m for m in missing if options[m].attr not in values]
        if missing:
            raise self.error(
                f"pass '{cls.name}' needs a value for option '{missing[0]}'", element.pos
            )
        try:
            return cls(**values)
        except (TypeError, ValueError) as e:
            raise self.error(f"invalid options for pass '{cls.name}': {e}", element.pos) from None

    def split_options(self, text: str, base: int) -> list[tuple[str, int, str | None, int]]:
        """`key=value` pairs separated by spaces; a value may be quoted or braced."""
        out = []
        pos, n = 0, len(text)
        while True:
            while pos < n and text[pos].isspace():
                pos += 1
            if pos >= n:
                return out
            key_start = pos
            while pos < n and not text[pos].isspace() and text[pos] != "=":
                pos += 1
            key = text[key_start:pos]
            if pos >= n or text[pos] != "=":
                out.append((key, base + key_start, None, 0))
                continue
            if not key:
                raise self.error("expected an option name before '='", base + pos)
            pos += 1
            value_start, depth = pos, 0
            while pos < n and (depth > 0 or not text[pos].isspace()):
                c = text[pos]
                if c in "'\"":
                    end = text.find(c, pos + 1)
                    if end < 0:
                        raise self.error("missing closing quote in pass options", base + pos)
                    pos = end
                elif c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                pos += 1
            out.append((key, base + key_start, text[value_start:pos], base + value_start))
