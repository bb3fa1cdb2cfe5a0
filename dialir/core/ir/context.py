"""The Context (MLIR's MLIRContext): what one compilation owns.

A context holds the `dense_resource` blobs of the IR made in it (a `ResourceManager`), the
dialects loaded into it with their op, type and attribute classes by name, and whether
unregistered dialects are allowed. `with Context() as ctx:` makes `ctx` current in this thread
or asyncio task only; outside any `with`, the default context is current, so `parse(text)` and
building ops in Python need no context at all. `dialir-opt` uses a fresh one per input chunk,
as mlir-opt does, so nothing a chunk made outlives it.

Process-wide, as in MLIR: the dialect loaders by name (`DialectRegistry`, filled by the layers
that define dialects and by entry points; loading into a context is a dict update, since each
dialect module is imported once), the pass registry (core/passes/registry.py), and the uniquing
of types and attributes (`Uniqued` in types.py: one weak table, so `i32` is the same object in
every context and an attribute nothing refers to any more is freed).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextvars import ContextVar
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dialir.core.ir.dialect import Dialect
    from dialir.core.ir.operation import Operation

# -- resource blobs ---------------------------------------------------------------------------


class ResourceBlob:
    """The bytes of a `dense_resource` blob and their alignment. Its text form,
    `"0x..."` in `{-# dialect_resources: { builtin: { key: "0x..." } } #-}`, is 4 bytes of
    little-endian alignment, then the data."""

    __slots__ = ("data", "alignment")

    def __init__(self, data: bytes, alignment: int = 8) -> None:
        self.data, self.alignment = data, alignment

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ResourceBlob)
            and self.alignment == other.alignment
            and self.data == other.data
        )

    def __hash__(self) -> int:
        return hash((self.data, self.alignment))

    def hex(self) -> str:
        return "0x" + self.alignment.to_bytes(4, "little").hex().upper() + self.data.hex().upper()


class ResourceHandle:
    """What a `dense_resource<key>` attribute refers to (MLIR's DenseResourceElementsHandle):
    the key its context knows the blob by, and the blob, None until it is known (a text's
    `{-# dialect_resources #-}` section comes after the ops that use its blobs)."""

    __slots__ = ("key", "blob", "__weakref__")

    def __init__(self, key: str, blob: ResourceBlob | None = None) -> None:
        self.key, self.blob = key, blob

    def __repr__(self) -> str:
        return f"ResourceHandle({self.key!r})"


class ResourceManager:
    """A context's blobs by key (MLIR's DialectResourceBlobManager). Keys are unique: a blob
    inserted under a taken key gets `key_1`, `key_2`, ... (the first free one). Threads that
    parse in one context (the default one, say) may add blobs at once: adding takes a lock."""

    __slots__ = ("_handles", "_next_suffix", "_shared", "_lock")

    def __init__(self) -> None:
        self._handles: dict[str, ResourceHandle] = {}
        self._next_suffix: dict[str, int] = {}  # base key -> the next suffix to try (linear)
        # (key asked for, blob) -> the handle `adopt` gave it, so that the same bytes under the
        # same name share one blob even after a clash renamed it.
        self._shared: dict[tuple[str, ResourceBlob | None], ResourceHandle] = {}
        self._lock = threading.Lock()

    def __contains__(self, key: str) -> bool:
        return key in self._handles

    def lookup(self, key: str) -> ResourceHandle | None:
        return self._handles.get(key)

    def _fresh_key(self, key: str) -> str:
        """`key` if free, else the first free `key_1`, `key_2`, ... (MLIR's rule)."""
        handles = self._handles
        if key not in handles:
            return key
        n = self._next_suffix.get(key, 1)
        while f"{key}_{n}" in handles:
            n += 1
        self._next_suffix[key] = n + 1
        return f"{key}_{n}"

    def insert(self, key: str, blob: ResourceBlob | None = None) -> ResourceHandle:
        """A new blob under `key`, or under a fresh key when `key` is taken."""
        with self._lock:
            handle = ResourceHandle(self._fresh_key(key), blob)
            self._handles[handle.key] = handle
        return handle

    def adopt(self, handle: ResourceHandle) -> ResourceHandle:
        """Register `handle` (made outside the manager: by a parse, before its blob was known)
        and return the handle its users should refer to: the one this context already holds
        under the same key with an equal blob, else `handle` itself, renamed if its key is
        taken. So parsing printed IR again in one context gives back the same blobs."""
        key, blob = handle.key, handle.blob
        with self._lock:
            for held in (self._handles.get(key), self._shared.get((key, blob))):
                if held is not None and held.blob == blob:
                    return held
            handle.key = self._fresh_key(key)
            self._handles[handle.key] = handle
            self._shared[(key, blob)] = handle
        return handle

    def share(self, key: str, blob: ResourceBlob) -> ResourceHandle:
        """The handle of `blob` under `key`: an existing one holding equal bytes (an importer
        that sees the same weights twice), else a new one."""
        return self.adopt(ResourceHandle(key, blob))


# -- dialect loaders (process-wide) -------------------------------------------------------------


class DialectRegistry:
    """Dialect loaders by name (MLIR's DialectRegistry): `name -> () -> Dialect`, so importing
    dialir imports no dialect. Third-party dialects arrive through the `dialir.dialects`
    entry-point group, read on the first lookup of a name that has no loader."""

    __slots__ = ("_loaders", "_entry_points_read")

    def __init__(self) -> None:
        self._loaders: dict[str, Callable[[], Dialect]] = {}
        self._entry_points_read = False

    def insert(self, name: str, loader: Callable[[], Dialect] | str) -> None:
        """Make dialect `name` loadable; `loader` is a callable or the path of a module that
        exposes `DIALECT`."""
        if isinstance(loader, str):
            module = loader
            self._loaders[name] = lambda: import_module(module).DIALECT
        else:
            self._loaders[name] = loader

    def loader(self, name: str) -> Callable[[], Dialect] | None:
        loader = self._loaders.get(name)
        if loader is None and not self._entry_points_read:
            self._read_entry_points()
            loader = self._loaders.get(name)
        return loader

    def names(self) -> list[str]:
        self._read_entry_points()
        return list(self._loaders)

    def _read_entry_points(self) -> None:
        if self._entry_points_read:
            return
        self._entry_points_read = True
        # importlib.metadata is imported only here: it costs start-up, and most runs name
        # built-in dialects only.
        from importlib.metadata import entry_points

        for ep in entry_points(group="dialir.dialects"):
            self._loaders.setdefault(ep.name, lambda ep=ep: ep.load()())


DIALECT_REGISTRY = DialectRegistry()


# -- the context --------------------------------------------------------------------------------


class Context:
    """Resource blobs, loaded dialects and their classes by name, and the
    allow-unregistered flag of one compilation. See the module docstring."""

    __slots__ = ("resources", "allow_unregistered", "_dialects", "_ops", "_types", "_attrs")

    def __init__(self, allow_unregistered: bool = False) -> None:
        self.resources = ResourceManager()
        # MLIR's allowUnregisteredDialects: what `parse` assumes when not told.
        self.allow_unregistered = allow_unregistered
        self._dialects: dict[str, Dialect] = {}
        self._ops: dict[str, type[Operation]] = {}
        self._types: dict[str, type] = {}  # "dialect.mnemonic" -> ParametricType subclass
        self._attrs: dict[str, type] = {}  # "dialect.mnemonic" -> ParametricAttr subclass

    # The current context: a context variable, so each thread and asyncio task has its own
    # (a new thread starts at the default context). `_SAVED` is the stack `with` restores.
    current: Callable[[], Context]  # set below: Context.current() -> the current context

    @staticmethod
    def default() -> Context:
        """The context current outside any `with Context()`."""
        return _DEFAULT

    def __enter__(self) -> Context:
        _SAVED.set((_CURRENT.get(), _SAVED.get()))
        _CURRENT.set(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        if _CURRENT.get() is not self:
            raise RuntimeError("Context exited out of order, or in another thread or task")
        previous, saved = _SAVED.get()
        _SAVED.set(saved)
        _CURRENT.set(previous)

    # -- dialects ------------------------------------------------------------------------

    def load_dialect(self, name: str) -> Dialect | None:
        """Dialect `name`, loaded into this context (from the process-wide registry) on first
        use; None when no dialect has that name."""
        dialect = self._dialects.get(name)
        if dialect is not None:
            return dialect
        loader = DIALECT_REGISTRY.loader(name)
        if loader is None:
            return None
        return self.add_dialect(loader())

    def add_dialect(self, dialect: Dialect) -> Dialect:
        """Load `dialect` into this context under its name: its ops, types and attributes
        by name (a dialect made at run time, such as one IRDL defines, is added so)."""
        self._dialects[dialect.name] = dialect
        for op in dialect.ops:
            self.register_op(op)
        self._types.update((t.NAME, t) for t in dialect.types)
        self._attrs.update((a.NAME, a) for a in dialect.attributes)
        return dialect

    def register_op(self, cls: type[Operation]) -> type[Operation]:
        """Make `cls` the class of ops named `cls.OP_NAME` in this context."""
        assert cls.OP_NAME is not None, "a registered op class needs OP_NAME"
        cls.is_registered = True
        self._ops[cls.OP_NAME] = cls
        return cls

    def lookup_op_class(self, name: str) -> type[Operation] | None:
        """The class of op `name`, loading its dialect if needed; None when unregistered."""
        cls = self._ops.get(name)
        if cls is not None:
            return cls
        dot = name.find(".")
        if dot <= 0 or name[:dot] in self._dialects or self.load_dialect(name[:dot]) is None:
            return None
        return self._ops.get(name)

    def lookup_type_class(self, name: str) -> type | None:
        """The class of dialect type `name` ("llvm.ptr"), loading its dialect if needed."""
        return self._lookup(self._types, name)

    def lookup_attr_class(self, name: str) -> type | None:
        return self._lookup(self._attrs, name)

    def _lookup(self, table: dict[str, type], name: str) -> type | None:
        cls = table.get(name)
        if cls is None:
            dot = name.find(".")
            if dot > 0 and name[:dot] not in self._dialects and self.load_dialect(name[:dot]):
                cls = table.get(name)
        return cls

    def loaded_dialects(self) -> dict[str, Dialect]:
        return dict(self._dialects)

    def load_all_dialects(self) -> list[Dialect]:
        """Load every dialect that has a loader (built in or from an entry point), sorted by
        name: the set whose grammar fragments the parser composes."""
        for name in DIALECT_REGISTRY.names():
            self.load_dialect(name)
        return [self._dialects[n] for n in sorted(self._dialects)]


_DEFAULT = Context()
_CURRENT: ContextVar[Context] = ContextVar("dialir_context", default=_DEFAULT)
_SAVED: ContextVar[tuple | None] = ContextVar("dialir_saved_contexts", default=None)
# A bound method of the context variable: Context.current() costs one C call.
Context.current = staticmethod(_CURRENT.get)  # type: ignore[assignment]
