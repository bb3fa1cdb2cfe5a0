"""The ONNX front end: `import_model` turns an ONNX model into a module of `nn` ops, and
`backend` runs models through dialir as an `onnx.backend.base.Backend`.

    from dialir.frontends.onnx import import_model
    module = import_model("model.onnx")   # or the model's bytes, or an onnx.ModelProto
"""

from dialir.frontends.onnx.importer import MIN_OPSET, import_model, max_opset
from dialir.frontends.onnx.loader import OnnxImportError

__all__ = ["MIN_OPSET", "OnnxImportError", "import_model", "max_opset"]
