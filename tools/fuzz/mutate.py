"""Mutations of MLIR text: bytes, tokens, numbers and types, and splices of two inputs.

Every mutator takes a `random.Random` and returns new text; a campaign applies one to three
of them to a seed. Token-level mutations keep most of the text lexically valid, so inputs get
past the lexer into the parser, the verifier and the passes.
"""

from __future__ import annotations

import random
import re

# Identifiers, SSA and block names, symbols, strings, numbers, and single punctuation.
TOKEN = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|[%^@#!][\w$.\-]+|0x[0-9a-fA-F]+|-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?'
    r"|[A-Za-z_][\w.$]*|->|::|\S"
)
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])")
TYPE = re.compile(
    r"\b(?:i\d+|si\d+|ui\d+|f16|bf16|f32|f64|f80|f128|index|none)\b"
    r"|\b(?:tensor|memref|vector)<[^<>]*>"
)

EDGE_NUMBERS = [
    "0", "-1", "1", "2", "3", "7", "64", "255", "-128", "2147483647", "-2147483648",
    "4294967296", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
    "99999999999999999999999", "0.0", "-0.0", "1.0e308", "1.0e309", "1.0e-320", "0x7FC00000",
    "0xFFFFFFFF", "0x8000000000000000",
]  # fmt: skip
EDGE_TYPES = [
    "i1", "i0", "i3", "i64", "i128", "si8", "ui32", "index", "f16", "bf16", "f32", "f64",
    "f8E4M3FN", "none", "tensor<?xf32>", "tensor<0x3xi8>", "tensor<*xf32>", "tensor<2x?xindex>",
    "memref<?x4xf32>", "memref<4xf32, strided<[?], offset: ?>>", "memref<*xi32>",
    "vector<4xf32>", "vector<[4]xi1>", "complex<f32>", "tuple<>", "(i32) -> i32",
    "!llvm.ptr", "i16777215",
]  # fmt: skip
PUNCTUATION = list("()[]{}<>:,=%^@#!?*+-\"'") + ["->", "::", "...", "\n", " "]


def tokens(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the tokens of `text`."""
    return [m.span() for m in TOKEN.finditer(text)]


def flip_byte(rng: random.Random, text: str) -> str:
    if not text:
        return text
    i = rng.randrange(len(text))
    c = chr(rng.choice([rng.randrange(32, 127), rng.randrange(0, 0x2FF)]))
    return text[:i] + c + text[i + 1 :]


def insert_punctuation(rng: random.Random, text: str) -> str:
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice(PUNCTUATION) + text[i:]


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def delete_token(rng: random.Random, text: str) -> str:
    spans = tokens(text)
    if not spans:
        return text
    a, b = rng.choice(spans)
    return text[:a] + text[b:]


def duplicate_token(rng: random.Random, text: str) -> str:
    spans = tokens(text)
    if not spans:
        return text
    a, b = rng.choice(spans)
    return text[:b] + " " + text[a:b] + text[b:]


def swap_tokens(rng: random.Random, text: str) -> str:
    spans = tokens(text)
    if len(spans) < 2:
        return text
    (a, b), (c, d) = sorted(rng.sample(spans, 2))
    return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]


def replace_token(rng: random.Random, text: str) -> str:
    """A token replaced by another token of the same text (a name, a keyword, a type...)."""
    spans = tokens(text)
    if len(spans) < 2:
        return text
    a, b = rng.choice(spans)
    c, d = rng.choice(spans)
    return text[:a] + text[c:d] + text[b:]


def substitute_number(rng: random.Random, text: str) -> str:
    found = list(NUMBER.finditer(text))
    if not found:
        return insert_punctuation(rng, text)
    m = rng.choice(found)
    return text[: m.start()] + rng.choice(EDGE_NUMBERS) + text[m.end() :]


def substitute_type(rng: random.Random, text: str) -> str:
    found = list(TYPE.finditer(text))
    if not found:
        return replace_token(rng, text)
    m = rng.choice(found)
    return text[: m.start()] + rng.choice(EDGE_TYPES) + text[m.end() :]


def delete_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.choice([1, 1, 2, 5]))
    return "\n".join(lines[:i] + lines[j:])


def duplicate_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.choice([1, 2, 4]))
    k = rng.randrange(len(lines) + 1)
    return "\n".join(lines[:k] + lines[i:j] + lines[k:])


MUTATORS = [
    flip_byte, insert_punctuation, truncate, delete_token, duplicate_token, swap_tokens,
    replace_token, substitute_number, substitute_number, substitute_type, substitute_type,
    delete_lines, duplicate_lines,
]  # fmt: skip


def splice(rng: random.Random, a: str, b: str) -> str:
    """The head of `a` and the tail of `b`, cut at line boundaries."""
    la, lb = a.split("\n"), b.split("\n")
    return "\n".join(la[: rng.randrange(len(la) + 1)] + lb[rng.randrange(len(lb) + 1) :])


def mutate(rng: random.Random, text: str, other: str | None = None) -> str:
    """One to three mutations of `text` (a splice with `other` first, sometimes)."""
    if other is not None and rng.random() < 0.15:
        text = splice(rng, text, other)
    for _ in range(rng.choice([1, 1, 2, 3])):
        text = rng.choice(MUTATORS)(rng, text)
    return text
