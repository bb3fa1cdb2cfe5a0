"""Randomised: hypothesis builds small nn graphs (elementwise with broadcasting, matmul,
transpose, reductions, softmax, reshape, concat, with constant weights), lowers them with
convert-nn-to-affine (alone, and as part of nn-to-loops) and compares the loop level with
the nn level on the interpreter."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nn_loop_harness import compare

from dialir.core.ir.attrs import StringAttr, TypeAttr
from dialir.core.ir.operation import Block, Region
from dialir.core.ir.printer import Printer
from dialir.core.ir.types import FunctionType, RankedTensorType, f32
from dialir.dialects.builtin import ModuleOp
from dialir.dialects.func.ops import FuncOp, ReturnOp
from dialir.dialects.nn import ops as nn
from dialir.dialects.nn.elements import array_to_attr

UNARY = [nn.ReluOp, nn.TanhOp, nn.SigmoidOp, nn.NegOp, nn.AbsOp, nn.IdentityOp, nn.ExpOp]
BINARY = [nn.AddOp, nn.SubOp, nn.MulOp, nn.MaxOp, nn.MinOp]
KINDS = ["unary", "binary", "matmul", "transpose", "reduce", "softmax", "reshape", "concat"]


class Graph:
    def __init__(self, block: Block, draw) -> None:
        self.block = block
        self.draw = draw
        self.values = list(block.args)
        self.rng = np.random.default_rng(draw(st.integers(0, 2**16)))

    def add(self, op):
        self.block.append(op)
        if op.results[0].type.element_type is f32:
            self.values.append(op.results[0])
        return op.results[0]

    def const(self, arr):
        return self.add(nn.ConstantOp(value=array_to_attr(np.asarray(arr))))

    def pick(self):
        return self.draw(st.sampled_from(self.values[-4:]))

    def step(self, kind: str) -> None:
        draw = self.draw
        x = self.pick()
        shape = x.type.shape
        if kind == "unary":
            self.add(draw(st.sampled_from(UNARY))(x))
        elif kind == "binary":
            # the other operand: a suffix of x's shape with some dimensions 1 (broadcast
            # either way), as a weight or an existing value of that shape
            k = draw(st.integers(0, len(shape)))
            other = [1 if draw(st.booleans()) else n for n in shape[len(shape) - k :]]
            same = [v for v in self.values if v.type.shape == tuple(other)]
            y = same[0] if same and draw(st.booleans()) else self.const(
                self.rng.standard_normal(other).astype(np.float32))  # fmt: skip
            a, b = (x, y) if draw(st.booleans()) else (y, x)
            self.add(draw(st.sampled_from(BINARY))(a, b))
        elif kind == "matmul" and shape:
            n = draw(st.integers(1, 3))
            w = self.const(self.rng.standard_normal((shape[-1], n)).astype(np.float32))
            self.add(nn.MatMulOp(x, w))
        elif kind == "transpose" and len(shape) > 1:
            perm = draw(st.permutations(list(range(len(shape)))))
            self.add(nn.TransposeOp(x, perm=list(perm)))
        elif kind == "reduce" and shape:
            axes = draw(st.lists(st.integers(0, len(shape) - 1), min_size=1, unique=True))
            cls = draw(st.sampled_from([nn.ReduceSumOp, nn.ReduceMeanOp, nn.ReduceMaxOp]))
            a = self.const(np.array(axes, np.int64))
            self.add(cls(x, a, keepdims=draw(st.booleans())))
        elif kind == "softmax" and shape:
            axis = draw(st.integers(-len(shape), len(shape) - 1))
            cls = draw(st.sampled_from([nn.SoftmaxOp, nn.LogSoftmaxOp]))
            self.add(cls(x, axis=axis))
        elif kind == "reshape":
            target = [int(np.prod(shape))] if len(shape) != 1 else [1, shape[0]]
            self.add(nn.ReshapeOp(x, self.const(np.array(target, np.int64))))
        elif kind == "concat" and shape:
            axis = draw(st.integers(0, len(shape) - 1))
            self.add(nn.ConcatOp([x, x], axis=axis))
        else:
            self.add(nn.ReluOp(x))


@st.composite
def graphs(draw):
    n_inputs = draw(st.integers(1, 2))
    shapes = [draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)) for _ in range(n_inputs)]
    block = Block([RankedTensorType(tuple(s), f32) for s in shapes])
    g = Graph(block, draw)
    for kind in draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=6)):
        g.step(kind)
    results = [g.values[-1]]
    if draw(st.booleans()) and len(g.values) > n_inputs + 1:
        results.append(g.values[-2])
    block.append(ReturnOp(results))
    ftype = FunctionType([a.type for a in block.args], [v.type for v in results])
    func = FuncOp(
        sym_name=StringAttr("f"), function_type=TypeAttr(ftype), regions=[Region([block])]
    )
    module = ModuleOp.build([func])
    inputs = [g.rng.standard_normal(s).astype(np.float32) for s in shapes]
    return Printer.to_string(module), inputs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.sampled_from(["convert-nn-to-affine", "nn-to-loops"]))
def test_random_graphs(graph, pipeline):
    text, inputs = graph
    compare(text, inputs, rtol=1e-4, atol=1e-5, pipeline=f"builtin.module({pipeline})")
