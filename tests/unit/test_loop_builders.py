"""The affine and scf builders make verified loop nests (what lowerings to loops use), the
dim and symbol rules match MLIR's, and loop-invariant code motion hoists out of every loop."""

from __future__ import annotations

import pytest

from dialir.core.ir.affine import AffineDimExpr, AffineMap, AffineSymbolExpr, IntegerSet
from dialir.core.ir.attrs import AffineMapAttr, FloatAttr, IntegerAttr
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import DYNAMIC, IndexType, IntegerType, MemRefType, f32, i1, i32
from dialir.core.ir.verifier import verify
from dialir.core.passes import PassManager
from dialir.dialects.arith.ops import AddFOp, AddIOp, CmpIOp, ConstantOp, MulFOp
from dialir.dialects.loop.affine import (
    AffineApplyOp,
    AffineForOp,
    AffineIfOp,
    AffineLoadOp,
    AffineMinOp,
    AffineParallelOp,
    AffineStoreOp,
    AffineYieldOp,
)
from dialir.dialects.loop.affine.scope import is_valid_dim, is_valid_symbol
from dialir.dialects.loop.scf import ForOp, IfOp, IndexSwitchOp, ParallelOp, WhileOp
from dialir.dialects.memref.ops import DimOp
from dialir.parser.parser import parse

INDEX = IndexType()


def _func(arg_types, name="f"):
    """A module with one `func.func` whose body block is returned (ending in func.return)."""
    text = f"func.func @{name}(" + ", ".join(f"%a{i}: {t}" for i, t in enumerate(arg_types))
    module = parse(text + ") {\n  return\n}\n")
    func = module.body.first
    return module, func.regions[0].blocks[0]


def _round_trip(module) -> str:
    verify(module)
    generic = Printer.to_string(module, generic=True)
    again = parse(generic)
    verify(again)
    assert Printer.to_string(again, generic=True) == generic
    return Printer.to_string(module)


def test_affine_matmul_nest_builds_and_verifies() -> None:
    memref = MemRefType((DYNAMIC, DYNAMIC), f32)
    module, entry = _func([memref, memref, memref])
    a, b, c = entry.args
    builder = Builder.before_op(entry.last)
    zero = builder.insert(ConstantOp(value=IntegerAttr(0, INDEX))).result
    n = builder.insert(DimOp(a, zero)).result
    assert is_valid_symbol(n)  # a dim of a top-level memref

    def k_body(bk, k, iters):
        x = bk.insert(AffineLoadOp(a, [i_loop.induction_var, k])).result
        y = bk.insert(AffineLoadOp(b, [k, j_loop.induction_var])).result
        return [bk.insert(AddFOp(iters[0], bk.insert(MulFOp(x, y)).result)).result]

    i_loop = AffineForOp.build(builder, 0, n)
    j_loop = AffineForOp.build(i_loop.body_builder(), 0, n, step=1)
    init = j_loop.body_builder().insert(ConstantOp(value=FloatAttr(0.0, f32))).result
    k_loop = AffineForOp.build(j_loop.body_builder(), 0, n, iter_args=[init], body=k_body)
    j_loop.body_builder().insert(
        AffineStoreOp(k_loop.results[0], c, [i_loop.induction_var, j_loop.induction_var])
    )
    assert k_loop.upperBoundMap.value == AffineMap(0, 1, (AffineSymbolExpr(0),))
    assert k_loop.constant_trip_count() is None
    assert is_valid_dim(k_loop.induction_var) and not is_valid_symbol(k_loop.induction_var)
    text = _round_trip(module)
    assert text.count("affine.for %") == 3


def test_affine_bounds_maps_and_access_maps() -> None:
    module, entry = _func([MemRefType((16,), f32), INDEX])
    mem, n = entry.args
    b = Builder.before_op(entry.last)
    d0, s0 = AffineDimExpr(0), AffineSymbolExpr(0)
    lower = (AffineMap(1, 1, (d0, s0)), [n, n])  # max(d0, s0)
    loop = AffineForOp.build(b, lower, 16, step=4)
    iv = loop.induction_var
    shifted = AffineMap(1, 0, (d0 + 1,))
    v = loop.body_builder().insert(AffineLoadOp(mem, shifted, [iv])).result
    loop.body_builder().insert(AffineStoreOp(v, mem, [iv]))
    m = loop.body_builder().insert(AffineMinOp(AffineMap(1, 0, (d0, d0 + 2)), [iv]))
    loop.body_builder().insert(AffineApplyOp(AffineMap(1, 0, (d0 * 2,)), [m.result]))
    assert loop.step == 4 and loop.lower_bound_map.num_results == 2
    _round_trip(module)
    assert AffineForOp(0, 10, step=3).constant_trip_count() == 4


def test_affine_parallel_reduction_and_if() -> None:
    module, entry = _func([MemRefType((8, 8), f32), INDEX])
    mem, n = entry.args
    b = Builder.before_op(entry.last)

    def body(bb, ivs):
        return [bb.insert(AffineLoadOp(mem, ivs)).result]

    par = AffineParallelOp.build(
        b, [0, 0], [n, 8], steps=[1, 2], reductions=["addf"], result_types=[f32], body=body
    )
    assert par.reduction_kinds == ["addf"] and par.step_values == [1, 2]
    assert par.group_map(True, 1) == AffineMap(0, 1, (8,))
    cond = IntegerSet(1, 1, (AffineDimExpr(0), AffineSymbolExpr(0) - AffineDimExpr(0) - 1),
                      (False, False))  # fmt: skip
    AffineIfOp.build(
        b, cond, [n, n], [f32],
        then_body=lambda bb: [par.results[0]],
        else_body=lambda bb: [par.results[0]],
    )  # fmt: skip
    _round_trip(module)


def test_invalid_symbol_is_a_diagnostic() -> None:
    module, entry = _func([INDEX])
    b = Builder.before_op(entry.last)
    outer = AffineForOp.build(b, 0, 10)
    # The outer induction variable is a dim, not a symbol: as a bare bound it is a dim map.
    inner = AffineForOp.build(outer.body_builder(), outer.induction_var, 10)
    assert inner.lower_bound_map == AffineMap.identity(1)
    verify(module)
    # As a symbol it is rejected, with MLIR's message.
    inner.properties["lowerBoundMap"] = AffineMapAttr(AffineMap(0, 1, (AffineSymbolExpr(0),)))
    with pytest.raises(DiagnosticError, match="operand cannot be used as a symbol"):
        verify(module)


def test_affine_yield_outside_affine_region() -> None:
    module, entry = _func([])
    entry.last.erase()
    entry.append(AffineYieldOp())
    with pytest.raises(DiagnosticError, match="only terminates affine.if/for/parallel"):
        verify(module)


def test_scf_builders() -> None:
    module, entry = _func([INDEX, i32, i1])
    n, x, c = entry.args
    b = Builder.before_op(entry.last)
    loop = ForOp.build(b, 0, n, 1, [x], body=lambda bb, iv, it: [
        bb.insert(AddIOp(it[0], it[0])).result
    ])  # fmt: skip
    IfOp.build(b, c, [i32], then_body=lambda bb: [loop.results[0]], else_body=lambda bb: [x])

    def before(bb, args):
        cmp = bb.insert(CmpIOp(args[0], args[0], predicate=IntegerAttr(2, IntegerType(64)))).result
        return cmp, [args[0]]

    WhileOp.build(b, [x], before=before, after=lambda bb, args: [args[0]])
    zero = b.insert(ConstantOp(value=FloatAttr(0.0, f32))).result
    ParallelOp.build(b, [0], [n], [1], [zero], body=lambda bb, ivs: [
        (zero, lambda rb, lhs, rhs: rb.insert(AddFOp(lhs, rhs)).result)
    ])  # fmt: skip
    ParallelOp.build(b, [0, 0], [n, n], [1, 1])
    b.insert(IndexSwitchOp(n, [1, 5]))
    _round_trip(module)


LICM_INPUT = """
func.func @licm(%m: memref<10xf32>, %a: f32, %n: index) {
  %lb = "arith.constant"() <{value = 0 : index}> : () -> index
  %st = "arith.constant"() <{value = 1 : index}> : () -> index
  "scf.for"(%lb, %n, %st) ({
  ^bb0(%i: index):
    %x = "arith.addf"(%a, %a) : (f32, f32) -> f32
    "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, upperBoundMap = affine_map<() -> (10)>,
                    operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index}> ({
    ^bb1(%j: index):
      %y = "arith.mulf"(%x, %x) : (f32, f32) -> f32
      "affine.store"(%y, %m, %j) <{map = affine_map<(d0) -> (d0)>}> : (f32, memref<10xf32>, index) -> ()
      "affine.yield"() : () -> ()
    }) : () -> ()
    "scf.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}
"""


def test_licm_hoists_out_of_affine_and_scf_loops() -> None:
    module = parse(LICM_INPUT)
    PassManager.parse("builtin.module(func.func(loop-invariant-code-motion))").run(module)
    verify(module)
    func = module.body.first
    names = [op.name for op in func.regions[0].blocks[0].ops]
    # mulf leaves the affine.for, then (invariant in scf.for too) the scf.for, after addf.
    assert names[:4] == ["arith.constant", "arith.constant", "arith.addf", "arith.mulf"]
