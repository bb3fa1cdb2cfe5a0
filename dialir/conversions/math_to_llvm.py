"""convert-math-to-llvm: math ops to LLVM intrinsics (MLIR's MathToLLVM), fast-math flags
kept.

    math.exp %x fastmath<fast> : f32 -> llvm.intr.exp(%x) {fastmathFlags = #llvm.fastmath<fast>}
    math.rsqrt %x : f32              -> llvm.fdiv (1.0, llvm.intr.sqrt(%x))
    math.expm1 %x : f32              -> llvm.fsub (llvm.intr.exp(%x), 1.0)
    math.log1p %x : f32              -> llvm.intr.log(llvm.fadd (1.0, %x))
    math.ctlz %x : i32               -> llvm.intr.ctlz(%x) <{is_zero_poison = false}>

As in MLIR, ops LLVM has no intrinsic for (tanh, erf, atan, atan2, sinh, cosh, tan, cbrt,
ipowi) are left for `convert-math-to-libm` or an expansion pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialir.conversions.llvm_common import LLVMTypeConverter, OneToOneLowering, llvm_target
from dialir.core.ir.attrs import DenseElementsAttr, FloatAttr
from dialir.core.ir.operation import Operation, Value
from dialir.core.ir.types import Type, VectorType
from dialir.core.passes import Pass, register_pass
from dialir.core.rewrite.conversion import ConversionPattern, apply_partial_conversion
from dialir.dialects import llvm


def _fastmath(op: Operation) -> dict:
    flags = op.fastmath.flags
    return {} if flags == "none" else {"fastmath": flags}


# math op -> the intrinsic of the same operands (and the op's fast-math flags)
_INTRINSICS: dict[str, type] = {
    "math.absf": llvm.FAbsOp, "math.ceil": llvm.CeilOp, "math.copysign": llvm.CopySignOp,
    "math.cos": llvm.CosOp, "math.sin": llvm.SinOp, "math.exp": llvm.ExpOp,
    "math.exp2": llvm.Exp2Op, "math.floor": llvm.FloorOp, "math.fma": llvm.FmaOp,
    "math.log": llvm.LogOp, "math.log10": llvm.Log10Op, "math.log2": llvm.Log2Op,
    "math.powf": llvm.PowOp, "math.round": llvm.RoundOp, "math.roundeven": llvm.RoundEvenOp,
    "math.sqrt": llvm.SqrtOp, "math.trunc": llvm.FTruncOp, "math.fpowi": llvm.PowIOp,
}  # fmt: skip


def _one(t: Type) -> Any:
    """1.0 of a float or float-vector type, as an attribute."""
    if isinstance(t, VectorType):
        return DenseElementsAttr(t, 1.0)
    return FloatAttr(1.0, t)


def _float_one(rewriter: Any, t: Type) -> Value:
    return rewriter.create(llvm.ConstantOp, _one(t), t).res


class RsqrtOpLowering(ConversionPattern):
    """`math.rsqrt %x` -> `1.0 / llvm.intr.sqrt(%x)`, both with the op's flags."""

    root = "math.rsqrt"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        (x,) = operands
        fm = _fastmath(op)
        one = _float_one(rewriter, x.type)
        root = rewriter.create(llvm.SqrtOp, x, **fm).res
        rewriter.replace_op_with(op, llvm.FDivOp(one, root, **fm))
        return True


class ExpM1OpLowering(ConversionPattern):
    """`math.expm1 %x` -> `llvm.intr.exp(%x) - 1.0`."""

    root = "math.expm1"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        (x,) = operands
        fm = _fastmath(op)
        one = _float_one(rewriter, x.type)
        e = rewriter.create(llvm.ExpOp, x, **fm).res
        rewriter.replace_op_with(op, llvm.FSubOp(e, one, **fm))
        return True


class Log1pOpLowering(ConversionPattern):
    """`math.log1p %x` -> `llvm.intr.log(1.0 + %x)`."""

    root = "math.log1p"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        (x,) = operands
        fm = _fastmath(op)
        one = _float_one(rewriter, x.type)
        s = rewriter.create(llvm.FAddOp, one, x, **fm).res
        rewriter.replace_op_with(op, llvm.LogOp(s, **fm))
        return True


class IntCountLowering(ConversionPattern):
    """`math.ctlz`/`math.cttz`/`math.ctpop`/`math.absi` -> the llvm intrinsic, defined for
    every input (`is_zero_poison` / `is_int_min_poison` false, as math's ops are)."""

    _TARGETS = {
        "math.ctlz": llvm.CountLeadingZerosOp, "math.cttz": llvm.CountTrailingZerosOp,
        "math.absi": llvm.AbsOp,
    }  # fmt: skip

    def __init__(self, root: str, converter: LLVMTypeConverter) -> None:
        super().__init__(converter)
        self.root = root

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        rewriter.replace_op_with(op, self._TARGETS[self.root](operands[0], False))
        return True


def populate_math_to_llvm_patterns(converter: LLVMTypeConverter) -> list[ConversionPattern]:
    patterns: list[ConversionPattern] = [
        OneToOneLowering(name, target, _fastmath, False, converter)
        for name, target in _INTRINSICS.items()
    ]
    patterns.append(OneToOneLowering("math.ctpop", llvm.CtPopOp, None, False, converter))
    patterns += [IntCountLowering(name, converter) for name in IntCountLowering._TARGETS]
    patterns += [cls(converter) for cls in (RsqrtOpLowering, ExpM1OpLowering, Log1pOpLowering)]
    return patterns


@register_pass
@dataclass
class ConvertMathToLLVM(Pass):
    name = "convert-math-to-llvm"
    summary = "Convert Math dialect to LLVM dialect"
    dependent_dialects = ("llvm",)

    def run(self, op: Operation) -> None:
        converter = LLVMTypeConverter()
        patterns = populate_math_to_llvm_patterns(converter)
        apply_partial_conversion(op, llvm_target(), patterns, converter)
