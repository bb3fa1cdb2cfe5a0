"""dialir-opt: MLIR text in, (transformed) MLIR text out, like mlir-opt.

Every problem in the input is reported as `file:line:col: error: ...` with the source line and
a caret; the exit status is 1 on any error, 0 otherwise. Passes run from `--pass-pipeline` or
from one flag per registered pass (`--cse --canonicalize=max-iterations=3`); the IR printing,
timing and crash-reproducer flags configure the pass manager's instrumentations.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import os
import sys
import warnings
from importlib import import_module

from dialir_tools.output import write_output

from dialir.core.ir.attrs import FileLineColLoc
from dialir.core.ir.context import Context
from dialir.core.ir.deep import call_with_deep_stack
from dialir.core.ir.diagnostics import (
    Diagnostic,
    DiagnosticError,
    SourceManager,
    did_you_mean,
    internal_error,
)
from dialir.core.ir.dialect import Dialect, load_all_dialects, load_dialect, register_dialect_loader
from dialir.core.ir.operation import Operation
from dialir.core.ir.printer import Printer
from dialir.core.ir.verifier import verify
from dialir.core.ir.verify_diagnostics import verify_diagnostics
from dialir.core.ods.docgen import dialect_markdown
from dialir.core.passes import (
    PIPELINE_BUFFER,
    CrashReproducer,
    IRPrinter,
    PassLoadError,
    PassManager,
    PassPipelineError,
    PassTiming,
    PipelineError,
    lookup_pass,
    pass_names,
    pass_options,
    registered_passes,
    reproducer_configuration,
)
from dialir.parser.parser import get_parser, parse

SPLIT_MARKER = "// -----"


def _bool_value(text: str) -> bool:
    """An llvm::cl-style boolean (`--verify-each=false`)."""
    if text in ("true", "True", "TRUE", "1"):
        return True
    if text in ("false", "False", "FALSE", "0"):
        return False
    raise argparse.ArgumentTypeError(f"'{text}' is not a boolean (use true or false)")


def build_arg_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="dialir-opt",
        description="Parse, verify, transform and print MLIR text.",
        epilog="Every registered pass is also a flag, --<pass>[=<options>] (e.g. "
        "--canonicalize='max-iterations=3'); such flags run in command-line order. "
        "--list-passes lists the passes and their options.",
        allow_abbrev=False,  # unknown flags may be pass names: never guess a prefix
    )
    ap.add_argument("input", nargs="?", default="-", help="input file ('-' for stdin)")
    ap.add_argument("-o", dest="output", default="-", help="output file ('-' for stdout)")
    ap.add_argument(
        "--split-input-file",
        action="store_true",
        help="split the input at each '// -----' and process each chunk on its own",
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
        "--keep-source-names",
        action="store_true",
        help="print the input's SSA value names (where unique) instead of naming values as "
        "mlir-opt does (%%0, %%arg0, and the ops' own names: %%c0_i32, %%cst, %%alloc)",
    )
    ap.add_argument(
        "--mlir-print-local-scope",
        action="store_true",
        help="print locations (and affine maps) inline, not as aliases",
    )
    ap.add_argument(
        "--mlir-disable-threading",
        action="store_true",
        help="accepted for mlir-opt's command lines: dialir runs passes on one thread",
    )
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
        "--irdl-file",
        default=None,
        metavar="FILE",
        help="IRDL file to register before processing the input",
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

    passes = ap.add_argument_group("passes")
    passes.add_argument(
        "--pass-pipeline", default=None, help="e.g. 'builtin.module(func.func(cse),canonicalize)'"
    )
    passes.add_argument(
        "--list-passes",
        action="store_true",
        help="print every available pass with its summary and options, then exit",
    )
    passes.add_argument(
        "--dump-pass-pipeline",
        action="store_true",
        help="print the pipeline (as pipeline text) to stderr before running it",
    )
    passes.add_argument(
        "--no-verify-each",
        dest="verify_each",
        action="store_false",
        help="do not verify the IR after each pass (verified by default)",
    )
    passes.add_argument(
        "--verify-each",
        dest="verify_each",
        action="store_true",
        default=True,
        help="verify the IR after each pass (the default; --verify-each=false turns it off)",
    )
    passes.add_argument(
        "--print-ir-before",
        "--mlir-print-ir-before",
        action="append",
        default=[],
        metavar="PASS[,PASS...]",
        help="print the IR to stderr before these passes",
    )
    passes.add_argument(
        "--print-ir-after",
        "--mlir-print-ir-after",
        action="append",
        default=[],
        metavar="PASS[,PASS...]",
        help="print the IR to stderr after these passes",
    )
    passes.add_argument(
        "--print-ir-before-all",
        "--mlir-print-ir-before-all",
        action="store_true",
        help="print the IR to stderr before every pass",
    )
    passes.add_argument(
        "--print-ir-after-all",
        "--mlir-print-ir-after-all",
        action="store_true",
        help="print the IR to stderr after every pass",
    )
    passes.add_argument(
        "--print-ir-after-change",
        "--mlir-print-ir-after-change",
        action="store_true",
        help="print the IR after a pass only if it changed the IR (after every pass, or "
        "after the --print-ir-after ones)",
    )
    passes.add_argument(
        "--print-ir-module-scope",
        "--mlir-print-ir-module-scope",
        action="store_true",
        help="print the whole module, not just the op the pass ran on",
    )
    passes.add_argument(
        "--timing",
        "--mlir-timing",
        action="store_true",
        help="print a wall-time table of the passes (and parsing, printing) to stderr",
    )
    passes.add_argument(
        "--pass-statistics",
        "--mlir-pass-statistics",
        action="store_true",
        help="print the statistics of every pass to stderr",
    )
    passes.add_argument(
        "--mlir-pass-pipeline-crash-reproducer",
        dest="reproducer",
        metavar="FILE",
        default=None,
        help="when the pipeline fails, write its input and the pipeline to FILE (without "
        "this flag, a pass that raises writes one to the temp directory)",
    )
    passes.add_argument(
        "--run-reproducer",
        action="store_true",
        help="run the pipeline of the input's '// configuration:' line (a reproducer)",
    )
    return ap


class _ArgumentError(Exception):
    pass


class _ConfigurationParser(argparse.ArgumentParser):
    """The flags a reproducer's `// configuration:` line may hold; errors are exceptions."""

    def __init__(self) -> None:
        super().__init__(prog="configuration", add_help=False, allow_abbrev=False)
        self.add_argument("--pass-pipeline", default=None)
        self.add_argument("--allow-unregistered-dialect", action="store_true")
        self.add_argument("--no-verify-each", dest="verify_each", action="store_false")
        self.add_argument("--load-dialect-plugin", action="append", default=[])
        self.add_argument("--load-pass-plugin", action="append", default=[])

    def error(self, message: str):  # type: ignore[override]
        raise _ArgumentError(message)


def _llvm_spelling(argv: list[str], spelled: dict[str, str]) -> list[str]:
    """llvm::cl's spellings as argparse's: a long option with one dash (`-split-input-file`,
    `-pass-pipeline=...`, `-canonicalize`, as MLIR's own RUN lines write them) is the
    double-dash one, and `-o=FILE` is `-o FILE`. `-` (stdin) and what follows `--` stay.
    `spelled` gets each rewritten argument's original, for error messages."""
    out = []
    for i, a in enumerate(argv):
        if a == "--":
            return out + argv[i:]
        if a.startswith("-o="):
            out += ["-o", a[3:]]
        elif len(a) > 2 and a[0] == "-" and a[1].isalpha():
            out.append("-" + a)  # llvm::cl has no `-oFILE`: `-opt-x` is a long option
            spelled["-" + a] = a
        else:
            out.append(a)
    return out


def _spell_bool_flags(ap: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """llvm::cl's `--verify-each=false` as argparse's `--no-verify-each` (a bare
    `--verify-each` never takes the next argument as its value)."""
    out = []
    for a in argv:
        if a.startswith("--verify-each="):
            try:
                a = "--verify-each" if _bool_value(a.split("=", 1)[1]) else "--no-verify-each"
            except argparse.ArgumentTypeError as e:
                ap.error(f"argument --verify-each: {e}")
        out.append(a)
    return out


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # dialir-opt's own process (in-process callers pass their argv)
        _pause_collector()
    try:
        # In a thread with a deep stack: 10,000 nested regions, attributes or types work.
        return call_with_deep_stack(_main, argv)
    finally:
        _resume_collector()


# Start-up (dialects' op classes, the cached parser) makes a few hundred thousand objects
# that live as long as the process, and no garbage: with the cyclic collector on it scans
# them several times, a tenth of a small file's run. So dialir-opt's process runs with the
# collector off until the parser for its first input is loaded, then moves everything made
# so far out of the collector's sight (gc.freeze) and turns it back on for the parse and
# the passes, whose garbage it collects as usual.
_collector_paused = False


def _pause_collector() -> None:
    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True


def _resume_collector() -> None:
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.freeze()
        gc.enable()


def _main(argv: list[str] | None) -> int:
    ap = build_arg_parser()
    spelled: dict[str, str] = {}
    argv = _llvm_spelling(sys.argv[1:] if argv is None else argv, spelled)
    argv = _spell_bool_flags(ap, argv)
    args, extra = ap.parse_known_args(argv)
    try:
        _load_plugins(args.load_dialect_plugin, args.load_pass_plugin)
        if args.list_dialects:
            _write(args.output, _dialect_list())
            return 0
        if args.dialect_doc is not None:
            _write(args.output, _dialect_doc(args.dialect_doc))
            return 0
        if args.list_passes:
            errors: list[PassLoadError] = []
            _write(args.output, _pass_list(errors))
            for e in errors:
                print(f"error: {e}", file=sys.stderr)
            return 1 if errors else 0
        pass_flags = _pass_flags(ap, extra, spelled)
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
    if args.run_reproducer:
        try:
            _apply_reproducer_configuration(args, text, name)
        except (_ArgumentError, PluginError) as e:
            print(str(e), file=sys.stderr)
            return 1

    timing = PassTiming() if args.timing else None
    try:
        pm, reproducer = _configure_passes(args, pass_flags, sources, timing)
    except (_ArgumentError, PluginError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except PipelineError as e:
        print(sources.render(e.diagnostics[0]), file=sys.stderr)
        return 1

    irdl = None
    if args.irdl_file is not None:
        irdl = _read_irdl(args.irdl_file, sources)
        if irdl is None:
            return 1

    outputs: list[str] = []
    failed = False
    for chunk in _chunks(text, args.split_input_file, name, sources):
        diags: list[Diagnostic] = []
        if reproducer is not None:
            reproducer.source = chunk
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # A context per chunk, as mlir-opt: a chunk's blobs are not the next one's (its
            # keys are its own) and are freed with it.
            with Context() as ctx:
                if irdl is not None:
                    _load_irdl(irdl, ctx)
                result = _process(chunk, name, args, pm, diags, timing)
        # Passes report non-fatal diagnostics (a rewrite that did not converge) as warnings.
        for w in caught:
            d = getattr(w.message, "diagnostic", None)
            if d is None:
                warnings.showwarning(w.message, w.category, w.filename, w.lineno)
            else:
                diags.append(d)
        if args.verify_diagnostics:
            failures = verify_diagnostics(chunk, name, diags, sources)
            for failure in failures:
                print(failure, file=sys.stderr)
            failed |= bool(failures)
        else:
            for d in diags:
                print(sources.render(d), file=sys.stderr)
            failed |= any(d.severity == "error" for d in diags)
        if result is not None:
            outputs.append(result)
        elif not args.verify_diagnostics:
            outputs.append("")  # MLIR writes the marker between chunks that failed too

    if not (args.verify_diagnostics and not outputs):
        _write(args.output, "// -----\n".join(outputs))
    if args.pass_statistics and pm is not None:
        sys.stderr.write(pm.statistics_report())
    if timing is not None:
        sys.stderr.write(timing.report())
    return 1 if failed else 0


# -- passes ----------------------------------------------------------------------------------


def _pass_flags(
    ap: argparse.ArgumentParser, extra: list[str], spelled: dict[str, str]
) -> list[tuple[str, str | None]]:
    """`--<pass>[=<options>]` flags, in command-line order; anything else is an error.
    `spelled` maps a flag to the spelling the user wrote (`-canonicalize`)."""
    flags = []
    for arg in extra:
        name, eq, options = arg[2:].partition("=") if arg.startswith("--") else ("", "", "")
        if not name or _lookup_pass(name) is None:
            written = spelled.get(arg, arg)
            dashes = "-" if written.startswith("-") and not written.startswith("--") else "--"
            known = [o[2:] for a in ap._actions for o in a.option_strings if o.startswith("--")]
            hint = did_you_mean(name, [*known, *pass_names()], dashes) if name else ""
            # argparse's own convention for a bad argument: one line and exit status 2.
            print(
                f"{ap.prog}: error: unrecognized argument '{written}'"
                + (
                    hint
                    or " (neither a dialir-opt option nor a registered pass: see --help "
                    "and --list-passes)"
                ),
                file=sys.stderr,
            )
            sys.exit(2)
        flags.append((name, options if eq else None))
    return flags


def _lookup_pass(name: str):
    try:
        return lookup_pass(name)
    except PassLoadError as e:
        if os.environ.get("DIALIR_TRACEBACK"):
            raise
        raise PluginError(str(e)) from None


def _flags_pipeline(flags: list[tuple[str, str | None]]) -> str:
    """The pipeline text of per-pass flags: run on the module in order, a pass for another op
    (func.func) nested under that op; consecutive ones share one nested pipeline."""
    parts: list[str] = []
    group: list[str] = []
    group_anchor: str | None = None

    def flush() -> None:
        if group_anchor is None:
            parts.extend(group)
        elif group:
            parts.append(f"{group_anchor}({','.join(group)})")
        group.clear()

    for name, options in flags:
        anchor = lookup_pass(name).op_name
        if anchor == "builtin.module":
            anchor = None
        if anchor != group_anchor:
            flush()
            group_anchor = anchor
        group.append(name if options is None else f"{name}{{{options}}}")
    flush()
    return f"builtin.module({','.join(parts)})"


def _configure_passes(args, pass_flags, sources: SourceManager, timing: PassTiming | None):
    """The pass manager of the command line with its instrumentations, and the crash
    reproducer (None, None without passes)."""
    pm = _pass_manager(args, pass_flags, sources)
    if pm is None:
        return None, None
    if args.dump_pass_pipeline:
        print(f"Pass Manager with {len(pm)} passes:\n{pm}", file=sys.stderr)
    _add_ir_printing(pm, args)
    if timing is not None:
        pm.add_instrumentation(timing)
    if args.reproducer is None and args.run_reproducer:
        return pm, None  # replaying a reproducer: no new one unless asked for
    # A pass that raises always leaves a reproducer (in the temp directory unless a file is
    # named); with a file named, any failure of the pipeline does (as in MLIR).
    reproducer = CrashReproducer(
        args.reproducer, flags=_configuration_flags(args), on_failure=args.reproducer is not None
    )
    pm.add_instrumentation(reproducer)
    return pm, reproducer


def _pass_manager(args, pass_flags, sources: SourceManager) -> PassManager | None:
    text = args.pass_pipeline
    if pass_flags:
        if text is not None:
            raise _ArgumentError(
                "'--pass-pipeline' cannot be used with individual pass flags "
                f"(--{pass_flags[0][0]} ...): use one or the other"
            )
        text = _flags_pipeline(pass_flags)
    if text is None or not text.strip():
        return None
    sources.add(PIPELINE_BUFFER, text)
    return PassManager.parse(text, verify_each=args.verify_each)


def _pass_selection(flag: str, values: list[str], everything: bool) -> bool | set[str]:
    if everything:
        return True
    names = {n.strip() for v in values for n in v.split(",") if n.strip()}
    for n in sorted(names):
        if _lookup_pass(n) is None:
            raise _ArgumentError(f"{flag}: '{n}' does not refer to a registered pass")
    return names


def _add_ir_printing(pm: PassManager, args) -> None:
    before = _pass_selection("--print-ir-before", args.print_ir_before, args.print_ir_before_all)
    after = _pass_selection("--print-ir-after", args.print_ir_after, args.print_ir_after_all)
    if args.print_ir_after_change and not after:
        after = True
    if not (before or after):
        return
    pm.add_instrumentation(
        IRPrinter(
            before=before,
            after=after,
            after_only_on_change=args.print_ir_after_change,
            module_scope=args.print_ir_module_scope,
            generic=args.mlir_print_op_generic,
            debuginfo=args.mlir_print_debuginfo,
            source_names=args.keep_source_names,
        )
    )


def _configuration_flags(args) -> list[str]:
    """The flags besides the pipeline that a reproducer needs to run the same way."""
    flags = []
    if args.allow_unregistered_dialect:
        flags.append("--allow-unregistered-dialect")
    if not args.verify_each:
        flags.append("--no-verify-each")
    flags += [f"--load-dialect-plugin={m}" for m in args.load_dialect_plugin]
    flags += [f"--load-pass-plugin={m}" for m in args.load_pass_plugin]
    return flags


def _apply_reproducer_configuration(args, text: str, name: str) -> None:
    """--run-reproducer: take the pipeline and flags from the `// configuration:` line."""
    found = reproducer_configuration(text)
    if found is None:
        raise _ArgumentError(
            f"{name}:1:1: error: --run-reproducer: the input has no '// configuration:' line"
        )
    flags, line = found
    try:
        conf = _ConfigurationParser().parse_args(flags)
    except _ArgumentError as e:
        raise _ArgumentError(
            f"{name}:{line}:1: error: invalid reproducer configuration: {e}"
        ) from None
    if conf.pass_pipeline is None:
        raise _ArgumentError(
            f"{name}:{line}:1: error: the reproducer configuration has no --pass-pipeline"
        )
    args.pass_pipeline = conf.pass_pipeline
    args.allow_unregistered_dialect |= conf.allow_unregistered_dialect
    args.verify_each &= conf.verify_each
    _load_plugins(conf.load_dialect_plugin, conf.load_pass_plugin)
    args.load_dialect_plugin += conf.load_dialect_plugin
    args.load_pass_plugin += conf.load_pass_plugin


def _pass_list(errors: list[PassLoadError]) -> str:
    """Every available pass: name, the op it runs on, summary, and each option's type,
    default and help. Passes that fail to load are left out and added to `errors`."""
    passes = registered_passes(errors)
    lines = [
        "Available passes (run one with --<pass>[='<option>=<value> ...'] or in "
        "--pass-pipeline='builtin.module(<pass>{<option>=<value> ...})'):",
        "",
    ]
    for name, cls in passes.items():
        head = name
        if cls.op_name is not None:
            head += f"  (runs on '{cls.op_name}')"
        lines.append(f"  {head}")
        if cls.summary:
            lines.append(f"      {cls.summary}")
        for opt in pass_options(cls):
            default = opt.default_text
            text = f"      {opt.name} : {opt.type_name}"
            if opt.default is dataclasses.MISSING:
                text += " (required)"
            else:
                text += f" = {default}" if default else " = (empty)"
            lines.append(text)
            if opt.help:
                lines.append(f"          {opt.help}")
    return "\n".join(lines) + "\n"


def _process(chunk, name, args, pm, diags: list[Diagnostic], timing) -> str | None:
    phase = timing.phase if timing is not None else _no_phase
    try:
        with phase("Parser"):
            parser = get_parser(chunk)  # loads the dialects the chunk names
            _resume_collector()
            module = parser.parse(chunk, name, args.allow_unregistered_dialect)
            if args.verify:
                verify(module)
        if pm is not None:
            pm.run(module)
        with phase("Output"):
            return (
                Printer.to_string(
                    module,
                    generic=args.mlir_print_op_generic,
                    debuginfo=args.mlir_print_debuginfo,
                    source_names=args.keep_source_names,
                    local_scope=args.mlir_print_local_scope,
                    use_aliases=not args.mlir_print_local_scope,
                )
                # as mlir-opt: the op's own newline (none printed in local scope), the tool's
                + ("\n" if args.mlir_print_local_scope else "\n\n")
            )
    except PassPipelineError as e:
        if e.cause is not None:
            if os.environ.get("DIALIR_TRACEBACK"):
                raise
            e.diagnostics[0].message += " (DIALIR_TRACEBACK=1 shows the traceback)"
        diags.extend(e.diagnostics)
        return None
    except DiagnosticError as e:
        diags.extend(e.diagnostics)
        return None
    except Exception as e:  # noqa: BLE001 - a bug, but the user gets a diagnostic, no traceback
        if os.environ.get("DIALIR_TRACEBACK"):
            raise
        diags.append(internal_error(e, name))
        return None


@contextlib.contextmanager
def _no_phase(name: str):
    yield


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


def _read_irdl(path: str, sources: SourceManager) -> Operation | None:
    """The IRDL module of `--irdl-file` (loaded once here, so its errors are reported before
    any input is read; each input chunk's context loads it again). None after an error."""
    try:
        text = _read(path)
    except OSError as e:
        print(f"error: could not open IRDL file '{path}': {e.strerror}", file=sys.stderr)
        return None
    sources.add(path, text)
    try:
        with Context() as ctx:
            module = parse(text, path)
            _load_irdl(module, ctx)
    except DiagnosticError as e:
        for d in e.diagnostics:
            print(sources.render(d), file=sys.stderr)
        return None
    return module


def _load_irdl(module: Operation, ctx: Context) -> None:
    # Imported here: only runs with --irdl-file pay for the irdl dialect.
    from dialir.dialects.irdl.loading import load_dialects

    load_dialects(module, ctx)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _write(path: str, text: str) -> None:
    write_output(path, text)


def split_input(text: str) -> tuple[list[tuple[int, str]], list[int]]:
    """MLIR's --split-input-file (splitAndProcessBuffer): the text is cut at each `// ---`
    (anywhere, not only on a line of its own) followed by `--` and one more character that
    is not `0` (sic: MLIR's check); any other `// ---` is a near miss, left in the chunk.
    Returns the chunks as (offset in `text`, chunk) and the offsets of the near misses."""
    head = SPLIT_MARKER[:-2]
    chunks: list[tuple[int, str]] = []
    near: list[int] = []
    start = 0
    i = text.find(head)
    while i >= 0:
        rest = i + len(head)
        if text.startswith("--", rest) and len(text) > rest + 2 and text[rest + 2] != "0":
            chunks.append((start, text[start:i]))
            start = rest + 2
        else:
            near.append(rest)
        i = text.find(head, rest)
    chunks.append((start, text[start:]))
    return chunks, near


def _chunks(text: str, split: bool, name: str, sources: SourceManager) -> list[str]:
    """The input, or its chunks padded with newlines and spaces so that line and column
    numbers are the file's; near misses of the marker are warned about first, as MLIR does."""
    if not split:
        return [text]
    pieces, near = split_input(text)
    for offset in near:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        warning = Diagnostic("warning", "near miss with file split marker",
                             FileLineColLoc(name, line, column))  # fmt: skip
        print(sources.render(warning), file=sys.stderr)
    return [_padded(text, offset, piece) for offset, piece in pieces]


def _padded(text: str, offset: int, piece: str) -> str:
    """`piece` (at `offset` in `text`) after newlines and spaces that put it where it was."""
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return "\n" * text.count("\n", 0, offset) + " " * column + piece


def split_chunks(text: str) -> list[str]:
    """The chunks of `text` as --split-input-file cuts them, each padded to its line and
    column in `text` (for tests and tools that process chunks as dialir-opt does)."""
    return [_padded(text, offset, piece) for offset, piece in split_input(text)[0]]


if __name__ == "__main__":
    sys.exit(main())
