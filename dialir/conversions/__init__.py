"""Conversions between dialects (MLIR's lib/Conversion): one module per lowering, each
registering its pass under MLIR's name.

This module names them without importing any: a conversion is imported when a pipeline
first names its pass.
"""

# Pass name -> the module that registers it.
PASSES = {
    "lower-affine": "dialir.conversions.affine_to_scf",
    "convert-scf-to-cf": "dialir.conversions.scf_to_cf",
}
