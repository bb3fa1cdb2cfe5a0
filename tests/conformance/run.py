"""Run ONNX's backend node tests through dialir and report.

    python -m tests.conformance.run                 # summary and failures on stdout
    python -m tests.conformance.run --write-status  # regenerate tests/conformance/STATUS.md
    python -m tests.conformance.run --check         # exit 1 when STATUS.md is stale
    python -m tests.conformance.run --json FILE     # every case's result, for tests

(`python tests/conformance/run.py ...` works the same.)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402  (this folder is not a package)

STATUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "STATUS.md")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write-status", action="store_true", help="rewrite STATUS.md")
    ap.add_argument("--check", action="store_true", help="fail when STATUS.md is stale")
    ap.add_argument("--json", metavar="FILE", help="write the results and the status text")
    ap.add_argument("--workers", type=int, default=None,
                    help="processes to run the cases in (default: one per usable CPU)")  # fmt: skip
    args = ap.parse_args(argv)

    import onnx

    start = time.perf_counter()
    results = harness.run_suite(workers=args.workers)
    text = harness.render_status(results, onnx.__version__)
    s = harness.summary(results)
    seconds = time.perf_counter() - start
    print(
        f"native code: {s['native_passed']} / {s['in_scope']} in-scope cases pass "
        f"({100 * s['native_pass_rate']:.1f}%); interpreter: "
        f"{s['passed']} / {s['in_scope']} in-scope cases pass ({100 * s['pass_rate']:.1f}%), "
        f"{s['cases'] - s['in_scope']} unsupported, {s['shape_mismatches']} result-type "
        f"mismatches; {seconds:.1f}s"
    )
    for r in results:
        if r.native_status == "fail":
            print(f"NATIVE FAIL {r.name}: {r.native_reason}")
        if r.status == "fail":
            print(f"FAIL {r.name}: {r.reason}")
        if r.shape_mismatch:
            print(f"TYPE {r.name}: {r.shape_mismatch}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"summary": s, "status": text, "results": harness.results_json(results)}, f)
    if args.write_status:
        with open(STATUS, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {STATUS}")
    if args.check:
        with open(STATUS, encoding="utf-8") as f:
            if f.read() != text:
                print("STATUS.md is stale: run python -m tests.conformance.run --write-status")
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
