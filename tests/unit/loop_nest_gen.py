"""Random small affine loop nests for the dependence and loop-transformation tests.

A nest is a tree of loops (constant bounds, steps 1-2, perfect or imperfect, depth <= 3)
whose bodies read and write two small buffers through affine subscripts (positive
coefficients, constants, an occasional `mod`/`floordiv`), so that loop-carried dependences,
reductions (`A[i] = A[i] + B[k]`) and independent statements all occur. `NestProgram` holds
the tree, prints it as a func, and enumerates its execution trace in Python (the oracle the
dependence analysis is compared with).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SIZE = 48  # buffer extent: every subscript the generator writes stays below it
BUFFERS = ("A", "B")


@dataclass
class Term:
    """An affine subscript: sum(coef * iv) + const, optionally `mod m` / `floordiv m`."""

    coefs: dict[str, int]
    const: int
    div: tuple[str, int] | None = None

    def text(self) -> str:
        parts = [f"%{iv} * {c}" if c != 1 else f"%{iv}" for iv, c in self.coefs.items() if c]
        body = " + ".join(parts + ([str(self.const)] if self.const or not parts else []))
        if self.div is None:
            return body
        return f"({body}) {self.div[0]} {self.div[1]}"

    def value(self, env: dict[str, int]) -> int:
        v = sum(c * env[iv] for iv, c in self.coefs.items()) + self.const
        if self.div is None:
            return v
        kind, m = self.div
        return v % m if kind == "mod" else v // m


@dataclass
class Access:
    ident: int
    buffer: str
    is_store: bool
    subscripts: list[Term]
    use_memref_op: bool = False  # memref.load/store through affine.apply instead of affine.*


@dataclass
class Stmt:
    """`B[s] = A[r] * 0.5 + 1` (copy) or `A[w] = A[w] + B[r]` (accumulate)."""

    kind: str
    accesses: list[Access]


@dataclass
class Loop:
    iv: str
    lb: int
    ub: int
    step: int
    body: list = field(default_factory=list)


class NestProgram:
    """A random function `@nest(%A, %B)` over memref<SIZExSIZExf32> or memref<SIZExf32>."""

    def __init__(self, rng: random.Random, max_depth: int = 3, rank: int | None = None) -> None:
        self.rng = rng
        self.rank = rank if rank is not None else rng.choice((1, 1, 2))
        self.accesses: list[Access] = []
        self._ivs = 0
        self.roots: list[Loop] = [self._loop(rng, [], max_depth)
                                  for _ in range(rng.choice((1, 1, 2)))]  # fmt: skip

    # -- generation ---------------------------------------------------------------------------

    def _loop(self, rng: random.Random, ivs: list[str], budget: int) -> Loop:
        iv = f"i{self._ivs}"
        self._ivs += 1
        lb = rng.choice((0, 0, 1))
        loop = Loop(iv, lb, lb + rng.randint(1, 5), rng.choice((1, 1, 1, 2)))
        inner = [*ivs, iv]
        n_items = rng.choice((1, 1, 2)) if budget > 1 else rng.choice((1, 2))
        for _ in range(n_items):
            if budget > 1 and rng.random() < 0.6:
                loop.body.append(self._loop(rng, inner, budget - 1))
            else:
                loop.body.append(self._stmt(rng, inner))
        return loop

    def _term(self, rng: random.Random, ivs: list[str]) -> Term:
        coefs = {iv: rng.choice((0, 0, 1, 1, 2)) for iv in rng.sample(ivs, min(len(ivs), 2))}
        t = Term(coefs, rng.randint(0, 3))
        if rng.random() < 0.12:
            t.div = (rng.choice(("mod", "floordiv")), rng.choice((2, 3)))
        return t

    def _access(self, rng, buffer, is_store, ivs) -> Access:
        a = Access(len(self.accesses), buffer, is_store,
                   [self._term(rng, ivs) for _ in range(self.rank)], rng.random() < 0.2)  # fmt: skip
        self.accesses.append(a)
        return a

    def _stmt(self, rng: random.Random, ivs: list[str]) -> Stmt:
        if rng.random() < 0.5:
            src, dst = rng.choice((("A", "B"), ("B", "A"), ("A", "A")))
            r = self._access(rng, src, False, ivs)
            w = self._access(rng, dst, True, ivs)
            return Stmt("copy", [r, w])
        acc, other = rng.choice((("A", "B"), ("B", "A")))
        r1 = self._access(rng, acc, False, ivs)
        r2 = self._access(rng, other, False, ivs)
        w = Access(len(self.accesses), acc, True, r1.subscripts, r1.use_memref_op)
        self.accesses.append(w)
        return Stmt("accumulate", [r1, r2, w])

    # -- printing -------------------------------------------------------------------------------

    @property
    def memref_type(self) -> str:
        return f"memref<{'x'.join([str(SIZE)] * self.rank)}xf32>"

    def text(self) -> str:
        t = self.memref_type
        lines = [f"func.func @nest(%A: {t}, %B: {t}) {{",
                 "  %half = arith.constant 0.5 : f32", "  %one = arith.constant 1.0 : f32"]  # fmt: skip
        self._n = 0
        for loop in self.roots:
            self._print_loop(loop, lines, "  ")
        lines += ["  return", "}"]
        return "\n".join(lines) + "\n"

    def _fresh(self) -> str:
        self._n += 1
        return f"%v{self._n}"

    def _print_loop(self, loop: Loop, lines: list[str], ind: str) -> None:
        step = f" step {loop.step}" if loop.step != 1 else ""
        lines.append(f"{ind}affine.for %{loop.iv} = {loop.lb} to {loop.ub}{step} {{")
        for item in loop.body:
            if isinstance(item, Loop):
                self._print_loop(item, lines, ind + "  ")
            else:
                self._print_stmt(item, lines, ind + "  ")
        lines.append(f"{ind}}}")

    def _index(self, a: Access, lines: list[str], ind: str) -> str:
        if not a.use_memref_op:
            return ", ".join(t.text() for t in a.subscripts)
        names = []
        for t in a.subscripts:
            ivs = sorted({iv for iv, c in t.coefs.items()} | set())
            dims = ", ".join(f"d{k}" for k in range(len(ivs)))
            expr = Term({f"__d{k}": t.coefs[iv] for k, iv in enumerate(ivs)}, t.const, t.div)
            body = expr.text().replace("%__d", "d")
            operands = ", ".join(f"%{iv}" for iv in ivs)
            name = self._fresh()
            lines.append(f"{ind}{name} = affine.apply affine_map<({dims}) -> ({body})>({operands})")
            names.append(name)
        return ", ".join(names)

    def _load(self, a: Access, lines: list[str], ind: str) -> str:
        idx = self._index(a, lines, ind)
        name = self._fresh()
        op = "memref.load" if a.use_memref_op else "affine.load"
        lines.append(f"{ind}{name} = {op} %{a.buffer}[{idx}] : {self.memref_type}")
        return name

    def _store(self, value: str, a: Access, lines: list[str], ind: str) -> None:
        idx = self._index(a, lines, ind)
        op = "memref.store" if a.use_memref_op else "affine.store"
        lines.append(f"{ind}{op} {value}, %{a.buffer}[{idx}] : {self.memref_type}")

    def _print_stmt(self, s: Stmt, lines: list[str], ind: str) -> None:
        if s.kind == "copy":
            v = self._load(s.accesses[0], lines, ind)
            m, r = self._fresh(), self._fresh()
            lines.append(f"{ind}{m} = arith.mulf {v}, %half : f32")
            lines.append(f"{ind}{r} = arith.addf {m}, %one : f32")
            self._store(r, s.accesses[1], lines, ind)
        else:
            a = self._load(s.accesses[0], lines, ind)
            b = self._load(s.accesses[1], lines, ind)
            r = self._fresh()
            lines.append(f"{ind}{r} = arith.addf {a}, {b} : f32")
            self._store(r, s.accesses[2], lines, ind)

    # -- the trace -------------------------------------------------------------------------------

    def trace(self) -> list[tuple[Access, tuple[tuple[str, int], ...], tuple[int, ...]]]:
        """Every executed access in order: (access, the IVs around it, element)."""
        out: list = []
        for loop in self.roots:
            self._run(loop, (), out)
        return out

    def _run(self, loop: Loop, env: tuple, out: list) -> None:
        for v in range(loop.lb, loop.ub, loop.step):
            inner = (*env, (loop.iv, v))
            for item in loop.body:
                if isinstance(item, Loop):
                    self._run(item, inner, out)
                    continue
                d = dict(inner)
                for a in item.accesses:
                    out.append((a, inner, tuple(t.value(d) for t in a.subscripts)))
