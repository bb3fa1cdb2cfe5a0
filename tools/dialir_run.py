"""dialir-run: execute a model or an MLIR function on numpy inputs.

    dialir-run model.onnx --inputs in.npz --output out.npz [--print] [--print-timing]
    dialir-run file.mlir --entry main --inputs in.npz --print [--pass-pipeline TEXT]
    dialir-run --interpret file.mlir --function main --inputs in.npz --print

By default the function is compiled to native code: the module is lowered by the
`onnx-to-llvm` pipeline (or `--pass-pipeline`; it lowers whatever level the input is at:
nn on tensors, affine/scf/memref loops, cf), translated to LLVM IR, optimised at `-O`
(default 3) and JIT-compiled for the host CPU by llvmlite (cached on disk, see
`dialir.execution.jit`). `--interpret` runs the reference interpreter
(`dialir.execution.interpreter`) instead. `--repeat N` runs N times (`--print-timing` then
gives the median). An `.onnx` file goes through the ONNX importer, anything else is parsed
as MLIR text and verified.

Inputs come from an `.npz` file, matched to the function's arguments by name (the argument's
`onnx.name` attribute, else its SSA name in MLIR text: `x` for `%x`; `arg0`, `arg1`... always
work) or by position (the `arr_0`, `arr_1`... keys `numpy.savez` gives unnamed arrays). Outputs are written to an `.npz` whose keys are the
result names (`onnx.name` result attributes, else `result0`, `result1`...); `--print` prints
them. Every error is one diagnostic (`file:line:col: error: ...` with the line and a caret
for MLIR input), never a traceback; the exit status is 1 on any error, 0 otherwise.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import time
import zipfile

import numpy as np
from dialir_tools.output import write_output

from dialir.core.ir.attrs import UNKNOWN_LOC
from dialir.core.ir.deep import call_with_deep_stack
from dialir.core.ir.diagnostics import (
    Diagnostic,
    DiagnosticError,
    SourceManager,
    file_location,
    internal_error,
)
from dialir.core.ir.verifier import verify
from dialir.execution.interpreter import Interpreter, arg_names, result_names
from dialir.parser.parser import parse


class UsageError(Exception):
    """A problem with the command line or the inputs file: one `error:` line."""


def build_arg_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="dialir-run", description="Run an ONNX model or an MLIR function on numpy inputs."
    )
    ap.add_argument("input", help="an ONNX model (.onnx) or MLIR text (.mlir, '-' for stdin)")
    ap.add_argument(
        "--interpret",
        action="store_true",
        help="run on the reference interpreter (numpy, op by op)",
    )
    ap.add_argument(
        "--inputs", metavar="FILE.npz", default=None, help="the arguments, by name or position"
    )
    ap.add_argument(
        "--output", metavar="FILE.npz", default=None, help="write the results here, by name"
    )
    ap.add_argument("--function", "--entry", "-e", dest="function", default="main",
                    help="the function to run (default: main)")  # fmt: skip
    ap.add_argument(
        "--target", choices=("cpu", "gpu"), default=None,
        help="gpu: kernels on an NVIDIA GPU through the CUDA driver (host code interpreted; an "
        "nn model is lowered with nn-to-gpu first)",
    )  # fmt: skip
    ap.add_argument("--print", action="store_true", help="print the results")
    ap.add_argument("--pass-pipeline", metavar="TEXT", default=None,
                    help="the lowering to the llvm dialect (default: onnx-to-llvm)")  # fmt: skip
    ap.add_argument("-O", dest="opt_level", type=int, choices=range(4), default=3,
                    metavar="{0,1,2,3}", help="LLVM optimisation level (default: 3)")  # fmt: skip
    ap.add_argument("--repeat", type=_positive, default=1, metavar="N",
                    help="run N times (the results are the last run's)")  # fmt: skip
    ap.add_argument("--print-timing", action="store_true",
                    help="print compile phases and the run time (median of --repeat) to stderr")  # fmt: skip
    return ap


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got '{text}'")
    return n


def main(argv: list[str] | None = None) -> int:
    # In a thread with a deep stack: 10,000 nested regions, attributes or types work.
    return call_with_deep_stack(_main, argv)


def _main(argv: list[str] | None) -> int:
    args = build_arg_parser().parse_args(argv)
    if args.interpret and args.pass_pipeline is not None:
        print("dialir-run: error: --pass-pipeline lowers for native code; it does not apply "
              "to --interpret", file=sys.stderr)  # fmt: skip
        return 1
    sources = SourceManager()
    name = "<stdin>" if args.input == "-" else args.input
    try:
        start = time.perf_counter()
        module = _load(args.input, name, sources)
        loaded = time.perf_counter() - start
        if args.target == "gpu":
            func, call = _gpu(module, args)
            inputs = _read_inputs(args.inputs, func)
            names, types = _output_names(func), func.get_attr("function_type").value.results
            phases = {}
        elif args.interpret:
            interp = Interpreter(module)
            func = interp.function(args.function)
            inputs = _read_inputs(args.inputs, func)
            names, types = _output_names(func), func.get_attr("function_type").value.results
            call, phases = lambda inputs: interp.run(args.function, inputs), {}
        else:
            func = _native_entry(module, args.function)
            inputs = _read_inputs(args.inputs, func)  # names as written, before lowering
            names, types = _output_names(func), func.get_attr("function_type").value.results
            call, phases = _compile(module, args)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            results = call(inputs)
            times.append(time.perf_counter() - start)
        named = dict(zip(names, results))
        if args.print_timing:
            _print_timing({"load": loaded, **phases}, times)
        if args.output is not None:
            _write_outputs(args.output, named)
        if args.print:
            _print_results(types, named)
    except BrokenPipeError:  # `dialir-run ... --print | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except UsageError as e:
        print(f"dialir-run: error: {e}", file=sys.stderr)
        return 1
    except DiagnosticError as e:
        for d in e.diagnostics:
            print(render(d, sources), file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - a bug, but the user gets a diagnostic, no traceback
        if os.environ.get("DIALIR_TRACEBACK"):
            raise
        print(render(internal_error(e, name), sources), file=sys.stderr)
        return 1
    return 0


def _native_entry(module, name: str):
    """The func.func @name the native path compiles and calls."""
    ops = module.regions[0].blocks[0].ops
    func = next((op for op in ops
                 if op.name == "func.func" and op.get_attr("sym_name").value == name),
                None)  # fmt: skip
    if func is None:
        lowered = any(op.name == "llvm.func" for op in ops)
        raise UsageError(
            f"no func.func @{name} in the module"
            + (" (dialir-run lowers a module itself: give it the module before "
               "convert-to-llvm, or use --interpret)" if lowered else "")
        )  # fmt: skip
    if not func.regions[0].blocks:
        raise UsageError(f"@{name} is a declaration: it has no body to run")
    return func


def _compile(module, args):
    """(a callable running the entry's native code on a list of arrays, compile phases)."""
    from dialir.frontends.onnx.compiled_model import (  # llvmlite: only when compiling
        PipelineUnavailableError,
        compile_module,
    )

    try:
        compiled = compile_module(module, args.pass_pipeline, args.opt_level,
                                  entry=args.function)  # fmt: skip
    except PipelineUnavailableError as e:
        raise UsageError(str(e)) from None

    from dialir.execution.jit import JitError  # llvmlite: only when compiling

    def call(inputs):
        try:
            return compiled.call(*inputs)
        except JitError as e:  # the code aborted (a failed cf.assert)
            raise UsageError(str(e)) from None
        except (TypeError, ValueError) as e:  # the arrays do not fit the signature
            raise UsageError(f"{args.inputs}: {e}") from None

    timings = compiled.engine.timings
    phases = {"lower": timings.extra.get("lower", 0.0), "translate": timings.translate,
              "llvm-parse": timings.parse, "llvm-optimize": timings.optimize,
              "codegen": timings.codegen, "load-object": timings.extra.get("load", 0.0)}  # fmt: skip
    if timings.extra.get("cache_hit"):
        phases["cache"] = "hit"
    return call, phases


def _print_timing(phases: dict, times: list[float]) -> None:
    parts = [f"{k} {v * 1e3:.1f} ms" if isinstance(v, float) else f"{k} {v}"
             for k, v in phases.items()]  # fmt: skip
    print("dialir-run: " + ", ".join(parts), file=sys.stderr)
    median = statistics.median(times)
    print(f"dialir-run: run {median * 1e3:.3f} ms (median of {len(times)}, min "
          f"{min(times) * 1e3:.3f} ms)", file=sys.stderr)  # fmt: skip


def _gpu(module, args):
    """--target=gpu: (the entry, a callable running the host code in the interpreter and the
    kernels on the GPU through dialir.execution.cuda); a clear error without a GPU."""
    from dialir.execution.cuda import CudaDriver, GPUUnavailable, run_on_gpu  # (GPU path only)

    try:
        driver = CudaDriver.load()
    except GPUUnavailable as e:
        raise UsageError(f"--target=gpu: {e}") from None
    if any(op.name.startswith("nn.") for op in module.walk()):
        from dialir.core.passes import parse_pipeline  # (GPU path only)

        parse_pipeline("builtin.module(nn-to-gpu)").run(module)
    func = Interpreter(module).function(args.function)
    return func, lambda inputs: run_on_gpu(module, args.function, inputs, driver)


def _load(path: str, name: str, sources: SourceManager):
    if path.endswith(".onnx"):
        from dialir.frontends.onnx import import_model  # onnx is heavy: only for .onnx inputs

        if not os.path.isfile(path):
            raise UsageError(f"could not open input file '{path}'")
        return import_model(path, name=name)
    try:
        text = sys.stdin.read() if path == "-" else _read(path)
    except OSError as e:
        raise UsageError(f"could not open input file '{path}': {e.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"input file '{path}' is not valid UTF-8") from None
    sources.add(name, text)
    module = parse(text, name)
    verify(module)
    return module


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


# -- inputs and outputs --------------------------------------------------------------------

_POSITIONAL = re.compile(r"arr_(\d+)")


def _read_inputs(path: str | None, func) -> list:
    """The arguments of `func` from the .npz at `path`, in order."""
    n = len(func.get_attr("function_type").value.inputs)
    if path is None:
        if n:
            raise UsageError(
                f"@{_func_name(func)} takes {n} argument{'s' if n != 1 else ''}: "
                f"pass {'it' if n == 1 else 'them'} with --inputs FILE.npz"
            )
        return []
    arrays = _load_npz(path)
    names = [name or _ssa_name(func, i) or f"arg{i}" for i, name in enumerate(arg_names(func))]
    keys = list(arrays)
    if keys and all(_POSITIONAL.fullmatch(k) for k in keys) and not set(keys) & set(names):
        by_position = {int(_POSITIONAL.fullmatch(k).group(1)): k for k in keys}
        order = [by_position.get(i) for i in range(n)]
        extra = sorted(k for pos, k in by_position.items() if pos >= n)
        missing = [f"#{i} ('{names[i]}')" for i, k in enumerate(order) if k is None]
        if missing or extra:
            raise UsageError(_mismatch_text(path, func, missing, extra))
        return [arrays[k] for k in order]
    fallback = [f"arg{i}" for i in range(n)]  # arg<i> always names argument i
    picked, used = [], set()
    missing = []
    for name, alt in zip(names, fallback):
        key = name if name in arrays else alt if alt in arrays else None
        if key is None:
            missing.append(f"'{name}'")
        else:
            used.add(key)
            picked.append(arrays[key])
    extra = sorted(k for k in keys if k not in used)
    if missing or extra:
        raise UsageError(_mismatch_text(path, func, missing, extra))
    return picked


def _ssa_name(func, i: int) -> str | None:
    """The name an MLIR function's argument has in the text (`x` for `%x`), if any."""
    blocks = func.regions[0].blocks if func.regions else []
    if not blocks or i >= len(blocks[0].args):
        return None
    hint = blocks[0].args[i].name_hint
    return hint if hint and not hint.isdigit() else None


def _mismatch_text(path: str, func, missing: list[str], extra: list[str]) -> str:
    parts = []
    if missing:
        parts.append(f"no input for argument{'s' if len(missing) > 1 else ''} "
                     f"{', '.join(missing)}")  # fmt: skip
    if extra:
        parts.append(f"{'inputs' if len(extra) > 1 else 'input'} "
                     f"{', '.join(repr(k) for k in extra)} "
                     f"{'match' if len(extra) > 1 else 'matches'} no argument")  # fmt: skip
    return f"{path}: {'; '.join(parts)} of @{_func_name(func)}"


def _load_npz(path: str) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            if not isinstance(data, np.lib.npyio.NpzFile):
                raise UsageError(f"'{path}' is a single .npy array, not an .npz archive")
            return {k: data[k] for k in data.files}
    except UsageError:
        raise
    except FileNotFoundError:
        raise UsageError(f"could not open inputs file '{path}'") from None
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as e:
        raise UsageError(f"could not read inputs file '{path}': {e}") from None


def _func_name(func) -> str:
    return func.get_attr("sym_name").value


def _output_names(func) -> list[str]:
    names, seen = [], set()
    for i, name in enumerate(result_names(func)):
        key = name if name and name not in seen else f"result{i}"
        seen.add(key)
        names.append(key)
    return names


def _write_outputs(path: str, named: dict[str, np.ndarray]) -> None:
    arrays = {k: v for k, v in named.items() if isinstance(v, np.ndarray)}
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    try:
        write_output(path, buf.getvalue())
    except OSError as e:
        raise UsageError(f"could not write output file '{path}': {e.strerror}") from None


def _print_results(types, named: dict[str, np.ndarray]) -> None:
    for (name, value), t in zip(named.items(), types):
        print(f"{name}: {t}")
        if isinstance(value, np.ndarray):
            print(np.array2string(value, separator=", ", threshold=1000))
        else:
            print(value)


# -- diagnostics ---------------------------------------------------------------------------


def render(d: Diagnostic, sources: SourceManager) -> str:
    """A diagnostic as text: through the source manager for MLIR text; a whole-file problem
    of a binary input (line 0) reads `file: error: message`."""
    pos = file_location(d.location)
    if pos is not None and pos.line == 0:
        lines = [f"{pos.filename}: {d.severity}: {d.message}"]
        lines.extend(render(n, sources) for n in d.notes)
        return "\n".join(lines)
    if d.location is UNKNOWN_LOC:
        lines = [f"{d.severity}: {d.message}"]
        lines.extend(render(n, sources) for n in d.notes)
        return "\n".join(lines)
    return sources.render(d)


if __name__ == "__main__":
    sys.exit(main())
