"""The greedy rewrite driver and the pattern API: benefit order, patterns rooted at an op
name, a trait or an interface, the rewriter's notifications, constant uniquing, the iteration
limit, and CSE / region simplification driven from Python."""

from __future__ import annotations

import warnings

import pytest

from dialir.core.ir.operation import Operation
from dialir.core.ir.traits import Commutative
from dialir.core.ods.interfaces import LoopLikeOpInterface
from dialir.core.passes import parse_pipeline
from dialir.core.rewrite.patterns import (
    ConvergenceWarning,
    GreedyRewriteConfig,
    GreedyRewriteDriver,
    PatternRewriter,
    RewritePattern,
    RewriterListener,
    apply_patterns_greedily,
    rewrite_pattern,
)
from dialir.ir import parse, print_ir, verify
from dialir.transforms.cse import CSEDriver
from dialir.transforms.region_simplify import simplify_regions


def _module(text: str):
    m = parse(text, "<test>", allow_unregistered=True)
    verify(m)
    return m


def _func_body(module) -> list[str]:
    func = next(op for op in module.walk() if op.name == "func.func")
    return [op.name for op in func.regions[0].blocks[0].ops]


ADDS = """
func.func @f(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %a, %b : i32
  %1 = arith.subi %0, %b : i32
  return %1 : i32
}
"""


def test_patterns_apply_by_decreasing_benefit():
    seen: list[str] = []

    def tag(name: str, benefit: int) -> type[RewritePattern]:
        @rewrite_pattern("arith.addi", benefit=benefit)
        def pattern(op: Operation, rewriter: PatternRewriter) -> bool:
            seen.append(name)
            if "tag" in op.attributes:
                return False
            from dialir.core.ir.attrs import StringAttr

            rewriter.modify_op_in_place(op, lambda: op.attributes.update(tag=StringAttr(name)))
            return True

        return pattern

    m = _module(ADDS)
    apply_patterns_greedily(m, [tag("low", 1)(), tag("high", 5)(), tag("mid", 3)()], fold=False)
    assert seen[0] == "high"  # the first success stops the others for that visit
    add = next(op for op in m.walk() if op.name == "arith.addi")
    assert add.attributes["tag"].value == "high"
    # Later visits (the op was modified) try every pattern in benefit order.
    assert seen[1:4] == ["high", "mid", "low"]


def test_pattern_rooted_at_a_trait_and_at_an_interface():
    commutative_roots: list[str] = []
    loop_roots: list[str] = []

    @rewrite_pattern(Commutative)
    def on_trait(op, rewriter):
        commutative_roots.append(op.name)
        return False

    @rewrite_pattern(LoopLikeOpInterface)
    def on_interface(op, rewriter):
        loop_roots.append(op.name)
        return False

    m = _module(ADDS)
    apply_patterns_greedily(m, [on_trait(), on_interface()], fold=False)
    assert commutative_roots == ["arith.addi"]  # subi is not commutative
    assert loop_roots == []


def test_pattern_for_any_op_sees_unregistered_ops():
    names: list[str] = []

    @rewrite_pattern(None)
    def any_op(op, rewriter):
        names.append(op.name)
        return False

    m = _module('"test.a"() : () -> ()\n"test.b"() : () -> ()\n')
    apply_patterns_greedily(m, [any_op()])
    assert sorted(names) == ["test.a", "test.b"]


def test_listener_hears_every_change():
    events: list[tuple[str, str]] = []

    class Recorder(RewriterListener):
        def notify_op_inserted(self, op):
            events.append(("inserted", op.name))

        def notify_op_replaced(self, op, values):
            events.append(("replaced", op.name))

        def notify_op_erased(self, op):
            events.append(("erased", op.name))

        def notify_op_modified(self, op):
            events.append(("modified", op.name))

    m = _module(ADDS)
    sub = next(op for op in m.walk() if op.name == "arith.subi")
    add = sub.operand(0).owner
    rewriter = PatternRewriter(Recorder())
    rewriter.set_insertion_point(sub)
    mul = rewriter.create(type(add).__mro__[0], add.operand(0), add.operand(1))  # another addi
    rewriter.replace_op(sub, [mul.result])
    rewriter.erase_op(add)
    assert events[0] == ("inserted", "arith.addi")
    assert ("replaced", "arith.subi") in events
    assert events[-1] == ("erased", "arith.addi")
    verify(m)


def test_folding_uniques_constants_at_the_entry_block():
    m = _module(
        """
        func.func @f(%x: i32) -> (i32, i32, i32) {
          %c1 = arith.constant 1 : i32
          %c2 = arith.constant 2 : i32
          %0 = arith.addi %c1, %c2 : i32
          %1 = arith.addi %c2, %c1 : i32
          %c3 = arith.constant 3 : i32
          return %0, %1, %c3 : i32, i32, i32
        }
        """
    )
    assert apply_patterns_greedily(m, [])
    body = _func_body(m)
    assert body == ["arith.constant", "func.return"]
    verify(m)


def test_non_convergence_warns_with_a_diagnostic():
    m = _module(
        """
        func.func @f(%x: i32) -> i32 {
          %c0 = arith.constant 0 : i32
          %0 = arith.addi %x, %c0 : i32
          return %0 : i32
        }
        """
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert not apply_patterns_greedily(m, [], max_iterations=1)
    [w] = [w for w in caught if issubclass(w.category, ConvergenceWarning)]
    assert w.message.diagnostic.severity == "warning"
    assert "did not converge after 1 iteration" in w.message.diagnostic.message
    # Already at a fixed point: one sweep converges.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert apply_patterns_greedily(m, [], max_iterations=1)


def test_a_pattern_that_never_stops_hits_the_limit():
    @rewrite_pattern("arith.addi")
    def swap_forever(op, rewriter):
        def swap():
            a, b = op.operands
            op.set_operand(0, b)
            op.set_operand(1, a)

        rewriter.modify_op_in_place(op, swap)
        return True

    m = _module(ADDS)
    config = GreedyRewriteConfig(max_iterations=4, fold=False)
    driver = GreedyRewriteDriver([swap_forever()], config=config)
    assert not driver.run(m)  # each sweep stops at its rewrite budget; four sweeps
    assert driver.iterations == 4
    config = GreedyRewriteConfig(max_iterations=3, fold=False, max_num_rewrites=7)
    driver = GreedyRewriteDriver([swap_forever()], config=config)
    assert not driver.run(m)
    assert driver.iterations == 3


def test_top_down_and_bottom_up_reach_the_same_result():
    text = """
    func.func @f(%x: i32) -> i32 {
      %c0 = arith.constant 0 : i32
      %c1 = arith.constant 1 : i32
      %0 = arith.muli %x, %c1 : i32
      %1 = arith.addi %0, %c0 : i32
      %2 = arith.addi %c1, %c1 : i32
      %3 = arith.muli %1, %2 : i32
      return %3 : i32
    }
    """
    results = []
    for top_down in (False, True):
        m = _module(text)
        config = GreedyRewriteConfig(top_down=top_down, region_simplifier=simplify_regions)
        assert apply_patterns_greedily(m, [], config=config)
        results.append(print_ir(m))
    assert results[0] == results[1]
    assert "arith.muli %arg0, %c2_i32" in results[0]


def test_canonicalize_pass_from_python():
    m = _module(
        """
        func.func @f(%x: i32) -> i32 {
          %c0 = arith.constant 0 : i32
          cf.br ^bb1(%x : i32)
        ^bb1(%y: i32):
          %0 = arith.addi %y, %c0 : i32
          return %0 : i32
        }
        """
    )
    parse_pipeline("builtin.module(canonicalize)").run(m)
    verify(m)
    assert _func_body(m) == ["func.return"]


def test_cse_merges_many_duplicates():
    # Thousands of equal expressions, each used: all merge into the first (a scoped hash
    # table, one lookup per op).
    n = 5_000
    lines = ["func.func @f(%a: i32, %b: i32) -> i32 {", "  %s0 = arith.addi %a, %a : i32"]
    for i in range(1, n + 1):
        lines.append(f"  %x{i} = arith.addi %a, %b : i32")
        lines.append(f"  %s{i} = arith.muli %s{i - 1}, %x{i} : i32")
    lines.append(f"  return %s{n} : i32")
    lines.append("}")
    m = _module("\n".join(lines))
    driver = CSEDriver()
    driver.run(m)
    assert (driver.num_cse, driver.num_dce) == (n - 1, 0)
    body = _func_body(m)
    assert body.count("arith.addi") == 2 and body.count("arith.muli") == n
    verify(m)


@pytest.mark.parametrize("pipeline", ["cse", "canonicalize", "dce", "remove-dead-values"])
def test_passes_keep_valid_ir(pipeline):
    m = _module(
        """
        func.func private @g(%a: i32, %b: i32) -> (i32, i32) {
          %0 = arith.addi %a, %a : i32
          return %0, %b : i32, i32
        }
        func.func @f(%c: i1, %x: i32) -> i32 {
          %c0 = arith.constant 0 : i32
          %r:2 = func.call @g(%x, %x) : (i32, i32) -> (i32, i32)
          cf.cond_br %c, ^bb1(%r#0, %x : i32, i32), ^bb2
        ^bb1(%p: i32, %q: i32):
          %s = arith.addi %p, %c0 : i32
          cf.br ^bb3(%s : i32)
        ^bb2:
          %t = arith.addi %x, %x : i32
          %u = arith.addi %x, %x : i32
          cf.br ^bb3(%t : i32)
        ^bb3(%v: i32):
          return %v : i32
        ^bb4:
          cf.br ^bb3(%x : i32)
        }
        """
    )
    parse_pipeline(f"builtin.module({pipeline})").run(m)
    verify(m)
    text = print_ir(m)
    assert print_ir(parse(text, "<again>")) == text
