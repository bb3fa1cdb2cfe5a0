"""The math dialect: elementary functions (MLIR's `math`); folded constants become
`arith.constant`s, as in MLIR."""

from dialir.core.ir.dialect import Dialect
from dialir.dialects.arith.ops import materialize_constant
from dialir.dialects.math.ops import (
    OPS,
    AbsFOp,
    AbsIOp,
    Atan2Op,
    AtanOp,
    CbrtOp,
    CeilOp,
    CopySignOp,
    CoshOp,
    CosOp,
    CountLeadingZerosOp,
    CountTrailingZerosOp,
    CtPopOp,
    ErfOp,
    Exp2Op,
    Expm1Op,
    ExpOp,
    FloorOp,
    FmaOp,
    FPowIOp,
    IPowIOp,
    Log1pOp,
    Log2Op,
    Log10Op,
    LogOp,
    PowFOp,
    RoundEvenOp,
    RoundOp,
    RsqrtOp,
    SinhOp,
    SinOp,
    SqrtOp,
    TanhOp,
    TanOp,
    TruncOp,
)

DIALECT = Dialect(
    "math",
    ops=OPS,
    description="Elementary math functions.",
    materialize_constant=materialize_constant,
)

__all__ = [
    "DIALECT", "AbsFOp", "AbsIOp", "AtanOp", "Atan2Op", "CbrtOp", "CeilOp", "CopySignOp",
    "CosOp", "CoshOp", "CountLeadingZerosOp", "CountTrailingZerosOp", "CtPopOp", "ErfOp",
    "Exp2Op", "ExpOp", "Expm1Op", "FloorOp", "FmaOp", "FPowIOp", "IPowIOp", "Log10Op",
    "Log1pOp", "Log2Op", "LogOp", "PowFOp", "RoundEvenOp", "RoundOp", "RsqrtOp", "SinhOp",
    "SinOp", "SqrtOp", "TanhOp", "TanOp", "TruncOp",
]  # fmt: skip
