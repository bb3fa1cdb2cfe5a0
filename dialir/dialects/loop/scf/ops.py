"""scf ops (MLIR's structured control flow dialect): loops and conditionals whose regions hold
ordinary SSA code, below affine (any index computation) and above cf (no branches).

Builders (each returns the op; `build` also inserts it where a `Builder` or `PatternRewriter`
points, and fills the regions through callbacks that get a Builder placed in the region):

    ForOp(lb, ub, step, iter_args=(), unsigned=False)
    ForOp.build([builder,] lb, ub, step, iter_args=(), body=None)
        body(b, iv, iter_args) -> yielded values or None; without a body the loop yields its
        iter_args unchanged. With a builder, int bounds become `arith.constant`s of index.
        op.body, op.induction_var, op.region_iter_args, op.initArgs, op.lowerBound ...,
        op.body_builder(), op.set_yielded(values)
    IfOp(condition, result_types=(), with_else=None)
    IfOp.build([builder,] condition, result_types=(), then_body=None, else_body=None)
        then_body(b) / else_body(b) -> yielded values. Blocks get an empty `scf.yield` only
        when the op has no results (as in MLIR); `with_else` defaults to having results.
    WhileOp(inits, result_types=None)
    WhileOp.build([builder,] inits, result_types=None, before=None, after=None)
        before(b, args) -> (condition, forwarded values); after(b, args) -> yielded values.
    ParallelOp(lbs, ubs, steps, init_vals=())
    ParallelOp.build([builder,] lbs, ubs, steps, init_vals=(), body=None)
        body(b, ivs) -> None, or a list of (value, combine) with combine(b, lhs, rhs) ->
        Value, one per init value, which becomes the body's `scf.reduce`.
    ReduceOp(operands=())   ReduceOp.build([builder,] operands, combiners)
    ReduceReturnOp(value)   ConditionOp(condition, args=())   YieldOp(values=())
    ExecuteRegionOp(result_types=())   IndexSwitchOp(arg, cases, result_types=())

Property names are MLIR's (`cases`, `unsignedCmp`, `no_inline`, `operandSegmentSizes`), so the
generic form reads and prints as in MLIR; verifiers follow MLIR's rules and messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dialir.core.ir.attrs import UNKNOWN_LOC, DenseArrayAttr, IntegerAttr, Location, UnitAttr
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import VerifyError
from dialir.core.ir.operation import Block, Operation, OpResult, Region, Value
from dialir.core.ir.traits import (
    AutomaticAllocationScope,
    ConstantLike,
    HasParent,
    IsTerminator,
    NoRegionArguments,
    Pure,
    RecursiveMemoryEffects,
    ReturnLike,
    SingleBlockImplicitTerminator,
)
from dialir.core.ir.types import IndexType, IntegerType, Type, i1
from dialir.core.ods.constraints import (
    AnyType,
    DenseI64Array,
    Index,
    SignlessIntegerOrIndex,
    TypeIs,
    UnitAttrC,
)
from dialir.core.ods.interfaces import LoopLikeOpInterface, RegionBranchOpInterface
from dialir.core.ods.opdef import (
    Op,
    attribute,
    operand,
    region,
    var_operand,
    var_region,
    var_result,
)
from dialir.dialects.arith.ops import ConstantOp
from dialir.dialects.loop.region_branch import (
    attr_int,
    nested_ops_speculatable,
    op_label,
    region_label,
    verify_edge,
    verify_loop_counts,
)
from dialir.dialects.loop.scf import printing

INDEX = IndexType()
I1 = TypeIs("1-bit signless integer", i1)

_YIELD_TERMINATOR = SingleBlockImplicitTerminator("scf.yield")
_YIELD = "scf.yield"


# -- helpers ---------------------------------------------------------------------------------


def _insert(builder: Any, op: Operation) -> Operation:
    if builder is not None:
        builder.insert(op)
    return op


def _split_builder(args: tuple, kwargs: dict) -> tuple[Any, tuple]:
    """`build([builder,] ...)`: a leading Builder / PatternRewriter, or `builder=`."""
    builder = kwargs.pop("builder", None)
    if builder is None and args and hasattr(args[0], "insert") and not isinstance(args[0], Value):
        builder, args = args[0], args[1:]
    return builder, args


def _index_value(builder: Any, v: Value | int) -> Value:
    """`v`, or an `arith.constant` of index type inserted through `builder`."""
    if isinstance(v, Value):
        return v
    if builder is None:
        raise TypeError("int bounds need a builder to create their constants")

    return builder.insert(ConstantOp(value=IntegerAttr(int(v), INDEX))).result


def _body_callback(block: Block, callback: Callable, *args: Any) -> Any:
    """Run a region callback with a Builder before `block`'s terminator (or at its end)."""
    last = block.last
    anchor = last if last is not None and type(last).is_registered and (
        IsTerminator in type(last).traits) else None  # fmt: skip
    return callback(Builder(block, anchor), *args)


def _set_yield(block: Block, values: Sequence[Value]) -> None:
    last = block.last
    if last is not None and last.name == _YIELD:
        last.set_operands(list(values))
    else:
        block.append(YieldOp(values))


def _terminator(block: Block, name: str) -> Operation | None:
    last = block.last
    return last if last is not None and last.name == name else None


def _verify_terminator(op: Operation, region: Region, name: str, message: str) -> Operation:
    """MLIR's verifyAndGetTerminator."""
    last = region.blocks[0].last if region.blocks else None
    if last is None or last.name != name:
        err = VerifyError(op, message)
        if last is not None:
            err.diagnostics[0].attach_note("terminator here", last.location)
        raise err
    return last


def _verify_one_block(op: Operation, index: int, name: str) -> None:
    if len(op.regions[index].blocks) != 1:
        raise VerifyError(
            op, f"region #{index} ('{name}') failed to verify constraint: region with 1 blocks"
        )


def constant_int(v: Value) -> int | None:
    """The value of an integer/index constant, else None (MLIR's getConstantIntValue)."""
    if not isinstance(v, OpResult):
        return None
    op = v.owner
    if not (type(op).is_registered and ConstantLike in type(op).traits):
        return None
    attr = op.get_attr("value")
    return attr.value if isinstance(attr, IntegerAttr) else None


# -- scf.yield, scf.condition ----------------------------------------------------------------


class YieldOp(Op):
    """`scf.yield %a, %b : i32, f32`: ends a region of scf.for/if/while/execute_region/
    index_switch, passing values to the parent or the next iteration."""

    __slots__ = ()
    OP_NAME = "scf.yield"
    summary = "loop yield and termination operation"
    traits = frozenset({
        Pure, IsTerminator, ReturnLike,
        HasParent("scf.execute_region", "scf.for", "scf.if", "scf.index_switch", "scf.while"),
    })  # fmt: skip
    results_ = var_operand()
    assembly_format = "attr-dict ($results_^ `:` type($results_))?"

    def __init__(self, values: Sequence[Value] = (), location: Location = UNKNOWN_LOC) -> None:
        Op.__init__(self, list(values), location=location)


class ConditionOp(Op):
    """`scf.condition(%c) %a, %b : i32, f32`: ends the `before` region of scf.while."""

    __slots__ = ()
    OP_NAME = "scf.condition"
    summary = "loop continuation condition"
    traits = frozenset({Pure, IsTerminator, ReturnLike, HasParent("scf.while")})
    condition = operand(I1)
    args = var_operand()
    assembly_format = "`(` $condition `)` attr-dict ($args^ `:` type($args))?"

    def __init__(self, condition: Value, args: Sequence[Value] = (),
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        Op.__init__(self, condition, list(args), location=location)


# -- scf.for ---------------------------------------------------------------------------------


class ForOp(Op, LoopLikeOpInterface, RegionBranchOpInterface):
    """`%r = scf.for %i = %lb to %ub step %s iter_args(%a = %init) -> (f32) { ... }`."""

    __slots__ = ()
    OP_NAME = "scf.for"
    summary = "for operation"
    print_custom = printing.print_for
    traits = frozenset({AutomaticAllocationScope, RecursiveMemoryEffects, _YIELD_TERMINATOR})
    lowerBound = operand(SignlessIntegerOrIndex)
    upperBound = operand(SignlessIntegerOrIndex)
    step = operand(SignlessIntegerOrIndex)
    initArgs = var_operand(AnyType)
    unsignedCmp = attribute(UnitAttrC, optional=True)
    results_ = var_result()
    region_ = region(single_block=True)

    def __init__(self, lb: Value, ub: Value, step: Value, iter_args: Sequence[Value] = (), *,
                 unsigned: bool = False, location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        inits = list(iter_args)
        block = Block([lb.type, *(v.type for v in inits)])
        block.append(YieldOp(block.args[1:], location=location))
        Op.__init__(
            self, lb, ub, step, inits, unsignedCmp=UnitAttr() if unsigned else None,
            result_types=[v.type for v in inits], regions=[Region([block])], location=location,
        )  # fmt: skip

    @classmethod
    def infer_result_types(cls, operands: dict, attrs: dict) -> list[Type]:
        return [v.type for v in operands.get("initArgs") or ()]

    @classmethod
    def build(cls, *args: Any, body: Callable | None = None, **kwargs: Any) -> ForOp:
        builder, args = _split_builder(args, kwargs)
        lb, ub, step, *rest = args
        lb, ub, step = (_index_value(builder, v) for v in (lb, ub, step))
        op = cls(lb, ub, step, *rest, **kwargs)
        if body is not None:
            values = _body_callback(op.body, body, op.induction_var, op.region_iter_args)
            if values is not None:
                op.set_yielded(values)
        return _insert(builder, op)

    @property
    def body(self) -> Block:
        return self.regions[0].blocks[0]

    @property
    def induction_var(self) -> Value:
        return self.body.args[0]

    @property
    def region_iter_args(self) -> list[Value]:
        return self.body.args[1:]

    @property
    def yield_op(self) -> Operation | None:
        return _terminator(self.body, _YIELD)

    def loop_regions(self) -> list[Region]:
        return [self.regions[0]]

    def region_successors(self, source: Region | None, constants: Sequence) -> list:
        return [self.regions[0], None]  # the body may run zero or more times

    def entry_successor_operands(self, target: Region | None) -> Sequence[Value]:
        return self.initArgs

    def successor_inputs(self, target: Region | None) -> Sequence[Value]:
        return self.results if target is None else self.region_iter_args

    def is_speculatable(self) -> bool:
        """`I += 1` terminates for every start and end; other steps may not (MLIR's
        getSpeculatability): speculatable when the body is."""
        step = constant_int(self.step)
        return step == 1 and nested_ops_speculatable(self)

    def body_builder(self) -> Builder:
        """A Builder that inserts before the body's terminator."""
        return Builder(self.body, self.yield_op)

    def set_yielded(self, values: Sequence[Value]) -> None:
        _set_yield(self.body, values)

    def verify(self) -> None:
        types = {self.lowerBound.type, self.upperBound.type, self.step.type}
        if len(types) != 1:
            raise VerifyError(
                self, "failed to verify that all of {lowerBound, upperBound, step} have same type"
            )
        _verify_one_block(self, 0, "region")
        body = self.body
        iter_args = body.args[1:]
        verify_loop_counts(self, self.initArgs, iter_args, self.results)
        verify_edge(self, None, region_label(0), self.initArgs, iter_args)
        verify_edge(self, None, op_label(self), self.initArgs, self.results)
        term = self.yield_op
        if term is not None:
            verify_edge(self, term, region_label(0), term.operands, iter_args)
            verify_edge(self, term, op_label(self), term.operands, self.results)
        if not body.args or body.args[0].type is not self.lowerBound.type:
            raise VerifyError(
                self, "expected induction variable to be same type as bounds and step"
            )


# -- scf.if ----------------------------------------------------------------------------------


class IfOp(Op, RegionBranchOpInterface):
    """`%r = scf.if %c -> (i32) { ... } else { ... }`."""

    __slots__ = ()
    OP_NAME = "scf.if"
    summary = "if-then-else operation"
    print_custom = printing.print_if
    traits = frozenset({RecursiveMemoryEffects, NoRegionArguments, _YIELD_TERMINATOR})
    condition = operand(I1)
    results_ = var_result()
    thenRegion = region(single_block=True)
    elseRegion = region(single_block=True)

    def __init__(self, condition: Value, result_types: Sequence[Type] = (),
                 with_else: bool | None = None, *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        if with_else is None:
            with_else = bool(result_types)
        regions = [Region([Block()]), Region([Block()] if with_else else [])]
        if not result_types:
            for r in regions:
                for b in r.blocks:
                    b.append(YieldOp(location=location))
        Op.__init__(self, condition, result_types=list(result_types), regions=regions,
                    location=location)  # fmt: skip

    @classmethod
    def build(cls, *args: Any, then_body: Callable | None = None,
              else_body: Callable | None = None, **kwargs: Any) -> IfOp:  # fmt: skip
        builder, args = _split_builder(args, kwargs)
        if else_body is not None:
            kwargs["with_else"] = True
        op = cls(*args, **kwargs)
        for r, fn in ((op.thenRegion, then_body), (op.elseRegion, else_body)):
            if fn is not None:
                values = _body_callback(r.blocks[0], fn)
                if values is not None or _terminator(r.blocks[0], _YIELD) is None:
                    _set_yield(r.blocks[0], values or [])
        return _insert(builder, op)

    @property
    def then_block(self) -> Block:
        return self.thenRegion.blocks[0]

    @property
    def else_block(self) -> Block | None:
        blocks = self.elseRegion.blocks
        return blocks[0] if blocks else None

    def is_speculatable(self) -> bool:
        return nested_ops_speculatable(self)

    def region_successors(self, source: Region | None, constants: Sequence) -> list:
        if source is not None:
            return [None]
        other = self.elseRegion if self.elseRegion.blocks else None
        cond = attr_int(constants[0])
        if cond is None:
            return [self.thenRegion, other]
        return [self.thenRegion if cond else other]

    def then_yield(self) -> Operation | None:
        return _terminator(self.then_block, _YIELD) if self.thenRegion.blocks else None

    def else_yield(self) -> Operation | None:
        block = self.else_block
        return None if block is None else _terminator(block, _YIELD)

    def verify(self) -> None:
        _verify_one_block(self, 0, "thenRegion")
        if self.results and not self.elseRegion.blocks:
            raise VerifyError(self, "must have an else block if defining values")
        for term in (self.then_yield(), self.else_yield()):
            if term is not None:
                verify_edge(self, term, op_label(self), term.operands, self.results)


# -- scf.while -------------------------------------------------------------------------------


class WhileOp(Op, LoopLikeOpInterface, RegionBranchOpInterface):
    """`%r = scf.while (%a = %init) : (i32) -> i32 { scf.condition(%c) %a : i32 } do {...}`."""

    __slots__ = ()
    OP_NAME = "scf.while"
    summary = "a generic 'while' loop"
    print_custom = printing.print_while
    traits = frozenset({RecursiveMemoryEffects})
    inits = var_operand()
    results_ = var_result()
    before = region(single_block=True)
    after = region(single_block=True)

    def __init__(self, inits: Sequence[Value], result_types: Sequence[Type] | None = None, *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        inits = list(inits)
        if result_types is None:
            result_types = [v.type for v in inits]
        regions = [Region([Block([v.type for v in inits])]), Region([Block(result_types)])]
        Op.__init__(self, inits, result_types=list(result_types), regions=regions,
                    location=location)  # fmt: skip

    @classmethod
    def build(cls, *args: Any, before: Callable | None = None, after: Callable | None = None,
              **kwargs: Any) -> WhileOp:  # fmt: skip
        builder, args = _split_builder(args, kwargs)
        op = cls(*args, **kwargs)
        if before is not None:
            block = op.before_block
            cond, values = _body_callback(block, before, list(block.args))
            block.append(ConditionOp(cond, values))
        if after is not None:
            block = op.after_block
            values = _body_callback(block, after, list(block.args))
            _set_yield(block, values or [])
        return _insert(builder, op)

    @property
    def before_block(self) -> Block:
        return self.before.blocks[0]

    @property
    def after_block(self) -> Block:
        return self.after.blocks[0]

    def loop_regions(self) -> list[Region]:
        return [self.regions[0], self.regions[1]]

    def is_speculatable(self) -> bool:
        return False  # it may not terminate

    def region_successors(self, source: Region | None, constants: Sequence) -> list:
        if source is None or source is self.after:
            return [self.before]
        cond = attr_int(constants[0]) if constants else None  # scf.condition's
        if cond is None:
            return [self.after, None]
        return [self.after if cond else None]

    def entry_successor_operands(self, target: Region | None) -> Sequence[Value]:
        return self.inits

    def terminator_successor_operands(self, terminator: Operation,
                                      target: Region | None) -> Sequence[Value]:  # fmt: skip
        ops = terminator.operands
        return ops[1:] if terminator.name == "scf.condition" else ops

    def verify(self) -> None:
        for i, name in enumerate(("before", "after")):
            _verify_one_block(self, i, name)
        cond = _verify_terminator(
            self, self.before, "scf.condition",
            "expects the 'before' region to terminate with 'scf.condition'",
        )  # fmt: skip
        term = _verify_terminator(
            self, self.after, _YIELD, "expects the 'after' region to terminate with 'scf.yield'"
        )
        verify_edge(self, None, region_label(0), self.inits, self.before_block.args)
        args = cond.operands[1:]
        verify_edge(self, cond, op_label(self), args, self.results)
        verify_edge(self, cond, region_label(1), args, self.after_block.args)
        verify_edge(self, term, region_label(0), term.operands, self.before_block.args)


# -- scf.parallel, scf.reduce ----------------------------------------------------------------


class ParallelOp(Op, LoopLikeOpInterface):
    """`scf.parallel (%i, %j) = (%lb0, %lb1) to (%ub0, %ub1) step (%s0, %s1) init (%x) -> f32`."""

    __slots__ = ()
    OP_NAME = "scf.parallel"
    summary = "parallel for operation"
    print_custom = printing.print_parallel
    traits = frozenset({AutomaticAllocationScope, RecursiveMemoryEffects,
                        SingleBlockImplicitTerminator("scf.reduce")})  # fmt: skip
    lowerBound = var_operand(Index)
    upperBound = var_operand(Index)
    step = var_operand(Index)
    initVals = var_operand(AnyType)
    results_ = var_result()
    region_ = region(single_block=True)

    def __init__(self, lbs: Sequence[Value], ubs: Sequence[Value], steps: Sequence[Value],
                 init_vals: Sequence[Value] = (), *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        inits = list(init_vals)
        block = Block([INDEX] * len(steps))
        if not inits:
            block.append(ReduceOp(location=location))
        Op.__init__(self, list(lbs), list(ubs), list(steps), inits,
                    result_types=[v.type for v in inits], regions=[Region([block])],
                    location=location)  # fmt: skip

    @classmethod
    def build(cls, *args: Any, body: Callable | None = None, **kwargs: Any) -> ParallelOp:
        builder, args = _split_builder(args, kwargs)
        lbs, ubs, steps, *rest = args
        lbs, ubs, steps = ([_index_value(builder, v) for v in vs] for vs in (lbs, ubs, steps))
        op = cls(lbs, ubs, steps, *rest, **kwargs)
        if body is not None:
            reductions = _body_callback(op.body, body, op.induction_vars)
            if reductions is not None:
                old = op.body.last
                if old is not None and old.name == "scf.reduce":
                    old.erase()
                values = [v for v, _ in reductions]
                ReduceOp.build(Builder(op.body), values, [fn for _, fn in reductions])
        return _insert(builder, op)

    @property
    def body(self) -> Block:
        return self.regions[0].blocks[0]

    @property
    def induction_vars(self) -> list[Value]:
        return list(self.body.args)

    def loop_regions(self) -> list[Region]:
        return [self.regions[0]]

    def verify(self) -> None:
        steps = self.step
        if not (len(self.lowerBound) == len(self.upperBound) == len(steps)):
            raise VerifyError(
                self, "expects the same number of lower bounds, upper bounds and steps"
            )
        if not steps:
            raise VerifyError(
                self, "needs at least one tuple element for lowerBound, upperBound and step"
            )
        for s in steps:
            c = constant_int(s)
            if c is not None and c <= 0:
                raise VerifyError(self, "constant step operand must be positive")
        _verify_one_block(self, 0, "region")
        body = self.body
        if len(body.args) != len(steps):
            raise VerifyError(
                self, f"expects the same number of induction variables: {len(body.args)} as "
                f"bound and step values: {len(steps)}",
            )  # fmt: skip
        if any(a.type is not INDEX for a in body.args):
            raise VerifyError(
                self, "expects arguments for the induction variable to be of index type"
            )
        reduce = _verify_terminator(
            self, self.regions[0], "scf.reduce", "expects body to terminate with 'scf.reduce'"
        )
        n, nred, ninit = len(self.results), len(reduce.operands), len(self.initVals)
        if n != nred:
            raise VerifyError(self, f"expects number of results: {n} to be the same as number "
                              f"of reductions: {nred}")  # fmt: skip
        if n != ninit:
            raise VerifyError(self, f"expects number of results: {n} to be the same as number "
                              f"of initial values: {ninit}")  # fmt: skip
        for i, (r, v) in enumerate(zip(self.results, reduce.operands)):
            if r.type is not v.type:
                raise VerifyError(
                    reduce, f"expects type of {i}-th reduction operand: '{v.type}' to be the "
                    f"same as the {i}-th result type: '{r.type}'",
                )  # fmt: skip


class ReduceOp(Op):
    """`scf.reduce(%v : f32) { ^bb0(%l: f32, %r: f32): ... scf.reduce.return %x : f32 }`:
    ends an scf.parallel body, combining one value per result."""

    __slots__ = ()
    OP_NAME = "scf.reduce"
    summary = "reduce operation for scf.parallel"
    print_custom = printing.print_reduce
    traits = frozenset({IsTerminator, RecursiveMemoryEffects, HasParent("scf.parallel")})
    operands_ = var_operand()
    reductions = var_region(single_block=True)

    def __init__(self, operands: Sequence[Value] = (), *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        values = list(operands)
        regions = [Region([Block([v.type, v.type])]) for v in values]
        Op.__init__(self, values, regions=regions, location=location)

    @classmethod
    def build(cls, *args: Any, **kwargs: Any) -> ReduceOp:
        """`ReduceOp.build([builder,] operands, combiners)`: combiner(b, lhs, rhs) -> Value."""
        builder, args = _split_builder(args, kwargs)
        operands, combiners = args
        op = cls(operands, **kwargs)
        for r, fn in zip(op.regions, combiners):
            block = r.blocks[0]
            block.append(ReduceReturnOp(_body_callback(block, fn, *block.args)))
        return _insert(builder, op)

    def verify(self) -> None:
        regions, operands = self.regions, self.operands
        if len(regions) != len(operands):
            raise VerifyError(
                self, f"expects number of reduction regions: {len(regions)} to be the same as "
                f"number of reduction operands: {len(operands)}",
            )  # fmt: skip
        for i, (r, v) in enumerate(zip(regions, operands)):
            args = r.blocks[0].args if r.blocks else []
            if len(args) != 2 or any(a.type is not v.type for a in args):
                raise VerifyError(
                    self, f"expected two block arguments with type '{v.type}' in the {i}-th "
                    "reduction region",
                )  # fmt: skip
            last = r.blocks[0].last
            if last is None or last.name != "scf.reduce.return":
                raise VerifyError(
                    self, "reduction bodies must be terminated with an 'scf.reduce.return' op"
                )


class ReduceReturnOp(Op):
    """`scf.reduce.return %x : f32`: the combined value of an scf.reduce region."""

    __slots__ = ()
    OP_NAME = "scf.reduce.return"
    summary = "terminator for reduce operation"
    traits = frozenset({Pure, IsTerminator, HasParent("scf.reduce")})
    result = operand()
    assembly_format = "$result attr-dict `:` type($result)"

    def __init__(self, value: Value, location: Location = UNKNOWN_LOC) -> None:
        Op.__init__(self, value, location=location)

    def verify(self) -> None:
        block = self.parent
        args = block.args if block is not None else []
        if args and args[0].type is not self.result.type:
            raise VerifyError(
                self, f"must have type '{args[0].type}' (the type of the reduction inputs)"
            )


# -- scf.execute_region, scf.index_switch ----------------------------------------------------


class ExecuteRegionOp(Op, RegionBranchOpInterface):
    """`%r = scf.execute_region -> i32 { ... scf.yield %x : i32 }`: a region run once, which
    may hold several blocks."""

    __slots__ = ()
    OP_NAME = "scf.execute_region"
    summary = "operation that executes its region exactly once"
    print_custom = printing.print_execute_region
    traits = frozenset({RecursiveMemoryEffects})
    no_inline = attribute(UnitAttrC, optional=True)
    results_ = var_result()
    region_ = region()

    def __init__(self, result_types: Sequence[Type] = (), *, no_inline: bool = False,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        block = Block()
        if not result_types:
            block.append(YieldOp(location=location))
        Op.__init__(self, no_inline=UnitAttr() if no_inline else None,
                    result_types=list(result_types), regions=[Region([block])],
                    location=location)  # fmt: skip

    @property
    def body(self) -> Block:
        return self.regions[0].blocks[0]

    def region_successors(self, source: Region | None, constants: Sequence) -> list:
        return [self.regions[0] if source is None else None]

    def verify(self) -> None:
        blocks = self.regions[0].blocks
        if not blocks:
            raise VerifyError(self, "region needs to have at least one block")
        if blocks[0].args:
            raise VerifyError(self, "region cannot have any arguments")
        for block in blocks:
            term = _terminator(block, _YIELD)
            if term is not None:
                verify_edge(self, term, op_label(self), term.operands, self.results)


class IndexSwitchOp(Op, RegionBranchOpInterface):
    """`%r = scf.index_switch %i -> i32 case 2 { ... } default { ... }`."""

    __slots__ = ()
    OP_NAME = "scf.index_switch"
    summary = "switch-case operation on an index argument"
    print_custom = printing.print_index_switch
    traits = frozenset({RecursiveMemoryEffects, _YIELD_TERMINATOR})
    arg = operand(Index)
    cases = attribute(DenseI64Array)
    results_ = var_result()
    defaultRegion = region(single_block=True)
    caseRegions = var_region(single_block=True)

    def __init__(self, arg: Value, cases: Sequence[int], result_types: Sequence[Type] = (), *,
                 location: Location = UNKNOWN_LOC) -> None:  # fmt: skip
        regions = [Region([Block()]) for _ in range(len(cases) + 1)]
        if not result_types:
            for r in regions:
                r.blocks[0].append(YieldOp(location=location))
        Op.__init__(self, arg, cases=DenseArrayAttr(IntegerType(64), list(cases)),
                    result_types=list(result_types), regions=regions,
                    location=location)  # fmt: skip

    @property
    def case_values(self) -> list[int]:
        return list(self.cases.values)

    def region_successors(self, source: Region | None, constants: Sequence) -> list:
        if source is not None:
            return [None]
        value = attr_int(constants[0])
        if value is None:
            return list(self.regions)
        cases = self.case_values
        return [self.regions[cases.index(value) + 1 if value in cases else 0]]

    def verify(self) -> None:
        cases = self.case_values
        nregions = len(self.regions) - 1
        if len(cases) != nregions:
            raise VerifyError(self, f"has {nregions} case regions but {len(cases)} case values")
        seen: set[int] = set()
        for c in cases:
            if c in seen:
                raise VerifyError(self, f"has duplicate case value: {c}")
            seen.add(c)
        for i, r in enumerate(self.regions):
            _verify_one_block(self, i, "defaultRegion" if i == 0 else "caseRegions")
            self._verify_case(r, "default region" if i == 0 else f"case region #{i - 1}")

    def _verify_case(self, r: Region, name: str) -> None:
        last = r.blocks[0].last
        if last is None or last.name != _YIELD:
            got = last.name if last is not None else "nothing"
            raise VerifyError(self, f"expected region to end with scf.yield, but got {got}")
        n = len(self.results)
        if len(last.operands) != n:
            err = VerifyError(self, f"expected each region to return {n} values, but {name} "
                              f"returns {len(last.operands)}")  # fmt: skip
            err.diagnostics[0].attach_note("see yield operation here", last.location)
            raise err
        for i, (res, v) in enumerate(zip(self.results, last.operands)):
            if res.type is not v.type:
                err = VerifyError(self, f"expected result #{i} of each region to be '{res.type}'")
                err.diagnostics[0].attach_note(f"{name} returns '{v.type}' here", last.location)
                raise err


OPS = [
    ConditionOp, ExecuteRegionOp, ForOp, IfOp, IndexSwitchOp, ParallelOp, ReduceOp,
    ReduceReturnOp, WhileOp, YieldOp,
]  # fmt: skip
