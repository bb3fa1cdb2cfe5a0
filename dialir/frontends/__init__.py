"""Front ends: translations from other model formats into dialir IR (ONNX today)."""
