"""Byte-for-byte comparison of dialir-opt's printing with upstream MLIR's (`iree-opt`, or
$DIALIR_MLIR_OPT), over every lit test input chunk that the reference accepts.

    python tools/compare_with_mlir.py [--generic] [--show N] [PATHS...]

Each chunk of each .mlir file (split as MLIR's --split-input-file splits) (under tests/lit by default) goes through the
reference with no flags (registered dialects only: a chunk it rejects is skipped), and
through `dialir-opt`; the outputs must be equal. With `--generic` both print
the generic form. Prints the counts and, for the first N differing chunks, the first line
that differs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dialir_tools.dialir_opt import split_input

ROOT = Path(__file__).resolve().parents[1]


def _reference() -> str | None:
    return os.environ.get("DIALIR_MLIR_OPT") or shutil.which("iree-opt") or shutil.which("mlir-opt")


def _run(cmd: list[str], text: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=120)


def _first_difference(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a.split("\n"), b.split("\n"), strict=False), 1):
        if x != y:
            return f"line {i}:\n    dialir: {x!r}\n    mlir:   {y!r}"
    return "lengths differ (trailing lines)"


def lit_files(paths: list[str]) -> list[Path]:
    """The .mlir files under `paths` (lit's Output and Inputs folders left out)."""
    files = sorted(
        f.resolve()
        for p in paths
        for f in (Path(p).rglob("*.mlir") if Path(p).is_dir() else [Path(p)])
    )
    return [f for f in files if "Output" not in f.parts and "Inputs" not in f.parts]


def compare_file(reference: str, dialir: str, f: Path, generic: bool) -> list[tuple[str, str]]:
    """Each chunk of `f` the reference accepts, as (`path chunk N`, why it differs, or '')."""
    flags = ["--mlir-print-op-generic"] if generic else []
    chunks = [
        (i, c)
        for i, (_, c) in enumerate(split_input(f.read_text(encoding="utf-8"))[0])
        if _run([reference, *flags, "-"], c).returncode == 0
    ]
    if not chunks:
        return []
    # One process per file and tool: the accepted chunks, split again.
    text = "// -----\n".join(c for _, c in chunks)
    ref = _run([reference, "--split-input-file", *flags, "-"], text).stdout
    ours = _run([dialir, "--split-input-file", *flags, "-"], text)
    got = ours.stdout.split("// -----\n") if ours.stdout else []
    want = ref.split("// -----\n")
    where = f.relative_to(ROOT) if f.is_relative_to(ROOT) else f
    results = []
    for k, (i, _) in enumerate(chunks):
        mine = got[k] if k < len(got) else ""
        if mine == want[k]:
            why = ""
        else:
            why = _first_difference(mine, want[k]) if mine else ours.stderr.strip()[:300]
        results.append((f"{where} chunk {i}", why))
    return results


def compare(paths: list[str], generic: bool, jobs: int = 2) -> list[tuple[str, str]]:
    """(`path chunk N`, why it differs or '') for every chunk the reference accepts."""
    reference = _reference()
    assert reference is not None, "no reference MLIR"
    dialir = shutil.which("dialir-opt") or "dialir-opt"
    with ThreadPoolExecutor(jobs) as pool:
        per_file = pool.map(lambda f: compare_file(reference, dialir, f, generic), lit_files(paths))
        return [r for rs in per_file for r in rs]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "tests" / "lit")])
    ap.add_argument("--generic", action="store_true")
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if _reference() is None:
        print("no reference MLIR (iree-opt / mlir-opt / $DIALIR_MLIR_OPT)", file=sys.stderr)
        return 2
    results = compare(args.paths, args.generic, args.jobs)
    differing = [(where, why) for where, why in results if why]
    form = "generic" if args.generic else "custom"
    print(
        f"{form} form: {len(results)} chunks accepted by the reference, "
        f"{len(results) - len(differing)} printed identically"
    )
    for where, why in differing[: args.show]:
        print(f"- {where}: {why}")
    return 0 if not differing else 1


if __name__ == "__main__":
    sys.exit(main())
