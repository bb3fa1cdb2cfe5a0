"""numpy, imported when first used rather than with the modules that compute with it.

Importing numpy is most of a small `dialir-opt` run's start-up, and most inputs never fold a
constant or read a dense literal. Modules that use numpy write `from dialir.core.ir.lazy
import np` and name its functions only where they run: a class body that holds one as data
(a folder's kernel) wraps it, `kernel = staticmethod(lambda a, b: np.add(a, b))`, since
reading `np.add` there would import numpy with the class.
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
