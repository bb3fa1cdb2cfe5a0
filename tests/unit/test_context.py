"""The Context: which one is current (per thread), what it owns (resource blobs, loaded
dialects, the allow-unregistered flag), and the memory guarantees of uniquing: a big attribute
nothing refers to is freed, and dialir-opt's context per `// -----` chunk keeps memory flat."""

from __future__ import annotations

import gc
import sys
import threading
import tracemalloc

import numpy as np
import pytest
from dialir_tools import dialir_opt

from dialir.core.ir.attrs import DenseElementsAttr, DenseResourceElementsAttr, IntegerAttr
from dialir.core.ir.context import Context, ResourceBlob
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.dialect import load_dialect, loaded_dialects, lookup_op_class
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import IntegerType, RankedTensorType, f32, i32
from dialir.dialects.arith.ops import ConstantOp
from dialir.dialects.nn.elements import array_to_resource, elements_to_array
from dialir.parser.parser import parse

MiB = 1 << 20


# -- the current context --------------------------------------------------------------------


def test_with_makes_a_context_current_and_restores_the_previous_one() -> None:
    default = Context.current()
    assert default is Context.default()
    with Context() as outer:
        assert Context.current() is outer
        with Context() as inner:
            assert Context.current() is inner
        assert Context.current() is outer
    assert Context.current() is default


def test_a_context_is_current_in_its_own_thread_only() -> None:
    seen = []
    with Context() as mine:
        worker = threading.Thread(target=lambda: seen.append(Context.current()))
        worker.start()
        worker.join()
        assert Context.current() is mine
    assert seen == [Context.default()]


def test_exiting_out_of_order_is_an_error() -> None:
    a, b = Context(), Context()
    a.__enter__()
    b.__enter__()
    with pytest.raises(RuntimeError, match="out of order"):
        a.__exit__(None, None, None)
    b.__exit__(None, None, None)
    a.__exit__(None, None, None)
    assert Context.current() is Context.default()


def test_types_and_attributes_are_the_same_objects_in_every_context() -> None:
    attr = IntegerAttr(3, i32)
    with Context():
        assert IntegerType(32) is i32
        assert IntegerAttr(3, i32) is attr


# -- dialects and the allow-unregistered flag ------------------------------------------------


def test_dialects_load_into_each_context_from_the_process_wide_loaders() -> None:
    load_dialect("arith")
    with Context():
        assert "arith" not in loaded_dialects()
        assert lookup_op_class("arith.addi").OP_NAME == "arith.addi"
        assert "arith" in loaded_dialects()
        assert lookup_op_class("nosuchdialect.op") is None


def test_parse_allows_unregistered_ops_when_the_context_does() -> None:
    text = '"unknown.op"() : () -> ()'
    with pytest.raises(DiagnosticError, match="unregistered dialect"):
        parse(text)
    with Context(allow_unregistered=True):
        assert parse(text).body.first.name == "unknown.op"
        with pytest.raises(DiagnosticError, match="unregistered dialect"):
            parse(text, allow_unregistered=False)


# -- resource blobs --------------------------------------------------------------------------


def _blob_text(op: str, key: str, values: list[int]) -> str:
    data = np.array(values, "<i4").tobytes().hex().upper()
    return (
        f'"{op}"() {{w = dense_resource<{key}> : tensor<{len(values)}xi32>}} : () -> ()\n'
        "{-#\n  dialect_resources: {\n    builtin: {\n"
        f'      {key}: "0x04000000{data}"\n    }}\n  }}\n#-}}\n'
    )


def _values(module) -> list[int]:
    return elements_to_array(module.body.first.attributes["w"]).tolist()


def test_resources_belong_to_their_context() -> None:
    """The same key in two contexts holds different bytes; neither sees the other's."""
    with Context(allow_unregistered=True) as a:
        first = parse(_blob_text("test.a", "w", [1, 2]))
    with Context(allow_unregistered=True) as b:
        second = parse(_blob_text("test.b", "w", [3, 4]))
        assert DenseResourceElementsAttr(RankedTensorType((2,), i32), "w").handle.blob.data == (
            np.array([3, 4], "<i4").tobytes()
        )
    ha, hb = first.body.first.attributes["w"].handle, second.body.first.attributes["w"].handle
    assert ha.key == hb.key == "w" and ha is not hb
    assert a.resources.lookup("w") is ha and b.resources.lookup("w") is hb
    assert _values(first) == [1, 2] and _values(second) == [3, 4]
    # Each prints its own bytes, and neither blob reached the default context.
    assert "0x040000000100000002000000" in Printer.to_string(first)
    assert "0x040000000300000004000000" in Printer.to_string(second)
    assert Context.default().resources.lookup("w") is None


def test_a_reference_before_the_resource_section_gets_the_blob() -> None:
    with Context(allow_unregistered=True) as ctx:
        module = parse(_blob_text("test.a", "late", [5, 6]))
    handle = module.body.first.attributes["w"].handle
    assert handle.blob == ResourceBlob(np.array([5, 6], "<i4").tobytes(), 4)
    assert ctx.resources.lookup("late") is handle


def test_array_to_resource_twice_makes_two_blobs() -> None:
    with Context():
        first = array_to_resource("weights", np.array([1.0, 2.0], np.float32))
        second = array_to_resource("weights", np.array([3.0, 4.0], np.float32))
        assert (first.handle.key, second.handle.key) == ("weights", "weights_1")
        assert elements_to_array(first).tolist() == [1.0, 2.0]
        assert elements_to_array(second).tolist() == [3.0, 4.0]


def test_reparsing_printed_blobs_in_one_context_shares_them() -> None:
    with Context():
        attr = array_to_resource("shared", np.arange(4, dtype=np.float32))
        text = Printer.to_string(ConstantOp(value=attr))
        again = parse(text).body.first.value
        assert again is attr  # same key, same bytes: the same blob, the same attribute
        other = parse(text.replace("0x0400000000000000", "0x040000000000803F"))
        assert other.body.first.value.handle.key == "shared_1"


# -- memory ------------------------------------------------------------------------------------


def _traced_after_gc() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def test_dropped_dense_attributes_free_their_memory() -> None:
    """50 distinct 1 MiB dense attributes, each built (as an op's value, and parsed from text)
    and dropped: the memory they held comes back."""
    n = MiB // 4
    t = RankedTensorType((n,), f32)
    tracemalloc.start()
    try:
        before = _traced_after_gc()
        for i in range(50):
            op = ConstantOp(value=DenseElementsAttr(t, np.arange(n, dtype=np.float32) + i))
            assert op.value.array[1] == i + 1
            del op
        built = _traced_after_gc() - before
        small = RankedTensorType((n // 16,), f32)  # a 64 KiB literal: 128 KiB of hex text
        for i in range(20):
            data = (np.arange(n // 16, dtype="<f4") + i).tobytes().hex()
            module = parse(f'%c = arith.constant dense<"0x{data}"> : {small}')
            assert module.body.first.value.array[0] == i
            del module
        parsed = _traced_after_gc() - before
    finally:
        tracemalloc.stop()
    print(f"\nretained after 50 x 1 MiB built and dropped: {built / MiB:.2f} MiB, "
          f"after 20 more parsed: {parsed / MiB:.2f} MiB")  # fmt: skip
    assert built < 3 * MiB and parsed < 3 * MiB


def _chunk(i: int, floats: int) -> str:
    """A function with a constant of `floats` distinct f32 values, unused (canonicalize drops
    it, so the output stays small): a dense_resource blob in even chunks, a dense hex literal
    in odd ones."""
    hexdata = (np.arange(floats, dtype="<f4") + i).tobytes().hex()
    t = f"tensor<{floats}xf32>"
    if i % 2:
        return (
            f'func.func @f() {{\n  %c = arith.constant dense<"0x{hexdata}"> : {t}\n  return\n}}\n'
        )
    return (
        f"func.func @f() {{\n  %c = arith.constant dense_resource<w> : {t}\n  return\n}}\n"
        "{-#\n  dialect_resources: {\n    builtin: {\n"
        f'      w: "0x04000000{hexdata}"\n    }}\n  }}\n#-}}\n'
    )


def _opt_memory(tmp_path, monkeypatch, chunks: int) -> tuple[int, int]:
    """dialir-opt --split-input-file --canonicalize on `chunks` chunks of 256 KiB constants:
    (memory held at the last chunk's start minus at the second's, peak while processing
    minus memory at the first chunk's start), traced in this process."""
    path = tmp_path / f"chunks{chunks}.mlir"
    path.write_text("// -----\n".join(_chunk(i, 1 << 16) for i in range(chunks)))
    at_chunk: list[int] = []

    class Recorded(Context):
        def __enter__(self) -> Context:
            gc.collect()
            if not at_chunk:
                tracemalloc.reset_peak()
            at_chunk.append(tracemalloc.get_traced_memory()[0])
            return super().__enter__()

    monkeypatch.setattr(dialir_opt, "Context", Recorded)
    args = [str(path), "--split-input-file", "--canonicalize", "-o", str(tmp_path / "out")]
    tracemalloc.start()
    try:
        assert dialir_opt.main(args) == 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(at_chunk) == chunks
    assert (tmp_path / "out").read_text().count("func.func @f()") == chunks
    return at_chunk[-1] - at_chunk[1], peak - at_chunk[0]


def test_dialir_opt_memory_stays_flat_over_many_chunks(tmp_path, monkeypatch) -> None:
    """A chunk's blobs and attributes go with its context: 200 chunks of distinct 256 KiB
    constants hold no more than 50 do (leaking them would grow by 150 x 256 KiB = 37.5 MiB)."""
    held50, peak50 = _opt_memory(tmp_path, monkeypatch, 50)
    held200, peak200 = _opt_memory(tmp_path, monkeypatch, 200)
    print(f"\n50 chunks: held {held50 / MiB:.2f} MiB, peak {peak50 / MiB:.2f} MiB; "
          f"200 chunks: held {held200 / MiB:.2f} MiB, peak {peak200 / MiB:.2f} MiB")  # fmt: skip
    assert held200 < 2 * MiB
    assert peak200 < peak50 + 4 * MiB


# -- threads ------------------------------------------------------------------------------------


def test_uniquing_gives_one_object_per_key_across_threads() -> None:
    shapes = [(7, 11, k) for k in range(300)]
    made: list[list] = [[], []]
    start = threading.Barrier(2)

    def make(out: list) -> None:
        start.wait()
        out.extend(RankedTensorType(s, f32) for s in shapes)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        workers = [threading.Thread(target=make, args=(out,)) for out in made]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    finally:
        sys.setswitchinterval(old)
    assert all(a is b for a, b in zip(*made, strict=True))


def test_threads_adding_blobs_to_one_context_get_distinct_keys() -> None:
    ctx = Context()
    start = threading.Barrier(4)

    def add() -> None:
        start.wait()
        for i in range(100):
            ctx.resources.insert("k", ResourceBlob(bytes([i])))

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        workers = [threading.Thread(target=add) for _ in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    finally:
        sys.setswitchinterval(old)
    keys = {f"k_{n}" for n in range(1, 400)} | {"k"}
    assert all(ctx.resources.lookup(k).key == k for k in keys)


def _program(tag: str, ops: int, key_values: list[int]) -> str:
    body = "\n".join(
        f"  %v{i} = arith.addi {'%a' if i == 0 else f'%v{i - 1}'}, %a : i32" for i in range(ops)
    )
    data = np.array(key_values, "<i4").tobytes().hex()
    return (
        f"func.func @{tag}(%a: i32) -> i32 {{\n{body}\n  return %v{ops - 1} : i32\n}}\n"
        f'"test.w"() {{w = dense_resource<w> : tensor<{len(key_values)}xi32>}} : () -> ()\n'
        "{-#\n  dialect_resources: {\n    builtin: {\n"
        f'      w: "0x04000000{data}"\n    }}\n  }}\n#-}}\n'
    )


def test_two_threads_parse_at_once_each_in_its_own_context() -> None:
    texts = {"a": _program("a", 1500, [1, 2]), "b": _program("b", 1000, [3, 4])}
    expected = {}
    for tag, text in texts.items():  # each in a context of its own, as the threads parse
        with Context(allow_unregistered=True):
            expected[tag] = Printer.to_string(parse(text))
    printed: dict[str, str] = {}
    errors: dict[str, Exception] = {}
    start = threading.Barrier(2)

    def work(tag: str) -> None:
        try:
            with Context(allow_unregistered=True) as ctx:
                start.wait()
                module = parse(texts[tag])
                assert ctx.resources.lookup("w") is list(module.body.ops)[1].attributes["w"].handle
                printed[tag] = Printer.to_string(module)
        except Exception as e:  # noqa: BLE001 - reported below, with the thread's tag
            errors[tag] = e

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # interleave the two parses finely
    try:
        workers = [threading.Thread(target=work, args=(tag,)) for tag in texts]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == {}
    assert printed == expected
