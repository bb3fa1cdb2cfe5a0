"""Everything a dialect author needs, from one import:

    from dialir.ods import Dialect, Op, operand, result, attribute, SameAs, Pure, ...

Op definitions, constraints, traits, interfaces, parametric types and attributes, patterns
and passes. The modules behind it are in dialir/core.
"""

from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.dialect import Dialect, register_dialect_loader
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.printer import AsmPrinter
from dialir.core.ir.traits import *  # noqa: F403
from dialir.core.ods.asmformat import FormatError
from dialir.core.ods.constraints import *  # noqa: F403
from dialir.core.ods.interfaces import (
    CallableOpInterface,
    CallOpInterface,
    CannotInferResultTypes,
    InferTypeError,
    InferTypeOpInterface,
    LoopLikeOpInterface,
)
from dialir.core.ods.opdef import (
    Op,
    attribute,
    operand,
    opt_operand,
    opt_result,
    region,
    result,
    successor,
    var_operand,
    var_region,
    var_result,
    var_successor,
)
from dialir.core.ods.typedef import Param, ParametricAttr, ParametricType
from dialir.core.passes import Pass, PassFailure, PassManager, option, register_pass
from dialir.core.rewrite.patterns import (
    PatternRewriter,
    RewritePattern,
    apply_patterns_greedily,
    rewrite_pattern,
)
from dialir.parser.asm import AsmParser, BodyParser

__all__ = [
    "AsmParser", "AsmPrinter", "Block", "BodyParser", "CallOpInterface", "CallableOpInterface",
    "CannotInferResultTypes", "Dialect", "FormatError", "InferTypeError", "InferTypeOpInterface",
    "LoopLikeOpInterface", "Op", "Operation", "Param", "ParametricAttr", "ParametricType",
    "Pass", "PassFailure", "PassManager", "PatternRewriter", "Region", "RewritePattern", "Value",
    "VerifyError", "apply_patterns_greedily", "attribute", "operand", "option", "opt_operand",
    "opt_result", "region",
    "register_dialect_loader", "register_pass", "result", "rewrite_pattern", "successor",
    "var_operand", "var_region", "var_result", "var_successor",
]  # fmt: skip
