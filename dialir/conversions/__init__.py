"""Lowerings between dialects, one module per conversion, with MLIR's pass names (DESIGN §2).

This module names the passes without importing any: a conversion's module is imported when a
pipeline first names its pass.
"""

# Pass name -> the module that registers it.
PASSES = {
    "lower-affine": "dialir.conversions.affine_to_scf",
    "convert-scf-to-cf": "dialir.conversions.scf_to_cf",
    "convert-arith-to-llvm": "dialir.conversions.arith_to_llvm",
    "convert-math-to-llvm": "dialir.conversions.math_to_llvm",
    "convert-vector-to-llvm": "dialir.conversions.vector_to_llvm",
    "convert-math-to-libm": "dialir.conversions.math_to_libm",
    "convert-math-to-funcs": "dialir.conversions.math_to_funcs",
    "finalize-memref-to-llvm": "dialir.conversions.memref_to_llvm",
    "convert-func-to-llvm": "dialir.conversions.func_to_llvm",
    "convert-cf-to-llvm": "dialir.conversions.cf_to_llvm",
    "reconcile-unrealized-casts": "dialir.conversions.reconcile",
    "convert-to-llvm": "dialir.conversions.to_llvm",
    "onnx-to-llvm": "dialir.conversions.onnx_to_llvm",
    "convert-nn-to-affine": "dialir.conversions.nn_to_affine",
    "nn-to-loops": "dialir.conversions.nn_to_affine.pipeline",
    "convert-gpu-to-nvvm": "dialir.conversions.gpu_to_nvvm",
    "gpu-emulate-on-cpu": "dialir.conversions.gpu_emulation",
    "gpu-to-llvm": "dialir.conversions.gpu_to_llvm",
    "convert-parallel-loops-to-gpu": "dialir.conversions.parallel_loops_to_gpu",
    "convert-affine-for-to-gpu": "dialir.conversions.affine_to_gpu",
    "nn-to-gpu": "dialir.conversions.nn_to_gpu",
    "convert-affine-matmul-to-gpu": "dialir.conversions.nn_to_gpu",
    # Serializing device code needs the PTX back end: its passes live with it.
    "gpu-module-to-binary": "dialir.target.ptx",
    "nvvm-attach-target": "dialir.target.ptx",
    "gpu-lower-to-nvvm-pipeline": "dialir.target.ptx",
}
