"""func ops: functions, calls and returns.

`func.func` has MLIR's hand-written syntax (a signature whose argument names become the entry
block's arguments, optional body); the other ops use assembly formats. Ops of this dialect
directly inside a `func.func` print and parse without the `func.` prefix (`return`), as in
MLIR, where `func.func`'s default dialect is `func`.
"""

from __future__ import annotations

from typing import Any

from dialir.core.ir.attrs import ArrayAttr, DictionaryAttr, StringAttr, SymbolRefAttr, TypeAttr
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError, VerifyError
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.printer import AsmPrinter
from dialir.core.ir.traits import (
    AffineScope,
    AutomaticAllocationScope,
    HasParent,
    IsolatedFromAbove,
    IsTerminator,
    Pure,
    ReturnLike,
    Symbol,
    lookup_nearest_symbol,
)
from dialir.core.ir.types import FunctionType, Type
from dialir.core.ods.constraints import (
    AnyFunctionType,
    ArrayAttrC,
    FlatSymbolRefAttr,
    FunctionTypeAttr,
    StringAttrC,
    SymbolNameAttr,
    UnitAttrC,
)
from dialir.core.ods.interfaces import CallableOpInterface, CallOpInterface
from dialir.core.ods.opdef import Op, attribute, operand, region, result, var_operand, var_result
from dialir.parser.asm import AsmParser

_VISIBILITIES = ("public", "private", "nested")


class FuncOp(Op, CallableOpInterface):
    """`func.func @name(%arg0: i32) -> i32 { ... }`, or a declaration without body."""

    __slots__ = ()
    OP_NAME = "func.func"
    summary = "An operation with a name containing a single `SSACFG` region"
    traits = frozenset({IsolatedFromAbove, Symbol, AutomaticAllocationScope, AffineScope})
    default_dialect = "func"
    sym_name = attribute(SymbolNameAttr)
    function_type = attribute(FunctionTypeAttr)
    sym_visibility = attribute(StringAttrC, optional=True)
    arg_attrs = attribute(ArrayAttrC, optional=True)
    res_attrs = attribute(ArrayAttrC, optional=True)
    body = region()

    @property
    def type(self) -> FunctionType:
        return self.function_type.value

    @property
    def is_declaration(self) -> bool:
        return not self.body.blocks

    def callable_region(self) -> Region | None:
        return None if self.is_declaration else self.body

    def argument_types(self) -> tuple[Type, ...]:
        return self.type.inputs

    def result_types_of_callable(self) -> tuple[Type, ...]:
        return self.type.results

    def verify(self) -> None:
        ftype = self.type
        vis = self.sym_visibility
        if vis is not None and vis.value not in _VISIBILITIES:
            raise VerifyError(self, "visibility expected to be one of [\"public\", \"private\", "
                              f"\"nested\"], but got \"{vis.value}\"")  # fmt: skip
        for what, attrs, n in (
            ("argument", self.arg_attrs, len(ftype.inputs)),
            ("result", self.res_attrs, len(ftype.results)),
        ):
            if attrs is None:
                continue
            if len(attrs) != n:
                raise VerifyError(
                    self,
                    f"expects {what} attribute array to have the same number of elements as "
                    f"the number of function {what}s, got {len(attrs)}, but expected {n}",
                )
            if not all(isinstance(a, DictionaryAttr) for a in attrs):
                raise VerifyError(self, f"expects {what} attribute dictionaries")
        if self.is_declaration:
            if vis is None or vis.value == "public":
                raise VerifyError(self, "symbol declaration cannot have public visibility")
            return
        args = self.body.blocks[0].args
        if len(args) != len(ftype.inputs):
            raise VerifyError(
                self,
                f"entry block must have {len(ftype.inputs)} arguments to match function signature",
            )
        for i, (arg, t) in enumerate(zip(args, ftype.inputs)):
            if arg.type is not t:
                raise VerifyError(
                    self,
                    f"type of entry block argument #{i}('{arg.type}') must match the type of "
                    f"the corresponding argument in function signature('{t}')",
                )

    # -- custom syntax --------------------------------------------------------------------

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        ftype = self.function_type
        blocks = self.body.blocks
        if (
            not isinstance(ftype, TypeAttr)
            or not isinstance(ftype.value, FunctionType)
            or (blocks and len(blocks[0].args) != len(ftype.value.inputs))
            or not isinstance(self.sym_name, StringAttr)
        ):
            p.generic_op(self, indent)  # invalid IR has no custom form
            return
        ftype = ftype.value
        write = p.write
        write("func.func ")
        if isinstance(self.sym_visibility, StringAttr):
            write(self.sym_visibility.value + " ")
        write(p.attr(SymbolRefAttr(self.sym_name.value)))
        p.enter_scope()
        try:
            write("(" + ", ".join(self._print_args(p, ftype)) + ")")
            write(_results_text(p, ftype.results, _attr_dicts(self.res_attrs)))
            # Argument/result attributes that the signature cannot show (all empty) stay
            # in the attribute dictionary, so the custom form loses nothing.
            extra = {
                k: v for k, v in self.properties.items()
                if k not in _FUNC_PROPERTIES or k.endswith("_attrs") and not any(_attr_dicts(v))
            }  # fmt: skip
            # A discardable attribute named like an inherent one is elided, as MLIR does (it
            # would read back as the inherent one).
            extra.update((k, v) for k, v in self.attributes.items() if k not in _FUNC_PROPERTIES)
            if extra:
                write(" attributes " + p.attr_dict(extra))
            if blocks:
                write(" ")
                p.region(self.body, indent, entry_args=False)  # arguments: in the signature
        finally:
            p.exit_scope()

    def _print_args(self, p: AsmPrinter, ftype: FunctionType) -> list[str]:
        attrs = _attr_dicts(self.arg_attrs)
        args = self.body.blocks[0].args if self.body.blocks else None
        parts = []
        for i, t in enumerate(ftype.inputs):
            text = p.type(t)
            if args is not None:
                text = f"{p.value(args[i])}: {text}"
            if i < len(attrs) and attrs[i]:
                text += " " + p.attr_dict(attrs[i])
            if args is not None and p.debuginfo:
                text += " " + p.loc(args[i].location)
            parts.append(text)
        return parts


_FUNC_PROPERTIES = ("sym_name", "function_type", "sym_visibility", "arg_attrs", "res_attrs")


def _attr_dicts(attrs: Any) -> list[dict]:
    if not isinstance(attrs, ArrayAttr):
        return []
    return [a.as_dict() if isinstance(a, DictionaryAttr) else {} for a in attrs]


def _results_text(p: AsmPrinter, results: tuple, attrs: list[dict]) -> str:
    if not results:
        return ""
    has_attrs = any(attrs)
    if len(results) == 1 and not isinstance(results[0], FunctionType) and not has_attrs:
        return " -> " + p.type(results[0])
    parts = []
    for i, t in enumerate(results):
        text = p.type(t)
        if i < len(attrs) and attrs[i]:
            text += " " + p.attr_dict(attrs[i])
        parts.append(text)
    return " -> (" + ", ".join(parts) + ")"


class ReturnOp(Op):
    """`func.return %a, %b : i32, f32`: return from the enclosing function."""

    __slots__ = ()
    OP_NAME = "func.return"
    summary = "Function return operation"
    traits = frozenset({Pure, HasParent("func.func"), ReturnLike, IsTerminator})
    short_name_in_default_dialect = True
    values = var_operand()
    assembly_format = "attr-dict ($values^ `:` type($values))?"

    def verify(self) -> None:
        func = self.parent_op
        if not isinstance(func, FuncOp) or not isinstance(func.function_type, TypeAttr):
            return
        results = func.type.results
        name = func.sym_name.value if isinstance(func.sym_name, StringAttr) else ""
        if len(self.operands) != len(results):
            raise VerifyError(
                self,
                f"has {len(self.operands)} operands, but enclosing function (@{name}) returns "
                f"{len(results)}",
            )
        for i, (v, t) in enumerate(zip(self.operands, results)):
            if v.type is not t:
                raise DiagnosticError(Diagnostic(
                    "error",
                    f"type of return operand {i} ('{v.type}') doesn't match function result "
                    f"type ('{t}') in function @{name}",
                    self.location,
                ))  # fmt: skip


def _verify_call_types(op: Op, callee: str, ftype: FunctionType) -> None:
    operands = op.operands
    if len(ftype.inputs) != len(operands):
        raise VerifyError(op, "incorrect number of operands for callee")
    for i, (v, t) in enumerate(zip(operands, ftype.inputs)):
        if v.type is not t:
            raise VerifyError(
                op,
                f"operand type mismatch: expected operand type '{t}', but provided "
                f"'{v.type}' for operand number {i}",
            )
    if len(ftype.results) != len(op.results):
        raise VerifyError(op, "incorrect number of results for callee")
    for i, (r, t) in enumerate(zip(op.results, ftype.results)):
        if r.type is not t:
            err = VerifyError(op, f"result type mismatch at index {i}")
            diag = err.diagnostics[0]
            got = ", ".join(f"'{x.type}'" for x in op.results)
            want = ", ".join(f"'{x}'" for x in ftype.results)
            diag.attach_note(f"      op result types: {got}", op.location)
            diag.attach_note(f"function result types: {want}", op.location)
            raise err


class CallOp(Op, CallOpInterface):
    """`func.call @f(%a) : (i32) -> f32`: call a function by symbol."""

    __slots__ = ()
    OP_NAME = "func.call"
    summary = "call operation"
    short_name_in_default_dialect = True
    callee = attribute(FlatSymbolRefAttr)
    arg_attrs = attribute(ArrayAttrC, optional=True)
    res_attrs = attribute(ArrayAttrC, optional=True)
    no_inline = attribute(UnitAttrC, optional=True)
    arg_operands = var_operand()
    results_ = var_result()
    assembly_format = (
        "$callee `(` $arg_operands `)` attr-dict `:` functional-type($arg_operands, results)"
    )

    def callable_for_callee(self) -> SymbolRefAttr:
        return self.callee

    def call_arguments(self) -> tuple[Value, ...]:
        return self.arg_operands

    def verify(self) -> None:
        name = self.callee.root
        target = lookup_nearest_symbol(self, name)
        if target is False:
            return
        if not isinstance(target, FuncOp) or not isinstance(target.function_type, TypeAttr):
            raise VerifyError(self, f"'{name}' does not reference a valid function")
        _verify_call_types(self, name, target.type)


class CallIndirectOp(Op, CallOpInterface):
    """`func.call_indirect %f(%a) : (i32) -> f32`: call a function value."""

    __slots__ = ()
    OP_NAME = "func.call_indirect"
    summary = "indirect call operation"
    short_name_in_default_dialect = True
    callee = operand(AnyFunctionType)
    callee_operands = var_operand()
    results_ = var_result()
    arg_attrs = attribute(ArrayAttrC, optional=True)
    res_attrs = attribute(ArrayAttrC, optional=True)

    def callable_for_callee(self) -> Value:
        return self.callee

    def call_arguments(self) -> tuple[Value, ...]:
        return self.callee_operands

    def verify(self) -> None:
        ftype = self.callee.type
        if not isinstance(ftype, FunctionType):
            raise VerifyError(self, f"operand #0 must be function type, but got '{ftype}'")
        if [v.type for v in self.callee_operands] != list(ftype.inputs):
            raise VerifyError(self, "failed to verify that callee input types match argument types")
        if [r.type for r in self.results] != list(ftype.results):
            raise VerifyError(self, "failed to verify that callee result types match result types")

    def print_custom(self, p: AsmPrinter, indent: str) -> None:
        ftype = self.callee.type
        if not isinstance(ftype, FunctionType):
            p.generic_op(self, indent)
            return
        args = ", ".join(p.value(v) for v in self.callee_operands)
        p.write(f"{self.asm_name()} {p.value(self.callee)}({args})")
        if self.properties or self.attributes:
            p.write(" " + p.attr_dict({**self.properties, **self.attributes}))
        p.write(f" : {p.type(ftype)}")


class ConstantOp(Op):
    """`func.constant @f : (i32) -> i32`: a function reference as an SSA value."""

    __slots__ = ()
    OP_NAME = "func.constant"
    asm_result_names = ("f",)  # getAsmResultNames
    summary = "constant"
    traits = frozenset({Pure})
    short_name_in_default_dialect = True
    value = attribute(FlatSymbolRefAttr)
    result = result()
    assembly_format = "attr-dict $value `:` type($result)"

    def verify(self) -> None:
        name = self.value.root
        target = lookup_nearest_symbol(self, name)
        if target is False:
            return
        if not isinstance(target, FuncOp) or not isinstance(target.function_type, TypeAttr):
            raise VerifyError(self, f"reference to undefined function '{name}'")
        if target.type is not self.result.type:
            raise VerifyError(self, "reference to function with mismatched type")


# -- func.func and func.call_indirect syntax ------------------------------------------------

GRAMMAR = r"""
%extend custom_op: func_func | func_call_indirect
func_func: func_func_kw [BARE_ID] SYMBOL _func_signature [attr_dict_kw] [func_body]
func_func_kw: FUNC_FUNC
FUNC_FUNC: "func.func"
_func_signature: func_signature | func_args ["->" func_results]
func_signature: FUNCTION_SIGNATURE
func_args: "(" [func_arg ("," func_arg)*] ")"
func_arg: VALUE_ID ":" type [dict_body] [trailing_loc] -> func_named_arg
        | type [dict_body] -> func_type_arg
func_results: _nonfn_type -> func_single_result
            | "(" [func_result ("," func_result)*] ")"
func_result: type [dict_body]
func_body: "{" func_body_open [op_list] block* "}"
func_body_open:

func_call_indirect: (FUNC_CALL_INDIRECT | FUNC_CALL_INDIRECT_SHORT) value_use "(" value_use_list ")" [attr_dict] ":" type
FUNC_CALL_INDIRECT: "func.call_indirect"
FUNC_CALL_INDIRECT_SHORT: "call_indirect"
"""


def _signatures(b: AsmParser) -> list:
    """The argument lists of the func.func ops being parsed, innermost last: a body's
    entry block arguments, named in the signature reduced before it."""
    return b.dialect_state("func.signatures", list)


def _func_kw(b: AsmParser, c: list) -> Any:
    b.enter_op("func.func")
    return c[0]


def _named_arg(b: AsmParser, c: list) -> tuple:
    tok, t, attrs, loc = c
    return (tok, t, attrs, loc)


def _type_arg(b: AsmParser, c: list) -> tuple:
    return (None, c[0], c[1], None)


def _func_args(b: AsmParser, c: list) -> list:
    args = [a for a in c if a is not None]
    named = [a[0] is not None for a in args]
    if any(named) and not all(named):
        tok = next(a[0] for a in args if a[0] is not None)
        raise b.error(tok, "expected SSA identifier" if named[0] else "expected type")
    _signatures(b).append(args)
    return args


def _signature(b: AsmParser, c: list) -> tuple[list, list]:
    """The common signature, all simple types and no attributes, lexed as one token."""
    args, results = b.function_signature(c[0])
    args = [(tok, t, None, None) for tok, t in args]
    _signatures(b).append(args)
    return args, [(t, None) for t in results]


def _single_result(b: AsmParser, c: list) -> list:
    return [(c[0], None)]


def _results(b: AsmParser, c: list) -> list:
    return [r for r in c if r is not None]


def _result(b: AsmParser, c: list) -> tuple:
    return (c[0], c[1])


def _body_open(b: AsmParser, c: list) -> Block:
    b.open_region()
    entry = Block()
    for tok, t, _, loc in _signatures(b)[-1]:
        if tok is not None:
            b.define_argument(entry, tok, t, loc)
    return entry


def _body(b: AsmParser, c: list) -> Region:
    entry, ops, *blocks = c
    region = b.close_region((), blocks)
    if entry.args or ops:
        if not ops and blocks:
            raise DiagnosticError(Diagnostic(
                "error", "invalid block name in region with named arguments",
                blocks[0].args[0].location if blocks[0].args else entry.args[0].location,
            ))  # fmt: skip
        b.fill_block(entry, ops or [])
        region.insert(0, entry)
    return region


def _func(b: AsmParser, c: list) -> FuncOp:
    if len(c) == 6:  # the signature as one token
        kw, vis, sym, (args, results), attrs, body = c
    else:
        kw, vis, sym, args, results, attrs, body = c
    b.exit_op()
    _signatures(b).pop()
    if vis is not None and str(vis) not in _VISIBILITIES:
        raise b.error(vis, f"expected one of {_VISIBILITIES}, got '{vis}'")
    results = results or []
    inputs = [t for _, t, _, _ in args]
    props: dict = {
        "sym_name": StringAttr(b.symbol_names(sym)[0]),
        "function_type": TypeAttr(FunctionType(inputs, [t for t, _ in results])),
    }
    if vis is not None:
        props["sym_visibility"] = StringAttr(str(vis))
    if any(a for _, _, a, _ in args):
        props["arg_attrs"] = ArrayAttr([DictionaryAttr(a or ()) for _, _, a, _ in args])
    if any(a for _, a in results):
        props["res_attrs"] = ArrayAttr([DictionaryAttr(a or ()) for _, a in results])
    if body is None:
        body = Region()
    elif not body.blocks:
        raise b.error(kw, "expected non-empty function body")
    attributes: dict = {}
    for name, value in attrs or ():
        (props if name in _FUNC_PROPERTIES else attributes)[name] = value
    # Built as the generic parser builds ops: the parts are already checked.
    op = Operation.__new__(FuncOp)
    op.name = FuncOp.OP_NAME
    op._operands = []
    op.results = ()
    op.attributes = attributes
    op.properties = props
    op.regions = [body]
    body.parent = op
    op.successors = []
    op.location = b.loc(kw)
    op.parent = op.prev = op.next = None
    return op


def _call_indirect(b: AsmParser, c: list) -> CallIndirectOp:
    kw, callee_tok, arg_toks, attrs, ftype = c
    if kw != "func.call_indirect":
        b.check_short_name(kw, "func.call_indirect")
    if not isinstance(ftype, FunctionType):
        raise b.error(kw, f"expected function type, but got '{ftype}'")
    (callee,) = b.resolve_operands(callee_tok, [ftype])
    arg_toks = arg_toks or []
    if len(arg_toks) != len(ftype.inputs):
        raise b.error(kw, f"expected {len(ftype.inputs)} operands, but got {len(arg_toks)}")
    args = [v for tok, t in zip(arg_toks, ftype.inputs) for v in b.resolve_operands(tok, [t])]
    op = CallIndirectOp(callee, args, result_types=list(ftype.results), location=b.loc(kw))
    for name, value in attrs or ():
        if name in ("arg_attrs", "res_attrs"):
            op.properties[name] = value
        else:
            op.attributes[name] = value
    return op


CALLBACKS = {
    "func_func": _func,
    "func_func_kw": _func_kw,
    "func_args": _func_args,
    "func_signature": _signature,
    "func_named_arg": _named_arg,
    "func_type_arg": _type_arg,
    "func_single_result": _single_result,
    "func_results": _results,
    "func_result": _result,
    "func_body_open": _body_open,
    "func_body": _body,
    "func_call_indirect": _call_indirect,
}
