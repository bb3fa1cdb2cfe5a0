"""print-op-stats: count the ops of each name in the IR and print the table to stderr, in
MLIR's format (or as JSON); the IR is left unchanged (MLIR's PrintOpStats).

    Operations encountered:
    -----------------------
        arith.addi   , 2
      builtin.module , 1
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field

from dialir.core.ir.operation import Operation
from dialir.core.passes import Pass, register_pass


@register_pass
@dataclass
class PrintOpStats(Pass):
    name = "print-op-stats"
    summary = "Print statistics of operations"
    json: bool = field(default=False, metadata={"help": "print the stats as JSON"})

    def run(self, op: Operation) -> None:
        counts = Counter(nested.name for nested in op.walk())
        text = json_summary(counts) if self.json else summary(counts)
        sys.stderr.write(text)
        sys.stderr.flush()


def summary(counts: Counter) -> str:
    """Dialect names right-aligned on the dot, op names left-aligned, then ` , count`."""
    names = sorted(counts)
    split = [_split(name) for name in names]
    dialect_width = max((len(d) for d, _ in split), default=0)
    op_width = max((len(o) for _, o in split), default=0)
    lines = ["Operations encountered:", "-----------------------"]
    for name, (dialect, op_name) in zip(names, split):
        head = " " * (dialect_width + 3) if not dialect else dialect.rjust(dialect_width + 2) + "."
        lines.append(f"{head}{op_name.ljust(op_width)} , {counts[name]}")
    return "\n".join(lines) + "\n"


def json_summary(counts: Counter) -> str:
    names = sorted(counts)
    entries = ",\n".join(f'  "{name}" : {counts[name]}' for name in names)
    return "{\n" + entries + ("\n" if entries else "") + "}\n"


def _split(name: str) -> tuple[str, str]:
    dialect, dot, op_name = name.partition(".")
    return (dialect, op_name) if dot else ("", dialect)
