"""onnx-to-llvm: the default pipeline from an imported ONNX model (nn ops on tensors) to the
llvm dialect, as one registered pass that runs it (MLIR's PassPipelineRegistration):

    builtin.module(
      func.func(canonicalize, nn-fold-batchnorm, nn-fuse-elementwise, canonicalize, cse),
      convert-nn-to-affine{vector-width=<f32 lanes of the target, where given>},
      func.func(<loop-passes>),
      lower-affine, convert-scf-to-cf, canonicalize, cse,
      arith-expand{<small float formats>}, convert-math-to-funcs, convert-math-to-libm,
      convert-to-llvm, reconcile-unrealized-casts)

`onnx_to_llvm_pipeline()` prints it (`dialir-opt --onnx-to-llvm` runs it); `loop-passes`
names the loop transformations to run on the affine loops (none by default); `vector-width`
is the target's vector width in f32 lanes (0 by default: scalar loops, for any target;
`compile_onnx` passes the host's, 16 with AVX-512, for the convolution micro-kernel).
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.operation import Operation
from dialir.core.passes import PassFailure, PassManager, lookup_pass, option, register_pass
from dialir.core.passes.base import Pass

# The float formats LLVM has no type for, computed with integer ops (ONNX's float8/float4).
SMALL_FLOATS = "include-f8 include-f8e8m0 include-f6 include-f4e2m1"
GRAPH_PASSES = ("canonicalize", "nn-fold-batchnorm", "nn-fuse-elementwise", "canonicalize", "cse")


def onnx_to_llvm_pipeline(loop_passes: str = "", graph_passes: bool = True,
                          vector_width: int = 0) -> str:  # fmt: skip
    """The pipeline text, with `loop_passes` (a comma separated list) on each function;
    without the graph-level passes when `graph_passes` is false; convolutions vectorised
    over `vector_width` output channels where it is not 0."""
    graph = f"func.func({','.join(GRAPH_PASSES)})," if graph_passes else ""
    loops = f"func.func({loop_passes})," if loop_passes else ""
    lower = "convert-nn-to-affine" + (f"{{vector-width={vector_width}}}" if vector_width else "")
    return (
        f"builtin.module({graph}{lower},{loops}"
        "lower-affine,convert-scf-to-cf,canonicalize,cse,"
        f"arith-expand{{{SMALL_FLOATS}}},convert-math-to-funcs,convert-math-to-libm,convert-to-llvm,"
        "reconcile-unrealized-casts)"
    )


def missing_passes(pipeline: str) -> list[str]:
    """The pass names in `pipeline` that no module registers (yet)."""
    names = pipeline.replace("(", ",").replace(")", ",").split(",")
    out = []
    for raw in names:
        name = raw.split("{")[0].strip()
        if name and name not in ("builtin.module", "func.func") and lookup_pass(name) is None:
            out.append(name)
    return sorted(set(out))


@register_pass
@dataclass
class OnnxToLLVM(Pass):
    name = "onnx-to-llvm"
    summary = "The default pipeline from an imported ONNX model to the LLVM dialect"
    op_name = "builtin.module"
    dependent_dialects = ("llvm", "memref", "arith", "math", "cf")
    loop_passes: str = option("", "Loop transformations to run on each function's affine loops")
    vector_width: int = option(0, "convert-nn-to-affine's vector-width (f32 lanes; 0: none)")

    def run(self, op: Operation) -> None:
        pipeline = onnx_to_llvm_pipeline(self.loop_passes, vector_width=self.vector_width)
        missing = missing_passes(pipeline)
        if missing:
            raise PassFailure(
                f"onnx-to-llvm needs passes that are not registered: {', '.join(missing)}", op
            )
        PassManager.parse(pipeline).run(op)
