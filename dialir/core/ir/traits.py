"""Op traits: marker classes an op class lists in `traits`, each with an optional check.

The verifier runs `Trait.verify(op)` for every trait of a registered op; structural traits
(terminators, isolation, graph regions, symbol tables) are also read by the verifier, the
parser and the printer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialir.core.ir.attrs import StringAttr
from dialir.core.ir.diagnostics import Diagnostic, VerifyError

if TYPE_CHECKING:
    from dialir.core.ir.operation import Operation


class OpTrait:
    """Base of all traits. A dialect adds its own trait by subclassing this.

    A trait that checks the op's regions sets `verifies_regions`: as MLIR's region traits,
    it runs after the op's own `verify`."""

    verifies_regions = False

    @staticmethod
    def verify(op: Operation) -> None:
        """Raise VerifyError when `op` breaks the trait."""


class IsTerminator(OpTrait):
    """Must be the last op of its block."""


class NoTerminator(OpTrait):
    """Its regions' blocks need no terminator."""


class IsolatedFromAbove(OpTrait):
    """Its regions see no value defined outside the op."""


class GraphRegion(OpTrait):
    """Its regions are graph regions: no SSA dominance inside a block."""


class SingleBlock(OpTrait):
    """Each region holds at most one block."""

    @staticmethod
    def verify(op: Operation) -> None:
        for i, region in enumerate(op.regions):
            if len(region.blocks) > 1:
                raise VerifyError(op, f"expects region #{i} to have 0 or 1 blocks")


class NoRegionArguments(OpTrait):
    @staticmethod
    def verify(op: Operation) -> None:
        for i, region in enumerate(op.regions):
            if region.blocks and region.blocks[0].args:
                raise VerifyError(op, f"region #{i} should have no arguments")


class SymbolTable(OpTrait):
    """Its single region defines symbols (ops with a `sym_name`) that must be unique."""

    @staticmethod
    def verify(op: Operation) -> None:
        seen: dict[str, Operation] = {}
        for region in op.regions:
            for block in region.blocks:
                for nested in block.ops:
                    name = nested.get_attr("sym_name")
                    if not isinstance(name, StringAttr):
                        continue
                    first = seen.get(name.value)
                    if first is not None:
                        err = VerifyError(nested, f"redefinition of symbol named '{name.value}'")
                        diag: Diagnostic = err.diagnostics[0]
                        diag.attach_note("see existing symbol definition here", first.location)
                        raise err
                    seen[name.value] = nested


class Symbol(OpTrait):
    """Defines a symbol through its `sym_name` string attribute."""

    @staticmethod
    def verify(op: Operation) -> None:
        name = op.get_attr("sym_name")
        if name is not None and not isinstance(name, StringAttr):
            raise VerifyError(op, "requires string attribute 'sym_name'")


def _same_types(op: Operation, with_results: bool, message: str) -> None:
    types = [v.type for v in op.operands]
    if with_results:
        types += [r.type for r in op.results]
    if types and any(t is not types[0] for t in types):
        raise VerifyError(op, message)


class SameOperandsAndResultType(OpTrait):
    @staticmethod
    def verify(op: Operation) -> None:
        _same_types(op, True, "requires the same type for all operands and results")


class SameTypeOperands(OpTrait):
    @staticmethod
    def verify(op: Operation) -> None:
        _same_types(op, False, "requires all operands to have the same type")


class Pure(OpTrait):
    """No side effects: CSE may merge it, DCE may drop it when unused."""


class MemRead(OpTrait):
    """Reads memory (through its memref operands)."""


class MemWrite(OpTrait):
    """Writes memory."""


class MemAlloc(OpTrait):
    """Allocates memory (its result is fresh)."""


class MemFree(OpTrait):
    """Frees memory."""


class Commutative(OpTrait):
    """Operands may be reordered: folding (core/rewrite's greedy driver) moves constant
    operands after the others for every op with this trait (MLIR's foldCommutative)."""


class ConstantLike(OpTrait):
    """Materialises a constant held in its `value` attribute; folding results become these."""


class ReturnLike(OpTrait):
    """A terminator that returns values to its parent op."""


class AutomaticAllocationScope(OpTrait):
    """`memref.alloca`s inside are freed when control leaves the op."""


class AffineScope(OpTrait):
    """Its regions start a new scope for affine dims and symbols: values defined at their
    top level are valid affine symbols inside (MLIR's OpTrait::AffineScope, on `func.func`)."""


class RecursiveMemoryEffects(OpTrait):
    """The op's memory effects are those of the ops nested in its regions (MLIR's
    RecursiveMemoryEffects): a loop whose body only computes is dead when unused."""


_HAS_PARENT: dict[tuple[str, ...], type[OpTrait]] = {}


def HasParent(*names: str) -> type[OpTrait]:
    """A trait: the op's parent op is one of `names` (e.g. `func.return` in `func.func`)."""
    key = tuple(sorted(names))
    trait = _HAS_PARENT.get(key)
    if trait is not None:
        return trait

    def verify(op: Operation) -> None:
        parent = op.parent_op
        if parent is None or parent.name not in names:
            # MLIR's HasParent / ParentOneOf wording: one quoted, comma-separated list.
            expected = "'" + ", ".join(names) + "'"
            raise VerifyError(
                op, f"expects parent op {'to be one of ' if len(names) > 1 else ''}{expected}"
            )

    trait = type(f"HasParent[{', '.join(names)}]", (OpTrait,), {"verify": staticmethod(verify)})
    _HAS_PARENT[key] = trait
    return trait


_IMPLICIT_TERMINATOR: dict[str, type[OpTrait]] = {}


def SingleBlockImplicitTerminator(name: str) -> type[OpTrait]:
    """A trait: each region holds at most one block, ending with op `name`, which the custom
    syntax leaves out when it has no operands (MLIR's SingleBlockImplicitTerminator). The
    trait class names the terminator in `terminator`."""
    trait = _IMPLICIT_TERMINATOR.get(name)
    if trait is not None:
        return trait

    def verify(op: Operation) -> None:

        for i, region in enumerate(op.regions):
            if not region.blocks:
                continue
            if len(region.blocks) > 1:
                raise VerifyError(op, f"expects region #{i} to have 0 or 1 blocks")
            last = region.blocks[0].last
            if last is None:
                raise VerifyError(op, "expects a non-empty block")
            if last.name != name:
                err = VerifyError(op, f"expects regions to end with '{name}', found '{last.name}'")
                err.diagnostics[0].attach_note(
                    f"in custom textual format, the absence of terminator implies '{name}'",
                    op.location,
                )
                raise err

    trait = type(
        f"SingleBlockImplicitTerminator[{name}]", (OpTrait,),
        {"verify": staticmethod(verify), "terminator": name, "verifies_regions": True},
    )  # fmt: skip
    _IMPLICIT_TERMINATOR[name] = trait
    return trait


def implicit_terminator(op_class: type) -> str | None:
    """The op name of `op_class`'s implicit terminator, if it has one."""
    for trait in op_class.traits:
        name = getattr(trait, "terminator", None)
        if name is not None:
            return name
    return None


def has_memory_effects(op: Operation) -> bool:
    """Whether an op may touch memory or have other side effects (unknown ops: yes)."""
    cls = type(op)
    if not cls.is_registered or Pure not in cls.traits:
        return True
    return False


def lookup_nearest_symbol(op: Operation, name: str) -> Operation | None | bool:
    """The op named `name` in the nearest symbol table around `op` (MLIR's
    lookupNearestSymbolFrom); None when there is none of that name, False when uses cannot
    be checked: no symbol table encloses `op`, or an unregistered op (which may be a symbol
    table, so MLIR does not look inside it) comes first."""
    table = op.parent_op
    while table is not None and not table.has_trait(SymbolTable):
        if not type(table).is_registered:
            return False
        table = table.parent_op
    if table is None:
        return False
    for region in table.regions:
        for block in region.blocks:
            for candidate in block.ops:
                sym = candidate.get_attr("sym_name")
                if isinstance(sym, StringAttr) and sym.value == name:
                    return candidate
    return None
