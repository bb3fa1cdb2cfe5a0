"""MLIR's custom syntax of the gpu ops with hand-written forms, both directions
(GPUDialect.cpp's parse/print methods and custom directives):

    gpu.module @kernels [#nvvm.target<chip = "sm_80">] attributes {...} { ... }
    gpu.func @k(%a: f32) -> f32 workgroup(%w : memref<32xf32, 3>) private(%p : ...) kernel
        attributes {...} { ... }
    %t = gpu.launch async [%d] blocks(%bx, %by, %bz) in (%gx = %0, %gy = %1, %gz = %2)
        threads(%tx, %ty, %tz) in (%sx = %3, %sy = %4, %sz = %5)
        dynamic_shared_memory_size %n module(@m) function(@f) { ... }
    gpu.launch_func async [%d] <%stream : !llvm.ptr> @kernels::@k clusters in (...)
        blocks in (%0, %1, %2) threads in (%3, %4, %5) : i64
        dynamic_shared_memory_size %n args(%a : f32, %b : memref<?xf32>)
    gpu.binary @kernels <#gpu.select_object<1>> [#gpu.object<...>, ...]
    %s = gpu.all_reduce add %v uniform {} : (f32) -> f32
    %m, %t = gpu.alloc async [%d] host_shared (%n) [%s] : memref<?xf32, 1>
    gpu.dealloc async [%t] %m : memref<?xf32, 1>     gpu.wait async [%a, %b]
    gpu.memcpy async [%t] %dst, %src : memref<..>, memref<..>
    gpu.memset async [%t] %dst, %v : memref<..>, f32

`async` says the op has an async token result; `[...]` lists the tokens it waits on. The
simpler ops use assembly formats on their classes (ops.py).
"""

from __future__ import annotations

from typing import Any

from dialir.core.ir.attrs import (
    ArrayAttr,
    DenseArrayAttr,
    DictionaryAttr,
    IntegerAttr,
    StringAttr,
    SymbolRefAttr,
    TypeAttr,
    UnitAttr,
)
from dialir.core.ir.operation import Block, Operation, Region
from dialir.core.ir.types import FunctionType, IndexType, IntegerType
from dialir.dialects.gpu.attrs import ASYNC_TOKEN, AllReduceOperationAttr, SelectObjectAttr
from dialir.dialects.loop import asm

INDEX = IndexType()
I32 = IntegerType(32)

GRAMMAR = r"""
%extend custom_op: gpu_launch | gpu_launch_func | gpu_func | gpu_module | gpu_binary
                 | gpu_all_reduce | gpu_alloc | gpu_dealloc | gpu_memcpy | gpu_memset
                 | gpu_wait

gpu_async: [GPU_ASYNC] [gpu_deps]
GPU_ASYNC: "async"
gpu_deps: "[" value_use_list "]"
gpu_region: "{" gpu_region_open [op_list] block* "}"
gpu_region_open:
gpu_triple: "(" value_use "," value_use "," value_use ")"

// ---- gpu.launch
gpu_launch: gpu_launch_head gpu_region [attr_dict]
gpu_launch_head: gpu_launch_kw gpu_async "blocks" gpu_ids "in" gpu_sizes "threads" gpu_ids "in" gpu_sizes [GPU_DSMEM value_use] [gpu_launch_module] [gpu_launch_function]
gpu_launch_kw: GPU_LAUNCH
GPU_LAUNCH: "gpu.launch"
GPU_DSMEM: "dynamic_shared_memory_size"
gpu_ids: "(" VALUE_ID "," VALUE_ID "," VALUE_ID ")"
gpu_sizes: "(" gpu_assign "," gpu_assign "," gpu_assign ")"
gpu_assign: VALUE_ID "=" value_use
gpu_launch_module: "module" "(" SYMBOL ")"
gpu_launch_function: "function" "(" SYMBOL ")"

// ---- gpu.launch_func
gpu_launch_func: GPU_LAUNCH_FUNC gpu_async [gpu_async_object] SYMBOL [gpu_clusters] "blocks" "in" gpu_triple "threads" "in" gpu_triple [":" type] [GPU_DSMEM value_use] [gpu_kernel_args] [attr_dict]
GPU_LAUNCH_FUNC: "gpu.launch_func"
gpu_async_object: "<" value_use ":" type ">"
gpu_clusters: "clusters" "in" gpu_triple
gpu_kernel_args: "args" "(" gpu_kernel_arg ("," gpu_kernel_arg)* ")"
gpu_kernel_arg: value_use ":" type

// ---- gpu.func, gpu.module, gpu.binary
gpu_func: gpu_func_head gpu_region
gpu_func_head: gpu_func_kw SYMBOL gpu_func_args ["->" fn_results] [gpu_workgroup] [gpu_private] [GPU_KERNEL] [attr_dict_kw]
gpu_func_kw: GPU_FUNC
GPU_FUNC: "gpu.func"
GPU_KERNEL: "kernel"
gpu_func_args: "(" [gpu_func_arg ("," gpu_func_arg)*] ")"
gpu_func_arg: VALUE_ID ":" type [dict_body]
gpu_workgroup: "workgroup" "(" [gpu_func_arg ("," gpu_func_arg)*] ")"
gpu_private: "private" "(" [gpu_func_arg ("," gpu_func_arg)*] ")"
gpu_module: gpu_module_kw SYMBOL [gpu_handler] [gpu_attr_list] [attr_dict_kw] region
gpu_module_kw: GPU_MODULE
GPU_MODULE: "gpu.module"
gpu_handler: "<" attribute ">"
gpu_attr_list: "[" [attribute ("," attribute)*] "]"
gpu_binary: GPU_BINARY SYMBOL [gpu_handler] gpu_attr_list [attr_dict]
GPU_BINARY: "gpu.binary"

// ---- gpu.all_reduce
gpu_all_reduce: gpu_all_reduce_kw [BARE_ID] value_use [GPU_UNIFORM] region [attr_dict] ":" type
gpu_all_reduce_kw: GPU_ALL_REDUCE
GPU_ALL_REDUCE: "gpu.all_reduce"
GPU_UNIFORM: "uniform"

// ---- host-side memory ops
gpu_alloc: GPU_ALLOC gpu_async [GPU_HOST_SHARED] "(" value_use_list ")" [gpu_symbols] [attr_dict] ":" type
GPU_ALLOC: "gpu.alloc"
GPU_HOST_SHARED: "host_shared"
gpu_symbols: "[" value_use_list "]"
gpu_dealloc: GPU_DEALLOC gpu_async value_use [attr_dict] ":" type
GPU_DEALLOC: "gpu.dealloc"
gpu_memcpy: GPU_MEMCPY gpu_async value_use "," value_use [attr_dict] ":" type "," type
GPU_MEMCPY: "gpu.memcpy"
gpu_memset: GPU_MEMSET gpu_async value_use "," value_use [attr_dict] ":" type "," type
GPU_MEMSET: "gpu.memset"
gpu_wait: GPU_WAIT gpu_async [attr_dict]
GPU_WAIT: "gpu.wait"
"""

# The properties each custom form spells (left out of its attribute dictionary).
_FUNC_SPELLED = ("sym_name", "function_type", "kernel", "workgroup_attributions", "arg_attrs",
                 "res_attrs", "workgroup_attrib_attrs", "private_attrib_attrs")  # fmt: skip
_LAUNCH_SPELLED = ("operandSegmentSizes", "function", "module")
_LAUNCH_FUNC_SPELLED = ("operandSegmentSizes", "kernel")


def _segments(sizes: list[int]) -> DenseArrayAttr:
    return DenseArrayAttr(I32, sizes)


def _op(name: str, operands: list, result_types: list, props: dict, attrs: Any, tok: Any,
        b: Any, regions: list | None = None, inherent: tuple = ()) -> Operation:  # fmt: skip
    op = Operation.create(name, operands, result_types, properties=props,
                          regions=regions or [], location=b.loc(tok))  # fmt: skip
    return asm.set_attrs(op, attrs, inherent)


def _async_results(async_: tuple) -> list:
    """The token result an `async` keyword announces."""
    return [ASYNC_TOKEN] if async_[0] else []


def _deps(b: Any, async_: tuple) -> list:
    return asm.resolve_all(b, async_[1], ASYNC_TOKEN)


# -- parsing: shared pieces ---------------------------------------------------------------------


def _async(b: Any, c: list) -> tuple:
    kw, deps = c
    return kw is not None, deps or []


def _deps_list(b: Any, c: list) -> list:
    return c[0] or []


def _region_open(b: Any, c: list) -> Block:
    return asm.open_region(b)


def _region(b: Any, c: list) -> Region:
    return asm.close_region(b, c)


def _list(b: Any, c: list) -> list:
    return list(c)


def _pair(b: Any, c: list) -> tuple:
    return c[0], c[1]


def _symbol(b: Any, tok: Any) -> SymbolRefAttr:
    names = b.symbol_names(tok)
    return SymbolRefAttr(names[0], names[1:])


# -- gpu.launch ----------------------------------------------------------------------------------


def _launch_module(b: Any, c: list) -> SymbolRefAttr:
    return _symbol(b, c[0])


def _launch_head(b: Any, c: list) -> dict:
    kw, async_, bids, grid, tids, block, dsm_kw, dsm, module, function = c
    sizes = [asm.resolve(b, tok, INDEX) for _, tok in (*grid, *block)]
    operands = [*_deps(b, async_), *sizes]
    seg = [len(operands) - 6, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    if dsm is not None:
        operands.append(asm.resolve(b, dsm, I32))
        seg[10] = 1
    names = [*bids, *tids, *(n for n, _ in grid), *(n for n, _ in block)]
    asm.push_region_args(b, [(n, INDEX) for n in names])
    props: dict = {"operandSegmentSizes": _segments(seg)}
    if module is not None:
        props["module"] = module
    if function is not None:
        props["function"] = function
    return {"kw": kw, "operands": operands, "types": _async_results(async_), "props": props}


def _launch(b: Any, c: list) -> Operation:
    head, region, attrs = c
    b.exit_op()
    return _op("gpu.launch", head["operands"], head["types"], head["props"], attrs, head["kw"],
               b, [region], _LAUNCH_SPELLED)  # fmt: skip


# -- gpu.launch_func -----------------------------------------------------------------------------


def _kernel_arg(b: Any, c: list) -> Any:
    return asm.resolve(b, c[0], c[1])


def _clusters(b: Any, c: list) -> list:
    return c[0]


def _launch_func(b: Any, c: list) -> Operation:
    kw, async_, obj, sym, clusters, grid, block, dim_type, _, dsm, args, attrs = c
    t = dim_type or INDEX
    deps = _deps(b, async_)
    cl = [asm.resolve(b, tok, t) for tok in clusters or ()]
    sizes = [asm.resolve(b, tok, t) for tok in (*grid, *block)]
    dsm_v = [] if dsm is None else [asm.resolve(b, dsm, I32)]
    stream = [] if obj is None else [asm.resolve(b, obj[0], obj[1])]
    args = args or []
    operands = [*deps, *sizes, *cl, *dsm_v, *args, *stream]
    seg = [len(deps), 1, 1, 1, 1, 1, 1, *([1 if cl else 0] * 3), len(dsm_v), len(args),
           len(stream)]  # fmt: skip
    props = {"kernel": _symbol(b, sym), "operandSegmentSizes": _segments(seg)}
    return _op("gpu.launch_func", operands, _async_results(async_), props, attrs, kw, b,
               inherent=_LAUNCH_FUNC_SPELLED)  # fmt: skip


# -- gpu.func ------------------------------------------------------------------------------------


def _func_arg(b: Any, c: list) -> tuple:
    return c[0], c[1], c[2]


def _arg_list(b: Any, c: list) -> list:
    return [a for a in c if a is not None]


def _func_kw(b: Any, c: list) -> Any:
    b.enter_op("gpu.func")
    return c[0]


def _func_head(b: Any, c: list) -> dict:
    kw, sym, args, results, workgroup, private, kernel, attrs = c
    workgroup, private = workgroup or [], private or []
    asm.push_region_args(b, [(tok, t) for tok, t, _ in (*args, *workgroup, *private)])
    ftype = FunctionType([t for _, t, _ in args], results or [])
    props: dict = {"sym_name": StringAttr(b.symbol_names(sym)[0]), "function_type": TypeAttr(ftype)}
    if kernel is not None:
        props["kernel"] = UnitAttr()
    if workgroup:
        props["workgroup_attributions"] = IntegerAttr(len(workgroup), IntegerType(64))
    for key, group in (("arg_attrs", args), ("workgroup_attrib_attrs", workgroup),
                       ("private_attrib_attrs", private)):  # fmt: skip
        if any(a for _, _, a in group):
            props[key] = ArrayAttr([DictionaryAttr(a or ()) for _, _, a in group])
    return {"kw": kw, "props": props, "attrs": attrs}


def _func(b: Any, c: list) -> Operation:
    head, region = c
    b.exit_op()
    op = _op("gpu.func", [], [], head["props"], None, head["kw"], b, [region])
    for name, value in head["attrs"] or ():
        (op.properties if name in _FUNC_INHERENT else op.attributes)[name] = value
    return op


_FUNC_INHERENT = (*_FUNC_SPELLED, "known_block_size", "known_grid_size")


# -- gpu.module, gpu.binary ----------------------------------------------------------------------


def _module_kw(b: Any, c: list) -> Any:
    b.enter_op("gpu.module")
    return c[0]


def _handler(b: Any, c: list) -> Any:
    return c[0]


def _attr_list(b: Any, c: list) -> ArrayAttr:
    return ArrayAttr([a for a in c if a is not None])


def _module(b: Any, c: list) -> Operation:
    kw, sym, handler, targets, attrs, region = c
    b.exit_op()
    props: dict = {"sym_name": StringAttr(b.symbol_names(sym)[0])}
    if handler is not None:
        props["offloadingHandler"] = handler
    if targets is not None:
        props["targets"] = targets
    if not region.blocks:
        region.append(Block())
    return _op("gpu.module", [], [], props, attrs, kw, b, [region],
               ("targets", "offloadingHandler"))  # fmt: skip


def _binary(b: Any, c: list) -> Operation:
    kw, sym, handler, objects, attrs = c
    props: dict = {"sym_name": StringAttr(b.symbol_names(sym)[0]), "objects": objects}
    if handler is not None:
        props["offloadingHandler"] = handler
    return _op("gpu.binary", [], [], props, attrs, kw, b, inherent=("offloadingHandler",))


# -- gpu.all_reduce -------------------------------------------------------------------------------


def _all_reduce(b: Any, c: list) -> Operation:
    kw, kind, value_tok, uniform, region, attrs, ftype = c
    b.exit_op()
    if not isinstance(ftype, FunctionType) or len(ftype.inputs) != 1 or len(ftype.results) != 1:
        raise b.error(kw, "expected a function type '(T) -> T'")
    value = asm.resolve(b, value_tok, ftype.inputs[0])
    props: dict = {}
    if kind is not None:
        try:
            props["op"] = AllReduceOperationAttr(str(kind))
        except ValueError as e:
            raise b.error(kind, str(e)) from None
    if uniform is not None:
        props["uniform"] = UnitAttr()
    return _op("gpu.all_reduce", [value], list(ftype.results), props, attrs, kw, b, [region],
               ("op", "uniform"))  # fmt: skip


# -- host-side memory ops -------------------------------------------------------------------------


def _alloc(b: Any, c: list) -> Operation:
    kw, async_, host_shared, size_toks, sym_toks, attrs, t = c
    deps = _deps(b, async_)
    sizes = asm.resolve_all(b, size_toks or [], INDEX)
    syms = asm.resolve_all(b, sym_toks or [], INDEX)
    props: dict = {"operandSegmentSizes": _segments([len(deps), len(sizes), len(syms)])}
    if host_shared is not None:
        props["hostShared"] = UnitAttr()
    return _op("gpu.alloc", [*deps, *sizes, *syms], [t, *_async_results(async_)], props, attrs,
               kw, b, inherent=("hostShared", "operandSegmentSizes"))  # fmt: skip


def _symbols(b: Any, c: list) -> list:
    return c[0] or []


def _dealloc(b: Any, c: list) -> Operation:
    kw, async_, m, attrs, t = c
    operands = [*_deps(b, async_), asm.resolve(b, m, t)]
    return _op("gpu.dealloc", operands, _async_results(async_), {}, attrs, kw, b)


def _copy_like(name: str):
    def build(b: Any, c: list) -> Operation:
        kw, async_, dst, src, attrs, t0, t1 = c
        operands = [*_deps(b, async_), asm.resolve(b, dst, t0), asm.resolve(b, src, t1)]
        return _op(name, operands, _async_results(async_), {}, attrs, kw, b)

    return build


def _wait(b: Any, c: list) -> Operation:
    kw, async_, attrs = c
    return _op("gpu.wait", _deps(b, async_), _async_results(async_), {}, attrs, kw, b)


CALLBACKS = {
    "gpu_async": _async,
    "gpu_deps": _deps_list,
    "gpu_region_open": _region_open,
    "gpu_region": _region,
    "gpu_triple": _list,
    "gpu_ids": _list,
    "gpu_sizes": _list,
    "gpu_assign": _pair,
    "gpu_launch_kw": asm.op_keyword("gpu.launch"),
    "gpu_launch_module": _launch_module,
    "gpu_launch_function": _launch_module,
    "gpu_launch_head": _launch_head,
    "gpu_launch": _launch,
    "gpu_async_object": _pair,
    "gpu_clusters": _clusters,
    "gpu_kernel_args": _list,
    "gpu_kernel_arg": _kernel_arg,
    "gpu_launch_func": _launch_func,
    "gpu_func_kw": _func_kw,
    "gpu_func_arg": _func_arg,
    "gpu_func_args": _arg_list,
    "gpu_workgroup": _arg_list,
    "gpu_private": _arg_list,
    "gpu_func_head": _func_head,
    "gpu_func": _func,
    "gpu_module_kw": _module_kw,
    "gpu_handler": _handler,
    "gpu_attr_list": _attr_list,
    "gpu_module": _module,
    "gpu_binary": _binary,
    "gpu_all_reduce_kw": asm.op_keyword("gpu.all_reduce"),
    "gpu_all_reduce": _all_reduce,
    "gpu_alloc": _alloc,
    "gpu_symbols": _symbols,
    "gpu_dealloc": _dealloc,
    "gpu_memcpy": _copy_like("gpu.memcpy"),
    "gpu_memset": _copy_like("gpu.memset"),
    "gpu_wait": _wait,
}


# -- printing --------------------------------------------------------------------------------------


# The printers below follow MLIR's declarative formats of these ops, spaced as MLIR's generated
# printers space them (OpFormatGen): a space is written before every element that is not a
# literal or the attr-dict, even when the element prints nothing. So the custom
# AsyncDependencies directive, empty without `async` and dependencies, leaves two spaces
# (`gpu.alloc  (%n)`, `gpu.dealloc  %m`), and `gpu.wait` ends in one.


def _async_text(p: Any, op: Operation) -> str:
    """MLIR's printAsyncDependencies: `async [%a, %b]`, `async`, `[%a]` or nothing."""
    deps = op.asyncDependencies
    parts = []
    if op.asyncToken is not None:
        parts.append("async")
    if deps:
        parts.append(f"[{asm.values(p, deps)}]")
    return " ".join(parts)


def _head(p: Any, name: str, op: Operation) -> None:
    """The op name, then the AsyncDependencies directive with the space before it."""
    p.out.append(f"{name} {_async_text(p, op)}")


def print_launch(op: Any, p: Any, indent: str) -> None:
    blocks = op.regions[0].blocks
    try:
        clusters = op.clusterSizeX
        async_obj = op.asyncObject
    except Exception:
        clusters = async_obj = True
    if not blocks or len(blocks[0].args) != 12 or clusters is not None or async_obj is not None:
        p.generic_op(op, indent)
        return
    args = blocks[0].args
    for a in args:  # named in block order, as MLIR names them
        p.value(a)
    text = _async_text(p, op)  # a hand-written printer in MLIR: one space
    out = p.out
    out.append(f"gpu.launch {text} " if text else "gpu.launch ")

    def assigns(names: list, values: list) -> str:
        return ", ".join(f"{p.value(n)} = {p.value(v)}" for n, v in zip(names, values))

    out.append(f"blocks({asm.values(p, args[0:3])}) in ({assigns(args[6:9], op.grid_operands)}) "
               f"threads({asm.values(p, args[3:6])}) in "
               f"({assigns(args[9:12], op.block_operands)})")  # fmt: skip
    dsm = op.dynamicSharedMemorySize
    if dsm is not None:
        out.append(f" dynamic_shared_memory_size {p.value(dsm)}")
    for key in ("module", "function"):
        ref = op.properties.get(key)
        if ref is not None:
            out.append(f" {key}({p.attr(ref)})")
    out.append(" ")
    asm.print_region(p, op.regions[0], indent, entry_args=False)
    asm.print_attr_dict(p, op, _LAUNCH_SPELLED)


def print_launch_func(op: Any, p: Any, indent: str) -> None:
    try:
        grid, block = op.grid_operands, op.block_operands
        clusters = [op.clusterSizeX, op.clusterSizeY, op.clusterSizeZ]
        dsm, args, stream = op.dynamicSharedMemorySize, op.kernelOperands, op.asyncObject
    except Exception:  # malformed segment sizes: the generic form shows them
        p.generic_op(op, indent)
        return
    if not isinstance(op.kernel, SymbolRefAttr) or (
        any(c is None for c in clusters) and any(c is not None for c in clusters)
    ):
        p.generic_op(op, indent)
        return
    out = p.out
    _head(p, "gpu.launch_func", op)
    if stream is not None:  # `<` takes no space before it
        out.append(f"<{p.value(stream)} : {p.type(stream.type)}>")
    out.append(" " + p.attr(op.kernel))
    if clusters[0] is not None:
        out.append(f" clusters in ({asm.values(p, clusters)})")
    out.append(f" blocks in ({asm.values(p, grid)}) threads in ({asm.values(p, block)}) ")
    # custom<LaunchDimType>: nothing for index sizes; then a space before the next element
    if grid[0].type is not INDEX:
        out.append(f": {p.type(grid[0].type)}")
    if dsm is not None:
        out.append(f" dynamic_shared_memory_size {p.value(dsm)}")
    out.append(" ")  # before custom<LaunchFuncOperands>, empty without operands
    if args:
        out.append("args(" + ", ".join(f"{p.value(a)} : {p.type(a.type)}" for a in args) + ")")
    asm.print_attr_dict(p, op, _LAUNCH_FUNC_SPELLED)


def _arg_text(p: Any, args: list, attrs: Any, sep: str) -> str:
    dicts = [a.as_dict() if isinstance(a, DictionaryAttr) else {} for a in attrs or ()]
    parts = []
    for i, a in enumerate(args):
        text = f"{p.value(a)}{sep}{p.type(a.type)}"
        if i < len(dicts) and dicts[i]:
            text += " " + p.attr_dict(dicts[i])
        parts.append(text)
    return ", ".join(parts)


def print_func(op: Any, p: Any, indent: str) -> None:
    ftype = op.function_type
    blocks = op.body.blocks
    nwg = op.workgroup_attributions
    nwg = nwg.value if isinstance(nwg, IntegerAttr) else 0
    if (not isinstance(ftype, TypeAttr) or not isinstance(ftype.value, FunctionType)
            or not blocks or len(blocks[0].args) < len(ftype.value.inputs) + nwg
            or not isinstance(op.sym_name, StringAttr)):  # fmt: skip
        p.generic_op(op, indent)
        return
    ftype = ftype.value
    args = blocks[0].args
    n = len(ftype.inputs)
    out = p.out
    out.append(f"gpu.func {p.attr(SymbolRefAttr(op.sym_name.value))}")
    p.enter_scope()
    try:
        out.append(f"({_arg_text(p, args[:n], op.arg_attrs, ': ')})")
        if ftype.results:
            out.append(asm.arrow_types(p, list(ftype.results)))
        if nwg:
            out.append(
                f" workgroup({_arg_text(p, args[n : n + nwg], op.workgroup_attrib_attrs, ' : ')})"
            )
        if len(args) > n + nwg:
            out.append(f" private({_arg_text(p, args[n + nwg :], op.private_attrib_attrs, ' : ')})")
        if op.kernel is not None:
            out.append(" kernel")
        asm.print_attr_dict_kw(p, op, _FUNC_SPELLED)
        out.append(" ")
        p.region(op.body, indent, entry_args=False)
    finally:
        p.exit_scope()


def print_module(op: Any, p: Any, indent: str) -> None:
    if not isinstance(op.sym_name, StringAttr):
        p.generic_op(op, indent)
        return
    out = p.out
    out.append(f"gpu.module {p.attr(SymbolRefAttr(op.sym_name.value))}")
    handler = op.offloadingHandler
    if handler is not None:
        out.append(f" <{p.attr(handler)}>")
    targets = op.targets
    if targets is not None:
        out.append(" [" + ", ".join(p.attr(t) for t in targets) + "]")
    asm.print_attr_dict_kw(p, op, ("sym_name", "targets", "offloadingHandler"))
    out.append(" ")
    p.enter_scope()
    try:
        p.region(op.body, indent)
    finally:
        p.exit_scope()


def print_binary(op: Any, p: Any, indent: str) -> None:
    objects = op.objects
    if not isinstance(op.sym_name, StringAttr) or not isinstance(objects, ArrayAttr):
        p.generic_op(op, indent)
        return
    out = p.out
    out.append(f"gpu.binary {p.attr(SymbolRefAttr(op.sym_name.value))}")
    handler = op.offloadingHandler
    if handler is not None and handler != SelectObjectAttr():
        out.append(f" <{p.attr(handler)}>")
    out.append(" [" + ", ".join(p.attr(o) for o in objects) + "]")
    asm.print_attr_dict(p, op, ("sym_name", "objects", "offloadingHandler"))


def print_all_reduce(op: Any, p: Any, indent: str) -> None:
    out = p.out
    out.append("gpu.all_reduce ")
    if op.op is not None:
        out.append(op.kind + " ")
    out.append(p.value(op.value))
    if op.uniform is not None:
        out.append(" uniform")
    out.append(" ")
    p.region(op.regions[0], indent)
    asm.print_attr_dict(p, op, ("op", "uniform"))
    out.append(f" : ({p.type(op.value.type)}) -> {p.type(op.result_.type)}")


def print_alloc(op: Any, p: Any, indent: str) -> None:
    try:
        sizes, syms = op.dynamicSizes, op.symbolOperands
    except Exception:
        p.generic_op(op, indent)
        return
    _head(p, "gpu.alloc", op)
    out = p.out
    if op.hostShared is not None:
        out.append(" host_shared")
    out.append(f" ({asm.values(p, sizes)})")
    if syms:
        out.append(f"[{asm.values(p, syms)}]")
    asm.print_attr_dict(p, op, ("hostShared", "operandSegmentSizes"))
    out.append(f" : {p.type(op.memref.type)}")


def print_dealloc(op: Any, p: Any, indent: str) -> None:
    _head(p, "gpu.dealloc", op)
    p.out.append(" " + p.value(op.memref))
    asm.print_attr_dict(p, op)
    p.out.append(f" : {p.type(op.memref.type)}")


def _print_copy_like(name: str):
    def print_(op: Any, p: Any, indent: str) -> None:
        _head(p, name, op)
        a, b_ = op.operands[-2:]
        p.out.append(f" {p.value(a)}, {p.value(b_)}")
        asm.print_attr_dict(p, op)
        p.out.append(f" : {p.type(a.type)}, {p.type(b_.type)}")

    return print_


print_memcpy = _print_copy_like("gpu.memcpy")
print_memset = _print_copy_like("gpu.memset")


def print_wait(op: Any, p: Any, indent: str) -> None:
    _head(p, "gpu.wait", op)
    asm.print_attr_dict(p, op)
