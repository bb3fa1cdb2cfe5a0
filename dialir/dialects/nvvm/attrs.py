"""nvvm attributes: `#nvvm.target<...>` (a gpu.module's NVIDIA target: the chip, PTX
features and optimisation level the module is compiled with) and `#nvvm.shfl_kind<...>`."""

from __future__ import annotations

from typing import Any

from dialir.core.ir.attrs import Attribute, DictionaryAttr
from dialir.core.ir.literals import escape_string, unescape
from dialir.core.ods.constraints import CustomAttr
from dialir.core.ods.typedef import KeywordAttr, Param, ParametricAttr, split_top_level

TRIPLE = "nvptx64-nvidia-cuda"


class NVVMTargetAttr(ParametricAttr):
    """`#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">`: parameters equal to their
    defaults are left out, as MLIR prints them (`#nvvm.target` alone is sm_50, -O2)."""

    __slots__ = ("O", "triple", "chip", "features", "flags")
    NAME = "nvvm.target"
    summary = "NVVM target attribute."
    parameters = (
        Param("O", int, default=2),
        Param("triple", str, default=TRIPLE),
        Param("chip", str, default="sm_50"),
        Param("features", str, default=""),
        Param("flags", Attribute, default=DictionaryAttr({})),
    )

    def verify_parameters(self) -> None:
        if not 0 <= self.O <= 3:
            raise ValueError("The optimization level must be a number between 0 and 3.")
        if not self.chip:
            raise ValueError("The target chip cannot be empty.")

    @classmethod
    def parse_body(cls, body: str, parser: Any) -> NVVMTargetAttr:
        values: dict[str, Any] = {}
        for piece in split_top_level(body) if body.strip() else []:
            key, eq, text = piece.partition("=")
            key, text = key.strip(), text.strip()
            if not eq or key not in ("O", "triple", "chip", "features", "flags", "link"):
                raise ValueError(f"unknown #nvvm.target parameter '{piece.strip()}'")
            if key == "O":
                values[key] = int(text)
            elif key in ("flags",):
                values[key] = parser.parse_attribute(text)
            elif key == "link":
                continue  # bitcode libraries to link: none are linked here
            else:
                if not text.startswith('"'):
                    raise ValueError(f"expected a string for #nvvm.target parameter '{key}'")
                values[key] = unescape(text)
        return cls(values.get("O", 2), values.get("triple", TRIPLE), values.get("chip", "sm_50"),
                   values.get("features", ""), values.get("flags", DictionaryAttr({})))  # fmt: skip

    def print_body(self, printer: Any) -> str:
        parts = []
        if self.O != 2:
            parts.append(f"O = {self.O}")
        if self.triple != TRIPLE:
            parts.append(f"triple = {escape_string(self.triple)}")
        if self.chip != "sm_50":
            parts.append(f"chip = {escape_string(self.chip)}")
        if self.features:
            parts.append(f"features = {escape_string(self.features)}")
        if isinstance(self.flags, DictionaryAttr) and self.flags.value:
            parts.append(f"flags = {printer.attr(self.flags)}")
        return f"<{', '.join(parts)}>" if parts else ""


class ShflKindAttr(KeywordAttr):
    """`#nvvm.shfl_kind<bfly>`: the lane a `nvvm.shfl.sync` reads."""

    __slots__ = ()
    NAME = "nvvm.shfl_kind"
    summary = "NVVM shuffle kind"
    CASES = ("bfly", "up", "down", "idx")


class ShflKind(CustomAttr):
    """The shuffle kind written bare in `nvvm.shfl.sync bfly ...`."""

    __slots__ = ()
    terminal = "BARE_ID"

    def __init__(self) -> None:
        super().__init__("NVVM shuffle kind", lambda a: isinstance(a, ShflKindAttr))

    def parse_token(self, text: str) -> Attribute:
        return ShflKindAttr(text)

    def print_token(self, value: Any, printer: Any) -> str:
        return value.value


ATTRIBUTES = [NVVMTargetAttr, ShflKindAttr]
