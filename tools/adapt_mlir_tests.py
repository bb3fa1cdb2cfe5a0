"""Adapt chunks of MLIR's pass tests into lit tests checked against iree-opt (upstream MLIR).

    python tools/adapt_mlir_tests.py SOURCE.mlir OUT.mlir [--reference=iree|checks]

SOURCE holds chunks separated by `// -----`, and a header line
`// PIPELINE: builtin.module(func.func(cse))` (optionally `// FLAGS: --allow-unregistered-dialect`,
`// SOURCE: mlir/test/...` naming MLIR's file, and `// NOTE: ...` lines copied to OUT's header:
which cases were left out and why).
For each chunk, the expected output is what iree-opt prints after the pipeline
(`--reference=checks`: iree-opt lacks the pass, so the chunk's own CHECK lines, run through
filecheck on dialir's output, decide, and dialir's output becomes the expected text). A chunk
passes when `dialir-opt` prints that, value names aside (the
CHECK lines below match it). OUT gets every passing chunk: its
input as iree-opt prints it and CHECK lines for the whole output, SSA values as FileCheck
variables (so the test holds under any value naming). A summary line per chunk goes to stdout.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import re
import subprocess
import sys
import tempfile

from dialir_tools.dialir_opt import split_input

IREE = "/tmp/ireevenv/bin/iree-opt"
VALUE = re.compile(r"%([A-Za-z_$.\-][\w$.\-]*|\d+)")
HEADER = re.compile(r"^// (PIPELINE|FLAGS|SOURCE|NOTE): (.*)\n?", re.M)


def run(cmd: list[str], text: str) -> tuple[int, str, str]:
    p = subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def escape(text: str) -> str:
    return text.replace("{{", "{{[{][{]}}").replace("[[", "{{[[][[]}}")


def definitions(line: str) -> set[int]:
    """Offsets of the values `line` defines: results (`%a, %b:2 = ...`), loop variables and
    iter_args (`for %i = `, `(%i, %j) = (`, `iter_args(%x = `), block and function arguments
    (`%x: i32`; operand lists print ` : `)."""
    out = set()
    stripped = line.lstrip()
    if stripped.startswith("%") and " = " in stripped:
        lhs_end = len(line) - len(stripped) + stripped.index(" = ")
        out.update(m.start() for m in VALUE.finditer(line, 0, lhs_end))
    for m in VALUE.finditer(line):
        rest = line[m.end() :]
        if re.match(r"(:\d+)? = ", rest) or re.match(r": \S", rest):
            out.add(m.start())
    for group in re.finditer(r"\(((?:%[\w$.-]+(?:, )?)+)\) = \(", line):
        out.update(m.start() for m in VALUE.finditer(line, group.start(1), group.end(1)))
    return out


def check_lines(output: str) -> list[str]:
    """CHECK lines matching `output` line by line, values as FileCheck variables."""
    names: dict[str, str] = {}
    counter = itertools.count()
    lines = output.rstrip("\n").split("\n")
    out = []
    for i, line in enumerate(lines):
        if not line.strip():
            out.append("// CHECK-EMPTY:")
            continue
        pieces, last = [], 0
        defs = definitions(line)
        for m in VALUE.finditer(line):
            pieces.append(escape(line[last : m.start()]))
            name = m.group(1)
            var = names.get(name)
            if var is None or m.start() in defs:
                # A (re)definition binds a new variable: MLIR reuses names across regions.
                var = names[name] = f"V{next(counter)}"
                pieces.append(f"%[[{var}:[A-Za-z0-9_$.-]+]]")
            else:
                pieces.append(f"%[[{var}]]")
            last = m.end()
        pieces.append(escape(line[last:]))
        kind = "CHECK" if i == 0 else "CHECK-NEXT"
        out.append(f"// {kind}: " + "".join(pieces).strip())
    return out


def run_all(cmd: list[str], bodies: list[str]) -> list[tuple[int, str, str]]:
    """`cmd` on every chunk: one --split-input-file run when every chunk succeeds (the
    outputs split back at `// -----`), else one run per chunk."""
    rc, out, err = run([*cmd, "--split-input-file"], "\n// -----\n".join(bodies))
    outs = [c for _, c in split_input(out)[0]]
    if rc == 0 and len(outs) == len(bodies):
        return [(0, o.lstrip("\n") if i else o, "") for i, o in enumerate(outs)]
    return [run(cmd, b) for b in bodies]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--reference", choices=("iree", "checks"), default="iree")
    ap.add_argument("--dialir", default="dialir-opt")
    args = ap.parse_args()
    text = open(args.source).read()
    header = dict(HEADER.findall(text))
    notes = [n for k, n in HEADER.findall(text) if k == "NOTE"]
    pipeline = header["PIPELINE"]
    flags = header.get("FLAGS", "").split()
    chunks = [c for _, c in split_input(text)[0]]
    passing, results = [], []
    bodies = [HEADER.sub("", chunk) for chunk in chunks]
    reprints = run_all([IREE, *flags, "-"], bodies)
    actuals = run_all([args.dialir, *flags, f"--pass-pipeline={pipeline}", "-"], bodies)
    if args.reference == "iree":
        expecteds = run_all([IREE, *flags, f"--pass-pipeline={pipeline}", "-"], bodies)
    for n, body in enumerate(bodies):
        label = re.search(r"func.func\s+(?:private\s+)?@([\w$.]+)", body)
        label = label.group(1) if label else f"chunk{n}"
        rc, reprinted, err = reprints[n]
        if rc != 0:
            results.append((label, "rejected", err.strip().splitlines()[:1]))
            continue
        rc, actual, err = actuals[n]
        if rc != 0:
            results.append((label, "FAIL", ["dialir: " + (err.strip().splitlines() or [""])[0]]))
            continue
        if args.reference == "iree":
            rc, expected, err = expecteds[n]
            if rc != 0:
                results.append((label, "rejected", err.strip().splitlines()[:1]))
                continue
            # Value names are the printer's business: the CHECK lines bind them as
            # variables, so a chunk passes when they match dialir's output.
            ok, why = expected == actual, []
            if not ok:
                with tempfile.NamedTemporaryFile("w", suffix=".mlir") as f:
                    f.write("\n".join(check_lines(expected)) + "\n")
                    f.flush()
                    p = subprocess.run(
                        ["filecheck", f.name], input=actual, capture_output=True, text=True
                    )
                ok = p.returncode == 0
                why = [] if ok else diff(expected, actual)
        else:
            with tempfile.NamedTemporaryFile("w", suffix=".mlir") as f:
                f.write(body)
                f.flush()
                p = subprocess.run(
                    ["filecheck", f.name], input=actual, capture_output=True, text=True
                )
            ok, expected = p.returncode == 0, actual
            why = [] if ok else (p.stdout + p.stderr).strip().splitlines()[:6]
        results.append((label, "pass" if ok else "FAIL", why))
        if ok:
            passing.append((reprinted, expected))
    name = header.get("SOURCE", args.source.rsplit("/", 1)[-1])
    write_test(args.out, name, pipeline, flags, passing, args.reference, notes)
    for label, status, why in results:
        print(f"{status:8} {label}")
        for w in why:
            print("          " + w)
    counts = {s: sum(1 for _, t, _ in results if t == s) for s in ("pass", "FAIL", "rejected")}
    print(
        f"SUMMARY {args.source}: {counts['pass']} pass, {counts['FAIL']} fail, "
        f"{counts['rejected']} rejected by iree-opt, of {len(results)}"
    )
    return 0


def diff(expected: str, actual: str) -> list[str]:

    return [
        line
        for line in difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), "iree-opt", "dialir", n=0, lineterm=""
        )
    ][2:14]


def write_test(path, name, pipeline, flags, passing, reference, notes=()) -> None:
    how = (
        "what iree-opt (upstream MLIR) prints"
        if reference == "iree"
        else "dialir's output, which passes the upstream test's own CHECK lines "
        "(iree-opt lacks the pass)"
    )
    lines = [
        f"// Chunks of MLIR's {name} that dialir passes; the expected output is {how},",
        "// line by line, with SSA values as FileCheck variables. Generated by",
        "// tools/adapt_mlir_tests.py.",
        *(f"// {n}" for n in notes),
        f"// RUN: dialir-opt %s --split-input-file {' '.join(flags)} "
        f"--pass-pipeline='{pipeline}' | filecheck %s".replace("  ", " "),
        "",
    ]
    for i, (inp, expected) in enumerate(passing):
        if i:
            lines += ["", "// -----", ""]
        lines += check_lines(expected)
        lines.append(inp.rstrip("\n"))
    open(path, "w").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
