"""The hand-written custom syntax of llvm ops that the assembly format cannot express:
`llvm.func`, `llvm.mlir.global`, `llvm.call`, `llvm.alloca`, `llvm.load`, `llvm.store`,
`llvm.getelementptr`, `llvm.extractvalue`, `llvm.insertvalue`, `llvm.insertelement`,
`llvm.shufflevector`, `llvm.switch` and `llvm.intr.assume`: a Lark grammar fragment and the
callbacks that build each op (the printers are the ops' `print_custom`).

Callbacks get `_Asm`, which combines the calls of the parser's public interface
(dialir/parser/asm.py, MLIR's OpAsmParser) the way llvm's syntax needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dialir.core.ir.attrs import (
    ArrayAttr,
    DenseArrayAttr,
    DenseElementsAttr,
    DictionaryAttr,
    IntegerAttr,
    OpaqueAttr,
    StringAttr,
    SymbolRefAttr,
    TypeAttr,
    UnitAttr,
)
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.literals import fits_signed
from dialir.core.ir.operation import Block, Operation, Region, Value
from dialir.core.ir.types import FunctionType, IntegerType, Type, VectorType
from dialir.dialects.llvm.attrs import (
    ATOMIC_ORDERINGS,
    TLS_MODES,
    UNNAMED_ADDR,
    VISIBILITY,
    AtomicOrdering,
    CConvAttr,
    GEPNoWrapFlags,
    LinkageAttr,
    TailCallKindAttr,
)
from dialir.dialects.llvm.intrinsics import AssumeOp
from dialir.dialects.llvm.ops import (
    DYNAMIC_INDEX,
    AllocaOp,
    CallIntrinsicOp,
    CallOp,
    ExtractValueOp,
    FuncOp,
    GEPOp,
    GlobalOp,
    InlineAsmOp,
    InsertElementOp,
    InsertValueOp,
    LoadOp,
    ShuffleVectorOp,
    StoreOp,
    SwitchOp,
    position_type,
)
from dialir.dialects.llvm.types import (
    LLVMArrayType,
    LLVMFunctionType,
    LLVMVoidType,
    is_compatible_type,
)
from dialir.parser.asm import AsmParser

i8 = IntegerType(8)
i32 = IntegerType(32)
i64 = IntegerType(64)


class _Asm:
    """What the callbacks need from the parser, over its public interface `b`."""

    __slots__ = ("b",)

    def __init__(self, b: AsmParser) -> None:
        self.b = b

    def error(self, tok: Any, message: str) -> DiagnosticError:
        return self.b.error(tok, message)

    def loc(self, tok: Any) -> Any:
        return self.b.loc(tok)

    def operands(self, toks: Sequence[Any], types: Sequence[Type]) -> list[Value]:
        """The values named by `toks` (one `%name` each), of `types`."""
        if len(toks) != len(types):
            at = toks[0] if toks else None
            raise self.error(at, f"expected {len(toks)} types, but got {len(types)}")
        return [v for t, ty in zip(toks, types) for v in self.b.resolve_operands(t, [ty])]

    def block(self, tok: Any) -> Block:
        return self.b.block_ref(tok)

    def successor(self, c: list) -> tuple[Block, list[Value]]:
        """A successor: `^bb1`, or `^bb1(%a, %b : i32, f32)` (one token or its parts)."""
        if len(c) == 1:
            tok = c[0]
            if tok.type == "CARET_ID":
                return self.block(tok), []
            block_tok, values, types = self.b.values_and_types(tok)
            found = values.count("%")
            if found != len(types):
                raise self.error(tok, f"expected {found} types, but got {len(types)}")
            return self.block(block_tok), self.b.resolve_operands(values, types)
        tok, uses, types = c
        return self.block(tok), self.operands(uses or [], types or [])

    def symbol(self, tok: Any) -> str:
        return self.b.symbol_names(tok)[0]

    def push_op(self, name: str) -> None:
        """An op with regions starts: its regions open in its scope (isolated or not)."""
        self.b.enter_op(name)

    def pop_op(self) -> None:
        self.b.exit_op()

    def signatures(self) -> list:
        """The stack of `llvm.func` signatures being parsed (their arguments open the body)."""
        return self.b.dialect_state("llvm.signatures", list)

    def open_body(self, args: list) -> Block:
        """Open a function body region whose entry block takes `args`, each (name token or
        None, type, attributes, location or None)."""
        self.b.open_region()
        entry = Block()
        for tok, t, _, loc in args:
            if tok is not None:
                self.b.define_argument(entry, tok, t, loc)
        return entry

    def close_body(self, entry: Block, ops: list | None, blocks: list[Block]) -> Region:
        region = self.b.close_region((), blocks)
        if entry.args or ops:
            if not ops and blocks:
                raise self.error(
                    blocks[0].args[0].location if blocks[0].args else entry.args[0].location,
                    "invalid block name in region with named arguments",
                )
            self.b.fill_block(entry, ops or [])
            region.insert(0, entry)
        return region


def _callback(fn: Callable[[_Asm, list], Any]) -> Callable[[Any, list], Any]:
    def call(b: Any, c: list) -> Any:
        return fn(_Asm(b), c)

    call.__name__ = fn.__name__
    return call


def _new(cls: type, operands: Sequence[Value], results: Sequence[Type], props: dict,
         entries: Any, loc: Any, regions: Sequence[Region] = (),
         successors: Sequence[Block] = ()) -> Operation:  # fmt: skip
    """An op of `cls`; attr-dict `entries` split into properties (the op's inherent
    attributes) and discardable attributes."""
    attrs: dict = {}
    if entries:
        inherent = _inherent(cls)
        for name, value in entries:
            (props if name in inherent else attrs)[name] = value
    op = Operation.__new__(cls)
    Operation.__init__(
        op, cls.OP_NAME, list(operands), list(results), attrs, props, list(regions),
        list(successors), loc,
    )  # fmt: skip
    return op


_INHERENT: dict[type, frozenset] = {}


def _inherent(cls: type) -> frozenset:
    names = _INHERENT.get(cls)
    if names is None:
        names = _INHERENT[cls] = frozenset(
            [a.name for a in cls.definition.attributes] + ["operandSegmentSizes"]
        )
    return names


def _segments(*sizes: int) -> DenseArrayAttr:
    return DenseArrayAttr(i32, list(sizes))


# -- llvm.func ---------------------------------------------------------------------------------

_LINKAGES = frozenset(LinkageAttr.CASES)
_CCONVS = frozenset(CConvAttr.CASES)


def _func_kw(p: _Asm, c: list) -> Any:
    p.push_op("llvm.func")
    return c[0]


def _func_args(p: _Asm, c: list) -> tuple[list, bool]:
    var_arg = any(getattr(x, "type", None) == "LLVM_ELLIPSIS" for x in c)
    args = [a for a in c if isinstance(a, tuple)]
    named = [a[0] is not None for a in args]
    if any(named) and not all(named):
        tok = next(a[0] for a in args if a[0] is not None)
        raise p.error(tok, "expected SSA identifier" if named[0] else "expected type")
    p.signatures().append(args)
    return args, var_arg


def _named_arg(p: _Asm, c: list) -> tuple:
    tok, t, attrs, loc = c
    return (tok, t, attrs, loc)


def _type_arg(p: _Asm, c: list) -> tuple:
    return (None, c[0], c[1], None)


def _single_result(p: _Asm, c: list) -> list:
    return [(c[0], None)]


def _results(p: _Asm, c: list) -> list:
    return [r for r in c if r is not None]


def _result(p: _Asm, c: list) -> tuple:
    return (c[0], c[1])


def _body_open(p: _Asm, c: list) -> Block:
    return p.open_body(p.signatures()[-1])


def _body(p: _Asm, c: list) -> Region:
    entry, ops, *blocks = c
    return p.close_body(entry, ops, blocks)


def _keywords(p: _Asm, words: list, allowed: dict[str, set]) -> dict[str, str]:
    """Classify the keywords before a symbol name (`internal hidden unnamed_addr fastcc`)."""
    found: dict[str, str] = {}
    for tok in words:
        word = str(tok)
        kind = next((k for k, names in allowed.items() if word in names), None)
        if kind is None or kind in found:
            raise p.error(tok, f"unexpected keyword '{word}'")
        found[kind] = word
    return found


_FUNC_KEYWORDS = {
    "linkage": _LINKAGES, "visibility": {"hidden", "protected"},
    "unnamed_addr": {"unnamed_addr", "local_unnamed_addr"}, "cconv": _CCONVS,
}  # fmt: skip


def _func(p: _Asm, c: list) -> FuncOp:
    kw, *words, sym, (args, var_arg), results, vscale, comdat, attrs, body = c
    p.pop_op()
    p.signatures().pop()
    found = _keywords(p, words, _FUNC_KEYWORDS)
    results = results or []
    if len(results) > 1:
        raise p.error(kw, "failed to construct function type: expected zero or one function "
                      "result")  # fmt: skip
    inputs = [t for _, t, _, _ in args]
    for t in inputs:
        if not is_compatible_type(t):
            raise p.error(sym, "failed to construct function type: expected LLVM type for "
                          "function arguments")  # fmt: skip
    result = results[0][0] if results else LLVMVoidType()
    if not is_compatible_type(result):
        raise p.error(sym, "failed to construct function type: expected LLVM type for function "
                      f"results{result}")  # fmt: skip
    props: dict = {
        "sym_name": StringAttr(p.symbol(sym)),
        "function_type": TypeAttr(LLVMFunctionType(result, inputs, var_arg)),
    }
    _set_keyword_props(props, found)
    if "cconv" in found and found["cconv"] != "ccc":
        props["CConv"] = CConvAttr(found["cconv"])
    if any(a for _, _, a, _ in args):
        props["arg_attrs"] = ArrayAttr([DictionaryAttr(a or ()) for _, _, a, _ in args])
    if any(a for _, a in results):
        props["res_attrs"] = ArrayAttr([DictionaryAttr(a or ()) for _, a in results])
    if comdat is not None:
        props["comdat"] = comdat
    if vscale is not None:
        props["vscale_range"] = vscale
    if body is None:
        body = Region()
    elif not body.blocks:
        raise p.error(kw, "expected non-empty function body")
    return _new(FuncOp, [], [], props, attrs, p.loc(kw), [body])


def _set_keyword_props(props: dict, found: dict[str, str]) -> None:
    linkage = found.get("linkage")
    if linkage is not None and linkage != "external":
        props["linkage"] = LinkageAttr(linkage)
    if "visibility" in found:
        props["visibility_"] = IntegerAttr(VISIBILITY[found["visibility"]], i64)
    if "unnamed_addr" in found:
        props["unnamed_addr"] = IntegerAttr(UNNAMED_ADDR[found["unnamed_addr"]], i64)


def _vscale(p: _Asm, c: list) -> OpaqueAttr:
    lo, hi = (int(t, 0) for t in c)
    return OpaqueAttr("llvm", f"vscale_range<minRange = {lo} : i32, maxRange = {hi} : i32>")


def _vararg(p: _Asm, c: list) -> Type:
    return c[0]


def _comdat(p: _Asm, c: list) -> SymbolRefAttr:
    names = p.b.symbol_names(c[0])
    return SymbolRefAttr(names[0], names[1:])


# -- llvm.mlir.global ----------------------------------------------------------------------------


def _global_kw(p: _Asm, c: list) -> Any:
    p.push_op("llvm.mlir.global")
    return c[0]


def _global_word(p: _Asm, c: list) -> tuple:
    return (c[0], c[1])


_GLOBAL_KEYWORDS = {
    "linkage": _LINKAGES, "visibility": {"hidden", "protected"},
    "unnamed_addr": {"unnamed_addr", "local_unnamed_addr"}, "tls": {"thread_local"},
    "constant": {"constant"},
}  # fmt: skip


def _global(p: _Asm, c: list) -> GlobalOp:
    kw, *words, sym, value, comdat, attrs, type_, region = c
    p.pop_op()
    found = _keywords(p, [w for w, _ in words], _GLOBAL_KEYWORDS)
    props: dict = {"sym_name": StringAttr(p.symbol(sym))}
    _set_keyword_props(props, found)
    # Stored even when external: the property has no default (the syntax does).
    props["linkage"] = LinkageAttr(found.get("linkage", "external"))
    for word, mode in words:
        if str(word) == "thread_local":
            name = "thread_local" if mode is None else str(mode)
            if name not in TLS_MODES:
                raise p.error(mode, f"unknown thread-local mode '{name}'")
            props["tls_mode"] = IntegerAttr(TLS_MODES[name], i64)
        elif mode is not None:
            raise p.error(mode, f"unexpected '(' after '{word}'")
    if "constant" in found:
        props["constant"] = UnitAttr()
    if value is not None:
        props["value"] = value
    if type_ is None:
        if not isinstance(value, StringAttr):
            raise p.error(sym, "type can only be omitted for string globals")
        n = len(value.value.encode("utf-8", "surrogateescape"))
        type_ = LLVMArrayType(i8, n)
    props["global_type"] = TypeAttr(type_)
    if comdat is not None:
        props["comdat"] = comdat
    op = _new(GlobalOp, [], [], props, attrs, p.loc(kw), [region or Region()])
    if op.properties.get("addr_space") == IntegerAttr(0, i32):
        del op.properties["addr_space"]  # the default, which MLIR prints anyway
    return op


# -- llvm.call -----------------------------------------------------------------------------------


def _call(p: _Asm, c: list) -> CallOp:
    kw, *words, callee_tok, arg_toks, vararg, attrs, t1, t2 = c
    found = _keywords(p, words, {"cconv": _CCONVS, "tail": set(TailCallKindAttr.CASES)})
    ftype = t2 if t2 is not None else t1
    if not isinstance(ftype, FunctionType):
        raise p.error(kw, f"expected function type, got '{ftype}'")
    arg_toks = arg_toks or []
    if len(ftype.inputs) != len(arg_toks):
        raise p.error(kw, f"expected {len(arg_toks)} argument types, got {len(ftype.inputs)}")
    if len(ftype.results) > 1:
        raise p.error(kw, "expected function with 0 or 1 result")
    props: dict = {}
    operands: list[Value] = []
    if callee_tok.type == "SYMBOL":
        if t2 is not None:
            raise p.error(callee_tok, "a direct call takes the function type only")
        props["callee"] = SymbolRefAttr(p.symbol(callee_tok))
    else:
        if t2 is None:
            raise p.error(callee_tok, "an indirect call needs the callee's type first")
        operands += p.operands([callee_tok], [t1])
    operands += p.operands(arg_toks, ftype.inputs)
    if vararg is not None:
        if not isinstance(vararg, LLVMFunctionType):
            raise p.error(kw, f"expected an LLVM function type after 'vararg', got '{vararg}'")
        props["var_callee_type"] = TypeAttr(vararg)
    if found.get("cconv", "ccc") != "ccc":
        props["CConv"] = CConvAttr(found["cconv"])
    if found.get("tail", "none") != "none":
        props["TailCallKind"] = TailCallKindAttr(found["tail"])
    props["op_bundle_sizes"] = DenseArrayAttr(i32, [])
    props["operandSegmentSizes"] = _segments(len(operands), 0)
    return _new(CallOp, operands, ftype.results, props, attrs, p.loc(kw))


# -- memory -----------------------------------------------------------------------------------


def _alloca(p: _Asm, c: list) -> AllocaOp:
    kw, flag, size_tok, elem, attrs, ftype = c
    props: dict = {"elem_type": TypeAttr(elem)}
    if flag is not None:
        if str(flag) != "inalloca":
            raise p.error(flag, f"expected 'inalloca', got '{flag}'")
        props["inalloca"] = UnitAttr()
    if not isinstance(ftype, FunctionType) or len(ftype.inputs) != 1 or len(ftype.results) != 1:
        raise p.error(kw, "expected trailing function type with one argument and one result")
    operands = p.operands([size_tok], ftype.inputs)
    return _new(AllocaOp, operands, ftype.results, props, attrs, p.loc(kw))


def _mem_word(p: _Asm, c: list) -> tuple:
    return (c[0], c[1])


def _mem_flags(p: _Asm, words: list, keywords: dict[str, str]) -> dict:
    """`atomic [syncscope("s")] <ordering>` and flag keywords after the address."""
    props: dict = {}
    i = 0
    while i < len(words):
        tok, arg = words[i]
        word = str(tok)
        if word == "atomic":
            if i + 1 < len(words) and str(words[i + 1][0]) == "syncscope":
                scope = words[i + 1][1]
                if scope is None:
                    raise p.error(words[i + 1][0], "expected '(' after 'syncscope'")
                props["syncscope"] = StringAttr(p.b.string_value(scope))
                i += 1
            if i + 1 >= len(words):
                raise p.error(tok, "expected an atomic ordering after 'atomic'")
            i += 1
            ordering = str(words[i][0])
            if ordering not in ATOMIC_ORDERINGS:
                raise p.error(words[i][0], f"'{ordering}' is an incorrect value of the "
                              "'ordering' attribute")  # fmt: skip
            props["ordering"] = AtomicOrdering.attr(ordering)
        elif word in keywords and arg is None:
            props[keywords[word]] = UnitAttr()
        else:
            raise p.error(tok, f"unexpected keyword '{word}'")
        i += 1
    return props


def _prop_dict(p: _Asm, c: list) -> list:
    return [(name, value) for name, value, _ in (e for e in c if e is not None)]


def _load(p: _Asm, c: list) -> LoadOp:
    kw, volatile, addr_tok, *words, props_list, attrs, addr_type, res_type = c
    props = _mem_flags(p, words, {"invariant": "invariant", "invariant_group": "invariantGroup"})
    if volatile is not None:
        _volatile(p, volatile, props)
    props.update(props_list or ())
    (addr,) = p.operands([addr_tok], [addr_type])
    return _new(LoadOp, [addr], [res_type], props, attrs, p.loc(kw))


def _volatile(p: _Asm, tok: Any, props: dict) -> None:
    if str(tok) != "volatile":
        raise p.error(tok, f"expected 'volatile', got '{tok}'")
    props["volatile_"] = UnitAttr()


def _store(p: _Asm, c: list) -> StoreOp:
    kw, volatile, value_tok, addr_tok, *words, props_list, attrs, value_type, addr_type = c
    props = _mem_flags(p, words, {"invariant_group": "invariantGroup"})
    if volatile is not None:
        _volatile(p, volatile, props)
    props.update(props_list or ())
    operands = p.operands([value_tok, addr_tok], [value_type, addr_type])
    return _new(StoreOp, operands, [], props, attrs, p.loc(kw))


def _gep_flags(p: _Asm, c: list) -> IntegerAttr:
    names: list[str] = []
    for tok in c:
        word = str(tok)
        if word == "inbounds":
            names += ["inbounds_flag", "nusw"]
        elif word in ("nusw", "nuw"):
            names.append(word)
        else:
            raise p.error(tok, f"expected 'inbounds', 'nusw' or 'nuw', got '{word}'")
    return GEPNoWrapFlags.attr(names)


def _gep(p: _Asm, c: list) -> GEPOp:
    kw, flags, base_tok, *indices, attrs, ftype, elem = c
    if not isinstance(ftype, FunctionType) or len(ftype.results) != 1:
        raise p.error(kw, "expected a function type `(base, indices...) -> result`")
    raw: list[int] = []
    dynamic: list[Any] = []
    for tok in indices:
        if tok.type == "INT":
            value = int(tok, 0)
            if not -(2**31) < value < 2**31:
                raise p.error(tok, "constant index does not fit in 32 bits")
            raw.append(value)
        else:
            raw.append(DYNAMIC_INDEX)
            dynamic.append(tok)
    if len(ftype.inputs) != 1 + len(dynamic):
        raise p.error(kw, f"expected {1 + len(dynamic)} operand types, got {len(ftype.inputs)}")
    operands = p.operands([base_tok, *dynamic], ftype.inputs)
    props: dict = {
        "rawConstantIndices": DenseArrayAttr(i32, raw),
        "elem_type": TypeAttr(elem),
    }
    if flags is not None and flags.value:
        props["noWrapFlags"] = flags
    return _new(GEPOp, operands, ftype.results, props, attrs, p.loc(kw))


# -- aggregates and vectors ----------------------------------------------------------------------


def _position(p: _Asm, c: list) -> list[int]:
    return [int(tok, 0) for tok in c]


def _extractvalue(p: _Asm, c: list) -> ExtractValueOp:
    kw, container_tok, position, attrs, t = c
    res = position_type(t, position)
    if isinstance(res, str):
        raise p.error(kw, res)
    (container,) = p.operands([container_tok], [t])
    props = {"position": DenseArrayAttr(i64, position)}
    return _new(ExtractValueOp, [container], [res], props, attrs, p.loc(kw))


def _insertvalue(p: _Asm, c: list) -> InsertValueOp:
    kw, value_tok, container_tok, position, attrs, t = c
    value_type = position_type(t, position)
    if isinstance(value_type, str):
        raise p.error(kw, value_type)
    operands = p.operands([container_tok, value_tok], [t, value_type])
    props = {"position": DenseArrayAttr(i64, position)}
    return _new(InsertValueOp, operands, [t], props, attrs, p.loc(kw))


def _insertelement(p: _Asm, c: list) -> InsertElementOp:
    kw, value_tok, vector_tok, pos_tok, pos_type, attrs, t = c
    if not isinstance(t, VectorType):
        raise p.error(kw, f"expected LLVM dialect-compatible vector type, got '{t}'")
    operands = p.operands([vector_tok, value_tok, pos_tok], [t, t.element_type, pos_type])
    return _new(InsertElementOp, operands, [t], {}, attrs, p.loc(kw))


def _shufflevector(p: _Asm, c: list) -> ShuffleVectorOp:
    kw, v1_tok, v2_tok, mask, attrs, t = c
    if not isinstance(t, VectorType):
        raise p.error(kw, f"expected LLVM dialect-compatible vector type, got '{t}'")
    if not all(fits_signed(m, 32) for m in mask):  # the mask is an i32 array
        raise p.error(kw, "shufflevector mask value out of range for i32")
    operands = p.operands([v1_tok, v2_tok], [t, t])
    res = VectorType((len(mask),), t.element_type)
    props = {"mask": DenseArrayAttr(i32, mask)}
    return _new(ShuffleVectorOp, operands, [res], props, attrs, p.loc(kw))


# -- llvm.switch ---------------------------------------------------------------------------------


def _switch_dest(p: _Asm, c: list) -> tuple:
    return p.successor(c)


def _switch_case(p: _Asm, c: list) -> tuple:
    return (c[0], *c[1])


def _switch_weights(p: _Asm, c: list) -> DenseArrayAttr:
    """`weights([5, 10, 1])`: the branch_weights property (default first, then each case)."""
    values = []
    for tok in c:
        if tok is None:
            continue
        v = int(tok, 0)
        if not -(2**31) <= v < 2**31:
            raise p.error(tok, "integer value too large")
        values.append(v)
    return DenseArrayAttr(i32, values)


def _switch(p: _Asm, c: list) -> SwitchOp:
    kw, value_tok, value_type, (default, default_operands), *rest = c
    attrs = rest.pop() if rest and not isinstance(rest[-1], tuple) else None
    weights = rest.pop() if rest and not isinstance(rest[-1], tuple) else None
    cases = [x for x in rest if x is not None]
    if not isinstance(value_type, IntegerType):
        raise p.error(kw, f"'llvm.switch' op operand #0 must be signless integer, but got "
                      f"'{value_type}'")  # fmt: skip
    (value,) = p.operands([value_tok], [value_type])
    props: dict = {}
    if cases:
        values = [int(tok, 0) for tok, _, _ in cases]
        try:
            props["case_values"] = DenseElementsAttr(VectorType((len(values),), value_type), values)
        except (ValueError, OverflowError) as e:
            raise p.error(cases[0][0], f"invalid case value: {e}") from None
    case_operands = [v for _, _, vs in cases for v in vs]
    props["case_operand_segments"] = DenseArrayAttr(i32, [len(vs) for _, _, vs in cases])
    if weights is not None:
        props["branch_weights"] = weights
    props["operandSegmentSizes"] = _segments(1, len(default_operands), len(case_operands))
    return _new(
        SwitchOp, [value, *default_operands, *case_operands], [], props, attrs, p.loc(kw),
        successors=[default, *(b for _, b, _ in cases)],
    )  # fmt: skip


# -- llvm.intr.assume ----------------------------------------------------------------------------


def _assume(p: _Asm, c: list) -> Operation:
    kw, cond_tok, attrs, t = c
    (cond,) = p.operands([cond_tok], [t])
    props = {"op_bundle_sizes": DenseArrayAttr(i32, [])}
    return _new(AssumeOp, [cond], [], props, attrs, p.loc(kw))


# -- llvm.inline_asm, llvm.call_intrinsic --------------------------------------------------------


def _asm_word(p: _Asm, c: list) -> tuple:
    return (c[0], c[1] if len(c) > 1 else None)


def _signature_of(p: _Asm, kw: Any, ftype: Any, n: int) -> FunctionType:
    if not isinstance(ftype, FunctionType) or len(ftype.results) > 1:
        raise p.error(kw, "expected a function type with at most one result")
    if len(ftype.inputs) != n:
        raise p.error(kw, f"expected {n} operand types, got {len(ftype.inputs)}")
    return ftype


def _inline_asm(p: _Asm, c: list) -> Operation:
    kw, *words, attrs, asm, constraints, arg_toks, ftype = c
    ftype = _signature_of(p, kw, ftype, len(arg_toks))
    props: dict = {
        "asm_string": StringAttr(p.b.string_value(asm)),
        "constraints": StringAttr(p.b.string_value(constraints)),
    }
    for tok, value in words:
        word = str(tok)
        if word in ("has_side_effects", "is_align_stack") and value is None:
            props[word] = UnitAttr()
        elif word == "tail_call_kind" and value is not None:
            props[word] = TailCallKindAttr(str(value))
        elif word == "asm_dialect" and str(value) in ("att", "intel"):
            props[word] = IntegerAttr(1 if str(value) == "intel" else 0, i64)
        else:
            raise p.error(tok, f"unexpected '{word}' in 'llvm.inline_asm'")
    operands = p.operands(arg_toks, ftype.inputs)
    return _new(InlineAsmOp, operands, ftype.results, props, attrs, p.loc(kw))


def _call_intrinsic(p: _Asm, c: list) -> Operation:
    kw, name, arg_toks, attrs, ftype = c
    ftype = _signature_of(p, kw, ftype, len(arg_toks))
    props: dict = {
        "intrin": StringAttr(p.b.string_value(name)),
        "op_bundle_sizes": DenseArrayAttr(i32, []),
        "operandSegmentSizes": _segments(len(arg_toks), 0),
    }
    operands = p.operands(arg_toks, ftype.inputs)
    return _new(CallIntrinsicOp, operands, ftype.results, props, attrs, p.loc(kw))


GRAMMAR = r"""
%extend custom_op: llvm_func | llvm_global | llvm_call | llvm_alloca | llvm_load | llvm_store
                 | llvm_gep | llvm_extractvalue | llvm_insertvalue | llvm_insertelement
                 | llvm_shufflevector | llvm_switch | llvm_assume | llvm_inline_asm
                 | llvm_call_intrinsic

llvm_func: llvm_func_kw BARE_ID* SYMBOL llvm_func_args ["->" llvm_func_results] [llvm_vscale] [llvm_comdat] [attr_dict_kw] [llvm_func_body]
llvm_func_kw: LLVM_FUNC
LLVM_FUNC: "llvm.func"
llvm_func_args: "(" [llvm_func_arg ("," llvm_func_arg)* ["," LLVM_ELLIPSIS] | LLVM_ELLIPSIS] ")"
LLVM_ELLIPSIS: "..."
llvm_func_arg: VALUE_ID ":" type [dict_body] [trailing_loc] -> llvm_func_named_arg
             | type [dict_body] -> llvm_func_type_arg
llvm_func_results: _nonfn_type -> llvm_func_single_result
                 | "(" [llvm_func_result ("," llvm_func_result)*] ")"
llvm_func_result: type [dict_body]
llvm_vscale: "vscale_range" "(" INT "," INT ")"
llvm_comdat: "comdat" "(" SYMBOL ")"
llvm_func_body: "{" llvm_func_body_open [op_list] block* "}"
llvm_func_body_open:

llvm_global: llvm_global_kw llvm_global_word* SYMBOL "(" [attribute] ")" [llvm_comdat] [attr_dict] [":" type [region]]
llvm_global_kw: LLVM_GLOBAL
LLVM_GLOBAL: "llvm.mlir.global"
llvm_global_word: BARE_ID ["(" BARE_ID ")"]

llvm_call: LLVM_CALL BARE_ID* (SYMBOL | VALUE_ID) "(" value_use_list ")" [llvm_vararg] [attr_dict] ":" type ["," type]
llvm_vararg: "vararg" "(" type ")"
LLVM_CALL: "llvm.call"

llvm_alloca: LLVM_ALLOCA [BARE_ID] VALUE_ID "x" type [attr_dict] ":" type
LLVM_ALLOCA: "llvm.alloca"

llvm_load: LLVM_LOAD [BARE_ID] VALUE_ID llvm_mem_word* [llvm_prop_dict] [attr_dict] ":" type "->" type
LLVM_LOAD: "llvm.load"
llvm_store: LLVM_STORE [BARE_ID] VALUE_ID "," VALUE_ID llvm_mem_word* [llvm_prop_dict] [attr_dict] ":" type "," type
LLVM_STORE: "llvm.store"
llvm_mem_word: BARE_ID ["(" STRING ")"]
llvm_prop_dict: "<" [dict_entry ("," dict_entry)*] ">"

llvm_gep: LLVM_GEP [llvm_gep_flags] VALUE_ID "[" _llvm_gep_index ("," _llvm_gep_index)* "]" [attr_dict] ":" type "," type
_llvm_gep_index: VALUE_ID | INT
llvm_gep_flags: BARE_ID ("|" BARE_ID)*
LLVM_GEP: "llvm.getelementptr"

llvm_extractvalue: LLVM_EXTRACTVALUE VALUE_ID llvm_position [attr_dict] ":" type
LLVM_EXTRACTVALUE: "llvm.extractvalue"
llvm_insertvalue: LLVM_INSERTVALUE VALUE_ID "," VALUE_ID llvm_position [attr_dict] ":" type
LLVM_INSERTVALUE: "llvm.insertvalue"
llvm_position: "[" INT ("," INT)* "]"
llvm_insertelement: LLVM_INSERTELEMENT VALUE_ID "," VALUE_ID "[" VALUE_ID ":" type "]" [attr_dict] ":" type
LLVM_INSERTELEMENT: "llvm.insertelement"
llvm_shufflevector: LLVM_SHUFFLEVECTOR VALUE_ID "," VALUE_ID llvm_position [attr_dict] ":" type
LLVM_SHUFFLEVECTOR: "llvm.shufflevector"

llvm_switch: LLVM_SWITCH VALUE_ID ":" type "," llvm_switch_dest "[" [llvm_switch_case ("," llvm_switch_case)*] "]" [llvm_switch_weights] [attr_dict]
llvm_switch_weights: "weights" "(" "[" [INT ("," INT)*] "]" ")"
llvm_switch_case: INT ":" llvm_switch_dest
llvm_switch_dest: SUCCESSOR_ARGS | CARET_ID ["(" value_use_list ":" types_opt ")"]
LLVM_SWITCH: "llvm.switch"

llvm_assume: LLVM_ASSUME VALUE_ID [attr_dict] ":" type
LLVM_ASSUME: "llvm.intr.assume"

llvm_inline_asm: LLVM_INLINE_ASM llvm_asm_word* [attr_dict] STRING "," STRING value_use_list ":" type
llvm_asm_word: BARE_ID ["=" (BARE_ID | "<" BARE_ID ">")]
LLVM_INLINE_ASM: "llvm.inline_asm"

llvm_call_intrinsic: LLVM_CALL_INTRINSIC STRING "(" value_use_list ")" [attr_dict] ":" type
LLVM_CALL_INTRINSIC: "llvm.call_intrinsic"
"""

CALLBACKS = {
    name: _callback(fn)
    for name, fn in {
        "llvm_func": _func, "llvm_func_kw": _func_kw, "llvm_func_args": _func_args,
        "llvm_func_named_arg": _named_arg, "llvm_func_type_arg": _type_arg,
        "llvm_func_single_result": _single_result, "llvm_func_results": _results,
        "llvm_func_result": _result, "llvm_func_body_open": _body_open,
        "llvm_func_body": _body, "llvm_comdat": _comdat, "llvm_vscale": _vscale,
        "llvm_vararg": _vararg,
        "llvm_global": _global, "llvm_global_kw": _global_kw,
        "llvm_global_word": _global_word, "llvm_call": _call, "llvm_alloca": _alloca,
        "llvm_load": _load, "llvm_store": _store, "llvm_mem_word": _mem_word,
        "llvm_prop_dict": _prop_dict, "llvm_gep": _gep, "llvm_gep_flags": _gep_flags,
        "llvm_extractvalue": _extractvalue, "llvm_insertvalue": _insertvalue,
        "llvm_position": _position, "llvm_insertelement": _insertelement,
        "llvm_shufflevector": _shufflevector, "llvm_switch": _switch,
        "llvm_switch_case": _switch_case, "llvm_switch_weights": _switch_weights, "llvm_switch_dest": _switch_dest,
        "llvm_assume": _assume, "llvm_inline_asm": _inline_asm, "llvm_asm_word": _asm_word,
        "llvm_call_intrinsic": _call_intrinsic,
    }.items()
}  # fmt: skip
