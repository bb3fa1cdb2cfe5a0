"""Semantics of the memref dialect on numpy buffers: an allocation is an array, a view
(subview, cast, reshape, reinterpret_cast...) is a numpy view sharing its buffer, and loads
and stores check their indices (out of bounds is an error at the op, never a wrong value).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from dialir.core.ir.attrs import UnitAttr
from dialir.core.ir.operation import Operation
from dialir.core.ir.types import DYNAMIC, MemRefType
from dialir.dialects.arith.attrs import ATOMIC_RMW_KINDS
from dialir.execution.interpreter.engine import (
    ExecutionError,
    Interpreter,
    address,
    as_signed,
    as_unsigned,
    check_indices,
    elements_array,
    int_info,
    ref_text,
    register_handler,
    shape_text,
    storage_dtype,
    to_storage,
    type_mismatch,
    uninitialized,
)

DYNAMIC_INDEX = -9223372036854775808  # MLIR's ShapedType::kDynamic in static index lists


# -- buffers -------------------------------------------------------------------------------


def _root(interp: Interpreter, a: np.ndarray) -> tuple[np.ndarray, int]:
    """The allocation a memref view lives in, flattened, and the view's element offset.
    A function argument is an allocation of its own (the caller's array may itself be a
    view of something larger); anything else is the numpy array owning the memory."""
    addr = address(a)
    for start, end, flat in interp.roots:
        if start <= addr < end or start == addr:
            return flat, (addr - start) // max(a.itemsize, 1)
    root = a
    while isinstance(root.base, np.ndarray):
        root = root.base
    if not root.flags.c_contiguous:
        raise ExecutionError("the memref's buffer is not a contiguous allocation")
    flat = root.reshape(-1)
    return flat, (addr - address(flat)) // max(a.itemsize, 1)


def _mixed(static: Sequence[int], dynamic: Sequence[Any]) -> list[int]:
    """Static values with each dynamic sentinel replaced by the next dynamic operand."""
    it = iter(dynamic)
    return [int(next(it)) if s == DYNAMIC_INDEX else int(s) for s in static]


def _segments(op: Operation, args: list) -> list[list]:
    sizes = op.get_attr("operandSegmentSizes").values
    out, pos = [], 0
    for n in sizes:
        out.append(args[pos : pos + n])
        pos += n
    return out


def _shape_of(t: MemRefType, dynamic: Sequence[Any]) -> tuple[int, ...]:
    it = iter(dynamic)
    shape = tuple(int(next(it)) if d is DYNAMIC else d for d in t.shape)
    if any(d < 0 for d in shape):
        raise ExecutionError(f"negative dimension size in {list(shape)}")
    return shape


def _alloc(interp: Interpreter, op: Operation, args: list) -> Any:
    t = op.results[0].type
    dynamic = _segments(op, args)[0] if op.get_attr("operandSegmentSizes") else args
    return (uninitialized(_shape_of(t, dynamic), storage_dtype(t)),)


register_handler("memref.alloc", _alloc)
register_handler("memref.alloca", _alloc)


@register_handler("memref.dealloc")
def _dealloc(interp: Interpreter, op: Operation, args: list) -> Any:
    return ()


@register_handler("memref.realloc")
def _realloc(interp: Interpreter, op: Operation, args: list) -> Any:
    src = args[0]
    t = op.results[0].type
    new = uninitialized(_shape_of(t, args[1:]), src.dtype)
    n = min(new.size, src.size)
    new.reshape(-1)[:n] = src.reshape(-1)[:n]
    return (new,)


@register_handler("memref.alloca_scope")
def _alloca_scope(interp: Interpreter, op: Operation, args: list) -> Any:
    return interp.run_region(op.regions[0], [])


# -- loads, stores, copies -----------------------------------------------------------------


@register_handler("memref.load")
def _load(interp: Interpreter, op: Operation, args: list) -> Any:
    m = args[0]
    return (m[check_indices(m, args[1:])],)


@register_handler("memref.store")
def _store(interp: Interpreter, op: Operation, args: list) -> Any:
    m = args[1]
    idx = check_indices(m, args[2:])
    if not m.flags.writeable:
        raise ExecutionError("store to a read-only memref (a constant global?)")
    m[idx] = args[0]
    return ()


@register_handler("memref.copy")
def _copy(interp: Interpreter, op: Operation, args: list) -> Any:
    src, dst = args
    if src.shape != dst.shape:
        raise ExecutionError(f"copies shape {list(src.shape)} into shape {list(dst.shape)}")
    if not dst.flags.writeable:
        raise ExecutionError("copy into a read-only memref (a constant global?)")
    dst[...] = src
    return ()


@register_handler("memref.prefetch")
def _prefetch(interp: Interpreter, op: Operation, args: list) -> Any:
    return ()


_RMW = {
    "addf": lambda old, v: old + v,
    "addi": lambda old, v: old + v,
    "assign": lambda old, v: v,
    "maximumf": np.maximum,
    "maxs": np.maximum,
    "minimumf": np.minimum,
    "mins": np.minimum,
    "mulf": lambda old, v: old * v,
    "muli": lambda old, v: old * v,
    "ori": lambda old, v: old | v,
    "andi": lambda old, v: old & v,
    "xori": lambda old, v: old ^ v,
    "maxnumf": np.fmax,
    "minnumf": np.fmin,
}


@register_handler("memref.atomic_rmw")
def _atomic_rmw(interp: Interpreter, op: Operation, args: list) -> Any:
    value, m = args[0], args[1]
    idx = check_indices(m, args[2:])
    old = m[idx]
    kind = ATOMIC_RMW_KINDS[op.get_attr("kind").value]
    if kind in ("maxu", "minu"):
        info = int_info(op.operand(0).type)
        pick = np.maximum if kind == "maxu" else np.minimum
        new = to_storage(pick(as_unsigned(old, info), as_unsigned(value, info)), info)
    elif kind in ("addi", "muli"):
        info = int_info(op.operand(0).type)
        new = to_storage(_RMW[kind](as_signed(old, info), as_signed(value, info)), info)
    else:
        new = _RMW[kind](old, value)
    m[idx] = new
    return (old,)


@register_handler("memref.generic_atomic_rmw")
def _generic_atomic_rmw(interp: Interpreter, op: Operation, args: list) -> Any:
    m = args[0]
    idx = check_indices(m, args[1:])
    old = m[idx]
    (new,) = interp.run_region(op.regions[0], [old])
    m[idx] = new
    return (old,)


# -- metadata ------------------------------------------------------------------------------


@register_handler("memref.dim")
def _dim(interp: Interpreter, op: Operation, args: list) -> Any:
    m, i = args
    if not 0 <= i < m.ndim:
        raise ExecutionError(f"dimension index {int(i)} is out of range for rank {m.ndim}")
    return (np.int64(m.shape[int(i)]),)


@register_handler("memref.rank")
def _rank(interp: Interpreter, op: Operation, args: list) -> Any:
    return (np.int64(args[0].ndim),)


@register_handler("memref.assume_alignment")
def _assume_alignment(interp: Interpreter, op: Operation, args: list) -> Any:
    return (args[0],) if op.results else ()


@register_handler("memref.extract_strided_metadata")
def _extract_strided_metadata(interp: Interpreter, op: Operation, args: list) -> Any:
    src = args[0]
    flat, offset = _root(interp, src)
    base = np.lib.stride_tricks.as_strided(flat, shape=(), strides=())
    item = src.itemsize
    return (
        base,
        np.int64(offset),
        *(np.int64(n) for n in src.shape),
        *(np.int64(s // item) for s in src.strides),
    )


@register_handler("memref.extract_aligned_pointer_as_index")
def _extract_pointer(interp: Interpreter, op: Operation, args: list) -> Any:
    return (np.int64(address(args[0])),)


# -- globals -------------------------------------------------------------------------------


@register_handler("memref.get_global")
def _get_global(interp: Interpreter, op: Operation, args: list) -> Any:
    buf = interp.cache.get(op)
    if buf is None:
        target = interp.lookup_symbol(op, op.get_attr("name"))
        if target.name != "memref.global":
            raise ExecutionError(f"'{ref_text(op.get_attr('name'))}' is not a memref.global")
        buf = interp.cache[op] = global_buffer(interp, target)
    return (buf,)


def global_buffer(interp: Interpreter, global_op: Operation) -> np.ndarray:
    """The buffer of a `memref.global`, made from its initial value on first use (kept in
    `interp.cache` under the global op, so every get_global of it sees one buffer)."""
    buf = interp.cache.get(global_op)
    if buf is None:
        t = global_op.get_attr("type").value
        init = global_op.get_attr("initial_value")
        dtype = storage_dtype(t)
        if init is None:
            raise ExecutionError(
                f"global '@{global_op.get_attr('sym_name').value}' is an external "
                "declaration without a value"
            )
        if isinstance(init, UnitAttr):
            buf = uninitialized(t.shape, dtype)
        else:
            buf = np.array(elements_array(init), dtype=dtype).reshape(t.shape)
        if global_op.get_attr("constant") is not None:
            buf.flags.writeable = False
        interp.cache[global_op] = buf
    return buf


# -- views ---------------------------------------------------------------------------------


def _same_buffer_cast(interp: Interpreter, op: Operation, args: list) -> Any:
    problem = type_mismatch(op.results[0].type, args[0])
    if problem is not None:
        raise ExecutionError(f"invalid cast at run time: {problem}")
    return (args[0],)


register_handler("memref.cast", _same_buffer_cast)
register_handler("memref.memory_space_cast", _same_buffer_cast)


def _rank_reduce(view: np.ndarray, result_shape: Sequence[Any]) -> np.ndarray:
    """Drop the unit dimensions a rank-reducing subview leaves out (MLIR's greedy
    computeRankReductionMask)."""
    if view.ndim == len(result_shape):
        return view
    drop, j = [], 0
    for i, n in enumerate(view.shape):
        if j < len(result_shape) and (result_shape[j] is DYNAMIC or result_shape[j] == n):
            j += 1
        elif n == 1:
            drop.append(i)
        else:
            raise ExecutionError(
                f"cannot reduce sizes {list(view.shape)} to the result shape "
                f"{shape_text(result_shape)}"
            )
    return np.squeeze(view, axis=tuple(drop))


@register_handler("memref.subview")
def _subview(interp: Interpreter, op: Operation, args: list) -> Any:
    src = args[0]
    _, offs, sizes, strides = _segments(op, args)
    offsets = _mixed(op.get_attr("static_offsets").values, offs)
    sizes = _mixed(op.get_attr("static_sizes").values, sizes)
    steps = _mixed(op.get_attr("static_strides").values, strides)
    index = []
    for d, (o, n, s, dim) in enumerate(zip(offsets, sizes, steps, src.shape)):
        if n < 0 or s < 1 and n > 1 or o < 0 or n > 0 and o + (n - 1) * s >= dim:
            raise ExecutionError(
                f"subview [offset {o}, size {n}, stride {s}] is out of bounds of dimension {d} "
                f"(size {dim})"
            )
        index.append(slice(o, o + (n - 1) * s + 1, s) if n > 0 else slice(o, o))
    return (_rank_reduce(src[tuple(index)], op.results[0].type.shape),)


@register_handler("memref.reinterpret_cast")
def _reinterpret_cast(interp: Interpreter, op: Operation, args: list) -> Any:
    _, offs, sizes, strides = _segments(op, args)
    (offset,) = _mixed(op.get_attr("static_offsets").values, offs)
    sizes = _mixed(op.get_attr("static_sizes").values, sizes)
    strides = _mixed(op.get_attr("static_strides").values, strides)
    return (_strided_view(interp, args[0], offset, sizes, strides),)


def _strided_view(
    interp: Interpreter, src: np.ndarray, offset: int, sizes: list[int], strides: list[int]
) -> np.ndarray:
    flat, _ = _root(interp, src)
    if any(n < 0 for n in sizes):
        raise ExecutionError(f"negative size in {sizes}")
    if all(n > 0 for n in sizes):
        lo = offset + sum((n - 1) * s for n, s in zip(sizes, strides) if s < 0)
        hi = offset + sum((n - 1) * s for n, s in zip(sizes, strides) if s > 0)
        if lo < 0 or hi >= flat.size:
            raise ExecutionError(
                f"offset {offset}, sizes {sizes}, strides {strides} reach elements {lo} to {hi} "
                f"of a buffer of {flat.size}"
            )
    elif not 0 <= offset <= flat.size:
        raise ExecutionError(f"offset {offset} is outside a buffer of {flat.size} elements")
    item = flat.itemsize
    base = flat[offset:] if offset < flat.size else flat[:0]
    return np.lib.stride_tricks.as_strided(
        base, shape=tuple(sizes), strides=tuple(s * item for s in strides)
    )


def _view_reshape(src: np.ndarray, shape: Sequence[int]) -> np.ndarray:
    try:
        return np.reshape(src, tuple(shape), copy=False)
    except ValueError:
        raise ExecutionError(
            f"cannot view shape {list(src.shape)} as {list(shape)} without copying "
            "(the source is not contiguous where the dimensions merge)"
        ) from None


@register_handler("memref.collapse_shape")
def _collapse_shape(interp: Interpreter, op: Operation, args: list) -> Any:
    src = args[0]
    groups = [[x.value for x in g] for g in op.get_attr("reassociation")]
    shape = [math.prod(src.shape[i] for i in g) for g in groups]
    return (_view_reshape(src, shape),)


@register_handler("memref.expand_shape")
def _expand_shape(interp: Interpreter, op: Operation, args: list) -> Any:
    shape = _mixed(op.get_attr("static_output_shape").values, args[1:])
    src = args[0]
    if math.prod(shape) != src.size:
        raise ExecutionError(f"output shape {shape} does not hold the {src.size} elements")
    return (_view_reshape(src, shape),)


@register_handler("memref.reshape")
def _reshape(interp: Interpreter, op: Operation, args: list) -> Any:
    src, shape = args
    dims = [int(d) for d in np.asarray(shape).reshape(-1)]
    if any(d < 0 for d in dims) or math.prod(dims) != src.size:
        raise ExecutionError(f"shape {dims} does not hold the {src.size} elements")
    return (_view_reshape(src, dims),)


@register_handler("memref.transpose")
def _transpose(interp: Interpreter, op: Operation, args: list) -> Any:
    perm = [e.position for e in op.get_attr("permutation").value.results]
    return (np.transpose(args[0], perm),)


@register_handler("memref.view")
def _view(interp: Interpreter, op: Operation, args: list) -> Any:
    src, shift = args[0], int(args[1])
    t = op.results[0].type
    shape = _shape_of(t, args[2:])
    dtype = storage_dtype(t)
    nbytes = math.prod(shape) * dtype.itemsize
    if src.ndim != 1 or src.itemsize != 1 or not src.flags.c_contiguous:
        raise ExecutionError("the source must be a contiguous 1-D byte buffer")
    if shift < 0 or shift + nbytes > src.size:
        raise ExecutionError(
            f"a view of {nbytes} bytes at byte {shift} does not fit a buffer of {src.size}"
        )
    return (src[shift : shift + nbytes].view(dtype).reshape(shape),)
