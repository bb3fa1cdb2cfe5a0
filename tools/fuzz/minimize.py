"""Delta debugging (Zeller's ddmin) of a failing input: first on lines, then on tokens, keeping
every reduction under which the input still fails the same way."""

from __future__ import annotations

from collections.abc import Callable

from dialir_tools.fuzz.mutate import TOKEN


def ddmin(parts: list[str], fails: Callable[[list[str]], bool], budget: int = 2000) -> list[str]:
    """A smaller list of `parts` on which `fails` still holds (1-minimal when the budget of
    calls allows)."""
    n = 2
    calls = 0
    while len(parts) >= 2 and calls < budget:
        size = -(-len(parts) // n)
        chunks = [parts[i : i + size] for i in range(0, len(parts), size)]
        reduced = False
        for i in range(len(chunks)):
            complement = [p for j, c in enumerate(chunks) if j != i for p in c]
            calls += 1
            if fails(complement):
                parts, n, reduced = complement, max(n - 1, 2), True
                break
            if calls >= budget:
                break
        if not reduced:
            if n >= len(parts):
                break
            n = min(len(parts), 2 * n)
    return parts


def minimize(text: str, fails: Callable[[str], bool]) -> str:
    """`text` reduced by lines, then by tokens (whitespace between tokens kept as it was)."""
    lines = ddmin(text.split("\n"), lambda ls: fails("\n".join(ls)))
    text = "\n".join(lines)
    # Tokens with the whitespace before them, so joining them gives text back.
    pieces, pos = [], 0
    for m in TOKEN.finditer(text):
        pieces.append(text[pos : m.end()])
        pos = m.end()
    if pos < len(text):
        pieces.append(text[pos:])
    return "".join(ddmin(pieces, lambda ps: fails("".join(ps))))
