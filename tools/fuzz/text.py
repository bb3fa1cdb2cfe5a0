"""The MLIR text campaign: mutated and generated inputs through parse -> verify -> print ->
re-parse -> a random pipeline of registered passes -> verify, in process.

Every outcome must be success or a diagnostic. Failures, by kind:
- `crash`: an exception that is not a diagnostic (in the parser, verifier, printer or a pass);
- `reparse`: printed text of verified IR that does not parse back;
- `unstable`: printed text that prints differently after a re-parse;
- `invalid-after-pass`: a pass that turned valid IR into IR the verifier rejects;
- `hang`: an input that took longer than the per-input limit.
"""

from __future__ import annotations

import random
import re
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

from dialir_tools.dialir_opt import split_input
from dialir_tools.fuzz.minimize import minimize
from dialir_tools.fuzz.mutate import mutate
from dialir_tools.fuzz.outcome import (
    PROGRESS_EVERY,
    Hang,
    alarms,
    log,
    signature,
    stop_on_signal,
    time_limit,
)

from dialir.core.ir.context import Context
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.printer import Printer
from dialir.core.ir.verifier import verify
from dialir.core.passes import PassManager, PassPipelineError, PipelineError, registered_passes
from dialir.dialects.loop.analysis.remarks import RemarkWarning
from dialir.parser.parser import get_parser, parse

NAME = "fuzz.mlir"

# Passes that print, time or dump rather than transform, or that need options to mean
# anything: a random pipeline leaves them out.
SKIPPED_PASSES = re.compile(r"^(print|view|test-|dump)")


def seeds(roots: list[Path]) -> list[str]:
    """The valid chunks (no `expected-error`) of every `.mlir` file under `roots`."""
    out = []
    for root in roots:
        for path in sorted(root.rglob("*.mlir")):
            if "Output" in path.parts:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            chunks = (c for _, c in split_input(text)[0])  # as --split-input-file cuts them
            out.extend(c for c in chunks if c.strip() and "expected-" not in c)
    return out


def generated_seeds() -> list[str]:
    """Valid IR of every registered op, from the ops' definitions (grammar-aware seeds)."""
    from dialir_tools.fuzz.instances import OPS, instances  # heavy: only when asked for

    out = []
    for cls in OPS:
        try:
            examples = instances(cls)
        except Exception:  # noqa: BLE001 - an op the generator cannot build is no seed
            continue
        for container in examples:
            out.append(Printer.to_string(container))
            out.append(Printer.to_string(container, generic=True))
    return out


def pipelines(rng: random.Random, names: list[str], anchors: dict[str, str | None]) -> str:
    """A random pipeline of one to four registered passes, each under the op it anchors on."""
    chosen = [rng.choice(names) for _ in range(rng.choice([1, 2, 2, 3, 4]))]
    parts = []
    for name in chosen:
        anchor = anchors[name]
        if anchor in (None, "builtin.module"):
            parts.append(name)
        else:
            parts.append(f"{anchor}({name})")
    return f"builtin.module({','.join(parts)})"


OK = ("valid", "")  # parsed, verified, printed and survived the passes
DIAGNOSED = ("diagnostic", "")  # rejected with a diagnostic somewhere on the way
FINE = {"valid", "diagnostic"}


def check(text: str, pipeline: str | None, caught: list | None = None) -> tuple[str, str]:
    """(kind, detail): OK or DIAGNOSED when `text` behaves, else a failure kind. Warnings
    (a pass's remarks: "cannot unroll-jam by 4") are recorded, not printed: appended to
    `caught` when given."""
    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        result = _check(text, pipeline)
    if caught is not None:
        caught.extend(recorded)
    return result


def _check(text: str, pipeline: str | None) -> tuple[str, str]:
    try:
        with Context():
            try:
                module = parse(text, NAME, allow_unregistered=True)
                verify(module)
            except DiagnosticError:
                return DIAGNOSED
            for generic in (False, True):
                printed = Printer.to_string(module, generic=generic)
                try:
                    again = parse(printed, "printed.mlir", allow_unregistered=True)
                except DiagnosticError as e:
                    return "reparse", f"{e.diagnostics[0].message}\n--- printed:\n{printed}"
                if Printer.to_string(again, generic=generic) != printed:
                    return "unstable", printed
            if pipeline is None:
                return OK
            try:
                PassManager.parse(pipeline).run(module)
            except PipelineError:
                return DIAGNOSED
            except PassPipelineError as e:
                if e.cause is not None:
                    return "crash", signature(e.cause) + f"\npipeline: {pipeline}"
                if "pass produced invalid IR" in e.diagnostics[0].message:
                    return "invalid-after-pass", f"{pipeline}: {e.diagnostics[0].message}"
                return DIAGNOSED
            verify(module)
            printed = Printer.to_string(module)
            try:
                parse(printed, "printed.mlir", allow_unregistered=True)
            except DiagnosticError as e:
                return "reparse", f"after {pipeline}: {e.diagnostics[0].message}\n{printed}"
            return OK
    except Hang:
        return "hang", pipeline or ""
    except DiagnosticError as e:  # verify after a pass that said nothing
        return "invalid-after-pass", f"{pipeline}: {e.diagnostics[0].message}"
    except Exception as e:  # noqa: BLE001 - what the campaign is looking for
        return "crash", signature(e) + (f"\npipeline: {pipeline}" if pipeline else "")


def _kind_key(result: tuple[str, str]) -> str:
    kind, detail = result
    return f"{kind}: {detail.splitlines()[0][:160]}" if detail else kind


def run(
    roots: list[Path], out: Path, seed: int, count: int, budget_s: float, per_input_s: int = 10,
    generate: bool = True, log=log,
) -> dict:  # fmt: skip
    """Run the campaign; each distinct failure is minimised and written under `out`."""
    rng = random.Random(seed)
    pool = seeds(roots)
    if generate:
        pool += generated_seeds()
    if not pool:
        raise SystemExit("no seed inputs found")
    passes = registered_passes()
    names = sorted(n for n in passes if not SKIPPED_PASSES.match(n))
    anchors = {n: getattr(passes[n], "op_name", None) for n in names}
    out.mkdir(parents=True, exist_ok=True)
    warm_up()
    stats = {
        "inputs": 0,
        "valid": 0,
        "diagnostic": 0,
        "failures": 0,
        "distinct": 0,
        "seeds": len(pool),
        "remarks": 0,  # RemarkWarnings of passes (a refused transformation): an outcome
        "warnings": 0,  # any other Python warning; the first of each place is logged
    }
    warned: set[tuple] = set()
    seen: dict[str, Path] = {}
    start = time.monotonic()
    with alarms(), stop_on_signal() as stopped:
        for text, pipeline in _inputs(rng, pool, names, anchors, count):
            if time.monotonic() - start > budget_s or stopped():
                break
            if stats["inputs"] and stats["inputs"] % PROGRESS_EVERY == 0:
                log(f"progress: {stats} after {time.monotonic() - start:.0f} s")
            stats["inputs"] += 1
            caught: list[warnings.WarningMessage] = []
            with time_limit(per_input_s):
                result = check(text, pipeline, caught)
            if result[0] == "hang":
                # A first use (a grammar for a new set of dialects, a pass's lazy imports)
                # is no hang: only one that repeats once everything is loaded counts.
                caught.clear()
                with time_limit(per_input_s):
                    result = check(text, pipeline, caught)
            _count_warnings(caught, stats, warned, log)
            if result[0] in FINE:
                stats[result[0]] += 1
                continue
            stats["failures"] += 1
            key = _kind_key(result)
            if key in seen:
                continue
            path = _save(out, len(seen), text, pipeline, result, per_input_s)
            seen[key] = path
            stats["distinct"] += 1
            log(f"[{stats['inputs']}] {key} -> {path}")
    stats["seconds"] = round(time.monotonic() - start, 1)
    return stats


def warm_up() -> None:
    """Build the parser of every registered dialect before any input is timed: the grammar
    build (seconds) would otherwise count against the first input that names a new set of
    dialects, and every later input is read by this superset parser (see get_parser)."""
    with Context():
        get_parser()


def _count_warnings(caught: list, stats: dict, warned: set, log) -> None:
    for w in caught:
        if issubclass(w.category, RemarkWarning):
            stats["remarks"] += 1
            continue
        stats["warnings"] += 1
        where = (w.category.__name__, w.filename, w.lineno)
        if where not in warned:
            warned.add(where)
            log(f"warning: {w.category.__name__} at {Path(w.filename).name}:{w.lineno}: "
                f"{str(w.message)[:160]}")  # fmt: skip


def _inputs(rng, pool, names, anchors, count) -> Iterator[tuple[str, str | None]]:
    for _ in range(count):
        text = mutate(rng, rng.choice(pool), rng.choice(pool))
        pipeline = pipelines(rng, names, anchors) if rng.random() < 0.7 else None
        yield text, pipeline


def _save(out: Path, index: int, text: str, pipeline, result, per_input_s: int) -> Path:
    key = _kind_key(result)

    def same_failure(candidate: str) -> bool:
        with time_limit(per_input_s):
            r = check(candidate, pipeline)
        return r[0] not in FINE and _kind_key(r) == key

    small = minimize(text, same_failure) if result[0] != "hang" else text
    path = out / f"{index:04d}-{result[0]}.mlir"
    header = f"// {key}\n" + (f"// pipeline: {pipeline}\n" if pipeline else "")
    path.write_text(header + small + "\n", encoding="utf-8")
    return path
