"""Passes that stay inside the scf dialect: scf-parallel-loop-tiling (registered by name in
`dialir.dialects.PASSES`)."""
