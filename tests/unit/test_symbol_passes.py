"""symbol-dce, symbol-privatize and inline through the Python API, and the symbol and call
graph utilities they share."""

from __future__ import annotations

import pytest

from dialir.core.ir.attrs import ArrayAttr, DictionaryAttr, IntegerAttr, SymbolRefAttr
from dialir.core.ir.symbols import (
    SymbolTableCollection,
    attribute_symbol_refs,
    symbol_uses,
    walk_symbol_tables,
)
from dialir.core.passes import PassManager, PassPipelineError, PipelineError
from dialir.core.passes.callgraph import CallGraph
from dialir.ir import parse, print_ir, verify


def _run(pipeline: str, text: str):
    module = parse(text, allow_unregistered=True)
    PassManager.parse(pipeline).run(module)
    verify(module)
    return module


def _funcs(module) -> list[str]:
    return [op.get_attr("sym_name").value for op in module.body.ops if op.name == "func.func"]


# -- symbols ---------------------------------------------------------------------------------


def test_symbol_refs_are_found_in_nested_arrays_and_dictionaries():
    a, b, c = SymbolRefAttr("a"), SymbolRefAttr("b", ["x"]), SymbolRefAttr("c")
    attr = ArrayAttr(
        [IntegerAttr(1), ArrayAttr([a]), DictionaryAttr({"k": DictionaryAttr({"n": b})}), c]
    )
    refs: list = []
    attribute_symbol_refs(attr, refs)
    assert set(refs) == {a, b, c}


def test_symbol_uses_do_not_enter_nested_symbol_tables():
    module = parse(
        """
        func.func @f() {
          "test.use"() {r = @g} : () -> ()
          return
        }
        module @inner {
          "test.use"() {r = @hidden} : () -> ()
        }
        """,
        allow_unregistered=True,
    )
    uses = symbol_uses(module.body.first, lambda name: False)
    assert [ref.root for ref, _ in uses] == ["g"]


def test_lookup_resolves_nested_references_through_tables():
    module = parse(
        """
        module @outer {
          func.func private @f()
        }
        func.func private @g()
        """
    )
    tables = SymbolTableCollection()
    chain = tables.lookup_in(module, SymbolRefAttr("outer", ["f"]))
    assert [op.get_attr("sym_name").value for op in chain] == ["outer", "f"]
    assert tables.lookup_in(module, SymbolRefAttr("outer", ["missing"])) is None


def test_walk_symbol_tables_visits_inner_tables_first_with_visibility():
    module = parse(
        """
        module @public_inner {
        }
        module @private_inner attributes {sym_visibility = "private"} {
        }
        """
    )
    seen = []
    walk_symbol_tables(module, False, lambda op, visible: seen.append((op.name, visible)))
    # The top module has no name (not a symbol): its uses are visible; a public nested
    # table inherits that, a private one is visible by itself.
    assert seen == [
        ("builtin.module", True),
        ("builtin.module", True),
        ("builtin.module", True),
    ]
    inner = module.body.first
    seen.clear()
    walk_symbol_tables(inner, False, lambda op, visible: seen.append(visible))
    assert seen == [False]


# -- the call graph --------------------------------------------------------------------------


def test_call_graph_sccs_list_callees_before_callers():
    module = parse(
        """
        func.func @main() {
          call @a() : () -> ()
          return
        }
        func.func @a() {
          call @b() : () -> ()
          return
        }
        func.func @b() {
          call @a() : () -> ()
          call @leaf() : () -> ()
          return
        }
        func.func @leaf() {
          return
        }
        """
    )
    cg = CallGraph(module)
    names = [
        sorted(node.callable_op.get_attr("sym_name").value for node in scc)
        for scc in cg.sccs()
        if not scc[0].is_external
    ]
    assert names.index(["leaf"]) < names.index(["a", "b"]) < names.index(["main"])


# -- symbol-dce ------------------------------------------------------------------------------


def test_symbol_dce_keeps_public_and_referenced_symbols():
    module = _run(
        "builtin.module(symbol-dce)",
        """
        func.func private @dead()
        func.func private @used_by_public()
        func.func @public() {
          call @used_by_public() : () -> ()
          return
        }
        """,
    )
    assert _funcs(module) == ["used_by_public", "public"]


def test_symbol_dce_counts_erased_symbols():
    module = parse("func.func private @a()\nfunc.func private @b()\nfunc.func @c() {\n return\n}")
    pm = PassManager.parse("builtin.module(symbol-dce)")
    pm.run(module)
    (dce,) = pm.passes()
    assert dce.__dict__["_pass_counts"]["num-dce'd"] == 2


def test_symbol_dce_on_a_non_symbol_table_fails_with_a_diagnostic():
    module = parse("func.func @f() {\n  return\n}")
    with pytest.raises(PassPipelineError) as e:
        PassManager.parse("builtin.module(func.func(symbol-dce))").run(module)
    assert "does not define a symbol table" in e.value.diagnostics[0].message


# -- symbol-privatize ------------------------------------------------------------------------


def test_symbol_privatize_keeps_excluded_names_public():
    module = _run(
        "builtin.module(symbol-privatize{exclude=keep})",
        "func.func @keep() {\n return\n}\nfunc.func @hide() {\n return\n}",
    )
    text = print_ir(module)
    assert "func.func @keep()" in text
    assert "func.func private @hide()" in text


# -- inline ----------------------------------------------------------------------------------


def test_inline_from_python_removes_the_private_callee():
    module = _run(
        "builtin.module(inline{default-pipeline=})",
        """
        func.func private @twice(%x: i32) -> i32 {
          %y = arith.addi %x, %x : i32
          return %y : i32
        }
        func.func @main(%a: i32) -> i32 {
          %r = call @twice(%a) : (i32) -> i32
          return %r : i32
        }
        """,
    )
    assert _funcs(module) == ["main"]
    main = module.body.first
    assert [op.name for op in main.regions[0].ops()] == ["arith.addi", "func.return"]


def test_inline_clones_a_callee_with_several_callers():
    module = _run(
        "builtin.module(inline{default-pipeline=})",
        """
        func.func @callee(%x: i32) -> i32 {
          %y = arith.muli %x, %x : i32
          return %y : i32
        }
        func.func @one(%a: i32) -> i32 {
          %r = call @callee(%a) : (i32) -> i32
          return %r : i32
        }
        func.func @two(%a: i32) -> i32 {
          %r = call @callee(%a) : (i32) -> i32
          return %r : i32
        }
        """,
    )
    callee, one, two = module.body.ops
    muls = [op for f in (callee, one, two) for op in f.regions[0].ops() if op.name == "arith.muli"]
    assert len(muls) == 3 and len({id(m) for m in muls}) == 3
    # Each copy uses its own caller's argument.
    assert muls[1].operand(0) is one.regions[0].blocks[0].args[0]
    assert muls[2].operand(0) is two.regions[0].blocks[0].args[0]


def test_inline_rejects_a_bad_default_pipeline_when_the_pipeline_is_parsed():
    with pytest.raises(PipelineError) as e:
        PassManager.parse("builtin.module(inline{default-pipeline=no-such-pass})")
    assert "invalid default-pipeline 'no-such-pass'" in e.value.diagnostics[0].message


def test_inline_keeps_op_counts_for_the_threshold_exact():
    from dialir.transforms.inline import Inliner, _count_ops, _InlinerRun

    module = parse(
        """
        func.func @single(%x: i32) -> i32 {
          %y = arith.addi %x, %x : i32
          %z = arith.muli %y, %y : i32
          return %z : i32
        }
        func.func @multi(%c: i1, %x: i32) -> i32 {
          cf.cond_br %c, ^bb1, ^bb2
        ^bb1:
          return %x : i32
        ^bb2:
          %y = arith.subi %x, %x : i32
          return %y : i32
        }
        func.func @caller(%c: i1, %a: i32) -> i32 {
          %0 = call @single(%a) : (i32) -> i32
          %1 = call @multi(%c, %0) : (i1, i32) -> i32
          %2 = call @single(%1) : (i32) -> i32
          return %2 : i32
        }
        """
    )
    run = _InlinerRun(Inliner(default_pipeline="", inlining_threshold=1000), module)
    run.run()
    verify(module)
    caller = module.body.last
    assert not [op for op in caller.walk() if op.name == "func.call"]
    assert run.op_counts[caller.regions[0]] == _count_ops(caller.regions[0])
