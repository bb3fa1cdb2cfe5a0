"""IR to MLIR text: generic op form, builtin types and attributes, SSA and block names,
aliases for affine maps and integer sets, and `{-# dialect_resources #-}` blobs.

Names are MLIR's (its SSANameState, see `_name_values`): `%0`, `%argN` for entry-block
arguments, the names ops give their results (`asm_result_names`: `%c0`, `%cst`, `%alloc`),
`^bbN` per region. With `source_names` a value keeps its name hint (from the source or a
builder) when unique in its isolated-from-above scope, else gets a suffix; the others are
numbered as above.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dialir.core.ir import affine as aff
from dialir.core.ir.attrs import (
    AffineMapAttr,
    ArrayAttr,
    Attribute,
    CallSiteLoc,
    DenseArrayAttr,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    DictionaryAttr,
    FileLineColLoc,
    FloatAttr,
    FusedLoc,
    IntegerAttr,
    IntegerSetAttr,
    Location,
    NameLoc,
    OpaqueAttr,
    StridedLayoutAttr,
    StringAttr,
    SymbolRefAttr,
    TypeAttr,
    UnitAttr,
    UnknownLoc,
)
from dialir.core.ir.context import ResourceHandle
from dialir.core.ir.literals import escape_string, format_float
from dialir.core.ir.operation import (
    Block,
    BlockArgument,
    Operation,
    OpResult,
    Region,
    Value,
    gc_paused,
)
from dialir.core.ir.traits import IsolatedFromAbove
from dialir.core.ir.types import (
    DYNAMIC,
    ComplexType,
    FloatType,
    FunctionType,
    IndexType,
    IntegerType,
    MemRefType,
    NoneType,
    OpaqueType,
    RankedTensorType,
    TupleType,
    Type,
    UnrankedMemRefType,
    UnrankedTensorType,
    VectorType,
)

_TOKEN = re.compile("\x00[0-9]+\x00")  # an alias before it is named (Printer._alias)
_BARE = re.compile(r"[A-Za-z_][A-Za-z0-9_$.]*\Z")
_SAFE_NAME = re.compile(r"[A-Za-z0-9_$.\-]+\Z")
HEX_THRESHOLD = 100  # dense literals with more elements print as hex, as MLIR does


# Printed pieces held before they are joined (see Printer._compact).
_COMPACT_AT = 1 << 16


class AsmPrinter:
    """What custom syntax may call on the printer (MLIR's OpAsmPrinter): an op's
    `print_custom(p, indent)` writes its text after the result list (`%r = `) with
    `p.write`; a type's or attribute's `print(p)` / `print_body(p)` returns its text. The
    methods that return text print nothing themselves. `p.debuginfo` says whether locations
    are printed (`p.loc`)."""

    __slots__ = ()
    debuginfo: bool

    def write(self, text: str) -> None:
        """Append `text` to the output."""
        raise NotImplementedError

    def value(self, v: Value) -> str:
        """The SSA name of a value (`%0`, `%x`, `%r#1`), named on first use."""
        raise NotImplementedError

    def type(self, t: Type) -> str:
        raise NotImplementedError

    def attr(self, a: Attribute) -> str:
        raise NotImplementedError

    def attr_dict(self, attrs: dict[str, Attribute]) -> str:
        """`{a = 1 : i32, unit_attr}`, keys sorted."""
        raise NotImplementedError

    def loc(self, loc: Location) -> str:
        """`loc(...)`."""
        raise NotImplementedError

    def block_name(self, b: Block) -> str:
        """`^bbN`, numbered per region."""
        raise NotImplementedError

    def region(self, region: Region, indent: str, entry_args: bool = True) -> None:
        """Write `{ ... }` with the region's blocks at `indent` + 2 spaces. Without
        `entry_args` the entry block's label and arguments are left out (the op printed
        them, as func.func does in its signature)."""
        raise NotImplementedError

    def regions(self, op: Operation, indent: str) -> None:
        """Write the op's regions, comma separated, in a fresh naming scope when the op is
        isolated from above."""
        raise NotImplementedError

    def enter_scope(self) -> None:
        """Start the value names afresh (an isolated-from-above op's regions): pair with
        `exit_scope`."""
        raise NotImplementedError

    def exit_scope(self) -> None:
        raise NotImplementedError

    def generic_op(self, op: Operation, indent: str) -> None:
        """Write the op in the generic form (for IR the custom form cannot show)."""
        raise NotImplementedError


class Printer(AsmPrinter):
    """Prints ops, types and attributes. One printer prints one top-level op (its name and
    alias tables are per print)."""

    def __init__(
        self,
        generic: bool = False,
        debuginfo: bool = False,
        use_aliases: bool = True,
        source_names: bool = False,
        local_scope: bool = False,
    ) -> None:
        self.generic = generic
        # Names of an op below the top are those of its closest isolated-from-above
        # ancestor (itself included), not of the whole IR (MLIR's useLocalScope).
        self.local_scope = local_scope
        self.debuginfo = debuginfo
        # The names the IR carries from its source or builder instead of mlir-opt's (`%0`,
        # `%arg0`, and the ops' own: `%c0_i32`, `%cst`, `%alloc`).
        self.source_names = source_names
        self.use_aliases = use_aliases
        self.names: dict[Value, str] = {}
        # MLIR names: the result list of a multi-result op (`%0:2`, `%a, %b:2`).
        self.result_lists: dict[Operation, str] = {}
        # Location aliases (`loc(#loc3)`, MLIR's with debuginfo): a first pass collects each
        # location printed ([depth, deferrable], in order of first use), the second prints.
        self.loc_collect: dict[Location, list] | None = None
        self.loc_aliases: dict[Location, str] = {}
        self.block_names: dict[Block, str] = {}
        self.preds: dict[Region, dict[Block, list[Block]]] = {}  # per region, when printed
        self.used: set[str] = set()
        self.suffixes: dict[str, int] = {}  # next suffix to try per hint: keeps naming linear
        self.next_value = 0
        self.next_arg = 0
        self.scopes: list[tuple[set[str], dict[str, int], int, int]] = []
        # Aliases (`#map`, `#set`) are numbered in the order MLIR's AliasInitializer first
        # visits them, which is not the order of the text for ops in the generic form (their
        # regions are visited before their own types and attributes). So each aliased
        # attribute prints as a token, replaced by its name once the whole op is printed.
        self.alias_tokens: dict[Attribute, str] = {}  # attribute -> token
        self.alias_prefix: dict[Attribute, str] = {}  # attribute -> `map` / `set`
        self.alias_order: dict[Attribute, None] = {}  # in order of MLIR's first visit
        # While a generic op prints its own attributes and types: the aliases found, with
        # the key of where MLIR visits them (see generic_op); None elsewhere.
        self.pending: list[tuple[tuple, Attribute]] | None = None
        self.slot: tuple = ()
        self.alias_uses = 0  # `_alias` calls: a text holding a token pending is not cached
        self.resources: dict[ResourceHandle, None] = {}  # in order of first use
        self.cache: dict[Any, str] = {}
        self.out: list[str] = []
        self.done: list[str] = []  # pieces already joined (see _compact)
        self.write = self.out.append

    # -- entry points ---------------------------------------------------------------------

    @classmethod
    def to_string(cls, obj: Any, **options: Any) -> str:
        if not isinstance(obj, Operation):
            # As MLIR prints a lone type or attribute (in a diagnostic): no alias table, so
            # its maps written out, `memref<4xf32, affine_map<(d0) -> (d0 + 1)>>`.
            options.setdefault("use_aliases", False)
        p = cls(**options)
        if isinstance(obj, Operation):
            return p.print_top(obj)
        if isinstance(obj, Type):
            return p._resolve_aliases(p.type(obj))
        if isinstance(obj, Location):
            return p._resolve_aliases(p.loc(obj))
        if isinstance(obj, Attribute):
            return p._resolve_aliases(p.attr(obj))
        return str(obj)

    def print_top(self, op: Operation) -> str:
        deferred: list[str] = []
        top_locs: list[str] = []
        late_locs: list[str] = []
        if (self.debuginfo and self.use_aliases and not self.local_scope
                and self.loc_collect is None):  # fmt: skip
            top_locs, late_locs, deferred = self._location_aliases(op)
        with gc_paused():
            if not self.source_names:
                root = op  # as MLIR, numbered from the top: `op` shows its names there
                while not (self.local_scope and _isolated(root)):
                    parent = root.parent_op
                    if parent is None:
                        break
                    root = parent
                self._name_values(root)
            self.op(op, "")
        self._compact()
        body = "".join(self.done)
        self.done = []
        head = top_locs
        if self.alias_tokens:
            names = self._alias_names()
            body = _TOKEN.sub(lambda m: names[m[0]], body)
            for attr in self.alias_order:
                inner = (
                    self.affine_map(attr.value)
                    if isinstance(attr, AffineMapAttr)
                    else (self.integer_set(attr.value))
                )
                kw = "affine_map" if isinstance(attr, AffineMapAttr) else "affine_set"
                head.append(f"{names[self.alias_tokens[attr]]} = {kw}<{inner}>\n")
        head += late_locs
        tail = "".join("\n" + d for d in deferred)
        blobs = [h for h in self.resources if h.blob is not None]
        if blobs:
            entries = ",\n".join(f'      {_key(h.key)}: "{h.blob.hex()}"' for h in blobs)
            tail += (
                f"\n{{-#\n  dialect_resources: {{\n    builtin: {{\n{entries}\n    }}\n  }}\n#-}}\n"
            )
        return "".join(head) + body + tail

    # -- names ----------------------------------------------------------------------------

    def _unique(self, hint: str) -> str:
        used = self.used
        if hint not in used:
            used.add(hint)
            return hint
        i = self.suffixes.get(hint, 0)
        while f"{hint}_{i}" in used:
            i += 1
        self.suffixes[hint] = i + 1
        name = f"{hint}_{i}"
        used.add(name)
        return name

    def _number(self) -> str:
        while True:
            n = str(self.next_value)
            self.next_value += 1
            if n not in self.used:
                self.used.add(n)
                return n

    def value(self, v: Value) -> str:
        name = self.names.get(v)
        if name is not None:
            return name
        if not self.source_names:  # a value outside the printed IR (invalid IR): numbered
            name = self.names[v] = f"%{self.next_value}"
            self.next_value += 1
            return name
        if isinstance(v, OpResult) and len(v.owner.results) > 1:
            self._name_group(v.owner)
            return self.names[v]
        hint = v.name_hint
        if hint is not None and _SAFE_NAME.match(hint) and not hint.isdigit():
            name = "%" + self._unique(hint)
        elif (
            isinstance(v, BlockArgument)
            and v.owner.parent is not None
            and (v.owner.parent.blocks and v.owner.parent.blocks[0] is v.owner)
        ):
            while f"arg{self.next_arg}" in self.used:
                self.next_arg += 1
            name = "%" + self._unique(f"arg{self.next_arg}")
            self.next_arg += 1
        else:
            name = "%" + self._number()
        self.names[v] = name
        return name

    def _name_values(self, root: Operation) -> None:
        """Name every value and block under `root` as MLIR's SSANameState does: a region's
        values are numbered before those of the regions nested in it; sibling regions each
        continue from their parent region's counters (in the generic form, which MLIR prints
        with unique IDs, the counters run on across regions, last region first); a name
        taken gets `_N` with one counter for all names; the ops' names
        (`asm_result_names`, not in the generic form) start result groups (`%a, %b:2`)."""
        names = self.names
        block_names = self.block_names
        result_lists = self.result_lists
        unique = self.generic
        asm = not self.generic
        used: set[str] = set()
        scopes: list[list[str]] = [[]]
        nv = na = nc = 0
        top_value = 0  # past every number given: for values outside the IR (invalid IR)

        def unique_name(name: str) -> str:
            nonlocal nc
            name = _sanitize(name)
            if name in used:
                base = name + "_"
                while True:
                    probe = base + str(nc)
                    nc += 1
                    if probe not in used:
                        name = probe
                        break
            used.add(name)
            scopes[-1].append(name)
            return "%" + name

        def number_op(op: Operation) -> None:
            nonlocal nv
            results = op.results
            if not results:
                return
            hints = getattr(op, "asm_result_names", None) if asm else None
            if hints is not None and callable(hints):
                hints = hints()
            if not hints:
                if len(results) == 1:
                    names[results[0]] = f"%{nv}"
                else:
                    base = f"%{nv}"
                    for r in results:
                        names[r] = f"{base}#{r.index}"
                    result_lists[op] = f"{base}:{len(results)}"
                nv += 1
                return
            # Each name starts a group; unnamed results join the group before them.
            heads: list[tuple[int, str]] = []
            for i, h in enumerate(hints[: len(results)]):
                if h:
                    heads.append((i, unique_name(h)))
            if not heads or heads[0][0] != 0:
                heads.insert(0, (0, f"%{nv}"))
                nv += 1
            if len(results) == 1:
                names[results[0]] = heads[0][1]
                return
            parts = []
            for k, (start, base) in enumerate(heads):
                end = heads[k + 1][0] if k + 1 < len(heads) else len(results)
                if end - start == 1:
                    names[results[start]] = base
                    parts.append(base)
                else:
                    for i in range(start, end):
                        names[results[i]] = f"{base}#{i - start}"
                    parts.append(f"{base}:{end - start}")
            result_lists[op] = ", ".join(parts)

        def number_region(region: Region) -> None:
            nonlocal nv, na
            for i, block in enumerate(region.blocks):
                block_names[block] = f"^bb{i}"
                for a in block.args:
                    if i == 0:
                        names[a] = unique_name(f"arg{na}")
                        na += 1
                    else:
                        names[a] = f"%{nv}"
                        nv += 1
                o = block.first
                while o is not None:
                    number_op(o)
                    o = o.next

        stack = [(r, 0, 0, 0, 1) for r in root.regions]
        number_op(root)
        while stack:
            region, v, a, c, depth = stack.pop()
            if not unique:
                nv, na, nc = v, a, c
            while len(scopes) > depth:
                used.difference_update(scopes.pop())
            scopes.append([])
            number_region(region)
            top_value = max(top_value, nv)
            depth = len(scopes)
            for block in region.blocks:
                o = block.first
                while o is not None:
                    if o.regions:
                        for r in o.regions:
                            stack.append((r, nv, na, nc, depth))
                    o = o.next
        self.next_value = max(top_value, nv)

    def _name_group(self, op: Operation) -> str:
        hint = op.results[0].name_hint if self.source_names else None
        if hint is not None and _SAFE_NAME.match(hint) and not hint.isdigit():
            base = "%" + self._unique(hint)
        else:
            base = "%" + self._number()
        for r in op.results:
            self.names[r] = f"{base}#{r.index}"
        return base

    def results(self, op: Operation) -> str:
        results = op.results
        if len(results) == 1:
            return self.value(results[0])
        listed = self.result_lists.get(op)
        if listed is not None:
            return listed
        first = self.names.get(results[0])
        if first is None:
            base = self._name_group(op)
        else:
            base = first.partition("#")[0]
        return f"{base}:{len(results)}"

    def block_name(self, b: Block) -> str:
        name = self.block_names.get(b)
        if name is None:  # a block outside the printed regions (invalid IR): still name it
            name = self.block_names[b] = f"^bb{len(self.block_names)}"
        return name

    # -- operations -----------------------------------------------------------------------

    def op(self, op: Operation, indent: str) -> None:
        out = self.out
        if self.loc_collect is not None and self.debuginfo:
            self._visit_loc(op.location, True)  # as MLIR: before what the op holds
        out.append(indent)
        if op.results:
            out.append(self.results(op))
            out.append(" = ")
        custom = None if self.generic else getattr(op, "print_custom", None)
        if custom is not None:
            custom(self, indent)
        else:
            self.generic_op(op, indent)
        if self.debuginfo:
            out.append(" ")
            out.append(self._op_loc(op.location))

    def generic_op(self, op: Operation, indent: str) -> None:
        out = self.out
        name = op.name
        out.append(f'"{name}"(' if _SAFE_NAME.match(name) else f"{escape_string(name)}(")
        value = self.value
        out.append(", ".join([value(u.value) for u in op._operands]))
        out.append(")")
        if op.successors:
            out.append("[" + ", ".join(self.block_name(b) for b in op.successors) + "]")
        # MLIR's alias visit of a generic op (DummyAliasOperationPrinter::printGenericOp):
        # its regions, then its operand types, result types, its discardable attributes by
        # name, and its properties by name. Aliases first met here wait for that order.
        outer = self.pending
        pending: list[tuple[tuple, Attribute]] = []
        self.pending = pending
        props = op._properties
        defaults = type(op).default_properties
        if defaults:
            missing = [kv for kv in defaults if props is None or kv[0] not in props]
            if missing:
                props = dict(missing) if props is None else {**props, **dict(missing)}
        if props:
            out.append(" <" + self.attr_dict(props, 3) + ">")
        if op.regions:
            out.append(" (")
            self.pending = None
            self.regions(op, indent)
            self.pending = pending
            out.append(")")
        if op.attributes:
            out.append(" " + self.attr_dict(op.attributes, 2))
        out.append(" : ")
        out.append(self._signature(op))
        self.pending = outer
        if pending:
            pending.sort(key=_slot_key)
            for _, a in pending:
                self._alias(a, self.alias_prefix[a])

    def _signature(self, op: Operation) -> str:
        self.slot = (0,)  # the operand types, then the result types (generic_op)
        ins = ", ".join([self.type(u.value.type) for u in op._operands])
        self.slot = (1,)
        results = op.results
        if len(results) == 1 and not isinstance(results[0].type, FunctionType):
            return f"({ins}) -> {self.type(results[0].type)}"
        return f"({ins}) -> (" + ", ".join([self.type(r.type) for r in results]) + ")"

    def regions(self, op: Operation, indent: str) -> None:
        isolated = _isolated(op)
        if isolated:
            self.enter_scope()
        for i, region in enumerate(op.regions):
            if i:
                self.out.append(", ")
            self.region(region, indent)
        if isolated:
            self.exit_scope()

    def enter_scope(self) -> None:
        """Start the names of an isolated-from-above op's regions afresh (source names:
        MLIR's names are all given before printing)."""
        if not self.source_names:
            return
        self.scopes.append((self.used, self.suffixes, self.next_value, self.next_arg))
        self.used, self.suffixes, self.next_value, self.next_arg = set(), {}, 0, 0

    def exit_scope(self) -> None:
        if not self.source_names:
            return
        self.used, self.suffixes, self.next_value, self.next_arg = self.scopes.pop()

    def region(self, region: Region, indent: str, entry_args: bool = True) -> None:
        out = self.out
        out.append("{\n")
        inner = indent + "  "
        names = self.block_names
        blocks = region.blocks
        for i, block in enumerate(blocks):
            names[block] = f"^bb{i}"
        for i, block in enumerate(blocks):
            if i or (entry_args and (block.args or block.first is None)):
                self.block_header(block, indent)
            o = block.first
            while o is not None:
                self.op(o, inner)
                out.append("\n")
                o = o.next
                if len(out) > _COMPACT_AT:
                    self._compact()
        out.append(indent + "}")

    def _compact(self) -> None:
        """Join the pieces printed so far into one string: a million-op function is then a
        few large strings, not millions of small ones (each with its object header)."""
        self.done.append("".join(self.out))
        del self.out[:]  # in place: custom printers hold `p.out` and `p.write`

    def block_header(self, block: Block, indent: str) -> None:
        """`^bbN(%a: T):`, and for a block other than the entry block MLIR's comment on its
        predecessors (`// pred: ^bb0`, `// 2 preds: ^bb0, ^bb2`, `// no predecessors`)."""
        out = self.out
        out.append(indent + self.block_name(block))
        if block.args:
            parts = []
            for a in block.args:
                s = f"{self.value(a)}: {self.type(a.type)}"
                if self.debuginfo:
                    s += " " + self.loc(a.location)
                parts.append(s)
            out.append("(" + ", ".join(parts) + ")")
        out.append(":")
        region = block.parent
        if region is not None and region.blocks[0] is not block:
            table = self.preds.get(region)
            if table is None:
                table = self.preds[region] = _predecessors(region.blocks)
            out.append(self._preds_comment(table.get(block, ())))
        out.append("\n")

    def _preds_comment(self, preds: Any) -> str:
        if not preds:
            return "  // no predecessors"
        if len(preds) == 1:  # one use (MLIR's getSinglePredecessor)
            return f"  // pred: {self.block_name(preds[0])}"
        # As MLIR: every use, in the order the blocks are numbered.
        order = {b: i for i, b in enumerate(preds[0].parent.blocks)}
        names = [self.block_name(p) for p in sorted(preds, key=order.__getitem__)]
        return f"  // {len(names)} preds: " + ", ".join(names)

    # -- attributes -----------------------------------------------------------------------

    def attr_dict(self, attrs: dict[str, Attribute], group: int | None = None) -> str:
        """`{a = 1, b}` sorted by name. `group` is given for a generic op's own attributes
        (2) or properties (3): each entry's aliases wait under its name (generic_op), those
        of a dictionary nested in it too."""
        items = sorted(attrs.items()) if len(attrs) > 1 else attrs.items()
        parts = []
        for k, v in items:
            if group is not None:
                self.slot = (group, k)
            key = k if _BARE.match(k) else escape_string(k)
            parts.append(key if type(v) is UnitAttr else f"{key} = {self.attr(v)}")
        return "{" + ", ".join(parts) + "}"

    def attr(self, a: Attribute) -> str:
        s = self.cache.get(a)
        if s is None:
            uses = self.alias_uses
            printer = _ATTR_PRINTERS.get(type(a))
            if printer is not None:
                s = printer(self, a)
            else:
                custom = getattr(a, "print", None)
                if custom is None:
                    raise TypeError(f"no printer for attribute {type(a).__name__}")
                s = custom(self)
            if self.pending is None or uses == self.alias_uses:  # see _alias
                self.cache[a] = s
        return s

    def type(self, t: Type) -> str:
        s = self.cache.get(t)
        if s is None:
            uses = self.alias_uses
            printer = _TYPE_PRINTERS.get(type(t))
            if printer is not None:
                s = printer(self, t)
            else:
                custom = getattr(t, "print", None)
                if custom is None:
                    raise TypeError(f"no printer for type {type(t).__name__}")
                s = custom(self)
            if self.pending is None or uses == self.alias_uses:
                self.cache[t] = s
        return s

    def affine_map(self, m: aff.AffineMap) -> str:
        return str(m)

    def integer_set(self, s: aff.IntegerSet) -> str:
        return str(s)

    def _alias(self, a: Attribute, prefix: str) -> str:
        """The token `a` prints as until its alias name is known; records MLIR's visit."""
        self.alias_uses += 1
        token = self.alias_tokens.get(a)
        if token is None:
            token = self.alias_tokens[a] = f"\x00{len(self.alias_tokens)}\x00"
            self.alias_prefix[a] = prefix
        if a not in self.alias_order:
            if self.pending is None:
                self.alias_order[a] = None
            else:
                self.pending.append((self.slot, a))
        return token

    def _alias_names(self) -> dict[str, str]:
        """Token -> alias name, as MLIR's initializeAliases: the aliases (all of depth 1)
        sorted by name (`#map`s before `#set`s), stably, so each name is numbered in the
        order of first visit."""
        prefix = self.alias_prefix
        for a in self.alias_tokens:  # printed outside an op (a lone type): visited last
            if a not in self.alias_order:
                self.alias_order[a] = None
        self.alias_order = dict.fromkeys(sorted(self.alias_order, key=prefix.__getitem__))
        counts: dict[str, int] = {}
        names = {}
        for a in self.alias_order:
            n = counts.get(prefix[a], 0)
            counts[prefix[a]] = n + 1
            names[self.alias_tokens[a]] = f"#{prefix[a]}{n if n else ''}"
        return names

    def _resolve_aliases(self, text: str) -> str:
        if not self.alias_tokens:
            return text
        names = self._alias_names()
        return _TOKEN.sub(lambda m: names[m[0]], text)

    def loc(self, loc: Location) -> str:
        """`loc(...)` written out (a block argument's; MLIR gives those no alias), its
        nested locations by their aliases where there are aliases."""
        if self.loc_collect is not None:
            self._visit_loc(loc, False)
        return f"loc({self._loc_inner(loc)})"

    def _op_loc(self, loc: Location) -> str:
        """An op's trailing location: `loc(#loc3)` where there are aliases."""
        if self.loc_collect is not None:
            self._visit_loc(loc, True)
        alias = self.loc_aliases.get(loc)
        return f"loc({alias})" if alias is not None else f"loc({self._loc_inner(loc)})"

    def _visit_loc(self, loc: Location, deferrable: bool) -> int:
        """Record `loc` and the locations in it (before it); its depth (1 + its deepest
        part's). An alias used outside an op's trailing location is printed at the top."""
        info = self.loc_collect.get(loc)  # type: ignore[union-attr]
        if info is None:
            depth = 0
            for part in _loc_parts(loc):
                depth = max(depth, self._visit_loc(part, deferrable) + 1)
            self.loc_collect[loc] = [depth, deferrable]  # type: ignore[index]
            return depth
        if info[1] and not deferrable:
            info[1] = False
            for part in _loc_parts(loc):
                self._visit_loc(part, False)
        return info[0]

    def _location_aliases(self, op: Operation) -> tuple[list[str], list[str], list[str]]:
        """MLIR's location aliases for printing `op`: a first print collects the locations;
        they are numbered by depth (a location's parts first), then in order of first use.
        Returns the definitions printed before the other aliases (depth 0), after them, and
        at the end of the output (those only ops' trailing locations use)."""
        probe = Printer(
            generic=self.generic,
            debuginfo=True,
            use_aliases=self.use_aliases,
            source_names=self.source_names,
        )
        probe.loc_collect = {}
        probe.print_top(op)
        found = probe.loc_collect
        order = sorted(found, key=lambda loc: found[loc][0])  # stable: first use within a depth
        for i, loc in enumerate(order):
            self.loc_aliases[loc] = f"#loc{i if i else ''}"
        top: list[str] = []
        late: list[str] = []
        deferred: list[str] = []
        for loc in order:
            depth, deferrable = found[loc]
            text = f"{self.loc_aliases[loc]} = loc({self._loc_inner(loc)})"
            (deferred if deferrable else top if depth == 0 else late).append(text)
        return [t + "\n" for t in top], [t + "\n" for t in late], deferred

    def _loc_part(self, loc: Location) -> str:
        alias = self.loc_aliases.get(loc)
        return alias if alias is not None else self._loc_inner(loc)

    def _loc_inner(self, loc: Location) -> str:
        if isinstance(loc, FileLineColLoc):
            return f"{escape_string(loc.filename)}:{loc.line}:{loc.column}"
        part = self._loc_part
        if isinstance(loc, NameLoc):
            s = escape_string(loc.name)
            if loc.child is not None and not isinstance(loc.child, UnknownLoc):
                s += f"({part(loc.child)})"
            return s
        if isinstance(loc, CallSiteLoc):
            return f"callsite({part(loc.callee)} at {part(loc.caller)})"
        if isinstance(loc, FusedLoc):
            meta = "" if loc.metadata is None else f"<{self.attr(loc.metadata)}>"
            return f"fused{meta}[" + ", ".join(part(x) for x in loc.locations) + "]"
        return "unknown"


def _predecessors(blocks: list[Block]) -> dict[Block, list[Block]]:
    """Each block's predecessors, one entry per successor use (a terminator holds the
    successors of its block)."""
    preds: dict[Block, list[Block]] = {}
    for block in blocks:
        term = block.last
        if term is not None and term.successors:
            for s in term.successors:
                preds.setdefault(s, []).append(block)
    return preds


def _loc_parts(loc: Location) -> tuple:
    """The locations a location is made of (each gets its own alias, as in MLIR)."""
    if isinstance(loc, NameLoc):
        child = loc.child
        return () if child is None or isinstance(child, UnknownLoc) else (child,)
    if isinstance(loc, CallSiteLoc):
        return (loc.callee, loc.caller)
    if isinstance(loc, FusedLoc):
        return tuple(loc.locations)
    return ()


def _isolated(op: Operation) -> bool:
    return type(op).is_registered and IsolatedFromAbove in type(op).traits


_IDENT_CHAR = re.compile(r"[^A-Za-z0-9$._\-]")


def _sanitize(name: str) -> str:
    """MLIR's sanitizeIdentifier: a space becomes `_`, another invalid character its hex
    code; a leading digit gets a `_` (it would read as a number)."""
    if _IDENT_CHAR.search(name):
        name = _IDENT_CHAR.sub(lambda m: "_" if m[0] == " " else f"{ord(m[0]):X}", name)
    return "_" + name if name[:1].isdigit() else name


def _slot_key(entry: tuple) -> tuple:
    return entry[0]


def _key(k: str) -> str:
    return k if _BARE.match(k) else escape_string(k)


def _shape(shape: tuple, scalable: tuple = ()) -> str:
    parts = []
    for i, d in enumerate(shape):
        s = "?" if d is DYNAMIC else str(d)
        if scalable and scalable[i]:
            s = f"[{s}]"
        parts.append(s + "x")
    return "".join(parts)


def _print_integer_type(p: Printer, t: IntegerType) -> str:
    return {"signless": "i", "signed": "si", "unsigned": "ui"}[t.signedness] + str(t.width)


def _print_function_type(p: Printer, t: FunctionType) -> str:
    ins = ", ".join(p.type(x) for x in t.inputs)
    if len(t.results) == 1 and not isinstance(t.results[0], FunctionType):
        return f"({ins}) -> {p.type(t.results[0])}"
    return f"({ins}) -> (" + ", ".join(p.type(x) for x in t.results) + ")"


def _print_tensor(p: Printer, t: RankedTensorType) -> str:
    enc = "" if t.encoding is None else f", {p.attr(t.encoding)}"
    return f"tensor<{_shape(t.shape)}{p.type(t.element_type)}{enc}>"


def _print_memref(p: Printer, t: MemRefType) -> str:
    extra = ""
    if t.layout is not None:
        extra += f", {p.attr(t.layout)}"
    if t.memory_space is not None:
        extra += f", {_memory_space(p, t.memory_space)}"
    return f"memref<{_shape(t.shape)}{p.type(t.element_type)}{extra}>"


def _print_unranked_memref(p: Printer, t: UnrankedMemRefType) -> str:
    space = "" if t.memory_space is None else f", {_memory_space(p, t.memory_space)}"
    return f"memref<*x{p.type(t.element_type)}{space}>"


def _memory_space(p: Printer, space: Attribute) -> str:
    """An integer memory space prints without its i64 type, as in MLIR (`memref<4xf32, 1>`)."""
    if isinstance(space, IntegerAttr) and space.type is _I64:
        return str(space.value)
    return p.attr(space)


def _print_opaque(t: OpaqueType | OpaqueAttr, sigil: str) -> str:
    sep = "" if t.body.startswith("<") else "."
    return f"{sigil}{t.dialect}{sep}{t.body}"


_I64 = IntegerType(64)

_TYPE_PRINTERS: dict[type, Any] = {
    IntegerType: _print_integer_type,
    IndexType: lambda p, t: "index",
    NoneType: lambda p, t: "none",
    FloatType: lambda p, t: t.kind,
    ComplexType: lambda p, t: f"complex<{p.type(t.element_type)}>",
    TupleType: lambda p, t: "tuple<" + ", ".join(p.type(x) for x in t.types) + ">",
    FunctionType: _print_function_type,
    VectorType: lambda p, t: f"vector<{_shape(t.shape, t.scalable)}{p.type(t.element_type)}>",
    RankedTensorType: _print_tensor,
    UnrankedTensorType: lambda p, t: f"tensor<*x{p.type(t.element_type)}>",
    MemRefType: _print_memref,
    UnrankedMemRefType: _print_unranked_memref,
    OpaqueType: lambda p, t: _print_opaque(t, "!"),
}


def _print_int_attr(p: Printer, a: IntegerAttr) -> str:
    t = a.type
    if isinstance(t, IntegerType):
        if t.width == 1 and t.signedness == "signless":
            return "true" if a.value else "false"
    return f"{a.value} : {p.type(t)}"  # MLIR spells out the type, i64 included


def _print_float_attr(p: Printer, a: FloatAttr) -> str:
    return f"{format_float(a.value, a.type)} : {p.type(a.type)}"


def _print_array(p: Printer, a: ArrayAttr) -> str:
    """`[...]`: an element's type is left out where it is the default (f64, i64), as MLIR's
    AttrTypeElision::May does (a hex float keeps it: bare, it would read as an integer)."""
    parts = []
    for x in a.value:
        t = type(x)
        if t is FloatAttr and x.type.kind == "f64":
            s = format_float(x.value, x.type)
            parts.append(s if not s.startswith("0x") else p.attr(x))
        elif t is IntegerAttr and x.type is _I64:
            parts.append(str(x.value))
        else:
            parts.append(p.attr(x))
    return "[" + ", ".join(parts) + "]"


def _print_string_attr(p: Printer, a: StringAttr) -> str:
    s = escape_string(a.value)
    return s if a.type is None else f"{s} : {p.type(a.type)}"


def _print_symbol(p: Printer, a: SymbolRefAttr) -> str:
    parts = [a.root, *a.nested]
    return "::".join("@" + (n if _SAFE_SYMBOL.match(n) else escape_string(n)) for n in parts)


if TYPE_CHECKING:
    import numpy as np

_SAFE_SYMBOL = re.compile(r"[A-Za-z_][A-Za-z0-9_$.\-]*\Z")


def _element(v: Any, t: Type) -> str:
    if isinstance(t, IntegerType) and t.width == 1:
        return "true" if v else "false"
    if isinstance(t, FloatType):
        return format_float(float(v), t)
    if isinstance(t, ComplexType):
        return f"({_element(v.real, t.element_type)}, {_element(v.imag, t.element_type)})"
    return str(int(v))


def _nested(arr: np.ndarray, t: Type) -> str:
    if arr.ndim == 0:
        return _element(arr[()], t)
    if arr.ndim == 1:
        return "[" + ", ".join(_element(x, t) for x in arr.tolist()) + "]"
    return "[" + ", ".join(_nested(x, t) for x in arr) + "]"


def _print_dense(p: Printer, a: DenseElementsAttr) -> str:
    elem = a.type.element_type
    ty = p.type(a.type)
    if a.is_splat:
        return f"dense<{_element(a.splat_value, elem)}> : {ty}"
    arr = a.array
    hexable = (
        isinstance(elem, (IntegerType, FloatType, IndexType))
        and arr.dtype != object
        and not (isinstance(elem, FloatType) and elem.kind not in ("f16", "f32", "f64"))
        and not (isinstance(elem, IntegerType) and elem.width not in (1, 8, 16, 32, 64))
    )
    if arr.size > HEX_THRESHOLD and hexable:
        import numpy as np  # only here: see attrs.py on numpy at start-up

        return f'dense<"0x{np.ascontiguousarray(arr).tobytes().hex().upper()}"> : {ty}'
    if arr.size == 0:
        return f"dense<> : {ty}"
    return f"dense<{_nested(arr, elem)}> : {ty}"


def _print_dense_resource(p: Printer, a: DenseResourceElementsAttr) -> str:
    p.resources[a.handle] = None
    return f"dense_resource<{a.handle.key}> : {p.type(a.type)}"


def _print_dense_array(p: Printer, a: DenseArrayAttr) -> str:
    t = a.element_type
    if not a.values:
        return f"array<{p.type(t)}>"
    return f"array<{p.type(t)}: " + ", ".join(_element(v, t) for v in a.values) + ">"


def _print_strided(p: Printer, a: StridedLayoutAttr) -> str:
    strides = ", ".join("?" if s is DYNAMIC else str(s) for s in a.strides)
    if a.offset == 0:
        return f"strided<[{strides}]>"
    off = "?" if a.offset is DYNAMIC else str(a.offset)
    return f"strided<[{strides}], offset: {off}>"


def _print_affine_map_attr(p: Printer, a: AffineMapAttr) -> str:
    if p.use_aliases:
        return p._alias(a, "map")
    return f"affine_map<{p.affine_map(a.value)}>"


def _print_integer_set_attr(p: Printer, a: IntegerSetAttr) -> str:
    if p.use_aliases:
        return p._alias(a, "set")
    return f"affine_set<{p.integer_set(a.value)}>"


_ATTR_PRINTERS: dict[type, Any] = {
    IntegerAttr: _print_int_attr,
    FloatAttr: _print_float_attr,
    StringAttr: _print_string_attr,
    UnitAttr: lambda p, a: "unit",
    ArrayAttr: _print_array,
    DictionaryAttr: lambda p, a: p.attr_dict(dict(a.value)),
    TypeAttr: lambda p, a: p.type(a.value),
    SymbolRefAttr: _print_symbol,
    AffineMapAttr: _print_affine_map_attr,
    IntegerSetAttr: _print_integer_set_attr,
    DenseElementsAttr: _print_dense,
    DenseResourceElementsAttr: _print_dense_resource,
    DenseArrayAttr: _print_dense_array,
    StridedLayoutAttr: _print_strided,
    OpaqueAttr: lambda p, a: (
        _print_opaque(a, "#") + ("" if a.type is None else f" : {p.type(a.type)}")
    ),
}
for _loc_cls in (UnknownLoc, FileLineColLoc, NameLoc, CallSiteLoc, FusedLoc):
    _ATTR_PRINTERS[_loc_cls] = lambda p, a: p.loc(a)
