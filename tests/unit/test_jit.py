"""The JIT engine (dialir.execution.jit) on hand-written llvm-dialect functions: memref
descriptors in and out (MLIR's calling convention after convert-func-to-llvm), scalars, memory
the compiled code allocates, the on-disk object cache, and the argument checks that keep bad
inputs from ever reaching native code."""

from __future__ import annotations

import gc
import os
import stat

import numpy as np
import pytest

from dialir.core.ir.attrs import StridedLayoutAttr
from dialir.core.ir.types import DYNAMIC, FunctionType, IndexType, MemRefType, f32, f64, i1, i32
from dialir.core.ir.verifier import verify
from dialir.execution import jit
from dialir.execution.jit import ExecutionEngine, JitError
from dialir.parser.parser import parse

# A 1-D memref descriptor, expanded: allocated, aligned, offset, size, stride.
MEMREF_1D = "%alloc: !llvm.ptr, %aligned: !llvm.ptr, %offset: i64, %size: i64, %stride: i64"

SUM = f"""
llvm.func @sum({MEMREF_1D}) -> f32 {{
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %zero = llvm.mlir.constant(0.0 : f32) : f32
  llvm.br ^loop(%c0, %zero : i64, f32)
^loop(%i: i64, %acc: f32):
  %more = llvm.icmp "slt" %i, %size : i64
  llvm.cond_br %more, ^body, ^done
^body:
  %scaled = llvm.mul %i, %stride : i64
  %idx = llvm.add %offset, %scaled : i64
  %p = llvm.getelementptr %aligned[%idx] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %x = llvm.load %p : !llvm.ptr -> f32
  %acc2 = llvm.fadd %acc, %x : f32
  %i2 = llvm.add %i, %c1 : i64
  llvm.br ^loop(%i2, %acc2 : i64, f32)
^done:
  llvm.return %acc : f32
}}
"""

# out[i][j] = in[i][j] * factor over 2x3 memrefs (identity layout: strides 3, 1).
SCALE = """
llvm.func @scale(%a0: !llvm.ptr, %a1: !llvm.ptr, %a2: i64, %a3: i64, %a4: i64, %a5: i64,
                 %a6: i64, %b0: !llvm.ptr, %b1: !llvm.ptr, %b2: i64, %b3: i64, %b4: i64,
                 %b5: i64, %b6: i64, %factor: f32) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %n = llvm.mul %a3, %a4 : i64
  llvm.br ^loop(%c0 : i64)
^loop(%i: i64):
  %more = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %more, ^body, ^done
^body:
  %p = llvm.getelementptr %a1[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %x = llvm.load %p : !llvm.ptr -> f32
  %y = llvm.fmul %x, %factor fastmath<fast> : f32
  %q = llvm.getelementptr %b1[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  llvm.store %y, %q : f32, !llvm.ptr
  %i2 = llvm.add %i, %c1 : i64
  llvm.br ^loop(%i2 : i64)
^done:
  llvm.return
}
"""

# A fresh memref<?xi64> of n elements, 0..n-1, allocated with malloc.
DESC = "!llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>"
IOTA = f"""
llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @iota(%n: i64) -> {DESC} {{
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %c8 = llvm.mlir.constant(8 : i64) : i64
  %bytes = llvm.mul %n, %c8 : i64
  %mem = llvm.call @malloc(%bytes) : (i64) -> !llvm.ptr
  llvm.br ^loop(%c0 : i64)
^loop(%i: i64):
  %more = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %more, ^body, ^done
^body:
  %p = llvm.getelementptr %mem[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i64
  llvm.store %i, %p : i64, !llvm.ptr
  %i2 = llvm.add %i, %c1 : i64
  llvm.br ^loop(%i2 : i64)
^done:
  %d0 = llvm.mlir.undef : {DESC}
  %d1 = llvm.insertvalue %mem, %d0[0] : {DESC}
  %d2 = llvm.insertvalue %mem, %d1[1] : {DESC}
  %d3 = llvm.insertvalue %c0, %d2[2] : {DESC}
  %d4 = llvm.insertvalue %n, %d3[3, 0] : {DESC}
  %d5 = llvm.insertvalue %c1, %d4[4, 0] : {DESC}
  llvm.return %d5 : {DESC}
}}

// Two results (convert-func-to-llvm packs them in a struct): the iota and its length.
llvm.func @iota2(%n: i64) -> !llvm.struct<({DESC}, i64)> {{
  %d = llvm.call @iota(%n) : (i64) -> {DESC}
  %r0 = llvm.mlir.undef : !llvm.struct<({DESC}, i64)>
  %r1 = llvm.insertvalue %d, %r0[0] : !llvm.struct<({DESC}, i64)>
  %r2 = llvm.insertvalue %n, %r1[1] : !llvm.struct<({DESC}, i64)>
  llvm.return %r2 : !llvm.struct<({DESC}, i64)>
}}

// Returns its argument's descriptor with the offset moved by one: a view of the argument.
llvm.func @tail({MEMREF_1D}) -> {DESC} {{
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %off = llvm.add %offset, %c1 : i64
  %n = llvm.sub %size, %c1 : i64
  %d0 = llvm.mlir.undef : {DESC}
  %d1 = llvm.insertvalue %alloc, %d0[0] : {DESC}
  %d2 = llvm.insertvalue %aligned, %d1[1] : {DESC}
  %d3 = llvm.insertvalue %off, %d2[2] : {DESC}
  %d4 = llvm.insertvalue %n, %d3[3, 0] : {DESC}
  %d5 = llvm.insertvalue %stride, %d4[4, 0] : {DESC}
  llvm.return %d5 : {DESC}
}}
"""

SCALARS = """
llvm.func @add_i32(%a: i32, %b: i32) -> i32 {
  %0 = llvm.add %a, %b : i32
  llvm.return %0 : i32
}
llvm.func @fma_f64(%a: f64, %b: f64, %c: f64) -> f64 {
  %0 = llvm.intr.fma(%a, %b, %c) : (f64, f64, f64) -> f64
  llvm.return %0 : f64
}
llvm.func @not(%a: i1) -> i1 {
  %t = llvm.mlir.constant(true) : i1
  %0 = llvm.xor %a, %t : i1
  llvm.return %0 : i1
}
llvm.func @exp(%x: f32) -> f32 {
  %0 = llvm.intr.exp(%x) : (f32) -> f32
  llvm.return %0 : f32
}
llvm.func @first(%p: !llvm.ptr) -> f32 {
  %0 = llvm.load %p : !llvm.ptr -> f32
  llvm.return %0 : f32
}
"""

VEC_F32 = MemRefType((DYNAMIC,), f32)
MAT = MemRefType((2, 3), f32)
VEC_I64 = MemRefType((DYNAMIC,), __import__("dialir").core.ir.types.i64)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Each test compiles into a cache directory of its own."""
    monkeypatch.setattr(jit, "cache_dir", lambda: str(tmp_path))


def engine(text: str, **kw) -> ExecutionEngine:
    module = parse(text, "test.mlir")
    verify(module)
    return ExecutionEngine(module, **kw)


# -- calling ---------------------------------------------------------------------------------


def test_loop_sums_an_array() -> None:
    e = engine(SUM, opt_level=3)
    f = e.function("sum", FunctionType([VEC_F32], [f32]))
    x = np.arange(1000, dtype=np.float32)
    assert f(x) == np.float32(x.sum())
    assert isinstance(f(x), np.float32)
    assert f(np.zeros(0, np.float32)) == 0.0
    # A strided view through a strided layout: the descriptor carries the strides.
    strided = MemRefType((DYNAMIC,), f32, StridedLayoutAttr([DYNAMIC], DYNAMIC))
    g = e.function("sum", FunctionType([strided], [f32]))
    assert g(x[::3]) == np.float32(x[::3].sum())


def test_out_param_written_by_compiled_code() -> None:
    e = engine(SCALE)
    f = e.function("scale", FunctionType([MAT, MAT, f32], []))
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    out = np.zeros((2, 3), np.float32)
    assert f(a, out, 2.5) is None
    np.testing.assert_array_equal(out, a * 2.5)


def test_result_memref_owns_and_frees_malloced_memory(monkeypatch) -> None:
    freed = []
    real_free = jit._free
    monkeypatch.setattr(jit, "_free", lambda address: (freed.append(address), real_free(address)))
    e = engine(IOTA)
    iota = e.function("iota", FunctionType([IndexType()], [VEC_I64]))
    r = iota(5)
    np.testing.assert_array_equal(r, np.arange(5))
    assert r.dtype == np.int64 and r.flags.owndata is False
    copy = r + 0
    del r
    gc.collect()
    assert len(freed) == 1, "the malloc'd buffer is freed once its array is gone"
    np.testing.assert_array_equal(copy, np.arange(5))


def test_several_results() -> None:
    e = engine(IOTA)
    iota2 = e.function("iota2", FunctionType([IndexType()], [VEC_I64, IndexType()]))
    arr, n = iota2(3)
    np.testing.assert_array_equal(arr, [0, 1, 2])
    assert n == 3 and isinstance(n, np.int64)


def test_result_viewing_an_argument_keeps_it_alive_and_is_not_freed(monkeypatch) -> None:
    freed = []
    monkeypatch.setattr(jit, "_free", freed.append)
    e = engine(IOTA)
    tail = e.function("tail", FunctionType([VEC_I64], [VEC_I64]))
    x = np.arange(4, dtype=np.int64)
    view = tail(x)
    np.testing.assert_array_equal(view, [1, 2, 3])
    del x
    gc.collect()
    view[0] = 42  # still the argument's memory, still alive
    assert view.base.keep[1] == 42
    del view
    gc.collect()
    assert freed == []


def test_scalars_and_pointers() -> None:
    e = engine(SCALARS)
    assert e["add_i32"](2, 40) == 42
    assert e.invoke("add_i32", -(2**31), 0) == -(2**31)
    assert e["fma_f64"](2.0, 3.0, 1.0) == 7.0
    assert e["not"](True) is np.False_ or e["not"](True) == False  # noqa: E712
    assert e.function("exp", FunctionType([f32], [f32]))(0.0) == 1.0
    data = np.array([3.5, 1.0], np.float32)
    assert e["first"](data) == np.float32(3.5)
    assert e.function("not", FunctionType([i1], [i1]))(np.bool_(False))


def test_timings_and_host_target() -> None:
    e = engine(SCALARS, opt_level=3)
    t = e.timings.as_dict()
    assert set(t) >= {"translate", "parse", "optimize", "codegen", "load", "total"}
    assert t["cache_hit"] is False and t["parse"] > 0 and t["codegen"] > 0
    assert e.options.opt_level == 3 and e.options.cpu  # the host CPU, not a generic one
    assert "define void @_mlir_add_i32(ptr %args)" in e.llvm_ir


def test_object_cache_on_disk(tmp_path) -> None:
    first = engine(SUM)
    assert first.timings.extra["cache_hit"] is False
    second = engine(SUM)
    assert second.timings.extra["cache_hit"] is True
    assert second.timings.parse == 0 and second.timings.codegen == 0
    x = np.ones(7, np.float32)
    assert second.function("sum", FunctionType([VEC_F32], [f32]))(x) == 7.0
    assert len([n for n in os.listdir(tmp_path) if n.endswith(".o")]) == 1
    # Another optimization level is another object; no cache, no hit.
    assert engine(SUM, opt_level=0).timings.extra["cache_hit"] is False
    assert engine(SUM, cache=False).timings.extra["cache_hit"] is False
    assert engine(SUM, cache=str(tmp_path)).timings.extra["cache_hit"] is True


def test_cache_directory_is_the_users_alone(tmp_path, monkeypatch) -> None:
    monkeypatch.undo()  # the real cache_dir, under an XDG_CACHE_HOME of the test's
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    directory = jit.cache_dir()
    assert directory == str(tmp_path / "home" / "dialir" / "jit")
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    shared = tmp_path / "shared" / "dialir" / "jit"
    shared.mkdir(parents=True)
    os.chmod(shared, 0o777)  # writable by others: not trusted, so no cache
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "shared"))
    assert jit.cache_dir() is None


# -- argument checks: a clear error, never native code on bad input ------------------------------


_SCALE: list = []


def _scale():
    """One compiled @scale for all the argument-check cases (no disk cache: the cases'
    private cache directories differ)."""
    if not _SCALE:
        e = engine(SCALE, cache=False)
        _SCALE.append(e.function("scale", FunctionType([MAT, MAT, f32], [])))
    return _SCALE[0]


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (lambda a, o: (a, o), TypeError, r"scale\(\) takes 3 arguments but 2 were given"),
        (lambda a, o: (a, o, 1.0, 2.0), TypeError, r"takes 3 arguments but 4 were given"),
        (lambda a, o: (a.tolist(), o, 1.0), TypeError, r"argument #0 of scale\(\) must be a numpy array"),
        (lambda a, o: (a.astype(np.float64), o, 1.0), TypeError, r"argument #0 .* must have dtype float32 .*got float64"),
        (lambda a, o: (a, o.astype(np.int32), 1.0), TypeError, r"argument #1 .* dtype float32"),
        (lambda a, o: (a.reshape(3, 2), o, 1.0), ValueError, r"argument #0 .* must have shape \(2, 3\) .*got \(3, 2\)"),
        (lambda a, o: (a.reshape(6), o, 1.0), ValueError, r"argument #0 .* must have rank 2"),
        (lambda a, o: (np.asfortranarray(a), o, 1.0), ValueError, r"argument #0 .* must be C-contiguous"),
        (lambda a, o: (a, np.zeros((3, 2), np.float32).T, 1.0), ValueError, r"argument #1 .* C-contiguous"),
        (lambda a, o: (a, o, "2"), TypeError, r"argument #2 of scale\(\) must be a number"),
        (lambda a, o: (a, o, None), TypeError, r"argument #2 .* must be a number"),
    ],
)  # fmt: skip
def test_bad_arguments_are_rejected_before_native_code(args, error, message) -> None:
    f = _scale()
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    out = np.zeros((2, 3), np.float32)
    with pytest.raises(error, match=message):
        f(*args(a, out))
    np.testing.assert_array_equal(out, 0)  # nothing ran


def test_bad_scalars_are_rejected() -> None:
    e = engine(SCALARS)
    add = e["add_i32"]
    with pytest.raises(ValueError, match=r"argument #0 of add_i32\(\) = 4294967296 does not fit"):
        add(2**32, 0)
    with pytest.raises(ValueError, match="does not fit in i32"):
        add(-(2**31) - 1, 0)
    with pytest.raises(TypeError, match="must be an int for i32, got float"):
        add(1.5, 0)
    with pytest.raises(TypeError, match="must be an int"):
        add(True, 0)
    with pytest.raises(TypeError, match="must be a bool for i1"):
        e["not"](2)
    with pytest.raises(TypeError, match="is a pointer: pass a numpy array or an int address"):
        e["first"]("not a pointer")


def test_unaligned_array_is_rejected() -> None:
    f = engine(SUM).function("sum", FunctionType([VEC_F32], [f32]))
    raw = np.zeros(4 * 9, np.uint8)
    unaligned = raw[1:33].view(np.float32)
    assert not unaligned.flags.aligned
    with pytest.raises(ValueError, match="not aligned"):
        f(unaligned)


def test_signature_must_match_the_lowered_function() -> None:
    e = engine(SUM)
    with pytest.raises(JitError, match="not the descriptor of memref<2x3xf32>"):
        e.function("sum", FunctionType([MemRefType((DYNAMIC,), f32), MAT], [f32]))
    with pytest.raises(JitError, match="returns f32, the signature gives i32"):
        e.function("sum", FunctionType([VEC_F32], [i32]))
    with pytest.raises(JitError, match="no public function 'nope'"):
        e.function("nope")
    with pytest.raises(JitError, match="parameter 0 of the llvm.func is not index"):
        engine(SCALARS).function("add_i32", FunctionType([IndexType(), f64], [i32]))
    with pytest.raises(JitError, match="takes 2 parameters, the signature gives 1"):
        engine(SCALARS).function("add_i32", FunctionType([i32], [i32]))


# -- what would otherwise crash the process -----------------------------------------------------


def _lowered(text: str, cache=False) -> ExecutionEngine:
    from dialir.core.passes import PassManager

    module = parse(text, "<test>")
    verify(module)
    pipeline = "builtin.module(convert-scf-to-cf,convert-to-llvm,reconcile-unrealized-casts)"
    PassManager.parse(pipeline).run(module)
    return ExecutionEngine(module, cache=cache)


def test_failed_assert_is_an_error_not_an_abort(capfd) -> None:
    engine = _lowered(
        'func.func @check(%c: i1) -> i32 {\n  cf.assert %c, "c must hold"\n'
        "  %one = arith.constant 1 : i32\n  return %one : i32\n}"
    )
    assert engine["check"](True) == 1
    with pytest.raises(JitError, match=r"check\(\) called abort\(\) \(a failed cf.assert"):
        engine["check"](False)
    assert "c must hold" in capfd.readouterr().out
    assert engine["check"](True) == 1  # the engine still works after an abort


def test_integer_division_by_zero_does_not_trap() -> None:
    engine = _lowered(
        "func.func @div(%a: i32, %b: i32) -> (i32, i32, i64) {\n"
        "  %q = arith.divsi %a, %b : i32\n  %r = arith.remsi %a, %b : i32\n"
        "  %w = arith.extsi %a : i32 to i64\n  %z = arith.extsi %b : i32 to i64\n"
        "  %u = arith.divui %w, %z : i64\n  return %q, %r, %u : i32, i32, i64\n}"
    )
    assert engine["div"](-7, 2) == (-3, -1, (2**64 - 7) // 2)
    engine["div"](7, 0)  # undefined behaviour: any values, but no SIGFPE
    engine["div"](-(2**31), -1)


def test_calls_to_undefined_functions_are_an_error_before_loading() -> None:
    text = (
        "llvm.func @nowhere_to_be_found(f32) -> f32\n"
        "llvm.func @f(%x: f32) -> f32 {\n"
        "  %r = llvm.call @nowhere_to_be_found(%x) : (f32) -> f32\n  llvm.return %r : f32\n}"
    )
    with pytest.raises(JitError, match="calls nowhere_to_be_found, which nothing in this process"):
        ExecutionEngine(text, cache=False)


def test_bf16_and_f16_roundings_need_no_compiler_rt() -> None:
    import ml_dtypes

    engine = _lowered(
        "func.func @f(%a: memref<4xf64>, %h: memref<4xf16>, %b: memref<4xbf16>) {\n"
        "  %c0 = arith.constant 0 : index\n  %c1 = arith.constant 1 : index\n"
        "  %c4 = arith.constant 4 : index\n"
        "  scf.for %i = %c0 to %c4 step %c1 {\n    %x = memref.load %a[%i] : memref<4xf64>\n"
        "    %y = arith.truncf %x : f64 to f16\n    memref.store %y, %h[%i] : memref<4xf16>\n"
        "    %z = arith.truncf %x : f64 to bf16\n    %s = arith.addf %z, %z : bf16\n"
        "    memref.store %s, %b[%i] : memref<4xbf16>\n  }\n  return\n}"
    )
    a = np.array([1 + 2**-11 + 2**-40, 1.00390625 + 2**-30, -3.14159, 65519.0], np.float64)
    h = np.zeros(4, np.float16)
    b = np.zeros(4, ml_dtypes.bfloat16)
    engine["f"](a, h, b)
    np.testing.assert_array_equal(h, a.astype(np.float16))  # one rounding, not two
    np.testing.assert_array_equal(b, (a.astype(ml_dtypes.bfloat16).astype(np.float32) * 2)
                                  .astype(ml_dtypes.bfloat16))  # fmt: skip


def test_narrow_integers_cross_as_numpy_holds_them() -> None:
    # i4 elements: numpy holds them sign-extended in int8, LLVM's memory zero-extended.
    engine = _lowered(
        "func.func @neg(%a: memref<4xi4>) -> memref<4xi4> {\n"
        "  %c0 = arith.constant 0 : index\n  %c1 = arith.constant 1 : index\n"
        "  %c4 = arith.constant 4 : index\n  %z = arith.constant 0 : i4\n"
        "  %out = memref.alloc() : memref<4xi4>\n"
        "  scf.for %i = %c0 to %c4 step %c1 {\n    %x = memref.load %a[%i] : memref<4xi4>\n"
        "    %n = arith.subi %z, %x : i4\n    memref.store %n, %out[%i] : memref<4xi4>\n  }\n"
        "  return %out : memref<4xi4>\n}"
    )
    a = np.array([-8, -1, 3, 7], np.int8)
    np.testing.assert_array_equal(engine["neg"](a), [-8, 1, -3, -7])
    np.testing.assert_array_equal(a, [-8, -1, 3, 7])  # the argument is not changed


def test_allocation_failure_is_an_error_not_a_null_write() -> None:
    engine = _lowered(
        "func.func @fill(%n: index) -> memref<?xf32> {\n"
        "  %c0 = arith.constant 0 : index\n  %x = arith.constant 1.0 : f32\n"
        "  %m = memref.alloc(%n) : memref<?xf32>\n  memref.store %x, %m[%c0] : memref<?xf32>\n"
        "  return %m : memref<?xf32>\n}"
    )
    np.testing.assert_array_equal(engine["fill"](1), [1.0])
    with pytest.raises(JitError, match=r"fill\(\) ran out of memory \(malloc returned null\)"):
        engine["fill"](2**60)
