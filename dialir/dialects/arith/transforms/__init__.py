"""Passes that stay inside the arith dialect, one module per pass."""
