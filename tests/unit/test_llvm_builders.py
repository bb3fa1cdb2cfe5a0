"""The Python builders of llvm ops (what a conversion to llvm writes): a function built op
by op verifies, prints in MLIR's syntax, translates to LLVM IR and runs."""

from __future__ import annotations

import numpy as np

from dialir.core.ir.attrs import DenseElementsAttr, UnitAttr
from dialir.core.ir.builder import Builder
from dialir.core.ir.operation import Block
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import IntegerType, RankedTensorType, f32, i1, i64
from dialir.core.ir.verifier import verify
from dialir.core.ods.builtin import ModuleOp
from dialir.dialects import llvm
from dialir.dialects.llvm.types import PTR, VOID, LLVMArrayType, LLVMFunctionType
from dialir.execution.jit import ExecutionEngine


def build_module() -> ModuleOp:
    """`scaled_sum(p, n, k) = sum(p[i] * k + table[i % 4])` over a loop, and `@table`."""
    module = ModuleOp.build()
    top = Builder.at_end(module.body)
    table_t = LLVMArrayType(f32, 4)
    table = DenseElementsAttr(RankedTensorType((4,), f32), np.array([0, 1, 2, 3], np.float32))
    top.insert(llvm.GlobalOp("table", table_t, table, constant=True, alignment=16))
    ftype = LLVMFunctionType(f32, [PTR, i64, f32])
    func = top.insert(
        llvm.FuncOp("scaled_sum", ftype, arg_attrs=[{"llvm.noalias": UnitAttr()}, {}, {}])
    )
    entry = func.add_entry_block()
    p, n, k = entry.args
    loop, body, done = Block([i64, f32]), Block(), Block()
    for b in (loop, body, done):
        func.body.append(b)
    i, acc = loop.args

    b = Builder.at_end(entry)
    zero = b.insert(llvm.ConstantOp(0, i64)).res
    fzero = b.insert(llvm.ConstantOp(0.0, f32)).res
    b.insert(llvm.BrOp(loop, [zero, fzero]))

    b = Builder.at_end(loop)
    more = b.insert(llvm.ICmpOp("slt", i, n)).res
    b.insert(llvm.CondBrOp(more, body, done))

    b = Builder.at_end(body)
    q = b.insert(llvm.GEPOp(p, [i], f32, inbounds=True)).res
    x = b.insert(llvm.LoadOp(q, f32, alignment=4)).res
    y = b.insert(llvm.FMulOp(x, k, fastmath="fast")).res
    three = b.insert(llvm.ConstantOp(3, i64)).res
    lane = b.insert(llvm.AndOp(i, three)).res
    base = b.insert(llvm.AddressOfOp("table")).res
    tq = b.insert(llvm.GEPOp(base, [0, lane], table_t, inbounds=True)).res
    t = b.insert(llvm.LoadOp(tq, f32)).res
    fma = b.insert(llvm.FMulAddOp(y, k, t)).res  # y * k + t
    acc2 = b.insert(llvm.FAddOp(acc, fma)).res
    one = b.insert(llvm.ConstantOp(1, i64)).res
    i2 = b.insert(llvm.AddOp(i, one, overflow=["nsw"])).res
    b.insert(llvm.BrOp(loop, [i2, acc2]))

    b = Builder.at_end(done)
    b.insert(llvm.ReturnOp(acc))
    return module


def test_built_function_verifies_prints_and_runs(tmp_path) -> None:
    module = build_module()
    verify(module)
    text = Printer.to_string(module)
    assert "llvm.mlir.global internal constant @table(dense<[0.000000e+00," in text
    assert (
        "llvm.func @scaled_sum(%arg0: !llvm.ptr {llvm.noalias}, %arg1: i64, %arg2: f32) -> f32"
        in text
    )
    assert "llvm.getelementptr inbounds %arg0[%" in text and "llvm.load %" in text
    assert "llvm.fmul %" in text and "fastmath<fast> : f32" in text
    assert "overflow<nsw> : i64" in text
    engine = ExecutionEngine(module, opt_level=2, cache=str(tmp_path))
    x = np.arange(10, dtype=np.float32)
    got = engine["scaled_sum"](x, len(x), 2.0)
    want = sum(v * 2 * 2 + (i % 4) for i, v in enumerate(x))
    assert got == np.float32(want)


def test_more_builders() -> None:
    module = ModuleOp.build()
    top = Builder.at_end(module.body)
    top.insert(llvm.FuncOp("malloc", LLVMFunctionType(PTR, [i64])))
    f = top.insert(llvm.FuncOp("g", LLVMFunctionType(VOID, [i64, f32, i1]), linkage="internal"))
    entry = f.add_entry_block()
    n, x, c = entry.args
    other = Block()
    f.body.append(other)
    b = Builder.at_end(entry)
    mem = b.insert(llvm.CallOp("malloc", [n], PTR)).result
    b.insert(llvm.StoreOp(x, mem, alignment=4, volatile=True))
    s_t = llvm.LLVMStructType([i64, f32])
    u = b.insert(llvm.UndefOp(s_t)).res
    s1 = b.insert(llvm.InsertValueOp(u, n, [0])).res
    e = b.insert(llvm.ExtractValueOp(s1, [0])).res
    assert e.type is i64
    sel = b.insert(llvm.SelectOp(c, x, x, fastmath="nnan")).res
    b.insert(llvm.FCmpOp("olt", sel, x))
    b.insert(llvm.SExtOp(b.insert(llvm.TruncOp(n, IntegerType(32))).res, i64))
    b.insert(llvm.SwitchOp(n, other, [(1, other), (5, other)]))
    Builder.at_end(other).insert(llvm.ReturnOp())
    verify(module)
    text = Printer.to_string(module)
    assert "llvm.store volatile %arg1, %0 <alignment = 4> : f32, !llvm.ptr" in text
    assert "llvm.switch %arg0 : i64, ^bb1 [" in text
    assert "llvm.select %arg2, %arg1, %arg1 fastmath<nnan> : i1, f32" in text
    generic = Printer.to_string(module, generic=True)
    assert (
        '"llvm.call"(%arg0) <{CConv = #llvm.cconv<ccc>, TailCallKind = #llvm.tailcallkind<none>, '
        "callee = @malloc, fastmathFlags = #llvm.fastmath<none>, op_bundle_sizes = array<i32>"
    ) in generic
