"""llvm attributes and the enums its ops store as integers, with MLIR's names and values.

Attributes: `#llvm.fastmath<nnan, ...>`, `#llvm.linkage<internal>`, `#llvm.cconv<fastcc>`,
`#llvm.tailcallkind<tail>`. Integer-valued enums (as MLIR stores them in properties): integer
comparison and float comparison predicates, integer overflow flags (`overflow<nsw, nuw>`),
`getelementptr`'s no-wrap flags (`inbounds|nuw`), atomic orderings, `unnamed_addr`,
visibility and thread-local modes. The constraints here carry the custom syntax the
assembly formats write them in (`"slt"`, `<nsw>`, `[1, 2]`).
"""

from __future__ import annotations

from typing import Any

from dialir.core.ir.attrs import IntegerAttr
from dialir.core.ir.literals import unescape
from dialir.core.ir.printer import escape_string
from dialir.core.ir.types import IntegerType
from dialir.core.ods.constraints import Constraint, CustomAttr, DenseI32ArrayList
from dialir.core.ods.typedef import KeywordAttr, Param, ParametricAttr

i32 = IntegerType(32)
i64 = IntegerType(64)


# -- fast-math flags ---------------------------------------------------------------------------


class _FlagsAttr(ParametricAttr):
    """A set of flags written `<a, b>` in a fixed order (`<none>` when empty; `ALL`, when
    the class has a name for the full set). Kept as one canonical string."""

    __slots__ = ("flags",)
    parameters = (Param("flags", str, default="none"),)
    FLAGS: tuple[str, ...] = ()
    ALL: str | None = None

    @classmethod
    def _normalize(cls, flags: Any = "none") -> tuple:
        names = {f.strip() for f in flags.split(",")} if isinstance(flags, str) else set(flags)
        names -= {"none", ""}
        if cls.ALL is not None and cls.ALL in names:
            names = set(cls.FLAGS)
        unknown = names - set(cls.FLAGS)
        if unknown:
            choices = ", ".join(("none", *cls.FLAGS, *([cls.ALL] if cls.ALL else [])))
            raise ValueError(
                f"unknown flag '{sorted(unknown)[0]}' in {cls.SIGIL}{cls.NAME}: expected one of "
                f"{choices}"
            )
        if cls.ALL is not None and names == set(cls.FLAGS):
            return (cls.ALL,)
        return (", ".join(f for f in cls.FLAGS if f in names) or "none",)

    @classmethod
    def parse_body(cls, body: str, parser: Any) -> _FlagsAttr:
        return cls(body)

    def print_body(self, printer: Any) -> str:
        return f"<{self.flags}>"

    def has(self, flag: str) -> bool:
        return self.flags == self.ALL or flag in self.flags.split(", ")

    @property
    def is_none(self) -> bool:
        return self.flags == "none"

    def names(self) -> list[str]:
        """The flags, the full set under its own name (`fast`)."""
        return [] if self.flags == "none" else self.flags.split(", ")


class FastmathFlagsAttr(_FlagsAttr):
    """`#llvm.fastmath<nnan, ninf>`: LLVM's fast-math flags, in LLVM's bit order; `fast` is
    all of them."""

    __slots__ = ()
    NAME = "llvm.fastmath"
    summary = "LLVM fastmath flags"
    FLAGS = ("nnan", "ninf", "nsz", "arcp", "contract", "afn", "reassoc")
    ALL = "fast"


class IntegerOverflowFlagsAttr(_FlagsAttr):
    """`#llvm.overflow<nsw, nuw>`: the form older MLIR gave `overflowFlags` (now an i32 bit
    mask); still read, as MLIR reads it."""

    __slots__ = ()
    NAME = "llvm.overflow"
    summary = "LLVM integer overflow flags"
    FLAGS = ("nsw", "nuw")


FASTMATH_NONE = FastmathFlagsAttr("none")
FASTMATH_FAST = FastmathFlagsAttr("fast")


class LinkageAttr(KeywordAttr):
    """`#llvm.linkage<internal>`: the linkage of a function or global."""

    __slots__ = ()
    NAME = "llvm.linkage"
    summary = "LLVM linkage"
    CASES = (
        "private", "internal", "available_externally", "linkonce", "weak", "common",
        "appending", "extern_weak", "linkonce_odr", "weak_odr", "external",
    )  # fmt: skip


class CConvAttr(KeywordAttr):
    """`#llvm.cconv<fastcc>`: a calling convention."""

    __slots__ = ()
    NAME = "llvm.cconv"
    summary = "LLVM calling convention"
    # MLIR's CConv cases -> LLVM IR's spelling.
    IR_NAMES = {
        "ccc": "ccc", "fastcc": "fastcc", "coldcc": "coldcc", "cc_10": "ghccc",
        "cc_11": "cc 11", "webkit_jscc": "webkit_jscc", "anyregcc": "anyregcc",
        "preserve_mostcc": "preserve_mostcc", "preserve_allcc": "preserve_allcc",
        "swiftcc": "swiftcc", "cxx_fast_tlscc": "cxx_fast_tlscc", "tailcc": "tailcc",
        "swifttailcc": "swifttailcc", "x86_stdcallcc": "x86_stdcallcc",
        "x86_fastcallcc": "x86_fastcallcc", "x86_thiscallcc": "x86_thiscallcc",
        "x86_vectorcallcc": "x86_vectorcallcc", "x86_regcallcc": "x86_regcallcc",
        "x86_64_sysvcc": "x86_64_sysvcc", "win64cc": "win64cc",
        "ptx_kernel": "ptx_kernel", "ptx_device": "ptx_device",
        "spir_kernelcc": "spir_kernel", "spir_funccc": "spir_func",
        "amdgpu_kernelcc": "amdgpu_kernel",
    }  # fmt: skip
    CASES = tuple(IR_NAMES)


class TailCallKindAttr(KeywordAttr):
    """`#llvm.tailcallkind<tail>`: none, tail, musttail or notail."""

    __slots__ = ()
    NAME = "llvm.tailcallkind"
    summary = "LLVM tail call kind"
    CASES = ("none", "notail", "tail", "musttail")


CCONV_C = CConvAttr("ccc")
LINKAGE_EXTERNAL = LinkageAttr("external")
LINKAGE_INTERNAL = LinkageAttr("internal")
LINKAGE_PRIVATE = LinkageAttr("private")
TAIL_NONE = TailCallKindAttr("none")

ATTRIBUTES = [
    FastmathFlagsAttr, IntegerOverflowFlagsAttr, LinkageAttr, CConvAttr, TailCallKindAttr,
]  # fmt: skip


# -- constraints ---------------------------------------------------------------------------------


class AttrOf(CustomAttr):
    """An attribute of one class, written stripped (`fastmath<nnan>`, as MLIR writes an
    attribute whose class the op names)."""

    __slots__ = ("attr_class",)
    terminal = r"/<([^<>]|<[^<>]*>)*>/"

    def __init__(self, description: str, attr_class: type) -> None:
        super().__init__(description, lambda a: isinstance(a, attr_class))
        self.attr_class = attr_class

    def parse_token(self, text: str) -> Any:
        return self.attr_class.parse_body(text[1:-1], None)

    def print_token(self, value: Any, printer: Any) -> str:
        return value.print_body(printer)


FastmathFlags = AttrOf("LLVM fastmath flags", FastmathFlagsAttr)
Linkage = AttrOf("LLVM linkage", LinkageAttr)
CConv = AttrOf("LLVM calling convention", CConvAttr)
TailCallKind = AttrOf("LLVM tail call kind", TailCallKindAttr)


class IntEnum(CustomAttr):
    """An integer-valued enum (MLIR's I64EnumAttr): the generic form stores the integer,
    custom syntax writes the case, bare or (`quoted`) as a string: `"slt"`."""

    __slots__ = ("cases", "int_type", "quoted", "by_name", "field")

    def __init__(self, description: str, cases: dict[str, int], width: int = 64,
                 quoted: bool = False, field: str = "") -> None:  # fmt: skip
        self.field = field  # the attribute's name, for parse errors
        self.cases = {v: k for k, v in cases.items()}
        self.by_name = dict(cases)
        self.int_type = IntegerType(width)
        self.quoted = quoted
        super().__init__(
            description,
            lambda a: isinstance(a, IntegerAttr) and a.type is self.int_type
            and a.value in self.cases,
        )  # fmt: skip

    @property
    def terminal(self) -> str:  # type: ignore[override]
        return "STRING" if self.quoted else "BARE_ID"

    def attr(self, case: str) -> IntegerAttr:
        return IntegerAttr(self.by_name[case], self.int_type)

    def case(self, attr: IntegerAttr) -> str:
        return self.cases[attr.value]

    def parse_token(self, text: str) -> IntegerAttr:
        name = unescape(text) if self.quoted else text
        if name not in self.by_name:
            raise ValueError(f"expected {self.description} to be one of: {', '.join(self.by_name)}")
        return self.attr(name)

    def print_token(self, value: Any, printer: Any) -> str:
        name = self.cases.get(value.value, str(value.value))
        return escape_string(name) if self.quoted else name


ICMP_PREDICATES = {
    "eq": 0, "ne": 1, "slt": 2, "sle": 3, "sgt": 4, "sge": 5, "ult": 6, "ule": 7, "ugt": 8,
    "uge": 9,
}  # fmt: skip
FCMP_PREDICATES = {
    "_false": 0, "oeq": 1, "ogt": 2, "oge": 3, "olt": 4, "ole": 5, "one": 6, "ord": 7,
    "ueq": 8, "ugt": 9, "uge": 10, "ult": 11, "ule": 12, "une": 13, "uno": 14, "_true": 15,
}  # fmt: skip
ICmpPredicate = IntEnum("llvm.icmp comparison predicate", ICMP_PREDICATES, quoted=True)
FCmpPredicate = IntEnum("llvm.fcmp comparison predicate", FCMP_PREDICATES, quoted=True)
ATOMIC_ORDERINGS = {
    "not_atomic": 0, "unordered": 1, "monotonic": 2, "acquire": 4, "release": 5,
    "acq_rel": 6, "seq_cst": 7,
}  # fmt: skip
AtomicOrdering = IntEnum(
    "Atomic ordering for LLVM's memory model", ATOMIC_ORDERINGS, field="ordering"
)
UNNAMED_ADDR = {"": 0, "local_unnamed_addr": 1, "unnamed_addr": 2}
UnnamedAddr = IntEnum("LLVM GlobalValue UnnamedAddr", UNNAMED_ADDR)
VISIBILITY = {"": 0, "hidden": 1, "protected": 2}
Visibility = IntEnum("LLVM GlobalValue Visibility", VISIBILITY)
TLS_MODES = {
    "not_thread_local": 0, "thread_local": 1, "localdynamic": 2, "initialexec": 3,
    "localexec": 4,
}  # fmt: skip


class BitFlags(CustomAttr):
    """Integer flags (MLIR's I32BitEnumAttr): `overflow<nsw, nuw>` in custom syntax, the
    bit mask in the generic form."""

    __slots__ = ("flags", "int_type")
    terminal = r"/<[^<>]*>/"

    def __init__(self, description: str, flags: dict[str, int],
                 attr_class: type | None = None) -> None:  # fmt: skip
        self.flags = flags
        self.int_type = i32
        mask = sum(flags.values())
        super().__init__(
            description,
            lambda a: (isinstance(a, IntegerAttr) and a.type is i32 and not a.value & ~mask)
            or (attr_class is not None and isinstance(a, attr_class)),
        )  # fmt: skip

    def attr(self, names: Any) -> IntegerAttr:
        """The flags attribute for `names` (a list, or a string "nsw, nuw")."""
        if isinstance(names, str):
            names = [n.strip() for n in names.split(",")]
        value = 0
        for n in names:
            if n in ("", "none"):
                continue
            if n not in self.flags:
                raise ValueError(
                    f"expected one of [{', '.join(self.flags)}] in {self.description}, got '{n}'"
                )
            value |= self.flags[n]
        return IntegerAttr(value, i32)

    def names(self, attr: Any) -> list[str]:
        if isinstance(attr, _FlagsAttr):
            return attr.names()
        v = 0 if attr is None else attr.value
        return [n for n, bit in self.flags.items() if v & bit]

    def mask(self, attr: Any) -> int:
        """The bit mask, whichever form the attribute has."""
        return sum(self.flags[n] for n in self.names(attr))

    def same_value(self, a: Any, b: Any) -> bool:
        return self.check(a) and self.check(b) and self.mask(a) == self.mask(b)

    def parse_token(self, text: str) -> IntegerAttr:
        return self.attr(text[1:-1])

    def print_token(self, value: Any, printer: Any) -> str:
        return "<" + (", ".join(self.names(value)) or "none") + ">"


OverflowFlags = BitFlags(
    "LLVM integer overflow flags", {"nsw": 1, "nuw": 2}, IntegerOverflowFlagsAttr
)
OVERFLOW_NONE = IntegerAttr(0, i32)
# getelementptr: `inbounds` is inbounds_flag plus nusw (MLIR's GEPNoWrapFlags).
GEP_NO_WRAP = {"inbounds_flag": 1, "nusw": 2, "nuw": 4}
GEPNoWrapFlags = BitFlags("LLVM GEP no-wrap flags", GEP_NO_WRAP)


BranchWeights = DenseI32ArrayList  # `[10, 20]`, as cf.cond_br's weights
I64AttrC = Constraint(
    "64-bit signless integer attribute",
    lambda a: isinstance(a, IntegerAttr) and a.type is i64,
)
I32AttrC = Constraint(
    "32-bit signless integer attribute",
    lambda a: isinstance(a, IntegerAttr) and a.type is i32,
)
