"""Lowerings between dialects, one package or module per conversion (MLIR's
`Conversion/AToB/`), with MLIR's pass names."""

# Pass name -> the module that registers it, imported when a pipeline first names the pass.
PASSES = {
    "convert-nn-to-affine": "dialir.conversions.nn_to_affine",
    "nn-to-loops": "dialir.conversions.nn_to_affine.pipeline",
}
