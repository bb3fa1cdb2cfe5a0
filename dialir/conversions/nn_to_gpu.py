"""The nn level to GPU kernels: `nn-to-gpu` (the pipeline) and the shared-memory tiled
matrix product it generates, `convert-affine-matmul-to-gpu`.

convert-affine-matmul-to-gpu{tile-sizes=64,64,16 thread-tile-sizes=4,4} turns each matrix
product loop nest (what convert-nn-to-affine writes for nn.matmul, batched or not, and
nn.gemm, transposed operands and fused epilogues included) into a kernel that stages tiles of
both operands in workgroup memory, as CUDA's classic tiled SGEMM does:

    parallel loops (batch..., i < M, j < N) {          grid (N/BN, M/BM, batch), block
      %acc = affine.for %k = 0 to K                       (BN/TN, BM/TM): each thread owns a
          iter_args(%s = %init) {                         TM x TN register tile of C
        %a = affine.load %A[..., i, k]  (or [k, i])     for each BK-slice of K:
        %b = affine.load %B[..., k, j]  (or [j, k])       copy the BM x BK tile of A and the
        ... %s' = f(%s, %a, %b) ...                       BK x BN tile of B into workgroup
      }                                                   memory; gpu.barrier; each thread
      ... epilogue of %acc, i, j ...                      runs f on its tile for the slice's
      affine.store %r, %C[..., i, j]                      k; gpu.barrier (before the next
    }                                                     copy overwrites the tiles); then
                                                          the epilogue and store per element.

Speed: the copies are coalesced, consecutive threads reading consecutive addresses of the
operand's contiguous dimension (k for A, j for B, or i / k when transposed), each tile kept in
workgroup memory in its operand's layout (a row padded by one element where it holds k, so
the threads of a warp reading down a column hit different banks). A thread's rows and
columns are `ty + r * BM/TM` and `tx + c * BN/TN`, so a warp's reads of the B tile are
consecutive and its reads of the A tile broadcasts; each k of a slice costs TM + TN
workgroup loads for TM x TN multiply-adds, in registers (the accumulators are the loop's
iter_args). Partial tiles are guarded: copies outside the operands store zero, the
per-slice k loop stops at K, and only elements inside C are stored; a guard a static shape
makes true is not emitted.

A nest matches when convert-affine-for-to-gpu's parallelism check holds for its outer loops
(batch, i, j: every store indexed by the loop), the loops start at 0 with step 1 and bounds
defined above the nest, the innermost body holds one reduction `affine.for` (one iter_arg,
from 0 to a bound defined above, step 1) with exactly two loads, one indexed by (i, k) and
not j, the other by (k, j) and not i (batch ivs allowed in both), pure ops otherwise, and the
ops after the reduction compute the element of C from it. Other nests are left to
convert-affine-for-to-gpu. The kernel is outlined at once (a `gpu.func` with the two tiles
as `workgroup(...)` attributions, launched by `gpu.launch_func`), its affine ops lowered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialir.conversions.affine_to_gpu import is_parallel
from dialir.conversions.affine_to_scf import LowerAffine
from dialir.core.ir.affine import AffineBinaryExpr, AffineDimExpr, AffineMap, AffineSymbolExpr
from dialir.core.ir.attrs import FloatAttr, IntegerAttr, UnitAttr
from dialir.core.ir.builder import Builder
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import Operation, OpResult, Value
from dialir.core.ir.traits import Pure
from dialir.core.ir.types import FloatType, IndexType, MemRefType, Type
from dialir.core.passes import Pass, option, parse_pipeline, register_pass
from dialir.dialects import arith
from dialir.dialects.arith.attrs import FastMathFlagsAttr
from dialir.dialects.gpu.attrs import AddressSpaceAttr
from dialir.dialects.gpu.ops import BarrierOp, LaunchOp
from dialir.dialects.gpu.transforms.kernel_outlining import outline_launch
from dialir.dialects.loop.affine.ops import AffineApplyOp
from dialir.dialects.loop.scf.ops import ForOp, IfOp, YieldOp
from dialir.dialects.memref.ops import AllocaOp, LoadOp, StoreOp

INDEX = IndexType()
_CONTRACT = ("arith.mulf", "arith.addf")
UNROLL = 4  # copies of the register tile's update per iteration of a slice's k loop
WORKGROUP = AddressSpaceAttr("workgroup")


def _error(op: Operation, message: str) -> DiagnosticError:
    return DiagnosticError(Diagnostic("error", message, op.location))


# -- matching ---------------------------------------------------------------------------------


def _expr_operands(expr: Any, m: AffineMap, operands: list) -> set:
    """The operand values an affine expression of map `m` reads."""
    if isinstance(expr, AffineDimExpr):
        return {operands[expr.position]}
    if isinstance(expr, AffineSymbolExpr):
        return {operands[m.num_dims + expr.position]}
    if isinstance(expr, AffineBinaryExpr):
        return _expr_operands(expr.lhs, m, operands) | _expr_operands(expr.rhs, m, operands)
    return set()


def _load_index_use(op: Operation) -> tuple[set, set]:
    """(values any subscript of an affine.load reads, values its last subscript reads)."""
    m = op.get_attr("map").value
    operands = list(op.operands[1:])
    per = [_expr_operands(e, m, operands) for e in m.results]
    return set().union(*per) if per else set(), per[-1] if per else set()


def _const_index(v: Value) -> int | None:
    if isinstance(v, OpResult) and v.owner.name == "arith.constant":
        a = v.owner.get_attr("value")
        if isinstance(a, IntegerAttr):
            return a.value
    return None


def _defined_above(v: Value, root: Operation) -> bool:
    owner = v.owner if isinstance(v, OpResult) else v.owner.parent_op
    return owner is None or not root.is_ancestor(owner)


def _simple_loop(loop: Operation, root: Operation) -> bool:
    """From 0, step 1, one upper bound of values defined above `root`."""
    lb, ub = loop.lower_bound_map, loop.upper_bound_map
    if loop.step != 1 or len(ub.results) != 1 or not lb.is_single_constant():
        return False
    if lb.get_single_constant_result() != 0:
        return False
    return all(_defined_above(v, root) for v in loop.upperBoundOperands)


class Contraction:
    """A matched matrix product nest (see the module docstring)."""

    __slots__ = ("root", "batch", "row", "col", "red", "a", "b", "a_k_inner", "b_k_inner",
                 "pre", "post")  # fmt: skip

    def __init__(self, nest: list[Operation], red: Operation, a: Operation, b: Operation,
                 pre: list[Operation], post: list[Operation]) -> None:  # fmt: skip
        self.root = nest[0]
        self.batch, self.row, self.col = nest[:-2], nest[-2], nest[-1]
        self.red, self.a, self.b, self.pre, self.post = red, a, b, pre, post
        k = red.induction_var
        self.a_k_inner = k in _load_index_use(a)[1]
        self.b_k_inner = k in _load_index_use(b)[1]


def match_contraction(root: Operation) -> Contraction | None:
    nest, loop = [], root
    while loop is not None and loop.name == "affine.for" and not loop.results:
        if not _simple_loop(loop, root) or not is_parallel(loop):
            return None
        nest.append(loop)
        ops = [o for o in loop.body.ops if o.name != "affine.yield"]
        inner = [o for o in ops if o.name == "affine.for"]
        if len(ops) == 1 and inner:
            loop = inner[0]
            continue
        if len(nest) < 2 or len(inner) != 1:
            return None
        red = inner[0]
        pos = ops.index(red)
        return _match_body(nest, red, ops[:pos], ops[pos + 1 :])
    return None


def _is_pure(op: Operation) -> bool:
    return type(op).is_registered and Pure in type(op).traits and not op.regions


def _match_body(nest: list[Operation], red: Operation, pre: list, post: list):
    root = nest[0]
    row, col = nest[-2].induction_var, nest[-1].induction_var
    if len(red.results) != 1 or not _simple_loop(red, root):
        return None
    init = red.operands[len(red.operands) - 1]
    if not _defined_above(init, root):
        return None
    for op in pre:  # uniform per batch: may not read i or j
        if not _is_pure(op) or any(v in (row, col) for v in op.operands):
            return None
    if not post or post[-1].name != "affine.store":
        return None
    if any(o.name.endswith(".store") for p in post[:-1] for o in p.walk()):
        return None
    k = red.induction_var
    loads, others = [], []
    for op in red.body.ops:
        if op.name == "affine.load":
            loads.append(op)
        elif op.name != "affine.yield":
            others.append(op)
    if len(loads) != 2 or not all(_is_pure(o) for o in others):
        return None
    a = b = None
    for ld in loads:
        used = _load_index_use(ld)[0]
        if k not in used:
            return None
        if row in used and col not in used:
            a = ld
        elif col in used and row not in used:
            b = ld
    if a is None or b is None:
        return None
    ivs = {lp.induction_var for lp in nest} | {k}
    if not all(_defined_above(v, root) or v in ivs for ld in loads for v in ld.operands[1:]):
        return None
    return Contraction(nest, red, a, b, pre, post)


# -- the kernel ---------------------------------------------------------------------------------


class _B:
    """A builder of index arithmetic that folds constants (Python ints) as it goes."""

    __slots__ = ("b",)

    def __init__(self, b: Builder) -> None:
        self.b = b

    def v(self, x: Value | int) -> Value:
        if isinstance(x, int):
            return self.b.insert(arith.ConstantOp(value=IntegerAttr(x, INDEX))).result
        return x

    def add(self, x: Value | int, y: Value | int) -> Value | int:
        if isinstance(x, int) and isinstance(y, int):
            return x + y
        if y == 0:
            return x
        if x == 0:
            return y
        return self.b.insert(arith.AddIOp(self.v(x), self.v(y))).result

    def sub(self, x: Value | int, y: Value | int) -> Value | int:
        if isinstance(x, int) and isinstance(y, int):
            return x - y
        if y == 0:
            return x
        return self.b.insert(arith.SubIOp(self.v(x), self.v(y))).result

    def mul(self, x: Value | int, y: Value | int) -> Value | int:
        if isinstance(x, int) and isinstance(y, int):
            return x * y
        if y == 1:
            return x
        if x == 1:
            return y
        return self.b.insert(arith.MulIOp(self.v(x), self.v(y))).result

    def div(self, x: Value | int, y: Value | int) -> Value | int:
        if isinstance(x, int) and isinstance(y, int):
            return x // y
        return x if y == 1 else self.b.insert(arith.DivUIOp(self.v(x), self.v(y))).result

    def rem(self, x: Value | int, y: Value | int) -> Value | int:
        if isinstance(x, int) and isinstance(y, int):
            return x % y
        return 0 if y == 1 else self.b.insert(arith.RemUIOp(self.v(x), self.v(y))).result

    def lt(self, x: Value | int, y: Value | int) -> Value | bool:
        if isinstance(x, int) and isinstance(y, int):
            return x < y
        return self.b.insert(arith.CmpIOp(self.v(x), self.v(y), predicate="ult")).result

    def all(self, conds: list) -> Value | bool:
        """The conjunction (True when every condition is statically true)."""
        if any(c is False for c in conds):
            return False
        dyn = [c for c in conds if c is not True]
        if not dyn:
            return True
        out = dyn[0]
        for c in dyn[1:]:
            out = self.b.insert(arith.AndIOp(out, c)).result
        return out


def _zero(b: Builder, t: Type) -> Value:
    if isinstance(t, FloatType):
        attr: Any = FloatAttr(0.0, t)
    else:
        attr = IntegerAttr(0, t)
    return b.insert(arith.ConstantOp(value=attr)).result


@dataclass(frozen=True)
class Tiling:
    bm: int
    bn: int
    bk: int
    tm: int
    tn: int

    @property
    def threads(self) -> tuple[int, int]:
        return self.bn // self.tn, self.bm // self.tm  # (x, y)


class _KernelBuilder:
    """Emits the tiled kernel of one Contraction into a gpu.launch (see module docstring)."""

    def __init__(self, c: Contraction, t: Tiling) -> None:
        self.c, self.t = c, t

    def bound(self, b: Builder, loop: Operation) -> Value | int:
        m = loop.upper_bound_map
        if m.is_single_constant():
            return m.get_single_constant_result()
        return b.insert(AffineApplyOp(m, list(loop.upperBoundOperands))).result

    def build(self) -> LaunchOp:
        c, t = self.c, self.t
        host = Builder(c.root.parent, c.root)
        hb = _B(host)
        sizes = [self.bound(host, lp) for lp in (*c.batch, c.row, c.col, c.red)]
        *batch, m, n, k = sizes
        nbatch: Value | int = 1
        for s in batch:
            nbatch = hb.mul(nbatch, s) if isinstance(s, int) else hb.mul(s, nbatch)
        grid = [self.ceildiv(host, n, t.bn), self.ceildiv(host, m, t.bm), hb.v(nbatch)]
        tx_n, ty_n = t.threads
        launch = host.insert(LaunchOp(grid, [hb.v(tx_n), hb.v(ty_n), hb.v(1)],
                                      location=c.root.location))  # fmt: skip
        body = launch.body
        kb = Builder(body, body.last)
        self.emit(kb, launch, batch, m, n, k)
        return launch

    @staticmethod
    def ceildiv(b: Builder, x: Value | int, d: int) -> Value:
        if isinstance(x, int):
            return _B(b).v(-(-x // d))
        m = AffineMap(0, 1, [AffineSymbolExpr(0).ceildiv(d)])
        return b.insert(AffineApplyOp(m, [x])).result

    def tile_layout(self, load: Operation, k_inner: bool, rows: int) -> tuple[MemRefType, bool]:
        """The workgroup buffer of one operand's tile and whether it is stored k-minor:
        `rows` x BK (+1 padding) when k is the operand's contiguous dimension, else BK x rows."""
        t = self.t
        et = load.results[0].type
        if k_inner:
            return MemRefType((rows, t.bk + 1), et, None, WORKGROUP), True
        return MemRefType((t.bk, rows), et, None, WORKGROUP), False

    def emit(self, kb: Builder, launch: LaunchOp, batch: list, m: Any, n: Any, k: Any) -> None:
        c, t = self.c, self.t
        e = _B(kb)
        bx, by, bz = launch.block_ids
        tx, ty = launch.thread_ids[0], launch.thread_ids[1]
        tx_n, ty_n = t.threads
        nthreads = tx_n * ty_n
        a_type, a_kminor = self.tile_layout(c.a, c.a_k_inner, t.bm)
        b_type, b_kminor = self.tile_layout(c.b, c.b_k_inner, t.bn)
        a_sh = kb.insert(AllocaOp(result_types=[a_type])).results[0]
        b_sh = kb.insert(AllocaOp(result_types=[b_type])).results[0]
        tid = e.add(e.mul(ty, tx_n), tx)
        row0, col0 = e.mul(by, t.bm), e.mul(bx, t.bn)
        mapping: dict = {}
        rest: Any = bz  # the batch loops' linear index, the last loop fastest
        for i in range(len(c.batch) - 1, -1, -1):
            iv = c.batch[i].induction_var
            mapping[iv] = e.v(e.rem(rest, batch[i]) if i else rest)
            rest = e.div(rest, batch[i]) if i else rest
        for op in c.pre:
            kb.insert(op.clone(mapping))
        init = c.red.operands[len(c.red.operands) - 1]
        ktiles = self.ceildiv(kb, k, t.bk) if not isinstance(k, int) else e.v(-(-k // t.bk))
        inits = [init] * (t.tm * t.tn)
        rows = [e.add(ty, r * ty_n) for r in range(t.tm)]  # the thread's rows in the tile
        cols = [e.add(tx, q * tx_n) for q in range(t.tn)]
        loop = kb.insert(ForOp(e.v(0), ktiles, e.v(1), inits))
        lb = loop.body_builder()
        le = _B(lb)
        k0 = le.mul(loop.induction_var, t.bk)
        self.copy(lb, c.a, a_sh, a_kminor, t.bm, row0, m, k0, k, tid, nthreads, mapping,
                  c.row.induction_var)  # fmt: skip
        self.copy(lb, c.b, b_sh, b_kminor, t.bn, col0, n, k0, k, tid, nthreads, mapping,
                  c.col.induction_var)  # fmt: skip
        lb.insert(BarrierOp())
        # The slice's k loop: BK (unrolled by UNROLL: fewer branches, immediate workgroup
        # offsets), or what is left of K in the last slice.
        unroll = 1
        if isinstance(k, int) and k % t.bk == 0:
            kend: Value = le.v(t.bk)
            unroll = next(u for u in (UNROLL, 2, 1) if t.bk % u == 0)
        else:
            left = le.sub(k, k0)
            kend = lb.insert(arith.MinUIOp(le.v(left), le.v(t.bk))).result
        inner = lb.insert(ForOp(le.v(0), kend, le.v(unroll), list(loop.region_iter_args)))
        ib = inner.body_builder()
        ie = _B(ib)
        out = list(inner.region_iter_args)
        red_body = c.red.body
        red_acc = red_body.args[1]
        for u in range(unroll):
            kk = ie.v(ie.add(inner.induction_var, u))
            a_vals = [ib.insert(LoadOp(a_sh, [r, kk] if a_kminor else [kk, r])).result
                      for r in rows]  # fmt: skip
            b_vals = [ib.insert(LoadOp(b_sh, [kk, q] if not b_kminor else [q, kk])).result
                      for q in cols]  # fmt: skip
            accs, out = out, []
            for r in range(t.tm):
                for q in range(t.tn):
                    mp = dict(mapping)
                    mp[c.red.induction_var] = _LazyIndex(ie, k0, kk)
                    mp[red_acc] = accs[r * t.tn + q]
                    mp[c.a.results[0]] = a_vals[r]
                    mp[c.b.results[0]] = b_vals[q]
                    mp[c.row.induction_var] = _LazyIndex(ie, row0, rows[r])
                    mp[c.col.induction_var] = _LazyIndex(ie, col0, cols[q])
                    out.append(self.clone_body(ib, red_body, mp))
        inner.set_yielded(out)
        lb.insert(BarrierOp())
        loop.set_yielded(list(inner.results))
        # The epilogue: each element of the thread's tile inside C.
        for r in range(t.tm):
            for q in range(t.tn):
                row = e.add(row0, rows[r])
                col = e.add(col0, cols[q])
                ok = e.all([self.inside(e, m, t.bm, rows[r], row),
                            self.inside(e, n, t.bn, cols[q], col)])  # fmt: skip
                mp = dict(mapping)
                mp[c.row.induction_var] = e.v(row)
                mp[c.col.induction_var] = e.v(col)
                mp[c.red.results[0]] = loop.results[r * t.tn + q]
                if ok is True:
                    eb = kb
                else:
                    guard = kb.insert(IfOp(ok))
                    eb = Builder(guard.regions[0].blocks[0], guard.regions[0].blocks[0].last)
                for op in c.post:
                    eb.insert(op.clone(mp))

    @staticmethod
    def inside(e: _B, size: Any, tile: int, local: Any, glob: Any) -> Value | bool:
        """glob < size, True where a static size is a multiple of the tile."""
        if isinstance(size, int) and size % tile == 0:
            return True
        return e.lt(glob, size)

    def clone_body(self, b: Builder, body: Any, mapping: dict) -> Value:
        """The reduction body's ops cloned (loads replaced by the mapped tile values); the
        yielded value."""
        for op in body.ops:
            if op.name == "affine.yield":
                return _resolve(mapping, op.operands[0])
            if op.name == "affine.load":
                continue
            for v in op.operands:
                lazy = mapping.get(v)
                if isinstance(lazy, _LazyIndex):
                    mapping[v] = lazy.value()
            new = b.insert(op.clone(mapping))
            if new.name in _CONTRACT and new.fastmath.flags == "none":
                # acc + a * b may become one FMA (one rounding), as CUDA compiles it.
                new.properties["fastmath"] = FastMathFlagsAttr("contract")
        raise AssertionError("reduction body without affine.yield")

    def copy(self, b: Builder, load: Operation, sh: Value, kminor: bool, rows: int,
             base: Any, size: Any, k0: Any, k: Any, tid: Any, nthreads: int, mapping: dict,
             iv: Value) -> None:  # fmt: skip
        """Each thread copies its elements of the rows x BK tile of `load`'s operand: element
        e = tid + s * nthreads of the tile in the operand's layout, consecutive threads on
        consecutive addresses."""
        t = self.t
        e = _B(b)
        inner = t.bk if kminor else rows
        total = rows * t.bk
        steps = -(-total // nthreads)
        et = load.results[0].type
        zero = None
        for s in range(steps):
            full = (s + 1) * nthreads <= total  # every thread has an element
            flat = None if full and nthreads % inner == 0 else e.add(tid, s * nthreads)
            if flat is None:
                minor = e.rem(tid, inner)
                major = e.add(e.div(tid, inner), s * nthreads // inner)
            else:
                minor, major = e.rem(flat, inner), e.div(flat, inner)
            r, kk = (major, minor) if kminor else (minor, major)
            g_row, g_k = e.add(base, r), e.add(k0, kk)
            in_tile = True if full else e.lt(flat, total)
            conds = [in_tile]
            conds.append(True if isinstance(size, int) and size % rows == 0 else e.lt(g_row, size))
            conds.append(True if isinstance(k, int) and k % t.bk == 0 else e.lt(g_k, k))
            mp = dict(mapping)
            mp[iv] = e.v(g_row)
            mp[self.c.red.induction_var] = e.v(g_k)
            idx = [e.v(r), e.v(kk)] if kminor else [e.v(kk), e.v(r)]
            load_ok = e.all(conds[1:])
            if load_ok is True:
                val = b.insert(load.clone(mp)).results[0]
            else:
                if zero is None:
                    zero = _zero(b, et)
                guard = b.insert(IfOp(load_ok, [et], with_else=True))
                then = Builder(guard.regions[0].blocks[0], None)
                v = then.insert(load.clone(mp)).results[0]
                then.insert(YieldOp([v]))
                Builder(guard.regions[1].blocks[0], None).insert(YieldOp([zero]))
                val = guard.results[0]
            if in_tile is True:
                b.insert(StoreOp(val, sh, idx))
            else:
                guard = b.insert(IfOp(in_tile))
                Builder(guard.regions[0].blocks[0], guard.regions[0].blocks[0].last).insert(
                    StoreOp(val, sh, idx))  # fmt: skip


class _LazyIndex:
    """A row or column index of C computed only where the reduction body reads it."""

    __slots__ = ("e", "base", "local", "_v")

    def __init__(self, e: _B, base: Any, local: Any) -> None:
        self.e, self.base, self.local, self._v = e, base, local, None

    def value(self) -> Value:
        if self._v is None:
            self._v = self.e.v(self.e.add(self.base, self.local))
        return self._v


def _resolve(mapping: dict, v: Value) -> Value:
    got = mapping.get(v, v)
    return got.value() if isinstance(got, _LazyIndex) else got


def _sink_constants(launch: LaunchOp) -> None:
    """Constants from above are recomputed in the kernel rather than passed."""
    body = launch.body
    at = Builder(body, body.first)
    clones: dict = {}
    for op in [o for blk in launch.regions[0].blocks for top in blk.ops for o in top.walk()]:
        for i, u in enumerate(op.operand_uses):
            v = u.value
            if isinstance(v, OpResult) and v.owner.name == "arith.constant" and \
                    not launch.is_ancestor(v.owner):  # fmt: skip
                new = clones.get(v)
                if new is None:
                    new = clones[v] = at.insert(v.owner.clone()).results[0]
                op.set_operand(i, new)


def _workgroup_attributions(func: Operation) -> None:
    """The tiles' placeholder allocas become the kernel's workgroup attributions."""
    for op in [o for o in func.walk() if o.name == "memref.alloca"]:
        t = op.results[0].type
        if isinstance(t.memory_space, AddressSpaceAttr) and t.memory_space.value == "workgroup":
            op.results[0].replace_all_uses_with(func.add_workgroup_attribution(t))
            op.erase()


def convert_contraction(c: Contraction, module: Operation, func_name: str, t: Tiling):
    launch = _KernelBuilder(c, t).build()
    c.root.erase()
    _sink_constants(launch)
    call = outline_launch(launch, module, func_name)
    gpu_module = next(o for o in module.regions[0].blocks[0].ops if o.name == "gpu.module"
                      and o.get_attr("sym_name").value == call.module_name)  # fmt: skip
    func = gpu_module.lookup(call.kernel_name)
    _workgroup_attributions(func)
    LowerAffine().run(func)
    return call


@register_pass
@dataclass
class ConvertAffineMatmulToGPU(Pass):
    """Matrix product loop nests to shared-memory tiled GPU kernels (module docstring)."""

    name = "convert-affine-matmul-to-gpu"
    summary = ("Convert matrix product affine loop nests to GPU kernels staging operand tiles "
               "in workgroup memory")  # fmt: skip
    op_name = "builtin.module"
    dependent_dialects = ("affine", "arith", "gpu", "memref", "scf")
    tile_sizes: list[int] = option([64, 64, 16], "Tile of C a block computes (M, N) and the "
                                   "slice of K staged at a time")  # fmt: skip
    thread_tile_sizes: list[int] = option([4, 4], "Elements of C each thread computes (M, N)")

    def tiling(self, op: Operation) -> Tiling:
        if len(self.tile_sizes) != 3 or len(self.thread_tile_sizes) != 2:
            raise _error(op, "convert-affine-matmul-to-gpu: tile-sizes takes 3 values (M, N, "
                         "K), thread-tile-sizes 2 (M, N)")  # fmt: skip
        (bm, bn, bk), (tm, tn) = self.tile_sizes, self.thread_tile_sizes
        if min(bm, bn, bk, tm, tn) <= 0 or bm % tm or bn % tn:
            raise _error(op, "convert-affine-matmul-to-gpu: tile sizes must be positive and "
                         "the thread tile must divide the block tile")  # fmt: skip
        if (bm // tm) * (bn // tn) > 1024:
            raise _error(op, f"convert-affine-matmul-to-gpu: {(bm // tm) * (bn // tn)} threads "
                         "per block (tile / thread tile) exceed the GPU's 1024")  # fmt: skip
        return Tiling(bm, bn, bk, tm, tn)

    def run(self, op: Operation) -> None:
        t = self.tiling(op)
        top = op.regions[0].blocks[0]
        for func in [o for o in top.ops if o.name == "func.func"]:
            name = func.get_attr("sym_name").value
            for block in func.regions[0].blocks:
                for loop in [o for o in block.ops if o.name == "affine.for"]:
                    c = match_contraction(loop)
                    if c is not None:
                        convert_contraction(c, op, name, t)
                        op.attributes["gpu.container_module"] = UnitAttr()


def nn_to_gpu_pipeline(block_dims: int = 2, thread_dims: int = 2, tile_matmul: bool = True,
                       tile_sizes: tuple = (64, 64, 16), thread_tile_sizes: tuple = (4, 4)
                       ) -> str:  # fmt: skip
    """The pipeline text nn-to-gpu runs."""
    tiled = ""
    if tile_matmul:
        tiled = (
            "convert-affine-matmul-to-gpu{tile-sizes=" + ",".join(map(str, tile_sizes))
            + " thread-tile-sizes=" + ",".join(map(str, thread_tile_sizes)) + "}, "
        )  # fmt: skip
    return (
        f"builtin.module(nn-to-loops, {tiled}func.func(convert-affine-for-to-gpu{{"
        f"gpu-block-dims={block_dims} gpu-thread-dims={thread_dims}}}), "
        "gpu-launch-sink-index-computations, gpu-kernel-outlining)"
    )


@register_pass
@dataclass
class NNToGPU(Pass):
    """The nn graph to GPU kernels at the gpu level (then gpu-lower-to-nvvm-pipeline for PTX,
    or gpu-emulate-on-cpu to run them on the CPU)."""

    name = "nn-to-gpu"
    summary = (
        "Lower an nn graph to gpu kernels: nn-to-loops, convert-affine-matmul-to-gpu, "
        "convert-affine-for-to-gpu, gpu-launch-sink-index-computations, gpu-kernel-outlining"
    )
    op_name = "builtin.module"
    dependent_dialects = ("affine", "arith", "gpu", "math", "memref", "func", "nn", "scf")
    gpu_block_dims: int = option(2, "Loops of each nest mapped to block dimensions")
    gpu_thread_dims: int = option(2, "Loops of each nest mapped to thread dimensions")
    tile_matmul: bool = option(True, "Matrix products as shared-memory tiled kernels "
                               "(convert-affine-matmul-to-gpu)")  # fmt: skip
    tile_sizes: list[int] = option([64, 64, 16], "convert-affine-matmul-to-gpu's tile-sizes")
    thread_tile_sizes: list[int] = option([4, 4], "convert-affine-matmul-to-gpu's "
                                          "thread-tile-sizes")  # fmt: skip

    def run(self, op: Operation) -> None:
        parse_pipeline(nn_to_gpu_pipeline(
            self.gpu_block_dims, self.gpu_thread_dims, self.tile_matmul, tuple(self.tile_sizes),
            tuple(self.thread_tile_sizes))).run(op)  # fmt: skip


__all__ = ["ConvertAffineMatmulToGPU", "Contraction", "NNToGPU", "Tiling", "convert_contraction",
           "match_contraction", "nn_to_gpu_pipeline"]  # fmt: skip
