"""numpy, imported when first used rather than with the modules that compute with it.

Importing numpy is most of a small `dialir-opt` run's start-up, and most inputs never fold a
constant or read a dense literal. Modules that use numpy in functions write
`from dialir.core.ir.lazy import np` (under TYPE_CHECKING, `import numpy as np`); a class
that names a numpy function as data (a folder's kernel) uses `numpy_function("add")`.
"""

from __future__ import annotations

from typing import Any


class _LazyNumpy:
    """Stands in for the numpy module: the first attribute read imports numpy, and each name
    read is then kept as a plain attribute of this object (no __getattr__ call again)."""

    def __getattr__(self, name: str) -> Any:
        import numpy  # here, on first use: the point of this module

        value = getattr(numpy, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return "<numpy, imported on first use>"


np: Any = _LazyNumpy()


class numpy_function:  # noqa: N801 - used like a function in class bodies
    """A class attribute that is numpy's function `name`, looked up when first read (from the
    class or an instance), so defining the class does not import numpy."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        return getattr(np, self.name)
