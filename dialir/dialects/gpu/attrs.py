"""gpu types and attributes, with MLIR's names and syntax.

`!gpu.async.token`; `#gpu.address_space<global|workgroup|private>` (a memref memory space);
the enums the ops store: `#gpu.barrier_scope<workgroup>`, `#gpu.dim<x>`, `#gpu.all_reduce_op<add>`, `#gpu.shuffle_mode<xor>`;
`#gpu.object<#nvvm.target<...>, [properties = {...},] [format =] "...">` (one compiled kernel
module inside `gpu.binary`) and `#gpu.select_object<...>` (its offloading handler). The enum
constraints carry the bare-word syntax the assembly formats write them in (`gpu.thread_id x`).
"""

from __future__ import annotations

import re
from typing import Any

from dialir.core.ir.attrs import Attribute, DictionaryAttr, IntegerAttr, OpaqueAttr
from dialir.core.ir.literals import escape_string, unescape
from dialir.core.ir.types import IndexType, IntegerType
from dialir.core.ods.constraints import BareInteger, CustomAttr
from dialir.core.ods.typedef import (
    KeywordAttr,
    Param,
    ParametricAttr,
    ParametricType,
    split_top_level,
)

INDEX = IndexType()


class AsyncTokenType(ParametricType):
    """`!gpu.async.token`: orders asynchronous gpu operations."""

    __slots__ = ()
    NAME = "gpu.async.token"
    summary = "async token type"

    def print_body(self, printer: Any) -> str:
        return ""


ASYNC_TOKEN = AsyncTokenType()


class AddressSpaceAttr(KeywordAttr):
    """`#gpu.address_space<workgroup>`: where a memref lives on the device (as a memref's
    memory space): `global` (device memory), `workgroup` (shared by a block) or `private`
    (one thread's)."""

    __slots__ = ()
    NAME = "gpu.address_space"
    summary = "GPU address space"
    CASES = ("global", "workgroup", "private")


class BarrierScopeAttr(KeywordAttr):
    """`#gpu.barrier_scope<workgroup>`: which threads a `gpu.barrier` waits for: those of
    the subgroup, of the workgroup (the default), or of every block of the cluster."""

    __slots__ = ()
    NAME = "gpu.barrier_scope"
    summary = "GPU barrier execution scope"
    CASES = ("subgroup", "workgroup", "cluster")


class DimensionAttr(KeywordAttr):
    """`#gpu.dim<x>`: one of the three dimensions of grids and blocks."""

    __slots__ = ()
    NAME = "gpu.dim"
    summary = "a dimension, either 'x', 'y', or 'z'"
    CASES = ("x", "y", "z")


class AllReduceOperationAttr(KeywordAttr):
    """`#gpu.all_reduce_op<add>`: the built-in combining operation of a reduction."""

    __slots__ = ()
    NAME = "gpu.all_reduce_op"
    summary = "built-in reduction operations supported by gpu.allreduce."
    CASES = ("add", "mul", "minui", "minsi", "minnumf", "maxui", "maxsi", "maxnumf", "and",
             "or", "xor", "minimumf", "maximumf")  # fmt: skip
    INTEGER = frozenset({"add", "mul", "minui", "minsi", "maxui", "maxsi", "and", "or", "xor"})
    FLOAT = frozenset({"add", "mul", "minnumf", "maxnumf", "minimumf", "maximumf"})


class ShuffleModeAttr(KeywordAttr):
    """`#gpu.shuffle_mode<xor>`: which lane a `gpu.shuffle` reads."""

    __slots__ = ()
    NAME = "gpu.shuffle_mode"
    summary = "Indexing modes supported by gpu.shuffle."
    CASES = ("xor", "up", "down", "idx")


# `#gpu.object` formats: MLIR's keyword for each (fatbin, the default, is not written).
OBJECT_FORMATS = ("offload", "assembly", "bin", "fatbin")


class ObjectAttr(ParametricAttr):
    """`#gpu.object<#nvvm.target<chip = "sm_80">, assembly = "...">`: a kernel module
    compiled for one target, in one format, with optional properties."""

    __slots__ = ("target", "format", "object", "properties")
    NAME = "gpu.object"
    summary = "An object containing a GPU module serialized for a target."
    parameters = (
        Param("target", Attribute),
        Param("format", str, default="fatbin"),
        Param("object", str, default=""),
        Param("properties", Attribute, default=DictionaryAttr({})),
    )

    def verify_parameters(self) -> None:
        if self.format not in OBJECT_FORMATS:
            raise ValueError(f"unknown #gpu.object format '{self.format}'")

    @classmethod
    def parse_body(cls, body: str, parser: Any) -> ObjectAttr:
        pieces = [p.strip() for p in split_top_level(body)]
        if len(pieces) < 2:
            raise ValueError("expected '#gpu.object<target, [properties = {...},] object>'")
        target = parser.parse_attribute(pieces[0])
        props: Attribute = DictionaryAttr({})
        rest = pieces[1:]
        if rest[0].startswith("properties"):
            props = parser.parse_attribute(rest[0].partition("=")[2].strip())
            rest = rest[1:]
        if len(rest) != 1:
            raise ValueError("expected one object string in #gpu.object")
        fmt, eq, text = rest[0].partition("=")
        if not eq or fmt.strip().startswith('"'):
            fmt, text = "fatbin", rest[0]
        fmt = fmt.strip()
        if fmt not in OBJECT_FORMATS:
            raise ValueError(f"expected one of [{', '.join(OBJECT_FORMATS)}], got '{fmt}'")
        text = text.strip()
        if not text.startswith('"'):
            raise ValueError("expected a string holding the object")
        return cls(target, fmt, unescape(text), props)

    def print_body(self, printer: Any) -> str:
        parts = [printer.attr(self.target)]
        if isinstance(self.properties, DictionaryAttr) and self.properties.value:
            parts.append("properties = " + printer.attr(self.properties))
        text = escape_string(self.object)
        parts.append(text if self.format == "fatbin" else f"{self.format} = {text}")
        return "<" + ", ".join(parts) + ">"


class SelectObjectAttr(ParametricAttr):
    """`#gpu.select_object<1>` or `#gpu.select_object<#nvvm.target<...>>`: which object of a
    `gpu.binary` the host code embeds (the first by default)."""

    __slots__ = ("target",)
    NAME = "gpu.select_object"
    summary = "Selects an object for embedding"
    parameters = (Param("target", Attribute, default=IntegerAttr(0, IntegerType(64))),)

    @classmethod
    def parse_body(cls, body: str, parser: Any) -> SelectObjectAttr:
        body = body.strip()
        if not body:
            return cls()
        return cls(parser.parse_attribute(body))

    def print_body(self, printer: Any) -> str:
        if isinstance(self.target, IntegerAttr) and self.target.value == 0:
            return ""
        return f"<{printer.attr(self.target)}>"


PROCESSORS = ("block_x", "block_y", "block_z", "thread_x", "thread_y", "thread_z",
              "sequential")  # fmt: skip


class LoopDimMapAttr(ParametricAttr):
    """`#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>`:
    how one dimension of an scf.parallel maps to the hardware (in its `mapping` array): the
    processor, the map from the processor id to the loop index, and the map giving the
    number of processors from the loop's trip count."""

    __slots__ = ("processor", "map", "bound")
    NAME = "gpu.loop_dim_map"
    summary = "Attribute describing how a parallel loop dimension maps to the hardware"
    parameters = (Param("processor", str), Param("map", Attribute), Param("bound", Attribute))

    def verify_parameters(self) -> None:
        if self.processor not in PROCESSORS:
            raise ValueError(f"expected one of [{', '.join(PROCESSORS)}] for the processor of "
                             f"#gpu.loop_dim_map, got '{self.processor}'")  # fmt: skip

    @classmethod
    def parse_body(cls, body: str, parser: Any) -> LoopDimMapAttr:
        values = {}
        for piece in split_top_level(body):
            key, eq, text = piece.partition("=")
            if not eq:
                raise ValueError("expected `key = value` in #gpu.loop_dim_map")
            values[key.strip()] = text.strip()
        try:
            proc = values["processor"]
            maps = [parser.parse_attribute(f"affine_map<{values[k]}>") for k in ("map", "bound")]
        except KeyError as e:
            raise ValueError(f"#gpu.loop_dim_map needs '{e.args[0]}'") from None
        return cls(proc, *maps)

    def print_body(self, printer: Any) -> str:
        m, b = (str(x.value) for x in (self.map, self.bound))  # bare maps: no aliases here
        return f"<processor = {self.processor}, map = {m}, bound = {b}>"


ATTRIBUTES = [LoopDimMapAttr, AddressSpaceAttr, BarrierScopeAttr, DimensionAttr,
              AllReduceOperationAttr, ShuffleModeAttr, ObjectAttr, SelectObjectAttr]  # fmt: skip
TYPES = [AsyncTokenType]


# -- constraints: the bare-word syntax of the enums in the ops' custom forms -------------------

_VERBOSE = re.compile(r"<\s*([A-Za-z_]+)\s+([A-Za-z_]+)\s*>")


def enum_case(attr: Any, cls: type) -> str | None:
    """The case of a gpu enum attribute, in either of MLIR's spellings: `#gpu.dim<x>` (a
    `cls` instance) or the verbose `#gpu<dim x>` older MLIR prints (kept as an opaque
    attribute, so it prints back as it was read); None for anything else."""
    if isinstance(attr, cls):
        return attr.value
    if isinstance(attr, OpaqueAttr) and attr.dialect == "gpu":
        m = _VERBOSE.fullmatch(attr.body)
        if m and f"gpu.{m.group(1)}" == cls.NAME and m.group(2) in cls.CASES:
            return m.group(2)
    return None


class EnumWord(CustomAttr):
    """An enum attribute written as its bare case in an op's custom form (`x`, `add`)."""

    __slots__ = ("attr_class",)
    terminal = "BARE_ID"

    def __init__(self, attr_class: type) -> None:
        super().__init__(attr_class.summary, lambda a: enum_case(a, attr_class) is not None)
        self.attr_class = attr_class

    def parse_token(self, text: str) -> Attribute:
        return self.attr_class(text)

    def print_token(self, value: Any, printer: Any) -> str:
        return enum_case(value, self.attr_class)


Dimension = EnumWord(DimensionAttr)
AllReduceOperation = EnumWord(AllReduceOperationAttr)
ShuffleMode = EnumWord(ShuffleModeAttr)
IndexBound = BareInteger("index attribute", INDEX)  # `upper_bound 32`
