#!/usr/bin/env python3
"""Write the CHECK lines of a lit test from upstream MLIR's output (like MLIR's
generate-test-checks.py), so the expected output of a pass is MLIR's, not dialir's.

    python tools/generate_test_checks.py tests/lit/conversions/lower-affine.mlir \\
        --reference /tmp/ireevenv/bin/iree-opt -- --allow-unregistered-dialect --lower-affine

The file is split at `// -----`; each chunk's input (its lines that are not CHECK lines) goes
through the reference tool with the given arguments, and the chunk's CHECK lines are
replaced by checks of the reference's output: `CHECK-LABEL` per function, `CHECK-NEXT` for
every following line, SSA values and block names as FileCheck captures (defined where they
first appear in a function, used after), affine map aliases as `CHECK-DAG` captures.
MLIR's `// N preds` comments are dropped (dialir does not print them).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

SPLIT = "// -----"
_CHECK = re.compile(r"^\s*//\s*CHECK")
_SSA = re.compile(r"%([A-Za-z0-9_$.-]+)")
_BLOCK = re.compile(r"\^([A-Za-z0-9_$.-]+)")
_ALIAS_DEF = re.compile(r"^#([A-Za-z0-9_$.]+) = (.*)$")
_ALIAS_USE = re.compile(r"#([A-Za-z_][A-Za-z0-9_$.]*)")
_PREDS = re.compile(r"\s*// (\d+ preds|pred): .*$")
SSA_PATTERN = "[A-Za-z0-9_$.-]+"


def _capture_name(prefix: str, name: str) -> str:
    clean = re.sub(r"[^A-Za-z0-9_]", "_", name).upper()
    return f"{prefix}{clean}" if clean[0].isdigit() else clean


# Where a line defines SSA names: results (`%a, %b:2 = `), typed arguments (`%x: f32` of a
# function or block), loop variables (`scf.for %i = `, `iter_args(%a = `) and parallel ivs.
_DEF_AT = (
    re.compile(r"%[A-Za-z0-9_$.-]+(?=(:\d+)?(, %[A-Za-z0-9_$.-]+(:\d+)?)* = )"),
    re.compile(r"%[A-Za-z0-9_$.-]+(?=: )"),
)
_PARALLEL_IVS = re.compile(r"\((%[A-Za-z0-9_$.-]+(?:, %[A-Za-z0-9_$.-]+)*)\) = \(")


def _definitions(line: str) -> set[int]:
    """Offsets of the SSA names that `line` defines."""
    found = {m.start() for pattern in _DEF_AT for m in pattern.finditer(line)}
    for m in _PARALLEL_IVS.finditer(line):
        found.update(m.start(1) + i.start() for i in _SSA.finditer(m.group(1)))
    return found


class _Namer:
    """FileCheck captures for the names of one function: a definition (re)defines its
    capture, as the same name may be defined again in a sibling region; a block is defined
    where it first appears (a branch may name it before its label)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.defs: set[int] = set()

    def line(self, text: str) -> str:
        self.defs = _definitions(text)
        return _BLOCK.sub(self.block, _SSA.sub(self.ssa, text))

    def ssa(self, m: re.Match) -> str:
        var = _capture_name("V", m.group(1))
        if var in self.seen and m.start() not in self.defs:
            return f"%[[{var}]]"
        self.seen.add(var)
        return f"%[[{var}:{SSA_PATTERN}]]"

    def block(self, m: re.Match) -> str:
        var = _capture_name("BB", m.group(1))
        if var in self.seen:
            return f"^[[{var}]]"
        self.seen.add(var)
        return f"^[[{var}:{SSA_PATTERN}]]"


def _aliases(line: str, aliases: dict[str, str]) -> str:
    return _ALIAS_USE.sub(lambda m: f"#[[{aliases[m.group(1)]}]]" if m.group(1) in aliases
                          else m.group(0), line)  # fmt: skip


def checks_for(output: str) -> list[str]:
    """CHECK lines for one chunk of reference output (a `module { ... }`)."""
    lines = output.rstrip("\n").splitlines()
    out: list[str] = []
    aliases: dict[str, str] = {}
    for line in lines:
        m = _ALIAS_DEF.match(line)
        if m:
            var = _capture_name("MAP", m.group(1))
            aliases[m.group(1)] = var
            out.append(f"// CHECK-DAG: #[[{var}:[A-Za-z0-9_]+]] = {m.group(2)}")
    body = [ln for ln in lines if not _ALIAS_DEF.match(ln) and ln.strip()]
    if body and body[0].strip() in ("module {", "module"):
        body = body[1:-1]
    namer = _Namer()
    first = True
    for line in body:
        line = _PREDS.sub("", line).rstrip()
        text = line.strip()
        is_func = text.startswith("func.func ")
        if is_func:
            namer = _Namer()
        text = _aliases(namer.line(text), aliases)
        if is_func:
            head, sep, rest = text.partition("(")
            out.append(f"// CHECK-LABEL: {head}{sep}")
            if rest:
                out.append(f"// CHECK-SAME: {rest}")
        elif first:
            out.append(f"// CHECK: {text}")
        else:
            out.append(f"// CHECK-NEXT: {text}")
        first = False
    return out


def _chunks(text: str) -> list[str]:
    return re.split(r"^// -----\s*$\n?", text, flags=re.M)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        usage="%(prog)s FILE [--reference TOOL] -- TOOL-ARGS...",
    )
    ap.add_argument("file")
    ap.add_argument("--reference", default="iree-opt", help="the MLIR tool (mlir-opt, iree-opt)")
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    ns = ap.parse_args(argv[:split])
    args = argv[split + 1 :]  # the reference tool's arguments
    with open(ns.file) as f:
        chunks = _chunks(f.read())
    new_chunks = []
    for chunk in chunks:
        kept = [ln for ln in chunk.splitlines() if not _CHECK.match(ln)]
        while kept and not kept[-1].strip():
            kept.pop()
        source = "\n".join(kept) + "\n"
        proc = subprocess.run([ns.reference, *args, "-"], input=source, capture_output=True,
                              text=True)  # fmt: skip
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            return 1
        new_chunks.append(source + "\n" + "\n".join(checks_for(proc.stdout)) + "\n")
    with open(ns.file, "w") as f:
        f.write(("\n" + SPLIT + "\n\n").join(c.rstrip("\n") + "\n" for c in new_chunks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
