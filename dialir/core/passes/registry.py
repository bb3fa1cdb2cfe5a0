"""The pass registry: passes by name, modules that define them imported on first use, and
passes of other packages from the `dialir.passes` entry-point group."""

from __future__ import annotations

import re
from importlib import import_module

from dialir.core.passes.base import Pass, refresh_options

_PASSES: dict[str, type[Pass]] = {}
# Passes known by name whose module is imported on first use (like dialect loaders); the
# layers that define passes register theirs (see dialir/__init__.py).
_PASS_MODULES: dict[str, str] = {}


def register_pass_module(name: str, module: str) -> None:
    """Make pass `name` available from `module`, imported when a pipeline first names it."""
    _PASS_MODULES.setdefault(name, module)


# -- the registry ------------------------------------------------------------------------------

_PASS_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")


def register_pass(cls: type[Pass]) -> type[Pass]:
    """Class decorator: make `cls` available by its `name` in pipelines and on dialir-opt."""
    if not (isinstance(cls, type) and issubclass(cls, Pass)):
        raise TypeError(f"{cls!r} is not a subclass of Pass")
    if not cls.name:
        raise ValueError("a registered pass needs a name")
    if not _PASS_NAME.fullmatch(cls.name) or cls.name == "any":
        raise ValueError(f"invalid pass name '{cls.name}': use kebab-case, e.g. 'loop-tile'")
    # A bad option is the author's error: report it now, not when a pipeline names the pass.
    for opt in refresh_options(cls):
        if hasattr(Pass, opt.attr):
            raise TypeError(f"pass '{cls.name}': option '{opt.attr}' hides Pass.{opt.attr}")
    _PASSES[cls.name] = cls
    return cls


class PassLoadError(Exception):
    """A pass whose module or entry point fails to import."""


# Entry-point passes that failed to load: name -> the message to raise on lookup.
_BROKEN: dict[str, str] = {}


def pass_names() -> list[str]:
    """The name of every available pass, without importing the modules that define them."""
    return sorted({*_PASSES, *_PASS_MODULES, *_entry_point_names()})


def registered_passes(errors: list[PassLoadError] | None = None) -> dict[str, type[Pass]]:
    """Every available pass by name: built in, registered, and from entry points.

    A pass that fails to load raises PassLoadError, or, when `errors` is given, is left out
    and its error appended there (so one broken plugin does not hide the others).
    """
    for name in [*_PASS_MODULES, *_entry_point_names()]:
        try:
            lookup_pass(name)
        except PassLoadError as e:
            if errors is None:
                raise
            errors.append(e)
    return dict(sorted(_PASSES.items()))


def lookup_pass(name: str) -> type[Pass] | None:
    """The pass class registered as `name`, importing its module on first use; None if no
    pass has that name. Raises PassLoadError when its module or entry point is broken."""
    cls = _PASSES.get(name)
    if cls is not None:
        return cls
    module = _PASS_MODULES.get(name)
    if module is not None:
        try:
            import_module(module)
        except Exception as e:
            raise PassLoadError(
                f"could not load pass '{name}' from '{module}': {type(e).__name__}: {e}"
            ) from e
        cls = _PASSES.get(name)
        if cls is None:
            raise PassLoadError(f"module '{module}' does not register pass '{name}'")
        return cls
    _read_entry_points()
    if name in _BROKEN:
        raise PassLoadError(_BROKEN[name])
    return _PASSES.get(name)


_ENTRY_POINTS_READ = False


def _entry_point_names() -> list[str]:
    _read_entry_points()
    return list(_BROKEN)


def _read_entry_points() -> None:
    """Passes of other packages: entry-point group `dialir.passes` (name -> pass class)."""
    global _ENTRY_POINTS_READ
    if _ENTRY_POINTS_READ:
        return
    _ENTRY_POINTS_READ = True
    # Imported here: importlib.metadata costs start-up, and most runs use built-in passes.
    from importlib.metadata import entry_points

    for ep in entry_points(group="dialir.passes"):
        if ep.name in _PASSES:
            continue
        try:
            register_pass(ep.load())
        except Exception as e:  # noqa: BLE001 - reported when the pass is asked for
            _BROKEN[ep.name] = (
                f"could not load pass '{ep.name}' from entry point '{ep.value}': "
                f"{type(e).__name__}: {e}"
            )
