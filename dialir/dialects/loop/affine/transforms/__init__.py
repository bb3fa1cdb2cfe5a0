"""Passes that stay inside the affine dialect: affine-loop-normalize (registered by name in
`dialir.dialects.PASSES`)."""
