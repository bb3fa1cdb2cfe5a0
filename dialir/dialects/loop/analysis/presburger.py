"""Integer linear constraint systems: emptiness and constant bounds (the part of MLIR's
FlatAffineValueConstraints / Presburger library that dependence analysis needs).

A system has `num_vars` integer variables, equalities `row . x + c == 0` and inequalities
`row . x + c >= 0`, each row a tuple of `num_vars` coefficients followed by the constant.

Emptiness is decided by Fourier–Motzkin elimination with the integer refinements of the
Omega test's "real shadow":
- equalities are normalized by their GCD (the GCD test: `2i - 2j == 1` has no integer
  solution) and eliminated by substitution wherever a variable has a unit coefficient;
- inequalities are divided by the GCD of their coefficients with the constant rounded down
  (`2x >= 1` becomes `x >= 1`), and opposite pairs are checked against each other;
- an elimination is *exact* over the integers when every lower or every upper bound of the
  eliminated variable has a unit coefficient; then a non-empty projection proves an integer
  point exists. When some step was inexact, the answer is refined by splitting on a variable
  with a small bounded range (branch and bound), within a node budget.
An answer that cannot be proven (budget or size limits) is "maybe non-empty": callers treat
it as a possible dependence, so the analysis stays conservative, never wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from math import gcd

__all__ = ["IntegerSystem"]

Row = tuple[int, ...]

MAX_ROWS = 600  # beyond this, an elimination gives up (conservatively)
SPLIT_RANGE = 32  # split on a variable only when it takes at most this many values
SPLIT_BUDGET = 64  # systems examined by one emptiness query, splits included


class _GiveUp(Exception):
    """The elimination grew too large: the answer is "maybe non-empty" / unbounded."""


def _row_gcd(row: Sequence[int]) -> int:
    g = 0
    for c in row[:-1]:
        if c:
            g = gcd(g, c)
            if g == 1:
                return 1
    return g


def _add_scaled(a: Row, fa: int, b: Row, fb: int) -> Row:
    return tuple(fa * x + fb * y for x, y in zip(a, b))


class _Ineqs:
    """Inequalities keyed by their normalized coefficients, keeping the tightest constant."""

    __slots__ = ("rows", "empty")

    def __init__(self) -> None:
        self.rows: dict[Row, int] = {}
        self.empty = False

    def add(self, row: Row) -> None:
        g = _row_gcd(row)
        if g == 0:
            if row[-1] < 0:
                self.empty = True
            return
        coefs = row[:-1] if g == 1 else tuple(c // g for c in row[:-1])
        const = row[-1] // g  # floor: integer tightening
        old = self.rows.get(coefs)
        if old is None or const < old:
            self.rows[coefs] = const
            other = self.rows.get(tuple(-c for c in coefs))
            if other is not None and other + const < 0:
                self.empty = True

    def items(self) -> list[Row]:
        return [k + (c,) for k, c in self.rows.items()]


def _substitute(row: Row, eq: Row, var: int) -> Row:
    """Eliminate `var` from `row` using `eq`, whose coefficient on `var` is +-1."""
    a = row[var]
    if a == 0:
        return row
    e = eq[var]  # +-1: row - a*e*eq cancels var
    return _add_scaled(row, 1, eq, -a * e)


def _eliminate_equalities(eqs: list[Row], ineqs: list[Row], keep: frozenset[int]):
    """Substitute away every non-kept variable that has a unit coefficient in an equality.
    Returns (remaining equalities, inequalities) or None when an equality is infeasible."""
    eqs = list(eqs)
    ineqs = list(ineqs)
    done: list[Row] = []
    while eqs:
        eq = eqs.pop()
        g = _row_gcd(eq)
        if g == 0:
            if eq[-1] != 0:
                return None
            continue
        if eq[-1] % g:
            return None  # the GCD test
        if g > 1:
            eq = tuple(c // g for c in eq)
        var = next((i for i, c in enumerate(eq[:-1]) if c in (1, -1) and i not in keep), None)
        if var is None:
            done.append(eq)
            continue
        eqs = [_substitute(r, eq, var) for r in eqs]
        done = [_substitute(r, eq, var) for r in done]
        ineqs = [_substitute(r, eq, var) for r in ineqs]
        # A substituted "done" equality may now have a unit coefficient: look at it again.
        eqs.extend(done)
        done = []
    return done, ineqs


def _fourier_motzkin(rows: list[Row], var: int) -> tuple[list[Row], bool]:
    """Project `var` out of inequalities; the flag says whether the projection is exact over
    the integers (all lower or all upper coefficients are 1)."""
    lower, upper, rest = [], [], []
    for r in rows:
        c = r[var]
        (lower if c > 0 else upper if c < 0 else rest).append(r)
    exact = all(r[var] == 1 for r in lower) or all(r[var] == -1 for r in upper)
    for lo in lower:
        a = lo[var]
        for up in upper:
            rest.append(_add_scaled(lo, -up[var], up, a))
    return rest, exact


def _project(eqs: list[Row], ineqs: list[Row], n: int, keep: frozenset[int]):
    """Eliminate every variable not in `keep`. Returns (eqs, ineqs, exact) over the kept
    variables, or None when the system is infeasible. Raises _GiveUp when too large."""
    res = _eliminate_equalities(eqs, ineqs, keep)
    if res is None:
        return None
    eqs, rows = res
    exact = True
    # Remaining equalities on eliminated variables become pairs of inequalities.
    kept_eqs = []
    for eq in eqs:
        if any(c and i not in keep for i, c in enumerate(eq[:-1])):
            rows.append(eq)
            rows.append(tuple(-c for c in eq))
            exact = False  # their divisibility is lost
        else:
            kept_eqs.append(eq)
    table = _Ineqs()
    for r in rows:
        table.add(r)
    if table.empty:
        return None
    rows = table.items()
    todo = {i for i in range(n) if i not in keep}
    while True:
        live = [v for v in todo if any(r[v] for r in rows)]
        if not live:
            break
        var = min(live, key=lambda v: _cost(rows, v))
        todo.discard(var)
        rows, ok = _fourier_motzkin(rows, var)
        exact &= ok
        table = _Ineqs()
        for r in rows:
            table.add(r)
        if table.empty:
            return None
        rows = table.items()
        if len(rows) > MAX_ROWS:
            raise _GiveUp
    return kept_eqs, rows, exact


def _cost(rows: list[Row], v: int) -> tuple[int, int]:
    lo = sum(1 for r in rows if r[v] > 0)
    up = sum(1 for r in rows if r[v] < 0)
    inexact = not (all(r[v] == 1 for r in rows if r[v] > 0) or
                   all(r[v] == -1 for r in rows if r[v] < 0))  # fmt: skip
    return (int(inexact), lo * up - lo - up)


def _bounds_of(eqs: list[Row], rows: list[Row], var: int) -> tuple[int | None, int | None]:
    """Constant bounds of `var` from constraints that mention only `var`."""
    lo = hi = None
    for eq in eqs:
        a = eq[var]
        if a and not any(c for i, c in enumerate(eq[:-1]) if i != var):
            if eq[-1] % a:
                return 1, 0  # no integer value
            return -eq[-1] // a, -eq[-1] // a
    for r in rows:
        a = r[var]
        if not a or any(c for i, c in enumerate(r[:-1]) if i != var):
            continue
        if a > 0:  # a*x + c >= 0  ->  x >= ceil(-c / a)
            b = -(r[-1] // a)
            lo = b if lo is None else max(lo, b)
        else:  # x <= floor(c / -a)
            b = r[-1] // -a
            hi = b if hi is None else min(hi, b)
    return lo, hi


class IntegerSystem:
    """A conjunction of integer equalities and inequalities over `num_vars` variables."""

    __slots__ = ("num_vars", "eqs", "ineqs", "_budget")

    def __init__(self, num_vars: int = 0, eqs: Iterable[Row] = (),
                 ineqs: Iterable[Row] = ()) -> None:  # fmt: skip
        self.num_vars = num_vars
        self.eqs: list[Row] = [tuple(r) for r in eqs]
        self.ineqs: list[Row] = [tuple(r) for r in ineqs]
        self._budget = 0

    def copy(self) -> IntegerSystem:
        return IntegerSystem(self.num_vars, self.eqs, self.ineqs)

    def add_var(self) -> int:
        """A new variable (existing rows get a zero coefficient); returns its column."""
        self.eqs = [r[:-1] + (0, r[-1]) for r in self.eqs]
        self.ineqs = [r[:-1] + (0, r[-1]) for r in self.ineqs]
        self.num_vars += 1
        return self.num_vars - 1

    def row(self, coefs: dict[int, int], const: int = 0) -> Row:
        r = [0] * (self.num_vars + 1)
        for i, c in coefs.items():
            r[i] += c
        r[-1] = const
        return tuple(r)

    def add_eq(self, coefs: dict[int, int], const: int = 0) -> None:
        self.eqs.append(self.row(coefs, const))

    def add_ineq(self, coefs: dict[int, int], const: int = 0) -> None:
        self.ineqs.append(self.row(coefs, const))

    # -- queries --------------------------------------------------------------------------

    def is_empty(self, budget: int = SPLIT_BUDGET) -> bool:
        """True only when the system provably has no integer solution (within `budget`
        systems examined)."""
        self._budget = budget
        try:
            return self._empty(self.eqs, self.ineqs)
        except _GiveUp:
            return False

    def _empty(self, eqs: list[Row], ineqs: list[Row]) -> bool:
        self._budget -= 1
        if self._budget < 0:
            raise _GiveUp
        res = _project(eqs, ineqs, self.num_vars, frozenset())
        if res is None:
            return True
        if res[2]:
            return False  # an exact projection to a feasible point
        var, lo, hi = self._split_candidate(eqs, ineqs)
        if var is None:
            return False
        for value in range(lo, hi + 1):
            fixed = [0] * (self.num_vars + 1)
            fixed[var], fixed[-1] = 1, -value
            if not self._empty([*eqs, tuple(fixed)], ineqs):
                return False
        return True

    def _split_candidate(self, eqs: list[Row], ineqs: list[Row]):
        """The variable with the fewest values between constant bounds of its own (loop
        induction variables have them); fixing all of them leaves an exact system."""
        box: dict[int, list] = {}
        for r in ineqs:
            var = -1
            for i, c in enumerate(r[:-1]):
                if c:
                    if var >= 0:
                        break
                    var = i
            else:
                if var < 0:
                    continue
                a = r[var]
                b = box.setdefault(var, [None, None])
                if a > 0:
                    lo = -(r[-1] // a)
                    b[0] = lo if b[0] is None else max(b[0], lo)
                else:
                    hi = r[-1] // -a
                    b[1] = hi if b[1] is None else min(b[1], hi)
        best = (None, 0, -1)
        for var, (lo, hi) in box.items():
            if lo is None or hi is None or hi - lo + 1 > SPLIT_RANGE:
                continue
            if not any(r[var] for r in eqs) and not any(
                r[var] for r in ineqs if _row_gcd(r) and sum(map(bool, r[:-1])) > 1
            ):
                continue  # constrained by its bounds only: fixing it decides nothing
            if best[0] is None or hi - lo < best[2] - best[1]:
                best = (var, lo, hi)
        return best

    def bounds(self, coefs: dict[int, int], const: int = 0) -> tuple[int | None, int | None]:
        """Constant (lower, upper) bounds of `coefs . x + const` over the system's integer
        points; None where unbounded or unknown. Sound: the true range lies inside. On an
        empty system the result may be any range."""
        ext = self.copy()
        t = ext.add_var()
        c = dict(coefs)
        c[t] = c.get(t, 0) - 1
        ext.add_eq(c, const)
        try:
            res = _project(ext.eqs, ext.ineqs, ext.num_vars, frozenset((t,)))
        except _GiveUp:
            return None, None
        if res is None:
            return 1, 0
        lo, hi = _bounds_of(res[0], res[1], t)
        if res[2]:
            return lo, hi
        # Inexact projection: tighten each finite end while the end value is infeasible,
        # within one budget for the whole query.
        budget = [SPLIT_BUDGET]
        while lo is not None and hi is not None and lo < hi and ext._fixed_empty(t, lo, budget):
            lo += 1
        while lo is not None and hi is not None and lo < hi and ext._fixed_empty(t, hi, budget):
            hi -= 1
        return lo, hi

    def _fixed_empty(self, var: int, value: int, budget: list[int]) -> bool:
        if budget[0] <= 0:
            return False
        fixed = self.copy()
        fixed.add_eq({var: 1}, -value)
        empty = fixed.is_empty(budget[0])
        budget[0] = fixed._budget
        return empty

    def __str__(self) -> str:
        def show(r: Row, rel: str) -> str:
            terms = [f"{c}*x{i}" for i, c in enumerate(r[:-1]) if c]
            return " + ".join(terms + [str(r[-1])]) + f" {rel} 0"

        return "\n".join([show(r, "==") for r in self.eqs] + [show(r, ">=") for r in self.ineqs])
