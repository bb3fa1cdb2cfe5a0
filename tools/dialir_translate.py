"""dialir-translate: between MLIR text and other formats, like mlir-translate.

    dialir-translate --import-onnx model.onnx [-o out.mlir]

`--import-onnx` reads an ONNX model (a file, or '-' for stdin) and prints the imported module
(`func.func @main` of nn ops). Errors are one diagnostic each (`model.onnx: error: ...`),
never a traceback; the exit status is 1 on any error, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys

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
    ap.add_argument("--mlir-print-op-generic", action="store_true")
    ap.add_argument("--mlir-print-debuginfo", action="store_true")
    return ap


def main(argv: list[str] | None = None) -> int:
    # In a thread with a deep stack: 10,000 nested regions, attributes or types work.
    return call_with_deep_stack(_main, argv)


def _main(argv: list[str] | None) -> int:
    args = build_arg_parser().parse_args(argv)
    if not args.import_onnx:
        print("dialir-translate: error: no translation given (use --import-onnx)", file=sys.stderr)
        return 1
    name = "<stdin>" if args.input == "-" else args.input
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


def _write(path: str, text: str) -> None:
    write_output(path, text)


if __name__ == "__main__":
    sys.exit(main())
