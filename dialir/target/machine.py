"""LLVM IR text to optimized modules, object code and assembly, through llvmlite.

    options = TargetOptions.host(opt_level=3)      # host triple, CPU and its features
    module, timings = compile_llvmir(text, options)  # parse + verify, then optimize
    obj = emit_object(module, options)

By default the target is the host: its triple, its CPU name (`icelake-server`) and its
feature string, so AVX-512 is used where the machine has it. Timings of each phase (parse,
optimize, codegen) are recorded in a `CompileTimings`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import llvmlite.binding as llvm

from dialir.core.ir.attrs import UNKNOWN_LOC, Location
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError

_INIT = threading.Lock()
_INITIALIZED = False


def _initialize() -> None:
    """Initialize llvmlite's targets once (all of them: `--target-triple` may name any)."""
    global _INITIALIZED
    with _INIT:
        if _INITIALIZED:
            return
        llvm.initialize_all_targets()
        llvm.initialize_all_asmprinters()
        _INITIALIZED = True


@dataclass(frozen=True)
class TargetOptions:
    """What to compile for, and how hard to optimize (0-3)."""

    triple: str
    cpu: str = ""
    features: str = ""
    opt_level: int = 2

    @classmethod
    def host(cls, opt_level: int = 2, cpu: str | None = None,
             features: str | None = None, triple: str | None = None) -> TargetOptions:  # fmt: skip
        """The host machine (or `triple`); a CPU and features given override the host's
        (on another triple, they default to generic ones)."""
        _initialize()
        host = (triple is None or triple == llvm.get_process_triple()) and cpu is None
        if cpu is None:
            cpu = llvm.get_host_cpu_name() if host else ""
        if features is None:
            # The host's features go with the host CPU only: a CPU named brings its own.
            features = llvm.get_host_cpu_features().flatten() if host else ""
        return cls(triple or llvm.get_process_triple(), cpu, features, opt_level)

    def key(self) -> str:
        """What distinguishes compiled code for these options (for caches)."""
        return f"{self.triple}|{self.cpu}|{self.features}|O{self.opt_level}"


def f32_lanes(options: TargetOptions) -> int:
    """f32 lanes of the widest vector registers the target's features give: 16 with
    AVX-512, 8 with AVX, 4 otherwise (SSE, NEON)."""
    features = set(options.features.split(","))
    if "+avx512f" in features:
        return 16
    if "+avx" in features:
        return 8
    return 4


@dataclass
class CompileTimings:
    """Seconds spent in each compile phase."""

    translate: float = 0.0
    parse: float = 0.0
    optimize: float = 0.0
    codegen: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def total(self) -> float:
        return self.translate + self.parse + self.optimize + self.codegen

    def as_dict(self) -> dict[str, float]:
        return {
            "translate": self.translate, "parse": self.parse, "optimize": self.optimize,
            "codegen": self.codegen, "total": self.total, **self.extra,
        }  # fmt: skip


class LLVMError(DiagnosticError):
    """LLVM rejected the IR (a translation bug, or IR that verifies here but not in LLVM)."""

    def __init__(self, message: str, location: Location = UNKNOWN_LOC) -> None:
        super().__init__(Diagnostic("error", message, location))


def target_machine(options: TargetOptions, jit: bool = False) -> llvm.TargetMachine:
    _initialize()
    try:
        target = llvm.Target.from_triple(options.triple)
    except RuntimeError as e:
        raise LLVMError(f"unknown target triple '{options.triple}': {e}") from None
    # Codegen at -O0 for -O0 only: the IR optimizer did the rest.
    codegen_opt = min(max(options.opt_level, 0), 3)
    return target.create_target_machine(
        cpu=options.cpu, features=options.features, opt=codegen_opt, reloc="pic" if not jit
        else "default", codemodel="jitdefault" if jit else "default", jit=jit,
    )  # fmt: skip


def parse_llvmir(text: str, location: Location = UNKNOWN_LOC) -> llvm.ModuleRef:
    """Parse and verify LLVM IR text; an LLVMError (a diagnostic) when LLVM rejects it."""
    _initialize()
    try:
        module = llvm.parse_assembly(text)
        module.verify()
    except RuntimeError as e:
        raise LLVMError(f"LLVM rejected the translated IR: {str(e).strip()}", location) from None
    return module


def optimize(module: llvm.ModuleRef, tm: llvm.TargetMachine, opt_level: int) -> None:
    """LLVM's default pipeline for `opt_level` (with loop and SLP vectorization from -O2)."""
    if opt_level <= 0:
        return
    pto = llvm.create_pipeline_tuning_options(speed_level=opt_level)
    pto.loop_vectorization = opt_level >= 2
    pto.slp_vectorization = opt_level >= 2
    pto.loop_unrolling = opt_level >= 2
    pb = llvm.create_pass_builder(tm, pto)
    pm = pb.getModulePassManager()
    pm.run(module, pb)


def compile_llvmir(
    text: str, options: TargetOptions, timings: CompileTimings | None = None,
    tm: llvm.TargetMachine | None = None,
) -> llvm.ModuleRef:  # fmt: skip
    """Parse, verify and optimize LLVM IR for `options`; phases timed into `timings`."""
    timings = timings if timings is not None else CompileTimings()
    tm = tm or target_machine(options)
    start = time.perf_counter()
    module = parse_llvmir(text)
    module.triple = options.triple
    module.data_layout = str(tm.target_data)
    timings.parse += time.perf_counter() - start
    start = time.perf_counter()
    optimize(module, tm, options.opt_level)
    timings.optimize += time.perf_counter() - start
    return module


def emit_object(module: llvm.ModuleRef, tm: llvm.TargetMachine,
                timings: CompileTimings | None = None) -> bytes:  # fmt: skip
    start = time.perf_counter()
    data = tm.emit_object(module)
    if timings is not None:
        timings.codegen += time.perf_counter() - start
    return data


def emit_assembly(module: llvm.ModuleRef, tm: llvm.TargetMachine,
                  timings: CompileTimings | None = None) -> str:  # fmt: skip
    start = time.perf_counter()
    text = tm.emit_assembly(module)
    if timings is not None:
        timings.codegen += time.perf_counter() - start
    return text


__all__ = [
    "CompileTimings", "LLVMError", "TargetOptions", "compile_llvmir", "emit_assembly",
    "emit_object", "optimize", "parse_llvmir", "target_machine",
]  # fmt: skip
