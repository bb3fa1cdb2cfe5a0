"""PTX for NVIDIA GPUs: a `gpu.module` lowered to the llvm and nvvm dialects
(convert-gpu-to-nvvm) becomes LLVM IR for `nvptx64-nvidia-cuda`, then PTX through
llvmlite's NVPTX back end (MLIR's NVVM target serialization, `gpu-module-to-binary
format=isa`).

    ptx = gpu_module_to_ptx(module_op, chip="sm_80", features="+ptx76", opt_level=2)
    text = lower_to_ptx(module)        # every gpu.module of a gpu-level module: {name: PTX}

The nvvm ops become calls of their NVVM intrinsics (`llvm.nvvm.read.ptx.sreg.tid.x`,
`llvm.nvvm.barrier0`, `llvm.nvvm.shfl.sync.bfly.f32p`, ...), kernels (`nvvm.kernel`) get
the `!nvvm.annotations` that make them `.entry` points, and `nvvm.reqntid` the
`reqntidx/y/z` annotations. `ptxas` (when installed) assembles the result in the tests.

The passes of MLIR's that serialize device code live here too (they need this back end):
`nvvm-attach-target{chip=sm_90 features=+ptx80 O=3}` adds `#nvvm.target<...>` to every
gpu.module (matching the `module` regex when given); `gpu-module-to-binary` replaces every
gpu.module lowered by convert-gpu-to-nvvm with a `gpu.binary` of the same name, one
`#gpu.object` per target. Formats, as MLIR spells them: `offloading`/`llvm` (the NVPTX LLVM
IR), `assembly`/`isa` (PTX), `binary`/`bin` (a cubin: the PTX assembled by the CUDA
toolkit's `ptxas`) and `fatbinary`/`fatbin` (MLIR's default: cubin and PTX packed by
`fatbinary`, as MLIR's NVPTX serializer does). Without the tool a format needs, the pass
stops with a diagnostic naming it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dialir.core.ir.attrs import (
    UNKNOWN_LOC,
    ArrayAttr,
    DenseArrayAttr,
    DictionaryAttr,
    Location,
    StringAttr,
)
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import Block, Operation, Region
from dialir.core.ir.types import FloatType, IntegerType
from dialir.core.passes import Pass, option, parse_pipeline, register_pass
from dialir.dialects import llvm, nvvm
from dialir.dialects.gpu.attrs import ObjectAttr, SelectObjectAttr
from dialir.dialects.nvvm.attrs import NVVMTargetAttr
from dialir.target.llvmir import translate_to_llvmir
from dialir.target.machine import TargetOptions, compile_llvmir, target_machine

TRIPLE = "nvptx64-nvidia-cuda"
# NVPTX's 64-bit data layout (as clang and MLIR's NVVM target set it).
DATA_LAYOUT = (
    "e-p3:32:32-p4:32:32-p5:32:32-p6:32:32-p7:32:32-i64:64-i128:128-v16:16-v32:32-n16:32:64"
)
I1 = IntegerType(1)
I32 = IntegerType(32)


@dataclass(frozen=True)
class PTXOptions:
    """The `#nvvm.target` parameters code generation uses."""

    chip: str = "sm_80"
    features: str = ""
    opt_level: int = 2

    @classmethod
    def from_target(cls, target: Any) -> PTXOptions:
        if isinstance(target, nvvm.NVVMTargetAttr):
            return cls(target.chip, target.features, target.O)
        return cls()


def _shfl_intrinsic(op: Operation) -> str:
    t = op.val.type
    suffix = "f32" if isinstance(t, FloatType) and t.kind == "f32" else "i32"
    if not (isinstance(t, FloatType) and t.kind == "f32") and t != I32:
        raise DiagnosticError(Diagnostic(
            "error", f"nvvm.shfl.sync of '{t}': only i32 and f32 have NVVM intrinsics",
            op.location))  # fmt: skip
    p = "p" if op.return_value_and_is_valid is not None else ""
    return f"llvm.nvvm.shfl.sync.{op.kind.value}.{suffix}{p}"


def nvvm_to_intrinsic_calls(root: Operation) -> None:
    """Every nvvm op becomes an `llvm.call_intrinsic` of its NVVM intrinsic (what MLIR's
    NVVM-to-LLVM-IR translation interface emits)."""
    for op in [o for o in root.walk() if o.name.startswith("nvvm.")]:
        if isinstance(op, nvvm.ShflSyncOp):
            name = _shfl_intrinsic(op)
        else:
            name = type(op).INTRINSIC
        b = Builder(op.parent, op)
        result = op.results[0].type if op.results else None
        call = b.insert(llvm.CallIntrinsicOp(name, list(op.operands), result,
                                             location=op.location))  # fmt: skip
        op.replace_all_uses_with(list(call.results))
        op.erase()


def _annotations(funcs: list[Operation]) -> str:
    """`!nvvm.annotations`: each kernel is an entry point; reqntid its exact block size."""
    nodes = []
    for f in funcs:
        name = f.get_attr("sym_name").value
        if f.attributes.get("nvvm.kernel") is None:
            continue
        nodes.append(f'!{{ptr @"{name}", !"kernel", i32 1}}')
        sizes = f.attributes.get("nvvm.reqntid")
        if isinstance(sizes, DenseArrayAttr):
            for axis, n in zip("xyz", sizes.values):
                nodes.append(f'!{{ptr @"{name}", !"reqntid{axis}", i32 {n}}}')
    if not nodes:
        return ""
    base = 100000  # clear of the translation's own metadata numbers
    lines = [f"!{base + i} = {n}" for i, n in enumerate(nodes)]
    refs = ", ".join(f"!{base + i}" for i in range(len(nodes)))
    return "\n!nvvm.annotations = !{" + refs + "}\n" + "\n".join(lines) + "\n"


def gpu_module_to_llvmir(gpu_module: Operation) -> str:
    """LLVM IR text of a gpu.module already in the llvm and nvvm dialects."""
    body = gpu_module.regions[0].blocks[0]
    block = Block()
    for op in body.ops:
        if op.name not in ("llvm.func", "llvm.mlir.global"):
            raise DiagnosticError(Diagnostic(
                "error", f"'{op.name}' is left in gpu.module: run convert-gpu-to-nvvm (and the "
                "lowerings before it) first", op.location))  # fmt: skip
        block.append(op.clone())
    module = Operation.create(
        "builtin.module", regions=[Region([block])], location=gpu_module.location
    )
    module.attributes["llvm.target_triple"] = StringAttr(TRIPLE)
    module.attributes["llvm.data_layout"] = StringAttr(DATA_LAYOUT)
    nvvm_to_intrinsic_calls(module)
    funcs = [op for op in block.ops if op.name == "llvm.func"]
    for f in funcs:  # attributes LLVM IR has no place for
        for key in ("gpu.kernel", "nvvm.kernel", "nvvm.reqntid", "dialir.signature"):
            f.attributes.pop(key, None)
    text = translate_to_llvmir(module)
    marks = {op.get_attr("sym_name").value: op for op in body.ops if op.name == "llvm.func"}
    return text + _annotations(list(marks.values()))


# The oldest PTX ISA version (x10) that can target each chip, as LLVM's NVPTX back end
# requires: an older one named in the features makes LLVM end the process (a fatal error).
_MIN_PTX = {
    70: 60, 72: 61, 75: 63, 80: 70, 86: 71, 87: 74, 89: 78, 90: 78, 100: 86, 101: 86,
    103: 88, 120: 87, 121: 88,
}  # fmt: skip


def check_ptx_version(options: PTXOptions, location: Location = UNKNOWN_LOC) -> None:
    """A diagnostic where the chip needs a newer PTX version than the features name."""
    chip = re.fullmatch(r"sm_(\d+)([af]?)", options.chip)
    ptx = re.search(r"\+ptx(\d+)", options.features)
    if chip is None or ptx is None:
        return  # LLVM picks the version (or warns about a chip it does not know)
    sm, suffix = int(chip.group(1)), chip.group(2)
    need = _MIN_PTX.get(sm)
    if need is None:
        return
    if suffix and sm == 90:
        need = 80  # sm_90a
    have = int(ptx.group(1))
    if have < need:
        raise DiagnosticError(Diagnostic(
            "error", f"target chip '{options.chip}' needs PTX ISA {need // 10}.{need % 10} or "
            f"newer, but the features name '+ptx{have}': use '+ptx{need}' (or name no PTX "
            "version)", location))  # fmt: skip


def compile_to_ptx(text: str, options: PTXOptions, location: Location = UNKNOWN_LOC) -> str:
    """PTX assembly from NVPTX LLVM IR (optimized at `options.opt_level` first)."""
    check_ptx_version(options, location)
    target = TargetOptions(TRIPLE, options.chip, options.features, options.opt_level)
    tm = target_machine(target)
    module = compile_llvmir(text, target, tm=tm)
    return tm.emit_assembly(module)


def gpu_module_to_ptx(gpu_module: Operation, options: PTXOptions | None = None) -> str:
    if options is None:
        targets = gpu_module.properties.get("targets")
        options = PTXOptions.from_target(targets[0] if targets else None)
    check_ptx_version(options, gpu_module.location)
    return compile_to_ptx(gpu_module_to_llvmir(gpu_module), options, gpu_module.location)


def ptxas(ptx: str, arch: str) -> str | None:
    """Assemble with `ptxas -arch=<arch>`: None when it succeeds (or is not installed, see
    `have_ptxas`), else its error output."""
    exe = shutil.which("ptxas")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "k.ptx"
        src.write_text(ptx)
        r = subprocess.run([exe, f"-arch={arch}", str(src), "-o", str(Path(d) / "k.cubin")],
                           capture_output=True, text=True)  # fmt: skip
    return None if r.returncode == 0 else r.stderr or r.stdout


def have_ptxas() -> bool:
    return shutil.which("ptxas") is not None


# -- the passes: nvvm-attach-target, gpu-module-to-binary -----------------------------------

# gpu-module-to-binary's `format` values (MLIR's CompilationTarget names and their short
# forms) -> the `#gpu.object` format keyword.
_FORMATS = {"offloading": "offload", "llvm": "offload", "assembly": "assembly",
            "isa": "assembly", "binary": "bin", "bin": "bin", "fatbinary": "fatbin",
            "fatbin": "fatbin"}  # fmt: skip


class ToolMissing(Exception):
    """A CUDA toolkit program a serialization format needs is not installed."""


def _run_tool(args: list[str], what: str) -> None:
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{r.stderr or r.stdout}")


def assemble_cubin(ptx: str, options: PTXOptions, fatbin: bool = False) -> bytes:
    """The cubin `ptxas -arch=<chip>` makes of `ptx` (MLIR's NVPTXSerializer), or with
    `fatbin` the fat binary `fatbinary` packs of that cubin and the PTX."""
    exe = shutil.which("ptxas")
    if exe is None:
        raise ToolMissing("ptxas")
    packer = shutil.which("fatbinary") if fatbin else None
    if fatbin and packer is None:
        raise ToolMissing("fatbinary")
    with tempfile.TemporaryDirectory() as d:
        src, cubin, out = Path(d) / "k.ptx", Path(d) / "k.cubin", Path(d) / "k.fatbin"
        src.write_text(ptx)
        _run_tool([exe, f"-arch={options.chip}", f"--opt-level={min(options.opt_level, 3)}",
                   str(src), "-o", str(cubin)], "ptxas")  # fmt: skip
        if not fatbin:
            return cubin.read_bytes()
        sm = options.chip.removeprefix("sm_")
        _run_tool([packer, "-64", f"--image3=kind=elf,sm={sm},file={cubin}",
                   f"--image3=kind=ptx,sm={sm},file={src}", f"--create={out}"],
                  "fatbinary")  # fmt: skip
        return out.read_bytes()


@register_pass
@dataclass
class NVVMAttachTarget(Pass):
    """MLIR's -nvvm-attach-target."""

    name = "nvvm-attach-target"
    summary = "Attaches an NVVM target attribute to a GPU Module."
    op_name = "builtin.module"
    dependent_dialects = ("nvvm",)
    module: str = option("", "Regex used to identify the modules to attach the target to.")
    triple: str = option("nvptx64-nvidia-cuda", "Target triple.")
    chip: str = option("sm_50", "Target chip.")
    features: str = option("+ptx60", "Target features.")
    O: int = option(2, "Optimization level.")  # noqa: E741 (MLIR's option name)

    def run(self, op: Operation) -> None:
        target = NVVMTargetAttr(self.O, self.triple, self.chip, self.features, DictionaryAttr({}))
        pattern = re.compile(self.module) if self.module else None
        for m in op.regions[0].blocks[0].ops:
            if m.name != "gpu.module":
                continue
            if pattern is not None and not pattern.fullmatch(m.get_attr("sym_name").value):
                continue
            old = m.properties.get("targets")
            targets = list(old) if isinstance(old, ArrayAttr) else []
            if target not in targets:
                m.properties["targets"] = ArrayAttr([*targets, target])


def serialize(module: Operation, fmt: str) -> Operation:
    """The gpu.binary that replaces `module` (compiled for each of its targets); `fmt` is
    a `#gpu.object` format keyword."""
    targets = module.properties.get("targets")
    targets = list(targets) if isinstance(targets, ArrayAttr) and len(targets.value) else [
        NVVMTargetAttr()]  # fmt: skip
    llvm_ir = gpu_module_to_llvmir(module)
    objects = []
    for target in targets:
        if not isinstance(target, NVVMTargetAttr):
            raise DiagnosticError(Diagnostic(
                "error", f"cannot serialize for target {target}: only #nvvm.target is supported",
                module.location))  # fmt: skip
        if fmt == "offload":
            objects.append(ObjectAttr(target, fmt, llvm_ir))
            continue
        options = PTXOptions.from_target(target)
        text = compile_to_ptx(llvm_ir, options)
        if fmt in ("bin", "fatbin"):
            try:
                data = assemble_cubin(text, options, fatbin=fmt == "fatbin")
            except ToolMissing as e:
                raise DiagnosticError(Diagnostic(
                    "error", f"gpu-module-to-binary: format '{fmt}' needs the CUDA toolkit's "
                    f"'{e}', which is not on PATH (format=isa gives PTX without it)",
                    module.location)) from None  # fmt: skip
            except RuntimeError as e:
                raise DiagnosticError(Diagnostic("error", str(e), module.location)) from None
            # Bytes as MLIR keeps them: a string of any bytes (non-UTF-8 ones round-trip).
            text = data.decode("utf-8", "surrogateescape")
        objects.append(ObjectAttr(target, fmt, text))
    binary = Operation.create("gpu.binary", properties={
        "sym_name": module.get_attr("sym_name"), "objects": ArrayAttr(objects),
        "offloadingHandler": SelectObjectAttr(),
    }, location=module.location)  # fmt: skip
    module.parent.insert_before(module, binary)
    module.erase()
    return binary


@register_pass
@dataclass
class GpuModuleToBinary(Pass):
    """MLIR's -gpu-module-to-binary."""

    name = "gpu-module-to-binary"
    summary = "Transforms a GPU module into a GPU binary."
    op_name = "builtin.module"
    dependent_dialects = ("gpu",)
    format: str = option("isa", "The target representation of the compilation process: "
                         "offloading|llvm, assembly|isa (PTX), binary|bin (cubin, needs ptxas), "
                         "fatbinary|fatbin (needs ptxas and fatbinary)")  # fmt: skip

    def run(self, op: Operation) -> None:
        fmt = _FORMATS.get(self.format)
        if fmt is None:
            raise DiagnosticError(Diagnostic(
                "error", f"gpu-module-to-binary: unsupported format '{self.format}' (expected "
                f"one of {', '.join(_FORMATS)})", op.location))  # fmt: skip
        for m in [o for o in op.regions[0].blocks[0].ops if o.name == "gpu.module"]:
            serialize(m, fmt)


# -- the whole lowering: gpu level to PTX -----------------------------------------------------


def gpu_lower_to_nvvm_pipeline() -> str:
    """What `gpu-lower-to-nvvm-pipeline` and `dialir-translate --mlir-to-ptx` run: launches
    outlined into kernels, then each gpu.module's affine and scf code to branches and the
    whole to the llvm and nvvm dialects."""
    return ("builtin.module(gpu-launch-sink-index-computations, gpu-kernel-outlining, "
            "gpu.module(lower-affine, convert-scf-to-cf, convert-gpu-to-nvvm))")  # fmt: skip


@register_pass
@dataclass
class GpuLowerToNVVMPipeline(Pass):
    """MLIR's gpu-lower-to-nvvm-pipeline (device side): kernels outlined and lowered to the
    llvm and nvvm dialects, targets attached, then serialized to `gpu.binary` (PTX)."""

    name = "gpu-lower-to-nvvm-pipeline"
    summary = "The default pipeline lowering gpu code to NVVM and PTX"
    op_name = "builtin.module"
    dependent_dialects = ("gpu", "llvm", "nvvm")
    cubin_chip: str = option("sm_80", "Chip to use to serialize to cubin.")
    cubin_features: str = option("+ptx70", "Features to use to serialize to cubin.")
    opt_level: int = option(2, "Optimization level for NVVM compilation")
    # MLIR's default is fatbin; PTX text here, which needs no CUDA toolkit.
    cubin_format: str = option("isa", "Compilation format to use to serialize to cubin.")

    def run(self, op: Operation) -> None:
        parse_pipeline(gpu_lower_to_nvvm_pipeline()).run(op)
        NVVMAttachTarget(chip=self.cubin_chip, features=self.cubin_features,
                         O=self.opt_level).run(op)  # fmt: skip
        GpuModuleToBinary(format=self.cubin_format).run(op)


def lower_to_ptx(module: Operation, options: PTXOptions | None = None) -> list[tuple[str, str]]:
    """(gpu.module name, PTX) for every gpu.module of a gpu-level module, lowered in place
    with `gpu_lower_to_nvvm_pipeline`. `options` override each module's #nvvm.target."""
    parse_pipeline(gpu_lower_to_nvvm_pipeline()).run(module)
    out = []
    for m in module.regions[0].blocks[0].ops:
        if m.name == "gpu.module":
            out.append((m.get_attr("sym_name").value, gpu_module_to_ptx(m, options)))
    return out


__all__ = [
    "GpuLowerToNVVMPipeline", "GpuModuleToBinary", "NVVMAttachTarget", "DATA_LAYOUT",
    "ToolMissing", "assemble_cubin",
    "gpu_lower_to_nvvm_pipeline", "lower_to_ptx", "serialize", "PTXOptions", "TRIPLE", "compile_to_ptx",
    "gpu_module_to_llvmir", "gpu_module_to_ptx", "have_ptxas", "nvvm_to_intrinsic_calls",
    "ptxas",
]  # fmt: skip
