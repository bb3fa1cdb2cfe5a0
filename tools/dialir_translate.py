"""dialir-translate: between MLIR text and other formats, like mlir-translate.

    dialir-translate --import-onnx model.onnx [-o out.mlir]
    dialir-translate --mlir-to-llvmir file.mlir [--emit=llvm|obj|asm] [-O0..-O3]
                     [--target-triple T] [--cpu NAME] [--features +a,-b] [-o out]

`--import-onnx` reads an ONNX model (a file, or '-' for stdin) and prints the imported module
(`func.func @main` of nn ops). `--mlir-to-llvmir` translates a module of llvm-dialect ops to
LLVM IR text (`--emit=llvm`, the default: unoptimized unless -O is given, as
mlir-translate prints it), or compiles it for the target machine to an object file
(`--emit=obj`) or assembly (`--emit=asm`); the target is the host (its CPU and features, so
AVX-512 where present) unless `--target-triple`/`--cpu`/`--features` say otherwise. Errors
are one diagnostic each (`file:line:col: error: ...`), never a traceback; the exit status
is 1 on any error, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from dialir_tools.output import write_output

from dialir.core.ir.deep import call_with_deep_stack
from dialir.core.ir.diagnostics import (
    Diagnostic,
    DiagnosticError,
    SourceManager,
    file_location,
    internal_error,
)
from dialir.core.ir.printer import Printer


def build_arg_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="dialir-translate", description="Translate between MLIR and other formats."
    )
    ap.add_argument("input", nargs="?", default="-", help="input file ('-' for stdin)")
    ap.add_argument("-o", dest="output", default="-", help="output file ('-' for stdout)")
    translations = ap.add_argument_group("translations (exactly one)")
    translations.add_argument(
        "--import-onnx",
        action="store_true",
        help="import an ONNX model (.onnx) as a module of nn ops",
    )
    translations.add_argument(
        "--mlir-to-llvmir",
        action="store_true",
        help="translate a module of llvm-dialect ops to LLVM IR",
    )
    translations.add_argument(
        "--mlir-to-ptx",
        action="store_true",
        help="lower a module with gpu.modules (gpu, arith, math, memref, cf, scf ops) to NVVM "
        "and print the PTX of every kernel module",
    )
    ptx = ap.add_argument_group("--mlir-to-ptx options (and -O, --features)")
    ptx.add_argument("--chip", default=None, help="e.g. sm_90 (default: the module's "
                     "#nvvm.target, else sm_80)")  # fmt: skip
    llvmir = ap.add_argument_group("--mlir-to-llvmir options")
    llvmir.add_argument(
        "--emit", choices=("llvm", "obj", "asm"), default="llvm",
        help="LLVM IR text (default), an object file, or assembly",
    )  # fmt: skip
    llvmir.add_argument(
        "-O", dest="opt_level", type=int, choices=(0, 1, 2, 3), default=None,
        help="optimization level (default: none for --emit=llvm, 2 otherwise)",
    )  # fmt: skip
    llvmir.add_argument("--target-triple", default=None, help="default: the host's")
    llvmir.add_argument("--cpu", default=None, help="default: the host CPU")
    llvmir.add_argument(
        "--features", default=None, help="e.g. +avx2,-avx512f (default: the host CPU's)"
    )
    ap.add_argument(
        "--allow-unregistered-dialect", action="store_true",
        help="read ops of unknown dialects (the translation still rejects them, at the op)",
    )  # fmt: skip
    ap.add_argument("--mlir-print-op-generic", action="store_true")
    ap.add_argument("--mlir-print-debuginfo", action="store_true")
    return ap


def main(argv: list[str] | None = None) -> int:
    # In a thread with a deep stack: 10,000 nested regions, attributes or types work.
    return call_with_deep_stack(_main, argv)


def _main(argv: list[str] | None) -> int:
    args = build_arg_parser().parse_args(argv)
    given = args.import_onnx + args.mlir_to_llvmir + args.mlir_to_ptx
    if given != 1:
        problem = "two translations given" if given else "no translation given"
        print(
            f"dialir-translate: error: {problem} (use --import-onnx, --mlir-to-llvmir or "
            "--mlir-to-ptx)",
            file=sys.stderr,
        )
        return 1
    name = "<stdin>" if args.input == "-" else args.input
    if args.mlir_to_llvmir or args.mlir_to_ptx:
        return _mlir_to_llvmir(args, name)
    try:
        module = _import_onnx(args.input, name)
    except DiagnosticError as e:
        for d in e.diagnostics:
            print(render(d), file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - a bug, but the user gets a diagnostic, no traceback
        if os.environ.get("DIALIR_TRACEBACK"):
            raise
        print(render(internal_error(e, name)), file=sys.stderr)
        return 1
    text = Printer.to_string(
        module, generic=args.mlir_print_op_generic, debuginfo=args.mlir_print_debuginfo
    )
    try:
        _write(args.output, text + "\n")
    except OSError as e:
        print(f"error: could not write output file '{args.output}': {e.strerror}", file=sys.stderr)
        return 1
    return 0


def _mlir_to_llvmir(args: argparse.Namespace, name: str) -> int:
    # The MLIR path's imports, here so that --import-onnx does not pay for them.
    from dialir.core.ir.verifier import verify  # noqa: I001
    from dialir.parser.parser import parse  # (the MLIR path's, as above)

    sources = SourceManager()
    try:
        text = sys.stdin.read() if args.input == "-" else _read(args.input)
    except OSError as e:
        print(f"error: could not open input file '{args.input}': {e.strerror}", file=sys.stderr)
        return 1
    sources.add(name, text)
    try:
        module = parse(text, name, args.allow_unregistered_dialect)
        verify(module)
        if args.mlir_to_ptx:
            output: str | bytes = _ptx(module, args)
        else:
            output = _llvmir(module, args)
    except DiagnosticError as e:
        for d in e.diagnostics:
            print(sources.render(d), file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - a bug, but the user gets a diagnostic, no traceback
        if os.environ.get("DIALIR_TRACEBACK"):
            raise
        print(render(internal_error(e, name)), file=sys.stderr)
        return 1
    try:
        _write(args.output, output)
    except OSError as e:
        print(f"error: could not write output file '{args.output}': {e.strerror}", file=sys.stderr)
        return 1
    return 0


def _llvmir(module: Any, args: argparse.Namespace) -> str | bytes:
    from dialir.target import llvmir, machine  # (the MLIR path's, as above)

    ir = llvmir.translate_to_llvmir(module)
    if args.emit == "llvm" and args.opt_level is None:
        machine.parse_llvmir(ir, module.location)  # what we print, LLVM reads
        return ir
    options = machine.TargetOptions.host(
        opt_level=2 if args.opt_level is None else args.opt_level,
        cpu=args.cpu, features=args.features, triple=args.target_triple,
    )  # fmt: skip
    tm = machine.target_machine(options)
    compiled = machine.compile_llvmir(ir, options, tm=tm)
    if args.emit == "obj":
        return machine.emit_object(compiled, tm)
    if args.emit == "asm":
        return machine.emit_assembly(compiled, tm)
    return str(compiled)


def _ptx(module: Any, args: argparse.Namespace) -> str:
    """The PTX of every gpu.module, each after a `// gpu.module @name` line."""
    from dialir.target import ptx  # (the MLIR path's, as above)

    options = None
    if args.chip is not None or args.features is not None or args.opt_level is not None:
        options = ptx.PTXOptions(args.chip or "sm_80", args.features or "",
                                 2 if args.opt_level is None else args.opt_level)  # fmt: skip
    kernels = ptx.lower_to_ptx(module, options)
    return "".join(f"// gpu.module @{name}\n{text}\n" for name, text in kernels)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _import_onnx(path: str, name: str):
    from dialir.frontends.onnx import import_model  # onnx is heavy: only for .onnx inputs

    if path == "-":
        # No directory for external data: a model on stdin must be self-contained.
        return import_model(sys.stdin.buffer.read(), name=name)
    return import_model(path, name=name)


def render(d: Diagnostic) -> str:
    """A diagnostic as text. A whole-file problem (a location at line 0 of a binary input)
    reads `file: error: message`; others go through dialir-opt's renderer."""
    pos = file_location(d.location)
    if pos is not None and pos.line == 0:
        lines = [f"{pos.filename}: {d.severity}: {d.message}"]
        lines.extend(render(n) for n in d.notes)
        return "\n".join(lines)
    return SourceManager().render(d)


def _write(path: str, text: str | bytes) -> None:
    write_output(path, text)


if __name__ == "__main__":
    sys.exit(main())
