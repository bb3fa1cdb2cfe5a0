"""Passes of the toy dialect, one module per pass; importing this registers them."""

from toy_dialect.transforms.toy_fold_transpose import ToyFoldTransposePass

__all__ = ["ToyFoldTransposePass"]
