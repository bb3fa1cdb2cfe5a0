"""nn graph passes, one module each: nn-shape-inference, nn-fold-batchnorm,
nn-fuse-elementwise (registered by name in `dialir.dialects.PASSES`)."""
