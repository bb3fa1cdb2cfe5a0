"""convert-arith-to-llvm: arith ops on scalars and 1-D vectors to llvm ops (MLIR's
ArithToLLVM). Overflow and fast-math flags carry over; index becomes i64.

    arith.addi %a, %b overflow<nsw> : index -> llvm.add %a', %b' overflow<nsw> : i64
    arith.maxnumf %a, %b fastmath<fast> : f32 -> llvm.intr.maxnum(%a, %b) {fastmathFlags = ..}
    arith.index_cast %i : index to i32     -> llvm.trunc %i' : i64 to i32

Like MLIR, ceildivsi, ceildivui, floordivsi and addui_extended are not converted here
(`arith-expand` rewrites them first) and vectors of rank > 1 are left alone.

Integer division and remainder by zero (and signed MIN / -1) are undefined behaviour in
arith as in LLVM, but x86 traps on them: a native crash. So the divisor goes through a
select that makes it 1 in those cases (any result is a correct refinement of undefined
behaviour); LLVM folds the select away wherever the divisor is a known constant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dialir.conversions.llvm_common import (
    LLVMTypeConverter,
    OneToOneLowering,
    has_unsupported_float,
    llvm_target,
)
from dialir.core.ir.attrs import DenseElementsAttr, FloatAttr, IntegerAttr
from dialir.core.ir.dtypes import numpy_dtype
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import IntegerType, Type, VectorType
from dialir.core.passes import Pass, option, register_pass
from dialir.core.rewrite.conversion import ConversionPattern, apply_partial_conversion
from dialir.dialects import llvm


def _overflow(op: Operation) -> dict:
    flags = op.overflowFlags.flags
    return {} if flags == "none" else {"overflow": flags}


def _fastmath(op: Operation) -> dict:
    flags = op.fastmath.flags
    return {} if flags == "none" else {"fastmath": flags}


# arith op -> (llvm op, its flags, cast)
_ONE_TO_ONE: dict[str, tuple[type, Any, bool]] = {
    "arith.addi": (llvm.AddOp, _overflow, False),
    "arith.subi": (llvm.SubOp, _overflow, False),
    "arith.muli": (llvm.MulOp, _overflow, False),
    "arith.shli": (llvm.ShlOp, _overflow, False),
    "arith.andi": (llvm.AndOp, None, False),
    "arith.ori": (llvm.OrOp, None, False),
    "arith.xori": (llvm.XOrOp, None, False),
    "arith.shrsi": (llvm.AShrOp, None, False),
    "arith.shrui": (llvm.LShrOp, None, False),
    "arith.maxsi": (llvm.SMaxOp, None, False),
    "arith.minsi": (llvm.SMinOp, None, False),
    "arith.maxui": (llvm.UMaxOp, None, False),
    "arith.minui": (llvm.UMinOp, None, False),
    "arith.addf": (llvm.FAddOp, _fastmath, False),
    "arith.subf": (llvm.FSubOp, _fastmath, False),
    "arith.mulf": (llvm.FMulOp, _fastmath, False),
    "arith.divf": (llvm.FDivOp, _fastmath, False),
    "arith.remf": (llvm.FRemOp, _fastmath, False),
    "arith.negf": (llvm.FNegOp, _fastmath, False),
    "arith.maximumf": (llvm.MaximumOp, _fastmath, False),
    "arith.minimumf": (llvm.MinimumOp, _fastmath, False),
    "arith.maxnumf": (llvm.MaxNumOp, _fastmath, False),
    "arith.minnumf": (llvm.MinNumOp, _fastmath, False),
    "arith.extsi": (llvm.SExtOp, None, True),
    "arith.extui": (llvm.ZExtOp, None, True),
    "arith.trunci": (llvm.TruncOp, _overflow, True),
    "arith.extf": (llvm.FPExtOp, None, True),
    "arith.truncf": (llvm.FPTruncOp, None, True),
    "arith.sitofp": (llvm.SIToFPOp, None, True),
    "arith.uitofp": (llvm.UIToFPOp, None, True),
    "arith.fptosi": (llvm.FPToSIOp, None, True),
    "arith.fptoui": (llvm.FPToUIOp, None, True),
    "arith.bitcast": (llvm.BitcastOp, None, True),
}


def _converted_attr(value: Any, t: Type) -> Any:
    """An arith constant's value with the converted type (index -> i64 keeps MLIR's
    `: index` spelling of scalars; index vectors become i64 ones)."""
    if isinstance(value, (IntegerAttr, FloatAttr)):
        return value
    if isinstance(value, DenseElementsAttr):
        if not isinstance(t, VectorType):
            return None  # elements of a memref (or what converts to a struct): no LLVM constant
        if value.type.element_type is t.element_type:
            return value
        return DenseElementsAttr(t, value.array)
    return None


class ConstantOpLowering(ConversionPattern):
    """`arith.constant 1 : index` -> `llvm.mlir.constant(1 : index) : i64`."""

    root = "arith.constant"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = rewriter.type_converter.convert_type(op.result.type)
        if t is None or (isinstance(t, VectorType) and t.rank != 1):
            return rewriter.notify_match_failure(op, "the result type does not convert")
        if has_unsupported_float(op):
            return rewriter.notify_match_failure(op, "a float constant of a type LLVM lacks")
        value = _converted_attr(op.value, t)
        if value is None:
            return rewriter.notify_match_failure(op, "not an integer, float or elements value")
        rewriter.replace_op_with(op, llvm.ConstantOp(value, t))
        return True


class CmpIOpLowering(ConversionPattern):
    """`arith.cmpi slt, %a, %b : index` -> `llvm.icmp "slt" %a', %b' : i64` (same cases)."""

    root = "arith.cmpi"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        rewriter.replace_op_with(op, llvm.ICmpOp(op.predicate_name, *operands))
        return True


class CmpFOpLowering(ConversionPattern):
    """`arith.cmpf olt, %a, %b : f32` -> `llvm.fcmp "olt" %a, %b : f32` (same case values)."""

    root = "arith.cmpf"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        pred = IntegerAttr(op.predicate.value, IntegerType(64))
        rewriter.replace_op_with(op, llvm.FCmpOp(pred, *operands, **_fastmath(op)))
        return True


class SelectOpLowering(ConversionPattern):
    """`arith.select %c, %a, %b : T` -> `llvm.select %c, %a', %b' : i1, T'`."""

    root = "arith.select"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        rewriter.replace_op_with(op, llvm.SelectOp(*operands))
        return True


class DivRemOpLowering(ConversionPattern):
    """`arith.divsi/divui/remsi/remui %a, %b` -> the llvm op on a divisor that cannot trap:
    `select(b == 0 [or a == MIN and b == -1], 1, b)` (see the module docstring)."""

    _TARGETS = {"arith.divsi": (llvm.SDivOp, True), "arith.divui": (llvm.UDivOp, False),
                "arith.remsi": (llvm.SRemOp, True), "arith.remui": (llvm.URemOp, False)}  # fmt: skip

    def __init__(self, root: str, type_converter: Any) -> None:
        super().__init__(type_converter)
        self.root = root

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = rewriter.type_converter.convert_type(op.results[0].type)
        if t is None or (isinstance(t, VectorType) and t.rank != 1):
            return rewriter.notify_match_failure(op, "the result type does not convert")
        target, signed = self._TARGETS[self.root]
        a, b = operands
        width = _width(t)

        def const(v: int) -> Value:
            return rewriter.create(llvm.ConstantOp, _splat(v, t), t).results[0]

        def icmp(pred: str, x: Value, y: Value) -> Value:
            return rewriter.create(llvm.ICmpOp, pred, x, y).results[0]

        one = const(1)
        bad = icmp("eq", b, const(0))
        if signed and width > 1:
            overflow = rewriter.create(
                llvm.AndOp, icmp("eq", a, const(-(1 << (width - 1)))), icmp("eq", b, const(-1))
            ).results[0]  # fmt: skip
            bad = rewriter.create(llvm.OrOp, bad, overflow).results[0]
        safe = rewriter.create(llvm.SelectOp, bad, one, b).results[0]
        rewriter.replace_op(op, rewriter.create(target, a, safe).results)
        return True


def _splat(v: int, t: Type) -> Any:
    if isinstance(t, VectorType):
        return DenseElementsAttr(t, np.full(t.shape, v, numpy_dtype(t.element_type)))
    return IntegerAttr(v, t)


class IndexCastOpLowering(ConversionPattern):
    """`arith.index_cast`: sext to a wider integer, trunc to a narrower one, nothing for the
    same width (index is i64 here)."""

    root = "arith.index_cast"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        t = rewriter.type_converter.convert_type(op.out.type)
        src = operands[0]
        a, b = _width(src.type), _width(t)
        if a == b:
            rewriter.replace_op(op, [src])
        elif a < b:
            rewriter.replace_op_with(op, llvm.SExtOp(src, t))
        else:
            rewriter.replace_op_with(op, llvm.TruncOp(src, t))
        return True


def _width(t: Type) -> int:
    return (t.element_type if isinstance(t, VectorType) else t).width


def populate_arith_to_llvm_patterns(converter: LLVMTypeConverter) -> list[ConversionPattern]:
    patterns: list[ConversionPattern] = [
        OneToOneLowering(name, target, attrs, cast, converter)
        for name, (target, attrs, cast) in _ONE_TO_ONE.items()
    ]
    patterns += [
        cls(converter)
        for cls in (ConstantOpLowering, CmpIOpLowering, CmpFOpLowering, SelectOpLowering,
                    IndexCastOpLowering)
    ]  # fmt: skip
    patterns += [DivRemOpLowering(root, converter) for root in DivRemOpLowering._TARGETS]
    return patterns


@register_pass
@dataclass
class ConvertArithToLLVM(Pass):
    name = "convert-arith-to-llvm"
    summary = "Convert Arith dialect to LLVM dialect"
    dependent_dialects = ("llvm",)
    index_bitwidth: int = option(64, "Bitwidth of the index type")

    def run(self, op: Operation) -> None:
        converter = LLVMTypeConverter(self.index_bitwidth)
        # A partial conversion, as MLIR's: arith ops no pattern handles stay.
        target = llvm_target()
        apply_partial_conversion(op, target, populate_arith_to_llvm_patterns(converter), converter)
