"""sccp through the Python API: folding on lattice constants leaves no trace in the IR, a
folder that changes its op in place is undone, and the solver's work is linear."""

from __future__ import annotations

from typing import ClassVar

from dialir.core.ir.operation import Operation
from dialir.core.ir.traits import Pure
from dialir.core.ir.types import i32
from dialir.core.ods.opdef import Op, operand, result
from dialir.core.passes import PassManager
from dialir.ir import Block, parse, print_ir, verify
from dialir.transforms.sccp import ConstantSolver, rewrite_with_constants


def _sccp(text: str):
    module = parse(text, allow_unregistered=True)
    PassManager.parse("builtin.module(sccp)").run(module)
    verify(module)
    return module


def test_sccp_folds_through_block_arguments_and_leaves_no_stand_ins():
    module = _sccp(
        """
        func.func @f(%c: i1) -> i32 {
          %a = arith.constant 20 : i32
          cf.cond_br %c, ^bb1(%a : i32), ^bb2(%a : i32)
        ^bb1(%x: i32):
          cf.br ^bb2(%x : i32)
        ^bb2(%y: i32):
          %b = arith.constant 22 : i32
          %s = arith.addi %y, %b : i32
          return %s : i32
        }
        """
    )
    text = print_ir(module)
    assert "arith.addi" not in text
    assert "return %c42_i32 : i32" in text
    for op in module.walk():
        for v in op.operands:
            owner = getattr(v, "owner", None)
            assert not isinstance(owner, Operation) or owner.name != "sccp.fold_operand"


class _SwapInPlace(Op):
    """A folder that canonicalizes its op in place (swaps the operands) instead of folding."""

    __slots__ = ()
    OP_NAME = "sccptest.swap"
    traits: ClassVar = frozenset({Pure})
    lhs = operand()
    rhs = operand()
    res = result()

    def fold(self):
        lhs, rhs = self.operands
        self.set_operands([rhs, lhs])
        return None


def test_sccp_undoes_a_fold_that_changes_the_op_in_place():
    module = parse(
        """
        func.func @f(%arg0: i32) -> i32 {
          %c = arith.constant 1 : i32
          return %c : i32
        }
        """
    )
    func = module.body.first
    entry = func.regions[0].blocks[0]
    const = entry.first
    swap = _SwapInPlace(const.result, entry.args[0], result_types=[i32])
    entry.insert_after(const, swap)
    entry.last.set_operand(0, swap.result)

    solver = ConstantSolver(module)
    solver.solve()
    assert solver.state[swap.result] == "overdefined"
    assert swap.operands == (const.result, entry.args[0])
    rewrite_with_constants(solver, module)
    verify(module)
    assert swap.parent is entry and swap.operands[1] is entry.args[0]


class _CountingSolver(ConstantSolver):
    visits = 0

    def visit(self, op: Operation) -> None:
        type(self).visits += 1
        super().visit(op)


def test_sccp_visits_each_op_a_bounded_number_of_times():
    # A long chain of blocks, each adding to a loop-carried value: the worklist revisits an
    # op only when one of its inputs changes state, and a state changes at most twice.
    n = 400
    lines = [
        "func.func @f(%c: i1) -> i32 {",
        "  %z = arith.constant 0 : i32",
        "  cf.br ^bb1(%z : i32)",
    ]
    for i in range(1, n + 1):
        lines += [
            f"^bb{i}(%v{i}: i32):",
            f"  %k{i} = arith.constant {i} : i32",
            f"  %w{i} = arith.addi %v{i}, %k{i} : i32",
            f"  cf.cond_br %c, ^bb{i + 1}(%w{i} : i32), ^bb1(%w{i} : i32)",
        ]
    lines += [f"^bb{n + 1}(%r: i32):", "  return %r : i32", "}"]
    module = parse("\n".join(lines))
    ops = sum(1 for _ in module.walk())
    _CountingSolver.visits = 0
    solver = _CountingSolver(module.body.first)
    solver.solve()
    assert solver.state[module.body.first.regions[0].blocks[-1].args[0]] == "overdefined"
    assert _CountingSolver.visits <= 4 * ops


def test_sccp_on_an_unreachable_block_changes_nothing_there():
    module = _sccp(
        """
        func.func @f() -> i32 {
          %t = arith.constant true
          %a = arith.constant 1 : i32
          cf.cond_br %t, ^bb1, ^bb2
        ^bb1:
          return %a : i32
        ^bb2:
          %b = arith.addi %a, %a : i32
          return %b : i32
        }
        """
    )
    blocks = module.body.first.regions[0].blocks
    assert isinstance(blocks[2], Block)
    # The dead block's add is not simulated (uninitialized), so it is not replaced.
    assert [op.name for op in blocks[2].ops] == ["arith.addi", "func.return"]
