"""convert-math-to-libm: math ops that LLVM has no intrinsic for become calls of the C
math library (MLIR's MathToLibm), on f32 (`tanhf`) and f64 (`tanh`) scalars:

    %y = math.tanh %x : f32  ->  %y = func.call @tanhf(%x) : (f32) -> f32
                                 func.func private @tanhf(f32) -> f32   (declared once)

Vectors and other element types stay (MLIR unrolls vectors first).
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.attrs import StringAttr, SymbolRefAttr, TypeAttr
from dialir.core.ir.operation import Block, Operation
from dialir.core.ir.types import FloatType, FunctionType
from dialir.core.passes import Pass, register_pass

# math op -> the libm function for f64 (its f32 version adds `f`)
LIBM: dict[str, str] = {
    "math.tanh": "tanh", "math.erf": "erf", "math.atan": "atan", "math.atan2": "atan2",
    "math.sinh": "sinh", "math.cosh": "cosh", "math.tan": "tan", "math.cbrt": "cbrt",
    "math.expm1": "expm1", "math.log1p": "log1p",
}  # fmt: skip
_NAMES = {"f32": lambda n: n + "f", "f64": lambda n: n}


def _declare(body: Block, declared: dict[str, Operation], name: str, ftype: FunctionType) -> None:
    if name in declared:
        return
    decl = Operation.create(
        "func.func", properties={"sym_name": StringAttr(name), "function_type": TypeAttr(ftype),
                                 "sym_visibility": StringAttr("private")},
        regions=1,
    )  # fmt: skip
    first = body.first
    if first is None:
        body.append(decl)
    else:
        body.insert_before(first, decl)
    declared[name] = decl


@register_pass
@dataclass
class ConvertMathToLibm(Pass):
    name = "convert-math-to-libm"
    summary = "Convert Math dialect to libm calls"
    op_name = "builtin.module"
    dependent_dialects = ("func",)

    def run(self, op: Operation) -> None:
        if not op.regions[0].blocks:  # an empty module: nothing to convert
            return
        body = op.regions[0].blocks[0]
        declared = {
            o.get_attr("sym_name").value: o for o in body.ops if o.get_attr("sym_name") is not None
        }  # fmt: skip
        targets = [o for o in op.walk() if o.name in LIBM]
        for m in targets:
            t = m.results[0].type
            if not isinstance(t, FloatType) or t.kind not in _NAMES:
                continue
            name = _NAMES[t.kind](LIBM[m.name])
            ftype = FunctionType([t] * len(m.operands), [t])
            _declare(body, declared, name, ftype)
            call = Operation.create(
                "func.call", list(m.operands), [t],
                properties={"callee": SymbolRefAttr(name)}, location=m.location,
            )  # fmt: skip
            m.parent.insert_before(m, call)
            m.results[0].replace_all_uses_with(call.results[0])
            m.erase()
        if not targets:
            self.mark_all_analyses_preserved()
