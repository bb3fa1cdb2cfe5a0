"""What dialect grammar fragments cost the parser, and custom vs generic form.

For each size, on the program of compile_throughput.py, in one process, interleaved:
  core     generic-form text parsed by a parser built from the core grammar alone;
  full     the same text parsed by the parser with every dialect's fragment composed in;
  custom   the same IR printed in custom form (registered ops use their assembly formats)
           and parsed by the full parser.
Targets (issue 3): `full` within 10% of `core`, and `custom` at least as fast as `full`.

`--per-op N` adds, for each op kind of that program's custom form, a module of N such ops
(valid IR) parsed in custom and in generic form by the full parser, and their ratio.

    python benchmarks/custom_form.py --sizes 10k,100k --repeat 5
    python benchmarks/custom_form.py --sizes 10k --per-op 5000
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compile_throughput import gen_program, parse_size, size_label  # noqa: E402

from dialir.core.ir.dialect import load_all_dialects  # noqa: E402
from dialir.core.ir.printer import Printer  # noqa: E402
from dialir.core.ir.verifier import verify  # noqa: E402
from dialir.parser.parser import MLIRParser, get_parser  # noqa: E402

T = "tensor<4x8xf32>"
SIG = f"(%arg0: i32, %arg1: i32, %arg2: {T}) -> (i32, {T})"


def _in_func(lines: list[str], ret: bool = True) -> str:
    """A module with one function whose body is `lines` (and a return unless `ret` is false)."""
    if ret:
        lines = [*lines, f"return %arg0, %arg2 : i32, {T}"]
    body = "\n".join(f"    {line}" for line in lines)
    return f"module {{\n  func.func @f{SIG} {{\n{body}\n  }}\n}}\n"


def per_op_programs(n: int) -> dict[str, str]:
    """Custom-form modules of `n` ops of one kind each (plus a little scaffolding shared by
    both forms). The kinds are the registered ops of the compile_throughput program."""

    # A chain of blocks, each passing two values to the next: n branches.
    chain = [f"cf.br ^bb1(%arg0, %arg2 : i32, {T})"]
    for k in range(1, n):
        chain += [f"^bb{k}(%x{k}: i32, %y{k}: {T}):", f"cf.br ^bb{k + 1}(%x{k}, %y{k} : i32, {T})"]
    chain += [f"^bb{n}(%x{n}: i32, %y{n}: {T}):", f"return %x{n}, %y{n} : i32, {T}"]
    # n returns, each ending an (unreachable) block of its own.
    returns = [f"return %arg0, %arg2 : i32, {T}"]
    for k in range(1, n):
        returns += [f"^bb{k}:", f"return %arg0, %arg2 : i32, {T}"]

    funcs = "\n".join(
        f"  func.func @f{k}{SIG} {{\n    return %arg0, %arg2 : i32, {T}\n  }}" for k in range(n)
    )
    decls = "\n".join(f"  func.func private @d{k}(i32, i32, {T}) -> (i32, {T})" for k in range(n))
    return {
        "arith.constant 3 : i32": _in_func([f"%c{k} = arith.constant {k} : i32" for k in range(n)]),
        "arith.constant dense<..>": _in_func(
            [f"%c{k} = arith.constant dense<1.5> : {T}" for k in range(n)]
        ),
        "arith.addi %a, %b : i32": _in_func(
            [f"%v{k} = arith.addi %arg0, %arg1 : i32" for k in range(n)]
        ),
        "arith.addi with attr-dict": _in_func(
            [
                f'%v{k} = arith.addi %arg0, %arg1 {{bench.id = {k} : i64, bench.tag = "hot"}} : i32'
                for k in range(n)
            ]
        ),  # fmt: skip
        "arith.mulf (tensor)": _in_func(
            [f"%v{k} = arith.mulf %arg2, %arg2 : {T}" for k in range(n)]
        ),
        "arith.cmpi slt": _in_func(
            [f"%v{k} = arith.cmpi slt, %arg0, %arg1 : i32" for k in range(n)]
        ),
        "cf.br ^bb(%a, %b : ...)": _in_func(chain, ret=False),
        "func.return %a, %b : ...": _in_func(returns, ret=False),
        "func.func (body: return)": f"module {{\n{funcs}\n}}\n",
        "func.func private (decl)": f"module {{\n{decls}\n}}\n",
    }


def count_ops(module) -> int:
    return sum(1 for _ in module.walk())


def timed_medians(runs: dict[str, tuple], repeat: int) -> dict[str, float]:
    """Median CPU seconds per named (parser, text), the names interleaved in every round.
    CPU time (`process_time`) rather than wall time: a parse is one thread, and on a shared
    machine wall time also counts the time other processes hold the core."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, (parser, text) in runs.items():
            gc.collect()  # collect the previous run's IR outside the timed region
            t0 = time.process_time()
            parser.parse(text, name, True)
            times[name].append(time.process_time() - t0)
    return {k: statistics.median(v) for k, v in times.items()}


def per_op(full: MLIRParser, n: int, repeat: int) -> int:
    print()
    print(f"Per op kind ({n:,} ops each, custom vs generic form, medians of {repeat}):")
    print()
    print("| op | custom ops/s | generic ops/s | custom/generic |")
    print("|---|---:|---:|---:|")
    for name, custom in per_op_programs(n).items():
        module = full.parse(custom, "custom.mlir", False)
        verify(module)
        ops = count_ops(module)
        generic = Printer.to_string(module, generic=True)
        if Printer.to_string(full.parse(generic, "generic.mlir", False)) != Printer.to_string(
            module
        ):
            print(f"error: the {name} program does not round-trip")
            return 1
        del module
        med = timed_medians({"custom": (full, custom), "generic": (full, generic)}, repeat)
        print(
            f"| `{name}` | {ops / med['custom']:,.0f} | {ops / med['generic']:,.0f} | "
            f"{med['generic'] / med['custom']:.2f} |"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10k,100k")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--per-op", type=int, default=0, metavar="N")
    args = ap.parse_args(argv)

    dialects = load_all_dialects()
    core = MLIRParser(())
    full = get_parser()
    registered = sorted(d.name for d in dialects)
    print(f"dialects composed into the full grammar: {', '.join(registered)}")
    print()
    print(
        "| size | ops | custom-form ops | core generic ops/s | full generic ops/s "
        "| full/core | custom ops/s | custom/full |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for size in (parse_size(s) for s in args.sizes.split(",") if s):
        module = full.parse(gen_program(size)[0], "generic.mlir", True)
        generic = Printer.to_string(module, generic=True)
        ops = count_ops(module)
        custom = Printer.to_string(module)
        reparsed = full.parse(custom, "custom.mlir", True)
        if Printer.to_string(reparsed) != custom or count_ops(reparsed) != ops:
            print(f"error: the custom form of the {size_label(size)} program does not round-trip")
            return 1
        custom_ops = sum(
            1 for op in reparsed.walk() if type(op).is_registered and hasattr(op, "definition")
        )
        del module, reparsed
        med = timed_medians(
            {"core": (core, generic), "full": (full, generic), "custom": (full, custom)},
            args.repeat,
        )
        rate = {k: ops / v for k, v in med.items()}
        print(
            f"| {size_label(size)} | {ops:,} | {custom_ops:,} | {rate['core']:,.0f} | "
            f"{rate['full']:,.0f} | {rate['full'] / rate['core']:.2f} | {rate['custom']:,.0f} | "
            f"{rate['custom'] / rate['full']:.2f} |"
        )
    if args.per_op:
        return per_op(full, args.per_op, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
