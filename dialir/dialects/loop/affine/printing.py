"""MLIR's custom form of the affine ops, printing side (AffineOps.cpp's print methods): each op
class names its printer as `print_custom`. Ops whose attributes the custom form cannot say
fully (a map with an operand used twice, an unknown reduction kind, ...) print generically."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialir.core.ir.affine import (
    AffineBinaryExpr,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymbolExpr,
)
from dialir.core.ir.attrs import (
    AffineMapAttr,
    ArrayAttr,
    IntegerAttr,
    IntegerSetAttr,
)
from dialir.dialects.loop import asm
from dialir.dialects.loop.affine.utils import ATOMIC_RMW_KINDS, group_sizes

if TYPE_CHECKING:
    from dialir.dialects.loop.affine.ops import (
        AffineForOp,
        AffineIfOp,
        AffineLoadOp,
        AffineParallelOp,
        AffinePrefetchOp,
        AffineStoreOp,
        AffineVectorLoadOp,
        AffineVectorStoreOp,
    )

FOR_PROPS = ("lowerBoundMap", "upperBoundMap", "step", "operandSegmentSizes")
PARALLEL_PROPS = ("reductions", "lowerBoundsMap", "lowerBoundsGroups", "upperBoundsMap",
                   "upperBoundsGroups", "steps")  # fmt: skip
PREFETCH_PROPS = ("map", "localityHint", "isDataCache", "isWrite")


# -- printing ----------------------------------------------------------------------------------


def _is_map(a: Any) -> bool:
    return isinstance(a, AffineMapAttr)


def _bound_text(p: Any, attr: AffineMapAttr, operands: tuple, prefix: str) -> str:
    """MLIR's printBound: a constant, a lone symbol, else `[max|min] #map(dims)[syms]`."""
    m = attr.value
    if m.num_results == 1:
        e = m.results[0]
        if m.num_dims == 0 and m.num_symbols == 0 and type(e) is AffineConstantExpr:
            return str(e.value)
        if m.num_dims == 0 and m.num_symbols == 1 and type(e) is AffineSymbolExpr:
            return p.value(operands[0])
        head = ""
    else:
        head = prefix + " "
    return head + p.attr(attr) + asm.dim_and_symbol_list(p, operands, m.num_dims)


def _for_printable(op: AffineForOp) -> bool:
    lb, ub, step = op.lowerBoundMap, op.upperBoundMap, op.step_attr
    if not (_is_map(lb) and _is_map(ub) and isinstance(step, IntegerAttr)):
        return False
    blocks = op.regions[0].blocks
    try:
        lbo, ubo, inits = op.lowerBoundOperands, op.upperBoundOperands, op.inits
    except Exception:  # malformed segment sizes: the generic form shows them
        return False
    return (
        len(blocks) == 1 and len(blocks[0].args) == 1 + len(inits) == 1 + len(op.results)
        and len(lbo) == lb.value.num_dims + lb.value.num_symbols
        and len(ubo) == ub.value.num_dims + ub.value.num_symbols
    )  # fmt: skip


def print_for(op: AffineForOp, p: Any, indent: str) -> None:
    if not _for_printable(op):
        p.generic_op(op, indent)
        return
    out = p.out
    body = op.body
    out.append(f"affine.for {p.value(body.args[0])} = ")
    out.append(_bound_text(p, op.lowerBoundMap, op.lowerBoundOperands, "max"))
    out.append(" to ")
    out.append(_bound_text(p, op.upperBoundMap, op.upperBoundOperands, "min"))
    if op.step != 1:
        out.append(f" step {op.step}")
    inits = op.inits
    if inits:
        pairs = ", ".join(f"{p.value(a)} = {p.value(v)}" for a, v in zip(body.args[1:], inits))
        out.append(f" iter_args({pairs}) -> ({asm.types(p, op.results)})")
    out.append(" ")
    asm.print_region(p, op.regions[0], indent, entry_args=False, terminators=bool(inits))
    asm.print_attr_dict(p, op, FOR_PROPS)


def _min_max_text(p: Any, m: AffineMap, groups: list[int], operands: tuple, word: str) -> str:
    """MLIR's printMinMaxBound: one expression per group, or `max(...)` of several."""
    dims, syms = operands[: m.num_dims], operands[m.num_dims :]
    parts, start = [], 0
    for size in groups:
        if size == 1:
            parts.append(asm.ssa_expr(p, m.results[start], dims, syms))
        else:
            sub = AffineMap(m.num_dims, m.num_symbols, m.results[start : start + size])
            parts.append(f"{word}({asm.ssa_map(p, sub, operands)})")
        start += size
    return ", ".join(parts)


def _parallel_printable(op: AffineParallelOp) -> bool:
    if not (_is_map(op.lowerBoundsMap) and _is_map(op.upperBoundsMap)):
        return False
    if not isinstance(op.steps, ArrayAttr) or not isinstance(op.reductions, ArrayAttr):
        return False
    lbg, ubg = group_sizes(op.lowerBoundsGroups), group_sizes(op.upperBoundsGroups)
    lb, ub = op.lower_bounds_map, op.upper_bounds_map
    blocks = op.regions[0].blocks
    return (
        len(blocks) == 1 and sum(lbg) == lb.num_results and sum(ubg) == ub.num_results
        and all(g > 0 for g in lbg + ubg)
        and len(op.operands) == lb.num_dims + lb.num_symbols + ub.num_dims + ub.num_symbols
        and len(op.reductions) == len(op.results)
        and all(isinstance(a, IntegerAttr) and 0 <= a.value < len(ATOMIC_RMW_KINDS)
                for a in op.reductions)
    )  # fmt: skip


def print_parallel(op: AffineParallelOp, p: Any, indent: str) -> None:
    if not _parallel_printable(op):
        p.generic_op(op, indent)
        return
    out = p.out
    out.append(f"affine.parallel ({asm.values(p, op.body.args)}) = (")
    out.append(_min_max_text(p, op.lower_bounds_map, op.lower_bounds_groups,
                             op.lower_bounds_operands, "max"))  # fmt: skip
    out.append(") to (")
    out.append(_min_max_text(p, op.upper_bounds_map, op.upper_bounds_groups,
                             op.upper_bounds_operands, "min"))  # fmt: skip
    out.append(")")
    steps = op.step_values
    if any(s != 1 for s in steps):
        out.append(f" step ({', '.join(map(str, steps))})")
    if op.results:
        kinds = ", ".join(f'"{k}"' for k in op.reduction_kinds)
        out.append(f" reduce ({kinds}) -> ({asm.types(p, op.results)})")
    out.append(" ")
    asm.print_region(p, op.regions[0], indent, entry_args=False, terminators=bool(op.results))
    asm.print_attr_dict(p, op, PARALLEL_PROPS)


def print_if(op: AffineIfOp, p: Any, indent: str) -> None:
    cond = op.condition
    s = cond.value if isinstance(cond, IntegerSetAttr) else None
    if s is None or len(op.operands) != s.num_dims + s.num_symbols or not op.regions[0].blocks:
        p.generic_op(op, indent)
        return
    out = p.out
    out.append(f"affine.if {p.attr(cond)}{asm.dim_and_symbol_list(p, op.operands, s.num_dims)}")
    if op.results:
        out.append(asm.arrow_types(p, [r.type for r in op.results]))
    out.append(" ")
    terminators = bool(op.results)
    asm.print_region(p, op.regions[0], indent, entry_args=False, terminators=terminators)
    if op.regions[1].blocks:
        out.append(" else ")
        asm.print_region(p, op.regions[1], indent, entry_args=False, terminators=terminators)
    asm.print_attr_dict(p, op, ("condition",))


def _access_printable(op: Any) -> bool:
    """Whether the subscripts say all about the map and its operands: each operand once,
    each used (the custom form names operands only through the expressions, and reading it
    numbers dims and symbols afresh; MLIR prints it anyway and loses such operands)."""
    m = op.map
    if not _is_map(m):
        return False
    m = m.value
    operands = op.indices
    if m.num_dims + m.num_symbols != len(operands) or len(set(operands)) != len(operands):
        return False
    used = set()
    for e in m.results:
        used.update(_positions(e, m.num_dims))
    return len(used) == len(operands)


def _positions(e: AffineExpr, num_dims: int) -> set[int]:
    """The operand positions (dims, then symbols) an expression uses."""

    if type(e) is AffineDimExpr:
        return {e.position}
    if type(e) is AffineSymbolExpr:
        return {num_dims + e.position}
    if type(e) is AffineBinaryExpr:
        return _positions(e.lhs, num_dims) | _positions(e.rhs, num_dims)
    return set()


def _subscripts_text(p: Any, op: Any) -> str:
    return f"[{asm.ssa_map(p, op.map.value, op.indices)}]"


def print_load(op: AffineLoadOp, p: Any, indent: str) -> None:
    if not _access_printable(op):
        p.generic_op(op, indent)
        return
    p.out.append(f"affine.load {p.value(op.memref)}{_subscripts_text(p, op)}")
    asm.print_attr_dict(p, op, ("map",))
    p.out.append(f" : {p.type(op.memref.type)}")


def print_store(op: AffineStoreOp, p: Any, indent: str) -> None:
    if not _access_printable(op) or op.value.type is not op.memref.type.element_type:
        p.generic_op(op, indent)
        return
    p.out.append(f"affine.store {p.value(op.value)}, {p.value(op.memref)}{_subscripts_text(p, op)}")
    asm.print_attr_dict(p, op, ("map",))
    p.out.append(f" : {p.type(op.memref.type)}")


def print_vector_load(op: AffineVectorLoadOp, p: Any, indent: str) -> None:
    if not _access_printable(op):
        p.generic_op(op, indent)
        return
    p.out.append(f"affine.vector_load {p.value(op.memref)}{_subscripts_text(p, op)}")
    asm.print_attr_dict(p, op, ("map",))
    p.out.append(f" : {p.type(op.memref.type)}, {p.type(op.result.type)}")


def print_vector_store(op: AffineVectorStoreOp, p: Any, indent: str) -> None:
    if not _access_printable(op):
        p.generic_op(op, indent)
        return
    p.out.append(
        f"affine.vector_store {p.value(op.value)}, {p.value(op.memref)}{_subscripts_text(p, op)}"
    )
    asm.print_attr_dict(p, op, ("map",))
    p.out.append(f" : {p.type(op.memref.type)}, {p.type(op.value.type)}")


def print_prefetch(op: AffinePrefetchOp, p: Any, indent: str) -> None:
    hint, write, data = op.localityHint, op.isWrite, op.isDataCache
    if not (_access_printable(op) and all(isinstance(a, IntegerAttr) for a in (hint, write, data))):
        p.generic_op(op, indent)
        return
    p.out.append(
        f"affine.prefetch {p.value(op.memref)}{_subscripts_text(p, op)}, "
        f"{'write' if write.value else 'read'}, locality<{hint.value}>, "
        f"{'data' if data.value else 'instr'}"
    )
    asm.print_attr_dict(p, op, PREFETCH_PROPS)
    p.out.append(f" : {p.type(op.memref.type)}")


def print_map_op(word: str):
    def print_op(op: Any, p: Any, indent: str) -> None:
        m = op.map
        if not _is_map(m) or m.value.num_dims > len(op.operands):
            p.generic_op(op, indent)
            return
        lists = asm.dim_and_symbol_list(p, op.operands, m.value.num_dims)
        p.out.append(f"{word} {p.attr(m)}{lists}")
        asm.print_attr_dict(p, op, ("map",))

    return print_op
