"""Passes that stay inside the memref dialect: buffer-reuse (static memory planning;
registered by name in `dialir.dialects.PASSES`)."""
