"""dialir-run: execute a model or an MLIR function on numpy inputs.

The reference interpreter and the JIT arrive with their own issues; until then the tool says
so and exits with status 1.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print(
        "dialir-run: error: execution is not available yet (the interpreter and the LLVM JIT "
        "arrive with their own issues)",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
