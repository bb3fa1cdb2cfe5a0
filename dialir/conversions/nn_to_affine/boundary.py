"""Arrays across the lowered function boundary: the loop level holds unsigned tensor
elements as the signless integers of their width (the same bits; arith computes on signless
integers only), so a caller converts its nn-level arrays with `to_loop_level` and the
results back with `from_loop_level`."""

from __future__ import annotations

import numpy as np

from dialir.core.ir.types import IntegerType, RankedTensorType


def _unsigned_width(t: RankedTensorType) -> int | None:
    et = t.element_type
    if isinstance(et, IntegerType) and et.signedness == "unsigned":
        return et.width
    return None


def to_loop_level(a: np.ndarray, t: RankedTensorType) -> np.ndarray:
    """An nn-level array of tensor type `t` as the lowered function takes it."""
    width = _unsigned_width(t)
    if width is None:
        return a
    if width >= 8:
        return a.view(np.dtype(f"i{a.dtype.itemsize}"))
    half = 1 << (width - 1)  # 2- and 4-bit values live in int8, sign-extended
    return (((a.astype(np.int64) + half) % (2 * half)) - half).astype(np.int8)


def from_loop_level(a: np.ndarray, t: RankedTensorType) -> np.ndarray:
    """A lowered function's result as the nn-level array of tensor type `t`."""
    width = _unsigned_width(t)
    if width is None:
        return a
    if width >= 8:
        return a.view(np.dtype(f"u{a.dtype.itemsize}"))
    return (a.astype(np.int64) & ((1 << width) - 1)).astype(np.uint8)
