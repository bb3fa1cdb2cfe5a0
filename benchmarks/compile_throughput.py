#!/usr/bin/env python3
"""Compile-throughput benchmark: dialir vs xDSL on generated generic-form MLIR.

For each program size (default about 1k, 10k and 100k ops) this script

1. generates a deterministic generic-form MLIR module (``func.func`` ops with entry-block
   arguments, ``arith`` ops, constants with scalar and ``dense`` values, ops with attribute
   dictionaries, multi-result ops ``%a:2 = ...``, ``scf.execute_region`` and an unregistered
   op with a region that has block arguments, a ``cf.br`` to a second block, tensor types and
   ``func.return``) into a temporary directory;
2. checks that both tools accept it: dialir must parse and verify it and its generic output
   must reparse to the same text and op count; xDSL must parse and verify it and count the
   same ops (it also parses dialir's output for sizes up to 10k). Any failure aborts the run;
3. times, in this one process and interleaving the two tools (alternating which goes first),
   parse + verify + print (generic form) through each tool's Python API, with each phase
   timed on its own, so interpreter start-up and imports are excluded for both;
4. times the command-line tools end to end (``dialir-opt`` vs ``xdsl-opt``, start-up
   included) in subprocesses, recording each subprocess's max RSS via ``os.wait4``;
5. measures peak Python heap with ``tracemalloc`` in a separate, untimed run per tool.

It reports medians: ops/s for each tool, the ratio dialir/xDSL, and for each tool the scaling
ratio time(largest)/time(10k) (time(100k)/time(10k) at the default sizes).

Usage::

    python benchmarks/compile_throughput.py               # plain text report
    python benchmarks/compile_throughput.py --markdown    # tables to paste in README.md
    python benchmarks/compile_throughput.py --sizes 1k,10k --repeat 3 --json out.json

Passes: ``--passes canonicalize,cse`` adds a timed "passes" phase between verify and print
of those runs (``builtin.module(canonicalize,cse)`` through dialir's pass manager against
xDSL's ``PassPipeline``, and ``dialir-opt --pass-pipeline=...`` against ``xdsl-opt -p ...``
for the CLIs). The pass benchmark (``--sections passes``) times pipelines on their own
(``--pipelines 'canonicalize;cse;canonicalize,cse'``, the default) on a second program made
to give them work: each tool parses it once, then every run times the pipeline alone on a
fresh copy (parse, copy and verification excluded).
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Program generation
# --------------------------------------------------------------------------------------------

# Number of ops one generated function contributes (func.func itself included); checked
# against both parsers' op counts at run time.
OPS_PER_FUNC = 24

T = "tensor<4x8xf32>"
R = "tensor<4xf32>"


class Names:
    """Op names; with `unregistered`, each dialect gets a `u` prefix unknown to both tools."""

    def __init__(self, unregistered: bool) -> None:
        self.pre = "u" if unregistered else ""

    def __call__(self, name: str) -> str:
        if name.startswith("bench."):
            return name
        return self.pre + name


def gen_function(i: int, n: Names, out: list[str]) -> None:
    """Append one function of OPS_PER_FUNC ops; SSA names restart per function."""
    a = out.append
    a(
        f'  "{n("func.func")}"() <{{sym_name = "f{i}", '
        f"function_type = (i32, i32, {T}) -> (i32, {T})}}> ({{"
    )
    a(f"  ^bb0(%arg0: i32, %arg1: i32, %arg2: {T}):")
    a(f'    %c3 = "{n("arith.constant")}"() <{{value = {3 + i % 7} : i32}}> : () -> i32')
    a(f'    %0 = "{n("arith.addi")}"(%arg0, %c3) : (i32, i32) -> i32')
    a(f'    %1 = "{n("arith.muli")}"(%0, %arg1) : (i32, i32) -> i32')
    a(
        f'    %2 = "{n("arith.addi")}"(%1, %0) {{bench.tag = "hot", bench.id = {i} : i64, '
        f"bench.flags = [1, 2, 3], bench.unit}} : (i32, i32) -> i32"
    )
    a('    %3:2 = "bench.divrem"(%2, %c3) {bench.kind = "signed"} : (i32, i32) -> (i32, i32)')
    a(f'    %4 = "{n("arith.subi")}"(%3#0, %3#1) : (i32, i32) -> i32')
    a(f'    %5 = "{n("scf.execute_region")}"() ({{')
    a(f'      %6 = "{n("arith.muli")}"(%4, %3#1) : (i32, i32) -> i32')
    a(f'      %7 = "{n("arith.addi")}"(%6, %arg0) : (i32, i32) -> i32')
    a(f'      "{n("scf.yield")}"(%7) : (i32) -> ()')
    a("    }) : () -> i32")
    a(f'    %8 = "{n("arith.constant")}"() <{{value = dense<1.500000e+00> : {T}}}> : () -> {T}')
    a(f'    %9 = "{n("arith.addf")}"(%arg2, %8) : ({T}, {T}) -> {T}')
    a(f'    %10 = "{n("arith.mulf")}"(%9, %9) : ({T}, {T}) -> {T}')
    a(f'    %11 = "bench.reduce"(%10) {{bench.axis = 1 : i64, bench.kind = "sum"}} : ({T}) -> {R}')
    a('    %12:2 = "bench.loop"(%5, %4) ({')
    a("    ^bb0(%x: i32, %y: i32):")
    a(f'      %13 = "{n("arith.addi")}"(%x, %y) : (i32, i32) -> i32')
    a(f'      %14 = "{n("arith.muli")}"(%13, %x) : (i32, i32) -> i32')
    a('      "bench.yield"(%13, %14) : (i32, i32) -> ()')
    a("    }) {bench.trip = 16 : index} : (i32, i32) -> (i32, i32)")
    a(f'    %15 = "{n("arith.addi")}"(%12#0, %12#1) : (i32, i32) -> i32')
    a(f'    "{n("cf.br")}"(%15, %10)[^bb1] : (i32, {T}) -> ()')
    a(f"  ^bb1(%16: i32, %17: {T}):")
    a(f'    %18 = "{n("arith.addi")}"(%16, %5) : (i32, i32) -> i32')
    a(f'    %19 = "bench.use"(%11, %17) : ({R}, {T}) -> {T}')
    a(f'    "{n("func.return")}"(%18, %19) : (i32, {T}) -> ()')
    a("  }) : () -> ()")


def gen_program(target_ops: int, unregistered: bool = False) -> tuple[str, int]:
    """A module of about `target_ops` ops; returns (text, exact op count incl. the module)."""
    n = Names(unregistered)
    nfuncs = max(1, round((target_ops - 1) / OPS_PER_FUNC))
    out = ['"builtin.module"() ({']
    for i in range(nfuncs):
        gen_function(i, n, out)
    out.append("}) : () -> ()")
    out.append("")
    return "\n".join(out), 1 + nfuncs * OPS_PER_FUNC


# Ops in one function of the pass program (func.func itself included).
PASS_OPS_PER_FUNC = 30


def gen_pass_function(i: int, out: list[str]) -> None:
    """One function of PASS_OPS_PER_FUNC ops that gives canonicalize and cse real work, the
    same for both tools: a duplicated constant, constants that fold (`1 + c`, then `* c`),
    identities (`x + 0`, `x * 1`, `x - 0`), duplicated pure expressions (addi, xori, cmpi,
    and selects that become equal once their operands are merged), an op whose operands
    become equal (`andi x, x`), a dead op, and ops that stay. One block, registered
    func/arith ops only, so that both tools know every op (xDSL's cse skips functions with
    more than one block)."""
    a = out.append
    a(f'  "func.func"() <{{sym_name = "p{i}", function_type = (i32, i32, i1) -> (i32, i32)}}> ({{')
    a("  ^bb0(%arg0: i32, %arg1: i32, %arg2: i1):")
    a('    %c0 = "arith.constant"() <{value = 0 : i32}> : () -> i32')
    a('    %c1 = "arith.constant"() <{value = 1 : i32}> : () -> i32')
    a(f'    %c2 = "arith.constant"() <{{value = {2 + i % 5} : i32}}> : () -> i32')
    a('    %c1b = "arith.constant"() <{value = 1 : i32}> : () -> i32')
    a('    %0 = "arith.addi"(%c1, %c2) : (i32, i32) -> i32')
    a('    %1 = "arith.muli"(%0, %c2) : (i32, i32) -> i32')
    a('    %2 = "arith.addi"(%arg0, %c0) : (i32, i32) -> i32')
    a('    %3 = "arith.muli"(%2, %c1b) : (i32, i32) -> i32')
    a('    %4 = "arith.addi"(%arg0, %arg1) : (i32, i32) -> i32')
    a('    %5 = "arith.addi"(%arg0, %arg1) : (i32, i32) -> i32')
    a('    %6 = "arith.muli"(%4, %1) : (i32, i32) -> i32')
    a('    %7 = "arith.muli"(%5, %1) : (i32, i32) -> i32')
    a('    %8 = "arith.subi"(%6, %7) : (i32, i32) -> i32')
    a('    %9 = "arith.xori"(%arg0, %arg1) : (i32, i32) -> i32')
    a('    %10 = "arith.xori"(%arg0, %arg1) : (i32, i32) -> i32')
    a('    %11 = "arith.andi"(%9, %10) : (i32, i32) -> i32')
    a('    %12 = "arith.addi"(%11, %3) : (i32, i32) -> i32')
    a('    %13 = "arith.cmpi"(%12, %arg1) <{predicate = 2 : i64}> : (i32, i32) -> i1')
    a('    %14 = "arith.cmpi"(%12, %arg1) <{predicate = 2 : i64}> : (i32, i32) -> i1')
    a('    %15 = "arith.select"(%13, %12, %arg1) : (i1, i32, i32) -> i32')
    a('    %16 = "arith.select"(%14, %12, %arg1) : (i1, i32, i32) -> i32')
    a('    %17 = "arith.muli"(%arg0, %arg0) : (i32, i32) -> i32')
    a('    %18 = "arith.addi"(%15, %8) : (i32, i32) -> i32')
    a('    %19 = "arith.subi"(%16, %c0) : (i32, i32) -> i32')
    a('    %20 = "arith.select"(%arg2, %18, %19) : (i1, i32, i32) -> i32')
    a('    %21 = "arith.addi"(%20, %c0) : (i32, i32) -> i32')
    a('    %22 = "arith.muli"(%21, %c1) : (i32, i32) -> i32')
    a('    %23 = "arith.addi"(%22, %18) : (i32, i32) -> i32')
    a('    "func.return"(%23, %19) : (i32, i32) -> ()')
    a("  }) : () -> ()")


def gen_pass_program(target_ops: int) -> tuple[str, int]:
    """The pass benchmark's module of about `target_ops` ops; (text, exact op count)."""
    nfuncs = max(1, round((target_ops - 1) / PASS_OPS_PER_FUNC))
    out = ['"builtin.module"() ({']
    for i in range(nfuncs):
        gen_pass_function(i, out)
    out.append("}) : () -> ()")
    out.append("")
    return "\n".join(out), 1 + nfuncs * PASS_OPS_PER_FUNC


def parse_size(s: str) -> int:
    s = s.strip().lower()
    mult = 1
    if s.endswith("k"):
        s, mult = s[:-1], 1000
    elif s.endswith("m"):
        s, mult = s[:-1], 1_000_000
    return int(float(s) * mult)


def size_label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


# --------------------------------------------------------------------------------------------
# Tools: each runs parse / verify / [passes] / print in-process and times each phase
# --------------------------------------------------------------------------------------------

PHASES = ("parse", "verify", "passes", "print")


class BenchError(Exception):
    """A tool rejected the generated input or produced bad output: abort loudly."""


class Tool:
    name = ""
    cli_name = ""

    def __init__(self, passes: list[str]) -> None:
        self.passes = passes

    def run(self, text: str, filename: str) -> tuple[dict[str, float], object, str]:
        """Parse, verify, run passes, print; return (phase seconds, module, output text)."""
        raise NotImplementedError

    def count_ops(self, module: object) -> int:
        raise NotImplementedError

    def cli_command(self, path: str) -> list[str]:
        raise NotImplementedError

    # The pass benchmark: parse once, then time a pipeline on fresh copies.

    def parse_module(self, text: str, filename: str) -> object:
        """Parse and verify (not timed)."""
        raise NotImplementedError

    def copy(self, module: object) -> object:
        raise NotImplementedError

    def pass_runner(self, pipeline: str) -> Callable[[object], None]:
        """A function that runs `pipeline` (e.g. 'canonicalize,cse') on a module, the
        pipeline parsed once up front; it does not verify."""
        raise NotImplementedError

    def verify_module(self, module: object) -> None:
        raise NotImplementedError


class Dialir(Tool):
    name = "dialir"
    cli_name = "dialir-opt"

    def __init__(self, passes: list[str]) -> None:
        super().__init__(passes)
        from dialir.core.ir.printer import Printer
        from dialir.core.ir.verifier import verify
        from dialir.parser.parser import parse

        self._parse, self._verify, self._printer = parse, verify, Printer
        self._pipeline = None
        if passes:
            from dialir.core.passes import parse_pipeline, registered_passes

            missing = [p for p in passes if p not in registered_passes()]
            if missing:
                raise BenchError(
                    f"dialir has no registered pass named {', '.join(missing)} "
                    f"(registered: {sorted(registered_passes()) or 'none'})"
                )
            self._pipeline = parse_pipeline(self.pipeline_spec())

    def pipeline_spec(self) -> str:
        return f"builtin.module({','.join(self.passes)})"

    def run(self, text, filename):
        pc = time.perf_counter
        t0 = pc()
        m = self._parse(text, filename, allow_unregistered=True)
        t1 = pc()
        self._verify(m)
        t2 = pc()
        if self._pipeline is not None:
            self._pipeline.run(m)
            self._verify(m)
        t3 = pc()
        out = self._printer.to_string(m, generic=True)
        t4 = pc()
        return {"parse": t1 - t0, "verify": t2 - t1, "passes": t3 - t2, "print": t4 - t3}, m, out

    def count_ops(self, module):
        return sum(1 for _ in module.walk())

    def parse_module(self, text, filename):
        m = self._parse(text, filename, allow_unregistered=True)
        self._verify(m)
        return m

    def copy(self, module):
        return module.clone()

    def pass_runner(self, pipeline):
        from dialir.core.passes import PassManager

        # verify_each off: xDSL's PassPipeline does not verify between passes either.
        pm = PassManager.parse(f"builtin.module({pipeline})", verify_each=False)
        return pm.run

    def verify_module(self, module):
        self._verify(module)

    def cli_command(self, path):
        cmd = [_venv_bin("dialir-opt"), "--allow-unregistered-dialect", "--mlir-print-op-generic"]
        if self.passes:
            cmd.append(f"--pass-pipeline={self.pipeline_spec()}")
        return cmd + [path, "-o", os.devnull]


class XDSL(Tool):
    name = "xDSL"
    cli_name = "xdsl-opt"

    def __init__(self, passes: list[str]) -> None:
        super().__init__(passes)
        from xdsl.context import Context
        from xdsl.parser import Parser
        from xdsl.printer import Printer
        from xdsl.universe import Universe

        # The same context xdsl-opt builds: every dialect registered (lazily loaded), plus
        # unregistered ops allowed.
        ctx = Context(allow_unregistered=True)
        for dialect_name, factory in Universe.get_multiverse().all_dialects.items():
            ctx.register_dialect(dialect_name, factory)
        self.ctx, self._Parser, self._Printer = ctx, Parser, Printer
        self._pipeline = None
        if passes:
            from xdsl.passes import PassPipeline
            from xdsl.transforms import get_all_passes

            self._pipeline = PassPipeline.parse_spec(get_all_passes(), ",".join(passes))

    def run(self, text, filename):
        pc = time.perf_counter
        t0 = pc()
        m = self._Parser(self.ctx, text, filename).parse_module()
        t1 = pc()
        m.verify()
        t2 = pc()
        if self._pipeline is not None:
            self._pipeline.apply(self.ctx, m)
            m.verify()
        t3 = pc()
        buf = io.StringIO()
        self._Printer(stream=buf, print_generic_format=True).print_op(m)
        out = buf.getvalue()
        t4 = pc()
        return {"parse": t1 - t0, "verify": t2 - t1, "passes": t3 - t2, "print": t4 - t3}, m, out

    def count_ops(self, module):
        return sum(1 for _ in module.walk())

    def parse_module(self, text, filename):
        m = self._Parser(self.ctx, text, filename).parse_module()
        m.verify()
        return m

    def copy(self, module):
        return module.clone()

    def pass_runner(self, pipeline):
        from xdsl.passes import PassPipeline
        from xdsl.transforms import get_all_passes

        pl = PassPipeline.parse_spec(get_all_passes(), pipeline)
        return lambda module: pl.apply(self.ctx, module)

    def verify_module(self, module):
        module.verify()

    def cli_command(self, path):
        cmd = [_venv_bin("xdsl-opt"), "--allow-unregistered-dialect", "--print-op-generic"]
        if self.passes:
            cmd += ["-p", ",".join(self.passes)]
        return cmd + [path, "-o", os.devnull]


def _venv_bin(name: str) -> str:
    """The console script next to this interpreter (the venv's), else the one on PATH."""
    cand = Path(sys.executable).parent / name
    if cand.exists():
        return str(cand)
    found = shutil.which(name)
    if found is None:
        raise BenchError(f"cannot find the '{name}' command")
    return found


# --------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------


@dataclass
class ToolResult:
    phases: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PHASES})
    total: list[float] = field(default_factory=list)
    cli: list[float] = field(default_factory=list)
    cli_rss: list[int] = field(default_factory=list)  # bytes
    peak_heap: int | None = None  # bytes, tracemalloc

    def med(self, xs: list[float]) -> float:
        return statistics.median(xs) if xs else float("nan")


@dataclass
class SizeResult:
    target: int
    ops: int
    bytes: int
    tools: dict[str, ToolResult]


# Runs argv[1:] and prints "<wall seconds> <max RSS in KiB> <exit code>". This tiny launcher
# exists because Linux charges a forked child the parent's RSS high-water mark (ru_maxrss
# survives exec), so spawning straight from this big benchmark process would report our own
# RSS; the launcher is small (about 10 MiB), far below either CLI.
_LAUNCHER = """
import os, sys, time
fa = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
t0 = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=fa)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
print(wall, ru.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_cli(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and max RSS (bytes) of one subprocess; raise if it fails."""
    proc = subprocess.run(
        [sys.executable, "-I", "-S", "-c", _LAUNCHER, *cmd], capture_output=True, text=True
    )
    try:
        wall_s, rss_s, code_s = proc.stdout.split()
        wall, rss, code = float(wall_s), int(rss_s), int(code_s)
    except ValueError:
        raise BenchError(f"launcher failed for {' '.join(cmd)}:\n{proc.stderr[:2000]}") from None
    if code != 0:
        raise BenchError(f"{' '.join(cmd)} exited with {code}:\n{proc.stderr[:2000]}")
    return wall, rss * (1 if sys.platform == "darwin" else 1024)


def timed(tool: Tool, text: str, filename: str) -> tuple[dict[str, float], object, str]:
    gc.collect()
    try:
        return tool.run(text, filename)
    except Exception as e:  # noqa: BLE001 - any failure of a tool on valid input is fatal
        raise BenchError(f"{tool.name} failed on {filename}: {type(e).__name__}: {e}") from e


def check_outputs(
    dialir: Dialir,
    xdsl: XDSL,
    path: str,
    text: str,
    expected_ops: int,
    results: dict[str, tuple[object, str]],
    cross_check: bool,
) -> None:
    """Both tools accepted `text`; check op counts and that dialir's output reparses. With
    `--passes` the modules are the passes' output: their op counts are not the input's."""
    for tool in (dialir, xdsl):
        module, _ = results[tool.name]
        n = tool.count_ops(module)
        if n != expected_ops and not tool.passes:
            raise BenchError(f"{tool.name} parsed {n} ops from {path}, expected {expected_ops}")
    expected_ops = dialir.count_ops(results["dialir"][0])
    _, out = results["dialir"]
    try:
        m2 = dialir._parse(out, path + ".dialir-out", allow_unregistered=True)
        dialir._verify(m2)
    except Exception as e:  # noqa: BLE001
        raise BenchError(f"dialir's generic output for {path} does not reparse: {e}") from e
    if dialir.count_ops(m2) != expected_ops:
        raise BenchError(f"dialir's reparsed output for {path} has a different op count")
    if not cross_check:
        return
    # Costly at 100k (a second print), so only up to --cross-check-max ops.
    out2 = dialir._printer.to_string(m2, generic=True)
    if out2 != out:
        raise BenchError(f"dialir's generic output for {path} is not a print/parse fixpoint")
    try:  # xDSL must also accept what dialir prints (parsed and verified, no passes)
        m3 = xdsl.parse_module(out, path + ".dialir-out")
    except Exception as e:  # noqa: BLE001
        raise BenchError(f"xDSL rejects dialir's generic output for {path}: {e}") from e
    if xdsl.count_ops(m3) != expected_ops:
        raise BenchError(f"xDSL parsed a different op count from dialir's output for {path}")


def peak_heap(tool: Tool, text: str, filename: str) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        tool.run(text, filename)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bench_size(
    target: int,
    repeat: int,
    tools: list[Tool],
    tmp: Path,
    args: argparse.Namespace,
    log: Callable[[str], None],
) -> SizeResult:
    text, ops = gen_program(target, args.unregistered_names)
    path = str(tmp / f"bench_{size_label(target)}.mlir")
    Path(path).write_text(text)
    res = SizeResult(target, ops, len(text.encode()), {t.name: ToolResult() for t in tools})
    log(f"[{size_label(target)}] {ops} ops, {len(text) / 1e6:.2f} MB, {repeat} repeats: {path}")
    for r in range(repeat):
        order = tools if r % 2 == 0 else tools[::-1]  # interleave, alternating who goes first
        kept: dict[str, tuple[object, str]] = {}
        for tool in order:
            phases, module, out = timed(tool, text, path)
            tr = res.tools[tool.name]
            for p in PHASES:
                tr.phases[p].append(phases[p])
            tr.total.append(sum(phases.values()))
            if r == 0:
                kept[tool.name] = (module, out)
            del module, out
        if r == 0:
            check_outputs(tools[0], tools[1], path, text, ops, kept, target <= args.cross_check_max)
            kept.clear()
        if not args.no_cli and r < args.cli_repeat:
            for tool in order:
                wall, rss = run_cli(tool.cli_command(path))
                res.tools[tool.name].cli.append(wall)
                res.tools[tool.name].cli_rss.append(rss)
        log(
            f"  repeat {r + 1}/{repeat}: "
            + ", ".join(
                f"{t.name} {res.tools[t.name].total[-1]:.3f}s"
                + (
                    f" (cli {res.tools[t.name].cli[-1]:.2f}s)"
                    if len(res.tools[t.name].cli) > r
                    else ""
                )
                for t in tools
            )
        )
    if not args.no_memory and target <= args.heap_max_ops:
        log("  tracemalloc runs")
        for tool in tools:
            res.tools[tool.name].peak_heap = peak_heap(tool, text, path)
        gc.collect()
    return res


# --------------------------------------------------------------------------------------------
# Pass pipelines: canonicalize, cse, canonicalize+cse
# --------------------------------------------------------------------------------------------

DEFAULT_PIPELINES = "canonicalize;cse;canonicalize,cse"


@dataclass
class PassResult:
    pipeline: str
    target: int
    ops: int
    times: dict[str, list[float]]  # tool name -> seconds, one per run
    ops_after: dict[str, int] = field(default_factory=dict)


def bench_passes(
    target: int,
    repeat: int,
    tools: list[Tool],
    pipelines: list[str],
    tmp: Path,
    log: Callable[[str], None],
) -> list[PassResult]:
    """Time each pipeline on the pass program: each tool parses and verifies it once (not
    timed), then every run copies the module (not timed) and times the pipeline alone.
    Runs interleave the tools, alternating which goes first; the first run's result must
    verify, and its op count is kept to show both tools did the same work."""
    text, ops = gen_pass_program(target)
    path = str(tmp / f"passes_{size_label(target)}.mlir")
    Path(path).write_text(text)
    log(f"[passes {size_label(target)}] {ops} ops, {repeat} repeats: {path}")
    originals: dict[str, object] = {}
    for tool in tools:
        gc.collect()
        try:
            module = tool.parse_module(text, path)
        except Exception as e:  # noqa: BLE001 - a tool rejecting valid input is fatal
            raise BenchError(f"{tool.name} failed on {path}: {type(e).__name__}: {e}") from e
        n = tool.count_ops(module)
        if n != ops:
            raise BenchError(f"{tool.name} parsed {n} ops from {path}, expected {ops}")
        originals[tool.name] = module
    results = []
    for pipeline in pipelines:
        runners = {t.name: t.pass_runner(pipeline) for t in tools}
        res = PassResult(pipeline, target, ops, {t.name: [] for t in tools})
        for r in range(repeat):
            order = tools if r % 2 == 0 else tools[::-1]
            for tool in order:
                module = tool.copy(originals[tool.name])
                gc.collect()
                t0 = time.perf_counter()
                try:
                    runners[tool.name](module)
                except Exception as e:  # noqa: BLE001
                    raise BenchError(
                        f"{tool.name} failed running {pipeline} on {path}: {type(e).__name__}: {e}"
                    ) from e
                res.times[tool.name].append(time.perf_counter() - t0)
                if r == 0:
                    try:
                        tool.verify_module(module)
                    except Exception as e:  # noqa: BLE001
                        raise BenchError(
                            f"{tool.name}'s output of {pipeline} does not verify: {e}"
                        ) from e
                    res.ops_after[tool.name] = tool.count_ops(module)
                del module
            log(
                f"  {pipeline} {r + 1}/{repeat}: "
                + ", ".join(f"{t.name} {res.times[t.name][-1]:.3f}s" for t in tools)
            )
        results.append(res)
    del originals
    gc.collect()
    return results


def pass_scaling(results: list[PassResult], pipeline: str, tool: str) -> tuple[str, float] | None:
    by = {r.target: r for r in results if r.pipeline == pipeline}
    if 10_000 not in by or max(by) <= 10_000:
        return None
    big = max(by)
    t_big = statistics.median(by[big].times[tool])
    t_base = statistics.median(by[10_000].times[tool])
    return f"{size_label(big)}/10k", t_big / t_base


def pass_report(results: list[PassResult], tools: list[str], markdown: bool) -> str:
    d, x = tools
    lines: list[str] = []
    if markdown:
        lines.append(
            f"| pipeline | size | ops | {d} ops/s | {x} ops/s | {d}/{x} | {d} s | {x} s "
            f"| ops left {d} / {x} |"
        )
        lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    else:
        lines.append(
            f"{'pipeline':<17} {'size':>5} {'ops':>7} {d + ' ops/s':>13} {x + ' ops/s':>11} "
            f"{'ratio':>6} {d + ' s':>9} {x + ' s':>7}  ops left"
        )
    for r in results:
        md, mx = statistics.median(r.times[d]), statistics.median(r.times[x])
        rd, rx = r.ops / md, r.ops / mx
        left = f"{r.ops_after.get(d, 0):,} / {r.ops_after.get(x, 0):,}"
        row = [
            r.pipeline.replace(",", "+"),
            size_label(r.target),
            f"{r.ops:,}",
            fmt_rate(rd),
            fmt_rate(rx),
            f"{rd / rx:.2f}x",
            f"{md:.3f}",
            f"{mx:.3f}",
            left,
        ]
        if markdown:
            lines.append("| " + " | ".join(row) + " |")
        else:
            lines.append(
                f"{row[0]:<17} {row[1]:>5} {row[2]:>7} {row[3]:>13} {row[4]:>11} {row[5]:>6} "
                f"{row[6]:>9} {row[7]:>7}  {row[8]}"
            )
    lines.append("")
    for pipeline in dict.fromkeys(r.pipeline for r in results):
        parts = []
        for t in tools:
            sc = pass_scaling(results, pipeline, t)
            if sc is not None:
                parts.append(f"{t} {sc[1]:.2f}x")
        if parts:
            label = pipeline.replace(",", "+")
            lines.append(
                f"{'- ' if markdown else ''}{label} scaling time(100k)/time(10k): "
                + ", ".join(parts)
            )
    return "\n".join(lines)


def pass_verdict(results: list[PassResult], tools: list[str]) -> str:
    d, x = tools
    parts = []
    for r in results:
        if r.target < 10_000:
            continue
        ratio = statistics.median(r.times[x]) / statistics.median(r.times[d])
        parts.append(
            f"{r.pipeline.replace(',', '+')} {size_label(r.target)}: {ratio:.2f}x "
            f"({'meets' if ratio >= 2 else 'misses'} >= 2x)"
        )
    for pipeline in dict.fromkeys(r.pipeline for r in results):
        sc = pass_scaling(results, pipeline, d)
        if sc is not None and sc[0] == "100k/10k":
            parts.append(
                f"{pipeline.replace(',', '+')} {d} time(100k)/time(10k) = {sc[1]:.2f}x "
                f"({'meets' if sc[1] <= 12 else 'misses'} <= 12x)"
            )
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------


def fmt_rate(x: float) -> str:
    return f"{x / 1000:,.1f}k" if x == x else "n/a"


def mb(x: float | None) -> str:
    return "n/a" if x is None or x != x else f"{x / 2**20:,.0f}"


def scaling(results: list[SizeResult], tool: str, base: int = 10_000) -> tuple[str, float] | None:
    """time(largest)/time(base) for `tool`, where both sizes were measured."""
    by = {r.target: r for r in results}
    if base not in by:
        return None
    big = max(by)
    if big <= base:
        return None
    t_big = by[big].tools[tool].med(by[big].tools[tool].total)
    t_base = by[base].tools[tool].med(by[base].tools[tool].total)
    return f"{size_label(big)}/{size_label(base)}", t_big / t_base


def report(results: list[SizeResult], tools: list[str], markdown: bool, passes: list[str]) -> str:
    d, x = tools
    phase_names = [p for p in PHASES if p != "passes" or passes]
    lines: list[str] = []
    if markdown:
        lines.append(
            f"| size | ops | {d} ops/s | {x} ops/s | {d}/{x} | {d} s | {x} s "
            f"| {d}-opt CLI s | xdsl-opt CLI s |"
        )
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    else:
        lines.append(
            f"{'size':>6} {'ops':>7} {d + ' ops/s':>13} {x + ' ops/s':>11} {'ratio':>6} "
            f"{d + ' s':>9} {x + ' s':>7} {'cli ' + d:>11} {'cli ' + x:>9}"
        )
    for r in results:
        td, tx = r.tools[d], r.tools[x]
        md, mx = td.med(td.total), tx.med(tx.total)
        cd, cx = td.med(td.cli), tx.med(tx.cli)
        rd, rx = r.ops / md, r.ops / mx
        row = [
            size_label(r.target),
            f"{r.ops:,}",
            fmt_rate(rd),
            fmt_rate(rx),
            f"{rd / rx:.2f}x",
            f"{md:.3f}",
            f"{mx:.3f}",
            f"{cd:.2f}",
            f"{cx:.2f}",
        ]
        if markdown:
            lines.append("| " + " | ".join(row) + " |")
        else:
            lines.append(
                f"{row[0]:>6} {row[1]:>7} {row[2]:>13} {row[3]:>11} {row[4]:>6} {row[5]:>9} "
                f"{row[6]:>7} {row[7]:>11} {row[8]:>9}"
            )
    lines.append("")
    # Phases and memory.
    ph = " / ".join(phase_names)
    if markdown:
        lines.append(
            f"| size | {d} {ph} (s) | {x} {ph} (s) | peak heap MiB {d} / {x} "
            f"| CLI max RSS MiB {d} / {x} |"
        )
        lines.append("|---|---:|---:|---:|---:|")
    else:
        lines.append(f"phases ({ph}, s), tracemalloc peak heap and CLI max RSS (MiB):")
    for r in results:
        td, tx = r.tools[d], r.tools[x]
        pd = " / ".join(f"{td.med(td.phases[p]):.3f}" for p in phase_names)
        px = " / ".join(f"{tx.med(tx.phases[p]):.3f}" for p in phase_names)
        heap = f"{mb(td.peak_heap)} / {mb(tx.peak_heap)}"
        rss = f"{mb(td.med(td.cli_rss))} / {mb(tx.med(tx.cli_rss))}"
        if markdown:
            lines.append(f"| {size_label(r.target)} | {pd} | {px} | {heap} | {rss} |")
        else:
            lines.append(
                f"{size_label(r.target):>6}  {d}: {pd}   {x}: {px}   heap {heap}   rss {rss}"
            )
    lines.append("")
    for t in tools:
        s = scaling(results, t)
        if s is not None:
            lines.append(
                f"{'- ' if markdown else ''}{t} scaling time({s[0].replace('/', ')/time(')}) "
                f"= {s[1]:.2f}x"
            )
    return "\n".join(lines)


def target_verdict(results: list[SizeResult], tools: list[str]) -> str:
    d, x = tools
    parts = []
    for r in results:
        if r.target < 10_000:
            continue
        rd = r.ops / r.tools[d].med(r.tools[d].total)
        rx = r.ops / r.tools[x].med(r.tools[x].total)
        ok = rd >= 2 * rx
        parts.append(
            f"{size_label(r.target)}: {d}/{x} = {rd / rx:.2f}x "
            f"({'meets' if ok else 'misses'} >= 2x)"
        )
    s = scaling(results, d)
    if s is not None and s[0] == "100k/10k":
        parts.append(
            f"{d} time(100k)/time(10k) = {s[1]:.2f}x ({'meets' if s[1] <= 12 else 'misses'} <= 12x)"
        )
    return "; ".join(parts)


def environment() -> dict[str, str]:
    from importlib.metadata import version

    env = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "xdsl": version("xdsl"),
    }
    try:
        env["dialir"] = version("dialir")
    except Exception:  # noqa: BLE001
        env["dialir"] = "unknown"
    try:
        env["lark"] = version("lark")
    except Exception:  # noqa: BLE001
        pass
    return env


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes",
        default="1k,10k,100k",
        help="comma-separated target op counts, e.g. '1k,10k,100k' (default)",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="repeats per size (default: 5 below 100k ops, 3 from 100k)",
    )
    ap.add_argument(
        "--cli-repeat",
        type=int,
        default=None,
        help="CLI runs per size (default: same as the in-process repeats below "
        "100k ops, 1 from 100k)",
    )
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    ap.add_argument("--json", metavar="FILE", help="also write raw timings as JSON")
    ap.add_argument("--no-cli", action="store_true", help="skip the dialir-opt/xdsl-opt runs")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    ap.add_argument(
        "--heap-max-ops",
        type=int,
        default=10_000,
        help="tracemalloc runs only for target sizes up to this many ops (default 10000: "
        "tracemalloc slows xDSL about 4x, too slow at 100k on 2 cores)",
    )
    ap.add_argument(
        "--passes",
        default="",
        help="comma-separated pass names to time as a phase of the parse/verify/print runs "
        "(e.g. canonicalize,cse)",
    )
    ap.add_argument(
        "--unregistered-names",
        action="store_true",
        help="prefix dialect names with 'u' so no op is registered in either tool "
        "(xDSL otherwise verifies its registered func/arith/scf/cf ops)",
    )
    ap.add_argument(
        "--cross-check-max",
        type=int,
        default=10_000,
        help="for sizes up to this many ops, also check that dialir's output is a "
        "print/parse fixpoint and that xDSL parses it (dialir's output is "
        "reparsed and its ops counted at every size)",
    )
    ap.add_argument(
        "--pipelines",
        default=DEFAULT_PIPELINES,
        help="';'-separated pass pipelines for the pass benchmark (default "
        f"'{DEFAULT_PIPELINES}'); '' skips it",
    )
    ap.add_argument(
        "--sections",
        default="parse,passes",
        help="which benchmarks to run: 'parse' (parse/verify/print, CLIs, memory), "
        "'passes' (the pass pipelines), or both (default)",
    )
    ap.add_argument("--keep", metavar="DIR", help="write the programs to DIR and keep them")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)

    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    passes = [p.strip() for p in args.passes.split(",") if p.strip()]
    sections = {x.strip() for x in args.sections.split(",") if x.strip()}
    if not sections <= {"parse", "passes"}:
        print(f"error: unknown section in --sections '{args.sections}'", file=sys.stderr)
        return 2
    pipelines = [p.strip() for p in args.pipelines.split(";") if p.strip()]
    if "passes" not in sections:
        pipelines = []
    log = (lambda s: None) if args.quiet else (lambda s: print(s, file=sys.stderr, flush=True))

    try:
        tools: list[Tool] = [Dialir(passes), XDSL(passes)]
    except BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    tmp_ctx = tempfile.TemporaryDirectory(prefix="dialir-bench-") if not args.keep else None
    tmp = Path(args.keep or tmp_ctx.name)  # type: ignore[union-attr]
    tmp.mkdir(parents=True, exist_ok=True)
    results: list[SizeResult] = []
    pass_results: list[PassResult] = []
    t_start = time.perf_counter()
    try:
        # Warm up both tools (grammar construction, lazy dialect loading, imports).
        warm, _ = gen_program(200, args.unregistered_names)
        for tool in tools:
            timed(tool, warm, "<warmup>")
        if pipelines:
            warm, _ = gen_pass_program(200)
            for tool in tools:
                for pipeline in pipelines:
                    tool.pass_runner(pipeline)(tool.parse_module(warm, "<warmup>"))
        for target in sizes if "parse" in sections else ():
            repeat = args.repeat or (3 if target >= 100_000 else 5)
            ns = argparse.Namespace(**vars(args))
            if args.cli_repeat is None:
                ns.cli_repeat = 1 if target >= 100_000 else repeat
            ns.cli_repeat = min(ns.cli_repeat, repeat)
            results.append(bench_size(target, repeat, tools, tmp, ns, log))
        for target in sizes if pipelines else ():
            repeat = args.repeat or (3 if target >= 100_000 else 5)
            pass_results.extend(bench_passes(target, repeat, tools, pipelines, tmp, log))
    except BenchError as e:
        print(f"\nFAILED: {e}", file=sys.stderr)
        return 1
    finally:
        if tmp_ctx is not None:
            tmp_ctx.cleanup()
    elapsed = time.perf_counter() - t_start

    env = environment()
    names = [t.name for t in tools]
    runs = {size_label(r.target): len(r.tools[names[0]].total) for r in results}
    runs.update({size_label(r.target): len(r.times[names[0]]) for r in pass_results})
    header = (
        f"Python {env['python']} ({env['implementation']}), xdsl {env['xdsl']}, "
        f"dialir {env['dialir']}, {env['cpus']} CPUs, {env['platform']}; "
        f"medians of {', '.join(f'{k}: {v}' for k, v in runs.items())} "
        f"runs; benchmark took {elapsed:.0f}s"
        + (" [--unregistered-names]" if args.unregistered_names else "")
        + (f" [--passes {','.join(passes)}]" if passes else "")
    )
    print(("_" + header + "_") if args.markdown else header)
    if results:
        print()
        print(report(results, names, args.markdown, passes))
        verdict = target_verdict(results, names)
        if verdict:
            print()
            print(("Target: " if not args.markdown else "**Target:** ") + verdict)
    if pass_results:
        print()
        print("Pass pipelines (pass time only, parse excluded):")
        print()
        print(pass_report(pass_results, names, args.markdown))
        verdict = pass_verdict(pass_results, names)
        if verdict:
            print()
            print(("Target: " if not args.markdown else "**Target (passes):** ") + verdict)

    if args.json:
        data = {
            "env": env,
            "args": vars(args),
            "elapsed_s": elapsed,
            "passes": [
                {
                    "pipeline": r.pipeline,
                    "target": r.target,
                    "ops": r.ops,
                    "times": r.times,
                    "ops_after": r.ops_after,
                }
                for r in pass_results
            ],
            "results": [
                {
                    "target": r.target,
                    "ops": r.ops,
                    "bytes": r.bytes,
                    "tools": {
                        n: {
                            "phases": tr.phases,
                            "total": tr.total,
                            "cli": tr.cli,
                            "cli_rss": tr.cli_rss,
                            "peak_heap": tr.peak_heap,
                        }
                        for n, tr in r.tools.items()
                    },
                }
                for r in results
            ],
        }
        Path(args.json).write_text(json.dumps(data, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
