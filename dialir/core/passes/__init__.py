"""The pass infrastructure: passes and their options (base), the registry, MLIR's pipeline
text (pipeline), the PassManager (manager), instrumentation and the crash reproducer."""

from dialir.core.passes.base import (
    PIPELINE_BUFFER,
    Pass,
    PassFailure,
    PassOption,
    PassPipelineError,
    PipelineError,
    option,
    pass_options,
    pass_statistics,
)
from dialir.core.passes.instrumentation import IRPrinter, PassInstrumentation, PassTiming
from dialir.core.passes.manager import PassManager, parse_pipeline
from dialir.core.passes.registry import (
    PassLoadError,
    lookup_pass,
    pass_names,
    register_pass,
    register_pass_module,
    registered_passes,
)
from dialir.core.passes.reproducer import CrashReproducer, reproducer_configuration

__all__ = [
    "PIPELINE_BUFFER",
    "CrashReproducer", "IRPrinter", "Pass", "PassFailure", "PassInstrumentation",
    "PassLoadError", "PassManager", "PassOption", "PassPipelineError", "PassTiming",
    "PipelineError", "lookup_pass", "option", "parse_pipeline", "pass_names", "pass_options",
    "pass_statistics", "register_pass", "register_pass_module", "registered_passes",
    "reproducer_configuration",
]  # fmt: skip
