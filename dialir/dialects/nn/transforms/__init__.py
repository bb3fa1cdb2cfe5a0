"""nn graph passes, one module each: nn-shape-inference, nn-fold-batchnorm,
nn-fuse-elementwise (registered through `dialir.core.passes.manager._PASS_MODULES`)."""
