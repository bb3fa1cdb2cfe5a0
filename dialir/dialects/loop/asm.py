"""What the custom syntax of the loop dialects needs from the parser and the printer.

Parsing: the grammar callbacks get the parser's public interface (`b`, an AsmParser:
dialir/parser/asm.py); the helpers here combine its calls the way loop headers need them
(entry-block arguments named in the op header, implicit terminators).

Printing: MLIR's OpAsmPrinter pieces the ops share: regions whose entry arguments the op
header names (and whose implicit terminator is left out), attribute dictionaries without the
inherent attributes the syntax spells, affine expressions over SSA names.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dialir.core.ir.affine import AffineExpr, AffineMap
from dialir.core.ir.attrs import AffineMapAttr, IntegerSetAttr
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.traits import IsTerminator, implicit_terminator
from dialir.core.ir.types import FunctionType, IndexType, Type

INDEX = IndexType()

# -- parsing: the IRBuilder adapter ----------------------------------------------------------


def error(b: Any, tok: Any, message: str) -> DiagnosticError:
    return b.error(tok, message)


def loc(b: Any, tok: Any) -> Any:
    return b.loc(tok)


def op_keyword(name: str):
    """The callback of an op's keyword rule: the op is pending from here on, so the regions
    parsed inside it know their parent (SSA scoping, short op names)."""

    def keyword(b: Any, c: list) -> Any:
        b.enter_op(name)
        return c[0]

    return keyword


def end_op(b: Any) -> None:
    """The op whose keyword rule ran last is built: it is no longer pending."""
    b.exit_op()


def resolve(b: Any, tok: Any, t: Type) -> Value:
    """The value an SSA use token names, checked to have type `t`."""
    return b.resolve_operands(tok, [t])[0]


def resolve_all(b: Any, toks: Sequence[Any], t: Type | Sequence[Type]) -> list[Value]:
    """Values of several use tokens (or of one operand-list token), all of type `t` or of
    the types in order."""
    out: list[Value] = []
    types = [t] * len(toks) if isinstance(t, Type) else list(t)
    if len(types) != len(toks):
        raise ValueError("one type per operand")
    for tok, ty in zip(toks, types):
        out.extend(b.resolve_operands(tok, [ty]))
    return out


def split(b: Any, tok: Any) -> list[Any]:
    """The single-value tokens of an operand-list token (`(%a, %b)`)."""
    return [] if tok is None else b.split_values(tok)


def push_region_args(b: Any, args: list[tuple[Any, Type]]) -> None:
    """The entry-block arguments (name token, type) of the region about to open."""
    b.dialect_state("loop.region_args", list).append(args)


def open_region(b: Any) -> Block:
    """`{` of a region whose entry arguments the op header named: a scope for the region
    with those arguments defined in it."""
    b.open_region()
    entry = Block()
    for tok, t in b.dialect_state("loop.region_args", list).pop():
        b.define_argument(entry, tok, t)
    return entry


def close_region(b: Any, c: list) -> Region:
    """`}`: the region, its entry block holding the named arguments and the first ops."""
    entry, ops, *blocks = c
    region = b.close_region([], blocks)
    if not ops and blocks:
        raise DiagnosticError(Diagnostic(
            "error", "invalid block name in region with named arguments",
            blocks[0].args[0].location if blocks[0].args else entry.args[0].location,
        ))  # fmt: skip
    b.fill_block(entry, ops or [])
    region.insert(0, entry)
    return region


def ensure_terminator(op_class: type, region: Region, location: Any) -> None:
    """MLIR's ensureTerminator: a block that does not end in a terminator gets the op's
    implicit one (without operands); an empty region gets a block first."""
    name = implicit_terminator(op_class)
    if not region.blocks:
        region.append(Block())
    block = region.blocks[0]
    last = block.last
    if last is None or not (type(last).is_registered and IsTerminator in type(last).traits):
        term = Operation.create(name)
        term.location = location
        block.append(term)


def set_attrs(op: Operation, attrs: Any, inherent: Sequence[str] = ()) -> Operation:
    """A parsed attribute dictionary: inherent names become properties."""
    for name, value in attrs or ():
        if name in inherent:
            op.properties[name] = value
        else:
            op.attributes[name] = value
    return op


def new_op(cls: type, operands: Sequence[Value], result_types: Sequence[Type],
           properties: dict, regions: Sequence[Region], location: Any) -> Operation:  # fmt: skip
    """An op from parsed parts (not through the op class's builder, which makes bodies)."""
    op = Operation.create(
        cls.OP_NAME, list(operands), list(result_types), properties=properties,
        regions=list(regions), location=location,
    )  # fmt: skip
    return op


# -- affine expressions of SSA values ---------------------------------------------------------

# Parsed expressions are trees of tuples, turned into AffineExprs once the whole map is read so
# that dims and symbols are numbered in order of first appearance (MLIR's
# parseAffineMapOfSSAIds): ("dim", tok), ("sym", tok), ("const", value, tok), (kind, lhs, rhs)
# for add/sub/mul/floordiv/ceildiv/mod, ("neg", x).


class SSAMapBuilder:
    """Collects the dims and symbols of one affine map of SSA ids while its expressions are
    converted; `operands` lists the dim tokens, then the symbol tokens."""

    __slots__ = ("b", "dims", "syms", "dim_toks", "sym_toks")

    def __init__(self, b: Any) -> None:
        self.b = b
        self.dims: dict[str, AffineExpr] = {}
        self.syms: dict[str, AffineExpr] = {}
        self.dim_toks: list[Any] = []
        self.sym_toks: list[Any] = []

    def expr(self, tree: tuple) -> AffineExpr:
        kind = tree[0]
        if kind == "dim" or kind == "sym":
            return self._id(tree[1], kind == "sym")
        if kind == "const":
            return AffineExpr.constant(tree[1])
        if kind == "neg":
            return -self.expr(tree[1])
        lhs, rhs = self.expr(tree[1]), self.expr(tree[2])
        if kind == "add":
            return lhs + rhs
        if kind == "sub":
            return lhs - rhs
        tok = _first_token(tree[2])
        if kind == "mul":
            if not (lhs.is_symbolic_or_constant() or rhs.is_symbolic_or_constant()):
                raise self.b.error(tok, "non-affine expression: at least one of the multiply "
                                   "operands has to be either a constant or symbolic")  # fmt: skip
            return lhs * rhs
        if not rhs.is_symbolic_or_constant():
            raise self.b.error(tok, f"non-affine expression: right operand of {kind} has to be "
                               "either a constant or symbolic")  # fmt: skip
        return AffineExpr.binary(kind, lhs, rhs)

    def _id(self, tok: Any, symbol: bool) -> AffineExpr:
        name = str(tok)
        known = self.dims.get(name)
        if known is None:
            known = self.syms.get(name)
        if known is not None:
            return known
        if symbol:
            e = self.syms[name] = AffineExpr.symbol(len(self.syms))
            self.sym_toks.append(tok)
        else:
            e = self.dims[name] = AffineExpr.dim(len(self.dims))
            self.dim_toks.append(tok)
        return e

    def map(self, trees: Sequence[tuple]) -> AffineMap:
        results = [self.expr(t) for t in trees]
        return AffineMap(len(self.dims), len(self.syms), results)

    def operands(self) -> list[Value]:
        return resolve_all(self.b, self.dim_toks + self.sym_toks, INDEX)


def _first_token(tree: tuple) -> Any:
    while True:
        if tree[0] in ("dim", "sym"):
            return tree[1]
        if tree[0] == "const":
            return tree[2]
        tree = tree[1]


def map_of_ssa_ids(b: Any, trees: Sequence[tuple]) -> tuple[AffineMap, list[Value]]:
    """An affine map (dims, then symbols, in order of first use) and its operands."""
    m = SSAMapBuilder(b)
    result = m.map(trees)
    return result, m.operands()


# -- printing ---------------------------------------------------------------------------------


def print_region(p: Any, region: Region, indent: str, *, entry_args: bool = True,
                 terminators: bool = True) -> None:  # fmt: skip
    """MLIR's printRegion(region, printEntryBlockArgs, printBlockTerminators): only the entry
    block's header and terminator may be left out. An implicit terminator is only left out
    when it has nothing to say (no operands or attributes), so the text loses nothing."""
    out = p.out
    out.append("{\n")
    inner = indent + "  "
    for i, block in enumerate(region.blocks):
        p.block_names[block] = f"^bb{i}"
    owner = region.parent
    implicit = implicit_terminator(type(owner)) if owner is not None else None
    for i, block in enumerate(region.blocks):
        if i or (entry_args and block.args):
            p.block_header(block, indent)
        skip = None
        if i == 0 and not terminators:
            last = block.last
            if (last is not None and last.name == implicit and not last.operand_uses
                    and not last.attributes and not last.properties):  # fmt: skip
                skip = last
        o = block.first
        while o is not None and o is not skip:
            p.op(o, inner)
            out.append("\n")
            o = o.next
    out.append(indent + "}")


def print_attr_dict(p: Any, op: Operation, elided: Sequence[str] = ()) -> None:
    """` {..}` with the op's properties and attributes, but those in `elided`."""
    attrs = {k: v for k, v in op.properties.items() if k not in elided}
    attrs.update((k, v) for k, v in op.attributes.items() if k not in elided)
    if attrs:
        p.out.append(" " + p.attr_dict(attrs))


def print_attr_dict_kw(p: Any, op: Operation, elided: Sequence[str] = ()) -> None:
    """` attributes {..}` (MLIR's printOptionalAttrDictWithKeyword)."""
    attrs = {k: v for k, v in op.properties.items() if k not in elided}
    attrs.update((k, v) for k, v in op.attributes.items() if k not in elided)
    if attrs:
        p.out.append(" attributes " + p.attr_dict(attrs))


def values(p: Any, vs: Sequence[Value]) -> str:
    return ", ".join(p.value(v) for v in vs)


def types(p: Any, ts: Sequence[Any]) -> str:
    return ", ".join(p.type(t.type if isinstance(t, Value) else t) for t in ts)


def arrow_types(p: Any, ts: Sequence[Type]) -> str:
    """MLIR's printArrowTypeList: `-> i32`, or `-> (i32, f32)`."""
    if len(ts) == 1 and not isinstance(ts[0], FunctionType):
        return " -> " + p.type(ts[0])
    return f" -> ({types(p, ts)})"


def ssa_expr(p: Any, e: AffineExpr, dims: Sequence[Value], syms: Sequence[Value]) -> str:
    """An affine expression with dims as their SSA names and symbols as `symbol(%n)`."""
    return e.format([p.value(v) for v in dims], [f"symbol({p.value(v)})" for v in syms])


def ssa_map(p: Any, m: AffineMap, operands: Sequence[Value]) -> str:
    """MLIR's printAffineMapOfSSAIds: the results, comma separated."""
    dims, syms = operands[: m.num_dims], operands[m.num_dims :]
    return ", ".join(ssa_expr(p, e, dims, syms) for e in m.results)


def dim_and_symbol_list(p: Any, operands: Sequence[Value], num_dims: int) -> str:
    """MLIR's printDimAndSymbolList: `(%d0, %d1)[%s0]`."""
    text = f"({values(p, operands[:num_dims])})"
    if len(operands) > num_dims:
        text += f"[{values(p, operands[num_dims:])}]"
    return text


def is_map_attr(a: Any) -> bool:
    return isinstance(a, AffineMapAttr)


def is_set_attr(a: Any) -> bool:
    return isinstance(a, IntegerSetAttr)
