"""MLIR's custom syntax of the affine ops, both directions (AffineOps.cpp's parse/print).

    affine.for %i = max #lb(%a)[%s] to min #ub(%b) step 2 iter_args(%x = %x0) -> (f32) {
    affine.parallel (%i, %j) = (0, max(%a, %b)) to (%n, 10) step (1, 2) reduce ("addf") -> (f32)
    affine.if #set(%i)[%n] -> i32 { ... } else { ... }
    %v = affine.load %A[%i + 1, symbol(%n) * 2] : memref<?x?xf32>
    affine.prefetch %A[%i], read, locality<3>, data : memref<?xf32>
    %r = affine.apply #map(%i)[%s]       %m = affine.min affine_map<(d0) -> (d0, 4)>(%i)

Subscripts and parallel bounds are affine expressions of SSA names: a name is a dim unless
written `symbol(%n)`; dims and symbols are numbered in order of first use. Loop bodies leave
out their `affine.yield` when it yields nothing. The grammar fragment and its callbacks are
here; the printers are attached to the op classes at the bottom.
"""

from __future__ import annotations

from typing import Any

from dialir.core.ir.affine import (
    AffineConstantExpr,
    AffineExpr,
    AffineMap,
    AffineSymbolExpr,
)
from dialir.core.ir.attrs import (
    AffineMapAttr,
    ArrayAttr,
    DenseArrayAttr,
    IntegerAttr,
    IntegerSetAttr,
)
from dialir.core.ir.operation import Region
from dialir.core.ir.types import IntegerType, MemRefType, VectorType
from dialir.dialects.loop import asm
from dialir.dialects.loop.affine.ops import (
    ATOMIC_RMW_KINDS,
    INDEX,
    SYMBOL_IDENTITY,
    AffineApplyOp,
    AffineForOp,
    AffineIfOp,
    AffineLoadOp,
    AffineMaxOp,
    AffineMinOp,
    AffineParallelOp,
    AffinePrefetchOp,
    AffineStoreOp,
    AffineVectorLoadOp,
    AffineVectorStoreOp,
    _group_sizes,
    _groups_attr,
)

GRAMMAR = r"""
%extend custom_op: affine_for | affine_parallel | affine_if | affine_load | affine_store
                 | affine_vector_load | affine_vector_store | affine_prefetch | affine_apply
                 | affine_min | affine_max

// ---- affine expressions of SSA values: `%i + 1`, `symbol(%n) * 2`
affine_ssa_exprs: affine_ssa_expr ("," affine_ssa_expr)*
?affine_ssa_expr: affine_ssa_term
                | affine_ssa_expr "+" affine_ssa_term -> affine_ssa_add
                | affine_ssa_expr "-" affine_ssa_term -> affine_ssa_sub
?affine_ssa_term: affine_ssa_unary
                | affine_ssa_term "*" affine_ssa_unary -> affine_ssa_mul
                | affine_ssa_term "floordiv" affine_ssa_unary -> affine_ssa_floordiv
                | affine_ssa_term "ceildiv" affine_ssa_unary -> affine_ssa_ceildiv
                | affine_ssa_term "mod" affine_ssa_unary -> affine_ssa_mod
?affine_ssa_unary: affine_ssa_atom
                 | "-" affine_ssa_unary -> affine_ssa_neg
?affine_ssa_atom: VALUE_ID -> affine_ssa_dim
                | "symbol" "(" VALUE_ID ")" -> affine_ssa_symbol
                | INT -> affine_ssa_const
                | "(" affine_ssa_expr ")"
affine_subscripts: "[" [affine_ssa_exprs] "]"

_affine_map_ref: hash_attr_untyped | affine_map_attr
affine_dim_sym_list: operand_list ["[" value_use_list "]"]

// ---- affine.for
affine_for: affine_for_kw affine_for_head affine_region [attr_dict]
affine_for_kw: AFFINE_FOR
AFFINE_FOR: "affine.for"
affine_for_head: VALUE_ID "=" _affine_lower "to" _affine_upper ["step" INT] [affine_iter_args]
_affine_lower: affine_bound | affine_max_bound
_affine_upper: affine_bound | affine_min_bound
affine_bound: INT | VALUE_ID | affine_map_bound
affine_max_bound: "max" affine_map_bound
affine_min_bound: "min" affine_map_bound
affine_map_bound: _affine_map_ref affine_dim_sym_list
affine_iter_args: "iter_args" "(" affine_assign ("," affine_assign)* ")" "->" fn_results
affine_assign: VALUE_ID "=" VALUE_ID
affine_region: "{" affine_region_open [op_list] block* "}"
affine_region_open:

// ---- affine.parallel
affine_parallel: affine_parallel_kw affine_parallel_head affine_region [attr_dict]
affine_parallel_kw: AFFINE_PARALLEL
AFFINE_PARALLEL: "affine.parallel"
affine_parallel_head: operand_list "=" affine_par_lower "to" affine_par_upper ["step" affine_par_steps] [affine_par_reduce] ["->" fn_results]
affine_par_lower: "(" [_affine_par_lgroup ("," _affine_par_lgroup)*] ")"
affine_par_upper: "(" [_affine_par_ugroup ("," _affine_par_ugroup)*] ")"
_affine_par_lgroup: affine_par_expr | affine_par_max
_affine_par_ugroup: affine_par_expr | affine_par_min
affine_par_expr: affine_ssa_expr
affine_par_max: "max" "(" affine_ssa_exprs ")"
affine_par_min: "min" "(" affine_ssa_exprs ")"
affine_par_steps: "(" affine_ssa_exprs ")"
affine_par_reduce: "reduce" "(" STRING ("," STRING)* ")"

// ---- affine.if
affine_if: affine_if_kw _affine_set_ref affine_dim_sym_list ["->" fn_results] region ["else" region] [attr_dict]
affine_if_kw: AFFINE_IF
AFFINE_IF: "affine.if"
_affine_set_ref: hash_attr_untyped | integer_set_attr

// ---- memory accesses
affine_load: AFFINE_LOAD value_use affine_subscripts [attr_dict] ":" type
AFFINE_LOAD: "affine.load"
affine_store: AFFINE_STORE value_use "," value_use affine_subscripts [attr_dict] ":" type
AFFINE_STORE: "affine.store"
affine_vector_load: AFFINE_VECTOR_LOAD value_use affine_subscripts [attr_dict] ":" type "," type
AFFINE_VECTOR_LOAD: "affine.vector_load"
affine_vector_store: AFFINE_VECTOR_STORE value_use "," value_use affine_subscripts [attr_dict] ":" type "," type
AFFINE_VECTOR_STORE: "affine.vector_store"
affine_prefetch: AFFINE_PREFETCH value_use affine_subscripts "," (AFFINE_READ | AFFINE_WRITE) "," "locality" "<" INT ">" "," (AFFINE_DATA | AFFINE_INSTR) [attr_dict] ":" type
AFFINE_PREFETCH: "affine.prefetch"
AFFINE_READ: "read"
AFFINE_WRITE: "write"
AFFINE_DATA: "data"
AFFINE_INSTR: "instr"

// ---- affine.apply, affine.min, affine.max
affine_apply: AFFINE_APPLY _affine_map_ref affine_dim_sym_list [attr_dict]
AFFINE_APPLY: "affine.apply"
affine_min: AFFINE_MIN _affine_map_ref affine_dim_sym_list [attr_dict]
AFFINE_MIN: "affine.min"
affine_max: AFFINE_MAX _affine_map_ref affine_dim_sym_list [attr_dict]
AFFINE_MAX: "affine.max"
"""

_FOR_PROPS = ("lowerBoundMap", "upperBoundMap", "step", "operandSegmentSizes")
_PARALLEL_PROPS = ("reductions", "lowerBoundsMap", "lowerBoundsGroups", "upperBoundsMap",
                   "upperBoundsGroups", "steps")  # fmt: skip
_PREFETCH_PROPS = ("map", "localityHint", "isDataCache", "isWrite")


# -- parsing: affine expressions ---------------------------------------------------------------


def _binary(kind: str):
    return lambda b, c: (kind, c[0], c[1])


def _exprs(b: Any, c: list) -> list:
    return c


def _subscripts(b: Any, c: list) -> list:
    return c[0] or []


def _dim_sym_list(b: Any, c: list) -> tuple[list, list, Any]:
    """`(%d0, %d1)[%s0]`: dim tokens, symbol tokens, and the list's token (for errors)."""
    operands_tok, syms = c
    return asm.split(b, operands_tok), list(syms or []), operands_tok


# -- parsing: affine.for -----------------------------------------------------------------------


def _bound(b: Any, c: list) -> tuple:
    """A bound as (map, operands, has max/min prefix, token)."""
    x = c[0]
    if isinstance(x, tuple):
        return x
    if x.type == "INT":
        from dialir.parser.parser import parse_int

        return AffineMap.constant_map(parse_int(x)), [], False, x
    return SYMBOL_IDENTITY, [asm.resolve(b, x, INDEX)], False, x


def _map_bound(b: Any, c: list) -> tuple:
    attr, (dims, syms, tok) = c
    if not isinstance(attr, AffineMapAttr):
        raise asm.error(b, tok, "expected valid affine map representation for loop bounds")
    m = attr.value
    if m.num_dims != len(dims):
        raise asm.error(b, tok, "dim operand count and affine map dim count must match")
    if m.num_symbols != len(syms):
        raise asm.error(b, tok, "symbol operand count and affine map symbol count must match")
    return m, asm.resolve_all(b, dims + syms, INDEX), False, tok


def _prefixed_bound(b: Any, c: list) -> tuple:
    m, operands, _, tok = c[0]
    return m, operands, True, tok


def _check_prefix(b: Any, bound: tuple, lower: bool) -> None:
    m, _, prefixed, tok = bound
    if m.num_results > 1 and not prefixed:
        which, word = ("lower", "max") if lower else ("upper", "min")
        raise asm.error(
            b, tok, f"{which} loop bound affine map with multiple results requires '{word}' prefix"
        )


def _assign(b: Any, c: list) -> tuple:
    return c[0], c[1]


def _iter_args(b: Any, c: list) -> tuple[list, list]:
    *pairs, result_types = c
    return pairs, result_types


def _for_head(b: Any, c: list) -> dict:
    iv, lower, upper, step_tok, iters = c
    _check_prefix(b, lower, True)
    _check_prefix(b, upper, False)
    step = 1
    if step_tok is not None:
        from dialir.parser.parser import parse_int

        step = parse_int(step_tok)
        if step <= 0:
            raise asm.error(
                b, step_tok, "expected step to be representable as a positive signed integer"
            )
    pairs, result_types = iters if iters is not None else ([], [])
    if len(pairs) != len(result_types):
        raise asm.error(b, iv, "mismatch between the number of loop-carried values and results")
    inits = [asm.resolve(b, init, t) for (_, init), t in zip(pairs, result_types)]
    asm.push_region_args(b, [(iv, INDEX), *((arg, t) for (arg, _), t in zip(pairs, result_types))])
    return {"lower": lower, "upper": upper, "step": step, "inits": inits, "types": result_types}


def _region_open(b: Any, c: list) -> Any:
    return asm.open_region(b)


def _region(b: Any, c: list) -> Region:
    return asm.close_region(b, c)


def _for(b: Any, c: list) -> AffineForOp:
    kw, head, region, attrs = c
    asm.end_op(b)
    (lb_map, lb_ops, _, _), (ub_map, ub_ops, _, _) = head["lower"], head["upper"]
    location = asm.loc(b, kw)
    asm.ensure_terminator(AffineForOp, region, location)
    props = {
        "lowerBoundMap": AffineMapAttr(lb_map), "upperBoundMap": AffineMapAttr(ub_map),
        "step": IntegerAttr(head["step"], INDEX),
        "operandSegmentSizes": DenseArrayAttr(
            IntegerType(32), [len(lb_ops), len(ub_ops), len(head["inits"])]
        ),
    }  # fmt: skip
    op = asm.new_op(AffineForOp, lb_ops + ub_ops + head["inits"], head["types"], props,
                    [region], location)  # fmt: skip
    return asm.set_attrs(op, attrs, _FOR_PROPS)


# -- parsing: affine.parallel ------------------------------------------------------------------


def _par_expr(b: Any, c: list) -> list:
    return [c[0]]


def _par_group(b: Any, c: list) -> list:
    return c[0]


def _par_bounds(b: Any, c: list) -> list[list]:
    return [g for g in c if g is not None]


def _min_max_bound(b: Any, groups: list[list]) -> tuple[AffineMap, list, list[int]]:
    """MLIR's parseAffineMapWithMinMax: each group parsed as its own map of SSA ids, the
    maps concatenated, their operands deduplicated (dims, then symbols)."""
    dims: dict[str, int] = {}
    syms: dict[str, int] = {}
    dim_toks: list = []
    sym_toks: list = []
    exprs: list[AffineExpr] = []
    for trees in groups:
        mb = asm.SSAMapBuilder(b)
        m = mb.map(trees)
        dmap = [AffineExpr.dim(_position(dims, dim_toks, t)) for t in mb.dim_toks]
        smap = [AffineExpr.symbol(_position(syms, sym_toks, t)) for t in mb.sym_toks]
        exprs.extend(e.replace_dims_and_symbols(dmap, smap) for e in m.results)
    operands = asm.resolve_all(b, dim_toks + sym_toks, INDEX)
    return AffineMap(len(dims), len(syms), exprs), operands, [len(g) for g in groups]


def _position(table: dict[str, int], toks: list, tok: Any) -> int:
    pos = table.get(str(tok))
    if pos is None:
        pos = table[str(tok)] = len(toks)
        toks.append(tok)
    return pos


def _par_steps(b: Any, c: list) -> list:
    return c[0]


def _par_reduce(b: Any, c: list) -> list:
    from dialir.parser.parser import unescape

    kinds = []
    for tok in c:
        kind = unescape(tok)
        if kind not in ATOMIC_RMW_KINDS:
            raise asm.error(b, tok, f"invalid reduction value: {tok}")
        kinds.append(kind)
    return kinds


def _parallel_head(b: Any, c: list) -> dict:
    ivs_tok, lower, upper, steps, reductions, result_types = c
    ivs = asm.split(b, ivs_tok)
    lb_map, lb_ops, lb_groups = _min_max_bound(b, lower)
    ub_map, ub_ops, ub_groups = _min_max_bound(b, upper)
    step_values = [1] * len(ivs)
    if steps is not None:
        step_values = []
        for tree in steps:
            if tree[0] != "const":
                raise asm.error(b, ivs_tok, "steps must be constant integers")
            step_values.append(tree[1])
    asm.push_region_args(b, [(tok, INDEX) for tok in ivs])
    i64 = IntegerType(64)
    props = {
        "reductions": ArrayAttr([IntegerAttr(ATOMIC_RMW_KINDS.index(k), i64)
                                 for k in reductions or []]),
        "lowerBoundsMap": AffineMapAttr(lb_map), "lowerBoundsGroups": _groups_attr(lb_groups),
        "upperBoundsMap": AffineMapAttr(ub_map), "upperBoundsGroups": _groups_attr(ub_groups),
        "steps": ArrayAttr([IntegerAttr(s, i64) for s in step_values]),
    }  # fmt: skip
    return {"operands": lb_ops + ub_ops, "props": props, "types": result_types or []}


def _parallel(b: Any, c: list) -> AffineParallelOp:
    kw, head, region, attrs = c
    asm.end_op(b)
    location = asm.loc(b, kw)
    asm.ensure_terminator(AffineParallelOp, region, location)
    op = asm.new_op(AffineParallelOp, head["operands"], head["types"], head["props"],
                    [region], location)  # fmt: skip
    return asm.set_attrs(op, attrs, _PARALLEL_PROPS)


# -- parsing: affine.if ------------------------------------------------------------------------


def _if(b: Any, c: list) -> AffineIfOp:
    kw, cond, (dims, syms, tok), result_types, then_region, else_region, attrs = c
    asm.end_op(b)
    if not isinstance(cond, IntegerSetAttr):
        raise asm.error(b, kw, "expected an integer set attribute")
    s = cond.value
    if s.num_dims != len(dims):
        raise asm.error(b, kw, "dim operand count and integer set dim count must match")
    if s.num_dims + s.num_symbols != len(dims) + len(syms):
        raise asm.error(b, kw, "symbol operand count and integer set symbol count must match")
    operands = asm.resolve_all(b, dims + syms, INDEX)
    location = asm.loc(b, kw)
    asm.ensure_terminator(AffineIfOp, then_region, location)
    if else_region is None:
        else_region = Region()
    else:
        asm.ensure_terminator(AffineIfOp, else_region, location)
    op = asm.new_op(AffineIfOp, operands, result_types or [], {"condition": cond},
                    [then_region, else_region], location)  # fmt: skip
    return asm.set_attrs(op, attrs, ("condition",))


# -- parsing: memory accesses ------------------------------------------------------------------


def _memref_type(b: Any, kw: Any, t: Any) -> MemRefType:
    if not isinstance(t, MemRefType):
        raise asm.error(b, kw, f"expected a memref type, but got '{t}'")
    return t


def _access(b: Any, memref_tok: Any, t: Any, kw: Any, trees: list) -> tuple:
    t = _memref_type(b, kw, t)
    memref = asm.resolve(b, memref_tok, t)
    m, operands = asm.map_of_ssa_ids(b, trees)
    return memref, operands, {"map": AffineMapAttr(m)}


def _load(b: Any, c: list) -> AffineLoadOp:
    kw, memref_tok, trees, attrs, t = c
    memref, operands, props = _access(b, memref_tok, t, kw, trees)
    op = asm.new_op(AffineLoadOp, [memref, *operands], [t.element_type], props, [],
                    asm.loc(b, kw))  # fmt: skip
    return asm.set_attrs(op, attrs, ("map",))


def _store(b: Any, c: list) -> AffineStoreOp:
    kw, value_tok, memref_tok, trees, attrs, t = c
    memref, operands, props = _access(b, memref_tok, t, kw, trees)
    value = asm.resolve(b, value_tok, t.element_type)
    op = asm.new_op(AffineStoreOp, [value, memref, *operands], [], props, [], asm.loc(b, kw))
    return asm.set_attrs(op, attrs, ("map",))


def _vector_type(b: Any, kw: Any, t: Any) -> VectorType:
    if not isinstance(t, VectorType):
        raise asm.error(b, kw, f"expected a vector type, but got '{t}'")
    return t


def _vector_load(b: Any, c: list) -> AffineVectorLoadOp:
    kw, memref_tok, trees, attrs, t, vt = c
    memref, operands, props = _access(b, memref_tok, t, kw, trees)
    op = asm.new_op(AffineVectorLoadOp, [memref, *operands], [_vector_type(b, kw, vt)], props,
                    [], asm.loc(b, kw))  # fmt: skip
    return asm.set_attrs(op, attrs, ("map",))


def _vector_store(b: Any, c: list) -> AffineVectorStoreOp:
    kw, value_tok, memref_tok, trees, attrs, t, vt = c
    memref, operands, props = _access(b, memref_tok, t, kw, trees)
    value = asm.resolve(b, value_tok, _vector_type(b, kw, vt))
    op = asm.new_op(AffineVectorStoreOp, [value, memref, *operands], [], props, [],
                    asm.loc(b, kw))  # fmt: skip
    return asm.set_attrs(op, attrs, ("map",))


def _prefetch(b: Any, c: list) -> AffinePrefetchOp:
    kw, memref_tok, trees, rw, hint, cache, attrs, t = c
    from dialir.core.ir.attrs import BoolAttr
    from dialir.parser.parser import parse_int

    memref, operands, props = _access(b, memref_tok, t, kw, trees)
    locality = parse_int(hint)
    if not 0 <= locality <= 3:
        raise asm.error(b, hint, "locality hint must be between 0 and 3")
    props["isWrite"] = BoolAttr(rw.type == "AFFINE_WRITE")
    props["localityHint"] = IntegerAttr(locality, IntegerType(32))
    props["isDataCache"] = BoolAttr(cache.type == "AFFINE_DATA")
    op = asm.new_op(AffinePrefetchOp, [memref, *operands], [], props, [], asm.loc(b, kw))
    return asm.set_attrs(op, attrs, _PREFETCH_PROPS)


# -- parsing: affine.apply, affine.min, affine.max ---------------------------------------------


def _map_op(cls: type, check_counts: bool):
    def build(b: Any, c: list) -> Any:
        kw, attr, (dims, syms, _), attrs = c
        if not isinstance(attr, AffineMapAttr):
            raise asm.error(b, kw, "expected affine map attribute")
        m = attr.value
        if check_counts and (m.num_dims != len(dims) or
                             m.num_dims + m.num_symbols != len(dims) + len(syms)):  # fmt: skip
            raise asm.error(b, kw, "dimension or symbol index mismatch")
        operands = asm.resolve_all(b, dims + syms, INDEX)
        n = m.num_results if check_counts else 1
        op = asm.new_op(cls, operands, [INDEX] * n, {"map": attr}, [], asm.loc(b, kw))
        return asm.set_attrs(op, attrs, ("map",))

    return build


CALLBACKS = {
    "affine_ssa_exprs": _exprs,
    "affine_ssa_add": _binary("add"),
    "affine_ssa_sub": _binary("sub"),
    "affine_ssa_mul": _binary("mul"),
    "affine_ssa_floordiv": _binary("floordiv"),
    "affine_ssa_ceildiv": _binary("ceildiv"),
    "affine_ssa_mod": _binary("mod"),
    "affine_ssa_neg": lambda b, c: ("neg", c[0]),
    "affine_ssa_dim": lambda b, c: ("dim", c[0]),
    "affine_ssa_symbol": lambda b, c: ("sym", c[0]),
    "affine_ssa_const": lambda b, c: ("const", _int(c[0]), c[0]),
    "affine_subscripts": _subscripts,
    "affine_dim_sym_list": _dim_sym_list,
    "affine_for_kw": asm.op_keyword("affine.for"),
    "affine_for_head": _for_head,
    "affine_bound": _bound,
    "affine_map_bound": _map_bound,
    "affine_max_bound": _prefixed_bound,
    "affine_min_bound": _prefixed_bound,
    "affine_assign": _assign,
    "affine_iter_args": _iter_args,
    "affine_region_open": _region_open,
    "affine_region": _region,
    "affine_for": _for,
    "affine_parallel_kw": asm.op_keyword("affine.parallel"),
    "affine_parallel_head": _parallel_head,
    "affine_par_lower": _par_bounds,
    "affine_par_upper": _par_bounds,
    "affine_par_expr": _par_expr,
    "affine_par_max": _par_group,
    "affine_par_min": _par_group,
    "affine_par_steps": _par_steps,
    "affine_par_reduce": _par_reduce,
    "affine_parallel": _parallel,
    "affine_if_kw": asm.op_keyword("affine.if"),
    "affine_if": _if,
    "affine_load": _load,
    "affine_store": _store,
    "affine_vector_load": _vector_load,
    "affine_vector_store": _vector_store,
    "affine_prefetch": _prefetch,
    "affine_apply": _map_op(AffineApplyOp, True),
    "affine_min": _map_op(AffineMinOp, False),
    "affine_max": _map_op(AffineMaxOp, False),
}


def _int(tok: Any) -> int:
    from dialir.parser.parser import parse_int

    return parse_int(tok)


# -- printing ----------------------------------------------------------------------------------


def _is_map(a: Any) -> bool:
    return isinstance(a, AffineMapAttr)


def _bound_text(p: Any, attr: AffineMapAttr, operands: tuple, prefix: str) -> str:
    """MLIR's printBound: a constant, a lone symbol, else `[max|min] #map(dims)[syms]`."""
    m = attr.value
    if m.num_results == 1:
        e = m.results[0]
        if m.num_dims == 0 and m.num_symbols == 0 and type(e) is AffineConstantExpr:
            return str(e.value)
        if m.num_dims == 0 and m.num_symbols == 1 and type(e) is AffineSymbolExpr:
            return p.value(operands[0])
        head = ""
    else:
        head = prefix + " "
    return head + p.attr(attr) + asm.dim_and_symbol_list(p, operands, m.num_dims)


def _for_printable(op: AffineForOp) -> bool:
    lb, ub, step = op.lowerBoundMap, op.upperBoundMap, op.step_attr
    if not (_is_map(lb) and _is_map(ub) and isinstance(step, IntegerAttr)):
        return False
    blocks = op.regions[0].blocks
    try:
        lbo, ubo, inits = op.lowerBoundOperands, op.upperBoundOperands, op.inits
    except Exception:  # malformed segment sizes: the generic form shows them
        return False
    return (
        len(blocks) == 1 and len(blocks[0].args) == 1 + len(inits) == 1 + len(op.results)
        and len(lbo) == lb.value.num_dims + lb.value.num_symbols
        and len(ubo) == ub.value.num_dims + ub.value.num_symbols
    )  # fmt: skip


def print_for(op: AffineForOp, p: Any, indent: str) -> None:
    if not _for_printable(op):
        p.generic_op(op, indent)
        return
    out = p.out
    body = op.body
    out.append(f"affine.for {p.value(body.args[0])} = ")
    out.append(_bound_text(p, op.lowerBoundMap, op.lowerBoundOperands, "max"))
    out.append(" to ")
    out.append(_bound_text(p, op.upperBoundMap, op.upperBoundOperands, "min"))
    if op.step != 1:
        out.append(f" step {op.step}")
    inits = op.inits
    if inits:
        pairs = ", ".join(f"{p.value(a)} = {p.value(v)}" for a, v in zip(body.args[1:], inits))
        out.append(f" iter_args({pairs}) -> ({asm.types(p, op.results)})")
    out.append(" ")
    asm.print_region(p, op.regions[0], indent, entry_args=False, terminators=bool(inits))
    asm.print_attr_dict(p, op, _FOR_PROPS)


def _min_max_text(p: Any, m: AffineMap, groups: list[int], operands: tuple, word: str) -> str:
    """MLIR's printMinMaxBound: one expression per group, or `max(...)` of several."""
    dims, syms = operands[: m.num_dims], operands[m.num_dims :]
    parts, start = [], 0
    for size in groups:
        if size == 1:
            parts.append(asm.ssa_expr(p, m.results[start], dims, syms))
        else:
            sub = AffineMap(m.num_dims, m.num_symbols, m.results[start : start + size])
            parts.append(f"{word}({asm.ssa_map(p, sub, operands)})")
        start += size
    return ", ".join(parts)


def _parallel_printable(op: AffineParallelOp) -> bool:
    if not (_is_map(op.lowerBoundsMap) and _is_map(op.upperBoundsMap)):
        return False
    if not isinstance(op.steps, ArrayAttr) or not isinstance(op.reductions, ArrayAttr):
        return False
    lbg, ubg = _group_sizes(op.lowerBoundsGroups), _group_sizes(op.upperBoundsGroups)
    lb, ub = op.lower_bounds_map, op.upper_bounds_map
    blocks = op.regions[0].blocks
    return (
        len(blocks) == 1 and sum(lbg) == lb.num_results and sum(ubg) == ub.num_results
        and all(g > 0 for g in lbg + ubg)
        and len(op.operands) == lb.num_dims + lb.num_symbols + ub.num_dims + ub.num_symbols
        and len(op.reductions) == len(op.results)
        and all(isinstance(a, IntegerAttr) and 0 <= a.value < len(ATOMIC_RMW_KINDS)
                for a in op.reductions)
    )  # fmt: skip


def print_parallel(op: AffineParallelOp, p: Any, indent: str) -> None:
    if not _parallel_printable(op):
        p.generic_op(op, indent)
        return
    out = p.out
    out.append(f"affine.parallel ({asm.values(p, op.body.args)}) = (")
    out.append(_min_max_text(p, op.lower_bounds_map, op.lower_bounds_groups,
                             op.lower_bounds_operands, "max"))  # fmt: skip
    out.append(") to (")
    out.append(_min_max_text(p, op.upper_bounds_map, op.upper_bounds_groups,
                             op.upper_bounds_operands, "min"))  # fmt: skip
    out.append(")")
    steps = op.step_values
    if any(s != 1 for s in steps):
        out.append(f" step ({', '.join(map(str, steps))})")
    if op.results:
        kinds = ", ".join(f'"{k}"' for k in op.reduction_kinds)
        out.append(f" reduce ({kinds}) -> ({asm.types(p, op.results)})")
    out.append(" ")
    asm.print_region(p, op.regions[0], indent, entry_args=False, terminators=bool(op.results))
    asm.print_attr_dict(p, op, _PARALLEL_PROPS)


def print_if(op: AffineIfOp, p: Any, indent: str) -> None:
    cond = op.condition
    s = cond.value if isinstance(cond, IntegerSetAttr) else None
    if s is None or len(op.operands) != s.num_dims + s.num_symbols or not op.regions[0].blocks:
        p.generic_op(op, indent)
        return
    out = p.out
    out.append(f"affine.if {p.attr(cond)}{asm.dim_and_symbol_list(p, op.operands, s.num_dims)}")
    if op.results:
        out.append(asm.arrow_types(p, [r.type for r in op.results]))
    out.append(" ")
    terminators = bool(op.results)
    asm.print_region(p, op.regions[0], indent, entry_args=False, terminators=terminators)
    if op.regions[1].blocks:
        out.append(" else ")
        asm.print_region(p, op.regions[1], indent, entry_args=False, terminators=terminators)
    asm.print_attr_dict(p, op, ("condition",))


def _access_printable(op: Any) -> bool:
    """Whether the subscripts say all about the map and its operands: each operand once,
    each used (the custom form names operands only through the expressions, and reading it
    numbers dims and symbols afresh; MLIR prints it anyway and loses such operands)."""
    m = op.map
    if not _is_map(m):
        return False
    m = m.value
    operands = op.indices
    if m.num_dims + m.num_symbols != len(operands) or len(set(operands)) != len(operands):
        return False
    used = set()
    for e in m.results:
        used.update(_positions(e, m.num_dims))
    return len(used) == len(operands)


def _positions(e: AffineExpr, num_dims: int) -> set[int]:
    """The operand positions (dims, then symbols) an expression uses."""
    from dialir.core.ir.affine import AffineBinaryExpr, AffineDimExpr

    if type(e) is AffineDimExpr:
        return {e.position}
    if type(e) is AffineSymbolExpr:
        return {num_dims + e.position}
    if type(e) is AffineBinaryExpr:
        return _positions(e.lhs, num_dims) | _positions(e.rhs, num_dims)
    return set()


def _subscripts_text(p: Any, op: Any) -> str:
    return f"[{asm.ssa_map(p, op.map.value, op.indices)}]"


def print_load(op: AffineLoadOp, p: Any, indent: str) -> None:
    if not _access_printable(op):
        p.generic_op(op, indent)
        return
    p.out.append(f"affine.load {p.value(op.memref)}{_subscripts_text(p, op)}")
    asm.print_attr_dict(p, op, ("map",))
    p.out.append(f" : {p.type(op.memref.type)}")


def print_store(op: AffineStoreOp, p: Any, indent: str) -> None:
    if not _access_printable(op) or op.value.type is not op.memref.type.element_type:
        p.generic_op(op, indent)
        return
    p.out.append(f"affine.store {p.value(op.value)}, {p.value(op.memref)}{_subscripts_text(p, op)}")
    asm.print_attr_dict(p, op, ("map",))
    p.out.append(f" : {p.type(op.memref.type)}")


def print_vector_load(op: AffineVectorLoadOp, p: Any, indent: str) -> None:
    if not _access_printable(op):
        p.generic_op(op, indent)
        return
    p.out.append(f"affine.vector_load {p.value(op.memref)}{_subscripts_text(p, op)}")
    asm.print_attr_dict(p, op, ("map",))
    p.out.append(f" : {p.type(op.memref.type)}, {p.type(op.result.type)}")


def print_vector_store(op: AffineVectorStoreOp, p: Any, indent: str) -> None:
    if not _access_printable(op):
        p.generic_op(op, indent)
        return
    p.out.append(
        f"affine.vector_store {p.value(op.value)}, {p.value(op.memref)}{_subscripts_text(p, op)}"
    )
    asm.print_attr_dict(p, op, ("map",))
    p.out.append(f" : {p.type(op.memref.type)}, {p.type(op.value.type)}")


def print_prefetch(op: AffinePrefetchOp, p: Any, indent: str) -> None:
    hint, write, data = op.localityHint, op.isWrite, op.isDataCache
    if not (_access_printable(op) and all(isinstance(a, IntegerAttr) for a in (hint, write, data))):
        p.generic_op(op, indent)
        return
    p.out.append(
        f"affine.prefetch {p.value(op.memref)}{_subscripts_text(p, op)}, "
        f"{'write' if write.value else 'read'}, locality<{hint.value}>, "
        f"{'data' if data.value else 'instr'}"
    )
    asm.print_attr_dict(p, op, _PREFETCH_PROPS)
    p.out.append(f" : {p.type(op.memref.type)}")


def _print_map_op(word: str):
    def print_op(op: Any, p: Any, indent: str) -> None:
        m = op.map
        if not _is_map(m) or m.value.num_dims > len(op.operands):
            p.generic_op(op, indent)
            return
        lists = asm.dim_and_symbol_list(p, op.operands, m.value.num_dims)
        p.out.append(f"{word} {p.attr(m)}{lists}")
        asm.print_attr_dict(p, op, ("map",))

    return print_op


for _cls, _printer in (
    (AffineForOp, print_for), (AffineParallelOp, print_parallel), (AffineIfOp, print_if),
    (AffineLoadOp, print_load), (AffineStoreOp, print_store),
    (AffineVectorLoadOp, print_vector_load), (AffineVectorStoreOp, print_vector_store),
    (AffinePrefetchOp, print_prefetch), (AffineApplyOp, _print_map_op("affine.apply")),
    (AffineMinOp, _print_map_op("affine.min")), (AffineMaxOp, _print_map_op("affine.max")),
):  # fmt: skip
    _cls.print_custom = _printer
