"""The builtin ops (`builtin.module`, `builtin.unrealized_conversion_cast`).

They live in core because the parser and printer need the module; the `builtin` dialect
package registers them.
"""

from __future__ import annotations

from dialir.core.ir.attrs import StringAttr, SymbolRefAttr
from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.printer import AsmPrinter
from dialir.core.ir.traits import (
    AffineScope,
    GraphRegion,
    IsolatedFromAbove,
    NoRegionArguments,
    NoTerminator,
    SingleBlock,
    Symbol,
    SymbolTable,
)
from dialir.core.ir.types import Type
from dialir.core.ods.opdef import Op, var_operand, var_result


class ModuleOp(Operation):
    """`builtin.module`: the top-level container, a symbol table with one graph region."""

    __slots__ = ()
    OP_NAME = "builtin.module"
    traits = frozenset(
        {IsolatedFromAbove, SymbolTable, Symbol, NoTerminator, GraphRegion, SingleBlock,
         NoRegionArguments, AffineScope}
    )  # fmt: skip

    @classmethod
    def build(cls, ops: list[Operation] = (), sym_name: str | None = None) -> ModuleOp:
        block = Block()
        block.extend(ops)
        op = Operation.create(cls.OP_NAME, regions=[Region([block])])
        if sym_name is not None:
            op.properties["sym_name"] = StringAttr(sym_name)
        return op

    @property
    def body(self) -> Block:
        region = self.regions[0]
        if not region.blocks:
            region.append(Block())
        return region.blocks[0]

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        """`module @name <sym_visibility = "private"> attributes {...} {...}`; other
        properties need the generic form."""
        if set(self.properties) - {"sym_name", "sym_visibility"} or len(self.regions) != 1:
            p.generic_op(self, indent)
            return
        p.write("module")
        name = self.properties.get("sym_name")
        if isinstance(name, StringAttr):
            p.write(" " + p.attr(SymbolRefAttr(name.value)))
        vis = self.properties.get("sym_visibility")
        if vis is not None:
            p.write(f" <sym_visibility = {p.attr(vis)}>")
        if self.attributes:
            p.write(" attributes " + p.attr_dict(self.attributes))
        p.write(" ")
        blocks = self.regions[0].blocks
        if len(blocks) == 1 and blocks[0].first is None and not blocks[0].args:
            p.write("{\n" + indent + "}")  # an emptied body, as MLIR prints it
            return
        p.regions(self, indent)

    def verify_(self) -> None:
        if len(self.regions) != 1:
            raise VerifyError(self, "requires one region")
        if self.results or self._operands:
            raise VerifyError(self, "takes no operands and has no results")
        require_one_block(self)


def require_one_block(op: Operation) -> None:
    """MLIR's SizedRegion<1> on a module's body: one block, not none (passes may rely on it)."""
    if len(op.regions[0].blocks) != 1:
        raise VerifyError(
            op, "region #0 ('bodyRegion') failed to verify constraint: region with 1 blocks"
        )


class UnrealizedConversionCastOp(Op):
    """`%1 = builtin.unrealized_conversion_cast %0 : i32 to i64`: a placeholder cast between
    type systems that dialect conversion inserts and later removes (any number of inputs,
    one or more results)."""

    __slots__ = ()
    OP_NAME = "builtin.unrealized_conversion_cast"
    summary = "an unrealized conversion from one set of types to another"
    inputs = var_operand()
    outputs = var_result()
    assembly_format = "($inputs^ `:` type($inputs))? `to` type($outputs) attr-dict"

    @classmethod
    def build(cls, inputs: list[Value], result_types: list[Type]) -> Operation:
        return cls(inputs, result_types=list(result_types))

    def verify_(self) -> None:
        if not self.results:
            raise VerifyError(self, "expected at least one result")
