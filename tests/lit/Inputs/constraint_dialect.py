"""`cons`: a test dialect with one op per constraint kind, loaded by lit tests through
`dialir-opt --load-dialect-plugin=constraint_dialect` (like MLIR's test dialect)."""

from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.dialect import Dialect
from dialir.core.ir.traits import (
    HasParent,
    IsTerminator,
    SameOperandsAndResultType,
    SameTypeOperands,
)
from dialir.core.ods.constraints import (
    F32,
    I32,
    AnyFloat,
    AnyInteger,
    AnyMemRef,
    AnySignlessInteger,
    AnyTensor,
    BoolLike,
    DenseI64Array,
    EnumAttr,
    FlatSymbolRefAttr,
    FloatLike,
    I64Attr,
    Index,
    MemRefOf,
    SameAs,
    SignlessIntegerLike,
    StringAttrC,
    TensorOf,
    TypeAttrC,
    UnitAttrC,
    VectorOf,
)
from dialir.core.ods.opdef import (
    Op,
    attribute,
    operand,
    opt_operand,
    region,
    result,
    successor,
    var_operand,
)


def _type_op(mnemonic: str, constraint):
    return type(
        f"{mnemonic.title()}Op", (Op,),
        {"__slots__": (), "OP_NAME": f"cons.{mnemonic}", "x": operand(constraint)},
    )  # fmt: skip


TYPE_OPS = [
    _type_op(name, c)
    for name, c in [
        ("integer", AnyInteger), ("signless", AnySignlessInteger), ("float", AnyFloat),
        ("index", Index), ("i32", I32), ("intlike", SignlessIntegerLike),
        ("floatlike", FloatLike), ("boollike", BoolLike), ("tensor", AnyTensor),
        ("tensor_f32", TensorOf(F32)), ("memref", AnyMemRef), ("memref_int", MemRefOf(AnyInteger)),
        ("vector_f32", VectorOf(F32)), ("int_or_float", AnyInteger | AnyFloat),
    ]
]  # fmt: skip


class SameAsOp(Op):
    __slots__ = ()
    OP_NAME = "cons.same_as"
    lhs = operand(AnyInteger)
    rhs = operand(SameAs("lhs"))


class CountsOp(Op):
    """One single, one optional and one variadic operand group (segment sizes needed)."""

    __slots__ = ()
    OP_NAME = "cons.counts"
    a = operand()
    b = opt_operand()
    c = var_operand()


class ResultOp(Op):
    __slots__ = ()
    OP_NAME = "cons.result"
    r = result(AnyFloat)


PRED = EnumAttr("comparison predicate", ["eq", "ne", "lt"])


class AttrsOp(Op):
    __slots__ = ()
    OP_NAME = "cons.attrs"
    count = attribute(I64Attr)
    label = attribute(StringAttrC, optional=True)
    kind = attribute(PRED, optional=True)
    ty = attribute(TypeAttrC, optional=True)
    callee = attribute(FlatSymbolRefAttr, optional=True)
    dims = attribute(DenseI64Array, optional=True)
    flag = attribute(UnitAttrC, optional=True)


class EnumFormatOp(Op):
    __slots__ = ()
    OP_NAME = "cons.enum_format"
    kind = attribute(PRED)
    x = operand(AnyInteger)
    assembly_format = "$kind `,` $x attr-dict `:` type($x)"


class RegionOp(Op):
    __slots__ = ()
    OP_NAME = "cons.region"
    body = region(single_block=True)


class BranchOp(Op):
    __slots__ = ()
    OP_NAME = "cons.branch"
    traits = frozenset({IsTerminator})
    dest = successor()


class SameAllOp(Op):
    __slots__ = ()
    OP_NAME = "cons.same_all"
    traits = frozenset({SameOperandsAndResultType})
    a = operand()
    b = operand()
    r = result()


class SameOperandsOp(Op):
    __slots__ = ()
    OP_NAME = "cons.same_operands"
    traits = frozenset({SameTypeOperands})
    a = operand()
    b = operand()


class InRegionOp(Op):
    __slots__ = ()
    OP_NAME = "cons.in_region"
    traits = frozenset({HasParent("cons.region")})


class PositiveOp(Op):
    """A custom verifier on top of the definition."""

    __slots__ = ()
    OP_NAME = "cons.positive"
    count = attribute(I64Attr)

    def verify(self) -> None:
        if self.count.value <= 0:
            raise VerifyError(self, f"count must be positive, got {self.count.value}")


DIALECT = Dialect(
    "cons",
    ops=[*TYPE_OPS, SameAsOp, CountsOp, ResultOp, AttrsOp, EnumFormatOp, RegionOp, BranchOp,
         SameAllOp, SameOperandsOp, InRegionOp, PositiveOp],
    description="Test ops, one per constraint kind.",
)  # fmt: skip
