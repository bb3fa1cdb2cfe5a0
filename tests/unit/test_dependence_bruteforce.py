"""The dependence analysis against brute force (issue 12, point 3): random small nests, the
true dependences from enumerating every execution, and `check_dependence` at every depth.

The analysis may be conservative, never wrong: every true dependence must be reported at its
depth with each distance inside the reported component range. Where no subscript uses `mod`
or `floordiv`, the answer must also be exact (no spurious dependence, tight ranges).
`DIALIR_DEP_EXAMPLES=2000 pytest tests/unit/test_dependence_bruteforce.py` runs more nests.
"""

from __future__ import annotations

import os
import random
from collections import defaultdict

import pytest
from loop_nest_gen import NestProgram

from dialir.dialects.loop.analysis import (
    check_dependence,
    collect_accesses,
    num_common_loops,
)
from dialir.parser.parser import parse

EXAMPLES = int(os.environ.get("DIALIR_DEP_EXAMPLES", "60"))


def _true_dependences(prog: NestProgram) -> dict:
    """(src id, dst id, depth) -> {distance vectors over the common loops}."""
    by_element = defaultdict(list)
    for a, env, elem in prog.trace():
        by_element[(a.buffer, elem)].append((a, env))
    truth: dict = defaultdict(set)
    for events in by_element.values():
        for p, (src, s_env) in enumerate(events):
            for dst, d_env in events[p + 1 :]:
                if not (src.is_store or dst.is_store):
                    continue
                common = 0
                while (common < min(len(s_env), len(d_env))
                       and s_env[common][0] == d_env[common][0]):  # fmt: skip
                    common += 1
                dist = tuple(d_env[k][1] - s_env[k][1] for k in range(common))
                depth = next((k + 1 for k, x in enumerate(dist) if x), common + 1)
                truth[(src.ident, dst.ident, depth)].add(dist)
    return truth


def _exact_subscripts(prog: NestProgram) -> bool:
    return all(t.div is None for a in prog.accesses for t in a.subscripts)


def _check(seed: int) -> tuple[int, int]:
    prog = NestProgram(random.Random(seed))
    module = parse(prog.text(), "nest.mlir")
    accesses, opaque = collect_accesses(module)
    assert not opaque
    assert len(accesses) == len(prog.accesses)
    truth = _true_dependences(prog)
    exact = _exact_subscripts(prog)
    checked = spurious = 0
    for src in accesses:
        for dst in accesses:
            s_id, d_id = accesses.index(src), accesses.index(dst)
            n = num_common_loops(src, dst)
            for depth in range(1, n + 2):
                result = check_dependence(src, dst, depth)
                real = truth.get((s_id, d_id, depth), set())
                checked += 1
                where = f"seed {seed}: {s_id} -> {d_id} at depth {depth}\n{prog.text()}"
                if real:
                    assert result.has_dependence, "missed dependence, " + where
                    for k, comp in enumerate(result.components):
                        values = [d[k] for d in real]
                        assert comp.lb is None or comp.lb <= min(values), where
                        assert comp.ub is None or comp.ub >= max(values), where
                        if exact:
                            assert (comp.lb, comp.ub) == (min(values), max(values)), where
                elif result.has_dependence:
                    spurious += 1
                    assert not exact, "spurious dependence, " + where
    return checked, spurious


@pytest.mark.parametrize("chunk", range(4))
def test_dependence_matches_brute_force(chunk):
    per = max(1, EXAMPLES // 4)
    for seed in range(chunk * per, (chunk + 1) * per):
        _check(seed)
