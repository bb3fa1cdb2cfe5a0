"""Dialect packages: each exposes `DIALECT` from its `__init__.py`.

This module names them (and the passes they define) without importing any: a dialect's
package is imported when IR or a pipeline first uses it.
"""

# Dialect name -> the package exposing its `DIALECT`: `dialir.dialects.<name>`, or a package
# further down where dialects are grouped by level (`loop/` holds MLIR's affine and scf).
DIALECTS = {
    **{name: f"dialir.dialects.{name}" for name in ("builtin", "cf", "arith", "math", "func",
                                                    "memref", "nn", "llvm")},
    "affine": "dialir.dialects.loop.affine",
    "scf": "dialir.dialects.loop.scf",
    "gpu": "dialir.dialects.gpu",
    "nvvm": "dialir.dialects.nvvm",
    "vector": "dialir.dialects.vector",
    "irdl": "dialir.dialects.irdl",
}  # fmt: skip

# Pass name -> the module that registers it.
_AFFINE_TRANSFORMS = "dialir.dialects.loop.affine.transforms."

PASSES = {
    "nn-shape-inference": "dialir.dialects.nn.transforms.shape_inference",
    "nn-fold-batchnorm": "dialir.dialects.nn.transforms.fold_batchnorm",
    "nn-fuse-elementwise": "dialir.dialects.nn.transforms.fuse_elementwise",
    "affine-loop-normalize": "dialir.dialects.loop.affine.transforms.affine_loop_normalize",
    "affine-loop-tile": _AFFINE_TRANSFORMS + "affine_loop_tile",
    "affine-loop-unroll": _AFFINE_TRANSFORMS + "affine_loop_unroll",
    "affine-parallelize": _AFFINE_TRANSFORMS + "affine_parallelize",
    "affine-loop-interchange": _AFFINE_TRANSFORMS + "affine_loop_interchange",
    "affine-loop-invariant-code-motion": _AFFINE_TRANSFORMS + "affine_loop_invariant_code_motion",
    "affine-loop-coalescing": _AFFINE_TRANSFORMS + "affine_loop_coalescing",
    "scf-parallel-loop-tiling": "dialir.dialects.loop.scf.transforms.scf_parallel_loop_tiling",
    "affine-loop-unroll-jam": _AFFINE_TRANSFORMS + "affine_loop_unroll_jam",
    "test-memref-dependence-check": _AFFINE_TRANSFORMS + "test_memref_dependence_check",
    "test-affine-dependence-check": _AFFINE_TRANSFORMS + "test_memref_dependence_check",
    "affine-data-copy-generate": "dialir.dialects.loop.affine.transforms.affine_data_copy",
    "affine-loop-fusion": "dialir.dialects.loop.affine.transforms.affine_loop_fusion",
    "affine-scalrep": "dialir.dialects.loop.affine.transforms.affine_scalrep",
    "buffer-reuse": "dialir.dialects.memref.transforms.buffer_reuse",
    "arith-expand": "dialir.dialects.arith.transforms.expand",
    "gpu-kernel-outlining": "dialir.dialects.gpu.transforms.kernel_outlining",
    "gpu-all-reduce-lowering": "dialir.dialects.gpu.transforms.all_reduce_lowering",
    "gpu-map-parallel-loops": "dialir.dialects.gpu.transforms.parallel_loop_mapper",
    "gpu-launch-sink-index-computations": "dialir.dialects.gpu.transforms.sink_index_computations",
}
