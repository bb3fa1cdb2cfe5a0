"""gpu-emulate-on-cpu: gpu kernels as ordinary loops, so every machine runs them (through the
interpreter or the CPU JIT) with the semantics they have on a GPU.

Each kernel `gpu.func @k` of `gpu.module @m` becomes `func.func @__gpu_emu_m_k(gx, gy, gz,
bx, by, bz: index, args...)`: loops over the blocks of the grid, and inside, the kernel body
with each thread's work as iterations of loops over the threads of the block. A barrier
splits the body: the ops between two barriers run as one thread loop (a *segment*), every
thread of the block finishing a segment before any starts the next, which is what
`gpu.barrier` guarantees (and more than one of subgroup scope needs; one of cluster scope is a
diagnostic). Values a thread computes in one segment and uses in a later one
are kept per thread (a buffer of one element per thread, indexed by the linear thread id);
values the same for every thread of a block (block ids, sizes, kernel arguments, constants
and pure computations of them) are computed once, outside the thread loops.

Shuffles and reductions split the body as barriers do (they too are reached by the threads
together): `gpu.shuffle` is a thread loop reading the lane PTX's `shfl.sync` reads as
convert-gpu-to-nvvm calls it (warps of 32 consecutive linear thread ids; xor/up/down/idx,
the valid flag from the width, a lane past a partial warp invalid; an invalid lane reads its
own value); `gpu.subgroup_reduce` a thread loop combining the values of the thread's
cluster (`cluster_size` lanes `cluster_stride` apart, the whole subgroup by default);
`gpu.all_reduce` one loop over the block's threads whose result is the same for all.

Barriers may sit inside `scf.for` (its bounds uniform: the same for every thread, as CUDA
requires) and `scf.if` without results (a uniform condition); loop-carried values of such a
loop are kept per thread too. Workgroup attributions are buffers of the block (reused by the
blocks, which run one after another); the grid runs blocks in order, so a kernel whose
result depended on the order of blocks would show it here too. A kernel body of several
blocks (cf branches) without barriers runs as one segment. `gpu.launch_func` becomes a call
of the emulated function; the host-side memory ops become memref ops (`gpu.alloc` ->
`memref.alloc`, `gpu.memcpy` -> `memref.copy`, ...), async tokens disappear (everything
runs in order); `#gpu.address_space` memory spaces are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.conversions.gpu_to_nvvm import convert_memory_spaces
from dialir.core.ir.attrs import IntegerAttr, StringAttr, SymbolRefAttr, TypeAttr
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import Block, Operation, OpResult, Value
from dialir.core.ir.traits import Pure
from dialir.core.ir.types import DYNAMIC, FunctionType, IndexType, IntegerType, MemRefType, Type
from dialir.core.passes import Pass, register_pass
from dialir.dialects.arith.ops import (
    AddIOp,
    AndIOp,
    CmpIOp,
    ConstantOp,
    DivUIOp,
    IndexCastOp,
    MulIOp,
    RemUIOp,
    SelectOp,
    SubIOp,
    XOrIOp,
)
from dialir.dialects.func.ops import CallOp, FuncOp, ReturnOp
from dialir.dialects.gpu.ops import GPUFuncOp, GPUModuleOp
from dialir.dialects.gpu.transforms.all_reduce_lowering import SUBGROUP_SIZE, reducer
from dialir.dialects.loop.scf.ops import ExecuteRegionOp, ForOp, IfOp, YieldOp
from dialir.dialects.memref.ops import (
    AllocaOp,
    AllocOp,
    CopyOp,
    DeallocOp,
    DimOp,
    LoadOp,
    StoreOp,
)

INDEX = IndexType()
CPU_SPACES = {"global": 0, "workgroup": 0, "private": 0}
_BLOCK_IDS = ("gpu.block_id", "gpu.grid_dim", "gpu.block_dim")
_THREAD_IDS = ("gpu.thread_id", "gpu.global_id", "gpu.lane_id")


def _error(op: Operation, message: str) -> DiagnosticError:
    return DiagnosticError(Diagnostic("error", f"'{op.name}' op {message}", op.location))


# Ops every thread of a block (barrier, all_reduce) or of a subgroup (shuffle,
# subgroup_reduce) reaches together: the body is split at each.
_COLLECTIVES = ("gpu.shuffle", "gpu.subgroup_reduce", "gpu.all_reduce")
_SYNC = ("gpu.barrier", *_COLLECTIVES)


def _has_barrier(op: Operation) -> bool:
    return any(o.name in _SYNC for o in op.walk())


def _const(b: Builder, v: int) -> Value:
    return b.insert(ConstantOp(value=IntegerAttr(v, INDEX))).result


class _Ids:
    """The ids and sizes of the thread being emitted (thread ids None at the uniform level)."""

    __slots__ = ("block", "grid", "dims", "threads", "linear")

    def __init__(self, block: list, grid: list, dims: list) -> None:
        self.block, self.grid, self.dims = block, grid, dims
        self.threads: list | None = None
        self.linear: Value | None = None


def _replace_ids(root: Operation, ids: _Ids) -> list[Value]:
    """The gpu id ops in `root` (a clone) replaced by the emulation's values; the values of
    `root`'s results afterwards."""
    results = list(root.results)
    for op in [o for o in root.walk() if o.name.startswith("gpu.")]:
        name = op.name
        if name in _SYNC:
            raise _error(op, "inside a loop or branch the emulation runs per thread: it must be "
                         "reached by all threads together (in uniform control flow)")  # fmt: skip
        axis = "xyz".index(op.dim) if op.get_attr("dimension") is not None else 0
        b = Builder(op.parent, op)
        if name == "gpu.block_id":
            new = ids.block[axis]
        elif name == "gpu.grid_dim":
            new = ids.grid[axis]
        elif name == "gpu.block_dim":
            new = ids.dims[axis]
        elif name in ("gpu.thread_id", "gpu.global_id", "gpu.lane_id") and ids.threads is None:
            raise _error(op, "thread id outside the threads' loops (an emulation bug)")
        elif name == "gpu.thread_id":
            new = ids.threads[axis]
        elif name == "gpu.global_id":
            mul = b.insert(MulIOp(ids.block[axis], ids.dims[axis])).result
            new = b.insert(AddIOp(mul, ids.threads[axis])).result
        elif name == "gpu.lane_id":
            new = b.insert(RemUIOp(ids.linear, _const(b, SUBGROUP_SIZE))).result
        elif name == "gpu.subgroup_size":
            new = _const(b, SUBGROUP_SIZE)
        else:
            raise _error(op, "is not supported by the CPU emulation")
        op.results[0].replace_all_uses_with(new)
        if op is root:
            results = [new]
        op.erase()
    return results


class KernelEmulation:
    """Builds the emulated function of one kernel body (see the module docstring)."""

    def __init__(self, b: Builder, ids: _Ids, nthreads: Value, alloc_at: Builder) -> None:
        self.b = b
        self.ids = ids
        self.nthreads = nthreads
        self.alloc_at = alloc_at  # where per-thread buffers are allocated (function entry)
        self.uniform: dict[Value, Value] = {}
        self.buffers: dict[Value, Value] = {}
        self.allocated: list[Value] = []
        # Inside a branch whose condition differs between threads: the per-thread i1 buffer
        # of the threads that take it (thread loops skip the others).
        self.mask: Value | None = None

    # -- per-thread buffers ---------------------------------------------------------------------

    def new_buffer(self, t: Type) -> Value:
        mt = MemRefType((DYNAMIC,), t)
        buf = self.alloc_at.insert(AllocOp([self.nthreads], result_types=[mt])).results[0]
        self.allocated.append(buf)
        return buf

    def buffer(self, v: Value, t: Type | None = None) -> Value:
        buf = self.buffers.get(v)
        if buf is None:
            buf = self.buffers[v] = self.new_buffer(t or v.type)
        return buf

    # -- ops of one block of the kernel ---------------------------------------------------------

    def is_uniform(self, op: Operation) -> bool:
        if op.name in _BLOCK_IDS:
            return True
        if op.name.startswith("gpu.") or op.regions or not op.results:
            return False
        if op.name != "memref.dim" and not (type(op).is_registered and Pure in type(op).traits):
            return False
        return all(v in self.uniform for v in op.operands)

    def emit_ops(self, ops: list[Operation]) -> None:
        segment: list[Operation] = []
        for op in ops:
            if op.name == "gpu.barrier":
                if op.scope_name == "cluster":  # the blocks run one after another here
                    raise _error(op, "of cluster scope: the CPU emulation runs the blocks of "
                                 "a grid one after another")  # fmt: skip
                self.emit_segment(segment)
                segment = []
            elif op.name in _COLLECTIVES:
                self.emit_segment(segment)
                segment = []
                self.emit_collective(op)
            elif _has_barrier(op):
                self.emit_segment(segment)
                segment = []
                self.emit_sync_region_op(op)
            elif self.is_uniform(op):
                clone = self.b.insert(op.clone(dict(self.uniform)))
                self.uniform.update(zip(op.results, _replace_ids(clone, self.ids)))
            elif op.name in ("gpu.return", "scf.yield"):
                continue  # the caller handles terminators
            else:
                segment.append(op)
        self.emit_segment(segment)

    def emit_segment(self, ops: list[Operation]) -> None:
        """One thread loop running `ops` for every thread of the block."""
        if not ops:
            return
        inside = set()
        for op in ops:
            inside.update(op.walk())
        used: dict[Value, None] = {}
        for op in ops:
            for o in op.walk():
                for v in o.operands:
                    if v not in self.uniform and not _defined_in(v, inside):
                        used.setdefault(v)
        b, loops = self.thread_loops()
        mapping = dict(self.uniform)
        for v in used:
            if isinstance(v, OpResult) and v.owner.name in _THREAD_IDS:
                # Cheaper to recompute in this segment than to keep per thread.
                clone = b.insert(v.owner.clone())
                mapping[v] = _replace_ids(clone, self.ids)[0]
                continue
            buf = self.buffers.get(v)
            if buf is None:
                raise _error(ops[0], "uses a value of another thread segment that was not kept "
                             "(an emulation bug)")  # fmt: skip
            mapping[v] = b.insert(LoadOp(buf, [self.ids.linear])).result
        for op in ops:
            clone = b.insert(op.clone(dict(mapping)))
            mapping.update(zip(op.results, _replace_ids(clone, self.ids)))
        seg = set(ops)
        for op in ops:
            if op.name in _THREAD_IDS:
                continue  # recomputed where used
            for r in op.results:
                if any(_top_user(u.owner, op.parent) not in seg for u in r.uses):
                    b.insert(StoreOp(mapping[r], self.buffer(r), [self.ids.linear]))
        self.ids.threads = None
        self.ids.linear = None
        del loops

    def thread_loops(self) -> tuple[Builder, list]:
        """Loops over z, y, x of the block's threads; a builder inside, the ids set."""
        b = self.b
        zero, one = _const(b, 0), _const(b, 1)
        dims = self.ids.dims
        loops = []
        builder = b
        for axis in (2, 1, 0):
            loop = builder.insert(ForOp(zero, dims[axis], one))
            loops.append(loop)
            builder = loop.body_builder()
        tz, ty, tx = (lp.induction_var for lp in loops)
        lin = builder.insert(MulIOp(tz, dims[1])).result
        lin = builder.insert(AddIOp(lin, ty)).result
        lin = builder.insert(MulIOp(lin, dims[0])).result
        lin = builder.insert(AddIOp(lin, tx)).result
        self.ids.threads = [tx, ty, tz]
        self.ids.linear = lin
        if self.mask is not None:
            active = builder.insert(LoadOp(self.mask, [lin])).result
            guard = builder.insert(IfOp(active))
            builder = Builder(guard.regions[0].blocks[0], guard.regions[0].blocks[0].last)
        return builder, loops

    def store_per_thread(self, values: list[Value], bufs: list[Value], op: Operation) -> None:
        """A thread loop storing each thread's `values` (original IR values) into `bufs`."""
        specs = [self.per_thread(op, v) for v in values]
        b, _ = self.thread_loops()
        for spec, buf in zip(specs, bufs):
            b.insert(StoreOp(self.read(b, spec, self.ids.linear), buf, [self.ids.linear]))
        self.ids.threads = None
        self.ids.linear = None

    # -- shuffles and reductions ----------------------------------------------------------------

    def per_thread(self, op: Operation, v: Value) -> tuple[bool, Value]:
        """(uniform?, the value or the buffer holding each thread's value) of `v`."""
        if v in self.uniform:
            return True, self.uniform[v]
        buf = self.buffers.get(v)
        if buf is None and isinstance(v, OpResult) and v.owner.name in _THREAD_IDS:
            buf = self.buffer(v)
            b, _ = self.thread_loops()
            value = _replace_ids(b.insert(v.owner.clone()), self.ids)[0]
            b.insert(StoreOp(value, buf, [self.ids.linear]))
            self.ids.threads = self.ids.linear = None
        if buf is None:
            raise _error(op, "uses a value that was not kept per thread (an emulation bug)")
        return False, buf

    @staticmethod
    def read(b: Builder, spec: tuple[bool, Value], thread: Value) -> Value:
        uniform, v = spec
        return v if uniform else b.insert(LoadOp(v, [thread])).result

    def emit_collective(self, op: Operation) -> None:
        """A shuffle or subgroup reduction: a thread loop reading the other lanes' values
        (kept per thread by the segment before); an all-reduction: a loop over the block's
        threads, its result the same for all (uniform)."""
        specs = [self.per_thread(op, v) for v in op.operands]
        if op.name == "gpu.all_reduce":
            if self.mask is not None:
                raise _error(op, "in a branch whose condition differs between threads: an "
                             "all-reduction is reached by all threads of the block")  # fmt: skip
            fn = reducer(op, dict(self.uniform))
            b = self.b
            first = self.read(b, specs[0], _const(b, 0))
            loop = b.insert(ForOp(_const(b, 1), self.nthreads, _const(b, 1), [first]))
            lb = loop.body_builder()
            x = self.read(lb, specs[0], loop.induction_var)
            loop.set_yielded([fn(lb, loop.region_iter_args[0], x)])
            self.uniform[op.results[0]] = loop.results[0]
            return
        bufs = [self.buffer(r) for r in op.results]
        b, _ = self.thread_loops()
        lin = self.ids.linear
        lane = b.insert(RemUIOp(lin, _const(b, SUBGROUP_SIZE))).result
        base = b.insert(SubIOp(lin, lane)).result
        if op.name == "gpu.shuffle":
            value, valid = self.shuffle(b, op, specs, lin, lane, base)
            b.insert(StoreOp(value, bufs[0], [lin]))
            b.insert(StoreOp(valid, bufs[1], [lin]))
        else:
            b.insert(StoreOp(self.subgroup_reduce(b, op, specs[0], lane, base), bufs[0], [lin]))
        self.ids.threads = self.ids.linear = None

    def shuffle(self, b: Builder, op: Operation, specs: list, lin: Value, lane: Value,
                base: Value) -> tuple[Value, Value]:  # fmt: skip
        """PTX's shfl.sync as convert-gpu-to-nvvm calls it: the lane read and whether it is
        valid (else the thread reads its own value)."""
        i32 = IntegerType(32)

        def idx(v: Value) -> Value:  # of non-negative values (index_cast lowers everywhere)
            return b.insert(IndexCastOp(v, result_types=[INDEX])).results[0]

        off = self.read(b, specs[1], lin)
        off5 = idx(b.insert(AndIOp(off, b.insert(ConstantOp(value=IntegerAttr(31, i32)))
                                   .result)).result)  # fmt: skip
        width = idx(self.read(b, specs[2], lin))
        mode = op.mode_name
        if mode == "up":  # valid where lane - offset >= 32 - width
            j = b.insert(SubIOp(lane, off5)).result
            top = b.insert(SubIOp(_const(b, SUBGROUP_SIZE), width)).result
            valid = b.insert(CmpIOp(j, top, predicate="sge")).result
        else:  # valid where the lane read <= width - 1
            if mode == "down":
                j = b.insert(AddIOp(lane, off5)).result
            elif mode == "xor":
                j = b.insert(XOrIOp(lane, off5)).result
            else:
                j = off5
            top = b.insert(SubIOp(width, _const(b, 1))).result
            valid = b.insert(CmpIOp(j, top, predicate="sle")).result
        src = b.insert(AddIOp(base, j)).result
        exists = b.insert(CmpIOp(src, self.nthreads, predicate="ult")).result  # partial warp
        valid = b.insert(AndIOp(valid, exists)).result
        src = b.insert(SelectOp(valid, src, lin)).result
        return self.read(b, specs[0], src), valid

    def subgroup_reduce(self, b: Builder, op: Operation, spec: tuple, lane: Value,
                        base: Value) -> Value:  # fmt: skip
        """The reduction over the lane's cluster: `size` lanes `stride` apart."""
        size = op.cluster_size.value if op.cluster_size is not None else SUBGROUP_SIZE
        stride = op.cluster_stride.value if op.cluster_stride is not None else 1
        span = size * stride
        group = b.insert(MulIOp(b.insert(DivUIOp(lane, _const(b, span))).result,
                                _const(b, span))).result  # fmt: skip
        first = b.insert(AddIOp(base, group)).result
        first = b.insert(AddIOp(first, b.insert(RemUIOp(lane, _const(b, stride))).result)).result
        fn = reducer(op)
        loop = b.insert(ForOp(_const(b, 1), _const(b, size), _const(b, 1),
                              [self.read(b, spec, first)]))  # fmt: skip
        lb = loop.body_builder()
        member = lb.insert(MulIOp(loop.induction_var, _const(lb, stride))).result
        member = lb.insert(AddIOp(first, member)).result
        exists = lb.insert(CmpIOp(member, self.nthreads, predicate="ult")).result
        acc = loop.region_iter_args[0]
        step = lb.insert(IfOp(exists, [acc.type], with_else=True))
        tb = Builder(step.regions[0].blocks[0], None)
        tb.insert(YieldOp([fn(tb, acc, self.read(tb, spec, member))]))
        Builder(step.regions[1].blocks[0], None).insert(YieldOp([acc]))
        loop.set_yielded([step.results[0]])
        return loop.results[0]

    # -- loops and branches with barriers inside ------------------------------------------------

    def emit_sync_region_op(self, op: Operation) -> None:
        if op.name == "scf.for":
            self.emit_for(op)
        elif op.name == "scf.if" and not op.results and op.operands[0] in self.uniform:
            self.emit_if(op)
        elif op.name == "scf.if":
            self.emit_divergent_if(op)
        else:
            raise _error(op, "holds a gpu.barrier: the CPU emulation splits kernels at barriers "
                         "in scf.for and scf.if only")  # fmt: skip

    def emit_divergent_if(self, op: Operation) -> None:
        """An scf.if holding shuffles whose condition may differ between threads (the
        subgroup-level branches of MLIR's all-reduce lowering): each branch runs with the
        threads that take it masked in, its yields kept per thread."""
        if any(o.name in ("gpu.barrier", "gpu.all_reduce") for o in op.walk()):
            self._uniform_operand(op, op.operands[0], "condition")  # a diagnostic if divergent
            raise _error(op, "holds a gpu.barrier or gpu.all_reduce with results: the CPU "
                         "emulation splits scf.if without results there")  # fmt: skip
        cond = self.per_thread(op, op.operands[0])
        results = [self.buffer(r) for r in op.results]
        outer = self.mask
        for region, negate in zip(op.regions, (False, True)):
            if not region.blocks:
                continue
            mask = self.new_buffer(op.operands[0].type)
            self.mask = None  # every thread's entry, so none is left from before
            b, _ = self.thread_loops()
            lin = self.ids.linear
            taken = self.read(b, cond, lin)
            if negate:
                true = b.insert(ConstantOp(value=IntegerAttr(1, taken.type))).result
                taken = b.insert(XOrIOp(taken, true)).result
            if outer is not None:
                taken = b.insert(AndIOp(taken, b.insert(LoadOp(outer, [lin])).result)).result
            b.insert(StoreOp(taken, mask, [lin]))
            self.ids.threads = self.ids.linear = None
            self.mask = mask
            block = region.blocks[0]
            self.emit_ops(list(block.ops))
            term = block.last
            if term is not None and term.name == "scf.yield" and term.operands:
                self.store_per_thread(list(term.operands), results, op)
            self.mask = outer

    def _uniform_operand(self, op: Operation, v: Value, what: str) -> Value:
        u = self.uniform.get(v)
        if u is None:
            raise _error(op, f"holds a gpu.barrier but its {what} differs between threads (a "
                         "barrier in divergent control flow)")  # fmt: skip
        return u

    def emit_for(self, op: Operation) -> None:
        lb, ub, step = (self._uniform_operand(op, v, "bounds") for v in op.operands[:3])
        inits = list(op.operands[3:])
        body = op.regions[0].blocks[0]
        iter_args = list(body.args[1:])
        bufs = [self.buffer(a) for a in iter_args]
        for r, buf in zip(op.results, bufs):
            self.buffers[r] = buf
        if inits:
            self.store_per_thread(inits, bufs, op)
        loop = self.b.insert(ForOp(lb, ub, step))
        saved = self.b
        self.b = loop.body_builder()
        self.uniform[body.args[0]] = loop.induction_var
        ops = list(body.ops)
        self.emit_ops(ops)
        term = body.last
        if term is not None and term.name == "scf.yield" and term.operands:
            for v in term.operands:  # a value of this body's last segment: kept per thread
                if v not in self.uniform and v not in self.buffers:
                    self.buffer(v)
            self.store_per_thread(list(term.operands), bufs, op)
        self.b = saved

    def emit_if(self, op: Operation) -> None:
        cond = self._uniform_operand(op, op.operands[0], "condition")
        new = self.b.insert(IfOp(cond, with_else=bool(op.regions[1].blocks)))
        saved = self.b
        for old_region, new_region in zip(op.regions, new.regions):
            if not old_region.blocks:
                continue
            block = new_region.blocks[0]
            self.b = Builder(block, block.last)
            self.emit_ops(list(old_region.blocks[0].ops))
        self.b = saved


def _defined_in(v: Value, ops: set) -> bool:
    if isinstance(v, OpResult):
        return v.owner in ops
    region = v.owner.parent
    return region is not None and region.parent in ops


def _top_user(op: Operation, block: Block) -> Operation | None:
    """The ancestor of `op` (or `op`) directly in `block`."""
    while op is not None and op.parent is not block:
        op = op.parent_op
    return op


# -- kernels to functions ---------------------------------------------------------------------------


def emulate_kernel(func: GPUFuncOp, name: str) -> FuncOp:
    """`func.func @name(gx, gy, gz, bx, by, bz, args...)` running kernel `func` on the CPU."""
    inputs = list(func.type.inputs)
    ftype = FunctionType([INDEX] * 6 + inputs, [])
    new = FuncOp(sym_name=StringAttr(name), function_type=TypeAttr(ftype),
                 sym_visibility=StringAttr("private"), location=func.location)  # fmt: skip
    entry = Block(list(ftype.inputs))
    new.regions[0].append(entry)
    grid, dims, args = entry.args[0:3], entry.args[3:6], entry.args[6:]
    b = Builder(entry)
    n = b.insert(MulIOp(dims[0], dims[1])).result
    n = b.insert(MulIOp(n, dims[2])).result
    anchor = b.insert(ConstantOp(value=IntegerAttr(0, INDEX)))  # buffers go before it
    alloc_at = Builder(entry, anchor)
    workgroup = [alloc_at.insert(AllocOp(result_types=[a.type])).results[0]
                 for a in func.workgroup_args]  # fmt: skip
    zero, one = anchor.result, b.insert(ConstantOp(value=IntegerAttr(1, INDEX))).result
    loops = []
    builder = b
    for axis in (2, 1, 0):
        loop = builder.insert(ForOp(zero, grid[axis], one))
        loops.append(loop)
        builder = loop.body_builder()
    bz, by, bx = (lp.induction_var for lp in loops)
    ids = _Ids([bx, by, bz], list(grid), list(dims))
    emu = KernelEmulation(builder, ids, n, alloc_at)
    body = func.body.blocks
    k_args = func.entry.args
    emu.uniform.update(zip(k_args[: len(inputs)], args))
    emu.uniform.update(zip(func.workgroup_args, workgroup))
    if func.private_args:
        if any(_has_barrier(o) or o.name == "gpu.barrier" for blk in body for o in blk.ops):
            raise _error(func, "private attributions with barriers are not supported by the CPU "
                         "emulation")  # fmt: skip
    if len(body) > 1:
        _emit_multi_block(func, emu)
    else:
        emu.emit_ops(list(body[0].ops))
    for buf in [*emu.allocated, *workgroup]:
        b.insert(DeallocOp(buf))
    b.insert(ReturnOp([]))
    return new


def _emit_multi_block(func: GPUFuncOp, emu: KernelEmulation) -> None:
    """A body with branches: one segment running it as an scf.execute_region per thread."""
    for blk in func.body.blocks:
        for op in blk.ops:
            if op.name in _SYNC or _has_barrier(op):
                raise _error(op, "a barrier, shuffle or reduction in a kernel with branches "
                             "(cf) is not supported by the CPU emulation")  # fmt: skip
    b, _ = emu.thread_loops()
    mapping = dict(emu.uniform)
    for a in func.private_args:
        mapping[a] = b.insert(_alloca(a.type)).results[0]
    targets = [mapping[a] for a in func.entry.args]
    region = func.body.clone(mapping)
    entry = region.blocks[0]
    for arg, value in zip(entry.args, targets):  # the clone's own copies of the arguments
        arg.replace_all_uses_with(value)
    while entry.args:
        entry.erase_argument(len(entry.args) - 1)
    for blk in region.blocks:
        last = blk.last
        if last is not None and last.name == "gpu.return":
            last.erase()
            blk.append(YieldOp())
    ex = b.insert(ExecuteRegionOp())
    old = ex.regions[0]
    for blk in list(old.blocks):
        old.remove(blk)
    for blk in list(region.blocks):
        region.remove(blk)
        old.append(blk)
    _replace_ids(ex, emu.ids)
    emu.ids.threads = None


def _alloca(t: Type) -> Operation:
    return AllocaOp(result_types=[t])


# -- the host side ----------------------------------------------------------------------------------


def _as_index(b: Builder, v: Value) -> Value:
    if isinstance(v.type, IndexType):
        return v
    return b.insert(IndexCastOp(v, result_types=[INDEX])).results[0]


def _host_op(op: Operation, funcs: dict) -> None:
    b = Builder(op.parent, op)
    name = op.name
    if name == "gpu.launch_func":
        callee = funcs.get((op.module_name, op.kernel_name))
        if callee is None:
            raise _error(op, f"kernel '@{op.module_name}::@{op.kernel_name}' has no gpu.func to "
                         "emulate")  # fmt: skip
        sizes = [_as_index(b, v) for v in (*op.grid_operands, *op.block_operands)]
        b.insert(CallOp(callee=SymbolRefAttr(callee), arg_operands=[*sizes, *op.kernelOperands],
                        result_types=[]))  # fmt: skip
        results: list = [None] * len(op.results)
    elif name == "gpu.alloc":
        alloc = b.insert(AllocOp(list(op.dynamicSizes), result_types=[op.memref.type]))
        results = [alloc.results[0]] + [None] * (len(op.results) - 1)
    elif name == "gpu.dealloc":
        b.insert(DeallocOp(op.memref))
        results = [None] * len(op.results)
    elif name == "gpu.memcpy":
        b.insert(CopyOp(op.src, op.dst))
        results = [None] * len(op.results)
    elif name == "gpu.memset":
        _fill(b, op.dst, op.value)
        results = [None] * len(op.results)
    elif name == "gpu.wait":
        results = [None] * len(op.results)
    else:
        return
    for old, new in zip(op.results, results):
        if new is not None:
            old.replace_all_uses_with(new)
    _drop_tokens(op)
    op.erase()


def _drop_tokens(op: Operation) -> None:
    """Async tokens order nothing on the CPU: their uses (other gpu ops' dependencies) go."""
    for r in op.results:
        for use in list(r.uses):
            user = use.owner
            keep = [u.value for u in user.operand_uses if u.value is not r]
            seg = user.get_attr("operandSegmentSizes")
            user.set_operands(keep)
            if seg is not None and user.name.startswith("gpu."):
                values = list(seg.values)
                values[0] -= 1  # the async dependencies come first
                user.properties["operandSegmentSizes"] = type(seg)(seg.element_type, values)


def _fill(b: Builder, dst: Value, value: Value) -> None:
    t = dst.type
    zero, one = _const(b, 0), _const(b, 1)
    builder, ivs = b, []
    for d in range(len(t.shape)):
        n = builder.insert(DimOp(dst, _const(builder, d))).result
        loop = builder.insert(ForOp(zero, n, one))
        ivs.append(loop.induction_var)
        builder = loop.body_builder()
    builder.insert(StoreOp(value, dst, ivs))


def emulate_module(module: Operation) -> None:
    """Every gpu.module's kernels to functions of `module`, launches to calls."""
    top = module.regions[0].blocks[0]
    convert_memory_spaces(module, CPU_SPACES)
    funcs: dict[tuple[str, str], str] = {}
    gpu_modules = [op for op in top.ops if isinstance(op, GPUModuleOp)]
    for m in gpu_modules:
        for f in m.block.ops:
            if isinstance(f, GPUFuncOp) and f.is_kernel:
                name = f"__gpu_emu_{m.sym_name.value}_{f.sym_name.value}"
                top.insert_before(m, emulate_kernel(f, name))
                funcs[(m.sym_name.value, f.sym_name.value)] = name
    host = [o for op in top.ops if not isinstance(op, GPUModuleOp) for o in op.walk()
            if o.name.startswith("gpu.")]  # fmt: skip
    for op in host:
        if op.name == "gpu.launch":
            raise _error(op, "outline it first (gpu-kernel-outlining)")
        _host_op(op, funcs)
    for m in gpu_modules:
        m.erase()
    module.attributes.pop("gpu.container_module", None)


@register_pass
@dataclass
class GpuEmulateOnCPU(Pass):
    """Run gpu kernels on the CPU: see the module docstring."""

    name = "gpu-emulate-on-cpu"
    summary = "Lower gpu kernels and launches to loops over blocks and threads for the CPU"
    op_name = "builtin.module"
    dependent_dialects = ("arith", "func", "memref", "scf")

    def run(self, op: Operation) -> None:
        emulate_module(op)


__all__ = ["GpuEmulateOnCPU", "emulate_kernel", "emulate_module"]
