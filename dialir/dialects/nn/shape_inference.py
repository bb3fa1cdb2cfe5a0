"""Shape arithmetic of the nn ops, on plain tuples where a dimension is an int or None
(dynamic, `?`): broadcasting, convolution and pooling windows, Reshape/Slice/Split rules.

Both result-type inference (`ops.py`) and the numpy reference (`reference.py`) use these, so
the static shapes the verifier derives and the arrays the reference computes follow one set of
rules. Invalid input raises `ShapeError` with a message for a diagnostic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from dialir.core.ods.interfaces import InferTypeError

Dim = int | None
Shape = tuple[Dim, ...]


class ShapeError(InferTypeError):
    """Shapes or parameters an op cannot accept; the message names what is wrong."""


def dims_text(shape: Sequence[Dim]) -> str:
    return "[" + ", ".join("?" if d is None else str(d) for d in shape) + "]"


def broadcast(shapes: Sequence[Sequence[Dim]]) -> Shape | None:
    """Numpy (multidirectional) broadcasting; None when two static sizes disagree. A dynamic
    dimension broadcast with a static size d > 1 is d (the only size that can work)."""
    rank = max((len(s) for s in shapes), default=0)
    out: list[Dim] = []
    for i in range(rank):
        static: int | None = 1
        dynamic = False
        for s in shapes:
            k = i - (rank - len(s))
            if k < 0:
                continue
            d = s[k]
            if d is None:
                dynamic = True
            elif d != 1:
                if static not in (1, d):
                    return None
                static = d
        out.append(None if dynamic and static == 1 else static)
    return tuple(out)


def normalize_axis(axis: int, rank: int, what: str = "axis", inclusive: bool = False) -> int:
    """`axis` in [-rank, rank) (or [-rank, rank] with `inclusive`) as a non-negative index."""
    hi = rank + 1 if inclusive else rank
    if not -rank <= axis < hi:
        bound = f"[{-rank}, {rank}]" if inclusive else f"[{-rank}, {rank})"
        raise ShapeError(f"{what} {axis} is out of range {bound} for rank {rank}")
    return axis + rank if axis < 0 else axis


def normalize_axes(axes: Sequence[int], rank: int, what: str = "axes") -> list[int]:
    out = [normalize_axis(int(a), rank, f"{what} value") for a in axes]
    if len(set(out)) != len(out):
        raise ShapeError(f"{what} must not repeat an axis, but got {list(map(int, axes))}")
    return out


def window_out_dim(
    size: Dim, kernel: int, stride: int, dilation: int, pad_begin: int, pad_end: int,
    ceil_mode: bool = False,
) -> Dim:  # fmt: skip
    """Output length of a sliding window (convolution and pooling, ONNX's formula); with
    `ceil_mode` a last window that would start in the end padding is dropped, as ONNX and
    PyTorch do."""
    if size is None:
        return None
    span = dilation * (kernel - 1) + 1
    padded = size + pad_begin + pad_end
    if padded < span:
        raise ShapeError(
            f"the window (kernel {kernel}, dilation {dilation}) does not fit the padded input "
            f"of size {padded}"
        )
    if ceil_mode:
        out = -((span - padded) // stride) + 1  # ceil((padded - span) / stride) + 1
        if (out - 1) * stride >= size + pad_begin:
            out -= 1
        return out
    return (padded - span) // stride + 1


def reshape_dims(in_shape: Sequence[Dim], target: Sequence[int], allowzero: bool) -> Shape:
    """ONNX Reshape: 0 copies the input dimension (unless `allowzero`), one -1 is inferred."""
    target = [int(t) for t in target]
    if sum(t == -1 for t in target) > 1:
        raise ShapeError(f"shape may contain at most one -1, but got {target}")
    if any(t < -1 for t in target):
        raise ShapeError(f"shape values must be >= -1, but got {target}")
    if allowzero and 0 in target and -1 in target:
        raise ShapeError(f"shape cannot contain both 0 and -1 when allowzero is set: {target}")
    out: list[Dim] = []
    for i, t in enumerate(target):
        if t == 0 and not allowzero:
            if i >= len(in_shape):
                raise ShapeError(
                    f"shape value 0 at index {i} copies an input dimension, but the input has "
                    f"rank {len(in_shape)}"
                )
            out.append(in_shape[i])
        else:
            out.append(t)
    total = None if None in in_shape else math.prod(in_shape)
    if -1 in out:
        k = out.index(-1)
        known = [d for j, d in enumerate(out) if j != k]
        if total is None:
            # A dimension copied by a 0 cancels out of both products (ONNX's inference does
            # the same): `?x3x4` reshaped by [0, -1] is `?x12`.
            copied = {i for i, t in enumerate(target) if t == 0 and not allowzero}
            rest_in = [d for i, d in enumerate(in_shape) if i not in copied]
            rest_out = [d for j, d in enumerate(out) if j != k and j not in copied]
            if None not in rest_in and None not in rest_out and math.prod(rest_out):
                whole, left = divmod(math.prod(rest_in), math.prod(rest_out))
                out[k] = None if left else whole
            else:
                out[k] = None
        elif None in known:
            out[k] = None
        else:
            rest = math.prod(known)
            if rest == 0 or total % rest:
                raise ShapeError(
                    f"cannot reshape {total} elements into {dims_text(out)}: "
                    "the -1 dimension is not a whole number"
                )
            out[k] = total // rest
    elif total is not None and None not in out and math.prod(out) != total:
        raise ShapeError(
            f"cannot reshape {dims_text(in_shape)} ({total} elements) into "
            f"{dims_text(out)} ({math.prod(out)} elements)"
        )
    return tuple(out)


def slice_bounds(size: int, start: int, end: int, step: int) -> tuple[int, int, int]:
    """ONNX Slice clamping for one axis: (start, end, length) with start/end clamped to
    [0, size] for positive steps and to [-1, size - 1] for negative steps (end -1 meaning
    "through index 0")."""
    if step == 0:
        raise ShapeError("slice steps must not be 0")
    if start < 0:
        start += size
    if end < 0:
        end += size
    if step > 0:
        start = min(max(start, 0), size)
        end = min(max(end, 0), size)
        length = max(0, -((start - end) // step))
    else:
        start = min(max(start, -1), size - 1)
        end = min(max(end, -1), size - 1)
        length = max(0, -((end - start) // -step) if start > end else 0)
    return start, end, length


def split_sizes(size: int, count: int) -> list[int]:
    """Equal parts of `size` (ONNX Split without `split`): ceil(size / count) each, the last
    one smaller when `size` does not divide evenly."""
    if count <= 0:
        raise ShapeError("split needs at least one result")
    part = -(-size // count)
    sizes = []
    left = size
    for _ in range(count):
        n = min(part, left)
        sizes.append(n)
        left -= n
    return sizes


def shape_bounds(rank: int, start: int, end: int | None) -> tuple[int, int]:
    """ONNX Shape's [start, end): negative values count from the end, then clamp to
    [0, rank]."""
    end = rank if end is None else end
    start, end = (x + rank if x < 0 else x for x in (start, end))
    return min(max(start, 0), rank), min(max(end, 0), rank)
