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
}  # fmt: skip

# Pass name -> the module that registers it.
PASSES = {
    "nn-shape-inference": "dialir.dialects.nn.transforms.shape_inference",
    "nn-fold-batchnorm": "dialir.dialects.nn.transforms.fold_batchnorm",
    "nn-fuse-elementwise": "dialir.dialects.nn.transforms.fuse_elementwise",
    "affine-loop-normalize": "dialir.dialects.loop.affine.transforms.affine_loop_normalize",
    "gpu-kernel-outlining": "dialir.dialects.gpu.transforms.kernel_outlining",
    "gpu-map-parallel-loops": "dialir.dialects.gpu.transforms.parallel_loop_mapper",
    "gpu-launch-sink-index-computations": "dialir.dialects.gpu.transforms.sink_index_computations",
}
