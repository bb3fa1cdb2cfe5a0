"""Builtin affine expressions, affine maps and integer sets.

Owns the value-level affine IR behind `affine_map<...>` / `affine_set<...>` and the affine
dialect: `AffineExpr` (dims, symbols, constants, add/mul/mod/floordiv/ceildiv), `AffineMap`
and `IntegerSet`, mirroring mlir/lib/IR/{AffineExpr,AffineMap,IntegerSet}.cpp and the affine
part of AsmPrinter.cpp.

Every object is immutable and uniqued by a cache keyed on its constructor arguments, so
structurally equal objects are the same object and `==`/`hash` are identity based (O(1)).
Like MLIR's context uniquer, the caches are never pruned.

The operators (`+ - * % //`, `floordiv`, `ceildiv`, `AffineExpr.binary`) simplify like MLIR's
builders; the `AffineBinaryExpr(kind, lhs, rhs)` constructor builds the node exactly as given.

Semantics: `floordiv` rounds toward -inf, `ceildiv` toward +inf, `mod` is
`lhs - rhs * (lhs floordiv rhs)` (Python's `%`): non-negative for a positive rhs as in MLIR,
which leaves a non-positive rhs undefined (and never simplifies one). Integers are unbounded;
MLIR's int64 overflow guards are not modelled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from math import gcd
from operator import index as _index
from typing import Any

__all__ = ["AffineExpr", "AffineDimExpr", "AffineSymbolExpr", "AffineConstantExpr"]
__all__ += ["AffineBinaryExpr", "AffineMap", "IntegerSet"]

_set = object.__setattr__


def _count(n: Any) -> int:
    n = _index(n)
    if n < 0:
        raise ValueError(f"expected a non-negative count or position, got {n}")
    return n


class _Immutable:
    __slots__ = ()

    def __setattr__(self, name: str, value: Any = None) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    __delattr__ = __setattr__  # type: ignore[assignment]

    def __copy__(self) -> Any:
        return self

    def __deepcopy__(self, memo: dict) -> Any:
        return self

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self}>"


# ---- MLIR's simplifying builders (simplifyAdd/Mul/FloorDiv/CeilDiv/Mod), rule for rule.


def _is_scaled(e: AffineExpr) -> bool:
    return type(e) is AffineBinaryExpr and e.kind == "mul" and type(e.rhs) is AffineConstantExpr


def _out_of_order(lhs: AffineExpr, rhs: AffineExpr) -> bool:
    """Two dims, or two symbols, with the higher position first: upstream MLIR orders the
    operands of `+` and `*` by position (its parser reads `d1 + d0` as `d0 + d1`)."""
    t = type(lhs)
    return t is type(rhs) and t in (AffineDimExpr, AffineSymbolExpr) and (
        lhs.position > rhs.position)  # fmt: skip


def _add(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    C, B = AffineConstantExpr, AffineBinaryExpr
    lconst, rconst = type(lhs) is C, type(rhs) is C
    if lconst and rconst:
        return C(lhs.value + rhs.value)
    # Canonical order: a constant, else the only symbolic operand, goes right.
    if lconst or (lhs._nd == 0 and rhs._nd != 0):
        return _add(rhs, lhs)
    if _out_of_order(lhs, rhs):  # d1 + d0 -> d0 + d1, s1 + s0 -> s0 + s1
        return _add(rhs, lhs)
    if rconst and rhs.value == 0:
        return lhs
    ladd = type(lhs) is B and lhs.kind == "add" and type(lhs.rhs) is C
    if ladd and rconst:  # (x + c1) + c2 -> x + (c1 + c2)
        return _add(lhs.lhs, C(lhs.rhs.value + rhs.value))
    # x * c1 + x * c2 -> x * (c1 + c2)
    x1, c1 = (lhs.lhs, lhs.rhs.value) if _is_scaled(lhs) else (lhs, 1)
    x2, c2 = (rhs.lhs, rhs.rhs.value) if _is_scaled(rhs) else (rhs, 1)
    if x1 is x2:
        return _mul(x1, C(c1 + c2))
    if ladd:  # (x + c) + y -> (x + y) + c
        return _add(_add(lhs.lhs, rhs), lhs.rhs)
    # x + ((x floordiv q) * q) * -1 and x + (x floordiv q) * -q -> x mod q. MLIR omits the
    # rhs.kind == mul check for the first form, which would miscompile `x + (y mod -1)`.
    if type(rhs) is B and rhs.kind == "mul":
        rl, rr = rhs.lhs, rhs.rhs
        if type(rr) is C and rr.value == -1 and type(rl) is B and rl.kind == "mul":
            fd = rl.lhs
            if type(fd) is B and fd.kind == "floordiv" and fd.rhs is rl.rhs and fd.lhs is lhs:
                return _mod(lhs, rl.rhs)
        elif type(rl) is B and rl.kind == "floordiv" and rl.lhs is lhs:
            if rl.rhs is _mul(rr, _MINUS_ONE):
                return _mod(lhs, rl.rhs)
    return B("add", lhs, rhs)


def _sub(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    return _add(lhs, _mul(rhs, _MINUS_ONE))


def _mul(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    C = AffineConstantExpr
    lconst, rconst = type(lhs) is C, type(rhs) is C
    if lconst and rconst:
        return C(lhs.value * rhs.value)
    if lhs._nd and rhs._nd:  # dim-dependent * dim-dependent: kept, not pure affine
        return AffineBinaryExpr("mul", lhs, rhs)
    # Canonical order: the constant, else the symbolic operand, goes right.
    if rhs._nd or lconst or _out_of_order(lhs, rhs):  # s1 * s0 -> s0 * s1
        return _mul(rhs, lhs)
    if rconst and rhs.value in (0, 1):
        return rhs if rhs.value == 0 else lhs
    if _is_scaled(lhs):
        if rconst:  # (x * c1) * c2 -> x * (c1 * c2)
            return _mul(lhs.lhs, C(lhs.rhs.value * rhs.value))
        return _mul(_mul(lhs.lhs, rhs), lhs.rhs)  # (x * c) * s -> (x * s) * c
    return AffineBinaryExpr("mul", lhs, rhs)


def _div(kind: str, lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    """floordiv / ceildiv; only a constant divisor >= 1 is simplified (as in MLIR)."""
    if type(rhs) is AffineConstantExpr and rhs.value >= 1:
        c = rhs.value
        if type(lhs) is AffineConstantExpr:
            v = lhs.value
            return AffineConstantExpr(v // c if kind == "floordiv" else -(-v // c))
        if c == 1:
            return lhs
        if _is_scaled(lhs) and lhs.rhs.value % c == 0:  # (x * 6) floordiv 3 -> x * 2
            return _mul(lhs.lhs, AffineConstantExpr(lhs.rhs.value // c))
        if kind == "floordiv" and type(lhs) is AffineBinaryExpr and lhs.kind == "add":
            # (a + b) floordiv c -> a floordiv c + b floordiv c when c divides a or b.
            if lhs.lhs._div % c == 0 or lhs.rhs._div % c == 0:
                return _add(_div(kind, lhs.lhs, rhs), _div(kind, lhs.rhs, rhs))
    return AffineBinaryExpr(kind, lhs, rhs)


_floordiv, _ceildiv = partial(_div, "floordiv"), partial(_div, "ceildiv")


def _mod(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    if type(rhs) is AffineConstantExpr and rhs.value >= 1:
        c = rhs.value
        if type(lhs) is AffineConstantExpr:
            return AffineConstantExpr(lhs.value % c)
        if lhs._div % c == 0:  # (x * 128) mod 64 -> 0; x mod 1 -> 0
            return AffineConstantExpr(0)
        if type(lhs) is AffineBinaryExpr and lhs.kind == "add":  # drop a multiple of c
            if lhs.lhs._div % c == 0:
                return _mod(lhs.rhs, rhs)
            if lhs.rhs._div % c == 0:
                return _mod(lhs.lhs, rhs)
        if type(lhs) is AffineBinaryExpr and lhs.kind == "mod":  # (x mod 8) mod 4 -> x mod 4
            a = lhs.rhs
            if type(a) is AffineConstantExpr and a.value >= 1 and a.value % c == 0:
                return _mod(lhs.lhs, rhs)
    return AffineBinaryExpr("mod", lhs, rhs)


_BUILDERS: dict[str, Callable[[AffineExpr, AffineExpr], AffineExpr]] = {
    "add": _add,
    "mul": _mul,
    "mod": _mod,
    "floordiv": _floordiv,
    "ceildiv": _ceildiv,
}
_EVAL: dict[str, Callable[[int, int], int]] = {
    "add": lambda a, b: a + b,
    "mul": lambda a, b: a * b,
    "mod": lambda a, b: a % b,
    "floordiv": lambda a, b: a // b,
    "ceildiv": lambda a, b: -(-a // b),
}


def _lift(v: AffineExpr | int) -> AffineExpr:
    if isinstance(v, AffineExpr):
        return v
    try:
        return AffineConstantExpr(_index(v))
    except TypeError:
        raise TypeError(f"expected an AffineExpr or int, got {type(v).__name__}") from None


def _op(build: Callable[[AffineExpr, AffineExpr], AffineExpr], reflected: bool = False) -> Any:
    def op(self: AffineExpr, other: AffineExpr | int) -> AffineExpr:
        if not isinstance(other, AffineExpr):
            try:
                other = AffineConstantExpr(_index(other))
            except TypeError:
                return NotImplemented
        return build(other, self) if reflected else build(self, other)

    return op


class AffineExpr(_Immutable):
    """Base of all affine expressions; operators accept ints on either side."""

    # _nd/_ns: 1 + the highest dim/symbol position used (0 if none); _pure: is_pure_affine();
    # _div: MLIR's getLargestKnownDivisor(). Computed once so simplification queries are O(1).
    __slots__ = ("_nd", "_ns", "_pure", "_div", "_str")

    def __new__(cls, *args: Any) -> AffineExpr:
        raise TypeError("build affine expressions via AffineExpr.dim/symbol/constant/binary")

    @staticmethod
    def dim(position: int) -> AffineExpr:
        return AffineDimExpr(position)

    @staticmethod
    def symbol(position: int) -> AffineExpr:
        return AffineSymbolExpr(position)

    @staticmethod
    def constant(value: int) -> AffineExpr:
        return AffineConstantExpr(value)

    @staticmethod
    def binary(kind: str, lhs: AffineExpr | int, rhs: AffineExpr | int) -> AffineExpr:
        """Simplifying builder for `kind` (MLIR's getAffineBinaryOpExpr)."""
        if kind not in _BUILDERS:
            raise ValueError(f"unknown affine binary op kind '{kind}'")
        return _BUILDERS[kind](_lift(lhs), _lift(rhs))

    __add__, __radd__ = _op(_add), _op(_add, True)
    __sub__, __rsub__ = _op(_sub), _op(_sub, True)
    __mul__, __rmul__ = _op(_mul), _op(_mul, True)
    __mod__, __rmod__ = _op(_mod), _op(_mod, True)
    __floordiv__, __rfloordiv__ = _op(_floordiv), _op(_floordiv, True)

    def __neg__(self) -> AffineExpr:
        return _mul(self, _MINUS_ONE)

    def floordiv(self, other: AffineExpr | int) -> AffineExpr:
        return _div("floordiv", self, _lift(other))

    def ceildiv(self, other: AffineExpr | int) -> AffineExpr:
        return _div("ceildiv", self, _lift(other))

    def is_symbolic_or_constant(self) -> bool:
        return self._nd == 0

    def is_pure_affine(self) -> bool:
        """False when a mul has no constant operand or a div/mod a non-constant rhs."""
        return self._pure

    def largest_known_divisor(self) -> int:
        return self._div

    def evaluate(self, dims: Sequence[int], symbols: Sequence[int]) -> int:
        raise NotImplementedError

    def replace_dims_and_symbols(
        self, dims: Sequence[AffineExpr | int], symbols: Sequence[AffineExpr | int]
    ) -> AffineExpr:
        """Substitute dim i by dims[i] and symbol j by symbols[j] (positions past the end are
        kept, as in MLIR), re-simplifying every rebuilt node."""
        return _replace(self, tuple(map(_lift, dims)), tuple(map(_lift, symbols)))

    def compose(self, map: AffineMap) -> AffineExpr:
        """Replace dim i by map.results[i] (MLIR's AffineExpr::compose)."""
        return _replace(self, map.results, ())

    def format(
        self, dim_names: Sequence[str] | None = None, symbol_names: Sequence[str] | None = None
    ) -> str:
        """Print with custom dim/symbol names (e.g. SSA operands); default d<i>/s<i>."""
        if dim_names is None and symbol_names is None:
            return str(self)
        return _print(self, False, dim_names, symbol_names)

    def __str__(self) -> str:
        s = self._str
        if s is None:
            s = _print(self, False, None, None)
            _set(self, "_str", s)
        return s


def _new_expr(cls: type, nd: int, ns: int, pure: bool, div: int, **fields: Any) -> Any:
    e = object.__new__(cls)
    for name, value in (("_nd", nd), ("_ns", ns), ("_pure", pure), ("_div", div), ("_str", None)):
        _set(e, name, value)
    for name, value in fields.items():
        _set(e, name, value)
    return e


_DIMS: dict[int, AffineDimExpr] = {}
_SYMS: dict[int, AffineSymbolExpr] = {}
_CONSTS: dict[int, AffineConstantExpr] = {}
_BINARY: dict[tuple, AffineBinaryExpr] = {}


class AffineDimExpr(AffineExpr):
    __slots__ = ("position",)

    def __new__(cls, position: int) -> AffineDimExpr:
        e = _DIMS.get(position)
        if e is None:
            p = _count(position)
            e = _DIMS.setdefault(p, _new_expr(AffineDimExpr, p + 1, 0, True, 1, position=p))
        return e

    def evaluate(self, dims: Sequence[int], symbols: Sequence[int]) -> int:
        return dims[self.position]

    def __reduce__(self) -> tuple:
        return (AffineDimExpr, (self.position,))


class AffineSymbolExpr(AffineExpr):
    __slots__ = ("position",)

    def __new__(cls, position: int) -> AffineSymbolExpr:
        e = _SYMS.get(position)
        if e is None:
            p = _count(position)
            e = _SYMS.setdefault(p, _new_expr(AffineSymbolExpr, 0, p + 1, True, 1, position=p))
        return e

    def evaluate(self, dims: Sequence[int], symbols: Sequence[int]) -> int:
        return symbols[self.position]

    def __reduce__(self) -> tuple:
        return (AffineSymbolExpr, (self.position,))


class AffineConstantExpr(AffineExpr):
    __slots__ = ("value",)

    def __new__(cls, value: int) -> AffineConstantExpr:
        if type(value) is not int:  # bools, numpy ints; rejects floats
            value = _index(value)
        e = _CONSTS.get(value)
        if e is None:
            e = _new_expr(AffineConstantExpr, 0, 0, True, abs(value), value=value)
            e = _CONSTS.setdefault(value, e)
        return e

    def evaluate(self, dims: Sequence[int], symbols: Sequence[int]) -> int:
        return self.value

    def __reduce__(self) -> tuple:
        return (AffineConstantExpr, (self.value,))


class AffineBinaryExpr(AffineExpr):
    """`lhs <kind> rhs`, built as given (use the operators for MLIR's simplifications)."""

    __slots__ = ("kind", "lhs", "rhs")

    def __new__(cls, kind: str, lhs: AffineExpr | int, rhs: AffineExpr | int) -> AffineBinaryExpr:
        lhs, rhs = _lift(lhs), _lift(rhs)
        key = (kind, lhs, rhs)
        e = _BINARY.get(key)
        if e is not None:
            return e
        if kind not in _BUILDERS:
            raise ValueError(f"unknown affine binary op kind '{kind}'")
        pure = lhs._pure and rhs._pure
        if kind == "add":
            div = gcd(lhs._div, rhs._div)
        elif kind == "mul":
            pure = pure and AffineConstantExpr in (type(lhs), type(rhs))
            div = lhs._div * rhs._div
        else:
            pure = lhs._pure and type(rhs) is AffineConstantExpr
            # a mod b == a - b * q is divisible by anything dividing both a and b.
            div = gcd(lhs._div, rhs._div) if kind == "mod" else 1
        nd, ns = max(lhs._nd, rhs._nd), max(lhs._ns, rhs._ns)
        e = _new_expr(AffineBinaryExpr, nd, ns, pure, div, kind=kind, lhs=lhs, rhs=rhs)
        return _BINARY.setdefault(key, e)

    def evaluate(self, dims: Sequence[int], symbols: Sequence[int]) -> int:
        return _EVAL[self.kind](self.lhs.evaluate(dims, symbols), self.rhs.evaluate(dims, symbols))

    def __reduce__(self) -> tuple:
        return (AffineBinaryExpr, (self.kind, self.lhs, self.rhs))


_MINUS_ONE = AffineConstantExpr(-1)


def _replace(e: AffineExpr, dims: tuple, syms: tuple) -> AffineExpr:
    if (e._nd == 0 or not dims) and (e._ns == 0 or not syms):
        return e  # nothing to substitute below here
    t = type(e)
    if t is AffineDimExpr:
        return dims[e.position] if e.position < len(dims) else e
    if t is AffineSymbolExpr:
        return syms[e.position] if e.position < len(syms) else e
    lhs, rhs = _replace(e.lhs, dims, syms), _replace(e.rhs, dims, syms)
    if lhs is e.lhs and rhs is e.rhs:
        return e
    return _BUILDERS[e.kind](lhs, rhs)


# ---- printing (AsmPrinter::printAffineExprInternal); `strong` asks for parentheses.

_SPELLING = {"mul": " * ", "mod": " mod ", "floordiv": " floordiv ", "ceildiv": " ceildiv "}


def _print(e: AffineExpr, strong: bool, dn: Sequence[str] | None, sn: Sequence[str] | None) -> str:
    t = type(e)
    if t is AffineDimExpr:
        return f"d{e.position}" if dn is None else dn[e.position]
    if t is AffineSymbolExpr:
        return f"s{e.position}" if sn is None else sn[e.position]
    if t is AffineConstantExpr:
        return str(e.value)
    kind, lhs, rhs = e.kind, e.lhs, e.rhs
    if kind != "add":
        if kind == "mul" and type(rhs) is AffineConstantExpr and rhs.value == -1:
            s = "-" + _print(lhs, True, dn, sn)
        else:
            s = _print(lhs, True, dn, sn) + _SPELLING[kind] + _print(rhs, True, dn, sn)
    elif _is_scaled(rhs) and rhs.rhs.value < 0:  # x + y * -c prints as a subtraction
        c, y = rhs.rhs.value, rhs.lhs
        if c == -1:
            ys = _print(y, type(y) is AffineBinaryExpr and y.kind == "add", dn, sn)
        else:
            ys = f"{_print(y, True, dn, sn)} * {-c}"
        s = f"{_print(lhs, False, dn, sn)} - {ys}"
    elif type(rhs) is AffineConstantExpr and rhs.value < 0:
        s = f"{_print(lhs, False, dn, sn)} - {-rhs.value}"
    else:
        # Deviation: MLIR prints a right-nested add bare (`d0 + d1 + d2`), which re-parses
        # left-nested, i.e. as a different expression; parenthesize it so printing round-trips.
        r_add = type(rhs) is AffineBinaryExpr and rhs.kind == "add"
        s = f"{_print(lhs, False, dn, sn)} + {_print(rhs, r_add, dn, sn)}"
    return f"({s})" if strong else s


def _header(nd: int, ns: int) -> str:
    h = "(" + ", ".join(f"d{i}" for i in range(nd)) + ")"
    return h + "[" + ", ".join(f"s{i}" for i in range(ns)) + "]" if ns else h


# ---- evaluation: maps and sets compile their results to one Python lambda on first use.

_PYOP = {"add": "+", "mul": "*", "mod": "%", "floordiv": "//"}


def _pysrc(e: AffineExpr) -> str:
    t = type(e)
    if t is AffineDimExpr:
        return f"d[{e.position}]"
    if t is AffineSymbolExpr:
        return f"s[{e.position}]"
    if t is AffineConstantExpr:
        return f"({e.value})"
    lhs, rhs = _pysrc(e.lhs), _pysrc(e.rhs)
    if e.kind == "ceildiv":
        return f"(-(-{lhs} // {rhs}))"
    return f"({lhs} {_PYOP[e.kind]} {rhs})"


def _compile(obj: AffineMap | IntegerSet, source: Callable[[], str], fallback: Callable) -> Any:
    try:
        fn = eval(f"lambda d, s: {source()}", {"__builtins__": {}})
    except (SyntaxError, RecursionError, MemoryError):  # absurdly deep trees: interpret
        fn = fallback
    _set(obj, "_fn", fn)
    return fn


def _holds(c: AffineExpr, eq: bool, dims: Sequence[int], symbols: Sequence[int]) -> bool:
    v = c.evaluate(dims, symbols)
    return v == 0 if eq else v >= 0


def _check_operands(obj: AffineMap | IntegerSet, dims: Sequence, symbols: Sequence) -> None:
    if len(dims) != obj.num_dims or len(symbols) != obj.num_symbols:
        raise ValueError(
            f"expected {obj.num_dims} dim and {obj.num_symbols} symbol values, "
            f"got {len(dims)} and {len(symbols)}"
        )


def _checked_exprs(what: str, exprs: Sequence, nd: int, ns: int) -> tuple[AffineExpr, ...]:
    exprs = tuple(map(_lift, exprs))
    for e in exprs:
        if e._nd > nd or e._ns > ns:
            raise ValueError(f"{what} '{e}' uses more than {nd} dims/{ns} symbols")
    return exprs


def _replaced(exprs: tuple, dims: Sequence, symbols: Sequence, nd: Any, ns: Any, old: Any):
    """Shared by AffineMap/IntegerSet.replace_dims_and_symbols: (new exprs, nd, ns)."""
    d, s = tuple(map(_lift, dims)), tuple(map(_lift, symbols))
    new = tuple(_replace(e, d, s) for e in exprs)
    if nd is None:
        nd = max([old.num_dims, *(e._nd for e in new)])
    if ns is None:
        ns = max([old.num_symbols, *(e._ns for e in new)])
    return new, nd, ns


_MAPS: dict[tuple, AffineMap] = {}
_SETS: dict[tuple, IntegerSet] = {}


class AffineMap(_Immutable):
    """`(d0, ..)[s0, ..] -> (results)`."""

    __slots__ = ("num_dims", "num_symbols", "results", "_str", "_fn")

    def __new__(
        cls, num_dims: int, num_symbols: int, results: Sequence[AffineExpr | int]
    ) -> AffineMap:
        results = tuple(results)
        m = _MAPS.get((num_dims, num_symbols, results))
        if m is None:
            nd, ns = _count(num_dims), _count(num_symbols)
            res = _checked_exprs("affine map result", results, nd, ns)
            m = _MAPS.get((nd, ns, res))
            if m is None:
                m = object.__new__(AffineMap)
                for name, value in zip(AffineMap.__slots__, (nd, ns, res, None, None)):
                    _set(m, name, value)
                m = _MAPS.setdefault((nd, ns, res), m)
        return m

    @classmethod
    def identity(cls, n: int) -> AffineMap:
        return cls(n, 0, tuple(AffineDimExpr(i) for i in range(n)))

    @classmethod
    def constant_map(cls, value: int) -> AffineMap:
        return cls(0, 0, (AffineConstantExpr(value),))

    @classmethod
    def empty(cls) -> AffineMap:
        return cls(0, 0, ())

    @property
    def num_results(self) -> int:
        return len(self.results)

    def is_identity(self) -> bool:
        """Results are exactly d0..d{n-1}, n == num_dims (symbols ignored, as in MLIR)."""
        return len(self.results) == self.num_dims and all(
            type(r) is AffineDimExpr and r.position == i for i, r in enumerate(self.results)
        )

    def is_permutation(self) -> bool:
        """Results are the dims d0..d{n-1} in some order, each once."""
        positions = [r.position for r in self.results if type(r) is AffineDimExpr]
        return len(positions) == len(self.results) == self.num_dims and sorted(positions) == list(
            range(self.num_dims)
        )

    def is_constant(self) -> bool:
        """Every result is a constant (vacuously true for no results, as in MLIR)."""
        return all(type(r) is AffineConstantExpr for r in self.results)

    def is_single_constant(self) -> bool:
        return len(self.results) == 1 and type(self.results[0]) is AffineConstantExpr

    def get_single_constant_result(self) -> int:
        if not self.is_single_constant():
            raise ValueError(f"'{self}' is not a single-constant map")
        return self.results[0].value

    def compose(self, other: AffineMap) -> AffineMap:
        """`self ∘ other` (MLIR's AffineMap::compose): self's dims are replaced by other's
        results. The result has other's dims and `self.num_symbols + other.num_symbols`
        symbols: self's symbols first (unchanged), then other's, shifted up by
        self.num_symbols; evaluate it with `symbols = self_symbols + other_symbols`."""
        if self.num_dims != other.num_results:
            raise ValueError(f"cannot compose '{self}' with '{other}': dim/result count mismatch")
        n = self.num_symbols
        shifted = tuple(AffineSymbolExpr(n + i) for i in range(other.num_symbols))
        inner = tuple(_replace(r, (), shifted) for r in other.results)
        res = tuple(_replace(r, inner, ()) for r in self.results)
        return AffineMap(other.num_dims, n + other.num_symbols, res)

    def replace_dims_and_symbols(
        self,
        dims: Sequence[AffineExpr | int],
        symbols: Sequence[AffineExpr | int],
        num_result_dims: int | None = None,
        num_result_symbols: int | None = None,
    ) -> AffineMap:
        """Substitute in every result. The counts default to the old ones, grown when the new
        results use more dims/symbols."""
        res, nd, ns = _replaced(
            self.results, dims, symbols, num_result_dims, num_result_symbols, self
        )
        return AffineMap(nd, ns, res)

    def evaluate(self, dims: Sequence[int], symbols: Sequence[int] = ()) -> tuple[int, ...]:
        _check_operands(self, dims, symbols)
        fn = self._fn or _compile(
            self,
            lambda: "(" + "".join(_pysrc(r) + ", " for r in self.results) + ")",
            lambda d, s: tuple(r.evaluate(d, s) for r in self.results),
        )
        return fn(dims, symbols)

    def __str__(self) -> str:
        s = self._str
        if s is None:
            results = ", ".join(map(str, self.results))
            s = f"{_header(self.num_dims, self.num_symbols)} -> ({results})"
            _set(self, "_str", s)
        return s

    def __reduce__(self) -> tuple:
        return (AffineMap, (self.num_dims, self.num_symbols, self.results))


class IntegerSet(_Immutable):
    """`(d0, ..)[s0, ..] : (c0 == 0, c1 >= 0, ..)`: constraint i means
    `constraints[i] == 0` if eq_flags[i] else `constraints[i] >= 0`."""

    __slots__ = ("num_dims", "num_symbols", "constraints", "eq_flags", "_str", "_fn")

    def __new__(
        cls,
        num_dims: int,
        num_symbols: int,
        constraints: Sequence[AffineExpr | int],
        eq_flags: Sequence[bool],
    ) -> IntegerSet:
        constraints, eq_flags = tuple(constraints), tuple(eq_flags)
        s = _SETS.get((num_dims, num_symbols, constraints, eq_flags))
        if s is None:
            nd, ns = _count(num_dims), _count(num_symbols)
            cons = _checked_exprs("integer set constraint", constraints, nd, ns)
            flags = tuple(map(bool, eq_flags))
            if len(cons) != len(flags):
                raise ValueError("an integer set needs exactly one eq flag per constraint")
            s = _SETS.get((nd, ns, cons, flags))
            if s is None:
                s = object.__new__(IntegerSet)
                for name, value in zip(IntegerSet.__slots__, (nd, ns, cons, flags, None, None)):
                    _set(s, name, value)
                s = _SETS.setdefault((nd, ns, cons, flags), s)
        return s

    @classmethod
    def empty_set(cls, num_dims: int, num_symbols: int) -> IntegerSet:
        """MLIR's canonical empty set, `(..) : (1 == 0)`."""
        return cls(num_dims, num_symbols, (AffineConstantExpr(1),), (True,))

    def is_empty_integer_set(self) -> bool:
        return self is IntegerSet.empty_set(self.num_dims, self.num_symbols)

    @property
    def num_constraints(self) -> int:
        return len(self.constraints)

    def replace_dims_and_symbols(
        self,
        dims: Sequence[AffineExpr | int],
        symbols: Sequence[AffineExpr | int],
        num_result_dims: int | None = None,
        num_result_symbols: int | None = None,
    ) -> IntegerSet:
        cons, nd, ns = _replaced(
            self.constraints, dims, symbols, num_result_dims, num_result_symbols, self
        )
        return IntegerSet(nd, ns, cons, self.eq_flags)

    def evaluate(self, dims: Sequence[int], symbols: Sequence[int] = ()) -> bool:
        """Whether the point satisfies every constraint."""
        _check_operands(self, dims, symbols)
        fn = self._fn
        if fn is None:
            pairs = tuple(zip(self.constraints, self.eq_flags))
            fn = _compile(
                self,
                lambda: (
                    " and ".join(f"{_pysrc(c)} {'==' if eq else '>='} 0" for c, eq in pairs)
                    or "True"
                ),
                lambda d, s: all(_holds(c, eq, d, s) for c, eq in pairs),
            )
        return bool(fn(dims, symbols))

    contains = evaluate

    def __str__(self) -> str:
        s = self._str
        if s is None:
            cons = ", ".join(
                f"{c} {'==' if eq else '>='} 0" for c, eq in zip(self.constraints, self.eq_flags)
            )
            s = f"{_header(self.num_dims, self.num_symbols)} : ({cons})"
            _set(self, "_str", s)
        return s

    def __reduce__(self) -> tuple:
        return (IntegerSet, (self.num_dims, self.num_symbols, self.constraints, self.eq_flags))
