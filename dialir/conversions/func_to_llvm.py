"""convert-func-to-llvm: func.func, func.return and func.call to their llvm forms (MLIR's
FuncToLLVM), with MLIR's calling convention for memrefs.

A memref argument is expanded into its descriptor's fields: allocated pointer, aligned
pointer, offset, `rank` sizes, `rank` strides; the body rebuilds the descriptor from them.
A memref result is returned as the descriptor struct; several results as a struct of them.

    func.func @f(%m: memref<?xf32>, %i: index) -> f32
        -> llvm.func @f(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64, %arg3: i64,
                        %arg4: i64, %arg5: i64) -> f32

A memref argument with `llvm.noalias` passes it to both of its pointers (what lets LLVM
vectorise loops over several buffers). A function with the unit attribute
`llvm.emit_c_interface` also gets `_mlir_ciface_<name>`, which takes each memref as a pointer
to its descriptor (and, for a memref or multiple result, a pointer to the result first), as
C code calls it. The llvm.func keeps the function's type before lowering as
`dialir.signature`, so the JIT engine knows which parameters form which memref.

`func.constant @f` becomes `llvm.mlir.addressof @f` and `func.call_indirect` an indirect
`llvm.call` (a function type converts to `!llvm.ptr`). As MLIR's pass, this one converts the
cf branches too, so converted block signatures and the branches into them agree.

A function whose body holds affine ops stays a func.func: those ops need their enclosing
AffineScope (func.func has it, llvm.func does not) to tell dims and symbols apart, so they
must be lowered first (`lower-affine`). Whether a function converts is decided once, before
any rewrite (`FunctionDecisions`), so calls, returns and references agree with it: a call or
`func.constant` of a kept function stays in the func dialect (with casts around it), a call of
a converted one becomes `llvm.call` wherever it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialir.conversions.cf_to_llvm import populate_cf_to_llvm_patterns
from dialir.conversions.llvm_common import (
    LLVMTypeConverter,
    MemRefDescriptor,
    llvm_target,
    pack_descriptor,
)
from dialir.core.ir.attrs import ArrayAttr, DictionaryAttr, StringAttr
from dialir.core.ir.operation import Block, BlockArgument, Operation, Value
from dialir.core.ir.traits import SymbolTable
from dialir.core.ir.types import FunctionType, MemRefType, Type
from dialir.core.ods.builtin import UnrealizedConversionCastOp
from dialir.core.passes import Pass, option, register_pass
from dialir.core.rewrite.conversion import (
    ConversionPattern,
    SignatureConversion,
    apply_partial_conversion,
)
from dialir.dialects import llvm
from dialir.dialects.llvm.types import PTR, VOID, LLVMFunctionType, LLVMStructType

C_INTERFACE = "llvm.emit_c_interface"
SIGNATURE = "dialir.signature"
# func.func's own attributes: the llvm.func gets its signature and linkage instead.
_FUNC_ATTRS = frozenset({"sym_name", "function_type", "sym_visibility", "arg_attrs", "res_attrs"})


def expanded_arg_types(converter: LLVMTypeConverter, t: Type) -> list[Type] | None:
    """The parameters an argument of type `t` becomes (a memref: its descriptor's fields)."""
    if isinstance(t, MemRefType):
        struct = converter.convert_type(t)
        if struct is None:
            return None
        ptr = struct.body[0]
        rank = len(t.shape)
        return [ptr, ptr, converter.index_type] + [converter.index_type] * (2 * rank)
    converted = converter.convert_type(t)
    return None if converted is None else [converted]


def packed_result_type(converter: LLVMTypeConverter, results: Any) -> Type | None:
    """void, the one converted result, or a struct of them."""
    types = converter.convert_types(results)
    if types is None:
        return None
    if not types:
        return VOID
    return types[0] if len(types) == 1 else LLVMStructType(types)


def convert_function_signature(converter: LLVMTypeConverter, ftype: FunctionType,
                               ) -> tuple[SignatureConversion, LLVMFunctionType] | None:  # fmt: skip
    conversion = SignatureConversion(len(ftype.inputs))
    for i, t in enumerate(ftype.inputs):
        types = expanded_arg_types(converter, t)
        if types is None:
            return None
        conversion.add_inputs(i, types)
    result = packed_result_type(converter, ftype.results)
    if result is None:
        return None
    return conversion, LLVMFunctionType(result, conversion.converted_types)


def _arg_attrs(op: Operation, ftype: FunctionType, conversion: SignatureConversion) -> list:
    """Each parameter's attributes: a memref's go to its two pointers (noalias, align...),
    a scalar's stay with it."""
    attrs = op.get_attr("arg_attrs")
    out: list[dict] = [{} for _ in conversion.converted_types]
    if not isinstance(attrs, ArrayAttr):
        return out
    for i, t in enumerate(ftype.inputs):
        m = conversion.input_mapping(i)
        entries = dict(attrs[i].value) if isinstance(attrs[i], DictionaryAttr) else {}
        if not entries or m is None:
            continue
        targets = [m.start, m.start + 1] if isinstance(t, MemRefType) else [m.start]
        for j in targets:
            out[j] = entries
    return out


def _needs_affine_scope(func: Operation) -> bool:
    """Whether `func`'s body holds affine ops (their dims and symbols are defined by the
    AffineScope around them, which an llvm.func is not)."""
    return any(inner.name.startswith("affine.") for inner in func.walk() if inner is not func)


def _why_kept(converter: LLVMTypeConverter, func: Operation) -> str | None:
    """Why `func` cannot become an llvm.func (None: it converts)."""
    ftype = getattr(func.function_type, "value", None)
    if not isinstance(ftype, FunctionType) or convert_function_signature(converter, ftype) is None:
        return "the signature does not convert"
    body = func.regions[0].blocks
    for block in body[1:]:
        if converter.convert_types(a.type for a in block.args) is None:
            return "a block argument does not convert"
    if _needs_affine_scope(func):
        return "the body holds affine ops, which need the func.func's affine scope"
    return None


class FunctionDecisions:
    """Which func.func ops of a symbol table convert, decided on the IR before the
    conversion changes it, so that the lowering of a function and of its calls, returns and
    references agree (a function kept as func.func keeps func.call and func.constant)."""

    __slots__ = ("converter", "tables")

    def __init__(self, converter: LLVMTypeConverter) -> None:
        self.converter = converter
        self.tables: dict[Operation, dict[str, str | None]] = {}

    def _table_of(self, op: Operation) -> Operation | None:
        table = op.parent_op
        while table is not None and not table.has_trait(SymbolTable):
            table = table.parent_op
        return table

    def _decisions(self, table: Operation) -> dict[str, str | None]:
        known = self.tables.get(table)
        if known is None:
            known = self.tables[table] = {}
            for region in table.regions:
                for block in region.blocks:
                    for f in block.ops:
                        sym = f.get_attr("sym_name")
                        if f.name == "func.func" and isinstance(sym, StringAttr):
                            known[sym.value] = _why_kept(self.converter, f)
        return known

    def why_kept(self, func: Operation) -> str | None:
        """None when `func` (a func.func) converts, else the reason it stays."""
        table = self._table_of(func)
        sym = func.get_attr("sym_name")
        if table is None or not isinstance(sym, StringAttr):
            return _why_kept(self.converter, func)
        return self._decisions(table).get(sym.value)

    def converts(self, user: Operation, name: str) -> bool:
        """Whether the function `name`, as seen from `user`, is or becomes an llvm.func (a
        symbol that is no func.func of the table counts as one)."""
        table = self._table_of(user)
        if table is None:
            return True
        return self._decisions(table).get(name) is None


class FuncOpLowering(ConversionPattern):
    """`func.func` -> `llvm.func` with the expanded signature, its body moved over."""

    root = "func.func"

    def __init__(self, converter: LLVMTypeConverter, decisions: FunctionDecisions) -> None:
        super().__init__(converter)
        self.decisions = decisions

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        converter = rewriter.type_converter
        why = self.decisions.why_kept(op)
        if why is not None:
            return rewriter.notify_match_failure(op, why)
        ftype = op.function_type.value
        converted = convert_function_signature(converter, ftype)
        if converted is None:
            return rewriter.notify_match_failure(op, "the signature does not convert")
        conversion, llvm_type = converted
        extra = {k: v for k, v in op.attributes.items() if k not in _FUNC_ATTRS}
        extra.update((k, v) for k, v in op.properties.items() if k not in _FUNC_ATTRS)
        linkage = extra.pop("llvm.linkage", None)
        new = llvm.FuncOp(
            op.sym_name.value, llvm_type,
            linkage=linkage.value if linkage is not None else None,
            arg_attrs=_arg_attrs(op, ftype, conversion), location=op.location,
        )  # fmt: skip
        new.attributes.update(extra)
        if op.regions[0].blocks:
            # The signature before lowering, for callers that pass memrefs (the JIT engine).
            new.attributes[SIGNATURE] = op.function_type
        rewriter.insert(new)
        body = op.regions[0]
        if body.blocks:
            rewriter.inline_region_before(body, new.body)
            if not rewriter.convert_region_types(new.body, converter, conversion):
                return rewriter.notify_match_failure(op, "a block argument does not convert")
        if C_INTERFACE in op.attributes and new.body.blocks:
            _emit_c_interface(rewriter, new, ftype, converter)
        rewriter.erase_op(op)
        return True


def _emit_c_interface(rewriter: Any, func: Operation, ftype: FunctionType,
                      converter: LLVMTypeConverter) -> None:  # fmt: skip
    """`_mlir_ciface_<name>`: memref arguments by pointer to their descriptor; a memref or
    multiple result through a pointer passed first (MLIR's wrapForExternalCallers)."""
    result = func.type.result
    by_pointer = len(ftype.results) > 1 or any(isinstance(t, MemRefType) for t in ftype.results)
    params: list[Type] = [PTR] if by_pointer else []
    for t in ftype.inputs:
        params.append(PTR if isinstance(t, MemRefType) else converter.convert_type(t))
    wrapper = llvm.FuncOp(
        f"_mlir_ciface_{func.sym_name.value}",
        LLVMFunctionType(VOID if by_pointer else result, params), location=func.location,
    )  # fmt: skip
    rewriter.insert(wrapper)
    entry = Block(params)
    wrapper.body.append(entry)
    block, anchor = rewriter.block, rewriter.anchor
    rewriter.set_insertion_point_to_end(entry)
    args = list(entry.args[1:] if by_pointer else entry.args)
    call_args: list[Value] = []
    for t, a in zip(ftype.inputs, args):
        if not isinstance(t, MemRefType):
            call_args.append(a)
            continue
        struct = converter.convert_type(t)
        desc = rewriter.create(llvm.LoadOp, a, struct).res
        call_args += MemRefDescriptor(rewriter, desc, t).unpack()
    call = rewriter.create(llvm.CallOp, func.sym_name.value, call_args, result)
    if by_pointer:
        rewriter.create(llvm.StoreOp, call.result, entry.args[0])
        rewriter.create(llvm.ReturnOp)
    else:
        rewriter.create(llvm.ReturnOp, call.result if call.results else None)
    rewriter.block, rewriter.anchor = block, anchor


def _pack_results(rewriter: Any, values: list[Value], struct: Type) -> Value:
    packed = rewriter.create(llvm.PoisonOp, struct).res
    for i, v in enumerate(values):
        packed = rewriter.create(llvm.InsertValueOp, packed, v, [i]).res
    return packed


class ReturnOpLowering(ConversionPattern):
    """`func.return %a, %b` -> `llvm.return` of the value, or of a struct of them (in an
    llvm.func only: a kept func.func keeps its func.return)."""

    root = "func.return"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        parent = op.parent_op
        if parent is None or parent.name != "llvm.func":
            return rewriter.notify_match_failure(op, "the function around it stays a func.func")
        if not operands:
            value = None
        elif len(operands) == 1:
            value = operands[0]
        else:
            value = _pack_results(rewriter, operands, LLVMStructType([v.type for v in operands]))
        rewriter.replace_op_with(op, llvm.ReturnOp(value))
        return True


def _lower_call(rewriter: Any, op: Operation, callee: str | Value, originals: Any,
                operands: list) -> bool:  # fmt: skip
    """A func call to `llvm.call`: memref arguments expanded, several results as a struct."""
    converter = rewriter.type_converter
    args: list[Value] = []
    for original, v in zip(originals, operands):
        if isinstance(original.type, MemRefType):
            args += MemRefDescriptor(rewriter, v, original.type).unpack()
        else:
            args.append(v)
    result = packed_result_type(converter, op.result_types)
    if result is None:
        return rewriter.notify_match_failure(op, "a result type does not convert")
    call = rewriter.create(llvm.CallOp, callee, args, result)
    if len(op.results) <= 1:
        rewriter.replace_op(op, list(call.results))
        return True
    extracted = [
        rewriter.create(llvm.ExtractValueOp, call.result, [i]).res for i in range(len(op.results))
    ]
    rewriter.replace_op(op, extracted)
    return True


class CallOpLowering(ConversionPattern):
    """`func.call @f(%m, %x)` -> `llvm.call @f(<fields of %m>, %x)`; several results come
    back as a struct and are extracted. A call of a function that stays a func.func stays."""

    root = "func.call"

    def __init__(self, converter: LLVMTypeConverter, decisions: FunctionDecisions) -> None:
        super().__init__(converter)
        self.decisions = decisions

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        if not self.decisions.converts(op, op.callee.root):
            return rewriter.notify_match_failure(op, "the callee stays a func.func")
        return _lower_call(rewriter, op, op.callee.root, op.operands, operands)


class CallIndirectOpLowering(ConversionPattern):
    """`func.call_indirect %f(%x)` -> `llvm.call %f'(%x)` through the function pointer."""

    root = "func.call_indirect"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        return _lower_call(rewriter, op, operands[0], op.operands[1:], operands[1:])


class ConstantOpLowering(ConversionPattern):
    """`func.constant @f` -> `llvm.mlir.addressof @f : !llvm.ptr` (of a function that
    converts; a reference to a kept func.func stays)."""

    root = "func.constant"

    def __init__(self, converter: LLVMTypeConverter, decisions: FunctionDecisions) -> None:
        super().__init__(converter)
        self.decisions = decisions

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        if not isinstance(op.result.type, FunctionType):
            return rewriter.notify_match_failure(op, "the result is no function type")
        if not self.decisions.converts(op, op.value.root):
            return rewriter.notify_match_failure(op, "the function stays a func.func")
        t = rewriter.type_converter.convert_type(op.result.type)
        if t is None:
            return rewriter.notify_match_failure(op, "the result type does not convert")
        new = rewriter.create(llvm.AddressOfOp, op.value.root, t)
        new.attributes.update(op.attributes)
        rewriter.replace_op(op, new.results)
        return True


def add_descriptor_materialization(converter: LLVMTypeConverter) -> None:
    """Expanded memref fields -> the descriptor struct (the body of a converted function
    rebuilds each memref argument from its parameters). Built once per argument, at the start
    of the entry block, however many ops use it."""
    packed: dict[tuple, Value] = {}

    def pack(rewriter: Any, t: Type, inputs: list[Value], loc: Any) -> Value | None:
        if not isinstance(t, LLVMStructType) or len(inputs) < 3:
            return None
        key = (t, *inputs)
        known = packed.get(key)
        if known is not None and known.owner.parent is not None:
            return known
        block, anchor = rewriter.block, rewriter.anchor
        home = inputs[0].owner_block if isinstance(inputs[0], BlockArgument) else None
        if home is not None and all(getattr(v, "owner_block", None) is home for v in inputs):
            rewriter.set_insertion_point_to_start(home)
        value = packed[key] = pack_descriptor(rewriter, t, inputs)
        rewriter.block, rewriter.anchor = block, anchor
        return value

    def pack_memref(rewriter: Any, t: Type, inputs: list[Value], loc: Any) -> Value | None:
        """A memref argument whose users are not converted yet: its packed descriptor, cast
        to the memref type (as MLIR's source materialization for memrefs)."""
        if not isinstance(t, MemRefType) or len(inputs) < 3:
            return None
        desc = pack(rewriter, converter.convert_type(t), inputs, loc)
        cast = UnrealizedConversionCastOp([desc], result_types=[t], location=loc)
        return rewriter.insert(cast).results[0]

    converter.add_target_materialization(pack)
    converter.add_source_materialization(pack_memref)


def populate_func_to_llvm_patterns(converter: LLVMTypeConverter) -> list[ConversionPattern]:
    add_descriptor_materialization(converter)
    decisions = FunctionDecisions(converter)
    return [
        FuncOpLowering(converter, decisions),
        ReturnOpLowering(converter),
        CallOpLowering(converter, decisions),
        CallIndirectOpLowering(converter),
        ConstantOpLowering(converter, decisions),
    ]


@register_pass
@dataclass
class ConvertFuncToLLVM(Pass):
    name = "convert-func-to-llvm"
    summary = "Convert from the Func dialect to the LLVM dialect"
    dependent_dialects = ("llvm",)
    index_bitwidth: int = option(64, "Bitwidth of the index type")

    def run(self, op: Operation) -> None:
        converter = LLVMTypeConverter(self.index_bitwidth)
        # As MLIR's pass: the branches convert with the blocks they reach.
        patterns = populate_func_to_llvm_patterns(converter) + populate_cf_to_llvm_patterns(
            converter
        )
        apply_partial_conversion(op, llvm_target(), patterns, converter)
