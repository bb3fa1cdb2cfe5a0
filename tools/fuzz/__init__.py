"""Fuzzing campaigns for dialir: `python -m dialir_tools.fuzz text|onnx ...` (see README)."""
