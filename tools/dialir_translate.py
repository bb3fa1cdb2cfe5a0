"""dialir-translate: between MLIR text and other formats (ONNX import, LLVM IR export).

No translation is registered yet: the ONNX importer and the LLVM IR emitter land with their
own issues. Until then the tool says so and exits with status 1.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print(
        "dialir-translate: error: no translations are available yet "
        "(--import-onnx and --mlir-to-llvmir arrive with the ONNX and LLVM issues)",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
