"""Dialects, and the registry functions of the current context.

A `Dialect` is a namespace of ops, types and attributes with the grammar its custom syntax
adds. Dialects register a loader by name (`register_dialect_loader`, process-wide like MLIR's
DialectRegistry) so importing dialir imports no dialect; a context loads a dialect the first
time it meets its namespace. The functions below act on `Context.current()` (context.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dialir.core.ir.context import DIALECT_REGISTRY, Context
from dialir.core.ir.traits import ConstantLike

if TYPE_CHECKING:
    from dialir.core.ir.operation import Operation


@dataclass
class Dialect:
    """A namespace of ops, with the grammar fragment and parse callbacks of its custom syntax.

    `grammar` is Lark text that extends the core grammar's hooks (`%extend custom_op: ...`);
    `parse_callbacks` maps each of its rule names to `fn(parser, children) -> value`, run as
    the rule is reduced; `parser` is the parser's public interface (dialir.parser.asm's
    AsmParser).
    """

    name: str
    ops: list[type[Operation]] = field(default_factory=list)
    description: str = ""
    grammar: str = ""
    parse_callbacks: dict[str, Callable] = field(default_factory=dict)
    # (attr, type, location) -> constant op holding attr, or None where it cannot make one
    # (MLIR's materializeConstant): how folders' constants become ops. A dialect with a
    # ConstantLike op must have one; a folder returning a constant without it is an error.
    materialize_constant: Callable | None = None
    types: list[type] = field(default_factory=list)
    attributes: list[type] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.materialize_constant is None:
            for op in self.ops:
                if ConstantLike in getattr(op, "traits", ()):
                    raise TypeError(
                        f"dialect '{self.name}': '{op.OP_NAME}' is ConstantLike, so the "
                        "dialect needs materialize_constant=fn(attr, type, location) -> op "
                        "(how folded values become constants)"
                    )
        # Ops with a declarative assembly format contribute their generated grammar.
        fragments = [self.grammar] if self.grammar else []
        for op in self.ops:
            definition = getattr(op, "definition", None)
            fmt = definition.format if definition is not None else None
            if fmt is not None:
                fragments.append(fmt.grammar)
                self.parse_callbacks.update(fmt.callbacks)
        self.grammar = "\n".join(fragments)


def register_dialect_loader(name: str, loader: Callable[[], Dialect] | str) -> None:
    """Make dialect `name` loadable in every context; `loader` is a callable or a module path
    exposing `DIALECT`."""
    DIALECT_REGISTRY.insert(name, loader)


def load_dialect(name: str) -> Dialect | None:
    return Context.current().load_dialect(name)


def lookup_op_class(name: str) -> type[Operation] | None:
    ctx = Context.current()
    # The parser asks once per op: a hit costs no call into the context.
    cls = ctx._ops.get(name)
    return cls if cls is not None else ctx.lookup_op_class(name)


def lookup_type_class(name: str) -> type | None:
    """The class of dialect type `name` ("llvm.ptr"), loading its dialect if needed."""
    return Context.current().lookup_type_class(name)


def lookup_attr_class(name: str) -> type | None:
    return Context.current().lookup_attr_class(name)


def loaded_dialects() -> dict[str, Dialect]:
    return Context.current().loaded_dialects()


def load_all_dialects() -> list[Dialect]:
    """Every available dialect, loaded into the current context, sorted by name."""
    return Context.current().load_all_dialects()
