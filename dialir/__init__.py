"""dialir: an MLIR-style compiler IR framework in Python.

Importing dialir registers the dialects and passes that ship with it, by name and module only
(as mlir-opt's registerAllDialects/registerAllPasses): nothing is imported until IR or a
pipeline names it. The public API is in `dialir.ir` and `dialir.ods`.
"""

from dialir import conversions, dialects, transforms
from dialir.core.ir.dialect import register_dialect_loader
from dialir.core.passes.registry import register_pass_module

for _name, _module in dialects.DIALECTS.items():
    register_dialect_loader(_name, _module)
for _passes in (transforms.PASSES, dialects.PASSES, conversions.PASSES):
    for _pass, _module in _passes.items():
        register_pass_module(_pass, _module)


def __getattr__(name: str):
    """`dialir.compile_onnx` and `dialir.load_irdl`: imported on first use (compile_onnx
    loads onnx, llvmlite and the lowering pipeline, which `import dialir` alone should not
    pay for)."""
    if name == "compile_onnx":
        # Lazy: see the docstring.
        from dialir.frontends.onnx.compiled_model import compile_onnx

        return compile_onnx
    if name == "load_irdl":
        # Lazy: only programs that load IRDL pay for the irdl dialect.
        from dialir.dialects.irdl.loading import load_irdl

        return load_irdl
    raise AttributeError(f"module 'dialir' has no attribute '{name}'")
