# ruff: noqa: F821  (lit injects `config` and `lit_config`)
"""lit configuration: RUN lines call the installed dialir tools and the Python filecheck."""

import os
import shutil
import sys

import lit.formats

config.name = "dialir"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.excludes = ["Inputs", "lit.cfg.py"]

for tool in ("dialir-opt", "dialir-translate", "dialir-run", "filecheck"):
    if shutil.which(tool) is None:
        lit_config.fatal(f"'{tool}' not found on PATH: install dialir with its test extra first")

config.environment["PATH"] = os.environ["PATH"]
# `// REQUIRES: ptxas`: tests that assemble PTX with the CUDA toolkit's ptxas.
if shutil.which("ptxas") is not None:
    config.available_features.add("ptxas")
for var in ("HOME", "XDG_CACHE_HOME", "PYTHONPATH"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
# The Python that runs lit (the venv's): test scripts that build inputs, e.g. ONNX models.
config.substitutions.append(("%python", sys.executable))
# Print generic, reparse, print again: every dialect test checks its round trip with it. A
# test whose input needs flags gives them to both tools (lit's REDEFINE; this order expands
# %roundtrip first, then the flags it names):
#   // REDEFINE: %{roundtrip-flags} = --split-input-file --allow-unregistered-dialect
config.substitutions.append(
    (
        "%roundtrip",
        "dialir-opt %s %{roundtrip-flags} --mlir-print-op-generic | dialir-opt %{roundtrip-flags}",
    )
)
config.substitutions.append(("%{roundtrip-flags}", ""))
