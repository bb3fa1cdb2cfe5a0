"""convert-to-llvm: every conversion to llvm in one dialect conversion (MLIR's
ConvertToLLVMPass): func, cf, arith, math, memref and vector ops with one type converter, so the
casts between the type systems cancel inside the conversion and none is left when everything
converts. Ops no pattern handles stay, as in the separate passes."""

from __future__ import annotations

from dataclasses import dataclass

from dialir.conversions.arith_to_llvm import populate_arith_to_llvm_patterns
from dialir.conversions.cf_to_llvm import populate_cf_to_llvm_patterns
from dialir.conversions.func_to_llvm import populate_func_to_llvm_patterns
from dialir.conversions.llvm_common import LLVMTypeConverter, llvm_target
from dialir.conversions.math_to_llvm import populate_math_to_llvm_patterns
from dialir.conversions.memref_to_llvm import populate_memref_to_llvm_patterns
from dialir.conversions.vector_to_llvm import populate_vector_to_llvm_patterns
from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, option, register_pass
from dialir.core.rewrite.conversion import apply_partial_conversion


def populate_to_llvm_patterns(converter: LLVMTypeConverter, use_aligned_alloc: bool = False
                              ) -> list:  # fmt: skip
    return [
        *populate_func_to_llvm_patterns(converter),
        *populate_cf_to_llvm_patterns(converter),
        *populate_arith_to_llvm_patterns(converter),
        *populate_math_to_llvm_patterns(converter),
        *populate_memref_to_llvm_patterns(converter, use_aligned_alloc),
        *populate_vector_to_llvm_patterns(converter),
    ]


@register_pass
@dataclass
class ConvertToLLVM(Pass):
    name = "convert-to-llvm"
    summary = "Convert to LLVM via dialect interfaces found in the input IR"
    dependent_dialects = ("llvm",)
    index_bitwidth: int = option(64, "Bitwidth of the index type")
    use_aligned_alloc: bool = option(
        False, "Use aligned_alloc in place of malloc for heap allocations"
    )

    def run(self, op: Operation) -> None:
        converter = LLVMTypeConverter(self.index_bitwidth)
        patterns = populate_to_llvm_patterns(converter, self.use_aligned_alloc)
        apply_partial_conversion(op, llvm_target(), patterns, converter)
