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
here; the printers are in printing.py, named by the op classes.
"""

from __future__ import annotations

from typing import Any

from dialir.core.ir.affine import (
    AffineExpr,
    AffineMap,
)
from dialir.core.ir.attrs import (
    AffineMapAttr,
    ArrayAttr,
    BoolAttr,
    DenseArrayAttr,
    IntegerAttr,
    IntegerSetAttr,
)
from dialir.core.ir.literals import fits_signed, parse_int, unescape
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
    _groups_attr,
)
from dialir.dialects.loop.affine.printing import FOR_PROPS, PARALLEL_PROPS, PREFETCH_PROPS

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
        step = parse_int(step_tok)
        if not 0 < step < 2**63:
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
    return asm.set_attrs(op, attrs, FOR_PROPS)


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
            if not fits_signed(tree[1], 64):  # steps is an i64 array
                raise asm.error(b, ivs_tok, f"step {tree[1]} does not fit a 64-bit integer")
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
    return asm.set_attrs(op, attrs, PARALLEL_PROPS)


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

    memref, operands, props = _access(b, memref_tok, t, kw, trees)
    locality = parse_int(hint)
    if not 0 <= locality <= 3:
        raise asm.error(b, hint, "locality hint must be between 0 and 3")
    props["isWrite"] = BoolAttr(rw.type == "AFFINE_WRITE")
    props["localityHint"] = IntegerAttr(locality, IntegerType(32))
    props["isDataCache"] = BoolAttr(cache.type == "AFFINE_DATA")
    op = asm.new_op(AffinePrefetchOp, [memref, *operands], [], props, [], asm.loc(b, kw))
    return asm.set_attrs(op, attrs, PREFETCH_PROPS)


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

    return parse_int(tok)
