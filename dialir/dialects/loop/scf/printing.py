"""MLIR's custom form of the scf ops, printing side (SCF.cpp's print methods): each op class
names its printer as `print_custom`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialir.core.ir.attrs import DenseArrayAttr
from dialir.core.ir.types import FunctionType, IndexType
from dialir.dialects.loop import asm

if TYPE_CHECKING:
    from dialir.dialects.loop.scf.ops import (
        ExecuteRegionOp,
        ForOp,
        IfOp,
        IndexSwitchOp,
        ParallelOp,
        ReduceOp,
        WhileOp,
    )

INDEX = IndexType()


# -- printing ----------------------------------------------------------------------------------


def print_for(op: ForOp, p: Any, indent: str) -> None:
    blocks = op.regions[0].blocks
    inits = op.initArgs
    if len(blocks) != 1 or len(blocks[0].args) != 1 + len(inits) or len(op.results) != len(inits):
        p.generic_op(op, indent)
        return
    out = p.out
    body = blocks[0]
    iv = body.args[0]
    out.append("scf.for unsigned " if op.unsignedCmp is not None else "scf.for ")
    out.append(f"{p.value(iv)} = {p.value(op.lowerBound)} to {p.value(op.upperBound)} "
               f"step {p.value(op.step)}")  # fmt: skip
    if inits:
        pairs = ", ".join(f"{p.value(a)} = {p.value(v)}" for a, v in zip(body.args[1:], inits))
        out.append(f" iter_args({pairs}) -> ({asm.types(p, inits)})")
    out.append(" ")
    if iv.type is not INDEX:
        out.append(f" : {p.type(iv.type)} ")  # MLIR's two spaces before the colon
    asm.print_region(p, op.regions[0], indent, entry_args=False, terminators=bool(inits))
    asm.print_attr_dict(p, op, ("unsignedCmp",))


def print_if(op: IfOp, p: Any, indent: str) -> None:
    if not op.regions[0].blocks:
        p.generic_op(op, indent)
        return
    out = p.out
    out.append(f"scf.if {p.value(op.condition)}")
    terminators = bool(op.results)
    if op.results:
        out.append(f" -> ({asm.types(p, op.results)})")
    out.append(" ")
    asm.print_region(p, op.regions[0], indent, entry_args=False, terminators=terminators)
    if op.regions[1].blocks:
        out.append(" else ")
        asm.print_region(p, op.regions[1], indent, entry_args=False, terminators=terminators)
    asm.print_attr_dict(p, op)


def print_while(op: WhileOp, p: Any, indent: str) -> None:
    before = op.regions[0].blocks
    inits = op.inits
    if len(before) != 1 or len(before[0].args) != len(inits):
        p.generic_op(op, indent)
        return
    out = p.out
    out.append("scf.while")
    if inits:
        pairs = ", ".join(f"{p.value(a)} = {p.value(v)}" for a, v in zip(before[0].args, inits))
        out.append(f" ({pairs})")
    ftype = FunctionType([v.type for v in inits], [r.type for r in op.results])
    out.append(f" : {p.type(ftype)} ")
    asm.print_region(p, op.regions[0], indent, entry_args=False)
    out.append(" do ")
    asm.print_region(p, op.regions[1], indent)
    asm.print_attr_dict_kw(p, op)


def print_parallel(op: ParallelOp, p: Any, indent: str) -> None:
    blocks = op.regions[0].blocks
    try:
        lbs, ubs, steps, inits = op.lowerBound, op.upperBound, op.step, op.initVals
    except Exception:  # malformed segment sizes: the generic form shows them
        lbs = None
    if (lbs is None or len(blocks) != 1 or len(inits) != len(op.results)
            or any(v.type is not r.type for v, r in zip(inits, op.results))):  # fmt: skip
        # The custom form spells the init types only (MLIR's, which then loses the result
        # types): a mismatch, which MLIR does not reject, shows in the generic form.
        p.generic_op(op, indent)
        return
    out = p.out
    out.append(
        f"scf.parallel ({asm.values(p, blocks[0].args)}) = ({asm.values(p, lbs)}) to "
        f"({asm.values(p, ubs)}) step ({asm.values(p, steps)})"
    )
    if inits:
        out.append(f" init ({asm.values(p, inits)})" + asm.arrow_types(p, [v.type for v in inits]))
    out.append(" ")
    asm.print_region(p, op.regions[0], indent, entry_args=False)
    asm.print_attr_dict(p, op, ("operandSegmentSizes",))


def print_reduce(op: ReduceOp, p: Any, indent: str) -> None:
    out = p.out
    out.append("scf.reduce")
    if op.operands:
        out.append(f"({asm.values(p, op.operands)} : {asm.types(p, op.operands)})")
    out.append(" ")  # MLIR's format prints the space before the (maybe empty) region list
    for i, r in enumerate(op.regions):
        if i:
            out.append(", ")
        asm.print_region(p, r, indent)
    asm.print_attr_dict(p, op)


def print_execute_region(op: ExecuteRegionOp, p: Any, indent: str) -> None:
    out = p.out
    out.append("scf.execute_region")
    if op.results:
        out.append(asm.arrow_types(p, [r.type for r in op.results]))
    out.append(" no_inline " if op.no_inline is not None else " ")
    asm.print_region(p, op.regions[0], indent, entry_args=False)
    asm.print_attr_dict(p, op, ("no_inline",))


def print_index_switch(op: IndexSwitchOp, p: Any, indent: str) -> None:
    cases = op.cases
    if not isinstance(cases, DenseArrayAttr) or len(cases.values) != len(op.regions) - 1:
        p.generic_op(op, indent)
        return
    out = p.out
    out.append(f"scf.index_switch {p.value(op.arg)}")
    asm.print_attr_dict(p, op, ("cases",))
    if op.results:
        out.append(f" -> {asm.types(p, op.results)}")
    out.append(" ")
    for value, r in zip(cases.values, op.regions[1:]):
        out.append(f"\n{indent}case {value} ")
        asm.print_region(p, r, indent, entry_args=False)
    out.append(f"\n{indent}default ")
    asm.print_region(p, op.regions[0], indent, terminators=False)
