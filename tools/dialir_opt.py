"""dialir-opt: MLIR text in, (transformed) MLIR text out, like mlir-opt.

Every problem in the input is reported as `file:line:col: error: ...` with the source line and
a caret; the exit status is 1 on any error, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from importlib import import_module

from dialir.core.attrs import UNKNOWN_LOC
from dialir.core.diagnostics import Diagnostic, DiagnosticError, SourceManager
from dialir.core.dialect import Dialect, load_all_dialects, load_dialect, register_dialect_loader
from dialir.core.docgen import dialect_markdown
from dialir.core.passes import PipelineError, parse_pipeline
from dialir.core.printer import Printer
from dialir.core.verifier import verify
from dialir.parser.parser import parse

SPLIT_MARKER = re.compile(r"^// -----[ \t]*$", re.MULTILINE)


def build_arg_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="dialir-opt", description="Parse, verify, transform and print MLIR text."
    )
    ap.add_argument("input", nargs="?", default="-", help="input file ('-' for stdin)")
    ap.add_argument("-o", dest="output", default="-", help="output file ('-' for stdout)")
    ap.add_argument("--pass-pipeline", default=None, help="e.g. 'builtin.module(cse)'")
    ap.add_argument(
        "--split-input-file",
        action="store_true",
        help="split the input at '// -----' lines and process each chunk on its own",
    )
    ap.add_argument(
        "--verify-diagnostics",
        action="store_true",
        help="check diagnostics against 'expected-error' comments in the input",
    )
    ap.add_argument("--allow-unregistered-dialect", action="store_true")
    ap.add_argument("--mlir-print-op-generic", action="store_true")
    ap.add_argument("--mlir-print-debuginfo", action="store_true")
    ap.add_argument(
        "--no-verify", dest="verify", action="store_false", help="do not verify the parsed IR"
    )
    ap.add_argument(
        "--load-dialect-plugin",
        action="append",
        default=[],
        metavar="MODULE",
        help="import MODULE and register the dialect in its DIALECT (repeatable)",
    )
    ap.add_argument(
        "--load-pass-plugin",
        action="append",
        default=[],
        metavar="MODULE",
        help="import MODULE, which registers passes on import (repeatable)",
    )
    ap.add_argument(
        "--list-dialects",
        action="store_true",
        help="print every available dialect with its description, then exit",
    )
    ap.add_argument(
        "--dialect-doc",
        metavar="NAME",
        default=None,
        help="print the Markdown reference of dialect NAME, then exit",
    )
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_arg_parser().parse_args(argv)
    try:
        _load_plugins(args.load_dialect_plugin, args.load_pass_plugin)
        if args.list_dialects:
            _write(args.output, _dialect_list())
            return 0
        if args.dialect_doc is not None:
            _write(args.output, _dialect_doc(args.dialect_doc))
            return 0
    except PluginError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    name = "<stdin>" if args.input == "-" else args.input
    try:
        text = sys.stdin.read() if args.input == "-" else _read(args.input)
    except OSError as e:
        print(f"error: could not open input file '{args.input}': {e.strerror}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"{name}:1:1: error: input file is not valid UTF-8", file=sys.stderr)
        return 1

    sources = SourceManager()
    sources.add(name, text)
    try:
        pipeline = parse_pipeline(args.pass_pipeline) if args.pass_pipeline else None
    except PipelineError as e:
        print(f"<pass-pipeline>: error: {e}", file=sys.stderr)
        return 1

    outputs: list[str] = []
    failed = False
    for chunk in _chunks(text, args.split_input_file):
        diags: list[Diagnostic] = []
        result = _process(chunk, name, args, pipeline, diags)
        if args.verify_diagnostics:
            failed |= not _check_expected(chunk, name, diags, sources)
        else:
            for d in diags:
                print(sources.render(d), file=sys.stderr)
            failed |= bool(diags)
        if result is not None:
            outputs.append(result)

    if not (args.verify_diagnostics and not outputs):
        _write(args.output, "// -----\n".join(outputs))
    return 1 if failed else 0


# -- plugins and dialect information ---------------------------------------------------------


class PluginError(Exception):
    """A plugin or dialect that cannot be loaded: reported as one `error:` line, exit 1."""


def _load_plugins(dialect_modules: list[str], pass_modules: list[str]) -> None:
    """Import each plugin; register the `DIALECT` of each dialect plugin for this run."""
    for module_name in dialect_modules:
        module = _import_plugin(module_name, "dialect")
        dialect = getattr(module, "DIALECT", None)
        if not isinstance(dialect, Dialect):
            raise PluginError(
                f"dialect plugin '{module_name}' does not define DIALECT (a dialir Dialect)"
            )
        register_dialect_loader(dialect.name, lambda dialect=dialect: dialect)
    for module_name in pass_modules:
        _import_plugin(module_name, "pass")


def _import_plugin(module_name: str, what: str):
    try:
        return import_module(module_name)
    except Exception as e:  # noqa: BLE001 - any failure of a plugin is one error line
        if os.environ.get("DIALIR_TRACEBACK"):
            raise
        reason = str(e) if isinstance(e, ImportError) else f"{type(e).__name__}: {e}"
        raise PluginError(f"could not load {what} plugin '{module_name}': {reason}") from None


def _all_dialects() -> list[Dialect]:
    try:
        return load_all_dialects()
    except Exception as e:  # noqa: BLE001 - e.g. a broken entry point of another package
        if os.environ.get("DIALIR_TRACEBACK"):
            raise
        raise PluginError(
            f"could not load the available dialects: {type(e).__name__}: {e}"
        ) from None


def _dialect_list() -> str:
    """One line per available dialect (built in, from entry points, from plugins)."""
    dialects = _all_dialects()
    width = max((len(d.name) for d in dialects), default=0)
    lines = []
    for d in dialects:
        summary = d.description.strip().split("\n")[0]
        lines.append(f"{d.name:<{width}}  {summary}".rstrip())
    return "\n".join(lines) + "\n"


def _dialect_doc(name: str) -> str:
    try:
        dialect = load_dialect(name)
    except Exception as e:  # noqa: BLE001
        if os.environ.get("DIALIR_TRACEBACK"):
            raise
        raise PluginError(f"could not load dialect '{name}': {type(e).__name__}: {e}") from None
    if dialect is None:
        known = ", ".join(d.name for d in _all_dialects())
        raise PluginError(f"unknown dialect '{name}' (available: {known})")
    return dialect_markdown(dialect)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _write(path: str, text: str) -> None:
    if path == "-":
        sys.stdout.write(text)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def _chunks(text: str, split: bool) -> list[str]:
    """The input, or its `// -----` chunks padded with newlines so line numbers match."""
    if not split:
        return [text]
    chunks, line = [], 0
    pos = 0
    for m in SPLIT_MARKER.finditer(text):
        piece = text[pos : m.start()]
        chunks.append("\n" * line + piece)
        line += piece.count("\n")  # the marker line's own newline starts the next chunk
        pos = m.end()
    chunks.append("\n" * line + text[pos:])
    return chunks


def _process(chunk, name, args, pipeline, diags: list[Diagnostic]) -> str | None:
    try:
        module = parse(chunk, name, args.allow_unregistered_dialect)
        if args.verify:
            verify(module)
        if pipeline is not None:
            pipeline.run(module)
    except DiagnosticError as e:
        diags.extend(e.diagnostics)
        return None
    except Exception as e:  # noqa: BLE001 - a bug, but the user gets a diagnostic, no traceback
        if os.environ.get("DIALIR_TRACEBACK"):
            raise
        diags.append(_internal_error(e, name))
        return None
    return (
        Printer.to_string(
            module, generic=args.mlir_print_op_generic, debuginfo=args.mlir_print_debuginfo
        )
        + "\n"
    )


def _internal_error(e: Exception, name: str) -> Diagnostic:
    """An exception that is not a diagnostic is a dialir bug: report it as one diagnostic,
    never a traceback (DIALIR_TRACEBACK=1 re-raises it for debugging)."""
    return Diagnostic(
        "error",
        f"internal error while processing '{name}': {type(e).__name__}: {e} "
        "(a dialir bug: set DIALIR_TRACEBACK=1 for the traceback)",
        UNKNOWN_LOC,
    )


# -- --verify-diagnostics ----------------------------------------------------------------

# MLIR's syntax: `expected-error@+1 {{text}}`, a space allowed before `@`; with `-re` the
# text may hold `{{regex}}` pieces.
_EXPECTED = re.compile(
    r"expected-(error|warning|note|remark)(-re)? *(?:@([+-][0-9]+|above|below|unknown))? *"
    r"\{\{(.*)\}\}"
)


def _matcher(msg: str, is_regex: bool):
    """A predicate on diagnostic messages: substring, or MLIR's `-re` pattern."""
    if not is_regex:
        return lambda text: msg in text
    parts, pos = [], 0
    for m in re.finditer(r"\{\{(.*?)\}\}", msg):
        parts.append(re.escape(msg[pos : m.start()]))
        parts.append(f"(?:{m.group(1)})")
        pos = m.end()
    parts.append(re.escape(msg[pos:]))
    pattern = re.compile("".join(parts))
    return lambda text: pattern.search(text) is not None


def _check_expected(chunk: str, name: str, diags: list[Diagnostic], sources) -> bool:
    """MLIR's verify-diagnostics: every diagnostic must be expected, every expectation met."""
    lines = chunk.split("\n")
    ok = True
    # [severity, target line or None, text, source line, column, matched, predicate]
    expected: list[list] = []
    for i, line in enumerate(lines, start=1):
        for m in _EXPECTED.finditer(line):
            sev, is_re, where, msg = m.groups()
            target: int | None = i
            if where == "unknown":
                target = None
            elif where == "above":
                target = i - 1
            elif where == "below":
                target = i + 1
            elif where:
                target = i + int(where)
            try:
                match_fn = _matcher(msg, bool(is_re))
            except re.error as err:
                ok = False
                print(
                    f"{name}:{i}:{m.start() + 1}: error: invalid regex in expected-{sev}-re: {err}",
                    file=sys.stderr,
                )
                match_fn = lambda text: False  # noqa: E731
            expected.append([sev, target, msg, i, m.start(), False, match_fn])

    flat: list[Diagnostic] = []
    for d in diags:
        flat.append(d)
        flat.extend(_all_notes(d))
    for d in flat:
        pos = _line_of(d)
        match = None
        for e in expected:
            if not e[5] and e[0] == d.severity and e[1] == pos and e[6](d.message):
                match = e
                break
        if match is None:
            ok = False
            print(
                sources.render(
                    Diagnostic("error", f"unexpected {d.severity}: {d.message}", d.location)
                ),
                file=sys.stderr,
            )
        else:
            match[5] = True
    for sev, _target, msg, line, col, matched, _ in expected:
        if not matched:
            ok = False
            print(
                f'{name}:{line}:{col + 1}: error: expected {sev} "{msg}" was not produced',
                file=sys.stderr,
            )
    return ok


def _all_notes(d: Diagnostic) -> list[Diagnostic]:
    out = []
    for n in d.notes:
        out.append(n)
        out.extend(_all_notes(n))
    return out


def _line_of(d: Diagnostic) -> int | None:
    from dialir.core.diagnostics import file_location

    pos = file_location(d.location)
    return None if pos is None else pos.line


if __name__ == "__main__":
    sys.exit(main())
