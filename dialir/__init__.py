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
