"""Analyses of affine loop nests: memory accesses as integer relations (access.py), integer
constraint systems (presburger.py), dependences between accesses (dependence.py), and the
remarks transformations use to explain a refusal (remarks.py)."""

from dialir.dialects.loop.analysis.access import (
    MemRefAccess,
    collect_accesses,
    enclosing_loops,
    memref_root,
)
from dialir.dialects.loop.analysis.dependence import (
    Dependence,
    DependenceComponent,
    DependenceResult,
    OpaqueEffects,
    banerjee_test,
    check_dependence,
    direction_vector_str,
    gcd_test,
    is_loop_parallel,
    loop_depth,
    nest_dependences,
    num_common_loops,
)
from dialir.dialects.loop.analysis.presburger import IntegerSystem
from dialir.dialects.loop.analysis.remarks import RemarkWarning, emit_remark

__all__ = [
    "Dependence", "DependenceComponent", "DependenceResult", "IntegerSystem", "MemRefAccess",
    "OpaqueEffects", "RemarkWarning", "banerjee_test", "check_dependence", "collect_accesses",
    "direction_vector_str", "emit_remark", "enclosing_loops", "gcd_test", "is_loop_parallel",
    "loop_depth", "memref_root", "nest_dependences", "num_common_loops",
]  # fmt: skip
