"""One way to define an op: every op is a class statement, its definition facts (fields,
assembly format) are inherited, result types are inferred through InferTypeOpInterface, plain
Python values convert to attributes through their constraint, and format field names are the
ODS names (`$in`, whatever the Python accessor is called).

The test dialect is `uni`; its loader stays registered for the pytest session.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys

import numpy as np
import pytest

from dialir.core.ir.attrs import DenseArrayAttr, FloatAttr, IntegerAttr, StringAttr
from dialir.core.ir.diagnostics import DiagnosticError, VerifyError
from dialir.core.ir.dialect import Dialect, load_all_dialects, register_dialect_loader
from dialir.core.ir.operation import Block, Operation, Region
from dialir.core.ir.printer import Printer
from dialir.core.ir.traits import Pure
from dialir.core.ir.types import IntegerType, RankedTensorType, f32, i8, i32, i64
from dialir.core.ir.verifier import verify
from dialir.core.ods.constraints import (
    AnyType,
    DenseI64Array,
    EnumAttr,
    F32Attr,
    I64Attr,
    SignlessIntegerLike,
)
from dialir.core.ods.interfaces import InferTypeError, InferTypeOpInterface
from dialir.core.ods.opdef import Op, attribute, operand, result
from dialir.dialects import arith, math
from dialir.dialects.arith import ops as arith_ops
from dialir.dialects.math import ops as math_ops
from dialir.dialects.nn import ops as nn_ops
from dialir.parser.parser import parse

# -- a test dialect: a subclass of a formatted op, and an op with its own inference ------------


class WideAddIOp(arith_ops.AddIOp):
    """A subclass of `arith.addi` that sets nothing but its name: it inherits the fields, the
    format and the folder."""

    __slots__ = ()
    OP_NAME = "uni.addi"


Mode = EnumAttr("uni mode", ["fast", "exact"])


class RepeatOp(Op, InferTypeOpInterface):
    """`%r = uni.repeat %x {times = 3} : i32`: a 1-D tensor of `times` copies of `x`."""

    __slots__ = ()
    OP_NAME = "uni.repeat"
    summary = "repeat a scalar"
    traits = frozenset({Pure})
    in_ = operand(SignlessIntegerLike)
    times = attribute(I64Attr, default=2)
    scale = attribute(F32Attr, optional=True)
    mode = attribute(Mode, default="fast")
    shape = attribute(DenseI64Array, optional=True)
    result = result(AnyType)
    assembly_format = "$in attr-dict `:` type($in)"

    @classmethod
    def infer_result_types(cls, operands, attributes, result_types=None):
        times = cls.attr_values(attributes)["times"]
        if times < 0:
            raise InferTypeError(f"attribute 'times' must be non-negative, but got {times}")
        return [RankedTensorType((times,), operands["in"].type)]


register_dialect_loader("uni", lambda: Dialect("uni", ops=[WideAddIOp, RepeatOp]))


def _in_func(*arg_types):
    block = Block(list(arg_types))
    container = Operation.create("test.container", regions=[Region([block])])
    return container, block


# -- every op is a class statement ---------------------------------------------------------------


def _op_classes() -> list[type[Op]]:
    return sorted(
        (cls for d in load_all_dialects() for cls in d.ops if issubclass(cls, Op)),
        key=lambda c: c.OP_NAME,
    )


@functools.cache
def _class_bodies(module_name: str) -> dict[str, set[str]]:
    """The names each top-level class statement of a module binds, by class name."""
    tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    bodies = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        names = set()
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(stmt.name)
            targets = (
                stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
            )
            for t in targets:
                for n in ast.walk(t) if t is not None else ():
                    if isinstance(n, ast.Name):
                        names.add(n.id)
        bodies[node.name] = names
    return bodies


@pytest.mark.parametrize("module", [arith_ops, math_ops, nn_ops], ids=["arith", "math", "nn"])
def test_ops_are_classes_named_as_their_module_binds_them(module) -> None:
    for cls in module.OPS:
        assert cls.__qualname__ == cls.__name__
        assert getattr(module, cls.__name__) is cls, cls.__name__
        assert cls.__name__ in _class_bodies(module.__name__), cls.__name__


# Set on op classes by the framework (Op.__init_subclass__), and the canonicalization
# patterns each dialect's canonicalize.py attaches (patterns build on the op classes).
_NOT_IN_CLASS_BODY = {
    "definition",
    "is_registered",
    "canonicalization_patterns",
    "default_properties",
}


def test_no_op_class_is_patched_after_its_definition() -> None:
    """Everything an op class holds is bound in its class statement (no `AddOp.simplify = f`
    afterwards)."""
    for cls in _op_classes():
        for klass in cls.__mro__:
            if klass in (Op, Operation, object) or not issubclass(klass, Op):
                continue
            bound = _class_bodies(klass.__module__).get(klass.__qualname__)
            assert bound is not None, f"{klass.__qualname__} is no class statement"
            for name in vars(klass):
                if name.startswith("__") or name in _NOT_IN_CLASS_BODY:
                    continue
                assert name in bound, f"{klass.__qualname__}.{name}"


def test_math_absf_is_named_absfop() -> None:
    assert math.AbsFOp.__name__ == "AbsFOp"
    assert "### `math.absf` (AbsFOp)" in _doc("math")


def test_the_three_definitions_read_alike() -> None:
    """arith.addi, nn.conv2d and math.absf: a class with a docstring, OP_NAME, summary,
    fields (own or a base's), a compiled format."""
    for cls in (arith.AddIOp, nn_ops.Conv2DOp, math.AbsFOp):
        own = vars(cls)
        assert own["__doc__"] and own["OP_NAME"] and own["summary"], cls
        assert cls.definition.operands and cls.definition.results
        assert cls.definition.format is not None
    assert issubclass(nn_ops.Conv2DOp, InferTypeOpInterface)


def _doc(name: str) -> str:
    from dialir.core.ods.docgen import dialect_markdown

    return dialect_markdown(next(d for d in load_all_dialects() if d.name == name))


# -- inherited definition facts ------------------------------------------------------------------


def test_subclass_of_a_formatted_op_prints_and_parses_its_custom_form() -> None:
    assert WideAddIOp.definition.format is not None
    assert [o.name for o in WideAddIOp.definition.operands] == ["lhs", "rhs"]
    container, block = _in_func(i32, i32)
    op = block.append(WideAddIOp(*block.args, overflowFlags="nsw"))
    verify(container)
    text = Printer.to_string(container)
    assert "uni.addi %arg0, %arg1 overflow<nsw> : i32" in text
    again = parse(text, allow_unregistered=True).body.first
    assert Printer.to_string(again) == text
    assert isinstance(again.regions[0].entry.first, WideAddIOp)
    assert op.result.type is i32


def test_a_redeclared_field_keeps_its_place() -> None:
    cls = nn_ops.EqualOp
    assert [o.name for o in cls.definition.operands] == ["lhs", "rhs"]
    assert cls.lhs.constraint is not nn_ops.BinaryOp.lhs.constraint
    assert cls.definition.format is not None


def test_moving_an_inherited_field_is_an_error() -> None:
    class Base(Op):
        __slots__ = ()
        a = operand()
        b = operand()

    with pytest.raises(TypeError, match="field 'b' moved"):

        class Moved(Base):  # noqa: F841  (the class statement is the test)
            __slots__ = ()
            a = None


# -- ODS names in formats --------------------------------------------------------------------


def test_format_names_the_field_without_its_underscore() -> None:
    assert arith.ExtSIOp.assembly_format.startswith("$in ")
    assert [o.name for o in arith.ExtSIOp.definition.operands] == ["in"]
    container, block = _in_func(i8)
    by_python_name = arith.ExtSIOp(in_=block.args[0], result_types=[i32])
    by_ods_name = arith.ExtSIOp(**{"in": block.args[0]}, result_types=[i32])
    block.append(by_python_name)
    block.append(by_ods_name)
    assert by_python_name.in_ is by_ods_name.in_ is block.args[0]
    text = Printer.to_string(container)
    assert "arith.extsi %arg0 : i8 to i32" in text
    assert Printer.to_string(parse(text, allow_unregistered=True).body.first) == text
    generic = Printer.to_string(container, generic=True)
    assert '"arith.extsi"(%arg0) : (i8) -> i32' in generic


def test_format_still_accepts_the_python_name() -> None:
    class Legacy(Op):
        __slots__ = ()
        OP_NAME = "uni.legacy"
        in_ = operand(SignlessIntegerLike)
        assembly_format = "$in_ attr-dict `:` type($in_)"

    assert Legacy.definition.format.elements[0].name == "in"


def test_diagnostics_and_docs_use_ods_names() -> None:
    assert "| `in` |" in _doc("arith")
    assert "| `operand` |" in _doc("math")
    assert "$in attr-dict" in _doc("arith")


# -- InferTypeOpInterface ----------------------------------------------------------------------


def test_builder_infers_through_the_interface() -> None:
    container, block = _in_func(i32)
    op = block.append(RepeatOp(block.args[0], times=3))
    assert op.result.type is RankedTensorType((3,), i32)
    verify(container)
    with pytest.raises(ValueError, match="'uni.repeat' op attribute 'times' must be non-neg"):
        RepeatOp(block.args[0], times=-1)


def test_verifier_checks_given_result_types_against_the_inferred_ones() -> None:
    container, block = _in_func(i32)
    block.append(RepeatOp(block.args[0], times=3, result_types=[RankedTensorType((4,), i32)]))
    with pytest.raises(VerifyError, match=r"result #0 type 'tensor<4xi32>' is incompatible"):
        verify(container)


def test_verifier_reports_inference_errors_as_diagnostics() -> None:
    container, block = _in_func(i32)
    block.append(
        RepeatOp(
            block.args[0], times=IntegerAttr(-2, i64), result_types=[RankedTensorType((2,), i32)]
        )
    )
    with pytest.raises(DiagnosticError, match="'times' must be non-negative, but got -2"):
        verify(container)


def test_custom_form_parser_infers_through_the_interface() -> None:
    module = parse(
        '%0 = "test.make"() : () -> i32\n%1 = uni.repeat %0 {times = 5} : i32\n',
        allow_unregistered=True,
    )
    op = list(module.body.ops)[1]
    assert op.result.type is RankedTensorType((5,), i32)


def test_ops_with_their_own_inference_implement_the_interface() -> None:
    for cls in (arith.ConstantOp, arith.CmpIOp, arith.SelectOp, *nn_ops.OPS[:-1]):
        assert issubclass(cls, InferTypeOpInterface), cls
    assert not issubclass(arith.AddIOp, InferTypeOpInterface)  # its definition fixes the type


def test_placeholders_fix_the_number_of_results() -> None:
    x = nn_ops.ConstantOp(value=np.zeros((2, 6), np.float32))
    parts = nn_ops.SplitOp(x.result, axis=1, result_types=[None, None, None])
    assert [r.type.shape for r in parts.results] == [(2, 2)] * 3
    via_keyword = nn_ops.SplitOp(x.result, axis=1, num_outputs=3)
    assert via_keyword.result_types == parts.result_types


# -- plain Python values for attributes ------------------------------------------------------


def test_plain_values_convert_through_the_constraint() -> None:
    container, block = _in_func(i32)
    op = block.append(RepeatOp(block.args[0], scale=0.5, mode="exact", shape=[1, 2]))
    assert op.properties["scale"] == FloatAttr(0.5, f32)
    assert op.properties["mode"] == IntegerAttr(1, i64)
    assert op.properties["shape"] == DenseArrayAttr(i64, [1, 2])
    assert op.attr_value("scale") == 0.5
    assert op.attr_value("mode") == "exact"
    assert op.attr_value("shape") == [1, 2]
    assert op.attr_value("times") == 2  # the default
    with pytest.raises(ValueError, match="expected uni mode to be one of: fast, exact"):
        RepeatOp(block.args[0], mode="slow")


def test_defaults_are_plain_values_too() -> None:
    assert RepeatOp.times.default == IntegerAttr(2, i64)
    assert nn_ops.Conv2DOp.strides.default == DenseArrayAttr(i64, [1, 1])
    assert nn_ops.CastOp.round_mode.default == StringAttr("up")


def test_core_constraints_take_plain_values_in_every_dialect() -> None:
    container, block = _in_func(i32, i32)
    cmp = block.append(arith.CmpIOp(*block.args, predicate="slt"))
    assert cmp.predicate_name == "slt" and cmp.attr_value("predicate") == "slt"
    add = block.append(arith.AddIOp(*block.args, overflowFlags="nsw"))
    assert add.properties["overflowFlags"] == arith.IntegerOverflowFlagsAttr("nsw")
    verify(container)
    x = nn_ops.ConstantOp(value=np.zeros((1, 3, 8, 8), np.float32)).result
    w = nn_ops.ConstantOp(value=np.zeros((4, 3, 3, 3), np.float32)).result
    conv = nn_ops.Conv2DOp(x, w, None, strides=[2, 2])
    assert conv.properties["strides"] == DenseArrayAttr(i64, [2, 2])
    assert conv.attr_value("strides") == [2, 2]
    assert conv.attr_value("dilations") == [1, 1]
    assert conv.result.type is RankedTensorType((1, 4, 3, 3), f32)


def test_attribute_constraints_are_signless_as_described() -> None:
    assert I64Attr.check(IntegerAttr(1, i64))
    assert not I64Attr.check(IntegerAttr(1, IntegerType(64, "signed")))
