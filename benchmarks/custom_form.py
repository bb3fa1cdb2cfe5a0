"""What dialect grammar fragments cost the parser, and custom vs generic form.

For each size, on the program of compile_throughput.py, in one process, interleaved:
  core     generic-form text parsed by a parser built from the core grammar alone;
  full     the same text parsed by the parser with every dialect's fragment composed in;
  custom   the same IR printed in custom form (registered ops use their assembly formats)
           and parsed by the full parser.
Targets (issue 3): `full` within 10% of `core`, and `custom` at least as fast as `full`.

    python benchmarks/custom_form.py --sizes 10k,100k --repeat 5
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

from dialir.core.dialect import load_all_dialects  # noqa: E402
from dialir.core.printer import Printer  # noqa: E402
from dialir.parser.parser import MLIRParser, get_parser  # noqa: E402


def count_ops(module) -> int:
    return sum(1 for _ in module.walk())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10k,100k")
    ap.add_argument("--repeat", type=int, default=5)
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
    for size in (parse_size(s) for s in args.sizes.split(",")):
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
        times: dict[str, list[float]] = {"core": [], "full": [], "custom": []}
        for _ in range(args.repeat):
            for name, parser, text in (
                ("core", core, generic),
                ("full", full, generic),
                ("custom", full, custom),
            ):
                gc.collect()  # collect the previous run's IR outside the timed region
                t0 = time.perf_counter()
                parser.parse(text, name, True)
                times[name].append(time.perf_counter() - t0)
        med = {k: statistics.median(v) for k, v in times.items()}
        rate = {k: ops / v for k, v in med.items()}
        print(
            f"| {size_label(size)} | {ops:,} | {custom_ops:,} | {rate['core']:,.0f} | "
            f"{rate['full']:,.0f} | {rate['full'] / rate['core']:.2f} | {rate['custom']:,.0f} | "
            f"{rate['custom'] / rate['full']:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
