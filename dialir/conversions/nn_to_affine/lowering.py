"""The driver of convert-nn-to-affine: per function, tensors become memrefs and each nn op,
in program order, becomes loop nests (the op-family modules register one lowering per op
name in `LOWERINGS`); weights become `memref.global` constants; every allocation is freed
after its last use.

Buffers: each lowered result is a fresh `memref.alloc` (dynamic sizes from `memref.dim` and
`affine.apply` of the operands' sizes), the caller's out-parameter where the result is
returned under `buffer-results-to-out-params`, or a view of its operand (reshapes,
identity: `memref.collapse_shape` / `expand_shape`, no copy). Views are tracked to the
allocation they live in, so a buffer is freed after the last use of any of its views and
never when one of them is returned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from dialir.conversions.nn_to_affine.emit import INDEX, Dim, Emitter, Shared, memref_of
from dialir.core.ir.attrs import (
    ArrayAttr,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    DictionaryAttr,
    StringAttr,
    SymbolRefAttr,
    TypeAttr,
    UnitAttr,
)
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import Block, Operation, OpResult, Value
from dialir.core.ir.types import FunctionType, MemRefType, RankedTensorType, Type
from dialir.core.passes import Pass, option, register_pass
from dialir.dialects.func.ops import FuncOp, ReturnOp
from dialir.dialects.memref.ops import AllocOp, DeallocOp, GetGlobalOp, GlobalOp
from dialir.dialects.nn.ops import ConstantOp, constant_array

Lowering = Callable[["FunctionLowering", Operation], Sequence[Value] | None]
LOWERINGS: dict[str, Lowering] = {}


def lowering(*names: str) -> Callable[[Lowering], Lowering]:
    """Register `fn(fl, op) -> [memref per result]` as the lowering of ops `names`."""

    def wrap(fn: Lowering) -> Lowering:
        for name in names:
            LOWERINGS[name] = fn
        return fn

    return wrap


def fail(op: Operation, message: str) -> DiagnosticError:
    return DiagnosticError(Diagnostic("error", f"'{op.name}' op {message}", op.location))


class ModuleLowering:
    """What the functions of one module share: the globals made for their constants."""

    def __init__(self, module: Operation, vector_width: int = 0) -> None:
        self.module = module
        self.vector_width = vector_width  # f32 lanes of the target's vectors (0: none)
        body = module.regions[0].blocks[0]
        self.body = body
        self.symbols = {
            op.get_attr("sym_name").value for op in body.ops if op.get_attr("sym_name") is not None
        }
        first_func = next((op for op in body.ops if isinstance(op, FuncOp)), None)
        self.globals_at = Builder(body, first_func)
        self.globals: dict[Any, GlobalOp] = {}
        self.counter = 0

    def global_for(self, attr: Any, t: MemRefType, hint: str) -> GlobalOp:
        """A private constant `memref.global` holding `attr` (one per distinct attribute); a
        dense_resource keeps its blob, unsigned elements only retype it."""
        key = (attr, t)
        g = self.globals.get(key)
        if g is not None:
            return g
        name = self._unique(hint)
        g = GlobalOp(
            sym_name=StringAttr(name), sym_visibility=StringAttr("private"), type=TypeAttr(t),
            initial_value=_retyped(attr, t), constant=UnitAttr(),
        )  # fmt: skip
        self.globals_at.insert(g)
        self.globals[key] = g
        return g

    def _unique(self, hint: str) -> str:
        base = "__constant_" + "".join(c if c.isalnum() or c == "_" else "_" for c in hint)
        name = base
        while name in self.symbols:
            self.counter += 1
            name = f"{base}_{self.counter}"
        self.symbols.add(name)
        return name


def _retyped(attr: Any, t: MemRefType) -> Any:
    """The initial value of a global of memref type `t`: `attr` itself, or with the signless
    element type where the tensor's elements were unsigned (the same bits)."""
    want = RankedTensorType(t.shape, t.element_type)
    if attr.type is want:
        return attr
    if isinstance(attr, DenseResourceElementsAttr):
        return DenseResourceElementsAttr(want, attr.handle)
    arr = np.asarray(attr.array)
    signed = np.dtype(f"i{arr.dtype.itemsize}") if arr.dtype.kind == "u" else arr.dtype
    return DenseElementsAttr(want, arr.view(signed))


class FunctionLowering:
    """Lowers one func.func: `value(v)` is the memref of tensor `v`, `e` builds at the
    function's top level, `alloc_result` gives each result its buffer."""

    def __init__(self, ml: ModuleLowering, func: FuncOp, out_params: bool) -> None:
        self.ml = ml
        self.func = func
        self.out_params = out_params
        self.values: dict[Value, Value] = {}
        self.root: dict[Value, Value] = {}  # memref -> the allocation (or arg, global) it views
        self.allocs: list[Value] = []
        self.dest: dict[Value, Value] = {}  # returned nn value -> its out-parameter
        self.done: set[Operation] = set()  # ops lowered with another (fused epilogues)
        self.returned: list[Value] = []
        self.block = Block()
        self.e = Emitter(Builder(self.block, None, func.location), Shared(self.block), top=True)

    # -- values and buffers -----------------------------------------------------------------

    def value(self, v: Value) -> Value:
        m = self.values.get(v)
        if m is not None:
            return m
        if isinstance(v, OpResult) and isinstance(v.owner, ConstantOp):
            m = self._get_global(v.owner)
            self.values[v] = m
            return m
        raise fail(v.owner if isinstance(v, OpResult) else self.func, "operand was not lowered")

    def _get_global(self, op: ConstantOp) -> Value:
        t = memref_of(op.results[0].type)
        attr = op.value
        hint = attr.handle.key if isinstance(attr, DenseResourceElementsAttr) else "cst"
        g = self.ml.global_for(attr, t, hint)
        get = GetGlobalOp(result_types=[t], name=SymbolRefAttr(g.get_attr("sym_name").value))
        m = self.e.b.insert(get).results[0]
        self.root[m] = m
        return m

    def alloc_result(self, v: Value, sizes: Sequence[Dim]) -> Value:
        """The buffer of nn result `v` with `sizes` (ints and index values)."""
        dest = self.dest.get(v)
        if dest is not None:
            return dest
        t = memref_of(v.type)
        dynamic = [s for s, n in zip(sizes, t.shape) if n is None]
        dynamic = [self.e.as_value(s) for s in dynamic]
        m = self.e.b.insert(AllocOp(dynamic, [], result_types=[t])).results[0]
        self.e.known[m] = list(sizes)
        self.root[m] = m
        self.allocs.append(m)
        return m

    def alloc_scratch(self, t: MemRefType, sizes: Sequence[Dim]) -> Value:
        """A buffer of type `t` for a lowering's own use, freed after its last use."""
        dynamic = [self.e.as_value(s) for s, n in zip(sizes, t.shape) if n is None]
        m = self.e.b.insert(AllocOp(dynamic, [], result_types=[t])).results[0]
        self.e.known[m] = list(sizes)
        self.root[m] = m
        self.allocs.append(m)
        return m

    def view(self, source: Value, result: Value) -> Value:
        """Record that memref `result` views `source`'s buffer."""
        self.root[result] = self.root.get(source, source)
        return result

    def constant(self, v: Value | None) -> np.ndarray | None:
        return None if v is None else constant_array(v)

    def constant_ints(self, op: Operation, v: Value | None, what: str) -> list[int] | None:
        """The values of a parameter tensor the lowering needs at compile time."""
        if v is None:
            return None
        if v.type.shape == (0,):
            return []
        arr = constant_array(v)
        if arr is None:
            raise fail(op, f"needs a constant '{what}' to be lowered to loops")
        return [int(x) for x in arr.reshape(-1)]

    def runtime_ints(self, op: Operation, v: Value, what: str) -> list[Value]:
        """The elements of a 1-D parameter tensor of static length as index values, read
        at run time (ONNX passes shapes and axes as tensors, not always constants)."""
        n = v.type.shape[0] if v.type.rank == 1 else None
        if n is None:
            raise fail(op, f"needs '{what}' of static length to be lowered to loops")
        arr = constant_array(v)
        if arr is not None:
            return [self.e.index(int(x)) for x in arr.reshape(-1)]
        m = self.value(v)
        return [self.e.index_cast(self.e.load_at(m, [i]), INDEX) for i in range(n)]

    # -- the function -----------------------------------------------------------------------

    def run(self) -> None:
        func = self.func
        old = func.body.blocks[0]
        ftype = func.type
        for arg in old.args:
            t = arg.type
            new = self.block.add_argument(memref_of(t) if _is_tensor(t) else t, arg.location)
            if _is_tensor(t):
                self.root[new] = new
            self.values[arg] = new
        ret = old.terminator
        # The new body is in place while it is built, so values at its top level are valid
        # affine symbols as soon as they exist.
        func.body.remove(old)
        func.body.append(self.block)
        outs = self._out_params(ret, ftype)
        for op in list(old.ops):
            if op is ret:
                break
            self._lower(op)
        results = self._return(ret, outs)
        self._free()
        self._swap(old, results)

    def _out_params(self, ret: Operation, ftype: FunctionType) -> list[Value | None]:
        if not self.out_params:
            return []
        outs: list[Value | None] = []
        seen: set[Value] = set()
        for v in ret.operands:
            if not _is_tensor(v.type):
                outs.append(None)
                continue
            out = self.block.add_argument(memref_of(v.type))
            self.root[out] = out
            outs.append(out)
            fresh = isinstance(v, OpResult) and not isinstance(v.owner, ConstantOp)
            if fresh and v not in seen:
                self.dest[v] = out
            seen.add(v)
        return outs

    def _lower(self, op: Operation) -> None:
        if op in self.done or isinstance(op, ConstantOp):
            return
        if op.name == "func.call":
            self._call(op)
            return
        fn = LOWERINGS.get(op.name)
        if fn is not None:
            memrefs = fn(self, op)
            for r, m in zip(op.results, memrefs):
                self.values[r] = m
            return
        if any(_is_tensor(v.type) for v in (*op.operands, *op.results)):
            raise fail(op, "has no lowering to loops")
        clone = op.clone(self.values)
        self.e.b.insert(clone)
        for r, c in zip(op.results, clone.results):
            self.values[r] = c

    def _call(self, op: Operation) -> None:
        """A call of a function this pass lowers too: memref operands and results, or with
        out-parameters, buffers allocated here and passed after the operands."""
        operands = [self.value(v) if v in self.values or _is_tensor(v.type) else v
                    for v in op.operands]  # fmt: skip
        tensors = [r for r in op.results if _is_tensor(r.type)]
        if self.out_params and tensors:
            if any(not r.type.has_static_shape for r in tensors):
                raise fail(op, "with dynamic result shapes cannot pass out-parameters")
            outs = {r: self.alloc_result(r, list(r.type.shape)) for r in tensors}
            rest = [r for r in op.results if r not in outs]
            call = Operation.create(
                "func.call", [*operands, *outs.values()], [r.type for r in rest],
                properties=dict(op.properties), attributes=dict(op.attributes),
                location=op.location,
            )  # fmt: skip
            self.e.b.insert(call)
            self.values.update(outs)
            self.values.update(zip(rest, call.results))
            return
        types = [memref_of(r.type) if _is_tensor(r.type) else r.type for r in op.results]
        call = Operation.create(
            "func.call", operands, types, properties=dict(op.properties),
            attributes=dict(op.attributes), location=op.location,
        )  # fmt: skip
        self.e.b.insert(call)
        for r, c in zip(op.results, call.results):
            self.values[r] = c
            if _is_tensor(r.type):
                self.root[c] = c
                self.allocs.append(c)  # the callee's allocation is the caller's to free

    def _return(self, ret: Operation, outs: list[Value | None]) -> list[Value]:
        values = []
        owned, handed_out = set(self.allocs), set()
        for i, v in enumerate(ret.operands):
            m = self.value(v) if _is_tensor(v.type) or v in self.values else v
            if outs and outs[i] is not None:
                if m is not outs[i]:
                    self.e.void("memref.copy", m, outs[i])
                continue
            root = self.root.get(m)
            if root is not None and (root not in owned or root in handed_out):
                # Results are the caller's allocations to free: never an argument, a
                # constant, or a buffer handed out twice.
                m = self._copy(m)
                root = m
            if root is not None:
                handed_out.add(root)
            values.append(m)
        self.returned = values
        return values

    def _copy(self, m: Value) -> Value:
        t = m.type
        sizes = [self.e.dim(m, i) for i in range(t.rank)]
        dynamic = [self.e.as_value(s) for s, n in zip(sizes, t.shape) if n is None]
        new = self.e.b.insert(AllocOp(dynamic, [], result_types=[t])).results[0]
        self.e.void("memref.copy", m, new)
        self.root[new] = new
        return new

    def _free(self) -> None:
        """A memref.dealloc after the top-level op that last uses each allocation or one of
        its views; none for allocations a returned value views."""
        returned = {self.root.get(v, v) for v in self.returned}
        last: dict[Value, Operation] = {}
        for top in self.block.ops:
            for inner in top.walk():
                for v in inner.operands:
                    r = self.root.get(v)
                    if r is not None:
                        last[r] = top
        for m in self.allocs:
            if m in returned:
                continue
            after = last.get(m, m.owner)
            self.block.insert_after(after, DeallocOp(m))

    def _swap(self, old: Block, results: list[Value]) -> None:
        func = self.func
        self.block.append(ReturnOp(results, location=old.terminator.location))
        ftype = FunctionType([a.type for a in self.block.args], [v.type for v in results])
        func.properties["function_type"] = TypeAttr(ftype)
        if self.out_params:
            _extend_arg_attrs(func, len(self.block.args))
            func.properties.pop("res_attrs", None)


def _lower_declaration(func: FuncOp, out_params: bool) -> None:
    """A function declaration's tensors as memrefs, as its lowered calls pass them (tensor
    results as out-parameters after the inputs with `out_params`)."""
    ftype = func.type
    if not any(_is_tensor(t) for t in (*ftype.inputs, *ftype.results)):
        return
    inputs = [memref_of(t) if _is_tensor(t) else t for t in ftype.inputs]
    if out_params:
        inputs += [memref_of(t) for t in ftype.results if _is_tensor(t)]
        results = [t for t in ftype.results if not _is_tensor(t)]
    else:
        results = [memref_of(t) if _is_tensor(t) else t for t in ftype.results]
    func.properties["function_type"] = TypeAttr(FunctionType(inputs, results))
    if out_params:
        _extend_arg_attrs(func, len(inputs))
        func.properties.pop("res_attrs", None)


def _extend_arg_attrs(func: FuncOp, n: int) -> None:
    attrs = func.get_attr("arg_attrs")
    if attrs is None:
        return
    values = list(attrs.value) + [DictionaryAttr({})] * (n - len(attrs.value))
    func.properties["arg_attrs"] = ArrayAttr(values)


def _is_tensor(t: Type) -> bool:
    return isinstance(t, RankedTensorType)


@register_pass
@dataclass
class ConvertNNToAffine(Pass):
    name = "convert-nn-to-affine"
    summary = "Lower nn ops to affine loop nests over memref buffers"
    op_name = "builtin.module"
    dependent_dialects = ("affine", "arith", "math", "memref", "func", "vector")
    buffer_results_to_out_params: bool = option(
        False,
        "write tensor results into caller-provided memref arguments appended after the "
        "inputs (MLIR's buffer-results-to-out-params), instead of returning allocations",
    )
    vector_width: int = option(
        0,
        "f32 lanes of the target's vector registers (16 for AVX-512): convolutions with "
        "constant weights then compute that many output channels per vector in a "
        "register-blocked micro-kernel; 0 emits scalar loops only",
    )
    statistics = {"num-lowered-ops": "nn ops lowered to loops"}

    def run(self, op: Operation) -> None:
        if not op.regions or not op.regions[0].blocks:
            return  # a module without a body holds nothing to lower
        ml = ModuleLowering(op, self.vector_width)
        funcs = [f for f in ml.body.ops if isinstance(f, FuncOp)]
        _check_no_address_taken(op, funcs)
        for func in funcs:
            if func.is_declaration:
                # Its calls pass memrefs: the declaration says so too.
                _lower_declaration(func, self.buffer_results_to_out_params)
                continue
            if not _has_tensors(func):
                continue
            n = sum(1 for inner in func.walk() if inner.name.startswith("nn."))
            FunctionLowering(ml, func, self.buffer_results_to_out_params).run()
            self.count("num-lowered-ops", n)


def _check_no_address_taken(module: Operation, funcs: list[FuncOp]) -> None:
    """A func.constant of a function whose tensor signature the lowering changes would keep
    the old function type (and so would every value it flows into): refused."""
    changed = {f.get_attr("sym_name").value for f in funcs
               if any(_is_tensor(t) for t in (*f.type.inputs, *f.type.results))}  # fmt: skip
    if not changed:
        return
    for inner in module.walk():
        if inner.name == "func.constant":
            ref = inner.get_attr("value")
            if getattr(ref, "root", None) in changed:
                raise fail(inner, f"takes the address of @{ref.root}, whose tensor signature "
                           "convert-nn-to-affine would change (not supported)")  # fmt: skip


def _has_tensors(func: FuncOp) -> bool:
    ftype = func.type
    if any(_is_tensor(t) for t in (*ftype.inputs, *ftype.results)):
        return True
    return any(inner.name.startswith("nn.") for inner in func.walk())
