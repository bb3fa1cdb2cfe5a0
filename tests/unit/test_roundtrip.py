"""print(parse(x)) is a fixed point for every valid chunk of every lit test input, in the
custom and the generic form (with and without locations), and the two forms describe the same
IR."""

from __future__ import annotations

from pathlib import Path

import pytest
from mlir_inputs import lit_files, rel, valid_chunks

from dialir.core.ir.printer import Printer
from dialir.parser.parser import parse


def _parse(text: str, name: str):
    return parse(text, name, allow_unregistered=True)


@pytest.mark.parametrize("path", lit_files(), ids=rel)
def test_lit_input_round_trips(path: Path) -> None:
    name = rel(path)
    for chunk in valid_chunks(path):
        module = _parse(chunk, name)
        custom = Printer.to_string(module)
        generic = Printer.to_string(module, generic=True)

        custom_again = _parse(custom, f"{name} (custom)")
        assert Printer.to_string(custom_again) == custom, "custom form is not a fixed point"
        generic_again = _parse(generic, f"{name} (generic)")
        assert Printer.to_string(generic_again, generic=True) == generic, (
            "generic form is not a fixed point"
        )

        # Both printouts describe the same IR.
        assert Printer.to_string(generic_again) == custom
        assert Printer.to_string(custom_again, generic=True) == generic

        # Locations survive the trip too.
        for generic_form in (False, True):
            text = Printer.to_string(module, generic=generic_form, debuginfo=True)
            again = _parse(text, f"{name} (debuginfo)")
            assert Printer.to_string(again, generic=generic_form, debuginfo=True) == text


def test_lit_inputs_exist() -> None:
    assert lit_files(), "no .mlir files found under tests/lit"
