"""Passes, the pass registry, and MLIR's textual pipeline syntax.

`builtin.module(func.func(cse, canonicalize{max-iterations=3}), symbol-dce)`: an anchor op
name with a parenthesised list of passes and nested anchors; options in braces. A pass is a
class with a kebab-case `name` whose dataclass fields are its options.
"""

from __future__ import annotations

import dataclasses
import re
from importlib import import_module
from importlib.metadata import entry_points
from typing import ClassVar

from dialir.core.ir import Operation

_PASSES: dict[str, type[Pass]] = {}
# Passes that ship with dialir, imported on first use (like dialect loaders).
_PASS_MODULES: dict[str, str] = {
    "canonicalize": "dialir.transforms.canonicalize",
}


class PipelineError(Exception):
    """A malformed pipeline, an unknown pass or a bad option."""


class Pass:
    """Base of all passes; subclasses are dataclasses whose fields are the options."""

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""

    def run(self, op: Operation) -> None:
        raise NotImplementedError


def register_pass(cls: type[Pass]) -> type[Pass]:
    if not cls.name:
        raise ValueError("a registered pass needs a name")
    _PASSES[cls.name] = cls
    return cls


def registered_passes() -> dict[str, type[Pass]]:
    """Every available pass: built in, registered, and from entry points."""
    for name in _PASS_MODULES:
        lookup_pass(name)
    _read_entry_points()
    return dict(_PASSES)


@dataclasses.dataclass
class PassManager:
    """Runs its passes and nested pass managers on every op named `anchor`."""

    anchor: str = "builtin.module"
    items: list = dataclasses.field(default_factory=list)

    def run(self, op: Operation) -> None:
        targets = (
            [op] if op.name == self.anchor else [o for o in op.walk() if o.name == self.anchor]
        )
        for target in targets:
            for item in self.items:
                if isinstance(item, PassManager):
                    for region in target.regions:
                        for nested in list(region.ops()):
                            item.run(nested)
                else:
                    item.run(target)

    def __str__(self) -> str:
        return f"{self.anchor}(" + ",".join(_item_text(i) for i in self.items) + ")"


def _item_text(item) -> str:
    if isinstance(item, PassManager):
        return str(item)
    opts = [
        f"{f.name.replace('_', '-')}={_opt_text(getattr(item, f.name))}"
        for f in dataclasses.fields(item)
    ]
    return item.name + ("{" + " ".join(opts) + "}" if opts else "")


def _opt_text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return ",".join(_opt_text(x) for x in v)
    return str(v)


_TOKEN = re.compile(r"\s*(?:([A-Za-z_][A-Za-z0-9_.\-]*)|(\{[^{}]*\})|([(),]))")


def parse_pipeline(text: str) -> PassManager:
    """Parse `anchor(item, ...)` into a PassManager; raise PipelineError on bad input."""
    tokens = _tokens(text)
    pm, pos = _parse_anchor(tokens, 0)
    if pos != len(tokens):
        raise PipelineError(f"unexpected '{tokens[pos]}' after the pipeline")
    return pm


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise PipelineError(f"unexpected character '{text[pos]}' in pass pipeline")
        out.append(m.group(0).strip())
        pos = m.end()
    return [t for t in out if t]


def _parse_anchor(tokens: list[str], pos: int) -> tuple[PassManager, int]:
    if pos >= len(tokens) or not re.match(r"[A-Za-z_]", tokens[pos]):
        raise PipelineError(
            "expected an op name to anchor the pipeline, e.g. 'builtin.module(...)'"
        )
    anchor = tokens[pos]
    if pos + 1 >= len(tokens) or tokens[pos + 1] != "(":
        raise PipelineError(f"expected '(' after anchor '{anchor}'")
    pm = PassManager(anchor)
    pos += 2
    while tokens[pos] != ")" if pos < len(tokens) else False:
        name = tokens[pos]
        if pos + 1 < len(tokens) and tokens[pos + 1] == "(":
            nested, pos = _parse_anchor(tokens, pos)
            pm.items.append(nested)
        else:
            options = ""
            pos += 1
            if pos < len(tokens) and tokens[pos].startswith("{"):
                options = tokens[pos][1:-1]
                pos += 1
            pm.items.append(_make_pass(name, options))
        if pos < len(tokens) and tokens[pos] == ",":
            pos += 1
    if pos >= len(tokens):
        raise PipelineError(f"expected ')' to close the pipeline of '{anchor}'")
    return pm, pos + 1


def lookup_pass(name: str) -> type[Pass] | None:
    cls = _PASSES.get(name)
    if cls is None and name in _PASS_MODULES:
        import_module(_PASS_MODULES[name])
        cls = _PASSES.get(name)
    if cls is None:
        _read_entry_points()
        cls = _PASSES.get(name)
    return cls


_ENTRY_POINTS_READ = False


def _read_entry_points() -> None:
    """Passes of other packages: entry-point group `dialir.passes` (name -> pass class)."""
    global _ENTRY_POINTS_READ
    if _ENTRY_POINTS_READ:
        return
    _ENTRY_POINTS_READ = True
    for ep in entry_points(group="dialir.passes"):
        if ep.name not in _PASSES:
            register_pass(ep.load())


def _make_pass(name: str, options: str) -> Pass:
    cls = lookup_pass(name)
    if cls is None:
        raise PipelineError(f"'{name}' does not refer to a registered pass")
    fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(cls)}
    values = {}
    for item in options.split():
        key, eq, raw = item.partition("=")
        f = fields.get(key)
        if f is None or not eq:
            raise PipelineError(f"no option '{key}' for pass '{name}'")
        values[f.name] = _convert(raw, f.type, name, key)
    return cls(**values)


def _convert(raw: str, type_name, pass_name: str, key: str):
    t = str(type_name)
    try:
        if "bool" in t:
            if raw not in ("true", "false", "1", "0"):
                raise ValueError
            return raw in ("true", "1")
        if "list" in t or "tuple" in t:
            return [int(x) for x in raw.split(",") if x]
        if "int" in t:
            return int(raw)
        if "float" in t:
            return float(raw)
        return raw
    except ValueError:
        raise PipelineError(
            f"invalid value '{raw}' for option '{key}' of pass '{pass_name}'"
        ) from None
