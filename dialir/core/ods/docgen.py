"""Markdown reference of a dialect, generated from its definitions (like mlir-tblgen
-gen-dialect-doc): the docs in `docs/dialects/` come from here and are never hand-written.

`dialect_markdown(dialect)` describes every op (summary, description, assembly format,
traits, interfaces, attributes, operands, results, regions, successors) and every dialect type and
attribute with its parameters. The output depends only on the definitions, so regenerating
unchanged definitions gives the same bytes.
"""

from __future__ import annotations

import inspect
from typing import Any

from dialir.core.ir.dialect import Dialect
from dialir.core.ir.operation import Operation
from dialir.core.ods.opdef import OPTIONAL, VARIADIC, Op, OpDef


def dialect_markdown(dialect: Dialect) -> str:
    """The reference of `dialect` as one Markdown document."""
    out: list[str] = [f"# '{dialect.name}' dialect", ""]
    if dialect.description:
        out += [inspect.cleandoc(dialect.description), ""]
    out += [
        "<!-- Generated from the dialect's definitions by dialir.core.ods.docgen; do not edit. -->",
        "",
    ]
    ops = sorted(dialect.ops, key=lambda cls: cls.OP_NAME or "")
    if ops:
        out += ["## Operations", ""]
        for cls in ops:
            out += _op_section(cls, dialect)
    for title, classes in (("Types", dialect.types), ("Attributes", dialect.attributes)):
        if classes:
            out += [f"## {title}", ""]
            for cls in sorted(classes, key=lambda c: c.NAME):
                out += _parametric_section(cls)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# -- ops ----------------------------------------------------------------------------------


def _op_section(cls: type[Operation], dialect: Dialect) -> list[str]:
    out = [f"### `{cls.OP_NAME}` ({cls.__name__})", ""]
    summary, description = _summary_and_description(cls)
    if summary:
        out += [f"_{summary}_", ""]
    out += _syntax(cls, dialect)
    if description:
        out += [description, ""]
    traits = sorted(t.__name__ for t in cls.traits)
    if traits:
        out += ["Traits: " + ", ".join(f"`{t}`" for t in traits), ""]
    interfaces = sorted(
        k.__name__ for k in cls.__mro__
        if k.__name__.endswith("Interface") and not issubclass(k, Operation)
    )  # fmt: skip
    if interfaces:
        out += ["Interfaces: " + ", ".join(f"`{i}`" for i in interfaces), ""]
    definition: OpDef | None = getattr(cls, "definition", None)
    if definition is None:
        out += ["Not declaratively defined: operands, results and attributes are checked by "
                "the op's own verifier.", ""]  # fmt: skip
        return out
    if definition.attributes:
        out += ["#### Attributes", "", "| Attribute | Constraint | Description |",
                "| --------- | ---------- | ----------- |"]  # fmt: skip
        for a in definition.attributes:
            constraint = a.constraint.description
            if a.default is not None:
                constraint += f" (default `{a.default}`)"
            elif a.optional:
                constraint = "optional " + constraint
            out.append(_row(f"`{a.name}`", constraint, a.doc))
        out.append("")
    for title, defs in (("Operands", definition.operands), ("Results", definition.results)):
        if not defs:
            continue
        what = title[:-1]
        out += [f"#### {title}", "", f"| {what} | Constraint | Description |",
                f"| {'-' * len(what)} | ---------- | ----------- |"]  # fmt: skip
        for d in defs:
            out.append(_row(f"`{d.name}`", _kind(d.kind, d.constraint.description), d.doc))
        out.append("")
    if definition.regions:
        out += ["#### Regions", "", "| Region | Constraint | Description |",
                "| ------ | ---------- | ----------- |"]  # fmt: skip
        for r in definition.regions:
            shape = "region with at most one block" if r.single_block else "any region"
            out.append(_row(f"`{r.name}`", _kind(r.kind, shape), r.doc))
        out.append("")
    if definition.successors:
        out += ["#### Successors", "", "| Successor | Constraint | Description |",
                "| --------- | ---------- | ----------- |"]  # fmt: skip
        for s in definition.successors:
            out.append(_row(f"`{s.name}`", _kind(s.kind, "any successor"), s.doc))
        out.append("")
    return out


def _syntax(cls: type[Operation], dialect: Dialect) -> list[str]:
    fmt = getattr(cls, "assembly_format", None)  # inherited, as the op class compiles it
    if fmt:
        return ["Syntax:", "", "```", f"operation ::= `{cls.OP_NAME}` {fmt}", "```", ""]
    # Hand-written syntax: a printer of its own, or a grammar rule of the dialect's that
    # spells the op's name.
    if "print_custom" in _own_members(cls) or f'"{cls.OP_NAME}"' in dialect.grammar:
        return ["Syntax: custom (hand-written parser and printer).", ""]
    return ["Syntax: generic form only.", ""]


def _own_members(cls: type) -> set[str]:
    """Names defined by `cls` or its bases below the framework's own op classes."""
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass in (Op, Operation, object):
            break
        names.update(vars(klass))
    return names


def _kind(kind: str, description: str) -> str:
    if kind == VARIADIC:
        return f"variadic of {description}"
    if kind == OPTIONAL:
        return f"optional {description}"
    return description


# -- types and attributes -----------------------------------------------------------------


def _parametric_section(cls: type) -> list[str]:
    sigil = getattr(cls, "SIGIL", "!")
    params = getattr(cls, "parameters", ())
    syntax = f"{sigil}{cls.NAME}"
    if params:
        syntax += "<" + ", ".join(p.name for p in params) + ">"
    out = [f"### `{cls.NAME}` ({cls.__name__})", ""]
    summary, description = _summary_and_description(cls)
    if summary:
        out += [f"_{summary}_", ""]
    out += ["Syntax:", "", "```", syntax, "```", ""]
    if description:
        out += [description, ""]
    if params:
        out += ["#### Parameters", "", "| Parameter | Kind | Default | Description |",
                "| --------- | ---- | ------- | ----------- |"]  # fmt: skip
        for p in params:
            default = "required" if p.required else f"`{_param_text(p.default)}`"
            out.append(_row(f"`{p.name}`", p.kind.__name__, default, p.doc))
        out.append("")
    return out


def _param_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# -- shared -------------------------------------------------------------------------------


def _summary_and_description(cls: type) -> tuple[str, str]:
    """The class's `summary` and `description`; its docstring stands in for whichever is
    missing (its first paragraph for the summary when the description is given)."""
    summary = getattr(cls, "summary", "") or ""
    description = getattr(cls, "description", "") or ""
    doc = inspect.cleandoc(cls.__doc__ or "")  # a class's own (Python does not inherit it)
    if not description:
        description = doc
    elif not summary and doc:
        summary = " ".join(doc.split("\n\n")[0].split())
    return " ".join(summary.split()), inspect.cleandoc(description)


def _row(*cells: str) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
