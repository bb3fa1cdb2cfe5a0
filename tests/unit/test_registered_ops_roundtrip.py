"""Every registered op with a declarative definition is built from generated operands and
attributes, verified, and must print -> parse -> print to a fixed point in custom and generic
form, with both forms parsing to the same IR.

Instances are generated from the op's own definition: operand and result types are drawn from a
pool filtered by each field's constraint (SameAs fields share a type), attributes from a pool
filtered by their constraints (enum cases all tried). An op must yield at least one instance
that its verifier accepts, so an op whose definition cannot be satisfied fails here too.
"""

from __future__ import annotations

import pytest
from dialir_tools.fuzz.instances import OPS, instances
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialir.core.ir.operation import Operation
from dialir.core.ir.printer import Printer
from dialir.parser.parser import parse


def _check_round_trip(container: Operation) -> None:
    custom = Printer.to_string(container)
    generic = Printer.to_string(container, generic=True)
    reparsed = parse(custom, allow_unregistered=True)
    assert Printer.to_string(reparsed) == Printer.to_string(parse(custom, allow_unregistered=True))
    again = Printer.to_string(reparsed.body.first)
    assert Printer.to_string(parse(again, allow_unregistered=True).body.first) == again
    from_generic = parse(generic, allow_unregistered=True)
    assert Printer.to_string(from_generic.body.first, generic=True) == Printer.to_string(
        reparsed.body.first, generic=True
    )


@pytest.mark.parametrize("cls", OPS, ids=[c.OP_NAME for c in OPS])
def test_every_registered_op_round_trips(cls) -> None:
    examples = instances(cls)
    assert examples, f"no verified instance of {cls.OP_NAME} could be generated"
    for container in examples:
        _check_round_trip(container)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_registered_op_round_trips(data) -> None:
    if not OPS:
        pytest.skip("no declarative ops are registered")
    cls = data.draw(st.sampled_from(OPS))
    examples = instances(cls)
    assert examples, f"no verified instance of {cls.OP_NAME} could be generated"
    _check_round_trip(data.draw(st.sampled_from(examples)))
