"""MLIR's custom syntax of the scf ops, both directions (SCF.cpp's parse/print).

    %r = scf.for %i = %lb to %ub step %s iter_args(%a = %x) -> (f32) { ... }
    scf.for unsigned %i = %lb to %ub step %s  : i32 { ... }
    %r = scf.if %c -> (i32) { ... } else { ... }
    %r = scf.while (%a = %x) : (i32) -> i32 { ... scf.condition(%c) %a : i32 } do { ... }
    %r = scf.parallel (%i) = (%lb) to (%ub) step (%s) init (%x) -> f32 { ... scf.reduce(...) }
    %r = scf.execute_region -> i32 { ... }
    %r = scf.index_switch %i -> i32 case 2 { ... } default { ... }

Bodies leave out an `scf.yield` that yields nothing where MLIR does (scf.for, scf.if, the
default region of scf.index_switch). The grammar fragment and its callbacks are here; the
printers are in printing.py, named by the op classes.
"""

from __future__ import annotations

from typing import Any

from dialir.core.ir.attrs import DenseArrayAttr, UnitAttr
from dialir.core.ir.literals import fits_signed, parse_int
from dialir.core.ir.operation import Region
from dialir.core.ir.types import FunctionType, IndexType, IntegerType
from dialir.dialects.loop import asm
from dialir.dialects.loop.scf.ops import (
    ExecuteRegionOp,
    ForOp,
    IfOp,
    IndexSwitchOp,
    ParallelOp,
    ReduceOp,
    WhileOp,
)

INDEX = IndexType()

GRAMMAR = r"""
%extend custom_op: scf_for | scf_if | scf_while | scf_parallel | scf_reduce
                 | scf_execute_region | scf_index_switch

scf_region: "{" scf_region_open [op_list] block* "}"
scf_region_open:
scf_assign: VALUE_ID "=" VALUE_ID

// ---- scf.for
scf_for: scf_for_kw scf_for_head scf_region [attr_dict]
scf_for_kw: SCF_FOR
SCF_FOR: "scf.for"
scf_for_head: [SCF_UNSIGNED] VALUE_ID "=" value_use "to" value_use "step" value_use [scf_iter_args] [":" type]
SCF_UNSIGNED: "unsigned"
scf_iter_args: "iter_args" "(" scf_assign ("," scf_assign)* ")" "->" fn_results

// ---- scf.if
scf_if: scf_if_kw value_use ["->" fn_results] region ["else" region] [attr_dict]
scf_if_kw: SCF_IF
SCF_IF: "scf.if"

// ---- scf.while
scf_while: scf_while_head scf_region "do" region [attr_dict_kw]
scf_while_kw: SCF_WHILE
SCF_WHILE: "scf.while"
scf_while_head: scf_while_kw [scf_while_inits] ":" type
scf_while_inits: "(" scf_assign ("," scf_assign)* ")"

// ---- scf.parallel, scf.reduce
scf_parallel: scf_parallel_kw scf_parallel_head scf_region [attr_dict]
scf_parallel_kw: SCF_PARALLEL
SCF_PARALLEL: "scf.parallel"
scf_parallel_head: operand_list "=" operand_list "to" operand_list "step" operand_list ["init" operand_list] ["->" fn_results]
scf_reduce: scf_reduce_kw [scf_reduce_body] [attr_dict]
scf_reduce_kw: SCF_REDUCE
SCF_REDUCE: "scf.reduce"
scf_reduce_body: "(" value_use_list ":" types_opt ")" region ("," region)*

// ---- scf.execute_region, scf.index_switch
scf_execute_region: scf_execute_region_kw ["->" fn_results] [SCF_NO_INLINE] region [attr_dict]
scf_execute_region_kw: SCF_EXECUTE_REGION
SCF_EXECUTE_REGION: "scf.execute_region"
SCF_NO_INLINE: "no_inline"
scf_index_switch: scf_index_switch_kw value_use [attr_dict] [scf_switch_types] scf_case* "default" region
scf_index_switch_kw: SCF_INDEX_SWITCH
SCF_INDEX_SWITCH: "scf.index_switch"
scf_switch_types: "->" type ("," type)*
scf_case: "case" INT region
"""


# -- parsing -----------------------------------------------------------------------------------


def _assign(b: Any, c: list) -> tuple:
    return c[0], c[1]


def _iter_args(b: Any, c: list) -> tuple[list, list]:
    *pairs, result_types = c
    return pairs, result_types


def _region_open(b: Any, c: list) -> Any:
    return asm.open_region(b)


def _region(b: Any, c: list) -> Region:
    return asm.close_region(b, c)


def _for_head(b: Any, c: list) -> dict:
    unsigned, iv, lb_tok, ub_tok, step_tok, iters, t = c
    pairs, result_types = iters if iters is not None else ([], [])
    if len(pairs) != len(result_types):
        raise asm.error(b, iv, "mismatch in number of loop-carried values and defined values")
    t = INDEX if t is None else t
    asm.push_region_args(b, [(iv, t), *((a, ty) for (a, _), ty in zip(pairs, result_types))])
    bounds = [asm.resolve(b, tok, t) for tok in (lb_tok, ub_tok, step_tok)]
    inits = [asm.resolve(b, init, ty) for (_, init), ty in zip(pairs, result_types)]
    return {"operands": bounds + inits, "types": result_types, "unsigned": unsigned is not None}


def _for(b: Any, c: list) -> ForOp:
    kw, head, region, attrs = c
    asm.end_op(b)
    location = asm.loc(b, kw)
    asm.ensure_terminator(ForOp, region, location)
    props = {"unsignedCmp": UnitAttr()} if head["unsigned"] else {}
    op = asm.new_op(ForOp, head["operands"], head["types"], props, [region], location)
    return asm.set_attrs(op, attrs, ("unsignedCmp",))


def _if(b: Any, c: list) -> IfOp:
    kw, cond_tok, result_types, then_region, else_region, attrs = c
    asm.end_op(b)
    location = asm.loc(b, kw)
    cond = asm.resolve(b, cond_tok, IntegerType(1))
    asm.ensure_terminator(IfOp, then_region, location)
    if else_region is None:
        else_region = Region()
    else:
        asm.ensure_terminator(IfOp, else_region, location)
    op = asm.new_op(IfOp, [cond], result_types or [], {}, [then_region, else_region], location)
    return asm.set_attrs(op, attrs)


def _while_inits(b: Any, c: list) -> list:
    return c


def _while_head(b: Any, c: list) -> dict:
    kw, pairs, ftype = c
    pairs = pairs or []
    tok = pairs[0][0] if pairs else kw
    if not isinstance(ftype, FunctionType):
        raise asm.error(b, tok, f"expected function type, got '{ftype}'")
    if len(ftype.inputs) != len(pairs):
        raise asm.error(
            b, tok, "expected as many input types as operands (expected "
            f"{len(pairs)} got {len(ftype.inputs)})",
        )  # fmt: skip
    inits = [asm.resolve(b, init, t) for (_, init), t in zip(pairs, ftype.inputs)]
    asm.push_region_args(b, [(a, t) for (a, _), t in zip(pairs, ftype.inputs)])
    return {"kw": kw, "inits": inits, "types": list(ftype.results)}


def _while(b: Any, c: list) -> WhileOp:
    head, before, after, attrs = c
    kw = head["kw"]
    asm.end_op(b)
    op = asm.new_op(WhileOp, head["inits"], head["types"], {}, [before, after], asm.loc(b, kw))
    return asm.set_attrs(op, attrs)


def _parallel_head(b: Any, c: list) -> dict:
    ivs_tok, lb_tok, ub_tok, step_tok, init_tok, result_types = c
    ivs = asm.split(b, ivs_tok)
    lists = []
    for tok in (lb_tok, ub_tok, step_tok):
        toks = asm.split(b, tok)
        if len(toks) != len(ivs):
            raise asm.error(b, tok, f"expected {len(ivs)} operands")
        lists.append(asm.resolve_all(b, toks, INDEX))
    init_toks = asm.split(b, init_tok)
    result_types = result_types or []
    if len(init_toks) != len(result_types):
        raise asm.error(
            b, init_tok or ivs_tok,
            f"expected {len(result_types)} operand types but had {len(init_toks)}",
        )  # fmt: skip
    inits = asm.resolve_all(b, init_toks, result_types)
    asm.push_region_args(b, [(tok, INDEX) for tok in ivs])
    sizes = [len(x) for x in lists] + [len(inits)]
    return {"operands": [v for x in lists for v in x] + inits, "types": result_types,
            "sizes": sizes}  # fmt: skip


def _parallel(b: Any, c: list) -> ParallelOp:
    kw, head, region, attrs = c
    asm.end_op(b)
    location = asm.loc(b, kw)
    asm.ensure_terminator(ParallelOp, region, location)
    props = {"operandSegmentSizes": DenseArrayAttr(IntegerType(32), head["sizes"])}
    op = asm.new_op(ParallelOp, head["operands"], head["types"], props, [region], location)
    return asm.set_attrs(op, attrs, ("operandSegmentSizes",))


def _reduce_body(b: Any, c: list) -> tuple:
    toks, types, *regions = c
    return toks, types, regions


def _reduce(b: Any, c: list) -> ReduceOp:
    kw, body, attrs = c
    asm.end_op(b)
    toks, types, regions = body if body is not None else ([], [], [])
    if len(toks) != len(types):
        raise asm.error(
            b, kw, "number of operands and types do not match: "
            f"got {len(toks)} operands and {len(types)} types",
        )  # fmt: skip
    operands = asm.resolve_all(b, toks, types)
    op = asm.new_op(ReduceOp, operands, [], {}, regions, asm.loc(b, kw))
    return asm.set_attrs(op, attrs)


def _execute_region(b: Any, c: list) -> ExecuteRegionOp:
    kw, result_types, no_inline, region, attrs = c
    asm.end_op(b)
    props = {"no_inline": UnitAttr()} if no_inline is not None else {}
    op = asm.new_op(ExecuteRegionOp, [], result_types or [], props, [region], asm.loc(b, kw))
    return asm.set_attrs(op, attrs, ("no_inline",))


def _switch_types(b: Any, c: list) -> list:
    return c


def _case(b: Any, c: list) -> tuple:
    value = parse_int(c[0])
    if not fits_signed(value, 64):  # the cases are an i64 array
        raise asm.error(b, c[0], f"case value {c[0]} is out of range for i64")
    return value, c[1]


def _index_switch(b: Any, c: list) -> IndexSwitchOp:
    kw, arg_tok, attrs, result_types, *cases, default = c
    asm.end_op(b)
    location = asm.loc(b, kw)
    arg = asm.resolve(b, arg_tok, INDEX)
    asm.ensure_terminator(IndexSwitchOp, default, location)
    props = {"cases": DenseArrayAttr(IntegerType(64), [v for v, _ in cases])}
    regions = [default, *(r for _, r in cases)]
    op = asm.new_op(IndexSwitchOp, [arg], result_types or [], props, regions, location)
    return asm.set_attrs(op, attrs, ("cases",))


CALLBACKS = {
    "scf_assign": _assign,
    "scf_iter_args": _iter_args,
    "scf_region_open": _region_open,
    "scf_region": _region,
    "scf_for_kw": asm.op_keyword("scf.for"),
    "scf_for_head": _for_head,
    "scf_for": _for,
    "scf_if_kw": asm.op_keyword("scf.if"),
    "scf_if": _if,
    "scf_while_kw": asm.op_keyword("scf.while"),
    "scf_while_inits": _while_inits,
    "scf_while_head": _while_head,
    "scf_while": _while,
    "scf_parallel_kw": asm.op_keyword("scf.parallel"),
    "scf_parallel_head": _parallel_head,
    "scf_parallel": _parallel,
    "scf_reduce_kw": asm.op_keyword("scf.reduce"),
    "scf_reduce_body": _reduce_body,
    "scf_reduce": _reduce,
    "scf_execute_region_kw": asm.op_keyword("scf.execute_region"),
    "scf_execute_region": _execute_region,
    "scf_index_switch_kw": asm.op_keyword("scf.index_switch"),
    "scf_switch_types": _switch_types,
    "scf_case": _case,
    "scf_index_switch": _index_switch,
}
