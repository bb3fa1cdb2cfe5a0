"""cf ops: unstructured control flow between the blocks of a region.

Branch ops implement `successor_operands(i)`, the values passed to successor `i` (MLIR's
BranchOpInterface); the verifier checks them against the successor's block arguments.
`cf.switch` has hand-written syntax (its case list is beyond the assembly format).
"""

from __future__ import annotations

from collections.abc import Sequence

from dialir.core.ir.attrs import Attribute, DenseArrayAttr, DenseElementsAttr, IntegerAttr
from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.operation import Block, Value
from dialir.core.ir.printer import AsmPrinter
from dialir.core.ir.traits import IsTerminator, Pure
from dialir.core.ir.types import IntegerType, VectorType
from dialir.core.ods.constraints import (
    I1,
    AnyInteger,
    DenseI32Array,
    DenseI32ArrayList,
    IntElementsAttr,
    StringAttrC,
)
from dialir.core.ods.opdef import (
    Op,
    attribute,
    operand,
    successor,
    var_operand,
    var_successor,
)
from dialir.parser.asm import AsmParser


class AssertOp(Op):
    """`cf.assert %cond, "message"`: abort with `message` when `%cond` is false."""

    __slots__ = ()
    OP_NAME = "cf.assert"
    summary = "Assert operation with message attribute"
    arg = operand(I1)
    msg = attribute(StringAttrC)
    assembly_format = "$arg `,` $msg attr-dict"


class BranchOp(Op):
    """`cf.br ^dest(%a : i32)`: jump to one successor, passing `destOperands`."""

    __slots__ = ()
    OP_NAME = "cf.br"
    summary = "branch operation"
    traits = frozenset({IsTerminator, Pure})
    destOperands = var_operand()
    dest = successor()
    assembly_format = "$dest (`(` $destOperands^ `:` type($destOperands) `)`)? attr-dict"

    def successor_operands(self, index: int) -> Sequence[Value]:
        return self.destOperands

    def successor_for_operands(self, operands: Sequence[Attribute | None]) -> Block | None:
        """The successor taken for these constant operands (MLIR's getSuccessorForOperands)."""
        return self.dest


class CondBranchOp(Op):
    """`cf.cond_br %c, ^t(%a : i32), ^f`: jump to `trueDest` when `%c` is true, else to
    `falseDest`, each with its own operands."""

    __slots__ = ()
    OP_NAME = "cf.cond_br"
    summary = "conditional branch operation"
    traits = frozenset({IsTerminator, Pure})
    condition = operand(I1)
    trueDestOperands = var_operand()
    falseDestOperands = var_operand()
    trueDest = successor()
    falseDest = successor()
    # MLIR's WeightedBranchOpInterface: the relative likelihood of each successor.
    branch_weights = attribute(DenseI32ArrayList, optional=True)
    assembly_format = (
        "$condition (`weights` `(` $branch_weights^ `)`)? `,`"
        " $trueDest (`(` $trueDestOperands^ `:` type($trueDestOperands) `)`)? `,`"
        " $falseDest (`(` $falseDestOperands^ `:` type($falseDestOperands) `)`)? attr-dict"
    )

    def verify(self) -> None:
        weights = self.branch_weights
        if weights is None:
            return
        values = list(weights.values)
        if len(values) != 2:
            raise VerifyError(
                self,
                "expects number of branch weights to match number of successors: "
                f"{len(values)} vs 2",
            )

    def successor_operands(self, index: int) -> Sequence[Value]:
        return self.trueDestOperands if index == 0 else self.falseDestOperands

    def successor_for_operands(self, operands: Sequence[Attribute | None]) -> Block | None:
        """The successor taken for these constant operands; None when the condition is not a
        constant (MLIR's getSuccessorForOperands)."""
        cond = operands[0] if operands else None
        if not isinstance(cond, IntegerAttr):
            return None
        return self.trueDest if cond.value else self.falseDest


class SwitchOp(Op):
    """`cf.switch %flag : i32, [default: ^bb1(%a : i32), 42: ^bb2]`: jump to the case whose
    value equals `%flag`, else to the default. `case_operand_segments` splits
    `caseOperands` among the cases."""

    __slots__ = ()
    OP_NAME = "cf.switch"
    summary = "switch operation"
    traits = frozenset({IsTerminator, Pure})
    flag = operand(AnyInteger)
    defaultOperands = var_operand()
    caseOperands = var_operand()
    case_values = attribute(IntElementsAttr, optional=True)
    case_operand_segments = attribute(DenseI32Array)
    defaultDestination = successor()
    caseDestinations = var_successor()

    def case_value_list(self) -> list[int]:
        values = self.case_values
        if not isinstance(values, DenseElementsAttr):
            return []
        return [int(v) for v in values.array.reshape(-1).tolist()]

    def successor_for_operands(self, operands: Sequence[Attribute | None]) -> Block | None:
        """The case whose value equals a constant flag, else the default; None when the flag
        is not a constant (MLIR's getSuccessorForOperands)."""
        values = self.case_value_list()
        if not values:
            return self.defaultDestination
        flag = operands[0] if operands else None
        if not isinstance(flag, IntegerAttr) or not isinstance(self.flag.type, IntegerType):
            return None
        mask = (1 << self.flag.type.width) - 1
        for value, block in zip(values, self.caseDestinations):
            if value & mask == flag.value & mask:
                return block
        return self.defaultDestination

    def case_operands(self, index: int) -> Sequence[Value]:
        sizes = self.case_operand_segments.values
        start = sum(sizes[:index])
        return self.caseOperands[start : start + sizes[index]]

    def successor_operands(self, index: int) -> Sequence[Value]:
        if index == 0:
            return self.defaultOperands
        sizes = self.get_attr("case_operand_segments")
        if not isinstance(sizes, DenseArrayAttr) or index - 1 >= len(sizes.values):
            raise VerifyError(self, "requires attribute 'case_operand_segments' with one "
                              "element per case destination")  # fmt: skip
        return self.case_operands(index - 1)

    def verify(self) -> None:
        cases = self.caseDestinations
        sizes = self.case_operand_segments.values
        if len(sizes) != len(cases) or sum(sizes) != len(self.caseOperands):
            raise VerifyError(
                self, "'case_operand_segments' does not match the case destinations and operands"
            )
        values = self.case_values
        if values is None:
            if cases:
                raise VerifyError(self, f"number of case values (0) should match number of "
                                  f"case destinations ({len(cases)})")  # fmt: skip
            return
        if not isinstance(values, DenseElementsAttr) or not isinstance(
            values.type.element_type, IntegerType
        ):
            raise VerifyError(self, "attribute 'case_values' failed to satisfy constraint: "
                              "integer elements attribute")  # fmt: skip
        flag_type = self.flag.type
        if values.type.element_type is not flag_type:
            raise VerifyError(
                self,
                f"'flag' type ({flag_type}) should match case value type "
                f"({values.type.element_type})",
            )
        n = len(self.case_value_list())
        if n != len(cases):
            raise VerifyError(self, f"number of case values ({n}) should match number of "
                              f"case destinations ({len(cases)})")  # fmt: skip

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        write = p.write
        write(f"cf.switch {p.value(self.flag)} : {p.type(self.flag.type)}, [\n")
        inner = indent + "  "
        lines = [f"{inner}default: {_dest(p, self.defaultDestination, self.defaultOperands)}"]
        for i, (value, block) in enumerate(zip(self.case_value_list(), self.caseDestinations)):
            lines.append(f"{inner}{value}: {_dest(p, block, self.case_operands(i))}")
        write(",\n".join(lines))
        # MLIR ends the case list with a newline only when there are case values.
        write(f"\n{indent}]" if isinstance(self.case_values, DenseElementsAttr) else "]")
        extra = {
            k: v for k, v in {**self.properties, **self.attributes}.items()
            if k not in ("case_values", "case_operand_segments", "operandSegmentSizes")
        }  # fmt: skip
        if extra:
            write(" " + p.attr_dict(extra))


def _dest(p: AsmPrinter, block: Block, operands: Sequence[Value]) -> str:
    name = p.block_name(block)
    if not operands:
        return name
    values = ", ".join(p.value(v) for v in operands)
    types = ", ".join(p.type(v.type) for v in operands)
    return f"{name}({values} : {types})"


# -- cf.switch syntax -----------------------------------------------------------------------

SWITCH_GRAMMAR = r"""
%extend custom_op: cf_switch
cf_switch: CF_SWITCH value_use ":" type "," "[" cf_switch_default ("," cf_switch_case)* "]" [attr_dict]
cf_switch_default: "default" ":" cf_switch_dest
cf_switch_case: INT ":" cf_switch_dest
cf_switch_dest: SUCCESSOR_ARGS | CARET_ID ["(" value_use_list ":" types_opt ")"]
CF_SWITCH: "cf.switch"
"""


def _switch_dest(b: AsmParser, c: list) -> tuple:
    if len(c) == 1:  # `^bb1(%a : i32)` as one token
        tok, values, types = b.values_and_types(c[0])
        found = values.count("%")
        if found != len(types):
            raise b.error(tok, f"expected {found} types, but got {len(types)}")
        return (b.block_ref(tok), b.resolve_operands(values, types))
    tok, uses, types = c
    block = b.block_ref(tok)
    uses, types = uses or [], types or []
    if len(uses) != len(types):
        raise b.error(tok, f"expected {len(uses)} types, but got {len(types)}")
    values = [v for u, t in zip(uses, types) for v in b.resolve_operands(u, [t])]
    return (block, values)


def _switch_case(b: AsmParser, c: list) -> tuple:
    return (c[0], *c[1])


def _switch_default(b: AsmParser, c: list) -> tuple:
    return (None, *c[0])


def _switch(b: AsmParser, c: list) -> SwitchOp:
    kw, flag_tok, flag_type, default, *rest = c
    attrs = rest.pop() if rest else None
    (flag,) = b.resolve_operands(flag_tok, [flag_type])
    if not isinstance(flag_type, IntegerType):
        raise b.error(kw, f"'cf.switch' op operand #0 must be integer, but got '{flag_type}'")
    values = [int(tok, 16 if "0x" in tok else 10) for tok, _, _ in rest]
    props: dict = {}
    if values:
        try:
            props["case_values"] = DenseElementsAttr(VectorType([len(values)], flag_type), values)
        except (ValueError, OverflowError) as e:
            raise b.error(kw, f"invalid case value: {e}") from None
    op = SwitchOp(
        flag,
        defaultOperands=default[2],
        caseOperands=[v for _, _, vs in rest for v in vs],
        case_operand_segments=DenseArrayAttr(IntegerType(32), [len(vs) for _, _, vs in rest]),
        successors=[default[1], *(blk for _, blk, _ in rest)],
        location=b.loc(kw),
        **props,
    )
    for name, value in attrs or ():
        if name in ("case_values", "case_operand_segments"):
            op.properties[name] = value
        else:
            op.attributes[name] = value
    return op


SWITCH_CALLBACKS = {
    "cf_switch": _switch,
    "cf_switch_default": _switch_default,
    "cf_switch_case": _switch_case,
    "cf_switch_dest": _switch_dest,
}
