"""GPU kernels in MLIR's gpu syntax, with the numpy computation each must match: the inputs
of the gpu tests (emulation on the CPU, PTX for sm_80 and sm_90). Each entry: MLIR text with
a host `func.func @main` launching the kernel, the argument arrays, and the reference."""

from __future__ import annotations

import numpy as np


def _program(kernel: str, main: str) -> str:
    """A container module: `gpu.module @k` holding `kernel`, then the host `main`."""
    head = "module attributes {gpu.container_module} {\n  gpu.module @k {\n"
    return f"{head}{kernel}  }}\n{main}\n}}\n"


def _main(params: str, kernel: str, grid: str, block: str, setup: str = "") -> str:
    """A host `@main(params)` that runs `setup`, then launches `@k::@<kernel>` with `grid`
    and `block` sizes (three index values each; `%c1` is 1), passing `params` through."""
    args = ", ".join(
        f"{n.strip()} : {t.strip()}" for n, t in (p.split(":", 1) for p in params.split(", "))
    )
    return f"""  func.func @main({params}) {{
    %c1 = arith.constant 1 : index
{setup}    gpu.launch_func @k::@{kernel} blocks in ({grid}) threads in ({block})
        args({args})
    return
  }}"""


def _tiles_2d(out: str, tile: int) -> str:
    """Host code for a 2-D grid `%gx` x `%gy` of `%ct` x `%ct` blocks that covers `out`
    (rows on y, columns on x)."""
    return f"""    %c0 = arith.constant 0 : index
    %cm = arith.constant {tile - 1} : index
    %ct = arith.constant {tile} : index
    %M = memref.dim {out}, %c0 : memref<?x?xf32>
    %N = memref.dim {out}, %c1 : memref<?x?xf32>
    %m1 = arith.addi %M, %cm : index
    %n1 = arith.addi %N, %cm : index
    %gy = arith.divui %m1, %ct : index
    %gx = arith.divui %n1, %ct : index
"""


def _grid2d_main(params: str, kernel: str, out: str, tile: int) -> str:
    return _main(params, kernel, "%gx, %gy, %c1", "%ct, %ct, %c1", _tiles_2d(out, tile))


ELEMENTWISE = _program(
    """\
    // A guarded 1-D kernel: y = a * x + y for i < n (the grid covers more than n).
    gpu.func @saxpy(%a: f32, %x: memref<?xf32>, %y: memref<?xf32>) kernel {
      %c0 = arith.constant 0 : index
      %i = gpu.global_id x
      %n = memref.dim %x, %c0 : memref<?xf32>
      %in = arith.cmpi ult, %i, %n : index
      scf.if %in {
        %xv = memref.load %x[%i] : memref<?xf32>
        %yv = memref.load %y[%i] : memref<?xf32>
        %p = arith.mulf %a, %xv : f32
        %s = arith.addf %p, %yv : f32
        memref.store %s, %y[%i] : memref<?xf32>
      }
      gpu.return
    }
""",
    _main(
        "%a: f32, %x: memref<?xf32>, %y: memref<?xf32>",
        "saxpy",
        "%g, %c1, %c1",
        "%c32, %c1, %c1",
        """\
    %c0 = arith.constant 0 : index
    %c32 = arith.constant 32 : index
    %c31 = arith.constant 31 : index
    %n = memref.dim %x, %c0 : memref<?xf32>
    %n31 = arith.addi %n, %c31 : index
    %g = arith.divui %n31, %c32 : index
""",
    ),  # fmt: skip
)

REDUCTION = _program(
    """\
    // Sum of each block's 64 values: a tree in workgroup memory, a barrier after each level.
    gpu.func @block_sum(%x: memref<?xf32>, %out: memref<?xf32>)
        workgroup(%sh: memref<64xf32, #gpu.address_space<workgroup>>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c6 = arith.constant 6 : index
      %c32 = arith.constant 32 : index
      %zero = arith.constant 0.0 : f32
      %tid = gpu.thread_id x
      %bid = gpu.block_id x
      %bdim = gpu.block_dim x
      %n = memref.dim %x, %c0 : memref<?xf32>
      %base = arith.muli %bid, %bdim : index
      %i = arith.addi %base, %tid : index
      %in = arith.cmpi ult, %i, %n : index
      %v = scf.if %in -> (f32) {
        %l = memref.load %x[%i] : memref<?xf32>
        scf.yield %l : f32
      } else {
        scf.yield %zero : f32
      }
      memref.store %v, %sh[%tid] : memref<64xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      scf.for %k = %c0 to %c6 step %c1 {
        %s = arith.shrui %c32, %k : index
        %act = arith.cmpi ult, %tid, %s : index
        scf.if %act {
          %j = arith.addi %tid, %s : index
          %a = memref.load %sh[%tid] : memref<64xf32, #gpu.address_space<workgroup>>
          %b = memref.load %sh[%j] : memref<64xf32, #gpu.address_space<workgroup>>
          %r = arith.addf %a, %b : f32
          memref.store %r, %sh[%tid] : memref<64xf32, #gpu.address_space<workgroup>>
        }
        gpu.barrier
      }
      %first = arith.cmpi eq, %tid, %c0 : index
      scf.if %first {
        %r = memref.load %sh[%c0] : memref<64xf32, #gpu.address_space<workgroup>>
        memref.store %r, %out[%bid] : memref<?xf32>
      }
      gpu.return
    }
""",
    _main(
        "%x: memref<?xf32>, %out: memref<?xf32>",
        "block_sum",
        "%g, %c1, %c1",
        "%c64, %c1, %c1",
        """\
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %g = memref.dim %out, %c0 : memref<?xf32>
""",
    ),  # fmt: skip
)

MATMUL = _program(
    """\
    // C = A B, one thread per element of C, guarded.
    gpu.func @matmul(%A: memref<?x?xf32>, %B: memref<?x?xf32>, %C: memref<?x?xf32>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %zero = arith.constant 0.0 : f32
      %row = gpu.global_id y
      %col = gpu.global_id x
      %M = memref.dim %A, %c0 : memref<?x?xf32>
      %K = memref.dim %A, %c1 : memref<?x?xf32>
      %N = memref.dim %B, %c1 : memref<?x?xf32>
      %r_ok = arith.cmpi ult, %row, %M : index
      %c_ok = arith.cmpi ult, %col, %N : index
      %ok = arith.andi %r_ok, %c_ok : i1
      scf.if %ok {
        %acc = scf.for %k = %c0 to %K step %c1 iter_args(%s = %zero) -> (f32) {
          %a = memref.load %A[%row, %k] : memref<?x?xf32>
          %b = memref.load %B[%k, %col] : memref<?x?xf32>
          %p = arith.mulf %a, %b : f32
          %t = arith.addf %s, %p : f32
          scf.yield %t : f32
        }
        memref.store %acc, %C[%row, %col] : memref<?x?xf32>
      }
      gpu.return
    }
""",
    _grid2d_main(
        "%A: memref<?x?xf32>, %B: memref<?x?xf32>, %C: memref<?x?xf32>", "matmul", "%C", 8
    ),
)

TILED_MATMUL = _program(
    """\
    // C = A B with 8x8 tiles of A and B staged in workgroup memory: each thread loads one
    // element of each tile (zero outside the matrices: partial tiles), a barrier, the
    // partial dot product from the tiles, a barrier before the next tiles overwrite them.
    gpu.func @matmul_tiled(%A: memref<?x?xf32>, %B: memref<?x?xf32>, %C: memref<?x?xf32>)
        workgroup(%As: memref<8x8xf32, #gpu.address_space<workgroup>>,
                  %Bs: memref<8x8xf32, #gpu.address_space<workgroup>>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c7 = arith.constant 7 : index
      %c8 = arith.constant 8 : index
      %zero = arith.constant 0.0 : f32
      %tx = gpu.thread_id x
      %ty = gpu.thread_id y
      %bx = gpu.block_id x
      %by = gpu.block_id y
      %M = memref.dim %A, %c0 : memref<?x?xf32>
      %K = memref.dim %A, %c1 : memref<?x?xf32>
      %N = memref.dim %B, %c1 : memref<?x?xf32>
      %r0 = arith.muli %by, %c8 : index
      %row = arith.addi %r0, %ty : index
      %q0 = arith.muli %bx, %c8 : index
      %col = arith.addi %q0, %tx : index
      %k7 = arith.addi %K, %c7 : index
      %tiles = arith.divui %k7, %c8 : index
      %row_ok = arith.cmpi ult, %row, %M : index
      %col_ok = arith.cmpi ult, %col, %N : index
      %acc = scf.for %t = %c0 to %tiles step %c1 iter_args(%sum = %zero) -> (f32) {
        %kb = arith.muli %t, %c8 : index
        %ka = arith.addi %kb, %tx : index
        %ka_ok = arith.cmpi ult, %ka, %K : index
        %a_ok = arith.andi %row_ok, %ka_ok : i1
        %av = scf.if %a_ok -> (f32) {
          %v = memref.load %A[%row, %ka] : memref<?x?xf32>
          scf.yield %v : f32
        } else {
          scf.yield %zero : f32
        }
        memref.store %av, %As[%ty, %tx] : memref<8x8xf32, #gpu.address_space<workgroup>>
        %kbb = arith.addi %kb, %ty : index
        %kb_ok = arith.cmpi ult, %kbb, %K : index
        %b_ok = arith.andi %kb_ok, %col_ok : i1
        %bv = scf.if %b_ok -> (f32) {
          %v = memref.load %B[%kbb, %col] : memref<?x?xf32>
          scf.yield %v : f32
        } else {
          scf.yield %zero : f32
        }
        memref.store %bv, %Bs[%ty, %tx] : memref<8x8xf32, #gpu.address_space<workgroup>>
        gpu.barrier
        %part = scf.for %k = %c0 to %c8 step %c1 iter_args(%s = %sum) -> (f32) {
          %a = memref.load %As[%ty, %k] : memref<8x8xf32, #gpu.address_space<workgroup>>
          %b = memref.load %Bs[%k, %tx] : memref<8x8xf32, #gpu.address_space<workgroup>>
          %p = arith.mulf %a, %b : f32
          %n = arith.addf %s, %p : f32
          scf.yield %n : f32
        }
        gpu.barrier
        scf.yield %part : f32
      }
      %ok = arith.andi %row_ok, %col_ok : i1
      scf.if %ok {
        memref.store %acc, %C[%row, %col] : memref<?x?xf32>
      }
      gpu.return
    }
""",
    _grid2d_main(
        "%A: memref<?x?xf32>, %B: memref<?x?xf32>, %C: memref<?x?xf32>", "matmul_tiled", "%C", 8
    ),
)

CONV = _program(
    """\
    // A 2-D convolution (valid, one channel, 3x3 filter): a thread per output element.
    gpu.func @conv(%in: memref<?x?xf32>, %w: memref<3x3xf32>, %out: memref<?x?xf32>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c3 = arith.constant 3 : index
      %zero = arith.constant 0.0 : f32
      %i = gpu.global_id y
      %j = gpu.global_id x
      %H = memref.dim %out, %c0 : memref<?x?xf32>
      %W = memref.dim %out, %c1 : memref<?x?xf32>
      %i_ok = arith.cmpi ult, %i, %H : index
      %j_ok = arith.cmpi ult, %j, %W : index
      %ok = arith.andi %i_ok, %j_ok : i1
      scf.if %ok {
        %acc = scf.for %p = %c0 to %c3 step %c1 iter_args(%s = %zero) -> (f32) {
          %r = scf.for %q = %c0 to %c3 step %c1 iter_args(%t = %s) -> (f32) {
            %y = arith.addi %i, %p : index
            %x = arith.addi %j, %q : index
            %v = memref.load %in[%y, %x] : memref<?x?xf32>
            %f = memref.load %w[%p, %q] : memref<3x3xf32>
            %m = arith.mulf %v, %f : f32
            %n = arith.addf %t, %m : f32
            scf.yield %n : f32
          }
          scf.yield %r : f32
        }
        memref.store %acc, %out[%i, %j] : memref<?x?xf32>
      }
      gpu.return
    }
""",
    _grid2d_main(
        "%in: memref<?x?xf32>, %w: memref<3x3xf32>, %out: memref<?x?xf32>", "conv", "%out", 4
    ),
)

BRANCHES = _program(
    """\
    // Control flow with cf branches: a guard, then relu through a block argument.
    gpu.func @relu(%x: memref<?xf32>, %y: memref<?xf32>) kernel {
      %c0 = arith.constant 0 : index
      %zero = arith.constant 0.0 : f32
      %i = gpu.global_id x
      %n = memref.dim %x, %c0 : memref<?xf32>
      %in = arith.cmpi ult, %i, %n : index
      cf.cond_br %in, ^bb1, ^bb3
    ^bb1:
      %v = memref.load %x[%i] : memref<?xf32>
      %pos = arith.cmpf ogt, %v, %zero : f32
      cf.cond_br %pos, ^bb2(%v : f32), ^bb2(%zero : f32)
    ^bb2(%r: f32):
      memref.store %r, %y[%i] : memref<?xf32>
      cf.br ^bb3
    ^bb3:
      gpu.return
    }
""",
    _main(
        "%x: memref<?xf32>, %y: memref<?xf32>",
        "relu",
        "%c3, %c1, %c1",
        "%c16, %c1, %c1",
        """\
    %c3 = arith.constant 3 : index
    %c16 = arith.constant 16 : index
""",
    ),  # fmt: skip
)


def cases(seed: int = 0) -> dict:
    """name -> (MLIR text, input arrays, the arrays after the run that numpy computes, and
    the positions of the inputs the kernel writes)."""
    rng = np.random.default_rng(seed)

    def f32(*shape):
        return rng.standard_normal(shape).astype(np.float32)

    x, y = f32(77), f32(77)
    r = f32(200)
    A, B = f32(20, 27), f32(27, 18)
    img, w = f32(11, 13), f32(3, 3)
    conv = np.zeros((9, 11), np.float32)
    for p in range(3):
        for q in range(3):
            conv += img[p : p + 9, q : q + 11] * w[p, q]
    rx = f32(45)
    return {
        "elementwise": (ELEMENTWISE, [np.float32(1.5), x, y.copy()], {2: 1.5 * x + y}),
        "reduction": (REDUCTION, [r, np.zeros(4, np.float32)],
                      {1: np.array([r[i * 64 : (i + 1) * 64].sum() for i in range(4)])}),
        "matmul": (MATMUL, [A, B, np.zeros((20, 18), np.float32)], {2: A @ B}),
        "tiled_matmul": (TILED_MATMUL, [A, B, np.zeros((20, 18), np.float32)], {2: A @ B}),
        "conv": (CONV, [img, w, np.zeros((9, 11), np.float32)], {2: conv}),
        "branches": (BRANCHES, [rx, np.zeros(45, np.float32)], {1: np.maximum(rx, 0)}),
    }  # fmt: skip


# -- warp shuffles and reductions ----------------------------------------------------------------


def _collective_kernel(name: str, params: str, body: str, threads: int, blocks: int = 1) -> str:
    """A kernel `@name(params)` over `blocks` blocks of `threads` threads; `body` sees %t
    (the thread id), %g (the global id), %x (x[%g] when an %x_ parameter exists)."""
    load = "      %x = memref.load %x_[%g] : memref<?xf32>\n" if "%x_:" in params else ""
    kernel = f"""\
    gpu.func @{name}({params}) kernel {{
      %t = gpu.thread_id x
      %g = gpu.global_id x
{load}{body}
      gpu.return
    }}
"""
    setup = f"""\
    %cb = arith.constant {blocks} : index
    %ct = arith.constant {threads} : index
"""
    return _program(kernel, _main(params, name, "%cb, %c1, %c1", "%ct, %c1, %c1", setup))


_SHUFFLE_BODY = """      %miss = arith.constant -100.0 : f32
      %w32 = arith.constant 32 : i32
      %w16 = arith.constant 16 : i32
      %o5 = arith.constant 5 : i32
      %o3 = arith.constant 3 : i32
      %o7 = arith.constant 7 : i32
      %o9 = arith.constant 9 : i32
      %ti = arith.index_cast %t : index to i32
      %c4 = arith.constant 4 : i32
      %dyn = arith.remui %ti, %c4 : i32
      %a, %va = gpu.shuffle xor %x, %o5, %w32 : f32
      %b, %vb = gpu.shuffle up %x, %o3, %w32 : f32
      %c, %vc = gpu.shuffle down %x, %o7, %w16 : f32
      %d, %vd = gpu.shuffle idx %x, %o9, %w32 : f32
      %e, %ve = gpu.shuffle down %x, %dyn, %w32 : f32
      %i, %vi = gpu.shuffle xor %ti, %o3, %w32 : i32
      %ra = arith.select %va, %a, %miss : f32
      %rb = arith.select %vb, %b, %miss : f32
      %rc = arith.select %vc, %c, %miss : f32
      %rd = arith.select %vd, %d, %miss : f32
      %re = arith.select %ve, %e, %miss : f32
      %rf = arith.sitofp %i : i32 to f32
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %c3 = arith.constant 3 : index
      %c4i = arith.constant 4 : index
      %c5 = arith.constant 5 : index
      memref.store %ra, %out[%c0, %g] : memref<6x?xf32>
      memref.store %rb, %out[%c1, %g] : memref<6x?xf32>
      memref.store %rc, %out[%c2, %g] : memref<6x?xf32>
      memref.store %rd, %out[%c3, %g] : memref<6x?xf32>
      memref.store %re, %out[%c4i, %g] : memref<6x?xf32>
      memref.store %rf, %out[%c5, %g] : memref<6x?xf32>"""

SHUFFLE = _collective_kernel(
    "shuffles", "%x_: memref<?xf32>, %out: memref<6x?xf32>", _SHUFFLE_BODY, 64, 2
)

_SUBGROUP_BODY = """      %ti = arith.index_cast %g : index to i32
      %s = gpu.subgroup_reduce add %x : (f32) -> f32
      %m = gpu.subgroup_reduce maximumf %x uniform : (f32) -> f32
      %n = gpu.subgroup_reduce minnumf %x : (f32) -> f32
      %p = gpu.subgroup_reduce mul %x {cluster_size = 4 : i32} : (f32) -> f32
      %q = gpu.subgroup_reduce add %x {cluster_size = 4 : i32, cluster_stride = 8 : i32} : (f32) -> f32
      %c7 = arith.constant 7 : i32
      %c3 = arith.constant 3 : i32
      %ii = arith.muli %ti, %c7 : i32
      %iv = arith.subi %ii, %c3 : i32
      %r1 = gpu.subgroup_reduce minsi %iv : (i32) -> i32
      %r2 = gpu.subgroup_reduce maxui %iv : (i32) -> i32
      %r3 = gpu.subgroup_reduce xor %iv : (i32) -> i32
      %r4 = gpu.subgroup_reduce or %iv {cluster_size = 8 : i32} : (i32) -> i32
      %r5 = gpu.subgroup_reduce and %iv {cluster_size = 2 : i32} : (i32) -> i32
      %r6 = gpu.subgroup_reduce add %iv uniform : (i32) -> i32
      %r7 = gpu.subgroup_reduce maxsi %iv : (i32) -> i32
      %r8 = gpu.subgroup_reduce minui %iv : (i32) -> i32
      %r9 = gpu.subgroup_reduce mul %ti {cluster_size = 2 : i32} : (i32) -> i32
      %z = gpu.subgroup_reduce maxnumf %x : (f32) -> f32
      %y = gpu.subgroup_reduce minimumf %x : (f32) -> f32
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %c3i = arith.constant 3 : index
      %c4 = arith.constant 4 : index
      %c5 = arith.constant 5 : index
      %c6 = arith.constant 6 : index
      memref.store %s, %f[%c0, %g] : memref<7x?xf32>
      memref.store %m, %f[%c1, %g] : memref<7x?xf32>
      memref.store %n, %f[%c2, %g] : memref<7x?xf32>
      memref.store %p, %f[%c3i, %g] : memref<7x?xf32>
      memref.store %q, %f[%c4, %g] : memref<7x?xf32>
      memref.store %z, %f[%c5, %g] : memref<7x?xf32>
      memref.store %y, %f[%c6, %g] : memref<7x?xf32>
      %c7i = arith.constant 7 : index
      %c8 = arith.constant 8 : index
      memref.store %r1, %i[%c0, %g] : memref<9x?xi32>
      memref.store %r2, %i[%c1, %g] : memref<9x?xi32>
      memref.store %r3, %i[%c2, %g] : memref<9x?xi32>
      memref.store %r4, %i[%c3i, %g] : memref<9x?xi32>
      memref.store %r5, %i[%c4, %g] : memref<9x?xi32>
      memref.store %r6, %i[%c5, %g] : memref<9x?xi32>
      memref.store %r7, %i[%c6, %g] : memref<9x?xi32>
      memref.store %r8, %i[%c7i, %g] : memref<9x?xi32>
      memref.store %r9, %i[%c8, %g] : memref<9x?xi32>"""

SUBGROUP_REDUCE = _collective_kernel(
    "subgroup",
    "%x_: memref<?xf32>, %f: memref<7x?xf32>, %i: memref<9x?xi32>",
    _SUBGROUP_BODY,
    64,
    2,
)

_ALL_REDUCE_BODY = """      %b = gpu.block_id x
      %ti = arith.index_cast %g : index to i32
      %s = gpu.all_reduce add %x uniform {} : (f32) -> f32
      %m = gpu.all_reduce maximumf %x uniform {} : (f32) -> f32
      %r = gpu.all_reduce %x uniform {
      ^bb0(%l: f32, %q: f32):
        %o = arith.minnumf %l, %q : f32
        gpu.yield %o : f32
      } : (f32) -> f32
      %n = gpu.all_reduce xor %ti uniform {} : (i32) -> i32
      %k = gpu.all_reduce minui %ti uniform {} : (i32) -> i32
      %first = arith.cmpi eq, %t, %b : index
      scf.if %first {
        %c0 = arith.constant 0 : index
        %c1 = arith.constant 1 : index
        %c2 = arith.constant 2 : index
        memref.store %s, %f[%c0, %b] : memref<3x?xf32>
        memref.store %m, %f[%c1, %b] : memref<3x?xf32>
        memref.store %r, %f[%c2, %b] : memref<3x?xf32>
        memref.store %n, %i[%c0, %b] : memref<2x?xi32>
        memref.store %k, %i[%c1, %b] : memref<2x?xi32>
      }"""

ALL_REDUCE = _collective_kernel(
    "all", "%x_: memref<?xf32>, %f: memref<3x?xf32>, %i: memref<2x?xi32>", _ALL_REDUCE_BODY, 48, 3
)


def _shfl(x: np.ndarray, block: int, mode: str, offset, width: int):
    """PTX shfl.sync as MLIR calls it (clamp width - 1, or 32 - width for up): (values,
    valid) per thread of `x` run in blocks of `block` threads."""
    n = len(x)
    val, ok = np.empty_like(x), np.zeros(n, bool)
    for g in range(n):
        t = g % block
        lane, base = t % 32, g - t % 32
        off = (offset[g] if isinstance(offset, np.ndarray) else offset) & 31
        if mode == "up":
            j, valid = lane - off, lane - off >= 32 - width
        else:
            j = {"down": lane + off, "xor": lane ^ off, "idx": off}[mode]
            valid = j <= width - 1
        valid = valid and t - lane + j < block
        ok[g] = valid
        val[g] = x[base + j] if valid else x[g]
    return val, ok


def _clusters(v: np.ndarray, fn, size: int = 32, stride: int = 1) -> np.ndarray:
    out = np.empty_like(v)
    for g in range(len(v)):
        lane, base = g % 32, g - g % 32
        first = base + lane // (size * stride) * size * stride + lane % stride
        out[g] = fn(v[[first + j * stride for j in range(size)]])
    return out


def collective_cases(seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(128).astype(np.float32)
    miss = np.float32(-100)
    shf = []
    for mode, off, width in (("xor", 5, 32), ("up", 3, 32), ("down", 7, 16), ("idx", 9, 32),
                             ("down", np.arange(128) % 64 % 4, 32)):  # fmt: skip
        v, ok = _shfl(x, 64, mode, off, width)
        shf.append(np.where(ok, v, miss))
    ids = np.arange(128) % 64
    shf.append(_shfl(ids.astype(np.float32), 64, "xor", 3, 32)[0])
    iv = (np.arange(128, dtype=np.int64) * 7 - 3).astype(np.int32)
    u = iv.view(np.uint32)
    fsub = [_clusters(x, np.sum), _clusters(x, np.max), _clusters(x, np.min),
            _clusters(x, np.prod, 4), _clusters(x, np.sum, 4, 8), _clusters(x, np.max),
            _clusters(x, np.min)]  # fmt: skip
    isub = [_clusters(iv, np.min), _clusters(u, np.max).view(np.int32),
            _clusters(iv, np.bitwise_xor.reduce), _clusters(iv, np.bitwise_or.reduce, 8),
            _clusters(iv, np.bitwise_and.reduce, 2), _clusters(iv, np.sum), _clusters(iv, np.max),
            _clusters(u, np.min).view(np.int32), _clusters(np.arange(128, dtype=np.int32),
                                                           np.prod, 2)]  # fmt: skip
    xa = rng.standard_normal(144).astype(np.float32)
    blocks = xa.reshape(3, 48)
    ids = np.arange(144, dtype=np.int32).reshape(3, 48)
    return {
        "shuffle": (SHUFFLE, [x, np.zeros((6, 128), np.float32)], {1: np.array(shf)}),
        "subgroup_reduce": (SUBGROUP_REDUCE, [x, np.zeros((7, 128), np.float32),
                            np.zeros((9, 128), np.int32)],
                            {1: np.array(fsub), 2: np.array(isub)}),
        "all_reduce": (ALL_REDUCE, [xa, np.zeros((3, 3), np.float32), np.zeros((2, 3), np.int32)],
                       {1: np.array([blocks.sum(1), blocks.max(1), blocks.min(1)]),
                        2: np.array([np.bitwise_xor.reduce(ids, 1), ids.min(1)])}),
    }  # fmt: skip
