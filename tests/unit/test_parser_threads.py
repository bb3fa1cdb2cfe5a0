"""Parses in several threads at once: each parse has its own state (SSA scopes, aliases,
dialects' scratch state), so concurrent parses of different inputs give the same IR as
parses one after another, and an error in one does not disturb the others."""

from __future__ import annotations

import sys
import threading

import pytest

from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.dialect import Dialect, register_dialect_loader
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import Type
from dialir.ods import Param, ParametricType
from dialir.parser.parser import parse


class BoxType(ParametricType):
    """`!tbox.box<T>`: its body holds a type, parsed by a nested parse of the same parser."""

    NAME = "tbox.box"
    __slots__ = ("inner",)
    parameters = (Param("inner", Type),)


register_dialect_loader("tbox", lambda: Dialect("tbox", types=[BoxType]))


def _program(k: int, n: int = 150) -> str:
    """Custom and generic syntax, func.func signatures (func's per-parse state), aliases,
    forward references and a dialect type with a nested type, different per `k`."""
    lines = [f"#map{k} = affine_map<(d0) -> (d0 + {k})>", "module {"]
    for f in range(3):
        lines.append(f"  func.func @f{k}_{f}(%a: i32, %b: i32) -> i32 {{")
        lines.append(f'    "test.ref"() {{m = #map{k}}} : () -> ()')
        lines.append("    %c = arith.addi %a, %b overflow<nsw> : i32")
        lines.append(f'    %box = "test.box"() : () -> !tbox.box<tensor<{k + 1}xf32>>')
        for i in range(n):
            lines.append(f"    %v{i} = arith.muli %c, %{'a' if i % 2 else 'b'} : i32")
        lines.append(f'    "test.fwd"(%late) : (i{32 + k}) -> ()')
        lines.append(f'    %late = "test.def"() : () -> i{32 + k}')
        lines.append(f"    return %v{n - 1} : i32")
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


BAD = '"test.op"(%undefined) : (i32) -> ()\n'


@pytest.fixture
def fast_switching():
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads interleave inside a parse, not only between parses
    yield
    sys.setswitchinterval(old)


def test_threads_parse_different_inputs_at_once(fast_switching) -> None:
    texts = [_program(k) for k in range(3)]
    expected = [Printer.to_string(parse(t, allow_unregistered=True)) for t in texts]
    rounds = 4
    results: list[list[str]] = [[] for _ in texts]
    errors: list[str] = []
    failures: list[BaseException] = []
    barrier = threading.Barrier(len(texts) + 1)

    def parse_good(k: int) -> None:
        try:
            barrier.wait()
            for _ in range(rounds):
                module = parse(texts[k], f"t{k}.mlir", allow_unregistered=True)
                results[k].append(Printer.to_string(module))
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            failures.append(e)

    def parse_bad() -> None:
        try:
            barrier.wait()
            for _ in range(rounds * 4):
                with pytest.raises(DiagnosticError) as err:
                    parse(BAD, "bad.mlir", allow_unregistered=True)
                d = err.value.diagnostics[0]
                errors.append(f"{d.location.filename}:{d.location.line}: {d.message}")
        except BaseException as e:  # noqa: BLE001
            failures.append(e)

    threads = [threading.Thread(target=parse_good, args=(k,)) for k in range(len(texts))]
    threads.append(threading.Thread(target=parse_bad))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    for k in range(len(texts)):
        assert results[k] == [expected[k]] * rounds
    assert set(errors) == {"bad.mlir:1: use of undeclared SSA value name '%undefined'"}
