"""Dialect packages: each exposes `DIALECT` from its `__init__.py`.

This module names them (and the passes they define) without importing any: a dialect's
package is imported when IR or a pipeline first uses it.
"""

DIALECTS = ("builtin", "cf", "arith", "math", "func", "memref", "nn", "llvm")

# Pass name -> the module that registers it.
PASSES = {
    "nn-shape-inference": "dialir.dialects.nn.transforms.shape_inference",
    "nn-fold-batchnorm": "dialir.dialects.nn.transforms.fold_batchnorm",
    "nn-fuse-elementwise": "dialir.dialects.nn.transforms.fuse_elementwise",
}
