"""arith attributes: `#arith.overflow<nsw, nuw>` (integer overflow flags) and
`#arith.fastmath<nnan,ninf>` (floating-point fast-math flags), shared with `math`.

Both hold their flags as one canonical string ("none", "nsw, nuw", "fast"...), so equal flag
sets are the same uniqued attribute however they were spelled.
"""

from __future__ import annotations

from typing import Any

from dialir.core.ods.constraints import AttrOf
from dialir.core.ods.typedef import Param, ParametricAttr


class _FlagsAttr(ParametricAttr):
    """A set of named flags printed as `<a, b>` in a fixed order, `<none>` when empty."""

    __slots__ = ("flags",)
    parameters = (Param("flags", str, default="none"),)
    FLAGS: tuple[str, ...] = ()
    ALL: str | None = None  # the name of the full set, if it has one ("fast")
    SEPARATOR = ", "  # as MLIR prints the set: `overflow<nsw, nuw>`, `fastmath<nnan,ninf>`

    @classmethod
    def _normalize(cls, flags: Any = "none") -> tuple:
        names = {f.strip() for f in flags.split(",")} if isinstance(flags, str) else set(flags)
        names.discard("none")
        names.discard("")
        if cls.ALL is not None and cls.ALL in names:
            names = set(cls.FLAGS)
        unknown = names - set(cls.FLAGS)
        if unknown:
            raise ValueError(
                f"unknown flag '{sorted(unknown)[0]}' in {cls.SIGIL}{cls.NAME}: expected one of "
                + ", ".join(("none", *cls.FLAGS, *([cls.ALL] if cls.ALL else [])))
            )
        if cls.ALL is not None and names == set(cls.FLAGS):
            return (cls.ALL,)
        ordered = [f for f in cls.FLAGS if f in names]
        return (", ".join(ordered) if ordered else "none",)

    @classmethod
    def parse_body(cls, body: str, parser: Any) -> _FlagsAttr:
        return cls(body)

    def print_body(self, printer: Any) -> str:
        return f"<{self.flags.replace(', ', self.SEPARATOR)}>"

    def has(self, flag: str) -> bool:
        if self.flags == self.ALL:
            return True
        return flag in self.flags.split(", ")


class IntegerOverflowFlagsAttr(_FlagsAttr):
    """`#arith.overflow<nsw, nuw>`: no signed / no unsigned wrap (poison otherwise)."""

    __slots__ = ()
    NAME = "arith.overflow"
    FLAGS = ("nsw", "nuw")


class FastMathFlagsAttr(_FlagsAttr):
    """`#arith.fastmath<nnan, ninf, ...>`; `fast` is all of them."""

    __slots__ = ()
    NAME = "arith.fastmath"
    FLAGS = ("reassoc", "nnan", "ninf", "nsz", "arcp", "contract", "afn")
    ALL = "fast"
    SEPARATOR = ","  # MLIR's BitEnum printing: no space


# MLIR's arith::AtomicRMWKind by value (current MLIR numbers the cases alphabetically):
# memref.atomic_rmw's kind and affine.parallel's reductions store these integers.
ATOMIC_RMW_KINDS = (
    "addf", "addi", "andi", "assign", "maximumf", "maxnumf", "maxs", "maxu", "minimumf",
    "minnumf", "mins", "minu", "mulf", "muli", "ori", "xori",
)  # fmt: skip

OVERFLOW_NONE = IntegerOverflowFlagsAttr("none")
FASTMATH_NONE = FastMathFlagsAttr("none")


OverflowFlags = AttrOf("Integer overflow arith flags", IntegerOverflowFlagsAttr)
FastMathFlags = AttrOf("Floating point fast math flags", FastMathFlagsAttr)
