"""The loop level of the lowering ladder: MLIR's `affine` and `scf` dialects (MLIR's `scf`
was itself called `loop` once), each a dialect package of its own under this one."""
