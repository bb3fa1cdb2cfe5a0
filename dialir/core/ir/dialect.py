"""Dialect registration: op classes by name, dialects loaded lazily by namespace.

Dialects register a loader (`name -> () -> Dialect`) so importing dialir imports no dialect;
an op name's namespace loads its dialect on first use. Third-party dialects arrive through the
`dialir.dialects` entry-point group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dialir.core.ir.operation import Operation

_OPS: dict[str, type[Operation]] = {}
_TYPES: dict[str, type] = {}  # "dialect.mnemonic" -> ParametricType subclass
_ATTRS: dict[str, type] = {}  # "dialect.mnemonic" -> ParametricAttr subclass
_LOADED: dict[str, "Dialect"] = {}
_LOADERS: dict[str, Callable[[], "Dialect"]] = {}
_ENTRY_POINTS_READ = False


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
    # (attr, type, location) -> constant op holding attr, for folding (MLIR's
    # materializeConstant); None when the dialect cannot materialise it.
    materialize_constant: Callable | None = None
    types: list[type] = field(default_factory=list)
    attributes: list[type] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Ops with a declarative assembly format contribute their generated grammar.
        fragments = [self.grammar] if self.grammar else []
        for op in self.ops:
            definition = getattr(op, "definition", None)
            fmt = definition.format if definition is not None else None
            if fmt is not None:
                fragments.append(fmt.grammar)
                self.parse_callbacks.update(fmt.callbacks)
        self.grammar = "\n".join(fragments)


def register_op(cls: type[Operation]) -> type[Operation]:
    """Class decorator: make `cls` the class of ops named `cls.OP_NAME`."""
    assert cls.OP_NAME is not None, "a registered op class needs OP_NAME"
    cls.is_registered = True
    _OPS[cls.OP_NAME] = cls
    return cls


def register_dialect_loader(name: str, loader: Callable[[], Dialect] | str) -> None:
    """Make dialect `name` loadable; `loader` is a callable or a module path exposing
    `DIALECT`."""
    if isinstance(loader, str):
        module = loader
        _LOADERS[name] = lambda: import_module(module).DIALECT
    else:
        _LOADERS[name] = loader


def load_dialect(name: str) -> Dialect | None:
    dialect = _LOADED.get(name)
    if dialect is not None:
        return dialect
    loader = _LOADERS.get(name)
    if loader is None:
        _read_entry_points()
        loader = _LOADERS.get(name)
        if loader is None:
            return None
    dialect = loader()
    _LOADED[name] = dialect
    for op in dialect.ops:
        register_op(op)
    for t in dialect.types:
        _TYPES[t.NAME] = t
    for a in dialect.attributes:
        _ATTRS[a.NAME] = a
    return dialect


def lookup_op_class(name: str) -> type[Operation] | None:
    cls = _OPS.get(name)
    if cls is not None:
        return cls
    dot = name.find(".")
    if dot <= 0 or name[:dot] in _LOADED:
        return None
    if load_dialect(name[:dot]) is None:
        return None
    return _OPS.get(name)


def lookup_type_class(name: str) -> type | None:
    """The class of dialect type `name` ("llvm.ptr"), loading its dialect if needed."""
    return _lookup(_TYPES, name)


def lookup_attr_class(name: str) -> type | None:
    return _lookup(_ATTRS, name)


def _lookup(table: dict[str, type], name: str) -> type | None:
    cls = table.get(name)
    if cls is None:
        dot = name.find(".")
        if dot > 0 and name[:dot] not in _LOADED and load_dialect(name[:dot]) is not None:
            cls = table.get(name)
    return cls


def loaded_dialects() -> dict[str, Dialect]:
    return dict(_LOADED)


def load_all_dialects() -> list[Dialect]:
    """Load every dialect that has a loader (built in or from an entry point), sorted by name:
    the set whose grammar fragments the parser composes."""
    _read_entry_points()
    for name in list(_LOADERS):
        load_dialect(name)
    return [_LOADED[n] for n in sorted(_LOADED)]


def _read_entry_points() -> None:
    global _ENTRY_POINTS_READ
    if _ENTRY_POINTS_READ:
        return
    _ENTRY_POINTS_READ = True
    for ep in entry_points(group="dialir.dialects"):
        _LOADERS.setdefault(ep.name, lambda ep=ep: ep.load()())
